package source

import (
	"fmt"
	"strings"
	"time"
)

// datetimePattern is a parser for a Spark datetime pattern (dateFormat, timestampFormat,
// timestampNTZFormat), the subset of java.time.format.DateTimeFormatter patterns Spark
// documents: y/u year, M/L month (number or name), d day, D day of year, H/k/K/h hours, m, s,
// S fraction, a AM/PM, E day-of-week name (checked loosely, ignored), V/z zone ids, X/x/Z/O
// offsets, 'quoted' literals and [optional] sections. Letters match case-insensitively, as
// Spark's formatters parse case-insensitively; the whole input must be consumed.
type datetimePattern struct {
	elems []patElem
}

type patKind int

const (
	pLiteral patKind = iota
	pYear
	pMonth
	pMonthText
	pDay
	pDayOfYear
	pHour24 // H: 0-23
	pHour24k
	pHour12 // h: 1-12
	pHour12K
	pMinute
	pSecond
	pFraction
	pAmPm
	pDayName
	pZoneID
	pOffsetX // X: Z or offset
	pOffsetx // x: offset only
	pOffsetZ // Z: +HHMM, ZZZZ: GMT+HH:MM
	pOffsetO // O: GMT+H
	pOptional
)

type patElem struct {
	kind     patKind
	count    int
	literal  string
	optional []patElem
}

func (e patElem) numeric() bool {
	switch e.kind {
	case pYear, pMonth, pDay, pDayOfYear, pHour24, pHour24k, pHour12, pHour12K, pMinute, pSecond, pFraction:
		return true
	}
	return false
}

// compilePattern parses a pattern string; an unknown letter is an error, as Spark's
// formatters reject it when they are created.
func compilePattern(pattern string) (*datetimePattern, error) {
	elems, rest, err := compileElems(pattern, false)
	if err != nil {
		return nil, err
	}
	if rest != "" {
		return nil, fmt.Errorf("unbalanced ']' in datetime pattern %q", pattern)
	}
	return &datetimePattern{elems: elems}, nil
}

func compileElems(p string, inOptional bool) ([]patElem, string, error) {
	var out []patElem
	for len(p) > 0 {
		c := p[0]
		switch {
		case c == '[':
			sub, rest, err := compileElems(p[1:], true)
			if err != nil {
				return nil, "", err
			}
			out = append(out, patElem{kind: pOptional, optional: sub})
			p = rest
			continue
		case c == ']':
			if !inOptional {
				return nil, "", fmt.Errorf("unbalanced ']' in datetime pattern")
			}
			return out, p[1:], nil
		case c == '\'':
			end := 1
			var lit strings.Builder
			for {
				if end >= len(p) {
					return nil, "", fmt.Errorf("unterminated quote in datetime pattern")
				}
				if p[end] == '\'' {
					if end+1 < len(p) && p[end+1] == '\'' {
						lit.WriteByte('\'')
						end += 2
						continue
					}
					break
				}
				lit.WriteByte(p[end])
				end++
			}
			if end == 1 { // '' is a single quote
				out = append(out, patElem{kind: pLiteral, literal: "'"})
			} else {
				out = append(out, patElem{kind: pLiteral, literal: lit.String()})
			}
			p = p[end+1:]
			continue
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			n := 1
			for n < len(p) && p[n] == c {
				n++
			}
			e := patElem{count: n}
			switch c {
			case 'y', 'u':
				e.kind = pYear
			case 'M', 'L':
				e.kind = pMonth
				if n >= 3 {
					e.kind = pMonthText
				}
			case 'd':
				e.kind = pDay
			case 'D':
				e.kind = pDayOfYear
			case 'H':
				e.kind = pHour24
			case 'k':
				e.kind = pHour24k
			case 'h':
				e.kind = pHour12
			case 'K':
				e.kind = pHour12K
			case 'm':
				e.kind = pMinute
			case 's':
				e.kind = pSecond
			case 'S':
				e.kind = pFraction
			case 'a':
				e.kind = pAmPm
			case 'E':
				e.kind = pDayName
			case 'V', 'z':
				e.kind = pZoneID
			case 'X':
				e.kind = pOffsetX
			case 'x':
				e.kind = pOffsetx
			case 'Z':
				e.kind = pOffsetZ
			case 'O':
				e.kind = pOffsetO
			default:
				return nil, "", fmt.Errorf("unsupported pattern letter '%c' in datetime pattern", c)
			}
			out = append(out, e)
			p = p[n:]
			continue
		}
		out = append(out, patElem{kind: pLiteral, literal: string(c)})
		p = p[1:]
	}
	if inOptional {
		return nil, "", fmt.Errorf("unbalanced '[' in datetime pattern")
	}
	return out, "", nil
}

// parsedFields are the fields a pattern parse fills.
type parsedFields struct {
	year, month, day, dayOfYear int64
	hour, minute, second        int
	nanos                       int
	hour12                      int // -1 when absent
	pm                          int // -1 absent, 0 AM, 1 PM
	hasYear, hasMonth, hasDay   bool
	hasDayOfYear                bool
	zone                        *time.Location
}

// parse fills the fields from s, requiring the whole of s to match.
func (d *datetimePattern) parse(s string) (parsedFields, bool) {
	f := parsedFields{hour12: -1, pm: -1}
	pos, ok := parseElems(d.elems, s, 0, &f)
	if !ok || pos != len(s) {
		return f, false
	}
	return f, true
}

func parseElems(elems []patElem, s string, pos int, f *parsedFields) (int, bool) {
	for i, e := range elems {
		adjacent := i+1 < len(elems) && elems[i+1].numeric() && e.numeric()
		var ok bool
		pos, ok = parseElem(e, s, pos, f, adjacent)
		if !ok {
			return pos, false
		}
	}
	return pos, true
}

// digits reads between min and max ASCII digits.
func digits(s string, pos, min, max int) (int64, int, bool) {
	var v int64
	n := 0
	for pos+n < len(s) && n < max && s[pos+n] >= '0' && s[pos+n] <= '9' {
		v = v*10 + int64(s[pos+n]-'0')
		n++
	}
	if n < min {
		return 0, pos, false
	}
	return v, pos + n, true
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"}

var dayNames = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func parseElem(e patElem, s string, pos int, f *parsedFields, adjacent bool) (int, bool) {
	num := func(min, max int) (int64, bool) {
		if adjacent {
			max = min
		}
		v, p, ok := digits(s, pos, min, max)
		if ok {
			pos = p
		}
		return v, ok
	}
	switch e.kind {
	case pLiteral:
		if len(s)-pos < len(e.literal) || !strings.EqualFold(s[pos:pos+len(e.literal)], e.literal) {
			return pos, false
		}
		return pos + len(e.literal), true
	case pOptional:
		save := *f
		p, ok := parseElems(e.optional, s, pos, f)
		if !ok {
			*f = save
			return pos, true
		}
		return p, true
	case pYear:
		var v int64
		var ok bool
		if e.count == 2 {
			v, ok = num(2, 2)
			v += 2000
		} else {
			neg := false
			if e.count >= 4 && pos < len(s) && (s[pos] == '+' || s[pos] == '-') {
				neg = s[pos] == '-'
				pos++
			}
			v, ok = num(e.count, 9)
			if neg {
				v = -v
			}
		}
		f.year, f.hasYear = v, true
		return pos, ok
	case pMonth:
		v, ok := num(e.count, 2)
		f.month, f.hasMonth = v, true
		return pos, ok && v >= 1 && v <= 12
	case pMonthText:
		for i, name := range monthNames {
			cand := name
			if e.count == 3 {
				cand = name[:3]
			}
			if len(s)-pos >= len(cand) && strings.EqualFold(s[pos:pos+len(cand)], cand) {
				f.month, f.hasMonth = int64(i+1), true
				return pos + len(cand), true
			}
		}
		return pos, false
	case pDay:
		v, ok := num(e.count, 2)
		f.day, f.hasDay = v, true
		return pos, ok
	case pDayOfYear:
		v, ok := num(e.count, 3)
		f.dayOfYear, f.hasDayOfYear = v, true
		return pos, ok
	case pHour24:
		v, ok := num(e.count, 2)
		f.hour = int(v)
		return pos, ok && v <= 23
	case pHour24k:
		v, ok := num(e.count, 2)
		f.hour = int(v % 24)
		return pos, ok && v >= 1 && v <= 24
	case pHour12:
		v, ok := num(e.count, 2)
		f.hour12 = int(v % 12)
		return pos, ok && v >= 1 && v <= 12
	case pHour12K:
		v, ok := num(e.count, 2)
		f.hour12 = int(v)
		return pos, ok && v <= 11
	case pMinute:
		v, ok := num(e.count, 2)
		f.minute = int(v)
		return pos, ok && v <= 59
	case pSecond:
		v, ok := num(e.count, 2)
		f.second = int(v)
		return pos, ok && v <= 59
	case pFraction:
		start := pos
		v, ok := num(1, e.count)
		if !ok {
			return pos, false
		}
		n := pos - start
		for ; n < 9; n++ {
			v *= 10
		}
		for ; n > 9; n-- {
			v /= 10
		}
		f.nanos = int(v)
		return pos, true
	case pAmPm:
		if len(s)-pos >= 2 {
			switch strings.ToUpper(s[pos : pos+2]) {
			case "AM":
				f.pm = 0
				return pos + 2, true
			case "PM":
				f.pm = 1
				return pos + 2, true
			}
		}
		return pos, false
	case pDayName:
		for _, name := range dayNames {
			for _, cand := range []string{name, name[:3]} {
				if len(s)-pos >= len(cand) && strings.EqualFold(s[pos:pos+len(cand)], cand) {
					return pos + len(cand), true
				}
			}
		}
		return pos, false
	case pZoneID:
		end := pos
		for end < len(s) && (isAlnum(s[end]) || strings.IndexByte("/_+-:~.", s[end]) >= 0) {
			end++
		}
		loc, ok := zoneByID(s[pos:end])
		if !ok {
			return pos, false
		}
		f.zone = loc
		return end, true
	case pOffsetX, pOffsetx, pOffsetZ, pOffsetO:
		return parseOffsetElem(e, s, pos, f)
	}
	return pos, false
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parseOffsetElem reads the offsets of X, x, Z and O.
func parseOffsetElem(e patElem, s string, pos int, f *parsedFields) (int, bool) {
	rest := s[pos:]
	if e.kind == pOffsetX && len(rest) > 0 && (rest[0] == 'Z' || rest[0] == 'z') {
		f.zone = time.UTC
		return pos + 1, true
	}
	if e.kind == pOffsetO || (e.kind == pOffsetZ && e.count == 4) {
		if len(rest) < 3 || !strings.EqualFold(rest[:3], "GMT") {
			return pos, false
		}
		pos += 3
		rest = s[pos:]
		if len(rest) == 0 || (rest[0] != '+' && rest[0] != '-') {
			f.zone = time.UTC
			return pos, true
		}
	}
	if len(rest) == 0 || (rest[0] != '+' && rest[0] != '-') {
		return pos, false
	}
	// Longest offset text first: +HH:MM:SS, +HHMMSS, +HH:MM, +HHMM, +HH, +H.
	for _, n := range []int{9, 7, 6, 5, 3, 2} {
		if len(rest) < n {
			continue
		}
		if off, ok := parseOffset(rest[:n]); ok {
			f.zone = fixedZone(rest[:n], off)
			return pos + n, true
		}
	}
	return pos, false
}

// date resolves the fields to days since the epoch (STRICT resolution: the day must exist).
func (f parsedFields) date() (int64, bool) {
	y := int64(1970)
	if f.hasYear {
		y = f.year
	}
	if f.hasDayOfYear && !f.hasMonth && !f.hasDay {
		n := int64(365)
		if isLeap(y) {
			n = 366
		}
		if f.dayOfYear < 1 || f.dayOfYear > n {
			return 0, false
		}
		return daysFromCivil(y, 1, 1) + f.dayOfYear - 1, true
	}
	m, d := 1, 1
	if f.hasMonth {
		m = int(f.month)
	}
	if f.hasDay {
		d = int(f.day)
	}
	if !validDate(y, m, d) {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

// localMicros resolves the fields to local microseconds since 1970-01-01T00:00.
func (f parsedFields) localMicros() (int64, bool) {
	days, ok := f.date()
	if !ok {
		return 0, false
	}
	h := f.hour
	if f.hour12 >= 0 {
		h = f.hour12
		if f.pm == 1 {
			h += 12
		}
	}
	sec := days*86400 + int64(h*3600+f.minute*60+f.second)
	return secMicros(sec, int64(f.nanos/1000))
}

// dateParser parses dates: with a pattern (strict), or Spark's default.
type dateParser struct {
	pat *datetimePattern
	// iso marks the pattern yyyy-MM-dd, parsed by isoDate's fast path first.
	iso bool
	// fallback: when the pattern fails, try DateTimeUtils.stringToDate (Spark does when no
	// dateFormat option was given).
	fallback bool
}

func (p dateParser) parse(s []byte) (int32, bool) {
	if p.pat == nil {
		return stringToDate(s)
	}
	if p.iso {
		if d, ok := isoDate(s); ok {
			return d, true
		}
	}
	if f, ok := p.pat.parse(string(s)); ok {
		if d, ok := f.date(); ok && d >= -1<<31 && d < 1<<31 {
			return int32(d), true
		}
	}
	if p.fallback {
		return stringToDate(s)
	}
	return 0, false
}

// isoDate parses exactly "dddd-dd-dd", the common case of the yyyy-MM-dd pattern.
func isoDate(s []byte) (int32, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	v := [8]int{}
	for i, j := range [8]int{0, 1, 2, 3, 5, 6, 8, 9} {
		c := s[j]
		if c < '0' || c > '9' {
			return 0, false
		}
		v[i] = int(c - '0')
	}
	y := int64(v[0]*1000 + v[1]*100 + v[2]*10 + v[3])
	m, d := v[4]*10+v[5], v[6]*10+v[7]
	if !validDate(y, m, d) {
		return 0, false
	}
	return int32(daysFromCivil(y, m, d)), true
}

// parseStrict parses with the pattern only (schema inference does not fall back).
func (p dateParser) parseStrict(s []byte) bool {
	if p.pat == nil {
		_, ok := stringToDate(s)
		return ok
	}
	if p.iso {
		if _, ok := isoDate(s); ok {
			return true
		}
	}
	f, ok := p.pat.parse(string(s))
	if !ok {
		return false
	}
	_, ok = f.date()
	return ok
}

// timestampParser parses TIMESTAMP values: with a pattern in loc unless the text names a
// zone, or with stringToTimestamp when no pattern was given.
type timestampParser struct {
	pat *datetimePattern
	loc *time.Location
}

func (p timestampParser) parse(s []byte) (int64, bool) {
	if p.pat == nil {
		return stringToTimestamp(s, p.loc)
	}
	f, ok := p.pat.parse(string(s))
	if !ok {
		return 0, false
	}
	local, ok := f.localMicros()
	if !ok {
		return 0, false
	}
	zone := p.loc
	if f.zone != nil {
		zone = f.zone
	}
	return localToInstant(local, zone)
}

// ntzParser parses TIMESTAMP_NTZ values; a zone in the text is an error.
type ntzParser struct {
	pat *datetimePattern
}

func (p ntzParser) parse(s []byte) (int64, bool) {
	if p.pat == nil {
		return stringToTimestampNTZ(s, false)
	}
	f, ok := p.pat.parse(string(s))
	if !ok || f.zone != nil {
		return 0, false
	}
	return f.localMicros()
}
