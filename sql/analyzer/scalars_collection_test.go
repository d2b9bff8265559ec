package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Column names and types of the collection functions, as Spark's golden files (array.sql,
// map.sql, interval.sql, group-by.sql) show them.
func TestCollectionFunctionSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT array(1, 2, 3), array()", "struct<array(1, 2, 3):array<int>,array():array<void>>"},
		{"SELECT array(INTERVAL '1' YEAR, INTERVAL '1' MONTH)", "struct<array(INTERVAL '1' YEAR, INTERVAL '1' MONTH):array<interval year to month>>"},
		{"SELECT map(1, 'a', 2, 'b')[5], map(1, interval 1 day, 2, interval 3 week)", "struct<map(1, a, 2, b)[5]:string,map(1, INTERVAL '1' DAY, 2, INTERVAL '21' DAY):map<int,interval day>>"},
		{"SELECT named_struct('a', 1, 'b', 'x')", "struct<named_struct(a, 1, b, x):struct<a:int,b:string>>"},
		{"SELECT struct(a, b, a + 1), struct(a AS x) FROM t", "struct<struct(a, b, (a + 1)):struct<a:int,b:string,col3:int>,struct(a AS x):struct<x:int>>"},
		{"SELECT array(1, 2)[0], named_struct('a', 1)", "struct<array(1, 2)[0]:int,named_struct(a, 1):struct<a:int>>"},
		{"SELECT size(array(1)), cardinality(map(1, 2)), array_size(NULL)", "struct<size(array(1)):int,cardinality(map(1, 2)):int,array_size(NULL):int>"},
		{"SELECT element_at(array(1, 2, 3), 5), element_at(map(1, 'a', 2, 'b'), 5)", "struct<element_at(array(1, 2, 3), 5):int,element_at(map(1, a, 2, b), 5):string>"},
		{"SELECT get(array(1, 2, 3), 0), get(array(1, 2, 3), null)", "struct<get(array(1, 2, 3), 0):int,get(array(1, 2, 3), NULL):int>"},
		{"SELECT array_contains(array(1), 2), map_contains_key(map(1, 'a', 2, 'b'), 1.0)", "struct<array_contains(array(1), 2):boolean,map_contains_key(map(1, a, 2, b), 1.0):boolean>"},
		{"SELECT array_insert(array(1, 2, 3), 3, 4), array_insert(array(1), 2, cast(2 as tinyint))", "struct<array_insert(array(1, 2, 3), 3, 4):array<int>,array_insert(array(1), 2, CAST(2 AS TINYINT)):array<int>>"},
		{"SELECT array_append(array(), 1), array_prepend(array('a'), 'b')", "struct<array_append(array(), 1):array<int>,array_prepend(array(a), b):array<string>>"},
		{"SELECT array_compact(array(null)), array_compact(array(1.5D, null))", "struct<array_compact(array(NULL)):array<void>,array_compact(array(1.5, NULL)):array<double>>"},
		{"SELECT size(arrays_zip(array(1, 2, 3), array(4), null))", "struct<size(arrays_zip(array(1, 2, 3), array(4), NULL)):int>"},
		{"SELECT sort_array(array('b', 'd')), sort_array(array('b', 'd'), cast(NULL as boolean))", "struct<sort_array(array(b, d), true):array<string>,sort_array(array(b, d), CAST(NULL AS BOOLEAN)):array<string>>"},
		{"SELECT array_union(array(1), array(2L)), array_distinct(array(1, 1)), arrays_overlap(array(1), array(2))", "struct<array_union(array(1), array(2)):array<bigint>,array_distinct(array(1, 1)):array<int>,arrays_overlap(array(1), array(2)):boolean>"},
		{"SELECT concat(array(1), array(2)), reverse(array(1)), reverse('ab')", "struct<concat(array(1), array(2)):array<int>,reverse(array(1)):array<int>,reverse(ab):string>"},
		{"SELECT map_keys(map(1, 'a')), map_values(map(1, 'a')), str_to_map('a:1')", "struct<map_keys(map(1, a)):array<int>,map_values(map(1, a)):array<string>,str_to_map(a:1, ,, :):map<string,string>>"},
		{"SELECT sequence(1, 5), arrays_zip(array(1), array('a'))", "struct<sequence(1, 5):array<int>,arrays_zip(array(1), array(a)):array<struct<0:int,1:string>>>"},
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

// Analysis errors of the collection functions, with Spark's error classes and parameters.
func TestCollectionFunctionErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct {
		sql, class string
		params     map[string]string
	}{
		{"SELECT array(INTERVAL 1 MONTH, INTERVAL 20 DAYS)", "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
			map[string]string{"functionName": "`array`", "dataType": `("INTERVAL MONTH" or "INTERVAL DAY")`}},
		{"SELECT map(1)", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", map[string]string{"expectedNum": "2n (n > 0)"}},
		{"SELECT map_contains_key(map('1', 'a', '2', 'b'), 1)", "DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES",
			map[string]string{"leftType": `"MAP<STRING, STRING>"`, "rightType": `"INT"`, "sqlExpr": `"map_contains_key(map(1, a, 2, b), 1)"`}},
		{"SELECT array_size(map('a', 1, 'b', 2))", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `"ARRAY"`, "inputType": `"MAP<STRING, INT>"`}},
		{"SELECT get(null, 0)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", map[string]string{"inputType": `"VOID"`, "sqlExpr": `"get(NULL, 0)"`}},
		{"SELECT array_insert(array(1, 2, 3), 3, '4')", "DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
			map[string]string{"leftType": `"ARRAY<INT>"`, "rightType": `"STRING"`, "dataType": `"ARRAY"`}},
		{"SELECT array_compact(a) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", map[string]string{"sqlExpr": `"array_compact(a)"`}},
		{"SELECT sort_array(array('b', 'd'), '1')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"paramIndex": "second", "requiredType": `"BOOLEAN"`, "sqlExpr": `"sort_array(array(b, d), 1)"`}},
		{"SELECT named_struct(a, 1) FROM t", "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", nil},
		{"SELECT map(map(1, 2), 1)", "DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", map[string]string{"keyType": `"MAP<INT, INT>"`}},
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
				t.Errorf("%s: %s = %q, want %q", c.sql, k, se.Params[k], v)
			}
		}
	}
}
