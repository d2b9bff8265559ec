package physical

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// FrameType says how the bounds of a window frame are measured.
type FrameType uint8

const (
	// RowsFrame bounds count rows from the current row.
	RowsFrame FrameType = iota
	// RangeFrame bounds compare the single order key's value with the current row's
	// (CURRENT ROW is the first or last of the current row's peers).
	RangeFrame
)

func (t FrameType) String() string {
	if t == RangeFrame {
		return "RANGE"
	}
	return "ROWS"
}

// BoundKind is the kind of one end of a window frame.
type BoundKind uint8

const (
	UnboundedPreceding BoundKind = iota
	Preceding
	CurrentRow
	Following
	UnboundedFollowing
)

// FrameBound is one end of a window frame. Preceding and Following carry an Offset, a
// constant expression (normally a literal): an integer number of rows for ROWS frames;
// for RANGE frames a value added to (Following) or subtracted from (Preceding) the order
// key, in the key's direction: a number for numeric keys (integral, floating, decimal), an
// integer number of days, a YEAR-MONTH interval or a DAY-only DAY-TIME interval for DATE
// keys, a DAY-TIME, YEAR-MONTH or calendar interval for TIMESTAMP and TIMESTAMP_NTZ keys,
// an interval of the same kind for interval keys. Offsets may be negative.
type FrameBound struct {
	Kind   BoundKind
	Offset expr.Expr
}

// OffsetBound is a Preceding or Following bound of n (rows, or a BIGINT range offset).
func OffsetBound(kind BoundKind, n int64) FrameBound {
	lit, _ := expr.NewLiteral(types.Long, n)
	return FrameBound{Kind: kind, Offset: lit}
}

func (b FrameBound) String() string {
	off := "?"
	if b.Offset != nil {
		off = b.Offset.String()
	}
	switch b.Kind {
	case UnboundedPreceding:
		return "UNBOUNDED PRECEDING"
	case Preceding:
		return off + " PRECEDING"
	case CurrentRow:
		return "CURRENT ROW"
	case Following:
		return off + " FOLLOWING"
	}
	return "UNBOUNDED FOLLOWING"
}

// WindowFrame is the frame of a window function: for each row, the rows of its window
// partition the function reads. The zero value is Spark's default frame: RANGE BETWEEN
// UNBOUNDED PRECEDING AND CURRENT ROW with an ORDER BY (the current row's peers
// included), the whole partition without one.
type WindowFrame struct {
	Type  FrameType
	Lower FrameBound
	Upper FrameBound
	// TimeZone is the session time zone, for RANGE offsets with months or days over
	// TIMESTAMP keys (nil: UTC).
	TimeZone *time.Location
	// ANSI makes a RANGE bound over a BIGINT key that overflows (key + offset) fail with
	// ARITHMETIC_OVERFLOW, as Spark's ANSI mode does; otherwise the bound saturates.
	ANSI bool
}

// WholePartition is ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING.
var WholePartition = WindowFrame{Type: RowsFrame, Lower: FrameBound{Kind: UnboundedPreceding},
	Upper: FrameBound{Kind: UnboundedFollowing}}

// RunningFrame is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.
var RunningFrame = WindowFrame{Type: RangeFrame, Lower: FrameBound{Kind: UnboundedPreceding},
	Upper: FrameBound{Kind: CurrentRow}}

func (f WindowFrame) unset() bool {
	return f.Lower.Kind == UnboundedPreceding && f.Upper.Kind == UnboundedPreceding &&
		f.Lower.Offset == nil && f.Upper.Offset == nil
}

func (f WindowFrame) String() string {
	return fmt.Sprintf("%s BETWEEN %s AND %s", f.Type, f.Lower, f.Upper)
}

// WindowFunc is one window function of a Window.
//
// Fn is the Spark name: row_number, rank, dense_rank, percent_rank, cume_dist, ntile(n),
// lag/lead(input[, offset[, default]]), nth_value(input, n), first_value/first/
// any_value, last_value/last, or any aggregate function physical/aggregate supports.
// Ranking functions, lag and lead ignore Frame (their frame is fixed by Spark); the
// others are evaluated over it.
type WindowFunc struct {
	Fn    string
	Args  []expr.Expr
	Frame WindowFrame
	// IgnoreNulls is IGNORE NULLS of lag, lead, nth_value, first_value and last_value.
	IgnoreNulls bool
	// Distinct, Filter, ANSI, LegacyStatisticalAggregate and InputTypes are the
	// aggregate.Call fields of aggregate functions.
	Distinct                   bool
	Filter                     expr.Expr
	ANSI                       bool
	LegacyStatisticalAggregate bool
	InputTypes                 []types.DataType
	// ResultType, when set, must equal the type the function computes.
	ResultType types.DataType
	// Name is the output column name; empty gives the function's text.
	Name string
}

// Window evaluates window functions. It outputs the child's columns followed by one column
// per function, with Spark 4's semantics.
//
// Its input partitions must already be distributed by partitionBy (rows with equal keys
// in one partition: a Repartition by the keys, or one partition when there are none).
// Each partition is sorted by (partitionBy ascending, orderBy...) with Sort's partition
// sorter, spilling under memory pressure (and then spilling its last run too, leaving the
// pool to the window partitions), and merged in order; without keys the input is read as
// is. The rows of each window partition (equal partitionBy keys) are held, reserved in the
// memory pool, until the partition is complete, then the functions are evaluated over them
// a column at a time. When the pool cannot hold the rows of a window partition, they are
// written to a spill file as they come and only the columns the functions read (their
// arguments, filters and the order keys) stay in memory, the others replaced by
// placeholders; the functions are evaluated over those, and the output is the file read
// back a batch at a time with the function columns appended. So a window partition
// larger than the pool does not fail: it holds in memory only what the functions read
// and compute (reserved past the limit when it must be). Output batches are the sorted
// input batches (at most DefaultBatchRows rows) with the function columns appended.
//
// Cost: ranking functions, lag/lead, nth_value and first/last_value are linear. count
// and sums of integers and decimals use prefix sums (constant time per row for any frame),
// unless a partial sum could overflow (ANSI bigint sums, decimal precision): then, like
// sums and averages of doubles and the statistical moments, values are added one by one
// in row order, extending the previous frame's state while frames only grow (running and
// whole-partition frames: linear) and recomputing when a frame loses rows at its start,
// as Spark does, so that results (rounding, overflow) are Spark's to the bit; doubles that
// are all small integers use exact prefix sums. min and max use a monotonic queue
// (linear). Other aggregates (collect_list, collect_set, interval sums, DISTINCT, FILTER)
// gather the rows of each distinct frame into the aggregate's accumulator. Consecutive
// rows with the same frame (peers, whole partitions) are evaluated once.
//
// RANGE offset bounds (key ± offset) are computed without overflow (saturating), where
// Spark's addition would wrap or fail.
type Window struct {
	OpMetrics
	child       ExecutionPlan
	partitionBy []expr.Expr
	orderBy     []SortKey
	funcs       []*winFunc
	frames      []*frameSpec
	sorter      *Sort
	schema      *arrow.Schema
	partFields  []aggregate.SortField
	orderFields []aggregate.SortField
	// narrowSchema is the child's schema with the columns the functions do not read typed
	// NULL (placeholders), and reads says which ones they read; nil when unknown.
	narrowSchema *arrow.Schema
	reads        []bool
}

// NewWindow builds a Window. The order keys and partition keys must be orderable (maps
// are not).
func NewWindow(child ExecutionPlan, partitionBy []expr.Expr, orderBy []SortKey, funcs []WindowFunc) (*Window, error) {
	w := &Window{child: child, partitionBy: partitionBy, orderBy: orderBy}
	var keys []SortKey
	for _, e := range partitionBy {
		keys = append(keys, SortKey{Expr: e, NullsFirst: true})
		w.partFields = append(w.partFields, aggregate.SortField{Type: e.DataType(), NullsFirst: true})
	}
	keys = append(keys, orderBy...)
	for _, k := range orderBy {
		w.orderFields = append(w.orderFields, aggregate.SortField{Type: k.Expr.DataType(),
			Descending: k.Descending, NullsFirst: k.NullsFirst})
	}
	if len(keys) > 0 {
		s, err := NewSort(child, keys, -1)
		if err != nil {
			return nil, err
		}
		w.sorter = s
	}
	fields := append([]arrow.Field(nil), child.Schema().Fields()...)
	frames := map[string]int{}
	for _, call := range funcs {
		f, err := resolveWindowFunc(call, orderBy)
		if err != nil {
			return nil, err
		}
		if f.frame != nil {
			fs, err := newFrameSpec(*f.frame, orderBy)
			if err != nil {
				return nil, err
			}
			if i, ok := frames[fs.key]; ok {
				f.frameIdx = i
			} else {
				f.frameIdx = len(w.frames)
				frames[fs.key] = f.frameIdx
				w.frames = append(w.frames, fs)
			}
		}
		w.funcs = append(w.funcs, f)
		fields = append(fields, arrow.Field{Name: f.name, Type: f.arrowType, Nullable: f.nullable})
	}
	w.schema = arrow.NewSchema(fields, nil)
	w.reads = w.readColumns()
	if w.reads != nil {
		nf := append([]arrow.Field(nil), child.Schema().Fields()...)
		for i := range nf {
			if !w.reads[i] {
				nf[i].Type, nf[i].Nullable = arrow.Null, true
			}
		}
		w.narrowSchema = arrow.NewSchema(nf, nil)
	}
	return w, nil
}

// readColumns marks the child columns the functions read from held rows: arguments,
// defaults, filters and order keys (partition keys are read as rows arrive). It returns
// nil when some expression's columns are unknown.
func (w *Window) readColumns() []bool {
	used := map[int]bool{}
	known := true
	add := func(e expr.Expr) {
		if e != nil && !expr.ColumnRefs(e, used) {
			known = false
		}
	}
	for _, f := range w.funcs {
		add(f.input)
		add(f.def)
		for _, a := range f.call.Args {
			add(a)
		}
		add(f.call.Filter)
	}
	for _, k := range w.orderBy {
		add(k.Expr)
	}
	if !known {
		return nil
	}
	reads := make([]bool, w.child.Schema().NumFields())
	for i := range used {
		if i >= 0 && i < len(reads) {
			reads[i] = true
		}
	}
	return reads
}

// narrow returns b with the columns the functions do not read replaced by NULL
// placeholders (b itself, retained, when every column may be read).
func (w *Window) narrow(b arrow.RecordBatch) arrow.RecordBatch {
	if w.reads == nil {
		b.Retain()
		return b
	}
	n := int(b.NumRows())
	cols := make([]arrow.Array, b.NumCols())
	for i := range cols {
		if w.reads[i] {
			cols[i] = b.Column(i)
			cols[i].Retain()
		} else {
			cols[i] = array.NewNull(n)
		}
	}
	nb := array.NewRecordBatch(w.narrowSchema, cols, int64(n))
	releaseArrays(cols)
	return nb
}

// WindowResultType is the Spark type of a window function's result.
func WindowResultType(call WindowFunc) (types.DataType, error) {
	f, err := resolveWindowFunc(call, nil)
	if err != nil {
		return nil, err
	}
	return f.sparkType, nil
}

func (w *Window) Schema() *arrow.Schema     { return w.schema }
func (w *Window) Partitions() int           { return w.child.Partitions() }
func (w *Window) Children() []ExecutionPlan { return []ExecutionPlan{w.child} }

func (w *Window) Describe() string {
	fs := make([]string, len(w.funcs))
	for i, f := range w.funcs {
		fs[i] = f.describe(w)
	}
	d := "Window: [" + strings.Join(fs, ", ") + "]"
	if len(w.partitionBy) > 0 {
		ps := make([]string, len(w.partitionBy))
		for i, e := range w.partitionBy {
			ps[i] = e.String()
		}
		d += ", partitionBy=[" + strings.Join(ps, ", ") + "]"
	}
	if len(w.orderBy) > 0 {
		os := make([]string, len(w.orderBy))
		for i, k := range w.orderBy {
			os[i] = k.String()
		}
		d += ", orderBy=[" + strings.Join(os, ", ") + "]"
	}
	return d
}

// Metrics adds the counters of the window's own sort (its spills, compute time and
// memory) to the window's.
func (w *Window) Metrics() map[string]int64 {
	m := w.OpMetrics.Metrics()
	if w.sorter == nil {
		return m
	}
	s := w.sorter.OpMetrics.Metrics()
	m["elapsed_compute"] += s["elapsed_compute"]
	for _, k := range []string{"spill_count", "spilled_rows", "spilled_bytes"} {
		if v := s[k]; v != 0 {
			m[k] = v
		}
	}
	if v := s["peak_mem_used"]; v > m["peak_mem_used"] {
		m["peak_mem_used"] = v
	}
	return m
}

func (w *Window) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= w.child.Partitions() {
		return nil, sparkerror.InternalError("window: partition %d out of range", partition)
	}
	st := &windowStream{w: w, ctx: ctx, p: partition}
	if len(w.partFields) > 0 {
		enc, err := aggregate.NewRowEncoder(w.partFields)
		if err != nil {
			return nil, err
		}
		st.partEnc = enc
	}
	if len(w.orderFields) > 0 {
		enc, err := aggregate.NewRowEncoder(w.orderFields)
		if err != nil {
			return nil, err
		}
		st.orderEnc = enc
	}
	return w.meter(st), nil
}

// windowStream is one partition of a Window.
type windowStream struct {
	w         *Window
	ctx       context.Context
	p         int
	started   bool
	done      bool
	err       error
	partEnc   *aggregate.RowEncoder
	orderEnc  *aggregate.RowEncoder
	keyRows   aggregate.Rows
	orderRows aggregate.Rows
	lastKey   []byte
	hasLast   bool
	starts    []int

	// input: the sorted runs and their merge, or the child directly (no keys)
	in       Stream
	runs     []*run
	merger   *merger
	sortRes  *memory.Reservation
	spill    *memory.SpillDir
	ownSpill bool

	res         *memory.Reservation
	pending     []arrow.RecordBatch // rows of the current, incomplete window partition
	pendingRows int
	pendingSize int64
	out         []arrow.RecordBatch
	outSize     int64

	// wide holds the pending rows in full once they outgrew the pool; pending then holds
	// them narrowed (Window.narrow). spilledOut is such a unit's output being read back.
	wide       *memory.SpillWriter
	spilledOut *spilledOut
}

// spilledOut reads a spilled unit's rows back and appends the function columns.
type spilledOut struct {
	reader  *memory.SpillReader
	file    *memory.SpillFile
	results []arrow.Array
	off     int
	size    int64 // reserved for the results
}

func (o *spilledOut) next(schema *arrow.Schema) (arrow.RecordBatch, error) {
	b, err := o.reader.Next()
	if err != nil {
		return nil, err
	}
	defer b.Release()
	ln := int(b.NumRows())
	cols := make([]arrow.Array, 0, int(b.NumCols())+len(o.results))
	cols = append(cols, b.Columns()...)
	for _, r := range o.results {
		cols = append(cols, array.NewSlice(r, int64(o.off), int64(o.off+ln)))
	}
	out := array.NewRecordBatch(schema, cols, int64(ln))
	releaseArrays(cols[b.NumCols():])
	o.off += ln
	return out, nil
}

func (o *spilledOut) close() {
	o.reader.Close()
	o.file.Remove()
	releaseArrays(o.results)
	o.results = nil
}

func (s *windowStream) Next() (arrow.RecordBatch, error) {
	for {
		if o := s.spilledOut; o != nil {
			b, err := o.next(s.w.schema)
			if err == nil {
				return b, nil
			}
			s.spilledOut = nil
			o.close()
			s.res.Shrink(o.size)
			if !IsEOF(err) {
				s.err = err
				s.release()
				return nil, err
			}
			continue
		}
		if len(s.out) > 0 {
			b := s.out[0]
			s.out[0] = nil
			s.out = s.out[1:]
			if len(s.out) == 0 {
				s.res.Shrink(s.outSize)
				s.outSize = 0
			}
			return b, nil
		}
		if s.err != nil {
			return nil, s.err
		}
		if s.done {
			return nil, io.EOF
		}
		if err := s.step(); err != nil {
			s.err = err
			s.release()
		}
	}
}

// step reads one sorted batch (or the end) and queues the output it completes.
func (s *windowStream) step() error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if !s.started {
		s.started = true
		if err := s.start(); err != nil {
			return err
		}
	}
	var b arrow.RecordBatch
	var err error
	if s.merger != nil {
		start := time.Now()
		b, err = s.merger.next()
		s.w.sorter.since(start)
	} else {
		b, err = s.in.Next()
	}
	if IsEOF(err) {
		s.done = true
		start := time.Now()
		defer s.w.since(start)
		return s.emit(nil)
	}
	if err != nil {
		return err
	}
	start := time.Now()
	defer s.w.since(start)
	return s.push(b)
}

func (s *windowStream) start() error {
	w := s.w
	pool := memory.FromContext(s.ctx)
	s.res = pool.NewReservation(fmt.Sprintf("Window[%d]", s.p))
	if w.sorter == nil {
		in, err := w.child.Execute(s.ctx, s.p)
		if err != nil {
			return err
		}
		s.in = in
		return nil
	}
	s.spill = memory.SpillDirFromContext(s.ctx)
	if s.spill == nil {
		s.spill, s.ownSpill = memory.NewSpillDir(""), true
	}
	s.sortRes = pool.NewSpillableReservation(fmt.Sprintf("WindowSort[%d]", s.p))
	if err := s.sortInput(); err != nil {
		return err
	}
	m, err := newMerger(w.child.Schema(), s.runs, -1)
	if err != nil {
		return err
	}
	s.merger = m
	return nil
}

// sortInput sorts the input partition into runs with Sort's partition sorter. When it had
// to spill, the rows still buffered at the end are spilled too: the merge then reads files
// only and the pool is left to the window partitions (which spill only their unread
// columns).
func (s *windowStream) sortInput() error {
	w := s.w
	enc, err := aggregate.NewRowEncoder(w.sorter.fields)
	if err != nil {
		return err
	}
	in, err := w.child.Execute(s.ctx, s.p)
	if err != nil {
		return err
	}
	defer in.Close()
	ps := &partSorter{s: w.sorter, enc: enc, res: s.sortRes, spill: s.spill}
	for {
		b, err := in.Next()
		if IsEOF(err) {
			break
		}
		if err == nil {
			err = s.ctx.Err()
			if err != nil {
				b.Release()
			}
		}
		if err != nil {
			ps.release()
			return err
		}
		start := time.Now()
		err = ps.add(b)
		w.sorter.since(start)
		if err != nil {
			ps.release()
			return err
		}
	}
	start := time.Now()
	defer w.sorter.since(start)
	if len(ps.buffered) > 0 {
		if len(ps.runs) > 0 {
			if err := ps.spillBuffered(); err != nil {
				ps.release()
				return err
			}
		} else {
			ps.runs = append(ps.runs, ps.sortBuffered())
		}
	}
	s.runs = ps.runs
	return nil
}

// push takes a sorted batch: the window partitions it completes are evaluated, the rows
// of the last (maybe incomplete) one are held.
func (s *windowStream) push(b arrow.RecordBatch) error {
	n := int(b.NumRows())
	if n == 0 {
		b.Release()
		return nil
	}
	size := aggregate.BatchSize(b)
	if s.partEnc == nil {
		return s.hold(b, size)
	}
	cols, err := evalAll(s.w.partitionBy, b)
	if err != nil {
		b.Release()
		return err
	}
	s.partEnc.Encode(cols, n, &s.keyRows)
	releaseArrays(cols)
	rows := &s.keyRows
	first := !s.hasLast || !bytes.Equal(s.lastKey, rows.Row(0))
	s.starts = s.starts[:0]
	prev := rows.Row(0)
	for r := 1; r < n; r++ {
		cur := rows.Row(r)
		if !bytes.Equal(cur, prev) {
			s.starts = append(s.starts, r)
		}
		prev = cur
	}
	s.lastKey = append(s.lastKey[:0], prev...)
	s.hasLast = true
	k := 0
	if len(s.starts) > 0 {
		k = s.starts[len(s.starts)-1]
	}
	if k == 0 && (!first || s.pendingRows == 0) {
		// The batch continues (or starts) the held partition.
		return s.hold(b, size)
	}
	// The held rows and b[:k] are complete partitions.
	pr := s.pendingRows
	starts := []int32{0}
	if first && pr > 0 && k > 0 {
		starts = append(starts, int32(pr))
	}
	for _, st := range s.starts[:len(s.starts)-min(len(s.starts), 1)] {
		starts = append(starts, int32(pr+st))
	}
	headSize := size * int64(k) / int64(n)
	if k > 0 {
		if err := s.hold(b.NewSlice(0, int64(k)), headSize); err != nil {
			b.Release()
			return err
		}
	}
	tail := b.NewSlice(int64(k), int64(n))
	b.Release()
	if err := s.emit(starts); err != nil {
		tail.Release()
		return err
	}
	return s.hold(tail, size-headSize)
}

// hold keeps b (taking ownership) as rows of the current window partition. When the pool
// has no room for them, the held rows go to a spill file (spillPending).
func (s *windowStream) hold(b arrow.RecordBatch, size int64) error {
	if s.wide == nil {
		err := s.res.TryGrow(size)
		if err == nil {
			s.pending = append(s.pending, b)
			s.pendingRows += int(b.NumRows())
			s.pendingSize += size
			s.w.memory(s.res.Size())
			return nil
		}
		if !memory.IsOutOfMemory(err) {
			b.Release()
			return err
		}
		if err := s.spillPending(); err != nil {
			b.Release()
			return err
		}
	}
	return s.holdSpilled(b)
}

// spillPending starts writing the held rows to a spill file, keeping them narrowed.
func (s *windowStream) spillPending() error {
	if s.spill == nil {
		s.spill, s.ownSpill = memory.NewSpillDir(""), true
	}
	w, err := memory.NewSpillWriter(s.spill, "window", s.w.child.Schema())
	if err != nil {
		return err
	}
	s.wide = w
	pieces := s.pending
	s.pending, s.pendingRows = nil, 0
	s.res.Shrink(s.pendingSize)
	s.pendingSize = 0
	for i, p := range pieces {
		if err := s.holdSpilled(p); err != nil {
			for _, q := range pieces[i+1:] {
				q.Release()
			}
			return err
		}
	}
	return nil
}

// holdSpilled writes b (taking ownership) to the spill file and holds it narrowed; what
// it holds is reserved even past the pool's limit.
func (s *windowStream) holdSpilled(b arrow.RecordBatch) error {
	err := s.wide.Write(b)
	nb := s.w.narrow(b)
	b.Release()
	if err != nil {
		nb.Release()
		return err
	}
	size := aggregate.BatchSize(nb)
	s.res.Grow(size)
	s.pending = append(s.pending, nb)
	s.pendingRows += int(nb.NumRows())
	s.pendingSize += size
	s.w.memory(s.res.Size())
	return nil
}

// emit evaluates the held rows, whose window partitions start at starts (nil: one
// partition), and queues the output batches.
func (s *windowStream) emit(starts []int32) error {
	if s.pendingRows == 0 {
		return nil
	}
	pieces, rows, size := s.pending, s.pendingRows, s.pendingSize
	s.pending, s.pendingRows, s.pendingSize = nil, 0, 0
	defer func() {
		for _, p := range pieces {
			p.Release()
		}
	}()
	// A spilled unit: its full rows are in file, pieces hold what the functions read.
	var file *memory.SpillFile
	grow := s.res.TryGrow
	if s.wide != nil {
		f, err := s.wide.Finish()
		s.wide = nil
		if err != nil {
			s.res.Shrink(size)
			return err
		}
		s.w.spilled(f.Rows(), f.Bytes())
		file = f
		defer func() {
			if file != nil {
				file.Remove()
			}
		}()
		grow = func(n int64) error { s.res.Grow(n); return nil }
	}
	if starts == nil {
		starts = []int32{0}
	}
	w := s.w
	u := &winUnit{s: s, pieces: pieces, n: rows, parts: append(starts, int32(rows))}
	defer u.release()
	// Working memory: frame bounds, peers, gathered arguments and results.
	scratch := int64(rows) * int64(16+8*len(w.frames)+24*len(w.funcs))
	if err := grow(scratch); err != nil {
		s.res.Shrink(size)
		return err
	}
	s.w.memory(s.res.Size())
	results := make([]arrow.Array, len(w.funcs))
	defer releaseArrays(results)
	var resSize int64
	for i, f := range w.funcs {
		if err := s.ctx.Err(); err != nil {
			s.res.Shrink(size + scratch)
			return err
		}
		r, err := f.eval(u)
		if err != nil {
			s.res.Shrink(size + scratch)
			return err
		}
		if r.Len() != rows || !arrow.TypeEqual(r.DataType(), f.arrowType) {
			r.Release()
			s.res.Shrink(size + scratch)
			return sparkerror.InternalError("window: %s produced %d rows of %s, want %d of %s",
				f.name, r.Len(), r.DataType(), rows, f.arrowType)
		}
		results[i] = r
		resSize += aggregate.ArraySize(r)
	}
	s.res.Shrink(scratch)
	s.res.Grow(resSize)
	if file != nil {
		s.res.Shrink(size) // the narrowed pieces are released on return
		rd, err := file.Open()
		if err != nil {
			s.res.Shrink(resSize)
			return err
		}
		for _, r := range results {
			r.Retain()
		}
		s.spilledOut = &spilledOut{reader: rd, file: file, results: append([]arrow.Array(nil), results...), size: resSize}
		file = nil
		return nil
	}
	s.outSize += size + resSize
	off := 0
	ncols := int(w.child.Schema().NumFields())
	for _, p := range pieces {
		ln := int(p.NumRows())
		cols := make([]arrow.Array, 0, ncols+len(results))
		cols = append(cols, p.Columns()...)
		for _, r := range results {
			cols = append(cols, array.NewSlice(r, int64(off), int64(off+ln)))
		}
		s.out = append(s.out, array.NewRecordBatch(w.schema, cols, int64(ln)))
		releaseArrays(cols[ncols:])
		off += ln
	}
	return nil
}

func (s *windowStream) release() {
	for _, b := range s.pending {
		b.Release()
	}
	s.pending, s.pendingRows, s.pendingSize = nil, 0, 0
	for _, b := range s.out {
		if b != nil {
			b.Release()
		}
	}
	s.out, s.outSize = nil, 0
	if s.wide != nil {
		s.wide.Abort()
		s.wide = nil
	}
	if s.spilledOut != nil {
		s.spilledOut.close()
		s.spilledOut = nil
	}
	if s.merger != nil {
		s.merger.close()
		s.merger = nil
	}
	for _, r := range s.runs {
		r.release()
	}
	s.runs = nil
	if s.in != nil {
		s.in.Close()
		s.in = nil
	}
	if s.sortRes != nil {
		s.sortRes.Close()
		s.sortRes = nil
	}
	if s.res != nil {
		s.res.Free()
	}
	if s.ownSpill && s.spill != nil {
		s.spill.Close()
		s.spill = nil
	}
}

func (s *windowStream) Close() {
	s.release()
	if s.res != nil {
		s.res.Close()
		s.res = nil
	}
	if s.err == nil {
		s.err = io.EOF
	}
	s.done = true
}
