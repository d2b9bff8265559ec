package textdata

import (
	"math"
	"testing"
)

func TestJavaNumberParsing(t *testing.T) {
	ints := []struct {
		s    string
		bits int
		v    int64
		ok   bool
	}{
		{"0", 32, 0, true}, {"+12", 32, 12, true}, {"-2147483648", 32, math.MinInt32, true},
		{"2147483647", 32, math.MaxInt32, true}, {"2147483648", 32, 0, false}, {"-9223372036854775808", 64, math.MinInt64, true},
		{"9223372036854775808", 64, 0, false}, {"127", 8, 127, true}, {"128", 8, 0, false}, {"-128", 8, -128, true},
		{"", 32, 0, false}, {"-", 32, 0, false}, {" 1", 32, 0, false}, {"1.0", 32, 0, false}, {"1_0", 32, 0, false},
	}
	for _, c := range ints {
		v, ok := ParseJavaInt([]byte(c.s), c.bits)
		if ok != c.ok || (ok && v != c.v) {
			t.Errorf("ParseJavaInt(%q, %d) = %d, %v", c.s, c.bits, v, ok)
		}
	}
	doubles := []struct {
		s  string
		v  float64
		ok bool
	}{
		{"1.5", 1.5, true}, {" 2 ", 2, true}, {"1e3", 1000, true}, {"1d", 1, true}, {"-1.5F", -1.5, true},
		{".5", 0.5, true}, {"5.", 5, true}, {"NaN", math.NaN(), true}, {"-Infinity", math.Inf(-1), true},
		{"+Infinity", math.Inf(1), true}, {"inf", 0, false}, {"nan", 0, false}, {"1e", 0, false}, {"0x1p3", 8, true},
		{"0x1.8p1", 3, true}, {"0x1", 0, false}, {"1e400", math.Inf(1), true}, {"", 0, false}, {".", 0, false},
		{"1_000", 0, false},
	}
	for _, c := range doubles {
		v, ok := ParseJavaDouble([]byte(c.s), 64)
		if ok != c.ok || (ok && !(v == c.v || math.IsNaN(v) && math.IsNaN(c.v))) {
			t.Errorf("ParseJavaDouble(%q) = %v, %v", c.s, v, ok)
		}
	}
	for _, c := range []struct {
		s  string
		v  bool
		ok bool
	}{{"true", true, true}, {"TrUe", true, true}, {"FALSE", false, true}, {"t", false, false}, {"1", false, false}, {" true", false, false}} {
		v, ok := ParseJavaBool([]byte(c.s))
		if ok != c.ok || v != c.v {
			t.Errorf("ParseJavaBool(%q) = %v, %v", c.s, v, ok)
		}
	}
}
