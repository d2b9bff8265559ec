package datetime

import (
	"math"
	"strings"
	"time"
)

// IsSpaceOrControl is UTF8String.isWhitespaceOrISOControl applied to a (signed) byte: ASCII
// whitespace and control characters, never a byte of a multi-byte character.
func IsSpaceOrControl(b byte) bool { return b <= ' ' || b == 0x7f }

// TrimAll is UTF8String.trimAll.
func TrimAll(s []byte) []byte {
	i, j := 0, len(s)
	for i < j && IsSpaceOrControl(s[i]) {
		i++
	}
	for j > i && IsSpaceOrControl(s[j-1]) {
		j--
	}
	return s[i:j]
}

// StringToDate is SparkDateTimeUtils.stringToDate: [+-]yyyy*[-[m]m[-[d]d]] followed, after the
// day, by ' ' or 'T' and anything. It returns days since the epoch.
func StringToDate(s []byte) (int32, bool) {
	s = TrimAll(s)
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
	if m < 1 || m > 12 || d < 1 || d > int64(DaysInMonth(y, int(m))) {
		return 0, false
	}
	days := DaysFromCivil(y, int(m), int(d))
	if days < math.MinInt32 || days > math.MaxInt32 {
		return 0, false
	}
	return int32(days), true
}

// TimestampParts are the fields parseTimestampString extracts.
type TimestampParts struct {
	Year           int64
	Month, Day     int
	Hour, Min, Sec int
	Micros         int
	Zone           string // the zone text after the time, untrimmed; "" when absent
	HasZone        bool
	JustTime       bool
}

// ParseTimestampParts is SparkDateTimeUtils.parseTimestampString without the zone lookup.
func ParseTimestampParts(s []byte) (TimestampParts, bool) {
	var p TimestampParts
	// Spark tests "j == 0" on the untrimmed bytes: a leading 'T' counts only without
	// leading whitespace.
	leading := len(s) > 0 && !IsSpaceOrControl(s[0])
	s = TrimAll(s)
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
				p.JustTime = true
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
					p.JustTime = true
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
					p.Zone, p.HasZone = string(s[j:]), true
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
	p.Year, p.Month, p.Day = segs[0], int(segs[1]), int(segs[2])
	p.Hour, p.Min, p.Sec, p.Micros = int(segs[3]), int(segs[4]), int(segs[5]), int(segs[6])
	if p.Hour > 23 || p.Min > 59 || p.Sec > 59 {
		return p, false
	}
	if !p.JustTime && (p.Month < 1 || p.Month > 12 || p.Day < 1 || p.Day > DaysInMonth(p.Year, p.Month)) {
		return p, false
	}
	return p, true
}

// LocalMicros is the wall-clock time as microseconds since 1970-01-01 00:00 (UTC rules).
func (p TimestampParts) LocalMicros() (int64, bool) {
	days := DaysFromCivil(p.Year, p.Month, p.Day)
	sec := days*86400 + int64(p.Hour*3600+p.Min*60+p.Sec)
	return SecMicros(sec, int64(p.Micros))
}

// SecMicros is sec × 10^6 + us, reporting overflow.
func SecMicros(sec, us int64) (int64, bool) {
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

// StringToTimestamp is stringToTimestamp: the instant, in microseconds, of the string read in
// its own zone or else loc.
func StringToTimestamp(s []byte, loc *time.Location) (int64, bool) {
	p, ok := ParseTimestampParts(s)
	if !ok {
		return 0, false
	}
	if p.HasZone {
		z, ok := ZoneByID(strings.TrimSpace(p.Zone))
		if !ok {
			return 0, false
		}
		loc = z
	}
	if p.JustTime {
		y, m, d := time.Now().In(loc).Date()
		p.Year, p.Month, p.Day = int64(y), int(m), d
	}
	local, ok := p.LocalMicros()
	if !ok {
		return 0, false
	}
	return LocalToInstant(local, loc)
}

// StringToTimestampNTZ is stringToTimestampWithoutTimeZone: the wall-clock time of the
// string; a time without a date is rejected, and a zone (which must be valid) is ignored
// when allowTimeZone, rejected otherwise.
func StringToTimestampNTZ(s []byte, allowTimeZone bool) (int64, bool) {
	p, ok := ParseTimestampParts(s)
	if !ok || p.JustTime || p.HasZone && !allowTimeZone {
		return 0, false
	}
	if p.HasZone {
		if _, ok := ZoneByID(strings.TrimSpace(p.Zone)); !ok {
			return 0, false
		}
	}
	return p.LocalMicros()
}
