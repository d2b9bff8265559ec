package physical

import (
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"
)

// ORDER BY ... LIMIT k under a pool too small for the kept rows: each partition spills
// its heap as sorted runs of at most k rows and the merge applies the limit. The rows and
// their order (ties in input order) equal the unlimited run's, and the sort gives back
// every reserved byte and spill file.
func TestTopKSpillsUnderSmallPool(t *testing.T) {
	src := spillAggSource(t, arrowmem.DefaultAllocator, 60000, 500, 3)
	keys := []SortKey{
		{Expr: col(0, arrow.PrimitiveTypes.Int64), NullsFirst: false},
		{Expr: col(1, arrow.BinaryTypes.String), Descending: true, NullsFirst: true},
	}
	for _, k := range []int64{1, 10, 3000, 25000, 100000} {
		ref, err := NewSort(src, keys, k)
		if err != nil {
			t.Fatal(err)
		}
		want, err := tryRows(newSpillEnv(t, 0).ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) != int(min(k, 60000)) {
			t.Fatalf("fetch %d: unlimited run returned %d rows", k, len(want))
		}
		for _, limit := range []int64{16 << 10, 256 << 10, 2 << 20} {
			what := fmt.Sprintf("fetch %d, limit %d", k, limit)
			env := newSpillEnv(t, limit)
			s, err := NewSort(src, keys, k)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tryRows(env.ctx, s)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			eqStrings(t, what, got, want)
			env.check(t, what)
			if spills := s.Metrics()["spill_count"]; limit <= 256<<10 && k >= 3000 && spills == 0 {
				t.Errorf("%s: expected the top-k to spill", what)
			}
		}
	}
}
