package expr

import (
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// appendFn appends the text of element i of the array it was compiled for (not null).
type appendFn func(dst []byte, i int) []byte

// stringer compiles Spark's cast-to-string rendering (ToStringBase) of a's elements, a being
// of Spark type t: Java's Double/Float.toString, decimals plain under ANSI (else
// BigDecimal.toString), dates, timestamps in the session zone without trailing zero
// fractions, ANSI interval literals, binary as its UTF-8 bytes, arrays "[1, null]", maps
// "{a -> 1}", structs "{1, a}".
func stringer(t types.DataType, a arrow.Array, ansi bool, loc *time.Location) (appendFn, error) {
	if isNullType(a) {
		return func(dst []byte, _ int) []byte { return append(dst, "null"...) }, nil
	}
	switch t := t.(type) {
	case types.UserDefinedType:
		return stringer(t.SQLType, a, ansi, loc)
	case types.BooleanType:
		v := boolWords(a)
		return func(dst []byte, i int) []byte {
			if v.get(i) {
				return append(dst, "true"...)
			}
			return append(dst, "false"...)
		}, nil
	case types.ByteType:
		return intStringer[int8](a), nil
	case types.ShortType:
		return intStringer[int16](a), nil
	case types.IntegerType:
		return intStringer[int32](a), nil
	case types.LongType:
		return intStringer[int64](a), nil
	case types.FloatType:
		v := fixedValues[float32](a)
		return func(dst []byte, i int) []byte { return format.AppendJavaFloat(dst, v[i]) }, nil
	case types.DoubleType:
		v := fixedValues[float64](a)
		return func(dst []byte, i int) []byte { return format.AppendJavaDouble(dst, v[i]) }, nil
	case types.DecimalType:
		v := fixedValues[decimal128.Num](a)
		s := t.Scale
		if ansi {
			return func(dst []byte, i int) []byte { return appendDecimal(dst, v[i], s) }, nil
		}
		return func(dst []byte, i int) []byte { return appendJavaDecimal(dst, v[i], s) }, nil
	case types.StringType, types.CharType, types.VarcharType, types.BinaryType:
		v := viewVar(a)
		return func(dst []byte, i int) []byte { return append(dst, v.at(i)...) }, nil
	case types.DateType:
		v := fixedValues[int32](a)
		return func(dst []byte, i int) []byte { return format.AppendDate(dst, int64(v[i])) }, nil
	case types.TimestampType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int) []byte { return format.AppendTimestamp(dst, v[i], loc) }, nil
	case types.TimestampNTZType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int) []byte { return format.AppendTimestamp(dst, v[i], time.UTC) }, nil
	case types.DayTimeIntervalType:
		v := fixedValues[int64](a)
		s, e := format.DayTimeField(t.StartField), format.DayTimeField(t.EndField)
		return func(dst []byte, i int) []byte { return format.AppendDayTimeInterval(dst, v[i], s, e) }, nil
	case types.YearMonthIntervalType:
		v := fixedValues[int32](a)
		s, e := format.YearMonthField(t.StartField), format.YearMonthField(t.EndField)
		return func(dst []byte, i int) []byte { return format.AppendYearMonthInterval(dst, v[i], s, e) }, nil
	case types.CalendarIntervalType:
		v := fixedValues[arrow.MonthDayNanoInterval](a)
		return func(dst []byte, i int) []byte {
			return format.AppendCalendarInterval(dst, v[i].Months, v[i].Days, v[i].Nanoseconds/1000)
		}, nil
	case types.NullType:
		return func(dst []byte, _ int) []byte { return append(dst, "null"...) }, nil
	case types.ArrayType:
		l := a.(array.ListLike)
		elems := l.ListValues()
		ef, err := stringer(t.ElementType, elems, ansi, loc)
		if err != nil {
			return nil, err
		}
		ev := validity(elems)
		return func(dst []byte, i int) []byte {
			s, e := l.ValueOffsets(i)
			dst = append(dst, '[')
			for j := s; j < e; j++ {
				if j > s {
					dst = append(dst, ',', ' ')
				}
				if ev != nil && !ev.get(int(j)) {
					dst = append(dst, "null"...)
				} else {
					dst = ef(dst, int(j))
				}
			}
			return append(dst, ']')
		}, nil
	case types.MapType:
		m := a.(*array.Map)
		keys, items := m.Keys(), m.Items()
		kf, err := stringer(t.KeyType, keys, ansi, loc)
		if err != nil {
			return nil, err
		}
		vf, err := stringer(t.ValueType, items, ansi, loc)
		if err != nil {
			return nil, err
		}
		vv := validity(items)
		return func(dst []byte, i int) []byte {
			s, e := m.ValueOffsets(i)
			dst = append(dst, '{')
			for j := s; j < e; j++ {
				if j > s {
					dst = append(dst, ',', ' ')
				}
				dst = kf(dst, int(j))
				dst = append(dst, " -> "...)
				if vv != nil && !vv.get(int(j)) {
					dst = append(dst, "null"...)
				} else {
					dst = vf(dst, int(j))
				}
			}
			return append(dst, '}')
		}, nil
	case *types.StructType:
		st := a.(*array.Struct)
		fns := make([]appendFn, len(t.Fields))
		vals := make([]words, len(t.Fields))
		for k, f := range t.Fields {
			fn, err := stringer(f.DataType, st.Field(k), ansi, loc)
			if err != nil {
				return nil, err
			}
			fns[k], vals[k] = fn, validity(st.Field(k))
		}
		return func(dst []byte, i int) []byte {
			dst = append(dst, '{')
			for k, fn := range fns {
				if k > 0 {
					dst = append(dst, ',', ' ')
				}
				if vals[k] != nil && !vals[k].get(i) {
					dst = append(dst, "null"...)
				} else {
					dst = fn(dst, i)
				}
			}
			return append(dst, '}')
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast of " + t.SQL() + " to STRING")
}

func intStringer[T sintLike](a arrow.Array) appendFn {
	v := fixedValues[T](a)
	return func(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(v[i]), 10) }
}

// sqlString is Spark's toSQLValue of a string: single-quoted, with backslashes and quotes
// escaped.
func sqlString(s []byte) string {
	out := make([]byte, 0, len(s)+2)
	out = append(out, '\'')
	for _, c := range s {
		switch c {
		case '\\':
			out = append(out, '\\', '\\')
		case '\'':
			out = append(out, '\\', '\'')
		default:
			out = append(out, c)
		}
	}
	return string(append(out, '\''))
}

// sqlValue renders element i of a (of Spark type t) as Spark's toSQLValue does in error
// messages: 1Y, 2S, 3, 4L, 1.0E10D, 1.5 (float), 1.23BD, TIMESTAMP '...', INTERVAL '...'.
func sqlValue(t types.DataType, a arrow.Array, i int, loc *time.Location) string {
	switch t := t.(type) {
	case types.ByteType:
		return strconv.FormatInt(int64(fixedValues[int8](a)[i]), 10) + "Y"
	case types.ShortType:
		return strconv.FormatInt(int64(fixedValues[int16](a)[i]), 10) + "S"
	case types.IntegerType:
		return strconv.FormatInt(int64(fixedValues[int32](a)[i]), 10)
	case types.LongType:
		return strconv.FormatInt(fixedValues[int64](a)[i], 10) + "L"
	case types.FloatType:
		return format.JavaFloatString(fixedValues[float32](a)[i])
	case types.DoubleType:
		return sqlDouble(fixedValues[float64](a)[i], true)
	case types.DecimalType:
		return string(appendJavaDecimal(nil, fixedValues[decimal128.Num](a)[i], t.Scale)) + "BD"
	case types.StringType, types.CharType, types.VarcharType:
		return sqlString(viewVar(a).at(i))
	}
	f, err := stringer(t, a, true, loc)
	if err != nil {
		return ""
	}
	text := string(f(nil, i))
	switch t.(type) {
	case types.DateType:
		return "DATE '" + text + "'"
	case types.TimestampType:
		return "TIMESTAMP '" + text + "'"
	case types.TimestampNTZType:
		return "TIMESTAMP_NTZ '" + text + "'"
	}
	return text
}

// sqlDouble is toSQLValue of a double: NaN, Infinity, -Infinity, else Java's text with a D
// suffix when literal is set (Literal.sql), bare otherwise.
func sqlDouble(f float64, literal bool) string {
	s := format.JavaDoubleString(f)
	switch s {
	case "NaN", "Infinity", "-Infinity":
		return s
	}
	if literal {
		return s + "D"
	}
	return s
}

func sqlType(t types.DataType) string { return `"` + t.SQL() + `"` }
