package types

import (
	"errors"
	"maps"
	"strings"
	"testing"
)

func TestParseDataType(t *testing.T) {
	cases := []struct {
		in   string
		want DataType
	}{
		{"int", Integer},
		{"integer", Integer},
		{"BooLean", Boolean},
		{"tinYint", Byte},
		{"byte", Byte},
		{"smallINT", Short},
		{"short", Short},
		{"INT", Integer},
		{"INTEGER", Integer},
		{"bigint", Long},
		{"long", Long},
		{"float", Float},
		{"real", Float},
		{"dOUBle", Double},
		{"decimal(10, 5)", DecimalType{10, 5}},
		{"decimal", DefaultDecimal},
		{"Dec(10, 5)", DecimalType{10, 5}},
		{"deC", DefaultDecimal},
		{"numeric(7)", DecimalType{7, 0}},
		{"decimal(  16 , 8   )", DecimalType{16, 8}},
		{"decimal(38,38)", DecimalType{38, 38}},
		{"DATE", Date},
		{"timestamp", Timestamp},
		{"timestamp_ntz", TimestampNTZ},
		{"timestamp_ltz", Timestamp},
		{"string", String},
		{"ChaR(5)", CharType{5}},
		{"ChaRacter(5)", CharType{5}},
		{"varchAr(20)", VarcharType{20}},
		{"cHaR(27)", CharType{27}},
		{"BINARY", Binary},
		{"void", Null},
		{"interval", CalendarInterval},
		{"variant", Variant},
		{"INTERVAL YEAR TO MONTH", DefaultYearMonthInterval},
		{"interval year", YearMonthIntervalType{Year, Year}},
		{"interval month", YearMonthIntervalType{Month, Month}},
		{"interval day to second", DefaultDayTimeInterval},
		{"interval day", DayTimeIntervalType{Day, Day}},
		{"interval day to hour", DayTimeIntervalType{Day, Hour}},
		{"interval hour to second", DayTimeIntervalType{Hour, Second}},
		{"interval minute to second", DayTimeIntervalType{Minute, Second}},
		{"interval second", DayTimeIntervalType{Second, Second}},
		{" int ", Integer},
		{"int -- a comment", Integer},
		{"/* a /* nested */ comment */ int", Integer},
		{"array<doublE>", NewArray(Double, true)},
		{"Array<map<int, tinYint>>", NewArray(NewMap(Integer, Byte, true), true)},
		{"array<struct<tinYint:tinyint>>", NewArray(NewStruct(NewField("tinYint", Byte, true)), true)},
		{"array<array<int>>", NewArray(NewArray(Integer, true), true)},
		{"MAP<int, STRING>", NewMap(Integer, String, true)},
		{"MAp<int, ARRAY<double>>", NewMap(Integer, NewArray(Double, true), true)},
		{"map<string, array<int>>", NewMap(String, NewArray(Integer, true), true)},
		{"map<string,map<string,array<int>>>", NewMap(String, NewMap(String, NewArray(Integer, true), true), true)},
		{"MAP<int, struct<varchar:string>>", NewMap(Integer, NewStruct(NewField("varchar", String, true)), true)},
		{"struct<intType: int, ts:timestamp>", NewStruct(NewField("intType", Integer, true), NewField("ts", Timestamp, true))},
		{"Struct<int: int, timestamp:timestamp>", NewStruct(NewField("int", Integer, true), NewField("timestamp", Timestamp, true))},
		{"\nstruct<\n  struct:struct<deciMal:DECimal, anotherDecimal:decimAL(5,2)>,\n  MAP:Map<timestamp, varchar(10)>,\n" +
			"  arrAy:Array<double>,\n  anotherArray:Array<char(9)>>\n",
			NewStruct(
				NewField("struct", NewStruct(NewField("deciMal", DefaultDecimal, true), NewField("anotherDecimal", DecimalType{5, 2}, true)), true),
				NewField("MAP", NewMap(Timestamp, VarcharType{10}, true), true),
				NewField("arrAy", NewArray(Double, true), true),
				NewField("anotherArray", NewArray(CharType{9}, true), true))},
		{"struct<`x+y`:int, `!@#$%^&*()`:string, `1_2.345<>:\"`:varchar(20)>",
			NewStruct(NewField("x+y", Integer, true), NewField("!@#$%^&*()", String, true), NewField("1_2.345<>:\"", VarcharType{20}, true))},
		{"struct<`a``b`: int>", NewStruct(NewField("a`b", Integer, true))},
		{"strUCt<>", NewStruct()},
		{"struct< >", NewStruct()},
		{"struct<x int, y string>", NewStruct(NewField("x", Integer, true), NewField("y", String, true))},
		{"Struct<TABLE: string, DATE:boolean>", NewStruct(NewField("TABLE", String, true), NewField("DATE", Boolean, true))},
		{"struct<end: long, select: int, from: string>",
			NewStruct(NewField("end", Long, true), NewField("select", Integer, true), NewField("from", String, true))},
		{"Struct<x: INT, y: STRING COMMENT 'test'>", NewStruct(NewField("x", Integer, true), NewField("y", String, true).WithComment("test"))},
		{"struct<a: int not null, b: string ! null comment \"dq\">",
			NewStruct(NewField("a", Integer, false), NewField("b", String, false).WithComment("dq"))},
		{"struct<1a: int>", NewStruct(NewField("1a", Integer, true))},
		{"string collate utf8_lcase", StringType{Collation: "UTF8_LCASE"}},
		{"STRING COLLATE Unicode_AI_ci", StringType{Collation: "UNICODE_CI_AI"}},
		{"string collate system.builtin.sr_cyrl_srb_rtrim", StringType{Collation: "sr_Cyrl_SRB_RTRIM"}},
		{"string collate UTF8_BINARY", String},
		{"string collate `en_USA`", StringType{Collation: "en_USA"}},
	}
	for _, c := range cases {
		got, err := ParseDataType(c.in)
		if err != nil {
			t.Errorf("ParseDataType(%q): %v", c.in, err)
			continue
		}
		if !Equal(got, c.want) {
			t.Errorf("ParseDataType(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestTimestampOption(t *testing.T) {
	got, err := ParseOptions{TimestampNTZ: true}.ParseDataType("timestamp")
	if err != nil || got != TimestampNTZ {
		t.Errorf("timestamp with TimestampNTZ = %v, %v", got, err)
	}
	got, err = ParseOptions{TimestampNTZ: true}.ParseDataType("timestamp_ltz")
	if err != nil || got != Timestamp {
		t.Errorf("timestamp_ltz with TimestampNTZ = %v, %v", got, err)
	}
}

func TestParseTableSchema(t *testing.T) {
	cases := []struct {
		in   string
		want *StructType
	}{
		{"a int", NewStruct(NewField("a", Integer, true))},
		{"A int", NewStruct(NewField("A", Integer, true))},
		{"a INT", NewStruct(NewField("a", Integer, true))},
		{"`!@#$%.^&*()` string", NewStruct(NewField("!@#$%.^&*()", String, true))},
		{"a int, b long", NewStruct(NewField("a", Integer, true), NewField("b", Long, true))},
		{"a STRUCT<intType: int, ts:timestamp>", NewStruct(NewField("a",
			NewStruct(NewField("intType", Integer, true), NewField("ts", Timestamp, true)), true))},
		{"a int comment 'test'", NewStruct(NewField("a", Integer, true).WithComment("test"))},
		{"a int, b string not null comment 'c'", NewStruct(NewField("a", Integer, true), NewField("b", String, false).WithComment("c"))},
		{"ts timestamp_ltz", NewStruct(NewField("ts", Timestamp, true))},
		{"a INTERVAL", NewStruct(NewField("a", CalendarInterval, true))},
		{"interval interval day", NewStruct(NewField("interval", DayTimeIntervalType{Day, Day}, true))},
		{"a DOUBLE, b CHAR( 50 )", NewStruct(NewField("a", Double, true), NewField("b", CharType{50}, true))},
		{"`a` STRUCT<`b`: STRUCT<`c`: STRING COMMENT 'Deep Nested comment'> COMMENT 'Nested comment'> COMMENT 'comment'",
			NewStruct(NewField("a", NewStruct(NewField("b", NewStruct(NewField("c", String, true).WithComment("Deep Nested comment")), true).
				WithComment("Nested comment")), true).WithComment("comment"))},
		{"`a` STRUCT<`b` STRUCT<`c` STRING COMMENT 'Deep Nested comment'> COMMENT 'Nested comment'> COMMENT 'comment'",
			NewStruct(NewField("a", NewStruct(NewField("b", NewStruct(NewField("c", String, true).WithComment("Deep Nested comment")), true).
				WithComment("Nested comment")), true).WithComment("comment"))},
		{"c string comment 'a\\tb\\'c\\u0041\\101\\%'", NewStruct(NewField("c", String, true).WithComment("a\tb'cAA\\%"))},
		{"c string comment r'raw\\n'", NewStruct(NewField("c", String, true).WithComment(`raw\n`))},
		{"c string comment '\\uD83D\\uDE00'", NewStruct(NewField("c", String, true).WithComment("\U0001F600"))},
	}
	for _, c := range cases {
		got, err := ParseTableSchema(c.in)
		if err != nil {
			t.Errorf("ParseTableSchema(%q): %v", c.in, err)
			continue
		}
		if !Equal(got, c.want) {
			t.Errorf("ParseTableSchema(%q) = %v (%s), want %v (%s)", c.in, got, ToJSON(got), c.want, ToJSON(c.want))
		}
	}
}

type wantErr struct {
	class     string
	params    map[string]string
	line, col int
	exception string
}

func checkErr(t *testing.T, what string, err error, w wantErr) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: error %v, want class %s", what, err, w.class)
		return
	}
	if e.Class != w.class {
		t.Errorf("%s: class %q (%v), want %q", what, e.Class, e, w.class)
		return
	}
	if w.params != nil && !maps.Equal(e.Params, w.params) {
		t.Errorf("%s: params %v, want %v", what, e.Params, w.params)
	}
	if e.Line != w.line || e.Column != w.col {
		t.Errorf("%s: position (%d, %d), want (%d, %d)", what, e.Line, e.Column, w.line, w.col)
	}
	exc := w.exception
	if exc == "" {
		exc = ExceptionParse
	}
	if e.Exception != exc {
		t.Errorf("%s: exception %s, want %s", what, e.Exception, exc)
	}
	if t, ok := errorTemplates[e.Class]; ok && e.SQLState != t.sqlState {
		panic("unreachable: SQLSTATE comes from the table")
	}
}

func syntax(errTok, hint string, line, col int) wantErr {
	return wantErr{class: "PARSE_SYNTAX_ERROR", params: map[string]string{"error": errTok, "hint": hint}, line: line, col: col}
}

func TestParseDataTypeErrors(t *testing.T) {
	cases := []struct {
		in   string
		want wantErr
	}{
		{"", wantErr{class: "PARSE_EMPTY_STATEMENT", params: map[string]string{}, line: 1, col: 0}},
		{"   ", wantErr{class: "PARSE_EMPTY_STATEMENT", params: map[string]string{}, line: 1, col: 3}},
		{"-- only a comment", syntax("end of input", "", 1, 17)},
		{"it is not a data type", syntax("'is'", "", 1, 3)},
		{"int x", syntax("'x'", ": extra input 'x'", 1, 4)},
		{"a int", syntax("'int'", ": extra input 'int'", 1, 2)},
		{"array<int", syntax("end of input", ": missing '>'", 1, 9)},
		{"array<int, string>", syntax("','", "", 1, 9)},
		{"array<int x>", syntax("'x'", ": extra input 'x'", 1, 10)},
		{"array<>", syntax("'<>'", ": extra input '<>'", 1, 5)},
		{"array<,int>", syntax("','", "", 1, 6)},
		{"map<int string>", syntax("'string'", ": missing ','", 1, 8)},
		{"map<int>", syntax("'>'", "", 1, 7)},
		{"map<string, array<int>", syntax("end of input", ": missing '>'", 1, 22)},
		{"map<int, boolean>>", syntax("'>'", ": extra input '>'", 1, 17)},
		{"struct<x: int", syntax("end of input", ": missing '>'", 1, 13)},
		{"struct<", syntax("end of input", "", 1, 7)},
		{"struct<a int, b>", syntax("'>'", "", 1, 15)},
		{"struct<a int,>", syntax("'>'", "", 1, 13)},
		{"struct<x+y: int, 1.1:timestamp>", syntax("'+'", "", 1, 8)},
		{"struct<a int not>", syntax("'>'", ": missing 'NULL'", 1, 16)},
		{"struct<a int comment 5>", syntax("'5'", "", 1, 21)},
		{"struct<a int comment 'x' not null>", syntax("'not'", "", 1, 25)},
		{"struct<a::int>", syntax("'::'", "", 1, 8)},
		{"decimal(10", syntax("end of input", "", 1, 10)},
		{"decimal(10,2", syntax("end of input", ": extra input end of input", 1, 12)},
		{"decimal(10 2)", syntax("'2'", ": extra input '2'", 1, 11)},
		{"decimal()", syntax("')'", ": missing INTEGER_VALUE", 1, 8)},
		{"decimal(,2)", syntax("','", ": extra input ','", 1, 8)},
		{"decimal(a)", syntax("'a'", "", 1, 8)},
		{"decimal(10,-2)", syntax("'-'", ": extra input '-'", 1, 11)},
		{"decimal(1.5)", syntax("'1.5'", "", 1, 8)},
		{"interval day to", syntax("end of input", ": missing {'HOUR', 'MINUTE', 'SECOND'}", 1, 15)},
		{"interval day to day", syntax("'day'", "", 1, 16)},
		{"interval year to", syntax("end of input", ": missing 'MONTH'", 1, 16)},
		{"interval year to year", syntax("'year'", "", 1, 17)},
		{"interval to", syntax("'to'", ": extra input 'to'", 1, 9)},
		{"int\n  x y", syntax("'x'", "", 2, 2)},
		{"\"int\"", syntax("'\"int\"'", "", 1, 0)},
		{"'a\tb' x", syntax(`''a\tb''`, "", 1, 0)},
		{"unknown", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"UNKNOWN"`}, line: 1, col: 0}},
		{"unknown(1,2,3)", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"UNKNOWN(1,2,3)"`}, line: 1, col: 0}},
		{"array<`my type`>", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"MY TYPE"`}, line: 1, col: 6}},
		{"int(5)", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"INT(5)"`}, line: 1, col: 0}},
		{"decimal(1,2,3)", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"DECIMAL(1,2,3)"`}, line: 1, col: 0}},
		{"char(1, 2)", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"CHAR(1,2)"`}, line: 1, col: 0}},
		{"Char", wantErr{class: "DATATYPE_MISSING_SIZE", params: map[string]string{"type": `"CHAR"`}, line: 1, col: 0}},
		{"map<int, varchar>", wantErr{class: "DATATYPE_MISSING_SIZE", params: map[string]string{"type": `"VARCHAR"`}, line: 1, col: 9}},
		{"array", wantErr{class: "INCOMPLETE_TYPE_DEFINITION.ARRAY", params: map[string]string{"elementType": "<INT>"}, line: 1, col: 0}},
		{"struct", wantErr{class: "INCOMPLETE_TYPE_DEFINITION.STRUCT", params: map[string]string{}, line: 1, col: 0}},
		{"array<map>", wantErr{class: "INCOMPLETE_TYPE_DEFINITION.MAP", params: map[string]string{}, line: 1, col: 6}},
		{"interval hour to hour", wantErr{class: "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION",
			params: map[string]string{"input": "", "from": "hour", "to": "hour"}, line: 1, col: 0}},
		{"array<interval second TO MINUTE>", wantErr{class: "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION",
			params: map[string]string{"input": "", "from": "second", "to": "minute"}, line: 1, col: 6}},
		{"interval month to month", wantErr{class: "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION",
			params: map[string]string{"input": "", "from": "month", "to": "month"}, line: 1, col: 0}},
		{"struct<a-b: int>", wantErr{class: "INVALID_IDENTIFIER", params: map[string]string{"ident": "a-b"}, line: 1, col: 8}},
		{"struct<café: int>", wantErr{class: "INVALID_IDENTIFIER", params: map[string]string{"ident": "café"}, line: 1, col: 7}},
		{"struct<a: hdfs://bucket/x>", wantErr{class: "INVALID_IDENTIFIER", params: map[string]string{"ident": "hdfs://bucket/x"}, line: 1, col: 10}},
		{"struct<a: s3://bucket/x>", syntax("':'", "", 1, 12)},
		{"int /* unclosed", wantErr{class: "UNCLOSED_BRACKETED_COMMENT", params: map[string]string{}}},
		{"decimal(40)", wantErr{class: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
			params: map[string]string{"precision": "40", "maxPrecision": "38"}, exception: ExceptionArithmetic}},
		{"decimal(2, 5)", wantErr{class: "_LEGACY_ERROR_TEMP_1228", params: map[string]string{"scale": "5", "precision": "2"}}},
		{"string collate foo", wantErr{class: "COLLATION_INVALID_NAME", exception: ExceptionSpark}},
		{"string collate unicode_ci_cs", wantErr{class: "COLLATION_INVALID_NAME", exception: ExceptionSpark}},
		{"string collate a.b.unicode", wantErr{class: "COLLATION_INVALID_NAME", exception: ExceptionSpark}},
		{"string collate utf8_lcase(3)", wantErr{class: "UNSUPPORTED_DATATYPE",
			params: map[string]string{"typeName": `"STRINGCOLLATEUTF8_LCASE(3)"`}, line: 1, col: 0}},
		// A syntax error anywhere wins over a builder error earlier in the text.
		{"map<unknown, int x>", syntax("'x'", ": extra input 'x'", 1, 17)},
		// The first builder error in visit order wins.
		{"map<unknown, char>", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"UNKNOWN"`}, line: 1, col: 4}},
	}
	for _, c := range cases {
		_, err := ParseDataType(c.in)
		checkErr(t, "ParseDataType("+c.in+")", err, c.want)
	}
}

func TestParseTableSchemaErrors(t *testing.T) {
	cases := []struct {
		in   string
		want wantErr
	}{
		{"", wantErr{class: "PARSE_EMPTY_STATEMENT", params: map[string]string{}, line: 1, col: 0}},
		{"a", syntax("end of input", "", 1, 1)},
		{"a INT b long", syntax("'b'", "", 1, 6)},
		{"a INT,, b long", syntax("','", "", 1, 6)},
		{"a INT, b long,,", syntax("','", "", 1, 14)},
		{"a INT, b long, c int,", syntax("end of input", "", 1, 21)},
		{"a int not", syntax("end of input", ": missing 'NULL'", 1, 9)},
		{"a int comment 'x' not null", syntax("'not'", "", 1, 18)},
		{"a int default 1", syntax("'default'", "", 1, 6)},
		{"a: int", syntax("':'", "", 1, 1)},
		{"a-b int", wantErr{class: "INVALID_IDENTIFIER", params: map[string]string{"ident": "a-b"}, line: 1, col: 1}},
		{"a-`b c` int", wantErr{class: "INVALID_IDENTIFIER", params: map[string]string{"ident": "a-b c"}, line: 1, col: 1}},
		{"x int, y x", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"X"`}, line: 1, col: 9}},
	}
	for _, c := range cases {
		_, err := ParseTableSchema(c.in)
		checkErr(t, "ParseTableSchema("+c.in+")", err, c.want)
	}
}

func TestNumberFormat(t *testing.T) {
	_, err := ParseDataType("char(99999999999)")
	var e *Error
	if !errors.As(err, &e) || e.Class != "" || e.Exception != ExceptionNumberFormat ||
		e.Message != `For input string: "99999999999"` {
		t.Errorf("char(99999999999): %#v", err)
	}
}

func TestErrorMessages(t *testing.T) {
	_, err := ParseDataType("int x")
	want := "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, pos 4)\n\n" +
		"== SQL ==\nint x\n----^^^\n"
	if got := err.(*Error).SparkMessage(); got != want {
		t.Errorf("SparkMessage =\n%q\nwant\n%q", got, want)
	}
	if got := err.Error(); got != strings.TrimPrefix(want, "\n") {
		t.Errorf("Error = %q", got)
	}

	_, err = ParseTableSchema("a int,\nb string,\nc")
	want = "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 3, pos 1)\n\n" +
		"== SQL ==\na int,\nb string,\nc\n-^^^\n"
	if got := err.(*Error).SparkMessage(); got != want {
		t.Errorf("SparkMessage =\n%q\nwant\n%q", got, want)
	}

	_, err = ParseTableSchema("a int,\n  b x y,\nc int")
	want = "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'y'. SQLSTATE: 42601 (line 2, pos 6)\n\n" +
		"== SQL ==\na int,\n  b x y,\n------^^^\nc int\n"
	if got := err.(*Error).SparkMessage(); got != want {
		t.Errorf("SparkMessage =\n%q\nwant\n%q", got, want)
	}

	// A builder AnalysisException becomes a ParseException with no position.
	_, err = ParseDataType("decimal(2,5)")
	want = "\nDecimal scale (5) cannot be greater than precision (2).\n== SQL ==\ndecimal(2,5)"
	if got := err.(*Error).SparkMessage(); got != want {
		t.Errorf("SparkMessage =\n%q\nwant\n%q", got, want)
	}

	_, err = ParseDataType("decimal(40)")
	if got := err.Error(); got != "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max precision 38. SQLSTATE: 22003" {
		t.Errorf("Error = %q", got)
	}

	_, err = ParseDataType("string collate unicde_ci")
	e := err.(*Error)
	if e.Params["collationName"] != "unicde_ci" || e.Params["proposals"] != "UNICODE_CI" {
		t.Errorf("collation error params = %v", e.Params)
	}
	_, err = ParseDataType("string collate UTF8_LCAS")
	if e := err.(*Error); e.Params["proposals"] != "UTF8_LCASE" {
		t.Errorf("collation error params = %v", e.Params)
	}
}

func TestParseTypeStringFallback(t *testing.T) {
	cases := []struct {
		in   string
		want string // SimpleString
	}{
		{"int ", "int"},
		{"INT ", "int"},
		{"a: byte, b: decimal(  16 , 8   ) ", "struct<a:tinyint,b:decimal(16,8)>"},
		{"a DOUBLE, b STRING", "struct<a:double,b:string>"},
		{"a DOUBLE, b CHAR( 50 )", "struct<a:double,b:char(50)>"},
		{"a DOUBLE, b VARCHAR( 50 )", "struct<a:double,b:varchar(50)>"},
		{"a: array< short>", "struct<a:array<smallint>>"},
		{" map<string , string > ", "map<string,string>"},
		{"struct<a: int>", "struct<a:int>"},
		{"", "struct<>"},
	}
	for _, c := range cases {
		got, err := ParseTypeString(c.in)
		if err != nil {
			t.Errorf("ParseTypeString(%q): %v", c.in, err)
			continue
		}
		if got.SimpleString() != c.want {
			t.Errorf("ParseTypeString(%q) = %s, want %s", c.in, got.SimpleString(), c.want)
		}
	}
	// All three attempts fail: the column-list error is reported.
	for _, c := range []struct {
		in   string
		want wantErr
	}{
		{"blabla", syntax("end of input", "", 1, 6)},
		{"a: int,", syntax("':'", "", 1, 1)},
		{"array<int", syntax("'<'", "", 1, 5)},
		{"map<int, boolean>>", syntax("'<'", "", 1, 3)},
		{"int x", wantErr{class: "UNSUPPORTED_DATATYPE", params: map[string]string{"typeName": `"X"`}, line: 1, col: 4}},
		// Not a ParseException: no fallback.
		{"decimal(40, 2)", wantErr{class: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", exception: ExceptionArithmetic}},
		{"string collate nope", wantErr{class: "COLLATION_INVALID_NAME", exception: ExceptionSpark}},
	} {
		_, err := ParseTypeString(c.in)
		checkErr(t, "ParseTypeString("+c.in+")", err, c.want)
	}
}

func TestParseSchema(t *testing.T) {
	st, err := ParseSchema("a int, b string not null comment 'c'")
	if err != nil || st.ToDDL() != "a INT,b STRING NOT NULL COMMENT 'c'" {
		t.Errorf("ParseSchema = %v, %v", st, err)
	}
	st, err = ParseSchema("int")
	if err != nil || st.SimpleString() != "struct<value:int>" || !st.Fields[0].Nullable {
		t.Errorf("ParseSchema(int) = %v, %v", st, err)
	}
	st, err = ParseSchema("a: int, b: array<string>")
	if err != nil || st.SimpleString() != "struct<a:int,b:array<string>>" {
		t.Errorf("ParseSchema = %v, %v", st, err)
	}
	if _, err := ParseSchema("a int,"); err == nil {
		t.Error("ParseSchema(a int,) succeeded")
	}
}

func TestFromDDL(t *testing.T) {
	dt, err := FromDDL("ts timestamp_ltz")
	if err != nil || !Equal(dt, NewStruct(NewField("ts", Timestamp, true))) {
		t.Errorf("FromDDL = %v, %v", dt, err)
	}
	dt, err = FromDDL("array<int>")
	if err != nil || !Equal(dt, NewArray(Integer, true)) {
		t.Errorf("FromDDL = %v, %v", dt, err)
	}
	// Both fail: the data-type error is reported.
	_, err = FromDDL("a int,")
	checkErr(t, "FromDDL", err, syntax("'int'", "", 1, 2))
	// A class-less first error becomes INVALID_SCHEMA.PARSE_ERROR.
	_, err = FromDDL("char(99999999999)")
	checkErr(t, "FromDDL", err, wantErr{class: "INVALID_SCHEMA.PARSE_ERROR", exception: ExceptionAnalysis,
		params: map[string]string{"inputSchema": `"char(99999999999)"`, "reason": `For input string: "99999999999"`}})
}

func TestParseDDLOrJSON(t *testing.T) {
	st, err := ParseDDLOrJSON(`{"type":"struct","fields":[{"name":"a","type":"long","nullable":false,"metadata":{}}]}`)
	if err != nil || st.ToDDL() != "a BIGINT NOT NULL" {
		t.Errorf("ParseDDLOrJSON(json) = %v, %v", st, err)
	}
	st, err = ParseDDLOrJSON("a long")
	if err != nil || st.ToDDL() != "a BIGINT" {
		t.Errorf("ParseDDLOrJSON(ddl) = %v, %v", st, err)
	}
	st, err = ParseDDLOrJSON(`"double"`)
	if err != nil || st.ToDDL() != "value DOUBLE" {
		t.Errorf("ParseDDLOrJSON(json atomic) = %v, %v", st, err)
	}
	_, err = ParseDDLOrJSON("a long,")
	checkErr(t, "ParseDDLOrJSON", err, syntax("end of input", "", 1, 7))
}

// Every type's SQL form parses back to the type (Spark's checkDataTypeFromDDL and the
// catalogString round trip).
func TestSQLRoundTrip(t *testing.T) {
	types := []DataType{
		Null, Boolean, Byte, Short, Integer, Long, Float, Double, DecimalType{10, 5}, SystemDefaultDecimal,
		String, StringType{Collation: "UTF8_LCASE"}, StringType{Collation: "zh_Hant_TWN_CI_AI_RTRIM"}, CharType{1},
		VarcharType{11}, Binary, Date, Timestamp, TimestampNTZ, CalendarInterval, Variant,
		NewArray(Double, true), NewMap(Integer, NewArray(Double, true), true),
		mustStruct(t, "a int not null comment 'x', `b c` map<string, struct<`d``e`: array<date>>>, f interval hour to minute"),
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
		back, err := ParseDataType(dt.SQL())
		if err != nil {
			t.Errorf("ParseDataType(%q): %v", dt.SQL(), err)
		} else if !Equal(back, dt) {
			t.Errorf("ParseDataType(%q) = %v, want %v", dt.SQL(), back, dt)
		}
		st, err := ParseTableSchema("a " + dt.SQL())
		if err != nil || !Equal(st, NewStruct(NewField("a", dt, true))) {
			t.Errorf("ParseTableSchema(a %s) = %v, %v", dt.SQL(), st, err)
		}
		if _, isStruct := dt.(*StructType); !isStruct {
			cat, err := ParseDataType(dt.CatalogString())
			if err != nil || !EqualIgnoreNullability(cat, dt) {
				t.Errorf("ParseDataType(%q) = %v, %v", dt.CatalogString(), cat, err)
			}
		}
	}
}

func TestDeepNesting(t *testing.T) {
	deep := strings.Repeat("array<", 2000) + "int" + strings.Repeat(">", 2000)
	_, err := ParseDataType(deep)
	checkErr(t, "deep", err, wantErr{class: "FAILED_TO_PARSE_TOO_COMPLEX", params: map[string]string{}, line: 1, col: 6000})
	ok := strings.Repeat("array<", 500) + "int" + strings.Repeat(">", 500)
	if _, err := ParseDataType(ok); err != nil {
		t.Errorf("500 levels: %v", err)
	}
}
