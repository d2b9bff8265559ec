package sketches

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

func wantClass(t *testing.T, err error, class string, params map[string]string) {
	t.Helper()
	se, ok := sparkerror.As(err)
	if !ok || se.Class != class {
		t.Fatalf("got %v, want %s", err, class)
	}
	for k, v := range params {
		if se.Params[k] != v {
			t.Errorf("%s: parameter %s = %q, want %q", class, k, se.Params[k], v)
		}
	}
}

func hllOf(t *testing.T, lgK int, vals ...int64) []byte {
	t.Helper()
	sk, err := NewHLL(lgK)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if err := sk.UpdateInt64(v); err != nil {
			t.Fatal(err)
		}
	}
	b, err := HLLImage(sk)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hll.sql: estimates of small inputs are exact; unions; Spark's errors.
func TestHLL(t *testing.T) {
	est := func(b []byte) int64 {
		t.Helper()
		v, err := HLLEstimate("hll_sketch_estimate", b)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := est(hllOf(t, 12, 0, 1, 2, 2, 2, 3, 4)); got != 5 {
		t.Errorf("estimate = %d, want 5", got)
	}
	if got := est(hllOf(t, 12)); got != 0 {
		t.Errorf("empty estimate = %d", got)
	}
	// Strings and binaries: empty ones are skipped.
	sk, _ := NewHLL(12)
	for _, s := range []string{"abc", "def", "abc", "ghi", "abc", ""} {
		_ = sk.UpdateSlice([]byte(s))
	}
	img, _ := HLLImage(sk)
	if got := est(img); got != 3 {
		t.Errorf("string estimate = %d, want 3", got)
	}
	// Many values reach HLL mode; the estimate stays within a few percent.
	many := make([]int64, 100000)
	for i := range many {
		many[i] = int64(i)
	}
	if got := est(hllOf(t, 12, many...)); got < 97000 || got > 103000 {
		t.Errorf("estimate of 100000 = %d", got)
	}
	u, err := HLLUnionImages("hll_union", hllOf(t, 12, 1, 2, 3), hllOf(t, 12, 4, 5, 6), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := est(u); got != 6 {
		t.Errorf("union estimate = %d, want 6", got)
	}
	_, err = HLLUnionImages("hll_union", hllOf(t, 12, 1), hllOf(t, 13, 4), false)
	wantClass(t, err, "HLL_UNION_DIFFERENT_LG_K", map[string]string{"function": "`hll_union`", "left": "12", "right": "13"})
	if _, err := HLLUnionImages("hll_union", hllOf(t, 12, 1), hllOf(t, 13, 4), true); err != nil {
		t.Errorf("union with different lgK allowed: %v", err)
	}
	_, err = HLLEstimate("hll_sketch_estimate", []byte("abc"))
	wantClass(t, err, "HLL_INVALID_INPUT_SKETCH_BUFFER", map[string]string{"function": "`hll_sketch_estimate`"})
	_, err = HLLEstimate("hll_sketch_estimate", []byte("abcdefghijklmnopqrstuvwxyz"))
	wantClass(t, err, "HLL_INVALID_INPUT_SKETCH_BUFFER", nil)
	wantClass(t, CheckHLLLgK(2), "HLL_INVALID_LG_K", map[string]string{"function": "`hll_sketch_agg`", "min": "4", "max": "21", "value": "2"})

	// hll_union_agg: the first sketch fixes lgConfigK unless different values are allowed.
	agg := &HLLUnion{Fn: "hll_union_agg"}
	if err := agg.AddImage(hllOf(t, 12, 1)); err != nil {
		t.Fatal(err)
	}
	wantClass(t, agg.AddImage(hllOf(t, 20, 1)), "HLL_UNION_DIFFERENT_LG_K", map[string]string{"left": "12", "right": "20"})
	agg = &HLLUnion{Fn: "hll_union_agg", AllowDifferent: true}
	_ = agg.AddImage(hllOf(t, 12, 1))
	if err := agg.AddImage(hllOf(t, 20, 1)); err != nil {
		t.Fatal(err)
	}
	img, _ = agg.Image()
	if got := est(img); got != 1 {
		t.Errorf("union agg estimate = %d, want 1", got)
	}
}

func thetaOf(t *testing.T, lgNom int, vals ...int64) []byte {
	t.Helper()
	sk, err := NewTheta(lgNom)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		ThetaUpdateInt64(sk, v)
	}
	b, err := UpdateImage(sk)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// thetasketch.sql: 1..7 against 5..11.
func TestTheta(t *testing.T) {
	est := func(b []byte, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		v, err := ThetaEstimate("theta_sketch_estimate", b)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	a := thetaOf(t, 12, 1, 2, 3, 4, 5, 6, 7)
	b := thetaOf(t, 4, 5, 6, 7, 8, 9, 10, 11)
	if got := est(a, nil); got != 7 {
		t.Errorf("estimate = %d", got)
	}
	if got := est(ThetaUnionImages("theta_union", a, b, 12)); got != 11 {
		t.Errorf("union = %d, want 11", got)
	}
	if got := est(ThetaIntersectionImages("theta_intersection", a, b)); got != 3 {
		t.Errorf("intersection = %d, want 3", got)
	}
	if got := est(ThetaDifferenceImages("theta_difference", a, b)); got != 4 {
		t.Errorf("difference = %d, want 4", got)
	}
	if got := est(thetaOf(t, 12), nil); got != 0 {
		t.Errorf("empty = %d", got)
	}
	// Doubles: -0.0 and 0.0 are one value.
	sk, _ := NewTheta(12)
	for _, v := range []float64{1.1, 2.2, 0, -0.0, 1.1} {
		ThetaUpdateFloat64(sk, v)
	}
	if got := est(UpdateImage(sk)); got != 3 {
		t.Errorf("doubles = %d, want 3", got)
	}
	// Arrays: empty ones are skipped; [1, NULL] hashes as [1, 0].
	sk, _ = NewTheta(12)
	var scratch []byte
	for _, v := range [][]int32{{}, {1, 2}, {}, {3, 4}, {1, 0}} {
		scratch = ThetaUpdateInt32s(sk, v, scratch)
	}
	if got := est(UpdateImage(sk)); got != 3 {
		t.Errorf("arrays = %d, want 3", got)
	}
	_, err := ThetaEstimate("theta_sketch_estimate", []byte("abc"))
	wantClass(t, err, "THETA_INVALID_INPUT_SKETCH_BUFFER", map[string]string{"function": "`theta_sketch_estimate`"})
	_, err = ThetaUnionImages("theta_union", a, b, 27)
	wantClass(t, err, "THETA_INVALID_LG_NOM_ENTRIES", map[string]string{"function": "`theta_union`", "min": "4", "max": "26", "value": "27"})
	_, err = ThetaDifferenceImages("theta_difference", []byte("abc"), []byte("def"))
	wantClass(t, err, "THETA_INVALID_INPUT_SKETCH_BUFFER", map[string]string{"function": "`theta_difference`"})

	// Aggregated unions and intersections.
	u, _ := NewThetaUnion(16)
	for _, img := range [][]byte{a, b} {
		cs, err := ReadTheta("theta_union_agg", img)
		if err != nil {
			t.Fatal(err)
		}
		_ = u.Add(cs)
	}
	if got := est(u.Image()); got != 11 {
		t.Errorf("union agg = %d", got)
	}
	var in ThetaIntersection
	if got := est(in.Image()); got != 0 {
		t.Errorf("intersection of nothing = %d", got)
	}
	for _, img := range [][]byte{a, b} {
		cs, _ := ReadTheta("theta_intersection_agg", img)
		_ = in.Add(cs)
	}
	if got := est(in.Image()); got != 3 {
		t.Errorf("intersection agg = %d", got)
	}
}

// kllquantiles.sql: 1..7, the images' sizes, Java's messages for bad images.
func TestKLL(t *testing.T) {
	longs, err := KLLLongs.New(200)
	if err != nil {
		t.Fatal(err)
	}
	floats, _ := KLLFloats.New(200)
	for i := 1; i <= 7; i++ {
		longs.Update(int64(i))
		floats.Update(float32(i))
	}
	li, _ := longs.Image()
	fi, _ := floats.Image()
	if len(li) != 96 || len(fi) != 60 {
		t.Errorf("image sizes %d and %d, want Java's 96 and 60", len(li), len(fi))
	}
	back, err := KLLLongs.Read(li)
	if err != nil {
		t.Fatal(err)
	}
	if back.N() != 7 {
		t.Errorf("n = %d", back.N())
	}
	if q, err := back.Quantile(0.5); err != nil || q != 4 {
		t.Errorf("median = %d, %v", q, err)
	}
	if r, err := back.Rank(3); err != nil || r < 0.42 || r > 0.43 {
		t.Errorf("rank(3) = %v, %v", r, err)
	}
	if _, err := back.Quantile(1.5); err == nil || !strings.Contains(err.Error(), "normalized rank") {
		t.Errorf("rank 1.5: %v", err)
	}
	lines := strings.Split(back.Summary(), "\n")
	if lines[1] != "### KllKllLongsSketch Summary:" || !strings.Contains(back.Summary(), "   N                      : 7\n") {
		t.Errorf("summary:\n%s", back.Summary())
	}
	// A longs image read as floats reads the same layout.
	if f, err := KLLFloats.Read(li); err != nil || f.N() != 7 {
		t.Errorf("longs read as floats: %v", err)
	}
	// A floats image is too short for longs.
	if _, err := KLLLongs.Read(fi); err == nil || err.Error() != "reqOffset: 40, reqLength: 56, (reqOff + reqLen): 96, allocSize: 60" {
		t.Errorf("floats read as longs: %v", err)
	}
	for img, want := range map[string]string{
		"\xde\xad\xbe\xef": "A sketch memory image must be at least 8 bytes. 4",
		"not_a_sketch":     "Error combination of PreInts and SerVer: PreInts: 110, SerVer: 111",
	} {
		if _, err := KLLLongs.Read([]byte(img)); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %s", img, err, want)
		}
	}
	// Empty and single-item sketches.
	empty, _ := KLLDoubles.New(200)
	ei, _ := empty.Image()
	e, err := KLLDoubles.Read(ei)
	if err != nil || e.N() != 0 {
		t.Fatalf("empty: %v", err)
	}
	if _, err := e.Quantile(0.5); err == nil {
		t.Error("quantile of an empty sketch")
	}
	one, _ := KLLDoubles.New(200)
	one.Update(2.5)
	one.Update(nan())
	oi, _ := one.Image()
	o, err := KLLDoubles.Read(oi)
	if err != nil || o.N() != 1 {
		t.Fatalf("single: %v", err)
	}
	if q, _ := o.Quantile(1); q != 2.5 {
		t.Errorf("single quantile = %v", q)
	}
	// Merge.
	if err := back.Merge(back); err != nil || back.N() != 14 {
		t.Errorf("merge: n %d, %v", back.N(), err)
	}
	// Large k still works (the library's limit applies above 32767).
	big, _ := KLLLongs.New(65535)
	big.Update(1)
	big.Update(2)
	bi, _ := big.Image()
	if b, err := KLLLongs.Read(bi); err != nil || b.N() != 2 {
		t.Errorf("k 65535: %v", err)
	}
}

func nan() float64 {
	z := 0.0
	return z / z
}

// scalar-subquery-select.sql: hex(count_min_sketch(t2d, 0.5d, 0.5d, 1)).
func TestCountMin(t *testing.T) {
	cm, err := NewCountMin(0.5, 0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		vals []int64
		want string
	}{
		{nil, "0000000100000000000000000000000100000004000000005D8D6AB90000000000000000000000000000000000000000000000000000000000000000"},
		{[]int64{19, 119, 319, 19, 19, 19}, "0000000100000000000000060000000100000004000000005D8D6AB90000000000000000000000000000000400000000000000010000000000000001"},
		{[]int64{219, 19}, "0000000100000000000000020000000100000004000000005D8D6AB90000000000000000000000000000000100000000000000000000000000000001"},
	}
	for _, c := range cases {
		table := make([]int64, cm.Cells())
		for _, v := range c.vals {
			cm.AddLong(table, v)
		}
		got := strings.ToUpper(hex.EncodeToString(cm.Image(nil, int64(len(c.vals)), table)))
		if got != c.want {
			t.Errorf("%v:\n got %s\nwant %s", c.vals, got, c.want)
		}
	}
	// Spark's murmur3 of bytes (Murmur3_x86_32.hashUnsafeBytes), as in its hash function
	// for strings with seed 42: hash('Spark') = 228093765.
	if got := sparkMurmur3([]byte("Spark"), 42); got != 228093765 {
		t.Errorf("murmur3 = %d", got)
	}
	table := make([]int64, cm.Cells())
	cm.AddBytes(table, []byte("abc"))
	var sum int64
	for _, v := range table {
		sum += v
	}
	if sum != int64(cm.Depth) {
		t.Errorf("one string adds %d counts", sum)
	}
	if _, err := NewCountMin(0, 0.5, 1); err == nil {
		t.Error("eps 0 accepted")
	}
}

func TestJavaDouble(t *testing.T) {
	for v, want := range map[float64]string{-0.5: "-0.5", 1.5: "1.5", 2: "2.0", 1e7: "1.0E7", 1.5e-5: "1.5E-5", 123456.789: "123456.789"} {
		if got := JavaDouble(v); got != want {
			t.Errorf("%v: %s, want %s", v, got, want)
		}
	}
}
