package parser

import (
	"strings"
	"testing"
)

// errCase is a text and the error Spark reports for it. The cases come
// from Spark's own parser test suites and golden files.
type errCase struct {
	sql    string
	class  string
	params map[string]string
	line   int // expected position, when given (line and 0-based pos)
	pos    int
}

func checkErr(t *testing.T, what string, err error, c errCase) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok || e == nil {
		t.Errorf("%s(%q): got %v, want %s", what, c.sql, err, c.class)
		return
	}
	if e.Class != c.class {
		t.Errorf("%s(%q): got %s %v, want %s %v", what, c.sql, e.Class, e.Params, c.class, c.params)
		return
	}
	for k, v := range c.params {
		if e.Params[k] != v {
			t.Errorf("%s(%q): param %s = %q, want %q", what, c.sql, k, e.Params[k], v)
		}
	}
	if c.line > 0 && (e.Pos.Line != c.line || e.Pos.SparkPos() != c.pos) {
		t.Errorf("%s(%q): at line %d pos %d, want line %d pos %d", what, c.sql, e.Pos.Line, e.Pos.SparkPos(), c.line, c.pos)
	}
	if e.SQLState == "" && !strings.HasPrefix(e.Class, "_LEGACY_") {
		t.Errorf("%s(%q): no SQLSTATE for %s", what, c.sql, e.Class)
	}
}

func syntax(tok, hint string) map[string]string {
	return map[string]string{"error": tok, "hint": hint}
}

func TestStatementErrors(t *testing.T) {
	tests := []errCase{
		{"", "PARSE_EMPTY_STATEMENT", nil, 0, 0},
		{"  \n", "PARSE_EMPTY_STATEMENT", nil, 0, 0},
		{"-- only a comment", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 1, 17},
		{"select 1 1", "PARSE_SYNTAX_ERROR", syntax("'1'", ": extra input '1'"), 1, 9},
		{"select *\nfrom r as q t", "PARSE_SYNTAX_ERROR", syntax("'t'", ": extra input 't'"), 2, 12},
		{"select * from r order by q from t", "PARSE_SYNTAX_ERROR", syntax("'from'", ""), 1, 27},
		{"select *\nfrom r\norder by q\nfrom t", "PARSE_SYNTAX_ERROR", syntax("'from'", ""), 4, 0},
		{"select count(*", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 1, 14},
		{"select 1 as a from", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 1, 18},
		{"select ((r + 1) ", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 1, 16},
		{"select * from a left join_ b on a.id = b.id", "PARSE_SYNTAX_ERROR", syntax("'join_'", ": missing 'JOIN'"), 1, 21},
		{"select * from test where test.t is like 'test'", "PARSE_SYNTAX_ERROR", syntax("'is'", ""), 1, 32},
		{"SELECT * FROM test WHERE x NOT NULL", "PARSE_SYNTAX_ERROR", syntax("'NOT'", ""), 1, 27},
		{"SELECT CAST(struct(1,2,3) AS STRUCT<INT>)", "PARSE_SYNTAX_ERROR", syntax("'<'", ": missing ')'"), 1, 35},
		{"SELECT CAST(map('1',2) AS MAP<STRING>)", "PARSE_SYNTAX_ERROR", syntax("'<'", ": missing ')'"), 1, 29},
		{"SELECT * FROM (INSERT INTO BAR VALUES (2))", "PARSE_SYNTAX_ERROR", syntax("'BAR'", ": missing ')'"), 1, 27},
		{"SELECT 20181117 > > 2", "PARSE_SYNTAX_ERROR", syntax("'>'", ""), 1, 18},
		{"SELECT 20181117 > >> 2", "PARSE_SYNTAX_ERROR", syntax("'>>'", ""), 1, 18},
		{"SELECT 20181117 <<< 2", "PARSE_SYNTAX_ERROR", syntax("'<'", ""), 1, 18},
		{"SELECT 20181117 >>>> 2", "PARSE_SYNTAX_ERROR", syntax("'>'", ""), 1, 19},
		{"SELECT FALSE IS NOT NULL :: string", "PARSE_SYNTAX_ERROR", syntax("'::'", ""), 1, 25},
		{"WITH t() AS (SELECT 1)\nSELECT * FROM t", "PARSE_SYNTAX_ERROR", syntax("')'", ""), 1, 7},
		{"SELECT a, b, c, count(d) FROM grouping GROUP BY WITH ROLLUP", "PARSE_SYNTAX_ERROR", syntax("'ROLLUP'", ": extra input 'ROLLUP'"), 0, 0},
		{"select interval 1 fake_unit", "PARSE_SYNTAX_ERROR", syntax("'fake_unit'", ""), 0, 0},
		{"select interval 30 day day day", "PARSE_SYNTAX_ERROR", syntax("'day'", ": extra input 'day'"), 1, 27},
		{"SELECT 1 JOIN SELECT 2", "PARSE_SYNTAX_ERROR", syntax("'SELECT'", ""), 0, 0},
		{"SELECT 1 VALUES (1)", "PARSE_SYNTAX_ERROR", syntax("'('", ""), 0, 0},
		{"SELECT 1 alias garbage garbage garbage", "PARSE_SYNTAX_ERROR", syntax("'garbage'", ""), 0, 0},
		{"SELECT 1 WITH abc", "PARSE_SYNTAX_ERROR", syntax("'abc'", ": extra input 'abc'"), 0, 0},
		{"SELECT * EXCEPT name FROM tbl_view", "PARSE_SYNTAX_ERROR", syntax("'name'", ""), 0, 0},
		{"SELECT * EXCEPT() name FROM tbl_view", "PARSE_SYNTAX_ERROR", syntax("')'", ""), 0, 0},
		{"SELECT sum(c1) FILTER (c1 != var1) FROM t", "PARSE_SYNTAX_ERROR", syntax("'('", ""), 0, 0},
		{"select .e3", "PARSE_SYNTAX_ERROR", syntax("'.'", ""), 1, 7},
		{"SELECT * FROM rank() OVER (ORDER BY random())", "PARSE_SYNTAX_ERROR", syntax("'BY'", ""), 0, 0},
		{"select rank() OVER (PARTITION BY four, ORDER BY ten) FROM tenk1", "PARSE_SYNTAX_ERROR", syntax("'BY'", ": extra input 'BY'"), 0, 0},
		{"SELECT 1 FROM \"not_exist\"", "PARSE_SYNTAX_ERROR", syntax(`'"not_exist"'`, ""), 1, 14},
		{"SELECT 1 AS \"not_exist\" FROM not_exist", "PARSE_SYNTAX_ERROR", syntax(`'"not_exist"'`, ""), 0, 0},
		{"SELECT 1 FROM not_exist AS X(\"hello\")", "PARSE_SYNTAX_ERROR", syntax(`'"hello"'`, ""), 0, 0},
		{"SELECT \"not_exist\"()", "PARSE_SYNTAX_ERROR", syntax(`'"not_exist"'`, ""), 0, 0},
		{"SELECT \"not_exist\".not_exist()", "PARSE_SYNTAX_ERROR", syntax(`'"not_exist"'`, ""), 0, 0},
		{"table t\n|> as u, v", "PARSE_SYNTAX_ERROR", syntax("','", ""), 0, 0},
		{"table t\n|> as 1 + 2", "PARSE_SYNTAX_ERROR", syntax("'1'", ""), 0, 0},
		{"table t\n|> as u@v", "PARSE_SYNTAX_ERROR", syntax("'@'", ""), 0, 0},
		{"table st\n|> drop col.i1", "PARSE_SYNTAX_ERROR", syntax("'.'", ""), 0, 0},
		{"from t as t_alias\n|> select y, sum(x) group by y", "PARSE_SYNTAX_ERROR", syntax("'group'", ""), 0, 0},
		{"table other\n|> group by a", "PARSE_SYNTAX_ERROR", syntax("'group'", ""), 0, 0},
		{"SELECT 1; SELECT 2", "PARSE_SYNTAX_ERROR", syntax("'SELECT'", ": extra input 'SELECT'"), 1, 10},
		{"SELECT 'unterminated", "PARSE_SYNTAX_ERROR", syntax("'''", ""), 1, 7},
		{"SELECT 1 /* open", "UNCLOSED_BRACKETED_COMMENT", nil, 1, 9},
		{"/*abc*/\nselect 1 as a\n/*\n\n2 as b\n/*abc*/\n, 3 as c\n\n/**/", "UNCLOSED_BRACKETED_COMMENT", nil, 3, 0},
		{"SELECT ((((1", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 0, 0},
		{"SELECT " + strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000), "FAILED_TO_PARSE_TOO_COMPLEX", nil, 0, 0},

		// Identifiers.
		{"SELECT * FROM table-with-hyphen", "INVALID_IDENTIFIER", map[string]string{"ident": "table-with-hyphen"}, 1, 14},
		{"SELECT a-b FROM table-with-hyphen", "INVALID_IDENTIFIER", map[string]string{"ident": "table-with-hyphen"}, 0, 0},
		{"SELECT a-b AS a-b FROM t", "INVALID_IDENTIFIER", map[string]string{"ident": "a-b"}, 0, 0},
		{"SELECT (a - test_func(b-c)) FROM test-table", "INVALID_IDENTIFIER", map[string]string{"ident": "test-table"}, 0, 0},
		{"WITH a-b AS (SELECT 1 FROM s) SELECT * FROM s;", "INVALID_IDENTIFIER", map[string]string{"ident": "a-b"}, 0, 0},
		{"table t\n|> as u-v", "INVALID_IDENTIFIER", map[string]string{"ident": "u-v"}, 0, 0},
		{"SELECT 中文 FROM t", "INVALID_IDENTIFIER", map[string]string{"ident": "中文"}, 1, 7},
		{"SELECT 1 FROM file:///tmp/x", "INVALID_IDENTIFIER", map[string]string{"ident": "file:///tmp/x"}, 0, 0},

		// Literals.
		{"select 128Y", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "128", "minValue": "-128", "maxValue": "127", "typeName": "tinyint"}, 1, 7},
		{"select 32768S", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "32768", "typeName": "smallint"}, 0, 0},
		{"select 9223372036854775808L", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "9223372036854775808", "maxValue": "9223372036854775807", "typeName": "bigint"}, 0, 0},
		{"select -3.4028235E39f", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "-3.4028235E39", "minValue": "-3.4028234663852886E+38", "maxValue": "3.4028234663852886E+38", "typeName": "float"}, 0, 0},
		{"select 1.8E308D", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "1.8E308", "typeName": "double"}, 0, 0},
		{"select 1e309", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "1e309", "typeName": "double"}, 0, 0},
		{"select 1.20E-38BD", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", map[string]string{"precision": "40", "maxPrecision": "38"}, 0, 0},
		{"select 1234567890123456789012345678901234567890", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", map[string]string{"precision": "40"}, 0, 0},
		{"select x'A1OC'", "INVALID_TYPED_LITERAL", map[string]string{"valueType": `"X"`, "value": "'A1OC'"}, 0, 0},
		{"select GEO '(10,-6)'", "UNSUPPORTED_TYPED_LITERAL", map[string]string{"unsupportedType": `"GEO"`, "supportedTypes": `"DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME"`}, 1, 7},
		{"SELECT company FROM t WHERE company ILIKE ALL ()", "_LEGACY_ERROR_TEMP_0064", map[string]string{"msg": "Expected something between '(' and ')'."}, 1, 36},
		{"select * from test where test.t like 'pattern%' escape '##'", "INVALID_ESC", map[string]string{"invalidEscape": "'##'"}, 0, 0},
		{"select 'a' like 'b' escape ''", "INVALID_ESC", map[string]string{"invalidEscape": "''"}, 0, 0},
		{"SELECT 1 ! IN (2)", "SYNTAX_DISCONTINUED.BANG_EQUALS_NOT", map[string]string{"clause": "!"}, 1, 9},
		{"SELECT 'a' ! LIKE 'b'", "SYNTAX_DISCONTINUED.BANG_EQUALS_NOT", map[string]string{"clause": "!"}, 1, 11},
		{"SELECT 1 IS ! NULL", "SYNTAX_DISCONTINUED.BANG_EQUALS_NOT", map[string]string{"clause": "!"}, 1, 12},

		// Intervals.
		{"SELECT CAST(interval 3 month 1 hour AS string)", "_LEGACY_ERROR_TEMP_0029", map[string]string{"literal": "interval 3 month 1 hour"}, 1, 12},
		{"select -interval -1 month 1 day -1 second", "_LEGACY_ERROR_TEMP_0029", map[string]string{"literal": "interval -1 month 1 day -1 second"}, 0, 0},
		{"select interval 1 year to month", "_LEGACY_ERROR_TEMP_0027", nil, 1, 16},
		{"select interval '1' year to second", "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", map[string]string{"input": "1", "from": "year", "to": "second"}, 1, 16},
		{"select interval '10-9' year to month '2-1' year to month", "_LEGACY_ERROR_TEMP_0024", nil, 1, 7},
		{"select interval 1 year '2-1' year to month", "_LEGACY_ERROR_TEMP_0024", nil, 1, 7},
		{"select interval '1 day 2' day", "_LEGACY_ERROR_TEMP_0026", map[string]string{"value": "1 day 2"}, 1, 16},
		{"select interval 'interval 1' day", "_LEGACY_ERROR_TEMP_0026", map[string]string{"value": "interval 1"}, 0, 0},
		{"select interval '中文 interval 1 day'", "INVALID_TYPED_LITERAL", map[string]string{"valueType": `"INTERVAL"`, "value": "'中文 interval 1 day'"}, 1, 7},
		{"select interval '1 day -'", "INVALID_TYPED_LITERAL", nil, 0, 0},
		{"select INTERVAL '1 year 2 second'", "_LEGACY_ERROR_TEMP_0029", map[string]string{"literal": "INTERVAL '1 year 2 second'"}, 0, 0},
		{"select interval 10 nanoseconds", "INVALID_INTERVAL_FORMAT.INVALID_UNIT", map[string]string{"input": " 10 nanoseconds", "unit": "nanoseconds"}, 0, 0},
		{"select interval 1.5 day", "INVALID_INTERVAL_FORMAT.INVALID_FRACTION", nil, 0, 0},
		{"select interval '20 15:40:32.99899999' day to hour", "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE", map[string]string{
			"input": "20 15:40:32.99899999", "intervalStr": "day-time", "typeName": "interval day to hour",
			"supportedFormat": "`[+|-]d h`, `INTERVAL [+|-]'[+|-]d h' DAY TO HOUR`"}, 1, 16},
		{"SELECT INTERVAL '178956970-8' YEAR TO MONTH", "INVALID_INTERVAL_FORMAT.INTERVAL_PARSING", map[string]string{"input": "178956970-8", "interval": "year-month"}, 0, 0},
		{"select interval '-\t2-2\t' year to month", "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING", map[string]string{"input": "-\t2-2\t", "intervalStr": "year-month"}, 0, 0},
		{"SELECT INTERVAL '106751992 04' DAY TO HOUR", "_LEGACY_ERROR_TEMP_0063", map[string]string{"msg": "requirement failed: day 106751992 outside range [0, 106751991]"}, 0, 0},
		{"SELECT INTERVAL '-2562047789:00' HOUR TO MINUTE", "_LEGACY_ERROR_TEMP_0063", map[string]string{"msg": "requirement failed: hour 2562047789 outside range [0, 2562047788]"}, 0, 0},
		{"select date '2020-01-01中文'", "INVALID_TYPED_LITERAL", map[string]string{"valueType": `"DATE"`, "value": "'2020-01-01中文'"}, 1, 7},
		{"select date'015'", "INVALID_TYPED_LITERAL", nil, 0, 0},
		{"select date '2021-02-29'", "INVALID_TYPED_LITERAL", nil, 0, 0},
		{"select timestamp '2016-33-11 20:54:00.000'", "INVALID_TYPED_LITERAL", map[string]string{"valueType": `"TIMESTAMP"`}, 0, 0},
		{"select timestamp_ntz '12:00:00'", "INVALID_TYPED_LITERAL", map[string]string{"valueType": `"TIMESTAMP_NTZ"`}, 0, 0},
		{"select timestamp '2021-01-01T12:30:4294967297.123456'", "INVALID_TYPED_LITERAL", nil, 0, 0},
		{"select timestamp '2019-01-01 00:00:00 Mars/Olympus_Mons x'", "INVALID_TYPED_LITERAL", nil, 0, 0},

		// Types.
		{"SELECT '2147483648' :: BINT", "UNSUPPORTED_DATATYPE", map[string]string{"typeName": `"BINT"`}, 1, 23},
		{"SELECT '2147483648' :: SELECT", "UNSUPPORTED_DATATYPE", map[string]string{"typeName": `"SELECT"`}, 0, 0},
		{"SELECT cast(1 as int(5))", "UNSUPPORTED_DATATYPE", map[string]string{"typeName": `"INT(5)"`}, 0, 0},
		{"SELECT cast('a' as Character)", "DATATYPE_MISSING_SIZE", map[string]string{"type": `"CHARACTER"`}, 1, 19},
		{"SELECT CAST(array(1,2,3) AS ARRAY)", "INCOMPLETE_TYPE_DEFINITION.ARRAY", map[string]string{"elementType": "<INT>"}, 0, 0},
		{"SELECT CAST(array(array(3)) AS ARRAY<ARRAY>)", "INCOMPLETE_TYPE_DEFINITION.ARRAY", nil, 0, 0},
		{"SELECT CAST(struct(1,2,3) AS STRUCT)", "INCOMPLETE_TYPE_DEFINITION.STRUCT", nil, 0, 0},
		{"SELECT CAST(map('1',2) AS map)", "INCOMPLETE_TYPE_DEFINITION.MAP", nil, 0, 0},
		{"SELECT CAST(1 AS DECIMAL(40, 2))", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", map[string]string{"precision": "40"}, 0, 0},
		{"SELECT CAST(1 AS interval month to year)", "PARSE_SYNTAX_ERROR", syntax("'to'", ": missing ')'"), 0, 0},
		{"SELECT CAST(1 AS interval second to minute)", "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", map[string]string{"input": "", "from": "second", "to": "minute"}, 0, 0},

		// Queries.
		{"select *\nfrom r\norder by q\ncluster by q", "UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES", nil, 3, 0},
		{"WITH\n  t(x) AS (SELECT 1),\n  t(x) AS (SELECT 2)\nSELECT * FROM t", "DUPLICATED_CTE_NAMES", map[string]string{"duplicateNames": "`t`"}, 0, 0},
		{"SELECT min(a) OVER win FROM t1 WINDOW win AS win, win AS win2", "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION", map[string]string{"windowName": "`win`"}, 0, 0},
		{"SELECT min(a) OVER win FROM t1 WINDOW win AS win", "INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE", map[string]string{"windowName": "`win`"}, 0, 0},
		{"SELECT min(a) OVER win FROM t1 WINDOW win AS win2", "INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE", map[string]string{"windowName": "`win2`"}, 0, 0},
		{"SELECT * FROM t1 NATURAL JOIN LATERAL (SELECT c1 + c2 AS c2)", "INCOMPATIBLE_JOIN_TYPES", map[string]string{"joinType1": "LATERAL", "joinType2": "NATURAL"}, 0, 0},
		{"SELECT * FROM t1 JOIN LATERAL (SELECT c1 + c2 AS c2) USING (c2)", "UNSUPPORTED_FEATURE.LATERAL_JOIN_USING", nil, 0, 0},
		{"SELECT * FROM a NATURAL CROSS JOIN b", "INCOMPATIBLE_JOIN_TYPES", map[string]string{"joinType1": "NATURAL", "joinType2": "CROSS"}, 0, 0},
		{"SELECT * FROM a RIGHT JOIN LATERAL (SELECT 1) b", "INVALID_LATERAL_JOIN_TYPE", map[string]string{"joinType": "RIGHT OUTER"}, 0, 0},
		{"SELECT * FROM a JOIN LATERAL b", "INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC", nil, 0, 0},
		{"SELECT * FROM db.func()", "INVALID_SQL_SYNTAX.INVALID_TABLE_VALUED_FUNC_NAME", map[string]string{"funcName": "`db`.`func`"}, 0, 0},
		{"SELECT * FROM f(TABLE t)", "INVALID_SQL_SYNTAX.INVALID_TABLE_FUNCTION_IDENTIFIER_ARGUMENT_MISSING_PARENTHESES", map[string]string{"argumentName": "`t`"}, 0, 0},
		{"SELECT course, year, SUM(earnings) FROM courseSales GROUP BY ROLLUP(course, year, (course, year), ())", "_LEGACY_ERROR_TEMP_0051", map[string]string{"element": "ROLLUP"}, 1, 61},
		{"SELECT * FROM t TABLESAMPLE ()", "_LEGACY_ERROR_TEMP_0014", nil, 0, 0},
		{"SELECT * FROM t TABLESAMPLE (-100 PERCENT)", "_LEGACY_ERROR_TEMP_0064", map[string]string{"msg": "Sampling fraction (-1.0) must be on interval [0, 1]"}, 0, 0},
		{"SELECT * FROM t TABLESAMPLE (200b)", "_LEGACY_ERROR_TEMP_0015", map[string]string{"msg": "byteLengthLiteral"}, 0, 0},
		{"SELECT * FROM t TABLESAMPLE (200)", "_LEGACY_ERROR_TEMP_0016", map[string]string{"bytesStr": "200"}, 0, 0},
		{"SELECT * FROM t FOR TIMESTAMP AS OF a", "_LEGACY_ERROR_TEMP_0056", nil, 0, 0},
		{"SELECT count(val) OVER(ORDER BY val RANGE BETWEEN CURRENT ROW AND current_date PRECEDING) FROM t", "_LEGACY_ERROR_TEMP_0064", map[string]string{"msg": "Frame bound value must be a literal."}, 0, 0},
		{"select dateadd('MICROSECOND', 1001, timestamp'2022-02-25 01:02:03.123')", "INVALID_PARAMETER_VALUE.DATETIME_UNIT", map[string]string{"functionName": "`dateadd`", "invalidValue": "'MICROSECOND'", "parameter": "`unit`"}, 1, 7},
		{"SELECT TRANSFORM(DISTINCT b, a, c) USING 'cat' AS (a, b, c) FROM t", "UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL", nil, 0, 0},
		{"SELECT TRANSFORM(b AS b_1, MAX(a)) USING 'cat' AS (a, b) FROM t", "PARSE_SYNTAX_ERROR", syntax("'AS'", ""), 0, 0},
		{"table t\n|> where sum(x) over w = 1\n   window w as (partition by y)", "NOT_ALLOWED_IN_PIPE_OPERATOR_WHERE.WINDOW_CLAUSE", nil, 0, 0},
		{"table t\n|> order by x limit 1", "MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS", map[string]string{"clause1": "ORDER BY", "clause2": "LIMIT"}, 0, 0},
		{"table t\n|> order by x sort by x", "UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES", nil, 0, 0},
		{"select 3 as x, 4 as y\n|> aggregate group by all", "UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE", map[string]string{"case": "GROUP BY ALL"}, 0, 0},
		{"table other\n|> aggregate", "_LEGACY_ERROR_TEMP_0035", nil, 0, 0},
		{"select col from st\n|> set col.i1 = 42", "_LEGACY_ERROR_TEMP_0035", nil, 0, 0},
	}
	for _, c := range tests {
		_, err := ParseStatement(c.sql)
		checkErr(t, "ParseStatement", err, c)
	}
}

func TestDoubleQuotedIdentifierErrors(t *testing.T) {
	o := Options{DoubleQuotedIdentifiers: true}
	_, err := o.ParseStatement(`SELECT INTERVAL "1" YEAR`)
	checkErr(t, "ParseStatement", err, errCase{sql: `SELECT INTERVAL "1" YEAR`, class: "PARSE_SYNTAX_ERROR", params: syntax(`'"1"'`, "")})
	if _, err := o.ParseStatement(`SELECT "a1" AS "a2" FROM "myview" AS "atab"("a1")`); err != nil {
		t.Errorf("double-quoted identifiers: %v", err)
	}
}

func TestExpressionErrors(t *testing.T) {
	tests := []errCase{
		{"foo(a x)", "PARSE_SYNTAX_ERROR", syntax("'x'", ": extra input 'x'"), 1, 6},
		{"count(distinct a, distinct b)", "PARSE_SYNTAX_ERROR", syntax("'b'", ": extra input 'b'"), 0, 0},
		{"1 - f('o', o(bar)) hello * world", "PARSE_SYNTAX_ERROR", syntax("'*'", ""), 1, 25},
		{".e3", "PARSE_SYNTAX_ERROR", syntax("'.'", ""), 1, 0},
		{"1000Y", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "1000", "typeName": "tinyint"}, 1, 0},
		{"-1.8E308D", "INVALID_NUMERIC_LITERAL_RANGE", map[string]string{"rawStrippedQualifier": "-1.8E308", "typeName": "double"}, 1, 0},
		{"interval '10' month to second", "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", map[string]string{"input": "10", "from": "month", "to": "second"}, 0, 0},
		{"foo(*) over (partition by a order by b rows exp(b) preceding)", "_LEGACY_ERROR_TEMP_0064", map[string]string{"msg": "Frame bound value must be a literal."}, 0, 0},
		{"a +", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 1, 3},
		{"a AS", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 1, 4},
		{"CAST(a AS INT", "PARSE_SYNTAX_ERROR", syntax("end of input", ": missing ')'"), 1, 13},
		{"CASE WHEN a THEN b", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 0, 0},
		{"a[1", "PARSE_SYNTAX_ERROR", syntax("end of input", ""), 0, 0},
	}
	for _, c := range tests {
		_, err := ParseExpression(c.sql)
		checkErr(t, "ParseExpression", err, c)
	}
}

func TestErrorRendering(t *testing.T) {
	_, err := ParseStatement("SELECT *\nFROM t WHERE a =")
	e := err.(*Error)
	if got, want := e.Message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601"; got != want {
		t.Errorf("Message() = %q, want %q", got, want)
	}
	want := "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 2, pos 16)\n\n== SQL ==\nSELECT *\nFROM t WHERE a =\n----------------^^^\n"
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	_, err = ParseStatement("SELECT 1 1")
	if got, want := err.(*Error).Message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near '1': extra input '1'. SQLSTATE: 42601"; got != want {
		t.Errorf("Message() = %q, want %q", got, want)
	}
	_, err = ParseStatement("select interval 1 year to month")
	if got, want := err.(*Error).Message(), "The value of from-to unit must be a string."; got != want {
		t.Errorf("legacy Message() = %q, want %q", got, want)
	}
	_, err = ParseStatement("SELECT\tfoo bar\tbaz")
	if got := err.(*Error).Params["error"]; got != "'baz'" {
		t.Errorf("error token = %q", got)
	}
	// Line breaks and tabs in the offending token are escaped.
	_, err = ParseStatement("SELECT 1 +\n'a\tb' c d")
	if got := err.(*Error).Params["error"]; got != "'d'" {
		t.Errorf("error token = %q", got)
	}
	_, err = ParseStatement("SELECT 1 AS 'a\nb\tc'")
	if got := err.(*Error).Params["error"]; got != `''a\nb\tc''` {
		t.Errorf("error token = %q", got)
	}
}
