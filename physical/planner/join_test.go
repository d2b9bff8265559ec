package planner

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
)

// A join whose left input is the smaller builds its hash table on it: outer joins with
// their inputs swapped and the columns put back, semi and anti joins as right semi and
// anti joins.
func TestJoinBuildsOnSmallerInput(t *testing.T) {
	rows := map[string]int{"t": 1000, "u": 10}
	for _, c := range []struct {
		sql, op string
		rows    int
		first   string // the first output row in order
	}{
		{"SELECT u.b, t.b FROM u LEFT JOIN t ON u.a = t.a AND t.b < 60", "type=RightOuter", 20, "0|0"},
		{"SELECT u.b, t.b FROM u LEFT JOIN t ON u.a = t.a AND t.b > 995", "type=RightOuter", 10, "0|(null)"},
		{"SELECT u.b, t.b FROM u RIGHT JOIN t ON u.a = t.a AND u.b < 2", "type=LeftOuter", 1000, "(null)|10"},
		{"SELECT b FROM u WHERE a IN (SELECT a FROM t WHERE b < 4)", "type=RightSemi", 4, "0"},
		{"SELECT b FROM u WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.a = u.a AND t.b < 4)", "type=RightAnti", 6, "4"},
	} {
		n := optimized(t, c.sql, rows)
		ctx, cancel := context.WithCancel(context.Background())
		p, err := Plan(n, Options{ANSI: true, TimeZone: time.UTC, DefaultSplits: 2, ShufflePartitions: 4, Context: ctx})
		if err != nil {
			t.Fatal(err)
		}
		if text := physical.Explain(p); !strings.Contains(text, c.op) {
			t.Errorf("%s: no %s in\n%s", c.sql, c.op, text)
		}
		var got []string
		err = physical.Collect(ctx, p, func(b arrow.RecordBatch) error {
			defer b.Release()
			for i := range int(b.NumRows()) {
				var vals []string
				for _, col := range b.Columns() {
					vals = append(vals, col.ValueStr(i))
				}
				got = append(got, strings.Join(vals, "|"))
			}
			return nil
		})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(got)
		if len(got) != c.rows || got[0] != c.first {
			t.Errorf("%s: got %d rows %.80v, want %d from %q", c.sql, len(got), got, c.rows, c.first)
		}
	}
}
