package expr

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Arith is a binary arithmetic operator (+ - * / %) whose operands are first cast to the
// result type. Under ANSI mode overflow and division by zero fail with Spark's errors;
// otherwise integers wrap and division by zero gives NULL, as in Spark.
type Arith struct {
	Op          string
	Left, Right Expr
	Type        arrow.DataType
	ANSI        bool
	SQL         string // the expression's text, for error messages
}

func (a *Arith) DataType() arrow.DataType { return a.Type }
func (a *Arith) String() string           { return a.SQL }

func (a *Arith) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	l, err := evalAs(a.Left, b, a.Type)
	if err != nil {
		return nil, err
	}
	defer l.Release()
	r, err := evalAs(a.Right, b, a.Type)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	switch a.Type.ID() {
	case arrow.INT8:
		return arith[int8](a, l.(*array.Int8).Int8Values(), r.(*array.Int8).Int8Values(), l, r, array.NewInt8Builder(memory.DefaultAllocator))
	case arrow.INT16:
		return arith[int16](a, l.(*array.Int16).Int16Values(), r.(*array.Int16).Int16Values(), l, r, array.NewInt16Builder(memory.DefaultAllocator))
	case arrow.INT32:
		return arith[int32](a, l.(*array.Int32).Int32Values(), r.(*array.Int32).Int32Values(), l, r, array.NewInt32Builder(memory.DefaultAllocator))
	case arrow.INT64:
		return arith[int64](a, l.(*array.Int64).Int64Values(), r.(*array.Int64).Int64Values(), l, r, array.NewInt64Builder(memory.DefaultAllocator))
	case arrow.FLOAT32:
		return arith[float32](a, l.(*array.Float32).Float32Values(), r.(*array.Float32).Float32Values(), l, r, array.NewFloat32Builder(memory.DefaultAllocator))
	case arrow.FLOAT64:
		return arith[float64](a, l.(*array.Float64).Float64Values(), r.(*array.Float64).Float64Values(), l, r, array.NewFloat64Builder(memory.DefaultAllocator))
	}
	return nil, sparkerror.NotImplemented("arithmetic on " + a.Type.String())
}

type numBuilder[T Number] interface {
	array.Builder
	UnsafeAppend(T)
	UnsafeAppendBoolToBitmap(bool)
}

func arith[T Number](a *Arith, lv, rv []T, l, r arrow.Array, bld numBuilder[T]) (arrow.Array, error) {
	defer bld.Release()
	n := len(lv)
	bld.Reserve(n)
	isInt, lo, hi := bounds[T]()
	// Only columns with nulls pay for the per-row validity check.
	checkNulls := l.NullN() > 0 || r.NullN() > 0
	for i := 0; i < n; i++ {
		if checkNulls && (l.IsNull(i) || r.IsNull(i)) {
			bld.UnsafeAppendBoolToBitmap(false)
			continue
		}
		x, y := lv[i], rv[i]
		var v T
		switch a.Op {
		case "+":
			v = x + y
			if isInt && ((y > 0 && v < x) || (y < 0 && v > x)) {
				if a.ANSI {
					return nil, overflow(a.SQL, "try_add")
				}
			}
		case "-":
			v = x - y
			if isInt && ((y > 0 && v > x) || (y < 0 && v < x)) {
				if a.ANSI {
					return nil, overflow(a.SQL, "try_subtract")
				}
			}
		case "*":
			v = x * y
			if isInt && a.ANSI && mulOverflows(int64(x), int64(y), lo, hi) {
				return nil, overflow(a.SQL, "try_multiply")
			}
		case "/", "%":
			if y == 0 {
				if a.ANSI {
					return nil, divideByZero(a.SQL)
				}
				bld.UnsafeAppendBoolToBitmap(false)
				continue
			}
			if a.Op == "/" {
				v = x / y
			} else if isInt {
				v = T(int64(x) % int64(y))
			} else {
				v = T(math.Mod(float64(x), float64(y)))
			}
		default:
			return nil, sparkerror.InternalError("unknown arithmetic operator %q", a.Op)
		}
		bld.UnsafeAppend(v)
	}
	return bld.NewArray(), nil
}

func mulOverflows(x, y int64, lo, hi float64) bool {
	if lo == math.MinInt64 {
		hiBits, loBits := bits.Mul64(uint64(abs(x)), uint64(abs(y)))
		if hiBits != 0 || loBits > math.MaxInt64 {
			neg := (x < 0) != (y < 0)
			return !(neg && hiBits == 0 && loBits == 1<<63)
		}
		return false
	}
	p := x * y // narrower types cannot overflow int64
	return float64(p) < lo || float64(p) > hi
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func overflow(sql, try string) error {
	return sparkerror.New(sparkerror.Arithmetic, "ARITHMETIC_OVERFLOW", "22003",
		"<message>. Use '<alternative>' to tolerate overflow and return NULL instead. If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"message": "integer overflow", "alternative": try, "config": `"spark.sql.ansi.enabled"`})
}

func divideByZero(sql string) error {
	return sparkerror.New(sparkerror.Arithmetic, "DIVIDE_BY_ZERO", "22012",
		"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"config": `"spark.sql.ansi.enabled"`})
}

// Negate is unary minus.
type Negate struct {
	Child Expr
	ANSI  bool
	SQL   string
}

func (n *Negate) DataType() arrow.DataType { return n.Child.DataType() }
func (n *Negate) String() string           { return n.SQL }
func (n *Negate) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	zero := &Literal{Type: n.Child.DataType(), Value: zeroOf(n.Child.DataType())}
	return (&Arith{Op: "-", Left: zero, Right: n.Child, Type: n.Child.DataType(), ANSI: n.ANSI, SQL: n.SQL}).Eval(b)
}

func zeroOf(t arrow.DataType) any {
	switch t.ID() {
	case arrow.INT8:
		return int8(0)
	case arrow.INT16:
		return int16(0)
	case arrow.INT32:
		return int32(0)
	case arrow.INT64:
		return int64(0)
	case arrow.FLOAT32:
		return float32(0)
	}
	return float64(0)
}

// evalAs evaluates e and casts the numeric result to t.
func evalAs(e Expr, b arrow.RecordBatch, t arrow.DataType) (arrow.Array, error) {
	arr, err := e.Eval(b)
	if err != nil {
		return nil, err
	}
	if arrow.TypeEqual(arr.DataType(), t) {
		return arr, nil
	}
	defer arr.Release()
	return castNumeric(arr, t)
}

// castNumeric converts a numeric (or null) array to the numeric type t: the type switches
// run once per column, the loops are typed.
func castNumeric(arr arrow.Array, t arrow.DataType) (arrow.Array, error) {
	mem := memory.DefaultAllocator
	switch t.ID() {
	case arrow.INT8:
		return build(arr, array.NewInt8Builder(mem), convertTo[int8])
	case arrow.INT16:
		return build(arr, array.NewInt16Builder(mem), convertTo[int16])
	case arrow.INT32:
		return build(arr, array.NewInt32Builder(mem), convertTo[int32])
	case arrow.INT64:
		return build(arr, array.NewInt64Builder(mem), convertTo[int64])
	case arrow.FLOAT32:
		return build(arr, array.NewFloat32Builder(mem), convertTo[float32])
	case arrow.FLOAT64:
		return build(arr, array.NewFloat64Builder(mem), convertTo[float64])
	}
	return nil, fmt.Errorf("cannot convert to %s", t)
}

type valuesBuilder[T Number] interface {
	array.Builder
	AppendValues([]T, []bool)
}

func build[T Number](arr arrow.Array, bld valuesBuilder[T], convert func(arrow.Array) ([]T, error)) (arrow.Array, error) {
	defer bld.Release()
	vals, err := convert(arr)
	if err != nil {
		return nil, err
	}
	var valid []bool
	if arr.NullN() > 0 {
		valid = make([]bool, arr.Len())
		// A Null array has no validity bitmap, so IsValid would call its slots valid.
		if arr.DataType().ID() != arrow.NULL {
			for i := range valid {
				valid[i] = arr.IsValid(i)
			}
		}
	}
	bld.AppendValues(vals, valid)
	return bld.NewArray(), nil
}

// convertTo reads a numeric array's values as T (null slots hold zero).
func convertTo[T Number](arr arrow.Array) ([]T, error) {
	out := make([]T, arr.Len())
	switch a := arr.(type) {
	case *array.Null:
	case *array.Int8:
		convertSlice(out, a.Int8Values())
	case *array.Int16:
		convertSlice(out, a.Int16Values())
	case *array.Int32:
		convertSlice(out, a.Int32Values())
	case *array.Int64:
		convertSlice(out, a.Int64Values())
	case *array.Float32:
		convertSlice(out, a.Float32Values())
	case *array.Float64:
		convertSlice(out, a.Float64Values())
	default:
		return nil, fmt.Errorf("not a numeric array: %s", arr.DataType())
	}
	return out, nil
}

func convertSlice[From, To Number](dst []To, src []From) {
	for i, v := range src {
		dst[i] = To(v)
	}
}

// Cast converts a numeric column to another numeric Arrow type.
type Cast struct {
	Child Expr
	To    arrow.DataType
}

func (c *Cast) DataType() arrow.DataType { return c.To }
func (c *Cast) String() string           { return "CAST(" + c.Child.String() + " AS " + c.To.String() + ")" }
func (c *Cast) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	arr, err := evalAs(c.Child, b, c.To)
	if err != nil {
		return nil, sparkerror.NotImplemented("cast to " + c.To.String())
	}
	return arr, nil
}
