package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func lambdaCatalog(t *testing.T) *catalog.Session {
	t.Helper()
	cat := catalog.New().NewSession()
	tn, _ := cat.Resolve([]string{"nested"})
	st := types.NewStruct(
		types.NewField("x", types.Integer, false),
		types.NewField("ys", types.NewArray(types.Integer, false), false),
		types.NewField("zs", types.NewArray(types.NewArray(types.Integer, false), false), false),
		types.NewField("m", types.NewMap(types.Integer, types.Integer, false), false),
		types.NewField("ms", types.NewMap(types.String, types.Integer, false), true),
		types.NewField("mb", types.NewMap(types.Long, types.Long, false), true),
		types.NewField("s", types.String, true),
	)
	if _, err := cat.CreateTable(tn, &catalog.Table{Schema: st}, false, false); err != nil {
		t.Fatal(err)
	}
	return cat
}

// Names and types of higher-order functions, as in Spark's higher-order-functions.sql.out.
func TestLambdaSchemas(t *testing.T) {
	cat := lambdaCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT transform(zs, z -> z) AS v FROM nested", "struct<v:array<array<int>>>"},
		{"SELECT transform(ys, y -> y * y) FROM nested", "struct<transform(ys, lambdafunction((namedlambdavariable() * namedlambdavariable()), namedlambdavariable())):array<int>>"},
		{"SELECT transform(ys, (y, i) -> y + i) AS v FROM nested", "struct<v:array<int>>"},
		{"SELECT transform(ys, 0) FROM nested", "struct<transform(ys, lambdafunction(0, namedlambdavariable())):array<int>>"},
		{"SELECT transform(cast(null as array<int>), x -> x + 1) AS v", "struct<v:array<int>>"},
		{"SELECT filter(ys, y -> y > 30) AS v FROM nested", "struct<v:array<int>>"},
		{"SELECT transform(zs, z -> filter(z, zz -> zz > x)) AS v FROM nested", "struct<v:array<array<int>>>"},
		{"SELECT aggregate(ys, 0, (y, a) -> y + a + x) AS v FROM nested", "struct<v:int>"},
		{"SELECT aggregate(ys, 0, (acc, y) -> acc + y)", ""},
		{"SELECT reduce(ys, 0, (acc, y) -> acc + y, acc -> acc * 1.5) FROM nested",
			"struct<reduce(ys, 0, lambdafunction((namedlambdavariable() + namedlambdavariable()), namedlambdavariable(), namedlambdavariable()), lambdafunction((namedlambdavariable() * 1.5), namedlambdavariable())):decimal(13,1)>"},
		{"SELECT aggregate(split(s, ''), '', (acc, x) -> concat(acc, x)) FROM nested",
			"struct<aggregate(split(s, , -1), , lambdafunction(concat(namedlambdavariable(), namedlambdavariable()), namedlambdavariable(), namedlambdavariable()), lambdafunction(namedlambdavariable(), namedlambdavariable())):string>"},
		{"SELECT exists(ys, y -> y > 30) AS v, forall(ys, y -> y > 30) AS w FROM nested", "struct<v:boolean,w:boolean>"},
		{"SELECT zip_with(ys, zs, (a, b) -> a + x) AS v FROM nested", "struct<v:array<int>>"},
		{"SELECT transform_keys(m, (k, v) -> k + v) AS v, transform_values(m, (k, v) -> cast(v AS string)) AS w FROM nested", "struct<v:map<int,int>,w:map<int,string>>"},
		{"SELECT map_filter(m, (k, v) -> k > v) FROM nested", "struct<map_filter(m, lambdafunction((namedlambdavariable() > namedlambdavariable()), namedlambdavariable(), namedlambdavariable())):map<int,int>>"},
		{"SELECT map_zip_with(m, mb, (k, v1, v2) -> v1 + v2) AS v FROM nested", "struct<v:map<bigint,bigint>>"},
		{"SELECT array_sort(ys, (l, r) -> r - l) AS v FROM nested", "struct<v:array<int>>"},
		{"SELECT array_sort(ys) FROM nested", "struct<array_sort(ys, lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), 0, (IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable() IS NULL), -1, (IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() > namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(), namedlambdavariable())):array<int>>"},
		// A lambda parameter shadows the column of the same name.
		{"SELECT transform(ys, x -> x + 1) AS v FROM nested", "struct<v:array<int>>"},
		{"SELECT transform(ys, all -> all * all) AS v FROM nested", "struct<v:array<int>>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if c.want == "" {
			if err == nil {
				t.Errorf("%s: expected an error", c.sql)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

// Errors of lambdas and higher-order functions, with Spark's classes and parameters.
func TestLambdaErrors(t *testing.T) {
	cat := lambdaCatalog(t)
	cases := []struct {
		sql, class string
		params     map[string]string
	}{
		{"SELECT upper(x -> x) AS v", "INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION",
			map[string]string{"class": "org.apache.spark.sql.catalyst.expressions.Upper"}},
		{"SELECT ceil(x -> x) AS v", "INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION",
			map[string]string{"class": "org.apache.spark.sql.catalyst.expressions.CeilExpressionBuilder$"}},
		{"SELECT transform(ys, (a, b, c) -> a) FROM nested", "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
			map[string]string{"expectedNumArgs": "3", "actualNumArgs": "1"}},
		{"SELECT map_filter(m, (a, a) -> true) FROM nested", "INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES",
			map[string]string{"args": "`a`, `a`"}},
		{"SELECT exists(ys, 1) FROM nested", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"inputSql": `"lambdafunction(1, namedlambdavariable())"`, "inputType": `"INT"`, "paramIndex": "second",
				"requiredType": `"BOOLEAN"`, "sqlExpr": `"exists(ys, lambdafunction(1, namedlambdavariable()))"`}},
		{"SELECT filter(x, y -> true) FROM nested", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"paramIndex": "first", "requiredType": `"ARRAY"`, "sqlExpr": `"filter(x, lambdafunction(true, y))"`}},
		{"SELECT aggregate(ys, 0L, (acc, y) -> 'a') FROM nested", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"paramIndex": "third", "requiredType": `"BIGINT"`, "inputType": `"STRING"`,
				"sqlExpr": `"aggregate(ys, 0, lambdafunction(a, namedlambdavariable(), namedlambdavariable()), lambdafunction(namedlambdavariable(), namedlambdavariable()))"`}},
		{"SELECT array_sort(ys, 'x') FROM nested", "DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE",
			map[string]string{"functionName": "`lambdafunction`", "expectedType": `"INT"`, "actualType": `"STRING"`}},
		{"SELECT transform_keys(m, (k, v) -> m) FROM nested", "DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", nil},
		{"SELECT map_zip_with(ms, m, (k, v1, v2) -> v1) FROM nested", "DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES",
			map[string]string{"functionName": "`map_zip_with`", "leftType": `"STRING"`, "rightType": `"INT"`,
				"sqlExpr": `"map_zip_with(ms, m, lambdafunction(v1, k, v1, v2))"`}},
		{"SELECT transform(ys, y -> (SELECT 1)) FROM nested", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.HIGHER_ORDER_FUNCTION", nil},
		{"SELECT array_sort(ys, (l, r) -> 0, 1) FROM nested", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", nil},
		{"SELECT x -> x FROM nested", "INVALID_LAMBDA_FUNCTION_CALL", nil},
		{"SELECT CASE WHEN true THEN x -> x END", "INVALID_LAMBDA_FUNCTION_CALL", nil},
		{"SELECT aggregate(ys, x -> x, (acc, y) -> acc) FROM nested", "INVALID_LAMBDA_FUNCTION_CALL.PARAMETER_DOES_NOT_ACCEPT_LAMBDA_FUNCTION", nil},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		if se.Class != c.class {
			t.Errorf("%s: got %s (%v), want %s", c.sql, se.Class, err, c.class)
			continue
		}
		for k, v := range c.params {
			if se.Params[k] != v {
				t.Errorf("%s: %s = %s, want %s", c.sql, k, se.Params[k], v)
			}
		}
	}
}
