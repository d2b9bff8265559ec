package kubernetes

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/rest"
)

// apiRequest is one request the fake API server received.
type apiRequest struct {
	Method, Path string
	Query        url.Values
	Auth         string
	ContentType  string
	Body         string
}

// apiServer is a fake API server: it records each request and answers it with the
// handler's status and body (a JSON object, or a string sent as it is).
type apiServer struct {
	mu       sync.Mutex
	requests []apiRequest
	answer   func(r apiRequest, w http.ResponseWriter) (int, any)
}

func (s *apiServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := apiRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Auth: r.Header.Get("Authorization"),
		ContentType: r.Header.Get("Content-Type"), Body: string(body)}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	code, out := s.answer(req, w)
	if code == 0 {
		return // the handler wrote the answer itself
	}
	w.Header().Set("Content-Type", "application/json")
	if text, ok := out.(string); ok {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, text)
		return
	}
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(out)
}

func (s *apiServer) last(t *testing.T) apiRequest {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		t.Fatal("no request")
	}
	return s.requests[len(s.requests)-1]
}

func testPod(name string) *corev1.Pod {
	return &corev1.Pod{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: testNS, Labels: map[string]string{LabelDriver: "d"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: ContainerName, Image: "sail:dev"}}}}
}

// status is the body of an API error, as the API server sends it.
func status(code int, reason metav1.StatusReason, msg string) metav1.Status {
	return metav1.Status{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Status"}, Status: metav1.StatusFailure,
		Code: int32(code), Reason: reason, Message: msg, Details: &metav1.StatusDetails{Kind: "pods"}}
}

// The REST pod client's requests: the paths, verbs, query parameters and bodies of the pods
// API, with the bearer token; and the answers decoded.
func TestRESTPodClientRequests(t *testing.T) {
	api := &apiServer{}
	api.answer = func(r apiRequest, w http.ResponseWriter) (int, any) {
		switch {
		case r.Method == http.MethodGet && r.Query.Get("watch") == "true":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			enc := json.NewEncoder(w)
			for _, typ := range []watch.EventType{watch.Added, watch.Modified, watch.Deleted} {
				_ = enc.Encode(map[string]any{"type": typ, "object": testPod("w-1")})
				w.(http.Flusher).Flush()
			}
			// The API server ends a watch whose resource version is too old with an error.
			_ = enc.Encode(map[string]any{"type": watch.Error, "object": status(410, metav1.StatusReasonExpired, "too old resource version: 1 (2)")})
			return 0, nil
		case r.Method == http.MethodGet && strings.HasSuffix(r.Path, "/pods"):
			return 200, corev1.PodList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PodList"}, Items: []corev1.Pod{*testPod("w-1"), *testPod("w-2")}}
		case r.Method == http.MethodDelete:
			return 200, status(200, "", "")
		default:
			return 200, testPod("w-1")
		}
	}
	srv := httptest.NewServer(api)
	defer srv.Close()
	client, err := NewPodClient(&rest.Config{Host: srv.URL, BearerToken: "secret-token"})
	if err != nil {
		t.Fatal(err)
	}
	pods := client(testNS)
	ctx := context.Background()
	const base = "/api/v1/namespaces/" + testNS + "/pods"
	check := func(what, method, path string, query map[string]string) apiRequest {
		t.Helper()
		r := api.last(t)
		if r.Method != method || r.Path != path {
			t.Fatalf("%s: %s %s, want %s %s", what, r.Method, r.Path, method, path)
		}
		for k, v := range query {
			if got := r.Query.Get(k); got != v {
				t.Errorf("%s: query %s=%q, want %q (%v)", what, k, got, v, r.Query)
			}
		}
		if r.Auth != "Bearer secret-token" {
			t.Errorf("%s: authorization %q", what, r.Auth)
		}
		return r
	}

	pod, err := pods.Get(ctx, "sail-drv", metav1.GetOptions{})
	if err != nil || pod.Name != "w-1" || pod.Spec.Containers[0].Image != "sail:dev" {
		t.Fatalf("get: %v %+v", err, pod)
	}
	check("get", http.MethodGet, base+"/sail-drv", nil)

	timeout := int64(30)
	list, err := pods.List(ctx, metav1.ListOptions{LabelSelector: LabelDriver + "=d", TimeoutSeconds: &timeout})
	if err != nil || len(list.Items) != 2 || list.Items[1].Name != "w-2" {
		t.Fatalf("list: %v %+v", err, list)
	}
	check("list", http.MethodGet, base, map[string]string{"labelSelector": LabelDriver + "=d", "timeoutSeconds": "30"})

	created, err := pods.Create(ctx, testPod("w-1"), metav1.CreateOptions{})
	if err != nil || created.Name != "w-1" {
		t.Fatalf("create: %v %+v", err, created)
	}
	r := check("create", http.MethodPost, base, nil)
	var sent corev1.Pod
	if err := json.Unmarshal([]byte(r.Body), &sent); err != nil || sent.Name != "w-1" || sent.Kind != "Pod" || sent.APIVersion != "v1" ||
		!strings.HasPrefix(r.ContentType, "application/json") {
		t.Fatalf("create body %s (%s): %v", r.Body, r.ContentType, err)
	}

	grace := int64(5)
	if err := pods.Delete(ctx, "w-1", metav1.DeleteOptions{GracePeriodSeconds: &grace}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	r = check("delete", http.MethodDelete, base+"/w-1", nil)
	var del metav1.DeleteOptions
	if err := json.Unmarshal([]byte(r.Body), &del); err != nil || del.GracePeriodSeconds == nil || *del.GracePeriodSeconds != 5 {
		t.Fatalf("delete body %s: %v", r.Body, err)
	}

	patch := `{"status":{"conditions":[{"type":"` + string(ConditionRegistered) + `","status":"True"}]}}`
	if _, err := pods.Patch(ctx, "w-1", types.StrategicMergePatchType, []byte(patch), metav1.PatchOptions{}, "status"); err != nil {
		t.Fatalf("patch: %v", err)
	}
	r = check("patch", http.MethodPatch, base+"/w-1/status", nil)
	if r.ContentType != string(types.StrategicMergePatchType) || r.Body != patch {
		t.Fatalf("patch %s %s", r.ContentType, r.Body)
	}

	w, err := pods.Watch(ctx, metav1.ListOptions{LabelSelector: LabelDriver + "=d", TimeoutSeconds: &timeout})
	if err != nil {
		t.Fatalf("watch: %v", err)
	}
	defer w.Stop()
	check("watch", http.MethodGet, base, map[string]string{"watch": "true", "labelSelector": LabelDriver + "=d", "timeoutSeconds": "30"})
	var got []string
	for ev := range w.ResultChan() {
		switch o := ev.Object.(type) {
		case *corev1.Pod:
			got = append(got, string(ev.Type)+" "+o.Name)
		case *metav1.Status:
			got = append(got, string(ev.Type)+" "+string(o.Reason))
		default:
			t.Fatalf("watch event %v", ev)
		}
	}
	if strings.Join(got, ", ") != "ADDED w-1, MODIFIED w-1, DELETED w-1, ERROR Expired" {
		t.Fatalf("watch events %v", got)
	}
}

// API errors come back as Kubernetes' status errors, so that the manager tells them apart
// (apierrors.IsForbidden, IsNotFound, IsAlreadyExists), with the API server's message; an
// answer that is not a Status (a proxy's page) still says what happened; an API server that
// cannot be reached says where it was looked for.
func TestRESTPodClientErrors(t *testing.T) {
	answers := map[string]func() (int, any){
		"forbidden": func() (int, any) {
			return 403, status(403, metav1.StatusReasonForbidden,
				`pods is forbidden: User "system:serviceaccount:spark:sail" cannot create resource "pods" in API group "" in the namespace "spark"`)
		},
		"not found": func() (int, any) {
			return 404, status(404, metav1.StatusReasonNotFound, `pods "sail-drv" not found`)
		},
		"exists": func() (int, any) {
			return 409, status(409, metav1.StatusReasonAlreadyExists, `pods "w-1" already exists`)
		},
		"proxy": func() (int, any) { return 502, "upstream connect error" },
	}
	var mode string
	var mu sync.Mutex
	api := &apiServer{answer: func(apiRequest, http.ResponseWriter) (int, any) {
		mu.Lock()
		defer mu.Unlock()
		return answers[mode]()
	}}
	srv := httptest.NewServer(api)
	client, err := NewPodClient(&rest.Config{Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	pods := client(testNS)
	ctx := context.Background()
	set := func(m string) {
		mu.Lock()
		mode = m
		mu.Unlock()
	}

	set("forbidden")
	_, err = pods.Create(ctx, testPod("w-1"), metav1.CreateOptions{})
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), `cannot create resource "pods"`) {
		t.Errorf("403: %v", err)
	}
	_, err = pods.Watch(ctx, metav1.ListOptions{})
	if !apierrors.IsForbidden(err) {
		t.Errorf("403 on watch: %v", err)
	}
	set("not found")
	_, err = pods.Get(ctx, "sail-drv", metav1.GetOptions{})
	if !apierrors.IsNotFound(err) || !strings.Contains(err.Error(), `pods "sail-drv" not found`) {
		t.Errorf("404: %v", err)
	}
	if err := pods.Delete(ctx, "sail-drv", metav1.DeleteOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("404 on delete: %v", err)
	}
	set("exists")
	_, err = pods.Create(ctx, testPod("w-1"), metav1.CreateOptions{})
	if !apierrors.IsAlreadyExists(err) || !strings.Contains(err.Error(), `pods "w-1" already exists`) {
		t.Errorf("409: %v", err)
	}
	set("proxy")
	_, err = pods.List(ctx, metav1.ListOptions{})
	if err == nil || apierrors.ReasonForError(err) != metav1.StatusReasonInternalError && !strings.Contains(err.Error(), "upstream connect error") {
		t.Errorf("502: %v", err)
	}

	// Nobody listens any more.
	srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	for what, call := range map[string]func() error{
		"list":   func() error { _, err := pods.List(ctx, metav1.ListOptions{}); return err },
		"watch":  func() error { _, err := pods.Watch(ctx, metav1.ListOptions{}); return err },
		"create": func() error { _, err := pods.Create(ctx, testPod("w-1"), metav1.CreateOptions{}); return err },
	} {
		err := call()
		if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), host) {
			t.Errorf("%s with no API server: %v", what, err)
		}
	}
}

// writeCA writes the certificate of srv (a TLS test server) as a PEM file.
func writeCA(t *testing.T, path string, srv *httptest.Server) {
	t.Helper()
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// The in-cluster client: the API server from the service's variables over TLS verified
// with the cluster's CA certificate, the service account's token as the bearer token, and
// clear errors when any of it is missing or wrong.
func TestInClusterClient(t *testing.T) {
	api := &apiServer{answer: func(apiRequest, http.ResponseWriter) (int, any) {
		return 200, corev1.PodList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PodList"}}
	}}
	srv := httptest.NewUnstartedServer(api)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshake below
	srv.StartTLS()
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	host, port, _ := net.SplitHostPort(u.Host)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte("sa-token"), 0o600); err != nil {
		t.Fatal(err)
	}
	writeCA(t, filepath.Join(dir, "ca.crt"), srv)
	env := map[string]string{"KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": port}
	getenv := func(k string) string { return env[k] }
	list := func(dir string) error {
		t.Helper()
		cfg, err := inClusterConfig(dir, getenv)
		if err != nil {
			return err
		}
		client, err := NewPodClient(cfg)
		if err != nil {
			return err
		}
		_, err = client(testNS).List(context.Background(), metav1.ListOptions{})
		return err
	}
	if err := list(dir); err != nil {
		t.Fatal(err)
	}
	if r := api.last(t); r.Auth != "Bearer sa-token" || r.Path != "/api/v1/namespaces/"+testNS+"/pods" {
		t.Fatalf("request %+v", r)
	}
	// Another CA than the one that signed the server's certificate: the TLS handshake
	// fails, and says so. (Another directory: client-go caches transports by the CA's path.)
	wrong := t.TempDir()
	if err := os.WriteFile(filepath.Join(wrong, "ca.crt"), otherCA(t), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(wrong, "token"), []byte("sa-token"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := list(wrong); err == nil || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
		t.Fatalf("wrong CA: %v", err)
	}

	for _, tc := range []struct {
		name  string
		setup func() func()
		want  string
	}{
		{"not in a pod", func() func() {
			delete(env, "KUBERNETES_SERVICE_HOST")
			return func() { env["KUBERNETES_SERVICE_HOST"] = host }
		}, "KUBERNETES_SERVICE_HOST"},
		{"no token", func() func() {
			mustRename(t, filepath.Join(dir, "token"), filepath.Join(dir, "token.x"))
			return func() { mustRename(t, filepath.Join(dir, "token.x"), filepath.Join(dir, "token")) }
		}, "service account token"},
		{"no CA", func() func() {
			mustRename(t, filepath.Join(dir, "ca.crt"), filepath.Join(dir, "ca.x"))
			return func() { mustRename(t, filepath.Join(dir, "ca.x"), filepath.Join(dir, "ca.crt")) }
		}, "the cluster's CA certificate"},
		{"a CA that is not a certificate", func() func() {
			data, _ := os.ReadFile(filepath.Join(dir, "ca.crt"))
			_ = os.WriteFile(filepath.Join(dir, "ca.crt"), []byte("not a certificate"), 0o600)
			return func() { _ = os.WriteFile(filepath.Join(dir, "ca.crt"), data, 0o600) }
		}, "the cluster's CA certificate"},
	} {
		undo := tc.setup()
		_, err := inClusterConfig(dir, getenv)
		undo()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if tc.name == "not in a pod" && !errors.Is(err, rest.ErrNotInCluster) {
			t.Errorf("not in a pod: %v is not rest.ErrNotInCluster", err)
		}
	}
	// The token is re-read from its file (the kubelet rotates it).
	cfg, err := inClusterConfig(dir, getenv)
	if err != nil || cfg.BearerTokenFile != filepath.Join(dir, "token") || cfg.Host != "https://"+net.JoinHostPort(host, port) {
		t.Fatalf("config %+v %v", cfg, err)
	}
}

// otherCA is a self-signed CA certificate of its own, as PEM.
func otherCA(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "another cluster"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

// An API server that accepts requests and never answers does not stall the caller: every
// request, a watch's start included, fails after apiTimeout and says so.
func TestRESTPodClientSilentServer(t *testing.T) {
	defer func(d time.Duration) { apiTimeout = d }(apiTimeout)
	apiTimeout = 200 * time.Millisecond
	release := make(chan struct{})
	api := &apiServer{answer: func(apiRequest, http.ResponseWriter) (int, any) {
		<-release
		return 500, "too late"
	}}
	srv := httptest.NewServer(api)
	defer srv.Close()
	defer close(release)
	client, err := NewPodClient(&rest.Config{Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	pods := client(testNS)
	ctx := context.Background()
	for what, call := range map[string]func() error{
		"get":    func() error { _, err := pods.Get(ctx, "w-1", metav1.GetOptions{}); return err },
		"list":   func() error { _, err := pods.List(ctx, metav1.ListOptions{}); return err },
		"create": func() error { _, err := pods.Create(ctx, testPod("w-1"), metav1.CreateOptions{}); return err },
		"delete": func() error { return pods.Delete(ctx, "w-1", metav1.DeleteOptions{}) },
		"patch": func() error {
			_, err := pods.Patch(ctx, "w-1", types.StrategicMergePatchType, []byte("{}"), metav1.PatchOptions{}, "status")
			return err
		},
		"watch": func() error { _, err := pods.Watch(ctx, metav1.ListOptions{}); return err },
	} {
		done := make(chan error, 1)
		go func() { done <- call() }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "deadline exceeded") && !strings.Contains(err.Error(), "within 200ms") {
				t.Errorf("%s: %v", what, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no answer after 10s: the request waits forever", what)
		}
	}
}
