package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"strconv"

	"fmt"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// relational plans the operators that move or combine rows: sorts, aggregates, joins,
// set operations.
func (p *planner) relational(n plan.Node) (physical.ExecutionPlan, error) {
	switch n := n.(type) {
	case *plan.Sort:
		return p.sort(n, -1)
	case *plan.Offset:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		v, _ := n.N.(*plan.Literal).Value.(int64)
		return physical.NewLimitOffset(child, -1, v), nil
	case *plan.Aggregate:
		return p.aggregate(n)
	case *plan.Distinct:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		return p.distinct(child, n.Child.Output())
	case *plan.Deduplicate:
		return p.aggregate(deduplicateAggregate(n))
	case *plan.Tail:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		v, _ := n.N.(*plan.Literal).Value.(int64)
		return physical.NewTail(child, v), nil
	case *plan.Join:
		return p.join(n)
	case *plan.Window:
		return p.window(n)
	case *plan.SetOp:
		return p.setOp(n)
	case *plan.Sample:
		return p.sample(n)
	case *plan.Repartition:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		parts := n.N
		if parts <= 0 {
			parts = max(1, p.opts.ShufflePartitions)
		}
		if len(n.Keys) == 0 {
			return physical.NewRoundRobin(child, parts), nil
		}
		keys, err := p.exprs(n.Keys, layoutOf(n.Child.Output()))
		if err != nil {
			return nil, err
		}
		for i, k := range keys {
			// Equal maps must land in one partition whatever their entry order.
			if keys[i], err = sortedMapKey(k, plan.TypeOf(n.Keys[i])); err != nil {
				return nil, err
			}
		}
		return physical.NewRepartition(child, keys, parts)
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("running the plan node %T", n))
}

// limit plans LIMIT, as a top-k when it sits on a global sort.
func (p *planner) limit(n *plan.Limit) (physical.ExecutionPlan, error) {
	v, _ := n.N.(*plan.Literal).Value.(int64)
	if s, ok := n.Child.(*plan.Sort); ok && s.Global {
		return p.sort(s, v)
	}
	if o, ok := n.Child.(*plan.Offset); ok {
		child, err := p.node(o.Child)
		if err != nil {
			return nil, err
		}
		off, _ := o.N.(*plan.Literal).Value.(int64)
		return physical.NewLimitOffset(child, v, off), nil
	}
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	return physical.NewLimit(child, v), nil
}

func (p *planner) sort(n *plan.Sort, fetch int64) (physical.ExecutionPlan, error) {
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	in := layoutOf(n.Child.Output())
	keys := make([]physical.SortKey, len(n.Orders))
	for i, o := range n.Orders {
		x, err := p.expr(o.Child, in)
		if err != nil {
			return nil, err
		}
		if x, err = collationKey(x, plan.TypeOf(o.Child)); err != nil {
			return nil, err
		}
		keys[i] = physical.SortKey{Expr: x, Descending: o.Descending, NullsFirst: o.NullsFirst}
	}
	return physical.NewSort(child, keys, fetch)
}

// distinct groups by every column.
func (p *planner) distinct(child physical.ExecutionPlan, out []*plan.AttributeRef) (physical.ExecutionPlan, error) {
	if d, ok, err := p.collatedDistinct(child, out); ok {
		return d, err
	}
	groups := make([]expr.Expr, len(out))
	names := make([]string, len(out))
	for i, a := range out {
		c, err := expr.NewColumn(i, a.Type)
		if err != nil {
			return nil, err
		}
		groups[i], names[i] = c, a.Name
	}
	return physical.NewAggregate(child, groups, names, nil, p.aggregatePartitions())
}

// aggregate plans Aggregate: a hash aggregate computing the grouping keys and each
// distinct aggregate call, then a projection of the select list over them.
func (p *planner) aggregate(n *plan.Aggregate) (physical.ExecutionPlan, error) {
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	in := layoutOf(n.Child.Output())
	var groupExprs []expr.Expr
	var names []string
	var mid []*plan.AttributeRef // the hash aggregate's output: keys, then aggregates
	byKey := map[string]*plan.AttributeRef{}
	var collated collatedGroups
	if n.GroupingSets != nil {
		var keys []groupingKey
		if child, keys, err = p.expandGroupingSets(n, child); err != nil {
			return nil, err
		}
		for _, k := range keys {
			if k.col, err = sortedMapKey(k.col, k.attr.Type); err != nil {
				return nil, err
			}
			if key, hidden, ok, err := collated.add(k.col, k.attr); ok {
				if err != nil {
					return nil, err
				}
				groupExprs, names, mid = append(groupExprs, key), append(names, k.attr.Name), append(mid, hidden)
			} else {
				groupExprs = append(groupExprs, k.col)
				names = append(names, k.attr.Name)
				mid = append(mid, k.attr)
			}
			if k.key != "" {
				byKey[k.key] = k.attr
			}
		}
	}
	for _, g := range n.Groups {
		if n.GroupingSets != nil {
			break
		}
		k := plan.SemanticKey(g)
		if _, dup := byKey[k]; dup {
			continue
		}
		x, err := p.expr(g, in)
		if err != nil {
			return nil, err
		}
		at := &plan.AttributeRef{Name: g.String(), Type: plan.TypeOf(g), Null: plan.NullableOf(g), ID: plan.NewExprID()}
		if x, err = sortedMapKey(x, at.Type); err != nil {
			return nil, err
		}
		if key, hidden, ok, err := collated.add(x, at); ok {
			if err != nil {
				return nil, err
			}
			groupExprs, names, mid = append(groupExprs, key), append(names, at.Name), append(mid, hidden)
			byKey[k] = at
			continue
		}
		groupExprs = append(groupExprs, x)
		names = append(names, at.Name)
		mid = append(mid, at)
		byKey[k] = at
	}
	var calls []aggregate.Call
	for _, e := range n.Exprs {
		var werr error
		plan.Walk(e, func(x plan.Expr) bool {
			ac, ok := x.(*plan.AggregateCall)
			if !ok || werr != nil {
				return werr == nil
			}
			k := plan.SemanticKey(ac)
			if _, seen := byKey[k]; seen {
				return false
			}
			call, err := p.aggregateCall(ac, in)
			if err != nil {
				werr = err
				return false
			}
			calls = append(calls, call)
			at := &plan.AttributeRef{Name: ac.String(), Type: ac.Type, Null: ac.Null, ID: plan.NewExprID()}
			mid = append(mid, at)
			byKey[k] = at
			return false
		})
		if werr != nil {
			return nil, werr
		}
	}
	calls, mid = collated.finish(calls, mid)
	agg, err := physical.NewAggregate(child, groupExprs, names, calls, p.aggregatePartitions())
	if err != nil {
		return nil, err
	}
	// Rewrite the select list over the aggregate's output.
	exprs := make([]plan.Expr, len(n.Exprs))
	for i, e := range n.Exprs {
		r, err := replaceKnown(e, byKey)
		if err != nil {
			return nil, err
		}
		exprs[i] = r
	}
	return p.project(seededAggregateOutput(agg, exprs), mid, exprs, n.Output())
}

// replaceKnown replaces sub-expressions that the aggregate computes by its columns.
func replaceKnown(e plan.Expr, byKey map[string]*plan.AttributeRef) (plan.Expr, error) {
	if al, ok := e.(*plan.Alias); ok {
		c, err := replaceKnown(al.Child, byKey)
		if err != nil {
			return nil, err
		}
		return &plan.Alias{Child: c, Name: al.Name, ID: al.ID, Metadata: al.Metadata}, nil
	}
	if at, ok := byKey[plan.SemanticKey(e)]; ok {
		return at, nil
	}
	ch := e.Children()
	if len(ch) == 0 {
		return e, nil
	}
	nch := make([]plan.Expr, len(ch))
	for i, c := range ch {
		r, err := replaceKnown(c, byKey)
		if err != nil {
			return nil, err
		}
		nch[i] = r
	}
	return e.WithChildren(nch), nil
}

// aggregateArgs are an aggregate's arguments as the physical functions take them: Args,
// then for each WITHIN GROUP key its expression and a constant INT of ordering flags.
func aggregateArgs(ac *plan.AggregateCall) []plan.Expr {
	if len(ac.WithinGroup) == 0 {
		return ac.Args
	}
	out := append([]plan.Expr(nil), ac.Args...)
	for _, o := range ac.WithinGroup {
		var flags int32
		if o.Descending {
			flags |= aggregate.OrderDescending
		}
		if o.NullsFirst {
			flags |= aggregate.OrderNullsFirst
		}
		out = append(out, o.Child, &plan.Literal{Type: types.Integer, Value: flags, Text: strconv.Itoa(int(flags))})
	}
	return out
}

func (p *planner) aggregateCall(ac *plan.AggregateCall, in layout) (aggregate.Call, error) {
	allArgs := aggregateArgs(ac)
	args, err := p.exprs(allArgs, in)
	if err != nil {
		return aggregate.Call{}, err
	}
	inTypes := make([]types.DataType, len(allArgs))
	for i, a := range allArgs {
		inTypes[i] = plan.TypeOf(a)
	}
	if args, inTypes, err = collationAggregateArgs(ac, args, inTypes); err != nil {
		return aggregate.Call{}, err
	}
	// WITHIN GROUP keys of a non-default collation sort by their collation keys.
	for k, o := range ac.WithinGroup {
		i := len(ac.Args) + 2*k
		if keyCollation(plan.TypeOf(o.Child)) == "" {
			continue
		}
		if args[i], err = collationKey(args[i], plan.TypeOf(o.Child)); err != nil {
			return aggregate.Call{}, err
		}
		inTypes[i] = types.String
		if args[i].DataType().ID() == arrow.BINARY {
			inTypes[i] = types.Binary
		}
	}
	call := aggregate.Call{Fn: ac.Fn, Args: args, Distinct: ac.Distinct, InputTypes: inTypes,
		ResultType: ac.Type, IgnoreNulls: ac.IgnoreNulls, ANSI: ac.ANSI || p.opts.ANSI}
	if ac.Filter != nil {
		if call.Filter, err = p.expr(ac.Filter, in); err != nil {
			return aggregate.Call{}, err
		}
	}
	return call, nil
}

var joinTypes = map[plan.JoinType]physical.JoinType{
	plan.InnerJoin: physical.InnerJoin, plan.CrossJoin: physical.InnerJoin, plan.LeftOuterJoin: physical.LeftOuterJoin,
	plan.RightOuterJoin: physical.RightOuterJoin, plan.FullOuterJoin: physical.FullOuterJoin,
	plan.LeftSemiJoin: physical.LeftSemiJoin, plan.LeftAntiJoin: physical.LeftAntiJoin,
	plan.NullAwareLeftAntiJoin: physical.NullAwareLeftAntiJoin, plan.ExistenceJoin: physical.ExistenceJoin,
	plan.LeftSingleJoin: physical.LeftSingleJoin,
}

// join plans a join: equalities between the two sides become hash join keys, the rest
// of the condition a filter over the joined row.
func (p *planner) join(n *plan.Join) (physical.ExecutionPlan, error) {
	if n.Lateral {
		return nil, sparkerror.NotImplemented("running LATERAL joins")
	}
	left, err := p.node(n.Left)
	if err != nil {
		return nil, err
	}
	right, err := p.node(n.Right)
	if err != nil {
		return nil, err
	}
	lo, ro := n.Left.Output(), n.Right.Output()
	lin, rin := layoutOf(lo), layoutOf(ro)
	var lkeys, rkeys []expr.Expr
	var nullSafe []bool
	var rest []plan.Expr
	for _, c := range plan.Conjuncts(n.Cond) {
		call, ok := c.(*plan.Call)
		if ok && (call.Fn == "=" || call.Fn == "<=>") {
			l, r := call.Args[0], call.Args[1]
			if refersOnly(r, lin) && refersOnly(l, rin) {
				l, r = r, l
			}
			if refersOnly(l, lin) && refersOnly(r, rin) {
				lx, err := p.expr(l, lin)
				if err != nil {
					return nil, err
				}
				rx, err := p.expr(r, rin)
				if err != nil {
					return nil, err
				}
				if lx, rx, err = collationKeyPair(lx, rx, plan.TypeOf(l)); err != nil {
					return nil, err
				}
				lkeys, rkeys = append(lkeys, lx), append(rkeys, rx)
				nullSafe = append(nullSafe, call.Fn == "<=>")
				continue
			}
		}
		rest = append(rest, c)
	}
	jt := joinTypes[n.Type]
	// The hash join builds on its right input; swap the inputs when the left one is
	// estimated smaller and the join type has a mirror image.
	swap := false
	if mirror, ok := mirroredJoins[jt]; ok && len(lkeys) > 0 {
		if optimizer.EstimateRows(n.Left) < optimizer.EstimateRows(n.Right) {
			swap, jt = true, mirror
		}
	}
	both := layoutOf(append(append([]*plan.AttributeRef(nil), lo...), ro...))
	if swap {
		both = layoutOf(append(append([]*plan.AttributeRef(nil), ro...), lo...))
	}
	var filter expr.Expr
	if len(rest) > 0 {
		if filter, err = p.expr(plan.And(rest), both); err != nil {
			return nil, err
		}
	}
	if len(lkeys) == 0 {
		return physical.NewNestedLoopJoin(left, right, jt, filter)
	}
	if !swap {
		return physical.NewHashJoin(left, right, lkeys, rkeys, nullSafe, jt, filter)
	}
	j, err := physical.NewHashJoin(right, left, rkeys, lkeys, nullSafe, jt, filter)
	if err != nil || jt == physical.RightSemiJoin || jt == physical.RightAntiJoin {
		return j, err
	}
	// An outer join with its inputs swapped puts the right columns first: put them back.
	nl, nr := left.Schema().NumFields(), right.Schema().NumFields()
	js := j.Schema()
	fields := make([]arrow.Field, 0, nl+nr)
	cols := make([]expr.Expr, 0, nl+nr)
	for i := range nl {
		fields = append(fields, js.Field(nr+i))
		cols = append(cols, &expr.Column{Index: nr + i, Type: js.Field(nr + i).Type})
	}
	for i := range nr {
		fields = append(fields, js.Field(i))
		cols = append(cols, &expr.Column{Index: i, Type: js.Field(i).Type})
	}
	return physical.NewProject(j, cols, arrow.NewSchema(fields, nil)), nil
}

// mirroredJoins are the join types whose inputs can be swapped: the join of the swapped
// inputs with the mirror type outputs the same rows (with the inputs' columns swapped for
// outer joins).
var mirroredJoins = map[physical.JoinType]physical.JoinType{
	physical.LeftOuterJoin: physical.RightOuterJoin, physical.RightOuterJoin: physical.LeftOuterJoin,
	physical.LeftSemiJoin: physical.RightSemiJoin, physical.LeftAntiJoin: physical.RightAntiJoin,
}

// refersOnly reports whether e reads at least one column and only columns of l.
func refersOnly(e plan.Expr, l layout) bool {
	reads, only := false, true
	plan.Walk(e, func(x plan.Expr) bool {
		switch a := x.(type) {
		case *plan.AttributeRef:
			reads = true
			if _, ok := l[a.ID]; !ok {
				only = false
			}
		case *plan.OuterRef, *plan.ScalarSubquery, *plan.Exists, *plan.InSubquery:
			only = false
		}
		return true
	})
	return reads && only
}

// setOp plans UNION ALL as a union, and INTERSECT/EXCEPT (distinct) as a null-safe semi
// or anti join on all columns followed by a distinct.
func (p *planner) setOp(n *plan.SetOp) (physical.ExecutionPlan, error) {
	if n.All && n.Kind != plan.UnionOp {
		return p.setOpAll(n)
	}
	left, err := p.node(n.Left)
	if err != nil {
		return nil, err
	}
	right, err := p.node(n.Right)
	if err != nil {
		return nil, err
	}
	out := n.Output()
	if n.Kind == plan.UnionOp {
		u, err := physical.NewUnion(left, right)
		if err != nil {
			return nil, err
		}
		schema, err := arrowSchema(out)
		if err != nil {
			return nil, err
		}
		var union physical.ExecutionPlan = physical.NewRename(u, schema)
		if !n.All {
			// UNION DISTINCT: SQL wraps it in a Distinct already, a DataFrame's may not.
			return p.distinct(union, out)
		}
		return union, nil
	}
	lo, ro := n.Left.Output(), n.Right.Output()
	var lkeys, rkeys []expr.Expr
	var nullSafe []bool
	for i := range lo {
		lx, err := expr.NewColumn(i, lo[i].Type)
		if err != nil {
			return nil, err
		}
		rx, err := expr.NewColumn(i, ro[i].Type)
		if err != nil {
			return nil, err
		}
		if lx, rx, err = collationKeyPair(lx, rx, lo[i].Type); err != nil {
			return nil, err
		}
		lkeys, rkeys, nullSafe = append(lkeys, lx), append(rkeys, rx), append(nullSafe, true)
	}
	jt := physical.LeftSemiJoin
	if n.Kind == plan.ExceptOp {
		jt = physical.LeftAntiJoin
	}
	var j physical.ExecutionPlan
	if len(lkeys) == 0 {
		j, err = physical.NewNestedLoopJoin(left, right, jt, nil)
	} else {
		j, err = physical.NewHashJoin(left, right, lkeys, rkeys, nullSafe, jt, nil)
	}
	if err != nil {
		return nil, err
	}
	return p.distinct(j, lo)
}

// deduplicateAggregate is df.dropDuplicates(keys) as Spark's ReplaceDeduplicateWithAggregate
// plans it: the rows grouped by the keys, each other column taken from the group's first
// row (first(), which keeps NULLs), under its own ExprID.
func deduplicateAggregate(n *plan.Deduplicate) *plan.Aggregate {
	keys := map[plan.ExprID]bool{}
	groups := make([]plan.Expr, len(n.Keys))
	for i, k := range n.Keys {
		keys[k.ID], groups[i] = true, k
	}
	out := n.Child.Output()
	exprs := make([]plan.Expr, len(out))
	for i, a := range out {
		if keys[a.ID] {
			exprs[i] = a
			continue
		}
		first := &plan.AggregateCall{Fn: "first", Args: []plan.Expr{a}, Type: a.Type, Null: true, Display: "first"}
		exprs[i] = &plan.Alias{Child: first, Name: a.Name, ID: a.ID}
	}
	return &plan.Aggregate{Child: n.Child, Groups: groups, Exprs: exprs}
}
