package parser

import (
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

// FROM LATERAL (query) and FROM LATERAL f(...) may start the FROM clause (join-lateral.sql);
// FROM is a select item's alias only when LATERAL VIEW follows it.
func TestLateralFirstRelation(t *testing.T) {
	cases := []struct{ sql, want string }{
		{"SELECT * FROM LATERAL (SELECT * FROM t1)", "(select * (from (lateral-subquery (select * (from (table t1))))))"},
		{"SELECT a FROM LATERAL (SELECT 1 AS a), LATERAL (SELECT a)",
			"(select a (from (lateral-subquery (select (alias 1 a))) (lateral-subquery (select a))))"},
		{"SELECT * FROM LATERAL EXPLODE(ARRAY(1, 2))", "(select * (from (lateral-tvf (call EXPLODE (call ARRAY 1 2)))))"},
		{"SELECT 1 FROM LATERAL VIEW explode(array(1)) t AS x",
			"(select (alias 1 FROM) (lateral-view (call explode (call array 1)) t (x)))"},
	}
	for _, c := range cases {
		st, err := ParseStatement(c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := ast.Sexpr(st); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}
