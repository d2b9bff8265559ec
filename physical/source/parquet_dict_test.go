package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// TestParquetDictionaryStrings reads dictionary-encoded string and binary columns (with
// nulls, over several row groups, with batches that straddle row groups) through the
// dictionary path, and a column whose dictionary overflowed to plain pages through the
// plain path; every value must come back as written.
func TestParquetDictionaryStrings(t *testing.T) {
	const n = 1000
	mem := memory.NewGoAllocator()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "flag", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "raw", Type: arrow.BinaryTypes.Binary, Nullable: true},
		{Name: "uniq", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "empty", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "instr", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "long", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	instrs := []string{"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN", "exactly-thirty-two-bytes-long-xx"}
	longs := []string{strings.Repeat("a long value ", 4), "short", ""}
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	flags := []string{"A", "N", "R", "", "MAIL", "TRUCK"}
	var want []string
	for i := range n {
		row := ""
		if i%7 == 3 {
			b.Field(0).AppendNull()
			row = "NULL"
		} else {
			v := flags[(i*5)%len(flags)]
			b.Field(0).(*array.StringBuilder).Append(v)
			row = v
		}
		if i%11 == 0 {
			b.Field(1).AppendNull()
			row += "|NULL"
		} else {
			v := []byte{byte(i % 3), 0xff}
			b.Field(1).(*array.BinaryBuilder).Append(v)
			row += fmt.Sprintf("|0x%02x%02x", v[0], v[1])
		}
		u := fmt.Sprintf("unique-value-%06d", i)
		b.Field(2).(*array.StringBuilder).Append(u)
		row += "|" + u
		if i%3 == 0 {
			b.Field(3).AppendNull()
			row += "|NULL"
		} else {
			b.Field(3).(*array.StringBuilder).Append("")
			row += "|"
		}
		if i%13 == 5 {
			b.Field(4).AppendNull()
			row += "|NULL"
		} else {
			v := instrs[(i*3)%len(instrs)]
			b.Field(4).(*array.StringBuilder).Append(v)
			row += "|" + v
		}
		v := longs[i%len(longs)]
		b.Field(5).(*array.StringBuilder).Append(v)
		row += "|" + v
		want = append(want, row)
	}
	rec := b.NewRecordBatch()
	defer rec.Release()

	path := filepath.Join(t.TempDir(), "dict.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	props := parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(300), parquet.WithDictionaryDefault(true),
		parquet.WithDictionaryPageSizeLimit(512), parquet.WithDataPageSize(256))
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
	f.Close()

	// The first two columns qualify for the dictionary path, the third does not (its
	// dictionary outgrew the page size limit and later pages are plain), the fourth (only
	// empty strings and nulls) does.
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	md := pf.MetaData()
	pf.Close()
	all := make([]int, md.NumRowGroups())
	for i := range all {
		all[i] = i
	}
	root := md.Schema.Root()
	for col, wantDict := range []bool{true, true, false, true, true, true} {
		if got := readAsDictionary(md, root.Field(col), col, all); got != wantDict {
			t.Fatalf("column %d: readAsDictionary %v, want %v", col, got, wantDict)
		}
	}

	for _, rows := range []int{64, 250, 4096} {
		checkedMem := checked(t)
		tb := open(t, "parquet", []string{path}, "", nil)
		tb.Allocator = checkedMem
		tb.BatchRows = rows
		equalRows(t, scanAll(t, tb, nil, 1), want)
	}
}
