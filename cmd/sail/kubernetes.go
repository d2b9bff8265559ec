package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	corev1 "k8s.io/api/core/v1"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/cmd/settings"
	k8s "github.com/sailgo/sail/driver/kubernetes"
	"github.com/sailgo/sail/proto/controlpb"
)

// kubernetesConfig is the settings of the Kubernetes worker manager (kubernetes.*).
type kubernetesConfig struct {
	Image             string
	ImagePullPolicy   string
	Namespace         string
	ServiceAccount    string
	WorkerPodTemplate string
}

func (c *clusterConfig) checkKubernetes() error {
	switch c.Kubernetes.ImagePullPolicy {
	case "", "Always", "IfNotPresent", "Never":
	default:
		return fmt.Errorf("kubernetes.image_pull_policy %q: expected Always, IfNotPresent or Never", c.Kubernetes.ImagePullPolicy)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(c.DriverHost, "["), "]")
	ip := net.ParseIP(host)
	// A driver listening on every interface advertises cluster.driver_advertised_host, or
	// else the pod's own address, with the port it listens on.
	if host == "" || host == "localhost" || ip != nil && ip.IsLoopback() {
		return fmt.Errorf("kubernetes: worker pods cannot reach a driver listening on %q: set cluster.driver_listen_host (--driver-host) to the pod's IP, e.g. $(%s) from the downward API, or to 0.0.0.0", c.DriverHost, k8s.EnvPodIP)
	}
	return nil
}

// kubernetesManager is the Kubernetes worker manager as the server runs it.
type kubernetesManager struct {
	*k8s.Manager
	log *slog.Logger
	// stopFollow stops followRegistrations.
	stopFollow func()
}

// registrationPoll is how often the server tells the manager which workers registered.
const registrationPoll = time.Second

// follow starts telling the manager, every poll, which workers the driver has registered,
// so that their pods' ConditionRegistered (their readiness gate) follows the driver's pool.
func (k *kubernetesManager) follow(root *actor.RootContext, driver *actor.PID, poll time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	k.stopFollow = func() {
		cancel()
		<-done
	}
	go func() {
		defer close(done)
		followRegistrations(ctx, root, driver, k.Manager, poll, k.log)
	}()
}

// followRegistrations asks the driver for its status every poll and hands the ids of its
// registered workers to m whenever they change, until ctx ends.
func followRegistrations(ctx context.Context, root *actor.RootContext, driver *actor.PID, m interface{ SetRegistered([]string) }, poll time.Duration, log *slog.Logger) {
	var last []string
	first := true
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		res, err := actors.Ask(root, driver, &controlpb.GetClusterStatus{}, 10*time.Second)
		if st, ok := res.Msg.(*controlpb.ClusterStatus); err == nil && ok {
			ids := make([]string, 0, len(st.GetWorkers()))
			for _, w := range st.GetWorkers() {
				ids = append(ids, w.GetWorkerId())
			}
			slices.Sort(ids)
			if first || !slices.Equal(ids, last) {
				m.SetRegistered(ids)
				last, first = ids, false
			}
		} else if ctx.Err() == nil {
			log.Debug("cannot ask the driver for its workers", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// startKubernetesManager starts the worker manager of a server running in a pod: the API
// server through the pod's service account, the driver's own pod from the downward API.
func startKubernetesManager(cfg *config, driverAddress string, log *slog.Logger) (*kubernetesManager, error) {
	kc := cfg.Cluster.Kubernetes
	opts := k8s.Options{
		Namespace: kc.Namespace, Image: kc.Image, ImagePullPolicy: kc.ImagePullPolicy, ServiceAccount: kc.ServiceAccount,
		DriverPodName: os.Getenv(k8s.EnvPodName), DriverPodNamespace: os.Getenv(k8s.EnvPodNamespace),
		LaunchTimeout: cfg.Cluster.WorkerLaunchTimeout, Log: log,
	}
	opts.Env, opts.IDEnv = kubernetesWorkerEnv(cfg, driverAddress)
	if kc.WorkerPodTemplate != "" {
		tmpl, err := k8s.LoadPodTemplate(kc.WorkerPodTemplate)
		if err != nil {
			return nil, err
		}
		opts.PodTemplate = tmpl
	}
	client, err := k8s.NewInClusterClient()
	if err != nil {
		return nil, fmt.Errorf("kubernetes worker manager (the server must run in a pod): %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := k8s.Start(ctx, client, opts)
	if err != nil {
		return nil, err
	}
	log.Info("kubernetes worker manager started", "namespace", m.Namespace(), "selector", m.Selector())
	return &kubernetesManager{Manager: m, log: log}, nil
}

// startInitialWorkers asks the driver for its initial workers at once: pods take a while to
// be scheduled and pull their image, so they start with the driver rather than at the first
// query.
func startInitialWorkers(root *actor.RootContext, driver *actor.PID, n int) {
	if n > 0 {
		root.Send(driver, &controlpb.StartWorkers{Count: int32(n)})
	}
}

// close deletes the worker pods.
func (k *kubernetesManager) close() {
	if k.stopFollow != nil {
		k.stopFollow()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := k.Close(ctx); err != nil {
		k.log.Error("cannot delete the worker pods", "err", err)
	}
}

// kubernetesWorkerEnv is the environment of a worker pod's container: the `sail worker`
// settings, named by their one definition (workerConfig.Settings). The worker listens on
// its pod's IP (the downward API's status.podIP), which is then also the address it
// advertises. It also names the variable of the worker's id, which the manager sets to the
// pod's name.
func kubernetesWorkerEnv(cfg *config, driverAddress string) ([]corev1.EnvVar, string) {
	w := defaultWorkerConfig()
	w.DriverAddress, w.Slots, w.Log, w.SpillDir = driverAddress, cfg.Cluster.WorkerSlots, cfg.Log, cfg.SpillDir
	defs := w.Settings()
	name := func(target any) string { return settings.EnvName(settingOf(defs, target).Key) }
	var env []corev1.EnvVar
	add := func(target any) {
		env = append(env, corev1.EnvVar{Name: name(target), Value: settingValue(settingOf(defs, target))})
	}
	add(&w.DriverAddress)
	env = append(env, k8s.FieldEnv(name(&w.Host), "status.podIP"))
	add(&w.Slots)
	add(&w.Log)
	if w.SpillDir != "" {
		add(&w.SpillDir)
	}
	return env, name(&w.ID)
}

// settingOf is the definition whose target is the given field.
func settingOf(defs []settings.Setting, target any) settings.Setting {
	for _, s := range defs {
		if s.Target == target {
			return s
		}
	}
	panic(fmt.Sprintf("no setting for %T", target))
}

// settingValue is a setting's current value as the environment spells it.
func settingValue(s settings.Setting) string {
	switch t := s.Target.(type) {
	case *string:
		return *t
	case *int:
		return fmt.Sprint(*t)
	case *bool:
		return fmt.Sprint(*t)
	case *time.Duration:
		return t.String()
	}
	panic(fmt.Sprintf("setting %s: unsupported target %T", s.Key, s.Target))
}
