package textdata

import (
	"math"
	"strconv"
	"strings"
)

// This file holds Java's number and boolean parsers as Spark's text readers call them
// (Integer.parseInt and kin, Double.parseDouble, StringOps.toBoolean), shared by the file
// sources and by inference.

// JavaTrim is String.trim: strips characters <= ' ' at both ends.
func JavaTrim(s []byte) []byte {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// ParseJavaInt is Integer.parseInt / Long.parseLong / Short.parseShort / Byte.parseByte for
// bits = 32, 64, 16, 8: an optional sign and ASCII digits, nothing else.
func ParseJavaInt(s []byte, bits int) (int64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	neg := false
	i := 0
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i = 1
		if len(s) == 1 {
			return 0, false
		}
	}
	limit := uint64(1) << (bits - 1) // magnitude bound: max+1 for negatives
	var v uint64
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
		if v > limit {
			return 0, false
		}
	}
	if neg {
		return -int64(v-1) - 1, true
	}
	if v == limit {
		return 0, false
	}
	return int64(v), true
}

// ParseJavaBool is Scala's StringOps.toBoolean: "true" or "false" in any case.
func ParseJavaBool(s []byte) (bool, bool) {
	if len(s) == 4 && strings.EqualFold(string(s), "true") {
		return true, true
	}
	if len(s) == 5 && strings.EqualFold(string(s), "false") {
		return false, true
	}
	return false, false
}

// JavaNaN is Java's canonical NaN (Double.NaN), whose bits differ from math.NaN()'s.
var JavaNaN = math.Float64frombits(0x7ff8000000000000)

// ParseJavaDouble is Double.parseDouble (bitSize 64) or Float.parseFloat (32): the string is
// trimmed; "NaN", "Infinity" with an optional sign, decimal numbers with an optional
// exponent and an optional f/F/d/D suffix, and hexadecimal floats are accepted.
func ParseJavaDouble(s []byte, bitSize int) (float64, bool) {
	t := JavaTrim(s)
	if len(t) == 0 {
		return 0, false
	}
	body := t
	sign := 1.0
	if body[0] == '+' || body[0] == '-' {
		if body[0] == '-' {
			sign = -1
		}
		body = body[1:]
	}
	switch string(body) {
	case "NaN":
		return JavaNaN, true
	case "Infinity":
		return math.Inf(int(sign)), true
	}
	if n := len(body); n > 0 {
		switch body[n-1] {
		case 'f', 'F', 'd', 'D':
			body = body[:n-1]
		}
	}
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		if !validHexFloat(body[2:]) {
			return 0, false
		}
	} else if !validDecimalFloat(body) {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(body), bitSize)
	if err != nil {
		// Out of range values become infinities (or zero), as in Java.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	return sign * v, true
}

// validDecimalFloat checks digits [. digits] [e [sign] digits] with at least one mantissa
// digit.
func validDecimalFloat(s []byte) bool {
	i, digits := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// validHexFloat checks the part after "0x": hex digits [. hex digits] p [sign] digits.
func validHexFloat(s []byte) bool {
	isHex := func(c byte) bool {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	i, digits := 0, 0
	for i < len(s) && isHex(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isHex(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 || i >= len(s) || (s[i] != 'p' && s[i] != 'P') {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	exp := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		exp++
	}
	return exp > 0 && i == len(s)
}
