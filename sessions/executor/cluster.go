package executor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/transport/flight"
	"github.com/sailgo/sail/worker"
)

// Cluster runs queries on the workers of a cluster: the physical plan is cut into stages
// (driver/jobgraph), submitted as a job to the one Driver actor every session shares, and
// the final stage's partitions are fetched over Arrow Flight in partition order, so the
// client sees the batches local execution would give, in the same order.
type Cluster struct {
	// System is the actor system the Driver runs on (or reaches remotely).
	System *actor.ActorSystem
	Driver *actor.PID
	// Client fetches results from the workers' Flight servers.
	Client *flight.Client
	Log    *slog.Logger

	prefix string
	jobs   atomic.Int64
	// fellBack counts queries that ran locally because their plan cannot be shipped.
	fellBack atomic.Int64
}

// NewCluster makes the cluster runner of a server; jobs are named after the server's start
// so that workers that outlive a server never confuse two servers' jobs.
func NewCluster(sys *actor.ActorSystem, driverPID *actor.PID, client *flight.Client, log *slog.Logger) *Cluster {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Cluster{System: sys, Driver: driverPID, Client: client, Log: log,
		prefix: fmt.Sprintf("q%x", time.Now().UnixNano()&0xffffffffff)}
}

// FellBack is the number of queries that ran in the server because their plan holds an
// operator that cannot be shipped to workers.
func (c *Cluster) FellBack() int64 { return c.fellBack.Load() }

// resultAttempts bounds the submissions of one query whose results were lost (a worker
// died between the job's end and the fetch) before anything was sent to the client.
const resultAttempts = 3

// collect is the hook where a query's physical plan becomes record batches: on the cluster
// when the executor has one, else (and for plans that cannot be shipped) in this process.
func (x *Executor) collect(ctx context.Context, p physical.ExecutionPlan, emit func(arrow.RecordBatch) error) error {
	if x.Cluster == nil {
		return physical.Collect(ctx, p, emit)
	}
	return x.Cluster.collect(ctx, p, emit)
}

func (c *Cluster) collect(ctx context.Context, p physical.ExecutionPlan, emit func(arrow.RecordBatch) error) error {
	g, err := jobgraph.Cut(p)
	var stages []*controlpb.Stage
	if err == nil {
		stages, err = driver.StagesOf(g)
	}
	if err != nil {
		c.fellBack.Add(1)
		c.Log.Debug("running a query in the server: its plan cannot be shipped", "err", err)
		return physical.Collect(ctx, p, emit)
	}
	for attempt := 1; ; attempt++ {
		emitted, err := c.runJob(ctx, g, stages, emit)
		var fe *flight.FetchError
		if err != nil && !emitted && attempt < resultAttempts && ctx.Err() == nil && errors.As(err, &fe) && fe.Lost() {
			c.Log.Info("the results of a query were lost with a worker; running it again", "attempt", attempt, "err", err)
			continue
		}
		return err
	}
}

// runJob runs one job and streams its results; emitted tells whether any batch reached emit.
func (c *Cluster) runJob(ctx context.Context, g *jobgraph.Graph, stages []*controlpb.Stage, emit func(arrow.RecordBatch) error) (emitted bool, err error) {
	job := fmt.Sprintf("%s-%d", c.prefix, c.jobs.Add(1))
	fin, err := driver.Submit(ctx, c.System, c.Driver, job, stages)
	// Whatever happened, the workers drop the job's outputs once the results are read.
	defer c.System.Root.Send(c.Driver, &controlpb.ReleaseJob{JobId: job})
	if err != nil {
		if ctx.Err() != nil {
			return false, context.Cause(ctx)
		}
		return false, sparkerror.InternalError("cluster job %s: %v", job, err)
	}
	switch fin.GetOutcome() {
	case controlpb.JobFinished_SUCCEEDED:
	case controlpb.JobFinished_CANCELLED:
		if ctx.Err() != nil {
			return false, context.Cause(ctx)
		}
		return false, sparkerror.Canceled()
	default:
		if e := worker.DecodeError(fin.GetSparkError()); e != nil {
			return false, e
		}
		return false, sparkerror.InternalError("cluster job %s failed: %s", job, fin.GetError())
	}
	addrs := make([]string, len(fin.GetResults()))
	for i, loc := range fin.GetResults() {
		if int(loc.GetPartition()) != i {
			return false, sparkerror.InternalError("cluster job %s: result partition %d at position %d", job, loc.GetPartition(), i)
		}
		addrs[i] = loc.GetFlightAddress()
	}
	st, err := c.Client.FetchResults(ctx, job, g.Final().ID, addrs, g.Schema)
	if err != nil {
		return false, err
	}
	defer st.Close()
	for {
		b, err := st.Next()
		if physical.IsEOF(err) {
			return emitted, nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return emitted, context.Cause(ctx)
			}
			return emitted, err
		}
		if b.NumRows() == 0 {
			b.Release()
			continue
		}
		emitted = true
		if err := emit(b); err != nil {
			return emitted, err
		}
	}
}
