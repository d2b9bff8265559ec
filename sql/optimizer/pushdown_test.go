package optimizer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// nodes lists the nodes of n, parents before children.
func nodes(n plan.Node) []plan.Node {
	out := []plan.Node{n}
	for _, c := range n.Children() {
		out = append(out, nodes(c)...)
	}
	return out
}

// filterOver reports the condition of the Filter directly over a scan of table name
// ("" when there is none).
func filterOver(n plan.Node, name string) string {
	for _, m := range nodes(n) {
		f, ok := m.(*plan.Filter)
		if !ok {
			continue
		}
		child := f.Child
		if a, ok := child.(*plan.SubqueryAlias); ok {
			child = a.Child
		}
		if s, ok := child.(*plan.TableScan); ok && s.Name[len(s.Name)-1] == name {
			return f.Cond.String()
		}
	}
	return ""
}

// keptFilters lists the conditions of the filters that are not directly over a scan.
func keptFilters(n plan.Node) []string {
	var out []string
	for _, m := range nodes(n) {
		f, ok := m.(*plan.Filter)
		if !ok {
			continue
		}
		child := f.Child
		if a, ok := child.(*plan.SubqueryAlias); ok {
			child = a.Child
		}
		if _, ok := child.(*plan.TableScan); !ok {
			out = append(out, f.Cond.String())
		}
	}
	return out
}

func TestPredicatePushdown(t *testing.T) {
	for _, c := range []struct {
		sql string
		// scanFilters are the conditions expected right over the scans of t, u and v.
		scanFilters [3]string
		// kept are the conditions of the other filters.
		kept string
		// joinConds are the join conditions, outermost first.
		joinConds string
	}{
		// A comma join with an equality in WHERE becomes an equi-join; one-sided
		// conditions filter their side.
		{"SELECT * FROM t, u WHERE t.a = u.a AND t.b > 1 AND u.b < 5", [3]string{"(b > 1)", "(b < 5)", ""}, "", "(a = a)"},
		// Through a projection with an alias, into the scan.
		{"SELECT * FROM (SELECT a + 1 AS x, b FROM t) WHERE x > 3", [3]string{"((a + 1) > 3)", "", ""}, "", ""},
		// A condition common to every branch of an OR joins the tables (TPC-H q19).
		{"SELECT * FROM t, u WHERE (t.a = u.a AND t.b = 1) OR (t.a = u.a AND u.b = 2)", [3]string{}, "", "((a = a) AND ((b = 1) OR (b = 2)))"},
		// A disjunction over both sides filters each side by what its branches require
		// of it (TPC-H q7's pair of nations), and stays as the join's condition.
		{"SELECT * FROM t, u WHERE t.a = u.a AND ((t.b = 1 AND u.b = 2) OR (t.b = 3 AND u.b = 4))",
			[3]string{"((b = 1) OR (b = 3))", "((b = 2) OR (b = 4))", ""}, "",
			"((a = a) AND (((b = 1) AND (b = 2)) OR ((b = 3) AND (b = 4))))"},
		// A branch that does not restrict a side leaves that side unfiltered.
		{"SELECT * FROM t, u WHERE t.a = u.a AND ((t.b = 1 AND u.b = 2) OR t.b = 3)",
			[3]string{"((b = 1) OR (b = 3))", "", ""}, "", "((a = a) AND (((b = 1) AND (b = 2)) OR (b = 3)))"},
		// A WHERE condition on the padded side of an outer join stays above it.
		{"SELECT * FROM t LEFT JOIN u ON t.a = u.a WHERE u.b IS NULL AND t.b = 2", [3]string{"(b = 2)", "", ""}, "(b IS NULL)", "(a = a)"},
		// The ON condition of a left join filters the right side only.
		{"SELECT * FROM t LEFT JOIN u ON t.a = u.a AND u.b = 3 AND t.b = 4", [3]string{"", "(b = 3)", ""}, "", "((a = a) AND (b = 4))"},
		// HAVING on a grouping column filters before the aggregate; on an aggregate, after.
		{"SELECT a, count(*) FROM t GROUP BY a HAVING a > 1 AND count(*) > 2", [3]string{"(a > 1)", "", ""}, "(count(1) > 2)", ""},
		// Conditions from the first non-deterministic one on do not move.
		{"SELECT * FROM (SELECT a, rand() AS r FROM t) WHERE r > 0.5", [3]string{}, "(r > 0.5)", ""},
		{"SELECT * FROM t WHERE rand() > 0.5 AND a = 1", [3]string{"((rand() > 0.5) AND (a = 1))", "", ""}, "", ""},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		for i, name := range []string{"t", "u", "v"} {
			if got := filterOver(out, name); got != c.scanFilters[i] {
				t.Errorf("%s: filter over %s is %q, want %q\n%s", c.sql, name, got, c.scanFilters[i], plan.Explain(out))
			}
		}
		if got := strings.Join(keptFilters(out), "; "); got != c.kept {
			t.Errorf("%s: filters not over a scan %q, want %q\n%s", c.sql, got, c.kept, plan.Explain(out))
		}
		var conds []string
		for _, m := range nodes(out) {
			if j, ok := m.(*plan.Join); ok && j.Cond != nil {
				conds = append(conds, j.Cond.String())
			}
		}
		if got := strings.Join(conds, "; "); got != c.joinConds {
			t.Errorf("%s: join conditions %q, want %q\n%s", c.sql, got, c.joinConds, plan.Explain(out))
		}
		sameOutput(t, c.sql, resolved, out)
	}
}

// sameOutput checks that optimizing kept the output columns.
func sameOutput(t *testing.T, sql string, resolved, out plan.Node) {
	t.Helper()
	before, after := resolved.Output(), out.Output()
	if len(before) != len(after) {
		t.Errorf("%s: %d columns became %d", sql, len(before), len(after))
		return
	}
	for i := range before {
		if before[i].ID != after[i].ID || !types.Equal(before[i].Type, after[i].Type) {
			t.Errorf("%s: column %d changed from %v to %v", sql, i, before[i], after[i])
		}
	}
}

func TestJoinOrderAvoidsCartesianProducts(t *testing.T) {
	for _, sql := range []string{
		// FROM order would join t and u with no condition.
		"SELECT * FROM t, u, v WHERE t.a = v.a AND v.b = u.b",
		"SELECT t.a FROM t JOIN u ON true JOIN v ON t.a = v.a AND u.b = v.b",
	} {
		resolved, out, err := optimize(t, sql)
		if err != nil {
			t.Errorf("%s: %v", sql, err)
			continue
		}
		joins := 0
		for _, m := range nodes(out) {
			if j, ok := m.(*plan.Join); ok {
				joins++
				if j.Cond == nil {
					t.Errorf("%s: a join without a condition remains\n%s", sql, plan.Explain(out))
				}
			}
		}
		if joins != 2 {
			t.Errorf("%s: %d joins, want 2\n%s", sql, joins, plan.Explain(out))
		}
		sameOutput(t, sql, resolved, out)
	}
}

func TestDistinctAggregatesBecomeTwoAggregates(t *testing.T) {
	for _, c := range []struct {
		sql        string
		aggregates int
	}{
		{"SELECT a, count(DISTINCT b), sum(DISTINCT b) FROM t GROUP BY a", 2},
		{"SELECT count(DISTINCT a + 1) FROM t", 2},
		{"SELECT a + 1, count(DISTINCT b) AS c FROM t GROUP BY a + 1 HAVING c > 1", 2},
		// Mixed with a non-DISTINCT call, or DISTINCT over different arguments: unchanged.
		{"SELECT count(DISTINCT b), max(b) FROM t", 1},
		{"SELECT count(DISTINCT a), count(DISTINCT b) FROM t", 1},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		aggs := 0
		for _, m := range nodes(out) {
			if a, ok := m.(*plan.Aggregate); ok {
				aggs++
				for _, e := range a.Exprs {
					plan.Walk(e, func(x plan.Expr) bool {
						if ac, ok := x.(*plan.AggregateCall); ok && ac.Distinct && c.aggregates == 2 {
							t.Errorf("%s: %s keeps DISTINCT", c.sql, ac)
						}
						return true
					})
				}
			}
		}
		if aggs != c.aggregates {
			t.Errorf("%s: %d aggregates, want %d\n%s", c.sql, aggs, c.aggregates, plan.Explain(out))
		}
		sameOutput(t, c.sql, resolved, out)
	}
}

func TestDistinctRewriteKeepsConstantArguments(t *testing.T) {
	_, out, err := optimize(t, "SELECT a, count(DISTINCT b, 1) FROM t GROUP BY a")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range nodes(out) {
		if a, ok := m.(*plan.Aggregate); ok {
			for _, g := range a.Groups {
				if _, isLit := g.(*plan.Literal); isLit {
					t.Errorf("a constant became a grouping key:\n%s", plan.Explain(out))
				}
			}
		}
	}
}
