package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// elemStore keeps (group, value) elements in arrival order, values copied into chunks,
// and builds per-group lists.
type elemStore struct {
	dt      arrow.DataType
	chunks  []arrow.Array
	group   []uint32
	chunk   []int32
	row     []int32
	bytes   int64
	scratch []int32
}

func (s *elemStore) add(groups []uint32, arr arrow.Array, rows []int32) error {
	if len(rows) == 0 {
		return nil
	}
	c, err := Take(arr, rows)
	if err != nil {
		return err
	}
	ci := int32(len(s.chunks))
	s.chunks = append(s.chunks, c)
	s.bytes += ArraySize(c)
	for k, g := range groups {
		s.group = append(s.group, g)
		s.chunk = append(s.chunk, ci)
		s.row = append(s.row, int32(k))
	}
	return nil
}

func (s *elemStore) size() int64 { return s.bytes + int64(cap(s.group)*12) }

func (s *elemStore) release() {
	releaseAll(s.chunks)
	s.chunks = nil
}

// lists orders the elements by group (keeping arrival order within a group) and returns
// the values with per-group offsets for numGroups groups.
func (s *elemStore) lists(numGroups int) ([]int32, arrow.Array, error) {
	offsets := make([]int32, numGroups+1)
	for _, g := range s.group {
		offsets[g+1]++
	}
	for g := 1; g <= numGroups; g++ {
		offsets[g] += offsets[g-1]
	}
	next := append([]int32(nil), offsets[:numGroups]...)
	src := make([]int32, len(s.group))
	rows := make([]int32, len(s.group))
	for e, g := range s.group {
		p := next[g]
		next[g]++
		src[p], rows[p] = s.chunk[e], s.row[e]
	}
	values, err := Interleave(s.dt, s.chunks, src, rows)
	if err != nil {
		return nil, nil, err
	}
	return offsets, values, nil
}

// flattenLists turns non-null list rows of arr into (group, element index) pairs over the
// list's child values.
func flattenLists(g []uint32, arr arrow.Array, gs []uint32, rows []int32) ([]uint32, []int32, arrow.Array) {
	l := arr.(array.ListLike)
	for i, gi := range g {
		if arr.IsNull(i) {
			continue
		}
		start, end := l.ValueOffsets(i)
		for j := start; j < end; j++ {
			gs = append(gs, gi)
			rows = append(rows, int32(j))
		}
	}
	return gs, rows, l.ListValues()
}

// collectAcc is collect_list and collect_set: NULLs are skipped; collect_set keeps the
// first occurrence of each value per group (values compared by their row encoding, so
// NaNs are equal and -0.0 equals 0.0).
type collectAcc struct {
	lt    arrow.DataType
	set   bool
	store elemStore
	seen  *GroupTable
	n     int
	gs    []uint32
	rs    []int32
	ids   []uint32
}

func newCollect(elem, lt arrow.DataType, set bool) *collectAcc {
	a := &collectAcc{lt: lt, set: set, store: elemStore{dt: elem}}
	if set {
		t, err := NewGroupTable([]arrow.DataType{arrow.PrimitiveTypes.Uint32, elem})
		if err != nil {
			panic(err) // New checked the type
		}
		a.seen = t
	}
	return a
}

func (a *collectAcc) Resize(n int) { a.n = max(a.n, n) }
func (a *collectAcc) Size() int64 {
	s := a.store.size() + int64(cap(a.gs)*4+cap(a.rs)*4+cap(a.ids)*4)
	if a.seen != nil {
		s += a.seen.Size()
	}
	return s
}
func (a *collectAcc) Release() {
	a.store.release()
	if a.seen != nil {
		a.seen.Release()
	}
}

// addRows adds arr[rows[k]] to groups gs[k], skipping NULLs and, for sets, duplicates.
func (a *collectAcc) addRows(gs []uint32, arr arrow.Array, rows []int32) error {
	if arr.DataType().ID() == arrow.NULL {
		return nil
	}
	keepG, keepR := a.gs[:0], a.rs[:0]
	for k, r := range rows {
		if arr.IsValid(int(r)) {
			keepG, keepR = append(keepG, gs[k]), append(keepR, r)
		}
	}
	a.gs, a.rs = keepG, keepR
	if len(keepR) == 0 {
		return nil
	}
	if !a.set {
		return a.store.add(keepG, arr, keepR)
	}
	vals, err := Take(arr, keepR)
	if err != nil {
		return err
	}
	defer vals.Release()
	gcol := makeFixed(arrow.PrimitiveTypes.Uint32, keepG, nil)
	defer gcol.Release()
	before := a.seen.NumGroups()
	a.ids = a.seen.Intern([]arrow.Array{gcol, vals}, a.ids)
	newG, newR := keepG[:0], keepR[:0]
	for k, id := range a.ids {
		if int(id) >= before {
			before = int(id) + 1
			newG, newR = append(newG, keepG[k]), append(newR, int32(k))
		}
	}
	return a.store.add(newG, vals, newR)
}

func (a *collectAcc) Update(g []uint32, args []arrow.Array) error {
	rows := make([]int32, len(g))
	for i := range rows {
		rows[i] = int32(i)
	}
	return a.addRows(append([]uint32(nil), g...), args[0], rows)
}

func (a *collectAcc) Merge(g []uint32, state []arrow.Array) error {
	gs, rows, values := flattenLists(g, state[0], nil, nil)
	return a.addRows(gs, values, rows)
}

func (a *collectAcc) build() (arrow.Array, error) {
	offsets, values, err := a.store.lists(a.n)
	if err != nil {
		return nil, err
	}
	defer values.Release()
	return makeList(a.lt, offsets, values, nil), nil
}

func (a *collectAcc) State() ([]arrow.Array, error) {
	l, err := a.build()
	if err != nil {
		return nil, err
	}
	return []arrow.Array{l}, nil
}

func (a *collectAcc) Evaluate() (arrow.Array, error) { return a.build() }
