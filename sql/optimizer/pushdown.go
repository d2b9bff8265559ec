package optimizer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// pushPredicates moves filter conditions as close to the data as they can go, as Spark's
// PushDownPredicates does: through projections (aliases substituted), subquery aliases,
// sorts, distincts and aggregates (conditions on grouping columns only), and into joins,
// where a condition on one side filters that side and a condition on both sides becomes
// the join's condition, so that a comma join with an equality in WHERE is an equi-join.
// Join conditions that read one side only are pushed into that side where the join type
// allows it. Conditions after the first non-deterministic one stay where they are.
func pushPredicates(n plan.Node) plan.Node {
	switch x := n.(type) {
	case *plan.Filter:
		return pushInto(x.Child, plan.Conjuncts(x.Cond))
	case *plan.Join:
		return pushJoinCondition(x)
	}
	return plan.MapNodeChildren(n, pushPredicates)
}

// pushInto returns a plan equal to Filter(And(preds)) over n, with the predicates pushed
// as deep as they may go.
func pushInto(n plan.Node, preds []plan.Expr) plan.Node {
	if len(preds) == 0 {
		return pushPredicates(n)
	}
	preds = factorDisjunctions(preds)
	movable, stay := splitDeterministic(preds)
	if len(movable) == 0 {
		return filter(pushPredicates(n), stay)
	}
	switch x := n.(type) {
	case *plan.Filter:
		return pushInto(x.Child, append(plan.Conjuncts(x.Cond), preds...))
	case *plan.SubqueryAlias:
		return filter(&plan.SubqueryAlias{Child: pushInto(x.Child, movable), Alias: x.Alias}, stay)
	case *plan.Sort:
		m := *x
		m.Child = pushInto(x.Child, movable)
		return filter(&m, stay)
	case *plan.Distinct:
		return filter(&plan.Distinct{Child: pushInto(x.Child, movable)}, stay)
	case *plan.Project:
		return pushThroughProject(x, movable, stay)
	case *plan.Aggregate:
		return pushThroughAggregate(x, movable, stay)
	case *plan.Join:
		return pushThroughJoin(x, movable, stay)
	}
	return filter(pushPredicates(n), preds)
}

// filter puts the predicates, if any, over n.
func filter(n plan.Node, preds []plan.Expr) plan.Node {
	if len(preds) == 0 {
		return n
	}
	return &plan.Filter{Child: n, Cond: plan.And(preds)}
}

// splitDeterministic splits the predicates at the first non-deterministic one: only those
// before it may move, since moving a filter changes how often and on which rows the later
// ones run.
func splitDeterministic(preds []plan.Expr) (movable, stay []plan.Expr) {
	for i, p := range preds {
		if !deterministic(p) {
			return preds[:i:i], preds[i:]
		}
	}
	return preds, nil
}

// deterministic reports whether e gives the same result for the same input row. Subquery
// expressions count as non-deterministic here: they are not moved.
func deterministic(e plan.Expr) bool {
	ok := true
	plan.Walk(e, func(x plan.Expr) bool {
		switch c := x.(type) {
		case *plan.Call:
			if plan.NonDeterministic(c.Fn) {
				ok = false
			}
		case *plan.ScalarSubquery, *plan.Exists, *plan.InSubquery, *plan.OuterRef:
			ok = false
		}
		return ok
	})
	return ok
}

// pushThroughProject moves predicates below a deterministic projection, with the
// projection's aliases replaced by the expressions they name.
func pushThroughProject(p *plan.Project, preds, stay []plan.Expr) plan.Node {
	aliases := map[plan.ExprID]plan.Expr{}
	for _, e := range p.Exprs {
		if !deterministic(e) || hasAggregateOrWindow(e) {
			return filter(pushPredicates(p), append(preds, stay...))
		}
		if a, ok := e.(*plan.Alias); ok {
			aliases[a.ID] = a.Child
		}
	}
	below := make([]plan.Expr, len(preds))
	for i, pred := range preds {
		below[i] = substitute(pred, aliases)
	}
	m := *p
	m.Child = pushInto(p.Child, below)
	return filter(&m, stay)
}

// hasAggregateOrWindow reports whether e computes over groups or windows, which a
// projection only holds before the analyzer moves them into their own nodes.
func hasAggregateOrWindow(e plan.Expr) bool {
	found := false
	plan.Walk(e, func(x plan.Expr) bool {
		switch x.(type) {
		case *plan.AggregateCall, *plan.WindowCall, *plan.WindowExpr:
			found = true
		}
		return !found
	})
	return found
}

// substitute replaces the attributes with IDs in m by their expressions.
func substitute(e plan.Expr, m map[plan.ExprID]plan.Expr) plan.Expr {
	if len(m) == 0 {
		return e
	}
	out, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		if a, ok := x.(*plan.AttributeRef); ok {
			if r, ok := m[a.ID]; ok {
				return r, nil
			}
		}
		return x, nil
	})
	return out
}

// pushThroughAggregate moves the predicates that read only grouping columns below the
// aggregate: they keep or drop whole groups either way. Grouping sets are left alone,
// since their grouping columns are NULL in the rows of the sets that leave them out.
func pushThroughAggregate(agg *plan.Aggregate, preds, stay []plan.Expr) plan.Node {
	if len(agg.GroupingSets) > 0 {
		return filter(pushPredicates(agg), append(preds, stay...))
	}
	groups := map[string]bool{}
	for _, g := range agg.Groups {
		if !deterministic(g) {
			return filter(pushPredicates(agg), append(preds, stay...))
		}
		groups[plan.SemanticKey(g)] = true
	}
	// The output columns that are grouping expressions, by ID, with what they compute.
	grouping := map[plan.ExprID]plan.Expr{}
	for _, e := range agg.Exprs {
		switch x := e.(type) {
		case *plan.AttributeRef:
			if groups[plan.SemanticKey(x)] {
				grouping[x.ID] = x
			}
		case *plan.Alias:
			if groups[plan.SemanticKey(x.Child)] {
				grouping[x.ID] = x.Child
			}
		}
	}
	var below, above []plan.Expr
	for _, p := range preds {
		if readsOnly(p, grouping) {
			below = append(below, substitute(p, grouping))
		} else {
			above = append(above, p)
		}
	}
	if len(below) == 0 {
		return filter(pushPredicates(agg), append(preds, stay...))
	}
	m := *agg
	m.Child = pushInto(agg.Child, below)
	return filter(&m, append(above, stay...))
}

// readsOnly reports whether e reads at least one attribute and only attributes in m.
func readsOnly(e plan.Expr, m map[plan.ExprID]plan.Expr) bool {
	some, all := false, true
	plan.Walk(e, func(x plan.Expr) bool {
		if a, ok := x.(*plan.AttributeRef); ok {
			some = true
			if _, in := m[a.ID]; !in {
				all = false
			}
		}
		return all
	})
	return some && all
}

// pushThroughJoin sends each predicate to the join side it reads, where the join type
// keeps that side's rows as they are; predicates over both sides of an inner or cross join
// join its condition.
func pushThroughJoin(j *plan.Join, preds, stay []plan.Expr) plan.Node {
	if j.Lateral {
		return filter(pushPredicates(j), append(preds, stay...))
	}
	left, right := attrSet(j.Left.Output()), attrSet(j.Right.Output())
	var toLeft, toRight, toCond, above []plan.Expr
	pushLeft, pushRight := false, false
	switch j.Type {
	case plan.InnerJoin, plan.CrossJoin:
		pushLeft, pushRight = true, true
	case plan.LeftOuterJoin, plan.LeftSemiJoin, plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin:
		pushLeft = true
	case plan.RightOuterJoin:
		pushRight = true
	}
	for _, p := range preds {
		switch {
		case pushLeft && refersOnlyTo(p, left):
			toLeft = append(toLeft, p)
		case pushRight && refersOnlyTo(p, right):
			toRight = append(toRight, p)
		case pushLeft && pushRight && readsAny(p):
			toCond = append(toCond, p)
		default:
			above = append(above, p)
		}
	}
	m := *j
	if len(toCond) > 0 {
		m.Cond = plan.And(append(plan.Conjuncts(j.Cond), toCond...))
		if m.Type == plan.CrossJoin {
			m.Type = plan.InnerJoin
		}
	}
	// The join's own condition may push further now.
	return filter(pushJoinConditionInto(&m, toLeft, toRight), append(above, stay...))
}

// readsAny reports whether e reads an attribute.
func readsAny(e plan.Expr) bool {
	some := false
	plan.Walk(e, func(x plan.Expr) bool {
		if _, ok := x.(*plan.AttributeRef); ok {
			some = true
		}
		return !some
	})
	return some
}

// pushJoinCondition pushes the conjuncts of a join's condition that read only one side
// into that side, where the join type allows: both sides of an inner join, the right
// side of a left outer, semi or anti join (a left row is kept either way), the left side
// of a right outer join.
func pushJoinCondition(j *plan.Join) plan.Node {
	return pushJoinConditionInto(j, nil, nil)
}

func pushJoinConditionInto(j *plan.Join, toLeft, toRight []plan.Expr) plan.Node {
	if j.Lateral || j.Type == plan.NullAwareLeftAntiJoin {
		m := *j
		m.Left, m.Right = pushInto(j.Left, toLeft), pushInto(j.Right, toRight)
		return &m
	}
	left, right := attrSet(j.Left.Output()), attrSet(j.Right.Output())
	condLeft, condRight := false, false
	switch j.Type {
	case plan.InnerJoin, plan.CrossJoin:
		condLeft, condRight = true, true
	case plan.LeftOuterJoin, plan.LeftSemiJoin, plan.LeftAntiJoin:
		condRight = true
	case plan.RightOuterJoin:
		condLeft = true
	}
	movable, stay := splitDeterministic(plan.Conjuncts(j.Cond))
	var keep []plan.Expr
	for _, c := range movable {
		switch {
		case condLeft && refersOnlyTo(c, left):
			toLeft = append(toLeft, c)
		case condRight && refersOnlyTo(c, right):
			toRight = append(toRight, c)
		default:
			keep = append(keep, c)
			// A disjunction over both sides implies, on each side, the disjunction of
			// what each branch requires of that side alone (Spark's
			// PushExtraPredicateThroughJoin): TPC-H q7's nation pair filters each nation.
			if condLeft {
				if d, ok := impliedOnSide(c, left); ok {
					toLeft = append(toLeft, d)
				}
			}
			if condRight {
				if d, ok := impliedOnSide(c, right); ok {
					toRight = append(toRight, d)
				}
			}
		}
	}
	m := *j
	m.Cond = plan.And(append(keep, stay...))
	m.Left, m.Right = pushInto(j.Left, toLeft), pushInto(j.Right, toRight)
	return &m
}

// impliedOnSide derives from a disjunction a condition on the columns of side alone that
// holds whenever the disjunction does: the OR, over the branches, of the AND of each
// branch's conjuncts that read only side. It fails when some branch has no such
// conjunct (that branch restricts side in no way).
func impliedOnSide(c plan.Expr, side map[plan.ExprID]bool) (plan.Expr, bool) {
	branches := disjuncts(c)
	if len(branches) < 2 || !deterministic(c) {
		return nil, false
	}
	out := make([]plan.Expr, 0, len(branches))
	for _, b := range branches {
		var mine []plan.Expr
		for _, x := range plan.Conjuncts(b) {
			if refersOnlyTo(x, side) && readsAny(x) {
				mine = append(mine, x)
			} else if d, ok := impliedOnSide(x, side); ok {
				mine = append(mine, d)
			}
		}
		if len(mine) == 0 {
			return nil, false
		}
		out = append(out, plan.And(mine))
	}
	return or(out), true
}

// factorDisjunctions takes out of each (a AND b) OR (a AND c) the conjuncts all of its
// branches share, as Spark's boolean simplification does: (a) AND (b OR c). A join
// condition hidden in every branch (TPC-H q19) then becomes an equi-join.
func factorDisjunctions(preds []plan.Expr) []plan.Expr {
	var out []plan.Expr
	for _, p := range preds {
		out = append(out, factorDisjunction(p)...)
	}
	return out
}

func factorDisjunction(p plan.Expr) []plan.Expr {
	branches := disjuncts(p)
	if len(branches) < 2 || !deterministic(p) {
		return []plan.Expr{p}
	}
	split := make([][]plan.Expr, len(branches))
	for i, b := range branches {
		split[i] = plan.Conjuncts(b)
	}
	var common []plan.Expr
	for _, c := range split[0] {
		key := plan.SemanticKey(c)
		inAll := true
		for _, other := range split[1:] {
			found := false
			for _, d := range other {
				if plan.SemanticKey(d) == key {
					found = true
					break
				}
			}
			if !found {
				inAll = false
				break
			}
		}
		if inAll {
			common = append(common, c)
		}
	}
	if len(common) == 0 {
		return []plan.Expr{p}
	}
	isCommon := map[string]bool{}
	for _, c := range common {
		isCommon[plan.SemanticKey(c)] = true
	}
	var rest []plan.Expr
	for _, conj := range split {
		var left []plan.Expr
		for _, c := range conj {
			if !isCommon[plan.SemanticKey(c)] {
				left = append(left, c)
			}
		}
		if len(left) == 0 {
			// One branch is just the common part: the disjunction adds nothing.
			return common
		}
		rest = append(rest, plan.And(left))
	}
	return append(common, or(rest))
}

// disjuncts splits e at its top-level ORs.
func disjuncts(e plan.Expr) []plan.Expr {
	if c, ok := e.(*plan.Call); ok && c.Fn == "or" && len(c.Args) == 2 {
		return append(disjuncts(c.Args[0]), disjuncts(c.Args[1])...)
	}
	return []plan.Expr{e}
}

// or joins conditions with OR, left-deep.
func or(conds []plan.Expr) plan.Expr {
	c := conds[0]
	for _, d := range conds[1:] {
		c = &plan.Call{Fn: "or", Args: []plan.Expr{c, d}, Type: types.Boolean,
			Null: plan.NullableOf(c) || plan.NullableOf(d), Form: plan.FormInfix, Display: "OR"}
	}
	return c
}
