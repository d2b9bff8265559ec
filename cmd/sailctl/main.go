// Command sailctl starts, inspects and stops a sail cluster on this machine: a Spark
// Connect server in cluster mode (the driver) and `sail worker` processes that register with
// it. `sailctl up` returns once the server answers and every worker registered, printing the
// sc:// URL; the processes run detached, and what sailctl needs to find them again (PIDs,
// addresses) is kept in a state directory. `sailctl status` asks the driver over the actor
// remote; `sailctl down` stops the workers, then the server, and removes the state.
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

The state directory defaults to $XDG_STATE_HOME/sail (~/.local/state/sail).
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
	switch args[0] {
	case "up":
		err = up(args[1:], stdout, stderr)
	case "status":
		err = status(args[1:], stdout)
	case "down":
		err = down(args[1:], stdout)
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
