package sqlconf

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Kind is how a config value is parsed and rendered: the ConfigBuilder type Spark declares
// the entry with.
type Kind int

const (
	// KindString is stringConf: any string, optionally case-folded (see Entry.Case).
	KindString Kind = iota
	// KindBool is booleanConf: "true" or "false", any case, surrounding blanks ignored.
	KindBool
	// KindInt is intConf: a 32-bit signed decimal integer.
	KindInt
	// KindLong is longConf: a 64-bit signed decimal integer.
	KindLong
	// KindDouble is doubleConf: a Java double literal.
	KindDouble
	// KindEnum is stringConf with checkValues: one of Entry.Allowed after Entry.Case.
	KindEnum
	// KindTime is timeConf(unit): an integer with an optional suffix (us, ms, s, m, min, h,
	// d), held in Entry.TimeUnit and rendered in milliseconds with an "ms" suffix.
	KindTime
	// KindBytes is bytesConf(unit): an integer with an optional suffix (b, k, kb, m, mb, g,
	// gb, t, tb, p, pb), held in Entry.ByteUnit and rendered in bytes with a "b" suffix.
	KindBytes
	// KindStringList is stringConf.toSequence: comma-separated, blanks trimmed, empty items
	// dropped, rendered joined by ",".
	KindStringList
)

func (k Kind) String() string {
	switch k {
	case KindString:
		return "string"
	case KindBool:
		return "bool"
	case KindInt:
		return "int"
	case KindLong:
		return "long"
	case KindDouble:
		return "double"
	case KindEnum:
		return "enum"
	case KindTime:
		return "time"
	case KindBytes:
		return "bytes"
	case KindStringList:
		return "string list"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Case is a case transformation Spark applies to a string value before checking it
// (stringConf.transform(_.toUpperCase) and similar).
type Case int

const (
	CaseKeep Case = iota
	CaseUpper
	CaseLower
)

// TimeUnit is the unit a time config holds its value in (Java's TimeUnit).
type TimeUnit int

const (
	Microseconds TimeUnit = iota
	Milliseconds
	Seconds
	Minutes
	Hours
	Days
)

// nanos is the length of the unit in nanoseconds.
func (u TimeUnit) nanos() int64 {
	switch u {
	case Microseconds:
		return 1e3
	case Milliseconds:
		return 1e6
	case Seconds:
		return 1e9
	case Minutes:
		return 60e9
	case Hours:
		return 3600e9
	}
	return 86400e9
}

// convertTime converts d in unit from to unit to as java.util.concurrent.TimeUnit.convert
// does: truncating toward zero, saturating on overflow.
func convertTime(d int64, from, to TimeUnit) int64 {
	fn, tn := from.nanos(), to.nanos()
	switch {
	case fn == tn:
		return d
	case fn < tn:
		return d / (tn / fn)
	default:
		r := fn / tn
		max := int64(math.MaxInt64) / r
		if d > max {
			return math.MaxInt64
		}
		if d < -max {
			return math.MinInt64
		}
		return d * r
	}
}

var timeSuffixes = map[string]TimeUnit{
	"us": Microseconds, "ms": Milliseconds, "s": Seconds, "m": Minutes, "min": Minutes,
	"h": Hours, "d": Days,
}

// ByteUnit is the unit a size config holds its value in (Spark's network.util.ByteUnit).
type ByteUnit int

const (
	Byte ByteUnit = iota
	KiB
	MiB
	GiB
	TiB
	PiB
)

func (u ByteUnit) multiplier() int64 { return int64(1) << (10 * uint(u)) }

func (u ByteUnit) javaName() string {
	return [...]string{"BYTE", "KiB", "MiB", "GiB", "TiB", "PiB"}[u]
}

// convertTo converts d in unit u to unit to as Spark's ByteUnit.convertTo does, including
// its overflow error and its wrap-around for negative values.
func (u ByteUnit) convertTo(d int64, to ByteUnit) (int64, *Error) {
	if u.multiplier() > to.multiplier() {
		ratio := u.multiplier() / to.multiplier()
		if math.MaxInt64/ratio < d {
			return 0, newJavaError(ExcIllegalArgument, fmt.Sprintf(
				"Conversion of %d exceeds Long.MAX_VALUE in %s. Try a larger unit (e.g. MiB instead of KiB)",
				d, u.javaName()))
		}
		return d * ratio, nil
	}
	return d / (to.multiplier() / u.multiplier()), nil
}

var byteSuffixes = map[string]ByteUnit{
	"b": Byte, "k": KiB, "kb": KiB, "m": MiB, "mb": MiB, "g": GiB, "gb": GiB,
	"t": TiB, "tb": TiB, "p": PiB, "pb": PiB,
}

// Value is a parsed config value. Which field is meaningful depends on Kind: Bool for
// KindBool; Int for KindInt, KindLong, KindTime (in the entry's TimeUnit) and KindBytes (in
// the entry's ByteUnit); Float for KindDouble; Str for KindString and KindEnum; List for
// KindStringList.
type Value struct {
	Kind  Kind
	Bool  bool
	Int   int64
	Float float64
	Str   string
	List  []string
}

// scalaString renders the value as Scala's toString does, which is what Spark puts in
// checkValue error messages.
func (v Value) scalaString() string {
	switch v.Kind {
	case KindBool:
		return strconv.FormatBool(v.Bool)
	case KindInt, KindLong, KindTime, KindBytes:
		return strconv.FormatInt(v.Int, 10)
	case KindDouble:
		return javaDoubleString(v.Float)
	case KindStringList:
		return "List(" + strings.Join(v.List, ", ") + ")"
	}
	return v.Str
}

// javaTrim removes leading and trailing characters <= U+0020, as java.lang.String.trim does.
func javaTrim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// parse converts a string to the entry's value as the entry's valueConverter does,
// including its transform and checks. The returned error is Spark's exception for a value
// the entry rejects.
func (e *Entry) parse(s string) (Value, *Error) {
	v := Value{Kind: e.Kind}
	switch e.Kind {
	case KindBool:
		t := javaTrim(s)
		switch {
		case strings.EqualFold(t, "true"):
			v.Bool = true
		case strings.EqualFold(t, "false"):
			v.Bool = false
		default:
			return v, newJavaError(ExcIllegalArgument, e.Key+" should be boolean, but was "+s)
		}
	case KindInt:
		n, err := strconv.ParseInt(javaTrim(s), 10, 32)
		if err != nil {
			return v, newJavaError(ExcIllegalArgument, e.Key+" should be int, but was "+s)
		}
		v.Int = n
	case KindLong:
		n, err := strconv.ParseInt(javaTrim(s), 10, 64)
		if err != nil {
			return v, newJavaError(ExcIllegalArgument, e.Key+" should be long, but was "+s)
		}
		v.Int = n
	case KindDouble:
		f, ok := parseJavaDouble(javaTrim(s))
		if !ok {
			return v, newJavaError(ExcIllegalArgument, e.Key+" should be double, but was "+s)
		}
		v.Float = f
	case KindTime:
		n, err := parseTimeString(s, e.TimeUnit)
		if err != nil {
			return v, err
		}
		v.Int = n
	case KindBytes:
		n, err := parseByteString(s, e.ByteUnit)
		if err != nil {
			return v, err
		}
		v.Int = n
	case KindStringList:
		for _, item := range strings.Split(s, ",") {
			if item = javaTrim(item); item != "" {
				v.List = append(v.List, item)
			}
		}
	default: // KindString, KindEnum
		v.Str = applyCase(s, e.Case)
		if e.Kind == KindEnum && !contains(e.Allowed, v.Str) {
			return v, newJavaError(ExcIllegalArgument, fmt.Sprintf(
				"The value of %s should be one of %s, but was %s", e.Key, strings.Join(e.Allowed, ", "), v.Str))
		}
	}
	if e.Check != nil && !e.Check(v) {
		if e.CheckClass != "" {
			class := "INVALID_CONF_VALUE." + e.CheckClass
			return v, newClassError(ExcSparkIllegalArg, class, map[string]string{
				"confValue": v.scalaString(),
				"confName":  e.Key,
			})
		}
		return v, newJavaError(ExcIllegalArgument, fmt.Sprintf("'%s' in %s is invalid. %s", v.scalaString(), e.Key, e.CheckMessage))
	}
	return v, nil
}

// format renders a value as the entry's stringConverter does.
func (e *Entry) format(v Value) (string, *Error) {
	switch e.Kind {
	case KindBool:
		return strconv.FormatBool(v.Bool), nil
	case KindInt, KindLong:
		return strconv.FormatInt(v.Int, 10), nil
	case KindDouble:
		return javaDoubleString(v.Float), nil
	case KindTime:
		return strconv.FormatInt(convertTime(v.Int, e.TimeUnit, Milliseconds), 10) + "ms", nil
	case KindBytes:
		n, err := e.ByteUnit.convertTo(v.Int, Byte)
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(n, 10) + "b", nil
	case KindStringList:
		return strings.Join(v.List, ","), nil
	}
	return v.Str, nil
}

// normalize is format(parse(s)): what Spark returns when it reads a value through the entry
// rather than returning the stored string.
func (e *Entry) normalize(s string) (string, *Error) {
	v, err := e.parse(s)
	if err != nil {
		return "", err
	}
	return e.format(v)
}

func applyCase(s string, c Case) string {
	switch c {
	case CaseUpper:
		return strings.ToUpper(s)
	case CaseLower:
		return strings.ToLower(s)
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const timeError = "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), " +
	"minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us."

const byteError = "Size must be specified as bytes (b), kibibytes (k), mebibytes (m), " +
	"gibibytes (g), tebibytes (t), or pebibytes(p). E.g. 50b, 100k, or 250m."

var (
	timeStringRE     = regexp.MustCompile(`^(-?[0-9]+)([a-z]+)?$`)
	byteStringRE     = regexp.MustCompile(`^([0-9]+)([a-z]+)?$`)
	byteFractionalRE = regexp.MustCompile(`^([0-9]+\.[0-9]+)([a-z]+)?$`)
)

// javaParseLongMessage is the message of Long.parseLong's NumberFormatException.
func javaParseLongMessage(s string) string { return "For input string: \"" + s + "\"" }

// parseTimeString follows Spark's JavaUtils.timeStringAs.
func parseTimeString(str string, unit TimeUnit) (int64, *Error) {
	fail := func(msg string) (int64, *Error) {
		return 0, newJavaError(ExcNumberFormat, timeError+"\n"+msg)
	}
	lower := javaTrim(strings.ToLower(str))
	m := timeStringRE.FindStringSubmatch(lower)
	if m == nil {
		return fail("Failed to parse time string: " + str)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return fail(javaParseLongMessage(m[1]))
	}
	from := unit
	if m[2] != "" {
		u, ok := timeSuffixes[m[2]]
		if !ok {
			return fail("Invalid suffix: \"" + m[2] + "\"")
		}
		from = u
	}
	return convertTime(n, from, unit), nil
}

// parseByteString follows Spark's ConfigHelpers.byteFromString and JavaUtils.byteStringAs.
func parseByteString(str string, unit ByteUnit) (int64, *Error) {
	input, sign := str, int64(1)
	if len(str) > 0 && str[0] == '-' {
		input, sign = str[1:], -1
	}
	fail := func(msg string) (int64, *Error) {
		return 0, newJavaError(ExcNumberFormat, byteError+"\n"+msg)
	}
	lower := javaTrim(strings.ToLower(input))
	if m := byteStringRE.FindStringSubmatch(lower); m != nil {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			return fail(javaParseLongMessage(m[1]))
		}
		from := unit
		if m[2] != "" {
			u, ok := byteSuffixes[m[2]]
			if !ok {
				return fail("Invalid suffix: \"" + m[2] + "\"")
			}
			from = u
		}
		v, cerr := from.convertTo(n, unit)
		if cerr != nil {
			return 0, cerr
		}
		return sign * v, nil
	}
	if m := byteFractionalRE.FindStringSubmatch(lower); m != nil {
		return fail("Fractional values are not supported. Input was: " + m[1])
	}
	return fail("Failed to parse byte string: " + input)
}

var javaDoubleRE = regexp.MustCompile(`^[+-]?(NaN|Infinity|` +
	`(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)|` +
	`(0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+))[fFdD]?$`)

// parseJavaDouble accepts what java.lang.Double.parseDouble accepts (after trimming).
func parseJavaDouble(s string) (float64, bool) {
	m := javaDoubleRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	neg := strings.HasPrefix(s, "-")
	body := m[1]
	switch {
	case body == "NaN":
		if strings.HasSuffix(s, "NaN") {
			return math.NaN(), true
		}
		return 0, false // "NaNd" is not accepted by Java
	case body == "Infinity":
		if !strings.HasSuffix(s, "Infinity") {
			return 0, false
		}
		if neg {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	f, err := strconv.ParseFloat(body, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	if neg {
		f = -f
	}
	return f, true
}

// javaDoubleString renders f as java.lang.Double.toString does.
func javaDoubleString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// Shortest digits that round-trip, and the decimal exponent of the first digit.
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.dddde±xx
	mant, expStr, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expStr)
	if f >= 1e-3 && f < 1e7 {
		var intPart, frac string
		if exp >= 0 {
			if len(digits) <= exp+1 {
				intPart = digits + strings.Repeat("0", exp+1-len(digits))
				frac = "0"
			} else {
				intPart, frac = digits[:exp+1], digits[exp+1:]
			}
		} else {
			intPart = "0"
			frac = strings.Repeat("0", -exp-1) + digits
		}
		return sign + intPart + "." + frac
	}
	frac := digits[1:]
	if frac == "" {
		frac = "0"
	}
	return sign + digits[:1] + "." + frac + "E" + strconv.Itoa(exp)
}
