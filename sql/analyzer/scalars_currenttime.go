package analyzer

import (
	"strconv"
	"strings"

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

// currentLikeColumns are the niladic functions Spark's SQL names without parentheses
// (CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_TIME, CURRENT_USER, USER, SESSION_USER): the
// parser leaves them as names, a column of that name wins, and only then the function.
var currentLikeColumns = map[string]string{"current_date": "current_date", "current_timestamp": "current_timestamp",
	"current_time": "current_time", "current_user": "current_user", "user": "current_user", "session_user": "current_user"}

// currentLikeColumn resolves such a name no column matched to its function's call.
func (a *analyzer) currentLikeColumn(parts []string) (plan.Expr, bool) {
	if len(parts) != 1 {
		return nil, false
	}
	fn, ok := currentLikeColumns[strings.ToLower(parts[0])]
	if !ok {
		return nil, false
	}
	e, err := a.call(fn, nil, nil)
	if err != nil {
		return nil, false
	}
	return e, true
}

// resolvedAsFunction reports whether the name c was read as one of those functions (no
// column has it): the select item is then named after the call, as Spark's
// LiteralFunctionResolution aliases it (current_date()).
func resolvedAsFunction(c *plan.UnresolvedColumn, r plan.Expr) bool {
	if len(c.Parts) != 1 {
		return false
	}
	if _, ok := currentLikeColumns[strings.ToLower(c.Parts[0])]; !ok {
		return false
	}
	switch r.(type) {
	case *plan.Call, *plan.Literal:
		return true
	}
	return false
}
