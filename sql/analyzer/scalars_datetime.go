package analyzer

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Datetime functions (Spark's datetimeExpressions).

// nowMicros gives every current_timestamp() of one analysis the same instant, as Spark's
// ComputeCurrentTime does for a query: the analyzer reads the clock once.
func (a *analyzer) nowMicros() int64 {
	if !a.clockRead {
		a.now, a.clockRead = time.Now().UnixMicro(), true
	}
	return a.now
}

var (
	anyDatetimeInput = coercion.OneOf(coercion.AnyString, coercion.Exact(types.Date), coercion.Exact(types.Timestamp), coercion.Exact(types.TimestampNTZ))
	reqDatetimeInput = `("STRING" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")`
)

const defaultTimestampPattern = "yyyy-MM-dd HH:mm:ss"

func registerDatetimeFunctions() {
	str := coercion.AnyString
	integer := coercion.Exact(types.Integer)
	date := coercion.Exact(types.Date)
	ts := coercion.AnyTimestamp

	// current_date / current_timestamp / now / localtimestamp / current_timezone.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		now := &plan.Literal{Type: types.Timestamp, Value: a.nowMicros(), Text: name + "()"}
		switch name {
		case "current_timestamp", "now":
			return now, nil
		case "localtimestamp":
			return &plan.Call{Fn: "localtimestamp", Args: []plan.Expr{now}, Type: types.TimestampNTZ, Form: plan.FormBare, Display: name + "()"}, nil
		}
		return &plan.Call{Fn: "current_date", Args: []plan.Expr{now}, Type: types.Date, Form: plan.FormBare, Display: name + "()"}, nil
	}, "current_date", "curdate", "current_timestamp", "now", "localtimestamp")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "current_timezone", Type: types.String, Display: name}, nil
	}, "current_timezone")

	register(ScalarFunction, resolveToTimestamp, "to_timestamp", "try_to_timestamp", "to_date", "try_to_date",
		"to_timestamp_ltz", "to_timestamp_ntz")
	register(ScalarFunction, resolveBetween, "between")
	register(ScalarFunction, resolveExtract, "extract", "date_part", "datepart")
	register(ScalarFunction, resolveUnixTimestamp, "unix_timestamp", "to_unix_timestamp")
	registerSig(sig{counts: []int{1, 2}, want: []coercion.Expected{coercion.Exact(types.Long), str}, req: []string{reqLong, reqString},
		result: constType(types.String), defaults: []plan.Expr{stringLit(defaultTimestampPattern)}, minArgs: 1, null: alwaysNull}, "from_unixtime")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{coercion.Exact(types.Timestamp), str}, req: []string{`"TIMESTAMP"`, reqString},
		result: constType(types.String), null: alwaysNull}, "date_format")
	for _, name := range []string{"from_unixtime", "date_format"} {
		// Bound to the session's time parser policy.
		bySig := registry[name].resolve
		register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			e, err := bySig(a, name, args, f)
			if c, ok := e.(*plan.Call); ok && err == nil {
				c.Fn += a.timePolicySuffix()
			}
			return e, err
		}, name)
	}
	registerSig(sig{counts: []int{3}, want: []coercion.Expected{integer}, req: []string{reqInt}, result: constType(types.Date),
		null: alwaysNull}, "make_date")
	register(ScalarFunction, resolveMakeTimestamp, "make_timestamp", "try_make_timestamp", "make_timestamp_ltz", "make_timestamp_ntz",
		"try_make_timestamp_ltz", "try_make_timestamp_ntz")
	register(ScalarFunction, resolveDateAdd, "date_add", "dateadd", "date_sub")
	register(ScalarFunction, resolveTimestampAddDiff, "timestampadd", "timestampdiff")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{date, str}, req: []string{`"DATE"`, reqString},
		result: constType(types.Date), null: alwaysNull}, "trunc")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str, coercion.Exact(types.Timestamp)}, req: []string{reqString, `"TIMESTAMP"`},
		result: constType(types.Timestamp), null: alwaysNull}, "date_trunc")
	for _, name := range []string{"from_utc_timestamp", "to_utc_timestamp"} {
		registerSig(sig{counts: []int{2}, want: []coercion.Expected{coercion.Exact(types.Timestamp), str}, req: []string{`"TIMESTAMP"`, reqString},
			result: constType(types.Timestamp)}, name)
	}
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2, 3); err != nil {
			return nil, err
		}
		full := args
		if len(args) == 2 {
			// The source zone defaults to the session's.
			full = append([]plan.Expr{&plan.Call{Fn: "current_timezone", Type: types.String, Display: "current_timezone"}}, args...)
		}
		x, err := a.implicit(name, full, []coercion.Expected{str, str, coercion.Exact(types.TimestampNTZ)},
			[]string{reqString, reqString, `"TIMESTAMP_NTZ"`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "convert_timezone", Args: x, Type: types.TimestampNTZ, Null: anyNull(x), Display: name}, nil
	}, "convert_timezone")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{date, str}, req: []string{`"DATE"`, reqString}, result: constType(types.Date), null: alwaysNull}, "next_day")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		// ExpectsInputTypes: numbers only (a NULL literal too).
		if isNullTypeOf(args[0]) {
			args = []plan.Expr{castTo(args[0], types.Long)}
		} else if !coercion.AnyNumeric.Accepts(plan.TypeOf(args[0])) {
			return nil, unexpectedInputType(callText(name, args), 0, reqNumeric, args[0])
		}
		null := plan.NullableOf(args[0])
		switch plan.TypeOf(args[0]).(type) {
		case types.FloatType, types.DoubleType:
			null = true
		}
		return &plan.Call{Fn: "timestamp_seconds", Args: args, Type: types.Timestamp, Null: null, Display: name}, nil
	}, "timestamp_seconds")
	for _, name := range []string{"timestamp_millis", "timestamp_micros"} {
		register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			if err := arity(name, args, 1); err != nil {
				return nil, err
			}
			x := args
			if isNullTypeOf(args[0]) {
				x = []plan.Expr{castTo(args[0], types.Long)}
			} else if !coercion.AnyIntegral.Accepts(plan.TypeOf(args[0])) {
				return nil, unexpectedInputType(callText(name, args), 0, `"INTEGRAL"`, args[0])
			}
			return &plan.Call{Fn: name, Args: x, Type: types.Timestamp, Null: anyNull(x), Display: name}, nil
		}, name)
	}
	for _, name := range []string{"unix_seconds", "unix_millis", "unix_micros"} {
		registerSig(sig{counts: []int{1}, want: []coercion.Expected{coercion.Exact(types.Timestamp)}, req: []string{`"TIMESTAMP"`}, result: constType(types.Long)}, name)
	}
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{date}, req: []string{`"DATE"`}, result: constType(types.Integer)}, "unix_date")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{integer}, req: []string{reqInt}, result: constType(types.Date)}, "date_from_unix_date")

	// Fields of dates (strings and timestamps are cast to DATE) and of timestamps.
	for name, fn := range map[string]string{"year": "year", "month": "month", "day": "day", "dayofmonth": "day",
		"quarter": "quarter", "dayofyear": "dayofyear", "dayofweek": "dayofweek", "weekday": "weekday", "weekofyear": "weekofyear"} {
		registerSig(sig{fn: fn, counts: []int{1}, want: []coercion.Expected{date}, req: []string{`"DATE"`}, result: constType(types.Integer)}, name)
	}
	for _, name := range []string{"hour", "minute", "second"} {
		registerSig(sig{counts: []int{1}, want: []coercion.Expected{ts}, req: []string{`"TIMESTAMP"`}, result: constType(types.Integer)}, name)
		onTimestamp := registry[name].resolve
		register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			if len(args) == 1 {
				if _, ok := plan.TypeOf(args[0]).(types.TimeType); ok {
					return &plan.Call{Fn: name + "_of_time", Args: args, Type: types.Integer, Null: anyNull(args), Display: name}, nil
				}
			}
			return onTimestamp(a, name, args, f)
		}, name)
	}
	registerSig(sig{counts: []int{3}, want: []coercion.Expected{integer, integer, coercion.Exact(types.DecimalType{Precision: 16, Scale: 6})},
		req: []string{reqInt, reqInt, `"DECIMAL(16,6)"`}, result: constType(types.DefaultTime), null: alwaysNull}, "make_time")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{date}, req: []string{`"DATE"`}, result: constType(types.Date)}, "last_day")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{date}, req: []string{`"DATE"`}, result: constType(types.Integer)}, "datediff")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{date, integer}, req: []string{`"DATE"`, reqInt}, result: constType(types.Date)}, "add_months")
}

// resolveToTimestamp is to_timestamp / try_to_timestamp / to_date / try_to_date(x[, fmt]):
// without a format a cast (named as the function); with one, GetTimestamp.
func resolveToTimestamp(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	try := name == "try_to_timestamp" || name == "try_to_date"
	toDate := name == "to_date" || name == "try_to_date"
	target := types.DataType(types.Timestamp)
	switch {
	case toDate:
		target = types.Date
	case name == "to_timestamp_ntz", a.opts.TimestampNTZ && (name == "to_timestamp" || name == "try_to_timestamp"):
		target = types.TimestampNTZ
	}
	want := []coercion.Expected{anyDatetimeInput, coercion.AnyString}
	req := []string{reqDatetimeInput, reqString}
	if len(args) == 1 && target == types.DataType(types.Timestamp) {
		want[0] = coercion.OneOf(coercion.AnyString, coercion.Exact(types.Date), coercion.Exact(types.Timestamp), coercion.Exact(types.TimestampNTZ), coercion.AnyNumeric)
		req[0] = `("STRING" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "NUMERIC")`
	}
	x, err := a.implicit(name, args, want, req)
	if err != nil {
		return nil, err
	}
	text := callText(name, args)
	if len(x) == 1 {
		from := plan.TypeOf(x[0])
		null := plan.NullableOf(x[0]) || try || (!a.opts.ANSI && coercion.ForceNullable(from, target))
		if types.Equal(from, target) {
			return &plan.Call{Fn: "positive", Args: x, Type: target, Null: plan.NullableOf(x[0]), Form: plan.FormBare, Display: text}, nil
		}
		c := &plan.Cast{Child: x[0], To: target, ANSI: a.opts.ANSI && !try, Null: null, Display: text}
		if try {
			c.Try = true
		}
		return c, nil
	}
	fn := "get_timestamp"
	switch {
	case try:
		fn = "try_get_timestamp"
	case toDate:
		fn = "get_timestamp_to_date"
	}
	null := true
	if a.opts.ANSI && !try {
		null = anyNull(x)
	}
	rt := types.DataType(types.Timestamp)
	if target == types.DataType(types.TimestampNTZ) {
		rt = target
	}
	c := &plan.Call{Fn: fn + a.timePolicySuffix(), Args: x, Type: rt, Null: null, Form: plan.FormBare, Display: text, ANSI: a.opts.ANSI}
	if toDate {
		return &plan.Cast{Child: c, To: types.Date, ANSI: a.opts.ANSI, Null: null, Display: text}, nil
	}
	return c, nil
}

// resolveUnixTimestamp is unix_timestamp([x[, fmt]]) and to_unix_timestamp(x[, fmt]): the
// format defaults to yyyy-MM-dd HH:mm:ss, x to the current timestamp; both show in names.
func resolveUnixTimestamp(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	counts := []int{0, 1, 2}
	if name == "to_unix_timestamp" {
		counts = []int{1, 2}
	}
	if err := arity(name, args, counts...); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	if len(full) == 0 {
		full = append(full, &plan.Literal{Type: types.Timestamp, Value: a.nowMicros(), Text: "current_timestamp()"})
	}
	if len(full) == 1 {
		full = append(full, stringLit(defaultTimestampPattern))
	}
	x, err := a.implicit(name, full, []coercion.Expected{anyDatetimeInput, coercion.AnyString}, []string{reqDatetimeInput, reqString})
	if err != nil {
		return nil, err
	}
	null := true
	if a.opts.ANSI {
		null = anyNull(x)
	}
	return &plan.Call{Fn: "unix_timestamp" + a.timePolicySuffix(), Args: x, Type: types.Long, Null: null, Display: name, ANSI: a.opts.ANSI}, nil
}

// resolveMakeTimestamp is make_timestamp(year, month, day, hour, min, sec[, tz]) (and
// make_timestamp(date) at midnight); sec is DECIMAL(16, 6). try_make_timestamp gives NULL
// for invalid fields and is named without its zone.
func resolveMakeTimestamp(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	try := len(name) > 4 && name[:4] == "try_"
	result := types.DataType(types.Timestamp)
	ntzName := name == "make_timestamp_ntz" || name == "try_make_timestamp_ntz"
	if ntzName {
		result = types.TimestampNTZ
	}
	ntzDate := ntzName && len(args) == 2
	if ntzDate || (len(args) >= 1 && len(args) <= 3 && (name == "make_timestamp" || name == "try_make_timestamp")) {
		// make_timestamp(date[, time[, zone]]) and make_timestamp_ntz(date, time); errors
		// name the function without try_.
		base := strings.TrimPrefix(name, "try_")
		errText := callText(base, args)
		x := make([]plan.Expr, len(args))
		for i, e := range args {
			t := plan.TypeOf(e)
			switch i {
			case 0:
				if _, ok := t.(types.DateType); !ok && !isNullTypeOf(e) {
					return nil, unexpectedInputType(errText, 0, `"DATE"`, e)
				}
				x[0] = castTo(e, types.Date)
			case 1:
				if _, ok := t.(types.TimeType); !ok && !isNullTypeOf(e) {
					return nil, unexpectedInputType(errText, 1, `"TIME"`, e)
				}
				x[1] = castTo(e, types.DefaultTime)
				if _, ok := t.(types.TimeType); ok {
					x[1] = e
				}
			case 2:
				if _, ok := t.(types.StringType); !ok && !isNullTypeOf(e) {
					return nil, unexpectedInputType(errText, 2, reqString, e)
				}
				x[2] = castTo(e, types.String)
			}
		}
		text := callText(name, args)
		fn := "make_timestamp_from_date"
		switch {
		case ntzDate:
			fn = "make_timestamp_ntz_from_date"
			if try {
				// try_make_timestamp_ntz wraps the plain function in its name.
				text = name + "(" + errText + ")"
			}
		case try && len(args) == 3:
			fn = "try_make_timestamp_from_date"
		}
		return bareCall(fn, x, result, anyNull(x), text), nil
	}
	counts := []int{6, 7}
	if ntzName {
		counts = []int{6}
	}
	if a.opts.TimestampNTZ && (name == "make_timestamp" || name == "try_make_timestamp") {
		// The session's timestamp type (the zone, if given, is then ignored).
		result = types.TimestampNTZ
	}
	if err := arity(name, args, counts...); err != nil {
		return nil, err
	}
	integer := coercion.Exact(types.Integer)
	want := []coercion.Expected{integer, integer, integer, integer, integer, coercion.Exact(types.DecimalType{Precision: 16, Scale: 6}), coercion.AnyString}
	req := []string{reqInt, reqInt, reqInt, reqInt, reqInt, `"DECIMAL(16,6)"`, reqString}
	x, err := a.implicit(name, args, want, req)
	if err != nil {
		return nil, err
	}
	fn := "make_timestamp"
	if try {
		fn = "try_make_timestamp"
	}
	null := anyNull(x) || try || !a.opts.ANSI
	display := "make_timestamp"
	if name != "make_timestamp" && name != "try_make_timestamp" {
		display = name
	} else if try {
		display = "try_make_timestamp"
	}
	if try {
		return bareCall(fn, x, result, null, callText(display, args[:6])), nil
	}
	return &plan.Call{Fn: fn, Args: x, Type: result, Null: null, Display: display, ANSI: a.opts.ANSI}, nil
}

// resolveDateAdd is date_add / date_sub(start, days): start a DATE (strings and timestamps
// are cast), days an INT, SMALLINT or TINYINT (a string is cast to INT).
func resolveDateAdd(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	text := callText(name, args)
	x := make([]plan.Expr, 2)
	switch plan.TypeOf(args[0]).(type) {
	case types.DateType:
		x[0] = args[0]
	case types.StringType, types.TimestampType, types.TimestampNTZType, types.NullType:
		x[0] = castTo(args[0], types.Date)
	default:
		return nil, unexpectedInputType(text, 0, `"DATE"`, args[0])
	}
	switch plan.TypeOf(args[1]).(type) {
	case types.IntegerType, types.ShortType, types.ByteType:
		x[1] = args[1]
	case types.NullType:
		x[1] = castTo(args[1], types.Integer)
	case types.StringType:
		if !a.opts.ANSI {
			// Legacy mode takes only a constant string, which must be an integer.
			v, ok := literalString(args[1])
			if !ok {
				return nil, unexpectedInputType(text, 1, `("INT" or "SMALLINT" or "TINYINT")`, args[1])
			}
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
			if err != nil {
				return nil, analysisError("SECOND_FUNCTION_ARGUMENT_NOT_INTEGER", "22023",
					"The second argument of <functionName> function needs to be an integer.",
					map[string]string{"functionName": name})
			}
			x[1] = &plan.Literal{Type: types.Integer, Value: int32(n), Text: args[1].String()}
			break
		}
		x[1] = castTo(args[1], types.Integer)
	default:
		return nil, unexpectedInputType(text, 1, `("INT" or "SMALLINT" or "TINYINT")`, args[1])
	}
	fn := "date_add"
	if name == "date_sub" {
		fn = "date_sub"
	}
	return &plan.Call{Fn: fn, Args: x, Type: types.Date, Null: anyNull(x), Display: name}, nil
}

// resolveBetween is x BETWEEN lo AND hi: (x >= lo) AND (x <= hi), named between(x, lo, hi).
func resolveBetween(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 3); err != nil {
		return nil, err
	}
	ge, err := a.call(">=", []plan.Expr{args[0], args[1]}, nil)
	if err != nil {
		return nil, err
	}
	le, err := a.call("<=", []plan.Expr{args[0], args[2]}, nil)
	if err != nil {
		return nil, err
	}
	and, err := a.call("and", []plan.Expr{ge, le}, nil)
	if err != nil {
		return nil, err
	}
	c := and.(*plan.Call)
	c.Form, c.Display = plan.FormBare, callText(name, args)
	return c, nil
}

// resolveExtract is extract(field FROM source) and date_part / datepart(field, source):
// field a constant string naming a part of a datetime or an interval.
func resolveExtract(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	field, src := args[0], args[1]
	var text string
	if name == "date_part" {
		text = callText(name, args)
	} else {
		text = name + "(" + field.String() + " FROM " + src.String() + ")"
	}
	_, isStr := plan.TypeOf(field).(types.StringType)
	if !isFoldable(field) || (!isStr && !isNullTypeOf(field)) {
		return nil, analysisError("NON_FOLDABLE_ARGUMENT", "42K08",
			"The function <funcName> requires the parameter <paramName> to be a foldable expression of the type <paramType>, but the actual argument is a non-foldable.",
			map[string]string{"funcName": quoteID(name), "paramName": "`field`", "paramType": `"STRING"`})
	}
	v, ok := literalString(field)
	if !ok {
		if isNullTypeOf(field) {
			return &plan.Literal{Type: types.Double, Text: text}, nil
		}
		return nil, sparkerror.NotImplemented("an " + name + " field that is not a literal")
	}
	unsupported := analysisError("INVALID_EXTRACT_FIELD", "42601", "Cannot extract <field> from <expr>.",
		map[string]string{"field": quoteID(v), "expr": sqlExpr(src)})
	part := ""
	switch strings.ToUpper(v) {
	case "YEAR", "Y", "YEARS", "YR", "YRS":
		part = "year"
	case "YEAROFWEEK":
		part = "yearofweek"
	case "QUARTER", "QTR":
		part = "quarter"
	case "MONTH", "MON", "MONS", "MONTHS":
		part = "month"
	case "WEEK", "W", "WEEKS":
		part = "weekofyear"
	case "DAY", "D", "DAYS":
		part = "day"
	case "DAYOFWEEK", "DOW":
		part = "dayofweek"
	case "DAYOFWEEK_ISO", "DOW_ISO":
		part = "dayofweek_iso"
	case "DOY":
		part = "dayofyear"
	case "HOUR", "H", "HOURS", "HR", "HRS":
		part = "hour"
	case "MINUTE", "M", "MIN", "MINS", "MINUTES":
		part = "minute"
	case "SECOND", "S", "SEC", "SECONDS", "SECS":
		part = "second"
	default:
		return nil, unsupported
	}
	sec := types.DecimalType{Precision: 8, Scale: 6}
	switch t := plan.TypeOf(src).(type) {
	case types.YearMonthIntervalType:
		unit := map[string]types.YearMonthField{"year": types.Year, "month": types.Month}
		u, ok := unit[part]
		if !ok || u < t.StartField || u > t.EndField {
			return nil, unsupported
		}
		rt := types.DataType(types.Integer)
		if part == "month" {
			rt = types.Byte
		}
		return bareCall("interval_"+part+"s", []plan.Expr{src}, rt, plan.NullableOf(src), text), nil
	case types.DayTimeIntervalType, types.CalendarIntervalType:
		units := map[string]types.DayTimeField{"day": types.Day, "hour": types.Hour, "minute": types.Minute, "second": types.Second}
		calendar := isType[types.CalendarIntervalType](t)
		if calendar && (part == "year" || part == "month") {
			rt := types.DataType(types.Integer)
			if part == "month" {
				rt = types.Byte
			}
			return bareCall("interval_"+part+"s", []plan.Expr{src}, rt, plan.NullableOf(src), text), nil
		}
		u, ok := units[part]
		if !ok {
			return nil, unsupported
		}
		if dt, isDT := t.(types.DayTimeIntervalType); isDT && (u < dt.StartField || u > dt.EndField) {
			return nil, unsupported
		}
		rt := map[string]types.DataType{"day": types.Integer, "hour": types.Byte, "minute": types.Byte, "second": sec}[part]
		return bareCall("interval_"+part+"s", []plan.Expr{src}, rt, plan.NullableOf(src), text), nil
	}
	if _, isTime := plan.TypeOf(src).(types.TimeType); isTime {
		return extractTime(part, src, text, unsupported)
	}
	var want coercion.Expected = coercion.Exact(types.Date)
	fn, rt := part, types.DataType(types.Integer)
	switch part {
	case "hour", "minute":
		want = coercion.AnyTimestamp
	case "second":
		want, fn, rt = coercion.AnyTimestamp, "second_with_fraction", sec
	}
	x, err := a.implicit(name, []plan.Expr{src}, []coercion.Expected{want}, []string{`"DATE"`})
	if err != nil {
		return nil, err
	}
	return bareCall(fn, x, rt, anyNull(x), text), nil
}

// datetimeUnits are the units TIMESTAMPADD and TIMESTAMPDIFF take (DAYOFYEAR only adds).
var datetimeUnits = map[string]bool{"YEAR": true, "QUARTER": true, "MONTH": true, "WEEK": true, "DAY": true,
	"DAYOFYEAR": true, "HOUR": true, "MINUTE": true, "SECOND": true, "MILLISECOND": true, "MICROSECOND": true}

// resolveTimestampAddDiff is timestampadd(unit, quantity, ts) (DATEADD / DATE_ADD with a unit)
// and timestampdiff(unit, start, end) (DATEDIFF / DATE_DIFF / TIMEDIFF with a unit): the unit
// is a constant string, printed bare. timestampadd takes a BIGINT quantity and any timestamp
// (a DATE becomes a TIMESTAMP), giving the timestamp's type; timestampdiff compares two
// TIMESTAMPs and gives a BIGINT.
func resolveTimestampAddDiff(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 3); err != nil {
		return nil, err
	}
	unit, ok := literalString(args[0])
	if !ok {
		return nil, analysisError("INVALID_PARAMETER_VALUE.DATETIME_UNIT", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal <invalidValue>.",
			map[string]string{"functionName": quoteID(name), "parameter": quoteID("unit"), "invalidValue": args[0].String()})
	}
	upper := strings.ToUpper(unit)
	diff := name == "timestampdiff"
	if !datetimeUnits[upper] || (diff && upper == "DAYOFYEAR") {
		fname := "TIMESTAMPADD"
		if diff {
			fname = "TIMESTAMPDIFF"
		}
		return nil, sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.DATETIME_UNIT", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal <invalidValue>.",
			map[string]string{"functionName": quoteID(fname), "parameter": quoteID("unit"), "invalidValue": "'" + unit + "'"})
	}
	text := name + "(" + unit + ", " + args[1].String() + ", " + args[2].String() + ")"
	want := []coercion.Expected{coercion.Exact(types.Long), coercion.AnyTimestamp}
	req := []string{reqLong, `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`}
	if diff {
		want = []coercion.Expected{coercion.Exact(types.Timestamp), coercion.Exact(types.Timestamp)}
		req = []string{`"TIMESTAMP"`, `"TIMESTAMP"`}
	}
	x := []plan.Expr{stringLit(upper), nil, nil}
	for i, e := range args[1:] {
		t, ok := a.coerce.ImplicitCast(plan.TypeOf(e), want[i])
		if !ok {
			return nil, unexpectedInputType(text, i, req[i], e)
		}
		x[i+1] = castTo(e, t)
	}
	rt := types.DataType(types.Long)
	if !diff {
		rt = plan.TypeOf(x[2])
	}
	return bareCall(name, x, rt, anyNull(x[1:]), text), nil
}

// dateFormatCall is date_format(ts, fmt) under the session's time parser policy, named as
// text (to_char and to_varchar of a datetime are named date_format(...)).
func (a *analyzer) dateFormatCall(args []plan.Expr, text string) plan.Expr {
	return bareCall("date_format"+a.timePolicySuffix(), args, types.String, true, text)
}
