package planner

import (
	"maps"
	"reflect"
	"slices"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/plan"
)

// A query that holds the same aggregate or join twice (a view or CTE read twice, TPC-H
// q15's revenue under a join and under max(), q11's join under two aggregates) computes
// it once: the planner finds the equal subplans before planning, plans the first one it
// meets and wraps it in a physical.Shared that the others reuse. Subplans are equal when
// they are the same tree of the same nodes and expressions, reading the same files, with
// column IDs that correspond one to one.

// sharedRowLimit bounds the estimated rows of a shared subplan: its batches are kept
// until every consumer has read them.
const sharedRowLimit = 1 << 20

// findShared records the groups of equal subplans of n (its subquery plans included).
func (p *planner) findShared(n plan.Node) {
	type candidate struct {
		node      plan.Node
		ancestors []plan.Node
	}
	var cands []candidate
	var walk func(n plan.Node, stack []plan.Node)
	walk = func(n plan.Node, stack []plan.Node) {
		switch n.(type) {
		case *plan.Aggregate, *plan.Join:
			if shareable(n) {
				cands = append(cands, candidate{node: n, ancestors: slices.Clone(stack)})
				stack = append(stack, n)
			}
		case *plan.UnionLoop, *plan.UnionLoopRef:
			return
		}
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, func(x plan.Expr) bool {
				if q := plan.SubqueryOf(x); q != nil {
					walk(q.Plan, stack)
				}
				return true
			})
		}
		for _, c := range n.Children() {
			walk(c, stack)
		}
	}
	walk(n, nil)
	if len(cands) < 2 {
		return
	}
	group := make([]int, len(cands))
	for i := range group {
		group[i] = -1
	}
	size := map[int]int{}
	for i := range cands {
		if group[i] >= 0 {
			continue
		}
		for j := i + 1; j < len(cands); j++ {
			if group[j] < 0 && samePlan(cands[i].node, cands[j].node) {
				group[i], group[j] = i, i
				size[i]++
			}
		}
		if group[i] >= 0 {
			size[i]++
		}
	}
	inGroup := map[plan.Node]int{}
	for i, c := range cands {
		if group[i] >= 0 {
			inGroup[c.node] = group[i]
		}
	}
	// A group every member of which lies inside shared subplans is computed once already.
	for g := range size {
		nested := true
		for i, c := range cands {
			if group[i] != g {
				continue
			}
			inside := false
			for _, a := range c.ancestors {
				if _, ok := inGroup[a]; ok {
					inside = true
					break
				}
			}
			nested = nested && inside
		}
		if nested {
			delete(size, g)
		}
	}
	for i, c := range cands {
		if g := group[i]; g >= 0 && size[g] >= 2 {
			if p.shareGroup == nil {
				p.shareGroup = map[plan.Node]int{}
				p.shared = map[int]*physical.Shared{}
			}
			p.shareGroup[c.node] = g
		}
	}
}

// shareable reports whether n may be computed once for several consumers: small enough
// to keep, deterministic, and not part of a recursive CTE's loop.
func shareable(n plan.Node) bool {
	if optimizer.EstimateRows(n) > sharedRowLimit {
		return false
	}
	ok := true
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		switch n.(type) {
		case *plan.UnionLoop, *plan.UnionLoopRef:
			ok = false
			return
		}
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, func(x plan.Expr) bool {
				switch c := x.(type) {
				case *plan.Call:
					if plan.NonDeterministic(c.Fn) {
						ok = false
					}
				case *plan.OuterRef:
					ok = false
				}
				if q := plan.SubqueryOf(x); q != nil {
					walk(q.Plan)
				}
				return ok
			})
		}
		for _, c := range n.Children() {
			if ok {
				walk(c)
			}
		}
	}
	walk(n)
	return ok
}

// sharedNode plans n once per group of equal subplans.
func (p *planner) sharedNode(n plan.Node) (physical.ExecutionPlan, bool, error) {
	switch n.(type) {
	case *plan.Aggregate, *plan.Join:
	default:
		return nil, false, nil
	}
	g, ok := p.shareGroup[n]
	if !ok {
		return nil, false, nil
	}
	if s := p.shared[g]; s != nil {
		s.AddConsumer()
		return s, true, nil
	}
	phys, err := p.relational(n)
	if err != nil {
		return nil, true, err
	}
	s := physical.NewShared(p.opts.Context, phys, 1)
	p.shared[g] = s
	return s, true, nil
}

// samePlan reports whether a and b are equal plans but for their column IDs, which must
// correspond one to one.
func samePlan(a, b plan.Node) bool {
	m := &planMatch{ab: map[plan.ExprID]plan.ExprID{}, ba: map[plan.ExprID]plan.ExprID{}}
	return m.node(a, b)
}

type planMatch struct {
	ab, ba map[plan.ExprID]plan.ExprID
	steps  int
}

var (
	exprIDType   = reflect.TypeFor[plan.ExprID]()
	readType     = reflect.TypeFor[*plan.DataSourceRead]()
	tableScanTyp = reflect.TypeFor[*plan.TableScan]()
)

// filesLister is a file read's handle.
type filesLister interface {
	Files() []string
}

func (m *planMatch) node(a, b plan.Node) bool {
	switch x := a.(type) {
	case *plan.DataSourceRead:
		y, ok := b.(*plan.DataSourceRead)
		if !ok || x.Format != y.Format || !slices.Equal(x.Paths, y.Paths) || !maps.Equal(x.Options, y.Options) ||
			!slices.Equal(x.Columns, y.Columns) || !m.value(reflect.ValueOf(x.Schema), reflect.ValueOf(y.Schema)) {
			return false
		}
		if x.Handle != y.Handle {
			fx, okx := x.Handle.(filesLister)
			fy, oky := y.Handle.(filesLister)
			if !okx || !oky || !slices.Equal(fx.Files(), fy.Files()) {
				return false
			}
		}
		return m.value(reflect.ValueOf(x.Out), reflect.ValueOf(y.Out))
	case *plan.TableScan:
		y, ok := b.(*plan.TableScan)
		if !ok || x.Table != y.Table || !slices.Equal(x.Name, y.Name) || !slices.Equal(x.Columns, y.Columns) {
			return false
		}
		return m.value(reflect.ValueOf(x.Out), reflect.ValueOf(y.Out))
	}
	return m.value(reflect.ValueOf(a), reflect.ValueOf(b))
}

// value compares two values of plan nodes or expressions field by field.
func (m *planMatch) value(a, b reflect.Value) bool {
	m.steps++
	if m.steps > 1_000_000 || a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == exprIDType {
		x, y := plan.ExprID(a.Int()), plan.ExprID(b.Int())
		if to, ok := m.ab[x]; ok {
			return to == y
		}
		if from, ok := m.ba[y]; ok {
			return from == x
		}
		m.ab[x], m.ba[y] = y, x
		return true
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if (a.Type() == readType || a.Type() == tableScanTyp) && a.CanInterface() {
			return m.node(a.Interface().(plan.Node), b.Interface().(plan.Node))
		}
		return m.value(a.Elem(), b.Elem())
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return m.value(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !m.value(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return false
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !m.value(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		for _, k := range a.MapKeys() {
			v := b.MapIndex(k)
			if !v.IsValid() || !m.value(a.MapIndex(k), v) {
				return false
			}
		}
		return true
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Complex64, reflect.Complex128:
		return a.Complex() == b.Complex()
	case reflect.String:
		return a.String() == b.String()
	}
	// Functions, channels, unsafe pointers: equal only when absent.
	return a.IsZero() && b.IsZero()
}
