package worker

import (
	"context"
	"errors"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/transport/flight"
)

// FlightRunner runs tasks on the data plane of transport/flight: it decodes the stage's
// plan, runs the task's partition with a fetcher over the task's inputs, and leaves the
// output in the worker's shuffle store, which the worker's Flight server serves.
type FlightRunner struct {
	Data *flight.Worker
	// Decode is what the worker supplies to rebuild plans (allocator, scans).
	Decode physical.DecodeContext
}

// Run implements TaskRunner.
func (r FlightRunner) Run(ctx context.Context, t *controlpb.RunTask) ([]*controlpb.PartitionStats, error) {
	stats, err := r.Data.Run(ctx, flight.Task{
		Job: t.GetTask().GetJobId(), Plan: t.GetPlan(), Partition: int(t.GetTask().GetPartition()),
		Inputs: InputLocations(t), Decode: r.Decode,
	})
	var fe *flight.FetchError
	if errors.As(err, &fe) && fe.Lost() {
		return nil, &FetchFailedError{Address: fe.Addr, Err: err}
	}
	if err != nil {
		return nil, err
	}
	out := make([]*controlpb.PartitionStats, len(stats))
	for i, s := range stats {
		out[i] = &controlpb.PartitionStats{ReducePartition: int32(i), Rows: s.Rows, Bytes: s.Bytes}
	}
	return out, nil
}
