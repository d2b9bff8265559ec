package main

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/cmd/settings"
)

func TestClusterSettings(t *testing.T) {
	env := map[string]string{"SAIL_MODE": "local-cluster", "SAIL_CLUSTER__WORKER_MAX_COUNT": "3", "SAIL_CLUSTER__TASK_MAX_FAILURES": "2"}
	cfg := defaultConfig()
	if _, err := settings.Load("sail spark server", cfg.Settings(), []string{"--worker-slots", "5"}, func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	}); err != nil {
		t.Fatal(err)
	}
	cc := cfg.Cluster
	if cc.Mode != modeLocalCluster || cc.WorkerMaxCount != 3 || cc.WorkerSlots != 5 || cc.TaskMaxFailures != 2 {
		t.Fatalf("settings %+v", cc)
	}
	if err := cc.check(); err != nil {
		t.Fatal(err)
	}
	if defaultConfig().Cluster.Mode != modeLocal || defaultConfig().Cluster.TaskMaxFailures != 4 {
		t.Fatal("the default is local mode with spark.task.maxFailures 4")
	}
	bad := defaultClusterConfig()
	bad.Mode = "yarn"
	if err := bad.check(); err == nil || !strings.Contains(err.Error(), "local-cluster") {
		t.Fatalf("mode yarn: %v", err)
	}
	// More initial workers than the maximum are capped.
	capped := defaultClusterConfig()
	capped.Mode, capped.WorkerInitialCount, capped.WorkerMaxCount = modeLocalCluster, 5, 2
	if err := capped.check(); err != nil || capped.WorkerInitialCount != 2 {
		t.Fatalf("capped: %v %+v", err, capped)
	}
}

func TestWorkerNeedsDriver(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := runWorker(nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "--driver") {
		t.Fatalf("sail worker without a driver: %d %q", code, stderr.String())
	}
}

// A worker started by a local-cluster server does not inherit the server's own settings.
func TestWorkerEnv(t *testing.T) {
	got := workerEnv([]string{"PATH=/bin", "SAIL_MODE=local-cluster", "SAIL_DEBUG__PPROF_ADDRESS=127.0.0.1:6060", "SAIL_LOG__LEVEL=debug", "SAIL_WORKER__ID=x"})
	if strings.Join(got, " ") != "PATH=/bin SAIL_LOG__LEVEL=debug" {
		t.Fatalf("worker env %v", got)
	}
}
