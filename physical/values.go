package physical

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Values produces batches held in memory (a LocalRelation, or the single empty row a
// FROM-less SELECT reads), all in one partition.
type Values struct {
	OpMetrics
	schema  *arrow.Schema
	batches []arrow.RecordBatch
}

// NewValues takes ownership of batches; every batch must have the given schema.
func NewValues(schema *arrow.Schema, batches []arrow.RecordBatch) *Values {
	return &Values{schema: schema, batches: batches}
}

// NewOneRow is the relation of one row and no columns that a SELECT without FROM reads.
func NewOneRow() *Values {
	schema := arrow.NewSchema(nil, nil)
	return &Values{schema: schema, batches: []arrow.RecordBatch{array.NewRecordBatch(schema, nil, 1)}}
}

func (v *Values) Schema() *arrow.Schema     { return v.schema }
func (v *Values) Partitions() int           { return 1 }
func (v *Values) Children() []ExecutionPlan { return nil }
func (v *Values) Describe() string {
	rows := int64(0)
	for _, b := range v.batches {
		rows += b.NumRows()
	}
	return fmt.Sprintf("Values: rows=%d", rows)
}

func (v *Values) Execute(_ context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("values: partition %d out of range", partition)
	}
	out := make([]arrow.RecordBatch, len(v.batches))
	for i, b := range v.batches {
		b.Retain()
		out[i] = b
	}
	return v.meter(&sliceStream{batches: out}), nil
}
