package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/google/uuid"

	"github.com/sailgo/sail/actors/remoting"
	"github.com/sailgo/sail/cmd/settings"
	"github.com/sailgo/sail/driver"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/transport/flight"
	"github.com/sailgo/sail/worker"

	// File scans in task plans are rebuilt by the scan decoder physical/source registers.
	_ "github.com/sailgo/sail/physical/source"
)

// workerConfig is everything `sail worker` can be told.
type workerConfig struct {
	DriverAddress  string
	Host           string
	Port           int
	FlightPort     int
	AdvertisedHost string
	Slots          int
	ID             string
	MemoryLimit    string
	SpillDir       string
	PprofAddress   string
	Log            string
}

func defaultWorkerConfig() *workerConfig {
	return &workerConfig{Host: "127.0.0.1", Slots: max(runtime.NumCPU(), 2), MemoryLimit: "25%", Log: "info"}
}

func (c *workerConfig) Settings() []settings.Setting {
	return []settings.Setting{
		{Key: "worker.driver_address", Flag: "driver", Usage: "host:port of the driver's actor remote (the server prints it)", Target: &c.DriverAddress},
		{Key: "worker.listen_host", Flag: "ip", Usage: "address the worker's actor remote and Flight server listen on", Target: &c.Host},
		{Key: "worker.listen_port", Flag: "port", Usage: "port of the worker's actor remote (0: any free port)", Target: &c.Port},
		{Key: "worker.flight_port", Flag: "flight-port", Usage: "port of the worker's Arrow Flight server (0: any free port)", Target: &c.FlightPort},
		{Key: "worker.advertised_host", Flag: "advertised-host", Usage: "host the driver and other workers reach this worker at (empty: the listen host when concrete, else this machine's address)", Target: &c.AdvertisedHost},
		{Key: "worker.task_slots", Flag: "slots", Usage: "tasks the worker runs at once", Target: &c.Slots},
		{Key: "worker.id", Flag: "id", Usage: "the worker's id (empty: a random one)", Target: &c.ID},
		{Key: "worker.shuffle_memory_limit", Flag: "memory-limit", Usage: "memory the shuffle store holds task outputs in before spilling, e.g. 2g or 25% (0: no limit)", Target: &c.MemoryLimit},
		{Key: "execution.spill_dir", Flag: "spill-dir", Usage: "directory for spilled task outputs (empty: the system's temporary directory)", Target: &c.SpillDir},
		{Key: "debug.pprof_address", Flag: "pprof", Usage: "serve Go profiles on this address (empty: off)", Target: &c.PprofAddress},
		{Key: "log.level", Flag: "log-level", Usage: "debug, info, warn or error", Target: &c.Log},
	}
}

// runWorker is `sail worker`: an actor remote with the Worker actor, which registers with
// the driver, and the Flight server of its task outputs. It runs until the driver tells it
// to stop (or rejects it) or the process is signalled.
func runWorker(args []string, stdout, stderr io.Writer) int {
	cfg := defaultWorkerConfig()
	if _, err := settings.Load("sail worker", cfg.Settings(), args, settings.Environ); err != nil {
		if err.Error() == "pflag: help requested" {
			return 0
		}
		fmt.Fprintln(stderr, "sail worker:", err)
		return 2
	}
	level := (&config{Log: cfg.Log}).LogLevel()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if cfg.DriverAddress == "" {
		fmt.Fprintln(stderr, "sail worker: --driver (SAIL_WORKER__DRIVER_ADDRESS) is required")
		return 2
	}
	if cfg.ID == "" {
		cfg.ID = uuid.NewString()[:8]
	}
	log = log.With("worker", cfg.ID)
	limit, err := memory.ParseLimit(cfg.MemoryLimit)
	if err != nil {
		fmt.Fprintln(stderr, "sail worker:", err)
		return 2
	}
	if cfg.PprofAddress != "" {
		if _, err := startPprof(cfg.PprofAddress, log); err != nil {
			log.Error("pprof", "err", err)
			return 1
		}
	}
	node, err := remoting.Start(remoting.Config{Host: cfg.Host, Port: cfg.Port, AdvertisedHost: cfg.AdvertisedHost, Logger: quietLogger(level)})
	if err != nil {
		log.Error("cannot start the actor remote", "err", err)
		return 1
	}
	defer node.Stop()
	if limit <= 0 {
		limit = 1 << 62
	}
	store := flight.NewStore(flight.StoreOptions{MemoryLimit: limit, Dir: cfg.SpillDir})
	defer store.Close()
	// The Flight server starts after the remote, which resets gRPC's process-wide logger.
	srv, err := flight.NewServer(store, net.JoinHostPort(remoting.BareHost(cfg.Host), fmt.Sprint(cfg.FlightPort)))
	if err != nil {
		log.Error("cannot start the Flight server", "err", err)
		return 1
	}
	defer srv.Stop()
	_, port, _ := net.SplitHostPort(srv.Addr())
	advertised := cfg.AdvertisedHost
	if h, _, err := net.SplitHostPort(advertised); err == nil {
		advertised = h
	}
	flightAddr := net.JoinHostPort(remoting.BareHost(remoting.AdvertiseHost(firstNonEmpty(advertised, cfg.Host))), port)
	client := flight.NewClient(nil)
	defer client.Close()
	stopped := make(chan string, 1)
	runner := worker.FlightRunner{Data: &flight.Worker{Store: store, Addr: flightAddr, Client: client}}
	_, err = worker.Spawn(node, worker.Config{
		WorkerID: cfg.ID, Driver: &controlpb.ActorRef{Address: cfg.DriverAddress, Id: driver.ActorName},
		FlightAddress: flightAddr, Slots: cfg.Slots,
	}, runner, store, func(reason string) {
		select {
		case stopped <- reason:
		default:
		}
	}, log)
	if err != nil {
		log.Error("cannot start the worker actor", "err", err)
		return 1
	}
	fmt.Fprintf(stdout, "Worker %s at %s (Flight %s), driver %s\n", cfg.ID, node.Address(), flightAddr, cfg.DriverAddress)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	select {
	case reason := <-stopped:
		log.Info("worker stopping", "reason", reason)
	case <-ctx.Done():
		log.Info("worker stopping on a signal")
	}
	return 0
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
