package expr

import (
	"errors"
	"math"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/sql/variant"
)

// VARIANT values are struct<value: binary, metadata: binary> arrays (types.ToArrow): the
// value and metadata of each row in Spark's binary encoding (sql/variant). This file
// holds the array plumbing and the functions that make or inspect variants: parse_json,
// try_parse_json, is_variant_null, schema_of_variant, to_variant_object and the casts to
// VARIANT. variant_get.go reads values out of them.

func init() {
	register(parseJSONFn(true), "parse_json")
	register(parseJSONFn(false), "try_parse_json")
	register(isVariantNullFn, "is_variant_null")
	register(schemaOfVariantFn, "schema_of_variant")
	register(toVariantObjectFn, "to_variant_object")
}

var variantArrowType = func() arrow.DataType {
	t, err := types.ToArrow(types.Variant)
	if err != nil {
		panic(err)
	}
	return t
}()

// variantReader reads the rows of a variant array.
type variantReader struct {
	value, meta varView
	valid       words
}

func readVariants(a arrow.Array) (variantReader, error) {
	s, ok := a.(*array.Struct)
	if !ok {
		return variantReader{}, sparkerror.InternalError("variant array of type %s", a.DataType())
	}
	value, meta, ok := format.VariantColumns(s)
	if !ok {
		return variantReader{}, sparkerror.InternalError("variant array of type %s", a.DataType())
	}
	return variantReader{value: viewVar(value), meta: viewVar(meta), valid: validity(a)}, nil
}

func (r *variantReader) isNull(i int) bool { return r.valid != nil && !r.valid.get(i) }

// at is row i's variant (Spark's Variant constructor: the metadata version and the size
// limit are checked).
func (r *variantReader) at(i int) (variant.Variant, error) {
	return variant.New(r.value.at(i), r.meta.at(i))
}

// variantWriter collects the rows of a variant array.
type variantWriter struct {
	voffs, moffs []int32
	vdata, mdata []byte
	valid        words // nil while every row is valid
	n            int
}

// newVariantWriter returns a writer for about n rows.
func newVariantWriter(n int) *variantWriter {
	return &variantWriter{voffs: make([]int32, 1, n+1), moffs: make([]int32, 1, n+1)}
}

// reserve makes room for about valueBytes of values and metaBytes of metadata.
func (w *variantWriter) reserve(valueBytes, metaBytes int) {
	w.vdata = slices.Grow(w.vdata, valueBytes)
	w.mdata = slices.Grow(w.mdata, metaBytes)
}

func (w *variantWriter) appendNull() {
	if w.valid == nil {
		w.valid = allOnes(max(w.n+1, cap(w.voffs)-1))
	}
	for len(w.valid)*64 <= w.n {
		w.valid = append(w.valid, ^uint64(0))
	}
	w.valid.clear(w.n)
	w.voffs = append(w.voffs, int32(len(w.vdata)))
	w.moffs = append(w.moffs, int32(len(w.mdata)))
	w.n++
}

func (w *variantWriter) end() error {
	if len(w.vdata) > math.MaxInt32 || len(w.mdata) > math.MaxInt32 {
		return sparkerror.InternalError("variant batch exceeds 2 GiB")
	}
	w.voffs = append(w.voffs, int32(len(w.vdata)))
	w.moffs = append(w.moffs, int32(len(w.mdata)))
	if w.valid != nil && len(w.valid)*64 <= w.n {
		w.valid = append(w.valid, ^uint64(0))
	}
	w.n++
	return nil
}

func (w *variantWriter) appendRaw(value, meta []byte) error {
	w.vdata = append(w.vdata, value...)
	w.mdata = append(w.mdata, meta...)
	return w.end()
}

// appendBuilder appends the value a builder holds, with its metadata.
func (w *variantWriter) appendBuilder(b *variant.Builder) error {
	mark := len(w.mdata)
	m, err := b.AppendMetadata(w.mdata)
	if err != nil {
		w.mdata = w.mdata[:mark]
		return err
	}
	w.mdata = m
	w.vdata = append(w.vdata, b.Value()...)
	return w.end()
}

func (w *variantWriter) finish() arrow.Array {
	n := w.n
	if w.valid != nil && len(w.valid) > (n+63)/64 {
		w.valid = w.valid[:(n+63)/64]
	}
	if w.vdata == nil {
		w.vdata = []byte{}
	}
	if w.mdata == nil {
		w.mdata = []byte{}
	}
	value := newVar(arrow.BinaryTypes.Binary, w.voffs, w.vdata, nil)
	defer value.Release()
	meta := newVar(arrow.BinaryTypes.Binary, w.moffs, w.mdata, nil)
	defer meta.Release()
	vb, nulls := validBuffer(w.valid, n)
	d := array.NewData(variantArrowType, n, []*memory.Buffer{vb}, []arrow.ArrayData{value.Data(), meta.Data()}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// parseJSONFn is parse_json(json[, allowDuplicateKeys]) (failOnError) and try_parse_json:
// malformed JSON is MALFORMED_RECORD_IN_PARSING (or NULL), a value past the size limit
// VARIANT_SIZE_LIMIT (or NULL).
func parseJSONFn(failOnError bool) ScalarFunc {
	name := "parse_json"
	if !failOnError {
		name = "try_parse_json"
	}
	return func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		allowDup := false
		if len(args) == 2 {
			if l, ok := args[1].(*Literal); ok {
				allowDup, _ = l.Value.(bool)
			}
		}
		k := perBatch(func() kernel {
			b := variant.NewBuilder(allowDup)
			return func(a []arrow.Array, n int) (arrow.Array, error) {
				x := argvOf(a[0])
				w := newVariantWriter(n)
				// A value takes about as many bytes as its text; metadata a few per row.
				w.reserve(int(x.v.offs[n]-x.v.offs[0]), 16*n)
				for i := 0; i < n; i++ {
					if x.isNull(i) {
						w.appendNull()
						continue
					}
					text := x.str(i)
					b.Reset()
					err := variant.ParseJSON(b, text)
					if err == nil {
						err = w.appendBuilder(b)
					}
					if err != nil {
						if !failOnError {
							w.appendNull()
							continue
						}
						if errors.Is(err, variant.ErrTooBig) {
							return nil, variant.SizeLimitError("parse_json")
						}
						return nil, parseJSONMalformed(string(text))
					}
				}
				return w.finish(), nil
			}
		})
		return &funcExpr{name: name, args: args[:1], t: variantArrowType, k: k, fails: failOnError, strict: true}, nil
	}
}

// parseJSONMalformed is the SparkException parse_json raises for malformed JSON.
func parseJSONMalformed(text string) error {
	return sparkerror.New(sparkerror.Internal, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023",
		"Malformed records are detected in record parsing: <badRecord>.\nParse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.",
		map[string]string{"badRecord": text, "failFastMode": "FAILFAST"})
}

// isVariantNullFn is is_variant_null(v): true for the variant null, false otherwise
// (SQL NULL included); an empty value is MALFORMED_VARIANT.
func isVariantNullFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("is_variant_null", args, 1, 1); err != nil {
		return nil, err
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		out := newWords(n)
		if isNullType(a[0]) {
			return newBool(n, out, nil), nil
		}
		r, err := readVariants(a[0])
		if err != nil {
			return nil, err
		}
		for i := 0; i < n; i++ {
			if r.isNull(i) {
				continue
			}
			v := r.value.at(i)
			if len(v) == 0 {
				return nil, variant.ErrMalformed()
			}
			if v[0] == 0 {
				out.set(i)
			}
		}
		return newBool(n, out, nil), nil
	}
	return lenientFunc("is_variant_null", args, arrow.FixedWidthTypes.Boolean, true, k), nil
}

// schemaOfVariantFn is schema_of_variant(v): the SQL type of the value, objects as
// OBJECT<...>.
func schemaOfVariantFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("schema_of_variant", args, 1, 1); err != nil {
		return nil, err
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		r, err := readVariants(a[0])
		if err != nil {
			return nil, err
		}
		offs := make([]int32, n+1)
		var data []byte
		valid := validity(a[0])
		for i := 0; i < n; i++ {
			if !r.isNull(i) {
				v, err := r.at(i)
				if err != nil {
					return nil, err
				}
				s, err := variant.SchemaOf(v)
				if err != nil {
					return nil, err
				}
				data = append(data, s.String()...)
			}
			offs[i+1] = int32(len(data))
		}
		if data == nil {
			data = []byte{}
		}
		return newVar(arrow.BinaryTypes.String, offs, data, valid), nil
	}
	return &funcExpr{name: "schema_of_variant", args: args, t: arrow.BinaryTypes.String, k: k, fails: true, strict: true}, nil
}

// toVariantObjectFn is to_variant_object(x) of an array, map or struct: structs and maps
// become objects (a repeated key is VARIANT_DUPLICATE_KEY).
func toVariantObjectFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("to_variant_object", args, 1, 1); err != nil {
		return nil, err
	}
	from := argTypes[0]
	k := perBatch(func() kernel {
		b := variant.NewBuilder(false)
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			return buildVariants(b, a[0], from, n, "to_variant_object")
		}
	})
	return &funcExpr{name: "to_variant_object", args: args, t: variantArrowType, k: k, fails: true, strict: true}, nil
}

// buildVariants converts the rows of a (of Spark type from) to variants
// (castToVariant); NULL rows stay NULL, NULLs inside become variant nulls.
func buildVariants(b *variant.Builder, a arrow.Array, from types.DataType, n int, fn string) (arrow.Array, error) {
	app, err := variantAppender(a, from)
	if err != nil {
		return nil, err
	}
	valid := validity(a)
	w := newVariantWriter(n)
	for i := 0; i < n; i++ {
		if valid != nil && !valid.get(i) {
			w.appendNull()
			continue
		}
		b.Reset()
		err := app(b, i)
		if err == nil {
			err = w.appendBuilder(b)
		}
		if err != nil {
			if errors.Is(err, variant.ErrTooBig) {
				return nil, variant.SizeLimitError(fn)
			}
			return nil, err
		}
	}
	return w.finish(), nil
}

// variantAppend appends row i of an array to a builder.
type variantAppend func(b *variant.Builder, i int) error

// variantAppender compiles the conversion of a's rows (Spark type t) to variant values
// (VariantExpressionEvalUtils.buildVariant).
func variantAppender(a arrow.Array, t types.DataType) (variantAppend, error) {
	valid := validity(a)
	withNull := func(f variantAppend) variantAppend {
		if valid == nil {
			return f
		}
		return func(b *variant.Builder, i int) error {
			if !valid.get(i) {
				return b.AppendNull()
			}
			return f(b, i)
		}
	}
	if isNullType(a) {
		return func(b *variant.Builder, _ int) error { return b.AppendNull() }, nil
	}
	switch t := t.(type) {
	case types.UserDefinedType:
		return variantAppender(a, t.SQLType)
	case types.BooleanType:
		w := boolWords(a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendBool(w.get(i)) }), nil
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		x := argvOf(a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendLong(x.int(i)) }), nil
	case types.FloatType:
		x := fixedValues[float32](a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendFloat(x[i]) }), nil
	case types.DoubleType:
		x := fixedValues[float64](a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendDouble(x[i]) }), nil
	case types.DecimalType:
		x := fixedValues[decimal128.Num](a)
		scale := t.Scale
		return withNull(func(b *variant.Builder, i int) error {
			return b.AppendDecimal(variant.Dec{Hi: x[i].HighBits(), Lo: x[i].LowBits(), Scale: scale})
		}), nil
	case types.StringType, types.CharType, types.VarcharType, types.BinaryType:
		x := viewVar(a)
		if _, bin := t.(types.BinaryType); bin {
			return withNull(func(b *variant.Builder, i int) error { return b.AppendBinary(x.at(i)) }), nil
		}
		return withNull(func(b *variant.Builder, i int) error { return b.AppendString(x.at(i)) }), nil
	case types.DateType:
		x := fixedValues[int32](a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendDate(x[i]) }), nil
	case types.TimestampType:
		x := fixedValues[int64](a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendTimestamp(x[i]) }), nil
	case types.TimestampNTZType:
		x := fixedValues[int64](a)
		return withNull(func(b *variant.Builder, i int) error { return b.AppendTimestampNTZ(x[i]) }), nil
	case types.VariantType:
		r, err := readVariants(a)
		if err != nil {
			return nil, err
		}
		return withNull(func(b *variant.Builder, i int) error {
			v, err := r.at(i)
			if err != nil {
				return err
			}
			return b.AppendVariant(v)
		}), nil
	case types.ArrayType:
		l, ok := a.(array.ListLike)
		if !ok {
			return nil, sparkerror.InternalError("array of type %s", a.DataType())
		}
		elem, err := variantAppender(l.ListValues(), t.ElementType)
		if err != nil {
			return nil, err
		}
		return withNull(func(b *variant.Builder, i int) error {
			start, end := l.ValueOffsets(i)
			w := b.StartArray()
			for j := start; j < end; j++ {
				b.Elem(w)
				if err := elem(b, int(j)); err != nil {
					return err
				}
			}
			return b.FinishArray(w)
		}), nil
	case types.MapType:
		m, ok := a.(*array.Map)
		if !ok {
			return nil, sparkerror.InternalError("map of type %s", a.DataType())
		}
		keys := viewVar(m.Keys())
		vals, err := variantAppender(m.Items(), t.ValueType)
		if err != nil {
			return nil, err
		}
		return withNull(func(b *variant.Builder, i int) error {
			start, end := m.ValueOffsets(i)
			w := b.StartObject()
			for j := start; j < end; j++ {
				b.Field(w, keys.at(int(j)))
				if err := vals(b, int(j)); err != nil {
					return err
				}
			}
			return b.FinishObject(w)
		}), nil
	case *types.StructType:
		s, ok := a.(*array.Struct)
		if !ok {
			return nil, sparkerror.InternalError("struct of type %s", a.DataType())
		}
		fields := make([]variantAppend, len(t.Fields))
		names := make([][]byte, len(t.Fields))
		for k, f := range t.Fields {
			fa, err := variantAppender(s.Field(k), f.DataType)
			if err != nil {
				return nil, err
			}
			fields[k], names[k] = fa, []byte(f.Name)
		}
		return withNull(func(b *variant.Builder, i int) error {
			w := b.StartObject()
			for k, f := range fields {
				b.Field(w, names[k])
				if err := f(b, i); err != nil {
					return err
				}
			}
			return b.FinishObject(w)
		}), nil
	}
	return nil, sparkerror.NotImplemented("converting " + t.SQL() + " to VARIANT")
}

// variantEnc writes variants into to_json's output as their JSON (JacksonGenerator
// writes Variant.toJson raw, in the session time zone).
func (w *jsonWriter) variantEnc(a arrow.Array) (jsonEnc, error) {
	r, err := readVariants(a)
	if err != nil {
		return nil, err
	}
	loc := sessionZone(w.conv.loc)
	return func(dst []byte, i int, _ int) []byte {
		if r.isNull(i) {
			return append(dst, "null"...)
		}
		mark := len(dst)
		v, err := r.at(i)
		if err == nil {
			if out, err := format.AppendVariantJSON(dst, v, loc); err == nil {
				return out
			}
		}
		return append(dst[:mark], "null"...)
	}, nil
}
