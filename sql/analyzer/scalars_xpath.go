package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The xpath family: xpath(xml, path) -> ARRAY<STRING>, xpath_boolean, xpath_short,
// xpath_int, xpath_long, xpath_float, xpath_double (xpath_number), xpath_string. Both
// arguments must be strings (Spark does not cast them) and the path must be constant.

var xpathResults = map[string]types.DataType{
	"xpath":         types.NewArray(types.String, true),
	"xpath_boolean": types.Boolean,
	"xpath_short":   types.Short,
	"xpath_int":     types.Integer,
	"xpath_long":    types.Long,
	"xpath_float":   types.Float,
	"xpath_double":  types.Double,
	"xpath_number":  types.Double,
	"xpath_string":  types.String,
}

func init() {
	for name := range xpathResults {
		register(ScalarFunction, resolveXPath, name)
	}
}

func resolveXPath(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := name + "(" + joinExprs(args) + ")"
	if !isFoldable(args[1]) {
		return nil, nonFoldable(call, "path", `"STRING"`, args[1])
	}
	for i, arg := range args {
		if _, ok := plan.TypeOf(arg).(types.StringType); !ok {
			return nil, unexpectedInputType(call, i, `"STRING"`, arg)
		}
	}
	return &plan.Call{Fn: name, Args: args, Type: xpathResults[name], Null: true, Display: name}, nil
}
