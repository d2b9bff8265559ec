package source

import (
	"testing"
	"time"
)

func TestBigDecimalParsing(t *testing.T) {
	decs := []struct {
		s      string
		p, sc  int
		want   string
		wantOK bool
	}{
		{"1.005", 5, 2, "1.01", true}, {"-1.005", 5, 2, "-1.01", true}, {"1.004", 5, 2, "1.00", true},
		{"123", 5, 2, "123.00", true}, {"1234", 5, 2, "", false}, {"1e2", 5, 2, "100.00", true},
		{"1.5E-1", 5, 2, "0.15", true}, {"0.000", 3, 3, "0.000", true}, {"12345678901234567890.5", 38, 1, "12345678901234567890.5", true},
		{"abc", 5, 2, "", false}, {"", 5, 2, "", false}, {"+.5", 3, 1, "0.5", true}, {"99.995", 4, 2, "", false},
		{"99999999999999999999999999999999999999", 38, 0, "99999999999999999999999999999999999999", true},
	}
	for _, c := range decs {
		d, ok := parseBigDecimal([]byte(c.s))
		if ok {
			var n interface{ ToString(int32) string }
			num, ok2 := d.toDecimal128(c.p, c.sc)
			ok = ok2
			n = num
			if ok && n.ToString(int32(c.sc)) != c.want {
				t.Errorf("decimal %q -> %s, want %s", c.s, n.ToString(int32(c.sc)), c.want)
			}
		}
		if ok != c.wantOK {
			t.Errorf("decimal %q ok=%v", c.s, ok)
		}
	}
}

func TestDateTimeParsing(t *testing.T) {
	day := func(s string) int32 {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return int32(d.Unix() / 86400)
	}
	dates := []struct {
		s  string
		ok bool
		d  string
	}{
		{"2024-01-05", true, "2024-01-05"}, {"2024-1-5", true, "2024-01-05"}, {"2024", true, "2024-01-01"},
		{"2024-03", true, "2024-03-01"}, {" 2024-01-05 ", true, "2024-01-05"}, {"2024-01-05T10:00", true, "2024-01-05"},
		{"2024-01-05 anything", true, "2024-01-05"}, {"2024-02-30", false, ""}, {"24-01-05", false, ""},
		{"2024-01-05x", false, ""}, {"2024-", false, ""}, {"", false, ""}, {"2024-001-05", false, ""},
	}
	for _, c := range dates {
		v, ok := stringToDate([]byte(c.s))
		if ok != c.ok || (ok && v != day(c.d)) {
			t.Errorf("stringToDate(%q) = %d, %v", c.s, v, ok)
		}
	}
	if v, ok := stringToDate([]byte("-0001-01-01")); !ok || v != int32(daysFromCivil(-1, 1, 1)) {
		t.Errorf("negative year: %d %v", v, ok)
	}
	la, _ := zoneByID("America/Los_Angeles")
	ts := []struct {
		s    string
		loc  *time.Location
		want string
		ok   bool
	}{
		{"2024-01-05 10:11:12", time.UTC, "2024-01-05T10:11:12Z", true},
		{"2024-01-05T10:11:12.5", time.UTC, "2024-01-05T10:11:12.5Z", true},
		{"2024-01-05 10:11:12.123456789", time.UTC, "2024-01-05T10:11:12.123456Z", true},
		{"2024-01-05 10:11:12Z", la, "2024-01-05T10:11:12Z", true},
		{"2024-01-05 10:11:12 +01:00", time.UTC, "2024-01-05T09:11:12Z", true},
		{"2024-01-05T10:11:12-0130", time.UTC, "2024-01-05T11:41:12Z", true},
		{"2024-01-05 10:11:12 UTC+3", time.UTC, "2024-01-05T07:11:12Z", true},
		{"2024-01-05 10:11:12 Europe/Paris", time.UTC, "2024-01-05T09:11:12Z", true},
		{"2024-01-05 10:11:12 PST", time.UTC, "2024-01-05T18:11:12Z", true},
		{"2024-01-05", la, "2024-01-05T08:00:00Z", true},
		{"2024-01-05 10:11", time.UTC, "2024-01-05T10:11:00Z", true},
		{"2024-07-01 00:00:00", la, "2024-07-01T07:00:00Z", true},
		{"2024-03-10 02:30:00", la, "2024-03-10T10:30:00Z", true}, // in the DST gap: moved forward
		{"2024-11-03 01:30:00", la, "2024-11-03T08:30:00Z", true}, // in the overlap: the earlier offset
		{"2024-01-05 25:00:00", time.UTC, "", false},
		{"2024-01-05 10:11:12 Nowhere/City", time.UTC, "", false},
		{"x", time.UTC, "", false},
		{"2024-01-05 10:11:12.", time.UTC, "2024-01-05T10:11:12Z", true},
	}
	for _, c := range ts {
		v, ok := stringToTimestamp([]byte(c.s), c.loc)
		if ok != c.ok {
			t.Errorf("stringToTimestamp(%q) ok=%v", c.s, ok)
			continue
		}
		if ok {
			got := time.UnixMicro(v).UTC().Format(time.RFC3339Nano)
			if got != c.want {
				t.Errorf("stringToTimestamp(%q) = %s, want %s", c.s, got, c.want)
			}
		}
	}
	if _, ok := stringToTimestampNTZ([]byte("2024-01-05 10:00:00+01:00"), false); ok {
		t.Error("NTZ with a zone accepted")
	}
	if v, ok := stringToTimestampNTZ([]byte("2024-01-05 10:00:00"), false); !ok || v != 1704448800000000 {
		t.Errorf("NTZ %d %v", v, ok)
	}
	// A time without a date takes today's date.
	if _, ok := stringToTimestamp([]byte("10:11:12"), time.UTC); !ok {
		t.Error("time only")
	}
}

func TestDatetimePatterns(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       string // RFC3339 in UTC, "" for a parse failure
	}{
		{"yyyy-MM-dd", "2024-01-05", "2024-01-05T00:00:00Z"},
		{"yyyy-MM-dd", "2024-1-05", ""},
		{"dd/MM/yyyy", "05/01/2024", "2024-01-05T00:00:00Z"},
		{"d/M/yy", "5/1/24", "2024-01-05T00:00:00Z"},
		{"yyyyMMdd", "20240105", "2024-01-05T00:00:00Z"},
		{"yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:11:12.345", "2024-01-05T10:11:12.345Z"},
		{"yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:11:12.3", "2024-01-05T10:11:12.3Z"},
		{"yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:11:12+02:00", "2024-01-05T08:11:12Z"},
		{"yyyy-MM-dd'T'HH:mm:ssX", "2024-01-05T10:11:12Z", "2024-01-05T10:11:12Z"},
		{"yyyy-MM-dd HH:mm:ss Z", "2024-01-05 10:11:12 -0500", "2024-01-05T15:11:12Z"},
		{"yyyy-MM-dd HH:mm VV", "2024-01-05 10:11 Asia/Tokyo", "2024-01-05T01:11:00Z"},
		{"MMM d, yyyy h:mm a", "Jan 5, 2024 3:04 PM", "2024-01-05T15:04:00Z"},
		{"MMMM dd yyyy", "january 05 2024", "2024-01-05T00:00:00Z"},
		{"EEE, dd MMM yyyy HH:mm:ss", "Fri, 05 Jan 2024 10:11:12", "2024-01-05T10:11:12Z"},
		{"yyyy-MM-dd[ HH:mm:ss]", "2024-01-05", "2024-01-05T00:00:00Z"},
		{"yyyy-MM-dd[ HH:mm:ss]", "2024-01-05 01:02:03", "2024-01-05T01:02:03Z"},
		{"yyyy-DDD", "2024-060", "2024-02-29T00:00:00Z"},
		{"yyyy-MM-dd", "2024-02-30", ""},
		{"HH:mm", "24:00", ""},
	}
	for _, c := range cases {
		pat, err := compilePattern(c.pattern)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		p := timestampParser{pat: pat, loc: time.UTC}
		v, ok := p.parse([]byte(c.s))
		got := ""
		if ok {
			got = time.UnixMicro(v).UTC().Format(time.RFC3339Nano)
		}
		if got != c.want {
			t.Errorf("%q on %q: %q, want %q", c.pattern, c.s, got, c.want)
		}
	}
	for _, bad := range []string{"yyyy-MM-dd'", "yyyy]", "[yyyy", "yyyy-qq"} {
		if _, err := compilePattern(bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func TestZones(t *testing.T) {
	for id, off := range map[string]int{"UTC": 0, "Z": 0, "+01:00": 3600, "-0530": -19800, "GMT+2": 7200,
		"UT-03:30": -12600, "+5:00": 18000, "+05:0": 18000, "EST": -18000} {
		loc, ok := zoneByID(id)
		if !ok {
			t.Errorf("%s not found", id)
			continue
		}
		if _, got := time.Date(2024, 1, 1, 0, 0, 0, 0, loc).Zone(); got != off {
			t.Errorf("%s offset %d, want %d", id, got, off)
		}
	}
	for _, id := range []string{"", "+19:00", "Local", "Foo/Bar", "+1:2:3"} {
		if _, ok := zoneByID(id); ok {
			t.Errorf("%q accepted", id)
		}
	}
}
