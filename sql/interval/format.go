package interval

import (
	"math"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/types"
)

const (
	microsPerSecond = int64(1_000_000)
	microsPerMinute = 60 * microsPerSecond
	microsPerHour   = 60 * microsPerMinute
	microsPerDay    = 24 * microsPerHour
)

// AppendDayTime appends a DayTimeIntervalType(start, end) value of
// micros microseconds in Spark's ANSI style, for example
// "INTERVAL '1 02:03:04.5' DAY TO SECOND" or "INTERVAL '-00:00.000001'
// MINUTE TO SECOND". The leading field is not bounded; the fraction of
// seconds has its trailing zeros removed.
func AppendDayTime(dst []byte, micros int64, start, end types.DayTimeField) []byte {
	start, end = clampDayTime(start), clampDayTime(end)
	if end < start {
		end = start
	}
	dst = append(dst, "INTERVAL '"...)
	if micros == math.MinInt64 {
		// -micros overflows; Spark spells this value out.
		switch start {
		case types.Day:
			dst = append(dst, "-106751991"...)
		case types.Hour:
			dst = append(dst, "-2562047788"...)
		case types.Minute:
			dst = append(dst, "-153722867280"...)
		default:
			dst = append(dst, "-9223372036854.775808"...)
		}
		if start != end {
			const rest = "-106751991 04:00:54.775808"
			from := [...]int{types.Day: 10, types.Hour: 13, types.Minute: 16}[start]
			to := [...]int{types.Hour: 13, types.Minute: 16, types.Second: 26}[end]
			dst = append(dst, rest[from:to]...)
		}
		return appendDayTimeSuffix(dst, start, end)
	}

	rest := micros
	if micros < 0 {
		dst = append(dst, '-')
		rest = -micros
	}
	switch start {
	case types.Day:
		dst = strconv.AppendInt(dst, rest/microsPerDay, 10)
		rest %= microsPerDay
	case types.Hour:
		dst = appendPad2Int64(dst, rest/microsPerHour)
		rest %= microsPerHour
	case types.Minute:
		dst = appendPad2Int64(dst, rest/microsPerMinute)
		rest %= microsPerMinute
	default:
		dst = appendIntervalSeconds(dst, rest)
	}
	if start < types.Hour && types.Hour <= end {
		dst = append(dst, ' ')
		dst = appendPad2Int64(dst, rest/microsPerHour)
		rest %= microsPerHour
	}
	if start < types.Minute && types.Minute <= end {
		dst = append(dst, ':')
		dst = appendPad2Int64(dst, rest/microsPerMinute)
		rest %= microsPerMinute
	}
	if start < types.Second && types.Second <= end {
		dst = append(dst, ':')
		dst = appendIntervalSeconds(dst, rest)
	}
	return appendDayTimeSuffix(dst, start, end)
}

func clampDayTime(f types.DayTimeField) types.DayTimeField {
	if f > types.Second {
		return types.Second
	}
	return f
}

func appendDayTimeSuffix(dst []byte, start, end types.DayTimeField) []byte {
	dst = append(dst, "' "...)
	dst = append(dst, strings.ToUpper(start.String())...)
	if start != end {
		dst = append(dst, " TO "...)
		dst = append(dst, strings.ToUpper(end.String())...)
	}
	return dst
}

// appendIntervalSeconds appends the non-negative micros as seconds with at
// least two integer digits and the fraction without trailing zeros.
func appendIntervalSeconds(dst []byte, micros int64) []byte {
	if micros < 10*microsPerSecond {
		dst = append(dst, '0')
	}
	dst = strconv.AppendInt(dst, micros/microsPerSecond, 10)
	return appendFraction(dst, micros%microsPerSecond, 6)
}

func appendPad2Int64(dst []byte, v int64) []byte {
	if v >= 0 && v < 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, v, 10)
}

// AppendYearMonth appends a YearMonthIntervalType(start, end) value
// of months months in Spark's ANSI style: "INTERVAL '1-2' YEAR TO MONTH",
// "INTERVAL '-1' YEAR" or "INTERVAL '14' MONTH".
func AppendYearMonth(dst []byte, months int32, start, end types.YearMonthField) []byte {
	abs := int64(months)
	neg := abs < 0
	if neg {
		abs = -abs
	}
	dst = append(dst, "INTERVAL '"...)
	if start == end && start == types.Month {
		dst = strconv.AppendInt(dst, int64(months), 10)
		return append(dst, "' MONTH"...)
	}
	if neg {
		dst = append(dst, '-')
	}
	dst = strconv.AppendInt(dst, abs/12, 10)
	if start == end {
		return append(dst, "' YEAR"...)
	}
	dst = append(dst, '-')
	dst = strconv.AppendInt(dst, abs%12, 10)
	return append(dst, "' YEAR TO MONTH"...)
}

// AppendCalendar appends Spark's CalendarInterval text, e.g.
// "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds"; every non-zero
// unit appears with its own sign and a plural unit name, and an all-zero
// interval is "0 seconds".
func AppendCalendar(dst []byte, months, days int32, micros int64) []byte {
	if months == 0 && days == 0 && micros == 0 {
		return append(dst, "0 seconds"...)
	}
	start := len(dst)
	unit := func(v int64, name string) {
		if v != 0 {
			dst = strconv.AppendInt(dst, v, 10)
			dst = append(dst, ' ')
			dst = append(dst, name...)
			dst = append(dst, ' ')
		}
	}
	if months != 0 {
		unit(int64(months/12), "years")
		unit(int64(months%12), "months")
	}
	unit(int64(days), "days")
	if micros != 0 {
		rest := micros
		unit(rest/microsPerHour, "hours")
		rest %= microsPerHour
		unit(rest/microsPerMinute, "minutes")
		rest %= microsPerMinute
		if rest != 0 {
			if rest < 0 {
				dst = append(dst, '-')
				rest = -rest
			}
			dst = strconv.AppendInt(dst, rest/microsPerSecond, 10)
			dst = appendFraction(dst, rest%microsPerSecond, 6)
			dst = append(dst, " seconds "...)
		}
	}
	if len(dst) > start {
		dst = dst[:len(dst)-1] // the trailing space
	}
	return dst
}

// appendFraction appends '.' and the width-digit fraction frac with trailing zeros
// removed; nothing when frac is zero.
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
