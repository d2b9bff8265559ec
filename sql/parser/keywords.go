package parser

import (
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

// keywordHash is an open-addressing table of the ASCII spellings of the
// keywords, hashed on their upper-case letters: the lexer looks up every
// word, which a map keyed by upper-cased strings makes slow.
var keywordHash = func() (t [1024]struct {
	word string
	kw   Keyword
}) {
	for k := Keyword(1); k < numKeywords; k++ {
		for _, w := range keywordTable[k].spellings {
			h := hashUpper(w)
			for t[h].word != "" {
				h = (h + 1) & (len(t) - 1)
			}
			t[h].word, t[h].kw = w, k
		}
	}
	return t
}()

// hashUpper hashes the upper case of an ASCII word.
func hashUpper(w string) int {
	h := uint32(0)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		h = h*31 + uint32(c)
	}
	return hashSlot(h, len(w))
}

// hashSlot maps the running hash of a word of n bytes to a table slot.
func hashSlot(h uint32, n int) int {
	h += uint32(n) * 0x9e3779b1
	return int((h ^ h>>10) & 1023)
}

// lookupKeywordHashed looks up the ASCII word whose upper case has the
// running hash h (see hashUpper).
func lookupKeywordHashed(word string, h uint32) (Keyword, bool) {
	if len(word) > 20 {
		return kwNone, false
	}
	for i := hashSlot(h, len(word)); keywordHash[i].word != ""; i = (i + 1) & (len(keywordHash) - 1) {
		if equalUpper(word, keywordHash[i].word) {
			return keywordHash[i].kw, true
		}
	}
	return kwNone, false
}

// equalUpper reports whether word upper-cased is upper (ASCII).
func equalUpper(word, upper string) bool {
	if len(word) != len(upper) {
		return false
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
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
		if n > 20 {
			return kwNone, false
		}
		for h := hashUpper(word); keywordHash[h].word != ""; h = (h + 1) & (len(keywordHash) - 1) {
			if equalUpper(word, keywordHash[h].word) {
				return keywordHash[h].kw, true
			}
		}
		return kwNone, false
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
