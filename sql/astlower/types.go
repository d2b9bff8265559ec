package astlower

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func unsupportedType(name string) error {
	return sparkerror.New(sparkerror.Parse, "UNSUPPORTED_DATATYPE", "0A000",
		"Unsupported data type <typeName>.", map[string]string{"typeName": `"` + name + `"`})
}

// DataType converts a parsed type to a Spark type.
func (o Options) DataType(t *ast.DataType) (types.DataType, error) {
	p := func(i int) (int, bool) {
		if i >= len(t.Params) {
			return 0, false
		}
		v, err := strconv.Atoi(t.Params[i])
		return v, err == nil
	}
	switch t.Name {
	case "BOOLEAN":
		return types.Boolean, nil
	case "TINYINT", "BYTE":
		return types.Byte, nil
	case "SMALLINT", "SHORT":
		return types.Short, nil
	case "INT", "INTEGER":
		return types.Integer, nil
	case "BIGINT", "LONG":
		return types.Long, nil
	case "FLOAT", "REAL":
		return types.Float, nil
	case "DOUBLE":
		return types.Double, nil
	case "DATE":
		return types.Date, nil
	case "TIMESTAMP":
		if o.TimestampNTZ || t.WithoutTimeZone {
			return types.TimestampNTZ, nil
		}
		return types.Timestamp, nil
	case "TIMESTAMP_NTZ":
		return types.TimestampNTZ, nil
	case "TIMESTAMP_LTZ":
		return types.Timestamp, nil
	case "TIME":
		prec := types.DefaultTimePrecision
		if v, ok := p(0); ok {
			prec = v
		}
		if prec < types.MinTimePrecision || prec > types.MaxTimePrecision {
			return nil, unsupportedType(t.Name)
		}
		return types.TimeType{Precision: prec}, nil
	case "BINARY":
		return types.Binary, nil
	case "VOID":
		return types.Null, nil
	case "VARIANT":
		return types.Variant, nil
	case "STRING":
		if len(t.Collation) > 0 {
			return types.NewCollatedString(t.Collation[len(t.Collation)-1].Name)
		}
		return types.String, nil
	case "CHAR", "CHARACTER", "VARCHAR":
		n, ok := p(0)
		if !ok {
			return nil, unsupportedType(t.Name)
		}
		if t.Name == "VARCHAR" {
			return types.VarcharType{Length: n}, nil
		}
		return types.CharType{Length: n}, nil
	case "DECIMAL", "DEC", "NUMERIC":
		prec, scale := 10, 0
		if v, ok := p(0); ok {
			prec = v
		}
		if v, ok := p(1); ok {
			scale = v
		}
		d, err := types.NewDecimal(prec, scale)
		if err != nil {
			return nil, err
		}
		return d, nil
	case "ARRAY":
		if t.Elem == nil {
			return nil, unsupportedType(t.Name)
		}
		e, err := o.DataType(t.Elem)
		if err != nil {
			return nil, err
		}
		return types.NewArray(e, true), nil
	case "MAP":
		if t.Key == nil || t.Value == nil {
			return nil, unsupportedType(t.Name)
		}
		k, err := o.DataType(t.Key)
		if err != nil {
			return nil, err
		}
		v, err := o.DataType(t.Value)
		if err != nil {
			return nil, err
		}
		return types.NewMap(k, v, true), nil
	case "STRUCT":
		st := types.NewStruct()
		for _, f := range t.Fields {
			ft, err := o.DataType(f.Type)
			if err != nil {
				return nil, err
			}
			sf := types.NewField(f.Name.Name, ft, !f.NotNull)
			if f.Comment != nil {
				sf = sf.WithComment(f.Comment.Value)
			}
			st = st.Add(sf)
		}
		return st, nil
	case "INTERVAL":
		return intervalType(t.IntervalFrom, t.IntervalTo)
	case "GEOGRAPHY", "GEOMETRY":
		if len(t.Params) == 1 {
			return types.SpatialFromParam(t.Name, t.Params[0])
		}
	}
	return nil, unsupportedType(strings.ToLower(t.Name))
}

func intervalType(from, to string) (types.DataType, error) {
	if from == "" {
		return types.CalendarInterval, nil
	}
	if to == "" {
		to = from
	}
	ym := map[string]types.YearMonthField{"YEAR": types.Year, "MONTH": types.Month}
	dt := map[string]types.DayTimeField{"DAY": types.Day, "HOUR": types.Hour, "MINUTE": types.Minute, "SECOND": types.Second}
	if f, ok := ym[from]; ok {
		if t, ok := ym[to]; ok {
			return types.NewYearMonthInterval(f, t)
		}
	}
	if f, ok := dt[from]; ok {
		if t, ok := dt[to]; ok {
			return types.NewDayTimeInterval(f, t)
		}
	}
	return nil, unsupportedType("interval " + strings.ToLower(from) + " to " + strings.ToLower(to))
}
