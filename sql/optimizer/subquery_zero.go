package optimizer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// What a subquery gives over no input rows, and whether it returns at most one row: the
// facts the rewrite of a scalar subquery into a join needs (Spark's
// RewriteCorrelatedScalarSubquery.evalSubqueryOnZeroTups and guaranteedToReturnOneRow).

// nullLit is a NULL of type t.
func nullOf(t types.DataType) plan.Expr { return &plan.Literal{Type: t, Value: nil, Text: "NULL"} }

// emptyAggregateValue is an aggregate function's result over no rows: 0 for the counts,
// an empty array for the collections, NULL for the rest.
func zeroAggregate(ac *plan.AggregateCall) plan.Expr {
	switch ac.Fn {
	case "count", "count_if", "approx_count_distinct":
		return &plan.Literal{Type: ac.Type, Value: int64(0), Text: "0"}
	case "collect_list", "collect_set", "array_agg":
		return &plan.Call{Fn: "array", Type: ac.Type, Display: "array"}
	case "count_min_sketch":
		// An empty sketch, whose bytes depend on the arguments: the aggregate computed
		// once over no rows.
		var cols []*plan.AttributeRef
		seen := map[plan.ExprID]bool{}
		plan.Walk(ac, func(x plan.Expr) bool {
			if a, ok := x.(*plan.AttributeRef); ok && !seen[a.ID] {
				seen[a.ID] = true
				cols = append(cols, a)
			}
			return true
		})
		names := make([]string, len(cols))
		row := make([]plan.Expr, len(cols))
		for i, c := range cols {
			names[i], row[i] = c.Name, nullOf(c.Type)
		}
		none := &plan.Filter{Child: &plan.Values{Rows: [][]plan.Expr{row}, Names: names, Out: cols},
			Cond: &plan.Literal{Type: types.Boolean, Value: false, Text: "false"}}
		al := &plan.Alias{Child: ac, Name: ac.String(), ID: plan.NewExprID()}
		return &plan.ScalarSubquery{Query: &plan.Subquery{Plan: &plan.Aggregate{Child: none, Exprs: []plan.Expr{al}}}}
	}
	return nullOf(ac.Type)
}

// zeroExpr is e evaluated over no rows: aggregates give their empty value, columns NULL.
func zeroExpr(e plan.Expr) plan.Expr {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		switch y := x.(type) {
		case *plan.AggregateCall:
			return zeroAggregate(y), nil
		case *plan.AttributeRef:
			return nullOf(y.Type), nil
		}
		return x, nil
	})
	return r
}

// zeroValues maps each output column of an aggregate to its value over no input rows.
func zeroValues(a *plan.Aggregate) map[plan.ExprID]plan.Expr {
	m := make(map[plan.ExprID]plan.Expr, len(a.Exprs))
	for _, e := range a.Exprs {
		out := plan.ToAttribute(e)
		switch x := e.(type) {
		case *plan.AttributeRef:
			m[out.ID] = nullOf(x.Type)
		case *plan.Alias:
			switch c := x.Child.(type) {
			case *plan.AttributeRef:
				m[out.ID] = nullOf(c.Type)
			case *plan.Literal:
				m[out.ID] = c
			default:
				m[out.ID] = zeroExpr(x.Child)
			}
		default:
			m[out.ID] = zeroExpr(e)
		}
	}
	return m
}

// bindZero replaces the columns of e by their values in bindings (NULL when absent).
func bindZero(e plan.Expr, bindings map[plan.ExprID]plan.Expr) plan.Expr {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if a, ok := x.(*plan.AttributeRef); ok {
			if v, ok := bindings[a.ID]; ok {
				return v, nil
			}
			return nullOf(a.Type), nil
		}
		return x, nil
	})
	if al, ok := r.(*plan.Alias); ok {
		return al.Child
	}
	return r
}

// zeroPlan evaluates a (decorrelated) subquery plan over no rows of its leaves: the value
// of each output column as an expression of constants, or nil when it has no row then.
func zeroPlan(n plan.Node) map[plan.ExprID]plan.Expr {
	switch x := n.(type) {
	case *plan.SubqueryAlias:
		return zeroPlan(x.Child)
	case *plan.Filter:
		b := zeroPlan(x.Child)
		if len(b) == 0 {
			return b
		}
		cond := bindZero(x.Cond, b)
		if definitelyNull(cond) || literalFalse(cond) {
			return nil
		}
		if literalTrue(cond) {
			return b
		}
		out := make(map[plan.ExprID]plan.Expr, len(b))
		for id, v := range b {
			out[id] = &plan.CaseWhen{Conds: []plan.Expr{cond}, Values: []plan.Expr{v}, Type: plan.TypeOf(v)}
		}
		return out
	case *plan.Project:
		b := zeroPlan(x.Child)
		if len(b) == 0 {
			return b
		}
		out := make(map[plan.ExprID]plan.Expr, len(x.Exprs))
		for _, e := range x.Exprs {
			out[plan.ToAttribute(e).ID] = bindZero(e, b)
		}
		return out
	case *plan.Aggregate:
		// Over no rows (the grouping columns the decorrelation added aside).
		return zeroValues(x)
	}
	children := n.Children()
	out := map[plan.ExprID]plan.Expr{}
	for _, a := range n.Output() {
		out[a.ID] = nullOf(a.Type)
	}
	if len(children) == 0 {
		return out
	}
	b := map[plan.ExprID]plan.Expr{}
	for _, c := range children {
		for k, v := range zeroPlan(c) {
			b[k] = v
		}
	}
	for _, a := range n.Output() {
		if v, ok := b[a.ID]; ok {
			out[a.ID] = v
		}
	}
	return out
}

// subqueryZero is the value of the subquery's first column over no rows, or nil when that
// is NULL (or there is no row).
func subqueryZero(n plan.Node) plan.Expr {
	b := zeroPlan(n)
	out := n.Output()
	if len(out) == 0 {
		return nil
	}
	v, ok := b[out[0].ID]
	if !ok || definitelyNull(v) {
		return nil
	}
	return v
}

func literalTrue(e plan.Expr) bool {
	l, ok := e.(*plan.Literal)
	return ok && l.Value == true
}

func literalFalse(e plan.Expr) bool {
	l, ok := e.(*plan.Literal)
	return ok && l.Value == false
}

// nullIntolerant are functions whose result is NULL when an argument is NULL.
var nullIntolerant = map[string]bool{
	"+": true, "-": true, "*": true, "/": true, "%": true, "div": true, "pmod": true,
	"=": true, "<": true, ">": true, "<=": true, ">=": true, "!=": true, "<>": true,
	"not": true, "negative": true, "positive": true, "abs": true, "sqrt": true,
	"round": true, "floor": true, "ceil": true, "ceiling": true, "exp": true, "ln": true,
	"upper": true, "lower": true, "length": true, "substring": true, "concat": true,
	"try_add": true, "try_subtract": true, "try_multiply": true, "try_divide": true,
}

// definitelyNull reports whether e, an expression of constants, is NULL: a NULL literal,
// or a NULL-intolerant function of one. Unknown functions count as possibly non-NULL.
func definitelyNull(e plan.Expr) bool {
	switch x := e.(type) {
	case *plan.Literal:
		return x.Value == nil
	case *plan.Alias:
		return definitelyNull(x.Child)
	case *plan.Cast:
		return definitelyNull(x.Child)
	case *plan.Call:
		if !nullIntolerant[x.Fn] {
			return false
		}
		for _, a := range x.Args {
			if definitelyNull(a) {
				return true
			}
		}
	case *plan.CaseWhen:
		if x.Else != nil && !definitelyNull(x.Else) {
			return false
		}
		for _, v := range x.Values {
			if !definitelyNull(v) {
				return false
			}
		}
		return true
	}
	return false
}

// maxRows is a bound on the rows n outputs, when one is known.
func maxRows(n plan.Node) (int64, bool) {
	switch x := n.(type) {
	case plan.OneRow:
		return 1, true
	case *plan.Values:
		return int64(len(x.Rows)), true
	case *plan.Aggregate:
		if len(x.Groups) == 0 && len(x.GroupingSets) == 0 {
			return 1, true
		}
		return maxRows(x.Child)
	case *plan.Limit:
		k, ok := literalInt(x.N)
		if !ok {
			return maxRows(x.Child)
		}
		if c, ok := maxRows(x.Child); ok && c < k {
			return c, true
		}
		return k, true
	case *plan.Project, *plan.Filter, *plan.Sort, *plan.SubqueryAlias, *plan.Window, *plan.Distinct,
		*plan.Offset, *plan.Sample, *plan.Repartition, *plan.PlanIDTag, *plan.Deduplicate:
		return maxRows(n.Children()[0])
	case *plan.Join:
		switch x.Type {
		case plan.LeftSemiJoin, plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin, plan.ExistenceJoin:
			return maxRows(x.Left)
		case plan.InnerJoin, plan.CrossJoin:
			l, lok := maxRows(x.Left)
			r, rok := maxRows(x.Right)
			if lok && rok && (l == 0 || r <= (1<<62)/max(l, 1)) {
				return l * r, true
			}
		}
	case *plan.SetOp:
		l, lok := maxRows(x.Left)
		r, rok := maxRows(x.Right)
		switch {
		case x.Kind == plan.UnionOp && lok && rok:
			return l + r, true
		case x.Kind == plan.IntersectOp && lok && rok:
			return min(l, r), true
		case x.Kind == plan.ExceptOp && lok:
			return l, true
		}
	}
	return 0, false
}

// oneRowPerOuterRow reports whether a correlated scalar subquery returns at most one row
// for each outer row: it has at most one row, or it aggregates (with an aggregate
// function) and groups only by expressions that correlated equalities pin to one value.
func oneRowPerOuterRow(q plan.Node) bool {
	if m, ok := maxRows(q); ok && m <= 1 {
		return true
	}
	var agg *plan.Aggregate
	switch x := q.(type) {
	case *plan.Aggregate:
		agg = x
	case *plan.Filter:
		agg, _ = x.Child.(*plan.Aggregate)
	case *plan.Limit:
		agg, _ = x.Child.(*plan.Aggregate)
	case *plan.Project:
		agg, _ = x.Child.(*plan.Aggregate)
	}
	if agg == nil || len(agg.GroupingSets) > 0 {
		return false
	}
	hasAgg := false
	for _, e := range append(append([]plan.Expr(nil), agg.Groups...), agg.Exprs...) {
		if plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.AggregateCall); return ok }) {
			hasAgg = true
		}
	}
	return hasAgg && len(unpinnedGroups(q, agg)) == 0
}

// unpinnedGroups lists the grouping expressions of agg (other than outer references and
// constants) that no correlated equality of q pins to one value per outer row.
func unpinnedGroups(q plan.Node, agg *plan.Aggregate) []plan.Expr {
	pinned := map[string]bool{}
	for _, e := range plan.CorrelatedEquivalents(q) {
		pinned[plan.SemanticKey(e)] = true
	}
	var out []plan.Expr
	for _, g := range agg.Groups {
		if _, ok := g.(*plan.OuterRef); ok || !readsAny(g) {
			continue
		}
		if !pinned[plan.SemanticKey(g)] {
			out = append(out, g)
		}
	}
	return out
}
