package main

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	c, err := parse(strings.Fields("tpch --sf 0.5 --runs 5 --data /d --sail /s --duckdb --queries q1,q5 --memory-limit 4g --threads 2 --out t.md --timeout 1m"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	o := c.opts
	if o.Scale != 0.5 || o.Runs != 5 || o.Data != "/d" || o.Sail != "/s" || o.DuckDB != "sail-bench-duckdb" ||
		!reflect.DeepEqual(o.Queries, []string{"q1", "q5"}) || o.MemoryLimit != "4g" || o.Threads != 2 ||
		c.out != "t.md" || o.Timeout != time.Minute {
		t.Errorf("parsed %+v out %q", o, c.out)
	}

	c, err = parse(strings.Fields("tpch --data /d"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.opts.Scale != 1 || c.opts.Runs != 3 || c.opts.DuckDB != "" || len(c.opts.Queries) != 22 || c.opts.Sail != "sail" {
		t.Errorf("defaults: %+v", c.opts)
	}
	c, err = parse(strings.Fields("tpch --data /d --duckdb-bin /x/duck"), io.Discard)
	if err != nil || c.opts.DuckDB != "/x/duck" {
		t.Errorf("--duckdb-bin: %+v, %v", c, err)
	}

	for _, bad := range []string{
		"", "tpcds --data /d", "tpch", "tpch --data /d --runs 0", "tpch --data /d --queries q99",
		"tpch --data /d --threads -1", "tpch --data /d extra", "tpch --data /d --nope",
	} {
		if _, err := parse(strings.Fields(bad), io.Discard); err == nil {
			t.Errorf("parse(%q): no error", bad)
		}
	}
}

func TestFindBinary(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tool")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := findBinary(p); err != nil || got != p {
		t.Errorf("findBinary(%q) = %q, %v", p, got, err)
	}
	t.Setenv("PATH", dir)
	if got, err := findBinary("tool"); err != nil || got != p {
		t.Errorf("findBinary on PATH = %q, %v", got, err)
	}
	if _, err := findBinary("no-such-tool-here"); err == nil {
		t.Error("missing binary: no error")
	}
}

func TestFindMaterial(t *testing.T) {
	root := t.TempDir()
	q := filepath.Join(root, "shared", "benchmarks", "tpch", "queries")
	if err := os.MkdirAll(q, 0o755); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "main", "cmd")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	got, err := findMaterial()
	want, _ := filepath.EvalSymlinks(filepath.Dir(q))
	if g, _ := filepath.EvalSymlinks(got); err != nil || g != want {
		t.Errorf("findMaterial = %q, %v; want %q", got, err, want)
	}
}
