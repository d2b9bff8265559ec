package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// A CalendarInterval travels as Arrow's month_day_nano (nanoseconds = Spark's
// microseconds × 1000). Microseconds beyond what that holds are an error, never a wrapped
// value: java.lang.ArithmeticException "long overflow", which Spark Connect's Arrow
// writer raises for them too (interval.sql: make_interval(1, 2, 3, 4, 0, 0,
// 123456789012.123456)).
func TestCalendarIntervalCarrier(t *testing.T) {
	b := emptyBatch(1)
	sec := func(s string) Expr {
		return litOf(t, types.DecimalType{Precision: 18, Scale: 6}, decStr(t, s, 18, 6))
	}
	i32 := func(v int32) Expr { return litOf(t, types.Integer, v) }
	for _, ansi := range []bool{true, false} {
		ok := call(t, "make_interval", types.CalendarInterval, ansi, i32(1), i32(2), i32(3), i32(4), i32(5), i32(6), sec("7.5"))
		wantStrs(t, ok, b, "1 years 2 months 25 days 5 hours 6 minutes 7.5 seconds")
		big := call(t, "make_interval", types.CalendarInterval, ansi, i32(1), i32(2), i32(3), i32(4), i32(0), i32(0), sec("123456789012.123456"))
		out, err := big.Eval(b)
		if err == nil {
			out.Release()
			t.Fatalf("ansi=%v: a value beyond the carrier evaluated", ansi)
		}
		se, isSpark := sparkerror.As(err)
		if !isSpark || se.Message != "long overflow" || se.Classes()[0] != "java.lang.ArithmeticException" {
			t.Fatalf("ansi=%v: %v", ansi, err)
		}
	}
	if _, err := CalendarNanos(0, 0, 9_223_372_036_854_775); err != nil {
		t.Error(err)
	}
	if _, err := CalendarNanos(0, 0, 9_223_372_036_854_776); err == nil {
		t.Error("no overflow")
	}
}
