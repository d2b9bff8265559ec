// Package proto holds the project's protocol definitions: Spark Connect (package
// spark.connect, wire-compatible with Spark 4.0) under spark/connect, and the project's own
// control messages under sail. Generated Go lives in subpackages (connectpb, ...); run
// `go generate ./proto` after editing a .proto file. It imports nothing.
package proto

//go:generate bash generate.sh
