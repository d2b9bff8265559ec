package planner

import (
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// sortedMapKey wraps a grouping or DISTINCT key that holds maps in map_sort, as Spark's
// InsertMapSortInGroupingExpressions does: maps with the same entries in another order
// fall in one group, and the group's value is the map with its entries in key order.
// Other keys are returned as they are.
func sortedMapKey(x expr.Expr, t types.DataType) (expr.Expr, error) {
	if !expr.HoldsMap(x.DataType()) {
		return x, nil
	}
	f, ok := expr.Lookup("map_sort")
	if !ok {
		return nil, sparkerror.InternalError("the map_sort kernel is not registered")
	}
	return f([]expr.Expr{x}, []types.DataType{t}, t, expr.FuncOptions{})
}
