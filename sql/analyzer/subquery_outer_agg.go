package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

// Aggregate functions of outer columns in the subqueries of a HAVING condition, as Spark's
// analyzer treats them (SubExprUtils.getOuterReferences and the rule UpdateOuterReferences):
// in
//
//	SELECT a FROM l GROUP BY a HAVING EXISTS (SELECT 1 FROM r WHERE r.d < min(l.b))
//
// min(l.b) reads only the outer query's columns, so the outer aggregate computes it (an
// extra output of the aggregate) and the subquery reads it as an outer reference to that
// output. An aggregate function that mixes outer and local columns is an error
// (AGGREGATE_FUNCTION_MIXED_OUTER_LOCAL_REFERENCES, see checkHostedOuter); one of outer
// columns left where no aggregate can compute it is an invalid WHERE condition.

// outerAggLifter moves the aggregate functions of the aggregate's input columns that
// subqueries hold into the aggregate (through its aggExtras).
type outerAggLifter struct {
	input map[plan.ExprID]bool
	x     *aggExtras
	err   error
}

// liftOuterAggregates rewrites the subqueries of cond, a condition over agg resolved with
// agg's input as a fallback scope, so that their aggregate functions of agg's input
// columns read extra outputs of the aggregate x builds.
func liftOuterAggregates(cond plan.Expr, agg *plan.Aggregate, x *aggExtras) (plan.Expr, error) {
	if !plan.Any(cond, func(e plan.Expr) bool { return plan.SubqueryOf(e) != nil }) {
		return cond, nil
	}
	l := &outerAggLifter{input: map[plan.ExprID]bool{}, x: x}
	for _, at := range agg.Child.Output() {
		l.input[at.ID] = true
	}
	r := l.expr(cond, false)
	return r, l.err
}

// expr rewrites e top-down; inside says whether e is an expression of a subquery plan
// (where outer references stand for the aggregate's input).
func (l *outerAggLifter) expr(e plan.Expr, inside bool) plan.Expr {
	if q := plan.SubqueryOf(e); q != nil {
		p := l.node(q.Plan)
		var vals []plan.Expr
		valsChanged := false
		if in, ok := e.(*plan.InSubquery); ok {
			vals = in.Values
			if inside {
				vals, valsChanged = plan.MapExprList(in.Values, func(v plan.Expr) plan.Expr { return l.expr(v, inside) })
			}
		}
		if p == q.Plan && !valsChanged {
			return e
		}
		var outer []*plan.AttributeRef
		collectOuter(p, &outer)
		nq := &plan.Subquery{Plan: p, Outer: outer}
		switch e.(type) {
		case *plan.ScalarSubquery:
			return &plan.ScalarSubquery{Query: nq}
		case *plan.Exists:
			return &plan.Exists{Query: nq}
		default:
			return &plan.InSubquery{Values: vals, Query: nq}
		}
	}
	if ac, ok := e.(*plan.AggregateCall); ok && inside && holdsOuter(ac) {
		if r := l.lift(ac); r != nil {
			return r
		}
		return e
	}
	return plan.MapChildren(e, func(c plan.Expr) plan.Expr { return l.expr(c, inside) })
}

// lift computes ac, an aggregate function of a subquery holding outer references, in the
// outer aggregate when it reads only that aggregate's input columns; nil otherwise. One
// that also reads the subquery's columns is an error, as Spark raises it when it resolves
// the subquery.
func (l *outerAggLifter) lift(ac *plan.AggregateCall) plan.Expr {
	if l.err != nil {
		return nil
	}
	if err := checkMixedReferences(ac); err != nil {
		l.err = err
		return nil
	}
	ok := true
	plan.Walk(ac, func(x plan.Expr) bool {
		if o, isOuter := x.(*plan.OuterRef); isOuter {
			ok = ok && l.input[o.Attr.ID]
			return false
		}
		if plan.SubqueryOf(x) != nil {
			ok = false
		}
		return ok
	})
	if !ok {
		return nil
	}
	value := stripOuterRefs(ac)
	at := l.x.push(canonKey(value), value, value.String())
	return &plan.OuterRef{Attr: at}
}

// node rewrites the expressions of a subquery plan and of its children.
func (l *outerAggLifter) node(n plan.Node) plan.Node {
	n = plan.MapNodeChildren(n, l.node)
	return plan.MapNodeExprs(n, func(e plan.Expr) plan.Expr { return l.expr(e, true) })
}

// outerAggregateIn is the first aggregate function of e that holds outer references, nil
// when there is none.
func outerAggregateIn(e plan.Expr) *plan.AggregateCall {
	var found *plan.AggregateCall
	plan.Walk(e, func(x plan.Expr) bool {
		if found != nil {
			return false
		}
		if ac, ok := x.(*plan.AggregateCall); ok && holdsOuter(ac) {
			found = ac
			return false
		}
		return true
	})
	return found
}

// localAggregate reports whether e holds an aggregate function that reads no outer
// column (those the enclosing aggregate may compute, see liftOuterAggregates).
func localAggregate(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		ac, ok := x.(*plan.AggregateCall)
		return ok && !holdsOuter(ac)
	})
}

// checkHavingOuterRefs requires the outer references that the subqueries of cond, a
// condition over agg, make to agg's input columns to be grouping columns or outputs of agg:
// above the aggregate no other input column exists (Spark's check of the attributes an
// operator reads, MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT).
func checkHavingOuterRefs(cond plan.Expr, agg *plan.Aggregate) error {
	if !plan.Any(cond, func(e plan.Expr) bool { return plan.SubqueryOf(e) != nil }) {
		return nil
	}
	input := map[plan.ExprID]bool{}
	for _, at := range agg.Child.Output() {
		input[at.ID] = true
	}
	have := map[plan.ExprID]bool{}
	for _, at := range agg.Output() {
		have[at.ID] = true
	}
	for _, g := range agg.Groups {
		if at, ok := g.(*plan.AttributeRef); ok {
			have[at.ID] = true
		}
	}
	var missing []*plan.AttributeRef
	seen := map[plan.ExprID]bool{}
	plan.Walk(cond, func(e plan.Expr) bool {
		if q := plan.SubqueryOf(e); q != nil {
			for _, o := range q.Outer {
				if input[o.ID] && !have[o.ID] && !seen[o.ID] {
					seen[o.ID] = true
					missing = append(missing, o)
				}
			}
		}
		return true
	})
	if len(missing) == 0 {
		return nil
	}
	quoted := func(attrs []*plan.AttributeRef) string {
		parts := make([]string, len(attrs))
		for i, at := range attrs {
			parts[i] = `"` + at.Name + `"`
		}
		return strings.Join(parts, ", ")
	}
	return analysisError("MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT", "XX000",
		"Resolved attribute(s) <missingAttributes> missing from <input> in operator <operator>.",
		map[string]string{"missingAttributes": quoted(missing), "input": quoted(agg.Output()),
			"operator": "!" + (&plan.Filter{Child: agg, Cond: cond}).Describe()})
}
