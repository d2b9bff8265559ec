package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Window function names as Spark prints them (postgreSQL/window_part1-3.sql, window.sql):
// the frames Spark gives ranking and offset functions, RANK/DENSE_RANK/PERCENT_RANK in upper
// case, and a RANGE offset cast to the ORDER BY key's type printed as "(- n) FOLLOWING".
func TestWindowFunctionNames(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT dense_rank() OVER (PARTITION BY b ORDER BY a) FROM t",
			"struct<DENSE_RANK() OVER (PARTITION BY b ORDER BY a ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):int>"},
		{"SELECT rank() OVER (ORDER BY a), percent_rank() OVER (ORDER BY a) FROM t",
			"struct<RANK() OVER (ORDER BY a ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):int," +
				"PERCENT_RANK() OVER (ORDER BY a ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):double>"},
		{"SELECT cume_dist() OVER (PARTITION BY b ORDER BY a) FROM t",
			"struct<cume_dist() OVER (PARTITION BY b ORDER BY a ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW):double>"},
		{"SELECT lag(a) OVER (PARTITION BY b ORDER BY a) FROM t",
			"struct<lag(a, 1, NULL) OVER (PARTITION BY b ORDER BY a ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING):int>"},
		{"SELECT lead(a * 2, 1, -1) OVER (PARTITION BY b ORDER BY a) FROM t",
			"struct<lead((a * 2), 1, -1) OVER (PARTITION BY b ORDER BY a ASC NULLS FIRST ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING):int>"},
		// IGNORE NULLS and the ignoreNulls argument leave the name alone.
		{"SELECT lead(a, 2) IGNORE NULLS OVER (ORDER BY a) AS x, lag(a, 3, 0, true) OVER (ORDER BY a) AS y FROM t",
			"struct<x:int,y:int>"},
		{"SELECT lag(a, 3, 0, true) OVER (ORDER BY a) FROM t",
			"struct<lag(a, 3, 0) OVER (ORDER BY a ASC NULLS FIRST ROWS BETWEEN -3 FOLLOWING AND -3 FOLLOWING):int>"},
		// RANGE offsets of another type than the key's are cast to it.
		{"SELECT sum(id) OVER (ORDER BY id RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM s",
			"struct<sum(id) OVER (ORDER BY id ASC NULLS FIRST RANGE BETWEEN (- 1) FOLLOWING AND 1 FOLLOWING):bigint>"},
		{"SELECT sum(a) OVER (ORDER BY c RANGE BETWEEN 1 PRECEDING AND 1.1 FOLLOWING) FROM u",
			"struct<sum(a) OVER (ORDER BY c ASC NULLS FIRST RANGE BETWEEN (- 1) FOLLOWING AND 1.1 FOLLOWING):bigint>"},
		{"SELECT sum(a) OVER (ORDER BY a RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING) FROM t",
			"struct<sum(a) OVER (ORDER BY a ASC NULLS FIRST RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING):bigint>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.sql, got, c.want)
		}
	}
	if _, err := analyze(t, cat, "SELECT lag(a, 1, 0, 'yes') OVER (ORDER BY a) FROM t"); err == nil {
		t.Error("lag with a non-boolean ignoreNulls must fail")
	}
}

// Window functions in a WHERE or join condition fail as Spark's do
// (postgreSQL/window_part3.sql), before the condition's type is checked.
func TestWindowFunctionInConditions(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, class string }{
		{"SELECT * FROM t WHERE row_number() OVER (ORDER BY a) < 10", "_LEGACY_ERROR_TEMP_1034"},
		{"SELECT * FROM t WHERE rank() OVER (ORDER BY random())", "_LEGACY_ERROR_TEMP_1034"},
		{"SELECT * FROM t INNER JOIN u ON row_number() OVER (ORDER BY t.a) < 10", "UNSUPPORTED_EXPR_FOR_OPERATOR"},
	} {
		_, err := analyze(t, cat, c.sql)
		e, ok := sparkerror.As(err)
		if !ok || e.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}
