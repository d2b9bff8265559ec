package executor

import (
	"context"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

// df.checkpoint(): the rows are kept under an id the client reads back; later writes to
// the source do not change them; removing the id forgets them.
func TestCheckpoint(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE cp (a INT) USING parquet")
	r.exec("INSERT INTO cp VALUES (1), (2)")
	var rel *connectpb.CachedRemoteRelation
	cmd := &connectpb.Command{CommandType: &connectpb.Command_CheckpointCommand{CheckpointCommand: &connectpb.CheckpointCommand{
		Relation: &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: "SELECT a * 10 AS b FROM cp"}}}, Eager: true}}}
	err := r.x.command(context.Background(), r.s, cmd, func(resp *connectpb.ExecutePlanResponse) error {
		rel = resp.GetCheckpointCommandResult().GetRelation()
		return nil
	})
	if err != nil || rel.GetRelationId() == "" {
		t.Fatalf("checkpoint: %v %v", rel, err)
	}
	r.exec("INSERT INTO cp VALUES (3)")
	read := &connectpb.Relation{RelType: &connectpb.Relation_CachedRemoteRelation{CachedRemoteRelation: rel}}
	filtered := &connectpb.Relation{RelType: &connectpb.Relation_Filter{Filter: &connectpb.Filter{Input: read,
		Condition: callExpr(">", colExpr("b"), &connectpb.Expression{ExprType: &connectpb.Expression_Literal_{Literal: &connectpb.Expression_Literal{
			LiteralType: &connectpb.Expression_Literal_Integer{Integer: 10}}}})}}}
	for i := range 2 { // read twice: reading does not consume the rows
		schema, rows, err := r.runRelation(read)
		if err != nil || schema != "struct<b:int>" || sortedRows(rows) != "10 20" {
			t.Errorf("read %d: %s %v %v", i, schema, rows, err)
		}
	}
	if _, rows, err := r.runRelation(filtered); err != nil || sortedRows(rows) != "20" {
		t.Errorf("filtered: %v %v", rows, err)
	}
	remove := &connectpb.Command{CommandType: &connectpb.Command_RemoveCachedRemoteRelationCommand{
		RemoveCachedRemoteRelationCommand: &connectpb.RemoveCachedRemoteRelationCommand{Relation: rel}}}
	if err := r.x.command(context.Background(), r.s, remove, func(*connectpb.ExecutePlanResponse) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.runRelation(read); err == nil {
		t.Error("a removed checkpoint was still readable")
	}
}

// A checkpoint larger than the cache's memory goes to a spill file and reads back whole.
func TestCheckpointSpills(t *testing.T) {
	r := newSQLRunner(t)
	r.x.CacheMemoryLimit = 1024
	t.Cleanup(r.x.CloseCache)
	var rel *connectpb.CachedRemoteRelation
	cmd := &connectpb.Command{CommandType: &connectpb.Command_CheckpointCommand{CheckpointCommand: &connectpb.CheckpointCommand{
		Relation: &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: "SELECT id FROM range(100000)"}}}, Eager: true, Local: true}}}
	if err := r.x.command(context.Background(), r.s, cmd, func(resp *connectpb.ExecutePlanResponse) error {
		rel = resp.GetCheckpointCommandResult().GetRelation()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	data, _ := r.s.Relation(rel.GetRelationId())
	if cp := data.(*checkpointData); cp.file == nil || cp.batches != nil {
		t.Fatalf("the rows stayed in memory past the limit")
	}
	_, rows, err := r.run("SELECT 1") // the session still works
	if err != nil || len(rows) != 1 {
		t.Fatal(err)
	}
	_, rows, err = r.runRelation(&connectpb.Relation{RelType: &connectpb.Relation_Aggregate{Aggregate: &connectpb.Aggregate{
		Input:                &connectpb.Relation{RelType: &connectpb.Relation_CachedRemoteRelation{CachedRemoteRelation: rel}},
		GroupType:            connectpb.Aggregate_GROUP_TYPE_GROUPBY,
		AggregateExpressions: []*connectpb.Expression{callExpr("count", colExpr("id")), callExpr("sum", colExpr("id"))}}}})
	if err != nil || sortedRows(rows) != "100000,4999950000" {
		t.Errorf("count and sum of the spilled rows: %v %v", rows, err)
	}
}
