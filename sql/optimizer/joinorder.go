package optimizer

import (
	"math"

	"github.com/sailgo/sail/sql/plan"
)

// Sized is what a relation's data handle (plan.TableScan.Table, plan.DataSourceRead.Handle)
// may report about its size, for join ordering.
type Sized interface {
	SizeInBytes() int64
}

// reorderJoins orders each tree of inner joins (after pushPredicates, so that WHERE
// equalities are join conditions) to avoid cartesian products: the relations are taken in
// the query's order, except that the next one is always the first that an equality joins
// to those already joined, when there is one. Then each join builds its hash table on the
// side estimated smaller (the physical hash join builds on its right input). A projection
// restores the tree's column order when it changed.
func reorderJoins(n plan.Node) plan.Node {
	j, ok := n.(*plan.Join)
	if !ok || !reorderable(j) {
		return withChildren(n, reorderJoins)
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

// orderJoins joins the leaves in query order, preferring at each step the first leaf an
// equality connects to the joined set, and attaches each condition to the first join
// where all its columns are present.
func orderJoins(leaves []plan.Node, conds []plan.Expr) plan.Node {
	used := make([]bool, len(conds))
	taken := make([]bool, len(leaves))
	cur := leaves[0]
	taken[0] = true
	curSet := attrSet(cur.Output())
	for range len(leaves) - 1 {
		next := -1
		for i, l := range leaves {
			if !taken[i] && connects(conds, used, curSet, attrSet(l.Output())) {
				next = i
				break
			}
		}
		if next < 0 {
			for i := range leaves {
				if !taken[i] {
					next = i
					break
				}
			}
		}
		taken[next] = true
		right := leaves[next]
		both := attrSet(right.Output())
		for id := range curSet {
			both[id] = true
		}
		var on []plan.Expr
		for k, c := range conds {
			if !used[k] && refersOnlyTo(c, both) {
				on = append(on, c)
				used[k] = true
			}
		}
		cur = buildSmaller(cur, right, plan.And(on))
		curSet = both
	}
	var rest []plan.Expr
	for k, c := range conds {
		if !used[k] {
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

// connects reports whether an unused equality reads one side from a and the other from b.
func connects(conds []plan.Expr, used []bool, a, b map[plan.ExprID]bool) bool {
	for k, c := range conds {
		if used[k] {
			continue
		}
		call, ok := c.(*plan.Call)
		if !ok || (call.Fn != "=" && call.Fn != "<=>") || len(call.Args) != 2 {
			continue
		}
		l, r := call.Args[0], call.Args[1]
		if (refersOnlyTo(l, a) && refersOnlyTo(r, b)) || (refersOnlyTo(l, b) && refersOnlyTo(r, a)) {
			return true
		}
	}
	return false
}

// buildSmaller joins left and right with the side estimated smaller on the right, where
// the hash join builds its table.
func buildSmaller(left, right plan.Node, cond plan.Expr) plan.Node {
	if estimateSize(left) < estimateSize(right) {
		left, right = right, left
	}
	return &plan.Join{Left: left, Right: right, Type: plan.InnerJoin, Cond: cond}
}

// unknownSize is the estimate for a relation whose size is unknown: large, so that it is
// probed rather than built.
const unknownSize = float64(1 << 40)

// estimateSize guesses a plan's output size in bytes: the data's size, reduced by
// filters (a tenth for an equality with a constant, half for another condition), grown by
// cartesian products; an equi-join is as large as its larger input.
func estimateSize(n plan.Node) float64 {
	switch x := n.(type) {
	case *plan.TableScan:
		if s, ok := x.Table.(Sized); ok {
			return float64(s.SizeInBytes())
		}
		return unknownSize
	case *plan.DataSourceRead:
		if s, ok := x.Handle.(Sized); ok {
			return float64(s.SizeInBytes())
		}
		return unknownSize
	case *plan.LocalData:
		size := 0.0
		for _, b := range x.Batches {
			size += float64(b.NumRows()) * float64(b.NumCols()) * 8
		}
		return size
	case *plan.Values:
		return float64(len(x.Rows)) * 64
	case plan.OneRow:
		return 1
	case *plan.Filter:
		size := estimateSize(x.Child)
		for _, c := range plan.Conjuncts(x.Cond) {
			if isConstantEquality(c) {
				size /= 10
			} else {
				size /= 2
			}
		}
		return math.Max(size, 1)
	case *plan.Aggregate:
		if len(x.Groups) == 0 {
			return 1
		}
		return math.Max(estimateSize(x.Child)/10, 1)
	case *plan.Join:
		l, r := estimateSize(x.Left), estimateSize(x.Right)
		switch {
		case x.Type == plan.LeftSemiJoin || x.Type == plan.LeftAntiJoin || x.Type == plan.NullAwareLeftAntiJoin:
			return l
		case x.Cond == nil:
			return math.Min(l*r, unknownSize)
		}
		return math.Max(l, r)
	case *plan.Limit:
		return estimateSize(x.Child)
	}
	children := n.Children()
	if len(children) == 0 {
		return unknownSize
	}
	size := 0.0
	for _, c := range children {
		size += estimateSize(c)
	}
	return size
}

// isConstantEquality reports whether c is column = constant.
func isConstantEquality(c plan.Expr) bool {
	call, ok := c.(*plan.Call)
	if !ok || call.Fn != "=" || len(call.Args) != 2 {
		return false
	}
	return readsAny(call.Args[0]) != readsAny(call.Args[1])
}
