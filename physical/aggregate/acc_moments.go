package aggregate

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// momentsAcc is Spark's CentralMomentAgg: per group n, avg and the central moments m2
// (and m3, m4 for skewness and kurtosis), updated and merged with Spark's formulas, in
// doubles.
type momentsAcc struct {
	fn        string
	order     int
	nullOnDiv bool
	n, avg    []float64
	m2        []float64
	m3, m4    []float64
	scratch   []float64
}

func newMoments(fn string, order int, nullOnDiv bool, _ int32) *momentsAcc {
	return &momentsAcc{fn: fn, order: order, nullOnDiv: nullOnDiv}
}

func (a *momentsAcc) Resize(n int) {
	a.n, a.avg, a.m2 = extend(a.n, n), extend(a.avg, n), extend(a.m2, n)
	if a.order >= 3 {
		a.m3 = extend(a.m3, n)
	}
	if a.order >= 4 {
		a.m4 = extend(a.m4, n)
	}
}
func (a *momentsAcc) Size() int64 {
	return int64((cap(a.n) + cap(a.avg) + cap(a.m2) + cap(a.m3) + cap(a.m4) + cap(a.scratch)) * 8)
}
func (a *momentsAcc) Release() {}

func (a *momentsAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	vals := numericValues(arg, a.scratch)
	a.scratch = vals
	vb, voff := validity(arg)
	for i, x := range vals {
		if vb != nil && !bitutil.BitIsSet(vb, voff+i) {
			continue
		}
		gi := g[i]
		n := a.n[gi] + 1
		delta := x - a.avg[gi]
		deltaN := delta / n
		m2 := a.m2[gi] + delta*(delta-deltaN)
		if a.order >= 3 {
			delta2 := delta * delta
			deltaN2 := deltaN * deltaN
			m3 := a.m3[gi] - 3.0*deltaN*m2 + delta*(delta2-deltaN2)
			if a.order >= 4 {
				a.m4[gi] = a.m4[gi] - 4.0*deltaN*m3 - 6.0*deltaN2*m2 + delta*(delta*delta2-deltaN*deltaN2)
			}
			a.m3[gi] = m3
		}
		a.n[gi], a.avg[gi], a.m2[gi] = n, a.avg[gi]+deltaN, m2
	}
	return nil
}

func (a *momentsAcc) Merge(g []uint32, state []arrow.Array) error {
	sn, savg, sm2 := fixedValues[float64](state[0]), fixedValues[float64](state[1]), fixedValues[float64](state[2])
	var sm3, sm4 []float64
	if a.order >= 3 {
		sm3 = fixedValues[float64](state[3])
	}
	if a.order >= 4 {
		sm4 = fixedValues[float64](state[4])
	}
	for i, gi := range g {
		n1, n2 := a.n[gi], sn[i]
		newN := n1 + n2
		delta := savg[i] - a.avg[gi]
		deltaN := 0.0
		if newN != 0 {
			deltaN = delta / newN
		}
		m2l, m2r := a.m2[gi], sm2[i]
		newM2 := m2l + m2r + delta*deltaN*n1*n2
		if a.order >= 3 {
			m3l, m3r := a.m3[gi], sm3[i]
			newM3 := m3l + m3r + deltaN*deltaN*delta*n1*n2*(n1-n2) + 3.0*deltaN*(n1*m2r-n2*m2l)
			if a.order >= 4 {
				a.m4[gi] = a.m4[gi] + sm4[i] +
					deltaN*deltaN*deltaN*delta*n1*n2*(n1*n1-n1*n2+n2*n2) +
					6.0*deltaN*deltaN*(n1*n1*m2r+n2*n2*m2l) +
					4.0*deltaN*(n1*m3r-n2*m3l)
			}
			a.m3[gi] = newM3
		}
		a.n[gi], a.avg[gi], a.m2[gi] = newN, a.avg[gi]+deltaN*n2, newM2
	}
	return nil
}

func (a *momentsAcc) State() ([]arrow.Array, error) {
	f64 := arrow.PrimitiveTypes.Float64
	out := []arrow.Array{makeFixed(f64, a.n, nil), makeFixed(f64, a.avg, nil), makeFixed(f64, a.m2, nil)}
	if a.order >= 3 {
		out = append(out, makeFixed(f64, a.m3, nil))
	}
	if a.order >= 4 {
		out = append(out, makeFixed(f64, a.m4, nil))
	}
	return out, nil
}

func (a *momentsAcc) Evaluate() (arrow.Array, error) {
	out := make([]float64, len(a.n))
	has := make([]bool, len(a.n))
	divZero := func(g int) {
		if !a.nullOnDiv {
			out[g], has[g] = math.NaN(), true
		}
	}
	for g, n := range a.n {
		if n == 0 {
			continue
		}
		m2 := a.m2[g]
		switch a.fn {
		case "var_pop":
			out[g], has[g] = m2/n, true
		case "stddev_pop":
			out[g], has[g] = math.Sqrt(m2/n), true
		case "var_samp":
			if n == 1 {
				divZero(g)
			} else {
				out[g], has[g] = m2/(n-1), true
			}
		case "stddev_samp":
			if n == 1 {
				divZero(g)
			} else {
				out[g], has[g] = math.Sqrt(m2/(n-1)), true
			}
		case "skewness":
			if m2 == 0 {
				divZero(g)
			} else {
				out[g], has[g] = math.Sqrt(n)*a.m3[g]/math.Sqrt(m2*m2*m2), true
			}
		case "kurtosis":
			if m2 == 0 {
				divZero(g)
			} else {
				out[g], has[g] = n*a.m4[g]/(m2*m2)-3.0, true
			}
		}
	}
	return makeFixed(arrow.PrimitiveTypes.Float64, out, has), nil
}
