// Package worker will hold cluster mode's Worker actor: registration with the driver,
// heartbeats, running tasks in slots, and an Arrow Flight server for task outputs. Nothing
// is here yet; it will import actors, physical, transport and proto.
package worker
