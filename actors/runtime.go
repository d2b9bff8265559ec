package actors

import (
	"log/slog"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"google.golang.org/protobuf/proto"
)

// Response is what a local caller receives for a Reply: the message and its attachment.
type Response struct {
	Msg        proto.Message
	Attachment any
}

// Props wraps a Machine as a protoactor-go actor. Messages outside the machine's mailbox are
// logged and dropped; lifecycle messages of protoactor itself are ignored.
func Props(m Machine, log *slog.Logger) *actor.Props {
	mailbox := m.Mailbox()
	return actor.PropsFromProducer(func() actor.Actor {
		return &adapter{machine: m, mailbox: mailbox, log: log}
	})
}

type adapter struct {
	machine Machine
	mailbox Mailbox
	log     *slog.Logger
}

func (a *adapter) Receive(ctx actor.Context) {
	switch msg := ctx.Message().(type) {
	case actor.SystemMessage, actor.AutoReceiveMessage:
		return
	case proto.Message:
		if !a.mailbox.Accepts(msg) {
			a.log.Warn("actor dropped a message outside its mailbox",
				"actor", ctx.Self().GetId(), "type", string(msg.ProtoReflect().Descriptor().FullName()))
			return
		}
		for _, e := range a.machine.Handle(msg) {
			a.perform(ctx, e)
		}
	default:
		a.log.Warn("actor dropped a non-protobuf message", "actor", ctx.Self().GetId())
	}
}

func (a *adapter) perform(ctx actor.Context, e Effect) {
	switch e := e.(type) {
	case Reply:
		if ctx.Sender() != nil {
			ctx.Respond(Response{Msg: e.Msg, Attachment: e.Attachment})
		}
	case After:
		self, root := ctx.Self(), ctx.ActorSystem().Root
		time.AfterFunc(e.Delay, func() { root.Send(self, e.Msg) })
	case Perform:
		if e.Do != nil {
			e.Do()
		}
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
