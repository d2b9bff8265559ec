package expr

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

// array_sort without a comparator uses Spark's default one: NULLs last, then ascending.
// The analyzer still gives it as a lambda (Spark names the column after it); for atomic
// element types we sort natively, which gives the same order, and fall back to evaluating
// the lambda for the others.

func evalArraySortAsc(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	var et types.DataType = types.Null
	if t, ok := h.argTypes[0].(types.ArrayType); ok {
		et = t.ElementType
	}
	v, f, vals, err := lamElements(args[0], false)
	if err != nil {
		return nil, err
	}
	defer vals.Release()
	compare := lamNativeCompare(et, vals)
	if compare == nil {
		return evalArraySort(h, b, args)
	}
	valid := validity(vals)
	perm := identity(len(f.idx))
	for i := 0; i < v.n; i++ {
		seg := perm[f.offs[i]:f.offs[i+1]]
		if len(seg) < 2 {
			continue
		}
		slices.SortStableFunc(seg, func(x, y int32) int {
			xn, yn := valid != nil && !valid.get(int(x)), valid != nil && !valid.get(int(y))
			switch {
			case xn && yn:
				return 0
			case xn:
				return 1
			case yn:
				return -1
			}
			return compare(int(x), int(y))
		})
	}
	sorted, err := gather(vals.DataType(), []arrow.Array{vals}, nil, perm)
	if err != nil {
		return nil, err
	}
	defer sorted.Release()
	return lamNewList(h.t, f.offs, v.valid, sorted), nil
}

// lamNativeCompare compares two non-NULL elements of a as Spark's < and > on type t do;
// nil when t is not an atomic type we order here.
func lamNativeCompare(t types.DataType, a arrow.Array) func(i, j int) int {
	if isNullType(a) {
		return nil
	}
	switch t := t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.DateType,
		types.TimestampType, types.TimestampNTZType, types.DayTimeIntervalType, types.YearMonthIntervalType:
		switch a.DataType().ID() {
		case arrow.INT8:
			return fixedCompare(fixedValues[int8](a))
		case arrow.INT16:
			return fixedCompare(fixedValues[int16](a))
		case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
			return fixedCompare(fixedValues[int32](a))
		case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
			return fixedCompare(fixedValues[int64](a))
		}
	case types.FloatType:
		v := fixedValues[float32](a)
		return func(i, j int) int { return floatOrder(float64(v[i]), float64(v[j])) }
	case types.DoubleType:
		v := fixedValues[float64](a)
		return func(i, j int) int { return floatOrder(v[i], v[j]) }
	case types.DecimalType:
		v := fixedValues[decimal128.Num](a)
		return func(i, j int) int { return v[i].Cmp(v[j]) }
	case types.BooleanType:
		w := boolWords(a)
		return func(i, j int) int {
			x, y := w.get(i), w.get(j)
			switch {
			case x == y:
				return 0
			case y:
				return -1
			}
			return 1
		}
	case types.StringType:
		if t.Collation != "" && t.Collation != "UTF8_BINARY" {
			return nil
		}
		vv := viewVar(a)
		return func(i, j int) int { return bytes.Compare(vv.at(i), vv.at(j)) }
	case types.BinaryType:
		vv := viewVar(a)
		return func(i, j int) int { return bytes.Compare(vv.at(i), vv.at(j)) }
	}
	return nil
}

func fixedCompare[T int8 | int16 | int32 | int64](v []T) func(i, j int) int {
	return func(i, j int) int { return cmp.Compare(v[i], v[j]) }
}

// floatOrder is Spark's order of floating-point values: -0.0 equals 0.0, NaN equals NaN and
// is above every other value.
func floatOrder(x, y float64) int {
	xn, yn := x != x, y != y
	switch {
	case xn && yn:
		return 0
	case xn:
		return 1
	case yn:
		return -1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
