package expr

import "math"

// Ports of fdlibm 5.3 (the algorithms behind Java's StrictMath, which Spark's log, log10,
// log2, exp, pow and cbrt call), so that results agree with Spark to the last bit: Go's math
// package computes some of these differently (and in assembly on amd64). Products are
// wrapped in m() so that the compiler cannot fuse them into FMA instructions, which would
// change roundings.

func m(x float64) float64 { return x } // an explicit rounding point

func hiWord(x float64) int32  { return int32(math.Float64bits(x) >> 32) }
func loWord(x float64) uint32 { return uint32(math.Float64bits(x)) }
func withHi(x float64, hi int32) float64 {
	return math.Float64frombits(uint64(uint32(hi))<<32 | uint64(loWord(x)))
}
func withLo(x float64, lo uint32) float64 {
	return math.Float64frombits(math.Float64bits(x)&^0xffffffff | uint64(lo))
}

const (
	fdLn2Hi = 6.93147180369123816490e-01
	fdLn2Lo = 1.90821492927058770002e-10
	fdTwo54 = 1.80143985094819840000e+16
	fdLg1   = 6.666666666666735130e-01
	fdLg2   = 3.999999999940941908e-01
	fdLg3   = 2.857142874366239149e-01
	fdLg4   = 2.222219843214978396e-01
	fdLg5   = 1.818357216161805012e-01
	fdLg6   = 1.531383769920937332e-01
	fdLg7   = 1.479819860511658591e-01
)

// fdLog is StrictMath.log (e_log.c).
func fdLog(x float64) float64 {
	hx := hiWord(x)
	lx := loWord(x)
	k := int32(0)
	if hx < 0x00100000 {
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x = m(x * fdTwo54)
		hx = hiWord(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	hx &= 0x000fffff
	i := (hx + 0x95f64) & 0x100000
	x = withHi(x, hx|(i^0x3ff00000))
	k += i >> 20
	f := x - 1.0
	if (0x000fffff & (2 + hx)) < 3 {
		if f == 0 {
			if k == 0 {
				return 0
			}
			dk := float64(k)
			return m(dk*fdLn2Hi) + m(dk*fdLn2Lo)
		}
		R := m(m(f*f) * (0.5 - m(0.33333333333333333*f)))
		if k == 0 {
			return f - R
		}
		dk := float64(k)
		return m(dk*fdLn2Hi) - ((R - m(dk*fdLn2Lo)) - f)
	}
	s := f / (2.0 + f)
	dk := float64(k)
	z := m(s * s)
	i = hx - 0x6147a
	w := m(z * z)
	j := 0x6b851 - hx
	t1 := m(w * (fdLg2 + m(w*(fdLg4+m(w*fdLg6)))))
	t2 := m(z * (fdLg1 + m(w*(fdLg3+m(w*(fdLg5+m(w*fdLg7)))))))
	i |= j
	R := t2 + t1
	if i > 0 {
		hfsq := m(m(0.5*f) * f)
		if k == 0 {
			return f - (hfsq - m(s*(hfsq+R)))
		}
		return m(dk*fdLn2Hi) - ((hfsq - (m(s*(hfsq+R)) + m(dk*fdLn2Lo))) - f)
	}
	if k == 0 {
		return f - m(s*(f-R))
	}
	return m(dk*fdLn2Hi) - ((m(s*(f-R)) - m(dk*fdLn2Lo)) - f)
}

// fdLog10 is StrictMath.log10 (e_log10.c).
func fdLog10(x float64) float64 {
	const (
		ivln10    = 4.34294481903251816668e-01
		log10_2hi = 3.01029995663611771306e-01
		log10_2lo = 3.69423907715893078616e-13
	)
	hx := hiWord(x)
	lx := loWord(x)
	k := int32(0)
	if hx < 0x00100000 {
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x = m(x * fdTwo54)
		hx = hiWord(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	i := int32(uint32(k) & 0x80000000 >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = withHi(x, hx)
	z := m(y*log10_2lo) + m(ivln10*fdLog(x))
	return z + m(y*log10_2hi)
}

// fdExp is StrictMath.exp (e_exp.c).
func fdExp(x float64) float64 {
	const (
		huge       = 1.0e+300
		twom1000   = 9.33263618503218878990e-302
		oThreshold = 7.09782712893383973096e+02
		uThreshold = -7.45133219101941108420e+02
		invln2     = 1.44269504088896338700e+00
		p1         = 1.66666666666666019037e-01
		p2         = -2.77777777770155933842e-03
		p3         = 6.61375632143793436117e-05
		p4         = -1.65339022054652515390e-06
		p5         = 4.13813679705723846039e-08
	)
	ln2HI := [2]float64{6.93147180369123816490e-01, -6.93147180369123816490e-01}
	ln2LO := [2]float64{1.90821492927058770002e-10, -1.90821492927058770002e-10}
	halF := [2]float64{0.5, -0.5}
	hx := uint32(hiWord(x))
	xsb := int((hx >> 31) & 1)
	hx &= 0x7fffffff
	if hx >= 0x40862E42 {
		if hx >= 0x7ff00000 {
			if (hx&0xfffff)|loWord(x) != 0 {
				return x + x
			}
			if xsb == 0 {
				return x
			}
			return 0
		}
		if x > oThreshold {
			return math.Inf(1)
		}
		if x < uThreshold {
			return 0
		}
	}
	var hi, lo float64
	k := int32(0)
	if hx > 0x3fd62e42 {
		if hx < 0x3FF0A2B2 {
			hi = x - ln2HI[xsb]
			lo = ln2LO[xsb]
			k = int32(1 - xsb - xsb)
		} else {
			k = int32(m(invln2*x) + halF[xsb])
			t := float64(k)
			hi = x - m(t*ln2HI[0])
			lo = m(t * ln2LO[0])
		}
		x = hi - lo
	} else if hx < 0x3e300000 {
		if huge+x > 1 {
			return 1 + x
		}
	}
	t := m(x * x)
	c := x - m(t*(p1+m(t*(p2+m(t*(p3+m(t*(p4+m(t*p5)))))))))
	if k == 0 {
		return 1 - (m(x*c)/(c-2.0) - x)
	}
	y := 1 - ((lo - m(x*c)/(2.0-c)) - hi)
	if k >= -1021 {
		return withHi(y, hiWord(y)+k<<20)
	}
	y = withHi(y, hiWord(y)+(k+1000)<<20)
	return m(y * twom1000)
}

// fdCbrt is StrictMath.cbrt (s_cbrt.c).
func fdCbrt(x float64) float64 {
	const (
		b1 = 715094163
		b2 = 696219795
		c  = 5.42857142857142815906e-01
		d  = -7.05306122448979611050e-01
		e  = 1.41428571428571436819e+00
		f  = 1.60714285714285720630e+00
		g  = 3.57142857142857150787e-01
	)
	hx := uint32(hiWord(x))
	sign := hx & 0x80000000
	hx ^= sign
	if hx >= 0x7ff00000 {
		return x + x
	}
	if hx|loWord(x) == 0 {
		return x
	}
	x = withHi(x, int32(hx))
	t := 0.0
	if hx < 0x00100000 {
		t = withHi(t, 0x43500000)
		t = m(t * x)
		t = withHi(t, int32(uint32(hiWord(t))/3+b2))
	} else {
		t = withHi(t, int32(hx/3+b1))
	}
	r := m(t*t) / x
	s := c + m(r*t)
	t = m(t * (g + f/(s+e+d/s)))
	t = withLo(t, 0)
	t = withHi(t, hiWord(t)+1)
	s = m(t * t)
	r = x / s
	w := t + t
	r = (r - t) / (w + r)
	t = t + m(t*r)
	return withHi(t, int32(uint32(hiWord(t))|sign))
}

// fdPow is StrictMath.pow (e_pow.c).
func fdPow(x, y float64) float64 {
	const (
		two53  = 9007199254740992.0
		huge   = 1.0e300
		tiny   = 1.0e-300
		l1     = 5.99999999999994648725e-01
		l2     = 4.28571428578550184252e-01
		l3     = 3.33333329818377432918e-01
		l4     = 2.72728123808534006489e-01
		l5     = 2.30660745775561754067e-01
		l6     = 2.06975017800338417784e-01
		p1     = 1.66666666666666019037e-01
		p2     = -2.77777777770155933842e-03
		p3     = 6.61375632143793436117e-05
		p4     = -1.65339022054652515390e-06
		p5     = 4.13813679705723846039e-08
		lg2    = 6.93147180559945286227e-01
		lg2H   = 6.93147182464599609375e-01
		lg2L   = -1.90465429995776804525e-09
		ovt    = 8.0085662595372944372e-17
		cp     = 9.61796693925975554329e-01
		cpH    = 9.61796700954437255859e-01
		cpL    = -7.02846165095275826516e-09
		ivln2  = 1.44269504088896338700e+00
		ivln2H = 1.44269502162933349609e+00
		ivln2L = 1.92596299112661746887e-08
	)
	bp := [2]float64{1.0, 1.5}
	dpH := [2]float64{0.0, 5.84962487220764160156e-01}
	dpL := [2]float64{0.0, 1.35003920212974897128e-08}

	hx, lx := hiWord(x), loWord(x)
	hy, ly := hiWord(y), loWord(y)
	ix, iy := hx&0x7fffffff, hy&0x7fffffff

	if iy|int32(ly) == 0 {
		return 1
	}
	if ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0) {
		return x + y
	}
	yisint := int32(0)
	if hx < 0 {
		if iy >= 0x43400000 {
			yisint = 2
		} else if iy >= 0x3ff00000 {
			k := (iy >> 20) - 0x3ff
			if k > 20 {
				j := ly >> uint(52-k)
				if j<<uint(52-k) == ly {
					yisint = 2 - int32(j&1)
				}
			} else if ly == 0 {
				j := iy >> uint(20-k)
				if j<<uint(20-k) == iy {
					yisint = 2 - (j & 1)
				}
			}
		}
	}
	if ly == 0 {
		if iy == 0x7ff00000 {
			switch {
			case (ix-0x3ff00000)|int32(lx) == 0:
				return y - y
			case ix >= 0x3ff00000:
				if hy >= 0 {
					return y
				}
				return 0
			default:
				if hy < 0 {
					return -y
				}
				return 0
			}
		}
		if iy == 0x3ff00000 {
			if hy < 0 {
				return 1 / x
			}
			return x
		}
		if hy == 0x40000000 {
			return m(x * x)
		}
		if hy == 0x3fe00000 && hx >= 0 {
			return math.Sqrt(x)
		}
	}
	ax := math.Abs(x)
	if lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) {
		z := ax
		if hy < 0 {
			z = 1 / z
		}
		if hx < 0 {
			if (ix-0x3ff00000)|yisint == 0 {
				z = math.NaN()
			} else if yisint == 1 {
				z = -z
			}
		}
		return z
	}
	n := (hx >> 31) + 1 // 0 for a negative x
	if n|yisint == 0 {
		return math.NaN()
	}
	s := 1.0
	if n|(yisint-1) == 0 {
		s = -1
	}
	var t1, t2 float64
	if iy > 0x41e00000 {
		if iy > 0x43f00000 {
			if ix <= 0x3fefffff {
				if hy < 0 {
					return math.Inf(1)
				}
				return 0
			}
			if ix >= 0x3ff00000 {
				if hy > 0 {
					return math.Inf(1)
				}
				return 0
			}
		}
		if ix < 0x3fefffff {
			if hy < 0 {
				return s * math.Inf(1)
			}
			return s * 0
		}
		if ix > 0x3ff00000 {
			if hy > 0 {
				return s * math.Inf(1)
			}
			return s * 0
		}
		t := ax - 1
		w := m(m(t*t) * (0.5 - m(t*(0.3333333333333333333333-m(t*0.25)))))
		u := m(ivln2H * t)
		v := m(t*ivln2L) - m(w*ivln2)
		t1 = withLo(u+v, 0)
		t2 = v - (t1 - u)
	} else {
		n = 0
		if ix < 0x00100000 {
			ax = m(ax * two53)
			n -= 53
			ix = hiWord(ax)
		}
		n += (ix >> 20) - 0x3ff
		j := ix & 0x000fffff
		ix = j | 0x3ff00000
		k := 0
		switch {
		case j <= 0x3988E:
			k = 0
		case j < 0xBB67A:
			k = 1
		default:
			k = 0
			n++
			ix -= 0x00100000
		}
		ax = withHi(ax, ix)
		u := ax - bp[k]
		v := 1 / (ax + bp[k])
		ss := m(u * v)
		sH := withLo(ss, 0)
		tH := withHi(0, ((ix>>1)|0x20000000)+0x00080000+int32(k<<18))
		tL := ax - (tH - bp[k])
		sL := m(v * ((u - m(sH*tH)) - m(sH*tL)))
		s2 := m(ss * ss)
		r := m(m(s2*s2) * (l1 + m(s2*(l2+m(s2*(l3+m(s2*(l4+m(s2*(l5+m(s2*l6)))))))))))
		r += m(sL * (sH + ss))
		s2 = m(sH * sH)
		tH = withLo(3.0+s2+r, 0)
		tL = r - ((tH - 3.0) - s2)
		u = m(sH * tH)
		v = m(sL*tH) + m(tL*ss)
		pH := withLo(u+v, 0)
		pL := v - (pH - u)
		zH := m(cpH * pH)
		zL := m(cpL*pH) + m(pL*cp) + dpL[k]
		t := float64(n)
		t1 = withLo(((zH+zL)+dpH[k])+t, 0)
		t2 = zL - (((t1 - t) - dpH[k]) - zH)
	}
	y1 := withLo(y, 0)
	pL := m((y-y1)*t1) + m(y*t2)
	pH := m(y1 * t1)
	z := pL + pH
	j := hiWord(z)
	i := int32(loWord(z))
	if j >= 0x40900000 {
		if (j-0x40900000)|i != 0 {
			return s * math.Inf(1)
		}
		if pL+ovt > z-pH {
			return s * math.Inf(1)
		}
	} else if j&0x7fffffff >= 0x4090cc00 {
		if (j-int32(-1064252416))|i != 0 { // 0xc090cc00
			return s * 0
		}
		if pL <= z-pH {
			return s * 0
		}
	}
	i = j & 0x7fffffff
	k := (i >> 20) - 0x3ff
	n = 0
	if i > 0x3fe00000 {
		n = j + (0x00100000 >> uint(k+1))
		k = ((n & 0x7fffffff) >> 20) - 0x3ff
		t := withHi(0, n&^(0x000fffff>>uint(k)))
		n = ((n & 0x000fffff) | 0x00100000) >> uint(20-k)
		if j < 0 {
			n = -n
		}
		pH -= t
	}
	t := withLo(pL+pH, 0)
	u := m(t * lg2H)
	v := m((pL-(t-pH))*lg2) + m(t*lg2L)
	z = u + v
	w := v - (z - u)
	t = m(z * z)
	t1 = z - m(t*(p1+m(t*(p2+m(t*(p3+m(t*(p4+m(t*p5)))))))))
	r := m(z*t1)/(t1-2) - (w + m(z*w))
	z = 1 - (r - z)
	j = hiWord(z)
	j += n << 20
	if j>>20 <= 0 {
		z = math.Ldexp(z, int(n))
	} else {
		z = withHi(z, hiWord(z)+n<<20)
	}
	return s * z
}
