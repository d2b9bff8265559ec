package analyzer

import (
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The scalar functions over DataSketches images (kernels in physical/expr/sketch_funcs.go).
// The hll_* and theta_* ones check their argument types exactly (ExpectsInputTypes) and
// show their default last argument in the column name; the kll_* ones cast implicitly
// (ImplicitCastInputTypes).

func init() {
	register(ScalarFunction, resolveExactSketchScalar(types.Long, [][]types.DataType{{types.Binary}}, []string{`"BINARY"`}, nil),
		"hll_sketch_estimate", "theta_sketch_estimate")
	register(ScalarFunction, resolveExactSketchScalar(types.Binary,
		[][]types.DataType{{types.Binary}, {types.Binary}, {types.Boolean}}, []string{`"BINARY"`, `"BINARY"`, `"BOOLEAN"`},
		&plan.Literal{Type: types.Boolean, Value: false, Text: "false"}), "hll_union")
	register(ScalarFunction, resolveExactSketchScalar(types.Binary,
		[][]types.DataType{{types.Binary}, {types.Binary}, {types.Integer}}, []string{`"BINARY"`, `"BINARY"`, `"INT"`},
		intLit(12)), "theta_union")
	register(ScalarFunction, resolveExactSketchScalar(types.Binary,
		[][]types.DataType{{types.Binary}, {types.Binary}}, []string{`"BINARY"`, `"BINARY"`}, nil),
		"theta_intersection", "theta_difference")

	for _, kind := range []struct {
		suffix string
		item   types.DataType
	}{{"bigint", types.Long}, {"float", types.Float}, {"double", types.Double}} {
		bin := coercion.Exact(types.Binary)
		registerSig(sig{counts: []int{1}, want: []coercion.Expected{bin}, req: []string{`"BINARY"`}, result: constType(types.String)},
			"kll_sketch_to_string_"+kind.suffix)
		registerSig(sig{counts: []int{1}, want: []coercion.Expected{bin}, req: []string{`"BINARY"`}, result: constType(types.Long)},
			"kll_sketch_get_n_"+kind.suffix)
		registerSig(sig{counts: []int{2}, want: []coercion.Expected{bin}, req: []string{`"BINARY"`}, result: constType(types.Binary)},
			"kll_sketch_merge_"+kind.suffix)
		register(ScalarFunction, resolveKLLLookup(types.Double, kind.item), "kll_sketch_get_quantile_"+kind.suffix)
		register(ScalarFunction, resolveKLLLookup(kind.item, types.Double), "kll_sketch_get_rank_"+kind.suffix)
	}
}

// resolveExactSketchScalar resolves a function whose arguments must have exactly the
// accepted types; def, when set, completes a missing last argument.
func resolveExactSketchScalar(result types.DataType, accepted [][]types.DataType, required []string, def plan.Expr) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		n := len(accepted)
		counts := []int{n}
		if def != nil {
			counts = []int{n - 1, n}
		}
		if err := arity(name, args, counts...); err != nil {
			return nil, err
		}
		full := append([]plan.Expr(nil), args...)
		if len(full) < n {
			full = append(full, def)
		}
		if err := checkSketchArgs(callText(name, full), full, accepted, required); err != nil {
			return nil, err
		}
		return &plan.Call{Fn: name, Args: full, Type: result, Null: anyNull(full), Display: name, ANSI: a.opts.ANSI}, nil
	}
}

// resolveKLLLookup resolves kll_sketch_get_quantile_* (arg DOUBLE, result the item type)
// and kll_sketch_get_rank_* (arg the item type, result DOUBLE): the second argument is a
// value or an array of them, and so is the result.
func resolveKLLLookup(arg, result types.DataType) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		call := callText(name, args)
		bin, err := a.implicit(name, args[:1], []coercion.Expected{coercion.Exact(types.Binary)}, []string{`"BINARY"`})
		if err != nil {
			return nil, err
		}
		required := `(` + sqlType(arg) + ` or "ARRAY<` + arg.SQL() + `>")`
		pt := plan.TypeOf(args[1])
		want := coercion.Exact(arg)
		_, isArray := pt.(types.ArrayType)
		if isArray {
			want = coercion.ArrayOf(coercion.Exact(arg))
		}
		ct, ok := a.coerce.ImplicitCast(pt, want)
		if !ok {
			return nil, unexpectedInputType(call, 1, required, args[1])
		}
		t := result
		if isArray {
			ct = types.NewArray(arg, false)
			t = types.NewArray(result, false)
		}
		x := []plan.Expr{bin[0], castTo(args[1], ct)}
		return &plan.Call{Fn: name, Args: x, Type: t, Null: anyNull(x), Display: name, ANSI: a.opts.ANSI}, nil
	}
}
