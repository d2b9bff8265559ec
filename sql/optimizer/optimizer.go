package optimizer

import "github.com/sailgo/sail/sql/plan"

// Optimize applies the rules to a resolved plan: decorrelation first (subqueries in
// predicates become joins), then predicate pushdown, join ordering and the rewrite of
// DISTINCT aggregates into two aggregates, in the plan and in the subqueries that remain
// expressions; then limits are pushed down, repeated subexpressions computed once, and
// last, scans are pruned to the columns the plan reads.
func Optimize(n plan.Node) (plan.Node, error) {
	n, err := rewriteLateralJoins(n)
	if err != nil {
		return nil, err
	}
	n, err = rewriteSubqueries(n)
	if err != nil {
		return nil, err
	}
	return pruneColumns(eliminateCommonSubexpressions(pushLimits(optimizeJoins(n)))), nil
}

// optimizeJoins pushes predicates down, filters the inputs of aggregates that joins match
// on their keys, orders joins and splits DISTINCT aggregates in n
// and, in place, in the plans of the subquery expressions it holds (they are the
// analyzer's copies, owned by n).
func optimizeJoins(n plan.Node) plan.Node {
	n = rewriteDistinctAggregates(reorderJoins(reduceAggregateInputs(pushPredicates(n))))
	var visit func(plan.Node)
	visit = func(m plan.Node) {
		for _, e := range plan.Expressions(m) {
			plan.Walk(e, func(x plan.Expr) bool {
				if q := plan.SubqueryOf(x); q != nil {
					q.Plan = optimizeJoins(q.Plan)
				}
				return true
			})
		}
		for _, c := range m.Children() {
			visit(c)
		}
	}
	visit(n)
	return n
}
