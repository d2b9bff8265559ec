package actors

import (
	"bufio"
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
				errs = append(errs, fmt.Errorf("line %d: %s is not in the machine's mailbox", line, msg.ProtoReflect().Descriptor().FullName()))
				continue
			}
			pending, pendingLine = m.Handle(msg), line
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
	// protojson randomizes spacing; normalize for readable diffs.
	return string(m.ProtoReflect().Descriptor().FullName()) + " " + strings.Join(strings.Fields(string(b)), "")
}
