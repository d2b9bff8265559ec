package planner

import (
	"github.com/sailgo/sail/sql/plan"
)

// taskCalls are the functions that read the running task (physical/expr/taskctx.go): only
// operators that see the input partitions (Project, Filter) can evaluate them.
var taskCalls = map[string]bool{
	"spark_partition_id": true, "monotonically_increasing_id": true, "input_file_name": true,
	"input_file_block_start": true, "input_file_block_length": true,
}

// pullTaskCalls moves the task-context calls of an aggregate's keys and arguments into a
// projection below it, as Spark's PullOutNondeterministic does: the aggregate may merge its
// input partitions before it evaluates anything, the projection runs on each of them.
func pullTaskCalls(n *plan.Aggregate) *plan.Aggregate {
	p := newTaskPull()
	groups := make([]plan.Expr, len(n.Groups))
	for i, g := range n.Groups {
		groups[i] = p.sub(g)
	}
	exprs := make([]plan.Expr, len(n.Exprs))
	for i, e := range n.Exprs {
		exprs[i] = p.sub(e)
	}
	if len(p.extra) == 0 {
		return n
	}
	return &plan.Aggregate{Child: p.below(n.Child), Groups: groups, Exprs: exprs, GroupingSets: n.GroupingSets, GroupByAll: n.GroupByAll}
}

// pullTaskCallsSort does the same for a sort's keys, and drops the computed columns again
// above the sort.
func pullTaskCallsSort(n *plan.Sort) plan.Node {
	p := newTaskPull()
	orders := make([]*plan.SortOrder, len(n.Orders))
	for i, o := range n.Orders {
		c := *o
		c.Child = p.sub(o.Child)
		orders[i] = &c
	}
	if len(p.extra) == 0 {
		return n
	}
	sorted := &plan.Sort{Child: p.below(n.Child), Orders: orders, Global: n.Global}
	var cols []plan.Expr
	for _, a := range n.Child.Output() {
		cols = append(cols, a)
	}
	return &plan.Project{Child: sorted, Exprs: cols}
}

// taskPull collects the task-context calls of some expressions as columns of a
// projection.
type taskPull struct {
	found map[string]*plan.AttributeRef
	extra []plan.Expr
}

func newTaskPull() *taskPull { return &taskPull{found: map[string]*plan.AttributeRef{}} }

// sub replaces the task-context calls of e by the columns that will hold them.
func (p *taskPull) sub(e plan.Expr) plan.Expr {
	out, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		c, ok := x.(*plan.Call)
		if !ok || !taskCalls[c.Fn] {
			return x, nil
		}
		if a, ok := p.found[c.Fn]; ok {
			return a, nil
		}
		a := &plan.AttributeRef{Name: c.String(), Type: c.Type, Null: c.Null, ID: plan.NewExprID()}
		p.found[c.Fn] = a
		p.extra = append(p.extra, &plan.Alias{Child: c, Name: a.Name, ID: a.ID})
		return a, nil
	})
	return out
}

// below is child with the collected calls computed as extra columns.
func (p *taskPull) below(child plan.Node) plan.Node {
	var cols []plan.Expr
	for _, a := range child.Output() {
		cols = append(cols, a)
	}
	return &plan.Project{Child: child, Exprs: append(cols, p.extra...)}
}
