package aggregate

import (
	"bytes"
	"math"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/cespare/xxhash/v2"
)

// GroupTable maps key tuples to dense group ids 0, 1, 2, ... in order of first appearance.
// NULL is a key value like any other (a NULL key forms its own group); floats are
// normalized so that NaNs group together and -0.0 groups with 0.0, as Spark does.
//
// A single fixed-width key (integers, dates, timestamps, intervals, floats, booleans) uses
// an open-addressing table of 64-bit keys; a single string or binary key hashes its bytes;
// other keys are encoded in the row format and hashed. Hashes use xxhash with a fixed seed.
type GroupTable struct {
	types []arrow.DataType
	kind  tableKind
	width int // kindU64: bytes per key value

	shift uint // 64 - log2(len(slots))
	n     int  // groups

	slots64 []slot64
	keys64  []uint64

	// dense, when set (DenseIndex), maps key-denseMin to group+1 (0: absent) for Lookup;
	// the hash slots are then dropped.
	dense    []int32
	denseMin uint64

	slotsB []slotB
	arena  []byte
	ends   []int // group g's key is arena[ends[g-1]:ends[g]]

	nullGroup int32
	nullable  bool // kindU64/kindBytes: whether nullGroup exists

	enc       *RowEncoder
	kenc      *keyEncoder // flat key types: the cheaper equality-only encoding
	rows      Rows
	scratch   []uint64
	newRows   []int32
	repChunks [][]arrow.Array // kindRows: representative key values, per column
	repSize   int64           // the bytes repChunks hold (Size runs once per batch)
}

type tableKind uint8

const (
	kindU64 tableKind = iota
	kindBytes
	kindRows
)

type slot64 struct {
	key uint64
	gid uint32 // group + 1; 0 = empty
}

type slotB struct {
	hash uint64
	off  uint64 // the key is arena[off : off+klen]
	gid  uint32
	klen uint32
}

const initialSlots = 1 << 8

// NewGroupTable builds an empty table for keys of the given types.
func NewGroupTable(types []arrow.DataType) (*GroupTable, error) {
	t := &GroupTable{types: types, nullGroup: -1}
	switch {
	case len(types) == 1 && u64Width(types[0]) > 0:
		t.kind = kindU64
		t.width = u64Width(types[0])
		t.slots64 = make([]slot64, initialSlots)
	case len(types) == 1 && (types[0].ID() == arrow.STRING || types[0].ID() == arrow.BINARY):
		t.kind = kindBytes
		t.slotsB = make([]slotB, initialSlots)
		t.ends = []int{}
	default:
		fields := make([]SortField, len(types))
		for i, dt := range types {
			fields[i] = SortField{Type: dt, NullsFirst: true}
		}
		enc, err := NewRowEncoder(fields)
		if err != nil {
			return nil, err
		}
		t.enc = enc
		t.kenc = newKeyEncoder(types)
		t.kind = kindRows
		t.slotsB = make([]slotB, initialSlots)
		t.repChunks = make([][]arrow.Array, len(types))
	}
	t.shift = 64 - 8
	return t, nil
}

// u64Width is the key width for the 64-bit table, or 0 when the type does not use it.
func u64Width(dt arrow.DataType) int {
	switch dt.ID() {
	case arrow.BOOL:
		return 1
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32,
		arrow.UINT64, arrow.FLOAT32, arrow.FLOAT64, arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP,
		arrow.DURATION, arrow.INTERVAL_MONTHS, arrow.TIME32, arrow.TIME64, arrow.INTERVAL_DAY_TIME:
		return byteWidth(dt)
	}
	return 0
}

// NumGroups is the number of groups so far.
func (t *GroupTable) NumGroups() int { return t.n }

// Size estimates the bytes the table holds.
func (t *GroupTable) Size() int64 {
	s := int64(len(t.slots64)*16 + cap(t.keys64)*8 + len(t.slotsB)*24 + cap(t.arena) + cap(t.ends)*8 +
		cap(t.scratch)*8 + cap(t.newRows)*4 + cap(t.dense)*4)
	return s + t.rows.Size() + t.repSize
}

// Release frees the representative key arrays.
func (t *GroupTable) Release() {
	for _, cs := range t.repChunks {
		releaseAll(cs)
	}
	t.repChunks = nil
	t.repSize = 0
}

func fib(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 }

// extract64 loads a single fixed-width key column as normalized 64-bit values into dst.
func (t *GroupTable) extract64(col arrow.Array, dst []uint64) []uint64 {
	n := col.Len()
	out := resize(dst, n)
	switch col.DataType().ID() {
	case arrow.BOOL:
		b, off := boolBits(col)
		for i := range out {
			if bitutil.BitIsSet(b, off+i) {
				out[i] = 1
			} else {
				out[i] = 0
			}
		}
	case arrow.FLOAT32:
		for i, v := range fixedValues[float32](col) {
			out[i] = uint64(Float32Key(v))
		}
	case arrow.FLOAT64:
		for i, v := range fixedValues[float64](col) {
			out[i] = Float64Key(v)
		}
	default:
		switch t.width {
		case 1:
			for i, v := range fixedValues[uint8](col) {
				out[i] = uint64(v)
			}
		case 2:
			for i, v := range fixedValues[uint16](col) {
				out[i] = uint64(v)
			}
		case 4:
			for i, v := range fixedValues[uint32](col) {
				out[i] = uint64(v)
			}
		default:
			copy(out, fixedValues[uint64](col))
		}
	}
	return out
}

// runSample is how many rows of a batch Intern looks at to tell whether the input is
// clustered by the key: when at least half of them repeat the key of the row before, rows
// repeating it take its group without a probe (a check that costs more than it saves on
// unclustered input, where it mostly fails and is mispredicted).
const runSample = 256

// Intern assigns each row of the key columns its group id (creating groups for new keys)
// and returns ids (reusing the given slice).
func (t *GroupTable) Intern(cols []arrow.Array, ids []uint32) []uint32 {
	n := cols[0].Len()
	ids = resize(ids, n)
	switch t.kind {
	case kindU64:
		if t.dense != nil {
			t.dropDense()
		}
		keys := t.extract64(cols[0], t.scratch)
		t.scratch = keys
		vb, voff := validity(cols[0])
		// When the input is clustered by the key (line items by order), a row with the key
		// of the row before it takes that row's group without probing the table.
		runs := 0
		for i := 1; i < min(len(keys), runSample); i++ {
			if keys[i] == keys[i-1] {
				runs++
			}
		}
		if 2*runs < min(len(keys), runSample) {
			for i, k := range keys {
				if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
					ids[i] = t.internNull()
					continue
				}
				ids[i] = t.intern64(k)
			}
			break
		}
		last, lastID, haveLast := uint64(0), uint32(0), false
		for i, k := range keys {
			if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
				ids[i] = t.internNull()
				haveLast = false
				continue
			}
			if haveLast && k == last {
				ids[i] = lastID
				continue
			}
			lastID = t.intern64(k)
			last, haveLast = k, true
			ids[i] = lastID
		}
	case kindBytes:
		offs, data := varOffsets(cols[0])
		vb, voff := validity(cols[0])
		runs := 0
		for i := 1; i < min(n, runSample); i++ {
			if string(data[offs[i]:offs[i+1]]) == string(data[offs[i-1]:offs[i]]) {
				runs++
			}
		}
		check := 2*runs >= min(n, runSample)
		var last []byte
		lastID, haveLast := uint32(0), false
		for i := range n {
			if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
				ids[i] = t.internNull()
				haveLast = false
				continue
			}
			key := data[offs[i]:offs[i+1]]
			if check && haveLast && len(key) == len(last) && string(key) == string(last) {
				ids[i] = lastID
				continue
			}
			lastID = t.internBytes(key)
			last, haveLast = key, true
			ids[i] = lastID
		}
	case kindRows:
		cols = normalizeFloatCols(cols)
		defer releaseAll(cols)
		if t.kenc != nil {
			t.kenc.Encode(cols, n, &t.rows)
		} else {
			t.enc.Encode(cols, n, &t.rows)
		}
		t.newRows = t.newRows[:0]
		runs := 0
		for i := 1; i < min(n, runSample); i++ {
			if string(t.rows.Row(i)) == string(t.rows.Row(i-1)) {
				runs++
			}
		}
		check := 2*runs >= min(n, runSample)
		var last []byte
		for i := range n {
			row := t.rows.Row(i)
			if check && i > 0 && len(row) == len(last) && string(row) == string(last) {
				ids[i] = ids[i-1] // the key of the row before
				continue
			}
			last = row
			before := t.n
			ids[i] = t.internBytes(row)
			if t.n > before {
				t.newRows = append(t.newRows, int32(i))
			}
		}
		if len(t.newRows) > 0 {
			for c, col := range cols {
				rep, err := Take(col, t.newRows)
				if err != nil {
					panic(err) // types were checked by NewRowEncoder; Take cannot fail on them
				}
				t.repChunks[c] = append(t.repChunks[c], rep)
				t.repSize += ArraySize(rep)
			}
		}
	}
	return ids
}

func (t *GroupTable) internNull() uint32 {
	if !t.nullable {
		t.nullable = true
		t.nullGroup = int32(t.n)
		t.n++
		if t.kind == kindU64 {
			t.keys64 = append(t.keys64, 0)
		} else {
			t.ends = append(t.ends, len(t.arena))
		}
	}
	return uint32(t.nullGroup)
}

func (t *GroupTable) intern64(k uint64) uint32 {
	mask := uint64(len(t.slots64) - 1)
	pos := fib(k) >> t.shift
	for {
		s := &t.slots64[pos]
		if s.gid == 0 {
			g := uint32(t.n)
			s.key, s.gid = k, g+1
			t.n++
			t.keys64 = append(t.keys64, k)
			if t.n*2 > len(t.slots64) {
				t.grow64()
			}
			return g
		}
		if s.key == k {
			return s.gid - 1
		}
		pos = (pos + 1) & mask
	}
}

func (t *GroupTable) grow64() {
	old := t.slots64
	t.slots64 = make([]slot64, 2*len(old))
	t.shift--
	mask := uint64(len(t.slots64) - 1)
	for _, s := range old {
		if s.gid == 0 {
			continue
		}
		pos := fib(s.key) >> t.shift
		for t.slots64[pos].gid != 0 {
			pos = (pos + 1) & mask
		}
		t.slots64[pos] = s
	}
}

// DenseIndex makes Lookup index an array by key instead of hashing, when the table's keys
// are integers (or dates, timestamps, ...) whose values span a range small next to their
// number, as the keys of a join's build side mostly are: one load per probe row, into an
// array no larger than the hash slots it replaces (4 bytes per value of the span against
// 16 per slot, and the slots are at most half full), and often much smaller. It reports
// whether the index was built; Intern afterwards goes back to the slots.
func (t *GroupTable) DenseIndex() bool {
	if t.kind != kindU64 || t.dense != nil {
		return false
	}
	switch t.types[0].ID() {
	case arrow.BOOL, arrow.FLOAT32, arrow.FLOAT64:
		return false
	}
	lo, hi, keys := uint64(math.MaxUint64), uint64(0), 0
	for g, k := range t.keys64 {
		if t.nullable && int32(g) == t.nullGroup {
			continue
		}
		lo, hi = min(lo, k), max(hi, k)
		keys++
	}
	if keys == 0 {
		return false
	}
	span := hi - lo // slots - 1
	if span >= math.MaxInt32 || span >= uint64(4*len(t.slots64)) {
		return false
	}
	dense := make([]int32, span+1)
	for g, k := range t.keys64 {
		if t.nullable && int32(g) == t.nullGroup {
			continue
		}
		dense[k-lo] = int32(g) + 1
	}
	t.dense, t.denseMin = dense, lo
	t.slots64 = nil
	return true
}

// lookup64 is Lookup's loop over the hash slots.
func (t *GroupTable) lookup64(keys []uint64, vb []byte, voff int, out []int32) {
	mask := uint64(len(t.slots64) - 1)
	for i, k := range keys {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			out[i] = t.nullGroup
			continue
		}
		pos := fib(k) >> t.shift
		out[i] = -1
		for {
			s := &t.slots64[pos]
			if s.gid == 0 {
				break
			}
			if s.key == k {
				out[i] = int32(s.gid - 1)
				break
			}
			pos = (pos + 1) & mask
		}
	}
}

// dropDense goes back from a dense index to the hash slots, for Intern.
func (t *GroupTable) dropDense() {
	t.dense = nil
	size := initialSlots
	for size < 2*len(t.keys64) {
		size *= 2
	}
	t.slots64 = make([]slot64, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	for g, k := range t.keys64 {
		if t.nullable && int32(g) == t.nullGroup {
			continue
		}
		pos := fib(k) >> t.shift
		for t.slots64[pos].gid != 0 {
			pos = (pos + 1) & mask
		}
		t.slots64[pos] = slot64{key: k, gid: uint32(g) + 1}
	}
}

// lookupDense is Lookup's loop over a dense index.
func (t *GroupTable) lookupDense(keys []uint64, vb []byte, voff int, out []int32) {
	dense, lo := t.dense, t.denseMin
	n := uint64(len(dense))
	for i, k := range keys {
		if d := k - lo; d < n {
			out[i] = dense[d] - 1
		} else {
			out[i] = -1
		}
	}
	if vb != nil {
		for i := range keys {
			if !bitutil.BitIsSet(vb, voff+i) {
				out[i] = t.nullGroup
			}
		}
	}
}

func (t *GroupTable) internBytes(key []byte) uint32 {
	h := xxhash.Sum64(key)
	mask := uint64(len(t.slotsB) - 1)
	pos := fib(h) >> t.shift
	for {
		s := &t.slotsB[pos]
		if s.gid == 0 {
			g := uint32(t.n)
			s.hash, s.gid, s.off, s.klen = h, g+1, uint64(len(t.arena)), uint32(len(key))
			t.n++
			t.arena = append(t.arena, key...)
			t.ends = append(t.ends, len(t.arena))
			if t.n*2 > len(t.slotsB) {
				t.growB()
			}
			return g
		}
		if s.hash == h && int(s.klen) == len(key) && bytes.Equal(t.arena[s.off:s.off+uint64(s.klen)], key) {
			return s.gid - 1
		}
		pos = (pos + 1) & mask
	}
}

func (t *GroupTable) growB() {
	old := t.slotsB
	t.slotsB = make([]slotB, 2*len(old))
	t.shift--
	mask := uint64(len(t.slotsB) - 1)
	for _, s := range old {
		if s.gid == 0 {
			continue
		}
		pos := fib(s.hash) >> t.shift
		for t.slotsB[pos].gid != 0 {
			pos = (pos + 1) & mask
		}
		t.slotsB[pos] = s
	}
}

// LookupScratch holds one caller's buffers for Lookup, so that several goroutines can
// probe a finished table at once.
type LookupScratch struct {
	keys []uint64
	enc  *RowEncoder
	kenc *keyEncoder
	rows Rows
}

// Lookup finds each row's group id without creating groups: out[i] is -1 when the key is
// absent. Rows with NULL keys find the NULL group if there is one. Lookups may run
// concurrently with each other (each with its own scratch), not with Intern.
func (t *GroupTable) Lookup(cols []arrow.Array, out []int32, sc *LookupScratch) []int32 {
	n := cols[0].Len()
	out = resize(out, n)
	switch t.kind {
	case kindU64:
		keys := t.extract64(cols[0], sc.keys)
		sc.keys = keys
		vb, voff := validity(cols[0])
		if t.dense != nil {
			t.lookupDense(keys, vb, voff, out)
			break
		}
		t.lookup64(keys, vb, voff, out)
	case kindBytes:
		offs, data := varOffsets(cols[0])
		vb, voff := validity(cols[0])
		for i := range n {
			if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
				out[i] = t.nullGroup
				continue
			}
			out[i] = t.findBytes(data[offs[i]:offs[i+1]])
		}
	case kindRows:
		cols = normalizeFloatCols(cols)
		defer releaseAll(cols)
		if t.kenc != nil {
			if sc.kenc == nil {
				sc.kenc = newKeyEncoder(t.types)
			}
			sc.kenc.Encode(cols, n, &sc.rows)
		} else {
			if sc.enc == nil {
				sc.enc, _ = NewRowEncoder(t.enc.Fields())
			}
			sc.enc.Encode(cols, n, &sc.rows)
		}
		for i := range n {
			out[i] = t.findBytes(sc.rows.Row(i))
		}
	}
	return out
}

func (t *GroupTable) findBytes(key []byte) int32 {
	h := xxhash.Sum64(key)
	mask := uint64(len(t.slotsB) - 1)
	pos := fib(h) >> t.shift
	for {
		s := &t.slotsB[pos]
		if s.gid == 0 {
			return -1
		}
		if s.hash == h && int(s.klen) == len(key) && bytes.Equal(t.arena[s.off:s.off+uint64(s.klen)], key) {
			return int32(s.gid - 1)
		}
		pos = (pos + 1) & mask
	}
}

// KeyColumns returns one array per key column holding each group's key, in group order.
func (t *GroupTable) KeyColumns() ([]arrow.Array, error) {
	switch t.kind {
	case kindU64:
		return []arrow.Array{t.u64Keys()}, nil
	case kindBytes:
		n := t.n
		offs := make([]int32, n+1)
		for g := range n {
			offs[g+1] = int32(t.ends[g])
		}
		var valid []byte
		nulls := 0
		if t.nullable {
			valid = newBitmap(n)
			bitutil.SetBitsTo(valid, 0, int64(n), true)
			bitutil.ClearBit(valid, int(t.nullGroup))
			nulls = 1
		}
		data := array.NewData(t.types[0], n, []*memory.Buffer{buf(valid), buf(asBytes(offs)), buf(t.arena)}, nil, nulls, 0)
		defer data.Release()
		return []arrow.Array{array.MakeFromData(data)}, nil
	}
	out := make([]arrow.Array, len(t.types))
	for c, chunks := range t.repChunks {
		if len(chunks) == 0 {
			out[c] = array.MakeArrayOfNull(memory.DefaultAllocator, t.types[c], 0)
			continue
		}
		a, err := array.Concatenate(chunks, memory.DefaultAllocator)
		if err != nil {
			releaseAll(out)
			return nil, err
		}
		out[c] = a
	}
	return out, nil
}

func (t *GroupTable) u64Keys() arrow.Array {
	n := t.n
	dt := t.types[0]
	var valid []byte
	nulls := 0
	if t.nullable {
		valid = newBitmap(n)
		bitutil.SetBitsTo(valid, 0, int64(n), true)
		bitutil.ClearBit(valid, int(t.nullGroup))
		nulls = 1
	}
	var values []byte
	switch dt.ID() {
	case arrow.BOOL:
		values = newBitmap(n)
		for g, k := range t.keys64 {
			if k != 0 {
				bitutil.SetBit(values, g)
			}
		}
	case arrow.FLOAT32:
		v := make([]float32, n)
		for g, k := range t.keys64 {
			if int32(g) != t.nullGroup || !t.nullable {
				v[g] = unFloat32Key(uint32(k))
			}
		}
		values = asBytes(v)
	case arrow.FLOAT64:
		v := make([]float64, n)
		for g, k := range t.keys64 {
			if int32(g) != t.nullGroup || !t.nullable {
				v[g] = unFloat64Key(k)
			}
		}
		values = asBytes(v)
	default:
		switch t.width {
		case 1:
			v := make([]uint8, n)
			for g, k := range t.keys64 {
				v[g] = uint8(k)
			}
			values = asBytes(v)
		case 2:
			v := make([]uint16, n)
			for g, k := range t.keys64 {
				v[g] = uint16(k)
			}
			values = asBytes(v)
		case 4:
			v := make([]uint32, n)
			for g, k := range t.keys64 {
				v[g] = uint32(k)
			}
			values = asBytes(v)
		default:
			values = asBytes(append([]uint64(nil), t.keys64...))
		}
	}
	data := array.NewData(dt, n, []*memory.Buffer{buf(valid), buf(values)}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

func unFloat64Key(k uint64) float64 {
	if k>>63 != 0 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

func unFloat32Key(k uint32) float32 {
	if k>>31 != 0 {
		return math.Float32frombits(k &^ (1 << 31))
	}
	return math.Float32frombits(^k)
}

// normalizeFloatCols returns the columns (each retained) with float columns rewritten so
// -0.0 becomes 0.0 and every NaN the canonical NaN; the caller releases them.
func normalizeFloatCols(cols []arrow.Array) []arrow.Array {
	out := make([]arrow.Array, len(cols))
	for i, c := range cols {
		out[i] = NormalizeFloats(c)
	}
	return out
}

// NormalizeFloats returns c (retained) or, for a float column holding -0.0 or a
// non-canonical NaN, a normalized copy.
func NormalizeFloats(c arrow.Array) arrow.Array {
	switch c.DataType().ID() {
	case arrow.FLOAT64:
		vals := fixedValues[float64](c)
		if !needsNorm64(vals) {
			break
		}
		v := make([]float64, len(vals))
		for i, x := range vals {
			switch {
			case x != x:
				x = math.Float64frombits(0x7FF8000000000000)
			case x == 0:
				x = 0
			}
			v[i] = x
		}
		return rebuildFixed(c, asBytes(v))
	case arrow.FLOAT32:
		vals := fixedValues[float32](c)
		ok := true
		for _, x := range vals {
			if x != x && math.Float32bits(x) != 0x7FC00000 || x == 0 && math.Signbit(float64(x)) {
				ok = false
				break
			}
		}
		if ok {
			break
		}
		v := make([]float32, len(vals))
		for i, x := range vals {
			switch {
			case x != x:
				x = math.Float32frombits(0x7FC00000)
			case x == 0:
				x = 0
			}
			v[i] = x
		}
		return rebuildFixed(c, asBytes(v))
	}
	c.Retain()
	return c
}

func needsNorm64(vals []float64) bool {
	for _, x := range vals {
		b := math.Float64bits(x)
		if b == 1<<63 || (x != x && b != 0x7FF8000000000000) {
			return true
		}
	}
	return false
}

// rebuildFixed makes an array of c's type, length and validity with new values.
func rebuildFixed(c arrow.Array, values []byte) arrow.Array {
	var valid []byte
	if bits, off := validity(c); bits != nil {
		valid = newBitmap(c.Len())
		bitutil.CopyBitmap(bits, off, c.Len(), valid, 0)
	}
	data := array.NewData(c.DataType(), c.Len(), []*memory.Buffer{buf(valid), buf(values)}, nil, c.NullN(), 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// HashRows computes a 64-bit hash of each row of the key columns that is the same in every
// process (xxhash of the canonical row encoding), for hash partitioning.
type RowHasher struct {
	enc  *RowEncoder
	rows Rows
}

// NewRowHasher builds a hasher for keys of the given types.
func NewRowHasher(types []arrow.DataType) (*RowHasher, error) {
	fields := make([]SortField, len(types))
	for i, dt := range types {
		fields[i] = SortField{Type: dt, NullsFirst: true}
	}
	enc, err := NewRowEncoder(fields)
	if err != nil {
		return nil, err
	}
	return &RowHasher{enc: enc}, nil
}

// Hash fills out with the hash of each row.
func (h *RowHasher) Hash(cols []arrow.Array, n int, out []uint64) []uint64 {
	out = resize(out, n)
	h.enc.Encode(cols, n, &h.rows)
	for i := range n {
		out[i] = xxhash.Sum64(h.rows.Row(i))
	}
	return out
}

// Partition maps a hash to one of n partitions.
func Partition(h uint64, n int) int {
	hi, _ := bits.Mul64(h, uint64(n))
	return int(hi)
}
