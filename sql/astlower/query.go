package astlower

import (
	"fmt"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Options are the session settings lowering depends on.
type Options struct {
	// TimestampNTZ makes TIMESTAMP mean TIMESTAMP_NTZ (spark.sql.timestampType).
	TimestampNTZ bool
	// LegacyInterval makes interval literals CalendarIntervals
	// (spark.sql.legacy.interval.enabled).
	LegacyInterval bool
	// TimeZone is the session time zone, in which TIMESTAMP literals with a zone of their
	// own are named; nil leaves their text as written.
	TimeZone *time.Location
	// IdentifierParams are the string values bound to the statement's parameter markers
	// (EXECUTE IMMEDIATE ... USING), by marker name, for IDENTIFIER(:p) names.
	IdentifierParams map[string]string
	// selectItem is set while lowering the items of a select list, where a backquoted
	// name may be a regular expression over column names.
	selectItem bool
}

func names(ids []*ast.Ident) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.Name
	}
	return out
}

func notImplemented(what string) error { return sparkerror.NotImplemented(what) }

// Query lowers a query.
func (o Options) Query(q *ast.Query) (plan.Node, error) {
	n, err := o.queryExpr(q.Body)
	if err != nil {
		return nil, err
	}
	n, err = o.organize(n, q)
	if err != nil {
		return nil, err
	}
	if q.With != nil {
		return o.withClause(q.With, n)
	}
	return n, nil
}

// organize applies ORDER BY / SORT BY / DISTRIBUTE BY / CLUSTER BY / LIMIT / OFFSET.
func (o Options) organize(n plan.Node, q *ast.Query) (plan.Node, error) {
	if len(q.Windows) > 0 {
		var err error
		if n, err = o.windowClauseOver(n, q.Windows); err != nil {
			return nil, err
		}
	}
	if len(q.OrderBy) > 0 {
		orders, err := o.sortItems(q.OrderBy)
		if err != nil {
			return nil, err
		}
		n = &plan.Sort{Child: n, Orders: orders, Global: true}
	}
	if len(q.ClusterBy) > 0 || len(q.DistributeBy) > 0 {
		keys := q.ClusterBy
		if len(keys) == 0 {
			keys = q.DistributeBy
		}
		ks, err := o.exprs(keys)
		if err != nil {
			return nil, err
		}
		n = &plan.Repartition{Child: n, Keys: ks, Shuffle: true}
		if len(q.ClusterBy) > 0 {
			orders := make([]*plan.SortOrder, len(ks))
			for i, k := range ks {
				orders[i] = &plan.SortOrder{Child: k, NullsFirst: true}
			}
			n = &plan.Sort{Child: n, Orders: orders}
		}
	}
	if len(q.SortBy) > 0 {
		orders, err := o.sortItems(q.SortBy)
		if err != nil {
			return nil, err
		}
		n = &plan.Sort{Child: n, Orders: orders}
	}
	if q.Offset != nil {
		e, err := o.Expr(q.Offset)
		if err != nil {
			return nil, err
		}
		n = &plan.Offset{Child: n, N: e}
	}
	if q.Limit != nil {
		e, err := o.Expr(q.Limit)
		if err != nil {
			return nil, err
		}
		n = &plan.Limit{Child: n, N: e}
	} else if q.LimitAll {
		n = &plan.LimitAll{Child: n}
	}
	return n, nil
}

func (o Options) sortItems(items []*ast.SortItem) ([]*plan.SortOrder, error) {
	out := make([]*plan.SortOrder, len(items))
	for i, it := range items {
		e, err := o.Expr(it.X)
		if err != nil {
			return nil, err
		}
		desc := it.Dir == ast.SortDesc
		// Spark's default: NULLS FIRST ascending, NULLS LAST descending.
		nullsFirst := !desc
		switch it.Nulls {
		case ast.NullsFirst:
			nullsFirst = true
		case ast.NullsLast:
			nullsFirst = false
		}
		out[i] = &plan.SortOrder{Child: e, Descending: desc, NullsFirst: nullsFirst, Explicit: it.Nulls != ast.NullsOrderDefault}
	}
	return out, nil
}

func (o Options) queryExpr(q ast.QueryExpr) (plan.Node, error) {
	switch q := q.(type) {
	case *ast.Select:
		return o.selectBlock(q, nil)
	case *ast.ParenQuery:
		return o.Query(q.Query)
	case *ast.Values:
		return o.values(q)
	case *ast.TableQuery:
		if q.NameExpr != nil {
			return nil, notImplemented("TABLE IDENTIFIER(...)")
		}
		return &plan.UnresolvedRelation{Name: names(q.Name)}, nil
	case *ast.SetOp:
		l, err := o.queryExpr(q.Left)
		if err != nil {
			return nil, err
		}
		r, err := o.queryExpr(q.Right)
		if err != nil {
			return nil, err
		}
		kind := map[ast.SetOpKind]plan.SetOpKind{ast.Union: plan.UnionOp, ast.Intersect: plan.IntersectOp, ast.Except: plan.ExceptOp}[q.Op]
		n := plan.Node(&plan.SetOp{Left: l, Right: r, Kind: kind, All: q.Quantifier == ast.QuantAll})
		if q.Quantifier != ast.QuantAll && kind == plan.UnionOp {
			n = &plan.Distinct{Child: n}
		}
		return n, nil
	case *ast.FromQuery:
		from, err := o.from(q.From)
		if err != nil {
			return nil, err
		}
		if len(q.Bodies) == 0 {
			return from, nil
		}
		var out plan.Node
		for _, b := range q.Bodies {
			n, err := o.selectBlock(b.Select, from)
			if err != nil {
				return nil, err
			}
			if b.Org != nil {
				if n, err = o.organize(n, b.Org); err != nil {
					return nil, err
				}
			}
			if out == nil {
				out = n
			} else {
				out = &plan.SetOp{Left: out, Right: n, Kind: plan.UnionOp, All: true}
			}
		}
		return out, nil
	case *ast.PipeOp:
		return o.pipe(q)
	}
	return nil, notImplemented(fmt.Sprintf("the query form %T", q))
}

// pipe lowers query |> operator as Spark's AstBuilder does: each operator applies to the
// relation on its left.
func (o Options) pipe(p *ast.PipeOp) (plan.Node, error) {
	left, err := o.queryExpr(p.Left)
	if err != nil {
		return nil, err
	}
	switch p.Kind {
	case "SELECT":
		items, err := o.selectItems(p.Select.Items)
		if err != nil {
			return nil, err
		}
		if len(p.Select.Windows) > 0 {
			if items, err = substituteWindows(items, p.Select.Windows, o); err != nil {
				return nil, err
			}
		}
		var n plan.Node = &plan.Project{Child: left, Exprs: items, PipeClause: "SELECT"}
		if p.Select.Quantifier == ast.QuantDistinct {
			n = &plan.Distinct{Child: n}
		}
		return n, nil
	case "EXTEND":
		items, err := o.exprs(p.Extend)
		if err != nil {
			return nil, err
		}
		if err := pipeExtendStar(items); err != nil {
			return nil, err
		}
		return &plan.Project{Child: left, Exprs: append([]plan.Expr{&plan.UnresolvedStar{}}, items...), PipeClause: "EXTEND"}, nil
	case "SET":
		// Each assignment sees the ones before it: one projection per assignment.
		n := left
		for _, a := range p.Set {
			v, err := o.Expr(a.Value)
			if err != nil {
				return nil, err
			}
			star := &plan.UnresolvedStar{Replace: []plan.StarReplacement{{Name: names(a.Name), Value: v}}}
			n = &plan.Project{Child: n, Exprs: []plan.Expr{star}, PipeClause: "SET"}
		}
		return n, nil
	case "DROP":
		star := &plan.UnresolvedStar{}
		for _, d := range p.Drop {
			star.Except = append(star.Except, names(d))
		}
		if err := exceptOverlap(star.Except); err != nil {
			return nil, err
		}
		return &plan.Project{Child: left, Exprs: []plan.Expr{star}}, nil
	case "AS":
		return &plan.SubqueryAlias{Child: left, Alias: []string{p.AsName.Name}}, nil
	case "WHERE":
		cond, err := o.Expr(p.Select.Where)
		if err != nil {
			return nil, err
		}
		return &plan.Filter{Child: left, Cond: cond}, nil
	case "AGGREGATE":
		items, err := o.selectItems(p.Select.Items)
		if err != nil {
			return nil, err
		}
		return o.pipeAggregate(left, items, p.Select.GroupBy)
	case "JOIN":
		return o.joinOver(left, p.Join)
	case "UNION", "EXCEPT", "INTERSECT":
		right, err := o.queryExpr(p.SetOp.Right)
		if err != nil {
			return nil, err
		}
		kind := map[ast.SetOpKind]plan.SetOpKind{ast.Union: plan.UnionOp, ast.Intersect: plan.IntersectOp, ast.Except: plan.ExceptOp}[p.SetOp.Op]
		n := plan.Node(&plan.SetOp{Left: left, Right: right, Kind: kind, All: p.SetOp.Quantifier == ast.QuantAll})
		if p.SetOp.Quantifier != ast.QuantAll && kind == plan.UnionOp {
			n = &plan.Distinct{Child: n}
		}
		return n, nil
	case "ORDER":
		return o.organize(left, p.Org)
	case "TABLESAMPLE":
		return o.sample(left, p.Sample)
	case "PIVOT":
		return o.pivot(left, p.Pivot)
	case "UNPIVOT":
		return o.unpivot(left, p.Unpivot)
	}
	return nil, notImplemented("the pipe operator |> " + p.Kind)
}

func (o Options) values(v *ast.Values) (plan.Node, error) {
	n := &plan.Values{}
	for _, row := range v.Rows {
		var items []ast.Expr
		if r, ok := row.(*ast.RowExpr); ok {
			items = r.Items
		} else if p, ok := row.(*ast.ParenExpr); ok {
			items = []ast.Expr{p.X}
		} else {
			items = []ast.Expr{row}
		}
		es, err := o.exprs(items)
		if err != nil {
			return nil, err
		}
		n.Rows = append(n.Rows, es)
	}
	var out plan.Node = n
	if v.Alias != nil {
		n.Names = names(v.Alias.Columns)
		out = &plan.SubqueryAlias{Child: n, Alias: []string{v.Alias.Name.Name}}
	}
	return out, nil
}

// selectBlock lowers SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... the way
// Spark's AstBuilder does: Project (or Aggregate) over Filter over the FROM relation.
// from, when set, is the relation of a FROM-first query.
func (o Options) selectBlock(s *ast.Select, from plan.Node) (plan.Node, error) {
	if s.Transform != nil {
		return o.transformBlock(s, from)
	}
	var n plan.Node = plan.OneRow{}
	if from != nil {
		n = from
	}
	if s.From != nil {
		var err error
		if n, err = o.from(s.From); err != nil {
			return nil, err
		}
	}
	if len(s.LateralViews) > 0 {
		var err error
		if n, err = o.lateralViews(n, s.LateralViews); err != nil {
			return nil, err
		}
	}
	if s.Where != nil {
		cond, err := o.Expr(s.Where)
		if err != nil {
			return nil, err
		}
		n = &plan.Filter{Child: n, Cond: cond}
	}
	items, err := o.selectItems(s.Items)
	if err != nil {
		return nil, err
	}
	if len(s.Windows) > 0 {
		if items, err = substituteWindows(items, s.Windows, o); err != nil {
			return nil, err
		}
	}
	if s.GroupBy != nil || s.Having != nil {
		agg := &plan.Aggregate{Child: n, Exprs: items}
		if s.GroupBy != nil {
			if err := o.groupBy(agg, s.GroupBy); err != nil {
				return nil, err
			}
		}
		n = agg
		if s.Having != nil {
			cond, err := o.Expr(s.Having)
			if err != nil {
				return nil, err
			}
			n = &plan.Filter{Child: n, Cond: cond, Having: true}
		}
	} else {
		n = &plan.Project{Child: n, Exprs: items}
	}
	if s.Quantifier == ast.QuantDistinct {
		n = &plan.Distinct{Child: n}
	}
	return n, nil
}

func (o Options) groupBy(agg *plan.Aggregate, g *ast.GroupBy) error {
	if g.IsGroupByAll() {
		agg.GroupByAll = true
		return nil
	}
	// Each item contributes a list of grouping sets (a plain expression: one set of one
	// expression); the query's sets are their cartesian product, as Spark builds them.
	sets := [][]plan.Expr{{}}
	analytics := false
	for _, it := range g.Items {
		var itemSets [][]plan.Expr
		if ga, ok := it.(*ast.GroupingAnalytics); ok {
			analytics = true
			var err error
			if itemSets, err = o.groupingSets(ga); err != nil {
				return err
			}
		} else {
			e, err := o.Expr(it)
			if err != nil {
				return err
			}
			itemSets = [][]plan.Expr{{e}}
		}
		var product [][]plan.Expr
		for _, a := range sets {
			for _, b := range itemSets {
				product = append(product, append(append([]plan.Expr(nil), a...), b...))
			}
		}
		sets = product
	}
	switch g.Modifier {
	case "":
	case "ROLLUP", "CUBE":
		// GROUP BY a, b WITH ROLLUP is ROLLUP(a, b).
		elems := make([][]plan.Expr, len(sets[0]))
		for i, e := range sets[0] {
			elems[i] = []plan.Expr{e}
		}
		if g.Modifier == "ROLLUP" {
			sets = rollupSets(elems)
		} else {
			sets = cubeSets(elems)
		}
		analytics = true
	case "GROUPING SETS":
		// GROUP BY a, b GROUPING SETS ((a), (b)): the listed sets over those expressions.
		groups := sets[0]
		sets = nil
		for _, gs := range g.Sets {
			xs, err := o.exprs(gs.Exprs)
			if err != nil {
				return err
			}
			sets = append(sets, xs)
		}
		agg.Groups = groups
		analytics = true
	default:
		return notImplemented("GROUP BY ... WITH " + g.Modifier)
	}
	if !analytics {
		agg.Groups = sets[0]
		return nil
	}
	agg.Groups, agg.GroupingSets = indexGroupingSets(agg.Groups, sets)
	return nil
}

// groupingSets expands ROLLUP, CUBE and GROUPING SETS into their grouping sets.
func (o Options) groupingSets(ga *ast.GroupingAnalytics) ([][]plan.Expr, error) {
	var elems [][]plan.Expr // ROLLUP/CUBE elements, each one or more expressions
	var sets [][]plan.Expr
	for _, el := range ga.Elements {
		switch x := el.(type) {
		case *ast.GroupingAnalytics:
			if ga.Kind != ast.GroupingSets {
				return nil, notImplemented("nested " + x.Kind.String() + " inside " + ga.Kind.String())
			}
			inner, err := o.groupingSets(x)
			if err != nil {
				return nil, err
			}
			sets = append(sets, inner...)
		case *ast.GroupingSet:
			xs, err := o.exprs(x.Exprs)
			if err != nil {
				return nil, err
			}
			elems = append(elems, xs)
			sets = append(sets, xs)
		default:
			e, err := o.Expr(el)
			if err != nil {
				return nil, err
			}
			elems = append(elems, []plan.Expr{e})
			sets = append(sets, []plan.Expr{e})
		}
	}
	switch ga.Kind {
	case ast.Rollup:
		return rollupSets(elems), nil
	case ast.Cube:
		if len(elems) > 12 {
			return nil, sparkerror.New(sparkerror.Analysis, "GROUPING_SIZE_LIMIT_EXCEEDED", "54000",
				"Grouping sets size cannot be greater than <maxSize>.", map[string]string{"maxSize": "4096"})
		}
		return cubeSets(elems), nil
	}
	return sets, nil
}

// rollupSets are the prefixes of the elements, longest first: (a, b), (a), ().
func rollupSets(elems [][]plan.Expr) [][]plan.Expr {
	var out [][]plan.Expr
	for n := len(elems); n >= 0; n-- {
		var set []plan.Expr
		for _, e := range elems[:n] {
			set = append(set, e...)
		}
		out = append(out, set)
	}
	return out
}

// cubeSets are all subsets in Spark's order: for (a, b): (a, b), (a), (b), ().
func cubeSets(elems [][]plan.Expr) [][]plan.Expr {
	if len(elems) == 0 {
		return [][]plan.Expr{{}}
	}
	rest := cubeSets(elems[1:])
	out := make([][]plan.Expr, 0, 2*len(rest))
	for _, r := range rest {
		out = append(out, append(append([]plan.Expr(nil), elems[0]...), r...))
	}
	return append(out, rest...)
}

// indexGroupingSets lists the distinct grouping expressions (first the plain ones, then in
// order of appearance) and each set as indexes into them.
func indexGroupingSets(plain []plan.Expr, sets [][]plan.Expr) ([]plan.Expr, [][]int) {
	var groups []plan.Expr
	index := map[string]int{}
	add := func(e plan.Expr) int {
		k := e.String()
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(groups)
		groups = append(groups, e)
		return len(groups) - 1
	}
	for _, e := range plain {
		add(e)
	}
	out := make([][]int, len(sets))
	for i, s := range sets {
		out[i] = []int{}
		for _, e := range s {
			out[i] = append(out[i], add(e))
		}
	}
	return groups, out
}

// substituteWindows replaces references to named windows (OVER w) by their definitions.
func substituteWindows(items []plan.Expr, defs []*ast.NamedWindow, o Options) ([]plan.Expr, error) {
	specs := map[string]*plan.WindowSpec{}
	for _, d := range defs {
		sp, err := o.windowSpec(d.Spec)
		if err != nil {
			return nil, err
		}
		specs[strings.ToLower(d.Name.Name)] = sp
	}
	out := make([]plan.Expr, len(items))
	for i, it := range items {
		r, err := plan.Transform(it, func(e plan.Expr) (plan.Expr, error) {
			w, ok := e.(*plan.WindowExpr)
			if !ok || w.Spec.Name == "" {
				return e, nil
			}
			sp, found := specs[strings.ToLower(w.Spec.Name)]
			if !found {
				// The innermost WINDOW clause must define every window its query names.
				return nil, missingWindow(w.Spec.Name)
			}
			return &plan.WindowExpr{Func: w.Func, Spec: sp}, nil
		})
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// from lowers a FROM clause: comma-separated relations are cross joins.
func (o Options) from(f *ast.From) (plan.Node, error) {
	var n plan.Node
	for _, r := range f.Relations {
		x, err := o.relation(r)
		if err != nil {
			return nil, err
		}
		if n == nil {
			n = x
		} else {
			lateral := false
			if sr, ok := r.(*ast.SubqueryRelation); ok && sr.Lateral {
				lateral = true
			}
			if tf, ok := r.(*ast.TableFunction); ok && tf.Lateral {
				lateral = true
			}
			n = &plan.Join{Left: n, Right: x, Type: plan.CrossJoin, Lateral: lateral}
		}
	}
	if len(f.LateralViews) > 0 {
		var err error
		if n, err = o.lateralViews(n, f.LateralViews); err != nil {
			return nil, err
		}
	}
	if f.Pivot != nil {
		return o.pivot(n, f.Pivot)
	}
	if f.Unpivot != nil {
		return o.unpivot(n, f.Unpivot)
	}
	return n, nil
}

func withAlias(n plan.Node, a *ast.TableAlias) plan.Node {
	if a == nil {
		return n
	}
	if len(a.Columns) > 0 {
		n = &plan.RenameColumns{Child: n, Names: names(a.Columns)}
	}
	return &plan.SubqueryAlias{Child: n, Alias: []string{a.Name.Name}}
}

func (o Options) relation(r ast.Relation) (plan.Node, error) {
	switch r := r.(type) {
	case *ast.TableName:
		if r.NameExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) table names")
		}
		if r.Temporal != nil {
			return nil, notImplemented("time travel (VERSION/TIMESTAMP AS OF)")
		}
		var n plan.Node = &plan.UnresolvedRelation{Name: names(r.Name)}
		if r.Sample != nil {
			var err error
			if n, err = o.sample(n, r.Sample); err != nil {
				return nil, err
			}
		}
		return withAlias(n, r.Alias), nil
	case *ast.SubqueryRelation:
		q, err := o.Query(r.Query)
		if err != nil {
			return nil, err
		}
		if r.Sample != nil {
			if q, err = o.sample(q, r.Sample); err != nil {
				return nil, err
			}
		}
		if r.Alias == nil {
			// Spark names an unaliased subquery __auto_generated_subquery_name.
			return &plan.SubqueryAlias{Child: q, Alias: []string{"__auto_generated_subquery_name"}}, nil
		}
		return withAlias(q, r.Alias), nil
	case *ast.ParenRelation:
		n, err := o.relation(r.Relation)
		if err != nil {
			return nil, err
		}
		return withAlias(n, r.Alias), nil
	case *ast.TableFunction:
		if r.Call.NameExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) table functions")
		}
		args := make([]plan.Expr, 0, len(r.Call.Args))
		var argNames []string
		for _, a := range r.Call.Args {
			if _, ok := a.(*ast.TableArg); ok {
				return nil, notImplemented("TABLE arguments of table-valued functions")
			}
			name := ""
			if na, ok := a.(*ast.NamedArg); ok {
				a, name = na.Value, na.Name.Name
			}
			e, err := o.Expr(a)
			if err != nil {
				return nil, err
			}
			args = append(args, e)
			if name != "" {
				for len(argNames) < len(args)-1 {
					argNames = append(argNames, "")
				}
				argNames = append(argNames, name)
			}
		}
		var n plan.Node = &plan.UnresolvedTableFunction{Name: names(r.Call.Name), Args: args, ArgNames: argNames}
		return withAlias(n, r.Alias), nil
	case *ast.Values:
		return o.values(r)
	case *ast.Join:
		l, err := o.relation(r.Left)
		if err != nil {
			return nil, err
		}
		return o.joinOver(l, r)
	case *ast.PivotRelation:
		n, err := o.relation(r.Source)
		if err != nil {
			return nil, err
		}
		return o.pivot(n, r.Pivot)
	case *ast.UnpivotRelation:
		n, err := o.relation(r.Source)
		if err != nil {
			return nil, err
		}
		return o.unpivot(n, r.Unpivot)
	}
	return nil, notImplemented(fmt.Sprintf("the relation %T", r))
}

// joinOver joins l with the right side of r (a pipe JOIN has no left relation of its own).
func (o Options) joinOver(l plan.Node, r *ast.Join) (plan.Node, error) {
	rt, err := o.relation(r.Right)
	if err != nil {
		return nil, err
	}
	jt := map[ast.JoinType]plan.JoinType{ast.InnerJoin: plan.InnerJoin, ast.CrossJoin: plan.CrossJoin,
		ast.LeftOuterJoin: plan.LeftOuterJoin, ast.RightOuterJoin: plan.RightOuterJoin,
		ast.FullOuterJoin: plan.FullOuterJoin, ast.LeftSemiJoin: plan.LeftSemiJoin, ast.LeftAntiJoin: plan.LeftAntiJoin}[r.Type]
	j := &plan.Join{Left: l, Right: rt, Type: jt, Natural: r.Natural, Lateral: r.Lateral, Using: names(r.Using)}
	if r.On != nil {
		if j.Cond, err = o.Expr(r.On); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// lateralViews applies LATERAL VIEW [OUTER] gen(args) table AS names, in order, each as an
// unresolved Generate over the relation so far (the analyzer resolves the call).
func (o Options) lateralViews(n plan.Node, lvs []*ast.LateralView) (plan.Node, error) {
	for _, lv := range lvs {
		if lv.Func == nil {
			return nil, notImplemented("LATERAL VIEW without a function call")
		}
		g, err := o.funcCall(lv.Func)
		if err != nil {
			return nil, err
		}
		gen := &plan.Generate{Child: n, Generator: g, Outer: lv.Outer, Names: names(lv.Columns)}
		if lv.Table != nil {
			// Spark lower-cases the view's name.
			gen.Qualifier = strings.ToLower(lv.Table.Name)
		}
		n = gen
	}
	return n, nil
}
