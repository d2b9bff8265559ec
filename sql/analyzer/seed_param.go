package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// randomSeedLiteral checks the seed of a function that takes it as Spark's
// ExpressionWithRandomSeed does (uuid(seed)): an INT or BIGINT literal, or NULL (a random
// seed).
func randomSeedLiteral(fn string, e plan.Expr) error {
	if lit, ok := e.(*plan.Literal); ok {
		switch lit.Type.(type) {
		case types.IntegerType, types.LongType, types.NullType:
			return nil
		}
		if lit.Value == nil {
			return nil
		}
	}
	return analysisError("INVALID_PARAMETER_VALUE.LONG", "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: expects a long literal, but got <invalidValue>.",
		map[string]string{"parameter": quoteID("seed"), "functionName": quoteID(fn), "invalidValue": sqlExpr(e)})
}
