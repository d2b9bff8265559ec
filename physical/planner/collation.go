package planner

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Strings of a non-default collation are compared, sorted, grouped and joined through
// their collation keys (expr.NewCollationKey): the planner rewrites such operands and
// keys, and the operators themselves stay collation-unaware.

// keyCollation is the collation of a string type whose values need a collation key, or
// "" when t is not such a string.
func keyCollation(t types.DataType) string {
	st, ok := t.(types.StringType)
	if !ok || st.IsDefaultCollation() || st.IsIndeterminate() {
		return ""
	}
	return st.Collation
}

// collationKey is x's collation key when x computes a string of type t of a non-default
// collation, x otherwise.
func collationKey(x expr.Expr, t types.DataType) (expr.Expr, error) {
	return collationKeyAs(x, t, keyCollation(elementType(t)))
}

// collationKeyAs is the key of x (of type t) in collation coll when t is a string or an
// array of strings, x otherwise.
func collationKeyAs(x expr.Expr, t types.DataType, coll string) (expr.Expr, error) {
	if coll == "" {
		return x, nil
	}
	switch t.(type) {
	case types.ArrayType:
		return expr.NewArrayCollationKey(x, coll)
	case types.StringType:
		return expr.NewCollationKey(x, coll)
	}
	return x, nil
}

// keyedSketchAggregates hash a string's collation key, as Spark hashes its sort key.
var keyedSketchAggregates = map[string]bool{"hll_sketch_agg": true, "theta_sketch_agg": true}

// skipEmptyKey makes the key k of a string of type t NULL where the string equals the
// empty string under its collation: Spark's sketches skip those strings.
func skipEmptyKey(k expr.Expr, t types.DataType) (expr.Expr, error) {
	empty, err := expr.NewLiteral(types.String, "")
	if err != nil {
		return nil, err
	}
	ek, err := collationKey(empty, t)
	if err != nil {
		return nil, err
	}
	return expr.NewNullIf(k, ek)
}

// collationKeyedCalls are the calls whose string operands can be replaced by their
// collation keys for every collation (comparisons); utf8KeyedCalls those where this
// holds for the UTF8_ collations, whose keys keep the characters (lower-cased for
// UTF8_LCASE, without trailing spaces for _RTRIM).
var collationKeyedCalls = map[string]bool{"=": true, "<": true, "<=": true, ">": true, ">=": true, "<=>": true,
	"array_contains": true, "array_position": true, "arrays_overlap": true}

var utf8KeyedCalls = map[string]bool{"contains": true, "startswith": true, "endswith": true,
	"instr": true, "locate": true, "position": true}

// searchFoldCalls are the substring predicates, which for ICU collations search folded
// strings (expr.NewSearchFoldKey).
var searchFoldCalls = map[string]bool{"contains": true, "startswith": true, "endswith": true}

// indeterminateRejected are the functions that need a collation when they run and that
// the analyzer lets through with an indeterminate one: they fail with
// INDETERMINATE_COLLATION.
var indeterminateRejected = map[string]bool{"split_part": true, "str_to_map": true,
	"array_contains": true, "array_position": true, "array_remove": true, "array_except": true,
	"array_intersect": true, "array_union": true, "arrays_overlap": true, "array_distinct": true,
	"greatest": true, "least": true, "nullif": true}

// collationArgs rewrites the operands of a call by their collation keys where the
// call's result only depends on them.
func collationArgs(c *plan.Call, args []expr.Expr) ([]expr.Expr, error) {
	coll := ""
	for _, a := range c.Args {
		if st, ok := plan.TypeOf(a).(types.StringType); ok && st.IsIndeterminate() && indeterminateRejected[c.Fn] {
			return nil, sparkerror.New(sparkerror.Runtime, "INDETERMINATE_COLLATION", "42P22",
				"Could not determine which collation to use for string operation. Use COLLATE clause to set the collation explicitly.", nil)
		}
		if coll == "" {
			coll = keyCollation(elementType(plan.TypeOf(a)))
		}
	}
	if coll == "" {
		return args, nil
	}
	switch {
	case collationKeyedCalls[c.Fn]:
	case utf8KeyedCalls[c.Fn] && strings.HasPrefix(coll, "UTF8_"):
		// Trailing spaces of the string do not change where the (trimmed) pattern matches.
	case searchFoldCalls[c.Fn]:
		out := make([]expr.Expr, len(args))
		for i, x := range args {
			out[i] = x
			if _, ok := plan.TypeOf(c.Args[i]).(types.StringType); ok {
				k, err := expr.NewSearchFoldKey(x, coll)
				if err != nil {
					return nil, err
				}
				out[i] = k
			}
		}
		return out, nil
	case c.Fn == "find_in_set" && strings.HasPrefix(coll, "UTF8_") && len(args) == 2:
		// The word and each item of the list compare by their keys.
		w, err := collationKeyAs(args[0], plan.TypeOf(c.Args[0]), coll)
		if err != nil {
			return nil, err
		}
		l, err := expr.NewSetCollationKey(args[1], coll)
		if err != nil {
			return nil, err
		}
		return []expr.Expr{w, l}, nil
	default:
		return args, nil
	}
	out := make([]expr.Expr, len(args))
	for i, x := range args {
		k, err := collationKeyAs(x, plan.TypeOf(c.Args[i]), coll)
		if err != nil {
			return nil, err
		}
		out[i] = k
	}
	return out, nil
}

// collatedIn plans x IN (list) over collation keys when x is a collated string.
func (p *planner) collatedIn(e *plan.In, in layout) (expr.Expr, bool, error) {
	t := plan.TypeOf(e.Value)
	if keyCollation(t) == "" {
		return nil, false, nil
	}
	v, err := p.expr(e.Value, in)
	if err != nil {
		return nil, true, err
	}
	if v, err = collationKey(v, t); err != nil {
		return nil, true, err
	}
	list := make([]expr.Expr, len(e.List))
	for i, x := range e.List {
		lx, err := p.expr(x, in)
		if err != nil {
			return nil, true, err
		}
		if list[i], err = collationKey(lx, plan.TypeOf(x)); err != nil {
			return nil, true, err
		}
	}
	r, err := expr.NewIn(v, list)
	return r, true, err
}

// collationKeyPair turns the two sides of an equi-join key of type t into collation keys.
func collationKeyPair(l, r expr.Expr, t types.DataType) (expr.Expr, expr.Expr, error) {
	lk, err := collationKey(l, t)
	if err != nil {
		return nil, nil, err
	}
	rk, err := collationKey(r, t)
	if err != nil {
		return nil, nil, err
	}
	return lk, rk, nil
}

// collatedGroups groups a hash aggregate by the collation keys of collated string keys;
// each group's value of such a key is then the value of one of its rows. Spark returns
// the first one its hash map saw, which depends on how the rows arrive; partial
// aggregates merge here in no fixed order, so the group's largest value (in binary
// order) is taken instead: deterministic, and the same as Spark's for the common case of
// lower-case spellings preceding upper-case ones.
type collatedGroups struct {
	values []expr.Expr
	types  []types.DataType
	attrs  []*plan.AttributeRef
}

// add returns the grouping expression and hidden output column for key x (of the
// attribute at's type) when it is a collated string; ok is false for other keys.
func (cg *collatedGroups) add(x expr.Expr, at *plan.AttributeRef) (key expr.Expr, hidden *plan.AttributeRef, ok bool, err error) {
	if keyCollation(at.Type) == "" {
		return nil, nil, false, nil
	}
	if key, err = collationKey(x, at.Type); err != nil {
		return nil, nil, true, err
	}
	kt := types.DataType(types.String)
	if key.DataType().ID() == arrow.BINARY {
		kt = types.Binary
	}
	cg.values = append(cg.values, x)
	cg.types = append(cg.types, at.Type)
	cg.attrs = append(cg.attrs, at)
	return key, &plan.AttributeRef{Name: at.Name, Type: kt, Null: at.Null, ID: plan.NewExprID()}, true, nil
}

// finish appends the aggregates computing the collated keys' values, after calls.
func (cg *collatedGroups) finish(calls []aggregate.Call, mid []*plan.AttributeRef) ([]aggregate.Call, []*plan.AttributeRef) {
	for i, x := range cg.values {
		calls = append(calls, aggregate.Call{Fn: "max", Args: []expr.Expr{x},
			InputTypes: []types.DataType{cg.types[i]}, ResultType: cg.types[i]})
		mid = append(mid, cg.attrs[i])
	}
	return calls, mid
}

// collatedDistinct is distinct over out when some column is a collated string: a hash
// aggregate over the others and the collation keys, then the columns in their order.
func (p *planner) collatedDistinct(child physical.ExecutionPlan, out []*plan.AttributeRef) (physical.ExecutionPlan, bool, error) {
	keyed := false
	for _, a := range out {
		if keyCollation(a.Type) != "" {
			keyed = true
		}
	}
	if !keyed {
		return nil, false, nil
	}
	var cg collatedGroups
	var groups []expr.Expr
	var names []string
	var mid []*plan.AttributeRef
	for i, a := range out {
		c, err := expr.NewColumn(i, a.Type)
		if err != nil {
			return nil, true, err
		}
		if key, hidden, ok, err := cg.add(c, a); ok {
			if err != nil {
				return nil, true, err
			}
			groups, names, mid = append(groups, key), append(names, a.Name), append(mid, hidden)
			continue
		}
		groups, names, mid = append(groups, c), append(names, a.Name), append(mid, a)
	}
	calls, mid := cg.finish(nil, mid)
	agg, err := physical.NewAggregate(child, groups, names, calls, p.aggregatePartitions())
	if err != nil {
		return nil, true, err
	}
	exprs := make([]plan.Expr, len(out))
	for i, a := range out {
		exprs[i] = a
	}
	r, err := p.project(agg, mid, exprs, out)
	return r, true, err
}

// collationCall plans the calls whose collation changes how they compute, not only
// what they compare: NULLIF (equal under the collation gives NULL, else the first value
// as it is), LEAST and GREATEST (the value of the extreme key), the array set functions
// (elements equal by key) and, for UTF8_LCASE, the string functions that search case-insensitively
// (with _RTRIM, split_part and substring_index trim their delimiter). ok is false for
// other calls, which may have had args rewritten.
func collationCall(c *plan.Call, args []expr.Expr) (expr.Expr, bool, error) {
	coll := ""
	for _, a := range c.Args {
		if coll = keyCollation(elementType(plan.TypeOf(a))); coll != "" {
			break
		}
	}
	if coll == "" {
		return nil, false, nil
	}
	switch c.Fn {
	case "nullif":
		if len(args) != 2 {
			return nil, false, nil
		}
		l, r, err := collationKeyPair(args[0], args[1], plan.TypeOf(c.Args[0]))
		if err != nil {
			return nil, true, err
		}
		eq, err := expr.NewCompare(expr.EQ, l, r)
		if err != nil {
			return nil, true, err
		}
		null, err := expr.NewLiteral(c.Type, nil)
		if err != nil {
			return nil, true, err
		}
		x, err := expr.NewIf(eq, null, args[0], c.Type)
		return x, true, err
	case "array_distinct", "array_union", "array_intersect", "array_except":
		if keyCollation(elementType(plan.TypeOf(c.Args[0]))) == "" {
			return nil, false, nil
		}
		x, err := expr.NewCollatedArraySetOp(c.Fn, args, coll, c.Type)
		return x, true, err
	case "least", "greatest":
		if _, ok := c.Type.(types.StringType); !ok {
			return nil, false, nil
		}
		x, err := expr.NewCollatedExtreme(args, coll, c.Fn == "greatest")
		return x, true, err
	case "replace", "split_part", "substring_index", "translate":
		if !strings.HasPrefix(coll, "UTF8_") || len(args) != 3 {
			return nil, false, nil
		}
		if strings.HasSuffix(coll, "_RTRIM") && (c.Fn == "split_part" || c.Fn == "substring_index") {
			// The delimiter is matched without its trailing spaces; args is the caller's.
			d, err := expr.NewCollationKey(args[1], "UTF8_BINARY_RTRIM")
			if err != nil {
				return nil, true, err
			}
			args[1] = d
		}
		if strings.HasPrefix(coll, "UTF8_LCASE") {
			return expr.NewLcaseStringFunc(c.Fn, args)
		}
	}
	return nil, false, nil
}

// elementType is an array's element type, other types themselves.
func elementType(t types.DataType) types.DataType {
	if at, ok := t.(types.ArrayType); ok {
		return at.ElementType
	}
	return t
}

// collationKeyList is collationKey for each of xs, computing es.
func collationKeyList(xs []expr.Expr, es []plan.Expr) ([]expr.Expr, error) {
	out := make([]expr.Expr, len(xs))
	for i, x := range xs {
		k, err := collationKey(x, plan.TypeOf(es[i]))
		if err != nil {
			return nil, err
		}
		out[i] = k
	}
	return out, nil
}

// collationAggregateArgs makes count(DISTINCT ...) count distinct collation keys, so
// that strings equal under their collation count once; the distinct-count sketches
// (keyedSketchAggregates) hash the keys likewise.
func collationAggregateArgs(ac *plan.AggregateCall, args []expr.Expr, ts []types.DataType) ([]expr.Expr, []types.DataType, error) {
	if (!ac.Distinct || ac.Fn != "count") && !keyedSketchAggregates[ac.Fn] {
		return args, ts, nil
	}
	outArgs, outTypes := args, ts
	cloned := false
	for i, t := range ts {
		if i >= len(ac.Args) || keyCollation(t) == "" {
			continue
		}
		k, err := collationKey(args[i], t)
		if err != nil {
			return nil, nil, err
		}
		if keyedSketchAggregates[ac.Fn] {
			if k, err = skipEmptyKey(k, t); err != nil {
				return nil, nil, err
			}
		}
		if !cloned {
			outArgs = append([]expr.Expr(nil), args...)
			outTypes = append([]types.DataType(nil), ts...)
			cloned = true
		}
		outArgs[i] = k
		outTypes[i] = types.String
		if k.DataType().ID() == arrow.BINARY {
			outTypes[i] = types.Binary
		}
	}
	return outArgs, outTypes, nil
}
