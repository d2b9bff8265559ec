package connect

import (
	"reflect"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
)

func pivotRel(in *connectpb.Relation, groups []*connectpb.Expression, pivotCol *connectpb.Expression, values []*connectpb.Expression_Literal, aggs ...*connectpb.Expression) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Aggregate{Aggregate: &connectpb.Aggregate{Input: in,
		GroupType: connectpb.Aggregate_GROUP_TYPE_PIVOT, GroupingExpressions: groups, AggregateExpressions: aggs,
		Pivot: &connectpb.Aggregate_Pivot{Col: pivotCol, Values: values}}}}
}

func groupingSetsRel(in *connectpb.Relation, groups []*connectpb.Expression, sets [][]*connectpb.Expression, aggs ...*connectpb.Expression) *connectpb.Relation {
	a := &connectpb.Aggregate{Input: in, GroupType: connectpb.Aggregate_GROUP_TYPE_GROUPING_SETS, GroupingExpressions: groups, AggregateExpressions: aggs}
	for _, s := range sets {
		a.GroupingSets = append(a.GroupingSets, &connectpb.Aggregate_GroupingSets{GroupingSet: s})
	}
	return &connectpb.Relation{RelType: &connectpb.Relation_Aggregate{Aggregate: a}}
}

func TestAggregates(t *testing.T) {
	count1 := call("count", lit(1))
	runRelCases(t, []relCase{
		{name: "group by", rel: aggRel(tableRel("t"), groupBy, exprs(col("b")), call("sum", col("a")), as(count1, "cnt")), want: "b string, sum(a) bigint, cnt bigint not null"},
		{name: "group by an alias", rel: aggRel(tableRel("t"), groupBy, exprs(as(col("a"), "k")), count1), want: "k int, count(1) bigint not null"},
		{name: "global aggregate", rel: aggRel(tableRel("u"), groupBy, nil, call("max", col("d")), call("avg", col("a"))), want: "max(d) bigint, avg(a) double"},
		{name: "distinct aggregate", rel: aggRel(tableRel("t"), groupBy, nil, &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedFunction_{UnresolvedFunction: &connectpb.Expression_UnresolvedFunction{
			FunctionName: "count", Arguments: exprs(col("a")), IsDistinct: true}}}), want: "count(DISTINCT a) bigint not null"},
		{name: "group by without the column aggregated", rel: aggRel(tableRel("t"), groupBy, exprs(col("a")), col("b")), err: "MISSING_AGGREGATION"},
		{name: "aggregate without input", rel: aggRel(nil, groupBy, nil, count1), err: "INVALID_PLAN_INPUT"},
		{name: "aggregate without a group type", rel: aggRel(tableRel("t"), connectpb.Aggregate_GROUP_TYPE_UNSPECIFIED, nil, count1), err: "INVALID_PLAN_INPUT"},
		{name: "rollup", rel: aggRel(tableRel("t"), connectpb.Aggregate_GROUP_TYPE_ROLLUP, exprs(col("a"), col("b")), count1), want: "a int, b string, count(1) bigint not null"},
		{name: "cube", rel: aggRel(tableRel("t"), connectpb.Aggregate_GROUP_TYPE_CUBE, exprs(col("a"), col("b")), call("sum", col("c"))), want: "a int, b string, sum(c) double"},
		{name: "rollup makes its keys nullable", rel: aggRel(tableRel("u"), connectpb.Aggregate_GROUP_TYPE_ROLLUP, exprs(col("d")), count1), want: "d bigint, count(1) bigint not null"},
		{name: "grouping sets", rel: groupingSetsRel(tableRel("t"), exprs(col("a"), col("b")), [][]*connectpb.Expression{{col("a")}, {col("b")}}, count1), want: "a int, b string, count(1) bigint not null"},

		{name: "pivot", rel: pivotRel(tableRel("t"), exprs(col("b")), col("a"), []*connectpb.Expression_Literal{intLit(1), intLit(2)}, call("sum", col("c"))),
			want: "b string, 1 double, 2 double"},
		{name: "pivot with several aggregates", rel: pivotRel(tableRel("t"), exprs(col("b")), col("a"), []*connectpb.Expression_Literal{intLit(1), intLit(2)}, call("sum", col("c")), as(call("max", col("c")), "m")),
			want: "b string, 1_sum(c) double, 1_m double, 2_sum(c) double, 2_m double"},
		{name: "pivot count", rel: pivotRel(tableRel("t"), exprs(col("b")), col("a"), []*connectpb.Expression_Literal{longLit(7)}, count1), want: "b string, 7 bigint"},
		{name: "pivot on strings", rel: pivotRel(tableRel("t"), exprs(col("a")), col("b"), []*connectpb.Expression_Literal{strLit("x"), strLit("y")}, call("avg", col("c"))),
			want: "a int, x double, y double"},
		{name: "pivot of a string aggregate", rel: pivotRel(tableRel("t"), exprs(col("a")), col("c"), []*connectpb.Expression_Literal{doubleLit(1.5)}, call("max", col("b"))),
			want: "a int, 1.5 string"},
		{name: "pivot without grouping", rel: pivotRel(tableRel("t"), nil, col("a"), []*connectpb.Expression_Literal{intLit(1)}, call("sum", col("c"))), want: "1 double"},
		{name: "pivot without values", rel: pivotRel(tableRel("t"), exprs(col("b")), col("a"), nil, call("sum", col("c"))), err: "NOT_IMPLEMENTED"},
		{name: "pivot without a pivot", rel: aggRel(tableRel("t"), connectpb.Aggregate_GROUP_TYPE_PIVOT, nil, count1), err: "INVALID_PLAN_INPUT"},
		{name: "pivot on a missing column", rel: pivotRel(tableRel("t"), exprs(col("b")), col("zz"), []*connectpb.Expression_Literal{intLit(1)}, count1), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
	})
}

func TestGroupingSetsLowering(t *testing.T) {
	l, _ := testLowering(t)
	count1 := call("count", lit(1))
	for _, c := range []struct {
		name string
		rel  *connectpb.Relation
		want [][]int
	}{
		{"rollup", aggRel(tableRel("t"), connectpb.Aggregate_GROUP_TYPE_ROLLUP, exprs(col("a"), col("b"), col("c")), count1), [][]int{{0, 1, 2}, {0, 1}, {0}, {}}},
		{"cube", aggRel(tableRel("t"), connectpb.Aggregate_GROUP_TYPE_CUBE, exprs(col("a"), col("b")), count1), [][]int{{0, 1}, {0}, {1}, {}}},
		{"grouping sets", groupingSetsRel(tableRel("t"), exprs(col("a"), col("b")), [][]*connectpb.Expression{{col("a"), col("b")}, {col("b")}, {}}, count1), [][]int{{0, 1}, {1}, {}}},
		// A set may name an expression the grouping list lacks: it joins the keys.
		{"grouping sets beyond the keys", groupingSetsRel(tableRel("t"), exprs(col("a")), [][]*connectpb.Expression{{col("a")}, {col("c")}}, count1), [][]int{{0}, {1}}},
	} {
		n, err := l.Relation(c.rel)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		agg := n.(*plan.Aggregate)
		if !reflect.DeepEqual(agg.GroupingSets, c.want) {
			t.Errorf("%s: grouping sets %v, want %v", c.name, agg.GroupingSets, c.want)
		}
	}
}

// TestPivotIsTwoAggregates checks the PivotFirst shape: per (group, value) first, then
// one row per group picking each value's result, so a value without rows is NULL.
func TestPivotIsTwoAggregates(t *testing.T) {
	l, _ := testLowering(t)
	n, err := l.Relation(pivotRel(tableRel("t"), exprs(col("b")), col("a"), []*connectpb.Expression_Literal{intLit(1)}, call("count", lit(1))))
	if err != nil {
		t.Fatal(err)
	}
	outer, ok := n.(*plan.Aggregate)
	if !ok {
		t.Fatalf("pivot lowered to %T", n)
	}
	inner, ok := outer.Child.(*plan.Aggregate)
	if !ok || len(inner.Groups) != 2 || len(outer.Groups) != 1 {
		t.Fatalf("pivot lowered to %s", plan.Explain(n))
	}
	if got := outer.Exprs[1].String(); got != "first(if((__pivot_col <=> CAST(1 AS INT)), __pivot_agg0, NULL), true) AS 1" {
		t.Errorf("pivot value column %s", got)
	}
}
