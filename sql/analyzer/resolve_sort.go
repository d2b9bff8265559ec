package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

// sort resolves ORDER BY and SORT BY as Spark's ResolveReferencesInSort and
// ResolveAggregateFunctions do. Over an aggregate, names resolve against the select list's
// output, then against the aggregate's input (standing only inside aggregate functions and
// grouping expressions, which become extra outputs of the aggregate). Over anything else,
// they resolve against the child's output, then against the outputs of the operators below
// it (projections, filters, windows, generators: the columns found there are carried up and
// projected away after the sort). Outer queries and variables come last. Positions (ORDER
// BY 1) refer to the select list; ORDER BY ALL sorts by every column of it.
func (a *analyzer) sort(n *plan.Sort, outer *scope) (plan.Node, error) {
	q, child, err := a.aggregateQuery(n.Child, outer)
	if err != nil {
		return nil, err
	}
	switch {
	case q != nil && !q.blk.hasWindows():
		return a.sortAggregate(n, q, outer)
	case q != nil:
		// Spark extracts the window functions before ORDER BY resolves: the sort sees the
		// projection over them.
		if child, err = a.finishQuery(q); err != nil {
			return nil, err
		}
	case child == nil:
		if child, err = a.node(n.Child, outer); err != nil {
			return nil, err
		}
	}
	return a.sortOver(n, child, outer)
}

// sortOrdinal is the select-list position an ORDER BY item names, if it is one.
func (a *analyzer) sortOrdinal(o *plan.SortOrder) (int, bool) {
	if !a.flag(confOrderByOrdinal, true) {
		return 0, false
	}
	return ordinalOf(o.Child)
}

func orderByPosition(v int, out []*plan.AttributeRef) (plan.Expr, error) {
	if v < 1 || v > len(out) {
		return nil, analysisError("ORDER_BY_POS_OUT_OF_RANGE", "42805",
			"ORDER BY position <index> is not in select list (valid range is [1, <size>]).",
			map[string]string{"index": itoa(v), "size": itoa(len(out))})
	}
	return out[v-1], nil
}

// orderByAll reports whether the sort is ORDER BY ALL: its one item is the name ALL, and
// no column has that name.
func (a *analyzer) orderByAll(n *plan.Sort, b *nameBinder) bool {
	if !n.Global || len(n.Orders) != 1 {
		return false
	}
	c, ok := n.Orders[0].Child.(*plan.UnresolvedColumn)
	return ok && !c.HasID && len(c.Parts) == 1 && strings.EqualFold(c.Parts[0], "all") && !b.bound(c)
}

func sortByAll(n *plan.Sort, child plan.Node) (plan.Node, error) {
	o := n.Orders[0]
	orders := make([]*plan.SortOrder, 0, len(child.Output()))
	for _, at := range child.Output() {
		if err := checkOrderable(at); err != nil {
			return nil, err
		}
		orders = append(orders, &plan.SortOrder{Child: at, Descending: o.Descending, NullsFirst: o.NullsFirst, Explicit: o.Explicit})
	}
	return &plan.Sort{Child: child, Orders: orders, Global: n.Global}, nil
}

// sortAggregate resolves a sort directly over an aggregate (or over its HAVING filter).
func (a *analyzer) sortAggregate(n *plan.Sort, q *aggQuery, outer *scope) (plan.Node, error) {
	blk := q.blk
	agg := blk.agg
	out := blk.output()
	exprs := make([]plan.Expr, len(n.Orders))
	var pending []int
	var unresolved []plan.Expr
	for i, o := range n.Orders {
		if v, ok := a.sortOrdinal(o); ok {
			r, err := orderByPosition(v, out)
			if err != nil {
				return nil, err
			}
			exprs[i] = r
			continue
		}
		pending = append(pending, i)
		unresolved = append(unresolved, o.Child)
	}
	b := newNameBinder(a, unresolved...)
	output := &nameSource{attrs: out}
	if err := b.stage(output, stageRevert); err != nil {
		return nil, err
	}
	if err := b.stage(&nameSource{attrs: agg.Child.Output(), hidden: hiddenOf(agg.Child), temp: true}, stageSkip); err != nil {
		return nil, err
	}
	if err := b.stage(groupingSetColumns(agg), stageSkip); err != nil {
		return nil, err
	}
	if a.orderByAll(n, b) {
		node, err := a.finishQuery(q)
		if err != nil {
			return nil, err
		}
		return sortByAll(n, node)
	}
	for {
		if err := b.lastResort(outer, candidates(out)); err != nil {
			return nil, err
		}
		sc := &scope{attrs: out, fallback: agg.Child.Output(), outer: outer}
		rs := make([]plan.Expr, len(unresolved))
		for j, e := range unresolved {
			r, err := a.expr(b.substitute(e), sc)
			if err != nil {
				return nil, err
			}
			if err := checkOrderable(r); err != nil {
				return nil, err
			}
			rs[j] = r
		}
		x := newAggExtras(a, agg, b)
		for j := range rs {
			r, err := x.rewrite(rs[j])
			if err != nil {
				return nil, err
			}
			rs[j] = r
		}
		if len(x.failed) > 0 {
			for _, c := range x.failed {
				b.unbind(c)
			}
			if err := b.stage(output, stageRevert); err != nil {
				return nil, err
			}
			continue
		}
		if err := unsupportedInSort(rs); err != nil {
			return nil, err
		}
		blk.agg = x.agg
		for j, i := range pending {
			exprs[i] = rs[j]
		}
		break
	}
	node, err := a.finishAgg(blk)
	if err != nil {
		return nil, err
	}
	if q.having != nil {
		node = &plan.Filter{Child: node, Cond: q.having}
	}
	var s plan.Node = &plan.Sort{Child: node, Orders: sortOrders(n.Orders, exprs), Global: n.Global}
	if blk.hasExtras() {
		s = projectAttrs(s, out)
	}
	return s, nil
}

func sortOrders(orig []*plan.SortOrder, exprs []plan.Expr) []*plan.SortOrder {
	out := make([]*plan.SortOrder, len(orig))
	for i, o := range orig {
		out[i] = &plan.SortOrder{Child: exprs[i], Descending: o.Descending, NullsFirst: o.NullsFirst, Explicit: o.Explicit}
	}
	return out
}

// unsupportedInSort rejects aggregate and window functions a sort cannot compute (those
// not over an aggregate), as Spark's CheckAnalysis does.
func unsupportedInSort(es []plan.Expr) error {
	var bad []string
	for _, e := range es {
		plan.Walk(e, func(x plan.Expr) bool {
			switch x.(type) {
			case *plan.AggregateCall, *plan.WindowCall:
				bad = append(bad, sqlExpr(x))
			}
			return true
		})
	}
	if len(bad) == 0 {
		return nil
	}
	return analysisError("UNSUPPORTED_EXPR_FOR_OPERATOR", "42K0E",
		"A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [<invalidExprSqls>]",
		map[string]string{"invalidExprSqls": strings.Join(bad, ", ")})
}

// missingLevel is an operator below a sort whose output ORDER BY names may reach.
type missingLevel struct {
	src *nameSource
	// agg is the outermost aggregate above the level: columns found below it must be
	// grouping columns of it.
	agg *plan.Aggregate
}

// missingLevels lists the outputs below n that Spark's resolveExprsAndAddMissingAttrs
// searches: through projections, filters, windows, generators and aggregates, down to the
// first other operator.
func missingLevels(n plan.Node) []missingLevel {
	var out []missingLevel
	var agg *plan.Aggregate
	for i := 1; ; i++ {
		var next plan.Node
		switch x := n.(type) {
		case *plan.Project:
			if x.PipeClause != "" {
				// A pipe operator's result: Spark wraps the input of |> ORDER BY in a
				// PipeOperator, which columns below do not pass.
				return out
			}
			next = x.Child
		case *plan.Filter:
			next = x.Child
		case *plan.Window:
			next = x.Child
		case *plan.Generate:
			next = x.Child
		case *plan.Aggregate:
			next = x.Child
			if agg == nil {
				agg = x
			}
		default:
			return out
		}
		out = append(out, missingLevel{src: &nameSource{attrs: next.Output(), hidden: hiddenOf(next), level: i}, agg: agg})
		n = next
	}
}

// restrictBelowAggregate drops the bindings found below an aggregate when one of them is
// not a grouping column: Spark cannot carry such a column up through the aggregate.
func (b *nameBinder) restrictBelowAggregate(levels []missingLevel) {
	var agg *plan.Aggregate
	first := 0
	for _, lv := range levels {
		if lv.agg != nil {
			agg, first = lv.agg, lv.src.level
			break
		}
	}
	if agg == nil {
		return
	}
	groups := map[string]bool{}
	for _, g := range agg.Groups {
		groups[canonKey(g)] = true
	}
	var below []*plan.UnresolvedColumn
	ok := true
	for _, c := range b.names {
		nb := b.binds[c]
		if nb == nil || nb.src == nil || nb.src.level < first {
			continue
		}
		below = append(below, c)
		if !groups[canonKey(nb.attr)] {
			ok = false
		}
	}
	if !ok {
		for _, c := range below {
			b.unbind(c)
		}
	}
}

// sortOver resolves a sort over a resolved child that is not an aggregate.
func (a *analyzer) sortOver(n *plan.Sort, child plan.Node, outer *scope) (plan.Node, error) {
	out := child.Output()
	prioritize := a.flag(confPrioritizeOrdinal, true)
	exprs := make([]plan.Expr, len(n.Orders))
	var pending, late []int
	var unresolved []plan.Expr
	for i, o := range n.Orders {
		if v, ok := a.sortOrdinal(o); ok {
			if !prioritize {
				late = append(late, i)
				continue
			}
			r, err := orderByPosition(v, out)
			if err != nil {
				return nil, err
			}
			exprs[i] = r
			continue
		}
		pending = append(pending, i)
		unresolved = append(unresolved, o.Child)
	}
	b := newNameBinder(a, unresolved...)
	if err := b.stage(&nameSource{attrs: out, hidden: hiddenOf(child)}, stageRevert); err != nil {
		return nil, err
	}
	levels := missingLevels(child)
	below := []*plan.AttributeRef(nil)
	for _, lv := range levels {
		if err := b.stage(lv.src, stageRevert); err != nil {
			return nil, err
		}
		below = append(below, lv.src.attrs...)
	}
	b.restrictBelowAggregate(levels)
	if a.orderByAll(n, b) {
		return sortByAll(n, child)
	}
	if err := b.lastResort(outer, candidates(out)); err != nil {
		return nil, err
	}
	sc := &scope{attrs: out, fallback: below, outer: outer, hidden: hiddenOf(child)}
	rs := make([]plan.Expr, len(unresolved))
	for j, e := range unresolved {
		r, err := a.expr(b.substitute(e), sc)
		if err != nil {
			return nil, err
		}
		if err := checkOrderable(r); err != nil {
			return nil, err
		}
		rs[j] = r
	}
	if err := unsupportedInSort(rs); err != nil {
		return nil, err
	}
	for j, i := range pending {
		exprs[i] = rs[j]
	}
	var need []plan.Expr
	for _, e := range exprs {
		if e != nil {
			need = append(need, e)
		}
	}
	newChild, err := a.addMissingAttrs(child, need)
	if err != nil {
		return nil, err
	}
	if len(late) > 0 {
		newOut := newChild.Output()
		for _, i := range late {
			v, _ := a.sortOrdinal(n.Orders[i])
			r, err := orderByPosition(v, newOut)
			if err != nil {
				return nil, err
			}
			exprs[i] = r
		}
	}
	var s plan.Node = &plan.Sort{Child: newChild, Orders: sortOrders(n.Orders, exprs), Global: n.Global}
	if len(newChild.Output()) != len(out) {
		s = projectAttrs(s, out)
	}
	return s, nil
}

// addMissingAttrs makes n output the columns es read that it lacks, taking them from the
// operators below it (Spark's resolveExprsAndAddMissingAttrs).
func (a *analyzer) addMissingAttrs(n plan.Node, es []plan.Expr) (plan.Node, error) {
	have := map[plan.ExprID]bool{}
	for _, o := range n.Output() {
		have[o.ID] = true
	}
	var missing []plan.Expr
	seen := map[plan.ExprID]bool{}
	for _, e := range es {
		plan.Walk(e, func(x plan.Expr) bool {
			if at, ok := x.(*plan.AttributeRef); ok && !have[at.ID] && !seen[at.ID] {
				seen[at.ID] = true
				missing = append(missing, at)
			}
			return true
		})
	}
	if len(missing) == 0 {
		return n, nil
	}
	switch x := n.(type) {
	case *plan.Project:
		var fromChild []plan.Expr
		var hidden []plan.ExprID
		for _, m := range missing {
			at := m.(*plan.AttributeRef)
			if hiddenAttr(x.Hidden, at.ID) != nil {
				hidden = append(hidden, at.ID)
				continue
			}
			fromChild = append(fromChild, at)
		}
		child, err := a.addMissingAttrs(x.Child, fromChild)
		if err != nil {
			return nil, err
		}
		p := &plan.Project{Child: child, Exprs: append([]plan.Expr(nil), x.Exprs...), Hidden: x.Hidden, PipeClause: x.PipeClause}
		for _, m := range fromChild {
			p.Exprs = append(p.Exprs, outputAttr(child, m.(*plan.AttributeRef)))
		}
		var r plan.Node = p
		for _, id := range hidden {
			// A column the USING join below hid (reveal also reaches nested ones).
			r, _ = reveal(r, id)
		}
		return r, nil
	case *plan.Filter:
		child, err := a.addMissingAttrs(x.Child, missing)
		if err != nil {
			return nil, err
		}
		return &plan.Filter{Child: child, Cond: x.Cond, Having: x.Having}, nil
	case *plan.Window:
		child, err := a.addMissingAttrs(x.Child, missing)
		if err != nil {
			return nil, err
		}
		w := *x
		w.Child = child
		return &w, nil
	case *plan.Generate:
		g := *x
		g.Unrequired = nil
		child, err := a.addMissingAttrs(x.Child, missing)
		if err != nil {
			return nil, err
		}
		g.Child = child
		return &g, nil
	case *plan.Aggregate:
		m := *x
		m.Exprs = append([]plan.Expr(nil), x.Exprs...)
		groups := map[string]bool{}
		for _, g := range x.Groups {
			groups[plan.SemanticKey(g)] = true
		}
		for _, e := range missing {
			if !groups[plan.SemanticKey(e)] {
				return nil, missingAggregation(e)
			}
			m.Exprs = append(m.Exprs, e)
		}
		return &m, nil
	}
	at := missing[0].(*plan.AttributeRef)
	return nil, unresolvedColumn([]string{at.Name}, candidates(n.Output()))
}

func hiddenAttr(hidden []*plan.AttributeRef, id plan.ExprID) *plan.AttributeRef {
	for _, h := range hidden {
		if h.ID == id {
			return h
		}
	}
	return nil
}

// outputAttr is n's output column with at's ID (its nullability as n gives it).
func outputAttr(n plan.Node, at *plan.AttributeRef) *plan.AttributeRef {
	for _, o := range n.Output() {
		if o.ID == at.ID {
			return o
		}
	}
	return at
}

// groupingSetColumns offers the grouping expressions of grouping sets as columns named
// after them: Spark's Expand outputs them so, and ORDER BY `(d + 1)` reaches them.
func groupingSetColumns(agg *plan.Aggregate) *nameSource {
	src := &nameSource{values: map[plan.ExprID]plan.Expr{}}
	if agg.GroupingSets == nil {
		return src
	}
	for _, g := range agg.Groups {
		if _, isAttr := g.(*plan.AttributeRef); isAttr {
			continue
		}
		at := plan.NewAttribute(g.String(), plan.TypeOf(g), true)
		src.attrs = append(src.attrs, at)
		src.values[at.ID] = g
	}
	return src
}
