package kubernetes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

const testNS = "spark"

// driverPod is the driver's pod as Kubernetes would report it to the manager.
func driverPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "sail-7d9f-x2x4q", Namespace: testNS, UID: "uid-driver",
			Labels: map[string]string{LabelInstance: "prod", LabelComponent: ComponentDriver}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{
			{Name: "log-shipper", Image: "shipper:1"},
			{Name: ContainerName, Image: "registry.example/sail:1.2", ImagePullPolicy: corev1.PullIfNotPresent},
		}},
	}
}

// clock is a settable clock for launch timeouts.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// failures records what the manager reported.
type failures struct {
	mu   sync.Mutex
	list []Failure
}

func (f *failures) add(x Failure) { f.mu.Lock(); f.list = append(f.list, x); f.mu.Unlock() }
func (f *failures) get() []Failure {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.list)
}

// podClient serves the manager from a fake clientset.
func podClient(cs *fake.Clientset) PodClient {
	return func(ns string) Pods { return cs.CoreV1().Pods(ns) }
}

type harness struct {
	t      *testing.T
	client *fake.Clientset
	clock  *clock
	fails  *failures
	m      *Manager
}

func start(t *testing.T, opts Options, objects ...runtime.Object) *harness {
	t.Helper()
	h := &harness{t: t, client: fake.NewClientset(objects...), clock: newClock(), fails: &failures{}}
	if opts.LaunchTimeout == 0 {
		opts.LaunchTimeout = time.Minute
	}
	opts.ResyncInterval = 5 * time.Millisecond
	opts.Now = h.clock.now
	opts.OnFailure = h.fails.add
	opts.IDEnv = "SAIL_WORKER__ID"
	m, err := Start(context.Background(), podClient(h.client), opts)
	if err != nil {
		t.Fatal(err)
	}
	h.m = m
	t.Cleanup(func() { _ = m.Close(context.Background()) })
	return h
}

func (h *harness) pods(ns string) []corev1.Pod {
	h.t.Helper()
	list, err := h.client.CoreV1().Pods(ns).List(context.Background(), metav1.ListOptions{LabelSelector: LabelComponent + "=" + ComponentWorker})
	if err != nil {
		h.t.Fatal(err)
	}
	slices.SortFunc(list.Items, func(a, b corev1.Pod) int { return strings.Compare(a.Name, b.Name) })
	return list.Items
}

func (h *harness) names(ns string) []string {
	var out []string
	for _, p := range h.pods(ns) {
		out = append(out, p.Name)
	}
	return out
}

// eventually waits for cond, failing the test after a few seconds.
func (h *harness) eventually(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (h *harness) setStatus(name string, status corev1.PodStatus) {
	h.t.Helper()
	pods := h.client.CoreV1().Pods(testNS)
	pod, err := pods.Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		h.t.Fatal(err)
	}
	pod.Status = status
	if _, err := pods.UpdateStatus(context.Background(), pod, metav1.UpdateOptions{}); err != nil {
		h.t.Fatal(err)
	}
}

func env(c corev1.Container) map[string]string {
	out := map[string]string{}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom != nil && e.ValueFrom.FieldRef != nil:
			out[e.Name] = "field:" + e.ValueFrom.FieldRef.FieldPath
		default:
			out[e.Name] = e.Value
		}
	}
	return out
}

// The worker pods: named after the driver pod, labelled, owned by the driver pod, the
// template under our fields, settings as environment variables.
func TestWorkerPods(t *testing.T) {
	tmpl, err := ParsePodTemplate([]byte(`
apiVersion: v1
kind: Pod
metadata:
  labels: {team: data, app.kubernetes.io/component: overridden}
  annotations: {prometheus.io/scrape: "true"}
spec:
  nodeSelector: {pool: spark}
  restartPolicy: Always
  containers:
  - name: sail
    image: ignored:0
    resources:
      requests: {cpu: "2", memory: 4Gi}
      limits: {memory: 4Gi}
    env:
    - {name: TZ, value: UTC}
    - {name: SAIL_WORKER__TASK_SLOTS, value: "99"}
  - name: sidecar
    image: sidecar:1
`))
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, Options{
		DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS, ServiceAccount: "sail-worker", PodTemplate: tmpl,
		Env: []corev1.EnvVar{
			{Name: "SAIL_WORKER__DRIVER_ADDRESS", Value: "10.1.2.3:7077"},
			{Name: "SAIL_WORKER__TASK_SLOTS", Value: "4"},
			FieldEnv("SAIL_WORKER__ADVERTISED_HOST", "status.podIP"),
		},
	}, driverPod())
	if h.m.Namespace() != testNS {
		t.Fatalf("namespace %q", h.m.Namespace())
	}
	h.m.StartWorkers(2)
	h.eventually("two pods", func() bool { return len(h.pods(testNS)) == 2 })
	if got := h.names(testNS); !slices.Equal(got, []string{"sail-7d9f-x2x4q-worker-1", "sail-7d9f-x2x4q-worker-2"}) {
		t.Fatalf("pod names %v", got)
	}
	pod := h.pods(testNS)[0]
	wantLabels := map[string]string{
		"team": "data", LabelName: AppName, LabelComponent: ComponentWorker, LabelInstance: "prod", LabelDriver: "sail-7d9f-x2x4q",
	}
	if fmt.Sprint(pod.Labels) != fmt.Sprint(wantLabels) {
		t.Errorf("labels %v, want %v", pod.Labels, wantLabels)
	}
	if pod.Annotations["prometheus.io/scrape"] != "true" {
		t.Errorf("annotations %v", pod.Annotations)
	}
	if len(pod.OwnerReferences) != 1 {
		t.Fatalf("owner references %v", pod.OwnerReferences)
	}
	if o := pod.OwnerReferences[0]; o.Kind != "Pod" || o.APIVersion != "v1" || o.Name != "sail-7d9f-x2x4q" || o.UID != "uid-driver" || o.Controller == nil || !*o.Controller {
		t.Errorf("owner reference %+v", o)
	}
	spec := pod.Spec
	if spec.RestartPolicy != corev1.RestartPolicyNever || spec.ServiceAccountName != "sail-worker" ||
		spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken || spec.NodeSelector["pool"] != "spark" {
		t.Errorf("pod spec %+v", spec)
	}
	if len(spec.Containers) != 2 || spec.Containers[1].Name != "sidecar" {
		t.Fatalf("containers %+v", spec.Containers)
	}
	c := spec.Containers[0]
	// The image and pull policy are the driver's own when not set.
	if c.Name != ContainerName || c.Image != "registry.example/sail:1.2" || c.ImagePullPolicy != corev1.PullIfNotPresent || !slices.Equal(c.Args, []string{"worker"}) {
		t.Errorf("container %+v", c)
	}
	if q := c.Resources.Requests[corev1.ResourceCPU]; q.Cmp(resource.MustParse("2")) != 0 {
		t.Errorf("resources %+v", c.Resources)
	}
	wantEnv := map[string]string{
		"TZ": "UTC", "SAIL_WORKER__TASK_SLOTS": "4", "SAIL_WORKER__DRIVER_ADDRESS": "10.1.2.3:7077",
		"SAIL_WORKER__ADVERTISED_HOST": "field:status.podIP", "SAIL_WORKER__ID": "sail-7d9f-x2x4q-worker-1",
	}
	if got := env(c); fmt.Sprint(got) != fmt.Sprint(wantEnv) {
		t.Errorf("env %v, want %v", got, wantEnv)
	}
	if len(c.Env) != len(wantEnv) || c.Env[0].Name != "TZ" {
		t.Errorf("env order %v", c.Env)
	}
}

// StopWorker deletes the worker's pod; Close deletes the rest, and later requests do
// nothing.
func TestStopAndClose(t *testing.T) {
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS, Image: "sail:dev"}, driverPod())
	h.m.StartWorkers(3)
	h.eventually("three pods", func() bool { return len(h.pods(testNS)) == 3 })
	if c := h.pods(testNS)[0].Spec.Containers[0]; c.Image != "sail:dev" {
		t.Fatalf("image %q", c.Image)
	}
	h.m.StopWorker("sail-7d9f-x2x4q-worker-2")
	h.m.StopWorker("not-a-worker-of-ours")
	h.eventually("worker-2 deleted", func() bool { return len(h.pods(testNS)) == 2 })
	if got := h.names(testNS); !slices.Equal(got, []string{"sail-7d9f-x2x4q-worker-1", "sail-7d9f-x2x4q-worker-3"}) {
		t.Fatalf("pods %v", got)
	}
	// A pod of someone else in the namespace is left alone.
	other := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "other", Namespace: testNS, Labels: map[string]string{LabelComponent: ComponentWorker, LabelDriver: "another"}}}
	if _, err := h.client.CoreV1().Pods(testNS).Create(context.Background(), other, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := h.m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := h.names(testNS); !slices.Equal(got, []string{"other"}) {
		t.Fatalf("pods after Close %v", got)
	}
	h.m.StartWorkers(1)
	time.Sleep(20 * time.Millisecond)
	if got := h.names(testNS); len(got) != 1 {
		t.Fatalf("a pod started after Close: %v", got)
	}
	if f := h.fails.get(); len(f) != 0 {
		t.Fatalf("failures %v", f)
	}
}

// A pod whose image cannot be pulled is reported with Kubernetes' reason and deleted once
// the launch timeout passes; one that started is kept.
func TestImagePullErrorReportedAtLaunchTimeout(t *testing.T) {
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS, LaunchTimeout: time.Minute}, driverPod())
	h.m.StartWorkers(2)
	h.eventually("two pods", func() bool { return len(h.pods(testNS)) == 2 })
	h.setStatus("sail-7d9f-x2x4q-worker-1", corev1.PodStatus{Phase: corev1.PodPending, ContainerStatuses: []corev1.ContainerStatus{{
		Name: ContainerName, State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ImagePullBackOff", Message: `Back-off pulling image "registry.example/sail:1.2"`}},
	}}})
	h.setStatus("sail-7d9f-x2x4q-worker-2", corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{{
		Name: ContainerName, State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}},
	}}})
	// Before the timeout the pod stays, for `kubectl describe` and for the kubelet's retries.
	time.Sleep(30 * time.Millisecond)
	if n := len(h.pods(testNS)); n != 2 || len(h.fails.get()) != 0 {
		t.Fatalf("%d pods, failures %v before the launch timeout", n, h.fails.get())
	}
	h.clock.advance(time.Minute)
	h.eventually("the failing pod deleted", func() bool { return len(h.pods(testNS)) == 1 })
	if got := h.names(testNS); got[0] != "sail-7d9f-x2x4q-worker-2" {
		t.Fatalf("pods %v", got)
	}
	want := []Failure{{Pod: "sail-7d9f-x2x4q-worker-1", Reason: "ImagePullBackOff",
		Message: `Back-off pulling image "registry.example/sail:1.2" (not started within 1m0s)`}}
	if got := h.fails.get(); !slices.Equal(got, want) {
		t.Fatalf("failures %v, want %v", got, want)
	}
}

// A pod left Pending (no node, or no status at all) is given up on at the launch timeout,
// counted from when the driver asked.
func TestPendingPastLaunchTimeout(t *testing.T) {
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS, LaunchTimeout: 2 * time.Minute}, driverPod())
	h.m.StartWorkers(2)
	h.eventually("two pods", func() bool { return len(h.pods(testNS)) == 2 })
	h.setStatus("sail-7d9f-x2x4q-worker-1", corev1.PodStatus{Phase: corev1.PodPending, Conditions: []corev1.PodCondition{{
		Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: "Unschedulable", Message: "0/3 nodes are available: 3 Insufficient cpu.",
	}}})
	h.clock.advance(119 * time.Second)
	time.Sleep(30 * time.Millisecond)
	if n := len(h.pods(testNS)); n != 2 {
		t.Fatalf("%d pods before the timeout", n)
	}
	h.clock.advance(time.Second)
	h.eventually("both deleted", func() bool { return len(h.pods(testNS)) == 0 })
	got := h.fails.get()
	slices.SortFunc(got, func(a, b Failure) int { return strings.Compare(a.Pod, b.Pod) })
	want := []Failure{
		{Pod: "sail-7d9f-x2x4q-worker-1", Reason: "Unschedulable", Message: "0/3 nodes are available: 3 Insufficient cpu. (not started within 2m0s)"},
		{Pod: "sail-7d9f-x2x4q-worker-2", Reason: "LaunchTimeout", Message: "not started within 2m0s"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("failures %v, want %v", got, want)
	}
}

// A worker container that exits before it ran is reported at once, with its exit code; a
// worker that ran and ended is deleted without a report.
func TestEndedPods(t *testing.T) {
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS}, driverPod())
	h.m.StartWorkers(2)
	h.eventually("two pods", func() bool { return len(h.pods(testNS)) == 2 })
	h.setStatus("sail-7d9f-x2x4q-worker-1", corev1.PodStatus{Phase: corev1.PodFailed, ContainerStatuses: []corev1.ContainerStatus{{
		Name: ContainerName, State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 2, Reason: "Error", Message: "sail worker: --driver is required"}},
	}}})
	h.eventually("worker-1 deleted", func() bool { return len(h.pods(testNS)) == 1 })
	want := []Failure{{Pod: "sail-7d9f-x2x4q-worker-1", Reason: "Error", Message: "exit code 2 sail worker: --driver is required"}}
	if got := h.fails.get(); !slices.Equal(got, want) {
		t.Fatalf("failures %v, want %v", got, want)
	}
	h.setStatus("sail-7d9f-x2x4q-worker-2", corev1.PodStatus{Phase: corev1.PodRunning})
	time.Sleep(20 * time.Millisecond)
	h.setStatus("sail-7d9f-x2x4q-worker-2", corev1.PodStatus{Phase: corev1.PodSucceeded})
	h.eventually("worker-2 deleted", func() bool { return len(h.pods(testNS)) == 0 })
	if got := h.fails.get(); len(got) != 1 {
		t.Fatalf("failures %v", got)
	}
}

// Pods an earlier run of the same driver pod left are deleted at start, and a name still
// taken is skipped.
func TestLeftoversAndNameCollisions(t *testing.T) {
	left := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "sail-7d9f-x2x4q-worker-1", Namespace: testNS,
		Labels: map[string]string{LabelComponent: ComponentWorker, LabelDriver: "sail-7d9f-x2x4q"}}}
	// Terminating: deleted already, its name still taken.
	now := metav1.Now()
	terminating := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "sail-7d9f-x2x4q-worker-2", Namespace: testNS, DeletionTimestamp: &now,
		Finalizers: []string{"x"}, Labels: map[string]string{LabelComponent: ComponentWorker, LabelDriver: "other"}}}
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS}, driverPod(), left, terminating)
	if got := h.names(testNS); !slices.Equal(got, []string{"sail-7d9f-x2x4q-worker-2"}) {
		t.Fatalf("pods after start %v", got)
	}
	h.m.StartWorkers(2)
	h.eventually("two new pods", func() bool { return len(h.pods(testNS)) == 3 })
	if got := h.names(testNS); !slices.Equal(got, []string{"sail-7d9f-x2x4q-worker-1", "sail-7d9f-x2x4q-worker-2", "sail-7d9f-x2x4q-worker-3"}) {
		t.Fatalf("pods %v", got)
	}
}

// Workers in another namespace than the driver's cannot be owned by its pod; API errors
// when creating are reported.
func TestOtherNamespaceAndCreateErrors(t *testing.T) {
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS, Namespace: "workers"}, driverPod())
	h.client.PrependReactor("create", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		if a.(k8stesting.CreateAction).GetObject().(*corev1.Pod).Name == "sail-7d9f-x2x4q-worker-2" {
			return true, nil, fmt.Errorf("pods is forbidden: exceeded quota")
		}
		return false, nil, nil
	})
	h.m.StartWorkers(2)
	h.eventually("a failure", func() bool { return len(h.fails.get()) == 1 })
	pods := h.pods("workers")
	if len(pods) != 1 || len(pods[0].OwnerReferences) != 0 || pods[0].Namespace != "workers" {
		t.Fatalf("pods %+v", pods)
	}
	if f := h.fails.get()[0]; f.Reason != "CreateFailed" || !strings.Contains(f.Message, "exceeded quota") {
		t.Fatalf("failure %v", f)
	}
}

// Outside a pod the manager names its own pods, and needs an image.
func TestOutsideAPod(t *testing.T) {
	h := start(t, Options{Image: "sail:dev"})
	h.m.StartWorkers(1)
	h.eventually("a pod", func() bool { return len(h.pods("default")) == 1 })
	pod := h.pods("default")[0]
	if !strings.HasPrefix(pod.Name, "sail-") || !strings.HasSuffix(pod.Name, "-worker-1") || len(pod.OwnerReferences) != 0 ||
		pod.Labels[LabelDriver] != strings.TrimSuffix(pod.Name, "-worker-1") {
		t.Fatalf("pod %+v", pod.ObjectMeta)
	}
	_, err := Start(context.Background(), podClient(fake.NewClientset()), Options{LaunchTimeout: time.Minute, IDEnv: "X"})
	if err == nil || !strings.Contains(err.Error(), "no image") {
		t.Fatalf("no image: %v", err)
	}
	_, err = Start(context.Background(), podClient(fake.NewClientset()), Options{LaunchTimeout: time.Minute, IDEnv: "X", DriverPodName: "gone", DriverPodNamespace: "x"})
	if err == nil || !strings.Contains(err.Error(), "the driver's pod x/gone") {
		t.Fatalf("missing driver pod: %v", err)
	}
	_, err = Start(context.Background(), podClient(fake.NewClientset()), Options{LaunchTimeout: time.Minute, IDEnv: "X", Image: "i", ImagePullPolicy: "Sometimes"})
	if err == nil || !strings.Contains(err.Error(), "pull policy") {
		t.Fatalf("pull policy: %v", err)
	}
}

func TestParsePodTemplate(t *testing.T) {
	for _, tc := range []struct{ doc, err string }{
		{"spec: {containers: [{name: sail, resources: {limits: {memory: 1Gi}}}]}", ""},
		{"kind: Pod\nspec: {}", ""},
		{"kind: Deployment\nspec: {}", `kind "Deployment", expected Pod`},
		{"spec: {containerz: []}", `unknown field "containerz"`},
		{"spec: [", "worker pod template"},
	} {
		_, err := ParsePodTemplate([]byte(tc.doc))
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%q: err %v, want %q", tc.doc, err, tc.err)
		}
	}
}

func TestPodPrefix(t *testing.T) {
	long := strings.Repeat("a", 60) + "-b"
	if p := podPrefix(long); len(p+"-worker-99999") > 63 || strings.HasSuffix(p, "-") {
		t.Fatalf("prefix %q", p)
	}
	if !labelValue("sail-7d9f") || labelValue("-x") || labelValue(strings.Repeat("a", 64)) || labelValue("a/b") {
		t.Fatal("labelValue")
	}
}

// registeredCondition is a pod's ConditionRegistered status ("" when it has none).
func (h *harness) registeredCondition(name string) corev1.ConditionStatus {
	h.t.Helper()
	pod, err := h.client.CoreV1().Pods(testNS).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == ConditionRegistered {
			return c.Status
		}
	}
	return ""
}

// The driver's word on which workers registered becomes their pods' ConditionRegistered
// (the pods' readiness gate), patched through the status subresource next to the kubelet's
// conditions; a condition lost is set again, and a patch that failed is retried.
func TestRegisteredCondition(t *testing.T) {
	h := start(t, Options{DriverPodName: "sail-7d9f-x2x4q", DriverPodNamespace: testNS}, driverPod())
	var forbid atomic.Bool
	var patches atomic.Int64
	h.client.PrependReactor("patch", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		p := a.(k8stesting.PatchAction)
		if p.GetSubresource() != "status" || p.GetPatchType() != types.StrategicMergePatchType {
			t.Errorf("patch %s of %s, type %s", p.GetSubresource(), p.GetName(), p.GetPatchType())
		}
		patches.Add(1)
		if forbid.Load() {
			return true, nil, apierrors.NewForbidden(schema.GroupResource{Resource: "pods"}, p.GetName(), fmt.Errorf("cannot patch pods/status"))
		}
		return false, nil, nil
	})
	h.m.StartWorkers(2)
	h.eventually("two pods", func() bool { return len(h.pods(testNS)) == 2 })
	w1, w2 := "sail-7d9f-x2x4q-worker-1", "sail-7d9f-x2x4q-worker-2"
	for _, p := range h.pods(testNS) {
		if !slices.Equal(p.Spec.ReadinessGates, []corev1.PodReadinessGate{{ConditionType: ConditionRegistered}}) {
			t.Fatalf("readiness gates %v", p.Spec.ReadinessGates)
		}
	}
	running := corev1.PodStatus{Phase: corev1.PodRunning, Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}}}
	h.setStatus(w1, running)
	h.setStatus(w2, running)
	h.m.SetRegistered([]string{w1, "not-a-pod-of-ours"})
	h.eventually("worker-1 registered", func() bool { return h.registeredCondition(w1) == corev1.ConditionTrue })
	// The kubelet's condition stays; the other pod has no condition yet.
	pod, _ := h.client.CoreV1().Pods(testNS).Get(context.Background(), w1, metav1.GetOptions{})
	if len(pod.Status.Conditions) != 2 || pod.Status.Phase != corev1.PodRunning || h.registeredCondition(w2) != "" {
		t.Fatalf("conditions %+v, worker-2 %q", pod.Status.Conditions, h.registeredCondition(w2))
	}
	// Patched once: nothing to do while the driver's word and the pods agree.
	time.Sleep(30 * time.Millisecond)
	if n := patches.Load(); n != 1 {
		t.Fatalf("%d patches", n)
	}
	// A status written without the condition gets it back at the next resync.
	h.setStatus(w1, running)
	h.eventually("worker-1 registered again", func() bool { return h.registeredCondition(w1) == corev1.ConditionTrue })
	// worker-1 leaves the pool and worker-2 joins.
	h.m.SetRegistered([]string{w2})
	h.eventually("worker-2 registered, worker-1 not", func() bool {
		return h.registeredCondition(w2) == corev1.ConditionTrue && h.registeredCondition(w1) == corev1.ConditionFalse
	})
	// A forbidden patch is retried until it goes through.
	forbid.Store(true)
	h.m.SetRegistered([]string{w1, w2})
	h.eventually("retries", func() bool { return patches.Load() > 6 })
	if h.registeredCondition(w1) != corev1.ConditionFalse {
		t.Fatal("a forbidden patch changed the pod")
	}
	forbid.Store(false)
	h.eventually("worker-1 registered at last", func() bool { return h.registeredCondition(w1) == corev1.ConditionTrue })
}
