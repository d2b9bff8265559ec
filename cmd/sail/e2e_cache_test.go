package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

func analyzeReq(c *client.Client, a any) *connectpb.AnalyzePlanRequest {
	req := &connectpb.AnalyzePlanRequest{SessionId: c.SessionID, UserContext: c.User()}
	switch a := a.(type) {
	case *connectpb.AnalyzePlanRequest_Persist:
		req.Analyze = &connectpb.AnalyzePlanRequest_Persist_{Persist: a}
	case *connectpb.AnalyzePlanRequest_Unpersist:
		req.Analyze = &connectpb.AnalyzePlanRequest_Unpersist_{Unpersist: a}
	case *connectpb.AnalyzePlanRequest_GetStorageLevel:
		req.Analyze = &connectpb.AnalyzePlanRequest_GetStorageLevel_{GetStorageLevel: a}
	}
	return req
}

func storageLevel(t *testing.T, c *client.Client, rel *connectpb.Relation) string {
	t.Helper()
	resp, err := c.Analyze(ctxT(t), analyzeReq(c, &connectpb.AnalyzePlanRequest_GetStorageLevel{Relation: rel}))
	if err != nil {
		t.Fatal(err)
	}
	l := resp.GetGetStorageLevel().GetStorageLevel()
	return strings.Join([]string{boolStr(l.GetUseDisk()), boolStr(l.GetUseMemory()), boolStr(l.GetUseOffHeap()),
		boolStr(l.GetDeserialized())}, ",") + "," + string(rune('0'+l.GetReplication()))
}

func boolStr(b bool) string {
	if b {
		return "T"
	}
	return "F"
}

// swapFiles replaces the data files of dir by those of from behind the server's back, so
// that only a cached read still sees the old rows.
func swapFiles(t *testing.T, dir, from string) {
	t.Helper()
	old, _ := filepath.Glob(filepath.Join(dir, "part-*"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	fresh, _ := filepath.Glob(filepath.Join(from, "part-*"))
	for _, f := range fresh {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCacheThroughConnect(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	base := t.TempDir()
	write := func(q, dir string) {
		t.Helper()
		if _, err := c.Execute(ctx, writePlan(sqlRel(q), "parquet", dir, connectpb.WriteOperation_SAVE_MODE_OVERWRITE, nil, nil)); err != nil {
			t.Fatal(err)
		}
	}
	a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
	write("SELECT id FROM range(3)", a)
	write("SELECT id + 100 AS id FROM range(3)", b)

	// df.persist(): lazy, so the first action builds the rows; later plans that contain the
	// DataFrame read them, even after the files changed.
	df := readRel("parquet", nil, a)
	if got := storageLevel(t, c, df); got != "F,F,F,F,1" {
		t.Fatalf("storage level before persist: %s", got)
	}
	diskOnly := &connectpb.StorageLevel{UseDisk: true, Replication: 1}
	if _, err := c.Analyze(ctx, analyzeReq(c, &connectpb.AnalyzePlanRequest_Persist{Relation: df, StorageLevel: diskOnly})); err != nil {
		t.Fatal(err)
	}
	if got := storageLevel(t, c, df); got != "T,F,F,F,1" {
		t.Fatalf("storage level after persist: %s", got)
	}
	if got := strings.Join(rowsOf(t, c, over(t, c, df, "SELECT sum(id) FROM {0}")), ","); got != "3" {
		t.Fatalf("first read: %s", got)
	}
	swapFiles(t, a, b)
	if got := strings.Join(rowsOf(t, c, over(t, c, df, "SELECT id FROM {0} WHERE id > 0 ORDER BY id")), ","); got != "1,2" {
		t.Fatalf("a cached DataFrame read after its files changed: %s", got)
	}
	if _, err := c.Analyze(ctx, analyzeReq(c, &connectpb.AnalyzePlanRequest_Unpersist{Relation: df})); err != nil {
		t.Fatal(err)
	}
	if got := storageLevel(t, c, df); got != "F,F,F,F,1" {
		t.Fatalf("storage level after unpersist: %s", got)
	}
	if got := strings.Join(rowsOf(t, c, over(t, c, df, "SELECT sum(id) FROM {0}")), ","); got != "303" {
		t.Fatalf("after unpersist: %s", got)
	}

	// CACHE TABLE is eager, CACHE LAZY TABLE waits for the first read.
	e, l := filepath.Join(base, "e"), filepath.Join(base, "l")
	write("SELECT id FROM range(3)", e)
	write("SELECT id FROM range(3)", l)
	execSQL(t, c, "CACHE TABLE eager AS SELECT * FROM parquet.`"+e+"`")
	execSQL(t, c, "CACHE LAZY TABLE lazy OPTIONS ('storageLevel' 'MEMORY_ONLY') AS SELECT * FROM parquet.`"+l+"`")
	swapFiles(t, e, b)
	swapFiles(t, l, b)
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT sum(id) FROM eager")), ","); got != "3" {
		t.Fatalf("eager: %s", got)
	}
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT sum(id) FROM lazy")), ","); got != "303" {
		t.Fatalf("lazy: %s", got)
	}
	isCached := func(name string) string {
		return strings.Join(rowsOf(t, c, catalogRel(&connectpb.Catalog{CatType: &connectpb.Catalog_IsCached{IsCached: &connectpb.IsCached{TableName: name}}})), ",")
	}
	if isCached("eager") != "true" || isCached("lazy") != "true" {
		t.Fatal("isCached is false for cached views")
	}
	// refreshTable builds the rows again from the files.
	if _, err := c.Collect(ctx, catalogRel(&connectpb.Catalog{CatType: &connectpb.Catalog_RefreshTable{RefreshTable: &connectpb.RefreshTable{TableName: "eager"}}})); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT sum(id) FROM eager")), ","); got != "303" {
		t.Fatalf("eager after refreshTable: %s", got)
	}
	execSQL(t, c, "UNCACHE TABLE lazy")
	if isCached("lazy") != "false" {
		t.Fatal("isCached after UNCACHE TABLE")
	}
	_, err := c.SQL(ctx, "UNCACHE TABLE missing")
	expectError(t, err, "TABLE_OR_VIEW_NOT_FOUND")
	execSQL(t, c, "UNCACHE TABLE IF EXISTS missing")

	// A table's cache follows writes to it and goes with it.
	execSQL(t, c, "CREATE TABLE t (a INT) USING parquet")
	execSQL(t, c, "INSERT INTO t VALUES (1)")
	if _, err := c.Collect(ctx, catalogRel(&connectpb.Catalog{CatType: &connectpb.Catalog_CacheTable{CacheTable: &connectpb.CacheTable{TableName: "t"}}})); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT count(*) FROM t")), ","); got != "1" {
		t.Fatalf("count: %s", got)
	}
	execSQL(t, c, "INSERT INTO t VALUES (2)")
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT sum(a) FROM t")), ","); got != "3" {
		t.Fatalf("cached table after insert: %s", got)
	}
	execSQL(t, c, "DROP TABLE t")
	execSQL(t, c, "CREATE TABLE t (a INT) USING parquet")
	if isCached("t") != "false" {
		t.Fatal("a dropped table's cache survived")
	}
	execSQL(t, c, "CLEAR CACHE")
	if isCached("eager") != "false" {
		t.Fatal("CLEAR CACHE kept entries")
	}
}

// A cache larger than its share of the memory limit goes to spill files, and reads back.
func TestCacheSpillsUnderAMemoryLimit(t *testing.T) {
	spill := t.TempDir()
	// The cache may hold half the limit (24 MiB): the 32 MiB of rows spill, and a query
	// (48 MiB) has room to read them back.
	p := launch(t, "--memory-limit", "48m", "--spill-dir", spill)
	c := dial(t, p)
	execSQL(t, c, "CACHE TABLE big AS SELECT id, id * 2 AS twice FROM range(2000000)")
	files, _ := filepath.Glob(filepath.Join(spill, "sail-spill-*", "cache-*.arrow"))
	if len(files) != 1 {
		t.Fatalf("cache spill files: %v", files)
	}
	if got := strings.Join(rowsOf(t, c, sqlRel("SELECT count(*), sum(twice) FROM big WHERE id % 2 = 0")), ","); got != "1000000|1999998000000" {
		t.Fatalf("spilled cache read: %s", got)
	}
	execSQL(t, c, "UNCACHE TABLE big")
	files, _ = filepath.Glob(filepath.Join(spill, "sail-spill-*", "cache-*.arrow"))
	if len(files) != 0 {
		t.Fatalf("spill files left after UNCACHE TABLE: %v", files)
	}
}
