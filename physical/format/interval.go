package format

import (
	"math"
	"strconv"

	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/types"
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

// YearMonthField is a field of Spark's YearMonthIntervalType; the values
// match Spark's byte encoding (YEAR = 0, MONTH = 1).
type YearMonthField int8

// Year-month interval fields.
const (
	FieldYear YearMonthField = iota
	FieldMonth
)

// AppendDayTimeInterval appends a DayTimeIntervalType(start, end) value of micros
// microseconds in Spark's ANSI style, e.g. "INTERVAL '1 02:03:04.5' DAY TO SECOND".
func AppendDayTimeInterval(dst []byte, micros int64, start, end DayTimeField) []byte {
	return interval.AppendDayTime(dst, micros, dayTimeField(start), dayTimeField(end))
}

func dayTimeField(f DayTimeField) types.DayTimeField {
	if f < FieldDay {
		return types.Day
	}
	return types.DayTimeField(f)
}

// AppendYearMonthInterval appends a YearMonthIntervalType(start, end) value of months
// months in Spark's ANSI style: "INTERVAL '1-2' YEAR TO MONTH", "INTERVAL '-1' YEAR".
func AppendYearMonthInterval(dst []byte, months int32, start, end YearMonthField) []byte {
	return interval.AppendYearMonth(dst, months, types.YearMonthField(start), types.YearMonthField(end))
}

// AppendCalendarInterval appends Spark's CalendarInterval text, e.g.
// "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds".
func AppendCalendarInterval(dst []byte, months, days int32, micros int64) []byte {
	return interval.AppendCalendar(dst, months, days, micros)
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

func appendPad2Int64(dst []byte, v int64) []byte {
	if v >= 0 && v < 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, v, 10)
}
