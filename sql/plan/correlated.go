package plan

// CorrelatedEquivalents lists the expressions over a subquery's own columns that an
// equality with outer references or constants gives one value for each outer row, where
// that holds up to the subquery's top (Spark's getCorrelatedEquivalentInnerExpressions):
// not below the padded side of an outer join, nor under a UNION. The analyzer's check of
// GROUP BY in correlated scalar subqueries and the optimizer's decorrelation both use it.
func CorrelatedEquivalents(n Node) []Expr {
	readsLocal := func(e Expr) bool {
		return Any(e, func(x Expr) bool { _, ok := x.(*AttributeRef); return ok })
	}
	switch x := n.(type) {
	case *Filter:
		var out []Expr
		for _, c := range Conjuncts(x.Cond) {
			call, ok := c.(*Call)
			if !ok || call.Fn != "=" || len(call.Args) != 2 {
				continue
			}
			l, r := call.Args[0], call.Args[1]
			switch {
			case !readsLocal(r):
				out = append(out, l)
			case !readsLocal(l):
				out = append(out, r)
			}
		}
		return append(out, CorrelatedEquivalents(x.Child)...)
	case *Join:
		switch x.Type {
		case InnerJoin, CrossJoin:
			return append(CorrelatedEquivalents(x.Left), CorrelatedEquivalents(x.Right)...)
		case LeftOuterJoin, LeftSemiJoin, LeftAntiJoin:
			return CorrelatedEquivalents(x.Left)
		case RightOuterJoin:
			return CorrelatedEquivalents(x.Right)
		}
		return nil
	case *SetOp:
		switch x.Kind {
		case UnionOp:
			return nil
		case ExceptOp:
			return CorrelatedEquivalents(x.Left)
		}
		return append(CorrelatedEquivalents(x.Left), CorrelatedEquivalents(x.Right)...)
	case *Aggregate, *Distinct, *Limit, *Offset, *Project, *Repartition,
		*Sample, *Sort, *Window, *Tail, *SubqueryAlias, *WithCTE, *PlanIDTag:
		return CorrelatedEquivalents(n.Children()[0])
	}
	return nil
}
