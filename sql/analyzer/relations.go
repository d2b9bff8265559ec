package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// selectList resolves and names the items of a select list, expanding stars.
func (a *analyzer) selectList(items []plan.Expr, sc *scope) ([]plan.Expr, error) {
	out := make([]plan.Expr, 0, len(items))
	for _, item := range items {
		if c, ok := a.regexColumn(item); ok {
			cols, err := a.expandRegexColumn(c, sc)
			if err != nil {
				return nil, err
			}
			out = append(out, cols...)
			continue
		}
		if star, ok := item.(*plan.UnresolvedStar); ok {
			attrs, err := a.expandStar(star, sc)
			if err != nil {
				return nil, err
			}
			for _, at := range attrs {
				out = append(out, at)
			}
			continue
		}
		r, err := a.expr(item, sc)
		if err != nil {
			return nil, err
		}
		out = append(out, a.named(item, r))
	}
	return out, nil
}

// named gives a resolved select item its output name, as Spark's ResolveAliases does.
func (a *analyzer) named(orig, r plan.Expr) plan.Expr {
	switch r := r.(type) {
	case *plan.Alias:
		return r
	case *plan.AttributeRef:
		return r
	}
	name := r.String()
	if c, ok := orig.(*plan.UnresolvedColumn); ok && !resolvedAsFunction(c, r) {
		// A struct field reached through a column name keeps the field's name.
		name = c.Parts[len(c.Parts)-1]
	}
	if f, ok := dottedName(orig); ok {
		// (col).field is col.field to Spark's parser.
		name = f
	}
	if c, ok := r.(*plan.Cast); ok && !c.Implicit {
		// A cast of a column keeps the column's name.
		switch ch := c.Child.(type) {
		case *plan.AttributeRef:
			name = ch.Name
		case *plan.Alias:
			name = ch.Name
		}
	}
	return &plan.Alias{Child: r, Name: name, ID: plan.NewExprID()}
}

// expandStar is * or t.* (or s.* for a struct column s), minus the EXCEPT columns.
func (a *analyzer) expandStar(star *plan.UnresolvedStar, sc *scope) ([]plan.Expr, error) {
	var attrs []plan.Expr
	if len(star.Target) == 0 {
		for _, at := range sc.attrs {
			attrs = append(attrs, at)
		}
	} else {
		// A qualified star also takes the columns a USING join hid, first, as Spark does.
		for _, at := range append(append([]*plan.AttributeRef(nil), sc.hidden...), sc.attrs...) {
			if a.matchQualifier(at, star.Target) {
				attrs = append(attrs, at)
			}
		}
		if len(attrs) == 0 {
			// t.* where t is a struct column: its fields.
			e, ok, err := a.resolveColumn(&scope{attrs: sc.attrs}, star.Target)
			if err != nil {
				return nil, err
			}
			if ok {
				if st, isStruct := plan.TypeOf(e).(*types.StructType); isStruct {
					for _, f := range st.Fields {
						fe, err := a.extractField(e, f.Name)
						if err != nil {
							return nil, err
						}
						attrs = append(attrs, &plan.Alias{Child: fe, Name: f.Name, ID: plan.NewExprID()})
					}
					if len(star.Except) > 0 {
						return a.exceptColumns(attrs, star.Except)
					}
					return attrs, nil
				}
			}
			if outer := a.outerStar(star.Target, sc); len(outer) > 0 {
				return outer, nil
			}
			names := make([]string, len(sc.attrs))
			for i, at := range sc.attrs {
				names[i] = quoteID(at.Name)
			}
			return nil, analysisError("CANNOT_RESOLVE_STAR_EXPAND", "42704",
				"Cannot resolve <targetString>.* given input columns <columns>. Please check that the specified table or struct exists and is accessible in the input columns.",
				map[string]string{"targetString": QuoteName(star.Target), "columns": strings.Join(names, ", ")})
		}
	}
	if len(star.Replace) > 0 {
		return a.replaceInStar(attrs, star.Replace, sc)
	}
	if len(star.Except) == 0 {
		return attrs, nil
	}
	return a.exceptColumns(attrs, star.Except)
}

// replaceInStar gives the named columns of a star new values in place, keeping their
// names (pipe SET).
func (a *analyzer) replaceInStar(attrs []plan.Expr, repl []plan.StarReplacement, sc *scope) ([]plan.Expr, error) {
	out := append([]plan.Expr(nil), attrs...)
	for _, r := range repl {
		hit := -1
		for i, e := range attrs {
			at, ok := e.(*plan.AttributeRef)
			if ok && a.equalNames(at.Name, r.Name[len(r.Name)-1]) && (len(r.Name) == 1 || a.matchQualifier(at, r.Name[:len(r.Name)-1])) {
				hit = i
				break
			}
		}
		if hit < 0 {
			return nil, unresolvedColumn(r.Name, candidates(sc.attrs))
		}
		v, err := a.expr(r.Value, sc)
		if err != nil {
			return nil, err
		}
		out[hit] = &plan.Alias{Child: v, Name: attrs[hit].(*plan.AttributeRef).Name, ID: plan.NewExprID()}
	}
	return out, nil
}

func (a *analyzer) project(n *plan.Project, outer *scope) (plan.Node, error) {
	return a.selectQuery(n, outer)
}

func (a *analyzer) filter(n *plan.Filter, outer *scope) (plan.Node, error) {
	if n.Having {
		return a.selectQuery(n, outer)
	}
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	cond, err := a.expr(n.Cond, &scope{attrs: child.Output(), outer: outer, hidden: hiddenOf(child)})
	if err != nil {
		return nil, err
	}
	if err := a.checkPredicate(cond, "WHERE"); err != nil {
		return nil, err
	}
	return &plan.Filter{Child: child, Cond: cond}, nil
}

// checkPredicate requires a boolean condition without aggregate or window functions.
func (a *analyzer) checkPredicate(cond plan.Expr, clause string) error {
	if err := checkNoWindowFunction(cond, clause); err != nil {
		return err
	}
	if err := a.checkPredicateType(cond); err != nil {
		return err
	}
	if localAggregate(cond) { // aggregates of outer columns: see subquery_outer_agg.go
		return analysisError("INVALID_WHERE_CONDITION", "42903",
			"The WHERE condition <condition> contains invalid expressions: <expressionList>.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.",
			map[string]string{"condition": sqlExpr(cond), "expressionList": aggregateList(cond)})
	}
	return nil
}

func aggregateList(e plan.Expr) string {
	var parts []string
	plan.Walk(e, func(x plan.Expr) bool {
		switch x.(type) {
		case *plan.AggregateCall, *plan.WindowCall:
			parts = append(parts, x.String())
			return false
		}
		return true
	})
	return strings.Join(parts, ", ")
}

func (a *analyzer) join(n *plan.Join, outer *scope) (plan.Node, error) {
	left, err := a.node(n.Left, outer)
	if err != nil {
		return nil, err
	}
	var right plan.Node
	if n.Lateral {
		if g, ok, err := a.lateralGenerator(left, n, outer); ok {
			return g, err
		}
		right, err = a.node(n.Right, &scope{attrs: left.Output(), outer: outer})
	} else {
		right, err = a.node(n.Right, outer)
	}
	if err != nil {
		return nil, err
	}
	j := &plan.Join{Left: left, Right: right, Type: n.Type, Lateral: n.Lateral}
	if n.Natural || len(n.Using) > 0 {
		return a.usingJoin(j, n)
	}
	if n.Cond != nil {
		cond, err := a.expr(n.Cond, &scope{attrs: append(append([]*plan.AttributeRef(nil), left.Output()...), right.Output()...), outer: outer,
			hidden: append(hiddenOf(left), hiddenOf(right)...)})
		if err != nil {
			return nil, err
		}
		if err := checkNoWindowFunction(cond, "JOIN"); err != nil {
			return nil, err
		}
		if !types.Equal(plan.TypeOf(cond), types.Boolean) {
			return nil, analysisError("JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE", "42K0H",
				"The join condition <joinCondition> has the invalid type <conditionType>, expected \"BOOLEAN\".",
				map[string]string{"joinCondition": sqlExpr(cond), "conditionType": sqlType(plan.TypeOf(cond))})
		}
		j.Cond = cond
	}
	if j.Type == plan.CrossJoin {
		j.Type = plan.InnerJoin
	}
	if j.Lateral {
		if err := checkLateralJoin(j); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// usingJoin resolves JOIN ... USING (cols) and NATURAL JOIN: an equi-join on the columns,
// projected as Spark does: the join columns first (coalesced for full outer joins), then
// the other columns of the left, then of the right.
func (a *analyzer) usingJoin(j *plan.Join, n *plan.Join) (plan.Node, error) {
	lo, ro := j.Left.Output(), j.Right.Output()
	names := n.Using
	if n.Natural {
		// The left names that the right has, each as many times as both sides have it
		// (Spark intersects the name lists as multisets).
		names = nil
		used := make([]bool, len(ro))
		for _, l := range lo {
			for k, r := range ro {
				if !used[k] && a.equalNames(l.Name, r.Name) {
					used[k] = true
					names = append(names, l.Name)
					break
				}
			}
		}
	}
	var conds []plan.Expr
	var lk, rk []*plan.AttributeRef
	for _, name := range names {
		lh, _ := a.resolveIn(lo, []string{name})
		rh, _ := a.resolveIn(ro, []string{name})
		if len(lh) == 0 || len(rh) == 0 {
			side, attrs := "left", lo
			if len(lh) > 0 {
				side, attrs = "right", ro
			}
			cols := make([]string, len(attrs))
			for i, at := range attrs {
				cols[i] = quoteID(at.Name)
			}
			return nil, analysisError("UNRESOLVED_USING_COLUMN_FOR_JOIN", "42703",
				"USING column <colName> cannot be resolved on the <side> side of the join. The <side>-side columns: [<suggestion>].",
				map[string]string{"colName": quoteID(name), "side": side, "suggestion": strings.Join(cols, ", ")})
		}
		l, r := lh[0], rh[0]
		eq, err := a.call("=", []plan.Expr{l, r}, nil)
		if err != nil {
			return nil, err
		}
		conds = append(conds, eq)
		lk = append(lk, l)
		rk = append(rk, r)
	}
	if len(conds) > 0 {
		j.Cond = plan.And(conds)
	}
	if j.Type == plan.CrossJoin {
		j.Type = plan.InnerJoin
	}
	in := func(at *plan.AttributeRef, keys []*plan.AttributeRef) bool {
		for _, k := range keys {
			if k.ID == at.ID {
				return true
			}
		}
		return false
	}
	var exprs []plan.Expr
	for i := range lk {
		switch j.Type {
		case plan.RightOuterJoin:
			exprs = append(exprs, rk[i])
		case plan.FullOuterJoin:
			c, err := a.call("coalesce", []plan.Expr{lk[i], rk[i]}, nil)
			if err != nil {
				return nil, err
			}
			exprs = append(exprs, &plan.Alias{Child: c, Name: lk[i].Name, ID: plan.NewExprID()})
		default:
			exprs = append(exprs, lk[i])
		}
	}
	for _, l := range j.Output() {
		if in(l, lk) || in(l, rk) {
			continue
		}
		exprs = append(exprs, l)
	}
	// The join's output made the sides nullable; use those forms for the keys too.
	out := j.Output()
	for i, e := range exprs {
		if at, ok := e.(*plan.AttributeRef); ok {
			for _, o := range out {
				if o.ID == at.ID {
					exprs[i] = o
				}
			}
		}
	}
	return &plan.Project{Child: j, Exprs: exprs, Hidden: append(usingHidden(j, lk, rk), hiddenOf(j)...)}, nil
}

func (a *analyzer) setOp(n *plan.SetOp, outer *scope) (plan.Node, error) {
	left, err := a.node(n.Left, outer)
	if err != nil {
		return nil, err
	}
	right, err := a.node(n.Right, outer)
	if err != nil {
		return nil, err
	}
	if n.ByName {
		if right, err = a.byName(left, right, n.AllowMissing); err != nil {
			return nil, err
		}
		if n.AllowMissing {
			if left, err = a.byName(right, left, true); err != nil {
				return nil, err
			}
		}
	}
	lo, ro := left.Output(), right.Output()
	if len(lo) != len(ro) {
		op := strings.ToUpper(n.Kind.String())
		if n.All {
			op += " ALL"
		}
		return nil, analysisError("NUM_COLUMNS_MISMATCH", "42826",
			"<operator> can only be performed on inputs with the same number of columns, but the first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns.",
			map[string]string{"operator": op, "firstNumColumns": itoa(len(lo)), "invalidOrdinalNum": "second", "invalidNumColumns": itoa(len(ro))})
	}
	lt := make([]types.DataType, len(lo))
	rt := make([]types.DataType, len(lo))
	for i := range lo {
		w, ok := a.coerce.WiderType(lo[i].Type, ro[i].Type)
		if !ok {
			op := strings.ToUpper(n.Kind.String())
			return nil, analysisError("INCOMPATIBLE_COLUMN_TYPE", "42825",
				"<operator> can only be performed on tables with compatible column types. The <columnOrdinalNumber> column of the <tableOrdinalNumber> table is <dataType1> type which is not compatible with <dataType2> at the same column of the first table.<hint>.",
				map[string]string{"operator": op, "columnOrdinalNumber": ordinal(i + 1), "tableOrdinalNumber": "second",
					"dataType1": sqlType(ro[i].Type), "dataType2": sqlType(lo[i].Type), "hint": ""})
		}
		lt[i], rt[i] = w, w
	}
	left = castOutput(left, lt)
	right = castOutput(right, rt)
	if n.Kind != plan.UnionOp || !n.All {
		if err := unorderedSetOpError(left.Output()); err != nil {
			return nil, err
		}
	}
	return &plan.SetOp{Left: left, Right: right, Kind: n.Kind, All: n.All}, nil
}

// castOutput projects a node's columns to the given types where they differ, keeping
// the names.
func castOutput(n plan.Node, ts []types.DataType) plan.Node {
	out := n.Output()
	changed := false
	exprs := make([]plan.Expr, len(out))
	for i, o := range out {
		if types.Equal(o.Type, ts[i]) {
			exprs[i] = o
			continue
		}
		changed = true
		exprs[i] = &plan.Alias{Child: &plan.Cast{Child: o, To: ts[i], Implicit: true, Null: o.Null}, Name: o.Name, ID: plan.NewExprID()}
	}
	if !changed {
		return n
	}
	return &plan.Project{Child: n, Exprs: exprs}
}

// byName reorders right's columns to match left's names (unionByName); with
// allowMissing, columns missing on the right become NULLs.
func (a *analyzer) byName(left, right plan.Node, allowMissing bool) (plan.Node, error) {
	ro := right.Output()
	var exprs []plan.Expr
	for _, l := range left.Output() {
		hits, _ := a.resolveIn(ro, []string{l.Name})
		if len(hits) == 0 {
			if !allowMissing {
				return nil, analysisError("NUM_COLUMNS_MISMATCH", "42826",
					"<operator> can only be performed on inputs with the same number of columns, but the first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns.",
					map[string]string{"operator": "UNION", "firstNumColumns": itoa(len(left.Output())), "invalidOrdinalNum": "second", "invalidNumColumns": itoa(len(ro))})
			}
			exprs = append(exprs, &plan.Alias{Child: &plan.Literal{Type: l.Type, Text: "NULL"}, Name: l.Name, ID: plan.NewExprID()})
			continue
		}
		exprs = append(exprs, hits[0])
	}
	if allowMissing {
		for _, r := range ro {
			if hits, _ := a.resolveIn(left.Output(), []string{r.Name}); len(hits) == 0 {
				exprs = append(exprs, r)
			}
		}
	}
	return &plan.Project{Child: right, Exprs: exprs}, nil
}

// values resolves an inline table: every row has the same number of columns, each
// column gets the common type of its values.
func (a *analyzer) values(n *plan.Values, outer *scope) (plan.Node, error) {
	if len(n.Rows) == 0 {
		return nil, sparkerror.InvalidPlanInput("an inline table needs at least one row")
	}
	width := len(n.Rows[0])
	rows := make([][]plan.Expr, len(n.Rows))
	for i, row := range n.Rows {
		if len(row) != width {
			return nil, analysisError("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", "42000",
				"Invalid inline table. Inline table expected <expectedNumCols> columns but found <actualNumCols> columns in row <rowIndex>.",
				map[string]string{"expectedNumCols": itoa(width), "actualNumCols": itoa(len(row)), "rowIndex": itoa(i)})
		}
		rows[i] = make([]plan.Expr, width)
		for j, e := range row {
			r, err := a.expr(e, &scope{outer: outer})
			if err != nil {
				return nil, err
			}
			if !isFoldable(r) {
				return nil, analysisError("INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE", "42000",
					"Invalid inline table. Cannot evaluate the expression <expr> in inline table definition.",
					map[string]string{"expr": sqlExpr(r)})
			}
			rows[i][j] = r
		}
	}
	names := n.Names
	if len(names) == 0 {
		for j := range width {
			names = append(names, "col"+itoa(j+1))
		}
	}
	if len(names) != width {
		return nil, analysisError("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", "42000",
			"Invalid inline table. Inline table expected <expectedNumCols> columns but found <actualNumCols> columns in row <rowIndex>.",
			map[string]string{"expectedNumCols": itoa(len(names)), "actualNumCols": itoa(width), "rowIndex": "0"})
	}
	out := make([]*plan.AttributeRef, width)
	for j := range width {
		ts := make([]types.DataType, len(rows))
		null := false
		for i := range rows {
			ts[i] = plan.TypeOf(rows[i][j])
			null = null || plan.NullableOf(rows[i][j])
		}
		t, ok := a.coerce.WiderCommonType(ts)
		if !ok {
			strs := make([]string, len(ts))
			for i, t := range ts {
				strs[i] = sqlType(t)
			}
			return nil, analysisError("INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE", "42000",
				"Invalid inline table. Found incompatible types in the column <colName> for inline table.",
				map[string]string{"colName": quoteID(names[j])})
		}
		for i := range rows {
			rows[i][j] = castTo(rows[i][j], t)
		}
		out[j] = plan.NewAttribute(names[j], t, null)
	}
	if err := a.checkInlineTable(rows); err != nil {
		return nil, err
	}
	return &plan.Values{Rows: rows, Names: names, Out: out}, nil
}

// aliasedRelation resolves the relation under an alias: with column names, t(a, b), it
// must have as many columns as names (Spark's UnresolvedSubqueryColumnAliases;
// DataFrame.toDF reports the mismatch differently, see RenameColumns).
func (a *analyzer) aliasedRelation(n plan.Node, outer *scope) (plan.Node, error) {
	rc, ok := n.(*plan.RenameColumns)
	if !ok {
		return a.node(n, outer)
	}
	if _, isTVF := rc.Child.(*plan.UnresolvedTableFunction); !isTVF {
		child, err := a.node(rc.Child, outer)
		if err != nil {
			return nil, err
		}
		if got := len(child.Output()); got != len(rc.Names) {
			return nil, analysisError("ASSIGNMENT_ARITY_MISMATCH", "42802",
				"The number of columns or variables assigned or aliased: <numTarget> does not match the number of source tuples or expressions: <numExpr>.",
				map[string]string{"numExpr": itoa(len(rc.Names)), "numTarget": itoa(got)})
		}
		out := child.Output()
		exprs := make([]plan.Expr, len(out))
		for i, o := range out {
			exprs[i] = &plan.Alias{Child: o, Name: rc.Names[i], ID: plan.NewExprID()}
		}
		return &plan.Project{Child: child, Exprs: exprs}, nil
	}
	return a.node(n, outer)
}

// isSelectItem reports whether e is (the expression of) one of the resolved select items.
func isSelectItem(e plan.Expr, selectList []plan.Expr) bool {
	for _, item := range selectList {
		if stripAlias(item) == e {
			return true
		}
	}
	return false
}

// castTo adds an implicit cast when e's type differs from t.
func castTo(e plan.Expr, t types.DataType) plan.Expr {
	if types.Equal(plan.TypeOf(e), t) {
		return e
	}
	return &plan.Cast{Child: e, To: t, Implicit: true, Null: plan.NullableOf(e)}
}

// tableFunction resolves a table-valued function in FROM.
func (a *analyzer) tableFunction(n *plan.UnresolvedTableFunction, outer *scope) (plan.Node, error) {
	name := strings.ToLower(strings.Join(n.Name, "."))
	if _, gen, ok := tableGeneratorCall(&plan.UnresolvedFunction{Name: n.Name}); ok {
		return a.generatorTable(n, gen, outer)
	}
	switch name {
	case "range":
		return a.rangeFunction(n, outer)
	case "sql_keywords":
		if len(n.Args) > 0 {
			return nil, wrongNumArgs("sql_keywords", "0", len(n.Args))
		}
		return a.sqlKeywords(), nil
	}
	if sparkTableFunctions[name] {
		return nil, sparkerror.NotImplemented("the table-valued function " + name)
	}
	return nil, analysisError("UNRESOLVABLE_TABLE_VALUED_FUNCTION", "42883",
		"Could not resolve <name> to a table-valued function.\nPlease make sure that <name> is defined as a table-valued function and that all required parameters are provided correctly.\nIf <name> is not defined, please create the table-valued function before using it.\nFor more information about defining table-valued functions, please refer to the Apache Spark documentation.",
		map[string]string{"name": QuoteName(n.Name)})
}

// sparkTableFunctions are Spark's builtin table-valued functions not handled above.
var sparkTableFunctions = map[string]bool{"collations": true,
	"variant_explode": true, "variant_explode_outer": true}

func isIntegral(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return true
	}
	return false
}

// firstAggregate is the first aggregate call of e outside window functions, if any.
func firstAggregate(e plan.Expr) plan.Expr {
	var found plan.Expr
	plan.Walk(e, func(x plan.Expr) bool {
		if found != nil {
			return false
		}
		switch x.(type) {
		case *plan.WindowCall:
			return false
		case *plan.AggregateCall:
			found = x
			return false
		}
		return true
	})
	return found
}

// dottedName is the last name of a chain of dotted field accesses over a column name
// ((col).a.b), which Spark's parser reads as the column name col.a.b.
func dottedName(e plan.Expr) (string, bool) {
	x, ok := e.(*plan.UnresolvedExtract)
	if !ok || !x.Field {
		return "", false
	}
	name, ok := literalString(x.Key)
	if !ok {
		return "", false
	}
	switch c := x.Child.(type) {
	case *plan.UnresolvedColumn:
		return name, !c.HasID
	case *plan.UnresolvedExtract:
		if _, ok := dottedName(c); ok {
			return name, true
		}
	}
	return "", false
}
