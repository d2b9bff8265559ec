package connect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// literal lowers a Connect literal: its Spark type, its value in the plan's
// representation (see plan.Literal) and the text Spark shows for it in column names.
func (l *lowerer) literal(lit *connectpb.Expression_Literal) (*plan.Literal, error) {
	t, v, err := literalValue(lit)
	if err != nil {
		return nil, err
	}
	return &plan.Literal{Type: t, Value: v, Text: prettyLiteral(t, v, l.zone())}, nil
}

func (l *lowerer) zone() *time.Location {
	if l.TimeZone != nil {
		return l.TimeZone
	}
	return time.UTC
}

// literalValue converts a Connect literal into a type and a plan value.
func literalValue(lit *connectpb.Expression_Literal) (types.DataType, any, error) {
	if lit == nil {
		return nil, nil, sparkerror.InvalidPlanInput("a literal is required")
	}
	if f, isNil := nilOneof(lit.ProtoReflect(), "literal_type"); isNil {
		return nil, nil, sparkerror.InvalidPlanInput("the %s literal is empty", f)
	}
	switch v := lit.GetLiteralType().(type) {
	case *connectpb.Expression_Literal_Null:
		if v.Null.GetKind() == nil {
			return types.Null, nil, nil
		}
		dt, err := FromProto(v.Null)
		if err != nil {
			return nil, nil, err
		}
		return dt, nil, nil
	case *connectpb.Expression_Literal_Boolean:
		return types.Boolean, v.Boolean, nil
	case *connectpb.Expression_Literal_Byte:
		if v.Byte < math.MinInt8 || v.Byte > math.MaxInt8 {
			return nil, nil, sparkerror.InvalidPlanInput("the byte literal %d is out of range", v.Byte)
		}
		return types.Byte, int8(v.Byte), nil
	case *connectpb.Expression_Literal_Short:
		if v.Short < math.MinInt16 || v.Short > math.MaxInt16 {
			return nil, nil, sparkerror.InvalidPlanInput("the short literal %d is out of range", v.Short)
		}
		return types.Short, int16(v.Short), nil
	case *connectpb.Expression_Literal_Integer:
		return types.Integer, v.Integer, nil
	case *connectpb.Expression_Literal_Long:
		return types.Long, v.Long, nil
	case *connectpb.Expression_Literal_Float:
		return types.Float, v.Float, nil
	case *connectpb.Expression_Literal_Double:
		return types.Double, v.Double, nil
	case *connectpb.Expression_Literal_String_:
		return types.String, v.String_, nil
	case *connectpb.Expression_Literal_Binary:
		b := v.Binary
		if b == nil {
			b = []byte{}
		}
		return types.Binary, b, nil
	case *connectpb.Expression_Literal_Decimal_:
		return decimalLiteral(v.Decimal)
	case *connectpb.Expression_Literal_Date:
		return types.Date, v.Date, nil
	case *connectpb.Expression_Literal_Timestamp:
		return types.Timestamp, v.Timestamp, nil
	case *connectpb.Expression_Literal_TimestampNtz:
		return types.TimestampNTZ, v.TimestampNtz, nil
	case *connectpb.Expression_Literal_CalendarInterval_:
		c := v.CalendarInterval
		return types.CalendarInterval, plan.CalendarValue{Months: c.GetMonths(), Days: c.GetDays(), Micros: c.GetMicroseconds()}, nil
	case *connectpb.Expression_Literal_YearMonthInterval:
		return types.DefaultYearMonthInterval, v.YearMonthInterval, nil
	case *connectpb.Expression_Literal_DayTimeInterval:
		return types.DefaultDayTimeInterval, v.DayTimeInterval, nil
	case *connectpb.Expression_Literal_Array_:
		return arrayLiteral(v.Array)
	case *connectpb.Expression_Literal_Map_:
		return mapLiteral(v.Map)
	case *connectpb.Expression_Literal_Struct_:
		return structLiteral(v.Struct)
	case nil:
		return nil, nil, sparkerror.InvalidPlanInput("the literal has no value (literal_type is not set)")
	}
	return nil, nil, sparkerror.NotImplemented(fmt.Sprintf("literals of kind %T", lit.GetLiteralType()))
}

// decimalLiteral reads a decimal literal as Spark's LiteralValueProtoConverter does: the
// value's own precision and scale, widened to the declared ones when those are larger.
func decimalLiteral(d *connectpb.Expression_Literal_Decimal) (types.DataType, any, error) {
	digits, scale, ok := parseDecimal(d.GetValue())
	if !ok {
		return nil, nil, sparkerror.InvalidPlanInput("the decimal literal %q is not a number", d.GetValue())
	}
	if d.Scale != nil && int(d.GetScale()) > scale {
		digits += strings.Repeat("0", int(d.GetScale())-scale)
		scale = int(d.GetScale())
	}
	precision := len(strings.TrimLeft(strings.TrimPrefix(digits, "-"), "0"))
	if precision == 0 {
		precision = 1
	}
	if d.Precision != nil && int(d.GetPrecision()) > precision {
		precision = int(d.GetPrecision())
	}
	t, err := types.NewDecimal(max(precision, scale), scale)
	if err != nil {
		return nil, nil, err
	}
	return t, plan.Decimal{Digits: digits, Scale: scale}, nil
}

// parseDecimal reads decimal text ("-12.50", "1e3") into its unscaled digits (with sign)
// and a non-negative scale.
func parseDecimal(s string) (digits string, scale int, ok bool) {
	s = strings.TrimSpace(s)
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return "", 0, false
		}
		exp, s = e, s[:i]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" {
		return "", 0, false
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return "", 0, false
		}
	}
	digits, scale = intPart+frac, len(frac)-exp
	if scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		digits = "0"
	}
	if neg && digits != "0" {
		digits = "-" + digits
	}
	return digits, scale, true
}

// decimalText renders an unscaled value at a scale: "1250", 2 -> "12.50".
func decimalText(digits string, scale int) string {
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	if scale > 0 {
		for len(digits) <= scale {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		digits = "-" + digits
	}
	return digits
}

// elementValue lowers a nested literal whose type must be t (NULLs take t).
func elementValue(lit *connectpb.Expression_Literal, t types.DataType, what string) (any, error) {
	if _, isNull := lit.GetLiteralType().(*connectpb.Expression_Literal_Null); isNull {
		return nil, nil
	}
	et, v, err := literalValue(lit)
	if err != nil {
		return nil, err
	}
	if !types.EqualIgnoreNullability(et, t) {
		return nil, sparkerror.InvalidPlanInput("%s: a literal of type %s where %s is declared", what, et.SQL(), t.SQL())
	}
	return v, nil
}

func arrayLiteral(a *connectpb.Expression_Literal_Array) (types.DataType, any, error) {
	var et types.DataType
	switch {
	case a.GetElementType() != nil:
		t, err := FromProto(a.GetElementType())
		if err != nil {
			return nil, nil, err
		}
		et = t
	case len(a.GetElements()) > 0:
		// Spark requires element_type; take the first element's type when it is missing.
		t, _, err := literalValue(a.GetElements()[0])
		if err != nil {
			return nil, nil, err
		}
		et = t
	default:
		return nil, nil, sparkerror.InvalidPlanInput("an array literal needs element_type")
	}
	vals := make([]any, len(a.GetElements()))
	for i, e := range a.GetElements() {
		v, err := elementValue(e, et, "array literal")
		if err != nil {
			return nil, nil, err
		}
		vals[i] = v
	}
	return types.NewArray(et, true), vals, nil
}

func mapLiteral(m *connectpb.Expression_Literal_Map) (types.DataType, any, error) {
	if m.GetKeyType() == nil || m.GetValueType() == nil {
		return nil, nil, sparkerror.InvalidPlanInput("a map literal needs key_type and value_type")
	}
	kt, err := FromProto(m.GetKeyType())
	if err != nil {
		return nil, nil, err
	}
	vt, err := FromProto(m.GetValueType())
	if err != nil {
		return nil, nil, err
	}
	if len(m.GetKeys()) != len(m.GetValues()) {
		return nil, nil, sparkerror.InvalidPlanInput("a map literal has %d keys and %d values", len(m.GetKeys()), len(m.GetValues()))
	}
	entries := make([]plan.MapEntry, len(m.GetKeys()))
	for i := range m.GetKeys() {
		k, err := elementValue(m.GetKeys()[i], kt, "map literal key")
		if err != nil {
			return nil, nil, err
		}
		if k == nil {
			return nil, nil, sparkerror.New(sparkerror.Runtime, "NULL_MAP_KEY", "2200E", "Cannot use null as map key.", nil)
		}
		v, err := elementValue(m.GetValues()[i], vt, "map literal value")
		if err != nil {
			return nil, nil, err
		}
		entries[i] = plan.MapEntry{Key: k, Value: v}
	}
	return types.NewMap(kt, vt, true), entries, nil
}

func structLiteral(s *connectpb.Expression_Literal_Struct) (types.DataType, any, error) {
	if s.GetStructType() == nil {
		return nil, nil, sparkerror.InvalidPlanInput("a struct literal needs struct_type")
	}
	dt, err := FromProto(s.GetStructType())
	if err != nil {
		return nil, nil, err
	}
	st, ok := dt.(*types.StructType)
	if !ok {
		return nil, nil, sparkerror.InvalidPlanInput("the struct_type of a struct literal is %s, not a struct", dt.SQL())
	}
	if len(st.Fields) != len(s.GetElements()) {
		return nil, nil, sparkerror.InvalidPlanInput("a struct literal has %d fields and %d values", len(st.Fields), len(s.GetElements()))
	}
	vals := make([]any, len(st.Fields))
	for i, f := range st.Fields {
		v, err := elementValue(s.GetElements()[i], f.DataType, "struct literal field "+f.Name)
		if err != nil {
			return nil, nil, err
		}
		vals[i] = v
	}
	return st, vals, nil
}

// prettyLiteral is how Spark names an unaliased literal column (toPrettySQL): strings and
// numbers as their plain text, NULL, and the SQL form of everything else.
func prettyLiteral(t types.DataType, v any, loc *time.Location) string {
	if v == nil {
		return "NULL"
	}
	switch t.(type) {
	case types.StringType:
		s, _ := v.(string)
		return s
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return fmt.Sprint(v)
	case types.FloatType:
		f, _ := v.(float32)
		return format.JavaFloatString(f)
	case types.DoubleType:
		f, _ := v.(float64)
		return format.JavaDoubleString(f)
	case types.DecimalType:
		d, _ := v.(plan.Decimal)
		return decimalText(d.Digits, d.Scale)
	}
	return sqlLiteral(t, v, loc)
}

// sqlLiteral is Spark's Literal.sql: the text of the literal as SQL source.
func sqlLiteral(t types.DataType, v any, loc *time.Location) string {
	if v == nil {
		switch t.(type) {
		case types.NullType, types.ArrayType, types.MapType, *types.StructType:
			return "NULL"
		}
		return "CAST(NULL AS " + t.SQL() + ")"
	}
	switch t := t.(type) {
	case types.StringType:
		s, _ := v.(string)
		return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
	case types.ByteType:
		return fmt.Sprint(v) + "Y"
	case types.ShortType:
		return fmt.Sprint(v) + "S"
	case types.LongType:
		return fmt.Sprint(v) + "L"
	case types.FloatType:
		f, _ := v.(float32)
		switch {
		case math.IsNaN(float64(f)):
			return "CAST('NaN' AS FLOAT)"
		case math.IsInf(float64(f), 1):
			return "CAST('Infinity' AS FLOAT)"
		case math.IsInf(float64(f), -1):
			return "CAST('-Infinity' AS FLOAT)"
		}
		return "CAST('" + format.JavaFloatString(f) + "' AS FLOAT)"
	case types.DoubleType:
		f, _ := v.(float64)
		switch {
		case math.IsNaN(f):
			return "CAST('NaN' AS DOUBLE)"
		case math.IsInf(f, 1):
			return "CAST('Infinity' AS DOUBLE)"
		case math.IsInf(f, -1):
			return "CAST('-Infinity' AS DOUBLE)"
		}
		return format.JavaDoubleString(f) + "D"
	case types.DecimalType:
		d, _ := v.(plan.Decimal)
		return decimalText(d.Digits, d.Scale) + "BD"
	case types.DateType:
		days, _ := v.(int32)
		return "DATE '" + string(format.AppendDate(nil, int64(days))) + "'"
	case types.TimestampType:
		us, _ := v.(int64)
		return "TIMESTAMP '" + string(format.AppendTimestamp(nil, us, loc)) + "'"
	case types.TimestampNTZType:
		us, _ := v.(int64)
		return "TIMESTAMP_NTZ '" + string(format.AppendTimestamp(nil, us, time.UTC)) + "'"
	case types.CalendarIntervalType:
		c, _ := v.(plan.CalendarValue)
		return "INTERVAL '" + string(interval.AppendCalendar(nil, c.Months, c.Days, c.Micros)) + "'"
	case types.DayTimeIntervalType:
		us, _ := v.(int64)
		return string(interval.AppendDayTime(nil, us, t.StartField, t.EndField))
	case types.YearMonthIntervalType:
		m, _ := v.(int32)
		return string(interval.AppendYearMonth(nil, m, t.StartField, t.EndField))
	case types.BinaryType:
		b, _ := v.([]byte)
		return fmt.Sprintf("X'%X'", b)
	case types.ArrayType:
		xs, _ := v.([]any)
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = sqlLiteral(t.ElementType, x, loc)
		}
		return "ARRAY(" + strings.Join(parts, ", ") + ")"
	case types.MapType:
		es, _ := v.([]plan.MapEntry)
		parts := make([]string, len(es))
		for i, e := range es {
			parts[i] = sqlLiteral(t.KeyType, e.Key, loc) + ", " + sqlLiteral(t.ValueType, e.Value, loc)
		}
		return "MAP(" + strings.Join(parts, ", ") + ")"
	case *types.StructType:
		xs, _ := v.([]any)
		parts := make([]string, 0, len(xs))
		for i, f := range t.Fields {
			var x any
			if i < len(xs) {
				x = xs[i]
			}
			parts = append(parts, "'"+f.Name+"', "+sqlLiteral(f.DataType, x, loc))
		}
		return "NAMED_STRUCT(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprint(v)
}

// castToStringText is the text of a literal cast to STRING, as Spark names pivot columns
// by their values: dates and timestamps without their SQL keyword, "null" for NULL.
func castToStringText(lit *plan.Literal, loc *time.Location) string {
	if lit.Value == nil {
		return "null"
	}
	switch lit.Type.(type) {
	case types.DateType:
		days, _ := lit.Value.(int32)
		return string(format.AppendDate(nil, int64(days)))
	case types.TimestampType:
		us, _ := lit.Value.(int64)
		return string(format.AppendTimestamp(nil, us, loc))
	case types.TimestampNTZType:
		us, _ := lit.Value.(int64)
		return string(format.AppendTimestamp(nil, us, time.UTC))
	case types.BooleanType, types.StringType, types.ByteType, types.ShortType, types.IntegerType,
		types.LongType, types.FloatType, types.DoubleType, types.DecimalType:
		return prettyLiteral(lit.Type, lit.Value, loc)
	}
	return lit.Text
}
