package expr

import (
	"math"
	"math/big"
)

// sin, cos and tan as Java's Math computes them for Spark. HotSpot replaces Math.sin, cos
// and tan by intrinsics (Intel's libm on x86_64) that are correctly rounded for all but a
// few inputs in a thousand, unlike fdlibm's StrictMath and unlike Go's math package (which
// differs from Java in the last bit for 10-20% of inputs). So these evaluate in
// double-double arithmetic (about 106 bits) and round once: the argument is reduced by a
// four-double pi/2 (beyond 2^20*pi/2, by a 1300-bit pi/2 in big.Float arithmetic) and the
// Taylor series are summed in double-double.

// dd is an unevaluated sum hi+lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

func quickTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func ddAdd(a, b dd) dd {
	s, e := twoSum(a.hi, b.hi)
	t, f := twoSum(a.lo, b.lo)
	e += t
	r := quickTwoSum(s, e)
	e = f + r.lo
	return quickTwoSum(r.hi, e)
}

func ddMul(a, b dd) dd {
	p := a.hi * b.hi
	e := math.FMA(a.hi, b.hi, -p) // the exact rounding error of p
	e += a.hi*b.lo + a.lo*b.hi
	return quickTwoSum(p, e)
}

func ddDiv(a, b dd) dd {
	q1 := a.hi / b.hi
	r := ddAdd(a, ddMul(b, dd{-q1, 0}))
	q2 := r.hi / b.hi
	r = ddAdd(r, ddMul(b, dd{-q2, 0}))
	q3 := r.hi / b.hi
	q := quickTwoSum(q1, q2)
	return ddAdd(q, dd{q3, 0})
}

func ddNeg(a dd) dd { return dd{-a.hi, -a.lo} }

// ddPio2 is pi/2 as four doubles; ddSinC and ddCosC are the Taylor coefficients
// (-1)^k/(2k+1)! and (-1)^k/(2k)! in double-double.
var (
	ddPio2         [4]float64
	ddSinC, ddCosC [16]dd
)

func init() {
	const piDigits = "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196"
	prec := uint(400)
	pi, _, _ := big.ParseFloat(piDigits, 10, prec, big.ToNearestEven)
	rest := new(big.Float).SetPrec(prec).Quo(pi, big.NewFloat(2))
	bigPio2 = machinPio2(bigTrigPrec)
	for i := range ddPio2 {
		f, _ := rest.Float64()
		ddPio2[i] = f
		rest.Sub(rest, new(big.Float).SetPrec(prec).SetFloat64(f))
	}
	toDD := func(v *big.Float) dd {
		hi, _ := v.Float64()
		lo, _ := new(big.Float).SetPrec(prec).Sub(v, new(big.Float).SetPrec(prec).SetFloat64(hi)).Float64()
		return dd{hi, lo}
	}
	// 1/n! for n = 0, 1, 2, ...: even n give the cosine's coefficients, odd n the sine's.
	fact := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := 0; n < 2*len(ddSinC); n++ {
		if n > 0 {
			fact.Mul(fact, new(big.Float).SetPrec(prec).SetInt64(int64(n)))
		}
		c := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).SetInt64(1), fact)
		if (n/2)%2 == 1 {
			c.Neg(c)
		}
		if n%2 == 0 {
			ddCosC[n/2] = toDD(c)
		} else {
			ddSinC[n/2] = toDD(c)
		}
	}
}

// ddReduce returns x - n*pi/2 in double-double and n (mod 4).
func ddReduce(x float64) (dd, int) {
	if math.Abs(x) > trigLimit {
		return bigReduce(x)
	}
	n := math.RoundToEven(x * (2 / math.Pi))
	y := dd{x, 0}
	for _, p := range ddPio2 {
		h := n * p
		l := math.FMA(n, p, -h) // n*p = h+l exactly
		y = ddAdd(y, dd{-h, -l})
	}
	return y, int(int64(n) & 3)
}

// ddSinCos evaluates sin(y) and cos(y) for |y| <= about pi/4. The leading terms of the
// series are summed in double-double; the tail (below 2^-21 relative for the sine, 2^-25
// for the cosine) in double precision, which keeps its error under 2^-70.
func ddSinCos(y dd) (sin, cos dd) {
	z := ddMul(y, y)
	zt := z.hi
	ts := ddSinC[len(ddSinC)-1].hi
	for k := len(ddSinC) - 2; k >= ddSinSplit; k-- {
		ts = ts*zt + ddSinC[k].hi
	}
	s := dd{ts, 0}
	for k := ddSinSplit - 1; k >= 0; k-- {
		s = ddAdd(ddMul(s, z), ddSinC[k])
	}
	tc := ddCosC[len(ddCosC)-1].hi
	for k := len(ddCosC) - 2; k >= ddCosSplit; k-- {
		tc = tc*zt + ddCosC[k].hi
	}
	c := dd{tc, 0}
	for k := ddCosSplit - 1; k >= 0; k-- {
		c = ddAdd(ddMul(c, z), ddCosC[k])
	}
	return ddMul(s, y), c
}

// The first coefficients summed in double-double.
const (
	ddSinSplit = 4 // 1, -1/3!, 1/5!, -1/7!
	ddCosSplit = 5 // 1, -1/2!, ..., 1/8!
)

// trigLimit bounds the arguments reduced here (2^20*pi/2).
const trigLimit = 1647099.3291652855

// javaSin is Math.sin.
func javaSin(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case ax < 0x1p-27:
		return x // also ±0
	case math.IsNaN(x) || math.IsInf(x, 0):
		return math.NaN()
	}
	y, n := ddReduce(x)
	s, c := ddSinCos(y)
	switch n {
	case 0:
		return s.hi
	case 1:
		return c.hi
	case 2:
		return -s.hi
	}
	return -c.hi
}

// javaCos is Math.cos.
func javaCos(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case ax < 0x1p-27:
		return 1
	case math.IsNaN(x) || math.IsInf(x, 0):
		return math.NaN()
	}
	y, n := ddReduce(x)
	s, c := ddSinCos(y)
	switch n {
	case 0:
		return c.hi
	case 1:
		return -s.hi
	case 2:
		return -c.hi
	}
	return s.hi
}

// javaTan is Math.tan.
func javaTan(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case ax < 0x1p-27:
		return x
	case math.IsNaN(x) || math.IsInf(x, 0):
		return math.NaN()
	}
	y, n := ddReduce(x)
	s, c := ddSinCos(y)
	if n&1 == 0 {
		return ddDiv(s, c).hi
	}
	return ddNeg(ddDiv(c, s)).hi
}

// bigTrigPrec is enough bits of pi/2 to reduce the largest double (2^1024) with 150 bits
// left over.
const bigTrigPrec = 1300

var bigPio2 *big.Float

// machinPio2 computes pi/2 to prec bits with Machin's formula,
// pi/4 = 4*atan(1/5) - atan(1/239).
func machinPio2(prec uint) *big.Float {
	p := prec + 32
	atanInv := func(n int64) *big.Float {
		// atan(1/n) = sum (-1)^k / ((2k+1) n^(2k+1))
		sum := new(big.Float).SetPrec(p)
		pow := new(big.Float).SetPrec(p).Quo(big.NewFloat(1).SetPrec(p), new(big.Float).SetPrec(p).SetInt64(n))
		n2 := new(big.Float).SetPrec(p).SetInt64(n * n)
		eps := new(big.Float).SetPrec(p).SetMantExp(big.NewFloat(1), -int(p))
		for k := int64(0); ; k++ {
			term := new(big.Float).SetPrec(p).Quo(pow, new(big.Float).SetPrec(p).SetInt64(2*k+1))
			if k%2 == 0 {
				sum.Add(sum, term)
			} else {
				sum.Sub(sum, term)
			}
			if term.Cmp(eps) < 0 {
				break
			}
			pow.Quo(pow, n2)
		}
		return sum
	}
	quarter := new(big.Float).SetPrec(p).Mul(big.NewFloat(4).SetPrec(p), atanInv(5))
	quarter.Sub(quarter, atanInv(239))
	return quarter.Mul(quarter, big.NewFloat(2).SetPrec(p)).SetPrec(prec)
}

// bigReduce is ddReduce for large arguments, in multi-precision arithmetic.
func bigReduce(x float64) (dd, int) {
	bx := new(big.Float).SetPrec(bigTrigPrec).SetFloat64(x)
	q := new(big.Float).SetPrec(bigTrigPrec).Quo(bx, bigPio2)
	// n = q rounded to the nearest integer
	half := big.NewFloat(0.5)
	if q.Sign() < 0 {
		q.Sub(q, half)
	} else {
		q.Add(q, half)
	}
	n, _ := q.Int(nil)
	nf := new(big.Float).SetPrec(bigTrigPrec).SetInt(n)
	y := new(big.Float).SetPrec(bigTrigPrec).Mul(nf, bigPio2)
	y.Sub(bx, y)
	hi, _ := y.Float64()
	lo, _ := new(big.Float).SetPrec(bigTrigPrec).Sub(y, new(big.Float).SetFloat64(hi)).Float64()
	quad := new(big.Int).And(n, big.NewInt(3)).Int64() // two's complement low bits
	return quickTwoSum(hi, lo), int(quad)
}
