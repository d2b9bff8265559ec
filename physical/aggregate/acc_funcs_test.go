package aggregate

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// max_by / min_by: Spark's documented examples; NULL orderings are skipped, a tie goes to
// the later row, and the value of the chosen row may be NULL.
func TestMaxMinBy(t *testing.T) {
	str, i32 := arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32
	args := []expr.Expr{&expr.Column{Index: 0, Type: str}, &expr.Column{Index: 1, Type: i32}}
	x := fromJSON(t, str, `["a", "b", "c"]`)
	y := fromJSON(t, i32, `[10, 50, 20]`)
	for fn, want := range map[string]string{"max_by": "b", "min_by": "a"} {
		if got := runAcc(t, Call{Fn: fn, Args: args}, []uint32{0, 0, 0}, x, y); got != want {
			t.Errorf("%s = %q, want %q", fn, got, want)
		}
	}
	x2 := fromJSON(t, str, `["a", "b", "c", "d", null, "f", "g"]`)
	y2 := fromJSON(t, i32, `[10, 50, 50, 10, 70, null, null]`)
	groups := []uint32{0, 0, 0, 0, 1, 1, 2}
	if got := runAcc(t, Call{Fn: "max_by", Args: args}, groups, x2, y2); got != "c null null" {
		t.Errorf("max_by = %q", got)
	}
	if got := runAcc(t, Call{Fn: "min_by", Args: args}, groups, x2, y2); got != "d null null" {
		t.Errorf("min_by = %q", got)
	}
	// Orderings of any orderable type (here strings, and doubles with NaN the largest).
	f64 := arrow.PrimitiveTypes.Float64
	dargs := []expr.Expr{&expr.Column{Index: 0, Type: i32}, &expr.Column{Index: 1, Type: f64}}
	v := fromJSON(t, i32, `[1, 2, 3, 4]`)
	o := fromJSON(t, f64, `[1.5, "NaN", -1, 3]`)
	if got := runAcc(t, Call{Fn: "max_by", Args: dargs}, []uint32{0, 0, 0, 0}, v, o); got != "2" {
		t.Errorf("max_by over NaN = %q", got)
	}
	if _, err := New(Call{Fn: "max_by", InputTypes: []types.DataType{types.Integer, types.NewMap(types.Integer, types.Integer, true)}}); err == nil {
		t.Errorf("max_by over a map ordering: no error")
	}
}

// gkValues builds a summary of values and compresses it.
func gkOf(relErr float64, vals []float64) *gkSummary {
	s := newGKSummary(relErr)
	for _, v := range vals {
		s.insert(v)
	}
	s.compress()
	return s
}

// checkGK asserts Spark's QuantileSummariesSuite bound: the answer's rank is within
// relErr * n of the requested one.
func checkGK(t *testing.T, name string, s *gkSummary, data []float64, ps []float64) {
	t.Helper()
	out := make([]float64, len(ps))
	if !s.query(ps, out) {
		t.Fatalf("%s: empty answer", name)
	}
	for k, p := range ps {
		a := out[k]
		le, lt := 0, 0
		for _, v := range data {
			if v <= a {
				le++
			}
			if v < a {
				lt++
			}
		}
		rank := math.Ceil(float64(le+lt) / 2)
		lower := math.Floor((p - s.relErr) * float64(len(data)))
		upper := math.Ceil((p + s.relErr) * float64(len(data)))
		if rank < lower || rank > upper {
			t.Errorf("%s: p=%v answered %v of rank %v, not in [%v, %v]", name, p, a, rank, lower, upper)
		}
	}
	if out[0] != slices.Min(data) && ps[0] == 0 {
		t.Errorf("%s: min %v, want %v", name, out[0], slices.Min(data))
	}
}

func TestGKSummary(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	ps := []float64{0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1}
	for _, n := range []int{1, 100, 60000, 150000} {
		data := make([]float64, n)
		for i, k := range r.Perm(n) {
			data[i] = float64(k)
		}
		for _, eps := range []float64{0.1, 0.01, 0.0001} {
			checkGK(t, "random", gkOf(eps, data), data, ps)
			// Two summaries merged, through their serialized form.
			half := n / 2
			a, b := gkOf(eps, data[:half]), gkOf(eps, data[half:])
			bb, err := deserializeGK(b.serialize(nil))
			if err != nil {
				t.Fatal(err)
			}
			a.merge(bb)
			checkGK(t, "merged", a, data, ps)
		}
	}
	// Small inputs are exact: the value at rank ceil(p * n).
	s := gkOf(1e-4, []float64{0, 6, 7, 9, 10})
	out := make([]float64, 3)
	s.query([]float64{0.5, 0.4, 0.1}, out)
	if !slices.Equal(out, []float64{7, 6, 0}) {
		t.Errorf("exact answers %v", out)
	}
	if newGKSummary(0.01).query([]float64{0.5}, out) {
		t.Errorf("an empty summary answered")
	}
}

// percentile_approx through the accumulator: Spark's documented examples, NULL for an
// empty group, the input type kept.
func TestPercentileApprox(t *testing.T) {
	i32 := arrow.PrimitiveTypes.Int32
	v := &expr.Column{Index: 0, Type: i32}
	pct := func(p any, st types.DataType) expr.Expr { return lit(t, st, p) }
	acc := lit(t, types.Integer, int32(100))
	arr := types.NewArray(types.Double, false)
	vals := fromJSON(t, i32, `[0, 1, 2, 10, null]`)
	c := Call{Fn: "percentile_approx", Args: []expr.Expr{v, pct(fromJSON(t, arrow.ListOf(arrow.PrimitiveTypes.Float64), `[[0.5, 0.4, 0.1]]`), arr), acc}}
	if got := runAcc(t, c, []uint32{0, 0, 0, 0, 1}, vals); got != "[1,1,0] null" {
		t.Errorf("percentile_approx array = %q", got)
	}
	vals = fromJSON(t, i32, `[0, 6, 7, 9, 10]`)
	c = Call{Fn: "approx_percentile", Args: []expr.Expr{v, pct(0.5, types.Double), acc}}
	if got := runAcc(t, c, []uint32{0, 0, 0, 0, 0}, vals); got != "7" {
		t.Errorf("approx_percentile = %q", got)
	}
	// Decimals: the double answer at the column's scale.
	dt := &arrow.Decimal128Type{Precision: 10, Scale: 2}
	dec := fromJSON(t, dt, `["1.25", "2.50", "3.75"]`)
	c = Call{Fn: "percentile_approx", Args: []expr.Expr{&expr.Column{Index: 0, Type: dt}, pct(0.5, types.Double), acc},
		InputTypes: []types.DataType{types.DecimalType{Precision: 10, Scale: 2}, types.Double, types.Integer}}
	if got := runAcc(t, c, []uint32{0, 0, 0}, dec); got != "2.5" {
		t.Errorf("percentile_approx decimal = %q", got)
	}
	if n, ok := decimalFromDouble(0.125, 10, 2); !ok || n.ToString(2) != "0.13" {
		t.Errorf("HALF_UP: %v %v", n.ToString(2), ok)
	}
	if _, ok := decimalFromDouble(1e10, 5, 2); ok {
		t.Errorf("an overflowing decimal fits")
	}
	// An invalid accuracy is Spark's analysis error.
	_, err := New(Call{Fn: "percentile_approx", Args: []expr.Expr{v, pct(0.5, types.Double), lit(t, types.Integer, int32(0))}})
	if se, ok := sparkerror.As(err); !ok || se.Class != "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE" {
		t.Errorf("accuracy 0: %v", err)
	}
}

// The bitmap aggregates: Spark's documented examples (over two merged partial states).
func TestBitmapAggregates(t *testing.T) {
	i64, bin := arrow.PrimitiveTypes.Int64, arrow.BinaryTypes.Binary
	hexPrefix := func(s string) string {
		// the first three bytes of each group's bitmap, as hex(...) shows them
		var out []string
		for _, g := range strings.Split(s, " ") {
			b, err := base64.StdEncoding.DecodeString(g)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.ToUpper(hex.EncodeToString(b[:3])))
		}
		return strings.Join(out, " ")
	}
	pos := fromJSON(t, i64, `[0, 1, 2, 0, 0, 0, null]`)
	c := Call{Fn: "bitmap_construct_agg", Args: []expr.Expr{&expr.Column{Index: 0, Type: i64}}}
	if got := hexPrefix(runAcc(t, c, []uint32{0, 0, 0, 1, 1, 1, 2}, pos)); got != "070000 010000 000000" {
		t.Errorf("bitmap_construct_agg = %q", got)
	}
	col := []expr.Expr{&expr.Column{Index: 0, Type: bin}}
	bm := fromJSON(t, bin, `["EA==", "IA==", "QA==", "8A==", "cA==", "MA==", "/w==", "/w==", "/w=="]`)
	if got := hexPrefix(runAcc(t, Call{Fn: "bitmap_or_agg", Args: col}, []uint32{0, 0, 0, 1, 1, 1, 2, 2, 2}, bm)); got != "700000 F00000 FF0000" {
		t.Errorf("bitmap_or_agg = %q", got)
	}
	if got := hexPrefix(runAcc(t, Call{Fn: "bitmap_and_agg", Args: col}, []uint32{0, 0, 0, 1, 1, 1, 2, 2, 2}, bm)); got != "000000 300000 FF0000" {
		t.Errorf("bitmap_and_agg = %q", got)
	}
	bad := fromJSON(t, i64, `[32768]`)
	f, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	a := f.NewAccumulator()
	a.Resize(1)
	err = a.Update([]uint32{0}, []arrow.Array{bad})
	if se, ok := sparkerror.As(err); !ok || se.Class != "INVALID_BITMAP_POSITION" || se.Params["bitmapNumBits"] != "32768" {
		t.Errorf("position 32768: %v", err)
	}
}
