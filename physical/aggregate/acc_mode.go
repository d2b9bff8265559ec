package aggregate

import (
	"bytes"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func init() { aliases["mode"] = "mode" }

// resolveMode resolves mode(v), mode(v, deterministic) and mode() WITHIN GROUP (ORDER BY v)
// (passed as v and its ordering flags). The result is the most frequent non-null value;
// ties go to the smallest value when the flags say descending ("reverse" in Spark, which
// an ascending WITHIN GROUP and deterministic = true both set), to the largest when they
// say ascending, and otherwise to the value seen first.
func (f *Function) resolveMode() error {
	n := len(f.argTypes)
	if n != 1 && n != 2 {
		return f.wrongArgs("[1, 2]")
	}
	tie := 0 // 0: first seen, -1: smallest, 1: largest
	if n == 2 {
		v, err := f.constArg(1)
		if err != nil {
			return err
		}
		if v != nil {
			switch x := v.(type) {
			case *array.Boolean:
				if x.IsValid(0) && x.Value(0) {
					tie = -1
				}
			case *array.Int32:
				tie = 1
				if x.Value(0)&OrderDescending != 0 {
					tie = -1
				}
			}
			v.Release()
		}
	}
	dt := f.argTypes[0]
	if err := CheckKeyType(dt); err != nil {
		return err
	}
	f.result = f.sparkArgs[0]
	f.state = []arrow.Field{
		{Name: "values", Type: arrow.ListOf(dt), Nullable: true},
		{Name: "counts", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true},
	}
	f.factory = func() Accumulator {
		t, err := NewGroupTable([]arrow.DataType{arrow.PrimitiveTypes.Uint32, dt})
		if err != nil {
			panic(err) // the type was checked above
		}
		enc, err := NewRowEncoder([]SortField{{Type: dt, NullsFirst: true}})
		if err != nil {
			panic(err)
		}
		return &modeAcc{dt: dt, tie: tie, seen: t, enc: enc, store: elemStore{dt: dt}}
	}
	return nil
}

// modeAcc counts each group's distinct values: seen interns (group, value) pairs, whose
// ids index counts, owners, keys (the values' ascending row encodings) and the store.
type modeAcc struct {
	dt     arrow.DataType
	tie    int
	n      int
	seen   *GroupTable
	enc    *RowEncoder
	rows   Rows
	store  elemStore
	counts []int64
	owners []uint32
	keys   [][]byte
	ids    []uint32
	gs     []uint32
	rs     []int32
}

func (a *modeAcc) Resize(n int) { a.n = max(a.n, n) }
func (a *modeAcc) Size() int64 {
	return a.seen.Size() + a.store.size() + int64(cap(a.counts)*8+cap(a.owners)*4+cap(a.keys)*24) + a.rows.Size()
}
func (a *modeAcc) Release() {
	a.seen.Release()
	a.store.release()
}

// add counts vals[k] (weight w[k], nil = 1) for groups gs[k]; the rows are non-null.
func (a *modeAcc) add(gs []uint32, vals arrow.Array, weights []int64) error {
	gcol := makeFixed(arrow.PrimitiveTypes.Uint32, gs, nil)
	defer gcol.Release()
	before := a.seen.NumGroups()
	a.ids = a.seen.Intern([]arrow.Array{gcol, vals}, a.ids)
	a.enc.Encode([]arrow.Array{vals}, vals.Len(), &a.rows)
	var newG []uint32
	var newR []int32
	for k, id := range a.ids {
		if int(id) >= before {
			before = int(id) + 1
			a.counts = append(a.counts, 0)
			a.owners = append(a.owners, gs[k])
			a.keys = append(a.keys, bytes.Clone(a.rows.Row(k)))
			newG, newR = append(newG, gs[k]), append(newR, int32(k))
		}
		w := int64(1)
		if weights != nil {
			w = weights[k]
		}
		a.counts[id] += w
	}
	return a.store.add(newG, vals, newR)
}

func (a *modeAcc) Update(g []uint32, args []arrow.Array) error {
	arr := args[0]
	if arr.DataType().ID() == arrow.NULL {
		return nil
	}
	a.gs, a.rs = a.gs[:0], a.rs[:0]
	for i, gi := range g {
		if arr.IsValid(i) {
			a.gs, a.rs = append(a.gs, gi), append(a.rs, int32(i))
		}
	}
	if len(a.rs) == 0 {
		return nil
	}
	vals, err := Take(arr, a.rs)
	if err != nil {
		return err
	}
	defer vals.Release()
	return a.add(a.gs, vals, nil)
}

func (a *modeAcc) Merge(g []uint32, state []arrow.Array) error {
	gs, rows, values := flattenLists(g, state[0], nil, nil)
	if len(rows) == 0 {
		return nil
	}
	cl := state[1].(*array.List)
	cs := fixedValues[int64](cl.ListValues())
	weights := make([]int64, len(rows))
	vl := state[0].(*array.List)
	k := 0
	for i := range g {
		if vl.IsNull(i) {
			continue
		}
		start, end := vl.ValueOffsets(i)
		cstart, _ := cl.ValueOffsets(i)
		for j := start; j < end; j++ {
			weights[k] = cs[cstart+(j-start)]
			k++
		}
	}
	vals, err := Take(values, rows)
	if err != nil {
		return err
	}
	defer vals.Release()
	return a.add(gs, vals, weights)
}

// byGroup returns the interned entries ordered by group (first-seen order within one).
func (a *modeAcc) byGroup() ([]int32, []int32) {
	offsets := make([]int32, a.n+1)
	for _, g := range a.owners {
		offsets[g+1]++
	}
	for g := 1; g <= a.n; g++ {
		offsets[g] += offsets[g-1]
	}
	next := append([]int32(nil), offsets[:a.n]...)
	order := make([]int32, len(a.owners))
	for id, g := range a.owners {
		order[next[g]] = int32(id)
		next[g]++
	}
	return order, offsets
}

func (a *modeAcc) State() ([]arrow.Array, error) {
	order, offsets := a.byGroup()
	values, err := a.gather(order)
	if err != nil {
		return nil, err
	}
	defer values.Release()
	counts := make([]int64, len(order))
	for k, id := range order {
		counts[k] = a.counts[id]
	}
	cc := makeFixed(arrow.PrimitiveTypes.Int64, counts, nil)
	defer cc.Release()
	return []arrow.Array{makeList(arrow.ListOf(a.dt), offsets, values, nil),
		makeList(arrow.ListOf(arrow.PrimitiveTypes.Int64), append([]int32(nil), offsets...), cc, nil)}, nil
}

// gather returns the stored values of the entries ids (the store keeps them in id order).
func (a *modeAcc) gather(ids []int32) (arrow.Array, error) {
	src := make([]int32, len(ids))
	rows := make([]int32, len(ids))
	for k, id := range ids {
		src[k], rows[k] = a.store.chunk[id], a.store.row[id]
	}
	return Interleave(a.dt, a.store.chunks, src, rows)
}

func (a *modeAcc) Evaluate() (arrow.Array, error) {
	order, offsets := a.byGroup()
	best := make([]int32, 0, a.n)
	src := make([]int32, 0, a.n)
	has := make([]bool, a.n)
	for g := range a.n {
		part := order[offsets[g]:offsets[g+1]]
		if len(part) == 0 {
			best = append(best, -1)
			continue
		}
		b := part[0]
		for _, id := range part[1:] {
			c := a.counts[id] - a.counts[b]
			if c > 0 || (c == 0 && a.tie != 0 && bytes.Compare(a.keys[id], a.keys[b])*a.tie > 0) {
				b = id
			}
		}
		best = append(best, b)
		has[g] = true
	}
	for _, b := range best {
		if b >= 0 {
			src = append(src, b)
		}
	}
	vals, err := a.gather(src)
	if err != nil {
		return nil, err
	}
	defer vals.Release()
	// Spread the picked values over the groups, NULL for empty ones.
	idx := make([]int32, a.n)
	k := int32(0)
	for g := range a.n {
		if has[g] {
			idx[g] = k
			k++
		} else {
			idx[g] = -1
		}
	}
	return takeOrNull(vals, idx)
}

// takeOrNull gathers vals[idx[i]], NULL where idx[i] < 0.
func takeOrNull(vals arrow.Array, idx []int32) (arrow.Array, error) {
	nulls := array.MakeArrayOfNull(memory.DefaultAllocator, vals.DataType(), 1)
	defer nulls.Release()
	src := make([]int32, len(idx))
	rows := make([]int32, len(idx))
	for i, j := range idx {
		if j < 0 {
			src[i], rows[i] = 1, 0
		} else {
			rows[i] = j
		}
	}
	return Interleave(vals.DataType(), []arrow.Array{vals, nulls}, src, rows)
}
