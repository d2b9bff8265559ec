package aggregate

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestFilterBatchMatchesTake filters batches of every column kind FilterBatch copies by
// runs (and some it hands to Take), with NULLs, sliced inputs and selections from sparse
// to nearly all rows, and compares with Take.
func TestFilterBatchMatchesTake(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	const n = 3000
	mem := memory.DefaultAllocator
	i64 := array.NewInt64Builder(mem)
	i32 := array.NewInt32Builder(mem)
	i8 := array.NewInt8Builder(mem)
	f64 := array.NewFloat64Builder(mem)
	dec := array.NewDecimal128Builder(mem, &arrow.Decimal128Type{Precision: 15, Scale: 2})
	bl := array.NewBooleanBuilder(mem)
	str := array.NewStringBuilder(mem)
	bin := array.NewBinaryBuilder(mem, arrow.BinaryTypes.Binary)
	lst := array.NewListBuilder(mem, arrow.PrimitiveTypes.Int32)
	words := []string{"", "a", "MAIL", "DELIVER IN PERSON", "Customer#000000001"}
	for i := range n {
		null := r.Intn(7) == 0
		if null {
			i64.AppendNull()
			dec.AppendNull()
			str.AppendNull()
		} else {
			i64.Append(r.Int63())
			dec.Append(decimal128.FromI64(r.Int63n(1e9) - 5e8))
			str.Append(words[r.Intn(len(words))])
		}
		i32.Append(int32(i))
		i8.Append(int8(i))
		f64.Append(float64(i) / 3)
		if r.Intn(5) == 0 {
			bl.AppendNull()
		} else {
			bl.Append(r.Intn(2) == 0)
		}
		bin.Append([]byte(words[i%len(words)]))
		lst.Append(true)
		lst.ValueBuilder().(*array.Int32Builder).Append(int32(i))
	}
	cols := []arrow.Array{i64.NewArray(), i32.NewArray(), i8.NewArray(), f64.NewArray(), dec.NewArray(),
		bl.NewArray(), str.NewArray(), bin.NewArray(), lst.NewArray()}
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.DataType().Name(), Type: c.DataType(), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	whole := array.NewRecordBatch(schema, cols, n)
	releaseAll(cols)
	defer whole.Release()
	for _, in := range []arrow.RecordBatch{whole, whole.NewSlice(37, n-5)} {
		rows := int(in.NumRows())
		for _, keep := range []float64{0.1, 0.8, 0.97, 0.999, 1} {
			var sel []int32
			for i := range rows {
				if r.Float64() < keep {
					sel = append(sel, int32(i))
				}
			}
			got, err := FilterBatch(in, sel)
			if err != nil {
				t.Fatal(err)
			}
			want, err := TakeBatch(in, sel)
			if err != nil {
				t.Fatal(err)
			}
			if got.NumRows() != want.NumRows() {
				t.Fatalf("keep %v: %d rows, want %d", keep, got.NumRows(), want.NumRows())
			}
			for c := range int(want.NumCols()) {
				g, w := got.Column(c), want.Column(c)
				if g.NullN() != w.NullN() || !slices.Equal(strs(g), strs(w)) || !array.Equal(g, w) {
					t.Fatalf("keep %v, column %s: filtered differently from Take", keep, fields[c].Name)
				}
			}
			got.Release()
			want.Release()
		}
		if in != whole {
			in.Release()
		}
	}
}
