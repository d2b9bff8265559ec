package planner_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// The cells of an inline table are evaluated while the statement is analyzed, as Spark's
// EvalInlineTables does: a cell that fails fails the statement with
// INVALID_INLINE_TABLE.FAILED_SQL_EXPRESSION_EVALUATION, whether or not any row is read
// (postgreSQL/boolean.sql, window_part3.sql, window_part4.sql).
func TestInlineTableCellErrors(t *testing.T) {
	cases := []struct{ sql, expr string }{
		{`SELECT * FROM VALUES (boolean('XXX')) t(b)`, `"XXX"`},
		{`SELECT a, b FROM (VALUES (1, 1), (3, (cast('nan' as int)))) t(a, b)`, `"CAST(nan AS INT)"`},
		{`SELECT * FROM VALUES (1), (2) t(a) WHERE false UNION ALL SELECT * FROM VALUES (1 / 0) s(x)`, `"(1 / 0)"`},
		{`SELECT count(*) FROM VALUES ('a'), (1) t(a)`, `"a"`},
		{`SELECT * FROM VALUES (1, 'a'), (2L, CAST('2020-01-01' AS DATE)) t(a, b)`, `"a"`},
	}
	for _, c := range cases {
		_, err := runHive(c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != "INVALID_INLINE_TABLE.FAILED_SQL_EXPRESSION_EVALUATION" || se.SQLState != "42000" ||
			se.Params["sqlExpr"] != c.expr {
			t.Errorf("%s: %v, want FAILED_SQL_EXPRESSION_EVALUATION of %s", c.sql, err, c.expr)
			continue
		}
		if _, cause := sparkerror.As(se.Cause); !cause {
			t.Errorf("%s: the cell's own error is not kept as the cause", c.sql)
		}
	}
	// Cells that evaluate are left as they are.
	for sql, want := range map[string]string{
		`SELECT * FROM VALUES (1, 'a'), (2L, 'b' || 'c') t(a, b)`: "1\ta\n2\tbc",
	} {
		got, err := runHive(sql)
		if err != nil || strings.Join(got, "\n") != want {
			t.Errorf("%s: %q %v, want %q", sql, got, err, want)
		}
	}
}

// format_number with a java.text.DecimalFormat pattern (collations-basic.sql); a pattern
// DecimalFormat rejects is its IllegalArgumentException.
func TestFormatNumberPattern(t *testing.T) {
	for sql, want := range map[string]string{
		`SELECT format_number(a, '###.###') FROM VALUES (97.52143D), (66.421D) t(a)`:  "97.521\n66.421",
		`SELECT format_number(1234567.891, '#,##0.00;(#)'), format_number(-5, '000')`: "1,234,567.89\t-005",
		`SELECT format_number(0.25, '#%'), format_number(12345, '0.###E0')`:           "25%\t1.234E4",
		`SELECT format_number(12332.123456, '')`:                                      "12,332",
	} {
		got, err := runHive(sql)
		if err != nil || strings.Join(got, "\n") != want {
			t.Errorf("%s: %q %v, want %q", sql, got, err, want)
		}
	}
	_, err := runHive(`SELECT format_number(1, '#.#.#')`)
	se, ok := sparkerror.As(err)
	if !ok || se.Class != "" || se.Classes()[0] != "java.lang.IllegalArgumentException" {
		t.Errorf("bad pattern: %v", err)
	}
}
