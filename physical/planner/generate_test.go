package planner_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
)

// run parses, analyzes, plans and runs a query; rows are "v1|v2" strings, in output order.
func run(t *testing.T, sql string) []string {
	t.Helper()
	p := planSQL(t, sql)
	var out []string
	err := physical.Collect(context.Background(), p, func(b arrow.RecordBatch) error {
		defer b.Release()
		for i := range int(b.NumRows()) {
			vals := make([]string, b.NumCols())
			for c, col := range b.Columns() {
				if col.IsNull(i) || col.DataType().ID() == arrow.NULL {
					vals[c] = "NULL"
				} else {
					vals[c] = col.ValueStr(i)
				}
			}
			out = append(out, strings.Join(vals, "|"))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

// Generators end to end, with Spark's answers.
func TestGenerators(t *testing.T) {
	cases := []struct {
		sql     string
		want    []string
		ordered bool // the query orders its rows
	}{
		{"SELECT explode(array(1, 2)) AS x, 'k'", []string{"1|k", "2|k"}, false},
		{"SELECT explode_outer(cast(null AS array<int>))", []string{"NULL"}, false},
		{"SELECT posexplode(map(1, 'a', 2, 'b'))", []string{"0|1|a", "1|2|b"}, false},
		{"SELECT * FROM posexplode_outer(array())", []string{"NULL|NULL"}, false},
		{"SELECT * FROM explode_outer(map())", []string{"NULL|NULL"}, false},
		{"SELECT * FROM inline_outer(array(struct(1, 'a'), null))", []string{"1|a", "NULL|NULL"}, false},
		{"SELECT * FROM stack(2, 1, 2, 3)", []string{"1|2", "3|NULL"}, false},
		{"SELECT stack(2, 1, 1.1, null, 2, null, 'b')", []string{"1|1.1|NULL", "2|NULL|b"}, false},
		{"SELECT * FROM range(2) JOIN explode(array(1, 2))", []string{"0|1", "0|2", "1|1", "1|2"}, false},
		{"SELECT id, c FROM range(3) LATERAL VIEW explode(sequence(0, id)) t AS c", []string{"0|0", "1|0", "1|1", "2|0", "2|1", "2|2"}, false},
		{"SELECT id, c FROM range(2) LATERAL VIEW OUTER explode(array_remove(array(id), 0)) t AS c", []string{"0|NULL", "1|1"}, false},
		{"SELECT r.id, e.col FROM range(2) r, LATERAL explode(array(r.id, r.id * 10)) e", []string{"0|0", "0|0", "1|1", "1|10"}, false},
		{"SELECT explode(collect_list(id)) AS v FROM range(3)", []string{"0", "1", "2"}, false},
		{"SELECT id % 2 AS k, explode(collect_list(id)) FROM range(4) GROUP BY id % 2", []string{"0|0", "0|2", "1|1", "1|3"}, false},
		{"SELECT explode(array(1, 2)) AS a, explode(array('x', 'y')) AS b", []string{"1|x", "1|y", "2|x", "2|y"}, false},
		{`SELECT json_tuple('{"a": 1, "b": {"c": "d"}}', 'a', 'b', 'z')`, []string{`1|{"c":"d"}|NULL`}, false},
		// A repeated key's JSON null does not count; names with dots or quotes.
		{`SELECT json_tuple('{"n": 1, "n": null, "d.e": 5, "it''s": 6}', 'n', 'd.e', 'it''s')`, []string{"1|5|6"}, false},
		{`SELECT json_tuple(j, f) FROM VALUES ('{"k": 1}', 'k'), ('{"k": 2}', null), (null, 'k') AS t(j, f)`, []string{"1", "NULL", "NULL"}, false},
		{`SELECT k, a, b FROM VALUES (1, '{"a": "x", "b": 2}'), (2, 'bad') AS t(k, js) LATERAL VIEW json_tuple(js, 'a', 'b') j AS a, b`,
			[]string{"1|x|2", "2|NULL|NULL"}, false},
		// ORDER BY a column the select list dropped: the Generate carries it again.
		{"SELECT explode(array(id, id + 10)) AS x FROM range(3) ORDER BY id DESC, x", []string{"2", "12", "1", "11", "0", "10"}, true},
		{"SELECT x FROM (SELECT explode(array(id, id)) AS x FROM range(3)) s WHERE x > 1", []string{"2", "2"}, false},
	}
	for _, c := range cases {
		got := run(t, c.sql)
		if !c.ordered {
			sort.Strings(got)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.sql, got, c.want)
		}
	}
}
