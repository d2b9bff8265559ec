package physical

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/sparkerror"
)

// JoinType is the kind of join.
type JoinType int

const (
	InnerJoin JoinType = iota
	LeftOuterJoin
	RightOuterJoin
	FullOuterJoin
	// LeftSemiJoin outputs each left row that has a match, once.
	LeftSemiJoin
	// LeftAntiJoin outputs each left row that has no match.
	LeftAntiJoin
	// NullAwareLeftAntiJoin is NOT IN: when the right side has a NULL key no row survives,
	// and a left row with a NULL key survives only when the right side is empty.
	NullAwareLeftAntiJoin
	// RightSemiJoin outputs each right (build) row that some left row matches, once: a
	// left semi join with the sides swapped, for when the left side of the query is the
	// smaller one, which is then the one held in the hash table.
	RightSemiJoin
	// RightAntiJoin outputs each right (build) row that no left row matches.
	RightAntiJoin
	// ExistenceJoin outputs each left row once, with a boolean column: whether it has a
	// match (an IN or EXISTS subquery inside an expression).
	ExistenceJoin
	// LeftSingleJoin is a left outer join where a left row with more than one match is an
	// error (a correlated scalar subquery).
	LeftSingleJoin
)

// LastJoinType is the largest JoinType.
const LastJoinType = LeftSingleJoin

func (t JoinType) String() string {
	return [...]string{"Inner", "LeftOuter", "RightOuter", "FullOuter", "LeftSemi", "LeftAnti", "NullAwareLeftAnti",
		"RightSemi", "RightAnti", "Existence", "LeftSingle"}[t]
}

// leftOnly reports whether the join outputs only the left columns.
func (t JoinType) leftOnly() bool {
	return t == LeftSemiJoin || t == LeftAntiJoin || t == NullAwareLeftAntiJoin
}

// rightOnly reports whether the join outputs only the right (build) columns.
func (t JoinType) rightOnly() bool { return t == RightSemiJoin || t == RightAntiJoin }

// TracksBuild reports whether the join records which build rows were matched, to output
// them (or the others) once every probe partition is done.
func (t JoinType) TracksBuild() bool {
	return t == RightOuterJoin || t == FullOuterJoin || t.rightOnly()
}

// JoinSchema is the output schema of a join: the left columns then the right ones, made
// nullable on the side an outer join pads; semi and anti joins output the left columns.
func JoinSchema(left, right *arrow.Schema, t JoinType) *arrow.Schema {
	if t.rightOnly() {
		return right
	}
	if t == ExistenceJoin {
		return existenceSchema(left)
	}
	var fields []arrow.Field
	for _, f := range left.Fields() {
		if t == RightOuterJoin || t == FullOuterJoin {
			f.Nullable = true
		}
		fields = append(fields, f)
	}
	if !t.leftOnly() {
		for _, f := range right.Fields() {
			if t == LeftOuterJoin || t == FullOuterJoin || t == LeftSingleJoin {
				f.Nullable = true
			}
			fields = append(fields, f)
		}
	}
	return arrow.NewSchema(fields, nil)
}

// joinCore is what HashJoin and NestedLoopJoin share: the build side (the right input,
// collected from all its partitions once per execution and shared by the probe
// partitions) and the probe loop over the left partitions.
//
// Right and full outer joins emit the right rows no probe row matched once, from the
// probe partition that finishes last (matches are recorded in a bitmap shared by the
// partitions); so they come after that partition's own rows. Right semi and anti joins
// output nothing else: that partition emits the matched (unmatched) right rows.
type joinCore struct {
	OpMetrics
	left, right ExecutionPlan
	leftKeys    []expr.Expr
	rightKeys   []expr.Expr
	nullSafe    []bool
	joinType    JoinType
	filter      expr.Expr
	schema      *arrow.Schema
	probeSchema *arrow.Schema // left ++ right, what the filter reads
	hashed      bool
	name        string

	mu  sync.Mutex
	cur *buildRun
}

func (j *joinCore) Schema() *arrow.Schema     { return j.schema }
func (j *joinCore) Children() []ExecutionPlan { return []ExecutionPlan{j.left, j.right} }
func (j *joinCore) Partitions() int           { return max(1, j.left.Partitions()) }

func (j *joinCore) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: type=%s", j.name, j.joinType)
	if j.hashed {
		parts := make([]string, len(j.leftKeys))
		for i := range j.leftKeys {
			op := "="
			if j.nullSafe[i] {
				op = "<=>"
			}
			parts[i] = j.leftKeys[i].String() + " " + op + " " + j.rightKeys[i].String()
		}
		fmt.Fprintf(&b, ", on=[%s]", strings.Join(parts, ", "))
	}
	if j.filter != nil {
		fmt.Fprintf(&b, ", filter=%s", j.filter.String())
	}
	return b.String()
}

// joinBuild is the collected right side.
type joinBuild struct {
	batches   []arrow.RecordBatch // one batch, unless concatenating them failed
	bsrc      []int32             // with several batches: global build row -> batch
	brow      []int32             // with several batches: global build row -> row in batch
	rows      int
	unique    bool // every row has a distinct valid key: key id == row
	table     *aggregate.GroupTable
	keyStart  []int32 // rows of key k: rowsByKey[keyStart[k]:keyStart[k+1]]
	rowsByKey []int32
	nullKey   bool     // some row has a NULL in a key that is not null-safe
	pack      *keyPack // two integer keys looked up as one
	matched   []uint64 // right rows some probe row matched (outer joins)
	totalRows int64    // rows of the whole build side (a grace partition holds some of them)
	rowIDs    []int64  // a grace partition's rows' numbers in matched (outer joins)
	grace     *graceBuild
}

func (b *joinBuild) release() {
	for _, x := range b.batches {
		x.Release()
	}
	b.batches = nil
	if b.table != nil {
		b.table.Release()
		b.table = nil
	}
	if b.grace != nil {
		b.grace.release()
		b.grace = nil
	}
}

// buildRun is one execution's build side, shared by the probe partitions.
type buildRun struct {
	ctx      context.Context // the context of the first probe partition
	once     sync.Once
	build    *joinBuild
	err      error
	res      *memory.Reservation
	started  []bool
	open     int
	finished int
	freed    bool
}

func (j *joinCore) acquire(ctx context.Context, partition int) *buildRun {
	j.mu.Lock()
	defer j.mu.Unlock()
	r := j.cur
	// The probe partitions of one execution share a build; a partition executed again, or a
	// build whose query is over, starts a new one.
	if r == nil || r.started[partition] || r.ctx.Err() != nil {
		r = &buildRun{ctx: ctx, started: make([]bool, j.Partitions()),
			res: memory.FromContext(ctx).NewReservation(j.name + " build")}
		j.cur = r
		context.AfterFunc(ctx, func() {
			j.mu.Lock()
			idle := r.open == 0
			if idle && j.cur == r {
				j.cur = nil
			}
			j.mu.Unlock()
			if idle {
				j.free(r)
			}
		})
	}
	r.started[partition] = true
	r.open++
	return r
}

func (j *joinCore) free(r *buildRun) {
	j.mu.Lock()
	if r.freed {
		j.mu.Unlock()
		return
	}
	r.freed = true
	j.mu.Unlock()
	// Wait for a build in progress, then drop it.
	r.once.Do(func() { r.err = context.Canceled })
	if r.build != nil {
		r.build.release()
	}
	r.res.Close()
}

// releaseRun ends one probe stream; the last one frees the build side.
func (j *joinCore) releaseRun(r *buildRun) {
	j.mu.Lock()
	r.open--
	last := r.open == 0
	for _, s := range r.started {
		last = last && s
	}
	if last && j.cur == r {
		j.cur = nil
	}
	j.mu.Unlock()
	if last {
		j.free(r)
	}
}

// finishProbe records that a probe partition reached its end and reports whether it was
// the last one.
func (j *joinCore) finishProbe(r *buildRun) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	r.finished++
	return r.finished == j.Partitions()
}

// buildSide collects the right input and indexes it by key. A hash join whose build side
// does not fit in the pool spills it to partitions instead (grace_join.go).
func (j *joinCore) buildSide(ctx context.Context, res *memory.Reservation) (*joinBuild, error) {
	b := &joinBuild{}
	in := mergePartitions(ctx, j.right)
	defer in.Close()
	for {
		x, err := in.Next()
		if IsEOF(err) {
			break
		}
		if err != nil {
			b.release()
			return nil, err
		}
		if x.NumRows() == 0 {
			x.Release()
			continue
		}
		if err := res.TryGrow(aggregate.BatchSize(x)); err != nil {
			if j.hashed && memory.IsOutOfMemory(err) {
				return j.spillBuild(ctx, res, b, x, in)
			}
			x.Release()
			b.release()
			return nil, err
		}
		b.batches = append(b.batches, x)
		b.rows += int(x.NumRows())
	}
	start := time.Now()
	defer j.since(start)
	if err := j.index(b, res); err != nil {
		if j.hashed && memory.IsOutOfMemory(err) {
			return j.spillBuild(ctx, res, b, nil, nil)
		}
		b.release()
		return nil, err
	}
	if j.joinType.TracksBuild() {
		b.matched = make([]uint64, (b.rows+63)/64)
	}
	j.memory(res.Size())
	return b, nil
}

// index concatenates the collected batches and indexes the rows by key. On error the
// caller still owns b (and releases it, or spills its batches).
func (j *joinCore) index(b *joinBuild, res *memory.Reservation) error {
	b.totalRows = int64(b.rows)
	if err := b.concat(j.right.Schema(), res); err != nil {
		return err
	}
	// Arrow computes null counts lazily and caches them unsynchronized: compute them now,
	// before the probe partitions read the build side concurrently.
	for _, bt := range b.batches {
		for _, c := range bt.Columns() {
			settleNullCounts(c.Data())
		}
	}
	if !j.hashed {
		b.keyStart = []int32{0, int32(b.rows)}
		b.rowsByKey = make([]int32, b.rows)
		for i := range b.rowsByKey {
			b.rowsByKey[i] = int32(i)
		}
		return res.TryGrow(int64(4 * b.rows))
	}
	types := make([]arrow.DataType, len(j.rightKeys))
	for i, k := range j.rightKeys {
		types[i] = k.DataType()
	}
	nullSafe := j.nullSafe
	pack, err := j.newKeyPack(b.batches)
	if err != nil {
		return err
	}
	var ps packScratch
	if pack != nil {
		b.pack = pack
		types, nullSafe = []arrow.DataType{arrow.PrimitiveTypes.Int64}, []bool{false}
	}
	t, err := aggregate.NewGroupTable(types)
	if err != nil {
		return err
	}
	b.table = t
	keyOf := make([]int32, 0, b.rows)
	var ids []uint32
	var invalid []bool
	// Keys are evaluated and interned a slice of rows at a time: the table's scratch and
	// the ids stay that small instead of growing to the whole (concatenated) build side.
	for x := range batchSlices(b.batches, internRows) {
		keys, err := evalAll(j.rightKeys, x)
		x.Release()
		if err != nil {
			return err
		}
		if pack != nil {
			packed := pack.pack(keys, &ps)
			releaseArrays(keys)
			keys = []arrow.Array{packed}
		}
		ids = t.Intern(keys, ids)
		invalid = nullKeyRows(keys, nullSafe, invalid)
		releaseArrays(keys)
		for i, id := range ids {
			if invalid[i] {
				keyOf = append(keyOf, -1)
				b.nullKey = true
			} else {
				keyOf = append(keyOf, int32(id))
			}
		}
	}
	// Integer keys of a small span (TPC-H's keys, orders, parts, customers) are looked up
	// in an array indexed by key instead of the hash slots.
	t.DenseIndex()
	nk := t.NumGroups()
	if nk == b.rows && !b.nullKey {
		b.unique = true // ids were given in row order
		return res.TryGrow(t.Size())
	}
	b.keyStart = make([]int32, nk+1)
	for _, k := range keyOf {
		if k >= 0 {
			b.keyStart[k+1]++
		}
	}
	for k := 1; k <= nk; k++ {
		b.keyStart[k] += b.keyStart[k-1]
	}
	// A key's rows are listed newest first, the order Spark's hashed relations give
	// them in (each row is put in front of the key's earlier ones): a probe row meets
	// its matches in that order, which LIMIT over a join without ORDER BY shows.
	next := append([]int32(nil), b.keyStart[1:nk+1]...)
	b.rowsByKey = make([]int32, b.keyStart[nk])
	for r, k := range keyOf {
		if k >= 0 {
			next[k]--
			b.rowsByKey[next[k]] = int32(r)
		}
	}
	return res.TryGrow(t.Size() + int64(4*(len(b.keyStart)+len(b.rowsByKey))))
}

// concat turns the collected batches into one (so gathers read one source); when that is
// impossible (more than 2 GiB of strings in a column), or the pool has no room for the
// copy, it indexes the batches instead.
func (b *joinBuild) concat(schema *arrow.Schema, res *memory.Reservation) error {
	if len(b.batches) <= 1 {
		return nil
	}
	cols := make([]arrow.Array, schema.NumFields())
	parts := make([]arrow.Array, len(b.batches))
	var size int64
	byRow := func() error {
		releaseArrays(cols)
		for k, x := range b.batches {
			for r := range int32(x.NumRows()) {
				b.bsrc = append(b.bsrc, int32(k))
				b.brow = append(b.brow, r)
			}
		}
		return res.TryGrow(int64(8 * b.rows))
	}
	var est int64 // the copy is about as large as the batches
	for _, x := range b.batches {
		est += aggregate.BatchSize(x)
	}
	if res.TryGrow(est) != nil {
		return byRow()
	}
	for c := range cols {
		for k, x := range b.batches {
			parts[k] = x.Column(c)
		}
		a, err := array.Concatenate(parts, arrowmem.DefaultAllocator)
		if err != nil {
			res.Shrink(est)
			return byRow()
		}
		cols[c] = a
		size += aggregate.ArraySize(a)
	}
	res.Grow(size - est)
	res.Shrink(est - size)
	one := array.NewRecordBatch(schema, cols, int64(b.rows))
	releaseArrays(cols)
	for _, x := range b.batches {
		res.Shrink(aggregate.BatchSize(x))
		x.Release()
	}
	b.batches = []arrow.RecordBatch{one}
	return nil
}

func evalAll(exprs []expr.Expr, b arrow.RecordBatch) ([]arrow.Array, error) {
	out := make([]arrow.Array, len(exprs))
	for i, e := range exprs {
		v, err := e.Eval(b)
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// nullKeyRows marks the rows with a NULL in a key column that is not null-safe.
func nullKeyRows(keys []arrow.Array, nullSafe []bool, out []bool) []bool {
	n := 0
	if len(keys) > 0 {
		n = keys[0].Len()
	}
	if cap(out) < n {
		out = make([]bool, n)
	}
	out = out[:n]
	clear(out)
	for c, k := range keys {
		if nullSafe[c] {
			continue
		}
		if k.DataType().ID() == arrow.NULL {
			for i := range out {
				out[i] = true
			}
			continue
		}
		if k.NullN() == 0 {
			continue
		}
		for i := range out {
			if k.IsNull(i) {
				out[i] = true
			}
		}
	}
	return out
}

func (j *joinCore) execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= j.Partitions() {
		return nil, fmt.Errorf("%s: partition %d out of range", j.name, partition)
	}
	var in Stream
	if partition < j.left.Partitions() {
		var err error
		if in, err = j.left.Execute(ctx, partition); err != nil {
			return nil, err
		}
	} else {
		in = &sliceStream{}
	}
	run := j.acquire(ctx, partition)
	return j.meter(&probeStream{j: j, ctx: ctx, run: run, in: in, partition: partition}), nil
}

type probeStream struct {
	j         *joinCore
	ctx       context.Context
	partition int
	run       *buildRun
	build     *joinBuild // the shared build, or the grace partition being joined
	in        Stream
	gp        *graceProbe // set when the build side spilled
	closed    bool
	err       error

	batch    arrow.RecordBatch
	keyIDs   []int32
	matched  []bool
	row      int
	chainPos int32
	inDone   bool

	unmatchedPos int
	emitUnmatch  bool

	pl, pr, ended []int32
	outL, outR    []int32
	nullRows      []bool
	lookup        aggregate.LookupScratch
	packs         packScratch
}

func (s *probeStream) Next() (arrow.RecordBatch, error) {
	if s.err != nil {
		return nil, s.err
	}
	b, err := s.next()
	if err != nil && !IsEOF(err) {
		s.err = err
	}
	return b, err
}

func (s *probeStream) next() (arrow.RecordBatch, error) {
	j := s.j
	if s.build == nil {
		s.run.once.Do(func() { s.run.build, s.run.err = j.buildSide(s.ctx, s.run.res) })
		if s.run.err != nil {
			return nil, s.run.err
		}
		s.build = s.run.build
		if s.build.grace != nil {
			if err := s.startGrace(); err != nil {
				return nil, err
			}
		}
	}
	for {
		if s.emitUnmatch {
			if s.gp != nil {
				return s.gp.unmatched(s)
			}
			return s.unmatchedRight()
		}
		if s.batch == nil {
			if s.inDone {
				return nil, io.EOF
			}
			b, err := s.nextInput()
			if IsEOF(err) {
				s.inDone = true
				if j.finishProbe(s.run) && s.run.build.matched != nil {
					s.emitUnmatch = true
				}
				continue
			}
			if err != nil {
				return nil, err
			}
			if b.NumRows() == 0 {
				b.Release()
				continue
			}
			if err := s.prepare(b); err != nil {
				b.Release()
				return nil, err
			}
		}
		start := time.Now()
		out, err := s.chunk()
		j.since(start)
		if s.batch != nil && s.row >= int(s.batch.NumRows()) {
			s.batch.Release()
			s.batch = nil
		}
		if err != nil || out != nil {
			return out, err
		}
	}
}

// prepare looks up a new probe batch's keys.
func (s *probeStream) prepare(b arrow.RecordBatch) error {
	j := s.j
	start := time.Now()
	defer j.since(start)
	s.batch, s.row, s.chainPos = b, 0, 0
	n := int(b.NumRows())
	s.matched = resizeBools(s.matched, n)
	if !j.hashed {
		s.keyIDs = resizeInt32(s.keyIDs, n)
		fill := int32(0)
		if s.build.rows == 0 {
			fill = -1
		}
		for i := range s.keyIDs {
			s.keyIDs[i] = fill
		}
		return nil
	}
	keys, err := evalAll(j.leftKeys, b)
	if err != nil {
		return err
	}
	nullSafe := j.nullSafe
	if pack := s.build.pack; pack != nil {
		packed := pack.pack(keys, &s.packs)
		releaseArrays(keys)
		keys, nullSafe = []arrow.Array{packed}, []bool{false}
	}
	defer releaseArrays(keys)
	s.keyIDs = s.build.table.Lookup(keys, s.keyIDs, &s.lookup)
	s.nullRows = nullKeyRows(keys, nullSafe, s.nullRows)
	for i, isNull := range s.nullRows {
		if isNull {
			s.keyIDs[i] = -1
		}
	}
	return nil
}

func resizeBools(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func resizeInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// chunk processes probe rows until about DefaultBatchRows candidate pairs and returns
// the output for them (nil when there is none).
func (s *probeStream) chunk() (arrow.RecordBatch, error) {
	j := s.j
	b := s.build
	n := int(s.batch.NumRows())
	if j.joinType == NullAwareLeftAntiJoin {
		s.outL = s.outL[:0]
		for i := range n {
			keep := b.totalRows == 0 || (!b.nullKey && !s.nullRows[i] && s.keyIDs[i] < 0)
			if keep {
				s.outL = append(s.outL, int32(i))
			}
		}
		s.row = n
		return s.emit(s.outL, nil)
	}
	if j.filter == nil && j.joinType.rightOnly() {
		s.markBuild(n)
		s.row = n
		return nil, nil
	}
	if j.filter == nil && j.joinType == ExistenceJoin {
		return s.existsByKey(n)
	}
	if j.filter == nil && (j.joinType == LeftSemiJoin || j.joinType == LeftAntiJoin) {
		s.outL = s.outL[:0]
		for i := range n {
			k := s.keyIDs[i]
			has := k >= 0 && (b.unique || b.keyStart[k+1] > b.keyStart[k])
			if has == (j.joinType == LeftSemiJoin) {
				s.outL = append(s.outL, int32(i))
			}
		}
		s.row = n
		return s.emit(s.outL, nil)
	}
	// Candidate pairs.
	s.pl, s.pr, s.ended = s.pl[:0], s.pr[:0], s.ended[:0]
	if b.unique {
		for ; s.row < n && len(s.pl) < DefaultBatchRows; s.row++ {
			if k := s.keyIDs[s.row]; k >= 0 {
				s.pl, s.pr = append(s.pl, int32(s.row)), append(s.pr, k)
			}
			s.ended = append(s.ended, int32(s.row))
		}
	}
	for s.row < n && len(s.pl) < DefaultBatchRows {
		i := s.row
		k := s.keyIDs[i]
		if k >= 0 {
			chain := b.rowsByKey[b.keyStart[k]:b.keyStart[k+1]]
			take := min(len(chain)-int(s.chainPos), DefaultBatchRows-len(s.pl))
			for _, r := range chain[s.chainPos : int(s.chainPos)+take] {
				s.pl = append(s.pl, int32(i))
				s.pr = append(s.pr, r)
			}
			s.chainPos += int32(take)
			if int(s.chainPos) < len(chain) {
				break // the row continues in the next chunk
			}
		}
		s.ended = append(s.ended, int32(i))
		s.row++
		s.chainPos = 0
	}
	// Residual filter.
	var mask []bool
	if j.filter != nil && len(s.pl) > 0 {
		var err error
		if mask, err = s.evalFilter(); err != nil {
			return nil, err
		}
	}
	trackRight := b.matched != nil
	for p, l := range s.pl {
		if mask != nil && !mask[p] {
			continue
		}
		if s.matched[l] && j.joinType == LeftSingleJoin {
			return nil, tooManySubqueryRows()
		}
		s.matched[l] = true
		if trackRight {
			r := int64(s.pr[p])
			if b.rowIDs != nil {
				r = b.rowIDs[r]
			}
			atomic.OrUint64(&b.matched[r>>6], 1<<(uint(r)&63))
		}
	}
	s.outL, s.outR = s.outL[:0], s.outR[:0]
	switch j.joinType {
	case InnerJoin, RightOuterJoin:
		for p, l := range s.pl {
			if mask == nil || mask[p] {
				s.outL, s.outR = append(s.outL, l), append(s.outR, s.pr[p])
			}
		}
	case LeftOuterJoin, FullOuterJoin, LeftSingleJoin:
		e := 0
		for p, l := range s.pl {
			for e < len(s.ended) && s.ended[e] < l {
				s.padLeft(s.ended[e])
				e++
			}
			if mask == nil || mask[p] {
				s.outL, s.outR = append(s.outL, l), append(s.outR, s.pr[p])
			}
		}
		for ; e < len(s.ended); e++ {
			s.padLeft(s.ended[e])
		}
	case LeftSemiJoin, LeftAntiJoin:
		semi := j.joinType == LeftSemiJoin
		for _, l := range s.ended {
			if s.matched[l] == semi {
				s.outL = append(s.outL, l)
			}
		}
		return s.emit(s.outL, nil)
	case ExistenceJoin:
		return s.emitExists(s.ended)
	case RightSemiJoin, RightAntiJoin:
		return nil, nil // the build rows are output at the end
	}
	return s.emit(s.outL, s.outR)
}

// markBuild records the build rows the probe batch's first n rows match, for a right
// semi or anti join without a residual filter. A key's rows are marked together, so a key
// whose first row is marked is done.
func (s *probeStream) markBuild(n int) {
	b := s.build
	set := func(r int64) bool {
		if b.rowIDs != nil {
			r = b.rowIDs[r]
		}
		w, bit := &b.matched[r>>6], uint64(1)<<(uint(r)&63)
		if atomic.LoadUint64(w)&bit != 0 {
			return false
		}
		atomic.OrUint64(w, bit)
		return true
	}
	for _, k := range s.keyIDs[:n] {
		if k < 0 {
			continue
		}
		if b.unique {
			set(int64(k))
			continue
		}
		chain := b.rowsByKey[b.keyStart[k]:b.keyStart[k+1]]
		if len(chain) == 0 || !set(int64(chain[0])) {
			continue
		}
		for _, r := range chain[1:] {
			set(int64(r))
		}
	}
}

// padLeft adds an unmatched left row with NULLs on the right.
func (s *probeStream) padLeft(l int32) {
	if !s.matched[l] {
		s.outL, s.outR = append(s.outL, l), append(s.outR, -1)
	}
}

// evalFilter evaluates the residual filter over the candidate pairs.
func (s *probeStream) evalFilter() ([]bool, error) {
	j := s.j
	cand, err := s.gather(j.probeSchema, s.pl, s.pr)
	if err != nil {
		return nil, err
	}
	defer cand.Release()
	m, err := j.filter.Eval(cand)
	if err != nil {
		return nil, err
	}
	defer m.Release()
	mask := make([]bool, len(s.pl))
	if m.DataType().ID() != arrow.BOOL {
		if m.DataType().ID() == arrow.NULL {
			return mask, nil
		}
		return nil, sparkerror.InternalError("join filter %s is %s, not boolean", j.filter, m.DataType())
	}
	d := m.Data()
	vals, off := d.Buffers()[1].Bytes(), d.Offset()
	var valid []byte
	if m.NullN() > 0 {
		valid = d.Buffers()[0].Bytes()
	}
	for i := range mask {
		mask[i] = bitutil.BitIsSet(vals, off+i) && (valid == nil || bitutil.BitIsSet(valid, off+i))
	}
	return mask, nil
}

// gather builds a batch of left rows l (negative = NULLs) and right rows r (nil: no right
// columns; negative = NULLs).
func (s *probeStream) gather(schema *arrow.Schema, l, r []int32) (arrow.RecordBatch, error) {
	j := s.j
	var cols []arrow.Array
	ok := false
	defer func() {
		if !ok {
			releaseArrays(cols)
		}
	}()
	nl := j.left.Schema().NumFields()
	for c := range nl {
		var a arrow.Array
		var err error
		if s.batch == nil {
			a = array.MakeArrayOfNull(arrowmem.DefaultAllocator, schema.Field(c).Type, len(l))
		} else if a, err = aggregate.Take(s.batch.Column(c), l); err != nil {
			return nil, err
		}
		cols = append(cols, a)
	}
	if r != nil {
		var err error
		if cols, err = s.build.gatherRows(cols, schema.Fields()[nl:], r); err != nil {
			return nil, err
		}
	}
	ok = true
	out := array.NewRecordBatch(schema, cols, int64(len(l)))
	releaseArrays(cols)
	return out, nil
}

// gatherBuild builds a batch of the build rows r (the output of a right semi or anti
// join).
func (s *probeStream) gatherBuild(r []int32) (arrow.RecordBatch, error) {
	b := s.build
	schema := s.j.schema
	if len(b.batches) == 1 && len(r) == b.rows {
		x := b.batches[0]
		x.Retain()
		return relabelBatch(x, schema), nil
	}
	cols, err := b.gatherRows(make([]arrow.Array, 0, schema.NumFields()), schema.Fields(), r)
	if err != nil {
		releaseArrays(cols)
		return nil, err
	}
	out := array.NewRecordBatch(schema, cols, int64(len(r)))
	releaseArrays(cols)
	return out, nil
}

// gatherRows appends to cols one column per field of the build rows r (negative: NULL),
// taken from the build's batches; on error cols holds what was appended so far.
func (b *joinBuild) gatherRows(cols []arrow.Array, fields []arrow.Field, r []int32) ([]arrow.Array, error) {
	var src []int32
	rows := r
	if len(b.batches) > 1 {
		src = make([]int32, len(r))
		rows = make([]int32, len(r))
		for i, g := range r {
			if g < 0 {
				rows[i] = -1
			} else {
				src[i], rows[i] = b.bsrc[g], b.brow[g]
			}
		}
	}
	srcs := make([]arrow.Array, len(b.batches))
	for c, f := range fields {
		for k, x := range b.batches {
			srcs[k] = x.Column(c)
		}
		a, err := aggregate.Interleave(f.Type, srcs, src, rows)
		if err != nil {
			return cols, err
		}
		cols = append(cols, a)
	}
	return cols, nil
}

// emit returns the output batch for left rows l and right rows r, or nil when empty.
func (s *probeStream) emit(l, r []int32) (arrow.RecordBatch, error) {
	if len(l) == 0 {
		return nil, nil
	}
	if r == nil && len(l) == int(s.batch.NumRows()) && s.j.joinType.leftOnly() {
		s.batch.Retain()
		return relabelBatch(s.batch, s.j.schema), nil
	}
	return s.gather(s.j.schema, l, r)
}

func relabelBatch(b arrow.RecordBatch, schema *arrow.Schema) arrow.RecordBatch {
	if b.Schema().Equal(schema) {
		return b
	}
	out := array.NewRecordBatch(schema, b.Columns(), b.NumRows())
	b.Release()
	return out
}

// unmatchedRight emits the right rows no probe row matched, NULLs on the left; for a
// right semi join, the rows some probe row matched.
func (s *probeStream) unmatchedRight() (arrow.RecordBatch, error) {
	b := s.build
	want := uint64(0)
	if s.j.joinType == RightSemiJoin {
		want = 1
	}
	for {
		s.outL, s.outR = s.outL[:0], s.outR[:0]
		for s.unmatchedPos < b.rows && len(s.outR) < DefaultBatchRows {
			r := s.unmatchedPos
			s.unmatchedPos++
			if atomic.LoadUint64(&b.matched[r>>6])>>(uint(r)&63)&1 == want {
				s.outL, s.outR = append(s.outL, -1), append(s.outR, int32(r))
			}
		}
		if len(s.outR) > 0 {
			if s.j.joinType.rightOnly() {
				return s.gatherBuild(s.outR)
			}
			return s.gather(s.j.schema, s.outL, s.outR)
		}
		if s.unmatchedPos >= b.rows {
			s.emitUnmatch = false
			return nil, io.EOF
		}
	}
}

func (s *probeStream) Close() {
	if s.closed {
		return
	}
	s.closed = true
	if s.batch != nil {
		s.batch.Release()
		s.batch = nil
	}
	if s.gp != nil {
		s.gp.close()
	}
	s.in.Close()
	s.j.releaseRun(s.run)
}

// HashJoin is an equi-join: the right input is the build side, collected from all its
// partitions into one hash table on the right keys (accounted in the memory pool), and the
// left partitions probe it in parallel (output partitions = left partitions). A build side
// that does not fit is spilled, and the join becomes a grace hash join (grace_join.go).
// NULL keys never match unless the key is null-safe (<=>). The filter, when
// set, is a residual condition over the left ++ right columns.
type HashJoin struct{ joinCore }

// NewHashJoin builds a hash join; key types must be equal pairwise.
func NewHashJoin(left, right ExecutionPlan, leftKeys, rightKeys []expr.Expr, nullSafe []bool, joinType JoinType, filter expr.Expr) (*HashJoin, error) {
	if len(leftKeys) != len(rightKeys) || len(leftKeys) == 0 {
		return nil, sparkerror.InternalError("hash join: %d left keys and %d right keys", len(leftKeys), len(rightKeys))
	}
	if nullSafe == nil {
		nullSafe = make([]bool, len(leftKeys))
	}
	if len(nullSafe) != len(leftKeys) {
		return nil, sparkerror.InternalError("hash join: %d null-safe flags for %d keys", len(nullSafe), len(leftKeys))
	}
	for i := range leftKeys {
		lt, rt := leftKeys[i].DataType(), rightKeys[i].DataType()
		if !arrow.TypeEqual(lt, rt) {
			return nil, sparkerror.InternalError("hash join: key %d is %s on the left and %s on the right", i, lt, rt)
		}
		if err := aggregate.CheckKeyType(lt); err != nil {
			return nil, err
		}
	}
	if joinType == NullAwareLeftAntiJoin && (len(leftKeys) != 1 || filter != nil) {
		return nil, sparkerror.NotImplemented("a null-aware anti join with several keys or a residual filter")
	}
	if joinType < InnerJoin || joinType > LastJoinType {
		return nil, sparkerror.InternalError("hash join: join type %d", joinType)
	}
	j := &HashJoin{joinCore{left: left, right: right, leftKeys: leftKeys, rightKeys: rightKeys, nullSafe: nullSafe,
		joinType: joinType, filter: filter, hashed: true, name: "HashJoin"}}
	j.schema = JoinSchema(left.Schema(), right.Schema(), joinType)
	j.probeSchema = JoinSchema(left.Schema(), right.Schema(), InnerJoin)
	return j, nil
}

func (j *HashJoin) Execute(ctx context.Context, partition int) (Stream, error) {
	return j.execute(ctx, partition)
}

// NestedLoopJoin joins every left row with every right row that passes the filter (a
// cross join when the filter is nil), for joins without equality keys. The right input is
// collected once per execution and shared by the left partitions, as in HashJoin.
type NestedLoopJoin struct{ joinCore }

// NewNestedLoopJoin builds the join; NullAwareLeftAntiJoin is not supported here (a NOT
// IN subquery without keys is a LeftAnti join with the condition "(a = b) IS NOT FALSE").
func NewNestedLoopJoin(left, right ExecutionPlan, joinType JoinType, filter expr.Expr) (*NestedLoopJoin, error) {
	if joinType < InnerJoin || joinType > LastJoinType {
		return nil, sparkerror.InternalError("nested loop join: join type %d", joinType)
	}
	if joinType == NullAwareLeftAntiJoin {
		return nil, sparkerror.NotImplemented("a null-aware anti join without keys")
	}
	j := &NestedLoopJoin{joinCore{left: left, right: right, joinType: joinType, filter: filter, name: "NestedLoopJoin"}}
	j.schema = JoinSchema(left.Schema(), right.Schema(), joinType)
	j.probeSchema = JoinSchema(left.Schema(), right.Schema(), InnerJoin)
	return j, nil
}

func (j *NestedLoopJoin) Execute(ctx context.Context, partition int) (Stream, error) {
	return j.execute(ctx, partition)
}

// settleNullCounts computes the cached null count of d and of its children. Only an Array
// computes it (ArrayData.NullN reads the cache, -1 while unknown), and every Array over d
// shares the cached value.
func settleNullCounts(d arrow.ArrayData) {
	a := array.MakeFromData(d)
	a.NullN()
	a.Release()
	for _, c := range d.Children() {
		settleNullCounts(c)
	}
}
