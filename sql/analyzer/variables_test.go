package analyzer_test

import (
	"errors"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// fakeVariables is a variable store keyed by lower-case name.
type fakeVariables map[string]*plan.Literal

func (f fakeVariables) Variable(name string) (*plan.Literal, bool) {
	lit, ok := f[name]
	return lit, ok
}

func analyzeWithVariables(t *testing.T, sql string, vars analyzer.Variables) (plan.Node, error) {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		return nil, err
	}
	return analyzer.Resolve(n, analyzer.Options{ANSI: true, Catalog: testCatalog(t), Variables: vars})
}

func TestVariableReferences(t *testing.T) {
	vars := fakeVariables{
		"var1":  {Type: types.Integer, Value: int32(1), Text: "1"},
		"vnull": {Type: types.Integer, Text: "CAST(NULL AS INT)"},
		"vs":    {Type: types.String, Value: "a INT", Text: "'a INT'"},
		"vm": {Type: types.NewMap(types.String, types.Double, true),
			Value: []plan.MapEntry{{Key: "Hello", Value: 5.1}}, Text: "MAP('Hello', 5.1D)"},
		"vst": {Type: types.NewStruct(types.NewField("x", types.Integer, true)),
			Value: []any{int32(7)}, Text: "NAMED_STRUCT('x', 7)"},
	}
	cases := []struct{ sql, want string }{
		// At the top of a select list a variable is named as written.
		{"SELECT var1", "struct<var1:int>"},
		{"SELECT VAR1, session.var1, System.Session.Var1", "struct<VAR1:int,var1:int,Var1:int>"},
		// Inside an expression it shows as Spark's VariableReference.
		{"SELECT var1 + 1", "struct<(variablereference(system.session.var1=1) + 1):int>"},
		{"SELECT typeof(vnull)", "struct<typeof(variablereference(system.session.vnull=CAST(NULL AS INT))):string>"},
		{"SELECT substr('12345', var1, 1)", "struct<substr(12345, variablereference(system.session.var1=1), 1):string>"},
		// Columns win over variables.
		{"SELECT var1 FROM VALUES ('x') AS T(var1)", "struct<var1:string>"},
		{"SELECT session.var1 FROM VALUES ('x') AS T(var1)", "struct<var1:int>"},
		{"SELECT a FROM t WHERE a = var1", "struct<a:int>"},
		// Nested values and their fields.
		{"SELECT vm", "struct<vm:map<string,double>>"},
		{"SELECT vst.x", "struct<x:int>"},
		{"VALUES (var1)", "struct<col1:int>"},
	}
	for _, c := range cases {
		n, err := analyzeWithVariables(t, c.sql, vars)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

func TestVariableReferenceErrors(t *testing.T) {
	vars := fakeVariables{"var1": {Type: types.Integer, Value: int32(1), Text: "1"}}
	cases := []struct{ sql, class string }{
		{"SELECT var", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"},
		{"SELECT ses.var1", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"},
		{"SELECT b.sesson.var1", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"},
		{"SELECT builtn.session.var1", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"},
	}
	for _, c := range cases {
		_, err := analyzeWithVariables(t, c.sql, vars)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
	// Without a variable store names stay unresolved.
	if _, err := analyzeWithVariables(t, "SELECT var1", nil); err == nil {
		t.Errorf("SELECT var1 without variables: no error")
	}
}

func TestVariableName(t *testing.T) {
	cases := []struct {
		parts         []string
		caseSensitive bool
		want          string
		ok            bool
	}{
		{[]string{"Var1"}, false, "var1", true},
		{[]string{"Var1"}, true, "Var1", true},
		{[]string{"SESSION", "v"}, false, "v", true},
		{[]string{"sYstem", "sEssion", "v"}, false, "v", true},
		{[]string{"builtin", "v"}, false, "", false},
		{[]string{"system", "sesion", "v"}, false, "", false},
		{[]string{"a", "system", "session", "v"}, false, "", false},
	}
	for _, c := range cases {
		got, ok := analyzer.VariableName(c.parts, c.caseSensitive)
		if got != c.want || ok != c.ok {
			t.Errorf("VariableName(%v, %v) = %q, %v; want %q, %v", c.parts, c.caseSensitive, got, ok, c.want, c.ok)
		}
	}
}
