// Package planner turns a resolved logical plan (sql/plan, after sql/analyzer) into a tree
// of physical operators. It imports sql/plan, sql/analyzer, sql/types, sql/sparkerror,
// physical and its subpackages.
package planner

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Options are the session settings physical planning reads.
type Options struct {
	ANSI          bool
	TimeZone      *time.Location
	DefaultSplits int // partitions of spark.range when none is given
}

// Plan builds the physical plan of a resolved logical plan.
func Plan(n plan.Node, opts Options) (physical.ExecutionPlan, error) {
	p := &planner{opts: opts}
	return p.node(n)
}

type planner struct{ opts Options }

func (p *planner) node(n plan.Node) (physical.ExecutionPlan, error) {
	switch n := n.(type) {
	case plan.OneRow:
		return physical.NewOneRow(), nil
	case *plan.Range:
		splits := n.NumPartitions
		if splits <= 0 {
			splits = max(1, p.opts.DefaultSplits)
		}
		return physical.NewRange(n.Start, n.End, n.Step, splits), nil
	case *plan.LocalData:
		for _, b := range n.Batches {
			b.Retain()
		}
		var src physical.ExecutionPlan = physical.NewValues(n.ArrowSchema, append([]arrow.RecordBatch(nil), n.Batches...))
		return p.conform(src, analyzer.SchemaOf(n))
	case *plan.Project:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		exprs := make([]expr.Expr, len(n.Exprs))
		for i, e := range n.Exprs {
			if exprs[i], err = p.expr(e); err != nil {
				return nil, err
			}
		}
		schema, err := types.ToArrowSchema(analyzer.SchemaOf(n))
		if err != nil {
			return nil, err
		}
		return physical.NewProject(child, exprs, schema), nil
	case *plan.RenameColumns:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		return p.conform(child, analyzer.SchemaOf(n))
	case *plan.Limit:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		return physical.NewLimit(child, n.N), nil
	case *plan.ShowString:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		return physical.NewShowString(child, n.NumRows, n.Truncate, n.Vertical, format.Options{TimeZone: p.opts.TimeZone}), nil
	}
	return nil, sparkerror.InternalError("physical planner: unknown plan node %T", n)
}

// conform makes child's batches carry the Arrow schema of the Spark schema st: the same
// data renamed, or, where the column types differ (a client that sent int64 for an int
// column), cast.
func (p *planner) conform(child physical.ExecutionPlan, st *types.StructType) (physical.ExecutionPlan, error) {
	want, err := types.ToArrowSchema(st)
	if err != nil {
		return nil, err
	}
	have := child.Schema()
	same := have.NumFields() == want.NumFields()
	for i := 0; same && i < have.NumFields(); i++ {
		same = arrow.TypeEqual(have.Field(i).Type, want.Field(i).Type)
	}
	if same {
		return physical.NewRename(child, want), nil
	}
	if have.NumFields() != want.NumFields() {
		return nil, sparkerror.InvalidPlanInput("data has %d columns, schema has %d", have.NumFields(), want.NumFields())
	}
	exprs := make([]expr.Expr, want.NumFields())
	for i := range exprs {
		col := &expr.Column{Index: i, Type: have.Field(i).Type}
		if arrow.TypeEqual(have.Field(i).Type, want.Field(i).Type) {
			exprs[i] = col
			continue
		}
		exprs[i] = &expr.Cast{Child: col, To: want.Field(i).Type}
	}
	return physical.NewProject(child, exprs, want), nil
}

func (p *planner) expr(e plan.Expr) (expr.Expr, error) {
	switch e := e.(type) {
	case *plan.Alias:
		return p.expr(e.Child)
	case *plan.Bound:
		t, err := types.ToArrow(e.Type)
		if err != nil {
			return nil, err
		}
		return &expr.Column{Index: e.Index, Type: t}, nil
	case *plan.Literal:
		t, err := types.ToArrow(e.Type)
		if err != nil {
			return nil, err
		}
		return &expr.Literal{Type: t, Value: e.Value}, nil
	case *plan.Typed:
		t, err := types.ToArrow(e.Type)
		if err != nil {
			return nil, err
		}
		args := make([]expr.Expr, len(e.Args))
		for i, a := range e.Args {
			if args[i], err = p.expr(a); err != nil {
				return nil, err
			}
		}
		switch e.Fn {
		case "+", "-", "*", "/", "%":
			return &expr.Arith{Op: e.Fn, Left: args[0], Right: args[1], Type: t, ANSI: p.opts.ANSI, SQL: e.Text}, nil
		case "negative":
			return &expr.Negate{Child: args[0], ANSI: p.opts.ANSI, SQL: e.Text}, nil
		case "positive":
			return args[0], nil // identity; it only shapes the column name
		}
		return nil, sparkerror.NotImplemented("function " + e.Fn)
	}
	return nil, sparkerror.InternalError("physical planner: unresolved expression %T", e)
}
