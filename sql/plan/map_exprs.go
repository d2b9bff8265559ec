package plan

// MapExprList applies f to each expression of es; changed says whether any result differs
// from its input (es itself is returned, uncopied, when none does).
func MapExprList(es []Expr, f func(Expr) Expr) (out []Expr, changed bool) {
	for i, e := range es {
		r := f(e)
		if r != e && out == nil {
			out = append([]Expr(nil), es...)
		}
		if out != nil {
			out[i] = r
		}
	}
	if out == nil {
		return es, false
	}
	return out, true
}

// MapNodeExprs applies f to the expressions a node evaluates itself (a Filter's condition,
// a Join's condition, the lists of Project, Aggregate and Window, a Sort's keys) and returns
// a copy of n holding the results, or n when nothing changed. Children are not visited.
func MapNodeExprs(n Node, f func(Expr) Expr) Node {
	switch x := n.(type) {
	case *Filter:
		if c := f(x.Cond); c != x.Cond {
			m := *x
			m.Cond = c
			return &m
		}
	case *Join:
		if x.Cond != nil {
			if c := f(x.Cond); c != x.Cond {
				m := *x
				m.Cond = c
				return &m
			}
		}
	case *Project:
		if es, changed := MapExprList(x.Exprs, f); changed {
			m := *x
			m.Exprs = es
			return &m
		}
	case *Aggregate:
		gs, gc := MapExprList(x.Groups, f)
		es, ec := MapExprList(x.Exprs, f)
		if gc || ec {
			m := *x
			m.Groups, m.Exprs = gs, es
			return &m
		}
	case *Window:
		if es, changed := MapExprList(x.Exprs, f); changed {
			m := *x
			m.Exprs = es
			return &m
		}
	case *Sort:
		var orders []*SortOrder
		for i, o := range x.Orders {
			if c := f(o.Child); c != o.Child {
				if orders == nil {
					orders = append([]*SortOrder(nil), x.Orders...)
				}
				so := *o
				so.Child = c
				orders[i] = &so
			}
		}
		if orders != nil {
			m := *x
			m.Orders = orders
			return &m
		}
	}
	return n
}
