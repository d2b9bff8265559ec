package expr

import (
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/datetime"
	"github.com/sailgo/sail/sql/textdata"
)

// The string parsers of Spark's casts, as pure functions over bytes. They follow Spark's
// UTF8String.toLong/toInt, java.lang.Double.parseDouble, java.math.BigDecimal(String),
// SparkDateTimeUtils.stringToDate/parseTimestampString, StringUtils.isTrueString and
// ZoneId.of, rule for rule.

func isSpaceOrControl(b byte) bool { return datetime.IsSpaceOrControl(b) }
func trimAll(s []byte) []byte      { return datetime.TrimAll(s) }

// parseIntegral is UTF8String.toLong (bits 64) / toInt (bits 32): optional sign, digits, and
// when allowDecimal a '.' followed by digits that are dropped. The value must fit the type.
func parseIntegral(s []byte, allowDecimal bool, bits int) (int64, bool) {
	s = trimAll(s)
	if len(s) == 0 {
		return 0, false
	}
	neg := s[0] == '-'
	if neg || s[0] == '+' {
		if len(s) == 1 {
			return 0, false
		}
		s = s[1:]
	}
	minValue := int64(math.MinInt64)
	if bits == 32 {
		minValue = math.MinInt32
	}
	stop := minValue / 10
	var result int64
	i := 0
	for ; i < len(s); i++ {
		b := s[i]
		if b == '.' && allowDecimal {
			i++
			break
		}
		if b < '0' || b > '9' {
			return 0, false
		}
		if result < stop {
			return 0, false
		}
		result = result*10 - int64(b-'0')
		if result > 0 || result < minValue {
			return 0, false
		}
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	if !neg {
		result = -result
		if result < 0 || (bits == 32 && result > math.MaxInt32) {
			return 0, false
		}
	}
	return result, true
}

// parseBool is StringUtils.isTrueString / isFalseString.
func parseBool(s []byte) (v, ok bool) {
	t := trimAll(s)
	if len(t) > 5 {
		return false, false
	}
	var buf [5]byte
	for i, c := range t {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(t)]) {
	case "t", "true", "y", "yes", "1":
		return true, true
	case "f", "false", "n", "no", "0":
		return false, true
	}
	return false, false
}

// parseJavaDouble is java.lang.Double.parseDouble (Float.parseFloat when bitSize is 32)
// followed by Spark's special literals: case-insensitively, inf, +inf, infinity, +infinity,
// -inf, -infinity and nan.
func parseJavaDouble(s []byte, bitSize int) (float64, bool) {
	if v, ok := textdata.ParseJavaDouble(s, bitSize); ok {
		return v, true
	}
	// Cast.processFloatingPointSpecialLiterals: v.trim.toLowerCase.
	l := strings.ToLower(string(textdata.JavaTrim(s)))
	switch l {
	case "inf", "+inf", "infinity", "+infinity":
		return math.Inf(1), true
	case "-inf", "-infinity":
		return math.Inf(-1), true
	case "nan":
		return javaNaN, true
	}
	return 0, false
}

// javaNaN is Java's canonical NaN (Double.NaN).
var javaNaN = textdata.JavaNaN

// parsedDecimal is a number parsed as java.math.BigDecimal: sign, the significant digits
// (no leading zeros; "0" for zero) and the scale.
type parsedDecimal struct {
	neg    bool
	digits []byte
	scale  int64
}

// precision is BigDecimal.precision: the number of significant digits, 1 for zero.
func (d parsedDecimal) precision() int { return len(d.digits) }

// parseBigDecimal is new java.math.BigDecimal(s) (s already trimmed): [sign] digits [.
// digits] [e [sign] digits].
func parseBigDecimal(s []byte) (parsedDecimal, bool) {
	var d parsedDecimal
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	var digits []byte
	frac := int64(0)
	n := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		digits = append(digits, s[i])
		i++
		n++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
			i++
			n++
			frac++
		}
	}
	if n == 0 {
		return d, false
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		e := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			exp = exp*10 + int64(s[i]-'0')
			if exp > math.MaxInt32+1 {
				return d, false
			}
			i++
			e++
		}
		if e == 0 {
			return d, false
		}
		if eneg {
			exp = -exp
		}
		if exp > math.MaxInt32 {
			return d, false
		}
	}
	if i != len(s) {
		return d, false
	}
	k := 0
	for k < len(digits)-1 && digits[k] == '0' {
		k++
	}
	d.digits = digits[k:]
	d.scale = frac - exp
	if d.scale > math.MaxInt32 || d.scale < math.MinInt32 {
		return d, false
	}
	return d, true
}

// toScale returns the value as an unscaled big integer at the given scale, HALF_UP.
func (d parsedDecimal) toScale(scale int) *big.Int { return d.toScaleMode(scale, roundHalfUp) }

// toScaleMode is toScale with a rounding mode.
func (d parsedDecimal) toScaleMode(scale int, mode roundMode) *big.Int {
	x, _ := new(big.Int).SetString(string(d.digits), 10)
	if d.neg {
		x.Neg(x)
	}
	shift := int64(scale) - d.scale
	if shift >= 0 {
		return x.Mul(x, bigPow10(int(shift)))
	}
	if -shift > int64(len(d.digits))+1 {
		// |value| < 0.1 units: only the directed modes can move it.
		switch {
		case x.Sign() != 0 && mode == roundCeiling && !d.neg:
			return big.NewInt(1)
		case x.Sign() != 0 && mode == roundFloor && d.neg:
			return big.NewInt(-1)
		}
		return new(big.Int)
	}
	return bigRoundDiv(x, int(-shift), mode)
}

// Days, civil dates, date and timestamp strings and zones are sql/datetime's; the short
// names below keep the kernels' calls brief.

func isLeap(y int64) bool                          { return datetime.IsLeap(y) }
func daysInMonth(y int64, m int) int               { return datetime.DaysInMonth(y, m) }
func daysFromCivil(y int64, m, d int) int64        { return datetime.DaysFromCivil(y, m, d) }
func civilFromDays(z int64) (y int64, m, d int)    { return datetime.CivilFromDays(z) }
func floorDivI(a, b int64) int64                   { return datetime.FloorDiv(a, b) }
func secMicros(sec, us int64) (int64, bool)        { return datetime.SecMicros(sec, us) }
func offsetAt(loc *time.Location, sec int64) int64 { return datetime.OffsetAt(loc, sec) }
func instantToLocal(us int64, loc *time.Location) int64 {
	return datetime.InstantToLocal(us, loc)
}
func localToInstant(local int64, loc *time.Location) (int64, bool) {
	return datetime.LocalToInstant(local, loc)
}
func zoneByID(id string) (*time.Location, bool)     { return datetime.ZoneByID(id) }
func fixedZone(name string, off int) *time.Location { return datetime.FixedZone(name, off) }
func parseDate(s []byte) (int32, bool)              { return datetime.StringToDate(s) }
func parseTimestamp(s []byte, loc *time.Location) (int64, bool) {
	return datetime.StringToTimestamp(s, loc)
}
func parseTimestampNTZ(s []byte) (int64, bool) { return datetime.StringToTimestampNTZ(s, true) }

// Time zones.

func sessionZone(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}
