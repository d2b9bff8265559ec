package actors

import (
	"fmt"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Effect is one thing a Machine asks its runtime to do after handling a message.
type Effect interface{ effect() }

// Reply answers the sender of the message being handled. Attachment carries an in-process
// handle to local callers (for example a session object); replays compare Msg only.
type Reply struct {
	Msg        proto.Message
	Attachment any
}

// After delivers Msg to the machine itself once Delay has passed: the way timeouts and
// periodic probes are expressed without a clock.
type After struct {
	Delay time.Duration
	Msg   proto.Message
}

// Perform runs Do on the outside world (closing a session, cancelling work). Name and
// Detail describe it for replays; Do may be nil in a replay.
type Perform struct {
	Name   string
	Detail proto.Message
	Do     func()
}

func (Reply) effect()   {}
func (After) effect()   {}
func (Perform) effect() {}

// Machine is an actor's logic: deterministic, fed one message at a time.
type Machine interface {
	// Mailbox lists the message types the machine accepts; anything else is dropped.
	Mailbox() Mailbox
	// Handle processes one message from the mailbox and returns what to do.
	Handle(msg proto.Message) []Effect
}

// Mailbox is a closed set of message types.
type Mailbox map[protoreflect.FullName]bool

// NewMailbox builds a mailbox from example messages of each accepted type.
func NewMailbox(msgs ...proto.Message) Mailbox {
	m := make(Mailbox, len(msgs))
	for _, msg := range msgs {
		m[msg.ProtoReflect().Descriptor().FullName()] = true
	}
	return m
}

// Accepts reports whether msg belongs to the mailbox.
func (m Mailbox) Accepts(msg proto.Message) bool {
	return msg != nil && m[msg.ProtoReflect().Descriptor().FullName()]
}

// Describe renders an effect in the replay format (see Replay).
func Describe(e Effect) string {
	switch e := e.(type) {
	case Reply:
		return "reply " + describeMessage(e.Msg)
	case After:
		return "after " + e.Delay.String() + " " + describeMessage(e.Msg)
	case Perform:
		if e.Detail == nil {
			return "perform " + e.Name
		}
		return "perform " + e.Name + " " + describeMessage(e.Detail)
	default:
		return fmt.Sprintf("unknown effect %T", e)
	}
}
