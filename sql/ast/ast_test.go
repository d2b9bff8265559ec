package ast_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/parser"
)

func TestQuoteIdent(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a", "a"}, {"a_1", "a_1"}, {"a b", "`a b`"}, {"a`b", "`a``b`"}, {"", "``"}, {"é", "`é`"},
	} {
		if got := ast.QuoteIdent(tt.in); got != tt.want {
			t.Errorf("QuoteIdent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	parts := []*ast.Ident{{Name: "db"}, {Name: "my table"}}
	if got := ast.NameString(parts); got != "db.`my table`" {
		t.Errorf("NameString = %q", got)
	}
	if got := ast.NameParts(parts); len(got) != 2 || got[1] != "my table" {
		t.Errorf("NameParts = %q", got)
	}
}

func TestPos(t *testing.T) {
	p := ast.Pos{Offset: 10, Line: 2, Column: 4}
	if p.String() != "2:4" || p.SparkPos() != 3 || !p.IsValid() || ast.NoPos.IsValid() {
		t.Errorf("Pos methods: %v %d", p, p.SparkPos())
	}
	if got := ast.CharIndex("héllo", 3); got != 2 {
		t.Errorf("CharIndex = %d, want 2", got)
	}
}

func TestWalkAndSexpr(t *testing.T) {
	sql := "SELECT a + 1 AS b, f(c) OVER (PARTITION BY d) FROM t JOIN u ON t.x = u.x WHERE e IN (1, 2) GROUP BY ALL"
	st, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatal(err)
	}
	var idents []string
	ast.Inspect(st, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			idents = append(idents, id.Name)
		}
		return true
	})
	want := "a b f c d t u t x u x e ALL"
	if got := strings.Join(idents, " "); got != want {
		t.Errorf("identifiers in walk order:\n got %s\nwant %s", got, want)
	}
	sel := st.(*ast.Query).Body.(*ast.Select)
	if !sel.GroupBy.IsGroupByAll() {
		t.Error("IsGroupByAll() = false")
	}
	// Skipping children.
	n := 0
	ast.Inspect(st, func(node ast.Node) bool {
		n++
		_, isJoin := node.(*ast.Join)
		return !isJoin
	})
	if n == 0 {
		t.Error("Inspect visited nothing")
	}
	wantS := "(select (alias (+ a 1) b) (call f c (over (partition-by d))) (from (join-inner (table t) (table u) (on (= t.x u.x)))) (where (in e 1 2)) (group-by ALL))"
	if got := ast.Sexpr(st); got != wantS {
		t.Errorf("Sexpr:\n got %s\nwant %s", got, wantS)
	}
	// Node positions cover their source text.
	item := sel.Items[0]
	if got := sql[item.Pos().Offset:item.End().Offset]; got != "a + 1 AS b" {
		t.Errorf("item text = %q", got)
	}
}

func TestDataTypeString(t *testing.T) {
	dt := &ast.DataType{Name: "MAP", Key: &ast.DataType{Name: "STRING"}, Value: &ast.DataType{
		Name: "ARRAY", Elem: &ast.DataType{Name: "DECIMAL", Params: []string{"10", "2"}}}}
	if got := ast.DataTypeString(dt); got != "MAP<STRING,ARRAY<DECIMAL(10,2)>>" {
		t.Errorf("DataTypeString = %s", got)
	}
}
