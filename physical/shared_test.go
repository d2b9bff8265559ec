package physical

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
)

// countingSource counts the executions of each partition.
type countingSource struct {
	*memSource
	runs atomic.Int64
}

func (c *countingSource) Execute(ctx context.Context, p int) (Stream, error) {
	c.runs.Add(1)
	return c.memSource.Execute(ctx, p)
}

func sharedTestSource(t *testing.T) *countingSource {
	s := schemaOf("id", arrow.PrimitiveTypes.Int64, "b", arrow.PrimitiveTypes.Int64)
	return &countingSource{memSource: source(t, s,
		[]string{`[{"id":1,"b":10},{"id":2,"b":20}]`, `[{"id":3,"b":30}]`},
		[]string{`[{"id":4,"b":40}]`},
		[]string{})}
}

func TestSharedComputesOnce(t *testing.T) {
	src := sharedTestSource(t)
	want := []string{"1|10", "2|20", "3|30", "4|40"}
	s := NewShared(nil, src, 1)
	s.AddConsumer()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Two consumers read at the same time, one through a join's build side.
	var wg sync.WaitGroup
	var got [2][]string
	var errs [2]error
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = tryRows(ctx, s)
		}()
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		eqStrings(t, "consumer", got[i], want)
	}
	if n := src.runs.Load(); n != 3 {
		t.Fatalf("child partitions executed %d times, want 3 (once each)", n)
	}
	// Every partition was read by both consumers: its batches are gone.
	for _, p := range s.cur.parts {
		if !p.released {
			t.Fatal("a partition kept its batches after both consumers read it")
		}
	}
	// A later execution of the same query plan starts over.
	eqStrings(t, "again", rows(t, s), want)
	if n := src.runs.Load(); n != 6 {
		t.Fatalf("child partitions executed %d times, want 6", n)
	}
}

func TestSharedSingleConsumerPassesThrough(t *testing.T) {
	src := sharedTestSource(t)
	s := NewShared(nil, src, 1)
	eqStrings(t, "rows", rows(t, s), []string{"1|10", "2|20", "3|30", "4|40"})
	if s.cur != nil {
		t.Fatal("a single consumer should read the child directly")
	}
}

func TestSharedAsJoinInputs(t *testing.T) {
	// The same shared plan on both sides of a self-join.
	src := sharedTestSource(t)
	s := NewShared(nil, src, 2)
	id := &expr.Column{Index: 0, Type: arrow.PrimitiveTypes.Int64}
	j, err := NewHashJoin(s, s, []expr.Expr{id}, []expr.Expr{id}, nil, InnerJoin, nil)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "self-join", rows(t, j), []string{"1|10|1|10", "2|20|2|20", "3|30|3|30", "4|40|4|40"})
	if n := src.runs.Load(); n != 3 {
		t.Fatalf("child partitions executed %d times, want 3", n)
	}
}

func TestSharedKeepsBatchesForALaterConsumer(t *testing.T) {
	// With the query's context, a consumer that starts after the first is done (a scalar
	// subquery evaluated once the join above it runs) still reads the kept batches.
	src := sharedTestSource(t)
	query, cancel := context.WithCancel(context.Background())
	s := NewShared(query, src, 2)
	want := []string{"1|10", "2|20", "3|30", "4|40"}
	eqStrings(t, "first", rows(t, s), want)
	eqStrings(t, "second", rows(t, s), want)
	if n := src.runs.Load(); n != 3 {
		t.Fatalf("child partitions executed %d times, want 3", n)
	}
	if !s.cur.over {
		t.Fatal("the run should end once both consumers read everything")
	}
	// A consumer that never comes: the query's end frees the batches.
	s2 := NewShared(query, src, 2)
	eqStrings(t, "only one", rows(t, s2), want)
	if s2.cur.over {
		t.Fatal("the run ended before its second consumer")
	}
	cancel()
	for _, p := range s2.cur.parts {
		for !p.releasedLocked() {
			runtime.Gosched()
		}
	}
}
