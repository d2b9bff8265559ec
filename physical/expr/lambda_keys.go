package expr

import (
	"encoding/binary"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

// lamKeyEncoder appends a byte encoding of element i of the array it was built for, equal for
// equal map keys: floats are normalized (-0.0 is 0.0, NaNs are one value), nested values
// are encoded field by field with NULL markers and lengths.
type lamKeyEncoder func(dst []byte, i int) []byte

func newLamKeyEncoder(t types.DataType, a arrow.Array) lamKeyEncoder {
	valid := validity(a)
	inner := lamKeyValueEncoder(t, a)
	return func(dst []byte, i int) []byte {
		if valid != nil && !valid.get(i) {
			return append(dst, 0)
		}
		return inner(append(dst, 1), i)
	}
}

func lamKeyValueEncoder(t types.DataType, a arrow.Array) lamKeyEncoder {
	if isNullType(a) {
		return func(dst []byte, _ int) []byte { return dst }
	}
	switch t := t.(type) {
	case types.UserDefinedType:
		return lamKeyValueEncoder(t.SQLType, a)
	case types.FloatType:
		v := fixedValues[float32](a)
		return func(dst []byte, i int) []byte {
			x := v[i]
			if x == 0 {
				x = 0
			} else if x != x {
				x = float32(math.NaN())
			}
			return binary.LittleEndian.AppendUint32(dst, math.Float32bits(x))
		}
	case types.DoubleType:
		v := fixedValues[float64](a)
		return func(dst []byte, i int) []byte {
			x := v[i]
			if x == 0 {
				x = 0
			} else if x != x {
				x = math.NaN()
			}
			return binary.LittleEndian.AppendUint64(dst, math.Float64bits(x))
		}
	case types.ArrayType:
		l := viewLamList(a)
		child := newLamKeyEncoder(t.ElementType, l.values)
		return func(dst []byte, i int) []byte {
			dst = binary.LittleEndian.AppendUint32(dst, uint32(l.offs[i+1]-l.offs[i]))
			for k := l.offs[i]; k < l.offs[i+1]; k++ {
				dst = child(dst, int(k))
			}
			return dst
		}
	case *types.StructType:
		s, ok := a.(*array.Struct)
		if !ok {
			break
		}
		fields := make([]lamKeyEncoder, len(t.Fields))
		for k, f := range t.Fields {
			fields[k] = newLamKeyEncoder(f.DataType, s.Field(k))
		}
		return func(dst []byte, i int) []byte {
			for _, f := range fields {
				dst = f(dst, i)
			}
			return dst
		}
	}
	switch a.DataType().ID() {
	case arrow.BOOL:
		w := boolWords(a)
		return func(dst []byte, i int) []byte {
			if w.get(i) {
				return append(dst, 1)
			}
			return append(dst, 0)
		}
	case arrow.STRING, arrow.BINARY:
		v := viewVar(a)
		return func(dst []byte, i int) []byte {
			s := v.at(i)
			return append(binary.LittleEndian.AppendUint32(dst, uint32(len(s))), s...)
		}
	}
	if fw, ok := a.DataType().(arrow.FixedWidthDataType); ok {
		switch fw.BitWidth() {
		case 8:
			v := fixedValues[int8](a)
			return func(dst []byte, i int) []byte { return append(dst, byte(v[i])) }
		case 16:
			v := fixedValues[int16](a)
			return func(dst []byte, i int) []byte { return binary.LittleEndian.AppendUint16(dst, uint16(v[i])) }
		case 32:
			v := fixedValues[int32](a)
			return func(dst []byte, i int) []byte { return binary.LittleEndian.AppendUint32(dst, uint32(v[i])) }
		case 64:
			v := fixedValues[int64](a)
			return func(dst []byte, i int) []byte { return binary.LittleEndian.AppendUint64(dst, uint64(v[i])) }
		case 128:
			v := fixedValues[decimal128.Num](a)
			return func(dst []byte, i int) []byte {
				dst = binary.LittleEndian.AppendUint64(dst, v[i].LowBits())
				return binary.LittleEndian.AppendUint64(dst, uint64(v[i].HighBits()))
			}
		}
	}
	// Unknown layouts: every value is distinct.
	return func(dst []byte, i int) []byte { return binary.LittleEndian.AppendUint64(dst, uint64(i)) }
}

// lamKeyText renders element i as Spark prints a value in DUPLICATED_MAP_KEY and
// COMPARATOR_RETURNS_NULL: atoms as text, structs and arrays as [a,b].
func lamKeyText(t types.DataType, a arrow.Array, i int) string {
	if a.IsNull(i) || isNullType(a) {
		return "null"
	}
	switch t := t.(type) {
	case types.ArrayType:
		l := viewLamList(a)
		out := "["
		for k := l.offs[i]; k < l.offs[i+1]; k++ {
			if k > l.offs[i] {
				out += ","
			}
			out += lamKeyText(t.ElementType, l.values, int(k))
		}
		return out + "]"
	case *types.StructType:
		s, ok := a.(*array.Struct)
		if !ok {
			break
		}
		out := "["
		for k, f := range t.Fields {
			if k > 0 {
				out += ","
			}
			out += lamKeyText(f.DataType, s.Field(k), i)
		}
		return out + "]"
	}
	f, err := stringer(t, a, true, time.UTC)
	if err != nil {
		return ""
	}
	return string(f(nil, i))
}
