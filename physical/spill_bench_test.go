package physical

import (
	"context"
	"math/rand"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

// drainIn runs a plan to the end under a pool of the given limit (0 = unlimited) with a
// spill directory, and returns the rows and the operator's spill count.
func drainIn(b *testing.B, p ExecutionPlan, limit int64) (int, int64) {
	dir := memory.NewSpillDir(b.TempDir())
	defer dir.Close()
	ctx := memory.WithSpillDir(memory.WithPool(context.Background(), memory.NewPool(limit)), dir)
	n := 0
	err := Collect(ctx, p, func(x arrow.RecordBatch) error {
		n += int(x.NumRows())
		x.Release()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n, p.(MetricsReporter).Metrics()["spill_count"]
}

// BenchmarkHashAggregateSpill groups 1Mi rows into 100k int64 keys (count, sum), in
// memory and under a 2 MiB pool that forces several sorted runs and a merge.
func BenchmarkHashAggregateSpill(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	src := int64Source(b, 1, func(int) int64 { return r.Int63n(100000) })
	v := col(1, arrow.PrimitiveTypes.Int64)
	for _, bc := range []struct {
		name  string
		limit int64
	}{{"memory", 0}, {"spill", 2 << 20}} {
		b.Run(bc.name, func(b *testing.B) {
			agg, err := NewHashAggregate(src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []string{"k"},
				[]aggregate.Call{call("count"), call("sum", v)}, AggregateSingle)
			if err != nil {
				b.Fatal(err)
			}
			var spills, runs int64
			for b.Loop() {
				_, s := drainIn(b, agg, bc.limit)
				spills, runs = s, runs+1
			}
			spills /= runs // the operator's counters add up over runs
			if bc.limit > 0 && spills == 0 {
				b.Fatal("no spill")
			}
			b.ReportMetric(float64(spills), "spills")
			report(b, benchRows)
		})
	}
}

// BenchmarkHashJoinSpill builds 128Ki distinct keys and probes 1Mi rows that each match
// once, in memory and under a 1 MiB pool that turns it into a grace hash join; ns/row
// counts both sides.
func BenchmarkHashJoinSpill(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	build := int64Source(b, 1, func(i int) int64 { return int64(i) })
	build.parts[0] = build.parts[0][:len(build.parts[0])/8]
	probe := int64Source(b, 2, func(int) int64 { return r.Int63n(benchRows / 8) })
	k := col(0, arrow.PrimitiveTypes.Int64)
	for _, bc := range []struct {
		name  string
		limit int64
	}{{"memory", 0}, {"spill", 1 << 20}} {
		b.Run(bc.name, func(b *testing.B) {
			j, err := NewHashJoin(probe, build, []expr.Expr{k}, []expr.Expr{k}, nil, InnerJoin, nil)
			if err != nil {
				b.Fatal(err)
			}
			var spills, runs int64
			for b.Loop() {
				n, s := drainIn(b, j, bc.limit)
				if n != benchRows {
					b.Fatalf("%d rows", n)
				}
				spills, runs = s, runs+1
			}
			spills /= runs // the operator's counters add up over runs
			if bc.limit > 0 && spills == 0 {
				b.Fatal("no spill")
			}
			b.ReportMetric(float64(spills), "spills")
			report(b, benchRows+benchRows/8)
		})
	}
}
