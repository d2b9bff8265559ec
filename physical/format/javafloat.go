package format

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// JavaDoubleString returns the text Java's Double.toString(f) produces
// (the specification of JDK 19 and later, except for the integral values
// below 2^63 that Java 17 prints otherwise; see jdk17IntegralDigits): the
// shortest decimal that rounds back to f, printed in plain notation for magnitudes in [1e-3, 1e7) and in
// "computerized scientific notation" (1.0E10, 1.234E-5) otherwise, with at
// least one digit after the decimal point. NaN, Infinity, -Infinity, 0.0 and
// -0.0 are spelled as in Java.
func JavaDoubleString(f float64) string {
	var buf [32]byte
	return string(AppendJavaDouble(buf[:0], f))
}

// JavaFloatString is JavaDoubleString for Java's Float.toString(f).
func JavaFloatString(f float32) string {
	var buf [32]byte
	return string(AppendJavaFloat(buf[:0], f))
}

// AppendJavaDouble appends JavaDoubleString(f) to dst.
func AppendJavaDouble(dst []byte, f float64) []byte {
	return appendJavaFloating(dst, f, 64)
}

// AppendJavaFloat appends JavaFloatString(f) to dst.
func AppendJavaFloat(dst []byte, f float32) []byte {
	return appendJavaFloating(dst, float64(f), 32)
}

// appendJavaFloating renders f, which is exactly representable with bitSize
// bits (32 or 64), like Java's toString of the corresponding type.
func appendJavaFloating(dst []byte, f float64, bitSize int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}

	var ibuf [24]byte
	if digits, exp, ok := jdk17IntegralDigits(ibuf[:0], f, bitSize); ok {
		return appendJavaLayout(dst, digits, exp)
	}
	// Shortest digits that round-trip, closest to f among the shortest
	// (strconv implements exactly that choice, ties to even).
	var tmp [40]byte
	digits, exp := decimalDigits(strconv.AppendFloat(tmp[:0], f, 'e', -1, bitSize))
	if len(digits) == 1 {
		// Java's rule: when a single digit is enough, the decimal is still
		// chosen among all decimals of one or two digits that round to f,
		// taking the closest (so 4.9E-324 rather than 5.0E-324).
		digits, exp = javaTwoDigitChoice(f, bitSize, digits, exp)
	}
	return appendJavaLayout(dst, digits, exp)
}

// decimalDigits splits strconv's 'e' output "d.ddde±x" into its significant
// digits (no dot) and the decimal exponent of the first digit.
func decimalDigits(s []byte) ([]byte, int) {
	epos := len(s) - 1
	for s[epos] != 'e' {
		epos--
	}
	exp, _ := strconv.Atoi(string(s[epos+1:]))
	mant := s[:epos]
	digits := make([]byte, 0, len(mant))
	for _, c := range mant {
		if c != '.' {
			digits = append(digits, c)
		}
	}
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	return digits, exp
}

// javaTwoDigitChoice picks, among the decimals of length one or two that
// round to f, the one closest to f (ties: even significand). one is the
// one-digit shortest representation found by strconv, with exponent exp.
func javaTwoDigitChoice(f float64, bitSize int, one []byte, exp int) ([]byte, int) {
	type cand struct {
		sig int // two-digit significand, 10..99
		exp int // decimal exponent of the first digit
	}
	cands := []cand{{sig: int(one[0]-'0') * 10, exp: exp}}

	var tmp [40]byte
	near := strconv.AppendFloat(tmp[:0], f, 'e', 1, bitSize) // "d.de±x"
	nd, nexp := decimalDigits(near)
	sig := int(nd[0] - '0')
	if len(nd) > 1 {
		sig = sig*10 + int(nd[1]-'0')
	} else {
		sig *= 10
	}
	cands = append(cands, cand{sig, nexp})
	// The neighbour on the other side of f, which may be in the rounding
	// interval even when the nearest one is not.
	for _, d := range []int{-1, 1} {
		s, e := sig+d, nexp
		if s == 100 {
			s, e = 10, e+1
		} else if s == 9 {
			s, e = 99, e-1
		}
		cands = append(cands, cand{s, e})
	}

	exact := new(big.Rat).SetFloat64(f)
	bestIdx := 0 // the one-digit candidate always rounds to f
	var bestDist *big.Rat
	for idx, c := range cands {
		text := strconv.Itoa(c.sig/10) + "." + strconv.Itoa(c.sig%10) + "e" + strconv.Itoa(c.exp)
		v, err := strconv.ParseFloat(text, bitSize)
		if err != nil || v != f {
			continue
		}
		r, ok := new(big.Rat).SetString(text)
		if !ok {
			continue
		}
		dist := r.Sub(r, exact)
		dist.Abs(dist)
		if bestDist == nil {
			bestIdx, bestDist = idx, dist
			continue
		}
		switch dist.Cmp(bestDist) {
		case -1:
			bestIdx, bestDist = idx, dist
		case 0:
			if c.sig%2 == 0 && cands[bestIdx].sig%2 != 0 {
				bestIdx, bestDist = idx, dist
			}
		}
	}
	best := cands[bestIdx]
	if best.sig%10 == 0 {
		return []byte{byte('0' + best.sig/10)}, best.exp
	}
	return []byte{byte('0' + best.sig/10), byte('0' + best.sig%10)}, best.exp
}

// appendJavaLayout writes the decimal digits × 10^exp (first digit at
// position exp) using Java's choice between plain and scientific notation.
func appendJavaLayout(dst []byte, digits []byte, exp int) []byte {
	switch {
	case exp >= 0 && exp < 7:
		intLen := exp + 1
		if len(digits) <= intLen {
			dst = append(dst, digits...)
			for k := len(digits); k < intLen; k++ {
				dst = append(dst, '0')
			}
			return append(dst, '.', '0')
		}
		dst = append(dst, digits[:intLen]...)
		dst = append(dst, '.')
		return append(dst, digits[intLen:]...)
	case exp < 0 && exp >= -3:
		dst = append(dst, '0', '.')
		for k := -1; k > exp; k-- {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	default:
		dst = append(dst, digits[0], '.')
		if len(digits) > 1 {
			dst = append(dst, digits[1:]...)
		} else {
			dst = append(dst, '0')
		}
		dst = append(dst, 'E')
		return strconv.AppendInt(dst, int64(exp), 10)
	}
}

// jdk17IntegralDigits gives the digits Java 17's FloatingDecimal prints for a positive
// integral value below 2^63 (Spark's answers come from Java 17, which takes a fast path
// for these instead of the shortest digits): the exact decimal digits of the value,
// rounded half up to drop the floor(p·log10 2) low digits that the p = e-s-1 bits beyond
// the significand cannot hold (e the binary exponent, s the significand's 53 or 24 bits;
// only when p > 1). So 2^62 prints as 4.6116860184273879E18, not 4.611686018427388E18.
func jdk17IntegralDigits(buf []byte, f float64, bitSize int) ([]byte, int, bool) {
	if f < 1 || f >= 1<<63 || f != math.Trunc(f) {
		return nil, 0, false
	}
	v := uint64(f)
	sig := 53
	if bitSize == 32 {
		sig = 24
	}
	drop := 0
	if p2 := bits.Len64(v) - 1 - sig - 1; p2 > 1 {
		drop = int(float64(p2) * math.Log10(2))
	}
	if drop > 0 {
		pow10 := uint64(1)
		for range drop {
			pow10 *= 10
		}
		rest := v % pow10
		v /= pow10
		if rest >= pow10/2 {
			v++
		}
	}
	digits := strconv.AppendUint(buf, v, 10)
	exp := len(digits) - 1 + drop
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	return digits, exp, true
}
