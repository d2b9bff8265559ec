package expr

import (
	"encoding/base64"
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// to_json: Spark's JacksonGenerator. Struct fields that are NULL are left out
// (ignoreNullFields, true by default); array elements and map values that are NULL are
// written as null; map keys are their string forms; dates and timestamps use the
// dateFormat / timestampFormat / timestampNTZFormat options (yyyy-MM-dd,
// yyyy-MM-dd'T'HH:mm:ss.SSSXXX and yyyy-MM-dd'T'HH:mm:ss[.SSS] by default); binaries are
// base64; NaN and the infinities are strings; intervals are strings. The pretty option
// writes Jackson's DefaultPrettyPrinter layout.

type jsonEnc func(dst []byte, i int, depth int) []byte

type jsonWriter struct {
	conv       *textConv
	ignoreNull bool
	pretty     bool
	quote      func(dst, s []byte) []byte // AppendQuoted, or AppendQuotedASCII
}

func (w *jsonWriter) newline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for k := 0; k < depth; k++ {
		dst = append(dst, ' ', ' ')
	}
	return dst
}

func (w *jsonWriter) compile(t types.DataType, a arrow.Array) (jsonEnc, error) {
	if isNullType(a) {
		return func(dst []byte, _ int, _ int) []byte { return append(dst, "null"...) }, nil
	}
	switch t := t.(type) {
	case types.UserDefinedType:
		return w.compile(t.SQLType, a)
	case types.VariantType:
		return w.variantEnc(a)
	case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		s, err := stringer(t, a, true, w.conv.loc)
		if err != nil {
			return nil, err
		}
		return func(dst []byte, i int, _ int) []byte { return s(dst, i) }, nil
	case types.FloatType:
		v := fixedValues[float32](a)
		return func(dst []byte, i int, _ int) []byte {
			f := v[i]
			if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
				dst = append(dst, '"')
				dst = format.AppendJavaFloat(dst, f)
				return append(dst, '"')
			}
			return format.AppendJavaFloat(dst, f)
		}, nil
	case types.DoubleType:
		v := fixedValues[float64](a)
		return func(dst []byte, i int, _ int) []byte {
			f := v[i]
			if math.IsNaN(f) || math.IsInf(f, 0) {
				dst = append(dst, '"')
				dst = format.AppendJavaDouble(dst, f)
				return append(dst, '"')
			}
			return format.AppendJavaDouble(dst, f)
		}, nil
	case types.DecimalType:
		v := fixedValues[decimal128.Num](a)
		s := t.Scale
		return func(dst []byte, i int, _ int) []byte { return appendJavaDecimal(dst, v[i], s) }, nil
	case types.StringType, types.CharType, types.VarcharType:
		v := viewVar(a)
		return func(dst []byte, i int, _ int) []byte { return w.quote(dst, v.at(i)) }, nil
	case types.BinaryType:
		v := viewVar(a)
		return func(dst []byte, i int, _ int) []byte {
			dst = append(dst, '"')
			dst = base64.StdEncoding.AppendEncode(dst, v.at(i))
			return append(dst, '"')
		}, nil
	case types.DateType:
		v := fixedValues[int32](a)
		return func(dst []byte, i int, _ int) []byte {
			dst = append(dst, '"')
			dst = w.conv.appendDate(dst, v[i])
			return append(dst, '"')
		}, nil
	case types.TimestampType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int, _ int) []byte {
			dst = append(dst, '"')
			dst = w.conv.appendTimestamp(dst, v[i])
			return append(dst, '"')
		}, nil
	case types.TimestampNTZType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int, _ int) []byte {
			dst = append(dst, '"')
			dst = w.conv.appendNTZ(dst, v[i])
			return append(dst, '"')
		}, nil
	case types.CalendarIntervalType, types.YearMonthIntervalType, types.DayTimeIntervalType:
		s, err := stringer(t, a, true, w.conv.loc)
		if err != nil {
			return nil, err
		}
		var buf []byte
		return func(dst []byte, i int, _ int) []byte {
			buf = s(buf[:0], i)
			return w.quote(dst, buf)
		}, nil
	case types.ArrayType:
		l := a.(array.ListLike)
		elems := l.ListValues()
		ef, err := w.compile(t.ElementType, elems)
		if err != nil {
			return nil, err
		}
		ev := validity(elems)
		return func(dst []byte, i int, depth int) []byte {
			s, e := l.ValueOffsets(i)
			dst = append(dst, '[')
			if w.pretty {
				// DefaultPrettyPrinter: "[ 1, 2 ]", and "[ ]" when empty.
				dst = append(dst, ' ')
				if e == s {
					return append(dst, ']')
				}
			}
			for j := s; j < e; j++ {
				if j > s {
					dst = append(dst, ',')
					if w.pretty {
						dst = append(dst, ' ')
					}
				}
				if ev != nil && !ev.get(int(j)) {
					dst = append(dst, "null"...)
				} else {
					dst = ef(dst, int(j), depth)
				}
			}
			if w.pretty {
				dst = append(dst, ' ')
			}
			return append(dst, ']')
		}, nil
	case types.MapType:
		m := a.(*array.Map)
		keys, items := m.Keys(), m.Items()
		kf, err := w.mapKey(t.KeyType, keys)
		if err != nil {
			return nil, err
		}
		vf, err := w.compile(t.ValueType, items)
		if err != nil {
			return nil, err
		}
		vv := validity(items)
		var kbuf []byte
		return func(dst []byte, i int, depth int) []byte {
			s, e := m.ValueOffsets(i)
			dst = append(dst, '{')
			for j := s; j < e; j++ {
				if j > s {
					dst = append(dst, ',')
				}
				if w.pretty {
					dst = w.newline(dst, depth+1)
				}
				kbuf = kf(kbuf[:0], int(j))
				dst = w.quote(dst, kbuf)
				dst = w.colon(dst)
				if vv != nil && !vv.get(int(j)) {
					dst = append(dst, "null"...)
				} else {
					dst = vf(dst, int(j), depth+1)
				}
			}
			return w.closeObject(dst, depth, e > s)
		}, nil
	case *types.StructType:
		st := a.(*array.Struct)
		fns := make([]jsonEnc, len(t.Fields))
		vals := make([]words, len(t.Fields))
		names := make([][]byte, len(t.Fields))
		for k, f := range t.Fields {
			fn, err := w.compile(f.DataType, st.Field(k))
			if err != nil {
				return nil, err
			}
			fns[k], vals[k] = fn, validity(st.Field(k))
			if isNullType(st.Field(k)) {
				vals[k] = newWords(st.Len())
			}
			names[k] = w.quote(nil, []byte(f.Name))
		}
		return func(dst []byte, i int, depth int) []byte {
			dst = append(dst, '{')
			first := true
			for k, fn := range fns {
				null := vals[k] != nil && !vals[k].get(i)
				if null && w.ignoreNull {
					continue
				}
				if !first {
					dst = append(dst, ',')
				}
				first = false
				if w.pretty {
					dst = w.newline(dst, depth+1)
				}
				dst = append(dst, names[k]...)
				dst = w.colon(dst)
				if null {
					dst = append(dst, "null"...)
				} else {
					dst = fn(dst, i, depth+1)
				}
			}
			return w.closeObject(dst, depth, !first)
		}, nil
	case types.NullType:
		return func(dst []byte, _ int, _ int) []byte { return append(dst, "null"...) }, nil
	}
	return nil, sparkerror.NotImplemented("to_json of " + t.SQL())
}

func (w *jsonWriter) colon(dst []byte) []byte {
	if w.pretty {
		return append(dst, ' ', ':', ' ')
	}
	return append(dst, ':')
}

func (w *jsonWriter) closeObject(dst []byte, depth int, any bool) []byte {
	if w.pretty {
		if any {
			dst = w.newline(dst, depth)
		} else {
			dst = append(dst, ' ')
		}
	}
	return append(dst, '}')
}

// mapKey renders map keys as Spark's generator does: their toString (a struct key as
// "[f1,f2]").
func (w *jsonWriter) mapKey(t types.DataType, a arrow.Array) (appendFn, error) {
	if st, ok := t.(*types.StructType); ok {
		sa := a.(*array.Struct)
		fns := make([]appendFn, len(st.Fields))
		vals := make([]words, len(st.Fields))
		for k, f := range st.Fields {
			fn, err := w.mapKey(f.DataType, sa.Field(k))
			if err != nil {
				return nil, err
			}
			fns[k], vals[k] = fn, validity(sa.Field(k))
		}
		return func(dst []byte, i int) []byte {
			dst = append(dst, '[')
			for k, fn := range fns {
				if k > 0 {
					dst = append(dst, ',')
				}
				if vals[k] != nil && !vals[k].get(i) {
					dst = append(dst, "null"...)
				} else {
					dst = fn(dst, i)
				}
			}
			return append(dst, ']')
		}, nil
	}
	switch t.(type) {
	case types.DateType, types.YearMonthIntervalType:
		// Keys are the internal values' toString: days, months, microseconds.
		v := fixedValues[int32](a)
		return func(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(v[i]), 10) }, nil
	case types.TimestampType, types.TimestampNTZType, types.DayTimeIntervalType:
		v := fixedValues[int64](a)
		return func(dst []byte, i int) []byte { return strconv.AppendInt(dst, v[i], 10) }, nil
	}
	return stringer(t, a, false, w.conv.loc)
}

func toJSONFn(args []Expr, argTypes []types.DataType, _ types.DataType, opts FuncOptions) (Expr, error) {
	if len(args) < 1 || len(argTypes) < 1 {
		return nil, sparkerror.InternalError("to_json needs its input")
	}
	o, err := textOptions(args)
	if err != nil {
		return nil, err
	}
	t := argTypes[0]
	conv, err := newTextConv(o, t, opts.TimeZone, false, opts.timePolicy)
	if err != nil {
		return nil, err
	}
	w := &jsonWriter{conv: conv}
	if w.ignoreNull, err = o.Bool("ignoreNullFields", true); err != nil {
		return nil, err
	}
	if w.pretty, err = o.Bool("pretty", false); err != nil {
		return nil, err
	}
	w.quote = textdata.AppendQuoted
	if ascii, err := o.Bool("writeNonAsciiCharacterAsCodePoint", false); err != nil {
		return nil, err
	} else if ascii {
		w.quote = textdata.AppendQuotedASCII
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		enc, err := w.compile(t, a[0])
		if err != nil {
			return nil, err
		}
		return varRowK(utf8T, func(dst []byte, i int, _ []argv) ([]byte, bool, error) {
			return enc(dst, i, 0), true, nil
		})(a, n)
	}
	return &funcExpr{name: "to_json", args: args[:1], t: utf8T, k: k, strict: true}, nil
}

// schemaOfFn is schema_of_json / schema_of_csv: the inferred type's SQL text.
func schemaOfFn(name string) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if len(args) < 1 {
			return nil, sparkerror.InternalError("%s needs its input", name)
		}
		o, err := textOptions(args)
		if err != nil {
			return nil, err
		}
		m := map[string]string(o)
		// schema_of_csv parses dates and timestamps with the format options.
		var date, ts func([]byte) bool
		if name == "schema_of_csv" {
			if p, ok := o.Get("dateFormat"); ok {
				f, err := compileDatetime(p, true)
				if err != nil {
					return nil, err
				}
				date = func(s []byte) bool { _, err := f.parseLocal(s); return err == nil }
			}
			if p, ok := o.Get("timestampFormat"); ok {
				f, err := compileDatetime(p, true)
				if err != nil {
					return nil, err
				}
				ts = func(s []byte) bool { _, err := f.parseMicros(s, time.UTC); return err == nil }
			}
		}
		k := varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			var dt types.DataType
			var err error
			if name == "schema_of_csv" {
				dt, err = textdata.InferCSVWith(a[0].str(i), m, date, ts)
			} else {
				dt, err = textdata.InferJSON(a[0].str(i), m)
			}
			if err != nil {
				return nil, false, err
			}
			return append(dst, dt.SQL()...), true, nil
		})
		return &funcExpr{name: name, args: args[:1], t: utf8T, k: k, fails: true, strict: true}, nil
	}
}

func jsonArrayLengthFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("json_array_length", args, 1, 1); err != nil {
		return nil, err
	}
	k := perBatch(func() kernel {
		p := &textdata.Parser{Syntax: textdata.HiveSyntax}
		return fixedRowK(arrow.PrimitiveTypes.Int32, func(i int, a []argv) (int32, bool, error) {
			root, err := p.Parse(a[0].str(i))
			if err != nil || root < 0 || p.Node(root).Kind != textdata.Array {
				return 0, false, nil
			}
			return p.Node(root).Len, true, nil
		})
	})
	return newFunc("json_array_length", args, types.Integer, false, k)
}

func jsonObjectKeysFn(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("json_object_keys", args, 1, 1); err != nil {
		return nil, err
	}
	t, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	k := perBatch(func() kernel {
		p := &textdata.Parser{Syntax: textdata.HiveSyntax}
		return listRowK(t, func(b *stringListBuilder, i int, a []argv) (bool, error) {
			root, err := p.Parse(a[0].str(i))
			if err != nil || root < 0 || p.Node(root).Kind != textdata.Object {
				return false, nil
			}
			for k := p.Node(root).First; k >= 0; k = p.Node(k).Next {
				b.add(p.Key(p.Node(k)))
			}
			return true, nil
		})
	})
	return &funcExpr{name: "json_object_keys", args: args, t: t, k: k, strict: true}, nil
}
