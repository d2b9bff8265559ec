package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// timeOf parses a TIME literal's text as the cast does (failing the test otherwise).
func timeOf(t *testing.T, s string) int64 {
	t.Helper()
	v, ok := parseTime([]byte(s))
	if !ok {
		t.Fatalf("bad time %q", s)
	}
	return v
}

// Answers from Spark's cast.sql.out and time.sql.out.
func TestTimeCasts(t *testing.T) {
	time6, time2 := types.DefaultTime, types.TimeType{Precision: 2}
	for _, c := range []struct {
		from   types.DataType
		in     any
		to     types.DataType
		mode   string
		want   string
		err    string
		params map[string]string
	}{
		{from: types.String, in: "12:34:56", to: time6, want: "12:34:56"},
		{from: types.String, in: "T1:2:3.4 ", to: time6, want: "01:02:03.4"},
		{from: types.String, in: " T1:2:3", to: time6, mode: "legacy", want: "NULL"},
		{from: types.String, in: "12:30 AM", to: time6, want: "00:30:00"},
		{from: types.String, in: "01:30:45pm", to: time6, want: "13:30:45"},
		{from: types.String, in: "12:34:56.789", to: time2, want: "12:34:56.78"},
		{from: types.String, in: "23:59:59.999999999", to: time6, want: "23:59:59.999999"},
		{from: types.String, in: "24:00:00", to: time6, mode: "legacy", want: "NULL"},
		{from: types.String, in: "13:00 PM", to: time6, mode: "try", want: "NULL"},
		{from: types.String, in: "2020-01-01 12:00:00", to: time6, err: "CAST_INVALID_INPUT",
			params: map[string]string{"expression": "'2020-01-01 12:00:00'", "sourceType": `"STRING"`, "targetType": `"TIME(6)"`}},
		{from: time6, in: "00:01:52", to: types.Byte, want: "112"},
		{from: time6, in: "23:59:59", to: types.Byte, err: "CAST_OVERFLOW",
			params: map[string]string{"value": "TIME '23:59:59'", "sourceType": `"TIME(6)"`, "targetType": `"TINYINT"`}},
		{from: time6, in: "23:59:59", to: types.Short, mode: "legacy", want: "NULL"},
		{from: time6, in: "23:59:59", to: types.Integer, want: "86399"},
		{from: time6, in: "00:00:17.9", to: types.Long, want: "17"},
		{from: time6, in: "01:30:45", to: dec(8, 3), want: "5445.000"},
		{from: time6, in: "23:59:59.999999", to: dec(14, 9), want: "86399.999999000"},
		{from: time6, in: "23:59:59.9", to: dec(6, 0), want: "86400"},
		{from: time6, in: "23:59:59.999", to: dec(8, 2), want: "86400.00"},
		{from: time6, in: "00:01:00", to: dec(1, 0), err: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
			params: map[string]string{"value": "60.000000000", "precision": "1", "scale": "0"}},
		{from: time6, in: "10:00:00", to: dec(5, 2), mode: "legacy", want: "NULL"},
		{from: time6, in: "09:08:01.9876", to: types.String, want: "09:08:01.9876"},
		{from: time6, in: "23:59:59.001001", to: types.TimeType{Precision: 4}, want: "23:59:59.001"},
	} {
		name := c.from.SQL() + "->" + c.to.SQL() + "/" + c.mode
		var in any = c.in
		if _, isTime := c.from.(types.TimeType); isTime {
			in = timeOf(t, c.in.(string))
		}
		b := batchOf(arr(t, c.from, in))
		e, err := NewCast(col(0, c.from), c.from, c.to, castOpts(c.mode))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := e.Eval(b)
		switch {
		case c.err != "":
			se, ok := sparkerror.As(err)
			if !ok || se.Class != c.err {
				t.Errorf("%s(%v): want error %s, got %v", name, c.in, c.err, err)
				break
			}
			for k, v := range c.params {
				if se.Params[k] != v {
					t.Errorf("%s(%v): param %s = %q, want %q", name, c.in, k, se.Params[k], v)
				}
			}
		case err != nil:
			t.Errorf("%s(%v): %v", name, c.in, err)
		default:
			if got := strs(t, out)[0]; got != c.want {
				t.Errorf("%s(%q): got %q, want %q", name, c.in, got, c.want)
			}
		}
		if out != nil {
			out.Release()
		}
		b.Release()
	}
}

func TestTimeFunctions(t *testing.T) {
	time6 := types.DefaultTime
	tm := func(s string) lv { return lv{time6, timeOf(t, s)} }
	sec := func(s string) lv { return lv{types.DecimalType{Precision: 16, Scale: 6}, decStrT(t, s)} }
	runFnCases(t, []fnCase{
		{fn: "make_time", result: time6, args: []lv{i(1), i(18), sec("19.87")}, want: "01:18:19.87"},
		{fn: "make_time", result: time6, args: []lv{i(23), i(59), sec("59.999999")}, want: "23:59:59.999999"},
		{fn: "make_time", result: time6, args: []lv{i(-1), i(18), sec("19.87")}, err: "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION"},
		{fn: "make_time", result: time6, args: []lv{i(1), i(60), sec("19.87")}, err: "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION"},
		{fn: "make_time", result: time6, args: []lv{i(1), i(18), sec("60")}, err: "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION"},
		{fn: "make_time", result: time6, args: []lv{i(1), i(18), sec("-999999999.999999")}, err: "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION"},
		// make_timestamp(date, time[, zone]) in Los Angeles, rendered in UTC.
		{fn: "make_timestamp_from_date", result: types.Timestamp, args: []lv{lv{types.Date, int32(18819)}, tm("06:30:45.678")}, want: "2021-07-11 13:30:45.678"},
		{fn: "make_timestamp_from_date", result: types.Timestamp, args: []lv{lv{types.Date, int32(0)}, tm("00:00:00"), s("UTC")}, want: "1970-01-01 00:00:00"},
		{fn: "make_timestamp_from_date", result: types.Timestamp, args: []lv{lv{types.Date, int32(18819)}, tm("06:30:45.678"), s("MIT")}, want: "2021-07-10 17:30:45.678"},
		{fn: "make_timestamp_from_date", result: types.Timestamp, args: []lv{lv{types.Date, int32(0)}, tm("00:00:00"), s("Nowhere/Else")}, err: "INVALID_TIMEZONE"},
		{fn: "try_make_timestamp_from_date", result: types.Timestamp, args: []lv{lv{types.Date, int32(0)}, tm("00:00:00"), s("Nowhere/Else")}, want: "NULL"},
		{fn: "make_timestamp_ntz_from_date", result: types.TimestampNTZ, args: []lv{lv{types.Date, int32(20266)}, tm("16:08:45.123456")}, want: "2025-06-27 16:08:45.123456"},
		{fn: "hour_of_time", result: types.Integer, args: []lv{tm("23:59:58.987654")}, want: "23"},
		{fn: "minute_of_time", result: types.Integer, args: []lv{tm("23:59:58.987654")}, want: "59"},
		{fn: "second_of_time", result: types.Integer, args: []lv{tm("23:59:58.987654")}, want: "58"},
		{fn: "second_of_time_with_fraction", result: types.DecimalType{Precision: 8, Scale: 6}, args: []lv{tm("00:00:01.100001")}, want: "1.100001"},
		{fn: "time_trunc", result: time6, args: []lv{s("MiNuTe"), tm("12:34:56.123456")}, want: "12:34:00"},
		{fn: "time_trunc", result: time6, args: []lv{s("MILLISECOND"), tm("12:34:56.123456")}, want: "12:34:56.123"},
		{fn: "time_trunc", result: time6, args: []lv{s("DAY"), tm("12:34:56")}, err: "INVALID_PARAMETER_VALUE.TIME_UNIT"},
		{fn: "time_diff", result: types.Long, args: []lv{s("HOUR"), tm("00:00:00"), tm("12:34:56")}, want: "12"},
		{fn: "time_diff", result: types.Long, args: []lv{s("MICROSECOND"), tm("12:34:56"), tm("00:00:00")}, want: "-45296000000"},
		{fn: "time_diff", result: types.Long, args: []lv{s("WEEK"), tm("00:00:00"), tm("12:34:56")}, err: "INVALID_PARAMETER_VALUE.TIME_UNIT"},
		{fn: "to_time", result: time6, args: []lv{s("01:02:03")}, want: "01:02:03"},
		{fn: "to_time", result: time6, args: []lv{s("23-59-59.999999"), s("HH-mm-ss.SSSSSS")}, want: "23:59:59.999999"},
		{fn: "to_time", result: time6, args: []lv{s("11"), s("HH")}, want: "11:00:00"},
		{fn: "to_time", result: time6, args: []lv{s("13-60"), s("HH-mm")}, err: "CANNOT_PARSE_TIME"},
		{fn: "to_time", result: time6, args: []lv{s("12:48:31 abc")}, err: "CANNOT_PARSE_TIME"},
		{fn: "try_to_time", result: time6, args: []lv{s("02-69"), s("HH-mm")}, want: "NULL"},
	})
}
