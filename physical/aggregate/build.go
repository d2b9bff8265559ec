package aggregate

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// extend grows s to n elements with zero values.
func extend[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	if n <= cap(s) {
		s = s[:n]
		return s
	}
	out := make([]T, n, max(n, 2*cap(s)))
	copy(out, s)
	return out
}

// fillExtend grows s to n elements, new ones set to v.
func fillExtend[T any](s []T, n int, v T) []T {
	old := len(s)
	s = extend(s, n)
	for i := old; i < n; i++ {
		s[i] = v
	}
	return s
}

// bitmapOf turns per-value flags into a validity bitmap (nil when all are set).
func bitmapOf(has []bool) ([]byte, int) {
	nulls := 0
	for _, h := range has {
		if !h {
			nulls++
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	bm := newBitmap(len(has))
	for i, h := range has {
		if h {
			bitutil.SetBit(bm, i)
		}
	}
	return bm, nulls
}

// makeFixed builds a fixed-width array of dt over vals (shared, not copied).
func makeFixed[T any](dt arrow.DataType, vals []T, has []bool) arrow.Array {
	var valid []byte
	nulls := 0
	if has != nil {
		valid, nulls = bitmapOf(has[:len(vals)])
	}
	data := array.NewData(dt, len(vals), []*memory.Buffer{buf(valid), buf(asBytes(vals))}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// makeBool builds a boolean array.
func makeBool(vals []bool, has []bool) arrow.Array {
	bm := newBitmap(len(vals))
	for i, v := range vals {
		if v {
			bitutil.SetBit(bm, i)
		}
	}
	var valid []byte
	nulls := 0
	if has != nil {
		valid, nulls = bitmapOf(has[:len(vals)])
	}
	data := array.NewData(arrow.FixedWidthTypes.Boolean, len(vals), []*memory.Buffer{buf(valid), buf(bm)}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// makeList wraps values (already ordered by group) in a list array with the given
// per-group offsets; has (nil = all valid) marks NULL lists.
func makeList(lt arrow.DataType, offsets []int32, values arrow.Array, has []bool) arrow.Array {
	n := len(offsets) - 1
	var valid []byte
	nulls := 0
	if has != nil {
		valid, nulls = bitmapOf(has[:n])
	}
	data := array.NewData(lt, n, []*memory.Buffer{buf(valid), buf(asBytes(offsets))},
		[]arrow.ArrayData{values.Data()}, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// numericValues reads a numeric (or decimal) array as float64s into scratch.
func numericValues(arr arrow.Array, scratch []float64) []float64 {
	n := arr.Len()
	out := resize(scratch, n)
	switch arr.DataType().ID() {
	case arrow.INT8:
		for i, v := range fixedValues[int8](arr) {
			out[i] = float64(v)
		}
	case arrow.INT16:
		for i, v := range fixedValues[int16](arr) {
			out[i] = float64(v)
		}
	case arrow.INT32:
		for i, v := range fixedValues[int32](arr) {
			out[i] = float64(v)
		}
	case arrow.INT64:
		for i, v := range fixedValues[int64](arr) {
			out[i] = float64(v)
		}
	case arrow.FLOAT32:
		for i, v := range fixedValues[float32](arr) {
			out[i] = float64(v)
		}
	case arrow.FLOAT64:
		copy(out, fixedValues[float64](arr))
	case arrow.DECIMAL128:
		scale := arr.DataType().(*arrow.Decimal128Type).Scale
		for i, v := range fixedValues[decimal128.Num](arr) {
			out[i] = v.ToFloat64(scale)
		}
	}
	return out
}

// overflowError is Spark's ARITHMETIC_OVERFLOW with a try_ function suggestion.
func overflowError(message, tryFn string) error {
	alt := ""
	if tryFn != "" {
		alt = fmt.Sprintf(" Use '%s' to tolerate overflow and return NULL instead.", tryFn)
	}
	return sparkerror.New(sparkerror.Arithmetic, "ARITHMETIC_OVERFLOW", "22003",
		"<message>.<alternative> If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"message": message, "alternative": alt, "config": `"spark.sql.ansi.enabled"`})
}

// internalType reports an argument of a type the accumulator was not resolved for.
func internalType(fn string, dt arrow.DataType) error {
	return sparkerror.InternalError("aggregate %s: unexpected argument type %s", fn, dt)
}
