package astlower

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// pipeAggregate lowers |> AGGREGATE items [GROUP BY ...]: the grouping expressions come
// first in the output, then the items. The parser has rejected the grouping forms Spark
// does not allow here (ALL, ROLLUP, CUBE, GROUPING SETS).
func (o Options) pipeAggregate(left plan.Node, items []plan.Expr, g *ast.GroupBy) (plan.Node, error) {
	n := &plan.PipeAggregate{Child: left, Items: items}
	if g != nil {
		agg := &plan.Aggregate{}
		if err := o.groupBy(agg, g); err != nil {
			return nil, err
		}
		if len(agg.GroupingSets) > 0 || agg.GroupByAll {
			return nil, notImplemented("grouping sets in the pipe operator |> AGGREGATE")
		}
		n.Groups = agg.Groups
	}
	return n, nil
}

// pipeExtendStar rejects * among the items of |> EXTEND, as Spark does.
func pipeExtendStar(items []plan.Expr) error {
	for _, it := range items {
		if _, ok := it.(*plan.UnresolvedStar); ok {
			return sparkerror.New(sparkerror.Analysis, "INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
				"Invalid usage of <elem> in <prettyName>.", map[string]string{"elem": "'*'", "prettyName": "expression `pipeexpression`"})
		}
	}
	return nil
}

// exceptOverlap rejects an EXCEPT list (|> DROP) naming a column twice, or a column and
// a field of it.
func exceptOverlap(cols [][]string) error {
	for i, a := range cols {
		for _, b := range cols[:i] {
			short, long := a, b
			if len(short) > len(long) {
				short, long = long, short
			}
			same := true
			for k := range short {
				if !strings.EqualFold(short[k], long[k]) {
					same = false
					break
				}
			}
			if !same {
				continue
			}
			parts := make([]string, len(cols))
			for k, c := range cols {
				parts[k] = strings.Join(c, ".")
			}
			return sparkerror.New(sparkerror.Analysis, "EXCEPT_OVERLAPPING_COLUMNS", "42702",
				"Columns in an EXCEPT list must be distinct and non-overlapping, but got (<columns>).",
				map[string]string{"columns": strings.Join(parts, ", ")})
		}
	}
	return nil
}

// windowClauseOver applies a WINDOW clause that follows a whole query (after pipe
// operators or set operations): the windows its select lists still name are defined by it.
func (o Options) windowClauseOver(n plan.Node, defs []*ast.NamedWindow) (plan.Node, error) {
	var err error
	switch x := n.(type) {
	case *plan.Project:
		m := *x
		if m.Exprs, err = substituteWindows(x.Exprs, defs, o); err != nil {
			return nil, err
		}
		n = &m
	case *plan.Aggregate:
		m := *x
		if m.Exprs, err = substituteWindows(x.Exprs, defs, o); err != nil {
			return nil, err
		}
		n = &m
	}
	children := n.Children()
	if len(children) == 0 {
		return n, nil
	}
	next := make([]plan.Node, len(children))
	for i, c := range children {
		if next[i], err = o.windowClauseOver(c, defs); err != nil {
			return nil, err
		}
	}
	return n.WithChildren(next), nil
}

func missingWindow(name string) error {
	return sparkerror.New(sparkerror.Analysis, "MISSING_WINDOW_SPECIFICATION", "42P20",
		"Window specification is not defined in the WINDOW clause for <windowName>. For more information about WINDOW clauses, please refer to '<docroot>/sql-ref-syntax-qry-select-window.html'.",
		map[string]string{"windowName": name, "docroot": "https://spark.apache.org/docs/latest"})
}
