package expr

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate/sketches"
	"github.com/sailgo/sail/sql/types"
)

// The sketch scalar functions over images built like the golden files' (1..7 and 5..11).
func TestSketchFunctions(t *testing.T) {
	hllImg := func(lgK int, vals ...int64) []byte {
		sk, _ := sketches.NewHLL(lgK)
		for _, v := range vals {
			_ = sk.UpdateInt64(v)
		}
		b, err := sketches.HLLImage(sk)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	thetaImg := func(vals ...int64) []byte {
		sk, _ := sketches.NewTheta(12)
		for _, v := range vals {
			sketches.ThetaUpdateInt64(sk, v)
		}
		b, err := sketches.UpdateImage(sk)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	longs, _ := sketches.KLLLongs.New(200)
	floats, _ := sketches.KLLFloats.New(200)
	for v := 1; v <= 7; v++ {
		longs.Update(int64(v))
		floats.Update(float32(v))
	}
	kl, _ := longs.Image()
	kf, _ := floats.Image()
	a, c := thetaImg(1, 2, 3, 4, 5, 6, 7), thetaImg(5, 6, 7, 8, 9, 10, 11)
	bo := func(v bool) lv { return lv{types.Boolean, v} }
	f := func(v float32) lv { return lv{types.Float, v} }
	runFnCases(t, []fnCase{
		{fn: "hll_sketch_estimate", result: types.Long, args: []lv{b(hllImg(12, 50, 60, 60, 60, 75, 100))}, want: "4"},
		{fn: "hll_sketch_estimate", result: types.Long, args: []lv{b([]byte("abc"))}, err: "HLL_INVALID_INPUT_SKETCH_BUFFER"},
		{fn: "hll_sketch_estimate", result: types.Long, args: []lv{null(types.Binary)}, want: "NULL"},
		{fn: "hll_union", result: types.Binary, args: []lv{b(hllImg(12, 1)), b(hllImg(13, 1)), bo(false)}, err: "HLL_UNION_DIFFERENT_LG_K"},
		{fn: "hll_union", result: types.Binary, args: []lv{b([]byte("abc")), b([]byte("def")), bo(false)}, err: "HLL_INVALID_INPUT_SKETCH_BUFFER"},
		{fn: "theta_sketch_estimate", result: types.Long, args: []lv{b(a)}, want: "7"},
		{fn: "theta_sketch_estimate", result: types.Long, args: []lv{b([]byte("abc"))}, err: "THETA_INVALID_INPUT_SKETCH_BUFFER"},
		{fn: "theta_union", result: types.Binary, args: []lv{b(a), b(c), i(3)}, err: "THETA_INVALID_LG_NOM_ENTRIES"},
		{fn: "theta_intersection", result: types.Binary, args: []lv{b([]byte("abc")), b(c)}, err: "THETA_INVALID_INPUT_SKETCH_BUFFER"},
		{fn: "kll_sketch_get_n_bigint", result: types.Long, args: []lv{b(kl)}, want: "7"},
		{fn: "kll_sketch_get_n_float", result: types.Long, args: []lv{b([]byte{0xca, 0xfe, 0xba, 0xbe})}, err: "KLL_SKETCH_INVALID_INPUT"},
		{fn: "kll_sketch_get_quantile_bigint", result: types.Long, args: []lv{b(kl), d(0.5)}, want: "4"},
		{fn: "kll_sketch_get_quantile_bigint", result: types.Long, args: []lv{b(kl), d(-0.5)}, err: "KLL_SKETCH_INVALID_QUANTILE_RANGE"},
		{fn: "kll_sketch_get_quantile_bigint", result: types.Long, args: []lv{null(types.Binary), d(0.5)}, want: "NULL"},
		{fn: "kll_sketch_get_quantile_float", result: types.Float, args: []lv{b(kf), d(1)}, want: "7.0"},
		{fn: "kll_sketch_get_rank_float", result: types.Double, args: []lv{b(kf), f(3)}, want: "0.42857142857142855"},
		{fn: "kll_sketch_get_rank_bigint", result: types.Double, args: []lv{b(kf), l(5)}, err: "KLL_SKETCH_INVALID_INPUT"},
		{fn: "kll_sketch_merge_bigint", result: types.Binary, args: []lv{b(kl), b(kf)}, err: "KLL_SKETCH_INCOMPATIBLE_MERGE"},
	})
	// Unions, intersections and differences, read back.
	for _, c2 := range []struct {
		fn   string
		args []lv
		want string
	}{
		{"theta_union", []lv{b(a), b(c), i(12)}, "11"},
		{"theta_intersection", []lv{b(a), b(c)}, "3"},
		{"theta_difference", []lv{b(a), b(c)}, "4"},
	} {
		fn, _ := Lookup(c2.fn)
		args := make([]Expr, len(c2.args))
		argTypes := make([]types.DataType, len(c2.args))
		for k, x := range c2.args {
			args[k], argTypes[k] = litOf(t, x.t, x.v), x.t
		}
		e, err := fn(args, argTypes, types.Binary, FuncOptions{})
		if err != nil {
			t.Fatal(err)
		}
		est, _ := Lookup("theta_sketch_estimate")
		outer, err := est([]Expr{e}, []types.DataType{types.Binary}, types.Long, FuncOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := evalStrs(t, outer, emptyBatch(1)); got[0] != c2.want {
			t.Errorf("%s: estimate %s, want %s", c2.fn, got[0], c2.want)
		}
	}
	// Arrays of ranks and items give arrays.
	q, _ := Lookup("kll_sketch_get_quantile_bigint")
	ranks := types.NewArray(types.Double, false)
	e, err := q([]Expr{litOf(t, types.Binary, kl), listLit(t, ranks, `[[0.0, 0.5, 1.0]]`)}, []types.DataType{types.Binary, ranks},
		types.NewArray(types.Long, false), FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := evalStrs(t, e, emptyBatch(1)); got[0] != "[1, 4, 7]" {
		t.Errorf("quantiles: %v", got)
	}
	e, _ = q([]Expr{litOf(t, types.Binary, kl), listLit(t, ranks, `[[-0.1, 0.5, 1.5]]`)}, []types.DataType{types.Binary, ranks},
		types.NewArray(types.Long, false), FuncOptions{})
	if _, err := e.Eval(emptyBatch(1)); err == nil {
		t.Error("quantiles out of range accepted")
	}
	r, _ := Lookup("kll_sketch_get_rank_bigint")
	items := types.NewArray(types.Long, false)
	e, err = r([]Expr{litOf(t, types.Binary, kl), listLit(t, items, `[[0, 7]]`)}, []types.DataType{types.Binary, items},
		types.NewArray(types.Double, false), FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := evalStrs(t, e, emptyBatch(1)); got[0] != "[0.0, 1.0]" {
		t.Errorf("ranks: %v", got)
	}
	// The summary's second line names the sketch kind.
	ts, _ := Lookup("kll_sketch_to_string_bigint")
	e, _ = ts([]Expr{litOf(t, types.Binary, kl)}, []types.DataType{types.Binary}, types.String, FuncOptions{})
	if got := evalStrs(t, e, emptyBatch(1)); len(got[0]) < 40 || got[0][:32] != "\n### KllKllLongsSketch Summary:\n" {
		t.Errorf("summary: %q", got[0])
	}
}

// listLit is a constant array of type dt from a one-row JSON list.
func listLit(t *testing.T, dt types.DataType, js string) Expr {
	t.Helper()
	at, err := types.ToArrow(dt)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := array.FromJSON(memory.DefaultAllocator, at, strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return litOf(t, dt, a)
}
