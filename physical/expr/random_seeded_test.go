package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Spark's answers (cte-recursion.sql): a recursive CTE of uuid(seed) and of
// shuffle(array(1, 2, 3, 4, 5), seed) whose later steps shift the seed by one.
func TestSeededUUID(t *testing.T) {
	for _, c := range []struct {
		seed int64
		want string
	}{
		{82374, "8b88900e-f862-468c-8d3b-828188116155"},
		{237685, "19974dca-21f6-47ef-b58c-73908ab52aa0"},
		{237686, "d0032efe-ae60-461b-8582-f6a7c649f238"},
		{237687, "be4f5346-1c7f-4697-8a2c-1343347872c5"},
		{237688, "4ea190e3-c088-4ddd-a545-fb431059ae3c"},
	} {
		u := call(t, "uuid", types.String, true, litOf(t, types.Long, c.seed))
		if !NeedsTask(u) {
			t.Fatal("uuid(seed) must ask for the task context")
		}
		got := evalStrs(t, u, WithTask(emptyBatch(2), TaskInfo{Partition: 0}))
		if got[0] != c.want || got[1] == got[0] || len(got[1]) != 36 {
			t.Errorf("uuid(%d) = %q, want %q first", c.seed, got, c.want)
		}
		// Partition p draws from seed + p.
		next := call(t, "uuid", types.String, true, litOf(t, types.Long, c.seed-1))
		if got := evalStrs(t, next, WithTask(emptyBatch(1), TaskInfo{Partition: 1})); got[0] != c.want {
			t.Errorf("uuid(%d) in partition 1 = %q, want %q", c.seed-1, got[0], c.want)
		}
	}
}

func TestSeededShuffle(t *testing.T) {
	at := types.NewArray(types.Integer, false)
	for _, c := range []struct {
		seed int32
		want string
	}{
		{237685, "[2, 1, 5, 3, 4]"},
		{237686, "[1, 2, 3, 5, 4]"},
		{237687, "[4, 5, 1, 2, 3]"},
		{237688, "[4, 3, 2, 5, 1]"},
	} {
		b := batchOf(lamIntLists([]any{1, 2, 3, 4, 5}, nil, []any{}))
		sh := call(t, "shuffle", at, true, col(0, at), litOf(t, types.Integer, c.seed))
		if !NeedsTask(sh) {
			t.Fatal("shuffle(array, seed) must ask for the task context")
		}
		wantStrs(t, sh, WithTask(b, TaskInfo{Partition: 0}), c.want, "NULL", "[]")
		b.Release()
	}
	// A NULL seed is no seed: a random permutation of the same elements.
	b := batchOf(lamIntLists([]any{7}))
	defer b.Release()
	wantStrs(t, call(t, "shuffle", at, true, col(0, at), litOf(t, types.Integer, nil)), b, "[7]")
}

// The generator is Commons Math's MersenneTwister: nextInt(n) by rejection, exact for
// powers of two.
func TestMersenneTwisterNextInt(t *testing.T) {
	r := newMersenneTwister(0)
	for n := int32(1); n < 100; n++ {
		if v := r.nextInt(n); v < 0 || v >= n {
			t.Fatalf("nextInt(%d) = %d", n, v)
		}
	}
	a, b := newMersenneTwister(42), newMersenneTwister(42)
	for range 1000 {
		if a.next32() != b.next32() {
			t.Fatal("the same seed gives different sequences")
		}
	}
}
