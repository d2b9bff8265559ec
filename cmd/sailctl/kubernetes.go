package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	appsv1client "k8s.io/client-go/kubernetes/typed/apps/v1"
	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
	rbacv1client "k8s.io/client-go/kubernetes/typed/rbac/v1"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/spf13/pflag"

	k8s "github.com/sailgo/sail/driver/kubernetes"
)

// kubeClient is the API groups sailctl uses.
type kubeClient struct {
	core corev1client.CoreV1Interface
	rbac rbacv1client.RbacV1Interface
	apps appsv1client.AppsV1Interface
}

// kubeAccess is how sailctl reaches the cluster: a kubeconfig (--kubeconfig, else
// $KUBECONFIG, else ~/.kube/config) and a context in it.
type kubeAccess struct {
	kubeconfig string
	context    string
}

func (a *kubeAccess) flags(fs *pflag.FlagSet) {
	fs.StringVar(&a.kubeconfig, "kubeconfig", "", "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
	fs.StringVar(&a.context, "context", "", "kubeconfig context (default: the current one)")
}

// connect builds the client and the namespace: the flag's, else the context's, else default.
func (a *kubeAccess) connect(namespace string) (kubeClient, string, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = a.kubeconfig
	cc := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{CurrentContext: a.context})
	cfg, err := cc.ClientConfig()
	if err != nil {
		return kubeClient{}, "", fmt.Errorf("kubeconfig: %w", err)
	}
	if namespace == "" {
		if namespace, _, err = cc.Namespace(); err != nil {
			return kubeClient{}, "", fmt.Errorf("kubeconfig: %w", err)
		}
	}
	var c kubeClient
	if c.core, err = corev1client.NewForConfig(cfg); err != nil {
		return kubeClient{}, "", err
	}
	if c.rbac, err = rbacv1client.NewForConfig(cfg); err != nil {
		return kubeClient{}, "", err
	}
	if c.apps, err = appsv1client.NewForConfig(cfg); err != nil {
		return kubeClient{}, "", err
	}
	return c, firstNonEmpty(namespace, "default"), nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// kubernetesFlag reports whether args ask for the Kubernetes variant of a command.
func kubernetesFlag(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "--kubernetes" || a == "--kubernetes=true" })
}

func parseKube(name string, args []string, define func(fs *pflag.FlagSet)) error {
	fs := pflag.NewFlagSet("sailctl "+name, pflag.ContinueOnError)
	fs.Bool("kubernetes", true, "act on a cluster on Kubernetes")
	define(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return errHelp
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	return nil
}

// manifestsCmd is `sailctl manifests`: the objects `up --kubernetes` would create, as YAML.
func manifestsCmd(args []string, stdout io.Writer) error {
	var spec kubeSpec
	if err := parseKube("manifests", args, func(fs *pflag.FlagSet) { kubeSpecFlags(fs, &spec) }); err != nil {
		return err
	}
	spec.Namespace = firstNonEmpty(spec.Namespace, "default")
	o, err := spec.objects()
	if err != nil {
		return err
	}
	return writeManifests(stdout, o)
}

// upOptions are how `up --kubernetes` waits.
type upOptions struct {
	timeout time.Duration
	poll    time.Duration
}

func kubeUpCmd(args []string, stdout io.Writer) error {
	var spec kubeSpec
	var access kubeAccess
	var dryRun bool
	opts := upOptions{poll: time.Second}
	err := parseKube("up", args, func(fs *pflag.FlagSet) {
		kubeSpecFlags(fs, &spec)
		access.flags(fs)
		fs.DurationVar(&opts.timeout, "timeout", 5*time.Minute, "how long to wait for the driver and the workers")
		fs.BoolVar(&dryRun, "dry-run", false, "print the objects as YAML instead of creating them (as sailctl manifests)")
	})
	if err != nil {
		return err
	}
	if dryRun {
		spec.Namespace = firstNonEmpty(spec.Namespace, "default")
		o, err := spec.objects()
		if err != nil {
			return err
		}
		return writeManifests(stdout, o)
	}
	if err := spec.check(); err != nil {
		return err
	}
	c, ns, err := access.connect(spec.Namespace)
	if err != nil {
		return err
	}
	spec.Namespace = ns
	return kubeUp(context.Background(), c, &spec, opts, stdout)
}

// kubeUp creates the cluster's objects and waits until the driver is ready and the workers
// run; on failure it says why (the pods' reasons, the driver's last log lines) and leaves
// the objects for inspection.
func kubeUp(ctx context.Context, c kubeClient, spec *kubeSpec, opts upOptions, stdout io.Writer) error {
	o, err := spec.objects()
	if err != nil {
		return err
	}
	ns := spec.Namespace
	if _, err := c.apps.Deployments(ns).Get(ctx, spec.Name, metav1.GetOptions{}); err == nil {
		return fmt.Errorf("a sail cluster %q is already up in namespace %s (sailctl down --kubernetes first)", spec.Name, ns)
	} else if !apierrors.IsNotFound(err) {
		return err
	}
	created := []struct {
		what string
		do   func() (string, error)
	}{
		{"serviceaccount/" + o.ServiceAccount.Name, func() (string, error) {
			return createOrUpdate(ctx, c.core.ServiceAccounts(ns), o.ServiceAccount, nil)
		}},
		{"role/" + o.Role.Name, func() (string, error) { return createOrUpdate(ctx, c.rbac.Roles(ns), o.Role, nil) }},
		{"rolebinding/" + o.RoleBinding.Name, func() (string, error) {
			return createOrUpdate(ctx, c.rbac.RoleBindings(ns), o.RoleBinding, nil)
		}},
		{"configmap/" + o.ConfigMap.Name, func() (string, error) {
			return createOrUpdate(ctx, c.core.ConfigMaps(ns), o.ConfigMap, nil)
		}},
		{"service/" + o.Service.Name, func() (string, error) {
			return createOrUpdate(ctx, c.core.Services(ns), o.Service, func(old, svc *corev1.Service) {
				svc.Spec.ClusterIP, svc.Spec.ClusterIPs = old.Spec.ClusterIP, old.Spec.ClusterIPs
			})
		}},
		{"deployment/" + o.Deployment.Name, func() (string, error) {
			_, err := c.apps.Deployments(ns).Create(ctx, o.Deployment, metav1.CreateOptions{})
			return "created", err
		}},
	}
	for _, x := range created {
		done, err := x.do()
		if err != nil {
			return fmt.Errorf("creating %s: %w", x.what, err)
		}
		fmt.Fprintf(stdout, "%s %s\n", x.what, done)
	}
	ready, err := waitReady(ctx, c, spec, opts)
	if err != nil {
		return fmt.Errorf("%w\nthe objects are left for inspection (kubectl -n %s describe pods -l %s=%s); remove them with sailctl down --kubernetes --name %s -n %s",
			err, ns, k8s.LabelInstance, spec.Name, spec.Name, ns)
	}
	fmt.Fprintf(stdout, "sail cluster %q is up in namespace %s: driver %s, %d workers registered\n", spec.Name, ns, ready.driver, ready.workers)
	printReach(ctx, stdout, c, spec)
	return nil
}

// kubeObject is a typed API object.
type kubeObject interface {
	metav1.Object
	runtime.Object
}

// kubeResource is the part of a typed client createOrUpdate uses.
type kubeResource[T kubeObject] interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (T, error)
	Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error)
	Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error)
}

// createOrUpdate creates obj, or replaces an object of the same name left from an earlier
// cluster that did not come down completely; keep copies what the API server assigned and
// an update must not change.
func createOrUpdate[T kubeObject](ctx context.Context, r kubeResource[T], obj T, keep func(old, obj T)) (string, error) {
	_, err := r.Create(ctx, obj, metav1.CreateOptions{})
	if !apierrors.IsAlreadyExists(err) {
		return "created", err
	}
	old, err := r.Get(ctx, obj.GetName(), metav1.GetOptions{})
	if err != nil {
		return "", err
	}
	obj = obj.DeepCopyObject().(T)
	obj.SetResourceVersion(old.GetResourceVersion())
	if keep != nil {
		keep(old, obj)
	}
	_, err = r.Update(ctx, obj, metav1.UpdateOptions{})
	return "updated", err
}

// readyState is what waitReady saw at the end.
type readyState struct {
	driver  string
	workers int // registered with the driver
}

// fatalWaiting are container waiting reasons that do not resolve by waiting.
var fatalWaiting = []string{"ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "CreateContainerConfigError", "CrashLoopBackOff"}

// waitReady polls the cluster's pods until the driver's pod is ready and spec.Workers
// workers registered with the driver: the driver marks a worker's pod with
// k8s.ConditionRegistered once the worker registered (a pod running is not yet a worker the
// driver can use: it may not reach the driver). A driver that cannot start ends the wait at
// once; at the timeout the error names the worker pods not registered and why, with the
// driver's log.
func waitReady(ctx context.Context, c kubeClient, spec *kubeSpec, opts upOptions) (readyState, error) {
	ns := spec.Namespace
	deadline := time.Now().Add(opts.timeout)
	for {
		pods, err := clusterPods(ctx, c, spec)
		if err != nil {
			return readyState{}, err
		}
		var st readyState
		var problems, unregistered []string
		for _, p := range pods {
			reason, msg := podProblem(&p)
			if reason != "" {
				problems = append(problems, fmt.Sprintf("pod %s: %s: %s", p.Name, reason, msg))
			}
			switch p.Labels[k8s.LabelComponent] {
			case k8s.ComponentDriver:
				if p.DeletionTimestamp == nil && podReady(&p) {
					st.driver = p.Name
				}
				if slices.Contains(fatalWaiting, reason) {
					err := fmt.Sprintf("the driver's pod %s cannot start: %s: %s", p.Name, reason, msg)
					if log := driverLog(ctx, c, ns, pods); log != "" {
						err += "\nthe driver's last log lines:\n" + log
					}
					return st, errors.New(err)
				}
			case k8s.ComponentWorker:
				switch {
				case p.DeletionTimestamp != nil:
				case podRegistered(&p):
					st.workers++
				default:
					unregistered = append(unregistered, fmt.Sprintf("%s (%s)", p.Name, firstNonEmpty(string(p.Status.Phase), "Pending")))
				}
			}
		}
		if st.driver != "" && st.workers >= spec.Workers {
			return st, nil
		}
		if time.Now().After(deadline) {
			var b strings.Builder
			if st.driver == "" {
				b.WriteString("timed out: the driver is not ready")
			} else {
				fmt.Fprintf(&b, "timed out: %d of %d workers registered with the driver", st.workers, spec.Workers)
			}
			if len(unregistered) > 0 {
				b.WriteString("\n  worker pods not registered: " + strings.Join(unregistered, ", "))
			}
			for _, p := range problems {
				b.WriteString("\n  " + p)
			}
			if log := driverLog(ctx, c, ns, pods); log != "" {
				b.WriteString("\nthe driver's last log lines:\n" + log)
			}
			return st, errors.New(b.String())
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-time.After(opts.poll):
		}
	}
}

// clusterPods is the driver's and the workers' pods of the cluster, by label.
func clusterPods(ctx context.Context, c kubeClient, spec *kubeSpec) ([]corev1.Pod, error) {
	sel := labels.Set{k8s.LabelName: k8s.AppName, k8s.LabelInstance: spec.Name}.String()
	list, err := c.core.Pods(spec.Namespace).List(ctx, metav1.ListOptions{LabelSelector: sel})
	if err != nil {
		return nil, err
	}
	pods := list.Items
	slices.SortFunc(pods, func(a, b corev1.Pod) int {
		if x, y := a.Labels[k8s.LabelComponent], b.Labels[k8s.LabelComponent]; x != y {
			return strings.Compare(x, y) // driver first
		}
		return strings.Compare(a.Name, b.Name)
	})
	return pods, nil
}

func podReady(p *corev1.Pod) bool { return podCondition(p, corev1.PodReady) }

// podRegistered reports whether the driver marked a worker pod's worker registered.
func podRegistered(p *corev1.Pod) bool { return podCondition(p, k8s.ConditionRegistered) }

func podCondition(p *corev1.Pod, typ corev1.PodConditionType) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == typ {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podProblem is why a pod does not run: its sail container waiting on something other than
// its creation, terminated, or the pod not scheduled.
func podProblem(p *corev1.Pod) (string, string) {
	for _, cs := range p.Status.ContainerStatuses {
		if cs.Name != k8s.ContainerName {
			continue
		}
		if w := cs.State.Waiting; w != nil && w.Reason != "" && w.Reason != "ContainerCreating" && w.Reason != "PodInitializing" {
			return w.Reason, w.Message
		}
		if t := cs.State.Terminated; t != nil {
			return firstNonEmpty(t.Reason, "Terminated"), strings.TrimSpace(fmt.Sprintf("exit code %d %s", t.ExitCode, t.Message))
		}
	}
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse {
			return c.Reason, c.Message
		}
	}
	return "", ""
}

// driverLog is the last lines of the driver's log, when there is a driver pod.
func driverLog(ctx context.Context, c kubeClient, ns string, pods []corev1.Pod) string {
	for _, p := range pods {
		if p.Labels[k8s.LabelComponent] != k8s.ComponentDriver {
			continue
		}
		lines := int64(20)
		data, err := c.core.Pods(ns).GetLogs(p.Name, &corev1.PodLogOptions{Container: k8s.ContainerName, TailLines: &lines}).DoRaw(ctx)
		if err != nil || len(data) == 0 {
			return ""
		}
		return "  " + strings.ReplaceAll(strings.TrimRight(string(data), "\n"), "\n", "\n  ")
	}
	return ""
}

// printReach says how to connect: the Service inside the cluster, its external address
// when it has one, and a port-forward from this machine.
func printReach(ctx context.Context, w io.Writer, c kubeClient, spec *kubeSpec) {
	ns := spec.Namespace
	fmt.Fprintf(w, "inside the cluster: sc://%s.%s.svc:%d\n", spec.Name, ns, sparkConnectPort)
	if svc, err := c.core.Services(ns).Get(ctx, spec.Name, metav1.GetOptions{}); err == nil {
		for _, in := range svc.Status.LoadBalancer.Ingress {
			if host := firstNonEmpty(in.IP, in.Hostname); host != "" {
				fmt.Fprintf(w, "load balancer: sc://%s:%d\n", host, sparkConnectPort)
			}
		}
	}
	fmt.Fprintf(w, "from this machine: kubectl -n %s port-forward service/%s %d:%d, then sc://127.0.0.1:%d\n",
		ns, spec.Name, sparkConnectPort, sparkConnectPort, sparkConnectPort)
}

func kubeStatusCmd(args []string, stdout io.Writer) error {
	var spec kubeSpec
	var access kubeAccess
	err := parseKube("status", args, func(fs *pflag.FlagSet) {
		fs.StringVar(&spec.Name, "name", "sail", "name of the cluster")
		fs.StringVarP(&spec.Namespace, "namespace", "n", "", "namespace (default: the kubeconfig context's, else default)")
		access.flags(fs)
	})
	if err != nil {
		return err
	}
	c, ns, err := access.connect(spec.Namespace)
	if err != nil {
		return err
	}
	spec.Namespace = ns
	return kubeStatus(context.Background(), c, &spec, stdout)
}

// kubeStatus prints the driver's Deployment, the Service and every pod of the cluster.
func kubeStatus(ctx context.Context, c kubeClient, spec *kubeSpec, stdout io.Writer) error {
	ns := spec.Namespace
	dep, err := c.apps.Deployments(ns).Get(ctx, spec.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return fmt.Errorf("no sail cluster %q in namespace %s", spec.Name, ns)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "cluster %s in namespace %s: driver deployment %d/%d ready, image %s\n", spec.Name, ns,
		dep.Status.ReadyReplicas, ptrValue(dep.Spec.Replicas), containerImage(dep.Spec.Template.Spec.Containers))
	pods, err := clusterPods(ctx, c, spec)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "POD\tROLE\tPHASE\tREADY\tREGISTERED\tIP\tNODE\tAGE\tREASON")
	workers, running, registered := 0, 0, 0
	for _, p := range pods {
		role := p.Labels[k8s.LabelComponent]
		reason, msg := podProblem(&p)
		if msg != "" {
			reason += ": " + msg
		}
		phase := string(p.Status.Phase)
		if p.DeletionTimestamp != nil {
			phase = "Terminating"
		}
		age := "-"
		if !p.CreationTimestamp.IsZero() {
			age = time.Since(p.CreationTimestamp.Time).Round(time.Second).String()
		}
		reg := "-"
		if role == k8s.ComponentWorker {
			reg = fmt.Sprint(podRegistered(&p))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%t\t%s\t%s\t%s\t%s\t%s\n", p.Name, role, firstNonEmpty(phase, "Pending"), podReady(&p), reg,
			firstNonEmpty(p.Status.PodIP, "-"), firstNonEmpty(p.Spec.NodeName, "-"), age, firstNonEmpty(reason, "-"))
		if role == k8s.ComponentWorker {
			workers++
			if p.Status.Phase == corev1.PodRunning {
				running++
			}
			if p.DeletionTimestamp == nil && podRegistered(&p) {
				registered++
			}
		}
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d worker pods, %d running, %d registered with the driver\n", workers, running, registered)
	printReach(ctx, stdout, c, spec)
	return nil
}

func ptrValue(p *int32) int32 {
	if p == nil {
		return 1
	}
	return *p
}

func containerImage(cs []corev1.Container) string {
	for _, c := range cs {
		if c.Name == k8s.ContainerName {
			return c.Image
		}
	}
	return "-"
}

func kubeDownCmd(args []string, stdout io.Writer) error {
	var spec kubeSpec
	var access kubeAccess
	err := parseKube("down", args, func(fs *pflag.FlagSet) {
		fs.StringVar(&spec.Name, "name", "sail", "name of the cluster")
		fs.StringVarP(&spec.Namespace, "namespace", "n", "", "namespace (default: the kubeconfig context's, else default)")
		access.flags(fs)
	})
	if err != nil {
		return err
	}
	c, ns, err := access.connect(spec.Namespace)
	if err != nil {
		return err
	}
	spec.Namespace = ns
	return kubeDown(context.Background(), c, &spec, stdout)
}

// kubeDown deletes what up created, found by its labels, the driver first (its worker
// manager deletes the worker pods as it stops, and Kubernetes deletes the pods the driver's
// pod owns), then the worker pods still there.
func kubeDown(ctx context.Context, c kubeClient, spec *kubeSpec, stdout io.Writer) error {
	ns := spec.Namespace
	mine := metav1.ListOptions{LabelSelector: labels.Set{k8s.LabelInstance: spec.Name, k8s.LabelManagedBy: managedBy}.String()}
	background := metav1.DeletePropagationBackground
	del := metav1.DeleteOptions{PropagationPolicy: &background}
	type kind struct {
		what   string
		names  func() ([]string, error)
		delete func(string) error
	}
	kinds := []kind{
		{"deployment", func() ([]string, error) {
			l, err := c.apps.Deployments(ns).List(ctx, mine)
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.apps.Deployments(ns).Delete(ctx, n, del) }},
		{"service", func() ([]string, error) {
			l, err := c.core.Services(ns).List(ctx, mine)
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.core.Services(ns).Delete(ctx, n, del) }},
		{"configmap", func() ([]string, error) {
			l, err := c.core.ConfigMaps(ns).List(ctx, mine)
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.core.ConfigMaps(ns).Delete(ctx, n, del) }},
		{"rolebinding", func() ([]string, error) {
			l, err := c.rbac.RoleBindings(ns).List(ctx, mine)
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.rbac.RoleBindings(ns).Delete(ctx, n, del) }},
		{"role", func() ([]string, error) {
			l, err := c.rbac.Roles(ns).List(ctx, mine)
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.rbac.Roles(ns).Delete(ctx, n, del) }},
		{"serviceaccount", func() ([]string, error) {
			l, err := c.core.ServiceAccounts(ns).List(ctx, mine)
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.core.ServiceAccounts(ns).Delete(ctx, n, del) }},
		{"pod", func() ([]string, error) {
			sel := labels.Set{k8s.LabelInstance: spec.Name, k8s.LabelComponent: k8s.ComponentWorker}.String()
			l, err := c.core.Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: sel})
			if err != nil {
				return nil, err
			}
			return liveNames(l.Items), nil
		}, func(n string) error { return c.core.Pods(ns).Delete(ctx, n, metav1.DeleteOptions{}) }},
	}
	deleted := 0
	var errs []error
	for _, k := range kinds {
		list, err := k.names()
		if err != nil {
			errs = append(errs, fmt.Errorf("listing %ss: %w", k.what, err))
			continue
		}
		for _, n := range list {
			if err := k.delete(n); err != nil && !apierrors.IsNotFound(err) {
				errs = append(errs, fmt.Errorf("deleting %s/%s: %w", k.what, n, err))
				continue
			}
			deleted++
			fmt.Fprintf(stdout, "%s/%s deleted\n", k.what, n)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if deleted == 0 {
		return fmt.Errorf("no sail cluster %q in namespace %s", spec.Name, ns)
	}
	return nil
}

// liveNames is the names of the objects not being deleted already, sorted.
func liveNames[T any, PT interface {
	*T
	metav1.Object
}](items []T) []string {
	var out []string
	for i := range items {
		if o := PT(&items[i]); o.GetDeletionTimestamp() == nil {
			out = append(out, o.GetName())
		}
	}
	slices.Sort(out)
	return out
}
