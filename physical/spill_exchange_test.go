package physical

import (
	"fmt"
	"os"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
)

// A spilling exchange writes one file per source partition, not one per source and
// output partition: 64 sources into 64 outputs under a pool that holds nothing leave at
// most 64 files, each output partition reads its own rows back in source order, and
// closing the streams removes the files.
func TestRepartitionSpillsOneFilePerSource(t *testing.T) {
	const parts = 64
	src := manyPartitions(t, parts, 5)
	keys := []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}
	ref, err := NewRepartition(src, keys, parts)
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]string, parts)
	refEnv := newSpillEnv(t, 0)
	for p := range parts {
		want[p] = exchangeRows(t, refEnv, ref, p)
	}

	env := newSpillEnv(t, 1)
	h, err := NewRepartition(src, keys, parts)
	if err != nil {
		t.Fatal(err)
	}
	streams := make([]Stream, parts)
	for p := range parts {
		if streams[p], err = h.Execute(env.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for p := range parts {
		var got []string
		for {
			b, err := streams[p].Next()
			if IsEOF(err) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, batchRows(b)...)
			b.Release()
		}
		eqStrings(t, fmt.Sprintf("partition %d", p), got, want[p])
		if p == 0 { // every source is done: its file is written
			files, err := os.ReadDir(env.path)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 || len(files) > parts {
				t.Fatalf("%d spill files for %d source partitions", len(files), parts)
			}
		}
	}
	for _, s := range streams {
		s.Close()
	}
	if m := h.Metrics(); m["spilled_rows"] != int64(parts*5*2) {
		t.Errorf("spilled %d rows, want every row (%d): %v", m["spilled_rows"], parts*5*2, m)
	}
	env.check(t, "after closing")
}

func exchangeRows(t *testing.T, env *spillEnv, p ExecutionPlan, partition int) []string {
	t.Helper()
	s, err := p.Execute(env.ctx, partition)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	for {
		b, err := s.Next()
		if IsEOF(err) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, batchRows(b)...)
		b.Release()
	}
}

func batchRows(b arrow.RecordBatch) []string {
	var out []string
	for i := range int(b.NumRows()) {
		out = append(out, fmt.Sprintf("%s|%s", b.Column(0).ValueStr(i), b.Column(1).ValueStr(i)))
	}
	return out
}
