package astlower_test

import (
	"reflect"
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// findTransform returns the first script transformation of a lowered plan.
func findTransform(n plan.Node) *plan.ScriptTransform {
	if s, ok := n.(*plan.ScriptTransform); ok {
		return s
	}
	for _, c := range n.Children() {
		if s := findTransform(c); s != nil {
			return s
		}
	}
	return nil
}

func TestLowerScriptTransform(t *testing.T) {
	def := plan.DefaultScriptRowFormat()
	cases := []struct {
		sql        string
		columns    []plan.ScriptColumn
		schemaLess bool
		in, out    plan.ScriptRowFormat
		child      string // the Describe of the node under the transformation
		describe   string
	}{
		{sql: "SELECT TRANSFORM(a, b) USING 'cat' FROM t",
			columns:    []plan.ScriptColumn{{Name: "key", Type: types.String, Nullable: true}, {Name: "value", Type: types.String, Nullable: true}},
			schemaLess: true, in: def, out: def, child: "Project [a, b]",
			describe: "ScriptTransformation cat, ['key, 'value], ScriptInputOutputSchema(List(),List(),None,None,List(),List(),None,None,true)"},
		{sql: "SELECT TRANSFORM(a) USING 'cat' AS (x, y) FROM t",
			columns: []plan.ScriptColumn{{Name: "x", Type: types.String, Nullable: true}, {Name: "y", Type: types.String, Nullable: true}},
			in:      def, out: def, child: "Project [a]"},
		// Typed columns; CHAR and VARCHAR read as STRING; NOT NULL kept.
		{sql: "SELECT TRANSFORM(a) USING 'cat' AS (x INT NOT NULL, y CHAR(3), z ARRAY<VARCHAR(2)>) FROM t",
			columns: []plan.ScriptColumn{{Name: "x", Type: types.Integer}, {Name: "y", Type: types.String, Nullable: true},
				{Name: "z", Type: types.ArrayType{ElementType: types.String, ContainsNull: true}, Nullable: true}},
			in: def, out: def, child: "Project [a]"},
		// Aggregation and HAVING make the block an aggregate under a filter.
		{sql: "SELECT TRANSFORM(b, max(a)) USING 'cat' AS (x, y) FROM t GROUP BY b HAVING max(a) > 1",
			columns: []plan.ScriptColumn{{Name: "x", Type: types.String, Nullable: true}, {Name: "y", Type: types.String, Nullable: true}},
			in:      def, out: def, child: "Filter (max(a) > 1)"},
		{sql: `SELECT TRANSFORM(a) ROW FORMAT DELIMITED FIELDS TERMINATED BY '@' COLLECTION ITEMS TERMINATED BY '|'
  MAP KEYS TERMINATED BY ':' LINES TERMINATED BY '\n' NULL DEFINED AS 'NULL'
USING 'cat' AS (x) ROW FORMAT DELIMITED NULL DEFINED AS '-' FROM t`,
			columns: []plan.ScriptColumn{{Name: "x", Type: types.String, Nullable: true}},
			in: plan.ScriptRowFormat{Field: "@", Line: "\n", Null: "NULL", Entries: [][2]string{{"TOK_TABLEROWFORMATFIELD", "@"},
				{"TOK_TABLEROWFORMATCOLLITEMS", "|"}, {"TOK_TABLEROWFORMATMAPKEYS", ":"}, {"TOK_TABLEROWFORMATNULL", "NULL"},
				{"TOK_TABLEROWFORMATLINES", "\n"}}},
			out:   plan.ScriptRowFormat{Field: "\u0001", Line: "\n", Null: "-", Entries: [][2]string{{"TOK_TABLEROWFORMATNULL", "-"}}},
			child: "Project [a]"},
	}
	for _, c := range cases {
		s := findTransform(lower(t, c.sql))
		if s == nil {
			t.Errorf("%s: no ScriptTransform", c.sql)
			continue
		}
		if s.Script != "cat" || s.SchemaLess != c.schemaLess || !reflect.DeepEqual(s.InFormat, c.in) || !reflect.DeepEqual(s.OutFormat, c.out) {
			t.Errorf("%s: lowered to script %q schemaLess %t in %+v out %+v", c.sql, s.Script, s.SchemaLess, s.InFormat, s.OutFormat)
		}
		if len(s.Columns) != len(c.columns) {
			t.Errorf("%s: columns %+v, want %+v", c.sql, s.Columns, c.columns)
		} else {
			for i, col := range s.Columns {
				w := c.columns[i]
				if col.Name != w.Name || col.Nullable != w.Nullable || !types.Equal(col.Type, w.Type) {
					t.Errorf("%s: column %d is %+v, want %+v", c.sql, i, col, w)
				}
			}
		}
		if got := s.Child.Describe(); got != c.child {
			t.Errorf("%s: child %s, want %s", c.sql, got, c.child)
		}
		if c.describe != "" && s.Describe() != c.describe {
			t.Errorf("%s: describe %s, want %s", c.sql, s.Describe(), c.describe)
		}
	}
}
