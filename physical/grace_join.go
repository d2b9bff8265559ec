package physical

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

// Grace hash join: when the build side does not fit in the pool, it is split by a hash of
// the join keys into graceFanout partitions (written to one spill file), and each probe
// partition splits its input the same way; then the probe partition joins the pairs of
// partitions one at a time, building a hash table from the build partition and streaming
// the probe partition through it. Equal keys land in the same pair, so every join type
// stays correct pair by pair:
//
//   - A probe row meets all of its candidate build rows in its pair, so inner, left outer,
//     semi and anti joins (and residual filters) decide each probe row there, once.
//   - Right and full outer joins number the build rows and record matches in one bitmap
//     shared by the probe partitions; the one that finishes last emits the unmatched build
//     rows from the level-0 build file.
//   - Rows with a NULL in a key that is not null-safe never match. The build side drops
//     them, or for outer joins keeps them in a partition of their own that only the
//     unmatched pass reads; the probe side drops them, or for joins that output unmatched
//     probe rows joins them apart, against no build rows. A null-aware anti join whose
//     build side has a NULL key outputs nothing; otherwise (the build side being
//     non-empty) its probe rows with NULL keys are dropped and the rest is an anti join.
//
// A build partition that still does not fit is split again with the next level's hash
// (into more parts the further it is from fitting), once, for every probe partition; each
// probe partition splits its own probe partition to match. After graceMaxDepth levels, or
// when a split leaves every row in one part (a single key with more rows than fit), the
// join fails with UNABLE_TO_ACQUIRE_MEMORY. Each probe partition loads the build
// partitions itself (the files are shared and read-only), so that no partition waits for
// another's progress.
const (
	graceFanout      = 32
	graceMinSplit    = 4
	graceMaxSplit    = 64
	graceMaxDepth    = 4
	graceHeldPerPart = 1024 // rows held per partition before writing, for sizable batches
)

// graceHash remixes a key's row hash for partitioning at a level. The exchanges that feed
// a join partition rows by the plain hash, so level 0 must not reuse it, and each deeper
// level must split what the level above kept together; murmur3's finalizer over the hash
// xor a per-level seed does both.
func graceHash(h uint64, level int) uint64 {
	h ^= uint64(level+1) * 0x9E3779B97F4A7C15
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// partFile is a spill file holding the n partitions of one partitioning pass (and a
// partition n of NULL keys, when kept apart): partition t is the batches batches[t] of
// the file. One file per pass, rather than one per partition, keeps the number of files
// (slow to create on some file systems) independent of the fan-out.
type partFile struct {
	file    *memory.SpillFile
	batches [][]int32
	rows    []int64
	bytes   []int64 // in-memory bytes of each partition's batches
}

func (f *partFile) remove() {
	if f != nil {
		f.file.Remove()
	}
}

// gracePart is partition t of a build file and, once it has been split because it did
// not fit, its parts at the next level.
type gracePart struct {
	f     *partFile // nil: no rows
	t     int
	level int
	once  sync.Once
	sub   *partFile // the parts' file
	subs  []*gracePart
	err   error
}

func (p *gracePart) rows() int64 {
	if p.f == nil {
		return 0
	}
	return p.f.rows[p.t]
}

func (p *gracePart) remove() {
	p.sub.remove()
	for _, s := range p.subs {
		s.remove()
	}
}

// graceBuild is a build side spilled to partitions, shared by the probe partitions.
type graceBuild struct {
	file    *partFile     // level 0, with outer joins' NULL-key rows as partition graceFanout
	parts   []*gracePart  // level 0
	schema  *arrow.Schema // the right columns, then the row numbers for outer joins
	rows    int64
	nullKey bool
	matched []uint64 // outer joins: the build rows some probe row matched
	dir     *memory.SpillDir
	ownDir  bool
}

func (g *graceBuild) release() {
	for _, p := range g.parts {
		p.remove()
	}
	g.parts = nil
	g.file.remove()
	g.file = nil
	if g.ownDir {
		g.dir.Close()
	}
}

// tracksBuildRows reports whether the join outputs unmatched build rows.
func (j *joinCore) tracksBuildRows() bool {
	return j.joinType.TracksBuild()
}

// spillBuild turns a build side that does not fit into a grace build: the batches
// collected so far (b, and pending), then the rest of in, are partitioned to files.
func (j *joinCore) spillBuild(ctx context.Context, res *memory.Reservation, b *joinBuild, pending arrow.RecordBatch, in Stream) (*joinBuild, error) {
	g := &graceBuild{schema: j.right.Schema(), dir: memory.SpillDirFromContext(ctx)}
	if g.dir == nil {
		g.dir, g.ownDir = memory.NewSpillDir(""), true
	}
	outer := j.tracksBuildRows()
	if outer {
		g.schema = arrow.NewSchema(append(append([]arrow.Field(nil), g.schema.Fields()...),
			arrow.Field{Name: "__build_row", Type: arrow.PrimitiveTypes.Int64}), nil)
	}
	if b.table != nil {
		b.table.Release()
		b.table = nil
	}
	held := b.batches
	b.batches = nil
	if pending != nil {
		held = append(held, pending)
	}
	res.Free()
	p := j.newPartitioner(g.schema, j.rightKeys, 0, graceFanout, g.dir, "join-build", res)
	p.dropNull, p.nullFile = !outer, outer
	fail := func(err error) (*joinBuild, error) {
		releaseBatches(held)
		p.abort()
		g.release()
		return nil, err
	}
	add := func(x arrow.RecordBatch) error {
		start := time.Now()
		defer j.since(start)
		if outer {
			x = withRowNumbers(x, g.schema, g.rows)
		}
		g.rows += x.NumRows()
		return p.add(x)
	}
	for len(held) > 0 {
		x := held[0]
		held = held[1:]
		if err := add(x); err != nil {
			return fail(err)
		}
	}
	for in != nil {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		x, err := in.Next()
		if IsEOF(err) {
			break
		}
		if err != nil {
			return fail(err)
		}
		if x.NumRows() == 0 {
			x.Release()
			continue
		}
		if err := add(x); err != nil {
			return fail(err)
		}
		if p.nullKey && j.joinType == NullAwareLeftAntiJoin {
			break // NOT IN over a NULL: the result is empty, the rest does not matter
		}
	}
	f, err := p.finish()
	if err != nil {
		return fail(err)
	}
	g.file, g.nullKey = f, p.nullKey
	for t := range graceFanout {
		g.parts = append(g.parts, &gracePart{f: f, t: t})
	}
	if f != nil {
		j.spilled(f.file.Rows(), f.file.Bytes())
	}
	out := &joinBuild{grace: g, totalRows: g.rows, nullKey: g.nullKey}
	if outer {
		g.matched = make([]uint64, (g.rows+63)/64)
		out.matched = g.matched
		if err := res.TryGrow(int64(8 * len(g.matched))); err != nil {
			g.release()
			return nil, err
		}
	}
	j.memory(res.Size())
	return out, nil
}

func releaseBatches(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

// withRowNumbers appends the column of row numbers first, first+1, ... to b (released).
func withRowNumbers(b arrow.RecordBatch, schema *arrow.Schema, first int64) arrow.RecordBatch {
	n := int(b.NumRows())
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = first + int64(i)
	}
	d := array.NewData(arrow.PrimitiveTypes.Int64, n, []*arrowmem.Buffer{nil,
		arrowmem.NewBufferBytes(arrow.Int64Traits.CastToBytes(ids))}, nil, 0, 0)
	col := array.MakeFromData(d)
	d.Release()
	cols := append(append([]arrow.Array(nil), b.Columns()...), col)
	out := array.NewRecordBatch(schema, cols, int64(n))
	col.Release()
	b.Release()
	return out
}

// partitioner splits batches into n partitions of one spill file by a hash of key
// expressions. It holds input batches until it has enough rows to write sizable batches
// for every partition, then gathers each partition's rows from all of them at once.
type partitioner struct {
	schema   *arrow.Schema
	keys     []expr.Expr
	nullSafe []bool
	// Rows with a NULL in a key that is not null-safe are left out (dropNull) or written to
	// an extra partition n (nullFile), away from the rows that can match.
	dropNull, nullFile bool
	level, n           int
	dir                *memory.SpillDir
	prefix             string
	res                *memory.Reservation // accounts the held batches

	hasher    *aggregate.RowHasher
	hashes    []uint64
	nulls     []bool
	held      []arrow.RecordBatch
	heldBytes int64
	heldRows  int
	src, row  [][]int32 // per partition: the held rows going there
	w         *memory.SpillWriter
	out       *partFile

	nullKey bool // some row had a NULL key
}

func (j *joinCore) newPartitioner(schema *arrow.Schema, keys []expr.Expr, level, n int, dir *memory.SpillDir, prefix string, res *memory.Reservation) *partitioner {
	return &partitioner{schema: schema, keys: keys, nullSafe: j.nullSafe, level: level, n: n,
		dir: dir, prefix: prefix, res: res, src: make([][]int32, n+1), row: make([][]int32, n+1),
		out: &partFile{batches: make([][]int32, n+1), rows: make([]int64, n+1), bytes: make([]int64, n+1)}}
}

// add partitions a batch (taking ownership).
func (p *partitioner) add(b arrow.RecordBatch) error {
	n := int(b.NumRows())
	keys, err := evalAll(p.keys, b)
	if err != nil {
		b.Release()
		return err
	}
	if p.hasher == nil {
		types := make([]arrow.DataType, len(keys))
		for i, k := range keys {
			types[i] = k.DataType()
		}
		if p.hasher, err = aggregate.NewRowHasher(types); err != nil {
			releaseArrays(keys)
			b.Release()
			return err
		}
	}
	p.hashes = p.hasher.Hash(keys, n, p.hashes)
	p.nulls = nullKeyRows(keys, p.nullSafe, p.nulls)
	releaseArrays(keys)
	size := aggregate.BatchSize(b)
	alone := false
	if err := p.res.TryGrow(size); err != nil {
		if !memory.IsOutOfMemory(err) {
			b.Release()
			return err
		}
		if err := p.flush(); err != nil {
			b.Release()
			return err
		}
		if p.res.TryGrow(size) != nil {
			// No room even for this batch: write it out right away, unaccounted (its
			// memory is the producer's, and it is gone when the batch is written).
			alone, size = true, 0
		}
	}
	k := int32(len(p.held))
	p.held = append(p.held, b)
	p.heldBytes += size
	p.heldRows += n
	for i, h := range p.hashes {
		t := p.n
		if p.nulls[i] {
			p.nullKey = true
			if p.dropNull {
				continue
			}
		}
		if !p.nulls[i] || !p.nullFile {
			t = aggregate.Partition(graceHash(h, p.level), p.n)
		}
		p.src[t] = append(p.src[t], k)
		p.row[t] = append(p.row[t], int32(i))
	}
	if alone || p.heldRows >= max(DefaultBatchRows, p.n*graceHeldPerPart) {
		return p.flush()
	}
	return nil
}

// flush writes the held rows, one batch per partition.
func (p *partitioner) flush() error {
	defer func() {
		releaseBatches(p.held)
		clear(p.held)
		p.held = p.held[:0]
		p.res.Shrink(p.heldBytes)
		p.heldBytes, p.heldRows = 0, 0
		for t := range p.src {
			p.src[t], p.row[t] = p.src[t][:0], p.row[t][:0]
		}
	}()
	for t := range p.row {
		if len(p.row[t]) == 0 {
			continue
		}
		b, err := aggregate.InterleaveBatches(p.schema, p.held, p.src[t], p.row[t])
		if err != nil {
			return err
		}
		if p.w == nil {
			if p.w, err = memory.NewSpillWriter(p.dir, p.prefix, p.schema); err != nil {
				b.Release()
				return err
			}
		}
		o := p.out
		o.batches[t] = append(o.batches[t], int32(p.w.Batches()))
		o.rows[t] += b.NumRows()
		o.bytes[t] += aggregate.BatchSize(b)
		err = p.w.Write(b)
		b.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// finish flushes and closes the file; it returns nil when no row was written.
func (p *partitioner) finish() (*partFile, error) {
	if err := p.flush(); err != nil {
		p.abort()
		return nil, err
	}
	if p.w == nil {
		return nil, nil
	}
	f, err := p.w.Finish()
	p.w = nil
	if err != nil {
		return nil, err
	}
	p.out.file = f
	return p.out, nil
}

// abort drops the held batches and the unfinished file.
func (p *partitioner) abort() {
	releaseBatches(p.held)
	p.held = nil
	p.res.Shrink(p.heldBytes)
	p.heldBytes, p.heldRows = 0, 0
	if p.w != nil {
		p.w.Abort()
		p.w = nil
	}
}

// gracePair is a build partition (nil: no build rows) and partition t of a probe file.
type gracePair struct {
	part  *gracePart
	probe *partFile
	t     int
}

// graceProbe is one probe partition's side of a grace hash join.
type graceProbe struct {
	g       *graceBuild
	res     *memory.Reservation
	pairs   []gracePair // a stack: the next pair is last
	files   []*partFile // the probe files this partition wrote
	readers map[*memory.SpillFile]*memory.SpillReader
	cur     *memory.SpillReader // the current pair's probe file
	curIdx  []int32             // the current pair's batches left in it
	loaded  *joinBuild          // the current pair's build table
	ureader *memory.SpillReader // the unmatched build rows' scan
}

// reader returns this probe partition's reader of a spill file.
func (gp *graceProbe) reader(f *memory.SpillFile) (*memory.SpillReader, error) {
	if r, ok := gp.readers[f]; ok {
		return r, nil
	}
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	if gp.readers == nil {
		gp.readers = map[*memory.SpillFile]*memory.SpillReader{}
	}
	gp.readers[f] = r
	return r, nil
}

// startGrace partitions this probe partition's input like the build side.
func (s *probeStream) startGrace() error {
	j := s.j
	g := s.build.grace
	s.gp = &graceProbe{g: g, res: memory.FromContext(s.ctx).NewSpillableReservation(
		fmt.Sprintf("%s probe[%d]", j.name, s.partition))}
	if j.joinType == NullAwareLeftAntiJoin && g.nullKey {
		s.inDone = true // NOT IN over a NULL: nothing survives
		return nil
	}
	keepNull := s.keepsUnmatchedProbe() && j.joinType != NullAwareLeftAntiJoin
	p := j.newPartitioner(j.left.Schema(), j.leftKeys, 0, graceFanout, g.dir, "join-probe", s.gp.res)
	p.dropNull, p.nullFile = !keepNull, keepNull
	for {
		if err := s.ctx.Err(); err != nil {
			p.abort()
			return err
		}
		b, err := s.in.Next()
		if IsEOF(err) {
			break
		}
		if err != nil {
			p.abort()
			return err
		}
		if b.NumRows() == 0 {
			b.Release()
			continue
		}
		start := time.Now()
		err = p.add(b)
		j.since(start)
		if err != nil {
			p.abort()
			return err
		}
	}
	f, err := p.finish()
	if err != nil || f == nil {
		return err
	}
	s.gp.files = append(s.gp.files, f)
	j.spilled(f.file.Rows(), f.file.Bytes())
	for t := graceFanout; t >= 0; t-- {
		var part *gracePart // the NULL-key probe rows (t == graceFanout) join no build rows
		if t < graceFanout {
			part = g.parts[t]
		}
		s.gp.pairs = append(s.gp.pairs, gracePair{part: part, probe: f, t: t})
	}
	return nil
}

// keepsUnmatchedProbe reports whether the join outputs probe rows without a match.
func (s *probeStream) keepsUnmatchedProbe() bool {
	switch s.j.joinType {
	case LeftOuterJoin, FullOuterJoin, LeftAntiJoin, NullAwareLeftAntiJoin, ExistenceJoin, LeftSingleJoin:
		return true
	}
	return false
}

// nextInput returns the next probe batch: from the input, or in a grace join from the
// current pair's probe partition, moving on to the next pair (and its build table) as
// needed.
func (s *probeStream) nextInput() (arrow.RecordBatch, error) {
	gp := s.gp
	if gp == nil {
		return s.in.Next()
	}
	j := s.j
	for {
		if len(gp.curIdx) > 0 {
			i := gp.curIdx[0]
			gp.curIdx = gp.curIdx[1:]
			return gp.cur.BatchAt(int(i))
		}
		gp.endPair()
		s.build = s.run.build
		if len(gp.pairs) == 0 {
			return nil, io.EOF
		}
		if err := s.ctx.Err(); err != nil {
			return nil, err
		}
		pair := gp.pairs[len(gp.pairs)-1]
		gp.pairs = gp.pairs[:len(gp.pairs)-1]
		// Without probe rows a pair outputs nothing (its unmatched build rows come from the
		// bitmap at the end); without build rows only joins that keep unmatched probe rows
		// output something.
		if len(pair.probe.batches[pair.t]) == 0 || (pair.part == nil || pair.part.rows() == 0) && !s.keepsUnmatchedProbe() {
			continue
		}
		start := time.Now()
		build, held, err := j.loadPartition(gp, pair.part)
		j.since(start)
		if err != nil {
			// (An empty build partition that does not fit cannot be split: the pool cannot
			// hold even an empty table.)
			if memory.IsOutOfMemory(err) && pair.part != nil && pair.part.rows() > 0 {
				err = s.splitPair(pair, held)
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		if gp.cur, err = gp.reader(pair.probe.file); err != nil {
			build.release()
			return nil, err
		}
		gp.loaded, s.build = build, build
		gp.curIdx = pair.probe.batches[pair.t]
	}
}

// endPair drops the current pair's table.
func (gp *graceProbe) endPair() {
	gp.cur, gp.curIdx = nil, nil
	if gp.loaded != nil {
		gp.loaded.release()
		gp.loaded = nil
	}
	gp.res.Free()
}

// loadPartition reads a build partition (nil: none) and indexes it. When the pool refuses
// memory it returns how much the partition held by then.
func (j *joinCore) loadPartition(gp *graceProbe, part *gracePart) (*joinBuild, int64, error) {
	res := gp.res
	b := &joinBuild{}
	outer := j.tracksBuildRows()
	var ids []arrow.Array
	fail := func(err error) (*joinBuild, int64, error) {
		held := res.Size()
		releaseArrays(ids)
		b.release()
		res.Free()
		return nil, held, err
	}
	if part != nil && part.rows() > 0 {
		r, err := gp.reader(part.f.file)
		if err != nil {
			return fail(err)
		}
		right := j.right.Schema()
		for _, i := range part.f.batches[part.t] {
			x, err := r.BatchAt(int(i))
			if err != nil {
				return fail(err)
			}
			if err := res.TryGrow(aggregate.BatchSize(x)); err != nil {
				x.Release()
				return fail(err)
			}
			if outer {
				nc := right.NumFields()
				id := x.Column(nc)
				id.Retain()
				ids = append(ids, id)
				y := array.NewRecordBatch(right, x.Columns()[:nc], x.NumRows())
				x.Release()
				x = y
			}
			b.batches = append(b.batches, x)
			b.rows += int(x.NumRows())
		}
	}
	if err := j.index(b, res); err != nil {
		return fail(err)
	}
	b.totalRows = gp.g.rows
	if outer {
		b.matched = gp.g.matched
		b.rowIDs = make([]int64, 0, b.rows)
		for _, a := range ids {
			b.rowIDs = append(b.rowIDs, a.(*array.Int64).Int64Values()...)
		}
		releaseArrays(ids)
		ids = nil
		if err := res.TryGrow(int64(8 * len(b.rowIDs))); err != nil {
			return fail(err)
		}
	}
	return b, 0, nil
}

// split splits the build partition at the next level, once for every probe partition;
// held is how much of it the caller's reservation could hold, to choose the number of
// parts.
func (p *gracePart) split(j *joinCore, gp *graceProbe, held int64) error {
	p.once.Do(func() {
		level := p.level + 1
		rows, bytes := p.rows(), p.f.bytes[p.t]
		tooBig := func(why string) error {
			return memory.OutOfMemory(bytes, 0, fmt.Sprintf(
				"%s: a partition of the build side with %d rows (%d bytes) does not fit in memory; %s",
				j.name, rows, bytes, why))
		}
		if level > graceMaxDepth {
			p.err = tooBig(fmt.Sprintf("it was split %d times", graceMaxDepth))
			return
		}
		// Parts of a third of what fitted leave room for the hash table.
		n := graceMinSplit
		for n < graceMaxSplit && int64(n)*max(held, 1) < 3*bytes {
			n *= 2
		}
		bp := j.newPartitioner(gp.g.schema, j.rightKeys, level, n, gp.g.dir, "join-build", gp.res)
		f, err := splitPart(gp, p.f, p.t, bp)
		if err != nil {
			p.err = err
			return
		}
		p.sub = f
		for t := range n {
			if f.rows[t] == rows {
				p.err = tooBig("its rows all have one join key")
				return
			}
		}
		j.spilled(f.file.Rows(), f.file.Bytes())
		for t := range n {
			p.subs = append(p.subs, &gracePart{f: f, t: t, level: level})
		}
	})
	return p.err
}

// splitPair splits a pair whose build partition does not fit: the build partition once
// for all probe partitions, the probe partition to match.
func (s *probeStream) splitPair(pair gracePair, held int64) error {
	j, gp := s.j, s.gp
	if err := pair.part.split(j, gp, held); err != nil {
		return err
	}
	subs := pair.part.subs
	pp := j.newPartitioner(j.left.Schema(), j.leftKeys, subs[0].level, len(subs), gp.g.dir, "join-probe", gp.res)
	f, err := splitPart(gp, pair.probe, pair.t, pp)
	if err != nil {
		return err
	}
	gp.files = append(gp.files, f)
	j.spilled(f.file.Rows(), f.file.Bytes())
	for t := len(subs) - 1; t >= 0; t-- {
		gp.pairs = append(gp.pairs, gracePair{part: subs[t], probe: f, t: t})
	}
	return nil
}

// splitPart partitions partition t of a file (which has rows).
func splitPart(gp *graceProbe, f *partFile, t int, p *partitioner) (*partFile, error) {
	r, err := gp.reader(f.file)
	if err != nil {
		return nil, err
	}
	for _, i := range f.batches[t] {
		b, err := r.BatchAt(int(i))
		if err == nil {
			err = p.add(b)
		}
		if err != nil {
			p.abort()
			return nil, err
		}
	}
	return p.finish()
}

// unmatched emits the build rows no probe partition matched, with NULLs on the left (a
// right semi join: the rows some matched; right semi and anti joins output the build
// columns alone), from the level-0 build file.
func (gp *graceProbe) unmatched(s *probeStream) (arrow.RecordBatch, error) {
	j := s.j
	matched := gp.g.matched
	if gp.g.file == nil {
		s.emitUnmatch = false
		return nil, io.EOF
	}
	if gp.ureader == nil {
		r, err := gp.g.file.file.Open()
		if err != nil {
			return nil, err
		}
		gp.ureader = r
	}
	for {
		b, err := gp.ureader.Next()
		if IsEOF(err) {
			s.emitUnmatch = false
			return nil, io.EOF
		}
		if err != nil {
			return nil, err
		}
		nr := j.right.Schema().NumFields()
		want := uint64(0)
		if j.joinType == RightSemiJoin {
			want = 1
		}
		rows := s.outR[:0]
		for i, id := range b.Column(nr).(*array.Int64).Int64Values() {
			if atomic.LoadUint64(&matched[id>>6])>>(uint64(id)&63)&1 == want {
				rows = append(rows, int32(i))
			}
		}
		s.outR = rows
		if len(rows) == 0 {
			b.Release()
			continue
		}
		nl := j.left.Schema().NumFields()
		if j.joinType.rightOnly() {
			nl = 0
		}
		cols := make([]arrow.Array, 0, nl+nr)
		for c := range nl {
			cols = append(cols, array.MakeArrayOfNull(arrowmem.DefaultAllocator, j.schema.Field(c).Type, len(rows)))
		}
		for c := range nr {
			a, err := aggregate.Take(b.Column(c), rows)
			if err != nil {
				releaseArrays(cols)
				b.Release()
				return nil, err
			}
			cols = append(cols, a)
		}
		b.Release()
		out := array.NewRecordBatch(j.schema, cols, int64(len(rows)))
		releaseArrays(cols)
		return out, nil
	}
}

// close drops the current pair, the readers and this partition's probe files.
func (gp *graceProbe) close() {
	gp.endPair()
	gp.pairs = nil
	for _, r := range gp.readers {
		r.Close()
	}
	gp.readers = nil
	for _, f := range gp.files {
		f.remove()
	}
	gp.files = nil
	if gp.ureader != nil {
		gp.ureader.Close()
		gp.ureader = nil
	}
	gp.res.Close()
}
