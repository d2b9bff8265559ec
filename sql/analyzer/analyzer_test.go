package analyzer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// testCatalog has t(a INT, b STRING), u(a INT, c DOUBLE) and s(id BIGINT, st STRUCT<x: INT, y: STRING>).
func testCatalog(t *testing.T) *catalog.Session {
	t.Helper()
	cat := catalog.New().NewSession()
	add := func(name string, st *types.StructType) {
		tn, _ := cat.Resolve([]string{name})
		if _, err := cat.CreateTable(tn, &catalog.Table{Schema: st}, false, false); err != nil {
			t.Fatal(err)
		}
	}
	add("t", types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("b", types.String, true)))
	add("u", types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("c", types.Double, true)))
	add("s", types.NewStruct(types.NewField("id", types.Long, false),
		types.NewField("st", types.NewStruct(types.NewField("x", types.Integer, true), types.NewField("y", types.String, true)), true)))
	return cat
}

func analyze(t *testing.T, cat *catalog.Session, sql string) (plan.Node, error) {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		return nil, err
	}
	return analyzer.Resolve(n, analyzer.Options{ANSI: true, Catalog: cat})
}

// schemaString renders a resolved plan's schema like the golden files' schema line.
func schemaString(n plan.Node) string {
	var parts []string
	for _, a := range n.Output() {
		parts = append(parts, a.Name+":"+a.Type.SimpleString())
	}
	return "struct<" + strings.Join(parts, ",") + ">"
}

func TestSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT 1", "struct<1:int>"},
		// Typed literals print their parsed value; datetime arithmetic Spark's rewrite.
		{"SELECT DATE '2019-1-1', TIMESTAMP '2019-01-01'", "struct<DATE '2019-01-01':date,TIMESTAMP '2019-01-01 00:00:00':timestamp>"},
		{"SELECT DATE '2020-01-01' - INTERVAL '90' DAY", "struct<date_add(DATE '2020-01-01', (- extractansiintervaldays(INTERVAL '90' DAY))):date>"},
		{"SELECT DATE '2020-01-01' + INTERVAL '1' YEAR", "struct<DATE '2020-01-01' + INTERVAL '1' YEAR:date>"},
		// Pipe operators.
		{"FROM t |> WHERE a > 1 |> EXTEND a + 1 AS c |> SET b = upper(b) |> DROP a", "struct<b:string,c:int>"},
		{"TABLE t |> AGGREGATE count(*) AS n GROUP BY b |> AS x |> SELECT x.n, x.b", "struct<n:bigint,b:string>"},
		{"TABLE t |> SET a = a + 1, a = a * 2 |> ORDER BY a |> LIMIT 1", "struct<a:int,b:string>"},
		{"SELECT a, b, grouping(a), grouping_id(a, b), count(*) FROM t GROUP BY CUBE(a, b)",
			"struct<a:int,b:string,grouping(a):tinyint,grouping_id(a, b):bigint,count(1):bigint>"},
		{"SELECT a, count(*) FROM t GROUP BY a, b GROUPING SETS ((a), (b), ())", "struct<a:int,count(1):bigint>"},
		// Interval literals become ANSI intervals spanning the units used.
		{"SELECT interval '3 year 1 month'", "struct<INTERVAL '3-1' YEAR TO MONTH:interval year to month>"},
		{"SELECT interval 2 second", "struct<INTERVAL '02' SECOND:interval second>"},
		{"SELECT INTERVAL '90' DAY", "struct<INTERVAL '90' DAY:interval day>"},
		{"SELECT interval 2 weeks 3 microseconds", "struct<INTERVAL '14 00:00:00.000003' DAY TO SECOND:interval day to second>"},
		{"SELECT interval -'1-2' year to month", "struct<INTERVAL '-1-2' YEAR TO MONTH:interval year to month>"},
		{"SELECT interval '251:12' hour to minute", "struct<INTERVAL '251:12' HOUR TO MINUTE:interval hour to minute>"},
		{"SELECT a, b FROM t", "struct<a:int,b:string>"},
		{"SELECT * FROM t", "struct<a:int,b:string>"},
		{"SELECT t.* FROM t", "struct<a:int,b:string>"},
		{"SELECT * EXCEPT (b) FROM t", "struct<a:int>"},
		{"SELECT A FROM T", "struct<A:int>"},
		{"SELECT x.a FROM t x", "struct<a:int>"},
		{"SELECT default.t.a FROM t", "struct<a:int>"},
		{"SELECT a + 1 FROM t", "struct<(a + 1):int>"},
		{"SELECT a + 1 AS x FROM t", "struct<x:int>"},
		{"SELECT -a, +a FROM t", "struct<(- a):int,(+ a):int>"},
		{"SELECT a = 1, a <> 1, NOT (a > 1) FROM t", "struct<(a = 1):boolean,(NOT (a = 1)):boolean,(NOT (a > 1)):boolean>"},
		{"SELECT a IS NULL, b IS NOT NULL FROM t", "struct<(a IS NULL):boolean,(b IS NOT NULL):boolean>"},
		{"SELECT st.x, st.y FROM s", "struct<x:int,y:string>"},
		{"SELECT count(*), count(a), sum(a), avg(a), min(b), max(b) FROM t", "struct<count(1):bigint,count(a):bigint,sum(a):bigint,avg(a):double,min(b):string,max(b):string>"},
		{"SELECT a, count(*) FROM t GROUP BY a", "struct<a:int,count(1):bigint>"},
		{"SELECT a AS k, count(*) FROM t GROUP BY k", "struct<k:int,count(1):bigint>"},
		{"SELECT a, count(*) FROM t GROUP BY 1", "struct<a:int,count(1):bigint>"},
		{"SELECT a, sum(a) FROM t GROUP BY ALL", "struct<a:int,sum(a):bigint>"},
		{"SELECT a FROM t GROUP BY a HAVING count(*) > 1", "struct<a:int>"},
		{"SELECT a FROM t ORDER BY b", "struct<a:int>"},
		{"SELECT a FROM t GROUP BY a ORDER BY count(*) DESC", "struct<a:int>"},
		{"SELECT t.a, c FROM t JOIN u ON t.a = u.a", "struct<a:int,c:double>"},
		{"SELECT * FROM t JOIN u USING (a)", "struct<a:int,b:string,c:double>"},
		{"SELECT * FROM t NATURAL JOIN u", "struct<a:int,b:string,c:double>"},
		{"SELECT * FROM t LEFT SEMI JOIN u ON t.a = u.a", "struct<a:int,b:string>"},
		{"SELECT a FROM t UNION SELECT a FROM u", "struct<a:int>"},
		{"SELECT 1 AS x UNION ALL SELECT 2.5D", "struct<x:double>"},
		{"VALUES (1, 'a'), (2, 'b')", "struct<col1:int,col2:string>"},
		{"SELECT * FROM VALUES (1, 2) AS v(x, y)", "struct<x:int,y:int>"},
		{"WITH c AS (SELECT a FROM t) SELECT a FROM c", "struct<a:int>"},
		{"WITH c(z) AS (SELECT a FROM t) SELECT * FROM c x JOIN c y ON x.z = y.z", "struct<z:int,z:int>"},
		{"SELECT a FROM t WHERE a IN (SELECT a FROM u)", "struct<a:int>"},
		{"SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", "struct<a:int>"},
		{"SELECT (SELECT max(c) FROM u) AS m", "struct<m:double>"},
		{"SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END FROM t", "struct<CASE WHEN (a > 1) THEN x ELSE y END:string>"},
		{"SELECT a IN (1, 2) FROM t", "struct<(a IN (1, 2)):boolean>"},
		{"SELECT coalesce(a, 0), if(a > 1, 1, 2) FROM t", "struct<coalesce(a, 0):int,(IF((a > 1), 1, 2)):int>"},
		{"SELECT CAST(a AS BIGINT), CAST(b AS INT) FROM t", "struct<a:bigint,b:int>"}, // AliasResolution: a cast of a column keeps its name
		{"SELECT a, row_number() OVER (PARTITION BY b ORDER BY a) FROM t", "struct<a:int,row_number() OVER (PARTITION BY b ORDER BY a ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):int>"},
		{"SELECT sum(a) OVER (PARTITION BY b) FROM t", "struct<sum(a) OVER (PARTITION BY b ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING):bigint>"},
		{"SELECT id FROM range(3)", "struct<id:bigint>"},
		{"SELECT a FROM t LIMIT 2 OFFSET 1", "struct<a:int>"},
		{"SELECT DISTINCT b FROM t", "struct<b:string>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, class string }{
		{"SELECT z FROM t", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT z", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"},
		{"SELECT a FROM nope", "TABLE_OR_VIEW_NOT_FOUND"},
		{"SELECT a FROM t JOIN u ON true", "AMBIGUOUS_REFERENCE"},
		{"SELECT a, count(*) FROM t", "MISSING_GROUP_BY"},
		{"SELECT b, count(*) FROM t GROUP BY a", "MISSING_AGGREGATION"},
		{"SELECT a, grouping(a) FROM t GROUP BY a", "UNSUPPORTED_GROUPING_EXPRESSION"},
		{"TABLE t |> SELECT sum(a)", "PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION"},
		{"TABLE t |> SET c = 1", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT a, grouping(b) FROM t GROUP BY ROLLUP(a)", "GROUPING_COLUMN_MISMATCH"},
		{"SELECT a FROM t GROUP BY 3", "GROUP_BY_POS_OUT_OF_RANGE"},
		{"SELECT a FROM t ORDER BY 5", "ORDER_BY_POS_OUT_OF_RANGE"},
		{"SELECT a FROM t WHERE count(*) > 1", "INVALID_WHERE_CONDITION"},
		{"SELECT a FROM t UNION SELECT a, c FROM u", "NUM_COLUMNS_MISMATCH"},
		{"SELECT nosuchfn(a) FROM t", "UNRESOLVED_ROUTINE"},
		{"SELECT sum(sum(a)) FROM t", "NESTED_AGGREGATE_FUNCTION"},
		{"SELECT a FROM t LIMIT -1", "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE"},
		{"SELECT a FROM t LIMIT a", "INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE"}, {"SELECT a FROM t LIMIT b", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT a FROM t LIMIT 1.5", "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE"},
		{"SELECT st.z FROM s", "FIELD_NOT_FOUND"},
		{"SELECT id FROM range(10) HAVING id > 0", "MISSING_GROUP_BY"},
		{"SELECT * FROM t JOIN u USING (zz)", "UNRESOLVED_USING_COLUMN_FOR_JOIN"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		e, ok := sparkerror.As(err)
		if !ok {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		if e.Class != c.class {
			t.Errorf("%s: got %s (%v), want %s", c.sql, e.Class, e, c.class)
		}
	}
}

func TestTempViewResolvesAgainEachUse(t *testing.T) {
	cat := testCatalog(t)
	stmt, _ := parser.ParseQuery("SELECT a AS k FROM t")
	q, err := astlower.Options{}.Query(stmt)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.CreateTempView(&catalog.View{Name: "v", Plan: q}, false, false); err != nil {
		t.Fatal(err)
	}
	n, err := analyze(t, cat, "SELECT x.k, y.k FROM v x JOIN v y ON x.k = y.k")
	if err != nil {
		t.Fatal(err)
	}
	out := n.Output()
	if len(out) != 2 || out[0].ID == out[1].ID {
		t.Fatalf("the two uses of the view must have distinct columns, got %v", out)
	}
}

func TestCastSuggestions(t *testing.T) {
	cat := testCatalog(t)
	for sql, class := range map[string]string{
		"SELECT CAST(1 AS DATE)":                "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
		"SELECT CAST(DATE '2020-01-01' AS INT)": "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
		"SELECT CAST(CAST(1 AS INT) AS BINARY)": "DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION",
		"SELECT CAST(true AS DATE)":             "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
	} {
		_, err := analyze(t, cat, sql)
		if e, ok := sparkerror.As(err); !ok || e.Class != class {
			t.Errorf("%s: got %v, want %s", sql, err, class)
		}
	}
}
