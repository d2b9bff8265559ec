package physical

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"
)

// keyPack joins on two integer keys as on one: when each key's values on the build side
// span less than 2^32, the pair (a, b) is the int64 (a-minA)<<32 | (b-minB), which the
// hash table looks up as fast as one integer key instead of hashing and comparing row
// encodings of two (TPC-H's joins on part and supplier keys). A probe row with a value
// outside the build side's range cannot match; it is looked up as a NULL key, which
// matches nothing.
type keyPack struct {
	lo, hi [2]int64
}

// keyInts returns the values of an integer (or date) array as int64s, converting into
// scratch when they are narrower.
func keyInts(a arrow.Array, scratch []int64) ([]int64, []int64, bool) {
	switch x := a.(type) {
	case *array.Int64:
		return x.Int64Values(), scratch, true
	case *array.Int32:
		scratch = resizeInt64(scratch, x.Len())
		for i, v := range x.Int32Values() {
			scratch[i] = int64(v)
		}
		return scratch, scratch, true
	case *array.Date32:
		scratch = resizeInt64(scratch, x.Len())
		for i, v := range x.Date32Values() {
			scratch[i] = int64(v)
		}
		return scratch, scratch, true
	}
	return nil, scratch, false
}

func resizeInt64(s []int64, n int) []int64 {
	if cap(s) < n {
		return make([]int64, n)
	}
	return s[:n]
}

// packableKeys reports whether the join's keys could be packed: two integer keys, not
// null-safe.
func (j *joinCore) packableKeys() bool {
	if len(j.rightKeys) != 2 || j.nullSafe[0] || j.nullSafe[1] {
		return false
	}
	for _, k := range j.rightKeys {
		switch k.DataType().ID() {
		case arrow.INT64, arrow.INT32, arrow.DATE32:
		default:
			return false
		}
	}
	return true
}

// newKeyPack scans the build side's keys; it returns nil when they do not pack.
func (j *joinCore) newKeyPack(batches []arrow.RecordBatch) (*keyPack, error) {
	if !j.packableKeys() {
		return nil, nil
	}
	p := &keyPack{}
	var seen [2]bool
	var scratch []int64
	for _, x := range batches {
		keys, err := evalAll(j.rightKeys, x)
		if err != nil {
			return nil, err
		}
		for c, k := range keys {
			var vals []int64
			var ok bool
			if vals, scratch, ok = keyInts(k, scratch); !ok {
				releaseArrays(keys)
				return nil, nil
			}
			for i, v := range vals {
				switch {
				case k.IsNull(i):
				case !seen[c]:
					p.lo[c], p.hi[c], seen[c] = v, v, true
				default:
					p.lo[c], p.hi[c] = min(p.lo[c], v), max(p.hi[c], v)
				}
			}
		}
		releaseArrays(keys)
	}
	if !seen[0] || !seen[1] {
		return nil, nil
	}
	for c := range 2 {
		if p.hi[c]-p.lo[c] < 0 || uint64(p.hi[c]-p.lo[c]) >= 1<<32 {
			return nil, nil // the span overflows, or needs more than 32 bits
		}
	}
	return p, nil
}

// packScratch is what pack reuses from call to call.
type packScratch struct {
	out, a, b []int64
}

// pack turns the two key arrays into one int64 array, NULL where a key is NULL or out of
// the build side's range.
func (p *keyPack) pack(keys []arrow.Array, s *packScratch) arrow.Array {
	n := keys[0].Len()
	s.out = resizeInt64(s.out, n)
	var a, b []int64
	a, s.a, _ = keyInts(keys[0], s.a)
	b, s.b, _ = keyInts(keys[1], s.b)
	var valid []byte
	nulls := 0
	checkNull := keys[0].NullN() > 0 || keys[1].NullN() > 0
	for i := range n {
		x, y := a[i], b[i]
		if x < p.lo[0] || x > p.hi[0] || y < p.lo[1] || y > p.hi[1] || checkNull && (keys[0].IsNull(i) || keys[1].IsNull(i)) {
			if valid == nil {
				valid = make([]byte, bitutil.BytesForBits(int64(n)))
				bitutil.SetBitsTo(valid, 0, int64(n), true)
			}
			bitutil.ClearBit(valid, i)
			nulls++
			s.out[i] = 0
			continue
		}
		s.out[i] = int64(uint64(x-p.lo[0])<<32 | uint64(y-p.lo[1]))
	}
	var vbuf *arrowmem.Buffer
	if valid != nil {
		vbuf = arrowmem.NewBufferBytes(valid)
	}
	d := array.NewData(arrow.PrimitiveTypes.Int64, n, []*arrowmem.Buffer{vbuf,
		arrowmem.NewBufferBytes(arrow.Int64Traits.CastToBytes(s.out))}, nil, nulls, 0)
	out := array.MakeFromData(d)
	d.Release()
	return out
}
