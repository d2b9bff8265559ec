package aggregate

import (
	"encoding/binary"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate/sketches"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// approx_top_k(expr, k, maxItemsTracked): the k most frequent items of each group with
// their estimated counts (a frequent-items sketch, sketches.TopK), NULLs counted apart.

func init() {
	for _, n := range []string{"approx_top_k", "approx_top_k_accumulate", "approx_top_k_combine"} {
		aliases[n] = n
	}
	extraResolvers["approx_top_k"] = (*Function).resolveApproxTopK
	extraResolvers["approx_top_k_accumulate"] = (*Function).resolveApproxTopK
	extraResolvers["approx_top_k_combine"] = (*Function).resolveApproxTopKCombine
}

const (
	topKDefaultK        = 5
	topKDefaultMaxItems = 10000
)

// TopKStateType is the struct approx_top_k_accumulate and approx_top_k_combine give for
// items of type item.
func TopKStateType(item types.DataType) types.DataType {
	return types.NewStruct(types.NewField("sketch", types.Binary, false), types.NewField("maxItemsTracked", types.Integer, false),
		types.NewField("itemDataType", item, true), types.NewField("itemDataTypeDDL", types.String, false))
}

// topKDDL is Spark's itemDataTypeDDL of an item type.
func topKDDL(item types.DataType) string {
	if _, ok := item.(types.StringType); ok {
		return "item string not null"
	}
	return "item " + item.SQL() + " NOT NULL"
}

// resolveApproxTopK resolves approx_top_k(expr, k, maxItemsTracked) and
// approx_top_k_accumulate(expr, maxItemsTracked).
func (f *Function) resolveApproxTopK() error {
	n := len(f.argTypes)
	accumulate := f.name == "approx_top_k_accumulate"
	if accumulate {
		if n < 1 || n > 2 {
			return f.wrongArgs("[1, 2]")
		}
		maxItems, null, err := f.sketchConstArg(1, topKDefaultMaxItems)
		if err != nil {
			return err
		}
		if null {
			return sketches.TopKNullArg("maxItemsTracked")
		}
		if err := sketches.TopKCheckMaxItems(maxItems, 0); err != nil {
			return err
		}
		item := f.sparkArgs[0]
		f.result, f.nullable = TopKStateType(item), false
		f.state = []arrow.Field{{Name: "sketch", Type: arrow.BinaryTypes.Binary, Nullable: true}}
		return f.topKFactory(item, 0, int(maxItems), true)
	}
	if n < 1 || n > 3 {
		return f.wrongArgs("[1, 2, 3]")
	}
	k, null, err := f.sketchConstArg(1, topKDefaultK)
	if err != nil {
		return err
	}
	if null {
		return sketches.TopKNullArg("k")
	}
	if k <= 0 {
		return sketches.TopKNonPositive("k", k)
	}
	maxItems, null, err := f.sketchConstArg(2, topKDefaultMaxItems)
	if err != nil {
		return err
	}
	if null {
		return sketches.TopKNullArg("maxItemsTracked")
	}
	if err := sketches.TopKCheckMaxItems(maxItems, k); err != nil {
		return err
	}
	item := f.sparkArgs[0]
	f.result = types.NewArray(types.NewStruct(types.NewField("item", item, true), types.NewField("count", types.Long, false)), false)
	f.nullable = false
	f.state = []arrow.Field{{Name: "sketch", Type: arrow.BinaryTypes.Binary, Nullable: true}}
	return f.topKFactory(item, int(k), int(maxItems), false)
}

// topKFactory sets the accumulator of approx_top_k (or, with accumulate, of
// approx_top_k_accumulate) for items of type item.
func (f *Function) topKFactory(item types.DataType, k, maxItems int, accumulate bool) error {
	mapSize := sketches.TopKMaxMapSize(maxItems)
	rt := mustArrow(f.result)
	ddl := topKDDL(item)
	switch item.(type) {
	case types.ByteType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKByteSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	case types.ShortType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKShortSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	case types.IntegerType, types.DateType:
		f.factory = func() Accumulator { return newTopKAcc(sketches.TopKIntSpec, k, maxItems, mapSize, rt, accumulate, ddl) }
	case types.LongType, types.TimestampType, types.TimestampNTZType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKLongSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	case types.FloatType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKFloatSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	case types.DoubleType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKDoubleSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	case types.BooleanType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKBoolSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	case types.StringType:
		f.factory = func() Accumulator {
			return newTopKAcc(sketches.TopKStringSpec, k, maxItems, mapSize, rt, accumulate, ddl)
		}
	default:
		return sparkerror.NotImplemented(f.name + " over " + item.SQL() + " values")
	}
	return nil
}

// topKGroup is a group's buffer; merged says it came out of merging partial states.
type topKGroup[K comparable] struct {
	buf    sketches.TopKBuffer[K]
	merged bool
}

// topKAcc is approx_top_k and approx_top_k_accumulate. Its partial state is Spark's
// buffer image.
type topKAcc[K comparable] struct {
	spec       *sketches.TopKSpec[K]
	k          int
	maxItems   int
	mapSize    int
	rt         arrow.DataType
	accumulate bool
	ddl        string
	groups     []topKGroup[K]
}

func newTopKAcc[K comparable](spec *sketches.TopKSpec[K], k, maxItems, mapSize int, rt arrow.DataType, accumulate bool, ddl string) Accumulator {
	return &topKAcc[K]{spec: spec, k: k, maxItems: maxItems, mapSize: mapSize, rt: rt, accumulate: accumulate, ddl: ddl}
}

func (a *topKAcc[K]) Resize(n int) { a.groups = extend(a.groups, n) }
func (a *topKAcc[K]) Size() int64  { return int64(len(a.groups)) * 256 }
func (a *topKAcc[K]) Release()     {}

func (a *topKAcc[K]) sketch(g uint32) *sketches.TopK[K] {
	st := &a.groups[g]
	if st.buf.Sketch == nil {
		st.buf.Sketch = sketches.NewTopK[K](a.mapSize, a.spec.Hash)
	}
	return st.buf.Sketch
}

func (a *topKAcc[K]) Update(g []uint32, args []arrow.Array) error {
	arr := args[0]
	if arr.DataType().ID() == arrow.NULL {
		for _, gi := range g {
			a.groups[gi].buf.Nulls++
		}
		return nil
	}
	key := a.spec.Keys(arr)
	vb, voff := validity(arr)
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			a.groups[gi].buf.Nulls++
			continue
		}
		if err := a.sketch(gi).Update(key(i), 1); err != nil {
			return err
		}
	}
	return nil
}

func (a *topKAcc[K]) Merge(g []uint32, state []arrow.Array) error {
	st, ok := state[0].(*array.Binary)
	if !ok {
		return internalType("approx_top_k state", state[0].DataType())
	}
	for i, gi := range g {
		if st.IsNull(i) {
			continue
		}
		in, err := sketches.ReadTopKBuffer(st.Value(i), a.spec)
		if err != nil {
			return err
		}
		if err := a.sketch(gi).Merge(in.Sketch); err != nil {
			return err
		}
		a.groups[gi].buf.Nulls += in.Nulls
		a.groups[gi].merged = true
	}
	return nil
}

func (a *topKAcc[K]) buffer(st topKGroup[K]) sketches.TopKBuffer[K] {
	if st.buf.Sketch == nil {
		st.buf.Sketch = sketches.NewTopK[K](a.mapSize, a.spec.Hash)
	}
	return st.buf
}

func (a *topKAcc[K]) State() ([]arrow.Array, error) {
	n := len(a.groups)
	offsets := make([]int32, n+1)
	var data []byte
	for g := range n {
		data = append(data, a.buffer(a.groups[g]).Image(a.spec)...)
		offsets[g+1] = int32(len(data))
	}
	d := array.NewData(arrow.BinaryTypes.Binary, n, []*memory.Buffer{nil, buf(asBytes(offsets)), buf(data)}, nil, 0, 0)
	defer d.Release()
	return []arrow.Array{array.MakeFromData(d)}, nil
}

// final is the group's buffer as Spark's final aggregate has it: Spark always aggregates
// in two phases, so a buffer built from rows goes through its image into a fresh one,
// whose layout (and so the order of equal counts) can differ.
func (a *topKAcc[K]) final(st topKGroup[K]) (sketches.TopKBuffer[K], error) {
	b := a.buffer(st)
	if st.merged {
		return b, nil
	}
	partial, err := sketches.ReadTopKBuffer(b.Image(a.spec), a.spec)
	if err != nil {
		return b, err
	}
	fresh := sketches.NewTopK[K](a.mapSize, a.spec.Hash)
	if err := fresh.Merge(partial.Sketch); err != nil {
		return b, err
	}
	return sketches.TopKBuffer[K]{Sketch: fresh, Nulls: partial.Nulls}, nil
}

func (a *topKAcc[K]) Evaluate() (arrow.Array, error) {
	bld := array.NewBuilder(memory.DefaultAllocator, a.rt)
	defer bld.Release()
	for _, st := range a.groups {
		b, err := a.final(st)
		if err != nil {
			return nil, err
		}
		if a.accumulate {
			appendTopKState(bld.(*array.StructBuilder), b.Image(a.spec), int32(a.maxItems), a.ddl)
			continue
		}
		b.AppendResult(bld.(*array.ListBuilder), a.k, a.spec)
	}
	return bld.NewArray(), nil
}

// appendTopKState appends an approx_top_k state struct: the buffer image, maxItemsTracked,
// a NULL of the item type and the item type's DDL.
func appendTopKState(sb *array.StructBuilder, image []byte, maxItems int32, ddl string) {
	sb.Append(true)
	sb.FieldBuilder(0).(*array.BinaryBuilder).Append(image)
	sb.FieldBuilder(1).(*array.Int32Builder).Append(maxItems)
	sb.FieldBuilder(2).AppendNull()
	sb.FieldBuilder(3).(*array.StringBuilder).Append(ddl)
}

// --- approx_top_k_combine ---

const topKVoidMaxItems = -1

// resolveApproxTopKCombine resolves approx_top_k_combine(state [, maxItemsTracked]): the
// union of approx_top_k_accumulate states.
func (f *Function) resolveApproxTopKCombine() error {
	n := len(f.argTypes)
	if n < 1 || n > 2 {
		return f.wrongArgs("[1, 2]")
	}
	st, ok := f.sparkArgs[0].(*types.StructType)
	if !ok || len(st.Fields) != 4 {
		return sparkerror.InternalError("approx_top_k_combine: the state is %s, not an approx_top_k state", f.sparkArgs[0].SimpleString())
	}
	item := st.Fields[2].DataType
	maxItems, null, err := f.sketchConstArg(1, topKVoidMaxItems)
	if err != nil {
		return err
	}
	if null {
		return sketches.TopKNullArg("maxItemsTracked")
	}
	if maxItems != topKVoidMaxItems {
		if err := sketches.TopKCheckMaxItems(maxItems, 0); err != nil {
			return err
		}
	}
	f.result, f.nullable = TopKStateType(item), false
	f.state = []arrow.Field{{Name: "sketch", Type: arrow.BinaryTypes.Binary, Nullable: true}}
	rt := mustArrow(f.result)
	ddl := topKDDL(item)
	specified := maxItems != topKVoidMaxItems
	mapSize := sketches.TopKMaxMapSize(sketches.TopKMaxItemsLimit)
	if specified {
		mapSize = sketches.TopKMaxMapSize(int(maxItems))
	}
	mi := int(maxItems)
	switch item.(type) {
	case types.ByteType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKByteSpec, specified, mi, mapSize, rt, ddl) }
	case types.ShortType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKShortSpec, specified, mi, mapSize, rt, ddl) }
	case types.IntegerType, types.DateType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKIntSpec, specified, mi, mapSize, rt, ddl) }
	case types.LongType, types.TimestampType, types.TimestampNTZType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKLongSpec, specified, mi, mapSize, rt, ddl) }
	case types.FloatType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKFloatSpec, specified, mi, mapSize, rt, ddl) }
	case types.DoubleType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKDoubleSpec, specified, mi, mapSize, rt, ddl) }
	case types.BooleanType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKBoolSpec, specified, mi, mapSize, rt, ddl) }
	case types.StringType:
		f.factory = func() Accumulator { return newTopKCombine(sketches.TopKStringSpec, specified, mi, mapSize, rt, ddl) }
	default:
		return sparkerror.NotImplemented("approx_top_k_combine over " + item.SQL() + " values")
	}
	return nil
}

// topKCombineGroup is a group's combined buffer and the maxItemsTracked of its inputs.
type topKCombineGroup[K comparable] struct {
	buf      sketches.TopKBuffer[K]
	maxItems int32
	merged   bool
}

type topKCombineAcc[K comparable] struct {
	spec      *sketches.TopKSpec[K]
	specified bool
	maxItems  int
	mapSize   int
	rt        arrow.DataType
	ddl       string
	groups    []topKCombineGroup[K]
}

func newTopKCombine[K comparable](spec *sketches.TopKSpec[K], specified bool, maxItems, mapSize int, rt arrow.DataType, ddl string) Accumulator {
	return &topKCombineAcc[K]{spec: spec, specified: specified, maxItems: maxItems, mapSize: mapSize, rt: rt, ddl: ddl}
}

func (a *topKCombineAcc[K]) Resize(n int) {
	old := len(a.groups)
	a.groups = extend(a.groups, n)
	for i := old; i < n; i++ {
		a.groups[i].maxItems = int32(a.maxItems)
	}
}
func (a *topKCombineAcc[K]) Size() int64 { return int64(len(a.groups)) * 256 }
func (a *topKCombineAcc[K]) Release()    {}

// add folds one buffer with its maxItemsTracked into a group (Spark's update and merge).
func (a *topKCombineAcc[K]) add(st *topKCombineGroup[K], image []byte, maxItems int32) error {
	if !a.specified && maxItems != topKVoidMaxItems {
		switch {
		case st.maxItems == topKVoidMaxItems:
			st.maxItems = maxItems
		case st.maxItems != maxItems:
			return sketches.TopKError("APPROX_TOP_K_SKETCH_SIZE_NOT_MATCH", "42846",
				"Combining approx_top_k sketches of different sizes is not allowed. Found sketches of size <size1> and <size2>.",
				map[string]string{"size1": strconv.Itoa(int(st.maxItems)), "size2": strconv.Itoa(int(maxItems))})
		}
	}
	in, err := sketches.ReadTopKBuffer(image, a.spec)
	if err != nil {
		return err
	}
	if st.buf.Sketch == nil {
		st.buf.Sketch = sketches.NewTopK[K](a.mapSize, a.spec.Hash)
	}
	if err := st.buf.Sketch.Merge(in.Sketch); err != nil {
		return err
	}
	st.buf.Nulls += in.Nulls
	return nil
}

func (a *topKCombineAcc[K]) Update(g []uint32, args []arrow.Array) error {
	st, ok := args[0].(*array.Struct)
	if !ok {
		return internalType("approx_top_k_combine", args[0].DataType())
	}
	sk, ok1 := st.Field(0).(*array.Binary)
	mi, ok2 := st.Field(1).(*array.Int32)
	if !ok1 || !ok2 {
		return internalType("approx_top_k_combine", args[0].DataType())
	}
	for i, gi := range g {
		if st.IsNull(i) || sk.IsNull(i) {
			continue
		}
		if err := a.add(&a.groups[gi], sk.Value(i), mi.Value(i)); err != nil {
			return err
		}
	}
	return nil
}

// The partial state: maxItemsTracked (a big-endian int), then the buffer image.
func (a *topKCombineAcc[K]) image(st topKCombineGroup[K]) []byte {
	b := st.buf
	if b.Sketch == nil {
		b.Sketch = sketches.NewTopK[K](a.mapSize, a.spec.Hash)
	}
	return b.Image(a.spec)
}

func (a *topKCombineAcc[K]) State() ([]arrow.Array, error) {
	n := len(a.groups)
	offsets := make([]int32, n+1)
	var data []byte
	for g := range n {
		data = binary.BigEndian.AppendUint32(data, uint32(a.groups[g].maxItems))
		data = append(data, a.image(a.groups[g])...)
		offsets[g+1] = int32(len(data))
	}
	d := array.NewData(arrow.BinaryTypes.Binary, n, []*memory.Buffer{nil, buf(asBytes(offsets)), buf(data)}, nil, 0, 0)
	defer d.Release()
	return []arrow.Array{array.MakeFromData(d)}, nil
}

func (a *topKCombineAcc[K]) Merge(g []uint32, state []arrow.Array) error {
	st, ok := state[0].(*array.Binary)
	if !ok {
		return internalType("approx_top_k_combine state", state[0].DataType())
	}
	for i, gi := range g {
		if st.IsNull(i) {
			continue
		}
		b := st.Value(i)
		if len(b) < 4 {
			return sparkerror.InternalError("approx_top_k_combine: malformed partial state")
		}
		if err := a.add(&a.groups[gi], b[4:], int32(binary.BigEndian.Uint32(b))); err != nil {
			return err
		}
		a.groups[gi].merged = true
	}
	return nil
}

func (a *topKCombineAcc[K]) Evaluate() (arrow.Array, error) {
	bld := array.NewBuilder(memory.DefaultAllocator, a.rt).(*array.StructBuilder)
	defer bld.Release()
	for _, st := range a.groups {
		img := a.image(st)
		if !st.merged {
			// As Spark: the partial buffer merged into a fresh one.
			fresh := topKCombineGroup[K]{maxItems: int32(a.maxItems)}
			if err := a.add(&fresh, img, st.maxItems); err != nil {
				return nil, err
			}
			img = a.image(fresh)
		}
		appendTopKState(bld, img, st.maxItems, a.ddl)
	}
	return bld.NewArray(), nil
}
