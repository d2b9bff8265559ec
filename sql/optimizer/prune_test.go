package optimizer_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/plan"
)

// scannedColumns lists, for each table scan in n and in its subqueries, the table's name
// and the columns it reads, sorted: "t:a,b u:a".
func scannedColumns(n plan.Node) string {
	var out []string
	var walk func(plan.Node)
	walk = func(m plan.Node) {
		if s, ok := m.(*plan.TableScan); ok {
			var cols []string
			for _, a := range s.Out {
				cols = append(cols, a.Name)
			}
			out = append(out, s.Name[len(s.Name)-1]+":"+strings.Join(cols, ","))
		}
		for _, e := range plan.Expressions(m) {
			plan.Walk(e, func(x plan.Expr) bool {
				if q := plan.SubqueryOf(x); q != nil {
					walk(q.Plan)
				}
				return true
			})
		}
		for _, c := range m.Children() {
			walk(c)
		}
	}
	walk(n)
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestColumnPruning(t *testing.T) {
	for _, c := range []struct{ sql, scans string }{
		{"SELECT a FROM t", "t:a"},
		{"SELECT b FROM t WHERE b > 1", "t:b"},
		{"SELECT b FROM t WHERE a > 1", "t:a,b"},
		// A count needs rows, not values: the scan keeps one column for the row count.
		{"SELECT count(*) FROM t", "t:a"},
		{"SELECT t.b FROM t JOIN u ON t.a = u.a", "t:a,b u:a"},
		{"SELECT a FROM t UNION SELECT b FROM u", "t:a u:b"},
		{"SELECT x FROM (SELECT a AS x, b FROM t) ORDER BY x", "t:a"},
		{"SELECT count(*) FROM (SELECT a, b FROM t)", "t:a"},
		{"SELECT a, sum(b) FROM t GROUP BY a", "t:a,b"},
		{"SELECT max(b) FROM t GROUP BY a", "t:a,b"},
		{"SELECT a, row_number() OVER (PARTITION BY b ORDER BY a) FROM t", "t:a,b"},
		// DISTINCT compares whole rows, so it reads every column beneath it.
		{"SELECT a FROM (SELECT DISTINCT * FROM t)", "t:a,b"},
		// Set operations read their inputs by position.
		{"SELECT a FROM (SELECT * FROM t UNION ALL SELECT * FROM u)", "t:a,b u:a,b"},
		// Subqueries are pruned to what they read; correlated references keep the outer column.
		{"SELECT a FROM t WHERE a > (SELECT max(b) FROM u)", "t:a u:b"},
		{"SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.b)", "t:a,b u:a"},
		{"SELECT a FROM t WHERE b IN (SELECT a FROM u)", "t:a,b u:a"},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := scannedColumns(out); got != c.scans {
			t.Errorf("%s: scans %q, want %q", c.sql, got, c.scans)
		}
		sameOutput(t, c.sql, resolved, out)
	}
}
