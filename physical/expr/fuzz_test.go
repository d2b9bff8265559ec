package expr

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// The parsers must never panic, whatever the bytes; where Go has an equivalent parser for a
// subset of the syntax, the results agree. Run with go test -fuzz=FuzzX.

func FuzzParseIntegral(f *testing.F) {
	for _, s := range []string{"0", "-1", "+7", " 12 ", "1.5", ".", "-", "+", "9223372036854775807",
		"-9223372036854775808", "9223372036854775808", "2147483648", "1e3", "\t3\n", "１", "1.2.3", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		for _, bits := range []int{32, 64} {
			v, ok := parseIntegral(s, false, bits)
			w, err := strconv.ParseInt(string(trimAll(s)), 10, bits)
			if ok && !strings.ContainsAny(string(trimAll(s)), "+") && err == nil && v != w {
				t.Fatalf("%q: %d, strconv %d", s, v, w)
			}
			if !ok && err == nil && len(trimAll(s)) > 0 && trimAll(s)[0] != '+' {
				t.Fatalf("%q rejected, strconv %d", s, w)
			}
			parseIntegral(s, true, bits)
		}
	})
}

// plainDecimalFloat is digits[.digits][(e|E)[sign]digits] with at least one mantissa digit:
// text strconv.ParseFloat reads as Java does.
var plainDecimalFloat = regexp.MustCompile(`^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

func FuzzParseDouble(f *testing.F) {
	for _, s := range []string{"1.5", "-0", "1e308", "1e309", ".5", "5.", "0x1p3", "0x.8p1", "NaN", "-Infinity",
		"inf", "1d", "2F", "1e", "e1", "--1", "0x1", " 7 ", "1_0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		v, ok := parseJavaDouble(s, 64)
		if ok && plainDecimalFloat.Match(textdata.JavaTrim(s)) {
			w, err := strconv.ParseFloat(string(textdata.JavaTrim(s)), 64)
			if err == nil && v != w && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Fatalf("%q: %v, strconv %v", s, v, w)
			}
		}
		parseJavaDouble(s, 32)
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1.5", "-0.001", "1e5", "1E-5", ".5", "5.", "+.5e+2", "1e2147483648", "0e100", "e", "1.2.3"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		d, ok := parseBigDecimal(textdata.JavaTrim(s))
		if !ok || int64(d.precision())-d.scale > 38 {
			return
		}
		for _, sc := range []int{0, 2, 10, 38} {
			x := d.toScale(sc)
			bigToNum(x, 38)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021-01-01", "2021", "2021-1", "-0001-12-31", "+99999-1-1", "2021-02-29",
		"2021-01-01T00:00", "2021-01-01 x", "9999999-12-31", "12345678-1-1", " 2020-1-1 ", "2020-"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		d, ok := parseDate(s)
		if !ok {
			return
		}
		// Round trip through the civil calendar.
		y, m, day := civilFromDays(int64(d))
		if daysFromCivil(y, m, day) != int64(d) {
			t.Fatalf("%q: %d does not round-trip", s, d)
		}
	})
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2021-01-01 12:34:56.789", "2021-01-01T00:00:00Z", "2021-01-01 00:00:00+08:00",
		"2021-01-01 00:00:00 America/Los_Angeles", "T12:00", "12:00:00", "2021-01-01 00:00:00.1234567890",
		"+200000-01-01", "2021-13-01", "2021-01-01 25:00", "2021-01-01 00:00:00UTC+5", "2021-1-1 1:2:3.4 PST",
		"2021-01-01 00:00:00 +1:3", "2021-01-01 00:00:00 GMT-8"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		parseTimestamp(s, la)
		parseTimestamp(s, time.UTC)
		parseTimestampNTZ(s)
	})
}

func FuzzParseIntervals(f *testing.F) {
	for _, s := range []string{"interval 1 day", "1 year 2 months", "-3 hours 4.5 seconds", ".5 second",
		"1 microsecond", "interval", "1 fortnight", "3-1", "INTERVAL '3 00:00:01' DAY TO SECOND", "10:20",
		"-1 02:03:04.123456789", "1.5", "99999999999999999999 seconds"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		interval.ParseCalendar(string(s))
		for st := types.Day; st <= types.Second; st++ {
			for en := st; en <= types.Second; en++ {
				interval.ParseDayTime(string(s), st, en)
			}
		}
		for st := types.Year; st <= types.Month; st++ {
			for en := st; en <= types.Month; en++ {
				interval.ParseYearMonth(string(s), st, en)
			}
		}
	})
}

func FuzzLike(f *testing.F) {
	for _, s := range [][2]string{{"abc", "a%"}, {"a\nb", "a_b"}, {"", "%"}, {"ab%", `ab\%`}, {"aé", "a_"}, {"x", `\`}} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, s, p []byte) {
		m, err := compileLike(p, '\\')
		if err != nil {
			return
		}
		got := m.match(s)
		// Literal patterns (no wildcards, no escapes) match exactly themselves.
		if !strings.ContainsAny(string(p), `%_\`) && got != (string(s) == string(p)) {
			t.Fatalf("%q LIKE %q = %v", s, p, got)
		}
	})
}
