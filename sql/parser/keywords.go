package parser

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Keyword flags.
const (
	// kfNonReserved: the keyword is an identifier, even a table alias, when
	// reserved keywords are not enforced (Spark's default).
	kfNonReserved uint8 = 1 << iota
	// kfStrictNonReserved: the keyword is an identifier when reserved
	// keywords are not enforced, but not a table alias (JOIN, LEFT, UNION...).
	kfStrictNonReserved
	// kfANSINonReserved: the keyword is an identifier when reserved keywords
	// are enforced (spark.sql.ansi.enforceReservedKeywords).
	kfANSINonReserved
)

type keywordInfo struct {
	name      string   // the token name in Spark's grammar
	spellings []string // the texts the lexer recognizes, upper case
	flags     uint8
}

// keywordBySpelling maps an upper-case spelling to its keyword.
var keywordBySpelling = func() map[string]Keyword {
	m := make(map[string]Keyword, numKeywords+8)
	for k := Keyword(1); k < numKeywords; k++ {
		for _, s := range keywordTable[k].spellings {
			m[s] = k
		}
	}
	return m
}()

// String returns the keyword's name in Spark's grammar (for example
// "SELECT", "RLIKE", "TEMPORARY", "BINARY_HEX").
func (k Keyword) String() string {
	if k > 0 && k < numKeywords {
		return keywordTable[k].name
	}
	return "<not a keyword>"
}

// identifier reports whether the keyword can be used as an identifier
// (Spark's identifier rule) in the given keyword mode.
func (k Keyword) identifier(ansi bool) bool {
	f := keywordTable[k].flags
	if ansi {
		return f&kfANSINonReserved != 0
	}
	return f&(kfNonReserved|kfStrictNonReserved) != 0
}

// strictIdentifier reports whether the keyword can be used where Spark's
// strictIdentifier rule is required (table aliases).
func (k Keyword) strictIdentifier(ansi bool) bool {
	f := keywordTable[k].flags
	if ansi {
		return f&kfANSINonReserved != 0
	}
	return f&kfNonReserved != 0
}

// KeywordInfo describes one SQL keyword.
type KeywordInfo struct {
	// Word is the keyword as written (SELECT, REGEXP, TEMP, MINUS, ...).
	Word string
	// Reserved reports whether the keyword is reserved when
	// spark.sql.ansi.enforceReservedKeywords is on: it can then not be
	// used as an identifier.
	Reserved bool
	// StrictNonReserved reports whether, in the default mode, the keyword
	// can be an identifier but not a table alias.
	StrictNonReserved bool
}

// Keywords returns all keywords recognized by the lexer, one entry per
// spelling, in the order of Spark's keyword list.
func Keywords() []KeywordInfo {
	var out []KeywordInfo
	for k := Keyword(1); k < numKeywords; k++ {
		info := keywordTable[k]
		for _, s := range info.spellings {
			out = append(out, KeywordInfo{
				Word:              s,
				Reserved:          info.flags&kfANSINonReserved == 0,
				StrictNonReserved: info.flags&kfStrictNonReserved != 0,
			})
		}
	}
	return out
}

// IsKeyword reports whether word (in any case) is an SQL keyword.
func IsKeyword(word string) bool {
	_, ok := lookupKeyword(word)
	return ok
}

// IsReservedKeyword reports whether word is a keyword that cannot be used
// as an identifier. With ansi false (Spark's default) no keyword is fully
// reserved; with ansi true (spark.sql.ansi.enforceReservedKeywords) the
// ANSI reserved words are.
func IsReservedKeyword(word string, ansi bool) bool {
	k, ok := lookupKeyword(word)
	return ok && !k.identifier(ansi)
}

// Words are compared and hashed eight bytes at a time. The canonical form
// of a byte of a word (an ASCII letter, digit or underscore) is the byte
// with bit 0x20 cleared: that maps both cases of a letter to the upper
// case and no two other such bytes to the same value.
const (
	bytesOnes  = 0x0101010101010101
	bytesHighs = 0x8080808080808080
	bit20      = 0x20 * bytesOnes
	// maxKeywordLen bounds the length of keyword spellings: three words
	// of eight bytes hold them.
	maxKeywordLen = 24
)

// wordChunks holds the canonical bytes of a word of at most maxKeywordLen
// bytes, little-endian, zero beyond its end.
type wordChunks [3]uint64

// wordBytes returns, in the high bit of each byte of x, whether that byte
// is an ASCII letter, digit or underscore.
func wordBytes(x uint64) uint64 {
	// Range tests on 7-bit bytes: b + (0x80-lo) has its high bit set iff
	// b >= lo, without carrying into the next byte.
	x7 := x &^ bytesHighs
	f := x7 | bit20 // letters in lower case
	letter := (f + (0x80-'a')*bytesOnes) &^ (f + (0x7f-'z')*bytesOnes)
	digit := (x7 + (0x80-'0')*bytesOnes) &^ (x7 + (0x7f-'9')*bytesOnes)
	under := ^((x7 ^ '_'*bytesOnes) + 0x7f*bytesOnes)
	return (letter | digit | under) & bytesHighs &^ x
}

// loadTail returns the bytes of s from i, fewer than eight, little-endian,
// padded with zero bytes.
func loadTail(s string, i int) uint64 {
	var x uint64
	for k := 0; i+k < len(s); k++ {
		x |= uint64(s[i+k]) << (8 * k)
	}
	return x
}

// scanWordChunks returns the end of the word of ASCII letters, digits and
// underscores at i and sets c to its canonical chunks if it has at most
// maxKeywordLen bytes (c must be zero).
func scanWordChunks(s string, i int, c *wordChunks) int {
	for k := 0; ; k++ {
		var x uint64
		if i+8 <= len(s) {
			b := s[i : i+8]
			x = uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		} else {
			x = loadTail(s, i)
		}
		n := bits.TrailingZeros64(^wordBytes(x)&bytesHighs) >> 3
		i += n
		if n < 8 {
			if k < len(c) {
				c[k] = x & (1<<(8*n) - 1) &^ bit20
			}
			return i
		}
		if k < len(c) {
			c[k] = x &^ bit20
		}
	}
}

// slot returns the first slot of keywordSlots to probe for a word of n
// bytes with chunks c. Only the first chunk is hashed: the few keywords
// that share their first eight bytes and their length are told apart by
// probing.
func (c *wordChunks) slot(n int) int {
	return int((c[0] + uint64(n)) * 0x9e3779b97f4a7c15 >> (64 - slotBits))
}

// keywordSlots is an open-addressing table of the ASCII spellings of the
// keywords: the index of the spelling in keywordSpellings (whose entry 0
// is unused), 0 for an empty slot. The lexer looks up every word, which a
// map keyed by upper-cased strings makes slow.
var keywordSpellings, keywordSlots = func() (e []keywordSpelling, t [slotMask + 1]uint16) {
	e = append(e, keywordSpelling{})
	for k := Keyword(1); k < numKeywords; k++ {
		for _, w := range keywordTable[k].spellings {
			var c wordChunks
			if scanWordChunks(w, 0, &c) != len(w) || len(w) > maxKeywordLen {
				panic("keyword spelling " + w + " is not a word of at most 24 bytes")
			}
			i := c.slot(len(w))
			for t[i] != 0 {
				i = (i + 1) & slotMask
			}
			t[i] = uint16(len(e))
			e = append(e, keywordSpelling{c: c, n: len(w), kw: k})
		}
	}
	return e, t
}()

// keywordSlots has 1<<slotBits slots.
const (
	slotBits = 11
	slotMask = 1<<slotBits - 1
)

type keywordSpelling struct {
	c  wordChunks
	n  int
	kw Keyword
}

// lookupWord finds the keyword of the word of n ASCII letters, digits and
// underscores with chunks c.
func lookupWord(c *wordChunks, n int) (Keyword, bool) {
	if n > maxKeywordLen {
		return kwNone, false
	}
	for i := c.slot(n); keywordSlots[i] != 0; i = (i + 1) & slotMask {
		if e := &keywordSpellings[keywordSlots[i]]; e.c == *c && e.n == n {
			return e.kw, true
		}
	}
	return kwNone, false
}

// lookupKeyword finds the keyword spelled word, comparing as Spark's lexer
// does: each character upper-cased.
func lookupKeyword(word string) (Keyword, bool) {
	n := len(word)
	if n == 0 || n > 64 {
		return kwNone, false
	}
	ascii := true
	for i := 0; i < n; i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		var c wordChunks
		if scanWordChunks(word, 0, &c) != n {
			// Keywords have only letters, digits and underscores.
			return kwNone, false
		}
		return lookupWord(&c, n)
	}
	// Characters such as U+017F (long s) upper-case to ASCII letters.
	k, ok := keywordBySpelling[upper(word)]
	return k, ok
}

// upper upper-cases s character by character, like the upper-case stream
// Spark's lexer reads from.
func upper(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
