package aggregate

import (
	"encoding/binary"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// keyEncoder encodes composite group keys of flat types for the group table, where only
// equality matters: each column is a validity byte followed by its value's raw bytes
// (fixed-width types; zeros when null) or a 4-byte length and the bytes (strings and
// binaries). Two rows encode equally exactly when every column is equal (or null in
// both), and unlike the sortable row format nothing is escaped or counted.
type keyEncoder struct {
	widths []int // per column: byte width, 0 for a boolean (one byte), -1 variable
	fixed  int   // bytes per row for the validity bytes, fixed values and lengths
	hasVar bool
	pos    []int32
}

// newKeyEncoder returns an encoder for the key types, or nil when some type is not flat.
func newKeyEncoder(types []arrow.DataType) *keyEncoder {
	e := &keyEncoder{widths: make([]int, len(types))}
	for i, dt := range types {
		switch dt.ID() {
		case arrow.BOOL:
			e.widths[i] = 0
			e.fixed += 2
		case arrow.STRING, arrow.BINARY:
			e.widths[i] = -1
			e.fixed += 5
			e.hasVar = true
		case arrow.INT8, arrow.UINT8, arrow.INT16, arrow.UINT16, arrow.INT32, arrow.UINT32, arrow.INT64,
			arrow.UINT64, arrow.FLOAT32, arrow.FLOAT64, arrow.DATE32, arrow.DATE64, arrow.TIME32, arrow.TIME64,
			arrow.TIMESTAMP, arrow.DURATION, arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.DECIMAL128,
			arrow.INTERVAL_MONTH_DAY_NANO:
			w := byteWidth(dt)
			e.widths[i] = w
			e.fixed += 1 + w
		default:
			return nil
		}
	}
	return e
}

// Encode writes the n rows of cols (floats already normalized) into r.
func (e *keyEncoder) Encode(cols []arrow.Array, n int, r *Rows) {
	r.N = n
	e.pos = resize(e.pos, n)
	pos := e.pos
	if !e.hasVar {
		r.Width = e.fixed
		r.Offsets = r.Offsets[:0]
		r.Data = resize(r.Data, n*e.fixed)
		for i := range pos {
			pos[i] = int32(i * e.fixed)
		}
	} else {
		r.Width = -1
		r.Offsets = resize(r.Offsets, n+1)
		lens := r.Offsets[1:]
		for i := range lens {
			lens[i] = int32(e.fixed)
		}
		for c, w := range e.widths {
			if w >= 0 {
				continue
			}
			offs, _ := varOffsets(cols[c])
			vb, voff := validity(cols[c])
			for i := range lens {
				if isValid(vb, voff, i) {
					lens[i] += offs[i+1] - offs[i]
				}
			}
		}
		r.Offsets[0] = 0
		for i := 1; i <= n; i++ {
			r.Offsets[i] += r.Offsets[i-1]
		}
		r.Data = resize(r.Data, int(r.Offsets[n]))
		copy(pos, r.Offsets[:n])
	}
	data := r.Data
	for c, w := range e.widths {
		col := cols[c]
		vb, voff := validity(col)
		switch {
		case w < 0:
			offs, bytes := varOffsets(col)
			for i, p := range pos {
				if !isValid(vb, voff, i) {
					data[p] = 0
					binary.LittleEndian.PutUint32(data[p+1:], 0)
					pos[i] = p + 5
					continue
				}
				s := bytes[offs[i]:offs[i+1]]
				data[p] = 1
				binary.LittleEndian.PutUint32(data[p+1:], uint32(len(s)))
				pos[i] = p + 5 + int32(copy(data[p+5:], s))
			}
		case w == 0:
			bits, off := boolBits(col)
			for i, p := range pos {
				data[p], data[p+1] = 0, 0
				if isValid(vb, voff, i) {
					data[p] = 1
					if bitutil.BitIsSet(bits, off+i) {
						data[p+1] = 1
					}
				}
				pos[i] = p + 2
			}
		default:
			d := col.Data()
			if n == 0 {
				continue
			}
			if d.Buffers()[1] == nil { // no values: every row is null
				for i, p := range pos {
					clear(data[p : p+1+int32(w)])
					pos[i] = p + 1 + int32(w)
				}
				continue
			}
			raw := d.Buffers()[1].Bytes()[d.Offset()*w:]
			for i, p := range pos {
				dst := data[p+1 : p+1+int32(w)]
				if isValid(vb, voff, i) {
					data[p] = 1
					switch w {
					case 8:
						binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(raw[i*8:]))
					case 4:
						binary.LittleEndian.PutUint32(dst, binary.LittleEndian.Uint32(raw[i*4:]))
					default:
						copy(dst, raw[i*w:(i+1)*w])
					}
				} else {
					data[p] = 0
					clear(dst)
				}
				pos[i] = p + 1 + int32(w)
			}
		}
	}
}
