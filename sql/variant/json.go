package variant

import (
	"errors"
	"math/big"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// JSON text is read the way Spark's parse_json reads it: Jackson's JsonParser with its
// default features over the Java string of the input. So:
//
//   - whitespace is space, tab, CR and LF; other control characters are errors;
//   - strings are double-quoted, without raw control characters, with the escapes \" \\
//     \/ \b \f \n \r \t \uXXXX; escaped surrogates pair up as UTF-16 does, a lone one
//     becomes '?' (String.getBytes), and malformed UTF-8 in the input becomes U+FFFD;
//   - numbers have no '+', no leading zeros, digits on both sides of '.', and no NaN or
//     Infinity; an integer that fits a long is a long, other numbers without an exponent
//     and with at most 38 digits and scale are decimals, the rest doubles;
//   - true, false and null may not run into a following identifier character;
//   - only the first value is read: what follows it is ignored, except that a number at
//     the top level must be followed by whitespace or the end of the text;
//   - Jackson's default limits: 1000 levels of nesting, 1000 characters per number,
//     50000 per field name and 20,000,000 per string.

// ErrJSON is a JSON syntax error (Spark reports MALFORMED_RECORD_IN_PARSING).
var ErrJSON = errors.New("variant: malformed JSON")

const (
	maxJSONDepth     = 1000
	maxNumberLength  = 1000
	maxNameLength    = 50000
	maxStringLength  = 20000000
	replacementChars = "\uFFFD"
)

type jsonParser struct {
	s     []byte
	i     int
	b     *Builder
	depth int
	tmp   []byte
}

// ParseJSON parses text into b (which the caller has reset). It returns ErrJSON for
// malformed text, ErrTooBig past the size limit, or a duplicate key error.
func ParseJSON(b *Builder, text []byte) error {
	p := jsonParser{s: text, b: b}
	if err := p.skipWS(); err != nil {
		return err
	}
	if p.i >= len(p.s) {
		return ErrJSON
	}
	return p.value(true)
}

func (p *jsonParser) skipWS() error {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c < 0x20:
			return ErrJSON
		default:
			return nil
		}
	}
	return nil
}

func (p *jsonParser) value(root bool) error {
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		p.i++
		s, err := p.str(maxStringLength)
		if err != nil {
			return err
		}
		return p.b.AppendString(s)
	case c == 't':
		if err := p.keyword("true"); err != nil {
			return err
		}
		return p.b.AppendBool(true)
	case c == 'f':
		if err := p.keyword("false"); err != nil {
			return err
		}
		return p.b.AppendBool(false)
	case c == 'n':
		if err := p.keyword("null"); err != nil {
			return err
		}
		return p.b.AppendNull()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(root)
	}
	return ErrJSON
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > maxJSONDepth {
		return ErrJSON
	}
	return nil
}

func (p *jsonParser) object() error {
	if err := p.enter(); err != nil {
		return err
	}
	p.i++
	o := p.b.StartObject()
	if err := p.skipWS(); err != nil {
		return err
	}
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		p.depth--
		return p.b.FinishObject(o)
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return ErrJSON
		}
		p.i++
		key, err := p.str(maxNameLength)
		if err != nil {
			return err
		}
		p.b.Field(o, key)
		if err := p.skipWS(); err != nil {
			return err
		}
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return ErrJSON
		}
		p.i++
		if err := p.skipWS(); err != nil {
			return err
		}
		if p.i >= len(p.s) {
			return ErrJSON
		}
		if err := p.value(false); err != nil {
			return err
		}
		if err := p.skipWS(); err != nil {
			return err
		}
		if p.i >= len(p.s) {
			return ErrJSON
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			if err := p.skipWS(); err != nil {
				return err
			}
		case '}':
			p.i++
			p.depth--
			return p.b.FinishObject(o)
		default:
			return ErrJSON
		}
	}
}

func (p *jsonParser) array() error {
	if err := p.enter(); err != nil {
		return err
	}
	p.i++
	a := p.b.StartArray()
	if err := p.skipWS(); err != nil {
		return err
	}
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		p.depth--
		return p.b.FinishArray(a)
	}
	for {
		if p.i >= len(p.s) {
			return ErrJSON
		}
		p.b.Elem(a)
		if err := p.value(false); err != nil {
			return err
		}
		if err := p.skipWS(); err != nil {
			return err
		}
		if p.i >= len(p.s) {
			return ErrJSON
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			if err := p.skipWS(); err != nil {
				return err
			}
		case ']':
			p.i++
			p.depth--
			return p.b.FinishArray(a)
		default:
			return ErrJSON
		}
	}
}

// keyword matches true, false or null, which Jackson rejects when an identifier
// character follows.
func (p *jsonParser) keyword(w string) error {
	if len(p.s)-p.i < len(w) || string(p.s[p.i:p.i+len(w)]) != w {
		return ErrJSON
	}
	p.i += len(w)
	if p.i >= len(p.s) {
		return nil
	}
	c := p.s[p.i]
	if c < '0' || c == ']' || c == '}' {
		return nil
	}
	r, _ := utf8.DecodeRune(p.s[p.i:])
	if javaIdentifierPart(r) {
		return ErrJSON
	}
	return nil
}

// javaIdentifierPart approximates Character.isJavaIdentifierPart.
func javaIdentifierPart(r rune) bool {
	switch {
	case r == '$' || r == '_':
		return true
	case r >= 0x7F && r <= 0x9F:
		return true // identifier-ignorable controls
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nl, unicode.Pc, unicode.Sc, unicode.Cf)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *jsonParser) number(root bool) error {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
		if p.i >= len(p.s) || !isDigit(p.s[p.i]) {
			return ErrJSON
		}
	}
	intStart := p.i
	if p.s[p.i] == '0' {
		p.i++
		if p.i < len(p.s) && isDigit(p.s[p.i]) {
			return ErrJSON // leading zeros
		}
	} else {
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
	}
	intLen := p.i - intStart
	float := false
	if p.i < len(p.s) && p.s[p.i] == '.' {
		float = true
		p.i++
		d := p.i
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
		if p.i == d {
			return ErrJSON
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		float = true
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		d := p.i
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
		if p.i == d {
			return ErrJSON
		}
	}
	text := p.s[start:p.i]
	if (!float && intLen > maxNumberLength) || (float && len(text) > maxNumberLength) {
		return ErrJSON
	}
	if root && p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\r', '\n':
		default:
			return ErrJSON
		}
	}
	return p.b.AppendJSONNumber(text, float)
}

// AppendJSONNumber appends a JSON number token's text as VariantBuilder does: an integer
// (float false) that fits a long as a long; else, without an exponent, a decimal of at
// most 38 digits and scale; else a double.
func (b *Builder) AppendJSONNumber(text []byte, float bool) error {
	if !float {
		if v, err := strconv.ParseInt(string(text), 10, 64); err == nil {
			return b.AppendLong(v)
		}
	}
	if d, ok := parseDecimal(text); ok {
		return b.AppendDecimal(d)
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return ErrJSON
	}
	return b.AppendDouble(f)
}

// parseDecimal reads digits with an optional sign and '.' as BigDecimal does, when its
// precision and scale are at most 38.
func parseDecimal(text []byte) (Dec, bool) {
	neg := false
	if len(text) > 0 && text[0] == '-' {
		neg, text = true, text[1:]
	}
	var digits [80]byte
	n, scale, dot := 0, 0, false
	for _, c := range text {
		switch {
		case c == '.':
			dot = true
		case isDigit(c):
			if n == 0 && c == '0' {
				// leading zeros carry no precision
			} else {
				if n >= len(digits) {
					return Dec{}, false
				}
				digits[n] = c
				n++
			}
			if dot {
				scale++
			}
		default:
			return Dec{}, false
		}
	}
	if max(n, 1) > maxDecimal16 || scale > maxDecimal16 {
		return Dec{}, false
	}
	if n <= 18 {
		var x int64
		for _, c := range digits[:n] {
			x = x*10 + int64(c-'0')
		}
		if neg {
			x = -x
		}
		return Dec{Hi: x >> 63, Lo: uint64(x), Scale: scale}, true
	}
	u, _ := new(big.Int).SetString(string(digits[:n]), 10)
	if neg {
		u.Neg(u)
	}
	return DecFromBig(u, scale)
}

// str reads a string after its opening quote, decoded, into p.tmp.
func (p *jsonParser) str(limit int) ([]byte, error) {
	// Fast path: plain ASCII up to the closing quote.
	j := p.i
	for j < len(p.s) {
		c := p.s[j]
		if c == '"' {
			if j-p.i > limit {
				return nil, ErrJSON
			}
			s := p.s[p.i:j]
			p.i = j + 1
			return s, nil
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			break
		}
		j++
	}
	out := append(p.tmp[:0], p.s[p.i:j]...)
	units := j - p.i // UTF-16 units so far (ASCII)
	p.i = j
	pending := rune(-1)
	flush := func() {
		if pending >= 0 {
			out = append(out, '?')
			pending = -1
		}
	}
	for {
		if p.i >= len(p.s) {
			return nil, ErrJSON
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			flush()
			if units > limit {
				return nil, ErrJSON
			}
			p.tmp = out
			return out, nil
		case c < 0x20:
			return nil, ErrJSON
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return nil, ErrJSON
			}
			e := p.s[p.i+1]
			p.i += 2
			var r rune
			switch e {
			case '"', '\\', '/':
				r = rune(e)
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			case 'u':
				if p.i+4 > len(p.s) {
					return nil, ErrJSON
				}
				for _, h := range p.s[p.i : p.i+4] {
					v, ok := hexValue(h)
					if !ok {
						return nil, ErrJSON
					}
					r = r<<4 | v
				}
				p.i += 4
			default:
				return nil, ErrJSON
			}
			units++
			switch {
			case r >= 0xD800 && r < 0xDC00:
				flush()
				pending = r
				continue
			case r >= 0xDC00 && r < 0xE000:
				if pending >= 0 {
					out = utf8.AppendRune(out, 0x10000+(pending-0xD800)<<10+(r-0xDC00))
					pending = -1
				} else {
					out = append(out, '?')
				}
				continue
			}
			flush()
			out = utf8.AppendRune(out, r)
		case c < 0x80:
			flush()
			out = append(out, c)
			p.i++
			units++
		default:
			flush()
			r, n := decodeRune(p.s[p.i:])
			if r == utf8.RuneError && !(n == 3 && string(p.s[p.i:p.i+3]) == replacementChars) {
				out = append(out, replacementChars...)
			} else {
				out = append(out, p.s[p.i:p.i+n]...)
			}
			p.i += n
			units++
			if r >= 0x10000 {
				units++
			}
		}
	}
}

func hexValue(c byte) (rune, bool) {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0'), true
	case c >= 'a' && c <= 'f':
		return rune(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return rune(c-'A') + 10, true
	}
	return 0, false
}

// decodeRune decodes one character as Java's UTF-8 decoder does: a malformed sequence
// is replaced as a whole up to its longest valid prefix (the maximal subpart), so n may
// exceed 1 for RuneError.
func decodeRune(b []byte) (rune, int) {
	r, n := utf8.DecodeRune(b)
	if r != utf8.RuneError || n > 1 || len(b) == 0 {
		return r, n
	}
	c := b[0]
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return utf8.RuneError, 1
	}
	i := 1
	for k := 0; k < need && i < len(b); k++ {
		x := b[i]
		if k == 0 && (x < lo || x > hi) || k > 0 && (x < 0x80 || x > 0xBF) {
			break
		}
		i++
	}
	return utf8.RuneError, i
}
