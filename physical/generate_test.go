package physical

import (
	"context"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
)

var (
	i32 = arrow.PrimitiveTypes.Int32
	i64 = arrow.PrimitiveTypes.Int64
	str = arrow.BinaryTypes.String
)

// withColumns is the child schema followed by generator columns.
func withColumns(child *arrow.Schema, fields ...any) *arrow.Schema {
	return arrow.NewSchema(append(append([]arrow.Field(nil), child.Fields()...), schemaOf(fields...).Fields()...), nil)
}

func TestGenerateExplode(t *testing.T) {
	list := arrow.ListOf(i32)
	in := schemaOf("id", i64, "arr", list)
	src := source(t, in, []string{
		`[{"id": 1, "arr": [10, 20]}, {"id": 2, "arr": []}, {"id": 3, "arr": null}, {"id": 4, "arr": [null, 40]}]`,
		`[{"id": 5, "arr": [50]}]`,
	})
	cases := []struct {
		kind  GeneratorKind
		outer bool
		out   *arrow.Schema
		want  []string
	}{
		{ExplodeGenerator, false, withColumns(in, "col", i32),
			[]string{"1|[10,20]|10", "1|[10,20]|20", "4|[null,40]|null", "4|[null,40]|40", "5|[50]|50"}},
		{ExplodeGenerator, true, withColumns(in, "col", i32),
			[]string{"1|[10,20]|10", "1|[10,20]|20", "2|[]|null", "3|null|null", "4|[null,40]|null", "4|[null,40]|40", "5|[50]|50"}},
		{PosExplodeGenerator, true, withColumns(in, "pos", i32, "col", i32),
			[]string{"1|[10,20]|0|10", "1|[10,20]|1|20", "2|[]|null|null", "3|null|null|null", "4|[null,40]|0|null", "4|[null,40]|1|40", "5|[50]|0|50"}},
	}
	for _, c := range cases {
		g, err := NewGenerate(src, c.kind, []expr.Expr{col(1, list)}, 0, c.outer, []int{0, 1}, c.out)
		if err != nil {
			t.Fatal(err)
		}
		eqStrings(t, g.Describe(), rows(t, g), c.want)
	}
}

func TestGenerateMapAndInline(t *testing.T) {
	m := arrow.MapOf(str, i64)
	st := arrow.StructOf(arrow.Field{Name: "x", Type: i32, Nullable: true}, arrow.Field{Name: "y", Type: str, Nullable: true})
	sa := arrow.ListOf(st)
	in := schemaOf("id", i64, "m", m, "sa", sa)
	src := source(t, in, []string{
		`[{"id": 1, "m": [{"key": "a", "value": 1}, {"key": "b", "value": null}], "sa": [{"x": 1, "y": "p"}, null, {"x": null, "y": "q"}]},
		  {"id": 2, "m": null, "sa": []},
		  {"id": 3, "m": [], "sa": null}]`,
	})
	g, err := NewGenerate(src, PosExplodeGenerator, []expr.Expr{col(1, m)}, 0, false, []int{0, 1, 2}, withColumns(in, "pos", i32, "key", str, "value", i64))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows(t, g) {
		p := strings.Split(r, "|")
		got = append(got, p[0]+"|"+strings.Join(p[3:], "|"))
	}
	eqStrings(t, "posexplode(map)", got, []string{"1|0|a|1", "1|1|b|null"})

	g, err = NewGenerate(src, InlineGenerator, []expr.Expr{col(2, sa)}, 0, true, []int{0, 1, 2}, withColumns(in, "x", i32, "y", str))
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, r := range rows(t, g) {
		p := strings.Split(r, "|")
		got = append(got, p[0]+"|"+strings.Join(p[3:], "|"))
	}
	// A NULL struct gives a row of NULLs; outer adds one for the empty and NULL arrays.
	eqStrings(t, "inline_outer", got, []string{"1|1|p", "1|null|null", "1|null|q", "2|null|null", "3|null|null"})
}

func TestGenerateStack(t *testing.T) {
	in := schemaOf("a", i64, "b", i64, "c", i64)
	src := source(t, in, []string{`[{"a": 1, "b": 2, "c": 3}, {"a": 4, "b": null, "c": 6}]`})
	// stack(2, a, b, c): rows (a, b) and (c, NULL).
	g, err := NewGenerate(src, StackGenerator, []expr.Expr{col(0, i64), col(1, i64), col(2, i64)}, 2, false, []int{0, 1, 2},
		withColumns(in, "col0", i64, "col1", i64))
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "stack", rows(t, g), []string{"1|2|3|1|2", "1|2|3|3|null", "4|null|6|4|null", "4|null|6|6|null"})
	// stack(3, a, b): one column, the third row NULL.
	g, err = NewGenerate(src, StackGenerator, []expr.Expr{col(0, i64), col(1, i64)}, 3, false, []int{0, 1, 2}, withColumns(in, "col0", i64))
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "stack3", rows(t, g), []string{"1|2|3|1", "1|2|3|2", "1|2|3|null", "4|null|6|4", "4|null|6|null", "4|null|6|null"})
}

// Input batches that are slices of larger arrays, and output split into batches of about
// DefaultBatchRows rows.
func TestGenerateSlicesAndBatchSize(t *testing.T) {
	list := arrow.ListOf(i64)
	in := schemaOf("id", i64, "arr", list)
	b := array.NewRecordBuilder(arrowmem.DefaultAllocator, in)
	ids := b.Field(0).(*array.Int64Builder)
	lb := b.Field(1).(*array.ListBuilder)
	vb := lb.ValueBuilder().(*array.Int64Builder)
	const perRow = 5000
	for r := range 5 {
		ids.Append(int64(r))
		lb.Append(true)
		for j := range perRow {
			vb.Append(int64(r*perRow + j))
		}
	}
	full := b.NewRecordBatch()
	b.Release()
	defer full.Release()
	sliced := full.NewSlice(1, 4) // rows 1, 2, 3
	src := &memSource{schema: in, parts: [][]arrow.RecordBatch{{sliced}}}
	g, err := NewGenerate(src, PosExplodeGenerator, []expr.Expr{col(1, list)}, 0, false, []int{0}, arrow.NewSchema(append([]arrow.Field{in.Field(0)}, schemaOf("pos", i32, "col", i64).Fields()...), nil))
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	var total int64
	err = Collect(context.Background(), g, func(out arrow.RecordBatch) error {
		defer out.Release()
		sizes = append(sizes, out.NumRows())
		id := out.Column(0).(*array.Int64)
		pos := out.Column(1).(*array.Int32)
		v := out.Column(2).(*array.Int64)
		for i := range int(out.NumRows()) {
			if want := id.Value(i)*perRow + int64(pos.Value(i)); v.Value(i) != want {
				t.Fatalf("row %d: id %d pos %d value %d, want %d", i, id.Value(i), pos.Value(i), v.Value(i), want)
			}
		}
		total += out.NumRows()
		return nil
	})
	sliced.Release()
	if err != nil {
		t.Fatal(err)
	}
	if total != 3*perRow {
		t.Errorf("%d rows, want %d", total, 3*perRow)
	}
	for _, s := range sizes {
		if s > DefaultBatchRows {
			t.Errorf("batch sizes %v exceed %d", sizes, DefaultBatchRows)
		}
	}
	if len(sizes) != 3 {
		t.Errorf("batch sizes %v, want one per input row", sizes)
	}
}

func TestGenerateChecksTypes(t *testing.T) {
	in := schemaOf("arr", arrow.ListOf(i32))
	src := source(t, in, []string{`[]`})
	if _, err := NewGenerate(src, ExplodeGenerator, []expr.Expr{col(0, arrow.ListOf(i32))}, 0, false, []int{0}, withColumns(in, "col", i64)); err == nil {
		t.Error("explode of list<int32> into an int64 column: no error")
	}
	if _, err := NewGenerate(src, InlineGenerator, []expr.Expr{col(0, arrow.ListOf(i32))}, 0, false, []int{0}, withColumns(in, "col", i32)); err == nil {
		t.Error("inline of list<int32>: no error")
	}
	if _, err := NewGenerate(src, StackGenerator, []expr.Expr{col(0, arrow.ListOf(i32))}, 0, false, []int{0}, withColumns(in, "col", i32)); err == nil {
		t.Error("stack of 0 rows: no error")
	}
}

// BenchmarkGenerateExplode explodes batches of 1024 rows of 64-element arrays, carrying
// an id column.
func BenchmarkGenerateExplode(b *testing.B) {
	list := arrow.ListOf(i64)
	in := schemaOf("id", i64, "arr", list)
	rb := array.NewRecordBuilder(arrowmem.DefaultAllocator, in)
	ids := rb.Field(0).(*array.Int64Builder)
	lb := rb.Field(1).(*array.ListBuilder)
	vb := lb.ValueBuilder().(*array.Int64Builder)
	for r := range 1024 {
		ids.Append(int64(r))
		lb.Append(true)
		for j := range 64 {
			vb.Append(int64(j))
		}
	}
	batch := rb.NewRecordBatch()
	rb.Release()
	defer batch.Release()
	src := &memSource{schema: in, parts: [][]arrow.RecordBatch{{batch}}}
	out := arrow.NewSchema(append([]arrow.Field{in.Field(0)}, schemaOf("col", i64).Fields()...), nil)
	g, err := NewGenerate(src, ExplodeGenerator, []expr.Expr{col(1, list)}, 0, false, []int{0}, out)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := Collect(context.Background(), g, func(o arrow.RecordBatch) error { o.Release(); return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(1024 * 64 * 16)
}
