package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// pickStore keeps one chosen value per group for any Arrow type: chosen rows are copied
// into chunks (Take) and each group points at its row; chunks are compacted when most of
// their rows are no longer chosen.
type pickStore struct {
	dt       arrow.DataType
	chunks   []arrow.Array
	refChunk []int32 // -1 = no value
	refRow   []int32
	live     int
	total    int
	bytes    int64
}

func newPickStore(dt arrow.DataType) *pickStore { return &pickStore{dt: dt} }

func (s *pickStore) resize(n int) {
	s.refChunk = fillExtend(s.refChunk, n, -1)
	s.refRow = extend(s.refRow, n)
}

func (s *pickStore) size() int64 { return int64(cap(s.refChunk)*8) + s.bytes }

func (s *pickStore) release() {
	releaseAll(s.chunks)
	s.chunks = nil
	s.bytes = 0
}

// set makes groups[k] take the value arr[rows[k]]; groups must be distinct.
func (s *pickStore) set(groups []uint32, arr arrow.Array, rows []int32) error {
	chunk, err := Take(arr, rows)
	if err != nil {
		return err
	}
	c := int32(len(s.chunks))
	s.chunks = append(s.chunks, chunk)
	s.bytes += ArraySize(chunk)
	s.total += len(rows)
	for k, g := range groups {
		if s.refChunk[g] < 0 {
			s.live++
		}
		s.refChunk[g], s.refRow[g] = c, int32(k)
	}
	if s.total > 2*s.live+4096 || len(s.chunks) > 256 {
		return s.compact()
	}
	return nil
}

func (s *pickStore) compact() error {
	all, err := s.build()
	if err != nil {
		return err
	}
	s.release()
	s.chunks = []arrow.Array{all}
	s.bytes = ArraySize(all)
	s.total = all.Len()
	for g := range s.refChunk {
		if s.refChunk[g] >= 0 {
			s.refChunk[g], s.refRow[g] = 0, int32(g)
		}
	}
	return nil
}

// build returns one value per group (NULL where none was chosen).
func (s *pickStore) build() (arrow.Array, error) {
	rows := make([]int32, len(s.refChunk))
	for g, c := range s.refChunk {
		if c < 0 {
			rows[g] = -1
		} else {
			rows[g] = s.refRow[g]
		}
	}
	return Interleave(s.dt, s.chunks, s.refChunk, rows)
}

// pickAcc is first, last and any_value: each group keeps the first (or last) value it
// sees, skipping NULLs with ignoreNulls. The state is the value and Spark's valueSet flag.
type pickAcc struct {
	last, ignoreNulls bool
	store             *pickStore
	set               []bool
	pos               []int32
	gs                []uint32
	rs                []int32
}

func newPick(dt arrow.DataType, last, ignoreNulls bool) *pickAcc {
	return &pickAcc{last: last, ignoreNulls: ignoreNulls, store: newPickStore(dt)}
}

func (a *pickAcc) Resize(n int) {
	a.set = extend(a.set, n)
	a.pos = fillExtend(a.pos, n, -1)
	a.store.resize(n)
}
func (a *pickAcc) Size() int64 { return int64(cap(a.set)+cap(a.pos)*4) + a.store.size() }
func (a *pickAcc) Release()    { a.store.release() }

// take records value row i for group g: for first only when g has none yet, for last
// always (the batch's last candidate wins).
func (a *pickAcc) take(g uint32, i int32) {
	if !a.last && a.set[g] {
		return
	}
	if a.pos[g] < 0 {
		a.gs = append(a.gs, g)
	} else if !a.last {
		return
	}
	a.pos[g] = i
}

func (a *pickAcc) flush(arr arrow.Array) error {
	if len(a.gs) == 0 {
		return nil
	}
	a.rs = a.rs[:0]
	for _, g := range a.gs {
		a.rs = append(a.rs, a.pos[g])
		a.pos[g] = -1
		a.set[g] = true
	}
	err := a.store.set(a.gs, arr, a.rs)
	a.gs = a.gs[:0]
	return err
}

func (a *pickAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	isNull := arg.DataType().ID() == arrow.NULL
	vb, voff := validity(arg)
	for i, gi := range g {
		if a.ignoreNulls && (isNull || (vb != nil && !bitutil.BitIsSet(vb, voff+i))) {
			continue
		}
		a.take(gi, int32(i))
	}
	return a.flush(arg)
}

func (a *pickAcc) Merge(g []uint32, state []arrow.Array) error {
	sb, soff := boolBits(state[1])
	for i, gi := range g {
		if bitutil.BitIsSet(sb, soff+i) {
			a.take(gi, int32(i))
		}
	}
	return a.flush(state[0])
}

func (a *pickAcc) State() ([]arrow.Array, error) {
	v, err := a.store.build()
	if err != nil {
		return nil, err
	}
	return []arrow.Array{v, makeBool(a.set, nil)}, nil
}

func (a *pickAcc) Evaluate() (arrow.Array, error) { return a.store.build() }
