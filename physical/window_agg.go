package physical

import (
	"bytes"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/sql/sparkerror"
)

// aggKind selects how an aggregate is evaluated over frames.
type aggKind uint8

const (
	// aggGeneric gathers each distinct frame's rows into a group of the aggregate's
	// accumulator (exact for every function, DISTINCT and FILTER included).
	aggGeneric aggKind = iota
	aggCount
	aggCountIf
	aggSumInt   // integral sum: prefix sums
	aggSumFloat // sum -> DOUBLE
	aggAvgFloat // avg -> DOUBLE
	aggDecimal  // sum/avg over decimals
	aggMinMax
	aggMoments // stddev, variance, skewness, kurtosis
)

func resolveWindowAgg(f *winFunc, call WindowFunc, framed func()) (*winFunc, error) {
	fn, err := aggregate.New(aggregate.Call{Fn: call.Fn, Args: call.Args, Distinct: call.Distinct,
		Filter: call.Filter, InputTypes: call.InputTypes, IgnoreNulls: call.IgnoreNulls, ANSI: call.ANSI,
		LegacyStatisticalAggregate: call.LegacyStatisticalAggregate})
	if err != nil {
		return nil, err
	}
	f.kind, f.agg = kAgg, fn
	f.sparkType, f.arrowType, f.nullable = fn.ResultType(), fn.ArrowResultType(), fn.Nullable()
	framed()
	f.aggKind = classifyAgg(fn, call)
	return f.finish()
}

func isIntType(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
		return true
	}
	return false
}

func isFloatType(dt arrow.DataType) bool {
	return dt.ID() == arrow.FLOAT32 || dt.ID() == arrow.FLOAT64
}

func classifyAgg(fn *aggregate.Function, call WindowFunc) aggKind {
	if call.Filter != nil {
		return aggGeneric
	}
	var arg arrow.DataType
	if len(call.Args) == 1 {
		arg = call.Args[0].DataType()
	}
	switch fn.Name() {
	case "count":
		if !call.Distinct {
			return aggCount
		}
	case "count_if":
		if !call.Distinct && arg != nil && arg.ID() == arrow.BOOL {
			return aggCountIf
		}
	case "sum", "avg":
		if call.Distinct || arg == nil {
			return aggGeneric
		}
		switch {
		case isIntType(arg) && fn.Name() == "sum":
			return aggSumInt
		case isIntType(arg) || isFloatType(arg):
			if fn.Name() == "sum" {
				return aggSumFloat
			}
			return aggAvgFloat
		case arg.ID() == arrow.DECIMAL128:
			return aggDecimal
		}
	case "min", "max":
		if arg != nil && arg.ID() != arrow.NULL && arrow.TypeEqual(arg, fn.ArrowResultType()) {
			return aggMinMax
		}
	case "stddev_samp", "stddev_pop", "var_samp", "var_pop", "skewness", "kurtosis":
		if !call.Distinct && arg != nil && (isIntType(arg) || isFloatType(arg) || arg.ID() == arrow.DECIMAL128) {
			return aggMoments
		}
	}
	return aggGeneric
}

// evalAgg evaluates an aggregate over every row's frame. Consecutive rows with the same
// frame (peers, whole partitions) share one evaluation.
func (f *winFunc) evalAgg(u *winUnit) (arrow.Array, error) {
	lo, hi, err := u.bounds(f.frameIdx)
	if err != nil {
		return nil, err
	}
	args := make([]arrow.Array, len(f.call.Args))
	for i, a := range f.call.Args {
		if args[i], err = u.eval(a); err != nil {
			return nil, err
		}
	}
	// distinct consecutive frames
	n := u.n
	flo, fhi := lo, hi
	var rowMap []int32
	m := 0
	for i := range n {
		if i > 0 && lo[i] == lo[i-1] && hi[i] == hi[i-1] {
			continue
		}
		m++
	}
	if m < n {
		flo, fhi, rowMap = make([]int32, 0, m), make([]int32, 0, m), make([]int32, n)
		for i := range n {
			if i == 0 || lo[i] != lo[i-1] || hi[i] != hi[i-1] {
				flo, fhi = append(flo, lo[i]), append(fhi, hi[i])
			}
			rowMap[i] = int32(len(flo) - 1)
		}
	}
	var res arrow.Array
	switch f.aggKind {
	case aggCount, aggCountIf:
		res = f.aggCount(args, n, flo, fhi)
	case aggSumInt:
		res, err = f.aggSumInt(u, args[0], flo, fhi)
	case aggSumFloat, aggAvgFloat:
		res = f.aggSumFloat(args[0], flo, fhi)
	case aggDecimal:
		res, err = f.aggDecimal(u, args[0], flo, fhi)
	case aggMinMax:
		res, err = f.aggMinMax(args[0], flo, fhi)
	case aggMoments:
		res, err = f.aggMoments(args[0], flo, fhi)
	default:
		res, err = f.aggGeneric(u, args, flo, fhi)
	}
	if err != nil {
		return nil, err
	}
	if rowMap == nil {
		return res, nil
	}
	defer res.Release()
	return aggregate.Take(res, rowMap)
}

// mergeEvaluate finalizes per-frame states (the function's StateFields layout) with the
// aggregate's own Merge and Evaluate, so results follow its rules (rounding, NULLs,
// overflow) exactly.
func (f *winFunc) mergeEvaluate(state []arrow.Array, m int) (arrow.Array, error) {
	defer releaseArrays(state)
	acc := f.agg.NewAccumulator()
	defer acc.Release()
	acc.Resize(m)
	g := make([]uint32, m)
	for i := range g {
		g[i] = uint32(i)
	}
	if err := acc.Merge(g, state); err != nil {
		return nil, err
	}
	return acc.Evaluate()
}

// aggCount: prefix counts of the counted rows (all arguments non-null; count_if: true).
func (f *winFunc) aggCount(args []arrow.Array, n int, flo, fhi []int32) arrow.Array {
	c := make([]int64, n+1)
	vs := make([]validity, len(args))
	for i, a := range args {
		vs[i] = validityOf(a)
	}
	var truth []byte
	var toff int
	if f.aggKind == aggCountIf {
		truth, toff = args[0].Data().Buffers()[1].Bytes(), args[0].Data().Offset()
	}
	for i := range n {
		ok := true
		for _, v := range vs {
			if !v.ok(i) {
				ok = false
				break
			}
		}
		if ok && truth != nil && !bitutil.BitIsSet(truth, toff+i) {
			ok = false
		}
		c[i+1] = c[i]
		if ok {
			c[i+1]++
		}
	}
	out := make([]int64, len(flo))
	for j := range flo {
		out[j] = c[fhi[j]] - c[flo[j]]
	}
	return int64Array(out, nil)
}

// aggSumInt: prefix sums, exact (wrapping like Spark's bigint sum); under ANSI only when
// no partial sum of the unit can overflow, else the accumulator recomputes (and raises
// Spark's overflow error where Spark would).
func (f *winFunc) aggSumInt(u *winUnit, arg arrow.Array, flo, fhi []int32) (arrow.Array, error) {
	vals, _ := intValues(arg)
	valid := validityOf(arg)
	n := len(vals)
	if f.call.ANSI {
		var abs uint64
		for i, v := range vals {
			if !valid.ok(i) {
				continue
			}
			if v == math.MinInt64 {
				return f.aggGeneric(u, []arrow.Array{arg}, flo, fhi)
			}
			if v < 0 {
				v = -v
			}
			abs += uint64(v)
			if abs > math.MaxInt64 {
				return f.aggGeneric(u, []arrow.Array{arg}, flo, fhi)
			}
		}
	}
	p := make([]int64, n+1)
	c := make([]int32, n+1)
	for i, v := range vals {
		p[i+1], c[i+1] = p[i], c[i]
		if valid.ok(i) {
			p[i+1] += v
			c[i+1]++
		}
	}
	out := make([]int64, len(flo))
	has := make([]bool, len(flo))
	for j := range flo {
		l, h := flo[j], fhi[j]
		out[j], has[j] = p[h]-p[l], c[h] > c[l]
	}
	return int64Array(out, has), nil
}

// floatValues converts a numeric array to doubles (decimals by their value).
func floatValues(a arrow.Array) []float64 {
	if d, ok := a.(*array.Decimal128); ok {
		scale := d.DataType().(*arrow.Decimal128Type).Scale
		out := make([]float64, d.Len())
		for i, v := range d.Values() {
			out[i] = v.ToFloat64(scale)
		}
		return out
	}
	return floatKeys(a)
}

// aggSumFloat is sum and avg as doubles. Spark adds a frame's values one by one in row
// order; so do we, extending the running sum while the frame only grows and recomputing
// when it loses rows. When every value is an integer and the sum of magnitudes stays
// within 2^53, every partial sum is exact and prefix differences give the same bits.
func (f *winFunc) aggSumFloat(arg arrow.Array, flo, fhi []int32) arrow.Array {
	vals := floatValues(arg)
	valid := validityOf(arg)
	n := len(vals)
	m := len(flo)
	out := make([]float64, m)
	has := make([]bool, m)
	avg := f.aggKind == aggAvgFloat
	finish := func(j int, s float64, c int64) {
		if c > 0 {
			out[j], has[j] = s, true
			if avg {
				out[j] = s / float64(c)
			}
		}
	}
	exact := true
	abs := 0.0
	for i, v := range vals {
		if valid.ok(i) {
			abs += math.Abs(v)
			if v != math.Trunc(v) || abs > 1<<53 { // NaN and Inf fail too
				exact = false
				break
			}
		}
	}
	if exact {
		p := make([]float64, n+1)
		c := make([]int64, n+1)
		for i, v := range vals {
			p[i+1], c[i+1] = p[i], c[i]
			if valid.ok(i) {
				p[i+1] += v
				c[i+1]++
			}
		}
		for j := range flo {
			l, h := flo[j], fhi[j]
			finish(j, p[h]-p[l], c[h]-c[l])
		}
		return float64Array(out, has)
	}
	curLo, curHi := int32(-1), int32(-1)
	s, c := 0.0, int64(0)
	for j := range flo {
		l, h := flo[j], fhi[j]
		if l != curLo || h < curHi {
			s, c, curLo, curHi = 0, 0, l, l
		}
		for r := curHi; r < h; r++ {
			if valid.ok(int(r)) {
				s += vals[r]
				c++
			}
		}
		curHi = h
		finish(j, s, c)
	}
	return float64Array(out, has)
}

// aggDecimal is sum and avg over decimals: prefix sums when no partial sum of the unit can
// leave the sum type's precision, else the accumulator recomputes (Spark's overflow to
// NULL, or error under ANSI, depends on the order of additions).
func (f *winFunc) aggDecimal(u *winUnit, arg arrow.Array, flo, fhi []int32) (arrow.Array, error) {
	st := f.agg.StateFields()
	sumType, ok := st[0].Type.(*arrow.Decimal128Type)
	d, ok2 := arg.(*array.Decimal128)
	if !ok || !ok2 {
		return f.aggGeneric(u, []arrow.Array{arg}, flo, fhi)
	}
	vals := d.Values()
	valid := validityOf(arg)
	var abs decimal128.Num
	for i, v := range vals {
		if valid.ok(i) {
			abs = abs.Add(v.Abs())
			if abs.Sign() < 0 || !abs.FitsInPrecision(sumType.Precision) {
				return f.aggGeneric(u, []arrow.Array{arg}, flo, fhi)
			}
		}
	}
	n := len(vals)
	p := make([]decimal128.Num, n+1)
	c := make([]int64, n+1)
	for i, v := range vals {
		p[i+1], c[i+1] = p[i], c[i]
		if valid.ok(i) {
			p[i+1] = p[i+1].Add(v)
			c[i+1]++
		}
	}
	m := len(flo)
	sums := make([]decimal128.Num, m)
	counts := make([]int64, m)
	for j := range flo {
		l, h := flo[j], fhi[j]
		sums[j], counts[j] = p[h].Sub(p[l]), c[h]-c[l]
	}
	sum := fixedArray(sumType, m, arrow.Decimal128Traits.CastToBytes(sums), nil)
	var second arrow.Array
	if f.agg.Name() == "avg" {
		second = int64Array(counts, nil)
	} else {
		empty := make([]bool, m)
		for j, k := range counts {
			empty[j] = k == 0
		}
		second = boolArray(empty)
	}
	return f.mergeEvaluate([]arrow.Array{sum, second}, m)
}

func boolArray(v []bool) arrow.Array {
	bm := make([]byte, bitutil.BytesForBits(int64(len(v))))
	for i, x := range v {
		if x {
			bitutil.SetBit(bm, i)
		}
	}
	data := array.NewData(arrow.FixedWidthTypes.Boolean, len(v), []*arrowmem.Buffer{nil, arrowmem.NewBufferBytes(bm)}, nil, 0, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// aggMinMax picks each frame's minimum (maximum) row by the values' order-preserving
// encoding, keeping the first of equal values as Spark does, with a monotonic queue when
// frames move forward (always, for sorted partitions), else by scanning each frame.
func (f *winFunc) aggMinMax(arg arrow.Array, flo, fhi []int32) (arrow.Array, error) {
	enc, err := aggregate.NewRowEncoder([]aggregate.SortField{{Type: arg.DataType(), NullsFirst: true}})
	if err != nil {
		return nil, err
	}
	rows := &aggregate.Rows{}
	enc.Encode([]arrow.Array{arg}, arg.Len(), rows)
	valid := validityOf(arg)
	isMax := f.agg.Name() == "max"
	better := func(a, b int32) bool {
		c := bytes.Compare(rows.Row(int(a)), rows.Row(int(b)))
		if isMax {
			return c > 0
		}
		return c < 0
	}
	m := len(flo)
	idx := make([]int32, m)
	monotone := true
	for j := 1; j < m; j++ {
		if flo[j] < flo[j-1] || fhi[j] < fhi[j-1] {
			monotone = false
			break
		}
	}
	if !monotone {
		for j := range flo {
			best := int32(-1)
			for r := flo[j]; r < fhi[j]; r++ {
				if valid.ok(int(r)) && (best < 0 || better(r, best)) {
					best = r
				}
			}
			idx[j] = best
		}
		return aggregate.Take(arg, idx)
	}
	dq := make([]int32, 0, 64)
	head := 0
	next := int32(0)
	for j := range flo {
		l, h := flo[j], fhi[j]
		next = max(next, l)
		for ; next < h; next++ {
			if !valid.ok(int(next)) {
				continue
			}
			for len(dq) > head && better(next, dq[len(dq)-1]) {
				dq = dq[:len(dq)-1]
			}
			dq = append(dq, next)
		}
		for head < len(dq) && dq[head] < l {
			head++
		}
		if head > 1024 && head > len(dq)/2 {
			dq = append(dq[:0], dq[head:]...)
			head = 0
		}
		idx[j] = -1
		if head < len(dq) {
			idx[j] = dq[head]
		}
	}
	return aggregate.Take(arg, idx)
}

// aggMoments computes Spark's central moments (n, avg, m2[, m3, m4]) with its update
// formulas, extending while frames grow and recomputing when they lose rows, then lets the
// accumulator finish (stddev, variance, skewness, kurtosis and their NULL/NaN rules).
func (f *winFunc) aggMoments(arg arrow.Array, flo, fhi []int32) (arrow.Array, error) {
	vals := floatValues(arg)
	valid := validityOf(arg)
	order := len(f.agg.StateFields()) - 1
	m := len(flo)
	on, oavg, om2 := make([]float64, m), make([]float64, m), make([]float64, m)
	var om3, om4 []float64
	if order >= 3 {
		om3 = make([]float64, m)
	}
	if order >= 4 {
		om4 = make([]float64, m)
	}
	var n, avg, m2, m3, m4 float64
	curLo, curHi := int32(-1), int32(-1)
	for j := range flo {
		l, h := flo[j], fhi[j]
		if l != curLo || h < curHi {
			n, avg, m2, m3, m4 = 0, 0, 0, 0, 0
			curLo, curHi = l, l
		}
		for r := curHi; r < h; r++ {
			if !valid.ok(int(r)) {
				continue
			}
			x := vals[r]
			n1 := n + 1
			delta := x - avg
			deltaN := delta / n1
			nm2 := m2 + delta*(delta-deltaN)
			if order >= 3 {
				delta2 := delta * delta
				deltaN2 := deltaN * deltaN
				nm3 := m3 - 3.0*deltaN*nm2 + delta*(delta2-deltaN2)
				if order >= 4 {
					m4 = m4 - 4.0*deltaN*nm3 - 6.0*deltaN2*nm2 + delta*(delta*delta2-deltaN*deltaN2)
				}
				m3 = nm3
			}
			n, avg, m2 = n1, avg+deltaN, nm2
		}
		curHi = h
		on[j], oavg[j], om2[j] = n, avg, m2
		if om3 != nil {
			om3[j] = m3
		}
		if om4 != nil {
			om4[j] = m4
		}
	}
	state := []arrow.Array{float64Array(on, nil), float64Array(oavg, nil), float64Array(om2, nil)}
	if om3 != nil {
		state = append(state, float64Array(om3, nil))
	}
	if om4 != nil {
		state = append(state, float64Array(om4, nil))
	}
	return f.mergeEvaluate(state, m)
}

// Generic evaluation: chunks of frames, each frame a group of one accumulator; small
// frames' rows are gathered (one Update per chunk), large ones passed as slices.
const (
	windowGatherRows = 1 << 16
	windowBigFrame   = 4096
	windowMaxGroups  = 1 << 14
)

func (f *winFunc) aggGeneric(u *winUnit, args []arrow.Array, flo, fhi []int32) (arrow.Array, error) {
	var filter []bool
	if f.call.Filter != nil {
		fa, err := u.eval(f.call.Filter)
		if err != nil {
			return nil, err
		}
		b, ok := fa.(*array.Boolean)
		if !ok {
			if fa.DataType().ID() != arrow.NULL {
				return nil, sparkerror.InternalError("window: filter %s is %s, not boolean", f.call.Filter, fa.DataType())
			}
			filter = make([]bool, u.n)
		} else {
			filter = make([]bool, u.n)
			for i := range filter {
				filter[i] = b.IsValid(i) && b.Value(i)
			}
		}
	}
	m := len(flo)
	var results []arrow.Array
	defer func() { releaseArrays(results) }()
	var gids, rep []uint32
	var idx []int32
	for j0 := 0; j0 < m; {
		if err := u.s.ctx.Err(); err != nil {
			return nil, err
		}
		j1, total := j0, 0
		for j1 < m && j1-j0 < windowMaxGroups && (j1 == j0 || total+int(fhi[j1]-flo[j1]) <= windowGatherRows) {
			total += int(fhi[j1] - flo[j1])
			j1++
		}
		res, err := func() (arrow.Array, error) {
			acc := f.agg.NewAccumulator()
			defer acc.Release()
			acc.Resize(j1 - j0)
			gids, idx = gids[:0], idx[:0]
			flush := func() error {
				if len(idx) == 0 {
					return nil
				}
				taken := make([]arrow.Array, len(args))
				defer releaseArrays(taken)
				for i, a := range args {
					t, err := aggregate.Take(a, idx)
					if err != nil {
						return err
					}
					taken[i] = t
				}
				err := acc.Update(gids, taken)
				gids, idx = gids[:0], idx[:0]
				return err
			}
			for j := j0; j < j1; j++ {
				l, h := flo[j], fhi[j]
				g := uint32(j - j0)
				if h-l >= windowBigFrame && filter == nil {
					if err := flush(); err != nil {
						return nil, err
					}
					rep = rep[:0]
					for range h - l {
						rep = append(rep, g)
					}
					sl := make([]arrow.Array, len(args))
					for i, a := range args {
						sl[i] = array.NewSlice(a, int64(l), int64(h))
					}
					err := acc.Update(rep, sl)
					releaseArrays(sl)
					if err != nil {
						return nil, err
					}
					continue
				}
				for r := l; r < h; r++ {
					if filter == nil || filter[r] {
						gids = append(gids, g)
						idx = append(idx, r)
					}
				}
			}
			if err := flush(); err != nil {
				return nil, err
			}
			return acc.Evaluate()
		}()
		if err != nil {
			return nil, err
		}
		results = append(results, res)
		j0 = j1
	}
	if len(results) == 0 {
		acc := f.agg.NewAccumulator()
		defer acc.Release()
		return acc.Evaluate()
	}
	if len(results) == 1 {
		r := results[0]
		results = nil
		return r, nil
	}
	out, err := array.Concatenate(results, arrowmem.DefaultAllocator)
	if err != nil {
		return nil, sparkerror.InternalError("window: concatenating results: %v", err)
	}
	return out, nil
}
