package aggregate

import (
	"encoding/binary"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// percentile_approx / approx_percentile: Spark's ApproximatePercentile, a Greenwald-Khanna
// quantile summary (Spark's QuantileSummaries) per group with relative error 1/accuracy,
// a 50,000-value head buffer and a compression threshold of 10,000 samples. The state is
// Spark's serialized PercentileDigest.

func init() {
	aliases["percentile_approx"] = "percentile_approx"
	aliases["approx_percentile"] = "percentile_approx"
}

const (
	gkCompressThreshold = 10000
	gkHeadSize          = 50000
)

// resolvePercentileApprox resolves percentile_approx(v, percentage, accuracy).
func (f *Function) resolvePercentileApprox() error {
	if len(f.argTypes) != 3 {
		return f.wrongArgs("[2, 3]")
	}
	vt := f.sparkArgs[0]
	switch vt.(type) {
	case types.DateType, types.TimestampType, types.TimestampNTZType, types.YearMonthIntervalType,
		types.DayTimeIntervalType, types.ByteType, types.ShortType, types.IntegerType, types.LongType,
		types.FloatType, types.DoubleType, types.DecimalType:
	default:
		return f.badType(vt, `("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`)
	}
	asArray := false
	switch pt := f.sparkArgs[1].(type) {
	case types.ArrayType:
		asArray = true
		if !isNumeric(pt.ElementType) {
			return f.badType(pt, `"ARRAY<DOUBLE>"`)
		}
	default:
		if !isNumeric(pt) {
			return f.badType(pt, `"DOUBLE"`)
		}
	}
	if !isIntegral(f.sparkArgs[2]) {
		return f.badType(f.sparkArgs[2], `"INTEGRAL"`)
	}
	accuracy := int64(10000)
	if v, err := f.constArg(2); err != nil {
		return err
	} else if v != nil {
		if v.IsNull(0) {
			v.Release()
			return approxPctMismatch("UNEXPECTED_NULL", "The <exprName> must not be null.", map[string]string{"exprName": "accuracy"})
		}
		accuracy = intAt(v, 0)
		v.Release()
		if accuracy <= 0 || accuracy > math.MaxInt32 {
			return approxPctMismatch("VALUE_OUT_OF_RANGE", "The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"exprName": "accuracy", "valueRange": "(0, 2147483647]", "currentValue": strconv.FormatInt(accuracy, 10) + "L"})
		}
	}
	var percentages []float64
	if v, err := f.constArg(1); err != nil {
		return err
	} else if v != nil {
		percentages, err = percentagesOf(v)
		v.Release()
		if err != nil {
			return err
		}
	}
	res := vt
	if asArray {
		res = types.NewArray(vt, false)
	}
	f.result = res
	f.state = []arrow.Field{{Name: "digest", Type: arrow.BinaryTypes.Binary}}
	spec := approxPctSpec{relErr: 1.0 / float64(accuracy), percentages: percentages, asArray: asArray,
		elem: f.argTypes[0], result: mustArrow(res)}
	f.factory = func() Accumulator { return &approxPctAcc{spec: spec} }
	return nil
}

func approxPctMismatch(sub, msg string, params map[string]string) error {
	return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH."+sub, "42K09",
		"Cannot resolve due to data type mismatch: "+msg, params)
}

type approxPctSpec struct {
	relErr      float64
	percentages []float64
	asArray     bool
	elem        arrow.DataType
	result      arrow.DataType
}

// gkStat is one sample of a summary: its value, the minimum rank gap from the previous
// sample (g) and the maximum rank uncertainty (delta).
type gkStat struct {
	value    float64
	g, delta int64
}

// gkSummary is Spark's QuantileSummaries. count counts the samples merged into sampled,
// not those still in head.
type gkSummary struct {
	relErr     float64
	head       []float64
	sampled    []gkStat
	count      int64
	compressed bool
}

func newGKSummary(relErr float64) *gkSummary {
	return &gkSummary{relErr: relErr, compressed: true}
}

func (s *gkSummary) insert(x float64) {
	s.head = append(s.head, x)
	s.compressed = false
	if len(s.head) >= gkHeadSize {
		s.insertHead()
		if len(s.sampled) >= gkCompressThreshold {
			s.compress()
		}
	}
}

// javaDoubleCompare orders doubles as java.lang.Double.compare: -0.0 below 0.0, NaN above
// everything.
func javaDoubleCompare(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	xb, yb := int64(math.Float64bits(x)), int64(math.Float64bits(y))
	if math.IsNaN(x) {
		xb = 0x7ff8000000000000
	}
	if math.IsNaN(y) {
		yb = 0x7ff8000000000000
	}
	switch {
	case xb < yb:
		return -1
	case xb > yb:
		return 1
	}
	return 0
}

// insertHead merges the sorted head buffer into the samples.
func (s *gkSummary) insertHead() {
	if len(s.head) == 0 {
		return
	}
	sorted := s.head
	slices.SortFunc(sorted, javaDoubleCompare)
	out := make([]gkStat, 0, len(s.sampled)+len(sorted))
	cur := s.count
	si := 0
	for oi, x := range sorted {
		for si < len(s.sampled) && s.sampled[si].value <= x {
			out = append(out, s.sampled[si])
			si++
		}
		cur++
		var delta int64
		if len(out) > 0 && !(si == len(s.sampled) && oi == len(sorted)-1) {
			delta = int64(math.Floor(2 * s.relErr * float64(cur)))
		}
		out = append(out, gkStat{value: x, g: 1, delta: delta})
	}
	out = append(out, s.sampled[si:]...)
	s.sampled, s.count = out, cur
	s.head = s.head[:0]
}

func (s *gkSummary) compress() {
	s.insertHead()
	s.sampled = gkCompress(s.sampled, 2*s.relErr*float64(s.count))
	s.compressed = true
}

// gkCompress is Spark's compressImmut: from the end, merge each sample into its successor
// while their combined span stays under the threshold; the first sample is kept.
func gkCompress(in []gkStat, threshold float64) []gkStat {
	if len(in) == 0 {
		return nil
	}
	rev := make([]gkStat, 0, len(in))
	head := in[len(in)-1]
	for i := len(in) - 2; i >= 1; i-- {
		s := in[i]
		if float64(s.g+head.g+head.delta) < threshold {
			head.g += s.g
		} else {
			rev = append(rev, head)
			head = s
		}
	}
	rev = append(rev, head)
	if in[0].value <= head.value && len(in) > 1 {
		rev = append(rev, in[0])
	}
	slices.Reverse(rev)
	return rev
}

// merge folds other (compressed) into s (compressed first when it is not).
func (s *gkSummary) merge(other *gkSummary) {
	if !s.compressed {
		s.compress()
	}
	if other.count == 0 {
		return
	}
	if s.count == 0 {
		s.relErr, s.sampled, s.count, s.compressed = other.relErr, append([]gkStat(nil), other.sampled...), other.count, true
		return
	}
	out := make([]gkStat, 0, len(s.sampled)+len(other.sampled))
	relErr := max(s.relErr, other.relErr)
	count := s.count + other.count
	addSelf := int64(math.Floor(2 * other.relErr * float64(other.count)))
	addOther := int64(math.Floor(2 * s.relErr * float64(s.count)))
	i, j := 0, 0
	for i < len(s.sampled) && j < len(other.sampled) {
		a, b := s.sampled[i], other.sampled[j]
		if a.value < b.value {
			i++
			if j > 0 {
				a.delta += addSelf
			}
			out = append(out, a)
		} else {
			j++
			if i > 0 {
				b.delta += addOther
			}
			out = append(out, b)
		}
	}
	out = append(out, s.sampled[i:]...)
	out = append(out, other.sampled[j:]...)
	s.sampled = gkCompress(out, 2*relErr*float64(count))
	s.relErr, s.count, s.compressed = relErr, count, true
}

// query answers the percentages (each in [0, 1]) into out; false for an empty summary.
func (s *gkSummary) query(percentages []float64, out []float64) bool {
	if !s.compressed {
		s.compress()
	}
	if s.count == 0 || len(s.sampled) == 0 {
		return false
	}
	target := int64(math.MinInt64)
	for _, st := range s.sampled {
		target = max(target, st.delta+st.g)
	}
	targetErr := float64(target / 2)
	order := make([]int, len(percentages))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return javaDoubleCompare(percentages[x], percentages[y]) })
	index, minRank := 0, s.sampled[0].g
	for _, pos := range order {
		p := percentages[pos]
		switch {
		case p <= s.relErr:
			out[pos] = s.sampled[0].value
		case p >= 1-s.relErr:
			out[pos] = s.sampled[len(s.sampled)-1].value
		default:
			index, minRank, out[pos] = s.find(index, minRank, targetErr, p)
		}
	}
	return true
}

func (s *gkSummary) find(index int, minRank int64, targetErr, p float64) (int, int64, float64) {
	rank := int64(math.Ceil(p * float64(s.count)))
	cur := s.sampled[index]
	for i := index; i < len(s.sampled)-1; {
		maxRank := minRank + cur.delta
		if float64(maxRank)-targetErr <= float64(rank) && float64(rank) <= float64(minRank)+targetErr {
			return i, minRank, cur.value
		}
		i++
		cur = s.sampled[i]
		minRank += cur.g
	}
	return len(s.sampled) - 1, 0, s.sampled[len(s.sampled)-1].value
}

// serialize writes Spark's PercentileDigest bytes (big-endian): compress threshold,
// relative error, count, the number of samples and each sample's value, g and delta.
func (s *gkSummary) serialize(dst []byte) []byte {
	if !s.compressed {
		s.compress()
	}
	dst = binary.BigEndian.AppendUint32(dst, gkCompressThreshold)
	dst = binary.BigEndian.AppendUint64(dst, math.Float64bits(s.relErr))
	dst = binary.BigEndian.AppendUint64(dst, uint64(s.count))
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(s.sampled)))
	for _, st := range s.sampled {
		dst = binary.BigEndian.AppendUint64(dst, math.Float64bits(st.value))
		dst = binary.BigEndian.AppendUint64(dst, uint64(st.g))
		dst = binary.BigEndian.AppendUint64(dst, uint64(st.delta))
	}
	return dst
}

func deserializeGK(b []byte) (*gkSummary, error) {
	if len(b) < 24 {
		return nil, sparkerror.InternalError("percentile_approx: a digest of %d bytes", len(b))
	}
	s := &gkSummary{compressed: true}
	s.relErr = math.Float64frombits(binary.BigEndian.Uint64(b[4:]))
	s.count = int64(binary.BigEndian.Uint64(b[12:]))
	n := int(binary.BigEndian.Uint32(b[20:]))
	b = b[24:]
	if len(b) != 24*n {
		return nil, sparkerror.InternalError("percentile_approx: a digest of %d samples in %d bytes", n, len(b))
	}
	s.sampled = make([]gkStat, n)
	for i := range s.sampled {
		s.sampled[i] = gkStat{value: math.Float64frombits(binary.BigEndian.Uint64(b)),
			g: int64(binary.BigEndian.Uint64(b[8:])), delta: int64(binary.BigEndian.Uint64(b[16:]))}
		b = b[24:]
	}
	return s, nil
}

// approxPctAcc keeps one summary per group (nil until the group sees a value).
type approxPctAcc struct {
	spec    approxPctSpec
	sums    []*gkSummary
	scratch []float64
	bytes   int64
}

func (a *approxPctAcc) Resize(n int) { a.sums = extend(a.sums, n) }
func (a *approxPctAcc) Size() int64  { return a.bytes + int64(cap(a.sums)*8+cap(a.scratch)*8) }
func (a *approxPctAcc) Release()     {}

func (a *approxPctAcc) summary(g uint32) *gkSummary {
	s := a.sums[g]
	if s == nil {
		s = newGKSummary(a.spec.relErr)
		a.sums[g] = s
		a.bytes += 96
	}
	return s
}

// asDoubles reads the value column as doubles (dates as days, timestamps and day-time
// intervals as microseconds, year-month intervals as months).
func asDoubles(arr arrow.Array, scratch []float64) []float64 {
	switch arr.DataType().ID() {
	case arrow.DATE32, arrow.INTERVAL_MONTHS:
		out := resize(scratch, arr.Len())
		for i, v := range fixedValues[int32](arr) {
			out[i] = float64(v)
		}
		return out
	case arrow.TIMESTAMP, arrow.DURATION:
		out := resize(scratch, arr.Len())
		for i, v := range fixedValues[int64](arr) {
			out[i] = float64(v)
		}
		return out
	}
	return numericValues(arr, scratch)
}

func (a *approxPctAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	a.scratch = asDoubles(arg, a.scratch)
	vb, voff := validity(arg)
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			continue
		}
		a.summary(gi).insert(a.scratch[i])
		a.bytes += 8
	}
	return nil
}

func (a *approxPctAcc) Merge(g []uint32, state []arrow.Array) error {
	col := state[0]
	vb, voff := validity(col)
	offs, data := varOffsets(col)
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			continue
		}
		other, err := deserializeGK(data[offs[i]:offs[i+1]])
		if err != nil {
			return err
		}
		a.summary(gi).merge(other)
		a.bytes += int64(24 * len(other.sampled))
	}
	return nil
}

func (a *approxPctAcc) State() ([]arrow.Array, error) {
	b := array.NewBinaryBuilder(memory.DefaultAllocator, arrow.BinaryTypes.Binary)
	defer b.Release()
	var scratch []byte
	for _, s := range a.sums {
		if s == nil {
			s = newGKSummary(a.spec.relErr)
		}
		scratch = s.serialize(scratch[:0])
		b.Append(scratch)
	}
	return []arrow.Array{b.NewArray()}, nil
}

func (a *approxPctAcc) Evaluate() (arrow.Array, error) {
	np := len(a.spec.percentages)
	answer := func(g int, out []float64) bool {
		s := a.sums[g]
		return s != nil && np > 0 && s.query(a.spec.percentages, out)
	}
	return percentileColumn(len(a.sums), np, a.spec.asArray, a.spec.result, answer,
		func(flat []float64, has []bool) (arrow.Array, error) { return doublesAs(a.spec.elem, flat, has) })
}

// javaD2L converts as Java's (long) cast: truncation, NaN to 0, saturation.
func javaD2L(v float64) int64 {
	switch {
	case math.IsNaN(v):
		return 0
	case v >= math.MaxInt64:
		return math.MaxInt64
	case v <= math.MinInt64:
		return math.MinInt64
	}
	return int64(v)
}

// javaD2I converts as Java's (int) cast.
func javaD2I(v float64) int32 {
	switch {
	case math.IsNaN(v):
		return 0
	case v >= math.MaxInt32:
		return math.MaxInt32
	case v <= math.MinInt32:
		return math.MinInt32
	}
	return int32(v)
}

// doublesAs converts the answers back to the value type as Spark's eval does (Scala's
// toInt/toLong/toByte/toShort, Decimal(double) rounded HALF_UP to the column's scale).
func doublesAs(dt arrow.DataType, vals []float64, has []bool) (arrow.Array, error) {
	switch dt.ID() {
	case arrow.INT8:
		out := make([]int8, len(vals))
		for i, v := range vals {
			out[i] = int8(javaD2I(v))
		}
		return makeFixed(dt, out, has), nil
	case arrow.INT16:
		out := make([]int16, len(vals))
		for i, v := range vals {
			out[i] = int16(javaD2I(v))
		}
		return makeFixed(dt, out, has), nil
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		out := make([]int32, len(vals))
		for i, v := range vals {
			out[i] = javaD2I(v)
		}
		return makeFixed(dt, out, has), nil
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION:
		out := make([]int64, len(vals))
		for i, v := range vals {
			out[i] = javaD2L(v)
		}
		return makeFixed(dt, out, has), nil
	case arrow.FLOAT32:
		out := make([]float32, len(vals))
		for i, v := range vals {
			out[i] = float32(v)
		}
		return makeFixed(dt, out, has), nil
	case arrow.FLOAT64:
		return makeFixed(dt, vals, has), nil
	case arrow.DECIMAL128:
		d := dt.(*arrow.Decimal128Type)
		out := make([]decimal128.Num, len(vals))
		valid := make([]bool, len(vals))
		for i, v := range vals {
			if has != nil && !has[i] {
				continue
			}
			out[i], valid[i] = decimalFromDouble(v, d.Precision, d.Scale)
		}
		return makeFixed(dt, out, valid), nil
	}
	return nil, internalType("percentile_approx", dt)
}

// decimalFromDouble is Spark's Decimal(double) (the double's shortest decimal form) changed
// to (precision, scale) with HALF_UP rounding; false when it does not fit.
func decimalFromDouble(v float64, precision, scale int32) (decimal128.Num, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal128.Num{}, false
	}
	s := strconv.FormatFloat(v, 'e', -1, 64) // d.ddde±x
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	// value = 0.digits * 10^(exp+1); unscaled at scale = digits * 10^(exp+1-len+scale)
	shift := exp + 1 - len(digits) + int(scale)
	u, _ := new(big.Int).SetString(digits, 10)
	ten := big.NewInt(10)
	if shift >= 0 {
		u.Mul(u, new(big.Int).Exp(ten, big.NewInt(int64(shift)), nil))
	} else {
		div := new(big.Int).Exp(ten, big.NewInt(int64(-shift)), nil)
		q, r := new(big.Int).QuoRem(u, div, new(big.Int))
		if r.Mul(r, big.NewInt(2)).Cmp(div) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		u = q
	}
	if len(u.String()) > int(precision) && u.Sign() != 0 {
		return decimal128.Num{}, false
	}
	if neg {
		u.Neg(u)
	}
	return decimal128.FromBigInt(u), true
}
