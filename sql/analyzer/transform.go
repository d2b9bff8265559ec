package analyzer

import "github.com/sailgo/sail/sql/plan"

// scriptTransform resolves a script transformation: its child is an ordinary SELECT
// block, and its output columns are made afresh each time the node is resolved (a CTE
// or view that holds one and is read twice gives each read its own columns, as Spark's
// parser does by building new attributes for every copy).
func (a *analyzer) scriptTransform(n *plan.ScriptTransform, outer *scope) (plan.Node, error) {
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	m := *n
	m.Child = child
	m.Out = make([]*plan.AttributeRef, len(n.Columns))
	for i, c := range n.Columns {
		m.Out[i] = plan.NewAttribute(c.Name, c.Type, c.Nullable)
	}
	return &m, nil
}
