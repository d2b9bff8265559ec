package aggregate

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/cespare/xxhash/v2"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func init() { aliases["approx_count_distinct"] = "approx_count_distinct" }

// hllThresholds are the HLL++ paper's cardinalities below which linear counting is used,
// for precisions 4 to 18.
var hllThresholds = [...]float64{10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 15500, 20000, 50000, 120000, 350000}

// resolveApproxCountDistinct resolves approx_count_distinct(v [, relativeSD]): Spark's
// HyperLogLog++ over the XXH64 (seed 42) hashes of the values, with 2^p registers where
// p = ceil(2 log2(1.106 / relativeSD)).
func (f *Function) resolveApproxCountDistinct() error {
	n := len(f.argTypes)
	if n != 1 && n != 2 {
		return f.wrongArgs("[1, 2]")
	}
	if err := hllCheckType(f.argTypes[0]); err != nil {
		return err
	}
	rsd := 0.05
	if n == 2 {
		v, err := f.constArg(1)
		if err != nil {
			return err
		}
		if v != nil {
			vals := numericValues(v, nil)
			if len(vals) == 1 && v.IsValid(0) {
				rsd = vals[0]
			}
			v.Release()
		}
	}
	p := int(math.Ceil(2.0 * math.Log(1.106/rsd) / math.Log(2.0)))
	if p < 4 {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_3013", "",
			"HLL++ requires at least 4 bits for addressing. Use a lower error, at most 39%.", nil)
	}
	f.result, f.nullable = types.Long, false
	f.state = []arrow.Field{{Name: "registers", Type: arrow.BinaryTypes.Binary}}
	f.factory = func() Accumulator { return &hllAcc{p: p, m: 1 << p, seed: 42, h: xxhash.NewWithSeed(42)} }
	return nil
}

func hllCheckType(dt arrow.DataType) error {
	switch dt.ID() {
	case arrow.NULL, arrow.BOOL, arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.DATE32,
		arrow.INTERVAL_MONTHS, arrow.TIMESTAMP, arrow.DURATION, arrow.FLOAT32, arrow.FLOAT64,
		arrow.DECIMAL128, arrow.STRING, arrow.BINARY, arrow.LARGE_STRING, arrow.LARGE_BINARY:
		return nil
	}
	return sparkerror.NotImplemented("approx_count_distinct over values of Arrow type " + dt.String())
}

// hllAcc keeps m one-byte registers per group.
type hllAcc struct {
	p, m int
	seed uint64
	regs []uint8
	h    *xxhash.Digest
	buf  [8]byte
}

func (a *hllAcc) Resize(n int) { a.regs = extend(a.regs, n*a.m) }
func (a *hllAcc) Size() int64  { return int64(cap(a.regs)) }
func (a *hllAcc) Release()     {}

func (a *hllAcc) hashBytes(b []byte) uint64 {
	a.h.ResetWithSeed(a.seed)
	_, _ = a.h.Write(b)
	return a.h.Sum64()
}

func (a *hllAcc) hashInt(v int32) uint64 {
	binary.LittleEndian.PutUint32(a.buf[:4], uint32(v))
	return a.hashBytes(a.buf[:4])
}

func (a *hllAcc) hashLong(v int64) uint64 {
	binary.LittleEndian.PutUint64(a.buf[:], uint64(v))
	return a.hashBytes(a.buf[:])
}

func (a *hllAcc) add(g uint32, x uint64) {
	idx := int(x >> (64 - a.p))
	pw := uint8(bits.LeadingZeros64((x<<a.p)|(1<<(a.p-1))) + 1)
	r := &a.regs[int(g)*a.m+idx]
	if pw > *r {
		*r = pw
	}
}

func hllEach[T any](a *hllAcc, g []uint32, arr arrow.Array, vals []T, hash func(T) uint64) {
	vb, voff := validity(arr)
	for i, v := range vals {
		if isValid(vb, voff, i) {
			a.add(g[i], hash(v))
		}
	}
}

func (a *hllAcc) Update(g []uint32, args []arrow.Array) error {
	arr := args[0]
	hi := func(v int32) uint64 { return a.hashInt(v) }
	hl := func(v int64) uint64 { return a.hashLong(v) }
	switch arr.DataType().ID() {
	case arrow.NULL:
	case arrow.BOOL:
		b := arr.(*array.Boolean)
		for i, gi := range g {
			if b.IsValid(i) {
				v := int32(0)
				if b.Value(i) {
					v = 1
				}
				a.add(gi, a.hashInt(v))
			}
		}
	case arrow.INT8:
		hllEach(a, g, arr, fixedValues[int8](arr), func(v int8) uint64 { return a.hashInt(int32(v)) })
	case arrow.INT16:
		hllEach(a, g, arr, fixedValues[int16](arr), func(v int16) uint64 { return a.hashInt(int32(v)) })
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		hllEach(a, g, arr, fixedValues[int32](arr), hi)
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION:
		hllEach(a, g, arr, fixedValues[int64](arr), hl)
	case arrow.FLOAT32:
		hllEach(a, g, arr, fixedValues[float32](arr), func(v float32) uint64 {
			switch {
			case v != v:
				v = float32(math.NaN())
			case v == 0:
				v = 0
			}
			return a.hashInt(int32(math.Float32bits(v)))
		})
	case arrow.FLOAT64:
		hllEach(a, g, arr, fixedValues[float64](arr), func(v float64) uint64 {
			switch {
			case v != v:
				v = math.NaN()
			case v == 0:
				v = 0
			}
			return a.hashLong(int64(math.Float64bits(v)))
		})
	case arrow.DECIMAL128:
		prec := arr.DataType().(*arrow.Decimal128Type).Precision
		hllEach(a, g, arr, fixedValues[decimal128.Num](arr), func(v decimal128.Num) uint64 {
			if prec <= 18 {
				return a.hashLong(int64(v.LowBits()))
			}
			return a.hashBytes(javaBigIntegerBytes(v.BigInt()))
		})
	case arrow.STRING, arrow.BINARY, arrow.LARGE_STRING, arrow.LARGE_BINARY:
		for i, gi := range g {
			if arr.IsValid(i) {
				a.add(gi, a.hashBytes(bytesAt(arr, i)))
			}
		}
	default:
		return internalType("approx_count_distinct", arr.DataType())
	}
	return nil
}

// javaBigIntegerBytes is BigInteger.toByteArray: minimal big-endian two's complement.
func javaBigIntegerBytes(v *big.Int) []byte {
	if v.Sign() >= 0 {
		b := v.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	n := (v.BitLen() + 8) / 8
	mod := new(big.Int).Lsh(big.NewInt(1), uint(n*8))
	b := new(big.Int).Add(mod, v).Bytes()
	for len(b) < n {
		b = append([]byte{0xff}, b...)
	}
	return b
}

func (a *hllAcc) Merge(g []uint32, state []arrow.Array) error {
	st := state[0].(*array.Binary)
	for i, gi := range g {
		r := st.Value(i)
		dst := a.regs[int(gi)*a.m : int(gi+1)*a.m]
		for k := range min(len(r), a.m) {
			dst[k] = max(dst[k], r[k])
		}
	}
	return nil
}

func (a *hllAcc) State() ([]arrow.Array, error) {
	n := len(a.regs) / a.m
	offsets := make([]int32, n+1)
	for g := range n {
		offsets[g+1] = int32((g + 1) * a.m)
	}
	data := array.NewData(arrow.BinaryTypes.Binary, n,
		[]*memory.Buffer{nil, buf(asBytes(offsets)), buf(a.regs[:n*a.m])}, nil, 0, 0)
	defer data.Release()
	return []arrow.Array{array.MakeFromData(data)}, nil
}

// estimate is HLL++'s cardinality estimate of one group's registers: linear counting for
// small cardinalities, else the raw estimate. (Spark also subtracts an empirical bias for
// raw estimates below 5m; that correction is not applied here.)
func (a *hllAcc) estimate(regs []uint8) int64 {
	m := float64(a.m)
	var alphaM2 float64
	switch a.p {
	case 4:
		alphaM2 = 0.673 * m * m
	case 5:
		alphaM2 = 0.697 * m * m
	case 6:
		alphaM2 = 0.709 * m * m
	default:
		alphaM2 = (0.7213 / (1.0 + 1.079/m)) * m * m
	}
	zInverse, v := 0.0, 0.0
	for _, r := range regs {
		zInverse += 1.0 / float64(uint64(1)<<r)
		if r == 0 {
			v++
		}
	}
	e := alphaM2 / zInverse
	est := e
	if v > 0 {
		h := m * math.Log(m/v)
		if (a.p < 19 && h <= hllThresholds[a.p-4]) || e <= 2.5*m {
			est = h
		}
	}
	return int64(math.Floor(est + 0.5))
}

func (a *hllAcc) Evaluate() (arrow.Array, error) {
	n := len(a.regs) / a.m
	out := make([]int64, n)
	for g := range n {
		out[g] = a.estimate(a.regs[g*a.m : (g+1)*a.m])
	}
	return makeFixed(arrow.PrimitiveTypes.Int64, out, nil), nil
}
