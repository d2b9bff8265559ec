package executor

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// INTERSECT ALL / EXCEPT ALL, LATERAL joins, PIVOT / UNPIVOT and TABLESAMPLE end to end.
// The answers are Spark's, from except-all.sql, intersect-all.sql, join-lateral.sql,
// pivot.sql, unpivot.sql and pipe-operators.sql.

type relationalCase struct {
	sql, schema, rows, err string
}

func runRelationalCases(t *testing.T, r *sqlRunner, cases []relationalCase) {
	t.Helper()
	for _, tc := range cases {
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
			t.Errorf("%s:\n got %s %q\nwant %s %q", tc.sql, schema, sortedRows(rows), tc.schema, tc.rows)
		}
	}
}

func TestIntersectExceptAll(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW e1 AS SELECT * FROM VALUES (0), (1), (2), (2), (2), (2), (3), (null), (null) AS e1(c1)")
	r.exec("CREATE TEMPORARY VIEW e2 AS SELECT * FROM VALUES (1), (2), (2), (3), (5), (5), (null) AS e2(c1)")
	r.exec("CREATE TEMPORARY VIEW e3 AS SELECT * FROM VALUES (1, 2), (1, 2), (1, 3), (2, 3), (2, 2) AS e3(k, v)")
	r.exec("CREATE TEMPORARY VIEW e4 AS SELECT * FROM VALUES (1, 2), (2, 3), (2, 2), (2, 2), (2, 20) AS e4(k, v)")
	r.exec("CREATE TEMPORARY VIEW i1 AS SELECT * FROM VALUES (1, 2), (1, 2), (1, 3), (1, 3), (2, 3), (null, null), (null, null) AS i1(k, v)")
	r.exec("CREATE TEMPORARY VIEW i2 AS SELECT * FROM VALUES (1, 2), (1, 2), (2, 3), (3, 4), (null, null), (null, null) AS i2(k, v)")
	runRelationalCases(t, r, []relationalCase{
		{sql: "SELECT * FROM e1 EXCEPT ALL SELECT * FROM e2", schema: "struct<c1:int>", rows: "0 2 2 <nil>"},
		{sql: "SELECT * FROM e1 MINUS ALL SELECT * FROM e2", schema: "struct<c1:int>", rows: "0 2 2 <nil>"},
		{sql: "SELECT * FROM e1 EXCEPT ALL SELECT * FROM e2 WHERE c1 IS NOT NULL", schema: "struct<c1:int>", rows: "0 2 2 <nil> <nil>"},
		{sql: "SELECT * FROM e1 WHERE c1 > 5 EXCEPT ALL SELECT * FROM e2", schema: "struct<c1:int>", rows: ""},
		{sql: "SELECT * FROM e1 EXCEPT ALL SELECT CAST(1 AS BIGINT)", schema: "struct<c1:bigint>", rows: "0 2 2 2 2 3 <nil> <nil>"},
		{sql: "SELECT * FROM e1 EXCEPT ALL SELECT array(1)", err: "INCOMPATIBLE_COLUMN_TYPE"},
		{sql: "SELECT * FROM e3 EXCEPT ALL SELECT * FROM e4", schema: "struct<k:int,v:int>", rows: "1,2 1,3"},
		{sql: "SELECT * FROM e4 EXCEPT ALL SELECT * FROM e3", schema: "struct<k:int,v:int>", rows: "2,2 2,20"},
		{sql: "SELECT v FROM e3 GROUP BY v EXCEPT ALL SELECT k FROM e4 GROUP BY k", schema: "struct<v:int>", rows: "3"},
		{sql: "SELECT * FROM i1 INTERSECT ALL SELECT * FROM i2", schema: "struct<k:int,v:int>", rows: "1,2 1,2 2,3 <nil>,<nil> <nil>,<nil>"},
		{sql: "SELECT * FROM i1 INTERSECT ALL SELECT * FROM i1 WHERE k = 1", schema: "struct<k:int,v:int>", rows: "1,2 1,2 1,3 1,3"},
		{sql: "SELECT * FROM i1 INTERSECT ALL SELECT CAST(1 AS BIGINT), CAST(2 AS BIGINT)", schema: "struct<k:bigint,v:bigint>", rows: "1,2"},
		{sql: "SELECT * FROM i2 INTERSECT ALL SELECT * FROM i1 INTERSECT ALL SELECT * FROM i2", schema: "struct<k:int,v:int>", rows: "1,2 1,2 2,3 <nil>,<nil> <nil>,<nil>"},
		{sql: "SELECT k FROM i1 INTERSECT ALL SELECT k, v FROM i2", err: "NUM_COLUMNS_MISMATCH"},
		{sql: "TABLE e3 |> INTERSECT ALL TABLE e4", schema: "struct<k:int,v:int>", rows: "1,2 2,2 2,3"},
	})
}

func TestLateralJoins(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW t1(c1, c2) AS VALUES (0, 1), (1, 2)")
	r.exec("CREATE TEMPORARY VIEW t2(c1, c2) AS VALUES (0, 2), (0, 3)")
	r.exec("CREATE TEMPORARY VIEW t4(c1, c2) AS VALUES (0, 1), (0, 2), (1, 1), (1, 3)")
	runRelationalCases(t, r, []relationalCase{
		{sql: "SELECT * FROM t1, LATERAL (SELECT c1)", schema: "struct<c1:int,c2:int,c1:int>", rows: "0,1,0 1,2,1"},
		{sql: "SELECT * FROM t1, LATERAL (SELECT c1 FROM t2)", schema: "struct<c1:int,c2:int,c1:int>", rows: "0,1,0 0,1,0 1,2,0 1,2,0"},
		{sql: "SELECT * FROM t1, LATERAL (SELECT t1.c1 + t2.c1 FROM t2)", schema: "struct<c1:int,c2:int,(outer(t1.c1) + c1):int>", rows: "0,1,0 0,1,0 1,2,1 1,2,1"},
		{sql: "SELECT * FROM t1 JOIN LATERAL (SELECT c1 + c2 AS c3) ON c2 = c3", schema: "struct<c1:int,c2:int,c3:int>", rows: "0,1,1"},
		{sql: "SELECT * FROM t1 LEFT JOIN LATERAL (SELECT c1 + c2 AS c3) ON c2 = c3", schema: "struct<c1:int,c2:int,c3:int>", rows: "0,1,1 1,2,<nil>"},
		{sql: "SELECT * FROM t1, LATERAL (SELECT c2 FROM t2 WHERE t1.c2 < t2.c2)", schema: "struct<c1:int,c2:int,c2:int>", rows: "0,1,2 0,1,3 1,2,3"},
		{sql: "SELECT * FROM t1, LATERAL (SELECT max(c2) AS m FROM t2 WHERE t1.c2 < t2.c2)", schema: "struct<c1:int,c2:int,m:int>", rows: "0,1,3 1,2,3"},
		{sql: "SELECT * FROM t1, LATERAL (SELECT c1 + c2 AS a), LATERAL (SELECT c1 - c2 AS b), LATERAL (SELECT a * b AS c)",
			schema: "struct<c1:int,c2:int,a:int,b:int,c:int>", rows: "0,1,1,-1,-1 1,2,3,-1,-3"},
		{sql: "SELECT * FROM t1 LEFT OUTER JOIN LATERAL (SELECT c2 FROM t2 WHERE t1.c1 = t2.c1) s LEFT OUTER JOIN t1 t3 ON s.c2 = t3.c2",
			schema: "struct<c1:int,c2:int,c2:int,c1:int,c2:int>", rows: "0,1,2,1,2 0,1,3,<nil>,<nil> 1,2,<nil>,<nil>,<nil>"},
		// An aggregate without GROUP BY has a row for every left row (the count bug).
		{sql: "SELECT * FROM t1, LATERAL (SELECT COUNT(*) cnt, SUM(c2) sum FROM t2 WHERE c1 = t1.c1)", schema: "struct<c1:int,c2:int,cnt:bigint,sum:bigint>", rows: "0,1,2,5 1,2,0,<nil>"},
		{sql: "SELECT * FROM t1 JOIN LATERAL (SELECT COUNT(*) cnt FROM t2 WHERE t1.c1 = t2.c1) ON cnt + 1 = c1", schema: "struct<c1:int,c2:int,cnt:bigint>", rows: "1,2,0"},
		{sql: "SELECT * FROM t1 LEFT JOIN LATERAL (SELECT c1, COUNT(*) cnt FROM t2 WHERE t1.c1 = t2.c1 GROUP BY c1)", schema: "struct<c1:int,c2:int,c1:int,cnt:bigint>", rows: "0,1,0,2 1,2,<nil>,<nil>"},
		{sql: "SELECT * FROM t1 JOIN LATERAL (SELECT t2.c2 FROM t2 WHERE t2.c1 = t1.c1 UNION ALL SELECT t4.c2 FROM t4 WHERE t4.c1 = t1.c1)",
			schema: "struct<c1:int,c2:int,c2:int>", rows: "0,1,1 0,1,2 0,1,2 0,1,3 1,2,1 1,2,3"},
		{sql: "SELECT * FROM t1 JOIN LATERAL (SELECT t2.c2 FROM t2 WHERE t2.c1 = t1.c1 EXCEPT ALL SELECT t4.c2 FROM t4 WHERE t4.c1 = t1.c1)",
			schema: "struct<c1:int,c2:int,c2:int>", rows: "0,1,3"},
		// LIMIT and OFFSET apply per left row (subquery-offset.sql and postgreSQL/join.sql).
		{sql: "SELECT * FROM t1 JOIN LATERAL (SELECT * FROM t4 WHERE t4.c1 = t1.c1 ORDER BY c2 DESC LIMIT 1)", schema: "struct<c1:int,c2:int,c1:int,c2:int>", rows: "0,1,0,2 1,2,1,3"},
		{sql: "SELECT * FROM t1 JOIN LATERAL (SELECT * FROM t4 WHERE t4.c1 = t1.c1 ORDER BY c2 OFFSET 1)", schema: "struct<c1:int,c2:int,c1:int,c2:int>", rows: "0,1,0,2 1,2,1,3"},
		{sql: "TABLE t1 |> JOIN LATERAL (SELECT t1.c2 + 1 AS d)", schema: "struct<c1:int,c2:int,d:int>", rows: "0,1,2 1,2,3"},
	})
}

func TestPivotUnpivot(t *testing.T) {
	r := newSQLRunner(t)
	r.exec(`CREATE TEMPORARY VIEW courseSales AS SELECT * FROM VALUES ("dotNET", 2012, 10000), ("Java", 2012, 20000), ("dotNET", 2012, 5000), ("dotNET", 2013, 48000), ("Java", 2013, 30000) AS courseSales(course, year, earnings)`)
	r.exec(`CREATE TEMPORARY VIEW courseEarnings AS SELECT * FROM VALUES ("dotNET", 15000, 48000, 22500), ("Java", 20000, 30000, NULL) AS courseEarnings(course, ` + "`2012`, `2013`, `2014`)")
	r.exec(`CREATE TEMPORARY VIEW courseEarningsAndSales AS SELECT * FROM VALUES ("dotNET", 15000, NULL, 48000, 1, 22500, 1), ("Java", 20000, 1, 30000, 2, NULL, NULL) AS courseEarningsAndSales(course, earnings2012, sales2012, earnings2013, sales2013, earnings2014, sales2014)`)
	runRelationalCases(t, r, []relationalCase{
		{sql: "SELECT * FROM (SELECT year, course, earnings FROM courseSales) PIVOT (sum(earnings) FOR course IN ('dotNET', 'Java'))",
			schema: "struct<year:int,dotNET:bigint,Java:bigint>", rows: "2012,15000,20000 2013,48000,30000"},
		{sql: "SELECT * FROM courseSales PIVOT (sum(earnings) AS s, avg(earnings) AS a FOR course IN ('dotNET', 'Java'))",
			schema: "struct<year:int,dotNET_s:bigint,dotNET_a:double,Java_s:bigint,Java_a:double>", rows: "2012,15000,7500,20000,20000 2013,48000,48000,30000,30000"},
		// A value without rows is NULL, even for count (Spark's PivotFirst).
		{sql: "SELECT * FROM courseSales PIVOT (count(*) FOR year IN (2012, 2014 AS later))",
			schema: "struct<course:string,earnings:int,2012:bigint,later:bigint>", rows: "Java,20000,1,<nil> Java,30000,<nil>,<nil> dotNET,10000,1,<nil> dotNET,48000,<nil>,<nil> dotNET,5000,1,<nil>"},
		// collect_list is not PivotFirst's: each value's list is built from its own rows.
		{sql: "SELECT year, dotNET FROM courseSales PIVOT (collect_list(earnings) FOR course IN ('dotNET')) ORDER BY year",
			schema: "struct<year:int,dotNET:array<int>>", rows: "2012,[10000 5000] 2013,[48000]"},
		{sql: "SELECT * FROM courseSales PIVOT (sum(earnings) FOR year IN (course, 2013))", err: "NON_LITERAL_PIVOT_VALUES"},
		{sql: "SELECT * FROM courseSales PIVOT (earnings FOR year IN (2012, 2013))", err: "_LEGACY_ERROR_TEMP_1006"},
		{sql: "SELECT * FROM courseSales PIVOT (sum(earnings) FOR year IN (array(1), 2013))", err: "PIVOT_VALUE_DATA_TYPE_MISMATCH"},
		// Castable, but not a number: the ANSI cast fails.
		{sql: "SELECT * FROM courseSales PIVOT (sum(earnings) FOR year IN ('x', 2013))", err: "CAST_INVALID_INPUT"},
		{sql: "SELECT * FROM courseEarnings UNPIVOT (earningsYear FOR year IN (`2012`, `2013`, `2014`))",
			schema: "struct<course:string,year:string,earningsYear:int>", rows: "Java,2012,20000 Java,2013,30000 dotNET,2012,15000 dotNET,2013,48000 dotNET,2014,22500"},
		{sql: "SELECT * FROM courseEarnings UNPIVOT INCLUDE NULLS (earningsYear FOR year IN (`2012` AS y1, `2014` AS y3))",
			schema: "struct<course:string,2013:int,year:string,earningsYear:int>", rows: "Java,30000,y1,20000 Java,30000,y3,<nil> dotNET,48000,y1,15000 dotNET,48000,y3,22500"},
		{sql: "SELECT * FROM courseEarningsAndSales UNPIVOT ((earnings, sales) FOR year IN ((earnings2012, sales2012), (earnings2014, sales2014)))",
			schema: "struct<course:string,earnings2013:int,sales2013:int,year:string,earnings:int,sales:int>",
			rows:   "Java,30000,2,earnings2012_sales2012,20000,1 dotNET,48000,1,earnings2012_sales2012,15000,<nil> dotNET,48000,1,earnings2014_sales2014,22500,1"},
		{sql: "SELECT * FROM courseEarnings UNPIVOT (v FOR year IN (course, `2012`))", err: "UNPIVOT_VALUE_DATA_TYPE_MISMATCH"},
		{sql: "TABLE courseEarnings |> UNPIVOT (e FOR y IN (`2013`)) |> PIVOT (sum(e) FOR y IN ('2013'))",
			schema: "struct<course:string,2012:int,2014:int,2013:bigint>", rows: "Java,20000,<nil>,30000 dotNET,15000,22500,48000"},
	})
}

func TestTableSample(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW t(x, y) AS VALUES (0, 'abc'), (1, 'def')")
	runRelationalCases(t, r, []relationalCase{
		{sql: "TABLE t |> TABLESAMPLE (100 PERCENT) REPEATABLE (0)", schema: "struct<x:int,y:string>", rows: "0,abc 1,def"},
		{sql: "TABLE t |> TABLESAMPLE (1 ROWS) |> AGGREGATE count(*) AS n", schema: "struct<n:bigint>", rows: "1"},
		{sql: "SELECT * FROM t TABLESAMPLE (BUCKET 1 OUT OF 1) AS s", schema: "struct<x:int,y:string>", rows: "0,abc 1,def"},
		{sql: "SELECT * FROM t TABLESAMPLE (0 PERCENT)", schema: "struct<x:int,y:string>", rows: ""},
		{sql: "TABLE t |> TABLESAMPLE (-5 ROWS)", err: "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE"},
		{sql: "TABLE t |> TABLESAMPLE (x ROWS)", err: "INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE"},
	})
	// A seeded sample keeps the same rows every time.
	r.exec("CREATE TEMPORARY VIEW r AS SELECT id FROM range(0, 1000, 1, 1)")
	q := "SELECT id FROM r TABLESAMPLE (30 PERCENT) REPEATABLE (7)"
	first := sortedRows(r.query(q))
	if again := sortedRows(r.query(q)); again != first {
		t.Errorf("a repeatable sample changed:\n%s\n%s", first, again)
	}
	if n := len(r.query(q)); n < 230 || n > 370 {
		t.Errorf("30 percent of 1000 rows kept %d", n)
	}
}
