package executor

import (
	"testing"
)

func TestPersistentViewsSurviveRestart(t *testing.T) {
	wh := t.TempDir()
	r := newWarehouseRunner(t, wh)
	r.exec("CREATE DATABASE d1")
	r.exec("USE d1")
	r.exec("CREATE TABLE t (a INT) USING parquet")
	r.exec("INSERT INTO t VALUES (1), (2)")
	r.exec("CREATE VIEW v AS SELECT a * 10 AS b FROM t")
	r.exec("USE default")
	r.exec("CREATE TABLE t (a INT) USING parquet") // default.t: d1.v must not see it
	r.exec("INSERT INTO t VALUES (7)")
	// The view's names resolve in the database current at its creation.
	if got := rowsText(r.query("SELECT * FROM d1.v")); got != "10;20" {
		t.Fatalf("d1.v = %s", got)
	}
	r.exec("CREATE VIEW w (x COMMENT 'plus one') COMMENT 'a view' AS WITH q AS (SELECT a FROM d1.t) SELECT a + 1 FROM q")
	r.exec("CREATE VIEW gone AS SELECT 1 AS one")
	r.exec("ALTER VIEW d1.v AS SELECT a * 100 AS b FROM d1.t")

	r2 := newWarehouseRunner(t, wh)
	if got := rowsText(r2.query("SELECT * FROM d1.v")); got != "100;200" {
		t.Errorf("d1.v after restart = %s", got)
	}
	if got := rowsText(r2.query("SELECT x FROM w")); got != "2;3" {
		t.Errorf("w after restart = %s", got)
	}
	if got := rowsText(r2.query("SHOW VIEWS")); got != "default gone false;default w false" {
		t.Errorf("SHOW VIEWS after restart = %s", got)
	}
	info := map[string]string{}
	for _, row := range r2.query("DESC EXTENDED w") {
		if k, ok := row[0].(string); ok {
			if v, ok := row[1].(string); ok {
				info[k] = v
			}
		}
	}
	for k, want := range map[string]string{"Type": "VIEW", "Comment": "a view", "View Text": "WITH q AS (SELECT a FROM d1.t) SELECT a + 1 FROM q",
		"View Catalog and Namespace": "spark_catalog.default", "x": "int"} {
		if info[k] != want {
			t.Errorf("DESC EXTENDED w: %s = %q, want %q", k, info[k], want)
		}
	}
	r2.exec("DROP VIEW gone")
	r3 := newWarehouseRunner(t, wh)
	if got := rowsText(r3.query("SHOW VIEWS")); got != "default w false" {
		t.Errorf("SHOW VIEWS after drop and restart = %s", got)
	}
}
