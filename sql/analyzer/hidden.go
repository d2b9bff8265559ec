package analyzer

import "github.com/sailgo/sail/sql/plan"

// A USING or NATURAL join keeps one copy of each join column, yet Spark lets qualified
// names reach the other copy (SELECT nt2.k FROM nt1 JOIN nt2 USING (k)), and qualified
// stars include it (nt2.*). Those columns are the projection's Hidden list; names resolve
// to them through the scope's hidden columns, and exposeHiddenColumns then adds each one
// that is used to the output of the projection that hid it.

// usingHidden lists the join columns the USING projection of j drops: the right side's
// for inner and left joins, the left side's for right joins, both for full joins.
func usingHidden(j *plan.Join, lk, rk []*plan.AttributeRef) []*plan.AttributeRef {
	var keys []*plan.AttributeRef
	switch j.Type {
	case plan.RightOuterJoin:
		keys = lk
	case plan.FullOuterJoin:
		keys = append(append(keys, lk...), rk...)
	default:
		keys = rk
	}
	// The join's output has the nullability the join gives each side.
	out := j.Output()
	hidden := make([]*plan.AttributeRef, 0, len(keys))
	for _, k := range keys {
		for _, o := range out {
			if o.ID == k.ID {
				hidden = append(hidden, o)
				break
			}
		}
	}
	return hidden
}

// hiddenOf lists the hidden columns visible through n: those of a USING projection, and
// of its inputs for operators that pass their input's columns through.
func hiddenOf(n plan.Node) []*plan.AttributeRef {
	switch x := n.(type) {
	case *plan.Project:
		if len(x.Hidden) > 0 {
			return x.Hidden
		}
		// Other projections pass their input's hidden columns on, as Spark's Project
		// passes its child's metadata output (|> EXTEND over a USING join reaches rhs.k).
		return hiddenOf(x.Child)
	case *plan.Filter, *plan.Sort, *plan.Limit, *plan.Offset, *plan.Tail, *plan.Repartition:
		return hiddenOf(n.Children()[0])
	case *plan.Join:
		if x.Type == plan.LeftSemiJoin || x.Type == plan.LeftAntiJoin {
			return hiddenOf(x.Left)
		}
		return append(append([]*plan.AttributeRef(nil), hiddenOf(x.Left)...), hiddenOf(x.Right)...)
	}
	return nil
}

// hiddenBelow lists the hidden columns below a projection, which ORDER BY may reach as it
// reaches the other columns below the select list. An aggregate hides them for good.
func hiddenBelow(n plan.Node) []*plan.AttributeRef {
	if p, ok := n.(*plan.Project); ok {
		return hiddenOf(p.Child)
	}
	return nil
}

// exposeHiddenColumns adds to the USING projections the hidden columns that operators above
// them read, bottom-up, in the plan and in its subqueries. The root keeps its columns.
func exposeHiddenColumns(root plan.Node) plan.Node {
	out := expose(root)
	if before, after := root.Output(), out.Output(); len(before) != len(after) {
		exprs := make([]plan.Expr, len(before))
		for i, a := range before {
			exprs[i] = a
		}
		out = &plan.Project{Child: out, Exprs: exprs}
	}
	return out
}

func expose(n plan.Node) plan.Node {
	children := n.Children()
	if len(children) == 0 {
		return n
	}
	next := make([]plan.Node, len(children))
	changed := false
	for i, c := range children {
		next[i] = expose(c)
		changed = changed || next[i] != c
	}
	// Subquery plans in the node's expressions, in place: they are this plan's copies.
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if q := plan.SubqueryOf(x); q != nil {
				q.Plan = exposeHiddenColumns(q.Plan)
			}
			return true
		})
	}
	for _, id := range missingColumns(n, next) {
		for i, c := range next {
			if r, ok := reveal(c, id); ok {
				next[i] = r
				changed = true
				break
			}
		}
	}
	if !changed {
		return n
	}
	return n.WithChildren(next)
}

// missingColumns lists the attributes n's expressions read that none of its children
// output (a hidden column, or an outer reference's attribute, which reveal ignores).
func missingColumns(n plan.Node, children []plan.Node) []plan.ExprID {
	have := map[plan.ExprID]bool{}
	for _, c := range children {
		for _, a := range c.Output() {
			have[a.ID] = true
		}
	}
	var missing []plan.ExprID
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			switch a := x.(type) {
			case *plan.AttributeRef:
				if !have[a.ID] {
					have[a.ID] = true
					missing = append(missing, a.ID)
				}
			case *plan.OuterRef:
				return false
			}
			return true
		})
	}
	return missing
}

// reveal adds the hidden column id to the output of the USING projection below n that hid
// it, and to the operators in between.
func reveal(n plan.Node, id plan.ExprID) (plan.Node, bool) {
	switch x := n.(type) {
	case *plan.Project:
		hidden := x.Hidden
		if len(hidden) == 0 {
			hidden = hiddenOf(x.Child)
		}
		for _, h := range hidden {
			if h.ID == id {
				m := *x
				if !outputs(x.Child, id) {
					// A column a USING join further down hid: reveal it there first.
					child, ok := reveal(x.Child, id)
					if !ok {
						return n, false
					}
					m.Child = child
				}
				m.Exprs = append(append([]plan.Expr(nil), x.Exprs...), h)
				return &m, true
			}
		}
		return n, false
	case *plan.Filter, *plan.Sort, *plan.Limit, *plan.Offset, *plan.Tail, *plan.Repartition, *plan.Join:
		children := n.Children()
		for i, c := range children {
			if r, ok := reveal(c, id); ok {
				next := append([]plan.Node(nil), children...)
				next[i] = r
				return n.WithChildren(next), true
			}
		}
	}
	return n, false
}

func outputs(n plan.Node, id plan.ExprID) bool {
	for _, o := range n.Output() {
		if o.ID == id {
			return true
		}
	}
	return false
}
