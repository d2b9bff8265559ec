package expr

import (
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

// The benchmarks process 1M rows as 128 batches of 8192 (a typical batch size), reporting
// ns/row.
const (
	benchRows  = 1 << 20
	benchBatch = 8192
)

func benchBatches(b *testing.B, cols ...arrow.Array) []arrow.RecordBatch {
	b.Helper()
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: "c" + strconv.Itoa(i), Type: c.DataType(), Nullable: true}
	}
	rb := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(benchRows))
	for _, c := range cols {
		c.Release()
	}
	defer rb.Release()
	out := make([]arrow.RecordBatch, 0, benchRows/benchBatch)
	for off := int64(0); off < benchRows; off += benchBatch {
		out = append(out, rb.NewSlice(off, off+benchBatch))
	}
	return out
}

func releaseBatches(rbs []arrow.RecordBatch) {
	for _, rb := range rbs {
		rb.Release()
	}
}

func benchInt64s(seed int64, nullEvery int) arrow.Array {
	v := make([]int64, benchRows)
	x := uint64(seed)
	for i := range v {
		x = x*6364136223846793005 + 1442695040888963407
		v[i] = int64(x>>33) - 1<<30
	}
	var valid words
	if nullEvery > 0 {
		valid = allOnes(benchRows)
		for i := 0; i < benchRows; i += nullEvery {
			valid.clear(i)
		}
	}
	return newFixed(arrow.PrimitiveTypes.Int64, v, valid)
}

// cpuTime is the CPU time the process has used: the machine may be shared, so the
// benchmarks report CPU ns/row next to wall-clock ns/row.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func run(b *testing.B, e Expr, rbs []arrow.RecordBatch) {
	b.Helper()
	runtime.GC()
	start := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, rb := range rbs {
			out, err := e.Eval(rb)
			if err != nil {
				b.Fatal(err)
			}
			out.Release()
		}
	}
	b.StopTimer()
	cpu := cpuTime() - start
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/benchRows, "cpu-ns/row")
}

func BenchmarkCompareInt64(b *testing.B) {
	rb := benchBatches(b, benchInt64s(1, 17), benchInt64s(2, 0))
	defer releaseBatches(rb)
	x, y := col(0, types.Long), col(1, types.Long)
	b.Run("column<column", func(b *testing.B) { run(b, must(NewCompare(LT, x, y)), rb) })
	b.Run("column=literal", func(b *testing.B) {
		l, _ := NewLiteral(types.Long, int64(12345))
		run(b, must(NewCompare(EQ, x, l)), rb)
	})
}

func BenchmarkCastStringToInt(b *testing.B) {
	offs := make([]int32, benchRows+1)
	var data []byte
	for i := 0; i < benchRows; i++ {
		data = strconv.AppendInt(data, int64(i*7919%2000000-1000000), 10)
		offs[i+1] = int32(len(data))
	}
	rb := benchBatches(b, newVar(arrow.BinaryTypes.String, offs, data, nil))
	defer releaseBatches(rb)
	for _, ansi := range []bool{true, false} {
		name := "legacy"
		if ansi {
			name = "ansi"
		}
		b.Run(name, func(b *testing.B) {
			run(b, must(NewCast(col(0, types.String), types.String, types.Integer, CastOptions{ANSI: ansi})), rb)
		})
	}
}

func BenchmarkDecimalAdd(b *testing.B) {
	mk := func(seed int64) arrow.Array {
		v := make([]decimal128.Num, benchRows)
		x := uint64(seed)
		for i := range v {
			x = x*6364136223846793005 + 1442695040888963407
			v[i] = decimal128.FromI64(int64(x>>40) - 1<<23)
		}
		return newFixed(&arrow.Decimal128Type{Precision: 10, Scale: 2}, v, nil)
	}
	rb := benchBatches(b, mk(1), mk(2))
	defer releaseBatches(rb)
	x, y := col(0, dec(10, 2)), col(1, dec(10, 2))
	b.Run("decimal(10,2)+decimal(10,2)", func(b *testing.B) {
		run(b, must(NewDecimalArith("+", x, y, dec(11, 2), true)), rb)
	})
	b.Run("128-bit path", func(b *testing.B) {
		run(b, must(NewDecimalArith("+", x, y, dec(38, 2), true)), rb)
	})
	b.Run("decimal(10,2)*decimal(10,2)", func(b *testing.B) {
		run(b, must(NewDecimalArith("*", x, y, dec(21, 4), true)), rb)
	})
	b.Run("decimal(10,2)/decimal(10,2)", func(b *testing.B) {
		run(b, must(NewDecimalArith("/", x, y, dec(23, 13), true)), rb)
	})
}

func BenchmarkCaseWhen(b *testing.B) {
	rb := benchBatches(b, benchInt64s(3, 0), benchInt64s(4, 0))
	defer releaseBatches(rb)
	x, y := col(0, types.Long), col(1, types.Long)
	zero, _ := NewLiteral(types.Long, int64(0))
	pos := must(NewCompare(GT, x, zero))
	b.Run("cheap branches", func(b *testing.B) {
		// CASE WHEN x > 0 THEN x ELSE y END
		run(b, must(NewCaseWhen([]Expr{pos}, []Expr{x}, y, types.Long)), rb)
	})
	b.Run("failing branch filtered", func(b *testing.B) {
		// CASE WHEN y = 0 THEN 0 ELSE x div y END under ANSI: the division is evaluated on
		// the rows that take it only.
		isZero := must(NewCompare(EQ, y, zero))
		div := must(NewArith("div", x, y, types.Long, true))
		run(b, must(NewCaseWhen([]Expr{isZero}, []Expr{zero}, div, types.Long)), rb)
	})
}
