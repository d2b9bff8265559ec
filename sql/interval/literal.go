package interval

import (
	"math"
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Units lists the unit words of an interval string such as "1 day 2 hours", singular and
// lower case, skipping numbers and "interval": the words between Java's \s characters, as
// Spark collects them to type the literal.
func Units(s string) []string {
	var units []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\n\v\f\r", r) }) {
		w = strings.TrimSuffix(strings.ToLower(w), "s")
		if w == "" || w == "interval" {
			continue
		}
		letters := true
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				letters = false
				break
			}
		}
		if letters {
			units = append(units, w)
		}
	}
	return units
}

// MixesFields reports whether units (singular, lower case) name both year-month and
// day-time fields, which an ANSI interval literal cannot hold.
func MixesFields(units []string) bool {
	ym, dt := false, false
	for _, u := range units {
		if u == "year" || u == "month" {
			ym = true
		} else {
			dt = true
		}
	}
	return ym && dt
}

// ANSILiteral is the ANSI interval a multi-unit literal denotes (INTERVAL 1 DAY 2 HOURS,
// INTERVAL '3 years 1 month'): a year-month interval spanning the year-month units used
// (value: int32 months), or else a day-time interval spanning the day-time units (value:
// int64 microseconds; weeks count as days, milli- and microseconds as seconds). ok is false
// when the units mix both kinds or the duration overflows.
func ANSILiteral(c Calendar, units []string) (t types.DataType, value any, ok bool) {
	if MixesFields(units) {
		return nil, nil, false
	}
	if hasYear, hasMonth := hasUnit(units, "year"), hasUnit(units, "month"); hasYear || hasMonth {
		start, end := types.Month, types.Year
		if hasYear {
			start = types.Year
		}
		if hasMonth {
			end = types.Month
		}
		return types.YearMonthIntervalType{StartField: start, EndField: end}, c.Months, true
	}
	dtLo, dtHi := types.Second, types.Day
	for _, u := range units {
		f := types.Second // second, millisecond, microsecond
		switch u {
		case "day", "week":
			f = types.Day
		case "hour":
			f = types.Hour
		case "minute":
			f = types.Minute
		}
		dtLo, dtHi = min(dtLo, f), max(dtHi, f)
	}
	if dtHi < dtLo {
		dtHi = dtLo
	}
	micros, ok := Duration(c)
	if !ok {
		return nil, nil, false
	}
	return types.DayTimeIntervalType{StartField: dtLo, EndField: dtHi}, micros, true
}

// Duration is IntervalUtils.getDuration in microseconds: a month counts 31 days. ok is
// false on overflow.
func Duration(c Calendar) (int64, bool) {
	months, ok1 := mulExact(31*microsPerDay, int64(c.Months))
	days, ok2 := mulExact(microsPerDay, int64(c.Days))
	sum, ok3 := addExact(days, months)
	total, ok4 := addExact(c.Micros, sum)
	return total, ok1 && ok2 && ok3 && ok4
}

func mulExact(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	r := a * b
	return r, r/b == a && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64)
}

func addExact(a, b int64) (int64, bool) {
	r := a + b
	return r, !((a > 0 && b > 0 && r < 0) || (a < 0 && b < 0 && r >= 0))
}

func hasUnit(units []string, u string) bool {
	for _, x := range units {
		if x == u {
			return true
		}
	}
	return false
}
