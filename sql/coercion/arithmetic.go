package coercion

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Operand describes one side of an operator: its type and, for literals, what Spark looks
// at: integral literals next to a decimal get the fewest digits their value needs
// (spark.sql.legacy.literal.pickMinimumPrecision, on by default), a string literal is
// turned into an int by legacy date_add/date_sub, and comparisons rewrite some literals.
type Operand struct {
	Type types.DataType
	// Literal: the operand is a bare literal (not a cast or any other expression).
	Literal bool
	// IntValue is the value of an integral (TINYINT..BIGINT) literal.
	IntValue int64
	// Foldable: the operand is constant (a literal, or an expression of literals).
	Foldable bool
	// DecimalValue is the value of a DECIMAL, FLOAT or DOUBLE literal as text ("1.5",
	// "-2", "1E10"). Comparisons use it: an integral compared with a decimal literal compares
	// with its floor/ceiling instead, and legacy mode folds boolean = 1/0.
	DecimalValue string
}

// Arithmetic is the resolution of a binary arithmetic operator: the casts of each operand,
// the result type, and the operation to run.
//
// Fn is the operator itself ("+", "-", "*", "/", "%", "div", "pmod") or, when datetime or
// interval operands are involved, the function Spark rewrites it to (its arguments are the
// operands after their casts, the right one first when Swap is set):
//
//	date_add(date, days)                    DATE + int/smallint/tinyint -> DATE (DateAdd); with
//	                                        Days, days is extractansiintervaldays(INTERVAL DAY)
//	date_sub(date, days)                    DATE - int/smallint/tinyint -> DATE (DateSub)
//	timestamp_add_interval(ts, interval)    TIMESTAMP[_NTZ] + INTERVAL DAY TO SECOND or legacy
//	                                        INTERVAL -> the timestamp's type (TimeAdd, called
//	                                        TimestampAddInterval in later Spark)
//	date_add_interval(date, interval)       DATE + legacy INTERVAL -> DATE (DateAddInterval)
//	date_add_ym_interval(date, interval)    DATE + INTERVAL YEAR TO MONTH -> DATE (DateAddYMInterval)
//	timestamp_add_ym_interval(ts, interval) TIMESTAMP[_NTZ] + INTERVAL YEAR TO MONTH ->
//	                                        the timestamp's type (TimestampAddYMInterval)
//	subtract_timestamps(end, start)         -> INTERVAL DAY TO SECOND (SubtractTimestamps)
//	subtract_dates(end, start)              -> INTERVAL DAY (SubtractDates)
//	multiply_interval(interval, num)        legacy INTERVAL * DOUBLE -> INTERVAL (MultiplyInterval)
//	divide_interval(interval, num)          legacy INTERVAL / DOUBLE -> INTERVAL (DivideInterval)
//	multiply_ym_interval(interval, num)     -> INTERVAL YEAR TO MONTH (MultiplyYMInterval)
//	multiply_dt_interval(interval, num)     -> INTERVAL DAY TO SECOND (MultiplyDTInterval)
//	divide_ym_interval(interval, num)       -> INTERVAL YEAR TO MONTH (DivideYMInterval)
//	divide_dt_interval(interval, num)       -> INTERVAL DAY TO SECOND (DivideDTInterval)
//
// Subtracting an interval is adding its negation: Negate says the interval argument is
// -(right) (UnaryMinus, failing on overflow in ANSI mode). Spark wraps such an expression in
// DatetimeSub, which prints as "left - right", except date - INTERVAL DAY, which stays
// date_add(date, (- extractansiintervaldays(i))).
type Arithmetic struct {
	// Left and Right are the types each operand is cast to (nil: used as is); LeftCasts and
	// RightCasts list every cast Spark stacks, innermost first (e.g. STRING -> BIGINT ->
	// DOUBLE for '1' / 2 in ANSI mode, which matters for values such as '1.5'). Left is the
	// last of LeftCasts.
	Left, Right           types.DataType
	LeftCasts, RightCasts []types.DataType
	// Result is the type of the whole expression.
	Result types.DataType
	// Fn is the operation (see above).
	Fn string
	// FnType is the type Fn returns; when it differs from Result, Spark casts Fn's result
	// to Result (STRING + INTERVAL: timestamp_add_interval(CAST(s AS TIMESTAMP), i) cast
	// back to STRING).
	FnType types.DataType
	// Swap: Fn takes the right operand first (1 + DATE is date_add(DATE, 1)).
	Swap bool
	// Negate: Fn's interval argument is the negated right operand.
	Negate bool
	// Days: Fn's interval argument is extractansiintervaldays(the INTERVAL DAY operand).
	Days bool
	// DaysFromString: legacy mode evaluates the constant string day count of date_add or
	// date_sub at analysis (an ANSI cast to INT; a value that is not an integer raises
	// SECOND_FUNCTION_ARGUMENT_NOT_INTEGER). Right (or Left when swapped) is then INT.
	DaysFromString bool
	// Nullable: the result can be NULL for non-NULL operands (division by zero outside
	// ANSI mode, decimal overflow in legacy mode, casts that can fail, ...). The result is
	// nullable when this or either operand is.
	Nullable bool
}

// The binary arithmetic and comparison operators.
var (
	arithOps   = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true, "div": true, "pmod": true}
	compareOps = map[string]bool{"=": true, "<=>": true, "<": true, "<=": true, ">": true, ">=": true}
)

// operatorInput is the inputType of each binary operator.
func operatorInput(op string) Expected {
	switch op {
	case "+", "-":
		return NumericAndInterval
	case "*", "%", "pmod":
		return AnyNumeric
	case "/":
		return divideInput
	case "div":
		return integralDivideInput
	}
	return AnyType
}

var (
	divideInput         = OneOf(Exact(types.Double), AnyDecimal)
	integralDivideInput = OneOf(Exact(types.Long), AnyDecimal, AnyYearMonthInterval, AnyDayTimeInterval)
	daysInput           = OneOf(Exact(types.Integer), Exact(types.Short), Exact(types.Byte))
)

// fnSpec describes a function Spark rewrites datetime arithmetic to.
type fnSpec struct {
	in       [2]Expected
	implicit bool // ImplicitCastInputTypes (else ExpectsInputTypes: no casts but of NULLs)
	nullable bool
	result   func(a, b types.DataType) types.DataType
}

func fixed(t types.DataType) func(a, b types.DataType) types.DataType {
	return func(types.DataType, types.DataType) types.DataType { return t }
}

func first(a, _ types.DataType) types.DataType { return a }

var fnSpecs = map[string]fnSpec{
	"date_add":                  {in: [2]Expected{AnyDate, daysInput}, result: fixed(types.Date)},
	"date_sub":                  {in: [2]Expected{AnyDate, daysInput}, result: fixed(types.Date)},
	"timestamp_add_interval":    {in: [2]Expected{AnyTimestamp, OneOf(Exact(types.CalendarInterval), AnyDayTimeInterval)}, result: first},
	"date_add_interval":         {in: [2]Expected{AnyDate, Exact(types.CalendarInterval)}, result: fixed(types.Date)},
	"date_add_ym_interval":      {in: [2]Expected{AnyDate, AnyYearMonthInterval}, implicit: true, result: fixed(types.Date)},
	"timestamp_add_ym_interval": {in: [2]Expected{AnyTimestamp, AnyYearMonthInterval}, result: first},
	"subtract_timestamps":       {in: [2]Expected{AnyTimestamp, AnyTimestamp}, result: fixed(types.DefaultDayTimeInterval)},
	"subtract_dates": {in: [2]Expected{AnyDate, AnyDate}, implicit: true,
		result: fixed(types.DayTimeIntervalType{StartField: types.Day, EndField: types.Day})},
	"multiply_interval":    {in: [2]Expected{Exact(types.CalendarInterval), Exact(types.Double)}, implicit: true, nullable: true, result: fixed(types.CalendarInterval)},
	"divide_interval":      {in: [2]Expected{Exact(types.CalendarInterval), Exact(types.Double)}, implicit: true, nullable: true, result: fixed(types.CalendarInterval)},
	"multiply_ym_interval": {in: [2]Expected{AnyYearMonthInterval, AnyNumeric}, implicit: true, result: fixed(types.DefaultYearMonthInterval)},
	"multiply_dt_interval": {in: [2]Expected{AnyDayTimeInterval, AnyNumeric}, implicit: true, result: fixed(types.DefaultDayTimeInterval)},
	"divide_ym_interval":   {in: [2]Expected{AnyYearMonthInterval, AnyNumeric}, implicit: true, result: fixed(types.DefaultYearMonthInterval)},
	"divide_dt_interval":   {in: [2]Expected{AnyDayTimeInterval, AnyNumeric}, implicit: true, result: fixed(types.DefaultDayTimeInterval)},
}

// term is one argument of the simulated expression.
type term struct {
	t     types.DataType
	side  int // the operand it comes from: 0 left, 1 right
	casts []types.DataType
	lit   bool // still the bare literal operand
	op    Operand
	// derived: the argument is a function of the operand (extractansiintervaldays, unary
	// minus), not the operand itself; it is never cast.
	derived bool
}

// node is the operator (or the function it became) as the analyzer rules see it.
type node struct {
	fn    string
	args  [2]*term
	swap  bool
	neg   bool
	days  bool
	outer types.DataType // Cast(fn, outer) around the function
	// daysFromString, constant, literal and boolRewrite record value rewrites.
	daysFromString bool
	constant       *bool
	literalSide    int // 1 + the side whose decimal literal became literal (comparisons)
	literal        int64
	boolRewrite    string
	// tzPending: a rule added a cast that waits for a time zone; Spark's later rules skip
	// the node until the next iteration.
	tzPending bool
}

func newNode(fn string, l, r Operand) *node {
	mk := func(side int, o Operand) *term {
		return &term{t: types.ReplaceCharVarcharWithString(o.Type), side: side, lit: o.Literal, op: o}
	}
	return &node{fn: fn, args: [2]*term{mk(0, l), mk(1, r)}}
}

func (n *node) castTo(t *term, to types.DataType) {
	if types.Equal(t.t, to) || t.derived {
		return
	}
	if NeedsTimeZone(t.t, to) {
		n.tzPending = true
	}
	t.casts = append(t.casts, to)
	t.t = to
	t.lit = false
}

// key summarizes the node for the fixed point.
func (n *node) key() string {
	var b strings.Builder
	b.WriteString(n.fn)
	for _, a := range n.args {
		b.WriteString("|" + a.t.String())
		b.WriteByte(byte('0' + len(a.casts)))
	}
	if n.outer != nil {
		b.WriteString("|" + n.outer.String())
	}
	if n.constant != nil || n.boolRewrite != "" {
		b.WriteString("|rewritten")
	}
	return b.String()
}

// Arithmetic resolves the binary arithmetic operator op ("+", "-", "*", "/", "%", "div",
// "pmod") on operands l and r as Spark's analyzer does: the datetime/interval rewrite
// (ResolveBinaryArithmetic), then the type coercion rules of the mode (string promotion,
// DecimalPrecision, Division, IntegralDivision, implicit casts, datetime operations) until
// nothing changes, then the operator's (or function's) type check. A failed check is a
// *MismatchError.
func (m Mode) Arithmetic(op string, l, r Operand) (Arithmetic, error) {
	if !arithOps[op] {
		return Arithmetic{}, fmt.Errorf("coercion: %q is not a binary arithmetic operator", op)
	}
	n := newNode(op, l, r)
	m.resolve(n)
	if err := m.check(n); err != nil {
		return Arithmetic{}, err
	}
	res := Arithmetic{Fn: n.fn, Swap: n.swap, Negate: n.neg, Days: n.days, DaysFromString: n.daysFromString}
	for _, a := range n.args {
		if a.derived {
			continue
		}
		if a.side == 0 {
			res.LeftCasts = a.casts
		} else {
			res.RightCasts = a.casts
		}
	}
	if k := len(res.LeftCasts); k > 0 {
		res.Left = res.LeftCasts[k-1]
	}
	if k := len(res.RightCasts); k > 0 {
		res.Right = res.RightCasts[k-1]
	}
	res.FnType = m.nodeType(n)
	res.Result = res.FnType
	if n.outer != nil {
		res.Result = n.outer
	}
	res.Nullable = m.nodeNullable(n)
	return res, nil
}

// resolve runs the analyzer's fixed point on n.
func (m Mode) resolve(n *node) {
	for range 64 {
		before := n.key()
		if n.constant != nil || n.boolRewrite != "" {
			return
		}
		m.resolveDatetime(n)
		n.tzPending = false
		for _, rule := range m.rules() {
			rule(m, n)
			if n.tzPending || n.constant != nil || n.boolRewrite != "" {
				break
			}
		}
		if n.key() == before {
			return
		}
	}
}

type rule func(m Mode, n *node)

var (
	ansiRules   = []rule{ansiPromoteStrings, decimalPrecision, division, integralDivision, implicitTypeCasts, ansiDateTimeOperations}
	legacyRules = []rule{legacyPromoteStrings, decimalPrecision, booleanEquality, division, integralDivision,
		implicitTypeCasts, legacyDateTimeOperations, stringLiteralCoercion}
)

func (m Mode) rules() []rule {
	if m.ANSI {
		return ansiRules
	}
	return legacyRules
}

func isOperator(fn string) bool { return arithOps[fn] || compareOps[fn] }

// isDefaultString is `dt == StringType` in Scala: a plain string of the default collation.
func isDefaultString(t types.DataType) bool {
	s, ok := t.(types.StringType)
	return ok && s.IsDefaultCollation()
}

func isDayOnly(t types.DataType) bool {
	d, ok := t.(types.DayTimeIntervalType)
	return ok && d.StartField == types.Day && d.EndField == types.Day
}

// resolveDatetime is BinaryArithmeticWithDatetimeResolver (ResolveBinaryArithmetic), as in
// the Spark version the golden files come from (a NULL next to a datetime becomes an
// INTERVAL DAY TO SECOND for +, the datetime's type for -), without the TIME type.
func (m Mode) resolveDatetime(n *node) {
	if n.fn != "+" && n.fn != "-" && n.fn != "*" && n.fn != "/" {
		return
	}
	l, r := n.args[0], n.args[1]
	lt, rt := l.t, r.t
	call := func(fn string, swap bool) {
		n.fn, n.swap = fn, swap
		if swap {
			n.args = [2]*term{r, l}
		}
	}
	days := func() {
		n.days = true
		n.args[1].derived = true
		n.args[1].t = types.Integer
	}
	negate := func() {
		n.neg = true
		n.args[1].derived = true
	}
	switch n.fn {
	case "+":
		switch {
		case isDate(lt) && isDayOnly(rt):
			call("date_add", false)
			days()
		case isDate(lt) && isDayTime(rt):
			n.castTo(l, types.Timestamp)
			call("timestamp_add_interval", false)
		case isDayOnly(lt) && isDate(rt):
			call("date_add", true)
			days()
		case isDayTime(lt) && isDate(rt):
			n.castTo(r, types.Timestamp)
			call("timestamp_add_interval", true)
		case isDate(lt) && isYearMonth(rt):
			call("date_add_ym_interval", false)
		case isYearMonth(lt) && isDate(rt):
			call("date_add_ym_interval", true)
		case isAnyTimestamp(lt) && isYearMonth(rt):
			call("timestamp_add_ym_interval", false)
		case isYearMonth(lt) && isAnyTimestamp(rt):
			call("timestamp_add_ym_interval", true)
		case isCalendarInterval(lt) && isCalendarInterval(rt), isDayTime(lt) && isDayTime(rt):
		case isNull(lt) && isAnsiInterval(rt):
			n.castTo(l, rt)
		case isAnsiInterval(lt) && isNull(rt):
			n.castTo(r, lt)
		case isDate(lt) && isCalendarInterval(rt):
			call("date_add_interval", false)
		case isDatetime(lt) && isNull(rt):
			n.castTo(r, types.DefaultDayTimeInterval)
		case isNull(lt) && isDatetime(rt):
			n.castTo(l, types.DefaultDayTimeInterval)
		case isCalendarInterval(rt) || isDayTime(rt):
			n.outer = lt
			call("timestamp_add_interval", false)
		case isCalendarInterval(lt) && isDate(rt):
			call("date_add_interval", true)
		case isCalendarInterval(lt) || isDayTime(lt):
			n.outer = rt
			call("timestamp_add_interval", true)
		case isDate(lt) && !isDefaultString(rt):
			call("date_add", false)
		case isDate(rt) && !isDefaultString(lt):
			call("date_add", true)
		}
	case "-":
		switch {
		case isDate(lt) && isDayOnly(rt):
			call("date_add", false)
			days()
			negate()
		case isDate(lt) && isDayTime(rt):
			n.castTo(l, types.Timestamp)
			call("timestamp_add_interval", false)
			negate()
		case isDate(lt) && isYearMonth(rt):
			call("date_add_ym_interval", false)
			negate()
		case isAnyTimestamp(lt) && isYearMonth(rt):
			call("timestamp_add_ym_interval", false)
			negate()
		case isCalendarInterval(lt) && isCalendarInterval(rt), isDayTime(lt) && isDayTime(rt):
		case isNull(lt) && (isAnsiInterval(rt) || isDatetime(rt)):
			n.castTo(l, rt)
		case (isAnsiInterval(lt) || isDatetime(lt)) && isNull(rt):
			n.castTo(r, lt)
		case isDate(lt) && isCalendarInterval(rt):
			call("date_add_interval", false)
			negate()
		case isCalendarInterval(rt) || isDayTime(rt):
			n.outer = lt
			call("timestamp_add_interval", false)
			negate()
		case isAnyTimestamp(lt) || isAnyTimestamp(rt):
			call("subtract_timestamps", false)
		case isDate(rt):
			call("subtract_dates", false)
		case isDate(lt) && !isDefaultString(rt):
			call("date_sub", false)
		}
	case "*":
		switch {
		case isCalendarInterval(lt):
			call("multiply_interval", false)
		case isCalendarInterval(rt):
			call("multiply_interval", true)
		case isYearMonth(lt):
			call("multiply_ym_interval", false)
		case isYearMonth(rt):
			call("multiply_ym_interval", true)
		case isDayTime(lt):
			call("multiply_dt_interval", false)
		case isDayTime(rt):
			call("multiply_dt_interval", true)
		}
	case "/":
		switch {
		case isCalendarInterval(lt):
			call("divide_interval", false)
		case isYearMonth(lt):
			call("divide_ym_interval", false)
		case isDayTime(lt):
			call("divide_dt_interval", false)
		}
	}
}

// castBoth casts both arguments (the string promotion rules' castExpr, and the other rules'
// pairs of Casts).
func (n *node) castBoth(t types.DataType) {
	n.castTo(n.args[0], t)
	n.castTo(n.args[1], t)
}

// ansiPromoteStrings is AnsiStringPromotionTypeCoercion.
func ansiPromoteStrings(m Mode, n *node) {
	a, b := n.args[0], n.args[1]
	if isOperator(n.fn) {
		if t, ok := ansiWiderString(a.t, b.t); ok {
			n.castBoth(t)
		}
		return
	}
	switch n.fn {
	case "date_add", "date_sub":
		if isString(a.t) {
			n.castTo(a, types.Date)
		} else if isString(b.t) {
			n.castTo(b, types.Integer)
		}
	case "subtract_dates":
		if isString(a.t) {
			n.castTo(a, types.Date)
		} else if isString(b.t) {
			n.castTo(b, types.Date)
		}
	case "timestamp_add_interval":
		if isString(a.t) {
			n.castTo(a, types.Timestamp)
		}
	case "subtract_timestamps":
		if isString(a.t) {
			n.castTo(a, b.t)
		} else if isString(b.t) {
			n.castTo(b, a.t)
		}
	}
}

func isIntervalType(t types.DataType) bool { return isCalendarInterval(t) || isAnsiInterval(t) }

// legacyPromoteStrings is StringPromotionTypeCoercion.
func legacyPromoteStrings(m Mode, n *node) {
	a, b := n.args[0], n.args[1]
	switch {
	case arithOps[n.fn]:
		if isString(a.t) && !isIntervalType(b.t) {
			n.castTo(a, types.Double)
		} else if isString(b.t) && !isIntervalType(a.t) {
			n.castTo(b, types.Double)
		}
	case compareOps[n.fn]:
		eq := n.fn == "=" || n.fn == "<=>"
		switch {
		case eq && isString(a.t) && isTimestampLTZ(b.t):
			n.castTo(a, types.Timestamp)
		case eq && isTimestampLTZ(a.t) && isString(b.t):
			n.castTo(b, types.Timestamp)
		default:
			if t, ok := legacyComparisonType(a.t, b.t); ok {
				n.castBoth(t)
			}
		}
	}
}

// legacyComparisonType is TypeCoercion.findCommonTypeForBinaryComparison
// (spark.sql.legacy.castDatetimeToString off).
func legacyComparisonType(a, b types.DataType) (types.DataType, bool) {
	switch {
	case isString(a) && isDate(b), isDate(a) && isString(b):
		return types.Date, true
	case isString(a) && isTimestampLTZ(b), isTimestampLTZ(a) && isString(b):
		return types.Timestamp, true
	case isString(a) && isNull(b):
		return a, true
	case isNull(a) && isString(b):
		return b, true
	case isTimestampLTZ(a) && isDate(b), isDate(a) && isTimestampLTZ(b):
		return types.Timestamp, true
	}
	if d, ok := a.(types.DecimalType); ok && d.Scale > 0 && isString(b) {
		return types.Double, true
	}
	if d, ok := b.(types.DecimalType); ok && d.Scale > 0 && isString(a) {
		return types.Double, true
	}
	promotable := func(t types.DataType) bool { return isAtomic(t) && !isAnsiInterval(t) && !isString(t) }
	switch {
	case isString(a) && isString(b):
		return tightestCommonString(a, b)
	case isString(a) && promotable(b):
		return b, true
	case promotable(a) && isString(b):
		return a, true
	}
	return nil, false
}

// decimalPrecision is DecimalPrecisionTypeCoercion (allowPrecisionLoss does not matter
// here; pickMinimumPrecision is on).
func decimalPrecision(m Mode, n *node) {
	if !isOperator(n.fn) {
		return
	}
	a, b := n.args[0], n.args[1]
	da, aDec := a.t.(types.DecimalType)
	db, bDec := b.t.(types.DecimalType)
	if compareOps[n.fn] {
		if aDec && bDec {
			if da != db {
				n.castBoth(WiderDecimal(da, db))
			}
			return
		}
		if integralDecimalLiteral(n) {
			return
		}
	}
	if types.Equal(a.t, b.t) {
		return
	}
	switch {
	case a.lit && isIntegral(a.t) && bDec:
		n.castTo(a, DecimalForLiteral(a.t, a.op.IntValue))
	case aDec && b.lit && isIntegral(b.t):
		n.castTo(b, DecimalForLiteral(b.t, b.op.IntValue))
	case isIntegral(a.t) && bDec:
		n.castTo(a, mustDecimalFor(a.t))
	case aDec && isIntegral(b.t):
		n.castTo(b, mustDecimalFor(b.t))
	case isFloating(a.t) && bDec:
		n.castTo(b, types.Double)
	case aDec && isFloating(b.t):
		n.castTo(a, types.Double)
	}
}

// binaryArithmeticType is the dataType of a BinaryArithmetic node.
func (m Mode) binaryArithmeticType(n *node) types.DataType {
	a, b := n.args[0].t, n.args[1].t
	if n.fn == "div" {
		return types.Long
	}
	da, aDec := a.(types.DecimalType)
	db, bDec := b.(types.DecimalType)
	if aDec && bDec {
		return m.DecimalResult(n.fn, da, db)
	}
	return a
}

// division is DivisionTypeCoercion: / works on doubles unless both sides are decimals.
func division(m Mode, n *node) {
	if n.fn != "/" {
		return
	}
	switch m.binaryArithmeticType(n).(type) {
	case types.DoubleType, types.DecimalType:
		return
	}
	numOrNull := func(t types.DataType) bool { return isNumeric(t) || isNull(t) }
	if numOrNull(n.args[0].t) && numOrNull(n.args[1].t) {
		n.castBoth(types.Double)
	}
}

// integralDivision is IntegralDivisionTypeCoercion: div works on bigints.
func integralDivision(m Mode, n *node) {
	if n.fn != "div" {
		return
	}
	for _, a := range n.args {
		switch a.t.(type) {
		case types.ByteType, types.ShortType, types.IntegerType:
			n.castTo(a, types.Long)
		}
	}
}

// implicitTypeCasts is ImplicitTypeCoercion for binary operators and the functions.
func implicitTypeCasts(m Mode, n *node) {
	a, b := n.args[0], n.args[1]
	if isOperator(n.fn) {
		in := operatorInput(n.fn)
		if canHandleTypeCoercion(a.t, b.t) {
			if ct, ok := m.tightest(a.t, b.t); ok && in.Accepts(ct) {
				n.castBoth(ct)
			}
			return
		}
		for _, x := range n.args {
			if isNull(x.t) && !in.Accepts(x.t) {
				n.castTo(x, in.Default())
			}
		}
		return
	}
	spec, ok := fnSpecs[n.fn]
	if !ok {
		return
	}
	for i, x := range n.args {
		if spec.implicit {
			if t, ok := m.ImplicitCast(x.t, spec.in[i]); ok {
				n.castTo(x, t)
			}
		} else if isNull(x.t) && !spec.in[i].Accepts(x.t) {
			n.castTo(x, spec.in[i].Default())
		}
	}
}

// canHandleTypeCoercion: decimals are DecimalPrecision's business, except with NULL.
func canHandleTypeCoercion(a, b types.DataType) bool {
	switch {
	case isDecimal(a) && isNull(b), isNull(a) && isDecimal(b):
		return true
	}
	return !isDecimal(a) && !isDecimal(b) && !types.Equal(a, b)
}

// ansiDateTimeOperations is AnsiDateTimeOperationsTypeCoercion.
func ansiDateTimeOperations(m Mode, n *node) { dateTimeOperations(n, false) }

// legacyDateTimeOperations is DateTimeOperationsTypeCoercion.
func legacyDateTimeOperations(m Mode, n *node) { dateTimeOperations(n, true) }

func dateTimeOperations(n *node, legacy bool) {
	a, b := n.args[0], n.args[1]
	switch n.fn {
	case "date_add", "date_sub":
		if isAnyTimestamp(a.t) || (legacy && isString(a.t)) {
			n.castTo(a, types.Date)
		}
	case "subtract_timestamps":
		switch {
		case isDate(a.t) && isAnyTimestamp(b.t):
			n.castTo(a, b.t)
		case isAnyTimestamp(a.t) && isDate(b.t):
			n.castTo(b, a.t)
		case isAnyTimestamp(a.t) && isAnyTimestamp(b.t) && !types.Equal(a.t, b.t):
			n.castBoth(types.TimestampNTZ)
		}
	case "timestamp_add_interval":
		if legacy && isString(a.t) {
			n.castTo(a, types.Timestamp)
		}
	}
}

// stringLiteralCoercion is StringLiteralTypeCoercion (legacy): a constant string day count
// of date_add/date_sub is evaluated as an INT.
func stringLiteralCoercion(m Mode, n *node) {
	if n.fn != "date_add" && n.fn != "date_sub" {
		return
	}
	b := n.args[1]
	if isString(b.t) && !b.derived && (b.op.Literal || b.op.Foldable) {
		n.castTo(b, types.Integer)
		b.lit = true
		n.daysFromString = true
	}
}

// check is checkInputDataTypes of the node (and of the cast around it).
func (m Mode) check(n *node) *MismatchError {
	if n.constant != nil || n.boolRewrite != "" {
		return nil
	}
	a, b := n.args[0], n.args[1]
	for _, x := range n.args {
		from := x.op.Type
		if x.derived {
			continue
		}
		from = types.ReplaceCharVarcharWithString(from)
		for _, to := range x.casts {
			if !m.CanCast(from, to) {
				return castFailure(from, to, m.ANSI)
			}
			from = to
		}
	}
	switch {
	case arithOps[n.fn]:
		in := operatorInput(n.fn)
		if isDecimal(a.t) && isDecimal(b.t) && in.Accepts(a.t) && in.Accepts(b.t) {
			break
		}
		if !m.sameType(a.t, b.t) {
			return &MismatchError{Kind: "BINARY_OP_DIFF_TYPES", Left: a.t, Right: b.t, Fn: n.fn}
		}
		if !in.Accepts(a.t) {
			return &MismatchError{Kind: "BINARY_OP_WRONG_TYPE", Left: a.t, Right: b.t, Required: in.SQL(), Fn: n.fn}
		}
	case compareOps[n.fn]:
		if !m.sameType(a.t, b.t) {
			return &MismatchError{Kind: "BINARY_OP_DIFF_TYPES", Left: a.t, Right: b.t, Fn: n.fn}
		}
		if !IsOrderable(a.t) {
			return &MismatchError{Kind: "INVALID_ORDERING_TYPE", Left: a.t, Fn: n.fn}
		}
	default:
		spec := fnSpecs[n.fn]
		for i, x := range n.args {
			if !spec.in[i].Accepts(x.t) {
				return &MismatchError{Kind: "UNEXPECTED_INPUT_TYPE", Fn: n.fn, ParamIndex: i + 1, Input: x.t,
					Required: spec.in[i].SQL(), Operand: x.side}
			}
		}
	}
	if n.outer != nil {
		if ft := m.nodeType(n); !m.CanCast(ft, n.outer) {
			return castFailure(ft, n.outer, m.ANSI)
		}
	}
	return nil
}

// nodeType is the dataType of the node itself.
func (m Mode) nodeType(n *node) types.DataType {
	switch {
	case arithOps[n.fn]:
		return m.binaryArithmeticType(n)
	case compareOps[n.fn]:
		return types.Boolean
	}
	if m.LegacyInterval && (n.fn == "subtract_dates" || n.fn == "subtract_timestamps") {
		// spark.sql.legacy.interval.enabled: SubtractDates and SubtractTimestamps give a
		// CalendarInterval.
		return types.CalendarInterval
	}
	return fnSpecs[n.fn].result(n.args[0].t, n.args[1].t)
}

func (m Mode) nodeNullable(n *node) bool {
	nullable := false
	switch {
	case n.fn == "/", n.fn == "%", n.fn == "div", n.fn == "pmod":
		nullable = true
	case arithOps[n.fn]:
		nullable = isDecimal(n.args[0].t) && !m.ANSI
	default:
		nullable = fnSpecs[n.fn].nullable
	}
	for _, x := range n.args {
		from := types.ReplaceCharVarcharWithString(x.op.Type)
		for _, to := range x.casts {
			if ForceNullable(from, to) {
				nullable = true
			}
			from = to
		}
	}
	if n.outer != nil && ForceNullable(m.nodeType(n), n.outer) {
		nullable = true
	}
	return nullable
}

// UnaryMinus is the type of -x (and of positive(x)) for x of type t: numbers and intervals
// keep their type; strings become DOUBLE (both modes), NULL becomes DOUBLE; anything else
// fails with UNEXPECTED_INPUT_TYPE. Cast the operand to the returned type when it differs.
func (m Mode) UnaryMinus(t types.DataType) (types.DataType, error) {
	return m.unary(t, NumericAndInterval, "-")
}

// Abs is the type of abs(x): like UnaryMinus, but the legacy INTERVAL is not accepted.
func (m Mode) Abs(t types.DataType) (types.DataType, error) {
	return m.unary(t, NumericAndAnsiInterval, "abs")
}

func (m Mode) unary(t types.DataType, in Expected, fn string) (types.DataType, error) {
	t = types.ReplaceCharVarcharWithString(t)
	if m.ANSI && isString(t) {
		t = types.Double
	}
	if c, ok := m.ImplicitCast(t, in); ok {
		t = c
	}
	if !in.Accepts(t) {
		return nil, &MismatchError{Kind: "UNEXPECTED_INPUT_TYPE", Fn: fn, ParamIndex: 1, Input: t, Required: in.SQL()}
	}
	return t, nil
}

// SQL renders the resolved expression as Spark prints it (its sql, which toPrettySQL uses
// for column names), given the SQL of the left and right operands as the user wrote them:
// the casts coercion adds are invisible there. Examples: "(a + b)", "pmod(a, b)",
// "date_add(d, 1)" (also for 1 + d), "date_add(d, (- extractansiintervaldays(i)))",
// "ts + i", "d - i" (DatetimeSub), "(INTERVAL '2' YEAR * n)" (also for n * INTERVAL),
// "multiply_interval(i, n)".
func (a Arithmetic) SQL(left, right string) string {
	x, y := left, right
	if a.Swap {
		x, y = right, left
	}
	if a.Days {
		y = "extractansiintervaldays(" + y + ")"
	}
	if a.Negate {
		if !a.Days {
			return left + " - " + right
		}
		y = "(- " + y + ")"
	}
	switch a.Fn {
	case "pmod", "date_add", "date_sub", "multiply_interval", "divide_interval":
		return a.Fn + "(" + x + ", " + y + ")"
	case "timestamp_add_interval", "date_add_interval", "date_add_ym_interval", "timestamp_add_ym_interval":
		return x + " + " + y
	case "subtract_timestamps", "subtract_dates":
		return "(" + x + " - " + y + ")"
	case "multiply_ym_interval", "multiply_dt_interval":
		return "(" + x + " * " + y + ")"
	case "divide_ym_interval", "divide_dt_interval":
		return "(" + x + " / " + y + ")"
	}
	return "(" + x + " " + a.Fn + " " + y + ")"
}
