package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

// expandArgStars replaces each * or t.* among a function's arguments (or an IN list) by
// the columns it stands for, as Spark's expandStarExpression does: array(*), struct(*),
// coalesce(* EXCEPT (a)), 5 IN (*). count(*) is count(1) before this; count(t.*) alone is
// refused (spark.sql.legacy.allowStarWithSingleTableIdentifierInCount is false).
func (a *analyzer) expandArgStars(name string, args []plan.Expr, sc *scope) ([]plan.Expr, error) {
	has := false
	for _, x := range args {
		if _, ok := x.(*plan.UnresolvedStar); ok {
			has = true
			break
		}
	}
	if !has || sc == nil {
		return args, nil
	}
	if name == "count" && len(args) == 1 {
		if s := args[0].(*plan.UnresolvedStar); len(s.Target) > 0 && a.qualifiesTable(s.Target, sc) {
			return nil, analysisError("_LEGACY_ERROR_TEMP_1021", "",
				"count(<targetString>.*) is not allowed. Please use count(*) or expand the columns manually, e.g. count(col1, col2).",
				map[string]string{"targetString": strings.Join(s.Target, ".")})
		}
	}
	out := make([]plan.Expr, 0, len(args))
	for _, x := range args {
		s, ok := x.(*plan.UnresolvedStar)
		if !ok {
			out = append(out, x)
			continue
		}
		cols, err := a.expandStar(s, sc)
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			// The fields of a struct's s.* come as aliases; as arguments, struct() takes
			// their names and other functions the values.
			if al, ok := c.(*plan.Alias); ok && name != "struct" {
				c = al.Child
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// qualifiesTable reports whether target names a relation in scope (t in t.*), rather than
// a struct column.
func (a *analyzer) qualifiesTable(target []string, sc *scope) bool {
	for _, at := range append(append([]*plan.AttributeRef(nil), sc.hidden...), sc.attrs...) {
		if a.matchQualifier(at, target) {
			return true
		}
	}
	return false
}

// outerStar expands t.* where t is a relation of an enclosing query (a LATERAL subquery's
// SELECT t.*): outer references to its columns, named as the columns.
func (a *analyzer) outerStar(target []string, sc *scope) []plan.Expr {
	if sc == nil {
		return nil
	}
	for s := sc.outer; s != nil; s = s.outer {
		var out []plan.Expr
		for _, at := range append(append([]*plan.AttributeRef(nil), s.hidden...), s.attrs...) {
			if a.matchQualifier(at, target) {
				out = append(out, &plan.Alias{Child: &plan.OuterRef{Attr: at}, Name: at.Name, ID: plan.NewExprID()})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
