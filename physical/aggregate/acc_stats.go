package aggregate

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The statistical and ordered-set aggregates: try_sum/try_avg, covariance, correlation and
// the regr_* family, bit_and/bit_or/bit_xor, the exact percentiles (percentile, median,
// percentile_cont, percentile_disc) and listagg/string_agg.
//
// Functions that take WITHIN GROUP (ORDER BY ...) receive each ordering as two trailing
// arguments: the sort expression and a constant INT of OrderFlags.

// Ordering flags of a WITHIN GROUP sort key, passed as a constant INT argument.
const (
	OrderDescending  = 1
	OrderNullsFirst  = 2
	orderFlagsFields = 2 // arguments per WITHIN GROUP key: expression and flags
)

func init() {
	for k, v := range map[string]string{
		"try_sum": "try_sum", "try_avg": "try_avg",
		"covar_pop": "covar_pop", "covar_samp": "covar_samp", "corr": "corr",
		"regr_count": "count", "regr_avgx": "regr_avgx", "regr_avgy": "regr_avgy",
		"regr_sxx": "regr_sxx", "regr_syy": "regr_syy", "regr_sxy": "regr_sxy",
		"regr_slope": "regr_slope", "regr_intercept": "regr_intercept", "regr_r2": "regr_r2",
		"bit_and": "bit_and", "bit_or": "bit_or", "bit_xor": "bit_xor",
		"percentile": "percentile", "median": "median",
		"percentile_cont": "percentile_cont", "percentile_disc": "percentile_disc",
		"percentile_disc_legacy": "percentile_disc_legacy",
		"listagg":                "listagg", "string_agg": "listagg",
	} {
		aliases[k] = v
	}
}

// constArg evaluates argument i, which must be constant, to a one-row array; nil when the
// call has no argument expressions (type-only resolution).
func (f *Function) constArg(i int) (arrow.Array, error) {
	if i >= len(f.call.Args) {
		return nil, nil
	}
	e := f.call.Args[i]
	if _, ok := e.(*expr.Column); ok {
		return nil, sparkerror.InvalidPlanInput("%s: argument %d must be a constant, not %s", f.call.Fn, i+1, e)
	}
	b := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer b.Release()
	v, err := e.Eval(b)
	if err != nil {
		return nil, err
	}
	if v.Len() != 1 {
		v.Release()
		return nil, sparkerror.InvalidPlanInput("%s: argument %d must be a constant", f.call.Fn, i+1)
	}
	return v, nil
}

// orderFlags reads the flags argument at i (ascending, nulls first when absent).
func (f *Function) orderFlags(i int) (desc, nullsFirst bool, err error) {
	v, err := f.constArg(i)
	if err != nil || v == nil {
		return false, true, err
	}
	defer v.Release()
	n, ok := v.(*array.Int32)
	if !ok || n.IsNull(0) {
		return false, true, sparkerror.InternalError("%s: the ordering flags are %s, not a constant INT", f.call.Fn, v.DataType())
	}
	return n.Value(0)&OrderDescending != 0, n.Value(0)&OrderNullsFirst != 0, nil
}

// resolveExtra resolves the functions of this file (f.name is canonical).
func (f *Function) resolveExtra(lower string) error {
	n := len(f.argTypes)
	switch f.name {
	case "try_sum", "try_avg":
		if n != 1 {
			return f.wrongArgs("1")
		}
		return f.resolveSumAvg()
	case "covar_pop", "covar_samp", "corr", "regr_sxx", "regr_syy", "regr_sxy", "regr_slope",
		"regr_intercept", "regr_r2":
		if n != 2 {
			return f.wrongArgs("2")
		}
		for _, t := range f.sparkArgs {
			if !isNumeric(t) {
				return f.badType(t, `"DOUBLE"`)
			}
		}
		f.result = types.Double
		fn, nullOnDiv, ansi := f.name, !f.call.LegacyStatisticalAggregate, f.call.ANSI
		spec := bivarSpecOf(fn)
		for _, name := range spec.stateNames() {
			f.state = append(f.state, arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Float64})
		}
		f.factory = func() Accumulator { return &bivarAcc{fn: fn, spec: spec, nullOnDiv: nullOnDiv, ansi: ansi} }
	case "regr_avgx", "regr_avgy":
		if n != 2 {
			return f.wrongArgs("2")
		}
		pick := 1
		if f.name == "regr_avgy" {
			pick = 0
		}
		inner, err := New(Call{Fn: "avg", InputTypes: []types.DataType{f.sparkArgs[pick]}, ANSI: f.call.ANSI})
		if err != nil {
			return err
		}
		f.result, f.state = inner.result, inner.state
		f.factory = func() Accumulator { return &pairMaskAcc{inner: inner.NewAccumulator(), pick: pick} }
	case "bit_and", "bit_or", "bit_xor":
		if n != 1 {
			return f.wrongArgs("1")
		}
		if !isIntegral(f.sparkArgs[0]) {
			if _, isNull := f.sparkArgs[0].(types.NullType); !isNull {
				return f.badType(f.sparkArgs[0], `"INTEGRAL"`)
			}
		}
		f.result = f.sparkArgs[0]
		dt := f.argTypes[0]
		f.state = []arrow.Field{{Name: f.name, Type: dt, Nullable: true}}
		op := f.name
		f.factory = func() Accumulator { return &bitAcc{op: op, dt: dt} }
	case "percentile", "median", "percentile_cont", "percentile_disc", "percentile_disc_legacy":
		return f.resolvePercentile()
	case "listagg":
		return f.resolveListagg()
	case "histogram_numeric":
		return f.resolveHistogram()
	case "approx_count_distinct":
		return f.resolveApproxCountDistinct()
	case "mode":
		return f.resolveMode()
	case "max_by", "min_by":
		return f.resolveMaxMinBy()
	case "percentile_approx":
		return f.resolvePercentileApprox()
	case "bitmap_construct_agg", "bitmap_or_agg", "bitmap_and_agg":
		return f.resolveBitmapAgg()
	default:
		if r, ok := extraResolvers[f.name]; ok {
			return r(f)
		}
		return sparkerror.NotImplemented("the aggregate function " + lower)
	}
	return nil
}

// bivarSpec says which running statistics a two-argument aggregate keeps.
type bivarSpec struct {
	// cov keeps n, xAvg, yAvg and the co-moment ck (Spark's Covariance), with x and y the
	// arguments xArg and 1-xArg.
	cov  bool
	xArg int
	// mk also keeps the second moments of x and y (Spark's PearsonCorrelation).
	mk bool
	// vArg >= 0 keeps a second-order CentralMomentAgg (n, avg, m2) of that argument over
	// the rows where both arguments are non-null.
	vArg int
}

func bivarSpecOf(fn string) bivarSpec {
	switch fn {
	case "covar_pop", "covar_samp":
		return bivarSpec{cov: true, vArg: -1}
	case "corr":
		return bivarSpec{cov: true, mk: true, vArg: -1}
	case "regr_r2":
		// regr_r2(y, x) correlates y (as Spark's x) with x.
		return bivarSpec{cov: true, mk: true, vArg: -1}
	case "regr_sxy":
		return bivarSpec{cov: true, vArg: -1}
	case "regr_slope", "regr_intercept":
		// covar_pop(x, y) and var_pop(x) over the pairs, for regr_*(y, x).
		return bivarSpec{cov: true, xArg: 1, vArg: 1}
	case "regr_sxx":
		return bivarSpec{vArg: 1}
	case "regr_syy":
		return bivarSpec{vArg: 0}
	}
	return bivarSpec{vArg: -1}
}

func (s bivarSpec) stateNames() []string {
	var out []string
	if s.cov {
		out = append(out, "n", "xAvg", "yAvg", "ck")
		if s.mk {
			out = append(out, "xMk", "yMk")
		}
	}
	if s.vArg >= 0 {
		out = append(out, "vn", "vAvg", "m2")
	}
	return out
}

// bivarAcc is covar_pop, covar_samp, corr and the regr_* functions that reduce to them,
// with Spark's online update and merge formulas, in doubles. Rows where either argument
// is NULL are skipped.
type bivarAcc struct {
	fn        string
	spec      bivarSpec
	nullOnDiv bool
	// ansi: corr's final division by sqrt(xMk * yMk) fails on a zero divisor (Spark's
	// ANSI Divide), else gives NULL.
	ansi bool

	n, xAvg, yAvg, ck, xMk, yMk []float64
	vn, vAvg, m2                []float64
	s0, s1                      []float64
}

func (a *bivarAcc) Resize(n int) {
	if a.spec.cov {
		a.n, a.xAvg, a.yAvg, a.ck = extend(a.n, n), extend(a.xAvg, n), extend(a.yAvg, n), extend(a.ck, n)
		if a.spec.mk {
			a.xMk, a.yMk = extend(a.xMk, n), extend(a.yMk, n)
		}
	}
	if a.spec.vArg >= 0 {
		a.vn, a.vAvg, a.m2 = extend(a.vn, n), extend(a.vAvg, n), extend(a.m2, n)
	}
}

func (a *bivarAcc) Size() int64 {
	return int64(8 * (cap(a.n) + cap(a.xAvg) + cap(a.yAvg) + cap(a.ck) + cap(a.xMk) + cap(a.yMk) +
		cap(a.vn) + cap(a.vAvg) + cap(a.m2) + cap(a.s0) + cap(a.s1)))
}
func (a *bivarAcc) Release() {}

func (a *bivarAcc) Update(g []uint32, args []arrow.Array) error {
	if args[0].DataType().ID() == arrow.NULL || args[1].DataType().ID() == arrow.NULL {
		return nil
	}
	a.s0 = numericValues(args[0], a.s0)
	a.s1 = numericValues(args[1], a.s1)
	vals := [2][]float64{a.s0, a.s1}
	b0, o0 := validity(args[0])
	b1, o1 := validity(args[1])
	xs, ys := vals[a.spec.xArg], vals[1-a.spec.xArg]
	var vs []float64
	if a.spec.vArg >= 0 {
		vs = vals[a.spec.vArg]
	}
	for i, gi := range g {
		if !isValid(b0, o0, i) || !isValid(b1, o1, i) {
			continue
		}
		if a.spec.cov {
			x, y := xs[i], ys[i]
			newN := a.n[gi] + 1
			dx := x - a.xAvg[gi]
			dxN := dx / newN
			dy := y - a.yAvg[gi]
			dyN := dy / newN
			newXAvg := a.xAvg[gi] + dxN
			newYAvg := a.yAvg[gi] + dyN
			a.ck[gi] += dx * (y - newYAvg)
			if a.spec.mk {
				a.xMk[gi] += dx * (x - newXAvg)
				a.yMk[gi] += dy * (y - newYAvg)
			}
			a.n[gi], a.xAvg[gi], a.yAvg[gi] = newN, newXAvg, newYAvg
		}
		if vs != nil {
			v := vs[i]
			newN := a.vn[gi] + 1
			delta := v - a.vAvg[gi]
			deltaN := delta / newN
			a.m2[gi] += delta * (delta - deltaN)
			a.vAvg[gi] += deltaN
			a.vn[gi] = newN
		}
	}
	return nil
}

func (a *bivarAcc) Merge(g []uint32, state []arrow.Array) error {
	k := 0
	col := func() []float64 {
		c := fixedValues[float64](state[k])
		k++
		return c
	}
	if a.spec.cov {
		sn, sx, sy, sck := col(), col(), col(), col()
		var sxm, sym []float64
		if a.spec.mk {
			sxm, sym = col(), col()
		}
		for i, gi := range g {
			n1, n2 := a.n[gi], sn[i]
			newN := n1 + n2
			dx := sx[i] - a.xAvg[gi]
			dy := sy[i] - a.yAvg[gi]
			dxN, dyN := 0.0, 0.0
			if newN != 0 {
				dxN, dyN = dx/newN, dy/newN
			}
			a.ck[gi] = a.ck[gi] + sck[i] + dx*dyN*n1*n2
			if a.spec.mk {
				a.xMk[gi] = a.xMk[gi] + sxm[i] + dx*dxN*n1*n2
				a.yMk[gi] = a.yMk[gi] + sym[i] + dy*dyN*n1*n2
			}
			a.n[gi], a.xAvg[gi], a.yAvg[gi] = newN, a.xAvg[gi]+dxN*n2, a.yAvg[gi]+dyN*n2
		}
	}
	if a.spec.vArg >= 0 {
		sn, savg, sm2 := col(), col(), col()
		for i, gi := range g {
			n1, n2 := a.vn[gi], sn[i]
			newN := n1 + n2
			delta := savg[i] - a.vAvg[gi]
			deltaN := 0.0
			if newN != 0 {
				deltaN = delta / newN
			}
			a.m2[gi] = a.m2[gi] + sm2[i] + delta*deltaN*n1*n2
			a.vn[gi], a.vAvg[gi] = newN, a.vAvg[gi]+deltaN*n2
		}
	}
	return nil
}

func (a *bivarAcc) State() ([]arrow.Array, error) {
	f64 := arrow.PrimitiveTypes.Float64
	var out []arrow.Array
	if a.spec.cov {
		out = append(out, makeFixed(f64, a.n, nil), makeFixed(f64, a.xAvg, nil), makeFixed(f64, a.yAvg, nil), makeFixed(f64, a.ck, nil))
		if a.spec.mk {
			out = append(out, makeFixed(f64, a.xMk, nil), makeFixed(f64, a.yMk, nil))
		}
	}
	if a.spec.vArg >= 0 {
		out = append(out, makeFixed(f64, a.vn, nil), makeFixed(f64, a.vAvg, nil), makeFixed(f64, a.m2, nil))
	}
	return out, nil
}

func (a *bivarAcc) Evaluate() (arrow.Array, error) {
	num := len(a.n)
	if a.spec.vArg >= 0 {
		num = len(a.vn)
	}
	out := make([]float64, num)
	has := make([]bool, num)
	set := func(g int, v float64) { out[g], has[g] = v, true }
	divZero := func(g int) {
		if !a.nullOnDiv {
			set(g, math.NaN())
		}
	}
	for g := range num {
		switch a.fn {
		case "covar_pop":
			if a.n[g] != 0 {
				set(g, a.ck[g]/a.n[g])
			}
		case "covar_samp":
			switch a.n[g] {
			case 0:
			case 1:
				divZero(g)
			default:
				set(g, a.ck[g]/(a.n[g]-1))
			}
		case "corr":
			switch a.n[g] {
			case 0:
			case 1:
				divZero(g)
			default:
				d := math.Sqrt(a.xMk[g] * a.yMk[g])
				if d == 0 {
					if a.ansi {
						return nil, sparkerror.New(sparkerror.Arithmetic, "DIVIDE_BY_ZERO", "22012",
							"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.",
							map[string]string{"config": `"spark.sql.ansi.enabled"`})
					}
					continue
				}
				set(g, a.ck[g]/d)
			}
		case "regr_r2":
			switch {
			case a.xMk[g] == 0:
			case a.yMk[g] == 0:
				set(g, 1)
			default:
				c := a.ck[g] / math.Sqrt(a.xMk[g]*a.yMk[g])
				set(g, c*c)
			}
		case "regr_sxy":
			if a.n[g] != 0 {
				set(g, a.ck[g])
			}
		case "regr_slope":
			if a.m2[g] != 0 {
				set(g, a.ck[g]/a.m2[g])
			}
		case "regr_intercept":
			if a.m2[g] != 0 {
				set(g, a.yAvg[g]-a.ck[g]/a.m2[g]*a.xAvg[g])
			}
		case "regr_sxx", "regr_syy":
			if a.vn[g] != 0 {
				set(g, a.m2[g])
			}
		}
	}
	return makeFixed(arrow.PrimitiveTypes.Float64, out, has), nil
}

// pairMaskAcc feeds argument pick of the rows where both arguments are non-null to an
// inner one-argument accumulator (regr_avgx and regr_avgy over avg).
type pairMaskAcc struct {
	inner Accumulator
	pick  int
	rows  []int32
	gs    []uint32
}

func (a *pairMaskAcc) Resize(n int) { a.inner.Resize(n) }
func (a *pairMaskAcc) Size() int64  { return a.inner.Size() + int64(cap(a.rows)*4+cap(a.gs)*4) }
func (a *pairMaskAcc) Release()     { a.inner.Release() }

func (a *pairMaskAcc) Update(g []uint32, args []arrow.Array) error {
	if args[0].DataType().ID() == arrow.NULL || args[1].DataType().ID() == arrow.NULL {
		return nil
	}
	other := args[1-a.pick]
	if other.NullN() == 0 {
		return a.inner.Update(g, args[a.pick:a.pick+1])
	}
	ob, oo := validity(other)
	a.rows, a.gs = a.rows[:0], a.gs[:0]
	for i, gi := range g {
		if isValid(ob, oo, i) {
			a.rows, a.gs = append(a.rows, int32(i)), append(a.gs, gi)
		}
	}
	if len(a.rows) == 0 {
		return nil
	}
	sel, err := Take(args[a.pick], a.rows)
	if err != nil {
		return err
	}
	defer sel.Release()
	return a.inner.Update(a.gs, []arrow.Array{sel})
}

func (a *pairMaskAcc) Merge(g []uint32, state []arrow.Array) error { return a.inner.Merge(g, state) }
func (a *pairMaskAcc) State() ([]arrow.Array, error)               { return a.inner.State() }
func (a *pairMaskAcc) Evaluate() (arrow.Array, error)              { return a.inner.Evaluate() }

// bitAcc is bit_and, bit_or and bit_xor over an integral type (the result has the input's
// type); NULLs are skipped.
type bitAcc struct {
	op   string
	dt   arrow.DataType
	vals []int64
	has  []bool
}

func (a *bitAcc) Resize(n int) { a.vals, a.has = extend(a.vals, n), extend(a.has, n) }
func (a *bitAcc) Size() int64  { return int64(cap(a.vals)*8 + cap(a.has)) }
func (a *bitAcc) Release()     {}

func (a *bitAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	switch arg.DataType().ID() {
	case arrow.NULL:
		return nil
	case arrow.INT8:
		bitFold(a, g, fixedValues[int8](arg), arg)
	case arrow.INT16:
		bitFold(a, g, fixedValues[int16](arg), arg)
	case arrow.INT32:
		bitFold(a, g, fixedValues[int32](arg), arg)
	case arrow.INT64:
		bitFold(a, g, fixedValues[int64](arg), arg)
	default:
		return internalType(a.op, arg.DataType())
	}
	return nil
}

func bitFold[T int8 | int16 | int32 | int64](a *bitAcc, g []uint32, vals []T, arg arrow.Array) {
	vb, voff := validity(arg)
	for i, v := range vals {
		if !isValid(vb, voff, i) {
			continue
		}
		gi, x := g[i], int64(v)
		if !a.has[gi] {
			a.vals[gi], a.has[gi] = x, true
			continue
		}
		switch a.op {
		case "bit_and":
			a.vals[gi] &= x
		case "bit_or":
			a.vals[gi] |= x
		default:
			a.vals[gi] ^= x
		}
	}
}

func (a *bitAcc) Merge(g []uint32, state []arrow.Array) error { return a.Update(g, state) }

func (a *bitAcc) build() arrow.Array {
	switch a.dt.ID() {
	case arrow.INT8:
		return makeFixed(a.dt, narrow[int8](a.vals), a.has)
	case arrow.INT16:
		return makeFixed(a.dt, narrow[int16](a.vals), a.has)
	case arrow.INT32:
		return makeFixed(a.dt, narrow[int32](a.vals), a.has)
	case arrow.INT64:
		return makeFixed(a.dt, a.vals, a.has)
	}
	// NULL input: every group is NULL.
	return array.MakeArrayOfNull(memory.DefaultAllocator, a.dt, len(a.vals))
}

func narrow[T int8 | int16 | int32](vals []int64) []T {
	out := make([]T, len(vals))
	for i, v := range vals {
		out[i] = T(v)
	}
	return out
}

func (a *bitAcc) State() ([]arrow.Array, error)  { return []arrow.Array{a.build()}, nil }
func (a *bitAcc) Evaluate() (arrow.Array, error) { return a.build(), nil }
