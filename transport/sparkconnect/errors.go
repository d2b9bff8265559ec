package sparkconnect

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// maxStatusMessage bounds the status message; the full text is in FetchErrorDetails.
const maxStatusMessage = 2048

// Sparkify turns any error into a *sparkerror.Error: known error types of the engine's
// packages keep their class, everything else is an INTERNAL_ERROR.
var Sparkify = func(err error) *sparkerror.Error {
	if e, ok := sparkerror.As(err); ok {
		return e
	}
	var ce *sqlconf.Error
	if errors.As(err, &ce) {
		msg := strings.TrimPrefix(ce.Message, "["+ce.Class+"] ")
		msg = strings.TrimSuffix(msg, " SQLSTATE: "+ce.SQLState)
		return &sparkerror.Error{Kind: sparkerror.IllegalArgument, Class: ce.Class, SQLState: ce.SQLState,
			Params: ce.Params, Message: msg, JavaClasses: ce.Classes()}
	}
	var te *types.Error
	if errors.As(err, &te) {
		kind, classes := sparkerror.KindOfException(te.Exception)
		e := &sparkerror.Error{Kind: kind, Class: te.Class, SQLState: te.SQLState, Params: te.Params,
			Message: te.Message, JavaClasses: classes}
		if te.Query != "" {
			e.Context = &sparkerror.Context{Start: te.Offset, Stop: te.Offset, Fragment: te.Query}
		}
		return e
	}
	if errors.Is(err, context.Canceled) {
		return sparkerror.Canceled()
	}
	return sparkerror.InternalError("%v", err)
}

// toStatus renders err as the gRPC status Spark Connect sends: code INTERNAL (as Spark), the
// message, and an ErrorInfo whose metadata the PySpark client turns into a typed exception.
// With a session, the error is kept for FetchErrorDetails under the errorId it carries.
func toStatus(err error, s *sessions.Session) error {
	if err == nil {
		return nil
	}
	if st, ok := status.FromError(err); ok && st.Code() != codes.Unknown && len(st.Details()) > 0 {
		return err // already a status of ours
	}
	e := Sparkify(err)
	classes, _ := json.Marshal(e.Classes())
	params := e.Params
	if params == nil {
		params = map[string]string{}
	}
	paramsJSON, _ := json.Marshal(params)
	info := &errdetails.ErrorInfo{
		Reason:   e.Classes()[0],
		Domain:   "org.apache.spark",
		Metadata: map[string]string{"classes": string(classes)},
	}
	if e.Class != "" {
		info.Metadata["errorClass"] = e.Class
		info.Metadata["messageParameters"] = string(paramsJSON)
	}
	if e.SQLState != "" {
		info.Metadata["sqlState"] = e.SQLState
	}
	if s != nil {
		info.Metadata["errorId"] = s.RecordError(e)
	}
	msg := e.Error()
	if len(msg) > maxStatusMessage {
		msg = msg[:maxStatusMessage]
	}
	code := codes.Internal // as Spark, for every error
	if e.Class == "NOT_IMPLEMENTED" {
		code = codes.Unimplemented
	}
	st, serr := status.New(code, msg).WithDetails(info)
	if serr != nil {
		return status.Error(codes.Internal, msg)
	}
	return st.Err()
}

// errorDetails answers FetchErrorDetails for one recorded error.
func errorDetails(err error) []*connectpb.FetchErrorDetailsResponse_Error {
	e := Sparkify(err)
	thr := &connectpb.FetchErrorDetailsResponse_SparkThrowable{
		MessageParameters: maps.Clone(e.Params),
	}
	if e.Class != "" {
		thr.ErrorClass = &e.Class
	}
	if e.SQLState != "" {
		thr.SqlState = &e.SQLState
	}
	if c := e.Context; c != nil {
		thr.QueryContexts = append(thr.QueryContexts, &connectpb.FetchErrorDetailsResponse_QueryContext{
			ContextType: connectpb.FetchErrorDetailsResponse_QueryContext_SQL,
			StartIndex:  int32(c.Start), StopIndex: int32(c.Stop), Fragment: c.Fragment,
		})
	}
	out := []*connectpb.FetchErrorDetailsResponse_Error{{
		ErrorTypeHierarchy: slices.Clone(e.Classes()),
		Message:            e.Error(),
		SparkThrowable:     thr,
	}}
	return out
}
