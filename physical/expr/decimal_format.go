package expr

import (
	"math"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/sailgo/sail/sql/sparkerror"
)

// decimalFormat is java.text.DecimalFormat as format_number(x, pattern) uses it: the
// symbols of Locale.US and a pattern applied with applyLocalizedPattern (for Locale.US the
// localized pattern characters are the standard ones).
//
// A pattern is prefix, number, suffix, optionally followed by ';' and a negative
// subpattern whose prefix and suffix alone count. In the number part '#' is an optional
// digit, '0' a required one, ',' places the grouping separator (the group size is the
// count of digits after the last one), '.' the decimal separator and E0.. an exponent of
// at least as many digits. In a prefix or suffix '%' multiplies by 100 and '‰' by 1000,
// '¤' is the currency symbol ($; doubled, USD), '-' the minus sign, and quotes quote
// (” is a quote). Rounding is HALF_EVEN on the exact value. NaN prints as NaN alone,
// infinities as ∞ between the prefix and suffix.
type decimalFormat struct {
	posPrefix, posSuffix, negPrefix, negSuffix string
	// The digit counts as set by the pattern; maxInt is unbounded (math.MaxInt32) without
	// an exponent. Doubles and integers use them capped at 309 integer and 340 fraction
	// digits, decimals as they are.
	minInt, maxInt, minFrac, maxFrac int
	grouping                         int // digits per group; 0 for no grouping
	multiplier                       int64
	decimalAlways                    bool // the decimal separator shows even without fraction digits
	exponent                         bool
	minExpDigits                     int
}

const (
	javaMaxDigits        = math.MaxInt32
	doubleIntegerDigits  = 309
	doubleFractionDigits = 340
)

// decimalPatternError is the IllegalArgumentException DecimalFormat throws for a pattern
// it cannot read: it reaches the user without an error class.
func decimalPatternError(msg string) error {
	return &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: msg,
		JavaClasses: []string{"java.lang.IllegalArgumentException", "java.lang.RuntimeException",
			"java.lang.Exception", "java.lang.Throwable"}}
}

// parseDecimalFormat reads a DecimalFormat pattern as applyPattern does. The affixes are
// kept in DecimalFormat's affix-pattern form (a quote before a special character) until
// both subpatterns are read, since an explicit negative subpattern equal to the positive
// one counts as absent.
func parseDecimalFormat(pattern string) (*decimalFormat, error) {
	f := &decimalFormat{multiplier: 1}
	if pattern == "" {
		f.maxInt, f.maxFrac = javaMaxDigits, javaMaxDigits
		f.negPrefix = "-"
		return f, nil
	}
	malformed := func() error { return decimalPatternError(`Malformed pattern "` + pattern + `"`) }
	var posPrefix, posSuffix, negPrefix, negSuffix []byte
	gotNegative := false
	start := 0
	for sub := 1; sub >= 0 && start < len(pattern); sub-- {
		inQuote := false
		var prefix, suffix []byte
		decimalPos := -1
		multiplier := int64(1)
		digitLeft, zeroDigits, digitRight := 0, 0, 0
		groupingCount := -1
		phase := 0
		affix := &prefix
		for pos := start; pos < len(pattern); {
			c, w := utf8.DecodeRuneInString(pattern[pos:])
			switch phase {
			case 0, 2:
				if inQuote {
					if c == '\'' {
						if pos+1 < len(pattern) && pattern[pos+1] == '\'' {
							*affix = append(*affix, "''"...)
							pos += 2
						} else {
							inQuote = false
							pos++
						}
						continue
					}
					*affix = utf8.AppendRune(*affix, c)
					pos += w
					continue
				}
				switch c {
				case '#', '0', ',', '.':
					phase = 1
					continue
				case '¤':
					if pos+2*w <= len(pattern) && pattern[pos+w:pos+2*w] == "¤" {
						*affix = append(*affix, "'¤¤"...)
						pos += 2 * w
					} else {
						*affix = append(*affix, "'¤"...)
						pos += w
					}
					continue
				case '\'':
					if pos+1 < len(pattern) && pattern[pos+1] == '\'' {
						*affix = append(*affix, "''"...)
						pos += 2
					} else {
						inQuote = true
						pos++
					}
					continue
				case ';':
					if phase == 0 || sub == 0 {
						return nil, decimalPatternError("Unquoted special character ';' in pattern \"" + pattern + `"`)
					}
					start = pos + 1
					pos = len(pattern)
					continue
				case '%', '‰':
					if multiplier != 1 {
						return nil, decimalPatternError(`Too many percent/per mille characters in pattern "` + pattern + `"`)
					}
					multiplier = 100
					if c == '‰' {
						multiplier = 1000
					}
					*affix = append(*affix, '\'')
					*affix = utf8.AppendRune(*affix, c)
					pos += w
					continue
				case '-':
					*affix = append(*affix, "'-"...)
					pos++
					continue
				}
				*affix = utf8.AppendRune(*affix, c)
				pos += w
			case 1:
				if sub == 0 {
					// The negative subpattern's number part only separates its affixes.
					for pos < len(pattern) && (pattern[pos] == '#' || pattern[pos] == '0' ||
						pattern[pos] == ',' || pattern[pos] == '.' || pattern[pos] == 'E') {
						pos++
					}
					phase, affix = 2, &suffix
					continue
				}
				switch c {
				case '#':
					if zeroDigits > 0 {
						digitRight++
					} else {
						digitLeft++
					}
					if groupingCount >= 0 && decimalPos < 0 {
						groupingCount++
					}
				case '0':
					if digitRight > 0 {
						return nil, decimalPatternError(`Unexpected '0' in pattern "` + pattern + `"`)
					}
					zeroDigits++
					if groupingCount >= 0 && decimalPos < 0 {
						groupingCount++
					}
				case ',':
					groupingCount = 0
				case '.':
					if decimalPos >= 0 {
						return nil, decimalPatternError(`Multiple decimal separators in pattern "` + pattern + `"`)
					}
					decimalPos = digitLeft + zeroDigits + digitRight
				case 'E':
					if f.exponent {
						return nil, decimalPatternError(`Multiple exponential symbols in pattern "` + pattern + `"`)
					}
					f.exponent = true
					f.minExpDigits = 0
					pos++
					for pos < len(pattern) && pattern[pos] == '0' {
						f.minExpDigits++
						pos++
					}
					if digitLeft+zeroDigits < 1 || f.minExpDigits < 1 {
						return nil, decimalPatternError(`Malformed exponential pattern "` + pattern + `"`)
					}
					phase, affix = 2, &suffix
					continue
				default:
					phase, affix = 2, &suffix
					continue
				}
				pos++
			}
		}
		// A pattern without '0' reads as one with a '0' before the decimal separator:
		// "##.###" as "#0.###", ".###" as ".0##".
		if zeroDigits == 0 && digitLeft > 0 && decimalPos >= 0 {
			n := decimalPos
			if n == 0 {
				n++
			}
			digitRight = digitLeft - n
			digitLeft = n - 1
			zeroDigits = 1
		}
		if decimalPos < 0 && digitRight > 0 ||
			decimalPos >= 0 && (decimalPos < digitLeft || decimalPos > digitLeft+zeroDigits) ||
			groupingCount == 0 || inQuote {
			return nil, malformed()
		}
		if sub == 1 {
			posPrefix, posSuffix = prefix, suffix
			negPrefix, negSuffix = prefix, suffix
			total := digitLeft + zeroDigits + digitRight
			effectiveDecimal := total
			if decimalPos >= 0 {
				effectiveDecimal = decimalPos
			}
			f.minInt = effectiveDecimal - digitLeft
			f.maxInt = javaMaxDigits
			if f.exponent {
				f.maxInt = digitLeft + f.minInt
			}
			if decimalPos >= 0 {
				f.maxFrac = total - decimalPos
				f.minFrac = digitLeft + zeroDigits - decimalPos
			}
			if groupingCount > 0 {
				f.grouping = groupingCount
			}
			f.multiplier = multiplier
			f.decimalAlways = decimalPos == 0 || decimalPos == total
		} else {
			negPrefix, negSuffix = prefix, suffix
			gotNegative = true
		}
	}
	if !gotNegative || string(negPrefix) == string(posPrefix) && string(negSuffix) == string(posSuffix) {
		negSuffix = posSuffix
		negPrefix = append([]byte("'-"), posPrefix...)
	}
	f.posPrefix, f.posSuffix = expandAffix(posPrefix), expandAffix(posSuffix)
	f.negPrefix, f.negSuffix = expandAffix(negPrefix), expandAffix(negSuffix)
	return f, nil
}

// expandAffix turns an affix pattern into its text with the Locale.US symbols.
func expandAffix(p []byte) string {
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		c, w := utf8.DecodeRune(p[i:])
		i += w
		if c == '\'' && i < len(p) {
			c, w = utf8.DecodeRune(p[i:])
			i += w
			switch c {
			case '¤':
				if i < len(p) {
					if n, nw := utf8.DecodeRune(p[i:]); n == '¤' {
						i += nw
						out = append(out, "USD"...)
						continue
					}
				}
				out = append(out, '$')
				continue
			case '%', '‰', '-':
				out = utf8.AppendRune(out, c)
				continue
			}
		}
		out = utf8.AppendRune(out, c)
	}
	return string(out)
}

// digitList is a non-negative number as DecimalFormat holds it: 0.digits × 10^decimalAt,
// digits without trailing zeros (none for zero).
type digitList struct {
	digits    []byte
	decimalAt int
}

// roundHalfEven keeps the first keep digits of exact digits, rounding half to even (keep < 0
// rounds to zero; keep ≥ the digit count changes nothing).
func (d *digitList) roundHalfEven(keep int) {
	if keep >= len(d.digits) {
		return
	}
	if keep < 0 {
		d.digits, d.decimalAt = d.digits[:0], 0
		return
	}
	up := d.digits[keep] > '5'
	if d.digits[keep] == '5' {
		for _, c := range d.digits[keep+1:] {
			if c != '0' {
				up = true
				break
			}
		}
		if !up && keep > 0 {
			up = (d.digits[keep-1]-'0')%2 == 1
		}
	}
	d.digits = d.digits[:keep]
	if up {
		k := keep - 1
		for ; k >= 0; k-- {
			if d.digits[k] < '9' {
				d.digits[k]++
				break
			}
			d.digits[k] = '0'
		}
		if k < 0 {
			d.digits = append(d.digits[:0], '1')
			d.decimalAt++
		}
	}
	d.trim()
}

func (d *digitList) trim() {
	n := len(d.digits)
	for n > 0 && d.digits[n-1] == '0' {
		n--
	}
	d.digits = d.digits[:n]
	if n == 0 {
		d.decimalAt = 0
	}
}

// setDigits reads a plain decimal string of digits (no sign, no point) worth
// digits × 10^-scale.
func (d *digitList) setDigits(digits []byte, scale int) {
	k := 0
	for k < len(digits) && digits[k] == '0' {
		k++
	}
	d.digits = append(d.digits[:0], digits[k:]...)
	d.decimalAt = len(d.digits) - scale
	d.trim()
}

// setFloat sets the digits of v ≥ 0 (finite): the shortest digits that read back as v, as
// Double.toString gives them, rounded to the format's precision from v's exact value
// (which is how the JDK decides the ties its shortest digits hide).
func (d *digitList) setFloat(scratch []byte, v float64, fixed bool, maxDigits int) []byte {
	if v == 0 {
		d.digits, d.decimalAt = d.digits[:0], 0
		return scratch
	}
	scratch = strconv.AppendFloat(scratch[:0], v, 'e', -1, 64)
	d.parseE(scratch)
	switch {
	case fixed && len(d.digits)-d.decimalAt > maxDigits:
		if -d.decimalAt > maxDigits {
			d.digits, d.decimalAt = d.digits[:0], 0
			return scratch
		}
		scratch = strconv.AppendFloat(scratch[:0], v, 'f', maxDigits, 64)
		d.parseF(scratch)
	case !fixed && maxDigits > 0 && len(d.digits) > maxDigits:
		scratch = strconv.AppendFloat(scratch[:0], v, 'e', maxDigits-1, 64)
		d.parseE(scratch)
	}
	return scratch
}

// parseE reads d.ddde±x.
func (d *digitList) parseE(s []byte) {
	d.digits = d.digits[:0]
	i := 0
	for ; i < len(s) && s[i] != 'e'; i++ {
		if s[i] != '.' {
			d.digits = append(d.digits, s[i])
		}
	}
	exp, _ := strconv.Atoi(string(s[i+1:]))
	d.decimalAt = exp + 1
	d.trim()
}

// parseF reads ddd.ddd.
func (d *digitList) parseF(s []byte) {
	d.digits = d.digits[:0]
	point := len(s)
	for i, c := range s {
		if c == '.' {
			point = i
			continue
		}
		d.digits = append(d.digits, c)
	}
	scale := 0
	if point < len(s) {
		scale = len(s) - point - 1
	}
	d.setDigits(d.digits, scale) // setDigits moves the digits down within their array
}

// formatState is the scratch space of one formatting thread.
type formatState struct {
	d       digitList
	scratch []byte
	big     big.Int
}

// appendFloat formats v as DecimalFormat.format(double).
func (f *decimalFormat) appendFloat(dst []byte, st *formatState, v float64) []byte {
	if math.IsNaN(v) {
		return append(dst, "NaN"...)
	}
	neg := v < 0 || v == 0 && math.Signbit(v)
	if f.multiplier != 1 {
		v *= float64(f.multiplier)
	}
	if math.IsInf(v, 0) {
		prefix, suffix := f.affixes(neg)
		dst = append(dst, prefix...)
		dst = append(dst, "∞"...)
		return append(dst, suffix...)
	}
	v = math.Abs(v)
	minInt, maxInt, minFrac, maxFrac := f.doubleDigits()
	if f.exponent {
		st.scratch = st.d.setFloat(st.scratch, v, false, maxInt+maxFrac)
	} else {
		st.scratch = st.d.setFloat(st.scratch, v, true, maxFrac)
	}
	return f.subformat(dst, &st.d, neg, false, minInt, maxInt, minFrac, maxFrac)
}

// appendInt formats v as DecimalFormat.format(long).
func (f *decimalFormat) appendInt(dst []byte, st *formatState, v int64) []byte {
	neg := v < 0
	var digits []byte
	if f.multiplier == 1 || v == 0 {
		u := uint64(v)
		if neg {
			u = -u
		}
		digits = strconv.AppendUint(st.scratch[:0], u, 10)
	} else {
		st.big.SetInt64(v)
		st.big.Mul(&st.big, big.NewInt(f.multiplier))
		st.big.Abs(&st.big)
		digits = st.big.Append(st.scratch[:0], 10)
	}
	st.scratch = digits
	st.d.setDigits(digits, 0)
	minInt, maxInt, minFrac, maxFrac := f.doubleDigits()
	if f.exponent && maxInt+maxFrac > 0 {
		st.d.roundHalfEven(maxInt + maxFrac)
	}
	return f.subformat(dst, &st.d, neg, true, minInt, maxInt, minFrac, maxFrac)
}

// appendDecimal formats unscaled × 10^-scale as DecimalFormat.format(BigDecimal).
func (f *decimalFormat) appendDecimal(dst []byte, st *formatState, unscaled *big.Int, scale int) []byte {
	st.big.Set(unscaled)
	if f.multiplier != 1 {
		st.big.Mul(&st.big, big.NewInt(f.multiplier))
	}
	neg := st.big.Sign() < 0
	st.big.Abs(&st.big)
	st.scratch = st.big.Append(st.scratch[:0], 10)
	st.d.setDigits(st.scratch, scale)
	if f.exponent {
		if n := f.maxInt + f.maxFrac; n > 0 && n <= javaMaxDigits {
			st.d.roundHalfEven(n)
		}
	} else {
		st.d.roundHalfEven(f.maxFrac + st.d.decimalAt)
	}
	return f.subformat(dst, &st.d, neg, false, f.minInt, f.maxInt, f.minFrac, f.maxFrac)
}

// doubleDigits are the digit counts capped as DecimalFormat caps them for doubles and longs.
func (f *decimalFormat) doubleDigits() (minInt, maxInt, minFrac, maxFrac int) {
	return min(f.minInt, doubleIntegerDigits), min(f.maxInt, doubleIntegerDigits),
		min(f.minFrac, doubleFractionDigits), min(f.maxFrac, doubleFractionDigits)
}

func (f *decimalFormat) affixes(neg bool) (string, string) {
	if neg {
		return f.negPrefix, f.negSuffix
	}
	return f.posPrefix, f.posSuffix
}

// subformat writes the prefix, the digits and the suffix (DecimalFormat.subformat).
func (f *decimalFormat) subformat(dst []byte, d *digitList, neg, isInteger bool, minInt, maxInt, minFrac, maxFrac int) []byte {
	prefix, suffix := f.affixes(neg)
	dst = append(dst, prefix...)
	if len(d.digits) == 0 {
		d.decimalAt = 0
	}
	if f.exponent {
		dst = f.appendScientific(dst, d, minInt, maxInt, minFrac)
	} else {
		dst = f.appendFixed(dst, d, isInteger, minInt, maxInt, minFrac, maxFrac)
	}
	return append(dst, suffix...)
}

func (f *decimalFormat) appendFixed(dst []byte, d *digitList, isInteger bool, minInt, maxInt, minFrac, maxFrac int) []byte {
	count := minInt
	digitIndex := 0
	if d.decimalAt > 0 && count < d.decimalAt {
		count = d.decimalAt
	}
	if count > maxInt {
		count = maxInt
		digitIndex = d.decimalAt - count
	}
	before := len(dst)
	for i := count - 1; i >= 0; i-- {
		if i < d.decimalAt && digitIndex < len(d.digits) {
			dst = append(dst, d.digits[digitIndex])
			digitIndex++
		} else {
			dst = append(dst, '0')
		}
		if f.grouping > 0 && i > 0 && i%f.grouping == 0 {
			dst = append(dst, ',')
		}
	}
	fraction := minFrac > 0 || !isInteger && digitIndex < len(d.digits)
	if !fraction && len(dst) == before {
		dst = append(dst, '0')
	}
	if f.decimalAlways || fraction {
		dst = append(dst, '.')
	}
	for i := 0; i < maxFrac; i++ {
		if i >= minFrac && (isInteger || digitIndex >= len(d.digits)) {
			break
		}
		if -1-i > d.decimalAt-1 {
			dst = append(dst, '0')
			continue
		}
		if !isInteger && digitIndex < len(d.digits) {
			dst = append(dst, d.digits[digitIndex])
			digitIndex++
		} else {
			dst = append(dst, '0')
		}
	}
	return dst
}

func (f *decimalFormat) appendScientific(dst []byte, d *digitList, minInt, maxInt, minFrac int) []byte {
	zero := len(d.digits) == 0
	exponent := d.decimalAt
	minimumIntegerDigits := minInt
	if repeat := maxInt; repeat > 1 && repeat > minInt {
		// Engineering notation: the exponent is a multiple of the maximum integer digits.
		if exponent >= 1 {
			exponent = (exponent - 1) / repeat * repeat
		} else {
			exponent = (exponent - repeat) / repeat * repeat
		}
		minimumIntegerDigits = 1
	} else {
		exponent -= minimumIntegerDigits
	}
	minimumDigits := minInt + minFrac
	if minimumDigits < 0 {
		minimumDigits = math.MaxInt32
	}
	integerDigits := d.decimalAt - exponent
	if zero {
		integerDigits = minimumIntegerDigits
	}
	if minimumDigits < integerDigits {
		minimumDigits = integerDigits
	}
	total := max(len(d.digits), minimumDigits)
	for i := 0; i < total; i++ {
		if i == integerDigits {
			dst = append(dst, '.')
		}
		if i < len(d.digits) {
			dst = append(dst, d.digits[i])
		} else {
			dst = append(dst, '0')
		}
	}
	if f.decimalAlways && total == integerDigits {
		dst = append(dst, '.')
	}
	dst = append(dst, 'E')
	if zero {
		exponent = 0
	}
	if exponent < 0 {
		exponent = -exponent
		dst = append(dst, '-')
	}
	e := strconv.Itoa(exponent)
	for k := len(e); k < f.minExpDigits; k++ {
		dst = append(dst, '0')
	}
	return append(dst, e...)
}
