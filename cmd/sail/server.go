package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/cmd/settings"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/proto/sessionpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sessions/executor"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/transport/sparkconnect"
)

// config is everything `sail spark server` can be told.
type config struct {
	IP              string
	Port            int
	SessionTimeout  time.Duration
	MaxMessageBytes int
	TimeZone        string
	Log             string
	MemoryLimit     string
	SpillDir        string
	Warehouse       string
	PprofAddress    string
	Cluster         clusterConfig
}

func defaultConfig() *config {
	return &config{
		IP: "127.0.0.1", Port: 50051,
		SessionTimeout: 15 * time.Minute,
		// Spark's spark.connect.grpc.maxInboundMessageSize.
		MaxMessageBytes: 128 << 20,
		Log:             "info",
		MemoryLimit:     "60%",
		Warehouse:       "spark-warehouse",
		Cluster:         defaultClusterConfig(),
	}
}

// Settings lists the configurable fields once, for flags, environment and YAML alike.
func (c *config) Settings() []settings.Setting {
	return append([]settings.Setting{
		{Key: "server.ip", Flag: "ip", Usage: "address to listen on", Target: &c.IP},
		{Key: "server.port", Flag: "port", Usage: "port to listen on (0: any free port)", Target: &c.Port},
		{Key: "server.max_message_bytes", Flag: "max-message-bytes", Usage: "largest gRPC request accepted", Target: &c.MaxMessageBytes},
		{Key: "session.idle_timeout", Flag: "session-timeout", Usage: "close sessions idle this long (0: never)", Target: &c.SessionTimeout},
		{Key: "session.time_zone", Flag: "time-zone", Usage: "default spark.sql.session.timeZone (empty: the machine's zone)", Target: &c.TimeZone},
		{Key: "execution.memory_limit", Flag: "memory-limit", Usage: "memory each query may hold before it spills, e.g. 4g, or a share of the machine's memory, e.g. 60% (0: no limit)", Target: &c.MemoryLimit},
		{Key: "execution.spill_dir", Flag: "spill-dir", Usage: "directory for spill files (empty: the system's temporary directory)", Target: &c.SpillDir},
		{Key: "catalog.warehouse_dir", Flag: "warehouse", Usage: "directory of the persistent databases and tables (spark.sql.warehouse.dir; empty: in memory only)", Target: &c.Warehouse},
		{Key: "debug.pprof_address", Flag: "pprof", Usage: "serve Go profiles (/debug/pprof/) on this address, e.g. 127.0.0.1:6060 (empty: off)", Target: &c.PprofAddress},
		{Key: "log.level", Flag: "log-level", Usage: "debug, info, warn or error", Target: &c.Log},
	}, c.Cluster.settings()...)
}

func (c *config) LogLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(c.Log))); err != nil {
		return slog.LevelInfo
	}
	return l
}

// runningServer is a started server.
type runningServer struct {
	lis     net.Listener
	grpc    *grpc.Server
	system  *actor.ActorSystem
	manager *actor.PID
	done    chan error
	log     *slog.Logger
	cluster *clusterRuntime // nil in local mode
}

func startServer(cfg *config, log *slog.Logger) (*runningServer, error) {
	memoryLimit, err := memory.ParseLimit(cfg.MemoryLimit)
	if err != nil {
		return nil, err
	}
	tuneRuntime(memoryLimit, log)
	if err := cfg.Cluster.check(); err != nil {
		return nil, err
	}
	lis, err := net.Listen("tcp", net.JoinHostPort(cfg.IP, fmt.Sprint(cfg.Port)))
	if err != nil {
		return nil, err
	}
	if cfg.PprofAddress != "" {
		if _, err := startPprof(cfg.PprofAddress, log); err != nil {
			lis.Close()
			return nil, fmt.Errorf("pprof: %w", err)
		}
	}
	// protoactor logs through slog; its own chatter stays out of the server's log.
	system := actor.NewActorSystem(actor.WithLoggerFactory(func(*actor.ActorSystem) *slog.Logger {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}))
	var regOpts []sqlconf.Option
	if cfg.TimeZone != "" {
		regOpts = append(regOpts, sqlconf.WithSessionTimeZone(cfg.TimeZone))
	}
	// One catalog for the server: sessions share databases, tables and global views,
	// kept in the warehouse directory.
	shared := catalog.New()
	if cfg.Warehouse != "" {
		if err := shared.OpenWarehouse(cfg.Warehouse); err != nil {
			lis.Close()
			return nil, fmt.Errorf("warehouse %s: %w", cfg.Warehouse, err)
		}
		regOpts = append(regOpts, sqlconf.WithSettings(map[string]string{"spark.sql.warehouse.dir": "file:" + shared.Warehouse()}))
	}
	registry, err := sqlconf.NewRegistry(regOpts...)
	if err != nil {
		lis.Close()
		return nil, err
	}
	newSession := func(key *sessionpb.SessionKey, serverSideID string) *sessions.Session {
		return sessions.NewSession(key.GetUserId(), key.GetSessionId(), serverSideID, sqlconf.New(registry), shared.NewSession())
	}
	manager := sessions.NewManager(sessions.ManagerConfig{IdleTimeout: cfg.SessionTimeout}, newSession, nil)
	pid, err := system.Root.SpawnNamed(actors.Props(manager, log), "session-manager")
	if err != nil {
		lis.Close()
		return nil, err
	}
	// The cluster's actor remote starts before any gRPC server or client of this process:
	// protoactor's Remote.Start replaces gRPC's process-wide logger.
	var cluster *clusterRuntime
	if cfg.Cluster.Mode != modeLocal {
		if cluster, err = startCluster(cfg, log); err != nil {
			lis.Close()
			return nil, err
		}
	}
	opts := append(sparkconnect.ServerOptions(log),
		grpc.MaxRecvMsgSize(cfg.MaxMessageBytes),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
	)
	g := grpc.NewServer(opts...)
	exec := executor.New(log)
	exec.MemoryLimit, exec.SpillDir = memoryLimit, cfg.SpillDir
	if cluster != nil {
		exec.Cluster = cluster.runner
	}
	sparkconnect.NewService(system.Root, pid, exec, log).Register(g)
	s := &runningServer{lis: lis, grpc: g, system: system, manager: pid, done: make(chan error, 1), log: log, cluster: cluster}
	go func() { s.done <- g.Serve(lis) }()
	return s, nil
}

func (s *runningServer) Addr() string       { return s.lis.Addr().String() }
func (s *runningServer) Done() <-chan error { return s.done }

// Shutdown releases every session (cancelling its queries), then stops gRPC: gracefully
// while ctx allows, then at once.
func (s *runningServer) Shutdown(ctx context.Context) {
	if _, err := actors.Ask(s.system.Root, s.manager, &sessionpb.CloseAllSessions{}, 5*time.Second); err != nil {
		s.log.Warn("closing sessions", "err", err)
	}
	stopped := make(chan struct{})
	go func() { s.grpc.GracefulStop(); close(stopped) }()
	select {
	case <-stopped:
	case <-ctx.Done():
		s.grpc.Stop()
	}
	if s.cluster != nil {
		s.cluster.stop()
	}
	s.system.Shutdown()
}
