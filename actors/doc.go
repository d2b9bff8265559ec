// Package actors runs deterministic state machines as protoactor-go actors.
//
// A Machine accepts a closed set of protobuf messages (its mailbox) and answers each with a
// list of Effects: a reply to the sender, a message to another actor, a message to itself
// after a delay, work in its own goroutine whose result comes back as a message, a side
// effect on the outside world. The Machine never reads a clock or does I/O itself, so a recorded
// sequence of messages replays to the same effects (see Replay, Rewrite, and actorstest for
// directories of replay files). The runtime adapter here performs the effects with
// protoactor-go and can record a real run in the replay format (WithRecorder); remoting
// starts the cross-process remote.
//
// It imports protoactor-go and protobuf, nothing of the project.
package actors
