package jobgraph_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/planner"
	"github.com/sailgo/sail/physical/source"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// engine plans SQL as sessions/executor does: lower, resolve, optimize, plan.
type engine struct {
	t    *testing.T
	s    *sessions.Session
	opts analyzer.Options
	// partitions is spark.sql.shuffle.partitions and the default split count.
	partitions int
}

func newEngine(t *testing.T, partitions int) *engine {
	t.Helper()
	reg, err := sqlconf.NewRegistry(sqlconf.WithSessionTimeZone("UTC"))
	if err != nil {
		t.Fatal(err)
	}
	s := sessions.NewSession("user", "session", "server", sqlconf.New(reg), nil)
	t.Cleanup(s.Close)
	opts := analyzer.Options{CaseSensitive: false, ANSI: true, Catalog: s.Catalog, DefaultSource: "parquet",
		OpenDataSource: func(format string, paths []string, schema *types.StructType, options map[string]string) (*types.StructType, any, error) {
			tb, err := source.Open(format, paths, schema, options)
			if err != nil {
				return nil, nil, err
			}
			return tb.Schema(), tb, nil
		}}
	return &engine{t: t, s: s, opts: opts, partitions: partitions}
}

// view registers a temporary view over a directory of Parquet files.
func (e *engine) view(name, dir string) {
	e.t.Helper()
	n := &plan.DataSourceRead{Format: "parquet", Paths: []string{dir}}
	if err := e.s.Catalog.CreateTempView(&catalog.View{Name: name, Plan: n}, false, true); err != nil {
		e.t.Fatal(err)
	}
}

func (e *engine) plan(t *testing.T, sql string) physical.ExecutionPlan {
	t.Helper()
	low := connect.Lowering{Parser: connect.ParserOptions(e.s.Conf), Analysis: &e.opts, TimeZone: time.UTC}
	n, err := low.Relation(&connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: sql}}})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if n, err = analyzer.Resolve(n, e.opts); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if n, err = optimizer.Optimize(n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	p, err := planner.Plan(n, planner.Options{ANSI: true, TimeZone: time.UTC, DefaultSplits: e.partitions,
		ShufflePartitions: e.partitions, Context: context.Background()})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return p
}

// tpchDir is the shipped TPC-H benchmark (queries and SF0.1 data), or "" when absent.
func tpchDir() string {
	dir := filepath.Join("..", "..", "..", "shared", "benchmarks", "tpch")
	if _, err := os.Stat(filepath.Join(dir, "data", "sf0.1", "lineitem")); err != nil {
		return ""
	}
	return dir
}

var tpchTables = []string{"customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"}

func (e *engine) tpchViews(dir string) {
	for _, t := range tpchTables {
		e.view(t, filepath.Join(dir, "data", "sf0.1", t))
	}
}

func readQuery(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "queries", name+".sql"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
