// Package runner replays Spark's SQL golden files against a sail server over Spark Connect
// and keeps score: it starts and restarts servers, creates the tables the golden files
// assume, runs each statement with a deadline, renders answers the way Spark's HiveResult
// does, compares them with Spark's (schema, rows under the harness's sorting rule, error
// class and SQLSTATE), runs the TPC-H queries against their expected answers, and writes the
// scoreboard. It may import cmd/conformance/golden, the Go test client
// (transport/sparkconnect/client), proto/connectpb, sql/types, sql/connect and
// physical/format, plus arrow-go; nothing of the server's internals.
package runner
