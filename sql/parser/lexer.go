package parser

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sailgo/sail/sql/ast"
)

// Scanner splits SQL text into tokens following the rules of Spark's SQL
// lexer: keywords and literal suffixes are matched case-insensitively, the
// longest match wins and ties go to the rule listed first in Spark's
// grammar. Whitespace and comments are skipped; a hint opener "/*+" and a
// "*/" outside comments are tokens. The scanner never fails: a character
// no rule matches becomes an Unrecognized token.
type Scanner struct {
	src string
	off int // current byte offset

	// cursor for positions: the position of byte offset curOff.
	curOff  int
	curLine int
	curCol  int

	// complexDepth counts ARRAY/MAP/STRUCT keywords not yet closed by '>'.
	// While it is positive, ">>" and ">>>" are not shift operators (Spark's
	// lexer does the same, so that MAP<INT, ARRAY<INT>> lexes).
	complexDepth int

	unclosed    bool
	unclosedPos ast.Pos
	unclosedEnd ast.Pos

	// simple is set by scanToken when the token is ASCII on one line, so
	// that its end position follows from its start.
	simple bool
}

// NewScanner returns a scanner for src.
func NewScanner(src string) *Scanner {
	return &Scanner{src: src, curLine: 1, curCol: 1}
}

// Text returns the source text of token t.
func (s *Scanner) Text(t Token) string { return tokenText(s.src, &t) }

// tokenText returns the text of token t of src.
func tokenText(src string, t *Token) string {
	if t.Pos.Offset < 0 || t.End.Offset > len(src) || t.Pos.Offset > t.End.Offset {
		return ""
	}
	return src[t.Pos.Offset:t.End.Offset]
}

// UnclosedComment reports whether the text ended inside a bracketed
// comment, and where that comment started. Spark reports this as
// UNCLOSED_BRACKETED_COMMENT once the statement otherwise parses.
func (s *Scanner) UnclosedComment() (start ast.Pos, ok bool) {
	return s.unclosedPos, s.unclosed
}

// Tokenize returns all tokens of src, ending with an EOF token.
func Tokenize(src string) []Token {
	return NewScanner(src).scanAll(make([]Token, 0, len(src)/4+16))
}

// posAt returns the position of byte offset off, which must not be before
// the offset of the previous call.
func (s *Scanner) posAt(off int) ast.Pos {
	if off < s.curOff {
		// Not expected; recompute from the start.
		s.curOff, s.curLine, s.curCol = 0, 1, 1
	}
	src, cur, line, col := s.src, s.curOff, s.curLine, s.curCol
	for cur < off {
		c := src[cur]
		if c < utf8.RuneSelf {
			cur++
			if c == '\n' {
				line++
				col = 1
			} else {
				col++
			}
			continue
		}
		_, w := utf8.DecodeRuneInString(src[cur:])
		if cur+w > off {
			w = off - cur
		}
		cur += w
		col++
	}
	s.curOff, s.curLine, s.curCol = cur, line, col
	return ast.Pos{Offset: off, Line: line, Column: col}
}

func (s *Scanner) byteAt(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// upperByteAt returns the ASCII upper case of the byte at i (0 past the end).
func (s *Scanner) upperByteAt(i int) byte {
	c := s.byteAt(i)
	if 'a' <= c && c <= 'z' {
		c -= 'a' - 'A'
	}
	return c
}

// runeAt returns the character at byte offset i and its width.
func (s *Scanner) runeAt(i int) (rune, int) {
	if i >= len(s.src) {
		return -1, 0
	}
	c := s.src[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.src[i:])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Classes of ASCII characters for the lexer's fast paths.
const (
	classIdent     uint8 = 1 << iota // letter, digit or underscore
	classLetter                      // letter
	classSpace                       // whitespace of Spark's WS rule
	classWordStart                   // letter or underscore: starts a word
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = classIdent | classLetter | classWordStart
		case c == '_':
			t[c] = classIdent | classWordStart
		case c >= '0' && c <= '9':
			t[c] = classIdent
		case c == ' ', c == '\t', c == '\n', c == '\f', c == '\r', c == '\v':
			t[c] = classSpace
		}
	}
	return t
}()

// isWhitespace is the character set of Spark's WS rule.
func isWhitespace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '\v', '\u00A0', '\u1680', '\u2028', '\u202F', '\u205F', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200A'
}

// isIdentChar is the character set of Spark's IDENTIFIER rule: Unicode
// letters, ASCII digits and underscore.
func isIdentChar(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// isURIChar is the character set of the path part of Spark's URI-like
// IDENTIFIER alternative (letters://...).
func isURIChar(r rune) bool {
	switch r {
	case '_', '/', '-', '.', '?', '=', '&', '#', '%':
		return true
	}
	return isLetter(r) || r >= '0' && r <= '9'
}

// validDecimalEnd is Spark's isValidDecimal: a decimal literal must not be
// followed by a letter, a digit or an underscore (compared upper-cased, so
// only ASCII letters and characters whose upper case is ASCII count).
func (s *Scanner) validDecimalEnd(i int) bool {
	r, _ := s.runeAt(i)
	if r < 0 {
		return true
	}
	r = unicode.ToUpper(r)
	return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
}

// Next returns the next token.
func (s *Scanner) Next() Token {
	var t Token
	s.scan(&t)
	return t
}

// scan reads the next token into t.
func (s *Scanner) scan(t *Token) {
	src, off := s.src, s.off
	if s.curOff == off {
		// Plain whitespace, the usual gap between tokens, advances the
		// position cursor as it is skipped rather than scanned again by
		// posAt.
		line, col := s.curLine, s.curCol
		for off < len(src) {
			c := src[off]
			if c > ' ' || asciiClass[c]&classSpace == 0 {
				break
			}
			off++
			if c == '\n' {
				line++
				col = 1
			} else {
				col++
			}
		}
		s.off, s.curOff, s.curLine, s.curCol = off, off, line, col
	}
	if off < len(src) {
		if c := src[off]; c == '-' || c == '/' || c >= utf8.RuneSelf || c <= ' ' {
			// Maybe a comment, or whitespace the loop above left.
			s.skipSpace()
			off = s.off
		} else if off == s.curOff {
			// Fast paths for the most frequent tokens.
			if asciiClass[c]&classWordStart != 0 {
				if s.scanASCIIWord(t, off) {
					return
				}
			} else if k := singleCharToken[c]; k != EOF {
				if k == Semicolon {
					// Statements are lexed independently by Spark.
					s.complexDepth = 0
				}
				s.simpleToken(t, k, off, off+1)
				return
			} else if isDigit(c) {
				// An integer, unless a letter, digit, '_', '.' or a
				// non-ASCII character follows its digits.
				j := off + 1
				for j < len(src) && isDigit(src[j]) {
					j++
				}
				if j == len(src) || src[j] < utf8.RuneSelf && asciiClass[src[j]]&classIdent == 0 && src[j] != '.' {
					s.simpleToken(t, IntegerValue, off, j)
					return
				}
			}
		}
	}
	start := off
	if start >= len(s.src) {
		p := s.posAt(start)
		*t = Token{Kind: EOF, Pos: p, End: p, plain: true}
		return
	}
	kind, kw, end := s.scanToken(start)
	s.off = end
	switch kind {
	case KeywordTok:
		if kw == kwARRAY || kw == kwMAP || kw == kwSTRUCT {
			s.complexDepth++
		}
	case Gt:
		if s.complexDepth > 0 {
			s.complexDepth--
		}
	case Semicolon:
		// Statements are lexed independently by Spark.
		s.complexDepth = 0
	}
	t.Kind, t.Keyword, t.plain = kind, kw, s.simple
	if start == s.curOff {
		t.Pos.Offset, t.Pos.Line, t.Pos.Column = start, s.curLine, s.curCol
	} else {
		t.Pos = s.posAt(start)
	}
	if s.simple {
		// ASCII on one line: one column per byte.
		s.curOff = end
		s.curCol += end - start
		t.End.Offset, t.End.Line, t.End.Column = end, s.curLine, s.curCol
		return
	}
	t.End = s.posAt(end)
}

// singleCharToken gives the kind of the characters that are a token by
// themselves whatever follows them, EOF for the others.
var singleCharToken = [256]TokenKind{
	';': Semicolon, '(': LeftParen, ')': RightParen, ',': Comma, '[': LeftBracket,
	']': RightBracket, '+': Plus, '%': Percent, '~': Tilde, '&': Ampersand, '^': Hat,
	'?': Question,
}

// simpleToken sets t to a token of kind k, ASCII on one line, from start,
// the position cursor, to end.
func (s *Scanner) simpleToken(t *Token, k TokenKind, start, end int) {
	line, col := s.curLine, s.curCol
	endCol := col + end - start
	// Field by field: a composite literal is built on the stack first.
	t.Kind, t.Keyword, t.plain = k, kwNone, true
	t.Pos.Offset, t.Pos.Line, t.Pos.Column = start, line, col
	t.End.Offset, t.End.Line, t.End.Column = end, line, endCol
	s.off, s.curOff, s.curCol = end, end, endCol
}

// scanASCIIWord scans the word starting at start, the position cursor, if
// it is a keyword or identifier of ASCII letters, digits and underscores
// (most tokens are), and reports whether it did. It does what scan does
// for such words, without its general dispatch.
func (s *Scanner) scanASCIIWord(t *Token, start int) bool {
	src := s.src
	if src[start]|0x20 == 'r' && start+1 < len(src) && (src[start+1] == '\'' || src[start+1] == '"') {
		return false // a raw string
	}
	var c wordChunks
	j := scanWordChunks(src, start, &c)
	if j < len(src) && (src[j] >= utf8.RuneSelf || src[j] == ':' && strings.HasPrefix(src[j:], "://")) {
		return false
	}
	t.Kind, t.Keyword = Ident, kwNone
	if kw, ok := lookupWord(&c, j-start); ok {
		t.Kind, t.Keyword = KeywordTok, kw
		if kw == kwARRAY || kw == kwMAP || kw == kwSTRUCT {
			s.complexDepth++
		}
	}
	line, col := s.curLine, s.curCol
	end := col + j - start
	t.plain = true
	t.Pos.Offset, t.Pos.Line, t.Pos.Column = start, line, col
	t.End.Offset, t.End.Line, t.End.Column = j, line, end
	s.off, s.curOff, s.curCol = j, j, end
	return true
}

// scanAll appends the tokens of the text, ending with EOF, to toks.
func (s *Scanner) scanAll(toks []Token) []Token {
	for {
		if len(toks) == cap(toks) {
			toks = slices.Grow(toks, 1)
		}
		// scan sets every field of the token.
		toks = toks[:len(toks)+1]
		t := &toks[len(toks)-1]
		s.scan(t)
		if t.Kind == EOF {
			return toks
		}
	}
}

// skipSpace skips whitespace and comments.
func (s *Scanner) skipSpace() {
	src, off := s.src, s.off
	for off < len(src) {
		c := src[off]
		if c < utf8.RuneSelf && asciiClass[c]&classSpace != 0 {
			off++
			continue
		}
		switch {
		case c == '-' && off+1 < len(src) && src[off+1] == '-':
			s.off = off
			s.skipLineComment()
			off = s.off
		case c == '/' && off+1 < len(src) && src[off+1] == '*' && s.byteAt(off+2) != '+':
			s.off = off
			s.skipBracketedComment()
			off = s.off
		case c < utf8.RuneSelf:
			s.off = off
			return
		default:
			r, w := utf8.DecodeRuneInString(src[off:])
			if !isWhitespace(r) {
				s.off = off
				return
			}
			off += w
		}
	}
	s.off = off
}

// skipLineComment skips "--" up to and including the line end. A
// backslash right before a line feed continues the comment.
func (s *Scanner) skipLineComment() {
	i := s.off + 2
	for i < len(s.src) {
		c := s.src[i]
		if c == '\\' && s.byteAt(i+1) == '\n' {
			i += 2
			continue
		}
		if c == '\r' || c == '\n' {
			break
		}
		i++
	}
	if s.byteAt(i) == '\r' {
		i++
	}
	if s.byteAt(i) == '\n' {
		i++
	}
	s.off = i
}

// skipBracketedComment skips a /* ... */ comment; comments nest. A comment
// left open runs to the end of the text and is remembered.
func (s *Scanner) skipBracketedComment() {
	start := s.off
	i := s.off + 2
	depth := 1
	for i < len(s.src) {
		c := s.src[i]
		if c == '*' && s.byteAt(i+1) == '/' {
			i += 2
			depth--
			if depth == 0 {
				s.off = i
				return
			}
			continue
		}
		if c == '/' && s.byteAt(i+1) == '*' && s.byteAt(i+2) != '+' {
			depth++
			i += 2
			continue
		}
		i++
	}
	s.off = len(s.src)
	if !s.unclosed {
		s.unclosed = true
		s.unclosedPos = s.posAt(start)
		s.unclosedEnd = s.posAt(len(s.src))
	}
}

// scanToken recognizes the token starting at byte offset i (not space).
func (s *Scanner) scanToken(i int) (TokenKind, Keyword, int) {
	c := s.src[i]
	s.simple = false
	switch {
	case isDigit(c):
		k, e := s.scanNumber(i)
		s.simple = k != Ident
		return k, kwNone, e
	case c == '.':
		if isDigit(s.byteAt(i + 1)) {
			if k, e := s.scanNumber(i); e > i {
				return k, kwNone, e
			}
		}
		return Dot, kwNone, i + 1
	case c == '\'' || c == '"':
		if e, ok := s.scanQuoted(i, c, true); ok {
			if c == '"' {
				return DoubleQuoted, kwNone, e
			}
			return String, kwNone, e
		}
		return Unrecognized, kwNone, i + 1
	case c == '`':
		if e, ok := s.scanBackquoted(i); ok {
			return BackquotedIdent, kwNone, e
		}
		return Unrecognized, kwNone, i + 1
	}
	if r, _ := s.runeAt(i); isIdentChar(r) {
		return s.scanWord(i)
	}
	if k, e := s.scanOperator(i); e > i {
		s.simple = true
		return k, kwNone, e
	}
	_, w := s.runeAt(i)
	return Unrecognized, kwNone, i + w
}

// scanQuoted scans a quoted string starting at i with quote q. With
// escapes (Spark's STRING_LITERAL and DOUBLEQUOTED_STRING rules), a
// backslash escapes the next character and a doubled quote stands for one
// quote inside the string, so that this is one token:
//
//	'it''s'
//
// Raw strings have neither. It reports the end offset, or false if the
// string is not closed. Like Spark's lexer it keeps the longest match:
// every quote could close the string, so when the text ends inside a
// doubled-quote run the token is the string up to the last quote that
// could close it.
func (s *Scanner) scanQuoted(i int, q byte, escapes bool) (int, bool) {
	j := i + 1
	lastClose := -1
	for j < len(s.src) {
		c := s.src[j]
		if c == q {
			if escapes && s.byteAt(j+1) == q {
				lastClose = j + 1
				j += 2
				continue
			}
			return j + 1, true
		}
		if c == '\\' && escapes {
			if j+1 >= len(s.src) {
				break
			}
			_, w := s.runeAt(j + 1)
			j += 1 + w
			continue
		}
		j++
	}
	if lastClose > 0 {
		return lastClose, true
	}
	return 0, false
}

func (s *Scanner) scanBackquoted(i int) (int, bool) {
	j := i + 1
	for j < len(s.src) {
		if s.src[j] == '`' {
			if s.byteAt(j+1) == '`' {
				j += 2
				continue
			}
			return j + 1, true
		}
		j++
	}
	return 0, false
}

// scanWord scans an identifier, a keyword, a raw string (R'...') or a
// URI-like identifier (scheme://path) starting with an identifier
// character that is not a digit.
func (s *Scanner) scanWord(i int) (TokenKind, Keyword, int) {
	c := s.upperByteAt(i)
	if c == 'R' {
		if q := s.byteAt(i + 1); q == '\'' || q == '"' {
			// Raw strings, R'...' and R"...", are STRING_LITERALs.
			if e, ok := s.scanQuoted(i+1, q, false); ok {
				return String, kwNone, e
			}
		}
	}
	j := i
	allLetters, ascii := true, true
	src := s.src
	for j < len(src) {
		c := src[j]
		if c < utf8.RuneSelf {
			k := asciiClass[c]
			if k&classIdent == 0 {
				break
			}
			if k&classLetter == 0 {
				allLetters = false
			}
			j++
			continue
		}
		r, w := utf8.DecodeRuneInString(src[j:])
		if !unicode.IsLetter(r) {
			break
		}
		ascii = false
		j += w
	}
	if allLetters && s.byteAt(j) == ':' && s.byteAt(j+1) == '/' && s.byteAt(j+2) == '/' {
		k := j + 3
		for k < len(s.src) {
			r, w := s.runeAt(k)
			if !isURIChar(r) {
				break
			}
			k += w
		}
		if k > j+3 {
			return Ident, kwNone, k
		}
	}
	if ascii {
		s.simple = true
		if kw, ok := lookupKeyword(src[i:j]); ok {
			return KeywordTok, kw, j
		}
		return Ident, kwNone, j
	}
	if kw, ok := lookupKeyword(src[i:j]); ok {
		return KeywordTok, kw, j
	}
	return Ident, kwNone, j
}

// scanExponent scans E[+-]digits at i and returns its end, or -1.
func (s *Scanner) scanExponent(i int) int {
	if s.upperByteAt(i) != 'E' {
		return -1
	}
	j := i + 1
	if c := s.byteAt(j); c == '+' || c == '-' {
		j++
	}
	if !isDigit(s.byteAt(j)) {
		return -1
	}
	for isDigit(s.byteAt(j)) {
		j++
	}
	return j
}

// scanNumber recognizes numeric literals (and identifiers starting with a
// digit) at i, which holds a digit or a '.' followed by a digit. Like
// Spark's lexer it collects every rule that matches and keeps the longest
// match, ties going to the rule listed first. It returns end == i if no
// rule matches (a '.' not starting a decimal).
func (s *Scanner) scanNumber(i int) (TokenKind, int) {
	bestKind, bestEnd := EOF, i
	consider := func(k TokenKind, end int) {
		if end > bestEnd || end == bestEnd && end > i && numberRuleRank(k) < numberRuleRank(bestKind) {
			bestKind, bestEnd = k, end
		}
	}
	j := i
	for isDigit(s.byteAt(j)) {
		j++
	}
	if j > i {
		// Forms built on DIGIT+.
		switch s.upperByteAt(j) {
		case 'L':
			consider(BigIntLiteral, j+1)
		case 'S':
			consider(SmallIntLiteral, j+1)
		case 'Y':
			consider(TinyIntLiteral, j+1)
		}
		consider(IntegerValue, j)
		k := j
		if e := s.scanExponent(j); e > 0 {
			consider(ExponentValue, e)
			k = e
		}
		s.suffixes(k, false, consider)
		// An identifier may start with digits.
		e := j
		for e < len(s.src) {
			if c := s.src[e]; c < utf8.RuneSelf {
				if asciiClass[c]&classIdent == 0 {
					break
				}
				e++
				continue
			}
			r, w := s.runeAt(e)
			if !isIdentChar(r) {
				break
			}
			e += w
		}
		if e > j {
			consider(Ident, e)
		}
	}
	// Forms built on DECIMAL_DIGITS: DIGIT+ '.' DIGIT* or '.' DIGIT+.
	d := -1
	if j > i && s.byteAt(j) == '.' {
		d = j + 1
		for isDigit(s.byteAt(d)) {
			d++
		}
	} else if j == i && s.byteAt(i) == '.' && isDigit(s.byteAt(i+1)) {
		d = i + 1
		for isDigit(s.byteAt(d)) {
			d++
		}
	}
	if d > 0 {
		if s.validDecimalEnd(d) {
			consider(DecimalValue, d)
		}
		k := d
		if e := s.scanExponent(d); e > 0 {
			if s.validDecimalEnd(e) {
				consider(ExponentValue, e)
			}
			k = e
		}
		s.suffixes(k, true, consider)
	}
	return bestKind, bestEnd
}

// numberRuleRank orders the rules that can match a numeral as Spark's lexer
// lists them: on matches of equal length the earlier rule wins.
func numberRuleRank(k TokenKind) int {
	switch k {
	case BigIntLiteral:
		return 0
	case SmallIntLiteral:
		return 1
	case TinyIntLiteral:
		return 2
	case IntegerValue:
		return 3
	case ExponentValue:
		return 4
	case DecimalValue:
		return 5
	case FloatLiteral:
		return 6
	case DoubleLiteral:
		return 7
	case BigDecimalLiteral:
		return 8
	}
	return 9 // IDENTIFIER comes after all numeric rules
}

// suffixes considers the F, D and BD suffixes at k.
func (s *Scanner) suffixes(k int, checkEnd bool, consider func(TokenKind, int)) {
	try := func(kind TokenKind, end int) {
		if !checkEnd || s.validDecimalEnd(end) {
			consider(kind, end)
		}
	}
	switch s.upperByteAt(k) {
	case 'F':
		try(FloatLiteral, k+1)
	case 'D':
		try(DoubleLiteral, k+1)
	case 'B':
		if s.upperByteAt(k+1) == 'D' {
			try(BigDecimalLiteral, k+2)
		}
	}
}

// scanOperator recognizes punctuation and operators at i.
func (s *Scanner) scanOperator(i int) (TokenKind, int) {
	c := s.src[i]
	n := s.byteAt(i + 1)
	switch c {
	case ';':
		return Semicolon, i + 1
	case '(':
		return LeftParen, i + 1
	case ')':
		return RightParen, i + 1
	case ',':
		return Comma, i + 1
	case '[':
		return LeftBracket, i + 1
	case ']':
		return RightBracket, i + 1
	case '+':
		return Plus, i + 1
	case '%':
		return Percent, i + 1
	case '~':
		return Tilde, i + 1
	case '&':
		return Ampersand, i + 1
	case '^':
		return Hat, i + 1
	case '?':
		return Question, i + 1
	case '=':
		switch n {
		case '=':
			return Eq, i + 2
		case '>':
			return FatArrow, i + 2
		}
		return Eq, i + 1
	case '<':
		switch n {
		case '=':
			if s.byteAt(i+2) == '>' {
				return NullSafeEq, i + 3
			}
			return Lte, i + 2
		case '>':
			return Neq, i + 2
		case '<':
			return ShiftLeft, i + 2
		}
		return Lt, i + 1
	case '>':
		switch n {
		case '=':
			return Gte, i + 2
		case '>':
			if s.complexDepth == 0 {
				if s.byteAt(i+2) == '>' {
					return ShiftRightU, i + 3
				}
				return ShiftRight, i + 2
			}
		}
		return Gt, i + 1
	case '!':
		switch n {
		case '=':
			return NeqJ, i + 2
		case '>':
			return Lte, i + 2
		case '<':
			return Gte, i + 2
		}
		return Bang, i + 1
	case '|':
		switch n {
		case '|':
			return ConcatPipe, i + 2
		case '>':
			return OperatorPipe, i + 2
		}
		return Pipe, i + 1
	case ':':
		if n == ':' {
			return DoubleColon, i + 2
		}
		return Colon, i + 1
	case '-':
		if n == '>' {
			return Arrow, i + 2
		}
		return Minus, i + 1
	case '/':
		if n == '*' && s.byteAt(i+2) == '+' {
			return HintStart, i + 3
		}
		return Slash, i + 1
	case '*':
		if n == '/' {
			return HintEnd, i + 2
		}
		return Asterisk, i + 1
	}
	return EOF, i
}
