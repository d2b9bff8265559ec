package aggregate

import (
	"bytes"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// newMinMax picks a typed min/max accumulator for dt; the ordering is Sort's (Spark's):
// NaN above every double, -0.0 equal to 0.0, strings by unsigned bytes, false < true.
func newMinMax(dt arrow.DataType, isMax bool) Accumulator {
	switch dt.ID() {
	case arrow.INT8:
		return &mmInt[int8]{dt: dt, max: isMax}
	case arrow.INT16:
		return &mmInt[int16]{dt: dt, max: isMax}
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		return &mmInt[int32]{dt: dt, max: isMax}
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
		return &mmInt[int64]{dt: dt, max: isMax}
	case arrow.FLOAT32:
		return &mmFloat32{dt: dt, max: isMax}
	case arrow.FLOAT64:
		return &mmFloat64{dt: dt, max: isMax}
	case arrow.BOOL:
		return &mmBool{max: isMax}
	case arrow.DECIMAL128:
		return &mmDecimal{dt: dt, max: isMax}
	case arrow.STRING, arrow.BINARY:
		return &mmBytes{dt: dt, max: isMax}
	}
	return newMMGeneric(dt, isMax)
}

// better reports whether c should replace the current value (strictly better).
func better(c int, isMax bool) bool {
	if isMax {
		return c > 0
	}
	return c < 0
}

type mmInt[T int8 | int16 | int32 | int64] struct {
	dt   arrow.DataType
	max  bool
	vals []T
	has  []bool
}

func (a *mmInt[T]) Resize(n int) { a.vals, a.has = extend(a.vals, n), extend(a.has, n) }
func (a *mmInt[T]) Size() int64  { return int64(cap(a.vals)*8 + cap(a.has)) }
func (a *mmInt[T]) Release()     {}
func (a *mmInt[T]) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	vals, has := a.vals, a.has
	for i, v := range fixedValues[T](arg) {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		if !has[gi] || (a.max && v > vals[gi]) || (!a.max && v < vals[gi]) {
			vals[gi], has[gi] = v, true
		}
	}
	return nil
}
func (a *mmInt[T]) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmInt[T]) State() ([]arrow.Array, error) {
	return []arrow.Array{makeFixed(a.dt, a.vals, a.has)}, nil
}
func (a *mmInt[T]) Evaluate() (arrow.Array, error) { return makeFixed(a.dt, a.vals, a.has), nil }

type mmFloat64 struct {
	dt   arrow.DataType
	max  bool
	vals []float64
	keys []uint64
	has  []bool
}

func (a *mmFloat64) Resize(n int) {
	a.vals, a.keys, a.has = extend(a.vals, n), extend(a.keys, n), extend(a.has, n)
}
func (a *mmFloat64) Size() int64 { return int64(cap(a.vals)*16 + cap(a.has)) }
func (a *mmFloat64) Release()    {}
func (a *mmFloat64) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	for i, v := range fixedValues[float64](arg) {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		k := Float64Key(v)
		if !a.has[gi] || (a.max && k > a.keys[gi]) || (!a.max && k < a.keys[gi]) {
			a.vals[gi], a.keys[gi], a.has[gi] = v, k, true
		}
	}
	return nil
}
func (a *mmFloat64) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmFloat64) State() ([]arrow.Array, error) {
	return []arrow.Array{makeFixed(a.dt, a.vals, a.has)}, nil
}
func (a *mmFloat64) Evaluate() (arrow.Array, error) { return makeFixed(a.dt, a.vals, a.has), nil }

type mmFloat32 struct {
	dt   arrow.DataType
	max  bool
	vals []float32
	keys []uint32
	has  []bool
}

func (a *mmFloat32) Resize(n int) {
	a.vals, a.keys, a.has = extend(a.vals, n), extend(a.keys, n), extend(a.has, n)
}
func (a *mmFloat32) Size() int64 { return int64(cap(a.vals)*8 + cap(a.has)) }
func (a *mmFloat32) Release()    {}
func (a *mmFloat32) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	for i, v := range fixedValues[float32](arg) {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		k := Float32Key(v)
		if !a.has[gi] || (a.max && k > a.keys[gi]) || (!a.max && k < a.keys[gi]) {
			a.vals[gi], a.keys[gi], a.has[gi] = v, k, true
		}
	}
	return nil
}
func (a *mmFloat32) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmFloat32) State() ([]arrow.Array, error) {
	return []arrow.Array{makeFixed(a.dt, a.vals, a.has)}, nil
}
func (a *mmFloat32) Evaluate() (arrow.Array, error) { return makeFixed(a.dt, a.vals, a.has), nil }

type mmBool struct {
	max  bool
	vals []bool
	has  []bool
}

func (a *mmBool) Resize(n int) { a.vals, a.has = extend(a.vals, n), extend(a.has, n) }
func (a *mmBool) Size() int64  { return int64(cap(a.vals) + cap(a.has)) }
func (a *mmBool) Release()     {}
func (a *mmBool) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	bb, boff := boolBits(arg)
	for i, gi := range g {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		v := bitutil.BitIsSet(bb, boff+i)
		if !a.has[gi] {
			a.vals[gi], a.has[gi] = v, true
		} else if a.max {
			a.vals[gi] = a.vals[gi] || v
		} else {
			a.vals[gi] = a.vals[gi] && v
		}
	}
	return nil
}
func (a *mmBool) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmBool) State() ([]arrow.Array, error) {
	return []arrow.Array{makeBool(a.vals, a.has)}, nil
}
func (a *mmBool) Evaluate() (arrow.Array, error) { return makeBool(a.vals, a.has), nil }

type mmDecimal struct {
	dt   arrow.DataType
	max  bool
	vals []decimal128.Num
	has  []bool
}

func (a *mmDecimal) Resize(n int) { a.vals, a.has = extend(a.vals, n), extend(a.has, n) }
func (a *mmDecimal) Size() int64  { return int64(cap(a.vals)*16 + cap(a.has)) }
func (a *mmDecimal) Release()     {}
func (a *mmDecimal) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	for i, v := range fixedValues[decimal128.Num](arg) {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		if !a.has[gi] || better(v.Cmp(a.vals[gi]), a.max) {
			a.vals[gi], a.has[gi] = v, true
		}
	}
	return nil
}
func (a *mmDecimal) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmDecimal) State() ([]arrow.Array, error) {
	return []arrow.Array{makeFixed(a.dt, a.vals, a.has)}, nil
}
func (a *mmDecimal) Evaluate() (arrow.Array, error) { return makeFixed(a.dt, a.vals, a.has), nil }

// mmBytes keeps each group's best string or binary in its own reused buffer.
type mmBytes struct {
	dt   arrow.DataType
	max  bool
	vals [][]byte
	has  []bool
	size int64
}

func (a *mmBytes) Resize(n int) { a.vals, a.has = extend(a.vals, n), extend(a.has, n) }
func (a *mmBytes) Size() int64  { return int64(cap(a.vals)*24+cap(a.has)) + a.size }
func (a *mmBytes) Release()     {}
func (a *mmBytes) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	offs, data := varOffsets(arg)
	for i, gi := range g {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		v := data[offs[i]:offs[i+1]]
		if !a.has[gi] || better(bytes.Compare(v, a.vals[gi]), a.max) {
			old := cap(a.vals[gi])
			a.vals[gi] = append(a.vals[gi][:0], v...)
			a.size += int64(cap(a.vals[gi]) - old)
			a.has[gi] = true
		}
	}
	return nil
}
func (a *mmBytes) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmBytes) build() arrow.Array {
	n := len(a.vals)
	offs := make([]int32, n+1)
	total := 0
	for g, v := range a.vals {
		if a.has[g] {
			total += len(v)
		}
		offs[g+1] = int32(total)
	}
	data := make([]byte, 0, total)
	for g, v := range a.vals {
		if a.has[g] {
			data = append(data, v...)
		}
	}
	valid, nulls := bitmapOf(a.has)
	d := array.NewData(a.dt, n, []*memory.Buffer{buf(valid), buf(asBytes(offs)), buf(data)}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}
func (a *mmBytes) State() ([]arrow.Array, error)  { return []arrow.Array{a.build()}, nil }
func (a *mmBytes) Evaluate() (arrow.Array, error) { return a.build(), nil }

// mmGeneric handles every other orderable type (structs, arrays, intervals, large strings):
// it compares row-format keys and keeps the winning values in a pickStore.
type mmGeneric struct {
	max   bool
	enc   *RowEncoder
	rows  Rows
	keys  [][]byte
	store *pickStore
	size  int64
	gs    []uint32
	rs    []int32
	last  []int32
}

func newMMGeneric(dt arrow.DataType, isMax bool) *mmGeneric {
	enc, err := NewRowEncoder([]SortField{{Type: dt, NullsFirst: true}})
	if err != nil {
		panic(err) // New checked the type
	}
	return &mmGeneric{max: isMax, enc: enc, store: newPickStore(dt)}
}

func (a *mmGeneric) Resize(n int) {
	a.keys = extend(a.keys, n)
	a.last = fillExtend(a.last, n, -1)
	a.store.resize(n)
}
func (a *mmGeneric) Size() int64 {
	return int64(cap(a.keys)*24) + a.size + a.store.size() + a.rows.Size()
}
func (a *mmGeneric) Release() { a.store.release() }
func (a *mmGeneric) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	a.enc.Encode([]arrow.Array{arg}, arg.Len(), &a.rows)
	a.gs, a.rs = a.gs[:0], a.rs[:0]
	for i, gi := range g {
		if arg.IsNull(i) {
			continue
		}
		k := a.rows.Row(i)
		if a.keys[gi] == nil || better(bytes.Compare(k, a.keys[gi]), a.max) {
			old := cap(a.keys[gi])
			a.keys[gi] = append(a.keys[gi][:0], k...)
			a.size += int64(cap(a.keys[gi]) - old)
			if a.last[gi] < 0 {
				a.gs = append(a.gs, gi)
			}
			a.last[gi] = int32(i)
		}
	}
	if len(a.gs) == 0 {
		return nil
	}
	for _, gi := range a.gs {
		a.rs = append(a.rs, a.last[gi])
		a.last[gi] = -1
	}
	return a.store.set(a.gs, arg, a.rs)
}
func (a *mmGeneric) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }
func (a *mmGeneric) State() ([]arrow.Array, error) {
	v, err := a.store.build()
	if err != nil {
		return nil, err
	}
	return []arrow.Array{v}, nil
}
func (a *mmGeneric) Evaluate() (arrow.Array, error) { return a.store.build() }
