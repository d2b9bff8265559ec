package sqlconf

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // zone ids must validate the same on hosts without a zoneinfo database
)

// environment holds the process facts some Spark defaults depend on.
type environment struct {
	timeZone     string // TimeZone.getDefault.getID
	ansiEnabled  bool   // SPARK_ANSI_SQL_MODE != "false"
	testing      bool   // Utils.isTesting: SPARK_TESTING is set
	warehouseDir string // "spark-warehouse" under the working directory, as a file URI
	createHive   bool   // SPARK_SQL_LEGACY_CREATE_HIVE_TABLE == "true"
}

func defaultEnvironment() environment {
	_, testing := os.LookupEnv("SPARK_TESTING")
	return environment{
		timeZone:     LocalTimeZoneID(),
		ansiEnabled:  os.Getenv("SPARK_ANSI_SQL_MODE") != "false",
		testing:      testing,
		warehouseDir: defaultWarehouseDir(),
		createHive:   os.Getenv("SPARK_SQL_LEGACY_CREATE_HIVE_TABLE") == "true",
	}
}

// defaultWarehouseDir renders "spark-warehouse" under the working directory as a file URI,
// the form Spark shows once it has qualified the default warehouse path.
func defaultWarehouseDir() string {
	wd, err := os.Getwd()
	if err != nil {
		wd = "/"
	}
	p := filepath.ToSlash(filepath.Join(wd, "spark-warehouse"))
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file:" + p
}

// LocalTimeZoneID returns the process's zone id the way the JVM finds its default zone on
// Unix: the TZ variable, else the zoneinfo path /etc/localtime links to, else
// /etc/timezone; "UTC" when none of them names a valid zone.
func LocalTimeZoneID() string {
	if tz, ok := os.LookupEnv("TZ"); ok && tz != "" {
		tz = strings.TrimPrefix(tz, ":")
		if i := strings.LastIndex(tz, "zoneinfo/"); i >= 0 {
			tz = tz[i+len("zoneinfo/"):]
		}
		if IsValidTimeZone(tz) {
			return tz
		}
		return "UTC"
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.LastIndex(target, "zoneinfo/"); i >= 0 {
			if id := target[i+len("zoneinfo/"):]; IsValidTimeZone(id) {
				return id
			}
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		if id := strings.TrimSpace(string(b)); IsValidTimeZone(id) {
			return id
		}
	}
	if name := time.Local.String(); name != "Local" && IsValidTimeZone(name) {
		return name
	}
	return "UTC"
}

// shortZoneIDs is java.time.ZoneId.SHORT_IDS, which Spark passes to ZoneId.of.
var shortZoneIDs = map[string]string{
	"ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo",
	"BST": "Asia/Dhaka", "CAT": "Africa/Harare", "CNT": "America/St_Johns",
	"CST": "America/Chicago", "CTT": "Asia/Shanghai", "EAT": "Africa/Addis_Ababa",
	"ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis", "IST": "Asia/Kolkata",
	"JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
	"NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix",
	"PRT": "America/Puerto_Rico", "PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal",
	"VST": "Asia/Ho_Chi_Minh", "EST": "-05:00", "MST": "-07:00", "HST": "-10:00",
}

var (
	singleHourTZ   = regexp.MustCompile(`([+\-])(\d):`)
	singleMinuteTZ = regexp.MustCompile(`([+\-])(\d\d):(\d)$`)
	regionIDRE     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9~/._+\-]+$`)
)

// replaceFirst replaces the first match of re in s with the expansion of tmpl, as Java's
// Matcher.replaceFirst does.
func replaceFirst(re *regexp.Regexp, s, tmpl string) string {
	m := re.FindStringSubmatchIndex(s)
	if m == nil {
		return s
	}
	return s[:m[0]] + string(re.ExpandString(nil, tmpl, s, m)) + s[m[1]:]
}

// IsValidTimeZone reports whether Spark accepts id as spark.sql.session.timeZone: whether
// DateTimeUtils.getZoneId (ZoneId.of with the short ids, after Spark's "+h:mm" and "+hh:m"
// fix-ups) resolves it.
func IsValidTimeZone(id string) bool {
	_, ok := TimeZoneLocation(id)
	return ok
}

// TimeZoneLocation resolves a time zone id the way Spark's DateTimeUtils.getZoneId does:
// region ids from the tz database, offsets ("+08:00", "-7", "Z") and prefixed offsets
// ("UTC+1", "GMT-08:00") as fixed zones, and the short ids ("PST") as their regions.
func TimeZoneLocation(id string) (*time.Location, bool) {
	id = replaceFirst(singleHourTZ, id, "${1}0${2}:")
	id = replaceFirst(singleMinuteTZ, id, "${1}${2}:0${3}")
	if alias, ok := shortZoneIDs[id]; ok {
		id = alias
	}
	return zoneLocation(id)
}

// zoneLocation follows java.time.ZoneId.of(String).
func zoneLocation(id string) (*time.Location, bool) {
	if len(id) <= 1 || strings.HasPrefix(id, "+") || strings.HasPrefix(id, "-") {
		return fixedZone(id, id)
	}
	for _, prefix := range []string{"UTC", "GMT", "UT"} {
		if !strings.HasPrefix(id, prefix) {
			continue
		}
		if len(id) == len(prefix) {
			return time.FixedZone(id, 0), true
		}
		if c := id[len(prefix)]; c != '+' && c != '-' {
			return regionLocation(id)
		}
		return fixedZone(id, id[len(prefix):])
	}
	return regionLocation(id)
}

func fixedZone(name, offset string) (*time.Location, bool) {
	secs, ok := zoneOffsetSeconds(offset)
	if !ok {
		return nil, false
	}
	return time.FixedZone(name, secs), true
}

// regionLocation checks a region id against the tz database, as ZoneRegion.ofId does.
func regionLocation(id string) (*time.Location, bool) {
	if !regionIDRE.MatchString(id) {
		return nil, false
	}
	// Names Go's loader accepts that are not zone ids in Java's tz database.
	switch {
	case id == "Local", id == "Factory", id == "posixrules", id == "localtime",
		strings.HasPrefix(id, "posix/"), strings.HasPrefix(id, "right/"):
		return nil, false
	}
	loc, err := time.LoadLocation(id)
	return loc, err == nil
}

// zoneOffsetSeconds follows java.time.ZoneOffset.of(String).
func zoneOffsetSeconds(id string) (int, bool) {
	if id == "Z" {
		return 0, true
	}
	num := func(pos int, colon bool) (int, bool) {
		if colon && id[pos-1] != ':' {
			return 0, false
		}
		a, b := id[pos], id[pos+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, false
		}
		return int(a-'0')*10 + int(b-'0'), true
	}
	var h, m, s int
	ok1, ok2, ok3 := true, true, true
	switch len(id) {
	case 2:
		id = id[:1] + "0" + id[1:]
		h, ok1 = num(1, false)
	case 3:
		h, ok1 = num(1, false)
	case 5:
		h, ok1 = num(1, false)
		m, ok2 = num(3, false)
	case 6:
		h, ok1 = num(1, false)
		m, ok2 = num(4, true)
	case 7:
		h, ok1 = num(1, false)
		m, ok2 = num(3, false)
		s, ok3 = num(5, false)
	case 9:
		h, ok1 = num(1, false)
		m, ok2 = num(4, true)
		s, ok3 = num(7, true)
	default:
		return 0, false
	}
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	if id[0] != '+' && id[0] != '-' {
		return 0, false
	}
	// ZoneOffset.ofHoursMinutesSeconds: hours within 18, minutes and seconds below 60, and
	// exactly 18 hours only with no minutes or seconds.
	if h > 18 || m > 59 || s > 59 || h == 18 && (m != 0 || s != 0) {
		return 0, false
	}
	secs := h*3600 + m*60 + s
	if id[0] == '-' {
		secs = -secs
	}
	return secs, true
}
