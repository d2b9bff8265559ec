package aggregate

import (
	"fmt"
	"math/rand"
	"syscall"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

// cpuClock reads the process's CPU time (user and system, every thread) in nanoseconds.
// Benchmarks on a shared machine report it besides wall time: "cpu-ns/row" is what the
// work costs, whatever else the machine runs.
func cpuClock() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// cpuPerRow reports the CPU time since start per row of rows per iteration.
func cpuPerRow(b *testing.B, start int64, rows int) {
	b.ReportMetric(float64(cpuClock()-start)/float64(b.N)/float64(rows), "cpu-ns/row")
}

// BenchmarkGroupTableLookup probes a finished table of distinct int64 keys with 1Mi
// random keys that are all present, as a hash join's probe does: a table of 8Ki keys stays
// in the cache, 256Ki and 1Mi keys do not (TPC-H's joins with orders and lineitem); the
// keys are every fourth integer, which a dense index (DenseIndex) holds in 4 slots each.
func BenchmarkGroupTableLookup(b *testing.B) {
	for _, c := range []struct {
		size  int
		dense bool
	}{{8 << 10, false}, {256 << 10, false}, {1 << 20, false}, {8 << 10, true}, {256 << 10, true}, {1 << 20, true}} {
		size := c.size
		name := "hash"
		if c.dense {
			name = "dense"
		}
		b.Run(fmt.Sprintf("%s/int64-keys=%d", name, size), func(b *testing.B) {
			r := rand.New(rand.NewSource(int64(size)))
			t, err := NewGroupTable([]arrow.DataType{arrow.PrimitiveTypes.Int64})
			if err != nil {
				b.Fatal(err)
			}
			defer t.Release()
			build := int64Column(b, func(i int) int64 { return int64(i%size) * 4 })
			var ids []uint32
			for _, a := range build[:size/accBenchBatch] {
				ids = t.Intern([]arrow.Array{a}, ids)
			}
			if c.dense && !t.DenseIndex() {
				b.Fatal("no dense index")
			}
			probe := int64Column(b, func(int) int64 { return r.Int63n(int64(size)) * 4 })
			var sc LookupScratch
			var out []int32
			start := cpuClock()
			for b.Loop() {
				for _, a := range probe {
					out = t.Lookup([]arrow.Array{a}, out, &sc)
				}
			}
			cpuPerRow(b, start, accBenchRows)
			reportPerRow(b)
		})
	}
}
