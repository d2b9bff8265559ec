package source

import (
	"encoding/binary"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// Dictionary-encoded string columns are read as their dictionary indices and expanded here.
// Decoding them through arrow-go's plain path appends every value to a binary builder one
// at a time (about 50 ns per one-letter string); reading the indices and copying each
// value's bytes from the small dictionary is several times cheaper.

// readAsDictionary reports whether leaf column col of the split's row groups is a top-level
// byte-array column whose data pages are all dictionary-encoded, so that reading it as a
// dictionary never falls back to hashing plain values.
func readAsDictionary(md *metadata.FileMetaData, node schema.Node, col int, rowGroups []int) bool {
	pn, ok := node.(*schema.PrimitiveNode)
	if !ok || pn.PhysicalType() != parquet.Types.ByteArray || pn.RepetitionType() == parquet.Repetitions.Repeated {
		return false
	}
	if len(rowGroups) == 0 {
		return false
	}
	for _, rg := range rowGroups {
		cc, err := md.RowGroup(rg).ColumnChunk(col)
		if err != nil || !cc.HasDictionaryPage() {
			return false
		}
		// A chunk whose dictionary outgrew its limit continues with plain pages; its list
		// of encodings then names PLAIN besides the dictionary page's own encoding
		// (arrow and parquet-cpp write the dictionary page as PLAIN, so PLAIN twice;
		// parquet-mr writes it as PLAIN_DICTIONARY). The page statistics, when present,
		// may also say so. Such chunks would be hashed value by value: read them plain.
		plain, plainDict, dict := 0, false, false
		for _, e := range cc.Encodings() {
			switch e {
			case parquet.Encodings.Plain:
				plain++
			case parquet.Encodings.PlainDict:
				plainDict, dict = true, true
			case parquet.Encodings.RLEDict:
				dict = true
			}
		}
		if !dict || plain > 1 || (plainDict && plain > 0) {
			return false
		}
		for _, s := range cc.EncodingStats() {
			switch s.PageType.String() {
			case "DICTIONARY_PAGE", "INDEX_PAGE":
				continue
			}
			if s.Encoding != parquet.Encodings.RLEDict && s.Encoding != parquet.Encodings.PlainDict {
				return false
			}
		}
	}
	return true
}

// expandDictionary turns a dictionary array of int32 indices into string or binary values
// (target's type); ok is false when the array has another shape (the caller's general path
// handles it).
func expandDictionary(mem memory.Allocator, a arrow.Array, target arrow.DataType) (arrow.Array, bool) {
	d, ok := a.(*array.Dictionary)
	if !ok || (target.ID() != arrow.STRING && target.ID() != arrow.BINARY) {
		return nil, false
	}
	dt := d.DataType().(*arrow.DictionaryType)
	if dt.IndexType.ID() != arrow.INT32 {
		return nil, false
	}
	switch dt.ValueType.ID() {
	case arrow.STRING, arrow.BINARY:
	default:
		return nil, false
	}
	dict := d.Dictionary()
	if d.Len() == 0 || dict.Len() == 0 || dict.NullN() > 0 {
		return nil, false
	}
	dd := dict.Data()
	doffs := arrow.Int32Traits.CastFromBytes(dd.Buffers()[1].Bytes())[dd.Offset():]
	dbytes := dd.Buffers()[2].Bytes()
	nd := int32(dict.Len())

	id := d.Indices().Data()
	n := id.Len()
	idx := arrow.Int32Traits.CastFromBytes(id.Buffers()[1].Bytes())[id.Offset() : id.Offset()+n]
	var vb []byte
	voff := id.Offset()
	if id.NullN() > 0 && id.Buffers()[0] != nil {
		vb = id.Buffers()[0].Bytes()
	}
	// Value lengths per dictionary entry; short values (at most 8 bytes, as flags, modes
	// and codes are) are also kept as zero-padded words, written with one store per row.
	lens := make([]int32, nd)
	maxLen := int32(0)
	for k := range lens {
		lens[k] = doffs[k+1] - doffs[k]
		maxLen = max(maxLen, lens[k])
	}
	// Sizes first (null slots may hold any index: they contribute nothing).
	total := 0
	for i, k := range idx {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		if k < 0 || k >= nd {
			return nil, false
		}
		total += int(lens[k])
	}
	if total > math.MaxInt32-8 {
		return nil, false
	}
	offBuf := memory.NewResizableBuffer(mem)
	offBuf.Resize(arrow.Int32Traits.BytesRequired(n + 1))
	offs := arrow.Int32Traits.CastFromBytes(offBuf.Bytes())
	dataBuf := memory.NewResizableBuffer(mem)
	dataBuf.Reserve(total + 32) // slack for the last row's word stores
	dataBuf.Resize(total)
	data := dataBuf.Buf()
	pos := int32(0)
	offs[0] = 0
	switch {
	case total == 0: // only empty strings and nulls: every offset stays 0
		clear(offs)
	case maxLen <= 8:
		words := make([]uint64, nd)
		for k := range words {
			var w [8]byte
			copy(w[:], dbytes[doffs[k]:doffs[k+1]])
			words[k] = binary.LittleEndian.Uint64(w[:])
		}
		data = data[:total+8]
		for i, k := range idx {
			if vb == nil || bitutil.BitIsSet(vb, voff+i) {
				binary.LittleEndian.PutUint64(data[pos:pos+8], words[k])
				pos += lens[k]
			}
			offs[i+1] = pos
		}
	case maxLen <= 32:
		// Values of up to 32 bytes (ship instructions, part types) as four zero-padded
		// words each: four stores per row instead of a call to copy.
		words := make([][4]uint64, nd)
		for k := range words {
			var w [32]byte
			copy(w[:], dbytes[doffs[k]:doffs[k+1]])
			for j := range 4 {
				words[k][j] = binary.LittleEndian.Uint64(w[8*j:])
			}
		}
		data = data[:total+32]
		for i, k := range idx {
			if vb == nil || bitutil.BitIsSet(vb, voff+i) {
				w := &words[k]
				dst := data[pos : pos+32]
				binary.LittleEndian.PutUint64(dst[0:], w[0])
				binary.LittleEndian.PutUint64(dst[8:], w[1])
				binary.LittleEndian.PutUint64(dst[16:], w[2])
				binary.LittleEndian.PutUint64(dst[24:], w[3])
				pos += lens[k]
			}
			offs[i+1] = pos
		}
	default:
		for i, k := range idx {
			if vb == nil || bitutil.BitIsSet(vb, voff+i) {
				s := doffs[k]
				pos += int32(copy(data[pos:], dbytes[s:s+lens[k]]))
			}
			offs[i+1] = pos
		}
	}
	var valid *memory.Buffer
	nulls := 0
	if vb != nil {
		nulls = id.NullN()
		valid = memory.NewResizableBuffer(mem)
		valid.Resize(int(bitutil.BytesForBits(int64(n))))
		out := valid.Bytes()
		clear(out)
		bitutil.CopyBitmap(vb, voff, n, out, 0)
	}
	out := array.NewData(target, n, []*memory.Buffer{valid, offBuf, dataBuf}, nil, nulls, 0)
	offBuf.Release()
	dataBuf.Release()
	if valid != nil {
		valid.Release()
	}
	defer out.Release()
	return array.MakeFromData(out), true
}
