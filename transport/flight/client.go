package flight

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	aflight "github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Client fetches outputs from the Flight servers of workers, keeping one connection per
// address. It is safe for concurrent use.
type Client struct {
	alloc arrowmem.Allocator

	mu     sync.Mutex
	conns  map[string]aflight.Client
	closed bool
}

// NewClient makes a client whose batches come from alloc (nil: the default allocator).
func NewClient(alloc arrowmem.Allocator) *Client {
	if alloc == nil {
		alloc = arrowmem.DefaultAllocator
	}
	return &Client{alloc: alloc, conns: map[string]aflight.Client{}}
}

func (c *Client) conn(addr string) (aflight.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errors.New("flight client closed")
	}
	if fc, ok := c.conns[addr]; ok {
		return fc, nil
	}
	fc, err := aflight.NewClientWithMiddleware(addr, nil, nil,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageBytes), grpc.MaxCallSendMsgSize(MaxMessageBytes)))
	if err != nil {
		return nil, err
	}
	c.conns[addr] = fc
	return fc, nil
}

// Close closes every connection.
func (c *Client) Close() {
	c.mu.Lock()
	conns := c.conns
	c.conns, c.closed = map[string]aflight.Client{}, true
	c.mu.Unlock()
	for _, fc := range conns {
		fc.Close()
	}
}

// FetchError is a failed fetch: which output, from where. The driver treats a fetch that
// failed because the output is gone (NotFound, or the worker unreachable) as a lost map
// output to recompute.
type FetchError struct {
	Addr   string
	Ticket Ticket
	Err    error
}

func (e *FetchError) Error() string {
	return fmt.Sprintf("fetching %s from %s: %v", e.Ticket, e.Addr, e.Err)
}

func (e *FetchError) Unwrap() error { return e.Err }

// Lost reports whether the output is gone: the server does not have it or cannot be
// reached.
func (e *FetchError) Lost() bool {
	switch status.Code(e.Err) {
	case codes.NotFound, codes.Unavailable:
		return true
	}
	return false
}

// Fetch streams the reduce partition a ticket names from the server at addr; the schema
// is the stream's. Batches are the caller's to release.
func (c *Client) Fetch(ctx context.Context, addr string, t Ticket) (*arrow.Schema, physical.Stream, error) {
	fc, err := c.conn(addr)
	if err != nil {
		return nil, nil, &FetchError{Addr: addr, Ticket: t, Err: err}
	}
	ctx, cancel := context.WithCancel(ctx)
	st, err := fc.DoGet(ctx, &aflight.Ticket{Ticket: t.Encode()})
	if err != nil {
		cancel()
		return nil, nil, &FetchError{Addr: addr, Ticket: t, Err: err}
	}
	r, err := aflight.NewRecordReader(st, ipc.WithAllocator(c.alloc))
	if err != nil {
		cancel()
		return nil, nil, &FetchError{Addr: addr, Ticket: t, Err: err}
	}
	return r.Schema(), &flightStream{r: r, cancel: cancel, addr: addr, t: t}, nil
}

// FetchResult streams partition p of a job's final stage (for the driver).
func (c *Client) FetchResult(ctx context.Context, addr, job string, stage int32, p int) (*arrow.Schema, physical.Stream, error) {
	return c.Fetch(ctx, addr, Ticket{Job: job, Stage: stage, MapPartition: int32(p)})
}

// FetchResults streams every partition of a job's final stage, partition 0's batches
// first, fetching several at once; addrs[p] is where result partition p is.
func (c *Client) FetchResults(ctx context.Context, job string, stage int32, addrs []string, schema *arrow.Schema) (physical.Stream, error) {
	if len(addrs) == 0 {
		return &fetchStream{next: func() (arrow.RecordBatch, error) { return nil, io.EOF }}, nil
	}
	f := NewFetcher(c, Locations{stage: addrs}, nil, "")
	return f.Fetch(ctx, physical.ShuffleReadRequest{Job: job, Stage: stage, Partition: 0, MapPartitions: len(addrs), Schema: schema})
}

type flightStream struct {
	r      *aflight.Reader
	cancel context.CancelFunc
	addr   string
	t      Ticket
}

func (s *flightStream) Next() (arrow.RecordBatch, error) {
	if s.r == nil {
		return nil, io.EOF
	}
	if s.r.Next() {
		b := s.r.RecordBatch()
		b.Retain()
		return b, nil
	}
	err := s.r.Err()
	s.Close()
	if err == nil || errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	return nil, &FetchError{Addr: s.addr, Ticket: s.t, Err: err}
}

func (s *flightStream) Close() {
	if s.r != nil {
		s.r.Release()
		s.r = nil
		s.cancel()
	}
}

// Locations say where the map outputs of each input stage are: for a stage, the Flight
// address of the worker holding map partition i at index i.
type Locations map[int32][]string

// Fetcher is a reduce task's physical.ShuffleFetcher: it fetches every map output of a
// reduce partition over Flight, several at a time, streaming them in map partition order.
// Outputs on this worker itself are read from its store directly.
type Fetcher struct {
	client    *Client
	locations Locations
	// Local, when set, is this worker's store, served at LocalAddr.
	local     *Store
	localAddr string
	// parallel bounds the outputs fetched at once.
	parallel int
}

// DefaultFetchParallelism is how many map outputs a Fetcher reads at once.
const DefaultFetchParallelism = 8

// NewFetcher fetches through client from the given locations. local and localAddr (may be
// nil and empty) are this worker's store and its address.
func NewFetcher(client *Client, locations Locations, local *Store, localAddr string) *Fetcher {
	return &Fetcher{client: client, locations: locations, local: local, localAddr: localAddr, parallel: DefaultFetchParallelism}
}

// fetchReadAhead is how many batches of one output are fetched ahead of the consumer.
const fetchReadAhead = 4

// Fetch implements physical.ShuffleFetcher.
func (f *Fetcher) Fetch(ctx context.Context, req physical.ShuffleReadRequest) (physical.Stream, error) {
	addrs := f.locations[req.Stage]
	if len(addrs) != req.MapPartitions {
		return nil, sparkerror.InternalError("shuffle fetch: stage %d has %d map outputs, the task knows where %d are",
			req.Stage, req.MapPartitions, len(addrs))
	}
	for i, a := range addrs {
		if a == "" {
			return nil, sparkerror.InternalError("shuffle fetch: no location for stage %d map output %d", req.Stage, i)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	type item struct {
		batch arrow.RecordBatch
		err   error
	}
	chans := make([]chan item, len(addrs))
	for i := range chans {
		chans[i] = make(chan item, fetchReadAhead)
	}
	var wg sync.WaitGroup
	// The launcher starts the fetches in map order, at most parallel at once; the consumer
	// reads them in the same order, so the one it waits for always runs.
	slots := make(chan struct{}, max(f.parallel, 1))
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, addr := range addrs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				for _, ch := range chans[i:] {
					close(ch)
				}
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-slots }()
				defer close(chans[i])
				send := func(it item) bool {
					select {
					case chans[i] <- it:
						return true
					case <-ctx.Done():
						if it.batch != nil {
							it.batch.Release()
						}
						return false
					}
				}
				t := Ticket{Job: req.Job, Stage: req.Stage, MapPartition: int32(i), Partition: int32(req.Partition)}
				in, err := f.open(ctx, addr, t)
				if err != nil {
					send(item{err: err})
					return
				}
				defer in.Close()
				for {
					b, err := in.Next()
					if physical.IsEOF(err) {
						return
					}
					if err != nil {
						send(item{err: err})
						return
					}
					if !send(item{batch: b}) {
						return
					}
				}
			}()
		}
	}()
	cur := 0
	var failed error
	next := func() (arrow.RecordBatch, error) {
		if failed != nil {
			return nil, failed
		}
		for cur < len(chans) {
			select {
			case it, ok := <-chans[cur]:
				if !ok {
					if err := ctx.Err(); err != nil && cur < len(chans) {
						failed = err
						return nil, err
					}
					cur++
					continue
				}
				if it.err != nil {
					failed = it.err
					return nil, it.err
				}
				return it.batch, nil
			case <-ctx.Done():
				failed = ctx.Err()
				return nil, failed
			}
		}
		return nil, io.EOF
	}
	closeAll := func() {
		cancel()
		wg.Wait()
		for _, ch := range chans {
			for it := range ch {
				if it.batch != nil {
					it.batch.Release()
				}
			}
		}
	}
	return &fetchStream{next: next, close: closeAll}, nil
}

// open reads one output, from the local store when it is here.
func (f *Fetcher) open(ctx context.Context, addr string, t Ticket) (physical.Stream, error) {
	if f.local != nil && addr == f.localAddr {
		_, s, err := f.local.Open(t.Job, t.Stage, t.MapPartition, int(t.Partition))
		if errors.Is(err, ErrNotFound) {
			err = status.Error(codes.NotFound, err.Error())
		}
		if err != nil {
			return nil, &FetchError{Addr: addr, Ticket: t, Err: err}
		}
		return s, nil
	}
	_, s, err := f.client.Fetch(ctx, addr, t)
	return s, err
}

type fetchStream struct {
	next  func() (arrow.RecordBatch, error)
	close func()
}

func (s *fetchStream) Next() (arrow.RecordBatch, error) { return s.next() }
func (s *fetchStream) Close() {
	if s.close != nil {
		s.close()
		s.close = nil
	}
}
