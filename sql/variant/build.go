package variant

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strconv"

	"github.com/sailgo/sail/sql/sparkerror"
)

// ErrTooBig is returned when a value or its metadata would exceed SizeLimit (Spark's
// VariantSizeLimitException); callers report it with SizeLimitError.
var ErrTooBig = errors.New("variant: value exceeds the size limit")

// SizeLimitError is VARIANT_SIZE_LIMIT for a function.
func SizeLimitError(function string) error {
	return sparkerror.New(sparkerror.Runtime, "VARIANT_SIZE_LIMIT", "22023",
		"Cannot build variant bigger than <sizeLimit> in <functionName>.\nPlease avoid large input strings to this expression (for example, add function calls(s) to check the expression size and convert it to NULL first if it is too big).",
		map[string]string{"sizeLimit": "128.0 MiB", "functionName": "`" + function + "`"})
}

// DuplicateKeyError is VARIANT_DUPLICATE_KEY.
func DuplicateKeyError(key string) error {
	return sparkerror.New(sparkerror.Runtime, "VARIANT_DUPLICATE_KEY", "22023",
		"Failed to build variant because of a duplicate object key `<key>`.",
		map[string]string{"key": key})
}

// Builder writes one variant value and its metadata. Objects and arrays are written by
// appending their fields or elements after StartObject / StartArray and closing them with
// FinishObject / FinishArray; they may nest. Reset makes it ready for the next value,
// keeping its buffers.
type Builder struct {
	buf      []byte
	dict     map[string]int
	keys     []byte // the keys, in id order
	keyEnds  []int  // keys[keyEnds[i-1]:keyEnds[i]] is key i
	allowDup bool
	fields   []fieldEntry // open objects' fields, innermost last
	offsets  []int        // open arrays' element offsets, innermost last
	scratch  []fieldEntry
}

type fieldEntry struct {
	id     int
	offset int
}

// NewBuilder returns a builder; allowDuplicateKeys keeps the last value of a repeated
// object key instead of failing (spark.sql.variant.allowDuplicateKeys).
func NewBuilder(allowDuplicateKeys bool) *Builder {
	return &Builder{dict: map[string]int{}, allowDup: allowDuplicateKeys}
}

// Reset discards the value being built and the dictionary.
func (b *Builder) Reset() {
	b.buf = b.buf[:0]
	if len(b.keyEnds) > smallDict {
		clear(b.dict)
	}
	b.keys = b.keys[:0]
	b.keyEnds = b.keyEnds[:0]
	b.fields = b.fields[:0]
	b.offsets = b.offsets[:0]
}

func (b *Builder) grow(n int) error {
	if len(b.buf)+n > SizeLimit {
		return ErrTooBig
	}
	b.buf = slices.Grow(b.buf, n)
	return nil
}

func (b *Builder) key(id int) []byte {
	start := 0
	if id > 0 {
		start = b.keyEnds[id-1]
	}
	return b.keys[start:b.keyEnds[id]]
}

// smallDict is the dictionary size up to which keys are looked up by a scan, without
// the map (which then holds nothing).
const smallDict = 16

// AddKey adds a key to the dictionary (if new) and returns its id.
func (b *Builder) AddKey(key []byte) int {
	n := len(b.keyEnds)
	if n <= smallDict {
		start := 0
		for id, end := range b.keyEnds {
			if string(b.keys[start:end]) == string(key) {
				return id
			}
			start = end
		}
		if n == smallDict {
			for id := range b.keyEnds {
				b.dict[string(b.key(id))] = id
			}
		}
	} else if id, ok := b.dict[string(key)]; ok {
		return id
	}
	if n >= smallDict {
		b.dict[string(key)] = n
	}
	b.keys = append(b.keys, key...)
	b.keyEnds = append(b.keyEnds, len(b.keys))
	return n
}

// AppendNull appends the variant null.
func (b *Builder) AppendNull() error {
	if err := b.grow(1); err != nil {
		return err
	}
	b.buf = append(b.buf, primNull<<2)
	return nil
}

// AppendBool appends a boolean.
func (b *Builder) AppendBool(v bool) error {
	if err := b.grow(1); err != nil {
		return err
	}
	if v {
		b.buf = append(b.buf, primTrue<<2)
	} else {
		b.buf = append(b.buf, primFalse<<2)
	}
	return nil
}

func (b *Builder) appendLE(v uint64, n int) {
	for i := 0; i < n; i++ {
		b.buf = append(b.buf, byte(v>>(8*i)))
	}
}

// AppendLong appends an integer in the smallest of INT1, INT2, INT4 and INT8.
func (b *Builder) AppendLong(v int64) error {
	if err := b.grow(9); err != nil {
		return err
	}
	switch {
	case v == int64(int8(v)):
		b.buf = append(b.buf, primInt1<<2, byte(v))
	case v == int64(int16(v)):
		b.buf = append(b.buf, primInt2<<2)
		b.appendLE(uint64(v), 2)
	case v == int64(int32(v)):
		b.buf = append(b.buf, primInt4<<2)
		b.appendLE(uint64(v), 4)
	default:
		b.buf = append(b.buf, primInt8<<2)
		b.appendLE(uint64(v), 8)
	}
	return nil
}

// AppendDouble appends a double.
func (b *Builder) AppendDouble(v float64) error {
	if err := b.grow(9); err != nil {
		return err
	}
	b.buf = append(b.buf, primDouble<<2)
	b.appendLE(math.Float64bits(v), 8)
	return nil
}

// AppendFloat appends a float.
func (b *Builder) AppendFloat(v float32) error {
	if err := b.grow(5); err != nil {
		return err
	}
	b.buf = append(b.buf, primFloat<<2)
	b.appendLE(uint64(math.Float32bits(v)), 4)
	return nil
}

// AppendDecimal appends a decimal of at most 38 digits and scale 0 to 38, in the
// narrowest of DECIMAL4, DECIMAL8 and DECIMAL16 its precision and scale allow.
func (b *Builder) AppendDecimal(d Dec) error {
	if err := b.grow(18); err != nil {
		return err
	}
	p := d.Precision()
	if d.Scale < 0 || d.Scale > maxDecimal16 || p > maxDecimal16 {
		return sparkerror.InternalError("variant: decimal of precision %d and scale %d", p, d.Scale)
	}
	switch {
	case d.Scale <= maxDecimal4 && p <= maxDecimal4:
		b.buf = append(b.buf, primDecimal4<<2, byte(d.Scale))
		b.appendLE(d.Lo, 4)
	case d.Scale <= maxDecimal8 && p <= maxDecimal8:
		b.buf = append(b.buf, primDecimal8<<2, byte(d.Scale))
		b.appendLE(d.Lo, 8)
	default:
		b.buf = append(b.buf, primDecimal16<<2, byte(d.Scale))
		b.appendLE(d.Lo, 8)
		b.appendLE(uint64(d.Hi), 8)
	}
	return nil
}

// AppendDate appends a date (days since the epoch).
func (b *Builder) AppendDate(days int32) error {
	if err := b.grow(5); err != nil {
		return err
	}
	b.buf = append(b.buf, primDate<<2)
	b.appendLE(uint64(uint32(days)), 4)
	return nil
}

// AppendTimestamp appends a TIMESTAMP (microseconds since the epoch, UTC).
func (b *Builder) AppendTimestamp(micros int64) error {
	if err := b.grow(9); err != nil {
		return err
	}
	b.buf = append(b.buf, primTimestamp<<2)
	b.appendLE(uint64(micros), 8)
	return nil
}

// AppendTimestampNTZ appends a TIMESTAMP_NTZ.
func (b *Builder) AppendTimestampNTZ(micros int64) error {
	if err := b.grow(9); err != nil {
		return err
	}
	b.buf = append(b.buf, primTimestampNTZ<<2)
	b.appendLE(uint64(micros), 8)
	return nil
}

// AppendBinary appends a binary value.
func (b *Builder) AppendBinary(v []byte) error {
	if err := b.grow(5 + len(v)); err != nil {
		return err
	}
	b.buf = append(b.buf, primBinary<<2)
	b.appendLE(uint64(len(v)), 4)
	b.buf = append(b.buf, v...)
	return nil
}

// AppendString appends a string (UTF-8 bytes): a short string up to 63 bytes.
func (b *Builder) AppendString(s []byte) error {
	if len(s) > maxShortStr {
		if err := b.grow(5 + len(s)); err != nil {
			return err
		}
		b.buf = append(b.buf, primLongStr<<2)
		b.appendLE(uint64(len(s)), 4)
	} else {
		if err := b.grow(1 + len(s)); err != nil {
			return err
		}
		b.buf = append(b.buf, byte(len(s)<<2|basicShortStr))
	}
	b.buf = append(b.buf, s...)
	return nil
}

// AppendUUID appends a UUID (16 big-endian bytes).
func (b *Builder) AppendUUID(u [16]byte) error {
	if err := b.grow(17); err != nil {
		return err
	}
	b.buf = append(b.buf, primUUID<<2)
	b.buf = append(b.buf, u[:]...)
	return nil
}

// ObjectWriter is an object being written.
type ObjectWriter struct {
	start, mark int
}

// StartObject opens an object; add each field with Field before appending its value.
func (b *Builder) StartObject() ObjectWriter {
	return ObjectWriter{start: len(b.buf), mark: len(b.fields)}
}

// Field starts the next field of the innermost open object.
func (b *Builder) Field(o ObjectWriter, key []byte) {
	id := b.AddKey(key)
	b.fields = append(b.fields, fieldEntry{id: id, offset: len(b.buf) - o.start})
}

// FinishObject closes an object: its fields sorted by key, a repeated key failing with
// VARIANT_DUPLICATE_KEY unless duplicates are allowed (then the last value is kept).
func (b *Builder) FinishObject(o ObjectWriter) error {
	fields := b.fields[o.mark:]
	b.fields = b.fields[:o.mark]
	slices.SortStableFunc(fields, func(x, y fieldEntry) int { return CompareKeys(b.key(x.id), b.key(y.id)) })
	maxID := 0
	for _, f := range fields {
		maxID = max(maxID, f.id)
	}
	if b.allowDup {
		distinct := 0
		for i := 1; i < len(fields); i++ {
			if fields[i].id == fields[distinct].id {
				if fields[distinct].offset < fields[i].offset {
					fields[distinct].offset = fields[i].offset
				}
			} else {
				distinct++
				fields[distinct] = fields[i]
			}
		}
		if len(fields) > 0 && distinct+1 < len(fields) {
			fields = fields[:distinct+1]
			// Move the kept values to the front, in their order of appearance.
			b.scratch = append(b.scratch[:0], fields...)
			slices.SortFunc(b.scratch, func(x, y fieldEntry) int { return x.offset - y.offset })
			cur := 0
			for i := range b.scratch {
				old := b.scratch[i].offset
				n, err := Variant{value: b.buf, pos: o.start + old}.Size()
				if err != nil {
					return err
				}
				copy(b.buf[o.start+cur:], b.buf[o.start+old:o.start+old+n])
				b.scratch[i].offset = cur
				cur += n
			}
			b.buf = b.buf[:o.start+cur]
			copy(fields, b.scratch)
			slices.SortStableFunc(fields, func(x, y fieldEntry) int { return CompareKeys(b.key(x.id), b.key(y.id)) })
		}
	} else {
		for i := 1; i < len(fields); i++ {
			if fields[i].id == fields[i-1].id {
				return DuplicateKeyError(string(b.key(fields[i].id)))
			}
		}
	}
	size := len(fields)
	dataSize := len(b.buf) - o.start
	large := size > 0xFF
	sizeBytes := 1
	if large {
		sizeBytes = 4
	}
	idSize, offSize := intSize(maxID), intSize(dataSize)
	headerSize := 1 + sizeBytes + size*idSize + (size+1)*offSize
	if err := b.grow(headerSize); err != nil {
		return err
	}
	b.buf = b.buf[:len(b.buf)+headerSize]
	copy(b.buf[o.start+headerSize:], b.buf[o.start:o.start+dataSize])
	h := byte(basicObject) | byte(offSize-1)<<2 | byte(idSize-1)<<4
	if large {
		h |= 1 << 6
	}
	b.buf[o.start] = h
	putLE(b.buf[o.start+1:], uint64(size), sizeBytes)
	idStart := o.start + 1 + sizeBytes
	offStart := idStart + size*idSize
	for i, f := range fields {
		putLE(b.buf[idStart+i*idSize:], uint64(f.id), idSize)
		putLE(b.buf[offStart+i*offSize:], uint64(f.offset), offSize)
	}
	putLE(b.buf[offStart+size*offSize:], uint64(dataSize), offSize)
	return nil
}

// ArrayWriter is an array being written.
type ArrayWriter struct {
	start, mark int
}

// StartArray opens an array; call Elem before appending each element.
func (b *Builder) StartArray() ArrayWriter {
	return ArrayWriter{start: len(b.buf), mark: len(b.offsets)}
}

// Elem starts the next element of the innermost open array.
func (b *Builder) Elem(a ArrayWriter) {
	b.offsets = append(b.offsets, len(b.buf)-a.start)
}

// FinishArray closes an array.
func (b *Builder) FinishArray(a ArrayWriter) error {
	offs := b.offsets[a.mark:]
	b.offsets = b.offsets[:a.mark]
	size := len(offs)
	dataSize := len(b.buf) - a.start
	large := size > 0xFF
	sizeBytes := 1
	if large {
		sizeBytes = 4
	}
	offSize := intSize(dataSize)
	headerSize := 1 + sizeBytes + (size+1)*offSize
	if err := b.grow(headerSize); err != nil {
		return err
	}
	b.buf = b.buf[:len(b.buf)+headerSize]
	copy(b.buf[a.start+headerSize:], b.buf[a.start:a.start+dataSize])
	h := byte(basicArray) | byte(offSize-1)<<2
	if large {
		h |= 1 << 4
	}
	b.buf[a.start] = h
	putLE(b.buf[a.start+1:], uint64(size), sizeBytes)
	offStart := a.start + 1 + sizeBytes
	for i, off := range offs {
		putLE(b.buf[offStart+i*offSize:], uint64(off), offSize)
	}
	putLE(b.buf[offStart+size*offSize:], uint64(dataSize), offSize)
	return nil
}

// AppendVariant appends another variant's value, its keys added to this dictionary
// (VariantBuilder.appendVariant).
func (b *Builder) AppendVariant(v Variant) error {
	return b.appendVariant(v, NewBudget(v))
}

func (b *Builder) appendVariant(v Variant, budget *Budget) error {
	if err := budget.Visit(); err != nil {
		return err
	}
	basic, _, err := v.header()
	if err != nil {
		return err
	}
	switch basic {
	case basicObject:
		info, err := v.object()
		if err != nil {
			return err
		}
		o := b.StartObject()
		for i := 0; i < info.size; i++ {
			key, fv, err := v.fieldAt(info, i)
			if err != nil {
				return err
			}
			b.Field(o, key)
			if err := b.appendVariant(fv, budget); err != nil {
				return err
			}
		}
		return b.FinishObject(o)
	case basicArray:
		info, err := v.array()
		if err != nil {
			return err
		}
		a := b.StartArray()
		for i := 0; i < info.size; i++ {
			off, err := readUnsigned(v.value, info.offStart+info.offSize*i, info.offSize)
			if err != nil {
				return err
			}
			b.Elem(a)
			if err := b.appendVariant(Variant{value: v.value, meta: v.meta, pos: info.dataStart + off}, budget); err != nil {
				return err
			}
		}
		return b.FinishArray(a)
	}
	raw, err := v.Bytes()
	if err != nil {
		return err
	}
	if err := b.grow(len(raw)); err != nil {
		return err
	}
	b.buf = append(b.buf, raw...)
	return nil
}

// Value is the value written so far.
func (b *Builder) Value() []byte { return b.buf }

// AppendMetadata appends the metadata of the dictionary (VariantBuilder.result): version
// 1, the offset size the largest offset needs, keys in id order.
func (b *Builder) AppendMetadata(dst []byte) ([]byte, error) {
	n := len(b.keyEnds)
	strSize := len(b.keys)
	offSize := intSize(max(strSize, n))
	if max(strSize, n) > SizeLimit || 1+offSize+(n+1)*offSize+strSize > SizeLimit {
		return dst, ErrTooBig
	}
	dst = append(dst, byte(Version|(offSize-1)<<6))
	dst = appendLE(dst, uint64(n), offSize)
	dst = appendLE(dst, 0, offSize)
	for _, end := range b.keyEnds {
		dst = appendLE(dst, uint64(end), offSize)
	}
	return append(dst, b.keys...), nil
}

// Result is the value and its metadata, newly allocated.
func (b *Builder) Result() (value, metadata []byte, err error) {
	metadata, err = b.AppendMetadata(nil)
	if err != nil {
		return nil, nil, err
	}
	return slices.Clone(b.buf), metadata, nil
}

// intSize is the number of bytes an unsigned offset or id up to v needs.
func intSize(v int) int {
	switch {
	case v <= 0xFF:
		return 1
	case v <= 0xFFFF:
		return 2
	case v <= 0xFFFFFF:
		return 3
	}
	return 4
}

func putLE(dst []byte, v uint64, n int) {
	for i := 0; i < n; i++ {
		dst[i] = byte(v >> (8 * i))
	}
}

func appendLE(dst []byte, v uint64, n int) []byte {
	var tmp [8]byte
	binary.LittleEndian.PutUint64(tmp[:], v)
	return append(dst, tmp[:n]...)
}

// itoa is strconv.Itoa, for error parameters.
func itoa(n int) string { return strconv.Itoa(n) }
