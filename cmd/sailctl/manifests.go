package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"

	"github.com/spf13/pflag"

	k8s "github.com/sailgo/sail/driver/kubernetes"
)

// kubeSpec is what a sail cluster on Kubernetes is made from: `sailctl up --kubernetes` and
// `sailctl manifests` take the same flags.
type kubeSpec struct {
	Name            string
	Namespace       string
	Image           string
	ImagePullPolicy string
	Workers         int
	MaxWorkers      int
	Slots           int
	WorkerCPU       string
	WorkerMemory    string
	DriverCPU       string
	DriverMemory    string
	ServiceType     string
	LogLevel        string
}

// Fixed ports of the driver's pod: Spark Connect (the Service's) and the actor remote the
// workers register with.
const (
	sparkConnectPort = 50051
	driverPort       = 7077
	// templateDir is where the worker pod template is mounted in the driver's pod.
	templateDir  = "/etc/sail"
	templateFile = "worker-pod.yaml"
	managedBy    = "sailctl"
)

func kubeSpecFlags(fs *pflag.FlagSet, s *kubeSpec) {
	fs.StringVar(&s.Name, "name", "sail", "name of the cluster: its objects' names and app.kubernetes.io/instance label")
	fs.StringVarP(&s.Namespace, "namespace", "n", "", "namespace (default: the kubeconfig context's, else default)")
	fs.StringVar(&s.Image, "image", "sail:latest", "image of the driver and the workers (see cmd/sail/Dockerfile)")
	fs.StringVar(&s.ImagePullPolicy, "image-pull-policy", "IfNotPresent", "Always, IfNotPresent or Never")
	fs.IntVar(&s.Workers, "workers", 2, "worker pods started with the driver and kept while idle")
	fs.IntVar(&s.MaxWorkers, "max-workers", 0, "most worker pods as demand grows (0: --workers)")
	fs.IntVar(&s.Slots, "slots", 4, "task slots per worker")
	fs.StringVar(&s.WorkerCPU, "worker-cpu", "", "CPU request of each worker pod, e.g. 2 (empty: none)")
	fs.StringVar(&s.WorkerMemory, "worker-memory", "", "memory request and limit of each worker pod, e.g. 4Gi (empty: none)")
	fs.StringVar(&s.DriverCPU, "driver-cpu", "", "CPU request of the driver pod (empty: none)")
	fs.StringVar(&s.DriverMemory, "driver-memory", "", "memory request and limit of the driver pod (empty: none)")
	fs.StringVar(&s.ServiceType, "service-type", "ClusterIP", "type of the Service exposing Spark Connect: ClusterIP, NodePort or LoadBalancer")
	fs.StringVar(&s.LogLevel, "log-level", "info", "log level of the driver and the workers")
}

func (s *kubeSpec) check() error {
	if errs := validation.IsDNS1035Label(s.Name); len(errs) > 0 || len(s.Name) > 40 {
		return fmt.Errorf("--name %q: a DNS label of at most 40 characters (lower case letters, digits, '-')", s.Name)
	}
	if s.Image == "" {
		return errors.New("--image is required")
	}
	switch s.ImagePullPolicy {
	case "Always", "IfNotPresent", "Never":
	default:
		return fmt.Errorf("--image-pull-policy %q: expected Always, IfNotPresent or Never", s.ImagePullPolicy)
	}
	if s.Workers < 1 || s.Slots < 1 {
		return errors.New("--workers and --slots must be at least 1")
	}
	if s.MaxWorkers == 0 {
		s.MaxWorkers = s.Workers
	}
	if s.MaxWorkers < s.Workers {
		return fmt.Errorf("--max-workers %d is below --workers %d", s.MaxWorkers, s.Workers)
	}
	switch corev1.ServiceType(s.ServiceType) {
	case corev1.ServiceTypeClusterIP, corev1.ServiceTypeNodePort, corev1.ServiceTypeLoadBalancer:
	default:
		return fmt.Errorf("--service-type %q: expected ClusterIP, NodePort or LoadBalancer", s.ServiceType)
	}
	for flag, q := range map[string]string{"--worker-cpu": s.WorkerCPU, "--worker-memory": s.WorkerMemory, "--driver-cpu": s.DriverCPU, "--driver-memory": s.DriverMemory} {
		if _, err := resource.ParseQuantity(q); q != "" && err != nil {
			return fmt.Errorf("%s %q: %v", flag, q, err)
		}
	}
	return nil
}

// kubeObjects is a cluster's objects, in the order they are created.
type kubeObjects struct {
	ServiceAccount *corev1.ServiceAccount
	Role           *rbacv1.Role
	RoleBinding    *rbacv1.RoleBinding
	ConfigMap      *corev1.ConfigMap
	Service        *corev1.Service
	Deployment     *appsv1.Deployment
}

func (o *kubeObjects) list() []runtime.Object {
	return []runtime.Object{o.ServiceAccount, o.Role, o.RoleBinding, o.ConfigMap, o.Service, o.Deployment}
}

// labels are every object's labels; the driver's pods add the component.
func (s *kubeSpec) labels() map[string]string {
	return map[string]string{k8s.LabelName: k8s.AppName, k8s.LabelInstance: s.Name, k8s.LabelManagedBy: managedBy}
}

func (s *kubeSpec) driverSelector() map[string]string {
	return map[string]string{k8s.LabelName: k8s.AppName, k8s.LabelInstance: s.Name, k8s.LabelComponent: k8s.ComponentDriver}
}

func (s *kubeSpec) meta(name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: s.Namespace, Labels: s.labels()}
}

func (s *kubeSpec) templateName() string { return s.Name + "-worker-pod-template" }

func resources(cpu, memory string) corev1.ResourceRequirements {
	var r corev1.ResourceRequirements
	if cpu != "" {
		r.Requests = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu)}
	}
	if memory != "" {
		if r.Requests == nil {
			r.Requests = corev1.ResourceList{}
		}
		r.Requests[corev1.ResourceMemory] = resource.MustParse(memory)
		r.Limits = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse(memory)}
	}
	return r
}

// workerTemplate is the worker pod template the driver starts worker pods from: the sail
// container's resources; users add node selectors, tolerations, volumes to it.
func (s *kubeSpec) workerTemplate() ([]byte, error) {
	pod := corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: k8s.ContainerName, Resources: resources(s.WorkerCPU, s.WorkerMemory),
		}}},
	}
	return toYAML(&pod)
}

// objects builds the cluster: a service account for the driver with a role over pods (its
// worker manager creates, watches and deletes them), the worker pod template, the driver's
// Deployment running `sail spark server` in cluster mode with the Kubernetes worker manager,
// and a Service for Spark Connect. Settings go in as SAIL_* variables.
func (s *kubeSpec) objects() (*kubeObjects, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	tmpl, err := s.workerTemplate()
	if err != nil {
		return nil, err
	}
	o := &kubeObjects{}
	o.ServiceAccount = &corev1.ServiceAccount{TypeMeta: typeMeta("v1", "ServiceAccount"), ObjectMeta: s.meta(s.Name)}
	o.Role = &rbacv1.Role{
		TypeMeta: typeMeta("rbac.authorization.k8s.io/v1", "Role"), ObjectMeta: s.meta(s.Name),
		Rules: []rbacv1.PolicyRule{
			{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"get", "list", "watch", "create", "delete"}},
			// The driver marks the pods of registered workers (k8s.ConditionRegistered).
			{APIGroups: []string{""}, Resources: []string{"pods/status"}, Verbs: []string{"patch"}},
		},
	}
	o.RoleBinding = &rbacv1.RoleBinding{
		TypeMeta: typeMeta("rbac.authorization.k8s.io/v1", "RoleBinding"), ObjectMeta: s.meta(s.Name),
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: s.Name, Namespace: s.Namespace}},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: s.Name},
	}
	o.ConfigMap = &corev1.ConfigMap{
		TypeMeta: typeMeta("v1", "ConfigMap"), ObjectMeta: s.meta(s.templateName()),
		Data: map[string]string{templateFile: string(tmpl)},
	}
	o.Service = &corev1.Service{
		TypeMeta: typeMeta("v1", "Service"), ObjectMeta: s.meta(s.Name),
		Spec: corev1.ServiceSpec{
			Type: corev1.ServiceType(s.ServiceType), Selector: s.driverSelector(),
			Ports: []corev1.ServicePort{{Name: "spark-connect", Port: sparkConnectPort, TargetPort: intstr.FromString("spark-connect"), Protocol: corev1.ProtocolTCP}},
		},
	}
	podLabels := s.driverSelector()
	podLabels[k8s.LabelManagedBy] = managedBy
	env := append(k8s.DownwardEnv(), s.driverEnv()...)
	one := int32(1)
	o.Deployment = &appsv1.Deployment{
		TypeMeta: typeMeta("apps/v1", "Deployment"), ObjectMeta: s.meta(s.Name),
		Spec: appsv1.DeploymentSpec{
			Replicas: &one,
			// One driver at a time: its workers belong to it.
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType},
			Selector: &metav1.LabelSelector{MatchLabels: s.driverSelector()},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: podLabels},
				Spec: corev1.PodSpec{
					ServiceAccountName: s.Name,
					Containers: []corev1.Container{{
						Name: k8s.ContainerName, Image: s.Image, ImagePullPolicy: corev1.PullPolicy(s.ImagePullPolicy),
						Args: []string{"spark", "server"}, Env: env,
						Ports: []corev1.ContainerPort{
							{Name: "spark-connect", ContainerPort: sparkConnectPort, Protocol: corev1.ProtocolTCP},
							{Name: "driver", ContainerPort: driverPort, Protocol: corev1.ProtocolTCP},
						},
						ReadinessProbe: &corev1.Probe{
							ProbeHandler:  corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromString("spark-connect")}},
							PeriodSeconds: 5,
						},
						Resources:    resources(s.DriverCPU, s.DriverMemory),
						VolumeMounts: []corev1.VolumeMount{{Name: "worker-pod-template", MountPath: templateDir, ReadOnly: true}},
					}},
					Volumes: []corev1.Volume{{Name: "worker-pod-template", VolumeSource: corev1.VolumeSource{
						ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: s.templateName()}},
					}}},
				},
			},
		},
	}
	return o, nil
}

// driverEnv is the server's settings, by the names `sail spark server --help` lists (the
// cmd/sail tests check them against its settings).
func (s *kubeSpec) driverEnv() []corev1.EnvVar {
	vars := [][2]string{
		{"SAIL_MODE", "cluster"},
		{"SAIL_SERVER__IP", "0.0.0.0"},
		{"SAIL_SERVER__PORT", strconv.Itoa(sparkConnectPort)},
		// The driver's actor remote listens on the pod's IP, the address workers reach it at.
		{"SAIL_CLUSTER__DRIVER_LISTEN_HOST", "$(" + k8s.EnvPodIP + ")"},
		{"SAIL_CLUSTER__DRIVER_LISTEN_PORT", strconv.Itoa(driverPort)},
		{"SAIL_CLUSTER__WORKER_MANAGER", "kubernetes"},
		{"SAIL_CLUSTER__WORKER_INITIAL_COUNT", strconv.Itoa(s.Workers)},
		{"SAIL_CLUSTER__WORKER_MAX_COUNT", strconv.Itoa(s.MaxWorkers)},
		{"SAIL_CLUSTER__WORKER_TASK_SLOTS", strconv.Itoa(s.Slots)},
		{"SAIL_KUBERNETES__IMAGE", s.Image},
		{"SAIL_KUBERNETES__IMAGE_PULL_POLICY", s.ImagePullPolicy},
		{"SAIL_KUBERNETES__WORKER_POD_TEMPLATE", templateDir + "/" + templateFile},
		{"SAIL_LOG__LEVEL", s.LogLevel},
	}
	env := make([]corev1.EnvVar, 0, len(vars))
	for _, v := range vars {
		env = append(env, corev1.EnvVar{Name: v[0], Value: v[1]})
	}
	return env
}

func typeMeta(apiVersion, kind string) metav1.TypeMeta {
	return metav1.TypeMeta{APIVersion: apiVersion, Kind: kind}
}

// toYAML renders an object as kubectl would take it: without the empty status and creation
// time the Go types always carry.
func toYAML(obj any) ([]byte, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var tree map[string]any
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, err
	}
	prune(tree)
	return yaml.Marshal(tree)
}

// prune drops null creation times, and status, metadata, resources, strategy and load
// balancer maps left empty.
func prune(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			prune(x)
			switch k {
			case "creationTimestamp":
				if x == nil {
					delete(v, k)
				}
			case "status", "metadata", "resources", "strategy", "loadBalancer":
				if m, ok := x.(map[string]any); ok && len(m) == 0 {
					delete(v, k)
				}
			}
		}
	case []any:
		for _, x := range v {
			prune(x)
		}
	}
}

// writeManifests prints the objects as one YAML stream, for kubectl apply -f -.
func writeManifests(w io.Writer, o *kubeObjects) error {
	var buf bytes.Buffer
	for i, obj := range o.list() {
		data, err := toYAML(obj)
		if err != nil {
			return err
		}
		if i > 0 {
			buf.WriteString("---\n")
		}
		buf.Write(data)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
