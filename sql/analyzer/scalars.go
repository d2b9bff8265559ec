package analyzer

import (
	"math"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// fixedSignature registers a scalar function whose arguments are implicitly cast to
// expected types and whose result type follows from the (cast) arguments.
func fixedSignature(counts []int, want []coercion.Expected, required []string, result func(args []plan.Expr) types.DataType, names ...string) {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, counts...); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, want, required)
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: names[0], Args: x, Type: result(x), Null: anyNull(x), Display: name, ANSI: a.opts.ANSI}, nil
	}, names...)
}

func constType(t types.DataType) func([]plan.Expr) types.DataType {
	return func([]plan.Expr) types.DataType { return t }
}

func firstArgType(args []plan.Expr) types.DataType { return plan.TypeOf(args[0]) }

const (
	reqNumeric = `"NUMERIC"`
	reqString  = `"STRING"`
	reqInt     = `"INT"`
	reqDouble  = `"DOUBLE"`
)

func registerScalars() {
	registerCastAliases()
	registerStringFunctions()
	registerDatetimeFunctions()
	registerMathFunctions()
	registerBitwiseFunctions()
	registerNumberFormatFunctions()
	registerURLFunctions()
	str := coercion.AnyString
	num := coercion.AnyNumeric
	integer := coercion.Exact(types.Integer)
	double := coercion.Exact(types.Double)

	fixedSignature([]int{1}, []coercion.Expected{str}, []string{reqString}, constType(types.String), "upper", "ucase")
	fixedSignature([]int{1}, []coercion.Expected{str}, []string{reqString}, constType(types.String), "lower", "lcase")
	fixedSignature([]int{1}, []coercion.Expected{coercion.OneOf(str, coercion.AnyBinary)}, []string{`("STRING" or "BINARY")`}, constType(types.Integer), "length", "char_length", "character_length", "len")
	// substring(str, pos) is substring(str, pos, 2147483647), which its name shows.
	registerSig(sig{fn: "substring", counts: []int{2, 3}, want: []coercion.Expected{coercion.OneOf(str, coercion.AnyBinary), integer, integer},
		req: []string{`("STRING" or "BINARY")`, reqInt, reqInt}, result: firstArgType, defaults: []plan.Expr{intLit(math.MaxInt32)}, minArgs: 2}, "substring", "substr")
	// trim(str) is named trim(str); with characters, TRIM(BOTH chars FROM str) (LEADING for
	// ltrim, TRAILING for rtrim). The arguments are (str, chars), as TRIM(... FROM ...) lowers.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{str}, []string{reqString})
		if err != nil {
			return nil, err
		}
		c := &plan.Call{Fn: name, Args: x, Type: types.String, Null: anyNull(x), Display: name}
		if len(x) == 2 {
			dir := map[string]string{"trim": "BOTH", "ltrim": "LEADING", "rtrim": "TRAILING"}[name]
			c.Form, c.Display = plan.FormBare, "TRIM("+dir+" "+args[1].String()+" FROM "+args[0].String()+")"
		}
		return c, nil
	}, "trim", "ltrim", "rtrim")
	// abs of a number or an ANSI interval (Spark's NumericAndAnsiInterval), of its type.
	fixedSignature([]int{1}, []coercion.Expected{coercion.OneOf(num, coercion.AnyDayTimeInterval, coercion.AnyYearMonthInterval)},
		[]string{`("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH")`}, firstArgType, "abs")
	fixedSignature([]int{1}, []coercion.Expected{double}, []string{reqDouble}, constType(types.Double), "ln")
	fixedSignature([]int{1}, []coercion.Expected{coercion.OneOf(double, coercion.Exact(types.Float))}, []string{reqDouble}, constType(types.Boolean), "isnan")

	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		if len(args) == 1 {
			x, err := a.implicit(name, args, []coercion.Expected{double}, []string{reqDouble})
			if err != nil {
				return nil, err
			}
			// log(x) is Spark's Logarithm(E(), x), which names its base.
			return &plan.Call{Fn: "ln", Args: x, Type: types.Double, Null: true, Form: plan.FormBare,
				Display: "LOG(E(), " + x[0].String() + ")"}, nil
		}
		x, err := a.implicit(name, args, []coercion.Expected{double}, []string{reqDouble})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "log", Args: x, Type: types.Double, Null: true, Display: mathDisplay(name)}, nil
	}, "log")

	// round/bround keep decimals' precision rules and integral types; the scale argument
	// defaults to 0 and shows in the column name.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		full := append([]plan.Expr(nil), args...)
		if len(full) == 1 {
			full = append(full, intLit(0))
		}
		x, err := a.implicit(name, full, []coercion.Expected{num, integer}, []string{reqNumeric, reqInt})
		if err != nil {
			return nil, err
		}
		t := plan.TypeOf(x[0])
		if d, ok := t.(types.DecimalType); ok {
			scale := 0
			if v, ok, _ := foldInt(x[1]); ok {
				scale = int(v)
			}
			intDigits := d.Precision - d.Scale
			newScale := min(max(scale, 0), d.Scale)
			t = boundedDecimal(intDigits+newScale+1, newScale)
		}
		return &plan.Call{Fn: name, Args: x, Type: t, Null: anyNull(x), Display: name, ANSI: a.opts.ANSI}, nil
	}, "round", "bround")
	// floor/ceil: decimals keep their integral digits; other numbers become bigint.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if len(args) == 2 {
			return a.resolveRoundCeilFloor(name, args)
		}
		if len(args) > 2 {
			return nil, wrongNumArgs(name, "2", len(args))
		}
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{num}, []string{reqNumeric})
		if err != nil {
			return nil, err
		}
		var t types.DataType = types.Long
		if d, ok := plan.TypeOf(x[0]).(types.DecimalType); ok {
			t = boundedDecimal(d.Precision-d.Scale+1, 0)
		}
		fn := "floor"
		if name != "floor" {
			fn = "ceil"
		}
		return &plan.Call{Fn: fn, Args: x, Type: t, Null: anyNull(x), Display: mathDisplay(name)}, nil
	}, "floor", "ceil", "ceiling")
	register(ScalarFunction, resolveCommonType(func(n int) bool { return n >= 2 }, "greatest"), "greatest")
	register(ScalarFunction, resolveCommonType(func(n int) bool { return n >= 2 }, "least"), "least")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		want := make([]coercion.Expected, len(args))
		req := make([]string, len(args))
		for i := range args {
			want[i] = str
			req[i] = reqString
		}
		if len(args) == 0 {
			return &plan.Call{Fn: "concat", Type: types.String, Display: name}, nil
		}
		x, err := a.implicit(name, args, want, req)
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "concat", Args: x, Type: types.String, Null: anyNull(x), Display: name}, nil
	}, "concat")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if len(args) < 1 {
			return nil, wrongNumArgs(name, "> 0", 0)
		}
		x, err := a.implicit(name, args, []coercion.Expected{str}, []string{reqString})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "concat_ws", Args: x, Type: types.String, Null: plan.NullableOf(x[0]), Display: name}, nil
	}, "concat_ws")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2, 3); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{str, str, str}, []string{reqString, reqString, reqString})
		if err != nil {
			return nil, err
		}
		if name == "ilike" {
			// Spark's ILike prints as a function of its two strings; the escape is not shown.
			return &plan.Call{Fn: name, Args: x, Type: types.Boolean, Null: anyNull(x), Form: plan.FormBare,
				Display: "ilike(" + x[0].String() + ", " + x[1].String() + ")"}, nil
		}
		// Spark's Like prints without parentheses, with an ESCAPE suffix for a non-default escape.
		text := x[0].String() + " LIKE " + x[1].String()
		if len(x) == 3 {
			if l, ok := x[2].(*plan.Literal); ok {
				if esc, _ := l.Value.(string); esc != "\\" {
					text += " ESCAPE '" + esc + "'"
				}
			}
		}
		return &plan.Call{Fn: name, Args: x, Type: types.Boolean, Null: anyNull(x), Form: plan.FormBare, Display: text}, nil
	}, "like", "ilike")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{str, str}, []string{reqString, reqString})
		if err != nil {
			return nil, err
		}
		// Spark's RLike prints as NAME(str, regexp) with the name it was called by in capitals
		// (the infix RLIKE and REGEXP are RLIKE).
		disp := map[string]string{"rlike": "RLIKE", "regexp": "REGEXP", "regexp_like": "REGEXP_LIKE"}[name]
		return &plan.Call{Fn: "rlike", Args: x, Type: types.Boolean, Null: anyNull(x), Display: disp}, nil
	}, "rlike", "regexp", "regexp_like")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "typeof", Args: args, Type: types.String, Display: name}, nil
	}, "typeof")
}
