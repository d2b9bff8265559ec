package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// variantExplodeColumns checks variant_explode(input) / variant_explode_outer and types
// its columns (VariantExplode.elementSchema): pos INT, key STRING (NULL for array
// elements), value VARIANT.
func variantExplodeColumns(name string, args []plan.Expr) ([]plan.Expr, []types.StructField, error) {
	if len(args) != 1 {
		return nil, nil, wrongNumArgs(name, "1", len(args))
	}
	x, err := expectVariant(name+"("+joinExprs(args)+")", 0, args[0])
	if err != nil {
		return nil, nil, err
	}
	return []plan.Expr{x}, []types.StructField{
		{Name: "pos", DataType: types.Integer},
		{Name: "key", DataType: types.String, Nullable: true},
		{Name: "value", DataType: types.Variant},
	}, nil
}

// tableOnlyGenerators are the generators Spark registers only as table-valued functions
// (TableFunctionRegistry): elsewhere their names do not resolve.
var tableOnlyGenerators = map[string]bool{"variant_explode": true, "variant_explode_outer": true}

// tableGeneratorCall is generatorCall for table-valued functions, which also takes the
// table-only generators.
func tableGeneratorCall(e plan.Expr) (*plan.UnresolvedFunction, string, bool) {
	f, name, ok := generatorCall(e)
	if !ok && f != nil && tableOnlyGenerators[name] {
		ok = true
	}
	return f, name, ok
}
