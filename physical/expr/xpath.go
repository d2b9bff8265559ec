package expr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/antchfx/xpath"
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The xpath family (xpath, xpath_boolean, xpath_short/int/long, xpath_float/double/number,
// xpath_string): XPath 1.0 (github.com/antchfx/xpath) over a DOM parsed with encoding/xml
// the way Spark's UDFXPathUtil sees one through JAXP: a document that is not well-formed
// fails, element and attribute names keep their prefixes (the parser is not namespace
// aware), adjacent text and CDATA form one text node, and processing instructions and
// xmlns declarations are not nodes. An empty document or path gives NULL.

func init() {
	for _, name := range []string{"xpath", "xpath_boolean", "xpath_short", "xpath_int", "xpath_long",
		"xpath_float", "xpath_double", "xpath_number", "xpath_string"} {
		register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
			if err := arity(name, args, 2, 2); err != nil {
				return nil, err
			}
			x := &xpathKernel{name: name}
			return newFunc(name, args, result, true, x.eval)
		}, name)
	}
}

// xpathKernel evaluates one of the functions; it holds no state, as partitions share it.
type xpathKernel struct {
	name string
}

func xpathError(msg string) error {
	return sparkerror.New(sparkerror.Runtime, "", "", msg, nil)
}

// compile compiles a path once per batch (the path is a constant).
func compileXPath(cache map[string]*xpath.Expr, path string) (*xpath.Expr, error) {
	if e, ok := cache[path]; ok {
		return e, nil
	}
	e, err := xpath.Compile(path)
	if err != nil {
		return nil, xpathError("Invalid XPath '" + path + "'" + err.Error())
	}
	cache[path] = e
	return e, nil
}

func (k *xpathKernel) eval(args []arrow.Array, n int) (arrow.Array, error) {
	docs, paths := argvOf(args[0]), argvOf(args[1])
	cache := map[string]*xpath.Expr{}
	valid := allOnes(n)
	anyNull := false
	setNull := func(i int) { valid.clear(i); anyNull = true }
	var (
		bools   []bool
		ints    []int64
		floats  []float64
		strs    [][]byte
		lists   [][]*string
		results = k.name
	)
	switch results {
	case "xpath_boolean":
		bools = make([]bool, n)
	case "xpath_short", "xpath_int", "xpath_long":
		ints = make([]int64, n)
	case "xpath_float", "xpath_double", "xpath_number":
		floats = make([]float64, n)
	case "xpath_string":
		strs = make([][]byte, n)
	default:
		lists = make([][]*string, n)
	}
	for i := 0; i < n; i++ {
		if docs.isNull(i) || paths.isNull(i) {
			setNull(i)
			continue
		}
		doc, path := docs.str(i), string(paths.str(i))
		if len(doc) == 0 || path == "" {
			setNull(i)
			continue
		}
		e, err := compileXPath(cache, path)
		if err != nil {
			return nil, err
		}
		root, err := parseXMLDoc(doc)
		if err != nil {
			return nil, xpathError("Error loading expression '" + path + "'")
		}
		v, err := evaluateXPath(e, root)
		if err != nil {
			return nil, xpathError("Error loading expression '" + path + "'")
		}
		switch {
		case bools != nil:
			bools[i] = xpathBool(v)
		case ints != nil:
			ints[i] = xpathInt(xpathNumber(v), k.name)
		case floats != nil:
			floats[i] = xpathNumber(v)
		case strs != nil:
			strs[i] = []byte(xpathString(v))
		default:
			it, ok := v.(*xpath.NodeIterator)
			if !ok {
				return nil, xpathError("Invalid XML document: Can not convert #" + xpathKind(v) + " to a NodeList!")
			}
			var out []*string
			for it.MoveNext() {
				out = append(out, nodeValue(it.Current()))
			}
			if out == nil {
				out = []*string{}
			}
			lists[i] = out
		}
	}
	if !anyNull {
		valid = nil
	}
	switch k.name {
	case "xpath_boolean":
		b := array.NewBooleanBuilder(memory.DefaultAllocator)
		defer b.Release()
		b.AppendValues(bools, validSlice(valid, n))
		return b.NewArray(), nil
	case "xpath_short":
		out := make([]int16, n)
		for i, v := range ints {
			out[i] = int16(v)
		}
		return newFixed(arrow.PrimitiveTypes.Int16, out, valid), nil
	case "xpath_int":
		out := make([]int32, n)
		for i, v := range ints {
			out[i] = int32(v)
		}
		return newFixed(arrow.PrimitiveTypes.Int32, out, valid), nil
	case "xpath_long":
		return newFixed(arrow.PrimitiveTypes.Int64, ints, valid), nil
	case "xpath_float":
		out := make([]float32, n)
		for i, v := range floats {
			out[i] = float32(v)
		}
		return newFixed(arrow.PrimitiveTypes.Float32, out, valid), nil
	case "xpath_double", "xpath_number":
		return newFixed(arrow.PrimitiveTypes.Float64, floats, valid), nil
	case "xpath_string":
		b := array.NewStringBuilder(memory.DefaultAllocator)
		defer b.Release()
		for i, s := range strs {
			if valid != nil && !valid.get(i) {
				b.AppendNull()
				continue
			}
			b.BinaryBuilder.Append(s)
		}
		return b.NewArray(), nil
	}
	lb := array.NewListBuilder(memory.DefaultAllocator, arrow.BinaryTypes.String)
	defer lb.Release()
	sb := lb.ValueBuilder().(*array.StringBuilder)
	for i, l := range lists {
		if valid != nil && !valid.get(i) {
			lb.AppendNull()
			continue
		}
		lb.Append(true)
		for _, s := range l {
			if s == nil {
				sb.AppendNull()
			} else {
				sb.Append(*s)
			}
		}
	}
	return lb.NewArray(), nil
}

func validSlice(valid words, n int) []bool {
	if valid == nil {
		return nil
	}
	out := make([]bool, n)
	for i := range out {
		out[i] = valid.get(i)
	}
	return out
}

// evaluateXPath evaluates e, turning a panic of the XPath engine (it panics on some type
// errors) into an error.
func evaluateXPath(e *xpath.Expr, root *xmlNode) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("xpath evaluation failed")
		}
	}()
	return e.Evaluate(&xmlNav{root: root, cur: root, attr: -1}), nil
}

func xpathKind(v any) string {
	switch v.(type) {
	case bool:
		return "BOOLEAN"
	case float64:
		return "NUMBER"
	}
	return "STRING"
}

// xpathBool is XPath's boolean() of a result.
func xpathBool(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0 && !math.IsNaN(v)
	case string:
		return v != ""
	case *xpath.NodeIterator:
		return v.MoveNext()
	}
	return false
}

// xpathNumber is XPath's number() of a result.
func xpathNumber(v any) float64 {
	switch v := v.(type) {
	case bool:
		if v {
			return 1
		}
		return 0
	case float64:
		return v
	case string:
		return xpathParseNumber(v)
	case *xpath.NodeIterator:
		if v.MoveNext() {
			return xpathParseNumber(v.Current().Value())
		}
	}
	return math.NaN()
}

// xpathParseNumber reads an XPath 1.0 Number: optional whitespace, an optional minus,
// digits with an optional fraction; anything else is NaN.
func xpathParseNumber(s string) float64 {
	s = strings.Trim(s, " \t\r\n")
	body := strings.TrimPrefix(s, "-")
	digits, dot := 0, 0
	for _, c := range body {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dot++
		default:
			return math.NaN()
		}
	}
	if digits == 0 || dot > 1 {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

// xpathInt converts as Java's Double.shortValue/intValue/longValue.
func xpathInt(f float64, name string) int64 {
	if math.IsNaN(f) {
		return 0
	}
	switch name {
	case "xpath_long":
		switch {
		case f >= math.MaxInt64:
			return math.MaxInt64
		case f <= math.MinInt64:
			return math.MinInt64
		}
		return int64(f)
	}
	var i int32
	switch {
	case f >= math.MaxInt32:
		i = math.MaxInt32
	case f <= math.MinInt32:
		i = math.MinInt32
	default:
		i = int32(f)
	}
	if name == "xpath_short" {
		return int64(int16(i))
	}
	return int64(i)
}

// xpathString is XPath's string() of a result.
func xpathString(v any) string {
	switch v := v.(type) {
	case bool:
		if v {
			return "true"
		}
		return "false"
	case float64:
		switch {
		case math.IsNaN(v):
			return "NaN"
		case math.IsInf(v, 1):
			return "Infinity"
		case math.IsInf(v, -1):
			return "-Infinity"
		case v == 0:
			return "0"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	case *xpath.NodeIterator:
		if v.MoveNext() {
			return v.Current().Value()
		}
	}
	return ""
}

// nodeValue is DOM's getNodeValue: the text of text, comment and attribute nodes, NULL
// for elements and the document.
func nodeValue(n xpath.NodeNavigator) *string {
	switch n.NodeType() {
	case xpath.TextNode, xpath.CommentNode, xpath.AttributeNode:
		s := n.Value()
		return &s
	}
	return nil
}

// ---- the DOM ----

type xmlNode struct {
	kind     xpath.NodeType
	prefix   string
	name     string
	value    string // text, comment
	parent   *xmlNode
	children []*xmlNode
	attrs    []xmlAttr
	index    int // position among the parent's children
}

type xmlAttr struct {
	prefix, name, value string
}

var errNotWellFormed = errors.New("the document is not well-formed")

// parse builds the DOM of a document, failing as a validating-free JAXP parser does on
// documents that are not well-formed.
func parseXMLDoc(doc []byte) (*xmlNode, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	root := &xmlNode{kind: xpath.RootNode}
	cur := root
	var text strings.Builder
	inText := false
	flush := func() {
		if !inText {
			return
		}
		if cur == root {
			inText = false
			text.Reset()
			return
		}
		cur.add(&xmlNode{kind: xpath.TextNode, value: text.String()})
		text.Reset()
		inText = false
	}
	sawRoot := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			if cur == root {
				if sawRoot {
					return nil, errNotWellFormed
				}
				sawRoot = true
			}
			el := &xmlNode{kind: xpath.ElementNode, prefix: t.Name.Space, name: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				el.attrs = append(el.attrs, xmlAttr{prefix: a.Name.Space, name: a.Name.Local, value: a.Value})
			}
			cur.add(el)
			cur = el
		case xml.EndElement:
			flush()
			if cur == root || cur.prefix != t.Name.Space || cur.name != t.Name.Local {
				return nil, errNotWellFormed
			}
			cur = cur.parent
		case xml.CharData:
			if cur == root {
				if len(bytes.Trim(t, " \t\r\n")) > 0 {
					return nil, errNotWellFormed
				}
				continue
			}
			text.Write(t)
			inText = true
		case xml.Comment:
			flush()
			if cur != root {
				cur.add(&xmlNode{kind: xpath.CommentNode, value: string(t)})
			} else {
				root.add(&xmlNode{kind: xpath.CommentNode, value: string(t)})
			}
		}
	}
	flush()
	if cur != root || !sawRoot {
		return nil, errNotWellFormed
	}
	return root, nil
}

func (n *xmlNode) add(c *xmlNode) {
	c.parent, c.index = n, len(n.children)
	n.children = append(n.children, c)
}

// text is the string-value of an element or the document: its descendant text.
func (n *xmlNode) text(b *strings.Builder) {
	for _, c := range n.children {
		switch c.kind {
		case xpath.TextNode:
			b.WriteString(c.value)
		case xpath.ElementNode:
			c.text(b)
		}
	}
}

// xmlNav is the xpath.NodeNavigator over an xmlNode tree; attr >= 0 is on an attribute
// of cur.
type xmlNav struct {
	root, cur *xmlNode
	attr      int
}

func (x *xmlNav) NodeType() xpath.NodeType {
	if x.attr >= 0 {
		return xpath.AttributeNode
	}
	return x.cur.kind
}

func (x *xmlNav) LocalName() string {
	if x.attr >= 0 {
		return x.cur.attrs[x.attr].name
	}
	return x.cur.name
}

func (x *xmlNav) Prefix() string {
	if x.attr >= 0 {
		return x.cur.attrs[x.attr].prefix
	}
	return x.cur.prefix
}

func (x *xmlNav) Value() string {
	if x.attr >= 0 {
		return x.cur.attrs[x.attr].value
	}
	switch x.cur.kind {
	case xpath.TextNode, xpath.CommentNode:
		return x.cur.value
	}
	var b strings.Builder
	x.cur.text(&b)
	return b.String()
}

func (x *xmlNav) Copy() xpath.NodeNavigator { c := *x; return &c }
func (x *xmlNav) MoveToRoot()               { x.cur, x.attr = x.root, -1 }

func (x *xmlNav) MoveToParent() bool {
	if x.attr >= 0 {
		x.attr = -1
		return true
	}
	if x.cur.parent == nil {
		return false
	}
	x.cur = x.cur.parent
	return true
}

func (x *xmlNav) MoveToNextAttribute() bool {
	if x.attr+1 >= len(x.cur.attrs) {
		return false
	}
	x.attr++
	return true
}

func (x *xmlNav) MoveToChild() bool {
	if x.attr >= 0 || len(x.cur.children) == 0 {
		return false
	}
	x.cur = x.cur.children[0]
	return true
}

func (x *xmlNav) MoveToFirst() bool {
	if x.attr >= 0 || x.cur.parent == nil || x.cur.index == 0 {
		return false
	}
	x.cur = x.cur.parent.children[0]
	return true
}

func (x *xmlNav) MoveToNext() bool {
	if x.attr >= 0 || x.cur.parent == nil || x.cur.index+1 >= len(x.cur.parent.children) {
		return false
	}
	x.cur = x.cur.parent.children[x.cur.index+1]
	return true
}

func (x *xmlNav) MoveToPrevious() bool {
	if x.attr >= 0 || x.cur.parent == nil || x.cur.index == 0 {
		return false
	}
	x.cur = x.cur.parent.children[x.cur.index-1]
	return true
}

func (x *xmlNav) MoveTo(other xpath.NodeNavigator) bool {
	o, ok := other.(*xmlNav)
	if !ok || o.root != x.root {
		return false
	}
	x.cur, x.attr = o.cur, o.attr
	return true
}
