package format

import (
	"math"
	"testing"
)

// Integral values below 2^63 print as Java 17's Double.toString/Float.toString print them
// (the golden answers of try_aggregates.sql come from Java 17).
func TestJavaDoubleStringJDK17Integral(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{math.Ldexp(1, 62), "4.6116860184273879E18"},
		{-math.Ldexp(1, 62), "-4.6116860184273879E18"},
		{9223372036854775807, "9.223372036854776E18"}, // 2^63: not below 2^63, the shortest digits
		{1e10, "1.0E10"},
		{12345678, "1.2345678E7"},
		{1234567, "1234567.0"},
		{math.Ldexp(1, 53), "9.007199254740992E15"},
		{1.5, "1.5"},
		{0.1, "0.1"},
		{1e300, "1.0E300"},
	} {
		if got := JavaDoubleString(c.f); got != c.want {
			t.Errorf("JavaDoubleString(%v) = %s, want %s", c.f, got, c.want)
		}
	}
	for _, c := range []struct {
		f    float32
		want string
	}{
		{123456792, "1.23456792E8"},
		{1e10, "1.0E10"},
		{16777216, "1.6777216E7"},
	} {
		if got := JavaFloatString(c.f); got != c.want {
			t.Errorf("JavaFloatString(%v) = %s, want %s", c.f, got, c.want)
		}
	}
}
