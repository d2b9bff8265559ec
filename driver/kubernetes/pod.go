package kubernetes

import (
	"fmt"
	"os"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// The downward-API variables of the driver's container: its pod's name and namespace (the
// owner of the worker pods) and IP (the address workers reach the driver at).
const (
	EnvPodName      = "POD_NAME"
	EnvPodNamespace = "POD_NAMESPACE"
	EnvPodIP        = "POD_IP"
)

// Labels of the objects of a sail cluster. Worker pods carry LabelName, LabelComponent
// (ComponentWorker), the driver pod's LabelInstance when it has one, and LabelDriver (which
// driver started them).
const (
	LabelName      = "app.kubernetes.io/name"
	LabelComponent = "app.kubernetes.io/component"
	LabelInstance  = "app.kubernetes.io/instance"
	LabelManagedBy = "app.kubernetes.io/managed-by"
	LabelDriver    = "sail.sailgo.dev/driver"

	AppName         = "sail"
	ComponentDriver = "driver"
	ComponentWorker = "worker"
)

// ConditionRegistered is the condition of a worker pod the driver sets True once the
// worker registered with it (and False when it leaves the driver's pool). Worker pods list
// it as a readiness gate, so a worker pod is Ready only while the driver counts on its
// worker; `sailctl up --kubernetes` waits on it.
const ConditionRegistered corev1.PodConditionType = "sail.sailgo.dev/registered"

// ContainerName is the name of the container running sail, in the driver's pod and in the
// worker pods (a pod template may hold other containers beside it).
const ContainerName = "sail"

// FieldEnv is a variable set from a field of the pod (the downward API), e.g. status.podIP.
func FieldEnv(name, fieldPath string) corev1.EnvVar {
	return corev1.EnvVar{Name: name, ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: fieldPath}}}
}

// DownwardEnv is what the driver's container needs to find its own pod.
func DownwardEnv() []corev1.EnvVar {
	return []corev1.EnvVar{
		FieldEnv(EnvPodName, "metadata.name"),
		FieldEnv(EnvPodNamespace, "metadata.namespace"),
		FieldEnv(EnvPodIP, "status.podIP"),
	}
}

// LoadPodTemplate reads a pod template: a Pod in YAML or JSON (kind Pod, or no kind) whose
// metadata labels and annotations and whose spec the worker pods start from. Unknown fields
// are an error, so that a misspelt field is not silently dropped.
func LoadPodTemplate(path string) (*corev1.Pod, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("worker pod template: %w", err)
	}
	return ParsePodTemplate(data)
}

// ParsePodTemplate is LoadPodTemplate on the file's contents.
func ParsePodTemplate(data []byte) (*corev1.Pod, error) {
	var pod corev1.Pod
	if err := yaml.UnmarshalStrict(data, &pod); err != nil {
		return nil, fmt.Errorf("worker pod template: %w", err)
	}
	if pod.Kind != "" && pod.Kind != "Pod" {
		return nil, fmt.Errorf("worker pod template: kind %q, expected Pod", pod.Kind)
	}
	return &pod, nil
}

// workerPod builds the pod of one worker: the template, then our fields over it (name,
// namespace, labels, owner, restart policy, service account, the readiness gate of
// ConditionRegistered, and the sail container's image, pull policy, arguments and
// environment).
func (m *Manager) workerPod(name string) *corev1.Pod {
	pod := &corev1.Pod{}
	if m.opts.PodTemplate != nil {
		pod = m.opts.PodTemplate.DeepCopy()
	}
	labels := map[string]string{}
	for k, v := range pod.Labels {
		labels[k] = v
	}
	for k, v := range m.labels {
		labels[k] = v
	}
	pod.TypeMeta = metav1.TypeMeta{}
	pod.ObjectMeta = metav1.ObjectMeta{
		Name: name, Namespace: m.namespace, Labels: labels, Annotations: pod.Annotations,
	}
	if m.owner != nil {
		pod.OwnerReferences = []metav1.OwnerReference{*m.owner}
	}
	pod.Status = corev1.PodStatus{}
	spec := &pod.Spec
	// A worker that exits is replaced by the driver, not restarted in place: a restarted
	// worker would come back with none of its task outputs.
	spec.RestartPolicy = corev1.RestartPolicyNever
	if m.opts.ServiceAccount != "" {
		spec.ServiceAccountName = m.opts.ServiceAccount
	}
	if spec.AutomountServiceAccountToken == nil {
		// Workers do not talk to the API server.
		no := false
		spec.AutomountServiceAccountToken = &no
	}
	i := slices.IndexFunc(spec.Containers, func(c corev1.Container) bool { return c.Name == ContainerName })
	if i < 0 {
		spec.Containers = append([]corev1.Container{{Name: ContainerName}}, spec.Containers...)
		i = 0
	}
	if !slices.ContainsFunc(spec.ReadinessGates, func(g corev1.PodReadinessGate) bool { return g.ConditionType == ConditionRegistered }) {
		spec.ReadinessGates = append(spec.ReadinessGates, corev1.PodReadinessGate{ConditionType: ConditionRegistered})
	}
	c := &spec.Containers[i]
	c.Image = m.image
	if m.pullPolicy != "" {
		c.ImagePullPolicy = m.pullPolicy
	}
	c.Args = slices.Clone(m.opts.Args)
	if len(c.Args) == 0 {
		c.Args = []string{"worker"}
	}
	c.Env = mergeEnv(c.Env, append(slices.Clone(m.opts.Env), corev1.EnvVar{Name: m.opts.IDEnv, Value: name}))
	return pod
}

// mergeEnv is base with over's variables replacing those of the same name, in base's order,
// then over's new ones.
func mergeEnv(base, over []corev1.EnvVar) []corev1.EnvVar {
	out := make([]corev1.EnvVar, 0, len(base)+len(over))
	replaced := map[string]bool{}
	for _, e := range base {
		if j := slices.IndexFunc(over, func(o corev1.EnvVar) bool { return o.Name == e.Name }); j >= 0 {
			e = over[j]
			replaced[e.Name] = true
		}
		out = append(out, e)
	}
	for _, e := range over {
		if !replaced[e.Name] {
			out = append(out, e)
		}
	}
	return out
}

// podPrefix is the start of the worker pods' names: the driver pod's name, cut so that the
// worker's name stays a DNS label (it is the pod's host name).
func podPrefix(driverPod string) string {
	const room = 63 - len("-worker-99999")
	p := strings.ToLower(driverPod)
	if len(p) > room {
		p = p[:room]
	}
	return strings.TrimRight(p, "-.")
}

// labelValue reports whether s may be a label value as it is.
func labelValue(s string) bool {
	if len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && ((c != '-' && c != '_' && c != '.') || i == 0 || i == len(s)-1) {
			return false
		}
	}
	return true
}
