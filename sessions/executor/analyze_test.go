package executor

import (
	"context"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

func sqlPlan(q string) *connectpb.Plan {
	return &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q}}}}}
}

func TestSameSemanticsAndSemanticHash(t *testing.T) {
	r := newSQLRunner(t)
	ctx := context.Background()
	same := func(a, b string) bool {
		t.Helper()
		resp, err := r.x.Analyze(ctx, r.s, &connectpb.AnalyzePlanRequest{Analyze: &connectpb.AnalyzePlanRequest_SameSemantics_{
			SameSemantics: &connectpb.AnalyzePlanRequest_SameSemantics{TargetPlan: sqlPlan(a), OtherPlan: sqlPlan(b)}}})
		if err != nil {
			t.Fatal(err)
		}
		return resp.GetSameSemantics().GetResult()
	}
	hash := func(q string) int32 {
		t.Helper()
		resp, err := r.x.Analyze(ctx, r.s, &connectpb.AnalyzePlanRequest{Analyze: &connectpb.AnalyzePlanRequest_SemanticHash_{
			SemanticHash: &connectpb.AnalyzePlanRequest_SemanticHash{Plan: sqlPlan(q)}}})
		if err != nil {
			t.Fatal(err)
		}
		return resp.GetSemanticHash().GetResult()
	}
	q := "SELECT id + 1 AS x FROM range(10) WHERE id > 2"
	// Each analysis draws fresh expression IDs; the plans are still the same.
	if !same(q, q) || hash(q) != hash(q) {
		t.Errorf("a query is not semantically equal to itself")
	}
	other := "SELECT id + 2 AS x FROM range(10) WHERE id > 2"
	if same(q, other) || hash(q) == hash(other) {
		t.Errorf("%q and %q compare equal", q, other)
	}
}
