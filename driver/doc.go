// Package driver will hold cluster mode's Driver actor: the worker pool shared by all
// sessions, jobs cut into stages at exchanges, task scheduling, and results streamed from
// the final stage. Local mode runs plans in sessions/executor instead. Nothing is here yet;
// it will import actors, physical and proto.
package driver
