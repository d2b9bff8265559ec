package optimizer

import (
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Decorrelation of a subquery's plan, after Neumann and Kemper's "Unnesting Arbitrary
// Queries" as Spark's DecorrelateInnerQuery applies it. A correlated subquery is a
// dependent join: for each outer row, the subquery runs with its outer references bound to
// that row. Rows with the same values of the outer references get the same result, so the
// subquery can run once per distinct value of them instead: the "domain", the distinct
// outer values, is joined into the subquery where the outer references are read, and the
// subquery then returns, next to its own columns, the domain values each row belongs to.
// The caller joins the outer query with it on those columns (null-safe equality).
//
// Most correlations need no domain: a correlated equality inner = outer(x) in a filter
// says the subquery rows for outer value x are those with inner = x, so the filter moves
// up into the join condition and inner stands for x above it. Only where that is not
// valid (a non-equality predicate under an aggregate, LIMIT, window or set operation, or
// an outer reference in a select list) does the domain join come in.

// decorrelated is the result of decorrelating a plan.
type decorrelated struct {
	plan plan.Node
	// conds are the join conditions with the outer query; outer columns are *plan.OuterRef.
	conds []plan.Expr
	// equiv maps an outer column to the expression of plan's columns that equals it for
	// the rows the conditions pair with an outer row.
	equiv map[plan.ExprID]plan.Expr
}

// decorrelator decorrelates one subquery against its outer query.
type decorrelator struct {
	// outer is the outer query the domains are drawn from; outerCols its columns.
	outer     plan.Node
	outerCols map[plan.ExprID]bool
	// countBug asks aggregates without grouping to keep their value over no rows for the
	// outer values that match nothing (see aggregate).
	countBug bool
}

// decorrelateSubquery decorrelates a subquery plan against the outer plan it is joined
// with. It returns the new plan, which outputs the subquery's columns (under the IDs
// rename gives them) followed by the columns the join needs, and the join conditions,
// which refer to the outer plan's columns.
func decorrelateSubquery(sub, outer plan.Node, countBug bool) (plan.Node, []plan.Expr, map[plan.ExprID]*plan.AttributeRef, error) {
	d := &decorrelator{outer: outer, outerCols: attrSet(outer.Output()), countBug: countBug}
	r, err := d.run(sub, nil, false, false)
	if err != nil {
		return nil, nil, nil, err
	}
	p, conds, rename := dedupAgainst(r.plan, r.conds, d.outerCols)
	out := make([]plan.Expr, len(conds))
	for i, c := range conds {
		out[i] = stripOuter(c)
	}
	return p, out, rename, nil
}

// dedupAgainst renames the columns of p that the outer plan also outputs (a subquery over
// the same relation instance), so the join of the two has distinct columns.
func dedupAgainst(p plan.Node, conds []plan.Expr, outer map[plan.ExprID]bool) (plan.Node, []plan.Expr, map[plan.ExprID]*plan.AttributeRef) {
	out := p.Output()
	dup := false
	for _, a := range out {
		if outer[a.ID] {
			dup = true
			break
		}
	}
	if !dup {
		return p, conds, nil
	}
	rename := map[plan.ExprID]*plan.AttributeRef{}
	exprs := make([]plan.Expr, len(out))
	for i, a := range out {
		if !outer[a.ID] {
			exprs[i] = a
			continue
		}
		al := &plan.Alias{Child: a, Name: a.Name, ID: plan.NewExprID()}
		exprs[i] = al
		rename[a.ID] = plan.ToAttribute(al)
	}
	next := make([]plan.Expr, len(conds))
	for i, c := range conds {
		next[i] = renameInner(c, rename)
	}
	return &plan.Project{Child: p, Exprs: exprs}, next, rename
}

// renameInner replaces the plain (inner) attributes of e that rename lists; outer
// references stay.
func renameInner(e plan.Expr, rename map[plan.ExprID]*plan.AttributeRef) plan.Expr {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if a, ok := x.(*plan.AttributeRef); ok {
			if b, ok := rename[a.ID]; ok {
				return b, nil
			}
		}
		return x, nil
	})
	return r
}

// run decorrelates n. parent lists the outer columns the operators above n read (they
// need n to output the domain of those); aggregated says n's rows are aggregated (or
// windowed, or limited) above, where a correlated predicate can only move up if it is an
// equality that pins an inner column; underSetOp says a set operation is above.
func (d *decorrelator) run(n plan.Node, parent []*plan.AttributeRef, aggregated, underSetOp bool) (decorrelated, error) {
	if !correlated(n) {
		if len(parent) == 0 {
			return decorrelated{plan: n, equiv: map[plan.ExprID]plan.Expr{}}, nil
		}
		return d.domainJoin(n, parent)
	}
	switch x := n.(type) {
	case *plan.Filter:
		return d.filter(x, parent, aggregated, underSetOp)
	case *plan.Project:
		return d.project(x, parent, aggregated, underSetOp)
	case *plan.Limit:
		return d.limit(x, parent, underSetOp)
	case *plan.Offset:
		return d.offset(x, parent, underSetOp)
	case *plan.Window:
		return d.window(x, parent, underSetOp)
	case *plan.Aggregate:
		return d.aggregate(x, parent, underSetOp)
	case *plan.Distinct:
		r, err := d.run(x.Child, parent, true, underSetOp)
		if err != nil {
			return r, err
		}
		r.plan = &plan.Distinct{Child: r.plan}
		return r, nil
	case *plan.Join:
		return d.join(x, parent, aggregated, underSetOp)
	case *plan.SetOp:
		return d.setOp(x, parent, aggregated)
	case *plan.Generate:
		return d.generate(x, parent, aggregated, underSetOp)
	case *plan.SubqueryAlias, *plan.Sort, *plan.Repartition, *plan.PlanIDTag, *plan.Sample:
		if hasOuterRefs(plan.Expressions(n)) {
			return decorrelated{}, sparkerror.NotImplemented("outer references in " + n.Describe())
		}
		r, err := d.run(n.Children()[0], parent, aggregated, underSetOp)
		if err != nil {
			return r, err
		}
		r.plan = n.WithChildren([]plan.Node{r.plan})
		return r, nil
	}
	return decorrelated{}, sparkerror.NotImplemented("correlated subqueries containing " + n.Describe())
}

// domain is the distinct values of the outer columns attrs in the outer query, as fresh
// columns (one per attr, in order).
func (d *decorrelator) domain(attrs []*plan.AttributeRef) (plan.Node, []*plan.AttributeRef, error) {
	groups := make([]plan.Expr, len(attrs))
	exprs := make([]plan.Expr, len(attrs))
	fresh := make([]*plan.AttributeRef, len(attrs))
	for i, a := range attrs {
		if !d.outerCols[a.ID] {
			return nil, nil, sparkerror.NotImplemented("correlated references to a query more than one level out")
		}
		al := &plan.Alias{Child: a, Name: a.Name, ID: plan.NewExprID()}
		groups[i], exprs[i], fresh[i] = a, al, plan.ToAttribute(al)
	}
	return &plan.Aggregate{Child: d.outer, Groups: groups, Exprs: exprs}, fresh, nil
}

// domainJoin joins the uncorrelated plan n with the domain of the outer columns attrs.
func (d *decorrelator) domainJoin(n plan.Node, attrs []*plan.AttributeRef) (decorrelated, error) {
	dom, fresh, err := d.domain(attrs)
	if err != nil {
		return decorrelated{}, err
	}
	equiv := make(map[plan.ExprID]plan.Expr, len(attrs))
	conds := make([]plan.Expr, len(attrs))
	for i, a := range attrs {
		equiv[a.ID] = fresh[i]
		conds[i] = nullSafeEqual(fresh[i], &plan.OuterRef{Attr: a})
	}
	if _, ok := n.(plan.OneRow); ok {
		return decorrelated{plan: dom, conds: conds, equiv: equiv}, nil
	}
	return decorrelated{plan: &plan.Join{Left: n, Right: dom, Type: plan.CrossJoin}, conds: conds, equiv: equiv}, nil
}

func (d *decorrelator) filter(f *plan.Filter, parent []*plan.AttributeRef, aggregated, underSetOp bool) (decorrelated, error) {
	var corr, local []plan.Expr
	for _, c := range plan.Conjuncts(f.Cond) {
		if hasOuterRef(c) {
			corr = append(corr, c)
		} else {
			local = append(local, c)
		}
	}
	// Outer columns an equality pins to an inner column need no domain: the inner column
	// stands for them.
	equivs := map[plan.ExprID]plan.Expr{}
	if !underSetOp {
		equivs = equivalentOuter(corr)
	}
	if aggregated || underSetOp {
		// Only equalities that pin inner columns may move above an aggregate; the other
		// correlated predicates stay here, over the domain.
		var eqs, preds []plan.Expr
		for _, c := range corr {
			if !underSetOp && canPullUpOverAgg(c) {
				eqs = append(eqs, c)
			} else {
				preds = append(preds, c)
			}
		}
		need := withoutKeys(unionAttrs(parent, outerRefsOf(preds...)), equivs)
		r, err := d.run(f.Child, need, aggregated, underSetOp)
		if err != nil {
			return r, err
		}
		for k, v := range equivs {
			r.equiv[k] = v
		}
		cond := append(replaceOuterAll(preds, r.equiv), local...)
		if len(cond) > 0 {
			r.plan = &plan.Filter{Child: r.plan, Cond: plan.And(cond), Having: f.Having}
		}
		r.conds = append(r.conds, eqs...)
		return r, nil
	}
	// The rows are not aggregated above: every correlated predicate joins the outer query.
	r, err := d.run(f.Child, withoutKeys(parent, equivs), aggregated, underSetOp)
	if err != nil {
		return r, err
	}
	for k, v := range equivs {
		r.equiv[k] = v
	}
	if len(local) > 0 {
		r.plan = &plan.Filter{Child: r.plan, Cond: plan.And(local), Having: f.Having}
	}
	r.conds = append(r.conds, corr...)
	return r, nil
}

func (d *decorrelator) project(p *plan.Project, parent []*plan.AttributeRef, aggregated, underSetOp bool) (decorrelated, error) {
	r, err := d.run(p.Child, unionAttrs(parent, outerRefsOf(p.Exprs...)), aggregated, underSetOp)
	if err != nil {
		return r, err
	}
	exprs := replaceOuterNamed(p.Exprs, r.equiv)
	r.plan = &plan.Project{Child: r.plan, Exprs: append(exprs, missingRefs(exprs, r.conds)...)}
	return r, nil
}

// limit decorrelates LIMIT k [OFFSET o] [ORDER BY ...]: each outer value keeps its first
// rows, numbered by row_number() over the rows of that value.
func (d *decorrelator) limit(l *plan.Limit, parent []*plan.AttributeRef, underSetOp bool) (decorrelated, error) {
	input := l.Child
	var order []*plan.SortOrder
	var offset plan.Expr
	child := input
	switch x := input.(type) {
	case *plan.Sort:
		order, child = x.Orders, x.Child
	case *plan.Offset:
		offset, child = x.N, x.Child
		if s, ok := x.Child.(*plan.Sort); ok {
			order, child = s.Orders, s.Child
		}
	}
	r, err := d.run(child, parent, true, underSetOp)
	if err != nil {
		return r, err
	}
	partition := partitionOf(child, r.equiv)
	if len(partition) == 0 {
		// Nothing ties the rows to outer values: the limit applies as it is. Spark drops
		// the ORDER BY here (the first rows in any order), and so does this, for the same
		// answers.
		p := r.plan
		if offset != nil {
			p = &plan.Offset{Child: p, N: offset}
		}
		r.plan = &plan.Limit{Child: p, N: l.N}
		return r, nil
	}
	k, ok1 := literalInt(l.N)
	o := int64(0)
	ok2 := true
	if offset != nil {
		o, ok2 = literalInt(offset)
	}
	if !ok1 || !ok2 {
		return decorrelated{}, sparkerror.NotImplemented("a correlated LIMIT or OFFSET that is not a constant")
	}
	r.plan = rowNumberFilter(r.plan, partition, replaceOuterOrders(order, r.equiv), o, k, true)
	return r, nil
}

// offset decorrelates OFFSET o [ORDER BY ...] without a limit.
func (d *decorrelator) offset(x *plan.Offset, parent []*plan.AttributeRef, underSetOp bool) (decorrelated, error) {
	var order []*plan.SortOrder
	child := x.Child
	if s, ok := child.(*plan.Sort); ok {
		order, child = s.Orders, s.Child
	}
	r, err := d.run(child, parent, true, underSetOp)
	if err != nil {
		return r, err
	}
	partition := partitionOf(child, r.equiv)
	if len(partition) == 0 {
		p := r.plan
		if order != nil {
			p = &plan.Sort{Child: p, Orders: order, Global: true}
		}
		r.plan = &plan.Offset{Child: p, N: x.N}
		return r, nil
	}
	o, ok := literalInt(x.N)
	if !ok {
		return decorrelated{}, sparkerror.NotImplemented("a correlated OFFSET that is not a constant")
	}
	r.plan = rowNumberFilter(r.plan, partition, replaceOuterOrders(order, r.equiv), o, 0, false)
	return r, nil
}

// partitionOf is, for the outer columns child reads, the inner expressions that stand for
// them: the rows of one outer value.
func partitionOf(child plan.Node, equiv map[plan.ExprID]plan.Expr) []plan.Expr {
	var out []plan.Expr
	for _, a := range planOuterRefs(child) {
		if e, ok := equiv[a.ID]; ok {
			out = append(out, e)
		}
	}
	return out
}

// rowNumberFilter keeps, of each partition's rows in the given order, those numbered
// after offset (and at most limit of them when limited).
func rowNumberFilter(n plan.Node, partition []plan.Expr, order []*plan.SortOrder, offset, limit int64, limited bool) plan.Node {
	spec := &plan.WindowSpec{PartitionBy: partition, OrderBy: order,
		Frame: &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding}, Upper: plan.FrameBound{Kind: plan.CurrentRow}}}
	rn := &plan.Alias{Child: &plan.WindowCall{Func: &plan.Call{Fn: "row_number", Type: types.Integer, Display: "row_number"},
		Spec: spec, Type: types.Integer}, Name: "rn", ID: plan.NewExprID()}
	w := &plan.Window{Child: n, Exprs: []plan.Expr{rn}, PartitionBy: partition, OrderBy: order}
	ref := plan.ToAttribute(rn)
	var conds []plan.Expr
	if offset > 0 {
		conds = append(conds, cmpExpr(">", ref, intLit(offset)))
	}
	if limited {
		conds = append(conds, cmpExpr("<=", ref, intLit(offset+limit)))
	}
	var p plan.Node = w
	if len(conds) > 0 {
		p = &plan.Filter{Child: w, Cond: plan.And(conds)}
	}
	return &plan.Project{Child: p, Exprs: attrExprs(n.Output())}
}

func (d *decorrelator) window(w *plan.Window, parent []*plan.AttributeRef, underSetOp bool) (decorrelated, error) {
	if hasOuterRefs(plan.Expressions(w)) || hasOuterRefs(w.PartitionBy) || hasOuterRefs(orderExprs(w.OrderBy)) {
		return d.run(extractWindowOuter(w), parent, true, underSetOp)
	}
	r, err := d.run(w.Child, parent, true, underSetOp)
	if err != nil {
		return r, err
	}
	// Each outer value's rows form their own window partitions.
	add := missingRefs(w.Exprs, r.conds)
	partition := append(append([]plan.Expr(nil), w.PartitionBy...), add...)
	exprs := make([]plan.Expr, len(w.Exprs))
	for i, e := range w.Exprs {
		exprs[i] = withWindowPartition(e, add)
	}
	r.plan = &plan.Window{Child: r.plan, Exprs: exprs, PartitionBy: partition, OrderBy: w.OrderBy}
	return r, nil
}

func orderExprs(os []*plan.SortOrder) []plan.Expr {
	out := make([]plan.Expr, len(os))
	for i, o := range os {
		out[i] = o.Child
	}
	return out
}

// extractWindowOuter computes the window's partition and order keys and function
// arguments that read outer columns in a projection below it, as Spark's analyzer does
// for every window input, so the projection hosts the outer references.
func extractWindowOuter(w *plan.Window) plan.Node {
	childOut := w.Child.Output()
	exprs := attrExprs(childOut)
	byKey := map[string]*plan.AttributeRef{}
	pull := func(e plan.Expr) plan.Expr {
		if !hasOuterRef(e) {
			return e
		}
		k := plan.SemanticKey(e) + "|" + e.String()
		if a, ok := byKey[k]; ok {
			return a
		}
		al := &plan.Alias{Child: e, Name: "_w" + itoa64(int64(len(byKey))), ID: plan.NewExprID()}
		exprs = append(exprs, al)
		a := plan.ToAttribute(al)
		byKey[k] = a
		return a
	}
	pullAll := func(es []plan.Expr) []plan.Expr {
		out := make([]plan.Expr, len(es))
		for i, e := range es {
			out[i] = pull(e)
		}
		return out
	}
	pullOrders := func(os []*plan.SortOrder) []*plan.SortOrder {
		out := make([]*plan.SortOrder, len(os))
		for i, o := range os {
			c := *o
			c.Child = pull(o.Child)
			out[i] = &c
		}
		return out
	}
	m := *w
	m.PartitionBy, m.OrderBy = pullAll(w.PartitionBy), pullOrders(w.OrderBy)
	m.Exprs = make([]plan.Expr, len(w.Exprs))
	for i, e := range w.Exprs {
		m.Exprs[i], _ = plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
			wc, ok := x.(*plan.WindowCall)
			if !ok {
				return x, nil
			}
			c := *wc
			spec := *wc.Spec
			spec.PartitionBy, spec.OrderBy = pullAll(wc.Spec.PartitionBy), pullOrders(wc.Spec.OrderBy)
			c.Spec = &spec
			switch f := wc.Func.(type) {
			case *plan.AggregateCall:
				g := *f
				g.Args = pullAll(f.Args)
				c.Func = &g
			case *plan.Call:
				g := *f
				g.Args = pullAll(f.Args)
				c.Func = &g
			}
			return &c, nil
		})
	}
	m.Child = &plan.Project{Child: w.Child, Exprs: exprs}
	return &plan.Project{Child: &m, Exprs: attrExprs(w.Output())}
}

// withWindowPartition adds partition columns to the window calls of e.
func withWindowPartition(e plan.Expr, add []plan.Expr) plan.Expr {
	if len(add) == 0 {
		return e
	}
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		wc, ok := x.(*plan.WindowCall)
		if !ok {
			return x, nil
		}
		m := *wc
		spec := *wc.Spec
		spec.PartitionBy = append(append([]plan.Expr(nil), wc.Spec.PartitionBy...), add...)
		m.Spec = &spec
		return &m, nil
	})
	return r
}

func (d *decorrelator) aggregate(a *plan.Aggregate, parent []*plan.AttributeRef, underSetOp bool) (decorrelated, error) {
	if len(a.GroupingSets) > 0 {
		return decorrelated{}, sparkerror.NotImplemented("correlated subqueries with grouping sets")
	}
	r, err := d.run(a.Child, unionAttrs(parent, outerRefsOf(append(append([]plan.Expr(nil), a.Groups...), a.Exprs...)...)), true, underSetOp)
	if err != nil {
		return r, err
	}
	groups := replaceOuterAll(a.Groups, r.equiv)
	exprs := replaceOuterNamed(a.Exprs, r.equiv)
	// The columns the join conditions read become grouping columns: one group per outer
	// value.
	add := missingRefs(exprs, r.conds)
	agg := &plan.Aggregate{Child: r.plan, Groups: append(groups, add...), Exprs: append(exprs, add...)}
	if len(a.Groups) > 0 || !d.countBug {
		r.plan = agg
		return r, nil
	}
	// The count bug: an aggregate without grouping has a row even over no input, but
	// grouped by the outer values it has none for the values no row matches. A left
	// outer join from the domain restores those, with the value over no rows where that
	// is not NULL (count is 0), told apart by a marker column.
	zero := zeroValues(agg)
	marker := &plan.Alias{Child: trueLiteral(), Name: "alwaysTrue", ID: plan.NewExprID()}
	markerRef := plan.ToAttribute(marker)
	markerRef.Null = true
	added := attrSet(nil)
	for _, e := range add {
		added[e.(*plan.AttributeRef).ID] = true
	}
	var aggExprs, project []plan.Expr
	for _, e := range agg.Exprs {
		out := plan.ToAttribute(e)
		z, ok := zero[out.ID]
		al, isAlias := e.(*plan.Alias)
		if !ok || definitelyNull(z) || !isAlias {
			aggExprs = append(aggExprs, e)
			if !added[out.ID] {
				project = append(project, asNullable(out))
			}
			continue
		}
		inner := &plan.Alias{Child: al.Child, Name: al.Name, ID: plan.NewExprID()}
		aggExprs = append(aggExprs, inner)
		project = append(project, &plan.Alias{Name: al.Name, ID: al.ID,
			Child: markerCase(markerRef, z, asNullable(plan.ToAttribute(inner)))})
	}
	agg.Exprs = append(aggExprs, marker)
	outer := outerRefsOf(r.conds...)
	dom, fresh, err := d.domain(outer)
	if err != nil {
		return decorrelated{}, err
	}
	toDomain := make(map[plan.ExprID]plan.Expr, len(outer))
	conds := make([]plan.Expr, len(outer))
	for i, o := range outer {
		toDomain[o.ID] = fresh[i]
		conds[i] = nullSafeEqual(fresh[i], &plan.OuterRef{Attr: o})
	}
	join := &plan.Join{Left: dom, Right: agg, Type: plan.LeftOuterJoin, Cond: plan.And(replaceOuterAll(r.conds, toDomain))}
	for _, f := range fresh {
		project = append(project, f)
	}
	return decorrelated{plan: &plan.Project{Child: join, Exprs: project}, conds: conds, equiv: toDomain}, nil
}

func (d *decorrelator) join(j *plan.Join, parent []*plan.AttributeRef, aggregated, underSetOp bool) (decorrelated, error) {
	if j.Lateral {
		return decorrelated{}, sparkerror.NotImplemented("correlated subqueries over LATERAL joins")
	}
	inner := j.Type == plan.InnerJoin || j.Type == plan.CrossJoin
	var corr, local []plan.Expr
	for _, c := range plan.Conjuncts(j.Cond) {
		if hasOuterRef(c) {
			corr = append(corr, c)
		} else {
			local = append(local, c)
		}
	}
	equivs := map[plan.ExprID]plan.Expr{}
	var eqs, preds []plan.Expr
	switch {
	case !inner:
		preds = corr
	case underSetOp:
		preds = corr
	default:
		equivs = equivalentOuter(corr)
		for _, c := range corr {
			if canPullUpOverAgg(c) {
				eqs = append(eqs, c)
			} else {
				preds = append(preds, c)
			}
		}
	}
	need := withoutKeys(unionAttrs(parent, outerRefsOf(preds...)), equivs)
	pushLeft, pushRight := correlated(j.Left), correlated(j.Right)
	switch j.Type {
	case plan.LeftOuterJoin, plan.LeftSemiJoin, plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin:
		pushLeft = true
	case plan.RightOuterJoin:
		pushRight = true
	case plan.FullOuterJoin:
		pushLeft, pushRight = true, true
	}
	if !pushLeft && !pushRight && len(preds) > 0 {
		pushLeft = true
	}
	left := decorrelated{plan: j.Left, equiv: map[plan.ExprID]plan.Expr{}}
	right := decorrelated{plan: j.Right, equiv: map[plan.ExprID]plan.Expr{}}
	var err error
	if pushLeft {
		if left, err = d.run(j.Left, need, aggregated, underSetOp); err != nil {
			return left, err
		}
	}
	if pushRight {
		if right, err = d.run(j.Right, need, aggregated, underSetOp); err != nil {
			return right, err
		}
	}
	equiv := map[plan.ExprID]plan.Expr{}
	for k, v := range left.equiv {
		equiv[k] = v
	}
	for k, v := range right.equiv {
		equiv[k] = v
	}
	for k, v := range equivs {
		equiv[k] = v
	}
	// Both sides carry the domain: their rows pair only within one outer value.
	var same []plan.Expr
	for k, l := range left.equiv {
		if r, ok := right.equiv[k]; ok {
			same = append(same, nullSafeEqual(l, r))
		}
	}
	var cond []plan.Expr
	if inner {
		cond = append(replaceOuterAll(preds, equiv), local...)
	} else {
		cond = append(replaceOuterAll(corr, equiv), local...)
	}
	cond = append(cond, same...)
	m := *j
	m.Left, m.Right, m.Cond = left.plan, right.plan, plan.And(cond)
	if m.Type == plan.CrossJoin && m.Cond != nil {
		m.Type = plan.InnerJoin
	}
	conds := append(append(left.conds, right.conds...), eqs...)
	return decorrelated{plan: &m, conds: conds, equiv: equiv}, nil
}

func (d *decorrelator) setOp(s *plan.SetOp, parent []*plan.AttributeRef, aggregated bool) (decorrelated, error) {
	if s.ByName {
		return decorrelated{}, sparkerror.NotImplemented("correlated subqueries containing set operations by name")
	}
	// Every branch carries the domain of all the outer columns the set operation reads,
	// in the same positions, so the rows of different outer values stay apart.
	need := unionAttrs(parent, planOuterRefs(s))
	var first decorrelated
	children := make([]plan.Node, 2)
	for i, c := range []plan.Node{s.Left, s.Right} {
		r, err := d.run(c, need, aggregated, true)
		if err != nil {
			return r, err
		}
		exprs := attrExprs(c.Output())
		for _, o := range need {
			e, ok := r.equiv[o.ID]
			if !ok {
				return decorrelated{}, sparkerror.InternalError("decorrelating %s: no column for outer column %s", s.Describe(), o.Name)
			}
			if _, isAttr := e.(*plan.AttributeRef); !isAttr {
				al := &plan.Alias{Child: e, Name: o.Name, ID: plan.NewExprID()}
				e = al
				r.equiv[o.ID] = plan.ToAttribute(al)
			}
			exprs = append(exprs, e)
		}
		children[i] = &plan.Project{Child: r.plan, Exprs: exprs}
		if i == 0 {
			first = r
		}
	}
	m := *s
	m.Left, m.Right = children[0], children[1]
	first.plan = &m
	return first, nil
}

func (d *decorrelator) generate(g *plan.Generate, parent []*plan.AttributeRef, aggregated, underSetOp bool) (decorrelated, error) {
	if len(g.Unrequired) > 0 {
		return decorrelated{}, sparkerror.NotImplemented("correlated subqueries containing " + g.Describe())
	}
	r, err := d.run(g.Child, unionAttrs(parent, outerRefsOf(g.Generator)), aggregated, underSetOp)
	if err != nil {
		return r, err
	}
	m := *g
	m.Child = r.plan
	m.Generator = replaceOuter(g.Generator, r.equiv)
	r.plan = &m
	return r, nil
}

// ---- helpers ----

// equivalentOuter maps the outer columns that correlated equalities outer(x) = inner
// attribute pin to that attribute.
func equivalentOuter(corr []plan.Expr) map[plan.ExprID]plan.Expr {
	m := map[plan.ExprID]plan.Expr{}
	for _, c := range corr {
		call, ok := c.(*plan.Call)
		if !ok || (call.Fn != "=" && call.Fn != "<=>") || len(call.Args) != 2 {
			continue
		}
		l, r := call.Args[0], call.Args[1]
		if o, ok := l.(*plan.OuterRef); ok {
			if a, ok := r.(*plan.AttributeRef); ok {
				m[o.Attr.ID] = a
			}
		} else if o, ok := r.(*plan.OuterRef); ok {
			if a, ok := l.(*plan.AttributeRef); ok {
				m[o.Attr.ID] = a
			}
		}
	}
	return m
}

// canPullUpOverAgg reports whether a correlated predicate can become a join condition
// above an aggregate: an equality between an inner attribute (or a lossless cast of one)
// and an expression of outer columns and constants, or a predicate of no inner column.
func canPullUpOverAgg(e plan.Expr) bool {
	if c, ok := e.(*plan.Call); ok && (c.Fn == "=" || c.Fn == "<=>") && len(c.Args) == 2 {
		if oneToOne(c.Args[0]) {
			return !readsAny(c.Args[1])
		}
		if oneToOne(c.Args[1]) {
			return !readsAny(c.Args[0])
		}
	}
	return !readsAny(e)
}

func oneToOne(e plan.Expr) bool {
	switch x := e.(type) {
	case *plan.AttributeRef:
		return true
	case *plan.Cast:
		a, ok := x.Child.(*plan.AttributeRef)
		return ok && !x.Try && coercion.CanUpCast(a.Type, x.To)
	}
	return false
}

// outerRefsOf lists the outer columns es refer to, once each, in order.
func outerRefsOf(es ...plan.Expr) []*plan.AttributeRef {
	var out []*plan.AttributeRef
	seen := map[plan.ExprID]bool{}
	for _, e := range es {
		if e == nil {
			continue
		}
		plan.Walk(e, func(x plan.Expr) bool {
			if o, ok := x.(*plan.OuterRef); ok && !seen[o.Attr.ID] {
				seen[o.Attr.ID] = true
				out = append(out, o.Attr)
			}
			return true
		})
	}
	return out
}

// planOuterRefs lists the outer columns the expressions of n's tree refer to.
func planOuterRefs(n plan.Node) []*plan.AttributeRef {
	var es []plan.Expr
	var walk func(plan.Node)
	walk = func(m plan.Node) {
		es = append(es, plan.Expressions(m)...)
		for _, c := range m.Children() {
			walk(c)
		}
	}
	walk(n)
	return outerRefsOf(es...)
}

func unionAttrs(a, b []*plan.AttributeRef) []*plan.AttributeRef {
	out := append([]*plan.AttributeRef(nil), a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			if y.ID == x.ID {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

func withoutKeys(a []*plan.AttributeRef, m map[plan.ExprID]plan.Expr) []*plan.AttributeRef {
	var out []*plan.AttributeRef
	for _, x := range a {
		if _, ok := m[x.ID]; !ok {
			out = append(out, x)
		}
	}
	return out
}

// replaceOuter replaces the outer references of e that m maps.
func replaceOuter(e plan.Expr, m map[plan.ExprID]plan.Expr) plan.Expr {
	if len(m) == 0 || e == nil {
		return e
	}
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if o, ok := x.(*plan.OuterRef); ok {
			if v, ok := m[o.Attr.ID]; ok {
				return v, nil
			}
		}
		return x, nil
	})
	return r
}

func replaceOuterAll(es []plan.Expr, m map[plan.ExprID]plan.Expr) []plan.Expr {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		out[i] = replaceOuter(e, m)
	}
	return out
}

func replaceOuterOrders(os []*plan.SortOrder, m map[plan.ExprID]plan.Expr) []*plan.SortOrder {
	out := make([]*plan.SortOrder, len(os))
	for i, o := range os {
		c := *o
		c.Child = replaceOuter(o.Child, m)
		out[i] = &c
	}
	return out
}

// replaceOuterNamed replaces outer references in a select list, keeping its columns.
func replaceOuterNamed(es []plan.Expr, m map[plan.ExprID]plan.Expr) []plan.Expr {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		r := replaceOuter(e, m)
		if r != e {
			switch e.(type) {
			case *plan.Alias, *plan.AttributeRef:
				if _, ok := r.(*plan.Alias); !ok {
					a := plan.ToAttribute(e)
					r = &plan.Alias{Child: r, Name: a.Name, ID: a.ID}
				}
			}
		}
		out[i] = r
	}
	return out
}

// missingRefs lists the inner columns the conditions read that the named expressions
// exprs do not output.
func missingRefs(exprs []plan.Expr, conds []plan.Expr) []plan.Expr {
	have := map[plan.ExprID]bool{}
	for _, e := range exprs {
		if a := plan.ToAttribute(e); a != nil {
			have[a.ID] = true
		}
	}
	var out []plan.Expr
	for _, c := range conds {
		plan.Walk(c, func(x plan.Expr) bool {
			if a, ok := x.(*plan.AttributeRef); ok && !have[a.ID] {
				have[a.ID] = true
				out = append(out, a)
			}
			return true
		})
	}
	return out
}

func nullSafeEqual(l, r plan.Expr) plan.Expr {
	return &plan.Call{Fn: "<=>", Args: []plan.Expr{l, r}, Type: types.Boolean, Form: plan.FormInfix, Display: "<=>"}
}

func cmpExpr(op string, l, r plan.Expr) plan.Expr {
	return &plan.Call{Fn: op, Args: []plan.Expr{l, r}, Type: types.Boolean, Null: plan.NullableOf(l) || plan.NullableOf(r),
		Form: plan.FormInfix, Display: op}
}

func negate(e plan.Expr) plan.Expr {
	return &plan.Call{Fn: "not", Args: []plan.Expr{e}, Type: types.Boolean, Null: plan.NullableOf(e), Form: plan.FormPrefix, Display: "NOT"}
}

func either(l, r plan.Expr) plan.Expr {
	return &plan.Call{Fn: "or", Args: []plan.Expr{l, r}, Type: types.Boolean, Null: plan.NullableOf(l) || plan.NullableOf(r),
		Form: plan.FormInfix, Display: "OR"}
}

func intLit(v int64) plan.Expr {
	return &plan.Literal{Type: types.Integer, Value: int32(v), Text: itoa64(v)}
}

func trueLiteral() plan.Expr { return &plan.Literal{Type: types.Boolean, Value: true, Text: "true"} }

func asNullable(a *plan.AttributeRef) *plan.AttributeRef {
	b := *a
	b.Null = true
	return &b
}

// ifNull is CASE WHEN marker IS NULL THEN empty ELSE value END.
func markerCase(marker *plan.AttributeRef, empty, value plan.Expr) plan.Expr {
	return &plan.CaseWhen{Conds: []plan.Expr{isNull(marker)}, Values: []plan.Expr{empty}, Else: value, Type: plan.TypeOf(value)}
}

// intValue is the value of an integral literal.
func literalInt(e plan.Expr) (int64, bool) {
	lit, ok := e.(*plan.Literal)
	if !ok {
		return 0, false
	}
	switch v := lit.Value.(type) {
	case int8:
		return int64(v), true
	case int16:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	}
	return 0, false
}

func itoa64(v int64) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
