// Command sail runs the Spark Connect server (`sail spark server`) and, in cluster mode,
// workers (`sail worker`).
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sailgo/sail/cmd/settings"
)

const usage = `Usage:
  sail spark server [--ip 127.0.0.1] [--port 50051] [--config file.yaml] [flags]
  sail worker --driver HOST:PORT [--ip 127.0.0.1] [--slots N] [--id ID] [flags]

The server runs queries in-process (--mode local, the default), on workers it starts
as local processes (--mode local-cluster), or on workers started elsewhere that register
with its driver (--mode cluster; see sailctl).

Every flag can also be set in the YAML file or as a SAIL_* environment variable;
run "sail spark server --help" for the list.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) >= 2 && args[0] == "spark" && args[1] == "server":
		return serve(args[2:], stderr)
	case len(args) >= 1 && args[0] == "worker":
		return runWorker(args[1:], os.Stdout, stderr)
	case len(args) >= 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help"):
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
}

func serve(args []string, stderr io.Writer) int {
	cfg := defaultConfig()
	if _, err := settings.Load("sail spark server", cfg.Settings(), args, settings.Environ); err != nil {
		if err.Error() == "pflag: help requested" {
			return 0
		}
		fmt.Fprintln(stderr, "sail:", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel()}))
	srv, err := startServer(cfg, log)
	if err != nil {
		log.Error("cannot start the server", "err", err)
		return 1
	}
	// The address line is what scripts and tests wait for.
	fmt.Fprintf(os.Stdout, "Spark Connect server listening on %s\n", srv.Addr())
	if srv.cluster != nil {
		fmt.Fprintf(os.Stdout, "Cluster driver listening on %s\n", srv.cluster.Address())
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	select {
	case <-ctx.Done():
		log.Info("shutting down: cancelling queries and releasing sessions")
	case err := <-srv.Done():
		if err != nil {
			log.Error("server stopped", "err", err)
			return 1
		}
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(shutdownCtx)
	return 0
}
