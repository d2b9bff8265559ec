package sink

import (
	"context"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

// A partition overwrite replaces the selected (static) or written (dynamic) partition
// directories and keeps the others.
func TestOverwritePartitions(t *testing.T) {
	st := mustSchema(t, "id INT, p STRING, q INT")
	dir := t.TempDir() + "/t"
	write := func(job Job, rows ...[]any) {
		t.Helper()
		job.Path, job.Format, job.PartitionBy, job.Schema = dir, "parquet", []string{"p", "q"}, st
		if _, err := Write(context.Background(), plan(t, st, []arrow.RecordBatch{batch(t, st, rows...)}), job); err != nil {
			t.Fatal(err)
		}
	}
	check := func(want ...string) {
		t.Helper()
		got := readBack(t, "parquet", dir, nil)[1:]
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("rows %v, want %v", got, want)
		}
	}
	write(Job{Mode: Overwrite}, []any{1, "a", 1}, []any{2, "a", 2}, []any{3, "b", 1}, []any{4, nil, 1})
	// Static: everything under p=a goes, whatever q.
	write(Job{Mode: Overwrite, Replace: func(v []*string) bool { return v[0] != nil && *v[0] == "a" }}, []any{10, "a", 3})
	check("10|a|3", "3|b|1", "4|NULL|1")
	// Dynamic: only p=b/q=1 and the default partition are replaced; p=a/q=3 stays.
	write(Job{Mode: Overwrite, ReplaceWritten: true}, []any{30, "b", 1}, []any{40, nil, 1}, []any{50, "c", 5})
	check("10|a|3", "30|b|1", "40|NULL|1", "50|c|5")
	leaves, err := partitionLeaves(dir, []string{"p", "q"})
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, l := range leaves {
		rels = append(rels, l.rel)
	}
	slices.Sort(rels)
	if !slices.Equal(rels, []string{"p=__HIVE_DEFAULT_PARTITION__/q=1", "p=a/q=3", "p=b/q=1", "p=c/q=5"}) {
		t.Errorf("partition directories %v", rels)
	}
	// The emptied p=a/q=1 and p=a/q=2 directories went with their files.
	if got := listFiles(t, dir); slices.ContainsFunc(got, func(f string) bool { return len(f) > 6 && f[:6] == "p=a/q=" && f[6] != '3' }) {
		t.Errorf("files %v", got)
	}
}
