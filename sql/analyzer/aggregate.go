package analyzer

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// anyAggregate reports whether an expression list computes an aggregate outside a
// window function's own call.
func anyAggregate(es []plan.Expr) bool {
	for _, e := range es {
		if hasAggregateOutsideWindow(e) {
			return true
		}
	}
	return false
}

func hasAggregateOutsideWindow(e plan.Expr) bool {
	found := false
	plan.Walk(e, func(x plan.Expr) bool {
		if found {
			return false
		}
		switch w := x.(type) {
		case *plan.AggregateCall:
			found = true
			return false
		case *plan.WindowCall:
			// The window's own function is not an aggregate of the query, but aggregates in
			// its arguments or spec are.
			for _, c := range w.Func.Children() {
				if hasAggregateOutsideWindow(c) {
					found = true
				}
			}
			for _, c := range w.Spec.PartitionBy {
				if hasAggregateOutsideWindow(c) {
					found = true
				}
			}
			for _, o := range w.Spec.OrderBy {
				if hasAggregateOutsideWindow(o.Child) {
					found = true
				}
			}
			return false
		}
		return true
	})
	return found
}

func stripAlias(e plan.Expr) plan.Expr {
	if al, ok := e.(*plan.Alias); ok {
		return al.Child
	}
	return e
}

func (a *analyzer) aggregate(n *plan.Aggregate, outer *scope) (plan.Node, error) {
	return a.selectQuery(n, outer)
}

// selectQuery resolves a projection, an aggregate, or a HAVING filter over one.
func (a *analyzer) selectQuery(n plan.Node, outer *scope) (plan.Node, error) {
	q, done, err := a.aggregateQuery(n, outer)
	if err != nil {
		return nil, err
	}
	if q == nil {
		return done, nil
	}
	return a.finishQuery(q)
}

// aggregateWithLateral computes the select items that read lateral aliases in
// projections over the aggregate.
func (a *analyzer) aggregateWithLateral(agg *plan.Aggregate, lateral map[plan.ExprID]bool) (plan.Node, error) {
	base, items := a.lateralAggregate(agg, lateral)
	if err := a.checkAggregate(base); err != nil {
		return nil, err
	}
	below, err := a.extractWindows(base)
	if err != nil {
		return nil, err
	}
	return lateralProjections(below, items, lateral), nil
}

// checkAggregate verifies that every column the aggregate's outputs use outside
// aggregate functions is grouped (Spark's checkValidAggregateExpression).
func (a *analyzer) checkAggregate(agg *plan.Aggregate) error {
	groupKeys := map[string]bool{}
	for _, g := range agg.Groups {
		groupKeys[plan.SemanticKey(g)] = true
	}
	var check func(e plan.Expr) error
	check = func(e plan.Expr) error {
		if groupKeys[plan.SemanticKey(e)] {
			return nil
		}
		switch x := e.(type) {
		case *plan.AggregateCall:
			for _, c := range x.Children() {
				if anyAggregate([]plan.Expr{c}) {
					return analysisError("NESTED_AGGREGATE_FUNCTION", "42607",
						"It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.", nil)
				}
			}
			return nil
		case *plan.AttributeRef:
			if len(agg.Groups) == 0 && agg.GroupingSets == nil {
				return analysisError("MISSING_GROUP_BY", "42803",
					"The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.", nil)
			}
			return analysisError("MISSING_AGGREGATION", "42803",
				"The non-aggregating expression <expression> is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use <expressionAnyValue> if you do not care which of the values within a group is returned.",
				map[string]string{"expression": sqlExpr(x), "expressionAnyValue": `"any_value(` + x.String() + `)"`})
		case *plan.OuterRef, *plan.ScalarSubquery, *plan.Exists, *plan.LambdaVar:
			return nil
		case *plan.WindowCall:
			// A window function over the groups: its arguments may be aggregates
			// (SUM(SUM(x)) OVER ...) or grouped columns, like any select item.
			var kids []plan.Expr
			switch f := x.Func.(type) {
			case *plan.AggregateCall:
				kids = append(kids, f.Args...)
				if f.Filter != nil {
					kids = append(kids, f.Filter)
				}
			default:
				kids = append(kids, f.Children()...)
			}
			kids = append(kids, x.Spec.PartitionBy...)
			for _, o := range x.Spec.OrderBy {
				kids = append(kids, o.Child)
			}
			for _, k := range kids {
				if err := check(k); err != nil {
					return err
				}
			}
			return nil
		case *plan.Call:
			if x.Fn == "grouping" || x.Fn == "grouping_id" {
				if agg.GroupingSets == nil {
					return analysisError("UNSUPPORTED_GROUPING_EXPRESSION", "42K0E",
						"grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.", nil)
				}
				for _, arg := range x.Args {
					if !groupKeys[plan.SemanticKey(arg)] {
						return analysisError("GROUPING_COLUMN_MISMATCH", "42803",
							"Column of grouping (<grouping>) can't be found in grouping columns <groupingColumns>.",
							map[string]string{"grouping": arg.String(), "groupingColumns": groupList(agg.Groups)})
					}
				}
				return nil
			}
		}
		for _, c := range e.Children() {
			if err := check(c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, e := range agg.Exprs {
		if err := check(stripAlias(e)); err != nil {
			return err
		}
	}
	return nil
}

func (a *analyzer) checkPredicateType(cond plan.Expr) error {
	if t := plan.TypeOf(cond); !types.Equal(t, types.Boolean) {
		if _, isNull := t.(types.NullType); !isNull {
			return analysisError("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Filter expression <filter> of type <type> is not a boolean.",
				map[string]string{"sqlExpr": sqlExpr(cond), "filter": sqlExpr(cond), "type": sqlType(t)})
		}
	}
	return nil
}

func projectAttrs(child plan.Node, attrs []*plan.AttributeRef) plan.Node {
	exprs := make([]plan.Expr, len(attrs))
	for i, at := range attrs {
		exprs[i] = at
	}
	return &plan.Project{Child: child, Exprs: exprs}
}

// pushIntoAggregate rewrites expressions that sit above an aggregate so they only use
// its output: aggregate calls and grouping expressions they need become extra outputs.
// The attributes of keep (computed above the aggregate) stay as they are.
func (a *analyzer) pushIntoAggregate(agg *plan.Aggregate, es []plan.Expr, keep map[plan.ExprID]bool) (*plan.Aggregate, []plan.Expr, error) {
	out := agg.Output()
	outIDs := map[plan.ExprID]bool{}
	for _, o := range out {
		outIDs[o.ID] = true
	}
	byKey := map[string]*plan.AttributeRef{}
	for i, e := range agg.Exprs {
		byKey[plan.SemanticKey(stripAlias(e))] = out[i]
	}
	groupKeys := map[string]bool{}
	for _, g := range agg.Groups {
		groupKeys[plan.SemanticKey(g)] = true
	}
	newAgg := *agg
	newAgg.Exprs = append([]plan.Expr(nil), agg.Exprs...)
	hidden := func(e plan.Expr) *plan.AttributeRef {
		k := plan.SemanticKey(e)
		if at, ok := byKey[k]; ok {
			return at
		}
		al := &plan.Alias{Child: e, Name: e.String(), ID: plan.NewExprID()}
		newAgg.Exprs = append(newAgg.Exprs, al)
		at := plan.ToAttribute(al)
		byKey[k] = at
		return at
	}
	var rewrite func(e plan.Expr) (plan.Expr, error)
	rewrite = func(e plan.Expr) (plan.Expr, error) {
		if at, ok := e.(*plan.AttributeRef); ok && (outIDs[at.ID] || keep[at.ID]) {
			return at, nil
		}
		k := plan.SemanticKey(e)
		if at, ok := byKey[k]; ok {
			return at, nil
		}
		switch x := e.(type) {
		case *plan.WindowCall:
			// The window function stays; what it reads comes from the aggregate.
			ch := x.Children()
			nch := make([]plan.Expr, len(ch))
			nch[0] = ch[0]
			if args := ch[0].Children(); len(args) > 0 {
				nargs := make([]plan.Expr, len(args))
				for i, c := range args {
					r, err := rewrite(c)
					if err != nil {
						return nil, err
					}
					nargs[i] = r
				}
				nch[0] = ch[0].WithChildren(nargs)
			}
			for i, c := range ch[1:] {
				r, err := rewrite(c)
				if err != nil {
					return nil, err
				}
				nch[i+1] = r
			}
			return x.WithChildren(nch), nil
		case *plan.AggregateCall:
			return hidden(x), nil
		case *plan.Literal, *plan.OuterRef, *plan.ScalarSubquery, *plan.Exists:
			return e, nil
		case *plan.AttributeRef:
			if groupKeys[k] {
				return hidden(x), nil
			}
			return nil, analysisError("MISSING_AGGREGATION", "42803",
				"The non-aggregating expression <expression> is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use <expressionAnyValue> if you do not care which of the values within a group is returned.",
				map[string]string{"expression": sqlExpr(x), "expressionAnyValue": `"any_value(` + x.String() + `)"`})
		}
		if groupKeys[k] {
			return hidden(e), nil
		}
		ch := e.Children()
		if len(ch) == 0 {
			return e, nil
		}
		nch := make([]plan.Expr, len(ch))
		for i, c := range ch {
			r, err := rewrite(c)
			if err != nil {
				return nil, err
			}
			nch[i] = r
		}
		return e.WithChildren(nch), nil
	}
	res := make([]plan.Expr, len(es))
	for i, e := range es {
		r, err := rewrite(e)
		if err != nil {
			return nil, nil, err
		}
		res[i] = r
	}
	return &newAgg, res, nil
}

func checkOrderable(e plan.Expr) error {
	// A map or a variant anywhere inside makes a type unorderable.
	if types.ExistsRecursively(plan.TypeOf(e), func(t types.DataType) bool {
		switch t.(type) {
		case types.MapType, types.VariantType:
			return true
		}
		return false
	}) {
		return analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
			map[string]string{"sqlExpr": sqlExpr(e), "functionName": "`sortorder`", "dataType": sqlType(plan.TypeOf(e))})
	}
	return nil
}

// extractWindows moves window functions of a projection or aggregate into Window nodes
// below a projection that computes the rest (Spark's ExtractWindowExpressions).
func (a *analyzer) extractWindows(n plan.Node) (plan.Node, error) {
	return a.extractWindowsWith(n, nil)
}

// extractWindowsWith is extractWindows with, for an aggregate, an operator put between
// the aggregate and the windows (HAVING), built by between from the aggregate.
func (a *analyzer) extractWindowsWith(n plan.Node, between func(*plan.Aggregate) (plan.Node, error)) (plan.Node, error) {
	var exprs []plan.Expr
	switch n := n.(type) {
	case *plan.Project:
		exprs = n.Exprs
	case *plan.Aggregate:
		exprs = n.Exprs
	}
	has := false
	for _, e := range exprs {
		if plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.WindowCall); return ok }) {
			has = true
		}
	}
	if !has {
		return n, nil
	}
	// Compute the non-window parts first: for an aggregate, the window functions' inputs
	// are pushed into the aggregate; for a projection, they are computed from its input.
	var base plan.Node
	var windows []*plan.Alias
	rewriteWindow := func(e plan.Expr) (plan.Expr, error) {
		return plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
			w, ok := x.(*plan.WindowCall)
			if !ok {
				return x, nil
			}
			al := &plan.Alias{Child: w, Name: w.String(), ID: plan.NewExprID()}
			windows = append(windows, al)
			return plan.ToAttribute(al), nil
		})
	}
	top := make([]plan.Expr, len(exprs))
	for i, e := range exprs {
		r, err := rewriteWindow(e)
		if err != nil {
			return nil, err
		}
		top[i] = r
	}
	switch n := n.(type) {
	case *plan.Project:
		base = n.Child
	case *plan.Aggregate:
		// The aggregate outputs its non-window select items plus what the window
		// functions read.
		inner := &plan.Aggregate{Child: n.Child, Groups: n.Groups, GroupingSets: n.GroupingSets}
		windowIDs := map[plan.ExprID]bool{}
		for _, w := range windows {
			windowIDs[w.ID] = true
		}
		// Items over window functions are computed above the windows; the aggregates
		// they read besides (sum(x) * 100 / sum(sum(x)) OVER w) become aggregate outputs.
		var overWindows []int
		for i, e := range top {
			if plan.Any(e, func(x plan.Expr) bool {
				at, ok := x.(*plan.AttributeRef)
				return ok && windowIDs[at.ID]
			}) {
				overWindows = append(overWindows, i)
			} else {
				inner.Exprs = append(inner.Exprs, e)
			}
		}
		wexprs := make([]plan.Expr, len(windows), len(windows)+len(overWindows))
		for i, w := range windows {
			wexprs[i] = w.Child
		}
		for _, i := range overWindows {
			wexprs = append(wexprs, top[i])
		}
		agg, res, err := a.pushIntoAggregate(inner, wexprs, windowIDs)
		if err != nil {
			return nil, err
		}
		for i, w := range windows {
			if _, ok := res[i].(*plan.WindowCall); !ok {
				// A window function used as a grouping key (GROUP BY 1 on it).
				return nil, analysisError("UNSUPPORTED_EXPR_FOR_OPERATOR", "42K0E",
					"A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [<invalidExprSqls>]",
					map[string]string{"invalidExprSqls": sqlExpr(w.Child)})
			}
			w.Child = res[i]
		}
		for k, i := range overWindows {
			top[i] = res[len(windows)+k]
		}
		base = agg
		if between != nil {
			if base, err = between(agg); err != nil {
				return nil, err
			}
		}
		// Items of the select list that were aggregates are now the aggregate's outputs.
		aggOut := agg.Output()
		for i, e := range top {
			for j, ie := range inner.Exprs {
				if e == ie {
					top[i] = aggOut[j]
				}
			}
		}
	}
	// Group the window functions by their spec; each group becomes one Window node.
	var node plan.Node = base
	for len(windows) > 0 {
		spec := windows[0].Child.(*plan.WindowCall).Spec
		key := specKey(spec)
		var same, rest []*plan.Alias
		for _, w := range windows {
			if specKey(w.Child.(*plan.WindowCall).Spec) == key {
				same = append(same, w)
			} else {
				rest = append(rest, w)
			}
		}
		wn := &plan.Window{Child: node, PartitionBy: spec.PartitionBy, OrderBy: spec.OrderBy}
		for _, w := range same {
			wn.Exprs = append(wn.Exprs, w)
		}
		node = wn
		windows = rest
	}
	return &plan.Project{Child: node, Exprs: top}, nil
}

func specKey(s *plan.WindowSpec) string {
	var b strings.Builder
	for _, p := range s.PartitionBy {
		b.WriteString(plan.SemanticKey(p) + ";")
	}
	b.WriteString("|")
	for _, o := range s.OrderBy {
		fmt.Fprintf(&b, "%s:%t:%t;", plan.SemanticKey(o.Child), o.Descending, o.NullsFirst)
	}
	return b.String()
}

func groupList(gs []plan.Expr) string {
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.String()
	}
	return strings.Join(names, ",")
}
