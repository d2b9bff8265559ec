package aggregate

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
)

// The benchmarks here feed 1Mi rows in batches of 8192 to the two halves of a hash
// aggregate, the group table and the accumulators, and report ns/row.
const (
	accBenchRows  = 1 << 20
	accBenchBatch = 8192
)

func reportPerRow(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/accBenchRows, "ns/row")
}

// benchColumn builds accBenchRows values as batches of accBenchBatch.
func benchColumn[T any](b *testing.B, newBuilder func() array.Builder, appendValue func(array.Builder, T), gen func(i int) T) []arrow.Array {
	b.Helper()
	var out []arrow.Array
	for lo := 0; lo < accBenchRows; lo += accBenchBatch {
		bld := newBuilder()
		for i := lo; i < lo+accBenchBatch; i++ {
			appendValue(bld, gen(i))
		}
		out = append(out, bld.NewArray())
		bld.Release()
	}
	b.Cleanup(func() {
		for _, a := range out {
			a.Release()
		}
	})
	return out
}

func int64Column(b *testing.B, gen func(i int) int64) []arrow.Array {
	return benchColumn(b, func() array.Builder { return array.NewInt64Builder(memory.DefaultAllocator) },
		func(bl array.Builder, v int64) { bl.(*array.Int64Builder).Append(v) }, gen)
}

func stringColumn(b *testing.B, gen func(i int) string) []arrow.Array {
	return benchColumn(b, func() array.Builder { return array.NewStringBuilder(memory.DefaultAllocator) },
		func(bl array.Builder, v string) { bl.(*array.StringBuilder).Append(v) }, gen)
}

var dec152 = &arrow.Decimal128Type{Precision: 15, Scale: 2}

func decimalColumn(b *testing.B, gen func(i int) int64) []arrow.Array {
	return benchColumn(b, func() array.Builder { return array.NewDecimal128Builder(memory.DefaultAllocator, dec152) },
		func(bl array.Builder, v int64) { bl.(*array.Decimal128Builder).Append(decimal128.FromI64(v)) }, gen)
}

// BenchmarkGroupTableIntern interns group keys: 64-bit keys (random, and clustered four
// rows a key as line items by order), string keys, and the two-column string key of TPC-H
// q1 (l_returnflag, l_linestatus), which takes the row encoder path.
func BenchmarkGroupTableIntern(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	flags, status := []string{"A", "N", "R"}, []string{"F", "O"}
	cases := []struct {
		name  string
		types []arrow.DataType
		cols  [][]arrow.Array
	}{
		{"int64-100k-groups", []arrow.DataType{arrow.PrimitiveTypes.Int64},
			[][]arrow.Array{int64Column(b, func(int) int64 { return r.Int63n(100000) })}},
		{"int64-4-groups", []arrow.DataType{arrow.PrimitiveTypes.Int64},
			[][]arrow.Array{int64Column(b, func(int) int64 { return r.Int63n(4) })}},
		{"int64-clustered-256k-groups", []arrow.DataType{arrow.PrimitiveTypes.Int64},
			[][]arrow.Array{int64Column(b, func(i int) int64 { return int64(i / 4 * 4) })}},
		{"string-100k-groups", []arrow.DataType{arrow.BinaryTypes.String},
			[][]arrow.Array{stringColumn(b, func(int) string { return fmt.Sprintf("Customer#%09d", r.Intn(100000)) })}},
		{"two-strings-q1", []arrow.DataType{arrow.BinaryTypes.String, arrow.BinaryTypes.String},
			[][]arrow.Array{stringColumn(b, func(int) string { return flags[r.Intn(3)] }), stringColumn(b, func(int) string { return status[r.Intn(2)] })}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			ids := make([]uint32, 0, accBenchBatch)
			batch := make([]arrow.Array, len(c.cols))
			start := cpuClock()
			for b.Loop() {
				t, err := NewGroupTable(c.types)
				if err != nil {
					b.Fatal(err)
				}
				for i := range c.cols[0] {
					for k := range c.cols {
						batch[k] = c.cols[k][i]
					}
					ids = t.Intern(batch, ids[:0])
				}
				t.Release()
			}
			cpuPerRow(b, start, accBenchRows)
			reportPerRow(b)
		})
	}
}

// BenchmarkAccumulatorUpdate folds 1Mi rows into 4 groups (as q1) and into 100k groups
// (as a group by a key column) with the accumulators TPC-H uses most.
func BenchmarkAccumulatorUpdate(b *testing.B) {
	r := rand.New(rand.NewSource(2))
	decimals := decimalColumn(b, func(int) int64 { return r.Int63n(10000000) })
	longs := int64Column(b, func(int) int64 { return r.Int63n(1000000) })
	col := func(dt arrow.DataType) expr.Expr { return &expr.Column{Index: 0, Type: dt} }
	for _, groups := range []int{4, 100000} {
		ids := make([][]uint32, len(decimals))
		for i := range ids {
			ids[i] = make([]uint32, accBenchBatch)
			for k := range ids[i] {
				ids[i][k] = uint32(r.Intn(groups))
			}
		}
		for _, c := range []struct {
			name string
			call Call
			in   []arrow.Array
		}{
			{"sum-decimal(15,2)", Call{Fn: "sum", Args: []expr.Expr{col(dec152)}, ANSI: true}, decimals},
			{"avg-decimal(15,2)", Call{Fn: "avg", Args: []expr.Expr{col(dec152)}, ANSI: true}, decimals},
			{"sum-int64", Call{Fn: "sum", Args: []expr.Expr{col(arrow.PrimitiveTypes.Int64)}, ANSI: true}, longs},
			{"count", Call{Fn: "count", Args: []expr.Expr{col(arrow.PrimitiveTypes.Int64)}}, longs},
		} {
			b.Run(fmt.Sprintf("%s/groups=%d", c.name, groups), func(b *testing.B) {
				fn, err := New(c.call)
				if err != nil {
					b.Fatal(err)
				}
				args := make([]arrow.Array, 1)
				start := cpuClock()
				for b.Loop() {
					acc := fn.NewAccumulator()
					acc.Resize(groups)
					for i, a := range c.in {
						args[0] = a
						if err := acc.Update(ids[i], args); err != nil {
							b.Fatal(err)
						}
					}
					out, err := acc.Evaluate()
					if err != nil {
						b.Fatal(err)
					}
					out.Release()
					acc.Release()
				}
				cpuPerRow(b, start, accBenchRows)
				reportPerRow(b)
			})
		}
	}
}

// BenchmarkGroupTableInternAfterExchange interns two-column int64 keys (as q20's join on
// (ps_partkey, ps_suppkey)) that a hash exchange sent to one partition of n: Partition and
// the table both take the hash's high bits, so one partition's keys share them. n=1 is the
// baseline with every key.
func BenchmarkGroupTableInternAfterExchange(b *testing.B) {
	types := []arrow.DataType{arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Int64}
	hasher, err := NewRowHasher(types)
	if err != nil {
		b.Fatal(err)
	}
	const distinct = 50000
	for _, parts := range []int{1, 2, 8} {
		b.Run(fmt.Sprintf("partitions=%d", parts), func(b *testing.B) {
			// Keep the keys of partition 0, up to distinct of them.
			pk := array.NewInt64Builder(memory.DefaultAllocator)
			sk := array.NewInt64Builder(memory.DefaultAllocator)
			defer pk.Release()
			defer sk.Release()
			var hashes []uint64
			kept := 0
			for lo := int64(0); kept < distinct; lo += accBenchBatch {
				p := array.NewInt64Builder(memory.DefaultAllocator)
				s := array.NewInt64Builder(memory.DefaultAllocator)
				for i := lo; i < lo+accBenchBatch; i++ {
					p.Append(i / 4)
					s.Append(i % 4 * 2500)
				}
				pa, sa := p.NewArray(), s.NewArray()
				p.Release()
				s.Release()
				hashes = hasher.Hash([]arrow.Array{pa, sa}, pa.Len(), hashes)
				for i, h := range hashes {
					if Partition(h, parts) == 0 && kept < distinct {
						pk.Append(pa.(*array.Int64).Value(i))
						sk.Append(sa.(*array.Int64).Value(i))
						kept++
					}
				}
				pa.Release()
				sa.Release()
			}
			cols := []arrow.Array{pk.NewArray(), sk.NewArray()}
			defer cols[0].Release()
			defer cols[1].Release()
			var ids []uint32
			for b.Loop() {
				t, err := NewGroupTable(types)
				if err != nil {
					b.Fatal(err)
				}
				ids = t.Intern(cols, ids[:0])
				if t.NumGroups() != distinct {
					b.Fatalf("%d groups", t.NumGroups())
				}
				t.Release()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/distinct, "ns/row")
		})
	}
}
