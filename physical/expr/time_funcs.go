package expr

import (
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Functions of TIME values (nanoseconds since midnight).

func timeFieldOutOfBounds(msg string) error {
	return sparkerror.New(sparkerror.DateTime, "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", "22023",
		"<rangeMessage>.", map[string]string{"rangeMessage": msg})
}

// makeTimeFn is make_time(hour, minute, sec): sec is a DECIMAL(16, 6) of seconds with
// microseconds; fields out of range fail (LocalTime.of's messages).
func makeTimeFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("make_time", args, 3, 3); err != nil {
		return nil, err
	}
	secScale := 6
	if d, ok := args[2].DataType().(*arrow.Decimal128Type); ok {
		secScale = int(d.Scale)
	}
	return newFunc("make_time", args, types.DefaultTime, true, fixedRowK(time64T, func(i int, a []argv) (int64, bool, error) {
		h, m := a[0].int(i), a[1].int(i)
		var us int64
		if a[2].dec != nil {
			us = decToMicros(a[2].dec[i], secScale)
		} else {
			us = a[2].int(i) * microsPerSecond
		}
		sec := floorDivI(us, microsPerSecond)
		frac := us - sec*microsPerSecond
		switch {
		case sec < 0 || sec > 0x7fffffff:
			// Decimal.toLong truncates toward zero.
			return 0, false, timeFieldOutOfBounds("Invalid value for SecondOfMinute (valid values 0 - 59): " + strconv.FormatInt(us/microsPerSecond, 10))
		case h < 0 || h > 23:
			return 0, false, timeFieldOutOfBounds("Invalid value for HourOfDay (valid values 0 - 23): " + strconv.FormatInt(h, 10))
		case m < 0 || m > 59:
			return 0, false, timeFieldOutOfBounds("Invalid value for MinuteOfHour (valid values 0 - 59): " + strconv.FormatInt(m, 10))
		case sec > 59:
			return 0, false, timeFieldOutOfBounds("Invalid value for SecondOfMinute (valid values 0 - 59): " + strconv.FormatInt(sec, 10))
		}
		return ((h*60+m)*60+sec)*nanosPerSecond + frac*nanosPerMicro, true, nil
	}))
}

// makeTimestampFromDateFn is make_timestamp(date[, time[, zone]]) (the wall clock read in
// the zone, the session's by default) and make_timestamp_ntz(date, time) (ntz). The try_
// forms give NULL for an unknown zone.
func makeTimestampFromDateFn(name string, ntz, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 3); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		rt, at := types.DataType(types.Timestamp), arrow.DataType(ltzType)
		if ntz {
			rt, at = types.TimestampNTZ, ntzType
		}
		var zones zoneCacheLast
		k := fixedRowK(at, func(i int, a []argv) (int64, bool, error) {
			local := a[0].int(i) * microsPerDay
			if len(a) > 1 {
				local += floorDivI(a[1].int(i), nanosPerMicro)
			}
			if ntz {
				return local, true, nil
			}
			z := loc
			if len(a) > 2 {
				zz, err := zones.get(a[2].str(i))
				if err != nil {
					if try {
						return 0, false, nil
					}
					return 0, false, err
				}
				z = zz
			}
			us, ok := localToInstant(local, z)
			return us, ok, nil
		})
		return newFunc(name, args, rt, !try, k)
	}
}

// timeFieldOfTimeFn is hour / minute / second of a TIME value.
func timeFieldOfTimeFn(name string, unit, modulo int64) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Integer, false, mapK(i32, func(t int64) int32 { return int32(t / unit % modulo) }))
	}
}

func init() {
	register(makeTimeFn, "make_time")
	register(makeTimestampFromDateFn("make_timestamp", false, false), "make_timestamp_from_date")
	register(makeTimestampFromDateFn("try_make_timestamp", false, true), "try_make_timestamp_from_date")
	register(makeTimestampFromDateFn("make_timestamp_ntz", true, false), "make_timestamp_ntz_from_date")
	register(timeFieldOfTimeFn("hour", 3600*nanosPerSecond, 24), "hour_of_time")
	register(timeFieldOfTimeFn("minute", 60*nanosPerSecond, 60), "minute_of_time")
	register(timeFieldOfTimeFn("second", nanosPerSecond, 60), "second_of_time")
}

// timeUnitNanos is the length of the units time_diff and time_trunc take; 0 for others.
func timeUnitNanos(unit []byte) int64 {
	switch strings.ToUpper(string(unit)) {
	case "HOUR":
		return 3600 * nanosPerSecond
	case "MINUTE":
		return 60 * nanosPerSecond
	case "SECOND":
		return nanosPerSecond
	case "MILLISECOND":
		return 1_000_000
	case "MICROSECOND":
		return nanosPerMicro
	}
	return 0
}

func invalidTimeUnit(fn string, unit []byte) error {
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.TIME_UNIT", "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the units 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', but got '<invalidValue>'.",
		map[string]string{"functionName": "`" + fn + "`", "parameter": "`unit`", "invalidValue": sqlString(unit)})
}

// timeDiffFn is time_diff(unit, start, end): the whole units from start to end.
func timeDiffFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("time_diff", args, 3, 3); err != nil {
		return nil, err
	}
	return newFunc("time_diff", args, types.Long, true, fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
		u := timeUnitNanos(a[0].str(i))
		if u == 0 {
			return 0, false, invalidTimeUnit("time_diff", a[0].str(i))
		}
		return (a[2].int(i) - a[1].int(i)) / u, true, nil
	}))
}

// timeTruncFn is time_trunc(unit, time): the time with the smaller units zeroed.
func timeTruncFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("time_trunc", args, 2, 2); err != nil {
		return nil, err
	}
	return newFunc("time_trunc", args, rt, true, fixedRowK(time64T, func(i int, a []argv) (int64, bool, error) {
		u := timeUnitNanos(a[0].str(i))
		if u == 0 {
			return 0, false, invalidTimeUnit("time_trunc", a[0].str(i))
		}
		t := a[1].int(i)
		return t - t%u, true, nil
	}))
}

// secondsOfTimeFn is extract(SECOND FROM time): the seconds with their fraction, a
// DECIMAL(8, 6).
func secondsOfTimeFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("second", args, 1, 1); err != nil {
		return nil, err
	}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	return newFunc("second", args, rt, false, fixedRowK(at, func(i int, a []argv) (decimal128.Num, bool, error) {
		t := a[0].int(i)
		return decimal128.FromI64(t % (60 * nanosPerSecond) / nanosPerMicro), true, nil
	}))
}

func init() {
	register(timeDiffFn, "time_diff")
	register(timeTruncFn, "time_trunc")
	register(secondsOfTimeFn, "second_of_time_with_fraction")
}

func cannotParseTime(input, format []byte) error {
	return sparkerror.New(sparkerror.DateTime, "CANNOT_PARSE_TIME", "22010",
		"The input string <input> cannot be parsed to a TIME value because it does not match to the datetime format <format>.",
		map[string]string{"input": sqlString(input), "format": sqlString(format)})
}

// toTimeFn is to_time(str[, fmt]): the string parsed as a time of day, by the cast rules or
// the datetime pattern; what does not parse fails with CANNOT_PARSE_TIME (try_to_time
// gives NULL).
func toTimeFn(name string, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		cache := &patternCache{parsing: true}
		defaultFormat := []byte("HH:mm:ss.SSSSSS")
		return newFunc(name, args, types.DefaultTime, !try, fixedRowK(time64T, func(i int, a []argv) (int64, bool, error) {
			s := a[0].str(i)
			fail := func() (int64, bool, error) {
				if try {
					return 0, false, nil
				}
				format := defaultFormat
				if len(a) > 1 {
					format = a[1].str(i)
				}
				return 0, false, cannotParseTime(s, format)
			}
			if len(a) == 1 {
				t, ok := parseTime(s)
				if !ok {
					return fail()
				}
				return t, true, nil
			}
			f, err := cache.get(a[1].str(i))
			if err != nil {
				if try {
					return 0, false, nil
				}
				return 0, false, err
			}
			p, err := f.parse(s)
			if err != nil {
				return fail()
			}
			// java.time checks the ranges of the fields when it resolves them.
			if (p.has(fHourOfDay) && p.v[fHourOfDay] > 23) || (p.has(fMinute) && p.v[fMinute] > 59) ||
				(p.has(fSecond) && p.v[fSecond] > 59) {
				return fail()
			}
			us, msg := p.resolveTime()
			if msg != "" {
				return fail()
			}
			return us * nanosPerMicro, true, nil
		}))
	}
}

func init() {
	register(toTimeFn("to_time", false), "to_time")
	register(toTimeFn("try_to_time", true), "try_to_time")
}
