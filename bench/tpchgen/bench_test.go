package tpchgen

import (
	"context"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

// BenchmarkGenerateSF0_1 generates all tables at SF0.1 as Arrow batches
// (no Parquet encoding), one goroutine per table slice.
func BenchmarkGenerateSF0_1(b *testing.B) {
	g, err := New(Config{Scale: 0.1})
	if err != nil {
		b.Fatal(err)
	}
	g.textPool()
	b.ResetTimer()
	var rows int64
	for range b.N {
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, tb := range Tables {
			parts := g.FileCount(tb, 0)
			for p := range parts {
				wg.Go(func() {
					var n int64
					if err := g.Generate(tb, p, parts, func(r arrow.RecordBatch) error {
						n += r.NumRows()
						r.Release()
						return nil
					}); err != nil {
						b.Error(err)
					}
					mu.Lock()
					rows += n
					mu.Unlock()
				})
			}
		}
		wg.Wait()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWriteSF0_1 generates and writes all tables at SF0.1 as Parquet,
// including building the text pool. Besides rows/s it reports the process
// CPU time per SF0.1, which extrapolates to larger scales on a busy machine
// better than the wall time does.
func BenchmarkWriteSF0_1(b *testing.B) {
	var rows int64
	cpu0 := cpuTime()
	for range b.N {
		g, err := New(Config{Scale: 0.1})
		if err != nil {
			b.Fatal(err)
		}
		stats, err := g.Write(context.Background(), b.TempDir(), WriteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range stats {
			rows += s.Rows
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	if cpu0 >= 0 {
		b.ReportMetric((cpuTime()-cpu0)/float64(b.N), "cpu-s/op")
	}
}

func BenchmarkTextPool(b *testing.B) {
	for range b.N {
		buildTextPool(1, 32<<20, 2)
	}
	b.SetBytes(32 << 20)
}
