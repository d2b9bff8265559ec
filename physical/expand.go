package physical

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/expr"
)

// Expand outputs every input row once per projection (GROUPING SETS, ROLLUP, CUBE, and
// distinct aggregates rewritten by the planner). Each input batch gives one output batch
// per projection, in projection order, so rows come batch by batch rather than row by row
// as in Spark; the consumers (aggregates) do not depend on the order.
type Expand struct {
	OpMetrics
	child       ExecutionPlan
	projections [][]expr.Expr
	schema      *arrow.Schema
}

// NewExpand builds the operator; every projection must produce schema's column types.
func NewExpand(child ExecutionPlan, projections [][]expr.Expr, schema *arrow.Schema) (*Expand, error) {
	for i, p := range projections {
		if len(p) != schema.NumFields() {
			return nil, fmt.Errorf("expand: projection %d has %d expressions for %d columns", i, len(p), schema.NumFields())
		}
		for c, e := range p {
			if !arrow.TypeEqual(e.DataType(), schema.Field(c).Type) {
				return nil, fmt.Errorf("expand: projection %d column %d is %s, not %s", i, c, e.DataType(), schema.Field(c).Type)
			}
		}
	}
	return &Expand{child: child, projections: projections, schema: schema}, nil
}

func (e *Expand) Schema() *arrow.Schema     { return e.schema }
func (e *Expand) Partitions() int           { return e.child.Partitions() }
func (e *Expand) Children() []ExecutionPlan { return []ExecutionPlan{e.child} }
func (e *Expand) Describe() string {
	parts := make([]string, len(e.projections))
	for i, p := range e.projections {
		exprs := make([]string, len(p))
		for j, x := range p {
			exprs[j] = x.String()
		}
		parts[i] = "[" + strings.Join(exprs, ", ") + "]"
	}
	return "Expand: " + strings.Join(parts, ", ")
}

func (e *Expand) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := e.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	var cur arrow.RecordBatch
	next := 0
	release := func() {
		if cur != nil {
			cur.Release()
			cur = nil
		}
	}
	return e.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		for cur == nil || next >= len(e.projections) {
			release()
			b, err := in.Next()
			if err != nil {
				return nil, err
			}
			if b.NumRows() == 0 || len(e.projections) == 0 {
				b.Release()
				continue
			}
			cur, next = b, 0
		}
		start := time.Now()
		defer e.since(start)
		p := e.projections[next]
		next++
		cols, err := evalAll(p, cur)
		if err != nil {
			return nil, err
		}
		out := array.NewRecordBatch(e.schema, cols, cur.NumRows())
		releaseArrays(cols)
		return out, nil
	}, close: func() {
		release()
		in.Close()
	}}), nil
}
