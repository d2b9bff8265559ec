package physical

import (
	"context"
	"fmt"
	"math/bits"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Filter keeps the rows where the predicate is true (NULL and false drop the row).
// Batches whose rows all pass go through untouched; batches with no passing row are
// skipped.
type Filter struct {
	OpMetrics
	child     ExecutionPlan
	predicate expr.Expr
}

// NewFilter builds a filter; the predicate must be boolean (or the null type).
func NewFilter(child ExecutionPlan, predicate expr.Expr) *Filter {
	return &Filter{child: child, predicate: predicate}
}

func (f *Filter) Schema() *arrow.Schema     { return f.child.Schema() }
func (f *Filter) Partitions() int           { return f.child.Partitions() }
func (f *Filter) Children() []ExecutionPlan { return []ExecutionPlan{f.child} }
func (f *Filter) Describe() string          { return "Filter: " + f.predicate.String() }

func (f *Filter) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := f.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	var rows []int32
	task, seen := expr.NeedsTask(f.predicate), int64(0)
	return forwardInputFile(f.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		for {
			b, err := in.Next()
			if err != nil {
				return nil, err
			}
			start := time.Now()
			var out arrow.RecordBatch
			out, rows, err = f.apply(withTask(b, task, in, partition, &seen), rows)
			f.since(start)
			if err != nil || out != nil {
				return expr.WithoutTask(out), err
			}
		}
	}, close: in.Close}), in), nil
}

// apply returns b (all rows pass), a new batch of the passing rows, or nil (none pass);
// it consumes b.
func (f *Filter) apply(b arrow.RecordBatch, scratch []int32) (arrow.RecordBatch, []int32, error) {
	if b.NumRows() == 0 {
		b.Release()
		return nil, scratch, nil
	}
	mask, err := f.predicate.Eval(b)
	if err != nil {
		b.Release()
		return nil, scratch, err
	}
	defer mask.Release()
	switch mask.DataType().ID() {
	case arrow.NULL:
		b.Release()
		return nil, scratch, nil
	case arrow.BOOL:
	default:
		b.Release()
		return nil, scratch, sparkerror.InternalError("filter predicate %s is %s, not boolean", f.predicate, mask.DataType())
	}
	n := int(b.NumRows())
	rows, count := selected(mask, scratch)
	switch count {
	case n:
		return b, rows, nil
	case 0:
		b.Release()
		return nil, rows, nil
	}
	out, err := aggregate.FilterBatch(b, rows)
	b.Release()
	return out, rows, err
}

// selected lists the rows where a boolean array is true and valid.
func selected(mask arrow.Array, scratch []int32) ([]int32, int) {
	n := mask.Len()
	d := mask.Data()
	values := d.Buffers()[1].Bytes()
	off := d.Offset()
	var valid []byte
	if mask.NullN() > 0 {
		valid = d.Buffers()[0].Bytes()
	}
	rows := scratch[:0]
	if cap(rows) < n {
		rows = make([]int32, 0, n)
	}
	if off%8 == 0 {
		// Word at a time over byte-aligned bitmaps.
		vb := values[off/8:]
		var nb []byte
		if valid != nil {
			nb = valid[off/8:]
		}
		for base := 0; base < n; base += 64 {
			var w uint64
			nbytes := min(8, (n-base+7)/8)
			for k := range nbytes {
				byt := vb[base/8+k]
				if nb != nil {
					byt &= nb[base/8+k]
				}
				w |= uint64(byt) << (8 * k)
			}
			if rem := n - base; rem < 64 {
				w &= (1 << rem) - 1
			}
			for w != 0 {
				t := bits.TrailingZeros64(w)
				rows = append(rows, int32(base+t))
				w &= w - 1
			}
		}
		return rows, len(rows)
	}
	for i := range n {
		if bitutil.BitIsSet(values, off+i) && (valid == nil || bitutil.BitIsSet(valid, off+i)) {
			rows = append(rows, int32(i))
		}
	}
	return rows, len(rows)
}

func (f *Filter) String() string { return fmt.Sprintf("Filter(%s)", f.predicate) }
