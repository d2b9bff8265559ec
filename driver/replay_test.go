package driver

import (
	"testing"
	"time"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/actors/actorstest"
	"github.com/sailgo/sail/proto/controlpb"
	_ "github.com/sailgo/sail/proto/sessionpb" // a foreign message type for the mailbox scenario
)

// replayConfig is the driver configuration every scenario under testdata/actors/driver runs
// with; autoscale.replay and start_workers.replay add a worker manager and the timeouts they
// exercise (start_workers.replay with an initial count of 2 and a maximum of 3).
func replayConfig(name string) Config {
	cfg := Config{
		Self:              &controlpb.ActorRef{Address: "10.0.0.1:7000", Id: "driver"},
		HeartbeatInterval: 10 * time.Second,
		HeartbeatTimeout:  30 * time.Second,
	}
	if name == "autoscale.replay" || name == "start_workers.replay" {
		cfg.TaskLaunchTimeout = 30 * time.Second
		cfg.WorkerInitialCount, cfg.WorkerMaxCount = 1, 2
		if name == "start_workers.replay" {
			cfg.WorkerInitialCount, cfg.WorkerMaxCount = 2, 3
		}
		cfg.WorkerIdleTimeout = time.Minute
		cfg.WorkerLaunchTimeout = 30 * time.Second
	}
	return cfg
}

func TestDriverReplays(t *testing.T) {
	actorstest.ReplayFiles(t, "../testdata/actors/driver", func(name string) actors.Machine {
		return New(replayConfig(name), nil)
	})
}
