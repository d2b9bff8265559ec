package analyzer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// settingsMap is a session configuration for the analyzer's Settings.
type settingsMap map[string]string

func (m settingsMap) String(key string) string { return m[key] }

func analyzeSettings(t *testing.T, settings settingsMap, sql string) (plan.Node, error) {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		return nil, err
	}
	return analyzer.Resolve(n, analyzer.Options{ANSI: true, Catalog: testCatalog(t), Settings: settings})
}

// calledFunctions lists the internal names of the calls a plan's expressions make.
func calledFunctions(n plan.Node) []string {
	var out []string
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		var exprs []plan.Expr
		switch x := n.(type) {
		case *plan.Project:
			exprs = x.Exprs
		case *plan.Aggregate:
			exprs = x.Exprs
		}
		for _, e := range exprs {
			plan.Any(e, func(e plan.Expr) bool {
				switch c := e.(type) {
				case *plan.Call:
					out = append(out, c.Fn)
				case *plan.AggregateCall:
					out = append(out, c.Fn)
				}
				return false
			})
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Math functions print Spark's prettyName: the upper-case name of the math expression,
// unless called by a registry alias (pow, sign, ceiling) or named in lower case (ln, rint).
// Schema lines of operators.sql, postgreSQL/float8.sql, postgreSQL/numeric.sql and
// ceil-floor-with-scale-param.sql.
func TestMathFunctionDisplayNames(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT sec(1), csc(0), cot(-1)", "struct<SEC(1):double,CSC(0):double,COT(-1):double>"},
		{"SELECT ceil(1234567890123456), floor(0.01), ceiling(0)", "struct<CEIL(1234567890123456):bigint,FLOOR(0.01):decimal(1,0),ceiling(0):bigint>"},
		{"SELECT power(144, 0.5), pow(2, 3)", "struct<POWER(144, 0.5):double,pow(2, 3):double>"},
		{"SELECT sinh(1), acosh(2), atanh(0.5), exp(1.0)", "struct<SINH(1):double,ACOSH(2):double,ATANH(0.5):double,EXP(1.0):double>"},
		{"SELECT log(10.0), log(2, 8), ln(1)", "struct<LOG(E(), 10.0):double,LOG(2, 8):double,ln(1):double>"},
		{"SELECT sign(-2), signum(-2), rint(2.5)", "struct<sign(-2):double,SIGNUM(-2):double,rint(2.5):double>"},
		{"SELECT signum(INTERVAL '-10' YEAR), abs(INTERVAL '-10' YEAR)", "struct<SIGNUM(INTERVAL '-10' YEAR):double,abs(INTERVAL '-10' YEAR):interval year>"},
		{"SELECT sqrt(4), atan2(1, 2), hypot(3, 4), e(), pi()", "struct<SQRT(4):double,ATAN2(1, 2):double,HYPOT(3, 4):double,E():double,PI():double>"},
		// ceil/floor with a scale: RoundCeil/RoundFloor, a decimal named in lower case.
		{"SELECT CEIL(2.5, 0), FLOOR(-0.35, 1), CEIL(5, 0), FLOOR(3.14115, -3)", "struct<ceil(2.5, 0):decimal(2,0),floor(-0.35, 1):decimal(2,1),ceil(5, 0):decimal(11,0),floor(3.14115, -3):decimal(4,0)>"},
		{"SELECT CEIL(CAST(99 AS DECIMAL(2, 0)), -1), ceil(1.5d, 2)", "struct<ceil(CAST(99 AS DECIMAL(2,0)), -1):decimal(3,0),ceil(1.5, 2):decimal(18,2)>"},
		// SUBSTR(... FROM ...) is Spark's Substring, named substring.
		{"SELECT substr('Spark SQL' FROM 5 FOR 1), substr('Spark SQL', 5, 1)", "struct<substring(Spark SQL, 5, 1):string,substr(Spark SQL, 5, 1):string>"},
		// A decimal literal is named as Java's BigDecimal.toString prints it.
		{"SELECT 12345678912345.123456789123 / 0.000000012345678", "struct<(12345678912345.123456789123 / 1.2345678E-8):decimal(38,9)>"},
		// sum and avg of a TIMESTAMP are over its seconds, as DOUBLE.
		{"SELECT avg(TIMESTAMP '2020-01-01 00:00:00'), sum(TIMESTAMP '2020-01-01 00:00:00')", "struct<avg(TIMESTAMP '2020-01-01 00:00:00'):double,sum(TIMESTAMP '2020-01-01 00:00:00'):double>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

func TestCeilFloorScaleErrors(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, class string }{
		{"SELECT CEIL(2.5, null)", "NON_FOLDABLE_ARGUMENT"},
		{"SELECT FLOOR(2.5, 'a')", "NON_FOLDABLE_ARGUMENT"},
		{"SELECT CEIL(2.5, a) FROM t", "NON_FOLDABLE_ARGUMENT"},
		{"SELECT CEIL(2.5, 0L)", "NON_FOLDABLE_ARGUMENT"},
		{"SELECT CEIL(2.5, 0, 0)", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
	} {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: error %v, want %s", c.sql, err, c.class)
		}
	}
}

// Functions bound to session settings when resolved (Spark reads them when it builds the
// expression): the analyzer picks the kernel variant or the result type.
func TestSessionBoundFunctions(t *testing.T) {
	cases := []struct {
		settings settingsMap
		sql      string
		fn       string // an internal function name the plan calls
		schema   string // the schema line, when set
	}{
		{nil, "SELECT encode('a', 'utf-8'), decode(X'61', 'utf-8')", "encode", ""},
		{settingsMap{"spark.sql.legacy.javaCharsets": "true"}, "SELECT encode('a', 'WINDOWS-1252')", "encode_legacy_charsets", ""},
		{settingsMap{"spark.sql.legacy.codingErrorAction": "true"}, "SELECT decode(X'61', 'US-ASCII')", "decode_legacy_replace", ""},
		{settingsMap{"spark.sql.legacy.javaCharsets": "true", "spark.sql.legacy.codingErrorAction": "TRUE"},
			"SELECT encode('a', 'cp1252')", "encode_legacy_charsets_replace", "struct<encode(a, cp1252):binary>"},
		{nil, "SELECT array_insert(array(1, 3, 4), -2, 2)", "array_insert", ""},
		{settingsMap{"spark.sql.legacy.negativeIndexInArrayInsert": "true"}, "SELECT array_insert(array(1, 3, 4), -2, 2)",
			"array_insert_legacy_negative_index", "struct<array_insert(array(1, 3, 4), -2, 2):array<int>>"},
		{settingsMap{"spark.sql.legacy.percentileDiscCalculation": "true"},
			"SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY a) FROM t", "percentile_disc_legacy", ""},
		{settingsMap{"spark.sql.legacy.percentileDiscCalculation": "false"},
			"SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY a) FROM t", "percentile_disc", ""},
		// Decimal arithmetic: nonansi/decimalArithmeticOperations.sql before and after
		// SET spark.sql.decimalOperations.allowPrecisionLoss=false.
		{nil, "SELECT 10.300000000000000000 * 3.000000000000000000", "*",
			"struct<(10.300000000000000000 * 3.000000000000000000):decimal(38,34)>"},
		{settingsMap{"spark.sql.decimalOperations.allowPrecisionLoss": "false"}, "SELECT 10.300000000000000000 * 3.000000000000000000", "*",
			"struct<(10.300000000000000000 * 3.000000000000000000):decimal(38,36)>"},
		{settingsMap{"spark.sql.decimalOperations.allowPrecisionLoss": "false"}, "SELECT 1.0123456789012345678901234567890123456e35BD / 1.0", "/",
			"struct<(101234567890123456789012345678901234.56 / 1.0):decimal(38,3)>"},
	}
	for _, c := range cases {
		n, err := analyzeSettings(t, c.settings, c.sql)
		if err != nil {
			t.Errorf("%v %s: %v", c.settings, c.sql, err)
			continue
		}
		if fns := calledFunctions(n); !contains(fns, c.fn) {
			t.Errorf("%v %s: calls %v, want %s", c.settings, c.sql, fns, c.fn)
		}
		if got := schemaString(n); c.schema != "" && got != c.schema {
			t.Errorf("%v %s:\n got %s\nwant %s", c.settings, c.sql, got, c.schema)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
