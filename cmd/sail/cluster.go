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
	// modeCluster runs the driver only; workers are started elsewhere (sailctl) and register
	// with it, or by the worker manager cluster.worker_manager names (Kubernetes pods).
	modeCluster = "cluster"
)

// The worker managers (cluster.worker_manager): who starts workers in the cluster modes.
const (
	// managerNone: nobody; workers are started elsewhere (mode cluster's default).
	managerNone = "none"
	// managerLocal: `sail worker` child processes of the server (mode local-cluster).
	managerLocal = "local"
	// managerKubernetes: one pod per worker (driver/kubernetes); the server runs in a pod.
	managerKubernetes = "kubernetes"
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
	WorkerManager        string
	WorkerLaunchTimeout  time.Duration
	Kubernetes           kubernetesConfig
}

func defaultClusterConfig() clusterConfig {
	return clusterConfig{
		Mode: modeLocal, DriverHost: "127.0.0.1",
		WorkerInitialCount: 2, WorkerMaxCount: 2, WorkerSlots: max(runtime.NumCPU(), 2),
		WorkerIdleTimeout: 10 * time.Minute,
		HeartbeatInterval: 2 * time.Second, HeartbeatTimeout: 30 * time.Second,
		TaskMaxFailures: 4, WorkerLaunchTimeout: 2 * time.Minute,
		Kubernetes: kubernetesConfig{ImagePullPolicy: "IfNotPresent"},
	}
}

func (c *clusterConfig) settings() []settings.Setting {
	return []settings.Setting{
		{Key: "mode", Flag: "mode", Usage: "local (queries run in the server), local-cluster (the server starts workers as local processes) or cluster (workers are started elsewhere, e.g. by sailctl, and register with the driver)", Target: &c.Mode},
		{Key: "cluster.driver_listen_host", Flag: "driver-host", Usage: "cluster modes: address the driver's actor remote listens on", Target: &c.DriverHost},
		{Key: "cluster.driver_listen_port", Flag: "driver-port", Usage: "cluster modes: port of the driver's actor remote (0: any free port)", Target: &c.DriverPort},
		{Key: "cluster.driver_advertised_host", Flag: "driver-advertised-host", Usage: "cluster modes: host workers reach the driver at (empty: the listen host when concrete, else this machine's address)", Target: &c.DriverAdvertisedHost},
		{Key: "cluster.worker_manager", Flag: "worker-manager", Usage: "cluster modes: who starts workers: local (processes of the server; local-cluster's default), kubernetes (one pod each; the server runs in a pod) or none (started elsewhere, e.g. by sailctl; cluster's default)", Target: &c.WorkerManager},
		{Key: "cluster.worker_initial_count", Flag: "worker-initial-count", Usage: "with a worker manager: workers started at the first query (kubernetes: with the driver) and kept while idle", Target: &c.WorkerInitialCount},
		{Key: "cluster.worker_max_count", Flag: "worker-max-count", Usage: "with a worker manager: most workers started as demand grows", Target: &c.WorkerMaxCount},
		{Key: "cluster.worker_task_slots", Flag: "worker-slots", Usage: "with a worker manager: tasks each worker runs at once", Target: &c.WorkerSlots},
		{Key: "cluster.worker_idle_timeout", Flag: "worker-idle-timeout", Usage: "with a worker manager: stop workers beyond the initial count idle this long (0: never)", Target: &c.WorkerIdleTimeout},
		{Key: "cluster.worker_launch_timeout", Flag: "worker-launch-timeout", Usage: "with a worker manager: workers not registered this long after they were asked for are given up on (kubernetes: pods not started by then are deleted) and asked for again while tasks wait", Target: &c.WorkerLaunchTimeout},
		{Key: "cluster.worker_heartbeat_interval", Flag: "heartbeat-interval", Usage: "cluster modes: how often workers heartbeat", Target: &c.HeartbeatInterval},
		{Key: "cluster.worker_heartbeat_timeout", Flag: "heartbeat-timeout", Usage: "cluster modes: a worker silent this long is lost and its tasks rerun", Target: &c.HeartbeatTimeout},
		{Key: "cluster.task_max_failures", Flag: "task-max-failures", Usage: "cluster modes: spark.task.maxFailures, the failures of one task that fail its job", Target: &c.TaskMaxFailures},
		{Key: "cluster.task_launch_timeout", Flag: "task-launch-timeout", Usage: "cluster modes: a task with no status this long after it was sent is rerun (0: never)", Target: &c.TaskLaunchTimeout},
		{Key: "kubernetes.image", Flag: "kubernetes-image", Usage: "kubernetes worker manager: image of the worker pods (empty: the driver pod's)", Target: &c.Kubernetes.Image},
		{Key: "kubernetes.image_pull_policy", Flag: "kubernetes-image-pull-policy", Usage: "kubernetes worker manager: Always, IfNotPresent or Never", Target: &c.Kubernetes.ImagePullPolicy},
		{Key: "kubernetes.namespace", Flag: "kubernetes-namespace", Usage: "kubernetes worker manager: namespace of the worker pods (empty: the driver pod's)", Target: &c.Kubernetes.Namespace},
		{Key: "kubernetes.service_account", Flag: "kubernetes-service-account", Usage: "kubernetes worker manager: service account of the worker pods (empty: the template's, else the namespace's default)", Target: &c.Kubernetes.ServiceAccount},
		{Key: "kubernetes.worker_pod_template", Flag: "kubernetes-worker-pod-template", Usage: "kubernetes worker manager: file of a Pod (YAML or JSON) the worker pods start from, e.g. for resources, node selectors, volumes; our fields go on top", Target: &c.Kubernetes.WorkerPodTemplate},
	}
}

func (c *clusterConfig) check() error {
	switch c.Mode {
	case modeLocal, modeLocalCluster, modeCluster:
	default:
		return fmt.Errorf("mode %q: expected local, local-cluster or cluster", c.Mode)
	}
	switch {
	case c.Mode == modeLocal:
	case c.WorkerManager == "" && c.Mode == modeLocalCluster:
		c.WorkerManager = managerLocal
	case c.WorkerManager == "" && c.Mode == modeCluster:
		c.WorkerManager = managerNone
	case c.Mode == modeLocalCluster && c.WorkerManager != managerLocal:
		return fmt.Errorf("local-cluster starts its workers as local processes: worker_manager %q is for mode cluster", c.WorkerManager)
	case c.WorkerManager == managerNone, c.WorkerManager == managerLocal, c.WorkerManager == managerKubernetes:
	default:
		return fmt.Errorf("cluster.worker_manager %q: expected local, kubernetes or none", c.WorkerManager)
	}
	if !c.managed() {
		return nil
	}
	if c.WorkerMaxCount < 1 || c.WorkerSlots < 1 {
		return fmt.Errorf("a worker manager needs worker_max_count and worker_task_slots of at least 1")
	}
	if c.WorkerLaunchTimeout <= 0 {
		return fmt.Errorf("cluster.worker_launch_timeout must be positive")
	}
	if c.WorkerInitialCount > c.WorkerMaxCount {
		c.WorkerInitialCount = c.WorkerMaxCount
	}
	if c.WorkerManager == managerKubernetes {
		return c.checkKubernetes()
	}
	return nil
}

// managed reports whether the server starts workers itself.
func (c *clusterConfig) managed() bool {
	return c.Mode != modeLocal && (c.WorkerManager == managerLocal || c.WorkerManager == managerKubernetes)
}

// clusterRuntime is the driver side of a cluster in the server: the actor remote, the
// Driver actor, the worker manager (local-cluster) and the executor's cluster runner.
type clusterRuntime struct {
	node    *remoting.Node
	driver  *actor.PID
	manager *processManager
	kube    *kubernetesManager
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
	switch cc.WorkerManager {
	case managerLocal:
		rt.manager = &processManager{driverAddress: node.Address(), slots: cc.WorkerSlots, logLevel: cfg.Log, spillDir: cfg.SpillDir,
			log: log, procs: map[string]*exec.Cmd{}}
		manager = rt.manager
	case managerKubernetes:
		rt.kube, err = startKubernetesManager(cfg, node.Address(), log.With("component", "kubernetes"))
		if err != nil {
			node.Stop()
			return nil, err
		}
		manager = rt.kube
	}
	if manager != nil {
		dcfg.WorkerInitialCount, dcfg.WorkerMaxCount = cc.WorkerInitialCount, cc.WorkerMaxCount
		dcfg.WorkerSlotsHint, dcfg.WorkerIdleTimeout = cc.WorkerSlots, cc.WorkerIdleTimeout
		dcfg.WorkerLaunchTimeout = cc.WorkerLaunchTimeout
	}
	rt.driver, err = driver.Spawn(node, dcfg, manager, log.With("component", "driver"))
	if err != nil {
		if rt.kube != nil {
			rt.kube.close()
		}
		node.Stop()
		return nil, err
	}
	if rt.kube != nil {
		startInitialWorkers(node.System.Root, rt.driver, cc.WorkerInitialCount)
		rt.kube.follow(node.System.Root, rt.driver, registrationPoll)
	}
	rt.runner = executor.NewCluster(node.System, rt.driver, rt.client, log.With("component", "cluster"))
	log.Info("cluster driver started", "mode", cc.Mode, "worker_manager", cc.WorkerManager, "address", node.Address())
	return rt, nil
}

// Address is where workers reach the driver (host:port of its actor remote).
func (rt *clusterRuntime) Address() string { return rt.node.Address() }

// stop stops the workers the server started, then the driver and its remote.
func (rt *clusterRuntime) stop() {
	if rt.manager != nil {
		rt.manager.stopAll(5 * time.Second)
	}
	if rt.kube != nil {
		rt.kube.close()
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
