package datetime

import (
	"testing"
	"time"
)

// Spark's string forms of dates and timestamps (SparkDateTimeUtils.stringToDate,
// stringToTimestamp, stringToTimestampWithoutTimeZone) and zone ids (getZoneId).
func TestStringToDateAndTimestamp(t *testing.T) {
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
		v, ok := StringToDate([]byte(c.s))
		if ok != c.ok || (ok && v != day(c.d)) {
			t.Errorf("StringToDate(%q) = %d, %v", c.s, v, ok)
		}
	}
	if v, ok := StringToDate([]byte("-0001-01-01")); !ok || v != int32(DaysFromCivil(-1, 1, 1)) {
		t.Errorf("negative year: %d %v", v, ok)
	}
	la, _ := ZoneByID("America/Los_Angeles")
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
		// A leading T marks a time only when it starts the untrimmed string.
		{" T10:11:12", time.UTC, "", false},
		{"+2024-01-05 10:11:12", time.UTC, "2024-01-05T10:11:12Z", true},
		{"-0001-01-05 10:11:12", time.UTC, "-0001-01-05T10:11:12Z", true},
	}
	for _, c := range ts {
		v, ok := StringToTimestamp([]byte(c.s), c.loc)
		if ok != c.ok {
			t.Errorf("StringToTimestamp(%q) ok=%v", c.s, ok)
			continue
		}
		if ok {
			got := time.UnixMicro(v).UTC().Format(time.RFC3339Nano)
			if got != c.want {
				t.Errorf("StringToTimestamp(%q) = %s, want %s", c.s, got, c.want)
			}
		}
	}
	if _, ok := StringToTimestampNTZ([]byte("2024-01-05 10:00:00+01:00"), false); ok {
		t.Error("NTZ with a zone accepted")
	}
	if v, ok := StringToTimestampNTZ([]byte("2024-01-05 10:00:00"), false); !ok || v != 1704448800000000 {
		t.Errorf("NTZ %d %v", v, ok)
	}
	// A time without a date takes today's date.
	if _, ok := StringToTimestamp([]byte("10:11:12"), time.UTC); !ok {
		t.Error("time only")
	}
}

func TestZones(t *testing.T) {
	for id, off := range map[string]int{"UTC": 0, "Z": 0, "+01:00": 3600, "-0530": -19800, "GMT+2": 7200,
		"UT-03:30": -12600, "+5:00": 18000, "+05:0": 18000, "EST": -18000} {
		loc, ok := ZoneByID(id)
		if !ok {
			t.Errorf("%s not found", id)
			continue
		}
		if _, got := time.Date(2024, 1, 1, 0, 0, 0, 0, loc).Zone(); got != off {
			t.Errorf("%s offset %d, want %d", id, got, off)
		}
	}
	for _, id := range []string{"", "+19:00", "Local", "Foo/Bar", "+1:2:3", "Factory", "posixrules", "posix/Europe/Paris"} {
		if _, ok := ZoneByID(id); ok {
			t.Errorf("%q accepted", id)
		}
	}
}
