// Command conformance replays Spark's SQL golden files and the TPC-H queries against sail
// and writes the scoreboard (testdata/conformance/scoreboard.md and .json). Run from the
// project with ../shared beside it:
//
//	go run ./cmd/conformance                      # full run, rewrites the scoreboard
//	go run ./cmd/conformance --files 'array.sql,postgreSQL/*' --details /tmp/d.json
//	go run ./cmd/conformance --remote 127.0.0.1:50051 --files cast.sql
//	go run ./cmd/conformance --check              # full run, fails on a regression
//
// It may import its own packages (golden, runner) and pflag; the test of this package is
// CI's regression guard.
package main
