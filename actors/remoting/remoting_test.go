package remoting

import (
	"net"
	"testing"
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
	reachable := AdvertiseHost("")
	for _, c := range []struct{ listening, advertised, want string }{
		{"127.0.0.1:7000", "", "127.0.0.1:7000"},
		{"0.0.0.0:7000", "", net.JoinHostPort(reachable, "7000")},
		{"[::]:7000", "", net.JoinHostPort(reachable, "7000")},
		{"0.0.0.0:7000", "sail-driver.example", "sail-driver.example:7000"},
		{"0.0.0.0:7000", "sail-driver.example:80", "sail-driver.example:80"},
	} {
		if got := nodeAddress(c.listening, c.advertised); got != c.want {
			t.Errorf("nodeAddress(%q, %q) = %q, want %q", c.listening, c.advertised, got, c.want)
		}
	}
}

// A node listening on every interface names itself by a reachable host and its real port.
// (One remote per test process: protoactor's Start replaces gRPC's process-wide logger.)
func TestStartAdvertisesReachableAddress(t *testing.T) {
	n, err := Start(Config{Host: "0.0.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Stop()
	host, port, err := net.SplitHostPort(n.Address())
	if ip := net.ParseIP(host); err != nil || port == "0" || (ip != nil && ip.IsUnspecified()) {
		t.Fatalf("node address %q", n.Address())
	}
}
