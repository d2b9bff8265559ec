// Package flight is the data plane of a cluster: the worker's shuffle store, which holds
// the map outputs of its tasks (in memory, spilling to local disk past a limit) until their
// job ends, an Arrow Flight server that serves them by DoGet, and a client that fetches
// them for reduce tasks (physical.ShuffleFetcher) and the final stage's results for the
// driver.
package flight

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/sparkerror"
)

// DefaultMemoryLimit is the memory a store keeps map outputs in before it spills them.
const DefaultMemoryLimit = 512 << 20

// StoreOptions configure a Store.
type StoreOptions struct {
	// MemoryLimit bounds the bytes of batches held in memory (0: DefaultMemoryLimit; < 0:
	// everything spills).
	MemoryLimit int64
	// Dir is where spill files go (empty: the system's temporary directory).
	Dir string
}

// Store is a worker's shuffle store: map outputs by (job, stage, map partition), each with
// its reduce partitions. It implements physical.ShuffleStore.
type Store struct {
	limit int64
	spill *memory.SpillDir

	mu      sync.Mutex
	used    int64 // bytes of batches held in memory, committed or being written
	spilled int64 // bytes of spill files of committed outputs
	jobs    map[string]map[outputID]*output
	closed  bool
}

type outputID struct {
	stage, mapPartition int32
}

// output is a committed map output; it does not change once committed.
type output struct {
	schema *arrow.Schema
	parts  []*part
	mem    int64
}

// part is one reduce partition: batches in memory, then (once the store was full) the
// rest in a spill file, in the order they were written.
type part struct {
	batches []arrow.RecordBatch
	mem     int64
	writer  *memory.SpillWriter
	file    *memory.SpillFile
	stats   physical.ShufflePartitionStats
}

// NewStore makes an empty store.
func NewStore(opts StoreOptions) *Store {
	limit := opts.MemoryLimit
	if limit == 0 {
		limit = DefaultMemoryLimit
	}
	return &Store{limit: limit, spill: memory.NewSpillDir(opts.Dir), jobs: map[string]map[outputID]*output{}}
}

// MemoryUsed is the bytes of batches the store holds in memory.
func (s *Store) MemoryUsed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.used
}

// SpilledBytes is the size of the spill files of the outputs the store holds.
func (s *Store) SpilledBytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.spilled
}

// Jobs lists the jobs with outputs in the store.
func (s *Store) Jobs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.jobs))
	for j := range s.jobs {
		out = append(out, j)
	}
	return out
}

// reserve takes n bytes of the memory budget, or reports that there is no room.
func (s *Store) reserve(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.used+n > s.limit {
		return false
	}
	s.used += n
	return true
}

func (s *Store) unreserve(n int64) {
	s.mu.Lock()
	s.used -= n
	s.mu.Unlock()
}

// Create implements physical.ShuffleStore.
func (s *Store) Create(_ context.Context, key physical.ShuffleOutputKey, schema *arrow.Schema, partitions int) (physical.ShuffleWriter, error) {
	if partitions < 1 {
		return nil, sparkerror.InternalError("shuffle store: %d partitions", partitions)
	}
	w := &storeWriter{s: s, key: key, out: &output{schema: schema, parts: make([]*part, partitions)}}
	for i := range w.out.parts {
		w.out.parts[i] = &part{}
	}
	return w, nil
}

type storeWriter struct {
	s    *Store
	key  physical.ShuffleOutputKey
	out  *output
	done bool
}

func (w *storeWriter) Write(partition int, b arrow.RecordBatch) error {
	if w.done {
		b.Release()
		return sparkerror.InternalError("shuffle store: write after the output was finished")
	}
	if partition < 0 || partition >= len(w.out.parts) {
		b.Release()
		return sparkerror.InternalError("shuffle store: reduce partition %d of %d", partition, len(w.out.parts))
	}
	p := w.out.parts[partition]
	size := aggregate.BatchSize(b)
	p.stats.Rows += b.NumRows()
	p.stats.Bytes += size
	p.stats.Batches++
	// Once a partition spilled, the rest of it goes to its file, keeping the order.
	if p.writer == nil && w.s.reserve(size) {
		p.batches = append(p.batches, b)
		p.mem += size
		w.out.mem += size
		return nil
	}
	defer b.Release()
	if p.writer == nil {
		sw, err := memory.NewSpillWriter(w.s.spill, fmt.Sprintf("shuffle-%d-%d-%d", w.key.Stage, w.key.MapPartition, partition), w.out.schema)
		if err != nil {
			return err
		}
		p.writer = sw
	}
	return p.writer.Write(b)
}

func (w *storeWriter) Commit() ([]physical.ShufflePartitionStats, error) {
	if w.done {
		return nil, sparkerror.InternalError("shuffle store: output committed twice")
	}
	w.done = true
	var spilled int64
	for _, p := range w.out.parts {
		if p.writer == nil {
			continue
		}
		f, err := p.writer.Finish()
		p.writer = nil
		if err != nil {
			w.out.free()
			w.s.unreserve(w.out.mem)
			return nil, err
		}
		p.file = f
		spilled += f.Bytes()
	}
	stats := make([]physical.ShufflePartitionStats, len(w.out.parts))
	for i, p := range w.out.parts {
		stats[i] = p.stats
	}
	s := w.s
	id := outputID{w.key.Stage, w.key.MapPartition}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		w.out.free()
		return nil, sparkerror.InternalError("shuffle store: closed")
	}
	outs := s.jobs[w.key.Job]
	if outs == nil {
		outs = map[outputID]*output{}
		s.jobs[w.key.Job] = outs
	}
	old := outs[id]
	outs[id] = w.out
	s.spilled += spilled
	if old != nil {
		s.used -= old.mem
		s.spilled -= old.spillBytes()
	}
	s.mu.Unlock()
	if old != nil {
		old.free()
	}
	return stats, nil
}

func (w *storeWriter) Abort() {
	if w.done {
		return
	}
	w.done = true
	for _, p := range w.out.parts {
		if p.writer != nil {
			p.writer.Abort()
			p.writer = nil
		}
	}
	w.out.free()
	w.s.unreserve(w.out.mem)
}

// free releases an output's batches and removes its files. Readers that opened the output
// hold their own references (and open files), so they can finish.
func (o *output) free() {
	for _, p := range o.parts {
		for _, b := range p.batches {
			b.Release()
		}
		p.batches = nil
		if p.file != nil {
			p.file.Remove()
			p.file = nil
		}
	}
}

func (o *output) spillBytes() int64 {
	var n int64
	for _, p := range o.parts {
		if p.file != nil {
			n += p.file.Bytes()
		}
	}
	return n
}

// ErrNotFound is returned (wrapped) for an output the store does not hold.
var ErrNotFound = fmt.Errorf("shuffle output not found")

// Open streams one reduce partition of a map output and returns its schema. The stream
// stays readable when the job is removed meanwhile.
func (s *Store) Open(job string, stage, mapPartition int32, partition int) (*arrow.Schema, physical.Stream, error) {
	s.mu.Lock()
	o := s.jobs[job][outputID{stage, mapPartition}]
	if o == nil {
		s.mu.Unlock()
		return nil, nil, fmt.Errorf("%w: job %s stage %d map %d", ErrNotFound, job, stage, mapPartition)
	}
	if partition < 0 || partition >= len(o.parts) {
		s.mu.Unlock()
		return nil, nil, fmt.Errorf("%w: job %s stage %d map %d has no reduce partition %d", ErrNotFound, job, stage, mapPartition, partition)
	}
	p := o.parts[partition]
	st := &partStream{batches: make([]arrow.RecordBatch, len(p.batches))}
	for i, b := range p.batches {
		b.Retain()
		st.batches[i] = b
	}
	var err error
	if p.file != nil {
		// Opened under the lock, so a concurrent removal cannot delete it first.
		st.reader, err = p.file.Open()
	}
	s.mu.Unlock()
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return o.schema, st, nil
}

type partStream struct {
	batches []arrow.RecordBatch
	reader  *memory.SpillReader
}

func (s *partStream) Next() (arrow.RecordBatch, error) {
	if len(s.batches) > 0 {
		b := s.batches[0]
		s.batches[0] = nil
		s.batches = s.batches[1:]
		return b, nil
	}
	if s.reader == nil {
		return nil, io.EOF
	}
	b, err := s.reader.Next()
	if err != nil {
		s.reader.Close()
		s.reader = nil
	}
	return b, err
}

func (s *partStream) Close() {
	for _, b := range s.batches {
		b.Release()
	}
	s.batches = nil
	if s.reader != nil {
		s.reader.Close()
		s.reader = nil
	}
}

// RemoveJob drops every output of a job.
func (s *Store) RemoveJob(job string) {
	s.mu.Lock()
	outs := s.jobs[job]
	delete(s.jobs, job)
	for _, o := range outs {
		s.used -= o.mem
		s.spilled -= o.spillBytes()
	}
	s.mu.Unlock()
	for _, o := range outs {
		o.free()
	}
}

// Close drops everything and removes the spill directory.
func (s *Store) Close() {
	s.mu.Lock()
	s.closed = true
	jobs := s.jobs
	s.jobs = map[string]map[outputID]*output{}
	s.used, s.spilled = 0, 0
	s.mu.Unlock()
	for _, outs := range jobs {
		for _, o := range outs {
			o.free()
		}
	}
	s.spill.Close()
}
