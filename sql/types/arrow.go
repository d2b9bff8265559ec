package types

import (
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// ArrowOptions are the settings of the Spark -> Arrow mapping (Spark's ArrowUtils).
type ArrowOptions struct {
	// TimeZone is the zone id written on TimestampType columns. Spark writes the session
	// time zone there; PySpark sends "UTC". Empty means "UTC".
	TimeZone string
	// LargeVarTypes maps strings and binaries to large_utf8 and large_binary
	// (spark.sql.execution.arrow.useLargeVarTypes).
	LargeVarTypes bool
	// ErrorOnDuplicatedFieldNames fails on nested structs with duplicated field names
	// instead of renaming them "name_0", "name_1", ... as Spark Connect does.
	ErrorOnDuplicatedFieldNames bool
}

// ToArrow maps a Spark type to the Arrow type Spark uses in result batches, with the
// default options (timestamps in "UTC"): Timestamp -> timestamp[us, tz=UTC],
// TimestampNTZ -> timestamp[us], Date -> date32, Decimal -> decimal128(p, s), String (and
// CHAR/VARCHAR) -> utf8, Binary -> binary, DayTimeInterval -> duration[us],
// YearMonthInterval -> month_interval, CalendarInterval -> month_day_nano_interval,
// Null -> null, Array -> list<element>, Map -> map<key, value>, Struct -> struct, Variant
// -> struct<value: binary, metadata: binary>, a UDT -> its SQL type.
func ToArrow(dt DataType) (arrow.DataType, error) { return ArrowOptions{}.ToArrow(dt) }

// ToArrowField maps a named column to an Arrow field.
func ToArrowField(name string, dt DataType, nullable bool) (arrow.Field, error) {
	return ArrowOptions{}.ToArrowField(name, dt, nullable)
}

// ToArrowSchema maps a schema to an Arrow schema with the default options.
func ToArrowSchema(st *StructType) (*arrow.Schema, error) { return ArrowOptions{}.ToArrowSchema(st) }

// ToArrow is the package function ToArrow with these options.
func (o ArrowOptions) ToArrow(dt DataType) (arrow.DataType, error) {
	dt, err := o.dedup(dt)
	if err != nil {
		return nil, err
	}
	f, e := o.field("", dt, true)
	if e != nil {
		return nil, e
	}
	return f.Type, nil
}

// ToArrowField is the package function ToArrowField with these options.
func (o ArrowOptions) ToArrowField(name string, dt DataType, nullable bool) (arrow.Field, error) {
	dt, err := o.dedup(dt)
	if err != nil {
		return arrow.Field{}, err
	}
	f, e := o.field(name, dt, nullable)
	if e != nil {
		return arrow.Field{}, e
	}
	return f, nil
}

// ToArrowSchema is the package function ToArrowSchema with these options. Top-level names
// are kept as they are; duplicated names inside nested structs are renamed (or rejected).
func (o ArrowOptions) ToArrowSchema(st *StructType) (*arrow.Schema, error) {
	fields := make([]arrow.Field, len(st.Fields))
	for i, f := range st.Fields {
		af, err := o.ToArrowField(f.Name, f.DataType, f.Nullable)
		if err != nil {
			return nil, err
		}
		fields[i] = af
	}
	return arrow.NewSchema(fields, nil), nil
}

func (o ArrowOptions) timeZone() string {
	if o.TimeZone == "" {
		return "UTC"
	}
	return o.TimeZone
}

// variantMetadata tags the metadata child of a variant struct.
var variantMetadata = arrow.NewMetadata([]string{"variant"}, []string{"true"})

// field is ArrowUtils.toArrowField.
func (o ArrowOptions) field(name string, dt DataType, nullable bool) (arrow.Field, *Error) {
	switch t := dt.(type) {
	case ArrayType:
		elem, err := o.field("element", t.ElementType, t.ContainsNull)
		if err != nil {
			return arrow.Field{}, err
		}
		return arrow.Field{Name: name, Type: arrow.ListOfField(elem), Nullable: nullable}, nil
	case MapType:
		key, err := o.field("key", t.KeyType, false)
		if err != nil {
			return arrow.Field{}, err
		}
		value, err := o.field("value", t.ValueType, t.ValueContainsNull)
		if err != nil {
			return arrow.Field{}, err
		}
		return arrow.Field{Name: name, Type: arrow.MapOfFields(key, value), Nullable: nullable}, nil
	case *StructType:
		children := make([]arrow.Field, len(t.Fields))
		for i, f := range t.Fields {
			c, err := o.field(f.Name, f.DataType, f.Nullable)
			if err != nil {
				return arrow.Field{}, err
			}
			children[i] = c
		}
		return arrow.Field{Name: name, Type: arrow.StructOf(children...), Nullable: nullable}, nil
	case UserDefinedType:
		return o.field(name, t.SQLType, nullable)
	case GeographyType, GeometryType:
		f, _ := o.spatialArrowField(name, dt, nullable)
		return f, nil
	case VariantType:
		value, _ := o.field("value", Binary, false)
		meta, _ := o.field("metadata", Binary, false)
		meta.Metadata = variantMetadata
		return arrow.Field{Name: name, Type: arrow.StructOf(value, meta), Nullable: nullable}, nil
	}
	at, err := o.leaf(dt)
	if err != nil {
		return arrow.Field{}, err
	}
	return arrow.Field{Name: name, Type: at, Nullable: nullable}, nil
}

// leaf is ArrowUtils.toArrowType.
func (o ArrowOptions) leaf(dt DataType) (arrow.DataType, *Error) {
	switch t := dt.(type) {
	case nil:
		return nil, internalError("nil data type")
	case BooleanType:
		return arrow.FixedWidthTypes.Boolean, nil
	case ByteType:
		return arrow.PrimitiveTypes.Int8, nil
	case ShortType:
		return arrow.PrimitiveTypes.Int16, nil
	case IntegerType:
		return arrow.PrimitiveTypes.Int32, nil
	case LongType:
		return arrow.PrimitiveTypes.Int64, nil
	case FloatType:
		return arrow.PrimitiveTypes.Float32, nil
	case DoubleType:
		return arrow.PrimitiveTypes.Float64, nil
	case StringType, CharType, VarcharType:
		if o.LargeVarTypes {
			return arrow.BinaryTypes.LargeString, nil
		}
		return arrow.BinaryTypes.String, nil
	case BinaryType:
		if o.LargeVarTypes {
			return arrow.BinaryTypes.LargeBinary, nil
		}
		return arrow.BinaryTypes.Binary, nil
	case DecimalType:
		return &arrow.Decimal128Type{Precision: int32(t.Precision), Scale: int32(t.Scale)}, nil
	case DateType:
		return arrow.FixedWidthTypes.Date32, nil
	case TimestampType:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: o.timeZone()}, nil
	case TimestampNTZType:
		return &arrow.TimestampType{Unit: arrow.Microsecond}, nil
	case TimeType:
		return arrow.FixedWidthTypes.Time64ns, nil
	case NullType:
		return arrow.Null, nil
	case YearMonthIntervalType:
		return arrow.FixedWidthTypes.MonthInterval, nil
	case DayTimeIntervalType:
		return &arrow.DurationType{Unit: arrow.Microsecond}, nil
	case CalendarIntervalType:
		return arrow.FixedWidthTypes.MonthDayNanoInterval, nil
	}
	return nil, newError(ExceptionUnsupportedOperation, "UNSUPPORTED_DATATYPE",
		map[string]string{"typeName": `"` + dt.SQL() + `"`})
}

// dedup renames duplicated field names of nested structs as ArrowUtils does: every
// occurrence of a duplicated name gets a suffix _0, _1, ... in order.
func (o ArrowOptions) dedup(dt DataType) (DataType, *Error) {
	switch t := dt.(type) {
	case UserDefinedType:
		return o.dedup(t.SQLType)
	case ArrayType:
		elem, err := o.dedup(t.ElementType)
		if err != nil {
			return nil, err
		}
		return ArrayType{ElementType: elem, ContainsNull: t.ContainsNull}, nil
	case MapType:
		k, err := o.dedup(t.KeyType)
		if err != nil {
			return nil, err
		}
		v, err := o.dedup(t.ValueType)
		if err != nil {
			return nil, err
		}
		return MapType{KeyType: k, ValueType: v, ValueContainsNull: t.ValueContainsNull}, nil
	case *StructType:
		count := map[string]int{}
		for _, f := range t.Fields {
			count[f.Name]++
		}
		dup := false
		for _, c := range count {
			if c > 1 {
				dup = true
			}
		}
		if dup && o.ErrorOnDuplicatedFieldNames {
			names := t.FieldNames()
			return nil, newError(ExceptionUnsupportedOperation, "DUPLICATED_FIELD_NAME_IN_ARROW_STRUCT",
				map[string]string{"fieldNames": "[" + strings.Join(names, ", ") + "]"})
		}
		next := map[string]int{}
		fields := make([]StructField, len(t.Fields))
		for i, f := range t.Fields {
			sub, err := o.dedup(f.DataType)
			if err != nil {
				return nil, err
			}
			f.DataType = sub
			if count[f.Name] > 1 {
				n := next[f.Name]
				next[f.Name] = n + 1
				f.Name = f.Name + "_" + strconv.Itoa(n)
			}
			fields[i] = f
		}
		return &StructType{Fields: fields}, nil
	}
	return dt, nil
}

// FromArrow maps an Arrow type to the Spark type, as Spark's ArrowUtils.fromArrowType does,
// also accepting the types PySpark's from_arrow_type reads (large_utf8, large_binary,
// fixed_size_binary, large_list, fixed_size_list and dictionaries by their value type).
// Timestamps and durations must be in microseconds, as Spark requires; a timestamp
// without a zone is TimestampNTZ.
func FromArrow(at arrow.DataType) (DataType, error) {
	dt, err := fromArrow(at)
	if err != nil {
		return nil, err
	}
	return dt, nil
}

// FromArrowField maps an Arrow field to its Spark type.
func FromArrowField(f arrow.Field) (DataType, error) { return FromArrow(f.Type) }

// FromArrowSchema maps an Arrow schema to a Spark schema, keeping names and nullability.
func FromArrowSchema(s *arrow.Schema) (*StructType, error) {
	fields := make([]StructField, s.NumFields())
	for i, f := range s.Fields() {
		dt, err := fromArrow(f.Type)
		if err != nil {
			return nil, err
		}
		fields[i] = StructField{Name: f.Name, DataType: dt, Nullable: f.Nullable}
	}
	return &StructType{Fields: fields}, nil
}

func unsupportedArrow(at arrow.DataType) *Error {
	return newError(ExceptionUnsupportedOperation, "UNSUPPORTED_ARROWTYPE", map[string]string{"typeName": at.String()})
}

func fromArrow(at arrow.DataType) (DataType, *Error) {
	switch t := at.(type) {
	case *arrow.BooleanType:
		return Boolean, nil
	case *arrow.Int8Type:
		return Byte, nil
	case *arrow.Int16Type:
		return Short, nil
	case *arrow.Int32Type:
		return Integer, nil
	case *arrow.Int64Type:
		return Long, nil
	case *arrow.Float32Type:
		return Float, nil
	case *arrow.Float64Type:
		return Double, nil
	case *arrow.StringType, *arrow.LargeStringType:
		return String, nil
	case *arrow.BinaryType, *arrow.LargeBinaryType, *arrow.FixedSizeBinaryType:
		return Binary, nil
	case arrow.DecimalType:
		p, s := int(t.GetPrecision()), int(t.GetScale())
		if err := checkDecimal(p, s); err != nil {
			return nil, err
		}
		return DecimalType{Precision: p, Scale: s}, nil
	case *arrow.Date32Type:
		return Date, nil
	case *arrow.TimestampType:
		if t.Unit != arrow.Microsecond {
			return nil, unsupportedArrow(at)
		}
		if t.TimeZone == "" {
			return TimestampNTZ, nil
		}
		return Timestamp, nil
	case *arrow.Time64Type:
		if t.Unit != arrow.Nanosecond {
			return nil, unsupportedArrow(at)
		}
		return DefaultTime, nil
	case *arrow.NullType:
		return Null, nil
	case *arrow.MonthIntervalType:
		return DefaultYearMonthInterval, nil
	case *arrow.DurationType:
		if t.Unit != arrow.Microsecond {
			return nil, unsupportedArrow(at)
		}
		return DefaultDayTimeInterval, nil
	case *arrow.MonthDayNanoIntervalType:
		return CalendarInterval, nil
	case *arrow.MapType:
		k, err := fromArrow(t.KeyType())
		if err != nil {
			return nil, err
		}
		v, err := fromArrow(t.ItemType())
		if err != nil {
			return nil, err
		}
		return MapType{KeyType: k, ValueType: v, ValueContainsNull: t.ItemField().Nullable}, nil
	case *arrow.ListType:
		return arrayFromArrow(t.ElemField())
	case *arrow.LargeListType:
		return arrayFromArrow(t.ElemField())
	case *arrow.FixedSizeListType:
		return arrayFromArrow(t.ElemField())
	case *arrow.StructType:
		if isVariantStruct(t) {
			return Variant, nil
		}
		if st, ok, err := spatialFromArrow(t); ok || err != nil {
			return st, err
		}
		fields := make([]StructField, t.NumFields())
		for i, f := range t.Fields() {
			dt, err := fromArrow(f.Type)
			if err != nil {
				return nil, err
			}
			fields[i] = StructField{Name: f.Name, DataType: dt, Nullable: f.Nullable}
		}
		return &StructType{Fields: fields}, nil
	case *arrow.DictionaryType:
		return fromArrow(t.ValueType)
	}
	return nil, unsupportedArrow(at)
}

func arrayFromArrow(elem arrow.Field) (DataType, *Error) {
	dt, err := fromArrow(elem.Type)
	if err != nil {
		return nil, err
	}
	return ArrayType{ElementType: dt, ContainsNull: elem.Nullable}, nil
}

// isVariantStruct is ArrowUtils.isVariantField: children "value" and "metadata", the
// latter tagged variant=true.
func isVariantStruct(t *arrow.StructType) bool {
	var hasValue, hasMeta bool
	for _, f := range t.Fields() {
		switch f.Name {
		case "value":
			hasValue = true
		case "metadata":
			if i := f.Metadata.FindKey("variant"); i >= 0 && f.Metadata.Values()[i] == "true" {
				hasMeta = true
			}
		}
	}
	return hasValue && hasMeta
}
