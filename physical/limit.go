package physical

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// Limit skips the first offset rows of its child and keeps the next limit rows (all of
// them when limit < 0), taking the child's partitions in order, in one output partition:
// a global LIMIT ... OFFSET. Partitions are read one after the other and reading stops
// once the limit is reached.
type Limit struct {
	OpMetrics
	child  ExecutionPlan
	n      int64
	offset int64
}

// NewLimit keeps the first n rows.
func NewLimit(child ExecutionPlan, n int64) *Limit { return NewLimitOffset(child, n, 0) }

// NewLimitOffset skips offset rows, then keeps limit rows (limit < 0: no limit).
func NewLimitOffset(child ExecutionPlan, limit, offset int64) *Limit {
	if limit < 0 {
		limit = -1
	}
	return &Limit{child: child, n: limit, offset: max(offset, 0)}
}

func (l *Limit) Schema() *arrow.Schema     { return l.child.Schema() }
func (l *Limit) Partitions() int           { return 1 }
func (l *Limit) Children() []ExecutionPlan { return []ExecutionPlan{l.child} }
func (l *Limit) Describe() string {
	switch {
	case l.offset == 0:
		return fmt.Sprintf("Limit: %d", l.n)
	case l.n < 0:
		return fmt.Sprintf("Offset: %d", l.offset)
	}
	return fmt.Sprintf("Limit: %d, offset=%d", l.n, l.offset)
}

func (l *Limit) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("limit: partition %d out of range", partition)
	}
	left := l.n
	skip := l.offset
	part := 0
	var in Stream
	closeIn := func() {
		if in != nil {
			in.Close()
			in = nil
		}
	}
	return l.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		for left != 0 {
			if in == nil {
				if part >= l.child.Partitions() {
					return nil, io.EOF
				}
				s, err := l.child.Execute(ctx, part)
				if err != nil {
					return nil, err
				}
				in, part = s, part+1
			}
			b, err := in.Next()
			if IsEOF(err) {
				closeIn()
				continue
			}
			if err != nil {
				return nil, err
			}
			start := time.Now()
			rows := b.NumRows()
			if skip >= rows {
				skip -= rows
				b.Release()
				l.since(start)
				continue
			}
			lo, hi := skip, rows
			skip = 0
			if left >= 0 && hi-lo > left {
				hi = lo + left
			}
			if left >= 0 {
				left -= hi - lo
			}
			out := b
			if lo > 0 || hi < rows {
				out = b.NewSlice(lo, hi)
				b.Release()
			}
			l.since(start)
			return out, nil
		}
		closeIn()
		return nil, io.EOF
	}, close: closeIn}), nil
}
