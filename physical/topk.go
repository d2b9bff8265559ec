package physical

import (
	"bytes"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/memory"
)

// topK keeps the best k rows of a partition in a max-heap whose root is the worst row
// kept; rows are ordered by (key, arrival) so ties keep input order. Input batches stay
// referenced while some of their rows are kept and are compacted into one batch when
// they hold many more rows than the heap.
//
// When the reservation cannot grow, the heap's rows are sorted and spilled as a run (at
// most k rows) and the heap starts over; the merge reads the runs with the fetch limit.
// A spilled run of k rows bounds the rest: a later row whose key is not below the run's
// last key cannot be among the first k, so it is skipped.
type topK struct {
	s        *Sort
	enc      *aggregate.RowEncoder
	res      *memory.Reservation
	spill    *memory.SpillDir
	k        int
	heap     []topEntry
	batches  []*topBatch
	seq      uint64
	retained int
	runs     []*run // spilled runs, in input order
	bound    []byte // the smallest last key of a spilled run of k rows
}

type topBatch struct {
	batch arrow.RecordBatch
	keys  *aggregate.Rows
	live  int
	size  int64
}

type topEntry struct {
	key   []byte
	batch int32
	row   int32
	seq   uint64
}

func newTopK(s *Sort, enc *aggregate.RowEncoder, res *memory.Reservation, spill *memory.SpillDir) *topK {
	return &topK{s: s, enc: enc, res: res, spill: spill, k: int(min(s.fetch, 1<<30))}
}

// worse reports whether a sorts after b.
func worse(a, b *topEntry) bool {
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c > 0
	}
	return a.seq > b.seq
}

func (t *topK) up(i int) {
	h := t.heap
	for i > 0 {
		p := (i - 1) / 2
		if !worse(&h[i], &h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (t *topK) down(i int) {
	h := t.heap
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		j := l
		if r := l + 1; r < n && worse(&h[r], &h[l]) {
			j = r
		}
		if !worse(&h[j], &h[i]) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

func (t *topK) add(b arrow.RecordBatch) error {
	if b.NumRows() == 0 {
		b.Release()
		return nil
	}
	keys, err := evalSortKeys(t.s.keys, t.enc, b)
	if err != nil {
		b.Release()
		return err
	}
	tb := &topBatch{batch: b, keys: keys}
	idx := int32(len(t.batches))
	for i := range int(b.NumRows()) {
		e := topEntry{key: keys.Row(i), batch: idx, row: int32(i), seq: t.seq}
		t.seq++
		if t.bound != nil && bytes.Compare(e.key, t.bound) >= 0 {
			continue
		}
		if len(t.heap) < t.k {
			t.heap = append(t.heap, e)
			t.up(len(t.heap) - 1)
			tb.live++
			continue
		}
		if !worse(&t.heap[0], &e) {
			continue
		}
		if old := t.heap[0].batch; old == idx {
			tb.live--
		} else {
			t.batches[old].live--
		}
		t.heap[0] = e
		tb.live++
		t.down(0)
	}
	if tb.live == 0 {
		b.Release()
	} else {
		tb.size = aggregate.BatchSize(b) + keys.Size()
		if err := t.res.TryGrow(tb.size); err != nil {
			if !memory.IsOutOfMemory(err) {
				b.Release()
				return err
			}
			// Hold it anyway and spill everything held.
			t.res.Grow(tb.size)
			t.batches = append(t.batches, tb)
			t.retained += int(b.NumRows())
			return t.spillHeap()
		}
		t.s.memory(t.res.Size())
		t.batches = append(t.batches, tb)
		t.retained += int(b.NumRows())
	}
	for _, ob := range t.batches {
		if ob != nil && ob.live == 0 {
			t.drop(ob)
		}
	}
	if t.retained > 2*t.k+4*DefaultBatchRows && len(t.batches) > 1 {
		return t.compact()
	}
	return nil
}

func (t *topK) drop(tb *topBatch) {
	if tb.batch != nil {
		tb.batch.Release()
		tb.batch = nil
		t.retained -= int(tb.keys.N)
		t.res.Shrink(tb.size)
	}
}

// liveBatches lists the batches still referenced and maps old indices to new ones.
func (t *topK) liveBatches() ([]*topBatch, []int32) {
	remap := make([]int32, len(t.batches))
	var live []*topBatch
	for i, tb := range t.batches {
		remap[i] = -1
		if tb != nil && tb.batch != nil {
			remap[i] = int32(len(live))
			live = append(live, tb)
		}
	}
	return live, remap
}

// compact copies the kept rows (and their keys) into one batch.
func (t *topK) compact() error {
	live, remap := t.liveBatches()
	batches := make([]arrow.RecordBatch, len(live))
	for i, tb := range live {
		batches[i] = tb.batch
	}
	src := make([]int32, len(t.heap))
	rows := make([]int32, len(t.heap))
	for i, e := range t.heap {
		src[i], rows[i] = remap[e.batch], e.row
	}
	nb, err := aggregate.InterleaveBatches(t.s.child.Schema(), batches, src, rows)
	if err != nil {
		return err
	}
	keys := &aggregate.Rows{Width: t.enc.Width(), N: len(t.heap)}
	if keys.Width < 0 {
		keys.Offsets = make([]int32, 0, len(t.heap)+1)
		keys.Offsets = append(keys.Offsets, 0)
	}
	for _, e := range t.heap {
		keys.Data = append(keys.Data, e.key...)
		if keys.Width < 0 {
			keys.Offsets = append(keys.Offsets, int32(len(keys.Data)))
		}
	}
	for i := range t.heap {
		t.heap[i].batch, t.heap[i].row = 0, int32(i)
		t.heap[i].key = keys.Row(i)
	}
	for _, tb := range live {
		t.drop(tb)
	}
	tb := &topBatch{batch: nb, keys: keys, live: len(t.heap), size: aggregate.BatchSize(nb) + keys.Size()}
	t.res.Grow(tb.size)
	t.batches = []*topBatch{tb}
	t.retained = int(nb.NumRows())
	return nil
}

// spillHeap writes the kept rows, sorted, to a spill file and empties the heap.
func (t *topK) spillHeap() error {
	r := t.finish()
	t.retained = 0
	defer t.res.Free()
	if r == nil {
		return nil
	}
	defer r.release()
	n := len(r.src)
	f, err := writeRun(t.s, t.spill, r, n)
	if err != nil {
		return err
	}
	t.runs = append(t.runs, &run{file: f})
	if last := r.keys.Row(n - 1); n == t.k && (t.bound == nil || bytes.Compare(last, t.bound) < 0) {
		t.bound = append(t.bound[:0], last...)
	}
	return nil
}

// finishRuns returns the partition's sorted runs: the spilled ones, then the kept rows in
// memory (taking over their batches).
func (t *topK) finishRuns() []*run {
	runs := t.runs
	t.runs = nil
	if r := t.finish(); r != nil {
		runs = append(runs, r)
	}
	return runs
}

// finish returns the kept rows as a sorted in-memory run (nil when empty); the run takes
// over the batches.
func (t *topK) finish() *run {
	if len(t.heap) == 0 {
		return nil
	}
	live, remap := t.liveBatches()
	slices.SortFunc(t.heap, func(a, b topEntry) int {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.seq < b.seq {
			return -1
		}
		return 1
	})
	r := &run{src: make([]int32, len(t.heap)), row: make([]int32, len(t.heap))}
	var keys []*aggregate.Rows
	for i, e := range t.heap {
		r.src[i], r.row[i] = remap[e.batch], e.row
	}
	for _, tb := range live {
		r.batches = append(r.batches, tb.batch)
		keys = append(keys, tb.keys)
		tb.batch = nil
	}
	r.keys = gatherRows(keys, r.src, r.row)
	t.batches, t.heap = nil, nil
	return r
}

func (t *topK) release() {
	for _, tb := range t.batches {
		if tb != nil && tb.batch != nil {
			tb.batch.Release()
			tb.batch = nil
		}
	}
	t.batches = nil
	for _, r := range t.runs {
		r.release()
	}
	t.runs = nil
}
