package jobgraph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/transport/flight"
)

// localWorker is what a worker holds for the data plane: its store and its Flight server.
type localWorker struct {
	store  *flight.Store
	server *flight.Server
}

// localCluster runs the stages of a job by hand (no actors) on workers in this process,
// which exchange data only over Flight on localhost.
type localCluster struct {
	t       *testing.T
	workers []*localWorker
	client  *flight.Client
}

func newLocalCluster(t *testing.T, n int, opts flight.StoreOptions) *localCluster {
	t.Helper()
	c := &localCluster{t: t, client: flight.NewClient(nil)}
	t.Cleanup(c.client.Close)
	for range n {
		st := flight.NewStore(opts)
		srv, err := flight.NewServer(st, "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			srv.Stop()
			st.Close()
		})
		c.workers = append(c.workers, &localWorker{store: st, server: srv})
	}
	return c
}

// run runs a job graph: the stages in order, each stage's tasks at once, task i on worker
// (i + stage) mod n; then it fetches the result partitions over Flight, in order.
func (c *localCluster) run(ctx context.Context, job string, g *jobgraph.Graph) ([]arrow.RecordBatch, error) {
	where := map[int32][]string{} // stage -> worker address per map partition
	for _, s := range g.Stages {
		b, err := s.Bytes()
		if err != nil {
			return nil, err
		}
		locs := flight.Locations{}
		for _, in := range s.Inputs {
			locs[in] = where[in]
		}
		addrs := make([]string, s.Partitions)
		errs := make([]error, s.Partitions)
		var wg sync.WaitGroup
		for task := range s.Partitions {
			w := c.workers[(task+int(s.ID))%len(c.workers)]
			addrs[task] = w.server.Addr()
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[task] = c.runTask(ctx, job, b, task, w, locs, s.OutputPartitions)
			}()
		}
		wg.Wait()
		for task, err := range errs {
			if err != nil {
				return nil, fmt.Errorf("stage %d task %d: %w", s.ID, task, err)
			}
		}
		where[s.ID] = addrs
	}
	final := g.Final()
	st, err := c.client.FetchResults(ctx, job, final.ID, where[final.ID], g.Schema)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var out []arrow.RecordBatch
	for {
		b, err := st.Next()
		if physical.IsEOF(err) {
			break
		}
		if err != nil {
			return out, err
		}
		out = append(out, b)
	}
	return out, nil
}

// runTask does what a worker does with a task: decode the stage's plan from its bytes and
// run one partition with the worker's store and a fetcher over the inputs' locations.
func (c *localCluster) runTask(ctx context.Context, job string, planBytes []byte, task int, w *localWorker, locs flight.Locations, outputs int) error {
	fw := &flight.Worker{Store: w.store, Addr: w.server.Addr(), Client: c.client}
	stats, err := fw.Run(ctx, flight.Task{Job: job, Plan: planBytes, Partition: task, Inputs: locs})
	if err != nil {
		return err
	}
	if len(stats) != outputs {
		return fmt.Errorf("the task reported %d output partitions, want %d", len(stats), outputs)
	}
	return nil
}

func collectLocal(t *testing.T, p physical.ExecutionPlan) []arrow.RecordBatch {
	t.Helper()
	var out []arrow.RecordBatch
	if err := physical.Collect(context.Background(), p, func(b arrow.RecordBatch) error {
		out = append(out, b)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// rows renders batches as one string per row.
func rows(batches []arrow.RecordBatch) []string {
	var out []string
	for _, b := range batches {
		for i := range int(b.NumRows()) {
			cells := make([]string, b.NumCols())
			for c := range cells {
				col := b.Column(c)
				if col.IsNull(i) {
					cells[c] = "NULL"
				} else {
					cells[c] = col.ValueStr(i)
				}
			}
			out = append(out, strings.Join(cells, "|"))
		}
	}
	return out
}

func release(batches []arrow.RecordBatch) {
	for _, b := range batches {
		b.Release()
	}
}

// TestLocalCluster plans multi-stage queries, cuts them into stages, runs the stages on two
// workers exchanging data over Flight, and checks the answer equals local execution; with
// a store too small to hold anything, every output spills and the answer is the same.
func TestLocalCluster(t *testing.T) {
	queries := []struct {
		name, sql string
		// ordered: the rows come in the same order as locally; a right outer join's
		// unmatched rows come from whichever local probe partition finishes last.
		ordered bool
	}{
		{"join aggregate sort", "SELECT a.k, count(*), sum(b.v), max(a.v) FROM (SELECT id % 97 AS k, id AS v FROM range(0, 20000, 1, 3)) a " +
			"JOIN (SELECT id % 50 AS k, id * 2 AS v FROM range(0, 3000, 1, 2)) b ON a.k = b.k GROUP BY a.k ORDER BY a.k", true},
		{"grouped aggregate, no order", "SELECT id % 13 AS k, count(*), sum(id) FROM range(0, 50000, 1, 4) GROUP BY 1", true},
		{"global aggregate", "SELECT count(*), sum(id), min(id) FROM range(0, 50000, 1, 4)", true},
		{"right outer join", "SELECT a.id, b.id FROM range(0, 100, 1, 2) a RIGHT JOIN range(50, 300, 1, 3) b ON a.id = b.id", false},
		{"strings and repartition", "SELECT concat('k', CAST(id % 31 AS STRING)) AS s, id FROM range(0, 5000, 1, 3) DISTRIBUTE BY s", true},
	}
	e := newEngine(t, 4)
	dir := tpchDir()
	if dir != "" {
		e.tpchViews(dir)
		queries = append(queries, struct {
			name, sql string
			ordered   bool
		}{"tpch q3", readQuery(t, dir, "q3"), true})
	}
	for _, mode := range []struct {
		name string
		opts flight.StoreOptions
	}{{"memory", flight.StoreOptions{}}, {"spilled", flight.StoreOptions{MemoryLimit: -1, Dir: t.TempDir()}}} {
		c := newLocalCluster(t, 2, mode.opts)
		for i, q := range queries {
			t.Run(mode.name+"/"+q.name, func(t *testing.T) {
				p := e.plan(t, q.sql)
				want := collectLocal(t, p)
				defer release(want)
				g, err := jobgraph.Cut(p)
				if err != nil {
					t.Fatal(err)
				}
				if len(g.Stages) < 2 {
					t.Fatalf("a single stage:\n%s", g)
				}
				job := fmt.Sprintf("job-%s-%d", mode.name, i)
				defer func() {
					for _, w := range c.workers {
						w.store.RemoveJob(job)
					}
				}()
				got, err := c.run(context.Background(), job, g)
				defer release(got)
				if err != nil {
					t.Fatal(err)
				}
				wr, gr := rows(want), rows(got)
				if len(wr) == 0 {
					t.Fatal("the query returns no rows")
				}
				if !q.ordered {
					slices.Sort(wr)
					slices.Sort(gr)
				}
				if !slices.Equal(wr, gr) {
					t.Errorf("%d rows, want %d\n got %.20q\nwant %.20q\n%s", len(gr), len(wr), gr, wr, g)
				}
				var spilled int64
				for _, w := range c.workers {
					spilled += w.store.SpilledBytes()
				}
				if mode.opts.MemoryLimit < 0 && spilled == 0 {
					t.Error("nothing spilled")
				}
				for _, w := range c.workers {
					w.store.RemoveJob(job)
					if n := w.store.MemoryUsed(); n != 0 {
						t.Errorf("%d bytes held after the job was removed", n)
					}
					if n := w.store.SpilledBytes(); n != 0 {
						t.Errorf("%d spilled bytes kept after the job was removed", n)
					}
				}
			})
		}
	}
}

// TestLocalClusterTPCH runs all of TPC-H at SF0.1 on two local workers and compares each
// answer with local execution's, row for row: exchanges give rows in the same order in
// both (source partition order), so even the sums of doubles agree exactly.
func TestLocalClusterTPCH(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := tpchDir()
	if dir == "" {
		t.Skip("no TPC-H data")
	}
	e := newEngine(t, 4)
	e.tpchViews(dir)
	c := newLocalCluster(t, 2, flight.StoreOptions{})
	for i := 1; i <= 22; i++ {
		q := fmt.Sprintf("q%d", i)
		t.Run(q, func(t *testing.T) {
			p := e.plan(t, readQuery(t, dir, q))
			want := collectLocal(t, p)
			defer release(want)
			g, err := jobgraph.Cut(p)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				for _, w := range c.workers {
					w.store.RemoveJob(q)
				}
			}()
			got, err := c.run(context.Background(), q, g)
			defer release(got)
			if err != nil {
				t.Fatal(err)
			}
			wr, gr := rows(want), rows(got)
			if len(wr) == 0 || !slices.Equal(wr, gr) {
				t.Errorf("%d rows, want %d\n%s", len(gr), len(wr), g)
			}
		})
	}
}
