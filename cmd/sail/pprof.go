package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
)

// startPprof serves Go's profiles (/debug/pprof/...) on addr, for profiling a running
// server with `go tool pprof http://addr/debug/pprof/profile?seconds=10`. It has its own
// mux so nothing else the process registers is exposed, and it listens only when asked.
func startPprof(addr string, log *slog.Logger) (net.Listener, error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go func() {
		if err := http.Serve(lis, mux); err != nil {
			log.Debug("pprof server stopped", "err", err)
		}
	}()
	log.Info("serving profiles", "address", lis.Addr().String())
	return lis, nil
}
