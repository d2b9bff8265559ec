package astlower

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// sparkDatetimeText is how Spark names a DATE or TIMESTAMP literal without a time zone:
// the value SparkDateTimeUtils.stringToDate / parseTimestampString read from the text,
// printed back ("2019-1-1" is 2019-01-01, "0015" is 0015-01-01, "99999-03-18T12:03:17" is
// +99999-03-18 12:03:17, "-000001" is -0001-01-01 00:00:00). ok is false for the forms it
// does not read (a time zone, a time without a date, invalid text), which keep their text.
func sparkDatetimeText(t types.DataType, s string) (string, bool) {
	_, isDate := t.(types.DateType)
	f, zone, ok := parseDatetimeText(s, isDate)
	if !ok || zone != "" {
		return "", false
	}
	return f.text(isDate), true
}

// datetimeText is a literal's date and time fields.
type datetimeText struct {
	y, m, d, h, mi, sec int64
	frac                string // up to 6 digits, trailing zeros trimmed
}

func (f datetimeText) text(isDate bool) string {
	date := yearText(f.y) + "-" + pad2(f.m) + "-" + pad2(f.d)
	if isDate {
		return date
	}
	text := date + " " + pad2(f.h) + ":" + pad2(f.mi) + ":" + pad2(f.sec)
	if f.frac != "" {
		text += "." + f.frac
	}
	return text
}

// parseDatetimeText reads a date ([+-]yyyy*[-[m]m[-[d]d]], anything after a space or T
// ignored for a date) or a timestamp (the date, then [h]h:[m]m[:[s]s[.fraction]]), and for
// a timestamp the time zone text after it (zone, "" when none).
func parseDatetimeText(s string, isDate bool) (f datetimeText, zone string, ok bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f })
	p := 0
	neg := false
	if p < len(s) && (s[p] == '+' || s[p] == '-') {
		neg = s[p] == '-'
		p++
	}
	// The date: [+-]yyyy*[-[m]m[-[d]d]].
	seg := [3]int64{0, 1, 1}
	i := 0
	for i < 3 {
		start := p
		for p < len(s) && s[p] >= '0' && s[p] <= '9' {
			p++
		}
		n := p - start
		if (i == 0 && (n < 4 || n > 7)) || (i > 0 && (n < 1 || n > 2)) {
			return f, "", false
		}
		seg[i], _ = strconv.ParseInt(s[start:p], 10, 64)
		i++
		if p < len(s) && s[p] == '-' && i < 3 {
			p++
			continue
		}
		break
	}
	if neg {
		seg[0] = -seg[0]
	}
	y, m, d := seg[0], seg[1], seg[2]
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return f, "", false
	}
	f = datetimeText{y: y, m: m, d: d}
	if p == len(s) {
		return f, "", true
	}
	if i < 3 || (s[p] != ' ' && s[p] != 'T') {
		return f, "", false
	}
	if isDate {
		return f, "", true // the rest after the day is ignored
	}
	// The time: [h]h:[m]m[:[s]s[.fraction]], then the zone.
	p++
	var hms [3]int64
	for k := 0; k < 3; k++ {
		start := p
		for p < len(s) && s[p] >= '0' && s[p] <= '9' {
			p++
		}
		if p-start < 1 || p-start > 2 {
			return f, "", false
		}
		hms[k], _ = strconv.ParseInt(s[start:p], 10, 64)
		if k < 2 && p < len(s) && s[p] == ':' {
			p++
			continue
		}
		if k == 0 {
			return f, "", false
		}
		break
	}
	frac := ""
	if p < len(s) && s[p] == '.' {
		start := p + 1
		p = start
		for p < len(s) && s[p] >= '0' && s[p] <= '9' {
			p++
		}
		frac = s[start:p]
	}
	if hms[0] > 23 || hms[1] > 59 || hms[2] > 59 {
		return f, "", false
	}
	if len(frac) > 6 {
		frac = frac[:6]
	}
	f.h, f.mi, f.sec, f.frac = hms[0], hms[1], hms[2], strings.TrimRight(frac, "0")
	return f, strings.TrimSpace(s[p:]), true
}

// zonedTimestampText names a TIMESTAMP literal that carries a time zone as Spark does: the
// instant printed in the session's zone ("2020-12-01 14:30:08Z" is 2020-12-01 06:30:08 in
// America/Los_Angeles). ok is false when the text has no zone or does not parse.
func zonedTimestampText(s string, session *time.Location) (string, bool) {
	f, zone, ok := parseDatetimeText(s, false)
	if !ok || zone == "" || session == nil {
		return "", false
	}
	loc, ok := sqlconf.TimeZoneLocation(zone)
	if !ok {
		return "", false
	}
	ns, _ := strconv.ParseInt((f.frac + "000000")[:6], 10, 64)
	t := time.Date(int(f.y), time.Month(f.m), int(f.d), int(f.h), int(f.mi), int(f.sec), int(ns)*1000, loc).In(session)
	out := datetimeText{y: int64(t.Year()), m: int64(t.Month()), d: int64(t.Day()), h: int64(t.Hour()), mi: int64(t.Minute()),
		sec: int64(t.Second()), frac: strings.TrimRight(strconv.FormatInt(int64(t.Nanosecond()/1000)+1_000_000, 10)[1:], "0")}
	return out.text(false), true
}

// yearText is a year as java.time prints it: four digits at least, a sign beyond 9999 and
// before year 0.
func yearText(y int64) string {
	switch {
	case y > 9999:
		return "+" + strconv.FormatInt(y, 10)
	case y < 0:
		return "-" + pad4(-y)
	}
	return pad4(y)
}

func pad2(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}

func pad4(v int64) string {
	s := strconv.FormatInt(v, 10)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func daysIn(y, m int64) int64 {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
