package analyzer

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// max_by/min_by and the approximate percentile (percentile_approx, approx_percentile).

// defaultPercentileAccuracy is Spark's ApproximatePercentile.DEFAULT_PERCENTILE_ACCURACY;
// it shows in the column name when the call leaves the accuracy out.
const defaultPercentileAccuracy = 10000

func init() {
	register(AggregateFunction, resolveMaxMinBy, "max_by", "min_by")
	register(AggregateFunction, resolvePercentileApprox, "percentile_approx", "approx_percentile")
}

// resolveMaxMinBy is max_by(x, y) / min_by(x, y): the x of the row with the largest
// (smallest) y; the result has x's type and is always nullable.
func resolveMaxMinBy(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	switch plan.TypeOf(args[1]).(type) {
	case types.MapType, types.VariantType:
		return nil, analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
			map[string]string{"sqlExpr": `"` + name + "(" + joinExprs(args) + `)"`, "functionName": quoteID(name),
				"dataType": sqlType(plan.TypeOf(args[1]))})
	}
	return &plan.AggregateCall{Fn: name, Args: args, Distinct: f.Distinct, Type: plan.TypeOf(args[0]), Null: true, Display: name}, nil
}

var percentileApproxInput = coercion.OneOf(coercion.AnyNumeric, coercion.Exact(types.Date), coercion.AnyTimestamp,
	coercion.AnyYearMonthInterval, coercion.AnyDayTimeInterval)

const percentileApproxInputText = `("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`

// resolvePercentileApprox is percentile_approx(v, percentage [, accuracy]): Spark's
// Greenwald-Khanna summary with relative error 1/accuracy. The result has v's type (an
// array of it for an array of percentages).
func resolvePercentileApprox(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 2 {
		full = append(full, &plan.Literal{Type: types.Integer, Value: int32(defaultPercentileAccuracy), Text: strconv.Itoa(defaultPercentileAccuracy)})
	}
	call := name + "(" + joinExprs(full) + ")"
	quoted := `"` + call + `"`
	v, err := a.implicit(name, full[:1], []coercion.Expected{percentileApproxInput}, []string{percentileApproxInputText})
	if err != nil {
		return nil, unexpectedInputType(call, 0, percentileApproxInputText, full[0])
	}
	// The percentage: DOUBLE or ARRAY<DOUBLE>.
	pt := plan.TypeOf(full[1])
	want, wantText := coercion.Exact(types.Double), `("DOUBLE" or "ARRAY<DOUBLE>")`
	_, isArray := pt.(types.ArrayType)
	if isArray {
		want = coercion.ArrayOf(coercion.Exact(types.Double))
	}
	ct, ok := a.coerce.ImplicitCast(pt, want)
	if !ok {
		return nil, unexpectedInputType(call, 1, wantText, full[1])
	}
	if isArray {
		ct = types.NewArray(types.Double, false)
	}
	p := castTo(full[1], ct)
	acc, err := a.implicit(name, full[2:], []coercion.Expected{coercion.AnyIntegral}, []string{`"INTEGRAL"`})
	if err != nil {
		return nil, unexpectedInputType(call, 2, `"INTEGRAL"`, full[2])
	}
	nonFoldable := func(input string, e plan.Expr, t types.DataType) error {
		return analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
			map[string]string{"sqlExpr": quoted, "inputName": quoteID(input), "inputType": sqlType(t), "inputExpr": sqlExpr(e)})
	}
	unexpectedNull := func(exprName string) error {
		return analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
			map[string]string{"sqlExpr": quoted, "exprName": exprName})
	}
	outOfRange := func(exprName, valueRange, current string) error {
		return analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
			map[string]string{"sqlExpr": quoted, "exprName": exprName, "valueRange": valueRange, "currentValue": current})
	}
	if !isFoldable(full[1]) {
		return nil, nonFoldable("percentage", full[1], ct)
	}
	if !isFoldable(full[2]) {
		return nil, nonFoldable("accuracy", full[2], plan.TypeOf(acc[0]))
	}
	if n, ok, ferr := foldInt(full[2]); ferr == nil {
		if !ok {
			return nil, unexpectedNull("accuracy")
		}
		if n <= 0 || n > 2147483647 {
			return nil, outOfRange("accuracy", "(0, 2147483647]", strconv.FormatInt(n, 10)+"L")
		}
	}
	if ps, null, known := constFloats(full[1]); known {
		if null {
			return nil, unexpectedNull("percentage")
		}
		bad := false
		for _, x := range ps {
			bad = bad || x < 0 || x > 1
		}
		if bad {
			strs := make([]string, len(ps))
			for i, x := range ps {
				strs[i] = javaDoubleSQL(x)
			}
			return nil, outOfRange("percentage", "[0.0, 1.0]", strings.Join(strs, ","))
		}
	}
	t := plan.TypeOf(v[0])
	if _, isNull := t.(types.NullType); isNull {
		t = types.Double
		v[0] = castTo(v[0], t)
	}
	if isArray {
		t = types.NewArray(t, false)
	}
	return &plan.AggregateCall{Fn: name, Args: []plan.Expr{v[0], p, acc[0]}, Distinct: f.Distinct, Type: t, Null: true, Display: name}, nil
}

// constFloats reads a constant DOUBLE or ARRAY<DOUBLE> expression built from literals
// (through casts and array(...)); known is false when it cannot tell here.
func constFloats(e plan.Expr) (vals []float64, null, known bool) {
	switch x := e.(type) {
	case *plan.Cast:
		return constFloats(x.Child)
	case *plan.Alias:
		return constFloats(x.Child)
	case *plan.Literal:
		if x.Value == nil {
			return nil, true, true
		}
		v, ok := literalFloat(x)
		if !ok {
			return nil, false, false
		}
		return []float64{v}, false, true
	case *plan.Call:
		if x.Fn != "array" {
			return nil, false, false
		}
		out := make([]float64, 0, len(x.Args))
		for _, arg := range x.Args {
			v, null, known := constFloats(arg)
			if !known || null || len(v) != 1 {
				return nil, false, false
			}
			out = append(out, v[0])
		}
		return out, false, true
	}
	return nil, false, false
}

// javaDoubleSQL prints a DOUBLE as Spark's toSQLValue does: Java's Double.toString plus D.
func javaDoubleSQL(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s + "D"
}
