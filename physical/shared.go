package physical

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/memory"
)

// Shared is a plan that several parts of one query read, computed once: the planner puts
// one Shared where a query holds the same subplan twice (TPC-H q15's revenue view, once
// joined and once under max()), as Spark reuses an exchange. Each partition's batches
// are kept (accounted in the memory pool) until every consumer has read them.
//
// Within one execution each consumer executes each partition once. The consumer that
// needs a batch nobody has produced yet pulls it from the child's stream; the others wait
// for it or read it from the kept ones.
type Shared struct {
	OpMetrics
	child     ExecutionPlan
	consumers int
	query     context.Context // the query's; nil: the run ends with its consumers' contexts

	mu  sync.Mutex
	cur *sharedRun
}

// NewShared wraps child for consumers readers. Kept batches live at most as long as
// query, the query's context (nil: as long as some consumer's context does; a consumer
// that comes after the others are done then computes the child again).
func NewShared(query context.Context, child ExecutionPlan, consumers int) *Shared {
	return &Shared{query: query, child: child, consumers: max(consumers, 1)}
}

// AddConsumer counts one more reader (before the plan runs).
func (s *Shared) AddConsumer() { s.consumers++ }

func (s *Shared) Schema() *arrow.Schema     { return s.child.Schema() }
func (s *Shared) Partitions() int           { return s.child.Partitions() }
func (s *Shared) Children() []ExecutionPlan { return []ExecutionPlan{s.child} }
func (s *Shared) Describe() string          { return fmt.Sprintf("Shared: consumers=%d", s.consumers) }

// sharedRun is one execution. Consumers execute partitions with contexts of their own
// (each operator's stream derives one, cancelled when it is done), so the run has its own,
// which ends with the query's, or when the last consumer's ends without one, or once
// every partition has been read by every consumer.
type sharedRun struct {
	ctx    context.Context
	cancel context.CancelFunc
	res    *memory.Reservation
	parts  []*sharedPart
	live   int // consumer contexts not done yet
	over   bool
}

// shutdown stops the run and drops what it kept.
func (r *sharedRun) shutdown() {
	r.cancel()
	for _, p := range r.parts {
		p.mu.Lock()
		p.release(r.res)
		p.cond.Broadcast()
		p.mu.Unlock()
	}
	r.res.Close()
}

// sharedPart is one partition of a run: the child's stream and the batches it gave.
type sharedPart struct {
	mu       sync.Mutex
	cond     *sync.Cond
	in       Stream
	batches  []arrow.RecordBatch
	sizes    []int64
	pulling  bool // a consumer is waiting on in.Next
	done     bool
	err      error
	opened   int
	closed   int
	released bool
}

func (s *Shared) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= s.Partitions() {
		return nil, fmt.Errorf("shared: partition %d out of range", partition)
	}
	if s.consumers <= 1 {
		return s.child.Execute(ctx, partition)
	}
	s.mu.Lock()
	r := s.cur
	if r == nil || r.over || r.parts[partition].opened >= s.consumers {
		r = &sharedRun{res: memory.FromContext(ctx).NewReservation("Shared"), parts: make([]*sharedPart, s.Partitions())}
		r.ctx, r.cancel = context.WithCancel(context.WithoutCancel(ctx))
		for i := range r.parts {
			p := &sharedPart{}
			p.cond = sync.NewCond(&p.mu)
			r.parts[i] = p
		}
		s.cur = r
		if s.query != nil {
			context.AfterFunc(s.query, func() { s.end(r) })
		}
	}
	if s.query == nil {
		r.live++
		context.AfterFunc(ctx, func() {
			s.mu.Lock()
			r.live--
			last := r.live == 0
			s.mu.Unlock()
			if last {
				s.end(r)
			}
		})
	}
	p := r.parts[partition]
	p.mu.Lock()
	p.opened++
	first := p.opened == 1
	p.mu.Unlock()
	s.mu.Unlock()
	if first {
		in, err := s.child.Execute(r.ctx, partition)
		p.mu.Lock()
		if err != nil {
			p.err, p.done = err, true
		} else {
			p.in = in
		}
		p.cond.Broadcast()
		p.mu.Unlock()
	}
	return s.meter(&sharedStream{s: s, run: r, p: p}), nil
}

// end shuts a run down once.
func (s *Shared) end(r *sharedRun) {
	s.mu.Lock()
	first := !r.over
	r.over = true
	s.mu.Unlock()
	if first {
		r.shutdown()
	}
}

// release drops the kept batches and the child's stream (p.mu held).
func (p *sharedPart) release(res *memory.Reservation) {
	if p.released {
		return
	}
	p.released = true
	for i, b := range p.batches {
		if b != nil {
			b.Release()
			res.Shrink(p.sizes[i])
		}
	}
	p.batches, p.sizes = nil, nil
	if p.in != nil && !p.pulling {
		p.in.Close()
		p.in = nil
	}
}

type sharedStream struct {
	s      *Shared
	run    *sharedRun
	p      *sharedPart
	next   int
	closed bool
}

func (st *sharedStream) Next() (arrow.RecordBatch, error) {
	p := st.p
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if p.released {
			if err := st.run.ctx.Err(); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("shared: partition read after it was released")
		}
		if st.next < len(p.batches) {
			b := p.batches[st.next]
			st.next++
			b.Retain()
			return b, nil
		}
		if p.done {
			if p.err != nil {
				return nil, p.err
			}
			return nil, io.EOF
		}
		if p.pulling || p.in == nil {
			p.cond.Wait()
			continue
		}
		// Nobody is producing: pull the next batch for everyone.
		p.pulling = true
		in := p.in
		p.mu.Unlock()
		b, err := in.Next()
		p.mu.Lock()
		p.pulling = false
		switch {
		case p.released:
			if b != nil {
				b.Release()
			}
			in.Close()
			p.in = nil
		case IsEOF(err):
			p.done = true
		case err != nil:
			p.done, p.err = true, err
		default:
			size := aggregate.BatchSize(b)
			st.run.res.Grow(size)
			st.s.memory(st.run.res.Size())
			p.batches = append(p.batches, b)
			p.sizes = append(p.sizes, size)
		}
		p.cond.Broadcast()
	}
}

func (st *sharedStream) Close() {
	if st.closed {
		return
	}
	st.closed = true
	p := st.p
	p.mu.Lock()
	p.closed++
	last := p.closed >= st.s.consumers
	if last {
		p.release(st.run.res)
		p.cond.Broadcast()
	}
	p.mu.Unlock()
	if !last {
		return
	}
	r := st.run
	for _, q := range r.parts {
		if !q.releasedLocked() {
			return
		}
	}
	st.s.end(r) // every partition has been read by every consumer
}

// releasedLocked reports whether p released its batches.
func (p *sharedPart) releasedLocked() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.released
}
