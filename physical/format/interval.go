package format

import (
	"math"
	"strconv"
)

// DayTimeField is a field of Spark's DayTimeIntervalType; the values match
// Spark's byte encoding (DAY = 0 … SECOND = 3).
type DayTimeField int8

// Day-time interval fields.
const (
	FieldDay DayTimeField = iota
	FieldHour
	FieldMinute
	FieldSecond
)

func (f DayTimeField) name() string {
	switch f {
	case FieldDay:
		return "DAY"
	case FieldHour:
		return "HOUR"
	case FieldMinute:
		return "MINUTE"
	default:
		return "SECOND"
	}
}

// YearMonthField is a field of Spark's YearMonthIntervalType; the values
// match Spark's byte encoding (YEAR = 0, MONTH = 1).
type YearMonthField int8

// Year-month interval fields.
const (
	FieldYear YearMonthField = iota
	FieldMonth
)

// AppendDayTimeInterval appends a DayTimeIntervalType(start, end) value of
// micros microseconds in Spark's ANSI style, for example
// "INTERVAL '1 02:03:04.5' DAY TO SECOND" or "INTERVAL '-00:00.000001'
// MINUTE TO SECOND". The leading field is not bounded; the fraction of
// seconds has its trailing zeros removed.
func AppendDayTimeInterval(dst []byte, micros int64, start, end DayTimeField) []byte {
	start, end = clampDayTime(start), clampDayTime(end)
	if end < start {
		end = start
	}
	dst = append(dst, "INTERVAL '"...)
	if micros == math.MinInt64 {
		// -micros overflows; Spark spells this value out.
		switch start {
		case FieldDay:
			dst = append(dst, "-106751991"...)
		case FieldHour:
			dst = append(dst, "-2562047788"...)
		case FieldMinute:
			dst = append(dst, "-153722867280"...)
		default:
			dst = append(dst, "-9223372036854.775808"...)
		}
		if start != end {
			const rest = "-106751991 04:00:54.775808"
			from := [...]int{FieldDay: 10, FieldHour: 13, FieldMinute: 16}[start]
			to := [...]int{FieldHour: 13, FieldMinute: 16, FieldSecond: 26}[end]
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
	case FieldDay:
		dst = strconv.AppendInt(dst, rest/microsPerDay, 10)
		rest %= microsPerDay
	case FieldHour:
		dst = appendPad2Int64(dst, rest/microsPerHour)
		rest %= microsPerHour
	case FieldMinute:
		dst = appendPad2Int64(dst, rest/microsPerMinute)
		rest %= microsPerMinute
	default:
		dst = appendIntervalSeconds(dst, rest)
	}
	if start < FieldHour && FieldHour <= end {
		dst = append(dst, ' ')
		dst = appendPad2Int64(dst, rest/microsPerHour)
		rest %= microsPerHour
	}
	if start < FieldMinute && FieldMinute <= end {
		dst = append(dst, ':')
		dst = appendPad2Int64(dst, rest/microsPerMinute)
		rest %= microsPerMinute
	}
	if start < FieldSecond && FieldSecond <= end {
		dst = append(dst, ':')
		dst = appendIntervalSeconds(dst, rest)
	}
	return appendDayTimeSuffix(dst, start, end)
}

func clampDayTime(f DayTimeField) DayTimeField {
	if f < FieldDay {
		return FieldDay
	}
	if f > FieldSecond {
		return FieldSecond
	}
	return f
}

func appendDayTimeSuffix(dst []byte, start, end DayTimeField) []byte {
	dst = append(dst, "' "...)
	dst = append(dst, start.name()...)
	if start != end {
		dst = append(dst, " TO "...)
		dst = append(dst, end.name()...)
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

// AppendYearMonthInterval appends a YearMonthIntervalType(start, end) value
// of months months in Spark's ANSI style: "INTERVAL '1-2' YEAR TO MONTH",
// "INTERVAL '-1' YEAR" or "INTERVAL '14' MONTH".
func AppendYearMonthInterval(dst []byte, months int32, start, end YearMonthField) []byte {
	abs := int64(months)
	neg := abs < 0
	if neg {
		abs = -abs
	}
	dst = append(dst, "INTERVAL '"...)
	if start == end && start == FieldMonth {
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

// AppendCalendarInterval appends Spark's CalendarInterval text, e.g.
// "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds"; every non-zero
// unit appears with its own sign and a plural unit name, and an all-zero
// interval is "0 seconds".
func AppendCalendarInterval(dst []byte, months, days int32, micros int64) []byte {
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

// appendHiveYearMonthInterval appends months the way HiveResult prints a
// year-month interval (HIVE_STYLE, whatever its fields): "1-2", "-1-2",
// "0-0".
func appendHiveYearMonthInterval(dst []byte, months int32) []byte {
	abs := int64(months)
	if abs < 0 {
		dst = append(dst, '-')
		abs = -abs
	}
	dst = strconv.AppendInt(dst, abs/12, 10)
	dst = append(dst, '-')
	return strconv.AppendInt(dst, abs%12, 10)
}

// appendHiveDayTimeInterval appends micros the way HiveResult prints a
// day-time interval (HIVE_STYLE, whatever its fields): sign, days, then
// "HH:mm:ss" and nine digits of nanoseconds, e.g. "-1 02:03:04.500000000".
func appendHiveDayTimeInterval(dst []byte, micros int64) []byte {
	if micros == math.MinInt64 {
		// -micros overflows; Spark spells this value out.
		return append(dst, "-106751991 04:00:54.775808000"...)
	}
	rest := micros
	if rest < 0 {
		dst = append(dst, '-')
		rest = -rest
	}
	dst = strconv.AppendInt(dst, rest/microsPerDay, 10)
	rest %= microsPerDay
	dst = append(dst, ' ')
	dst = appendPad2Int64(dst, rest/microsPerHour)
	rest %= microsPerHour
	dst = append(dst, ':')
	dst = appendPad2Int64(dst, rest/microsPerMinute)
	rest %= microsPerMinute
	dst = append(dst, ':')
	dst = appendPad2Int64(dst, rest/microsPerSecond)
	dst = append(dst, '.')
	nanos := rest % microsPerSecond * 1000
	var buf [9]byte
	for k := len(buf) - 1; k >= 0; k-- {
		buf[k] = byte('0' + nanos%10)
		nanos /= 10
	}
	return append(dst, buf[:]...)
}
