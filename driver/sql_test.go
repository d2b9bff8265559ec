package driver_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/planner"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/transport/flight"
)

// planSQL plans a query as sessions/executor does (lower, resolve, optimize, plan) with
// `partitions` shuffle partitions and splits.
func planSQL(t *testing.T, sql string, partitions int) physical.ExecutionPlan {
	t.Helper()
	reg, err := sqlconf.NewRegistry(sqlconf.WithSessionTimeZone("UTC"))
	if err != nil {
		t.Fatal(err)
	}
	s := sessions.NewSession("user", "session", "server", sqlconf.New(reg), nil)
	t.Cleanup(s.Close)
	opts := analyzer.Options{ANSI: true, Catalog: s.Catalog, DefaultSource: "parquet"}
	low := connect.Lowering{Parser: connect.ParserOptions(s.Conf), Analysis: &opts, TimeZone: time.UTC}
	n, err := low.Relation(&connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: sql}}})
	if err == nil {
		n, err = analyzer.Resolve(n, opts)
	}
	if err == nil {
		n, err = optimizer.Optimize(n)
	}
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	p, err := planner.Plan(n, planner.Options{ANSI: true, TimeZone: time.UTC, DefaultSplits: partitions,
		ShufflePartitions: partitions, Context: context.Background()})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return p
}

func rowStrings(t *testing.T, next func() (arrow.RecordBatch, error)) []string {
	t.Helper()
	var out []string
	for {
		b, err := next()
		if physical.IsEOF(err) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, batchRows(b)...)
		b.Release()
	}
}

// TestSQLJobsOverRemote runs multi-stage SQL queries on a cluster of two worker processes:
// the plan is cut into stages, the driver schedules them over protoactor remote, workers
// exchange shuffle data over Flight, and the driver-side fetch of the final stage's outputs
// answers what local execution answers.
func TestSQLJobsOverRemote(t *testing.T) {
	c, ctx := startCluster(t, "flight", "flight")
	runSQLJobs(t, ctx, c, sqlQueries)
}

// TestSQLJobWithKilledWorker kills one worker process (SIGKILL) as soon as it starts a
// final-stage task: the job still answers what local execution answers, its lost map
// outputs recomputed on the surviving worker.
func TestSQLJobWithKilledWorker(t *testing.T) {
	c, ctx := startCluster(t, "flight", "flight-die-final")
	runSQLJobs(t, ctx, c, sqlQueries[:1])
	if got := len(c.status(t).GetWorkers()); got != 1 {
		t.Fatalf("%d workers registered after the kill", got)
	}
	to, runs := c.sent(t, "sail.control.RunTask")
	recomputed := 0
	for i, run := range runs {
		if !run.GetFinal() && run.GetTask().GetAttempt() > 0 {
			if to[i] != "w1" {
				t.Fatalf("map output recomputed on %s", to[i])
			}
			recomputed++
		}
	}
	if recomputed == 0 {
		t.Fatalf("no map output recomputed:\n%s", c.recording.String())
	}
	replayRecording(t, c)
}

type sqlQuery struct {
	sql     string
	ordered bool
}

var sqlQueries = []sqlQuery{
	{"SELECT id % 13 AS k, count(*), sum(id) FROM range(0, 20000, 1, 3) GROUP BY 1", false},
	{"SELECT a.k, count(*), max(b.v) FROM (SELECT id % 17 AS k FROM range(0, 3000, 1, 2)) a " +
		"JOIN (SELECT id % 23 AS k, id AS v FROM range(0, 500, 1, 3)) b ON a.k = b.k GROUP BY a.k ORDER BY a.k", true},
	{"SELECT count(*), min(id), max(id) FROM range(0, 10000, 1, 4)", true},
	// A semi join whose left side is the smaller one, so the planner may hold it in the hash
	// table (a right semi join): every probe partition's matches count.
	{"SELECT k FROM (SELECT id % 5 AS k FROM range(0, 10, 1, 2)) WHERE k IN (SELECT id % 7 FROM range(0, 3000, 1, 3))", false},
	{"SELECT k FROM (SELECT id % 11 AS k FROM range(0, 10, 1, 2)) WHERE k NOT IN (SELECT id % 7 FROM range(0, 3000, 1, 3))", false},
}

func runSQLJobs(t *testing.T, ctx context.Context, c *cluster, queries []sqlQuery) {
	client := flight.NewClient(nil)
	defer client.Close()
	for i, q := range queries {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			p := planSQL(t, q.sql, 3)
			var want []string
			if err := physical.Collect(ctx, p, func(b arrow.RecordBatch) error {
				want = append(want, batchRows(b)...)
				b.Release()
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			g, err := jobgraph.Cut(p)
			if err != nil {
				t.Fatal(err)
			}
			stages, err := driver.StagesOf(g)
			if err != nil {
				t.Fatal(err)
			}
			job := fmt.Sprintf("sql-%d", i)
			fin, err := driver.Submit(ctx, c.node.System, c.pid, job, stages)
			if err != nil {
				t.Fatal(err)
			}
			if fin.GetOutcome() != controlpb.JobFinished_SUCCEEDED {
				t.Fatalf("job answer: %v", fin)
			}
			var got []string
			for _, loc := range fin.GetResults() {
				_, st, err := client.FetchResult(ctx, loc.GetFlightAddress(), job, g.Final().ID, int(loc.GetPartition()))
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, rowStrings(t, st.Next)...)
				st.Close()
			}
			c.node.System.Root.Send(c.pid, &controlpb.ReleaseJob{JobId: job})
			if !q.ordered {
				slices.Sort(got)
				slices.Sort(want)
			}
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Fatalf("cluster answer %v\nlocal answer %v", got, want)
			}
		})
	}
}

// batchRows renders a batch as one string per row.
func batchRows(b arrow.RecordBatch) []string {
	var out []string
	for i := range int(b.NumRows()) {
		cells := make([]string, b.NumCols())
		for c := range cells {
			if col := b.Column(c); col.IsNull(i) {
				cells[c] = "NULL"
			} else {
				cells[c] = col.ValueStr(i)
			}
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}
