package expr

import (
	"fmt"
	"math"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Arith is a binary arithmetic operator on integers or floats whose operands are first cast
// to the result type: + - * / % as Spark's Add, Subtract, Multiply, Divide (for the
// non-decimal cases it reaches), Remainder, plus "div" (integral division, a bigint result)
// and "pmod" (the positive modulus). Under ANSI mode overflow and division by zero fail with
// Spark's errors; otherwise integers wrap and division by zero gives NULL, as in Spark.
// Decimal operands go to NewDecimalArith.
type Arith struct {
	Op          string
	Left, Right Expr
	Type        arrow.DataType
	ANSI        bool
	SQL         string // the expression's text, for error messages
}

// NewArith is l op r with the Spark result type t: decimals go to NewDecimalArith, integers
// and floats to Arith.
func NewArith(op string, l, r Expr, t types.DataType, ansi bool) (Expr, error) {
	if dt, ok := t.(types.DecimalType); ok {
		return NewDecimalArith(op, l, r, dt, ansi)
	}
	switch op {
	case "+", "-", "*", "/", "%", "div", "pmod":
	default:
		return nil, sparkerror.InternalError("unknown arithmetic operator %q", op)
	}
	if op == "div" {
		if isDecimal(l.DataType()) || isDecimal(r.DataType()) {
			return NewIntegralDivide(l, r, ansi)
		}
	}
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	switch at.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.FLOAT32, arrow.FLOAT64:
	case arrow.INTERVAL_MONTHS, arrow.DURATION:
		if op == "+" || op == "-" {
			return &funcExpr{name: op, args: []Expr{l, r}, t: at, k: intervalAddK(op, at), fails: true, strict: true}, nil
		}
		return nil, sparkerror.NotImplemented("arithmetic on " + t.SQL())
	default:
		return nil, sparkerror.NotImplemented("arithmetic on " + t.SQL())
	}
	return &Arith{Op: op, Left: l, Right: r, Type: at, ANSI: ansi}, nil
}

func isDecimal(t arrow.DataType) bool { return t.ID() == arrow.DECIMAL128 }

func (a *Arith) DataType() arrow.DataType { return a.Type }
func (a *Arith) String() string {
	if a.SQL != "" {
		return a.SQL
	}
	return "(" + a.Left.String() + " " + a.Op + " " + a.Right.String() + ")"
}
func (a *Arith) children() []Expr { return []Expr{a.Left, a.Right} }
func (a *Arith) mayFail() bool {
	if anyMayFail(a.Left, a.Right) {
		return true
	}
	switch a.Type.ID() {
	case arrow.FLOAT32, arrow.FLOAT64:
		return a.ANSI && (a.Op == "/" || a.Op == "%" || a.Op == "div" || a.Op == "pmod")
	}
	return a.ANSI
}

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
	n := int(b.NumRows())
	if isNullType(l) || isNullType(r) {
		return nullArray(a.Type, n), nil
	}
	valid := andValidity(l, r)
	switch a.Type.ID() {
	case arrow.INT8:
		return arithInts[int8](a, l, r, valid)
	case arrow.INT16:
		return arithInts[int16](a, l, r, valid)
	case arrow.INT32:
		return arithInts[int32](a, l, r, valid)
	case arrow.INT64:
		return arithInts[int64](a, l, r, valid)
	case arrow.FLOAT32:
		return arithFloats[float32](a, l, r, valid)
	case arrow.FLOAT64:
		return arithFloats[float64](a, l, r, valid)
	}
	return nil, sparkerror.NotImplemented("arithmetic on " + a.Type.String())
}

type sintLike interface {
	~int8 | ~int16 | ~int32 | ~int64
}

func arithInts[T sintLike](a *Arith, l, r arrow.Array, valid words) (arrow.Array, error) {
	x, y := fixedValues[T](l), fixedValues[T](r)
	n := len(x)
	out := make([]T, n)
	var ovf bool
	switch a.Op {
	case "+":
		var acc T
		for i := range out {
			s := x[i] + y[i]
			out[i] = s
			acc |= (x[i] ^ s) & (y[i] ^ s)
		}
		ovf = acc < 0
	case "-":
		var acc T
		for i := range out {
			d := x[i] - y[i]
			out[i] = d
			acc |= (x[i] ^ y[i]) & (x[i] ^ d)
		}
		ovf = acc < 0
	case "*":
		for i := range out {
			out[i] = x[i] * y[i]
		}
		if a.ANSI {
			for i := range out {
				if mulOverflows(x[i], y[i]) {
					ovf = true
					break
				}
			}
		}
	case "/", "%", "div", "pmod":
		var zero bool
		for i := range out {
			d := y[i]
			if d == 0 {
				zero = true
				continue
			}
			switch a.Op {
			case "/", "div":
				out[i] = x[i] / d
				if d == -1 && x[i] == minOf[T]() {
					ovf = true
				}
			case "%":
				out[i] = x[i] % d
			default:
				m := x[i] % d
				if m < 0 {
					m = (m + d) % d
				}
				out[i] = m
			}
		}
		if zero {
			if valid == nil {
				valid = allOnes(n)
			}
			for i, d := range y {
				if d == 0 && valid.get(i) {
					if a.ANSI {
						return nil, divByZero(a.Op)
					}
					valid.clear(i)
				}
			}
		}
		if ovf && (a.Op == "div" || a.Op == "/") && a.ANSI && isInt64[T]() {
			for i := range out {
				if y[i] == -1 && x[i] == minOf[T]() && (valid == nil || valid.get(i)) {
					return nil, arithmeticOverflow("Overflow in integral divide", "try_divide")
				}
			}
		}
		ovf = false
	default:
		return nil, sparkerror.InternalError("unknown arithmetic operator %q", a.Op)
	}
	if ovf && a.ANSI {
		// Find the first overflowing row that is not null.
		for i := range out {
			if valid != nil && !valid.get(i) {
				continue
			}
			if overflowsAt(a.Op, x[i], y[i]) {
				return nil, intOverflow[T](a.Op, x[i], y[i])
			}
		}
	}
	return newFixed(a.Type, out, valid), nil
}

func isInt64[T sintLike]() bool {
	var z T
	_, ok := any(z).(int64)
	return ok
}

func minOf[T sintLike]() T {
	var z T
	var m int64 = math.MinInt64
	switch any(z).(type) {
	case int8:
		m = math.MinInt8
	case int16:
		m = math.MinInt16
	case int32:
		m = math.MinInt32
	}
	return T(m)
}

func overflowsAt[T sintLike](op string, x, y T) bool {
	switch op {
	case "+":
		s := x + y
		return (x^s)&(y^s) < 0
	case "-":
		d := x - y
		return (x^y)&(x^d) < 0
	case "*":
		return mulOverflows(x, y)
	}
	return false
}

func mulOverflows[T sintLike](x, y T) bool {
	if _, ok := any(x).(int64); ok {
		a, b := int64(x), int64(y)
		if a == 0 || b == 0 {
			return false
		}
		if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
			return true
		}
		return (a*b)/b != a
	}
	p := int64(x) * int64(y)
	return p != int64(T(p))
}

// intOverflow is Spark's error for integer overflow: ARITHMETIC_OVERFLOW for int and bigint,
// BINARY_ARITHMETIC_OVERFLOW for tinyint and smallint (computed in int and range-checked).
func intOverflow[T sintLike](op string, x, y T) error {
	try := map[string]string{"+": "try_add", "-": "try_subtract", "*": "try_multiply"}[op]
	var z T
	switch any(z).(type) {
	case int8, int16:
		return sparkerror.New(sparkerror.Arithmetic, "BINARY_ARITHMETIC_OVERFLOW", "22003",
			"<value1> <symbol> <value2> caused overflow. Use <functionName> to ignore overflow problem and return NULL.",
			map[string]string{"value1": strconv.FormatInt(int64(x), 10) + "S", "symbol": op,
				"value2": strconv.FormatInt(int64(y), 10) + "S", "functionName": "`" + try + "`"})
	case int32:
		return arithmeticOverflow("integer overflow", try)
	}
	return arithmeticOverflow("long overflow", try)
}

// arithmeticOverflow is ARITHMETIC_OVERFLOW; try names the try_ function to suggest ("" for
// none).
func arithmeticOverflow(message, try string) error {
	alt := ""
	if try != "" {
		alt = " Use '" + try + "' to tolerate overflow and return NULL instead."
	}
	return sparkerror.New(sparkerror.Arithmetic, "ARITHMETIC_OVERFLOW", "22003",
		"<message>.<alternative> If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"message": message, "alternative": alt, "config": `"spark.sql.ansi.enabled"`})
}

func divideByZero() error {
	return sparkerror.New(sparkerror.Arithmetic, "DIVIDE_BY_ZERO", "22012",
		"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"config": `"spark.sql.ansi.enabled"`})
}

func remainderByZero() error {
	return sparkerror.New(sparkerror.Arithmetic, "REMAINDER_BY_ZERO", "22012",
		"Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"config": `"spark.sql.ansi.enabled"`})
}

// divByZero is the error of a zero divisor for the operator.
func divByZero(op string) error {
	if op == "%" || op == "pmod" {
		return remainderByZero()
	}
	return divideByZero()
}

func arithFloats[T floatLike](a *Arith, l, r arrow.Array, valid words) (arrow.Array, error) {
	x, y := fixedValues[T](l), fixedValues[T](r)
	n := len(x)
	out := make([]T, n)
	switch a.Op {
	case "+":
		for i := range out {
			out[i] = x[i] + y[i]
		}
	case "-":
		for i := range out {
			out[i] = x[i] - y[i]
		}
	case "*":
		for i := range out {
			out[i] = x[i] * y[i]
		}
	case "/", "%", "pmod", "div":
		for i := range out {
			d := y[i]
			if d == 0 {
				if valid == nil {
					valid = allOnes(n)
				}
				if valid.get(i) {
					if a.ANSI {
						return nil, divByZero(a.Op)
					}
					valid.clear(i)
				}
				continue
			}
			switch a.Op {
			case "/":
				out[i] = x[i] / d
			case "div":
				out[i] = T(math.Trunc(float64(x[i]) / float64(d)))
			case "%":
				out[i] = T(math.Mod(float64(x[i]), float64(d)))
			default:
				m := T(math.Mod(float64(x[i]), float64(d)))
				if m < 0 {
					m = T(math.Mod(float64(m+d), float64(d)))
				}
				out[i] = m
			}
		}
	default:
		return nil, sparkerror.InternalError("unknown arithmetic operator %q", a.Op)
	}
	return newFixed(a.Type, out, valid), nil
}

// Negate is unary minus.
type Negate struct {
	Child Expr
	ANSI  bool
	SQL   string
}

// NewNegate is -x for integers, floats, decimals and intervals.
func NewNegate(x Expr, ansi bool) (Expr, error) { return &Negate{Child: x, ANSI: ansi}, nil }

func (n *Negate) DataType() arrow.DataType { return n.Child.DataType() }
func (n *Negate) String() string {
	if n.SQL != "" {
		return n.SQL
	}
	return "(- " + n.Child.String() + ")"
}
func (n *Negate) children() []Expr { return []Expr{n.Child} }
func (n *Negate) mayFail() bool {
	return n.ANSI || isIntervalArrow(n.Child.DataType()) || mayFail(n.Child)
}
func (n *Negate) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	x, err := n.Child.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	valid := validity(x)
	switch x.DataType().ID() {
	case arrow.INT8:
		return negInts[int8](x, valid, n.ANSI, "byte overflow")
	case arrow.INT16:
		return negInts[int16](x, valid, n.ANSI, "short overflow")
	case arrow.INT32:
		return negInts[int32](x, valid, n.ANSI, "integer overflow")
	case arrow.INT64:
		return negInts[int64](x, valid, n.ANSI, "long overflow")
	case arrow.INTERVAL_MONTHS:
		return negIntervals[int32](x, valid)
	case arrow.DURATION:
		return negIntervals[int64](x, valid)
	case arrow.FLOAT32:
		return mapFixed(x, valid, func(v float32) float32 { return -v }), nil
	case arrow.FLOAT64:
		return mapFixed(x, valid, func(v float64) float64 { return -v }), nil
	case arrow.DECIMAL128:
		return negDecimal(x, valid), nil
	case arrow.NULL:
		x.Retain()
		return x, nil
	}
	return nil, sparkerror.NotImplemented("negation of " + x.DataType().String())
}

func negInts[T sintLike](x arrow.Array, valid words, ansi bool, msg string) (arrow.Array, error) {
	v := fixedValues[T](x)
	out := make([]T, len(v))
	lo := minOf[T]()
	for i, e := range v {
		if e == lo && ansi && (valid == nil || valid.get(i)) {
			return nil, arithmeticOverflow(msg, "")
		}
		out[i] = -e
	}
	return newFixed(x.DataType(), out, valid), nil
}

// negIntervals negates ANSI intervals: overflow is INTERVAL_ARITHMETIC_OVERFLOW in both
// modes.
func negIntervals[T sintLike](x arrow.Array, valid words) (arrow.Array, error) {
	v := fixedValues[T](x)
	out := make([]T, len(v))
	lo := minOf[T]()
	for i, e := range v {
		if e == lo && (valid == nil || valid.get(i)) {
			return nil, intervalOverflow("")
		}
		out[i] = -e
	}
	return newFixed(x.DataType(), out, valid), nil
}

// mapFixed applies f to every value of a fixed-width array, keeping its validity.
func mapFixed[T, U arrow.FixedWidthType](x arrow.Array, valid words, f func(T) U) arrow.Array {
	return mapFixedTo(x, x.DataType(), valid, f)
}

func mapFixedTo[T, U arrow.FixedWidthType](x arrow.Array, dt arrow.DataType, valid words, f func(T) U) arrow.Array {
	v := fixedValues[T](x)
	out := make([]U, len(v))
	for i, e := range v {
		out[i] = f(e)
	}
	return newFixed(dt, out, valid)
}

// evalAs evaluates e and casts the numeric result to t.
func evalAs(e Expr, b arrow.RecordBatch, t arrow.DataType) (arrow.Array, error) {
	arr, err := e.Eval(b)
	if err != nil {
		return nil, err
	}
	if arrow.TypeEqual(arr.DataType(), t) || isNullType(arr) {
		return arr, nil
	}
	defer arr.Release()
	return castNumeric(arr, t)
}

// castNumeric converts a numeric (or null) array to the numeric type t with Go's (Java's
// widening) conversions: the type switches run once per column, the loops are typed.
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

// Cast converts a numeric column to another numeric Arrow type with Go's conversions; the
// physical planner uses it to conform client data to a schema. Spark's CAST is NewCast.
type Cast struct {
	Child Expr
	To    arrow.DataType
}

func (c *Cast) DataType() arrow.DataType { return c.To }
func (c *Cast) String() string           { return "CAST(" + c.Child.String() + " AS " + c.To.String() + ")" }
func (c *Cast) children() []Expr         { return []Expr{c.Child} }
func (c *Cast) mayFail() bool            { return true }
func (c *Cast) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	arr, err := evalAs(c.Child, b, c.To)
	if err != nil {
		return nil, sparkerror.NotImplemented("cast to " + c.To.String())
	}
	return arr, nil
}
