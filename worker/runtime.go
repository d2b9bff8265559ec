package worker

import (
	"log/slog"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/proto/controlpb"
)

// Spawn starts a worker actor on node and has it register with the driver named in cfg.
// cfg.Self is set from the node.
func Spawn(node *remoting.Node, cfg Config, runner TaskRunner, store Store, onStop func(reason string), log *slog.Logger, opts ...actors.Option) (*actor.PID, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	name := "worker-" + cfg.WorkerID
	cfg.Self = &controlpb.ActorRef{Address: node.Address(), Id: name}
	pid, err := node.System.Root.SpawnNamed(actors.Props(New(cfg, runner, store, onStop), log, opts...), name)
	if err != nil {
		return nil, err
	}
	node.System.Root.Send(pid, &controlpb.RegisterTick{})
	return pid, nil
}
