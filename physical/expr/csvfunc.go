package expr

import (
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// CSV functions: from_csv (UnivocityParser's conversions of one record: a field that does
// not convert is NULL, missing fields are NULL; FAILFAST raises on any of these),
// to_csv (UnivocityGenerator: values in their string forms, dates and timestamps with
// the format options, NULL as the nullValue option, empty strings as "", values holding
// the delimiter, a quote or a line break quoted) and schema_of_csv (json_write.go).

func init() {
	register(fromCSVFn, "from_csv")
	register(toCSVFn, "to_csv")
	register(schemaOfFn("schema_of_csv"), "schema_of_csv")
}

type fromCSV struct {
	st        *types.StructType
	at        arrow.DataType
	syntax    textdata.CSVSyntax
	mode      parseMode
	conv      *textConv
	nullValue string
	nan       string
	posInf    string
	negInf    string
	corrupt   int // the columnNameOfCorruptRecord field, -1 when there is none
}

func fromCSVFn(args []Expr, _ []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
	st, ok := result.(*types.StructType)
	if !ok || len(args) < 1 {
		return nil, sparkerror.InternalError("from_csv to %s", result.SQL())
	}
	o, err := textOptions(args)
	if err != nil {
		return nil, err
	}
	syn, err := textdata.CSVSyntaxOf(o, false)
	if err != nil {
		return nil, err
	}
	mode, err := modeOption("from_csv", o)
	if err != nil {
		return nil, err
	}
	conv, err := newTextConv(o, result, opts.TimeZone, true, opts.timePolicy)
	if err != nil {
		return nil, err
	}
	at, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	for _, f := range st.Fields {
		switch f.DataType.(type) {
		case types.ArrayType, types.MapType, *types.StructType:
			return nil, sparkerror.NotImplemented("from_csv of " + f.DataType.SQL())
		}
	}
	corrupt, err := corruptField(o, result)
	if err != nil {
		return nil, err
	}
	f := &fromCSV{corrupt: corrupt, st: st, at: at, syntax: syn, mode: mode, conv: conv, nullValue: o.Str("nullValue", ""),
		nan: o.Str("nanValue", "NaN"), posInf: o.Str("positiveInf", "Inf"), negInf: o.Str("negativeInf", "-Inf")}
	return &funcExpr{name: "from_csv", args: args[:1], t: at, k: f.kernel, fails: mode == failFast, strict: true}, nil
}

func (f *fromCSV) kernel(a []arrow.Array, n int) (arrow.Array, error) {
	in := argvOf(a[0])
	b := array.NewBuilder(memory.DefaultAllocator, f.at).(*array.StructBuilder)
	defer b.Release()
	b.Reserve(n)
	var fields [][]byte
	for i := 0; i < n; i++ {
		if in.isNull(i) {
			b.AppendNull()
			continue
		}
		rec := in.str(i)
		fields = textdata.SplitCSV(fields[:0], rec, &f.syntax)
		b.Append(true)
		want := len(f.st.Fields)
		if f.corrupt >= 0 {
			want--
		}
		bad := len(fields) != want
		tok := 0
		for k, fd := range f.st.Fields {
			if k == f.corrupt {
				continue
			}
			fb := b.FieldBuilder(k)
			if tok >= len(fields) || string(fields[tok]) == f.nullValue {
				fb.AppendNull()
				tok++
				continue
			}
			if !f.field(fb, fd.DataType, fields[tok]) {
				fb.AppendNull()
				bad = true
			}
			tok++
		}
		if f.corrupt >= 0 {
			cb := b.FieldBuilder(f.corrupt).(*array.StringBuilder)
			if bad {
				cb.BinaryBuilder.Append(rec)
			} else {
				cb.AppendNull()
			}
		}
		if bad && f.mode == failFast {
			return nil, malformedRecord(string(rec))
		}
	}
	return b.NewArray(), nil
}

// field converts one token; false when it does not convert.
func (f *fromCSV) field(b array.Builder, t types.DataType, s []byte) bool {
	switch t := t.(type) {
	case types.UserDefinedType:
		return f.field(b, t.SQLType, s)
	case types.BooleanType:
		switch strings.ToLower(string(s)) {
		case "true":
			b.(*array.BooleanBuilder).Append(true)
		case "false":
			b.(*array.BooleanBuilder).Append(false)
		default:
			return false
		}
	case types.ByteType:
		v, ok := javaIntText(s, 8)
		if !ok {
			return false
		}
		b.(*array.Int8Builder).Append(int8(v))
	case types.ShortType:
		v, ok := javaIntText(s, 16)
		if !ok {
			return false
		}
		b.(*array.Int16Builder).Append(int16(v))
	case types.IntegerType:
		v, ok := javaIntText(s, 32)
		if !ok {
			return false
		}
		b.(*array.Int32Builder).Append(int32(v))
	case types.LongType:
		v, ok := javaIntText(s, 64)
		if !ok {
			return false
		}
		b.(*array.Int64Builder).Append(v)
	case types.FloatType, types.DoubleType:
		var v float64
		switch string(s) {
		case f.nan:
			v = math.NaN()
		case f.posInf:
			v = math.Inf(1)
		case f.negInf:
			v = math.Inf(-1)
		default:
			bits := 64
			if _, is32 := t.(types.FloatType); is32 {
				bits = 32
			}
			x, ok := parseJavaDouble(s, bits)
			if !ok {
				return false
			}
			v = x
		}
		if fb, ok := b.(*array.Float32Builder); ok {
			fb.Append(float32(v))
		} else {
			b.(*array.Float64Builder).Append(v)
		}
	case types.DecimalType:
		v, ok := textDecimal(s, t)
		if !ok {
			return false
		}
		b.(*array.Decimal128Builder).Append(v)
	case types.StringType, types.CharType, types.VarcharType:
		b.(*array.StringBuilder).BinaryBuilder.Append(s)
	case types.BinaryType:
		b.(*array.BinaryBuilder).Append(s)
	case types.DateType:
		v, ok := f.conv.parseDate(s)
		if !ok {
			return false
		}
		b.(*array.Date32Builder).Append(arrow.Date32(v))
	case types.TimestampType:
		v, ok := f.conv.parseTimestamp(s)
		if !ok {
			return false
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(v))
	case types.TimestampNTZType:
		v, ok := f.conv.parseNTZ(s)
		if !ok {
			return false
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(v))
	case types.CalendarIntervalType, types.YearMonthIntervalType, types.DayTimeIntervalType:
		v, ok := textInterval(s, t)
		if !ok {
			return false
		}
		appendIntervalValue(b, v)
	case types.NullType:
		b.AppendNull()
	default:
		return false
	}
	return true
}

type csvWriter struct {
	conv       *textConv
	syntax     textdata.CSVSyntax
	nullValue  string
	nullGiven  bool
	emptyValue string
}

// appendNull is a NULL inside a nested value: nothing unless nullValue is set.
func (w *csvWriter) appendNull(dst []byte) []byte {
	if !w.nullGiven {
		return dst
	}
	dst = append(dst, ' ')
	return append(dst, w.nullValue...)
}

// value renders one field's value into dst, quoting as univocity's writer does.
func (w *csvWriter) quote(dst, v []byte) []byte {
	if w.syntax.IgnoreLeading {
		for len(v) > 0 && v[0] <= ' ' {
			v = v[1:]
		}
	}
	if w.syntax.IgnoreTrailing {
		for len(v) > 0 && v[len(v)-1] <= ' ' {
			v = v[:len(v)-1]
		}
	}
	if len(v) == 0 {
		return append(dst, w.emptyValue...)
	}
	q := w.syntax.Quote
	needs := strings.Contains(string(v), w.syntax.Delim) || strings.ContainsAny(string(v), "\r\n") || q != 0 && strings.IndexByte(string(v), q) >= 0
	if !needs || q == 0 {
		return append(dst, v...)
	}
	dst = append(dst, q)
	for _, c := range v {
		if c == q {
			dst = append(dst, w.syntax.Escape)
		}
		dst = append(dst, c)
	}
	return append(dst, q)
}

// compile renders values as UnivocityGenerator's converters do: datetimes with the
// formats, nested values as "[a, b]", "{k -> v}" and "{a, b}" (a NULL inside them is
// nothing, or " " and the nullValue option when it is set), the rest as toString.
func (w *csvWriter) compile(t types.DataType, a arrow.Array) (appendFn, error) {
	if isNullType(a) {
		return func(dst []byte, _ int) []byte { return w.appendNull(dst) }, nil
	}
	switch t := t.(type) {
	case types.UserDefinedType:
		return w.compile(t.SQLType, a)
	case types.ArrayType:
		l := a.(array.ListLike)
		elems := l.ListValues()
		ef, err := w.compile(t.ElementType, elems)
		if err != nil {
			return nil, err
		}
		ev := validity(elems)
		return func(dst []byte, i int) []byte {
			s, e := l.ValueOffsets(i)
			dst = append(dst, '[')
			for j := s; j < e; j++ {
				if j > s {
					dst = append(dst, ',')
				}
				if ev != nil && !ev.get(int(j)) {
					dst = w.appendNull(dst)
					continue
				}
				if j > s {
					dst = append(dst, ' ')
				}
				dst = ef(dst, int(j))
			}
			return append(dst, ']')
		}, nil
	case types.MapType:
		m := a.(*array.Map)
		kf, err := w.compile(t.KeyType, m.Keys())
		if err != nil {
			return nil, err
		}
		vf, err := w.compile(t.ValueType, m.Items())
		if err != nil {
			return nil, err
		}
		vv := validity(m.Items())
		return func(dst []byte, i int) []byte {
			s, e := m.ValueOffsets(i)
			dst = append(dst, '{')
			for j := s; j < e; j++ {
				if j > s {
					dst = append(dst, ',', ' ')
				}
				dst = kf(dst, int(j))
				dst = append(dst, " ->"...)
				if vv != nil && !vv.get(int(j)) {
					dst = w.appendNull(dst)
				} else {
					dst = append(dst, ' ')
					dst = vf(dst, int(j))
				}
			}
			return append(dst, '}')
		}, nil
	case *types.StructType:
		sa := a.(*array.Struct)
		fns := make([]appendFn, len(t.Fields))
		vals := make([]words, len(t.Fields))
		for k, f := range t.Fields {
			fn, err := w.compile(f.DataType, sa.Field(k))
			if err != nil {
				return nil, err
			}
			fns[k], vals[k] = fn, validity(sa.Field(k))
			if isNullType(sa.Field(k)) {
				vals[k] = newWords(sa.Len())
			}
		}
		return func(dst []byte, i int) []byte {
			dst = append(dst, '{')
			for k, fn := range fns {
				if k > 0 {
					dst = append(dst, ',')
				}
				if vals[k] != nil && !vals[k].get(i) {
					dst = w.appendNull(dst)
					continue
				}
				if k > 0 {
					dst = append(dst, ' ')
				}
				dst = fn(dst, i)
			}
			return append(dst, '}')
		}, nil
	}
	switch t.(type) {
	case types.DateType:
		v := fixedValues[int32](a)
		return func(dst []byte, i int) []byte { return w.conv.appendDate(dst, v[i]) }, nil
	case types.TimestampType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int) []byte { return w.conv.appendTimestamp(dst, v[i]) }, nil
	case types.TimestampNTZType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int) []byte { return w.conv.appendNTZ(dst, v[i]) }, nil
	case types.BinaryType:
		if w.conv.binary != binaryUTF8 {
			v := viewVar(a)
			return func(dst []byte, i int) []byte { return w.conv.binary.appendBinary(dst, v.at(i)) }, nil
		}
	}
	return stringer(t, a, false, w.conv.loc)
}

func toCSVFn(args []Expr, argTypes []types.DataType, _ types.DataType, opts FuncOptions) (Expr, error) {
	if len(args) < 1 || len(argTypes) < 1 {
		return nil, sparkerror.InternalError("to_csv needs its input")
	}
	st, ok := argTypes[0].(*types.StructType)
	if !ok {
		return nil, sparkerror.InternalError("to_csv of %s", argTypes[0].SQL())
	}
	o, err := textOptions(args)
	if err != nil {
		return nil, err
	}
	syn, err := textdata.CSVSyntaxOf(o, true)
	if err != nil {
		return nil, err
	}
	conv, err := newTextConv(o, st, opts.TimeZone, false, opts.timePolicy)
	if err != nil {
		return nil, err
	}
	conv.binary = opts.binaryStyle
	w := &csvWriter{conv: conv, syntax: syn, nullValue: o.Str("nullValue", ""), emptyValue: o.Str("emptyValue", `""`)}
	_, w.nullGiven = o.Get("nullValue")
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		sa, ok := a[0].(*array.Struct)
		if !ok {
			return nil, sparkerror.InternalError("to_csv of a %s array", a[0].DataType())
		}
		fns := make([]appendFn, len(st.Fields))
		vals := make([]words, len(st.Fields))
		for j, f := range st.Fields {
			col := sa.Field(j)
			if isNullType(col) {
				vals[j] = newWords(n)
				continue
			}
			fn, err := w.compile(f.DataType, col)
			if err != nil {
				return nil, err
			}
			fns[j], vals[j] = fn, validity(col)
		}
		var buf []byte
		return varRowK(utf8T, func(dst []byte, i int, _ []argv) ([]byte, bool, error) {
			for j, fn := range fns {
				if j > 0 {
					dst = append(dst, w.syntax.Delim...)
				}
				if fn == nil || vals[j] != nil && !vals[j].get(i) {
					dst = append(dst, w.nullValue...)
					continue
				}
				buf = fn(buf[:0], i)
				dst = w.quote(dst, buf)
			}
			return dst, true, nil
		})(a, n)
	}
	return &funcExpr{name: "to_csv", args: args[:1], t: utf8T, k: k, strict: true}, nil
}
