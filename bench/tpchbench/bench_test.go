package tpchbench

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sailgo/sail/bench/tpch"
)

func TestStats(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	cases := []struct {
		in       []time.Duration
		min, med time.Duration
		ok       bool
	}{
		{nil, 0, 0, false},
		{ms(5), 5 * time.Millisecond, 5 * time.Millisecond, true},
		{ms(9, 3, 5), 3 * time.Millisecond, 5 * time.Millisecond, true},
		{ms(8, 2, 4, 6), 2 * time.Millisecond, 5 * time.Millisecond, true},
	}
	for _, c := range cases {
		in := append([]time.Duration(nil), c.in...)
		mn, md, ok := stats(in)
		if mn != c.min || md != c.med || ok != c.ok {
			t.Errorf("stats(%v) = %v, %v, %v; want %v, %v, %v", c.in, mn, md, ok, c.min, c.med, c.ok)
		}
		for i := range in {
			if in[i] != c.in[i] {
				t.Errorf("stats reordered its input: %v", in)
			}
		}
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\tsail\nVmPeak:\t 2000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n"
	n, err := parseStatus(bufio.NewScanner(strings.NewReader(status)), "VmHWM:")
	if err != nil || n != 123456*1024 {
		t.Errorf("VmHWM = %d, %v", n, err)
	}
	if _, err := parseStatus(bufio.NewScanner(strings.NewReader("Name:\tx\n")), "VmHWM:"); err == nil {
		t.Error("missing line: no error")
	}
	if _, err := parseStatus(bufio.NewScanner(strings.NewReader("VmHWM:\t12 MB\n")), "VmHWM:"); err == nil {
		t.Error("unknown unit: no error")
	}
	if p, err := peakRSS(os.Getpid()); err == nil && p <= 0 {
		t.Errorf("peakRSS of this process = %d", p)
	}
}

func TestEnsureData(t *testing.T) {
	dir := t.TempDir()
	// A folder with every table is used as it is, with or without a marker.
	for _, tb := range tpch.Tables {
		if err := os.MkdirAll(filepath.Join(dir, tb), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tb, "part-0.parquet"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !hasTables(dir) {
		t.Fatal("hasTables = false")
	}
	if d, err := ensureData(context.Background(), dir, 1, io.Discard); err != nil || d != 0 {
		t.Errorf("ensureData on existing tables = %v, %v", d, err)
	}
	// Data this tool generated at another scale factor is refused.
	if err := os.WriteFile(filepath.Join(dir, markerFile), []byte("0.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ensureData(context.Background(), dir, 1, io.Discard); err == nil || !strings.Contains(err.Error(), "0.5") {
		t.Errorf("ensureData at another scale: %v", err)
	}
	if _, err := ensureData(context.Background(), dir, 0.5, io.Discard); err != nil {
		t.Errorf("ensureData at the marker's scale: %v", err)
	}
	os.Remove(filepath.Join(dir, "region", "part-0.parquet"))
	os.Remove(filepath.Join(dir, markerFile))
	if hasTables(dir) {
		t.Error("hasTables with region missing = true")
	}
	if _, err := ensureData(context.Background(), dir, 0, io.Discard); err == nil {
		t.Error("scale 0: no error")
	}
}

func TestGenerateTinyScale(t *testing.T) {
	if testing.Short() {
		t.Skip("writes Parquet")
	}
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := ensureData(context.Background(), dir, 0.001, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !hasTables(dir) {
		t.Error("tables missing after generation")
	}
	if b, err := os.ReadFile(filepath.Join(dir, markerFile)); err != nil || string(b) != "0.001\n" {
		t.Errorf("marker = %q, %v", b, err)
	}
	// Without the marker the scale comes from the supplier table's rows (10 at SF0.001).
	if err := os.Remove(filepath.Join(dir, markerFile)); err != nil {
		t.Fatal(err)
	}
	if sf, ok := dataScale(dir); !ok || sf != 0.001 {
		t.Errorf("dataScale without marker = %v, %v; want 0.001", sf, ok)
	}
}

func TestMarkdown(t *testing.T) {
	s := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
	rep := &Report{
		Options: Options{Scale: 1, Runs: 3, Data: "/tmp/sf1", DuckDB: "/bin/duck", Threads: 2, MemoryLimit: "4g"},
		Started: time.Date(2026, 11, 21, 6, 0, 0, 0, time.UTC),
		Queries: []QueryResult{
			{Name: "q1", Sail: []time.Duration{s(3), s(1), s(2)}, DuckDB: []time.Duration{s(0.5), s(0.25), s(1)}, Check: "ok", CheckOK: true, SailPeak: 300e6},
			{Name: "q2", Sail: []time.Duration{s(1)}, DuckDB: []time.Duration{s(2)}, Check: "row 1 column 2: got \"a|b\", want \"c\""},
			{Name: "q3", SailErr: "UNAVAILABLE: boom", DuckDB: []time.Duration{s(1)}, Check: "sail failed"},
		},
		SailPeak:       400e6,
		DuckPeak:       100e6,
		DuckVersion:    "v1.4.5",
		CheckedAgainst: "DuckDB's answers on the same files",
		LoadAverage:    [2]string{"1.50", "2.25"},
	}
	md := rep.Markdown(Meta{Machine: "test cpu", Commit: "abc123", Command: "sail-bench tpch --sf 1"})
	for _, want := range []string{
		"# TPC-H SF1 (sail's tpchgen data)\n",
		"- date: 2026-11-21 06:00 UTC\n",
		"- machine: test cpu\n",
		"- commit: abc123 (the work tree at the start of the run)\n",
		"2 threads", "memory limit 4g", "3 timed run(s)",
		"- DuckDB v1.4.5",
		"| q1 | 1.000 | 2.000 | 0.250 | 0.500 | 4.00 | 300 MB | ok |\n",
		"| q2 | 1.000 | 1.000 | 2.000 | 2.000 | 0.50 | - | row 1 column 2: got \"a\\|b\", want \"c\" |\n",
		"| q3 | - | - | 1.000 | 1.000 | - | - | sail: UNAVAILABLE: boom |\n",
		// The total sums what ran; with q3 missing on the sail side there is no ratio.
		"| **total** (queries that ran) | 2.000 | 3.000 | 3.250 | 3.500 | - | 400 MB | 1 of 3 |\n",
		"DuckDB's process peaked at 100 MB",
		"load average at the start and the end: 1.50 and 2.25",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}

	rep.Queries = rep.Queries[:2]
	rep.Options.DuckDB, rep.DuckVersion, rep.CheckedAgainst = "", "", "nothing"
	for i := range rep.Queries {
		rep.Queries[i].DuckDB = nil
	}
	md = rep.Markdown(Meta{})
	for _, want := range []string{
		"| query | sail min | sail median | sail peak RSS | answer |\n",
		"| q1 | 1.000 | 2.000 | 300 MB | ok |\n",
		"| **total** | 2.000 | 3.000 | 400 MB | 1 of 2 |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown without DuckDB lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(strings.ToLower(md), "duckdb") || strings.Contains(md, "commit:") {
		t.Errorf("markdown without DuckDB or commit mentions them:\n%s", md)
	}
}

func TestMarkdownTotalRatio(t *testing.T) {
	rep := &Report{
		Options: Options{Scale: 1, Runs: 1, DuckDB: "x", Threads: 2},
		Queries: []QueryResult{
			{Name: "q1", Sail: []time.Duration{3 * time.Second}, DuckDB: []time.Duration{time.Second}, CheckOK: true, Check: "ok"},
			{Name: "q2", Sail: []time.Duration{time.Second}, DuckDB: []time.Duration{time.Second}, CheckOK: true, Check: "ok"},
		},
	}
	md := rep.Markdown(Meta{})
	if want := "| **total** | 4.000 | 4.000 | 2.000 | 2.000 | 2.00 | - | 2 of 2 |\n"; !strings.Contains(md, want) {
		t.Errorf("markdown lacks %q:\n%s", want, md)
	}
}
