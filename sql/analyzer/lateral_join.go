package analyzer

import "github.com/sailgo/sail/sql/plan"

// checkLateralJoin validates a resolved LATERAL join with a subquery on its right as
// Spark's ValidateSubqueryExpression validates the lateral subquery: a non-deterministic
// subquery cannot join a left side of more than one row (decorrelating it would change
// its results), the join condition must be deterministic, and the outer references
// inside must sit where decorrelation reaches them.
func checkLateralJoin(j *plan.Join) error {
	if !deterministicPlan(j.Right) && !atMostOneRow(j.Left) {
		return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_DETERMINISTIC_LATERAL_SUBQUERIES", "0A000",
			"Unsupported subquery expression: Non-deterministic lateral subqueries are not supported when joining with outer relations that produce more than one row:\n<treeNode>",
			map[string]string{"treeNode": plan.Explain(j)})
	}
	if j.Cond != nil && !deterministicExpr(j.Cond) {
		return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.LATERAL_JOIN_CONDITION_NON_DETERMINISTIC", "0A000",
			"Unsupported subquery expression: Lateral join condition cannot be non-deterministic: <condition>.",
			map[string]string{"condition": j.Cond.String()})
	}
	return checkCorrelations(j.Right, true)
}

// deterministicExpr reports whether e calls no non-deterministic function, its
// subqueries included.
func deterministicExpr(e plan.Expr) bool {
	return !plan.Any(e, func(x plan.Expr) bool {
		if c, ok := x.(*plan.Call); ok && plan.NonDeterministic(c.Fn) {
			return true
		}
		q := plan.SubqueryOf(x)
		return q != nil && !deterministicPlan(q.Plan)
	})
}

// deterministicPlan reports whether every expression of n's tree is deterministic.
func deterministicPlan(n plan.Node) bool {
	for _, e := range plan.Expressions(n) {
		if !deterministicExpr(e) {
			return false
		}
	}
	for _, c := range n.Children() {
		if !deterministicPlan(c) {
			return false
		}
	}
	return true
}

// atMostOneRow reports whether n is known to give at most one row (Spark's maxRows <= 1).
func atMostOneRow(n plan.Node) bool {
	switch x := n.(type) {
	case plan.OneRow:
		return true
	case *plan.Values:
		return len(x.Rows) <= 1
	case *plan.Aggregate:
		return (len(x.Groups) == 0 && len(x.GroupingSets) == 0) || atMostOneRow(x.Child)
	case *plan.Limit:
		if l, ok := x.N.(*plan.Literal); ok {
			switch v := l.Value.(type) {
			case int32:
				return v <= 1
			case int64:
				return v <= 1
			}
		}
		return atMostOneRow(x.Child)
	case *plan.Project, *plan.Filter, *plan.Sort, *plan.SubqueryAlias, *plan.Window, *plan.Distinct,
		*plan.Offset, *plan.PlanIDTag, *plan.Deduplicate:
		return atMostOneRow(n.Children()[0])
	}
	return false
}

// lateralOuter lists the outer references of a LATERAL join's right side that reach past
// the join: those to its left side are the join's own correlation, not the enclosing
// subquery's (as Spark keeps them inside the LateralSubquery expression).
func lateralOuter(j *plan.Join) []*plan.AttributeRef {
	left := map[plan.ExprID]bool{}
	for _, o := range j.Left.Output() {
		left[o.ID] = true
	}
	var all, out []*plan.AttributeRef
	collectOuter(j.Right, &all)
	for _, at := range all {
		if !left[at.ID] {
			out = append(out, at)
		}
	}
	return out
}
