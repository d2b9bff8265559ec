// Command sail-bench-duckdb is the DuckDB side of sail-bench: it reads JSON requests, one
// per line, on stdin and answers each with one JSON line on stdout (see duckdb.Request).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/sailgo/sail/bench/duckdb"
)

func main() {
	if err := duckdb.Serve(context.Background(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sail-bench-duckdb:", err)
		os.Exit(1)
	}
}
