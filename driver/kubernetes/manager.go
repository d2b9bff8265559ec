package kubernetes

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// Options configures a Manager.
type Options struct {
	// Namespace of the worker pods; empty: the driver pod's, else "default".
	Namespace string
	// DriverPodName and DriverPodNamespace name the driver's own pod (the downward API's
	// POD_NAME and POD_NAMESPACE); empty when the driver does not run in a pod. The worker
	// pods are owned by it when they share its namespace.
	DriverPodName      string
	DriverPodNamespace string
	// Image of the worker pods; empty: the driver pod's own image.
	Image string
	// ImagePullPolicy of the worker pods (Always, IfNotPresent, Never); empty: the driver
	// pod's, else Kubernetes' default.
	ImagePullPolicy string
	// ServiceAccount the worker pods run as; empty: the template's, else the namespace's
	// default.
	ServiceAccount string
	// PodTemplate is what the worker pods start from (LoadPodTemplate); nil: an empty pod.
	PodTemplate *corev1.Pod
	// Env is the worker container's environment: its SAIL_* settings (driver address, slots,
	// ...), over the template's variables of the same names.
	Env []corev1.EnvVar
	// IDEnv is the variable the worker takes its id from: the manager sets it to the pod's
	// name, which is what the driver later hands to StopWorker.
	IDEnv string
	// Args of the worker container; empty: ["worker"].
	Args []string
	// LaunchTimeout: a pod that has not started this long after the driver asked for it is
	// deleted and reported. It must be the driver's worker launch timeout, after which the
	// driver stops counting on the worker and may ask for another.
	LaunchTimeout time.Duration
	// ResyncInterval is how often the pods are listed besides the watch (and timeouts
	// checked); default 5 s.
	ResyncInterval time.Duration
	// OnFailure is told of each pod given up on (besides the log).
	OnFailure func(Failure)
	Log       *slog.Logger
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

// Failure is a worker pod that did not start: deleted, with the reason Kubernetes gave
// (ErrImagePull, ImagePullBackOff, Unschedulable, a container's termination reason, ...) or
// LaunchTimeout, and its message.
type Failure struct {
	Pod     string
	Reason  string
	Message string
}

func (f Failure) String() string {
	if f.Message == "" {
		return f.Pod + ": " + f.Reason
	}
	return f.Pod + ": " + f.Reason + ": " + f.Message
}

// Manager is the Kubernetes driver.WorkerManager: one pod per worker.
type Manager struct {
	opts       Options
	pods       Pods
	log        *slog.Logger
	now        func() time.Time
	namespace  string
	image      string
	pullPolicy corev1.PullPolicy
	owner      *metav1.OwnerReference
	labels     map[string]string // of every worker pod
	selector   string            // LabelDriver=id: this manager's pods
	prefix     string

	mu     sync.Mutex
	queue  []request
	closed bool
	// registered is the driver's last word on which workers are registered (SetRegistered).
	registered map[string]bool
	wake       chan struct{}
	cancel     context.CancelFunc
	done       chan struct{}

	// Owned by the loop goroutine.
	next    int
	tracked map[string]*podState
	// patchFailed: a status patch failed; the next failures are logged at debug level.
	patchFailed bool
}

// request is a call of the driver waiting for the loop.
type request struct {
	start int
	stop  string
	at    time.Time
}

// podState is what the manager knows of one of its pods.
type podState struct {
	requested time.Time // when the driver asked for the worker
	started   bool      // its sail container ran
	problem   string    // the last reason it was seen not starting, e.g. ImagePullBackOff
	message   string
	deleted   bool // deletion requested
	// registered is the pod's ConditionRegistered as last seen or set.
	registered bool
}

// Start checks the driver's pod (the owner of the workers, and the default image), removes
// worker pods a previous run of this driver pod left, and starts the loop that talks to the
// API server.
func Start(ctx context.Context, client PodClient, opts Options) (*Manager, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ResyncInterval <= 0 {
		opts.ResyncInterval = 5 * time.Second
	}
	if opts.LaunchTimeout <= 0 {
		return nil, errors.New("kubernetes worker manager: the launch timeout must be positive")
	}
	if opts.IDEnv == "" {
		return nil, errors.New("kubernetes worker manager: no variable for the worker's id")
	}
	m := &Manager{
		opts: opts, log: opts.Log, now: opts.Now, image: opts.Image, pullPolicy: corev1.PullPolicy(opts.ImagePullPolicy),
		labels: map[string]string{LabelName: AppName, LabelComponent: ComponentWorker},
		wake:   make(chan struct{}, 1), done: make(chan struct{}), tracked: map[string]*podState{},
	}
	switch m.pullPolicy {
	case "", corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever:
	default:
		return nil, fmt.Errorf("kubernetes image pull policy %q: expected Always, IfNotPresent or Never", opts.ImagePullPolicy)
	}
	m.namespace = firstOf(opts.Namespace, opts.DriverPodNamespace, "default")
	id := ""
	if opts.DriverPodName != "" {
		ns := firstOf(opts.DriverPodNamespace, m.namespace)
		driverPod, err := client(ns).Get(ctx, opts.DriverPodName, metav1.GetOptions{})
		if err != nil {
			return nil, fmt.Errorf("the driver's pod %s/%s: %w", ns, opts.DriverPodName, err)
		}
		if ns == m.namespace {
			yes := true
			m.owner = &metav1.OwnerReference{APIVersion: "v1", Kind: "Pod", Name: driverPod.Name, UID: driverPod.UID, Controller: &yes}
		} else {
			m.log.Warn("worker pods are in another namespace than the driver's pod: they are not owned by it, and outlive the driver if it is killed",
				"namespace", m.namespace, "driver_namespace", ns)
		}
		if v, ok := driverPod.Labels[LabelInstance]; ok {
			m.labels[LabelInstance] = v
		}
		// The workers run the driver's image unless told otherwise.
		if c := driverContainer(driverPod); c != nil {
			if m.image == "" {
				m.image = c.Image
			}
			if m.pullPolicy == "" {
				m.pullPolicy = c.ImagePullPolicy
			}
		}
		id = opts.DriverPodName
		if !labelValue(id) {
			id = string(driverPod.UID)
		}
		m.prefix = podPrefix(opts.DriverPodName)
	}
	if m.image == "" {
		return nil, errors.New("kubernetes worker manager: no image for the workers (set kubernetes.image)")
	}
	fresh := id == ""
	if fresh {
		// Not in a pod: a name of our own, so that two drivers do not share pods.
		id = "sail-" + randomSuffix()
		m.prefix = id
	}
	m.labels[LabelDriver] = id
	m.selector = labels.Set{LabelDriver: id}.String()
	m.pods = client(m.namespace)
	if !fresh {
		// Pods left by an earlier run of this driver (its container restarted) belong to a
		// driver that is gone.
		if n, err := m.deleteAll(ctx); err != nil {
			return nil, fmt.Errorf("removing worker pods left by an earlier driver: %w", err)
		} else if n > 0 {
			m.log.Info("removed worker pods left by an earlier run of the driver", "pods", n)
		}
	}
	loopCtx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	go m.run(loopCtx)
	return m, nil
}

// Namespace is where the worker pods are.
func (m *Manager) Namespace() string { return m.namespace }

// Selector is the label selector of this manager's pods.
func (m *Manager) Selector() string { return m.selector }

// StartWorkers implements driver.WorkerManager: n pods are created by the loop.
func (m *Manager) StartWorkers(n int) {
	m.enqueue(request{start: n, at: m.now()})
}

// SetRegistered tells the manager which workers the driver has registered (by id, which is
// their pod's name): their pods' ConditionRegistered becomes True, and False on the pods of
// workers no longer listed. Each call replaces the previous set.
func (m *Manager) SetRegistered(workerIDs []string) {
	set := make(map[string]bool, len(workerIDs))
	for _, id := range workerIDs {
		set[id] = true
	}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return
	}
	m.registered = set
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// StopWorker implements driver.WorkerManager: the worker's pod is deleted (its container
// gets SIGTERM and the pod's grace period).
func (m *Manager) StopWorker(workerID string) {
	m.enqueue(request{stop: workerID})
}

func (m *Manager) enqueue(r request) {
	m.mu.Lock()
	if !m.closed {
		m.queue = append(m.queue, r)
	}
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Close stops the loop and deletes every worker pod of this manager. Later calls of
// StartWorkers do nothing.
func (m *Manager) Close(ctx context.Context) error {
	m.mu.Lock()
	already := m.closed
	m.closed = true
	m.queue = nil
	m.mu.Unlock()
	if already {
		return nil
	}
	m.cancel()
	<-m.done
	n, err := m.deleteAll(ctx)
	if n > 0 {
		m.log.Info("deleted the worker pods", "pods", n)
	}
	return err
}

// deleteAll deletes this manager's pods, found by label.
func (m *Manager) deleteAll(ctx context.Context) (int, error) {
	list, err := m.pods.List(ctx, metav1.ListOptions{LabelSelector: m.selector})
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, p := range list.Items {
		if p.DeletionTimestamp != nil {
			continue
		}
		if err := m.pods.Delete(ctx, p.Name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// run is the loop: the driver's requests, the watch of the pods, and a periodic resync
// that also gives up on pods past the launch timeout.
func (m *Manager) run(ctx context.Context) {
	defer close(m.done)
	ticker := time.NewTicker(m.opts.ResyncInterval)
	defer ticker.Stop()
	var w watch.Interface
	var events <-chan watch.Event
	defer func() {
		if w != nil {
			w.Stop()
		}
	}()
	openWatch := func() {
		var err error
		w, err = m.pods.Watch(ctx, metav1.ListOptions{LabelSelector: m.selector})
		if err != nil {
			if ctx.Err() == nil {
				m.log.Warn("cannot watch the worker pods; listing them periodically", "err", err)
			}
			w, events = nil, nil
			return
		}
		events = w.ResultChan()
	}
	openWatch()
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.wake:
			m.drain(ctx)
		case ev, ok := <-events:
			if !ok {
				w.Stop()
				w, events = nil, nil // reopened at the next resync
				continue
			}
			if pod, isPod := ev.Object.(*corev1.Pod); isPod {
				m.observe(ctx, pod, ev.Type == watch.Deleted)
			}
		case <-ticker.C:
			if events == nil {
				openWatch()
			}
			m.resync(ctx)
		}
	}
}

// drain carries out the requests queued by the driver.
func (m *Manager) drain(ctx context.Context) {
	m.mu.Lock()
	queue := m.queue
	m.queue = nil
	m.mu.Unlock()
	for _, r := range queue {
		if ctx.Err() != nil {
			return
		}
		if r.stop != "" {
			if st := m.tracked[r.stop]; st != nil && !st.deleted {
				m.delete(ctx, r.stop, st)
			}
			continue
		}
		for range r.start {
			m.create(ctx, r.at)
		}
	}
	m.markRegistered(ctx)
}

// markRegistered sets ConditionRegistered on the pods whose condition differs from the
// driver's word (SetRegistered). A patch that fails is tried again at the next resync.
func (m *Manager) markRegistered(ctx context.Context) {
	m.mu.Lock()
	set := m.registered
	m.mu.Unlock()
	if set == nil {
		return
	}
	for name, st := range m.tracked {
		if want := set[name]; want != st.registered && !st.deleted && ctx.Err() == nil {
			if err := m.patchRegistered(ctx, name, want); err != nil {
				if ctx.Err() != nil {
					return
				}
				level := slog.LevelWarn
				if m.patchFailed {
					level = slog.LevelDebug
				}
				m.patchFailed = true
				m.log.Log(ctx, level, "cannot set a worker pod's registered condition (the driver's role needs patch on pods/status)",
					"pod", name, "err", err)
				continue
			}
			st.registered = want
		}
	}
}

// patchRegistered sets a pod's ConditionRegistered through its status subresource.
func (m *Manager) patchRegistered(ctx context.Context, name string, registered bool) error {
	cond := corev1.PodCondition{Type: ConditionRegistered, Status: corev1.ConditionFalse, Reason: "WorkerNotRegistered",
		Message: "the worker is not registered with the driver", LastTransitionTime: metav1.NewTime(m.now())}
	if registered {
		cond.Status, cond.Reason, cond.Message = corev1.ConditionTrue, "WorkerRegistered", "the worker registered with the driver"
	}
	// A strategic merge patch replaces the condition of this type and keeps the kubelet's.
	patch, err := json.Marshal(map[string]any{"status": map[string]any{"conditions": []corev1.PodCondition{cond}}})
	if err != nil {
		return err
	}
	_, err = m.pods.Patch(ctx, name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}, "status")
	return err
}

// podRegistered reports whether a pod's ConditionRegistered is True.
func podRegistered(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == ConditionRegistered {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// create creates one worker pod, under the next free name.
func (m *Manager) create(ctx context.Context, requested time.Time) {
	for attempt := 0; ; attempt++ {
		m.next++
		name := fmt.Sprintf("%s-worker-%d", m.prefix, m.next)
		st := &podState{requested: requested}
		m.tracked[name] = st
		_, err := m.pods.Create(ctx, m.workerPod(name), metav1.CreateOptions{})
		if err == nil {
			m.log.Info("created a worker pod", "pod", name, "namespace", m.namespace)
			return
		}
		delete(m.tracked, name)
		if apierrors.IsAlreadyExists(err) && attempt < 10 {
			continue
		}
		if ctx.Err() == nil {
			m.fail(Failure{Pod: name, Reason: "CreateFailed", Message: err.Error()})
		}
		return
	}
}

// delete deletes one of our pods.
func (m *Manager) delete(ctx context.Context, name string, st *podState) {
	st.deleted = true
	if err := m.pods.Delete(ctx, name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) && ctx.Err() == nil {
		st.deleted = false // tried again at the next resync
		m.log.Warn("cannot delete a worker pod", "pod", name, "err", err)
	}
}

// resync lists the pods: those gone are forgotten, the others observed, and those that have
// not started within the launch timeout given up on.
func (m *Manager) resync(ctx context.Context) {
	list, err := m.pods.List(ctx, metav1.ListOptions{LabelSelector: m.selector})
	if err != nil {
		if ctx.Err() == nil {
			m.log.Warn("cannot list the worker pods", "err", err)
		}
		return
	}
	seen := map[string]bool{}
	for i := range list.Items {
		seen[list.Items[i].Name] = true
		m.observe(ctx, &list.Items[i], false)
	}
	for name, st := range m.tracked {
		if !seen[name] {
			if st.deleted {
				delete(m.tracked, name)
			}
			// A pod created after the list began is seen at the next resync.
			continue
		}
		if st.deleted {
			// A deletion that failed, or the pod is still terminating: ask again.
			m.delete(ctx, name, st)
			continue
		}
		m.checkTimeout(ctx, name, st)
	}
	m.markRegistered(ctx)
}

func (m *Manager) checkTimeout(ctx context.Context, name string, st *podState) {
	if st.started || st.deleted || m.now().Sub(st.requested) < m.opts.LaunchTimeout {
		return
	}
	f := Failure{Pod: name, Reason: "LaunchTimeout", Message: "not started within " + m.opts.LaunchTimeout.String()}
	if st.problem != "" {
		f.Reason, f.Message = st.problem, st.message+" (not started within "+m.opts.LaunchTimeout.String()+")"
	}
	m.fail(f)
	m.delete(ctx, name, st)
}

// observe takes in a pod's state: it started, it is stuck (remembered for the report), or
// it ended (deleted; reported if it never started).
func (m *Manager) observe(ctx context.Context, pod *corev1.Pod, gone bool) {
	st := m.tracked[pod.Name]
	if st == nil {
		return
	}
	if gone {
		delete(m.tracked, pod.Name)
		if !st.deleted && !st.started {
			m.fail(Failure{Pod: pod.Name, Reason: "Deleted", Message: "deleted before it started"})
		}
		return
	}
	if st.deleted || pod.DeletionTimestamp != nil {
		return
	}
	st.registered = podRegistered(pod)
	cs := sailContainerStatus(pod)
	if pod.Status.Phase == corev1.PodRunning || cs != nil && cs.State.Running != nil {
		st.started = true
	}
	switch pod.Status.Phase {
	case corev1.PodSucceeded, corev1.PodFailed:
		if st.started {
			m.log.Info("a worker pod ended", "pod", pod.Name, "phase", pod.Status.Phase)
		} else {
			m.fail(terminatedFailure(pod, cs))
		}
		m.delete(ctx, pod.Name, st)
		return
	}
	if st.started {
		return
	}
	reason, message := stuckReason(pod, cs)
	if reason != "" && reason != st.problem {
		st.problem, st.message = reason, message
		m.log.Warn("a worker pod is not starting", "pod", pod.Name, "reason", reason, "message", message,
			"gives_up_in", (m.opts.LaunchTimeout - m.now().Sub(st.requested)).Round(time.Second))
	}
	m.checkTimeout(ctx, pod.Name, st)
}

// driverContainer is the sail container of the driver's pod (else its first).
func driverContainer(pod *corev1.Pod) *corev1.Container {
	for i, c := range pod.Spec.Containers {
		if c.Name == ContainerName {
			return &pod.Spec.Containers[i]
		}
	}
	if len(pod.Spec.Containers) > 0 {
		return &pod.Spec.Containers[0]
	}
	return nil
}

// sailContainerStatus is the status of the sail container (nil before the kubelet reports).
func sailContainerStatus(pod *corev1.Pod) *corev1.ContainerStatus {
	for i, cs := range pod.Status.ContainerStatuses {
		if cs.Name == ContainerName {
			return &pod.Status.ContainerStatuses[i]
		}
	}
	return nil
}

// stuckReason is why a pod that has not started is waiting: an image that cannot be pulled,
// a container that cannot be created, or no node to run on.
func stuckReason(pod *corev1.Pod, cs *corev1.ContainerStatus) (string, string) {
	if cs != nil && cs.State.Waiting != nil {
		switch r := cs.State.Waiting.Reason; r {
		case "ContainerCreating", "PodInitializing", "":
		default:
			return r, cs.State.Waiting.Message
		}
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse && c.Reason != "" {
			return c.Reason, c.Message
		}
	}
	return "", ""
}

func terminatedFailure(pod *corev1.Pod, cs *corev1.ContainerStatus) Failure {
	f := Failure{Pod: pod.Name, Reason: string(pod.Status.Phase), Message: pod.Status.Message}
	if pod.Status.Reason != "" {
		f.Reason = pod.Status.Reason
	}
	if cs != nil && cs.State.Terminated != nil {
		t := cs.State.Terminated
		f.Reason = firstOf(t.Reason, f.Reason)
		f.Message = strings.TrimSpace(fmt.Sprintf("exit code %d %s", t.ExitCode, strings.TrimSpace(t.Message)))
	}
	return f
}

func (m *Manager) fail(f Failure) {
	m.log.Error("a worker pod did not start", "pod", f.Pod, "reason", f.Reason, "message", f.Message)
	if m.opts.OnFailure != nil {
		m.opts.OnFailure(f)
	}
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// randomSuffix is five characters valid in a DNS label.
func randomSuffix() string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
