package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

const confCTEPrecedence = "spark.sql.legacy.ctePrecedencePolicy"

// checkNestedCTENames rejects, under spark.sql.legacy.ctePrecedencePolicy=EXCEPTION, a
// WITH clause that redefines the name of an enclosing one, as Spark's CTESubstitution
// does: inner definitions take precedence since Spark 3.0, and that policy asks to be told.
// Only WITH clauses at the start of a query count: those of the statement, of a CTE's
// definition and of a subquery expression (not of a subquery in FROM).
func (a *analyzer) checkNestedCTENames(n plan.Node) error {
	if !strings.EqualFold(a.setting(confCTEPrecedence), "EXCEPTION") {
		return nil
	}
	return a.cteNameConflicts(n, nil, true)
}

func (a *analyzer) cteNameConflicts(n plan.Node, outer []string, start bool) error {
	if w, ok := n.(*plan.WithCTE); ok {
		names := append([]string(nil), outer...)
		for _, d := range w.CTEs {
			if start {
				for _, o := range outer {
					if a.equalNames(o, d.Name) {
						return analysisError("AMBIGUOUS_ALIAS_IN_NESTED_CTE", "42KD0",
							"Name <name> is ambiguous in nested CTE.\nPlease set <config> to \"CORRECTED\" so that name defined in inner CTE takes precedence. If set it to \"LEGACY\", outer CTE definitions will take precedence.\nSee '<docroot>/sql-migration-guide.html#query-engine'.",
							map[string]string{"name": quoteID(d.Name), "config": `"` + confCTEPrecedence + `"`,
								"docroot": "https://spark.apache.org/docs/latest"})
					}
				}
			}
			if err := a.cteNameConflicts(d.Query, names, true); err != nil {
				return err
			}
			names = append(names, d.Name)
		}
		return a.cteNameConflicts(w.Child, names, false)
	}
	for _, e := range plan.Expressions(n) {
		var err error
		plan.Walk(e, func(x plan.Expr) bool {
			if err != nil {
				return false
			}
			if q := plan.SubqueryOf(x); q != nil {
				err = a.cteNameConflicts(q.Plan, outer, true)
			}
			return true
		})
		if err != nil {
			return err
		}
	}
	for _, c := range n.Children() {
		if err := a.cteNameConflicts(c, outer, false); err != nil {
			return err
		}
	}
	return nil
}
