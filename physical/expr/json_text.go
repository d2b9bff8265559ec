package expr

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// This file holds what from_json, to_json, from_csv and to_csv share: the options the
// analyzer passes as literal pairs after the input, and the conversions of datetime,
// decimal, binary and interval text with the dateFormat / timestampFormat /
// timestampNTZFormat options (Spark's DateFormatter and TimestampFormatter with the
// lenient fallbacks JacksonParser and UnivocityParser use when no format is given).

// textOptions reads the option pairs args[1:] (string literals).
func textOptions(args []Expr) (textdata.Options, error) {
	m := map[string]string{}
	for i := 1; i+1 < len(args); i += 2 {
		k, ok1 := literalString(args[i])
		v, ok2 := literalString(args[i+1])
		if !ok1 || !ok2 {
			return nil, sparkerror.InternalError("options must be string literals")
		}
		m[k] = v
	}
	return textdata.NewOptions(m), nil
}

func literalString(e Expr) (string, bool) {
	l, ok := e.(*Literal)
	if !ok {
		return "", false
	}
	switch v := l.Value.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// parseMode is the mode option of from_json and from_csv.
type parseMode uint8

const (
	permissive parseMode = iota
	failFast
)

func modeOption(fn string, o textdata.Options) (parseMode, error) {
	m := strings.ToUpper(o.Str("mode", "PERMISSIVE"))
	switch m {
	case "PERMISSIVE":
		return permissive, nil
	case "FAILFAST":
		return failFast, nil
	case "DROPMALFORMED":
		return 0, sparkerror.New(sparkerror.Analysis, "PARSE_MODE_UNSUPPORTED", "42601",
			"The function <funcName> doesn't support the <mode> mode. Acceptable modes are PERMISSIVE and FAILFAST.",
			map[string]string{"funcName": "`" + fn + "`", "mode": "DROPMALFORMED"})
	}
	// Spark falls back to PERMISSIVE for an unknown mode.
	return permissive, nil
}

// malformedRecord is FAILFAST's error for a record that does not parse.
func malformedRecord(bad string) error {
	return sparkerror.New(sparkerror.Runtime, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023",
		"Malformed records are detected in record parsing: <badRecord>.\nParse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.",
		map[string]string{"badRecord": bad, "failFastMode": "FAILFAST"})
}

// textConv converts text to datetimes with the format options; patterns are compiled only
// for the types a schema uses, as Spark's formatters are lazy.
type textConv struct {
	loc           *time.Location
	date, ts, ntz timeFormatter
	binary        binaryStyle // how to_csv, to_xml and from_xml write and read BINARY
	// fallback: a date or timestamp the format does not parse is read as Spark's casts
	// read it (the LEGACY policy's enableDateTimeParsingFallback).
	fallback bool
}

// newTextConv compiles the formats schema needs for reading (parsing) or writing, under
// the time parser policy (LEGACY: FastDateFormat patterns).
func newTextConv(o textdata.Options, schema types.DataType, loc *time.Location, parsing bool, policy timePolicy) (*textConv, error) {
	if loc == nil {
		loc = time.UTC
	}
	if tz, ok := o.Get("timeZone"); ok {
		if l, err := time.LoadLocation(tz); err == nil {
			loc = l
		}
	}
	c := &textConv{loc: loc, fallback: policy == policyLegacy}
	compile := func(p string, ntz bool) (timeFormatter, error) {
		if policy == policyLegacy {
			return compileTimeFormat(p, parsing, policy, true, ntz)
		}
		return compileDatetime(p, parsing)
	}
	uses := func(f func(types.DataType) bool) bool { return types.ExistsRecursively(schema, f) }
	var err error
	if uses(func(t types.DataType) bool { _, ok := t.(types.DateType); return ok }) {
		p, given := o.Get("dateFormat")
		if !given {
			p = "yyyy-MM-dd"
		}
		if given || !parsing {
			if c.date, err = compile(p, false); err != nil {
				return nil, err
			}
		}
	}
	if uses(func(t types.DataType) bool { _, ok := t.(types.TimestampType); return ok }) {
		p, given := o.Get("timestampFormat")
		if !given && !parsing {
			p, given = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", true
		}
		if given {
			if c.ts, err = compile(p, false); err != nil {
				return nil, err
			}
		}
	}
	if uses(func(t types.DataType) bool { _, ok := t.(types.TimestampNTZType); return ok }) {
		p, given := o.Get("timestampNTZFormat")
		if !given && !parsing {
			p, given = "yyyy-MM-dd'T'HH:mm:ss[.SSS]", true
		}
		if given {
			if c.ntz, err = compile(p, true); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// parseDate reads a date: with the dateFormat pattern, else yyyy-MM-dd with Spark's
// lenient stringToDate fallback (and a number of days).
func (c *textConv) parseDate(s []byte) (int32, bool) {
	if c.date != nil {
		us, err := c.date.parseLocal(s)
		if err == nil {
			return int32(floorDivI(us, 86400_000000)), true
		}
		if !c.fallback {
			return 0, false
		}
	}
	if d, ok := parseDate(s); ok {
		return d, true
	}
	if v, err := strconv.ParseInt(string(s), 10, 32); err == nil {
		return int32(v), true
	}
	return 0, false
}

// parseTimestamp reads an instant: with the timestampFormat pattern, else Spark's
// stringToTimestamp in the session zone.
func (c *textConv) parseTimestamp(s []byte) (int64, bool) {
	if c.ts != nil {
		us, err := c.ts.parseMicros(s, c.loc)
		if err == nil || !c.fallback {
			return us, err == nil
		}
	}
	return parseTimestamp(s, c.loc)
}

func (c *textConv) parseNTZ(s []byte) (int64, bool) {
	if c.ntz != nil {
		us, err := c.ntz.parseLocal(s)
		return us, err == nil
	}
	return parseTimestampNTZ(s)
}

func (c *textConv) appendDate(dst []byte, days int32) []byte {
	if c.date == nil {
		return format.AppendDate(dst, int64(days))
	}
	v := valuesOf(int64(days)*86400_000000, time.UTC)
	out, err := c.date.appendValue(dst, v)
	if err != nil {
		return format.AppendDate(dst, int64(days))
	}
	return out
}

func (c *textConv) appendTimestamp(dst []byte, us int64) []byte {
	v := valuesOf(us, c.loc)
	out, err := c.ts.appendValue(dst, v)
	if err != nil {
		return format.AppendTimestamp(dst, us, c.loc)
	}
	return out
}

func (c *textConv) appendNTZ(dst []byte, us int64) []byte {
	v := valuesOf(us, time.UTC)
	out, err := c.ntz.appendValue(dst, v)
	if err != nil {
		return format.AppendTimestamp(dst, us, time.UTC)
	}
	return out
}

// textDecimal reads a decimal of type dt (US locale: commas are ignored), rounding HALF_UP
// to the scale; false when it does not fit.
func textDecimal(s []byte, dt types.DecimalType) (decimal128.Num, bool) {
	d, ok := parseBigDecimal(removeCommas(s))
	if !ok {
		return decimal128.Num{}, false
	}
	return bigToNum(d.toScale(dt.Scale), dt.Precision)
}

func removeCommas(s []byte) []byte {
	if strings.IndexByte(string(s), ',') < 0 {
		return s
	}
	return []byte(strings.ReplaceAll(string(s), ",", ""))
}

// textBinary is Jackson's getBinaryValue: base64 (padding optional).
func textBinary(s []byte) ([]byte, bool) {
	t := strings.TrimRight(string(s), "=")
	out, err := base64.RawStdEncoding.DecodeString(t)
	if err != nil {
		return nil, false
	}
	return out, true
}

// textInterval reads an interval of type dt from text (stringToInterval, or a cast to the
// ANSI interval type).
func textInterval(s []byte, dt types.DataType) (any, bool) {
	switch t := dt.(type) {
	case types.CalendarIntervalType:
		c, ok := interval.ParseCalendar(string(s))
		if !ok {
			return nil, false
		}
		v, err := CalendarNanos(c.Months, c.Days, c.Micros)
		return v, err == nil
	case types.YearMonthIntervalType:
		v, err := interval.ParseYearMonth(string(s), t.StartField, t.EndField)
		return v, err == nil
	case types.DayTimeIntervalType:
		v, err := interval.ParseDayTime(string(s), t.StartField, t.EndField)
		return v, err == nil
	}
	return nil, false
}

// javaIntText is Integer/Long.parseLong: an optional sign and digits, nothing else.
func javaIntText(s []byte, bits int) (int64, bool) {
	if len(s) == 0 || isSpaceOrControl(s[0]) || isSpaceOrControl(s[len(s)-1]) {
		return 0, false
	}
	v, ok := parseIntegral(s, false, 64)
	if !ok || bits < 64 && (v < int64(-1)<<(bits-1) || v > int64(1)<<(bits-1)-1) {
		return 0, false
	}
	return v, true
}

// jsonFloat is the double a JSON number's text denotes (Double.parseDouble).
func jsonFloat(s []byte) (float64, bool) { return parseJavaDouble(s, 64) }

var jsonCopier = textdata.Copier{AppendDouble: format.AppendJavaDouble, ParseDouble: jsonFloat}
