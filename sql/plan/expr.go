package plan

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Expr is a logical expression. String renders it the way Spark names an unaliased
// column (e.g. "(a + 1)", "CAST(x AS INT)").
type Expr interface {
	String() string
}

// Literal is a constant of a Spark type. Value holds int8/16/32/64, float32/64, bool,
// string, []byte, or nil for NULL; it is per plan, not per row.
type Literal struct {
	Type  types.DataType
	Value any
	// Text is how Spark prints the literal in a column name ("1", "x", "NULL", "1.5").
	Text string
}

// Column names a column, resolved by the analyzer. NameParts are the dotted parts.
type Column struct {
	NameParts []string
}

// Alias names an expression.
type Alias struct {
	Child Expr
	Name  string
}

// Call applies a function or operator by name ("+", "-", "negative", "positive", "abs", ...).
type Call struct {
	Name string
	Args []Expr
	// Infix is set for binary operators, which print as "(a + b)".
	Infix bool
}

// Star is * or qualifier.* in a select list.
type Star struct {
	Qualifier []string
}

// Bound is a resolved reference to column Index of the child's output.
type Bound struct {
	Index    int
	Name     string
	Type     types.DataType
	Nullable bool
}

// Typed is a resolved function or operator call: Fn names the kernel.
type Typed struct {
	Fn       string
	Args     []Expr
	Type     types.DataType
	Nullable bool
	Text     string // the auto-generated name
}

func (l *Literal) String() string { return l.Text }
func (c *Column) String() string  { return strings.Join(c.NameParts, ".") }
func (a *Alias) String() string   { return a.Child.String() + " AS " + a.Name }
func (s *Star) String() string {
	if len(s.Qualifier) == 0 {
		return "*"
	}
	return strings.Join(s.Qualifier, ".") + ".*"
}
func (c *Call) String() string {
	if c.Infix && len(c.Args) == 2 {
		return "(" + c.Args[0].String() + " " + c.Name + " " + c.Args[1].String() + ")"
	}
	if c.Name == "negative" && len(c.Args) == 1 {
		return "(- " + c.Args[0].String() + ")"
	}
	if c.Name == "positive" && len(c.Args) == 1 {
		return "(+ " + c.Args[0].String() + ")"
	}
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = a.String()
	}
	return c.Name + "(" + strings.Join(parts, ", ") + ")"
}
func (b *Bound) String() string { return b.Name }
func (t *Typed) String() string { return t.Text }

// OutputName is the column name Spark gives an expression in a select list.
func OutputName(e Expr) string {
	switch e := e.(type) {
	case *Alias:
		return e.Name
	case *Column:
		return e.NameParts[len(e.NameParts)-1]
	case *Bound:
		return e.Name
	}
	return e.String()
}
