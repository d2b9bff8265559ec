package worker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/proto/controlpb"
)

// TaskRunner runs one task: it decodes the task's plan, executes one partition with the
// task's inputs, and puts map output into the worker's shuffle store (or keeps the final
// stage's output for the driver to fetch). It returns the output statistics per reduce
// partition. ctx is cancelled when the driver stops the task.
type TaskRunner interface {
	Run(ctx context.Context, task *controlpb.RunTask) ([]*controlpb.PartitionStats, error)
}

// FetchFailedError is a task failure caused by an input that could not be fetched: the
// output is gone or the worker holding it is unreachable. The driver then recomputes the
// outputs at Address instead of counting a task failure.
type FetchFailedError struct {
	Address string
	Err     error
}

func (e *FetchFailedError) Error() string { return e.Err.Error() }
func (e *FetchFailedError) Unwrap() error { return e.Err }

// Store holds task outputs; the worker drops a job's outputs when the driver says so.
// transport/flight's shuffle store implements it.
type Store interface {
	RemoveJob(jobID string)
}

// Config holds a worker's settings.
type Config struct {
	WorkerID string
	// Self is this worker actor's address, sent at registration.
	Self *controlpb.ActorRef
	// Driver is the driver actor's address (from configuration).
	Driver *controlpb.ActorRef
	// FlightAddress is where this worker's Flight server serves task outputs.
	FlightAddress string
	// Slots is how many tasks run at once.
	Slots int
	// RegisterRetry is how long to wait for the driver's answer before registering again.
	RegisterRetry time.Duration
}

// Worker is the Worker actor's logic: it registers with the driver, heartbeats through a
// delayed self-message, runs each task in its own goroutine (a Spawn effect whose completion
// comes back as TaskDone) within its slot limit, reports each task's status with a
// sequence number, stops tasks on request and drops job outputs. It is deterministic given
// its messages.
type Worker struct {
	cfg    Config
	runner TaskRunner
	store  Store
	// onStop is called when the worker is told to stop or is rejected; nil in replays.
	onStop func(reason string)

	registered bool
	beatLoop   bool
	interval   time.Duration
	beats      int64
	running    []*runningTask
}

type runningTask struct {
	ref     *controlpb.TaskRef
	driver  *controlpb.ActorRef
	seq     int64
	cancel  context.CancelFunc
	stopped bool
}

// New builds the Worker machine. runner, store and onStop may be nil in replays.
func New(cfg Config, runner TaskRunner, store Store, onStop func(reason string)) *Worker {
	if cfg.Slots <= 0 {
		cfg.Slots = 1
	}
	if cfg.RegisterRetry <= 0 {
		cfg.RegisterRetry = 5 * time.Second
	}
	return &Worker{cfg: cfg, runner: runner, store: store, onStop: onStop, interval: 10 * time.Second}
}

// Mailbox is the closed set of messages a Worker accepts.
func (w *Worker) Mailbox() actors.Mailbox {
	return actors.NewMailbox(&controlpb.RegisterTick{}, &controlpb.WorkerRegistered{},
		&controlpb.WorkerRejected{}, &controlpb.HeartbeatTick{}, &controlpb.RunTask{},
		&controlpb.StopTask{}, &controlpb.TaskDone{}, &controlpb.CleanUpJob{}, &controlpb.StopWorker{})
}

func send(to *controlpb.ActorRef, msg proto.Message) actors.Effect {
	return actors.Send{Address: to.GetAddress(), ID: to.GetId(), Msg: msg}
}

// Handle processes one message.
func (w *Worker) Handle(msg proto.Message) []actors.Effect {
	switch msg := msg.(type) {
	case *controlpb.RegisterTick:
		if w.registered {
			return nil
		}
		return []actors.Effect{
			send(w.cfg.Driver, &controlpb.RegisterWorker{
				ProtocolVersion: int32(controlpb.ProtocolVersion_PROTOCOL_VERSION_CURRENT),
				WorkerId:        w.cfg.WorkerID, Worker: w.cfg.Self,
				FlightAddress: w.cfg.FlightAddress, Slots: int32(w.cfg.Slots),
			}),
			actors.After{Delay: w.cfg.RegisterRetry, Msg: &controlpb.RegisterTick{}},
		}
	case *controlpb.WorkerRegistered:
		if msg.GetWorkerId() != w.cfg.WorkerID {
			return nil
		}
		w.registered = true
		if ms := msg.GetHeartbeatIntervalMillis(); ms > 0 {
			w.interval = time.Duration(ms) * time.Millisecond
		}
		if w.beatLoop {
			return nil
		}
		w.beatLoop = true
		return []actors.Effect{actors.After{Delay: w.interval, Msg: &controlpb.HeartbeatTick{}}}
	case *controlpb.WorkerRejected:
		return w.stopAll("rejected by the driver: " + msg.GetReason())
	case *controlpb.HeartbeatTick:
		w.beats++
		return []actors.Effect{
			send(w.cfg.Driver, &controlpb.WorkerHeartbeat{WorkerId: w.cfg.WorkerID, Sequence: w.beats, Worker: w.cfg.Self}),
			actors.After{Delay: w.interval, Msg: &controlpb.HeartbeatTick{}},
		}
	case *controlpb.RunTask:
		return w.run(msg)
	case *controlpb.StopTask:
		if r := w.find(msg.GetTask()); r != nil && !r.stopped {
			r.stopped = true
			return []actors.Effect{actors.Perform{Name: "stop-task", Detail: r.ref, Do: r.cancel}}
		}
	case *controlpb.TaskDone:
		return w.done(msg)
	case *controlpb.CleanUpJob:
		id := msg.GetJobId()
		return []actors.Effect{actors.Perform{Name: "clean-up-job", Detail: msg, Do: func() {
			if w.store != nil {
				w.store.RemoveJob(id)
			}
		}}}
	case *controlpb.StopWorker:
		return w.stopAll(msg.GetReason())
	}
	return nil
}

func (w *Worker) find(ref *controlpb.TaskRef) *runningTask {
	for _, r := range w.running {
		if proto.Equal(r.ref, ref) {
			return r
		}
	}
	return nil
}

func (w *Worker) driverOf(msg *controlpb.RunTask) *controlpb.ActorRef {
	if d := msg.GetDriver(); d.GetId() != "" {
		return d
	}
	return w.cfg.Driver
}

func (w *Worker) run(msg *controlpb.RunTask) []actors.Effect {
	ref := msg.GetTask()
	driver := w.driverOf(msg)
	if w.find(ref) != nil {
		return nil // delivered twice
	}
	if len(w.running) >= w.cfg.Slots {
		return []actors.Effect{send(driver, &controlpb.TaskStatus{
			Task: ref, WorkerId: w.cfg.WorkerID, Sequence: 1, State: controlpb.TaskStatus_FAILED,
			Error: "no free task slot on worker " + w.cfg.WorkerID,
		})}
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &runningTask{ref: ref, driver: driver, seq: 1, cancel: cancel}
	w.running = append(w.running, r)
	runner := w.runner
	return []actors.Effect{
		send(driver, &controlpb.TaskStatus{Task: ref, WorkerId: w.cfg.WorkerID, Sequence: 1, State: controlpb.TaskStatus_RUNNING}),
		actors.Spawn{Name: "run-task", Detail: ref, Run: func() proto.Message {
			defer cancel()
			done := &controlpb.TaskDone{Task: ref}
			if runner == nil {
				done.Error = "the worker has no task runner"
				return done
			}
			outputs, err := runTask(ctx, runner, msg)
			switch {
			case ctx.Err() != nil:
				done.Cancelled = true
			case err != nil:
				done.Error = err.Error()
				var ff *FetchFailedError
				if errors.As(err, &ff) {
					done.FetchFailedAddress = ff.Address
				} else {
					done.SparkError = EncodeError(err)
				}
			default:
				done.Ok, done.Outputs = true, outputs
			}
			return done
		}},
	}
}

// runTask runs the runner, turning a panic into an error so one bad task cannot take the
// worker down.
func runTask(ctx context.Context, runner TaskRunner, msg *controlpb.RunTask) (outputs []*controlpb.PartitionStats, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError{p}
		}
	}()
	return runner.Run(ctx, msg)
}

type panicError struct{ v any }

func (e panicError) Error() string { return "task panicked: " + fmt.Sprint(e.v) }

func (w *Worker) done(msg *controlpb.TaskDone) []actors.Effect {
	r := w.find(msg.GetTask())
	if r == nil {
		return nil
	}
	w.running = slices.DeleteFunc(w.running, func(x *runningTask) bool { return x == r })
	r.seq++
	st := &controlpb.TaskStatus{Task: r.ref, WorkerId: w.cfg.WorkerID, Sequence: r.seq}
	switch {
	case r.stopped || msg.GetCancelled():
		st.State = controlpb.TaskStatus_CANCELLED
	case msg.GetOk():
		st.State, st.Outputs = controlpb.TaskStatus_SUCCEEDED, msg.GetOutputs()
	default:
		// Protobuf strings must be UTF-8, and an error message may quote a user's bytes: a
		// message that does not marshal would never reach the driver.
		st.State, st.Error, st.FetchFailedAddress = controlpb.TaskStatus_FAILED, validUTF8(msg.GetError()), msg.GetFetchFailedAddress()
		st.SparkError = msg.GetSparkError()
	}
	return []actors.Effect{send(r.driver, st)}
}

// stopAll cancels every running task and stops the worker.
func (w *Worker) stopAll(reason string) []actors.Effect {
	var out []actors.Effect
	for _, r := range w.running {
		if !r.stopped {
			r.stopped = true
			out = append(out, actors.Perform{Name: "stop-task", Detail: r.ref, Do: r.cancel})
		}
	}
	onStop := w.onStop
	return append(out, actors.Perform{Name: "stop-worker", Detail: &controlpb.StopWorker{Reason: reason}, Do: func() {
		if onStop != nil {
			onStop(reason)
		}
	}})
}

// State reports what the worker is doing, for replays.
func (w *Worker) State() proto.Message {
	st := &controlpb.WorkerState{Registered: w.registered, Slots: int32(w.cfg.Slots), HeartbeatSequence: w.beats}
	for _, r := range w.running {
		st.Running = append(st.Running, r.ref)
	}
	return st
}

// InputLocations arranges a task's inputs as the shuffle fetcher wants them: for each input
// stage, the Flight address of map partition i at index i (transport/flight.Locations).
func InputLocations(run *controlpb.RunTask) map[int32][]string {
	locs := map[int32][]string{}
	for _, in := range run.GetInputs() {
		addrs := locs[in.GetStageId()]
		for int(in.GetMapPartition()) >= len(addrs) {
			addrs = append(addrs, "")
		}
		addrs[in.GetMapPartition()] = in.GetFlightAddress()
		locs[in.GetStageId()] = addrs
	}
	return locs
}
