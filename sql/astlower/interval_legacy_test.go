package astlower_test

import (
	"testing"

	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Under spark.sql.legacy.interval.enabled interval literals are CalendarIntervals named
// by their text (postgreSQL/interval.sql); otherwise ANSI intervals.
func TestLowerLegacyIntervalLiterals(t *testing.T) {
	cases := []struct {
		sql, name string
		value     plan.CalendarValue
	}{
		{"SELECT interval '999' second", "INTERVAL '16 minutes 39 seconds'", plan.CalendarValue{Micros: 999_000_000}},
		{"SELECT interval '999' month", "INTERVAL '83 years 3 months'", plan.CalendarValue{Months: 999}},
		{"SELECT interval '1-2' year to month", "INTERVAL '1 years 2 months'", plan.CalendarValue{Months: 14}},
		{"SELECT interval '1 2:03:04' day to second", "INTERVAL '1 days 2 hours 3 minutes 4 seconds'",
			plan.CalendarValue{Days: 1, Micros: (2*3600 + 3*60 + 4) * 1_000_000}},
		{"SELECT interval '1 day 5 minutes'", "INTERVAL '1 days 5 minutes'", plan.CalendarValue{Days: 1, Micros: 300_000_000}},
		{"SELECT interval 3 days 4 hours", "INTERVAL '3 days 4 hours'", plan.CalendarValue{Days: 3, Micros: 4 * 3600 * 1_000_000}},
	}
	for _, c := range cases {
		stmt, err := parser.ParseStatement(c.sql)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		n, err := astlower.Options{LegacyInterval: true}.Statement(stmt, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		l, ok := n.(*plan.Project).Exprs[0].(*plan.Literal)
		if !ok || !types.Equal(l.Type, types.CalendarInterval) || l.String() != c.name || l.Value != c.value {
			t.Errorf("%s: got %#v, want %s %v", c.sql, n.(*plan.Project).Exprs[0], c.name, c.value)
		}
	}
	// Without the setting: an ANSI interval.
	stmt, _ := parser.ParseStatement("SELECT interval '999' second")
	n, err := astlower.Options{}.Statement(stmt, "SELECT interval '999' second")
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := n.(*plan.Project).Exprs[0].(*plan.Literal); !ok || !types.Equal(l.Type, types.DayTimeIntervalType{StartField: types.Second, EndField: types.Second}) {
		t.Errorf("ANSI: got %#v", n.(*plan.Project).Exprs[0])
	}
}
