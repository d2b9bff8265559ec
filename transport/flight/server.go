package flight

import (
	"errors"
	"net"

	aflight "github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/sailgo/sail/physical"
)

// MaxMessageBytes bounds one Flight message (one record batch) both ways.
const MaxMessageBytes = 1 << 30

// Server serves a Store's outputs over Arrow Flight: DoGet with an encoded Ticket streams
// that reduce partition of that map output.
type Server struct {
	aflight.BaseFlightServer
	store *Store
	srv   aflight.Server
	done  chan error
}

// NewServer listens on addr (host:port; port 0 picks one) and starts serving store.
func NewServer(store *Store, addr string) (*Server, error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, done: make(chan error, 1)}
	s.srv = aflight.NewServerWithMiddleware(nil, grpc.MaxSendMsgSize(MaxMessageBytes), grpc.MaxRecvMsgSize(MaxMessageBytes))
	s.srv.RegisterFlightService(s)
	s.srv.InitListener(lis)
	go func() { s.done <- s.srv.Serve() }()
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.srv.Addr().String() }

// Stop stops the server, ending the streams in progress.
func (s *Server) Stop() {
	s.srv.Shutdown()
	<-s.done
}

// DoGet streams the reduce partition the ticket names.
func (s *Server) DoGet(t *aflight.Ticket, stream aflight.FlightService_DoGetServer) error {
	tk, err := DecodeTicket(t.GetTicket())
	if err != nil {
		return status.Error(codes.InvalidArgument, err.Error())
	}
	schema, in, err := s.store.Open(tk.Job, tk.Stage, tk.MapPartition, int(tk.Partition))
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return status.Error(codes.NotFound, err.Error())
		}
		return status.Error(codes.Internal, err.Error())
	}
	defer in.Close()
	w := aflight.NewRecordWriter(stream, ipc.WithSchema(schema))
	for {
		if err := stream.Context().Err(); err != nil {
			w.Close()
			return status.FromContextError(err).Err()
		}
		b, err := in.Next()
		if physical.IsEOF(err) {
			break
		}
		if err != nil {
			w.Close()
			return status.Error(codes.Internal, err.Error())
		}
		err = w.Write(b)
		b.Release()
		if err != nil {
			w.Close()
			return err
		}
	}
	return w.Close()
}
