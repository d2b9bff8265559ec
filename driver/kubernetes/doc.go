// Package kubernetes holds the Kubernetes worker manager of cluster mode: a
// driver.WorkerManager that runs each worker as a pod (`sail worker`, configured by SAIL_*
// environment variables the caller builds from the one settings definition), owned by the
// driver pod (found through the downward API: POD_NAME, POD_NAMESPACE) so that Kubernetes
// removes the workers with the driver, built from an optional pod template file with our
// fields on top. It deletes pods when the driver stops a worker and when it is closed, and
// gives up on pods that do not start within the driver's worker launch timeout (image pull
// errors, unschedulable, crashed before starting), deleting them, so that no worker the
// driver stopped waiting for registers later. It marks the pods of the workers the driver
// registered with the condition ConditionRegistered (told by SetRegistered), which the worker
// pods list as a readiness gate: a worker pod is Ready once its worker can take tasks, which
// is what `sailctl up --kubernetes` waits for.
//
// The driver calls the manager from inside its actor through Perform effects; the manager
// only queues the request there, and one goroutine of its own talks to the API server. The
// package also names what the driver's own pod and sailctl's manifests share with it
// (labels, the container name, the downward-API variables).
//
// It imports k8s.io/api, apimachinery and client-go's rest package (not its clientset) and
// nothing of the driver's logic: the driver package itself stays free of client-go and I/O.
package kubernetes
