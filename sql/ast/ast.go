// Package ast declares the syntax tree of Spark SQL statements and expressions.
//
// The tree is purely syntactic: names are not resolved, types are not
// checked, literals keep the text they were written with. It mirrors the
// structure of Apache Spark 4.0's SQL grammar (SqlBaseParser.g4) closely
// enough that a later phase can build Spark's logical plans from it with the
// same results as Spark's own AstBuilder.
//
// Every node records where it starts (Pos) and where it ends (End, the
// position just after its last character), in the style of go/ast.
package ast

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pos is a position in the SQL text.
type Pos struct {
	Offset int // byte offset, starting at 0
	Line   int // line number, starting at 1
	Column int // column number, starting at 1, counted in characters (code points)
}

// NoPos is the zero Pos: no position.
var NoPos Pos

// IsValid reports whether the position is set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders the position as "line:column", or "-" when it is not set.
func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// SparkPos returns the 0-based column that Spark reports as "pos" in its
// error messages ("(line 1, pos 7)").
func (p Pos) SparkPos() int {
	if p.Column <= 0 {
		return 0
	}
	return p.Column - 1
}

// CharIndex converts a byte offset of src into a 0-based index counted in
// characters (code points), the unit of Spark's query contexts
// (startIndex/stopIndex).
func CharIndex(src string, offset int) int {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		return 0
	}
	return utf8.RuneCountInString(src[:offset])
}

// Node is implemented by every node of the tree.
type Node interface {
	Pos() Pos // position of the first character of the node
	End() Pos // position just after the last character of the node
}

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// Statement is a complete SQL statement: a *Query, or one of the DML, DDL
// and command statements of stmt.go (*Insert, *CreateTable, *Set, ...).
type Statement interface {
	Node
	stmtNode()
}

// QueryExpr is one term of a query: a SELECT block, a set operation, a
// VALUES list, a TABLE reference or a parenthesized query (Spark's
// queryTerm and queryPrimary).
type QueryExpr interface {
	Node
	queryExprNode()
}

// Relation is an item of a FROM clause (Spark's relationPrimary, possibly
// extended by joins).
type Relation interface {
	Node
	relationNode()
}

// Ident is one identifier, unquoted or quoted.
type Ident struct {
	NamePos Pos
	NameEnd Pos
	Name    string // the identifier's value: without quotes, doubled quotes undone
	Quoted  bool   // written between backquotes (or double quotes when those quote identifiers)
}

func (x *Ident) Pos() Pos { return x.NamePos }
func (x *Ident) End() Pos { return x.NameEnd }

// String returns the identifier as it could be written back: quoted with
// backquotes when needed.
func (x *Ident) String() string {
	if x == nil {
		return ""
	}
	return QuoteIdent(x.Name)
}

// QuoteIdent backquotes name unless it consists only of ASCII letters,
// digits and underscores (Spark's quoteIfNeeded).
func QuoteIdent(name string) string {
	plain := name != ""
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			plain = false
			break
		}
	}
	if plain {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// NameString joins a multi-part name with dots, quoting parts as needed.
func NameString(parts []*Ident) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// NameParts returns the values of a multi-part name.
func NameParts(parts []*Ident) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.Name
	}
	return out
}

func namePos(parts []*Ident) Pos {
	if len(parts) == 0 {
		return NoPos
	}
	return parts[0].Pos()
}

func nameEnd(parts []*Ident) Pos {
	if len(parts) == 0 {
		return NoPos
	}
	return parts[len(parts)-1].End()
}
