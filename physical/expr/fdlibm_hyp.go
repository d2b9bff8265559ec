package expr

import "math"

// More of fdlibm 5.3 (see fdlibm.go): sinh, cosh and tanh (e_sinh.c, e_cosh.c, s_tanh.c),
// which Java's Math delegates to StrictMath. Go's math package computes these with other
// formulas that can differ in the last bit (math.Cosh(1) is 1.5430806348152437, Java's
// 1.543080634815244). Go's math.Expm1 is itself a port of fdlibm's s_expm1.c and is used
// as it is.

func fdBits(bits uint64) float64 { return math.Float64frombits(bits) }

// fdSinh is StrictMath.sinh (e_sinh.c).
func fdSinh(x float64) float64 {
	const shuge = 1.0e307
	jx := hiWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x + x
	}
	h := 0.5
	if jx < 0 {
		h = -h
	}
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3e300000 && shuge+x > 1 { // |x| < 2^-28
			return x
		}
		t := math.Expm1(math.Abs(x))
		if ix < 0x3ff00000 {
			return h * (m(2.0*t) - m(t*t)/(t+1))
		}
		return h * (t + t/(t+1))
	}
	if ix < 0x40862E42 { // |x| < log(maxdouble)
		return m(h * fdExp(math.Abs(x)))
	}
	if ix < 0x408633CE || (ix == 0x408633ce && loWord(x) <= 0x8fb9f87d) {
		w := fdExp(0.5 * math.Abs(x))
		t := m(h * w)
		return m(t * w)
	}
	return m(x * shuge) // overflow
}

// fdCosh is StrictMath.cosh (e_cosh.c).
func fdCosh(x float64) float64 {
	ix := hiWord(x) & 0x7fffffff
	if ix >= 0x7ff00000 {
		return m(x * x)
	}
	if ix < 0x3fd62e43 { // |x| < 0.5*ln2: 1 + expm1(|x|)^2/(2*exp(|x|))
		t := math.Expm1(math.Abs(x))
		w := 1 + t
		if ix < 0x3c800000 {
			return w
		}
		return 1 + m(t*t)/(w+w)
	}
	if ix < 0x40360000 { // |x| < 22
		t := fdExp(math.Abs(x))
		return m(0.5*t) + 0.5/t
	}
	if ix < 0x40862E42 {
		return m(0.5 * fdExp(math.Abs(x)))
	}
	if ix < 0x408633CE || (ix == 0x408633ce && loWord(x) <= 0x8fb9f87d) {
		w := fdExp(0.5 * math.Abs(x))
		t := m(0.5 * w)
		return m(t * w)
	}
	return math.Inf(1)
}

// fdTanh is StrictMath.tanh (s_tanh.c).
func fdTanh(x float64) float64 {
	jx := hiWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		if jx >= 0 {
			return 1/x + 1 // +1, or NaN
		}
		return 1/x - 1
	}
	var z float64
	switch {
	case ix >= 0x40360000: // |x| >= 22
		z = 1
	case ix < 0x3c800000: // |x| < 2^-55
		return m(x * (1 + x))
	case ix >= 0x3ff00000: // |x| >= 1
		t := math.Expm1(m(2 * math.Abs(x)))
		z = 1 - 2/(t+2)
	default:
		t := math.Expm1(m(-2 * math.Abs(x)))
		z = -t / (t + 2)
	}
	if jx >= 0 {
		return z
	}
	return -z
}
