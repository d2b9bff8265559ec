// Command sail-bench benchmarks sail on TPC-H, optionally side by side with DuckDB:
//
//	sail-bench tpch --sf 1 --runs 3 --data /tmp/tpch-sf1 --sail /tmp/sail --duckdb --out table.md
//
// It generates the data when --data holds none, starts `sail spark server` as a child
// process, registers the eight tables as temporary views, runs each query once to warm up
// and then --runs times, and prints a Markdown table of per-query min and median, the total
// and the server's peak RSS. Answers are checked against the expected CSVs of the shipped
// SF0.1 data, or else against DuckDB's answers. The DuckDB side is the separate module
// bench/duckdb (cgo): --duckdb runs its sail-bench-duckdb binary, found next to sail-bench,
// on PATH, or given with --duckdb-bin.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/sailgo/sail/bench/tpch"
	"github.com/sailgo/sail/bench/tpchbench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "sail-bench:", err)
		os.Exit(1)
	}
}

const usage = "usage: sail-bench tpch [flags] (sail-bench tpch --help for the flags)"

// config is a parsed command line.
type config struct {
	opts tpchbench.Options
	out  string
}

func parse(args []string, stderr io.Writer) (*config, error) {
	if len(args) == 0 || args[0] != "tpch" {
		return nil, errors.New(usage)
	}
	flags := pflag.NewFlagSet("sail-bench tpch", pflag.ContinueOnError)
	flags.SetOutput(stderr)
	c := &config{}
	o := &c.opts
	flags.Float64Var(&o.Scale, "sf", 1, "scale factor to generate when --data holds no data")
	flags.IntVar(&o.Runs, "runs", 3, "timed runs per query after one warm-up")
	flags.StringVar(&o.Data, "data", "", "folder of the table folders (generated when empty or missing)")
	flags.StringVar(&o.Material, "material", "", "shared/benchmarks/tpch: queries, expected answers (default: found from the working directory)")
	flags.StringVar(&o.Expected, "expected", "", "folder of qN.csv answers to check against (default: the shipped SF0.1 answers when --data is the shipped SF0.1 data)")
	flags.StringVar(&o.Sail, "sail", "sail", "sail binary")
	duck := flags.Bool("duckdb", false, "run DuckDB side by side (needs sail-bench-duckdb from bench/duckdb)")
	flags.StringVar(&o.DuckDB, "duckdb-bin", "", "sail-bench-duckdb binary (implies --duckdb)")
	queries := flags.String("queries", "", "comma-separated queries, e.g. q1,q5 (default: all 22)")
	flags.StringVar(&o.MemoryLimit, "memory-limit", "", "the server's --memory-limit, e.g. 4g (default: the server's)")
	flags.IntVar(&o.Threads, "threads", 0, "the server's GOMAXPROCS and DuckDB's threads (default: the number of CPUs)")
	flags.DurationVar(&o.Timeout, "timeout", 10*time.Minute, "limit of one run of one query")
	flags.StringVar(&c.out, "out", "", "also write the Markdown table to this file")
	if err := flags.Parse(args[1:]); err != nil {
		return nil, err
	}
	if flags.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", flags.Args())
	}
	if o.Data == "" {
		return nil, errors.New("--data is required")
	}
	if o.Runs < 1 {
		return nil, errors.New("--runs must be at least 1")
	}
	if o.Threads < 0 {
		return nil, errors.New("--threads must not be negative")
	}
	var err error
	if o.Queries, err = tpch.ParseQueries(*queries); err != nil {
		return nil, err
	}
	if *duck && o.DuckDB == "" {
		o.DuckDB = "sail-bench-duckdb"
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parse(args, stderr)
	if err != nil {
		return err
	}
	o := &c.opts
	if o.Material == "" {
		if o.Material, err = findMaterial(); err != nil {
			return err
		}
	}
	if o.Sail, err = findBinary(o.Sail); err != nil {
		return err
	}
	if o.DuckDB != "" {
		if o.DuckDB, err = findBinary(o.DuckDB); err != nil {
			return fmt.Errorf("%w (build it: cd bench/duckdb && go build -o <dir> ./cmd/sail-bench-duckdb)", err)
		}
	}
	o.Progress = stderr
	// The commit of the work tree when the run starts (the sail binary given may have been
	// built from another one).
	wd, _ := os.Getwd()
	commit := tpchbench.GitCommit(wd)
	rep, err := tpchbench.Run(ctx, *o)
	if rep == nil {
		return err
	}
	md := rep.Markdown(tpchbench.Meta{
		Machine: tpchbench.DescribeMachine(),
		Commit:  commit,
		Command: "sail-bench " + strings.Join(args, " "),
	})
	fmt.Fprint(stdout, md)
	if c.out != "" {
		if werr := os.WriteFile(c.out, []byte(md), 0o644); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// findBinary resolves a binary given as a path, as a name next to this executable, or on
// PATH.
func findBinary(name string) (string, error) {
	if strings.ContainsRune(name, filepath.Separator) {
		return filepath.Abs(name)
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

// findMaterial looks for shared/benchmarks/tpch from the working directory upwards (the
// repository sits next to shared/).
func findMaterial() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		for _, cand := range []string{filepath.Join(dir, "shared", "benchmarks", "tpch"), filepath.Join(dir, "..", "shared", "benchmarks", "tpch")} {
			if st, err := os.Stat(filepath.Join(cand, "queries")); err == nil && st.IsDir() {
				return filepath.Clean(cand), nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("shared/benchmarks/tpch not found: pass --material")
		}
		dir = parent
	}
}
