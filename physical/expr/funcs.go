package expr

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// FuncOptions are the session settings a scalar function may depend on.
type FuncOptions struct {
	ANSI     bool
	TimeZone *time.Location
	// binaryStyle is spark.sql.binaryOutputStyle for the variants of to_csv, to_xml and
	// from_xml that bind it (binary_style.go).
	binaryStyle binaryStyle
	// timePolicy is spark.sql.legacy.timeParserPolicy for the variants of the functions
	// that parse or format datetimes with a pattern (datefmt_policy.go).
	timePolicy timePolicy
}

// ScalarFunc builds the expression of a function call: args are the (already coerced)
// arguments, argTypes their Spark types, result the result type the analyzer chose.
type ScalarFunc func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error)

var registry = map[string]ScalarFunc{}

func register(f ScalarFunc, names ...string) {
	for _, n := range names {
		registry[n] = f
	}
}

// Lookup finds a scalar function by name (case-insensitive). The expressions it builds
// keep the call, so that Encode can ship them (encode.go).
func Lookup(name string) (ScalarFunc, bool) {
	key := strings.ToLower(name)
	f, ok := registry[key]
	if !ok {
		return nil, false
	}
	return func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		d := &callDesc{name: key, args: append([]Expr(nil), args...), argTypes: append([]types.DataType(nil), argTypes...),
			result: result, opts: opts}
		e, err := f(args, argTypes, result, opts)
		if err != nil {
			return nil, err
		}
		return recordCall(e, d), nil
	}, true
}

// FunctionNames lists the functions Lookup knows, sorted.
func FunctionNames() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// kernel computes a function over its evaluated arguments (n rows). Kernels of
// null-intolerant functions never see a Null-typed argument: funcExpr answers NULL first.
type kernel func(args []arrow.Array, n int) (arrow.Array, error)

// funcExpr is a function call evaluated by a kernel.
type funcExpr struct {
	name   string
	args   []Expr
	t      arrow.DataType
	k      kernel
	fails  bool // the kernel itself can raise an error
	strict bool // NULL in any argument gives NULL
}

func newFunc(name string, args []Expr, result types.DataType, fails bool, k kernel) (Expr, error) {
	t, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	return &funcExpr{name: name, args: args, t: t, k: k, fails: fails, strict: true}, nil
}

func (f *funcExpr) DataType() arrow.DataType { return f.t }
func (f *funcExpr) String() string {
	parts := make([]string, len(f.args))
	for i, a := range f.args {
		parts[i] = a.String()
	}
	return f.name + "(" + strings.Join(parts, ", ") + ")"
}
func (f *funcExpr) children() []Expr { return f.args }
func (f *funcExpr) mayFail() bool    { return f.fails || anyMayFail(f.args...) }

func (f *funcExpr) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	args, err := evalAll(b, f.args...)
	if err != nil {
		return nil, err
	}
	defer releaseAll(args)
	n := int(b.NumRows())
	if f.strict {
		for _, a := range args {
			if isNullType(a) {
				return nullArray(f.t, n), nil
			}
		}
	}
	return f.k(args, n)
}

func arity(name string, args []Expr, lo, hi int) error {
	if len(args) < lo || len(args) > hi {
		return sparkerror.InternalError("%s takes %d to %d arguments, not %d", name, lo, hi, len(args))
	}
	return nil
}

// mapK applies f to every value of a fixed-width argument.
func mapK[T, U arrow.FixedWidthType](t arrow.DataType, f func(T) U) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		return mapFixedTo(a[0], t, validity(a[0]), f), nil
	}
}

// zipK applies f to two fixed-width arguments.
func zipK[T1, T2, U arrow.FixedWidthType](t arrow.DataType, f func(T1, T2) U) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		x, y := fixedValues[T1](a[0]), fixedValues[T2](a[1])
		out := make([]U, n)
		for i := range out {
			out[i] = f(x[i], y[i])
		}
		return newFixed(t, out, andValidity(a...)), nil
	}
}

// nullableZipK is zipK for functions that may give NULL on non-null input (ok false).
func nullableZipK[T1, T2, U arrow.FixedWidthType](t arrow.DataType, f func(T1, T2) (U, bool)) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		x, y := fixedValues[T1](a[0]), fixedValues[T2](a[1])
		valid := andValidity(a...)
		out := make([]U, n)
		for i := range out {
			v, ok := f(x[i], y[i])
			if !ok {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
				continue
			}
			out[i] = v
		}
		return newFixed(t, out, valid), nil
	}
}

// nullableMapK is mapK for functions that may give NULL on non-null input.
func nullableMapK[T, U arrow.FixedWidthType](t arrow.DataType, f func(T) (U, bool)) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		x := fixedValues[T](a[0])
		valid := validity(a[0])
		out := make([]U, n)
		for i := range out {
			v, ok := f(x[i])
			if !ok {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
				continue
			}
			out[i] = v
		}
		return newFixed(t, out, valid), nil
	}
}

func init() {
	// Conditionals and predicates.
	register(func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		return NewCoalesce(args, result)
	}, "coalesce")
	register(func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("nvl", args, 2, 2); err != nil {
			return nil, err
		}
		return NewNvl(args[0], args[1], result)
	}, "nvl", "ifnull")
	register(func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("nvl2", args, 3, 3); err != nil {
			return nil, err
		}
		return NewNvl2(args[0], args[1], args[2], result)
	}, "nvl2")
	register(func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("if", args, 3, 3); err != nil {
			return nil, err
		}
		return NewIf(args[0], args[1], args[2], result)
	}, "if")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("nullif", args, 2, 2); err != nil {
			return nil, err
		}
		return NewNullIf(args[0], args[1])
	}, "nullif")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("isnull", args, 1, 1); err != nil {
			return nil, err
		}
		return NewIsNull(args[0])
	}, "isnull")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("isnotnull", args, 1, 1); err != nil {
			return nil, err
		}
		return NewIsNotNull(args[0])
	}, "isnotnull")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("isnan", args, 1, 1); err != nil {
			return nil, err
		}
		return NewIsNaN(args[0])
	}, "isnan")

	// Arithmetic as functions.
	arithFn := func(op string) ScalarFunc {
		return func(args []Expr, _ []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
			if err := arity(op, args, 2, 2); err != nil {
				return nil, err
			}
			return NewArith(op, args[0], args[1], result, opts.ANSI)
		}
	}
	register(arithFn("%"), "mod")
	register(arithFn("pmod"), "pmod")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("negative", args, 1, 1); err != nil {
			return nil, err
		}
		return NewNegate(args[0], opts.ANSI)
	}, "negative")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("positive", args, 1, 1); err != nil {
			return nil, err
		}
		return args[0], nil
	}, "positive")

	register(absFn, "abs")
	register(signFn, "sign", "signum")
	register(roundFn(roundHalfUp, "round"), "round")
	register(roundFn(roundHalfEven, "bround"), "bround")
	register(floorCeilFn(roundFloor, "floor"), "floor")
	register(floorCeilFn(roundCeiling, "ceil"), "ceil", "ceiling")
	register(doubleFn("sqrt", math.Sqrt), "sqrt")
	register(doubleFn("cbrt", fdCbrt), "cbrt")
	register(doubleFn("exp", fdExp), "exp")
	register(doubleFn("expm1", math.Expm1), "expm1")
	register(logFn("ln", 0, fdLog), "ln")
	register(logFn("log10", 0, fdLog10), "log10")
	register(logFn("log2", 0, func(x float64) float64 { return fdLog(x) / fdLog(2) }), "log2")
	register(logFn("log1p", -1, math.Log1p), "log1p")
	register(logBaseFn, "log")
	register(powFn, "pow", "power")
	register(greatestLeast(GT, "greatest"), "greatest")
	register(greatestLeast(LT, "least"), "least")
	register(doubleFn("sin", javaSin), "sin")
	register(doubleFn("cos", javaCos), "cos")
	register(doubleFn("tan", javaTan), "tan")
	register(doubleFn("asin", fdAsin), "asin")
	register(doubleFn("acos", fdAcos), "acos")
	register(doubleFn("atan", fdAtan), "atan")
	register(doubleFn("degrees", func(x float64) float64 { return x * (180 / math.Pi) }), "degrees")
	register(doubleFn("radians", func(x float64) float64 { return x * (math.Pi / 180) }), "radians") // Math.toRadians
}

// doubleFn is a function of one double.
func doubleFn(name string, f func(float64) float64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Double, false, mapK(arrow.PrimitiveTypes.Float64, f))
	}
}

// logFn is Spark's UnaryLogExpression: NULL at or below the asymptote.
func logFn(name string, asymptote float64, f func(float64) float64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Double, false, nullableMapK(arrow.PrimitiveTypes.Float64,
			func(x float64) (float64, bool) {
				if x <= asymptote {
					return 0, false
				}
				return f(x), true
			}))
	}
}

// logBaseFn is log(x) (natural) or log(base, x), NULL when either is <= 0.
func logBaseFn(args []Expr, at []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
	if len(args) == 1 {
		return logFn("ln", 0, fdLog)(args, at, rt, o)
	}
	if err := arity("log", args, 1, 2); err != nil {
		return nil, err
	}
	return newFunc("log", args, types.Double, false, nullableZipK(arrow.PrimitiveTypes.Float64,
		func(base, x float64) (float64, bool) {
			if base <= 0 || x <= 0 {
				return 0, false
			}
			return fdLog(x) / fdLog(base), true
		}))
}

func powFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("pow", args, 2, 2); err != nil {
		return nil, err
	}
	return newFunc("pow", args, types.Double, false, zipK(arrow.PrimitiveTypes.Float64, fdPow))
}

func absFn(args []Expr, argTypes []types.DataType, _ types.DataType, opts FuncOptions) (Expr, error) {
	if err := arity("abs", args, 1, 1); err != nil {
		return nil, err
	}
	t := args[0].DataType()
	ansi := opts.ANSI
	var k kernel
	switch t.ID() {
	case arrow.INT8:
		k = absInts[int8](t, ansi, "byte overflow")
	case arrow.INT16:
		k = absInts[int16](t, ansi, "short overflow")
	case arrow.INT32, arrow.INTERVAL_MONTHS:
		k = absInts[int32](t, ansi || t.ID() == arrow.INTERVAL_MONTHS, "integer overflow")
	case arrow.INT64, arrow.DURATION:
		k = absInts[int64](t, ansi || t.ID() == arrow.DURATION, "long overflow")
	case arrow.FLOAT32:
		k = mapK(t, func(x float32) float32 { return float32(math.Abs(float64(x))) })
	case arrow.FLOAT64:
		k = mapK(t, math.Abs)
	case arrow.DECIMAL128:
		k = mapK(t, func(x decimal128.Num) decimal128.Num { return x.Abs() })
	default:
		return nil, sparkerror.NotImplemented("abs of " + t.String())
	}
	return &funcExpr{name: "abs", args: args, t: t, k: k, fails: ansi, strict: true}, nil
}

func absInts[T sintLike](t arrow.DataType, ansi bool, msg string) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		v := fixedValues[T](a[0])
		valid := validity(a[0])
		out := make([]T, n)
		lo := minOf[T]()
		for i, x := range v {
			if x < 0 {
				if x == lo && ansi && (valid == nil || valid.get(i)) {
					return nil, arithmeticOverflow(msg, "")
				}
				x = -x
			}
			out[i] = x
		}
		return newFixed(t, out, valid), nil
	}
}

func signFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("sign", args, 1, 1); err != nil {
		return nil, err
	}
	f64 := arrow.PrimitiveTypes.Float64
	switch args[0].DataType().ID() {
	case arrow.INTERVAL_MONTHS: // signum of an interval: of its months or microseconds
		return newFunc("sign", args, types.Double, false, mapK(f64, func(x int32) float64 { return float64(cmpInt(x, 0)) }))
	case arrow.DURATION:
		return newFunc("sign", args, types.Double, false, mapK(f64, func(x int64) float64 { return float64(cmpInt(x, 0)) }))
	}
	return newFunc("sign", args, types.Double, false, mapK(f64, func(x float64) float64 {
		switch {
		case x > 0:
			return 1
		case x < 0:
			return -1
		}
		return x // 0, -0.0 and NaN are their own signum
	}))
}

func cmpInt[T int32 | int64](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// literalInt reads a constant integer argument (round's scale).
func literalInt(e Expr) (int, bool, error) {
	lit, ok := e.(*Literal)
	if !ok {
		return 0, false, sparkerror.NotImplemented("a non-constant scale")
	}
	v, err := lit.scalar()
	if err != nil || v == nil {
		return 0, v == nil, err
	}
	x, ok := asInt64(v)
	if !ok {
		return 0, false, sparkerror.InternalError("scale of type %T", v)
	}
	return int(x), false, nil
}

// roundFn is round / bround (HALF_UP / HALF_EVEN) with an optional constant scale.
func roundFn(mode roundMode, name string) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		scale := 0
		if len(args) == 2 {
			s, isNull, err := literalInt(args[1])
			if err != nil {
				return nil, err
			}
			if isNull {
				return NewLiteral(result, nil)
			}
			scale = s
		}
		x := args[0]
		t := x.DataType()
		var k kernel
		switch t.ID() {
		case arrow.INT8:
			k = roundInts[int8](t, scale, mode, opts.ANSI)
		case arrow.INT16:
			k = roundInts[int16](t, scale, mode, opts.ANSI)
		case arrow.INT32:
			k = roundInts[int32](t, scale, mode, opts.ANSI)
		case arrow.INT64:
			k = roundInts[int64](t, scale, mode, opts.ANSI)
		case arrow.FLOAT64:
			k = mapK(t, func(v float64) float64 { return roundDouble(v, scale, mode, 64) })
		case arrow.FLOAT32:
			k = mapK(t, func(v float32) float32 { return float32(roundDouble(float64(v), scale, mode, 32)) })
		case arrow.DECIMAL128:
			dt, ok := result.(types.DecimalType)
			if !ok {
				return nil, sparkerror.InternalError("round of a decimal to %s", result.SQL())
			}
			from := int(t.(*arrow.Decimal128Type).Scale)
			k = func(a []arrow.Array, n int) (arrow.Array, error) {
				v := fixedValues[decimal128.Num](a[0])
				valid := validity(a[0])
				out := make([]decimal128.Num, n)
				for i, d := range v {
					if valid != nil && !valid.get(i) {
						continue
					}
					m, neg := magOf(d)
					var r decimal128.Num
					ok := true
					if scale >= 0 {
						r, ok = rescaleNum(d, from, dt.Scale, dt.Precision, mode)
					} else {
						q := m.roundDiv(neg, from-scale, mode)
						var o bool
						if q, o = q.mulPow10(-scale - dt.Scale); o || !q.fits(dt.Precision) {
							ok = false
						}
						r = q.num(neg)
					}
					if !ok {
						if valid == nil {
							valid = allOnes(n)
						}
						valid.clear(i)
						continue
					}
					out[i] = r
				}
				return decimalResult(dt, out, valid), nil
			}
		default:
			return nil, sparkerror.NotImplemented(name + " of " + t.String())
		}
		rt, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		return &funcExpr{name: name, args: args[:1], t: rt, k: k, fails: opts.ANSI && scale < 0, strict: true}, nil
	}
}

// roundInts rounds integers to a negative scale; BigDecimal.toInt (wrapping) or, under ANSI,
// toIntExact (ARITHMETIC_OVERFLOW "Overflow").
func roundInts[T sintLike](t arrow.DataType, scale int, mode roundMode, ansi bool) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		v := fixedValues[T](a[0])
		valid := validity(a[0])
		out := make([]T, n)
		if scale >= 0 {
			copy(out, v)
			return newFixed(t, out, valid), nil
		}
		for i, x := range v {
			m, neg := magOf(decimal128.FromI64(int64(x)))
			q := m.roundDiv(neg, -scale, mode)
			q, o := q.mulPow10(-scale)
			r := q.num(neg)
			wide := int64(r.LowBits())
			if ansi && (valid == nil || valid.get(i)) && (o || !(r.HighBits() == 0 && r.LowBits() < 1<<63 || r.HighBits() == -1 && r.LowBits() >= 1<<63) || int64(T(wide)) != wide) {
				return nil, arithmeticOverflow("Overflow", "")
			}
			out[i] = T(wide)
		}
		return newFixed(t, out, valid), nil
	}
}

// roundDouble is BigDecimal(d).setScale(scale, mode).toDouble (toFloat for bits 32),
// BigDecimal(d) being the decimal of Double.toString(d).
func roundDouble(d float64, scale int, mode roundMode, bits int) float64 {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return d
	}
	p, _ := parseBigDecimal([]byte(format.JavaDoubleString(d)))
	x := p.toScaleMode(scale, mode)
	f, _ := strconv.ParseFloat(string(appendPlainBig(nil, x, scale)), bits)
	return f
}

// floorCeilFn is floor / ceil of one argument: doubles give bigints (Math.floor then a
// saturating conversion), decimals decimal(p-s+1, 0), integers themselves.
func floorCeilFn(mode roundMode, name string) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if len(args) == 2 {
			return roundFn(mode, name)(args, argTypes, result, opts)
		}
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		t := args[0].DataType()
		rt, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		var k kernel
		switch t.ID() {
		case arrow.FLOAT64, arrow.FLOAT32:
			fl := math.Floor
			if mode == roundCeiling {
				fl = math.Ceil
			}
			if t.ID() == arrow.FLOAT32 {
				k = mapK(rt, func(x float32) int64 { return javaD2L(fl(float64(x))) })
			} else {
				k = mapK(rt, func(x float64) int64 { return javaD2L(fl(x)) })
			}
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
			k = func(a []arrow.Array, n int) (arrow.Array, error) {
				return newFixed(rt, readInts(a[0]), validity(a[0])), nil
			}
		case arrow.DECIMAL128:
			dt, ok := result.(types.DecimalType)
			if !ok {
				return nil, sparkerror.InternalError("%s of a decimal to %s", name, result.SQL())
			}
			from := int(t.(*arrow.Decimal128Type).Scale)
			k = func(a []arrow.Array, n int) (arrow.Array, error) {
				v := fixedValues[decimal128.Num](a[0])
				out := make([]decimal128.Num, n)
				for i, d := range v {
					r, _ := rescaleNum(d, from, 0, 38, mode)
					out[i] = r
				}
				return decimalResult(dt, out, validity(a[0])), nil
			}
		default:
			return nil, sparkerror.NotImplemented(name + " of " + t.String())
		}
		return &funcExpr{name: name, args: args, t: rt, k: k, strict: true}, nil
	}
}

// greatestLeast is greatest / least: the largest (smallest) non-null argument under Spark's
// ordering; NULL only when all are NULL.
func greatestLeast(op CompareOp, name string) ScalarFunc {
	return func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if len(args) < 2 {
			return nil, sparkerror.InternalError("%s needs at least two arguments", name)
		}
		t, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		cmpf, err := newRowCmp(t)
		if err != nil {
			return nil, err
		}
		k := func(a []arrow.Array, n int) (arrow.Array, error) {
			src := make([]int32, n)
			idx := make([]int32, n)
			for i := range idx {
				idx[i] = -1
			}
			vals := make([]words, len(a))
			for j, x := range a {
				vals[j] = validity(x)
			}
			cmps := make([][]rowCmp, len(a))
			for j := range a {
				cmps[j] = make([]rowCmp, len(a))
			}
			for i := 0; i < n; i++ {
				best := -1
				for j, x := range a {
					if isNullType(x) || (vals[j] != nil && !vals[j].get(i)) {
						continue
					}
					if best < 0 {
						best = j
						continue
					}
					if cmps[j][best] == nil {
						cmps[j][best] = cmpf(x, a[best])
					}
					c := cmps[j][best](i, i)
					if (op == GT && c > 0) || (op == LT && c < 0) {
						best = j
					}
				}
				if best >= 0 {
					src[i], idx[i] = int32(best), int32(i)
				}
			}
			return gather(t, a, src, idx)
		}
		return &funcExpr{name: name, args: args, t: t, k: k}, nil
	}
}
