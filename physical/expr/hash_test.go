package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/cespare/xxhash/v2"
)

// Expected values are Spark's documented examples (hash('Spark', array(123), 2) and
// xxhash64 of the same) and answers of Spark 4 for single values.
func TestSparkHashes(t *testing.T) {
	mem := memory.NewGoAllocator()
	str := func(s string) arrow.Array {
		b := array.NewStringBuilder(mem)
		b.Append(s)
		return b.NewArray()
	}
	i32arr := func(v int32) arrow.Array {
		b := array.NewInt32Builder(mem)
		b.Append(v)
		return b.NewArray()
	}
	list := func(v int32) arrow.Array {
		b := array.NewListBuilder(mem, arrow.PrimitiveTypes.Int32)
		b.Append(true)
		b.ValueBuilder().(*array.Int32Builder).Append(v)
		return b.NewArray()
	}
	fold := func(hf hasher, seed uint64, cols ...arrow.Array) uint64 {
		h := []uint64{seed}
		for _, c := range cols {
			if err := hashColumn(hf, c, h); err != nil {
				t.Fatal(err)
			}
		}
		return h[0]
	}
	if got := int32(fold(murmur3Hasher{}, 42, str("Spark"), list(123), i32arr(2))); got != -1321691492 {
		t.Errorf("hash('Spark', array(123), 2) = %d, want -1321691492", got)
	}
	if got := int64(fold(xxhash64Hasher{}, 42, str("Spark"), list(123), i32arr(2))); got != 5602566077635097486 {
		t.Errorf("xxhash64('Spark', array(123), 2) = %d, want 5602566077635097486", got)
	}
	// A NULL argument leaves the running hash unchanged: hash(NULL) is the seed.
	nb := array.NewInt32Builder(mem)
	nb.AppendNull()
	if got := int32(fold(murmur3Hasher{}, 42, nb.NewArray())); got != 42 {
		t.Errorf("hash(NULL) = %d, want 42", got)
	}
	// Every length exercises XXH64's stripes and tails; cespare/xxhash is the reference.
	buf := make([]byte, 100)
	for i := range buf {
		buf[i] = byte(i*7 + 3)
	}
	for n := 0; n <= len(buf); n++ {
		d := xxhash.NewWithSeed(42)
		_, _ = d.Write(buf[:n])
		if got, want := (xxhash64Hasher{}).bytes(buf[:n], 42), d.Sum64(); got != want {
			t.Errorf("xxh64 of %d bytes = %#x, want %#x", n, got, want)
		}
	}
}
