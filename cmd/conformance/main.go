package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/sailgo/sail/cmd/conformance/golden"
	"github.com/sailgo/sail/cmd/conformance/runner"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := runner.ModuleRoot(".")
	if err != nil {
		return err
	}
	flags := pflag.NewFlagSet("conformance", pflag.ContinueOnError)
	shared := flags.String("shared", filepath.Join(root, "..", "shared"), "the shared material (conformance/ and benchmarks/ inside)")
	remote := flags.String("remote", "", "use a running server (sc://host:port or host:port) instead of starting sail")
	binary := flags.String("sail", "", "sail binary to start (default: build ./cmd/sail)")
	race := flags.Bool("race", false, "build sail with the race detector")
	timeout := flags.Duration("timeout", runner.DefaultTimeout, "per-statement timeout")
	parallel := flags.Int("parallel", runtime.NumCPU(), "files run at once, each on its own server")
	files := flags.String("files", "", "comma-separated patterns of input files to run (path.Match on names like postgreSQL/int8.sql); the scoreboard is not rewritten")
	tpch := flags.Bool("tpch", true, "also run the TPC-H queries (full runs only)")
	tpchQueries := flags.String("tpch-queries", "", "run only these TPC-H queries (comma-separated, e.g. q1,q3) and no golden files; the scoreboard is not rewritten")
	out := flags.String("out", filepath.Join(root, "testdata", "conformance"), "where the scoreboard is written")
	details := flags.String("details", "", "write every statement's verdict with its query as JSON to this file")
	check := flags.Bool("check", false, "compare with the committed scoreboard instead of rewriting it; exit 1 on a regression")
	quiet := flags.Bool("quiet", false, "no per-file progress")
	if err := flags.Parse(os.Args[1:]); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	corpus := filepath.Join(*shared, "conformance", "spark-sql-tests")
	cfg := runner.Config{Root: corpus, Timeout: *timeout, Parallel: *parallel,
		Remote: strings.TrimPrefix(*remote, "sc://")}
	if i := strings.IndexByte(cfg.Remote, '/'); i >= 0 {
		cfg.Remote = cfg.Remote[:i]
	}
	if !*quiet {
		cfg.Progress = os.Stderr
	}
	if *files != "" {
		if cfg.Files, err = selectFiles(corpus, *files); err != nil {
			return err
		}
	}
	if cfg.Remote == "" {
		cfg.Binary = *binary
		if cfg.Binary == "" {
			bin, cleanup, err := runner.BuildSail(ctx, root, *race)
			if err != nil {
				return err
			}
			defer cleanup()
			cfg.Binary = bin
		}
	}

	started := time.Now()
	if *tpchQueries != "" {
		cfg.TPCHQueries = strings.Split(*tpchQueries, ",")
		res, err := runner.RunTPCH(ctx, cfg, filepath.Join(*shared, "benchmarks", "tpch"))
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "TPC-H %d of %d (%s)\n", res.Pass, len(res.Queries), time.Since(started).Round(time.Millisecond))
		return nil
	}
	results, err := runner.Run(ctx, cfg)
	if err != nil {
		return err
	}
	var tpchResult *runner.TPCHResult
	if *tpch && cfg.Files == nil {
		if tpchResult, err = runner.RunTPCH(ctx, cfg, filepath.Join(*shared, "benchmarks", "tpch")); err != nil {
			return err
		}
	}
	sb := runner.NewScoreboard(results, tpchResult)
	fmt.Fprintf(os.Stderr, "%d of %d statements pass", sb.Totals[runner.Pass], sb.Statements)
	if tpchResult != nil {
		fmt.Fprintf(os.Stderr, "; TPC-H %d of %d", tpchResult.Pass, len(tpchResult.Queries))
	}
	fmt.Fprintf(os.Stderr, " (%s)\n", time.Since(started).Round(time.Millisecond))
	races := 0
	for _, f := range results {
		for _, r := range f.Races {
			races++
			fmt.Fprintf(os.Stderr, "%s: sail reported a data race:\n%s\n", f.Name, r)
		}
	}
	if *details != "" {
		if err := writeDetails(*details, corpus, results); err != nil {
			return err
		}
	}
	switch {
	case *check:
		committed, err := runner.ReadScoreboard(filepath.Join(*out, "scoreboard.json"))
		if err != nil {
			return err
		}
		for _, imp := range runner.Improvements(committed, sb) {
			fmt.Fprintln(os.Stderr, "improved:", imp, "(raise the scoreboard with", runner.RegenerateCommand+")")
		}
		if races > 0 {
			return fmt.Errorf("sail reported %d data races", races)
		}
		if regs := runner.Regressions(committed, sb); len(regs) > 0 {
			return fmt.Errorf("regressions against the committed scoreboard:\n  %s", strings.Join(regs, "\n  "))
		}
	case cfg.Files != nil:
		fmt.Print(sb.Markdown())
	default:
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		if err := sb.WriteJSON(filepath.Join(*out, "scoreboard.json")); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, "scoreboard.md"), []byte(sb.Markdown()), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "wrote", filepath.Join(*out, "scoreboard.md"), "and scoreboard.json")
	}
	return nil
}

// selectFiles returns the input names matching any of the comma-separated patterns.
func selectFiles(corpus, patterns string) ([]string, error) {
	all, err := golden.List(corpus)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, n := range all {
		for _, p := range strings.Split(patterns, ",") {
			if ok, err := path.Match(strings.TrimSpace(p), n); err != nil {
				return nil, err
			} else if ok {
				names = append(names, n)
				break
			}
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no input file matches %q", patterns)
	}
	return names, nil
}

// writeDetails writes each statement's verdict next to its query, for reading failures.
func writeDetails(path, corpus string, results []runner.FileResult) error {
	type detail struct {
		File  string `json:"file"`
		Query string `json:"query"`
		runner.StatementResult
	}
	var all []detail
	for _, f := range results {
		blocks, err := golden.ReadResults(corpus, f.Name)
		if err != nil {
			continue
		}
		byLine := map[int]string{}
		for _, b := range blocks {
			byLine[b.Line] = b.Query
		}
		for _, s := range f.Statements {
			all = append(all, detail{File: f.Name, Query: byLine[s.Line], StatementResult: s})
		}
	}
	b, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
