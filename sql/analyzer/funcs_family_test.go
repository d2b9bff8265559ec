package analyzer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sessions/executor"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Column names, types and analysis errors of max_by/min_by, percentile_approx, the task
// functions, version, current_time, the bitmap and xpath functions, as Spark names them.
func TestFuncsFamilySchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT max_by(b, a), min_by(a, b) FROM t", "struct<max_by(b, a):string,min_by(a, b):int>"},
		{"SELECT percentile_approx(a, array(0.5, 0.4, 0.1), 100) FROM t", "struct<percentile_approx(a, array(0.5, 0.4, 0.1), 100):array<int>>"},
		{"SELECT approx_percentile(c, 0.5) FROM u", "struct<approx_percentile(c, 0.5, 10000):double>"},
		{"SELECT percentile_approx(CAST(a AS DECIMAL(10, 2)), 0.5) FROM t", "struct<percentile_approx(CAST(a AS DECIMAL(10,2)), 0.5, 10000):decimal(10,2)>"},
		{"SELECT percentile_approx(DATE'2020-01-01', 0.5)", "struct<percentile_approx(DATE '2020-01-01', 0.5, 10000):date>"},
		{"SELECT spark_partition_id(), monotonically_increasing_id(), input_file_name(), input_file_block_start(), input_file_block_length()",
			"struct<SPARK_PARTITION_ID():int,monotonically_increasing_id():bigint,input_file_name():string,input_file_block_start():bigint,input_file_block_length():bigint>"},
		{"SELECT version()", "struct<version():string>"},
		{"SELECT current_time(), current_time(0), current_time(1 + 1)", "struct<current_time(6):time(6),current_time(0):time(0),current_time((1 + 1)):time(2)>"},
		{"SELECT bitmap_bucket_number(123), bitmap_bit_position(a), bitmap_count(X'1010') FROM t",
			"struct<bitmap_bucket_number(123):bigint,bitmap_bit_position(a):bigint,bitmap_count(X'1010'):bigint>"},
		{"SELECT bitmap_construct_agg(bitmap_bit_position(a)), bitmap_or_agg(X'10'), bitmap_and_agg(X'10') FROM t",
			"struct<bitmap_construct_agg(bitmap_bit_position(a)):binary,bitmap_or_agg(X'10'):binary,bitmap_and_agg(X'10'):binary>"},
		{"SELECT xpath(b, 'a/b'), xpath_boolean(b, 'a'), xpath_short(b, 'a'), xpath_int(b, 'a'), xpath_long(b, 'a') FROM t",
			"struct<xpath(b, a/b):array<string>,xpath_boolean(b, a):boolean,xpath_short(b, a):smallint,xpath_int(b, a):int,xpath_long(b, a):bigint>"},
		{"SELECT window(CAST(b AS TIMESTAMP), '5 minutes'), count(*) FROM t GROUP BY window(CAST(b AS TIMESTAMP), '5 minutes')",
			"struct<window:struct<start:timestamp,end:timestamp>,count(1):bigint>"},
		{"SELECT window.start, window_time(window) FROM t GROUP BY window(b, '10 minutes', '5 minutes')",
			"struct<start:timestamp,window_time(window):timestamp>"},
		{"SELECT *, window(CAST(b AS TIMESTAMP_NTZ), 300000000) FROM t", "struct<a:int,b:string,window:struct<start:timestamp_ntz,end:timestamp_ntz>>"},
		{"SELECT a, session_window.end, count(*) FROM t GROUP BY a, session_window(b, '5 minutes')", "struct<a:int,end:timestamp,count(1):bigint>"},
		{"SELECT xpath_float(b, 'a'), xpath_double(b, 'a'), xpath_number(b, 'a'), xpath_string(b, concat('a', '/b')) FROM t",
			"struct<xpath_float(b, a):float,xpath_double(b, a):double,xpath_number(b, a):double,xpath_string(b, concat(a, /b)):string>"},
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
	errs := []struct{ sql, class string }{
		{"SELECT max_by(a) FROM t", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT max_by(a, map(1, 2)) FROM t", "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{"SELECT percentile_approx(a, 1.5) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"SELECT percentile_approx(a, array(0.5, -0.1)) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"SELECT percentile_approx(a, NULL) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_NULL"},
		{"SELECT percentile_approx(a, a) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT percentile_approx(a, 0.5, 0) FROM t", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"SELECT percentile_approx(a, 0.5, a) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT percentile_approx(a, 0.5, 1.5) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT spark_partition_id(1)", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT current_time(7)", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"SELECT current_time(NULL)", "DATATYPE_MISMATCH.UNEXPECTED_NULL"},
		{"SELECT current_time(a) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT bitmap_count('a')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT bitmap_count(NULL)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT bitmap_or_agg(a) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT xpath_int(1, 'a')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT xpath_int(b, b) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"SELECT xpath('<a/>')", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT count(*) FROM t GROUP BY window(b, '1 month')", "_LEGACY_ERROR_TEMP_3231"},
		{"SELECT count(*) FROM t GROUP BY window(b, 'nonsense')", "CANNOT_PARSE_INTERVAL"},
		{"SELECT count(*) FROM t GROUP BY window(b, a)", "_LEGACY_ERROR_TEMP_1207"},
		{"SELECT count(*) FROM t GROUP BY window(b, '5 minutes', '10 minutes')", "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION"},
		{"SELECT count(*) FROM t GROUP BY window(b, '5 minutes', '5 minutes', '5 minutes')", "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION"},
		{"SELECT count(*) FROM t GROUP BY window(b, 0)", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"SELECT count(*) FROM t GROUP BY window(b, '5 minutes'), session_window(b, '5 minutes')", "_LEGACY_ERROR_TEMP_1039"},
		{"SELECT window(a, '5 minutes') FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT a FROM t WHERE (window(b, '5 minutes')) IS NOT NULL", "UNSUPPORTED_EXPR_FOR_OPERATOR"},
		{"SELECT window_time(a) FROM t", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
	}
	for _, c := range errs {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
	// Spark's parameters of the percentile_approx range errors.
	_, err := analyze(t, cat, "SELECT percentile_approx(a, 0.5, 0) FROM t")
	if se, _ := sparkerror.As(err); se == nil || se.Params["currentValue"] != "0L" || se.Params["valueRange"] != "(0, 2147483647]" {
		t.Errorf("accuracy range parameters: %v", err)
	}
	_, err = analyze(t, cat, "SELECT percentile_approx(a, array(0.5, 1.5)) FROM t")
	if se, _ := sparkerror.As(err); se == nil || se.Params["currentValue"] != "0.5D,1.5D" {
		t.Errorf("percentage range parameters: %v", err)
	}
}

// version() reports the version the server reports to clients, then the revision.
func TestVersionMatchesServer(t *testing.T) {
	if analyzer.SparkVersion != executor.SparkVersion {
		t.Errorf("version() says %s, the server %s", analyzer.SparkVersion, executor.SparkVersion)
	}
	if r := analyzer.Revision(); r == "" || strings.Contains(r, " ") {
		t.Errorf("revision %q", r)
	}
}

// The XML functions: names, the inferred schemas of schema_of_xml (Spark's XmlInferSchema)
// and the analysis errors of xml-functions.sql.
func TestXMLFunctions(t *testing.T) {
	cat := testCatalog(t)
	schemas := []struct{ sql, want string }{
		{"SELECT from_xml('<p><a>1</a></p>', 'a INT')", "struct<from_xml(<p><a>1</a></p>):struct<a:int>>"},
		{"SELECT from_xml('<p><a>1</a><a>2</a><a>3</a></p>', schema_of_xml('<p><a>1</a><a>2</a></p>'))",
			"struct<from_xml(<p><a>1</a><a>2</a><a>3</a></p>):struct<a:array<bigint>>>"},
		{"SELECT to_xml(named_struct('a', 1, 'b', 2), map('indent', ''))", "struct<to_xml(named_struct(a, 1, b, 2)):string>"},
		{"SELECT schema_of_xml('<p><a>1</a></p>')", "struct<schema_of_xml(<p><a>1</a></p>):string>"},
	}
	for _, c := range schemas {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
	inferred := map[string]string{
		`<p><a>1</a><b>"2"</b></p>`:                                 "STRUCT<a: BIGINT, b: STRING>",
		"<p><a>1</a><a>2</a></p>":                                   "STRUCT<a: ARRAY<BIGINT>>",
		"<p><a>1</a><a>2.5</a><c>true</c></p>":                      "STRUCT<a: ARRAY<DOUBLE>, c: BOOLEAN>",
		`<p id="3"><d>2020-01-01</d><t>2020-01-01 10:00:00</t></p>`: "STRUCT<_id: BIGINT, d: DATE, t: TIMESTAMP>",
		`<p><x k="v">7</x><e/></p>`:                                 "STRUCT<e: STRING, x: STRUCT<_VALUE: BIGINT, _k: STRING>>",
		"<p><n><a>1</a></n><n><b>x</b></n></p>":                     "STRUCT<n: ARRAY<STRUCT<a: BIGINT, b: STRING>>>",
	}
	for doc, want := range inferred {
		dt, err := inferXMLSchemaForTest(t, cat, doc)
		if err != nil || dt != want {
			t.Errorf("schema_of_xml(%s) = %s %v, want %s", doc, dt, err, want)
		}
	}
	errs := []struct{ sql, class string }{
		{"SELECT to_xml(array(named_struct('a', 1, 'b', 2)))", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT to_xml(named_struct('a', 1), named_struct('mode', 'PERMISSIVE'))", "INVALID_OPTIONS.NON_MAP_FUNCTION"},
		{"SELECT to_xml(named_struct('a', 1), map('mode', 1))", "INVALID_OPTIONS.NON_STRING_TYPE"},
		{"SELECT to_xml()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT from_xml('<p><a>1</a></p>', 1)", "INVALID_SCHEMA.NON_STRING_LITERAL"},
		{"SELECT from_xml('<p><a>1</a></p>', 'array<int>')", "DATATYPE_MISMATCH.INVALID_XML_SCHEMA"},
		{"SELECT from_xml()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT schema_of_xml(null)", "DATATYPE_MISMATCH.UNEXPECTED_NULL"},
		{"SELECT schema_of_xml(42)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT schema_of_xml(b) FROM t", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
	}
	for _, c := range errs {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}

// inferXMLSchemaForTest runs schema_of_xml through the analyzer and reads its answer.
func inferXMLSchemaForTest(t *testing.T, cat *catalog.Session, doc string) (string, error) {
	n, err := analyze(t, cat, "SELECT schema_of_xml('"+doc+"')")
	if err != nil {
		return "", err
	}
	var text string
	plan.Walk(n.(*plan.Project).Exprs[0], func(e plan.Expr) bool {
		if l, ok := e.(*plan.Literal); ok {
			text, _ = l.Value.(string)
		}
		return true
	})
	return text, nil
}
