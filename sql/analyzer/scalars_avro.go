package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// from_avro, to_avro and schema_of_avro answer as Spark does without the spark-avro
// package: their arguments are checked, then the call fails with
// AVRO_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE.
func init() {
	constString := func(e plan.Expr) bool {
		switch plan.TypeOf(e).(type) {
		case types.StringType, types.NullType:
			return isFoldable(e)
		}
		return false
	}
	optionsMap := constStringMap
	typeCheck := func(name string, args []plan.Expr, msg string) error {
		return analysisError("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: <msg><hint>.",
			map[string]string{"sqlExpr": `"` + callText(name, args) + `"`, "msg": msg, "hint": ""})
	}
	notLoaded := func(fn string) error {
		return analysisError("AVRO_NOT_LOADED_SQL_FUNCTIONS_UNUSABLE", "22KD3",
			"Cannot call the <functionName> SQL function because the Avro data source is not loaded.\nPlease restart your job or session with the 'spark-avro' package loaded, such as by using the --packages argument on the command line, and then retry your query or command again.",
			map[string]string{"functionName": fn})
	}
	const (
		schemaMsg  = " must be a constant string containing the JSON representation of the schema to use for converting the value "
		optionsMsg = " must be a constant map of strings to strings containing the options to use for converting the value from AVRO format"
	)
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2, 3); err != nil {
			return nil, err
		}
		if !constString(args[1]) {
			return nil, typeCheck(name, args, "The second argument of the FROM_AVRO SQL function"+schemaMsg+"from AVRO format")
		}
		if len(args) == 3 && !optionsMap(args[2]) {
			return nil, typeCheck(name, args, "The third argument of the FROM_AVRO SQL function"+optionsMsg)
		}
		return nil, notLoaded("FROM_AVRO")
	}, "from_avro")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		if len(args) == 2 {
			_, isNull := plan.TypeOf(args[1]).(types.NullType)
			if _, isStr := plan.TypeOf(args[1]).(types.StringType); !isNull && !(isStr && isFoldable(args[1])) {
				return nil, typeCheck(name, args, "The second argument of the TO_AVRO SQL function"+schemaMsg+"to AVRO format")
			}
		}
		return nil, notLoaded("TO_AVRO")
	}, "to_avro")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		if !constString(args[0]) {
			return nil, typeCheck(name, args, "The first argument of the SCHEMA_OF_AVRO SQL function"+schemaMsg+"from AVRO format")
		}
		if len(args) == 2 && !optionsMap(args[1]) {
			return nil, typeCheck(name, args, "The second argument of the SCHEMA_OF_AVRO SQL function"+optionsMsg)
		}
		return nil, notLoaded("SCHEMA_OF_AVRO")
	}, "schema_of_avro")
}
