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
	"strconv"
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
//
// The node's address (what its actors' PIDs carry and peers send to) is fixed before the
// remote starts: protoactor spawns its own actors (the endpoint supervisor above all) under
// the address it has at that moment, and a PID whose address is not the node's own is sent
// over the network. A node that listens on every interface, or advertises another host, and
// was asked for any free port therefore reserves the port first, so its advertised address
// carries the port it really listens on (renaming the node after the start sent the
// endpoint supervisor's own requests to itself as a remote peer, which never answered: the
// first send deadlocked).
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
	var lastErr error
	for range reserveAttempts {
		port, reserved := cfg.Port, false
		if cfg.Port == 0 && needsPort(cfg.Host, cfg.AdvertisedHost) {
			p, err := reservePort(cfg.Host)
			if err != nil {
				return nil, startError{err}
			}
			port, reserved = p, true
		}
		n, err := startAt(cfg, port, logger)
		if err == nil {
			return n, nil
		}
		lastErr = err
		// Another process took the reserved port in the meantime: reserve another.
		if !reserved || !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	return nil, lastErr
}

// reserveAttempts bounds the retries of a start whose reserved port was taken.
const reserveAttempts = 5

// startAt starts a node listening on cfg.Host and port (0: any free port, only when the
// node's address is the listening address).
func startAt(cfg Config, port int, logger *slog.Logger) (*Node, error) {
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
	listenHost := BareHost(cfg.Host)
	if addr := nodeAddress(listenHost, port, cfg.AdvertisedHost); addr != "" {
		opts = append(opts, remote.WithAdvertisedHost(addr))
		// Peers may name this node by another address that reaches the same listener
		// (127.0.0.1 for a node advertising its network address, or the listening address
		// itself): messages sent to those are this node's, not a peer's to forward to
		// (which would send them round in a loop). This resolver comes before the
		// remote's own, which takes every other address.
		aliases := selfAddresses(listenHost, port, addr)
		sys.ProcessRegistry.RegisterAddressResolver(func(pid *actor.PID) (actor.Process, bool) {
			if !aliases[pid.Address] {
				return nil, false
			}
			p, _ := sys.ProcessRegistry.GetLocal(pid.Id)
			return p, true
		})
	}
	// protoactor formats its listening address as host:port, so an IPv6 host is bracketed.
	r := remote.NewRemote(sys, remote.Configure(bracketHost(listenHost), port, opts...))
	if err := start(r); err != nil {
		return nil, err
	}
	return &Node{System: sys, Remote: r}, nil
}

// needsPort reports whether a node listening on host, advertising advertised, must know its
// port before it starts: its address differs from the listening one and takes its port.
func needsPort(host, advertised string) bool {
	if isHostPort(advertised) {
		return false
	}
	return advertised != "" || isUnspecified(BareHost(host))
}

// reservePort finds a free port on host: listen on port 0 and close again.
func reservePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(BareHost(host), "0"))
	if err != nil {
		return 0, fmt.Errorf("failed to listen: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return 0, err
	}
	return port, nil
}

// nodeAddress is the address a node listening at listenHost:port names itself by, ""
// when that is the listening address as the listener reports it (a concrete host and no
// advertised one): the advertised address when it is a host:port, else the advertised host
// or, when none is given, a reachable host (ReachableHost), with the listening port.
func nodeAddress(listenHost string, port int, advertised string) string {
	if isHostPort(advertised) {
		return advertised
	}
	if advertised == "" {
		if !isUnspecified(listenHost) {
			return ""
		}
		advertised = ReachableHost()
	}
	return net.JoinHostPort(BareHost(advertised), strconv.Itoa(port))
}

// selfAddresses is every address peers may use for a node named addr listening at
// listenHost:port: addr, the listening address and, for a node listening on every
// interface, the loopback and this machine's own addresses and names with the port.
func selfAddresses(listenHost string, port int, addr string) map[string]bool {
	p := strconv.Itoa(port)
	set := map[string]bool{addr: true, net.JoinHostPort(listenHost, p): true}
	if !isUnspecified(listenHost) {
		return set
	}
	hosts := []string{"0.0.0.0", "::", "127.0.0.1", "::1", "localhost"}
	if h, err := os.Hostname(); err == nil && h != "" {
		hosts = append(hosts, h)
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				hosts = append(hosts, n.IP.String())
			}
		}
	}
	for _, h := range hosts {
		set[net.JoinHostPort(h, p)] = true
	}
	return set
}

// isHostPort reports whether s is a host:port.
func isHostPort(s string) bool {
	_, _, err := net.SplitHostPort(s)
	return err == nil
}

// isUnspecified reports whether host (without brackets) names every interface.
func isUnspecified(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

// BareHost is host without the brackets of an IPv6 literal ("[::]" is "::").
func BareHost(host string) string {
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		return host[1 : len(host)-1]
	}
	return host
}

// bracketHost brackets an IPv6 literal host, which host:port formats need.
func bracketHost(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// AdvertiseHost is the host peers should use for a service listening on listenHost: the
// listening host itself when it is concrete, else ReachableHost().
func AdvertiseHost(listenHost string) string {
	bare := BareHost(listenHost)
	if bare != "" && !isUnspecified(bare) {
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
