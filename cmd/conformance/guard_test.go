package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/sailgo/sail/cmd/conformance/runner"
)

// TestScoreboardHolds is CI's regression guard: it builds sail, replays every golden file
// and the TPC-H queries, and fails when a file passes fewer statements than the committed
// scoreboard (testdata/conformance/scoreboard.json) says. It skips without ../shared.
func TestScoreboardHolds(t *testing.T) {
	if testing.Short() {
		t.Skip("the conformance run is not short")
	}
	root, err := runner.ModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(root, "..", "shared")
	corpus := filepath.Join(shared, "conformance", "spark-sql-tests")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("Spark's golden files are not at %s (../shared beside the project)", corpus)
	}
	committed, err := runner.ReadScoreboard(filepath.Join(root, "testdata", "conformance", "scoreboard.json"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	// Under -race the server runs under the race detector too; its build reuses the
	// instrumented packages the test build made.
	bin, cleanup, err := runner.BuildSail(ctx, root, raceEnabled)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	cfg := runner.Config{Root: corpus, Binary: bin, Parallel: runtime.NumCPU()}
	results, err := runner.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// TPC-H is not replayed here: its queries now run (for minutes under the race
	// detector), and `go run ./cmd/conformance` measures them for the scoreboard.
	now := runner.NewScoreboard(results, committed.TPCH)
	t.Logf("%d of %d statements pass", now.Totals[runner.Pass], now.Statements)
	if now.Statements != committed.Statements {
		t.Errorf("%d statements ran, the scoreboard counts %d: regenerate it with %s", now.Statements, committed.Statements, runner.RegenerateCommand)
	}
	for _, imp := range runner.Improvements(committed, now) {
		t.Logf("improved: %s (raise the scoreboard with %s)", imp, runner.RegenerateCommand)
	}
	for _, r := range runner.Regressions(committed, now) {
		t.Errorf("regression: %s", r)
	}
	for _, f := range results {
		for _, r := range f.Races {
			t.Errorf("%s: sail reported a data race:\n%s", f.Name, r)
		}
	}
	if n := now.Totals[runner.Crash]; n > 0 {
		t.Logf("%d statements crashed the server", n)
	}
}
