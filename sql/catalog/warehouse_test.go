package catalog

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

func int32Batch(t *testing.T, st *types.StructType, cols ...[]int32) arrow.RecordBatch {
	t.Helper()
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i, c := range cols {
		b.Field(i).(*array.Int32Builder).AppendValues(c, nil)
	}
	return b.NewRecordBatch()
}

// dataFiles lists the visible data files below dir.
func dataFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), "part-") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.Dir(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func TestWarehouseSurvivesRestart(t *testing.T) {
	wh := t.TempDir()
	c := New()
	if err := c.OpenWarehouse(wh); err != nil {
		t.Fatal(err)
	}
	s := c.NewSession()
	if err := s.CreateDatabase(&Database{Name: "Sales", Comment: "the sales"}, false); err != nil {
		t.Fatal(err)
	}
	st := types.NewStruct().Add(types.NewField("a", types.Integer, true)).Add(types.NewField("p", types.Integer, true))
	tbl := &Table{Schema: st, Provider: "parquet", PartitionColumns: []string{"p"}, Props: map[string]string{"k": "v"}}
	if _, err := s.CreateTable(TableName{Database: "sales", Name: "T"}, tbl, false, false); err != nil {
		t.Fatal(err)
	}
	if err := tbl.Write(context.Background(), []arrow.RecordBatch{int32Batch(t, st, []int32{1, 2, 3}, []int32{1, 1, 2})}, false, nil); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(wh, "sales.db", "t")
	if got := dataFiles(t, dir); !slices.Equal(got, []string{"p=1", "p=2"}) {
		t.Fatalf("files %v", got)
	}
	if tbl.Cold() || len(tbl.Batches()) != 1 {
		t.Fatalf("a table written in this run keeps its rows in memory")
	}
	// A table of a type Parquet cannot hold stays in memory, and is not persisted.
	iv := types.NewStruct().Add(types.NewField("i", types.CalendarInterval, true))
	if _, err := s.CreateTable(TableName{Database: "sales", Name: "mem"}, &Table{Schema: iv, Provider: "parquet"}, false, false); err != nil {
		t.Fatal(err)
	}
	if err := s.AlterTable(TableName{Database: "sales", Name: "t"}, func(t *Table) error {
		t.Props["k2"] = "v2"
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// A new catalog over the same warehouse.
	c2 := New()
	if err := c2.OpenWarehouse(wh); err != nil {
		t.Fatal(err)
	}
	s2 := c2.NewSession()
	if got := s2.Databases(); !slices.Equal(got, []string{"default", "sales"}) {
		t.Fatalf("databases %v", got)
	}
	d, err := s2.Database("sales")
	if err != nil || d.Comment != "the sales" {
		t.Fatalf("database %+v %v", d, err)
	}
	back := s2.Table(TableName{Database: "sales", Name: "t"})
	if back == nil || s2.Table(TableName{Database: "sales", Name: "mem"}) != nil {
		t.Fatalf("tables after restart: t=%v", back)
	}
	if !back.Cold() || back.Schema.SimpleString() != st.SimpleString() || back.Props["k2"] != "v2" || !slices.Equal(back.PartitionColumns, []string{"p"}) {
		t.Fatalf("table after restart %+v", back)
	}
	rel, err := s2.LookupRelation([]string{"sales", "t"})
	if err != nil {
		t.Fatal(err)
	}
	read, ok := rel.View.(*plan.DataSourceRead)
	if !ok || read.Format != "parquet" || read.Paths[0] != dir || read.Schema != back.Schema {
		t.Fatalf("cold relation %+v", rel)
	}
	// Writes to a cold table go to the files only.
	if err := back.Write(context.Background(), []arrow.RecordBatch{int32Batch(t, st, []int32{4}, []int32{3})}, false, nil); err != nil {
		t.Fatal(err)
	}
	if got := dataFiles(t, dir); !slices.Equal(got, []string{"p=1", "p=2", "p=3"}) {
		t.Fatalf("files after append %v", got)
	}
	if len(back.Batches()) != 0 {
		t.Fatal("a cold table keeps no rows in memory")
	}
	// Rename moves the managed directory; drop removes it with the metadata.
	if err := s2.RenameTable(TableName{Database: "sales", Name: "t"}, TableName{Database: "sales", Name: "u"}); err != nil {
		t.Fatal(err)
	}
	udir := filepath.Join(wh, "sales.db", "u")
	if _, err := os.Stat(udir); err != nil {
		t.Fatal(err)
	}
	if !s2.DropTable(TableName{Database: "sales", Name: "u"}) {
		t.Fatal("drop")
	}
	if _, err := os.Stat(udir); !os.IsNotExist(err) {
		t.Fatalf("dropped table's files: %v", err)
	}
	if err := s2.DropDatabase("sales", false, true); err != nil {
		t.Fatal(err)
	}
	c3 := New()
	if err := c3.OpenWarehouse(wh); err != nil {
		t.Fatal(err)
	}
	if got := c3.NewSession().Databases(); !slices.Equal(got, []string{"default"}) {
		t.Fatalf("databases after drop %v", got)
	}
}

func TestExternalTableOverExistingFilesIsCold(t *testing.T) {
	wh, ext := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(ext, "data.csv"), []byte("1\n2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := New()
	if err := c.OpenWarehouse(wh); err != nil {
		t.Fatal(err)
	}
	s := c.NewSession()
	st := types.NewStruct().Add(types.NewField("a", types.Integer, true))
	tbl := &Table{Schema: st, Provider: "csv", Location: ext}
	if _, err := s.CreateTable(TableName{Database: "default", Name: "e"}, tbl, false, false); err != nil {
		t.Fatal(err)
	}
	if !tbl.Cold() || tbl.Dir() != ext {
		t.Fatalf("external table: cold=%v dir=%s", tbl.Cold(), tbl.Dir())
	}
	s.DropTable(TableName{Database: "default", Name: "e"})
	if _, err := os.Stat(filepath.Join(ext, "data.csv")); err != nil {
		t.Fatalf("dropping an external table deleted its files: %v", err)
	}
}

func TestSQLOnFiles(t *testing.T) {
	s := New().NewSession()
	rel, err := s.LookupRelation([]string{"Parquet", "/some/dir"})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := rel.View.(*plan.DataSourceRead); !ok || r.Format != "parquet" || r.Paths[0] != "/some/dir" {
		t.Fatalf("relation %+v", rel)
	}
	if _, err := s.LookupRelation([]string{"csv", ""}); errorClass(err) != "INVALID_EMPTY_LOCATION" {
		t.Fatalf("empty path: %v", err)
	}
	if rel, err := s.LookupRelation([]string{"nosuchformat", "x"}); rel != nil || err != nil {
		t.Fatalf("unknown format: %v %v", rel, err)
	}
}
