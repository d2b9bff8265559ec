package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Math, bitwise, random and try_* arithmetic functions, and assert_true / raise_error.

func registerMathFunctions() {
	double := coercion.Exact(types.Double)
	integer := coercion.Exact(types.Integer)
	long := coercion.Exact(types.Long)

	for _, name := range []string{"cbrt", "sin", "cos", "tan", "asin", "acos", "atan", "degrees", "radians",
		"expm1", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "sec", "csc", "cot", "rint", "sqrt", "exp"} {
		registerSig(sig{counts: []int{1}, want: []coercion.Expected{double}, req: []string{reqDouble}, result: constType(types.Double),
			display: mathDisplay(name)}, name)
	}
	for _, name := range []string{"log10", "log2", "log1p"} {
		registerSig(sig{counts: []int{1}, want: []coercion.Expected{double}, req: []string{reqDouble}, result: constType(types.Double), null: alwaysNull,
			display: mathDisplay(name)}, name)
	}
	for _, name := range []string{"atan2", "hypot", "pow", "power"} {
		registerSig(sig{fn: map[string]string{"power": "pow"}[name], counts: []int{2}, want: []coercion.Expected{double}, req: []string{reqDouble},
			result: constType(types.Double), display: mathDisplay(name)}, name)
	}
	for _, name := range []string{"pi", "e"} {
		registerSig(sig{counts: []int{0}, result: constType(types.Double), display: mathDisplay(name)}, name)
	}
	register(ScalarFunction, resolveSignum, "sign", "signum")

	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x := args
		if isNullTypeOf(args[0]) {
			x = []plan.Expr{castTo(args[0], types.Long)}
		} else if !coercion.OneOf(coercion.AnyIntegral, coercion.AnyBoolean).Accepts(plan.TypeOf(args[0])) {
			return nil, unexpectedInputType(callText(name, args), 0, `("INTEGRAL" or "BOOLEAN")`, args[0])
		}
		return &plan.Call{Fn: "bit_count", Args: x, Type: types.Integer, Null: anyNull(x), Display: name}, nil
	}, "bit_count")
	registerSig(sig{fn: "bit_get", counts: []int{2}, want: []coercion.Expected{coercion.AnyIntegral, integer}, req: []string{`"INTEGRAL"`, reqInt},
		result: constType(types.Byte)}, "bit_get", "getbit")
	register(ScalarFunction, resolveWidthBucket, "width_bucket")
	registerSig(sig{counts: []int{3}, want: []coercion.Expected{coercion.AnyString, integer, integer}, req: []string{reqString, reqInt, reqInt},
		result: constType(types.String), null: alwaysNull, ansi: true}, "conv")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{long}, req: []string{reqLong}, result: constType(types.String)}, "bin")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{coercion.OneOf(double, coercion.Exact(types.Float))},
		req: []string{`("DOUBLE" or "FLOAT")`}, result: firstArgType, null: alwaysNull}, "nanvl")

	register(ScalarFunction, resolveRand, "rand", "random", "randn")
	register(ScalarFunction, resolveUniform, "uniform")
	register(ScalarFunction, resolveRandStr, "randstr")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0, 1); err != nil {
			return nil, err
		}
		if len(args) == 1 {
			// uuid(seed): Spark keeps the seed out of the expression's children, so the
			// column is still named uuid().
			if err := randomSeedLiteral("UUID", args[0]); err != nil {
				return nil, err
			}
			return &plan.Call{Fn: "uuid", Args: args, Type: types.String, Display: name + "()", Form: plan.FormBare}, nil
		}
		return &plan.Call{Fn: "uuid", Type: types.String, Display: name}, nil
	}, "uuid")

	register(ScalarFunction, resolveTryArithmetic, "try_add", "try_subtract", "try_multiply", "try_divide", "try_mod")

	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args[:1], []coercion.Expected{coercion.AnyBoolean}, []string{`"BOOLEAN"`})
		if err != nil {
			return nil, err
		}
		msg := args[1:]
		if len(msg) == 0 {
			text := "'" + args[0].String() + "' is not true!"
			msg = []plan.Expr{stringLit(text)}
		}
		m, err := a.implicit(name, msg, []coercion.Expected{coercion.AnyString}, []string{reqString})
		if err != nil {
			return nil, err
		}
		return bareCall(a.raiseErrorFn("assert_true"), []plan.Expr{x[0], m[0]}, types.Null, true, callText(name, []plan.Expr{args[0], msg[0]})), nil
	}, "assert_true")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyString}, []string{reqString})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: a.raiseErrorFn("raise_error"), Args: x, Type: types.Null, Null: true, Display: name}, nil
	}, "raise_error")
}

// resolveWidthBucket is width_bucket(value, min, max, n): doubles, or intervals of one kind.
func resolveWidthBucket(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 4); err != nil {
		return nil, err
	}
	v := coercion.OneOf(coercion.Exact(types.Double), coercion.AnyYearMonthInterval, coercion.AnyDayTimeInterval)
	req := `("DOUBLE" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`
	x, err := a.implicit(name, args, []coercion.Expected{v, v, v, coercion.Exact(types.Long)}, []string{req, req, req, reqLong})
	if err != nil {
		return nil, err
	}
	kind := func(t types.DataType) int {
		switch t.(type) {
		case types.YearMonthIntervalType:
			return 1
		case types.DayTimeIntervalType:
			return 2
		}
		return 0
	}
	k0 := kind(plan.TypeOf(x[0]))
	for _, e := range x[1:3] {
		if kind(plan.TypeOf(e)) != k0 {
			return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
				map[string]string{"sqlExpr": `"` + callText(name, args) + `"`, "functionName": "`width_bucket`",
					"dataType": sqlType(plan.TypeOf(x[0])) + ", " + sqlType(plan.TypeOf(x[1])) + ", " + sqlType(plan.TypeOf(x[2]))})
		}
	}
	return &plan.Call{Fn: "width_bucket", Args: x, Type: types.Long, Null: true, Display: name}, nil
}

// seedArg checks a random seed: a constant INT or BIGINT (or NULL).
func seedArg(name string, args []plan.Expr, i int, inputName string) error {
	e := args[i]
	switch plan.TypeOf(e).(type) {
	case types.IntegerType, types.LongType, types.NullType:
	default:
		return unexpectedInputType(callText(name, args), i, `("INT" or "BIGINT")`, e)
	}
	if !isFoldable(e) {
		return nonFoldable(callText(name, args), inputName, "integer or floating-point", e)
	}
	return nil
}

// resolveRand is rand / random / randn([seed]); without a seed the name is rand().
func resolveRand(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 1 {
		if err := seedArg(name, args, 0, "seed"); err != nil {
			return nil, err
		}
	}
	fn := "rand"
	if name == "randn" {
		fn = "randn"
	}
	if len(args) == 0 {
		return bareCall(fn, []plan.Expr{a.hiddenSeed(f)}, types.Double, false, name+"()"), nil
	}
	return &plan.Call{Fn: fn, Args: args, Type: types.Double, Display: name}, nil
}

// resolveUniform is uniform(min, max[, seed]): numbers, constant; the result type is the
// wider of min and max (integrals the wider integral, any floating point the floating type).
func resolveUniform(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	for i, e := range args[:2] {
		t := plan.TypeOf(e)
		if _, isNull := t.(types.NullType); !isNull && !coercion.AnyNumeric.Accepts(t) {
			return nil, unexpectedInputType(callText(name, args), i, reqNumeric, e)
		}
	}
	if len(args) == 3 {
		if err := seedArg(name, args, 2, "seed"); err != nil {
			return nil, err
		}
	}
	for i, in := range []string{"min", "max"} {
		if !isFoldable(args[i]) {
			return nil, nonFoldable(callText(name, args), in, "integer or floating-point", args[i])
		}
	}
	// NULL bounds are DOUBLE (NumericType's default) and give a NULL result.
	x := append([]plan.Expr(nil), args...)
	null := false
	for i := range x[:2] {
		if isNullTypeOf(x[i]) {
			x[i], null = castTo(x[i], types.Double), true
		}
	}
	l, r := plan.TypeOf(x[0]), plan.TypeOf(x[1])
	var t types.DataType
	switch {
	case coercion.AnyIntegral.Accepts(l) && coercion.AnyIntegral.Accepts(r):
		t = l
		if integralRank(r) > integralRank(l) {
			t = r
		}
	case isType[types.DoubleType](l) || isType[types.DoubleType](r):
		t = types.Double
	case isType[types.FloatType](l) || isType[types.FloatType](r):
		t = types.Float
	default:
		ld, lok := l.(types.DecimalType)
		rd, rok := r.(types.DecimalType)
		switch {
		case lok && rok:
			t = rd
			if ld.Precision-ld.Scale >= rd.Precision-rd.Scale && ld.Scale >= rd.Scale {
				t = ld
			}
		case rok:
			t = rd
		default:
			t = ld
		}
	}
	if null {
		return &plan.Literal{Type: t, Text: callText(name, args)}, nil
	}
	if len(args) == 2 {
		return bareCall("uniform", append(args[:2:2], a.hiddenSeed(f)), t, false, callText(name, args)), nil
	}
	return &plan.Call{Fn: "uniform", Args: args, Type: t, Display: name}, nil
}

func isType[T types.DataType](t types.DataType) bool { _, ok := t.(T); return ok }

func integralRank(t types.DataType) int {
	switch t.(type) {
	case types.ByteType:
		return 1
	case types.ShortType:
		return 2
	case types.IntegerType:
		return 3
	case types.LongType:
		return 4
	}
	return 0
}

// resolveRandStr is randstr(length[, seed]): a constant SMALLINT or INT length.
func resolveRandStr(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	// Spark casts any numeric length (and NULL, which counts as 0) to INT
	// (TypeCoercionHelper's rule for RandStr).
	switch plan.TypeOf(args[0]).(type) {
	case types.IntegerType, types.ShortType, types.ByteType, types.LongType, types.FloatType, types.DoubleType,
		types.DecimalType, types.NullType:
	default:
		return nil, unexpectedInputType(callText(name, args), 0, reqInt, args[0])
	}
	if len(args) == 2 {
		if err := seedArg(name, args, 1, "seed"); err != nil {
			return nil, err
		}
	}
	if !isFoldable(args[0]) {
		return nil, nonFoldable(callText(name, args), "length", "integer", args[0])
	}
	x := append([]plan.Expr{castTo(args[0], types.Integer)}, args[1:]...)
	if len(x) == 1 {
		x = append(x, a.hiddenSeed(f))
	}
	return bareCall("randstr", x, types.String, false, callText(name, args)), nil
}

// resolveTryArithmetic is try_add / try_subtract / try_multiply / try_divide / try_mod: the
// operator's resolution (ANSI), NULL where it would fail. Numeric operations run in TRY
// mode; datetime and interval ones are wrapped in TryEval (their arguments' errors
// included), as Spark does.
func resolveTryArithmetic(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	op := map[string]string{"try_add": "+", "try_subtract": "-", "try_multiply": "*", "try_divide": "/", "try_mod": "%"}[name]
	r, err := resolveArithmetic(a, op, args, f)
	if err != nil {
		return nil, err
	}
	text := callText(name, args)
	c, ok := r.(*plan.Call)
	if !ok {
		return bareCall("try_eval", []plan.Expr{r}, plan.TypeOf(r), true, text), nil
	}
	c.ANSI = true
	// The datetime rewrites stand for + and -; say which (the physical layer does not know).
	dir := "_plus_"
	if op == "-" {
		dir = "_minus_"
	}
	switch c.Fn {
	case "timestamp_add_interval", "date_add_ym_interval", "timestamp_add_ym_interval":
		c.Fn = strings.Replace(c.Fn, "_add_", dir, 1)
	case "date_add":
		for _, e := range c.Args {
			if _, ok := plan.TypeOf(e).(types.DayTimeIntervalType); ok {
				c.Fn = "date" + dir + "days"
			}
		}
	}
	switch c.Fn {
	case "+", "-", "*", "/", "%":
		if coercion.AnyNumeric.Accepts(plan.TypeOf(c.Args[0])) && coercion.AnyNumeric.Accepts(plan.TypeOf(c.Args[1])) {
			return bareCall(name, c.Args, c.Type, true, text), nil
		}
	}
	return bareCall("try_eval", []plan.Expr{c}, c.Type, true, text), nil
}

func registerBitwiseFunctions() {
	// & | ^: both operands take their common integral type.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		t, ok := a.coerce.WiderType(plan.TypeOf(args[0]), plan.TypeOf(args[1]))
		if !ok {
			return nil, binaryDiffTypes(name, args)
		}
		if _, isNull := t.(types.NullType); isNull {
			t = types.Integer
		}
		if !coercion.AnyIntegral.Accepts(t) {
			return nil, analysisError("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input type <inputType>, not <actualDataType>.",
				map[string]string{"sqlExpr": `"(` + args[0].String() + " " + name + " " + args[1].String() + `)"`, "inputType": `"INTEGRAL"`, "actualDataType": sqlType(t)})
		}
		x := []plan.Expr{castTo(args[0], t), castTo(args[1], t)}
		return &plan.Call{Fn: name, Args: x, Type: t, Null: anyNull(x), Form: plan.FormInfix, Display: name}, nil
	}, "&", "|", "^")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyIntegral}, []string{`"INTEGRAL"`})
		if err != nil {
			return nil, err
		}
		return bareCall("~", x, plan.TypeOf(x[0]), anyNull(x), "~"+args[0].String()), nil
	}, "~")
	for name, fn := range map[string]string{"shiftleft": "shiftleft", "shiftright": "shiftright", "shiftrightunsigned": "shiftrightunsigned",
		"<<": "shiftleft", ">>": "shiftright", ">>>": "shiftrightunsigned"} {
		register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			if err := arity(name, args, 2); err != nil {
				return nil, err
			}
			want := []coercion.Expected{coercion.OneOf(coercion.Exact(types.Integer), coercion.Exact(types.Long)), coercion.Exact(types.Integer)}
			x, err := a.implicit(name, args, want, []string{`("INT" or "BIGINT")`, reqInt})
			if err != nil {
				return nil, err
			}
			c := &plan.Call{Fn: fn, Args: x, Type: plan.TypeOf(x[0]), Null: anyNull(x), Display: name}
			if name == "<<" || name == ">>" || name == ">>>" {
				c.Form = plan.FormInfix
			}
			return c, nil
		}, name)
	}
	// nullifzero(x) is Spark's NullIf(x, 0): NULL where x equals 0, else x with x's type;
	// zeroifnull(x) is Nvl(x, 0), typed as coalesce types it.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		text := callText(name, args)
		if name == "zeroifnull" {
			r, err := a.call("nvl", []plan.Expr{args[0], intLit(0)}, nil)
			if err != nil {
				return nil, err
			}
			if c, ok := r.(*plan.Call); ok {
				c.Form, c.Display = plan.FormBare, text
			}
			return r, nil
		}
		cmp, err := a.call("=", []plan.Expr{args[0], intLit(0)}, nil)
		if err != nil {
			return nil, err
		}
		t := plan.TypeOf(args[0])
		return bareCall("if", []plan.Expr{cmp, &plan.Literal{Type: t}, args[0]}, t, true, text), nil
	}, "nullifzero", "zeroifnull")
	// make_interval / try_make_interval / make_dt_interval / make_ym_interval with Spark's
	// defaults (which show in names).
	secs := &plan.Literal{Type: types.DecimalType{Precision: 18, Scale: 6}, Value: plan.Decimal{Digits: "0", Scale: 6}, Text: "0.000000"}
	integer := coercion.Exact(types.Integer)
	dec := coercion.Exact(types.DecimalType{Precision: 18, Scale: 6})
	registerSig(sig{counts: []int{0, 1, 2, 3, 4, 5, 6, 7}, want: []coercion.Expected{integer, integer, integer, integer, integer, integer, dec},
		req: []string{reqInt, reqInt, reqInt, reqInt, reqInt, reqInt, `"DECIMAL(18,6)"`}, result: constType(types.CalendarInterval),
		defaults: []plan.Expr{intLit(0), intLit(0), intLit(0), intLit(0), intLit(0), intLit(0), secs}, minArgs: 0,
		null: func(x []plan.Expr) bool { return true }, ansi: true}, "make_interval")
	registerSig(sig{counts: []int{0, 1, 2, 3, 4}, want: []coercion.Expected{integer, integer, integer, dec},
		req: []string{reqInt, reqInt, reqInt, `"DECIMAL(18,6)"`}, result: constType(types.DefaultDayTimeInterval),
		defaults: []plan.Expr{intLit(0), intLit(0), intLit(0), secs}, minArgs: 0}, "make_dt_interval")
	registerSig(sig{counts: []int{0, 1, 2}, want: []coercion.Expected{integer}, req: []string{reqInt}, result: constType(types.DefaultYearMonthInterval),
		defaults: []plan.Expr{intLit(0), intLit(0)}, minArgs: 0}, "make_ym_interval")
}

func init() {
	// try_make_interval: make_interval with NULL instead of an overflow error.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		r, err := a.call("make_interval", args, f)
		if err != nil {
			return nil, err
		}
		c := r.(*plan.Call)
		return bareCall("try_eval", []plan.Expr{c}, c.Type, true, callText(name, c.Args)), nil
	}, "try_make_interval")
}

// resolveRoundCeilFloor is ceil(x, scale) / floor(x, scale) (Spark's RoundCeil and
// RoundFloor): scale a constant INT that is not NULL, x implicitly a decimal, the result a
// decimal with one more integral digit (ceil(9.9, 0) is 10) and min(s, scale) fractional
// digits, or scale 0 and at least 1-scale digits for a negative scale.
func (a *analyzer) resolveRoundCeilFloor(name string, args []plan.Expr) (plan.Expr, error) {
	scale := args[1]
	_, isInt := plan.TypeOf(scale).(types.IntegerType)
	v, ok, _ := foldInt(scale)
	if !isInt || !isFoldable(scale) || !ok {
		return nil, analysisError("NON_FOLDABLE_ARGUMENT", "42K08",
			"The function <funcName> requires the parameter <paramName> to be a foldable expression of the type <paramType>, but the actual argument is a non-foldable.",
			map[string]string{"funcName": quoteID(name), "paramName": "`scale`", "paramType": `"INT"`})
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyDecimal, coercion.Exact(types.Integer)}, []string{`"DECIMAL"`, reqInt})
	if err != nil {
		return nil, err
	}
	d, isDec := plan.TypeOf(x[0]).(types.DecimalType)
	if !isDec {
		return nil, unexpectedInputType(callText(name, args), 0, `"DECIMAL"`, args[0])
	}
	integral := d.Precision - d.Scale + 1
	var t types.DecimalType
	if v < 0 {
		t = types.DecimalType{Precision: min(max(integral, int(-v)+1), types.MaxDecimalPrecision), Scale: 0}
	} else {
		s := min(d.Scale, int(v))
		t = types.DecimalType{Precision: min(integral+s, types.MaxDecimalPrecision), Scale: s}
	}
	fn := "floor"
	if name != "floor" {
		fn = "ceil"
	}
	return &plan.Call{Fn: fn, Args: x, Type: t, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
}

// mathDisplayNames are the names Spark's math expressions print (their prettyName: the
// upper-case name UnaryMathExpression, BinaryMathExpression and LeafMathExpression are
// given) when called by a name the function registry does not tag as an alias. The
// aliases (pow, sign, ceiling; FunctionRegistry's setAlias) and the expressions that name
// themselves in lower case (ln, rint, ceil/floor with a scale) print as called.
var mathDisplayNames = map[string]string{
	"acos": "ACOS", "asin": "ASIN", "atan": "ATAN", "cbrt": "CBRT", "ceil": "CEIL", "cos": "COS",
	"sec": "SEC", "cosh": "COSH", "acosh": "ACOSH", "exp": "EXP", "expm1": "EXPM1", "floor": "FLOOR",
	"log2": "LOG2", "log10": "LOG10", "log1p": "LOG1P", "signum": "SIGNUM", "sin": "SIN", "csc": "CSC",
	"sinh": "SINH", "asinh": "ASINH", "sqrt": "SQRT", "tan": "TAN", "cot": "COT", "tanh": "TANH",
	"atanh": "ATANH", "degrees": "DEGREES", "radians": "RADIANS", "atan2": "ATAN2", "power": "POWER",
	"hypot": "HYPOT", "log": "LOG", "e": "E", "pi": "PI",
}

// mathDisplay is the name a math function called as name prints in column names.
func mathDisplay(name string) string {
	if d, ok := mathDisplayNames[name]; ok {
		return d
	}
	return name
}

// resolveSignum is sign/signum(x) of a DOUBLE or an ANSI interval (Spark's Signum), a DOUBLE.
func resolveSignum(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	display := mathDisplay(name)
	x, err := a.implicit(display, args, []coercion.Expected{coercion.OneOf(coercion.Exact(types.Double), coercion.AnyYearMonthInterval,
		coercion.AnyDayTimeInterval)}, []string{`("DOUBLE" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: "sign", Args: x, Type: types.Double, Null: anyNull(x), Display: display}, nil
}
