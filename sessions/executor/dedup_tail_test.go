package executor

import (
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

// df.distinct(), df.dropDuplicates(cols) (Connect's Deduplicate) and df.tail(n) (Tail),
// which have no SQL syntax, sent as the PySpark client sends them.
func TestDeduplicateAndTail(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW dd AS SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (3, 'a', 10), (4, 'a', 30), (5, NULL, 10) AS dd(id, k, v)")
	sql := func(q string) *connectpb.Relation {
		return &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q}}}
	}
	dedup := func(in *connectpb.Relation, cols ...string) *connectpb.Relation {
		d := &connectpb.Deduplicate{Input: in, ColumnNames: cols}
		if len(cols) == 0 {
			all := true
			d.AllColumnsAsKeys = &all
		}
		return &connectpb.Relation{RelType: &connectpb.Relation_Deduplicate{Deduplicate: d}}
	}
	tail := func(in *connectpb.Relation, n int32) *connectpb.Relation {
		return &connectpb.Relation{RelType: &connectpb.Relation_Tail{Tail: &connectpb.Tail{Input: in, Limit: n}}}
	}
	cases := []struct {
		name   string
		rel    *connectpb.Relation
		schema string
		rows   string
	}{
		{"distinct", dedup(sql("SELECT k, v FROM dd")), "struct<k:string,v:int>", "<nil>,10 a,10 a,30 b,20"},
		{"dropDuplicates(k)", dedup(sql("SELECT k FROM dd"), "k"), "struct<k:string>", "<nil> a b"},
		// The other columns come from one row of each group, whole.
		{"dropDuplicates(k, v)", dedup(sql("SELECT k, v, v * 2 AS w FROM dd"), "k", "v"), "struct<k:string,v:int,w:int>", "<nil>,10,20 a,10,20 a,30,60 b,20,40"},
		{"tail(2) of a sort", tail(sql("SELECT * FROM dd ORDER BY id"), 2), "struct<id:int,k:string,v:int>", "4,a,30 5,<nil>,10"},
		{"tail(0)", tail(sql("SELECT * FROM dd"), 0), "struct<id:int,k:string,v:int>", ""},
		{"tail past the end", tail(sql("SELECT id FROM dd"), 9), "struct<id:int>", "1 2 3 4 5"},
	}
	for _, tc := range cases {
		schema, rows, err := r.runRelation(tc.rel)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if schema != tc.schema || sortedRows(rows) != tc.rows {
			t.Errorf("%s: got %s %q, want %s %q", tc.name, schema, sortedRows(rows), tc.schema, tc.rows)
		}
	}
	// tail keeps the last rows in order across partitions.
	_, rows, err := r.runRelation(tail(sql("SELECT id FROM range(0, 100000, 1, 7) ORDER BY id"), 3))
	if err != nil || len(rows) != 3 || rows[0][0] != int64(99997) || rows[2][0] != int64(99999) {
		t.Errorf("tail(3) of 100000 ordered rows: %v %v", rows, err)
	}
}
