package actors

import (
	"bytes"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// peer is a machine exercising the effects beyond replies: a message to another actor, work
// in a goroutine, and a state the replay can check.
type peer struct{ seen []string }

func (p *peer) Mailbox() Mailbox { return NewMailbox(&wrapperspb.StringValue{}) }

func (p *peer) Handle(m proto.Message) []Effect {
	s := m.(*wrapperspb.StringValue).Value
	p.seen = append(p.seen, s)
	return []Effect{
		Send{Address: "10.0.0.2:7000", ID: "worker-1", Msg: wrapperspb.String("to " + s)},
		Spawn{Name: "work", Detail: wrapperspb.String(s)},
	}
}

func (p *peer) State() proto.Message { return wrapperspb.String(strings.Join(p.seen, ",")) }

func TestReplaySendSpawnStateAndDropped(t *testing.T) {
	good := `
# strings with spaces survive the round trip
> google.protobuf.StringValue "a b"
send 10.0.0.2:7000/worker-1 google.protobuf.StringValue "to a b"
spawn work google.protobuf.StringValue "a b"
state google.protobuf.StringValue "a b"
> google.protobuf.BoolValue true
dropped
> google.protobuf.StringValue "c"
send 10.0.0.2:7000/worker-1 google.protobuf.StringValue "to c"
spawn work google.protobuf.StringValue "c"
state google.protobuf.StringValue "a b,c"
`
	if errs := Replay(&peer{}, strings.NewReader(good)); len(errs) != 0 {
		t.Fatalf("unexpected mismatches: %v", errs)
	}
	bad := `
> google.protobuf.StringValue "a"
send 10.0.0.3:7000/worker-1 google.protobuf.StringValue "to a"
spawn other google.protobuf.StringValue "a"
state google.protobuf.StringValue "b"
> google.protobuf.BoolValue true
> google.protobuf.StringValue "c"
dropped
`
	errs := Replay(&peer{}, strings.NewReader(bad))
	// wrong address, wrong spawn name, wrong state, an unannounced drop, "dropped" where a
	// send came, and the spawn left over
	if len(errs) != 6 {
		t.Fatalf("want 6 mismatches, got %d: %v", len(errs), errs)
	}
}

func TestRewriteFillsInEffectsAndState(t *testing.T) {
	in := `# header kept
> google.protobuf.StringValue "x"
stale line replaced
state google.protobuf.StringValue "?"
> google.protobuf.BoolValue true
`
	got, err := Rewrite(&peer{}, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `# header kept
> google.protobuf.StringValue "x"
send 10.0.0.2:7000/worker-1 google.protobuf.StringValue "to x"
spawn work google.protobuf.StringValue "x"
state google.protobuf.StringValue "x"
> google.protobuf.BoolValue true
dropped
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if errs := Replay(&peer{}, strings.NewReader(got)); len(errs) != 0 {
		t.Fatalf("the rewritten file does not replay: %v", errs)
	}
}

func TestRecorderWritesReplayFormat(t *testing.T) {
	var buf bytes.Buffer
	r := &recorder{w: &buf}
	m := &peer{}
	msg := wrapperspb.String("r")
	r.write(msg, m.Handle(msg))
	r.write(wrapperspb.Bool(true), []Effect{dropped{}})
	if errs := Replay(&peer{}, strings.NewReader(buf.String())); len(errs) != 0 {
		t.Fatalf("the recording does not replay: %v\n%s", errs, buf.String())
	}
}
