package physical

import (
	"context"
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

// manyPartitions builds a source of parts partitions, each of batches batches of two
// rows, whose values record partition and batch.
func manyPartitions(t *testing.T, parts, batches int) *memSource {
	t.Helper()
	var ps [][]string
	for p := range parts {
		var bs []string
		for b := range batches {
			bs = append(bs, fmt.Sprintf(`[{"k":%d,"v":"p%db%d"},{"k":%d,"v":"p%db%d"}]`, p, p, b, p+100, p, b))
		}
		ps = append(ps, bs)
	}
	return source(t, schemaOf("k", arrow.PrimitiveTypes.Int64, "v", arrow.BinaryTypes.String), ps...)
}

// An exchange yields each output partition's rows in source partition order, whatever
// the producers' timing, in memory and when the pool forces spilling.
func TestRepartitionKeepsSourceOrder(t *testing.T) {
	src := manyPartitions(t, 8, 6)
	want := rows(t, NewCoalesce(src))
	for _, limit := range []int64{0, 1} {
		ctx := context.Background()
		if limit > 0 {
			ctx = memory.WithPool(ctx, memory.NewPool(limit))
		}
		for run := range 20 {
			one, err := NewRepartition(src, nil, 1)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tryRows(ctx, one)
			if err != nil {
				t.Fatal(err)
			}
			eqStrings(t, fmt.Sprintf("limit %d run %d: all into one", limit, run), got, want)
			got, err = tryRows(ctx, NewRoundRobin(src, 1))
			if err != nil {
				t.Fatal(err)
			}
			eqStrings(t, fmt.Sprintf("limit %d run %d: round robin into one", limit, run), got, want)
			// Hash partitions: each output partition lists its rows in source order, so
			// the whole output is the same in every run.
			h, err := NewRepartition(src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, 3)
			if err != nil {
				t.Fatal(err)
			}
			first, err := tryRows(ctx, h)
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				again, err := tryRows(ctx, h)
				if err != nil {
					t.Fatal(err)
				}
				eqStrings(t, fmt.Sprintf("limit %d run %d: hash repartition", limit, run), again, first)
			}
		}
	}
}
