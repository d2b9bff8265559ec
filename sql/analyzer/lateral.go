package analyzer

import "github.com/sailgo/sail/sql/plan"

// Lateral column aliases: a select item may use the alias of an earlier item of the same
// list (SELECT a + 1 AS x, x * 2 FROM t; SELECT sum(a) AS s, s + 1 FROM t GROUP BY b) when
// no input column has that name, as Spark allows. Such items are computed by projections
// stacked over the input (or over the aggregate): each layer adds the aliases the next
// one reads.

// lateralSelectList resolves a select list whose items may refer to the explicit aliases
// of earlier items; it also returns the IDs of the aliases some item refers to.
func (a *analyzer) lateralSelectList(items []plan.Expr, sc *scope) ([]plan.Expr, map[plan.ExprID]bool, error) {
	inner := *sc
	out := make([]plan.Expr, 0, len(items))
	used := map[plan.ExprID]bool{}
	inner.lateralUsed = used
	for _, item := range items {
		r, err := a.selectList([]plan.Expr{item}, &inner)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, r...)
		if namesItself(item) && len(r) == 1 {
			if al, ok := r[0].(*plan.Alias); ok {
				inner.lateral = append(append([]*plan.AttributeRef(nil), inner.lateral...), plan.ToAttribute(al))
			}
		}
	}
	return out, used, nil
}

// namesItself reports whether a select item has a name later items may refer to: an
// explicit alias, or a struct field reached through a column name (col.field is named
// field), as the items Spark resolves to an Alias.
func namesItself(item plan.Expr) bool {
	switch x := item.(type) {
	case *plan.Alias:
		return true
	case *plan.UnresolvedColumn:
		return len(x.Parts) > 1
	}
	return false
}

// lateralNames renames the select items that are named after their expression and read
// lateral aliases: Spark names them before it resolves the aliases, printing each as
// lateralAliasReference(name).
func lateralNames(orig, items []plan.Expr, lateral map[plan.ExprID]bool) {
	if len(lateral) == 0 || len(orig) != len(items) {
		return
	}
	for i, it := range items {
		al, ok := it.(*plan.Alias)
		if !ok || !readsAny(al.Child, lateral) {
			continue
		}
		switch orig[i].(type) {
		case *plan.Alias, *plan.UnresolvedColumn:
			continue
		}
		shown, err := plan.Transform(al.Child, func(x plan.Expr) (plan.Expr, error) {
			if at, ok := x.(*plan.AttributeRef); ok && lateral[at.ID] {
				m := *at
				m.Name = "lateralAliasReference(" + at.Name + ")"
				m.Qualifier = nil
				return &m, nil
			}
			return x, nil
		})
		if err == nil {
			m := *al
			m.Name = shown.String()
			items[i] = &m
		}
	}
}

// resolveLateral finds a lateral alias by name (the first part; the rest are struct
// fields).
func (a *analyzer) resolveLateral(sc *scope, parts []string) (plan.Expr, bool, error) {
	var hit *plan.AttributeRef
	for _, l := range sc.lateral {
		if a.equalNames(l.Name, parts[0]) {
			if hit != nil {
				return nil, true, analysisError("AMBIGUOUS_LATERAL_COLUMN_ALIAS", "42702",
					"Lateral column alias <name> is ambiguous and has <n> matches.",
					map[string]string{"name": quoteID(parts[0]), "n": itoa(countLateral(a, sc, parts[0]))})
			}
			hit = l
		}
	}
	if hit == nil {
		return nil, false, nil
	}
	sc.lateralUsed[hit.ID] = true
	e, err := a.extractFields(hit, parts[1:])
	return e, true, err
}

func countLateral(a *analyzer, sc *scope, name string) int {
	n := 0
	for _, l := range sc.lateral {
		if a.equalNames(l.Name, name) {
			n++
		}
	}
	return n
}

// readsAny reports whether e reads an attribute with an ID in ids.
func readsAny(e plan.Expr, ids map[plan.ExprID]bool) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		at, ok := x.(*plan.AttributeRef)
		return ok && ids[at.ID]
	})
}

// lateralProjections computes items over base, where items may read the aliases of
// earlier items: the aliases others read are computed in stacked projections first (an
// alias reading another alias one layer higher), and the last projection gives the items
// in order.
func lateralProjections(base plan.Node, items []plan.Expr, used map[plan.ExprID]bool) plan.Node {
	level := map[plan.ExprID]int{}
	levels := make([]int, len(items))
	top := 0
	for i, e := range items {
		l := 0
		plan.Walk(e, func(x plan.Expr) bool {
			if at, ok := x.(*plan.AttributeRef); ok {
				if k, isAlias := level[at.ID]; isAlias && k+1 > l {
					l = k + 1
				}
			}
			return true
		})
		levels[i] = l
		if al, ok := e.(*plan.Alias); ok && used[al.ID] {
			level[al.ID] = l
			top = max(top, l+1)
		}
	}
	cur := base
	for l := 0; l < top; l++ {
		layer := make([]plan.Expr, 0, len(cur.Output()))
		for _, at := range cur.Output() {
			layer = append(layer, at)
		}
		for i, e := range items {
			if al, ok := e.(*plan.Alias); ok && used[al.ID] && levels[i] == l {
				layer = append(layer, al)
			}
		}
		cur = &plan.Project{Child: cur, Exprs: layer}
	}
	final := make([]plan.Expr, len(items))
	for i, e := range items {
		if al, ok := e.(*plan.Alias); ok && used[al.ID] {
			final[i] = plan.ToAttribute(al)
		} else {
			final[i] = e
		}
	}
	return &plan.Project{Child: cur, Exprs: final}
}

// lateralAggregate splits an aggregate's select list whose items read lateral aliases:
// the aggregate computes the items that read none (and the aggregate functions and
// grouping columns the others use), and projections over it compute the rest.
func (a *analyzer) lateralAggregate(agg *plan.Aggregate, used map[plan.ExprID]bool) (*plan.Aggregate, []plan.Expr) {
	// The items that read a lateral alias, directly or through another such item.
	dependent := map[plan.ExprID]bool{}
	isDependent := make([]bool, len(agg.Exprs))
	for i, e := range agg.Exprs {
		if readsAny(e, used) || readsAny(e, dependent) {
			isDependent[i] = true
			if al, ok := e.(*plan.Alias); ok {
				dependent[al.ID] = true
			}
		}
	}
	base := &plan.Aggregate{Child: agg.Child, Groups: agg.Groups, GroupingSets: agg.GroupingSets}
	for i, e := range agg.Exprs {
		if !isDependent[i] {
			base.Exprs = append(base.Exprs, e)
		}
	}
	items := make([]plan.Expr, len(agg.Exprs))
	extra := map[string]*plan.AttributeRef{}
	var lift func(e plan.Expr) plan.Expr
	lift = func(e plan.Expr) plan.Expr {
		switch x := e.(type) {
		case *plan.AggregateCall:
			key := plan.SemanticKey(x)
			if at, ok := extra[key]; ok {
				return at
			}
			al := &plan.Alias{Child: x, Name: x.String(), ID: plan.NewExprID()}
			base.Exprs = append(base.Exprs, al)
			extra[key] = plan.ToAttribute(al)
			return extra[key]
		case *plan.AttributeRef:
			if used[x.ID] || dependent[x.ID] {
				return x
			}
			key := plan.SemanticKey(x)
			if at, ok := extra[key]; ok {
				return at
			}
			// An input column: the aggregate passes it up (checkAggregate requires it to be
			// grouped).
			base.Exprs = append(base.Exprs, x)
			extra[key] = x
			return x
		case *plan.OuterRef:
			return x
		}
		children := e.Children()
		if len(children) == 0 {
			return e
		}
		next := make([]plan.Expr, len(children))
		for i, c := range children {
			next[i] = lift(c)
		}
		return e.WithChildren(next)
	}
	for i, e := range agg.Exprs {
		switch {
		case !isDependent[i]:
			if al, ok := e.(*plan.Alias); ok {
				items[i] = plan.ToAttribute(al)
			} else {
				items[i] = e
			}
		default:
			if al, ok := e.(*plan.Alias); ok {
				m := *al
				m.Child = lift(al.Child)
				items[i] = &m
			} else {
				items[i] = lift(e)
			}
		}
	}
	return base, items
}

// lateralBase is the node below the projections lateralProjections stacked.
func lateralBase(n plan.Node) plan.Node {
	for {
		p, ok := n.(*plan.Project)
		if !ok {
			return n
		}
		n = p.Child
	}
}
