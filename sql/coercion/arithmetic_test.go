package coercion

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func col(t types.DataType) Operand { return Operand{Type: t} }

func strLit() Operand { return Operand{Type: types.String, Literal: true, Foldable: true} }

func intLit(t types.DataType, v int64) Operand {
	return Operand{Type: t, Literal: true, Foldable: true, IntValue: v}
}

func nullLit() Operand { return Operand{Type: types.Null, Literal: true, Foldable: true} }

func typesString(ts []types.DataType) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.SimpleString()
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestArithmetic(t *testing.T) {
	i, l, s, dbl := types.Integer, types.Long, types.String, types.Double
	date, ts, ntz := types.Date, types.Timestamp, types.TimestampNTZ
	dtDay, dtHour, dtAll := dt(types.Day, types.Day), dt(types.Hour, types.Hour), types.DefaultDayTimeInterval
	ymYear, ymAll, cal := ym(types.Year, types.Year), types.DefaultYearMonthInterval, types.CalendarInterval
	cases := []struct {
		m           Mode
		op          string
		l, r        Operand
		result      types.DataType
		fn          string
		lc, rc      string // the cast chains, e.g. "[bigint double]"
		flags       string // S: Swap, N: Negate, D: Days, F: DaysFromString, U: Nullable
		fnType      types.DataType
		errKind     string
		errRequired string
		errParam    int
		errOperand  int
	}{
		// Plain numbers.
		{m: ansi, op: "+", l: col(i), r: col(l), result: l, fn: "+", lc: "[bigint]", rc: "[]"},
		{m: ansi, op: "+", l: col(types.Byte), r: col(types.Float), result: dbl, fn: "+", lc: "[double]", rc: "[double]"},
		{m: legacy, op: "+", l: col(types.Byte), r: col(types.Float), result: types.Float, fn: "+", lc: "[float]", rc: "[]"},
		{m: ansi, op: "*", l: col(types.Short), r: col(types.Short), result: types.Short, fn: "*", lc: "[]", rc: "[]"},
		{m: ansi, op: "/", l: col(i), r: col(i), result: dbl, fn: "/", lc: "[double]", rc: "[double]", flags: "U"},
		{m: ansi, op: "/", l: col(dbl), r: col(types.Float), result: dbl, fn: "/", lc: "[]", rc: "[double]", flags: "U"},
		{m: ansi, op: "/", l: col(types.Float), r: col(dbl), result: dbl, fn: "/", lc: "[double]", rc: "[]", flags: "U"},
		{m: ansi, op: "div", l: col(i), r: col(types.Short), result: l, fn: "div", lc: "[bigint]", rc: "[bigint]", flags: "U"},
		{m: ansi, op: "div", l: col(dbl), r: col(i), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "div", l: col(ymAll), r: col(ymYear), result: l, fn: "div", lc: "[]", rc: "[interval year to month]", flags: "U"},
		{m: ansi, op: "%", l: col(i), r: col(l), result: l, fn: "%", lc: "[bigint]", rc: "[]", flags: "U"},
		{m: ansi, op: "pmod", l: col(types.Float), r: col(dec(5, 2)), result: dbl, fn: "pmod", lc: "[double]", rc: "[double]", flags: "U"},
		{m: ansi, op: "+", l: nullLit(), r: nullLit(), result: dbl, fn: "+", lc: "[double]", rc: "[double]"},
		{m: ansi, op: "+", l: col(i), r: nullLit(), result: i, fn: "+", lc: "[]", rc: "[int]"},
		{m: ansi, op: "/", l: nullLit(), r: col(dec(5, 2)), result: dbl, fn: "/", lc: "[double]", rc: "[double]", flags: "U"},
		{m: ansi, op: "/", l: col(dec(5, 2)), r: nullLit(), result: dec(13, 8), fn: "/", lc: "[]", rc: "[decimal(5,2)]", flags: "U"},
		{m: ansi, op: "+", l: col(types.Boolean), r: col(types.Boolean), errKind: "BINARY_OP_WRONG_TYPE",
			errRequired: `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`},
		{m: ansi, op: "*", l: col(arr(i, true)), r: col(arr(i, true)), errKind: "BINARY_OP_WRONG_TYPE", errRequired: `"NUMERIC"`},
		{m: ansi, op: "+", l: col(i), r: col(arr(i, true)), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "/", l: col(s), r: col(s), errKind: "BINARY_OP_WRONG_TYPE", errRequired: `("DOUBLE" or "DECIMAL")`},
		{m: ansi, op: "div", l: col(s), r: col(s), errKind: "BINARY_OP_WRONG_TYPE",
			errRequired: `("BIGINT" or "DECIMAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`},
		// Strings: ANSI takes the other side's type (integral -> bigint), legacy goes to double.
		{m: ansi, op: "+", l: strLit(), r: col(i), result: l, fn: "+", lc: "[bigint]", rc: "[bigint]", flags: "U"},
		{m: ansi, op: "/", l: strLit(), r: col(i), result: dbl, fn: "/", lc: "[bigint double]", rc: "[bigint double]", flags: "U"},
		{m: ansi, op: "+", l: strLit(), r: col(dec(10, 0)), result: dbl, fn: "+", lc: "[double]", rc: "[double]", flags: "U"},
		{m: legacy, op: "+", l: strLit(), r: col(i), result: dbl, fn: "+", lc: "[double]", rc: "[double]", flags: "U"},
		{m: legacy, op: "+", l: strLit(), r: strLit(), result: dbl, fn: "+", lc: "[double]", rc: "[double]", flags: "U"},
		{m: legacy, op: "%", l: col(dec(10, 2)), r: strLit(), result: dbl, fn: "%", lc: "[double]", rc: "[double]", flags: "U"},
		// Legacy: the string becomes DOUBLE, which div does not take.
		{m: legacy, op: "div", l: col(i), r: strLit(), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "div", l: col(i), r: strLit(), result: l, fn: "div", lc: "[bigint]", rc: "[bigint]", flags: "U"},
		// Dates and numbers.
		{m: ansi, op: "+", l: col(date), r: col(i), result: date, fn: "date_add", lc: "[]", rc: "[]"},
		{m: ansi, op: "+", l: intLit(types.Short, 7), r: col(date), result: date, fn: "date_add", lc: "[]", rc: "[]", flags: "S"},
		{m: ansi, op: "-", l: col(date), r: col(i), result: date, fn: "date_sub", lc: "[]", rc: "[]"},
		{m: ansi, op: "+", l: col(date), r: col(l), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 1,
			errRequired: `("INT" or "SMALLINT" or "TINYINT")`},
		{m: ansi, op: "+", l: col(l), r: col(date), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 0},
		{m: ansi, op: "+", l: col(date), r: strLit(), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 1},
		{m: legacy, op: "+", l: col(date), r: strLit(), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 1},
		{m: ansi, op: "+", l: col(date), r: nullLit(), result: ts, fn: "timestamp_add_interval", lc: "[timestamp]",
			rc: "[interval day to second]"},
		{m: ansi, op: "-", l: nullLit(), r: col(date), result: dtDay, fn: "subtract_dates", lc: "[date]", rc: "[]"},
		// Dates and timestamps.
		{m: ansi, op: "-", l: col(date), r: col(date), result: dtDay, fn: "subtract_dates", lc: "[]", rc: "[]"},
		{m: ansi, op: "-", l: col(date), r: strLit(), result: dtDay, fn: "subtract_dates", lc: "[]", rc: "[date]", flags: "U"},
		{m: legacy, op: "-", l: strLit(), r: col(date), result: dtDay, fn: "subtract_dates", lc: "[date]", rc: "[]", flags: "U"},
		{m: legacy, op: "-", l: col(date), r: strLit(), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 1},
		{m: ansi, op: "-", l: col(ts), r: col(ts), result: dtAll, fn: "subtract_timestamps", lc: "[]", rc: "[]"},
		// Cast.forceNullable(DATE, TIMESTAMP_NTZ) is true (only DATE -> TIMESTAMP is exempt).
		{m: ansi, op: "-", l: col(date), r: col(ntz), result: dtAll, fn: "subtract_timestamps", lc: "[timestamp_ntz]", rc: "[]", flags: "U"},
		{m: ansi, op: "-", l: col(ts), r: col(ntz), result: dtAll, fn: "subtract_timestamps", lc: "[timestamp_ntz]", rc: "[]"},
		{m: ansi, op: "-", l: col(ts), r: strLit(), result: dtAll, fn: "subtract_timestamps", lc: "[]", rc: "[timestamp]", flags: "U"},
		{m: legacy, op: "-", l: col(ts), r: strLit(), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 1,
			errRequired: `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`},
		{m: ansi, op: "+", l: col(ts), r: col(ts), errKind: "BINARY_OP_WRONG_TYPE"},
		{m: legacy, op: "+", l: col(ts), r: strLit(), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "+", l: col(ts), r: nullLit(), result: ts, fn: "timestamp_add_interval", lc: "[]", rc: "[interval day to second]"},
		// Intervals.
		{m: ansi, op: "+", l: col(date), r: col(dtDay), result: date, fn: "date_add", lc: "[]", rc: "[]", flags: "D"},
		{m: ansi, op: "+", l: col(dtDay), r: col(date), result: date, fn: "date_add", lc: "[]", rc: "[]", flags: "SD"},
		{m: ansi, op: "-", l: col(date), r: col(dtDay), result: date, fn: "date_add", lc: "[]", rc: "[]", flags: "ND"},
		{m: ansi, op: "+", l: col(date), r: col(dtHour), result: ts, fn: "timestamp_add_interval", lc: "[timestamp]", rc: "[]"},
		{m: ansi, op: "-", l: col(date), r: col(dtHour), result: ts, fn: "timestamp_add_interval", lc: "[timestamp]", rc: "[]", flags: "N"},
		{m: ansi, op: "+", l: col(dtHour), r: col(date), result: ts, fn: "timestamp_add_interval", lc: "[]", rc: "[timestamp]", flags: "S"},
		{m: ansi, op: "+", l: col(ntz), r: col(dtAll), result: ntz, fn: "timestamp_add_interval", lc: "[]", rc: "[]"},
		{m: ansi, op: "+", l: col(s), r: col(dtDay), result: s, fn: "timestamp_add_interval", lc: "[timestamp]", rc: "[]",
			fnType: ts, flags: "U"},
		{m: ansi, op: "-", l: col(s), r: col(dtDay), result: s, fn: "timestamp_add_interval", lc: "[timestamp]", rc: "[]",
			fnType: ts, flags: "NU"},
		{m: ansi, op: "+", l: col(i), r: col(dtDay), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 1, errOperand: 0,
			errRequired: `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`},
		{m: ansi, op: "+", l: col(dtDay), r: col(i), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 1, errOperand: 1},
		{m: ansi, op: "+", l: col(date), r: col(ymYear), result: date, fn: "date_add_ym_interval", lc: "[]", rc: "[]"},
		{m: ansi, op: "-", l: col(date), r: col(ymYear), result: date, fn: "date_add_ym_interval", lc: "[]", rc: "[]", flags: "N"},
		{m: ansi, op: "+", l: col(ymAll), r: col(ntz), result: ntz, fn: "timestamp_add_ym_interval", lc: "[]", rc: "[]", flags: "S"},
		{m: ansi, op: "-", l: col(ts), r: col(ymAll), result: ts, fn: "timestamp_add_ym_interval", lc: "[]", rc: "[]", flags: "N"},
		{m: ansi, op: "+", l: col(dtDay), r: col(dtHour), result: dt(types.Day, types.Hour), fn: "+",
			lc: "[interval day to hour]", rc: "[interval day to hour]"},
		{m: ansi, op: "-", l: col(ymYear), r: col(ymAll), result: ymAll, fn: "-", lc: "[interval year to month]", rc: "[]"},
		{m: ansi, op: "+", l: col(ymYear), r: col(dtDay), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 1, errOperand: 0},
		{m: ansi, op: "+", l: nullLit(), r: col(ymYear), result: ymYear, fn: "+", lc: "[interval year]", rc: "[]"},
		{m: ansi, op: "*", l: col(dtHour), r: col(i), result: dtAll, fn: "multiply_dt_interval", lc: "[]", rc: "[]"},
		{m: ansi, op: "*", l: intLit(i, 2), r: col(ymYear), result: ymAll, fn: "multiply_ym_interval", lc: "[]", rc: "[]", flags: "S"},
		{m: ansi, op: "*", l: col(ymYear), r: nullLit(), result: ymAll, fn: "multiply_ym_interval", lc: "[]", rc: "[double]"},
		{m: ansi, op: "*", l: col(dtHour), r: strLit(), result: dtAll, fn: "multiply_dt_interval", lc: "[]", rc: "[double]", flags: "U"},
		{m: ansi, op: "*", l: col(dtHour), r: col(dtHour), errKind: "UNEXPECTED_INPUT_TYPE", errParam: 2, errOperand: 1,
			errRequired: `"NUMERIC"`},
		{m: ansi, op: "/", l: col(ymAll), r: col(dec(10, 2)), result: ymAll, fn: "divide_ym_interval", lc: "[]", rc: "[]"},
		{m: ansi, op: "/", l: nullLit(), r: col(ymYear), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "/", l: col(i), r: col(dtHour), errKind: "BINARY_OP_DIFF_TYPES"},
		// The legacy INTERVAL type.
		{m: ansi, op: "+", l: col(cal), r: col(cal), result: cal, fn: "+", lc: "[]", rc: "[]"},
		{m: ansi, op: "+", l: col(date), r: col(cal), result: date, fn: "date_add_interval", lc: "[]", rc: "[]"},
		{m: ansi, op: "-", l: col(date), r: col(cal), result: date, fn: "date_add_interval", lc: "[]", rc: "[]", flags: "N"},
		{m: ansi, op: "+", l: col(cal), r: col(ts), result: ts, fn: "timestamp_add_interval", lc: "[]", rc: "[]", flags: "S"},
		{m: legacy, op: "+", l: col(s), r: col(cal), result: s, fn: "timestamp_add_interval", lc: "[timestamp]", rc: "[]",
			fnType: ts, flags: "U"},
		{m: ansi, op: "*", l: col(cal), r: col(i), result: cal, fn: "multiply_interval", lc: "[]", rc: "[double]", flags: "U"},
		{m: ansi, op: "/", l: col(cal), r: col(dec(5, 2)), result: cal, fn: "divide_interval", lc: "[]", rc: "[double]", flags: "U"},
		{m: ansi, op: "/", l: col(i), r: col(cal), errKind: "BINARY_OP_DIFF_TYPES"},
		// NULL + INTERVAL: timestamp_add_interval(NULL, i) cast back to VOID, which Spark rejects.
		{m: ansi, op: "+", l: nullLit(), r: col(cal), errKind: "CAST_WITHOUT_SUGGESTION"},
		// Decimals with floating point.
		{m: legacy, op: "*", l: col(dec(10, 2)), r: col(types.Float), result: dbl, fn: "*", lc: "[double]", rc: "[double]"},
	}
	for _, c := range cases {
		got, err := c.m.Arithmetic(c.op, c.l, c.r)
		desc := c.l.Type.SimpleString() + " " + c.op + " " + c.r.Type.SimpleString()
		if c.m.ANSI {
			desc = "ANSI " + desc
		}
		if c.errKind != "" {
			me, ok := err.(*MismatchError)
			switch {
			case !ok:
				t.Errorf("%s = %+v, %v; want error %s", desc, got, err, c.errKind)
			case me.Kind != c.errKind:
				t.Errorf("%s: error %s %v; want %s", desc, me.Kind, me.Parameters(), c.errKind)
			case c.errRequired != "" && me.Required != c.errRequired:
				t.Errorf("%s: required %s; want %s", desc, me.Required, c.errRequired)
			case c.errParam != 0 && (me.ParamIndex != c.errParam || me.Operand != c.errOperand):
				t.Errorf("%s: param %d operand %d; want %d %d", desc, me.ParamIndex, me.Operand, c.errParam, c.errOperand)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", desc, err)
			continue
		}
		var flags string
		for _, f := range []struct {
			on bool
			c  string
		}{{got.Swap, "S"}, {got.Negate, "N"}, {got.Days, "D"}, {got.DaysFromString, "F"}, {got.Nullable, "U"}} {
			if f.on {
				flags += f.c
			}
		}
		fnType := c.fnType
		if fnType == nil {
			fnType = c.result
		}
		if !types.Equal(got.Result, c.result) || got.Fn != c.fn || typesString(got.LeftCasts) != c.lc ||
			typesString(got.RightCasts) != c.rc || flags != c.flags || !types.Equal(got.FnType, fnType) {
			t.Errorf("%s = %v %s L%s R%s %q fn type %v; want %v %s L%s R%s %q %v", desc, got.Result, got.Fn,
				typesString(got.LeftCasts), typesString(got.RightCasts), flags, got.FnType, c.result, c.fn, c.lc, c.rc, c.flags, fnType)
		}
		if k := len(got.LeftCasts); (k == 0) != (got.Left == nil) || (k > 0 && !types.Equal(got.Left, got.LeftCasts[k-1])) {
			t.Errorf("%s: Left %v inconsistent with %v", desc, got.Left, got.LeftCasts)
		}
		if k := len(got.RightCasts); (k == 0) != (got.Right == nil) || (k > 0 && !types.Equal(got.Right, got.RightCasts[k-1])) {
			t.Errorf("%s: Right %v inconsistent with %v", desc, got.Right, got.RightCasts)
		}
	}
	if _, err := ansi.Arithmetic("^", col(i), col(i)); err == nil {
		t.Errorf("unknown operator accepted")
	}
	// A collated string day count is not "StringType": Spark builds date_add(date, s), and
	// legacy mode evaluates a constant one as an INT.
	r, err := legacy.Arithmetic("+", col(date), strLitCollated())
	if err != nil || r.Fn != "date_add" || !r.DaysFromString || !types.Equal(r.Right, i) {
		t.Errorf("legacy date + collated string literal = %+v, %v", r, err)
	}
}

func strLitCollated() Operand { return Operand{Type: lcase, Literal: true, Foldable: true} }

func TestUnary(t *testing.T) {
	cases := []struct {
		m    Mode
		in   types.DataType
		want types.DataType // nil: error
		abs  types.DataType // for Abs; nil: as want
	}{
		{ansi, types.Integer, types.Integer, nil},
		{ansi, dec(5, 2), dec(5, 2), nil},
		{ansi, types.String, types.Double, nil},
		{legacy, types.String, types.Double, nil},
		{ansi, types.Null, types.Double, nil},
		{legacy, types.Null, types.Double, nil},
		{ansi, dt(types.Hour, types.Hour), dt(types.Hour, types.Hour), nil},
		{ansi, ym(types.Year, types.Month), ym(types.Year, types.Month), nil},
		{ansi, types.CalendarInterval, types.CalendarInterval, types.Null},
		{ansi, types.Date, nil, nil},
		{ansi, types.Timestamp, nil, nil},
		{legacy, types.Date, nil, nil},
		{ansi, types.Binary, nil, nil},
		{ansi, types.Boolean, nil, nil},
		{legacy, types.Boolean, nil, nil},
	}
	for _, c := range cases {
		got, err := c.m.UnaryMinus(c.in)
		if (c.want == nil) != (err != nil) || (err == nil && !types.Equal(got, c.want)) {
			t.Errorf("ANSI=%v UnaryMinus(%v) = %v, %v; want %v", c.m.ANSI, c.in, got, err, name(c.want))
		}
		if err != nil {
			me := err.(*MismatchError)
			p := me.Parameters()
			if me.Kind != "UNEXPECTED_INPUT_TYPE" || p["paramIndex"] != "first" || p["inputType"] != SQLType(c.in) ||
				p["requiredType"] != `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")` {
				t.Errorf("UnaryMinus(%v) error %v", c.in, p)
			}
		}
		want := c.want
		if c.abs != nil {
			want = nil
			if !isNull(c.abs) {
				want = c.abs
			}
		}
		got, err = c.m.Abs(c.in)
		if (want == nil) != (err != nil) || (err == nil && !types.Equal(got, want)) {
			t.Errorf("ANSI=%v Abs(%v) = %v, %v; want %v", c.m.ANSI, c.in, got, err, name(want))
		}
	}
}

func TestArithmeticSQL(t *testing.T) {
	// Column names from the golden files.
	date := col(types.Date)
	cases := []struct {
		m        Mode
		op       string
		l, r     Operand
		ls, rs   string
		want, at string
	}{
		{ansi, "+", strLit(), col(types.Byte), "1", "CAST(1 AS TINYINT)", "(1 + CAST(1 AS TINYINT))", "promoteStrings.sql.out:11"},
		{ansi, "pmod", strLit(), col(types.Integer), "1", "CAST(1 AS INT)", "pmod(1, CAST(1 AS INT))", "promoteStrings.sql.out:911"},
		{ansi, "+", date, col(dt(types.Day, types.Day)), "CAST(2017-12-11 09:30:00 AS DATE)", "INTERVAL '2' DAY",
			"date_add(CAST(2017-12-11 09:30:00 AS DATE), extractansiintervaldays(INTERVAL '2' DAY))", "dateTimeOperations.sql.out:269"},
		{ansi, "+", col(dt(types.Day, types.Day)), date, "INTERVAL '2' DAY", "CAST(2017-12-11 09:30:00 AS DATE)",
			"date_add(CAST(2017-12-11 09:30:00 AS DATE), extractansiintervaldays(INTERVAL '2' DAY))", "dateTimeOperations.sql.out:535"},
		{ansi, "-", date, col(dt(types.Day, types.Day)), "CAST(2017-12-11 09:30:00 AS DATE)", "INTERVAL '2' DAY",
			"date_add(CAST(2017-12-11 09:30:00 AS DATE), (- extractansiintervaldays(INTERVAL '2' DAY)))", "dateTimeOperations.sql.out:801"},
		{ansi, "+", col(dt(types.Day, types.Day)), col(types.Timestamp), "INTERVAL '2' DAY", "CAST(2017-12-11 09:30:00.0 AS TIMESTAMP)",
			"CAST(2017-12-11 09:30:00.0 AS TIMESTAMP) + INTERVAL '2' DAY", "dateTimeOperations.sql.out:527"},
		{ansi, "-", col(types.Timestamp), col(dt(types.Day, types.Day)), "CAST(2017-12-11 09:30:00.0 AS TIMESTAMP)", "INTERVAL '2' DAY",
			"CAST(2017-12-11 09:30:00.0 AS TIMESTAMP) - INTERVAL '2' DAY", "dateTimeOperations.sql.out:793"},
		{ansi, "+", intLit(types.Short, 7), date, "7", "DATE '2001-09-28'", "date_add(DATE '2001-09-28', 7)", "date.sql.out:763"},
		{ansi, "-", date, date, "DATE '2001-10-01'", "DATE '2001-09-28'", "(DATE '2001-10-01' - DATE '2001-09-28')", "date.sql.out:779"},
		{ansi, "*", nullLit(), col(ym(types.Year, types.Year)), "NULL", "INTERVAL '2' YEAR", "(INTERVAL '2' YEAR * NULL)", "interval.sql.out:416"},
		{ansi, "+", date, nullLit(), "DATE '2011-11-11'", "NULL", "DATE '2011-11-11' + NULL", "date.sql.out:887"},
		{ansi, "*", col(types.CalendarInterval), col(types.Integer), "i", "n", "multiply_interval(i, n)", ""},
		{ansi, "div", col(types.Integer), col(types.Integer), "a", "b", "(a div b)", ""},
	}
	for _, c := range cases {
		a, err := c.m.Arithmetic(c.op, c.l, c.r)
		if err != nil {
			t.Errorf("%s: %v", c.at, err)
			continue
		}
		if got := a.SQL(c.ls, c.rs); got != c.want {
			t.Errorf("%s: SQL = %s; want %s", c.at, got, c.want)
		}
	}
}
