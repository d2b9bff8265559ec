package physical

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

// stringKeySource holds rows rows of (k string, v int64), keys from key(i).
func stringKeySource(rows int, key func(i int) string) *memSource {
	schema := schemaOf("k", arrow.BinaryTypes.String, "v", arrow.PrimitiveTypes.Int64)
	m := &memSource{schema: schema, parts: make([][]arrow.RecordBatch, 1)}
	for lo := 0; lo < rows; lo += DefaultBatchRows {
		hi := min(lo+DefaultBatchRows, rows)
		kb := array.NewStringBuilder(arrowmem.DefaultAllocator)
		vb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		for i := lo; i < hi; i++ {
			kb.Append(key(i))
			vb.Append(int64(i))
		}
		k, v := kb.NewArray(), vb.NewArray()
		m.parts[0] = append(m.parts[0], array.NewRecordBatch(schema, []arrow.Array{k, v}, int64(hi-lo)))
	}
	return m
}

// BenchmarkHashJoinBuildProbe separates the two phases BenchmarkHashJoinInt64Keys mixes:
// "build" hashes 1Mi distinct keys and probes one batch (ns per build row); "probe" builds
// one batch of keys and probes 1Mi rows that each match once (ns per probe row). The
// string variants use keys like TPC-H's names.
func BenchmarkHashJoinBuildProbe(b *testing.B) {
	r := rand.New(rand.NewSource(3))
	small := DefaultBatchRows
	int64Small := func(key func(int) int64) *memSource {
		s := int64Source(b, 1, key)
		s.parts[0] = s.parts[0][:1]
		return s
	}
	strKey := func(i int) string { return fmt.Sprintf("Customer#%09d", i) }
	cases := []struct {
		name         string
		probe, build *memSource
		keyType      arrow.DataType
		rows, out    int
	}{
		{"build-int64", int64Small(func(i int) int64 { return int64(i) }), int64Source(b, 1, func(i int) int64 { return int64(i) }),
			arrow.PrimitiveTypes.Int64, benchRows, small},
		{"probe-int64", int64Source(b, 1, func(int) int64 { return r.Int63n(int64(small)) }), int64Small(func(i int) int64 { return int64(i) }),
			arrow.PrimitiveTypes.Int64, benchRows, benchRows},
		{"build-string", stringKeySource(small, strKey), stringKeySource(benchRows, strKey),
			arrow.BinaryTypes.String, benchRows, small},
		{"probe-string", stringKeySource(benchRows, func(int) string { return strKey(r.Intn(small)) }), stringKeySource(small, strKey),
			arrow.BinaryTypes.String, benchRows, benchRows},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			k := col(0, c.keyType)
			j, err := NewHashJoin(c.probe, c.build, []expr.Expr{k}, []expr.Expr{k}, nil, InnerJoin, nil)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if n := drain(b, j); n != c.out {
					b.Fatalf("%d rows, want %d", n, c.out)
				}
			}
			report(b, c.rows)
		})
	}
}

// BenchmarkFilterKernel is BenchmarkFilter with the engine's own comparison kernel as the
// predicate instead of a hand-written loop, at three selectivities.
func BenchmarkFilterKernel(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	src := int64Source(b, 1, func(int) int64 { return r.Int63n(1000) })
	for _, keep := range []int64{10, 500, 990} {
		b.Run(fmt.Sprintf("keep=%d/1000", keep), func(b *testing.B) {
			k, err := expr.NewLiteral(types.Long, 1000-keep-1)
			if err != nil {
				b.Fatal(err)
			}
			pred, err := expr.NewCompare(expr.GT, col(0, arrow.PrimitiveTypes.Int64), k)
			if err != nil {
				b.Fatal(err)
			}
			f := NewFilter(src, pred)
			start := cpuClock()
			for b.Loop() {
				drain(b, f)
			}
			cpuPerRow(b, start, benchRows)
			report(b, benchRows)
		})
	}
}

// pairSource holds rows rows of (part, supplier) keys from key(i), split over parts
// partitions.
func pairSource(rows, parts int, key func(i int) (int64, int64)) *memSource {
	schema := schemaOf("p", arrow.PrimitiveTypes.Int64, "s", arrow.PrimitiveTypes.Int64)
	m := &memSource{schema: schema, parts: make([][]arrow.RecordBatch, parts)}
	for lo, p := 0, 0; lo < rows; lo, p = lo+DefaultBatchRows, (p+1)%parts {
		hi := min(lo+DefaultBatchRows, rows)
		pb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		sb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		for i := lo; i < hi; i++ {
			x, y := key(i)
			pb.Append(x)
			sb.Append(y)
		}
		a, c := pb.NewArray(), sb.NewArray()
		m.parts[p] = append(m.parts[p], array.NewRecordBatch(schema, []arrow.Array{a, c}, int64(hi-lo)))
	}
	return m
}

// BenchmarkHashJoinTwoInt64Keys probes 1Mi rows against 64Ki (part, supplier) pairs of
// int64 keys, each probe row matching once (ns per probe row): the shape of TPC-H's joins
// of line items with partsupp. RightSemi is the join that outputs the build rows some
// probe row matches.
func BenchmarkHashJoinTwoInt64Keys(b *testing.B) {
	r := rand.New(rand.NewSource(5))
	const pairs = 1 << 16
	pair := func(k int) (int64, int64) { return int64(k/4) * 7, int64(k%4) * 2500 }
	probe := pairSource(benchRows, 2, func(int) (int64, int64) { return pair(r.Intn(pairs)) })
	build := pairSource(pairs, 1, pair)
	for _, jt := range []JoinType{InnerJoin, RightSemiJoin} {
		b.Run(jt.String(), func(b *testing.B) {
			k0, k1 := col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.PrimitiveTypes.Int64)
			j, err := NewHashJoin(probe, build, []expr.Expr{k0, k1}, []expr.Expr{k0, k1}, nil, jt, nil)
			if err != nil {
				b.Fatal(err)
			}
			want := benchRows
			if jt == RightSemiJoin {
				want = pairs
			}
			for b.Loop() {
				if n := drain(b, j); n != want {
					b.Fatalf("%d rows, want %d", n, want)
				}
			}
			report(b, benchRows)
		})
	}
}
