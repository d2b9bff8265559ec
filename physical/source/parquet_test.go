package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/sailgo/sail/physical"
	pmem "github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/types"
)

func TestParquetTPCHLineitem(t *testing.T) {
	dir := tpchTable(t, "lineitem")
	mem := checked(t)
	tb := open(t, "parquet", []string{dir}, "", nil)
	tb.Allocator = mem
	want := "l_orderkey:bigint,l_partkey:bigint,l_suppkey:bigint,l_linenumber:int," +
		"l_quantity:decimal(15,2),l_extendedprice:decimal(15,2),l_discount:decimal(15,2),l_tax:decimal(15,2)," +
		"l_returnflag:string,l_linestatus:string,l_shipdate:date,l_commitdate:date,l_receiptdate:date," +
		"l_shipinstruct:string,l_shipmode:string,l_comment:string"
	if got := schemaString(tb.Schema()); got != want {
		t.Fatalf("schema\n got %s\nwant %s", got, want)
	}
	for _, f := range tb.Schema().Fields {
		if !f.Nullable {
			t.Errorf("field %s is not nullable", f.Name)
		}
	}
	// Every partition count: the same rows in total, split over row groups.
	for _, parts := range []int{1, 2, 3, 8} {
		s, err := tb.Scan([]int{0, 3, 4, 10}, parts)
		if err != nil {
			t.Fatal(err)
		}
		if parts <= 5 && s.Partitions() != parts {
			t.Errorf("partitions=%d: got %d partitions", parts, s.Partitions())
		}
		if s.Partitions() > parts {
			t.Errorf("partitions=%d: got %d partitions", parts, s.Partitions())
		}
		var rows int64
		var sumQty decimal128.Num
		err = physical.Collect(context.Background(), s, func(b arrow.RecordBatch) error {
			defer b.Release()
			rows += b.NumRows()
			if b.NumCols() != 4 {
				t.Errorf("got %d columns", b.NumCols())
			}
			q := b.Column(2).(*array.Decimal128)
			for i := 0; i < q.Len(); i++ {
				sumQty = sumQty.Add(q.Value(i))
			}
			if b.NumRows() > physical.DefaultBatchRows {
				t.Errorf("batch of %d rows", b.NumRows())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if rows != 600572 {
			t.Errorf("partitions=%d: %d rows, want 600572", parts, rows)
		}
		// sum(l_quantity) over SF0.1 lineitem.
		if got := sumQty.ToString(2); got != "15334802.00" {
			t.Errorf("sum(l_quantity) = %s", got)
		}
		if m := s.Metrics(); m["output_rows"] != 600572 {
			t.Errorf("metrics %v", m)
		}
	}
	// The first row, all columns.
	s, err := tb.Scan(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Execute(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.Next()
	if err != nil {
		t.Fatal(err)
	}
	first := renderRows(b)[0]
	b.Release()
	st.Close() // early close
	if !strings.HasPrefix(first, "1|") || strings.Count(first, "|") != 15 {
		t.Errorf("first row %q", first)
	}
	if !strings.Contains(s.Describe(), "FileScan parquet") {
		t.Errorf("describe %q", s.Describe())
	}
}

func TestParquetTPCHProjectionOrderAndCount(t *testing.T) {
	dir := tpchTable(t, "nation")
	mem := checked(t)
	tb := open(t, "parquet", []string{dir}, "", nil)
	tb.Allocator = mem
	if got := schemaString(tb.Schema()); got != "n_nationkey:bigint,n_name:string,n_regionkey:bigint,n_comment:string" {
		t.Fatalf("schema %s", got)
	}
	rows := scanAll(t, tb, []int{2, 1, 1}, 4)
	if len(rows) != 25 || rows[0] != "0|ALGERIA|ALGERIA" || rows[1] != "1|ARGENTINA|ARGENTINA" {
		t.Fatalf("rows %v", rows[:3])
	}
	// No columns at all: only the row count.
	s, err := tb.Scan([]int{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(0)
	if err := physical.Collect(context.Background(), s, func(b arrow.RecordBatch) error {
		n += b.NumRows()
		if b.NumCols() != 0 {
			t.Errorf("%d columns", b.NumCols())
		}
		b.Release()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 25 {
		t.Fatalf("count %d", n)
	}
}

// writeParquet writes a record batch to a Parquet file with row groups of rgRows rows.
func writeParquet(t *testing.T, path string, rec arrow.RecordBatch, rgRows int64, storeSchema bool) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props := parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(rgRows), parquet.WithStats(true),
		parquet.WithDictionaryDefault(true))
	aprops := pqarrow.NewArrowWriterProperties()
	if storeSchema {
		aprops = pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	}
	w, err := pqarrow.NewFileWriter(rec.Schema(), f, props, aprops)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// typesBatch builds a batch covering the Parquet types Spark maps specially.
func typesBatch(t *testing.T) arrow.RecordBatch {
	mem := memory.NewGoAllocator()
	tsMilli := &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}
	tsNTZ := &arrow.TimestampType{Unit: arrow.Microsecond}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "i8", Type: arrow.PrimitiveTypes.Int8, Nullable: true},
		{Name: "u8", Type: arrow.PrimitiveTypes.Uint8, Nullable: true},
		{Name: "u32", Type: arrow.PrimitiveTypes.Uint32, Nullable: true},
		{Name: "ts_ms", Type: tsMilli, Nullable: true},
		{Name: "ts_ntz", Type: tsNTZ, Nullable: true},
		{Name: "d", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "dec", Type: &arrow.Decimal128Type{Precision: 25, Scale: 3}, Nullable: true},
		{Name: "ls", Type: arrow.BinaryTypes.LargeString, Nullable: true},
		{Name: "bin", Type: arrow.BinaryTypes.Binary, Nullable: true},
		{Name: "fsb", Type: &arrow.FixedSizeBinaryType{ByteWidth: 2}, Nullable: true},
		{Name: "list", Type: arrow.ListOf(arrow.PrimitiveTypes.Int32), Nullable: true},
		{Name: "st", Type: arrow.StructOf(arrow.Field{Name: "x", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
			arrow.Field{Name: "y", Type: arrow.BinaryTypes.String, Nullable: true}), Nullable: true},
		{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Float64), Nullable: true},
		{Name: "Upper", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.Int8Builder).AppendValues([]int8{-5, 0, 7}, []bool{true, false, true})
	b.Field(1).(*array.Uint8Builder).AppendValues([]uint8{255, 1, 0}, nil)
	b.Field(2).(*array.Uint32Builder).AppendValues([]uint32{4294967295, 2, 3}, nil)
	b.Field(3).(*array.TimestampBuilder).AppendValues([]arrow.Timestamp{1_000_123, -1, 0}, nil)
	b.Field(4).(*array.TimestampBuilder).AppendValues([]arrow.Timestamp{86_400_000_001, 0, 5}, nil)
	b.Field(5).(*array.Date32Builder).AppendValues([]arrow.Date32{0, 19000, -1}, nil)
	db := b.Field(6).(*array.Decimal128Builder)
	db.Append(decimal128.FromI64(1234567))
	db.AppendNull()
	db.Append(decimal128.FromI64(-1))
	b.Field(7).(*array.LargeStringBuilder).AppendValues([]string{"a", "", "ccc"}, []bool{true, true, false})
	b.Field(8).(*array.BinaryBuilder).AppendValues([][]byte{{1, 2}, nil, {}}, []bool{true, false, true})
	b.Field(9).(*array.FixedSizeBinaryBuilder).AppendValues([][]byte{{1, 2}, {3, 4}, {5, 6}}, nil)
	lb := b.Field(10).(*array.ListBuilder)
	lb.Append(true)
	lb.ValueBuilder().(*array.Int32Builder).AppendValues([]int32{1, 2}, nil)
	lb.AppendNull()
	lb.Append(true)
	sb := b.Field(11).(*array.StructBuilder)
	sb.Append(true)
	sb.FieldBuilder(0).(*array.Int64Builder).Append(9)
	sb.FieldBuilder(1).(*array.StringBuilder).Append("nine")
	sb.AppendNull() // also appends nulls to the children
	sb.Append(true)
	sb.FieldBuilder(0).(*array.Int64Builder).AppendNull()
	sb.FieldBuilder(1).(*array.StringBuilder).Append("x")
	mb := b.Field(12).(*array.MapBuilder)
	mb.Append(true)
	mb.KeyBuilder().(*array.StringBuilder).Append("k")
	mb.ItemBuilder().(*array.Float64Builder).Append(1.5)
	mb.Append(true)
	mb.AppendNull()
	b.Field(13).(*array.Float32Builder).AppendValues([]float32{1.5, 2, 3}, nil)
	return b.NewRecordBatch()
}

func TestParquetTypes(t *testing.T) {
	dir := t.TempDir()
	rec := typesBatch(t)
	defer rec.Release()
	for _, store := range []bool{false, true} {
		path := filepath.Join(dir, "store", "x.parquet")
		if !store {
			path = filepath.Join(dir, "plain", "x.parquet")
		}
		writeParquet(t, path, rec, 2, store)
		mem := checked(t)
		tb := open(t, "parquet", []string{path}, "", nil)
		tb.Allocator = mem
		want := "i8:tinyint,u8:smallint,u32:bigint,ts_ms:timestamp,ts_ntz:timestamp_ntz,d:date,dec:decimal(25,3)," +
			"ls:string,bin:binary,fsb:binary,list:array<int>,st:struct<x:bigint,y:string>,m:map<string,double>,Upper:float"
		if got := schemaString(tb.Schema()); got != want {
			t.Fatalf("store=%v schema\n got %s\nwant %s", store, got, want)
		}
		rows := scanAll(t, tb, nil, 2)
		equalRows(t, rows, []string{
			"-5|255|4294967295|1970-01-01 00:16:40.123|1970-01-02 00:00:00.000001|1970-01-01|1234.567|a|0x0102|0x0102|[1,2]|{9,nine}|{k->1.5}|1.5",
			"NULL|1|2|1969-12-31 23:59:59.999|1970-01-01 00:00:00|2022-01-08|NULL||NULL|0x0304|NULL|NULL|{}|2",
			"7|0|3|1970-01-01 00:00:00|1970-01-01 00:00:00.000005|1969-12-31|-0.001|NULL|0x|0x0506|[]|{NULL,x}|NULL|3",
		})
		// Exact Arrow types of the Spark mapping.
		s, err := tb.Scan(nil, 1)
		if err != nil {
			t.Fatal(err)
		}
		want2, _ := types.ToArrowSchema(tb.Schema())
		if !s.Schema().Equal(want2) {
			t.Fatalf("arrow schema %s", s.Schema())
		}
		// A user schema reads by name, case-insensitively, widens, and fills missing columns.
		tb2 := open(t, "parquet", []string{path}, "upper double, I8 int, missing string, ts_ms timestamp", nil)
		tb2.Allocator = mem
		equalRows(t, scanAll(t, tb2, nil, 1), []string{
			"1.5|-5|NULL|1970-01-01 00:16:40.123",
			"2|NULL|NULL|1969-12-31 23:59:59.999",
			"3|7|NULL|1970-01-01 00:00:00",
		})
	}
}

func TestParquetTypeMismatchAndBadFile(t *testing.T) {
	dir := t.TempDir()
	rec := typesBatch(t)
	defer rec.Release()
	path := filepath.Join(dir, "x.parquet")
	writeParquet(t, path, rec, 10, false)
	tb := open(t, "parquet", []string{path}, "ls int", nil)
	_, err := scanRows(tb, nil, 1)
	if errClass(err) != "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH" {
		t.Fatalf("err %v", err)
	}
	bad := writeFile(t, dir, "bad/y.parquet", "this is not parquet at all, not even close")
	_, err = Open("parquet", []string{bad}, nil, nil)
	if errClass(err) != "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER" || !strings.Contains(err.Error(), "file:"+bad) {
		t.Fatalf("err %v", err)
	}
	// With a user schema the footer is read when scanning.
	tb = open(t, "parquet", []string{bad}, "a int", nil)
	if _, err := tb.Scan(nil, 1); errClass(err) != "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER" {
		t.Fatalf("err %v", err)
	}
	// Truncated file.
	data, _ := os.ReadFile(path)
	trunc := writeFile(t, dir, "trunc/z.parquet", string(data[:len(data)/2]))
	if _, err := Open("parquet", []string{trunc}, nil, nil); err == nil {
		t.Fatal("truncated file opened")
	}
	// Corrupted middle: never a panic.
	mid := append([]byte(nil), data...)
	for i := 4; i < len(mid)/2; i += 7 {
		mid[i] ^= 0x5a
	}
	corrupt := writeFile(t, dir, "corrupt/z.parquet", string(mid))
	if tb, err := Open("parquet", []string{corrupt}, nil, nil); err == nil {
		_, _ = scanRows(tb, nil, 1)
	}
}

func TestParquetRowGroupPruning(t *testing.T) {
	dir := t.TempDir()
	mem := memory.NewGoAllocator()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "d", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "p", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
		{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	for i := 0; i < 100; i++ {
		b.Field(0).(*array.Int64Builder).Append(int64(i))
		b.Field(1).(*array.StringBuilder).Append(string(rune('a' + i/10)))
		b.Field(2).(*array.Date32Builder).Append(arrow.Date32(i))
		b.Field(3).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(i * 100)))
		if i < 50 {
			b.Field(4).(*array.Int32Builder).AppendNull()
		} else {
			b.Field(4).(*array.Int32Builder).Append(1)
		}
	}
	rec := b.NewRecordBatch()
	b.Release()
	defer rec.Release()
	path := filepath.Join(dir, "t.parquet")
	writeParquet(t, path, rec, 10, false) // 10 row groups of 10 rows
	tb := open(t, "parquet", []string{path}, "", nil)
	cases := []struct {
		preds []Predicate
		rows  int
	}{
		{nil, 100},
		{[]Predicate{{Column: 0, Op: OpEq, Value: int64(42)}}, 10},
		{[]Predicate{{Column: 0, Op: OpLt, Value: int64(20)}}, 20},
		{[]Predicate{{Column: 0, Op: OpGtEq, Value: int64(95)}}, 10},
		{[]Predicate{{Column: 0, Op: OpGt, Value: int64(99)}}, 0},
		{[]Predicate{{Column: 1, Op: OpEq, Value: "c"}}, 10},
		{[]Predicate{{Column: 2, Op: OpLtEq, Value: int32(10)}}, 20},
		{[]Predicate{{Column: 3, Op: OpGt, Value: decimal128.FromI64(9000)}}, 10},
		{[]Predicate{{Column: 4, Op: OpIsNull}}, 50},
		{[]Predicate{{Column: 4, Op: OpIsNotNull}}, 50},
		{[]Predicate{{Column: 4, Op: OpEq, Value: int32(1)}}, 50},
		{[]Predicate{{Column: 0, Op: OpEq, Value: nil}}, 0},
		{[]Predicate{{Column: 0, Op: OpGt, Value: int64(30)}, {Column: 0, Op: OpLt, Value: int64(50)}}, 20},
	}
	for i, c := range cases {
		rows := scanAll(t, tb, []int{0}, 3, c.preds...)
		if len(rows) != c.rows {
			t.Errorf("case %d %v: %d rows, want %d", i, c.preds, len(rows), c.rows)
		}
	}
	s, err := tb.Scan(nil, 1, Predicate{Column: 0, Op: OpEq, Value: int64(42)})
	if err != nil {
		t.Fatal(err)
	}
	if m := s.Metrics(); m["row_groups_pruned"] != 9 {
		t.Errorf("metrics %v", m)
	}
	if !strings.Contains(s.Describe(), "PushedFilters: [id = 42]") {
		t.Errorf("describe %s", s.Describe())
	}
}

func TestParquetPartitionsAndMemoryPool(t *testing.T) {
	dir := t.TempDir()
	rec := typesBatch(t)
	defer rec.Release()
	for i := 0; i < 5; i++ {
		writeParquet(t, filepath.Join(dir, "part-"+string(rune('0'+i))+".parquet"), rec, 1, false)
	}
	mem := checked(t)
	tb := open(t, "parquet", []string{dir}, "", nil)
	tb.Allocator = mem
	if len(tb.Files()) != 5 {
		t.Fatalf("files %v", tb.Files())
	}
	s, err := tb.Scan([]int{0, 11}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if s.Partitions() != 4 {
		t.Fatalf("%d partitions", s.Partitions())
	}
	total := 0
	for _, sp := range s.Splits() {
		total += len(sp)
	}
	if total == 0 {
		t.Fatal("no splits")
	}
	ctx := pmem.WithPool(context.Background(), pmem.NewPool(1<<20))
	n := 0
	err = physical.Collect(ctx, s, func(b arrow.RecordBatch) error {
		n += int(b.NumRows())
		b.Release()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 15 {
		t.Fatalf("%d rows", n)
	}
	// A canceled context stops the scan.
	cctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := s.Execute(cctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Next(); err == nil {
		t.Fatal("canceled scan returned a batch")
	}
	st.Close()
	_ = time.Now
}

func TestParquetInt96AndNanos(t *testing.T) {
	dir := t.TempDir()
	mem := memory.NewGoAllocator()
	ns := &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}
	schema := arrow.NewSchema([]arrow.Field{{Name: "t", Type: ns, Nullable: true}}, nil)
	b := array.NewRecordBuilder(mem, schema)
	b.Field(0).(*array.TimestampBuilder).AppendValues([]arrow.Timestamp{1_500_000_999, -1}, nil)
	b.Field(0).(*array.TimestampBuilder).AppendNull()
	rec := b.NewRecordBatch()
	b.Release()
	defer rec.Release()
	write := func(path string, opts ...pqarrow.WriterOption) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		w, err := pqarrow.NewFileWriter(schema, f, parquet.NewWriterProperties(parquet.WithVersion(parquet.V2_6)),
			pqarrow.NewArrowWriterProperties(opts...))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	int96 := filepath.Join(dir, "int96.parquet")
	write(int96, pqarrow.WithDeprecatedInt96Timestamps(true))
	chk := checked(t)
	tb := open(t, "parquet", []string{int96}, "", nil)
	tb.Allocator = chk
	if got := schemaString(tb.Schema()); got != "t:timestamp" {
		t.Fatalf("schema %s", got)
	}
	// Nanoseconds floor to microseconds.
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1970-01-01 00:00:01.5", "1969-12-31 23:59:59.999999", "NULL"})
	nanos := filepath.Join(dir, "nanos.parquet")
	write(nanos)
	if _, err := Open("parquet", []string{nanos}, nil, nil); errClass(err) != "PARQUET_TYPE_ILLEGAL" {
		t.Fatalf("nanos: %v", err)
	}
}

func TestParquetSparkSchemaInFooter(t *testing.T) {
	dir := t.TempDir()
	mem := memory.NewGoAllocator()
	sparkJSON := `{"type":"struct","fields":[{"name":"s","type":"short","nullable":false,"metadata":{}},` +
		`{"name":"c","type":"string","nullable":true,"metadata":{}}]}`
	md := arrow.NewMetadata([]string{sparkSchemaKey}, []string{sparkJSON})
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: arrow.PrimitiveTypes.Int32},
		{Name: "c", Type: arrow.BinaryTypes.String, Nullable: true},
	}, &md)
	b := array.NewRecordBuilder(mem, schema)
	b.Field(0).(*array.Int32Builder).AppendValues([]int32{1, -2}, nil)
	b.Field(1).(*array.StringBuilder).AppendValues([]string{"x", "y"}, nil)
	rec := b.NewRecordBatch()
	b.Release()
	defer rec.Release()
	path := filepath.Join(dir, "spark.parquet")
	writeParquet(t, path, rec, 10, false)
	chk := checked(t)
	tb := open(t, "parquet", []string{path}, "", nil)
	tb.Allocator = chk
	if got := schemaString(tb.Schema()); got != "s:smallint,c:string" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1|x", "-2|y"})
}

func TestParquetMergeSchema(t *testing.T) {
	dir := t.TempDir()
	mem := memory.NewGoAllocator()
	mk := func(name string, typ arrow.DataType, vals []int64) arrow.RecordBatch {
		schema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
			{Name: name, Type: typ, Nullable: true}}, nil)
		b := array.NewRecordBuilder(mem, schema)
		defer b.Release()
		b.Field(0).(*array.Int64Builder).AppendValues(vals, nil)
		switch bb := b.Field(1).(type) {
		case *array.Int32Builder:
			for _, v := range vals {
				bb.Append(int32(v * 10))
			}
		case *array.StringBuilder:
			for _, v := range vals {
				bb.Append(strings.Repeat("z", int(v)))
			}
		}
		return b.NewRecordBatch()
	}
	r1 := mk("a", arrow.PrimitiveTypes.Int32, []int64{1, 2})
	defer r1.Release()
	r2 := mk("b", arrow.BinaryTypes.String, []int64{3})
	defer r2.Release()
	writeParquet(t, filepath.Join(dir, "p1.parquet"), r1, 10, false)
	writeParquet(t, filepath.Join(dir, "p2.parquet"), r2, 10, false)
	tb := open(t, "parquet", []string{dir}, "", nil)
	if got := schemaString(tb.Schema()); got != "id:bigint,a:int" {
		t.Fatalf("schema %s", got)
	}
	tb = open(t, "parquet", []string{dir}, "", map[string]string{"mergeSchema": "true"})
	if got := schemaString(tb.Schema()); got != "id:bigint,a:int,b:string" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 2), []string{"1|10|NULL", "2|20|NULL", "3|NULL|zzz"})
}
