package planner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/planner"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
)

// plan parses, analyzes and plans a query.
func planSQL(t *testing.T, sql string) physical.ExecutionPlan {
	t.Helper()
	stmt, err := parser.ParseStatement(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	n, err := astlower.Options{}.Statement(stmt, sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if n, err = analyzer.Resolve(n, analyzer.Options{ANSI: true}); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	p, err := planner.Plan(n, planner.Options{ANSI: true, TimeZone: time.UTC, DefaultSplits: 2, ShufflePartitions: 2, Context: context.Background()})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return p
}

func rowsOf(t *testing.T, p physical.ExecutionPlan) string {
	t.Helper()
	var out []string
	err := physical.Collect(context.Background(), p, func(b arrow.RecordBatch) error {
		defer b.Release()
		for i := range int(b.NumRows()) {
			var vals []string
			for _, col := range b.Columns() {
				vals = append(vals, col.ValueStr(i))
			}
			out = append(out, strings.Join(vals, "|"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, ",")
}

// Uncorrelated subqueries run once where the plan is built; a shipped plan carries their
// values, as Spark's driver runs subqueries before it ships tasks.
func TestPlansWithSubqueriesShip(t *testing.T) {
	for _, c := range []struct{ sql, rows string }{
		{"SELECT id FROM range(5) WHERE id > (SELECT max(id) - 2 FROM range(5)) ORDER BY id", "3,4"},
		{"SELECT id, EXISTS (SELECT 1 FROM range(3) WHERE id > 5) FROM range(2) ORDER BY id", "0|false,1|false"},
		{"SELECT (SELECT min(id) FROM range(0)) IS NULL", "true"},
	} {
		m, err := physical.EncodePlan(planSQL(t, c.sql))
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		d, err := physical.DecodePlan(m, physical.DecodeContext{})
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := rowsOf(t, d); got != c.rows {
			t.Errorf("%s: shipped plan gives %s, want %s", c.sql, got, c.rows)
		}
	}
}
