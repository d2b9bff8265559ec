// Package duckdb is the DuckDB side of sail-bench: a separate Go module (cgo, DuckDB's
// static library through github.com/duckdb/duckdb-go/v2) so the main module never links
// DuckDB. The binary cmd/sail-bench-duckdb speaks the JSON-lines protocol of Serve; the
// main tool runs it as a child process.
package duckdb
