package analyzer

import (
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The bitmap functions: bitmap_bucket_number, bitmap_bit_position and bitmap_count, and
// the aggregates bitmap_construct_agg, bitmap_or_agg and bitmap_and_agg (4096-byte
// bitmaps, as Spark's BitmapExpressionUtils).

func init() {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Long)}, []string{`"BIGINT"`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: name, Args: x, Type: types.Long, Null: anyNull(x), Display: name}, nil
	}, "bitmap_bucket_number", "bitmap_bit_position")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		if err := requireBinary(name, args); err != nil {
			return nil, err
		}
		return &plan.Call{Fn: name, Args: args, Type: types.Long, Null: anyNull(args), Display: name}, nil
	}, "bitmap_count")
	register(AggregateFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x := args
		if name == "bitmap_construct_agg" {
			var err error
			if x, err = a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Long)}, []string{`"BIGINT"`}); err != nil {
				return nil, err
			}
		} else if err := requireBinary(name, args); err != nil {
			return nil, err
		}
		return &plan.AggregateCall{Fn: name, Args: x, Distinct: f.Distinct, Type: types.Binary, Display: name}, nil
	}, "bitmap_construct_agg", "bitmap_or_agg", "bitmap_and_agg")
}

// requireBinary is the bitmap functions' check that the argument is BINARY (no implicit
// cast, not even from NULL).
func requireBinary(name string, args []plan.Expr) error {
	if _, ok := plan.TypeOf(args[0]).(types.BinaryType); ok {
		return nil
	}
	return unexpectedInputType(name+"("+joinExprs(args)+")", 0, `"BINARY"`, args[0])
}
