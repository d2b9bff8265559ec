package worker

import (
	"testing"
	"time"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/actors/actorstest"
	"github.com/sailgo/sail/proto/controlpb"
	_ "github.com/sailgo/sail/proto/sessionpb" // a foreign message type for the mailbox scenario
)

func replayConfig() Config {
	return Config{
		WorkerID:      "w1",
		Self:          &controlpb.ActorRef{Address: "10.0.0.2:7000", Id: "worker"},
		Driver:        &controlpb.ActorRef{Address: "10.0.0.1:7000", Id: "driver"},
		FlightAddress: "10.0.0.2:7100",
		Slots:         2,
		RegisterRetry: 5 * time.Second,
	}
}

func TestWorkerReplays(t *testing.T) {
	actorstest.ReplayFiles(t, "../testdata/actors/worker", func(string) actors.Machine {
		return New(replayConfig(), nil, nil, nil)
	})
}
