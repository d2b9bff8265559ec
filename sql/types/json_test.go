package types

import (
	"strings"
	"testing"
)

func TestJSONRoundTrip(t *testing.T) {
	types := []DataType{
		Null, Boolean, Byte, Short, Integer, Long, Float, Double, DecimalType{10, 5}, SystemDefaultDecimal, Date,
		Timestamp, TimestampNTZ, String, Binary, CalendarInterval, Variant, CharType{1}, VarcharType{10},
		NewArray(Double, true), NewArray(String, false), NewMap(Integer, String, true),
		NewMap(Integer, NewArray(Double, true), false),
		NewStruct(
			NewField("a", Integer, true),
			NewField("b", NewArray(Double, true), false).WithComment("c"),
			NewField("c", NewMap(StringType{Collation: "UTF8_LCASE"}, NewArray(StringType{Collation: "UNICODE_CI"}, true), true), true),
			NewField("d", NewStruct(NewField("e", StringType{Collation: "sr_Cyrl_SRB_AI"}, true)), true),
			NewField("f\"g\\h\n", StringType{Collation: "UTF8_BINARY_RTRIM"}, false),
		),
		NewStruct(),
		UserDefinedType{Class: "org.apache.spark.ml.linalg.VectorUDT", PyClass: "pyspark.ml.linalg.VectorUDT",
			SQLType: NewStruct(NewField("type", Byte, false), NewField("values", NewArray(Double, false), true))},
		UserDefinedType{Class: "com.example.PointUDT", SQLType: NewArray(Double, false)},
		UserDefinedType{PyClass: "mod.PointUDT", SerializedClass: "gASV", SQLType: NewArray(Double, false)},
	}
	for s := Day; s <= Second; s++ {
		for e := s; e <= Second; e++ {
			types = append(types, DayTimeIntervalType{s, e})
		}
	}
	for s := Year; s <= Month; s++ {
		for e := s; e <= Month; e++ {
			types = append(types, YearMonthIntervalType{s, e})
		}
	}
	for _, dt := range types {
		js := ToJSON(dt)
		back, err := ParseJSON(js)
		if err != nil {
			t.Errorf("ParseJSON(%s): %v", js, err)
			continue
		}
		if !Equal(back, dt) {
			t.Errorf("ParseJSON(%s) = %v, want %v", js, back, dt)
		}
		if again := ToJSON(back); again != js {
			t.Errorf("ToJSON not stable:\n%s\n%s", js, again)
		}
		if u, ok := dt.(UserDefinedType); ok && !Equal(back.(UserDefinedType).SQLType, u.SQLType) {
			t.Errorf("UDT sqlType lost: %v", back)
		}
	}
}

func TestJSONCollationsMetadata(t *testing.T) {
	st := NewStruct(
		NewField("a", NewArray(StringType{Collation: "UNICODE_CI"}, true), true).WithComment("x"),
		NewField("b", StringType{Collation: "UTF8_LCASE"}, true),
	)
	want := `{"type":"struct","fields":[` +
		`{"name":"a","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,` +
		`"metadata":{"comment":"x","__COLLATIONS":{"a.element":"icu.UNICODE_CI"}}},` +
		`{"name":"b","type":"string","nullable":true,"metadata":{"__COLLATIONS":{"b":"spark.UTF8_LCASE"}}}]}`
	if got := st.JSON(); got != want {
		t.Errorf("JSON =\n%s\nwant\n%s", got, want)
	}
	back, err := ParseJSON(want)
	if err != nil || !Equal(back, st) {
		t.Fatalf("ParseJSON = %v, %v", back, err)
	}
	if md := back.(*StructType).Fields[0].Metadata; md.Len() != 1 {
		t.Errorf("__COLLATIONS kept in metadata: %s", md.JSON())
	}
	// Collation names and providers are case-insensitive on input.
	dt, err := ParseJSON(`{"type":"struct","fields":[{"name":"s","type":"string","nullable":true,` +
		`"metadata":{"__COLLATIONS":{"s":"ICU.unicode_ai"}}}]}`)
	if err != nil || !Equal(dt, NewStruct(NewField("s", StringType{Collation: "UNICODE_AI"}, true))) {
		t.Errorf("ParseJSON = %v, %v", dt, err)
	}
}

// PySpark writes its JSON with sorted keys (json.dumps(sort_keys=True)); field order in
// objects does not matter.
func TestJSONFromPySpark(t *testing.T) {
	js := `{"fields":[{"metadata":{},"name":"id","nullable":true,"type":"long"},` +
		`{"metadata":{"comment":"x"},"name":"tags","nullable":false,"type":{"containsNull":true,"elementType":"string","type":"array"}},` +
		`{"metadata":{},"name":"m","nullable":true,"type":{"keyType":"string","type":"map","valueContainsNull":false,"valueType":"decimal(10,2)"}},` +
		`{"metadata":{},"name":"ts","nullable":true,"type":"timestamp_ntz"},` +
		`{"metadata":{},"name":"i","nullable":true,"type":"interval day to second"},` +
		`{"metadata":{},"name":"c","nullable":true,"type":"char(3)"}],"type":"struct"}`
	dt, err := ParseJSON(js)
	if err != nil {
		t.Fatal(err)
	}
	want := "STRUCT<id: BIGINT, tags: ARRAY<STRING> NOT NULL COMMENT 'x', m: MAP<STRING, DECIMAL(10,2)>, " +
		"ts: TIMESTAMP_NTZ, i: INTERVAL DAY TO SECOND, c: CHAR(3)>"
	if dt.SQL() != want {
		t.Errorf("SQL = %s\nwant  %s", dt.SQL(), want)
	}
	if m := dt.(*StructType).Fields[2].DataType.(MapType); m.ValueContainsNull {
		t.Error("valueContainsNull lost")
	}
}

func TestJSONNameForms(t *testing.T) {
	cases := map[string]DataType{
		`"null"`:                Null,
		`"void"`:                Null,
		`"timestamp_ltz"`:       Timestamp,
		`"decimal"`:             DefaultDecimal,
		`"decimal( 12 ,\t3 )"`:  DecimalType{12, 3},
		`"char( 4 )"`:           CharType{4},
		`"varchar(4)"`:          VarcharType{4},
		`"interval"`:            CalendarInterval,
		`"interval hour"`:       DayTimeIntervalType{Hour, Hour},
		`"interval year"`:       YearMonthIntervalType{Year, Year},
		`  "integer"  trailing`: Integer,
		`{"type":"struct","fields":[{"name":"c1","type":"string"}]}`:                  NewStruct(NewField("c1", String, true)),
		`{"type":"struct","fields":[{"name":"c1","type":"string","nullable":false}]}`: NewStruct(NewField("c1", String, false)),
	}
	for in, want := range cases {
		got, err := ParseJSON(in)
		if err != nil || !Equal(got, want) {
			t.Errorf("ParseJSON(%s) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestJSONErrors(t *testing.T) {
	invalid := func(s string) wantErr {
		return wantErr{class: "INVALID_JSON_DATA_TYPE", params: map[string]string{"invalidType": s}, exception: ExceptionIllegalArgument}
	}
	cases := []struct {
		in   string
		want wantErr
	}{
		{`"abcd"`, invalid("abcd")},
		{`"Integer"`, invalid("Integer")},
		{`"interval second to day"`, invalid("interval second to day")},
		{`"string collate UTF8_LCASE"`, invalid("string collate UTF8_LCASE")},
		{`{"abcd":"a"}`, invalid(`{"abcd":"a"}`)},
		{`{"fields": [{"a":123}], "type": "struct"}`, invalid(`{"a":123}`)},
		{`{"type":"array","elementType":"integer"}`, invalid(`{"type":"array","elementType":"integer"}`)},
		{`{"type":"array","elementType":"integer","containsNull":1}`, invalid(`{"type":"array","elementType":"integer","containsNull":1}`)},
		{`{"type":"array","elementType":"integer","containsNull":true,"extra":null}`,
			invalid(`{"type":"array","elementType":"integer","containsNull":true,"extra":null}`)},
		{`{"type":"struct","fields":[],"type":"struct"}`, invalid(`{"type":"struct","fields":[],"type":"struct"}`)},
		{`{"type":"struct","fields":[{"name":"a","type":"integer","metadata":{}}]}`,
			invalid(`{"name":"a","type":"integer","metadata":{}}`)},
		{`{"type":"struct","fields":[{"name":"a","type":"int","nullable":true}]}`, invalid("int")},
		{`[1.50,2e3,-0,"x\u0001"]`, invalid(`[1.5,2000.0,0,"x\u0001"]`)},
		{`12`, invalid(`12`)},
		{`"decimal(40,2)"`, wantErr{class: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", exception: ExceptionArithmetic,
			params: map[string]string{"precision": "40", "maxPrecision": "38"}}},
		{`"decimal(2,5)"`, wantErr{class: "_LEGACY_ERROR_TEMP_1228", exception: ExceptionAnalysis,
			params: map[string]string{"scale": "5", "precision": "2"}}},
		{`"decimal(10,-1)"`, wantErr{class: "INTERNAL_ERROR", exception: ExceptionSpark}},
		{`{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{"__COLLATIONS":{"a":"spark.UTF8_LCASE"}}}]}`,
			wantErr{class: "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS", params: map[string]string{"jsonType": "integer"}, exception: ExceptionIllegalArgument}},
		{`{"type":"struct","fields":[{"name":"a","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{"__COLLATIONS":{"a":"spark.UTF8_LCASE"}}}]}`,
			wantErr{class: "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS", params: map[string]string{"jsonType": "array"}, exception: ExceptionIllegalArgument}},
		{`{"type":"struct","fields":[{"name":"a","type":"string","nullable":true,"metadata":{"__COLLATIONS":{"a":"java.UTF8_LCASE"}}}]}`,
			wantErr{class: "COLLATION_INVALID_PROVIDER", params: map[string]string{"provider": "java", "supportedProviders": "spark, icu"},
				exception: ExceptionSpark}},
		{`{"type":"struct","fields":[{"name":"a","type":"string","nullable":true,"metadata":{"__COLLATIONS":{"a":"icu.klingon"}}}]}`,
			wantErr{class: "COLLATION_INVALID_NAME", exception: ExceptionSpark}},
		{`{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{"x":[null]}}]}`,
			wantErr{class: "_LEGACY_ERROR_TEMP_2120", params: map[string]string{"clazz": "class org.json4s.JsonAST$JNull$"},
				exception: ExceptionRuntime}},
		{`{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{"x":[1,"a"]}}]}`,
			wantErr{exception: ExceptionClassCast}},
		{`abcd`, wantErr{exception: ExceptionJSONParse}},
		{`{"type":`, wantErr{exception: ExceptionJSONParse}},
		{``, wantErr{exception: ExceptionJSONMismatchedInput}},
		{strings.Repeat("[", 1001) + strings.Repeat("]", 1001), wantErr{exception: ExceptionJSONStreamConstraints}},
	}
	for _, c := range cases {
		_, err := ParseJSON(c.in)
		c.want.line, c.want.col = 0, 0
		checkErr(t, "ParseJSON("+c.in+")", err, c.want)
	}
	_, err := ParseJSON("abcd")
	if !strings.Contains(err.Error(), "Unrecognized token 'abcd'") {
		t.Errorf("ParseJSON(abcd) = %v", err)
	}
	// 1000 levels are fine for the JSON reader (the type itself is then invalid).
	_, err = ParseJSON(strings.Repeat("[", 1000) + strings.Repeat("]", 1000))
	checkErr(t, "depth 1000", err, wantErr{class: "INVALID_JSON_DATA_TYPE", exception: ExceptionIllegalArgument})
}
