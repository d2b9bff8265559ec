package optimizer

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Subqueries become joins, as Spark's RewritePredicateSubquery and
// RewriteCorrelatedScalarSubquery make them, once decorrelated (subquery_decorrelate.go):
//
//   - a WHERE/HAVING conjunct EXISTS (q) / NOT EXISTS (q), correlated, becomes a left
//     semi / anti join with q on the correlation conditions;
//   - a IN (q) becomes a semi join on a = q's column (and the correlation); NOT IN (q) an
//     anti join where a NULL comparison also removes the row (a null-aware anti join for
//     one uncorrelated column);
//   - an IN subquery or a correlated EXISTS inside another expression (a select list, an
//     OR, a CASE, an aggregate's argument) becomes an existence join, whose boolean
//     column stands for it: whether some subquery row matches;
//   - a correlated scalar subquery becomes a left outer join (a "single" join, which
//     fails on a second match, unless the subquery has at most one row per outer row);
//     where the subquery's value over no rows is not NULL (count), a marker column
//     restores it for the outer rows nothing matches (the "count bug").
//
// Uncorrelated scalar subqueries and EXISTS stay expressions: the physical planner runs
// them once. So do the uncorrelated IN subqueries of join conditions.

// rewriteSubqueries rewrites every subquery expression of the tree, innermost first.
func rewriteSubqueries(n plan.Node, opts *Options) (plan.Node, error) {
	children := n.Children()
	if len(children) > 0 {
		next := make([]plan.Node, len(children))
		changed := false
		for i, c := range children {
			r, err := rewriteSubqueries(c, opts)
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
	if err := rewriteNestedPlans(n, opts); err != nil {
		return nil, err
	}
	if !hasSubquery(plan.Expressions(n)) {
		return n, nil
	}
	if opts.LegacyNullInEmptyList {
		n = nullInSubqueries(n)
	}
	switch x := n.(type) {
	case *plan.Filter:
		return rewriteFilter(x, opts)
	case *plan.Project:
		return rewriteProject(x, opts)
	case *plan.Aggregate:
		return rewriteAggregate(x, opts)
	case *plan.Window:
		return rewriteWindow(x, opts)
	case *plan.Join:
		return rewriteJoinCondition(x, opts)
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
func rewriteNestedPlans(n plan.Node, opts *Options) error {
	var err error
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if err != nil {
				return false
			}
			if q := plan.SubqueryOf(x); q != nil {
				var r plan.Node
				if r, err = rewriteSubqueries(q.Plan, opts); err == nil {
					q.Plan = r
				}
			}
			return true
		})
	}
	return err
}

func hasSubquery(es []plan.Expr) bool {
	for _, e := range es {
		if plan.Any(e, func(x plan.Expr) bool { return plan.SubqueryOf(x) != nil }) {
			return true
		}
	}
	return false
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
		if hasOuterRef(e) {
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

// joiner adds the joins that replace subquery expressions over a plan.
type joiner struct {
	child plan.Node
	opts  *Options
}

// rewrite replaces, in e, the correlated scalar subqueries by the columns of left joins,
// then IN subqueries and correlated EXISTS by existence joins' columns.
func (j *joiner) rewrite(e plan.Expr) (plan.Expr, error) {
	e, err := j.scalars(e)
	if err != nil {
		return nil, err
	}
	if hasInOrCorrelatedExists(e) {
		e = simplifyNot(e)
	}
	return j.existential(e)
}

func (j *joiner) rewriteAll(es []plan.Expr) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		r, err := j.rewrite(e)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// scalars replaces the correlated scalar subqueries of e.
func (j *joiner) scalars(e plan.Expr) (plan.Expr, error) {
	return plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		s, ok := x.(*plan.ScalarSubquery)
		if !ok || !correlated(s.Query.Plan) {
			return x, nil
		}
		return j.scalarJoin(s.Query)
	})
}

// existential replaces, top-down, the IN subqueries and correlated EXISTS of e; a NOT
// over an IN subquery is rewritten as a whole, with NOT IN's NULL semantics.
func (j *joiner) existential(e plan.Expr) (plan.Expr, error) {
	switch x := e.(type) {
	case *plan.Exists:
		if !correlated(x.Query.Plan) {
			return e, nil
		}
		return j.existenceJoin(x.Query, nil, false)
	case *plan.InSubquery:
		return j.existenceJoin(x.Query, x.Values, false)
	case *plan.Call:
		if x.Fn == "not" && len(x.Args) == 1 {
			if in, ok := x.Args[0].(*plan.InSubquery); ok {
				ex, err := j.existenceJoin(in.Query, in.Values, true)
				if err != nil {
					return nil, err
				}
				return negate(ex), nil
			}
		}
	}
	ch := e.Children()
	if len(ch) == 0 {
		return e, nil
	}
	var changed []plan.Expr
	for i, c := range ch {
		r, err := j.existential(c)
		if err != nil {
			return nil, err
		}
		if r != c && changed == nil {
			changed = append([]plan.Expr(nil), ch...)
		}
		if changed != nil {
			changed[i] = r
		}
	}
	if changed == nil {
		return e, nil
	}
	return e.WithChildren(changed), nil
}

// subqueryJoinInput is a subquery decorrelated against the current input: the plan to
// join, the join conditions, and the subquery's output columns as the plan outputs them.
func (j *joiner) decorrelate(q *plan.Subquery, countBug bool) (plan.Node, []plan.Expr, []*plan.AttributeRef, error) {
	p, conds, rename, err := decorrelateSubquery(q.Plan, j.child, countBug)
	if err != nil {
		return nil, nil, nil, err
	}
	out := q.Plan.Output()
	cols := make([]*plan.AttributeRef, len(out))
	for i, a := range out {
		if r, ok := rename[a.ID]; ok {
			a = r
		}
		cols[i] = a
	}
	return p, conds, cols, nil
}

// inConditions compares the IN values with the subquery's columns; nullAware makes each
// comparison hold when it is unknown too (NOT IN removes those rows).
func inConditions(values []plan.Expr, cols []*plan.AttributeRef, nullAware bool) ([]plan.Expr, error) {
	if len(values) > len(cols) {
		return nil, sparkerror.InternalError("IN subquery: %d values, %d columns", len(values), len(cols))
	}
	out := make([]plan.Expr, len(values))
	for i, v := range values {
		c := equal(v, cols[i])
		if nullAware {
			c = either(c, isNull(c))
		}
		out[i] = c
	}
	return out, nil
}

// existenceJoin joins the input with an EXISTS (values nil) or IN subquery and returns
// the boolean column that stands for it.
func (j *joiner) existenceJoin(q *plan.Subquery, values []plan.Expr, nullAware bool) (plan.Expr, error) {
	p, conds, cols, err := j.decorrelate(q, true)
	if err != nil {
		return nil, err
	}
	in, err := inConditions(values, cols, nullAware)
	if err != nil {
		return nil, err
	}
	exists := &plan.AttributeRef{Name: "exists", Type: types.Boolean, ID: plan.NewExprID()}
	j.child = &plan.Join{Left: j.child, Right: p, Type: plan.ExistenceJoin, Cond: plan.And(append(in, conds...)), Exists: exists}
	return exists, nil
}

// semiJoin joins the input with an EXISTS or IN subquery of a WHERE conjunct: a semi
// join, or an anti join when negated.
func (j *joiner) semiJoin(q *plan.Subquery, values []plan.Expr, negated bool) error {
	isIn := values != nil
	p, conds, cols, err := j.decorrelate(q, true)
	if err != nil {
		return err
	}
	jt := plan.LeftSemiJoin
	if negated {
		jt = plan.LeftAntiJoin
	}
	in, err := inConditions(values, cols, negated)
	if err != nil {
		return err
	}
	if isIn && negated && len(values) == 1 && len(conds) == 0 {
		// One uncorrelated column: the physical null-aware anti join.
		jt = plan.NullAwareLeftAntiJoin
		in = []plan.Expr{equal(values[0], cols[0])}
	}
	j.child = &plan.Join{Left: j.child, Right: p, Type: jt, Cond: plan.And(append(in, conds...))}
	return nil
}

// scalarJoin left-joins the input with a correlated scalar subquery and returns the
// expression that stands for its value.
func (j *joiner) scalarJoin(q *plan.Subquery) (plan.Expr, error) {
	sub := q.Plan
	// The count bug of the top aggregate is handled here; that of aggregates below it,
	// which the join cannot see, by the decorrelation.
	countBugInDecorrelate := true
	if agg, ok := sub.(*plan.Aggregate); ok && !lowerCountBug(agg.Child) {
		countBugInDecorrelate = false
	}
	p, conds, cols, err := j.decorrelate(q, countBugInDecorrelate)
	if err != nil {
		return nil, err
	}
	value := cols[0]
	jt := plan.LeftOuterJoin
	if !j.opts.NoSingleJoin && !oneRowPerOuterRow(sub) {
		jt = plan.LeftSingleJoin
	}
	zero := subqueryZero(p)
	mayHaveCountBug := false
	if !countBugInDecorrelate {
		_, _, agg := splitSubquery(sub)
		mayHaveCountBug = agg != nil && len(agg.Groups) == 0
	}
	if zero == nil || (!mayHaveCountBug && !j.opts.LegacyCountBug) {
		j.child = &plan.Join{Left: j.child, Right: p, Type: jt, Cond: plan.And(conds)}
		return asNullable(value), nil
	}
	top, having, agg := splitSubquery(p)
	if agg == nil {
		j.child = &plan.Join{Left: j.child, Right: p, Type: jt, Cond: plan.And(conds)}
		return asNullable(value), nil
	}
	marker := &plan.Alias{Child: trueLiteral(), Name: "alwaysTrue", ID: plan.NewExprID()}
	markerRef := asNullable(plan.ToAttribute(marker))
	if having == nil {
		right := &plan.Project{Child: p, Exprs: append(attrExprs(p.Output()), marker)}
		j.child = &plan.Join{Left: j.child, Right: right, Type: jt, Cond: plan.And(conds)}
		return markerCase(markerRef, zero, asNullable(value)), nil
	}
	// With HAVING, the condition moves above the join: the projections above the
	// aggregate pass its columns through.
	var root plan.Node = agg
	aggOut := agg.Output()
	for i := len(top) - 1; i >= 0; i-- {
		switch x := top[i].(type) {
		case *plan.Project:
			exprs := append([]plan.Expr(nil), x.Exprs...)
			have := attrSet(attrsOfExprs(exprs))
			for _, a := range aggOut {
				if !have[a.ID] {
					exprs = append(exprs, a)
				}
			}
			root = &plan.Project{Child: root, Exprs: exprs}
		case *plan.SubqueryAlias:
			root = &plan.SubqueryAlias{Child: root, Alias: x.Alias}
		}
	}
	right := &plan.Project{Child: root, Exprs: append(attrExprs(root.Output()), marker)}
	j.child = &plan.Join{Left: j.child, Right: right, Type: jt, Cond: plan.And(conds)}
	v := asNullable(value)
	return &plan.CaseWhen{Conds: []plan.Expr{isNull(markerRef), negate(nullableCond(having.Cond))},
		Values: []plan.Expr{zero, nullOf(value.Type)}, Else: v, Type: value.Type}, nil
}

// nullableCond marks the columns of a condition moved above a left join nullable.
func nullableCond(e plan.Expr) plan.Expr {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if a, ok := x.(*plan.AttributeRef); ok {
			return asNullable(a), nil
		}
		return x, nil
	})
	return r
}

func attrsOfExprs(es []plan.Expr) []*plan.AttributeRef {
	out := make([]*plan.AttributeRef, len(es))
	for i, e := range es {
		out[i] = plan.ToAttribute(e)
	}
	return out
}

// lowerCountBug reports whether n holds an aggregate without grouping whose value over no
// rows is not NULL.
func lowerCountBug(n plan.Node) bool {
	if a, ok := n.(*plan.Aggregate); ok && len(a.Groups) == 0 {
		for _, e := range a.Exprs {
			if plan.Any(e, func(x plan.Expr) bool {
				ac, ok := x.(*plan.AggregateCall)
				return ok && !definitelyNull(zeroAggregate(ac))
			}) {
				return true
			}
		}
	}
	for _, c := range n.Children() {
		if lowerCountBug(c) {
			return true
		}
	}
	return false
}

// splitSubquery splits a scalar subquery's plan into the projections and aliases above
// its aggregate (outermost first), the HAVING filter over the aggregate, and the
// aggregate; the aggregate is nil when the plan has none there.
func splitSubquery(n plan.Node) ([]plan.Node, *plan.Filter, *plan.Aggregate) {
	var top []plan.Node
	for {
		switch x := n.(type) {
		case *plan.Filter:
			if agg, ok := x.Child.(*plan.Aggregate); ok {
				return top, x, agg
			}
			return top, nil, nil
		case *plan.Aggregate:
			return top, nil, x
		case *plan.Project:
			top = append(top, x)
			n = x.Child
		case *plan.SubqueryAlias:
			top = append(top, x)
			n = x.Child
		default:
			return top, nil, nil
		}
	}
}

// ---- hosts ----

// rewriteFilter turns the predicate subqueries among the filter's conjuncts into semi and
// anti joins, and the other subqueries into left and existence joins, under it.
func rewriteFilter(f *plan.Filter, opts *Options) (plan.Node, error) {
	out := f.Output()
	j := &joiner{child: exposeGroupingColumns(f.Child, subqueryOuterRefs(f.Cond)), opts: opts}
	cond := f.Cond
	if hasInOrCorrelatedExists(cond) {
		cond = simplifyNot(cond)
	}
	// Conjuncts without subqueries filter the input first, then the IN/EXISTS conjuncts that
	// read no correlated scalar subquery: the scalar subqueries' joins then see only the rows
	// left (TPC-H q20 keeps 1/100 of partsupp before joining it with the lineitem aggregate).
	var plain, early, late []plan.Expr
	for _, c := range plan.Conjuncts(cond) {
		switch {
		case !hasInOrCorrelatedExists(c) && !hasCorrelatedScalar(c):
			plain = append(plain, c)
		case hasInOrCorrelatedExists(c) && !hasCorrelatedScalar(c):
			early = append(early, c)
		default:
			late = append(late, c)
		}
	}
	if len(plain) > 0 && len(early)+len(late) > 0 {
		j.child = &plan.Filter{Child: j.child, Cond: plan.And(plain), Having: f.Having}
		plain = nil
	}
	if err := j.predicates(early, f.Having); err != nil {
		return nil, err
	}
	if len(late) > 0 {
		rest, err := j.scalars(plan.And(late))
		if err != nil {
			return nil, err
		}
		var withSub []plan.Expr
		for _, c := range plan.Conjuncts(rest) {
			if hasInOrCorrelatedExists(c) {
				withSub = append(withSub, c)
			} else {
				plain = append(plain, c)
			}
		}
		if err := j.predicates(withSub, f.Having); err != nil {
			return nil, err
		}
	}
	var n plan.Node = j.child
	if len(plain) > 0 {
		n = &plan.Filter{Child: n, Cond: plan.And(plain), Having: f.Having}
	}
	return keepOutput(n, out), nil
}

// predicates puts the conjuncts holding IN subqueries or correlated EXISTS over the
// joiner's input: semi and anti joins for those at the top of a conjunct, existence joins
// under a filter for the others.
func (j *joiner) predicates(conjuncts []plan.Expr, having bool) error {
	for _, c := range conjuncts {
		negated, inner := false, c
		if call, ok := c.(*plan.Call); ok && call.Fn == "not" && len(call.Args) == 1 {
			negated, inner = true, call.Args[0]
		}
		var err error
		switch s := inner.(type) {
		case *plan.Exists:
			err = j.semiJoin(s.Query, nil, negated)
		case *plan.InSubquery:
			err = j.semiJoin(s.Query, s.Values, negated)
		default:
			var r plan.Expr
			if r, err = j.existential(c); err == nil {
				j.child = &plan.Filter{Child: j.child, Cond: r, Having: having}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// hasCorrelatedScalar reports whether e holds a correlated scalar subquery.
func hasCorrelatedScalar(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		s, ok := x.(*plan.ScalarSubquery)
		return ok && correlated(s.Query.Plan)
	})
}

// hasInOrCorrelatedExists reports whether e holds an IN subquery or a correlated EXISTS.
func hasInOrCorrelatedExists(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		switch y := x.(type) {
		case *plan.InSubquery:
			return true
		case *plan.Exists:
			return correlated(y.Query.Plan)
		}
		return false
	})
}

// keepOutput projects n to the columns out when it outputs others (the joins' columns).
func keepOutput(n plan.Node, out []*plan.AttributeRef) plan.Node {
	if sameAttributes(n.Output(), out) {
		return n
	}
	return &plan.Project{Child: n, Exprs: attrExprs(out)}
}

func rewriteProject(p *plan.Project, opts *Options) (plan.Node, error) {
	j := &joiner{child: p.Child, opts: opts}
	exprs, err := j.rewriteAll(p.Exprs)
	if err != nil {
		return nil, err
	}
	if j.child == p.Child {
		return p, nil
	}
	m := *p
	m.Child, m.Exprs = j.child, exprs
	return &m, nil
}

func rewriteWindow(w *plan.Window, opts *Options) (plan.Node, error) {
	out := w.Output()
	j := &joiner{child: w.Child, opts: opts}
	exprs, err := j.rewriteAll(w.Exprs)
	if err != nil {
		return nil, err
	}
	partition, err := j.rewriteAll(w.PartitionBy)
	if err != nil {
		return nil, err
	}
	order := make([]*plan.SortOrder, len(w.OrderBy))
	for i, o := range w.OrderBy {
		r, err := j.rewrite(o.Child)
		if err != nil {
			return nil, err
		}
		c := *o
		c.Child = r
		order[i] = &c
	}
	if j.child == w.Child {
		return w, nil
	}
	return keepOutput(&plan.Window{Child: j.child, Exprs: exprs, PartitionBy: partition, OrderBy: order}, out), nil
}

// rewriteAggregate rewrites the subqueries of an aggregate. Grouping expressions that hold
// one are computed by a projection below (Spark's PullOutGroupingExpressions), where they
// become joins like any select list's; the aggregate groups by their columns, and the
// select list refers to those. Subqueries in the select list join below the aggregate;
// an existence column read outside an aggregate function is wrapped in first() (its value
// is the same across the group).
func rewriteAggregate(a *plan.Aggregate, opts *Options) (plan.Node, error) {
	if len(a.GroupingSets) > 0 {
		for _, e := range plan.Expressions(a) {
			if correlatedSubqueryIn(e) || plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.InSubquery); return ok }) {
				return nil, sparkerror.NotImplemented("subqueries in an aggregate with grouping sets")
			}
		}
		return a, nil
	}
	child := a.Child
	groups := append([]plan.Expr(nil), a.Groups...)
	exprs := append([]plan.Expr(nil), a.Exprs...)
	var pulled []plan.Expr
	for i, g := range groups {
		if !rewritableSubqueryIn(g) {
			continue
		}
		al := &plan.Alias{Child: g, Name: "_groupingexpression", ID: plan.NewExprID()}
		pulled = append(pulled, al)
		ref := plan.ToAttribute(al)
		key := deepKey(g)
		groups[i] = ref
		for k, e := range exprs {
			exprs[k] = replaceDeep(e, key, ref)
		}
	}
	if len(pulled) > 0 {
		p, err := rewriteProject(&plan.Project{Child: child, Exprs: append(attrExprs(child.Output()), pulled...)}, opts)
		if err != nil {
			return nil, err
		}
		child = p
	}
	j := &joiner{child: child, opts: opts}
	before := attrSet(child.Output())
	next, err := j.rewriteAll(exprs)
	if err != nil {
		return nil, err
	}
	if j.child != child {
		// Columns of the joins read outside aggregate functions take first().
		grouped := attrSet(nil)
		for _, g := range groups {
			if r, ok := g.(*plan.AttributeRef); ok {
				grouped[r.ID] = true
			}
		}
		for i, e := range next {
			next[i] = firstOutsideAggregates(e, func(id plan.ExprID) bool { return !before[id] && !grouped[id] })
		}
	}
	if j.child == a.Child {
		return a, nil
	}
	m := *a
	m.Child, m.Groups, m.Exprs = j.child, groups, next
	return &m, nil
}

// rewritableSubqueryIn reports whether e holds a subquery the rewrite turns into a join.
func rewritableSubqueryIn(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		switch y := x.(type) {
		case *plan.InSubquery:
			return true
		case *plan.Exists:
			return correlated(y.Query.Plan)
		case *plan.ScalarSubquery:
			return correlated(y.Query.Plan)
		}
		return false
	})
}

// firstOutsideAggregates wraps the columns fresh says are new in first() where they are
// read outside an aggregate function.
func firstOutsideAggregates(e plan.Expr, fresh func(plan.ExprID) bool) plan.Expr {
	switch x := e.(type) {
	case *plan.AggregateCall:
		return e
	case *plan.AttributeRef:
		if fresh(x.ID) {
			return &plan.AggregateCall{Fn: "first", Args: []plan.Expr{x}, Type: x.Type, Null: x.Null, Display: "first"}
		}
		return e
	}
	return plan.MapChildren(e, func(c plan.Expr) plan.Expr { return firstOutsideAggregates(c, fresh) })
}

// deepKey is a semantic key of e that tells subqueries apart by their plans and outer
// columns (plan.SemanticKey names a subquery by its text only).
func deepKey(e plan.Expr) string {
	r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		q := plan.SubqueryOf(x)
		if q == nil {
			return x, nil
		}
		var b strings.Builder
		b.WriteString(x.String())
		b.WriteString(plan.CanonicalPlan(q.Plan))
		for _, o := range planOuterRefs(q.Plan) {
			b.WriteString("#")
			b.WriteString(strconv.FormatInt(int64(o.ID), 10))
		}
		if in, ok := x.(*plan.InSubquery); ok {
			for _, v := range in.Values {
				b.WriteString(plan.SemanticKey(v))
			}
		}
		return &plan.Literal{Type: types.String, Value: b.String(), Text: "subquery"}, nil
	})
	return plan.SemanticKey(r)
}

// replaceDeep replaces the subexpressions of e whose deepKey is key by ref.
func replaceDeep(e plan.Expr, key string, ref plan.Expr) plan.Expr {
	if al, ok := e.(*plan.Alias); ok {
		c := replaceDeep(al.Child, key, ref)
		if c == al.Child {
			return e
		}
		m := *al
		m.Child = c
		return &m
	}
	if rewritableSubqueryIn(e) && deepKey(e) == key {
		return ref
	}
	return plan.MapChildren(e, func(c plan.Expr) plan.Expr { return replaceDeep(c, key, ref) })
}

// rewriteJoinCondition rewrites the IN subqueries and correlated EXISTS of a join
// condition that read one side's columns into existence joins on that side; one that
// reads both sides is an error, as in Spark. Uncorrelated IN subqueries stay (the
// physical planner evaluates them).
func rewriteJoinCondition(jn *plan.Join, opts *Options) (plan.Node, error) {
	leftCols, rightCols := attrSet(jn.Left.Output()), attrSet(jn.Right.Output())
	left, right := &joiner{child: jn.Left, opts: opts}, &joiner{child: jn.Right, opts: opts}
	var sideErr error
	var rewrite func(e plan.Expr) plan.Expr
	rewrite = func(e plan.Expr) plan.Expr {
		if sideErr != nil {
			return e
		}
		if in, ok := e.(*plan.InSubquery); ok && opts.LegacyNullInEmptyList && !opts.InSubqueryJoinsInJoinConditions &&
			!correlated(in.Query.Plan) {
			return legacyNullIn(in)
		}
		target := e
		if call, ok := e.(*plan.Call); ok && call.Fn == "not" && len(call.Args) == 1 {
			if _, ok := call.Args[0].(*plan.InSubquery); ok {
				target = call.Args[0]
			}
		}
		var q *plan.Subquery
		switch x := target.(type) {
		case *plan.InSubquery:
			q = x.Query
		case *plan.Exists:
			q = x.Query
		case *plan.ScalarSubquery:
			if correlated(x.Query.Plan) {
				sideErr = sparkerror.NotImplemented("correlated scalar subqueries in join conditions")
				return e
			}
		}
		if q != nil && correlated(q.Plan) {
			refs := subqueryRefs(target)
			l, r := anyIn(refs, leftCols), anyIn(refs, rightCols)
			switch {
			case l && r:
				sideErr = correlatedInJoinBothSides(target)
			case l:
				var out plan.Expr
				out, sideErr = left.existential(e)
				return out
			case r:
				var out plan.Expr
				out, sideErr = right.existential(e)
				return out
			default:
				sideErr = sparkerror.NotImplemented("correlated subqueries in join conditions that refer to neither side")
			}
			return e
		}
		return plan.MapChildren(e, rewrite)
	}
	cond := rewrite(jn.Cond)
	if sideErr != nil {
		return nil, sideErr
	}
	if left.child == jn.Left && right.child == jn.Right {
		if cond == jn.Cond {
			return jn, nil
		}
		m := *jn
		m.Cond = cond
		return &m, nil
	}
	out := jn.Output()
	m := *jn
	m.Left, m.Right, m.Cond = left.child, right.child, cond
	return keepOutput(&m, out), nil
}

// subqueryRefs lists the outer columns a subquery expression reads: its outer references
// and the columns of its IN values.
func subqueryRefs(e plan.Expr) []*plan.AttributeRef {
	var out []*plan.AttributeRef
	q := plan.SubqueryOf(e)
	if q != nil {
		out = append(out, planOuterRefs(q.Plan)...)
	}
	if in, ok := e.(*plan.InSubquery); ok {
		for _, v := range in.Values {
			plan.Walk(v, func(x plan.Expr) bool {
				if a, ok := x.(*plan.AttributeRef); ok {
					out = append(out, a)
				}
				return true
			})
		}
	}
	return out
}

func anyIn(as []*plan.AttributeRef, set map[plan.ExprID]bool) bool {
	for _, a := range as {
		if set[a.ID] {
			return true
		}
	}
	return false
}

func correlatedInJoinBothSides(e plan.Expr) error {
	return sparkerror.New(sparkerror.Analysis,
		"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_EXPRESSION_IN_JOIN_CONDITION", "0A000",
		"Unsupported subquery expression: Correlated subqueries in the join predicate cannot reference both join inputs:\n<subqueryExpression>",
		map[string]string{"subqueryExpression": e.String()})
}

// simplifyNot moves NOTs down through AND and OR and cancels double negations, as Spark's
// BooleanSimplification does before subqueries are rewritten: it decides which IN
// subqueries end up negated (NOT IN's semantics) and which conjuncts stand alone.
func simplifyNot(e plan.Expr) plan.Expr {
	call, ok := e.(*plan.Call)
	if ok && call.Fn == "not" && len(call.Args) == 1 {
		if x, ok := call.Args[0].(*plan.Call); ok {
			switch {
			case x.Fn == "not" && len(x.Args) == 1:
				return simplifyNot(x.Args[0])
			case (x.Fn == "and" || x.Fn == "or") && len(x.Args) == 2:
				l, r := simplifyNot(negate(x.Args[0])), simplifyNot(negate(x.Args[1]))
				if x.Fn == "and" {
					return either(l, r)
				}
				return plan.And([]plan.Expr{l, r})
			case len(x.Args) == 2 && flippedComparison[x.Fn] != "":
				m := *x
				m.Fn = flippedComparison[x.Fn]
				m.Display = m.Fn
				return &m
			}
		}
		return negate(simplifyNot(call.Args[0]))
	}
	return plan.MapChildren(e, simplifyNot)
}

// flippedComparison is the comparison NOT op is.
var flippedComparison = map[string]string{">": "<=", ">=": "<", "<": ">=", "<=": ">"}

// subqueryOuterRefs lists the outer columns the subqueries of e read.
func subqueryOuterRefs(e plan.Expr) []*plan.AttributeRef {
	var out []*plan.AttributeRef
	plan.Walk(e, func(x plan.Expr) bool {
		if q := plan.SubqueryOf(x); q != nil {
			out = unionAttrs(out, planOuterRefs(q.Plan))
		}
		return true
	})
	return out
}

// exposeGroupingColumns adds to an aggregate's output the grouping columns of need it
// leaves out: a HAVING clause's subquery may read them (Spark's analyzer adds them to the
// aggregate and projects them away above). With grouping sets, the column added is NULL
// in the rows of the sets that leave it out, as the HAVING clause sees it.
func exposeGroupingColumns(n plan.Node, need []*plan.AttributeRef) plan.Node {
	agg, ok := n.(*plan.Aggregate)
	if !ok {
		return n
	}
	have := attrSet(agg.Output())
	var add []plan.Expr
	for _, a := range need {
		if have[a.ID] {
			continue
		}
		for _, g := range agg.Groups {
			if r, ok := g.(*plan.AttributeRef); ok && r.ID == a.ID {
				add = append(add, r)
				have[a.ID] = true
				break
			}
		}
	}
	if len(add) == 0 {
		return n
	}
	m := *agg
	m.Exprs = append(append([]plan.Expr(nil), agg.Exprs...), add...)
	return &m
}
