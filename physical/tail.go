package physical

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/memory"
)

// Tail keeps the last n rows of its child, taking the child's partitions in order, in one
// output partition: df.tail(n). It holds at most the batches that contain those n rows
// (reserved in the query's memory pool) and drops older batches as newer ones arrive.
type Tail struct {
	OpMetrics
	child ExecutionPlan
	n     int64
}

// NewTail keeps the last n rows (none when n <= 0).
func NewTail(child ExecutionPlan, n int64) *Tail { return &Tail{child: child, n: max(n, 0)} }

func (t *Tail) Schema() *arrow.Schema     { return t.child.Schema() }
func (t *Tail) Partitions() int           { return 1 }
func (t *Tail) Children() []ExecutionPlan { return []ExecutionPlan{t.child} }
func (t *Tail) Describe() string          { return fmt.Sprintf("Tail: %d", t.n) }

func (t *Tail) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("tail: partition %d out of range", partition)
	}
	res := memory.FromContext(ctx).NewReservation("Tail")
	var kept []arrow.RecordBatch
	var sizes []int64
	var rows int64
	release := func() {
		for _, b := range kept {
			b.Release()
		}
		kept, sizes = nil, nil
		res.Close()
	}
	collect := func() error {
		in := mergePartitions(ctx, t.child)
		defer in.Close()
		for {
			b, err := in.Next()
			if IsEOF(err) {
				return nil
			}
			if err != nil {
				return err
			}
			start := time.Now()
			if b.NumRows() == 0 || t.n == 0 {
				b.Release()
				t.since(start)
				continue
			}
			size := aggregate.BatchSize(b)
			if err := res.TryGrow(size); err != nil {
				b.Release()
				return err
			}
			kept, sizes = append(kept, b), append(sizes, size)
			rows += b.NumRows()
			// Drop the oldest batches while the newer ones alone hold n rows.
			for len(kept) > 1 && rows-kept[0].NumRows() >= t.n {
				rows -= kept[0].NumRows()
				kept[0].Release()
				res.Shrink(sizes[0])
				kept, sizes = kept[1:], sizes[1:]
			}
			t.since(start)
		}
	}
	collected := false
	return t.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		if !collected {
			collected = true
			if err := collect(); err != nil {
				return nil, err
			}
			if rows > t.n {
				// The first batch holds rows before the last n.
				first := kept[0]
				kept[0] = first.NewSlice(rows-t.n, first.NumRows())
				first.Release()
				rows = t.n
			}
		}
		if len(kept) == 0 {
			return nil, io.EOF
		}
		b := kept[0]
		kept, sizes = kept[1:], sizes[1:]
		return b, nil
	}, close: release}), nil
}
