package actors

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"google.golang.org/protobuf/proto"
)

// Response is what a local caller receives for a Reply: the message and its attachment.
type Response struct {
	Msg        proto.Message
	Attachment any
}

// Option configures Props.
type Option func(*adapter)

// WithRecorder writes every message the actor receives and every effect it answers with to
// w, in the format Replay reads, so a run in a real cluster can be replayed as a test.
// Writes from several actors sharing w are serialized per line group.
func WithRecorder(w io.Writer) Option {
	return func(a *adapter) { a.rec = &recorder{w: w} }
}

// Props wraps a Machine as a protoactor-go actor. Messages outside the machine's mailbox are
// logged and dropped; lifecycle messages of protoactor itself are ignored.
func Props(m Machine, log *slog.Logger, opts ...Option) *actor.Props {
	mailbox := m.Mailbox()
	return actor.PropsFromProducer(func() actor.Actor {
		a := &adapter{machine: m, mailbox: mailbox, log: log}
		for _, o := range opts {
			o(a)
		}
		return a
	})
}

// WithOnStop calls f when the actor stops (to release what was set up around it).
func WithOnStop(f func()) Option {
	return func(a *adapter) { a.onStop = f }
}

type adapter struct {
	machine Machine
	mailbox Mailbox
	log     *slog.Logger
	rec     *recorder
	onStop  func()
}

type recorder struct {
	mu sync.Mutex
	w  io.Writer
}

func (r *recorder) write(msg proto.Message, effects []Effect) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.w, "> %s\n", describeMessage(msg))
	for _, e := range effects {
		fmt.Fprintln(r.w, Describe(e))
	}
}

func (a *adapter) Receive(ctx actor.Context) {
	switch msg := ctx.Message().(type) {
	case *actor.Stopped:
		if a.onStop != nil {
			a.onStop()
		}
		return
	case actor.SystemMessage, actor.AutoReceiveMessage:
		return
	case proto.Message:
		if !a.mailbox.Accepts(msg) {
			a.log.Warn("actor dropped a message outside its mailbox",
				"actor", ctx.Self().GetId(), "type", string(msg.ProtoReflect().Descriptor().FullName()))
			if a.rec != nil {
				a.rec.write(msg, []Effect{dropped{msg}})
			}
			return
		}
		effects := a.machine.Handle(msg)
		if a.rec != nil {
			a.rec.write(msg, effects)
		}
		for _, e := range effects {
			a.perform(ctx, e)
		}
	default:
		a.log.Warn("actor dropped a non-protobuf message", "actor", ctx.Self().GetId())
	}
}

func (a *adapter) perform(ctx actor.Context, e Effect) {
	switch e := e.(type) {
	case Reply:
		if sender := ctx.Sender(); sender != nil {
			if sender.GetAddress() != ctx.Self().GetAddress() {
				// A caller on another node gets the message itself: only protobuf messages
				// cross the remote, and an attachment is an in-process handle.
				ctx.Respond(e.Msg)
				return
			}
			ctx.Respond(Response{Msg: e.Msg, Attachment: e.Attachment})
		}
	case After:
		self, root := ctx.Self(), ctx.ActorSystem().Root
		time.AfterFunc(e.Delay, func() { root.Send(self, e.Msg) })
	case Perform:
		if e.Do != nil {
			e.Do()
		}
	case Send:
		addr := e.Address
		if addr == "" {
			addr = ctx.Self().GetAddress()
		}
		ctx.Send(actor.NewPID(addr, e.ID), e.Msg)
	case Spawn:
		if e.Run == nil {
			return
		}
		self, root := ctx.Self(), ctx.ActorSystem().Root
		go func() {
			if msg := e.Run(); msg != nil {
				root.Send(self, msg)
			}
		}()
	}
}

// Ask sends msg to pid and waits for its Reply.
func Ask(root *actor.RootContext, pid *actor.PID, msg proto.Message, timeout time.Duration) (Response, error) {
	res, err := root.RequestFuture(pid, msg, timeout).Result()
	if err != nil {
		return Response{}, err
	}
	r, _ := res.(Response)
	return r, nil
}
