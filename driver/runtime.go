package driver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/proto/controlpb"
)

// ActorName is the driver actor's name on its node; workers address it as
// (driver address, ActorName).
const ActorName = "driver"

// Spawn starts the driver actor on node under ActorName. Peers whose endpoint terminates are
// reported to it as WorkerLost. cfg.Self is set from the node.
func Spawn(node *remoting.Node, cfg Config, manager WorkerManager, log *slog.Logger, opts ...actors.Option) (*actor.PID, error) {
	return SpawnNamed(node, ActorName, cfg, manager, log, opts...)
}

// SpawnNamed is Spawn under another actor name (several drivers on one node, in tests).
func SpawnNamed(node *remoting.Node, name string, cfg Config, manager WorkerManager, log *slog.Logger, opts ...actors.Option) (*actor.PID, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg.Self = &controlpb.ActorRef{Address: node.Address(), Id: name}
	// Peers whose endpoint terminates are reported as WorkerLost, until the driver stops.
	root, self := node.System.Root, actor.NewPID(node.Address(), name)
	unsubscribe := node.OnEndpointTerminated(func(address string) {
		root.Send(self, &controlpb.WorkerLost{Address: address, Reason: "endpoint terminated"})
	})
	opts = append(opts, actors.WithOnStop(unsubscribe))
	pid, err := root.SpawnNamed(actors.Props(New(cfg, manager), log, opts...), name)
	if err != nil {
		unsubscribe()
		return nil, err
	}
	return pid, nil
}

// Submit runs a job on the driver and waits for it to finish. When ctx ends first the job is
// cancelled (and Submit waits for the driver to confirm). The caller fetches the results from
// the locations in the answer, then sends ReleaseJob.
func Submit(ctx context.Context, sys *actor.ActorSystem, driver *actor.PID, jobID string, stages []*controlpb.Stage) (*controlpb.JobFinished, error) {
	timeout := 24 * time.Hour
	if dl, ok := ctx.Deadline(); ok {
		// Leave time for the cancellation to be confirmed.
		timeout = time.Until(dl) + 10*time.Second
	}
	fut := actor.NewFuture(sys, timeout)
	self := fut.PID()
	sys.Root.Send(driver, &controlpb.SubmitJob{
		JobId: jobID, Stages: stages, ReplyTo: &controlpb.ActorRef{Address: self.GetAddress(), Id: self.GetId()},
	})
	stop := context.AfterFunc(ctx, func() {
		sys.Root.Send(driver, &controlpb.CancelJob{JobId: jobID, Reason: context.Cause(ctx).Error()})
	})
	defer stop()
	res, err := fut.Result()
	if err != nil {
		if errors.Is(err, actor.ErrTimeout) {
			return nil, fmt.Errorf("job %s: no answer from the driver: %w", jobID, err)
		}
		return nil, err
	}
	fin, ok := res.(*controlpb.JobFinished)
	if !ok {
		return nil, fmt.Errorf("job %s: unexpected answer %T", jobID, res)
	}
	return fin, nil
}
