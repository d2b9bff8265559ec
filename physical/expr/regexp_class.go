package expr

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// runeSet is a set of code points as sorted, disjoint, non-adjacent ranges [lo, hi]: the
// value of a java.util.regex character class, computed exactly (unions, intersections,
// negations, case folding) so that both engines get a plain list of ranges.
type runeSet []rune // lo0, hi0, lo1, hi1, ...

const maxRune = unicode.MaxRune

func singleRune(r rune) runeSet     { return runeSet{r, r} }
func runeRange(lo, hi rune) runeSet { return runeSet{lo, hi} }

// setOf builds a set from unsorted, possibly overlapping ranges.
func setOf(ranges ...rune) runeSet {
	type rng struct{ lo, hi rune }
	rs := make([]rng, 0, len(ranges)/2)
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= ranges[i+1] {
			rs = append(rs, rng{ranges[i], ranges[i+1]})
		}
	}
	slices.SortFunc(rs, func(a, b rng) int { return int(a.lo - b.lo) })
	out := make(runeSet, 0, 2*len(rs))
	for _, r := range rs {
		if n := len(out); n > 0 && r.lo <= out[n-1]+1 {
			out[n-1] = max(out[n-1], r.hi)
			continue
		}
		out = append(out, r.lo, r.hi)
	}
	return out
}

func (s runeSet) union(t runeSet) runeSet {
	return setOf(append(slices.Clone(s), t...)...)
}

func (s runeSet) negate() runeSet {
	out := make(runeSet, 0, len(s)+2)
	next := rune(0)
	for i := 0; i < len(s); i += 2 {
		if s[i] > next {
			out = append(out, next, s[i]-1)
		}
		next = s[i+1] + 1
	}
	if next <= maxRune {
		out = append(out, next, maxRune)
	}
	return out
}

func (s runeSet) intersect(t runeSet) runeSet {
	return s.negate().union(t.negate()).negate()
}

func (s runeSet) contains(r rune) bool {
	for i := 0; i < len(s); i += 2 {
		if r < s[i] {
			return false
		}
		if r <= s[i+1] {
			return true
		}
	}
	return false
}

// single reports the one rune of a one-rune set.
func (s runeSet) single() (rune, bool) {
	if len(s) == 2 && s[0] == s[1] {
		return s[0], true
	}
	return 0, false
}

// foldCase adds the case variants of the set's letters: ASCII ones only, as
// java.util.regex's CASE_INSENSITIVE does, or all of Unicode's simple case foldings with
// UNICODE_CASE.
func (s runeSet) foldCase(unicodeCase bool) runeSet {
	var extra []rune
	for i := 0; i < len(s); i += 2 {
		lo, hi := s[i], s[i+1]
		if !unicodeCase {
			// The ASCII letters of the range, moved to the other case.
			if a, b := max(lo, 'a'), min(hi, 'z'); a <= b {
				extra = append(extra, a-32, b-32)
			}
			if a, b := max(lo, 'A'), min(hi, 'Z'); a <= b {
				extra = append(extra, a+32, b+32)
			}
			continue
		}
		// Only the runes with other cases have anything to add.
		cased := casedRunes()
		for k := 0; k < len(cased); k += 2 {
			a, b := max(lo, cased[k]), min(hi, cased[k+1])
			for r := a; r <= b; r++ {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					extra = append(extra, f, f)
				}
			}
		}
	}
	if len(extra) == 0 {
		return s
	}
	return s.union(setOf(extra...))
}

// casedRunes are the runes with a simple case folding to another rune.
var casedRunes = sync.OnceValue(func() runeSet {
	var rs []rune
	for r := rune(0); r <= maxRune; r++ {
		if unicode.SimpleFold(r) != r {
			rs = append(rs, r, r)
		}
	}
	return setOf(rs...)
})

func tableSet(tabs ...*unicode.RangeTable) runeSet {
	var rs []rune
	for _, t := range tabs {
		for _, r := range t.R16 {
			if r.Stride == 1 {
				rs = append(rs, rune(r.Lo), rune(r.Hi))
				continue
			}
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				rs = append(rs, c, c)
			}
		}
		for _, r := range t.R32 {
			if r.Stride == 1 {
				rs = append(rs, rune(r.Lo), rune(r.Hi))
				continue
			}
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				rs = append(rs, c, c)
			}
		}
	}
	return setOf(rs...)
}

// The predefined classes of java.util.regex.
var (
	asciiDigit = runeRange('0', '9')
	asciiWord  = setOf('a', 'z', 'A', 'Z', '0', '9', '_', '_')
	asciiSpace = setOf(' ', ' ', '\t', '\r') // \t \n \x0B \f \r
	horizWS    = setOf(' ', ' ', '\t', '\t', 0xA0, 0xA0, 0x1680, 0x1680, 0x180e, 0x180e,
		0x2000, 0x200a, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000)
	vertWS = setOf('\n', '\r', 0x85, 0x85, 0x2028, 0x2029)
	// lineTerminators are what '.' does not match (without DOTALL) and \R matches alone.
	lineTerminators = setOf('\n', '\n', '\r', '\r', 0x85, 0x85, 0x2028, 0x2029)
	allRunes        = runeRange(0, maxRune)
)

// unicodeDigit, unicodeSpace and unicodeWord are \d, \s and \w under
// UNICODE_CHARACTER_CLASS ((?U)).
func unicodeDigit() runeSet { return tableSet(unicode.Nd) }
func unicodeSpace() runeSet { return tableSet(unicode.White_Space) }
func unicodeWord() runeSet {
	return alphabetic().union(tableSet(unicode.Mn, unicode.Me, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Join_Control))
}

func alphabetic() runeSet {
	return tableSet(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl, unicode.Other_Alphabetic)
}

func assigned() runeSet {
	var tabs []*unicode.RangeTable
	for _, name := range []string{"L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co", "Cs"} {
		tabs = append(tabs, unicode.Categories[name])
	}
	return tableSet(tabs...)
}

// posixASCII are the POSIX classes of \p{name}, ASCII-only without (?U).
var posixASCII = map[string]runeSet{
	"Lower":  runeRange('a', 'z'),
	"Upper":  runeRange('A', 'Z'),
	"ASCII":  runeRange(0, 0x7F),
	"Alpha":  setOf('a', 'z', 'A', 'Z'),
	"Digit":  asciiDigit,
	"Alnum":  setOf('a', 'z', 'A', 'Z', '0', '9'),
	"Punct":  setOf('!', '/', ':', '@', '[', '`', '{', '~'),
	"Graph":  runeRange('!', '~'),
	"Print":  runeRange(' ', '~'),
	"Blank":  setOf(' ', ' ', '\t', '\t'),
	"Cntrl":  setOf(0, 0x1F, 0x7F, 0x7F),
	"XDigit": setOf('0', '9', 'a', 'f', 'A', 'F'),
	"Space":  asciiSpace,
}

// posixUnicode is a POSIX class under UNICODE_CHARACTER_CLASS (Java's forPOSIXName).
func posixUnicode(name string) (runeSet, bool) {
	switch strings.ToUpper(name) {
	case "ALPHA":
		return alphabetic(), true
	case "LOWER":
		return tableSet(unicode.Ll, unicode.Other_Lowercase), true
	case "UPPER":
		return tableSet(unicode.Lu, unicode.Other_Uppercase), true
	case "SPACE":
		return unicodeSpace(), true
	case "PUNCT":
		return tableSet(unicode.P), true
	case "XDIGIT":
		return tableSet(unicode.Nd, unicode.Hex_Digit), true
	case "ALNUM":
		return alphabetic().union(tableSet(unicode.Nd)), true
	case "CNTRL":
		return tableSet(unicode.Cc), true
	case "DIGIT":
		return unicodeDigit(), true
	case "BLANK":
		return tableSet(unicode.Zs).union(singleRune('\t')), true
	case "GRAPH":
		return unicodeSpace().union(tableSet(unicode.Cc, unicode.Cs)).union(assigned().negate()).negate(), true
	case "PRINT":
		graph, _ := posixUnicode("GRAPH")
		blank, _ := posixUnicode("BLANK")
		return graph.union(blank).intersect(tableSet(unicode.Cc).negate()), true
	}
	return nil, false
}

// unicodeProperty is \p{IsName} for a binary property (Java's forUnicodeProperty).
func unicodeProperty(name string) (runeSet, bool) {
	switch strings.ToUpper(name) {
	case "ALPHABETIC":
		return alphabetic(), true
	case "ASSIGNED":
		return assigned(), true
	case "CONTROL":
		return tableSet(unicode.Cc), true
	case "HEXDIGIT", "HEX_DIGIT":
		return tableSet(unicode.Nd, unicode.Hex_Digit), true
	case "IDEOGRAPHIC":
		return tableSet(unicode.Ideographic), true
	case "JOINCONTROL", "JOIN_CONTROL":
		return tableSet(unicode.Join_Control), true
	case "LETTER":
		return tableSet(unicode.L), true
	case "LOWERCASE":
		return tableSet(unicode.Ll, unicode.Other_Lowercase), true
	case "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT":
		return tableSet(unicode.Noncharacter_Code_Point), true
	case "TITLECASE":
		return tableSet(unicode.Lt), true
	case "PUNCTUATION":
		return tableSet(unicode.P), true
	case "UPPERCASE":
		return tableSet(unicode.Lu, unicode.Other_Uppercase), true
	case "WHITESPACE", "WHITE_SPACE":
		return unicodeSpace(), true
	case "WORD":
		return unicodeWord(), true
	case "ALNUM", "BLANK", "GRAPH", "PRINT":
		return posixUnicode(name)
	}
	return nil, false
}

// javaIgnorable is Character.isIdentifierIgnorable.
func javaIgnorable() runeSet {
	return setOf(0, 8, 0xE, 0x1B, 0x7F, 0x9F).union(tableSet(unicode.Cf))
}

// categoryOrJava is \p{name} for a general category or a java.lang.Character class
// (Java's forProperty); caseInsensitive widens the case classes as Java does.
func categoryOrJava(name string, caseInsensitive bool) (runeSet, bool) {
	if caseInsensitive {
		switch name {
		case "Lu", "Ll", "Lt", "LC", "javaLowerCase", "javaUpperCase", "javaTitleCase":
			return tableSet(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase), true
		case "Lower", "Upper":
			return posixASCII["Alpha"], true
		}
	}
	if s, ok := posixASCII[name]; ok {
		return s, true
	}
	switch name {
	case "Cn":
		return assigned().negate(), true
	case "C":
		return tableSet(unicode.C).union(assigned().negate()), true
	case "LC":
		return tableSet(unicode.Lu, unicode.Ll, unicode.Lt), true
	case "LD":
		return tableSet(unicode.L, unicode.Nd), true
	case "L1":
		return runeRange(0, 0xFF), true
	case "all":
		return allRunes, true
	case "javaLowerCase":
		return tableSet(unicode.Ll, unicode.Other_Lowercase), true
	case "javaUpperCase":
		return tableSet(unicode.Lu, unicode.Other_Uppercase), true
	case "javaAlphabetic":
		return alphabetic(), true
	case "javaIdeographic":
		return tableSet(unicode.Ideographic), true
	case "javaTitleCase":
		return tableSet(unicode.Lt), true
	case "javaDigit":
		return tableSet(unicode.Nd), true
	case "javaDefined":
		return assigned(), true
	case "javaLetter":
		return tableSet(unicode.L), true
	case "javaLetterOrDigit":
		return tableSet(unicode.L, unicode.Nd), true
	case "javaJavaIdentifierStart":
		return tableSet(unicode.L, unicode.Nl, unicode.Sc, unicode.Pc), true
	case "javaJavaIdentifierPart":
		return tableSet(unicode.L, unicode.Nl, unicode.Sc, unicode.Pc, unicode.Nd, unicode.Mn, unicode.Mc).union(javaIgnorable()), true
	case "javaUnicodeIdentifierStart":
		return tableSet(unicode.L, unicode.Nl, unicode.Other_ID_Start), true
	case "javaUnicodeIdentifierPart":
		return tableSet(unicode.L, unicode.Nl, unicode.Other_ID_Start, unicode.Pc, unicode.Nd, unicode.Mn, unicode.Mc).union(javaIgnorable()), true
	case "javaIdentifierIgnorable":
		return javaIgnorable(), true
	case "javaSpaceChar":
		return tableSet(unicode.Zs, unicode.Zl, unicode.Zp), true
	case "javaWhitespace":
		return tableSet(unicode.Zs, unicode.Zl, unicode.Zp).intersect(setOf(0xA0, 0xA0, 0x2007, 0x2007, 0x202F, 0x202F).negate()).
			union(setOf('\t', '\r', 0x1C, 0x1F)), true
	case "javaISOControl":
		return setOf(0, 0x1F, 0x7F, 0x9F), true
	}
	if t, ok := unicode.Categories[name]; ok && len(name) <= 2 {
		return tableSet(t), true
	}
	return nil, false
}

// unicodeScript is a script by any spelling Character.UnicodeScript.forName accepts
// (case and underscores aside).
func unicodeScript(name string) (runeSet, bool) {
	key := strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
	for n, t := range unicode.Scripts {
		if strings.ToUpper(n) == key {
			return tableSet(t), true
		}
	}
	return nil, false
}
