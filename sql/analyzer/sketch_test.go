package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Names and types of the sketch functions, as hll.sql, thetasketch.sql, kllquantiles.sql
// and scalar-subquery-select.sql show them (defaults appear in the names where Spark
// adds them).
func TestSketchSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT hll_sketch_estimate(hll_sketch_agg(a)) FROM t", "struct<hll_sketch_estimate(hll_sketch_agg(a, 12)):bigint>"},
		{"SELECT hll_sketch_agg(b, 14) AS s FROM t", "struct<s:binary>"},
		{"SELECT hll_sketch_estimate(hll_union(hll_sketch_agg(a), hll_sketch_agg(a))) FROM t",
			"struct<hll_sketch_estimate(hll_union(hll_sketch_agg(a, 12), hll_sketch_agg(a, 12), false)):bigint>"},
		{"SELECT hll_union_agg(s, true), hll_union_agg(s) FROM (SELECT hll_sketch_agg(a) AS s FROM t)",
			"struct<hll_union_agg(s, true):binary,hll_union_agg(s, false):binary>"},
		{"SELECT theta_union_agg(s), theta_intersection_agg(s) FROM (SELECT theta_sketch_agg(a) AS s FROM t)",
			"struct<theta_union_agg(s, 12):binary,theta_intersection_agg(s):binary>"},
		{"SELECT theta_sketch_estimate(theta_union(theta_sketch_agg(a, 15), theta_sketch_agg(c))) FROM u",
			"struct<theta_sketch_estimate(theta_union(theta_sketch_agg(a, 15), theta_sketch_agg(c, 12), 12)):bigint>"},
		{"SELECT theta_sketch_estimate(theta_intersection(theta_sketch_agg(a), theta_sketch_agg(c))), theta_difference(theta_sketch_agg(a), theta_sketch_agg(c)) FROM u",
			"struct<theta_sketch_estimate(theta_intersection(theta_sketch_agg(a, 12), theta_sketch_agg(c, 12))):bigint,theta_difference(theta_sketch_agg(a, 12), theta_sketch_agg(c, 12)):binary>"},
		{"SELECT theta_sketch_agg(array(a)) FROM t", "struct<theta_sketch_agg(array(a), 12):binary>"},
		{"SELECT kll_sketch_agg_bigint(a), kll_sketch_agg_double(c, 300) FROM u",
			"struct<kll_sketch_agg_bigint(a):binary,kll_sketch_agg_double(c, 300):binary>"},
		{"SELECT kll_sketch_get_quantile_bigint(kll_sketch_agg_bigint(a), 0.5) AS q, kll_sketch_get_rank_double(kll_sketch_agg_double(c), 3) AS r FROM u",
			"struct<q:bigint,r:double>"},
		{"SELECT kll_sketch_get_quantile_float(kll_sketch_agg_float(CAST(c AS FLOAT)), array(0.25, 0.5)) AS q FROM u",
			"struct<q:array<float>>"},
		{"SELECT kll_sketch_get_n_float(kll_sketch_agg_float(CAST(c AS FLOAT))) AS n, kll_sketch_to_string_double(kll_sketch_agg_double(c)) AS s FROM u",
			"struct<n:bigint,s:string>"},
		{"SELECT count_min_sketch(a, 0.5d, 0.5d, 1) FROM t", "struct<count_min_sketch(a, 0.5, 0.5, 1):binary>"},
		{"SELECT approx_top_k_estimate(approx_top_k_accumulate(a)) FROM t",
			"struct<approx_top_k_estimate(approx_top_k_accumulate(a, 10000), 5):array<struct<item:int,count:bigint>>>"},
		{"SELECT approx_top_k_estimate(approx_top_k_combine(s, 10000), 5) FROM (SELECT approx_top_k_accumulate(a) AS s FROM t)",
			"struct<approx_top_k_estimate(approx_top_k_combine(s, 10000), 5):array<struct<item:int,count:bigint>>>"},
		{"SELECT approx_top_k_accumulate(b) AS s FROM t GROUP BY a",
			"struct<s:struct<sketch:binary,maxItemsTracked:int,itemDataType:string,itemDataTypeDDL:string>>"},
		{"SELECT approx_top_k_combine(s) FROM (SELECT approx_top_k_accumulate(b) AS s FROM t)",
			"struct<approx_top_k_combine(s, -1):struct<sketch:binary,maxItemsTracked:int,itemDataType:string,itemDataTypeDDL:string>>"},
		{"SELECT approx_top_k(t.a), approx_top_k(b, 2), approx_top_k(c, 10, 100) FROM t, u",
			"struct<approx_top_k(a, 5, 10000):array<struct<item:int,count:bigint>>,approx_top_k(b, 2, 10000):array<struct<item:string,count:bigint>>,approx_top_k(c, 10, 100):array<struct<item:double,count:bigint>>>"},
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

// Analysis errors of the sketch functions, with Spark's classes and parameters.
func TestSketchErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct {
		sql, class string
		params     map[string]string
	}{
		{"SELECT hll_sketch_agg(array(a)) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"hll_sketch_agg(array(a), 12)"`, "requiredType": `("INT" or "BIGINT" or "STRING" or "BINARY")`,
				"inputType": `"ARRAY<INT>"`, "paramIndex": "first"}},
		{"SELECT hll_sketch_agg(a, '15') FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"hll_sketch_agg(a, 15)"`, "requiredType": `"INT"`, "paramIndex": "second"}},
		{"SELECT hll_sketch_agg(a, a) FROM t", "HLL_K_MUST_BE_CONSTANT", map[string]string{"function": "`hll_sketch_agg`"}},
		{"SELECT hll_union(1, 2) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"hll_union(1, 2, false)"`, "requiredType": `"BINARY"`}},
		{"SELECT theta_sketch_agg(a, a) FROM t", "THETA_LG_NOM_ENTRIES_MUST_BE_CONSTANT", nil},
		{"SELECT theta_union(theta_sketch_agg(a), theta_sketch_agg(a), 'invalid') FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"theta_union(theta_sketch_agg(a, 12), theta_sketch_agg(a, 12), invalid)"`, "paramIndex": "third"}},
		{"SELECT theta_intersection(theta_sketch_agg(a), 'x') FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"paramIndex": "second", "requiredType": `"BINARY"`}},
		{"SELECT kll_sketch_agg_float(a) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"kll_sketch_agg_float(a)"`, "requiredType": `"FLOAT"`, "inputType": `"INT"`}},
		{"SELECT kll_sketch_agg_bigint(c) FROM u", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `("TINYINT" or "INT" or "BIGINT" or "SMALLINT")`}},
		{"SELECT kll_sketch_agg_bigint(a, 7) FROM t", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
			map[string]string{"hint": "", "msg": "[KLL_SKETCH_K_OUT_OF_RANGE] For function `kll_sketch_agg_bigint`, the k parameter must be between 8 and 65535 (inclusive), but got 7. SQLSTATE: 22003"}},
		{"SELECT kll_sketch_agg_bigint(a, CAST(NULL AS INT)) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_NULL", map[string]string{"exprName": "k"}},
		{"SELECT kll_sketch_agg_bigint(a, a) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", map[string]string{"inputName": "k", "inputType": "int"}},
		{"SELECT kll_sketch_get_n_bigint(42)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"kll_sketch_get_n_bigint(42)"`, "requiredType": `"BINARY"`}},
		{"SELECT kll_sketch_get_quantile_float(X'00', true)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `("DOUBLE" or "ARRAY<DOUBLE>")`, "paramIndex": "second"}},
		{"SELECT kll_sketch_get_rank_float(X'00', X'00')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `("FLOAT" or "ARRAY<FLOAT>")`}},
		{"SELECT count_min_sketch(a, 0.0d, 0.5d, 1) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
			map[string]string{"exprName": "eps", "currentValue": "0.0D"}},
		{"SELECT count_min_sketch(a, 0.5d, 1.0d, 1) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
			map[string]string{"exprName": "confidence", "valueRange": "(0.0, 1.0]"}},
		{"SELECT count_min_sketch(a, c, 0.5d, 1) FROM u", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", map[string]string{"inputName": "`eps`"}},
		{"SELECT approx_top_k(array(a)) FROM t", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
			map[string]string{"msg": "array columns are not supported", "sqlExpr": `"approx_top_k(array(a), 5, 10000)"`}},
		{"SELECT approx_top_k(a, a) FROM t", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", map[string]string{"msg": "K must be a constant literal"}},
		{"SELECT approx_top_k(a, 5, a) FROM t", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
			map[string]string{"msg": "Number of items tracked must be a constant literal"}},
		{"SELECT approx_top_k_estimate(named_struct('a', 1), 5)", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
			map[string]string{"msg": "State must be a struct with 4 fields. Expected struct: struct<sketch:binary,maxItemsTracked:int,itemDataType:any,itemDataTypeDDL:string>. Got: struct<a:int>"}},
		{"SELECT approx_top_k_accumulate(array(a)) FROM t", "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
			map[string]string{"msg": "array columns are not supported"}},
		{"SELECT count_min_sketch(c, 0.5d, 0.5d, 1) FROM u", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `("INTEGRAL" or "STRING" or "BINARY")`}},
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
