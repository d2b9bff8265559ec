package source

import (
	"math/big"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/datetime"
)

// This file holds the value parsers the text formats share, each following the Java or
// Spark routine Spark's readers call: new BigDecimal(s) here, and sql/datetime's
// DateTimeUtils.stringToDate / stringToTimestamp and ZoneId.of with Spark's short ids.

// bigDecimal is a parsed java.math.BigDecimal: digits (no sign, no leading zeros, "0" for
// zero) times 10^-scale.
type bigDecimal struct {
	neg    bool
	digits string
	scale  int
}

// precision is BigDecimal.precision: the number of digits of the unscaled value.
func (d bigDecimal) precision() int { return len(d.digits) }

// parseBigDecimal is new BigDecimal(s): [sign] digits [. digits] [e|E [sign] digits], no
// spaces.
func parseBigDecimal(s []byte) (bigDecimal, bool) {
	var d bigDecimal
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	var digits []byte
	n := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		digits = append(digits, s[i])
		i++
		n++
	}
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
			i++
			frac++
		}
	}
	if n+frac == 0 {
		return d, false
	}
	d.scale = frac
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		exp, ed := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if exp < 1e8 {
				exp = exp*10 + int(s[i]-'0')
			}
			i++
			ed++
		}
		if ed == 0 || exp >= 1e8 {
			return d, false
		}
		if eneg {
			d.scale += exp
		} else {
			d.scale -= exp
		}
	}
	if i != len(s) {
		return d, false
	}
	k := 0
	for k < len(digits)-1 && digits[k] == '0' {
		k++
	}
	d.digits = string(digits[k:])
	if d.digits == "0" {
		d.neg = false
	}
	return d, true
}

var bigTen = big.NewInt(10)

// toDecimal128 is Decimal(bigDecimal, precision, scale): the value rounded half up to scale,
// failing when it needs more than precision digits.
func (d bigDecimal) toDecimal128(precision, scale int) (decimal128.Num, bool) {
	shift := scale - d.scale
	// Fast path: the unscaled result fits in 18 digits.
	if shift >= 0 && len(d.digits)+shift <= 18 {
		v, _ := strconv.ParseInt(d.digits, 10, 64)
		for range shift {
			v *= 10
		}
		if v != 0 && len(strconv.FormatInt(v, 10)) > precision {
			return decimal128.Num{}, false
		}
		if d.neg {
			v = -v
		}
		return decimal128.FromI64(v), true
	}
	u, ok := new(big.Int).SetString(d.digits, 10)
	if !ok {
		return decimal128.Num{}, false
	}
	if shift >= 0 {
		if shift > 80 && u.Sign() != 0 {
			return decimal128.Num{}, false
		}
		u.Mul(u, new(big.Int).Exp(bigTen, big.NewInt(int64(shift)), nil))
	} else {
		if -shift > len(d.digits)+1 {
			u.SetInt64(0)
		} else {
			div := new(big.Int).Exp(bigTen, big.NewInt(int64(-shift)), nil)
			q, r := new(big.Int).QuoRem(u, div, new(big.Int))
			if r.Lsh(r, 1).Cmp(div) >= 0 {
				q.Add(q, big.NewInt(1))
			}
			u = q
		}
	}
	if u.Sign() != 0 && len(u.String()) > precision {
		return decimal128.Num{}, false
	}
	if d.neg {
		u.Neg(u)
	}
	return decimal128.FromBigInt(u), true
}

// ---- dates, timestamps and zones: sql/datetime's ----

func daysFromCivil(y int64, m, d int) int64 { return datetime.DaysFromCivil(y, m, d) }
func isLeap(y int64) bool                   { return datetime.IsLeap(y) }
func secMicros(sec, us int64) (int64, bool) { return datetime.SecMicros(sec, us) }

// validDate is LocalDate.of's range check.
func validDate(y int64, m, d int) bool {
	return y >= -999999999 && y <= 999999999 && m >= 1 && m <= 12 && d >= 1 && d <= datetime.DaysInMonth(y, m)
}

func stringToDate(s []byte) (int32, bool) { return datetime.StringToDate(s) }
func stringToTimestamp(s []byte, loc *time.Location) (int64, bool) {
	return datetime.StringToTimestamp(s, loc)
}
func stringToTimestampNTZ(s []byte, allowTimeZone bool) (int64, bool) {
	return datetime.StringToTimestampNTZ(s, allowTimeZone)
}
func localToInstant(local int64, loc *time.Location) (int64, bool) {
	return datetime.LocalToInstant(local, loc)
}
func zoneByID(id string) (*time.Location, bool)     { return datetime.ZoneByID(id) }
func fixedZone(name string, off int) *time.Location { return datetime.FixedZone(name, off) }
func parseOffset(s string) (int, bool)              { return datetime.ParseOffset(s) }
