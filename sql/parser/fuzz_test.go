package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

var fuzzSeeds = []string{
	"SELECT 1",
	"SELECT a, b AS c FROM t WHERE x > 1 GROUP BY a HAVING count(*) > 1 ORDER BY 1 LIMIT 10",
	"WITH c AS (SELECT 1) SELECT * FROM c UNION ALL SELECT 2 INTERSECT SELECT 3",
	"SELECT CAST(a AS MAP<STRING, ARRAY<STRUCT<x: INT>>>), a::decimal(10,2), x'0A', date '2020-01-01'",
	"SELECT INTERVAL '1-2' YEAR TO MONTH, INTERVAL 1 DAY 2 HOURS, -128Y, 1.5BD, 1e10, 'a' 'b'",
	"SELECT count(DISTINCT a) FILTER (WHERE b) OVER (PARTITION BY c ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
	"SELECT * FROM t1 LEFT JOIN t2 USING (a) CROSS JOIN LATERAL (SELECT 1) s, range(10) r(id)",
	"SELECT * FROM t PIVOT (sum(a) FOR b IN (1, 2)) UNPIVOT (v FOR k IN (x, y))",
	"FROM t SELECT a |> WHERE a > 1 |> AGGREGATE sum(a) GROUP BY b",
	"SELECT /*+ BROADCAST(t) */ * EXCEPT (a) FROM t TABLESAMPLE (10 PERCENT) LATERAL VIEW explode(x) e AS y",
	"VALUES (1, 2), (3, 4) AS t(a, b)",
	"SELECT CASE WHEN a THEN b ELSE c END, transform(x, y -> y + 1), (a, b) IN (SELECT 1, 2)",
	"SELECT a FROM t WINDOW w AS (PARTITION BY b) ORDER BY a NULLS LAST",
	"SELECT TRANSFORM(a) USING 'cat' AS (x INT) FROM t",
	"SELECT 'unterminated",
	"SELECT /* unclosed",
	"select 1 1",
	"SELECT ((((((1",
	"SELECT ?, :name, `a``b`, \"s\", r'raw', 1.5e-3D",
	"",
	";",
	"-- comment",
	"INSERT OVERWRITE TABLE t PARTITION (p = 1) IF NOT EXISTS (a, b) VALUES (1, 2)",
	"WITH c AS (SELECT 1) INSERT INTO t BY NAME SELECT * FROM c",
	"CREATE OR REPLACE TABLE t (a INT NOT NULL DEFAULT 1 COMMENT 'x', b INT GENERATED ALWAYS AS (a + 1)) USING parquet PARTITIONED BY (years(ts)) OPTIONS (k = 'v') TBLPROPERTIES ('a' = 1) AS SELECT 1",
	"CREATE TABLE t (a INT) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE CLUSTERED BY (a) INTO 4 BUCKETS",
	"CREATE GLOBAL TEMPORARY VIEW IF NOT EXISTS v (a COMMENT 'x') WITH SCHEMA EVOLUTION AS SELECT 1",
	"DROP TABLE IF EXISTS t PURGE",
	"SET spark.sql.x = a b c;",
	"SET TIME ZONE INTERVAL 1 HOUR",
	"SET VAR (a, b) = (SELECT 1, 2)",
	"RESET `k`",
	"DECLARE OR REPLACE VARIABLE v INT DEFAULT 1",
	"EXECUTE IMMEDIATE 'SELECT ?' INTO v USING (1 AS a)",
	"DESC EXTENDED t PARTITION (p = 1) AS JSON",
	"SHOW TABLE EXTENDED IN db LIKE 't*' PARTITION (p = 1)",
	"EXPLAIN FORMATTED SELECT 1",
	"ANALYZE TABLE t COMPUTE STATISTICS FOR ALL COLUMNS",
}

// corpusSeeds adds statements of the Spark golden files, if present.
func corpusSeeds(f *testing.F) {
	dir := filepath.Join(corpusDir, "inputs")
	n := 0
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".sql") || n >= 400 {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for _, s := range strings.Split(string(data), ";") {
			if s = strings.TrimSpace(s); s != "" && n < 400 {
				f.Add(s)
				n++
			}
		}
		return nil
	})
}

// checkOutcome checks what the fuzz targets require: no panic (the
// caller would crash), every error has a class and a position inside the
// input, and every node of a tree lies inside the input.
func checkOutcome(t *testing.T, sql string, node ast.Node, err error) {
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("%q: error of type %T: %v", sql, err, err)
		}
		if e.Class == "" || e.Class == "INTERNAL_ERROR" {
			t.Fatalf("%q: bad error class %q: %v", sql, e.Class, e.Message())
		}
		if !e.Pos.IsValid() || e.Pos.Offset < 0 || e.Pos.Offset > len(sql) || e.End.Offset > len(sql) ||
			e.End.IsValid() && e.End.Offset < e.Pos.Offset {
			t.Fatalf("%q: error position %v-%v outside the input: %v", sql, e.Pos, e.End, e.Message())
		}
		_ = e.Error()
		return
	}
	if node == nil {
		return
	}
	if perr := checkPositions(sql, node); perr != nil {
		t.Fatalf("%q: %v", sql, perr)
	}
	_ = ast.Sexpr(node)
}

func FuzzParseStatement(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	corpusSeeds(f)
	f.Fuzz(func(t *testing.T, sql string) {
		st, err := ParseStatement(sql)
		var n ast.Node
		if st != nil {
			n = st
		}
		checkOutcome(t, sql, n, err)
		sts, err := ParseStatements(sql)
		if err == nil {
			for _, s := range sts {
				checkOutcome(t, sql, s, nil)
			}
		} else {
			checkOutcome(t, sql, nil, err)
		}
	})
}

func FuzzParseExpression(f *testing.F) {
	for _, s := range []string{
		"a + b * c", "NOT a AND b OR c", "-1::int", "a[0].b", "f(x) OVER w", "x -> x + 1",
		"CASE a WHEN 1 THEN 2 END", "a BETWEEN 1 AND 2", "a LIKE ANY ('x')", "INTERVAL 1 DAY",
		"CAST(a AS ARRAY<INT>)", "TRIM(BOTH 'x' FROM s)", "struct(a AS b)", "(a, b)", "'a' 'b'",
		"timestampadd(HOUR, 1, t)", "position('a' IN s)", "a AS b", "`a`.`b`", "1e400",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		e, err := ParseExpression(sql)
		var n ast.Node
		if e != nil {
			n = e
		}
		checkOutcome(t, sql, n, err)
	})
}
