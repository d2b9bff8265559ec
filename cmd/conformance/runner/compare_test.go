package runner

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/cmd/conformance/golden"
)

func TestHasTopLevelOrderBy(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT a FROM t ORDER BY a":                                    true,
		"select a from t order\n  by a desc limit 3":                    true,
		"SELECT * FROM (SELECT a FROM t ORDER BY a)":                    false,
		"SELECT rank() OVER (ORDER BY a) FROM t":                        false,
		"SELECT 'ORDER BY' FROM t":                                      false,
		"SELECT `order` BY FROM t":                                      false,
		"SELECT a FROM t -- ORDER BY a\n":                               false,
		"SELECT a /* ORDER BY a */ FROM t":                              false,
		"SELECT 'it''s' AS x, \"a\\\"b\" FROM t ORDER BY x":             true,
		"WITH c AS (SELECT 1 a ORDER BY a) SELECT * FROM c":             false,
		"SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1":          true,
		"FROM t |> ORDER BY a":                                          true,
		"SELECT a FROM t SORT BY a":                                     false,
		"SELECT a FROM t /* unterminated ORDER BY":                      false,
		"SELECT orderby, order_by FROM t":                               false,
		"SELECT a FROM t WHERE a IN (SELECT b FROM u ORDER BY b) ORDER": false,
	} {
		if got := HasTopLevelOrderBy(q); got != want {
			t.Errorf("HasTopLevelOrderBy(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestStatementKind(t *testing.T) {
	for q, want := range map[string]string{
		"select 1": "SELECT",
		"CREATE OR REPLACE TEMPORARY VIEW v AS ...":    "CREATE OR REPLACE TEMPORARY VIEW",
		"create table t (a int) using parquet":         "CREATE TABLE",
		"INSERT INTO t VALUES (1)":                     "INSERT INTO",
		"insert overwrite table t select 1":            "INSERT OVERWRITE",
		"DESC EXTENDED t":                              "DESC EXTENDED",
		"describe t":                                   "DESCRIBE",
		"DROP TABLE IF EXISTS t":                       "DROP TABLE",
		"SET spark.sql.ansi.enabled=false":             "SET",
		"SET TIME ZONE 'UTC'":                          "SET TIME",
		"-- lead\n/* c */ WITH x AS (SELECT 1) SELECT": "WITH",
		"(SELECT 1)":                                   "?",
		"SHOW CREATE TABLE t":                          "SHOW CREATE",
	} {
		if got := StatementKind(q); got != want {
			t.Errorf("StatementKind(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestCompareOutcomes(t *testing.T) {
	divide := &golden.ExpectedError{ExceptionClass: "org.apache.spark.SparkArithmeticException", ErrorClass: "DIVIDE_BY_ZERO", SQLState: "22012"}
	plain := &golden.ExpectedError{ExceptionClass: "java.lang.ArithmeticException", Message: "integer overflow"}
	ok := golden.Block{Schema: "struct<a:int>", Output: "1\n2", Line: 7}
	cases := []struct {
		name   string
		query  string
		want   golden.Block
		got    Answer
		out    Outcome
		reason string
	}{
		{"same rows", "SELECT a FROM t", ok, Answer{Schema: "struct<a:int>", Rows: []string{"1", "2"}}, Pass, ""},
		{"unsorted plan, other order", "SELECT a FROM t", ok, Answer{Schema: "struct<a:int>", Rows: []string{"2", "1"}}, Pass, ""},
		{"sorted plan, other order", "SELECT a FROM t ORDER BY a", ok, Answer{Schema: "struct<a:int>", Rows: []string{"2", "1"}}, WrongRows, "wrong rows on SELECT"},
		{"sort below a projection keeps Spark's order", "SELECT * FROM (SELECT a FROM t ORDER BY a DESC)",
			golden.Block{Schema: "struct<a:int>", Output: "2\n1"}, Answer{Schema: "struct<a:int>", Rows: []string{"2", "1"}}, Pass, ""},
		{"wrong value", "SELECT a FROM t", ok, Answer{Schema: "struct<a:int>", Rows: []string{"1", "3"}}, WrongRows, "wrong rows on SELECT"},
		{"missing row", "SELECT a FROM t", ok, Answer{Schema: "struct<a:int>", Rows: []string{"1"}}, WrongRows, "wrong rows on SELECT"},
		{"schema", "SELECT a FROM t", ok, Answer{Schema: "struct<a:bigint>", Rows: []string{"1", "2"}}, WrongSchema, "wrong schema on SELECT"},
		{"trailing white space is not compared", "SELECT a", golden.Block{Schema: "struct<a:string>", Output: "x"},
			Answer{Schema: "struct<a:string>", Rows: []string{"x  "}}, Pass, ""},
		{"command", "CREATE TEMPORARY VIEW v AS SELECT 1", golden.Block{Schema: "struct<>"}, Answer{Schema: "struct<>"}, Pass, ""},
		{"same error class", "SELECT 1/0", golden.Block{Schema: "struct<>", Error: divide},
			Answer{Err: &ServerError{ErrorClass: "DIVIDE_BY_ZERO", SQLState: "22012"}}, Pass, ""},
		{"same class, other SQLSTATE", "SELECT 1/0", golden.Block{Schema: "struct<>", Error: divide},
			Answer{Err: &ServerError{ErrorClass: "DIVIDE_BY_ZERO", SQLState: "22000"}}, WrongError, "got DIVIDE_BY_ZERO, want DIVIDE_BY_ZERO"},
		{"other error class", "SELECT 1/0", golden.Block{Schema: "struct<>", Error: divide},
			Answer{Err: &ServerError{ErrorClass: "ARITHMETIC_OVERFLOW", SQLState: "22003"}}, WrongError, "got ARITHMETIC_OVERFLOW, want DIVIDE_BY_ZERO"},
		{"missing feature where Spark fails", "SELECT 1/0", golden.Block{Schema: "struct<>", Error: divide},
			Answer{Err: &ServerError{ErrorClass: "NOT_IMPLEMENTED", Feature: "function f"}}, WrongError, "NOT_IMPLEMENTED: function f"},
		{"error without class matches on exception class", "SELECT x", golden.Block{Schema: "struct<>", Error: plain},
			Answer{Err: &ServerError{ExceptionClass: "java.lang.ArithmeticException"}}, Pass, ""},
		{"error without class, other exception", "SELECT x", golden.Block{Schema: "struct<>", Error: plain},
			Answer{Err: &ServerError{ErrorClass: "ARITHMETIC_OVERFLOW", ExceptionClass: "org.apache.spark.SparkArithmeticException"}},
			WrongError, "got ARITHMETIC_OVERFLOW, want java.lang.ArithmeticException"},
		{"expected an error", "SELECT 1/0", golden.Block{Schema: "struct<>", Error: divide},
			Answer{Schema: "struct<(1 / 0):double>", Rows: []string{"NULL"}}, ExpectedError, "no error, want DIVIDE_BY_ZERO"},
		{"unexpected parse error", "create table t(a int)", ok,
			Answer{Err: &ServerError{ErrorClass: "PARSE_SYNTAX_ERROR"}}, UnexpectedError, "PARSE_SYNTAX_ERROR on CREATE TABLE"},
		{"unexpected missing feature", "SELECT a FROM t", ok,
			Answer{Err: &ServerError{ErrorClass: "NOT_IMPLEMENTED", Feature: "WHERE"}}, UnexpectedError, "NOT_IMPLEMENTED: WHERE"},
	}
	for _, c := range cases {
		r := Compare(c.query, c.want, c.got)
		if r.Outcome != c.out || r.Reason != c.reason {
			t.Errorf("%s: got %s %q, want %s %q (detail %s)", c.name, r.Outcome, r.Reason, c.out, c.reason, r.Detail)
		}
		if r.Line != c.want.Line {
			t.Errorf("%s: line %d, want %d", c.name, r.Line, c.want.Line)
		}
	}
}

func TestUnsortedRowsSortLikeJava(t *testing.T) {
	// Spark sorted these as Java strings: U+FF21 (fullwidth A) after a supplementary
	// character, the reverse of byte order.
	want := "\U0001F600\n\uFF21"
	r := Compare("SELECT s FROM t", golden.Block{Schema: "struct<s:string>", Output: want},
		Answer{Schema: "struct<s:string>", Rows: []string{"\uFF21", "\U0001F600"}})
	if r.Outcome != Pass {
		t.Errorf("got %s: %s", r.Outcome, r.Detail)
	}
}

func TestRowsDetail(t *testing.T) {
	if d := rowsDetail("a\nb", []string{"a", "c"}); !strings.Contains(d, `row 2: got "c", want "b"`) {
		t.Errorf("detail %q", d)
	}
	if d := rowsDetail("", []string{"a"}); d != "got 1 rows, want 0" {
		t.Errorf("detail %q", d)
	}
}

func TestJudgeAnalysis(t *testing.T) {
	analysisErr := &golden.ExpectedError{ExceptionClass: "org.apache.spark.sql.catalyst.ExtendedAnalysisException", ErrorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION", SQLState: "42703"}
	runtimeErr := &golden.ExpectedError{ExceptionClass: "org.apache.spark.SparkArithmeticException", ErrorClass: "DIVIDE_BY_ZERO"}
	answered := golden.Block{Schema: "struct<a:int>"}
	unresolved := &ServerError{ErrorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION", SQLState: "42703"}
	for _, c := range []struct {
		name string
		want golden.Block
		got  *Answer
		out  Agreement
	}{
		{"same schema", answered, &Answer{Analyzed: &Analyzed{Schema: "struct<a:int>"}}, SchemaAgrees},
		{"other schema", answered, &Answer{Analyzed: &Analyzed{Schema: "struct<a:bigint>"}}, SchemaDiffers},
		{"analysis failed", answered, &Answer{Analyzed: &Analyzed{Err: unresolved}}, SchemaDiffers},
		{"never analyzed", answered, &Answer{Err: unresolved}, SchemaDiffers},
		{"timeout", answered, nil, SchemaDiffers},
		{"same class in analysis", golden.Block{Error: analysisErr}, &Answer{Analyzed: &Analyzed{Err: unresolved}}, ErrorAgrees},
		{"same class when run", golden.Block{Error: analysisErr}, &Answer{Analyzed: &Analyzed{Schema: "struct<a:int>"}, Err: unresolved}, ErrorAgrees},
		{"analysis error wins", golden.Block{Error: analysisErr}, &Answer{Analyzed: &Analyzed{Err: &ServerError{ErrorClass: "X"}}, Err: unresolved}, ErrorDiffers},
		{"no error", golden.Block{Error: analysisErr}, &Answer{Analyzed: &Analyzed{Schema: "struct<a:int>"}}, ErrorDiffers},
		{"runtime error not counted", golden.Block{Error: runtimeErr}, &Answer{}, NotAnalysisRun},
	} {
		if got, _ := JudgeAnalysis(c.want, c.got); got != c.out {
			t.Errorf("%s: got %q, want %q", c.name, got, c.out)
		}
	}
}
