// Package sessions holds Spark Connect sessions: the SessionManager actor's deterministic
// logic (Manager: create by user and session id, leases, idle expiry by a delayed
// self-message, release), the Session object (SQL conf, operations, recorded errors), and
// reattachable operations (Operation: a bounded response buffer that a client stream reads
// and can resume after a given response id). The engine that fills operations lives in
// sessions/executor. It imports actors, proto/sessionpb, proto/connectpb, sql/sqlconf,
// sql/catalog and sql/sparkerror.
package sessions
