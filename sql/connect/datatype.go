package connect

import (
	"fmt"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// ToProto converts a Spark type into the Connect DataType message.
func ToProto(dt types.DataType) (*connectpb.DataType, error) {
	switch t := dt.(type) {
	case types.NullType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Null{Null: &connectpb.DataType_NULL{}}}, nil
	case types.BooleanType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Boolean_{Boolean: &connectpb.DataType_Boolean{}}}, nil
	case types.ByteType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Byte_{Byte: &connectpb.DataType_Byte{}}}, nil
	case types.ShortType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Short_{Short: &connectpb.DataType_Short{}}}, nil
	case types.IntegerType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Integer_{Integer: &connectpb.DataType_Integer{}}}, nil
	case types.LongType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Long_{Long: &connectpb.DataType_Long{}}}, nil
	case types.FloatType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Float_{Float: &connectpb.DataType_Float{}}}, nil
	case types.DoubleType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Double_{Double: &connectpb.DataType_Double{}}}, nil
	case types.DecimalType:
		p, s := int32(t.Precision), int32(t.Scale)
		return &connectpb.DataType{Kind: &connectpb.DataType_Decimal_{Decimal: &connectpb.DataType_Decimal{Precision: &p, Scale: &s}}}, nil
	case types.StringType:
		return &connectpb.DataType{Kind: &connectpb.DataType_String_{String_: &connectpb.DataType_String{Collation: t.Collation}}}, nil
	case types.CharType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Char_{Char: &connectpb.DataType_Char{Length: int32(t.Length)}}}, nil
	case types.VarcharType:
		return &connectpb.DataType{Kind: &connectpb.DataType_VarChar_{VarChar: &connectpb.DataType_VarChar{Length: int32(t.Length)}}}, nil
	case types.BinaryType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Binary_{Binary: &connectpb.DataType_Binary{}}}, nil
	case types.DateType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Date_{Date: &connectpb.DataType_Date{}}}, nil
	case types.TimestampType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Timestamp_{Timestamp: &connectpb.DataType_Timestamp{}}}, nil
	case types.TimestampNTZType:
		return &connectpb.DataType{Kind: &connectpb.DataType_TimestampNtz{TimestampNtz: &connectpb.DataType_TimestampNTZ{}}}, nil
	case types.TimeType:
		p := int32(t.Precision)
		return &connectpb.DataType{Kind: &connectpb.DataType_Time_{Time: &connectpb.DataType_Time{Precision: &p}}}, nil
	case types.CalendarIntervalType:
		return &connectpb.DataType{Kind: &connectpb.DataType_CalendarInterval_{CalendarInterval: &connectpb.DataType_CalendarInterval{}}}, nil
	case types.DayTimeIntervalType:
		s, e := int32(t.StartField), int32(t.EndField)
		return &connectpb.DataType{Kind: &connectpb.DataType_DayTimeInterval_{DayTimeInterval: &connectpb.DataType_DayTimeInterval{StartField: &s, EndField: &e}}}, nil
	case types.YearMonthIntervalType:
		s, e := int32(t.StartField), int32(t.EndField)
		return &connectpb.DataType{Kind: &connectpb.DataType_YearMonthInterval_{YearMonthInterval: &connectpb.DataType_YearMonthInterval{StartField: &s, EndField: &e}}}, nil
	case types.VariantType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Variant_{Variant: &connectpb.DataType_Variant{}}}, nil
	case types.GeographyType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Geography_{Geography: &connectpb.DataType_Geography{Srid: int32(t.SRID)}}}, nil
	case types.GeometryType:
		return &connectpb.DataType{Kind: &connectpb.DataType_Geometry_{Geometry: &connectpb.DataType_Geometry{Srid: int32(t.SRID)}}}, nil
	case types.ArrayType:
		elem, err := ToProto(t.ElementType)
		if err != nil {
			return nil, err
		}
		return &connectpb.DataType{Kind: &connectpb.DataType_Array_{Array: &connectpb.DataType_Array{ElementType: elem, ContainsNull: t.ContainsNull}}}, nil
	case types.MapType:
		k, err := ToProto(t.KeyType)
		if err != nil {
			return nil, err
		}
		v, err := ToProto(t.ValueType)
		if err != nil {
			return nil, err
		}
		return &connectpb.DataType{Kind: &connectpb.DataType_Map_{Map: &connectpb.DataType_Map{KeyType: k, ValueType: v, ValueContainsNull: t.ValueContainsNull}}}, nil
	case *types.StructType:
		st := &connectpb.DataType_Struct{}
		for _, f := range t.Fields {
			ft, err := ToProto(f.DataType)
			if err != nil {
				return nil, err
			}
			field := &connectpb.DataType_StructField{Name: f.Name, DataType: ft, Nullable: f.Nullable}
			if !f.Metadata.IsEmpty() {
				md := f.Metadata.JSON()
				field.Metadata = &md
			}
			st.Fields = append(st.Fields, field)
		}
		return &connectpb.DataType{Kind: &connectpb.DataType_Struct_{Struct: st}}, nil
	}
	return nil, sparkerror.InternalError("no Connect form for type %s", dt)
}

// FromProto converts a Connect DataType message into a Spark type.
func FromProto(dt *connectpb.DataType) (types.DataType, error) {
	if dt == nil {
		return nil, sparkerror.InvalidPlanInput("a data type is required")
	}
	if f, isNil := nilOneof(dt.ProtoReflect(), "kind"); isNil {
		return nil, sparkerror.InvalidPlanInput("the %s data type is empty", f)
	}
	switch k := dt.GetKind().(type) {
	case *connectpb.DataType_Null:
		return types.Null, nil
	case *connectpb.DataType_Boolean_:
		return types.Boolean, nil
	case *connectpb.DataType_Byte_:
		return types.Byte, nil
	case *connectpb.DataType_Short_:
		return types.Short, nil
	case *connectpb.DataType_Integer_:
		return types.Integer, nil
	case *connectpb.DataType_Long_:
		return types.Long, nil
	case *connectpb.DataType_Float_:
		return types.Float, nil
	case *connectpb.DataType_Double_:
		return types.Double, nil
	case *connectpb.DataType_Decimal_:
		p, s := int32(10), int32(0)
		if k.Decimal.Precision != nil {
			p = *k.Decimal.Precision
		}
		if k.Decimal.Scale != nil {
			s = *k.Decimal.Scale
		}
		return types.NewDecimal(int(p), int(s))
	case *connectpb.DataType_String_:
		if c := k.String_.GetCollation(); c != "" {
			return types.NewCollatedString(c)
		}
		return types.String, nil
	case *connectpb.DataType_Char_:
		return types.CharType{Length: int(k.Char.GetLength())}, nil
	case *connectpb.DataType_VarChar_:
		return types.VarcharType{Length: int(k.VarChar.GetLength())}, nil
	case *connectpb.DataType_Binary_:
		return types.Binary, nil
	case *connectpb.DataType_Date_:
		return types.Date, nil
	case *connectpb.DataType_Timestamp_:
		return types.Timestamp, nil
	case *connectpb.DataType_TimestampNtz:
		return types.TimestampNTZ, nil
	case *connectpb.DataType_Time_:
		p := types.DefaultTimePrecision
		if k.Time.Precision != nil {
			p = int(*k.Time.Precision)
		}
		if p < types.MinTimePrecision || p > types.MaxTimePrecision {
			return nil, sparkerror.InvalidPlanInput("TIME precision %d is out of the range [0, 6]", p)
		}
		return types.TimeType{Precision: p}, nil
	case *connectpb.DataType_CalendarInterval_:
		return types.CalendarInterval, nil
	case *connectpb.DataType_DayTimeInterval_:
		t := types.DefaultDayTimeInterval
		if k.DayTimeInterval.StartField != nil {
			t.StartField = types.DayTimeField(*k.DayTimeInterval.StartField)
		}
		if k.DayTimeInterval.EndField != nil {
			t.EndField = types.DayTimeField(*k.DayTimeInterval.EndField)
		}
		return t, nil
	case *connectpb.DataType_YearMonthInterval_:
		t := types.DefaultYearMonthInterval
		if k.YearMonthInterval.StartField != nil {
			t.StartField = types.YearMonthField(*k.YearMonthInterval.StartField)
		}
		if k.YearMonthInterval.EndField != nil {
			t.EndField = types.YearMonthField(*k.YearMonthInterval.EndField)
		}
		return t, nil
	case *connectpb.DataType_Variant_:
		return types.Variant, nil
	case *connectpb.DataType_Geography_:
		if srid := int(k.Geography.GetSrid()); srid != types.MixedSRID {
			return types.NewGeography(srid)
		}
		return types.GeographyAny, nil
	case *connectpb.DataType_Geometry_:
		if srid := int(k.Geometry.GetSrid()); srid != types.MixedSRID {
			return types.NewGeometry(srid)
		}
		return types.GeometryAny, nil
	case *connectpb.DataType_Array_:
		elem, err := FromProto(k.Array.GetElementType())
		if err != nil {
			return nil, err
		}
		return types.NewArray(elem, k.Array.GetContainsNull()), nil
	case *connectpb.DataType_Map_:
		key, err := FromProto(k.Map.GetKeyType())
		if err != nil {
			return nil, err
		}
		val, err := FromProto(k.Map.GetValueType())
		if err != nil {
			return nil, err
		}
		return types.NewMap(key, val, k.Map.GetValueContainsNull()), nil
	case *connectpb.DataType_Struct_:
		st := types.NewStruct()
		for _, f := range k.Struct.GetFields() {
			ft, err := FromProto(f.GetDataType())
			if err != nil {
				return nil, err
			}
			field := types.NewField(f.GetName(), ft, f.GetNullable())
			if f.Metadata != nil {
				md, err := types.ParseMetadata(f.GetMetadata())
				if err != nil {
					return nil, err
				}
				field.Metadata = md
			}
			st = st.Add(field)
		}
		return st, nil
	case *connectpb.DataType_Unparsed_:
		return types.ParseDataType(k.Unparsed.GetDataTypeString())
	case nil:
		return nil, sparkerror.InvalidPlanInput("DataType.kind is required")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("data type %T", dt.GetKind()))
}
