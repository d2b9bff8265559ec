package optimizer

import "github.com/sailgo/sail/sql/plan"

// pruneColumns narrows the file reads and table scans to the columns something above them
// uses, as Spark's ColumnPruning does for scans: a query that reads 3 of lineitem's 16
// columns decodes 3. It walks the plan top-down with the set of attributes the parent
// needs; nodes that consume their child by position or by every column (set operations,
// DISTINCT, renames, recursive unions, unknown nodes) need all of the child's columns. Only
// leaves and projections change: a projection drops the columns nobody above reads.
func pruneColumns(n plan.Node) plan.Node {
	need := idSet{}
	need.addAttrs(n.Output())
	return prune(n, need)
}

// idSet is a set of attribute IDs.
type idSet map[plan.ExprID]bool

func (s idSet) addAttrs(as []*plan.AttributeRef) {
	for _, a := range as {
		s[a.ID] = true
	}
}

// addRefs adds every attribute e references, including those inside the plans of its
// subqueries (their correlated references reach this level).
func (s idSet) addRefs(es ...plan.Expr) {
	for _, e := range es {
		if e == nil {
			continue
		}
		plan.Walk(e, func(x plan.Expr) bool {
			switch y := x.(type) {
			case *plan.AttributeRef:
				s[y.ID] = true
			default:
				if q := plan.SubqueryOf(x); q != nil {
					s.addPlanRefs(q.Plan)
				}
			}
			return true
		})
	}
}

// addPlanRefs adds every attribute any expression of p references.
func (s idSet) addPlanRefs(p plan.Node) {
	s.addRefs(plan.Expressions(p)...)
	for _, c := range p.Children() {
		s.addPlanRefs(c)
	}
}

func (s idSet) with(es ...plan.Expr) idSet {
	out := make(idSet, len(s)+len(es))
	for k := range s {
		out[k] = true
	}
	out.addRefs(es...)
	return out
}

func prune(n plan.Node, need idSet) plan.Node {
	pruneSubqueries(n)
	switch x := n.(type) {
	case *plan.DataSourceRead:
		if m := *x; narrow(&m.Out, &m.Columns, kept(x.Out, need)) {
			return &m
		}
		return x
	case *plan.TableScan:
		if m := *x; narrow(&m.Out, &m.Columns, kept(x.Out, need)) {
			return &m
		}
		return x
	case *plan.Project:
		exprs := neededExprs(x.Exprs, need)
		pruned := plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, idSet{}.with(exprs...)) })
		if len(exprs) == len(x.Exprs) {
			return pruned
		}
		m := *pruned.(*plan.Project)
		m.Exprs = exprs
		return &m
	case *plan.Aggregate:
		child := idSet{}.with(x.Groups...).with(x.Exprs...)
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, child) })
	case *plan.Filter:
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, need.with(x.Cond)) })
	case *plan.Join:
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, need.with(x.Cond)) })
	case *plan.Sort:
		child := need.with()
		for _, o := range x.Orders {
			child.addRefs(o)
		}
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, child) })
	case *plan.Window:
		child := need.with(x.Exprs...).with(x.PartitionBy...)
		for _, o := range x.OrderBy {
			child.addRefs(o)
		}
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, child) })
	case *plan.Repartition:
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, need.with(x.Keys...)) })
	case *plan.Generate:
		if len(x.Unrequired) > 0 { // positions into the child's columns
			break
		}
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, need.with(x.Generator)) })
	case *plan.Limit, *plan.Offset, *plan.Tail, *plan.Sample, *plan.SubqueryAlias, *plan.PlanIDTag:
		return plan.MapNodeChildren(n, func(c plan.Node) plan.Node { return prune(c, need) })
	}
	// Every other node reads all of its children's columns.
	return plan.MapNodeChildren(n, func(c plan.Node) plan.Node {
		all := idSet{}
		all.addAttrs(c.Output())
		all.addRefs(plan.Expressions(n)...)
		return prune(c, all)
	})
}

// neededExprs keeps the projections whose column is needed, or the first one when none is
// (the rows still count).
func neededExprs(exprs []plan.Expr, need idSet) []plan.Expr {
	var keep []plan.Expr
	for _, e := range exprs {
		if a := plan.ToAttribute(e); a.ID == 0 || need[a.ID] {
			keep = append(keep, e)
		}
	}
	if len(keep) == 0 && len(exprs) > 0 {
		keep = exprs[:1]
	}
	return keep
}

// pruneSubqueries prunes, in place, the plans of the subquery expressions n holds (they are
// the analyzer's copies, owned by n); each needs only its own output.
func pruneSubqueries(n plan.Node) {
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if q := plan.SubqueryOf(x); q != nil {
				q.Plan = pruneColumns(q.Plan)
			}
			return true
		})
	}
}

// kept returns the positions of the attributes in need, or the first position when there
// are none (a count(*) still needs the row count, which a zero-column batch of some file
// formats cannot carry); nil when every attribute is kept.
func kept(out []*plan.AttributeRef, need idSet) []int {
	var keep []int
	for i, a := range out {
		if need[a.ID] {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(out) {
		return nil
	}
	if len(keep) == 0 && len(out) > 0 {
		keep = []int{0}
	}
	return keep
}

// narrow keeps the attributes at positions keep of *out and maps *columns (the source's
// column of each attribute; nil: the identity) to match; false when keep is nil.
func narrow(out *[]*plan.AttributeRef, columns *[]int, keep []int) bool {
	if keep == nil {
		return false
	}
	attrs := make([]*plan.AttributeRef, len(keep))
	cols := make([]int, len(keep))
	for i, k := range keep {
		attrs[i] = (*out)[k]
		cols[i] = k
		if *columns != nil {
			cols[i] = (*columns)[k]
		}
	}
	*out, *columns = attrs, cols
	return true
}
