package client

import (
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// A decoded error keeps its gRPC code, so callers can tell an unreachable server from an
// error the server reported.
func TestDecodedErrorKeepsItsCode(t *testing.T) {
	err := (&Client{}).wrap(status.Error(codes.Unavailable, "connection refused"))
	if _, ok := err.(*Error); !ok {
		t.Fatalf("wrap gave %T", err)
	}
	if got := status.Code(err); got != codes.Unavailable {
		t.Errorf("status.Code = %v, want Unavailable", got)
	}
}
