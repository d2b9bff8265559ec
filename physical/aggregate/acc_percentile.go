package aggregate

import (
	"math"
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// resolvePercentile resolves the exact percentiles. Arguments by function:
//
//	percentile(v, p [, frequency])
//	median(v)
//	percentile_cont(p, v, flags), percentile_disc(p, v, flags)  -- WITHIN GROUP (ORDER BY v)
//
// p is a constant DOUBLE or ARRAY<DOUBLE>.
func (f *Function) resolvePercentile() error {
	n := len(f.argTypes)
	vi, pi, fi := 0, 1, -1
	reverse := false
	switch f.name {
	case "percentile":
		if n != 2 && n != 3 {
			return f.wrongArgs("[2, 3]")
		}
		if n == 3 {
			fi = 2
			if !isIntegral(f.sparkArgs[2]) {
				return f.badType(f.sparkArgs[2], `"INTEGRAL"`)
			}
		}
	case "median":
		if n != 1 {
			return f.wrongArgs("1")
		}
		pi = -1
	default:
		if n != 1+orderFlagsFields {
			return f.wrongArgs("1")
		}
		vi, pi = 1, 0
		desc, _, err := f.orderFlags(2)
		if err != nil {
			return err
		}
		reverse = desc
	}
	vt := f.sparkArgs[vi]
	var res types.DataType = types.Double
	switch vt.(type) {
	case types.YearMonthIntervalType:
		res = types.DefaultYearMonthInterval
	case types.DayTimeIntervalType:
		res = types.DefaultDayTimeInterval
	default:
		if !isNumeric(vt) {
			return f.badType(vt, `("NUMERIC" or "ANSI INTERVAL")`)
		}
	}
	asArray := false
	if pi >= 0 {
		switch pt := f.sparkArgs[pi].(type) {
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
	}
	elem := res
	if asArray {
		res = types.NewArray(res, false)
	}
	f.result = res
	f64 := arrow.PrimitiveTypes.Float64
	f.state = []arrow.Field{
		{Name: "values", Type: arrow.ListOf(f64), Nullable: true},
		{Name: "counts", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true},
	}
	percentages := []float64{0.5}
	if pi >= 0 {
		v, err := f.constArg(pi)
		if err != nil {
			return err
		}
		if v != nil {
			percentages, err = percentagesOf(v)
			v.Release()
			if err != nil {
				return err
			}
		}
	}
	freqText := ""
	if fi >= 0 && fi < len(f.call.Args) {
		freqText = f.call.Args[fi].String()
	}
	discrete := f.name == "percentile_disc" || f.name == "percentile_disc_legacy"
	spec := percentileSpec{valueArg: vi, freqArg: fi, freqText: freqText, reverse: reverse, discrete: discrete,
		legacyDiscrete: f.name == "percentile_disc_legacy",
		percentages:    percentages, asArray: asArray, elem: mustArrow(elem), result: f.arrowResultOf(res)}
	f.factory = func() Accumulator { return &percentileAcc{spec: spec} }
	return nil
}

func (f *Function) arrowResultOf(t types.DataType) arrow.DataType { return mustArrow(t) }

// percentagesOf reads a constant percentage or array of percentages.
func percentagesOf(v arrow.Array) ([]float64, error) {
	var vals arrow.Array = v
	if l, ok := v.(array.ListLike); ok {
		if v.IsNull(0) {
			return nil, nullPercentage()
		}
		start, end := l.ValueOffsets(0)
		vals = array.NewSlice(l.ListValues(), start, end)
		defer vals.Release()
	} else if v.IsNull(0) {
		return nil, nullPercentage()
	}
	if vals.DataType().ID() == arrow.NULL {
		return nil, nullPercentage()
	}
	out := numericValues(vals, nil)
	for i, p := range out {
		if vals.IsNull(i) {
			return nil, nullPercentage()
		}
		if p < 0 || p > 1 || math.IsNaN(p) {
			parts := make([]string, len(out))
			for k, q := range out {
				parts[k] = strconv.FormatFloat(q, 'f', -1, 64)
				if q == math.Trunc(q) && !math.IsInf(q, 0) {
					parts[k] += ".0"
				}
			}
			return nil, sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
				"Cannot resolve due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"exprName": "percentage", "valueRange": "[0.0, 1.0]", "currentValue": joinComma(parts)})
		}
	}
	return out, nil
}

func joinComma(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += ","
		}
		s += p
	}
	return s
}

func nullPercentage() error {
	return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
		"Cannot resolve due to data type mismatch: The <exprName> must not be null.",
		map[string]string{"exprName": "percentage"})
}

type percentileSpec struct {
	valueArg, freqArg int
	freqText          string // the frequency expression, for errors
	reverse           bool
	discrete          bool
	// legacyDiscrete is percentile_disc under spark.sql.legacy.percentileDiscCalculation:
	// the value at the floor of (count-1)*p, as the continuous percentile locates it.
	legacyDiscrete bool
	percentages    []float64
	asArray        bool
	elem           arrow.DataType // double, month_interval or duration
	result         arrow.DataType
}

// percentileAcc keeps every group's (value, frequency) pairs as doubles and computes
// Spark's exact percentiles over them: percentile/percentile_cont interpolate linearly
// between the values at the floor and ceiling of (count-1)*p, percentile_disc takes the
// first value whose cumulative count reaches count*p.
type percentileAcc struct {
	spec    percentileSpec
	vals    [][]float64
	freqs   [][]int64
	scratch []float64
	bytes   int64
}

func (a *percentileAcc) Resize(n int) {
	a.vals, a.freqs = extend(a.vals, n), extend(a.freqs, n)
}
func (a *percentileAcc) Size() int64 { return a.bytes + int64(cap(a.vals)*48+cap(a.scratch)*8) }
func (a *percentileAcc) Release()    {}

func (a *percentileAcc) add(g uint32, v float64, c int64) {
	a.vals[g] = append(a.vals[g], v)
	a.freqs[g] = append(a.freqs[g], c)
	a.bytes += 16
}

func (a *percentileAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[a.spec.valueArg]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vals := a.scratch
	switch arg.DataType().ID() {
	case arrow.INTERVAL_MONTHS:
		vals = resize(vals, arg.Len())
		for i, v := range fixedValues[int32](arg) {
			vals[i] = float64(v)
		}
	case arrow.DURATION:
		vals = resize(vals, arg.Len())
		for i, v := range fixedValues[int64](arg) {
			vals[i] = float64(v)
		}
	default:
		vals = numericValues(arg, vals)
	}
	a.scratch = vals
	vb, voff := validity(arg)
	var freq arrow.Array
	var fb []byte
	var foff int
	if a.spec.freqArg >= 0 {
		freq = args[a.spec.freqArg]
		if freq.DataType().ID() == arrow.NULL {
			return nil
		}
		fb, foff = validity(freq)
	}
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			continue
		}
		c := int64(1)
		if freq != nil {
			if !isValid(fb, foff, i) {
				continue
			}
			c = intAt(freq, i)
			if c < 0 {
				return sparkerror.New(sparkerror.IllegalArgument, "NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION", "22003",
					"Found the negative value in <frequencyExpression>: <negativeValue>, but expected a positive integral value.",
					map[string]string{"frequencyExpression": `"` + a.spec.freqText + `"`, "negativeValue": strconv.FormatInt(c, 10) + "L"})
			}
			if c == 0 {
				continue
			}
		}
		a.add(gi, vals[i], c)
	}
	return nil
}

// intAt reads an integral value.
func intAt(arr arrow.Array, i int) int64 {
	switch arr.DataType().ID() {
	case arrow.INT8:
		return int64(fixedValues[int8](arr)[i])
	case arrow.INT16:
		return int64(fixedValues[int16](arr)[i])
	case arrow.INT32:
		return int64(fixedValues[int32](arr)[i])
	}
	return fixedValues[int64](arr)[i]
}

func (a *percentileAcc) Merge(g []uint32, state []arrow.Array) error {
	vl := state[0].(*array.List)
	cl := state[1].(*array.List)
	vs := fixedValues[float64](vl.ListValues())
	cs := fixedValues[int64](cl.ListValues())
	for i, gi := range g {
		if vl.IsNull(i) {
			continue
		}
		start, end := vl.ValueOffsets(i)
		cstart, _ := cl.ValueOffsets(i)
		for k := start; k < end; k++ {
			a.add(gi, vs[k], cs[cstart+(k-start)])
		}
	}
	return nil
}

func (a *percentileAcc) State() ([]arrow.Array, error) {
	n := len(a.vals)
	offsets := make([]int32, n+1)
	var flatV []float64
	var flatC []int64
	for g := range n {
		flatV = append(flatV, a.vals[g]...)
		flatC = append(flatC, a.freqs[g]...)
		offsets[g+1] = int32(len(flatV))
	}
	vchild := makeFixed(arrow.PrimitiveTypes.Float64, flatV, nil)
	defer vchild.Release()
	cchild := makeFixed(arrow.PrimitiveTypes.Int64, flatC, nil)
	defer cchild.Release()
	return []arrow.Array{
		makeList(arrow.ListOf(arrow.PrimitiveTypes.Float64), offsets, vchild, nil),
		makeList(arrow.ListOf(arrow.PrimitiveTypes.Int64), append([]int32(nil), offsets...), cchild, nil),
	}, nil
}

// lessNaNLast orders doubles as Spark does: NaN above everything, -0.0 equal to 0.0.
func cmpDouble(x, y float64) int {
	xn, yn := math.IsNaN(x), math.IsNaN(y)
	switch {
	case xn && yn:
		return 0
	case xn:
		return 1
	case yn:
		return -1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func sameKey(x, y float64) bool {
	return x == y || (math.IsNaN(x) && math.IsNaN(y))
}

// percentiles computes the group's percentiles; ok is false for an empty group.
func (a *percentileAcc) percentiles(g int, out []float64) bool {
	vals, freqs := a.vals[g], a.freqs[g]
	if len(vals) == 0 {
		return false
	}
	idx := make([]int32, len(vals))
	for i := range idx {
		idx[i] = int32(i)
	}
	rev := a.spec.reverse
	slices.SortStableFunc(idx, func(x, y int32) int {
		c := cmpDouble(vals[x], vals[y])
		if rev {
			return -c
		}
		return c
	})
	keys := make([]float64, len(idx))
	cum := make([]int64, len(idx))
	total := int64(0)
	for k, i := range idx {
		total += freqs[i]
		keys[k], cum[k] = vals[i], total
	}
	search := func(v int64) int {
		i, _ := slices.BinarySearch(cum, v)
		return min(i, len(cum)-1)
	}
	for j, p := range a.spec.percentages {
		if a.spec.discrete && !a.spec.legacyDiscrete {
			pos := float64(total) * p
			out[j] = keys[search(int64(math.Ceil(pos)))]
			continue
		}
		pos := float64(total-1) * p
		lower, higher := int64(math.Floor(pos)), int64(math.Ceil(pos))
		lk := keys[search(lower+1)]
		if lower == higher {
			out[j] = lk
			continue
		}
		hk := keys[search(higher+1)]
		if sameKey(lk, hk) || a.spec.discrete {
			out[j] = lk
			continue
		}
		out[j] = (float64(higher)-pos)*lk + (pos-float64(lower))*hk
	}
	return true
}

func (a *percentileAcc) Evaluate() (arrow.Array, error) {
	return percentileColumn(len(a.vals), len(a.spec.percentages), a.spec.asArray, a.spec.result, a.percentiles,
		func(flat []float64, has []bool) (arrow.Array, error) {
			switch a.spec.elem.ID() {
			case arrow.INTERVAL_MONTHS:
				m := make([]int32, len(flat))
				for i, v := range flat {
					m[i] = int32(v)
				}
				return makeFixed(a.spec.elem, m, has), nil
			case arrow.DURATION:
				m := make([]int64, len(flat))
				for i, v := range flat {
					m[i] = int64(v)
				}
				return makeFixed(a.spec.elem, m, has), nil
			}
			return makeFixed(a.spec.elem, flat, has), nil
		})
}

// percentileColumn assembles the answers of a percentile-family aggregate over n groups:
// answer fills np values for group g (false: the group's answer is NULL) and column makes
// the element column from all of them (has nil: every element is valid). With asArray the
// result is a list per group of type result, else one value per group.
func percentileColumn(n, np int, asArray bool, result arrow.DataType, answer func(g int, out []float64) bool,
	column func(flat []float64, has []bool) (arrow.Array, error)) (arrow.Array, error) {
	flat := make([]float64, 0, n*np)
	has := make([]bool, n)
	offsets := make([]int32, n+1)
	buf := make([]float64, np)
	for g := range n {
		if answer(g, buf) {
			has[g] = true
			flat = append(flat, buf...)
		} else if !asArray {
			flat = append(flat, 0)
		}
		offsets[g+1] = int32(len(flat))
	}
	if !asArray {
		return column(flat, has)
	}
	col, err := column(flat, nil)
	if err != nil {
		return nil, err
	}
	defer col.Release()
	return makeList(result, offsets, col, has), nil
}
