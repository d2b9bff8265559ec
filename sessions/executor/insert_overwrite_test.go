package executor

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
)

// newWarehouseRunner is a runner whose catalog keeps its tables in the warehouse wh.
func newWarehouseRunner(t *testing.T, wh string) *sqlRunner {
	t.Helper()
	reg, err := sqlconf.NewRegistry(sqlconf.WithSessionTimeZone("UTC"))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.New()
	if err := cat.OpenWarehouse(wh); err != nil {
		t.Fatal(err)
	}
	s := sessions.NewSession("user", "session", "server", sqlconf.New(reg), cat.NewSession())
	t.Cleanup(s.Close)
	return &sqlRunner{t: t, x: New(slog.New(slog.NewTextHandler(io.Discard, nil))), s: s}
}

// rowsText renders rows sorted, one per line.
func rowsText(rows [][]any) string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Trim(fmt.Sprint(r), "[]")
	}
	sort.Strings(out)
	return strings.Join(out, ";")
}

// partitionDirs lists a table directory's partition directories (with files in them).
func partitionDirs(t *testing.T, dir string) string {
	t.Helper()
	seen := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") {
			return nil
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		seen[rel] = true
		return nil
	})
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func TestInsertOverwritePartitions(t *testing.T) {
	wh := t.TempDir()
	r := newWarehouseRunner(t, wh)
	check := func(q, want string) {
		t.Helper()
		if got := rowsText(r.query(q)); got != want {
			t.Errorf("%s:\n got %s\nwant %s", q, got, want)
		}
	}
	r.exec("CREATE TABLE p (a INT, p INT) USING parquet PARTITIONED BY (p)")
	r.exec("INSERT INTO p VALUES (1, 1), (2, 2), (3, 3)")
	// A static partition: only p=2 is replaced (the literal '02' is the INT 2).
	r.exec("INSERT OVERWRITE p PARTITION (p = '02') SELECT 20")
	check("SELECT a, p FROM p", "1 1;20 2;3 3")
	if got := partitionDirs(t, filepath.Join(wh, "p")); got != "p=1,p=2,p=3" {
		t.Errorf("p's partitions: %s", got)
	}
	// An overwrite with no rows empties the partition.
	r.exec("INSERT OVERWRITE TABLE p PARTITION (p = 3) SELECT id FROM range(5) WHERE id > 100")
	check("SELECT a, p FROM p", "1 1;20 2")
	if got := partitionDirs(t, filepath.Join(wh, "p")); got != "p=1,p=2" {
		t.Errorf("p's partitions after emptying p=3: %s", got)
	}

	r.exec("CREATE TABLE q (a INT, x INT, y STRING) USING parquet PARTITIONED BY (x, y)")
	r.exec("INSERT INTO q VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'a')")
	// Static mode with a dynamic column: every partition under x=1 is replaced.
	r.exec("INSERT OVERWRITE q PARTITION (x = 1, y) SELECT 10, 'c'")
	check("SELECT a, x, y FROM q", "10 1 c;3 2 a")
	// Dynamic mode: only the partitions written to.
	r.exec("SET spark.sql.sources.partitionOverwriteMode = dynamic")
	r.exec("INSERT OVERWRITE q PARTITION (x, y) SELECT 30, 2, 'b'")
	check("SELECT a, x, y FROM q", "10 1 c;3 2 a;30 2 b")
	r.exec("INSERT OVERWRITE q SELECT 40, 2, 'a'")
	check("SELECT a, x, y FROM q", "10 1 c;30 2 b;40 2 a")
	if got := partitionDirs(t, filepath.Join(wh, "q")); got != "x=1/y=c,x=2/y=a,x=2/y=b" {
		t.Errorf("q's partitions: %s", got)
	}
	// Back in static mode, an overwrite without PARTITION replaces the table.
	r.exec("SET spark.sql.sources.partitionOverwriteMode = static")
	r.exec("INSERT OVERWRITE q SELECT 50, 5, 'e'")
	check("SELECT a, x, y FROM q", "50 5 e")

	// The files hold the same rows: a new catalog over the warehouse reads them.
	r2 := newWarehouseRunner(t, wh)
	if got := rowsText(r2.query("SELECT a, p FROM p")); got != "1 1;20 2" {
		t.Errorf("p from the files: %s", got)
	}
	if got := rowsText(r2.query("SELECT a, x, y FROM q")); got != "50 5 e" {
		t.Errorf("q from the files: %s", got)
	}
	// A cold (files only) table takes a partition overwrite too.
	r2.exec("INSERT OVERWRITE p PARTITION (p = 1) SELECT 11")
	if got := rowsText(r2.query("SELECT a, p FROM p")); got != "11 1;20 2" {
		t.Errorf("cold p after overwrite: %s", got)
	}
}

func TestInsertPartitionWithColumnList(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (a INT, b STRING, p INT) USING parquet PARTITIONED BY (p)")
	r.exec("INSERT INTO t PARTITION (p = 1) (b, a) SELECT 'x', 5")
	r.exec("INSERT INTO t PARTITION (p = 2) (a) SELECT 6")
	r.exec("INSERT INTO t PARTITION (p) (a, b, p) SELECT 7, 'y', 4")
	r.exec("INSERT OVERWRITE t PARTITION (p = 1) (a) SELECT 50")
	if got := rowsText(r.query("SELECT a, b, p FROM t")); got != "50 <nil> 1;6 <nil> 2;7 y 4" {
		t.Errorf("rows = %s", got)
	}
	r.fails("INSERT INTO t PARTITION (p = 3) (a, p) SELECT 6, 3", "STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST", map[string]string{"staticName": "p"})
	r.fails("INSERT INTO t PARTITION (p = 5) (a, A) SELECT 7, 8", "COLUMN_ALREADY_EXISTS", map[string]string{"columnName": "`a`"})
	r.fails("INSERT INTO t (a, a, p) SELECT 7, 8, 9", "COLUMN_ALREADY_EXISTS", map[string]string{"columnName": "`a`"})
}

func TestInsertOverwriteOfATableItReads(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE t (a INT, p INT) USING parquet PARTITIONED BY (p)")
	r.exec("INSERT INTO t VALUES (1, 1), (2, 2)")
	r.exec("CREATE VIEW v AS SELECT * FROM t")
	params := map[string]string{"table": "`spark_catalog`.`default`.`t`"}
	r.fails("INSERT OVERWRITE t SELECT a + 10, p FROM t", "UNSUPPORTED_OVERWRITE.TABLE", params)
	r.fails("INSERT OVERWRITE t PARTITION (p = 1) SELECT a FROM v", "UNSUPPORTED_OVERWRITE.TABLE", params)
	r.exec("INSERT INTO t SELECT a + 10, p FROM t") // appending what it reads is fine
	err := r.x.createTable(t.Context(), r.s, &plan.CreateTable{Name: []string{"t"}, Query: r.lowered("SELECT * FROM t"), Mode: "overwrite"})
	var se *sparkerror.Error
	if !errors.As(err, &se) || se.Class != "UNSUPPORTED_OVERWRITE.TABLE" {
		t.Errorf("saveAsTable overwrite of a table it reads: %v", err)
	}
	// A dynamic partition overwrite may read its target.
	r.exec("SET spark.sql.sources.partitionOverwriteMode = dynamic")
	r.exec("INSERT OVERWRITE t SELECT max(a) + 100, 2 FROM t")
	if got := rowsText(r.query("SELECT a, p FROM t")); got != "1 1;11 1;112 2" {
		t.Errorf("rows = %s", got)
	}
}

// INSERT OVERWRITE ... PARTITION (...) IF NOT EXISTS writes nothing when a partition matching
// the static values exists (InsertIntoHadoopFsRelationCommand), and otherwise overwrites.
func TestInsertOverwriteIfPartitionNotExists(t *testing.T) {
	for _, wh := range []string{"", t.TempDir()} {
		r := newSQLRunner(t)
		if wh != "" {
			r = newWarehouseRunner(t, wh)
		}
		r.exec("CREATE TABLE ine (v STRING, p INT, q STRING) USING parquet PARTITIONED BY (p, q)")
		r.exec("INSERT INTO ine PARTITION (p = 1, q = 'x') SELECT 'a'")
		r.exec("INSERT OVERWRITE TABLE ine PARTITION (p = 1, q = 'x') IF NOT EXISTS SELECT 'b'")
		r.exec("INSERT OVERWRITE TABLE ine PARTITION (p = 1) IF NOT EXISTS SELECT 'c', 'y'")
		r.exec("INSERT OVERWRITE TABLE ine PARTITION (p = 2, q = 'x') IF NOT EXISTS SELECT 'd'")
		_, rows, err := r.run("SELECT v, p, q FROM ine")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rowsText(rows), "a 1 x;d 2 x"; got != want {
			t.Errorf("warehouse %q: rows %q, want %q", wh, got, want)
		}
		// The query is still analyzed.
		if _, _, err := r.run("INSERT OVERWRITE TABLE ine PARTITION (p = 1, q = 'x') IF NOT EXISTS SELECT nope"); !isClass(err, "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION") {
			t.Errorf("unresolved query: %v", err)
		}
	}
	r := newSQLRunner(t)
	for sql, class := range map[string]string{
		"INSERT INTO t PARTITION (p = 1) IF NOT EXISTS SELECT 1":               "INVALID_STATEMENT_OR_CLAUSE",
		"INSERT OVERWRITE TABLE t PARTITION (p, q = 1) IF NOT EXISTS SELECT 1": "_LEGACY_ERROR_TEMP_0035",
	} {
		if _, _, err := r.run(sql); !isClass(err, class) {
			t.Errorf("%s: %v, want %s", sql, err, class)
		}
	}
}

func isClass(err error, class string) bool {
	var se *sparkerror.Error
	return errors.As(err, &se) && se.Class == class
}
