package aggregate

import (
	"math/big"
	"math/bits"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
)

// countAcc is count(*), count(a, b, ...) (rows where every argument is non-null) and
// count_if(p) (rows where p is true).
type countAcc struct {
	counts  []int64
	countIf bool
}

func (a *countAcc) Resize(n int) { a.counts = extend(a.counts, n) }
func (a *countAcc) Size() int64  { return int64(cap(a.counts) * 8) }
func (a *countAcc) Release()     {}

func (a *countAcc) Update(g []uint32, args []arrow.Array) error {
	counts := a.counts
	if a.countIf {
		arg := args[0]
		if arg.DataType().ID() == arrow.NULL {
			return nil
		}
		vb, voff := validity(arg)
		bb, boff := boolBits(arg)
		for i, gi := range g {
			if isValid(vb, voff, i) && bitutil.BitIsSet(bb, boff+i) {
				counts[gi]++
			}
		}
		return nil
	}
	nullable := false
	for _, arg := range args {
		if arg.DataType().ID() == arrow.NULL {
			return nil
		}
		if arg.NullN() > 0 {
			nullable = true
		}
	}
	if !nullable {
		for _, gi := range g {
			counts[gi]++
		}
		return nil
	}
	for i, gi := range g {
		ok := true
		for _, arg := range args {
			if arg.IsNull(i) {
				ok = false
				break
			}
		}
		if ok {
			counts[gi]++
		}
	}
	return nil
}

func (a *countAcc) Merge(g []uint32, state []arrow.Array) error {
	vals := fixedValues[int64](state[0])
	for i, gi := range g {
		a.counts[gi] += vals[i]
	}
	return nil
}

func (a *countAcc) State() ([]arrow.Array, error) {
	return []arrow.Array{makeFixed(arrow.PrimitiveTypes.Int64, a.counts, nil)}, nil
}

func (a *countAcc) Evaluate() (arrow.Array, error) {
	return makeFixed(arrow.PrimitiveTypes.Int64, a.counts, nil), nil
}

// intSumAcc is sum over integral types: a bigint that wraps on overflow, or fails under ANSI.
type intSumAcc struct {
	sums []int64
	has  []bool
	ansi bool
}

func (a *intSumAcc) Resize(n int) { a.sums, a.has = extend(a.sums, n), extend(a.has, n) }
func (a *intSumAcc) Size() int64  { return int64(cap(a.sums)*8 + cap(a.has)) }
func (a *intSumAcc) Release()     {}

func (a *intSumAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	switch arg.DataType().ID() {
	case arrow.NULL:
		return nil
	case arrow.INT8:
		return sumInts(a, g, fixedValues[int8](arg), arg)
	case arrow.INT16:
		return sumInts(a, g, fixedValues[int16](arg), arg)
	case arrow.INT32:
		return sumInts(a, g, fixedValues[int32](arg), arg)
	case arrow.INT64:
		return sumInts(a, g, fixedValues[int64](arg), arg)
	}
	return internalType("sum", arg.DataType())
}

func sumInts[T int8 | int16 | int32 | int64](a *intSumAcc, g []uint32, vals []T, arg arrow.Array) error {
	vb, voff := validity(arg)
	sums, has := a.sums, a.has
	for i, v := range vals {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		s := sums[gi]
		r := s + int64(v)
		if a.ansi && (s^r)&(int64(v)^r) < 0 {
			return overflowError("long overflow", "try_add")
		}
		sums[gi], has[gi] = r, true
	}
	return nil
}

func (a *intSumAcc) Merge(g []uint32, state []arrow.Array) error {
	return sumInts(a, g, fixedValues[int64](state[0]), state[0])
}

func (a *intSumAcc) State() ([]arrow.Array, error) {
	return []arrow.Array{makeFixed(arrow.PrimitiveTypes.Int64, a.sums, a.has)}, nil
}

func (a *intSumAcc) Evaluate() (arrow.Array, error) {
	return makeFixed(arrow.PrimitiveTypes.Int64, a.sums, a.has), nil
}

// floatSumAcc is sum (double) and avg over non-decimal numbers: values are summed as
// doubles; avg keeps a count and divides at the end.
type floatSumAcc struct {
	sums    []float64
	has     []bool
	counts  []int64
	avg     bool
	scratch []float64
}

func (a *floatSumAcc) Resize(n int) {
	a.sums, a.has = extend(a.sums, n), extend(a.has, n)
	if a.avg {
		a.counts = extend(a.counts, n)
	}
}
func (a *floatSumAcc) Size() int64 {
	return int64(cap(a.sums)*8 + cap(a.has) + cap(a.counts)*8 + cap(a.scratch)*8)
}
func (a *floatSumAcc) Release() {}

func (a *floatSumAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vals := numericValues(arg, a.scratch)
	a.scratch = vals
	vb, voff := validity(arg)
	for i, v := range vals {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		a.sums[gi] += v
		a.has[gi] = true
		if a.avg {
			a.counts[gi]++
		}
	}
	return nil
}

func (a *floatSumAcc) Merge(g []uint32, state []arrow.Array) error {
	vals := fixedValues[float64](state[0])
	vb, voff := validity(state[0])
	var counts []int64
	if a.avg {
		counts = fixedValues[int64](state[1])
	}
	for i, gi := range g {
		if a.avg {
			a.counts[gi] += counts[i]
		}
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		a.sums[gi] += vals[i]
		a.has[gi] = true
	}
	return nil
}

func (a *floatSumAcc) State() ([]arrow.Array, error) {
	if a.avg {
		return []arrow.Array{makeFixed(arrow.PrimitiveTypes.Float64, a.sums, nil),
			makeFixed(arrow.PrimitiveTypes.Int64, a.counts, nil)}, nil
	}
	return []arrow.Array{makeFixed(arrow.PrimitiveTypes.Float64, a.sums, a.has)}, nil
}

func (a *floatSumAcc) Evaluate() (arrow.Array, error) {
	if !a.avg {
		return makeFixed(arrow.PrimitiveTypes.Float64, a.sums, a.has), nil
	}
	out := make([]float64, len(a.sums))
	has := make([]bool, len(a.sums))
	for g, c := range a.counts {
		if c > 0 {
			out[g], has[g] = a.sums[g]/float64(c), true
		}
	}
	return makeFixed(arrow.PrimitiveTypes.Float64, out, has), nil
}

// decimalSumAcc is sum and avg over decimals. The running sum has the type
// decimal(min(38, p+10), s); when it no longer fits, the group's sum becomes NULL for good
// (Spark's overflow marker), and the result is NULL, or an error under ANSI.
type decimalSumAcc struct {
	sumType  arrow.DataType
	resType  arrow.DataType
	prec     int32
	scale    int32
	avg      bool
	ansi     bool
	sums     []decimal128.Num
	seen     []bool // a non-null value was added (sum: !isEmpty)
	overflow []bool
	counts   []int64
}

func (a *decimalSumAcc) Resize(n int) {
	a.sums, a.seen, a.overflow = extend(a.sums, n), extend(a.seen, n), extend(a.overflow, n)
	if a.avg {
		a.counts = extend(a.counts, n)
	}
}
func (a *decimalSumAcc) Size() int64 {
	return int64(cap(a.sums)*16 + cap(a.seen) + cap(a.overflow) + cap(a.counts)*8)
}
func (a *decimalSumAcc) Release() {}

func (a *decimalSumAcc) add(g uint32, v decimal128.Num) {
	if a.overflow[g] {
		return
	}
	old := a.sums[g]
	s := old.Add(v)
	// Both operands are below 10^38 < 2^127 in magnitude, so the 128-bit sum can wrap only
	// when they have one sign and the result has the other.
	vNeg := v.HighBits() < 0
	wrapped := (old.HighBits() < 0) == vNeg && (s.HighBits() < 0) != vNeg
	if wrapped || !s.FitsInPrecision(a.prec) {
		a.overflow[g] = true
		return
	}
	a.sums[g] = s
}

func (a *decimalSumAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	if arg.DataType().ID() != arrow.DECIMAL128 {
		return internalType("sum", arg.DataType())
	}
	vals := fixedValues[decimal128.Num](arg)
	vb, voff := validity(arg)
	sums, seen, over := a.sums, a.seen, a.overflow
	// A sum of 20 or more digits holds any value whose high word is only sign (|s| <= 2^64
	// < 10^20): those need no precision check.
	wide := a.prec >= 20
	for i, v := range vals {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		seen[gi] = true
		if a.avg {
			a.counts[gi]++
		}
		if over[gi] {
			continue
		}
		s := sums[gi]
		lo, carry := bits.Add64(s.LowBits(), v.LowBits(), 0)
		hi := s.HighBits() + v.HighBits() + int64(carry)
		if wide && (hi == 0 || hi == -1) {
			sums[gi] = decimal128.New(hi, lo)
			continue
		}
		a.add(gi, v)
	}
	return nil
}

func (a *decimalSumAcc) Merge(g []uint32, state []arrow.Array) error {
	sums := fixedValues[decimal128.Num](state[0])
	vb, voff := validity(state[0])
	if a.avg {
		counts := fixedValues[int64](state[1])
		for i, gi := range g {
			if counts[i] == 0 {
				continue
			}
			a.counts[gi] += counts[i]
			a.seen[gi] = true
			if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
				a.overflow[gi] = true
				continue
			}
			a.add(gi, sums[i])
		}
		return nil
	}
	eb, eoff := boolBits(state[1])
	for i, gi := range g {
		if bitutil.BitIsSet(eb, eoff+i) { // isEmpty
			continue
		}
		a.seen[gi] = true
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			a.overflow[gi] = true
			continue
		}
		a.add(gi, sums[i])
	}
	return nil
}

func (a *decimalSumAcc) State() ([]arrow.Array, error) {
	has := make([]bool, len(a.sums))
	for g := range has {
		has[g] = !a.overflow[g]
	}
	sum := makeFixed(a.sumType, a.sums, has)
	if a.avg {
		return []arrow.Array{sum, makeFixed(arrow.PrimitiveTypes.Int64, a.counts, nil)}, nil
	}
	empty := make([]bool, len(a.sums))
	for g := range empty {
		empty[g] = !a.seen[g]
	}
	return []arrow.Array{sum, makeBool(empty, nil)}, nil
}

func (a *decimalSumAcc) Evaluate() (arrow.Array, error) {
	n := len(a.sums)
	has := make([]bool, n)
	if !a.avg {
		for g := range n {
			if !a.seen[g] {
				continue
			}
			if a.overflow[g] {
				if a.ansi {
					return nil, overflowError("Overflow in sum of decimals", "try_sum")
				}
				continue
			}
			has[g] = true
		}
		return makeFixed(a.sumType, a.sums, has), nil
	}
	rt := a.resType.(*arrow.Decimal128Type)
	out := make([]decimal128.Num, n)
	for g := range n {
		if a.counts[g] == 0 {
			continue
		}
		if a.overflow[g] {
			if a.ansi {
				return nil, overflowError("Overflow in sum of decimals", "try_avg")
			}
			continue
		}
		v, ok := divideHalfUp(a.sums[g], a.scale, a.counts[g], rt.Scale)
		if !ok || !v.FitsInPrecision(rt.Precision) {
			if a.ansi {
				return nil, outOfRange(a.sums[g], a.scale, a.counts[g], rt)
			}
			continue
		}
		out[g], has[g] = v, true
	}
	return makeFixed(a.resType, out, has), nil
}

// divideHalfUp computes sum (at scale s) / count rounded HALF_UP to scale rs.
func divideHalfUp(sum decimal128.Num, s int32, count int64, rs int32) (decimal128.Num, bool) {
	num := sum.BigInt()
	if rs > s {
		num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rs-s)), nil))
	}
	den := big.NewInt(count)
	if rs < s {
		den.Mul(den, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(s-rs)), nil))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	// HALF_UP: away from zero when the remainder is at least half the divisor.
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(new(big.Int).Abs(den)) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if q.BitLen() > 126 {
		return decimal128.Num{}, false
	}
	return decimal128.FromBigInt(q), true
}

func outOfRange(sum decimal128.Num, s int32, count int64, rt *arrow.Decimal128Type) error {
	q, _ := new(big.Float).SetPrec(200).Quo(sum.ToBigFloat(s), new(big.Float).SetInt64(count)).Float64()
	return sparkerror.New(sparkerror.Arithmetic, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "22003",
		"<value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> to \"false\" to bypass this error, and return NULL instead.",
		map[string]string{"value": strconv.FormatFloat(q, 'g', -1, 64),
			"precision": strconv.Itoa(int(rt.Precision)), "scale": strconv.Itoa(int(rt.Scale)),
			"config": `"spark.sql.ansi.enabled"`})
}

// intervalSumAcc is sum and avg over ANSI intervals (duration[us] for day-time,
// month_interval for year-month). Interval arithmetic always fails on overflow, as in Spark.
type intervalSumAcc struct {
	dt     arrow.DataType
	avg    bool
	sums   []int64
	has    []bool
	counts []int64
}

func (a *intervalSumAcc) Resize(n int) {
	a.sums, a.has, a.counts = extend(a.sums, n), extend(a.has, n), extend(a.counts, n)
}
func (a *intervalSumAcc) Size() int64 { return int64(cap(a.sums)*16 + cap(a.has)) }
func (a *intervalSumAcc) Release()    {}

func (a *intervalSumAcc) months() bool { return a.dt.ID() == arrow.INTERVAL_MONTHS }

func (a *intervalSumAcc) addOne(g uint32, v int64) error {
	s := a.sums[g]
	r := s + v
	if a.months() {
		if r > 1<<31-1 || r < -1<<31 {
			return overflowError("integer overflow", "try_add")
		}
	} else if (s^r)&(v^r) < 0 {
		return overflowError("long overflow", "try_add")
	}
	a.sums[g], a.has[g] = r, true
	return nil
}

func (a *intervalSumAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(arg)
	if a.months() {
		for i, v := range fixedValues[int32](arg) {
			if isValid(vb, voff, i) {
				a.counts[g[i]]++
				if err := a.addOne(g[i], int64(v)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for i, v := range fixedValues[int64](arg) {
		if isValid(vb, voff, i) {
			a.counts[g[i]]++
			if err := a.addOne(g[i], v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *intervalSumAcc) Merge(g []uint32, state []arrow.Array) error {
	var counts []int64
	if a.avg {
		counts = fixedValues[int64](state[1])
	}
	vb, voff := validity(state[0])
	for i, gi := range g {
		if counts != nil {
			a.counts[gi] += counts[i]
		}
		if !isValid(vb, voff, i) {
			continue
		}
		var v int64
		if a.months() {
			v = int64(fixedValues[int32](state[0])[i])
		} else {
			v = fixedValues[int64](state[0])[i]
		}
		if err := a.addOne(gi, v); err != nil {
			return err
		}
	}
	return nil
}

func (a *intervalSumAcc) column(vals []int64, has []bool) arrow.Array {
	return intervalColumn(a.dt, vals, has)
}

// intervalColumn builds an interval (or long) column of dt from 64-bit sums: year-month
// intervals hold 32-bit months.
func intervalColumn(dt arrow.DataType, vals []int64, has []bool) arrow.Array {
	if dt.ID() == arrow.INTERVAL_MONTHS {
		m := make([]int32, len(vals))
		for i, v := range vals {
			m[i] = int32(v)
		}
		return makeFixed(dt, m, has)
	}
	return makeFixed(dt, vals, has)
}

func (a *intervalSumAcc) State() ([]arrow.Array, error) {
	sum := a.column(a.sums, a.has)
	if a.avg {
		return []arrow.Array{sum, makeFixed(arrow.PrimitiveTypes.Int64, a.counts, nil)}, nil
	}
	return []arrow.Array{sum}, nil
}

func (a *intervalSumAcc) Evaluate() (arrow.Array, error) {
	if !a.avg {
		return a.column(a.sums, a.has), nil
	}
	out := make([]int64, len(a.sums))
	has := make([]bool, len(a.sums))
	for g, c := range a.counts {
		if c > 0 {
			out[g], has[g] = divRoundHalfUp(a.sums[g], c), true
		}
	}
	return a.column(out, has), nil
}

// divRoundHalfUp divides rounding half away from zero (Guava's RoundingMode.HALF_UP).
func divRoundHalfUp(a, b int64) int64 {
	q, r := a/b, a%b
	if r == 0 {
		return q
	}
	ar, ab := r, b
	if ar < 0 {
		ar = -ar
	}
	if ab < 0 {
		ab = -ab
	}
	if ar >= ab-ar {
		if (a < 0) != (b < 0) {
			q--
		} else {
			q++
		}
	}
	return q
}
