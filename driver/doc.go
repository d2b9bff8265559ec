// Package driver holds cluster mode's Driver actor: one worker pool shared by all sessions,
// jobs as DAGs of stages (cut from the physical plan at exchanges by driver/jobgraph), tasks
// per partition scheduled on worker slots round-robin between jobs, retries up to
// spark.task.maxFailures, recovery from lost workers (running tasks retried, map outputs
// still needed recomputed), cancellation, and the final stage's output locations reported to
// the submitter, who fetches them over Flight. The logic (Driver) is a deterministic
// actors.Machine, replayed from testdata/actors/driver; runtime.go runs it on a protoactor
// remote node. Local mode runs plans in sessions/executor instead.
package driver
