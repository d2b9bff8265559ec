package planner

import (
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/plan"
)

// seededAggregateOutput is what an aggregate's select list is computed over when the list
// draws seeded random numbers (rand, randn, uniform, randstr, ...): Spark computes them in
// the final aggregation, after a shuffle that adaptive execution coalesces into one
// partition for inputs as small as its tests', so every draw comes from the generator of
// partition 0 (seed + 0), in the order of the shuffle's partitions. The aggregate's
// partitions are merged in that order here. A global aggregate has one partition already.
func seededAggregateOutput(agg physical.ExecutionPlan, exprs []plan.Expr) physical.ExecutionPlan {
	if agg.Partitions() <= 1 || !callsSeeded(exprs) {
		return agg
	}
	return physical.NewCoalesce(agg)
}

// callsSeeded reports whether any of es calls a seeded function.
func callsSeeded(es []plan.Expr) bool {
	found := false
	for _, e := range es {
		plan.Walk(e, func(x plan.Expr) bool {
			if c, ok := x.(*plan.Call); ok {
				if _, seeded := seedArg[c.Fn]; seeded {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
