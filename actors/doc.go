// Package actors runs deterministic state machines as protoactor-go actors.
//
// A Machine accepts a closed set of protobuf messages (its mailbox) and answers each with a
// list of Effects: a reply to the sender, a message to itself after a delay, a side effect on
// the outside world. The Machine never reads a clock or does I/O itself, so a recorded
// sequence of messages replays to the same effects (see Replay). The runtime adapter here
// performs the effects with protoactor-go.
//
// It imports protoactor-go and protobuf, nothing of the project.
package actors
