package astlower_test

import (
	"testing"
	"time"

	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

func lowerWith(t *testing.T, o astlower.Options, sql string) plan.Expr {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	n, err := o.Statement(stmt, sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n.(*plan.Project).Exprs[0]
}

// DATE and TIMESTAMP literals are named by the value Spark reads (postgreSQL/date.sql,
// timestampNTZ/datetime-special.sql, timestamp.sql).
func TestLowerDatetimeLiteralNames(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	cases := []struct {
		o         astlower.Options
		sql, name string
		typ       types.DataType
	}{
		{astlower.Options{}, "SELECT date '4714-11-24 BC'", "DATE '4714-11-24'", types.Date},
		{astlower.Options{}, "SELECT date '5874897-12-31'", "DATE '+5874897-12-31'", types.Date},
		{astlower.Options{}, "SELECT date '-0001-1-28'", "DATE '-0001-01-28'", types.Date},
		{astlower.Options{}, "SELECT date '0015'", "DATE '0015-01-01'", types.Date},
		{astlower.Options{TimestampNTZ: true}, "SELECT timestamp '-000001'", "TIMESTAMP_NTZ '-0001-01-01 00:00:00'", types.TimestampNTZ},
		{astlower.Options{TimestampNTZ: true}, "SELECT timestamp '99999-03-18T12:03:17'", "TIMESTAMP_NTZ '+99999-03-18 12:03:17'", types.TimestampNTZ},
		{astlower.Options{}, "SELECT timestamp '2019-01-01 1:2:3.1200'", "TIMESTAMP '2019-01-01 01:02:03.12'", types.Timestamp},
		// A zone: named in the session's zone, and a TIMESTAMP even when that means NTZ.
		{astlower.Options{TimeZone: la}, "SELECT timestamp '2020-12-01 14:30:08.999999Z'", "TIMESTAMP '2020-12-01 06:30:08.999999'", types.Timestamp},
		{astlower.Options{TimeZone: la, TimestampNTZ: true}, "SELECT timestamp '2020-12-01 14:30:08Z'", "TIMESTAMP '2020-12-01 06:30:08'", types.Timestamp},
		{astlower.Options{TimeZone: la}, "SELECT timestamp '2020-12-01 14:30:08 UTC+01:00'", "TIMESTAMP '2020-12-01 05:30:08'", types.Timestamp},
	}
	for _, c := range cases {
		e := lowerWith(t, c.o, c.sql)
		cast, ok := e.(*plan.Cast)
		if !ok || cast.String() != c.name || !types.Equal(cast.To, c.typ) {
			t.Errorf("%s: got %#v, want %s %s", c.sql, e, c.name, c.typ.SQL())
		}
	}
}

// Special values (epoch, now, today, tomorrow, yesterday, optionally with a zone) are the
// current-time functions they stand for (postgreSQL/date.sql, postgreSQL/timestamp.sql).
func TestLowerSpecialDatetimeLiterals(t *testing.T) {
	cases := []struct{ sql, want string }{
		{"SELECT date 'today'", "current_date()"},
		{"SELECT date ' Yesterday'", "date_sub(current_date(), 1)"},
		{"SELECT date 'tomorrow'", "date_add(current_date(), 1)"},
		{"SELECT date 'epoch'", "DATE '1970-01-01'"},
		{"SELECT timestamp 'now'", "current_timestamp()"},
		{"SELECT timestamp 'tomorrow EST'", "CAST(date_add(current_date(), 1) AS TIMESTAMP)"},
		{"SELECT timestamp 'today Zulu'", "CAST(current_date() AS TIMESTAMP)"},
	}
	for _, c := range cases {
		if got := lowerWith(t, astlower.Options{}, c.sql).String(); got != c.want {
			t.Errorf("%s: got %s, want %s", c.sql, got, c.want)
		}
	}
}
