package executor

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exprIDs are the ids Spark's golden files mask as #x.
var exprIDs = regexp.MustCompile(`#\d+`)

// TestExplainDescribe checks EXPLAIN of DESCRIBE against Spark's answers (describe.sql and
// describe-query.sql), ids masked as its golden files mask them.
func TestExplainDescribe(t *testing.T) {
	r := newWarehouseRunner(t, t.TempDir())
	r.exec("CREATE TABLE t (a STRING, b INT, c STRING, d STRING) USING parquet PARTITIONED BY (c, d)")
	r.exec("ALTER TABLE t ADD PARTITION (c='Us', d=2)")
	r.exec("CREATE TABLE desc_temp2 (key int, val string) USING PARQUET")
	r.exec("CREATE TEMPORARY VIEW tv AS SELECT 1 AS x")
	for _, tc := range []struct{ sql, want string }{
		{"EXPLAIN DESC t", "== Physical Plan ==\nExecute DescribeTableCommand\n" +
			"   +- DescribeTableCommand `spark_catalog`.`default`.`t`, false, [col_name#x, data_type#x, comment#x]\n"},
		{"EXPLAIN DESC EXTENDED t", "== Physical Plan ==\nExecute DescribeTableCommand\n" +
			"   +- DescribeTableCommand `spark_catalog`.`default`.`t`, true, [col_name#x, data_type#x, comment#x]\n"},
		{"EXPLAIN EXTENDED DESC t", "== Parsed Logical Plan ==\n" +
			"'DescribeRelation false, [col_name#x, data_type#x, comment#x]\n" +
			"+- 'UnresolvedTableOrView [t], DESCRIBE TABLE, true\n\n" +
			"== Analyzed Logical Plan ==\ncol_name: string, data_type: string, comment: string\n" +
			"DescribeTableCommand `spark_catalog`.`default`.`t`, false, [col_name#x, data_type#x, comment#x]\n\n" +
			"== Optimized Logical Plan ==\n" +
			"DescribeTableCommand `spark_catalog`.`default`.`t`, false, [col_name#x, data_type#x, comment#x]\n\n" +
			"== Physical Plan ==\nExecute DescribeTableCommand\n" +
			"   +- DescribeTableCommand `spark_catalog`.`default`.`t`, false, [col_name#x, data_type#x, comment#x]\n"},
		{"EXPLAIN DESCRIBE t b", "== Physical Plan ==\nExecute DescribeColumnCommand\n" +
			"   +- DescribeColumnCommand `spark_catalog`.`default`.`t`, [spark_catalog, default, t, b], false, [info_name#x, info_value#x]\n"},
		{"EXPLAIN DESCRIBE t PARTITION (c='Us', d=2)", "== Physical Plan ==\nExecute DescribeTableCommand\n" +
			"   +- DescribeTableCommand `spark_catalog`.`default`.`t`, [c=Us, d=2], false, [col_name#x, data_type#x, comment#x]\n"},
		{"EXPLAIN DESCRIBE EXTENDED t PARTITION (c='Us', d=2) AS JSON", "== Physical Plan ==\nExecute DescribeRelationJsonCommand\n" +
			"   +- DescribeRelationJsonCommand [c=Us, d=2], true, [json_metadata#x]\n" +
			"      +- ResolvedTable V2SessionCatalog(spark_catalog), default.t, V1Table(default.t), [a#x, b#x, c#x, d#x]\n"},
		{"EXPLAIN DESCRIBE t t.b", "== Physical Plan ==\nExecute DescribeColumnCommand\n" +
			"   +- DescribeColumnCommand `spark_catalog`.`default`.`t`, [spark_catalog, default, t, b], false, [info_name#x, info_value#x]\n"},
		{"EXPLAIN DESCRIBE t nope", "== Physical Plan ==\nExecute DescribeColumnCommand\n" +
			"   +- DescribeColumnCommand `spark_catalog`.`default`.`t`, [nope], false, [info_name#x, info_value#x]\n"},
		{"EXPLAIN DESC tv", "== Physical Plan ==\nExecute DescribeTableCommand\n" +
			"   +- DescribeTableCommand `tv`, false, [col_name#x, data_type#x, comment#x]\n"},
		{"EXPLAIN DESC QUERY SELECT * FROM desc_temp2 WHERE key > 0", "== Physical Plan ==\nExecute DescribeQueryCommand\n" +
			"   +- DescribeQueryCommand SELECT * FROM desc_temp2 WHERE key > 0\n"},
		{"EXPLAIN EXTENDED DESC WITH s AS (SELECT 'hello' as col1) SELECT * FROM s", "== Parsed Logical Plan ==\n" +
			"DescribeQueryCommand WITH s AS (SELECT 'hello' as col1) SELECT * FROM s\n\n" +
			"== Analyzed Logical Plan ==\ncol_name: string, data_type: string, comment: string\n" +
			"DescribeQueryCommand WITH s AS (SELECT 'hello' as col1) SELECT * FROM s\n\n" +
			"== Optimized Logical Plan ==\nDescribeQueryCommand WITH s AS (SELECT 'hello' as col1) SELECT * FROM s\n\n" +
			"== Physical Plan ==\nExecute DescribeQueryCommand\n" +
			"   +- DescribeQueryCommand WITH s AS (SELECT 'hello' as col1) SELECT * FROM s\n"},
	} {
		rows := r.query(tc.sql)
		if len(rows) != 1 {
			t.Errorf("%s: %d rows", tc.sql, len(rows))
			continue
		}
		if got := exprIDs.ReplaceAllString(rows[0][0].(string), "#x"); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.sql, got, tc.want)
		}
	}
	// A missing relation fails as DESCRIBE itself does.
	r.fails("EXPLAIN DESC missing", "TABLE_OR_VIEW_NOT_FOUND", nil)
}

// TestColumnCommentsFlow checks that a column's comment stays with it through a query,
// as DESCRIBE QUERY and views show (describe-query.sql, view-schema-evolution.sql).
func TestColumnCommentsFlow(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE c1 (key int COMMENT 'column_comment', val string) USING parquet")
	for _, tc := range []struct{ sql, want string }{
		{"DESC SELECT key, key + 1 AS plusone FROM c1", "key int column_comment;plusone int <nil>"},
		{"DESC SELECT key, COUNT(*) AS count FROM c1 GROUP BY key", "count bigint <nil>;key int column_comment"},
		{"DESC QUERY WITH s AS (SELECT * FROM c1) SELECT * FROM s", "key int column_comment;val string <nil>"},
		{"DESC SELECT key AS k FROM c1", "k int column_comment"},
		{"DESC QUERY SELECT key FROM c1 UNION ALL SELECT CAST(1 AS DOUBLE)", "key double <nil>"},
	} {
		if got := rowsText(r.query(tc.sql)); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.sql, got, tc.want)
		}
	}
	// A view WITH SCHEMA EVOLUTION takes up the comments of its query's new columns.
	r.exec("CREATE TABLE e (c1 BIGINT COMMENT 'c1 6d') USING parquet")
	r.exec("CREATE VIEW v WITH SCHEMA EVOLUTION AS SELECT * FROM e")
	r.exec("DROP TABLE e")
	r.exec("CREATE TABLE e (c1 BIGINT COMMENT 'c1 6e') USING parquet")
	r.query("SELECT * FROM v")
	if got := rowsText(r.query("DESC v")); got != "c1 bigint c1 6e" {
		t.Errorf("DESC v after evolution = %s", got)
	}
}

// TestViewKeepsItsANSIMode checks view-conf.sql: a view created with ANSI off casts as
// non-ANSI when read with ANSI on, and the other way round.
func TestViewKeepsItsANSIMode(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW td AS SELECT * FROM VALUES ('a', 1), (NULL, 2) AS td(s, n)")
	r.exec("SET spark.sql.ansi.enabled = false")
	r.exec("CREATE TEMPORARY VIEW lenient AS SELECT s + 1 AS x FROM td")
	r.exec("SET spark.sql.ansi.enabled = true")
	if got := rowsText(r.query("SELECT * FROM lenient")); got != "<nil>;<nil>" {
		t.Errorf("non-ANSI view = %s", got)
	}
	r.exec("SET spark.sql.ansi.enabled = true")
	r.exec("CREATE TEMPORARY VIEW strict AS SELECT s + 1 AS x FROM td")
	r.exec("SET spark.sql.ansi.enabled = false")
	r.fails("SELECT * FROM strict", "CAST_INVALID_INPUT", nil)
	// Outside the view the session's mode holds.
	if got := rowsText(r.query("SELECT s + 1 FROM td")); got != "<nil>;<nil>" {
		t.Errorf("non-ANSI query = %s", got)
	}
}

// TestCTASRecoversPartitions checks the partition parameters a CTAS of a partitioned
// table records (describe.sql), and that inserted partitions have none
// (describe-part-after-analyze.sql).
func TestCTASRecoversPartitions(t *testing.T) {
	wh := t.TempDir()
	r := newWarehouseRunner(t, wh)
	r.exec("CREATE TABLE f USING json PARTITIONED BY (B, C) AS SELECT 'APACHE' A, CAST('SPARK' AS BINARY) B, TIMESTAMP'2018-11-17 13:33:33' C")
	info := map[string]string{}
	for _, row := range r.query("DESC FORMATTED f PARTITION (B='SPARK', C=TIMESTAMP'2018-11-17 13:33:33')") {
		info[row[0].(string)] = row[1].(string)
	}
	params := regexp.MustCompile(`transient_lastDdlTime=\d+`).ReplaceAllString(info["Partition Parameters"], "transient_lastDdlTime=T")
	if params != "[numFiles=1, totalSize=15, transient_lastDdlTime=T]" {
		t.Errorf("Partition Parameters = %q", info["Partition Parameters"])
	}
	js := r.query("DESC EXTENDED f PARTITION (B='SPARK', C=TIMESTAMP'2018-11-17 13:33:33') AS JSON")[0][0].(string)
	if !regexp.MustCompile(`"location":"[^"]*","partition_parameters":\{"numFiles":"1","totalSize":"15","transient_lastDdlTime":"\d+"\},"created_time"`).MatchString(js) {
		t.Errorf("AS JSON = %s", js)
	}
	r.exec("CREATE TABLE p (k STRING, ds STRING) USING parquet PARTITIONED BY (ds)")
	r.exec("INSERT INTO p PARTITION (ds='x') VALUES ('a')")
	for _, row := range r.query("DESC EXTENDED p PARTITION (ds='x')") {
		if row[0] == "Partition Parameters" {
			t.Errorf("an inserted partition has parameters: %v", row[1])
		}
	}
	// RECOVER PARTITIONS finds a directory written outside the catalog.
	dir := filepath.Join(wh, "p", "ds=y")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "part-0.parquet"), []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.exec("ALTER TABLE p RECOVER PARTITIONS")
	for _, row := range r.query("DESC EXTENDED p PARTITION (ds='y')") {
		if row[0] == "Partition Parameters" && !strings.HasPrefix(row[1].(string), "[numFiles=1, totalSize=10, ") {
			t.Errorf("recovered partition parameters = %v", row[1])
		}
	}
}

// TestAlterViewKeepsDefaultCollation checks view-with-default-collation.sql: ALTER VIEW
// ... AS applies the view's DEFAULT COLLATION to the new query, also after a restart.
func TestAlterViewKeepsDefaultCollation(t *testing.T) {
	wh := t.TempDir()
	r := newWarehouseRunner(t, wh)
	r.exec("CREATE VIEW v DEFAULT COLLATION UTF8_LCASE AS SELECT 1")
	r.exec("ALTER VIEW v AS SELECT 'a' AS c1")
	if got := rowsText(r.query("SELECT COLLATION(c1) FROM v")); got != "SYSTEM.BUILTIN.UTF8_LCASE" {
		t.Errorf("COLLATION(c1) = %s", got)
	}
	r2 := newWarehouseRunner(t, wh)
	if got := rowsText(r2.query("SELECT COLLATION(c1) FROM v")); got != "SYSTEM.BUILTIN.UTF8_LCASE" {
		t.Errorf("COLLATION(c1) after restart = %s", got)
	}
	r.exec("CREATE TEMPORARY VIEW tv DEFAULT COLLATION UTF8_LCASE AS SELECT 1")
	r.exec("ALTER VIEW tv AS SELECT 'a' AS c1")
	if got := rowsText(r.query("SELECT COLLATION(c1) FROM tv")); got != "SYSTEM.BUILTIN.UTF8_LCASE" {
		t.Errorf("temporary view COLLATION(c1) = %s", got)
	}
}

// TestIdentifierParameters checks IDENTIFIER(:p) names of EXECUTE IMMEDIATE statements
// (execute-immediate.sql) and the default of spark.sql.legacy.viewSchemaBindingMode.
func TestIdentifierParameters(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW base AS SELECT 1 AS id")
	r.exec("CREATE TABLE x (id INT) USING csv")
	r.exec("EXECUTE IMMEDIATE 'CREATE TEMPORARY VIEW IDENTIFIER(:n) AS SELECT id FROM base' USING 'made' AS n")
	if got := rowsText(r.query("SELECT * FROM made")); got != "1" {
		t.Errorf("made = %s", got)
	}
	r.exec("EXECUTE IMMEDIATE 'CREATE TEMPORARY VIEW IDENTIFIER(?) AS SELECT id FROM base' USING 'made2'")
	if got := rowsText(r.query("SELECT * FROM made2")); got != "1" {
		t.Errorf("made2 = %s", got)
	}
	r.exec("EXECUTE IMMEDIATE 'REFRESH TABLE IDENTIFIER(:n)' USING 'x' AS n")
	r.fails("EXECUTE IMMEDIATE 'REFRESH TABLE IDENTIFIER(:n)' USING 'nope' AS n", "TABLE_OR_VIEW_NOT_FOUND", nil)
	if got := rowsText(r.query("SET spark.sql.legacy.viewSchemaBindingMode")); got != "spark.sql.legacy.viewSchemaBindingMode true" {
		t.Errorf("SET = %s", got)
	}
}
