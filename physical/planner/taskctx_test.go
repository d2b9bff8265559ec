package planner

import (
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The task-context calls of an aggregate's keys and arguments, and of a sort's keys, move
// into a projection below them (Spark's PullOutNondeterministic); other nodes stay as
// they are.
func TestPullTaskCalls(t *testing.T) {
	id := &plan.AttributeRef{Name: "id", Type: types.Long, ID: plan.NewExprID()}
	child := &plan.Project{Child: plan.OneRow{}, Exprs: []plan.Expr{&plan.Alias{Child: &plan.Literal{Type: types.Long, Value: int64(1)}, Name: "id", ID: id.ID}}}
	pid := &plan.Call{Fn: "spark_partition_id", Type: types.Integer, Display: "SPARK_PARTITION_ID"}
	count := &plan.AggregateCall{Fn: "count", Args: []plan.Expr{id}, Type: types.Long, Display: "count"}
	agg := &plan.Aggregate{Child: child, Groups: []plan.Expr{pid},
		Exprs: []plan.Expr{&plan.Alias{Child: pid, Name: "p", ID: plan.NewExprID()}, &plan.Alias{Child: count, Name: "n", ID: plan.NewExprID()}}}
	got := pullTaskCalls(agg)
	below, ok := got.Child.(*plan.Project)
	if !ok || len(below.Exprs) != 2 {
		t.Fatalf("child %T %v", got.Child, got.Child)
	}
	al, ok := below.Exprs[1].(*plan.Alias)
	if !ok || al.Child != pid || al.Name != "SPARK_PARTITION_ID()" {
		t.Fatalf("extra column %v", below.Exprs[1])
	}
	key, ok := got.Groups[0].(*plan.AttributeRef)
	if !ok || key.ID != al.ID {
		t.Errorf("group %v", got.Groups[0])
	}
	if sel := got.Exprs[0].(*plan.Alias).Child; sel != key && sel.(*plan.AttributeRef).ID != key.ID {
		t.Errorf("select %v", sel)
	}
	plain := &plan.Aggregate{Child: child, Groups: []plan.Expr{id}, Exprs: []plan.Expr{id}}
	if pullTaskCalls(plain) != plain {
		t.Errorf("an aggregate without task calls was rewritten")
	}
	sorted := &plan.Sort{Child: child, Orders: []*plan.SortOrder{{Child: &plan.Call{Fn: "monotonically_increasing_id", Type: types.Long, Display: "monotonically_increasing_id"}}}, Global: true}
	top, ok := pullTaskCallsSort(sorted).(*plan.Project)
	if !ok || len(top.Exprs) != 1 || top.Exprs[0].(*plan.AttributeRef).ID != id.ID {
		t.Fatalf("sort rewrite %v", top)
	}
	inner := top.Child.(*plan.Sort)
	if _, ok := inner.Orders[0].Child.(*plan.AttributeRef); !ok || inner.Orders[0] == sorted.Orders[0] {
		t.Errorf("sort key %v", inner.Orders[0].Child)
	}
}
