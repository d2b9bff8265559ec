package actors

import (
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// echo is a machine for testing the replay harness itself: it answers a string with the
// string, and an int with a delayed self-message.
type echo struct{}

func (echo) Mailbox() Mailbox { return NewMailbox(&wrapperspb.StringValue{}, &wrapperspb.Int64Value{}) }
func (echo) Handle(m proto.Message) []Effect {
	switch m := m.(type) {
	case *wrapperspb.StringValue:
		return []Effect{Reply{Msg: m}}
	case *wrapperspb.Int64Value:
		return []Effect{After{Delay: time.Duration(m.Value) * time.Second, Msg: m}, Perform{Name: "tick"}}
	}
	return nil
}

func TestReplayMatchesAndReportsMismatches(t *testing.T) {
	good := `
> google.protobuf.StringValue "a"
reply google.protobuf.StringValue "a"
> google.protobuf.Int64Value "3"
after 3s google.protobuf.Int64Value "3"
perform tick
`
	if errs := Replay(echo{}, strings.NewReader(good)); len(errs) != 0 {
		t.Fatalf("unexpected mismatches: %v", errs)
	}
	bad := `
> google.protobuf.StringValue "a"
reply google.protobuf.StringValue "b"
> google.protobuf.Int64Value "3"
after 4s google.protobuf.Int64Value "3"
> google.protobuf.BoolValue true
`
	errs := Replay(echo{}, strings.NewReader(bad))
	// wrong reply, wrong delay, an unexpected "perform tick", a message outside the mailbox
	if len(errs) != 4 {
		t.Fatalf("want 4 mismatches, got %d: %v", len(errs), errs)
	}
}
