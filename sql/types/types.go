package types

import (
	"strconv"
	"strings"
)

// DataType is a Spark SQL data type. The concrete types are the ...Type types of this
// package; the atomic ones are empty (or small) comparable values, *StructType is a
// pointer. Compare types with Equal (or one of the Equal* variants), not with ==: == is
// exact for atomic types but compares struct types by identity.
type DataType interface {
	// TypeName is the name Spark uses in JSON and in printSchema: "integer", "long",
	// "decimal(10,2)", "struct", "array", "map", "interval day to second", ...
	TypeName() string
	// SimpleString is the readable form: "int", "bigint", "struct<a:int>", "array<int>".
	// Struct types with more than DefaultMaxToStringFields fields are truncated as Spark
	// does with spark.sql.debug.maxToStringFields at its default.
	SimpleString() string
	// CatalogString is the form saved in catalogs: SimpleString without truncation.
	CatalogString() string
	// SQL is the DDL form: "INT", "DECIMAL(10,2)", "STRUCT<a: INT, `b c`: STRING NOT NULL>".
	SQL() string
	// DefaultSize is Spark's size estimate of one value, in bytes.
	DefaultSize() int
	// String is Spark's Scala toString: "IntegerType", "ArrayType(IntegerType,true)".
	String() string

	simpleString(maxFields int) string
	sealed()
}

// DefaultMaxToStringFields is the default of spark.sql.debug.maxToStringFields, which bounds
// the number of struct fields SimpleString shows.
const DefaultMaxToStringFields = 25

// Atomic types without parameters.
type (
	NullType             struct{} // "void"; the type of NULL literals
	BooleanType          struct{}
	ByteType             struct{} // tinyint
	ShortType            struct{} // smallint
	IntegerType          struct{} // int
	LongType             struct{} // bigint
	FloatType            struct{}
	DoubleType           struct{}
	BinaryType           struct{}
	DateType             struct{}
	TimestampType        struct{} // timestamp with local time zone (TIMESTAMP_LTZ)
	TimestampNTZType     struct{} // timestamp without time zone
	CalendarIntervalType struct{} // the legacy "interval" type
	VariantType          struct{}
)

// The parameterless types, and the string type with the default collation.
var (
	Null             = NullType{}
	Boolean          = BooleanType{}
	Byte             = ByteType{}
	Short            = ShortType{}
	Integer          = IntegerType{}
	Long             = LongType{}
	Float            = FloatType{}
	Double           = DoubleType{}
	String           = StringType{}
	Binary           = BinaryType{}
	Date             = DateType{}
	Timestamp        = TimestampType{}
	TimestampNTZ     = TimestampNTZType{}
	CalendarInterval = CalendarIntervalType{}
	Variant          = VariantType{}
)

func (NullType) TypeName() string             { return "void" }
func (BooleanType) TypeName() string          { return "boolean" }
func (ByteType) TypeName() string             { return "byte" }
func (ShortType) TypeName() string            { return "short" }
func (IntegerType) TypeName() string          { return "integer" }
func (LongType) TypeName() string             { return "long" }
func (FloatType) TypeName() string            { return "float" }
func (DoubleType) TypeName() string           { return "double" }
func (BinaryType) TypeName() string           { return "binary" }
func (DateType) TypeName() string             { return "date" }
func (TimestampType) TypeName() string        { return "timestamp" }
func (TimestampNTZType) TypeName() string     { return "timestamp_ntz" }
func (CalendarIntervalType) TypeName() string { return "interval" }
func (VariantType) TypeName() string          { return "variant" }

func (t NullType) SimpleString() string             { return t.TypeName() }
func (t BooleanType) SimpleString() string          { return t.TypeName() }
func (ByteType) SimpleString() string               { return "tinyint" }
func (ShortType) SimpleString() string              { return "smallint" }
func (IntegerType) SimpleString() string            { return "int" }
func (LongType) SimpleString() string               { return "bigint" }
func (t FloatType) SimpleString() string            { return t.TypeName() }
func (t DoubleType) SimpleString() string           { return t.TypeName() }
func (t BinaryType) SimpleString() string           { return t.TypeName() }
func (t DateType) SimpleString() string             { return t.TypeName() }
func (t TimestampType) SimpleString() string        { return t.TypeName() }
func (t TimestampNTZType) SimpleString() string     { return t.TypeName() }
func (t CalendarIntervalType) SimpleString() string { return t.TypeName() }
func (t VariantType) SimpleString() string          { return t.TypeName() }

func (t NullType) CatalogString() string             { return t.SimpleString() }
func (t BooleanType) CatalogString() string          { return t.SimpleString() }
func (t ByteType) CatalogString() string             { return t.SimpleString() }
func (t ShortType) CatalogString() string            { return t.SimpleString() }
func (t IntegerType) CatalogString() string          { return t.SimpleString() }
func (t LongType) CatalogString() string             { return t.SimpleString() }
func (t FloatType) CatalogString() string            { return t.SimpleString() }
func (t DoubleType) CatalogString() string           { return t.SimpleString() }
func (t BinaryType) CatalogString() string           { return t.SimpleString() }
func (t DateType) CatalogString() string             { return t.SimpleString() }
func (t TimestampType) CatalogString() string        { return t.SimpleString() }
func (t TimestampNTZType) CatalogString() string     { return t.SimpleString() }
func (t CalendarIntervalType) CatalogString() string { return t.SimpleString() }
func (t VariantType) CatalogString() string          { return t.SimpleString() }

func (t NullType) SQL() string             { return upper(t.SimpleString()) }
func (t BooleanType) SQL() string          { return upper(t.SimpleString()) }
func (t ByteType) SQL() string             { return upper(t.SimpleString()) }
func (t ShortType) SQL() string            { return upper(t.SimpleString()) }
func (t IntegerType) SQL() string          { return upper(t.SimpleString()) }
func (t LongType) SQL() string             { return upper(t.SimpleString()) }
func (t FloatType) SQL() string            { return upper(t.SimpleString()) }
func (t DoubleType) SQL() string           { return upper(t.SimpleString()) }
func (t BinaryType) SQL() string           { return upper(t.SimpleString()) }
func (t DateType) SQL() string             { return upper(t.SimpleString()) }
func (t TimestampType) SQL() string        { return upper(t.SimpleString()) }
func (t TimestampNTZType) SQL() string     { return upper(t.SimpleString()) }
func (t CalendarIntervalType) SQL() string { return upper(t.SimpleString()) }
func (t VariantType) SQL() string          { return upper(t.SimpleString()) }

func (NullType) DefaultSize() int             { return 1 }
func (BooleanType) DefaultSize() int          { return 1 }
func (ByteType) DefaultSize() int             { return 1 }
func (ShortType) DefaultSize() int            { return 2 }
func (IntegerType) DefaultSize() int          { return 4 }
func (LongType) DefaultSize() int             { return 8 }
func (FloatType) DefaultSize() int            { return 4 }
func (DoubleType) DefaultSize() int           { return 8 }
func (BinaryType) DefaultSize() int           { return 100 }
func (DateType) DefaultSize() int             { return 4 }
func (TimestampType) DefaultSize() int        { return 8 }
func (TimestampNTZType) DefaultSize() int     { return 8 }
func (CalendarIntervalType) DefaultSize() int { return 16 }
func (VariantType) DefaultSize() int          { return 2048 }

func (NullType) String() string             { return "NullType" }
func (BooleanType) String() string          { return "BooleanType" }
func (ByteType) String() string             { return "ByteType" }
func (ShortType) String() string            { return "ShortType" }
func (IntegerType) String() string          { return "IntegerType" }
func (LongType) String() string             { return "LongType" }
func (FloatType) String() string            { return "FloatType" }
func (DoubleType) String() string           { return "DoubleType" }
func (BinaryType) String() string           { return "BinaryType" }
func (DateType) String() string             { return "DateType" }
func (TimestampType) String() string        { return "TimestampType" }
func (TimestampNTZType) String() string     { return "TimestampNTZType" }
func (CalendarIntervalType) String() string { return "CalendarIntervalType" }
func (VariantType) String() string          { return "VariantType" }

func (t NullType) simpleString(int) string             { return t.SimpleString() }
func (t BooleanType) simpleString(int) string          { return t.SimpleString() }
func (t ByteType) simpleString(int) string             { return t.SimpleString() }
func (t ShortType) simpleString(int) string            { return t.SimpleString() }
func (t IntegerType) simpleString(int) string          { return t.SimpleString() }
func (t LongType) simpleString(int) string             { return t.SimpleString() }
func (t FloatType) simpleString(int) string            { return t.SimpleString() }
func (t DoubleType) simpleString(int) string           { return t.SimpleString() }
func (t BinaryType) simpleString(int) string           { return t.SimpleString() }
func (t DateType) simpleString(int) string             { return t.SimpleString() }
func (t TimestampType) simpleString(int) string        { return t.SimpleString() }
func (t TimestampNTZType) simpleString(int) string     { return t.SimpleString() }
func (t CalendarIntervalType) simpleString(int) string { return t.SimpleString() }
func (t VariantType) simpleString(int) string          { return t.SimpleString() }

func (NullType) sealed()             {}
func (BooleanType) sealed()          {}
func (ByteType) sealed()             {}
func (ShortType) sealed()            {}
func (IntegerType) sealed()          {}
func (LongType) sealed()             {}
func (FloatType) sealed()            {}
func (DoubleType) sealed()           {}
func (BinaryType) sealed()           {}
func (DateType) sealed()             {}
func (TimestampType) sealed()        {}
func (TimestampNTZType) sealed()     {}
func (CalendarIntervalType) sealed() {}
func (VariantType) sealed()          {}

// upper is Spark's toUpperCase(Locale.ROOT) for the type strings, which are ASCII apart from
// field names and collation names.
func upper(s string) string { return strings.ToUpper(s) }

// StringType is Spark's string type. Collation is the canonical collation name; the empty
// string (the zero value) is the default UTF8_BINARY collation, and the parsers always
// produce "" for UTF8_BINARY, so that String == StringType{} holds for plain strings.
type StringType struct {
	Collation string
}

// collationName is the canonical name, with "" read as UTF8_BINARY.
func (t StringType) collationName() string {
	if t.Collation == "" {
		return collationUTF8Binary
	}
	return t.Collation
}

// IsDefaultCollation reports whether the type uses the default UTF8_BINARY collation.
func (t StringType) IsDefaultCollation() bool {
	return t.Collation == "" || t.Collation == collationUTF8Binary
}

func (t StringType) TypeName() string {
	if t.IsDefaultCollation() {
		return "string"
	}
	return "string collate " + t.Collation
}
func (t StringType) SimpleString() string    { return t.TypeName() }
func (t StringType) CatalogString() string   { return t.SimpleString() }
func (t StringType) SQL() string             { return upper(t.SimpleString()) }
func (StringType) DefaultSize() int          { return 20 }
func (t StringType) simpleString(int) string { return t.SimpleString() }
func (StringType) sealed()                   {}
func (t StringType) String() string {
	if t.IsDefaultCollation() {
		return "StringType"
	}
	return "StringType(" + t.Collation + ")"
}

// CharType is CHAR(n): a string padded to exactly n characters.
type CharType struct{ Length int }

func (t CharType) TypeName() string        { return "char(" + strconv.Itoa(t.Length) + ")" }
func (t CharType) SimpleString() string    { return t.TypeName() }
func (t CharType) CatalogString() string   { return t.SimpleString() }
func (t CharType) SQL() string             { return upper(t.SimpleString()) }
func (t CharType) DefaultSize() int        { return t.Length }
func (t CharType) String() string          { return "CharType(" + strconv.Itoa(t.Length) + ")" }
func (t CharType) simpleString(int) string { return t.SimpleString() }
func (CharType) sealed()                   {}

// VarcharType is VARCHAR(n): a string of at most n characters.
type VarcharType struct{ Length int }

func (t VarcharType) TypeName() string        { return "varchar(" + strconv.Itoa(t.Length) + ")" }
func (t VarcharType) SimpleString() string    { return t.TypeName() }
func (t VarcharType) CatalogString() string   { return t.SimpleString() }
func (t VarcharType) SQL() string             { return upper(t.SimpleString()) }
func (t VarcharType) DefaultSize() int        { return t.Length }
func (t VarcharType) String() string          { return "VarcharType(" + strconv.Itoa(t.Length) + ")" }
func (t VarcharType) simpleString(int) string { return t.SimpleString() }
func (VarcharType) sealed()                   {}

// Decimal limits and defaults, as in Spark's DecimalType object.
const (
	MaxDecimalPrecision     = 38
	MaxDecimalScale         = 38
	DefaultDecimalScale     = 18
	decimalMaxLongDigits    = 18
	defaultDecimalPrecision = 10
)

// DecimalType is DECIMAL(precision, scale). Build checked values with NewDecimal.
type DecimalType struct {
	Precision, Scale int
}

// The decimal type of a bare DECIMAL (USER_DEFAULT) and Spark's SYSTEM_DEFAULT.
var (
	DefaultDecimal       = DecimalType{Precision: defaultDecimalPrecision, Scale: 0}
	SystemDefaultDecimal = DecimalType{Precision: MaxDecimalPrecision, Scale: DefaultDecimalScale}
)

// NewDecimal checks precision and scale as Spark's DecimalType constructor does (a
// negative scale is rejected, as with spark.sql.legacy.allowNegativeScaleOfDecimal off).
func NewDecimal(precision, scale int) (DecimalType, error) {
	if err := checkDecimal(precision, scale); err != nil {
		return DecimalType{}, err
	}
	return DecimalType{Precision: precision, Scale: scale}, nil
}

func checkDecimal(precision, scale int) *Error {
	if scale < 0 {
		return internalError("Negative scale is not allowed: " + strconv.Itoa(scale) +
			". Set the config \"spark.sql.legacy.allowNegativeScaleOfDecimal\" to \"true\" to allow it.")
	}
	if scale > precision {
		return newError(ExceptionAnalysis, "_LEGACY_ERROR_TEMP_1228", map[string]string{
			"scale": strconv.Itoa(scale), "precision": strconv.Itoa(precision)})
	}
	if precision > MaxDecimalPrecision {
		return newError(ExceptionArithmetic, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", map[string]string{
			"precision": strconv.Itoa(precision), "maxPrecision": strconv.Itoa(MaxDecimalPrecision)})
	}
	return nil
}

func (t DecimalType) TypeName() string {
	return "decimal(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
}
func (t DecimalType) SimpleString() string  { return t.TypeName() }
func (t DecimalType) CatalogString() string { return t.SimpleString() }
func (t DecimalType) SQL() string           { return upper(t.TypeName()) }
func (t DecimalType) DefaultSize() int {
	if t.Precision <= decimalMaxLongDigits {
		return 8
	}
	return 16
}
func (t DecimalType) String() string {
	return "DecimalType(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
}
func (t DecimalType) simpleString(int) string { return t.SimpleString() }
func (DecimalType) sealed()                   {}

// DayTimeField is a field of a day-time interval type.
type DayTimeField uint8

// The day-time interval fields, in Spark's order (and byte values).
const (
	Day DayTimeField = iota
	Hour
	Minute
	Second
)

func (f DayTimeField) String() string {
	switch f {
	case Day:
		return "day"
	case Hour:
		return "hour"
	case Minute:
		return "minute"
	case Second:
		return "second"
	}
	return "invalid(" + strconv.Itoa(int(f)) + ")"
}

// YearMonthField is a field of a year-month interval type.
type YearMonthField uint8

// The year-month interval fields.
const (
	Year YearMonthField = iota
	Month
)

func (f YearMonthField) String() string {
	switch f {
	case Year:
		return "year"
	case Month:
		return "month"
	}
	return "invalid(" + strconv.Itoa(int(f)) + ")"
}

// DayTimeIntervalType is INTERVAL <start> [TO <end>] over day, hour, minute and second.
// StartField <= EndField; a single-field type has both equal.
type DayTimeIntervalType struct {
	StartField, EndField DayTimeField
}

// DefaultDayTimeInterval is INTERVAL DAY TO SECOND.
var DefaultDayTimeInterval = DayTimeIntervalType{StartField: Day, EndField: Second}

// NewDayTimeInterval checks the fields as Spark does.
func NewDayTimeInterval(start, end DayTimeField) (DayTimeIntervalType, error) {
	if start > Second || end > Second || end < start {
		return DayTimeIntervalType{}, newError(ExceptionAnalysis, "_LEGACY_ERROR_TEMP_1224",
			map[string]string{"startFieldName": start.String(), "endFieldName": end.String()})
	}
	return DayTimeIntervalType{StartField: start, EndField: end}, nil
}

func (t DayTimeIntervalType) TypeName() string {
	if t.StartField == t.EndField {
		return "interval " + t.StartField.String()
	}
	return "interval " + t.StartField.String() + " to " + t.EndField.String()
}
func (t DayTimeIntervalType) SimpleString() string  { return t.TypeName() }
func (t DayTimeIntervalType) CatalogString() string { return t.SimpleString() }
func (t DayTimeIntervalType) SQL() string           { return upper(t.SimpleString()) }
func (DayTimeIntervalType) DefaultSize() int        { return 8 }
func (t DayTimeIntervalType) String() string {
	return "DayTimeIntervalType(" + strconv.Itoa(int(t.StartField)) + "," + strconv.Itoa(int(t.EndField)) + ")"
}
func (t DayTimeIntervalType) simpleString(int) string { return t.SimpleString() }
func (DayTimeIntervalType) sealed()                   {}

// YearMonthIntervalType is INTERVAL YEAR, INTERVAL MONTH or INTERVAL YEAR TO MONTH.
type YearMonthIntervalType struct {
	StartField, EndField YearMonthField
}

// DefaultYearMonthInterval is INTERVAL YEAR TO MONTH.
var DefaultYearMonthInterval = YearMonthIntervalType{StartField: Year, EndField: Month}

// NewYearMonthInterval checks the fields as Spark does.
func NewYearMonthInterval(start, end YearMonthField) (YearMonthIntervalType, error) {
	if start > Month || end > Month || end < start {
		return YearMonthIntervalType{}, newError(ExceptionAnalysis, "_LEGACY_ERROR_TEMP_1224",
			map[string]string{"startFieldName": start.String(), "endFieldName": end.String()})
	}
	return YearMonthIntervalType{StartField: start, EndField: end}, nil
}

func (t YearMonthIntervalType) TypeName() string {
	if t.StartField == t.EndField {
		return "interval " + t.StartField.String()
	}
	return "interval " + t.StartField.String() + " to " + t.EndField.String()
}
func (t YearMonthIntervalType) SimpleString() string  { return t.TypeName() }
func (t YearMonthIntervalType) CatalogString() string { return t.SimpleString() }
func (t YearMonthIntervalType) SQL() string           { return upper(t.SimpleString()) }
func (YearMonthIntervalType) DefaultSize() int        { return 4 }
func (t YearMonthIntervalType) String() string {
	return "YearMonthIntervalType(" + strconv.Itoa(int(t.StartField)) + "," + strconv.Itoa(int(t.EndField)) + ")"
}
func (t YearMonthIntervalType) simpleString(int) string { return t.SimpleString() }
func (YearMonthIntervalType) sealed()                   {}
