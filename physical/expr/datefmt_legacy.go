package expr

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/sparkerror"
)

// The datetime patterns of Spark's LEGACY time parser policy: java.text.SimpleDateFormat,
// which LegacySimpleTimestampFormatter uses (to_timestamp, to_date, unix_timestamp,
// date_format, from_unixtime: not lenient), and Apache Commons' FastDateFormat with Spark's
// MicrosCalendar, which LegacyFastTimestampFormatter and LegacyFastDateFormatter use (the
// dateFormat and timestampFormat options of the JSON, CSV and XML functions: a lenient
// calendar, and 'S' a fraction of as many digits as the pattern has 'S').
//
// Both count in java.util.GregorianCalendar's hybrid calendar (Julian before 1582-10-15)
// in Locale.US (weeks start on Sunday; the first week of a year or a month is the one
// holding its first day). Spark moves values between it and its proleptic Gregorian
// calendar keeping the local date and time fields, so the fields printed are the
// proleptic ones (the ten days 1582-10-05..14, missing from the hybrid calendar, print as
// 1582-10-15) while the days of the week and of the year are the hybrid calendar's.
// java.util.TimeZone knows no transition before 1900: offsets of earlier instants are
// those of 1900.

// legacyLetters are SimpleDateFormat's pattern letters (DateFormatSymbols.patternChars).
const legacyLetters = "GyMdkHmsSEDFwWahKzZYuXL"

// legacyItem is a pattern letter repeated count times, or literal text (letter 0).
type legacyItem struct {
	letter byte
	count  int
	lit    string
}

// legacyFormat is a compiled SimpleDateFormat or FastDateFormat pattern.
type legacyFormat struct {
	pattern string
	items   []legacyItem
	// fast: FastDateFormat over Spark's MicrosCalendar (lenient; 'S' is a fraction of
	// fracDigits digits, fracDigits the number of 'S' in the pattern).
	fast       bool
	lenient    bool
	fracDigits int
	weeks      bool // the pattern prints week fields (w, W, Y)
	// Two-digit years ('y', 'yy') fall in the century from 80 years before the formatter
	// was made: centuryStart is that instant (milliseconds), centuryYear its year.
	centuryStart int64
	centuryYear  int64
}

// compileLegacy compiles a SimpleDateFormat pattern (fast: a FastDateFormat one); an
// invalid pattern is a *javaPatternError with Java's IllegalArgumentException message.
func compileLegacy(pattern string, fast bool, now time.Time) (*legacyFormat, error) {
	f := &legacyFormat{pattern: pattern, fast: fast, lenient: fast}
	start := now.AddDate(-80, 0, 0)
	f.centuryStart, f.centuryYear = start.UnixMilli(), int64(start.Year())
	var lit strings.Builder
	flushLit := func() {
		if lit.Len() > 0 {
			f.items = append(f.items, legacyItem{lit: lit.String()})
			lit.Reset()
		}
	}
	inQuote := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '\'' {
			if i+1 < len(pattern) && pattern[i+1] == '\'' {
				// '' is a quote, in a quoted section or not.
				i++
				lit.WriteByte('\'')
				continue
			}
			inQuote = !inQuote
			continue
		}
		if inQuote || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			lit.WriteByte(c)
			continue
		}
		if strings.IndexByte(legacyLetters, c) < 0 {
			return nil, &javaPatternError{"Illegal pattern character '" + string(c) + "'"}
		}
		n := 1
		for i+n < len(pattern) && pattern[i+n] == c {
			n++
		}
		if c == 'X' && n >= 4 {
			if fast {
				return nil, &javaPatternError{"invalid number of X"}
			}
			return nil, &javaPatternError{"invalid ISO 8601 format: length=" + strconv.Itoa(n)}
		}
		flushLit()
		f.items = append(f.items, legacyItem{letter: c, count: n})
		switch c {
		case 'S':
			f.fracDigits += n
		case 'w', 'W', 'Y':
			f.weeks = true
		}
		i += n - 1
	}
	if inQuote {
		return nil, &javaPatternError{"Unterminated quote"}
	}
	flushLit()
	return f, nil
}

// The hybrid calendar.

// gregorianCutover is the epoch day of 1582-10-15, the first Gregorian day of
// GregorianCalendar; the days before are Julian.
const gregorianCutover = -141427

// julianDaysFromCivil is the epoch day of y-m-d in the Julian calendar.
func julianDaysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
		m += 12
	}
	return 365*y + floorDivI(y, 4) + int64((153*(m-3)+2)/5) + int64(d) - 1 - 719470
}

// julianCivilFromDays is the Julian date of an epoch day.
func julianCivilFromDays(z int64) (y int64, m, d int) {
	days := z + 719470
	y = floorDivI(4*days+3, 1461)
	doy := days - (365*y + floorDivI(y, 4))
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
		y++
	}
	return y, m, d
}

// hybridCivil is the date of an epoch day in the hybrid calendar.
func hybridCivil(day int64) (int64, int, int) {
	if day >= gregorianCutover {
		return civilFromDays(day)
	}
	return julianCivilFromDays(day)
}

// hybridJan1 is the epoch day of January 1 of year y in the hybrid calendar (1582 starts
// in the Julian calendar).
func hybridJan1(y int64) int64 {
	if y > 1582 {
		return daysFromCivil(y, 1, 1)
	}
	return julianDaysFromCivil(y, 1, 1)
}

// hybridLeap is GregorianCalendar.isLeapYear.
func hybridLeap(y int64) bool {
	if y > 1582 {
		return isLeap(y)
	}
	return floorModI(y, 4) == 0
}

// calDayOfWeek is Calendar's DAY_OF_WEEK of an epoch day: 1 Sunday .. 7 Saturday.
func calDayOfWeek(day int64) int { return int(floorModI(day+4, 7)) + 1 }

// dayOnOrBefore is the last day on or before day that is a dow (Calendar's numbering).
func dayOnOrBefore(day int64, dow int) int64 {
	return day - floorModI(int64(calDayOfWeek(day)-dow), 7)
}

// weekNumber is Calendar.getWeekNumber for Locale.US: the week (from Sunday) of day in the
// period starting on first, the week holding first being week 1.
func weekNumber(first, day int64) int64 {
	start := dayOnOrBefore(first+6, 1)
	if start-first >= 1 {
		start -= 7
	}
	return floorDivI(day-start, 7) + 1
}

// hybridFields are GregorianCalendar's date fields of a day.
type hybridFields struct {
	year              int64 // proleptic (0 is 1 BC)
	month, day        int
	yday, wday        int // day of the year; DAY_OF_WEEK (1 Sunday)
	weekOfYear        int
	weekYear          int64
	weekOfMonth       int
	dayOfWeekInMonth  int
	epochDay          int64
	leapYear, lastDay bool
}

func hybridFieldsOf(epochDay int64) hybridFields {
	y, m, d := hybridCivil(epochDay)
	h := hybridFields{year: y, month: m, day: d, epochDay: epochDay, wday: calDayOfWeek(epochDay)}
	jan1 := hybridJan1(y)
	h.yday = int(epochDay - jan1 + 1)
	h.weekYear = y
	woy := weekNumber(jan1, epochDay)
	if woy >= 52 {
		next := hybridJan1(y + 1)
		nextStart := dayOnOrBefore(next+6, 1)
		if nextStart-next >= 1 && epochDay >= nextStart-7 {
			woy, h.weekYear = 1, y+1
		}
	}
	h.weekOfYear = int(woy)
	var first int64
	if y == 1582 && m == 10 && epochDay >= gregorianCutover {
		first = julianDaysFromCivil(1582, 10, 1)
	} else {
		first = epochDay - int64(d) + 1
	}
	h.weekOfMonth = int(weekNumber(first, epochDay))
	h.dayOfWeekInMonth = (d-1)/7 + 1
	return h
}

// legacyFormatMillis / legacyParse bounds: java.util.TimeZone's offsets before 1900.
const zoneInfoStart = -2208988800 // 1900-01-01T00:00:00Z

// zoneInfoTime is the instant whose offset java.util.TimeZone gives sec: sec itself, or
// 1900 for earlier instants.
func zoneInfoTime(sec int64) int64 {
	if sec < zoneInfoStart {
		return zoneInfoStart
	}
	return sec
}

// ---- formatting ----

// format appends the datetime v (an instant in its zone) as the pattern prints it.
func (f *legacyFormat) format(dst []byte, v *dtValues) ([]byte, error) {
	y, m, d := v.year, v.month, v.day
	if y == 1582 && m == 10 && d >= 5 && d <= 14 {
		d = 15
	}
	var epochDay int64
	if y > 1582 || y == 1582 && (m > 10 || m == 10 && d >= 15) {
		epochDay = daysFromCivil(y, m, d)
	} else {
		epochDay = julianDaysFromCivil(y, m, d)
	}
	var h hybridFields
	if f.weeks {
		h = hybridFieldsOf(epochDay)
	} else {
		hy, _, _ := hybridCivil(epochDay)
		h = hybridFields{wday: calDayOfWeek(epochDay), yday: int(epochDay - hybridJan1(hy) + 1), dayOfWeekInMonth: (d-1)/7 + 1}
	}
	h.year, h.month, h.day = y, m, d
	zt := time.Unix(zoneInfoTime(v.t.Unix()), 0).In(v.t.Location())
	_, off := zt.Zone()
	zv := *v
	zv.t, zv.offset = zt, off
	// MILLISECOND: Timestamp's milliseconds, or (MicrosCalendar) the microseconds scaled to
	// the pattern's fraction digits.
	frac := int64(v.nano / 1_000_000)
	if f.fast {
		if f.fracDigits > maxFracDigits {
			// Decimal.POW_10(digits) in MicrosCalendar.setMicros.
			return dst, &sparkerror.Error{Kind: sparkerror.ArrayIndexOutOfBounds,
				Message: "Index " + strconv.Itoa(f.fracDigits) + " out of bounds for length " + strconv.Itoa(maxFracDigits+1),
				JavaClasses: []string{"java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
					"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}}
		}
		frac = int64(v.nano/1000) * pow10i(f.fracDigits) / 1_000_000
	}
	for _, it := range f.items {
		if it.letter == 0 {
			dst = append(dst, it.lit...)
			continue
		}
		n := it.count
		switch it.letter {
		case 'G':
			dst = append(dst, []string{"BC", "AD"}[btoi(y > 0)]...)
		case 'y', 'Y':
			yy := y
			if it.letter == 'Y' {
				yy = h.weekYear
			}
			if yy <= 0 {
				yy = 1 - yy
			}
			switch {
			case n == 2:
				dst = appendPadded(dst, yy%100, 2)
			case f.fast && n < 4:
				dst = appendPadded(dst, yy, 4)
			default:
				dst = appendPadded(dst, yy, n)
			}
		case 'M', 'L':
			switch {
			case n >= 4:
				dst = append(dst, monthsFull[m-1]...)
			case n == 3:
				dst = append(dst, monthsShort[m-1]...)
			default:
				dst = appendPadded(dst, int64(m), n)
			}
		case 'd':
			dst = appendPadded(dst, int64(d), n)
		case 'k':
			hh := v.hour
			if hh == 0 {
				hh = 24
			}
			dst = appendPadded(dst, int64(hh), n)
		case 'H':
			dst = appendPadded(dst, int64(v.hour), n)
		case 'm':
			dst = appendPadded(dst, int64(v.minute), n)
		case 's':
			dst = appendPadded(dst, int64(v.second), n)
		case 'S':
			dst = appendPadded(dst, frac, n)
		case 'E':
			wd := (h.wday+5)%7 + 1 // ISO: Monday 1
			if n >= 4 {
				dst = append(dst, daysFull[wd-1]...)
			} else {
				dst = append(dst, daysShort[wd-1]...)
			}
		case 'u':
			dst = appendPadded(dst, int64((h.wday+5)%7+1), n)
		case 'D':
			dst = appendPadded(dst, int64(h.yday), n)
		case 'F':
			dst = appendPadded(dst, int64(h.dayOfWeekInMonth), n)
		case 'w':
			dst = appendPadded(dst, int64(h.weekOfYear), n)
		case 'W':
			dst = appendPadded(dst, int64(h.weekOfMonth), n)
		case 'a':
			dst = append(dst, []string{"AM", "PM"}[v.hour/12]...)
		case 'h':
			hh := v.hour % 12
			if hh == 0 {
				hh = 12
			}
			dst = appendPadded(dst, int64(hh), n)
		case 'K':
			dst = appendPadded(dst, int64(v.hour%12), n)
		case 'z':
			style := styleShort
			if n >= 4 {
				style = styleFull
			}
			dst = append(dst, zoneNameText(&zv, style)...)
		case 'Z':
			switch {
			case f.fast && n == 2: // FastDatePrinter's ISO 8601 hours:minutes
				dst = appendOffset(dst, off, "+HH:MM", "Z")
			case f.fast && n > 2:
				dst = appendOffset(dst, off, "+HH:MM", "+00:00")
			default:
				dst = appendRFC822(dst, off)
			}
		case 'X':
			if off == 0 {
				dst = append(dst, 'Z')
				break
			}
			dst = appendOffset(dst, off, []string{"+HH", "+HHMM", "+HH:MM"}[n-1], "Z")
		}
	}
	return dst, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxFracDigits is the largest power of ten MicrosCalendar scales a fraction by
// (Decimal.POW_10 has 10^0 .. 10^18).
const maxFracDigits = 18

func pow10i(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// appendPadded appends x with at least n digits (DecimalFormat's minimum integer digits).
func appendPadded(dst []byte, x int64, n int) []byte {
	if x < 0 {
		dst = append(dst, '-')
		x = -x
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], x, 10)
	for k := len(digits); k < n; k++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

// appendRFC822 is 'Z': the offset as +HHMM (minutes truncated).
func appendRFC822(dst []byte, off int) []byte {
	mins := off / 60
	sign := byte('+')
	if mins < 0 {
		sign, mins = '-', -mins
	}
	dst = append(dst, sign)
	return appendPadded(dst, int64(mins/60*100+mins%60), 4)
}
