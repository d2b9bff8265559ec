package aggregate

import (
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Low-level access to Arrow buffers for the typed loops of this package and of physical.

// fixedValues returns the values buffer of a fixed-width array as []T, offset applied.
func fixedValues[T any](arr arrow.Array) []T {
	d := arr.Data()
	bufs := d.Buffers()
	if len(bufs) < 2 || bufs[1] == nil || d.Len() == 0 {
		return nil
	}
	b := bufs[1].Bytes()
	var z T
	size := int(unsafe.Sizeof(z))
	all := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/size)
	return all[d.Offset() : d.Offset()+d.Len()]
}

// validity returns the validity bitmap and its bit offset, or nil when every value is valid.
// Arrays of the null type have no bitmap; callers test for them first.
func validity(arr arrow.Array) ([]byte, int) {
	if arr.NullN() == 0 {
		return nil, 0
	}
	d := arr.Data()
	b := d.Buffers()[0]
	if b == nil {
		return nil, 0
	}
	return b.Bytes(), d.Offset()
}

// isValid reads a bitmap from validity (nil = valid).
func isValid(bits []byte, off, i int) bool {
	return bits == nil || bitutil.BitIsSet(bits, off+i)
}

// boolBits returns the data bitmap of a boolean array and its bit offset.
func boolBits(arr arrow.Array) ([]byte, int) {
	d := arr.Data()
	b := d.Buffers()[1]
	if b == nil {
		return nil, 0
	}
	return b.Bytes(), d.Offset()
}

// varOffsets returns the int32 offsets (len n+1) and data of a string or binary array.
func varOffsets(arr arrow.Array) ([]int32, []byte) {
	d := arr.Data()
	bufs := d.Buffers()
	var data []byte
	if bufs[2] != nil {
		data = bufs[2].Bytes()
	}
	if bufs[1] == nil {
		return make([]int32, d.Len()+1), data
	}
	b := bufs[1].Bytes()
	all := unsafe.Slice((*int32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)
	return all[d.Offset() : d.Offset()+d.Len()+1], data
}

// varOffsets64 is varOffsets for large_utf8 and large_binary.
func varOffsets64(arr arrow.Array) ([]int64, []byte) {
	d := arr.Data()
	bufs := d.Buffers()
	var data []byte
	if bufs[2] != nil {
		data = bufs[2].Bytes()
	}
	if bufs[1] == nil {
		return make([]int64, d.Len()+1), data
	}
	b := bufs[1].Bytes()
	all := unsafe.Slice((*int64)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/8)
	return all[d.Offset() : d.Offset()+d.Len()+1], data
}

// asBytes views a slice of fixed-size values as bytes (sharing memory).
func asBytes[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

// newBitmap returns a zeroed bitmap for n bits.
func newBitmap(n int) []byte { return make([]byte, bitutil.BytesForBits(int64(n))) }

// buf wraps Go memory in an Arrow buffer (nil for a nil slice).
func buf(b []byte) *memory.Buffer {
	if b == nil {
		return nil
	}
	return memory.NewBufferBytes(b)
}

// byteWidth is the size of one value of a fixed-width type, or -1.
func byteWidth(dt arrow.DataType) int {
	switch dt.ID() {
	case arrow.INT8, arrow.UINT8:
		return 1
	case arrow.INT16, arrow.UINT16, arrow.FLOAT16:
		return 2
	case arrow.INT32, arrow.UINT32, arrow.FLOAT32, arrow.DATE32, arrow.TIME32, arrow.INTERVAL_MONTHS:
		return 4
	case arrow.INT64, arrow.UINT64, arrow.FLOAT64, arrow.DATE64, arrow.TIME64, arrow.TIMESTAMP,
		arrow.DURATION, arrow.INTERVAL_DAY_TIME:
		return 8
	case arrow.DECIMAL128, arrow.INTERVAL_MONTH_DAY_NANO:
		return 16
	case arrow.DECIMAL256:
		return 32
	case arrow.FIXED_SIZE_BINARY:
		return dt.(*arrow.FixedSizeBinaryType).ByteWidth
	}
	return -1
}
