package analyzer

import (
	"sort"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// PIVOT and UNPIVOT, as Spark's ResolvePivot and ResolveUnpivot rewrite them.
//
// PIVOT groups by the child's columns that neither the pivot column nor the aggregates
// read, and has one column per pivot value and aggregate. When every aggregate gives a
// type Spark's PivotFirst handles (numbers and booleans), the rows are aggregated per
// group and pivot value first and each value's result is then picked for its column, so
// a value without rows gives NULL (even for count); otherwise each aggregate only sees the
// rows of its value, through IF(pivot <=> value, arg, NULL) around its arguments.
//
// UNPIVOT turns each row into one row per set of value columns: the id columns, the set's
// name and its values (cast to their common type), computed by stack().

// pivot resolves a Pivot node.
func (a *analyzer) pivot(n *plan.Pivot, outer *scope) (plan.Node, error) {
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	sc := &scope{attrs: child.Output(), outer: outer}
	col, err := a.expr(n.Column, sc)
	if err != nil {
		return nil, err
	}
	pivotType := plan.TypeOf(col)
	if !coercion.IsOrderable(pivotType) {
		return nil, analysisError("INCOMPARABLE_PIVOT_COLUMN", "42818",
			"Invalid pivot column <columnName>. Pivot columns must be comparable.",
			map[string]string{"columnName": quoteID(col.String())})
	}
	// The aggregates, resolved on their own for their names and the columns they read.
	aggs := make([]plan.Expr, len(n.Aggregates))
	for i, e := range n.Aggregates {
		r, err := a.expr(e, sc)
		if err != nil {
			return nil, err
		}
		if err := checkPivotAggregate(r); err != nil {
			return nil, err
		}
		aggs[i] = r
	}
	// The values: constants castable to the pivot column's type.
	values := make([]plan.Expr, len(n.Values))
	names := make([]string, len(n.Values))
	for i, v := range n.Values {
		r, err := a.expr(v, sc)
		if err != nil {
			return nil, err
		}
		value := stripAlias(r)
		if !isFoldable(value) {
			return nil, analysisError("NON_LITERAL_PIVOT_VALUES", "42K08",
				"Literal expressions required for pivot values, found <expression>.",
				map[string]string{"expression": sqlExpr(value)})
		}
		if !(coercion.Mode{}).CanCast(plan.TypeOf(value), pivotType) {
			return nil, analysisError("PIVOT_VALUE_DATA_TYPE_MISMATCH", "42K09",
				"Invalid pivot value '<value>': value data type <valueType> does not match pivot column data type <pivotType>.",
				map[string]string{"value": value.String(), "valueType": plan.TypeOf(value).SimpleString(), "pivotType": pivotType.SimpleString()})
		}
		if al, ok := r.(*plan.Alias); ok {
			names[i] = al.Name
		} else if names[i], err = pivotValueString(value); err != nil {
			return nil, err
		}
		values[i] = &plan.Cast{Child: value, To: pivotType, ANSI: a.opts.ANSI, Null: plan.NullableOf(value)}
	}
	// Grouped by the columns nothing of the pivot reads.
	read := map[plan.ExprID]bool{}
	for _, e := range append([]plan.Expr{col}, aggs...) {
		plan.Walk(e, func(x plan.Expr) bool {
			if at, ok := x.(*plan.AttributeRef); ok {
				read[at.ID] = true
			}
			return true
		})
	}
	var groups []plan.Expr
	for _, at := range child.Output() {
		if !read[at.ID] {
			groups = append(groups, at)
		}
	}
	outName := func(i, j int) string {
		if len(aggs) == 1 {
			return names[i]
		}
		if al, ok := aggs[j].(*plan.Alias); ok {
			return names[i] + "_" + al.Name
		}
		return names[i] + "_" + aggs[j].String()
	}
	matches := func(pivot, value plan.Expr) plan.Expr {
		return &plan.UnresolvedFunction{Name: []string{"<=>"}, Operator: true, Args: []plan.Expr{pivot, value}}
	}
	nullLit := &plan.Literal{Type: types.Null, Text: "NULL"}
	trueLit := &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}

	pivotFirst := true
	for _, e := range aggs {
		if !pivotFirstType(plan.TypeOf(e)) {
			pivotFirst = false
		}
	}
	if pivotFirst {
		// Aggregate per group and pivot value, then pick each value's result.
		first := &plan.Aggregate{Child: &plan.Analyzed{Child: child}, Groups: append(append([]plan.Expr(nil), groups...), col)}
		first.Exprs = append(append([]plan.Expr(nil), groups...), &plan.Alias{Child: col, Name: "__pivot_col"})
		for j, e := range n.Aggregates {
			first.Exprs = append(first.Exprs, &plan.Alias{Child: stripAlias(e), Name: "__pivot_" + stripAlias(aggs[j]).String()})
		}
		r, err := a.node(first, outer)
		if err != nil {
			return nil, err
		}
		out := r.Output()
		k := len(groups)
		second := &plan.Aggregate{Child: &plan.Analyzed{Child: r}}
		for _, at := range out[:k] {
			second.Groups = append(second.Groups, at)
			second.Exprs = append(second.Exprs, at)
		}
		for i, v := range values {
			for j := range aggs {
				pick := &plan.UnresolvedFunction{Name: []string{"first"}, Args: []plan.Expr{
					&plan.UnresolvedFunction{Name: []string{"if"}, Args: []plan.Expr{matches(out[k], v), out[k+1+j], nullLit}}, trueLit}}
				second.Exprs = append(second.Exprs, &plan.Alias{Child: pick, Name: outName(i, j)})
			}
		}
		return a.node(second, outer)
	}
	agg := &plan.Aggregate{Child: &plan.Analyzed{Child: child}, Groups: groups, Exprs: append([]plan.Expr(nil), groups...)}
	for i, v := range values {
		wrap := func(e plan.Expr) plan.Expr {
			return &plan.UnresolvedFunction{Name: []string{"if"}, Args: []plan.Expr{matches(col, v), e, nullLit}}
		}
		for j, e := range n.Aggregates {
			agg.Exprs = append(agg.Exprs, &plan.Alias{Child: pivotFiltered(stripAlias(e), wrap), Name: outName(i, j)})
		}
	}
	return a.node(agg, outer)
}

// checkPivotAggregate rejects a pivot aggregate expression that reads a column outside
// an aggregate function.
func checkPivotAggregate(e plan.Expr) error {
	var bad plan.Expr
	plan.Walk(e, func(x plan.Expr) bool {
		if bad != nil {
			return false
		}
		switch x := x.(type) {
		case *plan.AggregateCall:
			return false
		case *plan.AttributeRef:
			bad = x
			return false
		}
		return true
	})
	if bad != nil {
		return analysisError("_LEGACY_ERROR_TEMP_1006", "",
			"Aggregate expression required for pivot, but '<sql>' did not appear in any aggregate function.",
			map[string]string{"sql": bad.String()})
	}
	return nil
}

// pivotFirstType is PivotFirst.supportsDataType: the types its second phase can gather.
func pivotFirstType(t types.DataType) bool {
	switch t.(type) {
	case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType,
		types.FloatType, types.DoubleType, types.DecimalType:
		return true
	}
	return false
}

// pivotFiltered makes each aggregate call of an unresolved expression see only the rows
// wrap lets through: its arguments are wrapped; first and last also skip the NULLs this
// gives, and the accuracy and percentage of percentile_approx stay as they are.
func pivotFiltered(e plan.Expr, wrap func(plan.Expr) plan.Expr) plan.Expr {
	if f, ok := e.(*plan.UnresolvedFunction); ok && len(f.Name) == 1 {
		name := strings.ToLower(f.Name[0])
		if def, ok := registry[name]; ok && def.kind == AggregateFunction {
			g := *f
			g.Args = make([]plan.Expr, len(f.Args))
			for i, arg := range f.Args {
				if _, star := arg.(*plan.UnresolvedStar); star {
					arg = intLit(1) // count(*) is count(1)
				}
				g.Args[i] = arg
			}
			switch name {
			case "first", "last", "first_value", "last_value", "any_value":
				g.Args = []plan.Expr{wrap(g.Args[0]), &plan.Literal{Type: types.Boolean, Value: true, Text: "true"}}
				g.HasNulls, g.IgnoreNulls = false, false
			case "percentile_approx", "approx_percentile":
				g.Args[0] = wrap(g.Args[0])
			default:
				for i := range g.Args {
					g.Args[i] = wrap(g.Args[i])
				}
			}
			return &g
		}
	}
	ch := e.Children()
	if len(ch) == 0 {
		return e
	}
	next := make([]plan.Expr, len(ch))
	for i, c := range ch {
		next[i] = pivotFiltered(c, wrap)
	}
	return e.WithChildren(next)
}

// pivotValueString is a constant's value cast to STRING, as a pivot value names its column.
func pivotValueString(e plan.Expr) (string, error) {
	switch x := e.(type) {
	case *plan.Literal:
		return pivotLiteralString(x)
	case *plan.Cast:
		if types.Equal(x.To, types.String) || x.Implicit {
			return pivotValueString(x.Child)
		}
		if lit, ok := x.Child.(*plan.Literal); ok {
			if s, isStr := lit.Value.(string); isStr {
				switch x.To.(type) {
				case types.DateType, types.TimestampType, types.TimestampNTZType:
					// A typed literal: its text is the value Spark prints.
					if x.Display != "" {
						if i, j := strings.IndexByte(x.Display, '\''), strings.LastIndexByte(x.Display, '\''); i >= 0 && j > i {
							return x.Display[i+1 : j], nil
						}
					}
					return s, nil
				}
			}
		}
	case *plan.Call:
		switch x.Fn {
		case "negative":
			if len(x.Args) == 1 {
				s, err := pivotValueString(x.Args[0])
				if err != nil {
					return "", err
				}
				if strings.HasPrefix(s, "-") {
					return s[1:], nil
				}
				return "-" + s, nil
			}
		case "named_struct", "struct":
			args := x.Args
			if x.Fn == "named_struct" {
				var vals []plan.Expr
				for i := 1; i < len(args); i += 2 {
					vals = append(vals, args[i])
				}
				args = vals
			}
			parts := make([]string, len(args))
			for i, arg := range args {
				s, err := pivotValueString(arg)
				if err != nil {
					return "", err
				}
				parts[i] = s
			}
			return "{" + strings.Join(parts, ", ") + "}", nil
		case "array":
			parts := make([]string, len(x.Args))
			for i, arg := range x.Args {
				s, err := pivotValueString(arg)
				if err != nil {
					return "", err
				}
				parts[i] = s
			}
			return "[" + strings.Join(parts, ", ") + "]", nil
		case "map":
			if len(x.Args)%2 != 0 {
				break
			}
			parts := make([]string, 0, len(x.Args)/2)
			for i := 0; i < len(x.Args); i += 2 {
				k, err := pivotValueString(x.Args[i])
				if err != nil {
					return "", err
				}
				v, err := pivotValueString(x.Args[i+1])
				if err != nil {
					return "", err
				}
				parts = append(parts, k+" -> "+v)
			}
			return "{" + strings.Join(parts, ", ") + "}", nil
		}
	}
	return "", sparkerror.NotImplemented("naming a pivot column after the value " + e.String())
}

func pivotLiteralString(l *plan.Literal) (string, error) {
	switch v := l.Value.(type) {
	case nil:
		return "null", nil
	case bool:
		return strconv.FormatBool(v), nil
	case int8:
		return strconv.Itoa(int(v)), nil
	case int16:
		return strconv.Itoa(int(v)), nil
	case int32:
		if _, isDate := l.Type.(types.DateType); !isDate {
			if _, ym := l.Type.(types.YearMonthIntervalType); !ym {
				return strconv.Itoa(int(v)), nil
			}
		}
	case int64:
		switch l.Type.(type) {
		case types.LongType, types.IntegerType, types.ShortType, types.ByteType:
			return strconv.FormatInt(v, 10), nil
		}
	case string:
		return v, nil
	case plan.Decimal:
		return pivotDecimalText(v), nil
	case float64:
		return pivotDoubleText(v), nil
	case float32:
		return pivotDoubleText(float64(v)), nil
	}
	return "", sparkerror.NotImplemented("naming a pivot column after the value " + l.String())
}

// pivotDecimalText prints an unscaled decimal at its scale: 12345 at scale 2 is 123.45.
func pivotDecimalText(d plan.Decimal) string {
	digits := strings.TrimPrefix(d.Digits, "-")
	neg := len(digits) != len(d.Digits)
	if d.Scale > 0 {
		for len(digits) <= d.Scale {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-d.Scale] + "." + digits[len(digits)-d.Scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// pivotDoubleText prints a double as Java's Double.toString does for ordinary magnitudes.
func pivotDoubleText(v float64) string {
	if v != 0 && (v >= 1e7 || v <= -1e7 || (v < 1e-3 && v > -1e-3)) {
		s := strconv.FormatFloat(v, 'E', -1, 64)
		mant, exp, _ := strings.Cut(s, "E")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		return mant + "E" + strings.TrimPrefix(exp, "+")
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".NI") {
		s += ".0"
	}
	return s
}

// unpivot resolves an Unpivot node.
func (a *analyzer) unpivot(n *plan.Unpivot, outer *scope) (plan.Node, error) {
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	sc := &scope{attrs: child.Output(), outer: outer}
	resolve := func(e plan.Expr) (plan.Expr, error) {
		r, err := a.expr(e, sc)
		if err != nil {
			return nil, err
		}
		return a.named(e, r), nil
	}
	var ids []plan.Expr
	var sets [][]plan.Expr
	for _, e := range n.Ids {
		r, err := resolve(e)
		if err != nil {
			return nil, err
		}
		ids = append(ids, r)
	}
	for _, set := range n.Values {
		var rs []plan.Expr
		for _, e := range set {
			r, err := resolve(e)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
		sets = append(sets, rs)
	}
	switch {
	case n.Ids == nil && n.Values == nil:
		return nil, sparkerror.InvalidPlanInput("UNPIVOT needs id or value columns")
	case n.Ids == nil:
		var flat []plan.Expr
		for _, set := range sets {
			flat = append(flat, set...)
		}
		if err := requireAttributes("value", "id", flat); err != nil {
			return nil, err
		}
		given := map[plan.ExprID]bool{}
		for _, e := range flat {
			given[e.(*plan.AttributeRef).ID] = true
		}
		for _, at := range child.Output() {
			if !given[at.ID] {
				ids = append(ids, at)
			}
		}
	case n.Values == nil:
		if err := requireAttributes("id", "value", ids); err != nil {
			return nil, err
		}
		given := map[plan.ExprID]bool{}
		for _, e := range ids {
			given[e.(*plan.AttributeRef).ID] = true
		}
		for _, at := range child.Output() {
			if !given[at.ID] {
				sets = append(sets, []plan.Expr{at})
			}
		}
	}
	if len(sets) == 0 {
		return nil, analysisError("UNPIVOT_REQUIRES_VALUE_COLUMNS", "42K0A",
			"At least one value column needs to be specified for UNPIVOT, all columns specified as ids.", nil)
	}
	width := len(n.ValueNames)
	for _, set := range sets {
		if len(set) != width {
			return nil, analysisError("UNPIVOT_VALUE_SIZE_MISMATCH", "428C4",
				"All unpivot value columns must have the same size as there are value column names (<names>).",
				map[string]string{"names": itoa(width)})
		}
	}
	// The values of one position share their common type.
	valueTypes := make([]types.DataType, width)
	for j := range width {
		ts := make([]types.DataType, len(sets))
		for i, set := range sets {
			ts[i] = plan.TypeOf(set[j])
		}
		t, ok := a.coerce.WiderCommonTypeWithoutStringPromotion(ts)
		if !ok {
			return nil, unpivotTypeMismatch(sets)
		}
		valueTypes[j] = t
	}
	// Project the ids and the values, then stack the values: one row per set.
	exprs := append([]plan.Expr(nil), ids...)
	var unrequired []int
	cells := make([][]*plan.AttributeRef, len(sets))
	for i, set := range sets {
		for j, v := range set {
			al := &plan.Alias{Child: castTo(stripAlias(v), valueTypes[j]), Name: plan.ToAttribute(v).Name, ID: plan.NewExprID()}
			unrequired = append(unrequired, len(exprs))
			exprs = append(exprs, al)
			cells[i] = append(cells[i], plan.ToAttribute(al))
		}
	}
	proj := &plan.Project{Child: child, Exprs: exprs}
	args := []plan.Expr{intLit(int32(len(sets)))}
	for i, set := range sets {
		name := ""
		if i < len(n.Aliases) && n.Aliases[i] != "" {
			name = n.Aliases[i]
		} else {
			parts := make([]string, len(set))
			for j, v := range set {
				parts[j] = plan.ToAttribute(v).Name
			}
			name = strings.Join(parts, "_")
		}
		args = append(args, &plan.Literal{Type: types.String, Value: name, Text: name})
		for _, c := range cells[i] {
			args = append(args, c)
		}
	}
	g, err := a.resolveGenerator("stack", args)
	if err != nil {
		return nil, err
	}
	gen, err := newGenerate(proj, g, append([]string{n.VariableName}, n.ValueNames...), false, nil)
	if err != nil {
		return nil, err
	}
	gen.Unrequired = unrequired
	return gen, nil
}

// requireAttributes is UNPIVOT_REQUIRES_ATTRIBUTES: without the other list, the given
// one must be plain columns.
func requireAttributes(given, empty string, es []plan.Expr) error {
	var bad []string
	for _, e := range es {
		if _, ok := e.(*plan.AttributeRef); !ok {
			bad = append(bad, sqlExpr(stripAlias(e)))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return analysisError("UNPIVOT_REQUIRES_ATTRIBUTES", "42K0A",
		"UNPIVOT requires all given <given> expressions to be columns when no <empty> expressions are given. These are not columns: [<expressions>].",
		map[string]string{"given": given, "empty": empty, "expressions": strings.Join(bad, ", ")})
}

// unpivotTypeMismatch lists the value columns by type, as Spark's error does: a set of
// several columns counts as one struct of them.
func unpivotTypeMismatch(sets [][]plan.Expr) error {
	byType := map[string][]string{}
	var keys []string
	for _, set := range sets {
		var t types.DataType
		var name string
		if len(set) == 1 {
			t, name = plan.TypeOf(set[0]), plan.ToAttribute(set[0]).Name
		} else {
			st := types.NewStruct()
			parts := make([]string, len(set))
			for j, v := range set {
				at := plan.ToAttribute(v)
				st = st.Add(types.NewField(at.Name, at.Type, at.Null))
				parts[j] = at.Name
			}
			t, name = st, "struct("+strings.Join(parts, ", ")+")"
		}
		k := t.SQL()
		if _, seen := byType[k]; !seen {
			keys = append(keys, k)
		}
		byType[k] = append(byType[k], quoteID(name))
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		names := byType[k]
		sort.Strings(names)
		if len(names) > 3 {
			names = append(names[:3], "...")
		}
		parts[i] = `"` + k + `" (` + strings.Join(names, ", ") + ")"
	}
	return analysisError("UNPIVOT_VALUE_DATA_TYPE_MISMATCH", "42K09",
		"Unpivot value columns must share a least common type, some types do not: [<types>].",
		map[string]string{"types": strings.Join(parts, ", ")})
}
