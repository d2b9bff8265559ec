package runner

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// listeningPrefix is the line `sail spark server` prints once it accepts connections.
const listeningPrefix = "Spark Connect server listening on "

// Server is a sail server process the runner started.
type Server struct {
	Addr string

	cmd    *exec.Cmd
	done   chan struct{} // closed when the process has exited
	mu     sync.Mutex
	stderr []string // the last lines the server wrote to stderr
	races  []string // data race reports of a race-enabled build, each its first lines
}

const (
	stderrLines     = 40
	raceReportLines = 16
)

// StartServer runs `<binary> spark server --port 0 ...` and waits until it listens.
func StartServer(ctx context.Context, binary string, extraArgs ...string) (*Server, error) {
	// Each server gets its own warehouse directory, removed when it exits.
	warehouse, err := os.MkdirTemp("", "sail-warehouse-")
	if err != nil {
		return nil, err
	}
	started := false
	defer func() {
		if !started {
			_ = os.RemoveAll(warehouse)
		}
	}()
	args := append([]string{"spark", "server", "--ip", "127.0.0.1", "--port", "0",
		"--time-zone", DefaultTimeZone, "--log-level", "warn", "--warehouse", warehouse}, extraArgs...)
	cmd := exec.Command(binary, args...)
	// A race-enabled build otherwise sleeps a second at exit; a report still gets written.
	cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	started = true // the process's waiter removes the warehouse from now on
	s := &Server{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	var pipes sync.WaitGroup
	pipes.Add(2)
	go func() {
		defer pipes.Done()
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), listeningPrefix); ok {
				select {
				case addr <- a:
				default:
				}
			}
		}
	}()
	go func() {
		defer pipes.Done()
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		race := -1 // lines of the current race report still to keep
		for sc.Scan() {
			s.mu.Lock()
			switch line := sc.Text(); {
			case line == "WARNING: DATA RACE":
				s.races = append(s.races, line)
				race = raceReportLines
			case race > 0:
				s.races[len(s.races)-1] += "\n" + line
				race--
			}
			s.stderr = append(s.stderr, sc.Text())
			if len(s.stderr) > stderrLines {
				s.stderr = s.stderr[len(s.stderr)-stderrLines:]
			}
			s.mu.Unlock()
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	go func() {
		pipes.Wait() // Wait closes the pipes, so read them to the end first
		_ = cmd.Wait()
		_ = os.RemoveAll(warehouse)
		close(s.done)
	}()
	select {
	case s.Addr = <-addr:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("sail exited before listening: %s", s.StderrTail())
	case <-ctx.Done():
		s.Kill()
		return nil, ctx.Err()
	case <-time.After(60 * time.Second):
		s.Kill()
		return nil, errors.New("sail did not listen within 60s")
	}
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Exited reports whether the process has ended.
func (s *Server) Exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// WaitExit waits up to d for the process to end and reports whether it did.
func (s *Server) WaitExit(d time.Duration) bool {
	select {
	case <-s.done:
		return true
	case <-time.After(d):
		return false
	}
}

// StderrTail is the last lines the server wrote to stderr.
func (s *Server) StderrTail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.stderr, "\n")
}

// RaceReports are the data races a race-enabled server reported.
func (s *Server) RaceReports() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.races)
}

// CrashLine is the most telling line of a dead server's stderr: the panic or fatal error.
func (s *Server) CrashLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.stderr {
		if strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "WARNING: DATA RACE") {
			return l
		}
	}
	if len(s.stderr) > 0 {
		return s.stderr[len(s.stderr)-1]
	}
	if st := s.cmd.ProcessState; st != nil {
		return st.String()
	}
	return "server exited"
}

// Stop asks the server to shut down and kills it if it does not within a few seconds.
func (s *Server) Stop() {
	if s.Exited() {
		return
	}
	_ = s.cmd.Process.Signal(interruptSignal)
	if !s.WaitExit(5 * time.Second) {
		s.Kill()
	}
}

// Kill ends the process at once.
func (s *Server) Kill() {
	_ = s.cmd.Process.Kill()
	<-s.done
}
