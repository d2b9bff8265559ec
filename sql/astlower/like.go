package astlower

import (
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
)

// multiLike lowers x [NOT] LIKE|ILIKE ANY|SOME|ALL (p1, ...).
func (o Options) multiLike(e *ast.Like) (plan.Expr, error) {
	if e.Op == ast.OpRLike {
		return nil, notImplemented("RLIKE " + e.Quantifier)
	}
	x, err := o.Expr(e.X)
	if err != nil {
		return nil, err
	}
	ps, err := o.exprs(e.Patterns)
	if err != nil {
		return nil, err
	}
	return &plan.MultiLike{Child: x, Patterns: ps, ILike: e.Op == ast.OpILike, All: e.Quantifier == "ALL", Not: e.Not}, nil
}
