package executor

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

func TestMultiInsert(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE a (x INT) USING parquet")
	r.exec("CREATE TABLE b (x INT, y STRING) USING parquet")
	r.exec("INSERT INTO b VALUES (9, 'old')")
	r.exec(`FROM (SELECT id FROM range(5)) src
		INSERT INTO a SELECT id WHERE id < 2
		INSERT OVERWRITE TABLE b SELECT id, 'k' WHERE id >= 3 ORDER BY id`)
	if got := rowsText(r.query("SELECT * FROM a")); got != "0;1" {
		t.Errorf("a = %s", got)
	}
	if got := rowsText(r.query("SELECT * FROM b")); got != "3 k;4 k" {
		t.Errorf("b = %s", got)
	}
	// The WITH clause is seen by every insert (cte-command.sql).
	r.exec("WITH s AS (SELECT 45 AS col) FROM s INSERT INTO a SELECT col INSERT INTO b SELECT col, 'w'")
	if got := rowsText(r.query("SELECT * FROM a")); got != "0;1;45" {
		t.Errorf("a = %s", got)
	}
	if got := rowsText(r.query("SELECT * FROM b")); got != "3 k;4 k;45 w" {
		t.Errorf("b = %s", got)
	}
}

func TestInsertOverwriteDirectory(t *testing.T) {
	r := newSQLRunner(t)
	dir := filepath.Join(t.TempDir(), "out")
	r.exec("INSERT OVERWRITE DIRECTORY '" + dir + "' USING json SELECT 1 AS a, 'x' AS b")
	r.exec("INSERT OVERWRITE LOCAL DIRECTORY USING json OPTIONS (path '" + dir + "') SELECT 2 AS a, 'y' AS b")
	if got := rowsText(r.query("SELECT a, b FROM json.`" + dir + "`")); got != "2 y" {
		t.Errorf("directory rows = %s", got)
	}
	csvDir := filepath.Join(t.TempDir(), "csv")
	r.exec("INSERT OVERWRITE DIRECTORY '" + csvDir + "' USING csv OPTIONS (header 'true') SELECT id, id * 2 AS twice FROM range(3)")
	if got := rowsText(r.query("SELECT * FROM csv.`" + csvDir + "` WHERE _c0 != 'id'")); got != "0 0;1 2;2 4" {
		t.Errorf("csv directory rows = %s", got)
	}
	if got := rowsText(r.query("SELECT DISTINCT * FROM csv.`" + csvDir + "` WHERE _c0 = 'id'")); got != "id twice" {
		t.Errorf("csv directory headers = %s", got)
	}
	for _, tc := range []struct{ sql, class string }{
		{"INSERT OVERWRITE LOCAL DIRECTORY '" + dir + "' STORED AS parquet SELECT 1", "NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT"},
		{"INSERT OVERWRITE DIRECTORY '" + dir + "' USING json SELECT * FROM json.`" + dir + "`", "UNSUPPORTED_OVERWRITE.PATH"},
		{"INSERT OVERWRITE DIRECTORY '" + dir + "' USING nosuchformat SELECT 1", "DATA_SOURCE_NOT_FOUND"},
	} {
		_, _, err := r.run(tc.sql)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != tc.class {
			t.Errorf("%s: %v, want %s", tc.sql, err, tc.class)
		}
	}
	// The failed writes left the directory as it was.
	if got := rowsText(r.query("SELECT a, b FROM json.`" + dir + "`")); got != "2 y" {
		t.Errorf("directory rows after failed writes = %s", got)
	}
}
