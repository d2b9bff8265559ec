package parser

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// This file checks interval strings the way Spark does while building
// interval literals (SparkIntervalUtils.stringToInterval and
// IntervalUtils.castStringToYMInterval / castStringToDTInterval). The
// functions compute the interval to find the same errors Spark finds; the
// values are not kept.

// intervalErr is an interval parsing failure: an error class with its
// parameters, or (class "") a plain IllegalArgumentException message.
type intervalErr struct {
	class  string
	params []string
	msg    string
}

const (
	microsPerSecond = int64(1000000)
	microsPerMinute = 60 * microsPerSecond
	microsPerHour   = 60 * microsPerMinute
	microsPerDay    = 24 * microsPerHour
	maxDay          = math.MaxInt64 / microsPerDay
	maxHour         = math.MaxInt64 / microsPerHour
	maxMinute       = math.MaxInt64 / microsPerMinute
	maxSecond       = math.MaxInt64 / microsPerSecond
	minSecond       = math.MinInt64 / microsPerSecond
)

// javaWhitespace is Character.isWhitespace for ASCII.
func javaWhitespace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r' || b >= 0x1c && b <= 0x1f
}

func trimAll(s string) string {
	i, j := trimBounds(s)
	return s[i:j]
}

// overflow-checked arithmetic.
func addExact(a, b int64) (int64, bool) {
	c := a + b
	return c, (c > a) == (b > 0) || b == 0
}

func mulExact(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	return c, c/b == a && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64)
}

func toInt32(a int64) (int64, bool) { return a, a >= math.MinInt32 && a <= math.MaxInt32 }

// stringToInterval validates an interval string such as "1 day 2 hours".
func stringToInterval(input string) *intervalErr {
	s := strings.ToLower(trimAll(input))
	if s == "" {
		return &intervalErr{class: "INVALID_INTERVAL_FORMAT.INPUT_IS_EMPTY", params: []string{"input", input}}
	}
	word := func(i int) string {
		f := strings.Fields(s[:min(i, len(s))])
		rest := strings.Fields(s[min(i, len(s)):])
		all := strings.Fields(s)
		if k := len(all) - len(rest); k >= 0 && k < len(all) {
			return all[k]
		}
		if len(f) > 0 {
			return f[len(f)-1]
		}
		return ""
	}
	fail := func(class string, i int, key string) *intervalErr {
		params := []string{"input", input}
		if key != "" {
			params = append(params, key, word(i))
		}
		return &intervalErr{class: "INVALID_INTERVAL_FORMAT." + class, params: params}
	}
	const (
		stPrefix = iota
		stTrimBeforeSign
		stSign
		stTrimBeforeValue
		stValue
		stFraction
		stTrimBeforeUnit
		stUnitBegin
		stUnitSuffix
		stUnitEnd
	)
	state := stPrefix
	i := 0
	var value int64
	negative := false
	var months, days, micros int64
	fractionScale := -1
	const initialFractionScale = 100000000
	fraction := int64(0)
	pointPrefixed := false
	arith := func() *intervalErr {
		return &intervalErr{class: "INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION", params: []string{"input", input}}
	}
	for i < len(s) {
		b := s[i]
		switch state {
		case stPrefix:
			if strings.HasPrefix(s, "interval") {
				switch {
				case len(s) == len("interval"):
					return &intervalErr{class: "INVALID_INTERVAL_FORMAT.INPUT_IS_EMPTY", params: []string{"input", input}}
				case !javaWhitespace(s[len("interval")]):
					return fail("INVALID_PREFIX", i, "prefix")
				default:
					i += len("interval") + 1
				}
			}
			state = stTrimBeforeSign
		case stTrimBeforeSign, stTrimBeforeValue, stTrimBeforeUnit:
			if javaWhitespace(b) {
				i++
			} else {
				state++
			}
		case stSign:
			value, fraction = 0, 0
			state = stTrimBeforeValue
			fractionScale = -1
			pointPrefixed = false
			switch {
			case b == '-':
				negative = true
				i++
			case b == '+':
				negative = false
				i++
			case b >= '0' && b <= '9':
				negative = false
			case b == '.':
				negative = false
				fractionScale = initialFractionScale
				pointPrefixed = true
				i++
				state = stFraction
			default:
				return fail("UNRECOGNIZED_NUMBER", i, "number")
			}
		case stValue:
			switch {
			case b >= '0' && b <= '9':
				v, ok1 := mulExact(10, value)
				v, ok2 := addExact(v, int64(b-'0'))
				if !ok1 || !ok2 {
					return arith()
				}
				value = v
			case javaWhitespace(b):
				state = stTrimBeforeUnit
			case b == '.':
				fractionScale = initialFractionScale
				state = stFraction
			default:
				return fail("INVALID_VALUE", i, "value")
			}
			i++
		case stFraction:
			switch {
			case b >= '0' && b <= '9' && fractionScale > 0:
				fraction += int64(b-'0') * int64(fractionScale)
				fractionScale /= 10
			case javaWhitespace(b) && (!pointPrefixed || fractionScale < initialFractionScale):
				fraction /= 1000
				state = stTrimBeforeUnit
			case b >= '0' && b <= '9':
				return fail("INVALID_PRECISION", i, "value")
			default:
				return fail("INVALID_VALUE", i, "value")
			}
			i++
		case stUnitBegin:
			if b != 's' && fractionScale >= 0 {
				return fail("INVALID_FRACTION", i, "unit")
			}
			if negative {
				value, fraction = -value, -fraction
			}
			var ok = true
			add := func(acc *int64, v int64, mul int64, int32Only bool) {
				m, ok1 := mulExact(v, mul)
				r, ok2 := addExact(*acc, m)
				if int32Only {
					_, ok3 := toInt32(r)
					ok2 = ok2 && ok3
				}
				ok = ok && ok1 && ok2
				*acc = r
			}
			rest := s[i:]
			switch {
			case b == 'y' && strings.HasPrefix(rest, "year"):
				add(&months, value, 12, true)
				i += 4
			case b == 'w' && strings.HasPrefix(rest, "week"):
				add(&days, value, 7, true)
				i += 4
			case b == 'd' && strings.HasPrefix(rest, "day"):
				_, okv := toInt32(value)
				ok = okv
				add(&days, value, 1, true)
				i += 3
			case b == 'h' && strings.HasPrefix(rest, "hour"):
				add(&micros, value, microsPerHour, false)
				i += 4
			case b == 's' && strings.HasPrefix(rest, "second"):
				add(&micros, value, microsPerSecond, false)
				add(&micros, fraction, 1, false)
				i += 6
			case b == 'm' && strings.HasPrefix(rest, "month"):
				_, okv := toInt32(value)
				ok = okv
				add(&months, value, 1, true)
				i += 5
			case b == 'm' && strings.HasPrefix(rest, "minute"):
				add(&micros, value, microsPerMinute, false)
				i += 6
			case b == 'm' && strings.HasPrefix(rest, "millisecond"):
				add(&micros, value, 1000, false)
				i += 11
			case b == 'm' && strings.HasPrefix(rest, "microsecond"):
				add(&micros, value, 1, false)
				i += 11
			default:
				return fail("INVALID_UNIT", i, "unit")
			}
			if !ok {
				return arith()
			}
			state = stUnitSuffix
		case stUnitSuffix:
			switch {
			case b == 's':
				state = stUnitEnd
			case javaWhitespace(b):
				state = stTrimBeforeSign
			default:
				return fail("INVALID_UNIT", i, "unit")
			}
			i++
		case stUnitEnd:
			if !javaWhitespace(b) {
				return fail("INVALID_UNIT", i, "unit")
			}
			i++
			state = stTrimBeforeSign
		}
	}
	switch state {
	case stUnitSuffix, stUnitEnd, stTrimBeforeSign:
		return nil
	case stTrimBeforeValue:
		return fail("MISSING_NUMBER", i, "word")
	case stValue, stFraction:
		return fail("MISSING_UNIT", i, "word")
	}
	return fail("UNKNOWN_PARSING_ERROR", i, "word")
}

// Year-month and day-time interval strings.

var (
	ymRegex           = regexp.MustCompile(`^([+|-])?(\d+)-(\d+)$`)
	ymLiteralRegex    = regexp.MustCompile(`(?i)^INTERVAL\s+([+|-])?'([+|-])?(\d+)-(\d+)'\s+YEAR\s+TO\s+MONTH$`)
	ymIndividual      = regexp.MustCompile(`^([+|-])?(\d+)$`)
	ymIndividualLit   = regexp.MustCompile(`(?i)^INTERVAL\s+([+|-])?'([+|-])?(\d+)'\s+(YEAR|MONTH)$`)
	dayHourRegex      = regexp.MustCompile(`^([+|-])?(\d{1,9}) (\d{1,2})$`)
	dayMinuteRegex    = regexp.MustCompile(`^([+|-])?(\d{1,9}) (\d{1,2}):(\d{1,2})$`)
	daySecondRegex    = regexp.MustCompile(`^([+|-])?(\d{1,9}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?$`)
	hourMinuteRegex   = regexp.MustCompile(`^([+|-])?(\d{1,10}):(\d{1,2})$`)
	hourSecondRegex   = regexp.MustCompile(`^([+|-])?(\d{1,10}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?$`)
	minuteSecondRegex = regexp.MustCompile(`^([+|-])?(\d{1,12}):(\d{1,2})(\.\d{1,9})?$`)
	dtIndividualRegex = regexp.MustCompile(`^([+|-])?(\d{1,13})(\.\d{1,9})?$`)
)

var supportedIntervalFormat = map[string][]string{
	"year-month YEAR MONTH":  {"[+|-]y-m", "INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH"},
	"day-time DAY HOUR":      {"[+|-]d h", "INTERVAL [+|-]'[+|-]d h' DAY TO HOUR"},
	"day-time DAY MINUTE":    {"[+|-]d h:m", "INTERVAL [+|-]'[+|-]d h:m' DAY TO MINUTE"},
	"day-time DAY SECOND":    {"[+|-]d h:m:s.n", "INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND"},
	"day-time HOUR MINUTE":   {"[+|-]h:m", "INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE"},
	"day-time HOUR SECOND":   {"[+|-]h:m:s.n", "INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND"},
	"day-time MINUTE SECOND": {"[+|-]m:s.n", "INTERVAL [+|-]'[+|-]m:s.n' MINUTE TO SECOND"},
	"year-month YEAR YEAR":   {"[+|-]y", "INTERVAL [+|-]'[+|-]y' YEAR"},
	"year-month MONTH MONTH": {"[+|-]m", "INTERVAL [+|-]'[+|-]m' MONTH"},
	"day-time DAY DAY":       {"[+|-]d", "INTERVAL [+|-]'[+|-]d' DAY"},
	"day-time HOUR HOUR":     {"[+|-]h", "INTERVAL [+|-]'[+|-]h' HOUR"},
	"day-time MINUTE MINUTE": {"[+|-]m", "INTERVAL [+|-]'[+|-]m' MINUTE"},
	"day-time SECOND SECOND": {"[+|-]s.n", "INTERVAL [+|-]'[+|-]s.n' SECOND"},
}

func unmatchedFormat(input, kind, from, to string, notice bool) *intervalErr {
	var fs []string
	for _, f := range supportedIntervalFormat[kind+" "+from+" "+to] {
		fs = append(fs, "`"+f+"`")
	}
	typeName := "interval " + strings.ToLower(from)
	if from != to {
		typeName += " to " + strings.ToLower(to)
	}
	class := "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING"
	if notice {
		class += "_WITH_NOTICE"
	}
	return &intervalErr{class: class, params: []string{"intervalStr", kind,
		"supportedFormat", strings.Join(fs, ", "), "typeName", typeName, "input", input}}
}

// toLongWithRange is Spark's range check of one field; failures are
// plain IllegalArgumentExceptions ("requirement failed: ...").
func toLongWithRange(field, s string, lo, hi int64) (int64, *intervalErr) {
	v := int64(0)
	if s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, &intervalErr{msg: "For input string: \"" + s + "\""}
		}
		v = n
	}
	if v < lo || v > hi {
		return 0, &intervalErr{msg: "requirement failed: " + field + " " + strconv.FormatInt(v, 10) +
			" outside range [" + strconv.FormatInt(lo, 10) + ", " + strconv.FormatInt(hi, 10) + "]"}
	}
	return v, nil
}

func finalSign(first, second string) int64 {
	switch {
	case first == "-" && second == "-":
		return 1
	case first == "-" || second == "-":
		return -1
	}
	return 1
}

// intervalParsing wraps failures of a single-value form, like Spark's
// safeToInterval.
func intervalParsing(kind, input string, e *intervalErr) *intervalErr {
	if e == nil || e.class != "" {
		return e
	}
	return &intervalErr{class: "INVALID_INTERVAL_FORMAT.INTERVAL_PARSING", params: []string{"input", input, "interval", kind}}
}

// castStringToYMInterval validates a year-month interval string for
// INTERVAL 'v' from TO to.
func castStringToYMInterval(input, from, to string) *intervalErr {
	s := trimAll(input)
	target := from == "YEAR" && to == "MONTH"
	toYM := func(year, month string, sign int64) *intervalErr {
		y, e := toLongWithRange("year", year, 0, math.MaxInt32/12)
		if e != nil {
			return intervalParsing("year-month", s, e)
		}
		m, e := toLongWithRange("month", month, 0, 11)
		if e != nil {
			return intervalParsing("year-month", s, e)
		}
		if _, ok := toInt32(sign * (y*12 + m)); !ok {
			return intervalParsing("year-month", s, &intervalErr{msg: "integer overflow"})
		}
		return nil
	}
	if m := ymRegex.FindStringSubmatch(s); m != nil && target {
		return toYM(m[2], m[3], finalSign(m[1], ""))
	}
	if m := ymLiteralRegex.FindStringSubmatch(s); m != nil && target {
		return toYM(m[3], m[4], finalSign(m[1], m[2]))
	}
	if m := ymIndividual.FindStringSubmatch(s); m != nil {
		v, err := strconv.ParseInt(m[2], 10, 64)
		switch {
		case to == "YEAR":
			if _, ok := mulExact(v, 12); err != nil || !ok || v*12 > math.MaxInt32 {
				return intervalParsing("year-month", s, &intervalErr{msg: "overflow"})
			}
		case from == "MONTH":
			if _, ok := toInt32(v); err != nil || !ok {
				return intervalParsing("year-month", s, &intervalErr{msg: "overflow"})
			}
		default:
			return unmatchedFormat(input, "year-month", from, to, false)
		}
		return nil
	}
	return unmatchedFormat(input, "year-month", from, to, false)
}

// parseSecondNano validates s[.n] seconds.
func parseSecondNano(sn string, lo, hi int64) *intervalErr {
	parts := strings.Split(sn, ".")
	switch len(parts) {
	case 1:
		_, e := toLongWithRange("second", parts[0], lo, hi)
		return e
	case 2:
		if parts[0] != "" {
			if _, e := toLongWithRange("second", parts[0], lo, hi); e != nil {
				return e
			}
		}
		n := parts[1]
		if len(n) < 9 {
			n = (n + "000000000")[:9]
		}
		_, e := toLongWithRange("nanosecond", n, 0, 999999999)
		return e
	}
	return &intervalErr{class: "INVALID_INTERVAL_FORMAT.SECOND_NANO_FORMAT", params: []string{"input", sn}}
}

// castStringToDTInterval validates a day-time interval string for
// INTERVAL 'v' from TO to.
func castStringToDTInterval(input, from, to string) *intervalErr {
	s := trimAll(input)
	target := func(f, t string) bool { return from == f && to == t }
	field := func(name, v string, hi int64) *intervalErr {
		_, e := toLongWithRange(name, v, 0, hi)
		return e
	}
	secs := func(sec, micro string) *intervalErr { return parseSecondNano(sec+micro, 0, 59) }
	switch m := dayHourRegex.FindStringSubmatch(s); {
	case m != nil && target("DAY", "HOUR"):
		if e := field("day", m[2], maxDay); e != nil {
			return e
		}
		return field("hour", m[3], 23)
	}
	if m := daySecondRegex.FindStringSubmatch(s); m != nil && target("DAY", "SECOND") {
		for _, f := range []struct {
			n, v string
			hi   int64
		}{{"day", m[2], maxDay}, {"hour", m[3], 23}, {"minute", m[4], 59}} {
			if e := field(f.n, f.v, f.hi); e != nil {
				return e
			}
		}
		return secs(m[5], m[6])
	}
	if m := dayMinuteRegex.FindStringSubmatch(s); m != nil && target("DAY", "MINUTE") {
		if e := field("day", m[2], maxDay); e != nil {
			return e
		}
		if e := field("hour", m[3], 23); e != nil {
			return e
		}
		return field("minute", m[4], 59)
	}
	if m := hourMinuteRegex.FindStringSubmatch(s); m != nil && target("HOUR", "MINUTE") {
		if e := field("hour", m[2], maxHour); e != nil {
			return e
		}
		return field("minute", m[3], 59)
	}
	if m := hourSecondRegex.FindStringSubmatch(s); m != nil && target("HOUR", "SECOND") {
		if e := field("hour", m[2], maxHour); e != nil {
			return e
		}
		if e := field("minute", m[3], 59); e != nil {
			return e
		}
		return secs(m[4], m[5])
	}
	if m := minuteSecondRegex.FindStringSubmatch(s); m != nil && target("MINUTE", "SECOND") {
		if e := field("minute", m[2], maxMinute); e != nil {
			return e
		}
		return secs(m[3], m[4])
	}
	if m := dtIndividualRegex.FindStringSubmatch(s); m != nil {
		v, suffix := m[2], m[3]
		switch {
		case target("DAY", "DAY") && suffix == "" && len(v) <= 9,
			target("HOUR", "HOUR") && suffix == "" && len(v) <= 10,
			target("MINUTE", "MINUTE") && suffix == "" && len(v) <= 12:
			return nil
		case target("SECOND", "SECOND") && len(v) <= 13:
			return intervalParsing("day-time", s, parseSecondNano(v+suffix, minSecond, maxSecond))
		}
		return unmatchedFormat(input, "day-time", from, to, true)
	}
	return unmatchedFormat(input, "day-time", from, to, true)
}
