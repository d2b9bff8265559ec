package optimizer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Spark's legacy NULL semantics of IN subqueries (spark.sql.legacy.nullInEmptyListBehavior,
// the default when ANSI mode is off): where Spark evaluates an IN itself rather than as a
// join, NULL IN (an empty list) is NULL instead of false. That shows in two places: its
// optimizer folds an IN subquery of a NULL value to NULL (NullPropagation), and an
// uncorrelated IN that a join condition keeps is evaluated row by row.

// nullInSubqueries folds, in the expressions of a subquery host, the IN subqueries of one
// NULL value to a NULL boolean.
func nullInSubqueries(n plan.Node) plan.Node {
	return plan.MapNodeExprs(n, foldNullIn)
}

// foldNullIn replaces the IN subqueries of e whose value is NULL by a NULL boolean.
func foldNullIn(e plan.Expr) plan.Expr {
	if in, ok := e.(*plan.InSubquery); ok && len(in.Values) == 1 && definitelyNull(in.Values[0]) {
		return nullOf(types.Boolean)
	}
	return plan.MapChildren(e, foldNullIn)
}

// legacyNullIn is in, an IN subquery a join condition keeps, with the legacy semantics:
// NULL for a NULL value whatever the subquery's rows.
func legacyNullIn(in *plan.InSubquery) plan.Expr {
	if len(in.Values) != 1 {
		return in // a row of several values is never NULL itself
	}
	return &plan.CaseWhen{Conds: []plan.Expr{isNull(in.Values[0])}, Values: []plan.Expr{nullOf(types.Boolean)},
		Else: in, Type: types.Boolean}
}
