package aggregate

import (
	"bytes"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

// resolveListagg resolves listagg(value, delimiter [, key, flags]...): the non-null
// values of a group (STRING or BINARY) concatenated with the constant delimiter (NULL
// means none), ordered by the WITHIN GROUP keys when there are any, else in input order.
func (f *Function) resolveListagg() error {
	n := len(f.argTypes)
	if n < 2 || (n-2)%orderFlagsFields != 0 {
		return f.wrongArgs("2")
	}
	vt := f.sparkArgs[0]
	switch vt.(type) {
	case types.StringType, types.BinaryType:
	case types.NullType:
		vt = types.String
	default:
		return f.badType(vt, `("STRING" or "BINARY")`)
	}
	// The delimiter is constant, but a rewrite may have turned it into a column (DISTINCT
	// aggregates over a pre-aggregation): then it is read from the first input batch and
	// carried in the state.
	var delim []byte
	known := true
	if len(f.call.Args) < 2 {
		// type-only resolution
	} else if _, isColumn := f.call.Args[1].(*expr.Column); isColumn {
		known = false
	} else if d, err := f.constArg(1); err != nil {
		return err
	} else if d != nil {
		delim = bytesAt(d, 0)
		if d.IsNull(0) {
			delim = nil
		}
		delim = bytes.Clone(delim)
		d.Release()
	}
	var fields []SortField
	for k := 2; k < n; k += orderFlagsFields {
		desc, nullsFirst, err := f.orderFlags(k + 1)
		if err != nil {
			return err
		}
		if err := CheckKeyType(f.argTypes[k]); err != nil {
			return err
		}
		fields = append(fields, SortField{Type: f.argTypes[k], Descending: desc, NullsFirst: nullsFirst})
	}
	f.result = vt
	rt := mustArrow(vt)
	f.state = []arrow.Field{
		{Name: "values", Type: arrow.ListOf(arrow.BinaryTypes.Binary), Nullable: true},
		{Name: "keys", Type: arrow.ListOf(arrow.BinaryTypes.Binary), Nullable: true},
		{Name: "delimiter", Type: arrow.BinaryTypes.Binary, Nullable: true},
		{Name: "delimiterKnown", Type: arrow.FixedWidthTypes.Boolean},
	}
	// DISTINCT with WITHIN GROUP orders by the value itself (the analyzer checks it), so
	// duplicates are dropped as equal sort keys, which also honours the keys' collation.
	distinct := f.call.Distinct && len(fields) > 0
	f.ownDistinct = distinct
	f.factory = func() Accumulator {
		a := &listaggAcc{result: rt, delim: delim, known: known, distinct: distinct}
		if len(fields) > 0 {
			enc, err := NewRowEncoder(fields)
			if err != nil {
				panic(err) // the key types were checked above
			}
			a.enc = enc
		}
		return a
	}
	return nil
}

type lagEntry struct {
	g          uint32
	vOff, vLen int
	kOff, kLen int
}

// listaggAcc keeps the values (and encoded sort keys) of every group in two arenas.
type listaggAcc struct {
	result arrow.DataType
	delim  []byte
	known  bool // delim is set
	// distinct drops entries whose sort key equals the previous one in a group.
	distinct bool
	enc      *RowEncoder
	n        int
	vals     []byte
	keys     []byte
	entries  []lagEntry
	rows     Rows
	cols     []arrow.Array
}

func (a *listaggAcc) Resize(n int) { a.n = max(a.n, n) }
func (a *listaggAcc) Size() int64 {
	return int64(cap(a.vals)+cap(a.keys)+cap(a.entries)*40) + a.rows.Size()
}
func (a *listaggAcc) Release() {}

func (a *listaggAcc) push(g uint32, v, k []byte) {
	e := lagEntry{g: g, vOff: len(a.vals), vLen: len(v), kOff: len(a.keys), kLen: len(k)}
	a.vals = append(a.vals, v...)
	a.keys = append(a.keys, k...)
	a.entries = append(a.entries, e)
}

func bytesAt(arr arrow.Array, i int) []byte {
	switch x := arr.(type) {
	case *array.String:
		return []byte(x.Value(i))
	case *array.Binary:
		return x.Value(i)
	case *array.LargeString:
		return []byte(x.Value(i))
	case *array.LargeBinary:
		return x.Value(i)
	}
	return nil
}

// learn takes the delimiter from a batch's delimiter column.
func (a *listaggAcc) learn(d arrow.Array, i int) {
	if a.known || d.Len() <= i {
		return
	}
	a.known = true
	if d.DataType().ID() != arrow.NULL && d.IsValid(i) {
		a.delim = bytes.Clone(bytesAt(d, i))
	}
}

func (a *listaggAcc) Update(g []uint32, args []arrow.Array) error {
	v := args[0]
	a.learn(args[1], 0)
	if v.DataType().ID() == arrow.NULL {
		return nil
	}
	if a.enc != nil {
		a.cols = a.cols[:0]
		for k := 2; k < len(args); k += orderFlagsFields {
			a.cols = append(a.cols, args[k])
		}
		a.enc.Encode(a.cols, len(g), &a.rows)
	}
	vb, voff := validity(v)
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			continue
		}
		var key []byte
		if a.enc != nil {
			key = a.rows.Row(i)
		}
		a.push(gi, bytesAt(v, i), key)
	}
	return nil
}

func (a *listaggAcc) Merge(g []uint32, state []arrow.Array) error {
	if !a.known {
		kb, koff := boolBits(state[3])
		for i := range g {
			if bitutil.BitIsSet(kb, koff+i) {
				a.learn(state[2], i)
				break
			}
		}
	}
	vl := state[0].(*array.List)
	kl := state[1].(*array.List)
	vs := vl.ListValues().(*array.Binary)
	ks := kl.ListValues().(*array.Binary)
	for i, gi := range g {
		if vl.IsNull(i) {
			continue
		}
		start, end := vl.ValueOffsets(i)
		kstart, _ := kl.ValueOffsets(i)
		for k := start; k < end; k++ {
			a.push(gi, vs.Value(int(k)), ks.Value(int(kstart+(k-start))))
		}
	}
	return nil
}

// grouped orders the entries by group, then by key (stable: input order among equal keys).
func (a *listaggAcc) grouped() ([]lagEntry, []int32) {
	offsets := make([]int32, a.n+1)
	for _, e := range a.entries {
		offsets[e.g+1]++
	}
	for g := 1; g <= a.n; g++ {
		offsets[g] += offsets[g-1]
	}
	next := append([]int32(nil), offsets[:a.n]...)
	out := make([]lagEntry, len(a.entries))
	for _, e := range a.entries {
		out[next[e.g]] = e
		next[e.g]++
	}
	if a.enc == nil {
		return out, offsets
	}
	key := func(e lagEntry) []byte { return a.keys[e.kOff : e.kOff+e.kLen] }
	w := int32(0)
	for g := range a.n {
		part := out[offsets[g]:offsets[g+1]]
		slices.SortStableFunc(part, func(x, y lagEntry) int { return bytes.Compare(key(x), key(y)) })
		start := w
		for k, e := range part {
			if a.distinct && k > 0 && bytes.Equal(key(e), key(part[k-1])) {
				continue
			}
			out[w] = e
			w++
		}
		offsets[g] = start
	}
	offsets[a.n] = w
	return out[:w], offsets
}

func (a *listaggAcc) State() ([]arrow.Array, error) {
	entries, offsets := a.grouped()
	vb := array.NewBinaryBuilder(memory.DefaultAllocator, arrow.BinaryTypes.Binary)
	defer vb.Release()
	kb := array.NewBinaryBuilder(memory.DefaultAllocator, arrow.BinaryTypes.Binary)
	defer kb.Release()
	vb.ReserveData(len(a.vals))
	kb.ReserveData(len(a.keys))
	for _, e := range entries {
		vb.Append(a.vals[e.vOff : e.vOff+e.vLen])
		kb.Append(a.keys[e.kOff : e.kOff+e.kLen])
	}
	vals, keys := vb.NewArray(), kb.NewArray()
	defer vals.Release()
	defer keys.Release()
	lt := arrow.ListOf(arrow.BinaryTypes.Binary)
	db := array.NewBinaryBuilder(memory.DefaultAllocator, arrow.BinaryTypes.Binary)
	defer db.Release()
	known := make([]bool, a.n)
	for g := range a.n {
		known[g] = a.known
		if a.known && a.delim != nil {
			db.Append(a.delim)
		} else {
			db.AppendNull()
		}
	}
	delims := db.NewArray()
	return []arrow.Array{makeList(lt, offsets, vals, nil), makeList(lt, append([]int32(nil), offsets...), keys, nil),
		delims, makeBool(known, nil)}, nil
}

func (a *listaggAcc) Evaluate() (arrow.Array, error) {
	entries, offsets := a.grouped()
	var out []byte
	ends := make([]int32, a.n+1)
	has := make([]bool, a.n)
	for g := range a.n {
		part := entries[offsets[g]:offsets[g+1]]
		for k, e := range part {
			if k > 0 {
				out = append(out, a.delim...)
			}
			out = append(out, a.vals[e.vOff:e.vOff+e.vLen]...)
		}
		has[g] = len(part) > 0
		ends[g+1] = int32(len(out))
	}
	valid, nulls := bitmapOf(has)
	data := array.NewData(a.result, a.n, []*memory.Buffer{buf(valid), buf(asBytes(ends)), buf(out)}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}
