package connect

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
)

// TestUnsupportedRelations fails clearly, naming what is missing.
func TestUnsupportedRelations(t *testing.T) {
	l, _ := testLowering(t)
	for _, c := range []struct {
		rel   *connectpb.Relation
		class string
		names string // a fragment of the message
	}{
		{&connectpb.Relation{}, "INVALID_PLAN_INPUT", "rel_type is not set"},
		{&connectpb.Relation{RelType: &connectpb.Relation_MapPartitions{MapPartitions: &connectpb.MapPartitions{Input: tableRel("t")}}}, "NOT_IMPLEMENTED", "map_partitions"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Transpose{Transpose: &connectpb.Transpose{Input: tableRel("t")}}}, "NOT_IMPLEMENTED", "transpose"},
		{&connectpb.Relation{RelType: &connectpb.Relation_HtmlString{HtmlString: &connectpb.HtmlString{Input: tableRel("t"), NumRows: 20}}}, "NOT_IMPLEMENTED", "HtmlString"},
		{&connectpb.Relation{RelType: &connectpb.Relation_CachedLocalRelation{CachedLocalRelation: &connectpb.CachedLocalRelation{Hash: "abc"}}}, "NOT_IMPLEMENTED", "CachedLocalRelation"},
		{&connectpb.Relation{RelType: &connectpb.Relation_CachedRemoteRelation{CachedRemoteRelation: &connectpb.CachedRemoteRelation{RelationId: "x"}}}, "NOT_IMPLEMENTED", "CachedRemoteRelation"},
		{&connectpb.Relation{RelType: &connectpb.Relation_RepartitionByExpression{RepartitionByExpression: &connectpb.RepartitionByExpression{Input: tableRel("t"),
			PartitionExprs: exprs(&connectpb.Expression{ExprType: &connectpb.Expression_SortOrder_{SortOrder: sortOrder(col("a"), true, true)}})}}}, "NOT_IMPLEMENTED", "repartitionByRange"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{IsStreaming: true, ReadType: &connectpb.Read_NamedTable_{NamedTable: &connectpb.Read_NamedTable{UnparsedIdentifier: "t"}}}}}, "NOT_IMPLEMENTED", "streaming"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_DataSource_{DataSource: &connectpb.Read_DataSource{Format: ptr("jdbc"), Predicates: []string{"a > 1"}}}}}}, "NOT_IMPLEMENTED", "JDBC"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_DataSource_{DataSource: &connectpb.Read_DataSource{Format: ptr("csv"), Predicates: []string{"a > 1"}}}}}}, "INVALID_PLAN_INPUT", "csv"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{}}}, "INVALID_PLAN_INPUT", "read_type"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_NamedTable_{NamedTable: &connectpb.Read_NamedTable{}}}}}, "INVALID_PLAN_INPUT", "empty"},
		{filterRel(nil, lit(true)), "INVALID_PLAN_INPUT", "filter"},
		{filterRel(tableRel("t"), nil), "INVALID_PLAN_INPUT", "condition"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Limit{Limit: &connectpb.Limit{Limit: 1}}}, "INVALID_PLAN_INPUT", "limit"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: &connectpb.Deduplicate{Input: tableRel("t")}}}, "INVALID_PLAN_INPUT", "Deduplicate"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: &connectpb.Deduplicate{Input: tableRel("t"), AllColumnsAsKeys: ptr(true), ColumnNames: []string{"a"}}}}, "INVALID_PLAN_INPUT", "both"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: &connectpb.Deduplicate{ColumnNames: []string{"a"}}}}, "INVALID_PLAN_INPUT", "input"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Repartition{Repartition: &connectpb.Repartition{Input: tableRel("t")}}}, "<no class>", "Number of partitions (0)"},
		{&connectpb.Relation{RelType: &connectpb.Relation_RepartitionByExpression{RepartitionByExpression: &connectpb.RepartitionByExpression{Input: tableRel("t"), NumPartitions: ptr(int32(0))}}}, "<no class>", "Number of partitions (0)"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Sample{Sample: &connectpb.Sample{Input: tableRel("t"), LowerBound: 0.5, UpperBound: 0.1}}}, "<no class>", "Sampling fraction"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Sample{Sample: &connectpb.Sample{Input: tableRel("t"), UpperBound: 3}}}, "<no class>", "[0, 1]"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Range{Range: &connectpb.Range{End: 3, Step: 1, NumPartitions: ptr(int32(0))}}}, "INVALID_PLAN_INPUT", "num_partitions"},
		{&connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{}}}, "INVALID_PLAN_INPUT", "Schema"},
		{&connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{Data: []byte("junk")}}}, "INVALID_PLAN_INPUT", "Arrow"},
		{&connectpb.Relation{RelType: &connectpb.Relation_Catalog{Catalog: &connectpb.Catalog{}}}, "NOT_IMPLEMENTED", "catalog"},
	} {
		_, err := l.Relation(c.rel)
		if errorClass(err) != c.class || !strings.Contains(err.Error(), c.names) {
			t.Errorf("%s: want %s naming %q, got %v", relationName(c.rel), c.class, c.names, err)
		}
	}
}

func TestReadLowering(t *testing.T) {
	l, _ := testLowering(t)
	n, err := l.Relation(&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_DataSource_{DataSource: &connectpb.Read_DataSource{
		Format: ptr("parquet"), Schema: ptr("a int, b string"), Options: map[string]string{"mergeSchema": "true"}, Paths: []string{"/x", "/y"}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	ds := n.(*plan.DataSourceRead)
	if ds.Format != "parquet" || len(ds.Paths) != 2 || ds.Options["mergeschema"] != "true" || ds.Schema.SimpleString() != "struct<a:int,b:string>" {
		t.Errorf("data source read %+v", ds)
	}
	n, err = l.Relation(&connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_NamedTable_{NamedTable: &connectpb.Read_NamedTable{
		UnparsedIdentifier: "db.`my t`", Options: map[string]string{"versionAsOf": "1"}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	r := n.(*plan.UnresolvedRelation)
	if len(r.Name) != 2 || r.Name[1] != "my t" || r.Options["versionasof"] != "1" {
		t.Errorf("named table %+v", r)
	}
}

func TestDeterministicSampleSortsWithinPartitions(t *testing.T) {
	l, _ := testLowering(t)
	n, err := l.Relation(&connectpb.Relation{RelType: &connectpb.Relation_Sample{Sample: &connectpb.Sample{Input: tableRel("t"),
		UpperBound: 0.5, Seed: ptr(int64(3)), DeterministicOrder: true}}})
	if err != nil {
		t.Fatal(err)
	}
	s := n.(*plan.Sample)
	sorted, ok := s.Child.(*plan.Sort)
	if !ok || sorted.Global || len(sorted.Orders) != 3 || s.Seed != 3 || s.Upper != 0.5 {
		t.Errorf("randomSplit sample lowered to\n%s", plan.Explain(n))
	}
	// Without a seed the sample still gets one, fixed at lowering.
	n, err = l.Relation(&connectpb.Relation{RelType: &connectpb.Relation_Sample{Sample: &connectpb.Sample{Input: tableRel("t"), UpperBound: 0.5}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, isSort := n.(*plan.Sample).Child.(*plan.Sort); isSort {
		t.Error("a plain sample must not sort")
	}
}
