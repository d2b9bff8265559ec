package source

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zone ids resolve the same on hosts without a zoneinfo database

	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// This file holds the value parsers the text formats share, each following the Java or
// Spark routine Spark's readers call: Integer.parseInt, Double.parseDouble, new
// BigDecimal(s), StringOps.toBoolean, DateTimeUtils.stringToDate / stringToTimestamp, and
// ZoneId.of with Spark's short ids.

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

// ---- dates and timestamps ----

// daysFromCivil is the number of days from 1970-01-01 to the proleptic Gregorian date.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := int64((153*mp+2)/5 + d - 1)
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysInMonth(y int64, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate is LocalDate.of's range check.
func validDate(y int64, m, d int) bool {
	return y >= -999999999 && y <= 999999999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

// stringToDate is DateTimeUtils.stringToDate: trimmed input of the forms [+-]yyyy*,
// [+-]yyyy*-[m]m, [+-]yyyy*-[m]m-[d]d, followed for the last form by nothing, or a space or
// 'T' and anything.
func stringToDate(s []byte) (int32, bool) {
	t := trimAll(s)
	if len(t) == 0 {
		return 0, false
	}
	sign := int64(1)
	j := 0
	if t[0] == '-' || t[0] == '+' {
		if t[0] == '-' {
			sign = -1
		}
		j++
	}
	seg := [3]int64{1, 1, 1}
	i, val, digits := 0, int64(0), 0
	valid := func(seg, digits int) bool {
		return (seg == 0 && digits >= 4 && digits <= 7) || (seg != 0 && digits > 0 && digits <= 2)
	}
	for j < len(t) && i < 3 && t[j] != ' ' && t[j] != 'T' {
		c := t[j]
		if i < 2 && c == '-' {
			if !valid(i, digits) {
				return 0, false
			}
			seg[i] = val
			val, digits = 0, 0
			i++
		} else {
			if c < '0' || c > '9' {
				return 0, false
			}
			val = val*10 + int64(c-'0')
			digits++
		}
		j++
	}
	if !valid(i, digits) {
		return 0, false
	}
	if i < 2 && j < len(t) {
		return 0, false
	}
	seg[i] = val
	y := sign * seg[0]
	if !validDate(y, int(seg[1]), int(seg[2])) {
		return 0, false
	}
	days := daysFromCivil(y, int(seg[1]), int(seg[2]))
	if days < math.MinInt32 || days > math.MaxInt32 {
		return 0, false
	}
	return int32(days), true
}

// trimAll is UTF8String.trimAll as getTrimmedStart/End use it: whitespace and ISO control
// characters at both ends.
func trimAll(s []byte) []byte {
	i, j := 0, len(s)
	for i < j && (s[i] <= ' ' || s[i] == 0x7f) {
		i++
	}
	for j > i && (s[j-1] <= ' ' || s[j-1] == 0x7f) {
		j--
	}
	return s[i:j]
}

// tsParts are the segments of a timestamp string: date, time, microseconds, zone.
type tsParts struct {
	year             int64
	month, day       int
	hour, min, sec   int
	micros           int
	zone             *time.Location
	hasZone          bool
	justTime         bool
	yearSignExplicit bool
}

// parseTimestampString is DateTimeUtils.parseTimestampString.
func parseTimestampString(s []byte) (tsParts, bool) {
	var p tsParts
	t := trimAll(s)
	if len(t) == 0 {
		return p, false
	}
	seg := [9]int64{1, 1, 1, 0, 0, 0, 0, 0, 0}
	i, val, digits, digitsMilli := 0, int64(0), 0, 0
	var tz string
	haveTZ := false
	yearSign := int64(0)
	j := 0
	if t[0] == '-' || t[0] == '+' {
		yearSign = 1
		if t[0] == '-' {
			yearSign = -1
		}
		j++
	}
	valid := func(seg, digits int) bool {
		return seg == 6 || (seg == 0 && digits >= 4 && digits <= 6) || (seg == 7 && digits <= 2) ||
			(seg != 0 && seg != 6 && seg != 7 && digits > 0 && digits <= 2)
	}
	next := func() bool {
		if !valid(i, digits) {
			return false
		}
		seg[i] = val
		val, digits = 0, 0
		i++
		return true
	}
	for j < len(t) {
		b := t[j]
		if b < '0' || b > '9' {
			switch {
			case j == 0 && b == 'T':
				p.justTime = true
				i += 3
			case i < 2:
				if b == '-' {
					if !next() {
						return p, false
					}
				} else if i == 0 && b == ':' && yearSign == 0 {
					p.justTime = true
					if !valid(3, digits) {
						return p, false
					}
					seg[3] = val
					val, digits = 0, 0
					i = 4
				} else {
					return p, false
				}
			case i == 2:
				if b != ' ' && b != 'T' {
					return p, false
				}
				if !next() {
					return p, false
				}
			case i == 3 || i == 4:
				if b != ':' {
					return p, false
				}
				if !next() {
					return p, false
				}
			case i == 5 || i == 6:
				if b == '.' && i == 5 {
					if !next() {
						return p, false
					}
				} else {
					if !next() {
						return p, false
					}
					tz = string(t[j:])
					haveTZ = true
					j = len(t) - 1
				}
				if i == 6 && b != '.' {
					i++
				}
			default:
				if i < len(seg) && (b == ':' || b == ' ') {
					if !next() {
						return p, false
					}
				} else {
					return p, false
				}
			}
		} else {
			if i == 6 {
				digitsMilli++
			}
			if i >= len(seg) {
				return p, false
			}
			if i != 6 || digits < 6 {
				val = val*10 + int64(b-'0')
			}
			digits++
		}
		j++
	}
	if i >= len(seg) || !valid(i, digits) {
		return p, false
	}
	seg[i] = val
	for digitsMilli < 6 {
		seg[6] *= 10
		digitsMilli++
	}
	if haveTZ {
		loc, ok := zoneByID(strings.TrimSpace(tz))
		if !ok {
			return p, false
		}
		p.zone, p.hasZone = loc, true
	}
	if yearSign == 0 {
		yearSign = 1
	}
	p.year = seg[0] * yearSign
	p.month, p.day = int(seg[1]), int(seg[2])
	p.hour, p.min, p.sec, p.micros = int(seg[3]), int(seg[4]), int(seg[5]), int(seg[6])
	return p, true
}

// localMicros is the local date-time as microseconds since 1970-01-01T00:00, checking
// LocalDate.of and LocalTime.of ranges.
func (p tsParts) localMicros() (int64, bool) {
	if !validDate(p.year, p.month, p.day) || p.hour > 23 || p.min > 59 || p.sec > 59 {
		return 0, false
	}
	days := daysFromCivil(p.year, p.month, p.day)
	sec := days*86400 + int64(p.hour*3600+p.min*60+p.sec)
	return secMicros(sec, int64(p.micros))
}

// secMicros is sec*1e6+us, failing on overflow.
func secMicros(sec, us int64) (int64, bool) {
	if sec > math.MaxInt64/1_000_000-1 || sec < math.MinInt64/1_000_000+1 {
		return 0, false
	}
	return sec*1_000_000 + us, true
}

// stringToTimestamp is DateTimeUtils.stringToTimestamp: a zone in the string wins over loc.
// A time without a date takes today's date in the zone.
func stringToTimestamp(s []byte, loc *time.Location) (int64, bool) {
	p, ok := parseTimestampString(s)
	if !ok {
		return 0, false
	}
	zone := loc
	if p.hasZone {
		zone = p.zone
	}
	if p.justTime {
		now := time.Now().In(zone)
		p.year, p.month, p.day = int64(now.Year()), int(now.Month()), now.Day()
	}
	local, ok := p.localMicros()
	if !ok {
		return 0, false
	}
	return localToInstant(local, zone)
}

// stringToTimestampNTZ is stringToTimestampWithoutTimeZone(s, allowTimeZone).
func stringToTimestampNTZ(s []byte, allowTimeZone bool) (int64, bool) {
	p, ok := parseTimestampString(s)
	if !ok || p.justTime || (!allowTimeZone && p.hasZone) {
		return 0, false
	}
	return p.localMicros()
}

// offsetAt is the zone's UTC offset in seconds at an instant.
func offsetAt(loc *time.Location, sec int64) int64 {
	if loc == time.UTC {
		return 0
	}
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return int64(off)
}

// localToInstant maps local microseconds to an instant as ZonedDateTime.of does: in an
// overlap the earlier offset, in a gap the time moved forward by the gap's length.
func localToInstant(local int64, loc *time.Location) (int64, bool) {
	if loc == time.UTC {
		return local, true
	}
	sec := local / 1e6
	if local%1e6 < 0 {
		sec--
	}
	before := offsetAt(loc, sec-86400)
	after := offsetAt(loc, sec+86400)
	off := before
	if offsetAt(loc, sec-before) != before {
		if offsetAt(loc, sec-after) == after {
			off = after
		}
	}
	r := local - off*1e6
	if (off > 0 && r > local) || (off < 0 && r < local) {
		return 0, false
	}
	return r, true
}

// ---- zones ----

var (
	singleHourTz   = regexp.MustCompile(`(\+|\-)(\d):`)
	singleMinuteTz = regexp.MustCompile(`(\+|\-)(\d\d):(\d)$`)
	regionID       = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9~/._+-]+$`)
	zoneCache      sync.Map
)

// shortIDs is java.time.ZoneId.SHORT_IDS.
var shortIDs = map[string]string{
	"ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo", "BST": "Asia/Dhaka",
	"CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago", "CTT": "Asia/Shanghai",
	"EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis",
	"IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
	"NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
	"PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
	"EST": "-05:00", "MST": "-07:00", "HST": "-10:00",
}

// zoneByID is Spark's getZoneId: ZoneId.of(id, SHORT_IDS) after widening "+h:" and ":m".
func zoneByID(id string) (*time.Location, bool) {
	if v, ok := zoneCache.Load(id); ok {
		loc, _ := v.(*time.Location)
		return loc, loc != nil
	}
	loc := lookupZone(id)
	zoneCache.Store(id, loc)
	return loc, loc != nil
}

func lookupZone(id string) *time.Location {
	id = singleHourTz.ReplaceAllString(id, "${1}0${2}:")
	id = singleMinuteTz.ReplaceAllString(id, "${1}${2}:0${3}")
	if v, ok := shortIDs[id]; ok {
		id = v
	}
	switch {
	case id == "Z":
		return time.UTC
	case strings.HasPrefix(id, "+") || strings.HasPrefix(id, "-"):
		off, ok := parseOffset(id)
		if !ok {
			return nil
		}
		return fixedZone(id, off)
	case id == "UTC" || id == "GMT" || id == "UT":
		return fixedZone(id, 0)
	}
	for _, prefix := range []string{"UTC", "GMT", "UT"} {
		if strings.HasPrefix(id, prefix) && len(id) > len(prefix) && (id[len(prefix)] == '+' || id[len(prefix)] == '-') {
			off, ok := parseOffset(id[len(prefix):])
			if !ok {
				return nil
			}
			return fixedZone(id, off)
		}
	}
	if !regionID.MatchString(id) || id == "Local" {
		return nil
	}
	loc, err := time.LoadLocation(id)
	if err != nil {
		return nil
	}
	return loc
}

func fixedZone(name string, off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone(name, off)
}

// parseOffset is ZoneOffset.of: +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss (or -), at most
// 18 hours.
func parseOffset(s string) (int, bool) {
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	neg := s[0] == '-'
	body := s[1:]
	num := func(x string) (int, bool) {
		if len(x) != 2 || x[0] < '0' || x[0] > '9' || x[1] < '0' || x[1] > '9' {
			return 0, false
		}
		return int(x[0]-'0')*10 + int(x[1]-'0'), true
	}
	var h, m, sec int
	var ok bool
	switch len(body) {
	case 1:
		if body[0] < '0' || body[0] > '9' {
			return 0, false
		}
		h, ok = int(body[0]-'0'), true
	case 2:
		h, ok = num(body)
	case 4:
		h, ok = num(body[:2])
		if ok {
			m, ok = num(body[2:])
		}
	case 5:
		if body[2] != ':' {
			return 0, false
		}
		h, ok = num(body[:2])
		if ok {
			m, ok = num(body[3:])
		}
	case 6:
		h, ok = num(body[:2])
		if ok {
			m, ok = num(body[2:4])
		}
		if ok {
			sec, ok = num(body[4:])
		}
	case 8:
		if body[2] != ':' || body[5] != ':' {
			return 0, false
		}
		h, ok = num(body[:2])
		if ok {
			m, ok = num(body[3:5])
		}
		if ok {
			sec, ok = num(body[6:])
		}
	default:
		return 0, false
	}
	if !ok || h > 18 || m > 59 || sec > 59 || (h == 18 && (m > 0 || sec > 0)) {
		return 0, false
	}
	off := h*3600 + m*60 + sec
	if neg {
		off = -off
	}
	return off, true
}
