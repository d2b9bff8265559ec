package sessions

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
)

// Limits of what a session remembers.
const (
	maxErrorDetails     = 64   // errors kept for FetchErrorDetails
	maxAbandonedHandles = 1000 // operation ids remembered as abandoned
)

// Session is one Spark Connect session: its configuration and its operations. The
// SessionManager actor decides when a session exists; the object itself is safe for
// concurrent use by the RPCs of that session.
type Session struct {
	UserID, SessionID, ServerSideID string
	Conf                            *sqlconf.Conf
	// Catalog is the session's view of the shared catalog (temporary views, current
	// database).
	Catalog *catalog.Session
	// Variables are the session's SQL variables (DECLARE VARIABLE).
	Variables *Variables

	// DetachedTimeout removes an operation that no client stream has read for this long.
	DetachedTimeout time.Duration

	ctx    context.Context
	cancel context.CancelFunc

	mu        sync.Mutex
	closed    bool
	ops       map[string]*Operation
	abandoned map[string]bool
	abandonQ  []string
	errs      map[string]error
	errQ      []string
	// relations are the DataFrames the session checkpointed, by CachedRemoteRelation id.
	relations map[string]Releaser
}

// Releaser is a value the session holds and releases when it goes (or is removed).
type Releaser interface{ Release() }

// NewSession makes a session object; the caller (the SessionManager) owns its lifecycle.
func NewSession(userID, sessionID, serverSideID string, conf *sqlconf.Conf, cat *catalog.Session) *Session {
	ctx, cancel := context.WithCancel(context.Background())
	if cat == nil {
		cat = catalog.New().NewSession()
	}
	return &Session{
		UserID: userID, SessionID: sessionID, ServerSideID: serverSideID, Conf: conf, Catalog: cat, Variables: &Variables{},
		DetachedTimeout: 5 * time.Minute,
		ctx:             ctx, cancel: cancel,
		ops: map[string]*Operation{}, abandoned: map[string]bool{}, errs: map[string]error{},
	}
}

// Close cancels every operation of the session and forgets them.
func (s *Session) Close() {
	s.mu.Lock()
	s.closed = true
	ops := s.ops
	s.ops = map[string]*Operation{}
	s.mu.Unlock()
	for _, op := range ops {
		op.release()
	}
	s.mu.Lock()
	rels := s.relations
	s.relations = nil
	s.mu.Unlock()
	for _, r := range rels {
		r.Release()
	}
	s.cancel()
}

// PutRelation keeps a checkpointed DataFrame's data under id until RemoveRelation or the
// end of the session; it reports false (and keeps nothing) once the session is closed.
func (s *Session) PutRelation(id string, r Releaser) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	if s.relations == nil {
		s.relations = map[string]Releaser{}
	}
	s.relations[id] = r
	return true
}

// Relation is the data kept under id.
func (s *Session) Relation(id string) (Releaser, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.relations[id]
	return r, ok
}

// RemoveRelation releases the data kept under id, if any.
func (s *Session) RemoveRelation(id string) {
	s.mu.Lock()
	r, ok := s.relations[id]
	delete(s.relations, id)
	s.mu.Unlock()
	if ok {
		r.Release()
	}
}

// StartOperation registers a new operation. id may be empty (a fresh id is made); a given
// id must be a UUID not in use.
func (s *Session) StartOperation(id string, tags []string) (*Operation, error) {
	if id == "" {
		id = uuid.NewString()
	} else if _, err := uuid.Parse(id); err != nil {
		return nil, handleError("FORMAT", id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, handleError("SESSION_CLOSED", s.SessionID)
	}
	if _, ok := s.ops[id]; ok || s.abandoned[id] {
		return nil, handleError("OPERATION_ALREADY_EXISTS", id)
	}
	op := newOperation(s, id, tags)
	s.ops[id] = op
	return op, nil
}

// Run produces the operation's responses with work in a goroutine of its own.
func (s *Session) Run(op *Operation, work func(ctx context.Context, op *Operation) error) {
	go func() {
		err := work(op.ctx, op)
		op.finish(err)
		s.watchDetached(op)
	}()
}

// Operation finds a registered operation.
func (s *Session) Operation(id string) (*Operation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if op, ok := s.ops[id]; ok {
		return op, nil
	}
	if s.abandoned[id] {
		return nil, handleError("OPERATION_ABANDONED", id)
	}
	return nil, handleError("OPERATION_NOT_FOUND", id)
}

// ReleaseOperation forgets an operation and cancels it if it still runs. Unknown ids are
// ignored: a release may arrive after the operation was abandoned.
func (s *Session) ReleaseOperation(id string) {
	s.mu.Lock()
	op, ok := s.ops[id]
	delete(s.ops, id)
	s.mu.Unlock()
	if ok {
		op.release()
	}
}

// Interrupt cancels the matching running operations and returns their ids. match is called
// for every operation.
func (s *Session) Interrupt(match func(*Operation) bool) []string {
	s.mu.Lock()
	var hit []*Operation
	for _, op := range s.ops {
		if match(op) {
			hit = append(hit, op)
		}
	}
	s.mu.Unlock()
	ids := make([]string, 0, len(hit))
	for _, op := range hit {
		if !op.Done() {
			op.Interrupt()
			ids = append(ids, op.ID)
		}
	}
	return ids
}

// watchDetached removes the operation once no stream has been attached to it for
// DetachedTimeout: its client is gone and will not release it.
func (s *Session) watchDetached(op *Operation) {
	if s.DetachedTimeout <= 0 {
		return
	}
	time.AfterFunc(s.DetachedTimeout, func() {
		idle, since := op.detachedSince()
		if !idle {
			return // a stream is attached; its end calls watchDetached again
		}
		if left := s.DetachedTimeout - time.Since(since); left > 0 {
			time.AfterFunc(left, func() { s.watchDetached(op) })
			return
		}
		s.mu.Lock()
		if s.ops[op.ID] == op {
			delete(s.ops, op.ID)
			s.abandoned[op.ID] = true
			s.abandonQ = append(s.abandonQ, op.ID)
			if len(s.abandonQ) > maxAbandonedHandles {
				delete(s.abandoned, s.abandonQ[0])
				s.abandonQ = s.abandonQ[1:]
			}
		}
		s.mu.Unlock()
		op.release()
	})
}

// RecordError keeps err for FetchErrorDetails and returns its id.
func (s *Session) RecordError(err error) string {
	id := uuid.NewString()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs[id] = err
	s.errQ = append(s.errQ, id)
	if len(s.errQ) > maxErrorDetails {
		delete(s.errs, s.errQ[0])
		s.errQ = s.errQ[1:]
	}
	return id
}

// ErrorDetails returns (and forgets, as Spark does) a recorded error.
func (s *Session) ErrorDetails(id string) (error, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	err, ok := s.errs[id]
	delete(s.errs, id)
	return err, ok
}

func handleError(sub, handle string) error {
	templates := map[string]string{
		"FORMAT":                   "Handle must be an UUID string of the format '00112233-4455-6677-8899-aabbccddeeff'",
		"OPERATION_ABANDONED":      "Operation was considered abandoned because of inactivity and removed.",
		"OPERATION_ALREADY_EXISTS": "Operation already exists.",
		"OPERATION_NOT_FOUND":      "Operation not found.",
		"SESSION_CHANGED":          "The existing Spark server driver instance has restarted. Please reconnect.",
		"SESSION_CLOSED":           "Session was closed.",
		"SESSION_NOT_FOUND":        "Session not found.",
	}
	return sparkerror.New(sparkerror.SQL, "INVALID_HANDLE."+sub, "HY000",
		"The handle <handle> is invalid. "+templates[sub], map[string]string{"handle": handle})
}

// HandleError renders an INVALID_HANDLE.<sub> error as Spark does; the SessionManager's
// refusals become these.
func HandleError(class, handle string) error {
	if sub, ok := strings.CutPrefix(class, "INVALID_HANDLE."); ok && sub != "" {
		return handleError(sub, handle)
	}
	return sparkerror.InternalError("unknown session error %s", class)
}
