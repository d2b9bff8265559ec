package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sailgo/sail/bench/tpch"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// TestUpStatusDown builds sail, brings a cluster of two workers up, runs a query through
// the URL `up` printed, checks `status`, and brings it down again.
func TestUpStatusDown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sail and starts processes")
	}
	// sailctl runs as its own process, as users run it: each invocation starts an actor
	// remote, and one test process must not start several (protoactor replaces gRPC's
	// process-wide logger).
	dir := t.TempDir()
	bin, ctl := filepath.Join(dir, "sail"), filepath.Join(dir, "sailctl")
	if out, err := exec.Command("go", "build", "-o", dir+"/", "../sail", ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	state := filepath.Join(dir, "state")
	var out, errOut strings.Builder
	run := func(args []string, stdout, stderr *strings.Builder) int {
		cmd := exec.Command(ctl, args...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				return ee.ExitCode()
			}
			t.Fatal(err)
		}
		return 0
	}
	if code := run([]string{"up", "--workers", "2", "--slots", "2", "--port", "0", "--state-dir", state}, &out, &errOut); code != 0 {
		t.Fatalf("up: %d\n%s", code, errOut.String())
	}
	t.Cleanup(func() {
		if st, err := readState(state); err == nil {
			stopAll(st, time.Second)
		}
	})
	url := strings.TrimSpace(out.String())
	addr, ok := strings.CutPrefix(url, "sc://")
	if !ok || strings.HasSuffix(addr, ":0") {
		t.Fatalf("up printed %q", url)
	}
	// A second up finds the cluster running.
	if code := run([]string{"up", "--sail", bin, "--state-dir", state}, &strings.Builder{}, &strings.Builder{}); code == 0 {
		t.Fatal("a second up succeeded")
	}
	c, err := client.Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rel, err := c.SQL(ctx, "SELECT id % 3 AS k, count(*) AS n FROM range(0, 3000, 1, 3) GROUP BY 1 ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Collect(ctx, rel)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tpch.Rows(res.Batches)
	res.Release()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(flatten(rows), " "); got != "0 1000 1 1000 2 1000" {
		t.Fatalf("answer %q", got)
	}
	out.Reset()
	if code := run([]string{"status", "--state-dir", state}, &out, &errOut); code != 0 {
		t.Fatalf("status: %d\n%s", code, errOut.String())
	}
	for _, want := range []string{url, "w1", "w2", "2 workers, 4 slots, 0 tasks running"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("status lacks %q:\n%s", want, out.String())
		}
	}
	st, err := readState(state)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"down", "--state-dir", state}, &out, &errOut); code != 0 {
		t.Fatalf("down: %d\n%s", code, errOut.String())
	}
	for _, p := range append(st.Workers, st.Server) {
		if alive(p.PID) {
			t.Fatalf("%s (pid %d) still runs after down", p.ID, p.PID)
		}
	}
	if _, err := os.Stat(filepath.Join(state, stateFile)); !os.IsNotExist(err) {
		t.Fatalf("the state file is still there: %v", err)
	}
	if code := run([]string{"status", "--state-dir", state}, &out, &errOut); code == 0 {
		t.Fatal("status succeeded with no cluster up")
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
