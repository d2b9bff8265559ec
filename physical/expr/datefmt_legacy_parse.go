package expr

import (
	"math"
	"math/big"
	"strings"
	"time"
)

// Parsing with a legacy pattern: SimpleDateFormat.parse (subParse per pattern letter into
// a CalendarBuilder) and then GregorianCalendar.computeTime (field resolution by the
// order the fields were set in, validation when not lenient), or FastDateParser's
// strategies over a lenient calendar. The instant is then moved to the proleptic
// Gregorian calendar keeping its local fields, as Spark's fromJavaTimestamp does.

// java.util.Calendar's fields.
const (
	cEra = iota
	cYear
	cMonth
	cWeekOfYear
	cWeekOfMonth
	cDayOfMonth
	cDayOfYear
	cDayOfWeek
	cDayOfWeekInMonth
	cAmPm
	cHour
	cHourOfDay
	cMinute
	cSecond
	cMillisecond
	cZoneOffset
	cDstOffset
	cWeekYear // CalendarBuilder's pseudo field
	cFields
)

// GregorianCalendar's getMinimum and getMaximum (offsets in milliseconds).
var (
	calMin = [cFields]int64{0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, -13 * 3600000, 0, 1}
	calMax = [cFields]int64{1, 292278994, 11, 53, 6, 31, 366, 7, 6, 1, 11, 23, 59, 59, 999, 14 * 3600000, 2 * 3600000, 292278994}
)

// calFields is a CalendarBuilder: values and the order they were set in (0: unset).
type calFields struct {
	v     [cFields]int64
	stamp [cFields]int
	next  int
	// zone is the zone a zone name in the text named (SimpleDateFormat then computes in
	// it), nil when none.
	zone *time.Location
}

func (c *calFields) set(f int, v int64) {
	c.next++
	c.v[f], c.stamp[f] = v, c.next
}

func (c *calFields) isSet(f int) bool { return c.stamp[f] > 0 }

func (c *calFields) clear(f int) { c.v[f], c.stamp[f] = 0, 0 }

// parse reads s into an instant (microseconds) in loc, the session zone; false when it
// does not parse (SimpleDateFormat's ParseException "Unparseable date").
func (f *legacyFormat) parse(s []byte, loc *time.Location) (int64, bool) {
	var c calFields
	ambiguous := false
	var ok bool
	if f.fast {
		ok = f.parseFast(s, &c)
	} else {
		ok = f.parseSimple(s, &c, &ambiguous)
	}
	if !ok {
		return 0, false
	}
	zone := loc
	if c.zone != nil {
		zone = c.zone
	}
	var frac int64
	if f.fast && c.isSet(cMillisecond) {
		// MicrosCalendar: the 'S' digits are a fraction of fracDigits digits, added to
		// the instant of the other fields.
		frac, c.v[cMillisecond] = c.v[cMillisecond], 0
	}
	ms, ok := f.establish(&c, zone)
	if !ok {
		return 0, false
	}
	if ambiguous && ms < f.centuryStart {
		// The two-digit year that names the start of the century window: the next
		// century when the date falls before the window.
		c.v[cYear] += 100
		if ms, ok = f.establish(&c, zone); !ok {
			return 0, false
		}
	}
	if ms > math.MaxInt64/1000 || ms < math.MinInt64/1000 {
		return 0, false // millisToMicros overflows
	}
	micros := ms * 1000
	if frac != 0 {
		if f.fracDigits > maxFracDigits {
			return 0, false // MicrosCalendar has no power of ten that large
		}
		micros += frac * 1_000_000 / pow10i(f.fracDigits)
	}
	return rebaseJulianMicros(micros, loc), true
}

// parseSimple is SimpleDateFormat.parse(String): the pattern must match from the start,
// and text may follow.
func (f *legacyFormat) parseSimple(s []byte, c *calFields, ambiguous *bool) bool {
	pos := 0
	for k, it := range f.items {
		if it.letter == 0 {
			if !hasPrefixAt(s, pos, it.lit) {
				return false
			}
			pos += len(it.lit)
			continue
		}
		obey := false
		if k+1 < len(f.items) {
			obey = obeysCount(f.items[k+1])
		}
		np, ok := f.subParse(s, pos, it, obey, c, ambiguous)
		if !ok {
			return false
		}
		pos = np
	}
	return pos > 0
}

// obeysCount is SimpleDateFormat.shouldObeyCount: a number right before next reads at
// most as many digits as its letters.
func obeysCount(next legacyItem) bool {
	switch next.letter {
	case 'M', 'L':
		return next.count <= 2
	case 'y', 'd', 'k', 'H', 'm', 's', 'S', 'D', 'F', 'w', 'W', 'h', 'K', 'Y', 'u':
		return true
	}
	return false
}

// legacyField is the Calendar field of a numeric or text pattern letter.
func legacyField(letter byte) int {
	switch letter {
	case 'G':
		return cEra
	case 'y':
		return cYear
	case 'Y':
		return cWeekYear
	case 'M', 'L':
		return cMonth
	case 'd':
		return cDayOfMonth
	case 'k', 'H':
		return cHourOfDay
	case 'm':
		return cMinute
	case 's':
		return cSecond
	case 'S':
		return cMillisecond
	case 'E', 'u':
		return cDayOfWeek
	case 'D':
		return cDayOfYear
	case 'F':
		return cDayOfWeekInMonth
	case 'w':
		return cWeekOfYear
	case 'W':
		return cWeekOfMonth
	case 'a':
		return cAmPm
	case 'h', 'K':
		return cHour
	}
	return cZoneOffset
}

// subParse is SimpleDateFormat.subParse for one pattern letter at start.
func (f *legacyFormat) subParse(s []byte, start int, it legacyItem, obey bool, c *calFields, ambiguous *bool) (int, bool) {
	pos := start
	for {
		if pos >= len(s) {
			return start, false
		}
		if s[pos] != ' ' && s[pos] != '\t' {
			break
		}
		pos++
	}
	actual := pos
	number := func() (int64, int, bool) {
		end := len(s)
		if obey {
			if start+it.count > len(s) {
				return 0, pos, false
			}
			end = start + it.count
		}
		return parseJavaInt(s, pos, end)
	}
	n, letter := it.count, it.letter
	switch {
	case letter == 'k' || letter == 'h' || (letter == 'M' || letter == 'L') && n <= 2 || letter == 'y' || letter == 'Y':
		v, np, ok := number()
		if !ok {
			return start, false
		}
		switch letter {
		case 'y', 'Y':
			if n <= 2 && np-actual == 2 && isDigit(s[actual]) && isDigit(s[actual+1]) {
				amb := f.centuryYear % 100
				*ambiguous = v == amb
				v += f.centuryYear / 100 * 100
				if v < f.centuryYear {
					v += 100
				}
			}
			c.set(legacyField(letter), v)
		case 'M', 'L':
			c.set(cMonth, v-1)
		case 'k':
			if !f.lenient && (v < 1 || v > 24) {
				return start, false
			}
			if v == 24 {
				v = 0
			}
			c.set(cHourOfDay, v)
		case 'h':
			if !f.lenient && (v < 1 || v > 12) {
				return start, false
			}
			if v == 12 {
				v = 0
			}
			c.set(cHour, v)
		}
		return np, true
	case letter == 'G':
		return matchNames(s, start, []string{"BC", "AD"}, 0, cEra, c)
	case letter == 'M' || letter == 'L':
		if np, ok := matchNames(s, start, monthsFull, 0, cMonth, c); ok {
			return np, true
		}
		return matchNames(s, start, monthsShort, 0, cMonth, c)
	case letter == 'E':
		if np, ok := matchNames(s, start, calDaysFull, 1, cDayOfWeek, c); ok {
			return np, true
		}
		return matchNames(s, start, calDaysShort, 1, cDayOfWeek, c)
	case letter == 'a':
		return matchNames(s, start, []string{"AM", "PM"}, 0, cAmPm, c)
	case letter == 'z' || letter == 'Z':
		return parseZoneText(s, pos, c)
	case letter == 'X':
		if pos >= len(s) {
			return start, false
		}
		switch s[pos] {
		case 'Z':
			c.set(cZoneOffset, 0)
			c.set(cDstOffset, 0)
			return pos + 1, true
		case '+', '-':
			sign := int64(1)
			if s[pos] == '-' {
				sign = -1
			}
			return parseNumericZone(s, pos+1, sign, n, n == 3, c)
		}
		return start, false
	}
	v, np, ok := number()
	if !ok {
		return start, false
	}
	if letter == 'u' && v >= 1 && v <= 7 {
		// ISO day of the week (1 Monday) to Calendar's (1 Sunday).
		v = v%7 + 1
	}
	c.set(legacyField(letter), v)
	return np, true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// hasPrefixAt reports whether s continues with lit at pos (exactly).
func hasPrefixAt(s []byte, pos int, lit string) bool {
	if len(s)-pos < len(lit) {
		return false
	}
	for k := 0; k < len(lit); k++ {
		if s[pos+k] != lit[k] {
			return false
		}
	}
	return true
}

// Calendar's weekday names, indexed by DAY_OF_WEEK (1 Sunday).
var (
	calDaysFull  = []string{"", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	calDaysShort = []string{"", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// matchNames is SimpleDateFormat.matchString: the longest of names (from index from) the
// text starts with, ignoring case; its index is the field's value.
func matchNames(s []byte, start int, names []string, from, field int, c *calFields) (int, bool) {
	best, bestLen := -1, 0
	for i := from; i < len(names); i++ {
		if len(names[i]) > bestLen && hasPrefixFold(s, start, names[i]) {
			best, bestLen = i, len(names[i])
		}
	}
	if best < 0 {
		return start, false
	}
	c.set(field, int64(best))
	return start + bestLen, true
}

// parseJavaInt is the integer NumberFormat of SimpleDateFormat (DecimalFormat, Locale.US,
// no grouping, integer only) reading s[pos:end]: an optional minus, digits, an optional
// exponent (E, an optional minus, digits); the value as Number.intValue gives it.
func parseJavaInt(s []byte, pos, end int) (int64, int, bool) {
	i := pos
	neg := i < end && s[i] == '-'
	if neg {
		i++
	}
	d0 := i
	var v uint64
	overflow := false
	for i < end && isDigit(s[i]) {
		if v > (math.MaxUint64-9)/10 {
			overflow = true
		}
		v = v*10 + uint64(s[i]-'0')
		i++
	}
	if i == d0 {
		return 0, pos, false
	}
	digits := s[d0:i]
	exp := int64(0)
	hasExp := false
	if i < end && s[i] == 'E' {
		j := i + 1
		eneg := j < end && s[j] == '-'
		if eneg {
			j++
		}
		e0 := j
		for j < end && isDigit(s[j]) && j-e0 < 10 {
			exp = exp*10 + int64(s[j]-'0')
			j++
		}
		if j > e0 {
			if eneg {
				exp = -exp
			}
			hasExp, i = true, j
		}
	}
	if !hasExp && !overflow && v <= math.MaxInt64 {
		x := int64(v)
		if neg {
			x = -x
		}
		return int64(int32(x)), i, true
	}
	// A value beyond a long, or with an exponent: a Long when integral and in range, else
	// a Double (whose intValue saturates).
	m, _ := new(big.Int).SetString(string(digits), 10)
	if neg {
		m.Neg(m)
	}
	r := new(big.Rat).SetInt(m)
	if exp != 0 && exp > -400 && exp < 400 {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(exp)), nil)
		if exp > 0 {
			r.Mul(r, new(big.Rat).SetInt(p))
		} else {
			r.Quo(r, new(big.Rat).SetInt(p))
		}
	} else if exp != 0 {
		if exp > 0 && m.Sign() != 0 {
			if neg {
				return math.MinInt32, i, true
			}
			return math.MaxInt32, i, true
		}
		return 0, i, true
	}
	if r.IsInt() && r.Num().IsInt64() {
		return int64(int32(r.Num().Int64())), i, true
	}
	q := new(big.Int).Quo(r.Num(), r.Denom())
	switch {
	case q.Cmp(big.NewInt(math.MaxInt32)) > 0:
		return math.MaxInt32, i, true
	case q.Cmp(big.NewInt(math.MinInt32)) < 0:
		return math.MinInt32, i, true
	}
	return q.Int64(), i, true
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// legacyZoneNames are the Locale.US zone strings SimpleDateFormat matches ('z', 'Z'): id,
// long standard, short standard, long daylight, short daylight name.
var legacyZoneNames = [][5]string{
	{"America/Los_Angeles", "Pacific Standard Time", "PST", "Pacific Daylight Time", "PDT"},
	{"America/Denver", "Mountain Standard Time", "MST", "Mountain Daylight Time", "MDT"},
	{"America/Chicago", "Central Standard Time", "CST", "Central Daylight Time", "CDT"},
	{"America/New_York", "Eastern Standard Time", "EST", "Eastern Daylight Time", "EDT"},
	{"America/Anchorage", "Alaska Standard Time", "AKST", "Alaska Daylight Time", "AKDT"},
	{"Pacific/Honolulu", "Hawaii-Aleutian Standard Time", "HST", "Hawaii-Aleutian Daylight Time", "HDT"},
	{"UTC", "Coordinated Universal Time", "UTC", "Coordinated Universal Time", "UTC"},
	{"Europe/London", "Greenwich Mean Time", "GMT", "British Summer Time", "BST"},
	{"Europe/Paris", "Central European Standard Time", "CET", "Central European Summer Time", "CEST"},
	{"Europe/Athens", "Eastern European Standard Time", "EET", "Eastern European Summer Time", "EEST"},
	{"Europe/Lisbon", "Western European Standard Time", "WET", "Western European Summer Time", "WEST"},
	{"Europe/Moscow", "Moscow Standard Time", "MSK", "Moscow Summer Time", "MSD"},
	{"Asia/Kolkata", "India Standard Time", "IST", "India Standard Time", "IST"},
	{"Asia/Shanghai", "China Standard Time", "CST", "China Daylight Time", "CDT"},
	{"Asia/Tokyo", "Japan Standard Time", "JST", "Japan Daylight Time", "JDT"},
	{"Asia/Seoul", "Korean Standard Time", "KST", "Korean Daylight Time", "KDT"},
	{"Australia/Sydney", "Australian Eastern Standard Time", "AEST", "Australian Eastern Daylight Time", "AEDT"},
	{"Pacific/Auckland", "New Zealand Standard Time", "NZST", "New Zealand Daylight Time", "NZDT"},
}

// parseZoneText is 'z' and 'Z': GMT with an optional offset, +hhmm / -hhmm (RFC 822), or a
// zone name, whose zone the date is then computed in (with its daylight saving when the
// name is a daylight one).
func parseZoneText(s []byte, pos int, c *calFields) (int, bool) {
	if pos >= len(s) {
		return pos, false
	}
	switch s[pos] {
	case '+', '-':
		sign := int64(1)
		if s[pos] == '-' {
			sign = -1
		}
		return parseNumericZone(s, pos+1, sign, 0, false, c)
	}
	if hasPrefixFold(s, pos, "GMT") {
		at := pos + 3
		if at < len(s) && (s[at] == '+' || s[at] == '-') {
			sign := int64(1)
			if s[at] == '-' {
				sign = -1
			}
			return parseNumericZone(s, at+1, sign, 0, true, c)
		}
		c.set(cZoneOffset, 0)
		c.set(cDstOffset, 0)
		return at, true
	}
	for _, names := range legacyZoneNames {
		for k := 1; k <= 4; k++ {
			if !hasPrefixFold(s, pos, names[k]) {
				continue
			}
			loc, ok := zoneByID(names[0])
			if !ok {
				continue
			}
			c.zone = loc
			sameName := k <= 2 && strings.EqualFold(names[k], names[k+2])
			if !sameName {
				dst := int64(0)
				if k >= 3 {
					dst = 3600000
				}
				c.clear(cZoneOffset)
				c.set(cDstOffset, dst)
			}
			return pos + len(names[k]), true
		}
	}
	return pos, false
}

// parseNumericZone is SimpleDateFormat.subParseNumericZone: hh[[:]mm] after the sign
// (count 1: hours only; colon: the colon form; RFC 822 needs two hour digits).
func parseNumericZone(s []byte, at int, sign int64, count int, colon bool, c *calFields) (int, bool) {
	digit := func(i int) (int64, bool) {
		if i >= len(s) || !isDigit(s[i]) {
			return 0, false
		}
		return int64(s[i] - '0'), true
	}
	h, ok := digit(at)
	if !ok {
		return at, false
	}
	at++
	if d, ok := digit(at); ok {
		h = h*10 + d
		at++
	} else if count > 0 || !colon {
		return at, false
	}
	if h > 23 {
		return at, false
	}
	m := int64(0)
	if count != 1 {
		if colon {
			if at >= len(s) || s[at] != ':' {
				return at, false
			}
			at++
		}
		d1, ok1 := digit(at)
		d2, ok2 := digit(at + 1)
		if !ok1 || !ok2 {
			return at, false
		}
		m = d1*10 + d2
		at += 2
		if m > 59 {
			return at, false
		}
	}
	c.set(cZoneOffset, sign*(h*60+m)*60000)
	c.set(cDstOffset, 0)
	return at, true
}

// parseFast is FastDateParser.parse: each strategy in turn (numbers read all their digits,
// or as many as their letters before another number; no signs), text may follow.
func (f *legacyFormat) parseFast(s []byte, c *calFields) bool {
	pos := 0
	for k, it := range f.items {
		if it.letter == 0 {
			if !hasPrefixAt(s, pos, it.lit) {
				return false
			}
			pos += len(it.lit)
			continue
		}
		width := 0
		if isFastNumber(it) && k+1 < len(f.items) && isFastNumber(f.items[k+1]) {
			width = it.count
		}
		np, ok := f.fastStrategy(s, pos, it, width, c)
		if !ok {
			return false
		}
		pos = np
	}
	return true
}

func isFastNumber(it legacyItem) bool {
	switch it.letter {
	case 'M', 'L':
		return it.count <= 2
	case 'G', 'E', 'a', 'z', 'Z', 'X', 0:
		return false
	}
	return true
}

func (f *legacyFormat) fastStrategy(s []byte, pos int, it legacyItem, width int, c *calFields) (int, bool) {
	switch it.letter {
	case 'G':
		return matchNames(s, pos, []string{"BC", "AD"}, 0, cEra, c)
	case 'E':
		if np, ok := matchNames(s, pos, calDaysFull, 1, cDayOfWeek, c); ok {
			return np, true
		}
		return matchNames(s, pos, calDaysShort, 1, cDayOfWeek, c)
	case 'a':
		return matchNames(s, pos, []string{"AM", "PM"}, 0, cAmPm, c)
	case 'z', 'Z', 'X':
		if it.letter == 'X' && pos < len(s) && s[pos] == 'Z' {
			c.set(cZoneOffset, 0)
			c.set(cDstOffset, 0)
			return pos + 1, true
		}
		if pos < len(s) && (s[pos] == 'Z' || s[pos] == 'z') && it.letter == 'Z' {
			c.set(cZoneOffset, 0)
			c.set(cDstOffset, 0)
			return pos + 1, true
		}
		return parseZoneText(s, pos, c)
	case 'M', 'L':
		if it.count > 2 {
			if np, ok := matchNames(s, pos, monthsFull, 0, cMonth, c); ok {
				return np, true
			}
			return matchNames(s, pos, monthsShort, 0, cMonth, c)
		}
	}
	end := len(s)
	if width == 0 {
		for pos < len(s) && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r' || s[pos] == '\f' || s[pos] == '\v') {
			pos++
		}
	} else if pos+width < end {
		end = pos + width
	}
	at := pos
	var v int64
	for at < end && isDigit(s[at]) {
		v = v*10 + int64(s[at]-'0')
		if v > math.MaxInt32 {
			return pos, false // Integer.parseInt overflows
		}
		at++
	}
	if at == pos {
		return pos, false
	}
	switch it.letter {
	case 'y':
		if it.count == 2 && v < 100 {
			// Two-digit years: the century window from 80 years ago.
			century := f.centuryYear / 100 * 100
			if v >= f.centuryYear%100 {
				v += century
			} else {
				v += century + 100
			}
		}
		c.set(cYear, v)
	case 'M', 'L':
		c.set(cMonth, v-1)
	case 'k':
		if v == 24 {
			v = 0
		}
		c.set(cHourOfDay, v)
	case 'h':
		if v == 12 {
			v = 0
		}
		c.set(cHour, v)
	case 'u':
		if v >= 1 && v <= 7 {
			v = v%7 + 1
		}
		c.set(cDayOfWeek, v)
	default:
		c.set(legacyField(it.letter), v)
	}
	return at, true
}

// ---- GregorianCalendar.computeTime ----

// establish is CalendarBuilder.establish and Calendar.getTime: the instant (milliseconds)
// of the fields in zone; false when a non-lenient calendar rejects them.
func (f *legacyFormat) establish(c0 *calFields, zone *time.Location) (int64, bool) {
	c := *c0
	if c.isSet(cWeekYear) && c.stamp[cWeekYear] > c.stamp[cYear] {
		if !setWeekDate(&c, f.lenient) {
			return 0, false
		}
	}
	if !f.lenient {
		for k := 0; k < cWeekYear; k++ {
			if c.isSet(k) && (c.v[k] < calMin[k] || c.v[k] > calMax[k]) {
				return 0, false
			}
		}
	}
	mask := selectFields(&c)
	year := int64(1970)
	if c.isSet(cYear) {
		year = c.v[cYear]
	}
	if c.isSet(cEra) {
		switch c.v[cEra] {
		case 0:
			year = 1 - year
		case 1:
		default:
			return 0, false
		}
	}
	var tod int64
	if mask&(1<<cHourOfDay) != 0 {
		tod = c.v[cHourOfDay]
	} else {
		tod = c.v[cHour]
		if mask&(1<<cAmPm) != 0 {
			tod += 12 * c.v[cAmPm]
		}
	}
	tod = ((tod*60+c.v[cMinute])*60+c.v[cSecond])*1000 + c.v[cMillisecond]
	day := floorDivI(tod, 86400000)
	tod -= day * 86400000
	var fixed int64
	switch {
	case year > 1582:
		gfd := day + fixedDate(&c, false, year, mask)
		if gfd >= gregorianCutover {
			fixed = gfd
			break
		}
		jfd := day + fixedDate(&c, true, year, mask)
		var ok bool
		if fixed, ok = pickCutover(gfd, jfd, mask, f.lenient); !ok {
			return 0, false
		}
	case year < 1582:
		jfd := day + fixedDate(&c, true, year, mask)
		if jfd < gregorianCutover {
			fixed = jfd
			break
		}
		var ok bool
		if fixed, ok = pickCutover(jfd, jfd, mask, f.lenient); !ok {
			return 0, false
		}
	default:
		jfd := day + fixedDate(&c, true, year, mask)
		gfd := day + fixedDate(&c, false, year, mask)
		var ok bool
		if fixed, ok = pickCutover(gfd, jfd, mask, f.lenient); !ok {
			return 0, false
		}
	}
	wall := fixed*86400000 + tod
	var zoneOff, dstOff int64
	zoneSet, dstSet := mask&(1<<cZoneOffset) != 0, mask&(1<<cDstOffset) != 0
	if !zoneSet || !dstSet {
		raw, dst := zoneInfoOffsetsByWall(zone, floorDivI(wall, 1000))
		zoneOff, dstOff = raw*1000, dst*1000
	}
	if zoneSet {
		zoneOff = c.v[cZoneOffset]
	}
	if dstSet {
		dstOff = c.v[cDstOffset]
	}
	ms := wall - zoneOff - dstOff
	if !f.lenient {
		// Every field set must be what the instant has.
		local := ms + zoneOff + dstOff
		if !zoneSet && !dstSet {
			local = ms + zoneInfoOffset(zone, floorDivI(ms, 1000))*1000
		}
		if !fieldsAgree(&c, local) {
			return 0, false
		}
	}
	return ms, true
}

// pickCutover chooses between the Gregorian (gfd) and Julian (jfd) readings of a date near
// the cutover, as GregorianCalendar.computeTime does; dates in the ten missing days are
// an error unless lenient.
func pickCutover(gfd, jfd int64, mask uint32, lenient bool) (int64, bool) {
	if mask&(1<<cDayOfYear|1<<cWeekOfYear) != 0 {
		return jfd, true
	}
	if gfd >= gregorianCutover {
		return gfd, true
	}
	if jfd < gregorianCutover {
		return jfd, true
	}
	return jfd, lenient
}

// selectFields is Calendar.selectFields: the fields that determine the date and time, by
// which group was set last.
func selectFields(c *calFields) uint32 {
	agg := func(a, b int) int {
		if a == 0 || b == 0 {
			return 0
		}
		return max(a, b)
	}
	st := &c.stamp
	mask := uint32(1 << cYear)
	if st[cEra] != 0 {
		mask |= 1 << cEra
	}
	dow, month, dom := st[cDayOfWeek], st[cMonth], st[cDayOfMonth]
	wom, dowim := agg(st[cWeekOfMonth], dow), agg(st[cDayOfWeekInMonth], dow)
	doy, woy := st[cDayOfYear], agg(st[cWeekOfYear], dow)
	best := max(dom, wom, dowim, doy, woy)
	if best == 0 {
		wom, dowim, woy = st[cWeekOfMonth], max(st[cDayOfWeekInMonth], dow), st[cWeekOfYear]
		best = max(wom, dowim, woy)
		if best == 0 {
			best, dom = month, month
		}
	}
	if best == dom || best == wom && st[cWeekOfMonth] >= st[cWeekOfYear] || best == dowim && st[cDayOfWeekInMonth] >= st[cWeekOfYear] {
		mask |= 1 << cMonth
		if best == dom {
			mask |= 1 << cDayOfMonth
		} else {
			if dow != 0 {
				mask |= 1 << cDayOfWeek
			}
			switch {
			case wom == dowim:
				if st[cWeekOfMonth] >= st[cDayOfWeekInMonth] {
					mask |= 1 << cWeekOfMonth
				} else {
					mask |= 1 << cDayOfWeekInMonth
				}
			case best == wom:
				mask |= 1 << cWeekOfMonth
			case st[cDayOfWeekInMonth] != 0:
				mask |= 1 << cDayOfWeekInMonth
			}
		}
	} else {
		if best == doy {
			mask |= 1 << cDayOfYear
		} else {
			if dow != 0 {
				mask |= 1 << cDayOfWeek
			}
			mask |= 1 << cWeekOfYear
		}
	}
	hod, hour := st[cHourOfDay], agg(st[cHour], st[cAmPm])
	bestH := max(hour, hod)
	if bestH == 0 {
		bestH = max(st[cHour], st[cAmPm])
	}
	if bestH != 0 {
		if bestH == hod {
			mask |= 1 << cHourOfDay
		} else {
			mask |= 1 << cHour
			if st[cAmPm] != 0 {
				mask |= 1 << cAmPm
			}
		}
	}
	for _, k := range []int{cMinute, cSecond, cMillisecond, cZoneOffset, cDstOffset} {
		if st[k] != 0 {
			mask |= 1 << k
		}
	}
	return mask
}

// calMonthStart is the epoch day of the first day of month m (0-based) of year y in the
// Julian or Gregorian calendar.
func calMonthStart(julian bool, y int64, m int) int64 {
	if julian {
		return julianDaysFromCivil(y, m+1, 1)
	}
	return daysFromCivil(y, m+1, 1)
}

func calMonthLength(julian bool, y int64, m int) int {
	if m == 1 {
		leap := isLeap(y)
		if julian {
			leap = floorModI(y, 4) == 0
		}
		if leap {
			return 29
		}
		return 28
	}
	return daysInMonth(2001, m+1)
}

// fixedDate is GregorianCalendar.getFixedDate: the epoch day the selected date fields give
// in the Julian or Gregorian calendar.
func fixedDate(c *calFields, julian bool, year int64, mask uint32) int64 {
	month := 0
	if mask&(1<<cMonth) != 0 {
		mv := c.v[cMonth]
		year += floorDivI(mv, 12)
		month = int(floorModI(mv, 12))
	}
	fd := calMonthStart(julian, year, month)
	dowOf := func() int64 {
		if mask&(1<<cDayOfWeek) != 0 {
			return c.v[cDayOfWeek]
		}
		return 1
	}
	if mask&(1<<cMonth) != 0 {
		switch {
		case mask&(1<<cDayOfMonth) != 0:
			if c.isSet(cDayOfMonth) {
				fd += c.v[cDayOfMonth] - 1
			}
		case mask&(1<<cWeekOfMonth) != 0:
			first := dayOnOrBefore(fd+6, 1)
			if first-fd >= 1 {
				first -= 7
			}
			if mask&(1<<cDayOfWeek) != 0 {
				first = dayOnOrBeforeN(first+6, c.v[cDayOfWeek])
			}
			fd = first + 7*(c.v[cWeekOfMonth]-1)
		default:
			dow := dowOf()
			dowim := int64(1)
			if mask&(1<<cDayOfWeekInMonth) != 0 {
				dowim = c.v[cDayOfWeekInMonth]
			}
			if dowim >= 0 {
				fd = dayOnOrBeforeN(fd+7*dowim-1, dow)
			} else {
				last := int64(calMonthLength(julian, year, month)) + 7*(dowim+1)
				fd = dayOnOrBeforeN(fd+last-1, dow)
			}
		}
		return fd
	}
	if !julian && year == 1582 && fd < gregorianCutover {
		fd = gregorianCutover
	}
	if mask&(1<<cDayOfYear) != 0 {
		return fd + c.v[cDayOfYear] - 1
	}
	first := dayOnOrBefore(fd+6, 1)
	if first-fd >= 1 {
		first -= 7
	}
	if mask&(1<<cDayOfWeek) != 0 && c.v[cDayOfWeek] != 1 {
		first = dayOnOrBeforeN(first+6, c.v[cDayOfWeek])
	}
	return first + 7*(c.v[cWeekOfYear]-1)
}

// dayOnOrBeforeN is dayOnOrBefore for a DAY_OF_WEEK value a lenient calendar may hold
// outside 1..7.
func dayOnOrBeforeN(day, dow int64) int64 {
	return day - floorModI(int64(calDayOfWeek(day))-dow, 7)
}

// setWeekDate is GregorianCalendar.setWeekDate for a week year set after the year ('Y'):
// the date of the week and day of the week in it, as the year, month and day.
func setWeekDate(c *calFields, lenient bool) bool {
	wy := c.v[cWeekYear]
	woy := int64(1)
	if c.isSet(cWeekOfYear) {
		woy = c.v[cWeekOfYear]
	}
	dow := int64(1)
	if c.isSet(cDayOfWeek) {
		dow = c.v[cDayOfWeek]
	}
	if !lenient && (dow < 1 || dow > 7) {
		return false
	}
	jan1 := hybridJan1(wy)
	first := dayOnOrBefore(jan1+6, 1)
	if first-jan1 >= 1 {
		first -= 7
	}
	day := first + 7*(woy-1) + floorModI(dow-1, 7)
	h := hybridFieldsOf(day)
	if !lenient && (h.weekYear != wy || int64(h.weekOfYear) != woy) {
		return false
	}
	y := h.year
	if y <= 0 {
		c.set(cEra, 0)
		c.set(cYear, 1-y)
	} else {
		c.set(cEra, 1)
		c.set(cYear, y)
	}
	c.set(cMonth, int64(h.month-1))
	c.set(cDayOfMonth, int64(h.day))
	c.clear(cWeekYear)
	return true
}

// fieldsAgree is the non-lenient check of GregorianCalendar.computeTime: each field set
// must equal the field the computed time (local milliseconds) has.
func fieldsAgree(c *calFields, local int64) bool {
	day := floorDivI(local, 86400000)
	tod := local - day*86400000
	y, m, d := hybridCivil(day)
	era, yoe := int64(1), y
	if y <= 0 {
		era, yoe = 0, 1-y
	}
	hod := tod / 3600000
	have := [cFields]int64{
		cEra: era, cYear: yoe, cMonth: int64(m - 1), cDayOfMonth: int64(d), cDayOfYear: day - hybridJan1(y) + 1,
		cDayOfWeek: int64(calDayOfWeek(day)), cDayOfWeekInMonth: int64((d-1)/7 + 1), cAmPm: hod / 12,
		cHour: hod % 12, cHourOfDay: hod, cMinute: tod / 60000 % 60, cSecond: tod / 1000 % 60,
		cMillisecond: tod % 1000,
	}
	if c.isSet(cWeekOfYear) || c.isSet(cWeekOfMonth) {
		h := hybridFieldsOf(day)
		have[cWeekOfYear], have[cWeekOfMonth] = int64(h.weekOfYear), int64(h.weekOfMonth)
	}
	for k := 0; k < cZoneOffset; k++ {
		if c.isSet(k) && c.v[k] != have[k] {
			return false
		}
	}
	return true
}

// ---- java.util.TimeZone ----

// zoneInfoOffset is java.util.TimeZone's offset (seconds) of loc at the instant sec.
func zoneInfoOffset(loc *time.Location, sec int64) int64 {
	return offsetAt(loc, zoneInfoTime(sec))
}

// zoneInfoOffsetsByWall splits the offset of a wall-clock time in loc into the raw offset
// and the daylight saving, as the calendar computes them: an ambiguous or skipped wall
// time is taken as standard time.
func zoneInfoOffsetsByWall(loc *time.Location, wall int64) (raw, dst int64) {
	if loc == time.UTC {
		return 0, 0
	}
	const window = 18 * 3600
	early := zoneInfoOffset(loc, wall-window)
	late := zoneInfoOffset(loc, wall+window)
	off := early
	if early != late {
		validE := zoneInfoOffset(loc, wall-early) == early
		validL := zoneInfoOffset(loc, wall-late) == late
		switch {
		case validE && validL:
			off = min(early, late)
		case validL:
			off = late
		case !validE:
			off = min(early, late)
		}
	}
	t := time.Unix(zoneInfoTime(wall-off), 0).In(loc)
	if t.IsDST() {
		return off - 3600, 3600
	}
	return off, 0
}

// rebaseJulianMicros is Spark's rebaseJulianToGregorianMicros: the instant with the same
// local date and time in loc in the proleptic Gregorian calendar.
func rebaseJulianMicros(micros int64, loc *time.Location) int64 {
	sec := floorDivI(micros, 1_000_000)
	if sec >= zoneInfoStart {
		return micros
	}
	off := zoneInfoOffset(loc, sec)
	localSec := sec + off
	day := floorDivI(localSec, 86400)
	y, m, d := hybridCivil(day)
	pday := daysFromCivil(y, m, 1) + int64(d) - 1
	local := pday*86400_000000 + (localSec-day*86400)*1_000_000 + (micros - sec*1_000_000)
	lsec := floorDivI(local, 1_000_000)
	if offsetAt(loc, lsec-off) == off {
		return local - off*1_000_000
	}
	us, _ := localToInstant(local, loc)
	return us
}
