package physical

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

// Repartition is a local exchange: it runs every partition of its child and routes rows
// to n output partitions, by a hash of key expressions (xxhash of the keys' canonical row
// encoding, the same in every process, so equal keys meet in the same partition
// everywhere) or round robin by batch.
//
// The output partitions of one execution share the producers, which start when the first
// output partition is executed. Producers never wait for consumers (a consumer that reads
// its partitions one after the other must not block the others): batches queue per output
// partition and source partition, accounted in the memory pool, and spill to Arrow IPC
// files when the pool is full: one file per source partition, holding its spilled batches
// for every output partition, which reads its own back by number once the source is done
// (a file per output and source partition ran out of file descriptors with hundreds of
// partitions on each side).
//
// An output partition yields the rows of source partition 0 first, then those of source 1,
// and so on, each source's batches in the order it produced them. The output is therefore
// the same in every run for the same plan and data (an aggregate that merges partial
// states, or collect_list, sees its inputs in a fixed order), whatever the producers'
// timing.
type Repartition struct {
	OpMetrics
	child      ExecutionPlan
	keys       []expr.Expr
	n          int
	roundRobin bool

	mu  sync.Mutex
	cur *exchange
}

// NewRepartition hash-partitions child's rows by keys into n partitions.
func NewRepartition(child ExecutionPlan, keys []expr.Expr, n int) (*Repartition, error) {
	if n < 1 {
		return nil, fmt.Errorf("repartition: %d partitions", n)
	}
	for _, k := range keys {
		if err := aggregate.CheckKeyType(k.DataType()); err != nil {
			return nil, err
		}
	}
	return &Repartition{child: child, keys: keys, n: n}, nil
}

// NewRoundRobin deals child's batches to n partitions in turn.
func NewRoundRobin(child ExecutionPlan, n int) *Repartition {
	return &Repartition{child: child, n: max(n, 1), roundRobin: true}
}

func (r *Repartition) Schema() *arrow.Schema     { return r.child.Schema() }
func (r *Repartition) Partitions() int           { return r.n }
func (r *Repartition) Children() []ExecutionPlan { return []ExecutionPlan{r.child} }
func (r *Repartition) Describe() string {
	if r.roundRobin {
		return fmt.Sprintf("RoundRobinRepartition: partitions=%d", r.n)
	}
	parts := make([]string, len(r.keys))
	for i, k := range r.keys {
		parts[i] = k.String()
	}
	return fmt.Sprintf("HashRepartition: keys=[%s], partitions=%d", strings.Join(parts, ", "), r.n)
}

// exchange is one execution of a Repartition.
type exchange struct {
	r        *Repartition
	parent   context.Context // the context of the first Execute
	ctx      context.Context
	cancel   context.CancelFunc
	started  []bool
	open     int
	queues   []*outQueue
	wg       sync.WaitGroup
	res      *memory.Reservation
	spill    *memory.SpillDir
	ownSpill bool
	// spills are the source partitions' spill files: written by the source's producer,
	// finished when it is done, removed when the exchange shuts down.
	spills []sourceSpill

	mu      sync.Mutex
	err     error
	done    bool
	srcDone []bool // per source partition: its producer has finished

	shutdownOnce sync.Once
}

type outQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	srcs   []srcQueue // one per source partition
	closed bool
}

// srcQueue holds the batches one source partition routed to one output partition. Once
// the source has spilled there, its later batches spill too, so reading the memory batches
// and then the spilled ones keeps the source's order.
type srcQueue struct {
	batches []arrow.RecordBatch
	sizes   []int64
	spilled bool
	nos     []int // the spilled batches' numbers in the source's spill file
}

// release frees the queued batches (shrinking res) and forgets the spilled ones.
func (q *srcQueue) release(res *memory.Reservation) {
	for i, b := range q.batches {
		b.Release()
		if res != nil {
			res.Shrink(q.sizes[i])
		}
	}
	q.batches, q.sizes, q.nos = nil, nil, nil
}

// sourceSpill is one source partition's spill file.
type sourceSpill struct {
	writer *memory.SpillWriter
	file   *memory.SpillFile
	err    error
}

// finishSpill closes source p's spill file for reading (its producer is done).
func (ex *exchange) finishSpill(p int) {
	sp := &ex.spills[p]
	if sp.writer == nil {
		return
	}
	sp.file, sp.err = sp.writer.Finish()
	sp.writer = nil
	if sp.err == nil {
		ex.r.spilled(sp.file.Rows(), sp.file.Bytes())
	}
}

func (r *Repartition) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= r.n {
		return nil, fmt.Errorf("repartition: partition %d out of range", partition)
	}
	r.mu.Lock()
	ex := r.cur
	// The partitions of one execution share a run; a partition executed again, or a run
	// whose query is over, starts a new one.
	if ex == nil || ex.started[partition] || ex.parent.Err() != nil {
		ex = r.start(ctx)
		r.cur = ex
	}
	ex.started[partition] = true
	ex.open++
	r.mu.Unlock()
	return r.meter(&exchangeStream{ex: ex, p: partition}), nil
}

func (r *Repartition) start(ctx context.Context) *exchange {
	n := r.child.Partitions()
	ex := &exchange{r: r, parent: ctx, started: make([]bool, r.n), queues: make([]*outQueue, r.n), srcDone: make([]bool, n),
		spills: make([]sourceSpill, n)}
	ex.ctx, ex.cancel = context.WithCancel(ctx)
	for i := range ex.queues {
		q := &outQueue{srcs: make([]srcQueue, n)}
		q.cond = sync.NewCond(&q.mu)
		ex.queues[i] = q
	}
	ex.res = memory.FromContext(ctx).NewSpillableReservation("Repartition")
	ex.spill = memory.SpillDirFromContext(ctx)
	if ex.spill == nil {
		ex.spill, ex.ownSpill = memory.NewSpillDir(""), true
	}
	// Wake waiting consumers when the execution is cancelled, and free everything once the
	// query's context ends while no output stream is open (a consumer that stopped early,
	// like a limit, may never execute the other partitions).
	context.AfterFunc(ex.ctx, func() {
		for _, q := range ex.queues {
			q.mu.Lock()
			q.cond.Broadcast()
			q.mu.Unlock()
		}
	})
	context.AfterFunc(ctx, func() {
		r.mu.Lock()
		idle := ex.open == 0
		if idle && r.cur == ex {
			r.cur = nil
		}
		r.mu.Unlock()
		if idle {
			ex.shutdown()
		}
	})
	for p := range n {
		ex.wg.Add(1)
		go func() {
			defer ex.wg.Done()
			if err := ex.produce(p); err != nil {
				ex.fail(err)
			}
			ex.finishSpill(p)
			ex.mu.Lock()
			ex.srcDone[p] = true
			ex.mu.Unlock()
			ex.wakeAll()
		}()
	}
	go func() {
		ex.wg.Wait()
		ex.mu.Lock()
		ex.done = true
		ex.mu.Unlock()
		ex.wakeAll()
	}()
	return ex
}

// wakeAll wakes every consumer waiting on an output queue.
func (ex *exchange) wakeAll() {
	for _, q := range ex.queues {
		q.mu.Lock()
		q.cond.Broadcast()
		q.mu.Unlock()
	}
}

func (ex *exchange) fail(err error) {
	ex.mu.Lock()
	if ex.err == nil {
		ex.err = err
	}
	ex.mu.Unlock()
	ex.cancel()
	for _, q := range ex.queues {
		q.mu.Lock()
		q.cond.Broadcast()
		q.mu.Unlock()
	}
}

// status reports whether source partition src's producer has finished, and the first
// error.
func (ex *exchange) status(src int) (bool, error) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.done || ex.srcDone[src], ex.err
}

func (ex *exchange) produce(p int) error {
	r := ex.r
	in, err := r.child.Execute(ex.ctx, p)
	if err != nil {
		return err
	}
	defer in.Close()
	router, err := newHashRouter(r.keys, r.n, r.roundRobin)
	if err != nil {
		return err
	}
	next := p % r.n
	for {
		b, err := in.Next()
		if IsEOF(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := ex.ctx.Err(); err != nil {
			b.Release()
			return err
		}
		if b.NumRows() == 0 {
			b.Release()
			continue
		}
		start := time.Now()
		if router == nil {
			target := 0
			if r.roundRobin {
				target, next = next, (next+1)%r.n
			}
			err = ex.push(target, p, b)
			r.since(start)
			if err != nil {
				return err
			}
			continue
		}
		err = router.route(b, func(t int, part arrow.RecordBatch) error { return ex.push(t, p, part) })
		b.Release()
		r.since(start)
		if err != nil {
			return err
		}
	}
}

// hashRouter splits batches among n partitions by the engine's fixed-seed hash of key
// expressions, as hash repartitioning and the shuffle write both do.
type hashRouter struct {
	keys    []expr.Expr
	n       int
	hasher  *aggregate.RowHasher
	cols    []arrow.Array
	hashes  []uint64
	buckets [][]int32
}

// newHashRouter returns the router for the keys, or nil when rows are not routed by hash
// (round robin, one partition, no keys).
func newHashRouter(keys []expr.Expr, n int, roundRobin bool) (*hashRouter, error) {
	if roundRobin || n <= 1 || len(keys) == 0 {
		return nil, nil
	}
	types := make([]arrow.DataType, len(keys))
	for i, k := range keys {
		types[i] = k.DataType()
	}
	hasher, err := aggregate.NewRowHasher(types)
	if err != nil {
		return nil, err
	}
	return &hashRouter{keys: keys, n: n, hasher: hasher, cols: make([]arrow.Array, len(keys)), buckets: make([][]int32, n)}, nil
}

// route hands emit, partition by partition, the rows of b that hash to it (b itself when
// all do). The caller keeps its reference to b; emit owns each part it is given.
func (h *hashRouter) route(b arrow.RecordBatch, emit func(t int, part arrow.RecordBatch) error) error {
	clear(h.cols)
	for i, k := range h.keys {
		c, err := k.Eval(b)
		if err != nil {
			releaseArrays(h.cols)
			return err
		}
		h.cols[i] = c
	}
	h.hashes = h.hasher.Hash(h.cols, int(b.NumRows()), h.hashes)
	releaseArrays(h.cols)
	for i := range h.buckets {
		h.buckets[i] = h.buckets[i][:0]
	}
	for i, x := range h.hashes {
		t := aggregate.Partition(x, h.n)
		h.buckets[t] = append(h.buckets[t], int32(i))
	}
	for t, rows := range h.buckets {
		if len(rows) == 0 {
			continue
		}
		part := b
		if len(rows) == int(b.NumRows()) {
			b.Retain()
		} else {
			var err error
			if part, err = aggregate.TakeBatch(b, rows); err != nil {
				return err
			}
		}
		if err := emit(t, part); err != nil {
			return err
		}
	}
	return nil
}

func releaseArrays(cols []arrow.Array) {
	for _, c := range cols {
		if c != nil {
			c.Release()
		}
	}
}

// push queues a batch of source partition src for output partition t (taking
// ownership), spilling it when the pool is full or the source already spilled there.
func (ex *exchange) push(t, src int, b arrow.RecordBatch) error {
	q := ex.queues[t]
	size := aggregate.BatchSize(b)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		b.Release()
		return nil
	}
	sq := &q.srcs[src]
	if !sq.spilled {
		err := ex.res.TryGrow(size)
		if err == nil {
			ex.r.memory(ex.res.Size())
			sq.batches = append(sq.batches, b)
			sq.sizes = append(sq.sizes, size)
			q.cond.Signal()
			return nil
		}
		if !memory.IsOutOfMemory(err) {
			b.Release()
			return err
		}
		sq.spilled = true
	}
	// Only source src's producer writes its file, so it needs no lock of its own.
	sp := &ex.spills[src]
	if sp.writer == nil {
		w, err := memory.NewSpillWriter(ex.spill, "repartition", ex.r.child.Schema())
		if err != nil {
			b.Release()
			return err
		}
		sp.writer = w
	}
	no := sp.writer.Batches()
	err := sp.writer.Write(b)
	b.Release()
	if err != nil {
		return err
	}
	sq.nos = append(sq.nos, no)
	return nil
}

type exchangeStream struct {
	ex     *exchange
	p      int
	src    int // the source partition being read
	reader *memory.SpillReader
	nos    []int // the batches of the source's spill file to read, from pos
	pos    int
	closed bool
}

func (s *exchangeStream) Next() (arrow.RecordBatch, error) {
	ex := s.ex
	q := ex.queues[s.p]
	for {
		if s.reader != nil {
			if s.pos < len(s.nos) {
				s.pos++
				return s.reader.BatchAt(s.nos[s.pos-1])
			}
			s.closeSpill()
			s.src++
			continue
		}
		if s.src >= len(q.srcs) {
			return nil, io.EOF
		}
		q.mu.Lock()
		sq := &q.srcs[s.src]
		if len(sq.batches) > 0 {
			b, size := sq.batches[0], sq.sizes[0]
			sq.batches[0] = nil
			sq.batches, sq.sizes = sq.batches[1:], sq.sizes[1:]
			q.mu.Unlock()
			ex.res.Shrink(size)
			return b, nil
		}
		done, err := ex.status(s.src)
		if err != nil {
			q.mu.Unlock()
			return nil, err
		}
		if !done {
			if cerr := ex.ctx.Err(); cerr != nil {
				q.mu.Unlock()
				return nil, cerr
			}
			q.cond.Wait()
			q.mu.Unlock()
			continue
		}
		nos := sq.nos
		sq.nos = nil
		q.mu.Unlock()
		if len(nos) == 0 {
			s.src++
			continue
		}
		sp := &ex.spills[s.src] // finished: the source is done
		if sp.err != nil {
			return nil, sp.err
		}
		rd, err := sp.file.Open()
		if err != nil {
			return nil, err
		}
		s.reader, s.nos, s.pos = rd, nos, 0
	}
}

func (s *exchangeStream) closeSpill() {
	if s.reader != nil {
		s.reader.Close()
		s.reader = nil
	}
	s.nos, s.pos = nil, 0
}

func (s *exchangeStream) Close() {
	if s.closed {
		return
	}
	s.closed = true
	s.closeSpill()
	ex := s.ex
	q := ex.queues[s.p]
	q.mu.Lock()
	q.closed = true
	for i := range q.srcs {
		q.srcs[i].release(ex.res)
	}
	q.mu.Unlock()

	r := ex.r
	r.mu.Lock()
	ex.open--
	last := ex.open == 0
	for _, st := range ex.started {
		last = last && st
	}
	if last && r.cur == ex {
		r.cur = nil
	}
	r.mu.Unlock()
	if last {
		ex.shutdown()
	}
}

// shutdown stops the producers and frees what the exchange holds.
func (ex *exchange) shutdown() {
	ex.shutdownOnce.Do(func() {
		ex.cancel()
		ex.wg.Wait()
		for _, q := range ex.queues {
			q.mu.Lock()
			q.closed = true
			for i := range q.srcs {
				q.srcs[i].release(nil)
			}
			q.mu.Unlock()
		}
		for i := range ex.spills {
			sp := &ex.spills[i]
			if sp.writer != nil {
				sp.writer.Abort()
				sp.writer = nil
			}
			if sp.file != nil {
				sp.file.Remove()
				sp.file = nil
			}
		}
		ex.res.Close()
		if ex.ownSpill {
			ex.spill.Close()
		}
	})
}
