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
	"ALTER TABLE t ADD COLUMNS (a INT NOT NULL FIRST, b.c STRING AFTER a)",
	"ALTER TABLE t ALTER COLUMN a TYPE BIGINT, b SET NOT NULL",
	"ALTER TABLE t CHANGE a a INT COMMENT 'c'",
	"ALTER TABLE t PARTITION (p = 1) SET LOCATION '/x'",
	"ALTER VIEW v WITH SCHEMA TYPE EVOLUTION",
	"CREATE DATABASE IF NOT EXISTS d COMMENT 'c' WITH DBPROPERTIES ('a' = 'b')",
	"CREATE FUNCTION f(x INT) RETURNS TABLE (a INT) RETURN SELECT x",
	"CREATE TEMPORARY FUNCTION f AS 'c' USING JAR 'j'",
	"MERGE INTO t USING (SELECT 1 a) s ON t.a = s.a WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT (a) VALUES (s.a)",
	"UPDATE t SET a = 1 WHERE b",
	"DELETE FROM t x WHERE x.a = 1",
	"FROM t INSERT INTO a SELECT * INSERT OVERWRITE TABLE b SELECT x",
	"INSERT OVERWRITE LOCAL DIRECTORY '/x' STORED AS PARQUET SELECT 1",
	"WITH RECURSIVE r MAX RECURSION LEVEL 5 AS (SELECT 1) SELECT * FROM r",
	"BEGIN DECLARE x INT; l: WHILE x < 3 DO SET x = x + 1; IF x = 2 THEN LEAVE l; END IF; END WHILE l; END",
	"BEGIN DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SELECT 1; END; FOR r AS SELECT 1 a DO SELECT r.a; END FOR; END",
	"BEGIN CASE x WHEN 1 THEN SELECT 1; ELSE REPEAT SELECT 2; UNTIL true END REPEAT; END CASE; END",
	"SELECT v:a.b[0]::int, v:['k'], TIME '10:00', CAST(g AS GEOMETRY(ANY))",
	"CREATE TABLE t (a INT PRIMARY KEY, CONSTRAINT c CHECK (a > 0) NOT ENFORCED) USING delta",
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

// castTypeSeeds collects the types of the casts of the Spark golden
// files, as written.
func castTypeSeeds(f *testing.F) {
	dir := filepath.Join(corpusDir, "inputs")
	seen := map[string]bool{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".sql") || len(seen) >= 300 {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for _, s := range strings.Split(string(data), ";") {
			st, err := ParseStatement(s)
			if err != nil {
				continue
			}
			ast.Inspect(st, func(n ast.Node) bool {
				if c, ok := n.(*ast.Cast); ok && c.Type != nil && len(seen) < 300 {
					if text := s[c.Type.Pos().Offset:c.Type.End().Offset]; !seen[text] {
						seen[text] = true
						f.Add(text)
					}
				}
				return true
			})
		}
		return nil
	})
}

func FuzzParseDataType(f *testing.F) {
	for _, s := range []string{
		"int", "DECIMAL(10, 2)", "struct<a:int,b:array<map<string,decimal(10,2)>>>", "ARRAY<STRUCT<a: INT NOT NULL COMMENT 'x'>>",
		"map<int, array<int>>", "STRUCT<>", "INTERVAL DAY TO SECOND", "INTERVAL YEAR", "TIMESTAMP WITHOUT TIME ZONE",
		"TIME(3)", "GEOMETRY(4326)", "GEOGRAPHY(ANY)", "STRING COLLATE UTF8_LCASE", "varchar(10)", "char", "foo(1, 2)",
		"array<", "struct<a int, b string>", "map<a>", "decimal(40, 50)",
	} {
		f.Add(s)
	}
	castTypeSeeds(f)
	f.Fuzz(func(t *testing.T, sql string) {
		dt, err := ParseDataType(sql)
		var n ast.Node
		if dt != nil {
			n = dt
		}
		checkOutcome(t, sql, n, err)
		if dt != nil {
			_ = ast.DataTypeString(dt)
		}
	})
}
