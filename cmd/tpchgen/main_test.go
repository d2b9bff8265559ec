package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"--scale", "0.001", "--out", dir, "--tables", "nation, orders,lineitem", "--files-per-table", "3", "--quiet"}); err != nil {
		t.Fatal(err)
	}
	for table, files := range map[string]int{"nation": 1, "orders": 3, "lineitem": 3} {
		got, _ := filepath.Glob(filepath.Join(dir, table, "part-*.parquet"))
		if len(got) != files {
			t.Errorf("%s: %d files, want %d", table, len(got), files)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "part")); !os.IsNotExist(err) {
		t.Errorf("table part written though not requested")
	}
	for _, args := range [][]string{
		{"--scale", "1"},
		{"--scale", "0", "--out", dir},
		{"--out", dir, "--tables", "bogus"},
		{"--out", dir, "--files-per-table", "-1"},
	} {
		if err := run(args); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
