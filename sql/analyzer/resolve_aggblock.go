package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// An aggregate query resolves in two steps, as in Spark, where HAVING and ORDER BY see the
// Aggregate operator before its lateral column aliases and (for HAVING) its window
// functions are split into operators of their own: first the select list and the grouping
// (an aggBlock, which HAVING and ORDER BY may still add outputs to), then the operators
// that compute it (finishAgg).

// aggBlock is a resolved aggregate whose select list may still read lateral aliases and
// hold window functions.
type aggBlock struct {
	agg     *plan.Aggregate
	lateral map[plan.ExprID]bool
	// visible is the number of select items; the outputs after them are extras HAVING and
	// ORDER BY added, which a projection drops at the end.
	visible int
}

func (b *aggBlock) output() []*plan.AttributeRef { return b.agg.Output()[:b.visible] }

func (b *aggBlock) hasExtras() bool { return len(b.agg.Exprs) > b.visible }

func (b *aggBlock) hasWindows() bool {
	for _, e := range b.agg.Exprs {
		if plan.Any(e, func(x plan.Expr) bool { _, ok := x.(*plan.WindowCall); return ok }) {
			return true
		}
	}
	return false
}

// aggQuery is an aggregate block with the condition of its HAVING clause, if any (a
// condition that needed no extra outputs: otherwise the query is finished at once, and
// ORDER BY sees a projection, as in Spark).
type aggQuery struct {
	blk    *aggBlock
	having plan.Expr
}

// aggregateQuery resolves n when it is a select query (a projection or aggregate, with
// its HAVING): an aggregate comes back open, as an aggQuery; anything else resolved.
func (a *analyzer) aggregateQuery(n plan.Node, outer *scope) (*aggQuery, plan.Node, error) {
	var having *plan.Filter
	if f, ok := n.(*plan.Filter); ok && f.Having {
		having = f
		n = f.Child
	}
	if having != nil && a.havingAsWhere(n) {
		// spark.sql.legacy.parser.havingWithoutGroupByAsWhere: HAVING without GROUP BY
		// filters the input, as WHERE would.
		agg := n.(*plan.Aggregate)
		n = &plan.Project{Child: &plan.Filter{Child: agg.Child, Cond: having.Cond}, Exprs: agg.Exprs}
		having = nil
	}
	var blk *aggBlock
	var done plan.Node
	var err error
	switch x := n.(type) {
	case *plan.Project:
		blk, done, err = a.projectBlock(x, outer)
	case *plan.Aggregate:
		blk, done, err = a.aggregateBlock(x, outer)
	default:
		if having == nil {
			return nil, nil, nil
		}
		done, err = a.node(n, outer)
	}
	if err != nil {
		return nil, nil, err
	}
	if blk == nil {
		if having != nil {
			done, err = a.filterResolved(having.Cond, done, outer)
		}
		return nil, done, err
	}
	if err := a.checkBlock(blk); err != nil {
		return nil, nil, err
	}
	q := &aggQuery{blk: blk}
	if having == nil {
		return q, nil, nil
	}
	if blk.hasWindows() {
		done, err := a.havingWithWindows(having.Cond, blk, outer)
		return nil, done, err
	}
	if err := a.having(q, having.Cond, outer); err != nil {
		return nil, nil, err
	}
	if blk.hasExtras() {
		done, err := a.finishQuery(q)
		return nil, done, err
	}
	return q, nil, nil
}

// finishQuery builds the operators of an aggregate query: the aggregate (and the
// projections of its lateral aliases, the windows of its window functions), its HAVING
// filter, and a projection dropping the extra outputs.
func (a *analyzer) finishQuery(q *aggQuery) (plan.Node, error) {
	n, err := a.finishAgg(q.blk)
	if err != nil {
		return nil, err
	}
	if q.having != nil {
		n = &plan.Filter{Child: n, Cond: q.having}
	}
	if q.blk.hasExtras() {
		n = projectAttrs(n, q.blk.output())
	}
	return n, nil
}

// finishAgg builds the operators computing an aggregate block's outputs (all of them,
// extras included).
func (a *analyzer) finishAgg(b *aggBlock) (plan.Node, error) {
	if len(b.lateral) > 0 {
		return a.aggregateWithLateral(b.agg, b.lateral)
	}
	b.agg.Exprs = normalizeAll(b.agg.Exprs, b.agg.Groups)
	if err := a.checkAggregate(b.agg); err != nil {
		return nil, err
	}
	return a.extractWindows(b.agg)
}

// checkBlock checks the select list of an aggregate block against its grouping, as
// Spark's CheckAnalysis does for the Aggregate before the operators above it.
func (a *analyzer) checkBlock(b *aggBlock) error {
	if len(b.lateral) > 0 {
		base, _ := a.lateralAggregate(b.agg, b.lateral)
		base.Exprs = normalizeAll(base.Exprs, base.Groups)
		return a.checkAggregate(base)
	}
	b.agg.Exprs = normalizeAll(b.agg.Exprs, b.agg.Groups)
	return a.checkAggregate(b.agg)
}

func normalizeAll(es []plan.Expr, groups []plan.Expr) []plan.Expr {
	if len(groups) == 0 {
		return es
	}
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		out[i] = normalizeToGroups(e, groups)
	}
	return out
}

// projectBlock resolves a projection; one whose select list has aggregates comes back as
// an aggregate block.
func (a *analyzer) projectBlock(n *plan.Project, outer *scope) (*aggBlock, plan.Node, error) {
	if selectHasGenerator(n.Exprs) {
		r, err := a.projectGenerators(n, n.Exprs, outer)
		return nil, r, err
	}
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, nil, err
	}
	sc := &scope{attrs: child.Output(), outer: outer, hidden: hiddenOf(child)}
	exprs, lateral, err := a.lateralSelectList(n.Exprs, sc)
	if err != nil {
		return nil, nil, err
	}
	// A pipe SELECT or EXTEND may read earlier aliases too; its aggregates fail below.
	if len(lateral) > 0 && (n.PipeClause == "" || !anyAggregate(exprs)) {
		lateralNames(n.Exprs, exprs, lateral)
		if anyAggregate(exprs) {
			return &aggBlock{agg: &plan.Aggregate{Child: child, Exprs: exprs}, lateral: lateral, visible: len(exprs)}, nil, nil
		}
		return nil, lateralProjections(child, exprs, lateral), nil
	}
	if n.PipeClause != "" {
		for _, e := range exprs {
			if x := firstAggregate(e); x != nil {
				return nil, nil, analysisError("PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION", "0A000",
					"Aggregate function <expr> is not allowed when using the pipe operator |> <clause> clause; please use the pipe operator |> AGGREGATE clause instead.",
					map[string]string{"expr": x.String(), "clause": n.PipeClause})
			}
		}
	}
	if anyAggregate(exprs) {
		return &aggBlock{agg: &plan.Aggregate{Child: child, Exprs: exprs}, visible: len(exprs)}, nil, nil
	}
	r, err := a.extractWindows(&plan.Project{Child: child, Exprs: exprs, PipeClause: n.PipeClause})
	return nil, r, err
}

// aggregateBlock resolves the select list and the grouping of an aggregate.
func (a *analyzer) aggregateBlock(n *plan.Aggregate, outer *scope) (*aggBlock, plan.Node, error) {
	if selectHasGenerator(n.Exprs) {
		r, err := a.projectGenerators(n, n.Exprs, outer)
		return nil, r, err
	}
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, nil, err
	}
	sc := &scope{attrs: child.Output(), outer: outer, hidden: hiddenOf(child)}
	exprs, lateral, err := a.lateralSelectList(n.Exprs, sc)
	if err != nil {
		return nil, nil, err
	}
	lateralNames(n.Exprs, exprs, lateral)
	groups, sets, err := a.grouping(n, exprs, sc, lateral)
	if err != nil {
		return nil, nil, err
	}
	for _, g := range groups {
		if w := firstWindowCall(g); w != nil {
			return nil, nil, analysisError("UNSUPPORTED_EXPR_FOR_OPERATOR", "42K0E",
				"A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [<invalidExprSqls>]",
				map[string]string{"invalidExprSqls": sqlExpr(w)})
		}
		if readsAny(g, lateral) {
			return nil, nil, analysisError("UNSUPPORTED_FEATURE.LATERAL_COLUMN_ALIAS_IN_GROUP_BY", "0A000",
				"The feature is not supported: Referencing lateral column alias via GROUP BY alias/ALL is not supported yet.", nil)
		}
	}
	agg := &plan.Aggregate{Child: child, Groups: groups, Exprs: exprs, GroupingSets: sets}
	return &aggBlock{agg: agg, lateral: lateral, visible: len(exprs)}, nil, nil
}

// grouping resolves GROUP BY: ordinals of the select list, columns of the input, aliases
// of the select list (spark.sql.groupByAliases), or GROUP BY ALL. Repeated expressions
// are kept once, with the grouping sets pointing at the one copy.
func (a *analyzer) grouping(n *plan.Aggregate, selectList []plan.Expr, sc *scope, lateral map[plan.ExprID]bool) ([]plan.Expr, [][]int, error) {
	if n.GroupByAll {
		if hits, _ := a.resolveIn(sc.attrs, []string{"all"}); len(hits) != 1 {
			if a.flag(confGroupByAliases, true) {
				// An item named all is GROUP BY alias first.
				for _, item := range selectList {
					if name, ok := selectItemName(item); ok && a.equalNames(name, "all") {
						return []plan.Expr{stripAlias(item)}, nil, nil
					}
				}
			}
			groups, err := groupByAll(selectList, lateral)
			return groups, nil, err
		}
		// A column named all: GROUP BY all groups by it.
		g, err := a.groupExpr(&plan.UnresolvedColumn{Parts: []string{"all"}}, selectList, sc)
		if err != nil {
			return nil, nil, err
		}
		return []plan.Expr{g}, nil, nil
	}
	ordinals := a.flag(confGroupByOrdinal, true)
	if ordinals && hasStar(n.Exprs) {
		for _, g := range n.Groups {
			if _, ok := ordinalOf(g); ok {
				return nil, nil, analysisError("STAR_GROUP_BY_POS", "0A000",
					"Star (*) is not allowed in a select list when GROUP BY an ordinal position is used.", nil)
			}
		}
	}
	groups := make([]plan.Expr, 0, len(n.Groups))
	for _, g := range n.Groups {
		if v, ok := ordinalOf(g); ok && ordinals {
			r, err := groupOrdinal(v, selectList)
			if err != nil {
				return nil, nil, err
			}
			groups = append(groups, r)
			continue
		}
		r, err := a.groupExpr(g, selectList, sc)
		if err != nil {
			return nil, nil, err
		}
		groups = append(groups, r)
	}
	return dedupGroups(groups, n.GroupingSets)
}

// ordinalOf reports whether e is a position in GROUP BY or ORDER BY: an integer literal.
func ordinalOf(e plan.Expr) (int, bool) {
	lit, ok := e.(*plan.Literal)
	if !ok {
		return 0, false
	}
	v, isInt := lit.Value.(int32)
	return int(v), isInt
}

func hasStar(items []plan.Expr) bool {
	for _, it := range items {
		if _, ok := it.(*plan.UnresolvedStar); ok {
			return true
		}
	}
	return false
}

func groupOrdinal(v int, selectList []plan.Expr) (plan.Expr, error) {
	if v < 1 || v > len(selectList) {
		return nil, analysisError("GROUP_BY_POS_OUT_OF_RANGE", "42805",
			"GROUP BY position <index> is not in select list (valid range is [1, <size>]).",
			map[string]string{"index": itoa(v), "size": itoa(len(selectList))})
	}
	item := selectList[v-1]
	if plan.Any(item, func(x plan.Expr) bool { _, ok := x.(*plan.AggregateCall); return ok }) {
		return nil, analysisError("GROUP_BY_POS_AGGREGATE", "42903",
			"GROUP BY <index> refers to an expression <aggExpr> that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.",
			map[string]string{"index": itoa(v), "aggExpr": sqlExpr(stripAlias(item))})
	}
	return stripAlias(item), nil
}

// groupExpr resolves one GROUP BY expression: its names against the input, then (those
// no column matches) against the aliases of the select list, then outer queries and
// variables.
func (a *analyzer) groupExpr(g plan.Expr, selectList []plan.Expr, sc *scope) (plan.Expr, error) {
	b := newNameBinder(a, g)
	if err := b.stage(&nameSource{attrs: sc.attrs, hidden: sc.hidden}, stageThrow); err != nil {
		return nil, err
	}
	if a.flag(confGroupByAliases, true) {
		for _, c := range b.unbound() {
			name := strings.Join(c.Parts, ".")
			for _, item := range selectList {
				itemName, ok := selectItemName(item)
				if ok && a.equalNames(itemName, name) {
					b.bindTo(c, stripAlias(item))
					break
				}
			}
		}
	}
	if err := b.lastResort(sc.outer, candidates(sc.attrs)); err != nil {
		return nil, err
	}
	r := b.substitute(g)
	if !isSelectItem(r, selectList) {
		// (A select item the whole expression names is resolved already: resolving its
		// subqueries again would give their columns new IDs.)
		var err error
		if r, err = a.expr(r, sc); err != nil {
			return nil, err
		}
	}
	if anyAggregate([]plan.Expr{r}) {
		return nil, analysisError("GROUP_BY_AGGREGATE", "42903",
			"Aggregate functions are not allowed in GROUP BY, but found <sqlExpr>.",
			map[string]string{"sqlExpr": sqlExpr(r)})
	}
	if err := variantGroupingError(r); err != nil {
		return nil, err
	}
	return r, nil
}

// selectItemName is the name of a resolved select item.
func selectItemName(e plan.Expr) (string, bool) {
	switch x := e.(type) {
	case *plan.Alias:
		return x.Name, true
	case *plan.AttributeRef:
		return x.Name, true
	}
	return "", false
}

// groupByAll infers GROUP BY ALL's grouping: the select items without aggregate
// functions. When there are none but an item reads a column outside its aggregates,
// Spark cannot infer the grouping.
func groupByAll(selectList []plan.Expr, lateral map[plan.ExprID]bool) ([]plan.Expr, error) {
	var groups []plan.Expr
	for _, e := range selectList {
		if !anyAggregate([]plan.Expr{e}) {
			groups = append(groups, stripAlias(e))
		}
	}
	if len(groups) == 0 {
		for _, e := range selectList {
			if readsColumnOutsideAggregate(e, lateral) {
				return nil, analysisError("UNRESOLVED_ALL_IN_GROUP_BY", "42803",
					"Cannot infer grouping columns for GROUP BY ALL based on the select clause. Please explicitly specify the grouping columns.", nil)
			}
		}
	}
	return groups, nil
}

func readsColumnOutsideAggregate(e plan.Expr, lateral map[plan.ExprID]bool) bool {
	found := false
	plan.Walk(e, func(x plan.Expr) bool {
		if found {
			return false
		}
		switch v := x.(type) {
		case *plan.AggregateCall:
			return false
		case *plan.AttributeRef:
			found = !lateral[v.ID] // a lateral alias is no column
		case *plan.ScalarSubquery:
			found = len(v.Query.Outer) > 0
		case *plan.Exists:
			found = len(v.Query.Outer) > 0
		case *plan.InSubquery:
			found = len(v.Query.Outer) > 0
		}
		return !found
	})
	return found
}

// dedupGroups keeps one copy of each grouping expression, renumbering the grouping sets.
func dedupGroups(groups []plan.Expr, sets [][]int) ([]plan.Expr, [][]int, error) {
	var out []plan.Expr
	index := make([]int, len(groups))
	seen := map[string]int{}
	for i, g := range groups {
		k := canonKey(g)
		if j, ok := seen[k]; ok {
			index[i] = j
			continue
		}
		seen[k] = len(out)
		index[i] = len(out)
		out = append(out, g)
	}
	if sets == nil {
		return out, nil, nil
	}
	newSets := make([][]int, len(sets))
	for s, set := range sets {
		newSets[s] = []int{}
		in := map[int]bool{}
		for _, i := range set {
			j := index[i]
			if !in[j] {
				in[j] = true
				newSets[s] = append(newSets[s], j)
			}
		}
	}
	return out, newSets, nil
}

// havingWithWindows resolves HAVING over an aggregate whose select list has window
// functions: as Spark's ExtractWindowExpressions does, the filter goes between the
// aggregate and the windows, and resolves as a filter over the aggregate.
func (a *analyzer) havingWithWindows(cond plan.Expr, b *aggBlock, outer *scope) (plan.Node, error) {
	if len(b.lateral) > 0 {
		var names []string
		for _, e := range b.agg.Exprs {
			plan.Walk(e, func(x plan.Expr) bool {
				if at, ok := x.(*plan.AttributeRef); ok && b.lateral[at.ID] {
					names = append(names, quoteID(at.Name))
				}
				return true
			})
		}
		return nil, analysisError("UNSUPPORTED_FEATURE.LATERAL_COLUMN_ALIAS_IN_AGGREGATE_WITH_WINDOW_AND_HAVING", "0A000",
			"The feature is not supported: Referencing a lateral column alias <lca> in the aggregate query both with window expressions and with having clause. Please rewrite the aggregate query by removing the having clause or removing lateral alias reference in the SELECT list.",
			map[string]string{"lca": strings.Join(names, ", ")})
	}
	b.agg.Exprs = normalizeAll(b.agg.Exprs, b.agg.Groups)
	if err := a.checkAggregate(b.agg); err != nil {
		return nil, err
	}
	return a.extractWindowsWith(b.agg, func(agg *plan.Aggregate) (plan.Node, error) {
		return a.filterResolved(cond, agg, outer)
	})
}

// castToBoolean makes a non-boolean HAVING condition a cast to BOOLEAN, as Spark's parser
// does for conditions that are not predicates.
func (a *analyzer) castToBoolean(e plan.Expr) (plan.Expr, error) {
	switch plan.TypeOf(e).(type) {
	case types.BooleanType, types.NullType:
		return e, nil
	}
	return a.cast(e, types.Boolean, false, false)
}

// havingAsWhere reports whether a HAVING over n is a WHERE: n is the aggregate Spark's
// parser makes for HAVING without GROUP BY, under the legacy setting.
func (a *analyzer) havingAsWhere(n plan.Node) bool {
	agg, ok := n.(*plan.Aggregate)
	return ok && len(agg.Groups) == 0 && agg.GroupingSets == nil && !agg.GroupByAll && a.flag(confHavingWithoutGroupBy, false)
}

func firstWindowCall(e plan.Expr) plan.Expr {
	var w plan.Expr
	plan.Walk(e, func(x plan.Expr) bool {
		if _, ok := x.(*plan.WindowCall); ok && w == nil {
			w = x
		}
		return w == nil
	})
	return w
}
