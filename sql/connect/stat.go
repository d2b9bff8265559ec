package connect

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// DataFrame.describe, summary, stat.cov and stat.corr, lowered to aggregates as Spark's
// StatFunctions computes them.

// describe is summary("count", "mean", "stddev", "min", "max") of the given columns.
func (l *lowerer) describe(d *connectpb.StatDescribe) (plan.Node, error) {
	child, err := l.input(d.GetInput(), "describe")
	if err != nil {
		return nil, err
	}
	if len(d.GetCols()) > 0 {
		cols := make([]plan.Expr, len(d.GetCols()))
		for i, c := range d.GetCols() {
			parts, err := parseAttributeName(c)
			if err != nil {
				return nil, err
			}
			cols[i] = &plan.UnresolvedColumn{Parts: parts}
		}
		child = &plan.Project{Child: child, Exprs: cols}
	}
	return l.summary(child, []string{"count", "mean", "stddev", "min", "max"})
}

// summary computes the statistics of every numeric and string column. Spark builds a
// map per column and explodes the statistic names; here one aggregate row holds every
// statistic (as a string), and a row per statistic picks its values out of it.
func (l *lowerer) summary(child plan.Node, stats []string) (plan.Node, error) {
	if len(stats) == 0 {
		stats = []string{"count", "mean", "stddev", "min", "25%", "50%", "75%", "max"}
	}
	percentiles := map[int]float64{}
	for i, s := range stats {
		if !strings.HasSuffix(s, "%") {
			continue
		}
		p, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
		if err != nil {
			return nil, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_2113", "",
				"Unable to parse <stats> as a percentile.", map[string]string{"stats": s})
		}
		percentiles[i] = p / 100
	}
	for _, p := range percentiles {
		if p < 0 || p > 1 {
			return nil, requirementFailed("Percentiles must be in the range [0, 1]")
		}
	}
	resolved, err := l.analyzed(child, "summary")
	if err != nil {
		return nil, err
	}
	var cols []*plan.AttributeRef
	for _, o := range resolved.Output() {
		if isNumericType(o.Type) {
			cols = append(cols, o)
		} else if _, ok := o.Type.(types.StringType); ok {
			cols = append(cols, o)
		}
	}
	// One row per statistic, numbered to keep Spark's order.
	const idx = "__summary_idx"
	rows := make([][]plan.Expr, len(stats))
	for i := range stats {
		rows[i] = []plan.Expr{intLiteral(int32(i))}
	}
	statNames := &plan.Values{Rows: rows, Names: []string{idx}}
	pick := func(values func(i int) plan.Expr) plan.Expr {
		cw := &plan.CaseWhen{}
		for i := range stats {
			cw.Conds = append(cw.Conds, op("=", &plan.UnresolvedColumn{Parts: []string{idx}}, intLiteral(int32(i))))
			cw.Values = append(cw.Values, values(i))
		}
		return cw
	}
	summaryCol := &plan.Alias{Name: "summary", Child: pick(func(i int) plan.Expr {
		return &plan.Literal{Type: types.String, Value: stats[i], Text: stats[i]}
	})}
	if len(cols) == 0 {
		return &plan.Project{Child: &plan.Sort{Child: statNames, Global: true,
			Orders: []*plan.SortOrder{{Child: &plan.UnresolvedColumn{Parts: []string{idx}}, NullsFirst: true, Explicit: true}}},
			Exprs: []plan.Expr{summaryCol}}, nil
	}
	statName := func(i, j int) string { return fmt.Sprintf("__stat%d_%d", i, j) }
	var aggs []plan.Expr
	for j, c := range cols {
		col := plan.Expr(&plan.UnresolvedColumn{Parts: []string{c.Name}})
		casted := col
		if _, isString := c.Type.(types.StringType); isString {
			casted = &plan.Cast{Child: col, To: types.Double, Try: true}
		}
		for i, s := range stats {
			var e plan.Expr
			switch strings.ToLower(s) {
			case "count":
				e = fn("count", col)
			case "count_distinct":
				e = &plan.UnresolvedFunction{Name: []string{"count"}, Args: []plan.Expr{col}, Distinct: true}
			case "approx_count_distinct":
				e = fn("approx_count_distinct", col)
			case "mean":
				e = fn("avg", casted)
			case "stddev":
				e = fn("stddev", casted)
			case "min":
				e = fn("min", col)
			case "max":
				e = fn("max", col)
			default:
				p, ok := percentiles[i]
				if !ok {
					return nil, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_2114", "",
						"<stats> is not a recognised statistic.", map[string]string{"stats": s})
				}
				e = fn("percentile_approx", casted, doubleLiteral(p), intLiteral(10000))
			}
			aggs = append(aggs, &plan.Alias{Child: &plan.Cast{Child: e, To: types.String}, Name: statName(i, j)})
		}
	}
	agg := &plan.Aggregate{Child: child, Exprs: aggs}
	join := &plan.Join{Left: statNames, Right: agg, Type: plan.CrossJoin}
	sorted := &plan.Sort{Child: join, Global: true,
		Orders: []*plan.SortOrder{{Child: &plan.UnresolvedColumn{Parts: []string{idx}}, NullsFirst: true, Explicit: true}}}
	exprs := []plan.Expr{summaryCol}
	for j, c := range cols {
		exprs = append(exprs, &plan.Alias{Name: c.Name, Child: pick(func(i int) plan.Expr {
			return &plan.UnresolvedColumn{Parts: []string{statName(i, j)}}
		})})
	}
	return &plan.Project{Child: sorted, Exprs: exprs}, nil
}

// numericColumn resolves a column of cov or corr, which must be numeric; it is read as
// a double with NULL as 0.
func (l *lowerer) numericColumn(input plan.Node, name, what string) (plan.Expr, error) {
	ref, r, err := l.resolveName(name, input)
	if err != nil {
		return nil, err
	}
	if t := plan.TypeOf(r); !isNumericType(t) {
		return nil, requirementFailed("Currently %s calculation for columns with dataType %s not supported.", what, t.CatalogString())
	}
	return &plan.CaseWhen{Conds: []plan.Expr{fn("isnull", ref)}, Values: []plan.Expr{doubleLiteral(0)},
		Else: &plan.Cast{Child: ref, To: types.Double}}, nil
}

// covariance is stat.cov: the sample covariance, 0 when there is none.
func (l *lowerer) covariance(in *connectpb.Relation, col1, col2 string) (plan.Node, error) {
	child, err := l.input(in, "cov")
	if err != nil {
		return nil, err
	}
	resolved, err := l.analyzed(child, "cov")
	if err != nil {
		return nil, err
	}
	x, err := l.numericColumn(resolved, col1, "covariance")
	if err != nil {
		return nil, err
	}
	y, err := l.numericColumn(resolved, col2, "covariance")
	if err != nil {
		return nil, err
	}
	cov := fn("covar_samp", x, y)
	return &plan.Project{Child: child, Exprs: []plan.Expr{&plan.Alias{Name: "cov",
		Child: &plan.CaseWhen{Conds: []plan.Expr{fn("isnull", cov)}, Values: []plan.Expr{doubleLiteral(0)}, Else: cov}}}}, nil
}

// correlation is stat.corr: the Pearson correlation, NaN when there is none.
func (l *lowerer) correlation(c *connectpb.StatCorr) (plan.Node, error) {
	if c.Method != nil && c.GetMethod() != "pearson" {
		return nil, requirementFailed("Currently only the calculation of the Pearson Correlation coefficient is supported.")
	}
	child, err := l.input(c.GetInput(), "corr")
	if err != nil {
		return nil, err
	}
	resolved, err := l.analyzed(child, "corr")
	if err != nil {
		return nil, err
	}
	x, err := l.numericColumn(resolved, c.GetCol1(), "correlation")
	if err != nil {
		return nil, err
	}
	y, err := l.numericColumn(resolved, c.GetCol2(), "correlation")
	if err != nil {
		return nil, err
	}
	corr := fn("corr", x, y)
	nan := &plan.Literal{Type: types.Double, Value: nanValue(), Text: "NaN"}
	return &plan.Project{Child: child, Exprs: []plan.Expr{&plan.Alias{Name: "corr",
		Child: &plan.CaseWhen{Conds: []plan.Expr{fn("isnull", corr)}, Values: []plan.Expr{nan}, Else: corr}}}}, nil
}

func nanValue() float64 { return math.NaN() }

// crosstab is stat.crosstab(col1, col2) as Spark's StatFunctions.crossTabulate builds it:
// the rows grouped by col1 as a string (named col1_col2), pivoted on col2 as a string
// (backquotes removed; NULL as "null"), each cell the count of its pair, 0 for none.
func (l *lowerer) crosstab(c *connectpb.StatCrosstab) (plan.Node, error) {
	child, err := l.input(c.GetInput(), "crosstab")
	if err != nil {
		return nil, err
	}
	resolved, err := l.analyzed(child, "crosstab")
	if err != nil {
		return nil, err
	}
	asString := func(name string, clean bool) (plan.Expr, error) {
		ref, _, err := l.resolveName(name, resolved)
		if err != nil {
			return nil, err
		}
		var s plan.Expr = &plan.Cast{Child: ref, To: types.String}
		if clean {
			s = fn("regexp_replace", s, &plan.Literal{Type: types.String, Value: "`", Text: "`"}, &plan.Literal{Type: types.String, Value: "", Text: ""})
		}
		null := &plan.Literal{Type: types.String, Value: "null", Text: "null"}
		return &plan.CaseWhen{Conds: []plan.Expr{fn("isnull", ref)}, Values: []plan.Expr{null}, Else: s}, nil
	}
	rowKey, err := asString(c.GetCol1(), false)
	if err != nil {
		return nil, err
	}
	colKey, err := asString(c.GetCol2(), true)
	if err != nil {
		return nil, err
	}
	one := &plan.Literal{Type: types.Integer, Value: int32(1), Text: "1"}
	groups := []plan.Expr{&plan.Alias{Child: rowKey, Name: c.GetCol1() + "_" + c.GetCol2()}}
	pivoted, err := l.pivotBy(child, groups, []plan.Expr{&plan.Alias{Child: fn("count", one), Name: "count"}}, colKey, nil)
	if err != nil {
		return nil, err
	}
	// na.fill(0L) over the counts.
	out, err := l.analyzed(pivoted, "crosstab")
	if err != nil {
		return nil, err
	}
	set := l.columnRefs(pivoted, out.Output())
	zero := &plan.Literal{Type: types.Long, Value: int64(0), Text: "0"}
	exprs := make([]plan.Expr, len(out.Output()))
	for i, o := range out.Output() {
		if isNumericType(o.Type) {
			exprs[i] = fillColumn(set.refs[i], o, zero)
		} else {
			exprs[i] = set.keep(i)
		}
	}
	return &plan.Project{Child: set.base, Exprs: exprs}, nil
}

// sampleBy is stat.sampleBy(col, fractions, seed) as Spark builds it: a row is kept when
// rand(seed), drawn for every row, is below its stratum's fraction (0 for strata not
// listed). A stratum matches the column's value when both have one type and are equal
// (NULL matches NULL): Spark looks the value up in a map keyed by the literals.
func (l *lowerer) sampleBy(s *connectpb.StatSampleBy) (plan.Node, error) {
	child, err := l.input(s.GetInput(), "sampleBy")
	if err != nil {
		return nil, err
	}
	if s.GetCol() == nil {
		return nil, sparkerror.InvalidPlanInput("sampleBy needs a column")
	}
	col, err := l.scalar(s.GetCol())
	if err != nil {
		return nil, err
	}
	resolved, err := l.analyzed(&plan.Project{Child: child, Exprs: []plan.Expr{col}}, "sampleBy")
	if err != nil {
		return nil, err
	}
	colType := resolved.Output()[0].Type
	var conds, values []plan.Expr
	for _, f := range s.GetFractions() {
		if p := f.GetFraction(); !(p >= 0 && p <= 1) {
			return nil, requirementFailed("Fractions must be in [0, 1], but got %v.", p)
		}
		lit, err := l.literal(f.GetStratum())
		if err != nil {
			return nil, err
		}
		if lit.Value != nil && !types.EqualIgnoreNullability(lit.Type, colType) {
			continue // a key of another type never equals the column's values
		}
		var match plan.Expr = fn("isnull", col)
		if lit.Value != nil {
			match = op("<=>", col, lit)
		}
		conds, values = append(conds, match), append(values, doubleLiteral(f.GetFraction()))
	}
	seed := rand.Int64()
	if s.Seed != nil {
		seed = s.GetSeed()
	}
	var fraction plan.Expr = doubleLiteral(0)
	if len(conds) > 0 {
		fraction = &plan.CaseWhen{Conds: conds, Values: values, Else: doubleLiteral(0)}
	}
	draw := fn("rand", &plan.Literal{Type: types.Long, Value: seed, Text: strconv.FormatInt(seed, 10) + "L"})
	return &plan.Filter{Child: child, Cond: op("<", draw, fraction)}, nil
}

// approxQuantile is stat.approxQuantile(cols, probabilities, relativeError): one row whose
// approx_quantile holds, per column, approx_percentile of its values as DOUBLE (NULL and
// NaN left out) with accuracy ceil(1 / relativeError), or [] when none is left, as
// StatFunctions.multipleApproxQuantiles computes it.
func (l *lowerer) approxQuantile(q *connectpb.StatApproxQuantile) (plan.Node, error) {
	child, err := l.input(q.GetInput(), "approxQuantile")
	if err != nil {
		return nil, err
	}
	relErr := q.GetRelativeError()
	if !(relErr >= 0) {
		return nil, requirementFailed("Relative Error must be non-negative but got %v", relErr)
	}
	probs := q.GetProbabilities()
	for _, p := range probs {
		if !(p >= 0 && p <= 1) {
			return nil, requirementFailed("percentile should be in the range [0.0, 1.0]")
		}
	}
	resolved, err := l.analyzed(child, "approxQuantile")
	if err != nil {
		return nil, err
	}
	accuracy := int64(math.MaxInt32)
	if relErr != 0 {
		accuracy = min(int64(math.MaxInt32), int64(math.Ceil(1/relErr)))
	}
	probArgs := make([]plan.Expr, len(probs))
	for i, p := range probs {
		probArgs[i] = doubleLiteral(p)
	}
	empty := &plan.Cast{Child: fn("array"), To: types.NewArray(types.Double, false)}
	quantiles := make([]plan.Expr, len(q.GetCols()))
	for i, name := range q.GetCols() {
		ref, r, err := l.resolveName(name, resolved)
		if err != nil {
			return nil, err
		}
		if t := plan.TypeOf(r); !isNumericType(t) {
			return nil, requirementFailed("Quantile calculation for column %s with data type %s is not supported.", name, t.String())
		}
		v := &plan.Cast{Child: ref, To: types.Double}
		value := &plan.CaseWhen{Conds: []plan.Expr{fn("isnan", v)}, Values: []plan.Expr{nullLiteral()}, Else: v}
		pct := fn("approx_percentile", value, fn("array", probArgs...),
			&plan.Literal{Type: types.Integer, Value: int32(accuracy), Text: strconv.FormatInt(accuracy, 10)})
		quantiles[i] = fn("coalesce", pct, empty)
	}
	return &plan.Aggregate{Child: child, Exprs: []plan.Expr{&plan.Alias{Child: fn("array", quantiles...), Name: "approx_quantile"}}}, nil
}
