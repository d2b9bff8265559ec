package physical

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/proto/physicalpb"
)

// memShuffle is an in-memory ShuffleStore and ShuffleFetcher for one process.
type memShuffle struct {
	mu       sync.Mutex
	outputs  map[ShuffleOutputKey][][]arrow.RecordBatch
	aborted  int
	failNext bool
}

func newMemShuffle() *memShuffle {
	return &memShuffle{outputs: map[ShuffleOutputKey][][]arrow.RecordBatch{}}
}

func (m *memShuffle) Create(_ context.Context, key ShuffleOutputKey, _ *arrow.Schema, n int) (ShuffleWriter, error) {
	return &memShuffleWriter{m: m, key: key, parts: make([][]arrow.RecordBatch, n)}, nil
}

type memShuffleWriter struct {
	m     *memShuffle
	key   ShuffleOutputKey
	parts [][]arrow.RecordBatch
}

func (w *memShuffleWriter) Write(p int, b arrow.RecordBatch) error {
	w.parts[p] = append(w.parts[p], b)
	return nil
}

func (w *memShuffleWriter) Commit() ([]ShufflePartitionStats, error) {
	stats := make([]ShufflePartitionStats, len(w.parts))
	for i, bs := range w.parts {
		for _, b := range bs {
			stats[i].Rows += b.NumRows()
			stats[i].Batches++
		}
	}
	w.m.mu.Lock()
	w.m.outputs[w.key] = w.parts
	w.m.mu.Unlock()
	return stats, nil
}

func (w *memShuffleWriter) Abort() {
	for _, bs := range w.parts {
		for _, b := range bs {
			b.Release()
		}
	}
	w.m.mu.Lock()
	w.m.aborted++
	w.m.mu.Unlock()
}

func (m *memShuffle) Fetch(_ context.Context, req ShuffleReadRequest) (Stream, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []arrow.RecordBatch
	for mp := range req.MapPartitions {
		parts, ok := m.outputs[ShuffleOutputKey{Job: req.Job, Stage: req.Stage, MapPartition: int32(mp)}]
		if !ok {
			return nil, fmt.Errorf("no map output %d", mp)
		}
		for _, b := range parts[req.Partition] {
			b.Retain()
			out = append(out, b)
		}
	}
	return &sliceStream{batches: out}, nil
}

// partitionRows runs one partition of p.
func partitionRows(ctx context.Context, p ExecutionPlan, part int) ([]string, error) {
	s, err := p.Execute(ctx, part)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var out []string
	for {
		b, err := s.Next()
		if IsEOF(err) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		for i := range int(b.NumRows()) {
			vals := make([]string, b.NumCols())
			for c, col := range b.Columns() {
				if col.IsNull(i) {
					vals[c] = "null"
				} else {
					vals[c] = col.ValueStr(i)
				}
			}
			out = append(out, strings.Join(vals, "|"))
		}
		b.Release()
	}
}

// TestShuffleRoutesLikeRepartition writes a source's partitions as map outputs and reads
// each reduce partition back: it holds the rows Repartition's partition holds, in the same
// order (source partition 0's first).
func TestShuffleRoutesLikeRepartition(t *testing.T) {
	schema := schemaOf("k", arrow.BinaryTypes.String, "v", arrow.PrimitiveTypes.Int64)
	src := source(t, schema,
		[]string{`[{"k":"a","v":1},{"k":"b","v":2},{"k":null,"v":3}]`, `[{"k":"c","v":4},{"k":"a","v":5}]`},
		[]string{`[{"k":"d","v":6},{"k":"e","v":7},{"k":"b","v":8},{"k":"f","v":9},{"k":"g","v":10}]`},
		[]string{})
	keys := []expr.Expr{col(0, arrow.BinaryTypes.String)}
	for _, c := range []struct {
		name       string
		keys       []expr.Expr
		n          int
		roundRobin bool
	}{{"hash", keys, 3, false}, {"round robin", nil, 2, true}, {"single", nil, 1, false}} {
		t.Run(c.name, func(t *testing.T) {
			var ref ExecutionPlan
			if c.roundRobin {
				ref = NewRoundRobin(src, c.n)
			} else {
				r, err := NewRepartition(src, c.keys, c.n)
				if err != nil {
					t.Fatal(err)
				}
				ref = r
			}
			w, err := NewShuffleWrite(src, 7, c.keys, c.n, c.roundRobin)
			if err != nil {
				t.Fatal(err)
			}
			sh := newMemShuffle()
			ctx := WithShuffle(context.Background(), &ShuffleContext{Job: "j", Store: sh, Fetcher: sh})
			var total int64
			for mp := range w.Partitions() {
				s, err := w.Execute(ctx, mp)
				if err != nil {
					t.Fatal(err)
				}
				b, err := s.Next()
				if err != nil {
					t.Fatal(err)
				}
				stats, err := ShuffleStatsFromBatch(b)
				b.Release()
				if err != nil {
					t.Fatal(err)
				}
				if len(stats) != c.n {
					t.Fatalf("%d partitions of statistics, want %d", len(stats), c.n)
				}
				for _, st := range stats {
					total += st.Rows
				}
				if _, err := s.Next(); !errors.Is(err, io.EOF) {
					t.Fatalf("after the statistics: %v", err)
				}
				s.Close()
			}
			if total != 10 {
				t.Errorf("statistics count %d rows, want 10", total)
			}
			r, err := NewShuffleRead(7, schema, c.n, w.Partitions())
			if err != nil {
				t.Fatal(err)
			}
			for p := range c.n {
				got, err := partitionRows(ctx, r, p)
				if err != nil {
					t.Fatal(err)
				}
				want, err := partitionRows(context.Background(), ref, p)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("partition %d: got %v, want %v", p, got, want)
				}
			}
		})
	}
}

type failingSource struct{ memSource }

func (f *failingSource) Execute(ctx context.Context, p int) (Stream, error) {
	in, err := f.memSource.Execute(ctx, p)
	if err != nil {
		return nil, err
	}
	n := 0
	return &funcStream{next: func() (arrow.RecordBatch, error) {
		if n++; n > 1 {
			return nil, errors.New("source failed")
		}
		return in.Next()
	}, close: in.Close}, nil
}

func TestShuffleWriteFailures(t *testing.T) {
	schema := schemaOf("v", arrow.PrimitiveTypes.Int64)
	src := source(t, schema, []string{`[{"v":1}]`, `[{"v":2}]`})
	w, err := NewShuffleWrite(src, 1, nil, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Execute(context.Background(), 0); err == nil || !strings.Contains(err.Error(), "no shuffle store") {
		t.Errorf("without a store: %v", err)
	}
	r, _ := NewShuffleRead(1, schema, 2, 1)
	if _, err := r.Execute(context.Background(), 0); err == nil || !strings.Contains(err.Error(), "no shuffle fetcher") {
		t.Errorf("without a fetcher: %v", err)
	}
	if _, err := NewShuffleWrite(src, 1, nil, 0, false); err == nil {
		t.Error("zero partitions accepted")
	}
	if _, err := NewShuffleWrite(src, 1, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, 2, true); err == nil {
		t.Error("round robin with keys accepted")
	}

	// A failing child aborts the output: nothing is committed.
	sh := newMemShuffle()
	ctx := WithShuffle(context.Background(), &ShuffleContext{Job: "j", Store: sh, Fetcher: sh})
	fw, _ := NewShuffleWrite(&failingSource{*src}, 1, nil, 2, true)
	s, err := fw.Execute(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(); err == nil || !strings.Contains(err.Error(), "source failed") {
		t.Errorf("got %v", err)
	}
	s.Close()
	if len(sh.outputs) != 0 || sh.aborted != 1 {
		t.Errorf("%d outputs committed, %d aborted", len(sh.outputs), sh.aborted)
	}
}

func TestShuffleEncoding(t *testing.T) {
	schema := schemaOf("k", arrow.PrimitiveTypes.Int64, "s", arrow.BinaryTypes.String)
	src := NewValues(schema, nil)
	w, err := NewShuffleWrite(src, 3, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.BinaryTypes.String)}, 5, false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewShuffleRead(2, schema, 4, 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []ExecutionPlan{w, r} {
		m, err := EncodePlan(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := DecodePlan(m, DecodeContext{})
		if err != nil {
			t.Fatal(err)
		}
		if Explain(q) != Explain(p) || !q.Schema().Equal(p.Schema()) || q.Partitions() != p.Partitions() {
			t.Errorf("round trip:\n%s\nwant\n%s", Explain(q), Explain(p))
		}
	}
	bad := []*physicalpb.Plan{
		{Kind: &physicalpb.Plan_ShuffleRead{ShuffleRead: &physicalpb.ShuffleReadExec{Partitions: 0, MapPartitions: 1}}},
		{Kind: &physicalpb.Plan_ShuffleRead{ShuffleRead: &physicalpb.ShuffleReadExec{Partitions: 1, MapPartitions: -1}}},
		{Kind: &physicalpb.Plan_ShuffleWrite{ShuffleWrite: &physicalpb.ShuffleWriteExec{Partitions: 2}}},
		{Kind: &physicalpb.Plan_ShuffleWrite{ShuffleWrite: &physicalpb.ShuffleWriteExec{
			Child: &physicalpb.Plan{Kind: &physicalpb.Plan_Range{Range: &physicalpb.RangeExec{End: 3, Step: 1, Partitions: 1}}}, Partitions: 0}}},
		{Kind: &physicalpb.Plan_ShuffleWrite{ShuffleWrite: &physicalpb.ShuffleWriteExec{
			Child: &physicalpb.Plan{Kind: &physicalpb.Plan_Range{Range: &physicalpb.RangeExec{End: 3, Step: 1, Partitions: 1}}}, Partitions: 2,
			Keys: []*physicalpb.Expr{{Kind: &physicalpb.Expr_Column{Column: &physicalpb.ColumnExpr{Index: 4}}}}}}},
	}
	for i, m := range bad {
		if _, err := DecodePlan(m, DecodeContext{}); err == nil {
			t.Errorf("malformed message %d decoded", i)
		}
	}
}
