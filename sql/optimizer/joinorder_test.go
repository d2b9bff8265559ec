package optimizer_test

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// optimizeSized optimizes sql over tables (a INT, b BIGINT) with the given numbers of
// rows, which the join order and the other estimates read.
func optimizeSized(t *testing.T, sql string, sizes map[string]int) (plan.Node, plan.Node) {
	t.Helper()
	cat := catalog.New().NewSession()
	schema := arrow.NewSchema([]arrow.Field{{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "b", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
	for name, rows := range sizes {
		tn, _ := cat.Resolve([]string{name})
		st := types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("b", types.Long, true))
		tbl := &catalog.Table{Schema: st}
		if _, err := cat.CreateTable(tn, tbl, false, false); err != nil {
			t.Fatal(err)
		}
		ab := array.NewInt32Builder(arrowmem.DefaultAllocator)
		bb := array.NewInt64Builder(arrowmem.DefaultAllocator)
		for i := range rows {
			ab.Append(int32(i))
			bb.Append(int64(i % 7))
		}
		a, b := ab.NewArray(), bb.NewArray()
		tbl.Append([]arrow.RecordBatch{array.NewRecordBatch(schema, []arrow.Array{a, b}, int64(rows))})
	}
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := analyzer.Resolve(n, analyzer.Options{ANSI: true, Catalog: cat})
	if err != nil {
		t.Fatalf("resolve %q: %v", sql, err)
	}
	out, err := optimizer.Optimize(resolved)
	if err != nil {
		t.Fatalf("optimize %q: %v", sql, err)
	}
	return resolved, out
}

// tablesUnder lists the tables a plan reads, in order.
func tablesUnder(n plan.Node) string {
	var names []string
	for _, m := range nodes(n) {
		if s, ok := m.(*plan.TableScan); ok {
			names = append(names, s.Name[len(s.Name)-1])
		}
	}
	return strings.Join(names, ",")
}

func TestJoinOrderStartsFromSelectiveDimensions(t *testing.T) {
	sizes := map[string]int{"fact": 100000, "d1": 1000, "d2": 100}
	// The filtered dimension d1 cuts the fact table most: the fact table joins it first,
	// and every join builds its hash table (the right input) on the smaller side.
	sql := "SELECT * FROM fact f, d2, d1 WHERE f.a = d1.a AND f.b = d2.b AND d1.b = 3"
	resolved, out := optimizeSized(t, sql, sizes)
	var js []*plan.Join
	for _, m := range nodes(out) {
		if j, ok := m.(*plan.Join); ok {
			js = append(js, j)
		}
	}
	if len(js) != 2 {
		t.Fatalf("%d joins, want 2\n%s", len(js), plan.Explain(out))
	}
	if got := tablesUnder(js[1]); got != "fact,d1" {
		t.Errorf("first join reads %s, want fact,d1\n%s", got, plan.Explain(out))
	}
	for _, j := range js {
		if l, r := optimizer.EstimateRows(j.Left), optimizer.EstimateRows(j.Right); l < r {
			t.Errorf("join builds on its larger input (%v < %v)\n%s", l, r, plan.Explain(out))
		}
	}
	sameOutput(t, sql, resolved, out)
}

func TestSemiJoinPushedToItsTable(t *testing.T) {
	sizes := map[string]int{"t": 50000, "u": 50000, "v": 100}
	// The IN subquery filters t alone: it runs on t before t joins u.
	sql := "SELECT * FROM t, u WHERE t.a = u.a AND t.b IN (SELECT b FROM v WHERE v.a < 10)"
	resolved, out := optimizeSized(t, sql, sizes)
	found := false
	for _, m := range nodes(out) {
		if j, ok := m.(*plan.Join); ok && j.Type == plan.LeftSemiJoin {
			found = true
			if got := tablesUnder(j.Left); got != "t" {
				t.Errorf("semi join over %s, want t\n%s", got, plan.Explain(out))
			}
		}
	}
	if !found {
		t.Fatalf("no semi join\n%s", plan.Explain(out))
	}
	sameOutput(t, sql, resolved, out)
	// A large subquery stays above the joins.
	sizes["v"] = 1000000
	_, out = optimizeSized(t, sql, sizes)
	if j, ok := firstJoin(out); !ok || j.Type != plan.LeftSemiJoin {
		t.Errorf("the semi join moved below the inner join although its right side is large\n%s", plan.Explain(out))
	}
}

func firstJoin(n plan.Node) (*plan.Join, bool) {
	for _, m := range nodes(n) {
		if j, ok := m.(*plan.Join); ok {
			return j, true
		}
	}
	return nil, false
}

func TestAggregateInputReducedToJoinedKeys(t *testing.T) {
	sizes := map[string]int{"t": 100000, "u": 1000}
	// The correlated aggregate over t is needed only for the keys of the u rows with
	// a < 10: a semi join with those rows filters t before it is aggregated.
	sql := "SELECT * FROM u WHERE u.a < 10 AND u.b > (SELECT avg(t.b) FROM t WHERE t.a = u.a)"
	resolved, out := optimizeSized(t, sql, sizes)
	reduced := false
	for _, m := range nodes(out) {
		if a, ok := m.(*plan.Aggregate); ok {
			j, ok := a.Child.(*plan.Join)
			if ok && j.Type == plan.LeftSemiJoin && tablesUnder(j.Left) == "t" && tablesUnder(j.Right) == "u" {
				reduced = true
				if !strings.Contains(plan.Explain(j.Right), "(a < 10)") {
					t.Errorf("the keys' read lost its filter\n%s", plan.Explain(out))
				}
			}
		}
	}
	if !reduced {
		t.Errorf("aggregate input not reduced\n%s", plan.Explain(out))
	}
	sameOutput(t, sql, resolved, out)
	// Without a selective outer side there is nothing to gain.
	_, out = optimizeSized(t, "SELECT * FROM u WHERE u.b > (SELECT avg(t.b) FROM t WHERE t.a = u.a)", map[string]int{"t": 1000, "u": 1000})
	for _, m := range nodes(out) {
		if a, ok := m.(*plan.Aggregate); ok {
			if _, ok := a.Child.(*plan.Join); ok {
				t.Errorf("aggregate input reduced by a relation as large as it\n%s", plan.Explain(out))
			}
		}
	}
}
