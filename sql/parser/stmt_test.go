package parser

import (
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

func TestParseNonQueryStatements(t *testing.T) {
	tests := []struct{ sql, want string }{
		// INSERT.
		{"INSERT INTO t VALUES (1)", "(insert t (values (paren 1)))"},
		{"INSERT OVERWRITE TABLE db.t PARTITION (p = 1, q = 'a') IF NOT EXISTS SELECT * FROM s",
			"(insert overwrite db.t (partition (= p 1) (= q \"a\")) if-not-exists (select * (from (table s))))"},
		{"INSERT OVERWRITE TABLE db.t PARTITION (p = 1, q) SELECT * FROM s",
			"(insert overwrite db.t (partition (= p 1) q) (select * (from (table s))))"},
		{"INSERT INTO t (a, b) SELECT 1, 2", "(insert t (columns a b) (select 1 2))"},
		{"INSERT INTO t BY NAME SELECT 1 AS a", "(insert t by-name (select (alias 1 a)))"},
		{"INSERT INTO t REPLACE WHERE a > 1 SELECT 1", "(insert t (replace-where (> a 1)) (select 1))"},
		{"INSERT INTO t PARTITION (p = DEFAULT) VALUES (1)", "(insert t (partition (= p default)) (values (paren 1)))"},
		// CREATE TABLE.
		{"CREATE TABLE t (a INT NOT NULL COMMENT 'x', b STRING DEFAULT 'd') USING parquet",
			`(create-table t (columns (a INT not-null (comment "x")) (b STRING (default "d"))) (using parquet))`},
		{"CREATE OR REPLACE TABLE t (a INT) USING csv", ""},
		{"CREATE TABLE IF NOT EXISTS t (a INT GENERATED ALWAYS AS (b + 1)) USING delta PARTITIONED BY (a, years(ts)) " +
			"OPTIONS (k 'v') LOCATION '/p' COMMENT 'c' TBLPROPERTIES ('x' = 1)",
			`(create-table if-not-exists t (columns (a INT (generated (+ b 1)))) (using delta) (options (= k "v")) ` +
				`(partitioned-by a (call years ts)) (location "/p") (comment "c") (tblproperties (= "x" 1)))`},
		{"CREATE TABLE t USING parquet CLUSTERED BY (a) SORTED BY (b DESC) INTO 4 BUCKETS AS SELECT 1 a, 2 b",
			"(create-table t (using parquet) (clustered-by a (sorted-by (sort b desc)) 4) (select (alias 1 a) (alias 2 b)))"},
		{"CREATE TABLE t (a INT) PARTITIONED BY (p STRING) STORED AS PARQUET",
			"(create-table t (columns (a INT)) (partitioned-by (p STRING)) (stored-as PARQUET))"},
		{"CREATE TABLE t LIKE s USING parquet", "(create-table t (like s) (using parquet))"},
		{"REPLACE TABLE t (a INT) USING parquet", "(replace-table t (columns (a INT)) (using parquet))"},
		{"CREATE TABLE t AS SELECT 1", "(create-table t (select 1))"},
		// Views and DROP.
		{"CREATE OR REPLACE GLOBAL TEMPORARY VIEW v (a COMMENT 'x', b) COMMENT 'c' AS SELECT 1, 2",
			`(create-view or-replace global temporary v (columns (a "x") b) (comment "c") (select 1 2))`},
		{"CREATE VIEW v WITH SCHEMA TYPE EVOLUTION AS SELECT 1", "(create-view v (schema type-evolution) (select 1))"},
		{"DROP TABLE IF EXISTS db.t PURGE", "(drop-table if-exists db.t purge)"},
		{"DROP VIEW v", "(drop-view v)"},
		{"DROP TEMPORARY VARIABLE IF EXISTS v", "(drop-variable temporary if-exists v)"},
		// SET, RESET, variables.
		{"SET", "(set)"},
		{"SET -v", "(set -v)"},
		{"SET spark.sql.ansi.enabled", `(set "spark.sql.ansi.enabled")`},
		{"SET spark.sql.ansi.enabled = true;", `(set "spark.sql.ansi.enabled" "true")`},
		{"SET a.b=some value with spaces", `(set "a.b" "some value with spaces")`},
		{"SET `a b` = c d", `(set "a b" "c d")`},
		{"SET a.b = `c`", `(set "a.b" "c")`},
		{"SET TIME ZONE LOCAL", "(set-time-zone local)"},
		{"SET TIME ZONE 'UTC'", `(set-time-zone "UTC")`},
		{"SET VAR a = 1, b = DEFAULT", "(set-var (= a 1) (= b default))"},
		{"SET VARIABLE (a, b) = (SELECT 1, 2)", "(set-var (a b) (select 1 2))"},
		{"RESET", "(reset)"},
		{"RESET spark.sql.x", `(reset "spark.sql.x")`},
		{"DECLARE OR REPLACE VARIABLE v INT DEFAULT 1", "(declare or-replace v INT (default 1))"},
		{"DECLARE v = 'x'", `(declare v (default "x"))`},
		{"EXECUTE IMMEDIATE 'SELECT ?' INTO a USING 1 AS x", `(execute-immediate "SELECT ?" (into a) (using (alias 1 x)))`},
		// DESCRIBE, SHOW, EXPLAIN and other commands.
		{"DESC t", "(describe-table t)"},
		{"DESCRIBE TABLE EXTENDED t PARTITION (p = 1)", "(describe-table extended t (partition (= p 1)))"},
		{"DESC t a.b", "(describe-table t (column a.b))"},
		{"DESC EXTENDED t AS JSON", "(describe-table extended t as-json)"},
		{"DESC QUERY SELECT 1", "(describe-query (select 1))"},
		{"DESC SELECT 1", "(describe-query (select 1))"},
		{"DESC FUNCTION EXTENDED abs", "(describe-function extended abs)"},
		{"DESC FUNCTION +", `(describe-function "+")`},
		{"DESCRIBE DATABASE db", "(describe-namespace db)"},
		{"SHOW TABLES IN db LIKE 't*'", `(show-tables (in db) (like "t*"))`},
		{"SHOW COLUMNS IN t", "(show-columns t)"},
		{"SHOW USER FUNCTIONS LIKE 'f'", `(show-functions user (like "f"))`},
		{"SHOW CREATE TABLE t AS SERDE", "(show-create-table t as-serde)"},
		{"SHOW TBLPROPERTIES t ('k')", `(show-tblproperties t (= "k"))`},
		{"SHOW PARTITIONS t PARTITION (p = 1)", "(show-partitions t (partition (= p 1)))"},
		{"SHOW DATABASES", "(show-namespaces)"},
		{"EXPLAIN EXTENDED SELECT 1", "(explain extended (select 1))"},
		{"EXPLAIN INSERT INTO t SELECT 1", "(explain (insert t (select 1)))"},
		{"USE db", "(use db)"},
		{"USE NAMESPACE a.b", "(use a.b)"},
		{"CACHE LAZY TABLE c AS SELECT 1", "(cache lazy c (select 1))"},
		{"UNCACHE TABLE IF EXISTS c", "(uncache if-exists c)"},
		{"CLEAR CACHE", "(clear-cache)"},
		{"REFRESH TABLE t", "(refresh t)"},
		{"REFRESH /some/path", `(refresh "/some/path")`},
		{"TRUNCATE TABLE t PARTITION (p = 1)", "(truncate t (partition (= p 1)))"},
		{"ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS a, b", "(analyze t (columns a b))"},
		{"ANALYZE TABLES IN db COMPUTE STATISTICS NOSCAN", "(analyze tables db noscan)"},
		{"WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c", "(insert (with (cte c (select 1))) t (select * (from (table c))))"},
	}
	for _, tt := range tests {
		st, err := ParseStatement(tt.sql)
		if err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
			continue
		}
		if _, ok := st.(*ast.Query); ok {
			t.Errorf("ParseStatement(%q) is a query", tt.sql)
		}
		if tt.want == "" {
			continue
		}
		if got := ast.Sexpr(st); got != tt.want {
			t.Errorf("ParseStatement(%q):\n got %s\nwant %s", tt.sql, got, tt.want)
		}
		if !st.Pos().IsValid() || st.End().Offset != len(trimSemis(tt.sql)) {
			t.Errorf("ParseStatement(%q): positions %v..%v", tt.sql, st.Pos(), st.End())
		}
	}
}

func trimSemis(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ';' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}

func TestStatementFields(t *testing.T) {
	st, err := ParseStatement("INSERT INTO `my db`.t PARTITION (p = 'x') (a) VALUES (1)")
	if err != nil {
		t.Fatal(err)
	}
	ins := st.(*ast.Insert)
	if got := ast.NameParts(ins.Table); len(got) != 2 || got[0] != "my db" || got[1] != "t" {
		t.Errorf("table: %v", got)
	}
	if ins.Table[1].Pos().Column != 21 || ins.Partition.Items[0].Value.(*ast.Literal).Value != "x" {
		t.Errorf("positions or partition value wrong: %v %v", ins.Table[1].Pos(), ins.Partition.Items[0].Value)
	}
	ct, err := ParseStatement("CREATE TABLE t (m MAP<STRING, INT>) USING json")
	if err != nil {
		t.Fatal(err)
	}
	col := ct.(*ast.CreateTable).Columns[0]
	if col.Type.Name != "MAP" || col.Type.Value.Name != "INT" {
		t.Errorf("column type: %s", ast.DataTypeString(col.Type))
	}
	var n int
	ast.Inspect(ct, func(ast.Node) bool { n++; return true })
	if n < 6 {
		t.Errorf("Walk visited %d nodes", n)
	}
}

func TestStatementErrorClasses(t *testing.T) {
	tests := []struct{ sql, class string }{
		{"SET a b = `c` `d`", "INVALID_SET_SYNTAX"},
		{"SET a b = `c`;x", "INVALID_SET_SYNTAX"},
		{"SET a b = `c`", "INVALID_PROPERTY_KEY"},
		{"CREATE OR REPLACE TABLE IF NOT EXISTS t (a INT) USING csv", "PARSE_SYNTAX_ERROR"},
		{"SET 1 a = `c`", "INVALID_PROPERTY_KEY"},
		{"SET VARIABLE () = (SELECT 1)", "INVALID_SET_SYNTAX"},
		{"RESET a b", "INVALID_RESET_COMMAND_FORMAT"},
		{"DECLARE v", "INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED"},
		{"CREATE TABLE t (a INT) USING x OPTIONS (a 1) OPTIONS (b 2)", "DUPLICATE_CLAUSES"},
		{"CREATE VIEW v COMMENT 'a' COMMENT 'b' AS SELECT 1", "DUPLICATE_CLAUSES"},
		{"DESC t AS JSON", "DESCRIBE_JSON_NOT_EXTENDED"},
		{"DESC EXTENDED t a AS JSON", "UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_JSON"},
		{"DESC t PARTITION (p)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE"},
		{"EXECUTE IMMEDIATE 'SELCT 1'", "PARSE_SYNTAX_ERROR"},
		{"EXECUTE IMMEDIATE 'SELECT ?' USING 1 AS a, 2 AS a", "EXEC_IMMEDIATE_DUPLICATE_ARGUMENT_ALIASES"},
		{"ANALYZE TABLE t COMPUTE STATISTICS foo", "INVALID_SQL_SYNTAX.ANALYZE_TABLE_UNEXPECTED_NOSCAN"},
		{"DROP TABLE", "PARSE_SYNTAX_ERROR"},
		{"INSERT t VALUES (1)", "PARSE_SYNTAX_ERROR"},
		{"CREATE VIEW v", "PARSE_SYNTAX_ERROR"},
	}
	for _, tt := range tests {
		_, err := ParseStatement(tt.sql)
		got := ""
		if err != nil {
			got = err.(*Error).Class
		}
		if got != tt.class {
			t.Errorf("ParseStatement(%q): got %q (%v), want %q", tt.sql, got, err, tt.class)
		}
	}
	_, err := Options{DisableViewSchemaBinding: true}.ParseStatement("CREATE VIEW v WITH SCHEMA BINDING AS SELECT 1")
	if err == nil || err.(*Error).Class != "FEATURE_NOT_ENABLED" {
		t.Errorf("WITH SCHEMA with binding disabled: %v", err)
	}
}
