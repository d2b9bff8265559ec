package executor

import (
	"regexp"
	"testing"
)

// createdTime masks the creation time DESCRIBE AS JSON shows.
var createdTime = regexp.MustCompile(`"created_time":"[^"]*"`)

// tableLocationJSON masks where a table lives.
var tableLocationJSON = regexp.MustCompile(`"location":"[^"]*",`)

// TestDescribeJSONLayout checks DESCRIBE AS JSON against the layout of Spark's
// DescribeRelationJsonCommand: temporary views in system.session, a string's collation
// beside its name, interval units, a column's comment and default after its
// nullability, a view's comment, collation and captured configs, and the default
// collation last when none was given.
func TestDescribeJSONLayout(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("SET spark.sql.session.timeZone = UTC")
	r.exec("CREATE TEMPORARY VIEW tv AS SELECT 1 AS x, INTERVAL '1' DAY AS i, named_struct('f', 'a') AS st")
	r.exec("CREATE VIEW pv COMMENT 'c' DEFAULT COLLATION UTF8_LCASE AS SELECT 'a' AS y")
	r.exec("CREATE TABLE tt (a INT COMMENT 'ca' DEFAULT 42, b STRING) USING parquet")
	for _, tc := range []struct{ sql, want string }{
		{"DESC EXTENDED tv AS JSON", `{"table_name":"tv","catalog_name":"system","namespace":["session"],"schema_name":"session",` +
			`"columns":[{"name":"x","type":{"name":"int"},"nullable":false},` +
			`{"name":"i","type":{"name":"interval","start_unit":"day","end_unit":"day"},"nullable":false},` +
			`{"name":"st","type":{"name":"struct","fields":[{"name":"f","type":{"name":"string","collation":"UTF8_BINARY"},"nullable":false}]},"nullable":false}],` +
			`"created_time":"T","last_access":"UNKNOWN","created_by":"Spark 4.0.0","type":"VIEW",` +
			`"view_text":"SELECT 1 AS x, INTERVAL '1' DAY AS i, named_struct('f', 'a') AS st","view_schema_mode":"BINDING",` +
			`"view_catalog_and_namespace":"spark_catalog.default","view_query_output_columns":["x","i","st"],"collation":"UTF8_BINARY"}`},
		{"DESC EXTENDED pv AS JSON", `{"table_name":"pv","catalog_name":"spark_catalog","namespace":["default"],"schema_name":"default",` +
			`"columns":[{"name":"y","type":{"name":"string","collation":"UTF8_LCASE"},"nullable":false}],` +
			`"created_time":"T","last_access":"UNKNOWN","created_by":"Spark 4.0.0","type":"VIEW","comment":"c","collation":"UTF8_LCASE",` +
			`"view_text":"SELECT 'a' AS y","view_original_text":"SELECT 'a' AS y","view_schema_mode":"COMPENSATION",` +
			`"view_catalog_and_namespace":"spark_catalog.default","view_query_output_columns":["y"],` +
			`"view_creation_spark_configuration":{"spark.sql.ansi.enabled":"true","spark.sql.session.timeZone":"UTC"}}`},
		{"DESC EXTENDED tt AS JSON", `{"table_name":"tt","catalog_name":"spark_catalog","namespace":["default"],"schema_name":"default",` +
			`"columns":[{"name":"a","type":{"name":"int"},"nullable":true,"comment":"ca","default":"42"},` +
			`{"name":"b","type":{"name":"string","collation":"UTF8_BINARY"},"nullable":true}],` +
			`"location":"L","created_time":"T","last_access":"UNKNOWN","created_by":"Spark 4.0.0","type":"MANAGED","provider":"parquet","collation":"UTF8_BINARY"}`},
	} {
		got := createdTime.ReplaceAllString(r.query(tc.sql)[0][0].(string), `"created_time":"T"`)
		got = tableLocationJSON.ReplaceAllString(got, `"location":"L",`)
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.sql, got, tc.want)
		}
	}
	info := map[string]any{}
	for _, row := range r.query("DESC EXTENDED pv") {
		info[row[0].(string)] = row[1]
	}
	if info["Collation"] != "UTF8_LCASE" {
		t.Errorf("DESC EXTENDED pv: Collation = %v", info["Collation"])
	}
}

// TestViewCapturesItsConfigs checks what a view captures: the configs set in the session
// but for execution ones, and always the ANSI mode, which then holds when the view is
// read in a session of the other mode.
func TestViewCapturesItsConfigs(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("SET spark.sql.shuffle.partitions = 3")
	r.exec("SET spark.sql.caseSensitive = false")
	r.exec("CREATE TEMPORARY VIEW src AS SELECT * FROM VALUES ('a') AS src(s)")
	r.exec("CREATE TEMPORARY VIEW strict AS SELECT CAST(s AS INT) AS n FROM src")
	v := r.s.Catalog.TempView([]string{"strict"})
	if v == nil {
		t.Fatal("no view")
	}
	want := map[string]string{"spark.sql.caseSensitive": "false", "spark.sql.ansi.enabled": "true", "spark.sql.session.timeZone": "UTC"}
	if len(v.SQLConfigs) != len(want) {
		t.Errorf("captured %v, want %v", v.SQLConfigs, want)
	}
	for k, val := range want {
		if v.SQLConfigs[k] != val {
			t.Errorf("captured %s = %q, want %q", k, v.SQLConfigs[k], val)
		}
	}
	r.exec("SET spark.sql.ansi.enabled = false")
	r.fails("SELECT * FROM strict", "CAST_INVALID_INPUT", nil)
}
