package planner_test

import (
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

func resolveSQL(t *testing.T, sql string, ansi bool) (plan.Node, error) {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return analyzer.Resolve(n, analyzer.Options{ANSI: ansi})
}

// findRange is the Range node of a resolved plan.
func findRange(n plan.Node) *plan.Range {
	if r, ok := n.(*plan.Range); ok {
		return r
	}
	for _, c := range n.Children() {
		if r := findRange(c); r != nil {
			return r
		}
	}
	return nil
}

// The arguments of range() are any foldable expressions, implicitly cast to BIGINT (INT
// for numSlices) and evaluated during analysis with the kernels queries run with, as
// Spark's Range does (table-valued-functions.sql, postgreSQL/int8.sql, numeric.sql).
func TestRangeArguments(t *testing.T) {
	cases := []struct {
		sql                     string
		start, end, step, parts int64
	}{
		{"SELECT * FROM range(6 + cos(3))", 0, 5, 1, 0},
		{"SELECT * FROM range(5, 10)", 5, 10, 1, 0},
		{"SELECT * FROM range(0, 10, 1, 200)", 0, 10, 1, 200},
		{"SELECT * FROM range(bigint('+4567890123456789'), bigint('+4567890123456799'), 2)", 4567890123456789, 4567890123456799, 2, 0},
		{"SELECT * FROM range(cast(0.1 as decimal(38, 18)), cast(4.0 as decimal(38, 18)), cast(1.3 as decimal(38, 18)))", 0, 4, 1, 0},
		{"SELECT * FROM range(cast(4.0 as decimal(38, 18)), cast(-1.5 as decimal(38, 18)), cast(-2.2 as decimal(38, 18)))", 4, -1, -2, 0},
		{"SELECT * FROM range(2Y, 7S)", 2, 7, 1, 0},
		{"SELECT * FROM range(0, 10, 3, 2.5)", 0, 10, 3, 2},
	}
	for _, c := range cases {
		n, err := resolveSQL(t, c.sql, true)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		r := findRange(n)
		if r == nil || r.Start != c.start || r.End != c.end || r.Step != c.step || int64(r.NumPartitions) != c.parts {
			t.Errorf("%s: range %+v, want %d, %d, %d, %d", c.sql, r, c.start, c.end, c.step, c.parts)
		}
	}
}

func TestRangeArgumentErrors(t *testing.T) {
	cases := []struct {
		sql    string
		ansi   bool
		class  string
		params map[string]string
	}{
		{"SELECT * FROM range(1, null)", true, "UNEXPECTED_INPUT_TYPE", map[string]string{"functionName": "`range`",
			"inputSql": `"NULL"`, "inputType": `"VOID"`, "paramIndex": "second", "requiredType": `"BIGINT"`}},
		{"SELECT * FROM range(array(1, 2, 3))", true, "UNEXPECTED_INPUT_TYPE", map[string]string{
			"inputSql": `"array(1, 2, 3)"`, "inputType": `"ARRAY<INT>"`, "paramIndex": "second", "requiredType": `"BIGINT"`}},
		{"SELECT * FROM range(0, 1, 1, true)", true, "UNEXPECTED_INPUT_TYPE", map[string]string{"paramIndex": "fourth", "requiredType": `"INT"`}},
		{"SELECT * FROM range(0, (select 1))", true, "NON_FOLDABLE_ARGUMENT", map[string]string{"funcName": "`range`", "paramName": "`end`", "paramType": `"BIGINT"`}},
		{"SELECT * FROM VALUES (0, 1) t(c1, c2), LATERAL range(0, c2)", true, "NON_FOLDABLE_ARGUMENT", map[string]string{"paramName": "`end`"}},
		{"SELECT * FROM range(rand(), 3)", true, "NON_FOLDABLE_ARGUMENT", map[string]string{"paramName": "`start`"}},
		{"SELECT * FROM range(1, 1, 1, 1, 1)", true, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", map[string]string{"actualNum": "5", "expectedNum": "[1, 2, 3, 4]"}},
		{"SELECT * FROM range(bigint('+4567890123456789'), bigint('+4567890123456799'), 0)", true, "FAILED_FUNCTION_CALL", map[string]string{"funcName": "`range`"}},
		// The evaluation's own errors surface: ANSI casts fail, legacy ones give NULL.
		{"SELECT * FROM range('x')", true, "CAST_INVALID_INPUT", nil},
		{"SELECT * FROM range(1 / 0)", true, "DIVIDE_BY_ZERO", nil},
	}
	for _, c := range cases {
		_, err := resolveSQL(t, c.sql, c.ansi)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		for k, v := range c.params {
			if se.Params[k] != v {
				t.Errorf("%s: %s = %q, want %q", c.sql, k, se.Params[k], v)
			}
		}
	}
}
