package analyzer

// Window-only functions: lag and lead (with IGNORE NULLS or the ignoreNulls argument),
// the frames Spark gives ranking and offset functions, and how Spark names a RANGE frame
// whose offsets it casts to the ORDER BY key's type.

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// rankDisplay is how Spark names a ranking function: rank, dense_rank and percent_rank
// print their name in upper case (their SQL form hides the ORDER BY keys they take as
// arguments), the others as written.
func rankDisplay(name string) string {
	switch name {
	case "rank", "dense_rank", "percent_rank":
		return strings.ToUpper(name)
	}
	return name
}

// isOffsetWindowFunction reports whether fn is lag or lead (respecting or ignoring nulls).
func isOffsetWindowFunction(fn string) bool {
	switch fn {
	case "lag", "lead", "lag_ignore_nulls", "lead_ignore_nulls":
		return true
	}
	return false
}

// resolveLagLead is lag/lead(input[, offset[, default[, ignoreNulls]]]) [IGNORE NULLS]. The
// offset defaults to 1 and the default to NULL (cast to the input's type); ignoring nulls
// is the call's Fn "lag_ignore_nulls"/"lead_ignore_nulls" (the physical planner maps it to
// the IgnoreNulls flag), so the name stays Spark's lag(input, offset, default).
func resolveLagLead(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2, 3, 4); err != nil {
		return nil, err
	}
	ignore := f.HasNulls && f.IgnoreNulls
	if len(args) == 4 {
		lit, ok := args[3].(*plan.Literal)
		b, isBool := false, false
		if ok {
			b, isBool = lit.Value.(bool)
		}
		if !isBool {
			return nil, analysisError("INVALID_PARAMETER_VALUE.BOOLEAN", "22023",
				"The value of parameter(s) <parameter> in <functionName> is invalid: expects a boolean literal, but got <invalidValue>.",
				map[string]string{"parameter": "`ignoreNulls`", "functionName": "`" + name + "`", "invalidValue": args[3].String()})
		}
		ignore = ignore || b
		args = args[:3]
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) < 2 {
		full = append(full, intLit(1))
	}
	if len(full) < 3 {
		full = append(full, &plan.Literal{Type: types.Null, Text: "NULL"})
	}
	t := plan.TypeOf(full[0])
	full[2] = castTo(full[2], t)
	fn := name
	if ignore {
		fn += "_ignore_nulls"
	}
	return &plan.Call{Fn: fn, Args: full, Type: t, Null: true, Display: name}, nil
}

// windowFunctionFrame is the frame Spark gives a ranking or offset function: lag and lead
// read the row offset rows away (ROWS BETWEEN k FOLLOWING AND k FOLLOWING, k negative for
// lag), cume_dist counts the current row's peers (RANGE), the others run over ROWS from
// the partition's start to the current row.
func windowFunctionFrame(f *plan.Call) *plan.WindowFrame {
	switch f.Fn {
	case "cume_dist":
		return &plan.WindowFrame{Type: plan.RangeFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding}, Upper: plan.FrameBound{Kind: plan.CurrentRow}}
	case "lag", "lead", "lag_ignore_nulls", "lead_ignore_nulls":
		if len(f.Args) > 1 {
			if k, ok, err := foldInt(f.Args[1]); err == nil && ok {
				if strings.HasPrefix(f.Fn, "lag") {
					k = -k
				}
				lit := func() plan.Expr {
					return &plan.Literal{Type: plan.TypeOf(f.Args[1]), Value: castIntValue(k, plan.TypeOf(f.Args[1])), Text: strconv.FormatInt(k, 10)}
				}
				return &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBound{Kind: plan.Following, Offset: lit()},
					Upper: plan.FrameBound{Kind: plan.Following, Offset: lit()}}
			}
		}
	}
	return &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding}, Upper: plan.FrameBound{Kind: plan.CurrentRow}}
}

// castIntValue is k as the Go value of the integral type t.
func castIntValue(k int64, t types.DataType) any {
	switch t.(type) {
	case types.ByteType:
		return int8(k)
	case types.ShortType:
		return int16(k)
	case types.LongType:
		return k
	}
	return int32(k)
}

// markCoercedFrame marks the offsets of a RANGE frame that Spark casts to the single
// ORDER BY key's type (any type but the key's own that casts to it, except for date and
// timestamp keys): Spark names such a PRECEDING bound "(- n) FOLLOWING". The frame is
// copied, never changed in place (the unresolved window spec shares it).
func (a *analyzer) markCoercedFrame(spec *plan.WindowSpec, sc *scope) {
	fr := spec.Frame
	if fr == nil || fr.Type != plan.RangeFrame || len(spec.OrderBy) != 1 {
		return
	}
	key := plan.TypeOf(spec.OrderBy[0].Child)
	switch key.(type) {
	case types.DateType, types.TimestampType:
		return
	}
	coerced := func(b plan.FrameBound) bool {
		if b.Kind != plan.Preceding && b.Kind != plan.Following || b.Offset == nil {
			return false
		}
		r, err := a.expr(b.Offset, sc)
		if err != nil {
			return false
		}
		t := plan.TypeOf(r)
		return !types.Equal(t, key) && a.coerce.CanCast(t, key)
	}
	lo, hi := coerced(fr.Lower), coerced(fr.Upper)
	if !lo && !hi {
		return
	}
	c := *fr
	c.Lower.Coerced, c.Upper.Coerced = lo, hi
	spec.Frame = &c
}

// checkNoWindowFunction rejects a window function in a WHERE condition (Spark's
// _LEGACY_ERROR_TEMP_1034, raised before the condition's type is checked) or in a join
// condition (UNSUPPORTED_EXPR_FOR_OPERATOR).
func checkNoWindowFunction(cond plan.Expr, clause string) error {
	var w *plan.WindowCall
	plan.Walk(cond, func(x plan.Expr) bool {
		if wc, ok := x.(*plan.WindowCall); ok && w == nil {
			w = wc
		}
		return w == nil
	})
	if w == nil {
		return nil
	}
	if clause == "WHERE" {
		return analysisError("_LEGACY_ERROR_TEMP_1034", "",
			"It is not allowed to use window functions inside <clauseName> clause.",
			map[string]string{"clauseName": clause})
	}
	return analysisError("UNSUPPORTED_EXPR_FOR_OPERATOR", "42K0E",
		"A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [<invalidExprSqls>]",
		map[string]string{"invalidExprSqls": sqlExpr(w)})
}
