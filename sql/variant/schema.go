package variant

import (
	"encoding/binary"
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// Schema is the type schema_of_variant infers: a scalar kind, an object's fields (sorted
// by name), an array's element, or VARIANT where types disagree.
type Schema struct {
	Kind             SchemaKind
	Precision, Scale int           // DECIMAL
	Fields           []SchemaField // OBJECT
	Elem             *Schema       // ARRAY
}

// SchemaField is a field of an object schema.
type SchemaField struct {
	Name string
	Type *Schema
}

// SchemaKind is the kind of a Schema.
type SchemaKind uint8

const (
	SchemaVoid SchemaKind = iota
	SchemaBoolean
	SchemaBigint
	SchemaFloat
	SchemaDouble
	SchemaDecimal
	SchemaString
	SchemaBinary
	SchemaDate
	SchemaTimestamp
	SchemaTimestampNTZ
	SchemaUUID
	SchemaObject
	SchemaArray
	SchemaVariant
)

var (
	schemaVoid    = &Schema{Kind: SchemaVoid}
	schemaVariant = &Schema{Kind: SchemaVariant}
	scalarSchemas = map[Type]*Schema{
		Null: schemaVoid, Boolean: {Kind: SchemaBoolean}, Long: {Kind: SchemaBigint},
		String: {Kind: SchemaString}, Double: {Kind: SchemaDouble}, Date: {Kind: SchemaDate},
		Timestamp: {Kind: SchemaTimestamp}, TimestampNTZ: {Kind: SchemaTimestampNTZ},
		Float: {Kind: SchemaFloat}, Binary: {Kind: SchemaBinary}, UUID: {Kind: SchemaUUID},
	}
)

// VoidSchema is the schema of no values (NullType), schema_of_variant_agg's start.
func VoidSchema() *Schema { return schemaVoid }

// SchemaOf is the schema of a value (SchemaOfVariant.schemaOf). Object keys must be
// sorted and distinct, else MALFORMED_VARIANT.
func SchemaOf(v Variant) (*Schema, error) {
	return schemaOf(v, NewBudget(v))
}

func schemaOf(v Variant, budget *Budget) (*Schema, error) {
	if err := budget.Visit(); err != nil {
		return nil, err
	}
	t, err := v.Type()
	if err != nil {
		return nil, err
	}
	switch t {
	case Object:
		o, err := v.object()
		if err != nil {
			return nil, err
		}
		fields := make([]SchemaField, o.size)
		var prev []byte
		for i := 0; i < o.size; i++ {
			key, fv, err := v.fieldAt(o, i)
			if err != nil {
				return nil, err
			}
			if i > 0 && CompareKeys(prev, key) >= 0 {
				return nil, ErrMalformed()
			}
			prev = key
			ft, err := schemaOf(fv, budget)
			if err != nil {
				return nil, err
			}
			fields[i] = SchemaField{Name: string(key), Type: ft}
		}
		return &Schema{Kind: SchemaObject, Fields: fields}, nil
	case Array:
		n, err := v.ArraySize()
		if err != nil {
			return nil, err
		}
		elem := schemaVoid
		for i := 0; i < n; i++ {
			e, _, err := v.Elem(i)
			if err != nil {
				return nil, err
			}
			et, err := schemaOf(e, budget)
			if err != nil {
				return nil, err
			}
			elem = MergeSchema(elem, et)
		}
		return &Schema{Kind: SchemaArray, Elem: elem}, nil
	case Decimal:
		d, err := v.Decimal()
		if err != nil {
			return nil, err
		}
		p, s := d.SparkType()
		return &Schema{Kind: SchemaDecimal, Precision: p, Scale: s}, nil
	}
	return scalarSchemas[t], nil
}

// Equal is structural equality.
func (s *Schema) Equal(o *Schema) bool {
	if s.Kind != o.Kind {
		return false
	}
	switch s.Kind {
	case SchemaDecimal:
		return s.Precision == o.Precision && s.Scale == o.Scale
	case SchemaArray:
		return s.Elem.Equal(o.Elem)
	case SchemaObject:
		if len(s.Fields) != len(o.Fields) {
			return false
		}
		for i, f := range s.Fields {
			if f.Name != o.Fields[i].Name || !f.Type.Equal(o.Fields[i].Type) {
				return false
			}
		}
	}
	return true
}

// numeric precedence among the non-decimal kinds a variant has.
func numericRank(k SchemaKind) int {
	switch k {
	case SchemaBigint:
		return 1
	case SchemaFloat:
		return 2
	case SchemaDouble:
		return 3
	}
	return 0
}

func isDatetime(k SchemaKind) bool {
	return k == SchemaDate || k == SchemaTimestamp || k == SchemaTimestampNTZ
}

// tightest is TypeCoercion.findTightestCommonType for the kinds a variant has.
func tightest(a, b *Schema) *Schema {
	switch {
	case a.Equal(b):
		return a
	case a.Kind == SchemaVoid:
		return b
	case b.Kind == SchemaVoid:
		return a
	case a.Kind == SchemaBigint && b.Kind == SchemaDecimal && decimalWiderThanLong(b):
		return b
	case b.Kind == SchemaBigint && a.Kind == SchemaDecimal && decimalWiderThanLong(a):
		return a
	case numericRank(a.Kind) > 0 && numericRank(b.Kind) > 0:
		if numericRank(a.Kind) >= numericRank(b.Kind) {
			return a
		}
		return b
	case isDatetime(a.Kind) && isDatetime(b.Kind):
		if a.Kind == SchemaTimestamp || b.Kind == SchemaTimestamp {
			return &Schema{Kind: SchemaTimestamp}
		}
		return &Schema{Kind: SchemaTimestampNTZ}
	case a.Kind == SchemaArray && b.Kind == SchemaArray:
		if e := tightest(a.Elem, b.Elem); e != nil {
			return &Schema{Kind: SchemaArray, Elem: e}
		}
	case a.Kind == SchemaObject && b.Kind == SchemaObject && len(a.Fields) == len(b.Fields):
		fields := make([]SchemaField, len(a.Fields))
		for i, f := range a.Fields {
			g := b.Fields[i]
			if !strings.EqualFold(f.Name, g.Name) {
				return nil
			}
			t := tightest(f.Type, g.Type)
			if t == nil {
				return nil
			}
			fields[i] = SchemaField{Name: f.Name, Type: t}
		}
		return &Schema{Kind: SchemaObject, Fields: fields}
	}
	return nil
}

// decimalWiderThanLong is DecimalType.isWiderThan(LongType): room for 20 integer digits.
func decimalWiderThanLong(d *Schema) bool {
	return d.Precision-d.Scale >= 20 && d.Scale >= 0
}

// MergeSchema is the tightest common schema of two, VARIANT where they conflict
// (JsonInferSchema.compatibleType with VARIANT as the fallback).
func MergeSchema(a, b *Schema) *Schema {
	if t := tightest(a, b); t != nil {
		return t
	}
	switch {
	case a.Kind == SchemaDouble && b.Kind == SchemaDecimal, a.Kind == SchemaDecimal && b.Kind == SchemaDouble,
		a.Kind == SchemaFloat && b.Kind == SchemaDecimal, a.Kind == SchemaDecimal && b.Kind == SchemaFloat:
		return &Schema{Kind: SchemaDouble}
	case a.Kind == SchemaDecimal && b.Kind == SchemaDecimal:
		scale := max(a.Scale, b.Scale)
		rng := max(a.Precision-a.Scale, b.Precision-b.Scale)
		if rng+scale > 38 {
			return &Schema{Kind: SchemaDouble}
		}
		return &Schema{Kind: SchemaDecimal, Precision: rng + scale, Scale: scale}
	case a.Kind == SchemaObject && b.Kind == SchemaObject:
		var fields []SchemaField
		i, j := 0, 0
		for i < len(a.Fields) && j < len(b.Fields) {
			switch c := compareNames(a.Fields[i].Name, b.Fields[j].Name); {
			case c == 0:
				fields = append(fields, SchemaField{Name: a.Fields[i].Name, Type: MergeSchema(a.Fields[i].Type, b.Fields[j].Type)})
				i++
				j++
			case c < 0:
				fields = append(fields, a.Fields[i])
				i++
			default:
				fields = append(fields, b.Fields[j])
				j++
			}
		}
		fields = append(fields, a.Fields[i:]...)
		fields = append(fields, b.Fields[j:]...)
		return &Schema{Kind: SchemaObject, Fields: fields}
	case a.Kind == SchemaArray && b.Kind == SchemaArray:
		return &Schema{Kind: SchemaArray, Elem: MergeSchema(a.Elem, b.Elem)}
	case a.Kind == SchemaBigint && b.Kind == SchemaDecimal:
		return MergeSchema(&Schema{Kind: SchemaDecimal, Precision: 20}, b)
	case a.Kind == SchemaDecimal && b.Kind == SchemaBigint:
		return MergeSchema(a, &Schema{Kind: SchemaDecimal, Precision: 20})
	case a.Kind == SchemaTimestampNTZ && b.Kind == SchemaTimestamp, a.Kind == SchemaTimestamp && b.Kind == SchemaTimestampNTZ:
		return &Schema{Kind: SchemaTimestamp}
	}
	return schemaVariant
}

func compareNames(a, b string) int {
	return CompareKeys([]byte(a), []byte(b))
}

var plainIdent = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// String is SchemaOfVariant.printSchema: SQL type names, objects as OBJECT<name: type>
// with names quoted when they are not plain identifiers.
func (s *Schema) String() string {
	var b strings.Builder
	s.print(&b)
	return b.String()
}

func (s *Schema) print(b *strings.Builder) {
	switch s.Kind {
	case SchemaObject:
		b.WriteString("OBJECT<")
		for i, f := range s.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			if plainIdent.MatchString(f.Name) {
				b.WriteString(f.Name)
			} else {
				b.WriteString("`" + strings.ReplaceAll(f.Name, "`", "``") + "`")
			}
			b.WriteString(": ")
			f.Type.print(b)
		}
		b.WriteString(">")
	case SchemaArray:
		b.WriteString("ARRAY<")
		s.Elem.print(b)
		b.WriteString(">")
	case SchemaDecimal:
		b.WriteString("DECIMAL(" + strconv.Itoa(s.Precision) + "," + strconv.Itoa(s.Scale) + ")")
	default:
		b.WriteString(kindNames[s.Kind])
	}
}

var kindNames = [...]string{
	SchemaVoid: "VOID", SchemaBoolean: "BOOLEAN", SchemaBigint: "BIGINT", SchemaFloat: "FLOAT",
	SchemaDouble: "DOUBLE", SchemaString: "STRING", SchemaBinary: "BINARY", SchemaDate: "DATE",
	SchemaTimestamp: "TIMESTAMP", SchemaTimestampNTZ: "TIMESTAMP_NTZ", SchemaUUID: "UUID",
	SchemaVariant: "VARIANT", SchemaDecimal: "DECIMAL", SchemaObject: "OBJECT", SchemaArray: "ARRAY",
}

// AppendSchema appends a compact binary form of s (DecodeSchema reads it back), for
// aggregation states.
func AppendSchema(dst []byte, s *Schema) []byte {
	dst = append(dst, byte(s.Kind))
	switch s.Kind {
	case SchemaDecimal:
		dst = append(dst, byte(s.Precision), byte(s.Scale))
	case SchemaArray:
		dst = AppendSchema(dst, s.Elem)
	case SchemaObject:
		dst = binary.AppendUvarint(dst, uint64(len(s.Fields)))
		for _, f := range s.Fields {
			dst = binary.AppendUvarint(dst, uint64(len(f.Name)))
			dst = append(dst, f.Name...)
			dst = AppendSchema(dst, f.Type)
		}
	}
	return dst
}

var errSchemaBytes = errors.New("variant: malformed schema bytes")

// DecodeSchema reads a schema AppendSchema wrote and returns the bytes after it.
func DecodeSchema(b []byte) (*Schema, []byte, error) {
	if len(b) == 0 || b[0] > byte(SchemaVariant) {
		return nil, nil, errSchemaBytes
	}
	s := &Schema{Kind: SchemaKind(b[0])}
	b = b[1:]
	switch s.Kind {
	case SchemaDecimal:
		if len(b) < 2 {
			return nil, nil, errSchemaBytes
		}
		s.Precision, s.Scale = int(b[0]), int(b[1])
		b = b[2:]
	case SchemaArray:
		e, rest, err := DecodeSchema(b)
		if err != nil {
			return nil, nil, err
		}
		s.Elem, b = e, rest
	case SchemaObject:
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, nil, errSchemaBytes
		}
		b = b[k:]
		s.Fields = make([]SchemaField, n)
		for i := range s.Fields {
			l, k := binary.Uvarint(b)
			if k <= 0 || l > uint64(len(b)-k) {
				return nil, nil, errSchemaBytes
			}
			name := string(b[k : k+int(l)])
			t, rest, err := DecodeSchema(b[k+int(l):])
			if err != nil {
				return nil, nil, err
			}
			s.Fields[i], b = SchemaField{Name: name, Type: t}, rest
		}
	}
	return s, b, nil
}
