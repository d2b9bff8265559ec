package astlower_test

import (
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// expr COLLATE name lowers to collate(expr, name), the name as written.
func TestLowerCollate(t *testing.T) {
	p, ok := lower(t, "SELECT a COLLATE system.builtin.utf8_lcase").(*plan.Project)
	if !ok {
		t.Fatalf("got %T", p)
	}
	if got := p.Exprs[0].String(); got != "collate(a, system.builtin.utf8_lcase)" {
		t.Errorf("got %s", got)
	}
}

// A view's DEFAULT COLLATION reaches its string literals and STRING casts, in subqueries
// too, and leaves explicit collations alone (view-with-default-collation.sql).
func TestLowerViewDefaultCollation(t *testing.T) {
	cv := lower(t, `CREATE VIEW v DEFAULT COLLATION utf8_lcase AS SELECT 'a', CAST(1 AS STRING), `+
		`CAST('b' AS STRING COLLATE unicode), (SELECT 'c') AS c`).(*plan.CreateView)
	lcase := types.StringType{Collation: "UTF8_LCASE"}
	exprs := cv.Query.(*plan.Project).Exprs
	if l, ok := exprs[0].(*plan.Literal); !ok || !types.Equal(l.Type, lcase) || l.String() != "'a' collate UTF8_LCASE" {
		t.Errorf("literal: %#v", exprs[0])
	}
	if c, ok := exprs[1].(*plan.Cast); !ok || !types.Equal(c.To, lcase) {
		t.Errorf("cast: %#v", exprs[1])
	}
	if c, ok := exprs[2].(*plan.Cast); !ok || !types.Equal(c.To, types.StringType{Collation: "UNICODE"}) {
		t.Errorf("explicit cast: %#v", exprs[2])
	}
	sub := exprs[3].(*plan.Alias).Child.(*plan.ScalarSubquery).Query.Plan.(*plan.Project).Exprs[0]
	if l, ok := sub.(*plan.Literal); !ok || !types.Equal(l.Type, lcase) {
		t.Errorf("subquery literal: %#v", sub)
	}
	plain := lower(t, `CREATE VIEW v DEFAULT COLLATION UTF8_BINARY AS SELECT 'a'`).(*plan.CreateView)
	if l := plain.Query.(*plan.Project).Exprs[0].(*plan.Literal); !types.Equal(l.Type, types.String) || l.String() != "a" {
		t.Errorf("UTF8_BINARY view: %#v", l)
	}
}

// A table's DEFAULT COLLATION applies to the STRING columns written without COLLATE.
func TestLowerTableDefaultCollation(t *testing.T) {
	ct := lower(t, `CREATE TABLE t (a STRING, b STRING COLLATE UTF8_BINARY, c ARRAY<STRING>, d INT) DEFAULT COLLATION unicode_ci`).(*plan.CreateTable)
	ci := types.StringType{Collation: "UNICODE_CI"}
	want := []types.DataType{ci, types.String, types.ArrayType{ElementType: ci, ContainsNull: true}, types.Integer}
	for i, f := range ct.Schema.Fields {
		if !types.Equal(f.DataType, want[i]) {
			t.Errorf("%s: got %s, want %s", f.Name, f.DataType, want[i])
		}
	}
}
