package textdata

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// CSVSyntax is how a CSV record splits into fields (CSVOptions as Spark hands them to
// univocity for reading).
type CSVSyntax struct {
	Delim          string
	Quote          byte // 0: no quoting
	Escape         byte
	IgnoreLeading  bool
	IgnoreTrailing bool
}

// CSVSyntaxOf reads sep/delimiter, quote, escape and the white-space options; write
// selects the writer's defaults (white space is trimmed when writing).
func CSVSyntaxOf(o Options, write bool) (CSVSyntax, error) {
	s := CSVSyntax{Delim: ",", Quote: '"', Escape: '\\'}
	if d, ok := o.Get("sep"); ok {
		s.Delim = d
	} else if d, ok := o.Get("delimiter"); ok {
		s.Delim = d
	}
	delim, err := unescapeDelimiter(s.Delim)
	if err != nil {
		return s, err
	}
	s.Delim = delim
	if q, ok := o.Get("quote"); ok {
		switch len(q) {
		case 0:
			s.Quote = 0
		case 1:
			s.Quote = q[0]
		default:
			return s, illegalOption("quote", q)
		}
	}
	if e, ok := o.Get("escape"); ok {
		if len(e) != 1 {
			return s, illegalOption("escape", e)
		}
		s.Escape = e[0]
	}
	if s.IgnoreLeading, err = o.Bool("ignoreLeadingWhiteSpace", write); err != nil {
		return s, err
	}
	if s.IgnoreTrailing, err = o.Bool("ignoreTrailingWhiteSpace", write); err != nil {
		return s, err
	}
	return s, nil
}

func illegalOption(name, v string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_3237", "",
		"<name> cannot be more than one character", map[string]string{"name": name + " " + v})
}

// unescapeDelimiter is CSVExprUtils.toDelimiterStr: \t, \n, \\, \" and friends, \u0000.
func unescapeDelimiter(s string) (string, error) {
	if s == "" {
		return "", sparkerror.New(sparkerror.IllegalArgument, "INVALID_DELIMITER_VALUE.EMPTY_STRING", "42602",
			"Invalid value for delimiter. Delimiter cannot be empty string.", nil)
	}
	if s == `\` {
		return "", sparkerror.New(sparkerror.IllegalArgument, "INVALID_DELIMITER_VALUE.SINGLE_BACKSLASH", "42602",
			"Invalid value for delimiter. Single backslash is prohibited. It has special meaning as beginning of an escape sequence. To get the backslash character, pass a string with two backslashes as the delimiter.", nil)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case '"':
				b.WriteByte('"')
			case '\'':
				b.WriteByte('\'')
			case '\\':
				b.WriteByte('\\')
			case 'u':
				if s[i:] == `\u0000` {
					b.WriteByte(0)
					i += 4
				} else {
					b.WriteString(s[i : i+2])
				}
			default:
				b.WriteString(s[i : i+2])
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

func isCSVBlank(c byte) bool { return c <= ' ' }

// SplitCSV splits one record into its fields (appended to dst). A quoted field loses its
// quotes; inside quotes, the escape character or a doubled quote escapes a quote.
func SplitCSV(dst [][]byte, rec []byte, s *CSVSyntax) [][]byte {
	i := 0
	for {
		if s.IgnoreLeading {
			for i < len(rec) && isCSVBlank(rec[i]) && !strings.HasPrefix(string(rec[i:]), s.Delim) {
				i++
			}
		}
		var field []byte
		if s.Quote != 0 && i < len(rec) && rec[i] == s.Quote {
			i++
			var buf []byte
			for i < len(rec) {
				c := rec[i]
				if c == s.Escape && s.Escape != s.Quote && i+1 < len(rec) && (rec[i+1] == s.Quote || rec[i+1] == s.Escape) {
					buf = append(buf, rec[i+1])
					i += 2
					continue
				}
				if c == s.Quote {
					if i+1 < len(rec) && rec[i+1] == s.Quote {
						buf = append(buf, c)
						i += 2
						continue
					}
					i++
					break
				}
				buf = append(buf, c)
				i++
			}
			// Text after the closing quote up to the delimiter is kept.
			for i < len(rec) && !strings.HasPrefix(string(rec[i:]), s.Delim) {
				if !isCSVBlank(rec[i]) || !s.IgnoreTrailing {
					buf = append(buf, rec[i])
				}
				i++
			}
			if buf == nil {
				buf = []byte{}
			}
			field = buf
		} else {
			start := i
			if j := strings.Index(string(rec[i:]), s.Delim); j >= 0 {
				i += j
			} else {
				i = len(rec)
			}
			field = rec[start:i]
			if s.IgnoreTrailing {
				for len(field) > 0 && isCSVBlank(field[len(field)-1]) {
					field = field[:len(field)-1]
				}
			}
		}
		dst = append(dst, field)
		if i >= len(rec) {
			return dst
		}
		i += len(s.Delim)
	}
}

// CSVInference holds the options of schema_of_csv.
type CSVInference struct {
	NullValue, NaN, PosInf, NegInf string
	// Date and Timestamp report whether text parses as a date / timestamp; nil uses the
	// defaults (a strict yyyy-MM-dd date, Spark's lenient timestamp syntax).
	Date, Timestamp func([]byte) bool
	PreferDate      bool
	DateFormat      string
	TimestampGiven  bool
}

// NewCSVInference reads the inference options.
func NewCSVInference(o Options) (*CSVInference, error) {
	inf := &CSVInference{NullValue: o.Str("nullValue", ""), NaN: o.Str("nanValue", "NaN"),
		PosInf: o.Str("positiveInf", "Inf"), NegInf: o.Str("negativeInf", "-Inf"),
		DateFormat: o.Str("dateFormat", "yyyy-MM-dd")}
	var err error
	if inf.PreferDate, err = o.Bool("preferDate", true); err != nil {
		return nil, err
	}
	_, inf.TimestampGiven = o.Get("timestampFormat")
	return inf, nil
}

// InferCSV is schema_of_csv: the struct of the record's fields _c0, _c1, ... with the
// types CSVInferSchema infers.
func InferCSV(text []byte, opts map[string]string) (types.DataType, error) {
	return InferCSVWith(text, opts, nil, nil)
}

// InferCSVWith is InferCSV with parsers for the dateFormat and timestampFormat options
// (nil: only the default formats are recognized, and a custom format infers nothing).
func InferCSVWith(text []byte, opts map[string]string, date, timestamp func([]byte) bool) (types.DataType, error) {
	o := NewOptions(opts)
	syn, err := CSVSyntaxOf(o, false)
	if err != nil {
		return nil, err
	}
	inf, err := NewCSVInference(o)
	if err != nil {
		return nil, err
	}
	inf.Date, inf.Timestamp = date, timestamp
	fields := SplitCSV(nil, text, &syn)
	st := &types.StructType{}
	for i, f := range fields {
		var t types.DataType = types.Null
		t = inf.Field(t, f)
		if _, isNull := t.(types.NullType); isNull {
			t = types.String
		}
		st.Fields = append(st.Fields, types.StructField{Name: "_c" + strconv.Itoa(i), DataType: t, Nullable: true})
	}
	return st, nil
}

// Field is CSVInferSchema.inferField: the type of the field f given the type the column's
// earlier values had.
func (c *CSVInference) Field(soFar types.DataType, f []byte) types.DataType {
	if len(f) == 0 || string(f) == c.NullValue {
		return soFar
	}
	var t types.DataType
	switch soFar.(type) {
	case types.NullType, types.IntegerType:
		t = c.tryInt(f)
	case types.LongType:
		t = c.tryLong(f)
	case types.DecimalType:
		t = c.tryDecimal(f)
	case types.DoubleType:
		t = c.tryDouble(f)
	case types.DateType:
		t = c.tryDate(f)
	case types.TimestampType, types.TimestampNTZType:
		t = c.tryTimestamp(f)
	case types.BooleanType:
		t = c.tryBoolean(f)
	default:
		return types.String
	}
	if r := c.Compatible(soFar, t); r != nil {
		return r
	}
	return types.String
}

func (c *CSVInference) tryInt(s []byte) types.DataType {
	if _, ok := ParseJavaInt(s, 32); ok {
		return types.Integer
	}
	return c.tryLong(s)
}

func (c *CSVInference) tryLong(s []byte) types.DataType {
	if _, ok := ParseJavaInt(s, 64); ok {
		return types.Long
	}
	return c.tryDecimal(s)
}

// tryDecimal takes integers too long for a long: the US-locale decimal parser drops grouping
// commas, and a value with a fraction or a negative scale (which DecimalType rejects) tries
// double instead.
func (c *CSVInference) tryDecimal(s []byte) types.DataType {
	if d, ok := ParseBigDecimal(bytes.ReplaceAll(s, []byte(","), nil)); ok && d.Scale == 0 {
		if p := d.Precision(); p <= types.MaxDecimalPrecision {
			return types.DecimalType{Precision: p, Scale: 0}
		}
	}
	return c.tryDouble(s)
}

func (c *CSVInference) tryDouble(s []byte) types.DataType {
	if _, ok := ParseJavaDouble(s, 64); ok {
		return types.Double
	}
	if str := string(s); str == c.NaN || str == c.PosInf || str == c.NegInf {
		return types.Double
	}
	if c.PreferDate {
		return c.tryDate(s)
	}
	return c.tryTimestamp(s)
}

func (c *CSVInference) tryDate(s []byte) types.DataType {
	ok := false
	if c.Date != nil {
		ok = c.Date(s)
	} else if c.DateFormat == "yyyy-MM-dd" {
		ok = isoDate(string(s))
	}
	if ok {
		return types.Date
	}
	return c.tryTimestamp(s)
}

func (c *CSVInference) tryTimestamp(s []byte) types.DataType {
	ok := false
	if c.Timestamp != nil {
		ok = c.Timestamp(s)
	} else if !c.TimestampGiven {
		ok = LenientTimestamp(string(s))
	}
	if ok {
		return types.Timestamp
	}
	return c.tryBoolean(s)
}

func (c *CSVInference) tryBoolean(s []byte) types.DataType {
	if _, ok := ParseJavaBool(s); ok {
		return types.Boolean
	}
	return types.String
}

// lenientDateFormats are the date patterns Spark's default timestamp parser also accepts.
var lenientDateFormats = map[string]bool{"yyyy-MM-dd": true, "yyyy-M-d": true, "yyyy-M-dd": true,
	"yyyy-MM-d": true, "yyyy-MM": true, "yyyy-M": true, "yyyy": true}

// Compatible is CSVInferSchema.compatibleType; nil when there is none. A date merges with a
// timestamp only when the timestamp parser would also read the dates (no timestampFormat
// and a date format it accepts).
func (c *CSVInference) Compatible(t1, t2 types.DataType) types.DataType {
	_, d1 := t1.(types.DateType)
	_, d2 := t2.(types.DateType)
	ts1, ts2 := IsTimestamp(t1), IsTimestamp(t2)
	if (d1 && ts2) || (ts1 && d2) {
		if !c.TimestampGiven && lenientDateFormats[c.DateFormat] {
			if ts1 {
				return t1
			}
			return t2
		}
		return types.String
	}
	if t := TightestCommonType(t1, t2); t != nil {
		return t
	}
	_, s1 := t1.(types.StringType)
	_, s2 := t2.(types.StringType)
	if s1 || s2 {
		return types.String
	}
	if r, ok := DecimalCompatible(t1, t2, func(a, b types.DataType) types.DataType { return c.Compatible(a, b) }); ok {
		return r
	}
	if ts1 && ts2 {
		return types.Timestamp
	}
	return nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isoDate is the strict yyyy-MM-dd parse of date inference.
func isoDate(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) < 4 || len(parts[1]) != 2 || len(parts[2]) != 2 ||
		!allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(parts[2]) {
		return false
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// LenientTimestamp reports whether s has the syntax of Spark's stringToTimestamp:
// [+-]yyyy[-[m]m[-[d]d]] with an optional time [ T][h]h:[m]m[:[s]s[.fraction]] and zone.
func LenientTimestamp(s string) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j-i < 4 || j-i > 6 {
		return false
	}
	var date []int
	for k := 0; k < 2 && j < len(s) && s[j] == '-'; k++ {
		b := j + 1
		j = b
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-b < 1 || j-b > 2 {
			return false
		}
		v, _ := strconv.Atoi(s[b:j])
		date = append(date, v)
	}
	if len(date) > 0 && (date[0] < 1 || date[0] > 12) {
		return false
	}
	if len(date) > 1 {
		y, _ := strconv.Atoi(s[i : i+(len(s[i:])-len(strings.TrimLeft(s[i:], "0123456789")))])
		if date[1] < 1 || date[1] > daysIn(y, date[0]) {
			return false
		}
	}
	if j == len(s) {
		return true
	}
	if len(date) < 2 || (s[j] != ' ' && s[j] != 'T') {
		return false
	}
	j++
	var tm []int
	for k := 0; k < 3; k++ {
		b := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-b < 1 || j-b > 2 {
			return false
		}
		v, _ := strconv.Atoi(s[b:j])
		tm = append(tm, v)
		if k < 2 && j < len(s) && s[j] == ':' {
			j++
			continue
		}
		break
	}
	if len(tm) < 2 || tm[0] > 23 || tm[1] > 59 || len(tm) == 3 && tm[2] > 59 {
		return false
	}
	if len(tm) == 3 && j < len(s) && s[j] == '.' {
		j++
		b := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-b > 9 {
			return false
		}
	}
	if j == len(s) {
		return true
	}
	zone := strings.TrimSpace(s[j:])
	switch {
	case zone == "Z" || zone == "UTC" || zone == "GMT" || zone == "UT":
		return true
	case zone[0] == '+' || zone[0] == '-':
		z := strings.ReplaceAll(zone[1:], ":", "")
		return allDigits(z) && len(z) <= 6
	}
	return strings.Contains(zone, "/") || strings.HasPrefix(zone, "UTC") || strings.HasPrefix(zone, "GMT")
}
