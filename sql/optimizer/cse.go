package optimizer

import (
	"fmt"

	"github.com/sailgo/sail/sql/plan"
)

// eliminateCommonSubexpressions computes once what a projection or an aggregate's
// arguments compute several times: a repeated subexpression (TPC-H q1's
// l_extendedprice * (1 - l_discount), in two sums) becomes a column of a projection
// beneath, and the occurrences read that column. Only subexpressions evaluated for every
// row are shared: none inside a branch of CASE, IF, COALESCE, AND or OR (hoisting those
// could raise an ANSI error for a row the branch never reached), none non-deterministic,
// and none in aggregates with a FILTER.
func eliminateCommonSubexpressions(n plan.Node) plan.Node {
	n = plan.MapNodeChildren(n, eliminateCommonSubexpressions)
	switch x := n.(type) {
	case *plan.Project:
		exprs, hoisted := shareSubexpressions(x.Exprs, func(e plan.Expr, f func(plan.Expr) plan.Expr) plan.Expr { return f(e) })
		if len(hoisted) == 0 {
			return n
		}
		m := *x
		m.Child, m.Exprs = below(x.Child, hoisted), keepNames(x.Exprs, exprs)
		return &m
	case *plan.Aggregate:
		exprs, hoisted := shareSubexpressions(x.Exprs, inAggregateArguments)
		if len(hoisted) == 0 {
			return n
		}
		m := *x
		m.Child, m.Exprs = below(x.Child, hoisted), keepNames(x.Exprs, exprs)
		return &m
	}
	return n
}

// inAggregateArguments applies f to the arguments of the aggregate calls in e (those
// without a FILTER), leaving the rest of e as it is.
func inAggregateArguments(e plan.Expr, f func(plan.Expr) plan.Expr) plan.Expr {
	if a, ok := e.(*plan.AggregateCall); ok {
		if a.Filter != nil || len(a.WithinGroup) > 0 {
			return e
		}
		m := *a
		m.Args = make([]plan.Expr, len(a.Args))
		for i, arg := range a.Args {
			m.Args[i] = f(arg)
		}
		return &m
	}
	kids := e.Children()
	if len(kids) == 0 {
		return e
	}
	next := make([]plan.Expr, len(kids))
	changed := false
	for i, k := range kids {
		next[i] = inAggregateArguments(k, f)
		changed = changed || next[i] != k
	}
	if !changed {
		return e
	}
	return e.WithChildren(next)
}

// scope applies a rewrite to the parts of an expression that CSE looks at.
type scope func(e plan.Expr, f func(plan.Expr) plan.Expr) plan.Expr

// shareSubexpressions repeatedly takes the largest subexpression that occurs at least
// twice in the scoped parts of exprs and replaces it with a new column; it returns the
// rewritten expressions and the columns to compute beneath.
func shareSubexpressions(exprs []plan.Expr, in scope) ([]plan.Expr, []*plan.Alias) {
	var hoisted []*plan.Alias
	for round := 0; round < 16; round++ {
		counts := map[string]int{}
		sizes := map[string]int{}
		sample := map[string]plan.Expr{}
		for _, e := range exprs {
			in(e, func(x plan.Expr) plan.Expr {
				countCandidates(x, counts, sizes, sample)
				return x
			})
		}
		best := ""
		for k, c := range counts {
			if c >= 2 && (best == "" || sizes[k] > sizes[best] || sizes[k] == sizes[best] && k < best) {
				best = k
			}
		}
		if best == "" {
			break
		}
		sub := sample[best]
		alias := &plan.Alias{Child: sub, Name: fmt.Sprintf("_common_%d", len(hoisted)), ID: plan.NewExprID()}
		ref := plan.ToAttribute(alias)
		hoisted = append(hoisted, alias)
		next := make([]plan.Expr, len(exprs))
		for i, e := range exprs {
			next[i] = in(e, func(x plan.Expr) plan.Expr { return replaceKey(x, best, ref) })
		}
		exprs = next
	}
	return exprs, hoisted
}

// countCandidates counts the shareable subexpressions of e by semantic key, descending
// only into the parts evaluated for every row.
func countCandidates(e plan.Expr, counts, sizes map[string]int, sample map[string]plan.Expr) int {
	size := 1
	for _, c := range alwaysEvaluated(e) {
		size += countCandidates(c, counts, sizes, sample)
	}
	if shareable(e) {
		k := plan.SemanticKey(e)
		counts[k]++
		sizes[k] = size
		sample[k] = e
	}
	return size
}

// alwaysEvaluated are the children of e evaluated for every row e is evaluated for.
func alwaysEvaluated(e plan.Expr) []plan.Expr {
	switch x := e.(type) {
	case *plan.CaseWhen:
		return x.Conds[:min(1, len(x.Conds))]
	case *plan.Call:
		switch x.Fn {
		case "if", "coalesce", "nvl", "ifnull", "nvl2", "and", "or", "nanvl":
			return x.Args[:min(1, len(x.Args))]
		}
	case *plan.Lambda, *plan.AggregateCall, *plan.WindowCall:
		return nil
	}
	if plan.SubqueryOf(e) != nil {
		return nil
	}
	return e.Children()
}

// shareable reports whether e is worth computing once: a deterministic function call or
// cast over at least one column, with no lambda, outer reference or subquery inside.
func shareable(e plan.Expr) bool {
	switch e.(type) {
	case *plan.Call, *plan.Cast:
	default:
		return false
	}
	columns, ok := plan.RowFunction(e)
	return ok && columns
}

// replaceKey replaces the always-evaluated occurrences of the expression with semantic
// key k in e by ref.
func replaceKey(e plan.Expr, k string, ref *plan.AttributeRef) plan.Expr {
	if shareable(e) && plan.SemanticKey(e) == k {
		return ref
	}
	kids := e.Children()
	always := alwaysEvaluated(e)
	if len(always) == 0 {
		return e
	}
	next := append([]plan.Expr(nil), kids...)
	changed := false
	for i := range always { // always is a prefix of kids, or all of them
		next[i] = replaceKey(kids[i], k, ref)
		changed = changed || next[i] != kids[i]
	}
	if !changed {
		return e
	}
	return e.WithChildren(next)
}

// below is a projection of child's columns and the hoisted ones.
func below(child plan.Node, hoisted []*plan.Alias) plan.Node {
	var exprs []plan.Expr
	for _, a := range child.Output() {
		exprs = append(exprs, a)
	}
	for _, a := range hoisted {
		exprs = append(exprs, a)
	}
	return &plan.Project{Child: child, Exprs: exprs}
}

// keepNames gives each rewritten expression the output column of the original: the same
// name, ID and metadata, so nothing above sees a difference.
func keepNames(orig, rewritten []plan.Expr) []plan.Expr {
	out := make([]plan.Expr, len(orig))
	for i, e := range orig {
		r := rewritten[i]
		switch {
		case r == e:
			out[i] = e
		default:
			if a, ok := e.(*plan.Alias); ok {
				m := *a
				m.Child = r.(*plan.Alias).Child
				out[i] = &m
				continue
			}
			out[i] = &plan.Alias{Child: r, Name: plan.OutputName(e), ID: plan.NewExprID()}
		}
	}
	return out
}
