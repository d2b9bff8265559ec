package format

import (
	"strconv"
	"time"
)

const (
	microsPerSecond = int64(1_000_000)
	microsPerMinute = 60 * microsPerSecond
	microsPerHour   = 60 * microsPerMinute
	microsPerDay    = 24 * microsPerHour
	secondsPerDay   = int64(86_400)
)

// AppendDate appends the date that lies days after 1970-01-01 in the
// proleptic Gregorian calendar as Spark prints a DATE: "yyyy-MM-dd", where
// years beyond 9999 carry a leading '+' and years before 0001 a leading '-'
// (year 0 is 1 BC), e.g. "+10000-01-01", "-0099-01-01".
func AppendDate(dst []byte, days int64) []byte {
	t := time.Unix(days*secondsPerDay, 0).UTC()
	y, m, d := t.Date()
	dst = appendYear(dst, y)
	dst = append(dst, '-')
	dst = appendPad2(dst, int(m))
	dst = append(dst, '-')
	return appendPad2(dst, d)
}

// AppendTimestamp appends the instant micros microseconds after the Unix
// epoch, seen as local time in loc (UTC when nil), the way Spark prints
// TIMESTAMP values: "yyyy-MM-dd HH:mm:ss" followed, when the second has a
// non-zero fraction, by '.' and the fraction without trailing zeros.
// TIMESTAMP_NTZ values are printed with loc = time.UTC.
func AppendTimestamp(dst []byte, micros int64, loc *time.Location) []byte {
	if loc == nil {
		loc = time.UTC
	}
	t := time.UnixMicro(micros).In(loc)
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	dst = appendYear(dst, y)
	dst = append(dst, '-')
	dst = appendPad2(dst, int(m))
	dst = append(dst, '-')
	dst = appendPad2(dst, d)
	dst = append(dst, ' ')
	dst = appendPad2(dst, hh)
	dst = append(dst, ':')
	dst = appendPad2(dst, mm)
	dst = append(dst, ':')
	dst = appendPad2(dst, ss)
	return appendFraction(dst, int64(t.Nanosecond()), 9)
}

// appendFraction appends '.' and the width-digit fraction frac with trailing
// zeros removed; nothing when frac is zero.
func appendFraction(dst []byte, frac int64, width int) []byte {
	if frac == 0 {
		return dst
	}
	for frac%10 == 0 {
		frac /= 10
		width--
	}
	dst = append(dst, '.')
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], frac, 10)
	for k := len(s); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// appendYear follows java.time's ISO year printing: at least four digits,
// a '-' for negative years and a '+' once the value needs more than four.
func appendYear(dst []byte, y int) []byte {
	switch {
	case y > 9999:
		dst = append(dst, '+')
		return strconv.AppendInt(dst, int64(y), 10)
	case y < 0:
		dst = append(dst, '-')
		y = -y
	}
	switch {
	case y < 10:
		dst = append(dst, '0', '0', '0')
	case y < 100:
		dst = append(dst, '0', '0')
	case y < 1000:
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, int64(y), 10)
}

// appendPad2 appends v with at least two digits (like Java's %02d).
func appendPad2(dst []byte, v int) []byte {
	if v >= 0 && v < 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, int64(v), 10)
}

// floorDiv is Java's Math.floorDiv for int64.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
