package interval

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Calendar is a CalendarInterval value: months, days and microseconds, each with its own
// sign.
type Calendar struct {
	Months int32
	Days   int32
	Micros int64
}

// isJavaSpace is Character.isWhitespace for a byte.
func isJavaSpace(b byte) bool {
	return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1c && b <= 0x1f)
}

// trimAll is UTF8String.trimAll: whitespace and ISO control characters at both ends.
func trimAll(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] <= ' ' || s[i] == 0x7f) {
		i++
	}
	for j > i && (s[j-1] <= ' ' || s[j-1] == 0x7f) {
		j--
	}
	return s[i:j]
}

func hasPrefixAt(s string, i int, word string) bool {
	return len(s)-i >= len(word) && s[i:i+len(word)] == word
}

// ParseCalendar is IntervalUtils.stringToInterval: "[interval] <value> <unit> ...",
// units year(s), month(s), week(s), day(s), hour(s), minute(s), second(s) (which alone may
// have a fraction), millisecond(s), microsecond(s).
func ParseCalendar(in string) (Calendar, bool) {
	var zero Calendar
	t := trimAll(in)
	if len(t) == 0 {
		return zero, false
	}
	s := strings.ToLower(t)
	const (
		prefix = iota
		trimBeforeSign
		sign
		trimBeforeValue
		value
		valueFraction
		trimBeforeUnit
		unitBegin
		unitSuffix
		unitEnd
	)
	const initialScale = 100_000_000
	state := prefix
	i := 0
	var cur, micros int64
	var months, days int32
	var neg, pointPrefixed bool
	fracScale, fraction := -1, 0
	addI32 := func(a int32, b int64) (int32, bool) {
		r := int64(a) + b
		return int32(r), r == int64(int32(r)) && b == int64(int32(b))
	}
	mulI64 := func(a, b int64) (int64, bool) {
		if a == 0 || b == 0 {
			return 0, true
		}
		r := a * b
		return r, r/b == a && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64)
	}
	addI64 := func(a, b int64) (int64, bool) {
		r := a + b
		return r, !((a > 0 && b > 0 && r < 0) || (a < 0 && b < 0 && r >= 0))
	}
	for i < len(s) {
		b := s[i]
		switch state {
		case prefix:
			if hasPrefixAt(s, 0, "interval") {
				if len(s) == 8 || !isJavaSpace(s[8]) {
					return zero, false
				}
				i += 9
			}
			state = trimBeforeSign
		case trimBeforeSign:
			if isJavaSpace(b) {
				i++
			} else {
				state = sign
			}
		case sign:
			cur, fraction = 0, 0
			state = trimBeforeValue
			fracScale = -1
			pointPrefixed = false
			switch {
			case b == '-':
				neg = true
				i++
			case b == '+':
				neg = false
				i++
			case b >= '0' && b <= '9':
				neg = false
			case b == '.':
				neg = false
				fracScale = initialScale
				pointPrefixed = true
				i++
				state = valueFraction
			default:
				return zero, false
			}
		case trimBeforeValue:
			if isJavaSpace(b) {
				i++
			} else {
				state = value
			}
		case value:
			switch {
			case b >= '0' && b <= '9':
				var ok bool
				if cur, ok = mulI64(10, cur); !ok {
					return zero, false
				}
				if cur, ok = addI64(cur, int64(b-'0')); !ok {
					return zero, false
				}
			case isJavaSpace(b):
				state = trimBeforeUnit
			case b == '.':
				fracScale = initialScale
				state = valueFraction
			default:
				return zero, false
			}
			i++
		case valueFraction:
			switch {
			case b >= '0' && b <= '9' && fracScale > 0:
				fraction += int(b-'0') * fracScale
				fracScale /= 10
			case isJavaSpace(b) && (!pointPrefixed || fracScale < initialScale):
				fraction /= 1000
				state = trimBeforeUnit
			default:
				return zero, false
			}
			i++
		case trimBeforeUnit:
			if isJavaSpace(b) {
				i++
			} else {
				state = unitBegin
			}
		case unitBegin:
			if b != 's' && fracScale >= 0 {
				return zero, false
			}
			if neg {
				cur, fraction = -cur, -fraction
			}
			var ok bool
			var x int64
			switch {
			case b == 'y' && hasPrefixAt(s, i, "year"):
				if x, ok = mulI64(12, cur); ok {
					months, ok = addI32(months, x)
				}
				i += 4
			case b == 'w' && hasPrefixAt(s, i, "week"):
				if x, ok = mulI64(7, cur); ok {
					days, ok = addI32(days, x)
				}
				i += 4
			case b == 'd' && hasPrefixAt(s, i, "day"):
				days, ok = addI32(days, cur)
				i += 3
			case b == 'h' && hasPrefixAt(s, i, "hour"):
				if x, ok = mulI64(cur, 3_600_000_000); ok {
					micros, ok = addI64(micros, x)
				}
				i += 4
			case b == 's' && hasPrefixAt(s, i, "second"):
				if x, ok = mulI64(cur, 1_000_000); ok {
					if micros, ok = addI64(micros, x); ok {
						micros, ok = addI64(micros, int64(fraction))
					}
				}
				i += 6
			case b == 'm' && hasPrefixAt(s, i, "month"):
				months, ok = addI32(months, cur)
				i += 5
			case b == 'm' && hasPrefixAt(s, i, "minute"):
				if x, ok = mulI64(cur, 60_000_000); ok {
					micros, ok = addI64(micros, x)
				}
				i += 6
			case b == 'm' && hasPrefixAt(s, i, "millisecond"):
				if x, ok = mulI64(cur, 1000); ok {
					micros, ok = addI64(micros, x)
				}
				i += 11
			case b == 'm' && hasPrefixAt(s, i, "microsecond"):
				micros, ok = addI64(micros, cur)
				i += 11
			}
			if !ok {
				return zero, false
			}
			state = unitSuffix
		case unitSuffix:
			switch {
			case b == 's':
				state = unitEnd
			case isJavaSpace(b):
				state = trimBeforeSign
			default:
				return zero, false
			}
			i++
		case unitEnd:
			if !isJavaSpace(b) {
				return zero, false
			}
			i++
			state = trimBeforeSign
		}
	}
	switch state {
	case unitSuffix, unitEnd, trimBeforeSign:
		return Calendar{Months: months, Days: days, Micros: micros}, true
	}
	return zero, false
}

// ANSI interval strings.

const (
	sgn      = `([+|-])?`
	normal   = `(\d{1,2})`
	dayBound = `(\d{1,9})`
	hourB    = `(\d{1,10})`
	minuteB  = `(\d{1,12})`
	secondB  = `(\d{1,13})`
	microP   = `(\.\d{1,9})`
)

func lit(body, unit string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)^INTERVAL\s+` + sgn + `'` + body + `'\s+` + unit + `$`)
}

var (
	dayHourRe       = regexp.MustCompile(`^` + sgn + dayBound + ` ` + normal + `$`)
	dayHourLitRe    = lit(sgn+dayBound+` `+normal, `DAY\s+TO\s+HOUR`)
	dayMinuteRe     = regexp.MustCompile(`^` + sgn + dayBound + ` ` + normal + `:` + normal + `$`)
	dayMinuteLitRe  = lit(sgn+dayBound+` `+normal+`:`+normal, `DAY\s+TO\s+MINUTE`)
	daySecondRe     = regexp.MustCompile(`^` + sgn + dayBound + ` ` + normal + `:` + normal + `:` + normal + microP + `?$`)
	daySecondLitRe  = lit(sgn+dayBound+` `+normal+`:`+normal+`:`+normal+microP+`?`, `DAY\s+TO\s+SECOND`)
	hourMinuteRe    = regexp.MustCompile(`^` + sgn + hourB + `:` + normal + `$`)
	hourMinuteLitRe = lit(sgn+hourB+`:`+normal, `HOUR\s+TO\s+MINUTE`)
	hourSecondRe    = regexp.MustCompile(`^` + sgn + hourB + `:` + normal + `:` + normal + microP + `?$`)
	hourSecondLitRe = lit(sgn+hourB+`:`+normal+`:`+normal+microP+`?`, `HOUR\s+TO\s+SECOND`)
	minSecondRe     = regexp.MustCompile(`^` + sgn + minuteB + `:` + normal + microP + `?$`)
	minSecondLitRe  = lit(sgn+minuteB+`:`+normal+microP+`?`, `MINUTE\s+TO\s+SECOND`)
	dtSingleRe      = regexp.MustCompile(`^` + sgn + secondB + `(\.\d{1,9})?$`)
	dtSingleLitRe   = lit(sgn+secondB+`(\.\d{1,9})?`, `(DAY|HOUR|MINUTE|SECOND)`)

	ymRe          = regexp.MustCompile(`^([+|-])?(\d+)-(\d+)$`)
	ymLitRe       = regexp.MustCompile(`(?i)^INTERVAL\s+([+|-])?'([+|-])?(\d+)-(\d+)'\s+YEAR\s+TO\s+MONTH$`)
	ymSingleRe    = regexp.MustCompile(`^([+|-])?(\d+)$`)
	ymSingleLitRe = regexp.MustCompile(`(?i)^INTERVAL\s+([+|-])?'([+|-])?(\d+)'\s+(YEAR|MONTH)$`)
)

func finalSign(first, second string) int64 {
	switch {
	case first == "-" && second == "-":
		return 1
	case first == "-" || second == "-":
		return -1
	}
	return 1
}

var supportedFormats = map[string][]string{
	"year-month 0 1": {"[+|-]y-m", "INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH"},
	"year-month 0 0": {"[+|-]y", "INTERVAL [+|-]'[+|-]y' YEAR"},
	"year-month 1 1": {"[+|-]m", "INTERVAL [+|-]'[+|-]m' MONTH"},
	"day-time 0 0":   {"[+|-]d", "INTERVAL [+|-]'[+|-]d' DAY"},
	"day-time 0 1":   {"[+|-]d h", "INTERVAL [+|-]'[+|-]d h' DAY TO HOUR"},
	"day-time 0 2":   {"[+|-]d h:m", "INTERVAL [+|-]'[+|-]d h:m' DAY TO MINUTE"},
	"day-time 0 3":   {"[+|-]d h:m:s.n", "INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND"},
	"day-time 1 1":   {"[+|-]h", "INTERVAL [+|-]'[+|-]h' HOUR"},
	"day-time 1 2":   {"[+|-]h:m", "INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE"},
	"day-time 1 3":   {"[+|-]h:m:s.n", "INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND"},
	"day-time 2 2":   {"[+|-]m", "INTERVAL [+|-]'[+|-]m' MINUTE"},
	"day-time 2 3":   {"[+|-]m:s.n", "INTERVAL [+|-]'[+|-]m:s.n' MINUTE TO SECOND"},
	"day-time 3 3":   {"[+|-]s.n", "INTERVAL [+|-]'[+|-]s.n' SECOND"},
}

func unmatchedIntervalFormat(input string, kind string, start, end int, typeName string, notice bool) error {
	fmts := supportedFormats[kind+" "+strconv.Itoa(start)+" "+strconv.Itoa(end)]
	quoted := make([]string, len(fmts))
	for i, f := range fmts {
		quoted[i] = "`" + f + "`"
	}
	class, tmpl := "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING",
		"Interval string does not match <intervalStr> format of <supportedFormat> when cast to <typeName>: <input>."
	if notice {
		class = "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE"
		tmpl += " Set \"spark.sql.legacy.fromDayTimeString.enabled\" to \"true\" to restore the behavior before Spark 3.0."
	}
	return sparkerror.New(sparkerror.IllegalArgument, class, "22006", tmpl, map[string]string{
		"intervalStr": kind, "supportedFormat": strings.Join(quoted, ", "), "typeName": typeName,
		"input": input})
}

func intervalParsing(input, kind string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_INTERVAL_FORMAT.INTERVAL_PARSING", "22006",
		"Error parsing interval <interval> string.", map[string]string{"input": input, "interval": kind})
}

// errRange marks a field outside its range (IntervalUtils.toLongWithRange).
type errRange struct{}

func (errRange) Error() string { return "interval field out of range" }

func longWithRange(s string, lo, hi int64) (int64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < lo || v > hi {
		return 0, errRange{}
	}
	return v, nil
}

// parseSecondNano is IntervalUtils.parseSecondNano: "s", ".n" or "s.n", seconds within
// [lo, hi], nanoseconds truncated to microseconds.
func parseSecondNano(s string, lo, hi int64) (int64, error) {
	parts := strings.Split(s, ".")
	for len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1] // Java's split drops trailing empty strings
	}
	nanos := func(t string, negative bool) (int64, error) {
		if len(t) < 9 {
			t = (t + "000000000")[:9]
		}
		v, err := longWithRange(t, 0, 999_999_999)
		if err != nil {
			return 0, err
		}
		if negative {
			return -(v / 1000), nil
		}
		return v / 1000, nil
	}
	switch len(parts) {
	case 1:
		v, err := longWithRange(parts[0], lo, hi)
		return v * 1_000_000, err
	case 2:
		if parts[0] == "" {
			return nanos(parts[1], false)
		}
		v, err := longWithRange(parts[0], lo, hi)
		if err != nil {
			return 0, err
		}
		sec := v * 1_000_000
		ns, err := nanos(parts[1], sec < 0)
		if err != nil {
			return 0, err
		}
		r := sec + ns
		if (ns > 0 && r < sec) || (ns < 0 && r > sec) {
			return 0, errRange{}
		}
		return r, nil
	}
	return 0, errRange{}
}

const (
	maxDay    = math.MaxInt64 / 86_400_000_000
	maxHour   = math.MaxInt64 / 3_600_000_000
	maxMinute = math.MaxInt64 / 60_000_000
	maxSecond = math.MaxInt64 / 1_000_000
)

func dtFields(sign int64, day, hour, minute, second string, hourMax, minuteMax int64) (int64, error) {
	var micros int64
	add := func(v int64) error {
		r := micros + v
		if (v > 0 && r < micros) || (v < 0 && r > micros) {
			return errRange{}
		}
		micros = r
		return nil
	}
	if day != "" {
		d, err := longWithRange(day, 0, maxDay)
		if err != nil {
			return 0, err
		}
		if err := add(sign * int64(int32(d)) * 86_400_000_000); err != nil {
			return 0, err
		}
	}
	if hour != "" {
		h, err := longWithRange(hour, 0, hourMax)
		if err != nil {
			return 0, err
		}
		if err := add(sign * h * 3_600_000_000); err != nil {
			return 0, err
		}
	}
	m, err := longWithRange(minute, 0, minuteMax)
	if err != nil {
		return 0, err
	}
	if err := add(sign * m * 60_000_000); err != nil {
		return 0, err
	}
	sec, err := parseSecondNano(second, 0, 59)
	if err != nil {
		return 0, err
	}
	if err := add(sign * sec); err != nil {
		return 0, err
	}
	return micros, nil
}

// ParseDayTime is IntervalUtils.castStringToDTInterval for the type INTERVAL start TO
// end: the interval in microseconds.
func ParseDayTime(in string, start, end types.DayTimeField) (int64, error) {
	t := trimAll(in)
	typeName := types.DayTimeIntervalType{StartField: start, EndField: end}.SQL()
	unmatched := func() error {
		return unmatchedIntervalFormat(in, "day-time", int(start), int(end), typeName, true)
	}
	target := func(s, e types.DayTimeField) bool { return start == s && end == e }
	wrap := func(v int64, err error) (int64, error) {
		if err != nil {
			if _, ok := err.(errRange); ok {
				return 0, intervalParsing(t, "day-time")
			}
			return 0, err
		}
		return v, nil
	}
	secMicro := func(sec, micro string) string { return sec + micro }
	if target(types.Day, types.Hour) {
		if m := dayHourRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], ""), m[2], m[3], "0", "0", 23, 59))
		}
		if m := dayHourLitRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], m[2]), m[3], m[4], "0", "0", 23, 59))
		}
	}
	if target(types.Day, types.Minute) {
		if m := dayMinuteRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], ""), m[2], m[3], m[4], "0", 23, 59))
		}
		if m := dayMinuteLitRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], m[2]), m[3], m[4], m[5], "0", 23, 59))
		}
	}
	if target(types.Day, types.Second) {
		if m := daySecondRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], ""), m[2], m[3], m[4], secMicro(m[5], m[6]), 23, 59))
		}
		if m := daySecondLitRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], m[2]), m[3], m[4], m[5], secMicro(m[6], m[7]), 23, 59))
		}
	}
	if target(types.Hour, types.Minute) {
		if m := hourMinuteRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], ""), "", m[2], m[3], "0", maxHour, 59))
		}
		if m := hourMinuteLitRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], m[2]), "", m[3], m[4], "0", maxHour, 59))
		}
	}
	if target(types.Hour, types.Second) {
		if m := hourSecondRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], ""), "", m[2], m[3], secMicro(m[4], m[5]), maxHour, 59))
		}
		if m := hourSecondLitRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], m[2]), "", m[3], m[4], secMicro(m[5], m[6]), maxHour, 59))
		}
	}
	if target(types.Minute, types.Second) {
		if m := minSecondRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], ""), "", "", m[2], secMicro(m[3], m[4]), 0, maxMinute))
		}
		if m := minSecondLitRe.FindStringSubmatch(t); m != nil {
			return wrap(dtFields(finalSign(m[1], m[2]), "", "", m[3], secMicro(m[4], m[5]), 0, maxMinute))
		}
	}
	single := func(sign int64, value, suffix, unit string) (int64, error) {
		v, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return 0, intervalParsing(t, "day-time")
		}
		switch {
		case unit == "DAY" && suffix == "" && len(value) <= 9 && target(types.Day, types.Day):
			return sign * v * 86_400_000_000, nil
		case unit == "HOUR" && suffix == "" && len(value) <= 10 && target(types.Hour, types.Hour):
			return sign * v * 3_600_000_000, nil
		case unit == "MINUTE" && suffix == "" && len(value) <= 12 && target(types.Minute, types.Minute):
			return sign * v * 60_000_000, nil
		case unit == "SECOND" && len(value) <= 13 && target(types.Second, types.Second):
			s := value + suffix
			if sign < 0 {
				s = "-" + s
			}
			return wrap(parseSecondNano(s, -maxSecond, maxSecond))
		}
		return 0, unmatched()
	}
	if m := dtSingleRe.FindStringSubmatch(t); m != nil {
		unit := strings.ToUpper(start.String())
		if start != end {
			return 0, unmatched()
		}
		return single(finalSign(m[1], ""), m[2], m[3], unit)
	}
	if m := dtSingleLitRe.FindStringSubmatch(t); m != nil {
		return single(finalSign(m[1], m[2]), m[3], m[4], strings.ToUpper(m[5]))
	}
	return 0, unmatched()
}

// ParseYearMonth is IntervalUtils.castStringToYMInterval: the interval in months.
func ParseYearMonth(in string, start, end types.YearMonthField) (int32, error) {
	t := trimAll(in)
	typeName := types.YearMonthIntervalType{StartField: start, EndField: end}.SQL()
	unmatched := func() error {
		return unmatchedIntervalFormat(in, "year-month", int(start), int(end), typeName, false)
	}
	both := start == types.Year && end == types.Month
	toYM := func(year, month string, sign int64) (int32, error) {
		y, err := longWithRange(year, 0, math.MaxInt32/12)
		if err != nil {
			return 0, intervalParsing(t, "year-month")
		}
		m, err := longWithRange(month, 0, 11)
		if err != nil {
			return 0, intervalParsing(t, "year-month")
		}
		total := sign * (y*12 + m)
		if total != int64(int32(total)) {
			return 0, intervalParsing(t, "year-month")
		}
		return int32(total), nil
	}
	if both {
		if m := ymRe.FindStringSubmatch(t); m != nil {
			return toYM(m[2], m[3], finalSign(m[1], ""))
		}
		if m := ymLitRe.FindStringSubmatch(t); m != nil {
			return toYM(m[3], m[4], finalSign(m[1], m[2]))
		}
	}
	single := func(sign int64, value string, year bool) (int32, error) {
		v, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return 0, intervalParsing(t, "year-month")
		}
		var r int64
		if year {
			x := v * 12 // Long multiplication wraps; toIntExact then fails
			if x != int64(int32(x)) {
				return 0, intervalParsing(t, "year-month")
			}
			r = sign * x
		} else {
			r = sign * v
		}
		if r != int64(int32(r)) {
			return 0, intervalParsing(t, "year-month")
		}
		return int32(r), nil
	}
	if m := ymSingleRe.FindStringSubmatch(t); m != nil {
		switch {
		case end == types.Year:
			return single(finalSign(m[1], ""), m[2], true)
		case start == types.Month:
			return single(finalSign(m[1], ""), m[2], false)
		}
		return 0, unmatched()
	}
	if m := ymSingleLitRe.FindStringSubmatch(t); m != nil {
		switch strings.ToUpper(m[4]) {
		case "YEAR":
			if start == types.Year && end == types.Year {
				return single(finalSign(m[1], m[2]), m[3], true)
			}
		case "MONTH":
			if start == types.Month && end == types.Month {
				return single(finalSign(m[1], m[2]), m[3], false)
			}
		}
	}
	return 0, unmatched()
}
