package physical

import (
	"context"
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

func TestReplicateRows(t *testing.T) {
	in := schemaOf("k", str, "a", i64, "b", i64)
	src := source(t, in, []string{
		`[{"k": "x", "a": 3, "b": 1}, {"k": null, "a": 2, "b": 0}, {"k": "y", "a": 0, "b": 2}, {"k": "z", "a": 2, "b": 5}]`,
		`[{"k": "w", "a": 1, "b": 1}, {"k": "v", "a": null, "b": 1}]`,
	})
	out := schemaOf("k", str)
	cases := []struct {
		mode ReplicateMode
		want []string
	}{
		{ReplicateDifference, []string{"x", "x", "null", "null"}},
		{ReplicateMinimum, []string{"x", "z", "z", "w"}},
	}
	for _, c := range cases {
		r, err := NewReplicateRows(src, 1, 2, c.mode, []int{0}, out)
		if err != nil {
			t.Fatal(err)
		}
		eqStrings(t, r.Describe(), rows(t, r), c.want)
	}
}

// A batch whose rows all have one copy passes through; a row with many copies streams
// out in batches of at most DefaultBatchRows rows.
func TestReplicateRowsBatches(t *testing.T) {
	in := schemaOf("k", i64, "a", i64, "b", i64)
	src := source(t, in, []string{
		`[{"k": 1, "a": 1, "b": 0}, {"k": 2, "a": 1, "b": 0}]`,
		fmt.Sprintf(`[{"k": 3, "a": %d, "b": 0}, {"k": 4, "a": 2, "b": 0}]`, 2*DefaultBatchRows+5),
	})
	r, err := NewReplicateRows(src, 1, 2, ReplicateDifference, []int{0}, schemaOf("k", i64))
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	total := map[string]int{}
	err = Collect(context.Background(), r, func(b arrow.RecordBatch) error {
		defer b.Release()
		sizes = append(sizes, b.NumRows())
		col := b.Column(0)
		for i := range col.Len() {
			total[col.ValueStr(i)]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sizes) != fmt.Sprint([]int64{2, DefaultBatchRows, DefaultBatchRows, 7}) {
		t.Errorf("batch sizes %v", sizes)
	}
	want := map[string]int{"1": 1, "2": 1, "3": 2*DefaultBatchRows + 5, "4": 2}
	if fmt.Sprint(total) != fmt.Sprint(want) {
		t.Errorf("copies %v, want %v", total, want)
	}
}

func TestReplicateRowsChecksColumns(t *testing.T) {
	in := schemaOf("k", str, "a", i32, "b", i64)
	src := source(t, in, []string{`[]`})
	if _, err := NewReplicateRows(src, 1, 2, ReplicateMinimum, []int{0}, schemaOf("k", str)); err == nil {
		t.Error("an int32 count column was accepted")
	}
	if _, err := NewReplicateRows(src, 2, 2, ReplicateMinimum, []int{0}, schemaOf("k", i64)); err == nil {
		t.Error("a kept column of another type was accepted")
	}
}
