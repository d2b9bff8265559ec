package format

import (
	"encoding/base64"
	"fmt"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"
)

// BinaryStyle selects how binary values are printed; it mirrors Spark's
// spark.sql.binaryOutputStyle configuration.
type BinaryStyle string

// Binary output styles. The zero value is Spark's default (the
// configuration unset), which prints like BinaryHexDiscrete.
const (
	BinaryDefault     BinaryStyle = ""
	BinaryUTF8        BinaryStyle = "UTF-8"        // the bytes as UTF-8 text
	BinaryBasic       BinaryStyle = "BASIC"        // signed bytes: [83, 112, -1]
	BinaryBase64      BinaryStyle = "BASE64"       // base64 without padding
	BinaryHex         BinaryStyle = "HEX"          // 537061FF
	BinaryHexDiscrete BinaryStyle = "HEX_DISCRETE" // [53 70 61 FF]
)

// Style selects the rendering rules.
type Style int8

// Rendering styles.
const (
	// StyleShow follows Spark's show() and cast to string (ToPrettyString):
	// NULL everywhere, "[a, b]", "{k -> v}", "{f1, f2}", ANSI intervals.
	// It is the zero value.
	StyleShow Style = iota
	// StyleHive follows Spark's HiveResult.toHiveString, which the
	// spark-sql golden files print: NULL at the top level but null inside
	// arrays, maps and structs; strings double-quoted when nested;
	// "[a,b]"; maps as "{k:v}" with the rendered entries sorted; structs
	// as {"name":value}; Hive-style intervals ("1-2", "1 02:03:04.500000000");
	// and binary values as UTF-8 text when BinaryStyle is BinaryDefault.
	StyleHive
)

// Options parameterises value rendering.
type Options struct {
	// TimeZone is the session time zone (spark.sql.session.timeZone). Arrow
	// timestamps that carry a time zone are Spark TIMESTAMP values and are
	// printed as local time in this zone, whatever zone the Arrow type
	// names. Nil means UTC. Timestamps without a zone (TIMESTAMP_NTZ) are
	// printed without conversion.
	TimeZone *time.Location

	// BinaryStyle is spark.sql.binaryOutputStyle; the zero value is Spark's
	// default. With StyleHive the default is BinaryUTF8, as HiveResult
	// sets the configuration to UTF-8 when it is unset.
	BinaryStyle BinaryStyle

	// Style selects Spark's show() rules (the zero value) or HiveResult's.
	Style Style
}

// appendFunc appends the rendering of element i of the array it was built
// for; it handles nulls itself.
type appendFunc func(dst []byte, i int) []byte

// Formatter renders the elements of one Arrow array as Spark's show() does,
// or as HiveResult.toHiveString does when Options.Style is StyleHive.
// The type dispatch happens once, in NewFormatter. A Formatter keeps a
// reference to the array but does not retain it; it is safe for concurrent
// use as long as the array is.
type Formatter struct {
	arr arrow.Array
	fn  appendFunc
}

// NewFormatter prepares rendering of arr. It reports an error for Arrow
// types that have no Spark counterpart this package knows how to print
// (unions, for instance).
//
// Type mapping: null → NULL; bool; int8/16/32/64 (and unsigned ints);
// float16/32/64 as Java floats and doubles; decimal32/64/128/256 in plain
// notation at the type's scale; utf8, large_utf8, utf8_view; binary,
// large_binary, binary_view, fixed_size_binary; date32, date64; timestamp
// (with a zone: TIMESTAMP in Options.TimeZone; without: TIMESTAMP_NTZ);
// duration as a DAY TO SECOND day-time interval; month interval as a YEAR
// TO MONTH year-month interval; month_day_nano and day_time intervals as a
// CalendarInterval; list, large_list, fixed_size_list, list views, map and
// struct, nested to any depth; dictionary and run-end encoded arrays as
// their decoded values; extension arrays as their storage.
//
// Values of non-microsecond temporal units are converted to microseconds
// (Spark's precision), rounding towards negative infinity.
//
// With Options.Style set to StyleHive, element i is rendered as a top-level
// value of HiveResult.toHiveString (a null element is "NULL"); the values
// inside lists, maps and structs follow its nested rules.
func NewFormatter(arr arrow.Array, opts Options) (*Formatter, error) {
	fn, err := compile(arr, &opts, false)
	if err != nil {
		return nil, err
	}
	return &Formatter{arr: arr, fn: fn}, nil
}

// AppendValue appends the rendering of element i to dst.
func (f *Formatter) AppendValue(dst []byte, i int) []byte { return f.fn(dst, i) }

// Value returns the rendering of element i.
func (f *Formatter) Value(i int) string {
	var buf [64]byte
	return string(f.fn(buf[:0], i))
}

// Len is the length of the array the Formatter renders.
func (f *Formatter) Len() int { return f.arr.Len() }

// FormatValue renders element i of arr. When formatting many values of the
// same array, build a Formatter once instead.
func FormatValue(arr arrow.Array, i int, opts Options) (string, error) {
	f, err := NewFormatter(arr, opts)
	if err != nil {
		return "", err
	}
	return f.Value(i), nil
}

const (
	nullString     = "NULL"
	hiveNestedNull = "null" // HiveResult's null inside arrays, maps, structs
)

// nullText is the spelling of a null value; nested tells whether the value
// sits inside an array, map or struct.
func nullText(opts *Options, nested bool) string {
	if opts.Style == StyleHive && nested {
		return hiveNestedNull
	}
	return nullString
}

// withNulls wraps fn, which assumes a valid element, with arr's validity;
// null elements are spelled null.
func withNulls(arr arrow.Array, null string, fn appendFunc) appendFunc {
	if arr.NullN() == 0 {
		return fn
	}
	return func(dst []byte, i int) []byte {
		if arr.IsNull(i) {
			return append(dst, null...)
		}
		return fn(dst, i)
	}
}

// appendString appends s, in double quotes when quote is set (HiveResult's
// nested strings, whose content is not escaped).
func appendString(dst []byte, s string, quote bool) []byte {
	if !quote {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// binaryStyle is the effective spark.sql.binaryOutputStyle: HiveResult
// uses UTF-8 when the configuration is unset.
func binaryStyle(opts *Options) BinaryStyle {
	if opts.Style == StyleHive && opts.BinaryStyle == BinaryDefault {
		return BinaryUTF8
	}
	return opts.BinaryStyle
}

func appendBool(dst []byte, v bool) []byte {
	if v {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// compile builds the renderer of arr's elements; nested tells whether they
// are elements of an array, map or struct (which matters for StyleHive).
func compile(arr arrow.Array, opts *Options, nested bool) (appendFunc, error) {
	hive := opts.Style == StyleHive
	null := nullText(opts, nested)
	nulls := func(a arrow.Array, fn appendFunc) appendFunc { return withNulls(a, null, fn) }
	switch a := arr.(type) {
	case *array.Null:
		return func(dst []byte, _ int) []byte { return append(dst, null...) }, nil
	case *array.Boolean:
		return nulls(a, func(dst []byte, i int) []byte { return appendBool(dst, a.Value(i)) }), nil
	case *array.Int8:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(a.Value(i)), 10) }), nil
	case *array.Int16:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(a.Value(i)), 10) }), nil
	case *array.Int32:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(a.Value(i)), 10) }), nil
	case *array.Int64:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendInt(dst, a.Value(i), 10) }), nil
	case *array.Uint8:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendUint(dst, uint64(a.Value(i)), 10) }), nil
	case *array.Uint16:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendUint(dst, uint64(a.Value(i)), 10) }), nil
	case *array.Uint32:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendUint(dst, uint64(a.Value(i)), 10) }), nil
	case *array.Uint64:
		return nulls(a, func(dst []byte, i int) []byte { return strconv.AppendUint(dst, a.Value(i), 10) }), nil
	case *array.Float16:
		return nulls(a, func(dst []byte, i int) []byte { return AppendJavaFloat(dst, a.Value(i).Float32()) }), nil
	case *array.Float32:
		return nulls(a, func(dst []byte, i int) []byte { return AppendJavaFloat(dst, a.Value(i)) }), nil
	case *array.Float64:
		return nulls(a, func(dst []byte, i int) []byte { return AppendJavaDouble(dst, a.Value(i)) }), nil
	case *array.Decimal32:
		scale := a.DataType().(*arrow.Decimal32Type).Scale
		return nulls(a, func(dst []byte, i int) []byte {
			return appendPlainDecimal(dst, int64(a.Value(i)), nil, scale)
		}), nil
	case *array.Decimal64:
		scale := a.DataType().(*arrow.Decimal64Type).Scale
		return nulls(a, func(dst []byte, i int) []byte {
			return appendPlainDecimal(dst, int64(a.Value(i)), nil, scale)
		}), nil
	case *array.Decimal128:
		scale := a.DataType().(*arrow.Decimal128Type).Scale
		return nulls(a, func(dst []byte, i int) []byte { return appendDecimal128(dst, a.Value(i), scale) }), nil
	case *array.Decimal256:
		scale := a.DataType().(*arrow.Decimal256Type).Scale
		return nulls(a, func(dst []byte, i int) []byte { return appendDecimal256(dst, a.Value(i), scale) }), nil
	case *array.String:
		quote := hive && nested
		return nulls(a, func(dst []byte, i int) []byte { return appendString(dst, a.Value(i), quote) }), nil
	case *array.LargeString:
		quote := hive && nested
		return nulls(a, func(dst []byte, i int) []byte { return appendString(dst, a.Value(i), quote) }), nil
	case *array.StringView:
		quote := hive && nested
		return nulls(a, func(dst []byte, i int) []byte { return appendString(dst, a.Value(i), quote) }), nil
	case *array.Binary:
		bf := binaryFormatter(binaryStyle(opts))
		return nulls(a, func(dst []byte, i int) []byte { return bf(dst, a.Value(i)) }), nil
	case *array.LargeBinary:
		bf := binaryFormatter(binaryStyle(opts))
		return nulls(a, func(dst []byte, i int) []byte { return bf(dst, a.Value(i)) }), nil
	case *array.BinaryView:
		bf := binaryFormatter(binaryStyle(opts))
		return nulls(a, func(dst []byte, i int) []byte { return bf(dst, a.Value(i)) }), nil
	case *array.FixedSizeBinary:
		bf := binaryFormatter(binaryStyle(opts))
		return nulls(a, func(dst []byte, i int) []byte { return bf(dst, a.Value(i)) }), nil
	case *array.Date32:
		return nulls(a, func(dst []byte, i int) []byte { return AppendDate(dst, int64(a.Value(i))) }), nil
	case *array.Date64:
		return nulls(a, func(dst []byte, i int) []byte {
			return AppendDate(dst, floorDiv(int64(a.Value(i)), 86_400_000))
		}), nil
	case *array.Time64:
		per := int64(1)
		if a.DataType().(*arrow.Time64Type).Unit == arrow.Microsecond {
			per = 1000
		}
		return nulls(a, func(dst []byte, i int) []byte { return AppendTime(dst, timeNanos(int64(a.Value(i)), per)) }), nil
	case *array.Timestamp:
		tt := a.DataType().(*arrow.TimestampType)
		loc := time.UTC
		if tt.TimeZone != "" && opts.TimeZone != nil {
			loc = opts.TimeZone
		}
		toMicros := microsConverter(tt.Unit)
		return nulls(a, func(dst []byte, i int) []byte {
			return AppendTimestamp(dst, toMicros(int64(a.Value(i))), loc)
		}), nil
	case *array.Duration:
		toMicros := microsConverter(a.DataType().(*arrow.DurationType).Unit)
		if hive {
			return nulls(a, func(dst []byte, i int) []byte {
				return appendHiveDayTimeInterval(dst, toMicros(int64(a.Value(i))))
			}), nil
		}
		return nulls(a, func(dst []byte, i int) []byte {
			return AppendDayTimeInterval(dst, toMicros(int64(a.Value(i))), FieldDay, FieldSecond)
		}), nil
	case *array.MonthInterval:
		if hive {
			return nulls(a, func(dst []byte, i int) []byte {
				return appendHiveYearMonthInterval(dst, int32(a.Value(i)))
			}), nil
		}
		return nulls(a, func(dst []byte, i int) []byte {
			return AppendYearMonthInterval(dst, int32(a.Value(i)), FieldYear, FieldMonth)
		}), nil
	case *array.DayTimeInterval:
		return nulls(a, func(dst []byte, i int) []byte {
			v := a.Value(i)
			return AppendCalendarInterval(dst, 0, v.Days, int64(v.Milliseconds)*1000)
		}), nil
	case *array.MonthDayNanoInterval:
		return nulls(a, func(dst []byte, i int) []byte {
			v := a.Value(i)
			// Spark reads Arrow nanoseconds into microseconds by truncation.
			return AppendCalendarInterval(dst, v.Months, v.Days, v.Nanoseconds/1000)
		}), nil
	case *array.Map:
		if hive {
			return compileHiveMap(a, opts, null)
		}
		return compileMap(a, opts)
	case array.ListLike:
		return compileList(a, opts, null)
	case *array.Struct:
		if IsVariantStruct(a.DataType().(*arrow.StructType)) {
			return compileVariant(a, opts, null)
		}
		if hive {
			return compileHiveStruct(a, opts, null)
		}
		return compileStruct(a, opts)
	case *array.Dictionary:
		values, err := compile(a.Dictionary(), opts, nested)
		if err != nil {
			return nil, err
		}
		return nulls(a, func(dst []byte, i int) []byte { return values(dst, a.GetValueIndex(i)) }), nil
	case *array.RunEndEncoded:
		values, err := compile(a.Values(), opts, nested)
		if err != nil {
			return nil, err
		}
		return func(dst []byte, i int) []byte { return values(dst, a.GetPhysicalIndex(i)) }, nil
	case array.ExtensionArray:
		storage, err := compile(a.Storage(), opts, nested)
		if err != nil {
			return nil, err
		}
		return nulls(a, storage), nil
	}
	return nil, fmt.Errorf("format: unsupported Arrow type %s", arr.DataType())
}

// microsConverter converts a count of unit to microseconds, flooring.
func microsConverter(unit arrow.TimeUnit) func(int64) int64 {
	switch unit {
	case arrow.Second:
		return func(v int64) int64 { return v * microsPerSecond }
	case arrow.Millisecond:
		return func(v int64) int64 { return v * 1000 }
	case arrow.Nanosecond:
		return func(v int64) int64 { return floorDiv(v, 1000) }
	default:
		return func(v int64) int64 { return v }
	}
}

// compileList renders arrays as "[e1, e2, NULL]", or "[e1,e2,null]" in
// StyleHive; null is the spelling of a null array.
func compileList(a array.ListLike, opts *Options, null string) (appendFunc, error) {
	elem, err := compile(a.ListValues(), opts, true)
	if err != nil {
		return nil, err
	}
	sep := ", "
	if opts.Style == StyleHive {
		sep = ","
	}
	return withNulls(a, null, func(dst []byte, i int) []byte {
		start, end := a.ValueOffsets(i)
		dst = append(dst, '[')
		for j := start; j < end; j++ {
			if j > start {
				dst = append(dst, sep...)
			}
			dst = elem(dst, int(j))
		}
		return append(dst, ']')
	}), nil
}

// compileMapEntries compiles the renderers of a map's keys and values, both nested.
func compileMapEntries(a *array.Map, opts *Options) (key, val appendFunc, err error) {
	entries, ok := a.ListValues().(*array.Struct)
	if !ok || entries.NumField() != 2 {
		return nil, nil, fmt.Errorf("format: malformed map array of type %s", a.DataType())
	}
	if key, err = compile(entries.Field(0), opts, true); err != nil {
		return nil, nil, err
	}
	if val, err = compile(entries.Field(1), opts, true); err != nil {
		return nil, nil, err
	}
	return key, val, nil
}

// compileMap renders maps as "{k1 -> v1, k2 -> NULL}".
func compileMap(a *array.Map, opts *Options) (appendFunc, error) {
	key, val, err := compileMapEntries(a, opts)
	if err != nil {
		return nil, err
	}
	return withNulls(a, nullString, func(dst []byte, i int) []byte {
		start, end := a.ValueOffsets(i)
		dst = append(dst, '{')
		for j := start; j < end; j++ {
			if j > start {
				dst = append(dst, ',', ' ')
			}
			dst = key(dst, int(j))
			dst = append(dst, " -> "...)
			dst = val(dst, int(j))
		}
		return append(dst, '}')
	}), nil
}

// compileStruct renders structs as "{f1, NULL, f3}".
func compileStruct(a *array.Struct, opts *Options) (appendFunc, error) {
	fields := make([]appendFunc, a.NumField())
	for k := range fields {
		fn, err := compile(a.Field(k), opts, true)
		if err != nil {
			return nil, err
		}
		fields[k] = fn
	}
	return withNulls(a, nullString, func(dst []byte, i int) []byte {
		dst = append(dst, '{')
		for k, fn := range fields {
			if k > 0 {
				dst = append(dst, ',', ' ')
			}
			dst = fn(dst, i)
		}
		return append(dst, '}')
	}), nil
}

const hexDigits = "0123456789ABCDEF"

// binaryFormatter returns the renderer for spark.sql.binaryOutputStyle.
func binaryFormatter(style BinaryStyle) func(dst, v []byte) []byte {
	switch style {
	case BinaryUTF8:
		// Spark decodes the bytes into a Java String: malformed input becomes U+FFFD.
		return func(dst, v []byte) []byte {
			if utf8.Valid(v) {
				return append(dst, v...)
			}
			return AppendJavaUTF8(dst, v)
		}
	case BinaryBasic:
		return func(dst, v []byte) []byte {
			dst = append(dst, '[')
			for k, b := range v {
				if k > 0 {
					dst = append(dst, ',', ' ')
				}
				dst = strconv.AppendInt(dst, int64(int8(b)), 10)
			}
			return append(dst, ']')
		}
	case BinaryBase64:
		return func(dst, v []byte) []byte { return base64.RawStdEncoding.AppendEncode(dst, v) }
	case BinaryHex:
		return func(dst, v []byte) []byte {
			for _, b := range v {
				dst = append(dst, hexDigits[b>>4], hexDigits[b&0x0F])
			}
			return dst
		}
	default:
		return func(dst, v []byte) []byte {
			dst = append(dst, '[')
			for k, b := range v {
				if k > 0 {
					dst = append(dst, ' ')
				}
				dst = append(dst, hexDigits[b>>4], hexDigits[b&0x0F])
			}
			return append(dst, ']')
		}
	}
}

// appendDecimal128 prints n × 10^-scale like Java's BigDecimal.toPlainString.
func appendDecimal128(dst []byte, n decimal128.Num, scale int32) []byte {
	lo, hi := n.LowBits(), n.HighBits()
	if (hi == 0 && lo>>63 == 0) || (hi == -1 && lo>>63 == 1) {
		return appendPlainDecimal(dst, int64(lo), nil, scale)
	}
	return appendPlainDecimal(dst, 0, n.BigInt(), scale)
}

func appendDecimal256(dst []byte, n decimal256.Num, scale int32) []byte {
	return appendPlainDecimal(dst, 0, n.BigInt(), scale)
}

// appendPlainDecimal prints the unscaled value (small, or big when non-nil)
// with the decimal point scale digits from the right: "1.50", "-0.05",
// "0.000"; a negative scale appends zeros (a zero value stays "0").
func appendPlainDecimal(dst []byte, small int64, bigv *big.Int, scale int32) []byte {
	var buf [80]byte
	var digits []byte
	if bigv != nil {
		digits = bigv.Append(buf[:0], 10)
	} else {
		digits = strconv.AppendInt(buf[:0], small, 10)
	}
	neg := digits[0] == '-'
	if neg {
		dst = append(dst, '-')
		digits = digits[1:]
	}
	if scale <= 0 {
		dst = append(dst, digits...)
		if scale < 0 && !(len(digits) == 1 && digits[0] == '0') {
			for k := int32(0); k < -scale; k++ {
				dst = append(dst, '0')
			}
		}
		return dst
	}
	s := int(scale)
	if len(digits) > s {
		dst = append(dst, digits[:len(digits)-s]...)
		dst = append(dst, '.')
		return append(dst, digits[len(digits)-s:]...)
	}
	dst = append(dst, '0', '.')
	for k := len(digits); k < s; k++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}
