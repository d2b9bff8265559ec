package plan

// PipeAggregate is |> AGGREGATE items [GROUP BY groups], unresolved: the output is the
// grouping expressions, then the items, each of which must contain an aggregate function.
// A grouping expression that is an integer literal is the position of an input column
// (spark.sql.groupByOrdinal), not of an output column as in GROUP BY of a SELECT.
type PipeAggregate struct {
	Child  Node
	Groups []Expr // possibly aliased (GROUP BY x AS k)
	Items  []Expr
}

func (n *PipeAggregate) Children() []Node           { return []Node{n.Child} }
func (n *PipeAggregate) WithChildren(c []Node) Node { m := *n; m.Child = c[0]; return &m }
func (n *PipeAggregate) Output() []*AttributeRef    { return nil }
func (n *PipeAggregate) Describe() string {
	return "'PipeAggregate " + exprList(n.Groups) + ", " + exprList(n.Items)
}
