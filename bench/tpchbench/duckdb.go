package tpchbench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// duckRequest and duckResponse are the JSON lines of bench/duckdb's protocol (that module
// is separate, so the main module does not import its types).
type duckRequest struct {
	Op          string   `json:"op"`
	Data        string   `json:"data,omitempty"`
	Tables      []string `json:"tables,omitempty"`
	Threads     int      `json:"threads,omitempty"`
	MemoryLimit string   `json:"memory_limit,omitempty"`
	SQL         string   `json:"sql,omitempty"`
	Rows        bool     `json:"rows,omitempty"`
}

type duckResponse struct {
	Error   string     `json:"error,omitempty"`
	Seconds float64    `json:"seconds,omitempty"`
	Rows    [][]string `json:"rows,omitempty"`
	Count   int        `json:"count"`
	Version string     `json:"version,omitempty"`
}

// duckChild is the sail-bench-duckdb process.
type duckChild struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *json.Decoder
	enc *json.Encoder
}

func startDuck(binary string) (*duckChild, error) {
	cmd := exec.Command(binary)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &duckChild{cmd: cmd, in: in, enc: json.NewEncoder(in), out: json.NewDecoder(bufio.NewReader(out))}, nil
}

func (d *duckChild) call(req duckRequest) (duckResponse, error) {
	var resp duckResponse
	if err := d.enc.Encode(req); err != nil {
		return resp, fmt.Errorf("duckdb child: %w", err)
	}
	if err := d.out.Decode(&resp); err != nil {
		return resp, fmt.Errorf("duckdb child: %w", err)
	}
	if resp.Error != "" {
		return resp, errors.New(resp.Error)
	}
	return resp, nil
}

func (d *duckChild) pid() int { return d.cmd.Process.Pid }

func (d *duckChild) stop() {
	_ = d.in.Close()
	_ = d.cmd.Wait()
}
