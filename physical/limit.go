package physical

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
)

// Limit keeps the first N rows of its child's partitions taken in order, in one output
// partition.
type Limit struct {
	child ExecutionPlan
	n     int64
}

// NewLimit keeps the first n rows.
func NewLimit(child ExecutionPlan, n int64) *Limit { return &Limit{child: child, n: n} }

func (l *Limit) Schema() *arrow.Schema     { return l.child.Schema() }
func (l *Limit) Partitions() int           { return 1 }
func (l *Limit) Children() []ExecutionPlan { return []ExecutionPlan{l.child} }
func (l *Limit) Describe() string          { return fmt.Sprintf("Limit: %d", l.n) }

func (l *Limit) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("limit: partition %d out of range", partition)
	}
	left := l.n
	part := 0
	var in Stream
	closeIn := func() {
		if in != nil {
			in.Close()
			in = nil
		}
	}
	return &funcStream{next: func() (arrow.RecordBatch, error) {
		for left > 0 {
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
			if b.NumRows() <= left {
				left -= b.NumRows()
				return b, nil
			}
			out := b.NewSlice(0, left)
			b.Release()
			left = 0
			return out, nil
		}
		closeIn()
		return nil, io.EOF
	}, close: closeIn}, nil
}
