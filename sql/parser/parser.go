// Package parser is a hand-written recursive-descent parser for Spark SQL.
//
// It follows the grammar of Apache Spark 4 (SqlBaseLexer.g4 and
// SqlBaseParser.g4) and the checks Spark's AstBuilder makes while building
// its tree, so that it accepts what Spark accepts and rejects the rest with
// the error class Spark reports (PARSE_SYNTAX_ERROR with the offending
// token, INVALID_IDENTIFIER, INVALID_NUMERIC_LITERAL_RANGE, ...). The result
// is a syntax tree of package ast.
//
// Besides queries it parses every statement of Spark's grammar:
//
//   - DML (stmt.go, stmt_dml.go): INSERT INTO and INSERT OVERWRITE (WITH,
//     PARTITION, BY NAME, column lists, REPLACE WHERE, [LOCAL] DIRECTORY),
//     Hive's multi-insert FROM src INSERT ... INSERT ..., DELETE, UPDATE
//     and MERGE, each optionally after a WITH clause;
//   - DDL (stmt.go, stmt_ddl.go, stmt_alter.go): CREATE [OR REPLACE] TABLE
//     (with constraints and identity columns), REPLACE TABLE, CREATE TABLE
//     LIKE, CREATE VIEW, temporary views over data sources, the whole ALTER
//     TABLE and ALTER VIEW family, CREATE/ALTER/DROP of namespaces,
//     CREATE FUNCTION (class and SQL functions), DROP of tables, views,
//     namespaces, functions and variables, indexes, COMMENT ON, declarative
//     pipeline datasets and flows;
//   - commands: SET in all its forms (with the lenient key/value text rules
//     of Spark's SparkSqlParser), SET CATALOG, RESET, DECLARE VARIABLE,
//     EXECUTE IMMEDIATE, DESCRIBE, SHOW, EXPLAIN, USE, CACHE, UNCACHE, CLEAR
//     CACHE, REFRESH, TRUNCATE TABLE, ANALYZE TABLE(S), LOAD DATA, [MSCK]
//     REPAIR TABLE, ADD/LIST resources, CALL, and the Hive commands Spark
//     only recognizes to reject them (GRANT, COMMIT, ...);
//   - SQL scripts (script.go): BEGIN ... END blocks with variables,
//     conditions and handlers, IF, CASE, WHILE, REPEAT, LOOP, FOR, LEAVE
//     and ITERATE, with Spark's checks of labels and declarations.
package parser

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/sailgo/sail/sql/ast"
)

// Options are the session settings that change how Spark parses SQL.
// The zero value is Spark's default.
type Options struct {
	// EnforceReservedKeywords makes ANSI reserved keywords unusable as
	// identifiers (spark.sql.ansi.enabled and
	// spark.sql.ansi.enforceReservedKeywords both true).
	EnforceReservedKeywords bool
	// DoubleQuotedIdentifiers makes "text" an identifier instead of a
	// string literal (spark.sql.ansi.enabled and
	// spark.sql.ansi.doubleQuotedIdentifiers both true).
	DoubleQuotedIdentifiers bool
	// LegacySetOpsPrecedence gives INTERSECT the same precedence as UNION
	// and EXCEPT (spark.sql.legacy.setopsPrecedence.enabled).
	LegacySetOpsPrecedence bool
	// LegacyExponentLiteralAsDecimal types 1E10 as DECIMAL instead of
	// DOUBLE (spark.sql.legacy.exponentLiteralAsDecimal.enabled).
	LegacyExponentLiteralAsDecimal bool
	// DisableViewSchemaBinding rejects CREATE VIEW ... WITH SCHEMA ...
	// (spark.sql.legacy.viewSchemaBindingMode set to false).
	DisableViewSchemaBinding bool
	// EscapedStringLiterals keeps backslashes in string literals as they
	// are (spark.sql.parser.escapedStringLiterals).
	EscapedStringLiterals bool
	// LegacyConsecutiveStringLiterals reads a doubled quote inside a
	// string literal as the end of one literal and the start of the next,
	// so that 'a''b' is ab rather than a'b
	// (spark.sql.legacy.consecutiveStringLiterals.enabled).
	LegacyConsecutiveStringLiterals bool
	// DisableSQLScripting rejects SQL scripts (BEGIN ... END) with
	// UNSUPPORTED_FEATURE.SQL_SCRIPTING (spark.sql.scripting.enabled set
	// to false).
	DisableSQLScripting bool
	// ContinueHandlerEnabled accepts DECLARE CONTINUE HANDLER in scripts
	// (spark.sql.scripting.continueHandlerEnabled).
	ContinueHandlerEnabled bool
}

// ParseStatement parses one SQL statement, optionally followed by
// semicolons, with Spark's default settings.
func ParseStatement(sql string) (ast.Statement, error) {
	return Options{}.ParseStatement(sql)
}

// ParseStatements parses SQL text holding several statements separated by
// semicolons. Empty statements are skipped. Positions are relative to the
// whole text.
func ParseStatements(sql string) ([]ast.Statement, error) {
	return Options{}.ParseStatements(sql)
}

// ParseExpression parses one expression, optionally named (a + 1 AS b), as
// Spark parses the arguments of selectExpr and expr().
func ParseExpression(sql string) (ast.Expr, error) {
	return Options{}.ParseExpression(sql)
}

// ParseQuery parses one query (SELECT, WITH, VALUES, TABLE, FROM-first,
// set operations, ...) that must make up the whole text.
func ParseQuery(sql string) (*ast.Query, error) {
	return Options{}.ParseQuery(sql)
}

// ParseDataType parses a data type such as "DECIMAL(10, 2)" or
// "ARRAY<STRUCT<a: INT>>".
func ParseDataType(sql string) (*ast.DataType, error) {
	return Options{}.ParseDataType(sql)
}

// ParseStatement parses one SQL statement with these options.
func (o Options) ParseStatement(sql string) (ast.Statement, error) {
	if isBlank(sql) {
		return nil, emptyStatement(sql)
	}
	var p parser
	p.init(sql, o, nil, nil)
	defer p.release()
	var st ast.Statement
	if err := p.run(func() { st = p.parseSingleStatement() }); err != nil {
		return nil, err
	}
	return st, nil
}

// ParseStatements parses semicolon-separated statements with these options.
func (o Options) ParseStatements(sql string) ([]ast.Statement, error) {
	s := NewScanner(sql)
	buf := getTokenBuf(len(sql))
	defer putTokenBuf(buf)
	all := s.scanAll(buf.toks)
	buf.toks = all
	var out []ast.Statement
	var p parser
	start := 0
	for i := 0; i < len(all); i++ {
		if i == start && all[i].is(kwBEGIN) && all[i+1].Kind != Semicolon && all[i+1].Kind != EOF {
			// A script: its statements end with semicolons of their own.
			p.init(sql, o, all[start:], buf)
			var st ast.Statement
			err := p.run(func() {
				st = p.parseStatement()
				p.requireStatementEnd()
			})
			next := p.i
			p.release()
			if err != nil {
				return nil, err
			}
			out = append(out, st)
			i = start + next
			start = i + 1
			continue
		}
		if k := all[i].Kind; k != Semicolon && k != EOF {
			continue
		}
		t := all[i]
		if i > start {
			// The statement's tokens, ended by an EOF in place of the ';'.
			all[i] = Token{Kind: EOF, Pos: t.Pos, End: t.Pos}
			p.init(sql, o, all[start:i+1:i+1], buf)
			var st ast.Statement
			err := p.run(func() { st = p.parseStatementToEOF() })
			p.release()
			all[i] = t
			if err != nil {
				return nil, err
			}
			out = append(out, st)
		}
		start = i + 1
	}
	if pos, ok := s.UnclosedComment(); ok {
		// Spark reports an unclosed comment once the statements before
		// it have parsed.
		return nil, withSQL(sql, newError("UNCLOSED_BRACKETED_COMMENT", pos, s.unclosedEnd))
	}
	if len(out) == 0 && isBlank(sql) {
		return nil, emptyStatement(sql)
	}
	return out, nil
}

// ParseExpression parses a (possibly named) expression with these options.
func (o Options) ParseExpression(sql string) (ast.Expr, error) {
	if isBlank(sql) {
		return nil, emptyStatement(sql)
	}
	var p parser
	p.init(sql, o, nil, nil)
	defer p.release()
	var e ast.Expr
	if err := p.run(func() {
		e = p.parseNamedExpr(aliasCtxTop)
		p.expectEnd(false)
	}); err != nil {
		return nil, err
	}
	return e, nil
}

// ParseQuery parses a query with these options.
func (o Options) ParseQuery(sql string) (*ast.Query, error) {
	if isBlank(sql) {
		return nil, emptyStatement(sql)
	}
	var p parser
	p.init(sql, o, nil, nil)
	defer p.release()
	var q *ast.Query
	if err := p.run(func() {
		q = p.parseQuery()
		p.expectEnd(false)
	}); err != nil {
		return nil, err
	}
	return q, nil
}

// ParseDataType parses a data type with these options.
func (o Options) ParseDataType(sql string) (*ast.DataType, error) {
	if isBlank(sql) {
		return nil, emptyStatement(sql)
	}
	var p parser
	p.init(sql, o, nil, nil)
	defer p.release()
	var t *ast.DataType
	if err := p.run(func() {
		t = p.parseDataType()
		p.expectEnd(false)
	}); err != nil {
		return nil, err
	}
	return t, nil
}

// isBlank reports whether s is empty after Java's String.trim (which
// removes all characters up to U+0020).
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			return false
		}
	}
	return true
}

func emptyStatement(sql string) *Error {
	e := newError("PARSE_EMPTY_STATEMENT", ast.Pos{Line: 1, Column: 1}, ast.Pos{Line: 1, Column: 1})
	e.SQL = sql
	return e
}

// withSQL records the parsed text in e.
func withSQL(sql string, e *Error) *Error {
	e.SQL = sql
	return e
}

// maxDepth bounds the nesting of expressions and queries; deeper input is
// rejected like Spark rejects statements that overflow its parser's stack.
const maxDepth = 3000

type parser struct {
	src  string
	opts Options
	ansi bool // reserved keywords are enforced

	toks  []Token
	i     int     // the current token; never past the final EOF
	match []int32 // for '(' and ')': index of the matching parenthesis, or -1

	unclosed    bool
	unclosedPos ast.Pos
	unclosedEnd ast.Pos

	// deferred holds errors of Spark's AstBuilder phase, which Spark
	// reports only if the whole statement is syntactically valid.
	deferred []*Error

	depth int
	// budget limits the work spent on speculative parses that fail.
	budget int
	// speculating counts nested speculative parses.
	speculating int

	// script is set while a SQL script is parsed.
	script *scriptState
	// forQuery counts the queries of FOR statements being parsed: DO
	// ends them and is no alias there.
	forQuery int

	nodes nodeAlloc
	buf   *tokenBuf
	// ownBuf is set when buf is the parser's own, to be given back by
	// release.
	ownBuf bool
}

// bailout carries a syntax error up the stack.
type bailout struct{ err *Error }

// init readies p to parse sql, from its tokens toks (ending with EOF) or,
// if toks is nil, from the tokens it scans. Callers keep the parser in a
// local variable: nothing keeps it past the parse, so it needs no heap
// allocation. The parser uses the buffers of buf, whose token array holds
// toks, or buffers of its own if buf is nil.
func (p *parser) init(sql string, o Options, toks []Token, buf *tokenBuf) {
	own := buf == nil
	if own {
		n := 0
		if toks == nil {
			n = len(sql)
		}
		buf = getTokenBuf(n)
	}
	*p = parser{src: sql, opts: o, ansi: o.EnforceReservedKeywords, buf: buf, ownBuf: own}
	// The matching parentheses are found once: lookahead decisions jump
	// over parenthesized groups. The same pass counts the tokens that size
	// the node blocks. It runs as the tokens are scanned, while they are
	// in the processor's cache.
	x := tokenIndex{match: buf.match[:0], stack: buf.stack}
	if toks == nil {
		s := NewScanner(sql)
		toks = buf.toks[:0]
		x.grow(cap(toks))
		for i := 0; ; i++ {
			if i == cap(toks) {
				toks = slices.Grow(toks, 1)
				x.grow(cap(toks))
			}
			toks = toks[:i+1]
			t := &toks[i]
			s.scan(t)
			// tokenIndex.add, which the compiler does not inline.
			k := t.Kind
			x.match[i] = -1
			x.counts[tokenClass[k]]++
			if k == KeywordTok || k == LeftParen || k == RightParen {
				x.addRare(toks, i)
			}
			if k == EOF {
				break
			}
		}
		buf.toks = toks
		if pos, ok := s.UnclosedComment(); ok {
			p.unclosed, p.unclosedPos, p.unclosedEnd = true, pos, s.unclosedEnd
		}
	} else {
		x.grow(len(toks))
		for i := range toks {
			x.add(toks, i)
		}
	}
	buf.match, buf.stack = x.match, x.stack
	p.toks = toks
	p.match = x.match[:len(toks)]
	p.budget = 64*len(toks) + 4096
	p.nodes.expect(&x.counts, x.calls)
}

// tokenIndex matches the parentheses of a statement's tokens and counts
// the tokens of each class, one token at a time.
//
// It stores indexes, not slices, for each token: storing a slice (a
// pointer) costs a write barrier while the garbage collector marks.
type tokenIndex struct {
	match  []int32 // for '(' and ')': index of the matching parenthesis, or -1
	stack  []int32 // indexes of the '(' not yet matched: stack[:depth]
	depth  int
	counts [numTokenClasses]int
	calls  int // identifiers followed by '('
}

// grow makes room for the matches of n tokens, keeping those found.
func (x *tokenIndex) grow(n int) {
	x.match = slices.Grow(x.match, n-len(x.match))[:n]
}

// add indexes toks[i], once the tokens before it are indexed.
func (x *tokenIndex) add(toks []Token, i int) {
	k := toks[i].Kind
	x.match[i] = -1
	x.counts[tokenClass[k]]++
	if k == KeywordTok || k == LeftParen || k == RightParen {
		x.addRare(toks, i)
	}
}

// addRare indexes keywords and parentheses.
func (x *tokenIndex) addRare(toks []Token, i int) {
	t := &toks[i]
	switch t.Kind {
	case KeywordTok:
		switch t.Keyword {
		case kwAND, kwOR, kwDIV:
			x.counts[tcOperator]++
		case kwNULL, kwTRUE, kwFALSE:
			x.counts[tcLiteral]++
		case kwAS:
			x.counts[tcAs]++
		case kwFROM, kwJOIN:
			x.counts[tcFrom]++
		}
	case LeftParen:
		if x.depth == len(x.stack) {
			x.stack = append(x.stack, 0)
		}
		x.stack[x.depth] = int32(i)
		x.depth++
		if i > 0 && tokenClass[toks[i-1].Kind] == tcIdent {
			x.calls++
		}
	case RightParen:
		if x.depth > 0 {
			x.depth--
			j := x.stack[x.depth]
			x.match[i], x.match[j] = j, int32(i)
		}
	}
}

// tokenBuf holds the buffers of one parse: they are reused by the next
// parse, so that the token array (pointer-free, not referenced by the
// tree) is not allocated and faulted in anew for every statement.
type tokenBuf struct {
	toks  []Token
	match []int32
	stack []int32
}

// tokenBufPool holds spare buffers. Taking one and sizing it involve no
// branch of this package on whether the pool had one, so that the code a
// parse runs depends on its text only (which keeps fuzzing effective).
var tokenBufPool sync.Pool

// getTokenBuf returns buffers for parsing a text of n bytes, the token
// array with room for about as many tokens as such a text has.
func getTokenBuf(n int) *tokenBuf {
	b := cmp.Or(tokenBufPool.Get(), any(&tokenBuf{})).(*tokenBuf)
	// SQL has about a token every four bytes or more: one array usually
	// holds them all.
	b.toks = slices.Grow(b.toks[:0], n/4+16)
	return b
}

// putTokenBuf gives buffers back once the parse is over.
func putTokenBuf(b *tokenBuf) { tokenBufPool.Put(b) }

// release gives the parser's buffers back once the parse is over; the
// parser must not be used after.
func (p *parser) release() {
	if p.buf == nil {
		return
	}
	p.toks, p.match = nil, nil
	if p.ownBuf {
		putTokenBuf(p.buf)
	}
	p.buf = nil
}

// run executes f, turning bailouts into errors. After a successful parse
// it reports the first deferred error, or an unclosed comment.
func (p *parser) run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				// A bug: report it as an error rather than crash the caller.
				e := newError("INTERNAL_ERROR", p.tok().Pos, p.tok().End,
					"message", fmt.Sprintf("parser failure: %v", r))
				e.SQL = p.src
				err = e
				return
			}
			b.err.SQL = p.src
			err = b.err
		}
	}()
	f()
	if len(p.deferred) > 0 {
		e := p.deferred[0]
		e.SQL = p.src
		return e
	}
	if p.unclosed {
		return withSQL(p.src, newError("UNCLOSED_BRACKETED_COMMENT", p.unclosedPos, p.unclosedEnd))
	}
	return nil
}

// Token access.

// tok returns the current token. The index never passes the final EOF
// token: next stops there.
func (p *parser) tok() *Token { return &p.toks[p.i] }

func (p *parser) peek(n int) *Token {
	if j := p.i + n; j < len(p.toks) {
		return &p.toks[j]
	}
	return &p.toks[len(p.toks)-1]
}

// matchAt returns the index of the parenthesis matching the one at index
// j, or -1.
func (p *parser) matchAt(j int) int {
	if j >= 0 && j < len(p.match) {
		return int(p.match[j])
	}
	return -1
}

func (p *parser) tokAt(j int) *Token {
	if j < len(p.toks) && j >= 0 {
		return &p.toks[j]
	}
	return &p.toks[len(p.toks)-1]
}

func (p *parser) next() *Token {
	t := &p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) at(k TokenKind) bool          { return p.tok().Kind == k }
func (p *parser) atKw(k Keyword) bool          { return p.tok().is(k) }
func (p *parser) peekKw(n int, k Keyword) bool { return p.peek(n).is(k) }

func (p *parser) accept(k TokenKind) bool {
	if p.at(k) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptKw(k Keyword) bool {
	if p.atKw(k) {
		p.next()
		return true
	}
	return false
}

// prevEnd is the end of the last consumed token.
func (p *parser) prevEnd() ast.Pos {
	if p.i == 0 {
		return p.toks[0].Pos
	}
	return p.toks[p.i-1].End
}

// Errors.

// fail aborts the parse with err.
func (p *parser) fail(err *Error) {
	panic(bailout{err})
}

// text returns the source text of token t.
func (p *parser) text(t *Token) string { return tokenText(p.src, t) }

// display renders token t for an error message.
func (p *parser) display(t *Token) string { return displayToken(t, p.text(t)) }

// syntaxErrorAt builds PARSE_SYNTAX_ERROR at token t.
func (p *parser) syntaxErrorAt(t *Token, hint string) *Error {
	return newError("PARSE_SYNTAX_ERROR", t.Pos, t.End, "error", p.display(t), "hint", hint)
}

// unexpected fails at the current token.
func (p *parser) unexpected() {
	p.fail(p.syntaxErrorAt(p.tok(), ""))
}

// extraInput fails at the current token with Spark's "extra input" hint,
// given when the token after it is what the grammar expected.
func (p *parser) extraInput() {
	t := p.tok()
	p.fail(p.syntaxErrorAt(t, ": extra input "+p.display(t)))
}

// expect consumes a token of kind k or fails. Like Spark's parser it hints
// "extra input" when the token after the current one is the expected one.
func (p *parser) expect(k TokenKind) *Token {
	if p.at(k) {
		return p.next()
	}
	if p.peek(1).Kind == k {
		p.extraInput()
	}
	p.unexpected()
	return nil
}

// expectKw consumes keyword k or fails.
func (p *parser) expectKw(k Keyword) *Token {
	if p.atKw(k) {
		return p.next()
	}
	if p.peek(1).is(k) {
		p.extraInput()
	}
	p.unexpected()
	return nil
}

// expectClose consumes the ')' closing a construct. When the current token
// could follow the ')', the hint says the ')' is missing.
func (p *parser) expectClose() *Token {
	if p.at(RightParen) {
		return p.next()
	}
	if p.peek(1).Kind == RightParen {
		p.extraInput()
	}
	if canFollowClose(p.tok()) {
		p.fail(p.syntaxErrorAt(p.tok(), ": missing ')'"))
	}
	p.unexpected()
	return nil
}

// canFollowClose approximates which tokens may follow a closing
// parenthesis in Spark's grammar.
func canFollowClose(t *Token) bool {
	switch t.Kind {
	case EOF, Semicolon, RightParen, Comma, Dot, LeftBracket, RightBracket, Ident,
		BackquotedIdent, KeywordTok, Eq, NullSafeEq, Neq, NeqJ, Lt, Lte, Gt, Gte, ShiftLeft,
		ShiftRight, ShiftRightU, Plus, Minus, Asterisk, Slash, Percent, Ampersand, Pipe,
		ConcatPipe, OperatorPipe, Hat, DoubleColon:
		return true
	}
	return false
}

// listEnd fails at a token that neither continues nor ends a
// comma-separated list inside a construct. n is the number of elements
// parsed; ends reports the tokens that may end the list. Spark hints
// "extra input" when the token after the offending one would have been
// accepted, and always after the second element.
func (p *parser) listEnd(n int, ends func(*Token) bool) {
	if n >= 2 {
		p.extraInput()
	}
	if nt := p.peek(1); nt.Kind == Comma || ends(nt) {
		p.extraInput()
	}
	p.unexpected()
}

func isRightParen(t *Token) bool { return t.Kind == RightParen }

// deferError records an error Spark raises while building its tree: it is
// reported only if the statement parses.
func (p *parser) deferError(e *Error) {
	p.deferred = append(p.deferred, e)
}

// insertDeferred records e so that it is reported before the errors
// recorded since index at: Spark raises it earlier while building its tree.
func (p *parser) insertDeferred(at int, e *Error) {
	if at > len(p.deferred) {
		at = len(p.deferred)
	}
	p.deferred = append(p.deferred, nil)
	copy(p.deferred[at+1:], p.deferred[at:])
	p.deferred[at] = e
}

// enter guards the recursion depth.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		t := p.tok()
		p.fail(newError("FAILED_TO_PARSE_TOO_COMPLEX", t.Pos, t.End))
	}
}

func (p *parser) leave() { p.depth-- }

// Speculation.

type parserState struct {
	i        int
	deferred int
	depth    int
}

func (p *parser) save() parserState {
	return parserState{i: p.i, deferred: len(p.deferred), depth: p.depth}
}

func (p *parser) restore(s parserState) {
	p.i = s.i
	p.deferred = p.deferred[:s.deferred]
	p.depth = s.depth
}

// canSpeculate reports whether speculative parsing is still affordable.
func (p *parser) canSpeculate() bool { return p.budget > 0 }

// speculate runs f; if it fails, the parser state is restored and the
// error returned. When the budget for failed speculation is used up, f
// runs unprotected: its failure is final.
func (p *parser) speculate(f func()) (err *Error) {
	if !p.canSpeculate() {
		f()
		return nil
	}
	s := p.save()
	p.speculating++
	defer func() {
		p.speculating--
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			p.budget -= p.i - s.i + 1
			p.restore(s)
			err = b.err
		}
	}()
	f()
	return nil
}

// probe runs f as a lookahead: whatever f consumes or records is undone,
// and a syntax error in f only ends it. It reports whether f completed.
func (p *parser) probe(f func()) (ok bool) {
	s := p.save()
	defer func() {
		if r := recover(); r != nil {
			if _, isBailout := r.(bailout); !isBailout {
				panic(r)
			}
			ok = false
		}
		p.restore(s)
	}()
	f()
	return true
}

// alt parses with first and, if that fails, with second, like an ANTLR
// decision between two alternatives. If both fail, the error that got
// further into the text is reported.
func (p *parser) alt(first, second func()) {
	err1 := p.speculate(first)
	if err1 == nil {
		return
	}
	err2 := p.speculate(second)
	if err2 == nil {
		return
	}
	if err2.Pos.Offset > err1.Pos.Offset {
		p.fail(err2)
	}
	p.fail(err1)
}

// Statements.

// parseSingleStatement parses Spark's singleStatement: a statement,
// semicolons, end of input.
func (p *parser) parseSingleStatement() ast.Statement {
	st := p.parseStatement()
	p.expectEnd(true)
	return st
}

// parseStatementToEOF parses one statement of ParseStatements.
func (p *parser) parseStatementToEOF() ast.Statement {
	st := p.parseStatement()
	p.expectEnd(false)
	return st
}

// expectEnd requires the end of input, after optional semicolons.
func (p *parser) expectEnd(semicolons bool) {
	n := 0
	if semicolons {
		for p.accept(Semicolon) {
			n++
		}
	}
	if p.at(EOF) {
		return
	}
	if n > 0 {
		p.extraInput()
	}
	if nt := p.peek(1); nt.Kind == EOF || semicolons && nt.Kind == Semicolon {
		p.extraInput()
	}
	p.unexpected()
}

// parseStatement parses a statement: a query, or one of the DML, DDL and
// command statements of stmt.go.
func (p *parser) parseStatement() ast.Statement {
	p.enter()
	defer p.leave()
	if p.atKw(kwFROM) && p.atMultiInsert() {
		return p.parseMultiInsert(nil)
	}
	if !p.atKw(kwWITH) && p.startsQueryHere() {
		return p.parseQuery()
	}
	if st := p.parseNonQuery(); st != nil {
		return st
	}
	p.unexpected()
	return nil
}

// startsQueryHere reports whether the current token can start a query.
//
// A statement starting with FROM is a query, or Hive's multi-insert when
// the FROM clause is followed by INSERT (parseStatement checks that
// first).
func (p *parser) startsQueryHere() bool {
	t := p.tok()
	switch t.Kind {
	case LeftParen:
		return true
	case KeywordTok:
		switch t.Keyword {
		case kwSELECT, kwWITH, kwVALUES, kwTABLE, kwFROM, kwMAP, kwREDUCE:
			return true
		}
	}
	return false
}

// Identifiers.

// isIdent reports whether t can be an identifier (Spark's identifier
// rule), or with strict set a strictIdentifier (allowed as table alias).
func (p *parser) isIdent(t *Token, strict bool) bool {
	switch t.Kind {
	case Ident, BackquotedIdent:
		return true
	case DoubleQuoted:
		return p.opts.DoubleQuotedIdentifiers
	case KeywordTok:
		if strict {
			return t.Keyword.strictIdentifier(p.ansi)
		}
		return t.Keyword.identifier(p.ansi)
	}
	return false
}

// parseIdent parses an identifier (strict: a strictIdentifier).
func (p *parser) parseIdent(strict bool) *ast.Ident {
	t := p.tok()
	if !p.isIdent(t, strict) {
		p.unexpected()
	}
	p.next()
	return p.makeIdent(t)
}

// makeIdent builds the identifier of token t, failing on unquoted
// identifiers with characters other than ASCII letters, digits and '_'.
func (p *parser) makeIdent(t *Token) *ast.Ident {
	text := p.text(t)
	id := p.newIdent()
	id.NamePos, id.NameEnd, id.Name = t.Pos, t.End, text
	switch t.Kind {
	case Ident:
		if t.plain && t.Pos.Offset < t.End.Offset && text[0] > '9' {
			// Scanned as a word of letters, digits and underscores.
			break
		}
		for i := 0; i < len(text); i++ {
			if asciiClass[text[i]&0x7f]&classIdent == 0 || text[i] >= 0x80 {
				p.fail(newError("INVALID_IDENTIFIER", t.Pos, t.End, "ident", text))
			}
		}
	case BackquotedIdent:
		id.Name = strings.ReplaceAll(p.text(t)[1:len(p.text(t))-1], "``", "`")
		id.Quoted = true
	case DoubleQuoted:
		id.Name = strings.ReplaceAll(p.text(t)[1:len(p.text(t))-1], `""`, `"`)
		id.Quoted = true
	}
	return id
}

// parseErrorCapturingIdent parses Spark's errorCapturingIdentifier: an
// identifier, rejecting unquoted names with dashes (test-table) with
// INVALID_IDENTIFIER.
func (p *parser) parseErrorCapturingIdent() *ast.Ident {
	id := p.parseIdent(false)
	if p.at(Minus) && p.isIdent(p.peek(1), false) {
		text := p.text(&p.toks[p.i-1])
		for p.at(Minus) && p.isIdent(p.peek(1), false) {
			p.next()
			text += "-" + p.text(p.next())
		}
		p.fail(newError("INVALID_IDENTIFIER", id.NamePos, p.prevEnd(), "ident", text))
	}
	return id
}

// parseMultipartIdent parses errorCapturingIdentifier (. errorCapturingIdentifier)*.
func (p *parser) parseMultipartIdent() []*ast.Ident {
	var buf [4]*ast.Ident
	parts := append(buf[:0], p.parseErrorCapturingIdent())
	for p.at(Dot) {
		p.next()
		parts = append(parts, p.parseErrorCapturingIdent())
	}
	return p.names(parts)
}

// parseQualifiedName parses identifier (. identifier)*.
func (p *parser) parseQualifiedName() []*ast.Ident {
	var buf [4]*ast.Ident
	parts := append(buf[:0], p.parseIdent(false))
	for p.at(Dot) && p.isIdent(p.peek(1), false) {
		p.next()
		parts = append(parts, p.parseIdent(false))
	}
	return p.names(parts)
}

// parseIdentList parses ( errorCapturingIdentifier, ... ).
func (p *parser) parseIdentList() []*ast.Ident {
	p.expect(LeftParen)
	var ids []*ast.Ident
	for {
		ids = append(ids, p.parseErrorCapturingIdent())
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(len(ids), isRightParen)
	}
	p.next()
	return ids
}

// isIdentList reports whether the tokens from index i are a parenthesized
// list of identifiers: ( id, id, ... ).
func (p *parser) isIdentList(i int) bool {
	if p.tokAt(i).Kind != LeftParen {
		return false
	}
	j := i + 1
	for {
		if !p.isIdent(p.tokAt(j), false) {
			return false
		}
		j++
		switch p.tokAt(j).Kind {
		case Comma:
			j++
		case RightParen:
			return true
		default:
			return false
		}
	}
}

// isMultipartIdentList reports whether the tokens from index i are
// ( a.b, c, ... ).
func (p *parser) isMultipartIdentList(i int) bool {
	if p.tokAt(i).Kind != LeftParen {
		return false
	}
	j := i + 1
	for {
		if !p.isIdent(p.tokAt(j), false) {
			return false
		}
		j++
		switch p.tokAt(j).Kind {
		case Dot:
			j++
		case Comma:
			j++
		case RightParen:
			return true
		default:
			return false
		}
	}
}

// source returns the text between two positions.
func (p *parser) source(from, to ast.Pos) string {
	if from.Offset < 0 || to.Offset > len(p.src) || from.Offset > to.Offset {
		return ""
	}
	return p.src[from.Offset:to.Offset]
}
