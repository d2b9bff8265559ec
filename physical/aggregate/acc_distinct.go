package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// distinctAcc makes an aggregate DISTINCT: a table of (group, arguments...) tuples lets
// only each group's first occurrence of a tuple through to the inner accumulator. The
// intermediate state is the distinct tuples themselves, as one list column per argument
// (aligned element by element), so Final merges them through the same table.
type distinctAcc struct {
	inner    Accumulator
	argTypes []arrow.DataType
	seen     *GroupTable
	n        int
	ids      []uint32
	gs       []uint32
	rs       []int32
}

func newDistinct(inner Accumulator, keyTypes, argTypes []arrow.DataType) *distinctAcc {
	t, err := NewGroupTable(keyTypes)
	if err != nil {
		panic(err) // New checked the types
	}
	return &distinctAcc{inner: inner, argTypes: argTypes, seen: t}
}

func (a *distinctAcc) Resize(n int) {
	a.n = max(a.n, n)
	a.inner.Resize(n)
}
func (a *distinctAcc) Size() int64 { return a.inner.Size() + a.seen.Size() }
func (a *distinctAcc) Release() {
	a.inner.Release()
	a.seen.Release()
}

func (a *distinctAcc) Update(g []uint32, args []arrow.Array) error {
	gcol := makeFixed(arrow.PrimitiveTypes.Uint32, g, nil)
	defer gcol.Release()
	cols := append([]arrow.Array{gcol}, args...)
	before := a.seen.NumGroups()
	a.ids = a.seen.Intern(cols, a.ids)
	a.gs, a.rs = a.gs[:0], a.rs[:0]
	for i, id := range a.ids {
		if int(id) >= before {
			before = int(id) + 1
			a.gs, a.rs = append(a.gs, g[i]), append(a.rs, int32(i))
		}
	}
	if len(a.rs) == 0 {
		return nil
	}
	if len(a.rs) == len(g) {
		return a.inner.Update(g, args)
	}
	sel := make([]arrow.Array, len(args))
	defer releaseAll(sel)
	for k, arg := range args {
		t, err := Take(arg, a.rs)
		if err != nil {
			return err
		}
		sel[k] = t
	}
	return a.inner.Update(a.gs, sel)
}

func (a *distinctAcc) Merge(g []uint32, state []arrow.Array) error {
	if len(state) == 0 {
		return nil
	}
	var gs []uint32
	args := make([]arrow.Array, len(state))
	defer releaseAll(args)
	for k, s := range state {
		// Each column is flattened through its own offsets; the rows' lengths agree.
		kg, rows, values := flattenLists(g, s, nil, nil)
		if k == 0 {
			gs = kg
		}
		t, err := Take(values, rows)
		if err != nil {
			return err
		}
		args[k] = t
	}
	if len(gs) == 0 {
		return nil
	}
	return a.Update(gs, args)
}

// State lists each group's distinct tuples: the table's keys are (group, args...) in
// first-seen order.
func (a *distinctAcc) State() ([]arrow.Array, error) {
	keys, err := a.seen.KeyColumns()
	if err != nil {
		return nil, err
	}
	defer releaseAll(keys)
	groups := fixedValues[uint32](keys[0])
	out := make([]arrow.Array, len(a.argTypes))
	for k, t := range a.argTypes {
		s := elemStore{dt: t}
		rows := make([]int32, len(groups))
		for i := range rows {
			rows[i] = int32(i)
		}
		if err := s.add(groups, keys[k+1], rows); err != nil {
			releaseAll(out)
			return nil, err
		}
		offsets, values, err := s.lists(a.n)
		s.release()
		if err != nil {
			releaseAll(out)
			return nil, err
		}
		lt := arrow.ListOfField(arrow.Field{Name: "element", Type: t, Nullable: true})
		out[k] = makeList(lt, offsets, values, nil)
		values.Release()
	}
	a.inner.Release()
	return out, nil
}

func (a *distinctAcc) Evaluate() (arrow.Array, error) { return a.inner.Evaluate() }
