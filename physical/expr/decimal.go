package expr

import (
	"math/big"
	"math/bits"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Decimal values are decimal128.Num unscaled integers. The kernels work on 64-bit integers
// when every intermediate fits in 18 digits, on unsigned 128-bit magnitudes otherwise, and
// fall back to math/big for the rows whose intermediates need more than 128 bits.

// u128 is an unsigned 128-bit integer: a decimal's magnitude.
type u128 struct{ hi, lo uint64 }

var (
	pow10u64  [20]uint64
	pow10u128 [39]u128
	pow10big  [80]*big.Int
)

func init() {
	p := uint64(1)
	for i := range pow10u64 {
		pow10u64[i] = p
		p *= 10
	}
	v := u128{lo: 1}
	for i := range pow10u128 {
		pow10u128[i] = v
		v, _ = v.mul64(10)
	}
	b := big.NewInt(1)
	ten := big.NewInt(10)
	for i := range pow10big {
		pow10big[i] = new(big.Int).Set(b)
		b.Mul(b, ten)
	}
}

func magOf(n decimal128.Num) (u128, bool) {
	if n.HighBits() < 0 {
		n = n.Negate()
		return u128{uint64(n.HighBits()), n.LowBits()}, true
	}
	return u128{uint64(n.HighBits()), n.LowBits()}, false
}

// num converts a magnitude below 2^127 and a sign to a decimal128.Num.
func (u u128) num(neg bool) decimal128.Num {
	n := decimal128.New(int64(u.hi), u.lo)
	if neg && !u.isZero() {
		n = n.Negate()
	}
	return n
}

func (u u128) isZero() bool { return u.hi == 0 && u.lo == 0 }

func (u u128) cmp(v u128) int {
	switch {
	case u.hi < v.hi:
		return -1
	case u.hi > v.hi:
		return 1
	case u.lo < v.lo:
		return -1
	case u.lo > v.lo:
		return 1
	}
	return 0
}

func (u u128) add(v u128) (u128, bool) {
	lo, c := bits.Add64(u.lo, v.lo, 0)
	hi, c2 := bits.Add64(u.hi, v.hi, c)
	return u128{hi, lo}, c2 != 0
}

// sub is u - v for u >= v.
func (u u128) sub(v u128) u128 {
	lo, b := bits.Sub64(u.lo, v.lo, 0)
	hi, _ := bits.Sub64(u.hi, v.hi, b)
	return u128{hi, lo}
}

func (u u128) mul64(m uint64) (u128, bool) {
	h1, l1 := bits.Mul64(u.lo, m)
	h2, l2 := bits.Mul64(u.hi, m)
	hi, c := bits.Add64(h1, l2, 0)
	return u128{hi, l1}, h2 != 0 || c != 0
}

func (u u128) mul(v u128) (u128, bool) {
	if u.hi != 0 && v.hi != 0 {
		return u128{}, true
	}
	if u.hi == 0 {
		return v.mul64(u.lo)
	}
	return u.mul64(v.lo)
}

func (u u128) divmod64(d uint64) (u128, uint64) {
	qh := u.hi / d
	r := u.hi % d
	ql, r := bits.Div64(r, u.lo, d)
	return u128{qh, ql}, r
}

func (u u128) inc() u128 {
	lo, c := bits.Add64(u.lo, 1, 0)
	return u128{u.hi + c, lo}
}

// mulPow10 is u × 10^k, reporting overflow past 128 bits.
func (u u128) mulPow10(k int) (u128, bool) {
	if u.isZero() || k == 0 {
		return u, false
	}
	for k > 0 {
		s := min(k, 19)
		var o bool
		if u, o = u.mul64(pow10u64[s]); o {
			return u, true
		}
		k -= s
	}
	return u, false
}

// fits reports whether u < 10^p.
func (u u128) fits(p int) bool {
	if p >= len(pow10u128) {
		return true
	}
	return u.cmp(pow10u128[p]) < 0
}

type roundMode uint8

const (
	roundHalfUp roundMode = iota
	roundHalfEven
	roundDown
	roundFloor
	roundCeiling
)

// roundDiv divides the magnitude u (of a value with sign neg) by 10^k, rounding.
func (u u128) roundDiv(neg bool, k int, mode roundMode) u128 {
	if k <= 0 {
		return u
	}
	var q u128
	var rCmpHalf int // remainder compared with half the divisor
	var rZero bool
	if k > 38 {
		// u < 2^128 < 10^39: the quotient is 0 and the remainder u is below half of 10^k
		// (k >= 40), or compared with 5×10^38 (k = 39).
		q = u128{}
		rZero = u.isZero()
		rCmpHalf = -1
		if k == 39 {
			half, _ := pow10u128[38].mul64(5)
			rCmpHalf = u.cmp(half)
		}
	} else if k <= 19 {
		d := pow10u64[k]
		var r uint64
		q, r = u.divmod64(d)
		rZero = r == 0
		rCmpHalf = cmpU64(r, d/2)
	} else {
		q1, r1 := u.divmod64(pow10u64[19])
		d2 := pow10u64[k-19]
		var r2 uint64
		q, r2 = q1.divmod64(d2)
		rZero = r1 == 0 && r2 == 0
		rCmpHalf = cmpU64(r2, d2/2)
		if rCmpHalf == 0 && r1 > 0 {
			rCmpHalf = 1
		}
	}
	up := false
	switch mode {
	case roundHalfUp:
		up = rCmpHalf >= 0
	case roundHalfEven:
		up = rCmpHalf > 0 || (rCmpHalf == 0 && q.lo&1 == 1)
	case roundFloor:
		up = neg && !rZero
	case roundCeiling:
		up = !neg && !rZero
	}
	if up {
		q = q.inc()
	}
	return q
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// rescaleNum changes the scale of v from one to another, rounding with mode, and reports
// whether the result fits precision p.
func rescaleNum(v decimal128.Num, from, to, p int, mode roundMode) (decimal128.Num, bool) {
	m, neg := magOf(v)
	if to >= from {
		var o bool
		if m, o = m.mulPow10(to - from); o {
			return decimal128.Num{}, false
		}
	} else {
		m = m.roundDiv(neg, from-to, mode)
	}
	if !m.fits(p) {
		return decimal128.Num{}, false
	}
	return m.num(neg), true
}

func numToBig(v decimal128.Num) *big.Int { return v.BigInt() }

func bigPow10(k int) *big.Int {
	if k < len(pow10big) {
		return pow10big[k]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}

// bigRoundDiv divides x by 10^k (k >= 0) with HALF_UP rounding (or truncation when down).
func bigRoundDiv(x *big.Int, k int, mode roundMode) *big.Int {
	if k <= 0 {
		return x
	}
	d := bigPow10(k)
	q, r := new(big.Int).QuoRem(x, d, new(big.Int))
	if r.Sign() == 0 || mode == roundDown {
		return q
	}
	r.Abs(r)
	r.Lsh(r, 1)
	c := r.Cmp(d)
	up := false
	switch mode {
	case roundHalfUp:
		up = c >= 0
	case roundHalfEven:
		up = c > 0 || (c == 0 && q.Bit(0) == 1)
	case roundFloor:
		up = x.Sign() < 0
	case roundCeiling:
		up = x.Sign() > 0
	}
	if up {
		if x.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// bigFits reports whether |x| < 10^p and converts.
func bigToNum(x *big.Int, p int) (decimal128.Num, bool) {
	a := new(big.Int).Abs(x)
	if a.Cmp(bigPow10(p)) >= 0 {
		return decimal128.Num{}, false
	}
	return decimal128.FromBigInt(x), true
}

// appendPlainBig appends x × 10^-scale the way BigDecimal.toPlainString does.
func appendPlainBig(dst []byte, x *big.Int, scale int) []byte {
	digits := x.Append(nil, 10)
	return appendPlainDigits(dst, digits, scale)
}

func appendPlainDigits(dst, digits []byte, scale int) []byte {
	if len(digits) > 0 && digits[0] == '-' {
		dst = append(dst, '-')
		digits = digits[1:]
	}
	if scale <= 0 {
		dst = append(dst, digits...)
		if !(len(digits) == 1 && digits[0] == '0') {
			for k := 0; k < -scale; k++ {
				dst = append(dst, '0')
			}
		}
		return dst
	}
	if len(digits) > scale {
		dst = append(dst, digits[:len(digits)-scale]...)
		dst = append(dst, '.')
		return append(dst, digits[len(digits)-scale:]...)
	}
	dst = append(dst, '0', '.')
	for k := len(digits); k < scale; k++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

// appendDecimal appends an unscaled decimal at scale in plain notation.
func appendDecimal(dst []byte, v decimal128.Num, scale int) []byte {
	var buf [48]byte
	var digits []byte
	if h := v.HighBits(); (h == 0 && v.LowBits()>>63 == 0) || (h == -1 && v.LowBits()>>63 == 1) {
		digits = strconv.AppendInt(buf[:0], int64(v.LowBits()), 10)
	} else {
		digits = v.BigInt().Append(buf[:0], 10)
	}
	return appendPlainDigits(dst, digits, scale)
}

func decimalPlain(v decimal128.Num, scale int) string { return string(appendDecimal(nil, v, scale)) }

// appendJavaDecimal appends BigDecimal.toString: plain unless the adjusted exponent is below
// -6, then scientific ("1E-7", "1.23E-8").
func appendJavaDecimal(dst []byte, v decimal128.Num, scale int) []byte {
	var buf [48]byte
	digits := v.BigInt().Append(buf[:0], 10)
	neg := digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	adjusted := len(digits) - 1 - scale
	if scale >= 0 && adjusted >= -6 {
		return appendDecimal(dst, v, scale)
	}
	if neg {
		dst = append(dst, '-')
	}
	dst = append(dst, digits[0])
	if len(digits) > 1 {
		dst = append(dst, '.')
		dst = append(dst, digits[1:]...)
	}
	dst = append(dst, 'E')
	if adjusted >= 0 {
		dst = append(dst, '+')
	}
	return strconv.AppendInt(dst, int64(adjusted), 10)
}

// numericValueOutOfRange is Spark's error for a decimal that does not fit its type.
func numericValueOutOfRange(value string, p, s int) error {
	return sparkerror.New(sparkerror.Arithmetic, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "22003",
		"<value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> to \"false\" to bypass this error, and return NULL instead.",
		map[string]string{"value": value, "precision": strconv.Itoa(p), "scale": strconv.Itoa(s),
			"config": `"spark.sql.ansi.enabled"`})
}

// DecimalArith is + - * / % or pmod on decimals, computed exactly and rounded HALF_UP to the
// result type the analyzer chose, as Spark's Decimal arithmetic followed by toPrecision.
type DecimalArith struct {
	Op          string
	Left, Right Expr
	Result      types.DecimalType
	ANSI        bool

	t              arrow.DataType
	p1, s1, p2, s2 int
}

// NewDecimalArith is l op r for decimal operands ("+", "-", "*", "/", "%", "pmod"); result is
// the type Spark's decimal precision rules give. Overflow is NUMERIC_VALUE_OUT_OF_RANGE under
// ANSI, else NULL; a zero divisor is DIVIDE_BY_ZERO (REMAINDER_BY_ZERO for % and pmod) under
// ANSI, else NULL.
func NewDecimalArith(op string, l, r Expr, result types.DecimalType, ansi bool) (Expr, error) {
	switch op {
	case "+", "-", "*", "/", "%", "pmod":
	case "div":
		return NewIntegralDivide(l, r, ansi)
	default:
		return nil, sparkerror.InternalError("unknown decimal operator %q", op)
	}
	if isIntervalArrow(l.DataType()) || isIntervalArrow(r.DataType()) {
		// div of two intervals of one family: their months or microseconds.
		l, r = intervalAsLong(l), intervalAsLong(r)
	}
	lt, ok1 := l.DataType().(*arrow.Decimal128Type)
	rt, ok2 := r.DataType().(*arrow.Decimal128Type)
	if !ok1 || !ok2 {
		return nil, sparkerror.InternalError("decimal arithmetic on %s and %s", l.DataType(), r.DataType())
	}
	t, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	return &DecimalArith{Op: op, Left: l, Right: r, Result: result, ANSI: ansi, t: t,
		p1: int(lt.Precision), s1: int(lt.Scale), p2: int(rt.Precision), s2: int(rt.Scale)}, nil
}

func (e *DecimalArith) DataType() arrow.DataType { return e.t }
func (e *DecimalArith) String() string {
	return "(" + e.Left.String() + " " + e.Op + " " + e.Right.String() + ")"
}
func (e *DecimalArith) children() []Expr { return []Expr{e.Left, e.Right} }
func (e *DecimalArith) mayFail() bool    { return e.ANSI || anyMayFail(e.Left, e.Right) }

func (e *DecimalArith) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	l, err := e.Left.Eval(b)
	if err != nil {
		return nil, err
	}
	defer l.Release()
	r, err := e.Right.Eval(b)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	n := int(b.NumRows())
	if isNullType(l) || isNullType(r) {
		return nullArray(e.t, n), nil
	}
	x, y := fixedValues[decimal128.Num](l), fixedValues[decimal128.Num](r)
	valid := andValidity(l, r)
	out := make([]decimal128.Num, n)
	p, s := e.Result.Precision, e.Result.Scale
	fail := func(i int, zero bool) error {
		if valid != nil && !valid.get(i) {
			return nil
		}
		if e.ANSI {
			if zero {
				return divByZero(e.Op)
			}
			return numericValueOutOfRange(e.overflowValue(x[i], y[i]), p, s)
		}
		if valid == nil {
			valid = allOnes(n)
		}
		valid.clear(i)
		return nil
	}
	if e.Op == "*" && e.Result.Scale <= e.s1+e.s2 {
		// Products of two 64-bit operands: one 64x64->128 multiplication per row. Wider
		// operand types usually hold such values too (a product of decimal(15,2) columns
		// typed decimal(32,4)); rows that do not take the general path.
		down := e.s1 + e.s2 - s
		narrow := e.p1 <= 18 && e.p2 <= 18
		for i := range out {
			a, c := int64(x[i].LowBits()), int64(y[i].LowBits())
			if !narrow && (x[i].HighBits() != a>>63 || y[i].HighBits() != c>>63) {
				v, zero, ok := e.row(x[i], y[i])
				if !ok {
					if err := fail(i, zero); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = v
				continue
			}
			neg := (a < 0) != (c < 0)
			hi, lo := bits.Mul64(uabs(a), uabs(c))
			m := u128{hi, lo}
			if down > 0 {
				m = m.roundDiv(neg, down, roundHalfUp)
			}
			if !m.fits(p) {
				if err := fail(i, false); err != nil {
					return nil, err
				}
				continue
			}
			out[i] = m.num(neg)
		}
		return newFixed(e.t, out, valid), nil
	}
	if e.fast64(x, y, out) {
		// out holds the results; overflow rows are marked by the sentinel check below.
		lim := int64(pow10u64[min(p, 18)])
		for i := range out {
			v := int64(out[i].LowBits())
			if v >= lim || v <= -lim {
				if err := fail(i, false); err != nil {
					return nil, err
				}
			}
		}
		return newFixed(e.t, out, valid), nil
	}
	for i := range out {
		v, zero, ok := e.row(x[i], y[i])
		if !ok {
			if err := fail(i, zero); err != nil {
				return nil, err
			}
			continue
		}
		out[i] = v
	}
	return newFixed(e.t, out, valid), nil
}

// fast64 computes + - * on 64-bit integers when all intermediates have at most 18 digits;
// it reports false when the operator or sizes need the general path.
func (e *DecimalArith) fast64(x, y, out []decimal128.Num) bool {
	s := e.Result.Scale
	switch e.Op {
	case "+", "-":
		sc := max(e.s1, e.s2)
		if max(e.p1-e.s1, e.p2-e.s2)+sc+1 > 18 || s > sc {
			return false
		}
		ma, mb := int64(pow10u64[sc-e.s1]), int64(pow10u64[sc-e.s2])
		down := sc - s
		sub := e.Op == "-"
		for i := range out {
			a := int64(x[i].LowBits()) * ma
			c := int64(y[i].LowBits()) * mb
			if sub {
				c = -c
			}
			out[i] = decimal128.FromI64(roundI64(a+c, down))
		}
		return true
	case "*":
		if e.p1+e.p2 > 18 || s > e.s1+e.s2 {
			return false
		}
		down := e.s1 + e.s2 - s
		for i := range out {
			out[i] = decimal128.FromI64(roundI64(int64(x[i].LowBits())*int64(y[i].LowBits()), down))
		}
		return true
	}
	return false
}

func uabs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// roundI64 divides v by 10^k rounding HALF_UP.
func roundI64(v int64, k int) int64 {
	if k == 0 {
		return v
	}
	d := int64(pow10u64[k])
	q, r := v/d, v%d
	if r < 0 {
		r = -r
	}
	if 2*r >= d {
		if v < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// row computes one result; zero reports a zero divisor, ok false a failure.
func (e *DecimalArith) row(x, y decimal128.Num) (v decimal128.Num, zero, ok bool) {
	p, s := e.Result.Precision, e.Result.Scale
	xm, xn := magOf(x)
	ym, yn := magOf(y)
	var m u128
	var neg bool
	var scale int
	switch e.Op {
	case "+", "-":
		if e.Op == "-" {
			yn = !yn
		}
		sc := max(e.s1, e.s2)
		a, o1 := xm.mulPow10(sc - e.s1)
		c, o2 := ym.mulPow10(sc - e.s2)
		if o1 || o2 {
			return e.bigRow(x, y)
		}
		if xn == yn {
			var o bool
			if m, o = a.add(c); o {
				return e.bigRow(x, y)
			}
			neg = xn
		} else if a.cmp(c) >= 0 {
			m, neg = a.sub(c), xn
		} else {
			m, neg = c.sub(a), yn
		}
		scale = sc
	case "*":
		var o bool
		if m, o = xm.mul(ym); o {
			return e.bigRow(x, y)
		}
		neg, scale = xn != yn, e.s1+e.s2
	case "/":
		if ym.isZero() {
			return v, true, false
		}
		k := s + e.s2 - e.s1
		num, den := xm, ym
		var o bool
		if k >= 0 {
			num, o = xm.mulPow10(k)
		} else {
			den, o = ym.mulPow10(-k)
		}
		if o || den.hi != 0 {
			return e.bigRow(x, y)
		}
		q, r := num.divmod64(den.lo)
		if r >= den.lo-r {
			q = q.inc()
		}
		if !q.fits(p) {
			return v, false, false
		}
		return q.num(xn != yn), false, true
	case "%", "pmod":
		if ym.isZero() {
			return v, true, false
		}
		sc := max(e.s1, e.s2)
		a, o1 := xm.mulPow10(sc - e.s1)
		c, o2 := ym.mulPow10(sc - e.s2)
		if o1 || o2 || c.hi != 0 {
			return e.bigRow(x, y)
		}
		_, rem := a.divmod64(c.lo)
		m, neg, scale = u128{lo: rem}, xn, sc
		if e.Op == "pmod" && neg && rem != 0 && !yn {
			m, neg = c.sub(m), false
		}
	}
	m = m.roundDiv(neg, scale-s, roundHalfUp)
	if scale < s {
		var o bool
		if m, o = m.mulPow10(s - scale); o {
			return v, false, false
		}
	}
	if !m.fits(p) {
		return v, false, false
	}
	return m.num(neg), false, true
}

// exact computes the unrounded result with math/big and its scale.
func (e *DecimalArith) exact(x, y decimal128.Num) (*big.Int, int, bool) {
	a, c := numToBig(x), numToBig(y)
	switch e.Op {
	case "+", "-":
		sc := max(e.s1, e.s2)
		a.Mul(a, bigPow10(sc-e.s1))
		c.Mul(c, bigPow10(sc-e.s2))
		if e.Op == "+" {
			return a.Add(a, c), sc, true
		}
		return a.Sub(a, c), sc, true
	case "*":
		return a.Mul(a, c), e.s1 + e.s2, true
	case "/":
		if c.Sign() == 0 {
			return nil, 0, false
		}
		// Spark divides to scale 39, rounding down; the result is rounded again later.
		k := 39 + e.s2 - e.s1
		if k >= 0 {
			a.Mul(a, bigPow10(k))
		} else {
			c.Mul(c, bigPow10(-k))
		}
		return a.Quo(a, c), 39, true
	}
	if c.Sign() == 0 {
		return nil, 0, false
	}
	sc := max(e.s1, e.s2)
	a.Mul(a, bigPow10(sc-e.s1))
	c.Mul(c, bigPow10(sc-e.s2))
	r := new(big.Int).Rem(a, c)
	if e.Op == "pmod" && r.Sign() < 0 && c.Sign() > 0 {
		r.Add(r, c)
	}
	return r, sc, true
}

func (e *DecimalArith) bigRow(x, y decimal128.Num) (decimal128.Num, bool, bool) {
	r, scale, ok := e.exact(x, y)
	if !ok {
		return decimal128.Num{}, true, false
	}
	s := e.Result.Scale
	if scale >= s {
		r = bigRoundDiv(r, scale-s, roundHalfUp)
	} else {
		r.Mul(r, bigPow10(s-scale))
	}
	v, fits := bigToNum(r, e.Result.Precision)
	return v, false, fits
}

// overflowValue is the value Spark reports when the result does not fit: the intermediate
// Decimal before rounding (products truncated to 39 digits, quotients to scale 39).
func (e *DecimalArith) overflowValue(x, y decimal128.Num) string {
	r, scale, ok := e.exact(x, y)
	if !ok {
		return ""
	}
	if e.Op == "*" {
		digits := len(new(big.Int).Abs(r).String())
		if digits > 39 {
			r = bigRoundDiv(r, digits-39, roundDown)
			scale -= digits - 39
		}
	}
	return string(appendPlainBig(nil, r, scale))
}

func negDecimal(x arrow.Array, valid words) arrow.Array {
	return mapFixed(x, valid, func(v decimal128.Num) decimal128.Num { return v.Negate() })
}

// IntegralDivide is a div b on decimals: the quotient truncated toward zero, as a bigint.
type IntegralDivide struct {
	Left, Right Expr
	ANSI        bool
	s1, s2, p   int
}

// NewIntegralDivide is l div r: decimals are divided exactly and truncated; integers are
// divided as bigints (Arith "div").
func NewIntegralDivide(l, r Expr, ansi bool) (Expr, error) {
	if isIntervalArrow(l.DataType()) || isIntervalArrow(r.DataType()) {
		// div of two intervals of one family: their months or microseconds.
		l, r = intervalAsLong(l), intervalAsLong(r)
	}
	lt, ok1 := l.DataType().(*arrow.Decimal128Type)
	rt, ok2 := r.DataType().(*arrow.Decimal128Type)
	if !ok1 || !ok2 {
		return &Arith{Op: "div", Left: l, Right: r, Type: arrow.PrimitiveTypes.Int64, ANSI: ansi}, nil
	}
	intDig := int(lt.Precision-lt.Scale) + int(rt.Scale)
	if intDig == 0 {
		intDig = 1
	}
	return &IntegralDivide{Left: l, Right: r, ANSI: ansi, s1: int(lt.Scale), s2: int(rt.Scale), p: min(intDig, 38)}, nil
}

func (e *IntegralDivide) DataType() arrow.DataType { return arrow.PrimitiveTypes.Int64 }
func (e *IntegralDivide) String() string {
	return "(" + e.Left.String() + " div " + e.Right.String() + ")"
}
func (e *IntegralDivide) children() []Expr { return []Expr{e.Left, e.Right} }
func (e *IntegralDivide) mayFail() bool    { return e.ANSI || anyMayFail(e.Left, e.Right) }

func (e *IntegralDivide) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	l, err := e.Left.Eval(b)
	if err != nil {
		return nil, err
	}
	defer l.Release()
	r, err := e.Right.Eval(b)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	n := int(b.NumRows())
	if isNullType(l) || isNullType(r) {
		return nullArray(arrow.PrimitiveTypes.Int64, n), nil
	}
	x, y := fixedValues[decimal128.Num](l), fixedValues[decimal128.Num](r)
	valid := andValidity(l, r)
	out := make([]int64, n)
	for i := range out {
		if valid != nil && !valid.get(i) {
			continue
		}
		if y[i] == (decimal128.Num{}) {
			if e.ANSI {
				return nil, divideByZero()
			}
			if valid == nil {
				valid = allOnes(n)
			}
			valid.clear(i)
			continue
		}
		a, c := numToBig(x[i]), numToBig(y[i])
		a.Mul(a, bigPow10(e.s2))
		c.Mul(c, bigPow10(e.s1))
		q := a.Quo(a, c)
		if new(big.Int).Abs(q).Cmp(bigPow10(e.p)) >= 0 {
			if e.ANSI {
				return nil, numericValueOutOfRange(q.String(), e.p, 0)
			}
			if valid == nil {
				valid = allOnes(n)
			}
			valid.clear(i)
			continue
		}
		// Decimal.toLong keeps the low 64 bits.
		out[i] = int64(decimal128.FromBigInt(q).LowBits())
	}
	return newFixed(arrow.PrimitiveTypes.Int64, out, valid), nil
}
