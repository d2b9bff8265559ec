package analyzer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Names, types and setting-dependent forms of string and formatting functions, as
// Spark's golden files show them.
func TestStringFunctionSettings(t *testing.T) {
	cat := testCatalog(t)
	eltAsString := mapSettings{"spark.sql.function.eltOutputAsString": "true"}
	cases := []struct {
		settings mapSettings
		sql      string
		want     string
	}{
		// postgreSQL/strings.sql: a cast alias of '' is named by its argument, the empty string.
		{nil, `SELECT btrim(binary(''), binary('\\000'))`, `struct<btrim(, \000):string>`},
		{nil, `SELECT btrim(binary('\\000trim\\000'), binary(''))`, `struct<btrim(\000trim\000, ):string>`},
		// typeCoercion/native/elt.sql.
		{nil, "SELECT elt(1, encode('a', 'utf-8'), encode('b', 'utf-8')) col", "struct<col:binary>"},
		{eltAsString, "SELECT elt(1, encode('a', 'utf-8'), encode('b', 'utf-8')) col", "struct<col:string>"},
		{eltAsString, "SELECT elt(1, 'a', 2) col", "struct<col:string>"},
		// collations-basic.sql: format_number with a DecimalFormat pattern.
		{nil, "SELECT format_number(1.5D, '###.###')", "struct<format_number(1.5, ###.###):string>"},
		{nil, "SELECT format_number(a, '###.###' collate utf8_lcase) FROM t", "struct<format_number(a, collate(###.###, utf8_lcase)):string>"},
		{nil, "SELECT format_number(a, 2) FROM t", "struct<format_number(a, 2):string>"},
		{nil, "SELECT format_number('x', '#')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
	}
	for _, c := range cases {
		n, err := analyzeWith(t, analyzer.Options{ANSI: true, Catalog: cat, Settings: c.settings}, c.sql)
		got := ""
		if err != nil {
			e, ok := sparkerror.As(err)
			if !ok {
				t.Errorf("%s: %v", c.sql, err)
				continue
			}
			got = e.Class
		} else {
			got = schemaString(n)
		}
		if got != c.want {
			t.Errorf("%v %s:\n got %s (%v)\nwant %s", c.settings, c.sql, got, err, c.want)
		}
	}
}

// calls lists the functions of the resolved plan's expressions.
func calls(n plan.Node) []string {
	var out []string
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		if p, ok := n.(*plan.Project); ok {
			for _, e := range p.Exprs {
				plan.Any(e, func(x plan.Expr) bool {
					if c, ok := x.(*plan.Call); ok {
						out = append(out, c.Fn)
					}
					return false
				})
			}
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
	return out
}

// spark.sql.legacy.raiseErrorWithoutErrorClass picks the kernels that raise a plain
// java.lang.RuntimeException (misc-functions.sql), with the same column names.
func TestLegacyRaiseError(t *testing.T) {
	cat := testCatalog(t)
	legacy := mapSettings{"spark.sql.legacy.raiseErrorWithoutErrorClass": "true"}
	for _, c := range []struct {
		settings     mapSettings
		sql          string
		schema, call string
	}{
		{nil, "SELECT raise_error('hello')", "struct<raise_error(hello):void>", "raise_error"},
		{legacy, "SELECT raise_error('hello')", "struct<raise_error(hello):void>", "legacy_raise_error"},
		{nil, "SELECT assert_true(false)", "struct<assert_true(false, 'false' is not true!):void>", "assert_true"},
		{legacy, "SELECT assert_true(false)", "struct<assert_true(false, 'false' is not true!):void>", "legacy_assert_true"},
	} {
		n, err := analyzeWith(t, analyzer.Options{ANSI: true, Catalog: cat, Settings: c.settings}, c.sql)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		if got := schemaString(n); got != c.schema {
			t.Errorf("%s: %s, want %s", c.sql, got, c.schema)
		}
		if got := strings.Join(calls(n), ","); got != c.call {
			t.Errorf("%v %s: calls %s, want %s", c.settings, c.sql, got, c.call)
		}
	}
}

// x:path on a column that is not a VARIANT: Spark raises COLUMN_IS_NOT_VARIANT_TYPE, a
// class missing from its catalogue, which surfaces as INTERNAL_ERROR
// (type-coercion-edge-cases.sql).
func TestSemiStructuredExtractOfNonVariant(t *testing.T) {
	_, err := analyze(t, testCatalog(t), "SELECT NULL:a AS b")
	e, ok := sparkerror.As(err)
	if !ok || e.Class != "INTERNAL_ERROR" || e.SQLState != "XX000" ||
		e.Params["message"] != "Cannot find main error class 'COLUMN_IS_NOT_VARIANT_TYPE'" {
		t.Fatalf("got %v", err)
	}
}
