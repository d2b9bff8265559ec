package expr

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

// Fields of datetimes and intervals for extract / date_part (Spark's DatePart and
// ExtractIntervalPart). Interval parts truncate toward zero, as IntervalUtils does.

func init() {
	register(dateFieldFn("yearofweek", func(d int64) int32 {
		y, m, dd := civilFromDays(d)
		wy, _ := time.Date(int(y), time.Month(m), dd, 0, 0, 0, 0, time.UTC).ISOWeek()
		return int32(wy)
	}), "yearofweek")
	register(dateFieldFn("dayofweek_iso", func(d int64) int32 { return int32(isoWeekday(d)) }), "dayofweek_iso")
	// second_with_fraction: seconds and microseconds of a timestamp as DECIMAL(8, 6).
	register(func(args []Expr, _ []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
		if err := arity("second_with_fraction", args, 1, 1); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		if t, ok := args[0].DataType().(*arrow.TimestampType); ok && t.TimeZone == "" {
			loc = time.UTC
		}
		return newFunc("second_with_fraction", args, rt, false, mapK(mustArrow(rt), func(us int64) decimal128.Num {
			return decimal128.FromI64(floorModI(instantToLocal(us, loc), 60_000_000))
		}))
	}, "second_with_fraction")

	intervalPart := func(name string, f func(months int32, days int32, micros int64) int64) {
		register(func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
			if err := arity(name, args, 1, 1); err != nil {
				return nil, err
			}
			at := mustArrow(rt)
			in := args[0].DataType().ID()
			get := func(i int, a []argv) int64 {
				switch in {
				case arrow.INTERVAL_MONTHS:
					return f(int32(a[0].int(i)), 0, 0)
				case arrow.DURATION:
					return f(0, 0, a[0].int(i))
				}
				return 0
			}
			if in == arrow.INTERVAL_MONTH_DAY_NANO {
				k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
					v := fixedValues[arrow.MonthDayNanoInterval](arrs[0])
					out := make([]int64, n)
					for i := range out {
						out[i] = f(v[i].Months, v[i].Days, v[i].Nanoseconds/1000)
					}
					return castInt64s(at, out, validity(arrs[0])), nil
				}
				return newFunc(name, args, rt, false, k)
			}
			if at.ID() == arrow.DECIMAL128 {
				return newFunc(name, args, rt, false, fixedRowK(at, func(i int, a []argv) (decimal128.Num, bool, error) {
					return decimal128.FromI64(get(i, a)), true, nil
				}))
			}
			return newFunc(name, args, rt, false, intRowK(at, func(i int, a []argv) int64 { return get(i, a) }))
		}, name)
	}
	intervalPart("interval_years", func(m, _ int32, _ int64) int64 { return int64(m / 12) })
	intervalPart("interval_months", func(m, _ int32, _ int64) int64 { return int64(m % 12) })
	intervalPart("interval_days", func(_, d int32, us int64) int64 { return int64(d) + us/microsPerDay })
	intervalPart("interval_hours", func(_, _ int32, us int64) int64 { return us % microsPerDay / 3_600_000_000 })
	intervalPart("interval_minutes", func(_, _ int32, us int64) int64 { return us % 3_600_000_000 / 60_000_000 })
	intervalPart("interval_seconds", func(_, _ int32, us int64) int64 { return us % 60_000_000 })
}

// castInt64s builds an integer or decimal (unscaled) column of type t from int64 values.
func castInt64s(t arrow.DataType, v []int64, valid words) arrow.Array {
	switch t.ID() {
	case arrow.INT8:
		out := make([]int8, len(v))
		for i, x := range v {
			out[i] = int8(x)
		}
		return newFixed(t, out, valid)
	case arrow.INT32:
		out := make([]int32, len(v))
		for i, x := range v {
			out[i] = int32(x)
		}
		return newFixed(t, out, valid)
	case arrow.DECIMAL128:
		out := make([]decimal128.Num, len(v))
		for i, x := range v {
			out[i] = decimal128.FromI64(x)
		}
		return newFixed(t, out, valid)
	}
	return newFixed(t, v, valid)
}
