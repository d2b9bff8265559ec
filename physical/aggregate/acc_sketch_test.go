package aggregate

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate/sketches"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// sketchImages runs a sketch aggregate over two partial states merged (runAcc) and
// returns each group's image.
func sketchImages(t *testing.T, c Call, groups []uint32, args ...arrow.Array) [][]byte {
	t.Helper()
	var out [][]byte
	for _, s := range strings.Fields(runAcc(t, c, groups, args...)) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		out = append(out, b)
	}
	return out
}

// The sketch aggregates over the inputs of Spark's golden files (hll.sql,
// thetasketch.sql, kllquantiles.sql), with NULLs and two groups, across partial states.
func TestSketchAccumulators(t *testing.T) {
	i32, i64, f32 := arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float32
	ints := fromJSON(t, i32, `[0, 1, null, 2, 2, 2, 3, 4, 7, 7]`)
	groups := []uint32{0, 0, 0, 0, 0, 0, 0, 0, 1, 1}
	col := func(dt arrow.DataType) []expr.Expr { return []expr.Expr{&expr.Column{Index: 0, Type: dt}} }
	withConst := func(dt arrow.DataType, st types.DataType, v any) []expr.Expr {
		return append(col(dt), lit(t, st, v))
	}
	estimates := func(fn string, imgs [][]byte, est func(string, []byte) (int64, error)) []int64 {
		out := make([]int64, len(imgs))
		for i, b := range imgs {
			v, err := est(fn, b)
			if err != nil {
				t.Fatalf("%s: %v", fn, err)
			}
			out[i] = v
		}
		return out
	}
	hll := sketchImages(t, Call{Fn: "hll_sketch_agg", Args: withConst(i32, types.Integer, int32(12))}, groups, ints)
	if got := estimates("hll_sketch_estimate", hll, sketches.HLLEstimate); got[0] != 5 || got[1] != 1 {
		t.Errorf("hll_sketch_agg estimates %v, want [5 1]", got)
	}
	th := sketchImages(t, Call{Fn: "theta_sketch_agg", Args: withConst(i32, types.Integer, int32(12))}, groups, ints)
	if got := estimates("theta_sketch_estimate", th, sketches.ThetaEstimate); got[0] != 5 || got[1] != 1 {
		t.Errorf("theta_sketch_agg estimates %v, want [5 1]", got)
	}
	strs := fromJSON(t, arrow.BinaryTypes.String, `["abc", "def", "abc", "", null, "ghi"]`)
	h := sketchImages(t, Call{Fn: "hll_sketch_agg", Args: col(arrow.BinaryTypes.String)}, []uint32{0, 0, 0, 0, 0, 0}, strs)
	if got := estimates("hll_sketch_estimate", h, sketches.HLLEstimate); got[0] != 3 {
		t.Errorf("hll_sketch_agg of strings %v, want 3 (empty strings skipped)", got)
	}
	arrs := fromJSON(t, arrow.ListOf(i64), `[[10, null], [10], [20, null, 30], [40], [], null]`)
	ta := sketchImages(t, Call{Fn: "theta_sketch_agg", Args: col(arrow.ListOf(i64))}, []uint32{0, 0, 0, 0, 0, 0}, arrs)
	if got := estimates("theta_sketch_estimate", ta, sketches.ThetaEstimate); got[0] != 4 {
		t.Errorf("theta_sketch_agg of arrays %v, want 4", got)
	}

	// Unions and intersections of the sketches of two columns.
	bin := arrow.BinaryTypes.Binary
	a := sketchImages(t, Call{Fn: "theta_sketch_agg", Args: col(i64)}, []uint32{0, 0, 0, 0, 0, 0, 0},
		fromJSON(t, i64, `[1, 2, 3, 4, 5, 6, 7]`))[0]
	b := sketchImages(t, Call{Fn: "theta_sketch_agg", Args: col(i64)}, []uint32{0, 0, 0, 0, 0, 0, 0},
		fromJSON(t, i64, `[5, 6, 7, 8, 9, 10, 11]`))[0]
	pair := fromJSON(t, bin, `["`+base64.StdEncoding.EncodeToString(a)+`", null, "`+base64.StdEncoding.EncodeToString(b)+`"]`)
	u := sketchImages(t, Call{Fn: "theta_union_agg", Args: withConst(bin, types.Integer, int32(15))}, []uint32{0, 0, 0}, pair)
	in := sketchImages(t, Call{Fn: "theta_intersection_agg", Args: col(bin)}, []uint32{0, 0, 0}, pair)
	if got := estimates("theta_sketch_estimate", [][]byte{u[0], in[0]}, sketches.ThetaEstimate); got[0] != 11 || got[1] != 3 {
		t.Errorf("theta union/intersection agg %v, want [11 3]", got)
	}
	ha := sketchImages(t, Call{Fn: "hll_sketch_agg", Args: col(i64)}, []uint32{0, 0, 0}, fromJSON(t, i64, `[1, 2, 3]`))[0]
	hb := sketchImages(t, Call{Fn: "hll_sketch_agg", Args: col(i64)}, []uint32{0, 0, 0}, fromJSON(t, i64, `[3, 4, 5]`))[0]
	hpair := fromJSON(t, bin, `["`+base64.StdEncoding.EncodeToString(ha)+`", "`+base64.StdEncoding.EncodeToString(hb)+`"]`)
	hu := sketchImages(t, Call{Fn: "hll_union_agg", Args: withConst(bin, types.Boolean, false)}, []uint32{0, 0}, hpair)
	if got := estimates("hll_sketch_estimate", hu, sketches.HLLEstimate); got[0] != 5 {
		t.Errorf("hll_union_agg %v, want 5", got)
	}

	// KLL: n and the median of 1..7 with a NULL, in two groups.
	floats := fromJSON(t, f32, `[1, 2, null, 3, 4, 5, 6, 7, 1.5, 2.5]`)
	kl := sketchImages(t, Call{Fn: "kll_sketch_agg_float", Args: col(f32)}, groups, floats)
	for g, want := range []struct {
		n      int64
		median float32
	}{{7, 4}, {2, 1.5}} {
		sk, err := sketches.KLLFloats.Read(kl[g])
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := sk.Quantile(0.5); sk.N() != want.n || m != want.median {
			t.Errorf("group %d: n %d median %v, want %d %v", g, sk.N(), m, want.n, want.median)
		}
	}
	empty := sketchImages(t, Call{Fn: "kll_sketch_agg_bigint", Args: col(i64)}, []uint32{0, 0}, fromJSON(t, i64, `[null, null]`))
	if sk, err := sketches.KLLLongs.Read(empty[0]); err != nil || sk.N() != 0 {
		t.Errorf("kll of NULLs: %v", err)
	}

	// count_min_sketch(t2d, 0.5d, 0.5d, 1) of scalar-subquery-select.sql.
	cmArgs := append(col(i64), lit(t, types.Double, 0.5), lit(t, types.Double, 0.5), lit(t, types.Integer, int32(1)))
	cm := sketchImages(t, Call{Fn: "count_min_sketch", Args: cmArgs}, []uint32{0, 0, 0, 0, 0, 0, 1, 1},
		fromJSON(t, i64, `[19, 119, 319, 19, 19, 19, 219, 19]`))
	for g, want := range []string{
		"0000000100000000000000060000000100000004000000005D8D6AB90000000000000000000000000000000400000000000000010000000000000001",
		"0000000100000000000000020000000100000004000000005D8D6AB90000000000000000000000000000000100000000000000000000000000000001",
	} {
		if got := strings.ToUpper(hex.EncodeToString(cm[g])); got != want {
			t.Errorf("count_min_sketch group %d:\n got %s\nwant %s", g, got, want)
		}
	}
}

// Spark's runtime errors of the sketch aggregates' parameters.
func TestSketchAccumulatorErrors(t *testing.T) {
	i32, bin := arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.Binary
	c := &expr.Column{Index: 0, Type: i32}
	for _, tc := range []struct {
		call  Call
		class string
		value string
	}{
		{Call{Fn: "hll_sketch_agg", Args: []expr.Expr{c, lit(t, types.Integer, int32(2))}}, "HLL_INVALID_LG_K", "2"},
		{Call{Fn: "hll_sketch_agg", Args: []expr.Expr{c, lit(t, types.Integer, nil)}}, "HLL_INVALID_LG_K", "0"},
		{Call{Fn: "theta_sketch_agg", Args: []expr.Expr{c, lit(t, types.Integer, int32(40))}}, "THETA_INVALID_LG_NOM_ENTRIES", "40"},
		{Call{Fn: "theta_union_agg", Args: []expr.Expr{&expr.Column{Index: 0, Type: bin}, lit(t, types.Integer, int32(3))}},
			"THETA_INVALID_LG_NOM_ENTRIES", "3"},
	} {
		_, err := New(tc.call)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != tc.class || se.Params["value"] != tc.value {
			t.Errorf("%s: got %v, want %s with value %s", tc.call.Fn, err, tc.class, tc.value)
		}
	}
	// Bad sketch bytes.
	f, err := New(Call{Fn: "theta_intersection_agg", Args: []expr.Expr{&expr.Column{Index: 0, Type: bin}}})
	if err != nil {
		t.Fatal(err)
	}
	acc := f.NewAccumulator()
	acc.Resize(1)
	err = acc.Update([]uint32{0}, []arrow.Array{fromJSON(t, bin, `["YWJj"]`)})
	if se, ok := sparkerror.As(err); !ok || se.Class != "THETA_INVALID_INPUT_SKETCH_BUFFER" {
		t.Errorf("theta_intersection_agg of 'abc': %v", err)
	}
}
