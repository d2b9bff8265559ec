package types

import (
	"strings"
	"unicode"
)

// The lexer reproduces the parts of Spark's SqlBaseLexer that type strings meet: words
// (keywords and identifiers, matched case-insensitively), back-quoted identifiers, string
// and numeric literals, operators, and the hidden white space and comments. Positions are
// counted in Unicode code points, lines split at '\n', as ANTLR does.

type tokKind uint8

const (
	tkEOF        tokKind = iota
	tkWord               // a keyword or an IDENTIFIER
	tkBackquoted         // BACKQUOTED_IDENTIFIER
	tkString             // STRING_LITERAL or DOUBLEQUOTED_STRING
	tkInteger            // INTEGER_VALUE
	tkNumber             // any other numeric literal
	tkLT
	tkGT
	tkNEQ // '<>'
	tkComma
	tkColon
	tkLParen
	tkRParen
	tkDot
	tkMinus
	tkBang
	tkOther // other operators and unrecognised characters
)

type token struct {
	kind  tokKind
	text  string // the source text
	upper string // upper-cased text of words, for keyword matching
	start int    // code-point index of the first character
	line  int    // 1-based
	col   int    // 0-based code-point position in the line
}

type lexed struct {
	toks []token
	// unclosed is the index in runes of an unclosed bracketed comment, or -1.
	unclosed     int
	unclosedLine int
	unclosedCol  int
}

// isWS is the lexer's WS rule.
func isWS(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '\u000B', '\u00A0', '\u1680', '\u2028', '\u202F', '\u205F', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200A'
}

// isLetter is the lexer's UNICODE_LETTER, tested on the upper-cased character as the
// upper-casing char stream presents it.
func isLetter(r rune) bool { return unicode.IsLetter(unicode.ToUpper(r)) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isWordChar(r rune) bool { return isLetter(r) || isDigit(r) || r == '_' }

// operators, longest first; ">>" and ">>>" only exist outside complex types.
var operators = []string{
	"<=>", ">>>", "/*+",
	"<>", "<=", "<<", ">=", ">>", "!=", "!<", "!>", "==", "=>", "::", "->", "||", "|>", "*/",
	"<", ">", "=", "!", ":", "-", "+", "*", "/", "%", "~", "&", "|", "^", "?", ";", "(", ")", ",", ".", "[", "]",
}

func lex(input string) lexed {
	rs := []rune(input)
	n := len(rs)
	out := lexed{unclosed: -1}
	line, col := 1, 0
	// advance moves the position over rs[i:j].
	advance := func(i, j int) {
		for k := i; k < j; k++ {
			if rs[k] == '\n' {
				line++
				col = 0
			} else {
				col++
			}
		}
	}
	complexLevel := 0
	at := func(i int) rune {
		if i < n {
			return rs[i]
		}
		return -1
	}
	emit := func(kind tokKind, i, j int) {
		t := token{kind: kind, text: string(rs[i:j]), start: i, line: line, col: col}
		if kind == tkWord {
			t.upper = strings.Map(unicode.ToUpper, t.text)
			switch t.upper {
			case "ARRAY", "MAP", "STRUCT":
				complexLevel++
			}
		}
		if kind == tkGT && complexLevel > 0 {
			complexLevel--
		}
		out.toks = append(out.toks, t)
		advance(i, j)
	}
	i := 0
	for i < n {
		c := rs[i]
		switch {
		case isWS(c):
			j := i + 1
			for j < n && isWS(rs[j]) {
				j++
			}
			advance(i, j)
			i = j
			continue

		case c == '-' && at(i+1) == '-':
			j := i + 2
			for j < n {
				if rs[j] == '\\' && at(j+1) == '\n' {
					j += 2
					continue
				}
				if rs[j] == '\r' || rs[j] == '\n' {
					break
				}
				j++
			}
			if at(j) == '\r' {
				j++
			}
			if at(j) == '\n' {
				j++
			}
			advance(i, j)
			i = j
			continue

		case c == '/' && at(i+1) == '*' && at(i+2) != '+':
			j, depth := i+2, 1
			for j < n && depth > 0 {
				switch {
				case rs[j] == '/' && at(j+1) == '*' && at(j+2) != '+':
					depth++
					j += 2
				case rs[j] == '*' && at(j+1) == '/':
					depth--
					j += 2
				default:
					j++
				}
			}
			if depth > 0 {
				out.unclosed, out.unclosedLine, out.unclosedCol = i, line, col
			}
			advance(i, j)
			i = j
			continue

		case c == '\'' || c == '"':
			if j := scanQuoted(rs, i+1, c, true); j > 0 {
				emit(tkString, i, j)
				i = j
			} else {
				emit(tkOther, i, i+1)
				i++
			}
			continue

		case c == '`':
			j := i + 1
			closed := false
			for j < n {
				if rs[j] == '`' {
					if at(j+1) == '`' {
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				j++
			}
			if closed {
				emit(tkBackquoted, i, j)
				i = j
			} else {
				emit(tkOther, i, i+1)
				i++
			}
			continue

		case (c == 'r' || c == 'R') && (at(i+1) == '\'' || at(i+1) == '"'):
			if j := scanQuoted(rs, i+2, rs[i+1], false); j > 0 {
				emit(tkString, i, j)
				i = j
				continue
			}

		case c == '.' && isDigit(at(i+1)):
			kind, j := scanNumber(rs, i)
			emit(kind, i, j)
			i = j
			continue
		}

		if isWordChar(c) {
			w := i
			for w < n && isWordChar(rs[w]) {
				w++
			}
			if isDigit(c) {
				if kind, j := scanNumber(rs, i); j >= w {
					emit(kind, i, j)
					i = j
					continue
				}
			} else if j := scanURI(rs, i); j > w {
				emit(tkWord, i, j)
				i = j
				continue
			}
			emit(tkWord, i, w)
			i = w
			continue
		}

		kind, l := tkOther, 1
		for _, op := range operators {
			if !hasRunePrefix(rs[i:], op) {
				continue
			}
			if (op == ">>" || op == ">>>") && complexLevel > 0 {
				continue
			}
			l = len([]rune(op))
			switch op {
			case "<":
				kind = tkLT
			case ">":
				kind = tkGT
			case "<>":
				kind = tkNEQ
			case ",":
				kind = tkComma
			case ":":
				kind = tkColon
			case "(":
				kind = tkLParen
			case ")":
				kind = tkRParen
			case ".":
				kind = tkDot
			case "-":
				kind = tkMinus
			case "!":
				kind = tkBang
			}
			break
		}
		emit(kind, i, i+l)
		i += l
	}
	out.toks = append(out.toks, token{kind: tkEOF, text: "<EOF>", start: n, line: line, col: col})
	return out
}

func hasRunePrefix(rs []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// scanQuoted scans a quoted literal whose opening quote precedes i, returning the index
// after the closing quote or -1 when it is not closed. With escapes, a backslash escapes
// the next character.
func scanQuoted(rs []rune, i int, quote rune, escapes bool) int {
	for i < len(rs) {
		switch {
		case escapes && rs[i] == '\\':
			i += 2
		case rs[i] == quote:
			return i + 1
		default:
			i++
		}
	}
	return -1
}

// scanURI matches the second IDENTIFIER alternative, UNICODE_LETTER+ '://' followed by
// URI characters, returning its end or -1.
func scanURI(rs []rune, i int) int {
	j := i
	for j < len(rs) && isLetter(rs[j]) {
		j++
	}
	if j == i || !hasRunePrefix(rs[j:], "://") {
		return -1
	}
	j += 3
	k := j
	for k < len(rs) && (isWordChar(rs[k]) || strings.ContainsRune("/-.?=&#%", rs[k])) {
		k++
	}
	if k == j {
		return -1
	}
	return k
}

// scanNumber finds the longest numeric literal at i (which starts with a digit, or a dot
// and a digit), returning its kind and end.
func scanNumber(rs []rune, i int) (tokKind, int) {
	n := len(rs)
	up := func(k int) rune {
		if k < n {
			return unicode.ToUpper(rs[k])
		}
		return -1
	}
	digits := func(k int) int {
		for k < n && isDigit(rs[k]) {
			k++
		}
		return k
	}
	exponent := func(k int) int { // 'E' [+-]? DIGIT+, returns end or -1
		if up(k) != 'E' {
			return -1
		}
		k++
		if k < n && (rs[k] == '+' || rs[k] == '-') {
			k++
		}
		if e := digits(k); e > k {
			return e
		}
		return -1
	}
	validDecimal := func(k int) bool { // isValidDecimal: next char not A-Z, 0-9, '_'
		c := up(k)
		return !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
	}
	suffix := func(k int) int { // 'F' | 'D' | 'BD', returns end or -1
		switch up(k) {
		case 'F', 'D':
			return k + 1
		case 'B':
			if up(k+1) == 'D' {
				return k + 2
			}
		}
		return -1
	}
	bestKind, best := tkOther, i+1
	consider := func(kind tokKind, end int) {
		if end > best || (end == best && bestKind == tkOther) {
			bestKind, best = kind, end
		}
	}
	intEnd := digits(i)
	if intEnd > i {
		consider(tkInteger, intEnd)
		switch up(intEnd) {
		case 'L', 'S', 'Y':
			consider(tkNumber, intEnd+1)
		}
		if s := suffix(intEnd); s > 0 {
			consider(tkNumber, s)
		}
		if e := exponent(intEnd); e > 0 {
			consider(tkNumber, e)
			if s := suffix(e); s > 0 {
				consider(tkNumber, s)
			}
		}
	}
	// DECIMAL_DIGITS: DIGIT+ '.' DIGIT* | '.' DIGIT+
	if at := intEnd; at < n && rs[at] == '.' && (intEnd > i || (at+1 < n && isDigit(rs[at+1]))) {
		dd := digits(at + 1)
		if validDecimal(dd) {
			consider(tkNumber, dd)
		}
		if e := exponent(dd); e > 0 {
			if validDecimal(e) {
				consider(tkNumber, e)
			}
			if s := suffix(e); s > 0 && validDecimal(s) {
				consider(tkNumber, s)
			}
		}
		if s := suffix(dd); s > 0 && validDecimal(s) {
			consider(tkNumber, s)
		}
	}
	if bestKind == tkOther && rs[i] == '.' {
		return tkDot, i + 1
	}
	return bestKind, best
}

// errorDisplay is ANTLR's getTokenErrorDisplay as Spark adapts it: the quoted token text
// with \n, \r and \t escaped, and "end of input" for EOF.
func (t token) errorDisplay() string {
	if t.kind == tkEOF {
		return "end of input"
	}
	s := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(t.text)
	return "'" + s + "'"
}
