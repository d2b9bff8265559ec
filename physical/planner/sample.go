package planner

import (
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/plan"
)

// sample plans Sample (TABLESAMPLE, df.sample): Spark's per-partition samplers over the
// child's partitions.
func (p *planner) sample(n *plan.Sample) (physical.ExecutionPlan, error) {
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	return physical.NewSample(child, n.Lower, n.Upper, n.Replacement, n.Seed), nil
}
