package datetime

import (
	"regexp"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zone ids resolve the same on hosts without a zoneinfo database
)

// OffsetAt is the UTC offset of loc, in seconds, at the instant sec.
func OffsetAt(loc *time.Location, sec int64) int64 {
	if loc == time.UTC {
		return 0
	}
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return int64(off)
}

// LocalToInstant converts a wall-clock time (microseconds) in loc to an instant, resolving
// gaps and overlaps like java.time's ZonedDateTime.of: a time in a gap moves forward by the
// gap's length, an ambiguous time takes the earlier offset.
func LocalToInstant(local int64, loc *time.Location) (int64, bool) {
	if loc == time.UTC {
		return local, true
	}
	sec := FloorDiv(local, 1_000_000)
	frac := local - sec*1_000_000
	const window = 18 * 3600
	early, late := OffsetAt(loc, sec-window), OffsetAt(loc, sec+window)
	off := early
	if early != late {
		validE := OffsetAt(loc, sec-early) == early
		validL := OffsetAt(loc, sec-late) == late
		if validL && !validE {
			off = late
		}
	}
	return SecMicros(sec-off, frac)
}

// InstantToLocal is the wall-clock time in loc of an instant (both in microseconds).
func InstantToLocal(us int64, loc *time.Location) int64 {
	if loc == time.UTC {
		return us
	}
	return us + OffsetAt(loc, FloorDiv(us, 1_000_000))*1_000_000
}

// shortIDs is java.time.ZoneId.SHORT_IDS.
var shortIDs = map[string]string{
	"ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo",
	"BST": "Asia/Dhaka", "CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago",
	"CTT": "Asia/Shanghai", "EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris",
	"IET": "America/Indiana/Indianapolis", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo",
	"MIT": "Pacific/Apia", "NET": "Asia/Yerevan", "NST": "Pacific/Auckland", "PLT": "Asia/Karachi",
	"PNT": "America/Phoenix", "PRT": "America/Puerto_Rico", "PST": "America/Los_Angeles",
	"SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh", "EST": "-05:00", "MST": "-07:00",
	"HST": "-10:00",
}

var (
	singleHourTz   = regexp.MustCompile(`(\+|\-)(\d):`)
	singleMinuteTz = regexp.MustCompile(`(\+|\-)(\d\d):(\d)$`)
	regionID       = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9~/._+-]+$`)
	zoneCache      sync.Map // string -> *time.Location or nil
)

// ZoneByID is Spark's getZoneId: ZoneId.of(id, SHORT_IDS) after widening "+h:" and ":m".
func ZoneByID(id string) (*time.Location, bool) {
	if v, ok := zoneCache.Load(id); ok {
		loc, _ := v.(*time.Location)
		return loc, loc != nil
	}
	loc := lookupZone(id)
	zoneCache.Store(id, loc)
	return loc, loc != nil
}

func lookupZone(id string) *time.Location {
	if m := singleHourTz.FindStringSubmatchIndex(id); m != nil {
		id = id[:m[0]] + id[m[2]:m[3]] + "0" + id[m[4]:m[5]] + ":" + id[m[1]:]
	}
	if m := singleMinuteTz.FindStringSubmatchIndex(id); m != nil {
		id = id[:m[0]] + id[m[2]:m[3]] + id[m[4]:m[5]] + ":0" + id[m[6]:m[7]]
	}
	if v, ok := shortIDs[id]; ok {
		id = v
	}
	switch {
	case id == "Z":
		return time.UTC
	case strings.HasPrefix(id, "+") || strings.HasPrefix(id, "-"):
		off, ok := ParseOffset(id)
		if !ok {
			return nil
		}
		return FixedZone(id, off)
	case id == "UTC" || id == "GMT" || id == "UT":
		return FixedZone(id, 0)
	}
	for _, prefix := range []string{"UTC", "GMT", "UT"} {
		if strings.HasPrefix(id, prefix) && len(id) > len(prefix) && (id[len(prefix)] == '+' || id[len(prefix)] == '-') {
			off, ok := ParseOffset(id[len(prefix):])
			if !ok {
				return nil
			}
			return FixedZone(id, off)
		}
	}
	if !regionID.MatchString(id) || goOnlyZoneName(id) {
		return nil
	}
	loc, err := time.LoadLocation(id)
	if err != nil {
		return nil
	}
	return loc
}

// FixedZone is a zone of a constant offset (seconds) named name (UTC for Z and UTC).
func FixedZone(name string, off int) *time.Location {
	if off == 0 && (name == "Z" || name == "UTC") {
		return time.UTC
	}
	return time.FixedZone(name, off)
}

// ParseOffset is ZoneOffset.of: +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss (or -), at most
// 18 hours.
func ParseOffset(s string) (int, bool) {
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	neg := s[0] == '-'
	body := s[1:]
	num := func(t string) (int, bool) {
		if len(t) != 2 || t[0] < '0' || t[0] > '9' || t[1] < '0' || t[1] > '9' {
			return 0, false
		}
		return int(t[0]-'0')*10 + int(t[1]-'0'), true
	}
	var h, m, sec int
	var ok bool
	switch len(body) {
	case 1:
		if body[0] < '0' || body[0] > '9' {
			return 0, false
		}
		h, ok = int(body[0]-'0'), true
	case 2:
		h, ok = num(body)
	case 4:
		if h, ok = num(body[:2]); ok {
			m, ok = num(body[2:])
		}
	case 5:
		if body[2] != ':' {
			return 0, false
		}
		if h, ok = num(body[:2]); ok {
			m, ok = num(body[3:])
		}
	case 6:
		if h, ok = num(body[:2]); ok {
			if m, ok = num(body[2:4]); ok {
				sec, ok = num(body[4:])
			}
		}
	case 8:
		if body[2] != ':' || body[5] != ':' {
			return 0, false
		}
		if h, ok = num(body[:2]); ok {
			if m, ok = num(body[3:5]); ok {
				sec, ok = num(body[6:])
			}
		}
	}
	if !ok || h > 18 || m > 59 || sec > 59 {
		return 0, false
	}
	total := h*3600 + m*60 + sec
	if total > 18*3600 {
		return 0, false
	}
	if neg {
		total = -total
	}
	return total, true
}

// goOnlyZoneName reports the names Go's zone loader accepts that are no zone ids of Java's
// tz database.
func goOnlyZoneName(id string) bool {
	switch {
	case id == "Local", id == "Factory", id == "posixrules", id == "localtime",
		strings.HasPrefix(id, "posix/"), strings.HasPrefix(id, "right/"):
		return true
	}
	return false
}
