package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
)

// aggExtras rewrites the expressions of an operator directly over an aggregate (HAVING,
// ORDER BY) so that they read only the aggregate's output, as Spark's
// ResolveAggregateFunctions does: a part that equals a select item becomes that item's
// column; aggregate functions, grouping functions and grouping expressions the select list
// lacks become extra outputs of the aggregate. A column bound tentatively to the
// aggregate's input (a temp binding, see nameBinder) stands only inside those; elsewhere it
// fails, and its name is resolved again against the aggregate's output.
type aggExtras struct {
	a   *analyzer
	agg *plan.Aggregate // a copy, with the extras appended to Exprs
	// items maps the canonical keys of the select items and extras to their columns.
	items  map[string]*plan.AttributeRef
	outIDs map[plan.ExprID]bool
	groups map[string]plan.Expr
	binder *nameBinder
	// failed are the names whose temp bindings stood outside aggregates and groups.
	failed []*plan.UnresolvedColumn
}

func newAggExtras(a *analyzer, agg *plan.Aggregate, binder *nameBinder) *aggExtras {
	x := &aggExtras{a: a, items: map[string]*plan.AttributeRef{}, outIDs: map[plan.ExprID]bool{},
		groups: map[string]plan.Expr{}, binder: binder}
	m := *agg
	m.Exprs = append([]plan.Expr(nil), agg.Exprs...)
	x.agg = &m
	out := agg.Output()
	for i, e := range agg.Exprs {
		x.outIDs[out[i].ID] = true
		k := canonKey(stripAlias(e))
		if _, dup := x.items[k]; !dup {
			x.items[k] = out[i]
		}
	}
	for _, g := range agg.Groups {
		k := canonKey(g)
		if _, dup := x.groups[k]; !dup {
			x.groups[k] = g
		}
	}
	return x
}

// added reports whether the rewrite added outputs to the aggregate.
func (x *aggExtras) added(orig *plan.Aggregate) bool { return len(x.agg.Exprs) > len(orig.Exprs) }

// push adds e to the aggregate's outputs (once), named name; value is what it computes.
func (x *aggExtras) push(key string, value plan.Expr, name string) *plan.AttributeRef {
	if at, ok := x.items[key]; ok {
		return at
	}
	var item plan.Expr
	var at *plan.AttributeRef
	if a, isAttr := value.(*plan.AttributeRef); isAttr {
		item, at = a, a
	} else {
		al := &plan.Alias{Child: value, Name: name, ID: plan.NewExprID()}
		item, at = al, plan.ToAttribute(al)
	}
	x.agg.Exprs = append(x.agg.Exprs, item)
	x.items[key] = at
	x.outIDs[at.ID] = true
	return at
}

func (x *aggExtras) rewrite(e plan.Expr) (plan.Expr, error) {
	if at, ok := e.(*plan.AttributeRef); ok && x.outIDs[at.ID] && x.binder.temps[at] == nil {
		return at, nil
	}
	k := canonKey(e)
	if at, ok := x.items[k]; ok {
		return at, nil
	}
	switch v := e.(type) {
	case *plan.AggregateCall:
		return x.push(k, v, v.String()), nil
	case *plan.Call:
		if v.Fn == "grouping" || v.Fn == "grouping_id" {
			if err := x.checkGroupingCall(v); err != nil {
				return nil, err
			}
			return x.push(k, v, v.String()), nil
		}
	}
	if g, ok := x.groups[k]; ok {
		return x.push(k, g, e.String()), nil
	}
	switch v := e.(type) {
	case *plan.AttributeRef:
		if c := x.binder.temps[v]; c != nil {
			x.failed = append(x.failed, c)
			return v, nil
		}
		if x.outIDs[v.ID] {
			return v, nil
		}
		return nil, missingAggregation(v)
	case *plan.WindowCall:
		// The window function stays; what it reads comes from the aggregate.
		ch := v.Children()
		nch := make([]plan.Expr, len(ch))
		nch[0] = ch[0]
		if args := ch[0].Children(); len(args) > 0 {
			nargs := make([]plan.Expr, len(args))
			for i, c := range args {
				r, err := x.rewrite(c)
				if err != nil {
					return nil, err
				}
				nargs[i] = r
			}
			nch[0] = ch[0].WithChildren(nargs)
		}
		for i, c := range ch[1:] {
			r, err := x.rewrite(c)
			if err != nil {
				return nil, err
			}
			nch[i+1] = r
		}
		return v.WithChildren(nch), nil
	case *plan.Literal, *plan.OuterRef, *plan.ScalarSubquery, *plan.Exists, *plan.LambdaVar:
		return e, nil
	}
	ch := e.Children()
	if len(ch) == 0 {
		return e, nil
	}
	nch := make([]plan.Expr, len(ch))
	for i, c := range ch {
		r, err := x.rewrite(c)
		if err != nil {
			return nil, err
		}
		nch[i] = r
	}
	return e.WithChildren(nch), nil
}

// checkGroupingCall validates grouping(col) and grouping_id(cols) over the aggregate.
func (x *aggExtras) checkGroupingCall(c *plan.Call) error {
	if x.agg.GroupingSets == nil {
		return analysisError("UNSUPPORTED_GROUPING_EXPRESSION", "42K0E",
			"grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.", nil)
	}
	for _, arg := range c.Args {
		if _, ok := x.groups[canonKey(arg)]; !ok {
			return analysisError("GROUPING_COLUMN_MISMATCH", "42803",
				"Column of grouping (<grouping>) can't be found in grouping columns <groupingColumns>.",
				map[string]string{"grouping": arg.String(), "groupingColumns": groupList(x.agg.Groups)})
		}
	}
	return nil
}

func missingAggregation(x plan.Expr) error {
	return analysisError("MISSING_AGGREGATION", "42803",
		"The non-aggregating expression <expression> is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use <expressionAnyValue> if you do not care which of the values within a group is returned.",
		map[string]string{"expression": sqlExpr(x), "expressionAnyValue": `"any_value(` + x.String() + `)"`})
}

// normalizeToGroups replaces the parts of e that equal a grouping expression only up to
// Spark's canonicalization (1 + a for a GROUP BY a + 1) by the grouping expression itself,
// the form the physical planner matches; aggregate function arguments stay as they are.
func normalizeToGroups(e plan.Expr, groups []plan.Expr) plan.Expr {
	if len(groups) == 0 {
		return e
	}
	byKey := map[string]plan.Expr{}
	for _, g := range groups {
		if _, dup := byKey[canonKey(g)]; !dup {
			byKey[canonKey(g)] = g
		}
	}
	var walk func(e plan.Expr) plan.Expr
	walk = func(e plan.Expr) plan.Expr {
		switch e.(type) {
		case *plan.AggregateCall, *plan.Literal, *plan.AttributeRef:
			return e
		}
		if al, ok := e.(*plan.Alias); ok {
			c := walk(al.Child)
			if c == al.Child {
				return e
			}
			m := *al
			m.Child = c
			return &m
		}
		if g, ok := byKey[canonKey(e)]; ok {
			if plan.SemanticKey(g) != plan.SemanticKey(e) {
				return g
			}
			return e
		}
		return plan.MapChildren(e, walk)
	}
	return walk(e)
}
