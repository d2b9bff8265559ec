package format

import (
	"strings"
	"unicode/utf8"
)

// isFullWidth reports whether r is in one of the BMP ranges Spark treats as
// occupying two columns on a terminal (Hangul Jamo, CJK, Hangul syllables,
// CJK compatibility ideographs and forms, full-width forms).
func isFullWidth(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F:
		return true
	case r < 0x2E80:
		return false
	case r <= 0xA4CF:
		return true
	case r < 0xAC00:
		return false
	case r <= 0xD7A3:
		return true
	case r < 0xF900:
		return false
	case r <= 0xFAFF:
		return true
	case r < 0xFE10:
		return false
	case r <= 0xFE19:
		return true
	case r < 0xFE30:
		return false
	case r <= 0xFE6F:
		return true
	case r < 0xFF00:
		return false
	case r <= 0xFF60:
		return true
	case r < 0xFFE0:
		return false
	default:
		return r <= 0xFFE6
	}
}

// HalfWidth returns the display width Spark computes for s when laying out
// show() output: the number of UTF-16 code units of s plus one for every
// full-width character. Characters outside the Basic Multilingual Plane
// count as two (their surrogate pair), never as full width.
func HalfWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r > 0xFFFF:
			n += 2
		case isFullWidth(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// JavaLength is Java's String.length() of s: its count of UTF-16 code units.
func JavaLength(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// utf16Prefix returns Java's s.substring(0, n) as it reaches the client: a
// surrogate pair cut in half leaves a lone high surrogate, which Java's
// UTF-8 encoder turns into '?'.
func utf16Prefix(s string, n int) string {
	units := 0
	for i := 0; i < len(s); {
		if units >= n {
			return s[:i]
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if units+w > n {
			return s[:i] + "?"
		}
		units += w
		i += size
	}
	return s
}

// escapeMetaCharacters replaces the control characters that would break
// the table layout by their backslash escapes, as Spark does for cells and
// column names.
func escapeMetaCharacters(s string) string {
	if !strings.ContainsAny(s, "\n\r\t\f\b\v\a") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\f':
			b.WriteString(`\f`)
		case '\b':
			b.WriteString(`\b`)
		case '\v':
			b.WriteString(`\v`)
		case '\a':
			b.WriteString(`\a`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// truncateCell applies show()'s truncation: with truncate > 0, a cell longer
// than truncate UTF-16 code units keeps its first truncate-3 units followed
// by "...", or just its first truncate units when truncate < 4.
func truncateCell(s string, truncate int) string {
	if truncate <= 0 || len(s) <= truncate || JavaLength(s) <= truncate {
		return s
	}
	if truncate < 4 {
		return utf16Prefix(s, truncate)
	}
	return utf16Prefix(s, truncate-3) + "..."
}

// javaString returns s as it looks after a round trip through a Java String (see
// AppendJavaUTF8).
func javaString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string(AppendJavaUTF8(make([]byte, 0, len(s)+8), []byte(s)))
}

// AppendJavaUTF8 appends b with each malformed sequence replaced by one U+FFFD as the
// JDK's UTF-8 decoder does: the longest prefix of a well-formed sequence is one error, a
// three-byte encoding of a surrogate is one error, any other invalid byte one error.
func AppendJavaUTF8(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		if _, size := utf8.DecodeRune(b[i:]); size > 1 {
			dst = append(dst, b[i:i+size]...)
			i += size
			continue
		}
		n := 1
		if c == 0xED && i+2 < len(b) && b[i+1] >= 0xA0 && b[i+1] <= 0xBF && b[i+2]&0xC0 == 0x80 {
			n = 3
		} else {
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
			}
			for k := 0; k < need && i+n < len(b); k++ {
				if d := b[i+n]; d < lo || d > hi {
					break
				}
				n++
				lo, hi = 0x80, 0xBF
			}
		}
		dst = append(dst, "\uFFFD"...)
		i += n
	}
	return dst
}
