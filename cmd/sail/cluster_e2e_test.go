package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sailgo/sail/bench/tpch"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// TestClusterOnEveryInterface: a cluster-mode server whose driver listens on every interface
// (0.0.0.0, any free port, nothing advertised: it names itself by this machine's address),
// and workers that listen on every interface too (any free port, 127.0.0.1 advertised) and
// reach the driver at 127.0.0.1, another of its addresses. The workers register and a query
// with a shuffle runs on them. Before the actor remote fixed its address ahead of its start,
// the first send of such a node (a worker's registration, the driver's answer) never left.
func TestClusterOnEveryInterface(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a cluster of processes")
	}
	bin := plainSailBinary(t)
	logs := &syncLog{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("cluster log:\n%s", logs)
		}
	})
	srv := exec.Command(bin, "spark", "server", "--mode", "cluster", "--ip", "127.0.0.1", "--port", "0",
		"--driver-host", "0.0.0.0", "--driver-port", "0", "--time-zone", "UTC", "--warehouse", t.TempDir(), "--log-level", "warn",
		"--heartbeat-interval", "250ms", "--heartbeat-timeout", "5s")
	srv.Env = workerEnv(os.Environ())
	stdout, _ := srv.StdoutPipe()
	srv.Stderr = logWriter{logs, "[server] "}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Process.Kill()
		_ = srv.Wait()
	})
	addrCh, drvCh := make(chan string, 1), make(chan string, 1)
	go pipeLines(bufio.NewScanner(stdout), logs, "server", map[string]chan string{
		"Spark Connect server listening on ": addrCh, "Cluster driver listening on ": drvCh})
	var addr, advertised string
	for _, ch := range []chan string{addrCh, drvCh} {
		select {
		case v := <-ch:
			if ch == addrCh {
				addr = v
			} else {
				advertised = v
			}
		case <-time.After(60 * time.Second):
			t.Fatal("the server did not start")
		}
	}
	host, port, err := net.SplitHostPort(advertised)
	if ip := net.ParseIP(host); err != nil || port == "0" || ip != nil && ip.IsUnspecified() {
		t.Fatalf("the driver advertises %q", advertised)
	}
	node, err := controlNode()
	if err != nil {
		t.Fatal(err)
	}
	// The test, like the workers, reaches the driver at 127.0.0.1.
	c := &testCluster{t: t, bin: bin, addr: addr, driver: net.JoinHostPort("127.0.0.1", port), control: node, logs: logs}
	for i := range 2 {
		id := fmt.Sprintf("w%d", i+1)
		w := exec.Command(bin, "worker", "--driver", c.driver, "--id", id, "--ip", "0.0.0.0", "--advertised-host", "127.0.0.1",
			"--slots", "2", "--log-level", "warn")
		w.Env = workerEnv(os.Environ())
		w.Stdout, w.Stderr = logWriter{logs, "[" + id + "] "}, logWriter{logs, "[" + id + "] "}
		if err := w.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = w.Process.Kill()
			_ = w.Wait()
		})
	}
	st := c.waitFor(60*time.Second, func(st *controlpb.ClusterStatus) bool { return len(st.GetWorkers()) == 2 })
	for _, w := range st.GetWorkers() {
		// Each worker serves its outputs at its advertised host and the port it got.
		if h, p, err := net.SplitHostPort(w.GetFlightAddress()); err != nil || h != "127.0.0.1" || p == "0" {
			t.Fatalf("worker %s serves Flight at %q", w.GetWorkerId(), w.GetFlightAddress())
		}
	}
	cl, err := client.Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rel, err := cl.SQL(ctx, "SELECT id % 3 AS k, count(*) AS n FROM range(0, 3000, 1, 4) GROUP BY 1 ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.Collect(ctx, rel)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tpch.Rows(res.Batches)
	res.Release()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r, "="))
	}
	if strings.Join(got, " ") != "0=1000 1=1000 2=1000" {
		t.Fatalf("answer %v", got)
	}
	// The job was released, and both workers are still there.
	c.waitFor(30*time.Second, func(st *controlpb.ClusterStatus) bool { return len(st.GetJobs()) == 0 && len(st.GetWorkers()) == 2 })
}
