package expr

import (
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// monthsBetween is Spark's DateTimeUtils.monthsBetween: whole months when both instants
// fall on the same day of the month or both on the last day of their months; otherwise
// the month difference plus the difference of the day-of-month and time of day (in
// seconds) over a 31-day month, rounded to 8 decimals when roundOff.
func monthsBetween(us1, us2 int64, roundOff bool, loc *time.Location) float64 {
	d1, d2 := microsToDays(us1, loc), microsToDays(us2, loc)
	y1, m1, dd1 := civilFromDays(d1)
	y2, m2, dd2 := civilFromDays(d2)
	monthDiff := float64((y1*12 + int64(m1)) - (y2*12 + int64(m2)))
	last1 := dd1 == daysInMonth(y1, m1)
	last2 := dd2 == daysInMonth(y2, m2)
	if dd1 == dd2 || (last1 && last2) {
		return monthDiff
	}
	sec1 := (us1 - startOfDay(d1, loc)) / 1_000_000
	sec2 := (us2 - startOfDay(d2, loc)) / 1_000_000
	secondsDiff := int64(dd1-dd2)*86400 + sec1 - sec2
	diff := monthDiff + float64(secondsDiff)/float64(31*86400)
	if roundOff {
		return float64(int64(math.Floor(diff*1e8+0.5))) / 1e8
	}
	return diff
}

// months_between(ts1, ts2, roundOff) over TIMESTAMP arguments in the session zone.
func monthsBetweenFn(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("months_between", args, 3, 3); err != nil {
		return nil, err
	}
	loc := sessionZone(o.TimeZone)
	return newFunc("months_between", args, types.Double, false, func(a []arrow.Array, n int) (arrow.Array, error) {
		t1, t2 := fixedValues[int64](a[0]), fixedValues[int64](a[1])
		round := boolWords(a[2])
		valid := andValidity(a...)
		out := make([]float64, n)
		for i := range out {
			if valid == nil || valid.get(i) {
				out[i] = monthsBetween(t1[i], t2[i], round.get(i), loc)
			}
		}
		return newFixed(arrow.PrimitiveTypes.Float64, out, valid), nil
	})
}

// factorial(n) for n in [0, 20]; NULL outside.
func factorialFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("factorial", args, 1, 1); err != nil {
		return nil, err
	}
	return newFunc("factorial", args, types.Long, false, nullableMapK(arrow.PrimitiveTypes.Int64, func(v int32) (int64, bool) {
		if v < 0 || v > 20 {
			return 0, false
		}
		f := int64(1)
		for k := int64(2); k <= int64(v); k++ {
			f *= k
		}
		return f, true
	}))
}

func init() {
	register(monthsBetweenFn, "months_between")
	register(factorialFn, "factorial")
}
