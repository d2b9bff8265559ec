package kubernetes

import (
	"context"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/rest"
)

// Pods is what the manager does with pods: the methods of client-go's typed PodInterface
// it uses, so that a fake clientset's CoreV1().Pods(ns) serves in tests.
type Pods interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*corev1.Pod, error)
	List(ctx context.Context, opts metav1.ListOptions) (*corev1.PodList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Create(ctx context.Context, pod *corev1.Pod, opts metav1.CreateOptions) (*corev1.Pod, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
}

// PodClient gives the pods of a namespace.
type PodClient func(namespace string) Pods

// NewInClusterClient is the pod client of a process running in a pod, authorised by its
// service account (rest.InClusterConfig). It speaks to the core/v1 pods API through a REST
// client of its own rather than client-go's clientset, whose scheme of every API group
// would add tens of megabytes to the binary.
func NewInClusterClient() (PodClient, error) {
	cfg, err := rest.InClusterConfig()
	if err != nil {
		return nil, err
	}
	return NewPodClient(cfg)
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

func (p *restPods) Get(ctx context.Context, name string, opts metav1.GetOptions) (*corev1.Pod, error) {
	pod := &corev1.Pod{}
	err := p.client.Get().Namespace(p.namespace).Resource("pods").Name(name).VersionedParams(&opts, p.params).Do(ctx).Into(pod)
	return pod, err
}

func (p *restPods) List(ctx context.Context, opts metav1.ListOptions) (*corev1.PodList, error) {
	list := &corev1.PodList{}
	req := p.client.Get().Namespace(p.namespace).Resource("pods").VersionedParams(&opts, p.params)
	if opts.TimeoutSeconds != nil {
		req = req.Timeout(time.Duration(*opts.TimeoutSeconds) * time.Second)
	}
	err := req.Do(ctx).Into(list)
	return list, err
}

func (p *restPods) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	req := p.client.Get().Namespace(p.namespace).Resource("pods").VersionedParams(&opts, p.params)
	if opts.TimeoutSeconds != nil {
		req = req.Timeout(time.Duration(*opts.TimeoutSeconds) * time.Second)
	}
	return req.Watch(ctx)
}

func (p *restPods) Create(ctx context.Context, pod *corev1.Pod, opts metav1.CreateOptions) (*corev1.Pod, error) {
	out := &corev1.Pod{}
	err := p.client.Post().Namespace(p.namespace).Resource("pods").VersionedParams(&opts, p.params).Body(pod).Do(ctx).Into(out)
	return out, err
}

func (p *restPods) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return p.client.Delete().Namespace(p.namespace).Resource("pods").Name(name).Body(&opts).Do(ctx).Error()
}
