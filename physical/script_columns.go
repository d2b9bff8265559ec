package physical

import (
	"math/big"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
)

// This file holds the typed column builders of a script transformation's output: each
// parses a field the way Spark's BaseScriptTransformationExec does without a SerDe
// (Java's parsers: Integer.parseInt, Double.parseDouble, new BigDecimal, StringOps
// .toBoolean), and a field that does not parse is NULL.

// scriptColumn accumulates one output column.
type scriptColumn interface {
	append(field []byte) error
	appendNull()
	// finish returns the column built so far and starts a new one.
	finish() arrow.Array
	release()
}

// scriptParsable reports whether the operator parses columns of type t itself.
func scriptParsable(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.BINARY, arrow.LARGE_BINARY, arrow.BOOL,
		arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.FLOAT32, arrow.FLOAT64, arrow.DECIMAL128:
		return true
	}
	return false
}

func newScriptColumn(t arrow.DataType, ansi bool) scriptColumn {
	mem := memory.DefaultAllocator
	switch t.ID() {
	case arrow.STRING:
		b := array.NewStringBuilder(mem)
		return &bytesColumn{b: b, app: b.BinaryBuilder}
	case arrow.LARGE_STRING:
		b := array.NewLargeStringBuilder(mem)
		return &bytesColumn{b: b, app: b.BinaryBuilder}
	case arrow.BINARY, arrow.LARGE_BINARY:
		b := array.NewBinaryBuilder(mem, t.(arrow.BinaryDataType))
		return &bytesColumn{b: b, app: b}
	case arrow.BOOL:
		return &boolColumn{b: array.NewBooleanBuilder(mem)}
	case arrow.INT8:
		return &intColumn[int8]{b: array.NewInt8Builder(mem), bits: 8}
	case arrow.INT16:
		return &intColumn[int16]{b: array.NewInt16Builder(mem), bits: 16}
	case arrow.INT32:
		return &intColumn[int32]{b: array.NewInt32Builder(mem), bits: 32}
	case arrow.INT64:
		return &intColumn[int64]{b: array.NewInt64Builder(mem), bits: 64}
	case arrow.FLOAT32:
		return &float32Column{b: array.NewFloat32Builder(mem)}
	case arrow.FLOAT64:
		return &float64Column{b: array.NewFloat64Builder(mem)}
	case arrow.DECIMAL128:
		dt := t.(*arrow.Decimal128Type)
		return &decimalColumn{b: array.NewDecimal128Builder(mem, dt), precision: int(dt.Precision), scale: int(dt.Scale), ansi: ansi}
	}
	panic("script transformation: unchecked output type " + t.String()) // NewScriptTransform checks
}

// bytesColumn is a STRING or BINARY column: the field as it is.
type bytesColumn struct {
	b   array.Builder
	app *array.BinaryBuilder // b's byte appender
}

func (c *bytesColumn) append(f []byte) error { c.app.Append(f); return nil }
func (c *bytesColumn) appendNull()           { c.b.AppendNull() }
func (c *bytesColumn) finish() arrow.Array   { return c.b.NewArray() }
func (c *bytesColumn) release()              { c.b.Release() }

// boolColumn is StringOps.toBoolean: true or false in any case.
type boolColumn struct{ b *array.BooleanBuilder }

func (c *boolColumn) append(f []byte) error {
	if v, ok := textdata.ParseJavaBool(f); ok {
		c.b.Append(v)
	} else {
		c.b.AppendNull()
	}
	return nil
}
func (c *boolColumn) appendNull()         { c.b.AppendNull() }
func (c *boolColumn) finish() arrow.Array { return c.b.NewArray() }
func (c *boolColumn) release()            { c.b.Release() }

type intBuilder[T int8 | int16 | int32 | int64] interface {
	Append(T)
	AppendNull()
	NewArray() arrow.Array
	Release()
}

// intColumn is Byte/Short/Integer/Long.parseXxx: a sign and ASCII digits, in range.
type intColumn[T int8 | int16 | int32 | int64] struct {
	b    intBuilder[T]
	bits int
}

func (c *intColumn[T]) append(f []byte) error {
	if v, ok := textdata.ParseJavaInt(f, c.bits); ok {
		c.b.Append(T(v))
	} else {
		c.b.AppendNull()
	}
	return nil
}
func (c *intColumn[T]) appendNull()         { c.b.AppendNull() }
func (c *intColumn[T]) finish() arrow.Array { return c.b.NewArray() }
func (c *intColumn[T]) release()            { c.b.Release() }

// float32Column is Float.parseFloat.
type float32Column struct{ b *array.Float32Builder }

func (c *float32Column) append(f []byte) error {
	if v, ok := textdata.ParseJavaDouble(f, 32); ok {
		c.b.Append(float32(v))
	} else {
		c.b.AppendNull()
	}
	return nil
}
func (c *float32Column) appendNull()         { c.b.AppendNull() }
func (c *float32Column) finish() arrow.Array { return c.b.NewArray() }
func (c *float32Column) release()            { c.b.Release() }

// float64Column is Double.parseDouble.
type float64Column struct{ b *array.Float64Builder }

func (c *float64Column) append(f []byte) error {
	if v, ok := textdata.ParseJavaDouble(f, 64); ok {
		c.b.Append(v)
	} else {
		c.b.AppendNull()
	}
	return nil
}
func (c *float64Column) appendNull()         { c.b.AppendNull() }
func (c *float64Column) finish() arrow.Array { return c.b.NewArray() }
func (c *float64Column) release()            { c.b.Release() }

// decimalColumn is new BigDecimal(field) rounded HALF_UP to the column's scale (Spark's
// Decimal.toPrecision); a value with too many digits for the precision is NULL, or under
// ANSI mode NUMERIC_VALUE_OUT_OF_RANGE.
type decimalColumn struct {
	b                *array.Decimal128Builder
	precision, scale int
	ansi             bool
}

func (c *decimalColumn) appendNull()         { c.b.AppendNull() }
func (c *decimalColumn) finish() arrow.Array { return c.b.NewArray() }
func (c *decimalColumn) release()            { c.b.Release() }

func (c *decimalColumn) append(f []byte) error {
	v, ok, fits := c.fast(f)
	if !ok {
		var d textdata.BigDecimal
		if d, ok = textdata.ParseBigDecimal(f); !ok {
			c.b.AppendNull()
			return nil
		}
		v, fits = c.rescaleBig(d)
	}
	if fits {
		c.b.Append(v)
		return nil
	}
	if c.ansi {
		return sparkerror.New(sparkerror.Arithmetic, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "22003",
			"<value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> to \"false\" to bypass this error, and return NULL instead.",
			map[string]string{"value": string(f), "precision": strconv.Itoa(c.precision),
				"scale": strconv.Itoa(c.scale), "config": `"spark.sql.ansi.enabled"`})
	}
	c.b.AppendNull()
	return nil
}

var pow10u64 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return
}()

// fast handles a plain [sign] digits [. digits] of at most 18 significant digits whose
// rescaled value fits in 18 digits, without allocating; ok is false for anything else
// (which the big path handles, or rejects).
func (c *decimalColumn) fast(f []byte) (v decimal128.Num, ok, fits bool) {
	i := 0
	neg := false
	if i < len(f) && (f[i] == '+' || f[i] == '-') {
		neg = f[i] == '-'
		i++
	}
	var u uint64
	digits, sig, frac := 0, 0, 0
	point := false
	for ; i < len(f); i++ {
		ch := f[i]
		switch {
		case ch >= '0' && ch <= '9':
			digits++
			if point {
				frac++
			}
			if u == 0 && ch == '0' {
				continue
			}
			sig++
			if sig > 18 {
				return v, false, false
			}
			u = u*10 + uint64(ch-'0')
		case ch == '.' && !point:
			point = true
		default:
			return v, false, false
		}
	}
	if digits == 0 {
		return v, false, false
	}
	if shift := c.scale - frac; shift >= 0 {
		if shift > 18 || sig+shift > 18 {
			return v, false, false
		}
		u *= pow10u64[shift]
	} else {
		shift = -shift
		if shift > 19 {
			u = 0 // below half a unit of the last place
		} else {
			p := pow10u64[shift]
			q, r := u/p, u%p
			if r >= p-r { // r >= p/2, HALF_UP
				q++
			}
			u = q
		}
	}
	fits = c.precision >= 19 || u < pow10u64[c.precision]
	v = decimal128.FromU64(u)
	if neg {
		v = v.Negate()
	}
	return v, true, fits
}

// rescaleBig rounds d HALF_UP to the column's scale and checks its precision.
func (c *decimalColumn) rescaleBig(d textdata.BigDecimal) (decimal128.Num, bool) {
	x := new(big.Int).Set(d.Unscaled)
	if shift := c.scale - d.Scale; shift >= 0 {
		if shift > 2*38 {
			return decimal128.Num{}, x.Sign() == 0
		}
		x.Mul(x, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(shift)), nil))
	} else {
		shift = -shift
		if shift > x.BitLen()/3+2 {
			x.SetInt64(0) // well below half a unit of the last place
		} else {
			p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(shift)), nil)
			neg := x.Sign() < 0
			x.Abs(x)
			q, r := new(big.Int).QuoRem(x, p, new(big.Int))
			if r.Lsh(r, 1).Cmp(p) >= 0 {
				q.Add(q, big.NewInt(1))
			}
			if neg {
				q.Neg(q)
			}
			x = q
		}
	}
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(c.precision)), nil)
	if new(big.Int).Abs(x).Cmp(limit) >= 0 {
		return decimal128.Num{}, false
	}
	return decimal128.FromBigInt(x), true
}
