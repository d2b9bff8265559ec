package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// The time parser policies of the pattern functions (DateExpressionsSuite's
// "GetTimestamp,UnixTimestamp,ToUnixTimestamp with parseError"): a string neither parser
// reads fails as the policy's parser does; one only SimpleDateFormat reads (text after the
// pattern) parses under LEGACY, is INCONSISTENT_BEHAVIOR_CROSS_VERSION under EXCEPTION in
// any mode, and is a CORRECTED parse failure otherwise.
func TestTimeParserPolicies(t *testing.T) {
	b := emptyBatch(1)
	str := func(s string) Expr { return litOf(t, types.String, s) }
	for _, ansi := range []bool{false, true} {
		for _, suffix := range []string{"", "_time_legacy", "_time_exception"} {
			for _, fn := range []string{"get_timestamp", "unix_timestamp", "to_unix_timestamp"} {
				rt := types.DataType(types.Timestamp)
				if fn != "get_timestamp" {
					rt = types.Long
				}
				bad := call(t, fn+suffix, rt, ansi, str("Unparseable"), str("yyyy-MM-dd HH:mm:ss.SSS"))
				switch {
				case !ansi:
					wantStrs(t, bad, b, "NULL")
				case suffix == "_time_legacy":
					wantErr(t, bad, b, "CANNOT_PARSE_TIMESTAMP", map[string]string{"message": `Unparseable date: "Unparseable"`})
				default:
					wantErr(t, bad, b, "CANNOT_PARSE_TIMESTAMP", map[string]string{
						"message": "Text 'Unparseable' could not be parsed at index 0"})
				}
				tail := call(t, fn+suffix, rt, ansi, str("2020-01-27T20:06:11.847!!!"), str("yyyy-MM-dd'T'HH:mm:ss.SSS"))
				switch {
				case suffix == "_time_legacy" && fn == "get_timestamp":
					wantStrs(t, tail, b, "2020-01-27 20:06:11.847")
				case suffix == "_time_legacy":
					wantStrs(t, tail, b, "1580155571")
				case suffix == "_time_exception":
					wantErr(t, tail, b, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.PARSE_DATETIME_BY_NEW_PARSER",
						map[string]string{"datetime": "'2020-01-27T20:06:11.847!!!'", "config": `"spark.sql.legacy.timeParserPolicy"`})
				case ansi:
					wantErr(t, tail, b, "CANNOT_PARSE_TIMESTAMP", nil)
				default:
					wantStrs(t, tail, b, "NULL")
				}
			}
		}
	}
	// Patterns: SimpleDateFormat's letters under LEGACY; java.time's otherwise, with the
	// upgrade hint when only the legacy formatter takes the pattern.
	ts := litOf(t, types.Timestamp, int64(0))
	wantStrs(t, call(t, "date_format_time_legacy", types.String, true, ts, str("YYYY-ww u")), b, "1970-01 4")
	wantErr(t, call(t, "date_format_time_legacy", types.String, true, ts, str("qq")), b, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
		map[string]string{"pattern": "'qq'"})
	wantErr(t, call(t, "date_format", types.String, true, ts, str("yyyy-MM-dd EEEEE")), b,
		"INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION", map[string]string{"pattern": "'yyyy-MM-dd EEEEE'"})
	wantErr(t, call(t, "date_format_time_exception", types.String, true, ts, str("yyyy-MM-dd ww")), b,
		"INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION", nil)
	wantErr(t, call(t, "date_format_time_exception", types.String, true, ts, str("yyyy-MM-dd e")), b,
		"INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN", nil)
	// TIMESTAMP_NTZ parsing has no legacy formatter.
	wantStrs(t, call(t, "get_timestamp_time_legacy", types.TimestampNTZ, true, str("99"), str("yy")), b, "2099-01-01 00:00:00")
}
