package optimizer

import (
	"math"
	"sort"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Sized is what a relation's data handle (plan.TableScan.Table, plan.DataSourceRead.Handle)
// may report about its size, for join ordering.
type Sized interface {
	SizeInBytes() int64
}

// reorderJoins orders each tree of inner joins (after pushPredicates, so that WHERE
// equalities are join conditions) by estimated rows (orderJoins), avoiding cartesian
// products; each join builds its hash table on the side estimated smaller (the physical
// hash join builds on its right input). A projection restores the tree's column order
// when it changed.
func reorderJoins(n plan.Node) plan.Node {
	j, ok := n.(*plan.Join)
	if ok {
		if pushed, ok := pushSemiJoin(j); ok {
			return reorderJoins(pushed)
		}
	}
	if !ok || !reorderable(j) {
		return plan.MapNodeChildren(n, reorderJoins)
	}
	var leaves []plan.Node
	var conds []plan.Expr
	flattenInner(j, &leaves, &conds)
	for i, l := range leaves {
		leaves[i] = reorderJoins(l)
	}
	out := orderJoins(leaves, conds)
	if !sameAttributes(out.Output(), j.Output()) {
		out = &plan.Project{Child: out, Exprs: attrExprs(j.Output())}
	}
	return out
}

// pushSemiJoin moves a semi or anti join over a tree of inner joins down to the input of
// the tree whose columns its condition reads, as Spark's PushLeftSemiLeftAntiThroughJoin
// does, when its right side is estimated smaller than the tree: the rows it removes then
// take no part in the other joins (TPC-H q18 keeps 57 orders of 1.5 million before joining
// them with the line items). The tree is then ordered with that input filtered.
func pushSemiJoin(j *plan.Join) (plan.Node, bool) {
	switch j.Type {
	case plan.LeftSemiJoin, plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin:
	default:
		return nil, false
	}
	if j.Lateral || j.Cond == nil || !deterministic(j.Cond) {
		return nil, false
	}
	var projs []*plan.Project
	x := j.Left
	for {
		p, ok := x.(*plan.Project)
		if !ok || !onlyAttributes(p.Exprs) {
			break
		}
		projs = append(projs, p)
		x = p.Child
	}
	inner, ok := x.(*plan.Join)
	if !ok || !reorderable(inner) {
		return nil, false
	}
	var leaves []plan.Node
	var conds []plan.Expr
	flattenInner(inner, &leaves, &conds)
	target := -1
	for i, l := range leaves {
		reads := attrSet(l.Output())
		for _, a := range j.Right.Output() {
			reads[a.ID] = true
		}
		if refersOnlyTo(j.Cond, reads) {
			target = i
			break
		}
	}
	if target < 0 || EstimateRows(j.Right) >= EstimateRows(j.Left) {
		return nil, false
	}
	leaves[target] = &plan.Join{Left: leaves[target], Right: j.Right, Type: j.Type, Cond: j.Cond}
	var tree plan.Node = leaves[0]
	for i, l := range leaves[1:] {
		var cond plan.Expr
		if i == len(leaves)-2 {
			cond = plan.And(conds)
		}
		tree = &plan.Join{Left: tree, Right: l, Type: plan.InnerJoin, Cond: cond}
	}
	for i := len(projs) - 1; i >= 0; i-- {
		tree = &plan.Project{Child: tree, Exprs: projs[i].Exprs}
	}
	return tree, true
}

// onlyAttributes reports whether exprs are plain column references.
func onlyAttributes(exprs []plan.Expr) bool {
	for _, e := range exprs {
		if _, ok := e.(*plan.AttributeRef); !ok {
			return false
		}
	}
	return true
}

// reorderable reports whether j is an inner join whose inputs may be joined in any order.
func reorderable(j *plan.Join) bool {
	return (j.Type == plan.InnerJoin || j.Type == plan.CrossJoin) && !j.Lateral && deterministic(condOrTrue(j.Cond))
}

func condOrTrue(c plan.Expr) plan.Expr {
	if c == nil {
		return &plan.Literal{Value: true}
	}
	return c
}

// flattenInner lists the inputs of a tree of inner joins, left to right, and their
// conditions.
func flattenInner(n plan.Node, leaves *[]plan.Node, conds *[]plan.Expr) {
	if j, ok := n.(*plan.Join); ok && reorderable(j) {
		flattenInner(j.Left, leaves, conds)
		flattenInner(j.Right, leaves, conds)
		*conds = append(*conds, plan.Conjuncts(j.Cond)...)
		return
	}
	*leaves = append(*leaves, n)
}

// orderJoins orders the joins greedily (Greedy Operator Ordering): of the pairs of
// relations an unused equality connects, it joins the one whose join is estimated
// smallest, until one relation is left; relations no equality connects are then joined
// in query order. Each condition goes to the first join where all its columns are
// present, and each join builds its hash table on the input estimated smaller. Small
// filtered relations (dimensions) are thus joined first and the large ones probe the
// result, rather than the large ones being built into hash tables.
func orderJoins(leaves []plan.Node, conds []plan.Expr) plan.Node {
	origins := map[plan.ExprID]float64{}
	comp := &compositeKeys{rels: map[plan.ExprID]plan.Node{}}
	trees := make([]*joinTree, len(leaves))
	for i, l := range leaves {
		collectOrigins(l, origins)
		collectRelations(l, comp.rels)
		trees[i] = &joinTree{node: l, rows: EstimateRows(l), attrs: attrSet(l.Output())}
	}
	boundByEquivalence(conds, origins)
	conds, inferred := withInferredEqualities(conds)
	comp.class, _ = equalColumns(conds)
	// applied groups the columns the joins made so far equate.
	applied := map[plan.ExprID]plan.ExprID{}
	var root func(plan.ExprID) plan.ExprID
	root = func(x plan.ExprID) plan.ExprID {
		p, ok := applied[x]
		if !ok || p == x {
			return x
		}
		r := root(p)
		applied[x] = r
		return r
	}
	used := make([]bool, len(conds))
	for len(trees) > 1 {
		bi, bj := -1, -1
		best := math.Inf(1)
		for i := range trees {
			for j := i + 1; j < len(trees); j++ {
				d, ok := joinDenominatorWith(conds, used, trees[i], trees[j], origins, comp)
				if !ok {
					continue
				}
				if est := trees[i].rows * trees[j].rows / d; est < best {
					bi, bj, best = i, j, est
				}
			}
		}
		if bi < 0 {
			bi, bj, best = 0, 1, trees[0].rows*trees[1].rows
		}
		a, b := trees[bi], trees[bj]
		both := make(map[plan.ExprID]bool, len(a.attrs)+len(b.attrs))
		for id := range a.attrs {
			both[id] = true
		}
		for id := range b.attrs {
			both[id] = true
		}
		var on []plan.Expr
		rows := best
		// The query's conditions first, then the inferred equalities; an equality of
		// columns the join's other conditions already equate is left out.
		for pass := range 2 {
			for k, c := range conds {
				if used[k] || inferred[k] != (pass == 1) || !refersOnlyTo(c, both) {
					continue
				}
				used[k] = true
				if l, r, ok := columnEquality(c); ok {
					x, y := root(l.ID), root(r.ID)
					if x == y {
						continue
					}
					applied[x] = y
				} else if inferred[k] {
					continue
				}
				on = append(on, c)
				if !isEquality(c) {
					rows *= selectivity(c)
				}
			}
		}
		left, right := a, b
		if left.rows < right.rows {
			left, right = right, left
		}
		joined := &joinTree{node: &plan.Join{Left: left.node, Right: right.node, Type: plan.InnerJoin, Cond: plan.And(on)},
			rows: math.Max(rows, 1), attrs: both}
		trees[bi] = joined
		trees = append(trees[:bj], trees[bj+1:]...)
	}
	cur := trees[0].node
	var rest []plan.Expr
	for k, c := range conds {
		if !used[k] && !inferred[k] {
			rest = append(rest, c)
		}
	}
	if len(rest) > 0 {
		if j, ok := cur.(*plan.Join); ok {
			m := *j
			m.Cond = plan.And(append(plan.Conjuncts(j.Cond), rest...))
			return &m
		}
		return &plan.Filter{Child: cur, Cond: plan.And(rest)}
	}
	return cur
}

// withInferredEqualities adds to conds the equalities between columns that the
// equalities of conds make equal through others (a = b and b = c give a = c), so that
// relations that share a key only through a third one can be joined first (TPC-H q9's
// part and partsupp, both equal to the line items' part key). inferred marks the added
// conditions, which a join takes only when no condition of the query equates the same
// columns of its inputs.
func withInferredEqualities(conds []plan.Expr) (out []plan.Expr, inferred []bool) {
	_, members := equalColumns(conds)
	out = conds
	inferred = make([]bool, len(conds))
	have := map[[2]plan.ExprID]bool{}
	for _, c := range conds {
		if l, r, ok := columnEquality(c); ok {
			have[[2]plan.ExprID{l.ID, r.ID}], have[[2]plan.ExprID{r.ID, l.ID}] = true, true
		}
	}
	for _, ms := range sortedClasses(members) {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if !have[[2]plan.ExprID{ms[i].ID, ms[j].ID}] {
					out = append(out, equal(ms[i], ms[j]))
					inferred = append(inferred, true)
				}
			}
		}
	}
	return out, inferred
}

// sortedClasses lists the classes of equal columns in a fixed order (by their first
// column's ID), each class's columns by ID.
func sortedClasses(members map[plan.ExprID][]*plan.AttributeRef) [][]*plan.AttributeRef {
	var out [][]*plan.AttributeRef
	for _, ms := range members {
		if len(ms) < 3 {
			continue // two columns: their own equality is there
		}
		sorted := append([]*plan.AttributeRef(nil), ms...)
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
		out = append(out, sorted)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0].ID < out[j][0].ID })
	return out
}

// columnEquality returns the two columns of an equality between columns of the same
// type.
func columnEquality(c plan.Expr) (*plan.AttributeRef, *plan.AttributeRef, bool) {
	call, ok := c.(*plan.Call)
	if !ok || call.Fn != "=" || len(call.Args) != 2 {
		return nil, nil, false
	}
	l, lok := call.Args[0].(*plan.AttributeRef)
	r, rok := call.Args[1].(*plan.AttributeRef)
	if !lok || !rok || l.ID == r.ID || !types.Equal(l.Type, r.Type) {
		return nil, nil, false
	}
	return l, r, true
}

// equalColumns groups the columns that equalities of conds make equal: find gives a
// column's class, members each class's columns.
func equalColumns(conds []plan.Expr) (func(plan.ExprID) plan.ExprID, map[plan.ExprID][]*plan.AttributeRef) {
	parent := map[plan.ExprID]plan.ExprID{}
	attrs := map[plan.ExprID]*plan.AttributeRef{}
	var find func(plan.ExprID) plan.ExprID
	find = func(x plan.ExprID) plan.ExprID {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, c := range conds {
		l, r, ok := columnEquality(c)
		if !ok {
			continue
		}
		for _, a := range []*plan.AttributeRef{l, r} {
			if _, ok := parent[a.ID]; !ok {
				parent[a.ID] = a.ID
				attrs[a.ID] = a
			}
		}
		if a, b := find(l.ID), find(r.ID); a != b {
			parent[a] = b
		}
	}
	members := map[plan.ExprID][]*plan.AttributeRef{}
	for id, a := range attrs {
		root := find(id)
		members[root] = append(members[root], a)
	}
	return find, members
}

// isEquality reports whether c is an equality (or null-safe equality) of two operands.
func isEquality(c plan.Expr) bool {
	call, ok := c.(*plan.Call)
	return ok && (call.Fn == "=" || call.Fn == "<=>") && len(call.Args) == 2
}

// boundByEquivalence lowers the distinct-value bound of each column that equalities of
// conds make equal to others to the smallest bound among them: after the joins, a
// customer's and a supplier's nation key take at most as many values as the nation
// table has rows, which makes joining customers to suppliers on it estimated as large as
// it is.
func boundByEquivalence(conds []plan.Expr, origins map[plan.ExprID]float64) {
	_, members := equalColumns(conds)
	for _, ms := range members {
		least, found := 0.0, false
		for _, a := range ms {
			if rows, ok := origins[a.ID]; ok && (!found || rows < least) {
				least, found = rows, true
			}
		}
		if found {
			for _, a := range ms {
				origins[a.ID] = least
			}
		}
	}
}
