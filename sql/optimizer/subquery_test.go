package optimizer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

func optimize(t *testing.T, sql string) (plan.Node, plan.Node, error) {
	t.Helper()
	return optimizeWith(t, sql, optimizer.Options{})
}

func optimizeWith(t *testing.T, sql string, opts optimizer.Options) (plan.Node, plan.Node, error) {
	t.Helper()
	cat := catalog.New().NewSession()
	for _, name := range []string{"t", "u", "v"} {
		tn, _ := cat.Resolve([]string{name})
		st := types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("b", types.Long, true))
		if _, err := cat.CreateTable(tn, &catalog.Table{Schema: st}, false, false); err != nil {
			t.Fatal(err)
		}
	}
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := analyzer.Resolve(n, analyzer.Options{ANSI: true, Catalog: cat})
	if err != nil {
		t.Fatalf("resolve %q: %v", sql, err)
	}
	out, err := optimizer.OptimizeWith(resolved, opts)
	return resolved, out, err
}

// joins lists the join types of a plan, outermost first.
func joins(n plan.Node) []string {
	var out []string
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		if j, ok := n.(*plan.Join); ok {
			out = append(out, j.Type.String())
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
	return out
}

func TestSubqueriesBecomeJoins(t *testing.T) {
	for _, c := range []struct{ sql, joins string }{
		{"SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", "LeftSemi"},
		{"SELECT * FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.a = t.a AND u.b > t.b)", "LeftAnti"},
		{"SELECT * FROM t WHERE a IN (SELECT a FROM u)", "LeftSemi"},
		{"SELECT * FROM t WHERE a NOT IN (SELECT a FROM u)", "NullAwareLeftAnti"},
		// Correlated NOT IN keeps the null-aware semantics in its condition.
		{"SELECT * FROM t WHERE a NOT IN (SELECT a FROM u WHERE u.b = t.b)", "LeftAnti"},
		{"SELECT a, (SELECT max(b) FROM u WHERE u.a = t.a) FROM t", "LeftOuter"},
		{"SELECT * FROM t WHERE b > (SELECT count(*) FROM u WHERE u.a = t.a) AND a > 0", "LeftOuter"},
		// Nested: the inner subquery is rewritten inside the outer one.
		{"SELECT * FROM t WHERE a IN (SELECT a FROM u WHERE EXISTS (SELECT 1 FROM t t2 WHERE t2.b = u.b))", "LeftSemi,LeftSemi"},
		// A HAVING subquery reads a grouping column the select list leaves out, also of
		// grouping sets: the aggregate outputs it for the join.
		{"SELECT count(*) FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", "LeftSemi"},
		{"SELECT count(*) FROM t GROUP BY CUBE(a) HAVING EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", "LeftSemi"},
		// Uncorrelated scalar subqueries stay expressions for the physical planner.
		{"SELECT a FROM t WHERE b > (SELECT max(b) FROM u)", ""},
	} {
		resolved, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := strings.Join(joins(out), ","); got != c.joins {
			t.Errorf("%s: joins %q, want %q\n%s", c.sql, got, c.joins, plan.Explain(out))
		}
		if err := joinConditionsReadInputs(out); err != nil {
			t.Errorf("%s: %v\n%s", c.sql, err, plan.Explain(out))
		}
		// The rewrite keeps the output columns.
		before, after := resolved.Output(), out.Output()
		if len(before) != len(after) {
			t.Errorf("%s: %d columns became %d", c.sql, len(before), len(after))
			continue
		}
		for i := range before {
			if before[i].ID != after[i].ID || !types.Equal(before[i].Type, after[i].Type) {
				t.Errorf("%s: column %d changed from %v to %v", c.sql, i, before[i], after[i])
			}
		}
	}
}

func TestCountBugMarker(t *testing.T) {
	_, out, err := optimize(t, "SELECT a, (SELECT count(*) FROM u WHERE u.a = t.a) FROM t")
	if err != nil {
		t.Fatal(err)
	}
	// Outer rows with no match must get count 0, not NULL: a CASE over the marker column.
	if s := plan.Explain(out); !strings.Contains(s, "alwaysTrue") {
		t.Errorf("no count-bug marker:\n%s", s)
	}
	_, out, err = optimize(t, "SELECT a, (SELECT max(b) FROM u WHERE u.a = t.a) FROM t")
	if err != nil {
		t.Fatal(err)
	}
	if s := plan.Explain(out); strings.Contains(s, "alwaysTrue") {
		t.Errorf("marker where max over no rows is NULL anyway:\n%s", s)
	}
}

func TestSingleJoinAndDomains(t *testing.T) {
	for _, c := range []struct{ sql, joins string }{
		// Spark 4 runs a non-aggregated correlated scalar subquery as a "single" join,
		// which fails at run time on a second match.
		{"SELECT a, (SELECT b FROM u WHERE u.a = t.a) FROM t", "LeftSingle"},
		// A grouping pinned by the correlation gives one row per outer row.
		{"SELECT a, (SELECT max(b) FROM u WHERE u.a = t.a GROUP BY u.a) FROM t", "LeftOuter"},
		// A non-equality under an aggregate joins the domain of outer values (an
		// aggregate over t, cross-joined then filtered) into the subquery.
		{"SELECT a, (SELECT max(b) FROM u WHERE u.a > t.a) FROM t", "LeftOuter,Inner"},
	} {
		_, out, err := optimize(t, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := strings.Join(joins(out), ","); got != c.joins {
			t.Errorf("%s: joins %q, want %q\n%s", c.sql, got, c.joins, plan.Explain(out))
		}
	}
}

// joinConditionsReadInputs checks that the join conditions of n read only their inputs'
// columns.
func joinConditionsReadInputs(n plan.Node) error {
	if j, ok := n.(*plan.Join); ok && j.Cond != nil {
		in := map[plan.ExprID]bool{}
		for _, a := range append(j.Left.Output(), j.Right.Output()...) {
			in[a.ID] = true
		}
		var err error
		plan.Walk(j.Cond, func(x plan.Expr) bool {
			if a, ok := x.(*plan.AttributeRef); ok && !in[a.ID] && err == nil {
				err = fmt.Errorf("join condition %s reads %s, not an input column", j.Cond, a)
			}
			return true
		})
		if err != nil {
			return err
		}
	}
	for _, c := range n.Children() {
		if err := joinConditionsReadInputs(c); err != nil {
			return err
		}
	}
	return nil
}
