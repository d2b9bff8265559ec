package optimizer

import "github.com/sailgo/sail/sql/plan"

// rewriteDistinctAggregates turns an aggregate whose calls are all DISTINCT over the same
// arguments (count(DISTINCT x), sum(DISTINCT x), ...) into two aggregates: the first
// groups by the grouping expressions and the arguments, which removes the duplicates; the
// second computes the calls, no longer DISTINCT, over its rows. Constant arguments (the
// percentage of percentile, a delimiter) stay constants. Both are plain hash
// aggregates that run in parallel and spill, where a DISTINCT call would keep a set of
// values per group in memory. Aggregates mixing DISTINCT and other calls, with FILTER
// clauses or with grouping sets are left as they are.
func rewriteDistinctAggregates(n plan.Node) plan.Node {
	n = plan.MapNodeChildren(n, rewriteDistinctAggregates)
	agg, ok := n.(*plan.Aggregate)
	if !ok || len(agg.GroupingSets) > 0 || agg.GroupByAll {
		return n
	}
	var args []plan.Expr
	argsKey := ""
	calls := 0
	simple := true
	for _, e := range agg.Exprs {
		plan.Walk(e, func(x plan.Expr) bool {
			switch c := x.(type) {
			case *plan.AggregateCall:
				calls++
				key := ""
				var cols []plan.Expr
				for _, a := range c.Args {
					if readsAny(a) {
						key += plan.SemanticKey(a) + "\x00"
						cols = append(cols, a)
					}
				}
				switch {
				case !c.Distinct || c.Filter != nil || len(c.WithinGroup) > 0 || !allDeterministic(c.Args):
					simple = false
				case args == nil:
					args, argsKey = cols, key
				case key != argsKey:
					simple = false
				}
				return false
			case *plan.WindowCall, *plan.ScalarSubquery, *plan.Exists, *plan.InSubquery:
				simple = false
			}
			return simple
		})
	}
	if !simple || calls == 0 || len(args) == 0 {
		return n
	}
	for _, g := range agg.Groups {
		if !deterministic(g) {
			return n
		}
	}
	// The first aggregate: one row per group and distinct argument values.
	inner := &plan.Aggregate{Child: agg.Child}
	byKey := map[string]*plan.AttributeRef{}
	add := func(e plan.Expr, name string) {
		key := plan.SemanticKey(e)
		if _, seen := byKey[key]; seen {
			return
		}
		al := &plan.Alias{Child: e, Name: name, ID: plan.NewExprID()}
		inner.Groups = append(inner.Groups, e)
		inner.Exprs = append(inner.Exprs, al)
		byKey[key] = &plan.AttributeRef{Name: name, ID: al.ID, Type: plan.TypeOf(e), Null: plan.NullableOf(e)}
	}
	for _, g := range agg.Groups {
		add(g, "_groupingexpression")
	}
	for _, a := range args {
		add(a, "_distinctarg")
	}
	groupKeys := map[string]bool{}
	outer := &plan.Aggregate{Child: inner}
	for _, g := range agg.Groups {
		key := plan.SemanticKey(g)
		if !groupKeys[key] {
			groupKeys[key] = true
			outer.Groups = append(outer.Groups, byKey[key])
		}
	}
	// The second: the same results, computed over the first's columns.
	for _, e := range agg.Exprs {
		r := replaceOverGroups(e, byKey, groupKeys)
		if a, ok := e.(*plan.AttributeRef); ok && r != e {
			r = &plan.Alias{Child: r, Name: a.Name, ID: a.ID}
		}
		outer.Exprs = append(outer.Exprs, r)
	}
	if !sameAttributes(outer.Output(), agg.Output()) {
		return n
	}
	return outer
}

// replaceOverGroups rewrites an output expression of the aggregate for the second
// aggregate: grouping expressions (outside aggregate calls) become the first aggregate's
// columns, and the arguments of the DISTINCT calls too, the calls losing DISTINCT.
func replaceOverGroups(e plan.Expr, byKey map[string]*plan.AttributeRef, groupKeys map[string]bool) plan.Expr {
	if c, ok := e.(*plan.AggregateCall); ok {
		m := *c
		m.Distinct = false
		m.Args = make([]plan.Expr, len(c.Args))
		for i, a := range c.Args {
			if readsAny(a) {
				m.Args[i] = byKey[plan.SemanticKey(a)]
			} else {
				m.Args[i] = a // a constant argument (a percentage, a delimiter) stays one
			}
		}
		return &m
	}
	if al, ok := e.(*plan.Alias); ok {
		m := *al
		m.Child = replaceOverGroups(al.Child, byKey, groupKeys)
		return &m
	}
	if key := plan.SemanticKey(e); groupKeys[key] {
		return byKey[key]
	}
	children := e.Children()
	if len(children) == 0 {
		return e
	}
	next := make([]plan.Expr, len(children))
	for i, c := range children {
		next[i] = replaceOverGroups(c, byKey, groupKeys)
	}
	return e.WithChildren(next)
}

func allDeterministic(es []plan.Expr) bool {
	for _, e := range es {
		if !deterministic(e) {
			return false
		}
	}
	return true
}
