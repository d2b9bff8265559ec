package parser

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// TokenKind is the kind of a lexical token. The kinds follow the token
// types of Spark's SQL lexer.
type TokenKind uint8

const (
	EOF          TokenKind = iota
	Unrecognized           // a character no rule matches (Spark's UNRECOGNIZED)
	KeywordTok             // a keyword; Token.Keyword tells which

	Ident           // unquoted identifier
	BackquotedIdent // `identifier`
	String          // 'string' or R'raw string'
	DoubleQuoted    // "string" (an identifier when double-quoted identifiers are on)

	BigIntLiteral     // 10L
	SmallIntLiteral   // 10S
	TinyIntLiteral    // 10Y
	IntegerValue      // 10
	ExponentValue     // 1E10, 1.5E-3
	DecimalValue      // 1.5, 1., .5
	FloatLiteral      // 1.5F
	DoubleLiteral     // 1.5D
	BigDecimalLiteral // 1.5BD

	Semicolon    // ;
	LeftParen    // (
	RightParen   // )
	Comma        // ,
	Dot          // .
	LeftBracket  // [
	RightBracket // ]
	Bang         // !
	Eq           // = or ==
	NullSafeEq   // <=>
	Neq          // <>
	NeqJ         // !=
	Lt           // <
	Lte          // <= or !>
	Gt           // >
	Gte          // >= or !<
	ShiftLeft    // <<
	ShiftRight   // >>
	ShiftRightU  // >>>
	Plus         // +
	Minus        // -
	Asterisk     // *
	Slash        // /
	Percent      // %
	Tilde        // ~
	Ampersand    // &
	Pipe         // |
	ConcatPipe   // ||
	OperatorPipe // |>
	Hat          // ^
	Colon        // :
	DoubleColon  // ::
	Arrow        // ->
	FatArrow     // =>
	HintStart    // /*+
	HintEnd      // */
	Question     // ?

	numTokenKinds
)

var tokenKindNames = [numTokenKinds]string{
	EOF: "EOF", Unrecognized: "UNRECOGNIZED", KeywordTok: "KEYWORD",
	Ident: "IDENTIFIER", BackquotedIdent: "BACKQUOTED_IDENTIFIER", String: "STRING_LITERAL",
	DoubleQuoted: "DOUBLEQUOTED_STRING", BigIntLiteral: "BIGINT_LITERAL",
	SmallIntLiteral: "SMALLINT_LITERAL", TinyIntLiteral: "TINYINT_LITERAL",
	IntegerValue: "INTEGER_VALUE", ExponentValue: "EXPONENT_VALUE", DecimalValue: "DECIMAL_VALUE",
	FloatLiteral: "FLOAT_LITERAL", DoubleLiteral: "DOUBLE_LITERAL",
	BigDecimalLiteral: "BIGDECIMAL_LITERAL", Semicolon: "';'", LeftParen: "'('",
	RightParen: "')'", Comma: "','", Dot: "'.'", LeftBracket: "'['", RightBracket: "']'",
	Bang: "'!'", Eq: "'='", NullSafeEq: "'<=>'", Neq: "'<>'", NeqJ: "'!='", Lt: "'<'",
	Lte: "'<='", Gt: "'>'", Gte: "'>='", ShiftLeft: "'<<'", ShiftRight: "'>>'",
	ShiftRightU: "'>>>'", Plus: "'+'", Minus: "'-'", Asterisk: "'*'", Slash: "'/'",
	Percent: "'%'", Tilde: "'~'", Ampersand: "'&'", Pipe: "'|'", ConcatPipe: "'||'",
	OperatorPipe: "'|>'", Hat: "'^'", Colon: "':'", DoubleColon: "'::'", Arrow: "'->'",
	FatArrow: "'=>'", HintStart: "'/*+'", HintEnd: "'*/'", Question: "'?'",
}

// String returns the name of the token kind as in Spark's grammar, with
// fixed punctuation quoted: IDENTIFIER, STRING_LITERAL, '(', ...
func (k TokenKind) String() string {
	if k < numTokenKinds {
		return tokenKindNames[k]
	}
	return "?"
}

// Token is one lexical token. Its text is the source between Pos and End
// (Scanner.Text); tokens hold no pointers, so that the parser's token
// array costs the garbage collector nothing.
type Token struct {
	Kind    TokenKind
	Keyword Keyword // for KeywordTok
	// plain is set for ASCII tokens on one line; for an unquoted
	// identifier it also means that only letters, digits and underscores
	// make it up.
	plain bool
	Pos   ast.Pos // first character
	End   ast.Pos // just after the last character
}

// is reports whether the token is the given keyword.
func (t *Token) is(k Keyword) bool { return t.Kind == KeywordTok && t.Keyword == k }

// displayToken renders a token the way Spark's parser errors name it:
// quoted text with line breaks and tabs escaped, or "end of input".
func displayToken(t *Token, text string) string {
	if t.Kind == EOF {
		return "end of input"
	}
	s := text
	s = strings.ReplaceAll(s, "\n", `\n`)
	s = strings.ReplaceAll(s, "\r", `\r`)
	s = strings.ReplaceAll(s, "\t", `\t`)
	return "'" + s + "'"
}
