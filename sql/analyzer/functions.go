package analyzer

import (
	"errors"
	"sort"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// FunctionKind says how a function computes.
type FunctionKind uint8

const (
	ScalarFunction FunctionKind = iota
	AggregateFunction
	WindowFunction
)

// resolver types a call whose arguments are resolved. name is the name as called (lower
// case), which Spark shows in column names for most functions.
type resolver func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error)

type functionDef struct {
	kind    FunctionKind
	resolve resolver
}

var registry = map[string]*functionDef{}

func register(kind FunctionKind, r resolver, names ...string) {
	for _, n := range names {
		registry[n] = &functionDef{kind: kind, resolve: r}
	}
}

// FunctionNames lists the registered functions, sorted (SHOW FUNCTIONS). Names starting
// with "__" are the analyzer's own rewrites (time windows) and are left out.
func FunctionNames() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		if strings.HasPrefix(n, "__") {
			continue
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// windowFunctions are the ranking and offset functions that only run over a window.
var windowFunctions = map[string]bool{
	"row_number": true, "rank": true, "dense_rank": true, "percent_rank": true, "cume_dist": true,
	"ntile": true, "lag": true, "lead": true, "nth_value": true,
	"lag_ignore_nulls": true, "lead_ignore_nulls": true,
}

// function resolves an unresolved call.
func (a *analyzer) function(f *plan.UnresolvedFunction, sc *scope) (plan.Expr, error) {
	name := strings.ToLower(f.Name[len(f.Name)-1])
	if len(f.Name) > 1 {
		q := strings.ToLower(strings.Join(f.Name[:len(f.Name)-1], "."))
		if q != "system.builtin" && q != "builtin" {
			return nil, unresolvedRoutine(f.Name)
		}
	}
	def, ok := registry[name]
	if !ok {
		return nil, unresolvedRoutine(f.Name)
	}
	// count(*) counts rows: Spark turns it into count(1) (count(DISTINCT *) counts the
	// distinct rows of all columns, and count(t.*) is refused below).
	args := f.Args
	if name == "count" && len(args) == 1 && !f.Distinct {
		if s, isStar := args[0].(*plan.UnresolvedStar); isStar && len(s.Target) == 0 {
			args = []plan.Expr{intLit(1)}
		}
	}
	args, starErr := a.expandArgStars(name, args, sc)
	if starErr != nil {
		return nil, starErr
	}
	resolved := make([]plan.Expr, len(args))
	for i, arg := range args {
		r, err := a.funcArg(arg, sc)
		if err != nil {
			return nil, err
		}
		resolved[i] = r
	}
	if err := checkLambdaArgs(name, resolved); err != nil {
		return nil, err
	}
	if def.kind != AggregateFunction && (f.Distinct || f.Filter != nil) {
		if f.Distinct {
			return nil, analysisError("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "42000",
				"Invalid SQL syntax: The function <prettyName> does not support <syntax>.",
				map[string]string{"prettyName": quoteID(name), "syntax": "DISTINCT"})
		}
		return nil, analysisError("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "42000",
			"Invalid SQL syntax: The function <prettyName> does not support <syntax>.",
			map[string]string{"prettyName": quoteID(name), "syntax": "FILTER clause"})
	}
	if len(f.WithinGroup) > 0 {
		wf, err := a.resolveWithinGroup(f, sc)
		if err != nil {
			return nil, err
		}
		f = wf
	}
	resolved, err := coerceCallCollations(name, resolved, f)
	if err != nil {
		return nil, err
	}
	r, err := def.resolve(a, name, resolved, f)
	if err != nil {
		return nil, err
	}
	r = callResultCollation(name, r)
	if err := checkWithinGroup(name, f, r); err != nil {
		return nil, err
	}
	if agg, ok := r.(*plan.AggregateCall); ok && f.Filter != nil {
		cond, err := a.expr(f.Filter, sc)
		if err != nil {
			return nil, err
		}
		agg.Filter = cond
	}
	return r, nil
}

// call resolves a call of a registered function on resolved arguments (for expressions
// the analyzer builds itself).
func (a *analyzer) call(name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	def, ok := registry[name]
	if !ok {
		return nil, unresolvedRoutine([]string{name})
	}
	if f == nil {
		f = &plan.UnresolvedFunction{Name: []string{name}}
	}
	args, err := coerceCallCollations(name, args, f)
	if err != nil {
		return nil, err
	}
	r, err := def.resolve(a, name, args, f)
	if err != nil {
		return nil, err
	}
	return callResultCollation(name, r), nil
}

// implicit casts each argument to the expected type (Spark's ImplicitTypeCasts),
// failing with UNEXPECTED_INPUT_TYPE.
func (a *analyzer) implicit(display string, args []plan.Expr, want []coercion.Expected, required []string) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(args))
	for i, arg := range args {
		w := want[min(i, len(want)-1)]
		t, ok := a.coerce.ImplicitCast(plan.TypeOf(arg), w)
		if !ok {
			call := display + "(" + joinExprs(args) + ")"
			return nil, unexpectedInputType(call, i, required[min(i, len(required)-1)], arg)
		}
		out[i] = castTo(arg, t)
	}
	return out, nil
}

func joinExprs(es []plan.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	return strings.Join(parts, ", ")
}

func anyNull(args []plan.Expr) bool {
	for _, a := range args {
		if plan.NullableOf(a) {
			return true
		}
	}
	return false
}

func arity(name string, args []plan.Expr, allowed ...int) error {
	for _, n := range allowed {
		if len(args) == n {
			return nil
		}
	}
	exp := ""
	if len(allowed) == 1 {
		exp = itoa(allowed[0])
	} else {
		parts := make([]string, len(allowed))
		for i, n := range allowed {
			parts[i] = itoa(n)
		}
		exp = "[" + strings.Join(parts, ", ") + "]"
	}
	return wrongNumArgs(name, exp, len(args))
}

func operand(e plan.Expr) coercion.Operand {
	op := coercion.Operand{Type: plan.TypeOf(e), Foldable: isFoldable(e)}
	if lit, ok := e.(*plan.Literal); ok {
		op.Literal = true
		switch v := lit.Value.(type) {
		case int8:
			op.IntValue = int64(v)
		case int16:
			op.IntValue = int64(v)
		case int32:
			op.IntValue = int64(v)
		case int64:
			op.IntValue = v
		case plan.Decimal:
			op.DecimalValue = decimalText(v)
		}
	}
	return op
}

func init() {
	// Arithmetic.
	register(ScalarFunction, resolveArithmetic, "+", "-", "*", "/", "%", "div")
	// grouping(col) and grouping_id(cols...) tell which grouping set produced a row of
	// ROLLUP, CUBE or GROUPING SETS; the physical planner computes them per set.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "grouping", Args: args, Type: types.Byte, Display: name}, nil
	}, "grouping")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		return &plan.Call{Fn: "grouping_id", Args: args, Type: types.Long, Display: name}, nil
	}, "grouping_id")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		c, err := resolveArithmetic(a, "%", args, f)
		if err != nil {
			return nil, err
		}
		if call, ok := c.(*plan.Call); ok {
			call.Form, call.Display = plan.FormFunction, name
			if name == "pmod" {
				call.Fn = "pmod"
			}
		}
		return c, nil
	}, "pmod", "mod")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		t, err := a.coerce.UnaryMinus(plan.TypeOf(args[0]))
		if err != nil {
			return nil, unexpectedInputType("(- "+args[0].String()+")", 0, `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`, args[0])
		}
		form, display := plan.FormPrefix, "-"
		if name == "negative" && !f.Operator {
			form, display = plan.FormFunction, "negative"
		}
		return &plan.Call{Fn: "negative", Args: []plan.Expr{castTo(args[0], t)}, Type: t, Null: plan.NullableOf(args[0]), Form: form, Display: display, ANSI: a.opts.ANSI}, nil
	}, "negative")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		t, err := a.coerce.UnaryMinus(plan.TypeOf(args[0]))
		if err != nil {
			return nil, unexpectedInputType("(+ "+args[0].String()+")", 0, `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`, args[0])
		}
		// Spark prints positive(x) as (+ x) whichever way it was written.
		return &plan.Call{Fn: "positive", Args: []plan.Expr{castTo(args[0], t)}, Type: t, Null: plan.NullableOf(args[0]), Form: plan.FormPrefix, Display: "+"}, nil
	}, "positive")

	// Comparisons.
	register(ScalarFunction, resolveComparison, "=", "==", "<", "<=", ">", ">=", "<=>", "!=", "<>")
	// Boolean logic.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		op := strings.ToUpper(name)
		for i, arg := range args {
			t := plan.TypeOf(arg)
			if _, isNull := t.(types.NullType); isNull {
				args[i] = castTo(arg, types.Boolean)
				continue
			}
			if !types.Equal(t, types.Boolean) {
				ct, ok := a.coerce.ImplicitCast(t, coercion.AnyBoolean)
				if !ok {
					return nil, analysisError("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "42K09",
						"Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input type <inputType>, not <actualDataType>.",
						map[string]string{"sqlExpr": `"(` + args[0].String() + " " + op + " " + args[1].String() + `)"`, "inputType": `"BOOLEAN"`, "actualDataType": sqlType(t)})
				}
				args[i] = castTo(arg, ct)
			}
		}
		return &plan.Call{Fn: name, Args: args, Type: types.Boolean, Null: anyNull(args), Form: plan.FormInfix, Display: op}, nil
	}, "and", "or")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit("(NOT", args, []coercion.Expected{coercion.AnyBoolean}, []string{`"BOOLEAN"`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "not", Args: x, Type: types.Boolean, Null: anyNull(x), Form: plan.FormPrefix, Display: "NOT"}, nil
	}, "not", "!")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		fn, disp := "isnull", "IS NULL"
		if name == "isnotnull" {
			fn, disp = "isnotnull", "IS NOT NULL"
		}
		return &plan.Call{Fn: fn, Args: args, Type: types.Boolean, Form: plan.FormPostfix, Display: disp}, nil
	}, "isnull", "isnotnull")

	// Conditionals.
	register(ScalarFunction, resolveCommonType(func(n int) bool { return n >= 1 }, "coalesce"), "coalesce")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		c, err := resolveCommonType(func(int) bool { return true }, "coalesce")(a, "coalesce", args, f)
		if err != nil {
			return nil, err
		}
		call := c.(*plan.Call)
		call.Display = name
		return call, nil
	}, "nvl", "ifnull")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3); err != nil {
			return nil, err
		}
		cond, err := a.implicit(name, args[:1], []coercion.Expected{coercion.AnyBoolean}, []string{`"BOOLEAN"`})
		if err != nil {
			return nil, err
		}
		t, ok := a.coerce.WiderType(plan.TypeOf(args[1]), plan.TypeOf(args[2]))
		if !ok {
			return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
				map[string]string{"sqlExpr": `"(IF(` + joinExprs(args) + `))"`, "functionName": "`if`", "dataType": sqlType(plan.TypeOf(args[1])) + ", " + sqlType(plan.TypeOf(args[2]))})
		}
		x := []plan.Expr{cond[0], castTo(args[1], t), castTo(args[2], t)}
		return &plan.Call{Fn: "if", Args: x, Type: t, Null: plan.NullableOf(x[1]) || plan.NullableOf(x[2]), Form: plan.FormParenthesized, Display: "IF"}, nil
	}, "if", "iff")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		t, ok := a.coerce.WiderType(plan.TypeOf(args[0]), plan.TypeOf(args[1]))
		if !ok {
			return nil, binaryDiffTypes(name, args)
		}
		return &plan.Call{Fn: "nullif", Args: []plan.Expr{castTo(args[0], t), castTo(args[1], t)}, Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
	}, "nullif")

	// Aggregates.
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if len(args) == 0 {
			return nil, wrongNumArgs(name, "[1, ...]", 0)
		}
		return &plan.AggregateCall{Fn: "count", Args: args, Distinct: f.Distinct, Type: types.Long, Display: name}, nil
	}, "count")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyBoolean}, []string{`"BOOLEAN"`})
		if err != nil {
			return nil, err
		}
		return &plan.AggregateCall{Fn: "count_if", Args: x, Distinct: f.Distinct, Type: types.Long, Display: name}, nil
	}, "count_if")
	register(AggregateFunction, resolveSum, "sum")
	register(AggregateFunction, resolveAvg, "avg", "mean")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		if err := checkOrderable(args[0]); err != nil {
			return nil, err
		}
		return &plan.AggregateCall{Fn: name, Args: args, Distinct: f.Distinct, Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
	}, "min", "max")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		ignore := f.HasNulls && f.IgnoreNulls
		if len(args) == 2 {
			v, ok := args[1].(*plan.Literal)
			b, isBool := v.Value.(bool)
			if !ok || !isBool {
				return nil, unexpectedInputType(name+"("+joinExprs(args)+")", 1, `"BOOLEAN"`, args[1])
			}
			ignore = b
		}
		fn := map[string]string{"first": "first", "first_value": "first", "last": "last", "last_value": "last", "any_value": "any_value"}[name]
		return &plan.AggregateCall{Fn: fn, Args: args[:1], IgnoreNulls: ignore, Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
	}, "first", "first_value", "last", "last_value", "any_value")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyBoolean}, []string{`"BOOLEAN"`})
		if err != nil {
			return nil, err
		}
		fn := "bool_and"
		if name == "bool_or" || name == "some" || name == "any" {
			fn = "bool_or"
		}
		return &plan.AggregateCall{Fn: fn, Args: x, Type: types.Boolean, Null: true, Display: name}, nil
	}, "bool_and", "every", "bool_or", "some", "any")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		fn := "collect_list"
		if name == "collect_set" {
			fn = "collect_set"
		}
		// array_agg is named collect_list, as in Spark.
		return &plan.AggregateCall{Fn: fn, Args: args, Distinct: f.Distinct, Type: types.NewArray(plan.TypeOf(args[0]), false), Display: fn}, nil
	}, "collect_list", "array_agg", "collect_set")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Double)}, []string{`"DOUBLE"`})
		if err != nil {
			return nil, err
		}
		fn := map[string]string{"stddev": "stddev_samp", "std": "stddev_samp", "stddev_samp": "stddev_samp", "stddev_pop": "stddev_pop",
			"variance": "var_samp", "var_samp": "var_samp", "var_pop": "var_pop", "skewness": "skewness", "kurtosis": "kurtosis"}[name]
		return &plan.AggregateCall{Fn: fn, Args: x, Distinct: f.Distinct, Type: types.Double, Null: true, Display: name}, nil
	}, "stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "skewness", "kurtosis")

	// Window-only functions.
	register(WindowFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		t := types.DataType(types.Integer)
		if name == "percent_rank" || name == "cume_dist" {
			t = types.Double
		}
		return &plan.Call{Fn: name, Type: t, Display: rankDisplay(name)}, nil
	}, "row_number", "rank", "dense_rank", "percent_rank", "cume_dist")
	register(WindowFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Integer)}, []string{`"INT"`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "ntile", Args: x, Type: types.Integer, Null: true, Display: name}, nil
	}, "ntile")
	register(WindowFunction, resolveLagLead, "lag", "lead")

	registerScalars()
}

func binaryDiffTypes(op string, args []plan.Expr) error {
	return analysisError("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the binary operator have incompatible types (<left> and <right>).",
		map[string]string{"sqlExpr": `"(` + args[0].String() + " " + op + " " + args[1].String() + `)"`,
			"left": sqlType(plan.TypeOf(args[0])), "right": sqlType(plan.TypeOf(args[1]))})
}

func resolveArithmetic(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	res, err := a.coerce.Arithmetic(name, operand(args[0]), operand(args[1]))
	if err != nil {
		var mm *coercion.MismatchError
		if errors.As(err, &mm) {
			return nil, mismatch(mm, name, args)
		}
		return nil, err
	}
	l, r := args[0], args[1]
	if res.Left != nil {
		l = castTo(l, res.Left)
	}
	if res.Right != nil {
		r = castTo(r, res.Right)
	}
	null := plan.NullableOf(l) || plan.NullableOf(r) || res.Nullable
	if res.Fn == "" || res.Fn == name {
		return &plan.Call{Fn: name, Args: []plan.Expr{l, r}, Type: res.Result, Null: null, Form: plan.FormInfix, Display: name, ANSI: a.opts.ANSI}, nil
	}
	// A datetime or interval rewrite: the kernel takes the datetime first, and its name
	// says whether the interval (or its days) is added or subtracted.
	fn, callArgs := res.Fn, []plan.Expr{l, r}
	if res.Swap {
		callArgs = []plan.Expr{r, l}
	}
	switch fn {
	case "date_add":
		if res.Days {
			fn = "date_plus_days"
			if res.Negate {
				fn = "date_minus_days"
			}
		}
	case "timestamp_add_interval", "date_add_ym_interval", "timestamp_add_ym_interval", "date_add_interval":
		if res.Negate {
			fn = strings.Replace(fn, "_add_", "_minus_", 1)
		} else {
			fn = strings.Replace(fn, "_add_", "_plus_", 1)
		}
	}
	typ := res.Result
	if res.FnType != nil {
		typ = res.FnType
	}
	var call plan.Expr = &plan.Call{Fn: fn, Args: callArgs, Type: typ, Null: null, Form: plan.FormBare,
		Display: res.SQL(args[0].String(), args[1].String()), ANSI: a.opts.ANSI}
	if !types.Equal(typ, res.Result) {
		call = &plan.Cast{Child: call, To: res.Result, Implicit: true, ANSI: a.opts.ANSI, Null: null}
	}
	return call, nil
}

// mismatch turns a coercion failure into Spark's DATATYPE_MISMATCH error.
func mismatch(mm *coercion.MismatchError, op string, args []plan.Expr) error {
	text := `"(` + args[0].String() + " " + op + " " + args[1].String() + `)"`
	switch mm.Kind {
	case "BINARY_OP_DIFF_TYPES":
		return analysisError("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the binary operator have incompatible types (<left> and <right>).",
			map[string]string{"sqlExpr": text, "left": sqlType(mm.Left), "right": sqlType(mm.Right)})
	case "BINARY_OP_WRONG_TYPE":
		return analysisError("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input type <inputType>, not <actualDataType>.",
			map[string]string{"sqlExpr": text, "inputType": mm.Required, "actualDataType": sqlType(mm.Left)})
	}
	return analysisError("DATATYPE_MISMATCH."+mm.Kind, "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch.", map[string]string{"sqlExpr": text})
}

func resolveComparison(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	display := name
	if name == "==" || name == "!=" || name == "<>" {
		display = "="
	}
	if err := unorderedComparisonError(display, args); err != nil {
		return nil, err
	}
	t, ok := a.coerce.Comparison(operand(args[0]), operand(args[1]))
	if !ok {
		return nil, binaryDiffTypes(display, args)
	}
	if folded, rewritten := a.reduceDecimalLiteral(name, args); folded != nil {
		return folded, nil
	} else if rewritten != nil {
		args = rewritten
		if t, ok = a.coerce.Comparison(operand(args[0]), operand(args[1])); !ok {
			return nil, binaryDiffTypes(display, args)
		}
	}
	for _, arg := range args {
		switch plan.TypeOf(arg).(type) {
		case types.MapType:
			return nil, analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
				map[string]string{"sqlExpr": `"(` + args[0].String() + " " + display + " " + args[1].String() + `)"`,
					"functionName": "`" + display + "`", "dataType": sqlType(plan.TypeOf(arg))})
		}
	}
	l, r := castTo(args[0], t), castTo(args[1], t)
	fn := map[string]string{"=": "=", "==": "=", "!=": "=", "<>": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "<=>": "<=>"}[name]
	c := &plan.Call{Fn: fn, Args: []plan.Expr{l, r}, Type: types.Boolean, Null: fn != "<=>" && (plan.NullableOf(l) || plan.NullableOf(r)),
		Form: plan.FormInfix, Display: display}
	if name == "!=" || name == "<>" {
		return &plan.Call{Fn: "not", Args: []plan.Expr{c}, Type: types.Boolean, Null: c.Null, Form: plan.FormPrefix, Display: "NOT"}, nil
	}
	return c, nil
}

// resolveCommonType is for functions whose arguments all take their common type
// (coalesce, greatest, least).
func resolveCommonType(count func(int) bool, fn string) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if !count(len(args)) {
			return nil, wrongNumArgs(name, "> 0", len(args))
		}
		ts := make([]types.DataType, len(args))
		for i, arg := range args {
			ts[i] = plan.TypeOf(arg)
		}
		t, ok := a.coerce.WiderCommonType(ts)
		if !ok {
			strs := make([]string, len(ts))
			for i, t := range ts {
				strs[i] = sqlType(t)
			}
			return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
				map[string]string{"sqlExpr": `"` + name + "(" + joinExprs(args) + `)"`, "functionName": quoteID(name), "dataType": strings.Join(strs, ", ")})
		}
		// The result is NULL only when every argument can be (coalesce, greatest and least
		// all skip NULLs).
		x := make([]plan.Expr, len(args))
		null := true
		for i, arg := range args {
			x[i] = castTo(arg, t)
			null = null && plan.NullableOf(arg)
		}
		return &plan.Call{Fn: fn, Args: x, Type: t, Null: null, Display: name}, nil
	}
}

func resolveSum(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	args = timestampsAsDoubles(args)
	x, err := a.implicit(name, args, []coercion.Expected{coercion.OneOf(coercion.AnyNumeric, coercion.AnyAnsiInterval)},
		[]string{`("NUMERIC" or "ANSI INTERVAL")`})
	if err != nil {
		return nil, err
	}
	var t types.DataType
	switch in := plan.TypeOf(x[0]).(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		t = types.Long
	case types.DecimalType:
		t = types.DecimalType{Precision: min(38, in.Precision+10), Scale: in.Scale}
	case types.FloatType, types.DoubleType:
		t = types.Double
	case types.NullType:
		t = types.Double
		x[0] = castTo(x[0], types.Double)
	default:
		t = in
	}
	return &plan.AggregateCall{Fn: "sum", Args: x, Distinct: f.Distinct, Type: t, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
}

func resolveAvg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	args = timestampsAsDoubles(args)
	x, err := a.implicit(name, args, []coercion.Expected{coercion.OneOf(coercion.AnyNumeric, coercion.AnyAnsiInterval)},
		[]string{`("NUMERIC" or "ANSI INTERVAL")`})
	if err != nil {
		return nil, err
	}
	var t types.DataType
	switch in := plan.TypeOf(x[0]).(type) {
	case types.DecimalType:
		t = boundedDecimal(in.Precision+4, in.Scale+4)
	case types.DayTimeIntervalType:
		t = types.DefaultDayTimeInterval
	case types.YearMonthIntervalType:
		t = types.DefaultYearMonthInterval
	default:
		t = types.Double
		x[0] = castTo(x[0], types.Double)
	}
	return &plan.AggregateCall{Fn: "avg", Args: x, Distinct: f.Distinct, Type: t, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
}

func boundedDecimal(p, s int) types.DecimalType {
	return types.DecimalType{Precision: min(p, 38), Scale: min(s, 38)}
}
