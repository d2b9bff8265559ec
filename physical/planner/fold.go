package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
)

// foldable reports whether e is a constant worth evaluating once at planning time: no
// column, lambda variable, outer reference, subquery, aggregate or window call, and no
// non-deterministic function. Literals are constants already.
func foldable(e plan.Expr) bool {
	switch e.(type) {
	case *plan.Literal, *plan.Alias:
		return false
	}
	columns, ok := plan.RowFunction(e)
	return ok && !columns
}

// fold evaluates the compiled constant x once and returns it as a literal, as Spark's
// ConstantFolding does; when the evaluation fails (an ANSI error that only rows reaching
// the expression may raise) x stays as it is, to fail at run time if it is reached.
func fold(e plan.Expr, x expr.Expr) expr.Expr {
	one := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer one.Release()
	a, err := x.Eval(one)
	if err != nil || a.Len() != 1 {
		if a != nil {
			a.Release()
		}
		return x
	}
	defer a.Release()
	v, nested := scalarOf(a)
	if nested {
		// A nested constant would hold an array allocated for this evaluation for the
		// plan's lifetime, and Arrow IPC cannot ship one with a void column back: it stays
		// an expression (its literal parts are constants already).
		return x
	}
	lit, err := expr.NewLiteral(plan.TypeOf(e), v)
	if err != nil {
		return x
	}
	return lit
}

// scalarOf is the value of a one-element array as expr.NewLiteral takes it; nested is true
// when the value is the array itself (nested types), which a literal made of it retains.
func scalarOf(a arrow.Array) (v any, nested bool) {
	if a.IsNull(0) {
		return nil, false
	}
	switch a := a.(type) {
	case *array.Boolean:
		return a.Value(0), false
	case *array.Int8:
		return a.Value(0), false
	case *array.Int16:
		return a.Value(0), false
	case *array.Int32:
		return a.Value(0), false
	case *array.Int64:
		return a.Value(0), false
	case *array.Float32:
		return a.Value(0), false
	case *array.Float64:
		return a.Value(0), false
	case *array.String:
		return a.Value(0), false
	case *array.LargeString:
		return a.Value(0), false
	case *array.Binary:
		return append([]byte(nil), a.Value(0)...), false
	case *array.Decimal128:
		return a.Value(0), false
	case *array.Date32:
		return int32(a.Value(0)), false
	case *array.Timestamp:
		return int64(a.Value(0)), false
	case *array.Duration:
		return int64(a.Value(0)), false
	case *array.Time64:
		return int64(a.Value(0)), false
	case *array.MonthDayNanoInterval:
		return a.Value(0), false
	}
	return a, true
}
