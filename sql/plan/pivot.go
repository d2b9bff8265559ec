package plan

import (
	"fmt"
	"strings"
)

// Pivot is PIVOT (aggregates FOR column IN (values)) over Child, unresolved: the analyzer
// turns it into aggregates with one column per value and aggregate, as Spark's
// ResolvePivot does.
type Pivot struct {
	Child Node
	// Column is the pivot column: a column, or struct(c1, c2, ...) for several.
	Column Expr
	// Values are constant expressions, possibly aliased (*Alias).
	Values []Expr
	// Aggregates are aggregate expressions, possibly aliased (*Alias).
	Aggregates []Expr
}

// Unpivot is UNPIVOT / df.unpivot over Child, unresolved: each input row becomes one row
// per set of value columns, holding the id columns, the set's name (VariableName) and its
// values (ValueNames), as Spark's Unpivot.
type Unpivot struct {
	Child Node
	// Ids are the columns kept on every row; nil: the child's columns that are not values.
	Ids []Expr
	// Values are the sets of columns unpivoted, each with one column per value name; nil:
	// the child's columns that are not ids, one per set.
	Values [][]Expr
	// Aliases name the sets ("" where none is given; nil when none is); a set without one
	// is named after its columns, joined by "_".
	Aliases []string
	// VariableName and ValueNames name the output columns after the ids.
	VariableName string
	ValueNames   []string
}

// Analyzed holds a subtree the analyzer has already resolved, inside a plan it is still
// resolving (the analyzer returns Child as it is).
type Analyzed struct {
	Child Node
}

func (n *Pivot) Children() []Node           { return []Node{n.Child} }
func (n *Pivot) WithChildren(c []Node) Node { m := *n; m.Child = c[0]; return &m }
func (n *Pivot) Output() []*AttributeRef    { return nil }
func (n *Pivot) Describe() string {
	return fmt.Sprintf("'Pivot %s, %s, %s", n.Column, exprList(n.Values), exprList(n.Aggregates))
}

func (n *Unpivot) Children() []Node           { return []Node{n.Child} }
func (n *Unpivot) WithChildren(c []Node) Node { m := *n; m.Child = c[0]; return &m }
func (n *Unpivot) Output() []*AttributeRef    { return nil }
func (n *Unpivot) Describe() string {
	sets := make([]string, len(n.Values))
	for i, v := range n.Values {
		sets[i] = exprList(v)
	}
	return fmt.Sprintf("'Unpivot %s, [%s], %s, [%s]", exprList(n.Ids), strings.Join(sets, ", "), n.VariableName, strings.Join(n.ValueNames, ", "))
}

func (n *Analyzed) Children() []Node           { return []Node{n.Child} }
func (n *Analyzed) WithChildren(c []Node) Node { return &Analyzed{Child: c[0]} }
func (n *Analyzed) Output() []*AttributeRef    { return n.Child.Output() }
func (n *Analyzed) Describe() string           { return "Analyzed" }
