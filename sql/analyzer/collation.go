package analyzer

import (
	"errors"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// String collations: the COLLATE expression, the collation() function, and Spark's
// collation coercion (CollationTypeCoercion) applied where strings meet.

func init() {
	register(ScalarFunction, resolveCollate, "collate")
	register(ScalarFunction, resolveCollationFn, "collation")
}

// resolveCollate is expr COLLATE name (and collate(expr, name)): the string relabelled
// with the collation, which it then holds explicitly.
func resolveCollate(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	lit, ok := args[1].(*plan.Literal)
	collName, isStr := "", false
	if ok {
		collName, isStr = lit.Value.(string)
	}
	if !isStr {
		return nil, unexpectedInputType(name+"("+joinExprs(args)+")", 1, reqString, args[1])
	}
	canon, err := types.ResolveCollationName(collName)
	if err != nil {
		return nil, typesError(err)
	}
	x, err := a.implicit(name, args[:1], []coercion.Expected{coercion.AnyString}, []string{reqString})
	if err != nil {
		return nil, err
	}
	t := types.StringType{}
	if canon != "UTF8_BINARY" {
		t.Collation = canon
	}
	// The name shows as written: collate(col1, utf8_lcase).
	nameLit := &plan.Literal{Type: types.String, Value: collName, Text: collName}
	return &plan.Call{Fn: "collate", Args: []plan.Expr{x[0], nameLit}, Type: t, Null: plan.NullableOf(x[0]),
		Display: "collate"}, nil
}

// resolveCollationFn is collation(expr): the fully qualified collation name of a string
// expression's type, a constant.
func resolveCollationFn(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyString}, []string{reqString})
	if err != nil {
		return nil, err
	}
	st, _ := plan.TypeOf(x[0]).(types.StringType)
	v := "SYSTEM.BUILTIN." + st.CollationName()
	return &plan.Literal{Type: types.String, Value: v, Text: name + "(" + args[0].String() + ")"}, nil
}

// typesError turns a sql/types error (an invalid collation name) into an analysis error.
func typesError(err error) error {
	var te *types.Error
	if errors.As(err, &te) {
		return sparkerror.New(sparkerror.Analysis, te.Class, te.SQLState, te.Message, te.Params)
	}
	return err
}

// collationCoercedFunctions are the functions whose string arguments take one collation
// (the expressions CollationTypeCoercion.collateToSingleType applies to).
var collationCoercedFunctions = setOf(
	"array", "array_join", "concat", "||", "greatest", "least", "coalesce", "nvl", "ifnull",
	"array_contains", "array_except", "concat_ws", "mask", "replace", "translate", "trim",
	"btrim", "ltrim", "rtrim", "array_append", "array_intersect", "array_position",
	"array_remove", "array_union", "arrays_overlap", "contains", "endswith", "startswith",
	"<=>", "=", "==", "!=", "<>", ">", ">=", "<", "<=", "find_in_set", "instr", "to_number",
	"try_to_number", "str_to_map", "levenshtein", "split_part", "lag", "lead",
	"regexp_replace", "rpad", "lpad", "overlay", "elt", "substring_index", "locate",
	"position", "if", "iff", "nullif", "nvl2", "array_prepend", "array_insert")

// collationKeepingFunctions compute a string in the collation of their string input.
var collationKeepingFunctions = setOf(
	"upper", "ucase", "lower", "lcase", "initcap", "repeat", "left", "right", "substr",
	"substring", "trim", "btrim", "ltrim", "rtrim", "replace", "translate", "concat", "||",
	"concat_ws", "split_part", "substring_index", "make_valid_utf8", "validate_utf8",
	"try_validate_utf8", "lpad", "rpad", "reverse", "overlay", "elt", "mask",
	"regexp_replace", "split", "sentences", "format_string", "printf")

// indeterminateRejecting are the functions that need a determinate collation
// (CollationTypeCoercion.canContainIndeterminateCollation is false for them).
var indeterminateRejecting = setOf(
	"<=>", "=", "==", "!=", "<>", ">", ">=", "<", "<=", "contains", "startswith", "endswith",
	"like", "ilike", "upper", "ucase", "lower", "lcase", "initcap", "find_in_set", "instr",
	"replace", "locate", "position", "substring_index", "trim", "btrim", "ltrim", "rtrim",
	"translate", "in")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// collationContext is Spark's findCollationContext: the expression's type with the
// strength of each string's collation, or nil when the expression has no strings or its
// children's contexts do not fit together.
func collationContext(e plan.Expr) *coercion.Context {
	t := plan.TypeOf(e)
	if t == nil || !coercion.HasString(t) {
		return nil
	}
	switch x := e.(type) {
	case *plan.Call:
		switch x.Fn {
		case "collate":
			return coercion.ContextOf(t, coercion.Explicit)
		case "get_struct_field", "get_array_item", "get_map_value", "element_at":
			// A part of a value holds the value's strength (Spark's GetStructField and
			// GetMapValue cases).
			if s, ok := collationContext(x.Args[0]).Strength(); ok {
				return coercion.ContextOf(t, s)
			}
			return nil
		}
	case *plan.Cast:
		if coercion.HasString(plan.TypeOf(x.Child)) {
			return coercion.ContextOf(t, coercion.Implicit)
		}
		return coercion.ContextOf(t, coercion.Default)
	case *plan.AttributeRef, *plan.OuterRef, *plan.Alias, *plan.ScalarSubquery, *plan.LambdaVar:
		return coercion.ContextOf(t, coercion.Implicit)
	case *plan.Literal:
		return coercion.ContextOf(t, coercion.Default)
	}
	var childCtx []*coercion.Context
	anyString := false
	for _, c := range e.Children() {
		ct := plan.TypeOf(c)
		if ct == nil || !coercion.HasString(ct) {
			continue
		}
		anyString = true
		if cc := collationContext(c); cc != nil {
			childCtx = append(childCtx, cc)
		}
	}
	if !anyString {
		return coercion.ContextOf(t, coercion.Default)
	}
	m, ok, err := coercion.MergeContexts(coercion.PlainContext(t), childCtx)
	if !ok || err != nil {
		return nil
	}
	return m
}

// collateToSingleType gives the string arguments of an expression their common
// collation, the strongest one; render is the expression's SQL text for errors.
func collateToSingleType(args []plan.Expr, rejectIndeterminate bool, render func() string) ([]plan.Expr, error) {
	var strs []plan.Expr
	collated := false
	for _, e := range args {
		if t := plan.TypeOf(e); t != nil && coercion.HasString(t) {
			strs = append(strs, e)
			collated = collated || coercion.HasCollatedString(t)
		}
	}
	if !collated {
		return args, nil
	}
	lct := collationContext(strs[0])
	if lct == nil {
		return args, nil
	}
	for _, e := range strs[1:] {
		c := collationContext(e)
		if c == nil {
			return args, nil
		}
		m, ok, err := coercion.MergeContext(lct, c)
		if err != nil {
			return nil, collationMismatch(err)
		}
		if !ok {
			return args, nil
		}
		lct = m
	}
	if rejectIndeterminate && lct.HasIndeterminate() {
		return nil, indeterminateCollationIn(render())
	}
	out := make([]plan.Expr, len(args))
	for i, e := range args {
		out[i] = e
		if t := plan.TypeOf(e); t != nil && coercion.HasString(t) {
			out[i] = changeCollation(e, lct)
		}
	}
	return out, nil
}

// changeCollation is Spark's changeType: e in the collations of lct. A literal takes the
// new type itself (and prints as 'x' collate NAME), a cast casts to it, anything else is
// cast implicitly.
func changeCollation(e plan.Expr, lct *coercion.Context) plan.Expr {
	t := plan.TypeOf(e)
	nt, ok := coercion.ApplyCollation(t, lct)
	if !ok || types.Equal(nt, t) {
		return e
	}
	switch x := e.(type) {
	case *plan.Literal:
		if s, isStr := x.Value.(string); isStr {
			if st, ok := nt.(types.StringType); ok {
				return &plan.Literal{Type: nt, Value: s, Text: collatedLiteralText(s, st)}
			}
		}
		if x.Value == nil {
			return &plan.Literal{Type: nt, Text: x.Text}
		}
	case *plan.Cast:
		c := *x
		c.To = nt
		return &c
	}
	return castTo(e, nt)
}

// collatedLiteralText is how a string literal of a non-default collation prints.
func collatedLiteralText(s string, st types.StringType) string {
	if st.IsDefaultCollation() {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "' collate " + st.Collation
}

func collationMismatch(err error) error {
	var m *coercion.ExplicitCollationMismatch
	if errors.As(err, &m) {
		parts := make([]string, len(m.Types))
		for i, t := range m.Types {
			parts[i] = sqlType(t)
		}
		return analysisError("COLLATION_MISMATCH.EXPLICIT", "42P21",
			"Could not determine which collation to use for string functions and operators. Error occurred due to the mismatch between explicit collations: [<explicitTypes>]. Decide on a single explicit collation and remove others.",
			map[string]string{"explicitTypes": strings.Join(parts, ", ")})
	}
	return err
}

func indeterminateCollationIn(expr string) error {
	return analysisError("INDETERMINATE_COLLATION_IN_EXPRESSION", "42P22",
		"Data type of <expr> has indeterminate collation. Use COLLATE clause to set the collation explicitly.",
		map[string]string{"expr": `"` + expr + `"`})
}

// coerceCallCollations is the hook a.function runs on the resolved arguments of a call
// before its resolver: collation coercion for the functions Spark applies it to, and the
// rejection of indeterminate collations where a collation is needed.
func coerceCallCollations(name string, args []plan.Expr, f *plan.UnresolvedFunction) ([]plan.Expr, error) {
	render := func() string { return collationCallText(name, args, f) }
	if indeterminateRejecting[name] {
		for _, e := range args {
			if t := plan.TypeOf(e); t != nil && coercion.HasIndeterminateCollation(t) {
				return nil, indeterminateCollationIn(render())
			}
		}
	}
	out := args
	if collationCoercedFunctions[name] {
		var err error
		if out, err = collateToSingleType(args, indeterminateRejecting[name], render); err != nil {
			return nil, err
		}
	}
	if nonCSAIFunctions[name] {
		for i, e := range out {
			if st, ok := plan.TypeOf(e).(types.StringType); ok && isCSAI(st.Collation) {
				return nil, unexpectedInputType(collationCallText(name, out, f), i, reqString, e)
			}
		}
	}
	return out, nil
}

// nonCSAIFunctions take strings of any collation but the case-sensitive,
// accent-insensitive ones (Spark's StringTypeNonCSAICollation).
var nonCSAIFunctions = setOf("contains", "startswith", "endswith", "replace", "translate",
	"trim", "btrim", "ltrim", "rtrim", "instr", "substring_index", "locate", "position",
	"split_part", "str_to_map")

// isCSAI reports whether an ICU collation ignores accents but not case.
func isCSAI(collation string) bool {
	specs := strings.Split(collation, "_")
	ai, ci := false, false
	for _, s := range specs[1:] {
		ai = ai || s == "AI"
		ci = ci || s == "CI"
	}
	return ai && !ci && !strings.HasPrefix(collation, "UTF8_")
}

// collationCallText renders a call as Spark shows it in messages.
func collationCallText(name string, args []plan.Expr, f *plan.UnresolvedFunction) string {
	if f != nil && f.Operator && len(args) == 2 {
		op := name
		if op == "==" {
			op = "="
		}
		return "(" + args[0].String() + " " + op + " " + args[1].String() + ")"
	}
	return name + "(" + joinExprs(args) + ")"
}

// callResultCollation is the hook a.function runs on a resolved call: functions that
// compute a string from a string keep its collation.
func callResultCollation(name string, r plan.Expr) plan.Expr {
	c, ok := r.(*plan.Call)
	if !ok || !collationKeepingFunctions[name] || c.Type == nil || coercion.HasCollatedString(c.Type) {
		return r
	}
	var src types.StringType
	found := false
	for _, arg := range c.Args {
		if st, ok := plan.TypeOf(arg).(types.StringType); ok {
			src, found = st, true
			break
		}
	}
	if !found || src.IsDefaultCollation() || !coercion.HasString(c.Type) {
		return r
	}
	nt, ok := coercion.ApplyCollation(c.Type, coercion.ContextOf(src, coercion.Default))
	if !ok {
		return r
	}
	n := *c
	n.Type = nt
	return &n
}

// coerceValueCollations applies collation coercion to the operands of IN and to the
// values of CASE WHEN (exprs built outside the function registry).
func coerceValueCollations(args []plan.Expr, rejectIndeterminate bool, render func() string) ([]plan.Expr, error) {
	if rejectIndeterminate {
		for _, e := range args {
			if t := plan.TypeOf(e); t != nil && coercion.HasIndeterminateCollation(t) {
				return nil, indeterminateCollationIn(render())
			}
		}
	}
	return collateToSingleType(args, rejectIndeterminate, render)
}

// coerceCaseCollations gives the values of a CASE WHEN their common collation when their
// types differ, writing them back into n; vals are the branch values then the ELSE value.
func coerceCaseCollations(n *plan.CaseWhen, vals []plan.Expr) ([]plan.Expr, error) {
	if len(vals) == 0 {
		return vals, nil
	}
	same := true
	for _, v := range vals[1:] {
		if !types.Equal(plan.TypeOf(v), plan.TypeOf(vals[0])) {
			same = false
			break
		}
	}
	if same {
		return vals, nil
	}
	out, err := collateToSingleType(vals, false, n.String)
	if err != nil {
		return nil, err
	}
	copy(n.Values, out[:len(n.Values)])
	if n.Else != nil {
		n.Else = out[len(out)-1]
	}
	return out, nil
}
