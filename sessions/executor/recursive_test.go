package executor

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Recursive CTEs end to end; the answers are Spark's, from cte-recursion.sql and
// postgreSQL/with.sql (run with spark.sql.cteRecursionLevelLimit=25 and
// spark.sql.cteRecursionRowLimit=50 where noted).

func sortedRows(rows [][]any) string {
	out := make([]string, len(rows))
	for i, r := range rows {
		parts := make([]string, len(r))
		for j, v := range r {
			parts[j] = fmt.Sprint(v)
		}
		out[i] = strings.Join(parts, ",")
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestRecursiveCTE(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("SET spark.sql.cteRecursionLevelLimit=25")
	r.exec("SET spark.sql.cteRecursionRowLimit=50")
	r.exec("CREATE TEMPORARY VIEW ZeroAndOne(current, next) AS VALUES (0,0), (0,1), (1,0), (1,1)")
	tests := []struct {
		sql, schema, rows, err string
	}{
		{sql: "WITH RECURSIVE r AS (SELECT 0 AS level UNION ALL SELECT level + 1 FROM r WHERE level < 3) SELECT * FROM r",
			schema: "struct<level:int>", rows: "0 1 2 3"},
		{sql: "WITH RECURSIVE r(c) AS (SELECT 'a' UNION ALL SELECT c || 'b' FROM r WHERE LENGTH(c) < 3) SELECT * FROM r",
			schema: "struct<c:string>", rows: "a ab abb"},
		{sql: "WITH r(level) AS (VALUES 0 UNION ALL SELECT level + 1 FROM r WHERE level < 9) SELECT * FROM r",
			err: "TABLE_OR_VIEW_NOT_FOUND"},
		{sql: "WITH RECURSIVE r(level) AS (VALUES 0 UNION ALL SELECT level + 1 FROM r) SELECT * FROM r",
			err: "RECURSION_LEVEL_LIMIT_EXCEEDED"},
		{sql: "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT next FROM t LEFT JOIN ZeroAndOne ON n = current) SELECT * FROM t",
			err: "RECURSION_ROW_LIMIT_EXCEEDED"},
		{sql: "WITH RECURSIVE r(level) MAX RECURSION LEVEL 35 AS (VALUES 0 UNION ALL SELECT level + 1 FROM r WHERE level < 30) SELECT count(*) FROM r",
			schema: "struct<count(1):bigint>", rows: "31"},
		{sql: "WITH RECURSIVE r(level) AS (VALUES 0 UNION ALL SELECT level + 1 FROM r) SELECT * FROM r LIMIT 4",
			schema: "struct<level:int>", rows: "0 1 2 3"},
		{sql: "WITH RECURSIVE t MAX RECURSION LEVEL 100 AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 60) SELECT count(*) FROM (SELECT * FROM t LIMIT ALL)",
			schema: "struct<count(1):bigint>", rows: "60"},
		{sql: "WITH RECURSIVE t MAX RECURSION LEVEL 100 AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 60) (SELECT n FROM t LIMIT ALL) UNION ALL (SELECT n FROM t)",
			err: "RECURSION_ROW_LIMIT_EXCEEDED"},
		{sql: "WITH RECURSIVE r(level) AS (VALUES 0 UNION ALL SELECT level + 1 FROM r) SELECT level, level FROM r ORDER BY 1 LIMIT 10",
			err: "RECURSION_LEVEL_LIMIT_EXCEEDED"},
		{sql: "WITH RECURSIVE r AS (SELECT 0 as level UNION SELECT (level + 1) % 10 FROM r) SELECT * FROM r",
			err: "UNION_NOT_SUPPORTED_IN_RECURSIVE_CTE"},
		{sql: "WITH RECURSIVE r(level) AS (SELECT level + 1 FROM r WHERE level < 9) SELECT * FROM r",
			err: "INVALID_RECURSIVE_CTE"},
		{sql: "WITH RECURSIVE r(level) AS (SELECT level + 1 FROM r WHERE level < 9 UNION ALL VALUES 0) SELECT * FROM r",
			err: "INVALID_RECURSIVE_CTE"},
		{sql: "WITH RECURSIVE t1(n) AS (WITH t2(n) AS (SELECT * FROM t1) SELECT 1 UNION ALL SELECT n+1 FROM t2 WHERE n < 5) SELECT * FROM t1",
			err: "INVALID_RECURSIVE_CTE"},
		{sql: "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT 2) SELECT * FROM t", schema: "struct<n:int>", rows: "1 2"},
		{sql: "WITH RECURSIVE r(level, data) AS (VALUES (0, 0) UNION ALL SELECT level + 1, r.data FROM (SELECT 0 AS data) AS t LEFT OUTER JOIN r ON r.data = t.data WHERE r.level < 9) SELECT * FROM r",
			err: "INVALID_RECURSIVE_REFERENCE.PLACE"},
		{sql: "WITH RECURSIVE r(level, data) AS (VALUES (0, 0) UNION ALL SELECT level + 1, r.data FROM (SELECT 0 AS data) AS t RIGHT OUTER JOIN r ON r.data = t.data WHERE r.level < 2) SELECT * FROM r",
			schema: "struct<level:int,data:int>", rows: "0,0 1,0 2,0"},
		{sql: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r GROUP BY n) SELECT * FROM r",
			err: "INVALID_RECURSIVE_REFERENCE.PLACE"},
		{sql: "WITH RECURSIVE t1(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM t1 WHERE n < 5 ORDER BY n)) SELECT * FROM t1",
			err: "INVALID_RECURSIVE_REFERENCE.PLACE"},
		{sql: "WITH RECURSIVE t1(n, m) AS (SELECT 1, CAST(1 AS BIGINT) UNION ALL SELECT n+1, n+1 FROM t1 WHERE n < 3) SELECT * FROM t1",
			schema: "struct<n:int,m:bigint>", rows: "1,1 2,2 3,3"},
		{sql: "WITH RECURSIVE t1(n, m) AS (SELECT 1, 1 UNION ALL SELECT n+1, CAST(n+1 AS BIGINT) FROM t1 WHERE n < 5) SELECT * FROM t1",
			err: "CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE"},
		{sql: "WITH RECURSIVE t1(n) AS (SELECT 1 UNION ALL SELECT (SELECT n+1 FROM t1 WHERE n<5)) SELECT * FROM t1 LIMIT 5",
			schema: "struct<n:int>", rows: "1 2 3 4 5"},
		{sql: "WITH RECURSIVE fibonacci AS (VALUES (0, 1) AS t(a, b) UNION ALL SELECT b, a + b FROM fibonacci WHERE a < 10) SELECT a FROM fibonacci",
			schema: "struct<a:int>", rows: "0 1 1 13 2 3 5 8"},
		{sql: "WITH RECURSIVE t1 (n) AS (VALUES(1) UNION ALL (WITH t2(j) AS (SELECT n + 1 FROM t1), t3(k) AS (SELECT j FROM t2) SELECT k FROM t3 WHERE k <= 3)) SELECT n FROM t1",
			schema: "struct<n:int>", rows: "1 2 3"},
		{sql: "WITH RECURSIVE r(level) AS ((WITH RECURSIVE r(level) AS (VALUES 0 UNION ALL SELECT level + 1 FROM r WHERE level < 3) SELECT * FROM r) UNION ALL SELECT level + 1 FROM r WHERE level < 3) SELECT * FROM r",
			schema: "struct<level:int>", rows: "0 1 1 2 2 2 3 3 3 3"},
		{sql: "WITH t1 AS (SELECT 1 as n), t2(n) AS (WITH RECURSIVE t3(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM (SELECT MAX(n) FROM t3)) SELECT * FROM t3) SELECT * FROM t2",
			err: "INVALID_RECURSIVE_REFERENCE.PLACE"},
		// Spark reseeds the recursive term's rand at every step.
		{sql: "WITH RECURSIVE randoms(val) AS (SELECT CAST(floor(rand(82374) * 5 + 1) AS INT) UNION ALL SELECT CAST(floor(rand(237685) * 5 + 1) AS INT) FROM randoms) SELECT val FROM randoms LIMIT 5",
			schema: "struct<val:int>", rows: "1 3 4 4 5"},
		{sql: "WITH RECURSIVE r(level) AS (VALUES (0) UNION ALL SELECT level + 1 FROM r WHERE level < 2) SELECT * FROM r AS r1 JOIN r AS r2 ON r2.level = r1.level",
			schema: "struct<level:int,level:int>", rows: "0,0 1,1 2,2"},
	}
	for _, tc := range tests {
		schema, rows, err := r.run(tc.sql)
		if tc.err != "" {
			se, ok := err.(*sparkerror.Error)
			if !ok || se.Class != tc.err {
				t.Errorf("%s: error %v, want %s", tc.sql, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.sql, err)
			continue
		}
		if schema != tc.schema || sortedRows(rows) != tc.rows {
			t.Errorf("%s:\n got %s %s\nwant %s %s", tc.sql, schema, sortedRows(rows), tc.schema, tc.rows)
		}
	}
}
