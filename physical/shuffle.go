package physical

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// Shuffles move rows between the stages of a job run by a cluster (driver/jobgraph cuts a
// plan at its exchanges). A map task ends in a ShuffleWriteExec, which partitions its
// output into the worker's ShuffleStore; a task of a later stage reads that output through
// a ShuffleReadExec leaf, which fetches, for its reduce partition, every map output of the
// stage through a ShuffleFetcher (transport/flight implements both over Arrow Flight).
// Both find the store, the fetcher and the job in the task's context (WithShuffle).

// ShuffleOutputKey names one map task's output: the job, the stage and the map partition.
type ShuffleOutputKey struct {
	Job          string
	Stage        int32
	MapPartition int32
}

func (k ShuffleOutputKey) String() string {
	return fmt.Sprintf("job %s stage %d map %d", k.Job, k.Stage, k.MapPartition)
}

// ShufflePartitionStats describe one reduce partition of a map output.
type ShufflePartitionStats struct {
	Rows    int64
	Bytes   int64
	Batches int64
}

// ShuffleStore holds map outputs until their job ends.
type ShuffleStore interface {
	// Create starts writing the output of one map task, with reduce partitions numbered
	// 0..partitions-1. An output written again (a retried task) replaces the old one when
	// the new writer commits.
	Create(ctx context.Context, key ShuffleOutputKey, schema *arrow.Schema, partitions int) (ShuffleWriter, error)
}

// ShuffleWriter writes one map output. It is used by one goroutine.
type ShuffleWriter interface {
	// Write appends a batch to a reduce partition; the writer takes ownership of it.
	Write(partition int, b arrow.RecordBatch) error
	// Commit makes the output visible to readers and returns each reduce partition's
	// statistics.
	Commit() ([]ShufflePartitionStats, error)
	// Abort drops what was written; it is a no-op after Commit.
	Abort()
}

// ShuffleReadRequest asks for one reduce partition of a stage's output.
type ShuffleReadRequest struct {
	Job   string
	Stage int32
	// Partition is the reduce partition.
	Partition int
	// MapPartitions is the number of map outputs (the stage's tasks).
	MapPartitions int
	Schema        *arrow.Schema
}

// ShuffleFetcher reads map outputs, wherever they are.
type ShuffleFetcher interface {
	// Fetch streams the batches of one reduce partition from every map output of the
	// stage, all of map output 0's batches first, then map output 1's, and so on.
	Fetch(ctx context.Context, req ShuffleReadRequest) (Stream, error)
}

// ShuffleContext is what a task's shuffle operators need.
type ShuffleContext struct {
	Job     string
	Store   ShuffleStore
	Fetcher ShuffleFetcher
}

type shuffleContextKey struct{}

// WithShuffle returns a context carrying a task's shuffle context.
func WithShuffle(ctx context.Context, sc *ShuffleContext) context.Context {
	return context.WithValue(ctx, shuffleContextKey{}, sc)
}

// ShuffleFromContext returns the task's shuffle context, or nil.
func ShuffleFromContext(ctx context.Context) *ShuffleContext {
	sc, _ := ctx.Value(shuffleContextKey{}).(*ShuffleContext)
	return sc
}
