package catalog

import (
	"errors"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func errorClass(err error) string {
	var se *sparkerror.Error
	if errors.As(err, &se) {
		return se.Class
	}
	return ""
}

func TestResolveNamespace(t *testing.T) {
	cases := []struct {
		name  []string
		want  string
		class string
	}{
		{[]string{"db"}, "db", ""},
		{[]string{"spark_catalog", "db"}, "db", ""},
		{[]string{"SPARK_CATALOG", "db"}, "db", ""},
		{[]string{"other", "db"}, "", "REQUIRES_SINGLE_PART_NAMESPACE"},
		{[]string{"spark_catalog", "a", "b"}, "", "REQUIRES_SINGLE_PART_NAMESPACE"},
	}
	for _, c := range cases {
		got, err := ResolveNamespace(c.name)
		if got != c.want || errorClass(err) != c.class {
			t.Errorf("ResolveNamespace(%v) = %q, %v; want %q, %s", c.name, got, err, c.want, c.class)
		}
	}
}

func TestAlterAndRenameTable(t *testing.T) {
	s := New().NewSession()
	st := types.NewStruct().Add(types.NewField("a", types.Integer, true))
	tn := TableName{Database: "default", Name: "T1"}
	if _, err := s.CreateTable(tn, &Table{Schema: st, Provider: "parquet", Props: map[string]string{"k": "v"}}, false, false); err != nil {
		t.Fatal(err)
	}
	old := s.Table(tn)
	if old.Name != "t1" {
		t.Errorf("table name = %q, want it in lower case", old.Name)
	}
	err := s.AlterTable(tn, func(c *Table) error {
		c.Props["k"] = "changed"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if old.Props["k"] != "v" || s.Table(tn).Props["k"] != "changed" {
		t.Errorf("AlterTable must change a copy: old %v, new %v", old.Props, s.Table(tn).Props)
	}
	if s.Table(tn).data != old.data {
		t.Errorf("AlterTable must keep sharing the data")
	}
	if err := s.RenameTable(tn, TableName{Database: "default", Name: "t2"}); err != nil {
		t.Fatal(err)
	}
	if s.Table(tn) != nil || s.Table(TableName{Database: "default", Name: "t2"}) == nil {
		t.Errorf("rename did not move the table")
	}
	if err := s.AlterTable(tn, func(*Table) error { return nil }); errorClass(err) != "TABLE_OR_VIEW_NOT_FOUND" {
		t.Errorf("AlterTable of a missing table = %v", err)
	}
	if _, err := s.Database("nope"); errorClass(err) != "SCHEMA_NOT_FOUND" {
		t.Errorf("Database(nope) = %v", err)
	}
}
