package remoting

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sailgo/sail/proto/controlpb"
)

func TestAdvertiseHost(t *testing.T) {
	for _, h := range []string{"", "0.0.0.0", "::", "[::]"} {
		got := AdvertiseHost(h)
		if ip := net.ParseIP(got); got == "" || (ip != nil && ip.IsUnspecified()) || got == "[::]" {
			t.Errorf("AdvertiseHost(%q) = %q, not a reachable host", h, got)
		}
	}
	for _, h := range []string{"127.0.0.1", "10.1.2.3", "worker-3.sail.svc"} {
		if got := AdvertiseHost(h); got != h {
			t.Errorf("AdvertiseHost(%q) = %q, want the host itself", h, got)
		}
	}
}

func TestNodeAddress(t *testing.T) {
	reachable := ReachableHost()
	for _, c := range []struct {
		listen     string
		port       int
		advertised string
		want       string
	}{
		// A concrete listening host names the node as the listener reports it.
		{"127.0.0.1", 0, "", ""},
		{"127.0.0.1", 7000, "", ""},
		{"0.0.0.0", 7000, "", net.JoinHostPort(reachable, "7000")},
		{"::", 7000, "", net.JoinHostPort(reachable, "7000")},
		{"0.0.0.0", 7000, "sail-driver.example", "sail-driver.example:7000"},
		{"10.1.2.3", 7000, "sail-driver.example", "sail-driver.example:7000"},
		{"0.0.0.0", 7000, "sail-driver.example:80", "sail-driver.example:80"},
		{"0.0.0.0", 0, "sail-driver.example:80", "sail-driver.example:80"},
		{"::", 7000, "fd00::1", "[fd00::1]:7000"},
		{"::", 7000, "[fd00::1]", "[fd00::1]:7000"},
	} {
		if got := nodeAddress(c.listen, c.port, c.advertised); got != c.want {
			t.Errorf("nodeAddress(%q, %d, %q) = %q, want %q", c.listen, c.port, c.advertised, got, c.want)
		}
	}
}

// Which nodes must know their port before they start: those whose address is not the
// listener's own and takes the listening port.
func TestNeedsPort(t *testing.T) {
	for _, c := range []struct {
		host, advertised string
		want             bool
	}{
		{"127.0.0.1", "", false},
		{"0.0.0.0", "", true},
		{"[::]", "", true},
		{"::", "", true},
		{"0.0.0.0", "127.0.0.1", true},
		{"10.1.2.3", "sail-driver.example", true},
		{"0.0.0.0", "sail-driver.example:7077", false},
	} {
		if got := needsPort(c.host, c.advertised); got != c.want {
			t.Errorf("needsPort(%q, %q) = %v, want %v", c.host, c.advertised, got, c.want)
		}
	}
}

const (
	envPeer     = "SAIL_REMOTING_TEST_PEER_HOST"
	envPeerAdv  = "SAIL_REMOTING_TEST_PEER_ADVERTISED"
	peerStarted = "peer at "
)

// echo answers every ActorRef with itself and also sends it to the actor it names.
type echo struct{}

func (echo) Receive(ctx actor.Context) {
	if ref, ok := ctx.Message().(*controlpb.ActorRef); ok {
		ctx.Send(actor.NewPID(ref.GetAddress(), ref.GetId()), ref)
		ctx.Respond(ref)
	}
}

// TestPeerProcess is the body of the peer node the round-trip test starts as a child
// process (one remote per process: Remote.Start replaces gRPC's process-wide logger).
func TestPeerProcess(t *testing.T) {
	host := os.Getenv(envPeer)
	if host == "" {
		t.Skip("runs only as a child process of TestWildcardNodeRoundTrip")
	}
	n, err := Start(Config{Host: host, AdvertisedHost: os.Getenv(envPeerAdv)})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Stop()
	if _, err := n.System.Root.SpawnNamed(actor.PropsFromProducer(func() actor.Actor { return echo{} }), "echo"); err != nil {
		t.Fatal(err)
	}
	fmt.Println(peerStarted + n.Address())
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}

// startPeer runs a peer node listening on host in a child process and returns its address.
func startPeer(t *testing.T, host, advertised string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeerProcess$")
	cmd.Env = append(os.Environ(), envPeer+"="+host, envPeerAdv+"="+advertised)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), peerStarted); ok {
				addr <- rest
			}
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatalf("the peer on %q did not start: %s", host, stderr.String())
		}
		return a
	case <-time.After(30 * time.Second):
		t.Fatalf("the peer on %q did not start", host)
	}
	return ""
}

// A node listening on every interface with any free port and an advertised host names
// itself by that host and the port it really got, and its first send completes: the
// remote's own actors carry the node's address from the start (renaming the node after
// the start deadlocked the first send). A peer listening on every interface answers too,
// and a message a peer sends to this node under another of its names (localhost, the
// listening address) is delivered here rather than forwarded round in a loop.
// (One remote in the test process: Remote.Start replaces gRPC's process-wide logger.)
func TestWildcardNodeRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	n, err := Start(Config{Host: "0.0.0.0", AdvertisedHost: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Stop()
	host, port, err := net.SplitHostPort(n.Address())
	if err != nil || host != "127.0.0.1" || port == "0" {
		t.Fatalf("node address %q", n.Address())
	}
	got := make(chan string, 16)
	if _, err := n.System.Root.SpawnNamed(actor.PropsFromProducer(func() actor.Actor {
		return actor.ReceiveFunc(func(ctx actor.Context) {
			if ref, ok := ctx.Message().(*controlpb.ActorRef); ok {
				got <- ref.GetAddress()
			}
		})
	}), "sink"); err != nil {
		t.Fatal(err)
	}
	peers := map[string][2]string{"127.0.0.1": {"127.0.0.1", ""}, "0.0.0.0": {"0.0.0.0", "127.0.0.1"}}
	if l, err := net.Listen("tcp", "[::1]:0"); err == nil {
		l.Close()
		peers["::"] = [2]string{"::", "127.0.0.1"}
	}
	for name, p := range peers {
		t.Run(name, func(t *testing.T) {
			peer := startPeer(t, p[0], p[1])
			for _, self := range []string{n.Address(), net.JoinHostPort("localhost", port), net.JoinHostPort("0.0.0.0", port)} {
				ref := &controlpb.ActorRef{Address: self, Id: "sink"}
				answer := make(chan error, 1)
				go func() {
					res, err := n.System.Root.RequestFuture(actor.NewPID(peer, "echo"), ref, 10*time.Second).Result()
					if err == nil {
						if r, ok := res.(*controlpb.ActorRef); !ok || r.GetAddress() != self {
							err = fmt.Errorf("answer %v", res)
						}
					}
					answer <- err
				}()
				select {
				case err := <-answer:
					if err != nil {
						t.Fatalf("peer %s (asked to send to %s): %v", peer, self, err)
					}
				case <-time.After(20 * time.Second):
					t.Fatalf("the request to peer %s never completed: the send blocked", peer)
				}
				select {
				case a := <-got:
					if a != self {
						t.Fatalf("sink got %q, want %q", a, self)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("peer %s sent to this node as %s: nothing arrived", peer, self)
				}
			}
		})
	}
}
