package format

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Expected strings below follow Spark 4.0's HiveResult.toHiveString; the
// ones marked "golden" appear verbatim in the sql-tests golden files
// (array.sql.out, map.sql.out, struct.sql.out, ...); the others are derived
// from the HiveResult / IntervalUtils code paths.

type hiveCase struct {
	name string
	arr  func(t *testing.T) arrow.Array
	opts Options // Style is forced to StyleHive
	want []string
}

func jsonArr(dt arrow.DataType, js string) func(t *testing.T) arrow.Array {
	return func(t *testing.T) arrow.Array { return fromJSON(t, dt, js) }
}

func runHiveCases(t *testing.T, cases []hiveCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := c.opts
			opts.Style = StyleHive
			checkRender(t, c.name, c.arr(t), opts, c.want...)
		})
	}
}

func float64Arr(vals ...float64) func(t *testing.T) arrow.Array {
	return func(t *testing.T) arrow.Array {
		b := array.NewFloat64Builder(memory.NewGoAllocator())
		defer b.Release()
		b.AppendValues(vals, nil)
		b.AppendNull()
		arr := b.NewArray()
		t.Cleanup(arr.Release)
		return arr
	}
}

func float32Arr(vals ...float32) func(t *testing.T) arrow.Array {
	return func(t *testing.T) arrow.Array {
		b := array.NewFloat32Builder(memory.NewGoAllocator())
		defer b.Release()
		b.AppendValues(vals, nil)
		b.AppendNull()
		arr := b.NewArray()
		t.Cleanup(arr.Release)
		return arr
	}
}

// listOfFloat64 builds one array<double> value holding vals.
func listOfFloat64(vals ...float64) func(t *testing.T) arrow.Array {
	return func(t *testing.T) arrow.Array {
		b := array.NewListBuilder(memory.NewGoAllocator(), arrow.PrimitiveTypes.Float64)
		defer b.Release()
		vb := b.ValueBuilder().(*array.Float64Builder)
		b.Append(true)
		vb.AppendValues(vals, nil)
		arr := b.NewArray()
		t.Cleanup(arr.Release)
		return arr
	}
}

func date32Arr(days ...int64) func(t *testing.T) arrow.Array {
	return func(t *testing.T) arrow.Array {
		b := array.NewDate32Builder(memory.NewGoAllocator())
		defer b.Release()
		for _, d := range days {
			b.Append(arrow.Date32(d))
		}
		b.AppendNull()
		arr := b.NewArray()
		t.Cleanup(arr.Release)
		return arr
	}
}

func TestHiveNullsAndBooleans(t *testing.T) {
	runHiveCases(t, []hiveCase{
		{"null top-level", func(*testing.T) arrow.Array { return array.NewNull(2) }, Options{},
			[]string{"NULL", "NULL"}},
		{"null nested", jsonArr(arrow.ListOf(arrow.Null), `[[null, null], [], null]`), Options{},
			[]string{"[null,null]", "[]", "NULL"}},
		{"boolean", jsonArr(arrow.FixedWidthTypes.Boolean, `[true, false, null]`), Options{},
			[]string{"true", "false", "NULL"}},
		{"array<boolean>", jsonArr(arrow.ListOf(arrow.FixedWidthTypes.Boolean), `[[true, null, false]]`), Options{},
			[]string{"[true,null,false]"}},
	})
}

func TestHiveNumbers(t *testing.T) {
	negZero := math.Copysign(0, -1)
	runHiveCases(t, []hiveCase{
		{"int8", jsonArr(arrow.PrimitiveTypes.Int8, `[127, -128, 0, null]`), Options{},
			[]string{"127", "-128", "0", "NULL"}},
		{"int16", jsonArr(arrow.PrimitiveTypes.Int16, `[32767, -32768, null]`), Options{},
			[]string{"32767", "-32768", "NULL"}},
		{"int32", jsonArr(arrow.PrimitiveTypes.Int32, `[2147483647, -2147483648, null]`), Options{},
			[]string{"2147483647", "-2147483648", "NULL"}},
		{"int64", jsonArr(arrow.PrimitiveTypes.Int64, `[9223372036854775807, -9223372036854775808, null]`), Options{},
			[]string{"9223372036854775807", "-9223372036854775808", "NULL"}},
		{"uint64", jsonArr(arrow.PrimitiveTypes.Uint64, `[18446744073709551615, null]`), Options{},
			[]string{"18446744073709551615", "NULL"}},
		{"array<int>", jsonArr(arrow.ListOf(arrow.PrimitiveTypes.Int32), `[[11, 12, 13], [1, null]]`), Options{},
			[]string{"[11,12,13]", "[1,null]"}}, // golden
		{"float", float32Arr(1, 0.1, 1e10, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
			float32(negZero), 3.4028235e38), Options{},
			[]string{"1.0", "0.1", "1.0E10", "NaN", "Infinity", "-Infinity", "-0.0", "3.4028235E38", "NULL"}},
		{"double", float64Arr(1, 0.1, 1e10, math.NaN(), math.Inf(1), math.Inf(-1), negZero, 1e-4, 150000), Options{},
			[]string{"1.0", "0.1", "1.0E10", "NaN", "Infinity", "-Infinity", "-0.0", "1.0E-4", "150000.0", "NULL"}},
		{"array<double>", listOfFloat64(1e10, math.NaN()), Options{},
			[]string{"[1.0E10,NaN]"}}, // golden
		{"decimal(6,2)", jsonArr(&arrow.Decimal128Type{Precision: 6, Scale: 2},
			`["1234.65", "1.5", "-0.05", "-12.3", "0", null]`), Options{},
			[]string{"1234.65", "1.50", "-0.05", "-12.30", "0.00", "NULL"}},
		{"decimal(10,0)", jsonArr(&arrow.Decimal128Type{Precision: 10, Scale: 0}, `["12", "-7", "0"]`), Options{},
			[]string{"12", "-7", "0"}},
		{"decimal(38,18)", jsonArr(&arrow.Decimal128Type{Precision: 38, Scale: 18},
			`["-12345678901234567890.123456789012345678", "1e-18"]`), Options{},
			[]string{"-12345678901234567890.123456789012345678", "0.000000000000000001"}},
		{"decimal256(40,2)", jsonArr(&arrow.Decimal256Type{Precision: 40, Scale: 2}, `["-1.5"]`), Options{},
			[]string{"-1.50"}},
		{"array<decimal(3,1)>", jsonArr(arrow.ListOf(&arrow.Decimal128Type{Precision: 3, Scale: 1}),
			`[["1.0", null, "-2.5"]]`), Options{},
			[]string{"[1.0,null,-2.5]"}},
	})
}

func TestHiveStringsAndBinary(t *testing.T) {
	bin := jsonArr(arrow.BinaryTypes.Binary, `["U3Bhcms=", "", null]`) // "Spark"
	runHiveCases(t, []hiveCase{
		// Top-level strings are neither quoted nor escaped.
		{"string", jsonArr(arrow.BinaryTypes.String, `["a", "", "say \"hi\"", "tab\there", null]`), Options{},
			[]string{"a", "", `say "hi"`, "tab\there", "NULL"}},
		{"large_string", jsonArr(arrow.BinaryTypes.LargeString, `["x", null]`), Options{},
			[]string{"x", "NULL"}},
		{"string_view", jsonArr(arrow.BinaryTypes.StringView, `["x", null]`), Options{},
			[]string{"x", "NULL"}},
		// Nested strings are quoted, content unescaped.
		{"array<string>", jsonArr(arrow.ListOf(arrow.BinaryTypes.String),
			`[[null, "x"], ["", "a\"b", "c,d"]]`), Options{},
			[]string{`[null,"x"]`, `["","a"b","c,d"]`}}, // golden (first)
		{"array<large_string>", jsonArr(arrow.ListOf(arrow.BinaryTypes.LargeString), `[["x", null]]`), Options{},
			[]string{`["x",null]`}},
		{"array<string_view>", jsonArr(arrow.ListOf(arrow.BinaryTypes.StringView), `[["x", null]]`), Options{},
			[]string{`["x",null]`}},
		// HiveResult sets spark.sql.binaryOutputStyle to UTF-8 when unset.
		{"binary default", bin, Options{}, []string{"Spark", "", "NULL"}},
		{"binary HEX", bin, Options{BinaryStyle: BinaryHex}, []string{"537061726B", "", "NULL"}},
		{"binary HEX_DISCRETE", bin, Options{BinaryStyle: BinaryHexDiscrete}, []string{"[53 70 61 72 6B]", "[]", "NULL"}},
		{"binary BASE64", bin, Options{BinaryStyle: BinaryBase64}, []string{"U3Bhcms", "", "NULL"}},
		{"large_binary default", jsonArr(arrow.BinaryTypes.LargeBinary, `["MTI="]`), Options{}, []string{"12"}},
		// Nested binary values are not quoted.
		{"array<binary>", jsonArr(arrow.ListOf(arrow.BinaryTypes.Binary), `[["U3Bhcms=", null]]`), Options{},
			[]string{"[Spark,null]"}},
		{"array<binary> HEX", jsonArr(arrow.ListOf(arrow.BinaryTypes.Binary), `[["U3Bhcms=", null]]`),
			Options{BinaryStyle: BinaryHex}, []string{"[537061726B,null]"}},
	})
}

func TestHiveDatetime(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	tz := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	ntz := &arrow.TimestampType{Unit: arrow.Microsecond}
	ts := func(typ *arrow.TimestampType, vals ...int64) func(t *testing.T) arrow.Array {
		return func(t *testing.T) arrow.Array { return timestampArray(t, typ, vals...) }
	}
	utc0919 := time.Date(2012, 11, 30, 9, 19, 0, 0, time.UTC).UnixMicro()
	runHiveCases(t, []hiveCase{
		{"date", date32Arr(epochDay(2016, 3, 14), epochDay(-99, 1, 1), epochDay(10000, 1, 1)), Options{},
			[]string{"2016-03-14", "-0099-01-01", "+10000-01-01", "NULL"}},
		// Nested dates are not quoted.
		{"array<date>", func(t *testing.T) arrow.Array {
			b := array.NewListBuilder(memory.NewGoAllocator(), arrow.FixedWidthTypes.Date32)
			defer b.Release()
			vb := b.ValueBuilder().(*array.Date32Builder)
			b.Append(true)
			vb.Append(arrow.Date32(epochDay(2016, 3, 14)))
			vb.Append(arrow.Date32(epochDay(2016, 3, 13)))
			b.Append(true)
			vb.AppendNull()
			arr := b.NewArray()
			t.Cleanup(arr.Release)
			return arr
		}, Options{}, []string{"[2016-03-14,2016-03-13]", "[null]"}}, // golden (first)
		{"timestamp LA", ts(tz, 1543745472001234, utc0919, utc0919+100_000, utc0919+120_000), Options{TimeZone: la},
			[]string{"2018-12-02 02:11:12.001234", "2012-11-30 01:19:00", "2012-11-30 01:19:00.1",
				"2012-11-30 01:19:00.12", "NULL"}},
		{"timestamp nil zone", ts(tz, utc0919), Options{},
			[]string{"2012-11-30 09:19:00", "NULL"}},
		{"timestamp_ntz", ts(ntz, utc0919, -1, 1000), Options{TimeZone: la},
			[]string{"2012-11-30 09:19:00", "1969-12-31 23:59:59.999999", "1970-01-01 00:00:00.001", "NULL"}},
		{"array<timestamp>", jsonArr(arrow.ListOf(tz), `[["1543745472001234", null]]`), Options{TimeZone: la},
			[]string{"[2018-12-02 02:11:12.001234,null]"}},
	})
}

func TestHiveIntervals(t *testing.T) {
	const (
		s = microsPerSecond
		m = microsPerMinute
		h = microsPerHour
		d = microsPerDay
	)
	us := &arrow.DurationType{Unit: arrow.Microsecond}
	runHiveCases(t, []hiveCase{
		{"year-month", jsonArr(arrow.FixedWidthTypes.MonthInterval,
			`[{"months": 14}, {"months": -14}, {"months": 0}, {"months": -11}, {"months": 12},
			  {"months": -2147483648}, {"months": 2147483647}, null]`), Options{},
			[]string{"1-2", "-1-2", "0-0", "-0-11", "1-0", "-178956970-8", "178956970-7", "NULL"}},
		{"array<year-month>", jsonArr(arrow.ListOf(arrow.FixedWidthTypes.MonthInterval),
			`[[{"months": 14}, null]]`), Options{}, []string{"[1-2,null]"}},
		{"day-time", jsonArr(us, `[`+itoa(4*s)+`, `+itoa(-(d+2*h+3*m+4*s+500_000))+`, 0, -1, `+
			itoa(800*d+11*h+3*m+2*s+123456)+`, -9223372036854775808, 9223372036854775807, null]`), Options{},
			[]string{"0 00:00:04.000000000", "-1 02:03:04.500000000", "0 00:00:00.000000000",
				"-0 00:00:00.000001000", "800 11:03:02.123456000", "-106751991 04:00:54.775808000",
				"106751991 04:00:54.775807000", "NULL"}},
		{"day-time seconds", jsonArr(&arrow.DurationType{Unit: arrow.Second}, `[100000]`), Options{},
			[]string{"1 03:46:40.000000000"}},
		{"day-time nanos", jsonArr(&arrow.DurationType{Unit: arrow.Nanosecond}, `[1500, -1500]`), Options{},
			[]string{"0 00:00:00.000001000", "-0 00:00:00.000002000"}},
		{"map<string,day-time>", jsonArr(arrow.MapOf(arrow.BinaryTypes.String, us),
			`[[{"key": "k", "value": 3600000000}, {"key": "j", "value": null}]]`), Options{},
			[]string{`{"j":null,"k":0 01:00:00.000000000}`}},
		// Calendar intervals print as CalendarInterval.toString, as in show().
		{"month_day_nano", jsonArr(arrow.FixedWidthTypes.MonthDayNanoInterval,
			`[{"months": 1, "days": 2, "nanoseconds": 3500000999}, {"months": 0, "days": 0, "nanoseconds": 0}, null]`),
			Options{}, []string{"1 months 2 days 3.5 seconds", "0 seconds", "NULL"}},
		{"day_time", jsonArr(arrow.FixedWidthTypes.DayTimeInterval, `[{"days": -3, "milliseconds": 1500}]`),
			Options{}, []string{"-3 days 1.5 seconds"}},
		{"array<month_day_nano>", jsonArr(arrow.ListOf(arrow.FixedWidthTypes.MonthDayNanoInterval),
			`[[{"months": 14, "days": 0, "nanoseconds": 0}, null]]`), Options{},
			[]string{"[1 years 2 months,null]"}},
	})
}

func TestHiveArrays(t *testing.T) {
	runHiveCases(t, []hiveCase{
		{"array<int>", jsonArr(arrow.ListOf(arrow.PrimitiveTypes.Int32), `[[11, 12, 13], [], null, [null]]`), Options{},
			[]string{"[11,12,13]", "[]", "NULL", "[null]"}},
		{"array<array<int>>", jsonArr(arrow.ListOf(arrow.ListOf(arrow.PrimitiveTypes.Int32)),
			`[[[111, 112, 113], [121, 122, 123]], [[1], null, []], null]`), Options{},
			[]string{"[[111,112,113],[121,122,123]]", "[[1],null,[]]", "NULL"}}, // golden (first)
		{"array<array<string>>", jsonArr(arrow.ListOf(arrow.ListOf(arrow.BinaryTypes.String)),
			`[[["a", null], null]]`), Options{}, []string{`[["a",null],null]`}},
		{"large_list", jsonArr(arrow.LargeListOf(arrow.PrimitiveTypes.Int64), `[[1, 2], null]`), Options{},
			[]string{"[1,2]", "NULL"}},
		{"fixed_size_list", jsonArr(arrow.FixedSizeListOf(2, arrow.PrimitiveTypes.Float64),
			`[[1, 0.5], null, [null, 1e10]]`), Options{},
			[]string{"[1.0,0.5]", "NULL", "[null,1.0E10]"}},
	})
}

// utf16MapArr builds map<string,int> values from parallel key/value lists,
// one map per entry of keys, keeping the insertion order.
func utf16MapArr(keys [][]string) func(t *testing.T) arrow.Array {
	return func(t *testing.T) arrow.Array {
		b := array.NewMapBuilder(memory.NewGoAllocator(), arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32, false)
		defer b.Release()
		kb := b.KeyBuilder().(*array.StringBuilder)
		ib := b.ItemBuilder().(*array.Int32Builder)
		for _, ks := range keys {
			b.Append(true)
			for v, k := range ks {
				kb.Append(k)
				ib.Append(int32(v + 1))
			}
		}
		arr := b.NewArray()
		t.Cleanup(arr.Release)
		return arr
	}
}

func TestHiveMaps(t *testing.T) {
	intString := arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String)
	runHiveCases(t, []hiveCase{
		{"map<int,string>", jsonArr(intString,
			`[[{"key": 1, "value": "a1"}, {"key": 2, "value": "b1"}],
			  [], null, [{"key": 1, "value": null}]]`), Options{},
			[]string{`{1:"a1",2:"b1"}`, "{}", "NULL", "{1:null}"}}, // golden (first)
		// The rendered entries key:value are sorted as strings, so 10 sorts
		// before 2, and 10:"a" before 1:"c" because '0' < ':'.
		{"sorted entries", jsonArr(intString,
			`[[{"key": 10, "value": "a"}, {"key": 2, "value": "b"}, {"key": 1, "value": "c"}],
			  [{"key": 10, "value": "a"}, {"key": 2, "value": "b"}, {"key": 3, "value": "c"}]]`), Options{},
			[]string{`{10:"a",1:"c",2:"b"}`, `{10:"a",2:"b",3:"c"}`}},
		// The quotes take part: "a b" sorts before "a" because ' ' < '"'.
		{"sorted with quotes", jsonArr(arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32),
			`[[{"key": "a", "value": 1}, {"key": "a b", "value": 2}]]`), Options{},
			[]string{`{"a b":2,"a":1}`}},
		{"map<string,int>", jsonArr(arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32),
			`[[{"key": "b", "value": 2}, {"key": "a", "value": 1}], [{"key": "a", "value": null}]]`), Options{},
			[]string{`{"a":1,"b":2}`, `{"a":null}`}}, // golden (second)
		// Java String order is UTF-16 code unit order: U+1F600 (a surrogate
		// pair, D83D DE00) sorts before U+E000 and U+FFFD, although its
		// UTF-8 bytes sort after theirs.
		{"utf16 order", utf16MapArr([][]string{
			{"\uE000", "\U0001F600", "z", "\uFFFD"},
			{"\U00010000", "\uFFFF"},
			{"é", "e"},
		}), Options{},
			[]string{`{"z":3,"` + "\U0001F600" + `":2,"` + "\uE000" + `":1,"` + "\uFFFD" + `":4}`,
				`{"` + "\U00010000" + `":1,"` + "\uFFFF" + `":2}`,
				`{"e":2,"é":1}`}},
		{"map<int,array<int>>", jsonArr(arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.ListOf(arrow.PrimitiveTypes.Int32)),
			`[[{"key": 2, "value": [1, null]}, {"key": 1, "value": null}]]`), Options{},
			[]string{"{1:null,2:[1,null]}"}},
		// Maps inside maps each sort their own entries.
		{"map<string,map<int,int>>", jsonArr(arrow.MapOf(arrow.BinaryTypes.String,
			arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int32)),
			`[[{"key": "y", "value": [{"key": 3, "value": 30}, {"key": 20, "value": 2}]},
			   {"key": "x", "value": [{"key": 9, "value": 9}]}]]`), Options{},
			[]string{`{"x":{9:9},"y":{20:2,3:30}}`}},
		{"array<map>", jsonArr(arrow.ListOf(intString),
			`[[null, [{"key": 2, "value": "b"}, {"key": 1, "value": "a"}]]]`), Options{},
			[]string{`[null,{1:"a",2:"b"}]`}},
	})
}

func TestHiveStructs(t *testing.T) {
	ab := arrow.StructOf(
		arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "b", Type: arrow.BinaryTypes.String, Nullable: true},
	)
	outer := arrow.StructOf(
		arrow.Field{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		arrow.Field{Name: "inner", Type: ab, Nullable: true},
		arrow.Field{Name: "tags", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	)
	runHiveCases(t, []hiveCase{
		{"struct", jsonArr(ab, `[{"a": 1, "b": "x"}, {"a": null, "b": null}, null]`), Options{},
			[]string{`{"a":1,"b":"x"}`, `{"a":null,"b":null}`, "NULL"}}, // golden (first)
		{"nested struct", jsonArr(outer,
			`[{"id": 1, "inner": {"a": 2, "b": "y"}, "tags": ["t", null]},
			  {"id": 2, "inner": null, "tags": null}]`), Options{},
			[]string{`{"id":1,"inner":{"a":2,"b":"y"},"tags":["t",null]}`, `{"id":2,"inner":null,"tags":null}`}},
		{"array<struct>", jsonArr(arrow.ListOf(ab), `[[{"a": 1, "b": "x"}, null]]`), Options{},
			[]string{`[{"a":1,"b":"x"},null]`}},
		{"struct with map", jsonArr(arrow.StructOf(
			arrow.Field{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.FixedWidthTypes.Date32), Nullable: true}),
			`[{"m": [{"key": "b", "value": 1}, {"key": "a", "value": null}]}]`), Options{},
			[]string{`{"m":{"a":null,"b":1970-01-02}}`}},
	})
}

// TestHiveEncodedValues checks that dictionary and run-end encoded children
// follow the nested rules of their position.
func TestHiveEncodedValues(t *testing.T) {
	dict := fromJSON(t, arrow.BinaryTypes.String, `["a", null, "c"]`)
	idx := fromJSON(t, arrow.PrimitiveTypes.Int8, `[2, 0, null, 1]`)
	da := array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}, idx, dict)
	defer da.Release()
	hive := Options{Style: StyleHive}
	checkRender(t, "dictionary", da, hive, "c", "a", "NULL", "NULL")

	ends := fromJSON(t, arrow.PrimitiveTypes.Int32, `[2, 4]`)
	vals := fromJSON(t, arrow.BinaryTypes.String, `["r", null]`)
	ree := array.NewRunEndEncodedArray(ends, vals, 4, 0)
	defer ree.Release()
	checkRender(t, "run_end_encoded", ree, hive, "r", "r", "NULL", "NULL")

	st, err := array.NewStructArray([]arrow.Array{da, ree}, []string{"d", "r"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Release()
	checkRender(t, "struct<dictionary,ree>", st, hive,
		`{"d":"c","r":"r"}`, `{"d":"a","r":"r"}`, `{"d":null,"r":null}`, `{"d":null,"r":null}`)
}

// TestHiveStyleIsolation checks that StyleShow (the zero value) is not
// affected by the Hive rules and that the style must be asked for.
func TestHiveStyleIsolation(t *testing.T) {
	arr := fromJSON(t, arrow.ListOf(arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String)),
		`[[[{"key": 2, "value": "b"}, {"key": 1, "value": null}]], null]`)
	checkRender(t, "show", arr, Options{}, "[{2 -> b, 1 -> NULL}]", "NULL")
	checkRender(t, "show explicit", arr, Options{Style: StyleShow}, "[{2 -> b, 1 -> NULL}]", "NULL")
	checkRender(t, "hive", arr, Options{Style: StyleHive}, `[{1:null,2:"b"}]`, "NULL")

	bin := fromJSON(t, arrow.BinaryTypes.Binary, `["MTI="]`)
	checkRender(t, "show binary", bin, Options{}, "[31 32]")
	checkRender(t, "hive binary", bin, Options{Style: StyleHive}, "12")

	got, err := FormatValue(fromJSON(t, arrow.ListOf(arrow.BinaryTypes.String), `[["x"]]`), 0, Options{Style: StyleHive})
	if err != nil || got != `["x"]` {
		t.Fatalf("FormatValue = %q, %v", got, err)
	}
}

// TestHiveMapConcurrent renders maps (which sort through pooled scratch
// space) from several goroutines; run it with -race.
func TestHiveMapConcurrent(t *testing.T) {
	arr := fromJSON(t, arrow.MapOf(arrow.BinaryTypes.String, arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int32)),
		`[[{"key": "y", "value": [{"key": 3, "value": 30}, {"key": 20, "value": 2}]},
		   {"key": "x", "value": [{"key": 9, "value": 9}, {"key": 10, "value": 1}]}],
		  [{"key": "b", "value": null}, {"key": "a", "value": []}]]`)
	f, err := NewFormatter(arr, Options{Style: StyleHive})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`{"x":{10:1,9:9},"y":{20:2,3:30}}`, `{"a":{},"b":null}`}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for n := 0; n < 200; n++ {
				i := n % 2
				buf = f.AppendValue(buf[:0], i)
				if string(buf) != want[i] {
					t.Errorf("value %d = %q, want %q", i, buf, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestCompareUTF16(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "a", -1},
		{"a", "", 1},
		{"a", "b", -1},
		{"ab", "a", 1},
		{"10", "2", -1},
		{"z", "é", -1},
		{"\u07FF", "\u0800", -1},
		{"\U0001F600", "\uE000", -1}, // surrogate pair D83D... < E000
		{"\uFFFF", "\U00010000", 1},
		{"\uD7FF", "\U00010000", -1},
		{"x\U0001F600y", "x\U0001F600z", -1},
		{"x\U0001F600", "x\U0001F601", -1},
		{"\U0001F600", "\U0001F600", 0},
		{"\u0100", "\u00FF", 1},  // first bytes differ inside the character
		{"\u0101", "\u0102", -1}, // last bytes differ inside the character
	}
	for _, c := range cases {
		if got := compareUTF16([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("compareUTF16(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}

	// Against a reference: compare the UTF-16 encodings.
	pool := []rune{'a', 'b', 'z', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
		0x10000, 0x1F600, 0x10FFFF}
	rng := rand.New(rand.NewPCG(1, 2))
	randString := func() string {
		rs := make([]rune, rng.IntN(4))
		for k := range rs {
			rs[k] = pool[rng.IntN(len(pool))]
		}
		return string(rs)
	}
	for n := 0; n < 20000; n++ {
		a, b := randString(), randString()
		want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
		if got := compareUTF16([]byte(a), []byte(b)); got != want {
			t.Fatalf("compareUTF16(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
}

func BenchmarkHiveMap(b *testing.B) {
	arr, _, err := array.FromJSON(memory.NewGoAllocator(), arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String),
		strings.NewReader(`[[{"key": 10, "value": "a"}, {"key": 2, "value": "b"}, {"key": 1, "value": "c"}, {"key": 7, "value": null}]]`))
	if err != nil {
		b.Fatal(err)
	}
	defer arr.Release()
	f, err := NewFormatter(arr, Options{Style: StyleHive})
	if err != nil {
		b.Fatal(err)
	}
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		buf = f.AppendValue(buf[:0], 0)
	}
}
