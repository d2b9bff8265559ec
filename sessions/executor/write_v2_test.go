package executor

import (
	"context"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

// df.writeTo(table) with each DataFrameWriterV2 mode, as PySpark sends it.
func TestWriteToV2(t *testing.T) {
	r := newSQLRunner(t)
	sql := func(q string) *connectpb.Relation {
		return &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q}}}
	}
	write := func(q string, mode connectpb.WriteOperationV2_Mode, mod func(*connectpb.WriteOperationV2)) error {
		w := &connectpb.WriteOperationV2{Input: sql(q), TableName: "v2t", Mode: mode}
		if mod != nil {
			mod(w)
		}
		cmd := &connectpb.Command{CommandType: &connectpb.Command_WriteOperationV2{WriteOperationV2: w}}
		return r.x.command(context.Background(), r.s, cmd, func(*connectpb.ExecutePlanResponse) error { return nil })
	}
	rows := func() string {
		_, rows, err := r.run("SELECT * FROM v2t")
		if err != nil {
			t.Fatal(err)
		}
		return sortedRows(rows)
	}
	if err := write("SELECT 1 AS a, 'x' AS p", connectpb.WriteOperationV2_MODE_APPEND, nil); !isClass(err, "TABLE_OR_VIEW_NOT_FOUND") {
		t.Errorf("append to a missing table: %v", err)
	}
	if err := write("SELECT 1 AS a, 'x' AS p", connectpb.WriteOperationV2_MODE_REPLACE, nil); !isClass(err, "TABLE_OR_VIEW_NOT_FOUND") {
		t.Errorf("replace of a missing table: %v", err)
	}
	partitioned := func(w *connectpb.WriteOperationV2) {
		w.PartitioningColumns = []*connectpb.Expression{colExpr("p")}
	}
	if err := write("SELECT 1 AS a, 'x' AS p UNION ALL SELECT 2, 'y'", connectpb.WriteOperationV2_MODE_CREATE, partitioned); err != nil {
		t.Fatal(err)
	}
	if err := write("SELECT 1 AS a, 'x' AS p", connectpb.WriteOperationV2_MODE_CREATE, nil); !isClass(err, "TABLE_OR_VIEW_ALREADY_EXISTS") {
		t.Errorf("create over an existing table: %v", err)
	}
	// append matches columns by name.
	if err := write("SELECT 'y' AS p, 3 AS a", connectpb.WriteOperationV2_MODE_APPEND, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := rows(), "1,x 2,y 3,y"; got != want {
		t.Errorf("after append: %q, want %q", got, want)
	}
	// overwritePartitions replaces only partition y.
	if err := write("SELECT 9 AS a, 'y' AS p", connectpb.WriteOperationV2_MODE_OVERWRITE_PARTITIONS, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := rows(), "1,x 9,y"; got != want {
		t.Errorf("after overwritePartitions: %q, want %q", got, want)
	}
	overwriteAll := func(w *connectpb.WriteOperationV2) {
		w.OverwriteCondition = &connectpb.Expression{ExprType: &connectpb.Expression_Literal_{Literal: &connectpb.Expression_Literal{
			LiteralType: &connectpb.Expression_Literal_Boolean{Boolean: true}}}}
	}
	if err := write("SELECT 5 AS a, 'z' AS p", connectpb.WriteOperationV2_MODE_OVERWRITE, overwriteAll); err != nil {
		t.Fatal(err)
	}
	if got, want := rows(), "5,z"; got != want {
		t.Errorf("after overwrite(lit(True)): %q, want %q", got, want)
	}
	if err := write("SELECT 7 AS b", connectpb.WriteOperationV2_MODE_CREATE_OR_REPLACE, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := rows(), "7"; got != want {
		t.Errorf("after createOrReplace: %q, want %q", got, want)
	}
}
