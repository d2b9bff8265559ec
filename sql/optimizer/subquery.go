package optimizer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Subqueries in predicates become joins, as Spark's RewritePredicateSubquery and
// RewriteCorrelatedScalarSubquery do:
//
//   - a WHERE/HAVING conjunct EXISTS (q) / NOT EXISTS (q) becomes a left semi / anti join
//     with q, on the correlated predicates pulled up out of q;
//   - a IN (q) becomes a semi join on a = q's column (and the correlated predicates);
//     NOT IN (q) a null-aware anti join, where a NULL on either side keeps no row;
//   - a correlated scalar subquery in a projection or filter, which Spark requires to be
//     an aggregate, becomes a left outer join with the aggregate grouped by its
//     correlation keys; where the aggregate has a value on no rows (count), a marker
//     column restores it for outer rows with no match (the "count bug").
//
// Uncorrelated scalar subqueries stay expressions: the physical planner runs them once.

// rewriteSubqueries rewrites every subquery expression of the tree, innermost first.
func rewriteSubqueries(n plan.Node) (plan.Node, error) {
	children := n.Children()
	if len(children) > 0 {
		next := make([]plan.Node, len(children))
		changed := false
		for i, c := range children {
			r, err := rewriteSubqueries(c)
			if err != nil {
				return nil, err
			}
			next[i] = r
			changed = changed || r != c
		}
		if changed {
			n = n.WithChildren(next)
		}
	}
	// Subquery plans nested in this node's expressions first.
	if err := rewriteNestedPlans(n); err != nil {
		return nil, err
	}
	switch x := n.(type) {
	case *plan.Filter:
		return rewriteFilter(x)
	case *plan.Project:
		child, exprs, err := joinScalarSubqueries(x.Child, x.Exprs)
		if err != nil {
			return nil, err
		}
		if child == x.Child {
			return x, nil
		}
		return &plan.Project{Child: child, Exprs: exprs}, nil
	}
	for _, e := range plan.Expressions(n) {
		if correlatedSubqueryIn(e) {
			return nil, sparkerror.NotImplemented("correlated subqueries in " + n.Describe())
		}
	}
	return n, nil
}

// rewriteNestedPlans rewrites the plans of the subquery expressions n holds, in place: the
// expressions are the analyzer's fresh resolved copies, owned by this plan.
func rewriteNestedPlans(n plan.Node) error {
	var err error
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if err != nil {
				return false
			}
			if q := plan.SubqueryOf(x); q != nil {
				var r plan.Node
				if r, err = rewriteSubqueries(q.Plan); err == nil {
					q.Plan = r
				}
			}
			return true
		})
	}
	return err
}

// correlatedSubqueryIn reports whether e holds a subquery that refers to outer columns.
func correlatedSubqueryIn(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		q := plan.SubqueryOf(x)
		return q != nil && correlated(q.Plan)
	})
}

// correlated reports whether a subquery plan refers to a column of an enclosing query.
func correlated(n plan.Node) bool {
	for _, e := range plan.Expressions(n) {
		if plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.OuterRef); return ok }) {
			return true
		}
	}
	for _, c := range n.Children() {
		if correlated(c) {
			return true
		}
	}
	return false
}

// rewriteFilter turns predicate subqueries among the filter's conjuncts into joins under
// it, and correlated scalar subqueries into outer joins.
func rewriteFilter(f *plan.Filter) (plan.Node, error) {
	child := f.Child
	var keep []plan.Expr
	for _, c := range plan.Conjuncts(f.Cond) {
		negated := false
		inner := c
		if call, ok := c.(*plan.Call); ok && call.Fn == "not" && len(call.Args) == 1 {
			negated, inner = true, call.Args[0]
		}
		var err error
		switch s := inner.(type) {
		case *plan.Exists:
			jt := plan.LeftSemiJoin
			if negated {
				jt = plan.LeftAntiJoin
			}
			child, err = predicateJoin(child, s.Query, nil, jt)
		case *plan.InSubquery:
			jt := plan.LeftSemiJoin
			if negated {
				jt = plan.NullAwareLeftAntiJoin
			}
			child, err = predicateJoin(child, s.Query, s.Values, jt)
		default:
			keep = append(keep, c)
			continue
		}
		if err != nil {
			return nil, err
		}
	}
	out := f.Output()
	child, keep, err := joinScalarSubqueries(child, keep)
	if err != nil {
		return nil, err
	}
	for _, c := range keep {
		if plan.Any(c, func(x plan.Expr) bool {
			switch x.(type) {
			case *plan.Exists, *plan.InSubquery:
				return true
			}
			return false
		}) && correlatedSubqueryIn(c) {
			return nil, sparkerror.NotImplemented("correlated EXISTS or IN subqueries inside other expressions")
		}
	}
	var n plan.Node = child
	if len(keep) > 0 {
		n = &plan.Filter{Child: child, Cond: plan.And(keep), Having: f.Having}
	}
	if !sameAttributes(n.Output(), out) {
		n = &plan.Project{Child: n, Exprs: attrExprs(out)}
	}
	return n, nil
}

// predicateJoin joins outer with a subquery as a semi or anti join: values (IN) compare
// with the subquery's columns, and the correlated predicates become join conditions.
func predicateJoin(outer plan.Node, q *plan.Subquery, values []plan.Expr, jt plan.JoinType) (plan.Node, error) {
	inner, preds, err := pullUpCorrelated(q.Plan)
	if err != nil {
		return nil, err
	}
	qOut := q.Plan.Output()
	if len(values) > len(qOut) {
		return nil, sparkerror.InternalError("IN subquery: %d values, %d columns", len(values), len(qOut))
	}
	var eqs []plan.Expr
	for i, v := range values {
		eqs = append(eqs, equal(v, qOut[i]))
	}
	if jt == plan.NullAwareLeftAntiJoin && (len(eqs) != 1 || len(preds) > 0) {
		// NOT IN in general: drop the row when some subquery row matches the correlation
		// and compares equal or unknown.
		jt = plan.LeftAntiJoin
		eq := plan.And(eqs)
		eqs = []plan.Expr{&plan.Call{Fn: "or", Args: []plan.Expr{eq, isNull(eq)}, Type: types.Boolean, Null: false,
			Form: plan.FormInfix, Display: "OR"}}
	}
	return &plan.Join{Left: outer, Right: inner, Type: jt, Cond: plan.And(append(eqs, preds...))}, nil
}

// joinScalarSubqueries replaces the correlated scalar subqueries of exprs by columns of
// left outer joins added over child. Uncorrelated ones are left for the physical planner.
func joinScalarSubqueries(child plan.Node, exprs []plan.Expr) (plan.Node, []plan.Expr, error) {
	out := make([]plan.Expr, len(exprs))
	for i, e := range exprs {
		r, err := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
			s, ok := x.(*plan.ScalarSubquery)
			if !ok || !correlated(s.Query.Plan) {
				return x, nil
			}
			var value plan.Expr
			var err error
			child, value, err = scalarJoin(child, s.Query)
			return value, err
		})
		if err != nil {
			return nil, nil, err
		}
		out[i] = r
	}
	return child, out, nil
}

// scalarJoin left-outer-joins child with a correlated aggregate subquery and returns the
// expression that stands for the subquery's value.
func scalarJoin(child plan.Node, q *plan.Subquery) (plan.Node, plan.Expr, error) {
	agg, wrap := topAggregate(q.Plan)
	if agg == nil || len(agg.GroupingSets) > 0 {
		return nil, nil, mustAggregate()
	}
	inner, preds, err := pullUpCorrelated(q.Plan)
	if err != nil {
		return nil, nil, err
	}
	// Grouping is allowed on columns the correlation fixes: still one row per outer row.
	bound := map[plan.ExprID]bool{}
	for _, p := range preds {
		if c, ok := p.(*plan.Call); ok && c.Fn == "=" {
			for _, a := range c.Args {
				if attr, ok := a.(*plan.AttributeRef); ok {
					bound[attr.ID] = true
				}
			}
		}
	}
	for _, g := range agg.Groups {
		if attr, ok := g.(*plan.AttributeRef); !ok || !bound[attr.ID] {
			return nil, nil, mustAggregate()
		}
	}
	value := q.Plan.Output()[0]
	result := plan.Expr(value)
	// A grouped aggregate has no row, hence NULL, where nothing matches: no count bug.
	if empty, needed := emptyValue(agg, value, wrap); needed && len(agg.Groups) == 0 {
		// The count bug: an outer row with no match must see the aggregate's value over no
		// rows, not NULL. A constant TRUE column tells the two apart after the join.
		marker := &plan.Alias{Child: &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}, Name: "alwaysTrue", ID: plan.NewExprID()}
		inner = &plan.Project{Child: inner, Exprs: append(attrExprs(inner.Output()), marker)}
		m := plan.ToAttribute(marker)
		result = &plan.CaseWhen{Conds: []plan.Expr{isNull(m)}, Values: []plan.Expr{empty}, Else: value, Type: value.Type, Text: value.Name}
	}
	return &plan.Join{Left: child, Right: inner, Type: plan.LeftOuterJoin, Cond: plan.And(preds)}, result, nil
}

// topAggregate finds the aggregate at the top of a scalar subquery, below projections and
// aliases; wrap lists the projections in between (outermost first).
func topAggregate(n plan.Node) (*plan.Aggregate, []*plan.Project) {
	var wrap []*plan.Project
	for {
		switch x := n.(type) {
		case *plan.Aggregate:
			return x, wrap
		case *plan.Project:
			wrap = append(wrap, x)
			n = x.Child
		case *plan.SubqueryAlias:
			n = x.Child
		default:
			return nil, nil
		}
	}
}

// emptyValue is the subquery's value over no input rows, as an expression of literals,
// and whether it can differ from NULL (only then is the marker needed).
func emptyValue(agg *plan.Aggregate, value *plan.AttributeRef, wrap []*plan.Project) (plan.Expr, bool) {
	// Follow the value column down through the projections to the aggregate's expression.
	var e plan.Expr = value
	defs := map[plan.ExprID]plan.Expr{}
	for _, x := range agg.Exprs {
		if a, ok := x.(*plan.Alias); ok {
			defs[a.ID] = a.Child
		}
	}
	for i := len(wrap) - 1; i >= 0; i-- {
		for _, x := range wrap[i].Exprs {
			if a, ok := x.(*plan.Alias); ok {
				defs[a.ID] = a.Child
			}
		}
	}
	var expand func(plan.Expr, int) plan.Expr
	expand = func(x plan.Expr, depth int) plan.Expr {
		r, _ := plan.Transform(x, func(y plan.Expr) (plan.Expr, error) {
			if a, ok := y.(*plan.AttributeRef); ok && depth < 8 {
				if d, ok := defs[a.ID]; ok {
					return expand(d, depth+1), nil
				}
			}
			return y, nil
		})
		return r
	}
	e = expand(e, 0)
	needed := false
	nullLit := func(t types.DataType) plan.Expr { return &plan.Literal{Type: t, Value: nil, Text: "NULL"} }
	e, _ = plan.Transform(e, func(y plan.Expr) (plan.Expr, error) {
		ac, ok := y.(*plan.AggregateCall)
		if !ok {
			return y, nil
		}
		switch ac.Fn {
		case "count", "count_if":
			needed = true
			return &plan.Literal{Type: ac.Type, Value: int64(0), Text: "0"}, nil
		}
		return nullLit(ac.Type), nil
	})
	if !needed {
		// Without count, the value over no rows is NULL unless something like coalesce
		// turns NULL into a value: keep the marker whenever such a call is present.
		needed = plan.Any(e, func(y plan.Expr) bool {
			c, ok := y.(*plan.Call)
			return ok && nullTolerant[c.Fn]
		}) || plan.Any(e, func(y plan.Expr) bool { _, ok := y.(*plan.CaseWhen); return ok })
	}
	return e, needed
}

// nullTolerant are functions whose result can be non-NULL with NULL arguments.
var nullTolerant = map[string]bool{
	"coalesce": true, "nvl": true, "ifnull": true, "nvl2": true, "if": true, "isnull": true,
	"isnotnull": true, "<=>": true, "or": true, "and": true, "concat_ws": true, "nanvl": true,
}

func mustAggregate() error {
	return sparkerror.New(sparkerror.Analysis,
		"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY", "0A000",
		"Unsupported subquery expression: Correlated scalar subqueries must be aggregated to return at most one row.", nil)
}
