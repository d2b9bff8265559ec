package planner

import "github.com/sailgo/sail/sql/plan"

// correlated reports whether a subquery still reads columns of the query around it. Its
// Outer list may name columns nothing reads (Spark names a subquery after the outer
// references of WITH definitions no query uses, too); only outer references left in the
// plan need the row of the enclosing query.
func correlated(q *plan.Subquery) bool {
	return len(q.Outer) > 0 && readsOuter(q.Plan)
}

func readsOuter(n plan.Node) bool {
	for _, e := range plan.Expressions(n) {
		if plan.Any(e, func(x plan.Expr) bool {
			if _, ok := x.(*plan.OuterRef); ok {
				return true
			}
			q := plan.SubqueryOf(x)
			return q != nil && readsOuter(q.Plan)
		}) {
			return true
		}
	}
	for _, c := range n.Children() {
		if readsOuter(c) {
			return true
		}
	}
	return false
}
