package physical

import (
	"context"
	"errors"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
)

// plusOne is a test expression: an int64 column plus one.
type plusOne struct{ col int }

func (p *plusOne) DataType() arrow.DataType { return arrow.PrimitiveTypes.Int64 }
func (p *plusOne) String() string           { return "#0 + 1" }
func (p *plusOne) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	a := b.Column(p.col).(*array.Int64)
	bld := array.NewInt64Builder(arrowmem.DefaultAllocator)
	defer bld.Release()
	for i := range a.Len() {
		if a.IsNull(i) {
			bld.AppendNull()
		} else {
			bld.Append(a.Value(i) + 1)
		}
	}
	return bld.NewArray(), nil
}

// counter builds `anchor UNION ALL SELECT x + 1 FROM loop [WHERE x < below]`.
func counter(t *testing.T, anchor string, below int64, limits RecursiveLimits) *RecursiveUnion {
	t.Helper()
	schema := schemaOf("x", arrow.PrimitiveTypes.Int64)
	feed := NewLoopFeed()
	var rec ExecutionPlan = NewLoopScan(feed, schema)
	if below >= 0 {
		rec = NewFilter(rec, &cmpExpr{col: 0, op: "<", k: below})
	}
	rec = NewProject(rec, []expr.Expr{&plusOne{}}, schema)
	u, err := NewRecursiveUnion(source(t, schema, []string{anchor}), rec, feed, schema, limits)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestRecursiveUnion(t *testing.T) {
	noLimits := RecursiveLimits{LevelLimit: 100, RowLimit: 1000}
	tests := []struct {
		name   string
		anchor string
		below  int64
		limits RecursiveLimits
		want   []string
		err    string
	}{
		{"counts up to the filter", `[{"x": 0}]`, 3, noLimits, []string{"0", "1", "2", "3"}, ""},
		{"several anchor rows", `[{"x": 0}, {"x": 2}]`, 3, noLimits, []string{"0", "2", "1", "3", "2", "3"}, ""},
		{"empty anchor", `[]`, 3, noLimits, nil, ""},
		{"level limit", `[{"x": 0}]`, -1, RecursiveLimits{LevelLimit: 5, RowLimit: 1000}, nil, "RECURSION_LEVEL_LIMIT_EXCEEDED"},
		{"max depth reached exactly", `[{"x": 0}]`, 4, RecursiveLimits{LevelLimit: 5, RowLimit: 1000}, []string{"0", "1", "2", "3", "4"}, ""},
		{"row limit", `[{"x": 0}]`, -1, RecursiveLimits{LevelLimit: 100, RowLimit: 3}, nil, "RECURSION_ROW_LIMIT_EXCEEDED"},
		{"pushed limit stops quietly", `[{"x": 0}]`, -1, RecursiveLimits{LevelLimit: 100, RowLimit: 3, Limit: 4, HasLimit: true}, []string{"0", "1", "2", "3"}, ""},
		{"pushed limit cuts a step", `[{"x": 0}, {"x": 10}]`, -1, RecursiveLimits{LevelLimit: 100, RowLimit: 3, Limit: 3, HasLimit: true}, []string{"0", "10", "1"}, ""},
		{"limit all lifts the row limit", `[{"x": 0}]`, 5, RecursiveLimits{LevelLimit: 100, RowLimit: 2, Limit: -1, HasLimit: true}, []string{"0", "1", "2", "3", "4", "5"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := counter(t, tc.anchor, tc.below, tc.limits)
			for run := 0; run < 2; run++ { // executions are repeatable
				got, err := tryRows(context.Background(), u)
				if tc.err != "" {
					var se *sparkerror.Error
					if !errors.As(err, &se) || se.Class != tc.err || se.SQLState != "42836" {
						t.Fatalf("error %v, want %s", err, tc.err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				eqStrings(t, tc.name, got, tc.want)
			}
		})
	}
}
