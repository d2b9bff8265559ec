package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"github.com/spf13/pflag"

	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/proto/controlpb"
)

var errHelp = errors.New("help")

// state is what `sailctl up` leaves in the state directory for status and down.
type state struct {
	URL           string    `json:"url"`
	DriverAddress string    `json:"driver_address"`
	Server        process   `json:"server"`
	Workers       []process `json:"workers"`
	Started       time.Time `json:"started"`
}

type process struct {
	ID  string `json:"id"`
	PID int    `json:"pid"`
	Log string `json:"log"`
}

const stateFile = "cluster.json"

func defaultStateDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "sail")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "sail")
	}
	return filepath.Join(os.TempDir(), "sail-state")
}

func parse(name string, args []string, define func(fs *pflag.FlagSet)) (string, error) {
	fs := pflag.NewFlagSet("sailctl "+name, pflag.ContinueOnError)
	dir := fs.String("state-dir", defaultStateDir(), "where the cluster's PIDs, addresses and logs are kept")
	if define != nil {
		define(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return "", errHelp
		}
		return "", err
	}
	if fs.NArg() > 0 {
		return "", fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	return *dir, nil
}

func readState(dir string) (*state, error) {
	data, err := os.ReadFile(filepath.Join(dir, stateFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no cluster is up (no %s in %s)", stateFile, dir)
	}
	if err != nil {
		return nil, err
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, stateFile), err)
	}
	return &st, nil
}

func writeState(dir string, st *state) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, stateFile+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, stateFile))
}

// sailBinary finds `sail`: the flag, else next to sailctl, else on PATH.
func sailBinary(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), "sail")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	p, err := exec.LookPath("sail")
	if err != nil {
		return "", errors.New("no sail binary next to sailctl or on PATH (use --sail)")
	}
	return p, nil
}

// alive reports whether pid is a running process (not a zombie).
func alive(pid int) bool {
	if pid <= 0 || syscall.Kill(pid, 0) != nil {
		return false
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the command name in parentheses.
	if i := strings.LastIndexByte(string(data), ')'); i >= 0 && i+2 < len(data) {
		return data[i+2] != 'Z'
	}
	return true
}

// startDetached starts a process in its own session with its output in logPath.
func startDetached(bin string, args []string, logPath string) (int, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	defer logf.Close()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	env := os.Environ()[:0:0]
	for _, kv := range os.Environ() {
		// The cluster's settings come from sailctl's flags, not from a mode in the environment.
		if !strings.HasPrefix(kv, "SAIL_MODE=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	pid := cmd.Process.Pid
	// Reap it if it exits while sailctl still runs; otherwise init does.
	go func() { _ = cmd.Wait() }()
	return pid, nil
}

// waitForLine waits until a line of the log starts with prefix and returns the rest.
func waitForLine(logPath, prefix string, pid int, deadline time.Time) (string, error) {
	for time.Now().Before(deadline) {
		if f, err := os.Open(logPath); err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 64<<10), 1<<20)
			for sc.Scan() {
				if rest, ok := strings.CutPrefix(sc.Text(), prefix); ok {
					f.Close()
					return strings.TrimSpace(rest), nil
				}
			}
			f.Close()
		}
		if !alive(pid) {
			return "", fmt.Errorf("the process exited; see %s:\n%s", logPath, tail(logPath, 10))
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", fmt.Errorf("timed out waiting for %q in %s", prefix, logPath)
}

func tail(path string, n int) string {
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func up(args []string, stdout, stderr io.Writer) error {
	var workers, slots, port, driverPort int
	var ip, sailFlag string
	var timeout time.Duration
	dir, err := parse("up", args, func(fs *pflag.FlagSet) {
		fs.IntVar(&workers, "workers", 2, "workers to start")
		fs.IntVar(&slots, "slots", 0, "task slots per worker (0: the worker's default, the machine's CPUs)")
		fs.IntVar(&port, "port", 50051, "Spark Connect port of the server")
		fs.IntVar(&driverPort, "driver-port", 0, "port of the driver's actor remote (0: any free port)")
		fs.StringVar(&ip, "ip", "127.0.0.1", "address the server and the workers listen on")
		fs.StringVar(&sailFlag, "sail", "", "the sail binary (default: next to sailctl, else on PATH)")
		fs.DurationVar(&timeout, "timeout", 60*time.Second, "how long to wait for the server and the workers")
	})
	if err != nil {
		return err
	}
	if workers < 1 {
		return errors.New("--workers must be at least 1")
	}
	if st, err := readState(dir); err == nil && alive(st.Server.PID) {
		return fmt.Errorf("a cluster is already up at %s (sailctl down first)", st.URL)
	}
	bin, err := sailBinary(sailFlag)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	st := &state{Started: time.Now().UTC()}
	failed := true
	defer func() {
		if failed {
			stopAll(st, 5*time.Second)
			_ = os.Remove(filepath.Join(dir, stateFile))
		}
	}()
	serverLog := filepath.Join(dir, "server.log")
	pid, err := startDetached(bin, []string{"spark", "server", "--mode", "cluster", "--ip", ip, "--port", fmt.Sprint(port),
		"--driver-host", ip, "--driver-port", fmt.Sprint(driverPort)}, serverLog)
	if err != nil {
		return fmt.Errorf("starting the server: %w", err)
	}
	st.Server = process{ID: "server", PID: pid, Log: serverLog}
	if err := writeState(dir, st); err != nil {
		return err
	}
	addr, err := waitForLine(serverLog, "Spark Connect server listening on ", pid, deadline)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	if st.DriverAddress, err = waitForLine(serverLog, "Cluster driver listening on ", pid, deadline); err != nil {
		return fmt.Errorf("server: %w", err)
	}
	host, p, _ := net.SplitHostPort(addr)
	host = remoting.AdvertiseHost(host)
	st.URL = "sc://" + net.JoinHostPort(host, p)
	for i := range workers {
		id := fmt.Sprintf("w%d", i+1)
		logPath := filepath.Join(dir, "worker-"+id+".log")
		wargs := []string{"worker", "--driver", st.DriverAddress, "--id", id, "--ip", ip}
		if slots > 0 {
			wargs = append(wargs, "--slots", fmt.Sprint(slots))
		}
		pid, err := startDetached(bin, wargs, logPath)
		if err != nil {
			return fmt.Errorf("starting worker %s: %w", id, err)
		}
		st.Workers = append(st.Workers, process{ID: id, PID: pid, Log: logPath})
	}
	if err := writeState(dir, st); err != nil {
		return err
	}
	// Ready when every worker registered with the driver.
	client, err := newControlClient()
	if err != nil {
		return err
	}
	defer client.stop()
	for {
		cs, err := client.status(st.DriverAddress, 2*time.Second)
		if err == nil && len(cs.GetWorkers()) >= workers {
			break
		}
		for _, w := range st.Workers {
			if !alive(w.PID) {
				return fmt.Errorf("worker %s exited; see %s:\n%s", w.ID, w.Log, tail(w.Log, 10))
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out waiting for %d workers to register (status: %v, err: %v)", workers, cs, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	failed = false
	fmt.Fprintln(stdout, st.URL)
	return nil
}

// controlClient talks to the driver over the actor remote, as workers do.
type controlClient struct {
	node *remoting.Node
}

func newControlClient() (*controlClient, error) {
	node, err := remoting.Start(remoting.Config{Host: "127.0.0.1"})
	if err != nil {
		return nil, err
	}
	return &controlClient{node: node}, nil
}

func (c *controlClient) stop() { c.node.Stop() }

func (c *controlClient) status(driverAddress string, timeout time.Duration) (*controlpb.ClusterStatus, error) {
	res, err := c.node.System.Root.RequestFuture(actor.NewPID(driverAddress, driver.ActorName), &controlpb.GetClusterStatus{}, timeout).Result()
	if err != nil {
		return nil, err
	}
	cs, ok := res.(*controlpb.ClusterStatus)
	if !ok {
		return nil, fmt.Errorf("unexpected answer %T", res)
	}
	return cs, nil
}

func status(args []string, stdout io.Writer) error {
	dir, err := parse("status", args, nil)
	if err != nil {
		return err
	}
	st, err := readState(dir)
	if err != nil {
		return err
	}
	if !alive(st.Server.PID) {
		return fmt.Errorf("the server (pid %d) is not running; see %s", st.Server.PID, st.Server.Log)
	}
	client, err := newControlClient()
	if err != nil {
		return err
	}
	defer client.stop()
	cs, err := client.status(st.DriverAddress, 5*time.Second)
	if err != nil {
		return fmt.Errorf("asking the driver at %s: %w", st.DriverAddress, err)
	}
	fmt.Fprintf(stdout, "server  %s  (pid %d, driver %s)\n", st.URL, st.Server.PID, st.DriverAddress)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WORKER\tFLIGHT\tSLOTS\tRUNNING\tPID")
	pids := map[string]int{}
	for _, w := range st.Workers {
		pids[w.ID] = w.PID
	}
	slots, running := 0, 0
	for _, w := range cs.GetWorkers() {
		pid := "-"
		if p, ok := pids[w.GetWorkerId()]; ok {
			pid = fmt.Sprint(p)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", w.GetWorkerId(), w.GetFlightAddress(), w.GetSlots(), w.GetRunning(), pid)
		slots += int(w.GetSlots())
		running += int(w.GetRunning())
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d workers, %d slots, %d tasks running, %d jobs", len(cs.GetWorkers()), slots, running, len(cs.GetJobs()))
	if n := cs.GetPendingWorkers(); n > 0 {
		fmt.Fprintf(stdout, ", %d workers starting", n)
	}
	fmt.Fprintln(stdout)
	for _, j := range cs.GetJobs() {
		fmt.Fprintf(stdout, "  job %s: %d/%d stages done, %d tasks running\n", j.GetJobId(), j.GetStagesDone(), j.GetStages(), j.GetRunningTasks())
	}
	return nil
}

func down(args []string, stdout io.Writer) error {
	var grace time.Duration
	dir, err := parse("down", args, func(fs *pflag.FlagSet) {
		fs.DurationVar(&grace, "grace", 10*time.Second, "how long each process may take to stop before it is killed")
	})
	if err != nil {
		return err
	}
	st, err := readState(dir)
	if err != nil {
		return err
	}
	stopAll(st, grace)
	if err := os.Remove(filepath.Join(dir, stateFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	fmt.Fprintf(stdout, "stopped %d workers and the server\n", len(st.Workers))
	return nil
}

// stopAll stops the workers (SIGTERM: each stops its tasks and leaves), then the server,
// each killed if it has not exited within grace.
func stopAll(st *state, grace time.Duration) {
	var workers []int
	for _, w := range st.Workers {
		workers = append(workers, w.PID)
	}
	terminate(workers, grace)
	terminate([]int{st.Server.PID}, grace)
}

func terminate(pids []int, grace time.Duration) {
	var live []int
	for _, pid := range pids {
		if alive(pid) && syscall.Kill(pid, syscall.SIGTERM) == nil {
			live = append(live, pid)
		}
	}
	deadline := time.Now().Add(grace)
	for _, pid := range live {
		for alive(pid) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if alive(pid) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
