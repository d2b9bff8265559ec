package connect

import (
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

func fillRel(in *connectpb.Relation, cols []string, values ...*connectpb.Expression_Literal) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_FillNa{FillNa: &connectpb.NAFill{Input: in, Cols: cols, Values: values}}}
}

func dropNaRel(in *connectpb.Relation, cols []string, min *int32) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_DropNa{DropNa: &connectpb.NADrop{Input: in, Cols: cols, MinNonNulls: min}}}
}

func replaceRel(in *connectpb.Relation, cols []string, pairs ...*connectpb.Expression_Literal) *connectpb.Relation {
	r := &connectpb.NAReplace{Input: in, Cols: cols}
	for i := 0; i+1 < len(pairs); i += 2 {
		r.Replacements = append(r.Replacements, &connectpb.NAReplace_Replacement{OldValue: pairs[i], NewValue: pairs[i+1]})
	}
	return &connectpb.Relation{RelType: &connectpb.Relation_Replace{Replace: r}}
}

func nullLit(t *testing.T, ty string) *connectpb.Expression_Literal {
	return &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Null{Null: typeProto(t, ty)}}
}

func describeRel(in *connectpb.Relation, cols ...string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Describe{Describe: &connectpb.StatDescribe{Input: in, Cols: cols}}}
}

func summaryRel(in *connectpb.Relation, stats ...string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Summary{Summary: &connectpb.StatSummary{Input: in, Statistics: stats}}}
}

func TestNAFunctions(t *testing.T) {
	n := "i int, l bigint, f float, d double, s string, b boolean"
	runRelCases(t, []relCase{
		{name: "fill a number", rel: fillRel(tableRel("n"), nil, longLit(0)), want: "i int not null, l bigint not null, f float not null, d double not null, s string, b boolean"},
		{name: "fill a double", rel: fillRel(tableRel("n"), nil, doubleLit(0.5)), want: "i int not null, l bigint not null, f float not null, d double not null, s string, b boolean"},
		{name: "fill a string", rel: fillRel(tableRel("n"), nil, strLit("x")), want: "i int, l bigint, f float, d double, s string not null, b boolean"},
		{name: "fill a boolean", rel: fillRel(tableRel("n"), nil, boolLit(true)), want: "i int, l bigint, f float, d double, s string, b boolean not null"},
		{name: "fill some columns", rel: fillRel(tableRel("n"), []string{"i", "D", "s"}, longLit(1)), want: "i int not null, l bigint, f float, d double not null, s string, b boolean"},
		{name: "fill per column", rel: fillRel(tableRel("n"), []string{"i", "s"}, longLit(5), strLit("z")), want: "i int not null, l bigint, f float, d double, s string not null, b boolean"},
		{name: "fill a missing column", rel: fillRel(tableRel("n"), []string{"zz"}, longLit(1)), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "fill a struct field per column", rel: fillRel(tableRel("s"), []string{"id", "st.x"}, longLit(1), longLit(2)), err: "UNSUPPORTED_FEATURE.REPLACE_NESTED_COLUMN"},
		{name: "fill without values", rel: fillRel(tableRel("n"), nil), err: "INVALID_PLAN_INPUT"},
		{name: "fill with more values than columns", rel: fillRel(tableRel("n"), []string{"i"}, longLit(1), longLit(2)), err: "INVALID_PLAN_INPUT"},
		{name: "fill over equal names", rel: fillRel(selfJoin(), nil, longLit(1)), want: "id bigint not null, id bigint not null"},

		{name: "drop rows with nulls", rel: dropNaRel(tableRel("n"), nil, nil), want: n},
		{name: "drop rows by some columns", rel: dropNaRel(tableRel("n"), []string{"f", "s"}, ptr(int32(1))), want: n},
		{name: "drop rows by a missing column", rel: dropNaRel(tableRel("n"), []string{"zz"}, nil), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "drop rows over equal names", rel: dropNaRel(selfJoin(), nil, ptr(int32(2))), want: "id bigint not null, id bigint not null"},

		{name: "replace numbers", rel: replaceRel(tableRel("n"), nil, intLit(1), intLit(2), doubleLit(1.5), nullLit(t, "int")), want: n},
		{name: "replace strings in some columns", rel: replaceRel(tableRel("n"), []string{"s"}, strLit("a"), strLit("b")), want: n},
		{name: "replace keeps non-nullable columns", rel: replaceRel(rangeRel(3), nil, intLit(1), intLit(10)), want: "id bigint not null",
			gap: "CASE WHEN is nullable only when a branch or the ELSE is"},
		{name: "replace in a struct field", rel: replaceRel(tableRel("s"), []string{"st.x"}, intLit(1), intLit(2)), err: "UNSUPPORTED_FEATURE.REPLACE_NESTED_COLUMN"},
		{name: "replace mixing types", rel: replaceRel(tableRel("n"), nil, intLit(1), intLit(2), strLit("a"), strLit("b")), err: "<no class>"},
		{name: "replace nothing", rel: replaceRel(tableRel("n"), nil), want: n},
	})
}

func TestStatFunctions(t *testing.T) {
	runRelCases(t, []relCase{
		{name: "describe", rel: describeRel(tableRel("t")), want: "summary string, a string, b string, c string"},
		{name: "describe some columns", rel: describeRel(tableRel("t"), "c", "a"), want: "summary string, c string, a string"},
		{name: "describe a missing column", rel: describeRel(tableRel("t"), "zz"), err: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "describe without numeric or string columns", rel: describeRel(&connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{
			Schema: ptr("st struct<x: int>")}}}), want: "summary string"},
		{name: "summary", rel: summaryRel(tableRel("u"), "count", "min", "count_distinct"), want: "summary string, a string, d string"},
		{name: "summary with percentiles", rel: summaryRel(tableRel("u")), want: "summary string, a string, d string", gap: "percentile_approx"},
		{name: "summary of an unknown statistic", rel: summaryRel(tableRel("u"), "median"), err: "_LEGACY_ERROR_TEMP_2114"},
		{name: "summary of a bad percentile", rel: summaryRel(tableRel("u"), "x%"), err: "_LEGACY_ERROR_TEMP_2113"},
		{name: "summary of a percentile out of range", rel: summaryRel(tableRel("u"), "150%"), err: "<no class>"},
		{name: "cov", rel: &connectpb.Relation{RelType: &connectpb.Relation_Cov{Cov: &connectpb.StatCov{Input: tableRel("t"), Col1: "a", Col2: "c"}}}, want: "cov double", gap: "covar_samp"},
		{name: "cov of a string column", rel: &connectpb.Relation{RelType: &connectpb.Relation_Cov{Cov: &connectpb.StatCov{Input: tableRel("t"), Col1: "a", Col2: "b"}}}, err: "<no class>"},
		{name: "corr", rel: &connectpb.Relation{RelType: &connectpb.Relation_Corr{Corr: &connectpb.StatCorr{Input: tableRel("t"), Col1: "a", Col2: "c"}}}, want: "corr double", gap: "corr"},
		{name: "corr by another method", rel: &connectpb.Relation{RelType: &connectpb.Relation_Corr{Corr: &connectpb.StatCorr{Input: tableRel("t"), Col1: "a", Col2: "c", Method: ptr("kendall")}}}, err: "<no class>"},
		// crosstab runs a query for its columns: without a session to run it, NOT_IMPLEMENTED
		// (sessions/executor tests the answer).
		{name: "crosstab", rel: &connectpb.Relation{RelType: &connectpb.Relation_Crosstab{Crosstab: &connectpb.StatCrosstab{Input: tableRel("t"), Col1: "a", Col2: "b"}}}, err: "NOT_IMPLEMENTED"},
		{name: "approxQuantile", rel: &connectpb.Relation{RelType: &connectpb.Relation_ApproxQuantile{ApproxQuantile: &connectpb.StatApproxQuantile{Input: tableRel("t"), Cols: []string{"a"}}}},
			want: "approx_quantile array<array<double>> not null"},
		{name: "approxQuantile of a string column", rel: &connectpb.Relation{RelType: &connectpb.Relation_ApproxQuantile{ApproxQuantile: &connectpb.StatApproxQuantile{Input: tableRel("t"), Cols: []string{"b"}}}}, err: "<no class>"},
	})
}
