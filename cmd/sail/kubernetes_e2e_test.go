package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/driver"
	k8s "github.com/sailgo/sail/driver/kubernetes"
	"github.com/sailgo/sail/proto/controlpb"
)

// fakeKubelet runs the worker pods created in a fake API server as `sail worker`
// processes, with the pod's environment (the downward API's fields filled in: the pod's
// name, and a loopback address of its own as its IP), marks them running, and stops a pod's process with SIGTERM
// when the pod is deleted.
type fakeKubelet struct {
	t     *testing.T
	cs    *fake.Clientset
	bin   string
	logs  *syncLog
	mu    sync.Mutex
	procs map[string]*exec.Cmd
	ended chan string
}

func startFakeKubelet(t *testing.T, cs *fake.Clientset, ns, bin string) *fakeKubelet {
	k := &fakeKubelet{t: t, cs: cs, bin: bin, logs: &syncLog{}, procs: map[string]*exec.Cmd{}, ended: make(chan string, 16)}
	ctx, cancel := context.WithCancel(context.Background())
	w, err := cs.CoreV1().Pods(ns).Watch(ctx, metav1.ListOptions{LabelSelector: k8s.LabelComponent + "=" + k8s.ComponentWorker})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev := range w.ResultChan() {
			pod, ok := ev.Object.(*corev1.Pod)
			if !ok || pod.Labels[k8s.LabelComponent] != k8s.ComponentWorker {
				continue
			}
			switch ev.Type {
			case watch.Added:
				k.run(ctx, pod)
			case watch.Deleted:
				k.mu.Lock()
				if cmd := k.procs[pod.Name]; cmd != nil {
					_ = cmd.Process.Signal(syscall.SIGTERM)
				}
				k.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		w.Stop()
		k.mu.Lock()
		defer k.mu.Unlock()
		for _, cmd := range k.procs {
			_ = cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("worker logs:\n%s", k.logs)
		}
	})
	return k
}

func (k *fakeKubelet) run(ctx context.Context, pod *corev1.Pod) {
	c := pod.Spec.Containers[0]
	// Each pod its own IP: another loopback address.
	k.mu.Lock()
	ip := fmt.Sprintf("127.0.0.%d", len(k.procs)+2)
	k.mu.Unlock()
	env := workerEnv(os.Environ())
	for _, e := range c.Env {
		v := e.Value
		if e.ValueFrom != nil {
			switch e.ValueFrom.FieldRef.FieldPath {
			case "metadata.name":
				v = pod.Name
			case "status.podIP":
				v = ip
			default:
				k.t.Errorf("pod %s: unexpected field %s", pod.Name, e.ValueFrom.FieldRef.FieldPath)
			}
		}
		env = append(env, e.Name+"="+v)
	}
	cmd := exec.Command(k.bin, c.Args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logWriter{k.logs, "[" + pod.Name + "] "}, logWriter{k.logs, "[" + pod.Name + "] "}
	if err := cmd.Start(); err != nil {
		k.t.Error(err)
		return
	}
	k.mu.Lock()
	k.procs[pod.Name] = cmd
	k.mu.Unlock()
	go func() {
		_ = cmd.Wait()
		k.ended <- pod.Name
	}()
	pod = pod.DeepCopy()
	pod.Status = corev1.PodStatus{Phase: corev1.PodRunning, PodIP: ip, ContainerStatuses: []corev1.ContainerStatus{{
		Name: k8s.ContainerName, State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}}}
	if _, err := k.cs.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, pod, metav1.UpdateOptions{}); err != nil && ctx.Err() == nil {
		k.t.Error(err)
	}
}

// TestKubernetesWorkersRegister: the driver with the Kubernetes manager, against a fake API
// server whose pods run as real `sail worker` processes. The initial workers start with the
// driver and register under their pods' names, with the environment the manager gave them;
// closing the manager deletes the pods, and their workers leave the driver.
func TestKubernetesWorkersRegister(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sail and starts worker processes")
	}
	bin := plainSailBinary(t)
	node, err := controlNode()
	if err != nil {
		t.Fatal(err)
	}
	const ns = "spark"
	cs := fake.NewClientset(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "sail-drv", Namespace: ns, UID: "uid-drv", Labels: map[string]string{k8s.LabelInstance: "e2e"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: k8s.ContainerName, Image: "sail:e2e"}}},
	})
	kubelet := startFakeKubelet(t, cs, ns, bin)
	cfg := defaultConfig()
	cfg.Cluster.WorkerSlots, cfg.Log = 2, "warn"
	env, idEnv := kubernetesWorkerEnv(cfg, node.Address())
	ctx := context.Background()
	m, err := k8s.Start(ctx, func(ns string) k8s.Pods { return cs.CoreV1().Pods(ns) }, k8s.Options{DriverPodName: "sail-drv", DriverPodNamespace: ns, Env: env, IDEnv: idEnv,
		LaunchTimeout: time.Minute, ResyncInterval: 50 * time.Millisecond, Log: quietLogger(0)})
	if err != nil {
		t.Fatal(err)
	}
	pid, err := driver.Spawn(node, driver.Config{HeartbeatInterval: 250 * time.Millisecond, HeartbeatTimeout: 5 * time.Second,
		WorkerInitialCount: 2, WorkerMaxCount: 2, WorkerSlotsHint: 2, WorkerLaunchTimeout: time.Minute}, m, quietLogger(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = m.Close(context.Background())
		_ = node.System.Root.StopFuture(pid).Wait()
	})
	startInitialWorkers(node.System.Root, pid, 2)
	// The server's follower marks the pods of registered workers (their readiness gate).
	followCtx, stopFollow := context.WithCancel(ctx)
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		followRegistrations(followCtx, node.System.Root, pid, m, 20*time.Millisecond, quietLogger(0))
	}()
	t.Cleanup(func() {
		stopFollow()
		<-followed
	})
	status := func() *controlpb.ClusterStatus {
		res, err := actors.Ask(node.System.Root, pid, &controlpb.GetClusterStatus{}, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return res.Msg.(*controlpb.ClusterStatus)
	}
	waitFor := func(what string, cond func(*controlpb.ClusterStatus) bool) *controlpb.ClusterStatus {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			st := status()
			if cond(st) {
				return st
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s (status %v)\nworker logs:\n%s", what, st, kubelet.logs)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	st := waitFor("two workers", func(st *controlpb.ClusterStatus) bool { return len(st.GetWorkers()) == 2 })
	var ids []string
	for _, w := range st.GetWorkers() {
		ids = append(ids, w.GetWorkerId())
		// Each worker listens and serves Flight on its pod's IP.
		if w.GetSlots() != 2 || !strings.HasPrefix(w.GetFlightAddress(), "127.0.0.") || strings.HasPrefix(w.GetFlightAddress(), "127.0.0.1:") {
			t.Errorf("worker %v", w)
		}
	}
	slices.Sort(ids)
	if want := []string{"sail-drv-worker-1", "sail-drv-worker-2"}; !slices.Equal(ids, want) {
		t.Fatalf("workers %v, want %v", ids, want)
	}
	if st.GetPendingWorkers() != 0 {
		t.Fatalf("pending workers %d", st.GetPendingWorkers())
	}
	pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: k8s.LabelInstance + "=e2e," + k8s.LabelComponent + "=" + k8s.ComponentWorker})
	if err != nil || len(pods.Items) != 2 || pods.Items[0].OwnerReferences[0].UID != "uid-drv" {
		t.Fatalf("pods %v %v", pods, err)
	}
	// Both pods carry the driver's word that their worker registered (what sailctl up
	// waits for).
	deadline := time.Now().Add(30 * time.Second)
	for {
		pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: k8s.LabelInstance + "=e2e," + k8s.LabelComponent + "=" + k8s.ComponentWorker})
		if err != nil {
			t.Fatal(err)
		}
		marked := 0
		for _, p := range pods.Items {
			for _, c := range p.Status.Conditions {
				if c.Type == k8s.ConditionRegistered && c.Status == corev1.ConditionTrue {
					marked++
				}
			}
		}
		if marked == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pods not marked registered: %+v", pods.Items)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Closing the manager (the server's shutdown) deletes the pods; the workers stop.
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		select {
		case name := <-kubelet.ended:
			t.Logf("%s exited", name)
		case <-time.After(30 * time.Second):
			t.Fatalf("a worker did not exit after its pod was deleted\n%s", kubelet.logs)
		}
	}
	waitFor("the workers gone", func(st *controlpb.ClusterStatus) bool { return len(st.GetWorkers()) == 0 })
}
