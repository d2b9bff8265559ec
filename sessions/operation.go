package sessions

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Buffer limits of a reattachable operation. A producer blocks once the responses the client
// has not yet read reach maxUnsentBytes (backpressure, bounded memory); responses already
// sent are kept up to retryBufferBytes so a client that lost its stream can reattach after
// the last response it saw.
const (
	maxUnsentBytes   = 32 << 20
	retryBufferBytes = 1 << 20
)

// Operation is one ExecutePlan: its responses are produced by the job and streamed to one
// attached client stream at a time; a client whose stream breaks reattaches after the last
// response id it received (ReattachExecute).
type Operation struct {
	ID      string
	Tags    []string
	session *Session
	ctx     context.Context
	cancel  context.CancelCauseFunc

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced whenever the state below changes
	responses []*bufferedResponse
	base      int // global index of responses[0]; earlier ones were dropped
	sent      int // global index of the first response no stream has sent yet
	unsent    int // bytes of responses at or after sent
	done      bool
	err       error
	attach    int // generation of the attached stream; a newer attach detaches older ones
	streams   int // streams currently attached
	detached  time.Time
	released  bool
}

type bufferedResponse struct {
	resp *connectpb.ExecutePlanResponse
	size int
}

func newOperation(s *Session, id string, tags []string) *Operation {
	ctx, cancel := context.WithCancelCause(s.ctx)
	return &Operation{ID: id, Tags: tags, session: s, ctx: ctx, cancel: cancel, changed: make(chan struct{})}
}

// Context is cancelled when the operation is interrupted, released or its session closes.
func (op *Operation) Context() context.Context { return op.ctx }

func (op *Operation) signal() {
	close(op.changed)
	op.changed = make(chan struct{})
}

// Emit appends a response, stamping its ids. It blocks while the unsent backlog is full and
// fails once the operation is cancelled.
func (op *Operation) Emit(resp *connectpb.ExecutePlanResponse) error {
	resp.SessionId = op.session.SessionID
	resp.ServerSideSessionId = op.session.ServerSideID
	resp.OperationId = op.ID
	resp.ResponseId = uuid.NewString()
	size := proto.Size(resp)
	for {
		op.mu.Lock()
		if op.ctx.Err() != nil {
			op.mu.Unlock()
			return context.Cause(op.ctx)
		}
		if op.unsent == 0 || op.unsent+size <= maxUnsentBytes {
			op.responses = append(op.responses, &bufferedResponse{resp: resp, size: size})
			op.unsent += size
			op.signal()
			op.mu.Unlock()
			return nil
		}
		wait := op.changed
		op.mu.Unlock()
		select {
		case <-wait:
		case <-op.ctx.Done():
		}
	}
}

// finish records the end of production: err nil means success (the ResultComplete response
// must already have been emitted).
func (op *Operation) finish(err error) {
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.done {
		return
	}
	if err == nil && op.ctx.Err() != nil {
		err = context.Cause(op.ctx)
	}
	op.done, op.err = true, err
	op.signal()
}

// Interrupt cancels the running work; the stream ends with OPERATION_CANCELED.
func (op *Operation) Interrupt() {
	op.cancel(sparkerror.Canceled())
}

// Stream sends the operation's responses to one client stream, starting after
// afterResponseID (nil: from the first response). It returns when the operation's last
// response was sent (nil, or the operation's error), when send fails, when ctx ends, or when
// a newer stream attaches (nil: the newer stream takes over).
func (op *Operation) Stream(ctx context.Context, afterResponseID *string, send func(*connectpb.ExecutePlanResponse) error) error {
	op.mu.Lock()
	op.attach++
	op.streams++
	gen := op.attach
	next, err := op.position(afterResponseID)
	op.signal() // wake an older stream so it sees it was replaced
	op.mu.Unlock()
	defer func() {
		op.mu.Lock()
		op.streams--
		op.detached = time.Now()
		idle := op.streams == 0
		op.mu.Unlock()
		if idle {
			op.session.watchDetached(op)
		}
	}()
	if err != nil {
		return err
	}
	for {
		op.mu.Lock()
		if op.attach != gen || op.released {
			op.mu.Unlock()
			return nil
		}
		if next < op.base {
			op.mu.Unlock()
			return cursorError("POSITION_NOT_AVAILABLE", deref(afterResponseID), next)
		}
		if i := next - op.base; i < len(op.responses) {
			r := op.responses[i].resp
			op.mu.Unlock()
			if err := send(r); err != nil {
				return err
			}
			op.mu.Lock()
			next++
			if next > op.sent {
				for j := op.sent; j < next; j++ {
					if k := j - op.base; k >= 0 && k < len(op.responses) {
						op.unsent -= op.responses[k].size
					}
				}
				op.sent = next
				op.trimSent()
				op.signal()
			}
			op.mu.Unlock()
			continue
		}
		if op.done {
			err := op.err
			op.mu.Unlock()
			return err
		}
		wait := op.changed
		op.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// position finds the global index of the response after id; op.mu is held.
func (op *Operation) position(id *string) (int, error) {
	if id == nil {
		if op.base > 0 {
			return 0, cursorError("POSITION_NOT_AVAILABLE", "", 0)
		}
		return 0, nil
	}
	for i, r := range op.responses {
		if r.resp.ResponseId == *id {
			return op.base + i + 1, nil
		}
	}
	return 0, cursorError("POSITION_NOT_FOUND", *id, 0)
}

// trimSent drops sent responses beyond the retry buffer; op.mu is held.
func (op *Operation) trimSent() {
	keep := 0
	drop := 0
	for i := op.sent - op.base - 1; i >= 0; i-- {
		keep += op.responses[i].size
		if keep > retryBufferBytes {
			drop = i + 1
			break
		}
	}
	op.dropFirst(drop)
}

func (op *Operation) dropFirst(n int) {
	if n <= 0 {
		return
	}
	clear(op.responses[:n])
	op.responses = op.responses[n:]
	op.base += n
}

// ReleaseUntil frees the responses up to and including id (the client has them).
func (op *Operation) ReleaseUntil(id string) {
	op.mu.Lock()
	defer op.mu.Unlock()
	for i, r := range op.responses {
		if r.resp.ResponseId == id {
			if op.base+i+1 > op.sent {
				return // never free what was not sent
			}
			op.dropFirst(i + 1)
			return
		}
	}
}

// release ends the operation for good: work is cancelled and streams detach.
func (op *Operation) release() {
	op.mu.Lock()
	op.released = true
	op.responses, op.unsent = nil, 0
	op.signal()
	op.mu.Unlock()
	op.cancel(sparkerror.Canceled())
}

// detachedSince reports whether no stream is attached, and since when.
func (op *Operation) detachedSince() (bool, time.Time) {
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.detached.IsZero() {
		return op.streams == 0, time.Time{}
	}
	return op.streams == 0, op.detached
}

// Done reports whether production has finished.
func (op *Operation) Done() bool {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.done
}

func cursorError(sub, responseID string, index int) error {
	templates := map[string]string{
		"POSITION_NOT_AVAILABLE": "The cursor position id <responseId> is no longer available at index <index>.",
		"POSITION_NOT_FOUND":     "The cursor position id <responseId> is not found.",
	}
	params := map[string]string{"responseId": responseID}
	if sub == "POSITION_NOT_AVAILABLE" {
		params["index"] = strconv.Itoa(index)
	}
	return sparkerror.New(sparkerror.SQL, "INVALID_CURSOR."+sub, "HY109",
		"The cursor is invalid. "+templates[sub], params)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
