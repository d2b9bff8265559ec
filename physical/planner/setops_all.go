package planner

import (
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// setOpAll plans EXCEPT ALL and INTERSECT ALL the way Spark rewrites them: each side's
// rows get two marker columns (the left side's first one set, the right side's second),
// the union of both is grouped by all the columns counting each marker, and each group's
// row is then output max(left - right, 0) times for EXCEPT ALL and min(left, right) times
// for INTERSECT ALL. Grouping treats NULLs as equal, as the set operations do.
func (p *planner) setOpAll(n *plan.SetOp) (physical.ExecutionPlan, error) {
	lo := n.Left.Output()
	mark := func(child plan.Node, first bool) plan.Node {
		set := &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}
		unset := &plan.Literal{Type: types.Boolean, Text: "NULL"}
		a, b := set, unset
		if !first {
			a, b = unset, set
		}
		out := child.Output()
		exprs := make([]plan.Expr, 0, len(out)+2)
		for _, at := range out {
			exprs = append(exprs, at)
		}
		exprs = append(exprs, &plan.Alias{Child: a, Name: "vcol1", ID: plan.NewExprID()},
			&plan.Alias{Child: b, Name: "vcol2", ID: plan.NewExprID()})
		return &plan.Project{Child: child, Exprs: exprs}
	}
	union := &plan.SetOp{Left: mark(n.Left, true), Right: mark(n.Right, false), Kind: plan.UnionOp, All: true}
	uo := union.Output()
	k := len(lo)
	groups := make([]plan.Expr, k)
	exprs := make([]plan.Expr, 0, k+2)
	for i, at := range uo[:k] {
		groups[i] = at
		exprs = append(exprs, at)
	}
	for i, name := range []string{"count1", "count2"} {
		count := &plan.AggregateCall{Fn: "count", Args: []plan.Expr{uo[k+i]}, Type: types.Long, Display: "count"}
		exprs = append(exprs, &plan.Alias{Child: count, Name: name, ID: plan.NewExprID()})
	}
	child, err := p.node(&plan.Aggregate{Child: union, Groups: groups, Exprs: exprs})
	if err != nil {
		return nil, err
	}
	schema, err := arrowSchema(n.Output())
	if err != nil {
		return nil, err
	}
	keep := make([]int, k)
	for i := range keep {
		keep[i] = i
	}
	mode := physical.ReplicateDifference
	if n.Kind == plan.IntersectOp {
		mode = physical.ReplicateMinimum
	}
	return physical.NewReplicateRows(child, k, k+1, mode, keep, schema)
}
