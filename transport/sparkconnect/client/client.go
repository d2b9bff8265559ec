// Package client is a small Spark Connect client on the project's own protocol types, for
// end-to-end tests and tools (the conformance runner). It speaks the protocol the way the
// PySpark client does: a session id per client, reattachable ExecutePlan with
// ReleaseExecute, and errors decoded from the ErrorInfo detail. It imports grpc, arrow-go,
// proto/connectpb and transport/arrowbatch.
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/google/uuid"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/arrowbatch"
)

// Client is one Spark Connect session.
type Client struct {
	conn         *grpc.ClientConn
	rpc          connectpb.SparkConnectServiceClient
	SessionID    string
	UserID       string
	ServerSideID string
}

// Dial connects to addr (host:port) with a new session id.
func Dial(addr string, opts ...grpc.DialOption) (*Client, error) {
	opts = append([]grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(128<<20), grpc.MaxCallSendMsgSize(256<<20)),
	}, opts...)
	conn, err := grpc.NewClient(addr, opts...)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, rpc: connectpb.NewSparkConnectServiceClient(conn), SessionID: uuid.NewString(), UserID: "test"}, nil
}

// Close closes the connection (not the session: see ReleaseSession).
func (c *Client) Close() error { return c.conn.Close() }

// RPC exposes the raw service for tests of the protocol itself.
func (c *Client) RPC() connectpb.SparkConnectServiceClient { return c.rpc }

// User is the user context every request carries.
func (c *Client) User() *connectpb.UserContext { return &connectpb.UserContext{UserId: c.UserID} }

// Error is a server error decoded the way PySpark decodes it.
type Error struct {
	Code        string
	Message     string
	ErrorClass  string
	SQLState    string
	Params      map[string]string
	Classes     []string
	ErrorID     string
	HasInfo     bool
	GRPCMessage string
	status      *status.Status
}

// GRPCStatus lets status.Code and status.FromError see through the decoded error.
func (e *Error) GRPCStatus() *status.Status { return e.status }

func (e *Error) Error() string {
	if e.ErrorClass != "" {
		return fmt.Sprintf("%s [%s] (SQLSTATE %s): %s", e.Code, e.ErrorClass, e.SQLState, e.Message)
	}
	return e.Code + ": " + e.Message
}

// AsError decodes a gRPC error; nil if err is not a status.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	st, ok := status.FromError(err)
	if !ok {
		return nil
	}
	out := &Error{Code: st.Code().String(), Message: st.Message(), GRPCMessage: st.Message(), status: st}
	for _, d := range st.Details() {
		info, ok := d.(*errdetails.ErrorInfo)
		if !ok {
			continue
		}
		out.HasInfo = true
		md := info.GetMetadata()
		out.ErrorClass, out.SQLState, out.ErrorID = md["errorClass"], md["sqlState"], md["errorId"]
		_ = json.Unmarshal([]byte(md["messageParameters"]), &out.Params)
		_ = json.Unmarshal([]byte(md["classes"]), &out.Classes)
	}
	return out
}

func (c *Client) wrap(err error) error {
	if err == nil {
		return nil
	}
	if e := AsError(err); e != nil {
		return e
	}
	return err
}

// checkSession enforces what PySpark insists on: the session id echoed and a stable
// server-side session id.
func (c *Client) checkSession(sessionID, serverSideID string) error {
	if sessionID != c.SessionID {
		return fmt.Errorf("received incorrect session identifier %q, want %q", sessionID, c.SessionID)
	}
	if c.ServerSideID == "" {
		c.ServerSideID = serverSideID
	} else if serverSideID != c.ServerSideID {
		return fmt.Errorf("server-side session id changed from %q to %q", c.ServerSideID, serverSideID)
	}
	return nil
}

// Result is what an ExecutePlan returned.
type Result struct {
	Schema      *connectpb.DataType
	ArrowSchema *arrow.Schema
	Batches     []arrow.RecordBatch
	Responses   []*connectpb.ExecutePlanResponse
	SQLResult   *connectpb.ExecutePlanResponse_SqlCommandResult
	OperationID string
}

// Rows counts the rows of all batches.
func (r *Result) Rows() int64 {
	var n int64
	for _, b := range r.Batches {
		n += b.NumRows()
	}
	return n
}

// Release frees the batches.
func (r *Result) Release() {
	for _, b := range r.Batches {
		b.Release()
	}
	r.Batches = nil
}

// Execute runs a plan to the end, reattaching when the stream ends early, and releases the
// operation afterwards, as PySpark does.
func (c *Client) Execute(ctx context.Context, plan *connectpb.Plan, tags ...string) (*Result, error) {
	opID := uuid.NewString()
	req := &connectpb.ExecutePlanRequest{
		SessionId: c.SessionID, UserContext: c.User(), OperationId: &opID, Plan: plan, Tags: tags,
		RequestOptions: []*connectpb.ExecutePlanRequest_RequestOption{{
			RequestOption: &connectpb.ExecutePlanRequest_RequestOption_ReattachOptions{
				ReattachOptions: &connectpb.ReattachOptions{Reattachable: true}}}},
	}
	res := &Result{OperationID: opID}
	stream, err := c.rpc.ExecutePlan(ctx, req)
	if err != nil {
		return nil, c.wrap(err)
	}
	var last *string
	for attempt := 0; ; attempt++ {
		complete, err := c.drain(stream, res, &last)
		if err != nil {
			res.Release()
			return nil, c.wrap(err)
		}
		if complete {
			break
		}
		if attempt > 10 {
			return nil, fmt.Errorf("stream of operation %s ended %d times without ResultComplete", opID, attempt)
		}
		stream, err = c.rpc.ReattachExecute(ctx, &connectpb.ReattachExecuteRequest{
			SessionId: c.SessionID, UserContext: c.User(), OperationId: opID, LastResponseId: last,
		})
		if err != nil {
			return nil, c.wrap(err)
		}
	}
	_, err = c.rpc.ReleaseExecute(ctx, &connectpb.ReleaseExecuteRequest{
		SessionId: c.SessionID, UserContext: c.User(), OperationId: opID,
		Release: &connectpb.ReleaseExecuteRequest_ReleaseAll_{ReleaseAll: &connectpb.ReleaseExecuteRequest_ReleaseAll{}},
	})
	return res, c.wrap(err)
}

func (c *Client) drain(stream grpc.ServerStreamingClient[connectpb.ExecutePlanResponse], res *Result, last **string) (bool, error) {
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if err := c.checkSession(resp.GetSessionId(), resp.GetServerSideSessionId()); err != nil {
			return false, err
		}
		if resp.GetResponseId() == "" {
			return false, fmt.Errorf("response without response_id")
		}
		id := resp.GetResponseId()
		*last = &id
		res.Responses = append(res.Responses, resp)
		switch r := resp.GetResponseType().(type) {
		case *connectpb.ExecutePlanResponse_ArrowBatch_:
			schema, batches, err := arrowbatch.Decode(r.ArrowBatch.GetData())
			if err != nil {
				return false, fmt.Errorf("arrow batch: %w", err)
			}
			var n int64
			for _, b := range batches {
				n += b.NumRows()
			}
			if n != r.ArrowBatch.GetRowCount() {
				return false, fmt.Errorf("arrow batch row_count %d but %d rows in the data", r.ArrowBatch.GetRowCount(), n)
			}
			res.ArrowSchema = schema
			res.Batches = append(res.Batches, batches...)
		case *connectpb.ExecutePlanResponse_SqlCommandResult_:
			res.SQLResult = r.SqlCommandResult
		case *connectpb.ExecutePlanResponse_ResultComplete_:
			return true, nil
		}
		if resp.GetSchema() != nil {
			res.Schema = resp.GetSchema()
		}
	}
}

// SQL runs spark.sql(query) as PySpark does: a SqlCommand whose answer is a relation.
func (c *Client) SQL(ctx context.Context, query string) (*connectpb.Relation, error) {
	res, err := c.Execute(ctx, &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{
		CommandType: &connectpb.Command_SqlCommand{SqlCommand: &connectpb.SqlCommand{
			Input: &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: query}}},
		}},
	}}})
	if err != nil {
		return nil, err
	}
	defer res.Release()
	if res.SQLResult == nil {
		return nil, fmt.Errorf("no sql_command_result in the answer")
	}
	return res.SQLResult.GetRelation(), nil
}

// Collect runs a relation and returns its batches.
func (c *Client) Collect(ctx context.Context, rel *connectpb.Relation) (*Result, error) {
	return c.Execute(ctx, &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: rel}})
}

// Analyze sends an AnalyzePlan request; fill the analysis with set.
func (c *Client) Analyze(ctx context.Context, req *connectpb.AnalyzePlanRequest) (*connectpb.AnalyzePlanResponse, error) {
	req.SessionId, req.UserContext = c.SessionID, c.User()
	resp, err := c.rpc.AnalyzePlan(ctx, req)
	if err != nil {
		return nil, c.wrap(err)
	}
	return resp, c.checkSession(resp.GetSessionId(), resp.GetServerSideSessionId())
}

// Config sends one config operation.
func (c *Client) Config(ctx context.Context, op *connectpb.ConfigRequest_Operation) (*connectpb.ConfigResponse, error) {
	resp, err := c.rpc.Config(ctx, &connectpb.ConfigRequest{SessionId: c.SessionID, UserContext: c.User(), Operation: op})
	if err != nil {
		return nil, c.wrap(err)
	}
	return resp, c.checkSession(resp.GetSessionId(), resp.GetServerSideSessionId())
}

// ReleaseSession ends the session on the server.
func (c *Client) ReleaseSession(ctx context.Context) error {
	_, err := c.rpc.ReleaseSession(ctx, &connectpb.ReleaseSessionRequest{SessionId: c.SessionID, UserContext: c.User()})
	return c.wrap(err)
}
