package expr

import (
	"testing"
	"time"
)

// The legacy (SimpleDateFormat) formatter against Spark's answers under
// spark.sql.legacy.timeParserPolicy=LEGACY (datetime-parsing-legacy.sql, datetime-legacy.sql,
// datetime-formatting-legacy.sql; session zone America/Los_Angeles) and Java's documented
// behaviour.

var legacyTestNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func laZone(t *testing.T) *time.Location {
	t.Helper()
	loc, ok := zoneByID("America/Los_Angeles")
	if !ok {
		t.Fatal("no America/Los_Angeles")
	}
	return loc
}

func TestLegacyParse(t *testing.T) {
	la := laZone(t)
	at := func(y, mo, d, h, mi, s, ms int) string {
		return time.Date(y, time.Month(mo), d, h, mi, s, ms*1_000_000, la).UTC().Format("2006-01-02T15:04:05.000Z")
	}
	cases := []struct {
		text, pattern, want string // want "" for Unparseable date
	}{
		{"99", "yy", at(1999, 1, 1, 0, 0, 0, 0)},
		{"00", "yy", at(2000, 1, 1, 0, 0, 0, 0)},
		{"46", "yy", at(2046, 1, 1, 0, 0, 0, 0)}, // the start of the window, before its instant
		{"47", "yy", at(1947, 1, 1, 0, 0, 0, 0)},
		{"009999", "y", at(9999, 1, 1, 0, 0, 0, 0)},
		{"9", "D", at(1970, 1, 9, 0, 0, 0, 0)},
		{"100", "DD", at(1970, 4, 10, 0, 0, 0, 0)},
		{"31-365", "dd-DDD", at(1970, 12, 31, 0, 0, 0, 0)},
		{"2020-365", "yyyy-DDD", at(2020, 12, 30, 0, 0, 0, 0)},
		// The group set last decides the date; the other fields must agree with it.
		{"2020-30-365", "yyyy-dd-DDD", at(2020, 12, 30, 0, 0, 0, 0)},
		{"2020-12-350", "yyyy-MM-DDD", at(2020, 12, 15, 0, 0, 0, 0)},
		{"2020-01-350", "yyyy-MM-DDD", ""},
		{"02-29", "MM-dd", ""},
		{"16", "dd", at(1970, 1, 16, 0, 0, 0, 0)},
		{"2019 40", "yyyy mm", at(2019, 1, 1, 0, 40, 0, 0)},
		{"2019 10:10:10", "yyyy hh:mm:ss", at(2019, 1, 1, 10, 10, 10, 0)},
		{"22 05 2020 Friday", "dd MM yyyy EEEEEE", at(2020, 5, 22, 0, 0, 0, 0)},
		{"22 05 2020 Thursday", "dd MM yyyy EEEE", ""},
		{"2019-10-06 A", "yyyy-MM-dd GGGGG", ""},
		{"26/October/2015", "dd/MMMMM/yyyy", at(2015, 10, 26, 0, 0, 0, 0)},
		{"26/oct/2015", "dd/MMM/yyyy", at(2015, 10, 26, 0, 0, 0, 0)},
		// 'S' is milliseconds (at most 999 when not lenient).
		{"2019-10-06T10:11:12'12", "yyyy-MM-dd'T'HH:mm:ss''SSSS", at(2019, 10, 6, 10, 11, 12, 12)},
		{"2019-10-06S10:11:12.12345", "yyyy-MM-dd'S'HH:mm:ss.SSSSSS", ""},
		{"2019-10-06 10:11:12.", "yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]", ""},
		// Text may follow the pattern; literals match exactly.
		{"2016-12-31 tail", "yyyy-MM-dd", at(2016, 12, 31, 0, 0, 0, 0)},
		{"2019-10-06S", "yyyy-MM-dd'S'", at(2019, 10, 6, 0, 0, 0, 0)},
		{"2019-10-06s", "yyyy-MM-dd'S'", ""},
		// Adjacent numbers read as many digits as their letters.
		{"20190102", "yyyyMMdd", at(2019, 1, 2, 0, 0, 0, 0)},
		// Zones: names (with daylight saving), RFC 822, ISO 8601, GMT.
		{"2019-10-06 10:11:12 PDT", "yyyy-MM-dd HH:mm:ss z", "2019-10-06T17:11:12.000Z"},
		{"2019-10-06 10:11:12 EST", "yyyy-MM-dd HH:mm:ss z", "2019-10-06T15:11:12.000Z"},
		{"2019-10-06 10:11:12 +0800", "yyyy-MM-dd HH:mm:ss Z", "2019-10-06T02:11:12.000Z"},
		{"2019-10-06 10:11:12 GMT-01:30", "yyyy-MM-dd HH:mm:ss z", "2019-10-06T11:41:12.000Z"},
		{"2019-10-06 10:11:12Z", "yyyy-MM-dd HH:mm:ssXXX", "2019-10-06T10:11:12.000Z"},
		{"2019-10-06 10:11:12-07:00", "yyyy-MM-dd HH:mm:ssXXX", "2019-10-06T17:11:12.000Z"},
		{"2019-10-06 10:11:12-0700", "yyyy-MM-dd HH:mm:ssXXX", ""},
		// A wall time in the spring-forward gap does not exist; one in the fall-back
		// overlap is standard time.
		{"2019-03-10 02:30:00", "yyyy-MM-dd HH:mm:ss", ""},
		{"2019-11-03 01:30:00", "yyyy-MM-dd HH:mm:ss", "2019-11-03T09:30:00.000Z"},
		// 'k' is 1..24 and 'h' 1..12 when not lenient.
		{"24:00", "kk:mm", at(1970, 1, 1, 0, 0, 0, 0)},
		{"00:00", "kk:mm", ""},
		{"12 AM", "hh a", at(1970, 1, 1, 0, 0, 0, 0)},
		{"12 PM", "hh a", at(1970, 1, 1, 12, 0, 0, 0)},
		{"13 PM", "hh a", ""},
		// Numbers: a minus sign, an exponent.
		{"-5", "y", ""},
		{"1E3", "y", at(1000, 1, 1, 0, 0, 0, 0)},
		{"", "yyyy", ""},
	}
	for _, c := range cases {
		f, err := compileLegacy(c.pattern, false, legacyTestNow)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		us, ok := f.parse([]byte(c.text), la)
		got := ""
		if ok {
			got = time.UnixMicro(us).UTC().Format("2006-01-02T15:04:05.000Z")
		}
		if got != c.want {
			t.Errorf("parse(%q, %q) = %q, want %q", c.text, c.pattern, got, c.want)
		}
	}
}

// Before the Gregorian cutover the fields are Julian ones, moved to the proleptic calendar
// by their labels (a Julian leap day becomes March 1); the ten missing days do not parse.
func TestLegacyParseJulian(t *testing.T) {
	cases := []struct{ text, want string }{
		{"1500-02-29", "1500-03-01"},
		{"1000-01-01", "1000-01-01"},
		{"1582-10-04", "1582-10-04"},
		{"1582-10-15", "1582-10-15"},
		{"1582-10-10", ""},
	}
	for _, c := range cases {
		f, _ := compileLegacy("yyyy-MM-dd", false, legacyTestNow)
		us, ok := f.parse([]byte(c.text), time.UTC)
		got := ""
		if ok {
			y, m, d := civilFromDays(floorDivI(us, microsPerDay))
			got = isoDate(y, m, d)
		}
		if got != c.want {
			t.Errorf("parse(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLegacyCompileErrors(t *testing.T) {
	for pattern, want := range map[string]string{
		"q qq":       "Illegal pattern character 'q'",
		"VV":         "Illegal pattern character 'V'",
		"XXXX":       "invalid ISO 8601 format: length=4",
		"yyyy-'MM":   "Unterminated quote",
		"x xx xxx":   "Illegal pattern character 'x'",
		"O OOOO":     "Illegal pattern character 'O'",
		"yyyy''MM'a": "Unterminated quote",
	} {
		_, err := compileLegacy(pattern, false, legacyTestNow)
		if err == nil || err.Error() != want {
			t.Errorf("compileLegacy(%q) = %v, want %q", pattern, err, want)
		}
	}
	for _, ok := range []string{"", "''", "姚123'GyYqQMLwWuEFDdhHmsSaVzZxXOV'", "[yyyy-MM-dd HH:mm:ss]", "G GG GGGG y YY u F"} {
		if _, err := compileLegacy(ok, false, legacyTestNow); err != nil {
			t.Errorf("compileLegacy(%q): %v", ok, err)
		}
	}
}

func TestLegacyFormat(t *testing.T) {
	la := laZone(t)
	// The timestamps of datetime-formatting-legacy.sql, shown in Los Angeles.
	lmt, _ := time.Parse(time.RFC3339Nano, "1582-06-01T03:33:33.123Z")
	ts := []int64{
		lmt.UnixMicro(),
		time.Date(1969, 12, 31, 15, 0, 0, 0, la).UnixMicro(),
		time.Date(1970, 12, 31, 4, 59, 59, 999_000_000, la).UnixMicro(),
		time.Date(1996, 3, 31, 7, 3, 33, 123_000_000, la).UnixMicro(),
		time.Date(2018, 11, 17, 5, 33, 33, 123_000_000, la).UnixMicro(),
		time.Date(2019, 12, 31, 9, 33, 33, 123_000_000, la).UnixMicro(),
		time.Date(2100, 1, 1, 1, 33, 33, 123_000_000, la).UnixMicro(),
	}
	cases := []struct {
		pattern string
		want    []string
	}{
		{"y yy yyy yyyy yyyyy yyyyyy", []string{"1582 82 1582 1582 01582 001582", "1969 69 1969 1969 01969 001969",
			"1970 70 1970 1970 01970 001970", "1996 96 1996 1996 01996 001996", "2018 18 2018 2018 02018 002018",
			"2019 19 2019 2019 02019 002019", "2100 00 2100 2100 02100 002100"}},
		{"E EE EEE EEEE", []string{"Thu Thu Thu Thursday", "Wed Wed Wed Wednesday", "Thu Thu Thu Thursday",
			"Sun Sun Sun Sunday", "Sat Sat Sat Saturday", "Tue Tue Tue Tuesday", "Fri Fri Fri Friday"}},
		{"F", []string{"5", "5", "5", "5", "3", "5", "1"}},
		{"D DDD", []string{"151 151", "365 365", "365 365", "91 091", "321 321", "365 365", "1 001"}},
		{"h hh k kk K KK a", []string{"7 07 19 19 7 07 PM", "3 03 15 15 3 03 PM", "4 04 4 04 4 04 AM",
			"7 07 7 07 7 07 AM", "5 05 5 05 5 05 AM", "9 09 9 09 9 09 AM", "1 01 1 01 1 01 AM"}},
		{"S SSS SSSSSS", []string{"123 123 000123", "0 000 000000", "999 999 000999", "123 123 000123",
			"123 123 000123", "123 123 000123", "123 123 000123"}},
		{"z zzzz X XX XXX Z", []string{"PST Pacific Standard Time -08 -0800 -08:00 -0800",
			"PST Pacific Standard Time -08 -0800 -08:00 -0800", "PST Pacific Standard Time -08 -0800 -08:00 -0800",
			"PST Pacific Standard Time -08 -0800 -08:00 -0800", "PST Pacific Standard Time -08 -0800 -08:00 -0800",
			"PST Pacific Standard Time -08 -0800 -08:00 -0800", "PST Pacific Standard Time -08 -0800 -08:00 -0800"}},
		{"[yyyy-MM-dd HH:mm:ss] G M MM MMM MMMM", []string{"[1582-05-31 19:40:35] AD 5 05 May May",
			"[1969-12-31 15:00:00] AD 12 12 Dec December", "[1970-12-31 04:59:59] AD 12 12 Dec December",
			"[1996-03-31 07:03:33] AD 3 03 Mar March", "[2018-11-17 05:33:33] AD 11 11 Nov November",
			"[2019-12-31 09:33:33] AD 12 12 Dec December", "[2100-01-01 01:33:33] AD 1 01 Jan January"}},
		{"姚123'GyYqQMLwWuEFDdhHmsSaVzZxXOV'''", []string{"姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'", "姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'",
			"姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'", "姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'", "姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'",
			"姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'", "姚123GyYqQMLwWuEFDdhHmsSaVzZxXOV'"}},
		// Weeks start on Sunday; the week of January 1 is week 1 (and so is the last week
		// of December that holds it).
		{"w W u Y", []string{"22 5 4 1582", "1 5 3 1970", "1 5 4 1971", "14 6 7 1996", "46 3 6 2018",
			"1 5 2 2020", "1 1 5 2100"}},
	}
	for _, c := range cases {
		f, err := compileLegacy(c.pattern, false, legacyTestNow)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		for i, us := range ts {
			v := valuesOf(us, la)
			got, err := f.format(nil, &v)
			if err != nil || string(got) != c.want[i] {
				t.Errorf("format(%d, %q) = %q, %v; want %q", i, c.pattern, got, err, c.want[i])
			}
		}
	}
}

// FastDateFormat over Spark's MicrosCalendar (the JSON, CSV and XML options): 'S' is a
// fraction of as many digits as the pattern has 'S'; the calendar is lenient.
func TestLegacyFast(t *testing.T) {
	f, err := compileLegacy("yyyy-MM-dd HH:mm:ss.SSSSSS", true, legacyTestNow)
	if err != nil {
		t.Fatal(err)
	}
	us, ok := f.parse([]byte("2019-10-06 10:11:12.123456"), time.UTC)
	if want := time.Date(2019, 10, 6, 10, 11, 12, 123456000, time.UTC).UnixMicro(); !ok || us != want {
		t.Errorf("parse = %d, %v; want %d", us, ok, want)
	}
	v := valuesOf(us, time.UTC)
	if got, _ := f.format(nil, &v); string(got) != "2019-10-06 10:11:12.123456" {
		t.Errorf("format = %q", got)
	}
	// Lenient: February 30 is March 2.
	g, _ := compileLegacy("yyyy-MM-dd", true, legacyTestNow)
	us, ok = g.parse([]byte("2015-02-30"), time.UTC)
	if want := time.Date(2015, 3, 2, 0, 0, 0, 0, time.UTC).UnixMicro(); !ok || us != want {
		t.Errorf("lenient parse = %d, %v; want %d", us, ok, want)
	}
}

// Degenerate patterns and values fail without panicking.
func TestLegacyLimits(t *testing.T) {
	long := "yyyy."
	for i := 0; i < 70; i++ {
		long += "S"
	}
	f, err := compileLegacy(long, true, legacyTestNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.parse([]byte("2020.123"), time.UTC); ok {
		t.Error("a 70-digit fraction parsed")
	}
	v := valuesOf(0, time.UTC)
	if _, err := f.format(nil, &v); err == nil {
		t.Error("a 70-digit fraction formatted")
	}
	// Lenient fields far out of range, and numbers beyond an int.
	g, _ := compileLegacy("yyyy-MM-dd", true, legacyTestNow)
	for _, s := range []string{"292278994-99-99", "99999999999-01-01", "2020-2147483647-2147483647"} {
		g.parse([]byte(s), time.UTC)
	}
	h, _ := compileLegacy("y", false, legacyTestNow)
	for _, s := range []string{"99999999999999999999", "1E999", "-1E999", "1E-5", "9E18"} {
		h.parse([]byte(s), time.UTC)
	}
}

// Random patterns over random text never panic (parse and format, both flavours).
func TestLegacyNoPanics(t *testing.T) {
	const alphabet = "GyMdkHmsSEDFwWahKzZYuXL-: .'0123456789+TAPZ"
	x := uint64(7)
	next := func(n int) int {
		x = x*6364136223846793005 + 1442695040888963407
		return int(x>>33) % n
	}
	la := laZone(t)
	for i := 0; i < 20000; i++ {
		var p, s []byte
		for k := next(12); k >= 0; k-- {
			p = append(p, alphabet[next(len(alphabet))])
		}
		for k := next(20); k >= 0; k-- {
			s = append(s, alphabet[next(len(alphabet))])
		}
		for _, fast := range []bool{false, true} {
			f, err := compileLegacy(string(p), fast, legacyTestNow)
			if err != nil {
				continue
			}
			f.parse(s, la)
			v := valuesOf(int64(next(1<<30))*int64(next(1<<20)-1<<19), la)
			_, _ = f.format(nil, &v)
		}
	}
}
