package physical

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// MetricsReporter is implemented by operators that count what they do. Counters add up
// over every execution of the plan (every partition, every run).
type MetricsReporter interface {
	Metrics() map[string]int64
}

// OpMetrics are an operator's counters: output rows and batches, time spent in the
// operator's own work (elapsed_compute, nanoseconds, excluding time waiting for its
// children), and spilling and memory figures for the operators that hold data.
type OpMetrics struct {
	outputRows    atomic.Int64
	outputBatches atomic.Int64
	elapsed       atomic.Int64
	spills        atomic.Int64
	spilledRows   atomic.Int64
	spilledBytes  atomic.Int64
	peakMemory    atomic.Int64
}

// Metrics returns a snapshot of the counters; spill and memory counters appear once
// non-zero.
func (m *OpMetrics) Metrics() map[string]int64 {
	out := map[string]int64{
		"output_rows":     m.outputRows.Load(),
		"output_batches":  m.outputBatches.Load(),
		"elapsed_compute": m.elapsed.Load(),
	}
	for name, c := range map[string]*atomic.Int64{"spill_count": &m.spills, "spilled_rows": &m.spilledRows,
		"spilled_bytes": &m.spilledBytes, "peak_mem_used": &m.peakMemory} {
		if v := c.Load(); v != 0 {
			out[name] = v
		}
	}
	return out
}

// since adds the time since start to elapsed_compute.
func (m *OpMetrics) since(start time.Time) { m.elapsed.Add(int64(time.Since(start))) }

func (m *OpMetrics) spilled(rows, bytes int64) {
	m.spills.Add(1)
	m.spilledRows.Add(rows)
	m.spilledBytes.Add(bytes)
}

func (m *OpMetrics) memory(n int64) {
	for {
		cur := m.peakMemory.Load()
		if n <= cur || m.peakMemory.CompareAndSwap(cur, n) {
			return
		}
	}
}

// meter wraps a stream so the operator counts its output.
func (m *OpMetrics) meter(s Stream) Stream { return &meteredStream{in: s, m: m} }

type meteredStream struct {
	in Stream
	m  *OpMetrics
}

func (s *meteredStream) Next() (arrow.RecordBatch, error) {
	b, err := s.in.Next()
	if err == nil && b != nil {
		s.m.outputRows.Add(b.NumRows())
		s.m.outputBatches.Add(1)
	}
	return b, err
}

func (s *meteredStream) Close() { s.in.Close() }

// ExplainMetrics renders the plan tree like Explain, with each operator's counters.
func ExplainMetrics(p ExecutionPlan) string {
	var b strings.Builder
	var walk func(p ExecutionPlan, depth int)
	walk = func(p ExecutionPlan, depth int) {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(p.Describe())
		if r, ok := p.(MetricsReporter); ok {
			b.WriteString(", metrics=[")
			b.WriteString(formatMetrics(r.Metrics()))
			b.WriteString("]")
		}
		b.WriteByte('\n')
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	walk(p, 0)
	return b.String()
}

func formatMetrics(m map[string]int64) string {
	order := map[string]int{"output_rows": 0, "output_batches": 1, "elapsed_compute": 2}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		oi, iok := order[keys[i]]
		oj, jok := order[keys[j]]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		v := m[k]
		if k == "elapsed_compute" {
			parts[i] = fmt.Sprintf("%s=%s", k, time.Duration(v))
		} else {
			parts[i] = fmt.Sprintf("%s=%d", k, v)
		}
	}
	return strings.Join(parts, ", ")
}

// ExplainAnalyze runs the plan to the end, discarding its output, and renders the tree
// with the counters of the run (EXPLAIN ANALYZE).
func ExplainAnalyze(ctx context.Context, p ExecutionPlan) (string, error) {
	err := Collect(ctx, p, func(b arrow.RecordBatch) error {
		b.Release()
		return nil
	})
	if err != nil {
		return "", err
	}
	return ExplainMetrics(p), nil
}
