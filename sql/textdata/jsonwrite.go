package textdata

import (
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// AppendQuoted appends s as a JSON string the way Jackson's generator escapes it: quote,
// backslash and control characters (\b \t \n \f \r, else \u00XX with upper-case hex);
// everything else, non-ASCII included, is written as is.
func AppendQuoted(dst, s []byte) []byte {
	dst = append(dst, '"')
	dst = AppendEscaped(dst, s)
	return append(dst, '"')
}

const upperHex = "0123456789ABCDEF"

// AppendEscaped is AppendQuoted without the quotes.
func AppendEscaped(dst, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', upperHex[c>>4], upperHex[c&15])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// Copier writes parsed values back as Jackson's compact generator does in
// copyCurrentStructure: no blanks, strings re-escaped, integers in canonical form and
// floating-point numbers as the double they denote.
type Copier struct {
	// AppendDouble formats a double as Java's Double.toString (the caller supplies it).
	AppendDouble func(dst []byte, f float64) []byte
	// ParseDouble reads a JSON number's text as Java's Double.parseDouble.
	ParseDouble func(s []byte) (float64, bool)
}

// Append writes node i of p.
func (c *Copier) Append(dst []byte, p *Parser, i int32) []byte {
	n := &p.nodes[i]
	switch n.Kind {
	case Null:
		return append(dst, "null"...)
	case True:
		return append(dst, "true"...)
	case False:
		return append(dst, "false"...)
	case String:
		return AppendQuoted(dst, p.Text(n))
	case Int:
		return AppendCanonicalInt(dst, p.Text(n))
	case Float:
		f, ok := FloatValue(p.Text(n), c.ParseDouble)
		if !ok {
			return append(dst, p.Text(n)...)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			// Jackson writes NaN and the infinities as strings.
			dst = append(dst, '"')
			dst = c.AppendDouble(dst, f)
			return append(dst, '"')
		}
		return c.AppendDouble(dst, f)
	case Object:
		dst = append(dst, '{')
		for k := n.First; k >= 0; k = p.nodes[k].Next {
			if k != n.First {
				dst = append(dst, ',')
			}
			dst = AppendQuoted(dst, p.Key(&p.nodes[k]))
			dst = append(dst, ':')
			dst = c.Append(dst, p, k)
		}
		return append(dst, '}')
	case Array:
		dst = append(dst, '[')
		for k := n.First; k >= 0; k = p.nodes[k].Next {
			if k != n.First {
				dst = append(dst, ',')
			}
			dst = c.Append(dst, p, k)
		}
		return append(dst, ']')
	}
	return dst
}

// AppendCanonicalInt writes an integer's text without a sign on zero (leading zeros are
// already gone).
func AppendCanonicalInt(dst, s []byte) []byte {
	if len(s) == 2 && s[0] == '-' && s[1] == '0' {
		return append(dst, '0')
	}
	return append(dst, s...)
}

// FloatValue is the double a Float token denotes: NaN and the infinities by name, else the
// parsed number.
func FloatValue(s []byte, parse func([]byte) (float64, bool)) (float64, bool) {
	switch string(s) {
	case "NaN":
		return math.NaN(), true
	case "Infinity", "+Infinity", "INF", "+INF":
		return math.Inf(1), true
	case "-Infinity", "-INF":
		return math.Inf(-1), true
	}
	return parse(s)
}

// IsNonNumeric reports whether a Float token is NaN or an infinity written by name.
func IsNonNumeric(s []byte) bool {
	t := strings.TrimLeft(string(s), "+-")
	return t == "NaN" || t == "Infinity" || t == "INF"
}

// AppendQuotedASCII is AppendQuoted with every character beyond ASCII escaped as \uXXXX
// (UTF-16 code units), as Jackson writes with setHighestNonEscapedChar(0x7F) (to_json's
// writeNonAsciiCharacterAsCodePoint option). Invalid UTF-8 bytes become U+FFFD.
func AppendQuotedASCII(dst, s []byte) []byte {
	dst = append(dst, '"')
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] < utf8.RuneSelf {
			i++
		}
		dst = AppendEscaped(dst, s[:i])
		s = s[i:]
		if len(s) == 0 {
			break
		}
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		units := [2]rune{r, 0}
		k := 1
		if r >= 0x10000 {
			units[0], units[1] = utf16.EncodeRune(r)
			k = 2
		}
		for _, u := range units[:k] {
			dst = append(dst, '\\', 'u', upperHex[u>>12&15], upperHex[u>>8&15], upperHex[u>>4&15], upperHex[u&15])
		}
	}
	return append(dst, '"')
}
