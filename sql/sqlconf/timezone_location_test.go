package sqlconf

import (
	"testing"
	"time"
)

func TestTimeZoneLocation(t *testing.T) {
	at := time.Date(2020, 7, 1, 12, 0, 0, 0, time.UTC)
	for id, wantOffset := range map[string]int{
		"America/Los_Angeles": -7 * 3600, // daylight saving time in July
		"UTC":                 0,
		"Z":                   0,
		"+08:00":              8 * 3600,
		"-7":                  -7 * 3600,
		"+1:30":               90 * 60,
		"GMT-08:00":           -8 * 3600,
		"UTC+01:00:30":        3630,
		"PST":                 -7 * 3600, // the short id is the region, with its DST
	} {
		loc, ok := TimeZoneLocation(id)
		if !ok {
			t.Errorf("%s: not resolved", id)
			continue
		}
		if _, off := at.In(loc).Zone(); off != wantOffset {
			t.Errorf("%s: offset %d, want %d", id, off, wantOffset)
		}
	}
	for _, id := range []string{"", "+19:00", "Mars/Base", "UTC+x", "posix/UTC"} {
		if _, ok := TimeZoneLocation(id); ok {
			t.Errorf("%q resolved", id)
		}
	}
}
