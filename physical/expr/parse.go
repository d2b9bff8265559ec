package expr

import (
	"math"
	"math/big"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/sailgo/sail/sql/textdata"
)

// The string parsers of Spark's casts, as pure functions over bytes. They follow Spark's
// UTF8String.toLong/toInt, java.lang.Double.parseDouble, java.math.BigDecimal(String),
// SparkDateTimeUtils.stringToDate/parseTimestampString, StringUtils.isTrueString and
// ZoneId.of, rule for rule.

// isSpaceOrControl is UTF8String.isWhitespaceOrISOControl applied to a (signed) byte: ASCII
// whitespace and control characters, never a byte of a multi-byte character.
func isSpaceOrControl(b byte) bool { return b <= ' ' || b == 0x7f }

// trimAll is UTF8String.trimAll.
func trimAll(s []byte) []byte {
	i, j := 0, len(s)
	for i < j && isSpaceOrControl(s[i]) {
		i++
	}
	for j > i && isSpaceOrControl(s[j-1]) {
		j--
	}
	return s[i:j]
}

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

// Days and civil dates in the proleptic Gregorian calendar.

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

// daysFromCivil is the number of days from 1970-01-01 to y-m-d.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDivI(y, 400)
	yoe := y - era*400
	mp := (int64(m) + 9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := floorDivI(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDivI(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// parseDate is SparkDateTimeUtils.stringToDate: [+-]yyyy*[-[m]m[-[d]d]] followed, after the
// day, by ' ' or 'T' and anything. It returns days since the epoch.
func parseDate(s []byte) (int32, bool) {
	s = trimAll(s)
	if len(s) == 0 {
		return 0, false
	}
	valid := func(seg, digits int) bool {
		return (seg == 0 && digits >= 4 && digits <= 7) || (seg != 0 && digits > 0 && digits <= 2)
	}
	segs := [3]int64{1, 1, 1}
	sign := int64(1)
	j := 0
	if s[0] == '-' || s[0] == '+' {
		if s[0] == '-' {
			sign = -1
		}
		j++
	}
	i, cur, nd := 0, int64(0), 0
	for j < len(s) && i < 3 && !(s[j] == ' ' || s[j] == 'T') {
		b := s[j]
		if i < 2 && b == '-' {
			if !valid(i, nd) {
				return 0, false
			}
			segs[i] = cur
			cur, nd = 0, 0
			i++
		} else {
			if b < '0' || b > '9' {
				return 0, false
			}
			cur = cur*10 + int64(b-'0')
			nd++
		}
		j++
	}
	if !valid(i, nd) {
		return 0, false
	}
	if i < 2 && j < len(s) {
		return 0, false
	}
	segs[i] = cur
	y, m, d := sign*segs[0], segs[1], segs[2]
	if m < 1 || m > 12 || d < 1 || d > int64(daysInMonth(y, int(m))) {
		return 0, false
	}
	days := daysFromCivil(y, int(m), int(d))
	if days < math.MinInt32 || days > math.MaxInt32 {
		return 0, false
	}
	return int32(days), true
}

// tsParts are the fields parseTimestampString extracts.
type tsParts struct {
	year           int64
	month, day     int
	hour, min, sec int
	micros         int
	zone           string // the zone text after the time, untrimmed; "" when absent
	hasZone        bool
	justTime       bool
}

// parseTimestampParts is SparkDateTimeUtils.parseTimestampString without the zone lookup.
func parseTimestampParts(s []byte) (tsParts, bool) {
	var p tsParts
	// Spark tests "j == 0" on the untrimmed bytes: a leading 'T' counts only without
	// leading whitespace.
	leading := len(s) > 0 && !isSpaceOrControl(s[0])
	s = trimAll(s)
	if len(s) == 0 {
		return p, false
	}
	valid := func(seg, digits int) bool {
		return seg == 6 || (seg == 0 && digits >= 4 && digits <= 6) ||
			(seg == 7 && digits <= 2) ||
			(seg != 0 && seg != 6 && seg != 7 && digits > 0 && digits <= 2)
	}
	segs := [9]int64{1, 1, 1, 0, 0, 0, 0, 0, 0}
	i, cur, nd := 0, int64(0), 0
	digitsMilli := 0
	yearSign := int64(0)
	j := 0
	if s[0] == '-' || s[0] == '+' {
		yearSign = 1
		if s[0] == '-' {
			yearSign = -1
		}
		j++
	}
	for j < len(s) {
		b := s[j]
		if b < '0' || b > '9' {
			switch {
			case j == 0 && leading && b == 'T':
				p.justTime = true
				i += 3
			case i < 2:
				if b == '-' {
					if !valid(i, nd) {
						return p, false
					}
					segs[i] = cur
					cur, nd = 0, 0
					i++
				} else if i == 0 && b == ':' && yearSign == 0 {
					p.justTime = true
					if !valid(3, nd) {
						return p, false
					}
					segs[3] = cur
					cur, nd = 0, 0
					i = 4
				} else {
					return p, false
				}
			case i == 2:
				if b != ' ' && b != 'T' {
					return p, false
				}
				if !valid(i, nd) {
					return p, false
				}
				segs[i] = cur
				cur, nd = 0, 0
				i++
			case i == 3 || i == 4:
				if b != ':' {
					return p, false
				}
				if !valid(i, nd) {
					return p, false
				}
				segs[i] = cur
				cur, nd = 0, 0
				i++
			case i == 5 || i == 6:
				if b == '.' && i == 5 {
					if !valid(i, nd) {
						return p, false
					}
					segs[i] = cur
					cur, nd = 0, 0
					i++
				} else {
					if !valid(i, nd) {
						return p, false
					}
					segs[i] = cur
					cur, nd = 0, 0
					i++
					p.zone, p.hasZone = string(s[j:]), true
					j = len(s) - 1
				}
				if i == 6 && b != '.' {
					i++
				}
			default:
				if i < len(segs) && (b == ':' || b == ' ') {
					if !valid(i, nd) {
						return p, false
					}
					segs[i] = cur
					cur, nd = 0, 0
					i++
				} else {
					return p, false
				}
			}
		} else {
			if i == 6 {
				digitsMilli++
			}
			if i != 6 || nd < 6 {
				cur = cur*10 + int64(b-'0')
				if cur > math.MaxInt32 {
					// Spark accumulates in an Int; such values are rejected by the range
					// checks below anyway (more digits than any segment allows).
					return p, false
				}
			}
			nd++
		}
		j++
	}
	if i >= len(segs) || !valid(i, nd) {
		return p, false
	}
	segs[i] = cur
	for digitsMilli < 6 {
		segs[6] *= 10
		digitsMilli++
	}
	if yearSign != 0 {
		segs[0] *= yearSign
	}
	p.year, p.month, p.day = segs[0], int(segs[1]), int(segs[2])
	p.hour, p.min, p.sec, p.micros = int(segs[3]), int(segs[4]), int(segs[5]), int(segs[6])
	if p.hour > 23 || p.min > 59 || p.sec > 59 {
		return p, false
	}
	if !p.justTime && (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) {
		return p, false
	}
	return p, true
}

// localMicros is the wall-clock time as microseconds since 1970-01-01 00:00 (UTC rules).
func (p tsParts) localMicros() (int64, bool) {
	days := daysFromCivil(p.year, p.month, p.day)
	sec := days*86400 + int64(p.hour*3600+p.min*60+p.sec)
	return secMicros(sec, int64(p.micros))
}

// secMicros is sec × 10^6 + us, reporting overflow.
func secMicros(sec, us int64) (int64, bool) {
	if sec > math.MaxInt64/1_000_000 || sec < math.MinInt64/1_000_000 {
		return 0, false
	}
	v := sec * 1_000_000
	r := v + us
	if (us > 0 && r < v) || (us < 0 && r > v) {
		return 0, false
	}
	return r, true
}

// parseTimestamp is stringToTimestamp: the instant, in microseconds, of the string read in
// its own zone or else loc.
func parseTimestamp(s []byte, loc *time.Location) (int64, bool) {
	p, ok := parseTimestampParts(s)
	if !ok {
		return 0, false
	}
	if p.hasZone {
		z, ok := zoneByID(strings.TrimSpace(p.zone))
		if !ok {
			return 0, false
		}
		loc = z
	}
	if p.justTime {
		y, m, d := time.Now().In(loc).Date()
		p.year, p.month, p.day = int64(y), int(m), d
	}
	local, ok := p.localMicros()
	if !ok {
		return 0, false
	}
	return localToInstant(local, loc)
}

// parseTimestampNTZ is stringToTimestampWithoutTimeZone(s, allowTimeZone = true): a zone is
// ignored (but must be valid); a time without a date is rejected.
func parseTimestampNTZ(s []byte) (int64, bool) {
	p, ok := parseTimestampParts(s)
	if !ok || p.justTime {
		return 0, false
	}
	if p.hasZone {
		if _, ok := zoneByID(strings.TrimSpace(p.zone)); !ok {
			return 0, false
		}
	}
	return p.localMicros()
}

// Time zones.

func sessionZone(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// offsetAt is the UTC offset of loc, in seconds, at the instant sec.
func offsetAt(loc *time.Location, sec int64) int64 {
	if loc == time.UTC {
		return 0
	}
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return int64(off)
}

// localToInstant converts a wall-clock time (microseconds) in loc to an instant, resolving
// gaps and overlaps like java.time's ZonedDateTime.of: a time in a gap moves forward by the
// gap's length, an ambiguous time takes the earlier offset.
func localToInstant(local int64, loc *time.Location) (int64, bool) {
	if loc == time.UTC {
		return local, true
	}
	sec := floorDivI(local, 1_000_000)
	frac := local - sec*1_000_000
	const window = 18 * 3600
	early, late := offsetAt(loc, sec-window), offsetAt(loc, sec+window)
	off := early
	if early != late {
		validE := offsetAt(loc, sec-early) == early
		validL := offsetAt(loc, sec-late) == late
		if validL && !validE {
			off = late
		}
	}
	return secMicros(sec-off, frac)
}

// instantToLocal is the wall-clock time in loc of an instant (both in microseconds).
func instantToLocal(us int64, loc *time.Location) int64 {
	if loc == time.UTC {
		return us
	}
	return us + offsetAt(loc, floorDivI(us, 1_000_000))*1_000_000
}

// shortIDs is java.time.ZoneId.SHORT_IDS.
var shortIDs = map[string]string{
	"ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo",
	"BST": "Asia/Dhaka", "CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago",
	"CTT": "Asia/Shanghai", "EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris",
	"IET": "America/Indiana/Indianapolis", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo",
	"MIT": "Pacific/Apia", "NET": "Asia/Yerevan", "NST": "Pacific/Auckland", "PLT": "Asia/Karachi",
	"PNT": "America/Phoenix", "PRT": "America/Puerto_Rico", "PST": "America/Los_Angeles",
	"SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh", "EST": "-05:00", "MST": "-07:00",
	"HST": "-10:00",
}

var (
	singleHourTz   = regexp.MustCompile(`(\+|\-)(\d):`)
	singleMinuteTz = regexp.MustCompile(`(\+|\-)(\d\d):(\d)$`)
	regionID       = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9~/._+-]+$`)
	zoneCache      sync.Map // string -> *time.Location or nil
)

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
	if m := singleHourTz.FindStringSubmatchIndex(id); m != nil {
		id = id[:m[0]] + id[m[2]:m[3]] + "0" + id[m[4]:m[5]] + ":" + id[m[1]:]
	}
	if m := singleMinuteTz.FindStringSubmatchIndex(id); m != nil {
		id = id[:m[0]] + id[m[2]:m[3]] + id[m[4]:m[5]] + ":0" + id[m[6]:m[7]]
	}
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
	if off == 0 && (name == "Z" || name == "UTC") {
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
	num := func(t string) (int, bool) {
		if len(t) != 2 || t[0] < '0' || t[0] > '9' || t[1] < '0' || t[1] > '9' {
			return 0, false
		}
		return int(t[0]-'0')*10 + int(t[1]-'0'), true
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
		if h, ok = num(body[:2]); ok {
			m, ok = num(body[2:])
		}
	case 5:
		if body[2] != ':' {
			return 0, false
		}
		if h, ok = num(body[:2]); ok {
			m, ok = num(body[3:])
		}
	case 6:
		if h, ok = num(body[:2]); ok {
			if m, ok = num(body[2:4]); ok {
				sec, ok = num(body[4:])
			}
		}
	case 8:
		if body[2] != ':' || body[5] != ':' {
			return 0, false
		}
		if h, ok = num(body[:2]); ok {
			if m, ok = num(body[3:5]); ok {
				sec, ok = num(body[6:])
			}
		}
	}
	if !ok || h > 18 || m > 59 || sec > 59 {
		return 0, false
	}
	total := h*3600 + m*60 + sec
	if total > 18*3600 {
		return 0, false
	}
	if neg {
		total = -total
	}
	return total, true
}
