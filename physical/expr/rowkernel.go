package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// Row-wise kernels: most scalar functions beyond the arithmetic core compute one row at a
// time from a handful of arguments of mixed types. argv gives typed access to an evaluated
// argument (read once per batch, so the per-row cost is a slice index), and the kernels
// below loop over the rows, skip the NULL ones, and collect the results into Go slices.

// argv is an evaluated argument.
type argv struct {
	id    arrow.Type
	v     varView
	i8    []int8
	i16   []int16
	i32   []int32
	i64   []int64
	f32   []float32
	f64   []float64
	dec   []decimal128.Num
	mdn   []arrow.MonthDayNanoInterval // legacy CalendarInterval values
	b     words
	valid words
	null  bool // the Null type: every row is NULL
}

func argvOf(a arrow.Array) argv {
	x := argv{id: a.DataType().ID(), valid: validity(a)}
	switch x.id {
	case arrow.NULL:
		x.null = true
	case arrow.STRING, arrow.BINARY:
		x.v = viewVar(a)
	case arrow.INT8:
		x.i8 = fixedValues[int8](a)
	case arrow.INT16:
		x.i16 = fixedValues[int16](a)
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		x.i32 = fixedValues[int32](a)
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
		x.i64 = fixedValues[int64](a)
	case arrow.FLOAT32:
		x.f32 = fixedValues[float32](a)
	case arrow.FLOAT64:
		x.f64 = fixedValues[float64](a)
	case arrow.DECIMAL128:
		x.dec = fixedValues[decimal128.Num](a)
	case arrow.INTERVAL_MONTH_DAY_NANO:
		x.mdn = fixedValues[arrow.MonthDayNanoInterval](a)
	case arrow.BOOL:
		x.b = boolWords(a)
	}
	return x
}

func argvsOf(a []arrow.Array) []argv {
	out := make([]argv, len(a))
	for i, x := range a {
		out[i] = argvOf(x)
	}
	return out
}

func (a *argv) isNull(i int) bool { return a.null || (a.valid != nil && !a.valid.get(i)) }

// str is a string or binary value.
func (a *argv) str(i int) []byte { return a.v.at(i) }

// int is an integral value (or a date, timestamp, interval) widened to int64.
func (a *argv) int(i int) int64 {
	switch {
	case a.i32 != nil:
		return int64(a.i32[i])
	case a.i64 != nil:
		return a.i64[i]
	case a.i16 != nil:
		return int64(a.i16[i])
	case a.i8 != nil:
		return int64(a.i8[i])
	}
	return 0
}

// float is a floating-point value widened to float64.
func (a *argv) float(i int) float64 {
	if a.f64 != nil {
		return a.f64[i]
	}
	if a.f32 != nil {
		return float64(a.f32[i])
	}
	return float64(a.int(i))
}

func (a *argv) bool(i int) bool { return a.b.get(i) }

// rowsNull reports whether row i of any strict argument is NULL.
func rowsNull(args []argv, i int) bool {
	for k := range args {
		if args[k].isNull(i) {
			return true
		}
	}
	return false
}

// varRowK is a kernel producing strings (or binaries, t) a row at a time: f appends row
// i's value to dst, or reports ok false for NULL. Rows where an argument is NULL are NULL
// without calling f.
func varRowK(t arrow.DataType, f func(dst []byte, i int, a []argv) ([]byte, bool, error)) kernel {
	return func(arrs []arrow.Array, n int) (arrow.Array, error) {
		a := argvsOf(arrs)
		offs := make([]int32, n+1)
		var data []byte
		var valid words
		for i := 0; i < n; i++ {
			ok := false
			if !rowsNull(a, i) {
				var err error
				data, ok, err = f(data, i, a)
				if err != nil {
					return nil, err
				}
			}
			if !ok {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
				data = data[:offs[i]]
			}
			offs[i+1] = int32(len(data))
		}
		if data == nil {
			data = []byte{}
		}
		return newVar(t, offs, data, valid), nil
	}
}

// fixedRowK is varRowK for fixed-width results.
func fixedRowK[U arrow.FixedWidthType](t arrow.DataType, f func(i int, a []argv) (U, bool, error)) kernel {
	return func(arrs []arrow.Array, n int) (arrow.Array, error) {
		a := argvsOf(arrs)
		out := make([]U, n)
		var valid words
		for i := 0; i < n; i++ {
			ok := false
			if !rowsNull(a, i) {
				var err error
				out[i], ok, err = f(i, a)
				if err != nil {
					return nil, err
				}
			}
			if !ok {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
			}
		}
		return newFixed(t, out, valid), nil
	}
}

// boolRowK is varRowK for boolean results.
func boolRowK(f func(i int, a []argv) (v, ok bool, err error)) kernel {
	return func(arrs []arrow.Array, n int) (arrow.Array, error) {
		a := argvsOf(arrs)
		out := newWords(n)
		var valid words
		for i := 0; i < n; i++ {
			ok := false
			if !rowsNull(a, i) {
				v, o, err := f(i, a)
				if err != nil {
					return nil, err
				}
				ok = o
				if v {
					out.set(i)
				}
			}
			if !ok {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
			}
		}
		return newBool(n, out, valid), nil
	}
}

// lenient wraps a kernel so that it also runs when some arguments are NULL (funcExpr
// answers NULL for Null-typed arguments of strict functions first): the kernel then sees the
// NULL rows itself. Use it for functions that are not null-intolerant.
func lenientFunc(name string, args []Expr, t arrow.DataType, fails bool, k kernel) Expr {
	return &funcExpr{name: name, args: args, t: t, k: k, fails: fails}
}

// perBatch builds a kernel afresh for each batch, for kernels that keep scratch state
// (caches, buffers): batches of one expression may be evaluated concurrently.
func perBatch(mk func() kernel) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) { return mk()(a, n) }
}
