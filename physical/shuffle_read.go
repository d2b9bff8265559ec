package physical

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/sparkerror"
)

// ShuffleReadExec is a leaf reading the output of an earlier stage: its partition r is
// reduce partition r of every map output of the stage, fetched through the task's
// ShuffleFetcher in map partition order; so the rows come in the order Repartition gives
// them locally (source partition 0's first, each in the order it was written).
type ShuffleReadExec struct {
	OpMetrics
	stage         int32
	schema        *arrow.Schema
	partitions    int
	mapPartitions int
}

// NewShuffleRead reads the output of stage, which has mapPartitions map tasks writing
// partitions reduce partitions of rows of schema.
func NewShuffleRead(stage int32, schema *arrow.Schema, partitions, mapPartitions int) (*ShuffleReadExec, error) {
	if partitions < 1 || mapPartitions < 0 {
		return nil, sparkerror.InternalError("shuffle read: %d partitions of %d map outputs", partitions, mapPartitions)
	}
	return &ShuffleReadExec{stage: stage, schema: schema, partitions: partitions, mapPartitions: mapPartitions}, nil
}

// Stage is the stage whose output this reads.
func (r *ShuffleReadExec) Stage() int32 { return r.stage }

// MapPartitions is the number of map outputs each partition fetches.
func (r *ShuffleReadExec) MapPartitions() int { return r.mapPartitions }

func (r *ShuffleReadExec) Schema() *arrow.Schema     { return r.schema }
func (r *ShuffleReadExec) Partitions() int           { return r.partitions }
func (r *ShuffleReadExec) Children() []ExecutionPlan { return nil }
func (r *ShuffleReadExec) Describe() string {
	return fmt.Sprintf("ShuffleRead: stage=%d, partitions=%d, map outputs=%d", r.stage, r.partitions, r.mapPartitions)
}

func (r *ShuffleReadExec) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= r.partitions {
		return nil, fmt.Errorf("shuffle read: partition %d out of range", partition)
	}
	sc := ShuffleFromContext(ctx)
	if sc == nil || sc.Fetcher == nil {
		return nil, sparkerror.InternalError("shuffle read: the task has no shuffle fetcher")
	}
	if r.mapPartitions == 0 {
		return &sliceStream{}, nil
	}
	s, err := sc.Fetcher.Fetch(ctx, ShuffleReadRequest{Job: sc.Job, Stage: r.stage, Partition: partition,
		MapPartitions: r.mapPartitions, Schema: r.schema})
	if err != nil {
		return nil, err
	}
	return r.meter(s), nil
}
