package flight

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/physical"
)

var testSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// batch makes a batch of ids lo..hi-1 with their strings.
func batch(t testing.TB, alloc memory.Allocator, lo, hi int64) arrow.RecordBatch {
	t.Helper()
	var js strings.Builder
	js.WriteByte('[')
	for i := lo; i < hi; i++ {
		if i > lo {
			js.WriteByte(',')
		}
		fmt.Fprintf(&js, `{"id":%d,"s":"v%d"}`, i, i)
	}
	js.WriteByte(']')
	b, _, err := array.RecordFromJSON(alloc, testSchema, strings.NewReader(js.String()))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func drain(t testing.TB, s physical.Stream) []int64 {
	t.Helper()
	defer s.Close()
	var out []int64
	for {
		b, err := s.Next()
		if physical.IsEOF(err) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		ids := b.Column(0).(*array.Int64)
		for i := range ids.Len() {
			out = append(out, ids.Value(i))
		}
		b.Release()
	}
}

func ids(lo, hi int64) []int64 {
	var out []int64
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

// write commits one map output: reduce partition r gets batches [r*100+10*i, +10) for
// i < batches.
func write(t testing.TB, s *Store, alloc memory.Allocator, key physical.ShuffleOutputKey, parts, batches int) []physical.ShufflePartitionStats {
	t.Helper()
	w, err := s.Create(context.Background(), key, testSchema, parts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range batches {
		for r := range parts {
			lo := int64(r*100 + 10*i)
			if err := w.Write(r, batch(t, alloc, lo, lo+10)); err != nil {
				t.Fatal(err)
			}
		}
	}
	stats, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func TestTicket(t *testing.T) {
	for _, tk := range []Ticket{{Job: "job-1", Stage: 3, MapPartition: 7, Partition: 199}, {}, {Job: strings.Repeat("x", 300), Stage: 1 << 30}} {
		got, err := DecodeTicket(tk.Encode())
		if err != nil || got != tk {
			t.Errorf("%v: got %v, %v", tk, got, err)
		}
	}
	good := Ticket{Job: "j", Stage: 1, MapPartition: 2, Partition: 3}.Encode()
	bad := [][]byte{nil, {}, {2}, good[:len(good)-1], append(slices.Clone(good), 0), {1, 200}, {1, 0, 1, 2}}
	for _, b := range bad {
		if _, err := DecodeTicket(b); err == nil {
			t.Errorf("%v decoded", b)
		}
	}
}

func TestStore(t *testing.T) {
	for _, limit := range []int64{0, -1, 1000} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer alloc.AssertSize(t, 0)
			s := NewStore(StoreOptions{MemoryLimit: limit, Dir: t.TempDir()})
			defer s.Close()
			key := physical.ShuffleOutputKey{Job: "j", Stage: 1, MapPartition: 0}
			stats := write(t, s, alloc, key, 3, 4)
			for r, st := range stats {
				if st.Rows != 40 || st.Batches != 4 || st.Bytes <= 0 {
					t.Errorf("partition %d: %+v", r, st)
				}
			}
			switch {
			case limit < 0 && (s.MemoryUsed() != 0 || s.SpilledBytes() == 0):
				t.Errorf("memory %d, spilled %d: everything should spill", s.MemoryUsed(), s.SpilledBytes())
			case limit == 0 && (s.MemoryUsed() == 0 || s.SpilledBytes() != 0):
				t.Errorf("memory %d, spilled %d: nothing should spill", s.MemoryUsed(), s.SpilledBytes())
			case limit > 0 && (s.MemoryUsed() > limit || s.SpilledBytes() == 0):
				t.Errorf("memory %d, spilled %d: over the limit or nothing spilled", s.MemoryUsed(), s.SpilledBytes())
			}
			for r := range 3 {
				_, st, err := s.Open("j", 1, 0, r)
				if err != nil {
					t.Fatal(err)
				}
				if got := drain(t, st); !slices.Equal(got, ids(int64(r*100), int64(r*100+40))) {
					t.Errorf("partition %d: %v", r, got)
				}
			}
			if _, _, err := s.Open("j", 1, 1, 0); !errors.Is(err, ErrNotFound) {
				t.Errorf("missing output: %v", err)
			}
			if _, _, err := s.Open("j", 1, 0, 3); !errors.Is(err, ErrNotFound) {
				t.Errorf("missing partition: %v", err)
			}

			// A retried task replaces the output when it commits; an aborted one leaves
			// nothing.
			w, _ := s.Create(context.Background(), key, testSchema, 3)
			if err := w.Write(0, batch(t, alloc, 1000, 1001)); err != nil {
				t.Fatal(err)
			}
			w.Abort()
			write(t, s, alloc, key, 3, 1)
			_, st, _ := s.Open("j", 1, 0, 2)
			if got := drain(t, st); !slices.Equal(got, ids(200, 210)) {
				t.Errorf("after the retry: %v", got)
			}

			// A reader opened before the job is removed finishes.
			write(t, s, alloc, physical.ShuffleOutputKey{Job: "k", Stage: 1, MapPartition: 0}, 2, 3)
			_, st, _ = s.Open("k", 1, 0, 1)
			s.RemoveJob("k")
			if got := drain(t, st); !slices.Equal(got, ids(100, 130)) {
				t.Errorf("read across the removal: %v", got)
			}
			s.RemoveJob("j")
			if s.MemoryUsed() != 0 || s.SpilledBytes() != 0 || len(s.Jobs()) != 0 {
				t.Errorf("after removal: memory %d, spilled %d, jobs %v", s.MemoryUsed(), s.SpilledBytes(), s.Jobs())
			}
		})
	}
}

// TestFlight serves outputs from two workers and fetches reduce partitions across them,
// in map order, with fewer fetches at once than outputs, and results for the driver.
func TestFlight(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	stores := []*Store{NewStore(StoreOptions{}), NewStore(StoreOptions{MemoryLimit: -1, Dir: t.TempDir()})}
	var addrs []string
	for _, s := range stores {
		srv, err := NewServer(s, "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		defer srv.Stop()
		addrs = append(addrs, srv.Addr())
	}
	client := NewClient(alloc)
	defer client.Close()
	const maps = 7
	locs := Locations{5: make([]string, maps)}
	for m := range maps {
		w := m % 2
		// Map output m, reduce partition r holds [r*100 + 10*i, +10) + m*1000.
		wr, err := stores[w].Create(context.Background(), physical.ShuffleOutputKey{Job: "j", Stage: 5, MapPartition: int32(m)}, testSchema, 2)
		if err != nil {
			t.Fatal(err)
		}
		for r := range 2 {
			for i := range m % 3 {
				lo := int64(m*1000 + r*100 + 10*i)
				if err := wr.Write(r, batch(t, alloc, lo, lo+10)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := wr.Commit(); err != nil {
			t.Fatal(err)
		}
		locs[5][m] = addrs[w]
	}
	for _, local := range []bool{false, true} {
		f := NewFetcher(client, locs, nil, "")
		if local {
			f = NewFetcher(client, locs, stores[0], addrs[0])
		}
		f.parallel = 2
		for r := range 2 {
			st, err := f.Fetch(context.Background(), physical.ShuffleReadRequest{Job: "j", Stage: 5, Partition: r, MapPartitions: maps, Schema: testSchema})
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			for m := range maps {
				for i := range m % 3 {
					lo := int64(m*1000 + r*100 + 10*i)
					want = append(want, ids(lo, lo+10)...)
				}
			}
			if got := drain(t, st); !slices.Equal(got, want) {
				t.Errorf("local=%t partition %d: got %v, want %v", local, r, got, want)
			}
		}
	}

	// Closing a fetch early stops it and frees what it read ahead.
	f := NewFetcher(client, locs, nil, "")
	st, err := f.Fetch(context.Background(), physical.ShuffleReadRequest{Job: "j", Stage: 5, Partition: 0, MapPartitions: maps, Schema: testSchema})
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.Next()
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	st.Close()

	// A result partition for the driver.
	wr, _ := stores[1].Create(context.Background(), physical.ShuffleOutputKey{Job: "j", Stage: 9, MapPartition: 1}, testSchema, 1)
	if err := wr.Write(0, batch(t, alloc, 0, 5)); err != nil {
		t.Fatal(err)
	}
	if _, err := wr.Commit(); err != nil {
		t.Fatal(err)
	}
	schema, rs, err := client.FetchResult(context.Background(), addrs[1], "j", 9, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !schema.Equal(testSchema) {
		t.Errorf("schema %s", schema)
	}
	if got := drain(t, rs); !slices.Equal(got, ids(0, 5)) {
		t.Errorf("result: %v", got)
	}

	// A missing output is a lost one; so is an unreachable worker.
	_, ms, err := client.Fetch(context.Background(), addrs[0], Ticket{Job: "nope", Stage: 5})
	if err == nil {
		_, err = ms.Next()
		ms.Close()
	}
	var fe *FetchError
	if !errors.As(err, &fe) || !fe.Lost() {
		t.Errorf("missing output: %v", err)
	}
	bad := Locations{5: slices.Clone(locs[5])}
	bad[5][3] = "127.0.0.1:1"
	st, err = NewFetcher(client, bad, nil, "").Fetch(context.Background(), physical.ShuffleReadRequest{Job: "j", Stage: 5, Partition: 0, MapPartitions: maps, Schema: testSchema})
	if err == nil {
		for {
			b, err = st.Next()
			if err != nil {
				break
			}
			b.Release()
		}
		st.Close()
	}
	if !errors.As(err, &fe) || !fe.Lost() || fe.Ticket.MapPartition != 3 {
		t.Errorf("unreachable worker: %v", err)
	}
	if _, err := NewFetcher(client, locs, nil, "").Fetch(context.Background(), physical.ShuffleReadRequest{Job: "j", Stage: 5, MapPartitions: maps + 1}); err == nil {
		t.Error("a fetch with missing locations started")
	}
	for _, s := range stores {
		s.RemoveJob("j")
	}
}

func TestWorkerRun(t *testing.T) {
	store := NewStore(StoreOptions{})
	defer store.Close()
	client := NewClient(nil)
	defer client.Close()
	w := &Worker{Store: store, Addr: "self", Client: client}
	rng := physical.NewRange(0, 100, 1, 2)
	sw, err := physical.NewShuffleWrite(rng, 4, nil, 3, true)
	if err != nil {
		t.Fatal(err)
	}
	planBytes := func(p physical.ExecutionPlan) []byte {
		m, err := physical.EncodePlan(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	stats, err := w.Run(context.Background(), Task{Job: "j", Plan: planBytes(sw), Partition: 1})
	if err != nil {
		t.Fatal(err)
	}
	var rows int64
	for _, s := range stats {
		rows += s.Rows
	}
	if len(stats) != 3 || rows != 50 {
		t.Errorf("statistics %+v", stats)
	}
	_, st, err := store.Open("j", 4, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	drain(t, st)
	for _, c := range []struct {
		name string
		task Task
		want string
	}{
		{"garbage", Task{Job: "j", Plan: []byte{0xff, 0xff}}, "task plan"},
		{"no shuffle write", Task{Job: "j", Plan: planBytes(rng)}, "not a shuffle write"},
		{"partition out of range", Task{Job: "j", Plan: planBytes(sw), Partition: 2}, "task partition 2"},
	} {
		if _, err := w.Run(context.Background(), c.task); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
