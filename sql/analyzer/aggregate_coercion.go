package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// timestampsAsDoubles casts a TIMESTAMP argument of sum or avg to DOUBLE (its seconds), as
// Spark's type coercion does for Hive's sake (TypeCoercionHelper: Sum and Average of a
// TimestampType; TIMESTAMP_NTZ is not cast).
func timestampsAsDoubles(args []plan.Expr) []plan.Expr {
	if len(args) == 1 {
		if _, ok := plan.TypeOf(args[0]).(types.TimestampType); ok {
			return []plan.Expr{castTo(args[0], types.Double)}
		}
	}
	return args
}
