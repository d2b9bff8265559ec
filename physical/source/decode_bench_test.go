package source

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
)

// BenchmarkParquetDecode reads one column of TPC-H SF0.1 lineitem (600,572 rows, snappy)
// at a time on one partition and reports ns/row, so each physical type's decoder shows:
// l_orderkey int64, l_linenumber int32, l_quantity and l_extendedprice decimal(15,2),
// l_returnflag a one-letter string, l_shipdate date32, l_comment a long string; each
// through Arrow's record reader and through the direct reader (parquet_direct.go).
func BenchmarkParquetDecode(b *testing.B) {
	dir := tpchTable(b, "lineitem")
	tb, err := Open("parquet", []string{dir}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	fields := tb.Schema().Fields
	index := func(name string) int {
		for i, f := range fields {
			if f.Name == name {
				return i
			}
		}
		b.Fatalf("lineitem has no column %s", name)
		return -1
	}
	const rows = 600572
	for _, name := range []string{"l_orderkey", "l_linenumber", "l_quantity", "l_extendedprice", "l_returnflag", "l_shipdate", "l_comment"} {
		columns := []int{index(name)}
		for _, direct := range []bool{false, true} {
			path := "record-reader"
			if direct {
				path = "direct"
			}
			b.Run(name+"/"+path, func(b *testing.B) {
				saved := directParquet
				directParquet = direct
				defer func() { directParquet = saved }()
				start := cpuClock()
				for b.Loop() {
					s, err := tb.Scan(columns, 1)
					if err != nil {
						b.Fatal(err)
					}
					n := int64(0)
					err = physical.Collect(context.Background(), s, func(r arrow.RecordBatch) error {
						n += r.NumRows()
						r.Release()
						return nil
					})
					if err != nil || n != rows {
						b.Fatal(err, n)
					}
				}
				b.ReportMetric(float64(cpuClock()-start)/float64(b.N)/rows, "cpu-ns/row")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
			})
		}
	}
}
