package expr

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/types"
)

func mustDDL(t *testing.T, s string) types.DataType {
	t.Helper()
	dt, err := types.FromDDL(s)
	if err != nil {
		t.Fatal(err)
	}
	return types.AsNullable(dt)
}

// Answers from json-functions.sql.out, csv-functions.sql.out, interval.sql.out and
// Spark's function docs (values rendered as casts to string render them; timestamps in UTC).
func TestJSONFunctionsGolden(t *testing.T) {
	str, integer := types.String, types.Integer
	keys := types.NewArray(types.String, true)
	runFnCases(t, []fnCase{
		{fn: "from_json", result: mustDDL(t, "a INT"), args: []lv{s(`{"a":1}`)}, want: `{1}`},
		{fn: "from_json", result: mustDDL(t, "a INT"), args: []lv{s(`{"a":1, "b":2}`)}, want: `{1}`},
		{fn: "from_json", result: mustDDL(t, "a INT"), args: []lv{s(`not json`)}, want: `{NULL}`},
		{fn: "from_json", result: mustDDL(t, "a INT"), args: []lv{s(``)}, want: `NULL`},
		{fn: "from_json", result: mustDDL(t, "a INT, b STRING"), args: []lv{s(`{"a":"x", "b":[1, 2]}`)}, want: `{NULL, [1,2]}`},
		{fn: "from_json", result: mustDDL(t, "time Timestamp"), args: []lv{s(`{"time":"26/08/2015"}`), s("timestampFormat"), s("dd/MM/yyyy")},
			want: `{2015-08-26 07:00:00}`},
		{fn: "from_json", result: mustDDL(t, "map<string, int>"), args: []lv{s(`{"a":1, "b":2}`)}, want: `{a -> 1, b -> 2}`},
		// Non-string map keys are refused when the kernel is built, not with a panic.
		{fn: "from_json", result: mustDDL(t, "map<int, int>"), args: []lv{s(`{"1":1}`)}, err: "NOT_IMPLEMENTED"},
		{fn: "from_json", result: mustDDL(t, "array<int>"), args: []lv{s(`[1, 2, 3]`)}, want: `[1, 2, 3]`},
		{fn: "from_json", result: mustDDL(t, "array<int>"), args: []lv{s(`[1, "2", 3]`)}, want: `NULL`},
		{fn: "from_json", result: mustDDL(t, "array<int>"), args: []lv{s(`[1, 2, null]`)}, want: `[1, 2, NULL]`},
		{fn: "from_json", result: mustDDL(t, "array<struct<a:int>>"), args: []lv{s(`{"a": 1}`)}, want: `[{1}]`},
		{fn: "from_json", result: mustDDL(t, "array<struct<a:int>>"), args: []lv{s(`[null, {"a":2}]`)}, want: `[NULL, {2}]`},
		{fn: "from_json", result: mustDDL(t, "array<map<string,int>>"), args: []lv{s(`[{"a": 1}, 2]`)}, want: `NULL`},
		{fn: "from_json", result: mustDDL(t, "d date, t timestamp"), args: []lv{s(`{"d": "12/15 2012", "t": "12/15 2012 15:15:15"}`),
			s("dateFormat"), s("MM/dd yyyy"), s("timestampFormat"), s("MM/dd yyyy HH:mm:ss")}, want: `{2012-12-15, 2012-12-15 23:15:15}`},
		{fn: "from_json", result: mustDDL(t, "d date"), args: []lv{s(`{"d": "02-29"}`), s("dateFormat"), s("MM-dd")}, want: `{NULL}`},
		{fn: "from_json", result: mustDDL(t, "a interval day"), args: []lv{s(`{"a":"1"}`)}, want: `{INTERVAL '1 00:00:00' DAY TO SECOND}`},
		{fn: "from_json", result: mustDDL(t, "a INT"), args: []lv{s(`{"a":"x"}`), s("mode"), s("FAILFAST")}, err: "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION"},
		{fn: "from_json", result: mustDDL(t, "d Date"), args: []lv{s(`{"d":"26/October/2015"}`), s("dateFormat"), s("dd/MMMMM/yyyy")},
			err: "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{fn: "schema_of_json", result: str, args: []lv{s(`{"c1":0, "c2":[1]}`)}, want: `STRUCT<c1: BIGINT, c2: ARRAY<BIGINT>>`},
		{fn: "schema_of_json", result: str, args: []lv{s(`{"c1":1}`), s("primitivesAsString"), s("true")}, want: `STRUCT<c1: STRING>`},
		{fn: "schema_of_json", result: str, args: []lv{s(`{"c1":01, "c2":0.1}`), s("allowNumericLeadingZeros"), s("true"), s("prefersDecimal"), s("true")},
			want: `STRUCT<c1: BIGINT, c2: DECIMAL(1,1)>`},
		{fn: "schema_of_json", result: str, args: []lv{s(`[{"col":0}]`)}, want: `ARRAY<STRUCT<col: BIGINT>>`},
		{fn: "json_array_length", result: integer, args: []lv{s(``)}, want: `NULL`},
		{fn: "json_array_length", result: integer, args: []lv{s(`[]`)}, want: `0`},
		{fn: "json_array_length", result: integer, args: []lv{s(`[1,2,3,[33,44],{"key":[2,3,4]}]`)}, want: `5`},
		{fn: "json_array_length", result: integer, args: []lv{s(`{"key":"not a json array"}`)}, want: `NULL`},
		{fn: "json_array_length", result: integer, args: []lv{s(`[1,2,3,4,5`)}, want: `NULL`},
		{fn: "json_object_keys", result: keys, args: []lv{s(`{}`)}, want: `[]`},
		{fn: "json_object_keys", result: keys, args: []lv{s(`{"f1":"abc","f2":{"f3":"a", "f4":"b"}}`)}, want: `[f1, f2]`},
		{fn: "json_object_keys", result: keys, args: []lv{s(`{"key": 45, "random_string"}`)}, want: `NULL`},
		{fn: "json_object_keys", result: keys, args: []lv{s(`[1, 2, 3]`)}, want: `NULL`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a":"b"}`), s(`$.a`)}, want: `b`},
		{fn: "get_json_object", result: str, args: []lv{s(`[{"a":"b"},{"a":"c"}]`), s(`$[0].a`)}, want: `b`},
		{fn: "get_json_object", result: str, args: []lv{s(`[{"a":"b"},{"a":"c"}]`), s(`$[*].a`)}, want: `["b","c"]`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a":{"b": [1, 2.50, 1e2]}}`), s(`$.a`)}, want: `{"b":[1,2.5,100.0]}`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a":[[1,2],[3]]}`), s(`$.a[*][*]`)}, want: `[1,2,3]`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a":[{"b":1}]}`), s(`$.a[*].b`)}, want: `1`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a":1}`), s(`a`)}, want: `NULL`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a b":1}`), s(`$['a b']`)}, want: `1`},
		{fn: "get_json_object", result: str, args: []lv{s(`{'a':'x'}`), s(`$.a`)}, want: `x`},
		{fn: "get_json_object", result: str, args: []lv{s(`{"a":null}`), s(`$.a`)}, want: `NULL`},
		{fn: "from_csv", result: mustDDL(t, "a INT, f FLOAT"), args: []lv{s(`1, 3.14`)}, want: `{1, 3.14}`},
		{fn: "from_csv", result: mustDDL(t, "time Timestamp"), args: []lv{s(`26/08/2015`), s("timestampFormat"), s("dd/MM/yyyy")},
			want: `{2015-08-26 07:00:00}`},
		{fn: "from_csv", result: mustDDL(t, "a INT, b interval"), args: []lv{s(`1, 1 day`)}, want: `{1, 1 days}`},
		{fn: "from_csv", result: mustDDL(t, "date Date"), args: []lv{s(`2018-366`), s("dateFormat"), s("yyyy-DDD")}, want: `{NULL}`},
		{fn: "from_csv", result: mustDDL(t, "a INT, b STRING"), args: []lv{s(`1,"x,y"`)}, want: `{1, x,y}`},
		{fn: "schema_of_csv", result: str, args: []lv{s(`1,abc`)}, want: `STRUCT<_c0: INT, _c1: STRING>`},
		{fn: "schema_of_csv", result: str, args: []lv{s(`1|abc`), s("delimiter"), s("|")}, want: `STRUCT<_c0: INT, _c1: STRING>`},
		{fn: "schema_of_csv", result: str, args: []lv{s(`1.5,2020-01-01,true,12345678901,2020-01-01 10:00:00`)},
			want: `STRUCT<_c0: DOUBLE, _c1: DATE, _c2: BOOLEAN, _c3: BIGINT, _c4: TIMESTAMP>`},
		{fn: "schema_of_csv", result: str, args: []lv{s(`26/08/2015,08/26/2015 10:00`), s("dateFormat"), s("dd/MM/yyyy"), s("timestampFormat"), s("MM/dd/yyyy HH:mm")},
			want: `STRUCT<_c0: DATE, _c1: TIMESTAMP>`},
	})
}

func TestToJSONAndCSV(t *testing.T) {
	st := mustDDL(t, "a INT, b STRING, c DOUBLE").(*types.StructType)
	rows := structArr(t, st, [][]any{{int32(1), "x\"y", 1.5}, {int32(2), nil, nil}, nil, {nil, "a,b", 1e21}})
	defer rows.Release()
	b := batchOf(rows)
	defer b.Release()
	toJSON, _ := Lookup("to_json")
	e := must(toJSON([]Expr{col(0, st)}, []types.DataType{st}, types.String, FuncOptions{}))
	wantStrs(t, e, b, `{"a":1,"b":"x\"y","c":1.5}`, `{"a":2}`, "NULL", `{"b":"a,b","c":1.0E21}`)
	pretty := must(toJSON([]Expr{col(0, st), litOf(t, types.String, "pretty"), litOf(t, types.String, "true")},
		[]types.DataType{st, types.String, types.String}, types.String, FuncOptions{}))
	wantStrs(t, pretty, b, "{\n  \"a\" : 1,\n  \"b\" : \"x\\\"y\",\n  \"c\" : 1.5\n}", "{\n  \"a\" : 2\n}", "NULL", "{\n  \"b\" : \"a,b\",\n  \"c\" : 1.0E21\n}")
	uni := structArr(t, st, [][]any{{int32(1), "é😀\x01", nil}})
	defer uni.Release()
	ub := batchOf(uni)
	defer ub.Release()
	wantStrs(t, e, ub, "{\"a\":1,\"b\":\"é😀\\u0001\"}")
	ascii := must(toJSON([]Expr{col(0, st), litOf(t, types.String, "writeNonAsciiCharacterAsCodePoint"), litOf(t, types.String, "true")},
		[]types.DataType{st, types.String, types.String}, types.String, FuncOptions{}))
	wantStrs(t, ascii, ub, `{"a":1,"b":"\u00E9\uD83D\uDE00\u0001"}`)
	toCSV, _ := Lookup("to_csv")
	c := must(toCSV([]Expr{col(0, st)}, []types.DataType{st}, types.String, FuncOptions{}))
	wantStrs(t, c, b, `1,"x\"y",1.5`, `2,,`, "NULL", `,"a,b",1.0E21`)

	// Arrays, maps (keys as strings, struct keys as [f1,f2]) and timestamps with a format.
	lt := types.NewArray(types.Integer, true)
	lists := listArr(t, lt, [][]any{{int32(1), nil, int32(3)}, {}})
	defer lists.Release()
	lb := batchOf(lists)
	defer lb.Release()
	wantStrs(t, must(toJSON([]Expr{col(0, lt)}, []types.DataType{lt}, types.String, FuncOptions{})), lb, `[1,null,3]`, `[]`)
	wantStrs(t, must(toJSON([]Expr{col(0, lt), litOf(t, types.String, "pretty"), litOf(t, types.String, "true")},
		[]types.DataType{lt, types.String, types.String}, types.String, FuncOptions{})), lb, `[ 1, null, 3 ]`, `[ ]`)
	mt := types.NewMap(types.Integer, types.String, true)
	maps := mapArr(t, mt, [][][2]any{{{int32(1), "a"}, {int32(2), nil}}})
	defer maps.Release()
	mb := batchOf(maps)
	defer mb.Release()
	wantStrs(t, must(toJSON([]Expr{col(0, mt)}, []types.DataType{mt}, types.String, FuncOptions{})), mb, `{"1":"a","2":null}`)
	ts := mustDDL(t, "time TIMESTAMP, d DATE").(*types.StructType)
	tsRows := structArr(t, ts, [][]any{{int64(1440572400000000), int32(16673)}})
	defer tsRows.Release()
	tb := batchOf(tsRows)
	defer tb.Release()
	la := FuncOptions{TimeZone: mustZone("America/Los_Angeles")}
	wantStrs(t, must(toJSON([]Expr{col(0, ts)}, []types.DataType{ts}, types.String, la)), tb, `{"time":"2015-08-26T00:00:00.000-07:00","d":"2015-08-26"}`)
	wantStrs(t, must(toJSON([]Expr{col(0, ts), litOf(t, types.String, "timestampFormat"), litOf(t, types.String, "dd/MM/yyyy")},
		[]types.DataType{ts, types.String, types.String}, types.String, la)), tb, `{"time":"26/08/2015","d":"2015-08-26"}`)
	wantStrs(t, must(toCSV([]Expr{col(0, ts), litOf(t, types.String, "timestampFormat"), litOf(t, types.String, "dd/MM/yyyy")},
		[]types.DataType{ts, types.String, types.String}, types.String, la)), tb, `26/08/2015,2015-08-26`)
}

func TestJSONPathParse(t *testing.T) {
	for _, c := range []struct {
		path string
		ok   bool
		n    int
	}{
		{"$", true, 0}, {"$.a", true, 2}, {"$.a.b[0]", true, 6}, {"$['a b']", true, 2}, {"$[*]", true, 2},
		{"$.*", true, 1}, {"$['*']", true, 1}, {"a", false, 0}, {"$.", false, 0}, {"$[x]", false, 0},
		{"$[1", false, 0}, {"$['a]", false, 0}, {"$.*x", false, 0},
	} {
		steps, ok := parseJSONPath(c.path)
		if ok != c.ok || len(steps) != c.n {
			t.Errorf("%q: got %v %d steps, want %v %d", c.path, ok, len(steps), c.ok, c.n)
		}
	}
}

// FuzzJSONPath runs get_json_object's path parser and evaluator and from_json's decoder
// on arbitrary documents: they must never panic.
func FuzzJSONPath(f *testing.F) {
	for _, s := range [][2]string{{`{"a":[1,{"b":"c"}]}`, `$.a[1].b`}, {`[[1,2],[3]]`, `$[*][*]`}, {`{'a':NaN}`, `$.a`},
		{`{"a":"\u00e9\ud83d\ude00"}`, `$['a']`}, {`[1,2`, `$[0]`}, {`-01.5e3`, `$`}} {
		f.Add(s[0], s[1])
	}
	st := types.AsNullable(types.NewArray(&types.StructType{Fields: []types.StructField{{Name: "a", DataType: types.NewMap(types.String, types.Double, true), Nullable: true}, {Name: "b", DataType: types.String, Nullable: true}}}, true))
	f.Fuzz(func(t *testing.T, doc, path string) {
		get, _ := Lookup("get_json_object")
		e := must(get([]Expr{litOf(t, types.String, doc), litOf(t, types.String, path)}, []types.DataType{types.String, types.String}, types.String, FuncOptions{}))
		if out, err := e.Eval(emptyBatch(1)); err == nil {
			out.Release()
		}
		from, _ := Lookup("from_json")
		e = must(from([]Expr{litOf(t, types.String, doc)}, []types.DataType{types.String}, st, FuncOptions{}))
		if out, err := e.Eval(emptyBatch(1)); err == nil {
			out.Release()
		}
	})
}

// json-functions.sql.out and generators.sql.out: json_tuple's rows.
func TestJSONTupleKernel(t *testing.T) {
	docs := arr(t, types.String, `{"a" : 1, "b" : 2}`, `{"a": "x", "b": {"c": [1, 2]}, "a": null}`, nil, `[1]`, `{"a": bad}`)
	defer docs.Release()
	b := batchOf(docs)
	defer b.Release()
	st := &types.StructType{}
	for _, n := range []string{"c0", "c1", "c2", "c3"} {
		st.Fields = append(st.Fields, types.StructField{Name: n, DataType: types.String, Nullable: true})
	}
	jt, _ := Lookup("json_tuple")
	e := must(jt([]Expr{col(0, types.String), litOf(t, types.String, nil), litOf(t, types.String, "b"), litOf(t, types.String, nil), litOf(t, types.String, "a")},
		[]types.DataType{types.String, types.String, types.String, types.String, types.String}, types.NewArray(st, false), FuncOptions{}))
	wantStrs(t, e, b, `[{NULL, 2, NULL, 1}]`, `[{NULL, {"c":[1,2]}, NULL, x}]`, `[{NULL, NULL, NULL, NULL}]`, `[{NULL, NULL, NULL, NULL}]`, `[{NULL, NULL, NULL, NULL}]`)
}

// The columnNameOfCorruptRecord field holds the text of bad records (FailureSafeParser).
func TestCorruptRecordColumn(t *testing.T) {
	runFnCases(t, []fnCase{
		{fn: "from_json", result: mustDDL(t, "a INT, _corrupt_record STRING"), args: []lv{s(`{"a":"x"}`)}, want: `{NULL, {"a":"x"}}`},
		{fn: "from_json", result: mustDDL(t, "a INT, _corrupt_record STRING"), args: []lv{s(`{"a":1}`)}, want: `{1, NULL}`},
		{fn: "from_json", result: mustDDL(t, "a INT, bad STRING"), args: []lv{s(`[1]`), s("columnNameOfCorruptRecord"), s("bad")}, want: `{NULL, [1]}`},
		{fn: "from_json", result: mustDDL(t, "a INT, _corrupt_record INT"), args: []lv{s(`{}`)}, err: "INVALID_CORRUPT_RECORD_TYPE"},
		{fn: "from_csv", result: mustDDL(t, "a INT, _corrupt_record STRING, b INT"), args: []lv{s(`1,x`)}, want: `{1, 1,x, NULL}`},
		{fn: "from_csv", result: mustDDL(t, "a INT, _corrupt_record STRING, b INT"), args: []lv{s(`1,2`)}, want: `{1, NULL, 2}`},
		{fn: "from_csv", result: mustDDL(t, "a INT"), args: []lv{s(`x`), s("mode"), s("FAILFAST")}, err: "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION"},
		{fn: "from_csv", result: mustDDL(t, "a INT"), args: []lv{s(`1`), s("mode"), s("DROPMALFORMED")}, err: "PARSE_MODE_UNSUPPORTED"},
	})
}

// UnivocityGenerator's nested values.
func TestToCSVNested(t *testing.T) {
	st := mustDDL(t, "a ARRAY<INT>, m MAP<STRING, INT>").(*types.StructType)
	lt := st.Fields[0].DataType.(types.ArrayType)
	mt := st.Fields[1].DataType.(types.MapType)
	la := listArr(t, lt, [][]any{{nil, int32(2), nil}})
	defer la.Release()
	ma := mapArr(t, mt, [][][2]any{{{"k", int32(1)}, {"n", nil}}})
	defer ma.Release()
	at, _ := types.ToArrow(st)
	sa, err := array.NewStructArrayWithFields([]arrow.Array{la, ma}, at.(*arrow.StructType).Fields())
	if err != nil {
		t.Fatal(err)
	}
	defer sa.Release()
	b := batchOf(sa)
	defer b.Release()
	toCSV, _ := Lookup("to_csv")
	wantStrs(t, must(toCSV([]Expr{col(0, st)}, []types.DataType{st}, types.String, FuncOptions{})), b, `"[, 2,]","{k -> 1, n ->}"`)
	wantStrs(t, must(toCSV([]Expr{col(0, st), litOf(t, types.String, "nullValue"), litOf(t, types.String, "-")},
		[]types.DataType{st, types.String, types.String}, types.String, FuncOptions{})), b, `"[ -, 2, -]","{k -> 1, n -> -}"`)
}

// Jackson's number accessors: getByteValue takes -128..255, getIntValue fails out of
// range, floats are not integers; CSV's Integer.parseInt does not trim.
func TestJSONNumberRanges(t *testing.T) {
	runFnCases(t, []fnCase{
		{fn: "from_json", result: mustDDL(t, "a TINYINT, b TINYINT, c INT, d INT, e BIGINT"), args: []lv{s(`{"a":200,"b":256,"c":2147483648,"d":1.0,"e":-9223372036854775808}`)},
			want: `{-56, NULL, NULL, NULL, -9223372036854775808}`},
		{fn: "from_json", result: mustDDL(t, "a DOUBLE, b FLOAT, c DOUBLE, d DECIMAL(3,1)"), args: []lv{s(`{"a":"NaN","b":1e2,"c":"x","d":12.345}`)},
			want: `{NaN, 100.0, NULL, 12.3}`},
		{fn: "from_json", result: mustDDL(t, "a DOUBLE"), args: []lv{s(`{"a":"NaN"}`), s("allowNonNumericNumbers"), s("false")}, want: `{NULL}`},
		{fn: "from_json", result: mustDDL(t, "t TIMESTAMP, d DATE"), args: []lv{s(`{"t":1, "d":"2020-1-5"}`)}, want: `{1970-01-01 00:00:01, 2020-01-05}`},
		{fn: "from_json", result: mustDDL(t, "a BINARY, b BOOLEAN"), args: []lv{s(`{"a":"AQI=","b":"true"}`)}, want: `{[01 02], NULL}`},
		{fn: "from_csv", result: mustDDL(t, "a INT, b BIGINT, c BOOLEAN, d DECIMAL(5,2)"), args: []lv{s(`+1, 2,TRUE,"1,234.5"`)}, want: `{1, NULL, true, NULL}`},
	})
}

// get_json_object on the document of Spark's JsonExpressionsSuite, with its answers.
func TestGetJSONObjectPaths(t *testing.T) {
	doc := `{"store":{"fruit":[{"weight":8,"type":"apple"},{"weight":9,"type":"pear"}],` +
		`"basket":[[1,2,{"b":"y","a":"x"}],[3,4],[5,6]],"book":[{"author":"Nigel Rees",` +
		`"title":"Sayings of the Century","category":"reference","price":8.95},` +
		`{"author":"Herman Melville","title":"Moby Dick","category":"fiction","price":8.99,` +
		`"isbn":"0-553-21311-3"},{"author":"J. R. R. Tolkien","title":"The Lord of the Rings",` +
		`"category":"fiction","reader":[{"age":25,"name":"bob"},{"age":26,"name":"jack"}],` +
		`"price":22.99,"isbn":"0-395-19395-8"}],"bicycle":{"price":19.95,"color":"red"}},` +
		`"email":"amy@only_for_json_udf_test.net","owner":"amy","zip code":"94025",` +
		`"fb:testid":"1234"}`
	str := types.String
	var cases []fnCase
	for _, c := range [][2]string{
		{"$.store.bicycle", `{"price":19.95,"color":"red"}`},
		{"$['store'].bicycle", `{"price":19.95,"color":"red"}`},
		{"$.store['bicycle']", `{"price":19.95,"color":"red"}`},
		{"$", doc},
		{"$.store.book[0]", `{"author":"Nigel Rees","title":"Sayings of the Century","category":"reference","price":8.95}`},
		{"$.store.book[0].category", "reference"},
		{"$.store.book[*].category", `["reference","fiction","fiction"]`},
		{"$.store.book[*].isbn", `["0-553-21311-3","0-395-19395-8"]`},
		{"$.store.book[*].reader", `[{"age":25,"name":"bob"},{"age":26,"name":"jack"}]`},
		{"$.store.basket[0][1]", "2"},
		{"$.store.basket[*]", `[[1,2,{"b":"y","a":"x"}],[3,4],[5,6]]`},
		{"$.store.basket[*][0]", "[1,3,5]"},
		{"$.store.basket[0][*]", `[1,2,{"b":"y","a":"x"}]`},
		{"$.store.basket[*][*]", `[1,2,{"b":"y","a":"x"},3,4,5,6]`},
		{"$.store.basket[0][2].b", "y"},
		{"$.store.basket[0][*].b", `["y"]`},
		{"$.zip code", "94025"},
		{"$.fb:testid", "1234"},
		{"$.non_exist_key", "NULL"},
		{"$..no_recursive", "NULL"},
		{"$.store.book[10]", "NULL"},
		{"$.store.book[0].non_exist_key", "NULL"},
		{"$.store.basket[*].non_exist_key", "NULL"},
	} {
		cases = append(cases, fnCase{fn: "get_json_object", result: str, args: []lv{s(doc), s(c[0])}, want: c[1]})
	}
	cases = append(cases,
		fnCase{fn: "get_json_object", result: str, args: []lv{s("{\"a\":\"b\\nc\"}"), s("$.a")}, want: "b\nc"},
		fnCase{fn: "get_json_object", result: str, args: []lv{s(`{"a":"b\"c"}`), s("$.a")}, want: `b"c`},
		fnCase{fn: "get_json_object", result: str, args: []lv{s("\x00\x00\x00A\x01AAA"), s("$.a")}, want: "NULL"},
		fnCase{fn: "get_json_object", result: str, args: []lv{s(`{"big": "` + strings.Repeat("x", 3000) + `"}`), s("$.big")}, want: strings.Repeat("x", 3000)},
	)
	runFnCases(t, cases)
}
