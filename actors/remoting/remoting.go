// Package remoting starts a protoactor-go actor system with remote messaging configured for
// the cluster: gRPC keepalives, message-size limits that fit encoded plans, and every control
// message type linked in. protoactor-go's remote (the version on the module proxy) crashes a
// receiver on a message type the binary does not link, so every binary that talks to the
// cluster starts its remote through this package, which imports all control types.
package remoting

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"github.com/asynkron/protoactor-go/remote"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"

	// Every control message type, linked into every binary (see the package comment).
	_ "github.com/sailgo/sail/proto/controlpb"
	_ "github.com/sailgo/sail/proto/sessionpb"
)

// Config holds the remote's settings.
type Config struct {
	// Host and Port to listen on; port 0 picks a free one (the real address is Address()).
	Host string
	Port int
	// AdvertisedHost is the host (or host:port) peers use to reach this node, when it differs
	// from the listening address (containers, NAT). A host alone takes the listening port.
	// Empty: the listening host when it is concrete, else ReachableHost(): a node never
	// advertises 0.0.0.0 or [::].
	AdvertisedHost string
	// MaxMessageBytes bounds one gRPC message between nodes, in both directions. protoactor
	// batches several actor messages into one gRPC message, so it must fit a batch of RunTask
	// messages with their plans. Default 256 MiB.
	MaxMessageBytes int
	// Keepalive is how often an idle connection is pinged; KeepaliveTimeout how long a ping may
	// go unanswered before the connection is closed (and the endpoint reported terminated).
	// Defaults 10s and 20s.
	Keepalive        time.Duration
	KeepaliveTimeout time.Duration
	// Logger receives protoactor's logs; nil discards them.
	Logger *slog.Logger
}

// Node is a started actor system with its remote.
type Node struct {
	System *actor.ActorSystem
	Remote *remote.Remote
}

// startMu serializes remote starts: Remote.Start replaces gRPC's process-wide logger, which
// races with another remote starting in the same process (tests run several).
var startMu sync.Mutex

// Start builds an actor system and starts its remote.
func Start(cfg Config) (*Node, error) {
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if cfg.MaxMessageBytes <= 0 {
		cfg.MaxMessageBytes = 256 << 20
	}
	if cfg.Keepalive <= 0 {
		cfg.Keepalive = 10 * time.Second
	}
	if cfg.KeepaliveTimeout <= 0 {
		cfg.KeepaliveTimeout = 20 * time.Second
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	sys := actor.NewActorSystem(actor.WithLoggerFactory(func(*actor.ActorSystem) *slog.Logger { return logger }))
	opts := []remote.ConfigOption{
		remote.WithServerOptions(
			grpc.MaxRecvMsgSize(cfg.MaxMessageBytes),
			grpc.MaxSendMsgSize(cfg.MaxMessageBytes),
			grpc.KeepaliveParams(keepalive.ServerParameters{Time: cfg.Keepalive, Timeout: cfg.KeepaliveTimeout}),
			grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: cfg.Keepalive / 2, PermitWithoutStream: true}),
		),
		// WithDialOptions replaces protoactor's defaults, so the transport credentials come back.
		remote.WithDialOptions(
			grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: cfg.Keepalive, Timeout: cfg.KeepaliveTimeout, PermitWithoutStream: true}),
			grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(cfg.MaxMessageBytes), grpc.MaxCallSendMsgSize(cfg.MaxMessageBytes)),
		),
		remote.WithCallOptions(grpc.MaxCallRecvMsgSize(cfg.MaxMessageBytes), grpc.MaxCallSendMsgSize(cfg.MaxMessageBytes)),
		// Smaller batches keep one gRPC message (a batch of actor messages) under the limit.
		remote.WithEndpointWriterBatchSize(64),
	}
	if _, _, err := net.SplitHostPort(cfg.AdvertisedHost); err == nil {
		opts = append(opts, remote.WithAdvertisedHost(cfg.AdvertisedHost))
	}
	r := remote.NewRemote(sys, remote.Configure(cfg.Host, cfg.Port, opts...))
	if err := start(r); err != nil {
		return nil, err
	}
	// Before any actor exists, name the node by a reachable host with the port it got.
	sys.ProcessRegistry.Address = nodeAddress(sys.ProcessRegistry.Address, cfg.AdvertisedHost)
	return &Node{System: sys, Remote: r}, nil
}

// nodeAddress is the address a node started at listening (host:port, the port the
// listener got) names itself by: advertised when it is a host:port, else the advertised
// host or, when none is given, the listening host made reachable, with the listening port.
func nodeAddress(listening, advertised string) string {
	if _, _, err := net.SplitHostPort(advertised); err == nil {
		return advertised
	}
	host, port, err := net.SplitHostPort(listening)
	if err != nil {
		return listening
	}
	if advertised == "" {
		advertised = AdvertiseHost(host)
	}
	return net.JoinHostPort(advertised, port)
}

// AdvertiseHost is the host peers should use for a service listening on listenHost: the
// listening host itself when it is concrete, else ReachableHost().
func AdvertiseHost(listenHost string) string {
	bare := strings.TrimSuffix(strings.TrimPrefix(listenHost, "["), "]")
	if ip := net.ParseIP(bare); bare != "" && (ip == nil || !ip.IsUnspecified()) {
		return listenHost
	}
	return ReachableHost()
}

// ReachableHost is an address other machines can likely reach this one at: the first
// non-loopback unicast address of an up interface, else the hostname, else 127.0.0.1.
func ReachableHost() string {
	if ifaces, err := net.Interfaces(); err == nil {
		for _, iface := range ifaces {
			if iface.Flags&net.FlagUp == 0 || iface.Flags&net.FlagLoopback != 0 {
				continue
			}
			addrs, err := iface.Addrs()
			if err != nil {
				continue
			}
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && n.IP.IsGlobalUnicast() {
					return n.IP.String()
				}
			}
		}
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "127.0.0.1"
}

// start runs Remote.Start, which panics when it cannot listen, as an error.
func start(r *remote.Remote) (err error) {
	startMu.Lock()
	defer startMu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			err = fmtError(p)
		}
	}()
	r.Start()
	return nil
}

// Address is the node's actor address (host:port), as peers name it.
func (n *Node) Address() string { return n.System.Address() }

// OnEndpointTerminated calls f with the address of every peer endpoint that goes away.
// It returns a function that stops the subscription.
func (n *Node) OnEndpointTerminated(f func(address string)) func() {
	sub := n.System.EventStream.Subscribe(func(evt any) {
		if e, ok := evt.(*remote.EndpointTerminatedEvent); ok {
			f(e.Address)
		}
	})
	return func() { n.System.EventStream.Unsubscribe(sub) }
}

// Stop shuts the remote and the actor system down.
func (n *Node) Stop() {
	n.Remote.Shutdown(false)
	n.System.Shutdown()
}

type startError struct{ v any }

func (e startError) Error() string { return "starting the actor remote: " + fmt.Sprint(e.v) }

func fmtError(v any) error { return startError{v} }
