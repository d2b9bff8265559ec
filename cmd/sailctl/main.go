// Command sailctl starts, inspects and stops a sail cluster on this machine: a Spark
// Connect server in cluster mode (the driver) and `sail worker` processes that register with
// it. `sailctl up` returns once the server answers and every worker registered, printing the
// sc:// URL; the processes run detached, and what sailctl needs to find them again (PIDs,
// addresses) is kept in a state directory. `sailctl status` asks the driver over the actor
// remote; `sailctl down` stops the workers, then the server, and removes the state.
//
// With --kubernetes the cluster runs on Kubernetes instead (kubernetes.go): `up` creates the
// driver's Deployment, Service, service account and role with client-go, the driver starts
// the worker pods itself and `up` returns once the driver marked every initial worker's pod
// registered (driver/kubernetes.ConditionRegistered), and `status` and `down` find the
// objects by label; `sailctl manifests` prints the same objects as YAML.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `Usage:
  sailctl up     [--workers N] [--slots S] [--port P] [--ip HOST] [--sail PATH] [--state-dir DIR]
  sailctl status [--state-dir DIR]
  sailctl down   [--state-dir DIR]

  sailctl up     --kubernetes [-n NAMESPACE] [--image IMAGE] [--workers N] [--slots S] [--name NAME] [--dry-run]
  sailctl status --kubernetes [-n NAMESPACE] [--name NAME]
  sailctl down   --kubernetes [-n NAMESPACE] [--name NAME]
  sailctl manifests [-n NAMESPACE] [--image IMAGE] [--workers N] [--slots S] [--name NAME]

The state directory defaults to $XDG_STATE_HOME/sail (~/.local/state/sail). On Kubernetes
the kubeconfig is --kubeconfig, else $KUBECONFIG, else ~/.kube/config; "sailctl up
--kubernetes --help" lists every flag.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	kube := kubernetesFlag(args[1:])
	switch args[0] {
	case "up":
		if kube {
			err = kubeUpCmd(args[1:], stdout)
		} else {
			err = up(args[1:], stdout, stderr)
		}
	case "status":
		if kube {
			err = kubeStatusCmd(args[1:], stdout)
		} else {
			err = status(args[1:], stdout)
		}
	case "down":
		if kube {
			err = kubeDownCmd(args[1:], stdout)
		} else {
			err = down(args[1:], stdout)
		}
	case "manifests":
		err = manifestsCmd(args[1:], stdout)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
	if err != nil {
		if err == errHelp {
			return 0
		}
		fmt.Fprintln(stderr, "sailctl:", err)
		return 1
	}
	return 0
}
