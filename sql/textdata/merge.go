package textdata

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// This file holds the rules that merge the types text inference finds for one column across
// values, records and files. The file sources (physical/source) and the schema_of_* and from_*
// functions use the same rules, as Spark's CSVInferSchema and JsonInferSchema do.

// TightestCommonType is TypeCoercion.findTightestCommonType for the atomic types inference
// produces: equal types, NULL with anything, an integral type into a decimal wide enough for
// it, numeric widening, and dates with timestamps (TIMESTAMP when either side is one, else
// TIMESTAMP_NTZ); nil when there is none.
func TightestCommonType(t1, t2 types.DataType) types.DataType {
	if types.Equal(t1, t2) {
		return t1
	}
	if _, ok := t1.(types.NullType); ok {
		return t2
	}
	if _, ok := t2.(types.NullType); ok {
		return t1
	}
	if d, ok := t2.(types.DecimalType); ok {
		if id, ok := IntegralDecimal(t1); ok && decimalWider(d, id) {
			return d
		}
	}
	if d, ok := t1.(types.DecimalType); ok {
		if id, ok := IntegralDecimal(t2); ok && decimalWider(d, id) {
			return d
		}
	}
	r1, r2 := numericRank(t1), numericRank(t2)
	if r1 > 0 && r2 > 0 {
		if r1 > r2 {
			return t1
		}
		return t2
	}
	_, d1 := t1.(types.DateType)
	_, d2 := t2.(types.DateType)
	if (d1 || IsTimestamp(t1)) && (d2 || IsTimestamp(t2)) {
		_, l1 := t1.(types.TimestampType)
		_, l2 := t2.(types.TimestampType)
		if l1 || l2 {
			return types.Timestamp
		}
		return types.TimestampNTZ
	}
	return nil
}

// DecimalCompatible holds the decimal rules of CSV and JSON inference: an integral type with
// a decimal widens the integral to its decimal form (merged again through again), DOUBLE or
// FLOAT wins over a decimal, and two decimals take the larger range and scale (DOUBLE beyond
// 38 digits). false when neither side is a decimal.
func DecimalCompatible(t1, t2 types.DataType, again func(a, b types.DataType) types.DataType) (types.DataType, bool) {
	dec1, isDec1 := t1.(types.DecimalType)
	dec2, isDec2 := t2.(types.DecimalType)
	switch {
	case isDec1 && isDec2:
		scale := max(dec1.Scale, dec2.Scale)
		rng := max(dec1.Precision-dec1.Scale, dec2.Precision-dec2.Scale)
		if rng+scale > types.MaxDecimalPrecision {
			return types.Double, true
		}
		return types.DecimalType{Precision: rng + scale, Scale: scale}, true
	case isDec2:
		if id, ok := IntegralDecimal(t1); ok {
			return again(id, t2), true
		}
	case isDec1:
		if id, ok := IntegralDecimal(t2); ok {
			return again(t1, id), true
		}
	}
	if isDec1 || isDec2 {
		switch t1.(type) {
		case types.DoubleType, types.FloatType:
			return types.Double, true
		}
		switch t2.(type) {
		case types.DoubleType, types.FloatType:
			return types.Double, true
		}
	}
	return nil, false
}

// CompatibleJSON is JsonInferSchema.compatibleType with STRING as the fallback: structs merge
// field by field (their fields are sorted by name), arrays by element.
func CompatibleJSON(t1, t2 types.DataType) types.DataType {
	if t := TightestCommonType(t1, t2); t != nil {
		return t
	}
	if r, ok := DecimalCompatible(t1, t2, CompatibleJSON); ok {
		return r
	}
	s1, ok1 := t1.(*types.StructType)
	s2, ok2 := t2.(*types.StructType)
	if ok1 && ok2 {
		var out []types.StructField
		a, b := 0, 0
		for a < len(s1.Fields) && b < len(s2.Fields) {
			f1, f2 := s1.Fields[a], s2.Fields[b]
			switch c := strings.Compare(f1.Name, f2.Name); {
			case c == 0:
				out = append(out, types.StructField{Name: f1.Name, DataType: CompatibleJSON(f1.DataType, f2.DataType), Nullable: true})
				a++
				b++
			case c < 0:
				out = append(out, f1)
				a++
			default:
				out = append(out, f2)
				b++
			}
		}
		out = append(out, s1.Fields[a:]...)
		out = append(out, s2.Fields[b:]...)
		return &types.StructType{Fields: out}
	}
	a1, ok1 := t1.(types.ArrayType)
	a2, ok2 := t2.(types.ArrayType)
	if ok1 && ok2 {
		return types.ArrayType{ElementType: CompatibleJSON(a1.ElementType, a2.ElementType), ContainsNull: a1.ContainsNull || a2.ContainsNull}
	}
	return types.String
}

// IsTimestamp reports TIMESTAMP or TIMESTAMP_NTZ.
func IsTimestamp(t types.DataType) bool {
	switch t.(type) {
	case types.TimestampType, types.TimestampNTZType:
		return true
	}
	return false
}

// IntegralDecimal is DecimalType.forType for the integral types; false for the others.
func IntegralDecimal(t types.DataType) (types.DecimalType, bool) {
	switch t.(type) {
	case types.ByteType:
		return types.DecimalType{Precision: 3}, true
	case types.ShortType:
		return types.DecimalType{Precision: 5}, true
	case types.IntegerType:
		return types.DecimalType{Precision: 10}, true
	case types.LongType:
		return types.DecimalType{Precision: 20}, true
	}
	return types.DecimalType{}, false
}

// decimalWider is DecimalType.isWiderThan for another decimal.
func decimalWider(d, o types.DecimalType) bool {
	return d.Precision-d.Scale >= o.Precision-o.Scale && d.Scale >= o.Scale
}

// numericRank is TypeCoercion's numericPrecedence (decimals excluded); 0 for the others.
func numericRank(t types.DataType) int {
	switch t.(type) {
	case types.ByteType:
		return 1
	case types.ShortType:
		return 2
	case types.IntegerType:
		return 3
	case types.LongType:
		return 4
	case types.FloatType:
		return 5
	case types.DoubleType:
		return 6
	}
	return 0
}
