package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// hash(expr, ...) is Spark's Murmur3Hash (INT) and xxhash64(expr, ...) its XxHash64
// (BIGINT), both seeded with 42; they take any number (> 0) of arguments of any type but
// MAP and VARIANT, and never return NULL.
func init() {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if len(args) == 0 {
			return nil, wrongNumArgs(name, "> 0", 0)
		}
		call := callText(name, args)
		for _, arg := range args {
			t := plan.TypeOf(arg)
			if types.ExistsRecursively(t, func(d types.DataType) bool { _, ok := d.(types.MapType); return ok }) {
				return nil, analysisError("DATATYPE_MISMATCH.HASH_MAP_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: Input to the function <functionName> cannot contain elements of the \"MAP\" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on \"MAP\" elements. To restore previous behavior set \"spark.sql.legacy.allowHashOnMapType\" to \"true\".",
					map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name)})
			}
			if types.ExistsRecursively(t, func(d types.DataType) bool { _, ok := d.(types.VariantType); return ok }) {
				return nil, analysisError("DATATYPE_MISMATCH.HASH_VARIANT_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: Input to the function <functionName> cannot contain elements of the \"VARIANT\" type yet.",
					map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name)})
			}
		}
		var result types.DataType = types.Integer
		if name == "xxhash64" {
			result = types.Long
		}
		return &plan.Call{Fn: name, Args: args, Type: result, Null: false, Display: name}, nil
	}, "hash", "xxhash64")
}
