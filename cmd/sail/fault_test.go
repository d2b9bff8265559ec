package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/bench/tpch"
	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// The fault test: TPC-H q9 and q18 at SF0.1 on a cluster of three worker processes, one of
// which is killed with SIGKILL in the middle of every run, once it holds finished map
// outputs and runs tasks (observed through the driver's status, never by sleeping). The
// answer must still equal the expected CSV every time: the driver reruns the dead worker's
// tasks and recomputes its lost outputs on the others.
//
// The server and the workers are a sail built once without the race detector (the test
// itself may run under -race); the test talks to the driver over the actor remote, as
// sailctl does. SAIL_FAULT_RUNS sets the runs per query (default 10).

var (
	plainOnce sync.Once
	plainPath string
	plainErr  error
)

// plainSailBinary builds sail without the race detector, once per test run.
func plainSailBinary(t *testing.T) string {
	t.Helper()
	plainOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sail-fault")
		if err != nil {
			plainErr = err
			return
		}
		plainPath = filepath.Join(dir, "sail")
		out, err := exec.Command("go", "build", "-o", plainPath, ".").CombinedOutput()
		if err != nil {
			plainErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if plainErr != nil {
		t.Fatal(plainErr)
	}
	return plainPath
}

// controlNode is the test process's one actor remote, shared by the tests. It starts in
// TestMain, before any test opens a gRPC connection: protoactor's Remote.Start replaces
// gRPC's process-wide logger, which races with gRPC goroutines already running.
var controlNode = sync.OnceValues(func() (*remoting.Node, error) { return remoting.Start(remoting.Config{Host: "127.0.0.1"}) })

func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		if _, err := controlNode(); err != nil {
			fmt.Fprintln(os.Stderr, "starting the test's actor remote:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

func sharedDir() string {
	if d := os.Getenv("SAIL_SHARED"); d != "" {
		return d
	}
	return "/work/shared"
}

// testCluster is a cluster-mode server with its workers, all child processes.
type testCluster struct {
	t       *testing.T
	bin     string
	addr    string // Spark Connect
	driver  string // the driver's actor remote
	control *remoting.Node
	mu      sync.Mutex
	workers map[string]*exec.Cmd
	next    int
	logs    *syncLog
}

type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) line(prefix, s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.WriteString(prefix + s + "\n")
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// pipeLines copies a process's output into the log, sending lines with a prefix to found.
func pipeLines(r *bufio.Scanner, log *syncLog, name string, want map[string]chan string) {
	for r.Scan() {
		line := r.Text()
		log.line("["+name+"] ", line)
		for prefix, ch := range want {
			if rest, ok := strings.CutPrefix(line, prefix); ok {
				select {
				case ch <- strings.TrimSpace(rest):
				default:
				}
			}
		}
	}
}

func startTestCluster(t *testing.T, workers int) *testCluster {
	t.Helper()
	c := &testCluster{t: t, bin: plainSailBinary(t), workers: map[string]*exec.Cmd{}, logs: &syncLog{}}
	cmd := exec.Command(c.bin, "spark", "server", "--mode", "cluster", "--ip", "127.0.0.1", "--port", "0",
		"--driver-port", "0", "--time-zone", "UTC", "--warehouse", t.TempDir(), "--log-level", "warn",
		"--heartbeat-interval", "250ms", "--heartbeat-timeout", "5s")
	cmd.Env = workerEnv(os.Environ())
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = logWriter{c.logs, "[server] "}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr, drv := make(chan string, 1), make(chan string, 1)
	go pipeLines(bufio.NewScanner(stdout), c.logs, "server", map[string]chan string{
		"Spark Connect server listening on ": addr, "Cluster driver listening on ": drv})
	for _, ch := range []chan string{addr, drv} {
		select {
		case v := <-ch:
			if ch == addr {
				c.addr = v
			} else {
				c.driver = v
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("the server did not start:\n%s", c.logs)
		}
	}
	node, err := controlNode()
	if err != nil {
		t.Fatal(err)
	}
	c.control = node
	for range workers {
		c.startWorker()
	}
	c.waitFor(60*time.Second, func(st *controlpb.ClusterStatus) bool { return len(st.GetWorkers()) == workers })
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("cluster log:\n%s", c.logs)
		}
	})
	return c
}

type logWriter struct {
	log    *syncLog
	prefix string
}

func (w logWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.log.line(w.prefix, line)
	}
	return len(p), nil
}

func (c *testCluster) startWorker() string {
	c.mu.Lock()
	c.next++
	id := fmt.Sprintf("w%d", c.next)
	c.mu.Unlock()
	cmd := exec.Command(c.bin, "worker", "--driver", c.driver, "--id", id, "--ip", "127.0.0.1", "--slots", "2", "--log-level", "warn")
	cmd.Env = workerEnv(os.Environ())
	cmd.Stdout, cmd.Stderr = logWriter{c.logs, "[" + id + "] "}, logWriter{c.logs, "[" + id + "] "}
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	c.mu.Lock()
	c.workers[id] = cmd
	c.mu.Unlock()
	return id
}

func (c *testCluster) status() (*controlpb.ClusterStatus, error) {
	res, err := c.control.System.Root.RequestFuture(actor.NewPID(c.driver, driver.ActorName), &controlpb.GetClusterStatus{}, 5*time.Second).Result()
	if err != nil {
		return nil, err
	}
	st, ok := res.(*controlpb.ClusterStatus)
	if !ok {
		return nil, fmt.Errorf("status answer %T", res)
	}
	return st, nil
}

func (c *testCluster) waitFor(timeout time.Duration, cond func(*controlpb.ClusterStatus) bool) *controlpb.ClusterStatus {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		st, err := c.status()
		if err == nil && cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting on the cluster (status %v, err %v)", st, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// killVictim kills (SIGKILL) a worker that holds finished map outputs of the running job
// and runs tasks, as soon as there is one; false when the job ended first.
func (c *testCluster) killVictim(done <-chan struct{}) (string, bool) {
	for {
		select {
		case <-done:
			return "", false
		default:
		}
		st, err := c.status()
		if err != nil {
			c.t.Fatal(err)
		}
		for _, j := range st.GetJobs() {
			if j.GetTasksDone() == 0 || j.GetRunningTasks() == 0 || j.GetStagesDone() == j.GetStages() {
				continue
			}
			for _, w := range st.GetWorkers() {
				if w.GetOutputs() > 0 && w.GetRunning() > 0 {
					c.mu.Lock()
					cmd := c.workers[w.GetWorkerId()]
					delete(c.workers, w.GetWorkerId())
					c.mu.Unlock()
					if cmd == nil {
						continue
					}
					if err := cmd.Process.Kill(); err != nil {
						c.t.Fatal(err)
					}
					return w.GetWorkerId(), true
				}
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestClusterKilledWorkerTPCH(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a cluster of processes")
	}
	bench := filepath.Join(sharedDir(), "benchmarks", "tpch")
	data := filepath.Join(bench, "data", "sf0.1")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no TPC-H data: %v", err)
	}
	runs := 10
	if s := os.Getenv("SAIL_FAULT_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		runs = n
	}
	c := startTestCluster(t, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cl, err := client.Dial(c.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, table := range tpch.Tables {
		if err := tpch.CreateParquetView(ctx, cl, table, filepath.Join(data, table)); err != nil {
			t.Fatal(err)
		}
	}
	// Few reduce partitions keep the runs short; the kill still lands mid-job.
	if _, err := cl.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Set{Set: &connectpb.ConfigRequest_Set{
		Pairs: []*connectpb.KeyValue{{Key: "spark.sql.shuffle.partitions", Value: strPtr("6")}}}}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"q9", "q18"} {
		sql, err := tpch.ReadQuery(bench, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := tpch.ReadCSV(filepath.Join(bench, "expected", "sf0.1", q+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		rel, err := cl.SQL(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		killed := 0
		for run := 1; killed < runs; run++ {
			if run > 3*runs {
				t.Fatalf("%s: the kill landed in only %d of %d runs", q, killed, run-1)
			}
			start := time.Now()
			done := make(chan struct{})
			var res *client.Result
			var qerr error
			go func() {
				defer close(done)
				res, qerr = cl.Collect(ctx, rel)
			}()
			victim, ok := c.killVictim(done)
			<-done
			if qerr != nil {
				t.Fatalf("%s run %d (killed %q): %v", q, run, victim, qerr)
			}
			got, err := tpch.Rows(res.Batches)
			res.Release()
			if err != nil {
				t.Fatal(err)
			}
			if m, detail := tpch.Compare(true, want, got); m != tpch.Match {
				t.Fatalf("%s run %d (killed %s): %s", q, run, victim, detail)
			}
			t.Logf("%s run %d: killed %q, answer right in %v", q, run, victim, time.Since(start).Round(time.Millisecond))
			if ok {
				killed++
				// Back to three workers; the dead one is gone from the driver's pool.
				c.startWorker()
				c.waitFor(60*time.Second, func(st *controlpb.ClusterStatus) bool {
					if len(st.GetWorkers()) != 3 {
						return false
					}
					for _, w := range st.GetWorkers() {
						if w.GetWorkerId() == victim {
							return false
						}
					}
					return true
				})
			}
		}
	}
}

func strPtr(s string) *string { return &s }

// TestClusterCancelledQuery interrupts a query (Spark Connect Interrupt) while its tasks run
// on the workers: the job is cancelled on every worker, the slots come back and no worker
// holds its outputs any more.
func TestClusterCancelledQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a cluster of processes")
	}
	c := startTestCluster(t, 2)
	cl, err := client.Dial(c.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// About 1.4 billion matches: it runs far longer than the test waits.
	rel, err := cl.SQL(ctx, "SELECT count(*) FROM range(0, 100000, 1, 2) a JOIN range(0, 100000, 1, 2) b ON a.id % 7 = b.id % 7")
	if err != nil {
		t.Fatal(err)
	}
	qctx, qcancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		res, err := cl.Collect(qctx, rel)
		if err == nil {
			res.Release()
		}
		done <- err
	}()
	c.waitFor(time.Minute, func(st *controlpb.ClusterStatus) bool {
		return len(st.GetJobs()) == 1 && st.GetJobs()[0].GetRunningTasks() > 0 && st.GetJobs()[0].GetTasksDone() > 0
	})
	if _, err := cl.RPC().Interrupt(ctx, &connectpb.InterruptRequest{SessionId: cl.SessionID, UserContext: cl.User(),
		InterruptType: connectpb.InterruptRequest_INTERRUPT_TYPE_ALL}); err != nil {
		t.Fatal(err)
	}
	err = <-done
	if e := client.AsError(err); e == nil || e.ErrorClass != "OPERATION_CANCELED" {
		t.Fatalf("the interrupted query answered %v", err)
	}
	qcancel()
	c.waitFor(30*time.Second, func(st *controlpb.ClusterStatus) bool {
		if len(st.GetJobs()) != 0 {
			return false
		}
		for _, w := range st.GetWorkers() {
			if w.GetRunning() != 0 || w.GetOutputs() != 0 {
				return false
			}
		}
		return len(st.GetWorkers()) == 2
	})
	// The cluster still answers.
	rel, err = cl.SQL(ctx, "SELECT count(*) FROM range(0, 1000, 1, 2) a JOIN range(0, 1000, 1, 2) b ON a.id = b.id")
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.Collect(ctx, rel)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tpch.Rows(res.Batches)
	res.Release()
	if err != nil || len(rows) != 1 || rows[0][0] != "1000" {
		t.Fatalf("answer after the cancel: %v %v", rows, err)
	}
	// A task's error reaches the client as the SparkThrowable local execution raises:
	// class, SQLSTATE, parameters and exception classes, after its retries.
	rel, err = cl.SQL(ctx, "SELECT k, sum(v) FROM (SELECT id % 3 AS k, 10 DIV (id - 500) AS v FROM range(0, 1000, 1, 2)) GROUP BY k")
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.Collect(ctx, rel)
	e := client.AsError(err)
	if e == nil || e.ErrorClass != "DIVIDE_BY_ZERO" || e.SQLState != "22012" || !strings.Contains(e.Message, "Division by zero") ||
		len(e.Classes) == 0 || e.Classes[0] != "org.apache.spark.SparkArithmeticException" {
		t.Fatalf("task error: %#v", e)
	}
}
