package expr

import (
	"math"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// ANSI interval arithmetic: YEAR-MONTH intervals are int32 months, DAY-TIME intervals int64
// microseconds. Adding or subtracting overflows with INTERVAL_ARITHMETIC_OVERFLOW in both
// modes; multiplying and dividing by numbers round HALF_UP (Guava's DoubleMath, IntMath and
// LongMath, BigDecimal for decimals) and overflow with a plain java.lang.ArithmeticException.

func intervalOverflow(try string) error {
	if try == "" {
		return sparkerror.New(sparkerror.Arithmetic, "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION", "22015",
			"Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters.", nil)
	}
	return sparkerror.New(sparkerror.Arithmetic, "INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION", "22015",
		"Integer overflow while operating with intervals. Use <functionName> to tolerate overflow and return NULL instead.",
		map[string]string{"functionName": "`" + try + "`"})
}

func intervalDividedByZero() error {
	return sparkerror.New(sparkerror.Arithmetic, "INTERVAL_DIVIDED_BY_ZERO", "22012",
		"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.", nil)
}

func isIntervalArrow(t arrow.DataType) bool {
	return t.ID() == arrow.INTERVAL_MONTHS || t.ID() == arrow.DURATION
}

// intervalAddK is + or - of two intervals of one family.
func intervalAddK(op string, t arrow.DataType) kernel {
	try := "try_add"
	if op == "-" {
		try = "try_subtract"
	}
	months := t.ID() == arrow.INTERVAL_MONTHS
	return fixedIntervalK(t, func(i int, a []argv) (int64, bool, error) {
		x, y := a[0].int(i), a[1].int(i)
		if op == "-" {
			y = -y
			if a[1].int(i) == math.MinInt64 {
				return 0, false, intervalOverflow(try)
			}
		}
		r := x + y
		if months {
			if r != int64(int32(r)) {
				return 0, false, intervalOverflow(try)
			}
		} else if (x > 0 && y > 0 && r < 0) || (x < 0 && y < 0 && r >= 0) {
			return 0, false, intervalOverflow(try)
		}
		return r, true, nil
	})
}

// fixedIntervalK builds a month (int32) or microsecond (int64) interval column.
func fixedIntervalK(t arrow.DataType, f func(i int, a []argv) (int64, bool, error)) kernel {
	if t.ID() == arrow.INTERVAL_MONTHS {
		return fixedRowK(t, func(i int, a []argv) (int32, bool, error) {
			v, ok, err := f(i, a)
			return int32(v), ok, err
		})
	}
	return fixedRowK(t, f)
}

// intervalNumFn is multiply_ym_interval / multiply_dt_interval / divide_ym_interval /
// divide_dt_interval(interval, num); the operands may come in either order for *.
func intervalNumFn(name string, divide bool) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		iv, nv := 0, 1
		if !isIntervalArrow(args[0].DataType()) && isIntervalArrow(args[1].DataType()) {
			iv, nv = 1, 0
		}
		it := args[iv].DataType()
		nt := args[nv].DataType()
		months := it.ID() == arrow.INTERVAL_MONTHS
		limit := big.NewInt(math.MaxInt64)
		low := big.NewInt(math.MinInt64)
		if months {
			limit, low = big.NewInt(math.MaxInt32), big.NewInt(math.MinInt32)
		}
		var scale int
		if d, ok := nt.(*arrow.Decimal128Type); ok {
			scale = int(d.Scale)
		}
		k := fixedIntervalK(it, func(i int, a []argv) (int64, bool, error) {
			x := a[iv].int(i)
			num := &a[nv]
			switch nt.ID() {
			case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
				n := num.int(i)
				if divide {
					if n == 0 {
						return 0, false, intervalDividedByZero()
					}
					if n == -1 && ((months && x == math.MinInt32) || (!months && x == math.MinInt64)) {
						return 0, false, intervalOverflow("try_divide")
					}
					return divHalfUp(x, n), true, nil
				}
				r := new(big.Int).Mul(big.NewInt(x), big.NewInt(n))
				if r.Cmp(limit) > 0 || r.Cmp(low) < 0 {
					if months {
						return 0, false, javaArithmetic("integer overflow")
					}
					return 0, false, javaArithmetic("long overflow")
				}
				return r.Int64(), true, nil
			case arrow.FLOAT32, arrow.FLOAT64:
				n := num.float(i)
				if divide && n == 0 {
					return 0, false, intervalDividedByZero()
				}
				var v float64
				if divide {
					v = float64(x) / n
				} else {
					v = float64(x) * n
				}
				r, ok := roundHalfUpToInt(v, months)
				if !ok {
					return 0, false, javaArithmetic("rounded value is out of range for input " + formatJavaDouble(v) + " and rounding mode HALF_UP")
				}
				return r, true, nil
			case arrow.DECIMAL128:
				d := num.dec[i]
				if divide && d == (decimal128.Num{}) {
					return 0, false, intervalDividedByZero()
				}
				r := new(big.Rat).SetFrac(d.BigInt(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
				xr := new(big.Rat).SetInt64(x)
				if divide {
					r = xr.Quo(xr, r)
				} else {
					r = xr.Mul(xr, r)
				}
				q := ratHalfUp(r)
				if q.Cmp(limit) > 0 || q.Cmp(low) < 0 {
					return 0, false, javaArithmetic("Overflow")
				}
				return q.Int64(), true, nil
			}
			return 0, false, sparkerror.NotImplemented(name + " by " + nt.String())
		})
		return newFunc(name, args, rt, true, k)
	}
}

// divHalfUp is x / n rounded half away from zero (IntMath/LongMath.divide HALF_UP).
func divHalfUp(x, n int64) int64 {
	q, r := x/n, x%n
	if r == 0 {
		return q
	}
	// Compare 2|r| with |n| without overflow.
	ar, an := uint64(r), uint64(n)
	if r < 0 {
		ar = uint64(-r)
	}
	if n < 0 {
		an = uint64(-n)
	}
	if ar >= an-ar {
		if (x < 0) != (n < 0) {
			q--
		} else {
			q++
		}
	}
	return q
}

// roundHalfUpToInt is DoubleMath.roundToInt / roundToLong with HALF_UP.
func roundHalfUpToInt(v float64, toInt bool) (int64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	r := math.Round(v) // half away from zero
	if toInt {
		if r < math.MinInt32 || r > math.MaxInt32 {
			return 0, false
		}
		return int64(r), true
	}
	if r < -9.223372036854775808e18 || r >= 9.223372036854775808e18 {
		return 0, false
	}
	return int64(r), true
}

// ratHalfUp rounds a rational half away from zero.
func ratHalfUp(r *big.Rat) *big.Int {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q
}

func formatJavaDouble(f float64) string { return format.JavaDoubleString(f) }

func init() {
	register(intervalNumFn("multiply_ym_interval", false), "multiply_ym_interval")
	register(intervalNumFn("multiply_dt_interval", false), "multiply_dt_interval")
	register(intervalNumFn("divide_ym_interval", true), "divide_ym_interval")
	register(intervalNumFn("divide_dt_interval", true), "divide_dt_interval")
}

func init() {
	// make_interval(years, months, weeks, days, hours, mins, secs DECIMAL(18, 6)): a legacy
	// INTERVAL; overflow is ARITHMETIC_OVERFLOW under ANSI, else NULL.
	register(func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity("make_interval", args, 7, 7); err != nil {
			return nil, err
		}
		fail := o.ANSI
		mdn := arrow.FixedWidthTypes.MonthDayNanoInterval
		return newFunc("make_interval", args, types.CalendarInterval, fail, fixedRowK(mdn, func(i int, a []argv) (arrow.MonthDayNanoInterval, bool, error) {
			y, mo, w, d, h, mi := a[0].int(i), a[1].int(i), a[2].int(i), a[3].int(i), a[4].int(i), a[5].int(i)
			secs := int64(a[6].dec[i].LowBits())
			months := mo + y*12
			days := d + w*7
			micros := secs + h*3_600_000_000 + mi*60_000_000
			if months != int64(int32(months)) || days != int64(int32(days)) || y*12 != int64(int32(y*12)) || w*7 != int64(int32(w*7)) {
				if fail {
					return arrow.MonthDayNanoInterval{}, false, arithmeticOverflow("integer overflow", "")
				}
				return arrow.MonthDayNanoInterval{}, false, nil
			}
			// Spark's interval is valid here; one whose microseconds do not fit the
			// nanoseconds the engine carries fails in either mode, as Spark Connect's Arrow
			// writer fails to send it.
			v, err := CalendarNanos(int32(months), int32(days), micros)
			return v, err == nil, err
		}))
	}, "make_interval")
	// make_dt_interval(days, hours, mins, secs DECIMAL(18, 6)).
	register(func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("make_dt_interval", args, 4, 4); err != nil {
			return nil, err
		}
		return newFunc("make_dt_interval", args, rt, true, fixedRowK(arrow.FixedWidthTypes.Duration_us, func(i int, a []argv) (int64, bool, error) {
			r := new(big.Int).SetInt64(int64(a[3].dec[i].LowBits()))
			r.Add(r, new(big.Int).Mul(big.NewInt(a[0].int(i)), big.NewInt(microsPerDay)))
			r.Add(r, new(big.Int).Mul(big.NewInt(a[1].int(i)), big.NewInt(3_600_000_000)))
			r.Add(r, new(big.Int).Mul(big.NewInt(a[2].int(i)), big.NewInt(60_000_000)))
			if !r.IsInt64() {
				return 0, false, intervalOverflow("")
			}
			return r.Int64(), true, nil
		}))
	}, "make_dt_interval")
	// make_ym_interval(years, months).
	register(func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("make_ym_interval", args, 2, 2); err != nil {
			return nil, err
		}
		return newFunc("make_ym_interval", args, rt, true, fixedRowK(arrow.FixedWidthTypes.MonthInterval, func(i int, a []argv) (arrow.MonthInterval, bool, error) {
			y, m := a[0].int(i), a[1].int(i)
			ym := y * 12
			r := m + ym
			if ym != int64(int32(ym)) || r != int64(int32(r)) {
				return 0, false, intervalOverflow("")
			}
			return arrow.MonthInterval(r), true, nil
		}))
	}, "make_ym_interval")
}

// intervalAsLong reads an ANSI interval as its months or microseconds (BIGINT).
func intervalAsLong(e Expr) Expr {
	if !isIntervalArrow(e.DataType()) {
		return e
	}
	return &funcExpr{name: "interval_value", args: []Expr{e}, t: int64T, strict: true,
		k: fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) { return a[0].int(i), true, nil })}
}

// CalendarNanos is a CalendarInterval (months, days, microseconds) as the engine carries
// it: an Arrow month_day_nano whose nanoseconds are Spark's microseconds × 1000. Spark's
// microseconds beyond ±9223372036854775 (about 292 years) do not fit, and are an error
// rather than a wrapped value: the java.lang.ArithmeticException ("long overflow") Spark
// Connect's Arrow writer raises for them (Math.multiplyExact).
func CalendarNanos(months, days int32, micros int64) (arrow.MonthDayNanoInterval, error) {
	if micros > math.MaxInt64/1000 || micros < math.MinInt64/1000 {
		return arrow.MonthDayNanoInterval{}, longOverflow()
	}
	return arrow.MonthDayNanoInterval{Months: months, Days: days, Nanoseconds: micros * 1000}, nil
}
