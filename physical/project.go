package physical

import (
	"context"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/expr"
)

// Project evaluates expressions over each batch of its child.
type Project struct {
	OpMetrics
	child  ExecutionPlan
	exprs  []expr.Expr
	schema *arrow.Schema
}

// NewProject builds a projection; schema names and types its outputs.
func NewProject(child ExecutionPlan, exprs []expr.Expr, schema *arrow.Schema) *Project {
	return &Project{child: child, exprs: exprs, schema: schema}
}

func (p *Project) Schema() *arrow.Schema     { return p.schema }
func (p *Project) Partitions() int           { return p.child.Partitions() }
func (p *Project) Children() []ExecutionPlan { return []ExecutionPlan{p.child} }
func (p *Project) Describe() string {
	parts := make([]string, len(p.exprs))
	for i, e := range p.exprs {
		parts[i] = e.String()
	}
	return "Project: " + strings.Join(parts, ", ")
}

func (p *Project) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := p.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	task, rows := expr.NeedsTask(p.exprs...), int64(0)
	return forwardInputFile(p.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		b, err := in.Next()
		if err != nil {
			return nil, err
		}
		defer b.Release()
		defer p.since(time.Now())
		eb := withTask(b, task, in, partition, &rows)
		cols := make([]arrow.Array, len(p.exprs))
		for i, e := range p.exprs {
			c, err := e.Eval(eb)
			if err != nil {
				for _, done := range cols[:i] {
					done.Release()
				}
				return nil, err
			}
			cols[i] = c
		}
		out := array.NewRecordBatch(p.schema, cols, b.NumRows())
		for _, c := range cols {
			c.Release()
		}
		return out, nil
	}, close: in.Close}), in), nil
}

// Rename gives the child's batches another schema of the same column types (new names,
// or Spark's nullability).
type Rename struct {
	child  ExecutionPlan
	schema *arrow.Schema
}

// NewRename wraps child; schema must have child's column types.
func NewRename(child ExecutionPlan, schema *arrow.Schema) *Rename {
	return &Rename{child: child, schema: schema}
}

func (r *Rename) Schema() *arrow.Schema     { return r.schema }
func (r *Rename) Partitions() int           { return r.child.Partitions() }
func (r *Rename) Children() []ExecutionPlan { return []ExecutionPlan{r.child} }
func (r *Rename) Describe() string {
	names := make([]string, 0, r.schema.NumFields())
	for _, f := range r.schema.Fields() {
		names = append(names, f.Name)
	}
	return "Rename: " + strings.Join(names, ", ")
}

func (r *Rename) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := r.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	return forwardInputFile(&funcStream{next: func() (arrow.RecordBatch, error) {
		b, err := in.Next()
		if err != nil {
			return nil, err
		}
		defer b.Release()
		return array.NewRecordBatch(r.schema, b.Columns(), b.NumRows()), nil
	}, close: in.Close}, in), nil
}
