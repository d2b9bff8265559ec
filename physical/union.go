package physical

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Union concatenates its children's partitions: output partition i is partition i of the
// first child, then the second child's partitions follow, and so on. The children's
// column types must be equal; the output takes the first child's names, and a column is
// nullable when it is in any child.
type Union struct {
	OpMetrics
	children []ExecutionPlan
	schema   *arrow.Schema
}

// NewUnion builds a union of at least one child.
func NewUnion(children ...ExecutionPlan) (*Union, error) {
	if len(children) == 0 {
		return nil, fmt.Errorf("union: no children")
	}
	first := children[0].Schema()
	fields := append([]arrow.Field(nil), first.Fields()...)
	for _, c := range children[1:] {
		s := c.Schema()
		if s.NumFields() != len(fields) {
			return nil, fmt.Errorf("union: children have %d and %d columns", len(fields), s.NumFields())
		}
		for i, f := range s.Fields() {
			if !arrow.TypeEqual(f.Type, fields[i].Type) {
				return nil, fmt.Errorf("union: column %d is %s in one child and %s in another", i, fields[i].Type, f.Type)
			}
			fields[i].Nullable = fields[i].Nullable || f.Nullable
		}
	}
	return &Union{children: children, schema: arrow.NewSchema(fields, nil)}, nil
}

func (u *Union) Schema() *arrow.Schema     { return u.schema }
func (u *Union) Children() []ExecutionPlan { return u.children }
func (u *Union) Describe() string          { return fmt.Sprintf("Union: children=%d", len(u.children)) }
func (u *Union) Partitions() int {
	n := 0
	for _, c := range u.children {
		n += c.Partitions()
	}
	return n
}

func (u *Union) Execute(ctx context.Context, partition int) (Stream, error) {
	p := partition
	for _, c := range u.children {
		if p < c.Partitions() {
			in, err := c.Execute(ctx, p)
			if err != nil {
				return nil, err
			}
			return u.meter(relabel(in, u.schema)), nil
		}
		p -= c.Partitions()
	}
	return nil, fmt.Errorf("union: partition %d out of range", partition)
}

// relabel gives a stream's batches another schema with the same column types.
func relabel(in Stream, schema *arrow.Schema) Stream {
	return &funcStream{next: func() (arrow.RecordBatch, error) {
		b, err := in.Next()
		if err != nil {
			return nil, err
		}
		if b.Schema().Equal(schema) {
			return b, nil
		}
		out := array.NewRecordBatch(schema, b.Columns(), b.NumRows())
		b.Release()
		return out, nil
	}, close: in.Close}
}

// Coalesce merges all partitions of its child into one, keeping partition order (all of
// partition 0's rows, then partition 1's, ...), as Spark's coalesce(1) does. The
// partitions run concurrently; each may run a few batches ahead of the consumer.
type Coalesce struct {
	OpMetrics
	child ExecutionPlan
}

// NewCoalesce builds the operator.
func NewCoalesce(child ExecutionPlan) *Coalesce { return &Coalesce{child: child} }

func (c *Coalesce) Schema() *arrow.Schema     { return c.child.Schema() }
func (c *Coalesce) Partitions() int           { return 1 }
func (c *Coalesce) Children() []ExecutionPlan { return []ExecutionPlan{c.child} }
func (c *Coalesce) Describe() string {
	return fmt.Sprintf("Coalesce: partitions=%d", c.child.Partitions())
}

func (c *Coalesce) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("coalesce: partition %d out of range", partition)
	}
	return c.meter(mergePartitions(ctx, c.child)), nil
}

// mergePartitions streams every partition of p, in partition order, running them
// concurrently with a small read-ahead each.
func mergePartitions(ctx context.Context, p ExecutionPlan) Stream {
	n := p.Partitions()
	if n == 1 {
		s, err := p.Execute(ctx, 0)
		if err != nil {
			return &funcStream{next: func() (arrow.RecordBatch, error) { return nil, err }}
		}
		return s
	}
	ctx, cancel := context.WithCancel(ctx)
	type item struct {
		batch arrow.RecordBatch
		err   error
	}
	chans := make([]chan item, n)
	var wg sync.WaitGroup
	for i := range n {
		ch := make(chan item, 2)
		chans[i] = ch
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(ch)
			s, err := p.Execute(ctx, i)
			if err != nil {
				ch <- item{err: err}
				return
			}
			defer s.Close()
			for {
				b, err := s.Next()
				if IsEOF(err) {
					return
				}
				select {
				case ch <- item{batch: b, err: err}:
				case <-ctx.Done():
					if b != nil {
						b.Release()
					}
					return
				}
				if err != nil {
					return
				}
			}
		}()
	}
	cur := 0
	closed := false
	return &funcStream{next: func() (arrow.RecordBatch, error) {
		for cur < n {
			it, ok := <-chans[cur]
			if !ok {
				cur++
				continue
			}
			if it.err != nil {
				return nil, it.err
			}
			return it.batch, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}, close: func() {
		if closed {
			return
		}
		closed = true
		cancel()
		for _, ch := range chans {
			for it := range ch {
				if it.batch != nil {
					it.batch.Release()
				}
			}
		}
		wg.Wait()
	}}
}
