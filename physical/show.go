package physical

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
)

// ShowString renders the first rows of its child as Spark's df.show() text, in one row of
// one string column "show_string". It reads only the rows it prints, plus one to know
// whether to say "only showing top N rows".
type ShowString struct {
	child    ExecutionPlan
	numRows  int
	truncate int
	vertical bool
	opts     format.Options
	schema   *arrow.Schema
}

// NewShowString builds the operator; opts carries the session time zone.
func NewShowString(child ExecutionPlan, numRows, truncate int, vertical bool, opts format.Options) *ShowString {
	return &ShowString{child: child, numRows: numRows, truncate: truncate, vertical: vertical, opts: opts,
		schema: arrow.NewSchema([]arrow.Field{{Name: "show_string", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)}
}

func (s *ShowString) Schema() *arrow.Schema     { return s.schema }
func (s *ShowString) Partitions() int           { return 1 }
func (s *ShowString) Children() []ExecutionPlan { return []ExecutionPlan{s.child} }
func (s *ShowString) Describe() string {
	return fmt.Sprintf("ShowString: numRows=%d truncate=%d vertical=%t", s.numRows, s.truncate, s.vertical)
}

func (s *ShowString) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("show: partition %d out of range", partition)
	}
	done := false
	return &funcStream{next: func() (arrow.RecordBatch, error) {
		if done {
			return nil, io.EOF
		}
		done = true
		text, err := s.render(ctx)
		if err != nil {
			return nil, err
		}
		b := array.NewStringBuilder(memory.DefaultAllocator)
		defer b.Release()
		b.Append(text)
		col := b.NewArray()
		defer col.Release()
		return array.NewRecordBatch(s.schema, []arrow.Array{col}, 1), nil
	}}, nil
}

func (s *ShowString) render(ctx context.Context) (string, error) {
	limited := NewLimit(s.child, int64(format.RowsToFetch(s.numRows)))
	stream, err := limited.Execute(ctx, 0)
	if err != nil {
		return "", err
	}
	defer stream.Close()
	var batches []arrow.RecordBatch
	defer func() {
		for _, b := range batches {
			b.Release()
		}
	}()
	for {
		b, err := stream.Next()
		if IsEOF(err) {
			break
		}
		if err != nil {
			return "", err
		}
		batches = append(batches, b)
	}
	return format.ShowRecordBatches(s.child.Schema(), batches, s.numRows, s.truncate, s.vertical, s.opts)
}
