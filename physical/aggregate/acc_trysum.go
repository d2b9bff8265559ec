package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// tryIntSumAcc is try_sum over integral types (a bigint) and try_sum/try_avg over ANSI
// intervals: an overflow makes the group's result NULL for good instead of failing. The
// state is (sum, isEmpty) for sums and (sum, count) for averages; a NULL sum of a group
// that saw values marks an overflow.
type tryIntSumAcc struct {
	dt       arrow.DataType // result: int64, month_interval or duration
	avg      bool
	sums     []int64
	seen     []bool
	overflow []bool
	counts   []int64
}

func (a *tryIntSumAcc) Resize(n int) {
	a.sums, a.seen, a.overflow, a.counts = extend(a.sums, n), extend(a.seen, n), extend(a.overflow, n), extend(a.counts, n)
}
func (a *tryIntSumAcc) Size() int64 {
	return int64(cap(a.sums)*8 + cap(a.seen) + cap(a.overflow) + cap(a.counts)*8)
}
func (a *tryIntSumAcc) Release() {}

func (a *tryIntSumAcc) months() bool { return a.dt.ID() == arrow.INTERVAL_MONTHS }

func (a *tryIntSumAcc) add(g uint32, v int64) {
	if a.overflow[g] {
		return
	}
	s := a.sums[g]
	r := s + v
	if a.months() {
		if r > 1<<31-1 || r < -1<<31 {
			a.overflow[g] = true
			return
		}
	} else if (s^r)&(v^r) < 0 {
		a.overflow[g] = true
		return
	}
	a.sums[g] = r
}

func tryAddAll[T int8 | int16 | int32 | int64](a *tryIntSumAcc, g []uint32, vals []T, arg arrow.Array) {
	vb, voff := validity(arg)
	for i, v := range vals {
		if !isValid(vb, voff, i) {
			continue
		}
		gi := g[i]
		a.seen[gi] = true
		a.counts[gi]++
		a.add(gi, int64(v))
	}
}

func (a *tryIntSumAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	switch arg.DataType().ID() {
	case arrow.NULL:
	case arrow.INT8:
		tryAddAll(a, g, fixedValues[int8](arg), arg)
	case arrow.INT16:
		tryAddAll(a, g, fixedValues[int16](arg), arg)
	case arrow.INT32, arrow.INTERVAL_MONTHS:
		tryAddAll(a, g, fixedValues[int32](arg), arg)
	case arrow.INT64, arrow.DURATION:
		tryAddAll(a, g, fixedValues[int64](arg), arg)
	default:
		return internalType("try_sum", arg.DataType())
	}
	return nil
}

func (a *tryIntSumAcc) Merge(g []uint32, state []arrow.Array) error {
	sb, so := validity(state[0])
	var sums []int64
	var months []int32
	if a.months() {
		months = fixedValues[int32](state[0])
	} else {
		sums = fixedValues[int64](state[0])
	}
	var counts []int64
	var eb []byte
	var eoff int
	if a.avg {
		counts = fixedValues[int64](state[1])
	} else {
		eb, eoff = boolBits(state[1])
	}
	for i, gi := range g {
		nonEmpty := false
		if a.avg {
			nonEmpty = counts[i] > 0
			a.counts[gi] += counts[i]
		} else {
			nonEmpty = !bitutil.BitIsSet(eb, eoff+i)
		}
		if !nonEmpty {
			continue
		}
		a.seen[gi] = true
		if !isValid(sb, so, i) {
			a.overflow[gi] = true
			continue
		}
		if months != nil {
			a.add(gi, int64(months[i]))
		} else {
			a.add(gi, sums[i])
		}
	}
	return nil
}

func (a *tryIntSumAcc) column(vals []int64, has []bool) arrow.Array {
	return intervalColumn(a.dt, vals, has)
}

func (a *tryIntSumAcc) State() ([]arrow.Array, error) {
	has := make([]bool, len(a.sums))
	for g := range has {
		has[g] = !a.overflow[g]
	}
	sum := a.column(a.sums, has)
	if a.avg {
		return []arrow.Array{sum, makeFixed(arrow.PrimitiveTypes.Int64, a.counts, nil)}, nil
	}
	empty := make([]bool, len(a.sums))
	for g := range empty {
		empty[g] = !a.seen[g]
	}
	return []arrow.Array{sum, makeBool(empty, nil)}, nil
}

func (a *tryIntSumAcc) Evaluate() (arrow.Array, error) {
	n := len(a.sums)
	out := make([]int64, n)
	has := make([]bool, n)
	for g := range n {
		if !a.seen[g] || a.overflow[g] {
			continue
		}
		if a.avg {
			out[g] = divRoundHalfUp(a.sums[g], a.counts[g])
		} else {
			out[g] = a.sums[g]
		}
		has[g] = true
	}
	return a.column(out, has), nil
}
