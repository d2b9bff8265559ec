package analyzer

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// expr resolves an expression in a scope.
func (a *analyzer) expr(e plan.Expr, sc *scope) (plan.Expr, error) {
	switch e := e.(type) {
	case *plan.Literal, *plan.AttributeRef, *plan.OuterRef, *plan.LambdaVar:
		return e, nil
	case *plan.Call, *plan.AggregateCall, *plan.WindowCall:
		return e, nil // already resolved
	case *plan.MultiLike:
		return a.multiLike(e, sc)
	case *plan.UpdateFields:
		return a.updateFields(e, sc)
	case *plan.UnresolvedColumn:
		if e.HasID {
			return a.dataFrameColumn(e, a.planIDs[e.PlanID], sc)
		}
		r, found, err := a.resolveColumn(sc, e.Parts)
		if err != nil {
			return nil, err
		}
		if !found {
			r, found, err = a.resolveVariable(e.Parts)
		}
		if err != nil {
			return nil, err
		}
		if !found {
			var attrs []*plan.AttributeRef
			if sc != nil {
				attrs = append(append(attrs, sc.attrs...), sc.fallback...)
			}
			return nil, unresolvedColumn(e.Parts, candidates(attrs))
		}
		return r, nil
	case *plan.Alias:
		c, err := a.expr(e.Child, sc)
		if err != nil {
			return nil, err
		}
		return &plan.Alias{Child: c, Name: e.Name, ID: plan.NewExprID(), Metadata: e.Metadata}, nil
	case *plan.UnresolvedAlias:
		return a.expr(e.Child, sc)
	case *plan.UnresolvedStar:
		return nil, analysisError("INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
			"Invalid usage of <elem> in <prettyName>.", map[string]string{"elem": "'*'", "prettyName": "expression `" + "*" + "`"})
	case *plan.UnresolvedFunction:
		return a.function(e, sc)
	case *plan.Cast:
		c, err := a.expr(e.Child, sc)
		if err != nil {
			return nil, err
		}
		r, err := a.cast(c, e.To, e.Try, e.Implicit)
		if cast, ok := r.(*plan.Cast); ok && e.Display != "" {
			cast.Display = e.Display // a typed literal keeps its written form
		}
		return r, err
	case *plan.SortOrder:
		c, err := a.expr(e.Child, sc)
		if err != nil {
			return nil, err
		}
		n := *e
		n.Child = c
		return &n, nil
	case *plan.CaseWhen:
		return a.caseWhen(e, sc)
	case *plan.In:
		return a.in(e, sc)
	case *plan.UnresolvedExtract:
		c, err := a.expr(e.Child, sc)
		if err != nil {
			return nil, err
		}
		if e.Field {
			lit, _ := e.Key.(*plan.Literal)
			if lit != nil {
				if s, ok := lit.Value.(string); ok {
					return a.extractField(c, s)
				}
			}
		}
		k, err := a.expr(e.Key, sc)
		if err != nil {
			return nil, err
		}
		return a.subscript(c, k)
	case *plan.ScalarSubquery:
		q, err := a.subquery(e.Query, sc)
		if err != nil {
			return nil, err
		}
		if n := len(q.Plan.Output()); n != 1 {
			return nil, analysisError("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN", "42823",
				"Invalid subquery: Scalar subquery must return only one column, but got <number>.",
				map[string]string{"number": itoa(n)})
		}
		return &plan.ScalarSubquery{Query: q}, nil
	case *plan.Exists:
		q, err := a.subquery(e.Query, sc)
		if err != nil {
			return nil, err
		}
		return &plan.Exists{Query: q}, nil
	case *plan.InSubquery:
		vals := make([]plan.Expr, len(e.Values))
		for i, v := range e.Values {
			r, err := a.expr(v, sc)
			if err != nil {
				return nil, err
			}
			vals[i] = r
		}
		q, err := a.subquery(e.Query, sc)
		if err != nil {
			return nil, err
		}
		out := q.Plan.Output()
		if len(out) != len(vals) {
			return nil, analysisError("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: <leftLength>): [<leftColumns>], right hand side columns(length: <rightLength>): [<rightColumns>].",
				map[string]string{"sqlExpr": sqlExpr(&plan.InSubquery{Values: vals, Query: q}), "leftLength": itoa(len(vals)), "rightLength": itoa(len(out))})
		}
		for i := range vals {
			w, ok := a.coerce.WiderType(plan.TypeOf(vals[i]), out[i].Type)
			if !ok {
				return nil, analysisError("DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [<mismatchedColumns>], left side: [<leftType>], right side: [<rightType>].",
					map[string]string{"sqlExpr": sqlExpr(&plan.InSubquery{Values: vals, Query: q}), "leftType": sqlType(plan.TypeOf(vals[i])), "rightType": sqlType(out[i].Type)})
			}
			vals[i] = castTo(vals[i], w)
			if !types.Equal(out[i].Type, w) {
				ts := make([]types.DataType, len(out))
				for j := range out {
					ts[j] = out[j].Type
				}
				ts[i] = w
				q = &plan.Subquery{Plan: castOutput(q.Plan, ts), Outer: q.Outer}
				out = q.Plan.Output()
			}
		}
		return &plan.InSubquery{Values: vals, Query: q}, nil
	case *plan.WindowExpr:
		return a.window(e, sc)
	case *plan.Lambda:
		return nil, strayLambda() // lambdas are function arguments (see funcArg)
	case *plan.Parameter:
		return nil, analysisError("UNBOUND_SQL_PARAMETER", "42P02",
			"Found the unbound parameter: <name>. Please, fix `args` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as `map()`, `array()`, `struct()`.",
			map[string]string{"name": strings.TrimPrefix(e.String(), ":")})
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the expression %T", e))
}

// subquery resolves a nested query with the current scope as its outer scope.
func (a *analyzer) subquery(q *plan.Subquery, sc *scope) (*plan.Subquery, error) {
	mark := len(a.cteOuter)
	n, err := a.node(q.Plan, sc)
	if err != nil {
		return nil, err
	}
	// The unread WITH definitions' outer references come first, as Spark's WithCTE
	// lists its definitions before its body.
	outer := append([]*plan.AttributeRef(nil), a.cteOuter[mark:]...)
	a.cteOuter = a.cteOuter[:mark]
	collectOuter(n, &outer)
	return &plan.Subquery{Plan: n, Outer: outer}, nil
}

// collectOuter lists the outer references in a resolved plan's expressions.
func collectOuter(n plan.Node, out *[]*plan.AttributeRef) {
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if o, ok := x.(*plan.OuterRef); ok {
				*out = append(*out, o.Attr)
			}
			return true
		})
	}
	if j, ok := n.(*plan.Join); ok && j.Lateral {
		collectOuter(j.Left, out)
		*out = append(*out, lateralOuter(j)...) // lateral_join.go
		return
	}
	for _, c := range n.Children() {
		collectOuter(c, out)
	}
}

// cast resolves CAST(child AS to).
func (a *analyzer) cast(c plan.Expr, to types.DataType, try, implicit bool) (plan.Expr, error) {
	from := plan.TypeOf(c)
	ok := a.coerce.CanCast(from, to)
	if try {
		ok = coercion.CanTryCast(from, to)
	}
	if !ok {
		return nil, castMismatch(c, from, to, try, a.opts.ANSI && !try)
	}
	// Legacy casts turn invalid input into NULL; ANSI ones fail instead.
	null := plan.NullableOf(c) || try || (!a.opts.ANSI && coercion.ForceNullable(from, to)) || variantCastNullable(from, to)
	return &plan.Cast{Child: c, To: to, Try: try, Implicit: implicit, ANSI: a.opts.ANSI, Null: null}, nil
}

func (a *analyzer) caseWhen(e *plan.CaseWhen, sc *scope) (plan.Expr, error) {
	n := &plan.CaseWhen{Text: e.Text}
	for i := range e.Conds {
		c, err := a.expr(e.Conds[i], sc)
		if err != nil {
			return nil, err
		}
		v, err := a.expr(e.Values[i], sc)
		if err != nil {
			return nil, err
		}
		n.Conds = append(n.Conds, c)
		n.Values = append(n.Values, v)
	}
	if e.Else != nil {
		el, err := a.expr(e.Else, sc)
		if err != nil {
			return nil, err
		}
		n.Else = el
	}
	for _, c := range n.Conds {
		if t := plan.TypeOf(c); !types.Equal(t, types.Boolean) {
			if _, isNull := t.(types.NullType); !isNull {
				return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the type <inputType>.",
					map[string]string{"sqlExpr": sqlExpr(n), "paramIndex": "first", "requiredType": `"BOOLEAN"`, "inputSql": sqlExpr(c), "inputType": sqlType(t)})
			}
			c = castTo(c, types.Boolean)
		}
	}
	vals := append([]plan.Expr(nil), n.Values...)
	if n.Else != nil {
		vals = append(vals, n.Else)
	}
	vals, err := coerceCaseCollations(n, vals)
	if err != nil {
		return nil, err
	}
	ts := make([]types.DataType, len(vals))
	for i, v := range vals {
		ts[i] = plan.TypeOf(v)
	}
	t, ok := a.coerce.WiderCommonType(ts)
	if !ok {
		strs := make([]string, len(ts))
		for i, t := range ts {
			strs[i] = sqlType(t)
		}
		return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
			map[string]string{"sqlExpr": sqlExpr(n), "functionName": "`casewhen`", "dataType": strings.Join(strs, ", ")})
	}
	for i := range n.Values {
		n.Values[i] = castTo(n.Values[i], t)
	}
	if n.Else != nil {
		n.Else = castTo(n.Else, t)
	}
	n.Type = t
	return n, nil
}

func (a *analyzer) in(e *plan.In, sc *scope) (plan.Expr, error) {
	v, err := a.expr(e.Value, sc)
	if err != nil {
		return nil, err
	}
	items, err := a.expandArgStars("in", e.List, sc)
	if err != nil {
		return nil, err
	}
	list := make([]plan.Expr, len(items))
	ts := []types.DataType{plan.TypeOf(v)}
	for i, x := range items {
		r, err := a.expr(x, sc)
		if err != nil {
			return nil, err
		}
		list[i] = r
		ts = append(ts, plan.TypeOf(r))
	}
	if cl, err := coerceValueCollations(append([]plan.Expr{v}, list...), true,
		func() string { return (&plan.In{Value: v, List: list}).String() }); err != nil {
		return nil, err
	} else {
		v, list = cl[0], cl[1:]
		for i, x := range cl {
			ts[i] = plan.TypeOf(x)
		}
	}
	t, ok := a.coerce.WiderCommonType(ts)
	if !ok && allSameShape(ts) {
		// Structs with other field names compare by position: as the value's type.
		t, ok = ts[0], true
	}
	if !ok {
		strs := make([]string, len(ts))
		for i, t := range ts {
			strs[i] = sqlType(t)
		}
		return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
			map[string]string{"sqlExpr": sqlExpr(&plan.In{Value: v, List: list}), "functionName": "`in`", "dataType": strings.Join(strs, ", ")})
	}
	v = castTo(v, t)
	for i := range list {
		list[i] = castTo(list[i], t)
	}
	return &plan.In{Value: v, List: list}, nil
}

// subscript is base[key]: an array element (0-based in SQL subscripts) or a map value.
func (a *analyzer) subscript(base, key plan.Expr) (plan.Expr, error) {
	switch t := plan.TypeOf(base).(type) {
	case types.ArrayType:
		key = castTo(key, types.Integer)
		return &plan.Call{Fn: "get_array_item", Args: []plan.Expr{base, key}, Type: t.ElementType,
			Null: true, Form: plan.FormSubscript, ANSI: a.opts.ANSI}, nil
	case types.MapType:
		key = castTo(key, t.KeyType)
		return &plan.Call{Fn: "get_map_value", Args: []plan.Expr{base, key}, Type: t.ValueType,
			Null: true, Form: plan.FormSubscript, ANSI: a.opts.ANSI}, nil
	case *types.StructType:
		if lit, ok := key.(*plan.Literal); ok {
			if s, isStr := lit.Value.(string); isStr {
				return a.extractField(base, s)
			}
		}
	}
	return nil, analysisError("INVALID_EXTRACT_BASE_FIELD_TYPE", "42000",
		"Can't extract a value from <base>. Need a complex type [STRUCT, ARRAY, MAP] but got <other>.",
		map[string]string{"base": sqlExpr(base), "other": sqlType(plan.TypeOf(base))})
}

// window resolves f(...) OVER (...).
func (a *analyzer) window(e *plan.WindowExpr, sc *scope) (plan.Expr, error) {
	if e.Spec.Name != "" {
		return nil, analysisError("MISSING_WINDOW_SPECIFICATION", "42P20",
			"Window specification is not defined in the WINDOW clause for <windowName>. For more information about WINDOW clauses, please refer to '<docroot>/sql-ref-syntax-qry-select-window.html'.",
			map[string]string{"windowName": e.Spec.Name, "docroot": "https://spark.apache.org/docs/latest"})
	}
	spec := &plan.WindowSpec{Frame: e.Spec.Frame}
	for _, p := range e.Spec.PartitionBy {
		r, err := a.expr(p, sc)
		if err != nil {
			return nil, err
		}
		if err := unorderedPartitionError(r); err != nil {
			return nil, err
		}
		spec.PartitionBy = append(spec.PartitionBy, r)
	}
	for _, o := range e.Spec.OrderBy {
		r, err := a.expr(o.Child, sc)
		if err != nil {
			return nil, err
		}
		spec.OrderBy = append(spec.OrderBy, &plan.SortOrder{Child: r, Descending: o.Descending, NullsFirst: o.NullsFirst, Explicit: o.Explicit})
	}
	f, err := a.expr(e.Func, sc)
	if err != nil {
		return nil, err
	}
	if err := a.checkWindowFrame(spec, sc); err != nil {
		return nil, err
	}
	switch f := f.(type) {
	case *plan.AggregateCall:
		if spec.Frame == nil {
			// Spark's default frame: RANGE UNBOUNDED PRECEDING .. CURRENT ROW with an
			// ORDER BY, the whole partition without.
			if len(spec.OrderBy) > 0 {
				spec.Frame = &plan.WindowFrame{Type: plan.RangeFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding}, Upper: plan.FrameBound{Kind: plan.CurrentRow}}
			} else {
				spec.Frame = &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding}, Upper: plan.FrameBound{Kind: plan.UnboundedFollowing}}
			}
		}
		a.markCoercedFrame(spec, sc)
		wc := &plan.WindowCall{Func: f, Spec: spec, Type: f.Type, Null: f.Null}
		if err := checkWindowAggregate(f, wc); err != nil {
			return nil, err
		}
		return wc, nil
	case *plan.Call:
		if windowFunctions[f.Fn] {
			if len(spec.OrderBy) == 0 && !isOffsetWindowFunction(f.Fn) && f.Fn != "nth_value" {
				return nil, analysisError("_LEGACY_ERROR_TEMP_1037", "",
					"Window function <wf> requires window to be ordered, please add ORDER BY clause. For example SELECT <wf>(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table.",
					map[string]string{"wf": f.String()})
			}
			if spec.Frame == nil {
				spec.Frame = windowFunctionFrame(f)
			}
			return &plan.WindowCall{Func: f, Spec: spec, Type: f.Type, Null: f.Null}, nil
		}
	}
	return nil, analysisError("UNSUPPORTED_EXPR_FOR_WINDOW", "42P20",
		"Expression <sqlExpr> not supported within a window function.", map[string]string{"sqlExpr": sqlExpr(f)})
}

// isFoldable reports whether e is a constant (no columns, no non-deterministic calls).
func isFoldable(e plan.Expr) bool {
	return !plan.Any(e, func(x plan.Expr) bool {
		switch x := x.(type) {
		case *plan.AttributeRef, *plan.OuterRef, *plan.AggregateCall, *plan.WindowCall,
			*plan.ScalarSubquery, *plan.Exists, *plan.InSubquery, *plan.LambdaVar:
			return true
		case *plan.Call:
			return plan.NonDeterministic(x.Fn)
		}
		return false
	})
}

// foldInt evaluates a constant integral expression; ok is false for NULL.
func foldInt(e plan.Expr) (v int64, ok bool, err error) {
	switch x := e.(type) {
	case *plan.Literal:
		switch v := x.Value.(type) {
		case int8:
			return int64(v), true, nil
		case int16:
			return int64(v), true, nil
		case int32:
			return int64(v), true, nil
		case int64:
			return v, true, nil
		case nil:
			return 0, false, nil
		}
	case *plan.Cast:
		return foldInt(x.Child)
	case *plan.Alias:
		return foldInt(x.Child)
	case *plan.Call:
		if len(x.Args) == 1 && (x.Fn == "negative" || x.Fn == "positive") {
			v, ok, err := foldInt(x.Args[0])
			if x.Fn == "negative" {
				v = -v
			}
			return v, ok, err
		}
		if len(x.Args) == 2 {
			l, lok, err := foldInt(x.Args[0])
			if err != nil || !lok {
				return 0, false, err
			}
			r, rok, err := foldInt(x.Args[1])
			if err != nil || !rok {
				return 0, false, err
			}
			switch x.Fn {
			case "+":
				return l + r, true, nil
			case "-":
				return l - r, true, nil
			case "*":
				return l * r, true, nil
			}
		}
	}
	return 0, false, sparkerror.NotImplemented("evaluating the constant " + e.String())
}

// dataFrameColumn resolves df["name"]: the name among the columns of the DataFrame with
// that plan id, which must still be visible where the column is used.
func (a *analyzer) dataFrameColumn(c *plan.UnresolvedColumn, dfOut []*plan.AttributeRef, sc *scope) (plan.Expr, error) {
	r, found, err := a.resolveColumn(&scope{attrs: dfOut}, c.Parts)
	if err != nil {
		return nil, err
	}
	illegal := analysisError("CANNOT_RESOLVE_DATAFRAME_COLUMN", "42704",
		"Cannot resolve dataframe column <name>. It's probably because of illegal references like `df1.select(df2.col(\"a\"))`.",
		map[string]string{"name": QuoteName(c.Parts)})
	if !found {
		return nil, illegal
	}
	visible := map[plan.ExprID]*plan.AttributeRef{}
	if sc != nil {
		for _, at := range append(append([]*plan.AttributeRef(nil), sc.attrs...), sc.fallback...) {
			if _, seen := visible[at.ID]; !seen {
				visible[at.ID] = at
			}
		}
	}
	ok := true
	r, err = plan.Transform(r, func(x plan.Expr) (plan.Expr, error) {
		if at, isAttr := x.(*plan.AttributeRef); isAttr {
			if v, in := visible[at.ID]; in {
				return v, nil
			}
			ok = false
		}
		return x, nil
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, illegal
	}
	return r, nil
}

// castMismatch is Spark's error for a cast it does not allow: with a suggestion of the
// functions that convert between numbers and datetimes, or of turning ANSI mode off when
// the legacy rules allow the cast.
func castMismatch(c plan.Expr, from, to types.DataType, try, ansi bool) error {
	params := map[string]string{"sqlExpr": sqlExpr(&plan.Cast{Child: c, To: to, Try: try}), "srcType": sqlType(from), "targetType": sqlType(to)}
	funcs := func(names ...string) error {
		for i, n := range names {
			names[i] = "`" + n + "`"
		}
		params["functionNames"] = strings.Join(names, "/")
		return analysisError("DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.\nTo convert values from <srcType> to <targetType>, you can use the functions <functionNames> instead.", params)
	}
	_, fromDate := from.(types.DateType)
	_, toDate := to.(types.DateType)
	_, fromTS := from.(types.TimestampType)
	_, toTS := to.(types.TimestampType)
	switch {
	case coercion.IsNumeric(from) && toTS:
		return funcs("TIMESTAMP_SECONDS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS")
	case fromTS && coercion.IsNumeric(to):
		return funcs("UNIX_SECONDS", "UNIX_MILLIS", "UNIX_MICROS")
	case coercion.IsNumeric(from) && toDate:
		return funcs("DATE_FROM_UNIX_DATE")
	case fromDate && coercion.IsNumeric(to):
		return funcs("UNIX_DATE")
	case ansi && (coercion.Mode{}).CanCast(from, to):
		params["config"] = `"spark.sql.ansi.enabled"`
		params["configVal"] = "'false'"
		return analysisError("DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType> with ANSI mode on.\nIf you have to cast <srcType> to <targetType>, you can set <config> as <configVal>.", params)
	}
	return analysisError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.", params)
}
