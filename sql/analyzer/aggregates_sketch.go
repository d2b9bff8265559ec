package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Spark's DataSketches aggregates: hll_sketch_agg, hll_union_agg, theta_sketch_agg,
// theta_union_agg, theta_intersection_agg and kll_sketch_agg_{bigint,float,double}. They
// take their inputs as they are (Spark's ExpectsInputTypes: no implicit casts) and give
// the sketch's binary image. The lgConfigK / lgNomEntries checks happen when the query
// runs (physical/aggregate), as in Spark; kll's k is checked here, as Spark's type check
// does.

func init() {
	register(AggregateFunction, resolveHLLSketchAgg, "hll_sketch_agg")
	register(AggregateFunction, resolveHLLUnionAgg, "hll_union_agg")
	register(AggregateFunction, resolveThetaSketchAgg, "theta_sketch_agg")
	register(AggregateFunction, resolveThetaUnionAgg, "theta_union_agg")
	register(AggregateFunction, resolveThetaIntersectionAgg, "theta_intersection_agg")
	register(AggregateFunction, resolveKLLSketchAgg, "kll_sketch_agg_bigint", "kll_sketch_agg_float", "kll_sketch_agg_double")
}

// sketchTypeIn reports whether t is one of the accepted types (strings of any collation
// match StringType).
func sketchTypeIn(t types.DataType, accepted ...types.DataType) bool {
	for _, a := range accepted {
		switch a.(type) {
		case types.StringType:
			if _, ok := t.(types.StringType); ok {
				return true
			}
			continue
		}
		if types.Equal(t, a) {
			return true
		}
	}
	return false
}

// checkSketchArgs checks each argument against its accepted types (Spark's
// ExpectsInputTypes), failing with UNEXPECTED_INPUT_TYPE for the first mismatch.
func checkSketchArgs(call string, args []plan.Expr, accepted [][]types.DataType, required []string) error {
	for i, arg := range args {
		if i >= len(accepted) {
			break
		}
		if !sketchTypeIn(plan.TypeOf(arg), accepted[i]...) {
			return unexpectedInputType(call, i, required[i], arg)
		}
	}
	return nil
}

func sketchAggCall(name string, args []plan.Expr, f *plan.UnresolvedFunction) *plan.AggregateCall {
	return &plan.AggregateCall{Fn: name, Args: args, Distinct: f.Distinct, Type: types.Binary, Null: false, Display: name}
}

// sketchConstantError is the SparkRuntimeException Spark raises when the aggregate first
// runs with a non-constant parameter; here it is raised while resolving (the query cannot
// run either way).
func sketchConstantError(class, fn, what string) error {
	return sparkerror.New(sparkerror.Runtime, class, "42K0E",
		"Invalid call to <function>; the `"+what+"` value must be a constant value, but got a non-constant expression.",
		map[string]string{"function": "`" + fn + "`"})
}

var (
	hllInputTypes = []types.DataType{types.Integer, types.Long, types.String, types.Binary}
	hllInputText  = `("INT" or "BIGINT" or "STRING" or "BINARY")`
)

func resolveHLLSketchAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 1 {
		full = append(full, intLit(12))
	}
	call := callText(name, full)
	if err := checkSketchArgs(call, full, [][]types.DataType{hllInputTypes, {types.Integer}},
		[]string{hllInputText, `"INT"`}); err != nil {
		return nil, err
	}
	if !isFoldable(full[1]) {
		return nil, sketchConstantError("HLL_K_MUST_BE_CONSTANT", name, "K")
	}
	return sketchAggCall(name, full, f), nil
}

func resolveHLLUnionAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 1 {
		full = append(full, &plan.Literal{Type: types.Boolean, Value: false, Text: "false"})
	}
	call := callText(name, full)
	if err := checkSketchArgs(call, full, [][]types.DataType{{types.Binary}, {types.Boolean}},
		[]string{`"BINARY"`, `"BOOLEAN"`}); err != nil {
		return nil, err
	}
	return sketchAggCall(name, full, f), nil
}

var (
	thetaInputTypes = []types.DataType{types.NewArray(types.Integer, true), types.NewArray(types.Integer, false),
		types.NewArray(types.Long, true), types.NewArray(types.Long, false), types.Binary, types.Double, types.Float,
		types.Integer, types.Long, types.String}
	thetaInputText = `("ARRAY<INT>" or "ARRAY<BIGINT>" or "BINARY" or "DOUBLE" or "FLOAT" or "INT" or "BIGINT" or "STRING")`
)

func resolveThetaSketchAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 1 {
		full = append(full, intLit(12))
	}
	call := callText(name, full)
	if err := checkSketchArgs(call, full, [][]types.DataType{thetaInputTypes, {types.Integer}},
		[]string{thetaInputText, `"INT"`}); err != nil {
		return nil, err
	}
	if !isFoldable(full[1]) {
		return nil, sketchConstantError("THETA_LG_NOM_ENTRIES_MUST_BE_CONSTANT", name, "lgNomEntries")
	}
	return sketchAggCall(name, full, f), nil
}

func resolveThetaUnionAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 1 {
		full = append(full, intLit(12))
	}
	call := callText(name, full)
	if err := checkSketchArgs(call, full, [][]types.DataType{{types.Binary}, {types.Integer}},
		[]string{`"BINARY"`, `"INT"`}); err != nil {
		return nil, err
	}
	if !isFoldable(full[1]) {
		return nil, sketchConstantError("THETA_LG_NOM_ENTRIES_MUST_BE_CONSTANT", name, "lgNomEntries")
	}
	return sketchAggCall(name, full, f), nil
}

func resolveThetaIntersectionAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	if err := checkSketchArgs(callText(name, args), args, [][]types.DataType{{types.Binary}}, []string{`"BINARY"`}); err != nil {
		return nil, err
	}
	return sketchAggCall(name, args, f), nil
}

// kllAggInputs are the accepted input types of each kll_sketch_agg_* and their text.
var kllAggInputs = map[string]struct {
	types []types.DataType
	text  string
}{
	"kll_sketch_agg_bigint": {[]types.DataType{types.Byte, types.Integer, types.Long, types.Short},
		`("TINYINT" or "INT" or "BIGINT" or "SMALLINT")`},
	"kll_sketch_agg_float":  {[]types.DataType{types.Float}, `"FLOAT"`},
	"kll_sketch_agg_double": {[]types.DataType{types.Float, types.Double}, `("FLOAT" or "DOUBLE")`},
}

func resolveKLLSketchAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	in := kllAggInputs[name]
	call := callText(name, args)
	quoted := `"` + call + `"`
	if err := checkSketchArgs(call, args, [][]types.DataType{in.types, {types.Integer}},
		[]string{in.text, `"INT"`}); err != nil {
		return nil, err
	}
	if len(args) == 2 {
		k := args[1]
		if !isFoldable(k) {
			return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
				map[string]string{"sqlExpr": quoted, "inputName": "k", "inputType": "int", "inputExpr": k.String()})
		}
		v, ok, err := foldInt(k)
		if err == nil {
			if !ok {
				return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
					map[string]string{"sqlExpr": quoted, "exprName": "k"})
			}
			if v < 8 || v > 65535 {
				msg := "[KLL_SKETCH_K_OUT_OF_RANGE] For function `" + name + "`, the k parameter must be between 8 and 65535 (inclusive), but got " +
					itoa(int(v)) + ". SQLSTATE: 22003"
				return nil, analysisError("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: <msg><hint>.",
					map[string]string{"sqlExpr": quoted, "msg": msg, "hint": ""})
			}
		}
	}
	return sketchAggCall(name, args, f), nil
}

func init() {
	register(AggregateFunction, resolveCountMinSketch, "count_min_sketch")
}

// resolveCountMinSketch is count_min_sketch(x, eps, confidence, seed): Spark's count-min
// sketch of integral, string or binary values, with eps, confidence and seed constants.
func resolveCountMinSketch(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 4); err != nil {
		return nil, err
	}
	call := callText(name, args)
	quoted := `"` + call + `"`
	integral := []types.DataType{types.Byte, types.Short, types.Integer, types.Long, types.String, types.Binary}
	if err := checkSketchArgs(call, args, [][]types.DataType{integral, {types.Double}, {types.Double}, {types.Integer, types.Long}},
		[]string{`("INTEGRAL" or "STRING" or "BINARY")`, `"DOUBLE"`, `"DOUBLE"`, `("INT" or "BIGINT")`}); err != nil {
		return nil, err
	}
	names := []string{"eps", "confidence", "seed"}
	for i, n := range names {
		e := args[i+1]
		if !isFoldable(e) {
			return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
				map[string]string{"sqlExpr": quoted, "inputName": quoteID(n), "inputType": sqlType(plan.TypeOf(e)), "inputExpr": sqlExpr(e)})
		}
	}
	unexpectedNull := func(n string) error {
		return analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
			map[string]string{"sqlExpr": quoted, "exprName": n})
	}
	outOfRange := func(n, valueRange string, v float64) error {
		return analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
			map[string]string{"sqlExpr": quoted, "exprName": n, "valueRange": valueRange, "currentValue": javaDoubleSQL(v)})
	}
	consts := [2]float64{0.5, 0.5} // in range when not known here (checked when run)
	for i := 0; i < 3; i++ {
		if i < 2 {
			v, null, known := sketchConstDouble(args[i+1])
			if !known {
				continue
			}
			if null {
				return nil, unexpectedNull(names[i])
			}
			consts[i] = v
			continue
		}
		if _, ok, err := foldInt(args[3]); err == nil && !ok {
			return nil, unexpectedNull("seed")
		}
	}
	if consts[0] <= 0 {
		return nil, outOfRange("eps", "(0.0, 1.7976931348623157E308]", consts[0])
	}
	if consts[1] <= 0 || consts[1] >= 1 {
		return nil, outOfRange("confidence", "(0.0, 1.0]", consts[1])
	}
	return sketchAggCall(name, args, f), nil
}

// sketchConstDouble reads a DOUBLE literal (through casts and aliases); known is false
// when the expression is not one.
func sketchConstDouble(e plan.Expr) (v float64, null, known bool) {
	for {
		switch x := e.(type) {
		case *plan.Cast:
			e = x.Child
			continue
		case *plan.Alias:
			e = x.Child
			continue
		case *plan.Literal:
			if x.Value == nil {
				return 0, true, true
			}
			f, ok := literalFloat(x)
			return f, false, ok
		}
		return 0, false, false
	}
}

func init() {
	register(AggregateFunction, resolveApproxTopK, "approx_top_k")
}

// resolveApproxTopK is approx_top_k(expr [, k [, maxItemsTracked]]): the k most frequent
// values with their estimated counts. k and maxItemsTracked are cast to INT and must be
// constant; their values are checked when the query runs (physical/aggregate).
func resolveApproxTopK(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2, 3); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) < 2 {
		full = append(full, intLit(5))
	}
	if len(full) < 3 {
		full = append(full, intLit(10000))
	}
	x, err := a.implicit(name, full[1:], []coercion.Expected{coercion.Exact(types.Integer)}, []string{`"INT"`})
	if err != nil {
		call := callText(name, full)
		for i, arg := range full[1:] {
			if _, ok := a.coerce.ImplicitCast(plan.TypeOf(arg), coercion.Exact(types.Integer)); !ok {
				return nil, unexpectedInputType(call, i+1, `"INT"`, arg)
			}
		}
		return nil, err
	}
	full = append(full[:1], x...)
	quoted := `"` + callText(name, full) + `"`
	failure := func(msg string) error {
		return analysisError("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: <msg><hint>.",
			map[string]string{"sqlExpr": quoted, "msg": msg, "hint": ""})
	}
	item := plan.TypeOf(full[0])
	switch item.(type) {
	case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DateType, types.TimestampType, types.TimestampNTZType, types.StringType, types.DecimalType:
	default:
		return nil, failure(sketchTypeName(item) + " columns are not supported")
	}
	if !isFoldable(full[1]) {
		return nil, failure("K must be a constant literal")
	}
	if !isFoldable(full[2]) {
		return nil, failure("Number of items tracked must be a constant literal")
	}
	t := types.NewArray(types.NewStruct(types.NewField("item", item, true), types.NewField("count", types.Long, false)), false)
	return &plan.AggregateCall{Fn: name, Args: full, Distinct: f.Distinct, Type: t, Null: false, Display: name}, nil
}

// sketchTypeName is Spark's DataType.typeName: the simple string without parameters.
func sketchTypeName(t types.DataType) string {
	s := t.SimpleString()
	if i := strings.IndexAny(s, "<("); i >= 0 {
		s = s[:i]
	}
	return s
}

func init() {
	register(AggregateFunction, resolveApproxTopKAccumulate, "approx_top_k_accumulate")
	register(AggregateFunction, resolveApproxTopKCombine, "approx_top_k_combine")
	register(ScalarFunction, resolveApproxTopKEstimate, "approx_top_k_estimate")
}

// approxTopKItemOK reports whether approx_top_k takes items of type t.
func approxTopKItemOK(t types.DataType) bool {
	switch t.(type) {
	case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DateType, types.TimestampType, types.TimestampNTZType, types.StringType, types.DecimalType:
		return true
	}
	return false
}

// topKStateType is the struct of approx_top_k_accumulate and approx_top_k_combine.
func topKStateType(item types.DataType) types.DataType {
	return types.NewStruct(types.NewField("sketch", types.Binary, false), types.NewField("maxItemsTracked", types.Integer, false),
		types.NewField("itemDataType", item, true), types.NewField("itemDataTypeDDL", types.String, false))
}

// topKIntArgs casts the integer parameters of the approx_top_k functions (from position
// first on) to INT, failing with UNEXPECTED_INPUT_TYPE.
func (a *analyzer) topKIntArgs(name string, full []plan.Expr, first int) ([]plan.Expr, error) {
	call := callText(name, full)
	out := append([]plan.Expr(nil), full...)
	for i := first; i < len(full); i++ {
		t, ok := a.coerce.ImplicitCast(plan.TypeOf(full[i]), coercion.Exact(types.Integer))
		if !ok {
			return nil, unexpectedInputType(call, i, `"INT"`, full[i])
		}
		out[i] = castTo(full[i], t)
	}
	return out, nil
}

func topKCheckFailure(call, msg string) error {
	return analysisError("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: <msg><hint>.",
		map[string]string{"sqlExpr": `"` + call + `"`, "msg": msg, "hint": ""})
}

// topKCheckState is Spark's check of an approx_top_k state argument; it returns the item
// type.
func topKCheckState(call string, state plan.Expr) (types.DataType, error) {
	st, ok := plan.TypeOf(state).(*types.StructType)
	if !ok {
		return nil, unexpectedInputType(call, 0, `"STRUCT"`, state)
	}
	if len(st.Fields) != 4 {
		return nil, topKCheckFailure(call, "State must be a struct with 4 fields. Expected struct: "+
			"struct<sketch:binary,maxItemsTracked:int,itemDataType:any,itemDataTypeDDL:string>. Got: "+st.SimpleString())
	}
	f := st.Fields
	switch {
	case !types.Equal(f[0].DataType, types.Binary):
		return nil, topKCheckFailure(call, "State struct must have the first field to be binary. Got: "+f[0].DataType.SimpleString())
	case !types.Equal(f[1].DataType, types.Integer):
		return nil, topKCheckFailure(call, "State struct must have the second field to be int. Got: "+f[1].DataType.SimpleString())
	case !approxTopKItemOK(f[2].DataType):
		return nil, topKCheckFailure(call, "State struct must have the third field to be a supported data type. Got: "+f[2].DataType.SimpleString())
	}
	if _, ok := f[3].DataType.(types.StringType); !ok {
		return nil, topKCheckFailure(call, "State struct must have the fourth field to be string. Got: "+f[3].DataType.SimpleString())
	}
	return f[2].DataType, nil
}

// resolveApproxTopKAccumulate is approx_top_k_accumulate(expr [, maxItemsTracked]): the
// approx_top_k sketch of the values, as a state struct.
func resolveApproxTopKAccumulate(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) < 2 {
		full = append(full, intLit(10000))
	}
	full, err := a.topKIntArgs(name, full, 1)
	if err != nil {
		return nil, err
	}
	call := callText(name, full)
	item := plan.TypeOf(full[0])
	if !approxTopKItemOK(item) {
		return nil, topKCheckFailure(call, sketchTypeName(item)+" columns are not supported")
	}
	if !isFoldable(full[1]) {
		return nil, topKCheckFailure(call, "Number of items tracked must be a constant literal")
	}
	return &plan.AggregateCall{Fn: name, Args: full, Distinct: f.Distinct, Type: topKStateType(item), Null: false, Display: name}, nil
}

// resolveApproxTopKCombine is approx_top_k_combine(state [, maxItemsTracked]): the union
// of approx_top_k states.
func resolveApproxTopKCombine(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) < 2 {
		full = append(full, intLit(-1))
	}
	full, err := a.topKIntArgs(name, full, 1)
	if err != nil {
		return nil, err
	}
	call := callText(name, full)
	item, err := topKCheckState(call, full[0])
	if err != nil {
		return nil, err
	}
	if !isFoldable(full[1]) {
		return nil, topKCheckFailure(call, "Number of items tracked must be a constant literal")
	}
	return &plan.AggregateCall{Fn: name, Args: full, Distinct: f.Distinct, Type: topKStateType(item), Null: false, Display: name}, nil
}

// resolveApproxTopKEstimate is approx_top_k_estimate(state [, k]): the top k items of a
// state.
func resolveApproxTopKEstimate(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) < 2 {
		full = append(full, intLit(5))
	}
	full, err := a.topKIntArgs(name, full, 1)
	if err != nil {
		return nil, err
	}
	call := callText(name, full)
	item, err := topKCheckState(call, full[0])
	if err != nil {
		return nil, err
	}
	if !isFoldable(full[1]) {
		return nil, topKCheckFailure(call, "K must be a constant literal")
	}
	t := types.NewArray(types.NewStruct(types.NewField("item", item, true), types.NewField("count", types.Long, false)), false)
	return &plan.Call{Fn: name, Args: full, Type: t, Null: false, Display: name, ANSI: a.opts.ANSI}, nil
}
