package sketches

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
)

// Spark's own count-min sketch (org.apache.spark.util.sketch.CountMinSketchImpl), which
// count_min_sketch builds: depth rows of width counters; a BIGINT picks its counter of
// row i from a multiplicative hash with the row's seed, a string or binary from Spark's
// murmur3 (x86, 32 bit) double hashing. The image is Java's DataOutputStream layout:
// version 1, the total count, depth, width, the row seeds and the counters, big-endian.

// CountMin is one sketch's shape: its depth, width and row seeds.
type CountMin struct {
	Depth, Width int
	HashA        []int64
}

// NewCountMin is the shape Spark derives from a relative error eps, a confidence and a
// seed.
func NewCountMin(eps, confidence float64, seed int32) (*CountMin, error) {
	if eps <= 0 {
		return nil, fmt.Errorf("Relative error must be positive")
	}
	if confidence <= 0 || confidence >= 1 {
		return nil, fmt.Errorf("Confidence must be within range (0.0, 1.0)")
	}
	width := int(math.Ceil(2 / eps))
	depth := int(math.Ceil(-math.Log1p(-confidence) / math.Log(2)))
	if width <= 0 || depth <= 0 || int64(width)*int64(depth) > 1<<27 {
		return nil, fmt.Errorf("the count-min sketch of %d x %d counters is too large", depth, width)
	}
	r := newJavaRandom(int64(seed))
	hashA := make([]int64, depth)
	for i := range hashA {
		hashA[i] = int64(r.nextInt(math.MaxInt32))
	}
	return &CountMin{Depth: depth, Width: width, HashA: hashA}, nil
}

// Cells is the number of counters.
func (c *CountMin) Cells() int { return c.Depth * c.Width }

const primeModulus = (int64(1) << 31) - 1

// AddLong counts item once in table (Cells counters).
func (c *CountMin) AddLong(table []int64, item int64) {
	for i := 0; i < c.Depth; i++ {
		h := c.HashA[i] * item
		h += h >> 32
		h &= primeModulus
		table[i*c.Width+int(int32(h))%c.Width]++
	}
}

// AddBytes counts a string's or binary's bytes once.
func (c *CountMin) AddBytes(table []int64, b []byte) {
	h1 := sparkMurmur3(b, 0)
	h2 := sparkMurmur3(b, h1)
	for i := 0; i < c.Depth; i++ {
		v := (h1 + int32(i)*h2) % int32(c.Width)
		if v < 0 {
			v = -v
		}
		table[i*c.Width+int(v)]++
	}
}

// Image is the serialized sketch of table with the given total count.
func (c *CountMin) Image(dst []byte, total int64, table []int64) []byte {
	dst = binary.BigEndian.AppendUint32(dst, 1)
	dst = binary.BigEndian.AppendUint64(dst, uint64(total))
	dst = binary.BigEndian.AppendUint32(dst, uint32(c.Depth))
	dst = binary.BigEndian.AppendUint32(dst, uint32(c.Width))
	for _, h := range c.HashA {
		dst = binary.BigEndian.AppendUint64(dst, uint64(h))
	}
	for _, v := range table {
		dst = binary.BigEndian.AppendUint64(dst, uint64(v))
	}
	return dst
}

// MergeImage adds a serialized sketch of the same shape into table, returning its total
// count.
func (c *CountMin) MergeImage(table []int64, b []byte) (int64, error) {
	head := 4 + 8 + 4 + 4
	if len(b) < head {
		return 0, fmt.Errorf("count-min sketch image too short: %d bytes", len(b))
	}
	if v := binary.BigEndian.Uint32(b); v != 1 {
		return 0, fmt.Errorf("Unexpected Count-Min Sketch version number (%d)", v)
	}
	total := int64(binary.BigEndian.Uint64(b[4:]))
	depth, width := int(binary.BigEndian.Uint32(b[12:])), int(binary.BigEndian.Uint32(b[16:]))
	if depth != c.Depth || width != c.Width {
		return 0, fmt.Errorf("Cannot merge estimators of different depth or width")
	}
	if len(b) != head+8*depth+8*depth*width {
		return 0, fmt.Errorf("count-min sketch image has %d bytes", len(b))
	}
	off := head
	for i := 0; i < depth; i++ {
		if int64(binary.BigEndian.Uint64(b[off:])) != c.HashA[i] {
			return 0, fmt.Errorf("Cannot merge estimators of different seed")
		}
		off += 8
	}
	for k := range table[:depth*width] {
		table[k] += int64(binary.BigEndian.Uint64(b[off:]))
		off += 8
	}
	return total, nil
}

// javaRandom is java.util.Random's linear congruential generator.
type javaRandom struct{ seed int64 }

const (
	javaMultiplier = 0x5DEECE66D
	javaMask       = (int64(1) << 48) - 1
)

func newJavaRandom(seed int64) *javaRandom {
	return &javaRandom{seed: (seed ^ javaMultiplier) & javaMask}
}

func (r *javaRandom) next(nbits uint) int32 {
	r.seed = (r.seed*javaMultiplier + 0xB) & javaMask
	return int32(uint64(r.seed) >> (48 - nbits))
}

// nextInt is Random.nextInt(bound) for a positive bound.
func (r *javaRandom) nextInt(bound int32) int32 {
	if bound&(-bound) == bound {
		return int32((int64(bound) * int64(r.next(31))) >> 31)
	}
	for {
		b := r.next(31)
		v := b % bound
		if b-v+(bound-1) >= 0 { // the Java int addition does not overflow
			return v
		}
	}
}

// sparkMurmur3 is Spark's Murmur3_x86_32.hashUnsafeBytes: whole 4-byte little-endian
// words, then each remaining (signed) byte mixed as a word of its own.
func sparkMurmur3(b []byte, seed int32) int32 {
	h := uint32(seed)
	n := len(b)
	aligned := n - n%4
	for i := 0; i < aligned; i += 4 {
		h = mmMixH1(h, mmMixK1(binary.LittleEndian.Uint32(b[i:])))
	}
	for i := aligned; i < n; i++ {
		h = mmMixH1(h, mmMixK1(uint32(int32(int8(b[i])))))
	}
	h ^= uint32(n)
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return int32(h)
}

func mmMixK1(k uint32) uint32 {
	k *= 0xcc9e2d51
	k = bits.RotateLeft32(k, 15)
	return k * 0x1b873593
}

func mmMixH1(h, k uint32) uint32 {
	h ^= k
	h = bits.RotateLeft32(h, 13)
	return h*5 + 0xe6546b64
}
