package executor

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

func (r *sqlRunner) resolved(sql string) plan.Node {
	r.t.Helper()
	n, err := r.x.resolve(context.Background(), r.s, &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: sql}}})
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

// entry is the cache entry of a table or view (nil when it is not cached).
func (r *sqlRunner) entry(name string) *cacheEntry {
	r.t.Helper()
	n, err := resolveName(r.s, []string{name})
	if err != nil {
		r.t.Fatal(err)
	}
	return r.x.cache().lookup(n)
}

func (e *cacheEntry) state() (built, inMemory, onDisk bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.built, e.batches != nil, e.file != nil
}

func TestCacheKeys(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (a INT, b STRING) USING parquet")
	r.exec("CREATE TABLE u (a INT, b STRING) USING parquet")
	k := func(q string) string { return newKeyer().key(r.resolved(q)) }
	same := [][2]string{
		{"SELECT a FROM t WHERE a > 1", "SELECT a FROM t WHERE a > 1"},
		{"SELECT * FROM t", "SELECT * FROM t AS x"},
		{"SELECT * FROM VALUES (1, 'a') AS v(x, y)", "SELECT * FROM VALUES (1, 'a') AS w(x, y)"},
		{"SELECT (SELECT max(a) FROM t)", "SELECT (SELECT max(a) FROM t)"},
	}
	for _, p := range same {
		if k(p[0]) != k(p[1]) {
			t.Errorf("keys differ:\n%s\n%s", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"SELECT a FROM t WHERE a > 1", "SELECT a FROM t WHERE a > 2"},
		{"SELECT a FROM t", "SELECT a FROM u"},
		{"SELECT a, b FROM t", "SELECT b, a FROM t"},
		{"SELECT * FROM VALUES (1, 'a') AS v(x, y)", "SELECT * FROM VALUES (2, 'a') AS v(x, y)"},
		{"SELECT (SELECT max(a) FROM t)", "SELECT (SELECT max(a) FROM u)"},
		{"SELECT * FROM range(10)", "SELECT * FROM range(11)"},
	}
	for _, p := range differ {
		if k(p[0]) == k(p[1]) {
			t.Errorf("keys agree:\n%s\n%s", p[0], p[1])
		}
	}
}

func TestCacheTableReadsTheCachedRows(t *testing.T) {
	r := newSQLRunner(t)
	// The rows are computed once, when they are cached; every later read sees the same.
	// (rand() without a seed would draw a new seed in every query, as Spark analyzes a
	// temporary view's text again, and so would not be the cached query.)
	r.exec("CACHE TABLE c AS SELECT id, rand(7) AS x FROM range(50)")
	first := r.query("SELECT id, x FROM c ORDER BY id")
	if len(first) != 50 {
		t.Fatalf("%d rows", len(first))
	}
	if again := r.query("SELECT id, x FROM c ORDER BY id"); !reflect.DeepEqual(first, again) {
		t.Fatalf("cached rows changed between reads")
	}
	// A query over the view reads the cache too: its x agrees with the first read.
	if got := r.query("SELECT x FROM c WHERE id = 7"); !reflect.DeepEqual(got[0][0], first[7][1]) {
		t.Errorf("x of id 7 = %v, cached %v", got[0][0], first[7][1])
	}
	if got := r.query("SELECT count(*) FROM (SELECT * FROM c) JOIN (SELECT * FROM c) USING (id, x)"); fmt.Sprint(got) != "[[50]]" {
		t.Errorf("self join on the cached x = %v", got)
	}
	r.exec("UNCACHE TABLE c")
	if e := r.entry("c"); e != nil {
		t.Fatal("still cached after UNCACHE TABLE")
	}
	if again := r.query("SELECT id, x FROM c ORDER BY id"); !reflect.DeepEqual(first, again) {
		t.Errorf("the view's rows changed after UNCACHE TABLE")
	}
}

func TestCacheTableEagerLazyAndInvalidation(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (a INT) USING parquet")
	r.exec("INSERT INTO t VALUES (1), (2)")
	r.exec("CACHE LAZY TABLE t")
	e := r.entry("t")
	if e == nil {
		t.Fatal("not cached")
	}
	if built, _, _ := e.state(); built {
		t.Fatal("CACHE LAZY TABLE built the rows")
	}
	if got := r.query("SELECT sum(a) FROM t"); fmt.Sprint(got) != "[[3]]" {
		t.Fatalf("sum = %v", got)
	}
	if built, mem, _ := e.state(); !built || !mem {
		t.Fatal("the first read did not build the rows")
	}
	// A write drops the rows; the next read builds them from the new data.
	r.exec("INSERT INTO t VALUES (10)")
	if built, _, _ := e.state(); built {
		t.Fatal("INSERT left stale rows cached")
	}
	if got := r.query("SELECT sum(a) FROM t"); fmt.Sprint(got) != "[[13]]" {
		t.Fatalf("sum after insert = %v", got)
	}
	// ALTER TABLE changes the schema: the entry follows it.
	r.exec("ALTER TABLE t ADD COLUMNS (b STRING)")
	if r.entry("t") == nil {
		t.Fatal("the cache entry was lost by ALTER TABLE ADD COLUMNS")
	}
	if got := r.query("SELECT sum(a), count(b) FROM t"); fmt.Sprint(got) != "[[13 0]]" {
		t.Fatalf("after add columns = %v", got)
	}
	r.exec("TRUNCATE TABLE t")
	if got := r.query("SELECT count(*) FROM t"); fmt.Sprint(got) != "[[0]]" {
		t.Fatalf("count after truncate = %v", got)
	}
	r.exec("UNCACHE TABLE t")
	r.exec("INSERT INTO t VALUES (5, NULL)")
	r.exec("CACHE TABLE t")
	if e = r.entry("t"); e == nil {
		t.Fatal("not cached")
	}
	if built, _, _ := e.state(); !built {
		t.Fatal("CACHE TABLE did not build the rows")
	}
	if got := r.query("SELECT * FROM t"); fmt.Sprint(got) != "[[5 <nil>]]" {
		t.Fatalf("rows = %v", got)
	}
	r.exec("DROP TABLE t")
	if n := len(r.x.cache().snapshot()); n != 0 {
		t.Fatalf("%d entries after DROP TABLE", n)
	}
	r.exec("CLEAR CACHE")
}

func TestCacheErrors(t *testing.T) {
	r := newSQLRunner(t)
	for _, tc := range []struct{ sql, class, message string }{
		{"UNCACHE TABLE nope", "TABLE_OR_VIEW_NOT_FOUND", ""},
		{"CACHE TABLE nope", "TABLE_OR_VIEW_NOT_FOUND", ""},
		{"CACHE TABLE a.b AS SELECT 1", "_LEGACY_ERROR_TEMP_0037", "It is not allowed to add catalog/namespace prefix a to the table name in CACHE TABLE AS SELECT."},
		{"CACHE TABLE v OPTIONS ('storageLevel' 'FOO') AS SELECT 1", "", "Invalid StorageLevel: FOO"},
	} {
		_, _, err := r.run(tc.sql)
		e, ok := sparkerror.As(err)
		if !ok {
			t.Errorf("%s: %v", tc.sql, err)
			continue
		}
		if e.Class != tc.class || tc.message != "" && e.Message != tc.message {
			t.Errorf("%s: %s %q", tc.sql, e.Class, e.Message)
		}
	}
	// A failed CACHE TABLE ... AS leaves no view behind.
	if r.s.Catalog.TempView([]string{"v"}) != nil {
		t.Error("the view of a failed CACHE TABLE AS stayed")
	}
	r.exec("UNCACHE TABLE IF EXISTS nope")
}

func TestCacheStorageLevelsAndSpill(t *testing.T) {
	r := newSQLRunner(t)
	r.x.CacheMemoryLimit = 64 << 10 // 64 KiB: a million longs do not fit
	r.exec("CACHE TABLE big AS SELECT id FROM range(1000000)")
	e := r.entry("big")
	if built, mem, disk := e.state(); !built || mem || !disk {
		t.Fatalf("MEMORY_AND_DISK over the limit: built=%v memory=%v disk=%v", built, mem, disk)
	}
	if got := r.query("SELECT sum(id), count(*) FROM big"); fmt.Sprint(got) != "[[499999500000 1000000]]" {
		t.Fatalf("spilled rows read back: %v", got)
	}
	r.exec("CACHE TABLE mem OPTIONS ('storageLevel' 'MEMORY_ONLY') AS SELECT id + 1 AS id FROM range(1000000)")
	e = r.entry("mem")
	if built, mem, disk := e.state(); built || mem || disk {
		t.Fatalf("MEMORY_ONLY over the limit kept rows: built=%v memory=%v disk=%v", built, mem, disk)
	}
	if got := r.query("SELECT count(*) FROM mem"); fmt.Sprint(got) != "[[1000000]]" {
		t.Fatalf("recomputed rows: %v", got)
	}
	if e.noRoom == 0 {
		t.Fatal("the size that did not fit was not kept")
	}
	// A spilled entry too large for the reading query's memory is computed by the query.
	r.x.MemoryLimit = 1 << 20
	if got := r.query("SELECT sum(id), count(*) FROM big"); fmt.Sprint(got) != "[[499999500000 1000000]]" {
		t.Fatalf("rows of a spilled entry over the query's limit: %v", got)
	}
	r.x.MemoryLimit = 0
	r.exec("CACHE TABLE small OPTIONS ('storageLevel' 'disk_only') AS SELECT 1 AS one")
	if built, mem, disk := r.entry("small").state(); !built || mem || !disk {
		t.Fatalf("DISK_ONLY: built=%v memory=%v disk=%v", built, mem, disk)
	}
	if got := r.query("SELECT * FROM small"); fmt.Sprint(got) != "[[1]]" {
		t.Fatalf("disk rows: %v", got)
	}
	r.exec("CLEAR CACHE")
	if used := r.x.cache().pool.Used(); used != 0 {
		t.Errorf("%d bytes still reserved after CLEAR CACHE", used)
	}
}

// lowered is the unresolved plan of a query.
func (r *sqlRunner) lowered(sql string) plan.Node {
	r.t.Helper()
	n, err := lowering(r.s).Relation(&connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: sql}}})
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

func TestCachedRowsSpreadOverPartitions(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CACHE TABLE big AS SELECT id, id % 7 AS k FROM range(0, 200000, 1, 4)")
	e := r.entry("big")
	ld, ok, err := r.x.cachedBatches(t.Context(), r.s, e, r.resolved("SELECT * FROM big").Output())
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if len(ld.Batches) < 4 {
		t.Skipf("%d cached batches", len(ld.Batches))
	}
	u := splitLocal(ld, 4)
	parts := 0
	var rows int64
	walkPlans(u, func(n plan.Node) bool {
		if l, ok := n.(*plan.LocalData); ok {
			parts++
			for _, b := range l.Batches {
				rows += b.NumRows()
			}
		}
		return true
	})
	if parts != 4 || rows != 200000 {
		t.Fatalf("%d parts, %d rows", parts, rows)
	}
	// Reads of the parts agree with the rows, also joined with each other.
	if got := r.query("SELECT count(*), sum(id) FROM big"); fmt.Sprint(got) != "[[200000 19999900000]]" {
		t.Errorf("count, sum = %v", got)
	}
	if got := r.query("SELECT count(*) FROM big a JOIN big b ON a.id = b.id AND a.k = b.k"); fmt.Sprint(got) != "[[200000]]" {
		t.Errorf("self join = %v", got)
	}
}

func TestRefreshTable(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (a INT) USING parquet")
	r.exec("CACHE TABLE t")
	e := r.entry("t")
	if built, _, _ := e.state(); !built {
		t.Fatal("not built")
	}
	r.exec("REFRESH TABLE t")
	if built, _, _ := e.state(); built {
		t.Fatal("REFRESH TABLE kept the cached rows")
	}
	r.exec("REFRESH '/some/path'")
	r.fails("REFRESH TABLE nope", "TABLE_OR_VIEW_NOT_FOUND", nil)
}
