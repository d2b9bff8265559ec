package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// castAliases are the functions Spark resolves to a plain CAST (FunctionRegistry's
// castAlias): int(x) is CAST(x AS INT). The cast is not user-specified, so Spark's column
// name is the argument's own (toPrettySQL drops such casts): SELECT int('1') is named "1".
var castAliases = map[string]types.DataType{
	"boolean":   types.Boolean,
	"tinyint":   types.Byte,
	"smallint":  types.Short,
	"int":       types.Integer,
	"bigint":    types.Long,
	"float":     types.Float,
	"double":    types.Double,
	"decimal":   types.DefaultDecimal,
	"date":      types.Date,
	"timestamp": types.Timestamp,
	"binary":    types.Binary,
	"string":    types.String,
}

func registerCastAliases() {
	for name := range castAliases {
		register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			if err := arity(name, args, 1); err != nil {
				return nil, err
			}
			e, err := a.cast(args[0], castAliases[name], false, false)
			if err != nil {
				return nil, err
			}
			c := e.(*plan.Cast)
			c.Display, c.Aliased = args[0].String(), true
			return c, nil
		}, name)
	}
}
