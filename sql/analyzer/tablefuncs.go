package analyzer

import (
	"strconv"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// rangeParams are the parameters of range(start, end, step, numSlices); a single
// argument is the end.
var rangeParams = [4]struct {
	name string
	typ  types.DataType
}{{"start", types.Long}, {"end", types.Long}, {"step", types.Long}, {"numSlices", types.Integer}}

// rangeFunction resolves the range table-valued function as Spark builds its Range node:
// each argument must be foldable; it is implicitly cast to the parameter's type and
// evaluated, and must not be NULL.
func (a *analyzer) rangeFunction(n *plan.UnresolvedTableFunction, outer *scope) (plan.Node, error) {
	if len(n.Args) < 1 || len(n.Args) > 4 {
		return nil, wrongNumArgs("range", "[1, 2, 3, 4]", len(n.Args))
	}
	first := 0
	if len(n.Args) == 1 {
		first = 1
	}
	vals := [4]int64{0, 0, 1, 0}
	for i, e := range n.Args {
		r, err := a.expr(e, &scope{outer: outer})
		if err != nil {
			return nil, err
		}
		if vals[first+i], err = a.rangeArgument(r, first+i); err != nil {
			return nil, err
		}
	}
	return a.node(&plan.Range{Start: vals[0], End: vals[1], Step: vals[2], NumPartitions: int(vals[3])}, outer)
}

// rangeArgument is the value of argument e of range's parameter p (0-based).
func (a *analyzer) rangeArgument(e plan.Expr, p int) (int64, error) {
	param := rangeParams[p]
	if !isFoldable(e) {
		return 0, analysisError("NON_FOLDABLE_ARGUMENT", "42K08",
			"The function <funcName> requires the parameter <paramName> to be a foldable expression of the type <paramType>, but the actual argument is a non-foldable.",
			map[string]string{"funcName": quoteID("range"), "paramName": quoteID(param.name), "paramType": sqlType(param.typ)})
	}
	mismatch := analysisError("UNEXPECTED_INPUT_TYPE", "42K09",
		"Parameter <paramIndex> of function <functionName> requires the <requiredType> type, however <inputSql> has the type <inputType>.",
		map[string]string{"paramIndex": ordinal(p + 1), "functionName": quoteID("range"), "requiredType": sqlType(param.typ),
			"inputSql": sqlExpr(e), "inputType": sqlType(plan.TypeOf(e))})
	t, ok := a.coerce.ImplicitCast(plan.TypeOf(e), coercion.Exact(param.typ))
	if !ok {
		return 0, mismatch
	}
	c := castTo(e, t)
	if !types.Equal(t, param.typ) {
		c = castTo(c, param.typ)
	}
	v, err := a.evalConstant(c)
	if err != nil {
		return 0, err
	}
	switch v := v.(type) {
	case int64:
		return v, nil
	case int32:
		return int64(v), nil
	case nil:
		return 0, mismatch
	}
	return 0, sparkerror.InternalError("range argument %s evaluated to %T", e.String(), v)
}

// sqlKeywords is SQL_KEYWORDS(): every keyword and whether it is reserved under the
// session's keyword mode (reserved keywords are enforced only in ANSI mode with
// spark.sql.ansi.enforceReservedKeywords on).
func (a *analyzer) sqlKeywords() plan.Node {
	enforced := false
	if a.opts.ANSI && a.opts.Settings != nil {
		enforced, _ = strconv.ParseBool(a.opts.Settings.String("spark.sql.ansi.enforceReservedKeywords"))
	}
	kws := parser.SQLKeywords()
	rows := make([][]plan.Expr, len(kws))
	for i, k := range kws {
		reserved := enforced && k.Reserved
		rows[i] = []plan.Expr{
			&plan.Literal{Type: types.String, Value: k.Word, Text: k.Word},
			&plan.Literal{Type: types.Boolean, Value: reserved, Text: strconv.FormatBool(reserved)},
		}
	}
	names := []string{"keyword", "reserved"}
	out := []*plan.AttributeRef{plan.NewAttribute(names[0], types.String, false), plan.NewAttribute(names[1], types.Boolean, false)}
	return &plan.Values{Rows: rows, Names: names, Out: out}
}
