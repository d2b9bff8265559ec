package connect

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
)

func sqlArgs(q string, pos []*connectpb.Expression, named map[string]*connectpb.Expression) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q, PosArguments: pos, NamedArguments: named}}}
}

func withRelationsRel(root *connectpb.Relation, refs ...*connectpb.Relation) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_WithRelations{WithRelations: &connectpb.WithRelations{Root: root, References: refs}}}
}

func aliasRel(in *connectpb.Relation, alias string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_SubqueryAlias{SubqueryAlias: &connectpb.SubqueryAlias{Input: in, Alias: alias}}}
}

func subquery(id int64, kind connectpb.SubqueryExpression_SubqueryType) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_SubqueryExpression{SubqueryExpression: &connectpb.SubqueryExpression{PlanId: id, SubqueryType: kind}}}
}

const (
	scalarSubquery = connectpb.SubqueryExpression_SUBQUERY_TYPE_SCALAR
	existsSubquery = connectpb.SubqueryExpression_SUBQUERY_TYPE_EXISTS
)

func TestSQLAndWithRelations(t *testing.T) {
	runRelCases(t, []relCase{
		{name: "positional arguments", rel: sqlArgs("SELECT ? AS x, ? + 1 AS y", exprs(lit(1), lit(int64(2))), nil), want: "x int not null, y bigint not null"},
		// The markers bind in the order of the text, not of the plan (the WHERE is below
		// the select list).
		{name: "positional arguments in text order", rel: sqlArgs("SELECT ? AS first FROM range(3) WHERE id < ?", exprs(lit("a"), lit(5)), nil), want: "first string not null"},
		{name: "positional arguments in LIMIT", rel: sqlArgs("SELECT id FROM range(10) WHERE id > ? LIMIT ?", exprs(lit(int64(5)), lit(2)), nil), want: "id bigint not null"},
		{name: "named arguments", rel: sqlArgs("SELECT :a AS a, :b AS b", nil, map[string]*connectpb.Expression{"a": lit("s"), "b": lit(1.5)}), want: "a string not null, b double not null"},
		{name: "named arguments in a subquery", rel: sqlArgs("SELECT (SELECT :v) AS x", nil, map[string]*connectpb.Expression{"v": lit(3)}), want: "x int"},
		{name: "named arguments in a CTE", rel: sqlArgs("WITH c AS (SELECT :v AS x) SELECT x FROM c", nil, map[string]*connectpb.Expression{"v": lit(3)}), want: "x int not null"},
		{name: "deprecated literal arguments", rel: &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: "SELECT :a AS a",
			Args: map[string]*connectpb.Expression_Literal{"a": longLit(1)}}}}, want: "a bigint not null"},
		{name: "deprecated positional literals", rel: &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: "SELECT ? AS a",
			PosArgs: []*connectpb.Expression_Literal{boolLit(true)}}}}, want: "a boolean not null"},
		{name: "an argument that is a column", rel: sqlArgs("SELECT :a", nil, map[string]*connectpb.Expression{"a": col("x")}), err: "INVALID_SQL_ARG"},
		{name: "an unbound named parameter", rel: sqlArgs("SELECT :a, :b", nil, map[string]*connectpb.Expression{"a": lit(1)}), err: "UNBOUND_SQL_PARAMETER"},
		{name: "a positional parameter with named arguments", rel: sqlArgs("SELECT ?", nil, map[string]*connectpb.Expression{"a": lit(1)}), err: "UNBOUND_SQL_PARAMETER"},
		{name: "more markers than arguments", rel: sqlArgs("SELECT ?, ?", exprs(lit(1)), nil), err: "UNBOUND_SQL_PARAMETER"},
		{name: "a parse error", rel: sqlArgs("SELEC ?", exprs(lit(1)), nil), err: "PARSE_SYNTAX_ERROR"},

		{name: "SQL over DataFrames", rel: withRelationsRel(sqlRel("SELECT id * 2 AS x FROM v1 JOIN v2 USING (id)"), aliasRel(rangeRel(3), "v1"), aliasRel(rangeRel(5), "v2")),
			want: "x bigint not null"},
		{name: "SQL over DataFrames with arguments", rel: withRelationsRel(sqlArgs("SELECT d FROM v WHERE a > ?", exprs(lit(1)), nil), aliasRel(tableRel("u"), "v")), want: "d bigint not null"},
		{name: "a scalar subquery", rel: withRelationsRel(projectRel(rangeRel(3), col("id"), subquery(7, scalarSubquery)),
			withPlanID(projectRel(nil, as(lit(42), "v")), 7)), want: "id bigint not null, scalarsubquery() int"},
		{name: "an EXISTS subquery", rel: withRelationsRel(filterRel(rangeRel(3), subquery(8, existsSubquery)), withPlanID(rangeRel(1), 8)), want: "id bigint not null"},
		{name: "a subquery without its relation", rel: withRelationsRel(projectRel(rangeRel(3), subquery(9, scalarSubquery)), withPlanID(rangeRel(1), 8)), err: "INVALID_PLAN_INPUT"},
		{name: "a subquery outside WithRelations", rel: projectRel(rangeRel(3), subquery(9, scalarSubquery)), err: "INVALID_PLAN_INPUT"},
		{name: "a reference without a plan id", rel: withRelationsRel(rangeRel(3), rangeRel(1)), err: "INVALID_PLAN_INPUT"},
		{name: "references in a cycle", rel: withRelationsRel(projectRel(nil, subquery(1, scalarSubquery)),
			withPlanID(projectRel(nil, subquery(2, scalarSubquery)), 1), withPlanID(projectRel(nil, subquery(1, scalarSubquery)), 2)), err: "INVALID_PLAN_INPUT"},
		{name: "WithRelations without a root", rel: withRelationsRel(nil), err: "INVALID_PLAN_INPUT"},
	})
}

func TestSQLArgumentsBindInTextOrder(t *testing.T) {
	l, _ := testLowering(t)
	n, err := l.Relation(sqlArgs("SELECT id FROM range(10) WHERE id > ? LIMIT ?", exprs(lit(int64(5)), lit(2)), nil))
	if err != nil {
		t.Fatal(err)
	}
	lim := n.(*plan.Limit)
	if got := lim.N.String(); got != "2" {
		t.Errorf("LIMIT %s", got)
	}
	if got := lim.Child.(*plan.Project).Child.(*plan.Filter).Cond.String(); got != "(id > 5)" {
		t.Errorf("WHERE %s", got)
	}
	// A command's query binds too.
	n, err = l.Relation(sqlArgs("INSERT INTO t VALUES (?, 'x', ?)", exprs(lit(1), lit(2.5)), nil))
	if err != nil {
		t.Fatal(err)
	}
	ins, ok := n.(*plan.InsertInto)
	if !ok {
		t.Fatalf("lowered to %T", n)
	}
	if got := plan.Explain(ins.Query); strings.Contains(got, "?") || strings.Contains(got, ":_") {
		t.Errorf("unbound parameters left in %s", got)
	}
}

func TestUnboundPositionalParameterName(t *testing.T) {
	// Spark names an unbound ? after its offset in the text.
	l, opts := testLowering(t)
	n, err := l.Relation(sqlArgs("SELECT 1, ?", nil, map[string]*connectpb.Expression{"a": lit(1)}))
	if err == nil {
		_, err = analyzer.Resolve(n, opts)
	}
	if err == nil || !strings.Contains(err.Error(), "parameter: _10.") {
		t.Errorf("got %v", err)
	}
}

func TestValidSQLArguments(t *testing.T) {
	l, _ := testLowering(t)
	for _, c := range []struct {
		arg  *connectpb.Expression
		want bool
	}{
		{lit(1), true},
		{call("array", lit(1), lit(2)), true},
		{call("map", lit("a"), call("struct", lit(1))), true},
		{call("named_struct", lit("a"), lit(1)), true},
		{as(lit(1), "x"), true},
		{call("array", col("a")), false},
		{call("upper", lit("a")), false},
		{col("a"), false},
	} {
		x, err := l.newLowerer().expr(c.arg)
		if err != nil {
			t.Fatal(err)
		}
		if got := validSQLArg(x); got != c.want {
			t.Errorf("%s: valid %t, want %t", x, got, c.want)
		}
	}
}
