package optimizer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/plan"
)

// commonColumns lists the subexpressions the plan computes once, as "_common_N = expr".
func commonColumns(n plan.Node) []string {
	var out []string
	for _, m := range nodes(n) {
		if p, ok := m.(*plan.Project); ok {
			for _, e := range p.Exprs {
				if a, ok := e.(*plan.Alias); ok && strings.HasPrefix(a.Name, "_common_") {
					out = append(out, a.Name+" = "+a.Child.String())
				}
			}
		}
	}
	return out
}

func TestCommonSubexpressions(t *testing.T) {
	for _, c := range []struct{ sql, common string }{
		// TPC-H q1's shape: the discounted price is computed once for both sums.
		{"SELECT sum(a * (1 - b)), sum(a * (1 - b) * (1 + b)) FROM t", "_common_0 = (a * (1 - b))"},
		{"SELECT a + b AS x, (a + b) * 2 AS y FROM t", "_common_0 = (a + b)"},
		// Nothing repeats.
		{"SELECT a + 1, b + 1 FROM t", ""},
		// Inside a CASE branch the expression may never be evaluated: only the first
		// condition, which always is, is shared.
		{"SELECT CASE WHEN a > 0 THEN b / a END, CASE WHEN a > 0 THEN b / a END FROM t", "_common_0 = (a > 0)"},
		// Non-deterministic expressions are computed per occurrence.
		{"SELECT CAST(a AS DOUBLE) + rand(), CAST(a AS DOUBLE) + rand() FROM t", "_common_0 = CAST(a AS DOUBLE)"},
		// Aggregate arguments with a FILTER are left alone.
		{"SELECT sum(a + b) FILTER (WHERE a > 0), sum(a + b) FILTER (WHERE a > 0) FROM t", ""},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := strings.Join(commonColumns(out), "; "); got != c.common {
			t.Errorf("%s: common %q, want %q", c.sql, got, c.common)
		}
		sameOutput(t, c.sql, resolved, out)
	}
}
