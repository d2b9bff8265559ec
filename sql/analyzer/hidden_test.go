package analyzer_test

import "testing"

// USING and NATURAL joins keep one copy of each join column; qualified names and
// qualified stars still reach the other copy (Spark's hidden output).
func TestUsingJoinHiddenColumns(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, want string }{
		{"SELECT t.a, u.a FROM t JOIN u USING (a)", "struct<a:int,a:int>"},
		{"SELECT u.* FROM t JOIN u USING (a)", "struct<a:int,c:double>"},
		{"SELECT t.*, u.* FROM t LEFT JOIN u USING (a)", "struct<a:int,b:string,a:int,c:double>"},
		// A right join keeps the right copy and hides the left one.
		{"SELECT t.*, u.* FROM t RIGHT JOIN u USING (a)", "struct<a:int,b:string,a:int,c:double>"},
		{"SELECT * FROM t NATURAL JOIN u", "struct<a:int,b:string,c:double>"},
		{"SELECT u.a AS k FROM t JOIN u USING (a) WHERE u.a > 1 ORDER BY u.a", "struct<k:int>"},
		{"SELECT k FROM (SELECT u.a AS k FROM t FULL JOIN u USING (a))", "struct<k:int>"},
	} {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s: schema %s, want %s", c.sql, got, c.want)
		}
	}
	// A bare name never reaches a hidden column, and an aggregate hides them for good.
	for _, sql := range []string{
		"SELECT c FROM (SELECT a FROM t JOIN u USING (a))",
		"SELECT count(*) FROM t JOIN u USING (a) GROUP BY t.a ORDER BY u.a",
	} {
		if _, err := analyze(t, cat, sql); err == nil {
			t.Errorf("%s: resolved", sql)
		}
	}
}
