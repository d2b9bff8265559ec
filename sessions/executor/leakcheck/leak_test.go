package leakcheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sessions/executor"
	"github.com/sailgo/sail/sql/sqlconf"
)

// checked counts every Arrow allocation of the engine in this test; the allocator
// installed as memory.DefaultAllocator forwards to it.
var checked *memory.CheckedAllocator

var router = &routingAllocator{gc: memory.NewGoAllocator()}

func TestMain(m *testing.M) {
	checked = memory.NewCheckedAllocator(memory.NewGoAllocator())
	router.checked.Store(checked)
	memory.DefaultAllocator = router
	os.Exit(m.Run())
}

// routingAllocator sends allocations to the checked allocator, except those arrow-go
// makes inside its parquet/metadata package: ColumnChunkMetaData builds its column
// statistics (with encoders holding pooled buffers) from memory.DefaultAllocator, which it
// reads itself, and statistics have no Release, so those buffers are never freed (arrow-go
// v18.8.0, parquet/metadata/column_chunk.go; the Go allocator lets the garbage collector
// take them). They go to the Go allocator, uncounted.
type routingAllocator struct {
	checked atomic.Pointer[memory.CheckedAllocator]
	count   atomic.Int64 // allocations sent to checked
	gc      memory.Allocator
	// untracked maps the address of each buffer from gc to the buffer, which keeps it
	// alive (its address cannot be reused for a checked buffer while it is listed).
	untracked sync.Map
}

func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// inArrowMetadata reports whether the caller is inside arrow-go's parquet/metadata.
func inArrowMetadata() bool {
	var pcs [48]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "arrow-go/v18/parquet/metadata.") {
			return true
		}
		if !more {
			return false
		}
	}
}

func (a *routingAllocator) Allocate(n int) []byte {
	if n > 0 && inArrowMetadata() {
		b := a.gc.Allocate(n)
		a.untracked.Store(addr(b), b)
		return b
	}
	a.count.Add(1)
	return a.checked.Load().Allocate(n)
}

func (a *routingAllocator) Reallocate(n int, b []byte) []byte {
	if len(b) > 0 {
		if _, ok := a.untracked.LoadAndDelete(addr(b)); ok {
			out := a.gc.Reallocate(n, b)
			if len(out) > 0 {
				a.untracked.Store(addr(out), out)
			}
			return out
		}
	} else if n > 0 && inArrowMetadata() {
		out := a.gc.Reallocate(n, b)
		a.untracked.Store(addr(out), out)
		return out
	}
	return a.checked.Load().Reallocate(n, b)
}

func (a *routingAllocator) Free(b []byte) {
	if len(b) > 0 {
		if _, ok := a.untracked.LoadAndDelete(addr(b)); ok {
			a.gc.Free(b)
			return
		}
	}
	a.checked.Load().Free(b)
}

// plain builds the test's own data and decodes results, outside the checked allocator.
var plain = memory.NewGoAllocator()

// runner runs statements in one session through the executor's public entry point.
type runner struct {
	t *testing.T
	x *executor.Executor
	s *sessions.Session
}

func newRunner(t *testing.T, memoryLimit int64) *runner {
	t.Helper()
	reg, err := sqlconf.NewRegistry(sqlconf.WithSessionTimeZone("UTC"))
	if err != nil {
		t.Fatal(err)
	}
	s := sessions.NewSession("user", "session", "server", sqlconf.New(reg), nil)
	t.Cleanup(s.Close)
	x := executor.New(slog.New(slog.NewTextHandler(io.Discard, nil)))
	x.MemoryLimit = memoryLimit
	x.SpillDir = t.TempDir()
	return &runner{t: t, x: x, s: s}
}

func sqlPlan(q string) *connectpb.Plan {
	return &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: &connectpb.Relation{
		RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q}}}}}
}

// result is what a query sent back: its rows as text, one line per row.
type result struct {
	rows []string
}

// execute runs a plan; stopAfter > 0 makes the client go away after that many batches
// (emit fails), as a disconnecting client does.
func (r *runner) execute(ctx context.Context, p *connectpb.Plan, stopAfter int) (*result, error) {
	res := &result{}
	batches := 0
	err := r.x.Execute(ctx, r.s, p, func(resp *connectpb.ExecutePlanResponse) error {
		ab := resp.GetArrowBatch()
		if ab == nil {
			return nil
		}
		batches++
		if err := decode(ab.GetData(), res); err != nil {
			return err
		}
		if stopAfter > 0 && batches >= stopAfter {
			return errClientGone
		}
		return nil
	})
	return res, err
}

var errClientGone = errors.New("client went away")

func decode(data []byte, res *result) error {
	rd, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(plain))
	if err != nil {
		return err
	}
	defer rd.Release()
	for rd.Next() {
		b := rd.RecordBatch()
		for i := 0; i < int(b.NumRows()); i++ {
			cells := make([]string, b.NumCols())
			for c := range cells {
				cells[c] = b.Column(c).ValueStr(i)
			}
			res.rows = append(res.rows, strings.Join(cells, ","))
		}
	}
	return rd.Err()
}

// exec runs a setup statement that must succeed.
func (r *runner) exec(q string) {
	r.t.Helper()
	if _, err := r.execute(context.Background(), sqlPlan(q), 0); err != nil {
		r.t.Fatalf("%s: %v", q, err)
	}
}

// view registers a temporary view over files, as spark.read...createOrReplaceTempView does.
func (r *runner) view(name, format, path string, options map[string]string) {
	r.t.Helper()
	r.viewWithSchema(name, format, path, "", options)
}

func (r *runner) viewWithSchema(name, format, path, schema string, options map[string]string) {
	r.t.Helper()
	var sch *string
	if schema != "" {
		sch = &schema
	}
	p := &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{
		CommandType: &connectpb.Command_CreateDataframeView{CreateDataframeView: &connectpb.CreateDataFrameViewCommand{
			Input: &connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{
				ReadType: &connectpb.Read_DataSource_{DataSource: &connectpb.Read_DataSource{
					Format: &format, Schema: sch, Paths: []string{path}, Options: options,
				}},
			}}},
			Name: name, Replace: true,
		}},
	}}}
	if _, err := r.execute(context.Background(), p, 0); err != nil {
		r.t.Fatalf("view %s: %v", name, err)
	}
}

// checkNoLeak fails the test when the checked allocator holds anything. Operators release
// on Close, which the executor waits for, so the count is exact when Execute returns; the
// short wait only tolerates a goroutine that releases just after.
func checkNoLeak(t *testing.T, what string) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); checked.CurrentAlloc() != 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if n := checked.CurrentAlloc(); n != 0 {
		t.Errorf("%s: %d bytes of Arrow buffers not released", what, n)
		checked.AssertSize(t, 0)
		// Start the next query from zero so each leak is reported once, by its query.
		resetChecked()
	}
}

// resetChecked replaces the checked allocator after a leak (the leaked buffers stay with
// the old one, which nothing frees any more).
func resetChecked() {
	checked = memory.NewCheckedAllocator(memory.NewGoAllocator())
	router.checked.Store(checked)
}

// writeFiles writes the test's sources: a Parquet file of several row groups, a CSV file
// and a JSON lines file.
func writeFiles(t *testing.T, dir string) {
	t.Helper()
	const n = 5000
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "k", Type: arrow.PrimitiveTypes.Int32},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "d", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "dt", Type: arrow.FixedWidthTypes.Date32},
		{Name: "amt", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}},
	}, nil)
	b := array.NewRecordBuilder(plain, schema)
	defer b.Release()
	for i := 0; i < n; i++ {
		b.Field(0).(*array.Int64Builder).Append(int64(i))
		b.Field(1).(*array.Int32Builder).Append(int32(i % 10))
		if i%17 == 0 {
			b.Field(2).AppendNull()
		} else {
			b.Field(2).(*array.StringBuilder).Append(fmt.Sprintf("v%03d", i%251))
		}
		if i%13 == 0 {
			b.Field(3).AppendNull()
		} else {
			b.Field(3).(*array.Float64Builder).Append(float64(i%97) / 7)
		}
		b.Field(4).(*array.Date32Builder).Append(arrow.Date32(18000 + i%400))
		b.Field(5).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(i * 37 % 100000)))
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	// arrow-go's Parquet writer takes some buffers from memory.DefaultAllocator whatever
	// its properties say (statistics encoders) and never frees them: write with the Go
	// allocator installed (the test's data, not the engine's).
	memory.DefaultAllocator = plain
	defer func() { memory.DefaultAllocator = router }()
	f, err := os.Create(filepath.Join(dir, "p.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(schema, f, parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(1000), parquet.WithAllocator(plain)),
		pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(plain)))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteBuffered(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	var csv strings.Builder
	csv.WriteString("id,name,score\n")
	for i := 0; i < 300; i++ {
		if i%11 == 0 {
			fmt.Fprintf(&csv, "%d,,\n", i*3)
		} else {
			fmt.Fprintf(&csv, "%d,n%d,%d.5\n", i*3, i%7, i%50)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "c.csv"), []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	var js strings.Builder
	for i := 0; i < 200; i++ {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&js, "{\"id\":%d,\"tags\":null,\"m\":{\"x\":%d}}\n", i, i)
		case 1:
			fmt.Fprintf(&js, "{\"id\":%d,\"tags\":[],\"m\":null}\n", i)
		default:
			fmt.Fprintf(&js, "{\"id\":%d,\"tags\":[\"a%d\",\"b\",null],\"m\":{\"x\":%d,\"y\":\"t%d\"}}\n", i, i%3, i*2, i%4)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "j.json"), []byte(js.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setup makes a runner with the views p (Parquet), c (CSV) and j (JSON).
func setup(t *testing.T, memoryLimit int64) *runner {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir)
	r := newRunner(t, memoryLimit)
	r.view("p", "parquet", filepath.Join(dir, "p.parquet"), nil)
	r.view("c", "csv", filepath.Join(dir, "c.csv"), map[string]string{"header": "true", "inferSchema": "true"})
	r.view("j", "json", filepath.Join(dir, "j.json"), nil)
	r.exec("CREATE OR REPLACE TEMPORARY VIEW v(a, b) AS VALUES (1, 'x'), (2, 'y'), (NULL, 'z'), (4, NULL)")
	checkNoLeak(t, "setup")
	return r
}

// queryCase is one query; rows >= 0 checks the row count, err a substring of the error
// (the query must fail then); orErr is an error the query may end with instead of rows
// (running out of memory where an operator cannot spill).
type queryCase struct {
	sql   string
	rows  int
	err   string
	orErr string
}

func runCases(t *testing.T, r *runner, cases []queryCase) {
	t.Helper()
	for _, c := range cases {
		before := router.count.Load()
		res, err := r.execute(context.Background(), sqlPlan(c.sql), 0)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one with %q", c.sql, err, c.err)
			}
		case err != nil && c.orErr != "" && strings.Contains(err.Error(), c.orErr):
		case err != nil:
			t.Errorf("%s: %v", c.sql, err)
		case c.rows >= 0 && len(res.rows) != c.rows:
			t.Errorf("%s: %d rows, want %d", c.sql, len(res.rows), c.rows)
		}
		if err == nil && router.count.Load() == before {
			// Every query that runs builds Arrow arrays: none seen means they bypass the
			// checked allocator and this test proves nothing.
			t.Errorf("%s: no allocation went through memory.DefaultAllocator", c.sql)
		}
		checkNoLeak(t, c.sql)
	}
}

// TestOperatorsReleaseEverything runs queries that together use every operator.
func TestOperatorsReleaseEverything(t *testing.T) {
	r := setup(t, 0)
	runCases(t, r, []queryCase{
		// Scans.
		{sql: "SELECT count(*), sum(id), min(s), max(d), max(dt), sum(amt) FROM p", rows: 1},
		{sql: "SELECT * FROM p", rows: 5000},
		{sql: "SELECT id, s FROM p WHERE id BETWEEN 1100 AND 1200", rows: 101},
		{sql: "SELECT * FROM c", rows: 300},
		{sql: "SELECT id, tags, m, m.x FROM j", rows: 200},
		// Filter and projection.
		{sql: "SELECT id * 2 + 1, upper(s), CASE WHEN d > 5 THEN 'hi' ELSE 'lo' END, coalesce(d, -1), concat(s, '-', k), substr(s, 2), date_add(dt, k), amt * 2 FROM p WHERE k IN (1, 3, 5) AND s LIKE 'v1%'", rows: -1},
		{sql: "SELECT id FROM p WHERE d IS NULL OR s IS NULL", rows: -1},
		{sql: "SELECT named_struct('a', id, 'b', s), array(k, k + 1), map(k, s) FROM p WHERE id < 50", rows: 50},
		{sql: "SELECT size(tags), try_element_at(tags, 1), transform(tags, x -> upper(x)), filter(tags, x -> x IS NOT NULL) FROM j", rows: 200},
		// Hash aggregates.
		{sql: "SELECT k, count(*), sum(d), avg(d), min(s), max(s), sum(amt), avg(amt) FROM p GROUP BY k", rows: 10},
		{sql: "SELECT s, count(*) FROM p GROUP BY s", rows: 252},
		{sql: "SELECT k, count(DISTINCT s), sum(DISTINCT k) FROM p GROUP BY k", rows: 10},
		{sql: "SELECT count(DISTINCT s), count(*) FROM p", rows: 1},
		{sql: "SELECT k, k % 2, count(*) FROM p GROUP BY GROUPING SETS ((k), (k % 2), ())", rows: 13},
		{sql: "SELECT k, s, count(*), grouping_id() FROM p WHERE id < 100 GROUP BY ROLLUP (k, s)", rows: -1},
		{sql: "SELECT k, k % 3, sum(id) FROM p GROUP BY CUBE (k, k % 3)", rows: -1},
		{sql: "SELECT k, count(*) FILTER (WHERE d > 3), max(id) FROM p GROUP BY k HAVING count(*) > 10", rows: 10},
		{sql: "SELECT k, collect_list(id), collect_set(s), stddev(d), variance(d), first(s), last(s), approx_count_distinct(s), bool_and(d > 1), any_value(s) FROM p WHERE id < 300 GROUP BY k", rows: 10},
		{sql: "SELECT k, percentile(d, 0.5), median(d), mode(s), count_if(d > 2), corr(d, id), covar_pop(d, id), kurtosis(d), skewness(d) FROM p GROUP BY k", rows: 10},
		{sql: "SELECT k, listagg(s, ',') WITHIN GROUP (ORDER BY s), string_agg(DISTINCT s, ';'), histogram_numeric(d, 3), try_sum(id), try_avg(id) FROM p WHERE id < 500 GROUP BY k", rows: 10},
		// Joins: hash, every kind.
		{sql: "SELECT p.id, c.name FROM p JOIN c ON p.id = c.id", rows: 300},
		{sql: "SELECT p.id, c.name FROM p LEFT JOIN c ON p.id = c.id", rows: 5000},
		{sql: "SELECT p.id, c.name FROM c RIGHT JOIN p ON p.id = c.id", rows: 5000},
		{sql: "SELECT p.id, c.id FROM (SELECT * FROM p WHERE id < 600) p FULL JOIN c ON p.id = c.id + 1", rows: -1},
		{sql: "SELECT * FROM p LEFT SEMI JOIN c ON p.id = c.id", rows: 300},
		{sql: "SELECT * FROM p LEFT ANTI JOIN c ON p.id = c.id", rows: 4700},
		// The smaller left side is the build side: right semi and anti joins.
		{sql: "SELECT * FROM c LEFT SEMI JOIN p ON p.id = c.id", rows: 300},
		{sql: "SELECT * FROM c LEFT ANTI JOIN p ON p.id = c.id + 1000", rows: -1},
		// A view read twice is computed once and shared.
		{sql: "WITH r AS (SELECT k, count(*) AS n FROM p GROUP BY k) SELECT * FROM r WHERE n = (SELECT max(n) FROM r)", rows: -1},
		{sql: "SELECT count(*) FROM p WHERE k NOT IN (SELECT a FROM v)", rows: 1},
		{sql: "SELECT count(*) FROM p WHERE k NOT IN (SELECT a FROM v WHERE a IS NOT NULL)", rows: 1},
		{sql: "SELECT id FROM p WHERE id NOT IN (SELECT id FROM c)", rows: 4700},
		{sql: "SELECT a.id, b.id FROM p a JOIN p b ON a.k = b.k AND a.s = b.s AND a.id < b.id WHERE a.id < 400", rows: -1},
		// Nested-loop joins.
		{sql: "SELECT count(*) FROM c a JOIN c b ON a.id < b.id", rows: 1},
		{sql: "SELECT v.a, c.id FROM v LEFT JOIN c ON c.id < v.a", rows: -1},
		{sql: "SELECT v.a, c.id FROM v FULL JOIN (SELECT * FROM c WHERE id < 10) c ON c.id > v.a", rows: -1},
		{sql: "SELECT * FROM v CROSS JOIN (SELECT id FROM c LIMIT 7)", rows: 28},
		{sql: "SELECT * FROM v WHERE EXISTS (SELECT 1 FROM c WHERE c.id > v.a * 100)", rows: -1},
		// Sort, top-k, limit, offset.
		{sql: "SELECT id, s FROM p ORDER BY s DESC NULLS LAST, id", rows: 5000},
		{sql: "SELECT id, d FROM p ORDER BY d NULLS FIRST, id LIMIT 5", rows: 5},
		{sql: "SELECT id FROM p ORDER BY id LIMIT 10 OFFSET 20", rows: 10},
		{sql: "SELECT id FROM p LIMIT 10 OFFSET 4995", rows: 5},
		{sql: "SELECT id FROM p LIMIT 0", rows: 0},
		// Set operations.
		{sql: "SELECT id FROM p UNION ALL SELECT id FROM c", rows: 5300},
		{sql: "SELECT k FROM p UNION SELECT a FROM v", rows: -1},
		{sql: "SELECT id FROM p INTERSECT SELECT id FROM c", rows: 300},
		{sql: "SELECT id FROM p EXCEPT SELECT id FROM c", rows: 4700},
		// Windows.
		{sql: "SELECT id, row_number() OVER (PARTITION BY k ORDER BY id), rank() OVER (PARTITION BY k ORDER BY s), dense_rank() OVER (ORDER BY k), ntile(4) OVER (PARTITION BY k ORDER BY id), percent_rank() OVER (PARTITION BY k ORDER BY d), cume_dist() OVER (PARTITION BY k ORDER BY d) FROM p", rows: 5000},
		{sql: "SELECT id, sum(d) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING), avg(d) OVER (PARTITION BY k ORDER BY id RANGE BETWEEN 20 PRECEDING AND CURRENT ROW), count(*) OVER (PARTITION BY k), max(s) OVER (PARTITION BY k ORDER BY id) FROM p", rows: 5000},
		{sql: "SELECT id, lag(s, 2) OVER (PARTITION BY k ORDER BY id), lead(d) OVER (PARTITION BY k ORDER BY id), first_value(s) OVER (PARTITION BY k ORDER BY id), last_value(s, true) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), nth_value(id, 3) OVER (PARTITION BY k ORDER BY id), collect_list(id) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM p WHERE id < 1000", rows: 1000},
		{sql: "SELECT id, min(d) OVER (ORDER BY dt RANGE BETWEEN INTERVAL 3 DAYS PRECEDING AND CURRENT ROW) FROM p WHERE id < 500", rows: 500},
		// Generators.
		{sql: "SELECT id, explode(tags) FROM j", rows: -1},
		{sql: "SELECT id, posexplode_outer(tags) FROM j", rows: -1},
		{sql: "SELECT inline(array(struct(1, 'a'), struct(2, 'b')))", rows: 2},
		{sql: "SELECT stack(2, id, s, id + 1, 'x') FROM p WHERE id < 10", rows: 20},
		{sql: "SELECT id, t FROM j LATERAL VIEW OUTER explode(tags) x AS t", rows: -1},
		{sql: "SELECT k, e FROM p LATERAL VIEW explode(sequence(1, k)) x AS e WHERE id < 100", rows: -1},
		{sql: "SELECT explode(map('a', 1, 'b', 2))", rows: 2},
		// Values, range, sample, repartition.
		{sql: "VALUES (1, 'a'), (2, 'b'), (3, NULL)", rows: 3},
		{sql: "SELECT * FROM v", rows: 4},
		{sql: "SELECT id, id % 3 FROM range(0, 20000, 3, 4)", rows: 6667},
		{sql: "SELECT /*+ REPARTITION(3, k) */ k, count(*) FROM p GROUP BY k", rows: 10},
		{sql: "SELECT * FROM p DISTRIBUTE BY k SORT BY id", rows: 5000},
		{sql: "SELECT /*+ COALESCE(1) */ * FROM p", rows: 5000},
		// Recursive CTE.
		{sql: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 50) SELECT sum(n) FROM r", rows: 1},
		{sql: "WITH RECURSIVE r(n, s) AS (SELECT 0, CAST('' AS STRING) UNION ALL SELECT n + 1, s || 'x' FROM r WHERE n < 20) SELECT * FROM r ORDER BY n", rows: 21},
		// Subqueries.
		{sql: "SELECT id FROM p WHERE d > (SELECT avg(d) FROM p) AND id < 100", rows: -1},
		{sql: "SELECT id, (SELECT max(c.score) FROM c WHERE c.id = p.id) FROM p WHERE id < 50", rows: 50},
		{sql: "SELECT id FROM p WHERE id IN (SELECT id * 2 FROM c) AND EXISTS (SELECT 1 FROM v WHERE v.a = p.k)", rows: -1},
		{sql: "SELECT * FROM p WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.id = p.id)", rows: 4700},
		{sql: "WITH x AS (SELECT k, sum(id) s FROM p GROUP BY k) SELECT a.k, b.s FROM x a JOIN x b ON a.k = b.k", rows: 10},
	})
}

// TestFailuresReleaseEverything runs queries that fail while batches are in flight.
func TestFailuresReleaseEverything(t *testing.T) {
	r := setup(t, 0)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	var rows strings.Builder
	for i := 0; i < 3000; i++ {
		if i == 2500 {
			rows.WriteString("x,y\n")
		}
		fmt.Fprintf(&rows, "%d,%d\n", i, i*2)
	}
	if err := os.WriteFile(bad, []byte(rows.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r.viewWithSchema("bad", "csv", bad, "a INT, b INT", map[string]string{"mode": "FAILFAST"})
	runCases(t, r, []queryCase{
		{sql: "SELECT id / (k - 5) FROM p", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT k, sum(id / (id - 4000)) FROM p GROUP BY k", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT p.id FROM p JOIN c ON p.id = c.id WHERE CAST(c.name AS INT) > 0", err: "CAST_INVALID_INPUT"},
		{sql: "SELECT * FROM p ORDER BY CAST(s AS INT)", err: "CAST_INVALID_INPUT"},
		{sql: "SELECT id, sum(id) OVER (PARTITION BY k ORDER BY id) / (id - 3000) FROM p", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT assert_true(id < 4500) FROM p", err: "USER_RAISED_EXCEPTION"},
		{sql: "SELECT id, raise_error('boom') FROM p WHERE id = 4999", err: "boom"},
		{sql: "SELECT element_at(tags, 5) FROM j", err: "INVALID_ARRAY_INDEX"},
		{sql: "SELECT (SELECT id FROM p)", err: "SCALAR_SUBQUERY_TOO_MANY_ROWS"},
		{sql: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", err: "RECURSION_LEVEL_LIMIT_EXCEEDED"},
		{sql: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10 AND 10 div (n - 5) IS NOT NULL) SELECT * FROM r", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT id FROM p UNION ALL SELECT 1 / (id - 150) FROM c", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT explode(sequence(1, 10 div (k - 3))) FROM p", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT (SELECT 1 / (count(*) - 5000) FROM p)", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT * FROM c JOIN (SELECT id, 1 / (id - 4000) x FROM p) q ON c.id = q.id", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT * FROM (SELECT id, 1 / (id - 4000) x FROM p) q JOIN c ON c.id = q.id", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT count(*) FROM c a JOIN c b ON a.id < 1 / (b.id - 150)", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT count(*) FROM p LEFT JOIN c ON p.id = c.id AND 1 / (c.id - 150) > 0", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT id FROM p ORDER BY 1 / (id - 4000) LIMIT 3", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT k, sum(id) FROM p GROUP BY k HAVING 1 / (k - 3) > 0", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT k, count(DISTINCT s) FROM p GROUP BY k HAVING 1 / (k - 3) > 0", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT id, lag(id) OVER (ORDER BY 1 / (id - 2000)) FROM p", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT * FROM bad", err: "FAILED_READ_FILE"},
	})
}

// TestEarlyCloseReleasesEverything stops queries before their sources end: LIMIT, a
// client that goes away, a cancelled context.
func TestEarlyCloseReleasesEverything(t *testing.T) {
	r := setup(t, 0)
	runCases(t, r, []queryCase{
		{sql: "SELECT id FROM range(0, 100000000, 1, 4) WHERE id % 7 = 3 LIMIT 10", rows: 10},
		{sql: "SELECT * FROM p WHERE d > 1 LIMIT 3", rows: 3},
		{sql: "SELECT p.id, c.name FROM p JOIN c ON p.id = c.id LIMIT 5", rows: 5},
		{sql: "SELECT a.id FROM range(0, 1000000, 1, 2) a JOIN p ON a.id = p.id LIMIT 4", rows: 4},
		{sql: "SELECT id, row_number() OVER (PARTITION BY k ORDER BY id) FROM p LIMIT 7", rows: 7},
		{sql: "SELECT id, explode(sequence(1, 1000)) FROM range(0, 100000) LIMIT 3", rows: 3},
		{sql: "SELECT * FROM (SELECT id FROM p UNION ALL SELECT id FROM range(0, 100000000)) LIMIT 6", rows: 6},
		{sql: "SELECT k, count(*) FROM p GROUP BY k LIMIT 2", rows: 2},
		{sql: "SELECT * FROM c a CROSS JOIN c b LIMIT 9", rows: 9},
		{sql: "SELECT * FROM p ORDER BY id LIMIT 1", rows: 1},
		{sql: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r LIMIT 5", rows: 5},
		{sql: "SELECT /*+ REPARTITION(4) */ * FROM p LIMIT 5", rows: 5},
		{sql: "SELECT * FROM j LIMIT 2", rows: 2},
		{sql: "SELECT * FROM c LIMIT 2", rows: 2},
		{sql: "SELECT p.id FROM p JOIN (SELECT id FROM c LIMIT 5) x ON p.id = x.id", rows: 5},
		{sql: "SELECT * FROM p WHERE id IN (SELECT id FROM c) LIMIT 3", rows: 3},
		{sql: "SELECT p.id, c.id FROM p FULL JOIN c ON p.id = c.id + 1 LIMIT 3", rows: 3},
		{sql: "SELECT k, count(DISTINCT s) FROM p GROUP BY k LIMIT 1", rows: 1},
		{sql: "SELECT * FROM p, c WHERE p.id < c.id LIMIT 4", rows: 4},
	})
	// A client that disconnects after the first batch.
	for _, q := range []string{
		"SELECT id, s FROM p",
		"SELECT id FROM range(0, 10000000, 1, 4)",
		"SELECT p.id, c.name FROM p LEFT JOIN c ON p.id = c.id",
		"SELECT id, sum(id) OVER (PARTITION BY k ORDER BY id) FROM p",
		"SELECT id, s FROM p ORDER BY s, id",
		"SELECT id FROM p UNION ALL SELECT id FROM c UNION ALL SELECT id FROM range(0, 100000)",
		"SELECT id, explode(sequence(1, 20)) FROM p",
		"SELECT p.id, c.id FROM p FULL JOIN c ON p.id = c.id + 1",
		"SELECT k, count(*) FROM p GROUP BY k, id",
		"SELECT * FROM j",
		"SELECT * FROM c a, c b",
	} {
		r.x.MaxBatchBytes = 4096 // small batches, so the client stops mid-stream
		_, err := r.execute(context.Background(), sqlPlan(q), 1)
		if !errors.Is(err, errClientGone) {
			t.Errorf("%s: error %v, want the client's", q, err)
		}
		checkNoLeak(t, q+" (client gone)")
	}
	// A context cancelled mid-stream.
	for _, q := range []string{
		"SELECT id FROM range(0, 100000000, 1, 4) WHERE id % 3 = 0",
		"SELECT k, count(*) FROM range(0, 100000000, 1, 4) GROUP BY id % 10 AS k",
		"SELECT * FROM p a JOIN range(0, 100000000, 1, 2) b ON a.id = b.id % 5000",
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err := r.execute(ctx, sqlPlan(q), 0)
		cancel()
		if err == nil {
			t.Errorf("%s: no error after cancel", q)
		}
		checkNoLeak(t, q+" (cancelled)")
	}
}

// spillWatch reports whether a file appeared under dir while a query ran.
func spillWatch(dir string) (stop func() bool) {
	done := make(chan struct{})
	seen := make(chan bool, 1)
	go func() {
		found := false
		for {
			select {
			case <-done:
				seen <- found
				return
			case <-time.After(2 * time.Millisecond):
			}
			if !found {
				filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						found = true
						return filepath.SkipAll
					}
					return nil
				})
			}
		}
	}()
	return func() bool { close(done); return <-seen }
}

// TestSpillReleasesEverything runs the operators that spill under a small memory limit.
func TestSpillReleasesEverything(t *testing.T) {
	r := setup(t, 512<<10)
	// The sort, the aggregate and the join of these spill (files show up in the spill
	// directory), so their spill paths are what runs.
	for _, q := range []string{
		"SELECT count(*), sum(c) FROM (SELECT id % 25000 AS k, count(*) AS c FROM range(0, 50000) GROUP BY k)",
		"SELECT id, s FROM (SELECT id, CAST(id AS STRING) s FROM range(0, 50000)) ORDER BY s DESC",
		"SELECT count(*) FROM range(0, 50000) a JOIN range(0, 50000) b ON a.id = b.id",
	} {
		stop := spillWatch(r.x.SpillDir)
		_, err := r.execute(context.Background(), sqlPlan(q), 0)
		if spilled := stop(); err != nil || !spilled {
			t.Errorf("%s: error %v, spilled %v; want it to spill", q, err, spilled)
		}
		checkNoLeak(t, q)
	}
	runCases(t, r, []queryCase{
		{sql: "SELECT count(*), sum(c) FROM (SELECT id % 25000 AS k, count(*) AS c FROM range(0, 50000) GROUP BY k)", rows: 1},
		{sql: "SELECT count(DISTINCT id), max(DISTINCT id) FROM range(0, 50000)", rows: 1},
		{sql: "SELECT id, s FROM (SELECT id, CAST(id AS STRING) s FROM range(0, 50000)) ORDER BY s DESC", rows: 50000},
		{sql: "SELECT count(*) FROM range(0, 50000) a JOIN range(0, 50000) b ON a.id = b.id", rows: 1},
		{sql: "SELECT count(*) FROM range(0, 30000) a LEFT JOIN range(0, 50000, 2) b ON a.id = b.id WHERE b.id IS NULL", rows: 1},
		{sql: "SELECT count(*) FROM range(0, 30000) a FULL JOIN range(15000, 50000) b ON a.id = b.id", rows: 1},
		{sql: "SELECT count(*) FROM range(0, 30000) a WHERE a.id NOT IN (SELECT id * 2 FROM range(0, 30000))", rows: 1},
		{sql: "SELECT max(r) FROM (SELECT row_number() OVER (PARTITION BY id % 100 ORDER BY id DESC) r FROM range(0, 50000))", rows: 1, orErr: "UNABLE_TO_ACQUIRE_MEMORY"},
		{sql: "SELECT id FROM range(0, 50000) ORDER BY id DESC LIMIT 3", rows: 3, orErr: "UNABLE_TO_ACQUIRE_MEMORY"},
		{sql: "SELECT s, count(*) FROM (SELECT CAST(id % 20000 AS STRING) s FROM range(0, 40000)) GROUP BY s LIMIT 3", rows: 3},
		// Spilling operators stopped early or failing.
		{sql: "SELECT a.id FROM range(0, 50000) a JOIN range(0, 50000) b ON a.id = b.id LIMIT 5", rows: 5},
		{sql: "SELECT k, count(*) FROM (SELECT id % 25000 AS k FROM range(0, 50000)) GROUP BY k LIMIT 3", rows: 3},
		{sql: "SELECT id, s FROM (SELECT id, CAST(id AS STRING) s FROM range(0, 50000)) ORDER BY s LIMIT 100 OFFSET 25000", rows: 100},
		{sql: "SELECT k, sum(v) FROM (SELECT id % 25000 AS k, 10 / (id - 40000) AS v FROM range(0, 50000)) GROUP BY k", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT id FROM range(0, 50000) ORDER BY CAST(id AS STRING), 1 / (id - 49999)", err: "DIVIDE_BY_ZERO"},
		{sql: "SELECT count(*) FROM range(0, 50000) a JOIN range(0, 50000) b ON a.id = b.id WHERE 1 / (a.id - 37777) > 0", err: "DIVIDE_BY_ZERO"},
	})
	for _, q := range []string{
		"SELECT id, s FROM (SELECT id, CAST(id AS STRING) s FROM range(0, 50000)) ORDER BY s",
		"SELECT a.id, b.id FROM range(0, 50000) a JOIN range(0, 50000) b ON a.id = b.id",
		"SELECT id % 25000 AS k, count(*) FROM range(0, 50000) GROUP BY k",
	} {
		r.x.MaxBatchBytes = 4096
		if _, err := r.execute(context.Background(), sqlPlan(q), 1); !errors.Is(err, errClientGone) {
			t.Errorf("%s: error %v, want the client's", q, err)
		}
		checkNoLeak(t, q+" (client gone)")
	}
	for _, q := range []string{
		"SELECT count(*) FROM (SELECT id % 5000000 AS k, count(*) FROM range(0, 100000000, 1, 2) GROUP BY k)",
		"SELECT max(s) FROM (SELECT CAST(id AS STRING) s FROM range(0, 100000000, 1, 2) ORDER BY s LIMIT 50000 OFFSET 10)",
		"SELECT count(*) FROM range(0, 100000000, 1, 2) a JOIN range(0, 100000000, 1, 2) b ON a.id = b.id",
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		_, err := r.execute(ctx, sqlPlan(q), 0)
		cancel()
		if err == nil {
			t.Errorf("%s: no error after cancel", q)
		}
		checkNoLeak(t, q+" (cancelled)")
	}
}

// TestTPCHReleasesEverything runs TPC-H at SF0.1 when the shipped data is there.
func TestTPCHReleasesEverything(t *testing.T) {
	dir := "/work/shared/benchmarks/tpch"
	if d := os.Getenv("SAIL_TPCH_DIR"); d != "" {
		dir = d
	}
	data := filepath.Join(dir, "data", "sf0.1")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no TPC-H data at %s", data)
	}
	r := newRunner(t, 0)
	for _, tb := range []string{"customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"} {
		r.view(tb, "parquet", filepath.Join(data, tb), nil)
	}
	checkNoLeak(t, "TPC-H views")
	queries := []string{"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22"}
	if raceEnabled || testing.Short() {
		// All 22 take about a minute and a half under the race detector on two cores.
		queries = []string{"q1", "q3", "q5", "q9", "q13", "q18", "q21"}
	}
	for _, name := range queries {
		q, err := os.ReadFile(filepath.Join(dir, "queries", name+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.execute(context.Background(), sqlPlan(string(q)), 0); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		checkNoLeak(t, "TPC-H "+name)
	}
}

// TestWritesReleaseEverything writes tables in each file format and reads them back. A
// table the catalog keeps in memory holds its batches until it is dropped, so the check
// comes after the DROP.
func TestWritesReleaseEverything(t *testing.T) {
	r := setup(t, 0)
	out := t.TempDir()
	for _, f := range []string{"parquet", "csv", "json"} {
		loc := filepath.Join(out, f)
		for _, q := range []string{
			fmt.Sprintf("CREATE TABLE w_%s USING %s LOCATION '%s' AS SELECT id, s, d, dt FROM p", f, f, loc),
			fmt.Sprintf("INSERT INTO w_%s SELECT id, s, d, dt FROM p WHERE id < 100", f),
			fmt.Sprintf("INSERT OVERWRITE w_%s SELECT id, s, d, dt FROM p WHERE id < 1000", f),
			fmt.Sprintf("CREATE TABLE wp_%s (a INT, b STRING) USING %s PARTITIONED BY (b) LOCATION '%s'", f, f, loc+"_part"),
			fmt.Sprintf("INSERT INTO wp_%s SELECT k, CAST(k %% 3 AS STRING) FROM p", f),
		} {
			r.exec(q)
		}
		res, err := r.execute(context.Background(), sqlPlan(fmt.Sprintf("SELECT count(*), max(s) FROM w_%s", f)), 0)
		if err != nil || len(res.rows) != 1 || !strings.HasPrefix(res.rows[0], "1000,") {
			t.Errorf("%s: read back %v, %v", f, res, err)
		}
		if res, err = r.execute(context.Background(), sqlPlan(fmt.Sprintf("SELECT b, count(*) FROM wp_%s GROUP BY b", f)), 0); err != nil || len(res.rows) != 3 {
			t.Errorf("%s partitioned: read back %v, %v", f, res, err)
		}
		r.exec("DROP TABLE w_" + f)
		r.exec("DROP TABLE wp_" + f)
		checkNoLeak(t, "tables in "+f)
	}
}
