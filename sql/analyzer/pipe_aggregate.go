package analyzer

import "github.com/sailgo/sail/sql/plan"

// pipeAggregate resolves |> AGGREGATE as Spark does: an integer literal in GROUP BY is
// the position of an input column (which then names the output column); the grouping
// expressions come first in the output, then the items, each of which must contain an
// aggregate function.
func (a *analyzer) pipeAggregate(n *plan.PipeAggregate, outer *scope) (plan.Node, error) {
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	in := child.Output()
	sc := &scope{attrs: in, outer: outer, hidden: hiddenOf(child)}
	for _, it := range n.Items {
		r, err := a.expr(it, sc)
		if err != nil {
			return nil, err
		}
		if !anyAggregate([]plan.Expr{r}) {
			return nil, analysisError("PIPE_OPERATOR_AGGREGATE_EXPRESSION_CONTAINS_NO_AGGREGATE_FUNCTION", "0A000",
				"Non-grouping expression <expr> is provided as an argument to the |> AGGREGATE pipe operator but does not contain any aggregate function; please update it to include an aggregate function and then retry the query again.",
				map[string]string{"expr": stripAlias(r).String()})
		}
	}
	ordinals := a.flag(confGroupByOrdinal, true)
	agg := &plan.Aggregate{Child: &plan.Analyzed{Child: child}}
	for _, g := range n.Groups {
		if v, ok := ordinalOf(g); ok && ordinals {
			if v < 1 || v > len(in) {
				return nil, analysisError("GROUP_BY_POS_OUT_OF_RANGE", "42805",
					"GROUP BY position <index> is not in select list (valid range is [1, <size>]).",
					map[string]string{"index": itoa(v), "size": itoa(len(in))})
			}
			g = in[v-1]
		}
		agg.Exprs = append(agg.Exprs, g)
		agg.Groups = append(agg.Groups, stripAlias(g))
	}
	agg.Exprs = append(agg.Exprs, n.Items...)
	return a.node(agg, outer)
}
