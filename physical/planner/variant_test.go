package planner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/physical/planner"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/sparkerror"
)

// runHive runs a query and renders its rows as the spark-sql golden files do (columns
// joined by tabs), or returns its error.
func runHive(sql string) ([]string, error) {
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		return nil, err
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		return nil, err
	}
	if n, err = analyzer.Resolve(n, analyzer.Options{ANSI: true}); err != nil {
		return nil, err
	}
	p, err := planner.Plan(n, planner.Options{ANSI: true, TimeZone: time.UTC, DefaultSplits: 2, ShufflePartitions: 2, Context: context.Background()})
	if err != nil {
		return nil, err
	}
	var out []string
	err = physical.Collect(context.Background(), p, func(b arrow.RecordBatch) error {
		defer b.Release()
		fs := make([]*format.Formatter, b.NumCols())
		for c, col := range b.Columns() {
			f, err := format.NewFormatter(col, format.Options{Style: format.StyleHive})
			if err != nil {
				return err
			}
			fs[c] = f
		}
		for i := range int(b.NumRows()) {
			vals := make([]string, len(fs))
			for c, f := range fs {
				vals[c] = f.Value(i)
			}
			out = append(out, strings.Join(vals, "\t"))
		}
		return nil
	})
	return out, err
}

// VARIANT functions end to end, with the answers of Spark's function docs,
// VariantEndToEndSuite and VariantSuite.
func TestVariantFunctions(t *testing.T) {
	cases := []struct {
		sql  string
		want []string
		err  string // error class, when the query fails
	}{
		// parse_json / try_parse_json
		{sql: `SELECT parse_json('{"a":1,"b":0.8}')`, want: []string{`{"a":1,"b":0.8}`}},
		{sql: `SELECT try_parse_json('{"a":1,"b":0.8}')`, want: []string{`{"a":1,"b":0.8}`}},
		{sql: `SELECT try_parse_json('{"a":1,')`, want: []string{`NULL`}},
		{sql: `SELECT parse_json('{"a":1,')`, err: "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION"},
		{sql: `SELECT parse_json('{"a":1,"a":2}')`, err: "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION"},
		{sql: `SELECT try_parse_json('{1:2}'), try_parse_json('{"a":[a,b,c]}')`, want: []string{"NULL\tNULL"}},
		{sql: `SELECT parse_json('[null, true,   false,-1, 1e10, "\\uD83D\\uDE05", [ ], { } ]')`, want: []string{`[null,true,false,-1,1.0E10,"😅",[],{}]`}},
		{sql: `SELECT parse_json('[0.0, 1.00, 1.10, 1.23]')`, want: []string{`[0,1,1.1,1.23]`}},
		{sql: `SELECT parse_json(null), parse_json('null')`, want: []string{"NULL\tnull"}},
		{sql: `SELECT to_json(parse_json('{"b": [1, {"c": "x\\ny"}], "a": -0.50}'))`, want: []string{`{"a":-0.5,"b":[1,{"c":"x\ny"}]}`}},
		{sql: `SELECT to_json(named_struct('a', parse_json('{ "x": 1, "y": null, "z": "str" }'), 'b', parse_json('[[]]'), 'c', parse_json('false')))`,
			want: []string{`{"a":{"x":1,"y":null,"z":"str"},"b":[[]],"c":false}`}},
		{sql: `SELECT to_json(array(parse_json('{}'), parse_json('""'), parse_json('[1, 2, 3]')))`, want: []string{`[{},"",[1,2,3]]`}},
		{sql: `SELECT parse_json(1)`, err: "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		// is_variant_null
		{sql: `SELECT is_variant_null(parse_json('null')), is_variant_null(parse_json('"null"')), is_variant_null(parse_json('13')), is_variant_null(parse_json(null))`,
			want: []string{"true\tfalse\tfalse\tfalse"}},
		{sql: `SELECT is_variant_null(variant_get(parse_json('{"a":null, "b":"spark"}'), "$.c")), is_variant_null(variant_get(parse_json('{"a":null, "b":"spark"}'), "$.a"))`,
			want: []string{"false\ttrue"}},
		{sql: `SELECT is_variant_null(variant_get(parse_json('{ "a": null, "b": {"c": null, "d": [13, null]} }'), '$.b.d[1]'))`, want: []string{"true"}},
		// variant_get / try_variant_get
		{sql: `SELECT variant_get(parse_json('{"a": 1}'), '$.a', 'int'), variant_get(parse_json('{"a": 1}'), '$.b', 'int')`, want: []string{"1\tNULL"}},
		{sql: `SELECT variant_get(parse_json('[1, "2"]'), '$[1]', 'string'), variant_get(parse_json('[1, "2"]'), '$[2]', 'string')`, want: []string{"2\tNULL"}},
		{sql: `SELECT variant_get(parse_json('[1, "hello"]'), '$[1]')`, want: []string{`"hello"`}},
		{sql: `SELECT try_variant_get(parse_json('[1, "hello"]'), '$[1]', 'int')`, want: []string{"NULL"}},
		{sql: `SELECT variant_get(parse_json('[1, "hello"]'), '$[1]', 'int')`, err: "INVALID_VARIANT_CAST"},
		{sql: `SELECT variant_get(parse_json('{"a": 1}'), 'a')`, err: "INVALID_VARIANT_GET_PATH"},
		{sql: `SELECT variant_get(parse_json('{"a": {"b": [1, 2.5, "3"]}}'), '$.a.b', 'array<double>')`, want: []string{"[1.0,2.5,3.0]"}},
		{sql: `SELECT variant_get(parse_json('{"a": {"b": 1, "c": "x"}}'), '$.a', 'struct<b int, d string>')`, want: []string{`{"b":1,"d":null}`}},
		{sql: `SELECT variant_get(parse_json('{"a": {"b": 1, "c": "x"}}'), '$.a', 'map<string, string>')`, want: []string{`{"b":"1","c":"x"}`}},
		{sql: `SELECT variant_get(parse_json('{"a": {"b": 1}}'), '$.a', 'string'), variant_get(parse_json('{"a": 1}'), '$["a"]', 'double')`, want: []string{"{\"b\":1}\t1.0"}},
		{sql: `SELECT variant_get(parse_json('{"a": 1}'), '$.a', 'map<int, int>')`, err: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION"},
		{sql: `SELECT try_variant_get(parse_json('[1, "x", 3]'), '$', 'array<int>')`, want: []string{"[1,null,3]"}},
		{sql: `SELECT variant_get(parse_json('1700000000'), '$', 'timestamp'), variant_get(parse_json('1.5'), '$', 'timestamp')`,
			want: []string{"2023-11-14 22:13:20\t1970-01-01 00:00:01.5"}},
		{sql: `SELECT try_variant_get(parse_json('9223372036854775807'), '$', 'timestamp')`, want: []string{"NULL"}},
		{sql: `SELECT variant_get(parse_json('"2024-02-29"'), '$', 'date'), variant_get(parse_json('"abc"'), '$', 'binary')`, want: []string{"2024-02-29\tabc"}},
		{sql: `SELECT variant_get(parse_json('true'), '$', 'int'), variant_get(parse_json('300'), '$', 'string')`, want: []string{"1\t300"}},
		{sql: `SELECT variant_get(parse_json('300'), '$', 'tinyint')`, err: "INVALID_VARIANT_CAST"},
		// casts
		{sql: `SELECT CAST(parse_json('12345.678') AS DECIMAL(3, 2))`, err: "INVALID_VARIANT_CAST"},
		{sql: `SELECT TRY_CAST(parse_json('12345.678') AS DECIMAL(3, 2))`, want: []string{"NULL"}},
		{sql: `SELECT CAST(1.50 AS VARIANT), CAST(array(1, null, 3) AS VARIANT), CAST('x' AS VARIANT), CAST(X'0102' AS VARIANT)`,
			want: []string{"1.5\t[1,null,3]\t\"x\"\t\"AQI=\""}},
		{sql: `SELECT CAST(DATE'2024-01-02' AS VARIANT), CAST(TIMESTAMP_NTZ'2024-01-02 03:04:05.123' AS VARIANT), CAST(TIMESTAMP'2024-01-02 03:04:05' AS VARIANT)`,
			want: []string{"\"2024-01-02\"\t\"2024-01-02 03:04:05.123\"\t\"2024-01-02 03:04:05+00:00\""}},
		{sql: `SELECT CAST(CAST(1.0D/0 AS FLOAT) AS VARIANT), CAST(CAST('NaN' AS DOUBLE) AS VARIANT)`, err: "DIVIDE_BY_ZERO"},
		{sql: `SELECT CAST(CAST('Infinity' AS FLOAT) AS VARIANT), CAST(CAST('NaN' AS DOUBLE) AS VARIANT)`, want: []string{"\"Infinity\"\t\"NaN\""}},
		{sql: `SELECT CAST(named_struct('a', 1) AS VARIANT)`, err: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION"},
		{sql: `SELECT CAST(INTERVAL '1' MONTH AS VARIANT)`, err: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION"},
		{sql: `SELECT CAST(CAST(array(1, null) AS VARIANT) AS ARRAY<INT>)`, want: []string{"[1,null]"}},
		{sql: `SELECT CAST(parse_json('{"k1": null, "k2": false}') AS MAP<STRING, BOOLEAN>)`, want: []string{`{"k1":null,"k2":false}`}},
		// to_variant_object
		{sql: `SELECT to_variant_object(named_struct('a', 1, 'b', 2)), to_variant_object(array(1, 2, 3))`, want: []string{"{\"a\":1,\"b\":2}\t[1,2,3]"}},
		{sql: `SELECT to_variant_object(array(named_struct('a', 1))), to_variant_object(array(map("a", 2)))`, want: []string{"[{\"a\":1}]\t[{\"a\":2}]"}},
		{sql: `SELECT to_variant_object(named_struct('b', CAST(NULL AS INT), 'a', 'x'))`, want: []string{`{"a":"x","b":null}`}},
		{sql: `SELECT to_variant_object(1)`, err: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION"},
		{sql: `SELECT to_variant_object(map(1, 2))`, err: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION"},
		// schema_of_variant
		{sql: `SELECT schema_of_variant(parse_json('null')), schema_of_variant(parse_json('[{"b":true,"a":0}]'))`, want: []string{"VOID\tARRAY<OBJECT<a: BIGINT, b: BOOLEAN>>"}},
		{sql: `SELECT schema_of_variant(parse_json('1.0')), schema_of_variant(parse_json('0.01')), schema_of_variant(parse_json('10.00')), schema_of_variant(parse_json('-0.0'))`,
			want: []string{"DECIMAL(1,0)\tDECIMAL(2,2)\tDECIMAL(2,0)\tDECIMAL(1,0)"}},
		{sql: `SELECT schema_of_variant(parse_json('9223372036854775808')), schema_of_variant(parse_json('9999999999999999999.99999999999999999999')), schema_of_variant(parse_json('1E0'))`,
			want: []string{"DECIMAL(19,0)\tDOUBLE\tDOUBLE"}},
		{sql: `SELECT schema_of_variant(parse_json('{"b": {"c": "c"}, "a":["a"]}'))`, want: []string{"OBJECT<a: ARRAY<STRING>, b: OBJECT<c: STRING>>"}},
		{sql: `SELECT schema_of_variant(parse_json('[null, 1, 1.1]')), schema_of_variant(parse_json('[1.1, 11111111111111111111111111111111111111]')), schema_of_variant(parse_json('[{}, true]'))`,
			want: []string{"ARRAY<DECIMAL(21,1)>\tARRAY<DOUBLE>\tARRAY<VARIANT>"}},
		{sql: `SELECT schema_of_variant(parse_json('[{"c": ""}, {"a": null}, {"b": 1}]')), schema_of_variant(parse_json('[{"a": 1, "b": null}, {"b": true, "a": 1E0}]'))`,
			want: []string{"ARRAY<OBJECT<a: VOID, b: BIGINT, c: STRING>>\tARRAY<OBJECT<a: DOUBLE, b: BOOLEAN>>"}},
		// schema_of_variant_agg
		{sql: `SELECT schema_of_variant_agg(parse_json(j)) FROM VALUES ('1'), ('2'), ('3') AS tab(j)`, want: []string{"BIGINT"}},
		{sql: `SELECT schema_of_variant_agg(parse_json(j)) FROM VALUES ('{"a": 1}'), ('{"b": true}'), ('{"c": 1.23}') AS tab(j)`, want: []string{"OBJECT<a: BIGINT, b: BOOLEAN, c: DECIMAL(3,2)>"}},
		{sql: `SELECT schema_of_variant_agg(parse_json(j)) FROM VALUES ('{"a": [1, 2, 3]}'), ('{"a": "banana"}') AS tab(j)`, want: []string{"OBJECT<a: VARIANT>"}},
		{sql: `SELECT schema_of_variant_agg(parse_json(j)) FROM VALUES (CAST(NULL AS STRING)), (NULL) AS tab(j)`, want: []string{"VOID"}},
		{sql: `SELECT schema_of_variant_agg(parse_json(j)) FROM VALUES ('{"hi":[]}'), ('{"hi":[{},{}]}'), ('{"hi":[{"it''s":[{"me":[{"a": 1}]}]}]}') AS tab(j)`,
			want: []string{"OBJECT<hi: ARRAY<OBJECT<`it's`: ARRAY<OBJECT<me: ARRAY<OBJECT<a: BIGINT>>>>>>>"}},
		// variant_explode
		{sql: `SELECT * FROM variant_explode(parse_json('["hello", "world"]'))`, want: []string{"0\tNULL\t\"hello\"", "1\tNULL\t\"world\""}},
		{sql: `SELECT * FROM variant_explode_outer(input => parse_json('{"a": true, "b": 3.14}'))`, want: []string{"0\ta\ttrue", "1\tb\t3.14"}},
		{sql: `SELECT * FROM variant_explode(parse_json('1'))`, want: nil},
		{sql: `SELECT * FROM variant_explode_outer(parse_json('1'))`, want: []string{"NULL\tNULL\tNULL"}},
		{sql: `SELECT t.key, e.* FROM variant_explode(parse_json('{"a": [1, 2], "b": {"c": 3}}')) t, LATERAL variant_explode_outer(t.value) e`,
			want: []string{"a\t0\tNULL\t1", "a\t1\tNULL\t2", "b\t0\tc\t3"}},
		{sql: `SELECT variant_explode(parse_json('[1]'))`, err: "UNRESOLVED_ROUTINE"},
		// extraction
		{sql: `SELECT v:a.b[1], v:['a']['b'][0]::int FROM VALUES (parse_json('{"a": {"b": [1, "x"]}}')) AS t(v)`, want: []string{"\"x\"\t1"}},
		{sql: `SELECT v:a FROM VALUES ('{"a": 1}') AS t(v)`, err: "INTERNAL_ERROR"}, // Spark's missing COLUMN_IS_NOT_VARIANT_TYPE
		// no ordering or equality
		{sql: `SELECT parse_json('1') = parse_json('1')`, err: "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{sql: `SELECT array(parse_json('1')) <=> array(parse_json('1'))`, err: "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{sql: `SELECT v FROM VALUES (parse_json('1')) t(v) ORDER BY v`, err: "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{sql: `SELECT count(*) FROM VALUES (parse_json('1')) t(v) GROUP BY v`, err: "GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE"},
		{sql: `SELECT DISTINCT v FROM VALUES (parse_json('1')) t(v)`, err: "UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE"},
		{sql: `SELECT parse_json('1') INTERSECT SELECT parse_json('1')`, err: "UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE"},
		{sql: `SELECT parse_json('1') UNION ALL SELECT parse_json('2')`, want: []string{"1", "2"}},
		{sql: `SELECT max(parse_json('1'))`, err: "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{sql: `SELECT hash(parse_json('1'))`, err: "DATATYPE_MISMATCH.HASH_VARIANT_TYPE"},
	}
	for _, c := range cases {
		got, err := runHive(c.sql)
		if c.err != "" {
			se, ok := sparkerror.As(err)
			if !ok || se.Class != c.err {
				t.Errorf("%s: error %v, want %s", c.sql, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.sql, got, c.want)
		}
	}
}

// from_json(j, 'variant') reads with from_json's JSON options.
func TestFromJSONVariant(t *testing.T) {
	cases := []struct{ sql, want string }{
		{`SELECT from_json('{"a": 1, "b": [2, 3.1]}', 'variant')`, `{"a":1,"b":[2,3.1]}`},
		{`SELECT variant_get(from_json('{"a": 1, "b": [2, 3.1]}', '  VaRiaNt '), '$.b[0]')::int`, `2`},
		{`SELECT to_json(from_json('{"a": NaN}', 'variant'))`, `{"a":"NaN"}`},
		{`SELECT from_json('{"a": NaN}', 'variant', map('allowNonNumericNumbers', 'false'))`, `NULL`},
		{`SELECT from_json('{"a": 1, "a": 2}', 'variant'), from_json('  ', 'variant')`, "NULL\tNULL"},
		{`SELECT from_json('{''a'': "x"}', 'variant')`, `{"a":"x"}`},
	}
	for _, c := range cases {
		got, err := runHive(c.sql)
		if err != nil || strings.Join(got, "\n") != c.want {
			t.Errorf("%s: %q %v, want %q", c.sql, got, err, c.want)
		}
	}
	if _, err := runHive(`SELECT from_json('{"a": 1, "a": 2}', 'variant', map('mode', 'FAILFAST'))`); err == nil ||
		!strings.Contains(err.Error(), "MALFORMED_RECORD_IN_PARSING") {
		t.Errorf("FAILFAST duplicate key: %v", err)
	}
}
