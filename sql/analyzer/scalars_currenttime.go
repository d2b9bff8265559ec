package analyzer

import (
	"strconv"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// current_time([precision]): the query's current instant (the one current_timestamp
// gives) as a TIME(precision) in the session time zone; precision is a constant in [0, 6]
// (6 when left out, and the column name shows it).
func init() {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0, 1); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			args = []plan.Expr{intLit(types.DefaultTimePrecision)}
		}
		call := name + "(" + joinExprs(args) + ")"
		x, err := a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Integer)}, []string{`"INT"`})
		if err != nil {
			return nil, err
		}
		if !isFoldable(args[0]) {
			return nil, nonFoldable(call, "precision", sqlType(plan.TypeOf(args[0])), args[0])
		}
		p, ok, ferr := foldInt(args[0])
		if ferr != nil {
			return nil, ferr
		}
		if !ok {
			return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
				map[string]string{"sqlExpr": `"` + call + `"`, "exprName": "precision"})
		}
		if p < types.MinTimePrecision || p > types.MaxTimePrecision {
			return nil, analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"sqlExpr": `"` + call + `"`, "exprName": "`precision`", "valueRange": "[0, 6]",
					"currentValue": strconv.FormatInt(p, 10)})
		}
		now := &plan.Literal{Type: types.Timestamp, Value: a.nowMicros(), Text: "current_timestamp()"}
		return bareCall("current_time", []plan.Expr{now, x[0]}, types.TimeType{Precision: int(p)}, false, call), nil
	}, "current_time")
}
