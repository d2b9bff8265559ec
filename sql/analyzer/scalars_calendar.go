package analyzer

import (
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// date_diff, dayname, monthname, months_between, factorial and overlay.
func init() {
	date := coercion.Exact(types.Date)
	ts := coercion.Exact(types.Timestamp)
	// date_diff is datediff under the name it was called by.
	registerSig(sig{fn: "datediff", counts: []int{2}, want: []coercion.Expected{date}, req: []string{`"DATE"`}, result: constType(types.Integer)}, "date_diff")

	// dayname(d) and monthname(d): the English three-letter names (Mon, Jan), which
	// date_format gives for EEE and MMM.
	for name, pattern := range map[string]string{"dayname": "EEE", "monthname": "MMM"} {
		register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			if err := arity(name, args, 1); err != nil {
				return nil, err
			}
			x, err := a.implicit(name, args, []coercion.Expected{date}, []string{`"DATE"`})
			if err != nil {
				return nil, err
			}
			// A date read as a timestamp in the session zone has that date there.
			return bareCall("date_format", []plan.Expr{castTo(x[0], types.Timestamp), stringLit(pattern)}, types.String,
				plan.NullableOf(x[0]), callText(name, args)), nil
		}, name)
	}

	// months_between(t1, t2[, roundOff]); Spark's two-argument form rounds, and its column
	// name shows the default (months_between(t1, t2, true)).
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2, 3); err != nil {
			return nil, err
		}
		full := args
		if len(args) == 2 {
			full = []plan.Expr{args[0], args[1], &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}}
		}
		x, err := a.implicit(name, full, []coercion.Expected{ts, ts, coercion.AnyBoolean}, []string{`"TIMESTAMP"`, `"TIMESTAMP"`, `"BOOLEAN"`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "months_between", Args: x, Type: types.Double, Null: anyNull(x), Display: name}, nil
	}, "months_between")

	// factorial(n): n! for n in [0, 20], NULL otherwise.
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{coercion.Exact(types.Integer)}, req: []string{reqInt},
		result: constType(types.Long), null: alwaysNull}, "factorial")

	// overlay(input, replace, pos[, len]) over strings or over binaries (both the same);
	// len defaults to -1 (replace's length), which the column name shows.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3, 4); err != nil {
			return nil, err
		}
		full := args
		if len(args) == 3 {
			full = append(append([]plan.Expr(nil), args...), intLit(-1))
		}
		strOrBin := coercion.OneOf(coercion.AnyString, coercion.AnyBinary)
		integer := coercion.Exact(types.Integer)
		x, err := a.implicit(name, full, []coercion.Expected{strOrBin, strOrBin, integer, integer},
			[]string{`("STRING" or "BINARY")`, `("STRING" or "BINARY")`, reqInt, reqInt})
		if err != nil {
			return nil, err
		}
		_, bin0 := plan.TypeOf(x[0]).(types.BinaryType)
		_, bin1 := plan.TypeOf(x[1]).(types.BinaryType)
		if bin0 != bin1 {
			return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
				map[string]string{"sqlExpr": `"` + callText(name, full) + `"`, "functionName": quoteID(name),
					"dataType": sqlType(plan.TypeOf(x[0])) + ", " + sqlType(plan.TypeOf(x[1]))})
		}
		return &plan.Call{Fn: "overlay", Args: x, Type: plan.TypeOf(x[0]), Null: anyNull(x), Display: name}, nil
	}, "overlay")
}

// format_number(x, d) with d an INT, or a DecimalFormat pattern string
// (formatNumberPattern).
func init() {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		if _, isStr := plan.TypeOf(args[1]).(types.StringType); isStr {
			return a.formatNumberPattern(name, args)
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyNumeric, coercion.Exact(types.Integer)},
			[]string{reqNumeric, `("INT" or "STRING")`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "format_number", Args: x, Type: types.String, Null: true, Display: name}, nil
	}, "format_number")
}
