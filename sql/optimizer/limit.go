package optimizer

import "github.com/sailgo/sail/sql/plan"

// pushLimits moves row limits toward the data, as Spark's LimitPushDown does: a limit
// over a projection goes beneath it (so that ORDER BY ... LIMIT under a select list still
// becomes a top-k), each input of a UNION ALL and the preserved side of an outer join
// get the limit too (the limit above stays), and nested limits keep the smaller one.
func pushLimits(n plan.Node) plan.Node {
	n = plan.MapNodeChildren(n, pushLimits)
	l, ok := n.(*plan.Limit)
	if !ok {
		return n
	}
	k, ok := limitValue(l)
	if !ok {
		return n
	}
	switch x := l.Child.(type) {
	case *plan.Project:
		if allDeterministic(x.Exprs) {
			m := *x
			m.Child = pushLimits(&plan.Limit{Child: x.Child, N: l.N})
			return &m
		}
	case *plan.SubqueryAlias:
		m := *x
		m.Child = pushLimits(&plan.Limit{Child: x.Child, N: l.N})
		return &m
	case *plan.Limit:
		if inner, ok := limitValue(x); ok && inner <= k {
			return x
		}
		return &plan.Limit{Child: x.Child, N: l.N}
	case *plan.SetOp:
		if x.Kind == plan.UnionOp && x.All && !x.ByName {
			m := *x
			m.Left, m.Right = limitOnce(x.Left, l.N, k), limitOnce(x.Right, l.N, k)
			return &plan.Limit{Child: &m, N: l.N}
		}
	case *plan.Join:
		m := *x
		switch x.Type {
		case plan.LeftOuterJoin:
			m.Left = limitOnce(x.Left, l.N, k)
		case plan.RightOuterJoin:
			m.Right = limitOnce(x.Right, l.N, k)
		default:
			return n
		}
		return &plan.Limit{Child: &m, N: l.N}
	}
	return n
}

// limitOnce limits n to k rows unless it is limited to k or fewer already.
func limitOnce(n plan.Node, lit plan.Expr, k int64) plan.Node {
	if l, ok := n.(*plan.Limit); ok {
		if v, ok := limitValue(l); ok && v <= k {
			return n
		}
	}
	return pushLimits(&plan.Limit{Child: n, N: lit})
}

// limitValue is the limit's row count when it is a literal.
func limitValue(l *plan.Limit) (int64, bool) {
	lit, ok := l.N.(*plan.Literal)
	if !ok {
		return 0, false
	}
	v, ok := lit.Value.(int64)
	return v, ok
}
