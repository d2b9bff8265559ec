// Package worker holds cluster mode's Worker actor: registration with the driver (whose
// address comes from configuration), heartbeats by delayed self-message, each task run in its
// own goroutine within the slot limit through an injected TaskRunner, task status reports
// with sequence numbers, stopping tasks, and dropping job outputs through an injected Store
// (the shuffle store behind the worker's Flight server, in transport/flight). The logic
// (Worker) is a deterministic actors.Machine, replayed from testdata/actors/worker.
package worker
