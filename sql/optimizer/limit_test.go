package optimizer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/plan"
)

// shape renders the plan's node kinds, children in parentheses, with limits' counts:
// "Project(Limit 3(Sort(TableScan)))".
func shape(n plan.Node) string {
	name := strings.TrimPrefix(fmt.Sprintf("%T", n), "*plan.")
	if l, ok := n.(*plan.Limit); ok {
		name += " " + l.N.String()
	}
	if a, ok := n.(*plan.SubqueryAlias); ok && len(a.Children()) == 1 {
		return shape(a.Child)
	}
	var kids []string
	for _, c := range n.Children() {
		kids = append(kids, shape(c))
	}
	if len(kids) == 0 {
		return name
	}
	return name + "(" + strings.Join(kids, ", ") + ")"
}

func TestLimitPushdown(t *testing.T) {
	for _, c := range []struct{ sql, shape string }{
		// Beneath the select list, right over the sort: a top-k.
		{"SELECT a + 1 FROM t ORDER BY a LIMIT 3", "Project(Limit 3(Sort(Project(TableScan))))"},
		{"SELECT a FROM t UNION ALL SELECT a FROM u LIMIT 2", "Limit 2(SetOp(Project(Limit 2(TableScan)), Project(Limit 2(TableScan))))"},
		{"SELECT * FROM t LEFT JOIN u ON t.a = u.a LIMIT 2", "Project(Limit 2(Join(Limit 2(TableScan), TableScan)))"},
		{"SELECT * FROM t RIGHT JOIN u ON t.a = u.a LIMIT 2", "Project(Limit 2(Join(TableScan, Limit 2(TableScan))))"},
		{"SELECT * FROM (SELECT * FROM t LIMIT 5) LIMIT 2", "Project(Project(Limit 2(TableScan)))"},
		{"SELECT * FROM (SELECT * FROM t LIMIT 1) LIMIT 2", "Project(Project(Limit 1(TableScan)))"},
		// An inner join may drop rows: the limit stays above it.
		{"SELECT * FROM t JOIN u ON t.a = u.a LIMIT 2", "Project(Limit 2(Join(TableScan, TableScan)))"},
		// UNION (distinct) removes duplicates: the inputs are not limited.
		{"SELECT a FROM t UNION SELECT a FROM u LIMIT 2", "Limit 2(Distinct(SetOp(Project(TableScan), Project(TableScan))))"},
		{"SELECT a, rand() FROM t LIMIT 2", "Limit 2(Project(TableScan))"},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := shape(out); got != c.shape {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.shape)
		}
		sameOutput(t, c.sql, resolved, out)
	}
}
