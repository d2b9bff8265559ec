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
// partition, accounted in the memory pool, and spill to Arrow IPC files when the pool is
// full.
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

	mu   sync.Mutex
	err  error
	done bool

	shutdownOnce sync.Once
}

type outQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	batches []arrow.RecordBatch
	sizes   []int64
	writer  *memory.SpillWriter
	closed  bool
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
	ex := &exchange{r: r, parent: ctx, started: make([]bool, r.n), queues: make([]*outQueue, r.n)}
	ex.ctx, ex.cancel = context.WithCancel(ctx)
	for i := range ex.queues {
		q := &outQueue{}
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
	n := r.child.Partitions()
	for p := range n {
		ex.wg.Add(1)
		go func() {
			defer ex.wg.Done()
			if err := ex.produce(p); err != nil {
				ex.fail(err)
			}
		}()
	}
	go func() {
		ex.wg.Wait()
		ex.mu.Lock()
		ex.done = true
		ex.mu.Unlock()
		for _, q := range ex.queues {
			q.mu.Lock()
			q.cond.Broadcast()
			q.mu.Unlock()
		}
	}()
	return ex
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

func (ex *exchange) status() (bool, error) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.done, ex.err
}

func (ex *exchange) produce(p int) error {
	r := ex.r
	in, err := r.child.Execute(ex.ctx, p)
	if err != nil {
		return err
	}
	defer in.Close()
	var hasher *aggregate.RowHasher
	if !r.roundRobin && r.n > 1 && len(r.keys) > 0 {
		types := make([]arrow.DataType, len(r.keys))
		for i, k := range r.keys {
			types[i] = k.DataType()
		}
		if hasher, err = aggregate.NewRowHasher(types); err != nil {
			return err
		}
	}
	var hashes []uint64
	buckets := make([][]int32, r.n)
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
		if hasher == nil {
			target := 0
			if r.roundRobin {
				target, next = next, (next+1)%r.n
			}
			err = ex.push(target, b)
			r.since(start)
			if err != nil {
				return err
			}
			continue
		}
		cols := make([]arrow.Array, len(r.keys))
		for i, k := range r.keys {
			c, err := k.Eval(b)
			if err != nil {
				releaseArrays(cols)
				b.Release()
				return err
			}
			cols[i] = c
		}
		hashes = hasher.Hash(cols, int(b.NumRows()), hashes)
		releaseArrays(cols)
		for i := range buckets {
			buckets[i] = buckets[i][:0]
		}
		for i, h := range hashes {
			t := aggregate.Partition(h, r.n)
			buckets[t] = append(buckets[t], int32(i))
		}
		for t, rows := range buckets {
			if len(rows) == 0 {
				continue
			}
			var out arrow.RecordBatch
			if len(rows) == int(b.NumRows()) {
				b.Retain()
				out = b
			} else if out, err = aggregate.TakeBatch(b, rows); err != nil {
				b.Release()
				return err
			}
			if err := ex.push(t, out); err != nil {
				b.Release()
				return err
			}
		}
		b.Release()
		r.since(start)
	}
}

func releaseArrays(cols []arrow.Array) {
	for _, c := range cols {
		if c != nil {
			c.Release()
		}
	}
}

// push queues a batch for output partition t (taking ownership), spilling it when the
// pool is full.
func (ex *exchange) push(t int, b arrow.RecordBatch) error {
	q := ex.queues[t]
	size := aggregate.BatchSize(b)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		b.Release()
		return nil
	}
	if err := ex.res.TryGrow(size); err != nil {
		if !memory.IsOutOfMemory(err) {
			b.Release()
			return err
		}
		if q.writer == nil {
			w, err := memory.NewSpillWriter(ex.spill, "repartition", ex.r.child.Schema())
			if err != nil {
				b.Release()
				return err
			}
			q.writer = w
		}
		err := q.writer.Write(b)
		b.Release()
		return err
	}
	ex.r.memory(ex.res.Size())
	q.batches = append(q.batches, b)
	q.sizes = append(q.sizes, size)
	q.cond.Signal()
	return nil
}

type exchangeStream struct {
	ex     *exchange
	p      int
	reader *memory.SpillReader
	file   *memory.SpillFile
	closed bool
}

func (s *exchangeStream) Next() (arrow.RecordBatch, error) {
	if s.reader != nil {
		b, err := s.reader.Next()
		if IsEOF(err) {
			s.closeSpill()
		}
		return b, err
	}
	ex := s.ex
	q := ex.queues[s.p]
	q.mu.Lock()
	for {
		if len(q.batches) > 0 {
			b, size := q.batches[0], q.sizes[0]
			q.batches[0] = nil
			q.batches, q.sizes = q.batches[1:], q.sizes[1:]
			q.mu.Unlock()
			ex.res.Shrink(size)
			return b, nil
		}
		done, err := ex.status()
		if err != nil {
			q.mu.Unlock()
			return nil, err
		}
		if done {
			break
		}
		if cerr := ex.ctx.Err(); cerr != nil {
			q.mu.Unlock()
			return nil, cerr
		}
		q.cond.Wait()
	}
	w := q.writer
	q.writer = nil
	q.mu.Unlock()
	if w == nil {
		return nil, io.EOF
	}
	f, err := w.Finish()
	if err != nil {
		return nil, err
	}
	ex.r.spilled(f.Rows(), f.Bytes())
	s.file = f
	if s.reader, err = f.Open(); err != nil {
		return nil, err
	}
	return s.Next()
}

func (s *exchangeStream) closeSpill() {
	if s.reader != nil {
		s.reader.Close()
		s.reader = nil
	}
	if s.file != nil {
		s.file.Remove()
		s.file = nil
	}
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
	for i, b := range q.batches {
		b.Release()
		ex.res.Shrink(q.sizes[i])
	}
	q.batches, q.sizes = nil, nil
	if q.writer != nil {
		q.writer.Abort()
		q.writer = nil
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
			for _, b := range q.batches {
				b.Release()
			}
			q.batches, q.sizes = nil, nil
			if q.writer != nil {
				q.writer.Abort()
				q.writer = nil
			}
			q.mu.Unlock()
		}
		ex.res.Close()
		if ex.ownSpill {
			ex.spill.Close()
		}
	})
}
