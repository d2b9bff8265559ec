package arrowbatch

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func stringBatch(t *testing.T, mem memory.Allocator, rows int, width int) arrow.RecordBatch {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	b := array.NewStringBuilder(mem)
	defer b.Release()
	for i := 0; i < rows; i++ {
		if i%7 == 3 {
			b.AppendNull()
			continue
		}
		b.Append(strings.Repeat(string(rune('a'+i%26)), width))
	}
	col := b.NewArray()
	defer col.Release()
	return array.NewRecordBatch(schema, []arrow.Array{col}, int64(rows))
}

func TestEncodeSplitsByBytesAndKeepsEveryRow(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	batch := stringBatch(t, mem, 5000, 1000) // ~5 MB
	defer batch.Release()
	const limit = 1 << 20
	var total int64
	var parts int
	var seen []string
	err := Encode(batch, limit, func(data []byte, rows int64) error {
		parts++
		if len(data) > limit {
			t.Errorf("part %d is %d bytes, over the %d limit", parts, len(data), limit)
		}
		_, got, err := Decode(data)
		if err != nil {
			return err
		}
		var n int64
		for _, b := range got {
			n += b.NumRows()
			col := b.Column(0).(*array.String)
			for i := 0; i < col.Len(); i++ {
				if col.IsNull(i) {
					seen = append(seen, "<null>")
				} else {
					seen = append(seen, col.Value(i)[:1])
				}
			}
			b.Release()
		}
		if n != rows {
			t.Errorf("part says %d rows, decodes to %d", rows, n)
		}
		total += rows
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total != 5000 || parts < 5 {
		t.Fatalf("got %d rows in %d parts, want 5000 rows in at least 5 parts", total, parts)
	}
	for i, s := range seen {
		want := string(rune('a' + i%26))
		if i%7 == 3 {
			want = "<null>"
		}
		if s != want {
			t.Fatalf("row %d = %q, want %q (order or content lost)", i, s, want)
		}
	}
}

func TestEncodeEmptyBatchCarriesSchema(t *testing.T) {
	batch := stringBatch(t, memory.DefaultAllocator, 0, 1)
	defer batch.Release()
	calls := 0
	err := Encode(batch, DefaultMaxBytes, func(data []byte, rows int64) error {
		calls++
		schema, got, err := Decode(data)
		if err != nil {
			return err
		}
		if rows != 0 || schema.Field(0).Name != "s" {
			t.Errorf("rows=%d schema=%v", rows, schema)
		}
		for _, b := range got {
			b.Release()
		}
		return nil
	})
	if err != nil || calls != 1 {
		t.Fatalf("err=%v calls=%d", err, calls)
	}
}
