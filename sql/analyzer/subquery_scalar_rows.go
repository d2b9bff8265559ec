package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

// Spark's check that a correlated scalar subquery returns at most one row for each outer
// row, made at analysis when spark.sql.optimizer.scalarSubqueryUseSingleJoin is false (by
// default the optimizer joins such a subquery with a "single" join, which fails at run time
// on a second match instead). The subquery must have at most one row, or aggregate and
// group only by expressions that correlated equalities pin to one value per outer row.
// With spark.sql.legacy.scalarSubqueryAllowGroupByNonEqualityCorrelatedPredicate, Spark's
// older, looser rule applies: a grouping column only needs to appear in some correlated
// predicate.

const (
	confScalarSubqueryUseSingleJoin = "spark.sql.optimizer.scalarSubqueryUseSingleJoin"
	confLegacyScalarGroupByNonEqual = "spark.sql.legacy.scalarSubqueryAllowGroupByNonEqualityCorrelatedPredicate"
)

// checkScalarSubqueryRows applies the check to the plan of a correlated scalar subquery.
func (a *analyzer) checkScalarSubqueryRows(q plan.Node) error {
	if a.flag(confScalarSubqueryUseSingleJoin, true) {
		return nil
	}
	top := q
	for {
		switch x := top.(type) {
		case *plan.SubqueryAlias:
			top = x.Child
			continue
		case *plan.Project:
			top = x.Child
			continue
		case *plan.PlanIDTag:
			top = x.Child
			continue
		}
		break
	}
	var agg *plan.Aggregate
	switch x := top.(type) {
	case *plan.Aggregate:
		agg = x
	case *plan.Filter:
		agg, _ = x.Child.(*plan.Aggregate)
	}
	if agg == nil {
		if n, ok := rowBound(top); ok && n <= 1 {
			return nil
		}
		return mustAggregateScalarSubquery()
	}
	if !anyAggregate(agg.Exprs) {
		return mustAggregateScalarSubquery()
	}
	var invalid []string
	if a.flag(confLegacyScalarGroupByNonEqual, false) {
		invalid = groupColumnsOutsideCorrelation(q, agg)
	} else {
		invalid = unpinnedGroupNames(q, agg)
	}
	if len(invalid) > 0 {
		return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_CORRELATED_COLUMNS_IN_GROUP_BY", "0A000",
			"Unsupported subquery expression: A GROUP BY clause in a scalar correlated subquery cannot contain non-correlated columns: <value>.",
			map[string]string{"value": strings.Join(invalid, ",")})
	}
	return nil
}

func mustAggregateScalarSubquery() error {
	return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY", "0A000",
		"Unsupported subquery expression: Correlated scalar subqueries must be aggregated to return at most one row.", nil)
}

// unpinnedGroupNames names the grouping expressions of agg that read the subquery's columns
// and that no correlated equality of q pins to one value per outer row.
func unpinnedGroupNames(q plan.Node, agg *plan.Aggregate) []string {
	pinned := map[string]bool{}
	for _, e := range plan.CorrelatedEquivalents(q) {
		pinned[plan.SemanticKey(e)] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, g := range agg.Groups {
		if _, isOuter := g.(*plan.OuterRef); isOuter || !readsLocal(g) {
			continue
		}
		k := plan.SemanticKey(g)
		if pinned[k] || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, exprName(g))
	}
	return out
}

// groupColumnsOutsideCorrelation names the columns the grouping expressions of agg read
// that no correlated predicate of q reads (the legacy rule).
func groupColumnsOutsideCorrelation(q plan.Node, agg *plan.Aggregate) []string {
	correlatedCols := map[plan.ExprID]bool{}
	var collect func(n plan.Node)
	collect = func(n plan.Node) {
		if f, ok := n.(*plan.Filter); ok {
			for _, c := range plan.Conjuncts(f.Cond) {
				if holdsOuter(c) {
					plan.Walk(c, func(x plan.Expr) bool {
						if at, ok := x.(*plan.AttributeRef); ok {
							correlatedCols[at.ID] = true
						}
						return true
					})
				}
			}
		}
		for _, c := range n.Children() {
			collect(c)
		}
	}
	collect(q)
	var out []string
	seen := map[plan.ExprID]bool{}
	for _, g := range agg.Groups {
		plan.Walk(g, func(x plan.Expr) bool {
			if at, ok := x.(*plan.AttributeRef); ok && !correlatedCols[at.ID] && !seen[at.ID] {
				seen[at.ID] = true
				out = append(out, at.Name)
			}
			return true
		})
	}
	return out
}

// exprName is how Spark names an invalid grouping expression: a column by its name,
// another expression by its string form.
func exprName(e plan.Expr) string {
	if at, ok := e.(*plan.AttributeRef); ok {
		return at.Name
	}
	return e.String()
}

// readsLocal reports whether e reads a column of its own query (outer references do not
// count).
func readsLocal(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.AttributeRef); return ok })
}

// rowBound is a bound on the rows n outputs, when one is known (Spark's maxRows).
func rowBound(n plan.Node) (int64, bool) {
	switch x := n.(type) {
	case plan.OneRow:
		return 1, true
	case *plan.Values:
		return int64(len(x.Rows)), true
	case *plan.Aggregate:
		if len(x.Groups) == 0 && len(x.GroupingSets) == 0 {
			return 1, true
		}
		return rowBound(x.Child)
	case *plan.Limit:
		var k int64
		switch v := literalValue(x.N).(type) {
		case int32:
			k = int64(v)
		case int64:
			k = v
		default:
			return rowBound(x.Child)
		}
		if c, ok := rowBound(x.Child); ok && c < k {
			return c, true
		}
		return k, true
	case *plan.Project, *plan.Filter, *plan.Sort, *plan.SubqueryAlias, *plan.Window, *plan.Distinct,
		*plan.Offset, *plan.Sample, *plan.Repartition, *plan.PlanIDTag:
		return rowBound(n.Children()[0])
	}
	return 0, false
}

// literalValue is the value of a literal, nil for other expressions.
func literalValue(e plan.Expr) any {
	if lit, ok := e.(*plan.Literal); ok {
		return lit.Value
	}
	return nil
}
