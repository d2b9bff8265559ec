package connect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// aggregate lowers groupBy, rollup, cube, groupingSets and pivot. The output is the
// grouping expressions followed by the aggregates, as RelationalGroupedDataset builds it.
func (l *lowerer) aggregate(a *connectpb.Aggregate) (plan.Node, error) {
	if a.GetInput() == nil {
		return nil, sparkerror.InvalidPlanInput("Aggregate needs a plan input")
	}
	child, err := l.relation(a.GetInput())
	if err != nil {
		return nil, err
	}
	groups, err := l.scalars(a.GetGroupingExpressions())
	if err != nil {
		return nil, err
	}
	aggs, err := l.scalars(a.GetAggregateExpressions())
	if err != nil {
		return nil, err
	}
	// Grouping keeps the expressions without their aliases (Spark's CleanupAliases); the
	// output keeps the aliases.
	keys := make([]plan.Expr, len(groups))
	for i, g := range groups {
		keys[i] = stripAlias(g)
	}
	n := &plan.Aggregate{Child: child, Groups: keys, Exprs: append(append([]plan.Expr(nil), groups...), aggs...)}
	switch a.GetGroupType() {
	case connectpb.Aggregate_GROUP_TYPE_GROUPBY:
	case connectpb.Aggregate_GROUP_TYPE_ROLLUP:
		n.GroupingSets = rollupSets(len(keys))
	case connectpb.Aggregate_GROUP_TYPE_CUBE:
		n.GroupingSets = cubeSets(len(keys))
	case connectpb.Aggregate_GROUP_TYPE_GROUPING_SETS:
		n.GroupingSets = [][]int{}
		for _, gs := range a.GetGroupingSets() {
			set := []int{}
			for _, e := range gs.GetGroupingSet() {
				x, err := l.scalar(e)
				if err != nil {
					return nil, err
				}
				x = stripAlias(x)
				i := indexOfExpr(n.Groups, x)
				if i < 0 {
					n.Groups = append(n.Groups, x)
					i = len(n.Groups) - 1
				}
				set = append(set, i)
			}
			n.GroupingSets = append(n.GroupingSets, set)
		}
	case connectpb.Aggregate_GROUP_TYPE_PIVOT:
		return l.pivot(child, groups, aggs, a.GetPivot())
	default:
		return nil, sparkerror.InvalidPlanInput("aggregate: unknown group type %s", a.GetGroupType())
	}
	return n, nil
}

func stripAlias(e plan.Expr) plan.Expr {
	if a, ok := e.(*plan.Alias); ok {
		return a.Child
	}
	return e
}

// rollupSets are ROLLUP's grouping sets: every prefix of the keys, longest first.
func rollupSets(n int) [][]int {
	out := make([][]int, 0, n+1)
	for k := n; k >= 0; k-- {
		set := make([]int, k)
		for i := range set {
			set[i] = i
		}
		out = append(out, set)
	}
	return out
}

// cubeSets are CUBE's grouping sets in Spark's order: for keys (a, b), (a, b), (a), (b), ().
func cubeSets(n int) [][]int {
	var rec func(from int) [][]int
	rec = func(from int) [][]int {
		if from == n {
			return [][]int{{}}
		}
		rest := rec(from + 1)
		out := make([][]int, 0, 2*len(rest))
		for _, s := range rest {
			out = append(out, append([]int{from}, s...))
		}
		return append(out, rest...)
	}
	return rec(0)
}

// exprKey identifies an unresolved expression structurally.
func exprKey(e plan.Expr) string {
	var b strings.Builder
	var walk func(e plan.Expr)
	walk = func(e plan.Expr) {
		fmt.Fprintf(&b, "%T", e)
		switch x := e.(type) {
		case *plan.UnresolvedColumn:
			fmt.Fprintf(&b, "%q", x.Parts)
		case *plan.Literal:
			fmt.Fprintf(&b, "[%s:%v]", x.Type.SQL(), x.Value)
		case *plan.UnresolvedFunction:
			fmt.Fprintf(&b, "%q%t%q", x.Name, x.Distinct, x.ArgNames)
		case *plan.Cast:
			fmt.Fprintf(&b, "[%s:%t]", x.To.SQL(), x.Try)
		case *plan.Alias:
			fmt.Fprintf(&b, "%q", x.Name)
		default:
			b.WriteString(e.String())
		}
		b.WriteByte('(')
		for _, c := range e.Children() {
			walk(c)
			b.WriteByte(',')
		}
		b.WriteByte(')')
	}
	walk(e)
	return b.String()
}

func indexOfExpr(es []plan.Expr, x plan.Expr) int {
	k := exprKey(x)
	for i, e := range es {
		if exprKey(e) == k {
			return i
		}
	}
	return -1
}

// pivot lowers groupBy(...).pivot(col, values).agg(...) as Spark's ResolvePivot rewrites
// it. When every aggregate is numeric or boolean Spark aggregates per (group, pivot
// value) and then picks each value's result (PivotFirst): a value without rows gives
// NULL. Otherwise each aggregate only sees the rows of its value (through IF), so e.g. an
// empty collect_list is []. Without values, the column's distinct values are computed
// first (pivotValues).
func (l *lowerer) pivot(child plan.Node, groups, aggs []plan.Expr, p *connectpb.Aggregate_Pivot) (plan.Node, error) {
	if p == nil {
		return nil, sparkerror.InvalidPlanInput("Aggregate with GROUP_TYPE_PIVOT requires a Pivot")
	}
	if len(aggs) == 0 {
		return nil, sparkerror.InvalidPlanInput("pivot needs at least one aggregate expression")
	}
	col, err := l.scalar(p.GetCol())
	if err != nil {
		return nil, err
	}
	values := make([]*plan.Literal, len(p.GetValues()))
	for i, v := range p.GetValues() {
		if values[i], err = l.literal(v); err != nil {
			return nil, err
		}
	}
	return l.pivotBy(child, groups, aggs, col, values)
}

// pivotBy is pivot with the pivot column and values lowered (values nil: computed).
func (l *lowerer) pivotBy(child plan.Node, groups, aggs []plan.Expr, col plan.Expr, values []*plan.Literal) (plan.Node, error) {
	var err error
	if len(values) == 0 {
		if values, err = l.pivotValues(child, col); err != nil {
			return nil, err
		}
	}
	keys := make([]plan.Expr, len(groups))
	for i, g := range groups {
		keys[i] = stripAlias(g)
	}
	// The names and types of the grouping columns and the pivot column.
	probe, err := l.analyzed(&plan.Project{Child: child, Exprs: append(append([]plan.Expr(nil), groups...), col)}, "pivot")
	if err != nil {
		return nil, err
	}
	probeOut := probe.Output()
	pivotType := probeOut[len(groups)].Type
	// The names and types of the aggregates.
	aggProbe, err := l.analyzed(&plan.Aggregate{Child: child, Groups: append(append([]plan.Expr(nil), keys...), col), Exprs: aggs}, "pivot")
	if err != nil {
		return nil, err
	}
	aggOut := aggProbe.Output()
	if len(aggOut) != len(aggs) {
		return nil, sparkerror.NotImplemented("pivot with aggregate expressions that expand to several columns")
	}
	name := func(v *plan.Literal, j int) string {
		s := castToStringText(v, l.zone())
		if len(aggs) == 1 {
			return s
		}
		return s + "_" + aggOut[j].Name
	}
	matches := func(pivot plan.Expr, v *plan.Literal) plan.Expr {
		return &plan.UnresolvedFunction{Name: []string{"<=>"}, Operator: true,
			Args: []plan.Expr{pivot, &plan.Cast{Child: v, To: pivotType}}}
	}
	nullLit := func() plan.Expr { return &plan.Literal{Type: types.Null, Text: "NULL"} }
	ifMatch := func(pivot plan.Expr, v *plan.Literal, e plan.Expr) plan.Expr {
		return &plan.UnresolvedFunction{Name: []string{"if"}, Args: []plan.Expr{matches(pivot, v), e, nullLit()}}
	}

	pivotFirst := true
	for _, a := range aggOut {
		if !pivotFirstType(a.Type) {
			pivotFirst = false
		}
	}
	if pivotFirst {
		gname := func(i int) string { return fmt.Sprintf("__pivot_g%d", i) }
		aname := func(j int) string { return fmt.Sprintf("__pivot_agg%d", j) }
		ref := func(name string) plan.Expr { return &plan.UnresolvedColumn{Parts: []string{name}} }
		var firstExprs, secondGroups, secondExprs []plan.Expr
		for i, k := range keys {
			firstExprs = append(firstExprs, &plan.Alias{Child: k, Name: gname(i)})
			secondGroups = append(secondGroups, ref(gname(i)))
			secondExprs = append(secondExprs, &plan.Alias{Child: ref(gname(i)), Name: probeOut[i].Name})
		}
		firstExprs = append(firstExprs, &plan.Alias{Child: col, Name: "__pivot_col"})
		for j, a := range aggs {
			firstExprs = append(firstExprs, &plan.Alias{Child: stripAlias(a), Name: aname(j)})
		}
		first := &plan.Aggregate{Child: child, Groups: append(append([]plan.Expr(nil), keys...), col), Exprs: firstExprs}
		for _, v := range values {
			for j := range aggs {
				pick := &plan.UnresolvedFunction{Name: []string{"first"},
					Args: []plan.Expr{ifMatch(ref("__pivot_col"), v, ref(aname(j))), &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}}}
				secondExprs = append(secondExprs, &plan.Alias{Child: pick, Name: name(v, j)})
			}
		}
		return &plan.Aggregate{Child: first, Groups: secondGroups, Exprs: secondExprs}, nil
	}

	resolvedChild, err := l.analyzed(child, "pivot")
	if err != nil {
		return nil, err
	}
	exprs := append([]plan.Expr(nil), groups...)
	for _, v := range values {
		for j, a := range aggs {
			filtered, err := l.filterAggregates(stripAlias(a), resolvedChild, func(e plan.Expr) plan.Expr { return ifMatch(col, v, e) })
			if err != nil {
				return nil, err
			}
			exprs = append(exprs, &plan.Alias{Child: filtered, Name: name(v, j)})
		}
	}
	return &plan.Aggregate{Child: child, Groups: keys, Exprs: exprs}, nil
}

// pivotFirstType is PivotFirst.supportsDataType: the types it can gather into an array.
func pivotFirstType(t types.DataType) bool {
	switch t.(type) {
	case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType,
		types.FloatType, types.DoubleType, types.DecimalType:
		return true
	}
	return false
}

// filterAggregates makes each aggregate call in e see only the rows wrap lets through:
// its arguments are wrapped (first and last also skip the resulting NULLs; the
// accuracy and percentage of percentile_approx stay as they are).
func (l *lowerer) filterAggregates(e plan.Expr, input plan.Node, wrap func(plan.Expr) plan.Expr) (plan.Expr, error) {
	if f, ok := e.(*plan.UnresolvedFunction); ok {
		if r, err := analyzer.ResolveExpr(f, input, *l.Analysis); err == nil {
			if _, isAgg := r.(*plan.AggregateCall); isAgg {
				g := *f
				g.Args = make([]plan.Expr, len(f.Args))
				for i, a := range f.Args {
					if _, star := a.(*plan.UnresolvedStar); star {
						a = intLiteral(1) // count(*) counts rows: count(1)
					}
					g.Args[i] = a
				}
				name := strings.ToLower(f.Name[len(f.Name)-1])
				switch name {
				case "first", "last", "first_value", "last_value":
					g.Args = []plan.Expr{wrap(g.Args[0]), &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}}
				case "percentile_approx", "approx_percentile":
					g.Args[0] = wrap(g.Args[0])
				default:
					for i := range g.Args {
						g.Args[i] = wrap(g.Args[i])
					}
				}
				g.ArgNames = f.ArgNames
				return &g, nil
			}
		}
	}
	ch := e.Children()
	if len(ch) == 0 {
		return e, nil
	}
	out := make([]plan.Expr, len(ch))
	for i, c := range ch {
		x, err := l.filterAggregates(c, input, wrap)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return e.WithChildren(out), nil
}

// pivotValues computes the values of pivot(col) without values as Spark's
// collectPivotValues does: the column's distinct values in ascending order (NULL first),
// at most spark.sql.pivotMaxValues of them.
func (l *lowerer) pivotValues(child plan.Node, col plan.Expr) ([]*plan.Literal, error) {
	if l.Collect == nil {
		return nil, sparkerror.NotImplemented("pivot without explicit values here (computing them needs a session to run a query)")
	}
	maxValues := int64(10000)
	if l.Analysis != nil && l.Analysis.Settings != nil {
		if v, err := strconv.ParseInt(strings.TrimSpace(l.Analysis.Settings.String("spark.sql.pivotMaxValues")), 10, 32); err == nil {
			maxValues = v
		}
	}
	value := &plan.UnresolvedColumn{Parts: []string{"__pivot_value"}}
	q := &plan.Sort{Global: true, Orders: []*plan.SortOrder{{Child: value, NullsFirst: true}},
		Child: &plan.Limit{N: &plan.Literal{Type: types.Integer, Value: int32(maxValues + 1), Text: strconv.FormatInt(maxValues+1, 10)},
			Child: &plan.Distinct{Child: &plan.Project{Child: child, Exprs: []plan.Expr{&plan.Alias{Child: stripAlias(col), Name: "__pivot_value"}}}}}}
	rows, err := l.Collect(q)
	if err != nil {
		return nil, err
	}
	if int64(len(rows)) > maxValues {
		return nil, sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1324", "",
			"The pivot column <pivotColumn> has more than <maxValues> distinct values, this could indicate an error. If this was intended, set <config> to at least the number of distinct values of the pivot column.",
			map[string]string{"pivotColumn": col.String(), "maxValues": strconv.FormatInt(maxValues, 10), "config": "spark.sql.pivotMaxValues"})
	}
	values := make([]*plan.Literal, len(rows))
	for i, r := range rows {
		values[i] = r[0]
	}
	return values, nil
}
