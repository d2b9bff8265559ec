package expr

import "math"

// Ports of fdlibm 5.3's inverse trigonometric functions and hypot (e_asin.c, e_acos.c,
// s_atan.c, e_atan2.c, e_hypot.c): Java's Math.asin, acos, atan, atan2 and hypot delegate
// to StrictMath, which Spark's asin, acos, atan, atan2 and hypot call. Go's math package
// uses other approximations, which differ in the last bit for about a quarter of inputs.

var (
	fdPio2Hi = fdBits(0x3FF921FB54442D18)
	fdPio2Lo = fdBits(0x3C91A62633145C07)
	fdPi     = fdBits(0x400921FB54442D18)
	fdPiLo   = fdBits(0x3CA1A62633145C07)
	fdPio4   = fdBits(0x3FE921FB54442D18)

	// The rational approximation R(t) = p(t)/q(t) of (asin(x)-x)/x^3, t = x^2.
	fdPS = [6]float64{fdBits(0x3FC5555555555555), fdBits(0xBFD4D61203EB6F7D), fdBits(0x3FC9C1550E884455),
		fdBits(0xBFA48228B5688F3B), fdBits(0x3F49EFE07501B288), fdBits(0x3F023DE10DFDF709)}
	fdQS = [4]float64{fdBits(0xC0033A271C8A2D4B), fdBits(0x40002AE59C598AC8), fdBits(0xBFE6066C1B8D0159),
		fdBits(0x3FB3B8C5B12E9282)}

	fdAtanHi = [4]float64{fdBits(0x3FDDAC670561BB4F), fdBits(0x3FE921FB54442D18), fdBits(0x3FEF730BD281F69B),
		fdBits(0x3FF921FB54442D18)}
	fdAtanLo = [4]float64{fdBits(0x3C7A2B7F222F65E2), fdBits(0x3C81A62633145C07), fdBits(0x3C7007887AF0CBBD),
		fdBits(0x3C91A62633145C07)}
	fdAT = [11]float64{fdBits(0x3FD555555555550D), fdBits(0xBFC999999998EBC4), fdBits(0x3FC24924920083FF),
		fdBits(0xBFBC71C6FE231671), fdBits(0x3FB745CDC54C206E), fdBits(0xBFB3B0F2AF749A6D),
		fdBits(0x3FB10D66A0D03D51), fdBits(0xBFADDE2D52DEFD9A), fdBits(0x3FA97B4B24760DEB),
		fdBits(0xBFA2B4442C6A6C2F), fdBits(0x3F90AD3AE322DA11)}
)

// fdAsinR evaluates p(t) and q(t) of the asin/acos rational approximation.
func fdAsinR(t float64) (p, q float64) {
	s := &fdPS
	p = s[4] + m(t*s[5])
	p = s[3] + m(t*p)
	p = s[2] + m(t*p)
	p = s[1] + m(t*p)
	p = s[0] + m(t*p)
	p = m(t * p)
	r := &fdQS
	q = r[2] + m(t*r[3])
	q = r[1] + m(t*q)
	q = r[0] + m(t*q)
	q = 1 + m(t*q)
	return p, q
}

// fdAsin is StrictMath.asin (e_asin.c).
func fdAsin(x float64) float64 {
	hx := hiWord(x)
	ix := hx & 0x7fffffff
	if ix >= 0x3ff00000 { // |x| >= 1
		if (ix-0x3ff00000)|int32(loWord(x)) == 0 {
			return m(x*fdPio2Hi) + m(x*fdPio2Lo) // ±pi/2
		}
		return math.NaN()
	}
	if ix < 0x3fe00000 { // |x| < 0.5
		if ix < 0x3e500000 { // |x| < 2^-26
			return x
		}
		p, q := fdAsinR(m(x * x))
		return x + m(x*(p/q))
	}
	w := 1 - math.Abs(x)
	t := m(w * 0.5)
	p, q := fdAsinR(t)
	s := math.Sqrt(t)
	if ix >= 0x3FEF3333 { // |x| > 0.975
		t = fdPio2Hi - (m(2.0*(s+m(s*(p/q)))) - fdPio2Lo)
	} else {
		w = withLo(s, 0)
		c := (t - m(w*w)) / (s + w)
		r := p / q
		p = m(m(2.0*s)*r) - (fdPio2Lo - m(2.0*c))
		q = fdPio4 - m(2.0*w)
		t = fdPio4 - (p - q)
	}
	if hx > 0 {
		return t
	}
	return -t
}

// fdAcos is StrictMath.acos (e_acos.c).
func fdAcos(x float64) float64 {
	hx := hiWord(x)
	ix := hx & 0x7fffffff
	if ix >= 0x3ff00000 { // |x| >= 1
		if (ix-0x3ff00000)|int32(loWord(x)) == 0 {
			if hx > 0 {
				return 0
			}
			return fdPi + m(2.0*fdPio2Lo)
		}
		return math.NaN()
	}
	if ix < 0x3fe00000 { // |x| < 0.5
		if ix <= 0x3c600000 { // |x| < 2^-57
			return fdPio2Hi + fdPio2Lo
		}
		p, q := fdAsinR(m(x * x))
		r := p / q
		return fdPio2Hi - (x - (fdPio2Lo - m(x*r)))
	}
	if hx < 0 { // x < -0.5
		z := m((1 + x) * 0.5)
		p, q := fdAsinR(z)
		s := math.Sqrt(z)
		r := p / q
		w := m(r*s) - fdPio2Lo
		return fdPi - m(2.0*(s+w))
	}
	z := m((1 - x) * 0.5) // x > 0.5
	s := math.Sqrt(z)
	df := withLo(s, 0)
	c := (z - m(df*df)) / (s + df)
	p, q := fdAsinR(z)
	r := p / q
	w := m(r*s) + c
	return m(2.0 * (df + w))
}

// fdAtan is StrictMath.atan (s_atan.c).
func fdAtan(x float64) float64 {
	hx := hiWord(x)
	ix := hx & 0x7fffffff
	if ix >= 0x44100000 { // |x| >= 2^66
		if ix > 0x7ff00000 || (ix == 0x7ff00000 && loWord(x) != 0) {
			return x + x // NaN
		}
		if hx > 0 {
			return fdAtanHi[3] + fdAtanLo[3]
		}
		return -fdAtanHi[3] - fdAtanLo[3]
	}
	id := -1
	if ix < 0x3fdc0000 { // |x| < 0.4375
		if ix < 0x3e400000 { // |x| < 2^-27
			return x
		}
	} else {
		x = math.Abs(x)
		switch {
		case ix < 0x3fe60000: // 7/16 <= |x| < 11/16
			id, x = 0, (m(2.0*x)-1)/(2.0+x)
		case ix < 0x3ff30000: // 11/16 <= |x| < 19/16
			id, x = 1, (x-1)/(x+1)
		case ix < 0x40038000: // |x| < 2.4375
			id, x = 2, (x-1.5)/(1+m(1.5*x))
		default: // 2.4375 <= |x| < 2^66
			id, x = 3, -1.0/x
		}
	}
	z := m(x * x)
	w := m(z * z)
	a := &fdAT
	// The sum of aT[i]*z^(i+1) as an odd and an even polynomial.
	s1 := a[8] + m(w*a[10])
	s1 = a[6] + m(w*s1)
	s1 = a[4] + m(w*s1)
	s1 = a[2] + m(w*s1)
	s1 = a[0] + m(w*s1)
	s1 = m(z * s1)
	s2 := a[7] + m(w*a[9])
	s2 = a[5] + m(w*s2)
	s2 = a[3] + m(w*s2)
	s2 = a[1] + m(w*s2)
	s2 = m(w * s2)
	if id < 0 {
		return x - m(x*(s1+s2))
	}
	z = fdAtanHi[id] - ((m(x*(s1+s2)) - fdAtanLo[id]) - x)
	if hx < 0 {
		return -z
	}
	return z
}

// fdAtan2 is StrictMath.atan2 (e_atan2.c).
func fdAtan2(y, x float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		return x + y
	}
	hx, lx := hiWord(x), loWord(x)
	hy, ly := hiWord(y), loWord(y)
	ix, iy := hx&0x7fffffff, hy&0x7fffffff
	if (hx-0x3ff00000)|int32(lx) == 0 { // x = 1
		return fdAtan(y)
	}
	mq := int((hy>>31)&1) | int((hx>>30)&2) // 2*sign(x) + sign(y)
	if iy|int32(ly) == 0 {                  // y = 0
		switch mq {
		case 0, 1:
			return y
		case 2:
			return fdPi
		}
		return -fdPi
	}
	if ix|int32(lx) == 0 { // x = 0
		if hy < 0 {
			return -fdPio2Hi
		}
		return fdPio2Hi
	}
	if ix == 0x7ff00000 { // x infinite
		if iy == 0x7ff00000 {
			return [4]float64{fdPio4, -fdPio4, m(3.0 * fdPio4), m(-3.0 * fdPio4)}[mq]
		}
		return [4]float64{0, math.Copysign(0, -1), fdPi, -fdPi}[mq]
	}
	if iy == 0x7ff00000 { // y infinite
		if hy < 0 {
			return -fdPio2Hi
		}
		return fdPio2Hi
	}
	var z float64
	k := (iy - ix) >> 20
	switch {
	case k > 60: // |y/x| > 2^60
		z = fdPio2Hi + m(0.5*fdPiLo)
	case hx < 0 && k < -60: // |y|/x in (-2^-60, 0)
		z = 0
	default:
		z = fdAtan(math.Abs(y / x))
	}
	switch mq {
	case 0:
		return z
	case 1:
		return -z
	case 2:
		return fdPi - (z - fdPiLo)
	}
	return (z - fdPiLo) - fdPi
}

// fdHypot is StrictMath.hypot (e_hypot.c): sqrt(x^2+y^2) without undue overflow.
func fdHypot(x, y float64) float64 {
	ha, hb := hiWord(x)&0x7fffffff, hiWord(y)&0x7fffffff
	a, b := x, y
	if hb > ha {
		a, b = y, x
		ha, hb = hb, ha
	}
	a, b = math.Abs(a), math.Abs(b)
	a, b = withHi(a, ha), withHi(b, hb)
	if ha-hb > 0x3c00000 { // a/b > 2^60
		return a + b
	}
	k := int32(0)
	if ha > 0x5f300000 { // a > 2^500
		if ha >= 0x7ff00000 { // Inf or NaN: Inf wins over NaN
			if math.IsInf(a, 0) || math.IsInf(b, 0) {
				return math.Inf(1)
			}
			return a + b
		}
		ha -= 0x25800000 // scale by 2^-600
		hb -= 0x25800000
		k += 600
		a, b = withHi(a, ha), withHi(b, hb)
	}
	if hb < 0x20b00000 { // b < 2^-500
		if hb <= 0x000fffff { // b subnormal or zero
			if hb|int32(loWord(b)) == 0 {
				return a
			}
			t1 := withHi(0, 0x7fd00000) // 2^1022
			b = m(b * t1)
			a = m(a * t1)
			k -= 1022 // (fdlibm goes on with the high words from before this scaling)
		} else { // scale by 2^600
			ha += 0x25800000
			hb += 0x25800000
			k -= 600
			a, b = withHi(a, ha), withHi(b, hb)
		}
	}
	var w float64
	if d := a - b; d > b {
		t1 := withHi(0, ha)
		t2 := a - t1
		w = math.Sqrt(m(t1*t1) - (m(b*(-b)) - m(t2*(a+t1))))
	} else {
		a = a + a
		y1 := withHi(0, hb)
		y2 := b - y1
		t1 := withHi(0, ha+0x00100000)
		t2 := a - t1
		w = math.Sqrt(m(t1*y1) - (m(d*(-d)) - (m(t1*y2) + m(t2*b))))
	}
	if k != 0 {
		return m(withHi(1.0, hiWord(1.0)+k<<20) * w)
	}
	return w
}
