package expr

import (
	"bytes"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Datetime functions. Dates are days since the epoch (int32), timestamps microseconds
// (int64): TIMESTAMP an instant, shown in the session zone (FuncOptions.TimeZone);
// TIMESTAMP_NTZ a wall-clock time.

const microsPerSecond = int64(1_000_000)

var (
	dateT = arrow.FixedWidthTypes.Date32
)

// patternCache compiles datetime patterns, remembering the last one.
type patternCache struct {
	mu      sync.Mutex // kernels may run on several batches at once
	src     []byte
	f       *dtFormat
	parsing bool
}

func (c *patternCache) get(p []byte) (*dtFormat, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.f != nil && bytes.Equal(p, c.src) {
		return c.f, nil
	}
	f, err := compileDatetime(string(p), c.parsing)
	if err != nil {
		return nil, err
	}
	c.src, c.f = append(c.src[:0], p...), f
	return f, nil
}

// startOfDay is daysToMicros: the instant the day starts in loc.
func startOfDay(days int64, loc *time.Location) int64 {
	us, _ := localToInstant(days*microsPerDay, loc)
	return us
}

// microsToDays is the date of an instant in loc.
func microsToDays(us int64, loc *time.Location) int64 {
	return floorDivI(instantToLocal(us, loc), microsPerDay)
}

// noLegacyFallback is the pattern error of a TIMESTAMP_NTZ parser, which has no legacy
// formatter to compare with: a pattern the new parser rejects is INVALID_DATETIME_PATTERN.
func noLegacyFallback(err error, pattern []byte) error {
	if se, ok := sparkerror.As(err); ok && se.Class == "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION" {
		return sparkerror.New(sparkerror.Runtime, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION", "22007",
			"Unrecognized datetime pattern: <pattern>. You can form a valid datetime pattern with the guide from '<docroot>/sql-ref-datetime-pattern.html'.",
			map[string]string{"pattern": sqlString(pattern), "docroot": "https://spark.apache.org/docs/latest"})
	}
	return err
}

func cannotParse(err error, fn string) error {
	return sparkerror.New(sparkerror.DateTime, "CANNOT_PARSE_TIMESTAMP", "22007",
		"<message>. Use <func> to tolerate invalid input string and return NULL instead.",
		map[string]string{"message": err.Error(), "func": "`" + fn + "`"})
}

func isParseFailure(err error) bool {
	switch err.(type) {
	case *parseError:
		return true
	}
	return false
}

// toTimestampFn is GetTimestamp (to_timestamp and to_date with a format, unix_timestamp):
// the string is parsed with the pattern; dates and timestamps convert directly. Malformed
// strings fail with CANNOT_PARSE_TIMESTAMP under ANSI (suggesting fn), else give NULL.
// scale divides the microseconds (1 for timestamps, 10^6 for unix_timestamp).
func toTimestampFn(name, suggest string, try bool, scale int64) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		fail := o.ANSI && !try
		loc := sessionZone(o.TimeZone)
		ntz := false
		if _, ok := rt.(types.TimestampNTZType); ok {
			ntz = true
		}
		at, err := types.ToArrow(rt)
		if err != nil {
			return nil, err
		}
		in := args[0].DataType()
		cache := &timeFormatCache{parsing: true, policy: o.timePolicy, ntz: ntz}
		k := fixedRowK(at, func(i int, a []argv) (int64, bool, error) {
			switch in.ID() {
			case arrow.DATE32:
				if ntz {
					return a[0].int(i) * microsPerDay, true, nil
				}
				return startOfDay(a[0].int(i), loc) / scale, true, nil
			case arrow.TIMESTAMP:
				return a[0].int(i) / scale, true, nil
			}
			f, err := cache.get(a[1].str(i))
			if err != nil {
				return 0, false, err
			}
			var us int64
			if ntz {
				us, err = f.parseLocal(a[0].str(i))
			} else {
				us, err = f.parseMicros(a[0].str(i), loc)
			}
			if err != nil {
				if !isParseFailure(err) {
					return 0, false, err
				}
				if fail {
					return 0, false, cannotParse(err, suggest)
				}
				return 0, false, nil
			}
			return us / scale, true, nil
		})
		return &funcExpr{name: name, args: args, t: at, k: k, fails: true, strict: true}, nil
	}
}

// dateFormatFn is date_format(ts, fmt) (and from_unixtime(sec, fmt), which scales seconds).
func dateFormatFn(name string, scale int64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		if t, ok := args[0].DataType().(*arrow.TimestampType); ok && t.TimeZone == "" {
			loc = time.UTC
		}
		cache := &timeFormatCache{policy: o.timePolicy}
		return newFunc(name, args, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			f, err := cache.get(a[1].str(i))
			if err != nil {
				return nil, false, err
			}
			us := a[0].int(i) * scale
			v := valuesOf(us, loc)
			var out []byte
			if df, ok := f.(*dtFormat); ok {
				out, err = df.format(dst, &v) // the common java.time formatter, called directly
			} else {
				out, err = f.appendValue(dst, v)
			}
			return out, err == nil, err
		}))
	}
}

func dateFieldOutOfBounds(msg string) error {
	return sparkerror.New(sparkerror.DateTime, "DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION", "22023",
		"<rangeMessage>. If necessary set <ansiConfig> to \"false\" to bypass this error.",
		map[string]string{"rangeMessage": msg, "ansiConfig": `"spark.sql.ansi.enabled"`})
}

// localDateTimeCheck is LocalDateTime.of's validation; "" when valid.
func localDateTimeCheck(y int64, mo, d, h, mi, s int) string {
	if y < -999999999 || y > 999999999 {
		return "Invalid value for Year (valid values -999999999 - 999999999): " + strconv.FormatInt(y, 10)
	}
	if msg := checkDate(y, mo, d); msg != "" {
		return msg
	}
	switch {
	case h < 0 || h > 23:
		return "Invalid value for HourOfDay (valid values 0 - 23): " + strconv.Itoa(h)
	case mi < 0 || mi > 59:
		return "Invalid value for MinuteOfHour (valid values 0 - 59): " + strconv.Itoa(mi)
	case s < 0 || s > 59:
		return "Invalid value for SecondOfMinute (valid values 0 - 59): " + strconv.Itoa(s)
	}
	return ""
}

func makeDateFn(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("make_date", args, 3, 3); err != nil {
		return nil, err
	}
	fail := o.ANSI
	return newFunc("make_date", args, types.Date, fail, fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
		y, m, d := a[0].int(i), a[1].int(i), a[2].int(i)
		msg := ""
		switch {
		case y < -999999999 || y > 999999999:
			msg = "Invalid value for Year (valid values -999999999 - 999999999): " + strconv.FormatInt(y, 10)
		case m < 1 || m > 12:
			msg = "Invalid value for MonthOfYear (valid values 1 - 12): " + strconv.FormatInt(m, 10)
		case d < 1 || d > 31:
			msg = "Invalid value for DayOfMonth (valid values 1 - 28/31): " + strconv.FormatInt(d, 10)
		default:
			msg = checkDate(y, int(m), int(d))
		}
		if msg != "" {
			if fail {
				return 0, false, dateFieldOutOfBounds(msg)
			}
			return 0, false, nil
		}
		return int32(daysFromCivil(y, int(m), int(d))), true, nil
	}))
}

// makeTimestampFn is make_timestamp(year, month, day, hour, min, sec[, tz]): sec is a
// DECIMAL(16, 6); 60 seconds (with no fraction) is the next minute.
func makeTimestampFn(name string, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 6, 7); err != nil {
			return nil, err
		}
		fail := o.ANSI && !try
		loc := sessionZone(o.TimeZone)
		ntz := false
		if _, ok := rt.(types.TimestampNTZType); ok {
			ntz = true
		}
		at, err := types.ToArrow(rt)
		if err != nil {
			return nil, err
		}
		secScale := 6
		if d, ok := args[5].DataType().(*arrow.Decimal128Type); ok {
			secScale = int(d.Scale)
		}
		var zones zoneCacheLast
		k := fixedRowK(at, func(i int, a []argv) (int64, bool, error) {
			y, mo, d, h, mi := a[0].int(i), a[1].int(i), a[2].int(i), a[3].int(i), a[4].int(i)
			var secMicros int64
			if a[5].dec != nil {
				v := a[5].dec[i]
				secMicros = decToMicros(v, secScale)
			} else {
				secMicros = a[5].int(i) * microsPerSecond
			}
			// The unscaled value is read as an int (8 digits cannot overflow).
			secMicros = int64(int32(secMicros))
			sec := floorDivI(secMicros, microsPerSecond)
			frac := secMicros - sec*microsPerSecond
			z := loc
			if len(a) > 6 {
				zz, err := zones.get(a[6].str(i))
				if err != nil {
					return 0, false, err
				}
				z = zz
			}
			plusMinute := false
			if sec == 60 {
				if frac != 0 {
					if fail {
						return 0, false, sparkerror.New(sparkerror.DateTime, "INVALID_FRACTION_OF_SECOND", "22023",
							"Valid range for seconds is [0, 60] (inclusive), but the provided value is <secAndMicros>. To avoid this error, use `try_make_timestamp`, which returns NULL on error.\nIf you do not want to use the session default timestamp version of this function, use `try_make_timestamp_ntz` or `try_make_timestamp_ltz`.",
							map[string]string{"secAndMicros": strconv.FormatFloat(float64(secMicros)/1e6, 'f', -1, 64)})
					}
					return 0, false, nil
				}
				sec, plusMinute = 0, true
			}
			if msg := localDateTimeCheck(y, int(mo), int(d), int(h), int(mi), int(sec)); msg != "" {
				if fail {
					return 0, false, dateFieldOutOfBounds(msg)
				}
				return 0, false, nil
			}
			local := daysFromCivil(y, int(mo), int(d))*microsPerDay + h*3_600_000_000 + mi*60_000_000 + sec*microsPerSecond + frac
			if plusMinute {
				local += 60_000_000
			}
			if ntz {
				return local, true, nil
			}
			us, ok := localToInstant(local, z)
			return us, ok, nil
		})
		return &funcExpr{name: name, args: args, t: at, k: k, fails: true, strict: true}, nil
	}
}

// decToMicros converts a decimal of the given scale to microseconds (truncating).
func decToMicros(v decimal128.Num, scale int) int64 {
	switch {
	case scale == 6:
		return int64(v.LowBits())
	case scale < 6:
		return int64(v.LowBits()) * int64(math.Pow10(6-scale))
	}
	b := v.BigInt()
	b.Quo(b, big.NewInt(int64(math.Pow10(scale-6))))
	return b.Int64()
}

// zoneCacheLast resolves zone ids (DateTimeUtils.getZoneId), remembering the last.
type zoneCacheLast struct {
	mu  sync.Mutex
	id  []byte
	loc *time.Location
}

func (z *zoneCacheLast) get(id []byte) (*time.Location, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.loc != nil && bytes.Equal(id, z.id) {
		return z.loc, nil
	}
	loc, ok := zoneByID(string(id))
	if !ok {
		return nil, sparkerror.New(sparkerror.DateTime, "INVALID_TIMEZONE", "22009",
			"The timezone: <timeZone> is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm' or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'.",
			map[string]string{"timeZone": string(id)})
	}
	z.id, z.loc = append(z.id[:0], id...), loc
	return loc, nil
}

// dateAddFn is date_add / date_sub(date, days); the arithmetic rewrite may pass the date
// second (1 + DATE).
func dateAddFn(name string, sign int32) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		di, ni := 0, 1
		if args[0].DataType().ID() != arrow.DATE32 && args[1].DataType().ID() == arrow.DATE32 {
			di, ni = 1, 0
		}
		if args[ni].DataType().ID() == arrow.DURATION {
			// DATE +/- INTERVAL DAY: the days of the interval, with a sign only the
			// explicit forms know.
			if !strings.Contains(name, "_days") {
				return signUnknown(name)(args, nil, nil, FuncOptions{})
			}
			return newFunc(name, args, types.Date, false, fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
				return int32(a[di].int(i)) + sign*int32(a[ni].int(i)/microsPerDay), true, nil
			}))
		}
		return newFunc(name, args, types.Date, false, fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
			return int32(a[di].int(i)) + sign*int32(a[ni].int(i)), true, nil
		}))
	}
}

var dayOfWeekNames = map[string]int64{
	"SU": 3, "SUN": 3, "SUNDAY": 3, "MO": 4, "MON": 4, "MONDAY": 4, "TU": 5, "TUE": 5, "TUESDAY": 5,
	"WE": 6, "WED": 6, "WEDNESDAY": 6, "TH": 0, "THU": 0, "THURSDAY": 0, "FR": 1, "FRI": 1, "FRIDAY": 1,
	"SA": 2, "SAT": 2, "SATURDAY": 2,
}

// nextDayFn is next_day(date, dayOfWeek): the first later date on that day; an unknown day
// name is ILLEGAL_DAY_OF_WEEK under ANSI, else NULL.
func nextDayFn(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("next_day", args, 2, 2); err != nil {
		return nil, err
	}
	fail := o.ANSI
	return newFunc("next_day", args, types.Date, fail, fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
		name := a[1].str(i)
		dow, ok := dayOfWeekNames[strings.ToUpper(string(name))]
		if !ok {
			if fail {
				return 0, false, sparkerror.New(sparkerror.IllegalArgument, "ILLEGAL_DAY_OF_WEEK", "22009",
					"Illegal input for day of week: <string>.", map[string]string{"string": string(name)})
			}
			return 0, false, nil
		}
		sd := a[0].int(i)
		return int32(sd + 1 + floorModI(dow-1-sd, 7)), true, nil
	}))
}

// javaArithmetic is a plain java.lang.ArithmeticException (Math.multiplyExact and
// BigDecimal.longValueExact raise them without an error class).
func javaArithmetic(msg string) error {
	return &sparkerror.Error{Kind: sparkerror.Arithmetic, Message: msg,
		JavaClasses: []string{"java.lang.ArithmeticException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}}
}

func longOverflow() error { return javaArithmetic("long overflow") }

func mulExact(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return c, true
}

// secondsToTimestampFn is timestamp_seconds(x): integers and decimals must fit (long
// overflow), floating-point values truncate and NaN/infinity give NULL.
func secondsToTimestampFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("timestamp_seconds", args, 1, 1); err != nil {
		return nil, err
	}
	in := args[0].DataType()
	return newFunc("timestamp_seconds", args, types.Timestamp, true, fixedRowK(ltzType, func(i int, a []argv) (int64, bool, error) {
		switch in.ID() {
		case arrow.FLOAT32, arrow.FLOAT64:
			f := a[0].float(i)
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return 0, false, nil
			}
			return javaD2L(f * 1e6), true, nil
		case arrow.DECIMAL128:
			scale := int(in.(*arrow.Decimal128Type).Scale)
			b := a[0].dec[i].BigInt()
			// BigDecimal.multiply(10^6).longValueExact: a fraction left is an error too.
			num := new(big.Int).Mul(b, big.NewInt(1_000_000))
			den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)
			q, r := new(big.Int).QuoRem(num, den, new(big.Int))
			if r.Sign() != 0 {
				return 0, false, javaArithmetic("Rounding necessary")
			}
			if !q.IsInt64() {
				return 0, false, javaArithmetic("Overflow")
			}
			return q.Int64(), true, nil
		}
		v, ok := mulExact(a[0].int(i), microsPerSecond)
		if !ok {
			return 0, false, longOverflow()
		}
		return v, true, nil
	}))
}

func scaleToTimestampFn(name string, factor int64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Timestamp, factor != 1, fixedRowK(ltzType, func(i int, a []argv) (int64, bool, error) {
			v, ok := mulExact(a[0].int(i), factor)
			if !ok {
				return 0, false, longOverflow()
			}
			return v, true, nil
		}))
	}
}

func timestampToLongFn(name string, factor int64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Long, false, fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
			return floorDivI(a[0].int(i), factor), true, nil
		}))
	}
}

// dateFieldFn extracts a field of a date.
func dateFieldFn(name string, f func(days int64) int32) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Integer, false, mapK(i32, func(d int32) int32 { return f(int64(d)) }))
	}
}

// timeFieldFn extracts a field of a timestamp's wall-clock time (in the session zone for
// TIMESTAMP).
func timeFieldFn(name string, f func(localMicros int64) int32) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		if t, ok := args[0].DataType().(*arrow.TimestampType); ok && t.TimeZone == "" {
			loc = time.UTC
		}
		return newFunc(name, args, types.Integer, false, mapK(i32, func(us int64) int32 { return f(instantToLocal(us, loc)) }))
	}
}

func isoWeekday(days int64) int64 { return floorModI(days+3, 7) + 1 } // 1 Monday .. 7 Sunday

func init() {
	registerTimePolicy(toTimestampFn("to_timestamp", "try_to_timestamp", false, 1), "get_timestamp")
	registerTimePolicy(toTimestampFn("to_date", "try_to_date", false, 1), "get_timestamp_to_date")
	registerTimePolicy(toTimestampFn("try_to_timestamp", "", true, 1), "try_get_timestamp")
	registerTimePolicy(toTimestampFn("unix_timestamp", "try_to_timestamp", false, microsPerSecond), "unix_timestamp", "to_unix_timestamp")
	registerTimePolicy(dateFormatFn("date_format", 1), "date_format")
	registerTimePolicy(dateFormatFn("from_unixtime", microsPerSecond), "from_unixtime")
	register(makeDateFn, "make_date")
	register(makeTimestampFn("make_timestamp", false), "make_timestamp", "make_timestamp_ntz", "make_timestamp_ltz")
	register(makeTimestampFn("try_make_timestamp", true), "try_make_timestamp", "try_make_timestamp_ntz", "try_make_timestamp_ltz")
	register(dateAddFn("date_add", 1), "date_add")
	register(dateAddFn("date_sub", -1), "date_sub")
	register(dateAddFn("date_plus_days", 1), "date_plus_days")
	register(dateAddFn("date_minus_days", -1), "date_minus_days")
	register(nextDayFn, "next_day")
	register(secondsToTimestampFn, "timestamp_seconds")
	register(scaleToTimestampFn("timestamp_millis", 1000), "timestamp_millis")
	register(scaleToTimestampFn("timestamp_micros", 1), "timestamp_micros")
	register(timestampToLongFn("unix_seconds", microsPerSecond), "unix_seconds")
	register(timestampToLongFn("unix_millis", 1000), "unix_millis")
	register(timestampToLongFn("unix_micros", 1), "unix_micros")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		return newFunc("unix_date", args, types.Integer, false, mapK(i32, func(d int32) int32 { return d }))
	}, "unix_date")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		return newFunc("date_from_unix_date", args, types.Date, false, mapK(dateT, func(d int32) int32 { return d }))
	}, "date_from_unix_date")
	// current_date: the analyzer passes the query's current timestamp.
	register(func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity("current_date", args, 1, 1); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		return newFunc("current_date", args, types.Date, false, mapK(dateT, func(us int64) int32 { return int32(microsToDays(us, loc)) }))
	}, "current_date")

	register(dateFieldFn("year", func(d int64) int32 { y, _, _ := civilFromDays(d); return int32(y) }), "year")
	register(dateFieldFn("month", func(d int64) int32 { _, m, _ := civilFromDays(d); return int32(m) }), "month")
	register(dateFieldFn("day", func(d int64) int32 { _, _, dd := civilFromDays(d); return int32(dd) }), "day", "dayofmonth")
	register(dateFieldFn("quarter", func(d int64) int32 { _, m, _ := civilFromDays(d); return int32((m-1)/3 + 1) }), "quarter")
	register(dateFieldFn("dayofyear", func(d int64) int32 {
		y, _, _ := civilFromDays(d)
		return int32(d - daysFromCivil(y, 1, 1) + 1)
	}), "dayofyear")
	register(dateFieldFn("dayofweek", func(d int64) int32 { return int32(isoWeekday(d)%7 + 1) }), "dayofweek")
	register(dateFieldFn("weekday", func(d int64) int32 { return int32(isoWeekday(d) - 1) }), "weekday")
	register(dateFieldFn("weekofyear", func(d int64) int32 {
		y, m, dd := civilFromDays(d)
		_, w := time.Date(int(y), time.Month(m), dd, 0, 0, 0, 0, time.UTC).ISOWeek()
		return int32(w)
	}), "weekofyear")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		return newFunc("last_day", args, types.Date, false, mapK(dateT, func(d int32) int32 {
			y, m, dd := civilFromDays(int64(d))
			return d - int32(dd) + int32(daysInMonth(y, m))
		}))
	}, "last_day")
	register(timeFieldFn("hour", func(us int64) int32 { return int32(floorModI(us, microsPerDay) / 3_600_000_000) }), "hour")
	register(timeFieldFn("minute", func(us int64) int32 { return int32(floorModI(us, 3_600_000_000) / 60_000_000) }), "minute")
	register(timeFieldFn("second", func(us int64) int32 { return int32(floorModI(us, 60_000_000) / microsPerSecond) }), "second")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("datediff", args, 2, 2); err != nil {
			return nil, err
		}
		return newFunc("datediff", args, types.Integer, false, zipK(i32, func(end, start int32) int32 { return end - start }))
	}, "datediff")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("add_months", args, 2, 2); err != nil {
			return nil, err
		}
		return newFunc("add_months", args, types.Date, false, fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
			return int32(addMonths(a[0].int(i), a[1].int(i))), true, nil
		}))
	}, "add_months")

	register(subtractDatesFn, "subtract_dates")
	register(subtractTimestampsFn, "subtract_timestamps")
	for _, name := range []string{"timestamp_add_interval", "date_add_ym_interval", "timestamp_add_ym_interval", "date_add_interval"} {
		register(signUnknown(name), name)
		plus := strings.Replace(name, "_add_", "_plus_", 1)
		minus := strings.Replace(name, "_add_", "_minus_", 1)
		register(datetimeIntervalFn(plus, false), plus)
		register(datetimeIntervalFn(minus, true), minus)
	}
}

// addMonths is LocalDate.plusMonths: the day is clamped to the new month's length.
func addMonths(days, months int64) int64 {
	y, m, d := civilFromDays(days)
	total := y*12 + int64(m-1) + months
	ny, nm := floorDivI(total, 12), int(floorModI(total, 12))+1
	return daysFromCivil(ny, nm, min(d, daysInMonth(ny, nm)))
}

// subtractDatesFn is DATE - DATE: an INTERVAL DAY (microseconds).
func subtractDatesFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("subtract_dates", args, 2, 2); err != nil {
		return nil, err
	}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	if at.ID() == arrow.INTERVAL_MONTH_DAY_NANO {
		// spark.sql.legacy.interval.enabled: the Period between the dates, in months and days.
		return newFunc("subtract_dates", args, rt, false, fixedRowK(at, func(i int, a []argv) (arrow.MonthDayNanoInterval, bool, error) {
			months, days := periodBetween(a[1].int(i), a[0].int(i))
			return arrow.MonthDayNanoInterval{Months: int32(months), Days: int32(days)}, true, nil
		}))
	}
	if at.ID() != arrow.DURATION {
		return nil, sparkerror.NotImplemented("DATE - DATE as " + rt.SQL())
	}
	return newFunc("subtract_dates", args, rt, false, fixedRowK(at, func(i int, a []argv) (int64, bool, error) {
		return (a[0].int(i) - a[1].int(i)) * microsPerDay, true, nil
	}))
}

// subtractTimestampsFn is TIMESTAMP - TIMESTAMP: an INTERVAL DAY TO SECOND.
func subtractTimestampsFn(args []Expr, _ []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("subtract_timestamps", args, 2, 2); err != nil {
		return nil, err
	}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	if at.ID() == arrow.INTERVAL_MONTH_DAY_NANO {
		// spark.sql.legacy.interval.enabled: the microseconds between the instants.
		return newFunc("subtract_timestamps", args, rt, true, fixedRowK(at, func(i int, a []argv) (arrow.MonthDayNanoInterval, bool, error) {
			r, overflow := subOverflow(a[0].int(i), a[1].int(i))
			if overflow || r > math.MaxInt64/1000 || r < math.MinInt64/1000 {
				return arrow.MonthDayNanoInterval{}, false, longOverflow()
			}
			return arrow.MonthDayNanoInterval{Nanoseconds: r * 1000}, true, nil
		}))
	}
	if at.ID() != arrow.DURATION {
		return nil, sparkerror.NotImplemented("TIMESTAMP - TIMESTAMP as " + rt.SQL())
	}
	loc := sessionZone(o.TimeZone)
	isDate := [2]bool{args[0].DataType().ID() == arrow.DATE32, args[1].DataType().ID() == arrow.DATE32}
	zone := loc
	for _, a := range args {
		if t, ok := a.DataType().(*arrow.TimestampType); ok && t.TimeZone == "" {
			zone = time.UTC
		}
	}
	return newFunc("subtract_timestamps", args, rt, true, fixedRowK(at, func(i int, a []argv) (int64, bool, error) {
		x, y := a[0].int(i), a[1].int(i)
		if isDate[0] {
			x = startOfDay(x, zone)
		}
		if isDate[1] {
			y = startOfDay(y, zone)
		}
		// Spark subtracts the wall-clock times in the session zone (a DST shift between
		// the two does not count).
		x, y = instantToLocal(x, zone), instantToLocal(y, zone)
		r := x - y
		if (x >= 0) != (y >= 0) && (r >= 0) != (x >= 0) {
			return 0, false, longOverflow()
		}
		return r, true, nil
	}))
}

// The arithmetic rewrites date_add (with an INTERVAL DAY), timestamp_add_interval,
// date_add_ym_interval and timestamp_add_ym_interval stand for both + and - (Spark negates
// the interval for -); the analyzer does not pass that negation yet, so these names are
// NOT_IMPLEMENTED rather than silently adding. The explicit forms *_plus_* and *_minus_*
// (which try_add / try_subtract use) compute them.
func signUnknown(name string) ScalarFunc {
	return func([]Expr, []types.DataType, types.DataType, FuncOptions) (Expr, error) {
		return nil, sparkerror.NotImplemented("running the function " + name + " (the analyzer does not say whether the interval is added or subtracted)")
	}
}

// datetimeIntervalFn is TIMESTAMP (or DATE, for year-month intervals) plus or minus an
// interval: days and months move the wall clock in the session zone, the rest the instant.
// The result is cast to the call's type when Spark casts it back (a string operand).
func datetimeIntervalFn(name string, negate bool) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		dt, iv := 0, 1
		if isIntervalArrow(args[0].DataType()) || args[0].DataType().ID() == arrow.INTERVAL_MONTH_DAY_NANO {
			dt, iv = 1, 0
		}
		dtType := args[dt].DataType()
		loc := sessionZone(o.TimeZone)
		if t, ok := dtType.(*arrow.TimestampType); ok && t.TimeZone == "" {
			loc = time.UTC
		}
		ivID := args[iv].DataType().ID()
		sign := int64(1)
		if negate {
			sign = -1
		}
		var k kernel
		var own types.DataType
		if dtType.ID() == arrow.DATE32 {
			own = types.Date
			k = fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
				if ivID == arrow.INTERVAL_MONTHS {
					return int32(addMonths(a[dt].int(i), sign*a[iv].int(i))), true, nil
				}
				if ivID == arrow.INTERVAL_MONTH_DAY_NANO {
					// DateAddInterval: the months, then the days. A time part fails under ANSI;
					// otherwise the date is a timestamp at its start of day in the session zone.
					v := a[iv].mdn[i]
					d := a[dt].int(i)
					if v.Nanoseconds == 0 {
						return int32(addMonths(d, sign*int64(v.Months)) + sign*int64(v.Days)), true, nil
					}
					if o.ANSI {
						return 0, false, dateTimePartError()
					}
					r, ok := addToInstant(startOfDay(d, loc), sign*int64(v.Months), sign*int64(v.Days), sign*(v.Nanoseconds/1000), loc)
					if !ok {
						return 0, false, longOverflow()
					}
					return int32(floorDivI(instantToLocal(r, loc), microsPerDay)), true, nil
				}
				return 0, false, sparkerror.NotImplemented(name + " of a DATE and " + args[iv].DataType().String())
			})
		} else {
			own = types.Timestamp
			if t, ok := dtType.(*arrow.TimestampType); ok && t.TimeZone == "" {
				own = types.TimestampNTZ
			}
			k = fixedRowK(dtType, func(i int, a []argv) (int64, bool, error) {
				var months, days, micros int64
				switch ivID {
				case arrow.INTERVAL_MONTHS:
					months = a[iv].int(i)
				case arrow.DURATION:
					micros = a[iv].int(i)
					days = micros / microsPerDay
					micros -= days * microsPerDay
				case arrow.INTERVAL_MONTH_DAY_NANO: // a legacy CalendarInterval
					v := a[iv].mdn[i]
					months, days, micros = int64(v.Months), int64(v.Days), v.Nanoseconds/1000
				default:
					return 0, false, sparkerror.NotImplemented(name + " with " + args[iv].DataType().String())
				}
				r, ok := addToInstant(a[dt].int(i), sign*months, sign*days, sign*micros, loc)
				if !ok {
					return 0, false, longOverflow()
				}
				return r, true, nil
			})
		}
		e, err := newFunc(name, args, own, true, k)
		if err != nil {
			return nil, err
		}
		if rt != nil && !types.Equal(rt, own) {
			return NewCast(e, own, rt, CastOptions{ANSI: o.ANSI, TimeZone: o.TimeZone})
		}
		return e, nil
	}
}

// addToInstant is ZonedDateTime.plusMonths(months).plusDays(days).plus(micros).
func addToInstant(us, months, days, micros int64, loc *time.Location) (int64, bool) {
	if months != 0 || days != 0 {
		local := instantToLocal(us, loc)
		d := floorDivI(local, microsPerDay)
		tod := local - d*microsPerDay
		if months != 0 {
			d = addMonths(d, months)
		}
		d += days
		var ok bool
		if us, ok = localToInstant(d*microsPerDay+tod, loc); !ok {
			return 0, false
		}
	}
	r := us + micros
	if (micros > 0 && r < us) || (micros < 0 && r > us) {
		return 0, false
	}
	return r, true
}

func init() {
	register(func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity("localtimestamp", args, 1, 1); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		return newFunc("localtimestamp", args, types.TimestampNTZ, false, mapK(ntzType, func(us int64) int64 { return instantToLocal(us, loc) }))
	}, "localtimestamp")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		return NewLiteral(types.String, sessionZone(o.TimeZone).String())
	}, "current_timezone")
}

// dateTimePartError is DateTimeUtils.dateAddInterval's failure: a DATE plus a legacy
// INTERVAL with hours, minutes, seconds or fractions.
func dateTimePartError() error {
	return &sparkerror.Error{Kind: sparkerror.IllegalArgument,
		Message:     "requirement failed: Cannot add hours, minutes or seconds, milliseconds, microseconds to a date",
		JavaClasses: []string{"java.lang.IllegalArgumentException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}}
}

// periodBetween is java.time.Period.between(start, end) for epoch days, as total months and
// days (start plus the months, then the days, is end; both have end - start's sign).
func periodBetween(start, end int64) (months, days int64) {
	sy, sm, sd := civilFromDays(start)
	ey, em, ed := civilFromDays(end)
	months = (ey*12 + int64(em)) - (sy*12 + int64(sm))
	days = int64(ed - sd)
	switch {
	case months > 0 && days < 0:
		months--
		days = end - addMonths(start, months)
	case months < 0 && days > 0:
		months++
		days -= int64(daysInMonth(ey, em))
	}
	return months, days
}

// subOverflow is x - y and whether it overflows int64.
func subOverflow(x, y int64) (int64, bool) {
	r := x - y
	return r, (x >= 0) != (y >= 0) && (r >= 0) != (x >= 0)
}
