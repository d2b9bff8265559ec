package expr

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Time windows (Spark's TimeWindowing): the analyzer rewrites window(ts, ...) into
// __time_window(ts, window, slide, start, i), the i-th window (counting back from the
// latest) whose start is aligned to slide from start that contains ts, as
// STRUCT<start, end> of ts's type; and window_time(w) is the window's end minus one
// microsecond.

func init() {
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("__time_window", args, 5, 5); err != nil {
			return nil, err
		}
		st, ok := result.(*types.StructType)
		if !ok || len(st.Fields) != 2 {
			return nil, sparkerror.InternalError("__time_window: result %s", result.SimpleString())
		}
		rt, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		fields := rt.(*arrow.StructType).Fields()
		return newFunc("__time_window", args, result, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			av := argvsOf(a)
			starts, ends := make([]int64, n), make([]int64, n)
			var valid words
			for i := 0; i < n; i++ {
				if rowsNull(av, i) {
					if valid == nil {
						valid = allOnes(n)
					}
					valid.clear(i)
					continue
				}
				ts, window, slide, offset, k := av[0].int(i), av[1].int(i), av[2].int(i), av[3].int(i), av[4].int(i)
				rem := (ts - offset) % slide
				if rem < 0 {
					rem += slide
				}
				starts[i] = ts - rem - k*slide
				ends[i] = starts[i] + window
			}
			s := newFixed(fields[0].Type, starts, valid)
			defer s.Release()
			e := newFixed(fields[1].Type, ends, valid)
			defer e.Release()
			return array.NewStructArrayWithFields([]arrow.Array{s, e}, fields)
		})
	}, "__time_window")
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity("window_time", args, 1, 1); err != nil {
			return nil, err
		}
		rt, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		return newFunc("window_time", args, result, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			st := a[0].(*array.Struct)
			end := st.Field(1)
			out := make([]int64, n)
			valid := allOnes(n)
			anyNull := false
			vals := fixedValues[int64](end)
			for i := 0; i < n; i++ {
				if st.IsNull(i) || end.IsNull(i) {
					valid.clear(i)
					anyNull = true
					continue
				}
				out[i] = vals[i] - 1
			}
			if !anyNull {
				valid = nil
			}
			return newFixed(rt, out, valid), nil
		})
	}, "window_time")
}

func init() {
	// __session_window(ts, gap): STRUCT<start: ts, end: ts + gap>, the gap a calendar,
	// day-time or year-month interval added as Spark adds it to a timestamp (months and
	// days on the local date-time in the session time zone).
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, o FuncOptions) (Expr, error) {
		if err := arity("__session_window", args, 2, 2); err != nil {
			return nil, err
		}
		rt, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		fields := rt.(*arrow.StructType).Fields()
		loc := sessionZone(o.TimeZone)
		if t, ok := args[0].DataType().(*arrow.TimestampType); ok && t.TimeZone == "" {
			loc = time.UTC // TIMESTAMP_NTZ: the wall clock itself
		}
		gapID := args[1].DataType().ID()
		return newFunc("__session_window", args, result, true, func(a []arrow.Array, n int) (arrow.Array, error) {
			ts := fixedValues[int64](a[0])
			valid := andValidity(a...)
			starts, ends := make([]int64, n), make([]int64, n)
			var cal []arrow.MonthDayNanoInterval
			if gapID == arrow.INTERVAL_MONTH_DAY_NANO {
				cal = fixedValues[arrow.MonthDayNanoInterval](a[1])
			}
			gv := argvOf(a[1])
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				var months, days, micros int64
				switch gapID {
				case arrow.INTERVAL_MONTH_DAY_NANO:
					months, days, micros = int64(cal[i].Months), int64(cal[i].Days), cal[i].Nanoseconds/1000
				case arrow.INTERVAL_MONTHS:
					months = gv.int(i)
				default:
					micros = gv.int(i)
				}
				end, ok := addToInstant(ts[i], months, days, micros, loc)
				if !ok {
					return nil, longOverflow()
				}
				starts[i], ends[i] = ts[i], end
			}
			s := newFixed(fields[0].Type, starts, valid)
			defer s.Release()
			e := newFixed(fields[1].Type, ends, valid)
			defer e.Release()
			return array.NewStructArrayWithFields([]arrow.Array{s, e}, fields)
		})
	}, "__session_window")
}
