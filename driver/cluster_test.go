package driver_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/transport/flight"
	"github.com/sailgo/sail/worker"
)

// These tests run a real cluster on localhost: the driver in the test process, each worker in
// a child process (this test binary re-run as TestWorkerProcess), all talking over
// protoactor-go remote. One remote per process: protoactor's Remote.Start replaces gRPC's
// process-wide logger, which the race detector reports against an earlier remote's goroutines,
// and separate processes also let a test kill a worker for real.

const (
	envDriver = "SAIL_TEST_DRIVER_ADDRESS"
	envName   = "SAIL_TEST_DRIVER_NAME"
	envWorker = "SAIL_TEST_WORKER_ID"
	envMode   = "SAIL_TEST_WORKER_MODE"
	// envHost is the host a worker listens on (with any free port); a worker listening on
	// every interface advertises 127.0.0.1.
	envHost = "SAIL_TEST_WORKER_HOST"
)

// fakeRunner stands in for plan execution; mode picks its behaviour:
// "ok" succeeds; "flaky" fails attempts 0 and 1 of map partition 2; "block" blocks every
// task until stopped; "block-final" blocks final-stage tasks until stopped.
type fakeRunner struct{ mode string }

func (r fakeRunner) Run(ctx context.Context, t *controlpb.RunTask) ([]*controlpb.PartitionStats, error) {
	ref := t.GetTask()
	if r.mode == "block" || (r.mode == "block-final" && t.GetFinal()) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if r.mode == "flaky" && ref.GetStageId() == 0 && ref.GetPartition() == 2 && ref.GetAttempt() < 2 {
		return nil, errors.New("[DIVIDE_BY_ZERO] Division by zero.")
	}
	return []*controlpb.PartitionStats{{ReducePartition: ref.GetPartition(), Rows: int64(len(t.GetInputs()) + 1)}}, nil
}

// dieOnFinal kills its own process (SIGKILL, as kill -9) when a final-stage task starts.
type dieOnFinal struct{ worker.TaskRunner }

func (r dieOnFinal) Run(ctx context.Context, t *controlpb.RunTask) ([]*controlpb.PartitionStats, error) {
	if t.GetFinal() {
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	return r.TaskRunner.Run(ctx, t)
}

type printStore struct{}

func (printStore) RemoveJob(id string) { fmt.Println("cleaned", id) }

// TestWorkerProcess is the body of a worker child process; it does nothing in a normal run.
func TestWorkerProcess(t *testing.T) {
	id := os.Getenv(envWorker)
	if id == "" {
		t.Skip("runs only as a child process of the cluster tests")
	}
	// protoactor's own log (connections made and lost) goes to the output the parent shows
	// when a test fails.
	rc := remoting.Config{Host: os.Getenv(envHost), Logger: slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if rc.Host != "" && rc.Host != "127.0.0.1" {
		rc.AdvertisedHost = "127.0.0.1"
	}
	node, err := remoting.Start(rc)
	if err != nil {
		t.Fatal(err)
	}
	stopped := make(chan string, 1)
	var runner worker.TaskRunner = fakeRunner{os.Getenv(envMode)}
	var store worker.Store = printStore{}
	flightAddr := "flight-" + id
	if mode := os.Getenv(envMode); mode == "flight" || mode == "flight-die-final" {
		// The real data plane: a shuffle store served over Flight (started after the remote,
		// which resets gRPC's logger).
		st := flight.NewStore(flight.StoreOptions{})
		srv, err := flight.NewServer(st, "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Stop()
		client := flight.NewClient(nil)
		defer client.Close()
		flightAddr = srv.Addr()
		runner = worker.FlightRunner{Data: &flight.Worker{Store: st, Addr: srv.Addr(), Client: client}}
		if mode == "flight-die-final" {
			runner = dieOnFinal{runner}
		}
		store = st
	}
	_, err = worker.Spawn(node, worker.Config{
		WorkerID: id, Driver: &controlpb.ActorRef{Address: os.Getenv(envDriver), Id: os.Getenv(envName)},
		FlightAddress: flightAddr, Slots: 2, RegisterRetry: 500 * time.Millisecond,
	}, runner, store, func(reason string) { stopped <- reason }, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("started", id)
	// Run until told to stop or until the parent goes away (stdin closes).
	eof := make(chan struct{})
	go func() {
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
		close(eof)
	}()
	select {
	case <-stopped:
	case <-eof:
	}
	node.Stop()
}

// driverCount numbers the tests' drivers: each has its own name.
var driverCount atomic.Int64

// driverNode is the one remote of the test process, shared by the tests' drivers. Its
// protoactor log goes to driverLog, which a failing test shows.
var driverNode = sync.OnceValues(func() (*remoting.Node, error) {
	return remoting.Start(remoting.Config{Logger: slog.New(slog.NewTextHandler(driverLog, &slog.HandlerOptions{Level: slog.LevelInfo}))})
})

var driverLog = &syncBuffer{}

type cluster struct {
	node      *remoting.Node
	name      string
	pid       *actor.PID
	recording *syncBuffer
	procs     map[string]*exec.Cmd
	out       map[string]*syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var clusterConfig = driver.Config{HeartbeatInterval: 200 * time.Millisecond, HeartbeatTimeout: 3 * time.Second}

// startCluster starts the driver here and one child process per worker mode, and waits
// until every worker registered. A mode may name the worker's listening host after an @
// ("ok@0.0.0.0").
func startCluster(t *testing.T, modes ...string) (*cluster, context.Context) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	c := &cluster{recording: &syncBuffer{}, procs: map[string]*exec.Cmd{}, out: map[string]*syncBuffer{}}
	node, err := driverNode()
	if err != nil {
		t.Fatal(err)
	}
	c.node, c.name = node, fmt.Sprintf("driver-%d", driverCount.Add(1))
	logFrom := len(driverLog.String())
	c.pid, err = driver.SpawnNamed(node, c.name, clusterConfig, nil, nil, actors.WithRecorder(c.recording))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = node.System.Root.StopFuture(c.pid).Wait()
		if t.Failed() {
			// What the driver received and did, task plans left out.
			var b strings.Builder
			for _, line := range strings.Split(c.recording.String(), "\n") {
				if strings.Contains(line, "sail.control.RunTask") {
					if i := strings.Index(line, `"plan":`); i >= 0 {
						line = line[:i] + "..."
					}
				}
				b.WriteString(line + "\n")
			}
			t.Logf("the driver's recording:\n%s", b.String())
			t.Logf("the driver's remote log:\n%s", driverLog.String()[logFrom:])
		}
	})
	for i, mode := range modes {
		id := fmt.Sprintf("w%d", i+1)
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestWorkerProcess$")
		mode, host, _ := strings.Cut(mode, "@")
		cmd.Env = append(os.Environ(), envDriver+"="+node.Address(), envName+"="+c.name, envWorker+"="+id, envMode+"="+mode, envHost+"="+host)
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stdin.Close()
			_ = cmd.Wait()
			if t.Failed() {
				t.Logf("worker %s output:\n%s", id, out.String())
			}
		})
		c.procs[id], c.out[id] = cmd, out
	}
	waitFor(t, ctx, func() bool { return len(c.status(t).GetWorkers()) == len(modes) })
	return c, ctx
}

func (c *cluster) status(t *testing.T) *controlpb.ClusterStatus {
	res, err := actors.Ask(c.node.System.Root, c.pid, &controlpb.GetClusterStatus{}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return res.Msg.(*controlpb.ClusterStatus)
}

// sent lists the messages of one type the driver sent, by the worker they went to.
func (c *cluster) sent(t *testing.T, typ string) (to []string, msgs []*controlpb.RunTask) {
	for _, line := range strings.Split(c.recording.String(), "\n") {
		rest, ok := strings.CutPrefix(line, "send ")
		if !ok {
			continue
		}
		dest, msg, _ := strings.Cut(rest, " ")
		name, body, _ := strings.Cut(msg, " ")
		if name != typ {
			continue
		}
		run := &controlpb.RunTask{}
		if typ == "sail.control.RunTask" {
			if err := protojson.Unmarshal([]byte(body), run); err != nil {
				t.Fatal(err)
			}
		}
		_, actorID, _ := strings.Cut(dest, "/")
		to, msgs = append(to, strings.TrimPrefix(actorID, "worker-")), append(msgs, run)
	}
	return to, msgs
}

func twoStages() []*controlpb.Stage {
	return []*controlpb.Stage{
		{Id: 0, Partitions: 4, Plan: []byte("map")},
		{Id: 1, Partitions: 2, Plan: []byte("reduce"), InputStageIds: []int32{0}, Final: true},
	}
}

func TestTwoStageJobOverRemote(t *testing.T) {
	c, ctx := startCluster(t, "ok", "ok")
	fin, err := driver.Submit(ctx, c.node.System, c.pid, "job-1", twoStages())
	if err != nil {
		t.Fatal(err)
	}
	if fin.GetOutcome() != controlpb.JobFinished_SUCCEEDED || len(fin.GetResults()) != 2 {
		t.Fatalf("job answer: %v", fin)
	}
	// Each task ran once; each reduce task got all four map outputs, each with the Flight
	// address of the worker that produced it.
	to, runs := c.sent(t, "sail.control.RunTask")
	mapOn := map[int32]string{}
	ranOn := map[string]string{}
	for i, run := range runs {
		ref := run.GetTask()
		ranOn[fmt.Sprintf("%d/%d", ref.GetStageId(), ref.GetPartition())] = to[i]
		if ref.GetStageId() == 0 {
			mapOn[ref.GetPartition()] = "flight-" + to[i]
		}
	}
	if len(runs) != 6 || len(mapOn) != 4 {
		t.Fatalf("ran %d tasks, %d map partitions", len(runs), len(mapOn))
	}
	for _, run := range runs[4:] {
		if !run.GetFinal() || len(run.GetInputs()) != 4 {
			t.Fatalf("reduce task %v", run)
		}
		for _, in := range run.GetInputs() {
			if mapOn[in.GetMapPartition()] != in.GetFlightAddress() {
				t.Fatalf("input %v, but map partition ran on %s", in, mapOn[in.GetMapPartition()])
			}
		}
	}
	for i, loc := range fin.GetResults() {
		if loc.GetPartition() != int32(i) || loc.GetFlightAddress() != "flight-"+ranOn[fmt.Sprintf("1/%d", i)] {
			t.Fatalf("result location %v", loc)
		}
	}
	// Releasing the job cleans up its outputs on both workers.
	c.node.System.Root.Send(c.pid, &controlpb.ReleaseJob{JobId: "job-1"})
	waitFor(t, ctx, func() bool {
		return strings.Contains(c.out["w1"].String(), "cleaned job-1") && strings.Contains(c.out["w2"].String(), "cleaned job-1")
	})
	// The recording of the real run replays to the same effects.
	replayRecording(t, c)
}

// Workers listening on every interface (IPv4 and IPv6), with any free port and 127.0.0.1
// advertised, register and run a job's tasks both ways: before the remote fixed its
// address ahead of its start, such a worker's first send (its registration) never left.
func TestWildcardWorkersOverRemote(t *testing.T) {
	modes := []string{"ok@0.0.0.0"}
	if l, err := net.Listen("tcp", "[::1]:0"); err == nil {
		l.Close()
		modes = append(modes, "ok@::")
	} else {
		modes = append(modes, "ok@0.0.0.0")
	}
	c, ctx := startCluster(t, modes...)
	fin, err := driver.Submit(ctx, c.node.System, c.pid, "job-w", twoStages())
	if err != nil {
		t.Fatal(err)
	}
	if fin.GetOutcome() != controlpb.JobFinished_SUCCEEDED || len(fin.GetResults()) != 2 {
		t.Fatalf("job answer: %v", fin)
	}
	to, _ := c.sent(t, "sail.control.RunTask")
	ran := map[string]bool{}
	for _, w := range to {
		ran[w] = true
	}
	if len(to) != 6 || !ran["w1"] || !ran["w2"] {
		t.Fatalf("tasks ran on %v", to)
	}
	// The driver reached the workers at their advertised host and real port.
	for _, line := range strings.Split(c.recording.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, "send "); ok {
			dest, _, _ := strings.Cut(rest, "/")
			if host, port, err := net.SplitHostPort(dest); err != nil || host != "127.0.0.1" || port == "0" {
				t.Fatalf("the driver sent to %q", dest)
			}
		}
	}
	c.node.System.Root.Send(c.pid, &controlpb.ReleaseJob{JobId: "job-w"})
	waitFor(t, ctx, func() bool {
		return strings.Contains(c.out["w1"].String(), "cleaned job-w") && strings.Contains(c.out["w2"].String(), "cleaned job-w")
	})
	replayRecording(t, c)
}

func replayRecording(t *testing.T, c *cluster) {
	t.Helper()
	cfg := clusterConfig
	cfg.Self = &controlpb.ActorRef{Address: c.node.Address(), Id: c.name}
	if errs := actors.Replay(driver.New(cfg, nil), strings.NewReader(c.recording.String())); len(errs) != 0 {
		t.Fatalf("the recording does not replay: %v\n%s", errs, c.recording.String())
	}
}

func TestFailingTaskRetriedOverRemote(t *testing.T) {
	c, ctx := startCluster(t, "flaky", "flaky")
	fin, err := driver.Submit(ctx, c.node.System, c.pid, "job-2", twoStages())
	if err != nil {
		t.Fatal(err)
	}
	if fin.GetOutcome() != controlpb.JobFinished_SUCCEEDED {
		t.Fatalf("job answer: %v", fin)
	}
	to, runs := c.sent(t, "sail.control.RunTask")
	var workers []string
	for i, run := range runs {
		if ref := run.GetTask(); ref.GetStageId() == 0 && ref.GetPartition() == 2 {
			if ref.GetAttempt() != int32(len(workers)) {
				t.Fatalf("attempt %d out of order", ref.GetAttempt())
			}
			workers = append(workers, to[i])
		}
	}
	// Three attempts, each retry on the other worker.
	if len(workers) != 3 || workers[0] == workers[1] || workers[1] == workers[2] {
		t.Fatalf("attempts of the failing task ran on %v", workers)
	}
	replayRecording(t, c)
}

func TestCancelOverRemote(t *testing.T) {
	c, ctx := startCluster(t, "block", "block")
	jobCtx, cancel := context.WithCancelCause(ctx)
	go func() {
		waitFor(t, ctx, func() bool {
			to, _ := c.sent(t, "sail.control.RunTask")
			return len(to) == 4
		})
		cancel(errors.New("[OPERATION_CANCELED] Operation has been cancelled."))
	}()
	fin, err := driver.Submit(jobCtx, c.node.System, c.pid, "job-3", twoStages())
	if err != nil {
		t.Fatal(err)
	}
	if fin.GetOutcome() != controlpb.JobFinished_CANCELLED || fin.GetError() != "[OPERATION_CANCELED] Operation has been cancelled." {
		t.Fatalf("job answer: %v", fin)
	}
	// The workers stop the tasks (their contexts are cancelled), answer CANCELLED, and the
	// slots come back; both workers drop the job's outputs.
	waitFor(t, ctx, func() bool {
		for _, w := range c.status(t).GetWorkers() {
			if w.GetRunning() != 0 {
				return false
			}
		}
		return true
	})
	waitFor(t, ctx, func() bool {
		return strings.Contains(c.out["w1"].String(), "cleaned job-3") && strings.Contains(c.out["w2"].String(), "cleaned job-3")
	})
	replayRecording(t, c)
}

// TestKilledWorkerOverRemote kills (SIGKILL) a worker while the final stage runs on it: the
// driver notices (endpoint terminated or heartbeat timeout), recomputes the map outputs it
// held on the surviving worker, and the job still succeeds there.
func TestKilledWorkerOverRemote(t *testing.T) {
	c, ctx := startCluster(t, "ok", "block-final")
	done := make(chan struct{})
	var fin *controlpb.JobFinished
	var err error
	go func() {
		defer close(done)
		fin, err = driver.Submit(ctx, c.node.System, c.pid, "job-4", twoStages())
	}()
	// Wait until w2 runs a final-stage task, then kill it.
	waitFor(t, ctx, func() bool {
		to, runs := c.sent(t, "sail.control.RunTask")
		for i, run := range runs {
			if run.GetFinal() && to[i] == "w2" {
				return true
			}
		}
		return false
	})
	if err := c.procs["w2"].Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if fin.GetOutcome() != controlpb.JobFinished_SUCCEEDED {
		t.Fatalf("job answer: %v", fin)
	}
	for _, loc := range fin.GetResults() {
		if loc.GetFlightAddress() != "flight-w1" {
			t.Fatalf("result on a lost worker: %v", loc)
		}
	}
	// w1 recomputed the map partitions w2 had produced, as new attempts.
	to, runs := c.sent(t, "sail.control.RunTask")
	lostMaps := map[int32]bool{}
	for i, run := range runs {
		if ref := run.GetTask(); ref.GetStageId() == 0 && ref.GetAttempt() == 0 && to[i] == "w2" {
			lostMaps[ref.GetPartition()] = true
		}
	}
	for i, run := range runs {
		if ref := run.GetTask(); ref.GetStageId() == 0 && ref.GetAttempt() == 1 {
			if to[i] != "w1" || !lostMaps[ref.GetPartition()] {
				t.Fatalf("recomputed map partition %d on %s; lost were %v", ref.GetPartition(), to[i], lostMaps)
			}
			delete(lostMaps, ref.GetPartition())
		}
	}
	if len(lostMaps) != 0 {
		t.Fatalf("map outputs not recomputed: %v", lostMaps)
	}
	if got := len(c.status(t).GetWorkers()); got != 1 {
		t.Fatalf("%d workers left", got)
	}
	// The run, loss included, replays from its recording.
	replayRecording(t, c)
}

func waitFor(t *testing.T, ctx context.Context, cond func() bool) {
	for !cond() {
		if ctx.Err() != nil {
			t.Error("timed out")
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
