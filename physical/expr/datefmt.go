package expr

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Datetime patterns: Spark formats and parses with java.time's DateTimeFormatter (built
// from the pattern by DateTimeFormatterBuilder.appendPattern, case-insensitive, STRICT
// resolution, ISO chronology, Locale.US) after its own checks and rewrites
// (DateTimeFormatterHelper): week-based letters and a few others are rejected, 'y' becomes
// 'u' unless the pattern has an era, and when parsing, a run of 'S' reads 1 to n digits.
// This file compiles such a pattern into a list of printer-parsers with the same rules:
// widths and sign styles of numbers, adjacent value parsing, English texts, zone ids, names
// and offsets, optional sections.

type dtField uint8

const (
	fEra dtField = iota
	fYearOfEra
	fYear
	fMonth
	fDayOfMonth
	fDayOfYear
	fDayOfWeek
	fQuarter
	fAmPm
	fHourOfDay
	fClockHourOfDay
	fHourOfAmPm
	fClockHourOfAmPm
	fMinute
	fSecond
	fNano
	fAlignedDayOfWeekInMonth
	nFields
)

var fieldNames = [nFields]string{"Era", "YearOfEra", "Year", "MonthOfYear", "DayOfMonth", "DayOfYear",
	"DayOfWeek", "QuarterOfYear", "AmPmOfDay", "HourOfDay", "ClockHourOfDay", "HourOfAmPm",
	"ClockHourOfAmPm", "MinuteOfHour", "SecondOfMinute", "NanoOfSecond", "AlignedDayOfWeekInMonth"}

// fieldRanges are the valid ranges STRICT resolution checks.
var fieldRanges = [nFields][2]int64{
	{0, 1}, {1, 999999999}, {-999999999, 999999999}, {1, 12}, {1, 31}, {1, 366}, {1, 7}, {1, 4},
	{0, 1}, {0, 23}, {1, 24}, {0, 11}, {1, 12}, {0, 59}, {0, 59}, {0, 999999999}, {1, 7},
}

type signStyle uint8

const (
	signNormal signStyle = iota
	signExceedsPad
	signNotNegative
)

type itemKind uint8

const (
	itLiteral itemKind = iota
	itValue
	itReduced
	itFraction
	itText
	itZoneID
	itZoneText
	itOffset
	itLocalizedOffset
	itOptStart
	itOptEnd
)

type textStyle uint8

const (
	styleShort textStyle = iota
	styleFull
	styleNarrow
)

// dtItem is one printer-parser.
type dtItem struct {
	kind       itemKind
	field      dtField
	lit        string
	min, max   int
	sign       signStyle
	subsequent int // adjacent value parsing: digits reserved for the fixed-width values after
	fixed      bool
	style      textStyle
	offPattern string // itOffset: "+HH", "+HHmm", "+HH:mm", "+HHMM", "+HH:MM", "+HHMMss", "+HH:MM:ss"
	noOffset   string // itOffset: the text of a zero offset
}

// dtFormat is a compiled pattern.
type dtFormat struct {
	pattern string
	items   []dtItem
}

func patternError(class, sqlState, template string, params map[string]string) error {
	return sparkerror.New(sparkerror.IllegalArgument, class, sqlState, template, params)
}

// javaPatternError is an IllegalArgumentException of DateTimeFormatterBuilder.
type javaPatternError struct{ msg string }

func (e *javaPatternError) Error() string { return e.msg }

// compileDatetime compiles a Spark datetime pattern (parsing selects the parser's rules).
// Invalid patterns give Spark's errors: the pattern checks' own, or, when the legacy
// SimpleDateFormat would accept the pattern, INCONSISTENT_BEHAVIOR_CROSS_VERSION.
func compileDatetime(pattern string, parsing bool) (*dtFormat, error) {
	f, err := compileDatetimeNew(pattern, parsing)
	if err == nil {
		return f, nil
	}
	if _, lerr := compileLegacy(pattern, false, time.Time{}); lerr == nil {
		return nil, sparkerror.New(sparkerror.Runtime, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION", "42K0B",
			"You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize <pattern> pattern in the DateTimeFormatter.\n1) You can set <config> to \"LEGACY\" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from '<docroot>/sql-ref-datetime-pattern.html'.",
			map[string]string{"pattern": sqlString([]byte(pattern)), "config": `"spark.sql.legacy.timeParserPolicy"`, "docroot": "https://spark.apache.org/docs/latest"})
	}
	if _, ok := err.(*javaPatternError); ok {
		return nil, sparkerror.New(sparkerror.Runtime, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION", "22007",
			"Unrecognized datetime pattern: <pattern>. You can form a valid datetime pattern with the guide from '<docroot>/sql-ref-datetime-pattern.html'.",
			map[string]string{"pattern": sqlString([]byte(pattern)), "docroot": "https://spark.apache.org/docs/latest"})
	}
	return nil, err
}

// sparkPatternChecks is DateTimeFormatterHelper.convertIncompatiblePattern's validation;
// it also reports whether the pattern has an era (so 'y' stays year-of-era).
func sparkPatternChecks(pattern string, parsing bool) (era bool, err error) {
	parts := strings.Split(pattern+" ", "'")
	for i, part := range parts {
		if i%2 == 0 && strings.ContainsRune(part, 'G') {
			era = true
		}
	}
	for i, part := range parts {
		if i%2 != 0 {
			continue
		}
		for _, c := range part {
			if strings.ContainsRune("YWwuec", c) {
				return era, patternError("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN", "42K0B",
					"You may get a different result due to the upgrading to Spark >= 3.0:\nAll week-based patterns are unsupported since Spark 3.0, detected week-based character: <c>.\nPlease use the SQL function EXTRACT instead.",
					map[string]string{"c": string(c)})
			}
		}
		for _, c := range part {
			if strings.ContainsRune("ABnNp", c) || (parsing && strings.ContainsRune("EFqQ", c)) {
				return era, patternError("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER", "22007",
					"Unrecognized datetime pattern: <pattern>. Illegal pattern character found in datetime pattern: <c>. Please provide legal character.",
					map[string]string{"c": string(c), "pattern": pattern})
			}
		}
		for _, style := range []string{"GGGGG", "MMMMM", "LLLLL", "EEEEE", "QQQQQ", "qqqqq", "yyyyyyy"} {
			if strings.Contains(part, style) {
				return era, patternError("INVALID_DATETIME_PATTERN.LENGTH", "22007",
					"Unrecognized datetime pattern: <pattern>. Too many letters in datetime pattern: <pattern>. Please reduce pattern length.",
					map[string]string{"pattern": style})
			}
		}
	}
	return era, nil
}

// dtBuilder is DateTimeFormatterBuilder's bookkeeping of adjacent value parsing.
type dtBuilder struct {
	items  []dtItem
	active int // index of the active value parser, -1 if none
}

func (b *dtBuilder) appendOther(it dtItem) {
	b.items = append(b.items, it)
	b.active = -1
}

// appendValue adds a number (or reduced number, or fixed-width fraction): a fixed-width
// non-negative value right after another value reserves its width in the first one.
func (b *dtBuilder) appendValue(it dtItem) {
	fixedNN := it.min == it.max && (it.sign == signNotNegative || it.kind == itReduced || it.kind == itFraction)
	if b.active >= 0 {
		base := &b.items[b.active]
		if fixedNN {
			base.subsequent += it.max
			it.fixed = true
			b.items = append(b.items, it)
			return
		}
		base.fixed = true
	}
	b.items = append(b.items, it)
	b.active = len(b.items) - 1
}

func (b *dtBuilder) appendFraction(min, max int) {
	it := dtItem{kind: itFraction, field: fNano, min: min, max: max, sign: signNotNegative}
	if min == max {
		b.appendValue(it)
		return
	}
	b.appendOther(it)
}

// fieldLetters maps pattern letters to fields; 'F' is the aligned day of the week in the
// month, as the JDK Spark runs on reads it.
var fieldLetters = map[byte]dtField{
	'G': fEra, 'y': fYearOfEra, 'u': fYear, 'Q': fQuarter, 'q': fQuarter, 'M': fMonth, 'L': fMonth,
	'D': fDayOfYear, 'd': fDayOfMonth, 'F': fAlignedDayOfWeekInMonth, 'E': fDayOfWeek, 'a': fAmPm,
	'H': fHourOfDay, 'k': fClockHourOfDay, 'K': fHourOfAmPm, 'h': fClockHourOfAmPm, 'm': fMinute,
	's': fSecond, 'S': fNano,
}

func tooMany(c byte) error { return &javaPatternError{"Too many pattern letters: " + string(c)} }

// compileDatetimeNew builds the formatter as Spark's new (java.time) path does.
func compileDatetimeNew(pattern string, parsing bool) (*dtFormat, error) {
	era, err := sparkPatternChecks(pattern, parsing)
	if err != nil {
		return nil, err
	}
	b := &dtBuilder{active: -1}
	// Spark splits on quotes: even parts are pattern, odd parts literal text ('' is a quote).
	parts := strings.Split(pattern, "'")
	depth := 0
	for idx, part := range parts {
		if idx%2 == 1 {
			if part == "" {
				b.appendOther(dtItem{kind: itLiteral, lit: "'"})
			} else {
				b.appendOther(dtItem{kind: itLiteral, lit: part})
			}
			continue
		}
		if idx > 0 && idx == len(parts)-1 && len(parts)%2 == 0 {
			return nil, &javaPatternError{"Pattern ends with an incomplete string literal: " + pattern}
		}
		for i := 0; i < len(part); {
			c := part[i]
			n := 1
			for i+n < len(part) && part[i+n] == c {
				n++
			}
			switch {
			case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
				if err := b.appendLetters(c, n, era, parsing); err != nil {
					return nil, err
				}
				i += n
				continue
			case c == '[':
				depth++
				b.appendOther(dtItem{kind: itOptStart})
			case c == ']':
				if depth == 0 {
					return nil, &javaPatternError{"Pattern invalid as it contains ] without previous ["}
				}
				depth--
				b.appendOther(dtItem{kind: itOptEnd})
			case c == '{' || c == '}' || c == '#':
				return nil, &javaPatternError{"Pattern includes reserved character: '" + string(c) + "'"}
			default:
				b.appendOther(dtItem{kind: itLiteral, lit: part[i : i+1]})
			}
			i++
		}
	}
	for ; depth > 0; depth-- {
		b.appendOther(dtItem{kind: itOptEnd})
	}
	return &dtFormat{pattern: pattern, items: b.items}, nil
}

func (b *dtBuilder) appendLetters(c byte, n int, era, parsing bool) error {
	switch c {
	case 'V':
		if n != 2 {
			return &javaPatternError{"Pattern letter count must be 2: V"}
		}
		b.appendOther(dtItem{kind: itZoneID})
		return nil
	case 'v':
		if n != 1 && n != 4 {
			return &javaPatternError{"Wrong number of pattern letters: v"}
		}
		b.appendOther(dtItem{kind: itZoneText, style: map[bool]textStyle{true: styleFull, false: styleShort}[n == 4]})
		return nil
	case 'z':
		if n > 4 {
			return tooMany(c)
		}
		style := styleShort
		if n == 4 {
			style = styleFull
		}
		b.appendOther(dtItem{kind: itZoneText, style: style})
		return nil
	case 'Z':
		switch {
		case n < 4:
			b.appendOther(dtItem{kind: itOffset, offPattern: "+HHMM", noOffset: "+0000"})
		case n == 4:
			b.appendOther(dtItem{kind: itLocalizedOffset, style: styleFull})
		case n == 5:
			b.appendOther(dtItem{kind: itOffset, offPattern: "+HH:MM:ss", noOffset: "Z"})
		default:
			return tooMany(c)
		}
		return nil
	case 'O':
		switch n {
		case 1:
			b.appendOther(dtItem{kind: itLocalizedOffset, style: styleShort})
		case 4:
			b.appendOther(dtItem{kind: itLocalizedOffset, style: styleFull})
		default:
			return &javaPatternError{"Pattern letter count must be 1 or 4: O"}
		}
		return nil
	case 'X', 'x':
		if n > 5 {
			return tooMany(c)
		}
		pats := []string{"+HHmm", "+HHMM", "+HH:MM", "+HHMMss", "+HH:MM:ss"}
		p := pats[n-1]
		if n == 1 {
			p = "+HHmm"
		}
		zero := "Z"
		if c == 'x' {
			zero = []string{"+00", "+0000", "+00:00", "+0000", "+00:00"}[n-1]
		}
		b.appendOther(dtItem{kind: itOffset, offPattern: p, noOffset: zero})
		return nil
	}
	f, ok := fieldLetters[c]
	if !ok {
		return &javaPatternError{"Unknown pattern letter: " + string(c)}
	}
	if c == 'y' && !era {
		f = fYear
	}
	switch c {
	case 'G':
		switch {
		case n <= 3:
			b.appendOther(dtItem{kind: itText, field: f, style: styleShort})
		case n == 4:
			b.appendOther(dtItem{kind: itText, field: f, style: styleFull})
		case n == 5:
			b.appendOther(dtItem{kind: itText, field: f, style: styleNarrow})
		default:
			return tooMany(c)
		}
	case 'y', 'u':
		switch {
		case n == 2:
			b.appendValue(dtItem{kind: itReduced, field: f, min: 2, max: 2, sign: signNotNegative})
		case n < 4:
			b.appendValue(dtItem{kind: itValue, field: f, min: n, max: 19, sign: signNormal})
		default:
			b.appendValue(dtItem{kind: itValue, field: f, min: n, max: 19, sign: signExceedsPad})
		}
	case 'M', 'L', 'Q', 'q':
		switch n {
		case 1:
			b.appendValue(dtItem{kind: itValue, field: f, min: 1, max: 19, sign: signNormal})
		case 2:
			b.appendValue(dtItem{kind: itValue, field: f, min: 2, max: 2, sign: signNotNegative})
		case 3:
			b.appendOther(dtItem{kind: itText, field: f, style: styleShort})
		case 4:
			b.appendOther(dtItem{kind: itText, field: f, style: styleFull})
		case 5:
			b.appendOther(dtItem{kind: itText, field: f, style: styleNarrow})
		default:
			return tooMany(c)
		}
	case 'E':
		switch {
		case n <= 3:
			b.appendOther(dtItem{kind: itText, field: f, style: styleShort})
		case n == 4:
			b.appendOther(dtItem{kind: itText, field: f, style: styleFull})
		case n == 5:
			b.appendOther(dtItem{kind: itText, field: f, style: styleNarrow})
		default:
			return tooMany(c)
		}
	case 'a':
		if n != 1 {
			return tooMany(c)
		}
		b.appendOther(dtItem{kind: itText, field: f, style: styleShort})
	case 'H', 'h', 'K', 'k', 'm', 's', 'd':
		switch n {
		case 1:
			b.appendValue(dtItem{kind: itValue, field: f, min: 1, max: 19, sign: signNormal})
		case 2:
			b.appendValue(dtItem{kind: itValue, field: f, min: 2, max: 2, sign: signNotNegative})
		default:
			return tooMany(c)
		}
	case 'D':
		switch n {
		case 1:
			b.appendValue(dtItem{kind: itValue, field: f, min: 1, max: 19, sign: signNormal})
		case 2, 3:
			b.appendValue(dtItem{kind: itValue, field: f, min: n, max: 3, sign: signNotNegative})
		default:
			return tooMany(c)
		}
	case 'F':
		if n != 1 {
			return tooMany(c)
		}
		b.appendValue(dtItem{kind: itValue, field: f, min: 1, max: 19, sign: signNormal})
	case 'S':
		if n > 9 {
			return &javaPatternError{"Maximum width must be from 1 to 9 inclusive but was " + strconv.Itoa(n)}
		}
		if parsing {
			b.appendFraction(1, n)
		} else {
			b.appendFraction(n, n)
		}
	}
	return nil
}

// ---- formatting ----

var (
	monthsShort = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsFull  = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	daysShort     = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	daysFull      = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	quartersShort = []string{"Q1", "Q2", "Q3", "Q4"}
	quartersFull  = []string{"1st quarter", "2nd quarter", "3rd quarter", "4th quarter"}
)

// dtValues are the fields of a datetime in its zone.
type dtValues struct {
	year                 int64
	month, day, yday     int
	wday                 int // ISO: 1 Monday .. 7 Sunday
	hour, minute, second int
	nano                 int
	offset               int // seconds east of UTC
	loc                  *time.Location
	t                    time.Time
}

func valuesOf(micros int64, loc *time.Location) dtValues {
	t := time.UnixMicro(micros).In(loc)
	y, m, d := t.Date()
	wd := int(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	_, off := t.Zone()
	return dtValues{year: int64(y), month: int(m), day: d, yday: t.YearDay(), wday: wd,
		hour: t.Hour(), minute: t.Minute(), second: t.Second(), nano: t.Nanosecond(), offset: off, loc: loc, t: t}
}

func (v *dtValues) get(f dtField) int64 {
	switch f {
	case fEra:
		if v.year > 0 {
			return 1
		}
		return 0
	case fYearOfEra:
		if v.year > 0 {
			return v.year
		}
		return 1 - v.year
	case fYear:
		return v.year
	case fMonth:
		return int64(v.month)
	case fDayOfMonth:
		return int64(v.day)
	case fDayOfYear:
		return int64(v.yday)
	case fDayOfWeek:
		return int64(v.wday)
	case fQuarter:
		return int64((v.month-1)/3 + 1)
	case fAmPm:
		return int64(v.hour / 12)
	case fHourOfDay:
		return int64(v.hour)
	case fClockHourOfDay:
		if v.hour == 0 {
			return 24
		}
		return int64(v.hour)
	case fHourOfAmPm:
		return int64(v.hour % 12)
	case fClockHourOfAmPm:
		if v.hour%12 == 0 {
			return 12
		}
		return int64(v.hour % 12)
	case fMinute:
		return int64(v.minute)
	case fSecond:
		return int64(v.second)
	case fNano:
		return int64(v.nano)
	case fAlignedDayOfWeekInMonth:
		return int64((v.day-1)%7 + 1)
	}
	return 0
}

// format appends the formatted datetime; optional sections print when their fields exist
// (always, for a datetime with a zone).
func (f *dtFormat) format(dst []byte, v *dtValues) ([]byte, error) {
	for _, it := range f.items {
		switch it.kind {
		case itLiteral:
			dst = append(dst, it.lit...)
		case itValue:
			x := v.get(it.field)
			var err error
			if dst, err = appendDTValue(dst, x, it); err != nil {
				return dst, err
			}
		case itReduced:
			x := v.get(it.field) % 100
			if x < 0 {
				x = -x
			}
			dst = append(dst, byte('0'+x/10), byte('0'+x%10))
		case itFraction:
			digits := strconv.AppendInt(nil, int64(v.nano)+1_000_000_000, 10)[1:]
			dst = append(dst, digits[:min(it.max, 9)]...)
			for k := 9; k < it.max; k++ {
				dst = append(dst, '0')
			}
		case itText:
			dst = append(dst, dtText(it.field, it.style, v.get(it.field))...)
		case itZoneID:
			dst = append(dst, zoneIDText(v.loc, v.offset)...)
		case itZoneText:
			dst = append(dst, zoneNameText(v, it.style)...)
		case itOffset:
			dst = appendOffset(dst, v.offset, it.offPattern, it.noOffset)
		case itLocalizedOffset:
			dst = appendLocalizedOffset(dst, v.offset, it.style == styleFull)
		}
	}
	return dst, nil
}

func appendDTValue(dst []byte, x int64, it dtItem) ([]byte, error) {
	var buf [24]byte
	digits := strconv.AppendInt(buf[:0], x, 10)
	neg := x < 0
	if neg {
		digits = digits[1:]
	}
	if len(digits) > it.max {
		return dst, sparkerror.New(sparkerror.DateTime, "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", "22023",
			"<rangeMessage>.", map[string]string{"rangeMessage": "Field " + fieldNames[it.field] + " cannot be printed as the value " +
				strconv.FormatInt(x, 10) + " exceeds the maximum print width of " + strconv.Itoa(it.max)})
	}
	switch {
	case neg:
		dst = append(dst, '-')
	case it.sign == signExceedsPad && len(digits) > it.min:
		dst = append(dst, '+')
	}
	for k := len(digits); k < it.min; k++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...), nil
}

func dtText(f dtField, style textStyle, x int64) string {
	switch f {
	case fEra:
		switch style {
		case styleFull:
			return []string{"Before Christ", "Anno Domini"}[x]
		case styleNarrow:
			return []string{"B", "A"}[x]
		}
		return []string{"BC", "AD"}[x]
	case fMonth:
		switch style {
		case styleFull:
			return monthsFull[x-1]
		case styleNarrow:
			return monthsFull[x-1][:1]
		}
		return monthsShort[x-1]
	case fDayOfWeek:
		switch style {
		case styleFull:
			return daysFull[x-1]
		case styleNarrow:
			return daysFull[x-1][:1]
		}
		return daysShort[x-1]
	case fQuarter:
		switch style {
		case styleFull:
			return quartersFull[x-1]
		case styleNarrow:
			return strconv.FormatInt(x, 10)
		}
		return quartersShort[x-1]
	case fAmPm:
		return []string{"AM", "PM"}[x]
	}
	return strconv.FormatInt(x, 10)
}

func zoneIDText(loc *time.Location, offset int) string {
	name := loc.String()
	if name == "" || name == "Local" {
		return string(appendOffset(nil, offset, "+HH:MM:ss", "Z"))
	}
	return name
}

// zoneNames are java.time's names of common zones (standard, daylight) for 'zzzz'.
var zoneFullNames = map[string][2]string{
	"PST": {"Pacific Standard Time", ""}, "PDT": {"Pacific Daylight Time", ""},
	"MST": {"Mountain Standard Time", ""}, "MDT": {"Mountain Daylight Time", ""},
	"CST": {"Central Standard Time", ""}, "CDT": {"Central Daylight Time", ""},
	"EST": {"Eastern Standard Time", ""}, "EDT": {"Eastern Daylight Time", ""},
	"UTC": {"Coordinated Universal Time", ""}, "GMT": {"Greenwich Mean Time", ""},
	"CET": {"Central European Standard Time", ""}, "CEST": {"Central European Summer Time", ""},
	"JST": {"Japan Standard Time", ""}, "KST": {"Korean Standard Time", ""},
	"IST": {"India Standard Time", ""}, "BST": {"British Summer Time", ""},
	"HST": {"Hawaii-Aleutian Standard Time", ""}, "AKST": {"Alaska Standard Time", ""},
	"AKDT": {"Alaska Daylight Time", ""},
}

func zoneNameText(v *dtValues, style textStyle) string {
	abbr, off := v.t.Zone()
	if abbr == "LMT" {
		// java.time names the zone by its id, whatever the offset: the names of its
		// standard time (1900's, after the local mean time).
		abbr, off = time.Unix(zoneInfoStart, 0).In(v.t.Location()).Zone()
	}
	if abbr == "" || abbr[0] == '+' || abbr[0] == '-' {
		abbr = string(appendLocalizedOffset(nil, off, true))
		return abbr
	}
	if abbr == "CST" && v.loc.String() == "Asia/Shanghai" {
		if style == styleFull {
			return "China Standard Time"
		}
		return "CST"
	}
	if style == styleFull {
		if n, ok := zoneFullNames[abbr]; ok {
			return n[0]
		}
	}
	return abbr
}

// appendOffset prints an offset with one of OffsetIdPrinterParser's patterns.
func appendOffset(dst []byte, off int, pattern, zero string) []byte {
	if off == 0 {
		return append(dst, zero...)
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	h, m, s := off/3600, off/60%60, off%60
	colon := strings.Contains(pattern, ":")
	dst = append(dst, sign, byte('0'+h/10), byte('0'+h%10))
	switch pattern {
	case "+HH":
		return dst
	case "+HHmm", "+HH:mm":
		if m == 0 && s == 0 {
			return dst
		}
	}
	if colon {
		dst = append(dst, ':')
	}
	dst = append(dst, byte('0'+m/10), byte('0'+m%10))
	if strings.HasSuffix(pattern, "ss") && s != 0 || strings.HasSuffix(pattern, "SS") {
		if colon {
			dst = append(dst, ':')
		}
		dst = append(dst, byte('0'+s/10), byte('0'+s%10))
	}
	return dst
}

// appendLocalizedOffset is 'O' (short: GMT+8) or 'OOOO' (full: GMT+08:00).
func appendLocalizedOffset(dst []byte, off int, full bool) []byte {
	dst = append(dst, "GMT"...)
	if off == 0 {
		return dst
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	h, m, s := off/3600, off/60%60, off%60
	dst = append(dst, sign)
	if full {
		dst = append(dst, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
		if s != 0 {
			dst = append(dst, ':', byte('0'+s/10), byte('0'+s%10))
		}
		return dst
	}
	dst = strconv.AppendInt(dst, int64(h), 10)
	if m != 0 || s != 0 {
		dst = append(dst, ':', byte('0'+m/10), byte('0'+m%10))
		if s != 0 {
			dst = append(dst, ':', byte('0'+s/10), byte('0'+s%10))
		}
	}
	return dst
}

// ---- parsing ----

// dtParsed collects the parsed fields.
type dtParsed struct {
	set  uint32
	v    [nFields]int64
	zone *time.Location
}

func (p *dtParsed) put(f dtField, x int64) bool {
	if p.set&(1<<f) != 0 {
		return p.v[f] == x
	}
	p.set |= 1 << f
	p.v[f] = x
	return true
}

func (p *dtParsed) has(f dtField) bool { return p.set&(1<<f) != 0 }

// parseError is a DateTimeParseException.
type parseError struct{ msg string }

func (e *parseError) Error() string { return e.msg }

// parse reads s completely; the error carries java.time's message.
func (f *dtFormat) parse(s []byte) (dtParsed, error) {
	var p dtParsed
	pos, ok := f.parseItems(f.items, s, 0, &p)
	if !ok {
		return p, &parseError{"Text '" + string(s) + "' could not be parsed at index " + strconv.Itoa(pos)}
	}
	if pos != len(s) {
		return p, &parseError{"Text '" + string(s) + "' could not be parsed, unparsed text found at index " + strconv.Itoa(pos)}
	}
	return p, nil
}

// parseItems parses items from pos; on failure it returns the error position.
func (f *dtFormat) parseItems(items []dtItem, s []byte, pos int, p *dtParsed) (int, bool) {
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.kind == itOptStart {
			end := matchingOptEnd(items, i)
			saved := *p
			np, ok := f.parseItems(items[i+1:end], s, pos, p)
			if ok {
				pos = np
			} else {
				*p = saved
			}
			i = end
			continue
		}
		if it.kind == itOptEnd {
			continue
		}
		np, ok := parseItem(it, s, pos, p)
		if !ok {
			return np, false
		}
		pos = np
	}
	return pos, true
}

func matchingOptEnd(items []dtItem, start int) int {
	depth := 0
	for j := start; j < len(items); j++ {
		switch items[j].kind {
		case itOptStart:
			depth++
		case itOptEnd:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(items) - 1
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold is a case-insensitive prefix test (ASCII and exact bytes otherwise).
func hasPrefixFold(s []byte, pos int, t string) bool {
	if len(s)-pos < len(t) {
		return false
	}
	for k := 0; k < len(t); k++ {
		if lowerASCII(s[pos+k]) != lowerASCII(t[k]) {
			return false
		}
	}
	return true
}

func parseItem(it dtItem, s []byte, pos int, p *dtParsed) (int, bool) {
	switch it.kind {
	case itLiteral:
		if !hasPrefixFold(s, pos, it.lit) {
			return pos, false
		}
		return pos + len(it.lit), true
	case itValue, itReduced:
		return parseDTNumber(it, s, pos, p)
	case itFraction:
		return parseDTFraction(it, s, pos, p)
	case itText:
		return parseDTText(it, s, pos, p)
	case itZoneID, itZoneText:
		return parseZone(it, s, pos, p)
	case itOffset:
		off, np, ok := parseOffsetPattern(s, pos, it.offPattern, it.noOffset)
		if !ok {
			return pos, false
		}
		p.zone = fixedZone(string(appendOffset(nil, off, "+HH:MM:ss", "Z")), off)
		return np, true
	case itLocalizedOffset:
		if !hasPrefixFold(s, pos, "GMT") {
			return pos, false
		}
		np := pos + 3
		off, np2, ok := parseLooseOffset(s, np)
		if ok {
			np = np2
		}
		p.zone = fixedZone(string(appendOffset(nil, off, "+HH:MM:ss", "Z")), off)
		return np, true
	}
	return pos, false
}

// parseDTNumber is NumberPrinterParser.parse in strict mode (ReducedPrinterParser for 'yy').
func parseDTNumber(it dtItem, s []byte, pos int, p *dtParsed) (int, bool) {
	if pos >= len(s) {
		return pos, false
	}
	start := pos
	neg, positive := false, false
	switch s[pos] {
	case '+':
		// SignStyle.parse in strict mode: only EXCEEDS_PAD accepts '+'.
		if it.sign != signExceedsPad {
			return pos, false
		}
		positive = true
		pos++
	case '-':
		if it.sign == signNotNegative {
			return pos, false
		}
		neg = true
		pos++
	}
	minEnd := pos + it.min
	if minEnd > len(s) {
		return pos, false
	}
	maxW := it.max + max(it.subsequent, 0)
	var total int64
	at := pos
	for pass := 0; pass < 2; pass++ {
		maxEnd := min(at+maxW, len(s))
		for at < maxEnd {
			c := s[at]
			if c < '0' || c > '9' {
				break
			}
			at++
			if at-pos > 18 {
				return pos, false
			}
			total = total*10 + int64(c-'0')
		}
		if at < minEnd {
			return start, false
		}
		if it.subsequent > 0 && pass == 0 {
			maxW = max(it.min, at-pos-it.subsequent)
			at, total = pos, 0
			continue
		}
		break
	}
	n := at - pos
	if neg {
		if total == 0 {
			return start, false
		}
		total = -total
	} else if it.sign == signExceedsPad {
		if positive && n <= it.min {
			return start, false
		}
		if !positive && n > it.min {
			return start, false
		}
	}
	if it.kind == itReduced {
		total += 2000
	}
	if !p.put(it.field, total) {
		return start, false
	}
	return at, true
}

// parseDTFraction is FractionPrinterParser.parse in strict mode (its quirk included: a
// non-digit right away reads an empty fraction).
func parseDTFraction(it dtItem, s []byte, pos int, p *dtParsed) (int, bool) {
	if pos == len(s) {
		return pos, it.min == 0
	}
	if pos+it.min > len(s) {
		return pos, false
	}
	end := min(pos+it.max, len(s))
	at := pos
	var total int64
	for at < end {
		c := s[at]
		if c < '0' || c > '9' {
			if at+1 < pos+it.min {
				return pos, false
			}
			break
		}
		total = total*10 + int64(c-'0')
		at++
	}
	for k := at - pos; k < 9; k++ {
		total *= 10
	}
	if !p.put(fNano, total) {
		return pos, false
	}
	return at, true
}

func parseDTText(it dtItem, s []byte, pos int, p *dtParsed) (int, bool) {
	var texts []string
	base := int64(1)
	switch it.field {
	case fEra:
		base = 0
		switch it.style {
		case styleFull:
			texts = []string{"Before Christ", "Anno Domini"}
		case styleNarrow:
			texts = []string{"B", "A"}
		default:
			texts = []string{"BC", "AD"}
		}
	case fMonth:
		switch it.style {
		case styleFull:
			texts = monthsFull
		default:
			texts = monthsShort
		}
	case fDayOfWeek:
		if it.style == styleFull {
			texts = daysFull
		} else {
			texts = daysShort
		}
	case fQuarter:
		if it.style == styleFull {
			texts = quartersFull
		} else {
			texts = quartersShort
		}
	case fAmPm:
		base = 0
		texts = []string{"AM", "PM"}
	}
	best, bestLen := -1, 0
	for k, t := range texts {
		if len(t) > bestLen && hasPrefixFold(s, pos, t) {
			best, bestLen = k, len(t)
		}
	}
	if best < 0 {
		return pos, false
	}
	if !p.put(it.field, int64(best)+base) {
		return pos, false
	}
	return pos + bestLen, true
}

// zoneAbbrevs are the short zone names java.time parses for 'z' (the region it picks).
var zoneAbbrevs = map[string]string{
	"UTC": "UTC", "GMT": "GMT", "UT": "UTC", "Z": "UTC",
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
	"MST": "America/Denver", "MDT": "America/Denver", "CST": "America/Chicago", "CDT": "America/Chicago",
	"EST": "America/New_York", "EDT": "America/New_York", "AKST": "America/Anchorage", "AKDT": "America/Anchorage",
	"HST": "Pacific/Honolulu", "CET": "CET", "CEST": "CET", "EET": "EET", "EEST": "EET", "WET": "WET", "WEST": "WET",
	"JST": "Asia/Tokyo", "KST": "Asia/Seoul", "IST": "Asia/Kolkata", "BST": "Europe/London",
	"MSK": "Europe/Moscow", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland",
}

// parseZone reads a zone id, a zone name or an offset ('VV', 'z', 'v').
func parseZone(it dtItem, s []byte, pos int, p *dtParsed) (int, bool) {
	if pos >= len(s) {
		return pos, false
	}
	if s[pos] == '+' || s[pos] == '-' {
		off, np, ok := parseLooseOffset(s, pos)
		if !ok {
			return pos, false
		}
		p.zone = fixedZone(string(appendOffset(nil, off, "+HH:MM:ss", "Z")), off)
		return np, true
	}
	// The longest run that names a zone.
	end := pos
	for end < len(s) {
		c := s[end]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+' || c == '~' || c == '.' || c == ':' {
			end++
			continue
		}
		break
	}
	for e := end; e > pos; e-- {
		name := string(s[pos:e])
		for _, prefix := range []string{"UTC", "GMT", "UT"} {
			if strings.EqualFold(name, prefix) || !strings.HasPrefix(strings.ToUpper(name), prefix) {
				continue
			}
			rest := s[pos+len(prefix) : e]
			if len(rest) > 0 && (rest[0] == '+' || rest[0] == '-') {
				if off, np, ok := parseLooseOffset(s, pos+len(prefix)); ok && np == e {
					p.zone = fixedZone(string(appendOffset(nil, off, "+HH:MM:ss", "Z")), off)
					return e, true
				}
			}
		}
		if it.kind == itZoneText {
			if id, ok := zoneAbbrevs[strings.ToUpper(name)]; ok {
				if loc, ok := zoneByID(id); ok {
					p.zone = loc
					return e, true
				}
			}
		}
		if !strings.ContainsRune(name, '/') && !strings.EqualFold(name, "UTC") && !strings.EqualFold(name, "GMT") && !strings.EqualFold(name, "Z") && len(name) < 3 {
			continue
		}
		if strings.EqualFold(name, "Z") || strings.EqualFold(name, "UTC") || strings.EqualFold(name, "GMT") || strings.EqualFold(name, "UT") {
			p.zone = time.UTC
			return e, true
		}
		if strings.ContainsRune(name, '/') || len(name) >= 3 {
			if loc, ok := zoneByID(name); ok && !strings.HasPrefix(name, "+") {
				p.zone = loc
				return e, true
			}
		}
	}
	return pos, false
}

// parseLooseOffset reads +H, +HH, +HH:mm, +HHmm, +HH:mm:ss, +HHmmss.
func parseLooseOffset(s []byte, pos int) (int, int, bool) {
	if pos >= len(s) || (s[pos] != '+' && s[pos] != '-') {
		return 0, pos, false
	}
	sign := 1
	if s[pos] == '-' {
		sign = -1
	}
	at := pos + 1
	digits := func(n int) (int, bool) {
		if at+n > len(s) {
			return 0, false
		}
		v := 0
		for k := 0; k < n; k++ {
			c := s[at+k]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		at += n
		return v, true
	}
	h, ok := digits(2)
	if !ok {
		if h, ok = digits(1); !ok {
			return 0, pos, false
		}
	}
	m, sec := 0, 0
	colon := at < len(s) && s[at] == ':'
	if colon {
		at++
	}
	save := at
	if v, ok := digits(2); ok {
		m = v
		if at < len(s) && s[at] == ':' && colon {
			at++
		}
		save2 := at
		if v, ok := digits(2); ok {
			sec = v
		} else {
			at = save2
		}
	} else {
		at = save
		if colon {
			at--
		}
	}
	if h > 18 || m > 59 || sec > 59 {
		return 0, pos, false
	}
	return sign * (h*3600 + m*60 + sec), at, true
}

// parseOffsetPattern is OffsetIdPrinterParser.parse for a pattern such as +HH:MM.
func parseOffsetPattern(s []byte, pos int, pattern, zero string) (int, int, bool) {
	if zero != "" && hasPrefixFold(s, pos, zero) && (pos+len(zero) == len(s) || zero == "Z" || s[pos+len(zero)] < '0' || s[pos+len(zero)] > '9') {
		if zero == "Z" || !(pos+len(zero) < len(s) && (s[pos+len(zero)] == ':' || s[pos+len(zero)] >= '0' && s[pos+len(zero)] <= '9')) {
			return 0, pos + len(zero), true
		}
	}
	if pos >= len(s) || (s[pos] != '+' && s[pos] != '-') {
		return 0, pos, false
	}
	sign := 1
	if s[pos] == '-' {
		sign = -1
	}
	at := pos + 1
	two := func() (int, bool) {
		if at+2 > len(s) || s[at] < '0' || s[at] > '9' || s[at+1] < '0' || s[at+1] > '9' {
			return 0, false
		}
		v := int(s[at]-'0')*10 + int(s[at+1]-'0')
		at += 2
		return v, true
	}
	h, ok := two()
	if !ok {
		return 0, pos, false
	}
	colon := strings.Contains(pattern, ":")
	m, sec := 0, 0
	optionalMinutes := pattern == "+HHmm" || pattern == "+HH:mm"
	if pattern != "+HH" {
		save := at
		if colon {
			if at < len(s) && s[at] == ':' {
				at++
			} else if !optionalMinutes {
				return 0, pos, false
			}
		}
		if v, ok := two(); ok {
			m = v
		} else if optionalMinutes {
			at = save
		} else {
			return 0, pos, false
		}
		if strings.HasSuffix(pattern, "ss") || strings.HasSuffix(pattern, "SS") {
			save := at
			if colon {
				if at < len(s) && s[at] == ':' {
					at++
				}
			}
			if v, ok := two(); ok {
				sec = v
			} else {
				at = save
			}
		}
	}
	if h > 18 || m > 59 || sec > 59 {
		return 0, pos, false
	}
	return sign * (h*3600 + m*60 + sec), at, true
}

// resolveDate is java.time's STRICT date resolution followed by Spark's defaults
// (toLocalDate): the epoch day, or an error message.
func (p *dtParsed) resolveDate() (int64, string) {
	for f := dtField(0); f < nFields; f++ {
		if !p.has(f) {
			continue
		}
		r := fieldRanges[f]
		if f == fDayOfMonth {
			r = [2]int64{1, 31}
		}
		if p.v[f] < r[0] || p.v[f] > r[1] {
			rng := strconv.FormatInt(r[0], 10) + " - " + strconv.FormatInt(r[1], 10)
			if f == fDayOfMonth {
				rng = "1 - 28/31"
			} else if f == fDayOfYear {
				rng = "1 - 365/366"
			}
			return 0, "Invalid value for " + fieldNames[f] + " (valid values " + rng + "): " + strconv.FormatInt(p.v[f], 10)
		}
	}
	year, hasYear := int64(1970), false
	switch {
	case p.has(fYear):
		year, hasYear = p.v[fYear], true
		if p.has(fYearOfEra) && p.has(fEra) {
			y := p.v[fYearOfEra]
			if p.v[fEra] == 0 {
				y = 1 - y
			}
			if y != year {
				return 0, "Conflict found: Year " + strconv.FormatInt(year, 10) + " differs from Year " + strconv.FormatInt(y, 10)
			}
		}
	case p.has(fYearOfEra) && p.has(fEra):
		year, hasYear = p.v[fYearOfEra], true
		if p.v[fEra] == 0 {
			year = 1 - year
		}
	}
	var days int64
	switch {
	case hasYear && p.has(fMonth) && p.has(fDayOfMonth):
		m, d := int(p.v[fMonth]), int(p.v[fDayOfMonth])
		if msg := checkDate(year, m, d); msg != "" {
			return 0, msg
		}
		days = daysFromCivil(year, m, d)
		if p.has(fDayOfYear) {
			if doy := days - daysFromCivil(year, 1, 1) + 1; doy != p.v[fDayOfYear] {
				return 0, "Conflict found: Field DayOfYear " + strconv.FormatInt(doy, 10) + " differs from DayOfYear " + strconv.FormatInt(p.v[fDayOfYear], 10) + " derived from " + isoDate(year, m, d)
			}
		}
	case p.has(fDayOfYear):
		doy := p.v[fDayOfYear]
		if doy == 366 && !isLeap(year) {
			return 0, "Invalid date 'DayOfYear 366' as '" + strconv.FormatInt(year, 10) + "' is not a leap year"
		}
		days = daysFromCivil(year, 1, 1) + doy - 1
		y, m, d := civilFromDays(days)
		if p.has(fMonth) && int64(m) != p.v[fMonth] {
			return 0, "Conflict found: Field MonthOfYear " + strconv.Itoa(m) + " differs from MonthOfYear " + strconv.FormatInt(p.v[fMonth], 10) + " derived from " + isoDate(y, m, d)
		}
		if p.has(fDayOfMonth) && int64(d) != p.v[fDayOfMonth] {
			return 0, "Conflict found: Field DayOfMonth " + strconv.Itoa(d) + " differs from DayOfMonth " + strconv.FormatInt(p.v[fDayOfMonth], 10) + " derived from " + isoDate(y, m, d)
		}
	default:
		m, d := 1, 1
		if p.has(fMonth) {
			m = int(p.v[fMonth])
		}
		if p.has(fDayOfMonth) {
			d = int(p.v[fDayOfMonth])
		}
		if msg := checkDate(year, m, d); msg != "" {
			return 0, msg
		}
		days = daysFromCivil(year, m, d)
	}
	if p.has(fDayOfWeek) {
		wd := (floorModI(days+3, 7)) + 1 // 1970-01-01 is a Thursday (4)
		if wd != p.v[fDayOfWeek] {
			y, m, d := civilFromDays(days)
			return 0, "Conflict found: Field DayOfWeek " + strconv.FormatInt(wd, 10) + " differs from DayOfWeek " + strconv.FormatInt(p.v[fDayOfWeek], 10) + " derived from " + isoDate(y, m, d)
		}
	}
	return days, ""
}

func floorModI(a, b int64) int64 { return a - floorDivI(a, b)*b }

func isoDate(y int64, m, d int) string {
	return string(appendISODate(nil, y, m, d))
}

func appendISODate(dst []byte, y int64, m, d int) []byte {
	days := daysFromCivil(y, m, d)
	t := time.Unix(days*86400, 0).UTC()
	return t.AppendFormat(dst, "2006-01-02")
}

var monthUpper = []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
	"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}

// checkDate is LocalDate.of's validation, with its messages.
func checkDate(y int64, m, d int) string {
	if m < 1 || m > 12 {
		return "Invalid value for MonthOfYear (valid values 1 - 12): " + strconv.Itoa(m)
	}
	if d < 1 || d > 31 {
		return "Invalid value for DayOfMonth (valid values 1 - 28/31): " + strconv.Itoa(d)
	}
	if d > daysInMonth(y, m) {
		if m == 2 && d == 29 {
			return "Invalid date 'February 29' as '" + strconv.FormatInt(y, 10) + "' is not a leap year"
		}
		return "Invalid date '" + monthUpper[m-1] + " " + strconv.Itoa(d) + "'"
	}
	return ""
}

// resolveTime is STRICT time resolution and Spark's toLocalTime defaults: microseconds of
// the day.
func (p *dtParsed) resolveTime() (int64, string) {
	hour := int64(-1)
	if p.has(fClockHourOfDay) {
		h := p.v[fClockHourOfDay] % 24
		if p.has(fHourOfDay) && p.v[fHourOfDay] != h {
			return 0, "Conflict found: HourOfDay differs from ClockHourOfDay"
		}
		hour = h
	}
	if p.has(fHourOfDay) {
		hour = p.v[fHourOfDay]
	}
	hap := int64(-1)
	if p.has(fClockHourOfAmPm) {
		hap = p.v[fClockHourOfAmPm] % 12
	}
	if p.has(fHourOfAmPm) {
		if hap >= 0 && hap != p.v[fHourOfAmPm] {
			return 0, "Conflict found: HourOfAmPm differs from ClockHourOfAmPm"
		}
		hap = p.v[fHourOfAmPm]
	}
	switch {
	case hour >= 0:
		if p.has(fAmPm) && hour/12 != p.v[fAmPm] {
			return 0, "Conflict found: Field AmPmOfDay " + strconv.FormatInt(hour/12, 10) + " differs from AmPmOfDay " + strconv.FormatInt(p.v[fAmPm], 10)
		}
		if hap >= 0 && hour%12 != hap {
			return 0, "Conflict found: Field HourOfAmPm differs from HourOfDay"
		}
	case hap >= 0 && p.has(fAmPm):
		hour = p.v[fAmPm]*12 + hap
	case hap >= 0:
		hour = hap
	case p.has(fAmPm) && p.v[fAmPm] == 1:
		hour = 12
	default:
		hour = 0
	}
	us := hour * 3_600_000_000
	if p.has(fMinute) {
		us += p.v[fMinute] * 60_000_000
	}
	if p.has(fSecond) {
		us += p.v[fSecond] * 1_000_000
	}
	if p.has(fNano) {
		us += p.v[fNano] / 1000
	}
	return us, ""
}

// parseMicros parses s into an instant (microseconds), in the parsed zone or loc.
func (f *dtFormat) parseMicros(s []byte, loc *time.Location) (int64, error) {
	p, err := f.parse(s)
	if err != nil {
		return 0, err
	}
	days, msg := p.resolveDate()
	if msg != "" {
		return 0, &parseError{msg}
	}
	tod, msg := p.resolveTime()
	if msg != "" {
		return 0, &parseError{msg}
	}
	zone := loc
	if p.zone != nil {
		zone = p.zone
	}
	local, ok := secMicros(days*86400, tod)
	if !ok {
		return 0, javaArithmetic("long overflow")
	}
	us, ok := localToInstant(local, sessionZone(zone))
	if !ok {
		return 0, javaArithmetic("long overflow")
	}
	return us, nil
}

// parseLocal parses s into wall-clock microseconds (TIMESTAMP_NTZ), ignoring a zone.
func (f *dtFormat) parseLocal(s []byte) (int64, error) {
	p, err := f.parse(s)
	if err != nil {
		return 0, err
	}
	days, msg := p.resolveDate()
	if msg != "" {
		return 0, &parseError{msg}
	}
	tod, msg := p.resolveTime()
	if msg != "" {
		return 0, &parseError{msg}
	}
	local, ok := secMicros(days*86400, tod)
	if !ok {
		return 0, &parseError{"Instant exceeds minimum or maximum instant"}
	}
	return local, nil
}
