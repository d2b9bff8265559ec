package expr

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"github.com/antchfx/xpath"
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// from_xml and to_xml, after Spark's StaxXmlParser and StaxXmlGenerator. from_xml reads
// the document's root element as the row: its attributes are the fields named with the
// attributePrefix (default "_"), its child elements the fields of their names (case
// insensitive; repeated ones fill ARRAY fields, else the last wins), and non-blank text the
// valueTag field (default "_VALUE"). A value that does not convert leaves its field NULL
// (an array element is dropped, a nested struct becomes NULL), as Spark's partial results;
// a document that is not well-formed gives a row of NULLs, or fails in FAILFAST mode.
// to_xml writes a struct as <ROW> (rowTag) with one element per non-NULL field, indented
// by the indent option (four spaces; "" for none).

func init() {
	register(fromXMLFn, "from_xml")
	register(toXMLFn, "to_xml")
}

// xmlOptions are the options from_xml and to_xml read.
type xmlOptions struct {
	attrPrefix, valueTag, rowTag, indent string
	nullValue                            *string
	trim                                 bool
	mode                                 parseMode
	corrupt                              string
}

func xmlOptionsOf(fn string, o textdata.Options) (xmlOptions, error) {
	x := xmlOptions{attrPrefix: o.Str("attributePrefix", "_"), valueTag: o.Str("valueTag", "_VALUE"),
		rowTag: o.Str("rowTag", "ROW"), indent: o.Str("indent", "    "), trim: true,
		corrupt: o.Str("columnNameOfCorruptRecord", "_corrupt_record")}
	if v, ok := o.Get("nullValue"); ok {
		x.nullValue = &v
	}
	if v, ok := o.Get("ignoreSurroundingSpaces"); ok {
		x.trim = !strings.EqualFold(v, "false")
	}
	mode, err := modeOption(fn, o)
	x.mode = mode
	return x, err
}

type fromXML struct {
	st   *types.StructType
	opts xmlOptions
	conv *textConv
	at   arrow.DataType
}

func fromXMLFn(args []Expr, _ []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
	if len(args) < 1 {
		return nil, sparkerror.InternalError("from_xml without arguments")
	}
	st, ok := result.(*types.StructType)
	if !ok {
		return nil, sparkerror.InternalError("from_xml of %s", result.SimpleString())
	}
	o, err := textOptions(args)
	if err != nil {
		return nil, err
	}
	xo, err := xmlOptionsOf("from_xml", o)
	if err != nil {
		return nil, err
	}
	conv, err := newTextConv(o, st, sessionZone(opts.TimeZone), true, opts.timePolicy)
	if err != nil {
		return nil, err
	}
	conv.binary = opts.binaryStyle
	at, err := types.ToArrow(st)
	if err != nil {
		return nil, err
	}
	f := &fromXML{st: st, opts: xo, conv: conv, at: at}
	return newFunc("from_xml", args[:1], result, xo.mode == failFast, f.kernel)
}

func (f *fromXML) kernel(args []arrow.Array, n int) (arrow.Array, error) {
	docs := argvOf(args[0])
	b := array.NewStructBuilder(memory.DefaultAllocator, f.at.(*arrow.StructType))
	defer b.Release()
	for i := 0; i < n; i++ {
		if docs.isNull(i) {
			b.AppendNull()
			continue
		}
		doc := docs.str(i)
		root, err := parseXMLDoc(doc)
		var row *xmlStruct
		if err == nil {
			var ok bool
			row, ok = f.object(rootElement(root), f.st)
			if !ok && f.opts.mode == failFast {
				return nil, malformedRecord(string(doc))
			}
		} else if f.opts.mode == failFast {
			return nil, malformedRecord(string(doc))
		}
		if row == nil {
			row = &xmlStruct{vals: make([]any, len(f.st.Fields))}
		}
		if err != nil || row.bad {
			if k := fieldIndexFold(f.st, f.opts.corrupt); k >= 0 {
				if _, isStr := f.st.Fields[k].DataType.(types.StringType); isStr {
					row.vals[k] = string(doc)
				}
			}
		}
		appendXMLValue(b, f.st, row)
	}
	return b.NewArray(), nil
}

// rootElement is the document's element.
func rootElement(doc *xmlNode) *xmlNode {
	for _, c := range doc.children {
		if c.kind == xpath.ElementNode {
			return c
		}
	}
	return doc
}

// xmlStruct is a converted struct: its field values; bad records a value that did not
// convert (Spark's partial result).
type xmlStruct struct {
	vals []any
	bad  bool
}

type xmlMap struct {
	keys []string
	vals []any
}

func fieldIndexFold(st *types.StructType, name string) int {
	for i, f := range st.Fields {
		if f.Name == name {
			return i
		}
	}
	for i, f := range st.Fields {
		if strings.EqualFold(f.Name, name) {
			return i
		}
	}
	return -1
}

func xmlName(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + ":" + name
}

// object converts an element's attributes, children and text into a struct; ok is false
// when some value did not convert (the struct then holds what did).
func (f *fromXML) object(el *xmlNode, st *types.StructType) (*xmlStruct, bool) {
	row := &xmlStruct{vals: make([]any, len(st.Fields))}
	for _, a := range el.attrs {
		if k := fieldIndexFold(st, f.opts.attrPrefix+xmlName(a.prefix, a.name)); k >= 0 {
			v, ok := f.leaf(a.value, st.Fields[k].DataType)
			if !ok {
				row.bad = true
				continue
			}
			row.vals[k] = v
		}
	}
	for _, c := range el.children {
		switch c.kind {
		case xpath.ElementNode:
			k := fieldIndexFold(st, xmlName(c.prefix, c.name))
			if k < 0 {
				continue
			}
			if at, isArray := st.Fields[k].DataType.(types.ArrayType); isArray {
				v, ok := f.element(c, at.ElementType)
				if !ok {
					row.bad = true
					continue
				}
				list, _ := row.vals[k].([]any)
				row.vals[k] = append(list, v)
				continue
			}
			v, ok := f.element(c, st.Fields[k].DataType)
			if !ok {
				row.bad = true
				continue
			}
			row.vals[k] = v
		case xpath.TextNode:
			if len(strings.TrimSpace(c.value)) == 0 {
				continue
			}
			if k := fieldIndexFold(st, f.opts.valueTag); k >= 0 {
				v, ok := f.leaf(c.value, st.Fields[k].DataType)
				if !ok {
					row.bad = true
					continue
				}
				row.vals[k] = v
			}
		}
	}
	return row, !row.bad
}

func hasChildElements(el *xmlNode) bool {
	for _, c := range el.children {
		if c.kind == xpath.ElementNode {
			return true
		}
	}
	return false
}

// element converts one element to dt.
func (f *fromXML) element(el *xmlNode, dt types.DataType) (any, bool) {
	switch t := dt.(type) {
	case *types.StructType:
		row, ok := f.object(el, t)
		if !ok {
			return nil, false
		}
		return row, true
	case types.MapType:
		return f.mapOf(el, t.ValueType)
	case types.ArrayType:
		return f.element(el, t.ElementType)
	case types.StringType:
		if hasChildElements(el) {
			var b strings.Builder
			for _, c := range el.children {
				writeXMLNode(&b, c)
			}
			return f.leaf(b.String(), dt)
		}
	}
	if hasChildElements(el) {
		return nil, false
	}
	var b strings.Builder
	el.text(&b)
	text := b.String()
	if strings.TrimSpace(text) == "" {
		if _, isStr := dt.(types.StringType); isStr && (f.opts.nullValue == nil || *f.opts.nullValue != "") {
			return "", true
		}
		return nil, true
	}
	return f.leaf(text, dt)
}

func (f *fromXML) mapOf(el *xmlNode, vt types.DataType) (any, bool) {
	m := &xmlMap{}
	put := func(k string, v any) {
		for i, old := range m.keys {
			if old == k {
				m.vals[i] = v
				return
			}
		}
		m.keys, m.vals = append(m.keys, k), append(m.vals, v)
	}
	for _, a := range el.attrs {
		v, ok := f.leaf(a.value, vt)
		if !ok {
			return nil, false
		}
		put(f.opts.attrPrefix+xmlName(a.prefix, a.name), v)
	}
	for _, c := range el.children {
		switch c.kind {
		case xpath.ElementNode:
			v, ok := f.element(c, vt)
			if !ok {
				return nil, false
			}
			put(xmlName(c.prefix, c.name), v)
		case xpath.TextNode:
			if strings.TrimSpace(c.value) != "" {
				v, ok := f.leaf(c.value, vt)
				if !ok {
					return nil, false
				}
				put(f.opts.valueTag, v)
			}
		}
	}
	return m, true
}

// leaf converts text to an atomic type (StaxXmlParser.convertTo).
func (f *fromXML) leaf(text string, dt types.DataType) (any, bool) {
	if f.opts.trim {
		text = strings.TrimSpace(text)
	}
	if f.opts.nullValue != nil && text == *f.opts.nullValue {
		return nil, true
	}
	switch t := dt.(type) {
	case types.StringType, types.NullType:
		return text, true
	case types.BooleanType:
		switch strings.ToLower(text) {
		case "true", "1":
			return true, true
		case "false", "0":
			return false, true
		}
		return nil, false
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		bits := map[string]int{"tinyint": 8, "smallint": 16, "int": 32, "bigint": 64}[dt.SimpleString()]
		v, err := strconv.ParseInt(text, 10, bits)
		if err != nil {
			return nil, false
		}
		return v, true
	case types.FloatType, types.DoubleType:
		if v, ok := parseJavaDouble([]byte(text), 64); ok {
			return v, true
		}
		return numberFormatPrefix(text)
	case types.DecimalType:
		v, ok := textDecimal([]byte(text), t)
		if !ok {
			return nil, false
		}
		return v, true
	case types.DateType:
		v, ok := f.conv.parseDate([]byte(text))
		if !ok {
			return nil, false
		}
		return v, true
	case types.TimestampType:
		v, ok := f.conv.parseTimestamp([]byte(text))
		if !ok {
			return nil, false
		}
		return v, true
	case types.TimestampNTZType:
		v, ok := f.conv.parseNTZ([]byte(text))
		if !ok {
			return nil, false
		}
		return v, true
	case types.BinaryType:
		return f.conv.binary.parseBinary(text)
	}
	return nil, false
}

// numberFormatPrefix is java.text.NumberFormat's parse for the US locale, Spark's fallback
// for doubles: the longest prefix of digits, grouping commas and one decimal point.
func numberFormatPrefix(s string) (any, bool) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	var b strings.Builder
	dot := false
	for _, c := range body {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ',' && !dot:
		case c == '.' && !dot:
			dot = true
			b.WriteRune(c)
		default:
			goto done
		}
	}
done:
	digits := strings.TrimSuffix(b.String(), ".")
	if digits == "" {
		return nil, false
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return nil, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// writeXMLNode writes a node back as XML text.
func writeXMLNode(b *strings.Builder, n *xmlNode) {
	switch n.kind {
	case xpath.TextNode:
		b.WriteString(escapeXMLText(n.value))
	case xpath.CommentNode:
		b.WriteString("<!--" + n.value + "-->")
	case xpath.ElementNode:
		name := xmlName(n.prefix, n.name)
		b.WriteString("<" + name)
		for _, a := range n.attrs {
			b.WriteString(" " + xmlName(a.prefix, a.name) + `="` + escapeXMLAttr(a.value) + `"`)
		}
		if len(n.children) == 0 {
			b.WriteString("/>")
			return
		}
		b.WriteString(">")
		for _, c := range n.children {
			writeXMLNode(b, c)
		}
		b.WriteString("</" + name + ">")
	}
}

var (
	xmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	xmlAttrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

func escapeXMLText(s string) string { return xmlTextEscaper.Replace(s) }
func escapeXMLAttr(s string) string { return xmlAttrEscaper.Replace(s) }

// appendXMLValue appends a converted value of type dt.
func appendXMLValue(b array.Builder, dt types.DataType, v any) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch t := dt.(type) {
	case *types.StructType:
		row := v.(*xmlStruct)
		sb := b.(*array.StructBuilder)
		sb.Append(true)
		for i, fd := range t.Fields {
			appendXMLValue(sb.FieldBuilder(i), fd.DataType, row.vals[i])
		}
	case types.ArrayType:
		lb := b.(*array.ListBuilder)
		list, _ := v.([]any)
		if list == nil {
			// A single value where the schema has an array (a map value or a nested array).
			list = []any{v}
		}
		lb.Append(true)
		for _, x := range list {
			appendXMLValue(lb.ValueBuilder(), t.ElementType, x)
		}
	case types.MapType:
		mb := b.(*array.MapBuilder)
		m := v.(*xmlMap)
		mb.Append(true)
		for i, k := range m.keys {
			mb.KeyBuilder().(*array.StringBuilder).Append(k)
			appendXMLValue(mb.ItemBuilder(), t.ValueType, m.vals[i])
		}
	case types.StringType:
		b.(*array.StringBuilder).Append(v.(string))
	case types.NullType:
		b.AppendNull()
	case types.BooleanType:
		b.(*array.BooleanBuilder).Append(v.(bool))
	case types.ByteType:
		b.(*array.Int8Builder).Append(int8(v.(int64)))
	case types.ShortType:
		b.(*array.Int16Builder).Append(int16(v.(int64)))
	case types.IntegerType:
		b.(*array.Int32Builder).Append(int32(v.(int64)))
	case types.LongType:
		b.(*array.Int64Builder).Append(v.(int64))
	case types.FloatType:
		b.(*array.Float32Builder).Append(float32(v.(float64)))
	case types.DoubleType:
		b.(*array.Float64Builder).Append(v.(float64))
	case types.DecimalType:
		b.(*array.Decimal128Builder).Append(v.(decimal128.Num))
	case types.DateType:
		b.(*array.Date32Builder).Append(arrow.Date32(v.(int32)))
	case types.TimestampType, types.TimestampNTZType:
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(v.(int64)))
	case types.BinaryType:
		b.(*array.BinaryBuilder).Append(v.([]byte))
	default:
		b.AppendNull()
	}
}

// ---- to_xml ----

type toXML struct {
	st   *types.StructType
	opts xmlOptions
	conv *textConv
}

func toXMLFn(args []Expr, argTypes []types.DataType, _ types.DataType, opts FuncOptions) (Expr, error) {
	if len(args) < 1 || len(argTypes) < 1 {
		return nil, sparkerror.InternalError("to_xml without arguments")
	}
	st, ok := argTypes[0].(*types.StructType)
	if !ok {
		return nil, sparkerror.InternalError("to_xml of %s", argTypes[0].SimpleString())
	}
	o, err := textOptions(args)
	if err != nil {
		return nil, err
	}
	xo, err := xmlOptionsOf("to_xml", o)
	if err != nil {
		return nil, err
	}
	conv, err := newTextConv(o, st, sessionZone(opts.TimeZone), false, opts.timePolicy)
	if err != nil {
		return nil, err
	}
	conv.binary = opts.binaryStyle
	t := &toXML{st: st, opts: xo, conv: conv}
	return newFunc("to_xml", args[:1], types.String, false, t.kernel)
}

func (t *toXML) kernel(args []arrow.Array, n int) (arrow.Array, error) {
	in := args[0].(*array.Struct)
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	var buf bytes.Buffer
	for i := 0; i < n; i++ {
		if in.IsNull(i) {
			b.AppendNull()
			continue
		}
		buf.Reset()
		t.writeStruct(&buf, t.opts.rowTag, t.st, in, i, 0)
		b.BinaryBuilder.Append(buf.Bytes())
	}
	return b.NewArray(), nil
}

func (t *toXML) newline(buf *bytes.Buffer, depth int) {
	if t.opts.indent == "" {
		return
	}
	buf.WriteByte('\n')
	for range depth {
		buf.WriteString(t.opts.indent)
	}
}

// writeStruct writes row i of a struct array as an element: attribute fields first, then
// the value tag's text and one element per other non-NULL field.
func (t *toXML) writeStruct(buf *bytes.Buffer, name string, st *types.StructType, a *array.Struct, i, depth int) {
	buf.WriteString("<" + name)
	for k, fd := range st.Fields {
		if !strings.HasPrefix(fd.Name, t.opts.attrPrefix) || fd.Name == t.opts.valueTag {
			continue
		}
		col := a.Field(k)
		if col.IsNull(i) {
			continue
		}
		buf.WriteString(" " + strings.TrimPrefix(fd.Name, t.opts.attrPrefix) + `="`)
		buf.WriteString(escapeXMLAttr(t.atom(fd.DataType, col, i)))
		buf.WriteByte('"')
	}
	wrote := false
	closed := false
	for k, fd := range st.Fields {
		if strings.HasPrefix(fd.Name, t.opts.attrPrefix) && fd.Name != t.opts.valueTag {
			continue
		}
		col := a.Field(k)
		if col.IsNull(i) {
			if t.opts.nullValue == nil {
				continue
			}
		}
		if !closed {
			buf.WriteString(">")
			closed = true
		}
		if fd.Name == t.opts.valueTag {
			if !col.IsNull(i) {
				buf.WriteString(escapeXMLText(t.atom(fd.DataType, col, i)))
			}
			continue
		}
		wrote = true
		t.writeField(buf, fd.Name, fd.DataType, col, i, depth+1)
	}
	if !closed {
		buf.WriteString("/>")
		return
	}
	if wrote {
		t.newline(buf, depth)
	}
	buf.WriteString("</" + name + ">")
}

// writeField writes a field's value as elements named name (one per array element).
func (t *toXML) writeField(buf *bytes.Buffer, name string, dt types.DataType, col arrow.Array, i, depth int) {
	if col.IsNull(i) {
		t.newline(buf, depth)
		buf.WriteString("<" + name + ">" + escapeXMLText(*t.opts.nullValue) + "</" + name + ">")
		return
	}
	switch ft := dt.(type) {
	case *types.StructType:
		t.newline(buf, depth)
		t.writeStruct(buf, name, ft, col.(*array.Struct), i, depth)
	case types.ArrayType:
		l := col.(array.ListLike)
		start, end := l.ValueOffsets(i)
		vals := l.ListValues()
		for k := start; k < end; k++ {
			if _, nested := ft.ElementType.(types.ArrayType); nested {
				t.newline(buf, depth)
				buf.WriteString("<" + name + ">")
				t.writeField(buf, "item", ft.ElementType, vals, int(k), depth+1)
				t.newline(buf, depth)
				buf.WriteString("</" + name + ">")
				continue
			}
			if vals.IsNull(int(k)) && t.opts.nullValue == nil {
				continue
			}
			t.writeField(buf, name, ft.ElementType, vals, int(k), depth)
		}
	case types.MapType:
		m := col.(*array.Map)
		start, end := m.ValueOffsets(i)
		t.newline(buf, depth)
		buf.WriteString("<" + name + ">")
		keys, items := m.Keys(), m.Items()
		for k := start; k < end; k++ {
			key := t.atom(ft.KeyType, keys, int(k))
			if items.IsNull(int(k)) && t.opts.nullValue == nil {
				continue
			}
			t.writeField(buf, key, ft.ValueType, items, int(k), depth+1)
		}
		t.newline(buf, depth)
		buf.WriteString("</" + name + ">")
	default:
		t.newline(buf, depth)
		buf.WriteString("<" + name + ">" + escapeXMLText(t.atom(dt, col, i)) + "</" + name + ">")
	}
}

// atom renders an atomic value as StaxXmlGenerator does.
func (t *toXML) atom(dt types.DataType, col arrow.Array, i int) string {
	switch c := col.(type) {
	case *array.String:
		return c.Value(i)
	case *array.Boolean:
		return strconv.FormatBool(c.Value(i))
	case *array.Int8:
		return strconv.FormatInt(int64(c.Value(i)), 10)
	case *array.Int16:
		return strconv.FormatInt(int64(c.Value(i)), 10)
	case *array.Int32:
		return strconv.FormatInt(int64(c.Value(i)), 10)
	case *array.Int64:
		return strconv.FormatInt(c.Value(i), 10)
	case *array.Float32:
		return format.JavaFloatString(c.Value(i))
	case *array.Float64:
		v := c.Value(i)
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return format.JavaDoubleString(v)
		}
		return format.JavaDoubleString(v)
	case *array.Decimal128:
		return c.Value(i).ToString(c.DataType().(*arrow.Decimal128Type).Scale)
	case *array.Date32:
		return string(t.conv.appendDate(nil, int32(c.Value(i))))
	case *array.Timestamp:
		if _, ntz := dt.(types.TimestampNTZType); ntz {
			return string(t.conv.appendNTZ(nil, int64(c.Value(i))))
		}
		return string(t.conv.appendTimestamp(nil, int64(c.Value(i))))
	case *array.Binary:
		return string(t.conv.binary.appendBinary(nil, c.Value(i)))
	}
	return col.ValueStr(i)
}

func init() {
	// schema_of_xml: the analyzer infers the schema of its constant input and passes the
	// answer as the argument.
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("schema_of_xml", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("schema_of_xml", args, types.String, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			a[0].Retain()
			return a[0], nil
		})
	}, "schema_of_xml")
}
