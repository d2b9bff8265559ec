package expr

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// JSON functions: from_json (JacksonParser's conversions under PERMISSIVE or FAILFAST,
// with Spark's partial results), to_json (JacksonGenerator), schema_of_json,
// json_array_length, json_object_keys and get_json_object (json_path.go).

func init() {
	register(fromJSONFn, "from_json")
	register(toJSONFn, "to_json")
	register(schemaOfFn("schema_of_json"), "schema_of_json")
	register(jsonArrayLengthFn, "json_array_length")
	register(jsonObjectKeysFn, "json_object_keys")
	register(getJSONObjectFn, "get_json_object")
}

// jsonDec converts parsed JSON values of one Spark type into an Arrow builder.
type jsonDec struct {
	t      types.DataType
	conv   *textConv
	nonNum bool // allowNonNumericNumbers
	fields []*jsonDec
	index  map[string]int
	elem   *jsonDec // array element, map value
	// corrupt is the root struct's columnNameOfCorruptRecord field (-1: none), which the
	// document does not fill: it holds the text of bad records.
	corrupt int
	copier  *textdata.Copier
	buf     []byte
}

func newJSONDec(t types.DataType, conv *textConv, nonNum bool) (*jsonDec, error) {
	d := &jsonDec{t: t, conv: conv, nonNum: nonNum, copier: &jsonCopier, corrupt: -1}
	switch x := t.(type) {
	case *types.StructType:
		d.index = make(map[string]int, len(x.Fields))
		for i, f := range x.Fields {
			fd, err := newJSONDec(f.DataType, conv, nonNum)
			if err != nil {
				return nil, err
			}
			d.fields = append(d.fields, fd)
			if _, dup := d.index[f.Name]; !dup {
				d.index[f.Name] = i
			}
		}
	case types.ArrayType:
		e, err := newJSONDec(x.ElementType, conv, nonNum)
		if err != nil {
			return nil, err
		}
		d.elem = e
	case types.MapType:
		if _, ok := x.KeyType.(types.StringType); !ok {
			// JSON object keys are strings; the analyzer rejects other key types
			// (INVALID_JSON_MAP_KEY_TYPE), and a plan that reaches here must not panic.
			return nil, sparkerror.NotImplemented("from_json to a map with " + x.KeyType.SQL() + " keys")
		}
		e, err := newJSONDec(x.ValueType, conv, nonNum)
		if err != nil {
			return nil, err
		}
		d.elem = e
	case types.UserDefinedType:
		return newJSONDec(x.SQLType, conv, nonNum)
	case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType,
		types.FloatType, types.DoubleType, types.DecimalType, types.StringType, types.CharType, types.VarcharType,
		types.BinaryType, types.DateType, types.TimestampType, types.TimestampNTZType, types.NullType,
		types.CalendarIntervalType, types.YearMonthIntervalType, types.DayTimeIntervalType, types.VariantType:
	default:
		return nil, sparkerror.NotImplemented("from_json to " + t.SQL())
	}
	return d, nil
}

// check reports whether node i converts without failing outright (a struct or map with
// bad members is a partial result, not a failure; an array fails with any element).
func (d *jsonDec) check(p *textdata.Parser, i int32) bool {
	n := p.Node(i)
	if n.Kind == textdata.Null || isVariantResult(d.t) {
		return true
	}
	switch d.t.(type) {
	case *types.StructType, types.MapType:
		return n.Kind == textdata.Object
	case types.ArrayType:
		if n.Kind != textdata.Array {
			return false
		}
		for k := n.First; k >= 0; k = p.Node(k).Next {
			if !d.elem.check(p, k) {
				return false
			}
		}
		return true
	}
	_, ok := d.leaf(p, i, nil)
	return ok
}

// appendValue appends node i (which check accepted, or which is a struct/map member) and
// reports whether anything inside it failed.
func (d *jsonDec) appendValue(b array.Builder, p *textdata.Parser, i int32) (bad bool) {
	if isVariantResult(d.t) {
		return appendVariantField(b, p, i)
	}
	n := p.Node(i)
	if n.Kind == textdata.Null {
		b.AppendNull()
		return false
	}
	switch d.t.(type) {
	case *types.StructType:
		if n.Kind != textdata.Object {
			b.AppendNull()
			return true
		}
		return d.appendObject(b.(*array.StructBuilder), p, n)
	case types.MapType:
		if n.Kind != textdata.Object {
			b.AppendNull()
			return true
		}
		mb := b.(*array.MapBuilder)
		mb.Append(true)
		kb := mb.KeyBuilder().(*array.StringBuilder)
		vb := mb.ItemBuilder()
		for k := n.First; k >= 0; k = p.Node(k).Next {
			kb.BinaryBuilder.Append(p.Key(p.Node(k)))
			if d.elem.check(p, k) {
				bad = d.elem.appendValue(vb, p, k) || bad
			} else {
				vb.AppendNull()
				bad = true
			}
		}
		return bad
	case types.ArrayType:
		if !d.check(p, i) {
			b.AppendNull()
			return true
		}
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		vb := lb.ValueBuilder()
		for k := n.First; k >= 0; k = p.Node(k).Next {
			bad = d.elem.appendValue(vb, p, k) || bad
		}
		return bad
	}
	_, ok := d.leaf(p, i, b)
	if !ok {
		b.AppendNull()
		return true
	}
	return false
}

func (d *jsonDec) appendObject(sb *array.StructBuilder, p *textdata.Parser, n *textdata.Node) (bad bool) {
	sb.Append(true)
	// Later members of the same name win, as in Spark's row updates.
	var last [16]int32
	idx := last[:0]
	if len(d.fields) > len(last) {
		idx = make([]int32, 0, len(d.fields))
	}
	for range d.fields {
		idx = append(idx, -1)
	}
	for k := n.First; k >= 0; k = p.Node(k).Next {
		if f, ok := d.index[string(p.Key(p.Node(k)))]; ok && f != d.corrupt {
			idx[f] = k
		}
	}
	for f, fd := range d.fields {
		if f == d.corrupt {
			continue
		}
		fb := sb.FieldBuilder(f)
		k := idx[f]
		if k < 0 {
			fb.AppendNull()
			continue
		}
		if fd.check(p, k) {
			bad = fd.appendValue(fb, p, k) || bad
		} else {
			fb.AppendNull()
			bad = true
		}
	}
	return bad
}

// leaf converts an atomic value; with b nil it only checks.
func (d *jsonDec) leaf(p *textdata.Parser, i int32, b array.Builder) (struct{}, bool) {
	var none struct{}
	n := p.Node(i)
	text := p.Text(n)
	if n.Kind == textdata.String && len(text) == 0 {
		switch d.t.(type) {
		case types.StringType, types.CharType, types.VarcharType, types.BinaryType, types.NullType:
		default:
			return none, false
		}
	}
	switch t := d.t.(type) {
	case types.NullType:
		if b != nil {
			b.AppendNull()
		}
		return none, true
	case types.BooleanType:
		if n.Kind != textdata.True && n.Kind != textdata.False {
			return none, false
		}
		if b != nil {
			b.(*array.BooleanBuilder).Append(n.Kind == textdata.True)
		}
		return none, true
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		if n.Kind != textdata.Int {
			return none, false
		}
		var bits int
		switch t.(type) {
		case types.ByteType:
			bits = 8
		case types.ShortType:
			bits = 16
		case types.IntegerType:
			bits = 32
		default:
			bits = 64
		}
		v, ok := parseIntegral(text, false, 64)
		lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
		if bits == 8 {
			hi = 255 // Jackson's getByteValue takes -128..255; the high half wraps
		}
		if !ok || v < lo || v > hi {
			return none, false
		}
		if b != nil {
			switch bb := b.(type) {
			case *array.Int8Builder:
				bb.Append(int8(v))
			case *array.Int16Builder:
				bb.Append(int16(v))
			case *array.Int32Builder:
				bb.Append(int32(v))
			case *array.Int64Builder:
				bb.Append(v)
			}
		}
		return none, true
	case types.FloatType, types.DoubleType:
		var f float64
		switch n.Kind {
		case textdata.Int, textdata.Float:
			v, ok := textdata.FloatValue(text, jsonFloat)
			if !ok {
				return none, false
			}
			if _, is32 := t.(types.FloatType); is32 && !textdata.IsNonNumeric(text) {
				if v32, ok := parseJavaDouble(text, 32); ok {
					v = v32
				}
			}
			f = v
		case textdata.String:
			if !d.nonNum {
				return none, false
			}
			switch string(text) {
			case "NaN":
				f = math.NaN()
			case "+INF", "+Infinity", "Infinity":
				f = math.Inf(1)
			case "-INF", "-Infinity":
				f = math.Inf(-1)
			default:
				return none, false
			}
		default:
			return none, false
		}
		if b != nil {
			if fb, ok := b.(*array.Float32Builder); ok {
				fb.Append(float32(f))
			} else {
				b.(*array.Float64Builder).Append(f)
			}
		}
		return none, true
	case types.StringType, types.CharType, types.VarcharType:
		if b == nil {
			return none, true
		}
		sb := b.(*array.StringBuilder)
		if n.Kind == textdata.String {
			sb.BinaryBuilder.Append(text)
		} else {
			d.buf = d.copier.Append(d.buf[:0], p, i)
			sb.BinaryBuilder.Append(d.buf)
		}
		return none, true
	case types.DecimalType:
		if n.Kind != textdata.Int && n.Kind != textdata.Float && n.Kind != textdata.String {
			return none, false
		}
		if n.Kind == textdata.Float && textdata.IsNonNumeric(text) {
			return none, false
		}
		v, ok := textDecimal(text, t)
		if !ok {
			return none, false
		}
		if b != nil {
			b.(*array.Decimal128Builder).Append(v)
		}
		return none, true
	case types.BinaryType:
		if n.Kind != textdata.String {
			return none, false
		}
		v, ok := textBinary(text)
		if !ok {
			return none, false
		}
		if b != nil {
			b.(*array.BinaryBuilder).Append(v)
		}
		return none, true
	case types.DateType:
		if n.Kind != textdata.String {
			return none, false
		}
		v, ok := d.conv.parseDate(text)
		if !ok {
			return none, false
		}
		if b != nil {
			b.(*array.Date32Builder).Append(arrow.Date32(v))
		}
		return none, true
	case types.TimestampType:
		var v int64
		switch n.Kind {
		case textdata.String:
			us, ok := d.conv.parseTimestamp(text)
			if !ok {
				return none, false
			}
			v = us
		case textdata.Int:
			s, ok := parseIntegral(text, false, 64)
			if !ok || s > math.MaxInt64/1_000_000 || s < math.MinInt64/1_000_000 {
				return none, false
			}
			v = s * 1_000_000
		default:
			return none, false
		}
		if b != nil {
			b.(*array.TimestampBuilder).Append(arrow.Timestamp(v))
		}
		return none, true
	case types.TimestampNTZType:
		if n.Kind != textdata.String {
			return none, false
		}
		v, ok := d.conv.parseNTZ(text)
		if !ok {
			return none, false
		}
		if b != nil {
			b.(*array.TimestampBuilder).Append(arrow.Timestamp(v))
		}
		return none, true
	case types.CalendarIntervalType, types.YearMonthIntervalType, types.DayTimeIntervalType:
		if n.Kind != textdata.String {
			return none, false
		}
		v, ok := textInterval(text, t)
		if !ok {
			return none, false
		}
		if b != nil {
			appendIntervalValue(b, v)
		}
		return none, true
	}
	return none, false
}

func appendIntervalValue(b array.Builder, v any) {
	switch x := v.(type) {
	case arrow.MonthDayNanoInterval:
		b.(*array.MonthDayNanoIntervalBuilder).Append(x)
	case int32:
		b.(*array.MonthIntervalBuilder).Append(arrow.MonthInterval(x))
	case int64:
		b.(*array.DurationBuilder).Append(arrow.Duration(x))
	}
}

// fromJSON is a compiled from_json.
type fromJSON struct {
	schema types.DataType
	at     arrow.DataType
	syntax textdata.JSONSyntax
	mode   parseMode
	conv   *textConv
	nonNum bool
	// corrupt is the index of the columnNameOfCorruptRecord field of a struct schema, -1
	// when there is none.
	corrupt int
}

// corruptField finds the columnNameOfCorruptRecord field of a struct schema, which must
// be a string (ExprUtils.verifyColumnNameOfCorruptRecord).
func corruptField(o textdata.Options, schema types.DataType) (int, error) {
	st, ok := schema.(*types.StructType)
	if !ok {
		return -1, nil
	}
	name := o.Str("columnNameOfCorruptRecord", "_corrupt_record")
	for i, f := range st.Fields {
		if f.Name != name {
			continue
		}
		if _, isStr := f.DataType.(types.StringType); !isStr {
			return -1, sparkerror.New(sparkerror.Analysis, "INVALID_CORRUPT_RECORD_TYPE", "42804",
				"The column <columnName> for corrupt records must have the nullable STRING type, but got <actualType>.",
				map[string]string{"columnName": "`" + name + "`", "actualType": `"` + f.DataType.SQL() + `"`})
		}
		return i, nil
	}
	return -1, nil
}

func fromJSONFn(args []Expr, _ []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
	if len(args) < 1 {
		return nil, sparkerror.InternalError("from_json needs its input")
	}
	o, err := textOptions(args)
	if err != nil {
		return nil, err
	}
	syn, err := textdata.JSONSyntaxOf(o)
	if err != nil {
		return nil, err
	}
	mode, err := modeOption("from_json", o)
	if err != nil {
		return nil, err
	}
	if isVariantResult(result) {
		return fromJSONVariantFn(args, syn, mode)
	}
	conv, err := newTextConv(o, result, opts.TimeZone, true, opts.timePolicy)
	if err != nil {
		return nil, err
	}
	at, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	corrupt, err := corruptField(o, result)
	if err != nil {
		return nil, err
	}
	f := &fromJSON{schema: result, at: at, syntax: syn, mode: mode, conv: conv, nonNum: syn.NonNumericNumbers, corrupt: corrupt}
	if _, err := newJSONDec(result, conv, f.nonNum); err != nil {
		return nil, err
	}
	return &funcExpr{name: "from_json", args: args[:1], t: at, k: perBatch(f.kernel), fails: mode == failFast, strict: true}, nil
}

func (f *fromJSON) kernel() kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		dec, err := newJSONDec(f.schema, f.conv, f.nonNum)
		if err != nil {
			return nil, err
		}
		dec.corrupt = f.corrupt
		in := argvOf(a[0])
		b := array.NewBuilder(memory.DefaultAllocator, f.at)
		defer b.Release()
		b.Reserve(n)
		p := &textdata.Parser{Syntax: f.syntax}
		for i := 0; i < n; i++ {
			if in.isNull(i) {
				b.AppendNull()
				continue
			}
			text := in.str(i)
			root, err := p.Parse(text)
			if err != nil {
				root = -2
			}
			bad := f.row(dec, b, p, root)
			if bad && f.mode == failFast {
				return nil, malformedRecord(string(text))
			}
			if f.corrupt >= 0 && root != -1 {
				cb := b.(*array.StructBuilder).FieldBuilder(f.corrupt).(*array.StringBuilder)
				if bad {
					cb.BinaryBuilder.Append(text)
				} else {
					cb.AppendNull()
				}
			}
		}
		return b.NewArray(), nil
	}
}

// row appends the result of one document (root -1: blank, -2: malformed) and reports a
// bad record.
func (f *fromJSON) row(dec *jsonDec, b array.Builder, p *textdata.Parser, root int32) bool {
	if root == -1 {
		b.AppendNull()
		return false
	}
	switch dec.t.(type) {
	case *types.StructType:
		sb := b.(*array.StructBuilder)
		if root >= 0 && p.Node(root).Kind == textdata.Object {
			return dec.appendObject(sb, p, p.Node(root))
		}
		// Any other document is a bad record: a struct of NULLs.
		sb.Append(true)
		for k := range dec.fields {
			if k != dec.corrupt {
				sb.FieldBuilder(k).AppendNull()
			}
		}
		return true
	case types.ArrayType:
		if root >= 0 {
			node := p.Node(root)
			if node.Kind == textdata.Array {
				if !dec.check(p, root) {
					b.AppendNull()
					return true
				}
				return dec.appendValue(b, p, root)
			}
			if _, isStruct := dec.elem.t.(*types.StructType); isStruct && node.Kind == textdata.Object {
				lb := b.(*array.ListBuilder)
				lb.Append(true)
				return dec.elem.appendObject(lb.ValueBuilder().(*array.StructBuilder), p, node)
			}
		}
	case types.MapType:
		if root >= 0 && p.Node(root).Kind == textdata.Object {
			return dec.appendValue(b, p, root)
		}
	}
	b.AppendNull()
	return true
}
