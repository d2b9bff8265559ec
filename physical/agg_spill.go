package physical

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/memory"
)

// Spilling hash aggregate (Final and Single modes), after DataFusion's row-hash design: when
// the reservation cannot grow, the groups' intermediate states are written, sorted by the
// encoded group key, as one run (keys, states, encoded key); the table starts over. At the
// end the rest is spilled too and the runs are merged by key: equal keys across runs are
// one group, whose states are folded together with Merge (in run order, so first/last and
// collect_list see the input order), and the output is Evaluate()d a bounded batch of
// groups at a time. The runs are consecutive batches of one Arrow IPC file, read back by
// batch number: one file per aggregate partition, however many times it spills.

// aggRun is a sorted run: batches [first, end) of the spill file.
type aggRun struct {
	first, end  int
	rows, bytes int64
}

// minMergeTarget is the least accumulator memory a merged output batch aims for.
const minMergeTarget = 64 << 10

// spillTable writes the table's groups and states, sorted by key, as a run and leaves the
// accumulators consumed (the caller resets).
func (s *aggStream) spillTable() error {
	h := s.h
	n := s.groups
	if s.spill == nil {
		s.spill, s.ownSpill = memory.NewSpillDir(""), true
	}
	if s.enc == nil {
		fields := make([]aggregate.SortField, len(h.keyTypes))
		for i, t := range h.keyTypes {
			fields[i] = aggregate.SortField{Type: t, NullsFirst: true}
		}
		enc, err := aggregate.NewRowEncoder(fields)
		if err != nil {
			return err
		}
		s.enc = enc
	}
	var cols []arrow.Array // keys then states, in group order
	defer func() { releaseArrays(cols) }()
	keys, err := s.table.KeyColumns()
	if err != nil {
		return err
	}
	cols = append(cols, keys...)
	for _, acc := range s.accs {
		st, err := acc.State()
		if err != nil {
			return err
		}
		cols = append(cols, st...)
	}
	s.enc.Encode(keys, n, &s.keyRows)
	perm, sorted := sortOrder([]*aggregate.Rows{&s.keyRows}, n)
	idx := make([]int32, min(n, DefaultBatchRows))
	if sorted == nil {
		rows := make([]int32, n)
		for i, g := range perm {
			rows[i] = int32(g)
		}
		sorted = gatherRows([]*aggregate.Rows{&s.keyRows}, make([]int32, n), rows)
	}
	if s.spillW == nil {
		if s.spillW, err = memory.NewSpillWriter(s.spill, "agg", h.spillSchema); err != nil {
			return err
		}
	}
	w := s.spillW
	run := aggRun{first: w.Batches(), rows: w.Rows(), bytes: w.Bytes()}
	out := make([]arrow.Array, len(cols)+1)
	for lo := 0; lo < n; lo += DefaultBatchRows {
		hi := min(lo+DefaultBatchRows, n)
		idx = idx[:hi-lo]
		for i := range idx {
			idx[i] = int32(perm[lo+i])
		}
		for c, col := range cols {
			if out[c], err = aggregate.Take(col, idx); err != nil {
				releaseArrays(out)
				return err
			}
		}
		out[len(cols)] = binaryRows(sorted, lo, hi)
		b := array.NewRecordBatch(h.spillSchema, out, int64(hi-lo))
		releaseArrays(out)
		clear(out)
		err = w.Write(b)
		b.Release()
		if err != nil {
			return err
		}
	}
	run.end, run.rows, run.bytes = w.Batches(), w.Rows()-run.rows, w.Bytes()-run.bytes
	s.runs = append(s.runs, run)
	h.spilled(run.rows, run.bytes)
	return nil
}

// binaryRows wraps encoded rows [lo, hi) as a binary array without copying the bytes.
func binaryRows(r *aggregate.Rows, lo, hi int) arrow.Array {
	n := hi - lo
	offs := make([]int32, n+1)
	var data []byte
	if r.Width >= 0 {
		for i := range offs {
			offs[i] = int32(i * r.Width)
		}
		data = r.Data[lo*r.Width : hi*r.Width]
	} else {
		base := r.Offsets[lo]
		for i := range offs {
			offs[i] = r.Offsets[lo+i] - base
		}
		data = r.Data[base:r.Offsets[hi]]
	}
	d := array.NewData(arrow.BinaryTypes.Binary, n, []*arrowmem.Buffer{nil,
		arrowmem.NewBufferBytes(arrow.Int32Traits.CastToBytes(offs)), arrowmem.NewBufferBytes(data)}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// startMerge spills what is left, gives the memory back and opens the merge of the runs.
func (s *aggStream) startMerge() error {
	if s.groups > 0 {
		if err := s.spillTable(); err != nil {
			return err
		}
	}
	s.release()
	s.res.Free()
	s.used = 0
	f, err := s.spillW.Finish()
	s.spillW = nil
	if err != nil {
		return err
	}
	s.spillFile = f
	r, err := f.Open()
	if err != nil {
		return err
	}
	// The table's size when the pool refused more is about what a merged batch may hold.
	s.merge = newAggMerger(s.h, s.res, r, s.runs, max(s.spilledSize/2, minMergeTarget))
	return s.merge.start()
}

// aggCursor walks one spilled run in key order.
type aggCursor struct {
	order    int
	next     int // the run's next batch in the file
	end      int
	batch    arrow.RecordBatch
	keys     *array.Binary
	n, pos   int
	key      []byte
	prefix   [2]uint64 // the key's first 16 bytes, big-endian, zero padded
	rowBytes int64     // the run's average bytes per row
	done     bool
	// Rows [segLo, pos) of batch belong to the output batch being built, in groups gids.
	segLo int
	gids  []uint32
}

// aggSegment is a slice of a run's batch to merge into the output batch's groups; its
// group ids are gids[lo:hi] of the merger.
type aggSegment struct {
	order  int
	batch  arrow.RecordBatch
	lo, hi int
	gid0   int // offset of the segment's group ids in the merger's gids
}

type aggMerger struct {
	h      *HashAggregate
	res    *memory.Reservation
	r      *memory.SpillReader
	all    []*aggCursor
	heap   []*aggCursor
	groups int // output groups per batch at most
	// Output batches are cut so that their accumulators stay near target bytes: a batch
	// gathers rows until their spilled bytes times ratio (accumulator bytes per spilled
	// byte, measured on the previous batch) reach the target.
	target int64
	ratio  float64
	base   int64 // bytes of empty accumulators

	// The groups gathered and not yet emitted: pending groups, their rows as segments,
	// and their keys' rows.
	pending int
	est     int64 // estimated state bytes of the pending groups
	need    int64 // bytes a failed merge asked for
	segs    []aggSegment
	gids    []uint32
	firsts  []arrow.RecordBatch // batches holding each group's first row (its key)
	fsrc    []int32
	frow    []int32
	accs    []aggregate.Accumulator
	slices  []arrow.Array
}

// newAggMerger merges the runs of the file r (which it closes).
func newAggMerger(h *HashAggregate, res *memory.Reservation, r *memory.SpillReader, runs []aggRun, target int64) *aggMerger {
	// Accumulators usually take a few times the bytes of their spilled state (hash tables
	// of DISTINCT and collect_set more): start cautiously, then measure.
	m := &aggMerger{h: h, res: res, r: r, target: target, ratio: 8, groups: DefaultBatchRows}
	for _, f := range h.fns {
		a := f.NewAccumulator()
		m.base += a.Size()
		a.Release()
	}
	for i, run := range runs {
		m.all = append(m.all, &aggCursor{order: i, next: run.first, end: run.end,
			rowBytes: max(run.bytes/max(run.rows, 1), 1)})
	}
	return m
}

// start reads each run's first batch.
func (m *aggMerger) start() error {
	for _, c := range m.all {
		if err := m.load(c); err != nil {
			return err
		}
		if !c.done {
			m.heap = append(m.heap, c)
		}
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return nil
}

// load reads the cursor's next batch (or marks it done).
func (m *aggMerger) load(c *aggCursor) error {
	for {
		if c.next == c.end {
			c.done = true
			return nil
		}
		b, err := m.r.BatchAt(c.next)
		c.next++
		if err != nil {
			return err
		}
		if b.NumRows() == 0 {
			b.Release()
			continue
		}
		c.batch, c.n, c.pos, c.segLo = b, int(b.NumRows()), 0, 0
		c.keys = b.Column(int(b.NumCols()) - 1).(*array.Binary)
		c.setKey()
		return nil
	}
}

func (c *aggCursor) setKey() {
	c.key = c.keys.Value(c.pos)
	c.prefix[0] = keyPrefix(c.key)
	c.prefix[1] = 0
	if len(c.key) > 8 {
		c.prefix[1] = keyPrefix(c.key[8:])
	}
}

func (c *aggCursor) close() {
	if c.batch != nil {
		c.batch.Release()
		c.batch = nil
	}
}

func lessAgg(a, b *aggCursor) bool {
	// Most keys differ in their first 16 bytes (an int64 key takes 9).
	if a.prefix[0] != b.prefix[0] {
		return a.prefix[0] < b.prefix[0]
	}
	if a.prefix[1] != b.prefix[1] {
		return a.prefix[1] < b.prefix[1]
	}
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c < 0
	}
	return a.order < b.order
}

func (m *aggMerger) down(i int) {
	h := m.heap
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		j := l
		if r := l + 1; r < n && lessAgg(h[r], h[l]) {
			j = r
		}
		if !lessAgg(h[j], h[i]) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// flush turns the cursor's pending rows into a segment.
func (m *aggMerger) flush(c *aggCursor) {
	if c.pos == c.segLo {
		return
	}
	c.batch.Retain()
	m.segs = append(m.segs, aggSegment{order: c.order, batch: c.batch, lo: c.segLo, hi: c.pos, gid0: len(m.gids)})
	m.gids = append(m.gids, c.gids...)
	c.gids = c.gids[:0]
	c.segLo = c.pos
}

// advance moves the cursor past its current row.
func (m *aggMerger) advance(c *aggCursor) error {
	c.pos++
	if c.pos < c.n {
		c.setKey()
		return nil
	}
	m.flush(c)
	c.batch.Release()
	c.batch = nil
	return m.load(c)
}

// next returns the next batch of merged groups. It gathers rows in key order until a new
// group would exceed the batch's group count or estimated size, then folds their states
// into new accumulators and evaluates them. When the accumulators do not fit, it emits the
// first half of the groups and keeps the rest for the next batch; one group that does not
// fit is an error.
func (m *aggMerger) next() (arrow.RecordBatch, error) {
	if m.pending == 0 {
		m.drop()
		if err := m.gather(); err != nil {
			return nil, err
		}
		if m.pending == 0 {
			return nil, io.EOF
		}
	}
	k := m.pending
	for {
		err := m.mergeGroups(k)
		if err == nil {
			break
		}
		m.releaseAccs()
		if !memory.IsOutOfMemory(err) {
			return nil, err
		}
		if k == 1 {
			return nil, memory.OutOfMemory(m.need, 0, fmt.Sprintf(
				"%s: the merged state of one group does not fit in memory even after spilling", m.res.Name()))
		}
		// Aim lower from now on: half of what did not fit.
		k /= 2
		m.groups = k
		m.target = max(min(m.target, m.need/2), m.base+1)
	}
	if k == m.pending {
		var size int64
		for _, a := range m.accs {
			size += a.Size()
		}
		m.ratio = max(float64(size-m.base)/float64(max(m.est, 1)), 1)
		m.groups = min(2*m.groups, DefaultBatchRows)
	}
	out, err := m.evaluate(k)
	m.releaseAccs()
	if err != nil {
		return nil, err
	}
	m.dropGroups(k)
	return out, nil
}

// gather takes the rows of the next batch of groups off the heap as segments.
func (m *aggMerger) gather() error {
	groups := 0
	var est int64
	budget := int64(float64(max(m.target-m.base, 0)) / m.ratio)
	var last []byte
	for len(m.heap) > 0 {
		c := m.heap[0]
		if groups == 0 || !bytes.Equal(c.key, last) {
			if groups == m.groups || groups > 0 && est >= budget {
				break
			}
			if len(m.firsts) == 0 || m.firsts[len(m.firsts)-1] != c.batch {
				c.batch.Retain()
				m.firsts = append(m.firsts, c.batch)
			}
			m.fsrc = append(m.fsrc, int32(len(m.firsts)-1))
			m.frow = append(m.frow, int32(c.pos))
			last = c.key
			groups++
		}
		c.gids = append(c.gids, uint32(groups-1))
		est += c.rowBytes
		if err := m.advance(c); err != nil {
			return err
		}
		if c.done {
			end := len(m.heap) - 1
			m.heap[0] = m.heap[end]
			m.heap = m.heap[:end]
		}
		if len(m.heap) > 0 {
			m.down(0)
		}
	}
	for _, c := range m.all {
		if !c.done {
			m.flush(c)
		}
	}
	// Merge run by run, so that each group sees its states in input order.
	slices.SortStableFunc(m.segs, func(a, b aggSegment) int { return a.order - b.order })
	m.pending, m.est = groups, est
	return nil
}

// segGroups is the number of a segment's rows that belong to groups below k (its group
// ids never decrease).
func (m *aggMerger) segGroups(sg *aggSegment, k int) int {
	ids := m.gids[sg.gid0 : sg.gid0+sg.hi-sg.lo]
	return sort.Search(len(ids), func(i int) bool { return int(ids[i]) >= k })
}

// mergeGroups folds the states of the first k pending groups into new accumulators,
// growing the reservation as they grow.
func (m *aggMerger) mergeGroups(k int) error {
	h := m.h
	m.accs = make([]aggregate.Accumulator, len(h.fns))
	for i, f := range h.fns {
		m.accs[i] = f.NewAccumulator()
		m.accs[i].Resize(k)
	}
	for i := range m.segs {
		sg := &m.segs[i]
		n := m.segGroups(sg, k)
		if n == 0 {
			continue
		}
		ids := m.gids[sg.gid0 : sg.gid0+n]
		whole := sg.lo == 0 && n == int(sg.batch.NumRows())
		var size int64
		for a, f := range h.fns {
			off := h.stateOffsets[a]
			m.slices = m.slices[:0]
			for c := off; c < off+len(f.StateFields()); c++ {
				col := sg.batch.Column(c)
				if whole {
					col.Retain()
				} else {
					col = array.NewSlice(col, int64(sg.lo), int64(sg.lo+n))
				}
				m.slices = append(m.slices, col)
			}
			err := m.accs[a].Merge(ids, m.slices)
			releaseArrays(m.slices)
			if err != nil {
				return err
			}
			size += m.accs[a].Size()
		}
		if err := m.res.TryResize(size); err != nil {
			m.need = size
			return err
		}
		m.h.memory(size)
	}
	return nil
}

// evaluate builds the output batch of the first k pending groups: keys, then results.
func (m *aggMerger) evaluate(k int) (arrow.RecordBatch, error) {
	h := m.h
	cols := make([]arrow.Array, 0, h.schema.NumFields())
	defer func() { releaseArrays(cols) }()
	srcs := make([]arrow.Array, len(m.firsts))
	for c := range h.keyTypes {
		for i, b := range m.firsts {
			srcs[i] = b.Column(c)
		}
		a, err := aggregate.Interleave(h.keyTypes[c], srcs, m.fsrc[:k], m.frow[:k])
		if err != nil {
			return nil, err
		}
		cols = append(cols, a)
	}
	for _, acc := range m.accs {
		v, err := acc.Evaluate()
		if err != nil {
			return nil, err
		}
		cols = append(cols, v)
	}
	return array.NewRecordBatch(h.schema, cols, int64(k)), nil
}

// dropGroups forgets the first k pending groups: the segments' rows for them and their
// keys; the rest are renumbered from 0.
func (m *aggMerger) dropGroups(k int) {
	segs := m.segs[:0]
	for _, sg := range m.segs {
		n := m.segGroups(&sg, k)
		sg.lo += n
		sg.gid0 += n
		if sg.lo == sg.hi {
			sg.batch.Release()
			continue
		}
		for i := sg.gid0; i < sg.gid0+sg.hi-sg.lo; i++ {
			m.gids[i] -= uint32(k)
		}
		segs = append(segs, sg)
	}
	clear(m.segs[len(segs):])
	m.segs = segs
	m.fsrc = m.fsrc[:copy(m.fsrc, m.fsrc[k:])]
	m.frow = m.frow[:copy(m.frow, m.frow[k:])]
	m.pending -= k
}

func (m *aggMerger) releaseAccs() {
	for _, a := range m.accs {
		a.Release()
	}
	m.accs = nil
	m.res.Free()
}

// drop releases the segments and key sources of the groups gathered last.
func (m *aggMerger) drop() {
	for _, sg := range m.segs {
		sg.batch.Release()
	}
	m.segs, m.gids = m.segs[:0], m.gids[:0]
	for _, b := range m.firsts {
		b.Release()
	}
	clear(m.firsts)
	m.firsts, m.fsrc, m.frow = m.firsts[:0], m.fsrc[:0], m.frow[:0]
	m.pending = 0
}

func (m *aggMerger) close() {
	m.releaseAccs()
	m.drop()
	for _, c := range m.all {
		c.close()
	}
	m.all, m.heap = nil, nil
	if m.r != nil {
		m.r.Close()
		m.r = nil
	}
}
