package executor

import (
	"fmt"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

func colExpr(name string) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedAttribute_{
		UnresolvedAttribute: &connectpb.Expression_UnresolvedAttribute{UnparsedIdentifier: name}}}
}

func callExpr(fn string, args ...*connectpb.Expression) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedFunction_{
		UnresolvedFunction: &connectpb.Expression_UnresolvedFunction{FunctionName: fn, Arguments: args}}}
}

// groupBy(...).pivot(col) without values: the server computes the column's distinct values
// first, sorted, NULL first (RelationalGroupedDataset.collectPivotValues).
func TestPivotWithoutValues(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW pv AS SELECT * FROM VALUES (1, 'b', 10), (1, 'a', 20), (2, 'b', 5), (2, NULL, 7), (3, 'c', 1) AS pv(g, k, v)")
	sql := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: "SELECT * FROM pv"}}}
	pivot := func(col string) *connectpb.Relation {
		return &connectpb.Relation{RelType: &connectpb.Relation_Aggregate{Aggregate: &connectpb.Aggregate{
			Input: sql, GroupType: connectpb.Aggregate_GROUP_TYPE_PIVOT,
			GroupingExpressions:  []*connectpb.Expression{colExpr("g")},
			AggregateExpressions: []*connectpb.Expression{callExpr("sum", colExpr("v"))},
			Pivot:                &connectpb.Aggregate_Pivot{Col: colExpr(col)}}}}
	}
	schema, rows, err := r.runRelation(pivot("k"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "struct<g:int,null:bigint,a:bigint,b:bigint,c:bigint>"; schema != want {
		t.Errorf("schema %s, want %s", schema, want)
	}
	if got, want := sortedRows(rows), "1,<nil>,20,10,<nil> 2,7,<nil>,5,<nil> 3,<nil>,<nil>,<nil>,1"; got != want {
		t.Errorf("rows %q, want %q", got, want)
	}
	r.exec("SET spark.sql.pivotMaxValues = 3")
	if _, _, err := r.runRelation(pivot("k")); !isClass(err, "_LEGACY_ERROR_TEMP_1324") {
		t.Errorf("more values than spark.sql.pivotMaxValues: %v", err)
	}
}

// stat.crosstab(col1, col2): a count per pair, columns the distinct values of col2.
func TestCrosstab(t *testing.T) {
	r := newSQLRunner(t)
	in := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{
		Query: "SELECT * FROM VALUES (1, 'x'), (1, 'y'), (1, 'x'), (2, 'y'), (NULL, 'x'), (3, NULL) AS t(a, b)"}}}
	schema, rows, err := r.runRelation(&connectpb.Relation{RelType: &connectpb.Relation_Crosstab{
		Crosstab: &connectpb.StatCrosstab{Input: in, Col1: "a", Col2: "b"}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "struct<a_b:string,null:bigint,x:bigint,y:bigint>"; schema != want {
		t.Errorf("schema %s, want %s", schema, want)
	}
	if got, want := sortedRows(rows), "1,0,2,1 2,0,0,1 3,1,0,0 null,0,1,0"; got != want {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestSampleBy(t *testing.T) {
	r := newSQLRunner(t)
	in := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{
		Query: "SELECT id, CAST(id % 3 AS INT) AS k, CAST(id % 3 AS STRING) AS s FROM range(3000)"}}}
	lit := func(l *connectpb.Expression_Literal) *connectpb.Expression_Literal { return l }
	intLit := func(v int32) *connectpb.Expression_Literal {
		return lit(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Integer{Integer: v}})
	}
	longLit := func(v int64) *connectpb.Expression_Literal {
		return lit(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Long{Long: v}})
	}
	strLit := func(v string) *connectpb.Expression_Literal {
		return lit(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_String_{String_: v}})
	}
	seed := int64(7)
	count := func(col string, fr ...*connectpb.StatSampleBy_Fraction) map[any]int {
		_, rows, err := r.runRelation(&connectpb.Relation{RelType: &connectpb.Relation_SampleBy{SampleBy: &connectpb.StatSampleBy{
			Input: in, Col: colExpr(col), Fractions: fr, Seed: &seed}}})
		if err != nil {
			t.Fatal(err)
		}
		out := map[any]int{}
		for _, row := range rows {
			out[row[1]]++
		}
		return out
	}
	frac := func(k *connectpb.Expression_Literal, f float64) *connectpb.StatSampleBy_Fraction {
		return &connectpb.StatSampleBy_Fraction{Stratum: k, Fraction: f}
	}
	got := count("k", frac(intLit(0), 1), frac(intLit(1), 0.5))
	if got[int32(0)] != 1000 || got[int32(1)] < 400 || got[int32(1)] > 600 || got[int32(2)] != 0 {
		t.Errorf("int strata: %v", got)
	}
	if again := count("k", frac(intLit(0), 1), frac(intLit(1), 0.5)); again[int32(1)] != got[int32(1)] {
		t.Errorf("the same seed sampled %d then %d rows", got[int32(1)], again[int32(1)])
	}
	// A BIGINT key never equals an INT value (Spark looks values up in a map of the keys).
	if got := count("k", frac(longLit(0), 1)); len(got) != 0 {
		t.Errorf("BIGINT key on an INT column: %v", got)
	}
	if got := count("s", frac(strLit("2"), 1)); got[int32(2)] != 1000 || len(got) != 1 {
		t.Errorf("string strata: %v", got)
	}
	_, _, err := r.runRelation(&connectpb.Relation{RelType: &connectpb.Relation_SampleBy{SampleBy: &connectpb.StatSampleBy{
		Input: in, Col: colExpr("k"), Fractions: []*connectpb.StatSampleBy_Fraction{frac(intLit(0), 1.5)}, Seed: &seed}}})
	if err == nil {
		t.Error("a fraction above 1 was accepted")
	}
}

func TestApproxQuantile(t *testing.T) {
	r := newSQLRunner(t)
	in := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{
		Query: "SELECT id, CAST(id * 2 AS DOUBLE) AS d, CAST(NULL AS INT) AS n, 'x' AS s FROM range(1, 101)"}}}
	quantile := func(cols []string, probs []float64, relErr float64) (string, [][]any, error) {
		return r.runRelation(&connectpb.Relation{RelType: &connectpb.Relation_ApproxQuantile{ApproxQuantile: &connectpb.StatApproxQuantile{
			Input: in, Cols: cols, Probabilities: probs, RelativeError: relErr}}})
	}
	schema, rows, err := quantile([]string{"id", "d", "n"}, []float64{0, 0.5, 1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if schema != "struct<approx_quantile:array<array<double>>>" || len(rows) != 1 {
		t.Fatalf("got %s %v", schema, rows)
	}
	if got, want := fmt.Sprint(rows[0][0]), "[[1 50 100] [2 100 200] []]"; got != want {
		t.Errorf("quantiles %s, want %s", got, want)
	}
	if _, _, err := quantile([]string{"s"}, []float64{0.5}, 0.1); err == nil {
		t.Error("a string column was accepted")
	}
	if _, _, err := quantile([]string{"id"}, []float64{1.5}, 0.1); err == nil {
		t.Error("a probability above 1 was accepted")
	}
	if _, _, err := quantile([]string{"id"}, []float64{0.5}, -1); err == nil {
		t.Error("a negative relative error was accepted")
	}
}

// Column.withField / dropFields (Connect's UpdateFields).
func TestUpdateFields(t *testing.T) {
	r := newSQLRunner(t)
	in := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{
		Query: "SELECT named_struct('a', 1, 'b', named_struct('c', 2, 'd', 3)) AS st UNION ALL SELECT NULL"}}}
	lit := func(v int32) *connectpb.Expression {
		return &connectpb.Expression{ExprType: &connectpb.Expression_Literal_{Literal: &connectpb.Expression_Literal{
			LiteralType: &connectpb.Expression_Literal_Integer{Integer: v}}}}
	}
	update := func(st *connectpb.Expression, field string, value *connectpb.Expression) *connectpb.Expression {
		return &connectpb.Expression{ExprType: &connectpb.Expression_UpdateFields_{UpdateFields: &connectpb.Expression_UpdateFields{
			StructExpression: st, FieldName: field, ValueExpression: value}}}
	}
	cases := []struct {
		e            *connectpb.Expression
		schema, rows string
		err          string
	}{
		{e: update(colExpr("st"), "z", lit(9)), schema: "struct<update_fields(st, WithField(9)):struct<a:int,b:struct<c:int,d:int>,z:int>>", rows: "<nil> [1 [2 3] 9]"},
		{e: update(colExpr("st"), "A", lit(9)), schema: "struct<update_fields(st, WithField(9)):struct<A:int,b:struct<c:int,d:int>>>", rows: "<nil> [9 [2 3]]"},
		{e: update(colExpr("st"), "b.c", lit(7)), schema: "struct<update_fields(st, WithField(update_fields(st.b, WithField(7)))):struct<a:int,b:struct<c:int,d:int>>>", rows: "<nil> [1 [7 3]]"},
		{e: update(colExpr("st"), "a", nil), schema: "struct<update_fields(st, DropField()):struct<b:struct<c:int,d:int>>>", rows: "<nil> [[2 3]]"},
		{e: update(colExpr("st"), "b.d", nil), schema: "struct<update_fields(st, WithField(update_fields(st.b, DropField()))):struct<a:int,b:struct<c:int>>>", rows: "<nil> [1 [2]]"},
		{e: update(update(colExpr("st"), "a", nil), "b", nil), err: "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS"},
		{e: update(colExpr("st"), "x.y", lit(1)), err: "FIELD_NOT_FOUND"},
		{e: update(lit(1), "x", lit(1)), err: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
	}
	for _, tc := range cases {
		rel := &connectpb.Relation{RelType: &connectpb.Relation_Project{Project: &connectpb.Project{Input: in, Expressions: []*connectpb.Expression{tc.e}}}}
		schema, rows, err := r.runRelation(rel)
		if tc.err != "" {
			if !isClass(err, tc.err) {
				t.Errorf("%v: error %v, want %s", tc.e, err, tc.err)
			}
			continue
		}
		if err != nil || schema != tc.schema || fmt.Sprint(sortedRows(rows)) != tc.rows {
			t.Errorf("%v:\n got %s %q %v\nwant %s %q", tc.e, schema, sortedRows(rows), err, tc.schema, tc.rows)
		}
	}
}
