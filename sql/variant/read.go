package variant

import (
	"encoding/binary"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Basic types (the low 2 bits of a value's header byte).
const (
	basicPrimitive = 0
	basicShortStr  = 1
	basicObject    = 2
	basicArray     = 3
)

// Primitive type ids (the high 6 bits of a primitive's header byte).
const (
	primNull         = 0
	primTrue         = 1
	primFalse        = 2
	primInt1         = 3
	primInt2         = 4
	primInt4         = 5
	primInt8         = 6
	primDouble       = 7
	primDecimal4     = 8
	primDecimal8     = 9
	primDecimal16    = 10
	primDate         = 11
	primTimestamp    = 12
	primTimestampNTZ = 13
	primFloat        = 14
	primBinary       = 15
	primLongStr      = 16
	primUUID         = 20
)

const (
	// Version is the metadata version Spark writes and accepts.
	Version = 1
	// SizeLimit bounds a value and its metadata (Spark's SIZE_LIMIT outside tests).
	SizeLimit = 128 << 20
	// maxShortStr is the longest string stored as a short string.
	maxShortStr = 0x3F

	maxDecimal4  = 9
	maxDecimal8  = 18
	maxDecimal16 = 38
)

// Type is the kind of a value (Spark's VariantUtil.Type): INT1..INT8 are all Long, short
// and long strings String, the three decimal widths Decimal.
type Type uint8

const (
	Object Type = iota
	Array
	Null
	Boolean
	Long
	String
	Double
	Decimal
	Date
	Timestamp
	TimestampNTZ
	Float
	Binary
	UUID
)

var typeNames = [...]string{"OBJECT", "ARRAY", "NULL", "BOOLEAN", "LONG", "STRING", "DOUBLE",
	"DECIMAL", "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "FLOAT", "BINARY", "UUID"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// ErrMalformed is MALFORMED_VARIANT: the bytes do not follow the encoding.
func ErrMalformed() error {
	return sparkerror.New(sparkerror.Runtime, "MALFORMED_VARIANT", "22023",
		"Variant binary is malformed. Please check the data source is valid.", nil)
}

func errUnknownPrimitive(id int) error {
	return sparkerror.New(sparkerror.Runtime, "UNKNOWN_PRIMITIVE_TYPE_IN_VARIANT", "22023",
		"Unknown primitive type with id <id> was found in a variant value.",
		map[string]string{"id": strconv.Itoa(id)})
}

func errConstructorSize() error {
	return sparkerror.New(sparkerror.Runtime, "VARIANT_CONSTRUCTOR_SIZE_LIMIT", "22023",
		"Cannot construct a Variant larger than 16 MiB. The maximum allowed size of a Variant value is 16 MiB.", nil)
}

// Variant is a value inside a value buffer, with the metadata its keys refer to. The zero
// Variant is not valid; build one with New.
type Variant struct {
	value []byte
	meta  []byte
	pos   int
}

// New checks the metadata's version and the sizes (Spark's Variant constructor) and
// returns the variant whose value starts value.
func New(value, metadata []byte) (Variant, error) {
	if len(metadata) < 1 || metadata[0]&0x0F != Version {
		return Variant{}, ErrMalformed()
	}
	if len(metadata) > SizeLimit || len(value) > SizeLimit {
		return Variant{}, errConstructorSize()
	}
	return Variant{value: value, meta: metadata}, nil
}

// Metadata is the variant's metadata.
func (v Variant) Metadata() []byte { return v.meta }

// readUnsigned reads an n-byte little-endian unsigned integer that must fit a
// non-negative Java int.
func readUnsigned(b []byte, pos, n int) (int, error) {
	if pos < 0 || n <= 0 || pos+n > len(b) {
		return 0, ErrMalformed()
	}
	var r uint32
	for i := 0; i < n; i++ {
		r |= uint32(b[pos+i]) << (8 * i)
	}
	if r > math.MaxInt32 {
		return 0, ErrMalformed()
	}
	return int(r), nil
}

// readSigned reads an n-byte little-endian signed integer.
func readSigned(b []byte, pos, n int) (int64, error) {
	if pos < 0 || pos+n > len(b) {
		return 0, ErrMalformed()
	}
	var r uint64
	for i := 0; i < n; i++ {
		r |= uint64(b[pos+i]) << (8 * i)
	}
	shift := uint(64 - 8*n)
	return int64(r<<shift) >> shift, nil
}

func (v Variant) header() (basic, info int, err error) {
	if v.pos < 0 || v.pos >= len(v.value) {
		return 0, 0, ErrMalformed()
	}
	h := v.value[v.pos]
	return int(h & 3), int(h>>2) & 0x3F, nil
}

// IsNull reports whether the value is the variant null (without decoding further).
func (v Variant) IsNull() (bool, error) {
	if v.pos < 0 || v.pos >= len(v.value) {
		return false, ErrMalformed()
	}
	return v.value[v.pos] == 0, nil
}

// TypeInfo is the high 6 bits of the header byte.
func (v Variant) TypeInfo() (int, error) {
	_, info, err := v.header()
	return info, err
}

// Type is the kind of the value.
func (v Variant) Type() (Type, error) {
	basic, info, err := v.header()
	if err != nil {
		return 0, err
	}
	switch basic {
	case basicShortStr:
		return String, nil
	case basicObject:
		return Object, nil
	case basicArray:
		return Array, nil
	}
	switch info {
	case primNull:
		return Null, nil
	case primTrue, primFalse:
		return Boolean, nil
	case primInt1, primInt2, primInt4, primInt8:
		return Long, nil
	case primDouble:
		return Double, nil
	case primDecimal4, primDecimal8, primDecimal16:
		return Decimal, nil
	case primDate:
		return Date, nil
	case primTimestamp:
		return Timestamp, nil
	case primTimestampNTZ:
		return TimestampNTZ, nil
	case primFloat:
		return Float, nil
	case primBinary:
		return Binary, nil
	case primLongStr:
		return String, nil
	case primUUID:
		return UUID, nil
	}
	return 0, errUnknownPrimitive(info)
}

// Size is the number of bytes of the value (VariantUtil.valueSize).
func (v Variant) Size() (int, error) {
	basic, info, err := v.header()
	if err != nil {
		return 0, err
	}
	switch basic {
	case basicShortStr:
		return 1 + info, nil
	case basicObject:
		o, err := v.object()
		if err != nil {
			return 0, err
		}
		last, err := readUnsigned(v.value, o.offStart+o.size*o.offSize, o.offSize)
		if err != nil {
			return 0, err
		}
		return o.dataStart - v.pos + last, nil
	case basicArray:
		a, err := v.array()
		if err != nil {
			return 0, err
		}
		last, err := readUnsigned(v.value, a.offStart+a.size*a.offSize, a.offSize)
		if err != nil {
			return 0, err
		}
		return a.dataStart - v.pos + last, nil
	}
	switch info {
	case primNull, primTrue, primFalse:
		return 1, nil
	case primInt1:
		return 2, nil
	case primInt2:
		return 3, nil
	case primInt4, primDate, primFloat:
		return 5, nil
	case primInt8, primDouble, primTimestamp, primTimestampNTZ:
		return 9, nil
	case primDecimal4:
		return 6, nil
	case primDecimal8:
		return 10, nil
	case primDecimal16:
		return 18, nil
	case primBinary, primLongStr:
		n, err := readUnsigned(v.value, v.pos+1, 4)
		if err != nil {
			return 0, err
		}
		return 5 + n, nil
	case primUUID:
		return 17, nil
	}
	return 0, errUnknownPrimitive(info)
}

// Bytes is the value's own bytes (Variant.getValue): a sub-slice of the buffer, checked
// to lie within it.
func (v Variant) Bytes() ([]byte, error) {
	n, err := v.Size()
	if err != nil {
		return nil, err
	}
	if v.pos+n > len(v.value) {
		return nil, ErrMalformed()
	}
	return v.value[v.pos : v.pos+n], nil
}

func (v Variant) primitive(want ...int) (int, error) {
	basic, info, err := v.header()
	if err != nil {
		return 0, err
	}
	if basic == basicPrimitive {
		for _, w := range want {
			if info == w {
				return info, nil
			}
		}
	}
	return 0, ErrMalformed()
}

// Bool is a boolean value.
func (v Variant) Bool() (bool, error) {
	info, err := v.primitive(primTrue, primFalse)
	return info == primTrue, err
}

// Long is an integer value, or a date's days or a timestamp's microseconds.
func (v Variant) Long() (int64, error) {
	info, err := v.primitive(primInt1, primInt2, primInt4, primInt8, primDate, primTimestamp, primTimestampNTZ)
	if err != nil {
		return 0, err
	}
	switch info {
	case primInt1:
		return readSigned(v.value, v.pos+1, 1)
	case primInt2:
		return readSigned(v.value, v.pos+1, 2)
	case primInt4, primDate:
		return readSigned(v.value, v.pos+1, 4)
	}
	return readSigned(v.value, v.pos+1, 8)
}

// Double is a double value.
func (v Variant) Double() (float64, error) {
	if _, err := v.primitive(primDouble); err != nil {
		return 0, err
	}
	bits, err := readSigned(v.value, v.pos+1, 8)
	return math.Float64frombits(uint64(bits)), err
}

// Float is a float value.
func (v Variant) Float() (float32, error) {
	if _, err := v.primitive(primFloat); err != nil {
		return 0, err
	}
	bits, err := readSigned(v.value, v.pos+1, 4)
	return math.Float32frombits(uint32(bits)), err
}

// Dec is a decimal: a 128-bit two's complement unscaled value and a scale.
type Dec struct {
	Hi    int64
	Lo    uint64
	Scale int
}

// DecimalRaw is a decimal value with the scale it was stored with
// (getDecimalWithOriginalScale), checked against its width's precision limit.
func (v Variant) DecimalRaw() (Dec, error) {
	info, err := v.primitive(primDecimal4, primDecimal8, primDecimal16)
	if err != nil {
		return Dec{}, err
	}
	if v.pos+1 >= len(v.value) {
		return Dec{}, ErrMalformed()
	}
	d := Dec{Scale: int(v.value[v.pos+1])}
	limit := maxDecimal16
	switch info {
	case primDecimal4:
		x, err := readSigned(v.value, v.pos+2, 4)
		if err != nil {
			return Dec{}, err
		}
		d.Hi, d.Lo, limit = x>>63, uint64(x), maxDecimal4
	case primDecimal8:
		x, err := readSigned(v.value, v.pos+2, 8)
		if err != nil {
			return Dec{}, err
		}
		d.Hi, d.Lo, limit = x>>63, uint64(x), maxDecimal8
	default:
		if v.pos+18 > len(v.value) {
			return Dec{}, ErrMalformed()
		}
		d.Lo = binary.LittleEndian.Uint64(v.value[v.pos+2:])
		d.Hi = int64(binary.LittleEndian.Uint64(v.value[v.pos+10:]))
	}
	if d.Precision() > limit || d.Scale > limit {
		return Dec{}, ErrMalformed()
	}
	return d, nil
}

// Decimal is a decimal value with its trailing zeros stripped (Variant.getDecimal); the
// scale may become negative, as BigDecimal.stripTrailingZeros makes it.
func (v Variant) Decimal() (Dec, error) {
	d, err := v.DecimalRaw()
	if err != nil {
		return Dec{}, err
	}
	return d.Strip(), nil
}

// Binary is a binary value (a sub-slice of the buffer).
func (v Variant) Binary() ([]byte, error) {
	if _, err := v.primitive(primBinary); err != nil {
		return nil, err
	}
	n, err := readUnsigned(v.value, v.pos+1, 4)
	if err != nil {
		return nil, err
	}
	start := v.pos + 5
	if start+n > len(v.value) {
		return nil, ErrMalformed()
	}
	return v.value[start : start+n], nil
}

// Str is a string value's UTF-8 bytes (a sub-slice of the buffer).
func (v Variant) Str() ([]byte, error) {
	basic, info, err := v.header()
	if err != nil {
		return nil, err
	}
	var start, n int
	switch {
	case basic == basicShortStr:
		start, n = v.pos+1, info
	case basic == basicPrimitive && info == primLongStr:
		if n, err = readUnsigned(v.value, v.pos+1, 4); err != nil {
			return nil, err
		}
		start = v.pos + 5
	default:
		return nil, ErrMalformed()
	}
	if start+n > len(v.value) {
		return nil, ErrMalformed()
	}
	return v.value[start : start+n], nil
}

// UUIDBytes is a UUID value's 16 big-endian bytes.
func (v Variant) UUIDBytes() ([]byte, error) {
	if _, err := v.primitive(primUUID); err != nil {
		return nil, err
	}
	if v.pos+17 > len(v.value) {
		return nil, ErrMalformed()
	}
	return v.value[v.pos+1 : v.pos+17], nil
}

// AppendUUID appends a UUID's canonical text (java.util.UUID.toString).
func AppendUUID(dst, b []byte) []byte {
	const hex = "0123456789abcdef"
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, hex[x>>4], hex[x&15])
	}
	return dst
}

type objectInfo struct {
	size, idSize, offSize, idStart, offStart, dataStart int
}

// object decodes an object's header; the id and offset lists are checked to lie within
// the buffer.
func (v Variant) object() (objectInfo, error) {
	basic, info, err := v.header()
	if err != nil {
		return objectInfo{}, err
	}
	if basic != basicObject {
		return objectInfo{}, ErrMalformed()
	}
	sizeBytes := 1
	if info>>4&1 != 0 {
		sizeBytes = 4
	}
	size, err := readUnsigned(v.value, v.pos+1, sizeBytes)
	if err != nil {
		return objectInfo{}, err
	}
	o := objectInfo{size: size, idSize: info>>2&3 + 1, offSize: info&3 + 1}
	o.idStart = v.pos + 1 + sizeBytes
	o.offStart = o.idStart + size*o.idSize
	o.dataStart = o.offStart + (size+1)*o.offSize
	if o.dataStart > len(v.value) {
		return objectInfo{}, ErrMalformed()
	}
	return o, nil
}

type arrayInfo struct {
	size, offSize, offStart, dataStart int
}

func (v Variant) array() (arrayInfo, error) {
	basic, info, err := v.header()
	if err != nil {
		return arrayInfo{}, err
	}
	if basic != basicArray {
		return arrayInfo{}, ErrMalformed()
	}
	sizeBytes := 1
	if info>>2&1 != 0 {
		sizeBytes = 4
	}
	size, err := readUnsigned(v.value, v.pos+1, sizeBytes)
	if err != nil {
		return arrayInfo{}, err
	}
	a := arrayInfo{size: size, offSize: info&3 + 1}
	a.offStart = v.pos + 1 + sizeBytes
	a.dataStart = a.offStart + (size+1)*a.offSize
	if a.dataStart > len(v.value) {
		return arrayInfo{}, ErrMalformed()
	}
	return a, nil
}

// ObjectSize is the number of fields of an object.
func (v Variant) ObjectSize() (int, error) {
	o, err := v.object()
	return o.size, err
}

// FieldAt is the i-th field of an object (in key order), 0 <= i < ObjectSize.
func (v Variant) FieldAt(i int) (key []byte, value Variant, err error) {
	o, err := v.object()
	if err != nil {
		return nil, Variant{}, err
	}
	return v.fieldAt(o, i)
}

func (v Variant) fieldAt(o objectInfo, i int) ([]byte, Variant, error) {
	if i < 0 || i >= o.size {
		return nil, Variant{}, ErrMalformed()
	}
	id, err := readUnsigned(v.value, o.idStart+o.idSize*i, o.idSize)
	if err != nil {
		return nil, Variant{}, err
	}
	off, err := readUnsigned(v.value, o.offStart+o.offSize*i, o.offSize)
	if err != nil {
		return nil, Variant{}, err
	}
	key, err := MetadataKey(v.meta, id)
	if err != nil {
		return nil, Variant{}, err
	}
	return key, Variant{value: v.value, meta: v.meta, pos: o.dataStart + off}, nil
}

// FieldID is the dictionary id of the i-th field of an object.
func (v Variant) FieldID(i int) (int, error) {
	o, err := v.object()
	if err != nil {
		return 0, err
	}
	if i < 0 || i >= o.size {
		return 0, ErrMalformed()
	}
	return readUnsigned(v.value, o.idStart+o.idSize*i, o.idSize)
}

// Field finds an object's field by key (Variant.getFieldByKey): ok is false when the
// object has no such key.
func (v Variant) Field(key []byte) (value Variant, ok bool, err error) {
	o, err := v.object()
	if err != nil {
		return Variant{}, false, err
	}
	if o.size < 32 {
		for i := 0; i < o.size; i++ {
			k, fv, err := v.fieldAt(o, i)
			if err != nil {
				return Variant{}, false, err
			}
			if string(k) == string(key) {
				return fv, true, nil
			}
		}
		return Variant{}, false, nil
	}
	lo, hi := 0, o.size-1
	for lo <= hi {
		mid := int(uint(lo+hi) >> 1)
		k, fv, err := v.fieldAt(o, mid)
		if err != nil {
			return Variant{}, false, err
		}
		switch c := CompareKeys(k, key); {
		case c < 0:
			lo = mid + 1
		case c > 0:
			hi = mid - 1
		default:
			return fv, true, nil
		}
	}
	return Variant{}, false, nil
}

// ArraySize is the number of elements of an array.
func (v Variant) ArraySize() (int, error) {
	a, err := v.array()
	return a.size, err
}

// Elem is the i-th element of an array; ok is false when i is out of range.
func (v Variant) Elem(i int) (Variant, bool, error) {
	a, err := v.array()
	if err != nil {
		return Variant{}, false, err
	}
	if i < 0 || i >= a.size {
		return Variant{}, false, nil
	}
	off, err := readUnsigned(v.value, a.offStart+a.offSize*i, a.offSize)
	if err != nil {
		return Variant{}, false, err
	}
	return Variant{value: v.value, meta: v.meta, pos: a.dataStart + off}, true, nil
}

// MetadataKey is the key with dictionary id id.
func MetadataKey(meta []byte, id int) ([]byte, error) {
	if len(meta) == 0 {
		return nil, ErrMalformed()
	}
	offSize := int(meta[0]>>6&3) + 1
	dictSize, err := readUnsigned(meta, 1, offSize)
	if err != nil {
		return nil, err
	}
	if id < 0 || id >= dictSize {
		return nil, ErrMalformed()
	}
	strStart := 1 + (dictSize+2)*offSize
	off, err := readUnsigned(meta, 1+(id+1)*offSize, offSize)
	if err != nil {
		return nil, err
	}
	next, err := readUnsigned(meta, 1+(id+2)*offSize, offSize)
	if err != nil {
		return nil, err
	}
	if off > next || strStart+next > len(meta) {
		return nil, ErrMalformed()
	}
	return meta[strStart+off : strStart+next], nil
}

// CompareKeys orders two UTF-8 keys as Java's String.compareTo orders them: by UTF-16
// code units, which differs from byte order only between supplementary characters and
// those from U+E000 to U+FFFF.
func CompareKeys(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		switch {
		case len(a) < len(b):
			return -1
		case len(a) > len(b):
			return 1
		}
		return 0
	}
	// Back up to the start of the character holding the first difference.
	for i > 0 && !utf8.RuneStart(a[i]) {
		i--
	}
	ra, _ := utf8.DecodeRune(a[i:])
	rb, _ := utf8.DecodeRune(b[i:])
	ua, ub := utf16Lead(ra), utf16Lead(rb)
	if ua != ub {
		return int(ua) - int(ub)
	}
	return int(ra) - int(rb)
}

func utf16Lead(r rune) rune {
	if r >= 0x10000 {
		hi, _ := utf16.EncodeRune(r)
		return hi
	}
	return r
}

// Budget bounds the parts a traversal of one value visits. The parts of a well-formed
// value do not overlap, so there are at most as many as the value has bytes; a value
// whose offsets make parts share bytes could make a traversal exponential, and is
// MALFORMED_VARIANT once it exceeds the budget.
type Budget struct{ left int }

// NewBudget is the budget of a traversal of v.
func NewBudget(v Variant) *Budget { return &Budget{left: len(v.value) - v.pos + 1} }

// Visit counts one part.
func (b *Budget) Visit() error {
	b.left--
	if b.left < 0 {
		return ErrMalformed()
	}
	return nil
}

// CheckLayout visits every object and array of v within its budget.
func CheckLayout(v Variant) error {
	return checkLayout(v, NewBudget(v))
}

func checkLayout(v Variant, b *Budget) error {
	if err := b.Visit(); err != nil {
		return err
	}
	basic, _, err := v.header()
	if err != nil {
		return err
	}
	switch basic {
	case basicObject:
		o, err := v.object()
		if err != nil {
			return err
		}
		for i := 0; i < o.size; i++ {
			_, fv, err := v.fieldAt(o, i)
			if err != nil {
				return err
			}
			if err := checkLayout(fv, b); err != nil {
				return err
			}
		}
	case basicArray:
		a, err := v.array()
		if err != nil {
			return err
		}
		for i := 0; i < a.size; i++ {
			off, err := readUnsigned(v.value, a.offStart+a.offSize*i, a.offSize)
			if err != nil {
				return err
			}
			if err := checkLayout(Variant{value: v.value, meta: v.meta, pos: a.dataStart + off}, b); err != nil {
				return err
			}
		}
	}
	return nil
}
