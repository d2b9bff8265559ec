package main

import (
	"io"
	"log/slog"
	"net/http"
	"testing"
)

func TestPprofServesProfilesOnlyUnderDebugPath(t *testing.T) {
	lis, err := startPprof("127.0.0.1:0", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer lis.Close()
	get := func(path string) int {
		resp, err := http.Get("http://" + lis.Addr().String() + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("/debug/pprof/cmdline"); code != http.StatusOK {
		t.Errorf("/debug/pprof/cmdline: status %d", code)
	}
	if code := get("/"); code != http.StatusNotFound {
		t.Errorf("/: status %d, want 404", code)
	}
}
