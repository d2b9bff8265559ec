package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// multiLike resolves x [NOT] LIKE|ILIKE ANY|ALL (p1, ...) as Spark evaluates it: ORs (ANY)
// or ANDs (ALL) of x [NOT] LIKE p, so a NULL x or a NULL pattern that decides the result
// gives NULL. When every pattern is a string literal Spark builds LikeAny, LikeAll,
// NotLikeAny or NotLikeAll instead, with the same results, named likeany(x) and so on
// (over lower(x) for ILIKE).
func (a *analyzer) multiLike(m *plan.MultiLike, sc *scope) (plan.Expr, error) {
	name, join := "like", "or"
	if m.ILike {
		name = "ilike"
	}
	if m.All {
		join = "and"
	}
	literal := true
	var chain plan.Expr
	for _, p := range m.Patterns {
		if l, ok := p.(*plan.Literal); !ok || l.Value == nil || !types.Equal(l.Type, types.String) {
			literal = false
		}
		var one plan.Expr = &plan.UnresolvedFunction{Name: []string{name}, Args: []plan.Expr{m.Child, p}}
		if m.Not {
			one = &plan.UnresolvedFunction{Name: []string{"not"}, Args: []plan.Expr{one}, Operator: true}
		}
		if chain == nil {
			chain = one
		} else {
			chain = &plan.UnresolvedFunction{Name: []string{join}, Args: []plan.Expr{chain, one}, Operator: true}
		}
	}
	r, err := a.expr(chain, sc)
	if err != nil || !literal {
		return r, err
	}
	c, ok := r.(*plan.Call)
	if !ok {
		return r, nil
	}
	child, err := a.expr(m.Child, sc)
	if err != nil {
		return nil, err
	}
	text := child.String()
	if m.ILike {
		text = "lower(" + text + ")"
	}
	named := *c
	named.Form, named.Display = plan.FormBare, m.Name()+"("+text+")"
	return &named, nil
}
