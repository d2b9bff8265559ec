package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

// Checks of the subquery expressions of a resolved plan, as Spark's
// ValidateSubqueryExpression makes them: where a subquery may appear, and where inside it
// outer references may. The optimizer (sql/optimizer/subquery*.go) decorrelates every
// shape these checks let through.

// checkSubqueries validates every subquery expression of n's tree (and of the subqueries'
// own plans).
func (a *analyzer) checkSubqueries(n plan.Node) error {
	for _, e := range plan.Expressions(n) {
		var err error
		plan.Walk(e, func(x plan.Expr) bool {
			if err != nil {
				return false
			}
			if q := plan.SubqueryOf(x); q != nil {
				if err = a.checkSubqueries(q.Plan); err == nil {
					err = a.checkSubquery(n, x, q)
				}
			}
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	for _, c := range n.Children() {
		if err := a.checkSubqueries(c); err != nil {
			return err
		}
	}
	return nil
}

// checkSubquery validates one subquery expression e of the host node.
func (a *analyzer) checkSubquery(host plan.Node, e plan.Expr, q *plan.Subquery) error {
	switch e.(type) {
	case *plan.ScalarSubquery:
		if subqueryCorrelated(q.Plan) {
			if err := a.checkScalarSubqueryRows(q.Plan); err != nil {
				return err
			}
			switch h := host.(type) {
			case *plan.Filter, *plan.Project:
			case *plan.Aggregate:
				// A correlated scalar subquery the aggregate groups by must be in its
				// select list too, to be rewritten.
				key := plan.CanonicalPlan(q.Plan)
				inGroups, inExprs := subqueryIn(h.Groups, key), subqueryIn(h.Exprs, key)
				if inGroups && !inExprs {
					return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY", "0A000",
						"Unsupported subquery expression: Correlated scalar subqueries must be aggregated to return at most one row.", nil)
				}
				if s := ungroupedScalarSubquery(h); s != nil {
					return analysisError("SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION", "0A000",
						"The correlated scalar subquery '<sqlExpr>' is neither present in GROUP BY, nor in an aggregate function.\nAdd it to GROUP BY using ordinal position or wrap it in `first()` (or `first_value`) if you don't care which value you get.",
						map[string]string{"sqlExpr": sqlExpr(s)})
				}
			default:
				return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_SCALAR_SUBQUERY", "0A000",
					"Unsupported subquery expression: Correlated scalar subqueries can only be used in filters, aggregations, projections, and UPDATE/MERGE/DELETE commands:\n<treeNode>",
					map[string]string{"treeNode": host.Describe()})
			}
		}
	default:
		switch host.(type) {
		case *plan.Filter, *plan.Join, *plan.Project, *plan.Aggregate, *plan.Window:
		default:
			return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY", "0A000",
				"Unsupported subquery expression: IN/EXISTS predicate subqueries can only be used in filters, joins, aggregations, window functions, projections, and UPDATE/MERGE/DELETE commands:\n<treeNode>",
				map[string]string{"treeNode": host.Describe()})
		}
	}
	return checkCorrelations(q.Plan, true)
}

// subqueryIn reports whether es hold a subquery expression whose plan has the canonical
// form key.
func subqueryIn(es []plan.Expr, key string) bool {
	for _, e := range es {
		if plan.Any(e, func(x plan.Expr) bool {
			q := plan.SubqueryOf(x)
			return q != nil && plan.CanonicalPlan(q.Plan) == key
		}) {
			return true
		}
	}
	return false
}

// subqueryCorrelated reports whether a subquery plan holds outer references.
func subqueryCorrelated(n plan.Node) bool {
	for _, e := range plan.Expressions(n) {
		if holdsOuter(e) {
			return true
		}
	}
	for _, c := range n.Children() {
		if subqueryCorrelated(c) {
			return true
		}
	}
	return false
}

func holdsOuter(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.OuterRef); return ok })
}

// checkCorrelations checks where the outer references of a subquery plan are: only
// filters, projections and joins may hold them (Spark's decorrelation handles those), and
// not under the side of an outer join that pads, nor under operators it cannot see
// through (canOuter false below those).
func checkCorrelations(n plan.Node, canOuter bool) error {
	if !canOuter {
		for _, e := range plan.Expressions(n) {
			if holdsOuter(e) {
				return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED", "0A000",
					"Unsupported subquery expression: Accessing outer query column is not allowed in this location:\n<treeNode>",
					map[string]string{"treeNode": n.Describe()})
			}
		}
	}
	children := n.Children()
	switch x := n.(type) {
	case plan.OneRow, *plan.Range, *plan.LocalData, *plan.Values, *plan.TableScan, *plan.DataSourceRead,
		*plan.SubqueryAlias, *plan.PlanIDTag, *plan.SetOp, *plan.WithCTE, *plan.Distinct:
	case *plan.Project, *plan.Filter:
		if err := checkHostedOuter(n, true); err != nil {
			return err
		}
		if f, ok := n.(*plan.Filter); ok {
			if ac := outerAggregateIn(f.Cond); ac != nil {
				// An aggregate of outer columns no enclosing aggregate computes.
				return analysisError("INVALID_WHERE_CONDITION", "42903",
					"The WHERE condition <condition> contains invalid expressions: <expressionList>.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.",
					map[string]string{"condition": sqlExpr(f.Cond), "expressionList": aggregateList(f.Cond)})
			}
		}
	case *plan.Window:
		// Spark computes window inputs in a projection below the window, which hosts
		// their outer references.
	case *plan.Sort, *plan.Repartition, *plan.Aggregate, *plan.Limit, *plan.Offset:
		if err := checkHostedOuter(n, false); err != nil {
			return err
		}
	case *plan.Join:
		if err := checkHostedOuter(n, true); err != nil {
			return err
		}
		left, right := canOuter, canOuter
		switch x.Type {
		case plan.InnerJoin, plan.CrossJoin:
		case plan.LeftOuterJoin, plan.LeftSemiJoin, plan.LeftAntiJoin:
			right = false
		case plan.RightOuterJoin:
			left = false
		default:
			left, right = false, false
		}
		if err := checkCorrelations(x.Left, left); err != nil {
			return err
		}
		return checkCorrelations(x.Right, right)
	case *plan.Generate:
		if len(x.Unrequired) < len(x.Child.Output()) {
			if err := checkHostedOuter(n, false); err != nil {
				return err
			}
		} else {
			// A generator of no input column may read outer ones; below it nothing may.
			canOuter = false
		}
	default:
		canOuter = false
	}
	for _, c := range children {
		if err := checkCorrelations(c, canOuter); err != nil {
			return err
		}
	}
	return nil
}

// checkHostedOuter checks the outer references n's own expressions hold: an aggregate
// function may not mix them with the subquery's columns, and only a node that can host
// outer references may hold any.
func checkHostedOuter(n plan.Node, canHost bool) error {
	var withOuter []string
	for _, e := range plan.Expressions(n) {
		var err error
		plan.Walk(e, func(x plan.Expr) bool {
			ac, ok := x.(*plan.AggregateCall)
			if !ok || err != nil {
				return err == nil
			}
			err = checkMixedReferences(ac)
			return false
		})
		if err != nil {
			return err
		}
		if holdsOuter(e) {
			withOuter = append(withOuter, sqlExpr(stripOuterRefs(e)))
		}
	}
	if !canHost && len(withOuter) > 0 {
		return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE", "0A000",
			"Unsupported subquery expression: Expressions referencing the outer query are not supported outside of WHERE/HAVING clauses: <sqlExprs>.",
			map[string]string{"sqlExprs": strings.Join(withOuter, ",")})
	}
	return nil
}

// stripOuterRefs replaces the outer references of e by the columns they name.
func stripOuterRefs(e plan.Expr) plan.Expr {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if o, ok := x.(*plan.OuterRef); ok {
			return o.Attr, nil
		}
		return x, nil
	})
	return r
}

// outerSQL prints e as Spark's SQL form does in these errors: outer references as
// outer(qualifier.name), and the subquery's own columns qualified too.
func outerSQL(e plan.Expr) string {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if at, ok := x.(*plan.AttributeRef); ok && len(at.Qualifier) > 0 {
			cp := *at
			cp.Name = strings.Join(at.Qualifier, ".") + "." + at.Name
			return &cp, nil
		}
		return x, nil
	})
	return r.String()
}

// checkMixedReferences rejects an aggregate function that reads both outer and local
// columns: neither query can compute it.
func checkMixedReferences(ac *plan.AggregateCall) error {
	if holdsOuter(ac) && plan.Any(ac, func(y plan.Expr) bool { _, ok := y.(*plan.AttributeRef); return ok }) {
		return analysisError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.AGGREGATE_FUNCTION_MIXED_OUTER_LOCAL_REFERENCES", "0A000",
			"Unsupported subquery expression: Found an aggregate function in a correlated predicate that has both outer and local references, which is not supported: <function>.",
			map[string]string{"function": outerSQL(ac)})
	}
	return nil
}

// ungroupedScalarSubquery is the first correlated scalar subquery of the aggregate's
// select list that stands outside aggregate functions without being one of its grouping
// expressions (as Spark's assertValidAggregation finds it), nil when there is none: its
// value could differ between the rows of a group.
func ungroupedScalarSubquery(agg *plan.Aggregate) *plan.ScalarSubquery {
	groups := map[string]bool{}
	for _, g := range agg.Groups {
		groups[groupKey(g)] = true
	}
	var found *plan.ScalarSubquery
	var visit func(e plan.Expr)
	visit = func(e plan.Expr) {
		if found != nil {
			return
		}
		switch x := e.(type) {
		case *plan.AggregateCall:
			return
		case *plan.Alias:
			visit(x.Child)
			return
		case *plan.ScalarSubquery:
			if subqueryCorrelated(x.Query.Plan) && !groups[groupKey(x)] {
				found = x
			}
			return
		}
		if groups[groupKey(e)] {
			return
		}
		for _, c := range e.Children() {
			visit(c)
		}
	}
	for _, e := range agg.Exprs {
		visit(e)
	}
	return found
}

// groupKey compares expressions as grouping expressions: semantically, and subqueries by
// their plans.
func groupKey(e plan.Expr) string {
	if al, ok := e.(*plan.Alias); ok {
		e = al.Child
	}
	if q := plan.SubqueryOf(e); q != nil {
		return "subquery:" + plan.CanonicalPlan(q.Plan)
	}
	return plan.SemanticKey(e)
}
