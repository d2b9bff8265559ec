package physical

import (
	"context"
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

func collectInt64(t *testing.T, p ExecutionPlan) []int64 {
	t.Helper()
	var out []int64
	err := Collect(context.Background(), p, func(b arrow.RecordBatch) error {
		defer b.Release()
		out = append(out, b.Column(0).(*array.Int64).Int64Values()...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRangeMatchesSparkSplitsAndOrder(t *testing.T) {
	cases := []struct {
		start, end, step int64
		parts            int
		want             []int64
	}{
		{0, 10, 3, 4, []int64{0, 3, 6, 9}},
		{10, 0, -4, 2, []int64{10, 6, 2}},
		{0, 10, -1, 2, nil},
		{5, 5, 1, 3, nil},
		{math.MaxInt64 - 2, math.MaxInt64, 1, 2, []int64{math.MaxInt64 - 2, math.MaxInt64 - 1}},
		{math.MinInt64, math.MinInt64 + 3, 2, 5, []int64{math.MinInt64, math.MinInt64 + 2}},
	}
	for _, c := range cases {
		got := collectInt64(t, NewRange(c.start, c.end, c.step, c.parts))
		if len(got) != len(c.want) {
			t.Fatalf("range(%d,%d,%d): got %v want %v", c.start, c.end, c.step, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Fatalf("range(%d,%d,%d): got %v want %v", c.start, c.end, c.step, got, c.want)
			}
		}
	}
	// Spark's split: partition i holds elements [i*n/p, (i+1)*n/p).
	r := NewRange(0, 10, 1, 3)
	for i, want := range [][2]int64{{0, 3}, {3, 6}, {6, 10}} {
		lo, hi := r.bounds(i)
		if lo != want[0] || hi != want[1] {
			t.Fatalf("partition %d: [%d,%d) want %v", i, lo, hi, want)
		}
	}
}

func TestCollectStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Collect(ctx, NewRange(0, 1<<40, 1, 2), func(b arrow.RecordBatch) error {
		b.Release()
		n++
		if n == 3 {
			cancel()
		}
		return nil
	})
	if err == nil {
		t.Fatal("a cancelled collect must fail")
	}
}

func TestLimitTakesPartitionsInOrder(t *testing.T) {
	got := collectInt64(t, NewLimit(NewRange(0, 100000, 1, 4), 30000))
	if len(got) != 30000 || got[0] != 0 || got[29999] != 29999 {
		t.Fatalf("limit: %d rows, first %d last %d", len(got), got[0], got[len(got)-1])
	}
}
