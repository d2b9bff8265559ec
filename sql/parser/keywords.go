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

// lookupKeyword finds the keyword spelled word, comparing as Spark's lexer
// does: each character upper-cased.
func lookupKeyword(word string) (Keyword, bool) {
	n := len(word)
	if n == 0 || n > 64 {
		return kwNone, false
	}
	// Upper-case ASCII words in a buffer on the stack: the lexer looks up
	// every word and must not allocate for it.
	var buf [24]byte
	if n <= len(buf) {
		ascii := true
		for i := 0; i < n; i++ {
			c := word[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			buf[i] = c
		}
		if ascii {
			k, ok := keywordBySpelling[string(buf[:n])]
			return k, ok
		}
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
