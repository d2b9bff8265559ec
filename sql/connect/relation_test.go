package connect

import (
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
)

// relCase is a Connect relation, lowered and resolved: the schema Spark reports (names,
// types, nullability), or the class of the error lowering or analysis fails with.
type relCase struct {
	name string
	rel  *connectpb.Relation
	want string // schemaOf the resolved plan
	err  string // the error class instead
	// gap, when set, names a shortcoming of the analyzer (not of lowering) that makes the
	// result differ from Spark's; the case then logs and skips instead of failing, and
	// passes as soon as the analyzer is fixed.
	gap string
}

func runRelCases(t *testing.T, cases []relCase) {
	t.Helper()
	l, opts := testLowering(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := l.Relation(c.rel)
			got := ""
			if err == nil {
				resolved, rerr := analyzer.Resolve(n, opts)
				if rerr != nil {
					err = rerr
				} else {
					got = schemaOf(resolved)
				}
			}
			if c.err != "" {
				if cls := errorClass(err); cls != c.err {
					if c.gap != "" {
						t.Skipf("known analyzer gap (%s): got %s (%v)", c.gap, cls, err)
					}
					t.Errorf("want error %s, got %s (%v); schema %q", c.err, cls, err, got)
				}
				return
			}
			if err != nil || got != c.want {
				if c.gap != "" {
					t.Skipf("known analyzer gap (%s): got %q, %v", c.gap, got, err)
				}
				if err != nil {
					t.Fatalf("want %q, got error %v", c.want, err)
				}
				t.Errorf("\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

const (
	inner = connectpb.Join_JOIN_TYPE_INNER
	left  = connectpb.Join_JOIN_TYPE_LEFT_OUTER
	right = connectpb.Join_JOIN_TYPE_RIGHT_OUTER
	full  = connectpb.Join_JOIN_TYPE_FULL_OUTER
	semi  = connectpb.Join_JOIN_TYPE_LEFT_SEMI
	anti  = connectpb.Join_JOIN_TYPE_LEFT_ANTI
	cross = connectpb.Join_JOIN_TYPE_CROSS

	union     = connectpb.SetOperation_SET_OP_TYPE_UNION
	intersect = connectpb.SetOperation_SET_OP_TYPE_INTERSECT
	except    = connectpb.SetOperation_SET_OP_TYPE_EXCEPT

	groupBy = connectpb.Aggregate_GROUP_TYPE_GROUPBY
)

func TestBasicRelations(t *testing.T) {
	tAB := "a int, b string, c double"
	runRelCases(t, []relCase{
		{name: "read table", rel: tableRel("t"), want: tAB},
		{name: "read qualified table", rel: tableRel("spark_catalog.default.t"), want: tAB},
		{name: "read backquoted table", rel: tableRel("`default`.`t`"), want: tAB},
		{name: "read missing table", rel: tableRel("nope"), err: "TABLE_OR_VIEW_NOT_FOUND"},
		{name: "read malformed name", rel: tableRel("`t"), err: "INVALID_ATTRIBUTE_NAME_SYNTAX"},
		{name: "project", rel: projectRel(rangeRel(3), col("id"), as(call("+", col("id"), lit(1)), "x")), want: "id bigint not null, x bigint not null"},
		{name: "project without input", rel: projectRel(nil, lit(1), as(lit("x"), "s")), want: "1 int not null, s string not null"},
		{name: "filter", rel: filterRel(tableRel("t"), call(">", col("a"), lit(1))), want: tAB},
		{name: "filter on a missing column", rel: filterRel(tableRel("t"), call(">", col("z"), lit(1))), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "limit", rel: &connectpb.Relation{RelType: &connectpb.Relation_Limit{Limit: &connectpb.Limit{Input: rangeRel(10), Limit: 3}}}, want: "id bigint not null"},
		{name: "negative limit", rel: &connectpb.Relation{RelType: &connectpb.Relation_Limit{Limit: &connectpb.Limit{Input: rangeRel(10), Limit: -1}}}, err: "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE"},
		{name: "offset", rel: &connectpb.Relation{RelType: &connectpb.Relation_Offset{Offset: &connectpb.Offset{Input: tableRel("t"), Offset: 2}}}, want: tAB},
		{name: "tail", rel: &connectpb.Relation{RelType: &connectpb.Relation_Tail{Tail: &connectpb.Tail{Input: tableRel("t"), Limit: 2}}}, want: tAB},
		{name: "range", rel: &connectpb.Relation{RelType: &connectpb.Relation_Range{Range: &connectpb.Range{Start: ptr(int64(2)), End: 9, Step: 3, NumPartitions: ptr(int32(2))}}}, want: "id bigint not null"},
		{name: "subquery alias", rel: projectRel(&connectpb.Relation{RelType: &connectpb.Relation_SubqueryAlias{SubqueryAlias: &connectpb.SubqueryAlias{Input: rangeRel(3), Alias: "r"}}}, col("r.id")), want: "id bigint not null"},
		{name: "subquery alias with qualifier", rel: projectRel(&connectpb.Relation{RelType: &connectpb.Relation_SubqueryAlias{SubqueryAlias: &connectpb.SubqueryAlias{Input: rangeRel(3), Alias: "r", Qualifier: []string{"db"}}}}, col("db.r.id")), want: "id bigint not null"},
		{name: "toDF", rel: &connectpb.Relation{RelType: &connectpb.Relation_ToDf{ToDf: &connectpb.ToDF{Input: tableRel("t"), ColumnNames: []string{"x", "y", "z"}}}}, want: "x int, y string, z double"},
		{name: "toDF with too few names", rel: &connectpb.Relation{RelType: &connectpb.Relation_ToDf{ToDf: &connectpb.ToDF{Input: tableRel("t"), ColumnNames: []string{"x"}}}}, err: "ASSIGNMENT_ARITY_MISMATCH",
			gap: "RenameColumns with the wrong number of names raises classic Dataset.toDF's unclassified error, not ResolveSubqueryColumnAliases' ASSIGNMENT_ARITY_MISMATCH"},
		{name: "local relation from a schema", rel: &connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{Schema: ptr("a int, b string not null")}}}, want: "a int, b string not null"},
		{name: "hint is its input", rel: &connectpb.Relation{RelType: &connectpb.Relation_Hint{Hint: &connectpb.Hint{Input: tableRel("t"), Name: "broadcast"}}}, want: tAB},
		{name: "repartition", rel: &connectpb.Relation{RelType: &connectpb.Relation_Repartition{Repartition: &connectpb.Repartition{Input: tableRel("t"), NumPartitions: 4, Shuffle: ptr(true)}}}, want: tAB},
		{name: "repartition by expression", rel: &connectpb.Relation{RelType: &connectpb.Relation_RepartitionByExpression{RepartitionByExpression: &connectpb.RepartitionByExpression{Input: tableRel("t"), PartitionExprs: exprs(col("a")), NumPartitions: ptr(int32(3))}}}, want: tAB},
		{name: "repartition by a missing column", rel: &connectpb.Relation{RelType: &connectpb.Relation_RepartitionByExpression{RepartitionByExpression: &connectpb.RepartitionByExpression{Input: tableRel("t"), PartitionExprs: exprs(col("zz"))}}}, err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "deduplicate on columns", rel: &connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: &connectpb.Deduplicate{Input: tableRel("t"), ColumnNames: []string{"a", "A"}}}}, want: tAB},
		{name: "deduplicate within watermark", rel: &connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: &connectpb.Deduplicate{Input: tableRel("t"), AllColumnsAsKeys: ptr(true), WithinWatermark: ptr(true)}}}, want: tAB},
		{name: "deduplicate on a missing column", rel: &connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: &connectpb.Deduplicate{Input: tableRel("t"), ColumnNames: []string{"zz"}}}}, err: "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES"},
		{name: "sample", rel: &connectpb.Relation{RelType: &connectpb.Relation_Sample{Sample: &connectpb.Sample{Input: tableRel("t"), UpperBound: 0.5, Seed: ptr(int64(7))}}}, want: tAB},
		{name: "sample of a deterministic split", rel: &connectpb.Relation{RelType: &connectpb.Relation_Sample{Sample: &connectpb.Sample{Input: tableRel("s"), LowerBound: 0.2, UpperBound: 0.5, Seed: ptr(int64(7)), DeterministicOrder: true}}}, want: "id bigint not null, st struct<x:int,y:string>"},
		{name: "with watermark on a batch query", rel: &connectpb.Relation{RelType: &connectpb.Relation_WithWatermark{WithWatermark: &connectpb.WithWatermark{Input: tableRel("t"), EventTime: "a", DelayThreshold: "1 minute"}}}, want: tAB},
		{name: "table-valued function", rel: &connectpb.Relation{RelType: &connectpb.Relation_UnresolvedTableValuedFunction{UnresolvedTableValuedFunction: &connectpb.UnresolvedTableValuedFunction{FunctionName: "range", Arguments: exprs(lit(int64(5)))}}}, want: "id bigint not null"},
		{name: "show string", rel: &connectpb.Relation{RelType: &connectpb.Relation_ShowString{ShowString: &connectpb.ShowString{Input: tableRel("t"), NumRows: 20, Truncate: 20}}},
			want: "show_string string not null", gap: "ShowString's show_string column is non-nullable in Spark"},
	})
}

func TestJoinsAndSetOperations(t *testing.T) {
	tu := joinRel(tableRel("t"), tableRel("u"), inner, call("==", col("t.a"), col("u.a")))
	runRelCases(t, []relCase{
		{name: "inner join on a condition", rel: tu, want: "a int, b string, c double, a int, d bigint not null"},
		{name: "left outer join", rel: joinRel(tableRel("t"), tableRel("u"), left, call("==", col("t.a"), col("u.a"))), want: "a int, b string, c double, a int, d bigint"},
		{name: "right outer join", rel: joinRel(tableRel("u"), tableRel("t"), right, call("==", col("t.a"), col("u.a"))), want: "a int, d bigint, a int, b string, c double"},
		{name: "full outer join", rel: joinRel(tableRel("u"), tableRel("s"), full, call("==", col("d"), col("id"))), want: "a int, d bigint, id bigint, st struct<x:int,y:string>"},
		{name: "left semi join", rel: joinRel(tableRel("t"), tableRel("u"), semi, call("==", col("t.a"), col("u.a"))), want: "a int, b string, c double"},
		{name: "left anti join", rel: joinRel(tableRel("t"), tableRel("u"), anti, call("==", col("t.a"), col("u.a"))), want: "a int, b string, c double"},
		{name: "cross join", rel: joinRel(rangeRel(2), tableRel("u"), cross, nil), want: "id bigint not null, a int, d bigint not null"},
		{name: "join using", rel: joinRel(tableRel("t"), tableRel("u"), inner, nil, "a"), want: "a int, b string, c double, d bigint not null"},
		{name: "right join using", rel: joinRel(tableRel("t"), tableRel("u"), right, nil, "a"), want: "a int, b string, c double, d bigint not null"},
		{name: "full join using", rel: joinRel(tableRel("t"), tableRel("u"), full, nil, "a"), want: "a int, b string, c double, d bigint"},
		{name: "join using a missing column", rel: joinRel(tableRel("t"), tableRel("u"), inner, nil, "b"), err: "UNRESOLVED_USING_COLUMN_FOR_JOIN"},
		{name: "join with an ambiguous condition", rel: joinRel(tableRel("t"), tableRel("u"), inner, call("==", col("a"), col("a"))), err: "AMBIGUOUS_REFERENCE"},
		{name: "join with a non-boolean condition", rel: joinRel(tableRel("t"), tableRel("u"), inner, col("t.a")), err: "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE"},
		{name: "join with both condition and using", rel: joinRel(tableRel("t"), tableRel("u"), inner, lit(true), "a"), err: "INVALID_PLAN_INPUT"},
		{name: "join without a type", rel: joinRel(tableRel("t"), tableRel("u"), connectpb.Join_JOIN_TYPE_UNSPECIFIED, nil), err: "INVALID_PLAN_INPUT"},
		{name: "join without a right side", rel: joinRel(tableRel("t"), nil, inner, nil), err: "INVALID_PLAN_INPUT"},
		{name: "joinWith", rel: &connectpb.Relation{RelType: &connectpb.Relation_Join{Join: &connectpb.Join{Left: tableRel("t"), Right: tableRel("u"), JoinType: inner,
			JoinDataType: &connectpb.Join_JoinDataType{IsLeftStruct: true, IsRightStruct: true}}}}, err: "NOT_IMPLEMENTED"},
		{name: "lateral join", rel: &connectpb.Relation{RelType: &connectpb.Relation_LateralJoin{LateralJoin: &connectpb.LateralJoin{Left: tableRel("u"),
			Right: projectRel(nil, as(call("+", col("d"), lit(int64(1))), "e")), JoinType: inner}}}, want: "a int, d bigint not null, e bigint not null"},

		{name: "union", rel: setOpRel(rangeRel(3), rangeRel(5), union, true, false, false), want: "id bigint not null"},
		{name: "distinct union widens types", rel: setOpRel(projectRel(tableRel("u"), col("d")), projectRel(tableRel("t"), col("a")), union, false, false, false), want: "d bigint"},
		{name: "union of different widths", rel: setOpRel(tableRel("t"), tableRel("u"), union, true, false, false), err: "NUM_COLUMNS_MISMATCH"},
		{name: "unionByName", rel: setOpRel(projectRel(tableRel("t"), col("b"), col("a")), projectRel(tableRel("t"), col("a"), col("b")), union, true, true, false), want: "b string, a int"},
		{name: "unionByName allowing missing columns", rel: setOpRel(tableRel("t"), tableRel("u"), union, true, true, true), want: "a int, b string, c double, d bigint"},
		{name: "allowMissingColumns without byName", rel: setOpRel(tableRel("t"), tableRel("u"), union, true, false, true), err: "INVALID_PLAN_INPUT"},
		{name: "intersect", rel: setOpRel(rangeRel(5), rangeRel(3), intersect, false, false, false), want: "id bigint not null"},
		{name: "intersect all", rel: setOpRel(projectRel(tableRel("t"), col("a")), projectRel(tableRel("u"), col("a")), intersect, true, false, false), want: "a int"},
		{name: "except all", rel: setOpRel(tableRel("u"), tableRel("u"), except, true, false, false), want: "a int, d bigint not null"},
		{name: "except by name", rel: setOpRel(tableRel("u"), tableRel("u"), except, false, true, false), err: "INVALID_PLAN_INPUT"},
		{name: "intersect by name", rel: setOpRel(tableRel("u"), tableRel("u"), intersect, false, true, false), err: "INVALID_PLAN_INPUT"},
		{name: "set operation without a type", rel: setOpRel(tableRel("u"), tableRel("u"), connectpb.SetOperation_SET_OP_TYPE_UNSPECIFIED, false, false, false), err: "INVALID_PLAN_INPUT"},
		{name: "set operation with one input", rel: setOpRel(tableRel("u"), nil, union, false, false, false), err: "INVALID_PLAN_INPUT"},
	})
}

func TestSortLowering(t *testing.T) {
	l, opts := testLowering(t)
	rel := &connectpb.Relation{RelType: &connectpb.Relation_Sort{Sort: &connectpb.Sort{Input: tableRel("t"), IsGlobal: ptr(true),
		Order: []*connectpb.Expression_SortOrder{sortOrder(col("a"), false, false), sortOrder(col("b"), true, true)}}}}
	n, err := l.Relation(rel)
	if err != nil {
		t.Fatal(err)
	}
	s := n.(*plan.Sort)
	if !s.Global || !s.Orders[0].Descending || s.Orders[0].NullsFirst || s.Orders[1].Descending || !s.Orders[1].NullsFirst {
		t.Errorf("sort lowered to %s", s.Describe())
	}
	r, err := analyzer.Resolve(n, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaOf(r); got != "a int, b string, c double" {
		t.Errorf("sort schema %s", got)
	}
	// sortWithinPartitions; an unspecified direction is descending, as Spark reads it.
	rel.GetSort().IsGlobal = ptr(false)
	rel.GetSort().Order = []*connectpb.Expression_SortOrder{{Child: col("a")}}
	n, err = l.Relation(rel)
	if err != nil {
		t.Fatal(err)
	}
	s = n.(*plan.Sort)
	if s.Global || !s.Orders[0].Descending || s.Orders[0].NullsFirst {
		t.Errorf("sortWithinPartitions lowered to %s", s.Describe())
	}
	rel.GetSort().Order = nil
	if _, err := l.Relation(rel); errorClass(err) != "INVALID_PLAN_INPUT" {
		t.Errorf("a sort without keys: %v", err)
	}
}
