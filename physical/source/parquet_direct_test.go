package source

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// cpuClock reads the process's CPU time (user and system, every thread) in nanoseconds,
// for benchmarks on a shared machine.
func cpuClock() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestParquetDirectMatchesRecordReader reads files through the direct reader and through
// Arrow's record reader and expects the same rows: every type the direct reader handles,
// required and nullable columns (all null, no null, some null), decimals stored as INT32
// and INT64, dictionary and plain pages, several pages and row groups, and batches that
// end inside pages and at row group ends. A file with a column the direct reader does not
// handle (a timestamp) reads through the record reader alone.
func TestParquetDirectMatchesRecordReader(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	const n = 2500
	mem := memory.NewGoAllocator()
	fields := []arrow.Field{
		{Name: "i64", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "i32", Type: arrow.PrimitiveTypes.Int32, Nullable: false},
		{Name: "d", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "dec64", Type: &arrow.Decimal128Type{Precision: 15, Scale: 2}, Nullable: true},
		{Name: "dec32", Type: &arrow.Decimal128Type{Precision: 7, Scale: 3}, Nullable: true},
		{Name: "f64", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "f32", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
		{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "bin", Type: arrow.BinaryTypes.Binary, Nullable: true},
		{Name: "req_s", Type: arrow.BinaryTypes.String, Nullable: false},
		{Name: "all_null", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "long_s", Type: arrow.BinaryTypes.String, Nullable: true},
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	words := []string{"MAIL", "SHIP", "", "DELIVER IN PERSON", "R", "exactly-thirty-two-bytes-long-xx"}
	for i := range n {
		null := func(every int) bool { return r.Intn(every) == 0 }
		if null(5) {
			b.Field(0).AppendNull()
		} else {
			b.Field(0).(*array.Int64Builder).Append(r.Int63() - r.Int63())
		}
		b.Field(1).(*array.Int32Builder).Append(int32(r.Intn(100)) - 50)
		if null(9) {
			b.Field(2).AppendNull()
		} else {
			b.Field(2).(*array.Date32Builder).Append(arrow.Date32(8000 + r.Intn(2000)))
		}
		if null(4) {
			b.Field(3).AppendNull()
		} else {
			b.Field(3).(*array.Decimal128Builder).Append(decimal128.FromI64(r.Int63n(2e13) - 1e13))
		}
		if null(6) {
			b.Field(4).AppendNull()
		} else {
			b.Field(4).(*array.Decimal128Builder).Append(decimal128.FromI64(r.Int63n(2e6) - 1e6))
		}
		if null(7) {
			b.Field(5).AppendNull()
		} else {
			b.Field(5).(*array.Float64Builder).Append(r.NormFloat64())
		}
		if null(7) {
			b.Field(6).AppendNull()
		} else {
			b.Field(6).(*array.Float32Builder).Append(float32(r.NormFloat64()))
		}
		if null(3) {
			b.Field(7).AppendNull()
		} else {
			b.Field(7).(*array.BooleanBuilder).Append(r.Intn(2) == 0)
		}
		if null(8) {
			b.Field(8).AppendNull()
		} else {
			b.Field(8).(*array.StringBuilder).Append(words[r.Intn(len(words))])
		}
		if null(10) {
			b.Field(9).AppendNull()
		} else {
			b.Field(9).(*array.BinaryBuilder).Append([]byte{byte(i), byte(i >> 8), 0})
		}
		b.Field(10).(*array.StringBuilder).Append(fmt.Sprintf("value-%d", i))
		b.Field(11).AppendNull()
		if null(2) {
			b.Field(12).AppendNull()
		} else {
			b.Field(12).(*array.StringBuilder).Append(fmt.Sprintf("a longer and unique value %08d %s", i, words[i%len(words)]))
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()

	dir := t.TempDir()
	write := func(name string, props *parquet.WriterProperties) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := pqarrow.NewFileWriter(schema, f, props, pqarrow.NewArrowWriterProperties())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	files := []string{
		write("dict.parquet", parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(700), parquet.WithDictionaryDefault(true),
			parquet.WithDataPageSize(512), parquet.WithStoreDecimalAsInteger(true))),
		write("plain.parquet", parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(1000), parquet.WithDictionaryDefault(false),
			parquet.WithDataPageSize(300), parquet.WithStoreDecimalAsInteger(true))),
		write("v2.parquet", parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(2500), parquet.WithDataPageVersion(parquet.DataPageV2),
			parquet.WithStoreDecimalAsInteger(true), parquet.WithCompression(0))),
	}
	// The decimals must be stored as integers for the direct reader to read them.
	pf, err := file.OpenParquetFile(files[0], false)
	if err != nil {
		t.Fatal(err)
	}
	if pt := pf.MetaData().Schema.Column(3).PhysicalType(); pt != parquet.Types.Int64 {
		t.Fatalf("dec64 stored as %s", pt)
	}
	pf.Close()

	scan := func(direct bool, path string, rows int, cols []int) []string {
		t.Helper()
		saved := directParquet
		directParquet = direct
		defer func() { directParquet = saved }()
		tb := open(t, "parquet", []string{path}, "", nil)
		tb.Allocator = checked(t)
		tb.BatchRows = rows
		return scanAll(t, tb, cols, 1)
	}
	for _, path := range files {
		for _, rows := range []int{1, 100, 333, 4096} {
			for _, cols := range [][]int{nil, {8, 3, 8, 0}, {11}, {12, 1}} {
				t.Run(fmt.Sprintf("%s/rows=%d/cols=%v", filepath.Base(path), rows, cols), func(t *testing.T) {
					want := scan(false, path, rows, cols)
					if len(want) != n {
						t.Fatalf("%d rows, want %d", len(want), n)
					}
					equalRows(t, scan(true, path, rows, cols), want)
				})
			}
		}
	}
	// Which splits the direct reader takes.
	pf, err = file.OpenParquetFile(files[0], false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	md := pf.MetaData()
	tb := open(t, "parquet", []string{files[0]}, "", nil)
	for _, c := range []struct {
		cols   []int
		direct bool
	}{{nil, true}, {[]int{0}, true}, {[]int{9, 10}, true}} {
		s, err := tb.Scan(c.cols, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := newDirectReader(files[0], nil, md, s.dataReq, nil) != nil; got != c.direct {
			t.Fatalf("columns %v: direct %v, want %v", c.cols, got, c.direct)
		}
	}
	// A timestamp column is read by the record reader.
	ts := open(t, "parquet", []string{files[0]}, "i64 timestamp, s string", nil)
	s, err := ts.Scan(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if newDirectReader(files[0], nil, md, s.dataReq, nil) != nil {
		t.Fatal("a timestamp column read directly")
	}
}
