package connect

import (
	"errors"
	"strconv"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func intArg(name string, v int32) StatementArg {
	return StatementArg{Name: name, Value: &plan.Literal{Type: types.Integer, Value: v, Text: strconv.Itoa(int(v))}}
}

// literalsOf lists the literals bound into a lowered plan's expressions, in order.
func literalsOf(t *testing.T, n plan.Node) []any {
	t.Helper()
	var out []any
	var exprs []plan.Expr
	switch c := n.(type) {
	case *plan.SetVariable:
		exprs = c.Values
	case *plan.Project:
		exprs = c.Exprs
	default:
		t.Fatalf("unexpected plan %T", n)
	}
	for _, e := range exprs {
		if e == nil {
			continue // DEFAULT
		}
		plan.Walk(e, func(x plan.Expr) bool {
			switch x := x.(type) {
			case *plan.Literal:
				out = append(out, x.Value)
			case *plan.Parameter:
				out = append(out, "unbound "+x.Name)
			}
			return true
		})
	}
	return out
}

func TestBoundStatement(t *testing.T) {
	l := Lowering{}
	cases := []struct {
		name string
		sql  string
		args []StatementArg
		want []any
		err  string
	}{
		{name: "positional markers in text order", sql: "SELECT ?, ?", args: []StatementArg{intArg("", 1), intArg("x", 2)}, want: []any{int32(1), int32(2)}},
		{name: "named markers", sql: "SELECT :b, :a, :b", args: []StatementArg{intArg("a", 1), intArg("b", 2)}, want: []any{int32(2), int32(1), int32(2)}},
		{name: "markers in SET VARIABLE", sql: "SET VAR v = ?, w = DEFAULT", args: []StatementArg{intArg("", 3)}, want: []any{int32(3)}},
		{name: "no arguments leave markers unbound", sql: "SELECT :a", want: []any{"unbound a"}},
		{name: "mixed markers", sql: "SELECT ?, :a", args: []StatementArg{intArg("a", 1)}, err: "INVALID_QUERY_MIXED_QUERY_PARAMETERS"},
		{name: "unnamed arguments for named markers", sql: "SELECT :a", args: []StatementArg{intArg("a", 1), intArg("", 2)}, err: "ALL_PARAMETERS_MUST_BE_NAMED"},
		{name: "a syntax error", sql: "SELCT 1", err: "PARSE_SYNTAX_ERROR"},
	}
	for _, c := range cases {
		n, err := l.BoundStatement(c.sql, c.args)
		if c.err != "" {
			var se *sparkerror.Error
			if !errors.As(err, &se) || se.Class != c.err {
				t.Errorf("%s: got %v, want %s", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got := literalsOf(t, n)
		if len(got) != len(c.want) {
			t.Errorf("%s: bound %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: bound %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}

func TestSQLArgumentsInVariableCommands(t *testing.T) {
	n, err := Lowering{}.Relation(sqlArgs("SET VAR v = :x", nil, map[string]*connectpb.Expression{"x": lit(5)}))
	if err != nil {
		t.Fatal(err)
	}
	if got := literalsOf(t, n); len(got) != 1 || got[0] != int32(5) {
		t.Errorf("SET VAR v = :x bound %v, want [5]", got)
	}
}
