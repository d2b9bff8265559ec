package executor

import (
	"bytes"
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// arrowRelabel gives a batch the result schema when the column types agree (they do for
// every plan the planner makes; a mismatch keeps the batch as it is).
func arrowRelabel(b arrow.RecordBatch, schema *arrow.Schema) arrow.RecordBatch {
	if b.Schema().Equal(schema) || int(b.NumCols()) != schema.NumFields() {
		b.Retain()
		return b
	}
	for i, f := range schema.Fields() {
		if !arrow.TypeEqual(f.Type, b.Column(i).DataType()) {
			b.Retain()
			return b
		}
	}
	return array.NewRecordBatch(schema, b.Columns(), b.NumRows())
}

func emptyBatch(schema *arrow.Schema) arrow.RecordBatch {
	cols := make([]arrow.Array, schema.NumFields())
	for i, f := range schema.Fields() {
		cols[i] = array.MakeArrayOfNull(memory.DefaultAllocator, f.Type, 0)
	}
	b := array.NewRecordBatch(schema, cols, 0)
	for _, c := range cols {
		c.Release()
	}
	return b
}

// collectBatches runs a resolved plan and returns its batches with the Arrow schema of
// st (the caller owns them).
func (x *Executor) collectBatches(ctx context.Context, s *sessions.Session, n plan.Node, st *types.StructType) ([]arrow.RecordBatch, error) {
	ctx, done := x.queryContext(ctx)
	defer done()
	phys, err := x.physicalPlan(ctx, s, n)
	if err != nil {
		return nil, err
	}
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		return nil, err
	}
	var out []arrow.RecordBatch
	err = physical.Collect(ctx, phys, func(b arrow.RecordBatch) error {
		defer b.Release()
		if b.NumRows() == 0 {
			return nil
		}
		out = append(out, arrowRelabel(b, schema))
		return nil
	})
	if err != nil {
		for _, b := range out {
			b.Release()
		}
		return nil, err
	}
	return out, nil
}

// localRelation encodes a command's result rows as a Connect LocalRelation, which the
// client sends back to read them.
func localRelation(ld *plan.LocalData) (*connectpb.Relation, error) {
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(ld.ArrowSchema))
	for _, b := range ld.Batches {
		if err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	schema := ld.Schema.ToDDL()
	return &connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{
		Data: buf.Bytes(), Schema: &schema}}}, nil
}
