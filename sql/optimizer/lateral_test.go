package optimizer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/plan"
)

// lateralJoins counts the joins of a plan (and of its subquery expressions) still marked
// LATERAL.
func lateralJoins(n plan.Node) int {
	count := 0
	if j, ok := n.(*plan.Join); ok && j.Lateral {
		count++
	}
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			if q := plan.SubqueryOf(x); q != nil {
				count += lateralJoins(q.Plan)
			}
			return true
		})
	}
	for _, c := range n.Children() {
		count += lateralJoins(c)
	}
	return count
}

func TestLateralJoinsBecomeJoins(t *testing.T) {
	for _, c := range []struct {
		sql string
		top string // the type of the outermost join after the rewrite
	}{
		// Uncorrelated: an ordinary join.
		{"SELECT * FROM t, LATERAL (SELECT * FROM u)", "Inner"},
		// A correlated filter becomes the join condition.
		{"SELECT * FROM t, LATERAL (SELECT b FROM u WHERE u.a = t.a)", "Inner"},
		{"SELECT * FROM t LEFT JOIN LATERAL (SELECT b FROM u WHERE u.a = t.a) s ON true", "LeftOuter"},
		// Outer references in the select list read the left side's values (its domain).
		{"SELECT * FROM t, LATERAL (SELECT t.b + 1 AS c)", "Inner"},
		{"SELECT * FROM t JOIN LATERAL (SELECT * FROM u WHERE u.a = t.a ORDER BY b LIMIT 1)", "Inner"},
		// A global aggregate keeps every left row.
		{"SELECT * FROM t, LATERAL (SELECT count(*) AS n FROM u WHERE u.a = t.a)", "Inner"},
		// Inside a subquery expression too.
		{"SELECT * FROM v WHERE EXISTS (SELECT * FROM t, LATERAL (SELECT u.b FROM u WHERE u.a = t.a) s WHERE s.b = v.b)", "LeftSemi"},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		// (The rewrite changes the plans of subquery expressions in place.)
		if lateralJoins(resolved) == 0 && c.top != "LeftSemi" {
			t.Errorf("%s: the analyzed plan has no LATERAL join", c.sql)
		}
		if n := lateralJoins(out); n != 0 {
			t.Errorf("%s: %d LATERAL joins left:\n%s", c.sql, n, plan.Explain(out))
			continue
		}
		if got := joins(out); len(got) == 0 || got[0] != c.top {
			t.Errorf("%s: joins %v, want %s first", c.sql, got, c.top)
		}
	}
}
