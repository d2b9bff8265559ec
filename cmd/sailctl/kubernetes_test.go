package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	k8s "github.com/sailgo/sail/driver/kubernetes"
)

var update = flag.Bool("update", false, "rewrite testdata/manifests.yaml")

// manifestArgs are the flags of the golden manifests.
var manifestArgs = []string{"manifests", "--namespace", "spark", "--image", "registry.example/sail:1.2", "--workers", "3",
	"--max-workers", "6", "--slots", "4", "--worker-cpu", "2", "--worker-memory", "4Gi"}

// TestManifestsGolden: `sailctl manifests` prints the objects up creates, as YAML for
// kubectl apply. cmd/sail's tests check the driver's variables against the server's settings.
func TestManifestsGolden(t *testing.T) {
	var out, errOut strings.Builder
	if code := run(manifestArgs, &out, &errOut); code != 0 {
		t.Fatalf("manifests: %d %s", code, errOut.String())
	}
	golden := filepath.Join("testdata", "manifests.yaml")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Fatalf("manifests differ from %s (go test -run TestManifestsGolden -update to rewrite):\n%s", golden, out.String())
	}
	// up --dry-run prints the same.
	var dry strings.Builder
	args := append([]string{"up", "--kubernetes", "--dry-run"}, manifestArgs[1:]...)
	if code := run(args, &dry, &errOut); code != 0 || dry.String() != out.String() {
		t.Fatalf("up --dry-run: %d %s", code, errOut.String())
	}
}

func TestKubeSpecErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"--name", "Sail_1"}, "--name"},
		{[]string{"--workers", "0"}, "at least 1"},
		{[]string{"--workers", "4", "--max-workers", "2"}, "below --workers"},
		{[]string{"--image-pull-policy", "Sometimes"}, "--image-pull-policy"},
		{[]string{"--service-type", "ExternalName"}, "--service-type"},
		{[]string{"--worker-memory", "lots"}, "--worker-memory"},
		{[]string{"--image", ""}, "--image"},
		{[]string{"extra"}, "unexpected arguments"},
	} {
		var out, errOut strings.Builder
		if code := run(append([]string{"manifests"}, tc.args...), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), tc.err) {
			t.Errorf("%v: %d %q, want %q", tc.args, code, errOut.String(), tc.err)
		}
	}
}

func fakeClient(cs *fake.Clientset) kubeClient {
	return kubeClient{core: cs.CoreV1(), rbac: cs.RbacV1(), apps: cs.AppsV1()}
}

func testSpec() *kubeSpec {
	return &kubeSpec{Name: "sail", Namespace: "spark", Image: "sail:dev", ImagePullPolicy: "IfNotPresent", Workers: 2, Slots: 4,
		ServiceType: "ClusterIP", LogLevel: "info"}
}

// kubelet plays the cluster: once the Deployment exists, it runs the driver's pod (with
// the Deployment's pod labels) in the given state, and the worker pods the driver's manager
// would start.
func kubelet(t *testing.T, cs *fake.Clientset, driver corev1.PodStatus, workers int, worker corev1.PodStatus) {
	t.Helper()
	ctx := context.Background()
	go func() {
		var dep *appsv1.Deployment
		for {
			time.Sleep(2 * time.Millisecond)
			d, err := cs.AppsV1().Deployments("spark").Get(ctx, "sail", metav1.GetOptions{})
			if err == nil {
				dep = d
				break
			}
		}
		pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "sail-6c5f7d9b8-x2x4q", Namespace: "spark", Labels: dep.Spec.Template.Labels},
			Spec: dep.Spec.Template.Spec, Status: driver}
		if _, err := cs.CoreV1().Pods("spark").Create(ctx, pod, metav1.CreateOptions{}); err != nil {
			panic(err)
		}
		for i := range workers {
			w := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("sail-6c5f7d9b8-x2x4q-worker-%d", i+1), Namespace: "spark",
				Labels: map[string]string{k8s.LabelName: k8s.AppName, k8s.LabelInstance: "sail", k8s.LabelComponent: k8s.ComponentWorker, k8s.LabelDriver: pod.Name}},
				Status: worker}
			if _, err := cs.CoreV1().Pods("spark").Create(ctx, w, metav1.CreateOptions{}); err != nil {
				panic(err)
			}
		}
	}()
}

func readyStatus() corev1.PodStatus {
	return corev1.PodStatus{Phase: corev1.PodRunning, PodIP: "10.1.2.3", Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}
}

// registeredStatus is a worker pod whose worker the driver registered (and marked).
func registeredStatus() corev1.PodStatus {
	st := readyStatus()
	st.Conditions = append(st.Conditions, corev1.PodCondition{Type: k8s.ConditionRegistered, Status: corev1.ConditionTrue})
	return st
}

// markRegistered plays the driver: it marks a worker pod's worker registered.
func markRegistered(t *testing.T, cs *fake.Clientset, name string) {
	t.Helper()
	ctx := context.Background()
	pod, err := cs.CoreV1().Pods("spark").Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pod.Status = registeredStatus()
	if _, err := cs.CoreV1().Pods("spark").UpdateStatus(ctx, pod, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// up creates the objects and returns once the driver is ready and the workers run; status
// lists them; down deletes everything up created, and the worker pods.
func TestKubeUpStatusDown(t *testing.T) {
	cs := fake.NewClientset()
	c := fakeClient(cs)
	ctx := context.Background()
	kubelet(t, cs, readyStatus(), 2, registeredStatus())
	var out strings.Builder
	spec := testSpec()
	if err := kubeUp(ctx, c, spec, upOptions{timeout: 5 * time.Second, poll: 5 * time.Millisecond}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"deployment/sail created", "configmap/sail-worker-pod-template created",
		`sail cluster "sail" is up in namespace spark: driver sail-6c5f7d9b8-x2x4q, 2 workers registered`,
		"inside the cluster: sc://sail.spark.svc:50051",
		"kubectl -n spark port-forward service/sail 50051:50051, then sc://127.0.0.1:50051",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("up's output lacks %q:\n%s", want, out.String())
		}
	}
	// What up created.
	role, err := cs.RbacV1().Roles("spark").Get(ctx, "sail", metav1.GetOptions{})
	if err != nil || len(role.Rules) != 2 || !slices.Equal(role.Rules[0].Resources, []string{"pods"}) ||
		!slices.Equal(role.Rules[0].Verbs, []string{"get", "list", "watch", "create", "delete"}) ||
		!slices.Equal(role.Rules[1].Resources, []string{"pods/status"}) || !slices.Equal(role.Rules[1].Verbs, []string{"patch"}) {
		t.Fatalf("role %+v %v", role, err)
	}
	rb, err := cs.RbacV1().RoleBindings("spark").Get(ctx, "sail", metav1.GetOptions{})
	if err != nil || rb.RoleRef.Name != "sail" || len(rb.Subjects) != 1 || rb.Subjects[0].Name != "sail" || rb.Subjects[0].Namespace != "spark" {
		t.Fatalf("rolebinding %+v %v", rb, err)
	}
	if _, err := cs.CoreV1().ServiceAccounts("spark").Get(ctx, "sail", metav1.GetOptions{}); err != nil {
		t.Fatal(err)
	}
	svc, err := cs.CoreV1().Services("spark").Get(ctx, "sail", metav1.GetOptions{})
	if err != nil || svc.Spec.Ports[0].Port != 50051 || svc.Spec.Selector[k8s.LabelComponent] != k8s.ComponentDriver {
		t.Fatalf("service %+v %v", svc, err)
	}
	cm, err := cs.CoreV1().ConfigMaps("spark").Get(ctx, "sail-worker-pod-template", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k8s.ParsePodTemplate([]byte(cm.Data[templateFile])); err != nil {
		t.Fatalf("the template does not parse: %v", err)
	}
	dep, err := cs.AppsV1().Deployments("spark").Get(ctx, "sail", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pod := dep.Spec.Template.Spec
	env := map[string]string{}
	for _, e := range pod.Containers[0].Env {
		if e.ValueFrom != nil {
			env[e.Name] = "field:" + e.ValueFrom.FieldRef.FieldPath
		} else {
			env[e.Name] = e.Value
		}
	}
	for k, v := range map[string]string{
		"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes", "SAIL_CLUSTER__WORKER_INITIAL_COUNT": "2",
		"SAIL_CLUSTER__WORKER_TASK_SLOTS": "4", "SAIL_KUBERNETES__IMAGE": "sail:dev", "POD_NAME": "field:metadata.name",
		"POD_NAMESPACE": "field:metadata.namespace", "POD_IP": "field:status.podIP", "SAIL_CLUSTER__DRIVER_LISTEN_HOST": "$(POD_IP)",
	} {
		if env[k] != v {
			t.Errorf("driver env %s=%q, want %q", k, env[k], v)
		}
	}
	if pod.ServiceAccountName != "sail" || pod.Containers[0].Image != "sail:dev" || !slices.Equal(pod.Containers[0].Args, []string{"spark", "server"}) {
		t.Errorf("driver pod %+v", pod)
	}
	// A second up finds it running.
	if err := kubeUp(ctx, c, testSpec(), upOptions{timeout: time.Second, poll: time.Millisecond}, &strings.Builder{}); err == nil || !strings.Contains(err.Error(), "already up") {
		t.Fatalf("second up: %v", err)
	}
	out.Reset()
	if err := kubeStatus(ctx, c, spec, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cluster sail in namespace spark", "image sail:dev", "sail-6c5f7d9b8-x2x4q ", "driver", "sail-6c5f7d9b8-x2x4q-worker-2", "REGISTERED", "2 worker pods, 2 running, 2 registered with the driver"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
	// An unrelated pod in the namespace survives down.
	other := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "other", Namespace: "spark", Labels: map[string]string{k8s.LabelInstance: "other", k8s.LabelComponent: k8s.ComponentWorker}}}
	if _, err := cs.CoreV1().Pods("spark").Create(ctx, other, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := kubeDown(ctx, c, spec, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"deployment/sail deleted", "service/sail deleted", "configmap/sail-worker-pod-template deleted",
		"rolebinding/sail deleted", "role/sail deleted", "serviceaccount/sail deleted", "pod/sail-6c5f7d9b8-x2x4q-worker-1 deleted"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("down's output lacks %q:\n%s", want, out.String())
		}
	}
	deps, _ := cs.AppsV1().Deployments("spark").List(ctx, metav1.ListOptions{})
	svcs, _ := cs.CoreV1().Services("spark").List(ctx, metav1.ListOptions{})
	sas, _ := cs.CoreV1().ServiceAccounts("spark").List(ctx, metav1.ListOptions{})
	roles, _ := cs.RbacV1().Roles("spark").List(ctx, metav1.ListOptions{})
	rbs, _ := cs.RbacV1().RoleBindings("spark").List(ctx, metav1.ListOptions{})
	cms, _ := cs.CoreV1().ConfigMaps("spark").List(ctx, metav1.ListOptions{})
	pods, _ := cs.CoreV1().Pods("spark").List(ctx, metav1.ListOptions{LabelSelector: k8s.LabelComponent + "=" + k8s.ComponentWorker})
	if len(deps.Items)+len(svcs.Items)+len(sas.Items)+len(roles.Items)+len(rbs.Items)+len(cms.Items) != 0 || len(pods.Items) != 1 || pods.Items[0].Name != "other" {
		t.Fatalf("left after down: %d deployments %d services %d service accounts %d roles %d bindings %d config maps, pods %v",
			len(deps.Items), len(svcs.Items), len(sas.Items), len(roles.Items), len(rbs.Items), len(cms.Items), pods.Items)
	}
	if err := kubeStatus(ctx, c, spec, &out); err == nil || !strings.Contains(err.Error(), "no sail cluster") {
		t.Fatalf("status after down: %v", err)
	}
	if err := kubeDown(ctx, c, spec, &out); err == nil || !strings.Contains(err.Error(), "no sail cluster") {
		t.Fatalf("down after down: %v", err)
	}
}

// A driver whose image cannot be pulled ends up's wait at once, with Kubernetes' reason.
func TestKubeUpDriverCannotStart(t *testing.T) {
	cs := fake.NewClientset()
	kubelet(t, cs, corev1.PodStatus{Phase: corev1.PodPending, ContainerStatuses: []corev1.ContainerStatus{{Name: k8s.ContainerName,
		State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ImagePullBackOff", Message: `Back-off pulling image "sail:dev"`}}}}},
		0, corev1.PodStatus{})
	start := time.Now()
	err := kubeUp(context.Background(), fakeClient(cs), testSpec(), upOptions{timeout: time.Minute, poll: 5 * time.Millisecond}, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), `the driver's pod sail-6c5f7d9b8-x2x4q cannot start: ImagePullBackOff: Back-off pulling image "sail:dev"`) ||
		!strings.Contains(err.Error(), "sailctl down --kubernetes --name sail -n spark") {
		t.Fatalf("up: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatal("up waited for the timeout")
	}
}

// Workers that do not come up by the timeout: the error says how many ran, why the others
// did not, and shows the driver's log.
func TestKubeUpWorkersTimeout(t *testing.T) {
	cs := fake.NewClientset()
	kubelet(t, cs, readyStatus(), 2, corev1.PodStatus{Phase: corev1.PodPending, Conditions: []corev1.PodCondition{{
		Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: "Unschedulable", Message: "0/3 nodes are available: 3 Insufficient cpu."}}})
	err := kubeUp(context.Background(), fakeClient(cs), testSpec(), upOptions{timeout: 200 * time.Millisecond, poll: 5 * time.Millisecond}, &strings.Builder{})
	if err == nil {
		t.Fatal("up succeeded")
	}
	for _, want := range []string{"timed out: 0 of 2 workers registered with the driver",
		"worker pods not registered: sail-6c5f7d9b8-x2x4q-worker-1 (Pending), sail-6c5f7d9b8-x2x4q-worker-2 (Pending)",
		"pod sail-6c5f7d9b8-x2x4q-worker-1: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.",
		"the driver's last log lines:\n  fake logs"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// Objects left from an earlier cluster (not the Deployment) are updated, not an error.
func TestKubeUpOverLeftovers(t *testing.T) {
	spec := testSpec()
	o, err := spec.objects()
	if err != nil {
		t.Fatal(err)
	}
	oldCM := o.ConfigMap.DeepCopy()
	oldCM.Data = map[string]string{templateFile: "old"}
	cs := fake.NewClientset(o.ServiceAccount, o.Role, o.RoleBinding, oldCM, o.Service)
	kubelet(t, cs, readyStatus(), 2, registeredStatus())
	var out strings.Builder
	if err := kubeUp(context.Background(), fakeClient(cs), spec, upOptions{timeout: 5 * time.Second, poll: 5 * time.Millisecond}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "configmap/sail-worker-pod-template updated\nservice/sail updated\ndeployment/sail created") {
		t.Fatalf("up's output:\n%s", out.String())
	}
	cm, err := cs.CoreV1().ConfigMaps("spark").Get(context.Background(), "sail-worker-pod-template", metav1.GetOptions{})
	if err != nil || cm.Data[templateFile] != o.ConfigMap.Data[templateFile] {
		t.Fatalf("config map %v %v", cm, err)
	}
}

// Worker pods that run (even Ready by the kubelet's probes) are not yet workers: up waits
// until the driver marked each registered, and returns only then.
func TestKubeUpWaitsForRegistration(t *testing.T) {
	cs := fake.NewClientset()
	kubelet(t, cs, readyStatus(), 2, readyStatus())
	done := make(chan error, 1)
	var out strings.Builder
	go func() {
		done <- kubeUp(context.Background(), fakeClient(cs), testSpec(), upOptions{timeout: 30 * time.Second, poll: 5 * time.Millisecond}, &out)
	}()
	w1, w2 := "sail-6c5f7d9b8-x2x4q-worker-1", "sail-6c5f7d9b8-x2x4q-worker-2"
	waitPods := time.Now().Add(10 * time.Second)
	for {
		pods, _ := cs.CoreV1().Pods("spark").List(context.Background(), metav1.ListOptions{LabelSelector: k8s.LabelComponent + "=" + k8s.ComponentWorker})
		if len(pods.Items) == 2 {
			break
		}
		if time.Now().After(waitPods) {
			t.Fatal("no worker pods")
		}
		time.Sleep(2 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("up returned with no worker registered: %v\n%s", err, out.String())
	case <-time.After(100 * time.Millisecond):
	}
	markRegistered(t, cs, w1)
	select {
	case err := <-done:
		t.Fatalf("up returned with one of two workers registered: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	markRegistered(t, cs, w2)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("up did not return once both workers registered")
	}
}

// Running, ready worker pods whose workers never register (they cannot reach the driver,
// say): up times out naming them.
func TestKubeUpWorkersNotRegistered(t *testing.T) {
	cs := fake.NewClientset()
	kubelet(t, cs, readyStatus(), 2, readyStatus())
	err := kubeUp(context.Background(), fakeClient(cs), testSpec(), upOptions{timeout: 200 * time.Millisecond, poll: 5 * time.Millisecond}, &strings.Builder{})
	if err == nil {
		t.Fatal("up succeeded")
	}
	for _, want := range []string{"timed out: 0 of 2 workers registered with the driver",
		"worker pods not registered: sail-6c5f7d9b8-x2x4q-worker-1 (Running), sail-6c5f7d9b8-x2x4q-worker-2 (Running)",
		"the driver's last log lines:\n  fake logs", "sailctl down --kubernetes --name sail -n spark"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestKubernetesFlag(t *testing.T) {
	if !kubernetesFlag([]string{"-n", "x", "--kubernetes"}) || kubernetesFlag([]string{"--workers", "2"}) || kubernetesFlag([]string{"--kubernetes=false"}) {
		t.Fatal("kubernetesFlag")
	}
}
