package planner

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// optimized resolves and optimizes sql over tables t and u (a INT, b BIGINT) of the given
// numbers of rows.
func optimized(t *testing.T, sql string, rows map[string]int) plan.Node {
	t.Helper()
	cat := catalog.New().NewSession()
	schema := arrow.NewSchema([]arrow.Field{{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "b", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
	for name, n := range rows {
		tn, _ := cat.Resolve([]string{name})
		tbl := &catalog.Table{Schema: types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("b", types.Long, true))}
		if _, err := cat.CreateTable(tn, tbl, false, false); err != nil {
			t.Fatal(err)
		}
		ab, bb := array.NewInt32Builder(arrowmem.DefaultAllocator), array.NewInt64Builder(arrowmem.DefaultAllocator)
		for i := range n {
			ab.Append(int32(i % 50))
			bb.Append(int64(i))
		}
		tbl.Append([]arrow.RecordBatch{array.NewRecordBatch(schema, []arrow.Array{ab.NewArray(), bb.NewArray()}, int64(n))})
	}
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatal(err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := analyzer.Resolve(n, analyzer.Options{ANSI: true, Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	out, err := optimizer.Optimize(resolved)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func aggregates(n plan.Node) []plan.Node {
	var out []plan.Node
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		if _, ok := n.(*plan.Aggregate); ok {
			out = append(out, n)
		}
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, func(x plan.Expr) bool {
				if q := plan.SubqueryOf(x); q != nil {
					walk(q.Plan)
				}
				return true
			})
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
	return out
}

func TestSamePlan(t *testing.T) {
	rows := map[string]int{"t": 100, "u": 10}
	for _, c := range []struct {
		sql  string
		same bool
	}{
		// Two references of a CTE (each resolved with IDs of its own).
		{"WITH r AS (SELECT a, sum(b) AS s FROM t WHERE b > 3 GROUP BY a) SELECT * FROM r WHERE s = (SELECT max(s) FROM r)", true},
		{"WITH r AS (SELECT a, sum(b) AS s FROM t GROUP BY a) SELECT * FROM r x JOIN r y ON x.a = y.a", true},
		// A different constant, column or table.
		{"SELECT * FROM (SELECT a, sum(b) AS s FROM t WHERE b > 3 GROUP BY a) x JOIN (SELECT a, sum(b) AS s FROM t WHERE b > 4 GROUP BY a) y ON x.a = y.a", false},
		{"SELECT * FROM (SELECT a, sum(b) AS s FROM t GROUP BY a) x JOIN (SELECT a, max(b) AS s FROM t GROUP BY a) y ON x.a = y.a", false},
		{"SELECT * FROM (SELECT a, sum(b) AS s FROM t GROUP BY a) x JOIN (SELECT a, sum(b) AS s FROM u GROUP BY a) y ON x.a = y.a", false},
	} {
		aggs := aggregates(optimized(t, c.sql, rows))
		var inner []plan.Node
		for _, a := range aggs {
			if len(a.(*plan.Aggregate).Groups) > 0 {
				inner = append(inner, a)
			}
		}
		if len(inner) != 2 {
			t.Fatalf("%s: %d grouped aggregates", c.sql, len(inner))
		}
		if got := samePlan(inner[0], inner[1]); got != c.same {
			t.Errorf("%s: samePlan = %v, want %v\n%s\n%s", c.sql, got, c.same, plan.Explain(inner[0]), plan.Explain(inner[1]))
		}
	}
}

func TestRepeatedSubplanComputedOnce(t *testing.T) {
	n := optimized(t, "WITH r AS (SELECT a, sum(b) AS s FROM t GROUP BY a) SELECT * FROM r WHERE s = (SELECT max(s) FROM r)",
		map[string]int{"t": 1000})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, err := Plan(n, Options{ANSI: true, TimeZone: time.UTC, DefaultSplits: 2, ShufflePartitions: 4, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	text := physical.Explain(p)
	if !strings.Contains(text, "Shared: consumers=2") {
		t.Fatalf("the view is not shared:\n%s", text)
	}
	var got []string
	err = physical.Collect(ctx, p, func(b arrow.RecordBatch) error {
		defer b.Release()
		for i := range int(b.NumRows()) {
			got = append(got, b.Column(0).ValueStr(i)+"|"+b.Column(1).ValueStr(i))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// t has a = i % 50 and b = i for i < 1000: a = 49 has the largest sum.
	if len(got) != 1 || got[0] != "49|10480" {
		t.Fatalf("got %v, want [49|10480]", got)
	}
}
