package executor

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// classes lists an error's class and the classes of its causes.
func classes(err error) []string {
	var out []string
	for err != nil {
		var se *sparkerror.Error
		if !errors.As(err, &se) {
			break
		}
		out = append(out, se.Class)
		err = se.Cause
	}
	return out
}

// Bad input fails with Spark's error class and changes nothing.
func TestBadInputErrors(t *testing.T) {
	wh := t.TempDir()
	r := newWarehouseRunner(t, wh)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "bad.csv")
	jsonPath := filepath.Join(dir, "bad.json")
	os.WriteFile(csvPath, []byte("a,b\n1,2\nx,y\n3,4\n"), 0o644)
	os.WriteFile(jsonPath, []byte("{\"a\":1}\n{\"a\":\n{\"a\":3}\n"), 0o644)
	r.exec("CREATE TABLE t (a INT, b STRING) USING parquet")
	r.exec("INSERT INTO t VALUES (1, 'one')")
	r.exec("CREATE TEMPORARY VIEW c1 (a INT, b INT) USING csv OPTIONS (path '" + csvPath + "', header 'true', mode 'FAILFAST')")
	r.exec("CREATE TEMPORARY VIEW j1 (a INT) USING json OPTIONS (path '" + jsonPath + "', mode 'FAILFAST')")
	r.exec("CREATE TEMPORARY VIEW c2 (a INT, b INT) USING csv OPTIONS (path '" + csvPath + "', header 'true', mode 'DROPMALFORMED')")
	if got := rowsText(r.query("SELECT * FROM c2")); got != "1 2;3 4" {
		t.Errorf("DROPMALFORMED rows = %s", got)
	}
	for _, tc := range []struct {
		sql     string
		classes string // the error's class, then its causes' (a prefix)
	}{
		{"SELECT * FROM parquet.`" + filepath.Join(dir, "nope") + "`", "PATH_NOT_FOUND"},
		{"CREATE TEMPORARY VIEW m USING csv OPTIONS (path '" + filepath.Join(dir, "nope") + "')", "PATH_NOT_FOUND"},
		{"SELECT * FROM c1", "FAILED_READ_FILE.NO_HINT,MALFORMED_RECORD_IN_PARSING"},
		{"SELECT * FROM j1", "FAILED_READ_FILE.NO_HINT,MALFORMED_RECORD_IN_PARSING"},
		{"INSERT INTO t SELECT 2", "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"},
		{"INSERT INTO t SELECT 2, 'two', 3", "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"},
		{"INSERT INTO t SELECT array(2), 'two'", "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST"},
		{"INSERT INTO t SELECT a, b FROM c1", "FAILED_READ_FILE.NO_HINT,MALFORMED_RECORD_IN_PARSING"},
		{"CREATE TABLE f USING nosuchformat AS SELECT 1 AS x", "DATA_SOURCE_NOT_FOUND"},
		{"CREATE TABLE g (x INT) USING nosuchformat", "DATA_SOURCE_NOT_FOUND"},
		{"CREATE TEMPORARY VIEW o USING csv OPTIONS (path '" + csvPath + "', sep '')", "INVALID_DELIMITER_VALUE.EMPTY_STRING"},
	} {
		_, _, err := r.run(tc.sql)
		if got := strings.Join(classes(err), ","); !strings.HasPrefix(got, tc.classes) {
			t.Errorf("%s:\n got %s (%v)\nwant %s", tc.sql, got, err, tc.classes)
		}
	}
	// Nothing was half-written: t has its one row, f and g do not exist (nor their files).
	if got := rowsText(r.query("SELECT * FROM t")); got != "1 one" {
		t.Errorf("t after failed inserts = %s", got)
	}
	for _, name := range []string{"f", "g", "m", "o"} {
		if rel, _ := r.s.Catalog.LookupRelation([]string{name}); rel != nil {
			t.Errorf("%s exists after a failed CREATE", name)
		}
		if _, err := os.Stat(filepath.Join(wh, name)); err == nil {
			t.Errorf("%s has a directory after a failed CREATE", name)
		}
	}
}

// df.write.mode("append").saveAsTable checks the data against the existing table as
// Spark's PreprocessTableCreation does, and appends by name.
func TestSaveAsTableAppendChecks(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (a INT, b STRING) USING parquet")
	r.exec("CREATE VIEW v AS SELECT 1 AS a")
	save := func(q, provider string, parts ...string) error {
		return r.x.createTable(t.Context(), r.s, &plan.CreateTable{Name: []string{"t"}, Query: r.lowered(q), Provider: provider,
			Partition: parts, Mode: "append"})
	}
	if err := save("SELECT 'x' AS b, 7 AS a", ""); err != nil {
		t.Fatal(err)
	}
	if got := rowsText(r.query("SELECT a, b FROM t")); got != "7 x" {
		t.Errorf("appended by name: %s", got)
	}
	for _, tc := range []struct {
		q, provider, class, message string
		parts                       []string
	}{
		{"SELECT 1 AS a", "", "_LEGACY_ERROR_TEMP_1161",
			"The column number of the existing table default.t (struct<a:int,b:string>) doesn't match the data schema (struct<a:int>).", nil},
		{"SELECT 1 AS a, 'q' AS c", "", "_LEGACY_ERROR_TEMP_1162", "Cannot resolve 'b' given input columns: [a, c].", nil},
		{"SELECT 1 AS a, 'q' AS b", "csv", "_LEGACY_ERROR_TEMP_1159",
			"The format of the existing table default.t is `ParquetFileFormat`. It doesn't match the specified format `CSVFileFormat`.", nil},
		{"SELECT 1 AS a, 'q' AS b", "", "_LEGACY_ERROR_TEMP_1163",
			"Specified partitioning does not match that of the existing table default.t.\nSpecified partition columns: [a].\nExisting partition columns: [].", []string{"a"}},
	} {
		err := save(tc.q, tc.provider, tc.parts...)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != tc.class || se.Message != tc.message {
			t.Errorf("%s: %v, want %s %q", tc.q, err, tc.class, tc.message)
		}
	}
	err := r.x.createTable(t.Context(), r.s, &plan.CreateTable{Name: []string{"v"}, Query: r.lowered("SELECT 1 AS a"), Mode: "append"})
	var se *sparkerror.Error
	if !errors.As(err, &se) || se.Class != "_LEGACY_ERROR_TEMP_1158" {
		t.Errorf("append to a view: %v", err)
	}
	if got := rowsText(r.query("SELECT a, b FROM t")); got != "7 x" {
		t.Errorf("t after failed appends: %s", got)
	}
}
