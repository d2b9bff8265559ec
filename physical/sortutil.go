package physical

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"iter"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
)

// internRows is how many rows of a held input are evaluated and interned at once, so that
// per-row scratch (keys, ids, encoded rows) stays small next to the input itself.
const internRows = 64 << 10

// batchSlices yields the batches cut into slices of at most n rows (zero-copy); the loop
// body releases each slice.
func batchSlices(batches []arrow.RecordBatch, n int) iter.Seq[arrow.RecordBatch] {
	return func(yield func(arrow.RecordBatch) bool) {
		for _, b := range batches {
			rows := b.NumRows()
			if rows <= int64(n) {
				b.Retain()
				if !yield(b) {
					return
				}
				continue
			}
			for lo := int64(0); lo < rows; lo += int64(n) {
				if !yield(b.NewSlice(lo, min(lo+int64(n), rows))) {
					return
				}
			}
		}
	}
}

// sortOrder returns the stable sorted order of the rows of several batches of encoded
// keys, as global row numbers (batch 0's rows first). Fixed-width keys whose differing
// bytes fit in 64 bits are radix sorted, and then the sorted keys are rebuilt from the
// radix keys (returned as sorted; nil otherwise); the rest are compared as byte strings
// with the row number breaking ties.
func sortOrder(keys []*aggregate.Rows, n int) (perm []uint32, sorted *aggregate.Rows) {
	perm = make([]uint32, n)
	if n == 0 {
		return perm, nil
	}
	if len(keys) > 0 && keys[0].Width >= 0 {
		if packed, pos := packFixedKeys(keys, n); packed != nil {
			for i := range perm {
				perm[i] = uint32(i)
			}
			radixSort(packed, perm)
			return perm, unpackFixedKeys(keys[0].Row(0), pos, packed)
		}
	}
	ks := make([][]byte, 0, n)
	for _, k := range keys {
		for i := range k.N {
			ks = append(ks, k.Row(i))
		}
	}
	for i := range perm {
		perm[i] = uint32(i)
	}
	slices.SortFunc(perm, func(a, b uint32) int {
		if c := bytes.Compare(ks[a], ks[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return perm, nil
}

// unpackFixedKeys rebuilds full keys from packed values: the template's bytes with the
// varying positions filled in.
func unpackFixedKeys(template []byte, pos []int, packed []uint64) *aggregate.Rows {
	w := len(template)
	out := &aggregate.Rows{N: len(packed), Width: w, Data: make([]byte, len(packed)*w)}
	contiguous8 := len(pos) == 8 && pos[7]-pos[0] == 7
	for i, v := range packed {
		row := out.Data[i*w : (i+1)*w]
		copy(row, template)
		if contiguous8 {
			binary.BigEndian.PutUint64(row[pos[0]:], v)
			continue
		}
		for j := len(pos) - 1; j >= 0; j-- {
			row[pos[j]] = byte(v)
			v >>= 8
		}
	}
	return out
}

// packFixedKeys packs the byte positions that differ between rows of fixed-width keys into
// one uint64 per row (most significant first), or returns nil when more than 8 differ.
func packFixedKeys(keys []*aggregate.Rows, n int) ([]uint64, []int) {
	w := keys[0].Width
	if w == 0 {
		return make([]uint64, n), nil
	}
	first := keys[0].Row(0)
	// Differences, 8 bytes at a time where the row allows it.
	words := w / 8
	diffw := make([]uint64, words)
	diff := make([]byte, w)
	for _, k := range keys {
		data := k.Data[:k.N*w]
		for off := 0; off < len(data); off += w {
			row := data[off : off+w]
			for x := range words {
				diffw[x] |= binary.LittleEndian.Uint64(row[8*x:]) ^ binary.LittleEndian.Uint64(first[8*x:])
			}
			for j := 8 * words; j < w; j++ {
				diff[j] |= row[j] ^ first[j]
			}
		}
	}
	for x, d := range diffw {
		for j := range 8 {
			diff[8*x+j] = byte(d >> (8 * j))
		}
	}
	var pos []int
	for j, d := range diff {
		if d != 0 {
			pos = append(pos, j)
		}
	}
	if len(pos) > 8 {
		return nil, nil
	}
	out := make([]uint64, n)
	if len(pos) == 0 {
		return out, pos
	}
	i := 0
	lo, hi := pos[0], pos[len(pos)-1]
	if hi-lo == 7 {
		// Eight contiguous bytes: one big-endian load per row. The window may hold
		// bytes every row shares between the differing ones; they are packed too, so
		// the positions are the whole window (unpackFixedKeys must see the same).
		if len(pos) < 8 {
			pos = []int{lo, lo + 1, lo + 2, lo + 3, lo + 4, lo + 5, lo + 6, lo + 7}
		}
		for _, k := range keys {
			data := k.Data[:k.N*w]
			for off := 0; off < len(data); off += w {
				out[i] = binary.BigEndian.Uint64(data[off+lo:])
				i++
			}
		}
		return out, pos
	}
	for _, k := range keys {
		data := k.Data[:k.N*w]
		for off := 0; off < len(data); off += w {
			var v uint64
			for _, j := range pos {
				v = v<<8 | uint64(data[off+j])
			}
			out[i] = v
			i++
		}
	}
	return out, pos
}

// radixSort sorts keys (and idx alongside) ascending, stably, by LSD radix on bytes,
// skipping bytes every key shares.
func radixSort(keys []uint64, idx []uint32) {
	n := len(keys)
	var counts [8][256]int
	for _, k := range keys {
		for d := range 8 {
			counts[d][byte(k>>(8*d))]++
		}
	}
	type kv struct {
		k uint64
		i uint32
	}
	// Keys and indices move together (one write stream per bucket).
	a := make([]kv, n)
	for i, k := range keys {
		a[i] = kv{k, idx[i]}
	}
	b := make([]kv, n)
	for d := range 8 {
		c := &counts[d]
		shift := uint(8 * d)
		if c[byte(a[0].k>>shift)] == n {
			continue
		}
		var offs [256]int
		sum := 0
		for x := range 256 {
			offs[x] = sum
			sum += c[x]
		}
		for _, e := range a {
			x := byte(e.k >> shift)
			b[offs[x]] = e
			offs[x]++
		}
		a, b = b, a
	}
	for i, e := range a {
		keys[i], idx[i] = e.k, e.i
	}
}

// gatherRows copies encoded rows into a new Rows in the given order (batch/row pairs).
func gatherRows(keys []*aggregate.Rows, src, row []int32) *aggregate.Rows {
	n := len(src)
	out := &aggregate.Rows{N: n, Width: -1}
	if len(keys) > 0 && keys[0].Width >= 0 {
		w := keys[0].Width
		out.Width = w
		out.Data = make([]byte, n*w)
		le := binary.LittleEndian
		for i := range n {
			k := keys[src[i]]
			off := int(row[i]) * w
			from, to := k.Data[off:off+w], out.Data[i*w:(i+1)*w]
			if w >= 8 && w <= 16 {
				// Two overlapping 8-byte moves beat a memmove call for short keys.
				le.PutUint64(to, le.Uint64(from))
				le.PutUint64(to[w-8:], le.Uint64(from[w-8:]))
			} else {
				copy(to, from)
			}
		}
		return out
	}
	total := 0
	for i := range n {
		total += len(keys[src[i]].Row(int(row[i])))
	}
	out.Data = make([]byte, 0, total)
	out.Offsets = make([]int32, n+1)
	for i := range n {
		out.Data = append(out.Data, keys[src[i]].Row(int(row[i]))...)
		out.Offsets[i+1] = int32(len(out.Data))
	}
	return out
}
