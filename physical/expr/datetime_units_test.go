package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Answers from Spark's golden files (date.sql.out, timestamp.sql.out, timestamp-ntz.sql.out)
// and DateTimeUtils' rules; the session zone is America/Los_Angeles, results render in UTC.
func TestTimestampAddDiff(t *testing.T) {
	ts, ntz := types.Timestamp, types.TimestampNTZ
	// 2022-02-25 01:02:03.123 in Los Angeles is 09:02:03.123 UTC.
	la := func(s string) lv { return lv{ts, mustMicros(t, s)} }
	wall := func(s string) lv { return lv{ntz, mustLocal(t, s)} }
	runFnCases(t, []fnCase{
		{fn: "timestampadd", result: ts, args: []lv{s("MICROSECOND"), l(1001), la("2022-02-25 09:02:03.123")}, want: "2022-02-25 09:02:03.124001"},
		{fn: "timestampadd", result: ts, args: []lv{s("MILLISECOND"), l(-1), la("2022-02-25 09:02:03.456")}, want: "2022-02-25 09:02:03.455"},
		{fn: "timestampadd", result: ts, args: []lv{s("WEEK"), l(-4), la("2022-02-25 09:02:03")}, want: "2022-01-28 09:02:03"},
		{fn: "timestampadd", result: ts, args: []lv{s("MONTH"), l(1), la("2022-01-31 08:00:00")}, want: "2022-02-28 08:00:00"},
		// Days move the wall clock across the DST change (01:00 PST -> 01:00 PDT).
		{fn: "timestampadd", result: ts, args: []lv{s("DAY"), l(1), la("2022-03-13 09:00:00")}, want: "2022-03-14 08:00:00"},
		{fn: "timestampadd", result: ts, args: []lv{s("HOUR"), l(24), la("2022-03-13 09:00:00")}, want: "2022-03-14 09:00:00"},
		{fn: "timestampadd", result: ntz, args: []lv{s("HOUR"), l(8), wall("2022-02-11 20:30:00")}, want: "2022-02-12 04:30:00"},
		{fn: "timestampadd", result: ntz, args: []lv{s("QUARTER"), l(5), wall("2022-02-25 00:00:00")}, want: "2023-05-25 00:00:00"},
		{fn: "timestampadd", result: ts, args: []lv{s("YEAR"), l(1 << 40), la("2022-02-25 09:02:03")}, err: "DATETIME_OVERFLOW"},
		{fn: "timestampadd", result: ts, args: []lv{s("SECOND"), l(1 << 62), la("2022-02-25 09:02:03")}, err: "DATETIME_OVERFLOW"},
		{fn: "timestampadd", result: ts, args: []lv{s("DAY"), l(1 << 31), la("2022-02-25 09:02:03")}, err: "DATETIME_OVERFLOW"},
		{fn: "timestampadd", result: ts, args: []lv{s("FORTNIGHT"), l(1), la("2022-02-25 09:02:03")}, err: "INVALID_PARAMETER_VALUE.DATETIME_UNIT"},

		{fn: "timestampdiff", result: types.Long, args: []lv{s("MICROSECOND"), la("2022-02-25 09:02:03.123"), la("2022-02-25 09:02:03.124001")}, want: "1001"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("MINUTE"), la("2022-02-25 08:00:00"), la("2022-02-25 06:20:00")}, want: "-100"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("DAY"), la("2022-02-25 08:00:00"), la("2023-02-27 08:00:00")}, want: "367"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("WEEK"), la("2022-02-25 09:02:03"), la("2022-01-28 09:02:03")}, want: "-4"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("QUARTER"), la("2022-02-25 08:00:00"), la("2023-05-25 07:00:00")}, want: "5"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("QUARTER"), la("2023-08-10 08:02:03"), la("2022-01-14 09:02:03")}, want: "-6"},
		// A month is whole only once the day and time of day are reached.
		{fn: "timestampdiff", result: types.Long, args: []lv{s("MONTH"), la("2022-01-31 20:00:00"), la("2022-02-28 19:59:59")}, want: "0"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("YEAR"), la("2022-02-15 08:00:00"), la("2023-02-15 18:11:12")}, want: "1"},
		{fn: "timestampdiff", result: types.Long, args: []lv{s("DAYOFYEAR"), la("2022-02-15 08:00:00"), la("2023-02-15 18:11:12")}, err: "INVALID_PARAMETER_VALUE.DATETIME_UNIT"},

		{fn: "convert_timezone", result: ntz, args: []lv{s("Europe/Moscow"), s("America/Los_Angeles"), wall("2022-01-01 00:00:00")}, want: "2021-12-31 13:00:00"},
		{fn: "convert_timezone", result: ntz, args: []lv{s("Mars/Olympus"), s("UTC"), wall("2022-01-01 00:00:00")}, err: "INVALID_TIMEZONE"},
		{fn: "from_utc_timestamp", result: ts, args: []lv{la("2016-08-31 00:00:00"), s("Asia/Seoul")}, want: "2016-08-31 09:00:00"},
		{fn: "to_utc_timestamp", result: ts, args: []lv{la("2016-08-31 00:00:00"), s("Asia/Seoul")}, want: "2016-08-30 15:00:00"},

		{fn: "trunc", result: types.Date, args: []lv{lv{types.Date, int32(17586)}, s("MM")}, want: "2018-02-01"},
		{fn: "trunc", result: types.Date, args: []lv{lv{types.Date, int32(17586)}, s("week")}, want: "2018-02-19"},
		{fn: "trunc", result: types.Date, args: []lv{lv{types.Date, int32(17586)}, s("QUARTER")}, want: "2018-01-01"},
		{fn: "trunc", result: types.Date, args: []lv{lv{types.Date, int32(17586)}, s("DD")}, want: "NULL"},
		{fn: "date_trunc", result: ts, args: []lv{s("week"), la("2004-02-29 23:44:17.71393")}, want: "2004-02-23 08:00:00"},
		{fn: "date_trunc", result: ts, args: []lv{s("HOUR"), la("2015-03-05 09:32:05.359")}, want: "2015-03-05 09:00:00"},
		{fn: "date_trunc", result: ts, args: []lv{s("DD"), la("2015-03-05 09:32:05.359")}, want: "2015-03-05 08:00:00"},
		{fn: "date_trunc", result: ts, args: []lv{s("MILLISECOND"), la("2015-03-05 09:32:05.123456")}, want: "2015-03-05 09:32:05.123"},
		{fn: "date_trunc", result: ts, args: []lv{s("decade"), la("2015-03-05 09:32:05.123456")}, want: "NULL"},
	})
}

func mustMicros(t *testing.T, s string) int64 {
	t.Helper()
	us, ok := parseTimestampNTZ([]byte(s))
	if !ok {
		t.Fatalf("bad timestamp %q", s)
	}
	return us
}

func mustLocal(t *testing.T, s string) int64 { return mustMicros(t, s) }
