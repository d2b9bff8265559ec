package physical

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

// SortKey orders rows by one expression.
type SortKey struct {
	Expr       expr.Expr
	Descending bool
	NullsFirst bool
}

func (k SortKey) String() string {
	dir, nulls := "ASC", "NULLS LAST"
	if k.Descending {
		dir = "DESC"
	}
	if k.NullsFirst {
		nulls = "NULLS FIRST"
	}
	return k.Expr.String() + " " + dir + " " + nulls
}

// Sort is a global sort: it sorts every input partition (concurrently), then merges the
// sorted runs into one output partition. The order is Spark's: NULLs where each key says,
// NaN above every other double and -0.0 equal to 0.0, strings and binaries by unsigned
// bytes, false before true, decimals, dates, timestamps and intervals by value, structs and
// arrays lexicographically. The sort is stable: ties keep their input order (partition
// order, then row order).
//
// With fetch >= 0 it keeps only the first fetch rows (ORDER BY ... LIMIT): each partition
// keeps its best rows in a bounded heap. Otherwise a partition whose memory reservation
// cannot grow sorts what it holds, spills it as an Arrow IPC file, and its runs are merged
// with the others at the end.
type Sort struct {
	OpMetrics
	child  ExecutionPlan
	keys   []SortKey
	fetch  int64
	fields []aggregate.SortField
}

// NewSort builds a sort; fetch < 0 means no limit. Key types must be orderable (maps are
// not).
func NewSort(child ExecutionPlan, keys []SortKey, fetch int64) (*Sort, error) {
	fields := make([]aggregate.SortField, len(keys))
	for i, k := range keys {
		fields[i] = aggregate.SortField{Type: k.Expr.DataType(), Descending: k.Descending, NullsFirst: k.NullsFirst}
	}
	if _, err := aggregate.NewRowEncoder(fields); err != nil {
		return nil, err
	}
	if fetch < 0 {
		fetch = -1
	}
	return &Sort{child: child, keys: keys, fetch: fetch, fields: fields}, nil
}

func (s *Sort) Schema() *arrow.Schema     { return s.child.Schema() }
func (s *Sort) Partitions() int           { return 1 }
func (s *Sort) Children() []ExecutionPlan { return []ExecutionPlan{s.child} }
func (s *Sort) Describe() string {
	parts := make([]string, len(s.keys))
	for i, k := range s.keys {
		parts[i] = k.String()
	}
	d := "Sort: " + strings.Join(parts, ", ")
	if s.fetch >= 0 {
		d += fmt.Sprintf(", fetch=%d", s.fetch)
	}
	return d
}

func (s *Sort) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("sort: partition %d out of range", partition)
	}
	st := &sortStream{s: s}
	st.ctx, st.cancel = context.WithCancel(ctx)
	return s.meter(st), nil
}

// run is a sorted sequence of rows: in memory (batches, the sorted order as batch/row
// pairs, and the encoded keys in that order) or spilled to a file whose last column holds
// the keys.
type run struct {
	batches []arrow.RecordBatch
	src     []int32
	row     []int32
	keys    *aggregate.Rows
	file    *memory.SpillFile
}

func (r *run) release() {
	for _, b := range r.batches {
		b.Release()
	}
	r.batches = nil
	if r.file != nil {
		r.file.Remove()
		r.file = nil
	}
}

type sortStream struct {
	s        *Sort
	ctx      context.Context
	cancel   context.CancelFunc
	started  bool
	spill    *memory.SpillDir
	ownSpill bool
	runs     []*run
	res      []*memory.Reservation
	merger   *merger
	err      error
}

func (st *sortStream) Next() (arrow.RecordBatch, error) {
	if st.err != nil {
		return nil, st.err
	}
	if !st.started {
		st.started = true
		if err := st.sortInputs(); err != nil {
			st.err = err
			return nil, err
		}
	}
	if st.merger == nil {
		return nil, io.EOF
	}
	start := time.Now()
	b, err := st.merger.next()
	st.s.since(start)
	if err != nil && !IsEOF(err) {
		st.err = err
	}
	return b, err
}

func (st *sortStream) Close() {
	st.cancel()
	if st.merger != nil {
		st.merger.close()
	}
	for _, r := range st.runs {
		r.release()
	}
	st.runs = nil
	for _, r := range st.res {
		r.Close()
	}
	st.res = nil
	if st.ownSpill && st.spill != nil {
		st.spill.Close()
	}
}

// sortInputs sorts every input partition concurrently and prepares the merge.
func (st *sortStream) sortInputs() error {
	s := st.s
	if s.fetch == 0 {
		return nil
	}
	pool := memory.FromContext(st.ctx)
	st.spill = memory.SpillDirFromContext(st.ctx)
	if st.spill == nil {
		st.spill, st.ownSpill = memory.NewSpillDir(""), true
	}
	n := s.child.Partitions()
	results := make([][]*run, n)
	errs := make([]error, n)
	st.res = make([]*memory.Reservation, n)
	for p := range n {
		st.res[p] = pool.NewSpillableReservation(fmt.Sprintf("Sort[%d]", p))
	}
	var wg sync.WaitGroup
	for p := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[p], errs[p] = st.sortPartition(p, st.res[p])
			if errs[p] != nil {
				st.cancel()
			}
		}()
	}
	wg.Wait()
	for _, rs := range results {
		st.runs = append(st.runs, rs...)
	}
	for _, err := range errs {
		if err != nil && st.ctx.Err() == nil || err != nil && !isCanceled(err) {
			return err
		}
	}
	if err := st.ctx.Err(); err != nil {
		return err
	}
	m, err := newMerger(s.child.Schema(), st.runs, s.fetch)
	if err != nil {
		return err
	}
	st.merger = m
	return nil
}

func isCanceled(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func (st *sortStream) sortPartition(p int, res *memory.Reservation) ([]*run, error) {
	s := st.s
	enc, err := aggregate.NewRowEncoder(s.fields)
	if err != nil {
		return nil, err
	}
	in, err := s.child.Execute(st.ctx, p)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if s.fetch > 0 {
		tk := newTopK(s, enc, res, st.spill)
		defer tk.release()
		for {
			b, err := in.Next()
			if IsEOF(err) {
				break
			}
			if err != nil {
				return nil, err
			}
			start := time.Now()
			err = tk.add(b)
			s.since(start)
			if err != nil {
				return nil, err
			}
		}
		return tk.finishRuns(), nil
	}
	ps := &partSorter{s: s, enc: enc, res: res, spill: st.spill}
	for {
		b, err := in.Next()
		if IsEOF(err) {
			break
		}
		if err != nil {
			ps.release()
			return nil, err
		}
		if err := st.ctx.Err(); err != nil {
			b.Release()
			ps.release()
			return nil, err
		}
		start := time.Now()
		err = ps.add(b)
		s.since(start)
		if err != nil {
			ps.release()
			return nil, err
		}
	}
	start := time.Now()
	defer s.since(start)
	if len(ps.buffered) > 0 {
		ps.runs = append(ps.runs, ps.sortBuffered())
	}
	return ps.runs, nil
}

// evalSortKeys evaluates the key expressions and encodes them into new rows.
func evalSortKeys(keys []SortKey, enc *aggregate.RowEncoder, b arrow.RecordBatch) (*aggregate.Rows, error) {
	cols := make([]arrow.Array, len(keys))
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, k := range keys {
		c, err := k.Expr.Eval(b)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	rows := &aggregate.Rows{}
	enc.Encode(cols, int(b.NumRows()), rows)
	return rows, nil
}

// partSorter buffers one partition's batches and spills sorted runs under memory pressure.
type partSorter struct {
	s        *Sort
	enc      *aggregate.RowEncoder
	res      *memory.Reservation
	spill    *memory.SpillDir
	buffered []arrow.RecordBatch
	keys     []*aggregate.Rows
	rows     int
	runs     []*run
}

func (ps *partSorter) add(b arrow.RecordBatch) error {
	if b.NumRows() == 0 {
		b.Release()
		return nil
	}
	keys, err := evalSortKeys(ps.s.keys, ps.enc, b)
	if err != nil {
		b.Release()
		return err
	}
	size := aggregate.BatchSize(b) + keys.Size()
	if err := ps.res.TryGrow(size); err != nil {
		if len(ps.buffered) > 0 {
			if err := ps.spillBuffered(); err != nil {
				b.Release()
				return err
			}
		}
		if err := ps.res.TryGrow(size); err != nil {
			// Nothing left to spill: hold this batch anyway and spill it right away.
			ps.res.Grow(size)
			ps.push(b, keys)
			return ps.spillBuffered()
		}
	}
	ps.s.memory(ps.res.Size())
	ps.push(b, keys)
	return nil
}

func (ps *partSorter) push(b arrow.RecordBatch, keys *aggregate.Rows) {
	ps.buffered = append(ps.buffered, b)
	ps.keys = append(ps.keys, keys)
	ps.rows += int(b.NumRows())
}

// sortBuffered turns the buffered batches into an in-memory run.
func (ps *partSorter) sortBuffered() *run {
	perm, sorted := sortOrder(ps.keys, ps.rows)
	r := &run{batches: ps.buffered, src: make([]int32, len(perm)), row: make([]int32, len(perm))}
	// Global row numbers back to batch/row: by division when every batch but the last has
	// the same size (and the last is no larger), else through the batch starts.
	size := ps.buffered[0].NumRows()
	uniform := ps.buffered[len(ps.buffered)-1].NumRows() <= size
	for _, b := range ps.buffered[:len(ps.buffered)-1] {
		uniform = uniform && b.NumRows() == size
	}
	if uniform {
		for i, g := range perm {
			r.src[i], r.row[i] = int32(int64(g)/size), int32(int64(g)%size)
		}
	} else {
		starts := make([]int64, len(ps.buffered)+1)
		for k, b := range ps.buffered {
			starts[k+1] = starts[k] + b.NumRows()
		}
		for i, g := range perm {
			k := sort.Search(len(ps.buffered), func(k int) bool { return starts[k+1] > int64(g) })
			r.src[i], r.row[i] = int32(k), int32(int64(g)-starts[k])
		}
	}
	// Keys in sorted order, so merges read them sequentially.
	r.keys = sorted
	if r.keys == nil {
		r.keys = gatherRows(ps.keys, r.src, r.row)
	}
	ps.buffered, ps.keys, ps.rows = nil, nil, 0
	return r
}

// spillBuffered sorts the buffer and writes it to a spill file with its keys.
func (ps *partSorter) spillBuffered() error {
	r := ps.sortBuffered()
	defer r.release()
	defer ps.res.Free()
	f, err := writeRun(ps.s, ps.spill, r, len(r.src))
	if err != nil {
		return err
	}
	ps.runs = append(ps.runs, &run{file: f})
	return nil
}

// writeRun writes the first n rows of the in-memory run r to a spill file, with their keys
// in a last column, and counts the spill in s's metrics. The caller still owns r.
func writeRun(s *Sort, dir *memory.SpillDir, r *run, n int) (*memory.SpillFile, error) {
	schema := s.child.Schema()
	fields := append(append([]arrow.Field(nil), schema.Fields()...),
		arrow.Field{Name: "__sort_key", Type: arrow.BinaryTypes.Binary})
	spillSchema := arrow.NewSchema(fields, nil)
	w, err := memory.NewSpillWriter(dir, "sort", spillSchema)
	if err != nil {
		return nil, err
	}
	for lo := 0; lo < n; lo += DefaultBatchRows {
		hi := min(lo+DefaultBatchRows, n)
		data, err := aggregate.InterleaveBatches(schema, r.batches, r.src[lo:hi], r.row[lo:hi])
		if err != nil {
			w.Abort()
			return nil, err
		}
		keys := keyColumn(r, lo, hi)
		cols := append(append([]arrow.Array(nil), data.Columns()...), keys)
		out := array.NewRecordBatch(spillSchema, cols, int64(hi-lo))
		data.Release()
		keys.Release()
		err = w.Write(out)
		out.Release()
		if err != nil {
			w.Abort()
			return nil, err
		}
	}
	f, err := w.Finish()
	if err != nil {
		return nil, err
	}
	s.spilled(f.Rows(), f.Bytes())
	return f, nil
}

// keyColumn builds the binary column of the run's keys for sorted positions [lo, hi).
func keyColumn(r *run, lo, hi int) arrow.Array {
	bld := array.NewBinaryBuilder(arrowmem.DefaultAllocator, arrow.BinaryTypes.Binary)
	defer bld.Release()
	bld.Reserve(hi - lo)
	for i := lo; i < hi; i++ {
		bld.Append(r.keys.Row(i))
	}
	return bld.NewArray()
}

func (ps *partSorter) release() {
	for _, b := range ps.buffered {
		b.Release()
	}
	ps.buffered = nil
	for _, r := range ps.runs {
		r.release()
	}
	ps.runs = nil
}

// srcBatch is a batch rows are merged from; epoch/local place it in the output batch
// being built.
type srcBatch struct {
	batch arrow.RecordBatch
	epoch int
	local int32
}

// cursor walks one run in sorted order.
type cursor struct {
	order int // the run's position, for stable ties
	r     *run
	pos   int
	mem   []*srcBatch
	// spilled runs
	reader  *memory.SpillReader
	cur     *srcBatch
	curKeys *array.Binary
	curRows int
	// the current row
	sb     *srcBatch
	row    int32
	key    []byte
	prefix uint64 // the key's first 8 bytes, big-endian, zero padded
	done   bool
}

func keyPrefix(k []byte) uint64 {
	if len(k) >= 8 {
		return binary.BigEndian.Uint64(k)
	}
	var b [8]byte
	copy(b[:], k)
	return binary.BigEndian.Uint64(b[:])
}

func (c *cursor) advance(m *merger) error {
	if c.reader == nil {
		if c.pos >= len(c.r.src) {
			c.done = true
			return nil
		}
		k := c.r.src[c.pos]
		c.sb, c.row = c.mem[k], c.r.row[c.pos]
		c.key = c.r.keys.Row(c.pos)
		c.prefix = keyPrefix(c.key)
		c.pos++
		return nil
	}
	for c.cur == nil || c.pos >= c.curRows {
		if c.cur != nil {
			m.retired = append(m.retired, c.cur.batch)
			c.cur = nil
		}
		b, err := c.reader.Next()
		if IsEOF(err) {
			c.done = true
			c.reader.Close()
			c.reader = nil
			return nil
		}
		if err != nil {
			return err
		}
		nc := int(b.NumCols()) - 1
		keys := b.Column(nc).(*array.Binary)
		keys.Retain()
		if c.curKeys != nil {
			c.curKeys.Release()
		}
		c.curKeys = keys
		data := array.NewRecordBatch(m.schema, b.Columns()[:nc], b.NumRows())
		b.Release()
		c.cur = &srcBatch{batch: data, epoch: -1}
		c.curRows, c.pos = int(data.NumRows()), 0
	}
	c.sb, c.row = c.cur, int32(c.pos)
	c.key = c.curKeys.Value(c.pos)
	c.prefix = keyPrefix(c.key)
	c.pos++
	return nil
}

func (c *cursor) close() {
	if c.reader != nil {
		c.reader.Close()
		c.reader = nil
	}
	if c.cur != nil {
		c.cur.batch.Release()
		c.cur = nil
	}
	if c.curKeys != nil {
		c.curKeys.Release()
		c.curKeys = nil
	}
}

// merger merges runs with a binary heap of cursors ordered by (key, run order).
type merger struct {
	schema  *arrow.Schema
	heap    []*cursor
	all     []*cursor
	left    int64 // rows still allowed (-1 = no limit)
	epoch   int
	used    []*srcBatch
	src     []int32
	row     []int32
	retired []arrow.RecordBatch
}

func newMerger(schema *arrow.Schema, runs []*run, fetch int64) (*merger, error) {
	m := &merger{schema: schema, left: fetch}
	for i, r := range runs {
		c := &cursor{order: i, r: r}
		if r.file != nil {
			rd, err := r.file.Open()
			if err != nil {
				m.close()
				return nil, err
			}
			c.reader = rd
		} else {
			c.mem = make([]*srcBatch, len(r.batches))
			for k, b := range r.batches {
				c.mem[k] = &srcBatch{batch: b, epoch: -1}
			}
		}
		m.all = append(m.all, c)
		if err := c.advance(m); err != nil {
			m.close()
			return nil, err
		}
		if !c.done {
			m.heap = append(m.heap, c)
		}
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

func less(a, b *cursor) bool {
	if a.prefix != b.prefix {
		return a.prefix < b.prefix
	}
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c < 0
	}
	return a.order < b.order
}

func (m *merger) down(i int) {
	h := m.heap
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		j := l
		if r := l + 1; r < n && less(h[r], h[l]) {
			j = r
		}
		if !less(h[j], h[i]) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

func (m *merger) take(sb *srcBatch, row int32) {
	if sb.epoch != m.epoch {
		sb.epoch = m.epoch
		sb.local = int32(len(m.used))
		m.used = append(m.used, sb)
	}
	m.src = append(m.src, sb.local)
	m.row = append(m.row, row)
}

func (m *merger) next() (arrow.RecordBatch, error) {
	m.epoch++
	m.used, m.src, m.row = m.used[:0], m.src[:0], m.row[:0]
	for len(m.row) < DefaultBatchRows && len(m.heap) > 0 && m.left != 0 {
		c := m.heap[0]
		if len(m.heap) == 1 && c.reader == nil {
			// One in-memory run left: copy its order in bulk.
			m.take(c.sb, c.row)
			m.left--
			for len(m.row) < DefaultBatchRows && m.left != 0 && c.pos < len(c.r.src) {
				m.take(c.mem[c.r.src[c.pos]], c.r.row[c.pos])
				c.pos++
				m.left--
			}
			if err := c.advance(m); err != nil {
				return nil, err
			}
		} else {
			m.take(c.sb, c.row)
			m.left--
			if err := c.advance(m); err != nil {
				return nil, err
			}
		}
		if c.done {
			last := len(m.heap) - 1
			m.heap[0] = m.heap[last]
			m.heap = m.heap[:last]
		}
		if len(m.heap) > 0 {
			m.down(0)
		}
	}
	if len(m.row) == 0 {
		return nil, io.EOF
	}
	batches := make([]arrow.RecordBatch, len(m.used))
	for i, sb := range m.used {
		batches[i] = sb.batch
	}
	src := m.src
	if len(batches) == 1 {
		src = nil
	}
	out, err := aggregate.InterleaveBatches(m.schema, batches, src, m.row)
	for _, b := range m.retired {
		b.Release()
	}
	m.retired = m.retired[:0]
	return out, err
}

func (m *merger) close() {
	for _, c := range m.all {
		c.close()
	}
	for _, b := range m.retired {
		b.Release()
	}
	m.retired = nil
	m.heap = nil
}
