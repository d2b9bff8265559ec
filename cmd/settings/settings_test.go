package settings

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

type serverSettings struct {
	IP          string
	Port        int
	IdleTimeout time.Duration
}

func table(c *serverSettings) []Setting {
	return []Setting{
		{Key: "server.ip", Flag: "ip", Usage: "address", Target: &c.IP},
		{Key: "server.port", Flag: "port", Usage: "port", Target: &c.Port},
		{Key: "session.idle_timeout", Usage: "idle", Target: &c.IdleTimeout},
	}
}

func TestPriorityDefaultsFileEnvFlags(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sail.yaml")
	if err := os.WriteFile(file, []byte("server:\n  ip: 0.0.0.0\n  port: 1000\nsession:\n  idle_timeout: 1m\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SAIL_SERVER__PORT": "2000"}
	c := serverSettings{IP: "127.0.0.1", Port: 50051, IdleTimeout: 15 * time.Minute}
	rest, err := Load("sail", table(&c), []string{"--config", file, "--ip", "10.0.0.1", "extra"}, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	if c.IP != "10.0.0.1" || c.Port != 2000 || c.IdleTimeout != time.Minute {
		t.Fatalf("got %+v: want flag ip, env port, file timeout", c)
	}
	if len(rest) != 1 || rest[0] != "extra" {
		t.Fatalf("rest = %v", rest)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("server:\n  prot: 1\n"), 0o600)
	c := serverSettings{}
	none := func(string) (string, bool) { return "", false }
	if _, err := Load("sail", table(&c), []string{"--config", bad}, none); err == nil {
		t.Fatal("an unknown key in the file must be an error")
	}
	env := func(k string) (string, bool) { return "abc", k == "SAIL_SERVER__PORT" }
	if _, err := Load("sail", table(&c), nil, env); err == nil {
		t.Fatal("a non-integer port must be an error")
	}
	if _, err := Load("sail", table(&c), []string{"--nope"}, none); err == nil {
		t.Fatal("an unknown flag must be an error")
	}
	if EnvName("session.idle_timeout") != "SAIL_SESSION__IDLE_TIMEOUT" {
		t.Fatal(EnvName("session.idle_timeout"))
	}
}
