package plan

import (
	"fmt"
	"sync/atomic"
)

// UnionLoop is a resolved recursive CTE (WITH RECURSIVE): the anchor runs once, then the
// recursive term runs over the rows of the previous step (its UnionLoopRef leaves, with
// the same ID) until a step yields no rows. Out are the anchor's columns with new IDs,
// nullable where either term is.
type UnionLoop struct {
	ID        int64
	Anchor    Node
	Recursion Node
	Out       []*AttributeRef
	// MaxDepth is MAX RECURSION LEVEL n; 0 when not given (the session's
	// spark.sql.cteRecursionLevelLimit applies).
	MaxDepth int64
	// Limit is a LIMIT pushed down onto the loop (the loop stops after that many rows);
	// -1 is LIMIT ALL (no row limit); meaningful only when HasLimit.
	Limit    int64
	HasLimit bool
}

// UnionLoopRef is the recursive term's reference to the rows of the previous step of the
// UnionLoop with the same ID.
type UnionLoopRef struct {
	ID  int64
	Out []*AttributeRef
}

// LimitAll is LIMIT ALL: no limit, except that it lifts the row limit of recursive CTEs
// read under it. The analyzer removes it.
type LimitAll struct {
	Child Node
}

var lastLoopID atomic.Int64

// NewLoopID is a fresh UnionLoop ID.
func NewLoopID() int64 { return lastLoopID.Add(1) }

func (n *UnionLoop) Children() []Node  { return []Node{n.Anchor, n.Recursion} }
func (*UnionLoopRef) Children() []Node { return nil }
func (n *LimitAll) Children() []Node   { return []Node{n.Child} }

func (n *UnionLoop) WithChildren(c []Node) Node {
	m := *n
	m.Anchor, m.Recursion = c[0], c[1]
	return &m
}
func (n *UnionLoopRef) WithChildren([]Node) Node { return n }
func (n *LimitAll) WithChildren(c []Node) Node   { return &LimitAll{Child: c[0]} }

func (n *UnionLoop) Output() []*AttributeRef    { return n.Out }
func (n *UnionLoopRef) Output() []*AttributeRef { return n.Out }
func (n *LimitAll) Output() []*AttributeRef     { return n.Child.Output() }

func (n *UnionLoop) Describe() string {
	s := fmt.Sprintf("UnionLoop %d", n.ID)
	if n.HasLimit {
		s += fmt.Sprintf(", %d", n.Limit)
	}
	if n.MaxDepth > 0 {
		s += fmt.Sprintf(", %d", n.MaxDepth)
	}
	return s
}
func (n *UnionLoopRef) Describe() string {
	return fmt.Sprintf("UnionLoopRef %d%s", n.ID, attrList(n.Out))
}
func (*LimitAll) Describe() string { return "LimitAll" }
