package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// writePlan is df.write.format(format).mode(mode).partitionBy(parts).options(opts).save(path).
func writePlan(in *connectpb.Relation, format, path string, mode connectpb.WriteOperation_SaveMode, parts []string, opts map[string]string) *connectpb.Plan {
	return &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{CommandType: &connectpb.Command_WriteOperation{
		WriteOperation: &connectpb.WriteOperation{Input: in, Source: &format, SaveType: &connectpb.WriteOperation_Path{Path: path},
			Mode: mode, PartitioningColumns: parts, Options: opts}}}}}
}

// readRel is spark.read.format(format).options(opts).load(paths...).
func readRel(format string, opts map[string]string, paths ...string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_DataSource_{
		DataSource: &connectpb.Read_DataSource{Format: &format, Paths: paths, Options: opts}}}}}
}

// over registers in as the temporary view v and returns the relation of sql over it.
func over(t *testing.T, c *client.Client, in *connectpb.Relation, sql string) *connectpb.Relation {
	t.Helper()
	if _, err := c.Execute(ctxT(t), &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{CommandType: &connectpb.Command_CreateDataframeView{
		CreateDataframeView: &connectpb.CreateDataFrameViewCommand{Input: in, Name: "v", Replace: true}}}}}); err != nil {
		t.Fatal(err)
	}
	return sqlRel(strings.ReplaceAll(sql, "{0}", "v"))
}

// scalarRow collects a relation and renders its one row as strings joined by "|".
func oneRow(t *testing.T, c *client.Client, rel *connectpb.Relation) string {
	t.Helper()
	res, err := c.Collect(ctxT(t), rel)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	if res.Rows() != 1 {
		t.Fatalf("%d rows", res.Rows())
	}
	var parts []string
	for _, b := range res.Batches {
		if b.NumRows() == 0 {
			continue
		}
		for i := 0; i < int(b.NumCols()); i++ {
			parts = append(parts, b.Column(i).ValueStr(0))
		}
	}
	return strings.Join(parts, "|")
}

func execSQL(t *testing.T, c *client.Client, q string) {
	t.Helper()
	if _, err := c.SQL(ctxT(t), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// visible lists the non-hidden entries of a directory tree, as readers see them.
func visible(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestWriteFilesThroughConnect(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	src := sqlRel("SELECT id, CAST(id % 3 AS INT) AS p, CAST(id AS STRING) AS s FROM range(0, 100, 1, 4)")
	if _, err := c.Execute(ctx, writePlan(src, "parquet", dir, connectpb.WriteOperation_SAVE_MODE_UNSPECIFIED, []string{"p"}, nil)); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"p=0", "p=1", "p=2"} {
		entries, err := os.ReadDir(filepath.Join(dir, d))
		if err != nil || len(entries) == 0 || !strings.HasSuffix(entries[0].Name(), "-c000.snappy.parquet") {
			t.Fatalf("partition dir %s: %v %v", d, entries, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "_SUCCESS")); err != nil {
		t.Fatal(err)
	}
	count := func(format string, opts map[string]string) string {
		return oneRow(t, c, over(t, c, readRel(format, opts, dir), "SELECT count(*), sum(id), sum(p) FROM {0}"))
	}
	if got := count("parquet", nil); got != "100|4950|99" {
		t.Fatalf("read back %s", got)
	}
	// errorifexists is the default; ignore leaves the data; append adds; overwrite replaces.
	_, err := c.Execute(ctx, writePlan(src, "parquet", dir, connectpb.WriteOperation_SAVE_MODE_ERROR_IF_EXISTS, nil, nil))
	if e := expectError(t, err, "PATH_ALREADY_EXISTS"); e.SQLState != "42K04" || !strings.Contains(e.Message, "file:"+dir) {
		t.Fatalf("error %+v", e)
	}
	if _, err := c.Execute(ctx, writePlan(src, "parquet", dir, connectpb.WriteOperation_SAVE_MODE_IGNORE, []string{"p"}, nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Execute(ctx, writePlan(src, "parquet", dir, connectpb.WriteOperation_SAVE_MODE_APPEND, []string{"p"}, nil)); err != nil {
		t.Fatal(err)
	}
	if got := count("parquet", nil); got != "200|9900|198" {
		t.Fatalf("after append %s", got)
	}
	small := sqlRel("SELECT id, CAST(1 AS INT) AS p, 'x' AS s FROM range(5)")
	if _, err := c.Execute(ctx, writePlan(small, "parquet", dir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, []string{"p"}, nil)); err != nil {
		t.Fatal(err)
	}
	if got := count("parquet", nil); got != "5|10|5" {
		t.Fatalf("after overwrite %s", got)
	}
	// CSV with a header, JSON lines and text.
	csvDir := filepath.Join(root, "csv")
	if _, err := c.Execute(ctx, writePlan(src, "csv", csvDir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, map[string]string{"header": "true"})); err != nil {
		t.Fatal(err)
	}
	if got := oneRow(t, c, over(t, c, readRel("csv", map[string]string{"header": "true", "inferSchema": "true"}, csvDir), "SELECT count(*), sum(id), max(s) FROM {0}")); got != "100|4950|99" {
		t.Fatalf("csv read back %s", got)
	}
	jsonDir := filepath.Join(root, "json")
	if _, err := c.Execute(ctx, writePlan(src, "json", jsonDir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil)); err != nil {
		t.Fatal(err)
	}
	if got := oneRow(t, c, over(t, c, readRel("json", nil, jsonDir), "SELECT count(*), sum(id), typeof(max(p)) FROM {0}")); got != "100|4950|bigint" {
		t.Fatalf("json read back %s", got)
	}
	textDir := filepath.Join(root, "text")
	if _, err := c.Execute(ctx, writePlan(sqlRel("SELECT s FROM VALUES ('a'), ('b') AS t(s)"), "text", textDir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil)); err != nil {
		t.Fatal(err)
	}
	if got := oneRow(t, c, over(t, c, readRel("text", nil, textDir), "SELECT count(*), min(value), max(value) FROM {0}")); got != "2|a|b" {
		t.Fatalf("text read back %s", got)
	}
	// The session's spark.sql.parquet.compression.codec applies when the write names none.
	gzip := "gzip"
	if _, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Set{Set: &connectpb.ConfigRequest_Set{
		Pairs: []*connectpb.KeyValue{{Key: "spark.sql.parquet.compression.codec", Value: &gzip}}}}}); err != nil {
		t.Fatal(err)
	}
	gzDir := filepath.Join(root, "gz")
	if _, err := c.Execute(ctx, writePlan(small, "parquet", gzDir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil)); err != nil {
		t.Fatal(err)
	}
	for _, f := range visible(t, gzDir)[1:] {
		if !strings.HasSuffix(f, "-c000.gz.parquet") {
			t.Fatalf("gzip parquet file %s", f)
		}
	}
	_, err = c.Execute(ctx, writePlan(src, "text", filepath.Join(root, "bad"), connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil))
	expectError(t, err, "_LEGACY_ERROR_TEMP_1290")
	_, err = c.Execute(ctx, writePlan(src, "parquet", filepath.Join(root, "bad"), connectpb.WriteOperation_SAVE_MODE_OVERWRITE, []string{"nope"}, nil))
	expectError(t, err, "_LEGACY_ERROR_TEMP_1155")
	if _, err := os.Stat(filepath.Join(root, "bad")); !os.IsNotExist(err) {
		t.Fatalf("a failed write left %s behind: %v", filepath.Join(root, "bad"), err)
	}
}

// waitStaging waits until a write has started staging files next to dir.
func waitStaging(t *testing.T, parent string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".sail-staging-") {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the write never started")
}

func TestCancelledOrKilledWriteKeepsPreviousData(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	root := t.TempDir()
	dir := filepath.Join(root, "t")
	if _, err := c.Execute(ctx, writePlan(sqlRel("SELECT id FROM range(10)"), "parquet", dir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil)); err != nil {
		t.Fatal(err)
	}
	before := visible(t, dir)
	huge := sqlRel("SELECT id, uuid() AS u FROM range(0, 1000000000000, 1, 2)")
	// Interrupt an overwrite by its tag.
	done := make(chan error, 1)
	go func() {
		_, err := c.Execute(ctx, writePlan(huge, "csv", dir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil), "bigwrite")
		done <- err
	}()
	waitStaging(t, root)
	// A second writer to the same path meanwhile is refused.
	_, err := c.Execute(ctx, writePlan(sqlRel("SELECT id FROM range(3)"), "parquet", dir, connectpb.WriteOperation_SAVE_MODE_APPEND, nil, nil))
	expectError(t, err, "CONCURRENT_WRITE")
	if _, err := c.RPC().Interrupt(ctx, &connectpb.InterruptRequest{SessionId: c.SessionID, UserContext: c.User(),
		InterruptType: connectpb.InterruptRequest_INTERRUPT_TYPE_TAG, Interrupt: &connectpb.InterruptRequest_OperationTag{OperationTag: "bigwrite"}}); err != nil {
		t.Fatal(err)
	}
	expectError(t, <-done, "OPERATION_CANCELED")
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || entries[0].Name() != "t" {
		t.Fatalf("left behind: %v", entries)
	}
	if got := strings.Join(visible(t, dir), ","); got != strings.Join(before, ",") {
		t.Fatalf("files after cancel %s, want %s", got, strings.Join(before, ","))
	}
	if got := oneRow(t, c, over(t, c, readRel("parquet", nil, dir), "SELECT count(*), sum(id) FROM {0}")); got != "10|45" {
		t.Fatalf("after cancel %s", got)
	}
	// Kill the server in the middle of an append: the staging directory stays hidden and
	// a new server reads the old data.
	opID := uuid.NewString()
	go c.RPC().ExecutePlan(ctx, &connectpb.ExecutePlanRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: &opID,
		Plan: writePlan(huge, "parquet", dir, connectpb.WriteOperation_SAVE_MODE_APPEND, nil, nil)})
	waitStaging(t, root)
	p.cmd.Process.Kill()
	p.cmd.Wait()
	p2 := launch(t)
	c2 := dial(t, p2)
	if got := strings.Join(visible(t, dir), ","); got != strings.Join(before, ",") {
		t.Fatalf("files after kill %s, want %s", got, strings.Join(before, ","))
	}
	if got := oneRow(t, c2, over(t, c2, readRel("parquet", nil, dir), "SELECT count(*), sum(id) FROM {0}")); got != "10|45" {
		t.Fatalf("after kill %s", got)
	}
}

// rowsOf collects a relation and renders every row as values joined by "|".
func rowsOf(t *testing.T, c *client.Client, rel *connectpb.Relation) []string {
	t.Helper()
	res, err := c.Collect(ctxT(t), rel)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	var out []string
	for _, b := range res.Batches {
		for r := 0; r < int(b.NumRows()); r++ {
			var parts []string
			for i := 0; i < int(b.NumCols()); i++ {
				parts = append(parts, b.Column(i).ValueStr(r))
			}
			out = append(out, strings.Join(parts, "|"))
		}
	}
	return out
}

func TestTablesSurviveRestart(t *testing.T) {
	wh := t.TempDir()
	p := launch(t, "--warehouse", wh)
	c := dial(t, p)
	ctx := ctxT(t)
	for _, q := range []string{
		"CREATE DATABASE shop COMMENT 'the shop'",
		"CREATE TABLE shop.items (id INT, name STRING, p INT) USING parquet PARTITIONED BY (p)",
		"INSERT INTO shop.items VALUES (1, 'a', 1), (2, 'b', 2), (3, NULL, NULL)",
		"CREATE TABLE shop.c USING csv AS SELECT 1 AS x, 'q' AS y",
		"ALTER TABLE shop.items SET TBLPROPERTIES ('owner_team' = 'data')",
		"CREATE TABLE shop.gone USING json AS SELECT 1 AS z",
		"DROP TABLE shop.gone",
	} {
		execSQL(t, c, q)
	}
	// df.write.saveAsTable through Connect.
	format := "parquet"
	if _, err := c.Execute(ctx, &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{CommandType: &connectpb.Command_WriteOperation{
		WriteOperation: &connectpb.WriteOperation{Input: sqlRel("SELECT id, id * 2 AS twice FROM range(4)"), Source: &format,
			SaveType: &connectpb.WriteOperation_Table{Table: &connectpb.WriteOperation_SaveTable{TableName: "shop.saved",
				SaveMethod: connectpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_SAVE_AS_TABLE}},
			Mode: connectpb.WriteOperation_SAVE_MODE_ERROR_IF_EXISTS}}}}}); err != nil {
		t.Fatal(err)
	}
	itemsDir := filepath.Join(wh, "shop.db", "items")
	if got := strings.Join(visible(t, itemsDir), ","); !strings.Contains(got, "p=1/part-00000-") || !strings.Contains(got, "p=__HIVE_DEFAULT_PARTITION__/") {
		t.Fatalf("items files: %s", got)
	}
	if _, err := os.Stat(filepath.Join(wh, "shop.db", "gone")); !os.IsNotExist(err) {
		t.Fatalf("dropped table's directory: %v", err)
	}
	// Stop the server and start another on the same warehouse.
	p.cmd.Process.Signal(os.Interrupt)
	p.cmd.Wait()
	p2 := launch(t, "--warehouse", wh)
	c2 := dial(t, p2)
	if got := strings.Join(rowsOf(t, c2, sqlRel("SHOW TABLES IN shop")), ","); got != "shop|c|false,shop|items|false,shop|saved|false" {
		t.Fatalf("tables after restart: %s", got)
	}
	if got := strings.Join(rowsOf(t, c2, sqlRel("SELECT id, name, p FROM shop.items ORDER BY id")), ","); got != "1|a|1,2|b|2,3|(null)|(null)" {
		t.Fatalf("items after restart: %s", got)
	}
	if got := strings.Join(rowsOf(t, c2, sqlRel("SELECT * FROM shop.c")), ","); got != "1|q" {
		t.Fatalf("csv table after restart: %s", got)
	}
	if got := strings.Join(rowsOf(t, c2, sqlRel("SELECT sum(twice) FROM shop.saved")), ","); got != "12" {
		t.Fatalf("saved table after restart: %s", got)
	}
	if got := strings.Join(rowsOf(t, c2, sqlRel("SHOW TBLPROPERTIES shop.items ('owner_team')")), ","); got != "owner_team|data" {
		t.Fatalf("properties after restart: %s", got)
	}
	if got := strings.Join(rowsOf(t, c2, sqlRel("SHOW PARTITIONS shop.items")), ","); got != "p=1,p=2,p=__HIVE_DEFAULT_PARTITION__" {
		t.Fatalf("partitions after restart: %s", got)
	}
	// The reloaded table takes more rows; partition pruning reads its directories.
	execSQL(t, c2, "INSERT INTO shop.items VALUES (4, 'd', 1)")
	if got := strings.Join(rowsOf(t, c2, sqlRel("SELECT id FROM shop.items WHERE p = 1 ORDER BY id")), ","); got != "1,4" {
		t.Fatalf("after insert: %s", got)
	}
	execSQL(t, c2, "INSERT OVERWRITE TABLE shop.c SELECT 7, 'r'")
	if got := strings.Join(rowsOf(t, c2, sqlRel("SELECT * FROM shop.c")), ","); got != "7|r" {
		t.Fatalf("after overwrite: %s", got)
	}
	execSQL(t, c2, "TRUNCATE TABLE shop.saved")
	if got := strings.Join(rowsOf(t, c2, sqlRel("SELECT count(*) FROM shop.saved")), ","); got != "0" {
		t.Fatalf("after truncate: %s", got)
	}
	execSQL(t, c2, "DROP DATABASE shop CASCADE")
	if _, err := os.Stat(itemsDir); !os.IsNotExist(err) {
		t.Fatalf("dropped database's table directory: %v", err)
	}
}

func catalogRel(c *connectpb.Catalog) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Catalog{Catalog: c}}
}

func TestCatalogAPI(t *testing.T) {
	wh := t.TempDir()
	p := launch(t, "--warehouse", wh)
	c := dial(t, p)
	for _, q := range []string{
		"CREATE DATABASE db1 COMMENT 'first'",
		"CREATE TABLE db1.t (a INT COMMENT 'the a', p STRING) USING parquet PARTITIONED BY (p) COMMENT 'a table'",
		"INSERT INTO db1.t VALUES (1, 'x')",
		"CREATE TEMPORARY VIEW tv AS SELECT 1 AS one",
	} {
		execSQL(t, c, q)
	}
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name string
		cat  *connectpb.Catalog
		want string
	}{
		{"currentDatabase", &connectpb.Catalog{CatType: &connectpb.Catalog_CurrentDatabase{CurrentDatabase: &connectpb.CurrentDatabase{}}}, "default"},
		{"listDatabases", &connectpb.Catalog{CatType: &connectpb.Catalog_ListDatabases{ListDatabases: &connectpb.ListDatabases{Pattern: str("db*")}}},
			"db1|spark_catalog|first|file:" + wh + "/db1.db"},
		{"listTables", &connectpb.Catalog{CatType: &connectpb.Catalog_ListTables{ListTables: &connectpb.ListTables{DbName: str("db1")}}},
			`t|spark_catalog|["db1"]|a table|MANAGED|false,tv|(null)|[]|(null)|TEMPORARY|true`},
		{"listColumns", &connectpb.Catalog{CatType: &connectpb.Catalog_ListColumns{ListColumns: &connectpb.ListColumns{TableName: "db1.t"}}},
			"a|the a|int|true|false|false|false,p|(null)|string|true|true|false|false"},
		{"tableExists", &connectpb.Catalog{CatType: &connectpb.Catalog_TableExists{TableExists: &connectpb.TableExists{TableName: "t", DbName: str("db1")}}}, "true"},
		{"tableExists missing", &connectpb.Catalog{CatType: &connectpb.Catalog_TableExists{TableExists: &connectpb.TableExists{TableName: "db1.nope"}}}, "false"},
		{"databaseExists", &connectpb.Catalog{CatType: &connectpb.Catalog_DatabaseExists{DatabaseExists: &connectpb.DatabaseExists{DbName: "db1"}}}, "true"},
		{"isCached before", &connectpb.Catalog{CatType: &connectpb.Catalog_IsCached{IsCached: &connectpb.IsCached{TableName: "db1.t"}}}, "false"},
		{"cacheTable", &connectpb.Catalog{CatType: &connectpb.Catalog_CacheTable{CacheTable: &connectpb.CacheTable{TableName: "db1.t"}}}, ""},
		{"isCached after", &connectpb.Catalog{CatType: &connectpb.Catalog_IsCached{IsCached: &connectpb.IsCached{TableName: "db1.t"}}}, "true"},
		{"clearCache", &connectpb.Catalog{CatType: &connectpb.Catalog_ClearCache{ClearCache: &connectpb.ClearCache{}}}, ""},
		{"isCached cleared", &connectpb.Catalog{CatType: &connectpb.Catalog_IsCached{IsCached: &connectpb.IsCached{TableName: "db1.t"}}}, "false"},
		{"dropTempView", &connectpb.Catalog{CatType: &connectpb.Catalog_DropTempView{DropTempView: &connectpb.DropTempView{ViewName: "tv"}}}, "true"},
		{"dropTempView again", &connectpb.Catalog{CatType: &connectpb.Catalog_DropTempView{DropTempView: &connectpb.DropTempView{ViewName: "tv"}}}, "false"},
		{"setCurrentDatabase", &connectpb.Catalog{CatType: &connectpb.Catalog_SetCurrentDatabase{SetCurrentDatabase: &connectpb.SetCurrentDatabase{DbName: "db1"}}}, ""},
		{"currentDatabase after", &connectpb.Catalog{CatType: &connectpb.Catalog_CurrentDatabase{CurrentDatabase: &connectpb.CurrentDatabase{}}}, "db1"},
		{"createTable", &connectpb.Catalog{CatType: &connectpb.Catalog_CreateTable{CreateTable: &connectpb.CreateTable{TableName: "made", Source: str("json"),
			Schema: &connectpb.DataType{Kind: &connectpb.DataType_Struct_{Struct: &connectpb.DataType_Struct{Fields: []*connectpb.DataType_StructField{
				{Name: "k", DataType: &connectpb.DataType{Kind: &connectpb.DataType_Long_{Long: &connectpb.DataType_Long{}}}, Nullable: true}}}}}}}}, ""},
		{"made exists", &connectpb.Catalog{CatType: &connectpb.Catalog_TableExists{TableExists: &connectpb.TableExists{TableName: "db1.made"}}}, "true"},
	} {
		got := strings.Join(rowsOf(t, c, catalogRel(tc.cat)), ",")
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	_, err := c.Collect(ctxT(t), catalogRel(&connectpb.Catalog{CatType: &connectpb.Catalog_ListTables{ListTables: &connectpb.ListTables{DbName: str("nodb")}}}))
	expectError(t, err, "SCHEMA_NOT_FOUND")
	if _, err := os.Stat(filepath.Join(wh, "db1.db", "made")); err != nil {
		t.Errorf("createTable made no directory: %v", err)
	}
}
