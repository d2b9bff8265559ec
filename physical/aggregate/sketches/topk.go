package sketches

import (
	"encoding/binary"
	"math"
	"slices"
	"sort"

	"github.com/sailgo/sail/sql/sparkerror"
)

// The frequent-items sketch behind approx_top_k (DataSketches' ItemsSketch, a
// Misra-Gries summary over a reverse-purge hash map). Spark reports its frequent items in
// the map's iteration order, stably sorted by count, so ties come out in an order fixed
// by the map's layout: the map here is laid out exactly as Java's (linear probing from
// the mixed Java hashCode of the item, the same growth from 8 slots and the same purges)
// and iterated with the same golden-ratio stride, so equal counts list as Spark lists
// them.

const (
	topKLoadFactor = 0.75
	topKLgMinMap   = 3
	topKSampleSize = 1024
)

// TopK is a frequent-items sketch over items of type K; hash is Java's hashCode of an
// item.
type TopK[K comparable] struct {
	hash          func(K) int32
	lgMaxMapSize  int
	curMapCap     int
	offset        int64
	streamWeight  int64
	sampleSize    int
	keys          []K
	values        []int64
	states        []int16
	numActive     int
	loadThreshold int
}

// TopKMaxMapSize is Spark's map size for maxItemsTracked: the power of two at or above
// maxItemsTracked / 0.75.
func TopKMaxMapSize(maxItemsTracked int) int {
	c := math.Ceil(float64(maxItemsTracked) / 0.75)
	return int(math.Pow(2, math.Ceil(math.Log(c)/math.Log(2))))
}

// NewTopK is an empty sketch whose map grows to maxMapSize slots (a power of two).
func NewTopK[K comparable](maxMapSize int, hash func(K) int32) *TopK[K] {
	lgMax := max(topKLgMinMap, bitsLen(maxMapSize)-1)
	t := &TopK[K]{hash: hash, lgMaxMapSize: lgMax}
	t.allocate(1 << topKLgMinMap)
	t.curMapCap = t.loadThreshold
	t.sampleSize = min(topKSampleSize, int(float64(int(1)<<lgMax)*topKLoadFactor))
	return t
}

func bitsLen(n int) int {
	l := 0
	for n > 0 {
		l++
		n >>= 1
	}
	return l
}

func (t *TopK[K]) allocate(n int) {
	t.keys = make([]K, n)
	t.values = make([]int64, n)
	t.states = make([]int16, n)
	t.numActive = 0
	t.loadThreshold = int(float64(n) * topKLoadFactor)
}

// mix is DataSketches' 64-bit finalizer of a (sign-extended) Java hashCode.
func mix(h int32) uint64 {
	k := uint64(int64(h))
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

func (t *TopK[K]) adjustOrPut(key K, amount int64) {
	mask := len(t.keys) - 1
	probe := int(int32(mix(t.hash(key)))) & mask
	drift := int16(1)
	for t.states[probe] != 0 && t.keys[probe] != key {
		probe = (probe + 1) & mask
		drift++
	}
	if t.states[probe] == 0 {
		t.keys[probe] = key
		t.values[probe] = amount
		t.states[probe] = drift
		t.numActive++
		return
	}
	t.values[probe] += amount
}

func (t *TopK[K]) get(key K) int64 {
	mask := len(t.keys) - 1
	probe := int(int32(mix(t.hash(key)))) & mask
	for t.states[probe] > 0 {
		if t.keys[probe] == key {
			return t.values[probe]
		}
		probe = (probe + 1) & mask
	}
	return 0
}

func (t *TopK[K]) resize(n int) {
	oldKeys, oldValues, oldStates := t.keys, t.values, t.states
	t.allocate(n)
	for i := range oldKeys {
		if oldStates[i] > 0 {
			t.adjustOrPut(oldKeys[i], oldValues[i])
		}
	}
}

// purge subtracts the median of a sample of the counts from every count and drops the
// items left without a positive count; it returns the subtracted value.
func (t *TopK[K]) purge() int64 {
	limit := min(t.sampleSize, t.numActive)
	samples := make([]int64, 0, limit)
	for i := 0; len(samples) < limit; i++ {
		if t.states[i] > 0 {
			samples = append(samples, t.values[i])
		}
	}
	slices.Sort(samples)
	val := samples[limit/2]
	for i := range t.values {
		t.values[i] -= val
	}
	// Delete non-positive entries from the back, starting at the high end of a cluster.
	first := len(t.states) - 1
	for t.states[first] > 0 {
		first--
	}
	for p := first - 1; p >= 0; p-- {
		if t.states[p] > 0 && t.values[p] <= 0 {
			t.hashDelete(p)
			t.numActive--
		}
	}
	for p := len(t.states) - 1; p > first; p-- {
		if t.states[p] > 0 && t.values[p] <= 0 {
			t.hashDelete(p)
			t.numActive--
		}
	}
	return val
}

func (t *TopK[K]) hashDelete(del int) {
	t.states[del] = 0
	drift := int16(1)
	mask := len(t.keys) - 1
	probe := (del + 1) & mask
	for t.states[probe] != 0 {
		if t.states[probe] > drift {
			t.keys[del] = t.keys[probe]
			t.values[del] = t.values[probe]
			t.states[del] = t.states[probe] - drift
			t.states[probe] = 0
			drift = 0
			del = probe
		}
		probe = (probe + 1) & mask
		drift++
	}
}

// Update counts item count times.
func (t *TopK[K]) Update(item K, count int64) error {
	if count == 0 {
		return nil
	}
	t.streamWeight += count
	t.adjustOrPut(item, count)
	if t.numActive > t.curMapCap {
		if bitsLen(len(t.keys))-1 < t.lgMaxMapSize {
			t.resize(2 * len(t.keys))
			t.curMapCap = t.loadThreshold
		} else {
			t.offset += t.purge()
			if t.numActive > int(float64(int(1)<<t.lgMaxMapSize)*topKLoadFactor) {
				return sparkerror.InternalError("approx_top_k: purge did not reduce active items")
			}
		}
	}
	return nil
}

// each visits the active items in Java's iteration order (a golden-ratio stride).
func (t *TopK[K]) each(f func(k K, v int64) error) error {
	n := len(t.keys)
	stride := int(float64(n)*((math.Sqrt(5)-1)/2)) | 1
	mask := n - 1
	i, count := -stride, 0
	for count < t.numActive {
		i = (i + stride) & mask
		if t.states[i] > 0 {
			count++
			if err := f(t.keys[i], t.values[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Merge folds another sketch in, as Java's merge does.
func (t *TopK[K]) Merge(o *TopK[K]) error {
	if o == nil || o.numActive == 0 {
		return nil
	}
	total := t.streamWeight + o.streamWeight
	if err := o.each(func(k K, v int64) error { return t.Update(k, v) }); err != nil {
		return err
	}
	t.offset += o.offset
	t.streamWeight = total
	return nil
}

// TopKItem is one frequent item with its estimated count.
type TopKItem[K comparable] struct {
	Item  K
	Count int64
}

// Frequent lists the items with no false positives (count above the maximum error),
// by estimated count, ties in iteration order.
func (t *TopK[K]) Frequent() []TopKItem[K] {
	var rows []TopKItem[K]
	_ = t.each(func(k K, v int64) error {
		if v >= t.offset {
			rows = append(rows, TopKItem[K]{Item: k, Count: v + t.offset})
		}
		return nil
	})
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].Count > rows[b].Count })
	return rows
}

// State is the sketch's content for a partial aggregate: its active items in slot order
// and the counters, as Java serializes them.
type TopKState[K comparable] struct {
	LgMaxMapSize, LgCurMapSize int
	StreamWeight, Offset       int64
	Keys                       []K
	Values                     []int64
}

// State returns the sketch's partial state.
func (t *TopK[K]) State() TopKState[K] {
	s := TopKState[K]{LgMaxMapSize: t.lgMaxMapSize, LgCurMapSize: bitsLen(len(t.keys)) - 1,
		StreamWeight: t.streamWeight, Offset: t.offset}
	for i, st := range t.states {
		if st > 0 {
			s.Keys = append(s.Keys, t.keys[i])
			s.Values = append(s.Values, t.values[i])
		}
	}
	return s
}

// TopKFromState rebuilds a sketch as Java's deserialization does: the map at its size,
// the items re-added in slot order, then the counters.
func TopKFromState[K comparable](s TopKState[K], hash func(K) int32) (*TopK[K], error) {
	t := &TopK[K]{hash: hash, lgMaxMapSize: max(s.LgMaxMapSize, topKLgMinMap)}
	t.allocate(1 << max(s.LgCurMapSize, topKLgMinMap))
	t.curMapCap = t.loadThreshold
	t.sampleSize = min(topKSampleSize, int(float64(int(1)<<t.lgMaxMapSize)*topKLoadFactor))
	for i, k := range s.Keys {
		if err := t.Update(k, s.Values[i]); err != nil {
			return nil, err
		}
	}
	t.streamWeight, t.offset = s.StreamWeight, s.Offset
	return t, nil
}

// Java's hashCode of the item types approx_top_k supports.

// JavaIntHash is Integer/Short/Byte.hashCode (and a DATE's days).
func JavaIntHash(v int64) int32 { return int32(v) }

// JavaLongHash is Long.hashCode.
func JavaLongHash(v int64) int32 { return int32(v ^ int64(uint64(v)>>32)) }

// JavaBoolHash is Boolean.hashCode.
func JavaBoolHash(v bool) int32 {
	if v {
		return 1231
	}
	return 1237
}

// FloatKey is a FLOAT as Java's Float.equals compares it: its bits, NaN canonical.
func FloatKey(f float32) uint64 {
	if f != f {
		return 0x7fc00000
	}
	return uint64(math.Float32bits(f))
}

// DoubleKey is a DOUBLE as Double.equals compares it: its bits, NaN canonical.
func DoubleKey(v float64) uint64 {
	if v != v {
		return 0x7ff8000000000000
	}
	return math.Float64bits(v)
}

// JavaFloatHash is Float.hashCode of a FloatKey.
func JavaFloatHash(k uint64) int32 { return int32(uint32(k)) }

// JavaDoubleHash is Double.hashCode of a DoubleKey.
func JavaDoubleHash(k uint64) int32 { return int32(k ^ (k >> 32)) }

// JavaStringHash is String.hashCode over the UTF-16 code units of s.
func JavaStringHash(s string) int32 {
	var h int32
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			h = 31*h + int32(0xD800+(r>>10))
			h = 31*h + int32(0xDC00+(r&0x3FF))
			continue
		}
		h = 31*h + int32(r)
	}
	return h
}

// TopKCodec writes and reads the items of a frequent-items image as Java's ArrayOfItemsSerDe
// for the item type does.
type TopKCodec[K comparable] struct {
	Encode func(dst []byte, keys []K) []byte
	Decode func(b []byte, n int) ([]K, error)
}

const topKFamily = 10

// Image is the sketch's image in DataSketches' frequent-items layout (ItemsSketch.toByteArray).
func (s TopKState[K]) Image(codec TopKCodec[K]) []byte {
	if len(s.Keys) == 0 {
		return []byte{1, 1, topKFamily, byte(s.LgMaxMapSize), byte(s.LgCurMapSize), 5, 0, 0}
	}
	out := []byte{4, 1, topKFamily, byte(s.LgMaxMapSize), byte(s.LgCurMapSize), 0, 0, 0}
	out = binary.LittleEndian.AppendUint64(out, uint64(len(s.Keys)))
	out = binary.LittleEndian.AppendUint64(out, uint64(s.StreamWeight))
	out = binary.LittleEndian.AppendUint64(out, uint64(s.Offset))
	for _, v := range s.Values {
		out = binary.LittleEndian.AppendUint64(out, uint64(v))
	}
	return codec.Encode(out, s.Keys)
}

// ParseTopKImage reads an image written by Image (or by Java).
func ParseTopKImage[K comparable](b []byte, codec TopKCodec[K]) (TopKState[K], error) {
	var s TopKState[K]
	bad := func(why string) (TopKState[K], error) {
		return s, sparkerror.InternalError("approx_top_k: invalid sketch image: %s", why)
	}
	if len(b) < 8 {
		return bad("shorter than 8 bytes")
	}
	if b[2] != topKFamily {
		return bad("not a frequent-items sketch")
	}
	s.LgMaxMapSize, s.LgCurMapSize = int(b[3]), int(b[4])
	if s.LgMaxMapSize > 30 || s.LgCurMapSize > s.LgMaxMapSize {
		return bad("map sizes out of range")
	}
	if b[0] == 1 || b[5]&5 != 0 {
		return s, nil
	}
	if b[0] != 4 || len(b) < 32 {
		return bad("truncated preamble")
	}
	n := int(binary.LittleEndian.Uint32(b[8:]))
	s.StreamWeight = int64(binary.LittleEndian.Uint64(b[16:]))
	s.Offset = int64(binary.LittleEndian.Uint64(b[24:]))
	if n < 0 || n > len(b) || len(b) < 32+8*n {
		return bad("truncated counts")
	}
	s.Values = make([]int64, n)
	for i := range s.Values {
		s.Values[i] = int64(binary.LittleEndian.Uint64(b[32+8*i:]))
	}
	keys, err := codec.Decode(b[32+8*n:], n)
	if err != nil {
		return bad(err.Error())
	}
	s.Keys = keys
	return s, nil
}

// The codecs of Spark's item types: ArrayOfNumbersSerDe (a type byte, then the value) for
// TINYINT, SMALLINT, INT, DATE and FLOAT; ArrayOfLongsSerDe for BIGINT and timestamps;
// ArrayOfDoublesSerDe for DOUBLE; ArrayOfBooleansSerDe (bits) for BOOLEAN;
// ArrayOfStringsSerDe (length, UTF-8) for STRING. Numbers are little-endian.

func numberCodec[K comparable](tag byte, size int, put func([]byte, K) []byte, get func([]byte) K) TopKCodec[K] {
	return TopKCodec[K]{
		Encode: func(dst []byte, keys []K) []byte {
			for _, k := range keys {
				dst = append(dst, tag)
				dst = put(dst, k)
			}
			return dst
		},
		Decode: func(b []byte, n int) ([]K, error) {
			out := make([]K, 0, n)
			for range n {
				if len(b) < 1+size || b[0] != tag {
					return nil, errTopKItems
				}
				out = append(out, get(b[1:1+size]))
				b = b[1+size:]
			}
			return out, nil
		},
	}
}

var errTopKItems = sparkerror.InternalError("approx_top_k: malformed items")

// TopKIntCodec is the codec of TINYINT (size 1), SMALLINT (2) and INT or DATE (4) items
// kept as int64.
func TopKIntCodec(size int) TopKCodec[int64] {
	switch size {
	case 1:
		return numberCodec(2, 1, func(d []byte, k int64) []byte { return append(d, byte(k)) },
			func(b []byte) int64 { return int64(int8(b[0])) })
	case 2:
		return numberCodec(3, 2, func(d []byte, k int64) []byte { return binary.LittleEndian.AppendUint16(d, uint16(k)) },
			func(b []byte) int64 { return int64(int16(binary.LittleEndian.Uint16(b))) })
	}
	return numberCodec(9, 4, func(d []byte, k int64) []byte { return binary.LittleEndian.AppendUint32(d, uint32(k)) },
		func(b []byte) int64 { return int64(int32(binary.LittleEndian.Uint32(b))) })
}

// TopKFloatCodec is the codec of FLOAT items (FloatKey).
var TopKFloatCodec = numberCodec(6, 4, func(d []byte, k uint64) []byte { return binary.LittleEndian.AppendUint32(d, uint32(k)) },
	func(b []byte) uint64 { return uint64(binary.LittleEndian.Uint32(b)) })

func fixed8Codec[K comparable](put func(K) uint64, get func(uint64) K) TopKCodec[K] {
	return TopKCodec[K]{
		Encode: func(dst []byte, keys []K) []byte {
			for _, k := range keys {
				dst = binary.LittleEndian.AppendUint64(dst, put(k))
			}
			return dst
		},
		Decode: func(b []byte, n int) ([]K, error) {
			if len(b) < 8*n {
				return nil, errTopKItems
			}
			out := make([]K, n)
			for i := range out {
				out[i] = get(binary.LittleEndian.Uint64(b[8*i:]))
			}
			return out, nil
		},
	}
}

// TopKLongCodec is the codec of BIGINT and timestamp items; TopKDoubleCodec of DOUBLE
// items (DoubleKey).
var (
	TopKLongCodec   = fixed8Codec(func(k int64) uint64 { return uint64(k) }, func(v uint64) int64 { return int64(v) })
	TopKDoubleCodec = fixed8Codec(func(k uint64) uint64 { return k }, func(v uint64) uint64 { return v })
)

// TopKBoolCodec is the codec of BOOLEAN items: one bit each, low bit first.
var TopKBoolCodec = TopKCodec[bool]{
	Encode: func(dst []byte, keys []bool) []byte {
		start := len(dst)
		dst = append(dst, make([]byte, (len(keys)+7)/8)...)
		for i, k := range keys {
			if k {
				dst[start+i/8] |= 1 << (i % 8)
			}
		}
		return dst
	},
	Decode: func(b []byte, n int) ([]bool, error) {
		if len(b) < (n+7)/8 {
			return nil, errTopKItems
		}
		out := make([]bool, n)
		for i := range out {
			out[i] = b[i/8]&(1<<(i%8)) != 0
		}
		return out, nil
	},
}

// TopKStringCodec is the codec of STRING items.
var TopKStringCodec = TopKCodec[string]{
	Encode: func(dst []byte, keys []string) []byte {
		for _, k := range keys {
			dst = binary.LittleEndian.AppendUint32(dst, uint32(len(k)))
			dst = append(dst, k...)
		}
		return dst
	},
	Decode: func(b []byte, n int) ([]string, error) {
		out := make([]string, 0, n)
		for range n {
			if len(b) < 4 {
				return nil, errTopKItems
			}
			l := int(binary.LittleEndian.Uint32(b))
			if l < 0 || len(b) < 4+l {
				return nil, errTopKItems
			}
			out = append(out, string(b[4:4+l]))
			b = b[4+l:]
		}
		return out, nil
	},
}
