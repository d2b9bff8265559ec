package astlower_test

import (
	"reflect"
	"testing"

	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

func lower(t *testing.T, sql string) plan.Node {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		t.Fatalf("lower %q: %v", sql, err)
	}
	return n
}

func TestLowerVariableStatements(t *testing.T) {
	d, ok := lower(t, "DECLARE OR REPLACE VARIABLE a, session.b INT DEFAULT 1 + 2").(*plan.DeclareVariable)
	if !ok {
		t.Fatal("DECLARE did not lower to DeclareVariable")
	}
	if !d.Replace || !reflect.DeepEqual(d.Names, [][]string{{"a"}, {"session", "b"}}) || !types.Equal(d.Type, types.Integer) ||
		d.Default == nil || d.DefaultSQL != "1 + 2" {
		t.Errorf("DECLARE lowered to %+v", d)
	}
	if d := lower(t, "DECLARE v = 'x'").(*plan.DeclareVariable); d.Type != nil || d.DefaultSQL != "'x'" || d.Replace {
		t.Errorf("DECLARE v = 'x' lowered to %+v", d)
	}

	s := lower(t, "SET VAR a = 1, system.session.b = DEFAULT").(*plan.SetVariable)
	if !reflect.DeepEqual(s.Targets, [][]string{{"a"}, {"system", "session", "b"}}) || len(s.Values) != 2 || s.Values[0] == nil || s.Values[1] != nil || s.Query != nil {
		t.Errorf("SET VAR lowered to %+v", s)
	}
	s = lower(t, "SET VARIABLE (a, b) = (SELECT 1, 2)").(*plan.SetVariable)
	if !reflect.DeepEqual(s.Targets, [][]string{{"a"}, {"b"}}) || s.Query == nil || s.Values != nil {
		t.Errorf("SET VARIABLE (a, b) lowered to %+v", s)
	}

	dr := lower(t, "DROP TEMPORARY VARIABLE IF EXISTS session.a").(*plan.DropVariable)
	if !reflect.DeepEqual(dr.Name, []string{"session", "a"}) || !dr.IfExists {
		t.Errorf("DROP TEMPORARY VARIABLE lowered to %+v", dr)
	}

	e := lower(t, "EXECUTE IMMEDIATE sql_text INTO a, b USING 1 AS x, c").(*plan.ExecuteImmediate)
	if e.QueryText != "sql_text" || !reflect.DeepEqual(e.Into, [][]string{{"a"}, {"b"}}) || len(e.Using) != 2 {
		t.Fatalf("EXECUTE IMMEDIATE lowered to %+v", e)
	}
	if al, ok := e.Using[0].(*plan.Alias); !ok || al.Name != "x" {
		t.Errorf("USING 1 AS x lowered to %v", e.Using[0])
	}
	if _, ok := e.Using[1].(*plan.UnresolvedColumn); !ok {
		t.Errorf("USING c lowered to %T", e.Using[1])
	}
}
