package plan

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// DeclareVariable is DECLARE [OR REPLACE] [VARIABLE] name, ... [type] [DEFAULT|= expr]:
// session variables, each set to the default's value (NULL without one) when declared.
type DeclareVariable struct {
	Names [][]string
	// Type is the declared type; nil takes the default expression's type.
	Type types.DataType
	// Default is the unresolved default expression (nil: NULL); DefaultSQL its text.
	Default    Expr
	DefaultSQL string
	Replace    bool
}

// SetVariable is SET VAR[IABLE] a = expr, ... (Values, a nil value meaning DEFAULT) or
// SET VAR (a, b) = (query) (Query).
type SetVariable struct {
	Targets [][]string
	Values  []Expr
	Query   Node
}

// DropVariable is DROP TEMPORARY VARIABLE [IF EXISTS] name.
type DropVariable struct {
	Name     []string
	IfExists bool
}

// ExecuteImmediate is EXECUTE IMMEDIATE sql [INTO v, ...] [USING expr [AS name], ...].
type ExecuteImmediate struct {
	// Query is the statement text: a string literal or any expression of type STRING.
	Query Expr
	// QueryText is how Query is written, for messages.
	QueryText string
	Into      [][]string
	// Using are the arguments; a named one is an Alias.
	Using []Expr
}

func (*DeclareVariable) CommandName() string  { return "CreateVariable" }
func (*SetVariable) CommandName() string      { return "SetVariable" }
func (*DropVariable) CommandName() string     { return "DropVariable" }
func (*ExecuteImmediate) CommandName() string { return "ExecuteImmediate" }

func (*DeclareVariable) Children() []Node  { return nil }
func (*SetVariable) Children() []Node      { return nil }
func (*DropVariable) Children() []Node     { return nil }
func (*ExecuteImmediate) Children() []Node { return nil }

func (n *DeclareVariable) WithChildren([]Node) Node  { return n }
func (n *SetVariable) WithChildren([]Node) Node      { return n }
func (n *DropVariable) WithChildren([]Node) Node     { return n }
func (n *ExecuteImmediate) WithChildren([]Node) Node { return n }

func (*DeclareVariable) Output() []*AttributeRef  { return []*AttributeRef{} }
func (*SetVariable) Output() []*AttributeRef      { return []*AttributeRef{} }
func (*DropVariable) Output() []*AttributeRef     { return []*AttributeRef{} }
func (*ExecuteImmediate) Output() []*AttributeRef { return []*AttributeRef{} }

func (n *DeclareVariable) Describe() string {
	names := make([]string, len(n.Names))
	for i, nm := range n.Names {
		names[i] = strings.Join(nm, ".")
	}
	return "CreateVariable " + strings.Join(names, ", ")
}

func (n *SetVariable) Describe() string {
	names := make([]string, len(n.Targets))
	for i, nm := range n.Targets {
		names[i] = strings.Join(nm, ".")
	}
	return "SetVariable " + strings.Join(names, ", ")
}

func (n *DropVariable) Describe() string { return "DropVariable " + strings.Join(n.Name, ".") }
func (n *ExecuteImmediate) Describe() string {
	return "ExecuteImmediate " + n.QueryText
}
