package aggregate

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Take returns the rows of arr at the given indices; a negative index gives a null. Typed
// loops handle every Spark type: fixed-width values, booleans, strings, binaries, and
// structs, lists and maps recursively.
func Take(arr arrow.Array, rows []int32) (arrow.Array, error) {
	return Interleave(arr.DataType(), []arrow.Array{arr}, nil, rows)
}

// Interleave gathers values from several arrays of type dt: value i is row rows[i] of
// srcs[src[i]] (src may be nil when there is one source), or null when rows[i] < 0.
func Interleave(dt arrow.DataType, srcs []arrow.Array, src []int32, rows []int32) (arrow.Array, error) {
	n := len(rows)
	if n == 0 || len(srcs) == 0 || dt.ID() == arrow.NULL {
		return array.MakeArrayOfNull(memory.DefaultAllocator, dt, n), nil
	}
	if len(srcs) == 1 {
		src = nil
	}
	valid, nulls := gatherValidity(srcs, src, rows)
	var data arrow.ArrayData
	switch dt.ID() {
	case arrow.BOOL:
		data = array.NewData(dt, n, []*memory.Buffer{buf(valid), buf(gatherBool(srcs, src, rows))}, nil, nulls, 0)
	case arrow.STRING, arrow.BINARY:
		offs, bytes, err := gatherVar(srcs, src, rows)
		if err != nil {
			return nil, err
		}
		data = array.NewData(dt, n, []*memory.Buffer{buf(valid), buf(asBytes(offs)), buf(bytes)}, nil, nulls, 0)
	case arrow.LARGE_STRING, arrow.LARGE_BINARY:
		offs, bytes := gatherVar64(srcs, src, rows)
		data = array.NewData(dt, n, []*memory.Buffer{buf(valid), buf(asBytes(offs)), buf(bytes)}, nil, nulls, 0)
	case arrow.STRUCT:
		st := dt.(*arrow.StructType)
		children := make([]arrow.ArrayData, st.NumFields())
		defer func() {
			for _, c := range children {
				if c != nil {
					c.Release()
				}
			}
		}()
		childSrcs := make([]arrow.Array, len(srcs))
		for f := range st.NumFields() {
			for k, s := range srcs {
				childSrcs[k] = s.(*array.Struct).Field(f)
			}
			c, err := Interleave(st.Field(f).Type, childSrcs, src, rows)
			if err != nil {
				return nil, err
			}
			children[f] = c.Data()
			children[f].Retain()
			c.Release()
		}
		data = array.NewData(dt, n, []*memory.Buffer{buf(valid)}, children, nulls, 0)
	case arrow.LIST, arrow.LARGE_LIST, arrow.MAP, arrow.FIXED_SIZE_LIST:
		return interleaveList(dt, srcs, src, rows, valid, nulls)
	case arrow.FIXED_SIZE_BINARY:
		w := byteWidth(dt)
		values := make([]byte, n*w)
		for i, r := range rows {
			if r >= 0 {
				k := 0
				if src != nil {
					k = int(src[i])
				}
				copy(values[i*w:], srcs[k].(*array.FixedSizeBinary).Value(int(r)))
			}
		}
		data = array.NewData(dt, n, []*memory.Buffer{buf(valid), buf(values)}, nil, nulls, 0)
	default:
		var values []byte
		switch byteWidth(dt) {
		case 1:
			values = asBytes(gatherFixed[uint8](srcs, src, rows))
		case 2:
			values = asBytes(gatherFixed[uint16](srcs, src, rows))
		case 4:
			values = asBytes(gatherFixed[uint32](srcs, src, rows))
		case 8:
			values = asBytes(gatherFixed[uint64](srcs, src, rows))
		case 16:
			values = asBytes(gatherFixed[[2]uint64](srcs, src, rows))
		case 32:
			values = asBytes(gatherFixed[[4]uint64](srcs, src, rows))
		default:
			return nil, sparkerror.NotImplemented("gathering values of Arrow type " + dt.String())
		}
		data = array.NewData(dt, n, []*memory.Buffer{buf(valid), buf(values)}, nil, nulls, 0)
	}
	defer data.Release()
	return array.MakeFromData(data), nil
}

// gatherValidity builds the output bitmap, or nil when no output value is null.
func gatherValidity(srcs []arrow.Array, src []int32, rows []int32) ([]byte, int) {
	anyNull := false
	for _, s := range srcs {
		if s.NullN() > 0 {
			anyNull = true
			break
		}
	}
	if !anyNull {
		neg := false
		for _, r := range rows {
			if r < 0 {
				neg = true
				break
			}
		}
		if !neg {
			return nil, 0
		}
	}
	out := newBitmap(len(rows))
	nulls := 0
	if src == nil {
		bits, off := validity(srcs[0])
		for i, r := range rows {
			if r >= 0 && isValid(bits, off, int(r)) {
				bitutil.SetBit(out, i)
			} else {
				nulls++
			}
		}
		return out, nulls
	}
	type vb struct {
		bits []byte
		off  int
	}
	vs := make([]vb, len(srcs))
	for k, s := range srcs {
		vs[k].bits, vs[k].off = validity(s)
	}
	for i, r := range rows {
		if r >= 0 {
			v := vs[src[i]]
			if isValid(v.bits, v.off, int(r)) {
				bitutil.SetBit(out, i)
				continue
			}
		}
		nulls++
	}
	return out, nulls
}

func gatherFixed[T any](srcs []arrow.Array, src []int32, rows []int32) []T {
	out := make([]T, len(rows))
	if src == nil {
		vals := fixedValues[T](srcs[0])
		for i, r := range rows {
			if r >= 0 {
				out[i] = vals[r]
			}
		}
		return out
	}
	vs := make([][]T, len(srcs))
	for k, s := range srcs {
		vs[k] = fixedValues[T](s)
	}
	for i, r := range rows {
		if r >= 0 {
			out[i] = vs[src[i]][r]
		}
	}
	return out
}

func gatherBool(srcs []arrow.Array, src []int32, rows []int32) []byte {
	out := newBitmap(len(rows))
	if src == nil {
		bits, off := boolBits(srcs[0])
		for i, r := range rows {
			if r >= 0 && bitutil.BitIsSet(bits, off+int(r)) {
				bitutil.SetBit(out, i)
			}
		}
		return out
	}
	type bb struct {
		bits []byte
		off  int
	}
	vs := make([]bb, len(srcs))
	for k, s := range srcs {
		vs[k].bits, vs[k].off = boolBits(s)
	}
	for i, r := range rows {
		if r >= 0 {
			v := vs[src[i]]
			if bitutil.BitIsSet(v.bits, v.off+int(r)) {
				bitutil.SetBit(out, i)
			}
		}
	}
	return out
}

func gatherVar(srcs []arrow.Array, src []int32, rows []int32) ([]int32, []byte, error) {
	type vs struct {
		offs []int32
		data []byte
	}
	views := make([]vs, len(srcs))
	for k, s := range srcs {
		views[k].offs, views[k].data = varOffsets(s)
	}
	offs := make([]int32, len(rows)+1)
	total := 0
	for i, r := range rows {
		if r >= 0 {
			v := &views[0]
			if src != nil {
				v = &views[src[i]]
			}
			total += int(v.offs[r+1] - v.offs[r])
			if total > math.MaxInt32 {
				return nil, nil, fmt.Errorf("gather: more than 2 GiB of string data in one batch")
			}
		}
		offs[i+1] = int32(total)
	}
	data := make([]byte, total)
	for i, r := range rows {
		if r >= 0 {
			v := &views[0]
			if src != nil {
				v = &views[src[i]]
			}
			copy(data[offs[i]:offs[i+1]], v.data[v.offs[r]:v.offs[r+1]])
		}
	}
	return offs, data, nil
}

func gatherVar64(srcs []arrow.Array, src []int32, rows []int32) ([]int64, []byte) {
	type vs struct {
		offs []int64
		data []byte
	}
	views := make([]vs, len(srcs))
	for k, s := range srcs {
		views[k].offs, views[k].data = varOffsets64(s)
	}
	view := func(i int) *vs {
		if src == nil {
			return &views[0]
		}
		return &views[src[i]]
	}
	offs := make([]int64, len(rows)+1)
	total := int64(0)
	for i, r := range rows {
		if r >= 0 {
			v := view(i)
			total += v.offs[r+1] - v.offs[r]
		}
		offs[i+1] = total
	}
	data := make([]byte, total)
	for i, r := range rows {
		if r >= 0 {
			v := view(i)
			copy(data[offs[i]:offs[i+1]], v.data[v.offs[r]:v.offs[r+1]])
		}
	}
	return offs, data
}

// interleaveList gathers list-like values (list, large list, map, fixed-size list) by
// gathering their elements recursively.
func interleaveList(dt arrow.DataType, srcs []arrow.Array, src []int32, rows []int32, valid []byte, nulls int) (arrow.Array, error) {
	n := len(rows)
	lists := make([]array.ListLike, len(srcs))
	children := make([]arrow.Array, len(srcs))
	for k, s := range srcs {
		lists[k] = s.(array.ListLike)
		children[k] = lists[k].ListValues()
	}
	var csrc, crows []int32
	large := dt.ID() == arrow.LARGE_LIST
	offs32 := []int32(nil)
	offs64 := []int64(nil)
	if large {
		offs64 = make([]int64, n+1)
	} else if dt.ID() != arrow.FIXED_SIZE_LIST {
		offs32 = make([]int32, n+1)
	}
	total := 0
	for i, r := range rows {
		k := int32(0)
		if src != nil && r >= 0 {
			k = src[i]
		}
		if r >= 0 && srcs[k].IsValid(int(r)) || dt.ID() == arrow.FIXED_SIZE_LIST && r >= 0 {
			start, end := lists[k].ValueOffsets(int(r))
			for j := start; j < end; j++ {
				csrc = append(csrc, k)
				crows = append(crows, int32(j))
			}
			total += int(end - start)
		} else if dt.ID() == arrow.FIXED_SIZE_LIST {
			w := int(dt.(*arrow.FixedSizeListType).Len())
			for range w {
				csrc = append(csrc, 0)
				crows = append(crows, -1)
			}
			total += w
		}
		if total > math.MaxInt32 && !large {
			return nil, fmt.Errorf("gather: more than 2^31 list elements in one batch")
		}
		if large {
			offs64[i+1] = int64(total)
		} else if offs32 != nil {
			offs32[i+1] = int32(total)
		}
	}
	elemType := dt.(arrow.ListLikeType).ElemField().Type
	if dt.ID() == arrow.MAP {
		elemType = dt.(*arrow.MapType).Elem()
	}
	if len(srcs) == 1 {
		csrc = nil
	}
	child, err := Interleave(elemType, children, csrc, crows)
	if err != nil {
		return nil, err
	}
	defer child.Release()
	bufs := []*memory.Buffer{buf(valid)}
	switch {
	case large:
		bufs = append(bufs, buf(asBytes(offs64)))
	case offs32 != nil:
		bufs = append(bufs, buf(asBytes(offs32)))
	}
	data := array.NewData(dt, n, bufs, []arrow.ArrayData{child.Data()}, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}

// TakeBatch returns the rows of b at the given indices (negative = a row of nulls).
func TakeBatch(b arrow.RecordBatch, rows []int32) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, b.NumCols())
	defer releaseAll(cols)
	for i, c := range b.Columns() {
		t, err := Take(c, rows)
		if err != nil {
			return nil, err
		}
		cols[i] = t
	}
	return array.NewRecordBatch(b.Schema(), cols, int64(len(rows))), nil
}

// InterleaveBatches gathers rows from batches of one schema: row i is row rows[i] of
// batches[src[i]].
func InterleaveBatches(schema *arrow.Schema, batches []arrow.RecordBatch, src []int32, rows []int32) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, schema.NumFields())
	defer releaseAll(cols)
	srcs := make([]arrow.Array, len(batches))
	for c := range cols {
		for k, b := range batches {
			srcs[k] = b.Column(c)
		}
		a, err := Interleave(schema.Field(c).Type, srcs, src, rows)
		if err != nil {
			return nil, err
		}
		cols[c] = a
	}
	return array.NewRecordBatch(schema, cols, int64(len(rows))), nil
}

func releaseAll(arrs []arrow.Array) {
	for _, a := range arrs {
		if a != nil {
			a.Release()
		}
	}
}

// ArraySize estimates the bytes an array's buffers hold (shared buffers counted fully).
func ArraySize(a arrow.Array) int64 {
	if a == nil {
		return 0
	}
	return dataSize(a.Data())
}

func dataSize(d arrow.ArrayData) int64 {
	var n int64
	for _, b := range d.Buffers() {
		if b != nil {
			n += int64(b.Len())
		}
	}
	for _, c := range d.Children() {
		n += dataSize(c)
	}
	return n
}

// BatchSize estimates the bytes a batch's buffers hold.
func BatchSize(b arrow.RecordBatch) int64 {
	var n int64
	for _, c := range b.Columns() {
		n += ArraySize(c)
	}
	return n
}
