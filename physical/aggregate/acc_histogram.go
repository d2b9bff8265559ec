package aggregate

import (
	"math"
	"math/big"
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func init() { aliases["histogram_numeric"] = "histogram_numeric" }

// resolveHistogram resolves histogram_numeric(v, nb): an approximate histogram of nb
// bins (Ben-Haim and Tom-Tov, as Spark's NumericHistogram computes it), as an array of
// (x, y) structs where x has the input's type.
func (f *Function) resolveHistogram() error {
	if len(f.argTypes) != 2 {
		return f.wrongArgs("2")
	}
	vt := f.sparkArgs[0]
	switch vt.(type) {
	case types.DateType, types.TimestampType, types.TimestampNTZType, types.YearMonthIntervalType, types.DayTimeIntervalType:
	default:
		if !isNumeric(vt) {
			return f.badType(vt, `("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`)
		}
	}
	nb := 0
	if v, err := f.constArg(1); err != nil {
		return err
	} else if v != nil {
		n, ok := v.(*array.Int32)
		if !ok || n.IsNull(0) {
			v.Release()
			return sparkerror.InvalidPlanInput("histogram_numeric: the number of bins must be a constant INT")
		}
		nb = int(n.Value(0))
		v.Release()
		if nb < 2 {
			return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
				"Cannot resolve due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"exprName": "nb", "valueRange": "[2, 2147483647]", "currentValue": strconv.Itoa(nb)})
		}
	}
	st := types.NewStruct(types.NewField("x", vt, true), types.NewField("y", types.Double, true))
	f.result = types.NewArray(st, true)
	f64 := arrow.PrimitiveTypes.Float64
	f.state = []arrow.Field{
		{Name: "x", Type: arrow.ListOf(f64), Nullable: true},
		{Name: "y", Type: arrow.ListOf(f64), Nullable: true},
	}
	lt, xt := mustArrow(f.result), f.argTypes[0]
	f.factory = func() Accumulator { return &histogramAcc{nb: nb, lt: lt, xt: xt} }
	return nil
}

// javaRandom is java.util.Random, which Spark's NumericHistogram uses (seeded 31183) to
// break ties between equally close bins.
type javaRandom struct{ seed uint64 }

const javaRandMask = 1<<48 - 1

func newJavaRandom(seed int64) javaRandom {
	return javaRandom{seed: (uint64(seed) ^ 0x5DEECE66D) & javaRandMask}
}

func (r *javaRandom) next(bits uint) int64 {
	r.seed = (r.seed*0x5DEECE66D + 0xB) & javaRandMask
	return int64(int32(r.seed >> (48 - bits)))
}

func (r *javaRandom) nextDouble() float64 {
	return float64(r.next(26)<<27+r.next(27)) * (1.0 / (1 << 53))
}

type histBin struct{ x, y float64 }

// histogram is one group's NumericHistogram.
type histogram struct {
	bins []histBin
	rng  javaRandom
	init bool
}

func (h *histogram) add(v float64, nb int) {
	bin := 0
	for l, r := 0, len(h.bins); l < r; {
		bin = (l + r) / 2
		if h.bins[bin].x > v {
			r = bin
		} else if h.bins[bin].x < v {
			bin++
			l = bin
		} else {
			break
		}
	}
	if bin < len(h.bins) && h.bins[bin].x == v {
		h.bins[bin].y++
		return
	}
	h.bins = slices.Insert(h.bins, bin, histBin{v, 1})
	if len(h.bins) > nb {
		h.trim(nb)
	}
}

func (h *histogram) trim(nb int) {
	for len(h.bins) > nb {
		b := h.bins
		smallest := b[1].x - b[0].x
		loc, count := 0, 1
		for i := 1; i < len(b)-1; i++ {
			d := b[i+1].x - b[i].x
			if d < smallest {
				smallest, loc, count = d, i, 1
			} else if d == smallest {
				count++
				if h.rng.nextDouble() <= 1.0/float64(count) {
					loc = i
				}
			}
		}
		d := b[loc].y + b[loc+1].y
		x := b[loc].x * (b[loc].y / d)
		x += b[loc+1].x / d * b[loc+1].y
		b[loc] = histBin{x, d}
		h.bins = slices.Delete(b, loc+1, loc+2)
	}
}

// merge folds another histogram's bins in (Spark: a copy into an empty histogram, else a
// sorted union trimmed back to nb bins).
func (h *histogram) merge(other []histBin, nb int) {
	if len(other) == 0 {
		return
	}
	if len(h.bins) == 0 {
		h.bins = append(h.bins[:0], other...)
		return
	}
	h.bins = append(h.bins, other...)
	slices.SortStableFunc(h.bins, func(p, q histBin) int { return cmpDouble(p.x, q.x) })
	h.trim(nb)
}

type histogramAcc struct {
	nb      int
	lt, xt  arrow.DataType
	groups  []histogram
	scratch []float64
}

func (a *histogramAcc) Resize(n int) { a.groups = extend(a.groups, n) }
func (a *histogramAcc) Size() int64 {
	return int64(cap(a.groups)*48 + len(a.groups)*a.nb*16 + cap(a.scratch)*8)
}
func (a *histogramAcc) Release() {}

func (a *histogramAcc) group(g uint32) *histogram {
	h := &a.groups[g]
	if !h.init {
		h.rng, h.init = newJavaRandom(31183), true
	}
	return h
}

func (a *histogramAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vals := a.scratch
	switch arg.DataType().ID() {
	case arrow.DATE32, arrow.INTERVAL_MONTHS:
		vals = resize(vals, arg.Len())
		for i, v := range fixedValues[int32](arg) {
			vals[i] = float64(v)
		}
	case arrow.TIMESTAMP, arrow.DURATION:
		vals = resize(vals, arg.Len())
		for i, v := range fixedValues[int64](arg) {
			vals[i] = float64(v)
		}
	default:
		vals = numericValues(arg, vals)
	}
	a.scratch = vals
	vb, voff := validity(arg)
	for i, gi := range g {
		if isValid(vb, voff, i) {
			a.group(gi).add(vals[i], a.nb)
		}
	}
	return nil
}

func (a *histogramAcc) Merge(g []uint32, state []arrow.Array) error {
	xl, yl := state[0].(*array.List), state[1].(*array.List)
	xs, ys := fixedValues[float64](xl.ListValues()), fixedValues[float64](yl.ListValues())
	var tmp []histBin
	for i, gi := range g {
		if xl.IsNull(i) {
			continue
		}
		start, end := xl.ValueOffsets(i)
		ystart, _ := yl.ValueOffsets(i)
		tmp = tmp[:0]
		for k := start; k < end; k++ {
			tmp = append(tmp, histBin{xs[k], ys[ystart+(k-start)]})
		}
		a.group(gi).merge(tmp, a.nb)
	}
	return nil
}

func (a *histogramAcc) State() ([]arrow.Array, error) {
	n := len(a.groups)
	offsets := make([]int32, n+1)
	var xs, ys []float64
	for g := range n {
		for _, b := range a.groups[g].bins {
			xs, ys = append(xs, b.x), append(ys, b.y)
		}
		offsets[g+1] = int32(len(xs))
	}
	f64 := arrow.PrimitiveTypes.Float64
	xc, yc := makeFixed(f64, xs, nil), makeFixed(f64, ys, nil)
	defer xc.Release()
	defer yc.Release()
	return []arrow.Array{makeList(arrow.ListOf(f64), offsets, xc, nil),
		makeList(arrow.ListOf(f64), append([]int32(nil), offsets...), yc, nil)}, nil
}

func (a *histogramAcc) Evaluate() (arrow.Array, error) {
	n := len(a.groups)
	offsets := make([]int32, n+1)
	has := make([]bool, n)
	var xs, ys []float64
	for g := range n {
		bins := a.groups[g].bins
		for _, b := range bins {
			xs, ys = append(xs, b.x), append(ys, b.y)
		}
		has[g] = len(bins) > 0
		offsets[g+1] = int32(len(xs))
	}
	xcol, err := histogramX(a.xt, xs)
	if err != nil {
		return nil, err
	}
	defer xcol.Release()
	ycol := makeFixed(arrow.PrimitiveTypes.Float64, ys, nil)
	defer ycol.Release()
	st := a.lt.(*arrow.ListType).Elem().(*arrow.StructType)
	sd := array.NewData(st, len(xs), []*memory.Buffer{nil}, []arrow.ArrayData{xcol.Data(), ycol.Data()}, 0, 0)
	defer sd.Release()
	structs := array.MakeFromData(sd)
	defer structs.Release()
	return makeList(a.lt, offsets, structs, has), nil
}

// histogramX converts the bins' x to the input type as Spark does (truncating integral
// types, HALF_UP decimals at the type's precision and scale).
func histogramX(dt arrow.DataType, xs []float64) (arrow.Array, error) {
	switch dt.ID() {
	case arrow.INT8:
		return makeFixed(dt, convertX[int8](xs), nil), nil
	case arrow.INT16:
		return makeFixed(dt, convertX[int16](xs), nil), nil
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		return makeFixed(dt, convertX[int32](xs), nil), nil
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION:
		return makeFixed(dt, convertX[int64](xs), nil), nil
	case arrow.FLOAT32:
		out := make([]float32, len(xs))
		for i, x := range xs {
			out[i] = float32(x)
		}
		return makeFixed(dt, out, nil), nil
	case arrow.DECIMAL128:
		d := dt.(*arrow.Decimal128Type)
		out := make([]decimal128.Num, len(xs))
		has := make([]bool, len(xs))
		for i, x := range xs {
			out[i], has[i] = decimalOfDouble(x, d.Precision, d.Scale)
		}
		return makeFixed(dt, out, has), nil
	}
	return makeFixed(arrow.PrimitiveTypes.Float64, xs, nil), nil
}

// convertX truncates toward zero and saturates, like the JVM's double-to-integer casts.
func convertX[T int8 | int16 | int32 | int64](xs []float64) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		var v int64
		switch {
		case math.IsNaN(x):
		case x >= math.MaxInt64:
			v = math.MaxInt64
		case x <= math.MinInt64:
			v = math.MinInt64
		default:
			v = int64(x)
		}
		out[i] = T(v) // byte/short/int narrow from the truncated value
	}
	return out
}

// decimalOfDouble rounds x to p significant digits and then to scale s, HALF_UP.
func decimalOfDouble(x float64, p, s int32) (decimal128.Num, bool) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return decimal128.Num{}, false
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(x, 'e', int(p)-1, 64))
	if !ok {
		return decimal128.Num{}, false
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(s)), nil)))
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() != 0 && new(big.Int).Lsh(new(big.Int).Abs(m), 1).Cmp(r.Denom()) >= 0 {
		if r.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	n := decimal128.FromBigInt(q)
	if !n.FitsInPrecision(p) {
		return decimal128.Num{}, false
	}
	return n, true
}
