package flight

import (
	"context"

	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Task is one partition of a stage as a worker runs it.
type Task struct {
	Job string
	// Plan is the stage's encoded plan (driver/jobgraph: it ends in a ShuffleWriteExec).
	Plan      []byte
	Partition int
	// Inputs say where the map outputs of the stages the plan reads are.
	Inputs Locations
	// Decode is what the worker supplies to rebuild the plan (its allocator, its scans).
	Decode physical.DecodeContext
}

// Worker is what a worker's tasks share on the data plane: its store, the address its
// Flight server serves the store at, and a client for the other workers.
type Worker struct {
	Store  *Store
	Addr   string
	Client *Client
}

// Run decodes a task's plan and runs its partition: the stage's output for that map
// partition ends up in the worker's store. It returns the statistics of each reduce
// partition written.
func (w *Worker) Run(ctx context.Context, t Task) ([]physical.ShufflePartitionStats, error) {
	var m physicalpb.Plan
	if err := proto.Unmarshal(t.Plan, &m); err != nil {
		return nil, sparkerror.InternalError("task plan: %v", err)
	}
	p, err := physical.DecodePlan(&m, t.Decode)
	if err != nil {
		return nil, err
	}
	if _, ok := p.(*physical.ShuffleWriteExec); !ok {
		return nil, sparkerror.InternalError("task plan ends in %s, not a shuffle write", p.Describe())
	}
	if t.Partition < 0 || t.Partition >= p.Partitions() {
		return nil, sparkerror.InternalError("task partition %d of a stage of %d", t.Partition, p.Partitions())
	}
	ctx = physical.WithShuffle(ctx, &physical.ShuffleContext{Job: t.Job, Store: w.Store,
		Fetcher: NewFetcher(w.Client, t.Inputs, w.Store, w.Addr)})
	s, err := p.Execute(ctx, t.Partition)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var stats []physical.ShufflePartitionStats
	for {
		b, err := s.Next()
		if physical.IsEOF(err) {
			return stats, nil
		}
		if err != nil {
			return nil, err
		}
		st, err := physical.ShuffleStatsFromBatch(b)
		b.Release()
		if err != nil {
			return nil, err
		}
		stats = append(stats, st...)
	}
}
