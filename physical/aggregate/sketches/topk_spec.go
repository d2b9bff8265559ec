package sketches

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
)

// TopKSpec is how one item type goes through approx_top_k: Java's hashCode, the image
// codec, reading row keys from an Arrow array and appending result items to a builder.
type TopKSpec[K comparable] struct {
	Hash   func(K) int32
	Codec  TopKCodec[K]
	Keys   func(arr arrow.Array) func(i int) K
	Append func(b array.Builder, k K)
}

func intKeys(arr arrow.Array) func(i int) int64 {
	switch x := arr.(type) {
	case *array.Int8:
		v := x.Int8Values()
		return func(i int) int64 { return int64(v[i]) }
	case *array.Int16:
		v := x.Int16Values()
		return func(i int) int64 { return int64(v[i]) }
	case *array.Int32:
		v := x.Int32Values()
		return func(i int) int64 { return int64(v[i]) }
	case *array.Date32:
		v := x.Date32Values()
		return func(i int) int64 { return int64(v[i]) }
	case *array.Int64:
		v := x.Int64Values()
		return func(i int) int64 { return v[i] }
	case *array.Timestamp:
		v := x.TimestampValues()
		return func(i int) int64 { return int64(v[i]) }
	}
	return func(int) int64 { return 0 }
}

func appendInt(b array.Builder, k int64) {
	switch x := b.(type) {
	case *array.Int8Builder:
		x.Append(int8(k))
	case *array.Int16Builder:
		x.Append(int16(k))
	case *array.Int32Builder:
		x.Append(int32(k))
	case *array.Date32Builder:
		x.Append(arrow.Date32(k))
	case *array.Int64Builder:
		x.Append(k)
	case *array.TimestampBuilder:
		x.Append(arrow.Timestamp(k))
	}
}

// The specs of the supported item types.
var (
	TopKByteSpec  = &TopKSpec[int64]{Hash: JavaIntHash, Codec: TopKIntCodec(1), Keys: intKeys, Append: appendInt}
	TopKShortSpec = &TopKSpec[int64]{Hash: JavaIntHash, Codec: TopKIntCodec(2), Keys: intKeys, Append: appendInt}
	TopKIntSpec   = &TopKSpec[int64]{Hash: JavaIntHash, Codec: TopKIntCodec(4), Keys: intKeys, Append: appendInt}
	TopKLongSpec  = &TopKSpec[int64]{Hash: JavaLongHash, Codec: TopKLongCodec, Keys: intKeys, Append: appendInt}
	TopKFloatSpec = &TopKSpec[uint64]{Hash: JavaFloatHash, Codec: TopKFloatCodec,
		Keys: func(arr arrow.Array) func(int) uint64 {
			v := arr.(*array.Float32).Float32Values()
			return func(i int) uint64 { return FloatKey(v[i]) }
		},
		Append: func(b array.Builder, k uint64) { b.(*array.Float32Builder).Append(math.Float32frombits(uint32(k))) }}
	TopKDoubleSpec = &TopKSpec[uint64]{Hash: JavaDoubleHash, Codec: TopKDoubleCodec,
		Keys: func(arr arrow.Array) func(int) uint64 {
			v := arr.(*array.Float64).Float64Values()
			return func(i int) uint64 { return DoubleKey(v[i]) }
		},
		Append: func(b array.Builder, k uint64) { b.(*array.Float64Builder).Append(math.Float64frombits(k)) }}
	TopKBoolSpec = &TopKSpec[bool]{Hash: JavaBoolHash, Codec: TopKBoolCodec,
		Keys:   func(arr arrow.Array) func(int) bool { return arr.(*array.Boolean).Value },
		Append: func(b array.Builder, k bool) { b.(*array.BooleanBuilder).Append(k) }}
	TopKStringSpec = &TopKSpec[string]{Hash: JavaStringHash, Codec: TopKStringCodec,
		Keys:   func(arr arrow.Array) func(int) string { return arr.(*array.String).Value },
		Append: func(b array.Builder, k string) { b.(*array.StringBuilder).Append(k) }}
)

// TopKBuffer is Spark's ApproxTopKAggregateBuffer: a sketch and the count of NULLs.
type TopKBuffer[K comparable] struct {
	Sketch *TopK[K]
	Nulls  int64
}

// Image is the buffer as Spark serializes it: the sketch's image, then the NULL count
// (a big-endian long).
func (b TopKBuffer[K]) Image(spec *TopKSpec[K]) []byte {
	out := b.Sketch.State().Image(spec.Codec)
	return binary.BigEndian.AppendUint64(out, uint64(b.Nulls))
}

// ReadTopKBuffer reads a buffer image.
func ReadTopKBuffer[K comparable](img []byte, spec *TopKSpec[K]) (TopKBuffer[K], error) {
	if len(img) < 16 {
		return TopKBuffer[K]{}, sparkerror.InternalError("approx_top_k: invalid sketch image of %d bytes", len(img))
	}
	nulls := int64(binary.BigEndian.Uint64(img[len(img)-8:]))
	st, err := ParseTopKImage(img[:len(img)-8], spec.Codec)
	if err != nil {
		return TopKBuffer[K]{}, err
	}
	sk, err := TopKFromState(st, spec.Hash)
	if err != nil {
		return TopKBuffer[K]{}, err
	}
	return TopKBuffer[K]{Sketch: sk, Nulls: nulls}, nil
}

// AppendResult appends the buffer's top k to lb (a list of struct<item, count>), as
// Spark's eval lists them: the frequent items by count, the NULLs' count placed before
// the first item it exceeds.
func (b TopKBuffer[K]) AppendResult(lb *array.ListBuilder, k int, spec *TopKSpec[K]) {
	sb := lb.ValueBuilder().(*array.StructBuilder)
	itemB := sb.FieldBuilder(0)
	countB := sb.FieldBuilder(1).(*array.Int64Builder)
	add := func(item *K, count int64) {
		sb.Append(true)
		if item == nil {
			itemB.AppendNull()
		} else {
			spec.Append(itemB, *item)
		}
		countB.Append(count)
	}
	lb.Append(true)
	var rows []TopKItem[K]
	if b.Sketch != nil {
		rows = b.Sketch.Frequent()
	}
	total := len(rows)
	if b.Nulls > 0 {
		total++
	}
	limit := min(total, k)
	done, fi, nullAdded := 0, 0, false
	for done < limit && fi < len(rows) {
		nullEst := int64(math.MinInt64)
		if !nullAdded {
			nullEst = b.Nulls
		}
		if nullEst > rows[fi].Count {
			nullAdded = true
			add(nil, b.Nulls)
		} else {
			add(&rows[fi].Item, rows[fi].Count)
			fi++
		}
		done++
	}
	if done < limit && b.Nulls > 0 && !nullAdded {
		add(nil, b.Nulls)
	}
}

// TopKMaxItemsLimit is Spark's largest maxItemsTracked.
const TopKMaxItemsLimit = 1000000

// TopKError is a SparkRuntimeException of approx_top_k.
func TopKError(class, state, template string, params map[string]string) error {
	return sparkerror.New(sparkerror.Runtime, class, state, template, params)
}

// TopKNonPositive is APPROX_TOP_K_NON_POSITIVE_ARG.
func TopKNonPositive(name string, v int64) error {
	return TopKError("APPROX_TOP_K_NON_POSITIVE_ARG", "22023",
		"The value of <argName> in `approx_top_k` must be a positive integer, but got <argValue>.",
		map[string]string{"argName": "`" + name + "`", "argValue": strconv.Itoa(int(v))})
}

// TopKNullArg is APPROX_TOP_K_NULL_ARG.
func TopKNullArg(name string) error {
	return TopKError("APPROX_TOP_K_NULL_ARG", "22004", "The value of <argName> in `approx_top_k` cannot be NULL.",
		map[string]string{"argName": "`" + name + "`"})
}

// TopKCheckMaxItems is Spark's check of maxItemsTracked (against k when k > 0).
func TopKCheckMaxItems(maxItems, k int64) error {
	if maxItems > TopKMaxItemsLimit {
		return TopKError("APPROX_TOP_K_MAX_ITEMS_TRACKED_EXCEEDS_LIMIT", "22023",
			"The max items tracked `maxItemsTracked`(<maxItemsTracked>) of `approx_top_k` should be less than or equal to <limit>.",
			map[string]string{"maxItemsTracked": strconv.Itoa(int(maxItems)), "limit": strconv.Itoa(TopKMaxItemsLimit)})
	}
	if maxItems <= 0 {
		return TopKNonPositive("maxItemsTracked", maxItems)
	}
	if maxItems < k {
		return TopKError("APPROX_TOP_K_MAX_ITEMS_TRACKED_LESS_THAN_K", "22023",
			"The max items tracked `maxItemsTracked`(<maxItemsTracked>) of `approx_top_k` should be greater than or equal to `k`(<k>).",
			map[string]string{"maxItemsTracked": strconv.Itoa(int(maxItems)), "k": strconv.Itoa(int(k))})
	}
	return nil
}
