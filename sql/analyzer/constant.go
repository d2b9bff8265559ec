package analyzer

import (
	"sync/atomic"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// ConstantOptions are the session settings a constant is evaluated with.
type ConstantOptions struct {
	ANSI bool
	// TimeZone is spark.sql.session.timeZone ("" for the default).
	TimeZone string
}

// ConstantEvaluator evaluates a resolved foldable expression (no column, subquery or
// non-deterministic call) once, with the kernels queries run with. The value is in the
// form plan.Literal holds for the expression's type (nil for NULL).
type ConstantEvaluator func(e plan.Expr, opts ConstantOptions) (any, error)

var constantEvaluator atomic.Pointer[ConstantEvaluator]

// SetConstantEvaluator installs the evaluator of constants the analyzer needs the values
// of where Spark evaluates them during analysis (table-valued function arguments). The
// physical planner installs its own when it is linked in.
func SetConstantEvaluator(f ConstantEvaluator) {
	constantEvaluator.Store(&f)
}

// evalConstant is the value of the foldable expression e (nil for NULL).
func (a *analyzer) evalConstant(e plan.Expr) (any, error) {
	if v, ok := trivialConstant(e); ok {
		return v, nil
	}
	f := constantEvaluator.Load()
	if f == nil {
		return nil, sparkerror.NotImplemented("evaluating the constant " + e.String() + " without an evaluator")
	}
	opts := ConstantOptions{ANSI: a.opts.ANSI}
	if a.opts.Settings != nil {
		opts.TimeZone = a.opts.Settings.String("spark.sql.session.timeZone")
	}
	return (*f)(e, opts)
}

// trivialConstant is the value of a literal, or of an integral literal widened to a wider
// integral type: the values that need no kernel.
func trivialConstant(e plan.Expr) (any, bool) {
	switch x := e.(type) {
	case *plan.Literal:
		return x.Value, true
	case *plan.Cast:
		lit, ok := x.Child.(*plan.Literal)
		if !ok || !isIntegral(lit.Type) {
			return nil, false
		}
		var v int64
		switch n := lit.Value.(type) {
		case nil:
			return nil, true
		case int8:
			v = int64(n)
		case int16:
			v = int64(n)
		case int32:
			v = int64(n)
		case int64:
			v = n
		default:
			return nil, false
		}
		switch x.To.(type) {
		case types.LongType:
			return v, true
		case types.IntegerType:
			if _, isLong := lit.Type.(types.LongType); !isLong {
				return int32(v), true
			}
		}
	}
	return nil, false
}
