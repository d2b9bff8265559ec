package optimizer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// pullUpCorrelated removes the predicates that refer to outer columns from a subquery
// plan, as Spark's PullupCorrelatedPredicates does, and returns them with the outer
// references turned into plain attributes (they become join conditions). The plan keeps
// every column the predicates need in its output: projections are widened, and an
// aggregate groups by the inner side of each equality (only equalities may cross one).
func pullUpCorrelated(n plan.Node) (plan.Node, []plan.Expr, error) {
	if !correlated(n) {
		return n, nil, nil
	}
	switch x := n.(type) {
	case *plan.Filter:
		child, preds, err := pullUpCorrelated(x.Child)
		if err != nil {
			return nil, nil, err
		}
		var local []plan.Expr
		for _, c := range plan.Conjuncts(x.Cond) {
			if hasOuterRef(c) {
				preds = append(preds, stripOuter(c))
			} else {
				local = append(local, c)
			}
		}
		if len(local) == 0 {
			return child, preds, nil
		}
		return &plan.Filter{Child: child, Cond: plan.And(local), Having: x.Having}, preds, nil
	case *plan.Project:
		if hasOuterRefs(x.Exprs) {
			return nil, nil, sparkerror.NotImplemented("outer references in the select list of a subquery")
		}
		child, preds, err := pullUpCorrelated(x.Child)
		if err != nil {
			return nil, nil, err
		}
		exprs := withNeeded(x.Exprs, preds, child.Output())
		return &plan.Project{Child: child, Exprs: exprs}, preds, nil
	case *plan.SubqueryAlias:
		child, preds, err := pullUpCorrelated(x.Child)
		if err != nil {
			return nil, nil, err
		}
		return &plan.SubqueryAlias{Child: child, Alias: x.Alias}, preds, nil
	case *plan.Distinct:
		child, preds, err := pullUpCorrelated(x.Child)
		if err != nil {
			return nil, nil, err
		}
		return &plan.Distinct{Child: child}, preds, nil
	case *plan.Sort:
		// Order does not matter to a semi join or an aggregate.
		return pullUpCorrelated(x.Child)
	case *plan.Aggregate:
		if hasOuterRefs(x.Exprs) || hasOuterRefs(x.Groups) || len(x.GroupingSets) > 0 {
			return nil, nil, sparkerror.NotImplemented("outer references in the aggregate of a subquery")
		}
		child, preds, err := pullUpCorrelated(x.Child)
		if err != nil {
			return nil, nil, err
		}
		groups := append([]plan.Expr(nil), x.Groups...)
		exprs := append([]plan.Expr(nil), x.Exprs...)
		inner := attrSet(child.Output())
		for i, p := range preds {
			call, ok := p.(*plan.Call)
			if !ok || call.Fn != "=" {
				return nil, nil, correlatedNonEquality(p)
			}
			l, r := call.Args[0], call.Args[1]
			lIn, rIn := refersOnlyTo(l, inner), refersOnlyTo(r, inner)
			var key plan.Expr
			switch {
			case lIn && !rIn:
				key = l
			case rIn && !lIn:
				key = r
			default:
				return nil, nil, correlatedNonEquality(p)
			}
			attr, isAttr := key.(*plan.AttributeRef)
			if !isAttr {
				alias := &plan.Alias{Child: key, Name: key.String(), ID: plan.NewExprID()}
				groups = append(groups, key)
				exprs = append(exprs, alias)
				attr = plan.ToAttribute(alias)
			} else {
				groups = append(groups, attr)
				exprs = append(exprs, attr)
			}
			args := []plan.Expr{attr, r}
			if key == r {
				args = []plan.Expr{l, attr}
			}
			preds[i] = &plan.Call{Fn: "=", Args: args, Type: types.Boolean, Null: call.Null, Form: call.Form, Display: call.Display, ANSI: call.ANSI}
		}
		return &plan.Aggregate{Child: child, Groups: groups, Exprs: exprs}, preds, nil
	case *plan.Join:
		if x.Type != plan.InnerJoin && x.Type != plan.CrossJoin {
			return nil, nil, sparkerror.NotImplemented("correlated subqueries over " + x.Type.String() + " joins")
		}
		left, lp, err := pullUpCorrelated(x.Left)
		if err != nil {
			return nil, nil, err
		}
		right, rp, err := pullUpCorrelated(x.Right)
		if err != nil {
			return nil, nil, err
		}
		preds := append(lp, rp...)
		var local []plan.Expr
		for _, c := range plan.Conjuncts(x.Cond) {
			if hasOuterRef(c) {
				preds = append(preds, stripOuter(c))
			} else {
				local = append(local, c)
			}
		}
		return &plan.Join{Left: left, Right: right, Type: x.Type, Cond: plan.And(local)}, preds, nil
	}
	return nil, nil, sparkerror.NotImplemented("correlated subqueries containing " + n.Describe())
}

func correlatedNonEquality(p plan.Expr) error {
	return sparkerror.New(sparkerror.Analysis,
		"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE", "0A000",
		"Unsupported subquery expression: Correlated column is not allowed in predicate: <treeNode>.",
		map[string]string{"treeNode": p.String()})
}

// withNeeded adds to a projection the child columns the predicates read that it lacks.
func withNeeded(exprs, preds []plan.Expr, childOut []*plan.AttributeRef) []plan.Expr {
	have := map[plan.ExprID]bool{}
	for _, e := range exprs {
		if a := plan.ToAttribute(e); a != nil {
			have[a.ID] = true
		}
	}
	avail := attrSet(childOut)
	out := append([]plan.Expr(nil), exprs...)
	for _, p := range preds {
		plan.Walk(p, func(x plan.Expr) bool {
			if a, ok := x.(*plan.AttributeRef); ok && avail[a.ID] && !have[a.ID] {
				have[a.ID] = true
				out = append(out, a)
			}
			return true
		})
	}
	return out
}

func hasOuterRef(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.OuterRef); return ok })
}

func hasOuterRefs(es []plan.Expr) bool {
	for _, e := range es {
		if hasOuterRef(e) {
			return true
		}
	}
	return false
}

// stripOuter turns the outer references of a pulled-up predicate into the attributes they
// name, which the join's left side provides.
func stripOuter(e plan.Expr) plan.Expr {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if o, ok := x.(*plan.OuterRef); ok {
			return o.Attr, nil
		}
		return x, nil
	})
	return r
}

func attrSet(attrs []*plan.AttributeRef) map[plan.ExprID]bool {
	m := make(map[plan.ExprID]bool, len(attrs))
	for _, a := range attrs {
		m[a.ID] = true
	}
	return m
}

// refersOnlyTo reports whether every attribute of e is in set (and there is at least one).
func refersOnlyTo(e plan.Expr, set map[plan.ExprID]bool) bool {
	some, all := false, true
	plan.Walk(e, func(x plan.Expr) bool {
		if a, ok := x.(*plan.AttributeRef); ok {
			some = true
			all = all && set[a.ID]
		}
		return true
	})
	return some && all
}

func equal(l, r plan.Expr) plan.Expr {
	return &plan.Call{Fn: "=", Args: []plan.Expr{l, r}, Type: types.Boolean, Null: plan.NullableOf(l) || plan.NullableOf(r),
		Form: plan.FormInfix, Display: "="}
}

func isNull(e plan.Expr) plan.Expr {
	return &plan.Call{Fn: "isnull", Args: []plan.Expr{e}, Type: types.Boolean, Display: "isnull"}
}

func sameAttributes(a, b []*plan.AttributeRef) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

func attrExprs(attrs []*plan.AttributeRef) []plan.Expr {
	out := make([]plan.Expr, len(attrs))
	for i, a := range attrs {
		out[i] = a
	}
	return out
}
