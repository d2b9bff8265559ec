package parser

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/interval"
)

// Numeric literals.

// parseNumber parses a numeric literal, with a leading minus when the
// current token is '-'.
func (p *parser) parseNumber() ast.Expr {
	var minus *Token
	if p.at(Minus) {
		minus = p.next()
	}
	t := p.tok()
	if !isNumberTok(t) {
		p.unexpected()
	}
	p.next()
	return p.numberLiteral(minus, t)
}

var (
	bigMinInt  = big.NewRat(math.MinInt32, 1)
	bigMaxInt  = big.NewRat(math.MaxInt32, 1)
	bigMinLong = new(big.Rat).SetInt64(math.MinInt64)
	bigMaxLong = new(big.Rat).SetInt64(math.MaxInt64)
	// Spark compares with BigDecimal(Double.MaxValue) and
	// BigDecimal(Float.MaxValue.toDouble): the shortest decimal forms.
	bigMaxDouble, _ = new(big.Rat).SetString("1.7976931348623157e308")
	bigMinDouble    = new(big.Rat).Neg(bigMaxDouble)
	bigMaxFloat, _  = new(big.Rat).SetString("3.4028234663852886e38")
	bigMinFloat     = new(big.Rat).Neg(bigMaxFloat)
)

const (
	maxDoubleText = "1.7976931348623157E+308"
	maxFloatText  = "3.4028234663852886E+38"
)

// numberLiteral builds the literal of number token t, preceded by minus if
// not nil, typing it and checking its range as Spark does.
func (p *parser) numberLiteral(minus, t *Token) *ast.Literal {
	lit := p.newLiteral()
	lit.ValuePos, lit.ValueEnd, lit.Raw = t.Pos, t.End, p.text(t)
	text := p.text(t)
	// signed returns the text of the number up to n bytes before its end,
	// with the minus sign if any (a slice of the source when the sign is
	// right before the number).
	signed := func(n int) string { return text[:len(text)-n] }
	if minus != nil {
		lit.ValuePos = minus.Pos
		if minus.End.Offset == t.Pos.Offset {
			lit.Raw = p.src[minus.Pos.Offset:t.End.Offset]
			signed = func(n int) string { return lit.Raw[:len(lit.Raw)-n] }
		} else {
			lit.Raw = "-" + text
			signed = func(n int) string { return "-" + text[:len(text)-n] }
		}
	}
	strip := signed
	outOfRange := func(raw, minText, maxText, typeName string) {
		p.deferError(newError("INVALID_NUMERIC_LITERAL_RANGE", lit.ValuePos, lit.ValueEnd,
			"rawStrippedQualifier", raw, "minValue", minText, "maxValue", maxText, "typeName", typeName))
	}
	// intCheck checks an integer of a typed literal (10L, 10S, 10Y).
	intCheck := func(raw string, min, max int64, minText, maxText, typeName string) {
		if n, err := strconv.ParseInt(raw, 10, 64); err != nil || n < min || n > max {
			outOfRange(raw, minText, maxText, typeName)
		}
	}
	rangeCheck := func(raw string, min, max *big.Rat, minText, maxText, typeName string) {
		// Most numbers are far inside the range: skip the exact check.
		limit := 1e308
		if typeName == "float" {
			limit = 3.4e38
		}
		if f, err := strconv.ParseFloat(raw, 64); err == nil && math.Abs(f) < limit {
			return
		}
		r, ok := parseDecimalRat(raw)
		if !ok {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0060", lit.ValuePos, lit.ValueEnd, "msg", "Character array is missing \"exponent\" mark 'e' or 'E'."))
			return
		}
		if r.Cmp(min) < 0 || r.Cmp(max) > 0 {
			outOfRange(raw, minText, maxText, typeName)
		}
	}
	switch t.Kind {
	case IntegerValue:
		lit.Kind = ast.IntegerLit
		lit.Value = signed(0)
		if n, err := strconv.ParseInt(lit.Value, 10, 64); err == nil {
			lit.Type = ast.TypeBigInt
			if n >= math.MinInt32 && n <= math.MaxInt32 {
				lit.Type = ast.TypeInt
			}
			break
		}
		r, _ := new(big.Rat).SetString(lit.Value)
		switch {
		case r.Cmp(bigMinInt) >= 0 && r.Cmp(bigMaxInt) <= 0:
			lit.Type = ast.TypeInt
		case r.Cmp(bigMinLong) >= 0 && r.Cmp(bigMaxLong) <= 0:
			lit.Type = ast.TypeBigInt
		default:
			p.decimalType(lit, lit.Value)
		}
	case BigIntLiteral:
		lit.Kind, lit.Type, lit.Value = ast.BigIntLit, ast.TypeBigInt, strip(1)
		intCheck(lit.Value, math.MinInt64, math.MaxInt64, "-9223372036854775808", "9223372036854775807", "bigint")
	case SmallIntLiteral:
		lit.Kind, lit.Type, lit.Value = ast.SmallIntLit, ast.TypeSmallInt, strip(1)
		intCheck(lit.Value, math.MinInt16, math.MaxInt16, "-32768", "32767", "smallint")
	case TinyIntLiteral:
		lit.Kind, lit.Type, lit.Value = ast.TinyIntLit, ast.TypeTinyInt, strip(1)
		intCheck(lit.Value, math.MinInt8, math.MaxInt8, "-128", "127", "tinyint")
	case DecimalValue:
		lit.Kind, lit.Value = ast.DecimalLit, signed(0)
		p.decimalType(lit, lit.Value)
	case ExponentValue:
		lit.Value = signed(0)
		if p.opts.LegacyExponentLiteralAsDecimal {
			lit.Kind = ast.DecimalLit
			p.decimalType(lit, lit.Value)
		} else {
			lit.Kind, lit.Type = ast.ExponentLit, ast.TypeDouble
			rangeCheck(lit.Value, bigMinDouble, bigMaxDouble, "-"+maxDoubleText, maxDoubleText, "double")
		}
	case DoubleLiteral:
		lit.Kind, lit.Type, lit.Value = ast.DoubleLit, ast.TypeDouble, strip(1)
		rangeCheck(lit.Value, bigMinDouble, bigMaxDouble, "-"+maxDoubleText, maxDoubleText, "double")
	case FloatLiteral:
		lit.Kind, lit.Type, lit.Value = ast.FloatLit, ast.TypeFloat, strip(1)
		rangeCheck(lit.Value, bigMinFloat, bigMaxFloat, "-"+maxFloatText, maxFloatText, "float")
	case BigDecimalLiteral:
		lit.Kind, lit.Value = ast.BigDecimalLit, strip(2)
		p.decimalType(lit, lit.Value)
	}
	return lit
}

// parseDecimalRat parses a decimal number (digits, '.', exponent) into a
// rational. Numbers too large or too small in magnitude to matter for
// range checks are clamped, so that huge exponents cost nothing.
func parseDecimalRat(s string) (*big.Rat, bool) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimLeft(s, "+-")
	mant, exp := body, int64(0)
	if i := strings.IndexAny(body, "eE"); i >= 0 {
		mant = body[:i]
		e, err := strconv.ParseInt(strings.TrimPrefix(body[i+1:], "+"), 10, 64)
		if err != nil {
			// Beyond int64: only the sign matters.
			if strings.HasPrefix(body[i+1:], "-") {
				e = -1 << 40
			} else {
				e = 1 << 40
			}
		}
		exp = e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		return new(big.Rat), true
	}
	// Order of magnitude of the leading digit.
	mag := int64(len(strings.TrimLeft(intPart, "0"))) + exp
	if strings.TrimLeft(intPart, "0") == "" {
		mag = exp - int64(len(frac)-len(strings.TrimLeft(frac, "0")))
	}
	switch {
	case mag > 1000:
		r := new(big.Rat).SetFrac(new(big.Int).Exp(big.NewInt(10), big.NewInt(1000), nil), big.NewInt(1))
		if neg {
			r.Neg(r)
		}
		return r, true
	case mag < -1000:
		return new(big.Rat), true
	}
	return new(big.Rat).SetString(s)
}

// decimalType types a literal as DECIMAL with the precision and scale
// Spark derives from the digits (java.math.BigDecimal's, adjusted by
// Spark's Decimal), failing beyond 38 digits.
func (p *parser) decimalType(lit *ast.Literal, s string) {
	prec, scale := decimalPrecisionScale(s)
	lit.Type, lit.Precision, lit.Scale = ast.TypeDecimal, prec, scale
	if prec > 38 {
		p.deferError(newError("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", lit.ValuePos, lit.ValueEnd,
			"precision", strconv.Itoa(prec), "maxPrecision", "38"))
	}
}

// decimalPrecisionScale computes the precision and scale Spark gives the
// decimal written s (digits, optional '.', optional exponent).
func decimalPrecisionScale(s string) (int, int) {
	s = strings.TrimLeft(s, "+-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > 1<<30 || e < -(1<<30) {
			// java.math.BigDecimal rejects exponents beyond int; keep the
			// precision computation finite.
			e = 1 << 30
		}
		exp = e
	}
	frac := 0
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		frac = len(mant) - i - 1
	}
	// The precision counts the digits after the leading zeros, the point
	// left out.
	prec, leading := 0, true
	for i := 0; i < len(mant); i++ {
		c := mant[i]
		if c == '.' || leading && c == '0' {
			continue
		}
		leading = false
		prec++
	}
	if prec == 0 {
		prec = 1
	}
	scale := frac - exp
	switch {
	case prec < scale:
		prec = scale
	case scale < 0:
		prec -= scale
		scale = 0
	}
	return prec, scale
}

// String literals.

// parseStringLit parses one or more adjacent string literals.
func (p *parser) parseStringLit() ast.Expr {
	var toks []*Token
	for p.isStringTok(p.tok()) {
		toks = append(toks, p.next())
	}
	if len(toks) == 0 {
		p.unexpected()
	}
	return p.stringLiteral(toks)
}

// stringLiteral builds the literal of adjacent string tokens.
func (p *parser) stringLiteral(toks []*Token) *ast.Literal {
	first, last := toks[0], toks[len(toks)-1]
	lit := p.newLiteral()
	lit.Kind, lit.Type, lit.ValuePos, lit.ValueEnd = ast.StringLit, ast.TypeString, first.Pos, last.End
	lit.Raw = p.source(first.Pos, last.End)
	if len(toks) == 1 {
		lit.Value = p.stringValue(first)
		return lit
	}
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(p.stringValue(t))
	}
	for _, t := range toks {
		lit.Parts = append(lit.Parts, p.text(t))
	}
	lit.Value = b.String()
	return lit
}

// stringValue returns the value of one string literal token.
func (p *parser) stringValue(t *Token) string {
	text := p.text(t)
	if p.opts.EscapedStringLiterals {
		return text[1 : len(text)-1]
	}
	return unescapeString(text, p.opts.LegacyConsecutiveStringLiterals)
}

// UnescapeString returns the value of a string literal token as Spark
// computes it (SparkParserUtils.unescapeSQLString): quotes removed, and
// unless the literal is raw (R'...'), a doubled quote of the literal's
// own kind decoded to one quote, the backslash escapes \0 \b \n \r \t \Z,
// \uXXXX, \UXXXXXXXX and three-digit octal \ooo decoded; \% and \_ stay
// as they are; any other escaped character stands for itself.
func UnescapeString(text string) string {
	return unescapeString(text, false)
}

// unescapeString is UnescapeString; with dropQuoteQuote a doubled quote
// is removed instead of decoded, as with
// spark.sql.legacy.consecutiveStringLiterals.enabled, where the doubled
// quote ends one literal and starts the next.
func unescapeString(text string, dropQuoteQuote bool) string {
	if len(text) < 2 {
		return ""
	}
	if text[0] == 'r' || text[0] == 'R' {
		if len(text) < 3 {
			return ""
		}
		return text[2 : len(text)-1]
	}
	q := uint16(text[0])
	body := text[1 : len(text)-1]
	bs := strings.IndexByte(body, '\\')
	if bs < 0 && !hasDoubledQuote(body, text[0]) {
		return body
	}
	if bs < 0 || !strings.Contains(body[bs:], `\u`) && !strings.Contains(body[bs:], `\U`) {
		return unescapeBytes(body, text[0], dropQuoteQuote)
	}
	return unescapeUTF16(body, q, dropQuoteQuote)
}

// unescapeUTF16 decodes the body of a string literal with quote q. It
// works on UTF-16 code units, as Spark does, so that \u escapes of
// surrogate halves combine.
func unescapeUTF16(body string, q uint16, dropQuoteQuote bool) string {
	src := utf16.Encode([]rune(body))
	out := make([]uint16, 0, len(src))
	n := len(src)
	isHex := func(c uint16) bool {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	allHex := func(start, length int) bool {
		if start+length > n {
			return false
		}
		for k := start; k < start+length; k++ {
			if !isHex(src[k]) {
				return false
			}
		}
		return true
	}
	hexVal := func(start, length int) uint64 {
		v, _ := strconv.ParseUint(string(utf16.Decode(src[start:start+length])), 16, 64)
		return v
	}
	for i := 0; i < n; {
		c := src[i]
		if c == q && i+1 < n && src[i+1] == q {
			if !dropQuoteQuote {
				out = append(out, q)
			}
			i += 2
			continue
		}
		if c != '\\' || i+1 == n {
			out = append(out, c)
			i++
			continue
		}
		i++
		d := src[i]
		switch {
		case d == 'u' && allHex(i+1, 4):
			out = append(out, uint16(hexVal(i+1, 4)))
			i += 5
		case d == 'U' && allHex(i+1, 8):
			cp := hexVal(i+1, 8)
			if cp < 0x10000 {
				out = append(out, uint16(cp))
			} else {
				out = append(out, uint16((cp-0x10000)/0x400+0xd800), uint16((cp-0x10000)%0x400+0xdc00))
			}
			i += 9
		case i+3 <= n && (d == '0' || d == '1') && src[i+1] >= '0' && src[i+1] <= '7' &&
			src[i+2] >= '0' && src[i+2] <= '7':
			out = append(out, (d-'0')*64+(src[i+1]-'0')*8+(src[i+2]-'0'))
			i += 3
		default:
			switch d {
			case '0':
				out = append(out, 0)
			case 'b':
				out = append(out, '\b')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'Z':
				out = append(out, 0x1A)
			case '%', '_':
				out = append(out, '\\', d)
			default:
				out = append(out, d)
			}
			i++
		}
	}
	return string(utf16.Decode(out))
}

// hasDoubledQuote reports whether s holds two quotes q in a row.
func hasDoubledQuote(s string, q byte) bool {
	for i := strings.IndexByte(s, q); i >= 0 && i+1 < len(s); {
		if s[i+1] == q {
			return true
		}
		j := strings.IndexByte(s[i+1:], q)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// unescapeBytes is unescapeString for bodies without \u or \U escapes,
// which can be decoded byte by byte: every other escape stands for an
// ASCII character or for the character after the backslash.
func unescapeBytes(body string, q byte, dropQuoteQuote bool) string {
	b := make([]byte, 0, len(body))
	n := len(body)
	for i := 0; i < n; {
		c := body[i]
		if c == q && i+1 < n && body[i+1] == q {
			if !dropQuoteQuote {
				b = append(b, q)
			}
			i += 2
			continue
		}
		if c != '\\' || i+1 == n {
			b = append(b, c)
			i++
			continue
		}
		i++
		d := body[i]
		switch {
		case i+3 <= n && (d == '0' || d == '1') && body[i+1] >= '0' && body[i+1] <= '7' &&
			body[i+2] >= '0' && body[i+2] <= '7':
			b = append(b, (d-'0')*64+(body[i+1]-'0')*8+(body[i+2]-'0'))
			i += 3
			continue
		case d == '0':
			b = append(b, 0)
		case d == 'b':
			b = append(b, '\b')
		case d == 'n':
			b = append(b, '\n')
		case d == 'r':
			b = append(b, '\r')
		case d == 't':
			b = append(b, '\t')
		case d == 'Z':
			b = append(b, 0x1A)
		case d == '%', d == '_':
			b = append(b, '\\', d)
		default:
			b = append(b, d)
		}
		i++
	}
	return string(b)
}

// Typed literals.

// parseTypedLiteral parses DATE/TIME/TIMESTAMP/TIMESTAMP_NTZ/TIMESTAMP_LTZ/X
// followed by a string, validating the string as Spark does.
func (p *parser) parseTypedLiteral() ast.Expr {
	t := p.next()
	st := p.next()
	lit := p.stringLiteral([]*Token{st})
	tl := &ast.TypedLiteral{TypePos: t.Pos, TypeName: p.text(t), Value: lit}
	valid := true
	switch t.Keyword {
	case kwDATE:
		tl.Kind = ast.DateLiteral
		valid = validDateLiteral(lit.Value)
	case kwTIME:
		tl.Kind = ast.TimeLiteral
		valid = validTimeLiteral(lit.Value)
	case kwTIMESTAMP:
		tl.Kind = ast.TimestampLiteral
		valid = validTimestampLiteral(lit.Value, true)
	case kwTIMESTAMP_NTZ:
		tl.Kind = ast.TimestampNTZLiteral
		valid = validTimestampLiteral(lit.Value, false)
	case kwTIMESTAMP_LTZ:
		tl.Kind = ast.TimestampLTZLiteral
		valid = validTimestampLiteral(lit.Value, true)
	case kwBINARY_HEX:
		tl.Kind = ast.BinaryLiteral
		valid = validHex(lit.Value)
	}
	if !valid {
		p.deferError(newError("INVALID_TYPED_LITERAL", t.Pos, st.End,
			"valueType", toSQLType(p.text(t)), "value", toSQLValue(lit.Value)))
	}
	return tl
}

// validHex reports whether s holds only hexadecimal digits (an odd count
// is allowed: Spark pads on the left).
func validHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// Interval literals.

// isUnitInMultiUnits reports the units of INTERVAL value unit ... forms.
func isUnitInMultiUnits(t *Token) bool {
	if t.Kind != KeywordTok {
		return false
	}
	switch t.Keyword {
	case kwNANOSECOND, kwNANOSECONDS, kwMICROSECOND, kwMICROSECONDS, kwMILLISECOND,
		kwMILLISECONDS, kwSECOND, kwSECONDS, kwMINUTE, kwMINUTES, kwHOUR, kwHOURS, kwDAY,
		kwDAYS, kwWEEK, kwWEEKS, kwMONTH, kwMONTHS, kwYEAR, kwYEARS:
		return true
	}
	return false
}

// isUnitInUnitToUnit reports the units of INTERVAL 'v' unit TO unit.
func isUnitInUnitToUnit(t *Token) bool {
	if t.Kind != KeywordTok {
		return false
	}
	switch t.Keyword {
	case kwSECOND, kwMINUTE, kwHOUR, kwDAY, kwMONTH, kwYEAR:
		return true
	}
	return false
}

// intervalValueLen returns the number of tokens of an interval value
// ([+|-] (integer | decimal | string)) at offset n from the current token,
// or 0.
func (p *parser) intervalValueLen(n int) int {
	k := 0
	if t := p.peek(n); t.Kind == Plus || t.Kind == Minus {
		k = 1
	}
	t := p.peek(n + k)
	if t.Kind == IntegerValue || t.Kind == DecimalValue || p.isStringTok(t) {
		return k + 1
	}
	return 0
}

// startsIntervalValue reports whether an interval literal follows INTERVAL
// (at offset n-1 from the current token).
func (p *parser) startsIntervalValue(n int) bool {
	return p.intervalValueLen(n) > 0
}

// parseIntervalValue parses [+|-] (integer | decimal | string).
func (p *parser) parseIntervalValue() *ast.IntervalValue {
	v := &ast.IntervalValue{}
	if t := p.tok(); t.Kind == Plus || t.Kind == Minus {
		p.next()
		v.Sign, v.SignPos = p.text(t), t.Pos
	}
	t := p.next()
	if p.isStringTok(t) {
		v.Value = p.stringLiteral([]*Token{t})
	} else {
		v.Value = p.numberLiteral(nil, t)
	}
	return v
}

// parseInterval parses INTERVAL in its three forms, and makes Spark's
// checks of the value/unit structure.
func (p *parser) parseInterval() ast.Expr {
	t := p.next()
	il := &ast.IntervalLiteral{Interval: t.Pos}
	n := p.intervalValueLen(0)
	unit := p.peek(n)
	if !isUnitInMultiUnits(unit) {
		// INTERVAL 'string' (a typed literal), or an error.
		if n == 1 && p.isStringTok(p.tok()) {
			il.Form = ast.IntervalString
			il.Str = p.stringLiteral([]*Token{p.next()})
			il.EndPos = p.prevEnd()
			if e := stringToInterval(il.Str.Value); e != nil {
				p.deferError(newError("INVALID_TYPED_LITERAL", t.Pos, il.EndPos,
					"valueType", toSQLType(p.text(t)), "value", toSQLValue(il.Str.Value)))
			} else if interval.MixesFields(interval.Units(il.Str.Value)) {
				p.deferError(newError("_LEGACY_ERROR_TEMP_0029", t.Pos, il.EndPos,
					"literal", p.source(t.Pos, il.EndPos)))
			}
			return il
		}
		for k := 0; k < n; k++ {
			p.next()
		}
		p.unexpected()
	}
	bodyStart := p.tok().Pos
	if isUnitInUnitToUnit(unit) && p.peekKw(n+1, kwTO) && isUnitInUnitToUnit(p.peek(n+2)) {
		il.Form = ast.IntervalUnitToUnit
		v := p.parseIntervalValue()
		from := p.next()
		p.next()
		to := p.next()
		il.Values = []*ast.IntervalValue{v}
		il.From, il.To = strings.ToUpper(p.text(from)), strings.ToUpper(p.text(to))
		bodyEnd := p.prevEnd()
		// A second interval after this one is an error Spark reports
		// after parsing it.
		extra := false
		if m := p.intervalValueLen(0); m > 0 && isUnitInMultiUnits(p.peek(m)) {
			p.parseIntervalTail()
			extra = true
		}
		il.EndPos = p.prevEnd()
		switch {
		case extra:
			p.deferError(newError("_LEGACY_ERROR_TEMP_0024", t.Pos, il.EndPos))
		case !p.isStringLiteral(v.Value):
			p.deferError(newError("_LEGACY_ERROR_TEMP_0027", v.Pos(), v.Value.End()))
		default:
			if p.checkUnitToUnit(il, bodyStart, bodyEnd) {
				p.checkUnitToUnitValue(il, bodyStart, bodyEnd)
			}
		}
		return il
	}
	il.Form = ast.IntervalMultiUnit
	for {
		m := p.intervalValueLen(0)
		if m == 0 || !isUnitInMultiUnits(p.peek(m)) {
			break
		}
		if isUnitInUnitToUnit(p.peek(m)) && p.peekKw(m+1, kwTO) && isUnitInUnitToUnit(p.peek(m+2)) {
			// A from-to interval after value/unit pairs.
			p.parseIntervalTail()
			il.EndPos = p.prevEnd()
			p.deferError(newError("_LEGACY_ERROR_TEMP_0024", t.Pos, il.EndPos))
			return il
		}
		v := p.parseIntervalValue()
		u := p.next()
		v.Unit, v.UnitPos, v.UnitEnd = strings.ToUpper(p.text(u)), u.Pos, u.End
		il.Values = append(il.Values, v)
	}
	il.EndPos = p.prevEnd()
	var b strings.Builder
	var units []string
	for _, v := range il.Values {
		s := v.Value
		if s.Kind == ast.StringLit && strings.IndexFunc(s.Value, unicode.IsLetter) >= 0 {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0026", bodyStart, il.EndPos, "value", s.Value))
			return il
		}
		val := v.Sign + s.Raw
		if s.Kind == ast.StringLit {
			val = signedIntervalString(s.Value, v.Sign)
		}
		b.WriteString(" " + val + " " + strings.ToLower(v.Unit))
		units = append(units, strings.TrimSuffix(strings.ToLower(v.Unit), "s"))
	}
	if e := stringToInterval(b.String()); e != nil {
		if e.class != "" {
			p.deferError(newError(e.class, bodyStart, il.EndPos, e.params...))
		} else {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0062", bodyStart, il.EndPos, "msg", e.msg))
		}
		return il
	}
	if interval.MixesFields(units) {
		p.deferError(newError("_LEGACY_ERROR_TEMP_0029", t.Pos, il.EndPos,
			"literal", p.source(t.Pos, il.EndPos)))
	}
	return il
}

// signedIntervalString applies the sign written before a string interval
// value, as Spark does: a minus negates (removing a leading minus).
func signedIntervalString(v, sign string) string {
	if sign != "-" {
		return v
	}
	if strings.HasPrefix(v, "-") {
		return v[1:]
	}
	return "-" + v
}

// checkUnitToUnitValue checks the value of INTERVAL 'v' from TO to.
func (p *parser) checkUnitToUnitValue(il *ast.IntervalLiteral, start, end ast.Pos) {
	v := il.Values[0]
	s := signedIntervalString(v.Value.Value, v.Sign)
	var e *intervalErr
	if il.To == "MONTH" {
		e = castStringToYMInterval(s, il.From, il.To)
	} else {
		e = castStringToDTInterval(s, il.From, il.To)
	}
	switch {
	case e == nil:
	case e.class != "":
		p.deferError(newError(e.class, start, end, e.params...))
	default:
		p.deferError(newError("_LEGACY_ERROR_TEMP_0063", start, end, "msg", e.msg))
	}
}

// parseIntervalTail skips an interval body in either form (after an
// interval that already has one): value unit TO unit, or value/unit pairs.
func (p *parser) parseIntervalTail() {
	m := p.intervalValueLen(0)
	if isUnitInUnitToUnit(p.peek(m)) && p.peekKw(m+1, kwTO) && isUnitInUnitToUnit(p.peek(m+2)) {
		p.parseIntervalValue()
		p.next()
		p.next()
		p.next()
		return
	}
	for {
		m := p.intervalValueLen(0)
		if m == 0 || !isUnitInMultiUnits(p.peek(m)) {
			return
		}
		p.parseIntervalValue()
		p.next()
	}
}

func (p *parser) isStringLiteral(l *ast.Literal) bool { return l.Kind == ast.StringLit }

// checkUnitToUnit checks the from/to units of INTERVAL 'v' from TO to.
func (p *parser) checkUnitToUnit(il *ast.IntervalLiteral, start, end ast.Pos) bool {
	from, to := strings.ToLower(il.From), strings.ToLower(il.To)
	switch from + "-" + to {
	case "year-month", "day-hour", "day-minute", "day-second", "hour-minute", "hour-second", "minute-second":
		return true
	}
	text := p.source(start, end)
	input := ""
	if i := strings.IndexByte(text, '\''); i >= 0 {
		if j := strings.IndexByte(text[i+1:], '\''); j >= 0 {
			input = text[i+1 : i+1+j]
		}
	}
	p.deferError(newError("INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", start, end,
		"input", input, "from", from, "to", to))
	return false
}

// Java number formatting, for Spark's messages.

// parseJavaDouble parses a decimal number; invalid text gives NaN.
func parseJavaDouble(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

// javaDoubleString formats f like Java's Double.toString.
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
	a := math.Abs(f)
	if a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'E', -1, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}
