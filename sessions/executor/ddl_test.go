package executor

import (
	"reflect"
	"strings"
	"testing"
)

// The expected answers below come from Spark's golden files (describe.sql,
// show-create-table.sql, show-tblproperties.sql, change-column.sql, show-tables.sql,
// describe-table-after-alter-table.sql, postgreSQL/create_view.sql).

func TestDescribeTable(t *testing.T) {
	r := newSQLRunner(t)
	r.exec(`CREATE TABLE t (a STRING, b INT, c STRING, d STRING) USING parquet
  OPTIONS (a '1', b '2', password 'password')
  PARTITIONED BY (c, d) CLUSTERED BY (a) SORTED BY (b ASC) INTO 2 BUCKETS
  COMMENT 'table_comment'
  TBLPROPERTIES (t 'test', password 'password')`)
	r.exec("ALTER TABLE t SET TBLPROPERTIES (e = '3')")
	r.exec("ALTER TABLE t ADD PARTITION (c='Us', d=1)")

	schema, rows, err := r.run("DESC t")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{{"a", "string", nil}, {"b", "int", nil}, {"c", "string", nil}, {"d", "string", nil},
		{"# Partition Information", "", ""}, {"# col_name", "data_type", "comment"}, {"c", "string", nil}, {"d", "string", nil}}
	if schema != "struct<col_name:string,data_type:string,comment:string>" || !reflect.DeepEqual(rows, want) {
		t.Errorf("DESC t = %s %v", schema, rows)
	}

	rows = r.query("DESC EXTENDED t")
	got := map[string]string{}
	var keys []string
	for _, row := range rows[10:] {
		keys = append(keys, row[0].(string))
		got[row[0].(string)] = row[1].(string)
	}
	wantKeys := []string{"Catalog", "Database", "Table", "Created Time", "Last Access", "Created By", "Type", "Provider",
		"Num Buckets", "Bucket Columns", "Sort Columns", "Comment", "Table Properties", "Location", "Storage Properties", "Partition Provider"}
	if !reflect.DeepEqual(keys, wantKeys) {
		t.Errorf("DESC EXTENDED keys = %v, want %v", keys, wantKeys)
	}
	for k, v := range map[string]string{"Catalog": "spark_catalog", "Database": "default", "Table": "t", "Type": "MANAGED",
		"Provider": "parquet", "Num Buckets": "2", "Bucket Columns": "[`a`]", "Sort Columns": "[`b`]", "Comment": "table_comment",
		"Table Properties": "[e=3, password=*********(redacted), t=test]", "Storage Properties": "[a=1, b=2, password=*********(redacted)]",
		"Partition Provider": "Catalog", "Last Access": "UNKNOWN"} {
		if got[k] != v {
			t.Errorf("DESC EXTENDED %s = %q, want %q", k, got[k], v)
		}
	}
	if !strings.HasSuffix(got["Location"], "/t") {
		t.Errorf("Location = %q", got["Location"])
	}

	r.exec("ALTER TABLE t UNSET TBLPROPERTIES (e)")
	r.exec("ALTER TABLE t UNSET TBLPROPERTIES (comment)")
	for _, row := range r.query("DESC EXTENDED t") {
		if row[0] == "Comment" {
			t.Errorf("comment still shown after UNSET TBLPROPERTIES (comment)")
		}
		if row[0] == "Table Properties" && row[1] != "[password=*********(redacted), t=test]" {
			t.Errorf("Table Properties = %v", row[1])
		}
	}

	rows = r.query("DESC EXTENDED t PARTITION (C='Us', D=1)")
	if rows[9][0] != "# Detailed Partition Information" || rows[12][1] != "[c=Us, d=1]" || !strings.HasSuffix(rows[13][1].(string), "/t/c=Us/d=1") {
		t.Errorf("DESC EXTENDED PARTITION = %v", rows)
	}

	r.exec("CREATE TEMPORARY VIEW temp_v AS SELECT * FROM t")
	r.exec("CREATE VIEW v AS SELECT * FROM t")
	r.fails("DESC t PARTITION (c='Us', d=2)", "PARTITIONS_NOT_FOUND",
		map[string]string{"partitionList": "PARTITION (`c` = Us, `d` = 2)", "tableName": "`default`.`t`"})
	r.fails("DESC t PARTITION (c='Us')", "_LEGACY_ERROR_TEMP_1232",
		map[string]string{"partitionColumnNames": "c, d", "specKeys": "c", "tableName": "`spark_catalog`.`default`.`t`"})
	r.fails("DESC temp_v PARTITION (c='Us', d=1)", "FORBIDDEN_OPERATION",
		map[string]string{"objectName": "`temp_v`", "objectType": "TEMPORARY VIEW", "statement": "DESC PARTITION"})
	r.fails("DESC v PARTITION (c='Us', d=1)", "FORBIDDEN_OPERATION",
		map[string]string{"objectName": "`v`", "objectType": "VIEW", "statement": "DESC PARTITION"})

	if rows := r.query("DESC EXTENDED temp_v"); len(rows) != 4 {
		t.Errorf("DESC EXTENDED of a temporary view = %v, want the columns only", rows)
	}
	if schema, _, err := r.run("DESCRIBE EXTENDED t AS JSON"); err != nil || schema != "struct<json_metadata:string>" {
		t.Errorf("AS JSON: %s %v", schema, err)
	}
}

func TestDescribeColumnDefaults(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE d (a STRING DEFAULT 'default-value', b INT DEFAULT 42) USING parquet COMMENT 'table_comment'")
	want := [][]any{{"a", "string", nil}, {"b", "int", nil}, {"", "", ""}, {"# Column Default Values", "", ""},
		{"a", "string", "'default-value'"}, {"b", "int", "42"}}
	if rows := r.query("DESC d"); !reflect.DeepEqual(rows, want) {
		t.Errorf("DESC d = %v", rows)
	}
	want = [][]any{{"col_name", "a"}, {"data_type", "string"}, {"comment", "NULL"}}
	if schema, rows, err := r.run("DESC d a"); err != nil || schema != "struct<info_name:string,info_value:string>" || !reflect.DeepEqual(rows, want) {
		t.Errorf("DESC d a = %s %v %v", schema, rows, err)
	}
}

func TestShowCreateTable(t *testing.T) {
	r := newSQLRunner(t)
	cases := []struct{ create, want string }{
		{"CREATE TABLE tbl (a INT, b STRING, c INT) USING parquet OPTIONS ('a' 1, 'password' = 'password')",
			"CREATE TABLE spark_catalog.default.tbl (\n  a INT,\n  b STRING,\n  c INT)\nUSING parquet\nOPTIONS (\n  'a' = '1',\n  'password' = '*********(redacted)')\n"},
		{"CREATE TABLE tbl (a INT, b STRING, c INT) USING parquet LOCATION '/path/to/table'",
			"CREATE TABLE spark_catalog.default.tbl (\n  a INT,\n  b STRING,\n  c INT)\nUSING parquet\nLOCATION 'file:/path/to/table'\n"},
		{"CREATE TABLE tbl (a INT, b STRING, c INT) USING parquet PARTITIONED BY (a)",
			"CREATE TABLE spark_catalog.default.tbl (\n  b STRING,\n  c INT,\n  a INT)\nUSING parquet\nPARTITIONED BY (a)\n"},
		{"CREATE TABLE tbl (a INT, b STRING, c INT) USING parquet CLUSTERED BY (a) SORTED BY (b ASC) INTO 2 BUCKETS",
			"CREATE TABLE spark_catalog.default.tbl (\n  a INT,\n  b STRING,\n  c INT)\nUSING parquet\nCLUSTERED BY (a)\nSORTED BY (b)\nINTO 2 BUCKETS\n"},
		{"CREATE TABLE tbl (a INT DEFAULT 42, b STRING DEFAULT 'abc, def', c INT DEFAULT 42) USING parquet COMMENT 'This is a comment'",
			"CREATE TABLE spark_catalog.default.tbl (\n  a INT DEFAULT 42,\n  b STRING DEFAULT 'abc, def',\n  c INT DEFAULT 42)\nUSING parquet\nCOMMENT 'This is a comment'\n"},
		{"CREATE TABLE tbl (a REAL, b NUMERIC, c NUMERIC(10), d NUMERIC(10,1)) USING parquet",
			"CREATE TABLE spark_catalog.default.tbl (\n  a FLOAT,\n  b DECIMAL(10,0),\n  c DECIMAL(10,0),\n  d DECIMAL(10,1))\nUSING parquet\n"},
	}
	for _, c := range cases {
		r.exec(c.create)
		schema, rows, err := r.run("SHOW CREATE TABLE tbl")
		if err != nil || schema != "struct<createtab_stmt:string>" || len(rows) != 1 || rows[0][0] != c.want {
			t.Errorf("%s: SHOW CREATE TABLE = %s %q %v", c.create, schema, rows, err)
		}
		r.exec("DROP TABLE tbl")
	}
	r.exec("CREATE TABLE tbl (a INT, b STRING, c INT) USING parquet")
	r.exec(`CREATE VIEW view_SPARK_30302 (aaa COMMENT 'comment with \'quoted text\' for aaa', bbb)
COMMENT 'This is a comment with \'quoted text\' for view'
AS SELECT a, b FROM tbl`)
	want := "CREATE VIEW default.view_spark_30302 (\n  aaa COMMENT 'comment with \\'quoted text\\' for aaa',\n  bbb)\n" +
		"COMMENT 'This is a comment with \\'quoted text\\' for view'\nWITH SCHEMA COMPENSATION\nAS SELECT a, b FROM tbl\n"
	if rows := r.query("SHOW CREATE TABLE view_SPARK_30302"); rows[0][0] != want {
		t.Errorf("SHOW CREATE TABLE of a view = %q", rows[0][0])
	}
}

func TestShowTblProperties(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE tbl (a INT, b STRING, c INT) USING parquet TBLPROPERTIES('p1'='v1', 'p2'='v2', password = 'password')")
	cases := []struct {
		sql  string
		want [][]any
	}{
		{"SHOW TBLPROPERTIES tbl", [][]any{{"p1", "v1"}, {"p2", "v2"}, {"password", "*********(redacted)"}}},
		{`SHOW TBLPROPERTIES tbl("p1")`, [][]any{{"p1", "v1"}}},
		{`SHOW TBLPROPERTIES tbl("p3")`, [][]any{{"p3", "Table spark_catalog.default.tbl does not have property: p3"}}},
	}
	for _, c := range cases {
		if schema, rows, err := r.run(c.sql); err != nil || schema != "struct<key:string,value:string>" || !reflect.DeepEqual(rows, c.want) {
			t.Errorf("%s = %s %v %v", c.sql, schema, rows, err)
		}
	}
}

func TestAlterTable(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE test_change(a INT, b STRING, c INT) using parquet")
	r.exec("INSERT INTO test_change VALUES (1, 'x', 2)")
	r.fails("ALTER TABLE test_change RENAME COLUMN a TO a1", "UNSUPPORTED_FEATURE.TABLE_OPERATION",
		map[string]string{"operation": "RENAME COLUMN", "tableName": "`spark_catalog`.`default`.`test_change`"})
	r.fails("ALTER TABLE test_change CHANGE a TYPE STRING", "NOT_SUPPORTED_CHANGE_COLUMN",
		map[string]string{"newName": "`a`", "newType": `"STRING"`, "originName": "`a`", "originType": `"INT"`,
			"table": "`spark_catalog`.`default`.`test_change`"})
	r.fails("ALTER TABLE test_change CHANGE a AFTER b", "UNSUPPORTED_FEATURE.TABLE_OPERATION",
		map[string]string{"operation": "ALTER COLUMN ... FIRST | AFTER"})
	r.fails("ALTER TABLE test_change CHANGE invalid_col TYPE INT", "UNRESOLVED_COLUMN.WITH_SUGGESTION",
		map[string]string{"objectName": "`invalid_col`", "proposal": "`a`, `b`, `c`"})
	r.exec("ALTER TABLE test_change CHANGE a TYPE INT")
	r.exec("ALTER TABLE test_change CHANGE A COMMENT 'case insensitivity'")
	if rows := r.query("DESC test_change"); rows[0][2] != "case insensitivity" {
		t.Errorf("comment after CHANGE = %v", rows[0])
	}
	r.exec("CREATE TEMPORARY VIEW temp_view(a, b) AS SELECT 1, 'one'")
	r.fails("ALTER TABLE temp_view CHANGE a TYPE INT", "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
		map[string]string{"operation": "ALTER TABLE ... CHANGE COLUMN", "viewName": "`temp_view`"})
	r.fails("ALTER TABLE not_exist ADD COLUMN x int", "TABLE_OR_VIEW_NOT_FOUND", map[string]string{"relationName": "`not_exist`"})

	r.exec("ALTER TABLE test_change ADD COLUMNS (d STRING COMMENT 'new')")
	want := [][]any{{int32(1), "x", int32(2), nil}}
	if rows := r.query("SELECT * FROM test_change"); !reflect.DeepEqual(rows, want) {
		t.Errorf("rows after ADD COLUMNS = %v", rows)
	}
	r.exec("ALTER TABLE test_change RENAME TO renamed")
	if rows := r.query("SELECT a FROM renamed"); len(rows) != 1 {
		t.Errorf("rows after RENAME = %v", rows)
	}
	r.fails("SELECT * FROM test_change", "TABLE_OR_VIEW_NOT_FOUND", nil)

	r.exec("CREATE TABLE table_comment (a STRING, b INT) USING parquet")
	r.exec(`ALTER TABLE table_comment SET TBLPROPERTIES("comment"= "modified comment", "type"= "parquet")`)
	got := map[string]any{}
	for _, row := range r.query("DESC FORMATTED table_comment") {
		got[row[0].(string)] = row[1]
	}
	if got["Comment"] != "modified comment" || got["Table Properties"] != "[type=parquet]" {
		t.Errorf("after SET TBLPROPERTIES: %v", got)
	}

	r.exec("TRUNCATE TABLE renamed")
	if rows := r.query("SELECT * FROM renamed"); len(rows) != 0 {
		t.Errorf("rows after TRUNCATE = %v", rows)
	}
}

func TestNamespacesAndTempReferences(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE DATABASE mydb1")
	r.exec("CREATE SCHEMA IF NOT EXISTS mydb1")
	r.exec("USE spark_catalog.mydb1")
	r.exec("CREATE TABLE t1 USING parquet AS SELECT 1 AS i1")
	if rows := r.query("SELECT spark_catalog.mydb1.t1.i1 FROM spark_catalog.mydb1.t1"); len(rows) != 1 {
		t.Errorf("catalog-qualified read = %v", rows)
	}
	r.exec("CREATE TEMPORARY VIEW temp_table AS SELECT 1 AS a")
	r.fails("CREATE VIEW v1_temp AS SELECT * FROM temp_table", "INVALID_TEMP_OBJ_REFERENCE",
		map[string]string{"obj": "VIEW", "objName": "`spark_catalog`.`mydb1`.`v1_temp`", "tempObj": "VIEW", "tempObjName": "`temp_table`"})
	r.exec("CREATE VIEW v_cte AS WITH temp_table AS (SELECT 2 AS a) SELECT * FROM temp_table")
	r.exec("USE default")
	r.exec("DROP DATABASE mydb1 CASCADE")
	r.fails("USE mydb1", "SCHEMA_NOT_FOUND", nil)
}

func TestInsertPartitionAndAnalyze(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (key STRING, value STRING, ds STRING, hr INT) USING parquet PARTITIONED BY (ds, hr)")
	r.exec("INSERT INTO TABLE t PARTITION (ds='2017-08-01', hr=10) VALUES ('k1', 100), ('k2', 200), ('k3', 300)")
	r.exec("INSERT INTO TABLE t PARTITION (ds='2017-09-01', hr=5) VALUES ('k1', 102)")
	want := [][]any{{"ds=2017-08-01/hr=10"}, {"ds=2017-09-01/hr=5"}}
	if rows := r.query("SHOW PARTITIONS t"); !reflect.DeepEqual(rows, want) {
		t.Errorf("SHOW PARTITIONS = %v", rows)
	}
	r.exec("ANALYZE TABLE t PARTITION (ds='2017-08-01', hr=10) COMPUTE STATISTICS")
	var stats any
	for _, row := range r.query("DESC EXTENDED t PARTITION (ds='2017-08-01', hr=10)") {
		if row[0] == "Partition Statistics" {
			stats = row[1]
		}
	}
	if s, ok := stats.(string); !ok || !strings.HasSuffix(s, " bytes, 3 rows") {
		t.Errorf("Partition Statistics = %v", stats)
	}
}

func TestViewSchemaBinding(t *testing.T) {
	r := newSQLRunner(t)
	// view-schema-binding.sql: a BIGINT column cannot be up cast to the view's INT.
	r.exec("CREATE TABLE t(c1 INT NOT NULL) USING PARQUET")
	r.exec("CREATE OR REPLACE VIEW v WITH SCHEMA BINDING AS SELECT * FROM t")
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c1 BIGINT NOT NULL) USING PARQUET")
	r.fails("SELECT * FROM v", "CANNOT_UP_CAST_DATATYPE",
		map[string]string{"expression": "spark_catalog.default.t.c1", "sourceType": `"BIGINT"`, "targetType": `"INT"`})
	// A lost column invalidates the view.
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c1 INT, c2 INT) USING PARQUET")
	r.exec("CREATE OR REPLACE VIEW v WITH SCHEMA BINDING AS SELECT * FROM t")
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c1 INT) USING PARQUET")
	r.fails("SELECT * FROM v", "INCOMPATIBLE_VIEW_SCHEMA_CHANGE",
		map[string]string{"actualCols": "[]", "colName": "c2", "expectedNum": "1",
			"suggestion": "CREATE OR REPLACE VIEW spark_catalog.default.v AS SELECT * FROM t", "viewName": "`spark_catalog`.`default`.`v`"})

	// view-schema-compensation.sql: any ANSI cast, failing at run time on bad input.
	r.exec("CREATE OR REPLACE VIEW v WITH SCHEMA COMPENSATION AS SELECT * FROM t")
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c1 STRING NOT NULL, c2 INT) USING PARQUET")
	r.exec("INSERT INTO t VALUES ('1', 2)")
	if schema, rows, err := r.run("SELECT * FROM v"); err != nil || schema != "struct<c1:int>" || !reflect.DeepEqual(rows, [][]any{{int32(1)}}) {
		t.Errorf("compensated view = %s %v %v", schema, rows, err)
	}
	r.exec("INSERT INTO t VALUES ('a', 2)")
	r.fails("SELECT * FROM v", "CAST_INVALID_INPUT", nil)

	// view-schema-type-evolution.sql: the view takes the new types and records them.
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c1 INT) USING PARQUET")
	r.exec("CREATE OR REPLACE VIEW v WITH SCHEMA TYPE EVOLUTION AS SELECT * FROM t")
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c1 STRING, c2 INT) USING PARQUET")
	if schema, _, err := r.run("SELECT * FROM v"); err != nil || schema != "struct<c1:string>" {
		t.Errorf("type-evolved view = %s %v", schema, err)
	}
	if rows := r.query("DESC v"); !reflect.DeepEqual(rows, [][]any{{"c1", "string", nil}}) {
		t.Errorf("DESC after type evolution = %v", rows)
	}
	// view-schema-evolution.sql: the view follows the query's columns.
	r.exec("CREATE OR REPLACE VIEW v WITH SCHEMA EVOLUTION AS SELECT * FROM t")
	r.exec("DROP TABLE t")
	r.exec("CREATE TABLE t(c4 STRING, c5 INT) USING PARQUET")
	if schema, _, err := r.run("SELECT * FROM v"); err != nil || schema != "struct<c4:string,c5:int>" {
		t.Errorf("evolved view = %s %v", schema, err)
	}
	if rows := r.query("DESC v"); len(rows) != 2 || rows[0][0] != "c4" {
		t.Errorf("DESC after evolution = %v", rows)
	}
}
