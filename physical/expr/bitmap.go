package expr

import (
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// The bitmap functions (Spark's BitmapExpressionUtils): a bitmap is 4096 bytes = 32768
// bits; bitmap_bucket_number and bitmap_bit_position split a BIGINT into its bucket and
// the position in the bucket's bitmap, bitmap_count counts the set bits of a BINARY.

// BitmapNumBytes is the size of a bitmap; BitmapNumBits its number of bits.
const (
	BitmapNumBytes = 4 * 1024
	BitmapNumBits  = 8 * BitmapNumBytes
)

func bitmapBucketNumber(v int64) int64 {
	if v > 0 {
		return 1 + (v-1)/BitmapNumBits
	}
	return v / BitmapNumBits
}

func bitmapBitPosition(v int64) int64 {
	if v > 0 {
		return (v - 1) % BitmapNumBits
	}
	// As Java: -MinInt64 stays negative, and % keeps the dividend's sign.
	return (-v) % BitmapNumBits
}

func init() {
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("bitmap_bucket_number", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("bitmap_bucket_number", args, types.Long, false, mapK(arrow.PrimitiveTypes.Int64, bitmapBucketNumber))
	}, "bitmap_bucket_number")
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("bitmap_bit_position", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("bitmap_bit_position", args, types.Long, false, mapK(arrow.PrimitiveTypes.Int64, bitmapBitPosition))
	}, "bitmap_bit_position")
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("bitmap_count", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("bitmap_count", args, types.Long, false, fixedRowK(arrow.PrimitiveTypes.Int64, func(i int, a []argv) (int64, bool, error) {
			return BitmapCount(a[0].str(i)), true, nil
		}))
	}, "bitmap_count")
}

// BitmapCount counts the set bits of a bitmap.
func BitmapCount(b []byte) int64 {
	n := 0
	for len(b) >= 8 {
		n += bits.OnesCount64(uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56)
		b = b[8:]
	}
	for _, c := range b {
		n += bits.OnesCount8(c)
	}
	return int64(n)
}
