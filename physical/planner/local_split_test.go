package planner

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical"
)

// VALUES rows spread over two partitions of consecutive rows, as Spark's LocalTableScan
// spreads them under its default parallelism of 2.
func TestLocalPartitions(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int64}}, nil)
	row := func(v int64) physical.ExecutionPlan {
		b, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(`[{"x":`+strconv.FormatInt(v, 10)+`}]`))
		if err != nil {
			t.Fatal(err)
		}
		return physical.NewValues(schema, []arrow.RecordBatch{b})
	}
	for _, c := range []struct {
		n    int
		want [][]int64
	}{
		{1, [][]int64{{0}}},
		{2, [][]int64{{0}, {1}}},
		{5, [][]int64{{0, 1}, {2, 3, 4}}},
		{6, [][]int64{{0, 1, 2}, {3, 4, 5}}},
	} {
		var rows []physical.ExecutionPlan
		for i := range c.n {
			rows = append(rows, row(int64(i)))
		}
		p, err := localPartitions(rows)
		if err != nil {
			t.Fatal(err)
		}
		if p.Partitions() != len(c.want) {
			t.Fatalf("%d rows: %d partitions, want %d", c.n, p.Partitions(), len(c.want))
		}
		for part, want := range c.want {
			s, err := p.Execute(context.Background(), part)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for {
				b, err := s.Next()
				if err != nil {
					break
				}
				got = append(got, b.Column(0).(*array.Int64).Int64Values()...)
				b.Release()
			}
			s.Close()
			if len(got) != len(want) {
				t.Fatalf("%d rows, partition %d: got %v, want %v", c.n, part, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%d rows, partition %d: got %v, want %v", c.n, part, got, want)
				}
			}
		}
	}
}
