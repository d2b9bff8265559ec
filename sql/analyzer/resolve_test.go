package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// mapSettings serves session configs from a map.
type mapSettings map[string]string

func (m mapSettings) String(key string) string { return m[key] }

func analyzeWith(t *testing.T, opts analyzer.Options, sql string) (plan.Node, error) {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		return nil, err
	}
	return analyzer.Resolve(n, opts)
}

// The name resolution of ORDER BY, HAVING and GROUP BY, after Spark's golden files
// (having.sql, order-by-*.sql, group-by-*.sql,
// name-precedence-in-order-by-and-having-with-conflicting-attributes.sql,
// having-and-order-by-recursive-type-name-resolution.sql, ...): the schema of the
// result, or the error class.
func TestOrderByHavingGroupByResolution(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		// HAVING resolves against the input first: st is the struct column, grouped.
		{"SELECT 'a' AS st FROM s GROUP BY st HAVING st.x > 0", "struct<st:string>"},
		// ... and falls back to the select list when the input column is neither grouped
		// nor aggregated.
		{"SELECT sum(a) AS b FROM t GROUP BY a HAVING b > 1", "struct<b:bigint>"},
		// A dotted name that is no field of the input column resolves against the output.
		{"SELECT named_struct('q', 1) AS b FROM t GROUP BY b HAVING b.q > 0", "struct<b:struct<q:int>>"},
		// A subscript of an input column that cannot take one fails.
		{"SELECT array(1) AS b FROM t GROUP BY b HAVING b[0] > 0", "INVALID_EXTRACT_BASE_FIELD_TYPE"},
		// Ambiguous names of the select list: HAVING reports them once the input column
		// is not grouped; ORDER BY falls back to the input.
		{"SELECT 2 AS a, 3 AS a FROM t GROUP BY ALL HAVING a > 1", "AMBIGUOUS_REFERENCE"},
		{"SELECT 2 AS a, 3 AS a FROM t ORDER BY a", "struct<a:int,a:int>"},
		{"SELECT a, 2 AS a FROM t GROUP BY ALL ORDER BY a", "struct<a:int,a:int>"},
		{"SELECT 2 AS a, 3 AS a FROM t GROUP BY ALL ORDER BY a", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		// ORDER BY over an aggregate: grouping expressions and aggregates it lacks are
		// computed as hidden outputs; expressions equal up to commutativity match.
		{"SELECT sum(a) FROM t GROUP BY b ORDER BY max(a), b", "struct<sum(a):bigint>"},
		{"SELECT sum(a) FROM t GROUP BY a + 1 ORDER BY 1 + a", "struct<sum(a):bigint>"},
		{"SELECT sum(a) FROM t GROUP BY a + 1 ORDER BY a + 2", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT sum(a) FROM t GROUP BY b ORDER BY a", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT 1 + a FROM t GROUP BY a + 1", "struct<(1 + a):int>"},
		// Lateral aliases over an aggregate, with HAVING and ORDER BY.
		{"SELECT sum(a) AS x, x + 1 AS y FROM t GROUP BY b HAVING x > 1 ORDER BY max(a)", "struct<x:bigint,y:bigint>"},
		// A HAVING that adds outputs leaves ORDER BY a projection: it cannot add
		// aggregates any more, nor reach columns that are not grouped.
		{"SELECT sum(a) AS x, x + 1 AS y FROM t GROUP BY b HAVING b > 'm' ORDER BY max(a)", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		// ORDER BY over a projection reaches the columns below it.
		{"SELECT a FROM t ORDER BY b", "struct<a:int>"},
		{"SELECT a FROM t WHERE a > 1 ORDER BY b", "struct<a:int>"},
		// An aggregate in ORDER BY when the aggregate is not the sort's child.
		{"SELECT a, sum(a) OVER () FROM t GROUP BY a ORDER BY count(*)", "UNSUPPORTED_EXPR_FOR_OPERATOR"},
		{"SELECT sum(a) FROM t GROUP BY a HAVING max(a) > 1 ORDER BY max(a)", "UNSUPPORTED_EXPR_FOR_OPERATOR"},
		// ORDER BY ALL and positions.
		{"SELECT b, a FROM t ORDER BY ALL DESC", "struct<b:string,a:int>"},
		{"SELECT a FROM t ORDER BY 0", "ORDER_BY_POS_OUT_OF_RANGE"},
		{"SELECT a FROM t ORDER BY -1", "ORDER_BY_POS_OUT_OF_RANGE"},
		{"SELECT a FROM t ORDER BY 2, b", "ORDER_BY_POS_OUT_OF_RANGE"},
		// GROUP BY positions, aliases and ALL.
		{"SELECT a, b FROM t GROUP BY -1", "GROUP_BY_POS_OUT_OF_RANGE"},
		{"SELECT * FROM t GROUP BY a, b, 1", "STAR_GROUP_BY_POS"},
		{"SELECT a, count(*) FROM t GROUP BY 2", "GROUP_BY_POS_AGGREGATE"},
		{"SELECT a + 1 AS k, count(*) FROM t GROUP BY k + 1", "MISSING_AGGREGATION"},
		{"SELECT a + 1 AS k, count(*) FROM t GROUP BY k", "struct<k:int,count(1):bigint>"},
		{"SELECT a + sum(a) FROM t GROUP BY ALL", "UNRESOLVED_ALL_IN_GROUP_BY"},
		{"SELECT b, sum(a) FROM t GROUP BY ALL", "struct<b:string,sum(a):bigint>"},
		{"SELECT count(1) FROM VALUES (1), (2) AS T(all) GROUP BY all", "struct<count(1):bigint>"},
		// Grouping functions in HAVING and ORDER BY.
		{"SELECT a FROM t GROUP BY CUBE(a, b) HAVING grouping(b) = 1 ORDER BY grouping_id(a, b)", "struct<a:int>"},
		{"SELECT a FROM t GROUP BY a, b HAVING grouping(a) > 0", "UNSUPPORTED_GROUPING_EXPRESSION"},
		{"SELECT a, grouping__id FROM t GROUP BY CUBE(a, b) ORDER BY grouping__id", "struct<a:int,grouping__id:bigint>"},
		// A HAVING condition that is not a predicate is cast to BOOLEAN.
		{"SELECT sum(a) + 1 FROM t HAVING sum(a) + 1", "struct<(sum(a) + 1):bigint>"},
		// A window function in HAVING.
		{"SELECT a FROM t GROUP BY a HAVING rank() OVER (ORDER BY a) > 1", "_LEGACY_ERROR_TEMP_1034"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		got := ""
		if err != nil {
			e, ok := sparkerror.As(err)
			if !ok {
				t.Errorf("%s: %v", c.sql, err)
				continue
			}
			got = e.Class
		} else {
			got = schemaString(n)
		}
		if got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}

// HAVING b reads the grouped input column b, not the alias b of the select list.
func TestHavingPrefersInputColumns(t *testing.T) {
	cat := testCatalog(t)
	n, err := analyze(t, cat, "SELECT sum(a) AS b FROM t GROUP BY b HAVING b > 'm'")
	if err != nil {
		t.Fatal(err)
	}
	var f *plan.Filter
	var find func(x plan.Node)
	find = func(x plan.Node) {
		if ff, ok := x.(*plan.Filter); ok && f == nil {
			f = ff
		}
		for _, c := range x.Children() {
			find(c)
		}
	}
	find(n)
	if f == nil {
		t.Fatalf("no filter in %v", n)
	}
	var read *plan.AttributeRef
	plan.Walk(f.Cond, func(x plan.Expr) bool {
		if at, ok := x.(*plan.AttributeRef); ok && read == nil {
			read = at
		}
		return true
	})
	if read == nil || !types.Equal(read.Type, types.String) {
		t.Fatalf("HAVING b must read the STRING column b, got %v", read)
	}
}

// Positions in ORDER BY and GROUP BY follow spark.sql.orderByOrdinal,
// spark.sql.groupByOrdinal and spark.sql.prioritizeOrdinalResolutionInSort.enabled.
func TestOrdinalSettings(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct {
		settings mapSettings
		sql      string
		want     string
	}{
		{mapSettings{"spark.sql.orderByOrdinal": "false"}, "SELECT a FROM t ORDER BY 0", "struct<a:int>"},
		{mapSettings{"spark.sql.groupByOrdinal": "false"}, "SELECT sum(a) FROM t GROUP BY -1", "struct<sum(a):bigint>"},
		// Positions resolved after the missing columns were added reach them.
		{mapSettings{"spark.sql.prioritizeOrdinalResolutionInSort.enabled": "false"}, "SELECT a FROM t ORDER BY 2, b", "struct<a:int>"},
		{mapSettings{"spark.sql.prioritizeOrdinalResolutionInSort.enabled": "false"}, "SELECT a FROM t ORDER BY a, 2", "ORDER_BY_POS_OUT_OF_RANGE"},
		{mapSettings{"spark.sql.groupByAliases": "false"}, "SELECT a + 1 AS k, count(*) FROM t GROUP BY k", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{mapSettings{"spark.sql.legacy.parser.havingWithoutGroupByAsWhere": "true"}, "SELECT a FROM t HAVING a > 0", "struct<a:int>"},
		{mapSettings{"spark.sql.legacy.parser.havingWithoutGroupByAsWhere": "true"}, "SELECT 1 FROM t HAVING max(a) > 0", "INVALID_WHERE_CONDITION"},
	}
	for _, c := range cases {
		n, err := analyzeWith(t, analyzer.Options{ANSI: true, Catalog: cat, Settings: c.settings}, c.sql)
		got := ""
		if err != nil {
			e, ok := sparkerror.As(err)
			if !ok {
				t.Errorf("%s: %v", c.sql, err)
				continue
			}
			got = e.Class
		} else {
			got = schemaString(n)
		}
		if got != c.want {
			t.Errorf("%v %s:\n got %s (%v)\nwant %s", c.settings, c.sql, got, err, c.want)
		}
	}
}

// Backquoted select items are regular expressions over column names when
// spark.sql.parser.quotedRegexColumnNames is on (query_regex_column.sql); the patterns are
// Java's, possessive quantifiers included.
func TestRegexColumns(t *testing.T) {
	cat := testCatalog(t)
	on := mapSettings{"spark.sql.parser.quotedRegexColumnNames": "true"}
	cases := []struct {
		settings mapSettings
		sql      string
		want     string
	}{
		{on, "SELECT `(a)?+.+` FROM t", "struct<b:string>"},
		{on, "SELECT `(A|b)` FROM t", "struct<a:int,b:string>"},
		{on, "SELECT t.`(a|b)?+.+` FROM t", "struct<>"},
		{on, "SELECT `[ab]` FROM t JOIN u USING (a)", "struct<a:int,b:string>"},
		{on, "SELECT sum(`(b)?+.+`) FROM t", "struct<sum(a):bigint>"},
		{on, "SELECT a FROM t GROUP BY `(a)`", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{nil, "SELECT `(a)?+.+` FROM t", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
	}
	for _, c := range cases {
		n, err := analyzeWith(t, analyzer.Options{ANSI: true, Catalog: cat, Settings: c.settings}, c.sql)
		got := ""
		if err != nil {
			e, ok := sparkerror.As(err)
			if !ok {
				t.Errorf("%s: %v", c.sql, err)
				continue
			}
			got = e.Class
		} else {
			got = schemaString(n)
		}
		if got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}

// Names, stars and frames (selectExcept.sql, natural-join.sql, window.sql,
// alias-resolution-edge-cases.sql).
func TestNamesStarsAndFrames(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		// A column takes the name it is written with.
		{"SELECT A, B FROM t", "struct<A:int,B:string>"},
		{"SELECT st.X, (st).y FROM s", "struct<X:int,y:string>"},
		{"SELECT array(st)[0].x FROM s", "struct<array(st)[0].x:int>"},
		// EXCEPT of struct fields rewrites the struct.
		{"SELECT * EXCEPT (st.x) FROM s", "struct<id:bigint,st:struct<y:string>>"},
		{"SELECT st.* EXCEPT (y) FROM s", "struct<x:int>"},
		{"SELECT * EXCEPT (st.x, st) FROM s", "EXCEPT_OVERLAPPING_COLUMNS"},
		{"SELECT * EXCEPT (id, id) FROM s", "EXCEPT_OVERLAPPING_COLUMNS"},
		// A qualified star of a relation a USING join hid, two joins down.
		{"SELECT t.*, u.*, v.* FROM t JOIN u USING (a) JOIN t v USING (a)", "struct<a:int,b:string,a:int,c:double,a:int,b:string>"},
		// A struct field read through its column name names a lateral alias.
		{"SELECT st.x, x + 1 FROM s", "struct<x:int,(lateralAliasReference(x) + 1):int>"},
		{"SELECT count(a) AS c, sum(a) + c FROM t GROUP BY ALL", "struct<c:bigint,(sum(a) + lateralAliasReference(c)):bigint>"},
		{"SELECT a AS k, k + 1 AS m FROM t GROUP BY a, m", "UNSUPPORTED_FEATURE.LATERAL_COLUMN_ALIAS_IN_GROUP_BY"},
		{"SELECT a AS all, b FROM t GROUP BY all", "MISSING_AGGREGATION"},
		{"SELECT count(DISTINCT *) FROM t", "struct<count(DISTINCT a, b):bigint>"},
		// Window frames.
		{"SELECT sum(a) OVER (ORDER BY a ROWS BETWEEN CURRENT ROW AND 2147483648 FOLLOWING) FROM t", "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE"},
		{"SELECT count(a) OVER (ORDER BY a RANGE BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM t", "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON"},
		{"SELECT rank() OVER (ORDER BY 1), count(*) FROM t GROUP BY 1", "UNSUPPORTED_EXPR_FOR_OPERATOR"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		got := ""
		if err != nil {
			e, ok := sparkerror.As(err)
			if !ok {
				t.Errorf("%s: %v", c.sql, err)
				continue
			}
			got = e.Class
		} else {
			got = schemaString(n)
		}
		if got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}
