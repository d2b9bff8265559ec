package physical

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// DefaultBatchRows is the number of rows sources put in one batch.
const DefaultBatchRows = 8192

// ExecutionPlan is one physical operator.
type ExecutionPlan interface {
	// Schema is the Arrow schema of every batch the plan produces.
	Schema() *arrow.Schema
	// Partitions is the number of output partitions; Execute takes 0..Partitions()-1.
	Partitions() int
	// Children are the input plans.
	Children() []ExecutionPlan
	// Execute starts producing one partition.
	Execute(ctx context.Context, partition int) (Stream, error)
	// Describe is a one-line description for EXPLAIN.
	Describe() string
}

// Stream yields record batches; Next returns io.EOF after the last one. The caller owns
// each returned batch and must Release it. Close releases the stream's resources and may
// be called before the end.
type Stream interface {
	Next() (arrow.RecordBatch, error)
	Close()
}

// Explain renders the plan tree, one operator per line, children indented.
func Explain(p ExecutionPlan) string {
	var b strings.Builder
	var walk func(p ExecutionPlan, depth int)
	walk = func(p ExecutionPlan, depth int) {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(p.Describe())
		b.WriteByte('\n')
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	walk(p, 0)
	return b.String()
}

// sliceStream is a Stream over batches already in memory.
type sliceStream struct {
	batches []arrow.RecordBatch
}

func (s *sliceStream) Next() (arrow.RecordBatch, error) {
	if len(s.batches) == 0 {
		return nil, io.EOF
	}
	b := s.batches[0]
	s.batches = s.batches[1:]
	return b, nil
}

func (s *sliceStream) Close() {
	for _, b := range s.batches {
		b.Release()
	}
	s.batches = nil
}

// funcStream adapts a generator function to a Stream.
type funcStream struct {
	next  func() (arrow.RecordBatch, error)
	close func()
}

func (s *funcStream) Next() (arrow.RecordBatch, error) { return s.next() }
func (s *funcStream) Close() {
	if s.close != nil {
		s.close()
		s.close = nil
	}
}

// IsEOF reports whether err marks the end of a stream.
func IsEOF(err error) bool { return errors.Is(err, io.EOF) }
