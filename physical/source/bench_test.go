package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/types"
)

// BenchmarkScanLineitem reads every column of TPC-H SF0.1 lineitem (600,572 rows) over
// two partitions, as a 2-core machine would.
func BenchmarkScanLineitem(b *testing.B) {
	dir := tpchTable(b, "lineitem")
	tb, err := Open("parquet", []string{dir}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name    string
		columns []int
		parts   int
	}{{"all-columns-1p", nil, 1}, {"all-columns-2p", nil, 2}, {"q1-columns-2p", []int{4, 5, 6, 7, 8, 9, 10}, 2}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				s, err := tb.Scan(bc.columns, bc.parts)
				if err != nil {
					b.Fatal(err)
				}
				rows := int64(0)
				err = physical.Collect(context.Background(), s, func(r arrow.RecordBatch) error {
					rows += r.NumRows()
					r.Release()
					return nil
				})
				if err != nil || rows != 600572 {
					b.Fatal(err, rows)
				}
			}
		})
	}
}

// BenchmarkScanCSV reads 500,000 lines of five typed columns.
func BenchmarkScanCSV(b *testing.B) {
	dir := b.TempDir()
	var sb strings.Builder
	for i := 0; i < 500000; i++ {
		fmt.Fprintf(&sb, "%d,%d.25,name %d,2024-01-%02d,%t\n", i, i%1000, i, i%28+1, i%2 == 0)
	}
	p := filepath.Join(dir, "bench.csv")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	st, _ := types.ParseTableSchema("id int, price double, name string, day date, flag boolean")
	tb, err := Open("csv", []string{p}, st, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	for b.Loop() {
		s, err := tb.Scan(nil, 2)
		if err != nil {
			b.Fatal(err)
		}
		rows := int64(0)
		if err := physical.Collect(context.Background(), s, func(r arrow.RecordBatch) error {
			rows += r.NumRows()
			r.Release()
			return nil
		}); err != nil || rows != 500000 {
			b.Fatal(err, rows)
		}
	}
}
