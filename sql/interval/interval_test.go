package interval

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func TestParseCalendar(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Calendar
		ok   bool
	}{
		{"1 day 2 hours", Calendar{Days: 1, Micros: 2 * microsPerHour}, true},
		{"interval 3 years -1 month", Calendar{Months: 35}, true},
		{"  2 weeks 100 milliseconds 3 microseconds ", Calendar{Days: 14, Micros: 100_003}, true},
		{"1.5 seconds", Calendar{Micros: 1_500_000}, true},
		{"1.5 days", Calendar{}, false}, // only seconds take a fraction
		{"1 fortnight", Calendar{}, false},
		{"", Calendar{}, false},
		{"interval", Calendar{}, false},
		{"2147483648 days", Calendar{}, false}, // days is an int
	} {
		got, ok := ParseCalendar(c.in)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("ParseCalendar(%q) = %+v, %v; want %+v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseANSI(t *testing.T) {
	if m, err := ParseYearMonth("-1-2", types.Year, types.Month); err != nil || m != -14 {
		t.Errorf("ParseYearMonth(-1-2) = %d, %v", m, err)
	}
	if m, err := ParseYearMonth("INTERVAL '10' YEAR", types.Year, types.Year); err != nil || m != 120 {
		t.Errorf("ParseYearMonth(INTERVAL '10' YEAR) = %d, %v", m, err)
	}
	if us, err := ParseDayTime("1 02:03:04.5", types.Day, types.Second); err != nil || us != microsPerDay+2*microsPerHour+3*microsPerMinute+4_500_000 {
		t.Errorf("ParseDayTime = %d, %v", us, err)
	}
	_, err := ParseDayTime("10 11:12", types.Hour, types.Minute)
	if e, ok := sparkerror.As(err); !ok || e.Class != "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE" {
		t.Errorf("ParseDayTime(10 11:12 as HOUR TO MINUTE) = %v", err)
	}
	_, err = ParseDayTime("0 24:00", types.Day, types.Minute)
	if e, ok := sparkerror.As(err); !ok || e.Class != "INVALID_INTERVAL_FORMAT.INTERVAL_PARSING" {
		t.Errorf("hour 24 = %v", err)
	}
}

func TestANSILiteral(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  string
		value any
	}{
		{"3 years 1 month", "INTERVAL '3-1' YEAR TO MONTH", int32(37)},
		{"14 months", "INTERVAL '14' MONTH", int32(14)},
		{"-2 years", "INTERVAL '-2' YEAR", int32(-24)},
		{"2 seconds", "INTERVAL '02' SECOND", int64(2_000_000)},
		{"90 days", "INTERVAL '90' DAY", int64(90 * microsPerDay)},
		{"2 weeks 3 microseconds", "INTERVAL '14 00:00:00.000003' DAY TO SECOND", int64(14*microsPerDay + 3)},
		{"1 hour 30 minutes", "INTERVAL '01:30' HOUR TO MINUTE", int64(90 * microsPerMinute)},
		{"-1 minute 1 second", "INTERVAL '-00:59' MINUTE TO SECOND", int64(-59 * microsPerSecond)},
	} {
		cal, ok := ParseCalendar(c.in)
		if !ok {
			t.Fatalf("ParseCalendar(%q) failed", c.in)
		}
		typ, v, ok := ANSILiteral(cal, Units(c.in))
		if !ok || v != c.value {
			t.Errorf("%q: ANSILiteral = %v, %v, %v; want value %v", c.in, typ, v, ok, c.value)
			continue
		}
		var got string
		switch tt := typ.(type) {
		case types.YearMonthIntervalType:
			got = string(AppendYearMonth(nil, v.(int32), tt.StartField, tt.EndField))
		case types.DayTimeIntervalType:
			got = string(AppendDayTime(nil, v.(int64), tt.StartField, tt.EndField))
		}
		if got != c.want {
			t.Errorf("%q prints %s, want %s", c.in, got, c.want)
		}
	}
	if _, _, ok := ANSILiteral(Calendar{Months: 1, Days: 1}, []string{"month", "day"}); ok {
		t.Error("mixed units accepted")
	}
	if _, _, ok := ANSILiteral(Calendar{Days: 2147483647}, []string{"day"}); ok {
		t.Error("overflowing duration accepted")
	}
}

func TestAppendCalendar(t *testing.T) {
	if got := string(AppendCalendar(nil, 14, 3, 4*microsPerHour+6_500_000)); got != "1 years 2 months 3 days 4 hours 6.5 seconds" {
		t.Errorf("AppendCalendar = %q", got)
	}
	if got := string(AppendCalendar(nil, 0, 0, 0)); got != "0 seconds" {
		t.Errorf("zero = %q", got)
	}
}
