// Package transport holds what crosses the wire: the Spark Connect gRPC service
// (transport/sparkconnect), Arrow IPC encoding of result batches (transport/arrowbatch), and
// later the Arrow Flight data plane of cluster mode. It imports nothing itself.
package transport
