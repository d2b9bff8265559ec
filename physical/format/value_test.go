package format

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // deterministic zone rules for the time zone goldens

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Unless stated otherwise, expected strings below are taken from Spark's
// own test suites at the 4.0 branch point (ToPrettyStringSuite,
// TimestampFormatterSuite, DateFormatterSuite, IntervalUtilsSuite,
// CalendarIntervalSuite, VariantExpressionSuite, the sql-tests golden
// files) or derived by hand from the Spark/JDK code paths named next to
// them.

func fromJSON(t *testing.T, dt arrow.DataType, js string) arrow.Array {
	t.Helper()
	arr, _, err := array.FromJSON(memory.NewGoAllocator(), dt, strings.NewReader(js))
	if err != nil {
		t.Fatalf("building %s from %s: %v", dt, js, err)
	}
	t.Cleanup(arr.Release)
	return arr
}

// render formats every element of arr.
func render(t *testing.T, arr arrow.Array, opts Options) []string {
	t.Helper()
	f, err := NewFormatter(arr, opts)
	if err != nil {
		t.Fatalf("NewFormatter(%s): %v", arr.DataType(), err)
	}
	out := make([]string, arr.Len())
	for i := range out {
		out[i] = f.Value(i)
	}
	return out
}

func checkRender(t *testing.T, name string, arr arrow.Array, opts Options, want ...string) {
	t.Helper()
	got := render(t, arr, opts)
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %q, want %d %q", name, len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s[%d]: got %q, want %q", name, i, got[i], want[i])
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestJavaDoubleString(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		// ToPrettyStringSuite: Cast(8, DoubleType) -> "8.0".
		{8, "8.0"},
		// sql-tests literals.sql.out / ArrowConvertersSuite.
		{1e10, "1.0E10"},
		{-1e10, "-1.0E10"},
		{150000, "150000.0"},
		{10000, "10000.0"},
		{-1.2, "-1.2"},
		{0.1, "0.1"},
		{0.01, "0.01"},
		{200, "200.0"},
		{1.0e-4, "1.0E-4"},
		{20000, "20000.0"},
		// ExpressionSQLBuilderSuite (Double.MinPositiveValue), JSON/CSV suites.
		{math.SmallestNonzeroFloat64, "4.9E-324"},
		{math.MaxFloat64, "1.7976931348623157E308"},
		{2.2250738585072014e-308, "2.2250738585072014E-308"},
		// Java's Double.toString specification (plain for 1e-3 <= |d| < 1e7).
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1, "1.0"},
		{-1, "-1.0"},
		{1e7, "1.0E7"},
		{9999999, "9999999.0"},
		{9999999.5, "9999999.5"},
		{123456789, "1.23456789E8"},
		{0.001, "0.001"},
		{0.00099, "9.9E-4"},
		{1.234e-5, "1.234E-5"},
		{100, "100.0"},
		{1234567.125, "1234567.125"},
		{1.0e23, "1.0E23"},
		{1.0e-300, "1.0E-300"},
		{3.141592653589793, "3.141592653589793"},
		{0.30000000000000004, "0.30000000000000004"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
		// JDK 19+ rule for one-digit shortest decimals: the closest decimal
		// of length 1 or 2 is chosen (2 * Double.MIN_VALUE = 9.88e-324).
		{2 * math.SmallestNonzeroFloat64, "9.9E-324"},
	}
	for _, c := range cases {
		if got := JavaDoubleString(c.in); got != c.want {
			t.Errorf("JavaDoubleString(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJavaFloatString(t *testing.T) {
	cases := []struct {
		in   float32
		want string
	}{
		{8, "8.0"}, // ToPrettyStringSuite: Cast(8, FloatType)
		{0.1, "0.1"},
		{1e10, "1.0E10"},
		{1e7, "1.0E7"},
		{1e-4, "1.0E-4"},
		{123456.7, "123456.7"},
		{3.14159, "3.14159"},
		{math.MaxFloat32, "3.4028235E38"},
		{math.SmallestNonzeroFloat32, "1.4E-45"}, // ExpressionSQLBuilderSuite
		{float32(math.Copysign(0, -1)), "-0.0"},
		{float32(math.Inf(1)), "Infinity"},
		{float32(math.NaN()), "NaN"},
	}
	for _, c := range cases {
		if got := JavaFloatString(c.in); got != c.want {
			t.Errorf("JavaFloatString(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPrimitiveValues(t *testing.T) {
	o := Options{}
	checkRender(t, "null", array.NewNull(2), o, "NULL", "NULL")
	checkRender(t, "bool", fromJSON(t, arrow.FixedWidthTypes.Boolean, `[false, true, null]`), o,
		"false", "true", "NULL")
	checkRender(t, "int8", fromJSON(t, arrow.PrimitiveTypes.Int8, `[8, -128, null]`), o, "8", "-128", "NULL")
	checkRender(t, "int16", fromJSON(t, arrow.PrimitiveTypes.Int16, `[8, -32768]`), o, "8", "-32768")
	checkRender(t, "int32", fromJSON(t, arrow.PrimitiveTypes.Int32, `[1, 2147483647]`), o, "1", "2147483647")
	checkRender(t, "int64", fromJSON(t, arrow.PrimitiveTypes.Int64, `[1, -9223372036854775808]`), o,
		"1", "-9223372036854775808")
	checkRender(t, "float32", fromJSON(t, arrow.PrimitiveTypes.Float32, `[8, 0.1, null]`), o, "8.0", "0.1", "NULL")
	checkRender(t, "float64", fromJSON(t, arrow.PrimitiveTypes.Float64, `[8, 1e10, 0.0001, null]`), o,
		"8.0", "1.0E10", "1.0E-4", "NULL")
	checkRender(t, "string", fromJSON(t, arrow.BinaryTypes.String, `["s", "", null, "a\nb"]`), o,
		"s", "", "NULL", "a\nb")
	checkRender(t, "large_string", fromJSON(t, arrow.BinaryTypes.LargeString, `["s", null]`), o, "s", "NULL")
}

func TestDecimalValues(t *testing.T) {
	o := Options{}
	// ToPrettyStringSuite: Cast(1234.65, DecimalType(6, 2)) -> "1234.65".
	// The others follow BigDecimal.toPlainString (Spark's Decimal.toPlainString).
	checkRender(t, "decimal(6,2)", fromJSON(t, &arrow.Decimal128Type{Precision: 6, Scale: 2},
		`["1234.65", "1.5", "-0.05", "0", null]`), o,
		"1234.65", "1.50", "-0.05", "0.00", "NULL")
	checkRender(t, "decimal(38,10)", fromJSON(t, &arrow.Decimal128Type{Precision: 38, Scale: 10},
		`["9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999", "1e-10"]`), o,
		"9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999", "0.0000000001")
	checkRender(t, "decimal(10,0)", fromJSON(t, &arrow.Decimal128Type{Precision: 10, Scale: 0},
		`["12", "-7"]`), o, "12", "-7")
	// Plain notation even where BigDecimal.toString would use an exponent.
	checkRender(t, "decimal(20,18)", fromJSON(t, &arrow.Decimal128Type{Precision: 20, Scale: 18},
		`["0.000000000000000001"]`), o, "0.000000000000000001")
	checkRender(t, "decimal256(40,2)", fromJSON(t, &arrow.Decimal256Type{Precision: 40, Scale: 2},
		`["12345678901234567890123456789012345678.90"]`), o, "12345678901234567890123456789012345678.90")
}

func TestBinaryValues(t *testing.T) {
	// "abcdef" (ToPrettyStringSuite), "12"/"ABC." (DataFrameShowSuite),
	// "Spark" and the empty value (sql-tests binary_*.sql.out).
	bin := fromJSON(t, arrow.BinaryTypes.Binary, `["YWJjZGVm", "MTI=", "QUJDLg==", "U3Bhcms=", "", null]`)
	checkRender(t, "default", bin, Options{},
		"[61 62 63 64 65 66]", "[31 32]", "[41 42 43 2E]", "[53 70 61 72 6B]", "[]", "NULL")
	checkRender(t, "HEX_DISCRETE", bin, Options{BinaryStyle: BinaryHexDiscrete},
		"[61 62 63 64 65 66]", "[31 32]", "[41 42 43 2E]", "[53 70 61 72 6B]", "[]", "NULL")
	checkRender(t, "HEX", bin, Options{BinaryStyle: BinaryHex},
		"616263646566", "3132", "4142432E", "537061726B", "", "NULL")
	checkRender(t, "BASIC", bin, Options{BinaryStyle: BinaryBasic},
		"[97, 98, 99, 100, 101, 102]", "[49, 50]", "[65, 66, 67, 46]", "[83, 112, 97, 114, 107]", "[]", "NULL")
	checkRender(t, "BASE64", bin, Options{BinaryStyle: BinaryBase64},
		"YWJjZGVm", "MTI", "QUJDLg", "U3Bhcms", "", "NULL")
	checkRender(t, "UTF-8", bin, Options{BinaryStyle: BinaryUTF8},
		"abcdef", "12", "ABC.", "Spark", "", "NULL")
	// BASIC prints Java's signed bytes.
	checkRender(t, "BASIC signed", fromJSON(t, arrow.BinaryTypes.Binary, `["/4A="]`),
		Options{BinaryStyle: BinaryBasic}, "[-1, -128]")
	checkRender(t, "large_binary", fromJSON(t, arrow.BinaryTypes.LargeBinary, `["MTI="]`), Options{}, "[31 32]")
}

// epochDay returns the days since 1970-01-01 of a proleptic Gregorian date.
func epochDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func TestDateValues(t *testing.T) {
	b := array.NewDate32Builder(memory.NewGoAllocator())
	defer b.Release()
	for _, d := range []int64{
		epochDay(1980, 12, 17),                // ToPrettyStringSuite
		epochDay(-99, 1, 1),                   // DateFormatterSuite: "-0099-01-01"
		15046, 106751991, -106751992, -719893, // VariantExpressionSuite casts
		0,
		epochDay(10000, 1, 1),
		epochDay(0, 6, 30),
	} {
		b.Append(arrow.Date32(d))
	}
	b.AppendNull()
	arr := b.NewArray()
	defer arr.Release()
	checkRender(t, "date32", arr, Options{},
		"1980-12-17", "-0099-01-01", "2011-03-13", "+294247-01-10", "-290308-12-21", "-0001-01-01",
		"1970-01-01", "+10000-01-01", "0000-06-30", "NULL")

	checkRender(t, "date64", fromJSON(t, arrow.FixedWidthTypes.Date64, `[0, -1, 86400000]`), Options{},
		"1970-01-01", "1969-12-31", "1970-01-02")
}

func timestampArray(t *testing.T, typ *arrow.TimestampType, vals ...int64) arrow.Array {
	t.Helper()
	b := array.NewTimestampBuilder(memory.NewGoAllocator(), typ)
	defer b.Release()
	for _, v := range vals {
		b.Append(arrow.Timestamp(v))
	}
	b.AppendNull()
	arr := b.NewArray()
	t.Cleanup(arr.Release)
	return arr
}

func TestTimestampNTZValues(t *testing.T) {
	ntz := &arrow.TimestampType{Unit: arrow.Microsecond}
	// TimestampFormatterSuite "format fraction of second" (UTC), the
	// ToPrettyStringSuite TimestampNTZ case, and VariantExpressionSuite's
	// extreme values (its NTZ formatter prints like the fraction formatter).
	arr := timestampArray(t, ntz,
		-999999, -999900, -1, 0, 1, 1000, 900000, 1000000,
		math.MinInt64, math.MaxInt64, -62198755200000000, 1300010400000000-1)
	// The session time zone must not affect TIMESTAMP_NTZ.
	checkRender(t, "timestamp_ntz", arr, Options{TimeZone: mustZone(t, "America/Los_Angeles")},
		"1969-12-31 23:59:59.000001",
		"1969-12-31 23:59:59.0001",
		"1969-12-31 23:59:59.999999",
		"1970-01-01 00:00:00",
		"1970-01-01 00:00:00.000001",
		"1970-01-01 00:00:00.001",
		"1970-01-01 00:00:00.9",
		"1970-01-01 00:00:01",
		"-290308-12-21 19:59:05.224192",
		"+294247-01-10 04:00:54.775807",
		"-0001-01-01 00:00:00",
		"2011-03-13 09:59:59.999999",
		"NULL")
}

func TestTimestampValues(t *testing.T) {
	tz := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	// TimestampFormatterSuite "format timestamps using time zones".
	arr := timestampArray(t, tz, 1543745472001234)
	for zone, want := range map[string]string{
		"UTC":                 "2018-12-02 10:11:12.001234",
		"America/Los_Angeles": "2018-12-02 02:11:12.001234",
		"CET":                 "2018-12-02 11:11:12.001234",
		"Africa/Dakar":        "2018-12-02 10:11:12.001234",
		"Asia/Urumqi":         "2018-12-02 16:11:12.001234",
		"Asia/Hong_Kong":      "2018-12-02 18:11:12.001234",
		"Europe/Brussels":     "2018-12-02 11:11:12.001234",
	} {
		checkRender(t, zone, arr, Options{TimeZone: mustZone(t, zone)}, want, "NULL")
	}
	// ToPrettyStringSuite: '2012-11-30 09:19:00' UTC shown in the test
	// session zone America/Los_Angeles.
	utc0919 := time.Date(2012, 11, 30, 9, 19, 0, 0, time.UTC).UnixMicro()
	checkRender(t, "pretty", timestampArray(t, tz, utc0919),
		Options{TimeZone: mustZone(t, "America/Los_Angeles")}, "2012-11-30 01:19:00", "NULL")
	// Nil TimeZone means UTC; the zone named by the Arrow type is ignored.
	other := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "Asia/Tokyo"}
	checkRender(t, "nil zone", timestampArray(t, other, utc0919), Options{}, "2012-11-30 09:19:00", "NULL")
	// Other units are converted to microseconds.
	checkRender(t, "seconds", timestampArray(t, &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, 1),
		Options{}, "1970-01-01 00:00:01", "NULL")
	checkRender(t, "millis", timestampArray(t, &arrow.TimestampType{Unit: arrow.Millisecond}, -1),
		Options{}, "1969-12-31 23:59:59.999", "NULL")
	checkRender(t, "nanos", timestampArray(t, &arrow.TimestampType{Unit: arrow.Nanosecond}, 1001, -1),
		Options{}, "1970-01-01 00:00:00.000001", "1969-12-31 23:59:59.999999", "NULL")
}

func TestDayTimeIntervalString(t *testing.T) {
	const (
		D, H, M, S = FieldDay, FieldHour, FieldMinute, FieldSecond
	)
	// IntervalUtilsSuite "SPARK-35734: Format day-time intervals using type
	// fields" (and SPARK-35016), in the order DAY TO SECOND, DAY TO MINUTE,
	// DAY TO HOUR, HOUR TO SECOND, HOUR TO MINUTE, MINUTE TO SECOND, DAY,
	// HOUR, MINUTE, SECOND.
	fields := [][2]DayTimeField{{D, S}, {D, M}, {D, H}, {H, S}, {H, M}, {M, S}, {D, D}, {H, H}, {M, M}, {S, S}}
	cases := map[int64][10]string{
		0: {"INTERVAL '0 00:00:00' DAY TO SECOND", "INTERVAL '0 00:00' DAY TO MINUTE",
			"INTERVAL '0 00' DAY TO HOUR", "INTERVAL '00:00:00' HOUR TO SECOND",
			"INTERVAL '00:00' HOUR TO MINUTE", "INTERVAL '00:00' MINUTE TO SECOND",
			"INTERVAL '0' DAY", "INTERVAL '00' HOUR", "INTERVAL '00' MINUTE", "INTERVAL '00' SECOND"},
		-1: {"INTERVAL '-0 00:00:00.000001' DAY TO SECOND", "INTERVAL '-0 00:00' DAY TO MINUTE",
			"INTERVAL '-0 00' DAY TO HOUR", "INTERVAL '-00:00:00.000001' HOUR TO SECOND",
			"INTERVAL '-00:00' HOUR TO MINUTE", "INTERVAL '-00:00.000001' MINUTE TO SECOND",
			"INTERVAL '-0' DAY", "INTERVAL '-00' HOUR", "INTERVAL '-00' MINUTE", "INTERVAL '-00.000001' SECOND"},
		10_000: {"INTERVAL '0 00:00:00.01' DAY TO SECOND", "INTERVAL '0 00:00' DAY TO MINUTE",
			"INTERVAL '0 00' DAY TO HOUR", "INTERVAL '00:00:00.01' HOUR TO SECOND",
			"INTERVAL '00:00' HOUR TO MINUTE", "INTERVAL '00:00.01' MINUTE TO SECOND",
			"INTERVAL '0' DAY", "INTERVAL '00' HOUR", "INTERVAL '00' MINUTE", "INTERVAL '00.01' SECOND"},
		-123*microsPerDay - 3*microsPerSecond: {"INTERVAL '-123 00:00:03' DAY TO SECOND",
			"INTERVAL '-123 00:00' DAY TO MINUTE", "INTERVAL '-123 00' DAY TO HOUR",
			"INTERVAL '-2952:00:03' HOUR TO SECOND", "INTERVAL '-2952:00' HOUR TO MINUTE",
			"INTERVAL '-177120:03' MINUTE TO SECOND", "INTERVAL '-123' DAY", "INTERVAL '-2952' HOUR",
			"INTERVAL '-177120' MINUTE", "INTERVAL '-10627203' SECOND"},
		math.MinInt64: {"INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND",
			"INTERVAL '-106751991 04:00' DAY TO MINUTE", "INTERVAL '-106751991 04' DAY TO HOUR",
			"INTERVAL '-2562047788:00:54.775808' HOUR TO SECOND", "INTERVAL '-2562047788:00' HOUR TO MINUTE",
			"INTERVAL '-153722867280:54.775808' MINUTE TO SECOND", "INTERVAL '-106751991' DAY",
			"INTERVAL '-2562047788' HOUR", "INTERVAL '-153722867280' MINUTE",
			"INTERVAL '-9223372036854.775808' SECOND"},
		69159782123456: {"INTERVAL '800 11:03:02.123456' DAY TO SECOND", "INTERVAL '800 11:03' DAY TO MINUTE",
			"INTERVAL '800 11' DAY TO HOUR", "INTERVAL '19211:03:02.123456' HOUR TO SECOND",
			"INTERVAL '19211:03' HOUR TO MINUTE", "INTERVAL '1152663:02.123456' MINUTE TO SECOND",
			"INTERVAL '800' DAY", "INTERVAL '19211' HOUR", "INTERVAL '1152663' MINUTE",
			"INTERVAL '69159782.123456' SECOND"},
		-69159782123456: {"INTERVAL '-800 11:03:02.123456' DAY TO SECOND", "INTERVAL '-800 11:03' DAY TO MINUTE",
			"INTERVAL '-800 11' DAY TO HOUR", "INTERVAL '-19211:03:02.123456' HOUR TO SECOND",
			"INTERVAL '-19211:03' HOUR TO MINUTE", "INTERVAL '-1152663:02.123456' MINUTE TO SECOND",
			"INTERVAL '-800' DAY", "INTERVAL '-19211' HOUR", "INTERVAL '-1152663' MINUTE",
			"INTERVAL '-69159782.123456' SECOND"},
	}
	for micros, wants := range cases {
		for k, f := range fields {
			if got := string(AppendDayTimeInterval(nil, micros, f[0], f[1])); got != wants[k] {
				t.Errorf("AppendDayTimeInterval(%d, %v, %v) = %q, want %q", micros, f[0], f[1], got, wants[k])
			}
		}
	}
}

func TestDurationValues(t *testing.T) {
	us := 1*microsPerDay + 2*microsPerHour + 3*microsPerMinute + 4*microsPerSecond
	// ToPrettyStringSuite: INTERVAL '1 2:03:04' DAY TO SECOND; the second
	// value is the brief's example (half a second more).
	arr := fromJSON(t, &arrow.DurationType{Unit: arrow.Microsecond},
		`[`+itoa(us)+`, `+itoa(us+500000)+`, -1, null]`)
	checkRender(t, "duration", arr, Options{},
		"INTERVAL '1 02:03:04' DAY TO SECOND",
		"INTERVAL '1 02:03:04.5' DAY TO SECOND",
		"INTERVAL '-0 00:00:00.000001' DAY TO SECOND",
		"NULL")
	checkRender(t, "duration[s]", fromJSON(t, &arrow.DurationType{Unit: arrow.Second}, `[10]`), Options{},
		"INTERVAL '0 00:00:10' DAY TO SECOND")
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func TestYearMonthIntervalValues(t *testing.T) {
	// IntervalUtilsSuite "SPARK-35771: Format year-month intervals using type fields".
	cases := []struct {
		months                 int32
		yearToMonth, year, mon string
	}{
		{0, "INTERVAL '0-0' YEAR TO MONTH", "INTERVAL '0' YEAR", "INTERVAL '0' MONTH"},
		{-11, "INTERVAL '-0-11' YEAR TO MONTH", "INTERVAL '-0' YEAR", "INTERVAL '-11' MONTH"},
		{11, "INTERVAL '0-11' YEAR TO MONTH", "INTERVAL '0' YEAR", "INTERVAL '11' MONTH"},
		{-12, "INTERVAL '-1-0' YEAR TO MONTH", "INTERVAL '-1' YEAR", "INTERVAL '-12' MONTH"},
		{13, "INTERVAL '1-1' YEAR TO MONTH", "INTERVAL '1' YEAR", "INTERVAL '13' MONTH"},
		{-24, "INTERVAL '-2-0' YEAR TO MONTH", "INTERVAL '-2' YEAR", "INTERVAL '-24' MONTH"},
		{math.MinInt32, "INTERVAL '-178956970-8' YEAR TO MONTH", "INTERVAL '-178956970' YEAR",
			"INTERVAL '-2147483648' MONTH"},
		{math.MaxInt32, "INTERVAL '178956970-7' YEAR TO MONTH", "INTERVAL '178956970' YEAR",
			"INTERVAL '2147483647' MONTH"},
	}
	for _, c := range cases {
		for _, x := range []struct {
			s, e YearMonthField
			want string
		}{{FieldYear, FieldMonth, c.yearToMonth}, {FieldYear, FieldYear, c.year}, {FieldMonth, FieldMonth, c.mon}} {
			if got := string(AppendYearMonthInterval(nil, c.months, x.s, x.e)); got != x.want {
				t.Errorf("AppendYearMonthInterval(%d, %v, %v) = %q, want %q", c.months, x.s, x.e, got, x.want)
			}
		}
	}
	// ToPrettyStringSuite: INTERVAL '1-0' YEAR TO MONTH.
	checkRender(t, "month_interval", fromJSON(t, arrow.FixedWidthTypes.MonthInterval, `[{"months": 12}, null]`), Options{},
		"INTERVAL '1-0' YEAR TO MONTH", "NULL")
}

func TestCalendarIntervalValues(t *testing.T) {
	const h, m = microsPerHour, microsPerMinute
	// CalendarIntervalSuite.toStringTest and ToPrettyStringSuite.
	cases := []struct {
		months, days int32
		micros       int64
		want         string
	}{
		{0, 0, 0, "0 seconds"},
		{34, 0, 0, "2 years 10 months"},
		{-34, 0, 0, "-2 years -10 months"},
		{0, 31, 0, "31 days"},
		{0, -31, 0, "-31 days"},
		{0, 0, 3*h + 13*m + 123, "3 hours 13 minutes 0.000123 seconds"},
		{0, 0, -3*h - 13*m - 123, "-3 hours -13 minutes -0.000123 seconds"},
		{34, 31, 3*h + 13*m + 123, "2 years 10 months 31 days 3 hours 13 minutes 0.000123 seconds"},
		{-3, 1, 7 * h, "-3 months 1 days 7 hours"},
		{1, 2, 3500000, "1 months 2 days 3.5 seconds"},
	}
	for _, c := range cases {
		if got := string(AppendCalendarInterval(nil, c.months, c.days, c.micros)); got != c.want {
			t.Errorf("AppendCalendarInterval(%d, %d, %d) = %q, want %q", c.months, c.days, c.micros, got, c.want)
		}
	}
	arr := fromJSON(t, arrow.FixedWidthTypes.MonthDayNanoInterval,
		`[{"months": 1, "days": 2, "nanoseconds": 3500000999}, {"months": 0, "days": 0, "nanoseconds": 0}, null]`)
	// Arrow nanoseconds are truncated to Spark's microseconds.
	checkRender(t, "month_day_nano", arr, Options{}, "1 months 2 days 3.5 seconds", "0 seconds", "NULL")
}

func TestNestedValues(t *testing.T) {
	o := Options{}
	// ToPrettyStringSuite: arrays, maps, structs; DataFrameShowSuite
	// SPARK-23023. NULL elements, NULL map values and NULL struct fields are
	// spelled "NULL" (ToStringBase with nullString = "NULL").
	checkRender(t, "array<int>", fromJSON(t, arrow.ListOf(arrow.PrimitiveTypes.Int32),
		`[[1, 2, 3, 4, 5], [], null, [null], [1, null, 3]]`), o,
		"[1, 2, 3, 4, 5]", "[]", "NULL", "[NULL]", "[1, NULL, 3]")
	checkRender(t, "array<array<int>>", fromJSON(t, arrow.ListOf(arrow.ListOf(arrow.PrimitiveTypes.Int32)),
		`[[[1, 2], [], null, [null]]]`), o, "[[1, 2], [], NULL, [NULL]]")
	checkRender(t, "large_list<string>", fromJSON(t, arrow.LargeListOf(arrow.BinaryTypes.String),
		`[["a", null, ""]]`), o, "[a, NULL, ]")
	checkRender(t, "fixed_size_list", fromJSON(t, arrow.FixedSizeListOf(2, arrow.PrimitiveTypes.Float64),
		`[[1, 0.5], null, [null, 1e10]]`), o, "[1.0, 0.5]", "NULL", "[NULL, 1.0E10]")

	mapType := arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String)
	checkRender(t, "map<int,string>", fromJSON(t, mapType,
		`[[{"key": 1, "value": "a"}, {"key": 2, "value": "b"}, {"key": 3, "value": "c"}],
		  [], null, [{"key": 1, "value": null}, {"key": 2, "value": "x"}]]`), o,
		"{1 -> a, 2 -> b, 3 -> c}", "{}", "NULL", "{1 -> NULL, 2 -> x}")

	structType := arrow.StructOf(
		arrow.Field{Name: "_1", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "_2", Type: arrow.BinaryTypes.String, Nullable: true},
		arrow.Field{Name: "_3", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	)
	checkRender(t, "struct", fromJSON(t, structType,
		`[{"_1": 1, "_2": "a", "_3": 0.1}, {"_1": null, "_2": null, "_3": null}, null]`), o,
		"{1, a, 0.1}", "{NULL, NULL, NULL}", "NULL")

	// Deeper nesting: array<struct<a: int, m: map<string, array<binary>>>>.
	inner := arrow.StructOf(
		arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.ListOf(arrow.BinaryTypes.Binary)), Nullable: true},
	)
	checkRender(t, "deep", fromJSON(t, arrow.ListOf(inner),
		`[[{"a": 1, "m": [{"key": "k", "value": ["MTI=", null]}]}, null, {"a": null, "m": null}]]`), o,
		"[{1, {k -> [[31 32], NULL]}}, NULL, {NULL, NULL}]")

	// Nested timestamps and dates follow the same rules as top-level ones.
	tsList := arrow.ListOf(&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"})
	checkRender(t, "array<timestamp>", fromJSON(t, tsList, `[["1543745472001234", null]]`),
		Options{TimeZone: mustZone(t, "Asia/Hong_Kong")}, "[2018-12-02 18:11:12.001234, NULL]")
}

func TestSlicedNestedValues(t *testing.T) {
	structType := arrow.StructOf(
		arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "b", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	)
	arr := fromJSON(t, structType,
		`[{"a": 1, "b": ["x"]}, null, {"a": 3, "b": ["y", null]}, {"a": null, "b": []}]`)
	sl := array.NewSlice(arr, 1, 4)
	defer sl.Release()
	checkRender(t, "sliced struct", sl, Options{}, "NULL", "{3, [y, NULL]}", "{NULL, []}")

	list := fromJSON(t, arrow.ListOf(arrow.PrimitiveTypes.Int64), `[[1], [2, 3], null, [4]]`)
	sl2 := array.NewSlice(list, 1, 4)
	defer sl2.Release()
	checkRender(t, "sliced list", sl2, Options{}, "[2, 3]", "NULL", "[4]")
}

func TestEncodedValues(t *testing.T) {
	dict := fromJSON(t, arrow.BinaryTypes.String, `["a", null, "c"]`)
	idx := fromJSON(t, arrow.PrimitiveTypes.Int8, `[2, 0, null, 1]`)
	da := array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}, idx, dict)
	defer da.Release()
	checkRender(t, "dictionary", da, Options{}, "c", "a", "NULL", "NULL")

	ends := fromJSON(t, arrow.PrimitiveTypes.Int32, `[2, 3]`)
	vals := fromJSON(t, arrow.PrimitiveTypes.Int64, `[7, null]`)
	ree := array.NewRunEndEncodedArray(ends, vals, 3, 0)
	defer ree.Release()
	checkRender(t, "run_end_encoded", ree, Options{}, "7", "7", "NULL")
}

func TestUnsupportedType(t *testing.T) {
	ut := arrow.SparseUnionOf([]arrow.Field{{Name: "a", Type: arrow.PrimitiveTypes.Int32}}, []arrow.UnionTypeCode{0})
	arr := fromJSON(t, ut, `[[0, 1]]`)
	if _, err := NewFormatter(arr, Options{}); err == nil {
		t.Fatal("NewFormatter accepted a union array")
	}
	if _, err := FormatValue(arr, 0, Options{}); err == nil {
		t.Fatal("FormatValue accepted a union array")
	}
}

func TestFormatValue(t *testing.T) {
	arr := fromJSON(t, arrow.ListOf(arrow.PrimitiveTypes.Int32), `[[1, 2, 3]]`)
	got, err := FormatValue(arr, 0, Options{})
	if err != nil || got != "[1, 2, 3]" {
		t.Fatalf("FormatValue = %q, %v", got, err)
	}
}

func TestJavaString(t *testing.T) {
	// Decoded by JDK 17's new String(bytes, UTF_8):
	// 61 | E2 82 | 41 | ED A0 80 | 42 | F0 9F 98 | FF | C3
	// -> U+0061 U+FFFD U+0041 U+FFFD U+0042 U+FFFD U+FFFD U+FFFD.
	in := string([]byte{0x61, 0xE2, 0x82, 0x41, 0xED, 0xA0, 0x80, 0x42, 0xF0, 0x9F, 0x98, 0xFF, 0xC3})
	want := "a\uFFFDA\uFFFDB\uFFFD\uFFFD\uFFFD"
	if got := javaString(in); got != want {
		t.Fatalf("javaString = %q, want %q", got, want)
	}
	if got := javaString("ok 测"); got != "ok 测" {
		t.Fatalf("javaString changed valid text: %q", got)
	}
}

// TestJavaDoubleRoundTrip checks properties of Java's format on random
// bit patterns: the text parses back to the same value, uses plain
// notation exactly for 1e-3 <= |x| < 1e7, and has a digit on both sides of
// the decimal point.
func TestJavaDoubleRoundTrip(t *testing.T) {
	state := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // xorshift64*
		state ^= state >> 12
		state ^= state << 25
		state ^= state >> 27
		return state * 2685821657736338717
	}
	for n := 0; n < 200000; n++ {
		bits := next()
		var x float64
		var s string
		var back float64
		if n%2 == 0 {
			x = math.Float64frombits(bits)
			s = JavaDoubleString(x)
			back, _ = strconv.ParseFloat(strings.Replace(s, "E", "e", 1), 64)
		} else {
			f := math.Float32frombits(uint32(bits))
			x = float64(f)
			s = JavaFloatString(f)
			b32, _ := strconv.ParseFloat(strings.Replace(s, "E", "e", 1), 32)
			back = b32
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		if back != x {
			t.Fatalf("%v (%#x) printed as %q which parses as %v", x, bits, s, back)
		}
		abs := math.Abs(x)
		plain := !strings.Contains(s, "E")
		if want := abs == 0 || (abs >= 1e-3 && abs < 1e7); plain != want {
			t.Fatalf("%v printed as %q: plain=%v", x, s, plain)
		}
		dot := strings.IndexByte(s, '.')
		if dot <= 0 || dot+1 >= len(s) || s[dot+1] < '0' || s[dot+1] > '9' {
			t.Fatalf("%v printed as %q", x, s)
		}
	}
}
