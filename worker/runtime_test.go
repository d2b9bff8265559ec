package worker

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/proto/controlpb"
)

type funcRunner func(ctx context.Context, t *controlpb.RunTask) ([]*controlpb.PartitionStats, error)

func (f funcRunner) Run(ctx context.Context, t *controlpb.RunTask) ([]*controlpb.PartitionStats, error) {
	return f(ctx, t)
}

// TestWorkerRunsTasksInGoroutines runs a worker actor in process, with a probe actor as its
// driver: tasks run concurrently, a stopped task reports CANCELLED, a failing one FAILED, a
// panicking one FAILED without taking the worker down.
func TestWorkerRunsTasksInGoroutines(t *testing.T) {
	sys := actor.NewActorSystem(actor.WithLoggerFactory(func(*actor.ActorSystem) *slog.Logger { return slog.New(slog.DiscardHandler) }))
	defer sys.Shutdown()
	got := make(chan proto.Message, 100)
	probe, err := sys.Root.SpawnNamed(actor.PropsFromFunc(func(c actor.Context) {
		if m, ok := c.Message().(proto.Message); ok {
			got <- m
		}
	}), "driver")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan string, 10)
	runner := funcRunner(func(ctx context.Context, task *controlpb.RunTask) ([]*controlpb.PartitionStats, error) {
		started <- string(task.GetPlan())
		switch string(task.GetPlan()) {
		case "wait":
			<-ctx.Done()
			return []*controlpb.PartitionStats{{Rows: 1}}, nil // stopped: reported CANCELLED anyway
		case "fail":
			return nil, errors.New("[DIVIDE_BY_ZERO] Division by zero.")
		case "panic":
			panic("index out of range")
		}
		return []*controlpb.PartitionStats{{ReducePartition: 1, Rows: 7}}, nil
	})
	pid, err := Spawn(&remoting.Node{System: sys}, Config{
		WorkerID: "w1", Driver: &controlpb.ActorRef{Address: probe.GetAddress(), Id: probe.GetId()}, Slots: 2,
	}, runner, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	next := func() proto.Message {
		select {
		case m := <-got:
			return m
		case <-time.After(10 * time.Second):
			t.Fatal("no message from the worker")
			return nil
		}
	}
	if reg, ok := next().(*controlpb.RegisterWorker); !ok || reg.GetSlots() != 2 {
		t.Fatalf("registration: %v", reg)
	}
	sys.Root.Send(pid, &controlpb.WorkerRegistered{WorkerId: "w1", HeartbeatIntervalMillis: 60_000})
	task := func(p int32, plan string) *controlpb.RunTask {
		return &controlpb.RunTask{Task: &controlpb.TaskRef{JobId: "j", Partition: p}, Plan: []byte(plan)}
	}
	status := func() *controlpb.TaskStatus {
		for {
			if st, ok := next().(*controlpb.TaskStatus); ok {
				return st
			}
		}
	}
	// a task that waits for its stop, alongside tasks that end on their own
	sys.Root.Send(pid, task(0, "wait"))
	if st := status(); st.GetState() != controlpb.TaskStatus_RUNNING || st.GetSequence() != 1 {
		t.Fatalf("status %v", st)
	}
	<-started
	for i, tc := range []struct {
		plan  string
		state controlpb.TaskStatus_State
		error string
	}{
		{"ok", controlpb.TaskStatus_SUCCEEDED, ""},
		{"fail", controlpb.TaskStatus_FAILED, "[DIVIDE_BY_ZERO] Division by zero."},
		{"panic", controlpb.TaskStatus_FAILED, "task panicked: index out of range"},
	} {
		sys.Root.Send(pid, task(int32(i+1), tc.plan))
		if st := status(); st.GetState() != controlpb.TaskStatus_RUNNING {
			t.Fatalf("%s: status %v", tc.plan, st)
		}
		st := status()
		if st.GetState() != tc.state || st.GetError() != tc.error || st.GetSequence() != 2 || st.GetTask().GetPartition() != int32(i+1) {
			t.Fatalf("%s: status %v", tc.plan, st)
		}
		if tc.state == controlpb.TaskStatus_SUCCEEDED && st.GetOutputs()[0].GetRows() != 7 {
			t.Fatalf("outputs %v", st.GetOutputs())
		}
	}
	sys.Root.Send(pid, &controlpb.StopTask{Task: &controlpb.TaskRef{JobId: "j"}})
	if st := status(); st.GetState() != controlpb.TaskStatus_CANCELLED || st.GetSequence() != 2 {
		t.Fatalf("stopped task: %v", st)
	}
}

func TestInputLocations(t *testing.T) {
	run := &controlpb.RunTask{Inputs: []*controlpb.TaskInput{
		{StageId: 0, MapPartition: 1, FlightAddress: "b"},
		{StageId: 0, MapPartition: 0, FlightAddress: "a"},
		{StageId: 2, MapPartition: 0, FlightAddress: "c"},
	}}
	got := InputLocations(run)
	if len(got) != 2 || len(got[0]) != 2 || got[0][0] != "a" || got[0][1] != "b" || len(got[2]) != 1 || got[2][0] != "c" {
		t.Fatalf("locations %v", got)
	}
}
