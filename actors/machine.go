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

// Send delivers Msg to another actor, named by its protoactor address and id (a remote
// peer, or a local one when Address is empty or the runtime's own address).
type Send struct {
	Address string
	ID      string
	Msg     proto.Message
}

// Spawn runs Run in its own goroutine and delivers the message it returns to the machine
// itself (a task's completion, for example). Name and Detail describe it for replays; Run may
// be nil in a replay. Run must not touch the machine's state.
type Spawn struct {
	Name   string
	Detail proto.Message
	Run    func() proto.Message
}

func (Reply) effect()   {}
func (After) effect()   {}
func (Perform) effect() {}
func (Send) effect()    {}
func (Spawn) effect()   {}

// Stater is implemented by machines whose state can be checked in replays ("state" lines).
type Stater interface {
	State() proto.Message
}

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
	case Send:
		return "send " + e.Address + "/" + e.ID + " " + describeMessage(e.Msg)
	case Spawn:
		if e.Detail == nil {
			return "spawn " + e.Name
		}
		return "spawn " + e.Name + " " + describeMessage(e.Detail)
	case dropped:
		return "dropped"
	default:
		return fmt.Sprintf("unknown effect %T", e)
	}
}
