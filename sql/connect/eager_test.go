package connect

import (
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
)

func withColumnsRel(in *connectpb.Relation, aliases ...*connectpb.Expression) *connectpb.Relation {
	w := &connectpb.WithColumns{Input: in}
	for _, a := range aliases {
		w.Aliases = append(w.Aliases, a.GetAlias())
	}
	return &connectpb.Relation{RelType: &connectpb.Relation_WithColumns{WithColumns: w}}
}

func renameRel(in *connectpb.Relation, pairs ...string) *connectpb.Relation {
	w := &connectpb.WithColumnsRenamed{Input: in}
	for i := 0; i+1 < len(pairs); i += 2 {
		w.Renames = append(w.Renames, &connectpb.WithColumnsRenamed_Rename{ColName: pairs[i], NewColName: pairs[i+1]})
	}
	return &connectpb.Relation{RelType: &connectpb.Relation_WithColumnsRenamed{WithColumnsRenamed: w}}
}

func dropRel(in *connectpb.Relation, cols []*connectpb.Expression, names ...string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Drop{Drop: &connectpb.Drop{Input: in, Columns: cols, ColumnNames: names}}}
}

func toSchemaRel(t *testing.T, in *connectpb.Relation, ddl string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_ToSchema{ToSchema: &connectpb.ToSchema{Input: in, Schema: typeProto(t, "struct<"+ddl+">")}}}
}

func regex(name string) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedRegex_{UnresolvedRegex: &connectpb.Expression_UnresolvedRegex{ColName: name}}}
}

// selfJoin is range(2) joined with itself: two columns named id that no name tells
// apart.
func selfJoin() *connectpb.Relation { return joinRel(rangeRel(2), rangeRel(2), cross, nil) }

func TestSchemaDependentRelations(t *testing.T) {
	tAB := "a int, b string, c double"
	tu := joinRel(tableRel("t"), tableRel("u"), inner, call("==", col("t.a"), col("u.a")))
	runRelCases(t, []relCase{
		{name: "withColumns replaces and adds", rel: withColumnsRel(tableRel("t"), as(call("+", col("a"), lit(1)), "a"), as(lit(1), "z")), want: "a int, b string, c double, z int not null"},
		{name: "withColumns matches names case-insensitively", rel: withColumnsRel(tableRel("t"), as(lit("x"), "B")), want: "a int, B string not null, c double"},
		{name: "withColumns with a name twice", rel: withColumnsRel(tableRel("t"), as(lit(1), "x"), as(lit(2), "X")), err: "COLUMN_ALREADY_EXISTS"},
		{name: "withColumns with a multi-part name", rel: withColumnsRel(tableRel("t"), as(lit(1), "x", "y")), err: "INVALID_PLAN_INPUT"},
		{name: "withColumns over a missing column", rel: withColumnsRel(tableRel("t"), as(col("zz"), "x")), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "withColumns over a join", rel: withColumnsRel(tu, as(col("d"), "e")), want: "a int, b string, c double, a int, d bigint not null, e bigint not null"},
		{name: "withColumns over equal names", rel: withColumnsRel(selfJoin(), as(lit(1), "z")), want: "id bigint not null, id bigint not null, z int not null"},
		{name: "withColumns replacing equal names", rel: withColumnsRel(selfJoin(), as(lit("x"), "id")), want: "id string not null, id string not null"},

		{name: "withColumnsRenamed", rel: renameRel(tableRel("t"), "a", "x", "zz", "q", "B", "y"), want: "x int, y string, c double"},
		{name: "withColumnsRenamed in turn", rel: renameRel(tableRel("t"), "a", "k", "k", "m"), want: "m int, b string, c double"},
		{name: "withColumnsRenamed of nothing", rel: renameRel(tableRel("t"), "zz", "q"), want: tAB},
		{name: "withColumnsRenamed over equal names", rel: renameRel(selfJoin(), "id", "k"), want: "k bigint not null, k bigint not null"},
		{name: "withColumnsRenamed from the deprecated map", rel: &connectpb.Relation{RelType: &connectpb.Relation_WithColumnsRenamed{WithColumnsRenamed: &connectpb.WithColumnsRenamed{
			Input: tableRel("t"), RenameColumnsMap: map[string]string{"a": "x", "c": "z"}}}}, want: "x int, b string, z double"},

		{name: "drop by name", rel: dropRel(tableRel("t"), nil, "b", "nope"), want: "a int, c double"},
		{name: "drop by column and name", rel: dropRel(tableRel("t"), exprs(col("c")), "A"), want: "b string"},
		{name: "drop a missing column", rel: dropRel(tableRel("t"), exprs(col("nope"))), want: tAB},
		{name: "drop one side's column of a join", rel: dropRel(tu, exprs(col("u.a"))), want: "a int, b string, c double, d bigint not null"},
		{name: "drop every column of a name", rel: dropRel(tu, nil, "a"), want: "b string, c double, d bigint not null"},
		{name: "drop over equal names", rel: dropRel(projectRel(selfJoin(), star(), as(lit(1), "z")), nil, "id"), want: "z int not null"},
		{name: "drop an ambiguous column", rel: dropRel(tu, exprs(col("a"))), err: "AMBIGUOUS_REFERENCE"},

		{name: "to(schema) reorders and casts", rel: toSchemaRel(t, tableRel("t"), "c double, a bigint, z string"), want: "c double, a bigint, z string"},
		{name: "to(schema) keeps non-nullable columns", rel: toSchemaRel(t, tableRel("u"), "d bigint, A int"), want: "d bigint not null, A int"},
		{name: "to(schema) with a nullable column declared not null", rel: toSchemaRel(t, tableRel("t"), "a int not null"), err: "NULLABLE_COLUMN_OR_FIELD"},
		{name: "to(schema) with an unsafe cast", rel: toSchemaRel(t, tableRel("t"), "b int"), err: "INVALID_COLUMN_OR_FIELD_DATA_TYPE"},
		{name: "to(schema) missing a required column", rel: toSchemaRel(t, tableRel("t"), "q int not null"), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "to(schema) with char", rel: toSchemaRel(t, tableRel("t"), "b char(3)"), err: "UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING"},
		{name: "to(schema) of a non-struct", rel: &connectpb.Relation{RelType: &connectpb.Relation_ToSchema{ToSchema: &connectpb.ToSchema{Input: tableRel("t"), Schema: typeProto(t, "int")}}}, err: "INVALID_PLAN_INPUT"},

		{name: "colRegex", rel: projectRel(tableRel("t"), regex("`(a|c)`")), want: "a int, c double"},
		{name: "colRegex ignores case", rel: projectRel(tableRel("t"), regex("`B`"), col("a")), want: "b string, a int"},
		{name: "colRegex after a table name", rel: projectRel(tu, regex("u.`.*`")), want: "a int, d bigint not null"},
		{name: "colRegex of a plain name", rel: projectRel(tableRel("t"), regex("b")), want: "b string"},
		{name: "colRegex matching nothing", rel: projectRel(tableRel("t"), regex("`z.*`")), want: ""},
		{name: "colRegex outside a select list", rel: filterRel(tableRel("t"), regex("`a`")), err: "INVALID_USAGE_OF_STAR_OR_REGEX"},
	})
}

func TestSchemaDependentRelationsNeedTheAnalyzer(t *testing.T) {
	// Without the session's analyzer settings a relation that needs its input's schema
	// fails with an internal error rather than guessing.
	_, err := Lowering{}.Relation(dropRel(rangeRel(3), nil, "id"))
	if errorClass(err) != "INTERNAL_ERROR" {
		t.Fatalf("got %v", err)
	}
	// LowerRelation uses the default settings.
	n, err := LowerRelation(dropRel(rangeRel(3), nil, "id"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := analyzer.Resolve(n, analyzer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaOf(r); got != "" {
		t.Errorf("got %q", got)
	}
}

func TestWithColumnsMetadata(t *testing.T) {
	l, opts := testLowering(t)
	a := as(lit(1), "z")
	a.GetAlias().Metadata = ptr(`{"comment":"one"}`)
	n, err := l.Relation(withColumnsRel(tableRel("t"), a))
	if err != nil {
		t.Fatal(err)
	}
	r, err := analyzer.Resolve(n, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := r.Output()
	if md := out[len(out)-1].Metadata; md != `{"comment":"one"}` {
		t.Errorf("metadata %q", md)
	}
}
