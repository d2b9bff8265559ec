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
