package analyzer

import (
	"errors"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Recursive CTEs (WITH RECURSIVE), following Spark's ResolveWithCTE and CheckAnalysis:
// a definition that refers to itself must be `anchor UNION ALL recursion`, optionally
// under a WITH of its own, where neither the anchor nor the inner WITH's definitions refer
// to it. The definition resolves to a plan.UnionLoop whose recursive term reads the rows
// of the previous step through plan.UnionLoopRef leaves, typed by the anchor.

const invalidRecursiveCTEMessage = "Invalid recursive definition found. Recursive queries must contain an UNION or an UNION ALL statement with 2 children. The first child needs to be the anchor term without any recursive references. Any top level inner CTE must not contain self references."

func invalidRecursiveCTE() error {
	return analysisError("INVALID_RECURSIVE_CTE", "42836", invalidRecursiveCTEMessage, nil)
}

// errSelfReference is what a reference to a recursive CTE from inside its own definition
// gives where that is not (yet) allowed: while probing whether the definition is
// recursive, and in the anchor.
var errSelfReference = invalidRecursiveCTE()

// loopState is the recursive term being resolved of a recursive CTE.
type loopState struct {
	id int64
	// anchor is the resolved anchor's output, which the references' columns copy.
	anchor []*plan.AttributeRef
}

// pushCTEs brings the definitions of a WITH clause into scope, resolving each once so that
// errors show even in unused ones; pop takes them out of scope again.
func (a *analyzer) pushCTEs(n *plan.WithCTE, outer *scope) (pop func(), err error) {
	frame := map[string]*cteEntry{}
	a.ctes = append(a.ctes, frame)
	depth := len(a.ctes)
	pop = func() { a.ctes = a.ctes[:depth-1] }
	var failed []failedCTE
	for i, d := range n.CTEs {
		for name := range frame {
			if a.equalNames(name, d.Name) {
				pop()
				return nil, sparkerror.New(sparkerror.Parse, "DUPLICATED_CTE_NAMES", "42602",
					"CTE definition can't have duplicate names: <duplicateNames>.",
					map[string]string{"duplicateNames": quoteID(d.Name)})
			}
		}
		stack := append([]map[string]*cteEntry(nil), a.ctes[:depth-1]...)
		// The definition sees the CTEs defined before it in the same clause and, in a
		// recursive clause, itself.
		prev := map[string]*cteEntry{}
		for k, v := range frame {
			prev[k] = v
		}
		stack = append(stack, prev)
		e := &cteEntry{def: d, stack: stack, recursive: n.Recursive, outer: outer}
		if n.Recursive {
			prev[d.Name] = e
		}
		resolved, err := a.cteRef(e)
		if err != nil {
			var se *sparkerror.Error
			if len(failed) == 0 && (!errors.As(err, &se) || se.Kind != sparkerror.Analysis) {
				pop()
				return nil, err
			}
			// Spark checks every definition, the ones no query reads first: go on with the
			// later definitions, this one reading as a relation of no columns.
			failed = append(failed, failedCTE{index: i, err: err})
			frame[d.Name] = &cteEntry{def: &plan.CTEDef{Name: d.Name, Query: &plan.Project{Child: plan.OneRow{}}}, outer: outer}
			continue
		}
		frame[d.Name] = e
		if a.danglingCTE(n, i) {
			collectOuter(resolved, &a.cteOuter)
		}
	}
	if len(failed) > 0 {
		pop()
		return nil, a.cteFailure(n, failed)
	}
	return pop, nil
}

// danglingCTE reports whether definition i of a WITH clause is read by none of the later
// definitions nor by the body.
func (a *analyzer) danglingCTE(n *plan.WithCTE, i int) bool {
	name := n.CTEs[i].Name
	if a.readsRelation(n.Child, name) {
		return false
	}
	for _, later := range n.CTEs[i+1:] {
		if a.readsRelation(later.Query, name) {
			return false
		}
	}
	return true
}

// failedCTE is a definition of a WITH clause that did not resolve.
type failedCTE struct {
	index int
	err   error
}

// cteFailure is the error a WITH clause with definitions that did not resolve reports:
// that of the first such definition no later definition and not the body reads (Spark
// keeps those dangling definitions ahead of the body when it checks the plan), else
// that of the first definition that failed.
func (a *analyzer) cteFailure(n *plan.WithCTE, failed []failedCTE) error {
	for _, f := range failed {
		if a.danglingCTE(n, f.index) {
			return f.err
		}
	}
	return failed[0].err
}

// readsRelation reports whether the unresolved plan n names the one-part relation name
// anywhere, its subqueries included.
func (a *analyzer) readsRelation(n plan.Node, name string) bool {
	if r, ok := n.(*plan.UnresolvedRelation); ok && len(r.Name) == 1 && a.equalNames(r.Name[0], name) {
		return true
	}
	if w, ok := n.(*plan.WithCTE); ok {
		for _, d := range w.CTEs {
			if a.readsRelation(d.Query, name) {
				return true
			}
		}
	}
	for _, e := range plan.Expressions(n) {
		if plan.Any(e, func(x plan.Expr) bool {
			q := plan.SubqueryOf(x)
			return q != nil && a.readsRelation(q.Plan, name)
		}) {
			return true
		}
	}
	for _, c := range n.Children() {
		if a.readsRelation(c, name) {
			return true
		}
	}
	return false
}

// selfRef resolves a reference to a recursive CTE from inside its own definition.
func (a *analyzer) selfRef(e *cteEntry) (plan.Node, error) {
	if e.loop == nil {
		return nil, errSelfReference
	}
	out := make([]*plan.AttributeRef, len(e.loop.anchor))
	for i, o := range e.loop.anchor {
		out[i] = &plan.AttributeRef{Name: o.Name, Type: o.Type, Null: true, ID: plan.NewExprID(), Metadata: o.Metadata}
	}
	var n plan.Node = &plan.UnionLoopRef{ID: e.loop.id, Out: out}
	if len(e.def.Columns) > 0 {
		var err error
		if n, err = a.cteColumns(e, n); err != nil {
			return nil, err
		}
	}
	return &plan.SubqueryAlias{Child: n, Alias: []string{e.def.Name}}, nil
}

// cteColumns gives a CTE's query the column names of its definition, name(cols).
func (a *analyzer) cteColumns(e *cteEntry, child plan.Node) (plan.Node, error) {
	if len(e.def.Columns) != len(child.Output()) {
		return nil, analysisError("ASSIGNMENT_ARITY_MISMATCH", "42802",
			"The number of columns or variables assigned or aliased: <numTarget> does not match the number of source tuples or expressions: <numExpr>.",
			map[string]string{"numTarget": itoa(len(e.def.Columns)), "numExpr": itoa(len(child.Output()))})
	}
	return a.renameOutput(child, e.def.Columns)
}

// cteQuery resolves the query of a CTE definition (in the definition's scope, with
// e.resolving set): a recursive one becomes a UnionLoop.
func (a *analyzer) cteQuery(e *cteEntry) (plan.Node, error) {
	child, err := a.node(e.def.Query, e.outer)
	if e.recursive && errors.Is(err, errSelfReference) {
		child, err = a.recursiveCTE(e)
	}
	if err != nil {
		return nil, err
	}
	replaySeeds(e, child)
	return child, nil
}

// seedArgs are the positions of the seeds of the random functions (the analyzer gives
// unseeded calls a random seed, as Spark's ResolveRandomSeed does).
var seedArgs = map[string]int{"rand": 0, "randn": 0, "uuid": 0, "uniform": 2, "randstr": 1, "shuffle": 1}

// replaySeeds gives the random functions of a CTE's resolved query the seeds of the
// definition's first resolution. Each reference resolves the definition anew; Spark
// computes a non-deterministic CTE read twice once, so both reads see the same rows: with
// the same seeds, the copies draw the same numbers.
func replaySeeds(e *cteEntry, n plan.Node) {
	i := 0
	visitSeeds(n, func(l *plan.Literal) {
		switch {
		case !e.seeded:
			e.seeds = append(e.seeds, l)
		case i < len(e.seeds) && types.Equal(l.Type, e.seeds[i].Type) && l.Value != e.seeds[i].Value:
			// A seed the analyzer drew for this resolution (a written one is the same).
			l.Value, l.Text = e.seeds[i].Value, e.seeds[i].Text
		}
		i++
	})
	e.seeded = true
}

// visitSeeds calls f with the seed literal of every random function call in n's tree,
// its subqueries included, in a fixed order.
func visitSeeds(n plan.Node, f func(*plan.Literal)) {
	var visitExpr func(e plan.Expr)
	visitExpr = func(e plan.Expr) {
		plan.Walk(e, func(x plan.Expr) bool {
			if c, ok := x.(*plan.Call); ok {
				if i, ok := seedArgs[c.Fn]; ok && i < len(c.Args) {
					if l, ok := c.Args[i].(*plan.Literal); ok {
						f(l)
					}
				}
			}
			if q := plan.SubqueryOf(x); q != nil {
				visitSeeds(q.Plan, f)
			}
			return true
		})
	}
	for _, e := range plan.Expressions(n) {
		visitExpr(e)
	}
	for _, c := range n.Children() {
		visitSeeds(c, f)
	}
}

// recursiveCTE resolves a definition that refers to itself.
func (a *analyzer) recursiveCTE(e *cteEntry) (plan.Node, error) {
	q := e.def.Query
	inner, _ := q.(*plan.WithCTE)
	if inner != nil {
		q = inner.Child
	}
	// UNION (distinct) is Distinct over the set operation.
	distinct := false
	if d, ok := q.(*plan.Distinct); ok {
		if u, ok := d.Child.(*plan.SetOp); ok && u.Kind == plan.UnionOp {
			q, distinct = u, true
		}
	}
	u, ok := q.(*plan.SetOp)
	if !ok || u.Kind != plan.UnionOp || u.ByName {
		return nil, invalidRecursiveCTE()
	}
	if inner != nil {
		pop, err := a.pushCTEs(inner, e.outer)
		if err != nil {
			if errors.Is(err, errSelfReference) {
				return nil, invalidRecursiveCTE()
			}
			return nil, err
		}
		defer pop()
	}
	anchor, err := a.node(u.Left, nil)
	if err != nil {
		if errors.Is(err, errSelfReference) {
			return nil, invalidRecursiveCTE()
		}
		return nil, err
	}
	if distinct || !u.All {
		return nil, analysisError("UNION_NOT_SUPPORTED_IN_RECURSIVE_CTE", "42836",
			"The UNION operator is not yet supported within recursive common table expressions (WITH clauses that refer to themselves, directly or indirectly). Please use UNION ALL instead.", nil)
	}
	depth := int64(0)
	if e.def.MaxDepth != nil {
		if depth, err = a.maxRecursionLevel(e.def.MaxDepth); err != nil {
			return nil, err
		}
	}
	st := &loopState{id: plan.NewLoopID(), anchor: anchor.Output()}
	e.loop = st
	rec, err := a.node(u.Right, nil)
	e.loop = nil
	if err != nil {
		// Spark checks where the references are before it reports unresolved names.
		if perr := a.checkUnresolvedReferences(u.Right, e.def.Name, true); perr != nil {
			return nil, perr
		}
		return nil, err
	}
	ao, ro := anchor.Output(), rec.Output()
	if len(ao) != len(ro) {
		return nil, analysisError("NUM_COLUMNS_MISMATCH", "42826",
			"<operator> can only be performed on inputs with the same number of columns, but the first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns.",
			map[string]string{"operator": "UNION ALL", "firstNumColumns": itoa(len(ao)), "invalidOrdinalNum": "second", "invalidNumColumns": itoa(len(ro))})
	}
	// The recursive term takes the anchor's types: it may be narrower, never wider, since
	// its references already read the anchor's types.
	ts := make([]types.DataType, len(ao))
	for i := range ao {
		w, ok := a.coerce.WiderType(ro[i].Type, ao[i].Type)
		if !ok || !types.Equal(w, ao[i].Type) {
			return nil, sparkerror.New(sparkerror.Internal, "CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE", "42825",
				"Failed to merge incompatible data types <left> and <right>.",
				map[string]string{"left": sqlType(ao[i].Type), "right": sqlType(ro[i].Type)})
		}
		ts[i] = ao[i].Type
	}
	rec = castOutput(rec, ts)
	if err := checkRecursiveReferences(rec, st.id, true); err != nil {
		return nil, err
	}
	ro = rec.Output()
	out := make([]*plan.AttributeRef, len(ao))
	for i, o := range ao {
		out[i] = &plan.AttributeRef{Name: o.Name, Type: o.Type, Null: o.Null || ro[i].Null, ID: plan.NewExprID(), Metadata: o.Metadata}
	}
	return &plan.UnionLoop{ID: st.id, Anchor: anchor, Recursion: rec, Out: out, MaxDepth: depth}, nil
}

// maxRecursionLevel evaluates the n of MAX RECURSION LEVEL n.
func (a *analyzer) maxRecursionLevel(e plan.Expr) (int64, error) {
	r, err := a.expr(e, &scope{})
	if err != nil {
		return 0, err
	}
	if l, ok := r.(*plan.Literal); ok {
		switch v := l.Value.(type) {
		case int32:
			return int64(v), nil
		case int64:
			return v, nil
		}
	}
	return 0, analysisError("INVALID_RECURSIVE_CTE", "42836", invalidRecursiveCTEMessage, nil)
}

// checkRecursiveReferences rejects references to the loop where Spark does: on the right
// of left outer/semi/anti joins, on the left of right outer joins, in full outer joins,
// and under aggregates, windows and sorts (INVALID_RECURSIVE_REFERENCE.PLACE).
func checkRecursiveReferences(n plan.Node, id int64, allowed bool) error {
	check := func(c plan.Node, ok bool) error { return checkRecursiveReferences(c, id, ok) }
	var err error
	switch x := n.(type) {
	case *plan.UnionLoopRef:
		if !allowed && x.ID == id {
			return analysisError("INVALID_RECURSIVE_REFERENCE.PLACE", "42836",
				"Invalid recursive reference found inside WITH RECURSIVE clause. Recursive references cannot be used on the right side of left outer/semi/anti joins, on the left side of right outer joins, in full outer joins, in aggregates, window functions or sorts", nil)
		}
	case *plan.Join:
		left, right := allowed, allowed
		switch x.Type {
		case plan.InnerJoin, plan.CrossJoin:
		case plan.LeftOuterJoin, plan.LeftSemiJoin, plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin:
			right = false
		case plan.RightOuterJoin:
			left = false
		default:
			left, right = false, false
		}
		if err = check(x.Left, left); err == nil {
			err = check(x.Right, right)
		}
	case *plan.Aggregate, *plan.Window, *plan.Sort:
		err = check(n.Children()[0], false)
	default:
		for _, c := range n.Children() {
			if err = check(c, allowed); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if err != nil {
				return false
			}
			if q := plan.SubqueryOf(x); q != nil {
				err = check(q.Plan, allowed)
			}
			return true
		})
	}
	return err
}

// limitAll resolves LIMIT ALL: its child, where the recursive CTEs read through
// projections, filters, joins, unions, aggregates, windows and aliases lose their row limit.
func (a *analyzer) limitAll(n *plan.LimitAll, outer *scope) (plan.Node, error) {
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	return unlimitRecursion(child), nil
}

func unlimitRecursion(n plan.Node) plan.Node {
	switch x := n.(type) {
	case *plan.UnionLoop:
		m := *x
		m.Limit, m.HasLimit = -1, true
		return &m
	case *plan.Project, *plan.Filter, *plan.Join, *plan.SetOp, *plan.Offset, *plan.Aggregate,
		*plan.Window, *plan.SubqueryAlias:
		cs := n.Children()
		next := make([]plan.Node, len(cs))
		for i, c := range cs {
			next[i] = unlimitRecursion(c)
		}
		return n.WithChildren(next)
	}
	return n
}

// checkUnresolvedReferences is checkRecursiveReferences on the recursive term as written,
// for when it does not resolve: references by name, aggregates found by their functions.
func (a *analyzer) checkUnresolvedReferences(n plan.Node, name string, allowed bool) error {
	check := func(c plan.Node, ok bool) error { return a.checkUnresolvedReferences(c, name, ok) }
	var err error
	switch x := n.(type) {
	case *plan.UnresolvedRelation:
		if !allowed && len(x.Name) == 1 && a.equalNames(x.Name[0], name) {
			return checkRecursiveReferences(&plan.UnionLoopRef{}, 0, false)
		}
	case *plan.Join:
		left, right := allowed, allowed
		switch x.Type {
		case plan.InnerJoin, plan.CrossJoin:
		case plan.LeftOuterJoin, plan.LeftSemiJoin, plan.LeftAntiJoin:
			right = false
		case plan.RightOuterJoin:
			left = false
		default:
			left, right = false, false
		}
		if err = check(x.Left, left); err == nil {
			err = check(x.Right, right)
		}
	case *plan.Aggregate, *plan.Window, *plan.Sort:
		err = check(n.Children()[0], false)
	case *plan.Project:
		err = check(x.Child, allowed && !hasAggregateCall(x.Exprs))
	default:
		for _, c := range n.Children() {
			if err = check(c, allowed); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if err != nil {
				return false
			}
			if q := plan.SubqueryOf(x); q != nil {
				err = check(q.Plan, allowed)
			}
			return true
		})
	}
	return err
}

// hasAggregateCall reports whether unresolved expressions call an aggregate function or
// a window.
func hasAggregateCall(es []plan.Expr) bool {
	for _, e := range es {
		if plan.Any(e, func(x plan.Expr) bool {
			switch f := x.(type) {
			case *plan.WindowExpr:
				return true
			case *plan.UnresolvedFunction:
				def, ok := registry[strings.ToLower(f.Name[len(f.Name)-1])]
				return ok && def.kind == AggregateFunction
			}
			return false
		}) {
			return true
		}
	}
	return false
}
