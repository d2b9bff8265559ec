package types

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ParseJSON parses Spark's JSON schema format, as DataType.fromJson does (and as PySpark's
// DataType.json() writes it): "integer", "decimal(10,2)", {"type":"struct","fields":[...]},
// {"type":"array",...}, {"type":"map",...}, user-defined types, and string collations
// carried in the "__COLLATIONS" field metadata. Like Spark, it reads the first JSON value
// and ignores anything after it.
func ParseJSON(s string) (DataType, error) {
	v, err := decodeJSON(s)
	if err != nil {
		return nil, err
	}
	dt, e := dataTypeFromJSON(v, "", nil)
	if e != nil {
		return nil, e
	}
	return dt, nil
}

// ToJSON renders the type in Spark's compact JSON schema format (DataType.json).
func ToJSON(dt DataType) string {
	var b strings.Builder
	writeTypeJSON(&b, dt)
	return b.String()
}

// JSON renders the struct type in Spark's JSON schema format.
func (t *StructType) JSON() string { return ToJSON(t) }

// --- decoding -------------------------------------------------------------------------

type jvKind uint8

const (
	jvNull jvKind = iota
	jvBool
	jvInt
	jvFloat
	jvString
	jvArray
	jvObject
)

// jsonValue is a parsed JSON value that keeps object keys in order, duplicates included,
// as json4s does.
type jsonValue struct {
	kind  jvKind
	b     bool
	s     string // string value; for jvInt the literal digits
	num   float64
	elems []*jsonValue
	keys  []string
	vals  []*jsonValue
}

// maxJSONDepth is Jackson's default maximum nesting depth.
const maxJSONDepth = 1000

func decodeJSON(s string) (*jsonValue, *Error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		if tok, ok := unrecognizedToken(s); ok {
			err.Message = "Unrecognized token '" + tok + "': was expecting (JSON String, Number, Array, " +
				"Object or token 'null', 'true' or 'false')"
		}
		return nil, err
	}
	return v, nil
}

// unrecognizedToken finds the bare word Jackson reports as an "Unrecognized token" when
// the document starts with one (e.g. `abcd`).
func unrecognizedToken(s string) (string, bool) {
	t := strings.TrimLeft(s, " \t\r\n")
	end := strings.IndexFunc(t, func(r rune) bool { return strings.ContainsRune(" \t\r\n{}[],:\"", r) })
	if end < 0 {
		end = len(t)
	}
	word := t[:end]
	if word == "" || strings.ContainsAny(word[:1], "-0123456789") {
		return "", false
	}
	switch word {
	case "true", "false", "null":
		return "", false
	}
	return word, true
}

func decodeValue(dec *json.Decoder, depth int) (*jsonValue, *Error) {
	tok, err := dec.Token()
	if err != nil {
		if depth == 0 && errors.Is(err, io.EOF) {
			return nil, plainError(ExceptionJSONMismatchedInput, "No content to map due to end-of-input")
		}
		return nil, jsonSyntaxError(err)
	}
	return decodeFrom(dec, tok, depth)
}

func jsonSyntaxError(err error) *Error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return plainError(ExceptionJSONParse, "Unexpected end-of-input")
	}
	return plainError(ExceptionJSONParse, err.Error())
}

func decodeFrom(dec *json.Decoder, tok json.Token, depth int) (*jsonValue, *Error) {
	switch t := tok.(type) {
	case nil:
		return &jsonValue{kind: jvNull}, nil
	case bool:
		return &jsonValue{kind: jvBool, b: t}, nil
	case string:
		return &jsonValue{kind: jvString, s: t}, nil
	case json.Number:
		lit := string(t)
		if strings.ContainsAny(lit, ".eE") {
			f, err := strconv.ParseFloat(lit, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return nil, plainError(ExceptionJSONParse, err.Error())
			}
			return &jsonValue{kind: jvFloat, num: f}, nil
		}
		return &jsonValue{kind: jvInt, s: lit}, nil
	case json.Delim:
		if depth+1 > maxJSONDepth {
			return nil, plainError(ExceptionJSONStreamConstraints, "Document nesting depth ("+
				strconv.Itoa(depth+1)+") exceeds the maximum allowed ("+strconv.Itoa(maxJSONDepth)+
				", from `StreamReadConstraints.getMaxNestingDepth()`)")
		}
		switch t {
		case '[':
			v := &jsonValue{kind: jvArray}
			for dec.More() {
				e, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.elems = append(v.elems, e)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, jsonSyntaxError(err)
			}
			return v, nil
		case '{':
			v := &jsonValue{kind: jvObject}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, jsonSyntaxError(err)
				}
				key, ok := kt.(string)
				if !ok {
					return nil, plainError(ExceptionJSONParse, "unexpected object key")
				}
				val, e := decodeValue(dec, depth+1)
				if e != nil {
					return nil, e
				}
				v.keys = append(v.keys, key)
				v.vals = append(v.vals, val)
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, jsonSyntaxError(err)
			}
			return v, nil
		}
	}
	return nil, plainError(ExceptionJSONParse, "unexpected JSON token")
}

// int64 is BigInt.toLong of an integer literal: its low 64 bits.
func (v *jsonValue) int64() int64 {
	if n, err := strconv.ParseInt(v.s, 10, 64); err == nil {
		return n
	}
	x, ok := new(big.Int).SetString(v.s, 10)
	if !ok {
		return 0
	}
	mask := new(big.Int).SetUint64(math.MaxUint64)
	return int64(new(big.Int).And(x, mask).Uint64())
}

// javaClass names the json4s class of the value, for error messages.
func (v *jsonValue) javaClass() string {
	switch v.kind {
	case jvNull:
		return "org.json4s.JsonAST$JNull$"
	case jvBool:
		return "org.json4s.JsonAST$JBool"
	case jvInt:
		return "org.json4s.JsonAST$JInt"
	case jvFloat:
		return "org.json4s.JsonAST$JDouble"
	case jvString:
		return "org.json4s.JsonAST$JString"
	case jvArray:
		return "org.json4s.JsonAST$JArray"
	}
	return "org.json4s.JsonAST$JObject"
}

// compact renders the value as json4s' compact(render(v)) does.
func (v *jsonValue) compact() string {
	var b strings.Builder
	v.writeCompact(&b)
	return b.String()
}

func (v *jsonValue) writeCompact(b *strings.Builder) {
	switch v.kind {
	case jvNull:
		b.WriteString("null")
	case jvBool:
		b.WriteString(strconv.FormatBool(v.b))
	case jvInt:
		if x, ok := new(big.Int).SetString(v.s, 10); ok {
			b.WriteString(x.String())
		} else {
			b.WriteString(v.s)
		}
	case jvFloat:
		writeJSONDouble(b, v.num)
	case jvString:
		writeJSONString(b, v.s)
	case jvArray:
		writeArray(b, v.elems, func(e *jsonValue) { e.writeCompact(b) })
	case jvObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			v.vals[i].writeCompact(b)
		}
		b.WriteByte('}')
	}
}

// writeJSONString quotes a string as Jackson does: '"', '\\' and control characters are
// escaped (\b \t \n \f \r in short form, others as \u00XX); everything else is written as is.
func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xF])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// sortedFields returns the keys sorted, as Spark's JSortedObject pattern sees them, and a
// lookup of the (unique) values.
func (v *jsonValue) sortedKeys() []string {
	keys := slices.Clone(v.keys)
	slices.Sort(keys)
	return keys
}

func (v *jsonValue) get(key string) *jsonValue {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// hasKeys reports whether the object's sorted keys are exactly want (which is sorted).
func (v *jsonValue) hasKeys(want ...string) bool {
	return v.kind == jvObject && slices.Equal(v.sortedKeys(), want)
}

func (v *jsonValue) isString(s string) bool { return v.kind == jvString && v.s == s }

func invalidJSONType(s string) *Error {
	return newError(ExceptionIllegalArgument, "INVALID_JSON_DATA_TYPE", map[string]string{"invalidType": s})
}

// --- JSON -> DataType -----------------------------------------------------------------

// dataTypeFromJSON is DataType.parseDataType: path is the field path collations are keyed
// by, coll the collations of the enclosing struct field.
func dataTypeFromJSON(v *jsonValue, path string, coll map[string]string) (DataType, *Error) {
	switch {
	case v.kind == jvString:
		if c, ok := coll[path]; ok {
			if v.s != "string" {
				return nil, collationsTypeError(v.s)
			}
			name, err := resolveCollation(c)
			if err != nil {
				return nil, err
			}
			return stringWithCollation(name), nil
		}
		return typeFromName(v.s)

	case v.hasKeys("containsNull", "elementType", "type") && v.get("containsNull").kind == jvBool &&
		v.get("type").isString("array"):
		if _, ok := coll[path]; ok {
			return nil, collationsTypeError("array")
		}
		elem, err := dataTypeFromJSON(v.get("elementType"), appendFieldPath(path, "element"), coll)
		if err != nil {
			return nil, err
		}
		return ArrayType{ElementType: elem, ContainsNull: v.get("containsNull").b}, nil

	case v.hasKeys("keyType", "type", "valueContainsNull", "valueType") && v.get("type").isString("map") &&
		v.get("valueContainsNull").kind == jvBool:
		if _, ok := coll[path]; ok {
			return nil, collationsTypeError("map")
		}
		k, err := dataTypeFromJSON(v.get("keyType"), appendFieldPath(path, "key"), coll)
		if err != nil {
			return nil, err
		}
		val, err := dataTypeFromJSON(v.get("valueType"), appendFieldPath(path, "value"), coll)
		if err != nil {
			return nil, err
		}
		return MapType{KeyType: k, ValueType: val, ValueContainsNull: v.get("valueContainsNull").b}, nil

	case v.hasKeys("fields", "type") && v.get("fields").kind == jvArray && v.get("type").isString("struct"):
		if _, ok := coll[path]; ok {
			return nil, collationsTypeError("struct")
		}
		elems := v.get("fields").elems
		fields := make([]StructField, 0, len(elems))
		for _, f := range elems {
			sf, err := structFieldFromJSON(f)
			if err != nil {
				return nil, err
			}
			fields = append(fields, sf)
		}
		return &StructType{Fields: fields}, nil

	case v.hasKeys("class", "pyClass", "sqlType", "type") && v.get("class").kind == jvString &&
		v.get("type").isString("udt"):
		// Spark instantiates the named class and takes its sqlType from it; there is no JVM
		// here, so the sqlType written in the JSON is trusted.
		sqlType, err := dataTypeFromJSON(v.get("sqlType"), "", nil)
		if err != nil {
			return nil, err
		}
		udt := UserDefinedType{Class: v.get("class").s, SQLType: sqlType}
		if p := v.get("pyClass"); p.kind == jvString {
			udt.PyClass = p.s
		}
		return udt, nil

	case v.hasKeys("pyClass", "serializedClass", "sqlType", "type") && v.get("pyClass").kind == jvString &&
		v.get("serializedClass").kind == jvString && v.get("type").isString("udt"):
		sqlType, err := dataTypeFromJSON(v.get("sqlType"), "", nil)
		if err != nil {
			return nil, err
		}
		return UserDefinedType{PyClass: v.get("pyClass").s, SerializedClass: v.get("serializedClass").s,
			SQLType: sqlType}, nil
	}
	return nil, invalidJSONType(v.compact())
}

func collationsTypeError(jsonType string) *Error {
	return newError(ExceptionIllegalArgument, "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS",
		map[string]string{"jsonType": jsonType})
}

func appendFieldPath(base, name string) string {
	if base == "" {
		return name
	}
	return base + "." + name
}

// structFieldFromJSON is DataType.parseStructField.
func structFieldFromJSON(v *jsonValue) (StructField, *Error) {
	switch {
	case v.hasKeys("metadata", "name", "nullable", "type") && v.get("metadata").kind == jvObject &&
		v.get("name").kind == jvString && v.get("nullable").kind == jvBool:
		md := v.get("metadata")
		coll, err := collationsFromMetadata(md)
		if err != nil {
			return StructField{}, err
		}
		name := v.get("name").s
		dt, err := dataTypeFromJSON(v.get("type"), name, coll)
		if err != nil {
			return StructField{}, err
		}
		rest := &jsonValue{kind: jvObject}
		for i, k := range md.keys {
			if k != collationsKey {
				rest.keys = append(rest.keys, k)
				rest.vals = append(rest.vals, md.vals[i])
			}
		}
		meta, err := metadataFromJSON(rest)
		if err != nil {
			return StructField{}, err
		}
		return StructField{Name: name, DataType: dt, Nullable: v.get("nullable").b, Metadata: meta}, nil

	case v.hasKeys("name", "nullable", "type") && v.get("name").kind == jvString && v.get("nullable").kind == jvBool:
		dt, err := dataTypeFromJSON(v.get("type"), "", nil)
		if err != nil {
			return StructField{}, err
		}
		return StructField{Name: v.get("name").s, DataType: dt, Nullable: v.get("nullable").b}, nil

	case v.hasKeys("name", "type") && v.get("name").kind == jvString:
		dt, err := dataTypeFromJSON(v.get("type"), "", nil)
		if err != nil {
			return StructField{}, err
		}
		return StructField{Name: v.get("name").s, DataType: dt, Nullable: true}, nil
	}
	return StructField{}, invalidJSONType(v.compact())
}

// collationsFromMetadata reads the "__COLLATIONS" object of a field's metadata: field path
// -> collation name, each value written "provider.name".
func collationsFromMetadata(md *jsonValue) (map[string]string, *Error) {
	c := md.get(collationsKey)
	if c == nil || c.kind != jvObject {
		return nil, nil
	}
	out := map[string]string{}
	for i, path := range c.keys {
		val := c.vals[i]
		if val.kind != jvString {
			continue
		}
		provider, name, ok := strings.Cut(val.s, ".")
		if !ok {
			return nil, plainError(ExceptionMatchError, "collation "+strconv.Quote(val.s)+
				" is not of the form provider.name")
		}
		if err := checkCollationProvider(provider); err != nil {
			return nil, err
		}
		out[path] = name
	}
	return out, nil
}

var (
	jsonFixedDecimal = regexp.MustCompile(`^decimal\([ \t\n\x0B\f\r]*([0-9]+)[ \t\n\x0B\f\r]*,[ \t\n\x0B\f\r]*(-?[0-9]+)[ \t\n\x0B\f\r]*\)$`)
	jsonCharType     = regexp.MustCompile(`^char\([ \t\n\x0B\f\r]*([0-9]+)[ \t\n\x0B\f\r]*\)$`)
	jsonVarcharType  = regexp.MustCompile(`^varchar\([ \t\n\x0B\f\r]*([0-9]+)[ \t\n\x0B\f\r]*\)$`)
)

// jsonTypeNames are the type names fromJson accepts as plain strings.
var jsonTypeNames = func() map[string]DataType {
	m := map[string]DataType{}
	for _, t := range []DataType{Null, Date, Timestamp, Binary, Integer, Boolean, Long, Double, Float, Short,
		Byte, String, CalendarInterval, TimestampNTZ, Variant} {
		m[t.TypeName()] = t
	}
	for s := Day; s <= Second; s++ {
		for e := s; e <= Second; e++ {
			t := DayTimeIntervalType{StartField: s, EndField: e}
			m[t.TypeName()] = t
		}
	}
	for s := Year; s <= Month; s++ {
		for e := s; e <= Month; e++ {
			t := YearMonthIntervalType{StartField: s, EndField: e}
			m[t.TypeName()] = t
		}
	}
	// Older Spark wrote NullType as "null".
	m["null"] = Null
	m["timestamp_ltz"] = Timestamp
	return m
}()

// typeFromName is DataType.nameToType.
func typeFromName(name string) (DataType, *Error) {
	if name == "decimal" {
		return DefaultDecimal, nil
	}
	if m := jsonFixedDecimal.FindStringSubmatch(name); m != nil {
		p, err := javaParseInt(m[1])
		if err != nil {
			return nil, err
		}
		s, err := javaParseInt(m[2])
		if err != nil {
			return nil, err
		}
		if err := checkDecimal(p, s); err != nil {
			return nil, err
		}
		return DecimalType{Precision: p, Scale: s}, nil
	}
	if m := jsonCharType.FindStringSubmatch(name); m != nil {
		n, err := javaParseInt(m[1])
		if err != nil {
			return nil, err
		}
		return CharType{Length: n}, nil
	}
	if m := jsonVarcharType.FindStringSubmatch(name); m != nil {
		n, err := javaParseInt(m[1])
		if err != nil {
			return nil, err
		}
		return VarcharType{Length: n}, nil
	}
	if t, ok := jsonTypeNames[name]; ok {
		return t, nil
	}
	if t, ok, err := spatialFromJSONName(name); ok || err != nil {
		return t, err
	}
	return nil, invalidJSONType(name)
}

// javaParseInt is String.toInt: a 32-bit signed decimal.
func javaParseInt(s string) (int, *Error) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, numberFormatError(s)
	}
	return int(n), nil
}

// --- DataType -> JSON -----------------------------------------------------------------

func writeTypeJSON(b *strings.Builder, dt DataType) {
	switch t := dt.(type) {
	case StringType:
		// Collations travel in the field metadata; the type itself is always "string".
		b.WriteString(`"string"`)
	case ArrayType:
		b.WriteString(`{"type":"array","elementType":`)
		writeTypeJSON(b, t.ElementType)
		b.WriteString(`,"containsNull":` + strconv.FormatBool(t.ContainsNull) + `}`)
	case MapType:
		b.WriteString(`{"type":"map","keyType":`)
		writeTypeJSON(b, t.KeyType)
		b.WriteString(`,"valueType":`)
		writeTypeJSON(b, t.ValueType)
		b.WriteString(`,"valueContainsNull":` + strconv.FormatBool(t.ValueContainsNull) + `}`)
	case *StructType:
		b.WriteString(`{"type":"struct","fields":[`)
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			writeFieldJSON(b, f)
		}
		b.WriteString(`]}`)
	case UserDefinedType:
		b.WriteString(`{"type":"udt",`)
		if t.IsPython() {
			b.WriteString(`"pyClass":`)
			writeJSONString(b, t.PyClass)
			b.WriteString(`,"serializedClass":`)
			writeJSONString(b, t.SerializedClass)
		} else {
			b.WriteString(`"class":`)
			writeJSONString(b, t.Class)
			b.WriteString(`,"pyClass":`)
			if t.PyClass == "" {
				b.WriteString("null")
			} else {
				writeJSONString(b, t.PyClass)
			}
		}
		b.WriteString(`,"sqlType":`)
		writeTypeJSON(b, t.SQLType)
		b.WriteByte('}')
	case GeographyType, GeometryType:
		name, _ := spatialJSONName(t)
		writeJSONString(b, name)
	default:
		writeJSONString(b, dt.TypeName())
	}
}

func writeFieldJSON(b *strings.Builder, f StructField) {
	b.WriteString(`{"name":`)
	writeJSONString(b, f.Name)
	b.WriteString(`,"type":`)
	writeTypeJSON(b, f.DataType)
	b.WriteString(`,"nullable":` + strconv.FormatBool(f.Nullable) + `,"metadata":`)
	coll := fieldCollations(f)
	if len(coll) == 0 {
		f.Metadata.writeJSON(b)
		b.WriteByte('}')
		return
	}
	// Spark appends the collations object after the field's own metadata.
	b.WriteByte('{')
	for i, k := range f.Metadata.keys {
		writeJSONString(b, k)
		b.WriteByte(':')
		writeMetadataValue(b, f.Metadata.vals[i])
		b.WriteByte(',')
	}
	writeJSONString(b, collationsKey)
	b.WriteString(":{")
	for i, c := range coll {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, c[0])
		b.WriteByte(':')
		writeJSONString(b, c[1])
	}
	b.WriteString("}}}")
}

// fieldCollations lists (path, "provider.name") for every collated string directly in the
// field's type, looking through arrays and maps but not into nested structs, whose fields
// carry their own.
func fieldCollations(f StructField) [][2]string {
	var out [][2]string
	var visit func(dt DataType, path string)
	process := func(dt DataType, path string) {
		if s, ok := dt.(StringType); ok && !s.IsDefaultCollation() {
			out = append(out, [2]string{path, collationProvider(s.Collation) + "." + s.Collation})
			return
		}
		visit(dt, path)
	}
	visit = func(dt DataType, path string) {
		switch t := dt.(type) {
		case ArrayType:
			process(t.ElementType, path+".element")
		case MapType:
			process(t.KeyType, path+".key")
			process(t.ValueType, path+".value")
		case StringType:
			if !t.IsDefaultCollation() {
				out = append(out, [2]string{path, collationProvider(t.Collation) + "." + t.Collation})
			}
		}
	}
	visit(f.DataType, f.Name)
	return out
}
