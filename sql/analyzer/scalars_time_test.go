package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Names and types of the datetime functions with units and of the TIME functions, as
// Spark's golden files (date.sql.out, timestamp-ntz.sql.out, cast.sql.out, time.sql.out)
// show them.
func TestDatetimeUnitAndTimeSchemas(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"select dateadd(MICROSECOND, 1001, timestamp'2022-02-25 01:02:03.123')",
			"struct<timestampadd(MICROSECOND, 1001, TIMESTAMP '2022-02-25 01:02:03.123'):timestamp>"},
		{"select date_add(MINUTE, -100, date'2022-02-25')", "struct<timestampadd(MINUTE, -100, DATE '2022-02-25'):timestamp>"},
		{"select timestampadd(HOUR, 8, timestamp_ntz'2022-02-11 20:30:00')", "struct<timestampadd(HOUR, 8, TIMESTAMP_NTZ '2022-02-11 20:30:00'):timestamp_ntz>"},
		{"select date_diff(MINUTE, date'2022-02-25', timestamp'2022-02-24 22:20:00')",
			"struct<timestampdiff(MINUTE, DATE '2022-02-25', TIMESTAMP '2022-02-24 22:20:00'):bigint>"},
		{"select timediff(HOUR, timestamp_ntz'2022-02-14 01:02:03', timestamp_ltz'2022-02-14 02:03:04')",
			"struct<timestampdiff(HOUR, TIMESTAMP_NTZ '2022-02-14 01:02:03', TIMESTAMP '2022-02-14 02:03:04'):bigint>"},
		{"SELECT convert_timezone('Europe/Brussels', timestamp_ntz'2022-03-23 00:00:00')",
			"struct<convert_timezone(current_timezone(), Europe/Brussels, TIMESTAMP_NTZ '2022-03-23 00:00:00'):timestamp_ntz>"},
		{"SELECT trunc(date'2019-08-04', 'MM'), date_trunc('week', timestamp'2004-02-29 15:44:17.71393')",
			"struct<trunc(DATE '2019-08-04', MM):date,date_trunc(week, TIMESTAMP '2004-02-29 15:44:17.71393'):timestamp>"},
		{"SELECT CAST(TIME '00:00:17.5' AS tinyint), CAST(time '23:59:59.999999999' AS decimal(14, 9))",
			"struct<CAST(TIME '00:00:17.5' AS TINYINT):tinyint,CAST(TIME '23:59:59.999999' AS DECIMAL(14,9)):decimal(14,9)>"},
		{"SELECT make_timestamp(make_date(2021, 07, 11), make_time(6, 30, 45.678), 'MIT')",
			"struct<make_timestamp(make_date(2021, 7, 11), make_time(6, 30, 45.678), MIT):timestamp>"},
		{"SELECT make_timestamp_ntz(NULL, TIME'0:0:0')", "struct<make_timestamp_ntz(NULL, TIME '00:00:00'):timestamp_ntz>"},
		{"SELECT try_make_timestamp_ntz(NULL, TIME'23:59:59.00001')",
			"struct<try_make_timestamp_ntz(make_timestamp_ntz(NULL, TIME '23:59:59.00001')):timestamp_ntz>"},
		{"select extract(SECOND from time'00:0:00.100001'), hour(time'12:00:00')",
			"struct<extract(SECOND FROM TIME '00:00:00.100001'):decimal(8,6),hour(TIME '12:00:00'):int>"},
		{"SELECT time_trunc('MiNuTe', time'12:34:56'), time_diff('HOUR', time'00:00:00', time'12:34:56')",
			"struct<time_trunc(MiNuTe, TIME '12:34:56'):time(6),time_diff(HOUR, TIME '00:00:00', TIME '12:34:56'):bigint>"},
		{"select try_to_time('01:02:03', 'HH:mm:ss'), time(cast('12:00' as time(0)))",
			"struct<try_to_time(to_time(01:02:03, HH:mm:ss)):time(6),CAST(12:00 AS TIME(0)):time(6)>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

func TestDatetimeUnitAndTimeErrors(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, class string }{
		{"SELECT make_timestamp_ntz(DATE'2025-06-20', '0:0:0')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT make_timestamp(timestamp_ntz '2018-11-17 13:33:33', TIME'0:0:0', 'CET')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT timestampadd(YEAR, true, date'2022-02-15')", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT timestampdiff(DAYOFYEAR, date'2022-02-15', date'2022-02-16')", "INVALID_PARAMETER_VALUE.DATETIME_UNIT"},
		{"SELECT try_to_time(1)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"SELECT try_to_time('11:12:13', 'HH:mm:ss', 'SSSSSS')", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"},
		{"SELECT CAST(TIME '00:00:00' AS DATE)", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}
