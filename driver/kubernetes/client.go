package kubernetes

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/rest"
	certutil "k8s.io/client-go/util/cert"
)

// Pods is what the manager does with pods: the methods of client-go's typed PodInterface
// it uses, so that a fake clientset's CoreV1().Pods(ns) serves in tests.
type Pods interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*corev1.Pod, error)
	List(ctx context.Context, opts metav1.ListOptions) (*corev1.PodList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Create(ctx context.Context, pod *corev1.Pod, opts metav1.CreateOptions) (*corev1.Pod, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*corev1.Pod, error)
}

// PodClient gives the pods of a namespace.
type PodClient func(namespace string) Pods

// NewInClusterClient is the pod client of a process running in a pod, authorised by its
// service account (rest.InClusterConfig). It speaks to the core/v1 pods API through a REST
// client of its own rather than client-go's clientset, whose scheme of every API group
// would add tens of megabytes to the binary.
func NewInClusterClient() (PodClient, error) {
	cfg, err := inClusterConfig(serviceAccountDir, os.Getenv)
	if err != nil {
		return nil, err
	}
	return NewPodClient(cfg)
}

// serviceAccountDir is where Kubernetes mounts a pod's service account credentials.
const serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount"

// inClusterConfig is rest.InClusterConfig reading the service account from dir: the API
// server from KUBERNETES_SERVICE_HOST and _PORT, the token (re-read as the kubelet rotates
// it) and the cluster's CA certificate. Unlike client-go's, a CA certificate that cannot be
// read is an error here, rather than a log line and a TLS failure later that does not say
// why.
func inClusterConfig(dir string, getenv func(string) string) (*rest.Config, error) {
	host, port := getenv("KUBERNETES_SERVICE_HOST"), getenv("KUBERNETES_SERVICE_PORT")
	if host == "" || port == "" {
		return nil, fmt.Errorf("%w (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set)", rest.ErrNotInCluster)
	}
	tokenFile, caFile := filepath.Join(dir, "token"), filepath.Join(dir, "ca.crt")
	token, err := os.ReadFile(tokenFile)
	if err != nil {
		return nil, fmt.Errorf("the pod's service account token: %w", err)
	}
	if len(bytes.TrimSpace(token)) == 0 {
		return nil, fmt.Errorf("the pod's service account token %s is empty", tokenFile)
	}
	if _, err := certutil.NewPool(caFile); err != nil {
		return nil, fmt.Errorf("the cluster's CA certificate: %w", err)
	}
	return &rest.Config{
		Host:            "https://" + net.JoinHostPort(host, port),
		TLSClientConfig: rest.TLSClientConfig{CAFile: caFile},
		BearerToken:     string(token),
		BearerTokenFile: tokenFile,
	}, nil
}

// NewPodClient is a pod client for the API server cfg names.
func NewPodClient(cfg *rest.Config) (PodClient, error) {
	scheme := runtime.NewScheme()
	if err := corev1.AddToScheme(scheme); err != nil {
		return nil, err
	}
	// The options (ListOptions, DeleteOptions, ...) encode as query parameters of "v1".
	metav1.AddToGroupVersion(scheme, schema.GroupVersion{Version: "v1"})
	cfg = rest.CopyConfig(cfg)
	cfg.GroupVersion = &corev1.SchemeGroupVersion
	cfg.APIPath = "/api"
	cfg.ContentType = runtime.ContentTypeJSON
	cfg.NegotiatedSerializer = serializer.NewCodecFactory(scheme).WithoutConversion()
	if cfg.UserAgent == "" {
		cfg.UserAgent = "sail"
	}
	client, err := rest.RESTClientFor(cfg)
	if err != nil {
		return nil, err
	}
	params := runtime.NewParameterCodec(scheme)
	return func(namespace string) Pods {
		return &restPods{client: client, params: params, namespace: namespace}
	}, nil
}

// restPods is Pods over the REST API.
type restPods struct {
	client    rest.Interface
	params    runtime.ParameterCodec
	namespace string
}

// apiTimeout bounds each request to the API server (a watch: until its answer starts), so
// that an API server that accepted the connection and went silent does not stall the
// manager's loop: the request fails and is tried again at the next resync.
var apiTimeout = 30 * time.Second

func (p *restPods) Get(ctx context.Context, name string, opts metav1.GetOptions) (*corev1.Pod, error) {
	pod := &corev1.Pod{}
	err := p.client.Get().Namespace(p.namespace).Resource("pods").Name(name).VersionedParams(&opts, p.params).
		Timeout(apiTimeout).Do(ctx).Into(pod)
	return pod, err
}

func (p *restPods) List(ctx context.Context, opts metav1.ListOptions) (*corev1.PodList, error) {
	list := &corev1.PodList{}
	timeout := apiTimeout
	if opts.TimeoutSeconds != nil {
		timeout = time.Duration(*opts.TimeoutSeconds) * time.Second
	}
	err := p.client.Get().Namespace(p.namespace).Resource("pods").VersionedParams(&opts, p.params).Timeout(timeout).Do(ctx).Into(list)
	return list, err
}

func (p *restPods) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	req := p.client.Get().Namespace(p.namespace).Resource("pods").VersionedParams(&opts, p.params)
	if opts.TimeoutSeconds != nil {
		req = req.Timeout(time.Duration(*opts.TimeoutSeconds) * time.Second)
	}
	// The watch runs as long as it is wanted, but its answer must start within apiTimeout.
	ctx, cancel := context.WithCancelCause(ctx)
	timer := time.AfterFunc(apiTimeout, func() {
		cancel(fmt.Errorf("the API server did not answer the watch of pods within %v", apiTimeout))
	})
	w, err := req.Watch(ctx)
	if !timer.Stop() && err != nil {
		err = fmt.Errorf("%w: %w", context.Cause(ctx), err)
	}
	if err != nil {
		cancel(nil)
		return nil, err
	}
	return &cancelWatch{Interface: w, cancel: func() { cancel(nil) }}, nil
}

// cancelWatch is a watch whose Stop also releases its context.
type cancelWatch struct {
	watch.Interface
	cancel func()
}

func (w *cancelWatch) Stop() {
	w.Interface.Stop()
	w.cancel()
}

func (p *restPods) Create(ctx context.Context, pod *corev1.Pod, opts metav1.CreateOptions) (*corev1.Pod, error) {
	out := &corev1.Pod{}
	err := p.client.Post().Namespace(p.namespace).Resource("pods").VersionedParams(&opts, p.params).Body(pod).
		Timeout(apiTimeout).Do(ctx).Into(out)
	return out, err
}

func (p *restPods) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return p.client.Delete().Namespace(p.namespace).Resource("pods").Name(name).Body(&opts).Timeout(apiTimeout).Do(ctx).Error()
}

func (p *restPods) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*corev1.Pod, error) {
	out := &corev1.Pod{}
	err := p.client.Patch(pt).Namespace(p.namespace).Resource("pods").Name(name).SubResource(subresources...).
		VersionedParams(&opts, p.params).Body(data).Timeout(apiTimeout).Do(ctx).Into(out)
	return out, err
}
