package actors

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// Replay feeds a recorded event sequence to a machine and checks the effects it answers
// with. The format is line based:
//
//	# a comment
//	> sail.sessions.AcquireSession {"key":{"userId":"u"},"create":true}
//	reply sail.sessions.SessionInfo {"serverSideSessionId":"s-1"}
//	after 15m0s sail.sessions.ProbeIdleSession {"serverSideSessionId":"s-1"}
//	perform close-session sail.sessions.SessionInfo {...}
//
// A line starting with ">" is a message delivered to the machine; the lines after it, up to
// the next ">", are the effects expected, in order. Messages are protobuf JSON and are
// compared as messages, so field order and spacing do not matter. It returns one error per
// mismatch, naming the line.
//
// More lines: "send <address>/<id> <message>" is a message to another actor;
// "spawn <name> [<message>]" work started in its own goroutine; "dropped" says the message
// before was outside the machine's mailbox and was dropped; "state <message>" checks the
// machine's state (machines implementing Stater) once the effects before it are matched.
func Replay(m Machine, r io.Reader) []error {
	var errs []error
	var pending []Effect
	var pendingLine int
	mailbox := m.Mailbox()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	flush := func() {
		for _, e := range pending {
			errs = append(errs, fmt.Errorf("after the message on line %d: unexpected effect %s", pendingLine, Describe(e)))
		}
		pending = nil
	}
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(text, ">"); ok {
			flush()
			msg, err := parseMessage(strings.TrimSpace(rest))
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %v", line, err))
				continue
			}
			if !mailbox.Accepts(msg) {
				// The runtime logs and drops it; the recording says so with a "dropped" line.
				pending, pendingLine = []Effect{dropped{msg}}, line
				continue
			}
			pending, pendingLine = m.Handle(msg), line
			continue
		}
		if rest, ok := strings.CutPrefix(text, "state "); ok {
			flush()
			st, isStater := m.(Stater)
			if !isStater {
				errs = append(errs, fmt.Errorf("line %d: the machine does not report its state", line))
				continue
			}
			want, err := parseMessage(strings.TrimSpace(rest))
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %v", line, err))
				continue
			}
			if got := st.State(); !proto.Equal(got, want) {
				errs = append(errs, fmt.Errorf("line %d: state is %s, want %s", line, describeMessage(got), strings.TrimSpace(rest)))
			}
			continue
		}
		if len(pending) == 0 {
			errs = append(errs, fmt.Errorf("line %d: expected %q but the machine did nothing more", line, text))
			continue
		}
		got := pending[0]
		pending = pending[1:]
		if err := matchEffect(got, text); err != nil {
			errs = append(errs, fmt.Errorf("line %d: %v", line, err))
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		errs = append(errs, err)
	}
	return errs
}

func matchEffect(got Effect, want string) error {
	verb, rest, _ := strings.Cut(want, " ")
	mismatch := func() error { return fmt.Errorf("got %s, want %s", Describe(got), want) }
	switch g := got.(type) {
	case Reply:
		if verb != "reply" {
			return mismatch()
		}
		return matchMessage(g.Msg, rest, mismatch)
	case After:
		if verb != "after" {
			return mismatch()
		}
		d, msgText, _ := strings.Cut(rest, " ")
		delay, err := time.ParseDuration(d)
		if err != nil || delay != g.Delay {
			return mismatch()
		}
		return matchMessage(g.Msg, msgText, mismatch)
	case dropped:
		if want != "dropped" {
			return mismatch()
		}
		return nil
	case Send:
		if verb != "send" {
			return mismatch()
		}
		to, msgText, _ := strings.Cut(rest, " ")
		if to != g.Address+"/"+g.ID {
			return mismatch()
		}
		return matchMessage(g.Msg, msgText, mismatch)
	case Spawn:
		if verb != "spawn" {
			return mismatch()
		}
		name, msgText, _ := strings.Cut(rest, " ")
		if name != g.Name {
			return mismatch()
		}
		if g.Detail == nil {
			if msgText != "" {
				return mismatch()
			}
			return nil
		}
		return matchMessage(g.Detail, msgText, mismatch)
	case Perform:
		if verb != "perform" {
			return mismatch()
		}
		name, msgText, _ := strings.Cut(rest, " ")
		if name != g.Name {
			return mismatch()
		}
		if g.Detail == nil {
			if msgText != "" {
				return mismatch()
			}
			return nil
		}
		return matchMessage(g.Detail, msgText, mismatch)
	}
	return mismatch()
}

func matchMessage(got proto.Message, want string, mismatch func() error) error {
	msg, err := parseMessage(want)
	if err != nil {
		return err
	}
	if !proto.Equal(got, msg) {
		return mismatch()
	}
	return nil
}

// parseMessage reads "full.Name {json}".
func parseMessage(text string) (proto.Message, error) {
	name, body, _ := strings.Cut(text, " ")
	mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(name))
	if err != nil {
		return nil, fmt.Errorf("unknown message type %q", name)
	}
	msg := mt.New().Interface()
	if strings.TrimSpace(body) == "" {
		body = "{}"
	}
	if err := protojson.Unmarshal([]byte(body), msg); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return msg, nil
}

func describeMessage(m proto.Message) string {
	if m == nil {
		return "<nil>"
	}
	b, _ := protojson.MarshalOptions{UseProtoNames: false}.Marshal(m)
	// protojson randomizes spacing; compact it (string contents untouched) for stable text.
	var compact bytes.Buffer
	if json.Compact(&compact, b) == nil {
		b = compact.Bytes()
	}
	return string(m.ProtoReflect().Descriptor().FullName()) + " " + string(b)
}

// dropped stands for a message outside the mailbox in replays and recordings.
type dropped struct{ msg proto.Message }

func (dropped) effect() {}

// Rewrite reads a replay file and answers it with the expected lines replaced by what the
// machine does now: comments, blank lines and ">" lines are kept, effect lines are
// regenerated, and "state" lines are refilled with the machine's state. It is how a replay
// file is written in the first place (write the messages, rewrite, review the effects).
func Rewrite(m Machine, r io.Reader) (string, error) {
	var b strings.Builder
	mailbox := m.Mailbox()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := sc.Text()
		text := strings.TrimSpace(raw)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
			b.WriteString(raw + "\n")
		case strings.HasPrefix(text, ">"):
			msg, err := parseMessage(strings.TrimSpace(text[1:]))
			if err != nil {
				return "", fmt.Errorf("line %d: %v", line, err)
			}
			b.WriteString("> " + describeMessage(msg) + "\n")
			if !mailbox.Accepts(msg) {
				b.WriteString("dropped\n")
				continue
			}
			for _, e := range m.Handle(msg) {
				b.WriteString(Describe(e) + "\n")
			}
		case strings.HasPrefix(text, "state "):
			st, ok := m.(Stater)
			if !ok {
				return "", fmt.Errorf("line %d: the machine does not report its state", line)
			}
			b.WriteString("state " + describeMessage(st.State()) + "\n")
		}
	}
	return b.String(), sc.Err()
}
