package sessions

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
)

func testSession(t *testing.T) *Session {
	s := NewSession("u", "00000000-0000-0000-0000-000000000001", "srv", sqlconf.New(sqlconf.MustNewRegistry()), nil)
	s.DetachedTimeout = 0
	t.Cleanup(s.Close)
	return s
}

func batchResp(n int) *connectpb.ExecutePlanResponse {
	return &connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_ArrowBatch_{
		ArrowBatch: &connectpb.ExecutePlanResponse_ArrowBatch{RowCount: int64(n), Data: make([]byte, 100)}}}
}

func TestOperationStreamsAndResumesAfterAResponseID(t *testing.T) {
	s := testSession(t)
	op, err := s.StartOperation("", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Run(op, func(ctx context.Context, op *Operation) error {
		for i := 1; i <= 5; i++ {
			if err := op.Emit(batchResp(i)); err != nil {
				return err
			}
		}
		return nil
	})
	var ids []string
	var rows []int64
	ctx, cancel := context.WithCancel(context.Background())
	err = op.Stream(ctx, nil, func(r *connectpb.ExecutePlanResponse) error {
		ids = append(ids, r.ResponseId)
		rows = append(rows, r.GetArrowBatch().GetRowCount())
		if len(ids) == 2 {
			return errors.New("client went away")
		}
		return nil
	})
	cancel()
	if err == nil || len(ids) != 2 {
		t.Fatalf("first stream: err=%v ids=%d", err, len(ids))
	}
	// Resume after the second response: responses 3, 4, 5 follow, then the end.
	err = op.Stream(context.Background(), &ids[1], func(r *connectpb.ExecutePlanResponse) error {
		rows = append(rows, r.GetArrowBatch().GetRowCount())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[2] != 3 || rows[4] != 5 {
		t.Fatalf("rows %v", rows)
	}
	// An unknown position is Spark's INVALID_CURSOR.POSITION_NOT_FOUND.
	bogus := "nope"
	err = op.Stream(context.Background(), &bogus, func(*connectpb.ExecutePlanResponse) error { return nil })
	if e, ok := sparkerror.As(err); !ok || e.Class != "INVALID_CURSOR.POSITION_NOT_FOUND" {
		t.Fatalf("got %v", err)
	}
}

func TestOperationInterruptAndDuplicateIDs(t *testing.T) {
	s := testSession(t)
	id := "00000000-0000-0000-0000-0000000000aa"
	op, err := s.StartOperation(id, []string{"t"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartOperation(id, nil); err == nil {
		t.Fatal("a second operation with the same id must be refused")
	}
	if _, err := s.StartOperation("not-a-uuid", nil); err == nil {
		t.Fatal("a non-UUID operation id must be refused")
	}
	started := make(chan struct{})
	s.Run(op, func(ctx context.Context, op *Operation) error {
		close(started)
		<-ctx.Done()
		return context.Cause(ctx)
	})
	<-started
	ids := s.Interrupt(func(o *Operation) bool { return len(o.Tags) == 1 && o.Tags[0] == "t" })
	if len(ids) != 1 || ids[0] != id {
		t.Fatalf("interrupted %v", ids)
	}
	err = op.Stream(context.Background(), nil, func(*connectpb.ExecutePlanResponse) error { return nil })
	if e, ok := sparkerror.As(err); !ok || e.Class != "OPERATION_CANCELED" {
		t.Fatalf("got %v", err)
	}
}

// TestOperationBackpressure checks that a producer far ahead of its reader blocks instead
// of buffering without bound, and that the reader still gets everything in order.
func TestOperationBackpressure(t *testing.T) {
	s := testSession(t)
	op, _ := s.StartOperation("", nil)
	big := func(i int) *connectpb.ExecutePlanResponse {
		return &connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_ArrowBatch_{
			ArrowBatch: &connectpb.ExecutePlanResponse_ArrowBatch{RowCount: int64(i), Data: make([]byte, 4<<20)}}}
	}
	var mu sync.Mutex
	produced := 0
	s.Run(op, func(ctx context.Context, op *Operation) error {
		for i := 0; i < 40; i++ { // 160 MiB in all
			if err := op.Emit(big(i)); err != nil {
				return err
			}
			mu.Lock()
			produced++
			mu.Unlock()
		}
		return nil
	})
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	ahead := produced
	mu.Unlock()
	if ahead*4<<20 > maxUnsentBytes+(4<<20) {
		t.Fatalf("producer buffered %d responses (%d MiB) with no reader", ahead, ahead*4)
	}
	next := int64(0)
	err := op.Stream(context.Background(), nil, func(r *connectpb.ExecutePlanResponse) error {
		if r.GetArrowBatch().GetRowCount() != next {
			t.Fatalf("got %d want %d", r.GetArrowBatch().GetRowCount(), next)
		}
		next++
		return nil
	})
	if err != nil || next != 40 {
		t.Fatalf("err=%v read=%d", err, next)
	}
}
