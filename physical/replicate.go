package physical

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/aggregate"
)

// ReplicateMode says how a row's two counts give its number of copies.
type ReplicateMode uint8

const (
	// ReplicateDifference gives first - second copies (EXCEPT ALL: the left side's count
	// of a row less the right side's).
	ReplicateDifference ReplicateMode = iota
	// ReplicateMinimum gives min(first, second) copies (INTERSECT ALL).
	ReplicateMinimum
)

func (m ReplicateMode) String() string { return [...]string{"difference", "minimum"}[m] }

// ReplicateRows outputs each input row as many times as its counts say (none when that is
// zero or less), keeping only some of its columns. It is the last step of EXCEPT ALL and
// INTERSECT ALL, after an aggregate counted each distinct row on both sides: the two
// counts are int64 columns of the input.
//
// Copies are made by gathering with an index array, at most DefaultBatchRows rows per
// output batch, so a row with a huge count streams out in batches; an input batch whose
// rows all have one copy goes through without a gather.
type ReplicateRows struct {
	OpMetrics
	child         ExecutionPlan
	first, second int
	mode          ReplicateMode
	keep          []int
	schema        *arrow.Schema
}

// NewReplicateRows builds the operator: first and second are the count columns of
// child (int64), keep the columns the output carries, schema their names and types.
func NewReplicateRows(child ExecutionPlan, first, second int, mode ReplicateMode, keep []int, schema *arrow.Schema) (*ReplicateRows, error) {
	in := child.Schema()
	for _, c := range []int{first, second} {
		if c < 0 || c >= in.NumFields() || in.Field(c).Type.ID() != arrow.INT64 {
			return nil, fmt.Errorf("replicate rows: count column %d is not an int64 column of the input", c)
		}
	}
	if len(keep) != schema.NumFields() {
		return nil, fmt.Errorf("replicate rows: %d kept columns for %d output columns", len(keep), schema.NumFields())
	}
	for i, c := range keep {
		if c < 0 || c >= in.NumFields() {
			return nil, fmt.Errorf("replicate rows: no input column %d", c)
		}
		if !arrow.TypeEqual(in.Field(c).Type, schema.Field(i).Type) {
			return nil, fmt.Errorf("replicate rows: input column %d is %s, not %s", c, in.Field(c).Type, schema.Field(i).Type)
		}
	}
	return &ReplicateRows{child: child, first: first, second: second, mode: mode, keep: keep, schema: schema}, nil
}

func (r *ReplicateRows) Schema() *arrow.Schema     { return r.schema }
func (r *ReplicateRows) Partitions() int           { return r.child.Partitions() }
func (r *ReplicateRows) Children() []ExecutionPlan { return []ExecutionPlan{r.child} }
func (r *ReplicateRows) Describe() string {
	names := make([]string, r.schema.NumFields())
	for i, f := range r.schema.Fields() {
		names[i] = f.Name
	}
	return fmt.Sprintf("ReplicateRows: %s of #%d, #%d; %s", r.mode, r.first, r.second, strings.Join(names, ", "))
}

func (r *ReplicateRows) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := r.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	s := &replicateStream{op: r, in: in}
	return r.meter(&funcStream{next: s.next, close: s.close}), nil
}

// replicateStream walks the rows of one input batch at a time: row is the next row to
// copy and left the copies of it still to make.
type replicateStream struct {
	op     *ReplicateRows
	in     Stream
	cur    arrow.RecordBatch // the kept columns of the current input batch
	counts []int64
	row    int
	left   int64
	idx    []int32
}

func (s *replicateStream) close() {
	if s.cur != nil {
		s.cur.Release()
		s.cur = nil
	}
	s.in.Close()
}

// load reads the next input batch and computes each row's number of copies; it reports
// whether every row has exactly one.
func (s *replicateStream) load(b arrow.RecordBatch) bool {
	defer b.Release()
	op := s.op
	cols := make([]arrow.Array, len(op.keep))
	for i, c := range op.keep {
		cols[i] = b.Column(c)
	}
	s.cur = array.NewRecordBatch(op.schema, cols, b.NumRows())
	n := int(b.NumRows())
	if cap(s.counts) < n {
		s.counts = make([]int64, n)
	}
	s.counts = s.counts[:n]
	first := b.Column(op.first).(*array.Int64)
	second := b.Column(op.second).(*array.Int64)
	fv, sv := first.Int64Values(), second.Int64Values()
	ones := true
	for i := range n {
		a, c := fv[i], sv[i]
		if first.IsNull(i) {
			a = 0
		}
		if second.IsNull(i) {
			c = 0
		}
		var k int64
		if op.mode == ReplicateDifference {
			k = a - c
		} else {
			k = min(a, c)
		}
		k = max(k, 0)
		s.counts[i] = k
		ones = ones && k == 1
	}
	s.row = 0
	if n > 0 {
		s.left = s.counts[0]
	}
	return ones
}

func (s *replicateStream) next() (arrow.RecordBatch, error) {
	for {
		if s.cur == nil {
			b, err := s.in.Next()
			if err != nil {
				return nil, err
			}
			if b.NumRows() == 0 {
				b.Release()
				continue
			}
			start := time.Now()
			if s.load(b) {
				out := s.cur
				s.cur = nil
				s.op.since(start)
				return out, nil
			}
			s.op.since(start)
		}
		start := time.Now()
		n := len(s.counts)
		s.idx = s.idx[:0]
		for s.row < n && len(s.idx) < DefaultBatchRows {
			k := min(s.left, int64(DefaultBatchRows-len(s.idx)))
			for range k {
				s.idx = append(s.idx, int32(s.row))
			}
			s.left -= k
			if s.left == 0 {
				s.row++
				if s.row < n {
					s.left = s.counts[s.row]
				}
			}
		}
		var out arrow.RecordBatch
		var err error
		if len(s.idx) > 0 {
			out, err = aggregate.TakeBatch(s.cur, s.idx)
		}
		if s.row >= n {
			s.cur.Release()
			s.cur = nil
		}
		s.op.since(start)
		if err != nil || out != nil {
			return out, err
		}
	}
}
