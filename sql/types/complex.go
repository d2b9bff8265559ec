package types

import (
	"regexp"
	"strconv"
	"strings"
)

// ArrayType is ARRAY<element>; ContainsNull tells whether elements may be null.
type ArrayType struct {
	ElementType  DataType
	ContainsNull bool
}

// NewArray returns ARRAY<elem> with the given element nullability.
func NewArray(elem DataType, containsNull bool) ArrayType {
	return ArrayType{ElementType: elem, ContainsNull: containsNull}
}

func (ArrayType) TypeName() string        { return "array" }
func (t ArrayType) SimpleString() string  { return t.simpleString(DefaultMaxToStringFields) }
func (t ArrayType) CatalogString() string { return "array<" + t.ElementType.CatalogString() + ">" }
func (t ArrayType) SQL() string           { return "ARRAY<" + t.ElementType.SQL() + ">" }
func (t ArrayType) DefaultSize() int      { return t.ElementType.DefaultSize() }
func (t ArrayType) String() string {
	return "ArrayType(" + t.ElementType.String() + "," + strconv.FormatBool(t.ContainsNull) + ")"
}
func (t ArrayType) simpleString(n int) string { return "array<" + t.ElementType.simpleString(n) + ">" }
func (ArrayType) sealed()                     {}

// MapType is MAP<key, value>; keys are never null, ValueContainsNull tells whether values
// may be.
type MapType struct {
	KeyType, ValueType DataType
	ValueContainsNull  bool
}

// NewMap returns MAP<key, value> with the given value nullability.
func NewMap(key, value DataType, valueContainsNull bool) MapType {
	return MapType{KeyType: key, ValueType: value, ValueContainsNull: valueContainsNull}
}

func (MapType) TypeName() string       { return "map" }
func (t MapType) SimpleString() string { return t.simpleString(DefaultMaxToStringFields) }
func (t MapType) CatalogString() string {
	return "map<" + t.KeyType.CatalogString() + "," + t.ValueType.CatalogString() + ">"
}
func (t MapType) SQL() string      { return "MAP<" + t.KeyType.SQL() + ", " + t.ValueType.SQL() + ">" }
func (t MapType) DefaultSize() int { return t.KeyType.DefaultSize() + t.ValueType.DefaultSize() }
func (t MapType) String() string {
	return "MapType(" + t.KeyType.String() + "," + t.ValueType.String() + "," +
		strconv.FormatBool(t.ValueContainsNull) + ")"
}
func (t MapType) simpleString(n int) string {
	return "map<" + t.KeyType.simpleString(n) + "," + t.ValueType.simpleString(n) + ">"
}
func (MapType) sealed() {}

// StructField is one field of a struct type.
type StructField struct {
	Name     string
	DataType DataType
	Nullable bool
	Metadata Metadata
}

// NewField returns a field with empty metadata.
func NewField(name string, dt DataType, nullable bool) StructField {
	return StructField{Name: name, DataType: dt, Nullable: nullable}
}

// Comment returns the field's comment (the "comment" metadata string), if any.
func (f StructField) Comment() (string, bool) { return f.Metadata.GetString(commentKey) }

// WithComment returns the field with its "comment" metadata set.
func (f StructField) WithComment(comment string) StructField {
	f.Metadata = f.Metadata.WithString(commentKey, comment)
	return f
}

// String is Spark's StructField toString.
func (f StructField) String() string {
	return "StructField(" + f.Name + "," + f.DataType.String() + "," + strconv.FormatBool(f.Nullable) + ")"
}

// SQL is the field as it appears inside STRUCT<...>: "name: TYPE [NOT NULL] [COMMENT '...']".
func (f StructField) SQL() string {
	return quoteIfNeeded(f.Name) + ": " + f.DataType.SQL() + f.nullDDL() + f.commentDDL()
}

// ToDDL is the field as a column definition: "name TYPE [NOT NULL] [DEFAULT ...] [COMMENT '...']".
func (f StructField) ToDDL() string {
	def := ""
	if v, ok := f.Metadata.GetString(currentDefaultKey); ok {
		def = " DEFAULT " + v
	}
	return quoteIfNeeded(f.Name) + " " + f.DataType.SQL() + f.nullDDL() + def + f.commentDDL()
}

func (f StructField) nullDDL() string {
	if f.Nullable {
		return ""
	}
	return " NOT NULL"
}

func (f StructField) commentDDL() string {
	c, ok := f.Comment()
	if !ok {
		return ""
	}
	return " COMMENT '" + strings.ReplaceAll(c, "'", `\'`) + "'"
}

// Metadata keys Spark gives a meaning.
const (
	commentKey        = "comment"
	currentDefaultKey = "CURRENT_DEFAULT"
	collationsKey     = "__COLLATIONS"
)

var validIdent = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// quoteIfNeeded is QuotingUtils.quoteIfNeeded: back-quote names that are not plain
// identifiers, doubling back-quotes inside.
func quoteIfNeeded(name string) string {
	if validIdent.MatchString(name) {
		return name
	}
	return QuoteIdentifier(name)
}

// QuoteIdentifier back-quotes a name, doubling back-quotes inside, as Spark's
// quoteIdentifier does.
func QuoteIdentifier(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// StructType is STRUCT<fields>. It is used by pointer; a nil *StructType is not a valid
// DataType.
type StructType struct {
	Fields []StructField
}

// NewStruct returns a struct type of the given fields.
func NewStruct(fields ...StructField) *StructType {
	return &StructType{Fields: fields}
}

// Len is the number of fields.
func (t *StructType) Len() int { return len(t.Fields) }

// FieldNames returns the field names in order.
func (t *StructType) FieldNames() []string {
	names := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		names[i] = f.Name
	}
	return names
}

// FieldIndex returns the index of the first field with exactly this name.
func (t *StructType) FieldIndex(name string) (int, bool) {
	for i, f := range t.Fields {
		if f.Name == name {
			return i, true
		}
	}
	return -1, false
}

// Field returns the first field with exactly this name.
func (t *StructType) Field(name string) (StructField, bool) {
	if i, ok := t.FieldIndex(name); ok {
		return t.Fields[i], true
	}
	return StructField{}, false
}

// Add returns a new struct type with the field appended; t is not changed.
func (t *StructType) Add(f StructField) *StructType {
	fields := make([]StructField, len(t.Fields), len(t.Fields)+1)
	copy(fields, t.Fields)
	return &StructType{Fields: append(fields, f)}
}

func (*StructType) TypeName() string       { return "struct" }
func (t *StructType) SimpleString() string { return t.simpleString(DefaultMaxToStringFields) }

func (t *StructType) simpleString(maxFields int) string {
	var b strings.Builder
	b.WriteString("struct<")
	n := len(t.Fields)
	shown := n
	if n > maxFields {
		shown = max(0, maxFields)
	}
	for i := range shown {
		if i > 0 {
			b.WriteByte(',')
		}
		f := t.Fields[i]
		b.WriteString(f.Name + ":" + f.DataType.simpleString(maxFields))
	}
	if shown < n {
		if shown > 0 {
			b.WriteByte(',')
		}
		b.WriteString("... " + strconv.Itoa(n-shown) + " more fields")
	}
	b.WriteByte('>')
	return b.String()
}

func (t *StructType) CatalogString() string {
	var b strings.Builder
	b.WriteString("struct<")
	for i, f := range t.Fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.Name + ":" + f.DataType.CatalogString())
	}
	b.WriteByte('>')
	return b.String()
}

func (t *StructType) SQL() string {
	parts := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		parts[i] = f.SQL()
	}
	return "STRUCT<" + strings.Join(parts, ", ") + ">"
}

func (t *StructType) DefaultSize() int {
	s := 0
	for _, f := range t.Fields {
		s += f.DataType.DefaultSize()
	}
	return s
}

func (t *StructType) String() string {
	parts := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		parts[i] = f.String()
	}
	return "StructType(" + strings.Join(parts, ",") + ")"
}

// ToDDL is the struct as a comma-separated column list, as StructType.toDDL renders it:
// "a INT,b STRING NOT NULL COMMENT 'x'".
func (t *StructType) ToDDL() string {
	parts := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		parts[i] = f.ToDDL()
	}
	return strings.Join(parts, ",")
}

func (*StructType) sealed() {}

// UserDefinedType is a user-defined type as it travels in JSON schemas: either a Scala UDT
// (Class set, the JVM class name; PyClass is its optional Python counterpart) or a Python
// UDT (Class empty; PyClass and SerializedClass set). SQLType is the underlying type.
type UserDefinedType struct {
	Class           string
	PyClass         string
	SerializedClass string
	SQLType         DataType
}

// IsPython reports whether this is a Python-only UDT.
func (t UserDefinedType) IsPython() bool { return t.Class == "" }

// TypeName derives the name from the class as Spark does: the simple class name without
// "$", "Type" and "UDT" suffixes, lower-cased ("...VectorUDT" -> "vector"). Python UDTs are
// all PythonUserDefinedType on the JVM, hence "pythonuserdefined".
func (t UserDefinedType) TypeName() string {
	if t.IsPython() {
		return "pythonuserdefined"
	}
	name := strings.TrimSuffix(t.Class, "$")
	if i := strings.LastIndexAny(name, ".$"); i >= 0 {
		// getSimpleName of a nested class drops the enclosing class as well.
		name = name[i+1:]
	}
	name = strings.TrimSuffix(name, "Type")
	name = strings.TrimSuffix(name, "UDT")
	return strings.ToLower(name)
}
func (t UserDefinedType) SimpleString() string    { return t.TypeName() }
func (t UserDefinedType) CatalogString() string   { return t.SQLType.SimpleString() }
func (t UserDefinedType) SQL() string             { return t.SQLType.SQL() }
func (t UserDefinedType) DefaultSize() int        { return t.SQLType.DefaultSize() }
func (t UserDefinedType) simpleString(int) string { return t.SimpleString() }
func (UserDefinedType) sealed()                   {}
func (t UserDefinedType) String() string {
	if t.IsPython() {
		return "PythonUserDefinedType(" + t.PyClass + ")"
	}
	return t.Class
}

// TruncatedSimpleString is SimpleString with spark.sql.debug.maxToStringFields set to
// maxFields: struct types show at most maxFields fields followed by "... N more fields".
func TruncatedSimpleString(dt DataType, maxFields int) string { return dt.simpleString(maxFields) }

// AsNullable returns the type with every nullability flag (field nullable, containsNull,
// valueContainsNull) set to true, as Spark's asNullable.
func AsNullable(dt DataType) DataType {
	switch t := dt.(type) {
	case ArrayType:
		return ArrayType{ElementType: AsNullable(t.ElementType), ContainsNull: true}
	case MapType:
		return MapType{KeyType: AsNullable(t.KeyType), ValueType: AsNullable(t.ValueType), ValueContainsNull: true}
	case *StructType:
		fields := make([]StructField, len(t.Fields))
		for i, f := range t.Fields {
			f.DataType = AsNullable(f.DataType)
			f.Nullable = true
			fields[i] = f
		}
		return &StructType{Fields: fields}
	}
	return dt
}

// ReplaceCharVarcharWithString replaces CHAR(n) and VARCHAR(n) by STRING everywhere in the
// type, as Spark's CharVarcharUtils.replaceCharVarcharWithString does where it reads
// char/varchar as plain strings.
func ReplaceCharVarcharWithString(dt DataType) DataType {
	switch t := dt.(type) {
	case CharType, VarcharType:
		return String
	case ArrayType:
		return ArrayType{ElementType: ReplaceCharVarcharWithString(t.ElementType), ContainsNull: t.ContainsNull}
	case MapType:
		return MapType{KeyType: ReplaceCharVarcharWithString(t.KeyType),
			ValueType: ReplaceCharVarcharWithString(t.ValueType), ValueContainsNull: t.ValueContainsNull}
	case *StructType:
		fields := make([]StructField, len(t.Fields))
		for i, f := range t.Fields {
			f.DataType = ReplaceCharVarcharWithString(f.DataType)
			fields[i] = f
		}
		return &StructType{Fields: fields}
	}
	return dt
}

// ExistsRecursively reports whether f holds for dt or any type nested in it.
func ExistsRecursively(dt DataType, f func(DataType) bool) bool {
	if f(dt) {
		return true
	}
	switch t := dt.(type) {
	case ArrayType:
		return ExistsRecursively(t.ElementType, f)
	case MapType:
		return ExistsRecursively(t.KeyType, f) || ExistsRecursively(t.ValueType, f)
	case *StructType:
		for _, fl := range t.Fields {
			if ExistsRecursively(fl.DataType, f) {
				return true
			}
		}
	}
	return false
}
