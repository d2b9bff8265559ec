package types

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

func TestToArrowLeaves(t *testing.T) {
	cases := []struct {
		dt   DataType
		want arrow.DataType
	}{
		{Boolean, arrow.FixedWidthTypes.Boolean},
		{Byte, arrow.PrimitiveTypes.Int8},
		{Short, arrow.PrimitiveTypes.Int16},
		{Integer, arrow.PrimitiveTypes.Int32},
		{Long, arrow.PrimitiveTypes.Int64},
		{Float, arrow.PrimitiveTypes.Float32},
		{Double, arrow.PrimitiveTypes.Float64},
		{DecimalType{10, 2}, &arrow.Decimal128Type{Precision: 10, Scale: 2}},
		{String, arrow.BinaryTypes.String},
		{StringType{Collation: "UTF8_LCASE"}, arrow.BinaryTypes.String},
		{CharType{3}, arrow.BinaryTypes.String},
		{VarcharType{3}, arrow.BinaryTypes.String},
		{Binary, arrow.BinaryTypes.Binary},
		{Date, arrow.FixedWidthTypes.Date32},
		{Timestamp, &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}},
		{TimestampNTZ, &arrow.TimestampType{Unit: arrow.Microsecond}},
		{Null, arrow.Null},
		{DefaultDayTimeInterval, &arrow.DurationType{Unit: arrow.Microsecond}},
		{DayTimeIntervalType{Hour, Minute}, &arrow.DurationType{Unit: arrow.Microsecond}},
		{DefaultYearMonthInterval, arrow.FixedWidthTypes.MonthInterval},
		{CalendarInterval, arrow.FixedWidthTypes.MonthDayNanoInterval},
		{UserDefinedType{Class: "x.PointUDT", SQLType: Long}, arrow.PrimitiveTypes.Int64},
	}
	for _, c := range cases {
		got, err := ToArrow(c.dt)
		if err != nil {
			t.Errorf("ToArrow(%v): %v", c.dt, err)
			continue
		}
		if !arrow.TypeEqual(got, c.want) {
			t.Errorf("ToArrow(%v) = %v, want %v", c.dt, got, c.want)
		}
	}
	large := ArrowOptions{LargeVarTypes: true, TimeZone: "Europe/Paris"}
	for dt, want := range map[DataType]arrow.DataType{
		String:    arrow.BinaryTypes.LargeString,
		Binary:    arrow.BinaryTypes.LargeBinary,
		Timestamp: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "Europe/Paris"},
	} {
		got, err := large.ToArrow(dt)
		if err != nil || !arrow.TypeEqual(got, want) {
			t.Errorf("ToArrow(%v) with options = %v, %v; want %v", dt, got, err, want)
		}
	}
}

func TestToArrowNested(t *testing.T) {
	st := mustStruct(t, "a array<int> not null, b map<string, array<double>>, c struct<x: date not null>, v variant")
	st.Fields[1].DataType = NewMap(String, NewArray(Double, false), false)
	schema, err := ToArrowSchema(st)
	if err != nil {
		t.Fatal(err)
	}
	want := arrow.NewSchema([]arrow.Field{
		{Name: "a", Type: arrow.ListOfField(arrow.Field{Name: "element", Type: arrow.PrimitiveTypes.Int32, Nullable: true})},
		{Name: "b", Nullable: true, Type: arrow.MapOfFields(
			arrow.Field{Name: "key", Type: arrow.BinaryTypes.String},
			arrow.Field{Name: "value", Type: arrow.ListOfField(arrow.Field{Name: "element", Type: arrow.PrimitiveTypes.Float64})})},
		{Name: "c", Nullable: true, Type: arrow.StructOf(arrow.Field{Name: "x", Type: arrow.FixedWidthTypes.Date32})},
		{Name: "v", Nullable: true, Type: arrow.StructOf(
			arrow.Field{Name: "value", Type: arrow.BinaryTypes.Binary},
			arrow.Field{Name: "metadata", Type: arrow.BinaryTypes.Binary, Metadata: arrow.NewMetadata([]string{"variant"}, []string{"true"})})},
	}, nil)
	if !schema.Equal(want) {
		t.Errorf("ToArrowSchema =\n%v\nwant\n%v", schema, want)
	}
	// The map entries struct and the key are never nullable.
	m := schema.Field(1).Type.(*arrow.MapType)
	if m.KeyField().Nullable || m.ElemField().Nullable || m.ItemField().Nullable {
		t.Errorf("map nullability: key %v entries %v item %v", m.KeyField().Nullable, m.ElemField().Nullable, m.ItemField().Nullable)
	}
	// Variant's metadata child must keep its tag for the reader.
	if !isVariantStruct(schema.Field(3).Type.(*arrow.StructType)) {
		t.Error("variant struct not recognised")
	}

	back, err := FromArrowSchema(schema)
	if err != nil || !Equal(back, st) {
		t.Errorf("FromArrowSchema = %v, %v; want %v", back, err, st)
	}
}

func TestArrowRoundTrip(t *testing.T) {
	// Types whose Arrow form maps back to themselves.
	types := []DataType{
		Boolean, Byte, Short, Integer, Long, Float, Double, DecimalType{38, 10}, String, Binary, Date, Timestamp,
		TimestampNTZ, Null, DefaultDayTimeInterval, DefaultYearMonthInterval, CalendarInterval, Variant,
		NewArray(NewArray(Integer, false), true),
		NewMap(Integer, NewMap(String, Binary, false), true),
		mustStruct(t, "a int not null, `b c` struct<d: array<string>, e: map<int, timestamp_ntz>>"),
		NewStruct(),
	}
	for _, dt := range types {
		at, err := ToArrow(dt)
		if err != nil {
			t.Errorf("ToArrow(%v): %v", dt, err)
			continue
		}
		back, err := FromArrow(at)
		if err != nil || !Equal(back, dt) {
			t.Errorf("FromArrow(%v) = %v, %v; want %v", at, back, err, dt)
		}
	}
	// Types Arrow cannot tell apart come back as their Arrow family.
	for dt, want := range map[DataType]DataType{
		CharType{3}:                       String,
		StringType{Collation: "UNICODE"}:  String,
		DayTimeIntervalType{Hour, Hour}:   DefaultDayTimeInterval,
		YearMonthIntervalType{Year, Year}: DefaultYearMonthInterval,
	} {
		at, _ := ToArrow(dt)
		if back, err := FromArrow(at); err != nil || !Equal(back, want) {
			t.Errorf("FromArrow(ToArrow(%v)) = %v, %v; want %v", dt, back, err, want)
		}
	}
}

func TestFromArrowPySparkInputs(t *testing.T) {
	cases := []struct {
		at   arrow.DataType
		want DataType
	}{
		{arrow.BinaryTypes.LargeString, String},
		{arrow.BinaryTypes.LargeBinary, Binary},
		{&arrow.FixedSizeBinaryType{ByteWidth: 16}, Binary},
		{arrow.LargeListOf(arrow.PrimitiveTypes.Int64), NewArray(Long, true)},
		{arrow.FixedSizeListOfNonNullable(3, arrow.PrimitiveTypes.Float32), NewArray(Float, false)},
		{&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}, String},
		{&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "America/New_York"}, Timestamp},
		{&arrow.Decimal256Type{Precision: 30, Scale: 4}, DecimalType{30, 4}},
		{arrow.ListOf(arrow.PrimitiveTypes.Int32), NewArray(Integer, true)},
		{arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32), NewMap(String, Integer, true)},
		{arrow.StructOf(arrow.Field{Name: "value", Type: arrow.BinaryTypes.Binary},
			arrow.Field{Name: "metadata", Type: arrow.BinaryTypes.Binary}), // not tagged: a plain struct
			NewStruct(NewField("value", Binary, false), NewField("metadata", Binary, false))},
	}
	for _, c := range cases {
		got, err := FromArrow(c.at)
		if err != nil || !Equal(got, c.want) {
			t.Errorf("FromArrow(%v) = %v, %v; want %v", c.at, got, err, c.want)
		}
	}
}

func TestArrowErrors(t *testing.T) {
	for _, at := range []arrow.DataType{
		arrow.PrimitiveTypes.Uint8, arrow.PrimitiveTypes.Uint64, arrow.FixedWidthTypes.Float16,
		arrow.FixedWidthTypes.Date64, &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"},
		&arrow.TimestampType{Unit: arrow.Millisecond}, &arrow.DurationType{Unit: arrow.Second},
		arrow.FixedWidthTypes.DayTimeInterval, arrow.BinaryTypes.StringView, arrow.FixedWidthTypes.Time32ms,
		arrow.ListOf(arrow.PrimitiveTypes.Uint32),
	} {
		_, err := FromArrow(at)
		checkErr(t, "FromArrow("+at.String()+")", err, wantErr{class: "UNSUPPORTED_ARROWTYPE",
			exception: ExceptionUnsupportedOperation})
	}
	_, err := FromArrow(&arrow.Decimal256Type{Precision: 60, Scale: 2})
	checkErr(t, "FromArrow(decimal256(60,2))", err, wantErr{class: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
		exception: ExceptionArithmetic})

	_, err = ToArrow(NewStruct(NewField("n", nil, true)))
	checkErr(t, "ToArrow(nil field type)", err, wantErr{class: "INTERNAL_ERROR", exception: ExceptionSpark})

	_, err = ToArrow(NewArray(UserDefinedType{Class: "x.BadUDT", SQLType: UserDefinedType{Class: "x.Inner", SQLType: Null}}, true))
	if err != nil {
		t.Errorf("nested UDT: %v", err)
	}
}

func TestArrowDuplicatedFieldNames(t *testing.T) {
	st := NewStruct(
		NewField("a", NewStruct(NewField("x", Integer, true), NewField("y", Integer, true), NewField("x", Long, true)), true),
		NewField("a", NewArray(NewStruct(NewField("z", Integer, true), NewField("z", Integer, true)), true), true),
	)
	schema, err := ToArrowSchema(st)
	if err != nil {
		t.Fatal(err)
	}
	// Top-level names stay; nested duplicates become name_0, name_1, ...
	if schema.Field(0).Name != "a" || schema.Field(1).Name != "a" {
		t.Errorf("top-level names changed: %v", schema)
	}
	inner := schema.Field(0).Type.(*arrow.StructType)
	if inner.Field(0).Name != "x_0" || inner.Field(1).Name != "y" || inner.Field(2).Name != "x_1" {
		t.Errorf("nested names: %v", inner)
	}
	elem := schema.Field(1).Type.(*arrow.ListType).Elem().(*arrow.StructType)
	if elem.Field(0).Name != "z_0" || elem.Field(1).Name != "z_1" {
		t.Errorf("names in array: %v", elem)
	}
	_, err = ArrowOptions{ErrorOnDuplicatedFieldNames: true}.ToArrowSchema(st)
	checkErr(t, "ErrorOnDuplicatedFieldNames", err, wantErr{class: "DUPLICATED_FIELD_NAME_IN_ARROW_STRUCT",
		params: map[string]string{"fieldNames": "[x, y, x]"}, exception: ExceptionUnsupportedOperation})
	// The caller's type is not modified.
	if st.Fields[0].DataType.(*StructType).Fields[0].Name != "x" {
		t.Error("ToArrowSchema renamed the input's fields")
	}
}
