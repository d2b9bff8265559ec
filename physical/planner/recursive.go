package planner

import (
	"sync"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Spark's defaults of spark.sql.cteRecursionLevelLimit and spark.sql.cteRecursionRowLimit.
const (
	defaultRecursionLevelLimit = 100
	defaultRecursionRowLimit   = 1000000
)

// unionLoop plans a recursive CTE: its recursive term reads the previous step through a
// feed the loop's UnionLoopRef leaves share.
func (p *planner) unionLoop(n *plan.UnionLoop) (physical.ExecutionPlan, error) {
	schema, err := arrowSchema(n.Out)
	if err != nil {
		return nil, err
	}
	anchor, err := p.node(n.Anchor)
	if err != nil {
		return nil, err
	}
	if anchor, err = p.conform(anchor, n.Out); err != nil {
		return nil, err
	}
	if p.loops == nil {
		p.loops = map[int64]*physical.LoopFeed{}
	}
	feed := physical.NewLoopFeed()
	p.loops[n.ID] = feed
	rec, err := p.node(n.Recursion)
	delete(p.loops, n.ID)
	if err != nil {
		return nil, err
	}
	if rec, err = p.conform(rec, n.Out); err != nil {
		return nil, err
	}
	limits := physical.RecursiveLimits{LevelLimit: p.opts.CTERecursionLevelLimit, RowLimit: p.opts.CTERecursionRowLimit,
		Limit: n.Limit, HasLimit: n.HasLimit}
	if limits.LevelLimit == 0 {
		limits.LevelLimit = defaultRecursionLevelLimit
	}
	if n.MaxDepth > 0 {
		limits.LevelLimit = n.MaxDepth
	}
	if limits.RowLimit == 0 {
		limits.RowLimit = defaultRecursionRowLimit
	}
	u, err := physical.NewRecursiveUnion(anchor, rec, feed, schema, limits)
	if err != nil {
		return nil, err
	}
	if hasSeeded(n.Recursion) {
		u.SetReplan(p.replanner(n, feed))
	}
	return u, nil
}

func (p *planner) unionLoopRef(n *plan.UnionLoopRef) (physical.ExecutionPlan, error) {
	feed := p.loops[n.ID]
	if feed == nil {
		return nil, sparkerror.InternalError("physical planner: recursive reference %d outside its loop", n.ID)
	}
	schema, err := arrowSchema(n.Out)
	if err != nil {
		return nil, err
	}
	return physical.NewLoopScan(feed, schema), nil
}

// pushLoopLimit moves a LIMIT onto the recursive CTEs it reads through projections,
// aliases and UNION ALLs, as Spark's LimitPushDown does: such a loop stops after that many
// rows instead of failing at the row limit.
func pushLoopLimit(n *plan.Limit) *plan.Limit {
	lit, ok := n.N.(*plan.Literal)
	if !ok {
		return n
	}
	v, ok := lit.Value.(int64)
	if !ok {
		if i, ok32 := lit.Value.(int32); ok32 {
			v, ok = int64(i), true
		}
	}
	if !ok || v < 0 {
		return n
	}
	child, changed := limitLoops(n.Child, v)
	if !changed {
		return n
	}
	return &plan.Limit{Child: child, N: n.N}
}

func limitLoops(n plan.Node, limit int64) (plan.Node, bool) {
	switch x := n.(type) {
	case *plan.UnionLoop:
		m := *x
		m.Limit, m.HasLimit = limit, true
		return &m, true
	case *plan.Project, *plan.SubqueryAlias:
	case *plan.SetOp:
		if x.Kind != plan.UnionOp || !x.All {
			return n, false
		}
	default:
		return n, false
	}
	cs := n.Children()
	next := make([]plan.Node, len(cs))
	changed := false
	for i, c := range cs {
		var ch bool
		next[i], ch = limitLoops(c, limit)
		changed = changed || ch
	}
	if !changed {
		return n, false
	}
	return n.WithChildren(next), true
}

// readsLoop reports whether n reads the previous step of a recursive CTE being planned: a
// subquery that does must run again at every step.
func (p *planner) readsLoop(n plan.Node) bool {
	if len(p.loops) == 0 {
		return false
	}
	found := false
	var visit func(plan.Node)
	visit = func(n plan.Node) {
		if found {
			return
		}
		if r, ok := n.(*plan.UnionLoopRef); ok && p.loops[r.ID] != nil {
			found = true
			return
		}
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, func(x plan.Expr) bool {
				if q := plan.SubqueryOf(x); q != nil {
					visit(q.Plan)
				}
				return !found
			})
		}
		for _, c := range n.Children() {
			visit(c)
		}
	}
	visit(n)
	return found
}

// loopSubquery is an uncorrelated subquery that reads a recursive CTE's previous step: it
// runs again for every batch instead of once.
type loopSubquery struct {
	*subqueryValue
	mu sync.Mutex
}

// Constant fails: the subquery's value changes with every step of the loop, so it has no
// one value to ship.
func (s *loopSubquery) Constant() (expr.Expr, error) {
	return nil, sparkerror.NotImplemented("shipping a subquery over a recursive CTE's previous step")
}

func (s *loopSubquery) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.run()
	if s.err != nil {
		return nil, s.err
	}
	return s.value.Eval(b)
}

// seedArg is the position of the seed among the arguments of the functions whose results
// depend on a seed.
var seedArg = map[string]int{"rand": 0, "randn": 0, "uuid": 0, "uniform": 2, "randstr": 1, "shuffle": 1}

// shiftSeed gives a seeded function the seed shifted by the planner's seedShift: Spark
// shifts the seeds of a recursive term by the step's level, so that steps differ.
func (p *planner) shiftSeed(c *plan.Call) *plan.Call {
	i, ok := seedArg[c.Fn]
	if !ok || p.seedShift == 0 || i >= len(c.Args) {
		return c
	}
	l, ok := c.Args[i].(*plan.Literal)
	if !ok {
		return c
	}
	m := *l
	switch v := l.Value.(type) {
	case int32:
		m.Value = v + int32(p.seedShift)
	case int64:
		m.Value = v + p.seedShift
	default:
		return c
	}
	n := *c
	n.Args = append([]plan.Expr(nil), c.Args...)
	n.Args[i] = &m
	return &n
}

// hasSeeded reports whether n computes a seeded function.
func hasSeeded(n plan.Node) bool {
	found := false
	var visit func(plan.Node)
	visit = func(n plan.Node) {
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, func(x plan.Expr) bool {
				if c, ok := x.(*plan.Call); ok {
					if _, seeded := seedArg[c.Fn]; seeded {
						found = true
					}
				}
				if q := plan.SubqueryOf(x); q != nil {
					visit(q.Plan)
				}
				return !found
			})
		}
		for _, c := range n.Children() {
			if !found {
				visit(c)
			}
		}
	}
	visit(n)
	return found
}

// replanner plans a loop's recursive term again for a later step, with its seeds shifted.
func (p *planner) replanner(n *plan.UnionLoop, feed *physical.LoopFeed) func(shift int64) (physical.ExecutionPlan, error) {
	loops := make(map[int64]*physical.LoopFeed, len(p.loops)+1)
	for k, v := range p.loops {
		loops[k] = v
	}
	loops[n.ID] = feed
	base := *p
	return func(shift int64) (physical.ExecutionPlan, error) {
		q := base
		q.loops, q.seedShift = loops, shift
		rec, err := q.node(n.Recursion)
		if err != nil {
			return nil, err
		}
		return q.conform(rec, n.Out)
	}
}
