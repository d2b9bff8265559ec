package main

import (
	"bufio"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/cmd/settings"
	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/sessions/executor"
	"github.com/sailgo/sail/transport/flight"
)

// The execution modes of the server.
const (
	// modeLocal runs every query in the server process.
	modeLocal = "local"
	// modeLocalCluster runs the driver in the server and starts workers as local processes
	// on demand (`sail worker` children of the server).
	modeLocalCluster = "local-cluster"
	// modeCluster runs the driver only; workers are started elsewhere (sailctl, later
	// Kubernetes) and register with it.
	modeCluster = "cluster"
)

// clusterConfig is the server's cluster settings.
type clusterConfig struct {
	Mode                 string
	DriverHost           string
	DriverPort           int
	DriverAdvertisedHost string
	WorkerInitialCount   int
	WorkerMaxCount       int
	WorkerSlots          int
	WorkerIdleTimeout    time.Duration
	HeartbeatInterval    time.Duration
	HeartbeatTimeout     time.Duration
	TaskMaxFailures      int
	TaskLaunchTimeout    time.Duration
}

func defaultClusterConfig() clusterConfig {
	return clusterConfig{
		Mode: modeLocal, DriverHost: "127.0.0.1",
		WorkerInitialCount: 2, WorkerMaxCount: 2, WorkerSlots: max(runtime.NumCPU(), 2),
		WorkerIdleTimeout: 10 * time.Minute,
		HeartbeatInterval: 2 * time.Second, HeartbeatTimeout: 30 * time.Second,
		TaskMaxFailures: 4,
	}
}

func (c *clusterConfig) settings() []settings.Setting {
	return []settings.Setting{
		{Key: "mode", Flag: "mode", Usage: "local (queries run in the server), local-cluster (the server starts workers as local processes) or cluster (workers are started elsewhere, e.g. by sailctl, and register with the driver)", Target: &c.Mode},
		{Key: "cluster.driver_listen_host", Flag: "driver-host", Usage: "cluster modes: address the driver's actor remote listens on", Target: &c.DriverHost},
		{Key: "cluster.driver_listen_port", Flag: "driver-port", Usage: "cluster modes: port of the driver's actor remote (0: any free port)", Target: &c.DriverPort},
		{Key: "cluster.driver_advertised_host", Flag: "driver-advertised-host", Usage: "cluster modes: host workers reach the driver at (empty: the listen host when concrete, else this machine's address)", Target: &c.DriverAdvertisedHost},
		{Key: "cluster.worker_initial_count", Flag: "worker-initial-count", Usage: "local-cluster: workers started at the first query and kept while idle", Target: &c.WorkerInitialCount},
		{Key: "cluster.worker_max_count", Flag: "worker-max-count", Usage: "local-cluster: most workers started as demand grows", Target: &c.WorkerMaxCount},
		{Key: "cluster.worker_task_slots", Flag: "worker-slots", Usage: "local-cluster: tasks each worker runs at once", Target: &c.WorkerSlots},
		{Key: "cluster.worker_idle_timeout", Flag: "worker-idle-timeout", Usage: "local-cluster: stop workers beyond the initial count idle this long (0: never)", Target: &c.WorkerIdleTimeout},
		{Key: "cluster.worker_heartbeat_interval", Flag: "heartbeat-interval", Usage: "cluster modes: how often workers heartbeat", Target: &c.HeartbeatInterval},
		{Key: "cluster.worker_heartbeat_timeout", Flag: "heartbeat-timeout", Usage: "cluster modes: a worker silent this long is lost and its tasks rerun", Target: &c.HeartbeatTimeout},
		{Key: "cluster.task_max_failures", Flag: "task-max-failures", Usage: "cluster modes: spark.task.maxFailures, the failures of one task that fail its job", Target: &c.TaskMaxFailures},
		{Key: "cluster.task_launch_timeout", Flag: "task-launch-timeout", Usage: "cluster modes: a task with no status this long after it was sent is rerun (0: never)", Target: &c.TaskLaunchTimeout},
	}
}

func (c *clusterConfig) check() error {
	switch c.Mode {
	case modeLocal, modeLocalCluster, modeCluster:
	default:
		return fmt.Errorf("mode %q: expected local, local-cluster or cluster", c.Mode)
	}
	if c.Mode == modeLocalCluster && (c.WorkerMaxCount < 1 || c.WorkerSlots < 1) {
		return fmt.Errorf("local-cluster needs worker_max_count and worker_task_slots of at least 1")
	}
	if c.WorkerInitialCount > c.WorkerMaxCount && c.Mode == modeLocalCluster {
		c.WorkerInitialCount = c.WorkerMaxCount
	}
	return nil
}

// clusterRuntime is the driver side of a cluster in the server: the actor remote, the
// Driver actor, the worker manager (local-cluster) and the executor's cluster runner.
type clusterRuntime struct {
	node    *remoting.Node
	driver  *actor.PID
	manager *processManager
	client  *flight.Client
	runner  *executor.Cluster
}

func startCluster(cfg *config, log *slog.Logger) (*clusterRuntime, error) {
	cc := cfg.Cluster
	node, err := remoting.Start(remoting.Config{Host: cc.DriverHost, Port: cc.DriverPort, AdvertisedHost: cc.DriverAdvertisedHost,
		Logger: quietLogger(cfg.LogLevel())})
	if err != nil {
		return nil, fmt.Errorf("driver remote: %w", err)
	}
	rt := &clusterRuntime{node: node, client: flight.NewClient(nil)}
	dcfg := driver.Config{
		HeartbeatInterval: cc.HeartbeatInterval, HeartbeatTimeout: cc.HeartbeatTimeout,
		TaskLaunchTimeout: cc.TaskLaunchTimeout, MaxTaskFailures: cc.TaskMaxFailures,
	}
	var manager driver.WorkerManager
	if cc.Mode == modeLocalCluster {
		rt.manager = &processManager{driverAddress: node.Address(), slots: cc.WorkerSlots, logLevel: cfg.Log, spillDir: cfg.SpillDir,
			log: log, procs: map[string]*exec.Cmd{}}
		manager = rt.manager
		dcfg.WorkerInitialCount, dcfg.WorkerMaxCount = cc.WorkerInitialCount, cc.WorkerMaxCount
		dcfg.WorkerSlotsHint, dcfg.WorkerIdleTimeout = cc.WorkerSlots, cc.WorkerIdleTimeout
	}
	rt.driver, err = driver.Spawn(node, dcfg, manager, log.With("component", "driver"))
	if err != nil {
		node.Stop()
		return nil, err
	}
	rt.runner = executor.NewCluster(node.System, rt.driver, rt.client, log.With("component", "cluster"))
	log.Info("cluster driver started", "mode", cc.Mode, "address", node.Address())
	return rt, nil
}

// Address is where workers reach the driver (host:port of its actor remote).
func (rt *clusterRuntime) Address() string { return rt.node.Address() }

// stop stops the workers the server started, then the driver and its remote.
func (rt *clusterRuntime) stop() {
	if rt.manager != nil {
		rt.manager.stopAll(5 * time.Second)
	}
	_ = rt.node.System.Root.StopFuture(rt.driver).Wait()
	rt.client.Close()
	rt.node.Stop()
}

// processManager is the local-cluster WorkerManager: each worker is a `sail worker` child
// process of the server (the same binary), killed with the server if the server dies.
type processManager struct {
	driverAddress string
	slots         int
	logLevel      string
	spillDir      string
	log           *slog.Logger

	mu      sync.Mutex
	next    int
	procs   map[string]*exec.Cmd
	stopped bool
}

// StartWorkers implements driver.WorkerManager.
func (m *processManager) StartWorkers(n int) {
	self, err := os.Executable()
	if err != nil {
		m.log.Error("cannot start workers: no path to this binary", "err", err)
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopped {
		return
	}
	for range n {
		m.next++
		id := fmt.Sprintf("local-%d", m.next)
		args := []string{"worker", "--driver", m.driverAddress, "--id", id, "--ip", "127.0.0.1",
			"--slots", fmt.Sprint(m.slots), "--log-level", m.logLevel}
		if m.spillDir != "" {
			args = append(args, "--spill-dir", m.spillDir)
		}
		cmd := exec.Command(self, args...)
		// The worker dies with the server, however the server ends.
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		cmd.Env = workerEnv(os.Environ())
		stderr, err := cmd.StderrPipe()
		if err != nil {
			m.log.Error("cannot start a worker", "worker", id, "err", err)
			continue
		}
		if err := cmd.Start(); err != nil {
			m.log.Error("cannot start a worker", "worker", id, "err", err)
			continue
		}
		m.log.Info("started a worker process", "worker", id, "pid", cmd.Process.Pid)
		m.procs[id] = cmd
		go func() {
			// The worker's log goes to the server's, line by line.
			sc := bufio.NewScanner(stderr)
			sc.Buffer(make([]byte, 64<<10), 1<<20)
			for sc.Scan() {
				fmt.Fprintf(os.Stderr, "[%s] %s\n", id, sc.Text())
			}
			err := cmd.Wait()
			m.mu.Lock()
			if m.procs[id] == cmd {
				delete(m.procs, id)
			}
			stopped := m.stopped
			m.mu.Unlock()
			if !stopped {
				m.log.Info("a worker process exited", "worker", id, "err", err)
			}
		}()
	}
}

// workerEnv is the server's environment for a worker, without the settings that make sense
// for the server only (a worker must not serve profiles on the server's port).
func workerEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if strings.HasPrefix(kv, "SAIL_DEBUG__PPROF_ADDRESS=") || strings.HasPrefix(kv, "SAIL_CONFIG=") ||
			strings.HasPrefix(kv, "SAIL_MODE=") || strings.HasPrefix(kv, "SAIL_WORKER__") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// StopWorker implements driver.WorkerManager: the driver told the worker to stop; the
// process gets a while to exit before it is killed.
func (m *processManager) StopWorker(id string) {
	m.mu.Lock()
	cmd := m.procs[id]
	m.mu.Unlock()
	if cmd == nil {
		return
	}
	go func() {
		time.Sleep(10 * time.Second)
		m.mu.Lock()
		still := m.procs[id] == cmd
		m.mu.Unlock()
		if still {
			_ = cmd.Process.Kill()
		}
	}()
}

// stopAll stops every worker: SIGTERM, then SIGKILL after grace.
func (m *processManager) stopAll(grace time.Duration) {
	m.mu.Lock()
	m.stopped = true
	procs := make([]*exec.Cmd, 0, len(m.procs))
	for _, cmd := range m.procs {
		procs = append(procs, cmd)
	}
	m.mu.Unlock()
	for _, cmd := range procs {
		_ = cmd.Process.Signal(syscall.SIGTERM)
	}
	deadline := time.Now().Add(grace)
	for _, cmd := range procs {
		for time.Now().Before(deadline) {
			if err := cmd.Process.Signal(syscall.Signal(0)); err != nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		_ = cmd.Process.Kill()
	}
}

// quietLogger is the logger of protoactor's own chatter: warnings and errors only, at most.
func quietLogger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: max(level, slog.LevelWarn)})).With("component", "protoactor")
}
