package optimizer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// LATERAL joins: the subquery on the right may refer to the columns of the left side (as
// outer references). As Spark's RewriteLateralSubquery does after decorrelating the
// subquery, the join becomes an ordinary one: the subquery is decorrelated against the
// left side by the subquery rules' decorrelator (decorrelateSubquery; an aggregate without
// GROUP BY keeps a row for every left row, as the count bug asks), and the left side is
// joined with it on the correlation conditions and the join's own condition. A projection
// above gives the LATERAL join's columns back their IDs. A subquery that reads nothing of
// the left side is joined as it is. A subquery the decorrelator cannot handle keeps its
// LATERAL join, which the physical planner reports as not implemented.

// rewriteLateralJoins rewrites the LATERAL joins of n, of its children and of the plans of
// the subquery expressions it holds (in place: the analyzer's copies, owned by n).
func rewriteLateralJoins(n plan.Node) (plan.Node, error) {
	children := n.Children()
	if len(children) > 0 {
		next := make([]plan.Node, len(children))
		changed := false
		for i, c := range children {
			r, err := rewriteLateralJoins(c)
			if err != nil {
				return nil, err
			}
			next[i] = r
			changed = changed || r != c
		}
		if changed {
			n = n.WithChildren(next)
		}
	}
	var err error
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if q := plan.SubqueryOf(x); q != nil && err == nil {
				var r plan.Node
				if r, err = rewriteLateralJoins(q.Plan); err == nil {
					q.Plan = r
				}
			}
			return err == nil
		})
	}
	if err != nil {
		return nil, err
	}
	if j, ok := n.(*plan.Join); ok && j.Lateral {
		return lateralJoin(j)
	}
	return n, nil
}

// lateralJoin rewrites one LATERAL join; a join it cannot rewrite comes back unchanged.
func lateralJoin(j *plan.Join) (plan.Node, error) {
	if !correlated(j.Right) {
		m := *j
		m.Lateral = false
		return &m, nil
	}
	jt := j.Type
	switch jt {
	case plan.CrossJoin:
		jt = plan.InnerJoin
	case plan.InnerJoin, plan.LeftOuterJoin:
	default:
		return j, nil
	}
	sub, conds, rename, err := decorrelateSubquery(j.Right, j.Left, true)
	if err != nil {
		// A shape the decorrelator does not handle: the join stays LATERAL.
		return j, nil
	}
	if j.Cond != nil {
		conds = append(conds, plan.Conjuncts(renameInner(j.Cond, rename))...)
	}
	join := &plan.Join{Left: j.Left, Right: sub, Type: jt, Cond: plan.And(conds)}
	// The join's columns (nullable on the right of a left outer join) under the LATERAL
	// join's IDs.
	joined := map[plan.ExprID]*plan.AttributeRef{}
	for _, a := range join.Output() {
		joined[a.ID] = a
	}
	out := j.Output()
	exprs := make([]plan.Expr, len(out))
	for i, a := range out {
		id := a.ID
		if b, ok := rename[id]; ok {
			id = b.ID
		}
		b, ok := joined[id]
		if !ok {
			return nil, sparkerror.InternalError("LATERAL join: column %s#%d lost in decorrelation", a.Name, a.ID)
		}
		if id != a.ID {
			exprs[i] = &plan.Alias{Child: b, Name: a.Name, ID: a.ID, Metadata: a.Metadata}
		} else {
			exprs[i] = b
		}
	}
	return &plan.Project{Child: join, Exprs: exprs}, nil
}
