package sparkconnect

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"google.golang.org/grpc"

	"github.com/sailgo/sail/actors"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/proto/sessionpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Engine does the query work of a session: running plans and analyzing them.
type Engine interface {
	// Execute runs a plan (a relation or a command) and emits its result responses, the
	// last one being ResultComplete on success.
	Execute(ctx context.Context, s *sessions.Session, plan *connectpb.Plan, emit func(*connectpb.ExecutePlanResponse) error) error
	// Analyze answers an AnalyzePlan request (the session ids are filled in by the caller).
	Analyze(ctx context.Context, s *sessions.Session, req *connectpb.AnalyzePlanRequest) (*connectpb.AnalyzePlanResponse, error)
}

// askTimeout bounds every request to the SessionManager actor.
const askTimeout = 10 * time.Second

// Service implements spark.connect.SparkConnectService.
type Service struct {
	connectpb.UnimplementedSparkConnectServiceServer
	root    *actor.RootContext
	manager *actor.PID
	engine  Engine
	log     *slog.Logger
	now     func() time.Time
}

// NewService wires the service to the SessionManager actor and the engine.
func NewService(root *actor.RootContext, manager *actor.PID, engine Engine, log *slog.Logger) *Service {
	return &Service{root: root, manager: manager, engine: engine, log: log, now: time.Now}
}

// Register adds the service, with panic recovery, to a gRPC server.
func (s *Service) Register(g *grpc.Server) { connectpb.RegisterSparkConnectServiceServer(g, s) }

// ServerOptions are the interceptors every Spark Connect server needs: a panic in a handler
// becomes an INTERNAL_ERROR answer instead of killing the process.
func ServerOptions(log *slog.Logger) []grpc.ServerOption {
	recoverTo := func(method string, err *error) {
		if r := recover(); r != nil {
			log.Error("panic in RPC", "method", method, "panic", r, "stack", string(debug.Stack()))
			*err = toStatus(sparkerror.InternalError("panic in %s: %v", method, r), nil)
		}
	}
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (resp any, err error) {
			defer recoverTo(info.FullMethod, &err)
			return h(ctx, req)
		}),
		grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) (err error) {
			defer recoverTo(info.FullMethod, &err)
			return h(srv, ss)
		}),
	}
}

// lease is a session held for the duration of one RPC.
type lease struct {
	svc     *Service
	session *sessions.Session
	once    bool
}

// acquire takes a lease on the session named by the request; create says whether a missing
// session is created (Spark's getOrCreate) or refused.
func (s *Service) acquire(userID, sessionID string, observed *string, create bool) (*lease, error) {
	if sessionID == "" {
		return nil, sparkerror.InvalidPlanInput("session_id is required")
	}
	res, err := actors.Ask(s.root, s.manager, &sessionpb.AcquireSession{
		Key:    &sessionpb.SessionKey{UserId: userID, SessionId: sessionID},
		Create: create, ClientObservedServerSideSessionId: observed, NowMicros: s.now().UnixMicro(),
	}, askTimeout)
	if err != nil {
		return nil, sparkerror.InternalError("session manager: %v", err)
	}
	switch msg := res.Msg.(type) {
	case *sessionpb.SessionError:
		return nil, sessions.HandleError(msg.ErrorClass, msg.Handle)
	case *sessionpb.SessionInfo:
		sess, _ := res.Attachment.(*sessions.Session)
		if sess == nil {
			return nil, sparkerror.InternalError("session manager returned no session")
		}
		return &lease{svc: s, session: sess}, nil
	}
	return nil, sparkerror.InternalError("session manager answered %T", res.Msg)
}

func (l *lease) release() {
	if l == nil || l.once {
		return
	}
	l.once = true
	l.svc.root.Send(l.svc.manager, &sessionpb.ReturnSession{
		ServerSideSessionId: l.session.ServerSideID, NowMicros: l.svc.now().UnixMicro(),
	})
}

func userOf(u *connectpb.UserContext) string { return u.GetUserId() }

// ExecutePlan starts an operation and streams its responses.
func (s *Service) ExecutePlan(req *connectpb.ExecutePlanRequest, stream grpc.ServerStreamingServer[connectpb.ExecutePlanResponse]) error {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, true)
	if err != nil {
		return toStatus(err, nil)
	}
	if req.GetPlan().GetOpType() == nil {
		l.release()
		return toStatus(sparkerror.InvalidPlanInput("ExecutePlanRequest.plan is required"), l.session)
	}
	op, err := l.session.StartOperation(req.GetOperationId(), req.GetTags())
	if err != nil {
		l.release()
		return toStatus(err, l.session)
	}
	// The operation holds the lease until its work ends, so the session does not expire
	// under a long query.
	l.session.Run(op, func(ctx context.Context, op *sessions.Operation) error {
		defer l.release()
		return s.engine.Execute(ctx, l.session, req.GetPlan(), op.Emit)
	})
	return s.stream(stream.Context(), l.session, op, nil, stream.Send)
}

// ReattachExecute resumes an operation's stream after the last response the client saw.
func (s *Service) ReattachExecute(req *connectpb.ReattachExecuteRequest, stream grpc.ServerStreamingServer[connectpb.ExecutePlanResponse]) error {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, false)
	if err != nil {
		return toStatus(err, nil)
	}
	defer l.release()
	op, err := l.session.Operation(req.GetOperationId())
	if err != nil {
		return toStatus(err, l.session)
	}
	return s.stream(stream.Context(), l.session, op, req.LastResponseId, stream.Send)
}

func (s *Service) stream(ctx context.Context, sess *sessions.Session, op *sessions.Operation, after *string, send func(*connectpb.ExecutePlanResponse) error) error {
	err := op.Stream(ctx, after, send)
	if err != nil && ctx.Err() != nil {
		return ctx.Err() // the client went away; it may reattach
	}
	return toStatus(err, sess)
}

// ReleaseExecute frees an operation's buffered responses, or the whole operation.
func (s *Service) ReleaseExecute(ctx context.Context, req *connectpb.ReleaseExecuteRequest) (*connectpb.ReleaseExecuteResponse, error) {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), nil, false)
	if err != nil {
		return nil, toStatus(err, nil)
	}
	defer l.release()
	resp := &connectpb.ReleaseExecuteResponse{SessionId: req.GetSessionId(), ServerSideSessionId: l.session.ServerSideID}
	op, err := l.session.Operation(req.GetOperationId())
	if err != nil {
		// Spark: a release may arrive after the operation is gone; that is no error.
		return resp, nil
	}
	resp.OperationId = &op.ID
	switch r := req.GetRelease().(type) {
	case *connectpb.ReleaseExecuteRequest_ReleaseAll_:
		l.session.ReleaseOperation(op.ID)
	case *connectpb.ReleaseExecuteRequest_ReleaseUntil_:
		op.ReleaseUntil(r.ReleaseUntil.GetResponseId())
	default:
		return nil, toStatus(sparkerror.InvalidPlanInput("ReleaseExecuteRequest.release is required"), l.session)
	}
	return resp, nil
}

// Interrupt cancels running operations: all, by tag, or by id.
func (s *Service) Interrupt(ctx context.Context, req *connectpb.InterruptRequest) (*connectpb.InterruptResponse, error) {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, true)
	if err != nil {
		return nil, toStatus(err, nil)
	}
	defer l.release()
	var match func(*sessions.Operation) bool
	switch req.GetInterruptType() {
	case connectpb.InterruptRequest_INTERRUPT_TYPE_ALL:
		match = func(*sessions.Operation) bool { return true }
	case connectpb.InterruptRequest_INTERRUPT_TYPE_TAG:
		tag := req.GetOperationTag()
		if tag == "" {
			return nil, toStatus(sparkerror.InvalidPlanInput("INTERRUPT_TYPE_TAG needs operation_tag"), l.session)
		}
		match = func(op *sessions.Operation) bool {
			for _, t := range op.Tags {
				if t == tag {
					return true
				}
			}
			return false
		}
	case connectpb.InterruptRequest_INTERRUPT_TYPE_OPERATION_ID:
		id := req.GetOperationId()
		if id == "" {
			return nil, toStatus(sparkerror.InvalidPlanInput("INTERRUPT_TYPE_OPERATION_ID needs operation_id"), l.session)
		}
		match = func(op *sessions.Operation) bool { return op.ID == id }
	default:
		return nil, toStatus(sparkerror.InvalidPlanInput("unknown interrupt type %v", req.GetInterruptType()), l.session)
	}
	return &connectpb.InterruptResponse{
		SessionId: req.GetSessionId(), ServerSideSessionId: l.session.ServerSideID,
		InterruptedIds: l.session.Interrupt(match),
	}, nil
}

// AnalyzePlan answers schema, explain, tree string, version and the other analyses.
func (s *Service) AnalyzePlan(ctx context.Context, req *connectpb.AnalyzePlanRequest) (*connectpb.AnalyzePlanResponse, error) {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, true)
	if err != nil {
		return nil, toStatus(err, nil)
	}
	defer l.release()
	resp, err := s.engine.Analyze(ctx, l.session, req)
	if err != nil {
		return nil, toStatus(err, l.session)
	}
	resp.SessionId, resp.ServerSideSessionId = req.GetSessionId(), l.session.ServerSideID
	return resp, nil
}

// ReleaseSession closes a session and everything running in it.
func (s *Service) ReleaseSession(ctx context.Context, req *connectpb.ReleaseSessionRequest) (*connectpb.ReleaseSessionResponse, error) {
	res, err := actors.Ask(s.root, s.manager, &sessionpb.CloseSession{
		Key:       &sessionpb.SessionKey{UserId: userOf(req.GetUserContext()), SessionId: req.GetSessionId()},
		NowMicros: s.now().UnixMicro(),
	}, askTimeout)
	if err != nil {
		return nil, toStatus(sparkerror.InternalError("session manager: %v", err), nil)
	}
	info, _ := res.Msg.(*sessionpb.SessionInfo)
	return &connectpb.ReleaseSessionResponse{SessionId: req.GetSessionId(), ServerSideSessionId: info.GetServerSideSessionId()}, nil
}

// FetchErrorDetails returns the full details of an error sent earlier with an errorId.
func (s *Service) FetchErrorDetails(ctx context.Context, req *connectpb.FetchErrorDetailsRequest) (*connectpb.FetchErrorDetailsResponse, error) {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, false)
	if err != nil {
		return nil, toStatus(err, nil)
	}
	defer l.release()
	resp := &connectpb.FetchErrorDetailsResponse{SessionId: req.GetSessionId(), ServerSideSessionId: l.session.ServerSideID}
	if e, ok := l.session.ErrorDetails(req.GetErrorId()); ok {
		root := int32(0)
		resp.RootErrorIdx = &root
		resp.Errors = errorDetails(e)
	}
	return resp, nil
}

// AddArtifacts is not supported yet: it answers a Spark-style error after reading the
// whole request stream, so the client never waits on a half-read stream.
func (s *Service) AddArtifacts(stream grpc.ClientStreamingServer[connectpb.AddArtifactsRequest, connectpb.AddArtifactsResponse]) error {
	for {
		if _, err := stream.Recv(); err != nil {
			if errors.Is(err, context.Canceled) || stream.Context().Err() != nil {
				return stream.Context().Err()
			}
			break // io.EOF or a broken stream: answer either way
		}
	}
	return toStatus(sparkerror.NotImplemented("AddArtifacts (artifacts: jars, Python files, archives)"), nil)
}

// ArtifactStatus reports, for each artifact name, that it does not exist: no artifact can
// have been added yet.
func (s *Service) ArtifactStatus(ctx context.Context, req *connectpb.ArtifactStatusesRequest) (*connectpb.ArtifactStatusesResponse, error) {
	l, err := s.acquire(userOf(req.GetUserContext()), req.GetSessionId(), req.ClientObservedServerSideSessionId, true)
	if err != nil {
		return nil, toStatus(err, nil)
	}
	defer l.release()
	statuses := make(map[string]*connectpb.ArtifactStatusesResponse_ArtifactStatus, len(req.GetNames()))
	for _, n := range req.GetNames() {
		statuses[n] = &connectpb.ArtifactStatusesResponse_ArtifactStatus{Exists: false}
	}
	return &connectpb.ArtifactStatusesResponse{SessionId: req.GetSessionId(), ServerSideSessionId: l.session.ServerSideID, Statuses: statuses}, nil
}
