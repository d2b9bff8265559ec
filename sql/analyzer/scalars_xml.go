package analyzer

import (
	"bytes"
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// The XML functions: from_xml(xml, schema[, options]) -> the schema (a struct),
// to_xml(struct[, options]) -> STRING, schema_of_xml(xml[, options]) -> the DDL of the
// schema Spark's XmlInferSchema infers from a constant document (computed here, as Spark
// folds it).

func init() {
	register(ScalarFunction, resolveFromXML, "from_xml")
	register(ScalarFunction, resolveToXML, "to_xml")
	register(ScalarFunction, resolveSchemaOfXML, "schema_of_xml")
}

func resolveFromXML(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	schemaExpr := args[1]
	if c, ok := schemaExpr.(*plan.Call); ok && c.Fn == "schema_of_xml" && len(c.Args) == 1 {
		// schema_of_xml(...) was computed when it was resolved.
		schemaExpr = c.Args[0]
	}
	schema, err := a.schemaArg(schemaExpr)
	if err != nil {
		return nil, err
	}
	var opts []plan.Expr
	if len(args) == 3 {
		if _, opts, err = jsonOptions(args[2]); err != nil {
			return nil, err
		}
	}
	display := "from_xml(" + args[0].String() + ")"
	dt := types.AsNullable(schema)
	if _, ok := dt.(*types.StructType); !ok {
		return nil, analysisError("DATATYPE_MISMATCH.INVALID_XML_SCHEMA", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> must be a struct or a variant.",
			map[string]string{"sqlExpr": `"` + display + `"`, "schema": sqlType(dt)})
	}
	if types.ExistsRecursively(dt, func(t types.DataType) bool {
		m, ok := t.(types.MapType)
		return ok && !isStringType(m.KeyType)
	}) {
		return nil, analysisError("DATATYPE_MISMATCH.INVALID_XML_MAP_KEY_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> can only contain STRING as a key type for a MAP.",
			map[string]string{"sqlExpr": `"` + display + `"`, "schema": sqlType(dt)})
	}
	child, err := expectString(display, 0, args[0])
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: "from_xml" + a.binaryStyleSuffix() + a.timePolicySuffix(), Args: append([]plan.Expr{child}, opts...), Type: dt, Null: true,
		Form: plan.FormBare, Display: display}, nil
}

func resolveToXML(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	var opts []plan.Expr
	var err error
	if len(args) == 2 {
		if _, opts, err = jsonOptions(args[1]); err != nil {
			return nil, err
		}
	}
	display := "to_xml(" + args[0].String() + ")"
	if _, ok := plan.TypeOf(args[0]).(*types.StructType); !ok {
		return nil, unexpectedInputType(display, 0, `"STRUCT"`, args[0])
	}
	return &plan.Call{Fn: "to_xml" + a.binaryStyleSuffix() + a.timePolicySuffix(), Args: append([]plan.Expr{args[0]}, opts...), Type: types.String, Null: true,
		Form: plan.FormBare, Display: display}, nil
}

// resolveSchemaOfXML infers the schema now; the call carries the answer as its argument
// (the kernel returns it) and prints as schema_of_xml(<input>).
func resolveSchemaOfXML(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	opts := map[string]string{}
	var err error
	if len(args) == 2 {
		if opts, _, err = jsonOptions(args[1]); err != nil {
			return nil, err
		}
	}
	display := "schema_of_xml(" + args[0].String() + ")"
	child := args[0]
	if !isFoldable(child) {
		return nil, nonFoldable(display, "xml", sqlType(plan.TypeOf(child)), child)
	}
	if lit, ok := child.(*plan.Literal); ok && lit.Value == nil || isNullType(plan.TypeOf(child)) {
		return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
			map[string]string{"sqlExpr": `"` + display + `"`, "exprName": "xml"})
	}
	if !isStringType(plan.TypeOf(child)) {
		return nil, unexpectedInputType(display, 0, reqString, child)
	}
	text, ok := constString(child)
	if !ok {
		return nil, notImplemented("evaluating the constant " + child.String())
	}
	dt, err := inferXMLSchema(text, textdata.NewOptions(opts))
	if err != nil {
		return nil, err
	}
	return bareCall("schema_of_xml", []plan.Expr{stringLit(dt.SQL())}, types.String, false, display), nil
}

// ---- schema inference (Spark's XmlInferSchema) ----

type inferNode struct {
	name     string
	attrs    [][2]string
	children []*inferNode
	texts    []string // non-blank text between the children
}

func parseInferDoc(text string) (*inferNode, error) {
	d := xml.NewDecoder(strings.NewReader(text))
	d.Strict = true
	var stack []*inferNode
	var root *inferNode
	malformed := analysisError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023",
		"Malformed records are detected in record parsing: <badRecord>.\nParse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.",
		map[string]string{"badRecord": text, "failFastMode": "FAILFAST"})
	var pending bytes.Buffer
	flush := func() {
		if len(stack) > 0 && len(bytes.TrimSpace(pending.Bytes())) > 0 {
			top := stack[len(stack)-1]
			top.texts = append(top.texts, pending.String())
		}
		pending.Reset()
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, malformed
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			n := &inferNode{name: xmlQName(t.Name)}
			for _, at := range t.Attr {
				if at.Name.Space == "xmlns" || (at.Name.Space == "" && at.Name.Local == "xmlns") {
					continue
				}
				n.attrs = append(n.attrs, [2]string{xmlQName(at.Name), at.Value})
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, malformed
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			flush()
			if len(stack) == 0 || stack[len(stack)-1].name != xmlQName(t.Name) {
				return nil, malformed
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, malformed
				}
				continue
			}
			pending.Write(t)
		case xml.Comment:
			flush()
		}
	}
	if root == nil || len(stack) > 0 {
		return nil, malformed
	}
	return root, nil
}

func xmlQName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

type xmlInferer struct {
	attrPrefix, valueTag string
	trim                 bool
}

func inferXMLSchema(text string, o textdata.Options) (types.DataType, error) {
	root, err := parseInferDoc(text)
	if err != nil {
		return nil, err
	}
	x := xmlInferer{attrPrefix: o.Str("attributePrefix", "_"), valueTag: o.Str("valueTag", "_VALUE"),
		trim: !strings.EqualFold(o.Str("ignoreSurroundingSpaces", "true"), "false")}
	st := x.object(root, root.attrs)
	dt, ok := canonicalXMLType(st)
	if !ok {
		return types.NewStruct(), nil
	}
	return dt, nil
}

// object infers a struct from an element's attributes, children and text, its fields
// sorted by name (case-insensitive names merge into the first one seen).
func (x xmlInferer) object(n *inferNode, attrs [][2]string) *types.StructType {
	var names []string
	typesOf := map[string]types.DataType{}
	add := func(name string, t types.DataType) {
		key := strings.ToLower(name)
		for _, have := range names {
			if strings.ToLower(have) == key {
				old := typesOf[have]
				if _, isArray := old.(types.ArrayType); isArray {
					typesOf[have] = xmlCompatible(x.valueTag, old, t)
				} else {
					typesOf[have] = types.NewArray(xmlCompatible(x.valueTag, old, t), true)
				}
				return
			}
		}
		names = append(names, name)
		typesOf[name] = t
	}
	for _, a := range attrs {
		add(x.attrPrefix+a[0], x.scalar(a[1]))
	}
	for _, c := range n.children {
		add(c.name, x.field(c))
	}
	for _, t := range n.texts {
		add(x.valueTag, x.scalar(t))
	}
	sort.Strings(names)
	fields := make([]types.StructField, len(names))
	for i, name := range names {
		fields[i] = types.NewField(name, typesOf[name], true)
	}
	return types.NewStruct(fields...)
}

// field infers one child element's type, its attributes merged in.
func (x xmlInferer) field(n *inferNode) types.DataType {
	var t types.DataType
	switch {
	case len(n.children) > 0:
		t = x.object(n, nil)
	case len(n.texts) > 0:
		t = x.scalar(strings.Join(n.texts, ""))
	default:
		t = types.Null
	}
	if len(n.attrs) == 0 {
		return t
	}
	var fields []types.StructField
	if st, ok := t.(*types.StructType); ok {
		fields = append(fields, st.Fields...)
	} else if _, isNull := t.(types.NullType); !isNull {
		fields = append(fields, types.NewField(x.valueTag, t, true))
	}
	for _, a := range n.attrs {
		fields = append(fields, types.NewField(x.attrPrefix+a[0], x.scalar(a[1]), true))
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
	return types.NewStruct(fields...)
}

// scalar infers an atomic value's type: BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, else
// STRING (NULL for empty text).
func (x xmlInferer) scalar(v string) types.DataType {
	if x.trim {
		v = strings.TrimSpace(v)
	}
	body := strings.TrimLeft(v, "+-")
	if len(v)-len(body) > 1 {
		body = ""
	}
	switch {
	case v == "":
		return types.Null
	case body != "" && body[0] >= '0' && body[0] <= '9' && isJavaLong(body):
		return types.Long
	case body != "" && (body[0] >= '0' && body[0] <= '9' || body[0] == '.') && !strings.ContainsAny(body[len(body)-1:], "dDfF") && isJavaDouble(body):
		return types.Double
	case strings.EqualFold(v, "true") || strings.EqualFold(v, "false"):
		return types.Boolean
	case isISODate(v):
		return types.Date
	case isISOTimestamp(v):
		return types.Timestamp
	}
	return types.String
}

func isJavaLong(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

func isJavaDouble(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "_xXpP") && !strings.EqualFold(s, "inf") && !strings.EqualFold(s, "infinity")
}

// isISODate is the default date format yyyy-MM-dd.
func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// isISOTimestamp is a date, 'T' or a space, and a time hh:mm[:ss[.fraction]] with an
// optional zone.
func isISOTimestamp(s string) bool {
	if len(s) < 16 || !isISODate(s[:10]) || (s[10] != 'T' && s[10] != ' ') {
		return false
	}
	rest := s[11:]
	if len(rest) < 5 || rest[2] != ':' {
		return false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if rest[i] < '0' || rest[i] > '9' {
			return false
		}
	}
	rest = rest[5:]
	if strings.HasPrefix(rest, ":") {
		if len(rest) < 3 {
			return false
		}
		rest = rest[3:]
		if strings.HasPrefix(rest, ".") {
			rest = strings.TrimLeft(rest[1:], "0123456789")
		}
	}
	switch {
	case rest == "", rest == "Z":
		return true
	case rest[0] == '+' || rest[0] == '-':
		return len(rest) == 6 && rest[3] == ':'
	}
	return false
}

// xmlCompatible is XmlInferSchema.compatibleType.
func xmlCompatible(valueTag string, t1, t2 types.DataType) types.DataType {
	if types.Equal(t1, t2) {
		return t1
	}
	_, n1 := t1.(types.NullType)
	_, n2 := t2.(types.NullType)
	switch {
	case n1:
		return t2
	case n2:
		return t1
	}
	rank := func(t types.DataType) int {
		switch t.(type) {
		case types.LongType:
			return 1
		case types.DoubleType:
			return 2
		}
		return 0
	}
	if r1, r2 := rank(t1), rank(t2); r1 > 0 && r2 > 0 {
		return types.Double
	}
	switch a := t1.(type) {
	case types.TimestampType:
		if _, ok := t2.(types.DateType); ok {
			return types.Timestamp
		}
	case types.DateType:
		if _, ok := t2.(types.TimestampType); ok {
			return types.Timestamp
		}
	case *types.StructType:
		if b, ok := t2.(*types.StructType); ok {
			var names []string
			merged := map[string]types.DataType{}
			for _, f := range append(append([]types.StructField(nil), a.Fields...), b.Fields...) {
				key := strings.ToLower(f.Name)
				if old, seen := merged[key]; seen {
					merged[key] = xmlCompatible(valueTag, old, f.DataType)
					continue
				}
				names = append(names, f.Name)
				merged[key] = f.DataType
			}
			sort.Strings(names)
			fields := make([]types.StructField, len(names))
			for i, n := range names {
				fields[i] = types.NewField(n, merged[strings.ToLower(n)], true)
			}
			return types.NewStruct(fields...)
		}
		if k := structFieldIndex(a, valueTag); k >= 0 {
			return withValueType(a, k, xmlCompatible(valueTag, a.Fields[k].DataType, t2))
		}
	case types.ArrayType:
		if b, ok := t2.(types.ArrayType); ok {
			return types.NewArray(xmlCompatible(valueTag, a.ElementType, b.ElementType), true)
		}
		return types.NewArray(xmlCompatible(valueTag, a.ElementType, t2), true)
	}
	if b, ok := t2.(types.ArrayType); ok {
		return types.NewArray(xmlCompatible(valueTag, t1, b.ElementType), true)
	}
	if b, ok := t2.(*types.StructType); ok {
		if k := structFieldIndex(b, valueTag); k >= 0 {
			return withValueType(b, k, xmlCompatible(valueTag, t1, b.Fields[k].DataType))
		}
	}
	return types.String
}

func structFieldIndex(st *types.StructType, name string) int {
	for i, f := range st.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

func withValueType(st *types.StructType, k int, t types.DataType) *types.StructType {
	fields := append([]types.StructField(nil), st.Fields...)
	fields[k] = types.NewField(fields[k].Name, t, true)
	return types.NewStruct(fields...)
}

// canonicalXMLType turns NULL into STRING and drops empty structs.
func canonicalXMLType(t types.DataType) (types.DataType, bool) {
	switch x := t.(type) {
	case types.NullType:
		return types.String, true
	case types.ArrayType:
		e, ok := canonicalXMLType(x.ElementType)
		if !ok {
			return nil, false
		}
		return types.NewArray(e, true), true
	case *types.StructType:
		var fields []types.StructField
		for _, f := range x.Fields {
			if f.Name == "" {
				continue
			}
			ft, ok := canonicalXMLType(f.DataType)
			if !ok {
				continue
			}
			fields = append(fields, types.NewField(f.Name, ft, true))
		}
		if len(fields) == 0 {
			return nil, false
		}
		return types.NewStruct(fields...), true
	}
	return t, true
}
