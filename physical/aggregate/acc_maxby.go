package aggregate

import (
	"bytes"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"

	"github.com/sailgo/sail/sql/types"
)

func init() {
	aliases["max_by"] = "max_by"
	aliases["min_by"] = "min_by"
}

// resolveMaxMinBy resolves max_by(x, y) / min_by(x, y). The state is Spark's buffer:
// the value and the extremum of the ordering.
func (f *Function) resolveMaxMinBy() error {
	if len(f.argTypes) != 2 {
		return f.wrongArgs("2")
	}
	if _, isMap := f.sparkArgs[1].(types.MapType); isMap {
		return f.badType(f.sparkArgs[1], "orderable")
	}
	if err := CheckKeyType(f.argTypes[1]); err != nil {
		return err
	}
	f.result = f.sparkArgs[0]
	vt, ot := f.argTypes[0], f.argTypes[1]
	f.state = []arrow.Field{{Name: "valueWithExtremumOrdering", Type: vt, Nullable: true},
		{Name: "extremumOrdering", Type: ot, Nullable: true}}
	isMax := f.name == "max_by"
	f.factory = func() Accumulator { return newMaxMinBy(vt, ot, isMax) }
	return nil
}

// maxMinByAcc keeps, per group, the row-format key of the extreme ordering value seen so
// far and the value and ordering of that row (in pickStores). As in Spark, rows with a
// NULL ordering are skipped and a tie goes to the later row.
type maxMinByAcc struct {
	isMax    bool
	enc      *RowEncoder
	rows     Rows
	keys     [][]byte
	has      []bool
	values   *pickStore
	ordering *pickStore
	size     int64
	gs       []uint32
	rs       []int32
	last     []int32
}

func newMaxMinBy(vt, ot arrow.DataType, isMax bool) *maxMinByAcc {
	enc, err := NewRowEncoder([]SortField{{Type: ot, NullsFirst: true}})
	if err != nil {
		panic(err) // resolveMaxMinBy checked the type
	}
	return &maxMinByAcc{isMax: isMax, enc: enc, values: newPickStore(vt), ordering: newPickStore(ot)}
}

func (a *maxMinByAcc) Resize(n int) {
	a.keys = extend(a.keys, n)
	a.has = extend(a.has, n)
	a.last = fillExtend(a.last, n, -1)
	a.values.resize(n)
	a.ordering.resize(n)
}

func (a *maxMinByAcc) Size() int64 {
	return int64(cap(a.keys)*24+cap(a.has)+cap(a.last)*4) + a.size + a.values.size() + a.ordering.size() + a.rows.Size()
}

func (a *maxMinByAcc) Release() {
	a.values.release()
	a.ordering.release()
}

// Update folds (value, ordering) rows in; Merge folds (value, extremum) state rows in
// the same way.
func (a *maxMinByAcc) Update(g []uint32, args []arrow.Array) error {
	val, ord := args[0], args[1]
	if ord.DataType().ID() == arrow.NULL {
		return nil
	}
	a.enc.Encode([]arrow.Array{ord}, ord.Len(), &a.rows)
	ob, ooff := validity(ord)
	a.gs, a.rs = a.gs[:0], a.rs[:0]
	for i, gi := range g {
		if ob != nil && !bitutil.BitIsSet(ob, ooff+i) {
			continue
		}
		k := a.rows.Row(i)
		if a.has[gi] {
			c := bytes.Compare(a.keys[gi], k)
			// Spark keeps the old value only when it is strictly better.
			if (a.isMax && c > 0) || (!a.isMax && c < 0) {
				continue
			}
		}
		old := cap(a.keys[gi])
		a.keys[gi] = append(a.keys[gi][:0], k...)
		a.size += int64(cap(a.keys[gi]) - old)
		a.has[gi] = true
		if a.last[gi] < 0 {
			a.gs = append(a.gs, gi)
		}
		a.last[gi] = int32(i)
	}
	if len(a.gs) == 0 {
		return nil
	}
	for _, gi := range a.gs {
		a.rs = append(a.rs, a.last[gi])
		a.last[gi] = -1
	}
	if err := a.values.set(a.gs, val, a.rs); err != nil {
		return err
	}
	return a.ordering.set(a.gs, ord, a.rs)
}

func (a *maxMinByAcc) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }

func (a *maxMinByAcc) State() ([]arrow.Array, error) {
	v, err := a.values.build()
	if err != nil {
		return nil, err
	}
	o, err := a.ordering.build()
	if err != nil {
		v.Release()
		return nil, err
	}
	return []arrow.Array{v, o}, nil
}

func (a *maxMinByAcc) Evaluate() (arrow.Array, error) { return a.values.build() }
