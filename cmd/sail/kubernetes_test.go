package main

import (
	"os"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/sailgo/sail/cmd/settings"
	k8s "github.com/sailgo/sail/driver/kubernetes"
)

func loadServer(t *testing.T, env map[string]string, args ...string) (*config, error) {
	t.Helper()
	cfg := defaultConfig()
	_, err := settings.Load("sail spark server", cfg.Settings(), args, func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
	if err != nil {
		return nil, err
	}
	return cfg, cfg.Cluster.check()
}

func TestKubernetesSettings(t *testing.T) {
	cfg, err := loadServer(t, map[string]string{
		"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes", "SAIL_CLUSTER__DRIVER_LISTEN_HOST": "10.1.2.3",
		"SAIL_KUBERNETES__IMAGE": "sail:dev", "SAIL_KUBERNETES__NAMESPACE": "spark", "SAIL_KUBERNETES__SERVICE_ACCOUNT": "w",
		"SAIL_CLUSTER__WORKER_LAUNCH_TIMEOUT": "90s",
	}, "--kubernetes-image-pull-policy", "Always", "--kubernetes-worker-pod-template", "/etc/sail/worker-pod.yaml", "--worker-initial-count", "3", "--worker-max-count", "2")
	if err != nil {
		t.Fatal(err)
	}
	cc := cfg.Cluster
	want := kubernetesConfig{Image: "sail:dev", ImagePullPolicy: "Always", Namespace: "spark", ServiceAccount: "w", WorkerPodTemplate: "/etc/sail/worker-pod.yaml"}
	if cc.WorkerManager != managerKubernetes || cc.Kubernetes != want || cc.WorkerLaunchTimeout != 90*time.Second || cc.WorkerInitialCount != 2 || !cc.managed() {
		t.Fatalf("settings %+v", cc)
	}
	// The defaults: cluster mode starts no workers, local-cluster starts processes.
	if cfg, err := loadServer(t, map[string]string{"SAIL_MODE": "cluster"}); err != nil || cfg.Cluster.WorkerManager != managerNone || cfg.Cluster.managed() {
		t.Fatalf("cluster: %v %+v", err, cfg)
	}
	if cfg, err := loadServer(t, map[string]string{"SAIL_MODE": "local-cluster"}); err != nil || cfg.Cluster.WorkerManager != managerLocal || cfg.Cluster.WorkerLaunchTimeout != 2*time.Minute {
		t.Fatalf("local-cluster: %v %+v", err, cfg)
	}
	for _, tc := range []struct {
		env map[string]string
		err string
	}{
		{map[string]string{"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "yarn"}, `worker_manager "yarn"`},
		{map[string]string{"SAIL_MODE": "local-cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes"}, "local-cluster starts its workers as local processes"},
		{map[string]string{"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes"}, `cannot reach a driver listening on "127.0.0.1"`},
		{map[string]string{"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes", "SAIL_CLUSTER__DRIVER_LISTEN_HOST": "localhost"}, "cannot reach"},
		{map[string]string{"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes", "SAIL_CLUSTER__DRIVER_LISTEN_HOST": "10.1.2.3",
			"SAIL_KUBERNETES__IMAGE_PULL_POLICY": "Sometimes"}, "image_pull_policy"},
		{map[string]string{"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes", "SAIL_CLUSTER__DRIVER_LISTEN_HOST": "10.1.2.3",
			"SAIL_CLUSTER__WORKER_LAUNCH_TIMEOUT": "0s"}, "worker_launch_timeout"},
	} {
		if _, err := loadServer(t, tc.env); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%v: %v, want %q", tc.env, err, tc.err)
		}
	}
	// Every interface is fine: with the pod's IP advertised, with or without a port, with
	// any free port, or advertising the pod's own address.
	for _, env := range []map[string]string{
		{"SAIL_CLUSTER__DRIVER_LISTEN_PORT": "7077", "SAIL_CLUSTER__DRIVER_ADVERTISED_HOST": "10.1.2.3:7077"},
		{"SAIL_CLUSTER__DRIVER_ADVERTISED_HOST": "10.1.2.3"},
		{"SAIL_CLUSTER__DRIVER_LISTEN_PORT": "7077"},
		{},
	} {
		env["SAIL_MODE"], env["SAIL_CLUSTER__WORKER_MANAGER"], env["SAIL_CLUSTER__DRIVER_LISTEN_HOST"] = "cluster", "kubernetes", "0.0.0.0"
		if _, err := loadServer(t, env); err != nil {
			t.Fatalf("%v: %v", env, err)
		}
	}
	// Outside a pod the manager cannot reach the API server.
	cfg, err = loadServer(t, map[string]string{"SAIL_MODE": "cluster", "SAIL_CLUSTER__WORKER_MANAGER": "kubernetes", "SAIL_CLUSTER__DRIVER_LISTEN_HOST": "10.1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("KUBERNETES_SERVICE_HOST", "")
	if _, err := startKubernetesManager(cfg, "10.1.2.3:7077", quietLogger(0)); err == nil || !strings.Contains(err.Error(), "must run in a pod") {
		t.Fatalf("outside a pod: %v", err)
	}
}

// The worker pods' environment is `sail worker`'s own settings: loaded back, it configures
// a worker that reaches the driver and listens on its pod's IP (which it advertises).
func TestKubernetesWorkerEnv(t *testing.T) {
	cfg := defaultConfig()
	cfg.Cluster.WorkerSlots, cfg.Log, cfg.SpillDir = 6, "debug", "/scratch"
	env, idEnv := kubernetesWorkerEnv(cfg, "10.1.2.3:7077")
	if idEnv != "SAIL_WORKER__ID" {
		t.Fatalf("id variable %q", idEnv)
	}
	values := map[string]string{idEnv: "sail-x-worker-1"}
	var names []string
	for _, e := range env {
		names = append(names, e.Name)
		switch {
		case e.ValueFrom != nil && e.ValueFrom.FieldRef.FieldPath == "status.podIP":
			values[e.Name] = "10.9.8.7"
		case e.ValueFrom == nil:
			values[e.Name] = e.Value
		default:
			t.Fatalf("unexpected variable %+v", e)
		}
	}
	want := "SAIL_WORKER__DRIVER_ADDRESS SAIL_WORKER__LISTEN_HOST SAIL_WORKER__TASK_SLOTS SAIL_LOG__LEVEL SAIL_EXECUTION__SPILL_DIR"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("variables %s, want %s", got, want)
	}
	w := defaultWorkerConfig()
	if _, err := settings.Load("sail worker", w.Settings(), nil, func(k string) (string, bool) { v, ok := values[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if w.DriverAddress != "10.1.2.3:7077" || w.Host != "10.9.8.7" || w.AdvertisedHost != "" || w.Slots != 6 || w.Log != "debug" ||
		w.SpillDir != "/scratch" || w.ID != "sail-x-worker-1" {
		t.Fatalf("worker settings %+v", w)
	}
}

// sailctl's manifests (its golden file) configure the server through settings it has:
// every SAIL_* variable of the driver's Deployment is one of the server's, and together
// they make a valid Kubernetes cluster configuration.
func TestSailctlManifestsUseServerSettings(t *testing.T) {
	data, err := os.ReadFile("../sailctl/testdata/manifests.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var dep *appsv1.Deployment
	var template string
	for _, doc := range strings.Split(string(data), "\n---\n") {
		var meta struct{ Kind string }
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			t.Fatal(err)
		}
		switch meta.Kind {
		case "Deployment":
			dep = &appsv1.Deployment{}
			if err := yaml.UnmarshalStrict([]byte(doc), dep); err != nil {
				t.Fatal(err)
			}
		case "ConfigMap":
			var cm corev1.ConfigMap
			if err := yaml.UnmarshalStrict([]byte(doc), &cm); err != nil {
				t.Fatal(err)
			}
			template = cm.Data["worker-pod.yaml"]
		}
	}
	if dep == nil || template == "" {
		t.Fatal("no Deployment or worker pod template in the manifests")
	}
	if _, err := k8s.ParsePodTemplate([]byte(template)); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range defaultConfig().Settings() {
		known[settings.EnvName(s.Key)] = true
	}
	c := dep.Spec.Template.Spec.Containers[0]
	env := map[string]string{}
	downward := map[string]string{}
	for _, e := range c.Env {
		if e.ValueFrom != nil {
			downward[e.Name] = e.ValueFrom.FieldRef.FieldPath
			continue
		}
		if !known[e.Name] {
			t.Errorf("the driver's %s is not a setting of the server", e.Name)
		}
		env[e.Name] = strings.ReplaceAll(e.Value, "$("+k8s.EnvPodIP+")", "10.1.2.3")
	}
	if downward[k8s.EnvPodName] != "metadata.name" || downward[k8s.EnvPodNamespace] != "metadata.namespace" || downward[k8s.EnvPodIP] != "status.podIP" {
		t.Errorf("downward API variables %v", downward)
	}
	if c.Name != k8s.ContainerName || strings.Join(c.Args, " ") != "spark server" {
		t.Errorf("container %s %v", c.Name, c.Args)
	}
	cfg, err := loadServer(t, env)
	if err != nil {
		t.Fatal(err)
	}
	cc := cfg.Cluster
	if cc.Mode != modeCluster || cc.WorkerManager != managerKubernetes || cc.DriverHost != "10.1.2.3" || cc.DriverPort != 7077 ||
		cc.WorkerInitialCount != 3 || cc.WorkerMaxCount != 6 || cc.WorkerSlots != 4 || cc.Kubernetes.Image != "registry.example/sail:1.2" ||
		cc.Kubernetes.WorkerPodTemplate != "/etc/sail/worker-pod.yaml" || cfg.IP != "0.0.0.0" || cfg.Port != 50051 {
		t.Fatalf("server settings %+v %+v", cfg, cc)
	}
}
