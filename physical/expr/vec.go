package expr

import (
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// This file holds the array plumbing the kernels share: typed views of Arrow buffers,
// validity bitmaps as aligned 64-bit words, array construction from Go slices, and gather
// (take rows from one or several arrays), which filtering and the lazy conditionals use.

// mem is the allocator the kernels build their results with: it reads
// memory.DefaultAllocator on every call, so a test that swaps that variable (for a checked
// allocator) sees every allocation.
var mem memory.Allocator = defaultAllocator{}

type defaultAllocator struct{}

func (defaultAllocator) Allocate(n int) []byte { return memory.DefaultAllocator.Allocate(n) }
func (defaultAllocator) Reallocate(n int, b []byte) []byte {
	return memory.DefaultAllocator.Reallocate(n, b)
}
func (defaultAllocator) Free(b []byte) { memory.DefaultAllocator.Free(b) }

// gcMem allocates arrays that live as long as a plan (cached constants), which nothing
// releases: the garbage collector reclaims them.
var gcMem = memory.NewGoAllocator()

var i32 = arrow.PrimitiveTypes.Int32

// fixedValues returns the values of a fixed-width array as a []T (the array's offset applied).
func fixedValues[T arrow.FixedWidthType](a arrow.Array) []T {
	d := a.Data()
	bufs := d.Buffers()
	n := d.Len()
	if len(bufs) < 2 || bufs[1] == nil || n == 0 {
		return make([]T, n)
	}
	vals := arrow.GetData[T](bufs[1].Bytes())
	return vals[d.Offset() : d.Offset()+n]
}

// varView is a read-only view of a binary or utf8 array's offsets and data.
type varView struct {
	offs []int32
	data []byte
}

func viewVar(a arrow.Array) varView {
	d := a.Data()
	bufs := d.Buffers()
	n := d.Len()
	if n == 0 || len(bufs) < 3 || bufs[1] == nil {
		return varView{offs: make([]int32, n+1)}
	}
	offs := arrow.GetData[int32](bufs[1].Bytes())[d.Offset() : d.Offset()+n+1]
	var data []byte
	if bufs[2] != nil {
		data = bufs[2].Bytes()
	}
	return varView{offs: offs, data: data}
}

func (v varView) at(i int) []byte { return v.data[v.offs[i]:v.offs[i+1]] }

// isNullType reports whether a is an Arrow Null array (all null, no validity bitmap).
func isNullType(a arrow.Array) bool { return a.DataType().ID() == arrow.NULL }

// words is a bitmap as little-endian 64-bit words, starting at bit 0.
type words []uint64

func newWords(n int) words { return make(words, (n+63)/64) }

func allOnes(n int) words {
	w := newWords(n)
	for i := range w {
		w[i] = ^uint64(0)
	}
	if r := n % 64; r != 0 {
		w[len(w)-1] = (1 << r) - 1
	}
	return w
}

func (w words) get(i int) bool { return w[i>>6]&(1<<(uint(i)&63)) != 0 }
func (w words) set(i int)      { w[i>>6] |= 1 << (uint(i) & 63) }
func (w words) clear(i int)    { w[i>>6] &^= 1 << (uint(i) & 63) }

// count is the number of set bits among the first n.
func (w words) count(n int) int {
	c := 0
	full := n / 64
	for _, x := range w[:full] {
		c += bits.OnesCount64(x)
	}
	if r := n % 64; r != 0 {
		c += bits.OnesCount64(w[full] & ((1 << r) - 1))
	}
	return c
}

func (w words) bytes() []byte { return arrow.GetBytes([]uint64(w)) }

// bitmapWords copies n bits of an Arrow bitmap starting at bit off into aligned words.
func bitmapWords(bm []byte, off, n int) words {
	w := newWords(n)
	if n == 0 {
		return w
	}
	dst := w.bytes()
	if off%8 == 0 {
		copy(dst, bm[off/8:off/8+(n+7)/8])
	} else {
		bitutil.CopyBitmap(bm, off, n, dst, 0)
	}
	if r := n % 64; r != 0 {
		w[len(w)-1] &= (1 << r) - 1
	}
	return w
}

// validity returns a's validity as words, or nil when a has no nulls.
func validity(a arrow.Array) words {
	if a.NullN() == 0 {
		return nil
	}
	n := a.Len()
	if isNullType(a) {
		return newWords(n)
	}
	d := a.Data()
	b := d.Buffers()[0]
	if b == nil {
		return nil
	}
	return bitmapWords(b.Bytes(), d.Offset(), n)
}

// boolWords returns the values of a boolean array as words.
func boolWords(a arrow.Array) words {
	d := a.Data()
	n := d.Len()
	if isNullType(a) || len(d.Buffers()) < 2 || d.Buffers()[1] == nil {
		return newWords(n)
	}
	return bitmapWords(d.Buffers()[1].Bytes(), d.Offset(), n)
}

// andValidity intersects the validity of the arrays; nil means all valid. The result is a
// fresh slice the caller may modify.
func andValidity(arrs ...arrow.Array) words {
	var out words
	for _, a := range arrs {
		v := validity(a)
		if v == nil {
			continue
		}
		if out == nil {
			out = v
			continue
		}
		for i := range out {
			out[i] &= v[i]
		}
	}
	return out
}

// validBuffer turns validity words into a buffer and null count for an array of n rows.
func validBuffer(valid words, n int) (*memory.Buffer, int) {
	if valid == nil {
		return nil, 0
	}
	nulls := n - valid.count(n)
	if nulls == 0 {
		return nil, 0
	}
	return memory.NewBufferBytes(valid.bytes()), nulls
}

// newFixed builds a fixed-width array of type dt over vals (not copied).
func newFixed[T arrow.FixedWidthType](dt arrow.DataType, vals []T, valid words) arrow.Array {
	n := len(vals)
	vb, nulls := validBuffer(valid, n)
	data := array.NewData(dt, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(vals))}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// newBool builds a boolean array from value and validity words.
func newBool(n int, vals, valid words) arrow.Array {
	vb, nulls := validBuffer(valid, n)
	data := array.NewData(arrow.FixedWidthTypes.Boolean, n, []*memory.Buffer{vb, memory.NewBufferBytes(vals.bytes())}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// newVar builds a utf8 or binary array from offsets and data.
func newVar(dt arrow.DataType, offs []int32, data []byte, valid words) arrow.Array {
	n := len(offs) - 1
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(dt, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs)), memory.NewBufferBytes(data)}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// nullArray is an all-null array of type dt.
func nullArray(dt arrow.DataType, n int) arrow.Array {
	return array.MakeArrayOfNull(mem, dt, n)
}

// withValidity returns a with its validity replaced by valid (intersected with nothing: the
// caller passes the complete validity). The data buffers are shared.
func withValidity(a arrow.Array, valid words) arrow.Array {
	n := a.Len()
	d := a.Data()
	if valid == nil && a.NullN() == 0 {
		a.Retain()
		return a
	}
	if d.Offset() != 0 {
		// Re-base: gather is the simplest way to drop the offset for every layout.
		g, err := gather(a.DataType(), []arrow.Array{a}, nil, identity(n))
		if err != nil {
			panic(err) // every layout gather supports can carry an offset
		}
		defer g.Release()
		return withValidity(g, valid)
	}
	vb, nulls := validBuffer(valid, n)
	bufs := append([]*memory.Buffer{vb}, d.Buffers()[1:]...)
	nd := array.NewData(d.DataType(), n, bufs, d.Children(), nulls, 0)
	defer nd.Release()
	return array.MakeFromData(nd)
}

// identity returns [0, 1, ..., n-1].
func identity(n int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	return idx
}

// selected lists the positions of the set bits among the first n.
func selected(w words, n int) []int32 {
	out := make([]int32, 0, w.count(n))
	for wi, x := range w {
		for x != 0 {
			t := bits.TrailingZeros64(x)
			i := wi*64 + t
			if i >= n {
				break
			}
			out = append(out, int32(i))
			x &= x - 1
		}
	}
	return out
}

// gather builds an array of type dt whose row i is row idx[i] of srcs[src[i]] (src nil: all
// rows come from srcs[0]); idx[i] < 0 gives a null. Sources of the Null type count as all
// null. It supports every layout the engine produces: null, boolean, fixed-width
// primitives, decimals, intervals, utf8/binary, lists, maps and structs.
func gather(dt arrow.DataType, srcs []arrow.Array, src, idx []int32) (arrow.Array, error) {
	n := len(idx)
	if dt.ID() == arrow.NULL {
		return array.NewNull(n), nil
	}
	// Null-typed sources give nulls.
	for s, a := range srcs {
		if isNullType(a) {
			idx = append([]int32(nil), idx...)
			for i := range idx {
				if src == nil || int(src[i]) == s {
					idx[i] = -1
				}
			}
		}
	}
	// Validity first: shared by every layout.
	valid := allOnes(n)
	anyNull := false
	vals := make([]words, len(srcs))
	for s, a := range srcs {
		vals[s] = validity(a)
	}
	for i, j := range idx {
		if j < 0 {
			valid.clear(i)
			anyNull = true
			continue
		}
		s := 0
		if src != nil {
			s = int(src[i])
		}
		if v := vals[s]; v != nil && !v.get(int(j)) {
			valid.clear(i)
			anyNull = true
		}
	}
	if !anyNull {
		valid = nil
	}
	switch dt.ID() {
	case arrow.BOOL:
		bw := make([]words, len(srcs))
		for s, a := range srcs {
			bw[s] = boolWords(a)
		}
		out := newWords(n)
		for i, j := range idx {
			if j < 0 {
				continue
			}
			s := 0
			if src != nil {
				s = int(src[i])
			}
			if bw[s].get(int(j)) {
				out.set(i)
			}
		}
		return newBool(n, out, valid), nil
	case arrow.STRING, arrow.BINARY:
		views := make([]varView, len(srcs))
		size := 0
		for s, a := range srcs {
			if !isNullType(a) {
				views[s] = viewVar(a)
			}
		}
		for i, j := range idx {
			if j >= 0 {
				s := 0
				if src != nil {
					s = int(src[i])
				}
				v := views[s]
				size += int(v.offs[j+1] - v.offs[j])
			}
		}
		offs := make([]int32, n+1)
		data := make([]byte, 0, size)
		for i, j := range idx {
			if j >= 0 {
				s := 0
				if src != nil {
					s = int(src[i])
				}
				data = append(data, views[s].at(int(j))...)
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(dt, offs, data, valid), nil
	case arrow.LIST, arrow.MAP:
		var childType arrow.DataType
		switch t := dt.(type) {
		case *arrow.ListType:
			childType = t.Elem()
		case *arrow.MapType:
			childType = t.Elem()
		}
		children := make([]arrow.Array, len(srcs))
		offsets := make([][]int32, len(srcs))
		for s, a := range srcs {
			if isNullType(a) {
				children[s] = array.NewNull(0)
				defer children[s].Release()
				continue
			}
			l := a.(array.ListLike)
			children[s] = l.ListValues()
			d := a.Data()
			offsets[s] = arrow.GetData[int32](d.Buffers()[1].Bytes())[d.Offset() : d.Offset()+d.Len()+1]
		}
		offs := make([]int32, n+1)
		var csrc, cidx []int32
		for i, j := range idx {
			if j >= 0 && (valid == nil || valid.get(i)) {
				s := 0
				if src != nil {
					s = int(src[i])
				}
				o := offsets[s]
				for k := o[j]; k < o[j+1]; k++ {
					if len(srcs) > 1 {
						csrc = append(csrc, int32(s))
					}
					cidx = append(cidx, k)
				}
			}
			offs[i+1] = int32(len(cidx))
		}
		if cidx == nil {
			cidx = []int32{}
		}
		child, err := gather(childType, children, csrc, cidx)
		if err != nil {
			return nil, err
		}
		defer child.Release()
		vb, nulls := validBuffer(valid, n)
		d := array.NewData(dt, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{child.Data()}, nulls, 0)
		defer d.Release()
		return array.MakeFromData(d), nil
	case arrow.STRUCT:
		st := dt.(*arrow.StructType)
		childData := make([]arrow.ArrayData, st.NumFields())
		for k := range childData {
			fsrcs := make([]arrow.Array, len(srcs))
			for s, a := range srcs {
				if isNullType(a) {
					fsrcs[s] = a
					continue
				}
				fsrcs[s] = a.(*array.Struct).Field(k)
			}
			c, err := gather(st.Field(k).Type, fsrcs, src, idx)
			if err != nil {
				return nil, err
			}
			defer c.Release()
			childData[k] = c.Data()
		}
		vb, nulls := validBuffer(valid, n)
		d := array.NewData(dt, n, []*memory.Buffer{vb}, childData, nulls, 0)
		defer d.Release()
		return array.MakeFromData(d), nil
	}
	fw, ok := dt.(arrow.FixedWidthDataType)
	if !ok {
		return nil, sparkerror.NotImplemented("gather of Arrow type " + dt.String())
	}
	switch fw.BitWidth() {
	case 8:
		return gatherFixed[int8](dt, srcs, src, idx, valid), nil
	case 16:
		return gatherFixed[int16](dt, srcs, src, idx, valid), nil
	case 32:
		return gatherFixed[int32](dt, srcs, src, idx, valid), nil
	case 64:
		return gatherFixed[int64](dt, srcs, src, idx, valid), nil
	case 128:
		return gatherFixed[decimal128.Num](dt, srcs, src, idx, valid), nil
	}
	return nil, sparkerror.NotImplemented("gather of Arrow type " + dt.String())
}

func gatherFixed[T arrow.FixedWidthType](dt arrow.DataType, srcs []arrow.Array, src, idx []int32, valid words) arrow.Array {
	n := len(idx)
	out := make([]T, n)
	if src == nil {
		v := fixedValues[T](srcs[0])
		for i, j := range idx {
			if j >= 0 {
				out[i] = v[j]
			}
		}
		return newFixed(dt, out, valid)
	}
	vs := make([][]T, len(srcs))
	for s, a := range srcs {
		if !isNullType(a) {
			vs[s] = fixedValues[T](a)
		}
	}
	for i, j := range idx {
		if j >= 0 {
			out[i] = vs[src[i]][j]
		}
	}
	return newFixed(dt, out, valid)
}
