package physical

import (
	"context"
	"fmt"
	"math/rand"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
)

const benchRows = 1 << 20

// int64Source holds benchRows rows of (k int64, v int64) in DefaultBatchRows batches,
// split over parts partitions.
func int64Source(b *testing.B, parts int, key func(i int) int64) *memSource {
	b.Helper()
	schema := schemaOf("k", arrow.PrimitiveTypes.Int64, "v", arrow.PrimitiveTypes.Int64)
	m := &memSource{schema: schema, parts: make([][]arrow.RecordBatch, parts)}
	for lo, p := 0, 0; lo < benchRows; lo, p = lo+DefaultBatchRows, (p+1)%parts {
		kb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		vb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		for i := lo; i < lo+DefaultBatchRows; i++ {
			kb.Append(key(i))
			vb.Append(int64(i))
		}
		k, v := kb.NewArray(), vb.NewArray()
		m.parts[p] = append(m.parts[p], array.NewRecordBatch(schema, []arrow.Array{k, v}, DefaultBatchRows))
	}
	return m
}

func drain(b *testing.B, p ExecutionPlan) int {
	n := 0
	err := Collect(context.Background(), p, func(x arrow.RecordBatch) error {
		n += int(x.NumRows())
		x.Release()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func report(b *testing.B, rows int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}

func BenchmarkHashAggregateInt64Keys(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	src := int64Source(b, 1, func(int) int64 { return r.Int63n(100000) })
	v := col(1, arrow.PrimitiveTypes.Int64)
	agg, err := NewHashAggregate(src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []string{"k"},
		[]aggregate.Call{call("count"), call("sum", v)}, AggregateSingle)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		drain(b, agg)
	}
	report(b, benchRows)
}

func BenchmarkHashAggregateStringKeys(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	schema := schemaOf("k", arrow.BinaryTypes.String, "v", arrow.PrimitiveTypes.Int64)
	m := &memSource{schema: schema, parts: make([][]arrow.RecordBatch, 1)}
	for lo := 0; lo < benchRows; lo += DefaultBatchRows {
		kb := array.NewStringBuilder(arrowmem.DefaultAllocator)
		vb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		for i := lo; i < lo+DefaultBatchRows; i++ {
			kb.Append(fmt.Sprintf("customer-%d", r.Intn(100000)))
			vb.Append(int64(i))
		}
		k, v := kb.NewArray(), vb.NewArray()
		m.parts[0] = append(m.parts[0], array.NewRecordBatch(schema, []arrow.Array{k, v}, DefaultBatchRows))
	}
	agg, err := NewHashAggregate(m, []expr.Expr{col(0, arrow.BinaryTypes.String)}, []string{"k"},
		[]aggregate.Call{call("count"), call("sum", col(1, arrow.PrimitiveTypes.Int64))}, AggregateSingle)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		drain(b, agg)
	}
	report(b, benchRows)
}

func BenchmarkHashJoinInt64Keys(b *testing.B) {
	// Build 128Ki distinct keys, probe 1Mi rows that each match once; ns/row counts both.
	r := rand.New(rand.NewSource(1))
	build := int64Source(b, 1, func(i int) int64 { return int64(i) })
	build.parts[0] = build.parts[0][:len(build.parts[0])/8]
	probe := int64Source(b, 1, func(int) int64 { return r.Int63n(benchRows / 8) })
	k := col(0, arrow.PrimitiveTypes.Int64)
	j, err := NewHashJoin(probe, build, []expr.Expr{k}, []expr.Expr{k}, nil, InnerJoin, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if n := drain(b, j); n != benchRows {
			b.Fatalf("%d rows", n)
		}
	}
	report(b, benchRows+benchRows/8)
}

// gtConst is a benchmark predicate "int64 column > k" with a typed loop.
type gtConst struct {
	col int
	k   int64
}

func (g *gtConst) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (g *gtConst) String() string           { return fmt.Sprintf("#%d > %d", g.col, g.k) }
func (g *gtConst) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	vals := b.Column(g.col).(*array.Int64).Int64Values()
	bm := make([]byte, bitutil.BytesForBits(int64(len(vals))))
	for i, v := range vals {
		if v > g.k {
			bitutil.SetBit(bm, i)
		}
	}
	data := array.NewData(arrow.FixedWidthTypes.Boolean, len(vals), []*arrowmem.Buffer{nil, arrowmem.NewBufferBytes(bm)}, nil, 0, 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}

func BenchmarkFilter(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	src := int64Source(b, 1, func(int) int64 { return r.Int63n(1000) })
	f := NewFilter(src, &gtConst{col: 0, k: 499}) // keeps half of the rows
	b.ResetTimer()
	for b.Loop() {
		drain(b, f)
	}
	report(b, benchRows)
}

func BenchmarkSortInt64(b *testing.B) {
	for _, parts := range []int{1, 4} {
		b.Run(fmt.Sprintf("partitions=%d", parts), func(b *testing.B) {
			r := rand.New(rand.NewSource(1))
			src := int64Source(b, parts, func(int) int64 { return r.Int63() - r.Int63() })
			s, err := NewSort(src, []SortKey{{Expr: col(0, arrow.PrimitiveTypes.Int64)}}, -1)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				drain(b, s)
			}
			report(b, benchRows)
		})
	}
}

func BenchmarkTopKInt64(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	src := int64Source(b, 4, func(int) int64 { return r.Int63() })
	s, err := NewSort(src, []SortKey{{Expr: col(0, arrow.PrimitiveTypes.Int64), Descending: true}}, 100)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		drain(b, s)
	}
	report(b, benchRows)
}
