package aggregate

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/cespare/xxhash/v2"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// consts evaluates constant expressions to n-row arrays.
func consts(t *testing.T, n int, es ...expr.Expr) []arrow.Array {
	t.Helper()
	b := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, int64(n))
	out := make([]arrow.Array, len(es))
	for i, e := range es {
		a, err := e.Eval(b)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = a
	}
	return out
}

func lit(t *testing.T, st types.DataType, v any) expr.Expr {
	t.Helper()
	l, err := expr.NewLiteral(st, v)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Results from Spark's golden files (linear-regression.sql, try_aggregates.sql,
// percentiles.sql, listagg.sql, bitwise.sql), computed over two partial states merged.
func TestStatAccumulators(t *testing.T) {
	f64, i64, i32 := arrow.PrimitiveTypes.Float64, arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Int32
	// testRegression: (k, y, x) = (1,10,null) (2,10,11) (2,20,22) (2,25,null) (2,30,35) (2,null,40)
	y := fromJSON(t, f64, `[10, 10, 20, 25, 30, null]`)
	x := fromJSON(t, f64, `[null, 11, 22, null, 35, 40]`)
	one := []uint32{0, 0, 0, 0, 0, 0}
	yx := []expr.Expr{&expr.Column{Index: 0, Type: f64}, &expr.Column{Index: 1, Type: f64}}
	check := func(c Call, groups []uint32, want string, args ...arrow.Array) {
		t.Helper()
		if got := runAcc(t, c, groups, args...); got != want {
			t.Errorf("%s: got %q want %q", c.Fn, got, want)
		}
	}
	for fn, want := range map[string]string{
		"regr_count": "3", "regr_r2": "0.997690531177829", "regr_avgx": "22.666666666666668", "regr_avgy": "20",
		"regr_sxx": "288.6666666666667", "regr_sxy": "240", "regr_syy": "200", "regr_slope": "0.8314087759815242",
		"regr_intercept": "1.1547344110854496", "corr": "0.9988445981121533", "covar_pop": "80", "covar_samp": "120",
	} {
		check(Call{Fn: fn, Args: yx}, one, want, y, x)
	}
	// A group with no complete pair gives NULL (count 0).
	check(Call{Fn: "corr", Args: yx}, []uint32{0, 1, 1, 1, 1, 1}, "null 0.9988445981121533", y, x)
	check(Call{Fn: "regr_count", Args: yx}, []uint32{0, 1, 1, 1, 1, 1}, "0 3", y, x)

	// try_sum / try_avg: NULL on overflow, also when the overflow is in another partial state.
	big := fromJSON(t, i64, `[9223372036854775807, 1, 5, 10]`)
	col := []expr.Expr{&expr.Column{Index: 0, Type: i64}}
	check(Call{Fn: "try_sum", Args: col, ANSI: true}, []uint32{0, 1, 0, 1}, "null 11", big)
	check(Call{Fn: "try_avg", Args: col, ANSI: true}, []uint32{0, 1, 0, 1}, "4.611686018427388e+18 5.5", big)
	months := fromJSON(t, arrow.FixedWidthTypes.MonthInterval, `[{"months": 2147483647}, {"months": 1}, {"months": 1}, {"months": 1}]`)
	mcol := []expr.Expr{&expr.Column{Index: 0, Type: arrow.FixedWidthTypes.MonthInterval}}
	ym := types.YearMonthIntervalType{StartField: types.Month, EndField: types.Month}
	check(Call{Fn: "try_sum", Args: mcol, InputTypes: []types.DataType{ym}}, []uint32{0, 0, 1, 1}, "null 2", months)
	check(Call{Fn: "try_avg", Args: mcol, InputTypes: []types.DataType{ym}}, []uint32{0, 0, 1, 1}, "null 1", months)

	// bit_and / bit_or / bit_xor keep the input type.
	bits := fromJSON(t, i32, `[7, 3, null, 12, 5]`)
	icol := []expr.Expr{&expr.Column{Index: 0, Type: i32}}
	check(Call{Fn: "bit_and", Args: icol}, []uint32{0, 0, 0, 1, 1}, "3 4", bits)
	check(Call{Fn: "bit_or", Args: icol}, []uint32{0, 0, 0, 1, 1}, "7 13", bits)
	check(Call{Fn: "bit_xor", Args: icol}, []uint32{0, 0, 0, 1, 1}, "4 9", bits)

	// aggr (k, v): k=0: 0 10 20 30 40; k=1: 10 20; k=2: 10 20 25 30; k=4: null.
	v := fromJSON(t, i32, `[0, 10, 20, 30, 40, 10, 20, 10, 20, 25, 30, null]`)
	gk := []uint32{0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 3}
	vcol := &expr.Column{Index: 0, Type: i32}
	p25 := lit(t, types.Double, 0.25)
	asc, desc := lit(t, types.Integer, int32(OrderNullsFirst)), lit(t, types.Integer, int32(OrderDescending))
	pc := func(fn string, flags expr.Expr, want string) {
		t.Helper()
		c := consts(t, 12, p25, flags)
		check(Call{Fn: fn, Args: []expr.Expr{p25, vcol, flags}}, gk, want, c[0], v, c[1])
	}
	pc("percentile_cont", asc, "10 12.5 17.5 null")
	pc("percentile_cont", desc, "30 17.5 26.25 null")
	pc("percentile_disc", asc, "10 10 10 null")
	pc("percentile_disc", desc, "30 20 30 null")
	// percentiles.sql over 0..4: percentile_disc(0.7) is 3 and (0.9) 4; under
	// spark.sql.legacy.percentileDiscCalculation 2 and 3.
	five := fromJSON(t, i32, `[0, 1, 2, 3, 4]`)
	for _, c := range []struct {
		p          float64
		disc, lgcy string
	}{{0.7, "3", "2"}, {0.9, "4", "3"}, {0.0, "0", "0"}, {1.0, "4", "4"}} {
		pl := lit(t, types.Double, c.p)
		cs := consts(t, 5, pl, asc)
		check(Call{Fn: "percentile_disc", Args: []expr.Expr{pl, vcol, asc}}, []uint32{0, 0, 0, 0, 0}, c.disc, cs[0], five, cs[1])
		check(Call{Fn: "percentile_disc_legacy", Args: []expr.Expr{pl, vcol, asc}}, []uint32{0, 0, 0, 0, 0}, c.lgcy, cs[0], five, cs[1])
	}
	check(Call{Fn: "median", Args: []expr.Expr{vcol}}, gk, "20 15 22.5 null", v)
	pt := types.NewArray(types.Double, false)
	arr := lit(t, pt, fromJSON(t, mustArrow(pt), `[[0.25, 0.75]]`))
	check(Call{Fn: "percentile", Args: []expr.Expr{vcol, arr}}, gk, "[10,30] [12.5,17.5] [17.5,26.25] null", v, consts(t, 12, arr)[0])
	freq := fromJSON(t, i64, `[1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1]`)
	half := lit(t, types.Double, 0.5)
	check(Call{Fn: "percentile", Args: []expr.Expr{vcol, half, &expr.Column{Index: 2, Type: i64}}}, gk, "20 10 22.5 null", v, consts(t, 12, half)[0], freq)

	// listagg: input order without WITHIN GROUP, key order with it, NULLs skipped.
	s := fromJSON(t, arrow.BinaryTypes.String, `["a", "a", "b", "b", null]`)
	k := fromJSON(t, arrow.BinaryTypes.String, `["b", "c", "c", "d", null]`)
	scol, kcol := &expr.Column{Index: 0, Type: arrow.BinaryTypes.String}, &expr.Column{Index: 1, Type: arrow.BinaryTypes.String}
	null := lit(t, types.String, nil)
	all := []uint32{0, 0, 0, 0, 0}
	nulls := consts(t, 5, null)[0]
	check(Call{Fn: "listagg", Args: []expr.Expr{scol, null}}, all, "aabb", s, nulls)
	bar := lit(t, types.String, "|")
	cs := consts(t, 5, bar, desc)
	check(Call{Fn: "listagg", Args: []expr.Expr{scol, bar, kcol, desc}}, all, "b|a|b|a", s, cs[0], k, cs[1])
	check(Call{Fn: "string_agg", Args: []expr.Expr{scol, null, scol, desc}}, all, "bbaa", s, nulls, s, cs[1])
	check(Call{Fn: "listagg", Args: []expr.Expr{scol, null}}, []uint32{0, 0, 1, 1, 2}, "aa bb null", s, nulls)
	check(Call{Fn: "listagg", Args: []expr.Expr{scol, null}, Distinct: true}, all, "ab", s, nulls)
	check(Call{Fn: "listagg", Args: []expr.Expr{scol, null, scol, desc}, Distinct: true}, all, "ba", s, nulls, s, cs[1])
	check(Call{Fn: "listagg", Args: []expr.Expr{scol, null, scol, desc}, Distinct: true}, []uint32{0, 1, 0, 1, 1}, "ba ba", s, nulls, s, cs[1])
	bin := fromJSON(t, arrow.BinaryTypes.Binary, `["3q0=", "vu8="]`)
	sep := lit(t, types.Binary, []byte{0x42})
	got := runAcc(t, Call{Fn: "listagg", Args: []expr.Expr{&expr.Column{Index: 0, Type: arrow.BinaryTypes.Binary}, sep}},
		[]uint32{0, 0}, bin, consts(t, 2, sep)[0])
	if got != "3q1Cvu8=" { // base64 of DE AD 42 BE EF
		t.Errorf("binary listagg: got %s", got)
	}
}

func TestStatResolution(t *testing.T) {
	for _, c := range []struct {
		fn   string
		in   []types.DataType
		want string
	}{
		{"try_sum", []types.DataType{types.Integer}, "bigint"},
		{"try_sum", []types.DataType{types.DecimalType{Precision: 3, Scale: 1}}, "decimal(13,1)"},
		{"try_avg", []types.DataType{types.DecimalType{Precision: 3, Scale: 1}}, "decimal(7,5)"},
		{"regr_avgx", []types.DataType{types.Integer, types.DecimalType{Precision: 2, Scale: 1}}, "decimal(6,5)"},
		{"regr_count", []types.DataType{types.Integer, types.Double}, "bigint"},
		{"bit_xor", []types.DataType{types.Short}, "smallint"},
		{"median", []types.DataType{types.DefaultDayTimeInterval}, "interval day to second"},
		{"percentile", []types.DataType{types.Integer, types.NewArray(types.Double, false)}, "array<double>"},
	} {
		rt, err := ResultType(c.fn, c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.fn, err)
		}
		if rt.SimpleString() != c.want {
			t.Errorf("%s = %s, want %s", c.fn, rt.SimpleString(), c.want)
		}
	}
	if _, err := ResultType("bit_and", []types.DataType{types.Double}); err == nil {
		t.Error("bit_and of doubles must be rejected")
	}
}

// histogram_numeric over 1..50 (with 36 replaced by 3), from group-by.sql: the golden
// answer depends on java.util.Random's tie-breaking.
func TestHistogramNumeric(t *testing.T) {
	i32 := arrow.PrimitiveTypes.Int32
	vals := make([]int32, 50)
	for i := range vals {
		vals[i] = int32(i + 1)
	}
	vals[35] = 3
	b := array.NewInt32Builder(memory.DefaultAllocator)
	b.AppendValues(vals, nil)
	col := b.NewArray()
	groups := make([]uint32, 50)
	for nb, want := range map[int32]string{
		2:  `[{"x":12,"y":26},{"x":38,"y":24}]`,
		3:  `[{"x":9,"y":20},{"x":25,"y":11},{"x":40,"y":19}]`,
		5:  `[{"x":5,"y":11},{"x":14,"y":8},{"x":22,"y":7},{"x":30,"y":10},{"x":43,"y":14}]`,
		10: `[{"x":3,"y":6},{"x":8,"y":6},{"x":13,"y":4},{"x":17,"y":3},{"x":20,"y":4},{"x":25,"y":6},{"x":31,"y":7},{"x":39,"y":5},{"x":43,"y":4},{"x":48,"y":5}]`,
	} {
		n := lit(t, types.Integer, nb)
		f, err := New(Call{Fn: "histogram_numeric", Args: []expr.Expr{&expr.Column{Index: 0, Type: i32}, n}})
		if err != nil {
			t.Fatal(err)
		}
		// Two partial states (Spark's local[2] scan of the VALUES), merged in order.
		final := f.NewAccumulator()
		final.Resize(1)
		nc := consts(t, 25, n)[0]
		for _, half := range [][2]int64{{0, 25}, {25, 50}} {
			acc := f.NewAccumulator()
			acc.Resize(1)
			if err := acc.Update(groups[:25], []arrow.Array{array.NewSlice(col, half[0], half[1]), nc}); err != nil {
				t.Fatal(err)
			}
			st, err := acc.State()
			if err != nil {
				t.Fatal(err)
			}
			if err := final.Merge([]uint32{0}, st); err != nil {
				t.Fatal(err)
			}
		}
		res, err := final.Evaluate()
		if err != nil {
			t.Fatal(err)
		}
		if got := strs(res)[0]; got != want {
			t.Errorf("nb=%d: got %s want %s", nb, got, want)
		}
	}
}

func TestApproxCountDistinct(t *testing.T) {
	// Spark's XXH64 test vectors (XXH64Suite): hashInt/hashLong are XXH64 of the value's
	// little-endian bytes.
	h := &hllAcc{p: 9, m: 512, h: xxhash.NewWithSeed(0)}
	if got := h.hashInt(0x4B1FFF9E); got != 0x9256E58AA397AEF1 {
		t.Errorf("hashInt = %#x", got)
	}
	if got := h.hashLong(-0x22D0ACA1B4E00062); got != 0xF74CB1451B32B8CF { // 0xDD2F535E4B1FFF9E
		t.Errorf("hashLong = %#x", got)
	}
	h.seed = 2654435761
	if got := h.hashInt(0x4B1FFF9E); got != 0x9D5FFDFB928AB4B {
		t.Errorf("hashInt with seed = %#x", got)
	}
	i64 := arrow.PrimitiveTypes.Int64
	v := fromJSON(t, i64, `[1, 1, 2, 2, 3, null, 7]`)
	col := []expr.Expr{&expr.Column{Index: 0, Type: i64}}
	if got := runAcc(t, Call{Fn: "approx_count_distinct", Args: col}, []uint32{0, 0, 0, 0, 0, 1, 1}, v); got != "3 1" {
		t.Errorf("approx_count_distinct: got %s", got)
	}
	s := fromJSON(t, arrow.BinaryTypes.String, `["a", "b", "a", "c"]`)
	scol := []expr.Expr{&expr.Column{Index: 0, Type: arrow.BinaryTypes.String}}
	if got := runAcc(t, Call{Fn: "approx_count_distinct", Args: scol}, []uint32{0, 0, 0, 0}, s); got != "3" {
		t.Errorf("approx_count_distinct of strings: got %s", got)
	}
}

func TestMode(t *testing.T) {
	i32 := arrow.PrimitiveTypes.Int32
	v := fromJSON(t, i32, `[0, 10, 10, 20, 20, null, null, null]`)
	col := &expr.Column{Index: 0, Type: i32}
	g := []uint32{0, 0, 0, 0, 0, 0, 0, 1}
	// The examples of Spark's mode: ties go to the smallest value for an ascending WITHIN
	// GROUP (reverse, flagged descending) and to the largest for a descending one.
	for _, c := range []struct {
		flags int32
		want  string
	}{{OrderDescending, "10 null"}, {0, "20 null"}} {
		fl := lit(t, types.Integer, c.flags)
		if got := runAcc(t, Call{Fn: "mode", Args: []expr.Expr{col, fl}}, g, v, consts(t, 8, fl)[0]); got != c.want {
			t.Errorf("mode flags %d: got %s want %s", c.flags, got, c.want)
		}
	}
	w := fromJSON(t, i32, `[-10, 0, 10, 7, 7, 3]`)
	det := lit(t, types.Boolean, true)
	if got := runAcc(t, Call{Fn: "mode", Args: []expr.Expr{col, det}}, []uint32{0, 0, 0, 1, 1, 1}, w, consts(t, 6, det)[0]); got != "-10 7" {
		t.Errorf("mode(col, true): got %s", got)
	}
	s := fromJSON(t, arrow.BinaryTypes.String, `["b", "a", "b", null]`)
	if got := runAcc(t, Call{Fn: "mode", Args: []expr.Expr{&expr.Column{Index: 0, Type: arrow.BinaryTypes.String}}}, []uint32{0, 0, 0, 0}, s); got != "b" {
		t.Errorf("mode of strings: got %s", got)
	}
}

func TestPercentileNegativeFrequency(t *testing.T) {
	i64 := arrow.PrimitiveTypes.Int64
	half := lit(t, types.Double, 0.5)
	f, err := New(Call{Fn: "percentile", Args: []expr.Expr{&expr.Column{Index: 0, Type: i64}, half, &expr.Column{Index: 2, Type: i64}}})
	if err != nil {
		t.Fatal(err)
	}
	acc := f.NewAccumulator()
	acc.Resize(1)
	err = acc.Update([]uint32{0, 0}, []arrow.Array{fromJSON(t, i64, `[1, 2]`), consts(t, 2, half)[0], fromJSON(t, i64, `[1, -1]`)})
	se, ok := sparkerror.As(err)
	if !ok || se.Class != "NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION" || se.Params["negativeValue"] != "-1L" {
		t.Fatalf("got %v", err)
	}
}

// A delimiter that arrives as a column (after a DISTINCT rewrite) is read from the input
// and carried through the partial states.
func TestListaggDelimiterColumn(t *testing.T) {
	str := arrow.BinaryTypes.String
	s := fromJSON(t, str, `["a", "b", "c", "d"]`)
	d := fromJSON(t, str, `["-", "-", "-", "-"]`)
	c := Call{Fn: "listagg", Args: []expr.Expr{&expr.Column{Index: 0, Type: str}, &expr.Column{Index: 1, Type: str}}}
	if got := runAcc(t, c, []uint32{0, 0, 0, 1}, s, d); got != "a-b-c d" {
		t.Errorf("got %s", got)
	}
	if _, err := ResultType("listagg", []types.DataType{types.String, types.String}); err != nil {
		t.Error(err)
	}
}

// corr divides by sqrt(xMk * yMk) with Spark's Divide: constant input fails under ANSI
// (DIVIDE_BY_ZERO) and gives NULL otherwise.
func TestCorrConstantInput(t *testing.T) {
	f64 := arrow.PrimitiveTypes.Float64
	x := fromJSON(t, f64, `[1, 1, 1]`)
	y := fromJSON(t, f64, `[1, 2, 3]`)
	args := []expr.Expr{&expr.Column{Index: 0, Type: f64}, &expr.Column{Index: 1, Type: f64}}
	if got := runAcc(t, Call{Fn: "corr", Args: args}, []uint32{0, 0, 0}, x, y); got != "null" {
		t.Errorf("non-ANSI corr: got %s", got)
	}
	f, err := New(Call{Fn: "corr", Args: args, ANSI: true})
	if err != nil {
		t.Fatal(err)
	}
	acc := f.NewAccumulator()
	acc.Resize(1)
	if err := acc.Update([]uint32{0, 0, 0}, []arrow.Array{x, y}); err != nil {
		t.Fatal(err)
	}
	_, err = acc.Evaluate()
	if se, ok := sparkerror.As(err); !ok || se.Class != "DIVIDE_BY_ZERO" {
		t.Fatalf("ANSI corr: got %v", err)
	}
}
