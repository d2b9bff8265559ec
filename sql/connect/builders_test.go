package connect

import (
	"errors"
	"strings"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Builders of Connect messages, shaped like what PySpark sends.

func ptr[T any](v T) *T { return &v }

func tableRel(name string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{
		ReadType: &connectpb.Read_NamedTable_{NamedTable: &connectpb.Read_NamedTable{UnparsedIdentifier: name}}}}}
}

func rangeRel(end int64) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Range{Range: &connectpb.Range{End: end, Step: 1}}}
}

func sqlRel(q string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q}}}
}

func withPlanID(r *connectpb.Relation, id int64) *connectpb.Relation {
	r.Common = &connectpb.RelationCommon{PlanId: ptr(id)}
	return r
}

func projectRel(in *connectpb.Relation, es ...*connectpb.Expression) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Project{Project: &connectpb.Project{Input: in, Expressions: es}}}
}

func filterRel(in *connectpb.Relation, cond *connectpb.Expression) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Filter{Filter: &connectpb.Filter{Input: in, Condition: cond}}}
}

func joinRel(l, r *connectpb.Relation, jt connectpb.Join_JoinType, cond *connectpb.Expression, using ...string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Join{Join: &connectpb.Join{Left: l, Right: r, JoinType: jt, JoinCondition: cond, UsingColumns: using}}}
}

func setOpRel(l, r *connectpb.Relation, kind connectpb.SetOperation_SetOpType, all, byName, allowMissing bool) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_SetOp{SetOp: &connectpb.SetOperation{LeftInput: l, RightInput: r,
		SetOpType: kind, IsAll: ptr(all), ByName: ptr(byName), AllowMissingColumns: ptr(allowMissing)}}}
}

func aggRel(in *connectpb.Relation, gt connectpb.Aggregate_GroupType, groups []*connectpb.Expression, aggs ...*connectpb.Expression) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Aggregate{Aggregate: &connectpb.Aggregate{Input: in, GroupType: gt,
		GroupingExpressions: groups, AggregateExpressions: aggs}}}
}

func exprs(es ...*connectpb.Expression) []*connectpb.Expression { return es }

func col(name string) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedAttribute_{UnresolvedAttribute: &connectpb.Expression_UnresolvedAttribute{UnparsedIdentifier: name}}}
}

func star() *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedStar_{UnresolvedStar: &connectpb.Expression_UnresolvedStar{}}}
}

func litExpr(l *connectpb.Expression_Literal) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_Literal_{Literal: l}}
}

func intLit(v int32) *connectpb.Expression_Literal {
	return &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Integer{Integer: v}}
}

func longLit(v int64) *connectpb.Expression_Literal {
	return &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Long{Long: v}}
}

func doubleLit(v float64) *connectpb.Expression_Literal {
	return &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Double{Double: v}}
}

func strLit(v string) *connectpb.Expression_Literal {
	return &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_String_{String_: v}}
}

func boolLit(v bool) *connectpb.Expression_Literal {
	return &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Boolean{Boolean: v}}
}

func lit(v any) *connectpb.Expression {
	switch x := v.(type) {
	case int:
		return litExpr(intLit(int32(x)))
	case int64:
		return litExpr(longLit(x))
	case float64:
		return litExpr(doubleLit(x))
	case string:
		return litExpr(strLit(x))
	case bool:
		return litExpr(boolLit(x))
	}
	panic("lit: unsupported value")
}

func call(name string, args ...*connectpb.Expression) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedFunction_{UnresolvedFunction: &connectpb.Expression_UnresolvedFunction{FunctionName: name, Arguments: args}}}
}

func as(e *connectpb.Expression, names ...string) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_Alias_{Alias: &connectpb.Expression_Alias{Expr: e, Name: names}}}
}

func sortOrder(e *connectpb.Expression, asc, nullsFirst bool) *connectpb.Expression_SortOrder {
	o := &connectpb.Expression_SortOrder{Child: e, Direction: connectpb.Expression_SortOrder_SORT_DIRECTION_DESCENDING,
		NullOrdering: connectpb.Expression_SortOrder_SORT_NULLS_LAST}
	if asc {
		o.Direction = connectpb.Expression_SortOrder_SORT_DIRECTION_ASCENDING
	}
	if nullsFirst {
		o.NullOrdering = connectpb.Expression_SortOrder_SORT_NULLS_FIRST
	}
	return o
}

func typeProto(t *testing.T, s string) *connectpb.DataType {
	t.Helper()
	dt, err := types.ParseDataType(s)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := ToProto(dt)
	if err != nil {
		t.Fatal(err)
	}
	return pb
}

// testCatalog has
//
//	t(a INT, b STRING, c DOUBLE)
//	u(a INT, d BIGINT NOT NULL)
//	s(id BIGINT NOT NULL, st STRUCT<x: INT, y: STRING>)
//	n(i INT, l BIGINT, f FLOAT, d DOUBLE, s STRING, b BOOLEAN)
func testCatalog(t *testing.T) *catalog.Session {
	t.Helper()
	cat := catalog.New().NewSession()
	for name, ddl := range map[string]string{
		"t": "a INT, b STRING, c DOUBLE",
		"u": "a INT, d BIGINT NOT NULL",
		"s": "id BIGINT NOT NULL, st STRUCT<x: INT, y: STRING>",
		"n": "i INT, l BIGINT, f FLOAT, d DOUBLE, s STRING, b BOOLEAN",
	} {
		st, err := types.ParseTableSchema(ddl)
		if err != nil {
			t.Fatal(err)
		}
		tn, _ := cat.Resolve([]string{name})
		if _, err := cat.CreateTable(tn, &catalog.Table{Schema: st}, false, false); err != nil {
			t.Fatal(err)
		}
	}
	return cat
}

// testLowering lowers with Spark 4's defaults (ANSI on, case-insensitive) over the test
// catalog.
func testLowering(t *testing.T) (Lowering, analyzer.Options) {
	opts := analyzer.Options{ANSI: true, Catalog: testCatalog(t)}
	return Lowering{Analysis: &opts}, opts
}

// schemaOf renders a resolved plan's output: "name type" with " not null" for columns
// that cannot be NULL.
func schemaOf(n plan.Node) string {
	var parts []string
	for _, a := range n.Output() {
		s := a.Name + " " + a.Type.SimpleString()
		if !a.Null {
			s += " not null"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// errorClass is the class of a sparkerror in err's chain ("" for none; "<no class>" for
// an error without one).
func errorClass(err error) string {
	if err == nil {
		return ""
	}
	var te *types.Error
	if errors.As(err, &te) {
		return te.Class
	}
	e, ok := sparkerror.As(err)
	if !ok {
		return "<not a sparkerror: " + err.Error() + ">"
	}
	if e.Class == "" {
		return "<no class>"
	}
	return e.Class
}
