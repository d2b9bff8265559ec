package parser

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// aliasCtx says where a named expression appears, which decides whether a
// keyword after an expression is an alias or the start of what follows.
type aliasCtx int

const (
	aliasCtxTop    aliasCtx = iota // a whole expression text (ParseExpression)
	aliasCtxSelect                 // a SELECT list item
	aliasCtxParen                  // inside parentheses: row constructors, STRUCT(...)
	aliasCtxPivot                  // PIVOT aggregates and values
)

// selectClauseKeyword reports keywords that may follow a SELECT list item
// and start the next clause.
func selectClauseKeyword(k Keyword) bool {
	switch k {
	case kwFROM, kwWHERE, kwGROUP, kwHAVING, kwWINDOW, kwORDER, kwSORT, kwCLUSTER,
		kwDISTRIBUTE, kwLIMIT, kwOFFSET, kwUNION, kwEXCEPT, kwSETMINUS, kwINTERSECT,
		kwLATERAL, kwSELECT, kwINTO:
		return true
	}
	return false
}

// keywordIsAlias decides whether keyword token t, found after an
// expression, is its alias. A keyword that could start the next clause is
// an alias only when what follows it could follow an alias (so that
// "SELECT 1 FROM" names the column FROM, while "SELECT a FROM t" does not).
func (p *parser) keywordIsAlias(t *Token, ctx aliasCtx) bool {
	if t.Kind != KeywordTok {
		return true
	}
	nt := p.peek(1)
	switch ctx {
	case aliasCtxSelect:
		if t.is(kwINSERT) && (nt.is(kwINTO) || nt.is(kwOVERWRITE)) {
			// The next INSERT of a multi-insert.
			return false
		}
		if !selectClauseKeyword(t.Keyword) {
			return true
		}
		switch nt.Kind {
		case Comma, RightParen, EOF, Semicolon, OperatorPipe:
			return true
		case KeywordTok:
			if nt.is(kwLATERAL) {
				// LATERAL VIEW may follow the select list; FROM LATERAL (query) starts the
				// FROM clause.
				return p.peekKw(2, kwVIEW)
			}
			// SELECT continues only FROM-first queries.
			return selectClauseKeyword(nt.Keyword) && !nt.is(kwSELECT)
		}
		return false
	case aliasCtxParen, aliasCtxPivot:
		if !t.is(kwFOR) {
			return true
		}
		switch nt.Kind {
		case Comma, RightParen:
			return true
		}
		return nt.is(kwFOR)
	}
	return true
}

// parseNamedExpr parses Spark's namedExpression: an expression with an
// optional alias (AS name, name, AS (a, b), (a, b)).
func (p *parser) parseNamedExpr(ctx aliasCtx) ast.Expr {
	x := p.parseExpr()
	return p.parseAliasOpt(x, ctx)
}

func (p *parser) parseAliasOpt(x ast.Expr, ctx aliasCtx) ast.Expr {
	if p.atKw(kwAS) {
		as := p.next().Pos
		if p.at(LeftParen) {
			names := p.parseIdentList()
			return &ast.Alias{X: x, As: as, Names: names, EndP: p.prevEnd()}
		}
		name := p.parseErrorCapturingIdent()
		a := p.newAlias()
		a.X, a.As, a.Name, a.EndP = x, as, name, name.End()
		return a
	}
	if p.at(LeftParen) && p.isIdentList(p.i) {
		names := p.parseIdentList()
		return &ast.Alias{X: x, Names: names, EndP: p.prevEnd()}
	}
	t := p.tok()
	if t.Kind == DoubleQuoted && !p.opts.DoubleQuotedIdentifiers {
		// Spark's parser sees a name here that its double-quote predicate
		// rejects, and reports this token.
		p.unexpected()
	}
	if p.isIdent(t, false) && p.keywordIsAlias(t, ctx) && !(p.forQuery > 0 && t.is(kwDO)) {
		name := p.parseErrorCapturingIdent()
		a := p.newAlias()
		a.X, a.Name, a.EndP = x, name, name.End()
		return a
	}
	return x
}

// canStartExpr reports whether t can be the first token of an expression.
func (p *parser) canStartExpr(t *Token) bool {
	switch t.Kind {
	case Ident, BackquotedIdent, String, DoubleQuoted, BigIntLiteral, SmallIntLiteral,
		TinyIntLiteral, IntegerValue, ExponentValue, DecimalValue, FloatLiteral, DoubleLiteral,
		BigDecimalLiteral, LeftParen, Minus, Plus, Tilde, Bang, Asterisk, Question, Colon:
		return true
	case KeywordTok:
		if t.Keyword.identifier(p.ansi) {
			return true
		}
		switch t.Keyword {
		case kwNOT, kwCASE, kwCAST, kwNULL, kwTRUE, kwFALSE, kwCURRENT_DATE, kwCURRENT_TIMESTAMP,
			kwCURRENT_USER, kwUSER, kwSESSION_USER, kwCURRENT_TIME, kwLEFT, kwRIGHT, kwFILTER, kwEXISTS,
			kwINTERVAL, kwDATE, kwTIME, kwTIMESTAMP, kwTIMESTAMP_NTZ, kwTIMESTAMP_LTZ, kwSTRUCT:
			return true
		}
	}
	return false
}

// isStringTok reports whether t is a string literal token (a double-quoted
// text is one unless double quotes delimit identifiers).
func (p *parser) isStringTok(t *Token) bool {
	return t.Kind == String || t.Kind == DoubleQuoted && !p.opts.DoubleQuotedIdentifiers
}

func isNumberTok(t *Token) bool {
	switch t.Kind {
	case BigIntLiteral, SmallIntLiteral, TinyIntLiteral, IntegerValue, ExponentValue,
		DecimalValue, FloatLiteral, DoubleLiteral, BigDecimalLiteral:
		return true
	}
	return false
}

// parseExpr parses Spark's expression (booleanExpression).
func (p *parser) parseExpr() ast.Expr {
	p.enter()
	defer p.leave()
	x := p.parseAnd()
	for p.atKw(kwOR) && p.canStartExpr(p.peek(1)) {
		op := p.next()
		y := p.parseAnd()
		x = p.binary(ast.OpOr, op, x, y)
	}
	return x
}

func (p *parser) parseAnd() ast.Expr {
	x := p.parseNot()
	for p.atKw(kwAND) && p.canStartExpr(p.peek(1)) {
		op := p.next()
		y := p.parseNot()
		x = p.binary(ast.OpAnd, op, x, y)
	}
	return x
}

// parseNot parses NOT/! prefixes, EXISTS (query), and predicated
// expressions: NOT binds tighter than AND and OR.
func (p *parser) parseNot() ast.Expr {
	t := p.tok()
	if t.Kind == Bang || t.is(kwNOT) && p.canStartExpr(p.peek(1)) {
		p.enter()
		defer p.leave()
		p.next()
		x := p.parseNot()
		return &ast.UnaryExpr{Op: ast.OpNot, OpPos: t.Pos, OpText: p.text(t), X: x}
	}
	if t.is(kwEXISTS) && p.peek(1).Kind == LeftParen && p.startsQueryAt(p.i+2) {
		p.next()
		p.next()
		q := p.parseQuery()
		rp := p.expectClose()
		return &ast.Exists{Exists: t.Pos, Query: q, Rparen: rp.End}
	}
	x := p.parseValueExpr(1)
	return p.parsePredicate(x)
}

// parsePredicate parses the optional predicate after a value expression:
// [NOT] BETWEEN, [NOT] IN, [NOT] LIKE/ILIKE/RLIKE, IS [NOT] ...
func (p *parser) parsePredicate(x ast.Expr) ast.Expr {
	t := p.tok()
	predStart := t.Pos
	not := false
	if t.Kind == Bang || t.is(kwNOT) {
		nt := p.peek(1)
		if nt.Kind != KeywordTok {
			return x
		}
		switch nt.Keyword {
		case kwBETWEEN, kwIN, kwRLIKE, kwLIKE, kwILIKE:
		default:
			return x
		}
		not = true
		if bang := p.next(); bang.Kind == Bang {
			p.blockBang(bang)
		}
		t = p.tok()
	}
	if t.Kind != KeywordTok {
		return x
	}
	switch t.Keyword {
	case kwBETWEEN:
		if !not && !p.canStartExpr(p.peek(1)) {
			return x
		}
		p.next()
		lo := p.parseValueExpr(1)
		p.expectKw(kwAND)
		hi := p.parseValueExpr(1)
		b := p.newBetween()
		b.X, b.Not, b.Lo, b.Hi = x, not, lo, hi
		return b
	case kwIN:
		if p.peek(1).Kind != LeftParen {
			if not {
				p.next()
				p.unexpected()
			}
			return x
		}
		p.next()
		lp := p.i
		if p.inStartsQuery(lp) {
			p.next()
			q := p.parseQuery()
			rp := p.expectClose()
			return &ast.InSubquery{X: x, Not: not, Query: q, Rparen: rp.End}
		}
		p.next()
		var buf [8]ast.Expr
		list := buf[:0]
		for {
			list = append(list, p.parseExpr())
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(list), isRightParen)
		}
		rp := p.next()
		return &ast.InList{X: x, Not: not, List: p.exprs(list), Rparen: rp.End}
	case kwRLIKE:
		if !not && !p.canStartExpr(p.peek(1)) {
			return x
		}
		p.next()
		pat := p.parseValueExpr(1)
		return &ast.Like{X: x, Not: not, Op: ast.OpRLike, OpText: p.text(t), Pattern: pat, EndPos: pat.End()}
	case kwLIKE, kwILIKE:
		if !not && !p.canStartExpr(p.peek(1)) {
			return x
		}
		p.next()
		op := ast.OpLike
		if t.Keyword == kwILIKE {
			op = ast.OpILike
		}
		lk := &ast.Like{X: x, Not: not, Op: op, OpText: p.text(t)}
		if q := p.tok(); (q.is(kwANY) || q.is(kwSOME) || q.is(kwALL)) && p.peek(1).Kind == LeftParen {
			p.next()
			lk.Quantifier = strings.ToUpper(p.text(q))
			p.next()
			if !p.at(RightParen) {
				for {
					lk.Patterns = append(lk.Patterns, p.parseExpr())
					if p.accept(Comma) {
						continue
					}
					if p.at(RightParen) {
						break
					}
					p.listEnd(len(lk.Patterns), isRightParen)
				}
			}
			rp := p.next()
			lk.EndPos = rp.End
			if len(lk.Patterns) == 0 {
				p.deferError(newError("_LEGACY_ERROR_TEMP_0064", predStart, rp.End,
					"msg", "Expected something between '(' and ')'."))
			}
			return lk
		}
		lk.Pattern = p.parseValueExpr(1)
		lk.EndPos = lk.Pattern.End()
		if p.atKw(kwESCAPE) && p.isStringTok(p.peek(1)) {
			p.next()
			st := p.next()
			lk.Escape = p.stringLiteral([]*Token{st})
			lk.EndPos = st.End
			if n := len([]rune(lk.Escape.Value)); n != 1 {
				p.deferError(newError("INVALID_ESC", predStart, st.End,
					"invalidEscape", toSQLValue(lk.Escape.Value)))
			}
		}
		return lk
	case kwIS:
		if not {
			return x
		}
		j := 1
		neg := false
		nt := p.peek(1)
		if nt.is(kwNOT) || nt.Kind == Bang {
			neg = true
			j = 2
		}
		if k := p.peek(j); nt.Kind == Bang && (k.is(kwNULL) || k.is(kwTRUE) || k.is(kwFALSE) ||
			k.is(kwUNKNOWN) || k.is(kwDISTINCT) && p.peekKw(j+1, kwFROM)) {
			p.blockBang(nt)
		}
		k := p.peek(j)
		if k.Kind != KeywordTok {
			return x
		}
		switch k.Keyword {
		case kwNULL, kwTRUE, kwFALSE, kwUNKNOWN:
			for n := 0; n <= j; n++ {
				p.next()
			}
			what := ast.IsNull
			switch k.Keyword {
			case kwTRUE:
				what = ast.IsTrue
			case kwFALSE:
				what = ast.IsFalse
			case kwUNKNOWN:
				what = ast.IsUnknown
			}
			return &ast.Is{X: x, Not: neg, What: what, EndPos: k.End}
		case kwDISTINCT:
			if !p.peek(j + 1).is(kwFROM) {
				return x
			}
			for n := 0; n <= j+1; n++ {
				p.next()
			}
			y := p.parseValueExpr(1)
			return &ast.IsDistinctFrom{X: x, Y: y, Not: neg}
		}
		return x
	}
	if not {
		p.unexpected()
	}
	return x
}

// blockBang records Spark's error for '!' used as infix NOT (x ! IN ...,
// x IS ! NULL, NOT NULL written ! NULL).
func (p *parser) blockBang(t *Token) {
	p.deferError(newError("SYNTAX_DISCONTINUED.BANG_EQUALS_NOT", t.Pos, t.End, "clause", "!"))
}

// Binary operator precedence levels of valueExpression, lowest first.
const (
	precComparison = 1 + iota
	precBitOr
	precBitXor
	precBitAnd
	precShift
	precAdditive
	precMultiplicative
)

// binaryOp returns the operator at the current token and its precedence.
func (p *parser) binaryOp() (ast.BinaryOp, int, bool) {
	t := p.tok()
	switch t.Kind {
	case Eq:
		return ast.OpEq, precComparison, true
	case NullSafeEq:
		return ast.OpNullSafeEq, precComparison, true
	case Neq, NeqJ:
		return ast.OpNotEq, precComparison, true
	case Lt:
		return ast.OpLt, precComparison, true
	case Lte:
		return ast.OpLtEq, precComparison, true
	case Gt:
		return ast.OpGt, precComparison, true
	case Gte:
		return ast.OpGtEq, precComparison, true
	case Pipe:
		return ast.OpBitOr, precBitOr, true
	case Hat:
		return ast.OpBitXor, precBitXor, true
	case Ampersand:
		return ast.OpBitAnd, precBitAnd, true
	case ShiftLeft:
		return ast.OpShiftLeft, precShift, true
	case ShiftRight:
		return ast.OpShiftRight, precShift, true
	case ShiftRightU:
		return ast.OpShiftRightU, precShift, true
	case Plus:
		return ast.OpAdd, precAdditive, true
	case Minus:
		return ast.OpSub, precAdditive, true
	case ConcatPipe:
		return ast.OpConcat, precAdditive, true
	case Asterisk:
		return ast.OpMul, precMultiplicative, true
	case Slash:
		return ast.OpDiv, precMultiplicative, true
	case Percent:
		return ast.OpMod, precMultiplicative, true
	case KeywordTok:
		if t.Keyword == kwDIV && p.canStartExpr(p.peek(1)) {
			return ast.OpIntDiv, precMultiplicative, true
		}
	}
	return 0, 0, false
}

// parseValueExpr parses Spark's valueExpression by precedence climbing:
// comparison < | < ^ < & < shifts < + - || < * / % DIV < unary.
func (p *parser) parseValueExpr(minPrec int) ast.Expr {
	x := p.parseUnary()
	for {
		op, prec, ok := p.binaryOp()
		if !ok || prec < minPrec {
			return x
		}
		t := p.next()
		y := p.parseValueExpr(prec + 1)
		x = p.binary(op, t, x, y)
	}
}

// binary builds the binary expression x op y of operator token t.
func (p *parser) binary(op ast.BinaryOp, t *Token, x, y ast.Expr) ast.Expr {
	b := p.newBinaryExpr()
	b.Op, b.OpPos, b.OpText, b.X, b.Y = op, t.Pos, p.text(t), x, y
	return b
}

// parseUnary parses - + ~ prefixes. A minus directly before a number is
// part of the numeric literal, as in Spark (so -128Y is a valid TINYINT).
func (p *parser) parseUnary() ast.Expr {
	t := p.tok()
	switch t.Kind {
	case Minus, Plus, Tilde:
		if t.Kind == Minus && isNumberTok(p.peek(1)) {
			break
		}
		p.enter()
		defer p.leave()
		p.next()
		x := p.parseUnary()
		op := ast.OpNeg
		switch t.Kind {
		case Plus:
			op = ast.OpPlus
		case Tilde:
			op = ast.OpBitNot
		}
		return &ast.UnaryExpr{Op: op, OpPos: t.Pos, OpText: p.text(t), X: x}
	}
	return p.parsePostfix(p.parsePrimary())
}

// parsePostfix parses subscripts, field accesses, :: casts, COLLATE and
// :path extractions after a primary expression.
func (p *parser) parsePostfix(x ast.Expr) ast.Expr {
	for {
		t := p.tok()
		switch {
		case t.Kind == LeftBracket:
			p.next()
			idx := p.parseValueExpr(1)
			rb := p.expect(RightBracket)
			x = &ast.Subscript{X: x, Lbrack: t.Pos, Index: idx, Rbrack: rb.End}
		case t.Kind == Dot && p.isIdent(p.peek(1), false):
			p.next()
			f := p.parseIdent(false)
			x = &ast.FieldAccess{X: x, Field: f}
		case t.Kind == DoubleColon:
			p.next()
			dt := p.parseDataType()
			x = &ast.Cast{Kind: ast.CastColons, Start: x.Pos(), X: x, Type: dt, EndPos: dt.End()}
		case t.Kind == Colon && p.startsExtractPath():
			x = p.parseExtractPath(x)
		case t.is(kwCOLLATE) && p.isIdent(p.peek(1), false):
			p.next()
			name := p.parseMultipartIdent()
			x = &ast.Collate{X: x, CollatePs: t.Pos, Name: name}
		default:
			return x
		}
	}
}

// parsePrimary parses Spark's primaryExpression without its postfix forms.
func (p *parser) parsePrimary() ast.Expr {
	p.enter()
	defer p.leave()
	t := p.tok()
	switch t.Kind {
	case Minus:
		return p.parseNumber()
	case BigIntLiteral, SmallIntLiteral, TinyIntLiteral, IntegerValue, ExponentValue,
		DecimalValue, FloatLiteral, DoubleLiteral, BigDecimalLiteral:
		return p.parseNumber()
	case String:
		return p.parseStringLit()
	case DoubleQuoted:
		if !p.opts.DoubleQuotedIdentifiers {
			if nt := p.peek(1); nt.Kind == LeftParen || nt.Kind == Dot || nt.Kind == Arrow {
				// Only an identifier could go on like this; Spark's
				// parser rejects the double-quoted name itself.
				p.unexpected()
			}
			return p.parseStringLit()
		}
		return p.parseIdentPrimary()
	case Question:
		p.next()
		return &ast.Param{Mark: t.Pos, EndP: t.End}
	case Colon:
		if p.isIdent(p.peek(1), false) {
			p.next()
			id := p.parseIdent(false)
			return &ast.Param{Mark: t.Pos, Name: id.Name, Ident: id, EndP: id.End()}
		}
	case Asterisk:
		p.next()
		return p.parseStarRest(nil, t.Pos)
	case LeftParen:
		return p.parseParenPrimary()
	case Ident, BackquotedIdent:
		return p.parseIdentPrimary()
	case KeywordTok:
		if x := p.parseKeywordPrimary(); x != nil {
			return x
		}
		if p.isIdent(t, false) {
			return p.parseIdentPrimary()
		}
		if (t.is(kwLEFT) || t.is(kwRIGHT) || t.is(kwFILTER)) && p.peek(1).Kind == LeftParen {
			p.next()
			name := []*ast.Ident{{NamePos: t.Pos, NameEnd: t.End, Name: p.text(t)}}
			return p.parseFuncCall(name, nil, t.Pos, funcPlain)
		}
	}
	p.unexpected()
	return nil
}

// parseStarRest parses the rest of * or qualifier.*: an optional
// EXCEPT (col, ...) list.
func (p *parser) parseStarRest(qual []*ast.Ident, starPos ast.Pos) ast.Expr {
	star := &ast.Star{Qualifier: qual, StarPos: starPos, EndPos: p.prevEnd()}
	if p.atKw(kwEXCEPT) && p.isMultipartIdentList(p.i+1) {
		star.ExceptPos = p.next().Pos
		p.next()
		for {
			star.Except = append(star.Except, p.parseMultipartIdent())
			if !p.accept(Comma) {
				break
			}
		}
		star.EndPos = p.expect(RightParen).End
	}
	return star
}

// parseIdentPrimary parses what starts with an identifier: a lambda x ->
// body, a typed literal with an unsupported type name, a function call, a
// qualified star, or a column reference.
func (p *parser) parseIdentPrimary() ast.Expr {
	t := p.tok()
	nt := p.peek(1)
	if nt.Kind == Arrow {
		id := p.parseIdent(false)
		arrow := p.next()
		body := p.parseExpr()
		return &ast.Lambda{Params: []*ast.Ident{id}, Arrow: arrow.Pos, Body: body}
	}
	if p.isStringTok(nt) {
		// literalType stringLit with a type Spark does not know.
		id := p.parseIdent(false)
		st := p.next()
		lit := p.stringLiteral([]*Token{st})
		p.deferError(newError("UNSUPPORTED_TYPED_LITERAL", t.Pos, st.End,
			"unsupportedType", toSQLType(id.Name),
			"supportedTypes", `"DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME"`))
		return &ast.TypedLiteral{Kind: ast.DateLiteral, TypePos: t.Pos, TypeName: p.text(t), Value: lit}
	}
	parts := p.parseQualifiedName()
	if p.at(LeftParen) {
		return p.parseFuncCall(parts, nil, t.Pos, funcPlain)
	}
	if p.at(Dot) && p.peek(1).Kind == Asterisk {
		p.next()
		star := p.next()
		return p.parseStarRest(parts, star.Pos)
	}
	c := p.newColumnRef()
	c.Parts = parts
	return c
}

// parseParenPrimary parses what starts with '(': a scalar subquery, a
// lambda (x, y) -> body, a row (a, b) or a parenthesized expression.
func (p *parser) parseParenPrimary() ast.Expr {
	lp := p.tok()
	if p.startsQueryAt(p.i + 1) {
		p.next()
		q := p.parseQuery()
		rp := p.expectClose()
		return &ast.Subquery{Lparen: lp.Pos, Query: q, Rparen: rp.End}
	}
	if p.isParenLambda(p.i) {
		p.next()
		var params []*ast.Ident
		for {
			params = append(params, p.parseIdent(false))
			if !p.accept(Comma) {
				break
			}
		}
		p.expect(RightParen)
		arrow := p.expect(Arrow)
		body := p.parseExpr()
		return &ast.Lambda{Lparen: lp.Pos, Params: params, Arrow: arrow.Pos, Body: body}
	}
	p.next()
	first := p.parseNamedExpr(aliasCtxParen)
	if p.at(Comma) {
		items := []ast.Expr{first}
		for {
			if p.accept(Comma) {
				items = append(items, p.parseNamedExpr(aliasCtxParen))
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(items), isRightParen)
		}
		rp := p.next()
		return &ast.RowExpr{Lparen: lp.Pos, Rparen: rp.End, Items: items}
	}
	if _, ok := first.(*ast.Alias); ok {
		// (a AS b) is neither a row (which needs two items) nor a
		// parenthesized expression (which takes no alias).
		p.unexpected()
	}
	// Spark decides between a row and a parenthesized expression only
	// at the ',' or ')', so a missing ')' gets no hint.
	if !p.at(RightParen) {
		p.unexpected()
	}
	rp := p.next()
	return &ast.ParenExpr{Lparen: lp.Pos, Rparen: rp.End, X: first}
}

// isParenLambda reports whether the tokens at i are (a, b, ...) ->.
func (p *parser) isParenLambda(i int) bool {
	j := i + 1
	n := 0
	for {
		if !p.isIdent(p.tokAt(j), false) {
			return false
		}
		n++
		j++
		if p.tokAt(j).Kind != Comma {
			break
		}
		j++
	}
	return n >= 2 && p.tokAt(j).Kind == RightParen && p.tokAt(j+1).Kind == Arrow
}

// startsQueryAt reports whether the token at j starts a query, as after
// the '(' of a subquery.
func (p *parser) startsQueryAt(j int) bool {
	for depth := 0; depth < maxDepth; depth++ {
		t := p.tokAt(j)
		switch t.Kind {
		case KeywordTok:
			nt := p.tokAt(j + 1)
			switch t.Keyword {
			case kwSELECT:
				return true
			case kwWITH:
				return p.isIdent(nt, false) || nt.is(kwRECURSIVE)
			case kwVALUES:
				return p.canStartExpr(nt)
			case kwTABLE, kwFROM:
				return p.isIdent(nt, false) || nt.Kind == LeftParen
			}
			return false
		case LeftParen:
			m := p.matchAt(j)
			if m < 0 {
				return false
			}
			switch after := p.tokAt(m + 1); after.Kind {
			case RightParen, OperatorPipe:
			case KeywordTok:
				switch after.Keyword {
				case kwUNION, kwEXCEPT, kwSETMINUS, kwINTERSECT, kwORDER, kwSORT, kwCLUSTER,
					kwDISTRIBUTE, kwLIMIT, kwOFFSET, kwWINDOW:
				default:
					return false
				}
			default:
				return false
			}
			j++
		default:
			return false
		}
	}
	return false
}

// inStartsQuery reports whether the '(' at lp after IN holds a query. A
// single parenthesized query, IN ((SELECT ...)), is a list of one scalar
// subquery, the first of Spark's two matching alternatives.
func (p *parser) inStartsQuery(lp int) bool {
	if !p.startsQueryAt(lp + 1) {
		return false
	}
	if p.tokAt(lp+1).Kind == LeftParen {
		if m := p.matchAt(lp + 1); m >= 0 && p.tokAt(m+1).Kind == RightParen {
			return false
		}
	}
	return true
}

// parseKeywordPrimary parses the primary expressions introduced by a
// keyword. It returns nil when the keyword is used as an identifier.
func (p *parser) parseKeywordPrimary() ast.Expr {
	t := p.tok()
	nt := p.peek(1)
	call := nt.Kind == LeftParen
	switch t.Keyword {
	case kwNULL:
		if !call {
			p.next()
			return &ast.Literal{Kind: ast.NullLit, ValuePos: t.Pos, ValueEnd: t.End, Raw: p.text(t), Type: ast.TypeNull}
		}
	case kwTRUE, kwFALSE:
		if !call {
			p.next()
			return &ast.Literal{Kind: ast.BoolLit, ValuePos: t.Pos, ValueEnd: t.End, Raw: p.text(t),
				Value: strings.ToLower(p.text(t)), Type: ast.TypeBoolean}
		}
	case kwINTERVAL:
		if p.startsIntervalValue(1) {
			return p.parseInterval()
		}
		if nt.Kind == DoubleQuoted && isUnitInMultiUnits(p.peek(2)) {
			// INTERVAL "1" DAY when double quotes delimit identifiers:
			// Spark's parser rejects the quoted value.
			p.next()
			p.unexpected()
		}
	case kwDATE, kwTIME, kwTIMESTAMP, kwTIMESTAMP_NTZ, kwTIMESTAMP_LTZ, kwBINARY_HEX:
		if p.isStringTok(nt) {
			return p.parseTypedLiteral()
		}
	case kwCURRENT_DATE, kwCURRENT_TIMESTAMP, kwCURRENT_TIME, kwCURRENT_USER, kwUSER, kwSESSION_USER:
		if !call {
			p.next()
			return &ast.CurrentLike{NamePos: t.Pos, Name: strings.ToUpper(p.text(t)), EndP: t.End}
		}
	case kwCASE:
		if nt.is(kwWHEN) || p.canStartExpr(nt) && !(nt.Kind == KeywordTok && selectClauseKeyword(nt.Keyword)) && nt.Kind != Asterisk {
			return p.parseCase()
		}
	case kwCAST, kwTRY_CAST:
		if call {
			return p.parseCast()
		}
	case kwSTRUCT:
		if call {
			p.next()
			name := []*ast.Ident{{NamePos: t.Pos, NameEnd: t.End, Name: p.text(t)}}
			return p.parseFuncCall(name, nil, t.Pos, funcStruct)
		}
	case kwFIRST, kwLAST, kwANY_VALUE:
		if call {
			p.next()
			name := []*ast.Ident{{NamePos: t.Pos, NameEnd: t.End, Name: p.text(t)}}
			return p.parseFuncCall(name, nil, t.Pos, funcNullsInside)
		}
	case kwEXTRACT:
		if call && p.isIdent(p.peek(2), false) && p.peek(3).is(kwFROM) {
			return p.parseExtract()
		}
	case kwPOSITION:
		// POSITION(substr IN str) has a top-level IN; otherwise it is an
		// ordinary call.
		if call && p.scanArgs(p.i+1).has(kwIN) {
			return p.parsePosition()
		}
	case kwSUBSTR, kwSUBSTRING:
		if call {
			a := p.scanArgs(p.i + 1)
			switch {
			case a.has(kwFROM):
				return p.parseSubstring()
			case a.commas == 1 || a.commas == 2:
				return p.specialOrCall(p.parseSubstring)
			}
		}
	case kwTRIM:
		if call && p.scanArgs(p.i+1).has(kwFROM) {
			return p.parseTrim()
		}
	case kwOVERLAY:
		if call && p.scanArgs(p.i+1).has(kwPLACING) {
			return p.parseOverlay()
		}
	case kwTIMESTAMPADD, kwDATEADD, kwDATE_ADD, kwTIMESTAMPDIFF, kwDATEDIFF, kwDATE_DIFF, kwTIMEDIFF:
		if call && (isDatetimeUnit(p.peek(2)) || p.isStringTok(p.peek(2))) && p.peek(3).Kind == Comma &&
			p.scanArgs(p.i+1).commas == 2 {
			return p.specialOrCall(p.parseDatetimeFunc)
		}
	case kwIDENTIFIER_KW:
		if call {
			// IDENTIFIER(expr)(args) calls the function named by expr;
			// IDENTIFIER(expr) alone is the function "identifier".
			if m := p.matchAt(p.i + 1); m > 0 && p.tokAt(m+1).Kind == LeftParen {
				p.next()
				p.next()
				e := p.parseExpr()
				p.expectClose()
				return p.parseFuncCall(nil, e, t.Pos, funcPlain)
			}
		}
	}
	return nil
}

// argScan summarizes the tokens between a '(' and its ')' outside nested
// parentheses.
type argScan struct {
	commas   int
	keywords []Keyword
}

func (a argScan) has(k Keyword) bool {
	for _, x := range a.keywords {
		if x == k {
			return true
		}
	}
	return false
}

// scanArgs scans the arguments of the '(' at index lp.
func (p *parser) scanArgs(lp int) argScan {
	var a argScan
	end := p.matchAt(lp)
	if end < 0 {
		end = len(p.toks) - 1
	}
	for j := lp + 1; j < end; j++ {
		t := &p.toks[j]
		switch t.Kind {
		case LeftParen:
			if m := p.matchAt(j); m > j {
				j = m
			} else {
				return a
			}
		case Comma:
			a.commas++
		case KeywordTok:
			switch t.Keyword {
			case kwIN, kwFROM, kwFOR, kwPLACING:
				a.keywords = append(a.keywords, t.Keyword)
			}
		}
	}
	return a
}

// specialOrCall parses a function with a special syntax, falling back to
// an ordinary call, like Spark's grammar which has both alternatives.
func (p *parser) specialOrCall(special func() ast.Expr) ast.Expr {
	var x ast.Expr
	p.alt(func() { x = special() }, func() { x = p.parseIdentPrimary() })
	return x
}

func isDatetimeUnit(t *Token) bool {
	if t.Kind != KeywordTok {
		return false
	}
	switch t.Keyword {
	case kwYEAR, kwQUARTER, kwMONTH, kwWEEK, kwDAY, kwDAYOFYEAR, kwHOUR, kwMINUTE, kwSECOND,
		kwMILLISECOND, kwMICROSECOND:
		return true
	}
	return false
}

func (p *parser) parseDatetimeFunc() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	f := &ast.DatetimeFunc{NamePos: t.Pos, Name: strings.ToUpper(p.text(t))}
	switch t.Keyword {
	case kwTIMESTAMPDIFF, kwDATEDIFF, kwDATE_DIFF, kwTIMEDIFF:
		f.Diff = true
	}
	u := p.tok()
	switch {
	case isDatetimeUnit(u):
		p.next()
		f.Unit = strings.ToUpper(p.text(u))
		f.UnitPos = u.Pos
	case p.isStringTok(u):
		p.next()
		f.Unit = p.text(u)
		f.UnitPos = u.Pos
	default:
		p.unexpected()
	}
	p.expect(Comma)
	f.X = p.parseValueExpr(1)
	p.expect(Comma)
	f.Y = p.parseValueExpr(1)
	f.Rparen = p.expectClose().End
	if u.Kind != KeywordTok {
		p.deferError(newError("INVALID_PARAMETER_VALUE.DATETIME_UNIT", t.Pos, f.Rparen,
			"functionName", toSQLID(p.text(t)), "parameter", toSQLID("unit"), "invalidValue", p.text(u)))
	}
	return f
}

func (p *parser) parsePosition() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	sub := p.parseValueExpr(1)
	p.expectKw(kwIN)
	str := p.parseValueExpr(1)
	rp := p.expectClose()
	return &ast.Position{PosKw: t.Pos, Substr: sub, Str: str, Rparen: rp.End}
}

func (p *parser) parseExtract() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	field := p.parseIdent(false)
	p.expectKw(kwFROM)
	src := p.parseValueExpr(1)
	rp := p.expectClose()
	return &ast.Extract{Extract: t.Pos, Field: field, Source: src, Rparen: rp.End}
}

func (p *parser) parseSubstring() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	s := &ast.Substring{NamePos: t.Pos, Name: strings.ToUpper(p.text(t))}
	s.Str = p.parseValueExpr(1)
	if p.acceptKw(kwFROM) {
		s.From = true
	} else {
		p.expect(Comma)
	}
	s.Start = p.parseValueExpr(1)
	if p.acceptKw(kwFOR) || p.accept(Comma) {
		s.Length = p.parseValueExpr(1)
	}
	s.Rparen = p.expectClose().End
	return s
}

func (p *parser) parseTrim() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	tr := &ast.Trim{Trim: t.Pos}
	if o := p.tok(); o.is(kwBOTH) || o.is(kwLEADING) || o.is(kwTRAILING) {
		if nt := p.peek(1); nt.is(kwFROM) || p.canStartExpr(nt) {
			p.next()
			tr.Option = strings.ToUpper(p.text(o))
		}
	}
	if !p.atKw(kwFROM) {
		tr.Chars = p.parseValueExpr(1)
	}
	p.expectKw(kwFROM)
	tr.Str = p.parseValueExpr(1)
	tr.Rparen = p.expectClose().End
	return tr
}

func (p *parser) parseOverlay() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	o := &ast.Overlay{Overlay: t.Pos}
	o.Input = p.parseValueExpr(1)
	p.expectKw(kwPLACING)
	o.Replace = p.parseValueExpr(1)
	p.expectKw(kwFROM)
	o.Position = p.parseValueExpr(1)
	if p.acceptKw(kwFOR) {
		o.Length = p.parseValueExpr(1)
	}
	o.Rparen = p.expectClose().End
	return o
}

func (p *parser) parseCase() ast.Expr {
	t := p.next()
	c := &ast.Case{Case: t.Pos}
	if !p.atKw(kwWHEN) {
		c.Operand = p.parseExpr()
	}
	var buf [8]*ast.When
	whens := buf[:0]
	for {
		w := p.expectKw(kwWHEN)
		cond := p.parseExpr()
		p.expectKw(kwTHEN)
		res := p.parseExpr()
		wn := p.newWhen()
		wn.When, wn.Cond, wn.Result = w.Pos, cond, res
		whens = append(whens, wn)
		if !p.atKw(kwWHEN) {
			break
		}
	}
	c.Whens = p.nodes.whenLists.copyOf(whens)
	if p.acceptKw(kwELSE) {
		c.Else = p.parseExpr()
	}
	c.EndPos = p.expectKw(kwEND).End
	return c
}

func (p *parser) parseCast() ast.Expr {
	t := p.next()
	p.expect(LeftParen)
	c := &ast.Cast{Kind: ast.CastFunc, Start: t.Pos}
	if t.is(kwTRY_CAST) {
		c.Kind = ast.TryCastFunc
	}
	c.X = p.parseExpr()
	p.expectKw(kwAS)
	c.Type = p.parseDataType()
	c.EndPos = p.expectClose().End
	return c
}

// Function calls.

type funcKind int

const (
	funcPlain       funcKind = iota
	funcStruct               // STRUCT(...): arguments may be named with AS
	funcNullsInside          // first/last/any_value: (x IGNORE NULLS)
	funcTable                // a table-valued function: TABLE arguments allowed
)

// parseFuncCall parses the arguments and trailing clauses of a function
// call; the name has been consumed and the current token is '('.
func (p *parser) parseFuncCall(name []*ast.Ident, nameExpr ast.Expr, start ast.Pos, kind funcKind) *ast.FuncCall {
	lp := p.expect(LeftParen)
	fc := p.newFuncCall()
	fc.Name, fc.NameExpr, fc.NameStart, fc.Lparen = name, nameExpr, start, lp.Pos
	if !p.at(RightParen) {
		if kind != funcStruct {
			if q := p.tok(); (q.is(kwDISTINCT) || q.is(kwALL)) && p.canStartExpr(p.peek(1)) && p.peek(1).Kind != RightParen {
				p.next()
				fc.Quantifier = ast.QuantDistinct
				if q.is(kwALL) {
					fc.Quantifier = ast.QuantAll
				}
			}
		}
		var buf [8]ast.Expr
		args := buf[:0]
		for {
			var arg ast.Expr
			switch kind {
			case funcStruct:
				arg = p.parseNamedExpr(aliasCtxParen)
			case funcTable:
				arg = p.parseTableFuncArg()
			default:
				arg = p.parseFuncArg()
			}
			args = append(args, arg)
			if kind == funcNullsInside && len(args) == 1 && fc.Quantifier == ast.QuantNone &&
				p.atKw(kwIGNORE) && p.peekKw(1, kwNULLS) {
				p.next()
				p.next()
				fc.Nulls = ast.IgnoreNulls
				fc.NullsInside = true
				break
			}
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(args), isRightParen)
		}
		fc.Args = p.exprs(args)
	}
	rp := p.expectClose()
	fc.Rparen = rp.Pos
	fc.EndPos = rp.End
	if kind == funcTable {
		return fc
	}
	if p.atKw(kwWITHIN) && p.peekKw(1, kwGROUP) && p.peek(2).Kind == LeftParen {
		p.next()
		p.next()
		p.next()
		p.expectKw(kwORDER)
		p.expectKw(kwBY)
		fc.WithinGroup = p.parseSortItems(isRightParen)
		fc.EndPos = p.expectClose().End
	}
	if p.atKw(kwFILTER) && p.peek(1).Kind == LeftParen && p.peekKw(2, kwWHERE) {
		p.next()
		p.next()
		p.next()
		fc.Filter = p.parseExpr()
		fc.EndPos = p.expectClose().End
	}
	if (p.atKw(kwIGNORE) || p.atKw(kwRESPECT)) && p.peekKw(1, kwNULLS) && !fc.NullsInside {
		fc.Nulls = ast.IgnoreNulls
		if p.atKw(kwRESPECT) {
			fc.Nulls = ast.RespectNulls
		}
		p.next()
		fc.EndPos = p.next().End
	}
	if p.atKw(kwOVER) {
		nt := p.peek(1)
		if nt.Kind == LeftParen || p.isIdent(nt, false) && !(nt.Kind == KeywordTok && selectClauseKeyword(nt.Keyword)) {
			p.next()
			fc.Over = p.parseWindowSpec()
			fc.EndPos = fc.Over.End()
		}
	}
	return fc
}

// parseFuncArg parses an argument: an expression or name => expression.
func (p *parser) parseFuncArg() ast.Expr {
	if p.peek(1).Kind == FatArrow && p.isIdent(p.tok(), false) {
		name := p.parseIdent(false)
		arrow := p.next()
		v := p.parseExpr()
		return &ast.NamedArg{Name: name, Arrow: arrow.Pos, Value: v}
	}
	return p.parseExpr()
}

// parseSortItems parses sortItem (, sortItem)*; ends tells which tokens
// may follow the list inside its construct (nil: the list may end anywhere).
func (p *parser) parseSortItems(ends func(*Token) bool) []*ast.SortItem {
	var buf [8]*ast.SortItem
	items := buf[:0]
	for {
		items = append(items, p.parseSortItem())
		if p.accept(Comma) {
			continue
		}
		if ends == nil || ends(p.tok()) {
			return p.nodes.sortLists.copyOf(items)
		}
		p.listEnd(len(items), ends)
	}
}

func (p *parser) parseSortItem() *ast.SortItem {
	x := p.parseExpr()
	s := p.newSortItem()
	s.X, s.EndPos = x, x.End()
	if t := p.tok(); t.is(kwASC) || t.is(kwDESC) {
		p.next()
		s.Dir = ast.SortAsc
		if t.is(kwDESC) {
			s.Dir = ast.SortDesc
		}
		s.EndPos = t.End
	}
	if p.atKw(kwNULLS) && (p.peekKw(1, kwFIRST) || p.peekKw(1, kwLAST)) {
		p.next()
		t := p.next()
		s.Nulls = ast.NullsFirst
		if t.is(kwLAST) {
			s.Nulls = ast.NullsLast
		}
		s.EndPos = t.End
	}
	return s
}

// parseExprList parses expression (, expression)*; ends as in parseSortItems.
func (p *parser) parseExprList(ends func(*Token) bool) []ast.Expr {
	var buf [8]ast.Expr
	list := buf[:0]
	for {
		list = append(list, p.parseExpr())
		if p.accept(Comma) {
			continue
		}
		if ends == nil || ends(p.tok()) {
			return p.exprs(list)
		}
		p.listEnd(len(list), ends)
	}
}

// parseWindowSpec parses the window after OVER or in a WINDOW clause.
func (p *parser) parseWindowSpec() *ast.WindowSpec {
	t := p.tok()
	if t.Kind != LeftParen {
		ref := p.parseErrorCapturingIdent()
		return &ast.WindowSpec{Ref: ref, StartPos: ref.Pos()}
	}
	if p.isIdent(p.peek(1), false) && p.peek(2).Kind == RightParen {
		p.next()
		ref := p.parseErrorCapturingIdent()
		rp := p.next()
		return &ast.WindowSpec{Ref: ref, StartPos: t.Pos, Lparen: t.Pos, Rparen: rp.End}
	}
	p.next()
	ws := &ast.WindowSpec{StartPos: t.Pos, Lparen: t.Pos}
	frameOrClose := func(t *Token) bool { return t.Kind == RightParen || t.is(kwROWS) || t.is(kwRANGE) }
	switch {
	case p.atKw(kwCLUSTER) && p.peekKw(1, kwBY):
		p.next()
		p.next()
		ws.PartitionKw = "CLUSTER"
		ws.PartitionBy = p.parseExprList(frameOrClose)
	default:
		if (p.atKw(kwPARTITION) || p.atKw(kwDISTRIBUTE)) && p.peekKw(1, kwBY) {
			ws.PartitionKw = strings.ToUpper(p.text(p.next()))
			p.next()
			ws.PartitionBy = p.parseExprList(func(t *Token) bool {
				return frameOrClose(t) || t.is(kwORDER) || t.is(kwSORT)
			})
		}
		if (p.atKw(kwORDER) || p.atKw(kwSORT)) && p.peekKw(1, kwBY) {
			ws.OrderKw = strings.ToUpper(p.text(p.next()))
			p.next()
			ws.OrderBy = p.parseSortItems(frameOrClose)
		}
	}
	if p.atKw(kwROWS) || p.atKw(kwRANGE) {
		ws.Frame = p.parseWindowFrame()
	}
	ws.Rparen = p.expectClose().End
	return ws
}

func (p *parser) parseWindowFrame() *ast.WindowFrame {
	t := p.next()
	f := &ast.WindowFrame{Type: ast.RowsFrame, TypePos: t.Pos}
	if t.is(kwRANGE) {
		f.Type = ast.RangeFrame
	}
	if p.acceptKw(kwBETWEEN) {
		f.Lower = p.parseFrameBound()
		p.expectKw(kwAND)
		f.Upper = p.parseFrameBound()
	} else {
		f.Lower = p.parseFrameBound()
	}
	return f
}

func (p *parser) parseFrameBound() *ast.FrameBound {
	t := p.tok()
	if t.is(kwUNBOUNDED) && (p.peekKw(1, kwPRECEDING) || p.peekKw(1, kwFOLLOWING)) {
		p.next()
		d := p.next()
		b := &ast.FrameBound{Kind: ast.UnboundedPreceding, StartPos: t.Pos, EndPos: d.End}
		if d.is(kwFOLLOWING) {
			b.Kind = ast.UnboundedFollowing
		}
		return b
	}
	if t.is(kwCURRENT) && p.peekKw(1, kwROW) {
		p.next()
		return &ast.FrameBound{Kind: ast.CurrentRow, StartPos: t.Pos, EndPos: p.next().End}
	}
	x := p.parseExpr()
	d := p.tok()
	if !d.is(kwPRECEDING) && !d.is(kwFOLLOWING) {
		p.unexpected()
	}
	p.next()
	b := &ast.FrameBound{Kind: ast.Preceding, StartPos: t.Pos, Offset: x, EndPos: d.End}
	if d.is(kwFOLLOWING) {
		b.Kind = ast.Following
	}
	if !isConstantExpr(x) {
		p.deferError(newError("_LEGACY_ERROR_TEMP_0064", t.Pos, d.End, "msg", "Frame bound value must be a literal."))
	}
	return b
}

// isConstantExpr approximates Spark's "resolved and foldable" test on
// unresolved expressions: literals combined with operators and casts.
func isConstantExpr(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Literal, *ast.TypedLiteral, *ast.IntervalLiteral:
		return true
	case *ast.UnaryExpr:
		return isConstantExpr(x.X)
	case *ast.BinaryExpr:
		return isConstantExpr(x.X) && isConstantExpr(x.Y)
	case *ast.ParenExpr:
		return isConstantExpr(x.X)
	case *ast.Cast:
		return isConstantExpr(x.X)
	}
	return false
}
