package analyzer_test

import (
	"errors"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Column names and types of the JSON and CSV functions, from json-functions.sql.out,
// csv-functions.sql.out, parse-schema-string.sql.out, interval.sql.out and
// typeCoercion/native/stringCastAndExpressions.sql.out.
func TestJSONFunctionSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{`SELECT to_json(named_struct('a', 1, 'b', 2))`, "struct<to_json(named_struct(a, 1, b, 2)):string>"},
		{`SELECT to_json(named_struct('time', to_timestamp('2015-08-26', 'yyyy-MM-dd')), map('timestampFormat', 'dd/MM/yyyy'))`,
			"struct<to_json(named_struct(time, to_timestamp(2015-08-26, yyyy-MM-dd))):string>"},
		{`SELECT to_json(array(map('a',1), map('b',2)))`, "struct<to_json(array(map(a, 1), map(b, 2))):string>"},
		{`SELECT from_json('{"a":1}', 'a INT')`, `struct<from_json({"a":1}):struct<a:int>>`},
		{`SELECT from_json('{"time":"26/08/2015"}', 'time Timestamp', map('timestampFormat', 'dd/MM/yyyy'))`,
			`struct<from_json({"time":"26/08/2015"}):struct<time:timestamp>>`},
		{`SELECT from_json('{"a":1, "b":2}', 'map<string, int>')`, "struct<entries:map<string,int>>"},
		{`SELECT from_json('{"a":1, "b":"2"}', 'struct<a:int,b:string>')`, `struct<from_json({"a":1, "b":"2"}):struct<a:int,b:string>>`},
		{`SELECT from_json('[1, 2, 3]', 'array<int>')`, "struct<from_json([1, 2, 3]):array<int>>"},
		{`SELECT from_json('{"c1":[1, 2, 3]}', schema_of_json('{"c1":[0]}'))`, `struct<from_json({"c1":[1, 2, 3]}):struct<c1:array<bigint>>>`},
		{`SELECT from_json('{"a":1}', '{"type":"struct","fields":[{"name":"a","type":"integer","nullable":false,"metadata":{}}]}')`,
			`struct<from_json({"a":1}):struct<a:int>>`},
		{`SELECT from_json(b, 'a INT') FROM t`, "struct<from_json(b):struct<a:int>>"},
		{`SELECT from_json('{"create":1}', 'create INT'), from_csv('1', 'cube INT')`, `struct<from_json({"create":1}):struct<create:int>,from_csv(1):struct<cube:int>>`},
		{`SELECT schema_of_json('{"c1":0, "c2":[1]}')`, `struct<schema_of_json({"c1":0, "c2":[1]}):string>`},
		{`SELECT schema_of_json('{"c1":1}', map('primitivesAsString', 'true'))`, `struct<schema_of_json({"c1":1}):string>`},
		{`SELECT json_array_length(null), json_array_length('[1]')`, "struct<json_array_length(NULL):int,json_array_length([1]):int>"},
		{`SELECT json_object_keys(null), json_object_keys('{}')`, "struct<json_object_keys(NULL):array<string>,json_object_keys({}):array<string>>"},
		{`SELECT get_json_object(b, b) FROM t`, "struct<get_json_object(b, b):string>"},
		{`SELECT from_csv('1, 3.14', 'a INT, f FLOAT')`, "struct<from_csv(1, 3.14):struct<a:int,f:float>>"},
		{`SELECT from_csv('1,abc', schema_of_csv('1,abc'))`, "struct<from_csv(1,abc):struct<_c0:int,_c1:string>>"},
		{`SELECT schema_of_csv('1|abc', map('delimiter', '|'))`, "struct<schema_of_csv(1|abc):string>"},
		{`SELECT to_csv(named_struct('a', 1, 'b', 2))`, "struct<to_csv(named_struct(a, 1, b, 2)):string>"},
		{`SELECT from_csv('1, 1', 'a INT, b interval day'), to_csv(from_csv('1, 1 day', 'a INT, b interval'))`,
			"struct<from_csv(1, 1):struct<a:int,b:interval day>,to_csv(from_csv(1, 1 day)):string>"},
		{`SELECT to_json(map('a', interval 100 day 130 minute))`, "struct<to_json(map(a, INTERVAL '100 02:10' DAY TO MINUTE)):string>"},
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

// Analysis errors of the JSON and CSV functions, with the classes the golden files show.
func TestJSONFunctionErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, class string }{
		{`SELECT to_json(named_struct('a', 1, 'b', 2), named_struct('mode', 'PERMISSIVE'))`, "INVALID_OPTIONS.NON_MAP_FUNCTION"},
		{`SELECT to_json(named_struct('a', 1, 'b', 2), map('mode', 1))`, "INVALID_OPTIONS.NON_STRING_TYPE"},
		{`SELECT to_json()`, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{`SELECT to_json(1)`, "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA"},
		{`SELECT from_json('{"a":1}', 1)`, "INVALID_SCHEMA.NON_STRING_LITERAL"},
		{`SELECT from_json('{"a":1}', b) FROM t`, "INVALID_SCHEMA.NON_STRING_LITERAL"},
		{`SELECT from_json('{"a":1}', 'a InvalidType')`, "PARSE_SYNTAX_ERROR"},
		{`SELECT from_json('{"a":1}', 'a INT', named_struct('mode', 'PERMISSIVE'))`, "INVALID_OPTIONS.NON_MAP_FUNCTION"},
		{`SELECT from_json('{"a":1}', 'a INT', map('mode', 1))`, "INVALID_OPTIONS.NON_STRING_TYPE"},
		{`SELECT from_json()`, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{`SELECT from_json('1', 'int')`, "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA"},
		{`SELECT from_json('{}', 'map<int, int>')`, "DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE"},
		{`SELECT from_json(1, 'a INT')`, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{`SELECT schema_of_json(null)`, "DATATYPE_MISMATCH.UNEXPECTED_NULL"},
		{`SELECT schema_of_json(b) FROM t`, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{`SELECT json_array_length(2)`, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{`SELECT json_array_length()`, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{`SELECT json_object_keys(200)`, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{`SELECT from_csv('1', 1)`, "INVALID_SCHEMA.NON_STRING_LITERAL"},
		{`SELECT from_csv('1', 'Array<int>')`, "INVALID_SCHEMA.NON_STRUCT_TYPE"},
		{`SELECT from_csv('1', 'a INT', map('mode', 1))`, "INVALID_OPTIONS.NON_STRING_TYPE"},
		{`SELECT from_csv()`, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{`SELECT schema_of_csv(null)`, "DATATYPE_MISMATCH.UNEXPECTED_NULL"},
		{`SELECT schema_of_csv(42)`, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{`SELECT schema_of_csv(b) FROM t`, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{`SELECT to_csv(named_struct('a', 1, 'b', 2), named_struct('mode', 'PERMISSIVE'))`, "INVALID_OPTIONS.NON_MAP_FUNCTION"},
		{`SELECT to_csv(1)`, "DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE"},
		{`SELECT from_json('{"a":1}', 'a VARCHAR(3)')`, "UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		class := ""
		if se, ok := sparkerror.As(err); ok {
			class = se.Class
		}
		var te *types.Error
		if errors.As(err, &te) {
			class = te.Class
		}
		if class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}
