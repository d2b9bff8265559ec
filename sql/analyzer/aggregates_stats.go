package analyzer

import (
	"strconv"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The statistical and ordered-set aggregates: try_sum/try_avg, covariance, correlation and
// regr_*, bit_and/bit_or/bit_xor, the exact percentiles (percentile, median,
// percentile_cont, percentile_disc), listagg/string_agg, and the nth_value window function.

func init() {
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if len(args) != 1 {
			return nil, wrongNumArgs(name, "[1, 2]", len(args))
		}
		resolve := resolveSum
		if name == "try_avg" {
			resolve = resolveAvg
		}
		r, err := resolve(a, name, args, f)
		if err != nil {
			return nil, err
		}
		r.(*plan.AggregateCall).Fn = name
		return r, nil
	}, "try_sum", "try_avg")

	// Two DOUBLE arguments, a DOUBLE result.
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Double)}, []string{`"DOUBLE"`})
		if err != nil {
			return nil, err
		}
		return &plan.AggregateCall{Fn: name, Args: x, Distinct: f.Distinct, Type: types.Double, Null: true, Display: name}, nil
	}, "corr", "covar_pop", "covar_samp", "regr_r2", "regr_sxx", "regr_syy", "regr_sxy", "regr_slope", "regr_intercept")

	// regr_count and regr_avgx/regr_avgy take any numbers: count(y, x) and avg over the
	// pairs where both are non-null.
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyNumeric}, []string{`"NUMERIC"`})
		if err != nil {
			return nil, err
		}
		call := &plan.AggregateCall{Fn: name, Args: x, Distinct: f.Distinct, Null: true, Display: name, ANSI: a.opts.ANSI}
		switch name {
		case "regr_count":
			call.Type, call.Null = types.Long, false
		default:
			pick := plan.TypeOf(x[1])
			if name == "regr_avgy" {
				pick = plan.TypeOf(x[0])
			}
			call.Type = types.Double
			if d, ok := pick.(types.DecimalType); ok {
				call.Type = boundedDecimal(d.Precision+4, d.Scale+4)
			}
		}
		return call, nil
	}, "regr_count", "regr_avgx", "regr_avgy")

	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyIntegral}, []string{`"INTEGRAL"`})
		if err != nil {
			return nil, err
		}
		return &plan.AggregateCall{Fn: name, Args: x, Distinct: f.Distinct, Type: plan.TypeOf(x[0]), Null: true, Display: name}, nil
	}, "bit_and", "bit_or", "bit_xor")

	register(AggregateFunction, resolvePercentile, "percentile", "median")
	register(AggregateFunction, resolvePercentileWithinGroup, "percentile_cont", "percentile_disc")
	register(AggregateFunction, resolveListagg, "listagg", "string_agg")
	register(WindowFunction, resolveNthValue, "nth_value")
	register(AggregateFunction, resolveHistogramNumeric, "histogram_numeric")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		x := append([]plan.Expr(nil), args...)
		if len(x) == 2 {
			rsd, err := a.implicit(name, x[1:], []coercion.Expected{coercion.Exact(types.Double)}, []string{`"DOUBLE"`})
			if err != nil {
				return nil, err
			}
			if !isFoldable(x[1]) {
				return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
					map[string]string{"sqlExpr": `"` + name + "(" + joinExprs(args) + `)"`, "inputName": "`relativeSD`", "inputType": `"DOUBLE"`, "inputExpr": sqlExpr(x[1])})
			}
			x[1] = rsd[0]
		}
		return &plan.AggregateCall{Fn: name, Args: x, Distinct: f.Distinct, Type: types.Long, Display: name}, nil
	}, "approx_count_distinct")
	register(AggregateFunction, resolveMode, "mode")
}

// resolveMode is mode(v), mode(v, deterministic) and mode() WITHIN GROUP (ORDER BY v). As
// in Spark, an ascending WITHIN GROUP and deterministic = true both break ties towards the
// smallest value and name the ordering "DESC" (Spark's reverse flag); a descending one
// breaks them towards the largest.
func resolveMode(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if f.Distinct {
		return nil, withinGroupError("DISTINCT_UNSUPPORTED", name, nil)
	}
	switch {
	case len(args) == 0 && len(f.WithinGroup) == 0:
		return nil, withinGroupError("WITHIN_GROUP_MISSING", name, nil)
	case len(args) == 0:
		if len(f.WithinGroup) != 1 {
			return nil, withinGroupError("WRONG_NUM_ORDERINGS", name, map[string]string{"expectedNum": "1", "actualNum": itoa(len(f.WithinGroup))})
		}
		o := f.WithinGroup[0]
		order := &plan.SortOrder{Child: o.Child, Descending: !o.Descending, NullsFirst: o.NullsFirst, Explicit: o.Explicit}
		return &plan.AggregateCall{Fn: name, WithinGroup: []*plan.SortOrder{order}, ShortOrder: true,
			Type: plan.TypeOf(o.Child), Null: true, Display: name}, nil
	case len(args) > 2:
		return nil, wrongNumArgs(name, "0", len(args))
	}
	if len(f.WithinGroup) > 0 {
		return nil, analysisError("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "42000",
			"Invalid SQL syntax: The function <prettyName> does not support <syntax>.",
			map[string]string{"prettyName": quoteID(name), "syntax": "WITHIN GROUP (ORDER BY ...)"})
	}
	if len(args) == 2 {
		if !isFoldable(args[1]) {
			return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
				map[string]string{"sqlExpr": `"` + name + "(" + joinExprs(args) + `)"`, "inputName": "`deterministic`", "inputType": `"BOOLEAN"`, "inputExpr": sqlExpr(args[1])})
		}
		lit, ok := args[1].(*plan.Literal)
		if !ok || !types.Equal(lit.Type, types.Boolean) {
			return nil, unexpectedInputType(name+"("+joinExprs(args)+")", 1, `"BOOLEAN"`, args[1])
		}
		if lit.Value == true {
			order := &plan.SortOrder{Child: args[0], Descending: true}
			return &plan.AggregateCall{Fn: name, WithinGroup: []*plan.SortOrder{order}, ShortOrder: true,
				Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
		}
	}
	return &plan.AggregateCall{Fn: name, Args: args[:1], Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
}

// resolveHistogramNumeric is histogram_numeric(v, nb): ARRAY<STRUCT<x: v's type, y: DOUBLE>>.
func resolveHistogramNumeric(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	v, err := a.implicit(name, args[:1], []coercion.Expected{coercion.OneOf(coercion.AnyNumeric, coercion.Exact(types.Date),
		coercion.Exact(types.Timestamp), coercion.Exact(types.TimestampNTZ), coercion.AnyYearMonthInterval, coercion.AnyDayTimeInterval)},
		[]string{`("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`})
	if err != nil {
		return nil, err
	}
	nb, err := a.implicit(name, args[1:], []coercion.Expected{coercion.Exact(types.Integer)}, []string{`"INT"`})
	if err != nil {
		return nil, err
	}
	call := `"` + name + "(" + joinExprs(args) + `)"`
	if !isFoldable(args[1]) {
		return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
			map[string]string{"sqlExpr": call, "inputName": "`nb`", "inputType": `"INT"`, "inputExpr": sqlExpr(args[1])})
	}
	if n, ok, ferr := foldInt(args[1]); ferr == nil {
		if !ok {
			return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
				map[string]string{"sqlExpr": call, "exprName": "nb"})
		}
		if n < 2 {
			return nil, analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"sqlExpr": call, "exprName": "nb", "valueRange": "[2, 2147483647]", "currentValue": strconv.FormatInt(n, 10)})
		}
	}
	st := types.NewStruct(types.NewField("x", plan.TypeOf(v[0]), true), types.NewField("y", types.Double, true))
	return &plan.AggregateCall{Fn: name, Args: []plan.Expr{v[0], nb[0]}, Distinct: f.Distinct, Type: types.NewArray(st, true), Null: true, Display: name}, nil
}

// percentileResult is the result type of a percentile over values of type t.
func percentileResult(t types.DataType) types.DataType {
	switch t.(type) {
	case types.YearMonthIntervalType:
		return types.DefaultYearMonthInterval
	case types.DayTimeIntervalType:
		return types.DefaultDayTimeInterval
	}
	return types.Double
}

var numericOrInterval = coercion.OneOf(coercion.AnyNumeric, coercion.AnyAnsiInterval)

const numericOrIntervalText = `("NUMERIC" or "ANSI INTERVAL")`

// percentageArg casts a percentage (DOUBLE or ARRAY<DOUBLE>) and checks that it is
// constant, non-null and within [0, 1] when its value is known here.
func (a *analyzer) percentageArg(call string, i int, p plan.Expr, sqlName string) (plan.Expr, error) {
	t := plan.TypeOf(p)
	want := coercion.Exact(types.Double)
	text := `"DOUBLE"`
	if _, isArray := t.(types.ArrayType); isArray {
		want = coercion.ArrayOf(coercion.Exact(types.Double))
		text = `"ARRAY<DOUBLE>"`
	}
	ct, ok := a.coerce.ImplicitCast(t, want)
	if !ok {
		return nil, unexpectedInputType(call, i, text, p)
	}
	if _, isArray := t.(types.ArrayType); isArray {
		ct = types.NewArray(types.Double, false)
	}
	x := castTo(p, ct)
	if !isFoldable(p) {
		return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
			map[string]string{"sqlExpr": `"` + sqlName + `"`, "inputName": "`percentage`", "inputType": sqlType(ct), "inputExpr": sqlExpr(p)})
	}
	if lit, isLit := p.(*plan.Literal); isLit {
		if lit.Value == nil {
			return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
				map[string]string{"sqlExpr": `"` + sqlName + `"`, "exprName": "percentage"})
		}
		if v, ok := literalFloat(lit); ok && (v < 0 || v > 1) {
			return nil, analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"sqlExpr": `"` + sqlName + `"`, "exprName": "percentage", "valueRange": "[0.0, 1.0]",
					"currentValue": strconv.FormatFloat(v, 'f', -1, 64)})
		}
	}
	return x, nil
}

// literalFloat reads a numeric literal's value.
func literalFloat(l *plan.Literal) (float64, bool) {
	switch v := l.Value.(type) {
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case float32:
		return float64(v), true
	case float64:
		return v, true
	}
	if f, err := strconv.ParseFloat(l.Text, 64); err == nil {
		return f, true
	}
	return 0, false
}

// resolvePercentile is percentile(v, p [, frequency]) and median(v).
func resolvePercentile(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if name == "median" {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
	} else if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if name == "percentile" && len(full) == 2 {
		full = append(full, &plan.Literal{Type: types.Long, Value: int64(1), Text: "1"})
	}
	call := name + "(" + joinExprs(full) + ")"
	v, err := a.implicit(name, full[:1], []coercion.Expected{numericOrInterval}, []string{numericOrIntervalText})
	if err != nil {
		return nil, err
	}
	x := []plan.Expr{v[0]}
	if name == "percentile" {
		p, err := a.percentageArg(call, 1, full[1], call)
		if err != nil {
			return nil, err
		}
		fr, err := a.implicit(name, full[2:], []coercion.Expected{coercion.AnyIntegral}, []string{`"INTEGRAL"`})
		if err != nil {
			return nil, err
		}
		x = append(x, p, fr[0])
	}
	t := percentileResult(plan.TypeOf(x[0]))
	if name == "percentile" {
		if _, isArray := plan.TypeOf(x[1]).(types.ArrayType); isArray {
			t = types.NewArray(t, false)
		}
	}
	return &plan.AggregateCall{Fn: name, Args: x, Distinct: f.Distinct, Type: t, Null: true, Display: name}, nil
}

func withinGroupError(sub, fn string, extra map[string]string) error {
	params := map[string]string{"funcName": quoteID(fn)}
	for k, v := range extra {
		params[k] = v
	}
	msg := map[string]string{
		"DISTINCT_UNSUPPORTED":         "The function <funcName> does not support DISTINCT with WITHIN GROUP.",
		"WITHIN_GROUP_MISSING":         "WITHIN GROUP is required for the function <funcName>.",
		"WRONG_NUM_ORDERINGS":          "The function <funcName> requires <expectedNum> orderings in WITHIN GROUP but got <actualNum>.",
		"MISMATCH_WITH_DISTINCT_INPUT": "The function <funcName> is invoked with DISTINCT and WITHIN GROUP but expressions <funcArg> and <orderingExpr> do not match. The WITHIN GROUP ordering expression must be picked from the function inputs.",
	}[sub]
	return analysisError("INVALID_WITHIN_GROUP_EXPRESSION."+sub, "42K0K",
		"Invalid function <funcName> with WITHIN GROUP. "+msg, params)
}

// resolvePercentileWithinGroup is percentile_cont(p) / percentile_disc(p) WITHIN GROUP
// (ORDER BY v [DESC]).
func resolvePercentileWithinGroup(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if f.Distinct {
		return nil, withinGroupError("DISTINCT_UNSUPPORTED", name, nil)
	}
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	if len(f.WithinGroup) == 0 {
		return nil, withinGroupError("WITHIN_GROUP_MISSING", name, nil)
	}
	if len(f.WithinGroup) != 1 {
		return nil, withinGroupError("WRONG_NUM_ORDERINGS", name, map[string]string{"expectedNum": "1", "actualNum": itoa(len(f.WithinGroup))})
	}
	o := f.WithinGroup[0]
	internal := name + "(" + o.Child.String() + ", " + args[0].String() + ")"
	v, err := a.implicit(name, []plan.Expr{o.Child}, []coercion.Expected{numericOrInterval}, []string{numericOrIntervalText})
	if err != nil {
		return nil, err
	}
	p, err := a.percentageArg(internal, 1, args[0], internal)
	if err != nil {
		return nil, err
	}
	order := &plan.SortOrder{Child: v[0], Descending: o.Descending, NullsFirst: o.NullsFirst, Explicit: o.Explicit}
	fn := name
	if name == "percentile_disc" && a.flag(confLegacyPercentileDisc, false) {
		// spark.sql.legacy.percentileDiscCalculation, bound when the call is resolved.
		fn = "percentile_disc_legacy"
	}
	return &plan.AggregateCall{Fn: fn, Args: []plan.Expr{p}, WithinGroup: []*plan.SortOrder{order}, ShortOrder: true,
		Type: percentileResult(plan.TypeOf(v[0])), Null: true, Display: name}, nil
}

// resolveListagg is listagg/string_agg(value [, delimiter]) [WITHIN GROUP (ORDER BY ...)].
func resolveListagg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 1 {
		full = append(full, &plan.Literal{Type: types.Null, Text: "NULL"})
	}
	call := "listagg(" + joinExprs(full) + ")"
	vt := plan.TypeOf(full[0])
	switch vt.(type) {
	case types.StringType, types.BinaryType:
	case types.NullType:
		full[0] = castTo(full[0], types.String)
		vt = types.String
	default:
		// Other atomic values are cast to STRING (Spark's implicit casts).
		ct, ok := a.coerce.ImplicitCast(vt, coercion.OneOf(coercion.AnyString, coercion.AnyBinary))
		if !ok {
			return nil, unexpectedInputType(call, 0, `("STRING" or "BINARY")`, full[0])
		}
		full[0], vt = castTo(full[0], ct), ct
	}
	dt := plan.TypeOf(full[1])
	switch dt.(type) {
	case types.NullType:
		full[1] = castTo(full[1], vt)
	case types.StringType, types.BinaryType:
		if !types.Equal(dt, vt) {
			return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's <dataType>.",
				map[string]string{"sqlExpr": `"` + call + `"`, "functionName": "`listagg`",
					"dataType": "(" + sqlType(vt) + " or " + sqlType(dt) + ")"})
		}
	default:
		return nil, unexpectedInputType(call, 1, `("STRING" or "BINARY")`, full[1])
	}
	if !isFoldable(full[1]) {
		return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
			map[string]string{"sqlExpr": `"` + call + `"`, "inputName": "`delimiter`", "inputType": sqlType(dt), "inputExpr": sqlExpr(full[1])})
	}
	if f.Distinct && len(f.WithinGroup) > 0 {
		match := len(f.WithinGroup) == 1 && plan.SemanticKey(f.WithinGroup[0].Child) == plan.SemanticKey(args[0])
		if !match {
			keys := make([]string, len(f.WithinGroup))
			for i, o := range f.WithinGroup {
				keys[i] = sqlExpr(o.Child)
			}
			return nil, withinGroupError("MISMATCH_WITH_DISTINCT_INPUT", "listagg", map[string]string{
				"funcArg": sqlExpr(args[0]), "orderingExpr": joinStrings(keys, ", ")})
		}
	}
	for _, o := range f.WithinGroup {
		if err := checkOrderable(o.Child); err != nil {
			return nil, err
		}
	}
	return &plan.AggregateCall{Fn: "listagg", Args: full, Distinct: f.Distinct, WithinGroup: f.WithinGroup,
		Type: vt, Null: true, Display: "listagg"}, nil
}

func joinStrings(parts []string, sep string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += sep
		}
		s += p
	}
	return s
}

// resolveNthValue is nth_value(input, offset) [IGNORE NULLS], a window function over the
// aggregate-style frame (the physical window operator evaluates it by name).
func resolveNthValue(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	ignore := f.HasNulls && f.IgnoreNulls
	if len(args) == 3 {
		lit, ok := args[2].(*plan.Literal)
		b, isBool := false, false
		if ok {
			b, isBool = lit.Value.(bool)
		}
		if !isBool {
			return nil, unexpectedInputType(name+"("+joinExprs(args)+")", 2, `"BOOLEAN"`, args[2])
		}
		ignore = ignore || b
		args = args[:2]
	}
	if !isFoldable(args[1]) {
		return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
			map[string]string{"sqlExpr": `"` + name + "(" + joinExprs(args) + `)"`, "inputName": "`offset`", "inputType": `"INT"`, "inputExpr": sqlExpr(args[1])})
	}
	off, err := a.implicit(name, args[1:], []coercion.Expected{coercion.Exact(types.Integer)}, []string{`"INT"`})
	if err != nil {
		return nil, err
	}
	if v, ok, ferr := foldInt(args[1]); ferr == nil && ok && v <= 0 {
		return nil, analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
			map[string]string{"sqlExpr": `"` + name + "(" + joinExprs(args) + `)"`, "exprName": "offset",
				"valueRange": "(0, 9223372036854775807]", "currentValue": strconv.FormatInt(v, 10) + "L"})
	}
	return &plan.AggregateCall{Fn: "nth_value", Args: []plan.Expr{args[0], off[0]}, IgnoreNulls: ignore,
		Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
}

// resolveWithinGroup resolves the WITHIN GROUP ordering of a call.
func (a *analyzer) resolveWithinGroup(f *plan.UnresolvedFunction, sc *scope) (*plan.UnresolvedFunction, error) {
	orders := make([]*plan.SortOrder, len(f.WithinGroup))
	for i, o := range f.WithinGroup {
		r, err := a.expr(o.Child, sc)
		if err != nil {
			return nil, err
		}
		orders[i] = &plan.SortOrder{Child: r, Descending: o.Descending, NullsFirst: o.NullsFirst, Explicit: o.Explicit}
	}
	fc := *f
	fc.WithinGroup = orders
	return &fc, nil
}

// checkWithinGroup rejects WITHIN GROUP on functions that do not take it.
func checkWithinGroup(name string, f *plan.UnresolvedFunction, r plan.Expr) error {
	if len(f.WithinGroup) == 0 {
		return nil
	}
	if agg, ok := r.(*plan.AggregateCall); ok && len(agg.WithinGroup) > 0 {
		return nil
	}
	return analysisError("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "42000",
		"Invalid SQL syntax: The function <prettyName> does not support <syntax>.",
		map[string]string{"prettyName": quoteID(name), "syntax": "WITHIN GROUP (ORDER BY ...)"})
}

// checkWindowAggregate applies Spark's window restrictions on aggregates: no FILTER, no
// DISTINCT, and
// the percentiles and listagg WITHIN GROUP only over a whole, unordered partition.
func checkWindowAggregate(f *plan.AggregateCall, w *plan.WindowCall) error {
	spec := w.Spec
	whole := len(spec.OrderBy) == 0 && spec.Frame != nil && spec.Frame.Type == plan.RowsFrame &&
		spec.Frame.Lower.Kind == plan.UnboundedPreceding && spec.Frame.Upper.Kind == plan.UnboundedFollowing
	restricted := false
	internal := f.String()
	switch f.Fn {
	case "percentile_cont", "percentile_disc", "percentile_disc_legacy":
		restricted = true
		internal = f.Display + "(" + f.WithinGroup[0].Child.String() + ", " + f.Args[0].String() + ")"
	case "median":
		restricted = true
	case "listagg":
		restricted = len(f.WithinGroup) > 0
		args := append([]string(nil), f.Args[0].String(), f.Args[1].String())
		for _, o := range f.WithinGroup {
			args = append(args, o.String())
		}
		internal = "listagg(" + joinStrings(args, ", ") + ")"
	}
	if f.Filter != nil {
		return analysisError("_LEGACY_ERROR_TEMP_1030", "",
			"Window aggregate function with filter predicate is not supported yet.", nil)
	}
	if f.Distinct {
		return analysisError("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", "0A000",
			"Distinct window functions are not supported: <windowExpr>.", map[string]string{"windowExpr": sqlExpr(w)})
	}
	if restricted && !whole {
		return analysisError("INVALID_WINDOW_SPEC_FOR_AGGREGATION_FUNC", "42601",
			"Cannot specify ORDER BY or a window frame for <aggFunc>.", map[string]string{"aggFunc": `"` + internal + `"`})
	}
	return nil
}
