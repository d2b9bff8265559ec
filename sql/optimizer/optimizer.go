package optimizer

import "github.com/sailgo/sail/sql/plan"

// Optimize applies the rules to a resolved plan.
func Optimize(n plan.Node) (plan.Node, error) {
	return rewriteSubqueries(n)
}
