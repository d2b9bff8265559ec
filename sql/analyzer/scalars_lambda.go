package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Higher-order functions take lambdas: transform(a, x -> x + 1). A lambda cannot be typed on
// its own, since its parameters take the types of the elements the function feeds it, so
// resolving an argument list leaves a lambda unbound (with the scope it was written in) and
// the higher-order function's resolver binds it: it types the parameters, then resolves the
// body in a scope where the parameters shadow columns. An argument that is not a lambda
// becomes a lambda that ignores its parameters (Spark's hidden lambda), so
// transform(a, 0) is transform(a, lambdafunction(0, namedlambdavariable())).

// unboundLambda is a lambda argument waiting for its higher-order function.
type unboundLambda struct {
	l  *plan.Lambda
	sc *scope
}

// String is how Spark prints a lambda whose parameters are not bound yet: with their names.
func (u *unboundLambda) String() string {
	return "lambdafunction(" + u.l.Body.String() + ", " + strings.Join(u.l.Params, ", ") + ")"
}
func (u *unboundLambda) Children() []plan.Expr              { return nil }
func (u *unboundLambda) WithChildren([]plan.Expr) plan.Expr { return u }

// funcArg resolves a function's argument; a lambda is kept, unbound, for the
// higher-order function that receives it.
func (a *analyzer) funcArg(arg plan.Expr, sc *scope) (plan.Expr, error) {
	if l, ok := arg.(*plan.Lambda); ok {
		if l.Vars != nil {
			return l, nil // already bound
		}
		return &unboundLambda{l: l, sc: sc}, nil
	}
	return a.expr(arg, sc)
}

// strayLambda is the error for a lambda that is not a function's argument.
func strayLambda() error {
	return analysisError("INVALID_LAMBDA_FUNCTION_CALL", "42K0D",
		"Invalid lambda function call. A lambda function should only be used in a higher order function.", nil)
}

// higherOrderFunctions are the functions that accept lambdas.
var higherOrderFunctions = map[string]bool{}

// sparkClassNames are the expression classes Spark names when a lambda is passed to a
// function that does not take one; other functions get their name in camel case.
var sparkClassNames = map[string]string{
	"ceil": "CeilExpressionBuilder$", "ceiling": "CeilExpressionBuilder$",
	"floor": "FloorExpressionBuilder$", "upper": "Upper", "ucase": "Upper", "lower": "Lower",
	"lcase": "Lower", "abs": "Abs", "length": "Length", "concat": "Concat", "size": "Size",
	"coalesce": "Coalesce", "array": "CreateArray", "map": "CreateMap", "struct": "CreateNamedStruct",
	"named_struct": "CreateNamedStruct",
}

// checkLambdaArgs rejects lambdas passed to functions that are not higher-order.
func checkLambdaArgs(name string, args []plan.Expr) error {
	if higherOrderFunctions[name] {
		return nil
	}
	for _, arg := range args {
		if _, ok := arg.(*unboundLambda); ok {
			cls, ok := sparkClassNames[name]
			if !ok {
				var b strings.Builder
				for _, part := range strings.Split(name, "_") {
					if part != "" {
						b.WriteString(strings.ToUpper(part[:1]) + part[1:])
					}
				}
				cls = b.String()
			}
			return analysisError("INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION", "42K0D",
				"Invalid lambda function call. A lambda function should only be used in a higher order function. However, its class is <class>, which is not a higher order function.",
				map[string]string{"class": "org.apache.spark.sql.catalyst.expressions." + cls})
		}
	}
	return nil
}

// lambdaParam is the type and nullability a higher-order function gives a parameter.
type lambdaParam struct {
	t    types.DataType
	null bool
}

// lambdaParams is the number of parameters an argument declares (0 for a plain expression).
func lambdaParams(arg plan.Expr) int {
	if u, ok := arg.(*unboundLambda); ok {
		return len(u.l.Params)
	}
	return 0
}

// bindLambda types a lambda argument's parameters and resolves its body.
func (a *analyzer) bindLambda(arg plan.Expr, params []lambdaParam) (*plan.Lambda, error) {
	vars := make([]*plan.LambdaVar, len(params))
	u, isLambda := arg.(*unboundLambda)
	if l, bound := arg.(*plan.Lambda); bound {
		return l, nil
	}
	if !isLambda {
		names := make([]string, len(params))
		for i, p := range params {
			names[i] = "col" + itoa(i)
			vars[i] = &plan.LambdaVar{Name: names[i], Type: p.t, Null: p.null, ID: plan.NewExprID()}
		}
		return &plan.Lambda{Params: names, Body: arg, Vars: vars}, nil
	}
	l := u.l
	if len(l.Params) != len(params) {
		return nil, analysisError("INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH", "42K0D",
			"Invalid lambda function call. A higher order function expects <expectedNumArgs> arguments, but got <actualNumArgs>.",
			map[string]string{"expectedNumArgs": itoa(len(l.Params)), "actualNumArgs": itoa(len(params))})
	}
	canon := func(s string) string {
		if a.opts.CaseSensitive {
			return s
		}
		return strings.ToLower(s)
	}
	seen := map[string]bool{}
	dup := false
	for _, p := range l.Params {
		if seen[canon(p)] {
			dup = true
		}
		seen[canon(p)] = true
	}
	if dup {
		quoted := make([]string, len(l.Params))
		for i, p := range l.Params {
			quoted[i] = quoteID(canon(p))
		}
		return nil, analysisError("INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES", "42K0D",
			"Invalid lambda function call. The lambda function has duplicate arguments <args>. Please, consider to rename the argument names or set <caseSensitiveConfig> to \"true\".",
			map[string]string{"args": strings.Join(quoted, ", "), "caseSensitiveConfig": `"spark.sql.caseSensitive"`})
	}
	for i, p := range params {
		vars[i] = &plan.LambdaVar{Name: l.Params[i], Type: p.t, Null: p.null, ID: plan.NewExprID()}
	}
	sc := &scope{}
	if u.sc != nil {
		c := *u.sc
		sc = &c
	}
	sc.lambdas = append(append([]*plan.LambdaVar(nil), sc.lambdas...), vars...)
	body, err := a.expr(l.Body, sc)
	if err != nil {
		return nil, err
	}
	return &plan.Lambda{Params: l.Params, Body: body, Vars: vars}, nil
}

// identityLambda is aggregate's default finish: x -> x.
func identityLambda(p lambdaParam) *plan.Lambda {
	v := &plan.LambdaVar{Name: "id", Type: p.t, Null: p.null, ID: plan.NewExprID()}
	return &plan.Lambda{Params: []string{"id"}, Body: v, Vars: []*plan.LambdaVar{v}}
}

func hofCall(name string, args []plan.Expr) string {
	return `"` + name + "(" + joinExprs(args) + `)"`
}

// requireArg checks a non-function argument's type class (Spark's ExpectsInputTypes).
func requireArg(name string, args []plan.Expr, i int, want string) error {
	t := plan.TypeOf(args[i])
	ok := false
	switch want {
	case "ARRAY":
		_, ok = t.(types.ArrayType)
	case "MAP":
		_, ok = t.(types.MapType)
	}
	if ok {
		return nil
	}
	return unexpectedInputTypeSQL(hofCall(name, args), i, `"`+want+`"`, args[i])
}

func unexpectedInputTypeSQL(call string, i int, required string, arg plan.Expr) error {
	return analysisError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the type <inputType>.",
		map[string]string{"sqlExpr": call, "paramIndex": ordinal(i + 1), "requiredType": required,
			"inputSql": sqlExpr(arg), "inputType": sqlType(plan.TypeOf(arg))})
}

// requireBoolean checks a predicate lambda's result type.
func requireBoolean(name string, args []plan.Expr, i int) error {
	if types.Equal(plan.TypeOf(args[i]), types.Boolean) {
		return nil
	}
	return unexpectedInputTypeSQL(hofCall(name, args), i, `"BOOLEAN"`, args[i])
}

func hof(name string, args []plan.Expr, t types.DataType, null bool) *plan.Call {
	return &plan.Call{Fn: canonicalHOF[name], Args: args, Type: t, Null: null, Display: name}
}

// canonicalHOF maps each name to the function the physical planner runs.
var canonicalHOF = map[string]string{
	"transform": "transform", "filter": "filter", "exists": "exists", "forall": "forall",
	"aggregate": "aggregate", "reduce": "aggregate", "zip_with": "zip_with",
	"map_filter": "map_filter", "transform_keys": "transform_keys",
	"transform_values": "transform_values", "map_zip_with": "map_zip_with", "array_sort": "array_sort",
}

// registerHOF registers a higher-order function; Spark rejects subqueries anywhere in
// its arguments or lambdas.
func registerHOF(r resolver, names ...string) {
	for _, n := range names {
		higherOrderFunctions[n] = true
	}
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		plain := 1
		switch name {
		case "aggregate", "reduce", "zip_with", "map_zip_with":
			plain = 2
		}
		for i := 0; i < plain && i < len(args); i++ {
			if _, ok := args[i].(*unboundLambda); ok {
				return nil, analysisError("INVALID_LAMBDA_FUNCTION_CALL.PARAMETER_DOES_NOT_ACCEPT_LAMBDA_FUNCTION", "42K0D",
					"Invalid lambda function call. You passed a lambda function to a parameter that does not accept it. Please check if lambda function argument is in the correct position.", nil)
			}
		}
		e, err := r(a, name, args, f)
		if err != nil {
			return nil, err
		}
		if plan.Any(e, func(x plan.Expr) bool {
			switch x.(type) {
			case *plan.ScalarSubquery, *plan.Exists, *plan.InSubquery:
				return true
			}
			return false
		}) {
			return nil, analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.HIGHER_ORDER_FUNCTION", "0A000",
				"Unsupported subquery expression: Subquery expressions are not supported within higher-order functions. Please remove all subquery expressions from higher-order functions and then try the query again.", nil)
		}
		return e, nil
	}, names...)
}

func init() {
	// transform(a, x -> ...) and filter(a, x -> ...), optionally with the element's index.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		if err := requireArg(name, args, 0, "ARRAY"); err != nil {
			return nil, err
		}
		at := plan.TypeOf(args[0]).(types.ArrayType)
		params := []lambdaParam{{at.ElementType, at.ContainsNull}}
		if lambdaParams(args[1]) == 2 {
			params = append(params, lambdaParam{types.Integer, false})
		}
		l, err := a.bindLambda(args[1], params)
		if err != nil {
			return nil, err
		}
		x := []plan.Expr{args[0], l}
		if name == "filter" {
			if err := requireBoolean(name, x, 1); err != nil {
				return nil, err
			}
			return hof(name, x, at, plan.NullableOf(args[0])), nil
		}
		return hof(name, x, types.NewArray(plan.TypeOf(l.Body), plan.NullableOf(l.Body)), plan.NullableOf(args[0])), nil
	}, "transform", "filter")

	// exists and forall: predicates over the elements, with three-valued logic.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		if err := requireArg(name, args, 0, "ARRAY"); err != nil {
			return nil, err
		}
		at := plan.TypeOf(args[0]).(types.ArrayType)
		l, err := a.bindLambda(args[1], []lambdaParam{{at.ElementType, at.ContainsNull}})
		if err != nil {
			return nil, err
		}
		x := []plan.Expr{args[0], l}
		if err := requireBoolean(name, x, 1); err != nil {
			return nil, err
		}
		return hof(name, x, types.Boolean, plan.NullableOf(args[0]) || plan.NullableOf(l.Body)), nil
	}, "exists", "forall")

	// aggregate(a, zero, (acc, x) -> ...[, acc -> ...]), alias reduce.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3, 4); err != nil {
			return nil, err
		}
		if err := requireArg(name, args, 0, "ARRAY"); err != nil {
			return nil, err
		}
		at := plan.TypeOf(args[0]).(types.ArrayType)
		zt := plan.TypeOf(args[1])
		acc := lambdaParam{zt, true}
		merge, err := a.bindLambda(args[2], []lambdaParam{acc, {at.ElementType, at.ContainsNull}})
		if err != nil {
			return nil, err
		}
		var finish *plan.Lambda
		if len(args) == 4 {
			if finish, err = a.bindLambda(args[3], []lambdaParam{acc}); err != nil {
				return nil, err
			}
		} else {
			finish = identityLambda(acc)
		}
		x := []plan.Expr{args[0], args[1], merge, finish}
		if !types.EqualStructurally(zt, plan.TypeOf(merge.Body), true) {
			return nil, unexpectedInputTypeSQL(hofCall(name, x), 2, sqlType(zt), merge)
		}
		return hof(name, x, plan.TypeOf(finish.Body), plan.NullableOf(args[0]) || plan.NullableOf(finish.Body)), nil
	}, "aggregate", "reduce")

	// zip_with(a, b, (x, y) -> ...): the shorter array is padded with NULLs.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3); err != nil {
			return nil, err
		}
		for i := 0; i < 2; i++ {
			if err := requireArg(name, args, i, "ARRAY"); err != nil {
				return nil, err
			}
		}
		lt := plan.TypeOf(args[0]).(types.ArrayType)
		rt := plan.TypeOf(args[1]).(types.ArrayType)
		l, err := a.bindLambda(args[2], []lambdaParam{{lt.ElementType, true}, {rt.ElementType, true}})
		if err != nil {
			return nil, err
		}
		x := []plan.Expr{args[0], args[1], l}
		return hof(name, x, types.NewArray(plan.TypeOf(l.Body), plan.NullableOf(l.Body)), plan.NullableOf(args[0]) || plan.NullableOf(args[1])), nil
	}, "zip_with")

	// map_filter, transform_keys, transform_values: (k, v) -> ... over a map's entries.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		if err := requireArg(name, args, 0, "MAP"); err != nil {
			return nil, err
		}
		mt := plan.TypeOf(args[0]).(types.MapType)
		l, err := a.bindLambda(args[1], []lambdaParam{{mt.KeyType, false}, {mt.ValueType, mt.ValueContainsNull}})
		if err != nil {
			return nil, err
		}
		x := []plan.Expr{args[0], l}
		null := plan.NullableOf(args[0])
		bt := plan.TypeOf(l.Body)
		switch name {
		case "map_filter":
			if err := requireBoolean(name, x, 1); err != nil {
				return nil, err
			}
			return hof(name, x, mt, null), nil
		case "transform_keys":
			if containsMap(bt) {
				return nil, analysisError("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: The key of map cannot be/contain <keyType>.",
					map[string]string{"sqlExpr": hofCall(name, x), "keyType": sqlType(bt)})
			}
			return hof(name, x, types.NewMap(bt, mt.ValueType, mt.ValueContainsNull), null), nil
		}
		return hof(name, x, types.NewMap(mt.KeyType, bt, plan.NullableOf(l.Body)), null), nil
	}, "map_filter", "transform_keys", "transform_values")

	// map_zip_with(m1, m2, (k, v1, v2) -> ...): the union of the keys, in order.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3); err != nil {
			return nil, err
		}
		for i := 0; i < 2; i++ {
			if err := requireArg(name, args, i, "MAP"); err != nil {
				return nil, err
			}
		}
		lt := plan.TypeOf(args[0]).(types.MapType)
		rt := plan.TypeOf(args[1]).(types.MapType)
		left, right := args[0], args[1]
		if !sameTypeIgnoringNullability(lt.KeyType, rt.KeyType) {
			// The keys take their wider type when both sides convert without NULLs.
			if w, ok := a.coerce.WiderType(lt.KeyType, rt.KeyType); ok &&
				!coercion.ForceNullable(lt.KeyType, w) && !coercion.ForceNullable(rt.KeyType, w) {
				lt = types.NewMap(w, lt.ValueType, lt.ValueContainsNull)
				rt = types.NewMap(w, rt.ValueType, rt.ValueContainsNull)
				left, right = castTo(left, lt), castTo(right, rt)
			}
		}
		if !sameTypeIgnoringNullability(lt.KeyType, rt.KeyType) {
			return nil, analysisError("DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input to the <functionName> should have been two maps with compatible key types, but it's [<leftType>, <rightType>].",
				map[string]string{"sqlExpr": hofCall(name, []plan.Expr{left, right, args[2]}), "functionName": quoteID(name),
					"leftType": sqlType(lt.KeyType), "rightType": sqlType(rt.KeyType)})
		}
		if containsMap(lt.KeyType) {
			return nil, analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
				map[string]string{"sqlExpr": hofCall(name, []plan.Expr{left, right, args[2]}), "functionName": quoteID(name), "dataType": sqlType(lt.KeyType)})
		}
		kt, _ := a.coerce.CommonTypeDifferentOnlyInNullFlags([]types.DataType{lt.KeyType, rt.KeyType})
		l, err := a.bindLambda(args[2], []lambdaParam{{kt, false}, {lt.ValueType, true}, {rt.ValueType, true}})
		if err != nil {
			return nil, err
		}
		x := []plan.Expr{left, right, l}
		return hof(name, x, types.NewMap(kt, plan.TypeOf(l.Body), plan.NullableOf(l.Body)), plan.NullableOf(left) || plan.NullableOf(right)), nil
	}, "map_zip_with")

	// array_sort(a[, (l, r) -> int]): without a comparator, ascending with NULLs last.
	registerHOF(func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		var cmp plan.Expr
		if len(args) == 2 {
			cmp = args[1]
		}
		if err := requireArg(name, args, 0, "ARRAY"); err != nil {
			return nil, err
		}
		at := plan.TypeOf(args[0]).(types.ArrayType)
		p := lambdaParam{at.ElementType, at.ContainsNull}
		var l *plan.Lambda
		if cmp == nil {
			l = defaultComparator(p)
			if containsMap(at.ElementType) {
				return nil, analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
					map[string]string{"sqlExpr": `"(namedlambdavariable() < namedlambdavariable())"`, "functionName": "`<`", "dataType": sqlType(at.ElementType)})
			}
		} else {
			var err error
			if l, err = a.bindLambda(cmp, []lambdaParam{p, p}); err != nil {
				return nil, err
			}
		}
		x := []plan.Expr{args[0], l}
		if bt := plan.TypeOf(l.Body); !types.Equal(bt, types.Integer) {
			return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> requires return <expectedType> type, but the actual is <actualType> type.",
				map[string]string{"sqlExpr": hofCall(name, x), "functionName": "`lambdafunction`", "expectedType": `"INT"`, "actualType": sqlType(bt)})
		}
		c := hof(name, x, at, plan.NullableOf(args[0]))
		if cmp == nil {
			c.Fn = "array_sort_asc" // the default order, which runs without the lambda
		}
		return c, nil
	}, "array_sort")
}

// defaultComparator is array_sort's comparator when none is given: NULLs last, then
// ascending order by < and >.
func defaultComparator(p lambdaParam) *plan.Lambda {
	l := &plan.LambdaVar{Name: "left", Type: p.t, Null: p.null, ID: plan.NewExprID()}
	r := &plan.LambdaVar{Name: "right", Type: p.t, Null: p.null, ID: plan.NewExprID()}
	isNull := func(v plan.Expr) plan.Expr {
		return &plan.Call{Fn: "isnull", Args: []plan.Expr{v}, Type: types.Boolean, Form: plan.FormPostfix, Display: "IS NULL"}
	}
	cmp := func(op string) plan.Expr {
		return &plan.Call{Fn: op, Args: []plan.Expr{l, r}, Type: types.Boolean, Null: p.null, Form: plan.FormInfix, Display: op}
	}
	iff := func(c, x, y plan.Expr) plan.Expr {
		return &plan.Call{Fn: "if", Args: []plan.Expr{c, x, y}, Type: types.Integer, Form: plan.FormParenthesized, Display: "IF"}
	}
	both := &plan.Call{Fn: "and", Args: []plan.Expr{isNull(l), isNull(r)}, Type: types.Boolean, Form: plan.FormInfix, Display: "AND"}
	body := iff(both, intLit(0), iff(isNull(l), intLit(1), iff(isNull(r), intLit(-1),
		iff(cmp("<"), intLit(-1), iff(cmp(">"), intLit(1), intLit(0))))))
	return &plan.Lambda{Params: []string{"left", "right"}, Body: body, Vars: []*plan.LambdaVar{l, r}}
}

func sameTypeIgnoringNullability(a, b types.DataType) bool {
	return types.EqualIgnoreNullability(a, b)
}

// containsMap reports whether t is or contains a map (not allowed as a map key).
func containsMap(t types.DataType) bool {
	switch t := t.(type) {
	case types.MapType:
		return true
	case types.ArrayType:
		return containsMap(t.ElementType)
	case *types.StructType:
		for _, f := range t.Fields {
			if containsMap(f.DataType) {
				return true
			}
		}
	}
	return false
}
