package aggregate

import (
	"bytes"
	"encoding/binary"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"

	"github.com/sailgo/sail/sql/sparkerror"
)

// SortField says how one column is ordered in the row format.
type SortField struct {
	Type       arrow.DataType
	Descending bool
	NullsFirst bool
}

// RowEncoder turns the values of several columns into one byte string per row such that
// comparing two rows' bytes (bytes.Compare) orders them as Spark orders the columns, and
// equal values (including NULLs, NaNs, and -0.0 with 0.0) give equal bytes. Sort uses it for
// keys and merges; grouping, joins and hash partitioning use it (all ascending) as a
// canonical key.
//
// Layout of one column: a marker byte (0x01 for a value; 0x00 for NULL when nulls sort
// first, 0xFF when they sort last), then the payload: fixed-width values big-endian with
// the sign bit flipped (floats by their IEEE order trick, NaN above +Inf), strings and
// binaries with 0x00 escaped as 0x00 0xFF and terminated by 0x00 0x00, structs as their
// fields (ascending, nulls first), arrays as 0x01+element per element then 0x00. Descending
// columns have their payload bytes inverted. Maps encode as their list of (key, value)
// entries in stored order: Spark does not order maps (the analyzer rejects them as sort
// keys), and grouping, DISTINCT and partitioning first sort each map's entries by key
// (the planner's map_sort), so equal maps give equal bytes.
type RowEncoder struct {
	fields []SortField
	widths []int // payload width of each field, -1 when variable
	width  int   // bytes per row when every field is fixed width, else -1
	nested [][]byte
	noffs  [][]int32
	pos    []int32 // write cursors, one per row
}

// NewRowEncoder checks the field types.
func NewRowEncoder(fields []SortField) (*RowEncoder, error) {
	e := &RowEncoder{fields: fields, widths: make([]int, len(fields))}
	for i, f := range fields {
		if err := checkOrderable(f.Type); err != nil {
			return nil, err
		}
		w := payloadWidth(f.Type)
		e.widths[i] = w
		if w < 0 {
			e.width = -1
		} else if e.width >= 0 {
			e.width += 1 + w
		}
	}
	e.nested = make([][]byte, len(fields))
	e.noffs = make([][]int32, len(fields))
	return e, nil
}

// Width is the byte length of every row when all fields are fixed width, else -1.
func (e *RowEncoder) Width() int { return e.width }

// Fields returns the encoder's fields.
func (e *RowEncoder) Fields() []SortField { return e.fields }

// Rows is a batch of encoded rows.
type Rows struct {
	Data    []byte
	Offsets []int32 // n+1 offsets into Data, when Width < 0
	Width   int
	N       int
}

// Row returns row i's bytes.
func (r *Rows) Row(i int) []byte {
	if r.Width >= 0 {
		return r.Data[i*r.Width : (i+1)*r.Width]
	}
	return r.Data[r.Offsets[i]:r.Offsets[i+1]]
}

// Size is the memory the rows hold.
func (r *Rows) Size() int64 { return int64(cap(r.Data) + 4*cap(r.Offsets)) }

// Clone copies the rows (the encoder reuses its buffers).
func (r *Rows) Clone() *Rows {
	return &Rows{Data: bytes.Clone(r.Data), Offsets: append([]int32(nil), r.Offsets...), Width: r.Width, N: r.N}
}

func checkOrderable(dt arrow.DataType) error {
	switch dt.ID() {
	case arrow.NULL, arrow.BOOL, arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64,
		arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64, arrow.FLOAT32, arrow.FLOAT64,
		arrow.DATE32, arrow.DATE64, arrow.TIME32, arrow.TIME64, arrow.TIMESTAMP, arrow.DURATION,
		arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.INTERVAL_MONTH_DAY_NANO,
		arrow.DECIMAL128, arrow.FIXED_SIZE_BINARY, arrow.STRING, arrow.BINARY,
		arrow.LARGE_STRING, arrow.LARGE_BINARY:
		return nil
	case arrow.STRUCT:
		for _, f := range dt.(*arrow.StructType).Fields() {
			if err := checkOrderable(f.Type); err != nil {
				return err
			}
		}
		return nil
	case arrow.LIST, arrow.LARGE_LIST, arrow.FIXED_SIZE_LIST, arrow.MAP:
		return checkOrderable(dt.(arrow.ListLikeType).Elem())
	}
	return sparkerror.NotImplemented("ordering, grouping or joining on values of Arrow type " + dt.String())
}

// CheckKeyType reports whether values of dt can be sort, group, join or partition keys.
func CheckKeyType(dt arrow.DataType) error { return checkOrderable(dt) }

func payloadWidth(dt arrow.DataType) int {
	switch dt.ID() {
	case arrow.NULL:
		return 0
	case arrow.BOOL:
		return 1
	case arrow.STRING, arrow.BINARY, arrow.LARGE_STRING, arrow.LARGE_BINARY, arrow.STRUCT,
		arrow.LIST, arrow.LARGE_LIST, arrow.FIXED_SIZE_LIST, arrow.MAP:
		return -1
	}
	return byteWidth(dt)
}

// Encode encodes n rows of cols (one array per field) into r, reusing r's buffers. An
// encoder is not safe for concurrent use.
func (e *RowEncoder) Encode(cols []arrow.Array, n int, r *Rows) {
	r.N = n
	r.Width = e.width
	e.pos = resize(e.pos, n)
	pos := e.pos
	if e.width >= 0 {
		r.Offsets = r.Offsets[:0]
		r.Data = resize(r.Data, n*e.width)
		for i := range pos {
			pos[i] = int32(i * e.width)
		}
	} else {
		r.Offsets = resize(r.Offsets, n+1)
		lens := r.Offsets[1:]
		fixed := 0
		for _, w := range e.widths {
			if w >= 0 {
				fixed += 1 + w
			}
		}
		for i := range lens {
			lens[i] = int32(fixed)
		}
		for f, w := range e.widths {
			if w < 0 {
				e.addVarLengths(f, cols[f], lens)
			}
		}
		r.Offsets[0] = 0
		for i := 1; i <= n; i++ {
			r.Offsets[i] += r.Offsets[i-1]
		}
		r.Data = resize(r.Data, int(r.Offsets[n]))
		copy(pos, r.Offsets[:n])
	}
	for f, fld := range e.fields {
		e.writeField(f, fld, cols[f], r.Data, pos)
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// addVarLengths adds each row's encoded length of a variable-width field to lens; nested
// values are encoded now into e.nested[f].
func (e *RowEncoder) addVarLengths(f int, col arrow.Array, lens []int32) {
	bits, off := validity(col)
	switch col.DataType().ID() {
	case arrow.STRING, arrow.BINARY:
		offs, data := varOffsets(col)
		for i := range lens {
			if !isValid(bits, off, i) {
				lens[i]++
				continue
			}
			s := data[offs[i]:offs[i+1]]
			lens[i] += int32(1 + len(s) + bytes.Count(s, zero) + 2)
		}
	case arrow.LARGE_STRING, arrow.LARGE_BINARY:
		offs, data := varOffsets64(col)
		for i := range lens {
			if !isValid(bits, off, i) {
				lens[i]++
				continue
			}
			s := data[offs[i]:offs[i+1]]
			lens[i] += int32(1 + len(s) + bytes.Count(s, zero) + 2)
		}
	default: // nested
		buf := e.nested[f][:0]
		noffs := resize(e.noffs[f], len(lens)+1)
		noffs[0] = 0
		for i := range lens {
			if isValid(bits, off, i) {
				buf = appendPayload(buf, col, i)
			}
			noffs[i+1] = int32(len(buf))
			lens[i] += 1 + noffs[i+1] - noffs[i]
		}
		e.nested[f], e.noffs[f] = buf, noffs
	}
}

var zero = []byte{0}

func (e *RowEncoder) writeField(f int, fld SortField, col arrow.Array, data []byte, pos []int32) {
	nullMark := byte(0xFF)
	if fld.NullsFirst {
		nullMark = 0
	}
	desc := fld.Descending
	if col.DataType().ID() == arrow.NULL {
		for i := range pos {
			data[pos[i]] = nullMark
			pos[i]++
		}
		return
	}
	bits, off := validity(col)
	switch col.DataType().ID() {
	case arrow.INT8:
		writeInts(fixedValues[int8](col), 1, true, bits, off, nullMark, desc, data, pos)
	case arrow.INT16:
		writeInts(fixedValues[int16](col), 2, true, bits, off, nullMark, desc, data, pos)
	case arrow.INT32, arrow.DATE32, arrow.TIME32, arrow.INTERVAL_MONTHS:
		writeInts(fixedValues[int32](col), 4, true, bits, off, nullMark, desc, data, pos)
	case arrow.INT64, arrow.DATE64, arrow.TIME64, arrow.TIMESTAMP, arrow.DURATION:
		writeInts(fixedValues[int64](col), 8, true, bits, off, nullMark, desc, data, pos)
	case arrow.UINT8:
		writeInts(fixedValues[uint8](col), 1, false, bits, off, nullMark, desc, data, pos)
	case arrow.UINT16:
		writeInts(fixedValues[uint16](col), 2, false, bits, off, nullMark, desc, data, pos)
	case arrow.UINT32:
		writeInts(fixedValues[uint32](col), 4, false, bits, off, nullMark, desc, data, pos)
	case arrow.UINT64:
		writeInts(fixedValues[uint64](col), 8, false, bits, off, nullMark, desc, data, pos)
	case arrow.FLOAT32:
		vals := fixedValues[float32](col)
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				writeNull(data, p, 4, nullMark)
			} else {
				data[p] = 1
				u := Float32Key(vals[i])
				if desc {
					u = ^u
				}
				binary.BigEndian.PutUint32(data[p+1:], u)
			}
			pos[i] = p + 5
		}
	case arrow.FLOAT64:
		vals := fixedValues[float64](col)
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				writeNull(data, p, 8, nullMark)
			} else {
				data[p] = 1
				u := Float64Key(vals[i])
				if desc {
					u = ^u
				}
				binary.BigEndian.PutUint64(data[p+1:], u)
			}
			pos[i] = p + 9
		}
	case arrow.BOOL:
		vb, voff := boolBits(col)
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				writeNull(data, p, 1, nullMark)
			} else {
				data[p] = 1
				var v byte
				if bitutil.BitIsSet(vb, voff+i) {
					v = 1
				}
				if desc {
					v = ^v
				}
				data[p+1] = v
			}
			pos[i] = p + 2
		}
	case arrow.DECIMAL128, arrow.INTERVAL_MONTH_DAY_NANO, arrow.INTERVAL_DAY_TIME, arrow.FIXED_SIZE_BINARY:
		w := e.widths[f]
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				writeNull(data, p, w, nullMark)
			} else {
				data[p] = 1
				end := int(p) + 1 + w
				putFixedPayload(data[p+1:end], col, i)
				if desc {
					invert(data[p+1 : end])
				}
			}
			pos[i] = p + 1 + int32(w)
		}
	case arrow.STRING, arrow.BINARY:
		offs, vdata := varOffsets(col)
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				data[p] = nullMark
				pos[i] = p + 1
				continue
			}
			data[p] = 1
			end := int(p) + 1 + escape(data[p+1:], vdata[offs[i]:offs[i+1]])
			if desc {
				invert(data[p+1 : end])
			}
			pos[i] = int32(end)
		}
	case arrow.LARGE_STRING, arrow.LARGE_BINARY:
		offs, vdata := varOffsets64(col)
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				data[p] = nullMark
				pos[i] = p + 1
				continue
			}
			data[p] = 1
			end := int(p) + 1 + escape(data[p+1:], vdata[offs[i]:offs[i+1]])
			if desc {
				invert(data[p+1 : end])
			}
			pos[i] = int32(end)
		}
	default: // nested, encoded by addVarLengths
		nb, noffs := e.nested[f], e.noffs[f]
		for i := range pos {
			p := pos[i]
			if !isValid(bits, off, i) {
				data[p] = nullMark
				pos[i] = p + 1
				continue
			}
			data[p] = 1
			n := copy(data[p+1:], nb[noffs[i]:noffs[i+1]])
			if desc {
				invert(data[p+1 : int(p)+1+n])
			}
			pos[i] = p + 1 + int32(n)
		}
	}
}

func writeNull(data []byte, p int32, w int, mark byte) {
	data[p] = mark
	clear(data[p+1 : int(p)+1+w])
}

func invert(b []byte) {
	for i := range b {
		b[i] = ^b[i]
	}
}

type integer interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

func writeInts[T integer](vals []T, w int, signed bool, bits []byte, off int, nullMark byte, desc bool, data []byte, pos []int32) {
	var flip uint64
	if signed {
		flip = 1 << (8*w - 1)
	}
	if desc {
		flip = ^flip
	}
	for i, v := range vals {
		p := pos[i]
		if bits != nil && !bitutil.BitIsSet(bits, off+i) {
			writeNull(data, p, w, nullMark)
		} else {
			data[p] = 1
			u := uint64(v) ^ flip
			d := data[p+1:]
			switch w {
			case 1:
				d[0] = byte(u)
			case 2:
				binary.BigEndian.PutUint16(d, uint16(u))
			case 4:
				binary.BigEndian.PutUint32(d, uint32(u))
			default:
				binary.BigEndian.PutUint64(d, u)
			}
		}
		pos[i] = p + 1 + int32(w)
	}
}

// Float64Key maps a double to an unsigned integer in Spark's order: -Inf < ... < -0.0 ==
// 0.0 < ... < +Inf < NaN (every NaN equal).
func Float64Key(v float64) uint64 {
	if v != v {
		return 0xFFF8000000000000 // canonical NaN 0x7FF8... with the sign bit set
	}
	if v == 0 {
		return 1 << 63
	}
	b := math.Float64bits(v)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// Float32Key is Float64Key for floats.
func Float32Key(v float32) uint32 {
	if v != v {
		return 0xFFC00000
	}
	if v == 0 {
		return 1 << 31
	}
	b := math.Float32bits(v)
	if b>>31 != 0 {
		return ^b
	}
	return b | 1<<31
}

// escape writes s with 0x00 escaped and the terminator; it returns the bytes written.
func escape(dst, s []byte) int {
	n := 0
	for {
		i := bytes.IndexByte(s, 0)
		if i < 0 {
			n += copy(dst[n:], s)
			break
		}
		n += copy(dst[n:], s[:i])
		dst[n], dst[n+1] = 0, 0xFF
		n += 2
		s = s[i+1:]
	}
	dst[n], dst[n+1] = 0, 0
	return n + 2
}

// putFixedPayload writes the payload of a 16-byte or odd fixed-width value.
func putFixedPayload(d []byte, col arrow.Array, i int) {
	switch col.DataType().ID() {
	case arrow.DECIMAL128:
		v := fixedValues[[2]uint64](col)[i] // little-endian lo, hi
		binary.BigEndian.PutUint64(d, v[1]^(1<<63))
		binary.BigEndian.PutUint64(d[8:], v[0])
	case arrow.INTERVAL_MONTH_DAY_NANO:
		v := fixedValues[arrow.MonthDayNanoInterval](col)[i]
		binary.BigEndian.PutUint32(d, uint32(v.Months)^(1<<31))
		binary.BigEndian.PutUint32(d[4:], uint32(v.Days)^(1<<31))
		binary.BigEndian.PutUint64(d[8:], uint64(v.Nanoseconds)^(1<<63))
	case arrow.INTERVAL_DAY_TIME:
		v := fixedValues[arrow.DayTimeInterval](col)[i]
		binary.BigEndian.PutUint32(d, uint32(v.Days)^(1<<31))
		binary.BigEndian.PutUint32(d[4:], uint32(v.Milliseconds)^(1<<31))
	case arrow.FIXED_SIZE_BINARY:
		copy(d, col.(*array.FixedSizeBinary).Value(i))
	}
}

// appendElem appends a nested element: marker (nulls first) and payload.
func appendElem(dst []byte, arr arrow.Array, i int) []byte {
	if arr.DataType().ID() == arrow.NULL || arr.IsNull(i) {
		return append(dst, 0)
	}
	return appendPayload(append(dst, 1), arr, i)
}

// appendPayload appends the ascending payload of the valid value arr[i]; it handles every
// orderable type, one value at a time (nested values only).
func appendPayload(dst []byte, arr arrow.Array, i int) []byte {
	dt := arr.DataType()
	switch dt.ID() {
	case arrow.NULL:
		return dst
	case arrow.BOOL:
		if arr.(*array.Boolean).Value(i) {
			return append(dst, 1)
		}
		return append(dst, 0)
	case arrow.INT8:
		return append(dst, byte(fixedValues[int8](arr)[i])^0x80)
	case arrow.UINT8:
		return append(dst, fixedValues[uint8](arr)[i])
	case arrow.INT16:
		return binary.BigEndian.AppendUint16(dst, uint16(fixedValues[int16](arr)[i])^(1<<15))
	case arrow.UINT16:
		return binary.BigEndian.AppendUint16(dst, fixedValues[uint16](arr)[i])
	case arrow.INT32, arrow.DATE32, arrow.TIME32, arrow.INTERVAL_MONTHS:
		return binary.BigEndian.AppendUint32(dst, uint32(fixedValues[int32](arr)[i])^(1<<31))
	case arrow.UINT32:
		return binary.BigEndian.AppendUint32(dst, fixedValues[uint32](arr)[i])
	case arrow.INT64, arrow.DATE64, arrow.TIME64, arrow.TIMESTAMP, arrow.DURATION:
		return binary.BigEndian.AppendUint64(dst, uint64(fixedValues[int64](arr)[i])^(1<<63))
	case arrow.UINT64:
		return binary.BigEndian.AppendUint64(dst, fixedValues[uint64](arr)[i])
	case arrow.FLOAT32:
		return binary.BigEndian.AppendUint32(dst, Float32Key(fixedValues[float32](arr)[i]))
	case arrow.FLOAT64:
		return binary.BigEndian.AppendUint64(dst, Float64Key(fixedValues[float64](arr)[i]))
	case arrow.DECIMAL128, arrow.INTERVAL_MONTH_DAY_NANO, arrow.INTERVAL_DAY_TIME, arrow.FIXED_SIZE_BINARY:
		w := byteWidth(dt)
		n := len(dst)
		dst = append(dst, make([]byte, w)...)
		putFixedPayload(dst[n:], arr, i)
		return dst
	case arrow.STRING, arrow.BINARY:
		offs, data := varOffsets(arr)
		return appendEscaped(dst, data[offs[i]:offs[i+1]])
	case arrow.LARGE_STRING, arrow.LARGE_BINARY:
		offs, data := varOffsets64(arr)
		return appendEscaped(dst, data[offs[i]:offs[i+1]])
	case arrow.STRUCT:
		s := arr.(*array.Struct)
		for f := range s.NumField() {
			dst = appendElem(dst, s.Field(f), i)
		}
		return dst
	case arrow.LIST, arrow.LARGE_LIST, arrow.FIXED_SIZE_LIST, arrow.MAP:
		l := arr.(array.ListLike)
		start, end := l.ValueOffsets(i)
		values := l.ListValues()
		for j := start; j < end; j++ {
			dst = appendElem(append(dst, 1), values, int(j))
		}
		return append(dst, 0)
	}
	return dst
}

func appendEscaped(dst, s []byte) []byte {
	n := len(dst)
	dst = append(dst, make([]byte, len(s)+bytes.Count(s, zero)+2)...)
	escape(dst[n:], s)
	return dst
}
