// Package tpchbench is sail-bench's TPC-H benchmark: it generates the data when needed,
// starts a sail server (and optionally the DuckDB child of bench/duckdb), registers the
// tables, warms each query up once, times N runs per query (alternating sail and DuckDB),
// checks the answers and renders a Markdown table.
package tpchbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/parquet/file"

	"github.com/sailgo/sail/bench/tpch"
	"github.com/sailgo/sail/bench/tpchgen"
	"github.com/sailgo/sail/cmd/conformance/runner"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// Options configure one benchmark run.
type Options struct {
	Scale float64 // scale factor to generate when Data holds no data
	Runs  int     // timed runs per query
	// Data is the folder of the table folders; generated at Scale when it has none.
	Data string
	// Material is shared/benchmarks/tpch: queries/, expected/ and the shipped data/.
	Material string
	// Expected is the folder of qN.csv answers to check against; empty picks
	// Material/expected/sf0.1 when Data is the shipped SF0.1 data.
	Expected    string
	Sail        string // sail binary
	DuckDB      string // sail-bench-duckdb binary; empty: no DuckDB side
	Queries     []string
	MemoryLimit string // --memory-limit of the server; empty: its default
	Threads     int    // GOMAXPROCS of the server and DuckDB's threads; 0: this machine's CPUs
	Timeout     time.Duration
	Progress    io.Writer
}

// QueryResult is the outcome of one query.
type QueryResult struct {
	Name     string
	Sail     []time.Duration // timed runs
	DuckDB   []time.Duration
	SailErr  string
	DuckErr  string
	Check    string // "ok", "expected", "duckdb" verdicts or the first difference
	CheckOK  bool
	SailPeak int64 // server's peak RSS during this query (bytes), 0 when unknown
}

// Report is a whole run.
type Report struct {
	Options        Options
	Started        time.Time
	Generated      time.Duration // data generation time, 0 when the data was there
	Queries        []QueryResult
	SailPeak       int64 // the server's peak RSS over the whole run
	DuckPeak       int64
	DuckVersion    string
	CheckedAgainst string
	// LoadAverage is the one-minute load average at the start and at the end (the machine
	// may be shared), empty when unknown.
	LoadAverage [2]string
}

// Run runs the benchmark.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.Runs < 1 {
		return nil, errors.New("--runs must be at least 1")
	}
	if o.Threads <= 0 {
		o.Threads = runtime.NumCPU()
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	if len(o.Queries) == 0 {
		o.Queries = tpch.AllQueries()
	}
	progress := o.Progress
	if progress == nil {
		progress = io.Discard
	}
	data, err := filepath.Abs(o.Data)
	if err != nil {
		return nil, err
	}
	o.Data = data
	rep := &Report{Options: o, Started: time.Now()}
	rep.LoadAverage[0] = loadAverage()
	defer func() { rep.LoadAverage[1] = loadAverage() }()
	gen, err := ensureData(ctx, data, o.Scale, progress)
	if err != nil {
		return nil, err
	}
	rep.Generated = gen
	if sf, ok := dataScale(data); ok {
		rep.Options.Scale = sf
	}
	expected := o.Expected
	if expected == "" && o.Material != "" && samePath(data, filepath.Join(o.Material, "data", "sf0.1")) {
		expected = filepath.Join(o.Material, "expected", "sf0.1")
	}
	switch {
	case expected != "":
		rep.CheckedAgainst = "expected answers in " + expected
	case o.DuckDB != "":
		rep.CheckedAgainst = "DuckDB's answers on the same files"
	default:
		rep.CheckedAgainst = "nothing (no expected answers, no DuckDB)"
	}

	// The server takes its parallelism from GOMAXPROCS, which it inherits.
	if err := os.Setenv("GOMAXPROCS", strconv.Itoa(o.Threads)); err != nil {
		return nil, err
	}
	sail := &sailSide{binary: o.Sail, memoryLimit: o.MemoryLimit, data: data}
	if err := sail.start(ctx); err != nil {
		return nil, err
	}
	defer sail.stop()
	var duck *duckChild
	if o.DuckDB != "" {
		duck, err = startDuck(o.DuckDB)
		if err != nil {
			return nil, err
		}
		defer duck.stop()
		resp, err := duck.call(duckRequest{Op: "open", Data: data, Tables: tpch.Tables, Threads: o.Threads})
		if err != nil {
			return nil, err
		}
		rep.DuckVersion = resp.Version
	}

	for _, name := range o.Queries {
		query, err := tpch.ReadQuery(o.Material, name)
		if err != nil {
			return nil, err
		}
		qr := QueryResult{Name: name}
		resettable := resetPeakRSS(sail.server.PID())
		// Warm-up, keeping the answers.
		got, serr := sail.run(ctx, query, o.Timeout, true)
		if serr != nil {
			qr.SailErr = firstLine(serr.Error())
		}
		var duckRows [][]string
		if duck != nil {
			resp, err := duck.call(duckRequest{Op: "query", SQL: query, Rows: true})
			if err != nil {
				qr.DuckErr = firstLine(err.Error())
			} else {
				duckRows = resp.Rows
			}
		}
		for i := 0; i < o.Runs; i++ {
			if qr.SailErr == "" {
				start := time.Now()
				if _, err := sail.run(ctx, query, o.Timeout, false); err != nil {
					qr.SailErr = firstLine(err.Error())
				} else {
					qr.Sail = append(qr.Sail, time.Since(start))
				}
			}
			if duck != nil && qr.DuckErr == "" {
				resp, err := duck.call(duckRequest{Op: "query", SQL: query})
				if err != nil {
					qr.DuckErr = firstLine(err.Error())
				} else {
					qr.DuckDB = append(qr.DuckDB, time.Duration(resp.Seconds*float64(time.Second)))
				}
			}
		}
		if sail.server != nil && resettable {
			qr.SailPeak, _ = peakRSS(sail.server.PID())
		}
		ordered := runner.HasTopLevelOrderBy(query)
		switch {
		case qr.SailErr != "":
			qr.Check = "sail failed"
		case expected != "":
			want, err := tpch.ReadCSV(filepath.Join(expected, name+".csv"))
			if err != nil {
				return nil, err
			}
			qr.CheckOK, qr.Check = verdict(tpch.Compare(ordered, want, got))
			if duck != nil && qr.DuckErr == "" {
				// DuckDB's answers against the same expected ones: a check of the check.
				if ok, detail := verdict(tpch.Compare(ordered, want, duckRows)); !ok {
					qr.DuckErr = "answer differs from the expected one: " + detail
				}
			}
		case duck != nil && qr.DuckErr == "":
			qr.CheckOK, qr.Check = verdict(tpch.Compare(ordered, duckRows, got))
		default:
			qr.Check = "not checked"
		}
		rep.Queries = append(rep.Queries, qr)
		fmt.Fprintf(progress, "%-4s sail %s duckdb %s  %s%s\n", name, durs(qr.Sail), durs(qr.DuckDB), qr.Check, errNote(qr))
		if sail.server == nil || sail.server.Exited() {
			fmt.Fprintf(progress, "server died; restarting\n")
			sail.stop()
			if err := sail.start(ctx); err != nil {
				return rep, err
			}
		}
		if p, err := peakRSS(sail.server.PID()); err == nil {
			rep.SailPeak = max(rep.SailPeak, p, qr.SailPeak)
		}
		if duck != nil {
			if p, err := peakRSS(duck.pid()); err == nil {
				rep.DuckPeak = max(rep.DuckPeak, p)
			}
		}
	}
	return rep, nil
}

func verdict(m tpch.Mismatch, detail string) (bool, string) {
	if m == tpch.Match {
		return true, "ok"
	}
	return false, detail
}

func errNote(q QueryResult) string {
	var s string
	if q.SailErr != "" {
		s += " sail error: " + q.SailErr
	}
	if q.DuckErr != "" {
		s += " duckdb error: " + q.DuckErr
	}
	return s
}

func durs(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Round(time.Millisecond).String()
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func samePath(a, b string) bool {
	a, err1 := filepath.EvalSymlinks(a)
	b, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && a == b
}

// markerFile records the scale factor sail-bench generated a folder at.
const markerFile = ".sail-bench-scale"

// ensureData generates the tables into dir unless it already holds them: a folder with all
// eight table folders is used as it is (the shipped dbgen data has no marker), one this tool
// generated at another scale factor is an error.
func ensureData(ctx context.Context, dir string, scale float64, progress io.Writer) (time.Duration, error) {
	want := strconv.FormatFloat(scale, 'g', -1, 64)
	if b, err := os.ReadFile(filepath.Join(dir, markerFile)); err == nil {
		if got := strings.TrimSpace(string(b)); got != want {
			return 0, fmt.Errorf("%s holds data generated at scale factor %s, not %s", dir, got, want)
		}
		return 0, nil
	}
	if hasTables(dir) {
		return 0, nil
	}
	if scale <= 0 {
		return 0, fmt.Errorf("scale factor %v: want a positive number", scale)
	}
	fmt.Fprintf(progress, "generating TPC-H SF%s into %s\n", want, dir)
	start := time.Now()
	g, err := tpchgen.New(tpchgen.Config{Scale: scale})
	if err != nil {
		return 0, err
	}
	if _, err := g.Write(ctx, dir, tpchgen.WriteOptions{}); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, markerFile), []byte(want+"\n"), 0o644); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// dataScale is the scale factor of the tables in dir: the marker this tool writes, else the
// supplier table's row count (10,000 per scale factor), so a report never labels data by the
// --sf default when the folder holds another scale.
func dataScale(dir string) (float64, bool) {
	if b, err := os.ReadFile(filepath.Join(dir, markerFile)); err == nil {
		if sf, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64); err == nil {
			return sf, true
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "supplier", "*.parquet"))
	var rows int64
	for _, f := range files {
		r, err := file.OpenParquetFile(f, false)
		if err != nil {
			return 0, false
		}
		rows += r.NumRows()
		r.Close()
	}
	if rows == 0 {
		return 0, false
	}
	return float64(rows) / 10000, true
}

// hasTables reports whether dir has a folder with Parquet files for every table.
func hasTables(dir string) bool {
	for _, t := range tpch.Tables {
		files, _ := filepath.Glob(filepath.Join(dir, t, "*.parquet"))
		if len(files) == 0 {
			return false
		}
	}
	return true
}

// sailSide is the server and the session on it.
type sailSide struct {
	binary      string
	memoryLimit string
	data        string
	server      *runner.Server
	client      *client.Client
}

func (s *sailSide) start(ctx context.Context) error {
	var args []string
	if s.memoryLimit != "" {
		args = append(args, "--memory-limit", s.memoryLimit)
	}
	srv, err := runner.StartServer(ctx, s.binary, args...)
	if err != nil {
		return err
	}
	s.server = srv
	c, err := client.Dial(srv.Addr)
	if err != nil {
		return err
	}
	s.client = c
	for _, t := range tpch.Tables {
		if err := tpch.CreateParquetView(ctx, c, t, filepath.Join(s.data, t)); err != nil {
			return fmt.Errorf("registering %s: %w", t, err)
		}
	}
	return nil
}

func (s *sailSide) stop() {
	if s.client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = s.client.ReleaseSession(ctx)
		cancel()
		_ = s.client.Close()
		s.client = nil
	}
	if s.server != nil {
		s.server.Stop()
		s.server = nil
	}
}

// run is spark.sql(query).collect(); the rows come back rendered when keep is set.
func (s *sailSide) run(ctx context.Context, query string, timeout time.Duration, keep bool) ([][]string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rel, err := s.client.SQL(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := s.client.Collect(ctx, rel)
	if err != nil {
		return nil, err
	}
	defer res.Release()
	if !keep {
		return nil, nil
	}
	return tpch.Rows(res.Batches)
}

// stats are the minimum and median of some runs.
func stats(ds []time.Duration) (minimum, median time.Duration, ok bool) {
	if len(ds) == 0 {
		return 0, 0, false
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[0], s[len(s)/2], true
	}
	return s[0], (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}
