package optimizer

import "github.com/sailgo/sail/sql/plan"

// reduceAggregateInputs filters the input of an aggregate that a join matches on its
// grouping columns down to the rows whose key can find a partner: a group whose key the
// other side never has is computed only to be dropped by the join. The decorrelated
// subqueries of TPC-H q2, q17 and q20 are such joins: each aggregates a large table by
// part key for the few parts the outer query selects. The filter is a semi join with a
// small relation that holds every key value of the other side: a table read (with its
// filters) that the other side's key column comes from, or equals through the other
// side's joins. The read is planned again for the semi join, with columns of its own.
//
// The rows of a group are kept or dropped together, so the groups that remain have the
// values they had, and the join pairs them as before (inner, left outer with the
// aggregate on the right, left semi). DuckDB's decorrelation reaches the same plans
// through its delim joins.
func reduceAggregateInputs(n plan.Node) plan.Node {
	n = plan.MapNodeChildren(n, reduceAggregateInputs)
	j, ok := n.(*plan.Join)
	if !ok || j.Lateral || j.Cond == nil {
		return n
	}
	switch j.Type {
	case plan.InnerJoin, plan.LeftOuterJoin, plan.LeftSemiJoin:
	default:
		return n
	}
	if right, ok := reduceAggregateSide(j.Right, j.Left, j.Cond); ok {
		m := *j
		m.Right = right
		return &m
	}
	if j.Type == plan.InnerJoin {
		if left, ok := reduceAggregateSide(j.Left, j.Right, j.Cond); ok {
			m := *j
			m.Left = left
			return &m
		}
	}
	return n
}

// reduceAggregateThreshold is how much smaller than the aggregate's input the relation of
// keys must be estimated for the semi join to be worth it.
const reduceAggregateThreshold = 4

// reduceAggregateSide returns side with its aggregate's input semi-joined with the keys
// of other, when side is an aggregate (under projections, filters and aliases) that cond
// matches on a grouping column.
func reduceAggregateSide(side, other plan.Node, cond plan.Expr) (plan.Node, bool) {
	agg, rebuild := findAggregate(side)
	if agg == nil || len(agg.GroupingSets) > 0 || len(agg.Groups) == 0 {
		return nil, false
	}
	groups := map[plan.ExprID]*plan.AttributeRef{}
	for _, g := range agg.Groups {
		if a, ok := g.(*plan.AttributeRef); ok {
			groups[a.ID] = a
		}
	}
	childOut := attrSet(agg.Child.Output())
	otherOut := attrSet(other.Output())
	var bestKey *plan.AttributeRef
	var best *keySource
	for _, c := range plan.Conjuncts(cond) {
		call, ok := c.(*plan.Call)
		if !ok || call.Fn != "=" || len(call.Args) != 2 {
			continue
		}
		a, aok := call.Args[0].(*plan.AttributeRef)
		b, bok := call.Args[1].(*plan.AttributeRef)
		if !aok || !bok {
			continue
		}
		if _, ok := groups[a.ID]; !ok {
			a, b = b, a
		}
		g, ok := groups[a.ID]
		if !ok || !childOut[g.ID] || !otherOut[b.ID] {
			continue
		}
		var found []keySource
		keySources(other, b.ID, &found, 0)
		for i := range found {
			if best == nil || found[i].rows < best.rows {
				best, bestKey = &found[i], g
			}
		}
	}
	if best == nil || best.rows*reduceAggregateThreshold > EstimateRows(agg.Child) {
		return nil, false
	}
	ids := map[plan.ExprID]*plan.AttributeRef{}
	keys, ok := cloneRead(best.node, ids)
	if !ok {
		return nil, false
	}
	key, ok := ids[best.attr]
	if !ok {
		return nil, false
	}
	m := *agg
	m.Child = &plan.Join{Left: agg.Child, Right: keys, Type: plan.LeftSemiJoin, Cond: equal(bestKey, key)}
	return rebuild(&m), true
}

// findAggregate finds the aggregate under projections, filters and aliases, and returns
// a function that puts a replacement of it back under them.
func findAggregate(n plan.Node) (*plan.Aggregate, func(plan.Node) plan.Node) {
	switch x := n.(type) {
	case *plan.Aggregate:
		return x, func(r plan.Node) plan.Node { return r }
	case *plan.Project, *plan.Filter, *plan.SubqueryAlias:
		agg, rebuild := findAggregate(n.Children()[0])
		if agg == nil {
			return nil, nil
		}
		return agg, func(r plan.Node) plan.Node { return n.WithChildren([]plan.Node{rebuild(r)}) }
	}
	return nil, nil
}

// keySource is a table read (under filters) whose column attr holds every value that a
// key column takes in the plan it was found from.
type keySource struct {
	node plan.Node
	attr plan.ExprID
	rows float64
}

// keySources lists the reads that hold every non-NULL value column id takes in n's
// output: the read the column comes from, through filters, projections and joins, and
// through a join's equalities the reads of the columns it equals.
func keySources(n plan.Node, id plan.ExprID, out *[]keySource, depth int) {
	if depth > 16 {
		return
	}
	if isRead(n) {
		*out = append(*out, keySource{node: n, attr: id, rows: EstimateRows(n)})
		return
	}
	switch x := n.(type) {
	case *plan.Filter:
		keySources(x.Child, id, out, depth+1)
	case *plan.SubqueryAlias:
		keySources(x.Child, id, out, depth+1)
	case *plan.Project:
		for _, e := range x.Exprs {
			switch a := e.(type) {
			case *plan.AttributeRef:
				if a.ID == id {
					keySources(x.Child, id, out, depth+1)
				}
			case *plan.Alias:
				if r, ok := a.Child.(*plan.AttributeRef); ok && a.ID == id {
					keySources(x.Child, r.ID, out, depth+1)
				}
			}
		}
	case *plan.Join:
		if x.Lateral {
			return
		}
		left, right := attrSet(x.Left.Output()), attrSet(x.Right.Output())
		inLeft, inRight := left[id], right[id]
		switch x.Type {
		case plan.InnerJoin, plan.CrossJoin, plan.LeftOuterJoin, plan.RightOuterJoin, plan.FullOuterJoin:
			// Non-NULL values of a padded side still come from that side.
			if inLeft {
				keySources(x.Left, id, out, depth+1)
			}
			if inRight {
				keySources(x.Right, id, out, depth+1)
			}
		case plan.LeftSemiJoin, plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin:
			if inLeft {
				keySources(x.Left, id, out, depth+1)
			}
		}
		// Rows that pass an equality have equal values on both sides: the other side's
		// column holds them too (not for the sides an outer join pads, nor for anti joins).
		if x.Type != plan.InnerJoin && x.Type != plan.CrossJoin && x.Type != plan.LeftSemiJoin {
			return
		}
		for _, c := range plan.Conjuncts(x.Cond) {
			call, ok := c.(*plan.Call)
			if !ok || call.Fn != "=" || len(call.Args) != 2 {
				continue
			}
			a, aok := call.Args[0].(*plan.AttributeRef)
			b, bok := call.Args[1].(*plan.AttributeRef)
			if !aok || !bok {
				continue
			}
			if b.ID == id {
				a, b = b, a
			}
			if a.ID != id {
				continue
			}
			switch {
			case inLeft && right[b.ID]:
				keySources(x.Right, b.ID, out, depth+1)
			case inRight && left[b.ID] && x.Type != plan.LeftSemiJoin:
				keySources(x.Left, b.ID, out, depth+1)
			}
		}
	}
}

// isRead reports whether n is a table or file read under deterministic filters, aliases
// and projections of columns: what cloneRead can copy.
func isRead(n plan.Node) bool {
	switch x := n.(type) {
	case *plan.TableScan, *plan.DataSourceRead:
		return true
	case *plan.Filter:
		return deterministic(x.Cond) && isRead(x.Child)
	case *plan.SubqueryAlias:
		return isRead(x.Child)
	case *plan.Project:
		return onlyAttributes(x.Exprs) && isRead(x.Child)
	}
	return false
}

// cloneRead copies a read (isRead) with new IDs for its columns, recording the copy of
// each column in ids.
func cloneRead(n plan.Node, ids map[plan.ExprID]*plan.AttributeRef) (plan.Node, bool) {
	fresh := func(out []*plan.AttributeRef) []*plan.AttributeRef {
		c := make([]*plan.AttributeRef, len(out))
		for i, a := range out {
			b := *a
			b.ID = plan.NewExprID()
			ids[a.ID] = &b
			c[i] = &b
		}
		return c
	}
	remap := func(e plan.Expr) plan.Expr {
		r, _ := plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
			if a, ok := x.(*plan.AttributeRef); ok {
				if b, ok := ids[a.ID]; ok {
					return b, nil
				}
			}
			return x, nil
		})
		return r
	}
	switch x := n.(type) {
	case *plan.TableScan:
		c := *x
		c.Out = fresh(x.Out)
		return &c, true
	case *plan.DataSourceRead:
		c := *x
		c.Out = fresh(x.Out)
		return &c, true
	case *plan.Filter:
		child, ok := cloneRead(x.Child, ids)
		if !ok || !deterministic(x.Cond) {
			return nil, false
		}
		return &plan.Filter{Child: child, Cond: remap(x.Cond), Having: x.Having}, true
	case *plan.SubqueryAlias:
		child, ok := cloneRead(x.Child, ids)
		if !ok {
			return nil, false
		}
		return &plan.SubqueryAlias{Child: child, Alias: x.Alias}, true
	case *plan.Project:
		child, ok := cloneRead(x.Child, ids)
		if !ok || !onlyAttributes(x.Exprs) {
			return nil, false
		}
		exprs := make([]plan.Expr, len(x.Exprs))
		for i, e := range x.Exprs {
			exprs[i] = remap(e)
		}
		return &plan.Project{Child: child, Exprs: exprs}, true
	}
	return nil, false
}
