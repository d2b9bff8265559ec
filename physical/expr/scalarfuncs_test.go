package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// lv is a literal argument: its Spark type and value (nil: NULL).
type lv struct {
	t types.DataType
	v any
}

func s(v string) lv  { return lv{types.String, v} }
func i(v int32) lv   { return lv{types.Integer, v} }
func l(v int64) lv   { return lv{types.Long, v} }
func d(v float64) lv { return lv{types.Double, v} }
func b(v []byte) lv  { return lv{types.Binary, v} }
func null(t types.DataType) lv {
	return lv{t, nil}
}

// fnCase calls fn on literal arguments (one row) and expects the rendered value or an
// error class.
type fnCase struct {
	fn     string
	result types.DataType
	args   []lv
	want   string
	err    string
	ansi   bool
}

func runFnCases(t *testing.T, cases []fnCase) {
	t.Helper()
	for _, c := range cases {
		f, ok := Lookup(c.fn)
		if !ok {
			t.Errorf("no function %s", c.fn)
			continue
		}
		args := make([]Expr, len(c.args))
		argTypes := make([]types.DataType, len(c.args))
		for k, a := range c.args {
			args[k] = litOf(t, a.t, a.v)
			argTypes[k] = a.t
		}
		e, err := f(args, argTypes, c.result, FuncOptions{ANSI: c.ansi, TimeZone: mustZone("America/Los_Angeles")})
		if err == nil {
			var out []string
			var evalErr error
			func() {
				res, err := e.Eval(emptyBatch(1))
				if err != nil {
					evalErr = err
					return
				}
				defer res.Release()
				out = strs(t, res)
			}()
			err = evalErr
			if err == nil {
				if c.err != "" {
					t.Errorf("%s%v: got %q, want error %s", c.fn, c.args, out, c.err)
				} else if out[0] != c.want {
					t.Errorf("%s%v: got %q, want %q", c.fn, c.args, out[0], c.want)
				}
				continue
			}
		}
		se, ok := sparkerror.As(err)
		if c.err == "" || !ok || (se.Class != c.err && !(se.Class == "" && len(se.JavaClasses) > 0 && se.JavaClasses[0] == c.err)) {
			t.Errorf("%s%v: error %v, want %q / %q", c.fn, c.args, err, c.want, c.err)
		}
	}
}

// Answers from Spark's golden files (string-functions.sql.out and others) and docs.
func TestStringFunctionsGolden(t *testing.T) {
	str, bin, integer, boolean := types.String, types.Binary, types.Integer, types.Boolean
	runFnCases(t, []fnCase{
		{fn: "contains", result: boolean, args: []lv{s("Spark SQL"), s("SQL")}, want: "true"},
		{fn: "contains", result: boolean, args: []lv{s("Spark SQL"), s("SPARK")}, want: "false"},
		{fn: "startswith", result: boolean, args: []lv{b([]byte("Spark SQL")), b(nil)}, want: "true"},
		{fn: "endswith", result: boolean, args: []lv{s("Spark SQL"), s("QL")}, want: "true"},
		{fn: "instr", result: integer, args: []lv{s("SparkSQL"), s("SQL")}, want: "6"},
		{fn: "locate", result: integer, args: []lv{s("bar"), s("foobarbar"), i(5)}, want: "7"},
		{fn: "locate", result: integer, args: []lv{s("bar"), s("foobarbar"), null(integer)}, want: "0"},
		{fn: "substring_index", result: str, args: []lv{s("www.apache.org"), s("."), i(2)}, want: "www.apache"},
		{fn: "substring_index", result: str, args: []lv{s("www.apache.org"), s("."), i(-2)}, want: "apache.org"},
		{fn: "replace", result: str, args: []lv{s("abc"), s("b"), s("123")}, want: "a123c"},
		{fn: "replace", result: str, args: []lv{s("abc"), s("b"), s("")}, want: "ac"},
		{fn: "translate", result: str, args: []lv{s("AaBbCc"), s("abc"), s("123")}, want: "A1B2C3"},
		{fn: "lpad", result: str, args: []lv{s("hi"), i(5), s("??")}, want: "???hi"},
		{fn: "lpad", result: str, args: []lv{s("hi"), i(1), s("??")}, want: "h"},
		{fn: "rpad", result: str, args: []lv{s("hi"), i(5), s("??")}, want: "hi???"},
		{fn: "lpad", result: bin, args: []lv{b([]byte{0xaa, 0xbb}), i(5), b([]byte{0})}, want: "[00 00 00 AA BB]"},
		{fn: "repeat", result: str, args: []lv{s("123"), i(2)}, want: "123123"},
		{fn: "left", result: str, args: []lv{s("abcd"), i(2)}, want: "ab"},
		{fn: "left", result: str, args: []lv{s("abcd"), i(-2)}, want: ""},
		{fn: "right", result: str, args: []lv{s("abcd"), i(2)}, want: "cd"},
		{fn: "right", result: str, args: []lv{s("abcd"), i(5)}, want: "abcd"},
		{fn: "initcap", result: str, args: []lv{s("sPark sql")}, want: "Spark Sql"},
		{fn: "reverse", result: str, args: []lv{s("Spark SQL")}, want: "LQS krapS"},
		{fn: "ascii", result: integer, args: []lv{s("222")}, want: "50"},
		{fn: "chr", result: str, args: []lv{l(65)}, want: "A"},
		{fn: "chr", result: str, args: []lv{l(-1)}, want: ""},
		{fn: "bit_length", result: integer, args: []lv{s("Spark SQL")}, want: "72"},
		{fn: "levenshtein", result: integer, args: []lv{s("kitten"), s("sitting")}, want: "3"},
		{fn: "levenshtein", result: integer, args: []lv{s("kitten"), s("sitting"), i(2)}, want: "-1"},
		{fn: "soundex", result: str, args: []lv{s("Miller")}, want: "M460"},
		{fn: "base64", result: str, args: []lv{b([]byte("Spark SQL"))}, want: "U3BhcmsgU1FM"},
		{fn: "unbase64", result: bin, args: []lv{s("U3BhcmsgU1FM")}, want: "[53 70 61 72 6B 20 53 51 4C]"},
		{fn: "hex", result: str, args: []lv{l(17)}, want: "11"},
		{fn: "hex", result: str, args: []lv{l(-1)}, want: "FFFFFFFFFFFFFFFF"},
		{fn: "hex", result: str, args: []lv{s("Spark SQL")}, want: "537061726B2053514C"},
		{fn: "unhex", result: bin, args: []lv{s("123")}, want: "[01 23]"},
		{fn: "unhex", result: bin, args: []lv{s("GG")}, want: "NULL"},
		{fn: "to_binary", result: bin, args: []lv{s("abc"), s("utf-8")}, want: "[61 62 63]"},
		{fn: "to_binary", result: bin, args: []lv{s("GG")}, err: "CONVERSION_INVALID_INPUT"},
		{fn: "to_binary", result: bin, args: []lv{s(" ab cdef= = "), s("base64")}, err: "CONVERSION_INVALID_INPUT"},
		{fn: "to_binary", result: bin, args: []lv{s("abc"), s("invalidFormat")}, err: "DATATYPE_MISMATCH.INVALID_ARG_VALUE"},
		{fn: "encode", result: bin, args: []lv{s("abc"), s("utf-16")}, want: "[FE FF 00 61 00 62 00 63]"},
		{fn: "encode", result: bin, args: []lv{s("客舍"), s("US-ASCII")}, err: "MALFORMED_CHARACTER_CODING"},
		{fn: "encode", result: bin, args: []lv{s("hello"), s("WINDOWS-1252")}, err: "INVALID_PARAMETER_VALUE.CHARSET"},
		{fn: "decode", result: str, args: []lv{b([]byte{0xfe, 0xff, 0, 'a'}), s("UTF-16")}, want: "a"},
		{fn: "decode", result: str, args: []lv{b([]byte{0xe5, 0x8a}), s("US-ASCII")}, err: "MALFORMED_CHARACTER_CODING"},
		{fn: "split_part", result: str, args: []lv{s("11.12.13"), s("."), i(-1)}, want: "13"},
		{fn: "split_part", result: str, args: []lv{s("11.12.13"), s("."), i(4)}, want: ""},
		{fn: "split_part", result: str, args: []lv{s("11.12.13"), s(""), i(1)}, want: "11.12.13"},
		{fn: "split_part", result: str, args: []lv{s("11.12.13"), s("."), i(0)}, err: "INVALID_INDEX_OF_ZERO"},
		{fn: "luhn_check", result: boolean, args: []lv{s("4111111111111111")}, want: "true"},
		{fn: "luhn_check", result: boolean, args: []lv{s("6011000000000005")}, want: "false"},
		{fn: "luhn_check", result: boolean, args: []lv{s("")}, want: "false"},
		{fn: "quote", result: str, args: []lv{s("Don't")}, want: `'Don\'t'`},
		{fn: "is_valid_utf8", result: boolean, args: []lv{s("\x80")}, want: "false"},
		{fn: "make_valid_utf8", result: str, args: []lv{s("a\x80b")}, want: "a\uFFFDb"},
		{fn: "validate_utf8", result: str, args: []lv{s("\x80")}, err: "INVALID_UTF8_STRING"},
		{fn: "try_validate_utf8", result: str, args: []lv{s("\x80")}, want: "NULL"},
		{fn: "find_in_set", result: integer, args: []lv{s("ab"), s("abc,b,ab,c,def")}, want: "3"},
		{fn: "elt", result: str, args: []lv{i(1), s("scala"), s("java")}, want: "scala"},
		{fn: "elt", result: str, args: []lv{i(4), s("123"), s("456")}, ansi: true, err: "INVALID_ARRAY_INDEX"},
		{fn: "elt", result: str, args: []lv{i(4), s("123"), s("456")}, want: "NULL"},
		{fn: "md5", result: str, args: []lv{b([]byte("Spark"))}, want: "8cde774d6f7333752ed72cacddb05126"},
		{fn: "sha1", result: str, args: []lv{b([]byte("Spark"))}, want: "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c"},
		{fn: "sha2", result: str, args: []lv{b([]byte("Spark")), i(256)}, want: "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b"},
		{fn: "crc32", result: types.Long, args: []lv{b([]byte("Spark"))}, want: "1557323817"},
		{fn: "mask", result: str, args: []lv{s("AbCD123-@$#"), s("Q"), s("q"), s("d"), s("o")}, want: "QqQQdddoooo"},
		{fn: "mask", result: str, args: []lv{s("AbCD123-@$#"), null(str), s("q"), s("d"), s("o")}, want: "AqCDdddoooo"},
		{fn: "mask", result: str, args: []lv{s("AbCD123-@$#"), s("X"), s("x"), s("n"), null(str)}, want: "XxXXnnn-@$#"},
		{fn: "format_string", result: str, args: []lv{s("Hello %s %1$s %s"), s("World"), s("Hello again")}, want: "Hello World World Hello again"},
		{fn: "format_string", result: str, args: []lv{s(">>%-10s<<"), null(str)}, want: ">>null      <<"},
		{fn: "format_string", result: str, args: []lv{s("Hello %x"), i(20)}, want: "Hello 14"},
		{fn: "format_string", result: str, args: []lv{s("%.1f|%05d|%,d"), d(0.15), i(42), l(1234567)}, want: "0.2|00042|1,234,567"},
		{fn: "format_string", result: str, args: []lv{s("Hello %s %s"), s("World")}, err: "java.util.MissingFormatArgumentException"},
		{fn: "url_encode", result: str, args: []lv{s("https://spark.apache.org")}, want: "https%3A%2F%2Fspark.apache.org"},
		{fn: "url_decode", result: str, args: []lv{s("https%3A%2F%2Fspark.apache.org")}, want: "https://spark.apache.org"},
		{fn: "url_decode", result: str, args: []lv{s("http%3A%2F%2spark.apache.org")}, err: "CANNOT_DECODE_URL"},
		{fn: "try_url_decode", result: str, args: []lv{s("http%3A%2F%2spark.apache.org")}, want: "NULL"},
		{fn: "parse_url", result: str, args: []lv{s("http://userinfo@spark.apache.org/path?query=1#Ref"), s("AUTHORITY")}, want: "userinfo@spark.apache.org"},
		{fn: "parse_url", result: str, args: []lv{s("http://spark.apache.org/path?query=1"), s("QUERY"), s("query")}, want: "1"},
		{fn: "parse_url", result: str, args: []lv{s("inva lid://spark.apache.org/path?query=1"), s("QUERY")}, want: "NULL"},
		{fn: "parse_url", result: str, args: []lv{s("inva lid://spark.apache.org/path?query=1"), s("QUERY")}, ansi: true, err: "INVALID_URL"},
	})
}

func TestRegexpFunctions(t *testing.T) {
	str, integer := types.String, types.Integer
	runFnCases(t, []fnCase{
		{fn: "rlike", result: types.Boolean, args: []lv{s("1a 2b 14m"), s(`\d+`)}, want: "true"},
		{fn: "regexp_replace", result: str, args: []lv{s("100-200"), s(`(\d+)`), s("num"), i(1)}, want: "num-num"},
		{fn: "regexp_replace", result: str, args: []lv{s("100-200"), s(`(\d+)-(\d+)`), s("$2-$1"), i(1)}, want: "200-100"},
		{fn: "regexp_replace", result: str, args: []lv{s("abcabc"), s("a"), s("X"), i(2)}, want: "abcXbc"},
		{fn: "regexp_extract", result: str, args: []lv{s("1a 2b 14m"), s(`(\d+)([a-z]+)`), i(2)}, want: "a"},
		{fn: "regexp_extract", result: str, args: []lv{s("1a 2b 14m"), s(`(\d+)?([a-z]+)`), i(3)}, err: "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX"},
		{fn: "regexp_extract", result: str, args: []lv{s("a b m"), s(`(\d+)?([a-z]+)`), i(1)}, want: ""},
		{fn: "regexp_extract_all", result: types.NewArray(str, true), args: []lv{s("1a 2b 14m"), s(`(\d+)([a-z]+)`), i(1)}, want: "[1, 2, 14]"},
		{fn: "regexp_count", result: integer, args: []lv{s("1a 2b 14m"), s(`\d+`)}, want: "3"},
		{fn: "regexp_substr", result: str, args: []lv{s("1a 2b 14m"), s(`\d+`)}, want: "1"},
		{fn: "regexp_substr", result: str, args: []lv{s("1a 2b 14m"), s(`\d{3}`)}, want: "NULL"},
		{fn: "regexp_instr", result: integer, args: []lv{s("1a 2b 14m"), s(`\d{2}(a|b|m)`), i(0)}, want: "7"},
		{fn: "split", result: types.NewArray(str, false), args: []lv{s("aa1cc2ee3"), s("[1-9]+"), i(-1)}, want: "[aa, cc, ee, ]"},
		{fn: "split", result: types.NewArray(str, false), args: []lv{s("aa1cc2ee3"), s("[1-9]+"), i(2)}, want: "[aa, cc2ee3]"},
		{fn: "split", result: types.NewArray(str, false), args: []lv{s("hello"), s(""), i(3)}, want: "[h, e, llo]"},
		{fn: "rlike", result: types.Boolean, args: []lv{s("abc"), s("(")}, err: "INVALID_PARAMETER_VALUE.PATTERN"},
	})
}

func TestMathFunctionsGolden(t *testing.T) {
	runFnCases(t, []fnCase{
		{fn: "bit_count", result: types.Integer, args: []lv{l(-1)}, want: "64"},
		{fn: "bit_get", result: types.Byte, args: []lv{l(11), i(2)}, want: "0"},
		{fn: "bit_get", result: types.Byte, args: []lv{i(11), i(32)}, err: "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE"},
		{fn: "width_bucket", result: types.Long, args: []lv{d(5.3), d(0.2), d(10.6), l(5)}, want: "3"},
		{fn: "width_bucket", result: types.Long, args: []lv{d(-2.1), d(1.3), d(3.4), l(3)}, want: "0"},
		{fn: "width_bucket", result: types.Long, args: []lv{d(-0.9), d(5.2), d(0.5), l(2)}, want: "3"},
		{fn: "conv", result: types.String, args: []lv{s("100"), i(2), i(10)}, want: "4"},
		{fn: "conv", result: types.String, args: []lv{s("-10"), i(16), i(-10)}, want: "-16"},
		{fn: "conv", result: types.String, args: []lv{s("-10"), i(16), i(10)}, want: "18446744073709551600"},
		{fn: "conv", result: types.String, args: []lv{s("9223372036854775807"), i(36), i(10)}, want: "18446744073709551615"},
		{fn: "conv", result: types.String, args: []lv{s("9223372036854775807"), i(36), i(10)}, ansi: true, err: "ARITHMETIC_OVERFLOW"},
		{fn: "bin", result: types.String, args: []lv{l(13)}, want: "1101"},
		{fn: "bin", result: types.String, args: []lv{l(-13)}, want: "1111111111111111111111111111111111111111111111111111111111110011"},
		{fn: "shiftleft", result: types.Integer, args: []lv{i(2), i(1)}, want: "4"},
		{fn: "shiftrightunsigned", result: types.Integer, args: []lv{i(-4), i(1)}, want: "2147483646"},
		{fn: "try_add", result: types.Integer, args: []lv{i(2147483647), i(1)}, want: "NULL"},
		{fn: "try_add", result: types.Integer, args: []lv{i(1), i(1)}, want: "2"},
		{fn: "try_divide", result: types.Double, args: []lv{d(1), d(0)}, want: "NULL"},
		{fn: "try_multiply", result: types.Long, args: []lv{l(-9223372036854775808), l(-2)}, want: "NULL"},
	})
}

func TestDatetimeFunctions(t *testing.T) {
	ts, date := types.Timestamp, types.Date
	// The session zone is America/Los_Angeles; timestamps render in UTC.
	runFnCases(t, []fnCase{
		// datetime-parsing.sql.out and timestamp.sql.out (America/Los_Angeles).
		{fn: "get_timestamp", result: ts, args: []lv{s("1"), s("y")}, want: "0001-01-01 07:52:58"},
		{fn: "get_timestamp", result: ts, args: []lv{s("99"), s("yy")}, want: "2099-01-01 08:00:00"},
		{fn: "get_timestamp", result: ts, args: []lv{s("300"), s("D")}, want: "1970-10-27 08:00:00"},
		{fn: "get_timestamp", result: ts, args: []lv{s("2020-30-365"), s("yyyy-dd-DDD")}, want: "2020-12-30 08:00:00"},
		{fn: "get_timestamp", result: ts, args: []lv{s("2019-10-06 10:11:12.123UTC"), s("yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]")}, want: "2019-10-06 10:11:12.123"},
		{fn: "get_timestamp", result: ts, args: []lv{s("2019-10-06 10:11:12.1234567PST"), s("yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]")}, want: "NULL"},
		{fn: "get_timestamp", result: ts, args: []lv{s("12.1232019-10-06S10:11"), s("ss.SSSSyyyy-MM-dd'S'HH:mm")}, want: "NULL"},
		{fn: "get_timestamp", result: ts, args: []lv{s("12.1234019-10-06S10:11"), s("ss.SSSSy-MM-dd'S'HH:mm")}, want: "0019-10-06 18:04:10.1234"},
		{fn: "get_timestamp", result: ts, args: []lv{s("2019 10:10:10"), s("yyyy hh:mm:ss")}, want: "2019-01-01 18:10:10"},
		{fn: "get_timestamp", result: ts, args: []lv{s("02-29"), s("MM-dd")}, ansi: true, err: "CANNOT_PARSE_TIMESTAMP"},
		{fn: "get_timestamp", result: ts, args: []lv{s("2019-10-06 A"), s("yyyy-MM-dd GGGGG")}, err: "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{fn: "date_format", result: types.String, args: []lv{s("2018-11-17 13:33:33.333"), s("qqqqq")}, err: "INVALID_DATETIME_PATTERN.LENGTH"},
		{fn: "date_format", result: types.String, args: []lv{lv{ts, int64(1542490413333000)}, s("yyyy-MM-dd'T'HH:mm:ss.SSS EEE MMM a zzz")}, want: "2018-11-17T13:33:33.333 Sat Nov PM PST"},
		{fn: "date_format", result: types.String, args: []lv{lv{ts, int64(1542490413333000)}, s("YYYY")}, err: "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{fn: "from_unixtime", result: types.String, args: []lv{l(0), s("yyyy-MM-dd HH:mm:ss")}, want: "1969-12-31 16:00:00"},
		{fn: "unix_timestamp", result: types.Long, args: []lv{s("2016-04-08"), s("yyyy-MM-dd")}, want: "1460098800"},
		{fn: "make_date", result: date, args: []lv{i(2000), i(13), i(1)}, ansi: true, err: "DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION"},
		{fn: "make_date", result: date, args: []lv{i(2019), i(2), i(29)}, want: "NULL"},
		{fn: "make_date", result: date, args: []lv{i(12), i(12), i(12)}, want: "0012-12-12"},
		{fn: "make_timestamp", result: ts, args: []lv{i(2014), i(12), i(28), i(6), i(30), lv{types.DecimalType{Precision: 16, Scale: 6}, decStrT(t, "45.887")}}, want: "2014-12-28 14:30:45.887"},
		{fn: "make_timestamp", result: ts, args: []lv{i(2019), i(6), i(30), i(23), i(59), lv{types.DecimalType{Precision: 16, Scale: 6}, decStrT(t, "60")}}, want: "2019-07-01 07:00:00"},
		{fn: "make_timestamp", result: ts, args: []lv{i(2019), i(6), i(30), i(23), i(59), lv{types.DecimalType{Precision: 16, Scale: 6}, decStrT(t, "60.5")}}, ansi: true, err: "INVALID_FRACTION_OF_SECOND"},
		{fn: "make_timestamp", result: ts, args: []lv{i(2014), i(12), i(28), i(6), i(30), lv{types.DecimalType{Precision: 16, Scale: 6}, decStrT(t, "45.887")}, s("CET")}, want: "2014-12-28 05:30:45.887"},
		{fn: "next_day", result: date, args: []lv{lv{date, int32(16639)}, s("Mon")}, want: "2015-07-27"},
		{fn: "next_day", result: date, args: []lv{lv{date, int32(16639)}, s("xx")}, ansi: true, err: "ILLEGAL_DAY_OF_WEEK"},
		{fn: "date_add", result: date, args: []lv{lv{date, int32(15289)}, i(1)}, want: "2011-11-12"},
		{fn: "date_sub", result: date, args: []lv{lv{date, int32(15289)}, i(1)}, want: "2011-11-10"},
		{fn: "timestamp_seconds", result: ts, args: []lv{l(1230219000)}, want: "2008-12-25 15:30:00"},
		{fn: "timestamp_seconds", result: ts, args: []lv{l(1230219000123123)}, err: "java.lang.ArithmeticException"},
		{fn: "timestamp_millis", result: ts, args: []lv{l(1230219000123)}, want: "2008-12-25 15:30:00.123"},
		{fn: "unix_seconds", result: types.Long, args: []lv{lv{ts, int64(-1)}}, want: "-1"},
		{fn: "dayofweek", result: types.Integer, args: []lv{lv{date, int32(13547)}}, want: "7"},
		{fn: "weekday", result: types.Integer, args: []lv{lv{date, int32(13547)}}, want: "5"},
		{fn: "make_ym_interval", result: types.DefaultYearMonthInterval, args: []lv{i(178956970), i(8)}, err: "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION"},
		{fn: "to_number", result: types.DecimalType{Precision: 6, Scale: 1}, args: []lv{s("12,454.8-"), s("00,000.9MI")}, want: "-12454.8"},
		{fn: "to_number", result: types.DecimalType{Precision: 6, Scale: 1}, args: []lv{s("<00,454.8>"), s("00,000.9PR")}, want: "-454.8"},
		{fn: "to_number", result: types.DecimalType{Precision: 3, Scale: 0}, args: []lv{s("4541"), s("000")}, err: "INVALID_FORMAT.MISMATCH_INPUT"},
		{fn: "to_char", result: types.String, args: []lv{lv{types.DecimalType{Precision: 6, Scale: 1}, decStr(t, "-12454.8", 6, 1)}, s("99G999D9S")}, want: "12,454.8-"},
		{fn: "to_char", result: types.String, args: []lv{lv{types.DecimalType{Precision: 4, Scale: 2}, decStr(t, "78.12", 4, 2)}, s("$99.99")}, want: "$78.12"},
	})
}

func decStrT(t *testing.T, s string) any { return decStr(t, s, 16, 6) }

// Kernels with caches may evaluate batches of one expression concurrently.
func TestScalarFunctionsConcurrentBatches(t *testing.T) {
	str := types.String
	exprs := []Expr{
		call(t, "regexp_replace", str, true, col(0, str), litOf(t, str, "b+"), litOf(t, str, "X"), litOf(t, types.Integer, int32(1))),
		call(t, "translate", str, true, col(0, str), litOf(t, str, "ab"), litOf(t, str, "12")),
		call(t, "date_format", str, true, litOf(t, types.Timestamp, int64(0)), col(0, str)),
	}
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for k := 0; k < 50; k++ {
				for _, e := range exprs {
					b := batchOf(arr(t, str, "abbc", "yyyy", nil))
					out, err := e.Eval(b)
					if err == nil {
						out.Release()
					}
					b.Release()
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
