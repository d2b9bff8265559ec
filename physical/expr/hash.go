package expr

import (
	"encoding/binary"
	"math"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// hash(...) and xxhash64(...): Spark's Murmur3Hash (32-bit murmur3 x86 with Spark's own
// treatment of the trailing bytes) and XxHash64, both seeded with 42. The arguments are
// folded left to right: each value's hash seeds the next, NULL leaves the running hash as
// it is, arrays, maps and structs fold their elements (a map its keys and values in turn).
// Booleans hash as the int 0 or 1, bytes and shorts as ints, floats and doubles by their
// bits with -0.0 as 0, decimals of precision <= 18 by their unscaled long and wider ones
// by the big-endian two's complement bytes of the unscaled value.

// hasher is one of the two hash families; the running hash is kept as a uint64 (murmur3
// uses its low 32 bits).
type hasher interface {
	int32(v int32, seed uint64) uint64
	int64(v int64, seed uint64) uint64
	bytes(b []byte, seed uint64) uint64
}

type murmur3Hasher struct{}

const (
	murmurC1 = 0xcc9e2d51
	murmurC2 = 0x1b873593
)

func murmurMixK1(k uint32) uint32 {
	k *= murmurC1
	k = bits.RotateLeft32(k, 15)
	return k * murmurC2
}

func murmurMixH1(h, k uint32) uint32 {
	h ^= k
	h = bits.RotateLeft32(h, 13)
	return h*5 + 0xe6546b64
}

func murmurFmix(h uint32, n uint32) uint32 {
	h ^= n
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// murmurWiden keeps a 32-bit hash as Spark does when it passes an Int hash on as a Long seed.
func murmurWiden(h uint32) uint64 { return uint64(int64(int32(h))) }

func (murmur3Hasher) int32(v int32, seed uint64) uint64 {
	h := murmurMixH1(uint32(seed), murmurMixK1(uint32(v)))
	return murmurWiden(murmurFmix(h, 4))
}

func (murmur3Hasher) int64(v int64, seed uint64) uint64 {
	h := murmurMixH1(uint32(seed), murmurMixK1(uint32(v)))
	h = murmurMixH1(h, murmurMixK1(uint32(uint64(v)>>32)))
	return murmurWiden(murmurFmix(h, 8))
}

// bytes is Spark's hashUnsafeBytes: whole little-endian words, then each trailing byte
// (sign-extended) mixed in as a word of its own.
func (murmur3Hasher) bytes(b []byte, seed uint64) uint64 {
	h := uint32(seed)
	n := len(b)
	aligned := n - n%4
	for i := 0; i < aligned; i += 4 {
		h = murmurMixH1(h, murmurMixK1(binary.LittleEndian.Uint32(b[i:])))
	}
	for i := aligned; i < n; i++ {
		h = murmurMixH1(h, murmurMixK1(uint32(int32(int8(b[i])))))
	}
	return murmurWiden(murmurFmix(h, uint32(n)))
}

type xxhash64Hasher struct{}

func (xxhash64Hasher) int32(v int32, seed uint64) uint64 {
	var buf [4]byte
	binary.LittleEndian.PutUint32(buf[:], uint32(v))
	return xxhash64Hasher{}.bytes(buf[:], seed)
}

func (xxhash64Hasher) int64(v int64, seed uint64) uint64 {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], uint64(v))
	return xxhash64Hasher{}.bytes(buf[:], seed)
}

const (
	xxP1 uint64 = 0x9E3779B185EBCA87
	xxP2 uint64 = 0xC2B2AE3D27D4EB4F
	xxP3 uint64 = 0x165667B19E3779F9
	xxP4 uint64 = 0x85EBCA77C2B2AE63
	xxP5 uint64 = 0x27D4EB2F165667C5
)

func xxRound(acc, in uint64) uint64 {
	acc += in * xxP2
	acc = bits.RotateLeft64(acc, 31)
	return acc * xxP1
}

func xxMerge(acc, v uint64) uint64 {
	acc ^= xxRound(0, v)
	return acc*xxP1 + xxP4
}

// bytes is standard XXH64, which Spark's XXH64 (hashInt and hashLong included) equals.
func (xxhash64Hasher) bytes(b []byte, seed uint64) uint64 {
	n := len(b)
	var h uint64
	if n >= 32 {
		v1, v2, v3, v4 := seed+xxP1+xxP2, seed+xxP2, seed, seed-xxP1
		for len(b) >= 32 {
			v1 = xxRound(v1, binary.LittleEndian.Uint64(b[0:]))
			v2 = xxRound(v2, binary.LittleEndian.Uint64(b[8:]))
			v3 = xxRound(v3, binary.LittleEndian.Uint64(b[16:]))
			v4 = xxRound(v4, binary.LittleEndian.Uint64(b[24:]))
			b = b[32:]
		}
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) + bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = xxMerge(h, v1)
		h = xxMerge(h, v2)
		h = xxMerge(h, v3)
		h = xxMerge(h, v4)
	} else {
		h = seed + xxP5
	}
	h += uint64(n)
	for len(b) >= 8 {
		h ^= xxRound(0, binary.LittleEndian.Uint64(b))
		h = bits.RotateLeft64(h, 27)*xxP1 + xxP4
		b = b[8:]
	}
	if len(b) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(b)) * xxP1
		h = bits.RotateLeft64(h, 23)*xxP2 + xxP3
		b = b[4:]
	}
	for _, c := range b {
		h ^= uint64(c) * xxP5
		h = bits.RotateLeft64(h, 11) * xxP1
	}
	h ^= h >> 33
	h *= xxP2
	h ^= h >> 29
	h *= xxP3
	h ^= h >> 32
	return h
}

func floatBits(f float32) int32 {
	if f == 0 {
		return 0 // -0.0 hashes as 0
	}
	if f != f {
		return 0x7fc00000 // Java's canonical NaN
	}
	return int32(math.Float32bits(f))
}

func doubleBits(f float64) int64 {
	if f == 0 {
		return 0
	}
	if f != f {
		return 0x7ff8000000000000
	}
	return int64(math.Float64bits(f))
}

// decimalBytes is java.math.BigInteger.toByteArray of the unscaled value: big-endian two's
// complement in the fewest bytes.
func decimalBytes(v decimal128.Num, buf *[16]byte) []byte {
	binary.BigEndian.PutUint64(buf[:8], uint64(v.HighBits()))
	binary.BigEndian.PutUint64(buf[8:], v.LowBits())
	b := buf[:]
	for len(b) > 1 && ((b[0] == 0 && b[1]&0x80 == 0) || (b[0] == 0xff && b[1]&0x80 != 0)) {
		b = b[1:]
	}
	return b
}

// hashColumn folds the n rows of a into the running hashes h.
func hashColumn(hf hasher, a arrow.Array, h []uint64) error {
	valid := validity(a)
	ok := func(i int) bool { return valid == nil || valid.get(i) }
	switch a.DataType().ID() {
	case arrow.NULL:
		return nil
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		for i, v := range fixedValues[int32](a) {
			if ok(i) {
				h[i] = hf.int32(v, h[i])
			}
		}
		return nil
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
		for i, v := range fixedValues[int64](a) {
			if ok(i) {
				h[i] = hf.int64(v, h[i])
			}
		}
		return nil
	case arrow.STRING, arrow.BINARY:
		v := viewVar(a)
		for i := range h {
			if ok(i) {
				h[i] = hf.bytes(v.at(i), h[i])
			}
		}
		return nil
	}
	for i := range h {
		if !ok(i) {
			continue
		}
		r, err := hashValue(hf, a, i, h[i])
		if err != nil {
			return err
		}
		h[i] = r
	}
	return nil
}

// hashValue hashes the (non-null) value at row i of a with seed.
func hashValue(hf hasher, a arrow.Array, i int, seed uint64) (uint64, error) {
	switch x := a.(type) {
	case *array.Boolean:
		v := int32(0)
		if x.Value(i) {
			v = 1
		}
		return hf.int32(v, seed), nil
	case *array.Int8:
		return hf.int32(int32(x.Value(i)), seed), nil
	case *array.Int16:
		return hf.int32(int32(x.Value(i)), seed), nil
	case *array.Int32:
		return hf.int32(x.Value(i), seed), nil
	case *array.Date32:
		return hf.int32(int32(x.Value(i)), seed), nil
	case *array.MonthInterval:
		return hf.int32(int32(x.Value(i)), seed), nil
	case *array.Int64:
		return hf.int64(x.Value(i), seed), nil
	case *array.Timestamp:
		return hf.int64(int64(x.Value(i)), seed), nil
	case *array.Duration:
		return hf.int64(int64(x.Value(i)), seed), nil
	case *array.Time64:
		// TIME keeps nanoseconds; Spark hashes the microseconds of the day.
		return hf.int64(int64(x.Value(i))/1000, seed), nil
	case *array.Float32:
		return hf.int32(floatBits(x.Value(i)), seed), nil
	case *array.Float64:
		return hf.int64(doubleBits(x.Value(i)), seed), nil
	case *array.Decimal128:
		v := x.Value(i)
		if x.DataType().(*arrow.Decimal128Type).Precision <= 18 {
			return hf.int64(int64(v.LowBits()), seed), nil
		}
		var buf [16]byte
		return hf.bytes(decimalBytes(v, &buf), seed), nil
	case *array.MonthDayNanoInterval:
		v := x.Value(i)
		return hf.int32(v.Months, hf.int32(v.Days, hf.int64(v.Nanoseconds/1000, seed))), nil
	case *array.String, *array.Binary:
		return hf.bytes(viewVar(a).at(i), seed), nil
	case *array.LargeString:
		return hf.bytes([]byte(x.Value(i)), seed), nil
	case *array.LargeBinary:
		return hf.bytes(x.Value(i), seed), nil
	case *array.Map:
		start, end := x.ValueOffsets(i)
		keys, items := x.Keys(), x.Items()
		var err error
		for j := int(start); j < int(end); j++ {
			if keys.IsValid(j) {
				if seed, err = hashValue(hf, keys, j, seed); err != nil {
					return 0, err
				}
			}
			if items.IsValid(j) {
				if seed, err = hashValue(hf, items, j, seed); err != nil {
					return 0, err
				}
			}
		}
		return seed, nil
	case *array.List:
		start, end := x.ValueOffsets(i)
		elems := x.ListValues()
		var err error
		for j := int(start); j < int(end); j++ {
			if elems.IsValid(j) {
				if seed, err = hashValue(hf, elems, j, seed); err != nil {
					return 0, err
				}
			}
		}
		return seed, nil
	case *array.Struct:
		var err error
		for k := 0; k < x.NumField(); k++ {
			f := x.Field(k)
			if f.IsValid(i) {
				if seed, err = hashValue(hf, f, i, seed); err != nil {
					return 0, err
				}
			}
		}
		return seed, nil
	}
	return 0, sparkerror.NotImplemented("hashing values of Arrow type " + a.DataType().String())
}

func hashFn(name string, hf hasher, seed uint64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if len(args) == 0 {
			return nil, sparkerror.InternalError("%s takes at least one argument", name)
		}
		long := types.Equal(result, types.Long)
		e, err := newFunc(name, args, result, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			h := make([]uint64, n)
			for i := range h {
				h[i] = seed
			}
			for _, col := range a {
				if err := hashColumn(hf, col, h); err != nil {
					return nil, err
				}
			}
			if long {
				out := make([]int64, n)
				for i, v := range h {
					out[i] = int64(v)
				}
				return newFixed(arrow.PrimitiveTypes.Int64, out, nil), nil
			}
			out := make([]int32, n)
			for i, v := range h {
				out[i] = int32(v)
			}
			return newFixed(i32, out, nil), nil
		})
		if err != nil {
			return nil, err
		}
		// NULL arguments leave the hash as it is: the result is never NULL.
		e.(*funcExpr).strict = false
		return e, nil
	}
}

func init() {
	register(hashFn("hash", murmur3Hasher{}, 42), "hash")
	register(hashFn("xxhash64", xxhash64Hasher{}, 42), "xxhash64")
}
