package parser

import (
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

// checkStatements parses each statement and compares its S-expression;
// every statement must span the whole text and have consistent positions.
func checkStatements(t *testing.T, tests []struct{ sql, want string }) {
	t.Helper()
	for _, tt := range tests {
		st, err := ParseStatement(tt.sql)
		if err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
			continue
		}
		if got := ast.Sexpr(st); got != tt.want {
			t.Errorf("ParseStatement(%q):\n got %s\nwant %s", tt.sql, got, tt.want)
		}
		if st.Pos().Offset != 0 || st.End().Offset != len(trimSemis(tt.sql)) {
			t.Errorf("ParseStatement(%q): statement spans %v..%v", tt.sql, st.Pos(), st.End())
		}
		if err := checkPositions(tt.sql, st); err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
		}
	}
}

// checkErrorClasses parses each statement and compares the error class
// and the position (line:column) of the error.
func checkErrorClasses(t *testing.T, tests []struct {
	sql, class string
	col        int
}) {
	t.Helper()
	for _, tt := range tests {
		_, err := ParseStatement(tt.sql)
		if err == nil {
			t.Errorf("ParseStatement(%q): no error, want %s", tt.sql, tt.class)
			continue
		}
		e := err.(*Error)
		if e.Class != tt.class {
			t.Errorf("ParseStatement(%q): got %s %v, want %s", tt.sql, e.Class, e.Params, tt.class)
			continue
		}
		if tt.col != 0 && e.Pos.Column != tt.col {
			t.Errorf("ParseStatement(%q): %s at column %d, want %d", tt.sql, e.Class, e.Pos.Column, tt.col)
		}
		if e.SQLState == "" && e.Class[0] != '_' {
			t.Errorf("ParseStatement(%q): %s has no SQLSTATE", tt.sql, e.Class)
		}
	}
}

func TestAlterStatements(t *testing.T) {
	checkStatements(t, []struct{ sql, want string }{
		{"ALTER TABLE t ADD COLUMN a INT", "(alter-table t (add-columns (a INT)))"},
		{"ALTER TABLE t ADD COLUMNS (a INT NOT NULL COMMENT 'x' FIRST, b.c STRING DEFAULT 'd' AFTER a)",
			`(alter-table t (add-columns (a INT not-null (comment "x") first) (b.c STRING (default "d") (after a))))`},
		{"ALTER TABLE t RENAME COLUMN a.b TO c", "(alter-table t (rename-column a.b c))"},
		{"ALTER TABLE t DROP COLUMN IF EXISTS a, b.c", "(alter-table t (drop-columns if-exists a b.c))"},
		{"ALTER TABLE t DROP COLUMNS (a, b)", "(alter-table t (drop-columns a b))"},
		{"ALTER TABLE db.t RENAME TO db.u", "(alter-table db.t (rename-to db.u))"},
		{"ALTER VIEW v RENAME TO w", "(alter-view v (rename-to w))"},
		{"ALTER TABLE t SET TBLPROPERTIES ('a' = 'b', c = 1)", `(alter-table t (set-tblproperties (= "a" "b") (= c 1)))`},
		{"ALTER VIEW v UNSET TBLPROPERTIES IF EXISTS ('a')", `(alter-view v (unset-tblproperties if-exists (= "a")))`},
		{"ALTER TABLE t ALTER COLUMN a TYPE BIGINT, b COMMENT 'x', c FIRST, d AFTER e, f SET NOT NULL, " +
			"g DROP NOT NULL, h SET DEFAULT 1, i DROP DEFAULT",
			`(alter-table t (alter-column (a (type BIGINT)) (b (comment "x")) (c first) (d (after e)) ` +
				`(f set-not-null) (g drop-not-null) (h (set-default 1)) (i drop-default)))`},
		{"ALTER TABLE t CHANGE COLUMN a a INT COMMENT 'c' FIRST", `(alter-table t (change-column a (a INT (comment "c")) first))`},
		{"ALTER TABLE t CHANGE a TYPE STRING", "(alter-table t (change-column (a (type STRING))))"},
		{"ALTER TABLE t REPLACE COLUMNS (a INT, b STRING COMMENT 'x')",
			`(alter-table t (replace-columns (a INT) (b STRING (comment "x"))))`},
		{"ALTER TABLE t PARTITION (p=1) SET SERDE 'org.x' WITH SERDEPROPERTIES ('a'='b')",
			`(alter-table t (partition (= p 1)) (set-serde "org.x" (= "a" "b")))`},
		{"ALTER TABLE t SET SERDEPROPERTIES ('a'='b')", `(alter-table t (set-serdeproperties (= "a" "b")))`},
		{"ALTER TABLE t ADD IF NOT EXISTS PARTITION (p=1) LOCATION '/x' PARTITION (p=2)",
			`(alter-table t (add-partitions if-not-exists (partition-location (partition (= p 1)) "/x") (partition (= p 2))))`},
		{"ALTER TABLE t PARTITION (p=1) RENAME TO PARTITION (p=2)",
			"(alter-table t (partition (= p 1)) (rename-partition-to (partition (= p 2))))"},
		{"ALTER TABLE t DROP IF EXISTS PARTITION (p=1), PARTITION (p=2) PURGE",
			"(alter-table t (drop-partitions if-exists (partition (= p 1)) (partition (= p 2)) purge))"},
		{"ALTER TABLE t PARTITION (p=1) SET LOCATION '/y'", `(alter-table t (partition (= p 1)) (set-location "/y"))`},
		{"ALTER TABLE t RECOVER PARTITIONS", "(alter-table t (recover-partitions))"},
		{"ALTER TABLE t CLUSTER BY (a, b.c)", "(alter-table t (cluster-by a b.c))"},
		{"ALTER TABLE t CLUSTER BY NONE", "(alter-table t (cluster-by none))"},
		{"ALTER TABLE t DEFAULT COLLATION UTF8_LCASE", "(alter-table t (default-collation UTF8_LCASE))"},
		{"ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED RELY",
			"(alter-table t (add-constraint (primary-key (name pk) (a b) not-enforced rely)))"},
		{"ALTER TABLE t ADD CHECK (a > 0)", "(alter-table t (add-constraint (check (> a 0))))"},
		{"ALTER TABLE t DROP CONSTRAINT IF EXISTS pk CASCADE", "(alter-table t (drop-constraint if-exists pk cascade))"},
		{"ALTER VIEW v AS SELECT 1", "(alter-view v (as (select 1)))"},
		{"ALTER VIEW v SELECT 1", "(alter-view v (as (select 1)))"},
		{"ALTER VIEW v WITH SCHEMA TYPE EVOLUTION", "(alter-view v (schema type-evolution))"},
		{"alter table tt2 add column d int", "(alter-table tt2 (add-columns (d INT)))"},
	})
	checkErrorClasses(t, []struct {
		sql, class string
		col        int
	}{
		{"ALTER TABLE t CHANGE a", "_LEGACY_ERROR_TEMP_0035", 1},
		{"ALTER TABLE t CHANGE a b INT", "_LEGACY_ERROR_TEMP_0034", 1},
		{"ALTER TABLE t PARTITION (p=1) CHANGE a a INT", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"ALTER TABLE t REPLACE COLUMNS (a INT NOT NULL)", "_LEGACY_ERROR_TEMP_0034", 1},
		{"ALTER TABLE t REPLACE COLUMNS (a INT DEFAULT 1)", "UNSUPPORTED_DEFAULT_VALUE.WITHOUT_SUGGESTION", 1},
		{"ALTER TABLE t ADD COLUMN a INT COMMENT 'x' COMMENT 'y'", "ALTER_TABLE_COLUMN_DESCRIPTOR_DUPLICATE", 44},
		{"ALTER TABLE t SET TBLPROPERTIES ('provider'='x')", "UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY", 1},
		{"ALTER VIEW v ADD PARTITION (a=1)", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"ALTER TABLE t ADD PARTITION (a)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", 19},
		{"ALTER VIEW v ADD COLUMN a INT", "PARSE_SYNTAX_ERROR", 18},
		{"ALTER TABLE t TOUCH", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"ALTER INDEX i ON t REBUILD", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"ALTER TABLE t", "PARSE_SYNTAX_ERROR", 14},
	})
}

func TestNamespaceAndFunctionStatements(t *testing.T) {
	checkStatements(t, []struct{ sql, want string }{
		{"CREATE DATABASE IF NOT EXISTS db COMMENT 'c' LOCATION '/p' WITH DBPROPERTIES ('a'='b')",
			`(create-namespace if-not-exists db (comment "c") (location "/p") (dbproperties (= "a" "b")))`},
		{"CREATE SCHEMA s DEFAULT COLLATION UNICODE", "(create-namespace s (default-collation UNICODE))"},
		{"CREATE NAMESPACE a.b WITH PROPERTIES (x = 1)", "(create-namespace a.b (properties (= x 1)))"},
		{"ALTER DATABASE db SET DBPROPERTIES ('a'='b')", `(alter-namespace db (set-dbproperties (= "a" "b")))`},
		{"ALTER SCHEMA s UNSET PROPERTIES ('a')", `(alter-namespace s (unset-properties (= "a")))`},
		{"ALTER NAMESPACE n SET LOCATION '/x'", `(alter-namespace n (set-location "/x"))`},
		{"ALTER SCHEMA s DEFAULT COLLATION UTF8_LCASE", "(alter-namespace s (default-collation UTF8_LCASE))"},
		{"DROP DATABASE IF EXISTS db CASCADE", "(drop-namespace if-exists db cascade)"},
		{"DROP SCHEMA s RESTRICT", "(drop-namespace s restrict)"},
		{"CREATE FUNCTION f AS 'com.x.F' USING JAR '/a.jar', FILE '/b'",
			`(create-function f (class "com.x.F") (using (jar "/a.jar") (file "/b")))`},
		{"CREATE OR REPLACE TEMPORARY FUNCTION f AS 'c'", `(create-function or-replace temporary f (class "c"))`},
		{"CREATE FUNCTION f(x INT, y STRING DEFAULT 'a' COMMENT 'c') RETURNS INT LANGUAGE SQL DETERMINISTIC COMMENT 'f' RETURN x + 1",
			`(create-function f (params (x INT) (y STRING (default "a") (comment "c"))) (returns INT) language-sql deterministic (comment "f") (return (+ x 1)))`},
		{"CREATE FUNCTION t(x INT) RETURNS TABLE (a INT, b STRING) RETURN SELECT x, 'a'",
			`(create-function t (params (x INT)) (returns-table (a INT) (b STRING)) (return (select x "a")))`},
		{"CREATE FUNCTION f() READS SQL DATA NOT DETERMINISTIC RETURN (SELECT 1)",
			"(create-function f (params) reads-sql-data not-deterministic (return (paren-query (select 1))))"},
		{"CREATE FUNCTION f() RETURN (SELECT 1) + 1", "(create-function f (params) (return (+ (subquery (select 1)) 1)))"},
		{"DROP TEMPORARY FUNCTION IF EXISTS f", "(drop-function temporary if-exists f)"},
		{"DROP FUNCTION db.f", "(drop-function db.f)"},
		{"DESC FUNCTION f", "(describe-function f)"},
		{"SHOW DATABASES LIKE 'd*'", `(show-namespaces (like "d*"))`},
	})
	checkErrorClasses(t, []struct {
		sql, class string
		col        int
	}{
		{"CREATE NAMESPACE a WITH PROPERTIES (x = 1) WITH DBPROPERTIES (y = 2)", "UNSUPPORTED_FEATURE.SET_PROPERTIES_AND_DBPROPERTIES", 1},
		{"CREATE DATABASE d LOCATION 'a' LOCATION 'b'", "DUPLICATE_CLAUSES", 32},
		{"CREATE DATABASE d WITH DBPROPERTIES ('location'='x')", "UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", 1},
		{"CREATE TEMPORARY FUNCTION db.f AS 'x'", "INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_DATABASE", 1},
		{"CREATE TEMPORARY FUNCTION IF NOT EXISTS f AS 'x'", "INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS", 1},
		{"CREATE OR REPLACE FUNCTION IF NOT EXISTS f AS 'x'", "INVALID_SQL_SYNTAX.CREATE_ROUTINE_WITH_IF_NOT_EXISTS_AND_REPLACE", 1},
		{"CREATE FUNCTION f AS 'x' USING FOO 'y'", "_LEGACY_ERROR_TEMP_0035", 1},
		{"CREATE FUNCTION f(a INT GENERATED ALWAYS AS (1)) RETURN 1", "INVALID_SQL_SYNTAX.CREATE_FUNC_WITH_GENERATED_COLUMNS_AS_PARAMETERS", 0},
		{"CREATE FUNCTION f() COMMENT 'a' COMMENT 'b' RETURN 1", "DUPLICATE_CLAUSES", 0},
		{"CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURN 1", "_LEGACY_ERROR_TEMP_0035", 21},
		{"DROP TEMPORARY FUNCTION a.b", "INVALID_SQL_SYNTAX.MULTI_PART_NAME", 1},
		{"DROP DATABASE", "PARSE_SYNTAX_ERROR", 14},
	})
}

func TestDMLStatements(t *testing.T) {
	checkStatements(t, []struct{ sql, want string }{
		{"DELETE FROM t WHERE a = 1", "(delete t (where (= a 1)))"},
		{"DELETE FROM t AS x WHERE x.a = 1", "(delete t (as x) (where (= x.a 1)))"},
		{"DELETE FROM t", "(delete t)"},
		{"UPDATE t SET a = 1, b.c = b.c + 1 WHERE d", "(update t (set (= a 1) (= b.c (+ b.c 1))) (where d))"},
		{"UPDATE t x SET a = DEFAULT", "(update t (as x) (set (= a DEFAULT)))"},
		{"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND t.x > 1 THEN UPDATE SET * WHEN MATCHED THEN DELETE " +
			"WHEN NOT MATCHED THEN INSERT * WHEN NOT MATCHED BY SOURCE THEN UPDATE SET a = 1",
			"(merge t (using s) (on (= t.id s.id)) (when-matched (and (> t.x 1)) update-star) (when-matched delete) " +
				"(when-not-matched insert-star) (when-not-matched-by-source (update (= a 1))))"},
		{"MERGE WITH SCHEMA EVOLUTION INTO t AS tt USING (SELECT 1 id) ss ON tt.id = ss.id " +
			"WHEN NOT MATCHED BY TARGET AND ss.id > 0 THEN INSERT (id) VALUES (ss.id)",
			"(merge schema-evolution t (as tt) (using (select (alias 1 id)) (as ss)) (on (= tt.id ss.id)) " +
				"(when-not-matched by-target (and (> ss.id 0)) (insert (id) (values ss.id))))"},
		{"WITH c AS (SELECT 1) DELETE FROM t WHERE a IN (SELECT * FROM c)",
			"(delete (with (cte c (select 1))) t (where (in a (select * (from (table c))))))"},
		{"INSERT OVERWRITE LOCAL DIRECTORY '/tmp/x' ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE SELECT 1",
			`(insert overwrite directory local "/tmp/x" (row-format delimited (fields-terminated-by ",")) (stored-as TEXTFILE) (select 1))`},
		{"INSERT OVERWRITE DIRECTORY '/tmp/x' USING parquet OPTIONS ('a' 'b') SELECT 1",
			`(insert overwrite directory "/tmp/x" (using parquet) (options (= "a" "b")) (select 1))`},
		{"INSERT OVERWRITE DIRECTORY USING parquet OPTIONS ('path' '/x') SELECT 1",
			`(insert overwrite directory (using parquet) (options (= "path" "/x")) (select 1))`},
		{"FROM t INSERT OVERWRITE TABLE a SELECT x WHERE y > 1 INSERT INTO b SELECT * LIMIT 3",
			"(multi-insert (from (table t)) (insert-body (insert overwrite a) (select x (where (> y 1)))) " +
				"(insert-body (insert b) (select *) (limit 3)))"},
		{"WITH s AS (SELECT 45 AS col) FROM s INSERT INTO a SELECT col INSERT INTO b SELECT col",
			"(multi-insert (with (cte s (select (alias 45 col)))) (from (table s)) (insert-body (insert a) (select col)) " +
				"(insert-body (insert b) (select col)))"},
	})
	checkErrorClasses(t, []struct {
		sql, class string
		col        int
	}{
		{"MERGE INTO t USING s ON a = b", "MERGE_WITHOUT_WHEN", 1},
		{"MERGE INTO t USING s ON a = b WHEN MATCHED THEN DELETE WHEN MATCHED THEN DELETE", "NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION", 1},
		{"MERGE INTO t USING s ON a = b WHEN NOT MATCHED THEN INSERT (a, b) VALUES (1)", "_LEGACY_ERROR_TEMP_0006", 67},
		{"MERGE INTO t USING s ON a = b WHEN NOT MATCHED THEN INSERT * WHEN MATCHED THEN DELETE", "PARSE_SYNTAX_ERROR", 62},
		{"MERGE INTO t USING s ON a = b WHEN NOT MATCHED THEN DELETE", "PARSE_SYNTAX_ERROR", 53},
		{"DELETE FROM t AS x(a) WHERE 1", "COLUMN_ALIASES_NOT_ALLOWED", 15},
		{"INSERT OVERWRITE LOCAL DIRECTORY 'hdfs://x/y' USING parquet SELECT 1", "LOCAL_MUST_WITH_SCHEMA_FILE", 1},
		{"INSERT OVERWRITE DIRECTORY '/x' USING parquet OPTIONS (path '/y') SELECT 1", "_LEGACY_ERROR_TEMP_0049", 1},
		{"FROM t INSERT INTO a", "PARSE_SYNTAX_ERROR", 0},
	})
}

func TestOtherStatements(t *testing.T) {
	checkStatements(t, []struct{ sql, want string }{
		{"WITH RECURSIVE r(n) MAX RECURSION LEVEL 10 AS (SELECT 1) SELECT * FROM r",
			"(query (with-recursive (cte r (n) (max-recursion-level 10) (select 1))) (select * (from (table r))))"},
		{"CREATE TEMPORARY VIEW v (a INT, b STRING) USING parquet OPTIONS (path '/x')",
			`(create-temp-view-using v (columns (a INT) (b STRING)) (using parquet) (options (= path "/x")))`},
		{"CREATE OR REPLACE GLOBAL TEMPORARY VIEW v USING csv", "(create-temp-view-using or-replace global v (using csv))"},
		{"CREATE VIEW v DEFAULT COLLATION UNICODE AS SELECT 'a'", `(create-view v (default-collation UNICODE) (select "a"))`},
		{"DECLARE VARIABLE a, b, c INT DEFAULT 1", "(declare a b c INT (default 1))"},
		{"EXECUTE IMMEDIATE 'SELECT ' || 'x'", `(execute-immediate (|| "SELECT " "x"))`},
		{"EXECUTE IMMEDIATE length(x)", "(execute-immediate (call length x))"},
		{"SET CATALOG spark_catalog", "(set-catalog spark_catalog)"},
		{"SET CATALOG 'x'", `(set-catalog "x")`},
		{"COMMENT ON TABLE t IS 'x'", `(comment-on table t "x")`},
		{"COMMENT ON DATABASE d IS NULL", "(comment-on database d null)"},
		{"LOAD DATA LOCAL INPATH '/x' OVERWRITE INTO TABLE t PARTITION (p=1)", `(load-data local "/x" overwrite t (partition (= p 1)))`},
		{"MSCK REPAIR TABLE t SYNC PARTITIONS", "(repair-table msck t sync-partitions)"},
		{"ADD JAR /a.jar 'b c.jar'", `(add jar "/a.jar" "b c.jar")`},
		{"LIST FILES", "(list files)"},
		{"CREATE INDEX IF NOT EXISTS i ON TABLE t USING btree (a OPTIONS ('k'='v'), b) OPTIONS ('x'='y')",
			`(create-index if-not-exists i t (using btree) (a (options (= "k" "v"))) b (options (= "x" "y")))`},
		{"DROP INDEX i ON t", "(drop-index i t)"},
		{"CALL sys.proc(1, b => 2)", "(call sys.proc 1 (=> b 2))"},
		{"SHOW PROCEDURES IN db", "(show-procedures (in db))"},
		{"DESCRIBE PROCEDURE p", "(describe-procedure p)"},
		{"CREATE MATERIALIZED VIEW mv AS SELECT 1", "(create-materialized-view (create-table mv (select 1)))"},
		{"CREATE STREAMING TABLE st (a INT) USING delta", "(create-streaming-table (create-table st (columns (a INT)) (using delta)))"},
		{"CREATE FLOW f AS INSERT INTO t SELECT 1", "(create-flow f (insert t (select 1)))"},
		{"CREATE TABLE t (a INT PRIMARY KEY, b INT REFERENCES u (x), CONSTRAINT c CHECK (a > 0), UNIQUE (b)) USING parquet",
			"(create-table t (columns (a INT (primary-key)) (b INT (foreign-key (references u (x))))) (using parquet) " +
				"(check (name c) (> a 0)) (unique (b)))"},
		{"CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 2)) USING delta",
			"(create-table t (columns (id BIGINT (identity (start 1) (step 2)))) (using delta))"},
		{"CREATE TABLE t (a INT) USING parquet OPTIONS (a = 1 + 1) DEFAULT COLLATION UTF8_BINARY",
			"(create-table t (columns (a INT)) (using parquet) (options (= a (+ 1 1))) (default-collation UTF8_BINARY))"},
	})
	checkErrorClasses(t, []struct {
		sql, class string
		col        int
	}{
		{"CREATE ROLE admin", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"GRANT SELECT ON t TO u", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"COMMIT", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"SET ROLE admin", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"CREATE INDEX i", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"CREATE TABLE t (a INT NOT NULL NOT NULL)", "CREATE_TABLE_COLUMN_DESCRIPTOR_DUPLICATE", 32},
		{"CREATE TABLE t (a INT PRIMARY KEY, PRIMARY KEY (a))", "MULTIPLE_PRIMARY_KEYS", 17},
		{"CREATE TABLE t (a STRING GENERATED ALWAYS AS IDENTITY)", "IDENTITY_COLUMNS_UNSUPPORTED_DATA_TYPE", 26},
		{"CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY (INCREMENT BY 0))", "IDENTITY_COLUMNS_ILLEGAL_STEP", 23},
		{"CREATE TABLE t (a INT, CHECK (a > 0) ENFORCED NOT ENFORCED)", "INVALID_CONSTRAINT_CHARACTERISTICS", 47},
		{"CREATE TABLE t (a INT) USING x PARTITIONED BY (a) CLUSTER BY (a)", "SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED", 1},
		{"CREATE TABLE t (a INT) SKEWED BY (a) ON (1)", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"WITH r MAX RECURSION LEVEL 3 AS (SELECT 1) SELECT 1", "_LEGACY_ERROR_TEMP_0035", 1},
		{"CREATE VIEW v PARTITIONED ON (a) AS SELECT 1", "INVALID_STATEMENT_OR_CLAUSE", 1},
		{"CREATE TEMPORARY VIEW db.v AS SELECT 1", "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", 1},
		{"CREATE TEMPORARY VIEW v WITH SCHEMA BINDING AS SELECT 1", "UNSUPPORTED_FEATURE.TEMPORARY_VIEW_WITH_SCHEMA_BINDING_MODE", 1},
		{"SHOW FOO FUNCTIONS", "INVALID_SQL_SYNTAX.SHOW_FUNCTIONS_INVALID_SCOPE", 6},
		{"REFRESH", "_LEGACY_ERROR_TEMP_0064", 1},
		{"VALUES (1, 2), (3)", "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", 1},
		{"DECLARE VARIABLE a, b", "INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED", 1},
	})
}

func TestExpressionAdditions(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"SELECT v:a.b[0], v:['k'], v:[1].x::int, v:`odd name` FROM t",
			`(select (: v "$.a.b[0]") (: v "$['k']") (:: (: v "$[1].x") INT) (: v "$.odd name") (from (table t)))`},
		{"SELECT NULL:a AS b", `(select (alias (: null "$.a") b))`},
		{"SELECT TIME '12:00:00', CAST(x AS TIME(3)), CAST(y AS TIMESTAMP WITHOUT TIME ZONE)",
			`(select (time "12:00:00") (cast x TIME(3)) (cast y TIMESTAMP WITHOUT TIME ZONE))`},
		{"SELECT CAST(z AS GEOMETRY(4326)), w::GEOGRAPHY(ANY)", "(select (cast z GEOMETRY(4326)) (:: w GEOGRAPHY(ANY)))"},
		{"SELECT TIME'11:59:59 PM', TIME '0:0:0'", `(select (time "11:59:59 PM") (time "0:0:0"))`},
	}
	for _, tt := range tests {
		st, err := ParseStatement(tt.sql)
		if err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
			continue
		}
		if got := ast.Sexpr(st); got != tt.want {
			t.Errorf("ParseStatement(%q):\n got %s\nwant %s", tt.sql, got, tt.want)
		}
		if err := checkPositions(tt.sql, st); err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
		}
	}
	st, _ := ParseStatement("SELECT v:a.`b.c`, v:['x y'] FROM t")
	sel := st.(*ast.Query).Body.(*ast.Select)
	if e := sel.Items[0].(*ast.SemiStructuredExtract); e.Name != "c" || len(e.Steps) != 2 || e.Steps[1].Name != "b.c" {
		t.Errorf("extract name %q steps %d", e.Name, len(e.Steps))
	}
	if e := sel.Items[1].(*ast.SemiStructuredExtract); e.Name != "x y" || e.Steps[0].Kind != ast.PathKey {
		t.Errorf("extract name %q", e.Name)
	}
	checkErrorClasses(t, []struct {
		sql, class string
		col        int
	}{
		{"SELECT v:['a''b'] FROM t", "PARSE_SYNTAX_ERROR", 8},
		{`SELECT v:["a"] FROM t`, "PARSE_SYNTAX_ERROR", 8},
		{"SELECT v:a[i] FROM t", "PARSE_SYNTAX_ERROR", 8},
		{"SELECT CAST(x AS TIME(9))", "UNSUPPORTED_TIME_PRECISION", 18},
		{"SELECT TIME '25:00:00'", "INVALID_TYPED_LITERAL", 8},
		{"SELECT TIME '2020-01-01 10:00:00'", "INVALID_TYPED_LITERAL", 8},
		{"SELECT CAST(x AS GEOMETRY)", "UNSUPPORTED_DATATYPE", 18},
		{"SELECT CAST(x AS GEOMETRY(1, 2))", "UNSUPPORTED_DATATYPE", 18},
	})
}

func TestStreamingRelations(t *testing.T) {
	checkStatements(t, []struct{ sql, want string }{
		{"SELECT * FROM STREAM t WITH ('a' = 'b') WATERMARK ts DELAY OF INTERVAL 1 MINUTE AS s",
			`(select * (from (stream-table t (options (= "a" "b")) (watermark ts (interval (1 MINUTE))) (as s))))`},
		{"SELECT * FROM STREAM (db.t) x", "(select * (from (stream-table db.t (as x))))"},
		{"SELECT * FROM t WATERMARK ts AS e DELAY OF INTERVAL '10' SECOND w",
			`(select * (from (table t (watermark (alias ts e) (interval ("10" SECOND))) (as w))))`},
		{"SELECT * FROM (SELECT 1 ts) WATERMARK ts DELAY OF INTERVAL 1 SECOND",
			"(select * (from (subquery (select (alias 1 ts)) (watermark ts (interval (1 SECOND))))))"},
		{"SELECT * FROM range(3) WATERMARK id DELAY OF INTERVAL 1 DAY",
			"(select * (from (tvf (call range 3) (watermark id (interval (1 DAY))))))"},
		// Without a name after it, STREAM is a table name; WATERMARK
		// without a clause after it is an alias.
		{"SELECT * FROM stream", "(select * (from (table stream)))"},
		{"SELECT * FROM t watermark", "(select * (from (table t (as watermark))))"},
	})
}
