package sessions

import (
	"time"

	"github.com/google/uuid"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/proto/sessionpb"
)

// ManagerConfig holds the SessionManager's settings.
type ManagerConfig struct {
	// IdleTimeout closes a session that has had no lease for this long; 0 or less never does.
	IdleTimeout time.Duration
	// ClosedTombstones is how many closed session keys are remembered, so that a client
	// coming back to a closed session hears SESSION_CLOSED instead of getting a new one.
	ClosedTombstones int
}

// Manager is the SessionManager actor's logic: it creates sessions by (user id, session id),
// hands out leases, expires idle sessions by a delayed self-message, and closes sessions.
// It is deterministic: time arrives in messages, side effects leave as effects.
type Manager struct {
	cfg ManagerConfig
	// newSession makes the in-process session object for a new session; nil in replays.
	newSession func(key *sessionpb.SessionKey, serverSideID string) *Session
	// newID makes server-side session ids; replays inject a counter.
	newID func() string

	byKey      map[sessionKey]*managed
	byServerID map[string]*managed
	tombstones []sessionKey // oldest first
	closed     map[sessionKey]bool
}

type sessionKey struct{ user, session string }

type managed struct {
	info         *sessionpb.SessionInfo
	session      *Session
	probePending bool
}

// NewManager builds the machine. newSession and newID may be nil (replays): then sessions
// carry no object and ids come from a counter.
func NewManager(cfg ManagerConfig, newSession func(*sessionpb.SessionKey, string) *Session, newID func() string) *Manager {
	if cfg.ClosedTombstones <= 0 {
		cfg.ClosedTombstones = 1000
	}
	if newID == nil {
		newID = func() string { return uuid.NewString() }
	}
	return &Manager{
		cfg: cfg, newSession: newSession, newID: newID,
		byKey: map[sessionKey]*managed{}, byServerID: map[string]*managed{}, closed: map[sessionKey]bool{},
	}
}

// Mailbox is the closed set of messages the SessionManager accepts.
func (m *Manager) Mailbox() actors.Mailbox {
	return actors.NewMailbox(&sessionpb.AcquireSession{}, &sessionpb.ReturnSession{},
		&sessionpb.CloseSession{}, &sessionpb.ProbeIdleSession{}, &sessionpb.CloseAllSessions{})
}

// Handle processes one message.
func (m *Manager) Handle(msg proto.Message) []actors.Effect {
	switch msg := msg.(type) {
	case *sessionpb.AcquireSession:
		return m.acquire(msg)
	case *sessionpb.ReturnSession:
		return m.giveBack(msg)
	case *sessionpb.CloseSession:
		return m.closeByKey(msg)
	case *sessionpb.ProbeIdleSession:
		return m.probe(msg)
	case *sessionpb.CloseAllSessions:
		return m.closeAll()
	}
	return nil
}

func keyOf(k *sessionpb.SessionKey) sessionKey {
	return sessionKey{k.GetUserId(), k.GetSessionId()}
}

func refuse(class, handle string) actors.Effect {
	return actors.Reply{Msg: &sessionpb.SessionError{ErrorClass: class, Handle: handle}}
}

func (m *Manager) acquire(msg *sessionpb.AcquireSession) []actors.Effect {
	k := keyOf(msg.GetKey())
	if _, err := uuid.Parse(k.session); err != nil {
		return []actors.Effect{refuse("INVALID_HANDLE.FORMAT", k.session)}
	}
	s, ok := m.byKey[k]
	created := false
	if !ok {
		if m.closed[k] {
			return []actors.Effect{refuse("INVALID_HANDLE.SESSION_CLOSED", k.session)}
		}
		if !msg.GetCreate() {
			return []actors.Effect{refuse("INVALID_HANDLE.SESSION_NOT_FOUND", k.session)}
		}
		id := m.newID()
		s = &managed{info: &sessionpb.SessionInfo{
			Key: &sessionpb.SessionKey{UserId: k.user, SessionId: k.session}, ServerSideSessionId: id,
		}}
		if m.newSession != nil {
			s.session = m.newSession(s.info.Key, id)
		}
		m.byKey[k], m.byServerID[id] = s, s
		created = true
	}
	if observed := msg.ClientObservedServerSideSessionId; observed != nil && *observed != s.info.ServerSideSessionId {
		return []actors.Effect{refuse("INVALID_HANDLE.SESSION_CHANGED", k.session)}
	}
	s.info.Leases++
	s.info.LastAccessMicros = msg.GetNowMicros()
	reply := proto.Clone(s.info).(*sessionpb.SessionInfo)
	reply.Created = created
	return []actors.Effect{actors.Reply{Msg: reply, Attachment: s.session}}
}

func (m *Manager) giveBack(msg *sessionpb.ReturnSession) []actors.Effect {
	s, ok := m.byServerID[msg.GetServerSideSessionId()]
	if !ok || s.info.Leases == 0 {
		return nil
	}
	s.info.Leases--
	s.info.LastAccessMicros = max(s.info.LastAccessMicros, msg.GetNowMicros())
	if s.info.Leases == 0 {
		return m.scheduleProbe(s, m.cfg.IdleTimeout)
	}
	return nil
}

func (m *Manager) scheduleProbe(s *managed, delay time.Duration) []actors.Effect {
	if m.cfg.IdleTimeout <= 0 || s.probePending {
		return nil
	}
	s.probePending = true
	return []actors.Effect{actors.After{Delay: delay, Msg: &sessionpb.ProbeIdleSession{
		ServerSideSessionId: s.info.ServerSideSessionId,
		DeadlineMicros:      s.info.LastAccessMicros + m.cfg.IdleTimeout.Microseconds(),
	}}}
}

// probe expires a session whose idle deadline passed with no lease and no access since.
// A session accessed after the probe was scheduled gets a new probe for the time left.
func (m *Manager) probe(msg *sessionpb.ProbeIdleSession) []actors.Effect {
	s, ok := m.byServerID[msg.GetServerSideSessionId()]
	if !ok {
		return nil
	}
	s.probePending = false
	if s.info.Leases > 0 {
		return nil // the last ReturnSession schedules the next probe
	}
	deadline := s.info.LastAccessMicros + m.cfg.IdleTimeout.Microseconds()
	if deadline <= msg.GetDeadlineMicros() {
		return m.close(s, "expire-session")
	}
	return m.scheduleProbe(s, time.Duration(deadline-msg.GetDeadlineMicros())*time.Microsecond)
}

func (m *Manager) closeByKey(msg *sessionpb.CloseSession) []actors.Effect {
	s, ok := m.byKey[keyOf(msg.GetKey())]
	if !ok {
		// Spark answers a release of an unknown session without error.
		return []actors.Effect{actors.Reply{Msg: &sessionpb.SessionInfo{Key: msg.GetKey()}}}
	}
	reply := proto.Clone(s.info).(*sessionpb.SessionInfo)
	return append([]actors.Effect{actors.Reply{Msg: reply}}, m.close(s, "close-session")...)
}

func (m *Manager) closeAll() []actors.Effect {
	var effects []actors.Effect
	for len(m.byKey) > 0 {
		// Close in a stable order so replays are deterministic.
		var first *managed
		for _, s := range m.byKey {
			if first == nil || s.info.ServerSideSessionId < first.info.ServerSideSessionId {
				first = s
			}
		}
		effects = append(effects, m.close(first, "close-session")...)
	}
	return append(effects, actors.Reply{Msg: &sessionpb.CloseAllSessions{}})
}

func (m *Manager) close(s *managed, why string) []actors.Effect {
	k := keyOf(s.info.Key)
	delete(m.byKey, k)
	delete(m.byServerID, s.info.ServerSideSessionId)
	m.closed[k] = true
	m.tombstones = append(m.tombstones, k)
	if len(m.tombstones) > m.cfg.ClosedTombstones {
		delete(m.closed, m.tombstones[0])
		m.tombstones = m.tombstones[1:]
	}
	var do func()
	if s.session != nil {
		do = s.session.Close
	}
	return []actors.Effect{actors.Perform{Name: why, Detail: proto.Clone(s.info), Do: do}}
}
