// Package sparkconnect implements the gRPC service spark.connect.SparkConnectService: the
// ten RPCs, session leases from the SessionManager actor, reattachable ExecutePlan streams,
// Config, and errors in the form the PySpark client reads (gRPC status with a
// google.rpc.ErrorInfo carrying the error class, SQLSTATE and message parameters).
//
// It imports proto/connectpb, actors, sessions, sql/sparkerror, sql/sqlconf and sql/types
// (to map their errors); query work goes through
// the Engine interface it defines.
package sparkconnect
