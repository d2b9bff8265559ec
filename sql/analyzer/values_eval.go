package analyzer

import (
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// checkInlineTable evaluates the cells of a resolved inline table, as Spark's
// EvalInlineTables does at the end of analysis: a cell whose evaluation fails (a malformed
// cast, an overflow) fails the statement with
// INVALID_INLINE_TABLE.FAILED_SQL_EXPRESSION_EVALUATION, whether or not a row is ever read.
// The cells are the final ones, with the casts to the column types. Cells that cannot fail
// (literals and widening casts of literals) are not evaluated, and an evaluator that cannot
// compute a cell (NOT_IMPLEMENTED, INTERNAL_ERROR) leaves it to execution.
func (a *analyzer) checkInlineTable(rows [][]plan.Expr) error {
	for _, row := range rows {
		for _, cell := range row {
			if cannotFail(cell) {
				continue
			}
			if _, err := a.evalConstant(cell); err != nil {
				if !userFacing(err) {
					continue
				}
				e := analysisError("INVALID_INLINE_TABLE.FAILED_SQL_EXPRESSION_EVALUATION", "42000",
					"Failed to evaluate the SQL expression <sqlExpr>. Please check your syntax and ensure all required tables and columns are available.",
					map[string]string{"sqlExpr": sqlExpr(cell)})
				e.Cause = err
				return e
			}
		}
	}
	return nil
}

// cannotFail reports the cells whose evaluation cannot raise an error: literals, and
// widening casts of literals.
func cannotFail(e plan.Expr) bool {
	switch x := e.(type) {
	case *plan.Literal:
		return true
	case *plan.Cast:
		lit, ok := x.Child.(*plan.Literal)
		return ok && (lit.Value == nil || coercion.CanUpCast(lit.Type, x.To))
	}
	return false
}

// userFacing reports whether err is one of Spark's errors rather than our evaluator saying
// it cannot compute the cell.
func userFacing(err error) bool {
	se, ok := sparkerror.As(err)
	return ok && se.Class != "NOT_IMPLEMENTED" && se.Class != "INTERNAL_ERROR"
}
