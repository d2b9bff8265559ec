package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

// INSERT OVERWRITE of partitions (static, then dynamic), multi-insert and INSERT OVERWRITE
// DIRECTORY through Spark Connect, then a restart: the tables and a persistent view read
// back the same rows.
func TestInsertFormsAndViewsSurviveRestart(t *testing.T) {
	wh := t.TempDir()
	p := launch(t, "--warehouse", wh)
	c := dial(t, p)
	rows := func(q string) string { t.Helper(); return strings.Join(rowsOf(t, c, sqlRel(q)), ",") }
	for _, q := range []string{
		"CREATE TABLE p (a INT, p INT) USING parquet PARTITIONED BY (p)",
		"INSERT INTO p VALUES (1, 1), (2, 2), (3, 3)",
		"INSERT OVERWRITE p PARTITION (p = 2) SELECT 20",
	} {
		execSQL(t, c, q)
	}
	if got := rows("SELECT a, p FROM p ORDER BY p"); got != "1|1,20|2,3|3" {
		t.Fatalf("static partition overwrite: %s", got)
	}
	execSQL(t, c, "SET spark.sql.sources.partitionOverwriteMode = DYNAMIC")
	execSQL(t, c, "INSERT OVERWRITE p SELECT 30, 3 UNION ALL SELECT 40, 4")
	if got := rows("SELECT a, p FROM p ORDER BY p"); got != "1|1,20|2,30|3,40|4" {
		t.Fatalf("dynamic partition overwrite: %s", got)
	}
	// df.write.mode("overwrite").partitionBy("p").save(path) in dynamic mode.
	dir := filepath.Join(t.TempDir(), "parts")
	if _, err := c.Execute(ctxT(t), writePlan(sqlRel("SELECT id AS a, id % 2 AS p FROM range(4)"), "parquet", dir,
		connectpb.WriteOperation_SAVE_MODE_OVERWRITE, []string{"p"}, nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Execute(ctxT(t), writePlan(sqlRel("SELECT 9 AS a, 1 AS p"), "parquet", dir,
		connectpb.WriteOperation_SAVE_MODE_OVERWRITE, []string{"p"}, nil)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rowsOf(t, c, over(t, c, readRel("parquet", nil, dir), "SELECT a, p FROM {0} ORDER BY a")), ","); got != "0|0,2|0,9|1" {
		t.Fatalf("dynamic overwrite of a path: %s", got)
	}

	execSQL(t, c, "CREATE TABLE small (x BIGINT) USING json")
	execSQL(t, c, "CREATE TABLE big (x BIGINT) USING csv")
	execSQL(t, c, "FROM range(6) r INSERT INTO small SELECT id WHERE id < 3 INSERT INTO big SELECT id WHERE id >= 3")
	if got := rows("SELECT (SELECT sum(x) FROM small), (SELECT sum(x) FROM big)"); got != "3|12" {
		t.Fatalf("multi-insert: %s", got)
	}
	out := filepath.Join(t.TempDir(), "out")
	execSQL(t, c, "INSERT OVERWRITE DIRECTORY '"+out+"' USING json SELECT x FROM big")
	if got := rows("SELECT sum(x) FROM json.`" + out + "`"); got != "12" {
		t.Fatalf("INSERT OVERWRITE DIRECTORY: %s", got)
	}

	execSQL(t, c, "CREATE DATABASE d")
	execSQL(t, c, "USE d")
	execSQL(t, c, "CREATE VIEW v AS SELECT x * 10 AS y FROM default.big WHERE x > 3")
	execSQL(t, c, "USE default")
	p.cmd.Process.Signal(os.Interrupt)
	p.cmd.Wait()

	p2 := launch(t, "--warehouse", wh)
	c = dial(t, p2)
	if got := rows("SELECT a, p FROM p ORDER BY p"); got != "1|1,20|2,30|3,40|4" {
		t.Fatalf("p after restart: %s", got)
	}
	if got := rows("SELECT y FROM d.v ORDER BY y"); got != "40,50" {
		t.Fatalf("view after restart: %s", got)
	}
	execSQL(t, c, "ALTER VIEW d.v AS SELECT x FROM default.small")
	if got := rows("SELECT sum(x) FROM d.v"); got != "3" {
		t.Fatalf("altered view: %s", got)
	}
}

// Bad input through Spark Connect: Spark's error classes, and the table keeps its rows.
func TestBadInputThroughConnect(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b\n1,2\nx,y\n"), 0o644)
	execSQL(t, c, "CREATE TABLE t (a INT, b INT) USING parquet")
	execSQL(t, c, "INSERT INTO t VALUES (1, 2)")
	schema := "a INT, b INT"
	failfast := &connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_DataSource_{
		DataSource: &connectpb.Read_DataSource{Format: ptr("csv"), Schema: &schema, Paths: []string{bad},
			Options: map[string]string{"header": "true", "mode": "FAILFAST"}}}}}}
	_, err := c.Collect(ctxT(t), failfast)
	expectError(t, err, "FAILED_READ_FILE.NO_HINT")
	_, err = c.Collect(ctxT(t), readRel("parquet", nil, filepath.Join(dir, "missing")))
	expectError(t, err, "PATH_NOT_FOUND")
	_, err = c.Collect(ctxT(t), readRel("nosuchformat", nil, dir))
	expectError(t, err, "DATA_SOURCE_NOT_FOUND")
	// insertInto with too few columns, and an append of a failing read: nothing lands.
	_, err = c.Execute(ctxT(t), &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{CommandType: &connectpb.Command_WriteOperation{
		WriteOperation: &connectpb.WriteOperation{Input: sqlRel("SELECT 5"), SaveType: &connectpb.WriteOperation_Table{Table: &connectpb.WriteOperation_SaveTable{
			TableName: "t", SaveMethod: connectpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_INSERT_INTO}}, Mode: connectpb.WriteOperation_SAVE_MODE_APPEND}}}}})
	expectError(t, err, "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS")
	_, err = c.Execute(ctxT(t), &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{CommandType: &connectpb.Command_WriteOperation{
		WriteOperation: &connectpb.WriteOperation{Input: failfast, SaveType: &connectpb.WriteOperation_Table{Table: &connectpb.WriteOperation_SaveTable{
			TableName: "t", SaveMethod: connectpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_SAVE_AS_TABLE}}, Mode: connectpb.WriteOperation_SAVE_MODE_APPEND}}}}})
	expectError(t, err, "FAILED_READ_FILE.NO_HINT")
	_, err = c.Execute(ctxT(t), &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{CommandType: &connectpb.Command_WriteOperation{
		WriteOperation: &connectpb.WriteOperation{Input: sqlRel("SELECT 1 AS a"), SaveType: &connectpb.WriteOperation_Table{Table: &connectpb.WriteOperation_SaveTable{
			TableName: "t", SaveMethod: connectpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_SAVE_AS_TABLE}}, Mode: connectpb.WriteOperation_SAVE_MODE_APPEND}}}}})
	expectError(t, err, "_LEGACY_ERROR_TEMP_1161")
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT * FROM t")), ","); got != "1|2" {
		t.Fatalf("t after failed writes: %s", got)
	}
	_, err = c.SQL(ctxT(t), "CREATE TABLE u USING nosuchformat AS SELECT 1 AS x")
	expectError(t, err, "DATA_SOURCE_NOT_FOUND")
	_, err = c.SQL(ctxT(t), "SELECT * FROM u")
	expectError(t, err, "TABLE_OR_VIEW_NOT_FOUND")
}

func ptr(s string) *string { return &s }
