package planner_test

import "testing"

// GROUP BY the alias of a select item that holds a subquery groups by that very item
// (group-by-alias.sql): the subquery is not resolved a second time with new column IDs.
func TestGroupBySubqueryAlias(t *testing.T) {
	for _, sql := range []string{
		"SELECT (SELECT * FROM (SELECT 1 AS z) x) AS s FROM VALUES (1), (2) GROUP BY s",
		"SELECT (WITH cte AS (SELECT 1) SELECT * FROM cte) AS s FROM VALUES (1), (2) GROUP BY s",
	} {
		if got := rowsOf(t, planSQL(t, sql)); got != "1" {
			t.Errorf("%s: %s, want 1", sql, got)
		}
	}
}
