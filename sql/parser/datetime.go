package parser

import (
	"strconv"
	"strings"
)

// This file checks the strings of DATE and TIMESTAMP literals the way
// Spark's parser does when it builds them (SparkDateTimeUtils.stringToDate,
// parseTimestampString and the special values of DateTimeUtils). Only
// validity is decided here; computing values is left to the planner.

// isTrimByte reports the bytes Spark trims around date and time strings:
// whitespace and ISO control characters.
func isTrimByte(b byte) bool { return b <= ' ' || b == 0x7f }

func trimBounds(s string) (int, int) {
	j := 0
	for j < len(s) && isTrimByte(s[j]) {
		j++
	}
	end := len(s) - 1
	for end > j && isTrimByte(s[end]) {
		end--
	}
	return j, end + 1
}

// specialValue reports whether s is one of Spark's special date and time
// values: epoch, now, today, yesterday, tomorrow, optionally followed by a
// time zone (except for now).
func specialValue(s string, now bool) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return false
	}
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == 0 {
		return false
	}
	word := strings.ToLower(s[:i])
	zone := strings.TrimLeft(s[i:], " \t")
	switch word {
	case "epoch", "today", "yesterday", "tomorrow":
	case "now":
		if !now {
			return false
		}
		if zone != "" {
			return false
		}
	default:
		return false
	}
	return zone == "" || validZoneID(zone)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func validDate(y, m, d int) bool {
	if y < -999999999 || y > 999999999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && isLeap(y) {
		days = 29
	}
	return d <= days
}

// validDateLiteral reports whether DATE 's' is accepted.
func validDateLiteral(s string) bool {
	if specialValue(s, true) {
		return true
	}
	validDigits := func(segment, digits int) bool {
		return segment == 0 && digits >= 4 && digits <= 7 || segment != 0 && digits > 0 && digits <= 2
	}
	segments := [3]int{1, 1, 1}
	sign := 1
	i, value, digits := 0, 0, 0
	j, end := trimBounds(s)
	if j == end {
		return false
	}
	if s[j] == '-' || s[j] == '+' {
		if s[j] == '-' {
			sign = -1
		}
		j++
	}
	for j < end && i < 3 && !(s[j] == ' ' || s[j] == 'T') {
		b := s[j]
		if i < 2 && b == '-' {
			if !validDigits(i, digits) {
				return false
			}
			segments[i] = value
			value, digits = 0, 0
			i++
		} else {
			if b < '0' || b > '9' {
				return false
			}
			value = value*10 + int(b-'0')
			digits++
		}
		j++
	}
	if !validDigits(i, digits) {
		return false
	}
	if i < 2 && j < end {
		return false
	}
	segments[i] = value
	return validDate(sign*segments[0], segments[1], segments[2])
}

// parseTimestampString mirrors Spark's parseTimestampString: it returns
// the segments (year, month, day, hour, minute, second, fraction), the
// time zone text, whether only a time was given, and false if s is not a
// timestamp.
func parseTimestampString(s string) (seg [9]int, zone string, hasZone, justTime, ok bool) {
	validDigits := func(segment, digits int) bool {
		return segment == 6 || segment == 0 && digits >= 4 && digits <= 6 ||
			segment == 7 && digits <= 2 ||
			segment != 0 && segment != 6 && segment != 7 && digits > 0 && digits <= 2
	}
	seg = [9]int{1, 1, 1, 0, 0, 0, 0, 0, 0}
	i, value, digits := 0, 0, 0
	j, end := trimBounds(s)
	if j == end {
		return
	}
	digitsMilli := 0
	yearSign := 0
	if s[j] == '-' || s[j] == '+' {
		yearSign = 1
		if s[j] == '-' {
			yearSign = -1
		}
		j++
	}
	next := func() bool {
		if !validDigits(i, digits) {
			return false
		}
		if i < len(seg) {
			seg[i] = value
		}
		value, digits = 0, 0
		i++
		return true
	}
	for j < end {
		b := s[j]
		if b < '0' || b > '9' {
			switch {
			case j == 0 && b == 'T':
				justTime = true
				i += 3
			case i < 2:
				switch {
				case b == '-':
					if !next() {
						return
					}
				case i == 0 && b == ':' && yearSign == 0:
					justTime = true
					if !validDigits(3, digits) {
						return
					}
					seg[3] = value
					value, digits = 0, 0
					i = 4
				default:
					return
				}
			case i == 2:
				if b != ' ' && b != 'T' {
					return
				}
				if !next() {
					return
				}
			case i == 3 || i == 4:
				if b != ':' {
					return
				}
				if !next() {
					return
				}
			case i == 5 || i == 6:
				if b == '.' && i == 5 {
					if !next() {
						return
					}
				} else {
					if !next() {
						return
					}
					zone, hasZone = s[j:end], true
					j = end - 1
				}
				if i == 6 && b != '.' {
					i++
				}
			default:
				if i < len(seg) && (b == ':' || b == ' ') {
					if !next() {
						return
					}
				} else {
					return
				}
			}
		} else {
			if i == 6 {
				digitsMilli++
			}
			if i != 6 || digits < 6 {
				value = value*10 + int(b-'0')
			}
			digits++
		}
		j++
	}
	if !validDigits(i, digits) {
		return
	}
	if i < len(seg) {
		seg[i] = value
	}
	if hasZone && !validZoneID(strings.TrimSpace(zone)) {
		return
	}
	if yearSign != 0 {
		seg[0] *= yearSign
	}
	ok = true
	return
}

// validTimestampLiteral reports whether TIMESTAMP 's' (withZone: the
// session time zone applies, as for TIMESTAMP and TIMESTAMP_LTZ) or
// TIMESTAMP_NTZ 's' (withZone false) is accepted.
func validTimestampLiteral(s string, withZone bool) bool {
	if specialValue(s, true) {
		return true
	}
	seg, _, _, justTime, ok := parseTimestampString(s)
	if !ok || justTime && !withZone {
		return false
	}
	if seg[3] > 23 || seg[4] > 59 || seg[5] > 59 {
		return false
	}
	return justTime || validDate(seg[0], seg[1], seg[2])
}

// Java's ZoneId.SHORT_IDS.
var shortZoneIDs = map[string]bool{
	"ACT": true, "AET": true, "AGT": true, "ART": true, "AST": true, "BET": true, "BST": true,
	"CAT": true, "CNT": true, "CST": true, "CTT": true, "EAT": true, "ECT": true, "IET": true,
	"IST": true, "JST": true, "MIT": true, "NET": true, "NST": true, "PLT": true, "PNT": true,
	"PRT": true, "PST": true, "SST": true, "VST": true, "EST": true, "MST": true, "HST": true,
}

// Zone IDs without a '/' that Java knows.
var singleZoneIDs = map[string]bool{
	"UTC": true, "GMT": true, "UT": true, "Z": true, "UCT": true, "Zulu": true, "Universal": true,
	"Greenwich": true, "GMT0": true, "Etc": false, "EST5EDT": true, "CST6CDT": true,
	"MST7MDT": true, "PST8PDT": true, "Cuba": true, "Egypt": true, "Eire": true, "GB": true,
	"GB-Eire": true, "Hongkong": true, "Iceland": true, "Iran": true, "Israel": true,
	"Jamaica": true, "Japan": true, "Kwajalein": true, "Libya": true, "NZ": true,
	"NZ-CHAT": true, "Navajo": true, "PRC": true, "Poland": true, "Portugal": true, "ROC": true,
	"ROK": true, "Singapore": true, "Turkey": true, "W-SU": true, "CET": true, "EET": true,
	"MET": true, "WET": true,
}

// validZoneID approximates java.time.ZoneId.of(id, SHORT_IDS) after
// Spark's normalization of +h:mm and +hh:m offsets.
func validZoneID(id string) bool {
	if id == "" {
		return false
	}
	if shortZoneIDs[id] || singleZoneIDs[id] {
		return true
	}
	if id[0] == '+' || id[0] == '-' {
		return validOffset(id)
	}
	for _, prefix := range []string{"UTC", "GMT", "UT"} {
		if strings.HasPrefix(id, prefix) && len(id) > len(prefix) {
			rest := id[len(prefix):]
			if rest[0] == '+' || rest[0] == '-' {
				return validOffset(rest)
			}
		}
	}
	// Region IDs: Area/Location, letters, digits and _+- in each part.
	parts := strings.Split(id, "/")
	if len(parts) < 2 {
		return false
	}
	for _, part := range parts {
		if part == "" {
			return false
		}
		for k := 0; k < len(part); k++ {
			c := part[k]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+') {
				return false
			}
		}
	}
	first := parts[0][0]
	return first >= 'A' && first <= 'Z'
}

// validOffset checks +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss (Spark also
// accepts +h:mm and +hh:m), within 18 hours.
func validOffset(s string) bool {
	body := s[1:]
	var h, m, sec int
	atoi := func(x string) (int, bool) {
		if x == "" || len(x) > 2 {
			return 0, false
		}
		for k := 0; k < len(x); k++ {
			if x[k] < '0' || x[k] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(x)
		return n, err == nil
	}
	var ok bool
	switch {
	case strings.Contains(body, ":"):
		parts := strings.Split(body, ":")
		if len(parts) > 3 {
			return false
		}
		if h, ok = atoi(parts[0]); !ok {
			return false
		}
		if m, ok = atoi(parts[1]); !ok {
			return false
		}
		if len(parts) == 3 {
			if len(parts[2]) != 2 {
				return false
			}
			if sec, ok = atoi(parts[2]); !ok {
				return false
			}
		}
	case len(body) <= 2:
		if h, ok = atoi(body); !ok {
			return false
		}
	case len(body) == 4 || len(body) == 6:
		h, _ = atoi(body[:2])
		if m, ok = atoi(body[2:4]); !ok {
			return false
		}
		if len(body) == 6 {
			if sec, ok = atoi(body[4:]); !ok {
				return false
			}
		}
		for k := 0; k < len(body); k++ {
			if body[k] < '0' || body[k] > '9' {
				return false
			}
		}
	default:
		return false
	}
	return h <= 18 && m <= 59 && sec <= 59 && (h < 18 || m == 0 && sec == 0)
}

// validTimeLiteral reports whether TIME 's' is accepted, as Spark's
// stringToTime decides: a time of day, optionally followed by AM or PM
// (12-hour clock), without a date or a time zone.
func validTimeLiteral(s string) bool {
	end := len(s)
	for end > 0 && isTrimByte(s[end-1]) {
		end--
	}
	t := s[:end]
	am, pm := false, false
	if n := len(t); n > 2 && (t[n-1] == 'M' || t[n-1] == 'm') {
		switch t[n-2] {
		case 'A', 'a':
			am = true
		case 'P', 'p':
			pm = true
		}
		if am || pm {
			t = t[:n-2]
		}
	}
	seg, _, hasZone, justTime, ok := parseTimestampString(t)
	if !ok || !justTime || hasZone {
		return false
	}
	hr, min, sec := seg[3], seg[4], seg[5]
	if am || pm {
		if hr < 1 || hr > 12 {
			return false
		}
	} else if hr < 0 || hr > 23 {
		return false
	}
	return min >= 0 && min <= 59 && sec >= 0 && sec <= 59
}
