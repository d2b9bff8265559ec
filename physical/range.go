package physical

import (
	"context"
	"fmt"
	"io"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Range produces the int64 column "id" from start (inclusive) to end (exclusive) by step,
// split into partitions the way Spark's RangeExec splits them, so row order per partition
// matches Spark's.
type Range struct {
	OpMetrics
	Start, End, Step int64
	NumPartitions    int
	schema           *arrow.Schema
}

// NewRange builds a range source; step must not be zero (the analyzer checks it).
func NewRange(start, end, step int64, partitions int) *Range {
	if partitions < 1 {
		partitions = 1
	}
	return &Range{Start: start, End: end, Step: step, NumPartitions: partitions,
		schema: arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64}}, nil)}
}

func (r *Range) Schema() *arrow.Schema     { return r.schema }
func (r *Range) Partitions() int           { return r.NumPartitions }
func (r *Range) Children() []ExecutionPlan { return nil }
func (r *Range) Describe() string {
	return fmt.Sprintf("Range: start=%d, end=%d, step=%d, partitions=%d", r.Start, r.End, r.Step, r.NumPartitions)
}

// count is the number of elements, computed in big integers because end-start may
// overflow int64.
func (r *Range) count() *big.Int {
	if r.Step == 0 {
		return new(big.Int)
	}
	diff := new(big.Int).Sub(big.NewInt(r.End), big.NewInt(r.Start))
	step := big.NewInt(r.Step)
	if diff.Sign() != 0 && diff.Sign() != step.Sign() {
		return new(big.Int)
	}
	// ceil(diff / step) for same-signed operands
	q, m := new(big.Int).QuoRem(diff, step, new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// bounds gives partition i's element index range [lo, hi): Spark's formula
// i*n/p .. (i+1)*n/p.
func (r *Range) bounds(i int) (lo, hi int64) {
	n := r.count()
	p := big.NewInt(int64(r.NumPartitions))
	l := new(big.Int).Mul(n, big.NewInt(int64(i)))
	l.Quo(l, p)
	h := new(big.Int).Mul(n, big.NewInt(int64(i+1)))
	h.Quo(h, p)
	return l.Int64(), h.Int64()
}

func (r *Range) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= r.NumPartitions {
		return nil, fmt.Errorf("range: partition %d out of range", partition)
	}
	lo, hi := r.bounds(partition)
	next := lo
	return r.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		if next >= hi {
			return nil, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := min(hi-next, DefaultBatchRows)
		b := array.NewInt64Builder(memory.DefaultAllocator)
		defer b.Release()
		b.Reserve(int(n))
		// Wrapping arithmetic, as Spark's range does past the int64 limits.
		v := r.Start + next*r.Step
		for i := int64(0); i < n; i++ {
			b.UnsafeAppend(v)
			v += r.Step
		}
		next += n
		col := b.NewArray()
		defer col.Release()
		return array.NewRecordBatch(r.schema, []arrow.Array{col}, n), nil
	}}), nil
}
