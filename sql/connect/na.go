package connect

import (
	"fmt"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// DataFrame.na.fill, na.drop and na.replace, lowered as Spark's DataFrameNaFunctions
// builds them: a projection with coalesce or CASE per column, or a filter.

func fn(name string, args ...plan.Expr) plan.Expr {
	return &plan.UnresolvedFunction{Name: []string{name}, Args: args}
}

func op(name string, args ...plan.Expr) plan.Expr {
	return &plan.UnresolvedFunction{Name: []string{name}, Args: args, Operator: true}
}

func nullLiteral() *plan.Literal { return &plan.Literal{Type: types.Null, Text: "NULL"} }

func doubleLiteral(v float64) *plan.Literal {
	return &plan.Literal{Type: types.Double, Value: v, Text: prettyLiteral(types.Double, v, nil)}
}

func isNumericType(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DecimalType:
		return true
	}
	return false
}

func isFloating(t types.DataType) bool {
	switch t.(type) {
	case types.FloatType, types.DoubleType:
		return true
	}
	return false
}

func isPlainString(t types.DataType) bool { return types.Equal(t, types.String) }

// resolveName resolves a column name against a resolved input as Dataset.resolve does
// (a dotted name may reach into a struct).
func (l *lowerer) resolveName(name string, input plan.Node) (plan.Expr, plan.Expr, error) {
	parts, err := parseAttributeName(name)
	if err != nil {
		return nil, nil, err
	}
	ref := &plan.UnresolvedColumn{Parts: parts}
	r, err := analyzer.ResolveExpr(ref, input, *l.Analysis)
	if err != nil {
		return nil, nil, err
	}
	return ref, r, nil
}

// columnIndex is the position of a resolved column among out, or -1 for a struct field.
func columnIndex(out []*plan.AttributeRef, r plan.Expr) int {
	if at, ok := r.(*plan.AttributeRef); ok {
		for i, o := range out {
			if o.ID == at.ID {
				return i
			}
		}
	}
	return -1
}

// fillValue is a fill or replacement value: the literal and its kind as Spark's
// DataFrameNaFunctions tells them apart.
type fillValue struct {
	lit  *plan.Literal
	kind byte // 'n' number, 's' string, 'b' boolean, '0' null
}

func (l *lowerer) naValue(lit *connectpb.Expression_Literal, what string) (fillValue, error) {
	v, err := l.literal(lit)
	if err != nil {
		return fillValue{}, err
	}
	if v.Value == nil {
		return fillValue{lit: v, kind: '0'}, nil
	}
	switch v.Type.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType, types.DoubleType:
		return fillValue{lit: v, kind: 'n'}, nil
	case types.StringType:
		return fillValue{lit: v, kind: 's'}, nil
	case types.BooleanType:
		return fillValue{lit: v, kind: 'b'}, nil
	}
	return fillValue{}, &sparkerror.Error{Kind: sparkerror.IllegalArgument,
		Message: fmt.Sprintf("Unsupported value type %s (%s) in %s.", v.Type.SQL(), v.Text, what)}
}

// fillColumn is coalesce(col, CAST(value AS type)) under the column's name; NaN counts
// as missing in float and double columns.
func fillColumn(col plan.Expr, o *plan.AttributeRef, v *plan.Literal) plan.Expr {
	value := col
	if isFloating(o.Type) {
		value = &plan.CaseWhen{Conds: []plan.Expr{fn("isnan", col)}, Values: []plan.Expr{nullLiteral()}, Else: col}
	}
	return &plan.Alias{Child: fn("coalesce", value, &plan.Cast{Child: v, To: o.Type}), Name: o.Name}
}

func (l *lowerer) naFill(f *connectpb.NAFill) (plan.Node, error) {
	child, err := l.input(f.GetInput(), "na.fill")
	if err != nil {
		return nil, err
	}
	values, cols := f.GetValues(), f.GetCols()
	if len(values) == 0 {
		return nil, sparkerror.InvalidPlanInput("values must contains at least 1 item!")
	}
	if len(values) > 1 && len(values) != len(cols) {
		return nil, sparkerror.InvalidPlanInput("When values contains more than 1 items, values and cols should have the same length!")
	}
	resolved, err := l.analyzed(child, "na.fill")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	fills := make([]*plan.Literal, len(out))
	if len(values) == 1 {
		v, err := l.naValue(values[0], "na.fill")
		if err != nil {
			return nil, err
		}
		if v.kind == '0' {
			return nil, &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: "Unsupported value type null in na.fill."}
		}
		selected := make([]bool, len(out))
		if len(cols) == 0 {
			for i := range selected {
				selected[i] = true
			}
		}
		for _, c := range cols {
			_, r, err := l.resolveName(c, resolved)
			if err != nil {
				return nil, err
			}
			if i := columnIndex(out, r); i >= 0 {
				selected[i] = true
			}
		}
		for i, o := range out {
			match := false
			switch v.kind {
			case 'n':
				match = isNumericType(o.Type)
			case 's':
				match = isPlainString(o.Type)
			case 'b':
				match = types.Equal(o.Type, types.Boolean)
			}
			if match && selected[i] {
				fills[i] = v.lit
			}
		}
	} else {
		for k, c := range cols {
			v, err := l.naValue(values[k], "na.fill")
			if err != nil {
				return nil, err
			}
			if v.kind == '0' {
				return nil, &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: "Unsupported value type null in na.fill."}
			}
			_, r, err := l.resolveName(c, resolved)
			if err != nil {
				return nil, err
			}
			i := columnIndex(out, r)
			if i < 0 {
				return nil, nestedFieldUnsupported("fill", c)
			}
			fills[i] = v.lit
		}
	}
	set := l.columnRefs(child, out)
	exprs := make([]plan.Expr, len(out))
	for i, o := range out {
		if fills[i] == nil {
			exprs[i] = set.keep(i)
		} else {
			exprs[i] = fillColumn(set.refs[i], o, fills[i])
		}
	}
	return &plan.Project{Child: set.base, Exprs: exprs}, nil
}

func nestedFieldUnsupported(op, col string) error {
	return sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_FEATURE.REPLACE_NESTED_COLUMN", "0A000",
		"The feature is not supported: The replace function does not support nested column <colName>.",
		map[string]string{"colName": quoteIdentifier(col)})
}

// naDrop keeps the rows with at least min_non_nulls values that are neither NULL nor NaN
// among the columns (all of them by default; the default minimum is all the columns).
func (l *lowerer) naDrop(d *connectpb.NADrop) (plan.Node, error) {
	child, err := l.input(d.GetInput(), "na.drop")
	if err != nil {
		return nil, err
	}
	resolved, err := l.analyzed(child, "na.drop")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	base := child
	var refs []plan.Expr
	var typesOf []types.DataType
	var set *columnSet
	if len(d.GetCols()) == 0 {
		set = l.columnRefs(child, out)
		base = set.base
		refs = set.refs
		for _, o := range out {
			typesOf = append(typesOf, o.Type)
		}
	} else {
		for _, c := range d.GetCols() {
			ref, r, err := l.resolveName(c, resolved)
			if err != nil {
				return nil, err
			}
			refs = append(refs, ref)
			typesOf = append(typesOf, plan.TypeOf(r))
		}
	}
	n := int32(len(refs))
	if d.MinNonNulls != nil {
		n = d.GetMinNonNulls()
	}
	var cond plan.Expr
	if len(refs) == 0 {
		cond = &plan.Literal{Type: types.Boolean, Value: n <= 0, Text: fmt.Sprint(n <= 0)}
	} else {
		var count plan.Expr
		for i, r := range refs {
			present := fn("isnotnull", r)
			if isFloating(typesOf[i]) {
				present = op("and", present, op("not", fn("isnan", r)))
			}
			term := &plan.CaseWhen{Conds: []plan.Expr{present}, Values: []plan.Expr{intLiteral(1)}, Else: intLiteral(0)}
			if count == nil {
				count = term
			} else {
				count = op("+", count, term)
			}
		}
		cond = op(">=", count, intLiteral(n))
	}
	var result plan.Node = &plan.Filter{Child: base, Cond: cond}
	if set != nil && set.renamed {
		result = &plan.Project{Child: result, Exprs: set.all()}
	}
	return result, nil
}

// naReplace replaces values in the columns whose type matches the first value to
// replace: numbers (compared as doubles) in numeric columns, strings in string columns,
// booleans in boolean columns.
func (l *lowerer) naReplace(r *connectpb.NAReplace) (plan.Node, error) {
	child, err := l.input(r.GetInput(), "na.replace")
	if err != nil {
		return nil, err
	}
	if len(r.GetReplacements()) == 0 {
		return child, nil
	}
	type pair struct{ old, new fillValue }
	var pairs []pair
	for _, rep := range r.GetReplacements() {
		o, err := l.naValue(rep.GetOldValue(), "na.replace")
		if err != nil {
			return nil, err
		}
		n, err := l.naValue(rep.GetNewValue(), "na.replace")
		if err != nil {
			return nil, err
		}
		// A later replacement of the same value wins, as in Spark's map.
		dup := false
		for k := range pairs {
			if pairs[k].old.lit.Value == o.lit.Value && types.Equal(pairs[k].old.lit.Type, o.lit.Type) {
				pairs[k].new, dup = n, true
			}
		}
		if !dup {
			pairs = append(pairs, pair{o, n})
		}
	}
	target := pairs[0].old.kind
	if target == '0' {
		return nil, &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: "Unsupported value type null in na.replace."}
	}
	resolved, err := l.analyzed(child, "na.replace")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	selected := make([]bool, len(out))
	if len(r.GetCols()) == 0 {
		for i := range selected {
			selected[i] = true
		}
	}
	for _, c := range r.GetCols() {
		_, res, err := l.resolveName(c, resolved)
		if err != nil {
			return nil, err
		}
		i := columnIndex(out, res)
		if i < 0 {
			return nil, nestedFieldUnsupported("replace", c)
		}
		selected[i] = true
	}
	set := l.columnRefs(child, out)
	exprs := make([]plan.Expr, len(out))
	changed := false
	for i, o := range out {
		match := false
		switch target {
		case 'n':
			match = isNumericType(o.Type)
		case 's':
			match = isPlainString(o.Type)
		case 'b':
			match = types.Equal(o.Type, types.Boolean)
		}
		if !selected[i] || !match {
			exprs[i] = set.keep(i)
			continue
		}
		changed = true
		cw := &plan.CaseWhen{Else: set.refs[i]}
		for _, p := range pairs {
			from, to := p.old.lit, p.new.lit
			if target == 'n' {
				if from, err = asDouble(from); err != nil {
					return nil, err
				}
				if to.Value != nil {
					if to, err = asDouble(to); err != nil {
						return nil, err
					}
				}
			}
			cw.Conds = append(cw.Conds, op("=", set.refs[i], from))
			cw.Values = append(cw.Values, &plan.Cast{Child: to, To: o.Type})
		}
		exprs[i] = &plan.Alias{Child: cw, Name: o.Name}
	}
	if !changed {
		return child, nil
	}
	return &plan.Project{Child: set.base, Exprs: exprs}, nil
}

// asDouble converts a numeric replacement value to a double, as Spark compares them.
func asDouble(v *plan.Literal) (*plan.Literal, error) {
	var f float64
	switch x := v.Value.(type) {
	case int8:
		f = float64(x)
	case int16:
		f = float64(x)
	case int32:
		f = float64(x)
	case int64:
		f = float64(x)
	case float32:
		f = float64(x)
	case float64:
		f = x
	default:
		return nil, &sparkerror.Error{Kind: sparkerror.IllegalArgument,
			Message: fmt.Sprintf("Unsupported value type %s (%s).", v.Type.SQL(), v.Text)}
	}
	return doubleLiteral(f), nil
}
