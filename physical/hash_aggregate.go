package physical

import (
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
)

// AggregateMode is the step of a hash aggregate.
type AggregateMode int

const (
	// AggregatePartial aggregates each input partition on its own and outputs the group
	// keys and each function's intermediate state columns.
	AggregatePartial AggregateMode = iota
	// AggregateFinal merges Partial outputs: its input must hold the group key columns then
	// each call's state columns, in order, with equal keys in the same partition (after a
	// Repartition by the keys, or a Coalesce). It outputs the keys and the results.
	AggregateFinal
	// AggregateSingle aggregates everything in one step, reading all input partitions into
	// one output partition.
	AggregateSingle
)

func (m AggregateMode) String() string {
	switch m {
	case AggregatePartial:
		return "Partial"
	case AggregateFinal:
		return "Final"
	}
	return "Single"
}

// HashAggregate groups rows by key expressions in a hash table and runs aggregate
// functions over each group. Without group keys it is a global aggregate, which outputs
// exactly one row (count 0, sum NULL, ...) even for empty input. Without calls it is
// DISTINCT over the keys.
//
// Memory: the table and the accumulators are accounted in a reservation. When it cannot
// grow, Partial mode emits what it has and starts over (Final merges the pieces); Final and
// Single spill the groups' intermediate states, sorted by key, to an Arrow IPC file, start
// over, and at the end merge the sorted runs by key (agg_spill.go). A global aggregate (no
// keys) cannot spill and fails with UNABLE_TO_ACQUIRE_MEMORY, as does a merge whose single
// group does not fit.
type HashAggregate struct {
	OpMetrics
	child        ExecutionPlan
	groups       []expr.Expr
	groupNames   []string
	calls        []aggregate.Call
	fns          []*aggregate.Function
	mode         AggregateMode
	schema       *arrow.Schema
	keyTypes     []arrow.DataType
	stateOffsets []int
	spillSchema  *arrow.Schema // keys, states and the encoded key: a spilled run's columns
}

// NewHashAggregate builds a hash aggregate. In Final mode groups are expressions over the
// Partial output (normally its first len(groups) columns) and calls are the same calls as
// the Partial's (their Args and Filter are not evaluated again).
func NewHashAggregate(child ExecutionPlan, groups []expr.Expr, groupNames []string, aggs []aggregate.Call, mode AggregateMode) (*HashAggregate, error) {
	if len(groupNames) != len(groups) {
		return nil, sparkerror.InternalError("hash aggregate: %d group names for %d groups", len(groupNames), len(groups))
	}
	h := &HashAggregate{child: child, groups: groups, groupNames: groupNames, calls: aggs, mode: mode}
	var fields []arrow.Field
	for i, g := range groups {
		if err := aggregate.CheckKeyType(g.DataType()); err != nil {
			return nil, err
		}
		h.keyTypes = append(h.keyTypes, g.DataType())
		fields = append(fields, arrow.Field{Name: groupNames[i], Type: g.DataType(), Nullable: true})
	}
	offset := len(groups)
	spillFields := append([]arrow.Field(nil), fields...)
	for k, c := range aggs {
		f, err := aggregate.New(c)
		if err != nil {
			return nil, err
		}
		h.fns = append(h.fns, f)
		h.stateOffsets = append(h.stateOffsets, offset)
		offset += len(f.StateFields())
		for _, sf := range f.StateFields() {
			sf.Name = fmt.Sprintf("%s_%d_%s", f.Name(), k, sf.Name)
			sf.Nullable = true
			spillFields = append(spillFields, sf)
			if mode == AggregatePartial {
				fields = append(fields, sf)
			}
		}
		if mode == AggregatePartial {
			continue
		}
		name := c.Name
		if name == "" {
			name = f.String()
		}
		fields = append(fields, arrow.Field{Name: name, Type: f.ArrowResultType(), Nullable: f.Nullable()})
	}
	if mode == AggregateFinal {
		in := child.Schema()
		if in.NumFields() < offset {
			return nil, sparkerror.InternalError("final aggregate: input has %d columns, the keys and states need %d", in.NumFields(), offset)
		}
		for k, f := range h.fns {
			for j, sf := range f.StateFields() {
				if got := in.Field(h.stateOffsets[k] + j).Type; !arrow.TypeEqual(got, sf.Type) {
					return nil, sparkerror.InternalError("final aggregate: state column %d of %s is %s, not %s",
						h.stateOffsets[k]+j, f, got, sf.Type)
				}
			}
		}
	}
	h.schema = arrow.NewSchema(fields, nil)
	h.spillSchema = arrow.NewSchema(append(spillFields, arrow.Field{Name: "__key", Type: arrow.BinaryTypes.Binary}), nil)
	return h, nil
}

// Functions are the resolved calls, in order.
func (h *HashAggregate) Functions() []*aggregate.Function { return h.fns }

func (h *HashAggregate) Schema() *arrow.Schema     { return h.schema }
func (h *HashAggregate) Children() []ExecutionPlan { return []ExecutionPlan{h.child} }
func (h *HashAggregate) Partitions() int {
	if h.mode == AggregateSingle || (h.mode == AggregateFinal && len(h.groups) == 0) {
		return 1
	}
	return h.child.Partitions()
}

func (h *HashAggregate) Describe() string {
	keys := make([]string, len(h.groups))
	for i, g := range h.groups {
		keys[i] = g.String()
	}
	aggs := make([]string, len(h.fns))
	for i, f := range h.fns {
		aggs[i] = f.String()
	}
	return fmt.Sprintf("HashAggregate(%s): keys=[%s], aggs=[%s]", h.mode, strings.Join(keys, ", "), strings.Join(aggs, ", "))
}

func (h *HashAggregate) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= h.Partitions() {
		return nil, fmt.Errorf("hash aggregate: partition %d out of range", partition)
	}
	var in Stream
	if h.Partitions() == 1 && h.child.Partitions() != 1 {
		in = mergePartitions(ctx, h.child)
	} else {
		var err error
		if in, err = h.child.Execute(ctx, partition); err != nil {
			return nil, err
		}
	}
	pool := memory.FromContext(ctx)
	name := fmt.Sprintf("HashAggregate[%d]", partition)
	res := pool.NewReservation(name)
	if len(h.groups) > 0 {
		res = pool.NewSpillableReservation(name) // it emits early or spills instead of failing
	}
	st := &aggStream{h: h, in: in, res: res, spill: memory.SpillDirFromContext(ctx)}
	if err := st.reset(); err != nil {
		st.Close()
		return nil, err
	}
	return h.meter(st), nil
}

type aggStream struct {
	h       *HashAggregate
	in      Stream
	res     *memory.Reservation
	table   *aggregate.GroupTable
	accs    []aggregate.Accumulator
	groups  int
	ids     []uint32
	zeros   []uint32
	rows    []int32
	out     []arrow.RecordBatch
	drained bool
	err     error
	used    int64

	// Spilling (Final and Single): sorted runs of states, merged at the end.
	spill       *memory.SpillDir
	ownSpill    bool
	spillW      *memory.SpillWriter // the runs being written
	spillFile   *memory.SpillFile   // the runs, once written
	runs        []aggRun
	enc         *aggregate.RowEncoder
	keyRows     aggregate.Rows
	spilledSize int64 // the largest size the table reached, to size the merge's output batches
	merge       *aggMerger
}

// reset starts a new table and accumulators.
func (s *aggStream) reset() error {
	h := s.h
	s.release()
	if len(h.groups) > 0 {
		t, err := aggregate.NewGroupTable(h.keyTypes)
		if err != nil {
			return err
		}
		s.table = t
		s.groups = 0
	} else {
		s.groups = 1 // a global aggregate always has its one group
	}
	s.accs = make([]aggregate.Accumulator, len(h.fns))
	for k, f := range h.fns {
		s.accs[k] = f.NewAccumulator()
		s.accs[k].Resize(s.groups)
	}
	s.used = 0
	s.res.Free()
	return nil
}

func (s *aggStream) release() {
	for _, a := range s.accs {
		if a != nil {
			a.Release()
		}
	}
	s.accs = nil
	if s.table != nil {
		s.table.Release()
		s.table = nil
	}
}

func (s *aggStream) Next() (arrow.RecordBatch, error) {
	for {
		if len(s.out) > 0 {
			b := s.out[0]
			s.out[0] = nil
			s.out = s.out[1:]
			return b, nil
		}
		if s.err != nil {
			return nil, s.err
		}
		if s.merge != nil {
			start := time.Now()
			b, err := s.merge.next()
			s.h.since(start)
			switch {
			case IsEOF(err): // done: give the disk back now
				s.merge.close()
				s.merge = nil
				s.spillFile.Remove()
				s.spillFile = nil
			case err != nil:
				s.err = err
			}
			return b, err
		}
		if s.drained {
			return nil, io.EOF
		}
		b, err := s.in.Next()
		if IsEOF(err) {
			s.drained = true
			start := time.Now()
			if len(s.runs) > 0 {
				s.err = s.startMerge()
			} else {
				s.out, s.err = s.output()
			}
			s.h.since(start)
			s.release()
			continue
		}
		if err != nil {
			s.err = err
			return nil, err
		}
		start := time.Now()
		err = s.consume(b)
		b.Release()
		if err == nil {
			err = s.account()
		}
		s.h.since(start)
		if err != nil {
			s.err = err
			return nil, err
		}
	}
}

func (s *aggStream) Close() {
	s.release()
	for _, b := range s.out {
		b.Release()
	}
	s.out = nil
	if s.in != nil {
		s.in.Close()
		s.in = nil
	}
	if s.merge != nil {
		s.merge.close()
		s.merge = nil
	}
	if s.spillW != nil {
		s.spillW.Abort()
		s.spillW = nil
	}
	if s.spillFile != nil {
		s.spillFile.Remove()
		s.spillFile = nil
	}
	s.runs = nil
	if s.ownSpill && s.spill != nil {
		s.spill.Close()
		s.spill = nil
	}
	s.res.Close()
}

// account grows the reservation to what the table and accumulators hold. A Partial
// aggregate that cannot get more memory emits its groups and starts over; Final and Single
// spill them and start over.
func (s *aggStream) account() error {
	size := int64(0)
	if s.table != nil {
		size += s.table.Size()
	}
	for _, a := range s.accs {
		size += a.Size()
	}
	if size <= s.used {
		return nil
	}
	err := s.res.TryGrow(size - s.used)
	if err == nil {
		s.used = size
		s.h.memory(s.res.Size())
		return nil
	}
	if !memory.IsOutOfMemory(err) || len(s.h.groups) == 0 || s.groups == 0 {
		return err
	}
	if s.h.mode != AggregatePartial {
		s.spilledSize = max(s.spilledSize, size)
		if err := s.spillTable(); err != nil {
			return err
		}
		return s.reset()
	}
	out, oerr := s.output()
	if oerr != nil {
		return oerr
	}
	s.out = append(s.out, out...)
	s.h.spilled(int64(s.groups), 0)
	return s.reset()
}

func (s *aggStream) consume(b arrow.RecordBatch) error {
	h := s.h
	n := int(b.NumRows())
	if n == 0 {
		return nil
	}
	var ids []uint32
	if s.table != nil {
		keys := make([]arrow.Array, len(h.groups))
		defer releaseArrays(keys)
		for i, g := range h.groups {
			k, err := g.Eval(b)
			if err != nil {
				return err
			}
			keys[i] = k
		}
		s.ids = s.table.Intern(keys, s.ids)
		ids = s.ids
		s.groups = s.table.NumGroups()
	} else {
		if cap(s.zeros) < n {
			s.zeros = make([]uint32, n)
		}
		ids = s.zeros[:n]
	}
	for k, acc := range s.accs {
		acc.Resize(s.groups)
		f := h.fns[k]
		if h.mode == AggregateFinal {
			off := h.stateOffsets[k]
			state := b.Columns()[off : off+len(f.StateFields())]
			if err := acc.Merge(ids, state); err != nil {
				return err
			}
			continue
		}
		if err := s.update(acc, f.Call(), b, ids); err != nil {
			return err
		}
	}
	return nil
}

// update evaluates a call's FILTER, then its arguments over the rows the filter keeps only
// (as Spark does: sum(1/x) FILTER (WHERE x > 0) never divides by zero), and folds them in.
func (s *aggStream) update(acc aggregate.Accumulator, c aggregate.Call, b arrow.RecordBatch, ids []uint32) error {
	var sel []int32 // nil: every row
	if c.Filter != nil {
		mask, err := c.Filter.Eval(b)
		if err != nil {
			return err
		}
		if mask.DataType().ID() == arrow.NULL {
			mask.Release()
			return nil
		}
		var count int
		s.rows, count = selected(mask, s.rows)
		mask.Release()
		switch count {
		case 0:
			return nil
		case len(ids):
		default:
			sel = s.rows
		}
	}
	args := make([]arrow.Array, len(c.Args))
	defer releaseArrays(args)
	for i, a := range c.Args {
		var v arrow.Array
		var err error
		if sel == nil {
			v, err = a.Eval(b)
		} else {
			v, err = expr.EvalRows(a, b, sel)
		}
		if err != nil {
			return err
		}
		args[i] = v
	}
	if sel == nil {
		return acc.Update(ids, args)
	}
	sub := make([]uint32, len(sel))
	for i, r := range sel {
		sub[i] = ids[r]
	}
	return acc.Update(sub, args)
}

// output builds the result batches: the group keys, then states (Partial) or results.
func (s *aggStream) output() ([]arrow.RecordBatch, error) {
	h := s.h
	if s.groups == 0 {
		return nil, nil
	}
	var cols []arrow.Array
	defer func() { releaseArrays(cols) }()
	if s.table != nil {
		keys, err := s.table.KeyColumns()
		if err != nil {
			return nil, err
		}
		cols = append(cols, keys...)
	}
	for _, acc := range s.accs {
		if h.mode == AggregatePartial {
			st, err := acc.State()
			if err != nil {
				return nil, err
			}
			cols = append(cols, st...)
			continue
		}
		v, err := acc.Evaluate()
		if err != nil {
			return nil, err
		}
		cols = append(cols, v)
	}
	all := array.NewRecordBatch(h.schema, cols, int64(s.groups))
	defer all.Release()
	var out []arrow.RecordBatch
	for lo := int64(0); lo < all.NumRows(); lo += DefaultBatchRows {
		out = append(out, all.NewSlice(lo, min(lo+DefaultBatchRows, all.NumRows())))
	}
	return out, nil
}

// NewAggregate plans an aggregation over child: Single when child has one partition;
// otherwise Partial per input partition, then a hash Repartition by the keys into
// partitions partitions (or, for a global aggregate, everything into one), then Final.
func NewAggregate(child ExecutionPlan, groups []expr.Expr, groupNames []string, aggs []aggregate.Call, partitions int) (ExecutionPlan, error) {
	if child.Partitions() <= 1 {
		return NewHashAggregate(child, groups, groupNames, aggs, AggregateSingle)
	}
	partial, err := NewHashAggregate(child, groups, groupNames, aggs, AggregatePartial)
	if err != nil {
		return nil, err
	}
	keys := make([]expr.Expr, len(groups))
	for i, g := range groups {
		keys[i] = &expr.Column{Index: i, Type: g.DataType()}
	}
	var exchange ExecutionPlan = partial
	if len(groups) > 0 {
		if exchange, err = NewRepartition(partial, keys, max(partitions, 1)); err != nil {
			return nil, err
		}
	}
	return NewHashAggregate(exchange, keys, groupNames, aggs, AggregateFinal)
}
