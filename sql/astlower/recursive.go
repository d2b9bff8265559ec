package astlower

import (
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
)

// withClause lowers WITH [RECURSIVE] cte, ... over child.
func (o Options) withClause(with *ast.With, child plan.Node) (plan.Node, error) {
	w := &plan.WithCTE{Child: child, Recursive: with.Recursive}
	for _, c := range with.CTEs {
		cq, err := o.Query(c.Query)
		if err != nil {
			return nil, err
		}
		d := &plan.CTEDef{Name: c.Name.Name, Columns: names(c.Columns), Query: cq}
		if c.MaxRecursionLevel != nil {
			if d.MaxDepth, err = o.Expr(c.MaxRecursionLevel); err != nil {
				return nil, err
			}
		}
		w.CTEs = append(w.CTEs, d)
	}
	return w, nil
}
