package expr

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// timestampadd(unit, quantity, ts) and timestampdiff(unit, start, end). The unit is a
// constant string (the analyzer checks it). TIMESTAMP values move in the session zone,
// TIMESTAMP_NTZ values as UTC wall clocks.

// maxLocalDays bounds the days of a wall-clock time that still fits int64 microseconds.
const maxLocalDays = math.MaxInt64/microsPerDay - 1

// unitMicros is the length in microseconds of the time-based units.
var unitMicros = map[string]int64{
	"MICROSECOND": 1, "MILLISECOND": 1000, "SECOND": microsPerSecond,
	"MINUTE": 60 * microsPerSecond, "HOUR": 3600 * microsPerSecond,
}

func invalidDatetimeUnit(fn, unit string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.DATETIME_UNIT", "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal <invalidValue>.",
		map[string]string{"functionName": "`" + fn + "`", "parameter": "`unit`", "invalidValue": "'" + unit + "'"})
}

// constUnit reads the constant unit argument.
func constUnit(e Expr, fn string) (string, error) {
	u, null, err := constString(e)
	if err != nil {
		return "", err
	}
	if null {
		return "", invalidDatetimeUnit(fn, "null")
	}
	return string(u), nil
}

// timestampAddOverflow is DATETIME_OVERFLOW for adding q units to the instant us (Spark
// prints the operand as a TIMESTAMP in the session zone, whatever its type).
func timestampAddOverflow(us, q int64, unit string, loc *time.Location) error {
	ts := string(format.AppendTimestamp(nil, us, loc))
	return sparkerror.New(sparkerror.Arithmetic, "DATETIME_OVERFLOW", "22008",
		"Datetime operation overflow: <operation>.",
		map[string]string{"operation": "add " + strconv.FormatInt(q, 10) + "L " + unit + " to TIMESTAMP '" + ts + "'"})
}

// addLocal adds months, then days, then micros to the instant us at loc, as
// ZonedDateTime.plusMonths.plusDays.plus does; ok is false when the result leaves the
// range of dates or of microseconds.
func addLocal(us, months, days, micros int64, loc *time.Location) (int64, bool) {
	if months != 0 || days != 0 {
		local := instantToLocal(us, loc)
		d := floorDivI(local, microsPerDay)
		tod := local - d*microsPerDay
		if months != 0 {
			d = addMonths(d, months)
		}
		d += days
		if d > maxLocalDays || d < -maxLocalDays {
			return 0, false
		}
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

// timestampAddUnits adds q units to us; ok is false on overflow.
func timestampAddUnits(unit string, q, us int64, loc *time.Location) (int64, bool) {
	if f, isTime := unitMicros[unit]; isTime {
		m, ok := mulExact(q, f)
		if !ok {
			return 0, false
		}
		return addLocal(us, 0, 0, m, loc)
	}
	if q < math.MinInt32 || q > math.MaxInt32 {
		return 0, false
	}
	var months, days int64
	switch unit {
	case "DAY", "DAYOFYEAR":
		days = q
	case "WEEK":
		days = q * 7
	case "MONTH":
		months = q
	case "QUARTER":
		months = q * 3
	case "YEAR":
		months = q * 12
	}
	// The multiplications are int arithmetic in Spark (Math.multiplyExact on ints).
	if days < math.MinInt32 || days > math.MaxInt32 || months < math.MinInt32 || months > math.MaxInt32 {
		return 0, false
	}
	return addLocal(us, months, days, 0, loc)
}

func timestampAddFn(args []Expr, _ []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("timestampadd", args, 3, 3); err != nil {
		return nil, err
	}
	unit, err := constUnit(args[0], "TIMESTAMPADD")
	if err != nil {
		return nil, err
	}
	unit = strings.ToUpper(unit)
	switch unit {
	case "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DAYOFYEAR", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND":
	default:
		return nil, invalidDatetimeUnit("TIMESTAMPADD", unit)
	}
	session := sessionZone(o.TimeZone)
	t := args[2].DataType()
	loc := session
	if tt, ok := t.(*arrow.TimestampType); ok && tt.TimeZone == "" {
		loc = time.UTC
	}
	k := fixedRowK(t, func(i int, a []argv) (int64, bool, error) {
		q, us := a[0].int(i), a[1].int(i)
		r, ok := timestampAddUnits(unit, q, us, loc)
		if !ok {
			return 0, false, timestampAddOverflow(us, q, unit, session)
		}
		return r, true, nil
	})
	return &funcExpr{name: "timestampadd", args: args[1:], t: t, k: k, fails: true, strict: true}, nil
}

// monthsUntil is LocalDate.until(end, MONTHS) for dates as days: whole months, truncated
// toward zero, counting a later day of month as a part month.
func monthsUntil(start, end int64) int64 {
	y1, m1, d1 := civilFromDays(start)
	y2, m2, d2 := civilFromDays(end)
	p1 := (y1*12+int64(m1-1))*32 + int64(d1)
	p2 := (y2*12+int64(m2-1))*32 + int64(d2)
	return (p2 - p1) / 32
}

// timestampDiffUnits is ChronoUnit.between of two wall-clock times (microseconds).
func timestampDiffUnits(unit string, start, end int64) (int64, bool) {
	if f, isTime := unitMicros[unit]; isTime {
		d := end - start
		if (end >= 0) != (start >= 0) && (d >= 0) != (end >= 0) {
			return 0, false
		}
		return d / f, true
	}
	switch unit {
	case "DAY", "WEEK":
		d := end - start
		if (end >= 0) != (start >= 0) && (d >= 0) != (end >= 0) {
			return 0, false
		}
		d /= microsPerDay
		if unit == "WEEK" {
			d /= 7
		}
		return d, true
	}
	// Date-based: the end date moves one day toward the start when its time of day has not
	// reached the start's.
	sd, ed := floorDivI(start, microsPerDay), floorDivI(end, microsPerDay)
	st, et := start-sd*microsPerDay, end-ed*microsPerDay
	switch {
	case ed > sd && et < st:
		ed--
	case ed < sd && et > st:
		ed++
	}
	m := monthsUntil(sd, ed)
	switch unit {
	case "QUARTER":
		m /= 3
	case "YEAR":
		m /= 12
	}
	return m, true
}

func timestampDiffFn(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("timestampdiff", args, 3, 3); err != nil {
		return nil, err
	}
	unit, err := constUnit(args[0], "TIMESTAMPDIFF")
	if err != nil {
		return nil, err
	}
	unit = strings.ToUpper(unit)
	switch unit {
	case "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND":
	default:
		return nil, invalidDatetimeUnit("TIMESTAMPDIFF", unit)
	}
	loc := sessionZone(o.TimeZone)
	if tt, ok := args[2].DataType().(*arrow.TimestampType); ok && tt.TimeZone == "" {
		loc = time.UTC
	}
	k := fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
		r, ok := timestampDiffUnits(unit, instantToLocal(a[0].int(i), loc), instantToLocal(a[1].int(i), loc))
		if !ok {
			return 0, false, longOverflow()
		}
		return r, true, nil
	})
	return &funcExpr{name: "timestampdiff", args: args[1:], t: int64T, k: k, fails: true, strict: true}, nil
}

func init() {
	register(timestampAddFn, "timestampadd")
	register(timestampDiffFn, "timestampdiff")
}

// convertTimezoneFn is convert_timezone(sourceTz, targetTz, ntz): the wall-clock time ntz
// in sourceTz, shown in targetTz.
func convertTimezoneFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("convert_timezone", args, 3, 3); err != nil {
		return nil, err
	}
	var src, dst zoneCacheLast
	return newFunc("convert_timezone", args, types.TimestampNTZ, true, fixedRowK(ntzType, func(i int, a []argv) (int64, bool, error) {
		from, err := src.get(a[0].str(i))
		if err != nil {
			return 0, false, err
		}
		to, err := dst.get(a[1].str(i))
		if err != nil {
			return 0, false, err
		}
		us, ok := localToInstant(a[2].int(i), from)
		if !ok {
			return 0, false, longOverflow()
		}
		return instantToLocal(us, to), true, nil
	}))
}

func init() {
	register(convertTimezoneFn, "convert_timezone")
}

// Truncation levels of trunc and date_trunc (DateTimeUtils.parseTruncLevel).
const (
	truncInvalid = iota - 1
	truncMicrosecond
	truncMillisecond
	truncSecond
	truncMinute
	truncHour
	truncDay
	truncWeek
	truncMonth
	truncQuarter
	truncYear
)

func truncLevel(s []byte) int {
	switch strings.ToUpper(string(s)) {
	case "MICROSECOND":
		return truncMicrosecond
	case "MILLISECOND":
		return truncMillisecond
	case "SECOND":
		return truncSecond
	case "MINUTE":
		return truncMinute
	case "HOUR":
		return truncHour
	case "DAY", "DD":
		return truncDay
	case "WEEK":
		return truncWeek
	case "MON", "MONTH", "MM":
		return truncMonth
	case "QUARTER":
		return truncQuarter
	case "YEAR", "YYYY", "YY":
		return truncYear
	}
	return truncInvalid
}

// truncDays truncates a date to a level from truncWeek up.
func truncDays(d int64, level int) int64 {
	y, m, dd := civilFromDays(d)
	switch level {
	case truncWeek:
		return d - (isoWeekday(d) - 1)
	case truncMonth:
		return d - int64(dd) + 1
	case truncQuarter:
		return daysFromCivil(y, (m-1)/3*3+1, 1)
	}
	return daysFromCivil(y, 1, 1)
}

// levelCache parses the level argument, remembering the last.
type levelCache struct {
	mu    sync.Mutex
	src   []byte
	level int
	set   bool
}

func (c *levelCache) get(s []byte) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.set || !bytes.Equal(s, c.src) {
		c.src, c.level, c.set = append(c.src[:0], s...), truncLevel(s), true
	}
	return c.level
}

// truncDateFn is trunc(date, fmt): NULL for an unknown level or one below WEEK.
func truncDateFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("trunc", args, 2, 2); err != nil {
		return nil, err
	}
	var levels levelCache
	return newFunc("trunc", args, types.Date, false, fixedRowK(dateT, func(i int, a []argv) (int32, bool, error) {
		level := levels.get(a[1].str(i))
		if level < truncWeek {
			return 0, false, nil
		}
		return int32(truncDays(a[0].int(i), level)), true, nil
	}))
}

// truncTimestampFn is date_trunc(fmt, ts): the wall clock in the session zone truncated;
// NULL for an unknown level.
func truncTimestampFn(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("date_trunc", args, 2, 2); err != nil {
		return nil, err
	}
	loc := sessionZone(o.TimeZone)
	var levels levelCache
	return newFunc("date_trunc", args, types.Timestamp, false, fixedRowK(ltzType, func(i int, a []argv) (int64, bool, error) {
		level := levels.get(a[0].str(i))
		us := a[1].int(i)
		var unit int64
		switch level {
		case truncInvalid:
			return 0, false, nil
		case truncMicrosecond:
			return us, true, nil
		case truncMillisecond:
			return us - floorModI(us, 1000), true, nil
		case truncSecond:
			return us - floorModI(us, microsPerSecond), true, nil
		case truncMinute:
			unit = 60 * microsPerSecond
		case truncHour:
			unit = 3600 * microsPerSecond
		case truncDay:
			unit = microsPerDay
		default:
			d := truncDays(floorDivI(instantToLocal(us, loc), microsPerDay), level)
			return startOfDay(d, loc), true, nil
		}
		local := instantToLocal(us, loc)
		r, _ := localToInstant(local-floorModI(local, unit), loc)
		return r, true, nil
	}))
}

// utcTimestampFn is from_utc_timestamp / to_utc_timestamp(ts, tz): the wall clock of ts in
// UTC read in tz, or the reverse.
func utcTimestampFn(name string, from bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		var zones zoneCacheLast
		return newFunc(name, args, types.Timestamp, true, fixedRowK(ltzType, func(i int, a []argv) (int64, bool, error) {
			loc, err := zones.get(a[1].str(i))
			if err != nil {
				return 0, false, err
			}
			us := a[0].int(i)
			if from {
				return instantToLocal(us, loc), true, nil
			}
			r, ok := localToInstant(us, loc)
			if !ok {
				return 0, false, longOverflow()
			}
			return r, true, nil
		}))
	}
}

func init() {
	register(truncDateFn, "trunc")
	register(truncTimestampFn, "date_trunc")
	register(utcTimestampFn("from_utc_timestamp", true), "from_utc_timestamp")
	register(utcTimestampFn("to_utc_timestamp", false), "to_utc_timestamp")
}
