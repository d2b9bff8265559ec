package variant

import (
	"math/big"
	"strconv"
)

// small reports whether the unscaled value fits an int64.
func (d Dec) small() (int64, bool) {
	x := int64(d.Lo)
	return x, d.Hi == x>>63
}

// Big is the unscaled value as a big.Int.
func (d Dec) Big() *big.Int {
	if x, ok := d.small(); ok {
		return big.NewInt(x)
	}
	neg := d.Hi < 0
	hi, lo := uint64(d.Hi), d.Lo
	if neg {
		lo = ^lo + 1
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	b := new(big.Int).SetUint64(hi)
	b.Lsh(b, 64)
	b.Or(b, new(big.Int).SetUint64(lo))
	if neg {
		b.Neg(b)
	}
	return b
}

// DecFromBig is the decimal of an unscaled value that fits 128 bits.
func DecFromBig(u *big.Int, scale int) (Dec, bool) {
	if u.IsInt64() {
		x := u.Int64()
		return Dec{Hi: x >> 63, Lo: uint64(x), Scale: scale}, true
	}
	if u.BitLen() > 127 {
		return Dec{}, false
	}
	m := new(big.Int).Abs(u)
	lo := new(big.Int).And(m, new(big.Int).SetUint64(^uint64(0))).Uint64()
	hi := new(big.Int).Rsh(m, 64).Uint64()
	if u.Sign() < 0 {
		lo = ^lo + 1
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	return Dec{Hi: int64(hi), Lo: lo, Scale: scale}, true
}

// Sign is -1, 0 or 1.
func (d Dec) Sign() int {
	switch {
	case d.Hi < 0:
		return -1
	case d.Hi == 0 && d.Lo == 0:
		return 0
	}
	return 1
}

// Precision is the number of digits of the unscaled value (BigDecimal.precision: 1 for 0).
func (d Dec) Precision() int {
	if x, ok := d.small(); ok {
		if x < 0 {
			if x == -1<<63 {
				return 19
			}
			x = -x
		}
		n := 1
		for x >= 10 {
			x /= 10
			n++
		}
		return n
	}
	return len(new(big.Int).Abs(d.Big()).String())
}

// Strip removes trailing zeros of the unscaled value (BigDecimal.stripTrailingZeros);
// zero becomes 0 with scale 0.
func (d Dec) Strip() Dec {
	if d.Sign() == 0 {
		return Dec{}
	}
	if x, ok := d.small(); ok {
		s := d.Scale
		for x%10 == 0 {
			x /= 10
			s--
		}
		return Dec{Hi: x >> 63, Lo: uint64(x), Scale: s}
	}
	b := d.Big()
	s := d.Scale
	ten := big.NewInt(10)
	q, r := new(big.Int), new(big.Int)
	for {
		q.QuoRem(b, ten, r)
		if r.Sign() != 0 {
			break
		}
		b.Set(q)
		s--
	}
	out, _ := DecFromBig(b, s)
	return out
}

// SparkType is the precision and scale Spark gives the decimal (Decimal.set of a
// BigDecimal): a scale below 0 becomes 0 with the integer digits as precision, and the
// precision is at least the scale.
func (d Dec) SparkType() (precision, scale int) {
	p, s := d.Precision(), d.Scale
	switch {
	case s < 0:
		return p - s, 0
	case p < s:
		return s, s
	}
	return p, s
}

// Rescaled is the unscaled value at scale 0 or more (multiplied by the powers of ten a
// negative scale stands for), and that scale.
func (d Dec) Rescaled() (*big.Int, int) {
	b := d.Big()
	if d.Scale >= 0 {
		return b, d.Scale
	}
	return b.Mul(b, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-d.Scale)), nil)), 0
}

// AppendPlain appends BigDecimal.toPlainString.
func (d Dec) AppendPlain(dst []byte) []byte {
	var digits []byte
	var buf [48]byte
	neg := false
	if x, ok := d.small(); ok {
		u := uint64(x)
		if x < 0 {
			neg, u = true, uint64(-x)
		}
		digits = strconv.AppendUint(buf[:0], u, 10)
	} else {
		b := d.Big()
		neg = b.Sign() < 0
		digits = b.Abs(b).Append(buf[:0], 10)
	}
	if neg {
		dst = append(dst, '-')
	}
	s := d.Scale
	switch {
	case s <= 0:
		dst = append(dst, digits...)
		if len(digits) != 1 || digits[0] != '0' {
			for ; s < 0; s++ {
				dst = append(dst, '0')
			}
		}
	case len(digits) > s:
		dst = append(dst, digits[:len(digits)-s]...)
		dst = append(dst, '.')
		dst = append(dst, digits[len(digits)-s:]...)
	default:
		dst = append(dst, '0', '.')
		for i := len(digits); i < s; i++ {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	}
	return dst
}
