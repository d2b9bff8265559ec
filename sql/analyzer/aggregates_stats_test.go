package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Names and types of the statistical and ordered-set aggregates, as Spark's golden files
// (try_aggregates, linear-regression, percentiles, listagg, bitwise) show them.
func TestStatAggregateSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT try_sum(a), try_avg(a) FROM t", "struct<try_sum(a):bigint,try_avg(a):double>"},
		{"SELECT try_sum(col), try_avg(col) FROM VALUES (5.0), (10.0) AS tab(col)", "struct<try_sum(col):decimal(13,1),try_avg(col):decimal(7,5)>"},
		{"SELECT try_sum(col), try_avg(col) FROM VALUES (interval '1 months') AS tab(col)", "struct<try_sum(col):interval month,try_avg(col):interval year to month>"},
		{"SELECT try_sum(col) FROM VALUES (NULL), (NULL) AS tab(col)", "struct<try_sum(col):double>"},
		{"SELECT regr_count(a, c), corr(a, c), covar_pop(a, c), covar_samp(a, c) FROM u",
			"struct<regr_count(a, c):bigint,corr(a, c):double,covar_pop(a, c):double,covar_samp(a, c):double>"},
		{"SELECT regr_avgx(a, c), regr_avgy(a, c), regr_sxx(a, c), regr_r2(a, c), regr_slope(a, c), regr_intercept(a, c) FROM u",
			"struct<regr_avgx(a, c):double,regr_avgy(a, c):double,regr_sxx(a, c):double,regr_r2(a, c):double,regr_slope(a, c):double,regr_intercept(a, c):double>"},
		{"SELECT regr_avgx(y, x) FROM VALUES (1, 2.5) AS v(y, x)", "struct<regr_avgx(y, x):decimal(6,5)>"},
		{"SELECT corr(c, a) FILTER (WHERE a IS NOT NULL) FROM u", "struct<corr(c, a) FILTER (WHERE (a IS NOT NULL)):double>"},
		{"SELECT bit_and(a), bit_or(cast(a AS tinyint)), bit_xor(cast(a AS bigint)) FROM t",
			"struct<bit_and(a):int,bit_or(CAST(a AS TINYINT)):tinyint,bit_xor(CAST(a AS BIGINT)):bigint>"},
		{"SELECT median(a), percentile(a, 0.5), percentile(a, array(0.25, 0.75), 2) FROM t",
			"struct<median(a):double,percentile(a, 0.5, 1):double,percentile(a, array(0.25, 0.75), 2):array<double>>"},
		{"SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY a), percentile_disc(0.25) WITHIN GROUP (ORDER BY a DESC) FILTER (WHERE a > 0) FROM t",
			"struct<percentile_cont(0.25) WITHIN GROUP (ORDER BY a):double,percentile_disc(0.25) WITHIN GROUP (ORDER BY a DESC) FILTER (WHERE (a > 0)):double>"},
		{"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY col) FROM VALUES (INTERVAL '10' MONTH) AS v(col)",
			"struct<percentile_cont(0.5) WITHIN GROUP (ORDER BY col):interval year to month>"},
		{"SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY a) OVER (PARTITION BY b) FROM t",
			"struct<percentile_cont(0.25) WITHIN GROUP (ORDER BY a) OVER (PARTITION BY b ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING):double>"},
		{"SELECT listagg(b), string_agg(b, '|') FROM t", "struct<listagg(b, NULL):string,listagg(b, |):string>"},
		{"SELECT listagg(b) WITHIN GROUP (ORDER BY a DESC, b) FROM t",
			"struct<listagg(b, NULL) WITHIN GROUP (ORDER BY a DESC NULLS LAST, b ASC NULLS FIRST):string>"},
		{"SELECT listagg(col1, X'42') FROM VALUES (X'DEAD') AS v(col1)", "struct<listagg(col1, X'42'):binary>"},
		{"SELECT listagg(a), listagg(a > 1, ',') FROM t", "struct<listagg(a, NULL):string,listagg((a > 1), ,):string>"},
		{"SELECT histogram_numeric(a, 3), histogram_numeric(col, 3) FROM t, VALUES (NULL) AS v(col)",
			"struct<histogram_numeric(a, 3):array<struct<x:int,y:double>>,histogram_numeric(col, 3):array<struct<x:double,y:double>>>"},
		{"SELECT mode(a), mode() WITHIN GROUP (ORDER BY b), mode() WITHIN GROUP (ORDER BY a DESC), mode(a, true) FROM t",
			"struct<mode(a):int,mode() WITHIN GROUP (ORDER BY b DESC):string,mode() WITHIN GROUP (ORDER BY a):int,mode() WITHIN GROUP (ORDER BY a DESC):int>"},
		{"SELECT nth_value(b, 2) OVER (ORDER BY a) FROM t",
			"struct<nth_value(b, 2) OVER (ORDER BY a ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):string>"},
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

// Analysis errors of these aggregates, with Spark's error classes and parameters.
func TestStatAggregateErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct {
		sql, class string
		params     map[string]string
	}{
		{"SELECT round(a, 0) WITHIN GROUP (ORDER BY a) FROM t", "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
			map[string]string{"prettyName": "`round`", "syntax": "WITHIN GROUP (ORDER BY ...)"}},
		{"SELECT percentile(a, 0.5) WITHIN GROUP (ORDER BY a) FROM t", "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", nil},
		{"SELECT percentile_cont(DISTINCT 0.5) WITHIN GROUP (ORDER BY a) FROM t", "INVALID_WITHIN_GROUP_EXPRESSION.DISTINCT_UNSUPPORTED",
			map[string]string{"funcName": "`percentile_cont`"}},
		{"SELECT percentile_cont() WITHIN GROUP (ORDER BY a) FROM t", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
			map[string]string{"expectedNum": "1", "actualNum": "0"}},
		{"SELECT percentile_cont(0.5) FROM t", "INVALID_WITHIN_GROUP_EXPRESSION.WITHIN_GROUP_MISSING", nil},
		{"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a, b) FROM t", "INVALID_WITHIN_GROUP_EXPRESSION.WRONG_NUM_ORDERINGS",
			map[string]string{"expectedNum": "1", "actualNum": "2"}},
		{"SELECT percentile_cont(c) WITHIN GROUP (ORDER BY a DESC) FROM u", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
			map[string]string{"sqlExpr": `"percentile_cont(a, c)"`, "inputName": "`percentage`", "inputType": `"DOUBLE"`}},
		{"SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY a) OVER (PARTITION BY b ORDER BY a) FROM t",
			"INVALID_WINDOW_SPEC_FOR_AGGREGATION_FUNC", map[string]string{"aggFunc": `"percentile_cont(a, 0.25)"`}},
		{"SELECT median(a) OVER (PARTITION BY b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) FROM t",
			"INVALID_WINDOW_SPEC_FOR_AGGREGATION_FUNC", map[string]string{"aggFunc": `"median(a)"`}},
		{"SELECT listagg(b) WITHIN GROUP (ORDER BY b) OVER (ORDER BY b) FROM t",
			"INVALID_WINDOW_SPEC_FOR_AGGREGATION_FUNC", map[string]string{"aggFunc": `"listagg(b, NULL, b ASC NULLS FIRST)"`}},
		{"SELECT listagg(DISTINCT b) OVER (ORDER BY b) FROM t", "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", nil},
		{"SELECT count(a) FILTER (WHERE a > 1) OVER (PARTITION BY b) FROM t", "_LEGACY_ERROR_TEMP_1030", nil},
		{"SELECT listagg(DISTINCT b) WITHIN GROUP (ORDER BY a) FROM t", "INVALID_WITHIN_GROUP_EXPRESSION.MISMATCH_WITH_DISTINCT_INPUT",
			map[string]string{"funcArg": `"b"`, "orderingExpr": `"a"`}},
		{"SELECT listagg(c1) FROM (VALUES (ARRAY('a', 'b'))) AS t(c1)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"listagg(c1, NULL)"`, "requiredType": `("STRING" or "BINARY")`, "inputType": `"ARRAY<STRING>"`}},
		{"SELECT histogram_numeric(a, 1) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", map[string]string{"exprName": "nb", "currentValue": "1"}},
		{"SELECT histogram_numeric(a, a) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", map[string]string{"inputName": "`nb`"}},
		{"SELECT listagg(c1, ', ') FROM VALUES (X'DEAD') AS t(c1)", "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
			map[string]string{"dataType": `("BINARY" or "STRING")`, "functionName": "`listagg`"}},
		{"SELECT listagg(b, b) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", map[string]string{"inputName": "`delimiter`"}},
		{"SELECT nth_value(a, 0) OVER (ORDER BY b) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
			map[string]string{"currentValue": "0L", "exprName": "offset"}},
		{"SELECT bit_and(b) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", nil},
		{"SELECT mode() FROM t", "INVALID_WITHIN_GROUP_EXPRESSION.WITHIN_GROUP_MISSING", map[string]string{"funcName": "`mode`"}},
		{"SELECT mode(a, b > 'x') FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", nil},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		for k, v := range c.params {
			if se.Params[k] != v {
				t.Errorf("%s: parameter %s = %q, want %q", c.sql, k, se.Params[k], v)
			}
		}
	}
}
