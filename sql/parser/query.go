package parser

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// parseQuery parses Spark's query: [WITH ...] queryTerm queryOrganization.
func (p *parser) parseQuery() *ast.Query {
	p.enter()
	defer p.leave()
	q := &ast.Query{StartPos: p.tok().Pos}
	if p.atKw(kwWITH) {
		q.With = p.parseWith()
	}
	q.Body = p.parseQueryTerm(0)
	p.parseQueryOrganization(q, false)
	q.EndPos = p.prevEnd()
	return q
}

func (p *parser) parseWith() *ast.With {
	w := &ast.With{With: p.next().Pos}
	if p.atKw(kwRECURSIVE) && p.isIdent(p.peek(1), false) && !p.peekKw(1, kwAS) {
		p.next()
		w.Recursive = true
	}
	for {
		name := p.parseErrorCapturingIdent()
		cte := &ast.CTE{Name: name}
		if p.at(LeftParen) && !p.startsQueryAt(p.i+1) {
			cte.Columns = p.parseIdentList()
		}
		if p.atKw(kwMAX) && p.peekKw(1, kwRECURSION) {
			p.next()
			p.next()
			p.expectKw(kwLEVEL)
			switch t := p.tok(); {
			case t.Kind == IntegerValue:
				p.next()
				cte.MaxRecursionLevel = p.numberLiteral(nil, t)
			case t.Kind == Question, t.Kind == Colon && p.isIdent(p.peek(1), false):
				cte.MaxRecursionLevel = p.parsePrimary()
			default:
				p.unexpected()
			}
		}
		p.acceptKw(kwAS)
		cte.Lparen = p.expect(LeftParen).Pos
		cte.Query = p.parseQuery()
		cte.Rparen = p.expectClose().End
		w.CTEs = append(w.CTEs, cte)
		if !p.accept(Comma) {
			break
		}
	}
	if !w.Recursive {
		for _, c := range w.CTEs {
			if c.MaxRecursionLevel != nil {
				p.deferError(newError("_LEGACY_ERROR_TEMP_0035", w.With, p.prevEnd(), "message",
					"Cannot specify MAX RECURSION LEVEL when the CTE is not marked as RECURSIVE"))
				break
			}
		}
	}
	seen := map[string]int{}
	var dups []string
	for _, c := range w.CTEs {
		seen[c.Name.Name]++
		if seen[c.Name.Name] == 2 {
			dups = append(dups, toSQLID(c.Name.Name))
		}
	}
	if len(dups) > 0 {
		p.deferError(newError("DUPLICATED_CTE_NAMES", w.With, p.prevEnd(),
			"duplicateNames", strings.Join(dups, ", ")))
	}
	return w
}

// Precedence of query term operators: |> < UNION, EXCEPT < INTERSECT.
const (
	precPipe = 1 + iota
	precUnion
	precIntersect
)

// parseQueryTerm parses set operations and pipe operators by precedence
// climbing.
func (p *parser) parseQueryTerm(minPrec int) ast.QueryExpr {
	left := p.parseQueryPrimary()
	for {
		t := p.tok()
		prec := 0
		var op ast.SetOpKind
		switch {
		case t.Kind == OperatorPipe:
			prec = precPipe
		case t.is(kwUNION):
			prec, op = precUnion, ast.Union
		case t.is(kwEXCEPT), t.is(kwSETMINUS):
			prec, op = precUnion, ast.Except
		case t.is(kwINTERSECT):
			prec, op = precIntersect, ast.Intersect
			if p.opts.LegacySetOpsPrecedence {
				prec = precUnion
			}
		}
		if prec == 0 || prec < minPrec {
			return left
		}
		if prec == precPipe {
			left = p.parsePipeOp(left)
			continue
		}
		p.next()
		so := &ast.SetOp{Op: op, OpPos: t.Pos, OpText: strings.ToUpper(p.text(t)), Left: left}
		so.Quantifier = p.parseSetQuantifier()
		so.Right = p.parseQueryTerm(prec + 1)
		left = so
	}
}

func (p *parser) parseSetQuantifier() ast.SetQuantifier {
	switch {
	case p.acceptKw(kwDISTINCT):
		return ast.QuantDistinct
	case p.acceptKw(kwALL):
		return ast.QuantAll
	}
	return ast.QuantNone
}

// parseQueryPrimary parses Spark's queryPrimary.
func (p *parser) parseQueryPrimary() ast.QueryExpr {
	p.enter()
	defer p.leave()
	t := p.tok()
	switch {
	case t.is(kwSELECT), t.is(kwMAP), t.is(kwREDUCE):
		return p.parseSelect()
	case t.is(kwFROM):
		return p.parseFromQuery()
	case t.is(kwTABLE):
		p.next()
		tq := &ast.TableQuery{Table: t.Pos}
		tq.Name, tq.NameExpr = p.parseIdentifierReference()
		tq.EndPos = p.prevEnd()
		return tq
	case t.is(kwVALUES):
		return p.parseValues()
	case t.Kind == LeftParen:
		p.next()
		q := p.parseQuery()
		rp := p.expectClose()
		return &ast.ParenQuery{Lparen: t.Pos, Query: q, Rparen: rp.End}
	}
	p.unexpected()
	return nil
}

// parseIdentifierReference parses IDENTIFIER(expr) or a multi-part name.
func (p *parser) parseIdentifierReference() ([]*ast.Ident, ast.Expr) {
	if p.atKw(kwIDENTIFIER_KW) && p.peek(1).Kind == LeftParen {
		p.next()
		p.next()
		e := p.parseExpr()
		p.expectClose()
		return nil, e
	}
	return p.parseMultipartIdent(), nil
}

// parseSelect parses a SELECT block (querySpecification).
func (p *parser) parseSelect() *ast.Select {
	var sel *ast.Select
	mark := len(p.deferred)
	if p.atTransform() {
		sel = &ast.Select{Select: p.tok().Pos}
		sel.Transform = p.parseTransform()
	} else {
		sel = p.parseSelectClause()
	}
	if p.atKw(kwFROM) {
		sel.From = p.parseFromClause()
	}
	p.parseSelectRest(sel)
	p.finishTransform(sel, mark)
	return sel
}

// atTransform reports whether a script transformation starts here:
// SELECT TRANSFORM (...) followed by ROW FORMAT, RECORDWRITER or USING, or
// MAP/REDUCE at the start of a query term.
func (p *parser) atTransform() bool {
	t := p.tok()
	if t.is(kwMAP) || t.is(kwREDUCE) {
		return true
	}
	if !t.is(kwSELECT) || !p.peekKw(1, kwTRANSFORM) || p.peek(2).Kind != LeftParen {
		return false
	}
	m := p.matchAt(p.i + 2)
	if m < 0 {
		return false
	}
	after := p.tokAt(m + 1)
	return after.is(kwUSING) || after.is(kwRECORDWRITER) || after.is(kwROW) && p.tokAt(m+2).is(kwFORMAT)
}

// parseTransform parses Spark's transformClause.
func (p *parser) parseTransform() *ast.Transform {
	t := p.next()
	tr := &ast.Transform{KwPos: t.Pos, Kind: strings.ToUpper(p.text(t))}
	if t.is(kwSELECT) {
		kw := p.next()
		tr.Kind = strings.ToUpper(p.text(kw))
		p.expect(LeftParen)
		tr.Quantifier = p.parseSetQuantifier()
		tr.Exprs = p.parseExprList(nil)
		if !p.at(RightParen) {
			// Spark fails to choose between a transformation and a plain SELECT here: a
			// syntax error without a hint.
			p.unexpected()
		}
		p.next()
	} else {
		tr.Quantifier = p.parseSetQuantifier()
		tr.Exprs = p.parseExprList(nil)
	}
	if p.atKw(kwROW) && p.peekKw(1, kwFORMAT) {
		tr.InRowFormat = p.parseRowFormat()
	}
	if p.acceptKw(kwRECORDWRITER) {
		tr.RecordWriter = p.parseSingleString()
	}
	p.expectKw(kwUSING)
	tr.Script = p.parseSingleString()
	if p.atKw(kwAS) {
		tr.AsPos = p.next().Pos
		paren := p.accept(LeftParen)
		nt := p.peek(1)
		if nt.Kind == Comma || nt.Kind == RightParen || nt.Kind == EOF || !paren && !p.canStartType(nt) {
			for {
				tr.OutputNames = append(tr.OutputNames, p.parseErrorCapturingIdent())
				if !p.accept(Comma) {
					break
				}
			}
		} else {
			for {
				f := &ast.StructField{Name: p.parseErrorCapturingIdent()}
				f.Type = p.parseDataType()
				if (p.atKw(kwNOT) || p.at(Bang)) && p.peekKw(1, kwNULL) {
					p.next()
					p.next()
					f.NotNull = true
				}
				if p.atKw(kwCOMMENT) && p.isStringTok(p.peek(1)) {
					p.next()
					f.Comment = p.stringLiteral([]*Token{p.next()})
				}
				f.EndPos = p.prevEnd()
				tr.OutputColumns = append(tr.OutputColumns, f)
				if !p.accept(Comma) {
					break
				}
			}
		}
		if paren {
			p.expectClose()
		}
	}
	if p.atKw(kwROW) && p.peekKw(1, kwFORMAT) {
		tr.OutRowFormat = p.parseRowFormat()
	}
	if p.acceptKw(kwRECORDREADER) {
		tr.RecordReader = p.parseSingleString()
	}
	tr.EndPos = p.prevEnd()
	return tr
}

// canStartType reports whether t can start a data type.
func (p *parser) canStartType(t *Token) bool {
	return p.isIdent(t, false)
}

// parseSingleString parses one string literal.
func (p *parser) parseSingleString() *ast.Literal {
	t := p.tok()
	if !p.isStringTok(t) {
		p.unexpected()
	}
	p.next()
	return p.stringLiteral([]*Token{t})
}

// parseRowFormat parses ROW FORMAT SERDE ... or ROW FORMAT DELIMITED ...
func (p *parser) parseRowFormat() *ast.RowFormat {
	rf := &ast.RowFormat{Row: p.next().Pos}
	p.expectKw(kwFORMAT)
	if p.acceptKw(kwSERDE) {
		rf.Serde = p.parseSingleString()
		if p.atKw(kwWITH) && p.peekKw(1, kwSERDEPROPERTIES) {
			p.next()
			p.next()
			rf.SerdeProps = p.parsePropertyList()
		}
		rf.EndPos = p.prevEnd()
		return rf
	}
	p.expectKw(kwDELIMITED)
	rf.Delimited = true
	if p.atKw(kwFIELDS) {
		p.next()
		p.expectKw(kwTERMINATED)
		p.expectKw(kwBY)
		rf.FieldsTerm = p.parseSingleString()
		if p.acceptKw(kwESCAPED) {
			p.expectKw(kwBY)
			rf.EscapedBy = p.parseSingleString()
		}
	}
	if p.atKw(kwCOLLECTION) {
		p.next()
		p.expectKw(kwITEMS)
		p.expectKw(kwTERMINATED)
		p.expectKw(kwBY)
		rf.CollItems = p.parseSingleString()
	}
	if p.atKw(kwMAP) && p.peekKw(1, kwKEYS) {
		p.next()
		p.next()
		p.expectKw(kwTERMINATED)
		p.expectKw(kwBY)
		rf.MapKeys = p.parseSingleString()
	}
	if p.atKw(kwLINES) {
		p.next()
		p.expectKw(kwTERMINATED)
		p.expectKw(kwBY)
		rf.LinesTerm = p.parseSingleString()
	}
	if p.atKw(kwNULL) && p.peekKw(1, kwDEFINED) {
		p.next()
		p.next()
		p.expectKw(kwAS)
		rf.NullDefined = p.parseSingleString()
	}
	rf.EndPos = p.prevEnd()
	if rf.LinesTerm != nil && rf.LinesTerm.Value != "\n" {
		p.deferError(newError("_LEGACY_ERROR_TEMP_0064", rf.Row, rf.EndPos,
			"msg", "LINES TERMINATED BY only supports newline '\\n' right now: "+rf.LinesTerm.Value))
	}
	return rf
}

// parseSelectClause parses SELECT hints quantifier items.
func (p *parser) parseSelectClause() *ast.Select {
	sel := &ast.Select{Select: p.expectKw(kwSELECT).Pos}
	for p.at(HintStart) {
		sel.Hints = append(sel.Hints, p.parseHint())
	}
	if q := p.tok(); (q.is(kwDISTINCT) || q.is(kwALL)) && p.canStartExpr(p.peek(1)) {
		sel.Quantifier = p.parseSetQuantifier()
	}
	var buf [16]ast.Expr
	items := buf[:0]
	for {
		items = append(items, p.parseNamedExpr(aliasCtxSelect))
		if !p.accept(Comma) {
			break
		}
	}
	sel.Items = p.exprs(items)
	sel.EndPos = p.prevEnd()
	return sel
}

// parseSelectRest parses the clauses after FROM: LATERAL VIEW, WHERE,
// GROUP BY, HAVING, WINDOW.
func (p *parser) parseSelectRest(sel *ast.Select) {
	for p.atLateralView() {
		sel.LateralViews = append(sel.LateralViews, p.parseLateralView())
	}
	if p.acceptKw(kwWHERE) {
		sel.Where = p.parseExpr()
	}
	if p.atKw(kwGROUP) && p.peekKw(1, kwBY) {
		sel.GroupBy = p.parseGroupBy()
	}
	if p.acceptKw(kwHAVING) {
		sel.Having = p.parseExpr()
	}
	if p.atWindowClause() {
		sel.Windows = p.parseWindowClause()
	}
	sel.EndPos = p.prevEnd()
}

func (p *parser) parseHint() *ast.Hint {
	h := &ast.Hint{Start: p.next().Pos}
	for {
		name := p.parseIdent(false)
		hs := &ast.HintStatement{Name: name, EndPos: name.End()}
		if p.at(LeftParen) {
			p.next()
			for {
				hs.Params = append(hs.Params, p.parsePostfix(p.parsePrimary()))
				if p.accept(Comma) {
					continue
				}
				if p.at(RightParen) {
					break
				}
				p.listEnd(len(hs.Params), isRightParen)
			}
			hs.EndPos = p.next().End
		}
		h.Statements = append(h.Statements, hs)
		if p.at(HintEnd) {
			break
		}
		p.accept(Comma)
		if !p.isIdent(p.tok(), false) {
			p.unexpected()
		}
	}
	h.EndPos = p.next().End
	return h
}

func (p *parser) atWindowClause() bool {
	return p.atKw(kwWINDOW) && p.isIdent(p.peek(1), false) && p.peekKw(2, kwAS)
}

// parseWindowClause parses WINDOW name AS spec, ...
func (p *parser) parseWindowClause() []*ast.NamedWindow {
	start := p.next().Pos
	var ws []*ast.NamedWindow
	for {
		name := p.parseErrorCapturingIdent()
		p.expectKw(kwAS)
		spec := p.parseWindowSpec()
		ws = append(ws, &ast.NamedWindow{Name: name, Spec: spec})
		if !p.accept(Comma) {
			break
		}
	}
	end := p.prevEnd()
	count := map[string]int{}
	for _, w := range ws {
		count[w.Name.Name]++
	}
	for _, w := range ws {
		if count[w.Name.Name] > 1 {
			p.deferError(newError("INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION", start, end,
				"windowName", toSQLID(w.Name.Name)))
			return ws
		}
	}
	byName := map[string]*ast.WindowSpec{}
	for _, w := range ws {
		byName[w.Name.Name] = w.Spec
	}
	for _, w := range ws {
		if w.Spec.Ref == nil || w.Spec.Lparen.IsValid() {
			continue
		}
		ref, ok := byName[w.Spec.Ref.Name]
		switch {
		case !ok:
			p.deferError(newError("INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE", start, end,
				"windowName", toSQLID(w.Spec.Ref.Name)))
			return ws
		case ref.Ref != nil:
			p.deferError(newError("INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE", start, end,
				"windowName", toSQLID(w.Spec.Ref.Name)))
			return ws
		}
	}
	return ws
}

// parseGroupBy parses GROUP BY items, and the legacy WITH ROLLUP, WITH
// CUBE and GROUPING SETS (...) suffixes.
func (p *parser) parseGroupBy() *ast.GroupBy {
	g := &ast.GroupBy{Group: p.next().Pos}
	p.next()
	analytics := false
	var buf [8]ast.Expr
	items := buf[:0]
	for {
		if a := p.tryGroupingAnalytics(); a != nil {
			items = append(items, a)
			analytics = true
		} else {
			items = append(items, p.parseGroupItem())
		}
		if !p.accept(Comma) {
			break
		}
	}
	g.Items = p.exprs(items)
	if !analytics {
		switch {
		case p.atKw(kwWITH) && (p.peekKw(1, kwROLLUP) || p.peekKw(1, kwCUBE)):
			p.next()
			g.Modifier = strings.ToUpper(p.text(p.next()))
		case p.atKw(kwGROUPING) && p.peekKw(1, kwSETS) && p.peek(2).Kind == LeftParen:
			p.next()
			p.next()
			p.next()
			g.Modifier = "GROUPING SETS"
			for {
				g.Sets = append(g.Sets, p.parseGroupingSet())
				if p.accept(Comma) {
					continue
				}
				if p.at(RightParen) {
					break
				}
				p.listEnd(len(g.Sets), isRightParen)
			}
			p.next()
		}
	}
	g.EndPos = p.prevEnd()
	return g
}

// parseGroupItem parses a grouping expression with an optional alias
// (Spark's grammar allows namedExpression there; only AS aliases and
// bare non-keyword names are taken as aliases).
func (p *parser) parseGroupItem() ast.Expr {
	x := p.parseExpr()
	t := p.tok()
	if t.is(kwAS) || t.Kind == Ident || t.Kind == BackquotedIdent ||
		t.Kind == DoubleQuoted && p.opts.DoubleQuotedIdentifiers {
		return p.parseAliasOpt(x, aliasCtxSelect)
	}
	return x
}

// tryGroupingAnalytics parses ROLLUP(...), CUBE(...) or GROUPING SETS(...)
// if the current tokens start one.
func (p *parser) tryGroupingAnalytics() ast.Expr {
	t := p.tok()
	switch {
	case (t.is(kwROLLUP) || t.is(kwCUBE)) && p.peek(1).Kind == LeftParen:
		p.next()
		p.next()
		ga := &ast.GroupingAnalytics{Kind: ast.Rollup, KwPos: t.Pos}
		if t.is(kwCUBE) {
			ga.Kind = ast.Cube
		}
		empty := false
		for {
			s := p.parseGroupingSet()
			if len(s.Exprs) == 0 {
				empty = true
			}
			ga.Elements = append(ga.Elements, s)
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(ga.Elements), isRightParen)
		}
		ga.Rparen = p.next().End
		if empty {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0051", t.Pos, ga.Rparen,
				"element", strings.ToUpper(t.Keyword.String())))
		}
		return ga
	case t.is(kwGROUPING) && p.peekKw(1, kwSETS) && p.peek(2).Kind == LeftParen:
		p.next()
		p.next()
		p.next()
		ga := &ast.GroupingAnalytics{Kind: ast.GroupingSets, KwPos: t.Pos}
		for {
			if a := p.tryGroupingAnalytics(); a != nil {
				ga.Elements = append(ga.Elements, a)
			} else {
				ga.Elements = append(ga.Elements, p.parseGroupingSet())
			}
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(ga.Elements), isRightParen)
		}
		ga.Rparen = p.next().End
		return ga
	}
	return nil
}

// parseGroupingSet parses ( [expr, ...] ) or a single expression.
func (p *parser) parseGroupingSet() *ast.GroupingSet {
	if p.at(LeftParen) {
		// A parenthesized list, unless the parentheses belong to an
		// expression such as (a + b) * 2.
		m := p.matchAt(p.i)
		if m < 0 || !p.continuesExpr(p.tokAt(m+1)) {
			lp := p.next()
			gs := &ast.GroupingSet{Lparen: lp.Pos}
			if !p.at(RightParen) {
				for {
					gs.Exprs = append(gs.Exprs, p.parseExpr())
					if p.accept(Comma) {
						continue
					}
					if p.at(RightParen) {
						break
					}
					p.listEnd(len(gs.Exprs), isRightParen)
				}
			}
			gs.Rparen = p.next().End
			return gs
		}
	}
	return &ast.GroupingSet{Exprs: []ast.Expr{p.parseExpr()}}
}

// continuesExpr reports whether t, after a parenthesized expression,
// continues that expression (an operator or a postfix).
func (p *parser) continuesExpr(t *Token) bool {
	switch t.Kind {
	case Comma, RightParen, EOF, Semicolon:
		return false
	case KeywordTok:
		switch t.Keyword {
		case kwAND, kwOR, kwIS, kwIN, kwNOT, kwBETWEEN, kwLIKE, kwILIKE, kwRLIKE, kwDIV, kwCOLLATE:
			return true
		}
		return false
	}
	return true
}

// parseQueryOrganization parses ORDER BY, CLUSTER BY, DISTRIBUTE BY,
// SORT BY, WINDOW, LIMIT and OFFSET into q. In a pipe operator (pipe
// set) Spark allows only one of them.
func (p *parser) parseQueryOrganization(q *ast.Query, pipe bool) {
	start := p.tok().Pos
	if p.atKw(kwORDER) && p.peekKw(1, kwBY) {
		p.next()
		p.next()
		q.OrderBy = p.parseSortItems(nil)
	}
	if p.atKw(kwCLUSTER) && p.peekKw(1, kwBY) {
		p.next()
		p.next()
		q.ClusterBy = p.parseExprList(nil)
	}
	if p.atKw(kwDISTRIBUTE) && p.peekKw(1, kwBY) {
		p.next()
		p.next()
		q.DistributeBy = p.parseExprList(nil)
	}
	if p.atKw(kwSORT) && p.peekKw(1, kwBY) {
		p.next()
		p.next()
		q.SortBy = p.parseSortItems(nil)
	}
	if p.atWindowClause() {
		q.Windows = p.parseWindowClause()
	}
	if p.atKw(kwLIMIT) && (p.peekKw(1, kwALL) || p.canStartExpr(p.peek(1))) {
		p.next()
		if p.atKw(kwALL) && !p.continuesLimitAll() {
			p.next()
			q.LimitAll = true
		} else {
			q.Limit = p.parseExpr()
		}
	}
	if p.atKw(kwOFFSET) && p.canStartExpr(p.peek(1)) {
		p.next()
		q.Offset = p.parseExpr()
	}
	if p.i == 0 || !p.toks[p.i-1].Pos.IsValid() || p.prevEnd().Offset <= start.Offset {
		return
	}
	end := p.prevEnd()
	order, sort, dist, clus := q.OrderBy != nil, q.SortBy != nil, q.DistributeBy != nil, q.ClusterBy != nil
	clause := ""
	switch {
	case order && !sort && !dist && !clus:
		clause = "ORDER BY"
	case !order && sort && !dist && !clus:
		clause = "SORT BY"
	case !order && !sort && dist && !clus:
		clause = "DISTRIBUTE BY"
	case !order && sort && dist && !clus:
		clause = "SORT BY ... DISTRIBUTE BY ..."
	case !order && !sort && !dist && clus:
		clause = "CLUSTER BY"
	case !order && !sort && !dist && !clus:
	default:
		p.deferError(newError("UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES", start, end))
		return
	}
	if !pipe {
		return
	}
	if q.Windows != nil {
		p.deferError(newError("UNSUPPORTED_FEATURE.CLAUSE_WITH_PIPE_OPERATORS", start, end,
			"clauses", "the WINDOW clause"))
		return
	}
	if q.Offset != nil {
		if clause != "" {
			p.deferError(newError("MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS", start, end,
				"clause1", clause, "clause2", "OFFSET"))
			return
		}
		clause = "OFFSET"
	}
	if q.Limit != nil && clause != "" && clause != "OFFSET" {
		p.deferError(newError("MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS", start, end,
			"clause1", clause, "clause2", "LIMIT"))
	}
}

// continuesLimitAll reports whether ALL after LIMIT starts an expression
// (a column named all) rather than meaning LIMIT ALL.
func (p *parser) continuesLimitAll() bool {
	s := p.save()
	p.next()
	_, _, ok := p.binaryOp()
	p.restore(s)
	return ok
}

// FROM clause and relations.

func (p *parser) parseFromClause() *ast.From {
	f := &ast.From{From: p.expectKw(kwFROM).Pos}
	var buf [8]ast.Relation
	rels := buf[:0]
	for {
		lateral := p.atKw(kwLATERAL) && !p.peekKw(1, kwVIEW)
		var latPos ast.Pos
		if lateral {
			latPos = p.next().Pos
		}
		r := p.parseRelationPrimary(lateral, latPos)
		if lateral && len(rels) > 0 {
			switch r.(type) {
			case *ast.SubqueryRelation, *ast.TableFunction:
			default:
				p.deferError(newError("INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC",
					r.Pos(), r.End()))
			}
		}
		r = p.parseRelationExtensions(r)
		rels = append(rels, r)
		if !p.accept(Comma) {
			break
		}
	}
	f.Relations = p.nodes.relations.copyOf(rels)
	for p.atLateralView() {
		f.LateralViews = append(f.LateralViews, p.parseLateralView())
	}
	if p.atPivot() {
		f.Pivot = p.parsePivot()
	}
	if p.atUnpivot() {
		f.Unpivot = p.parseUnpivot()
	}
	f.EndPos = p.prevEnd()
	switch {
	case f.Pivot != nil && f.Unpivot != nil:
		p.deferError(newError("NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT", f.From, f.EndPos))
	case f.Pivot != nil && f.LateralViews != nil:
		p.deferError(newError("NOT_ALLOWED_IN_FROM.LATERAL_WITH_PIVOT", f.From, f.EndPos))
	case f.Unpivot != nil && f.LateralViews != nil:
		p.deferError(newError("NOT_ALLOWED_IN_FROM.LATERAL_WITH_UNPIVOT", f.From, f.EndPos))
	}
	return f
}

// parseRelation parses [LATERAL] relationPrimary relationExtension*.
func (p *parser) parseRelation() ast.Relation {
	lateral := p.atKw(kwLATERAL) && !p.peekKw(1, kwVIEW)
	var latPos ast.Pos
	if lateral {
		latPos = p.next().Pos
	}
	return p.parseRelationExtensions(p.parseRelationPrimary(lateral, latPos))
}

func (p *parser) parseRelationExtensions(r ast.Relation) ast.Relation {
	for {
		switch {
		case p.atJoin():
			r = p.parseJoin(r)
		case p.atPivot():
			r = &ast.PivotRelation{Source: r, Pivot: p.parsePivot()}
		case p.atUnpivot():
			r = &ast.UnpivotRelation{Source: r, Unpivot: p.parseUnpivot()}
		default:
			return r
		}
	}
}

func (p *parser) atJoin() bool {
	t := p.tok()
	if t.Kind != KeywordTok {
		return false
	}
	switch t.Keyword {
	case kwJOIN, kwINNER, kwCROSS, kwLEFT, kwRIGHT, kwFULL, kwSEMI, kwANTI, kwNATURAL:
		return true
	}
	return false
}

func (p *parser) atPivot() bool {
	return p.atKw(kwPIVOT) && p.peek(1).Kind == LeftParen && !p.isIdentList(p.i+1)
}

func (p *parser) atUnpivot() bool {
	if !p.atKw(kwUNPIVOT) {
		return false
	}
	nt := p.peek(1)
	return nt.Kind == LeftParen && !p.isIdentList(p.i+1) ||
		(nt.is(kwINCLUDE) || nt.is(kwEXCLUDE)) && p.peekKw(2, kwNULLS)
}

func (p *parser) atLateralView() bool {
	return p.atKw(kwLATERAL) && p.peekKw(1, kwVIEW)
}

// parseJoin parses [NATURAL] joinType JOIN [LATERAL] relationPrimary
// [ON cond | USING (cols)]; left may be nil in a pipe operator.
func (p *parser) parseJoin(left ast.Relation) *ast.Join {
	start := p.tok()
	j := &ast.Join{Left: left, TypePos: start.Pos, Type: ast.InnerJoin}
	natTok := start
	if p.acceptKw(kwNATURAL) {
		j.Natural = true
	}
	t := p.tok()
	switch {
	case t.is(kwINNER):
		p.next()
	case t.is(kwCROSS):
		p.next()
		j.Type = ast.CrossJoin
	case t.is(kwLEFT):
		p.next()
		j.Type = ast.LeftOuterJoin
		switch {
		case p.acceptKw(kwOUTER):
		case p.acceptKw(kwSEMI):
			j.Type = ast.LeftSemiJoin
		case p.acceptKw(kwANTI):
			j.Type = ast.LeftAntiJoin
		}
	case t.is(kwRIGHT):
		p.next()
		p.acceptKw(kwOUTER)
		j.Type = ast.RightOuterJoin
	case t.is(kwFULL):
		p.next()
		p.acceptKw(kwOUTER)
		j.Type = ast.FullOuterJoin
	case t.is(kwSEMI):
		p.next()
		j.Type = ast.LeftSemiJoin
	case t.is(kwANTI):
		p.next()
		j.Type = ast.LeftAntiJoin
	}
	if !p.atKw(kwJOIN) {
		if p.peekKw(1, kwJOIN) {
			p.extraInput()
		}
		if nt := p.tok(); p.isIdent(nt, false) || nt.Kind == LeftParen {
			p.fail(p.syntaxErrorAt(nt, ": missing 'JOIN'"))
		}
		p.unexpected()
	}
	p.next()
	var latTok *Token
	if p.atKw(kwLATERAL) {
		latTok = p.next()
		j.Lateral = true
	}
	j.Right = p.parseRelationPrimary(false, ast.Pos{})
	if !j.Natural {
		switch {
		case p.atKw(kwON):
			p.next()
			j.On = p.parseExpr()
		case p.atKw(kwUSING) && p.peek(1).Kind == LeftParen:
			p.next()
			j.Using = p.parseIdentList()
		}
	}
	j.EndPos = p.prevEnd()
	// Spark's checks when building the join.
	if j.Lateral {
		switch j.Right.(type) {
		case *ast.SubqueryRelation, *ast.TableFunction:
		default:
			p.deferError(newError("INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC",
				j.Right.Pos(), j.Right.End()))
			return j
		}
	}
	switch {
	case j.Using != nil && j.Lateral:
		p.deferError(newError("UNSUPPORTED_FEATURE.LATERAL_JOIN_USING", start.Pos, j.EndPos))
		return j
	case j.Natural && j.Lateral:
		p.deferError(newError("INCOMPATIBLE_JOIN_TYPES", start.Pos, j.EndPos,
			"joinType1", strings.ToUpper(p.text(latTok)), "joinType2", strings.ToUpper(p.text(natTok))))
		return j
	case j.Natural && j.Type == ast.CrossJoin:
		p.deferError(newError("INCOMPATIBLE_JOIN_TYPES", start.Pos, j.EndPos,
			"joinType1", strings.ToUpper(p.text(natTok)), "joinType2", "CROSS"))
		return j
	}
	if j.Lateral {
		sqlName := map[ast.JoinType]string{ast.RightOuterJoin: "RIGHT OUTER", ast.FullOuterJoin: "FULL OUTER",
			ast.LeftSemiJoin: "LEFT SEMI", ast.LeftAntiJoin: "LEFT ANTI"}[j.Type]
		if sqlName != "" && !j.Natural && j.Using == nil {
			p.deferError(newError("INVALID_LATERAL_JOIN_TYPE", start.Pos, j.EndPos,
				"joinType", toSQLStmt(sqlName)))
		}
	}
	return j
}

// parseRelationPrimary parses a table name, a subquery, a parenthesized
// relation, VALUES, or a table-valued function call, with their sample
// and alias.
func (p *parser) parseRelationPrimary(lateral bool, latPos ast.Pos) ast.Relation {
	p.enter()
	defer p.leave()
	t := p.tok()
	switch {
	case t.Kind == LeftParen:
		if p.startsQueryAt(p.i + 1) {
			p.next()
			r := &ast.SubqueryRelation{Lateral: lateral, LateralPos: latPos, Lparen: t.Pos}
			r.Query = p.parseQuery()
			r.Rparen = p.expectClose().End
			r.Sample = p.parseSampleOpt()
			r.Watermark = p.parseWatermarkOpt()
			r.Alias = p.parseTableAliasOpt()
			r.EndPos = p.prevEnd()
			return r
		}
		p.next()
		r := &ast.ParenRelation{Lparen: t.Pos}
		r.Relation = p.parseRelation()
		r.Rparen = p.expectClose().End
		r.Sample = p.parseSampleOpt()
		r.Watermark = p.parseWatermarkOpt()
		r.Alias = p.parseTableAliasOpt()
		r.EndPos = p.prevEnd()
		return r
	case t.is(kwVALUES) && p.canStartExpr(p.peek(1)):
		return p.parseValues()
	case t.is(kwSTREAM) && (p.peek(1).Kind == LeftParen && p.isIdent(p.peek(2), false) ||
		p.peek(1).Kind != LeftParen && p.isIdent(p.peek(1), false)):
		// STREAM name or STREAM (name): the first alternative of Spark's
		// relationPrimary, so STREAM followed by a name is always this.
		return p.parseStreamRelation()
	}
	if p.atFunctionTable() {
		return p.parseTableFunction(lateral, latPos)
	}
	tn := p.newTableName()
	tn.NamePos = t.Pos
	tn.Name, tn.NameExpr = p.parseIdentifierReference()
	tn.NameEnd = p.prevEnd()
	tn.Temporal = p.parseTemporalOpt()
	if p.atKw(kwWITH) && p.peek(1).Kind == LeftParen {
		p.next()
		tn.Options = p.parsePropertyList()
	}
	tn.Sample = p.parseSampleOpt()
	tn.Watermark = p.parseWatermarkOpt()
	tn.Alias = p.parseTableAliasOpt()
	tn.EndPos = p.prevEnd()
	return tn
}

// parseStreamRelation parses STREAM name or STREAM (name), then options,
// a watermark and an alias.
func (p *parser) parseStreamRelation() ast.Relation {
	tn := &ast.TableName{Stream: true, StreamPos: p.next().Pos}
	paren := p.accept(LeftParen)
	tn.NamePos = p.tok().Pos
	tn.Name = p.parseMultipartIdent()
	tn.NameEnd = p.prevEnd()
	if paren {
		p.expectClose()
	}
	if p.atKw(kwWITH) && p.peek(1).Kind == LeftParen {
		p.next()
		tn.Options = p.parsePropertyList()
	}
	tn.Watermark = p.parseWatermarkOpt()
	tn.Alias = p.parseTableAliasOpt()
	tn.EndPos = p.prevEnd()
	return tn
}

// parseWatermarkOpt parses WATERMARK column DELAY OF interval, if one
// starts here (WATERMARK may also be an alias).
func (p *parser) parseWatermarkOpt() *ast.Watermark {
	if !p.atKw(kwWATERMARK) || !p.canStartExpr(p.peek(1)) {
		return nil
	}
	var w *ast.Watermark
	if p.speculate(func() {
		w = &ast.Watermark{Watermark: p.next().Pos}
		x := p.parseExpr()
		if !(p.atKw(kwDELAY) && p.peekKw(1, kwOF)) {
			x = p.parseAliasOpt(x, aliasCtxTop)
		}
		w.Column = x
		p.expectKw(kwDELAY)
		p.expectKw(kwOF)
		if !p.atKw(kwINTERVAL) {
			p.unexpected()
		}
		w.Delay = p.parseInterval()
	}) != nil {
		return nil
	}
	return w
}

// atFunctionTable reports whether the tokens start a table-valued
// function call: a (qualified) function name followed by '('.
func (p *parser) atFunctionTable() bool {
	t := p.tok()
	if t.is(kwIDENTIFIER_KW) && p.peek(1).Kind == LeftParen {
		m := p.matchAt(p.i + 1)
		return m > 0 && p.tokAt(m+1).Kind == LeftParen
	}
	if !p.isIdent(t, false) && !t.is(kwLEFT) && !t.is(kwRIGHT) && !t.is(kwFILTER) {
		return false
	}
	j := p.i + 1
	for p.tokAt(j).Kind == Dot && p.isIdent(p.tokAt(j+1), false) {
		j += 2
	}
	return p.tokAt(j).Kind == LeftParen
}

func (p *parser) parseTableFunction(lateral bool, latPos ast.Pos) ast.Relation {
	t := p.tok()
	tf := &ast.TableFunction{Lateral: lateral, LateralPos: latPos}
	var name []*ast.Ident
	var nameExpr ast.Expr
	if t.is(kwIDENTIFIER_KW) {
		p.next()
		p.next()
		nameExpr = p.parseExpr()
		p.expectClose()
	} else if !p.isIdent(t, false) {
		p.next()
		name = []*ast.Ident{{NamePos: t.Pos, NameEnd: t.End, Name: p.text(t)}}
	} else {
		name = p.parseQualifiedName()
	}
	tf.Call = p.parseFuncCall(name, nameExpr, t.Pos, funcTable)
	tf.Watermark = p.parseWatermarkOpt()
	tf.Alias = p.parseTableAliasOpt()
	tf.EndPos = p.prevEnd()
	if len(name) > 1 {
		p.deferError(newError("INVALID_SQL_SYNTAX.INVALID_TABLE_VALUED_FUNC_NAME", tf.Pos(), tf.EndPos,
			"funcName", toSQLID(ast.NameParts(name)...)))
	}
	return tf
}

// parseTableFuncArg parses an argument of a table-valued function: TABLE
// arguments, named arguments, or expressions.
func (p *parser) parseTableFuncArg() ast.Expr {
	if p.peek(1).Kind == FatArrow && p.isIdent(p.tok(), false) && p.peekKw(2, kwTABLE) {
		name := p.parseIdent(false)
		arrow := p.next()
		v := p.parseTableArg()
		return &ast.NamedArg{Name: name, Arrow: arrow.Pos, Value: v}
	}
	if p.atKw(kwTABLE) && (p.peek(1).Kind == LeftParen || p.isIdent(p.peek(1), false)) {
		return p.parseTableArg()
	}
	return p.parseFuncArg()
}

// parseTableArg parses TABLE t, TABLE(t) or TABLE(query) with optional
// partitioning and ordering.
func (p *parser) parseTableArg() *ast.TableArg {
	t := p.expectKw(kwTABLE)
	ta := &ast.TableArg{Table: t.Pos}
	if p.at(LeftParen) {
		p.next()
		if p.startsQueryAt(p.i) {
			ta.Query = p.parseQuery()
		} else {
			ta.Name, ta.NameExpr = p.parseIdentifierReference()
		}
		p.expectClose()
	} else {
		start := p.tok().Pos
		ta.Name, ta.NameExpr = p.parseIdentifierReference()
		p.deferError(newError("INVALID_SQL_SYNTAX.INVALID_TABLE_FUNCTION_IDENTIFIER_ARGUMENT_MISSING_PARENTHESES",
			t.Pos, p.prevEnd(), "argumentName", toSQLID(strings.ReplaceAll(p.source(start, p.prevEnd()), " ", ""))))
	}
	switch {
	case p.atKw(kwWITH) && p.peekKw(1, kwSINGLE) && p.peekKw(2, kwPARTITION):
		p.next()
		p.next()
		p.next()
		ta.SinglePart = true
	case (p.atKw(kwPARTITION) || p.atKw(kwDISTRIBUTE)) && p.peekKw(1, kwBY):
		p.next()
		p.next()
		if p.at(LeftParen) && p.matchAt(p.i) > 0 && !p.continuesExpr(p.tokAt(p.matchAt(p.i)+1)) {
			p.next()
			ta.PartitionBy = p.parseExprList(isRightParen)
			p.expectClose()
		} else {
			ta.PartitionBy = []ast.Expr{p.parseExpr()}
		}
	}
	if (p.atKw(kwORDER) || p.atKw(kwSORT)) && p.peekKw(1, kwBY) {
		p.next()
		p.next()
		if p.at(LeftParen) && p.matchAt(p.i) > 0 && !p.continuesExpr(p.tokAt(p.matchAt(p.i)+1)) {
			p.next()
			ta.OrderBy = p.parseSortItems(isRightParen)
			p.expectClose()
		} else {
			ta.OrderBy = []*ast.SortItem{p.parseSortItem()}
		}
	}
	ta.EndPos = p.prevEnd()
	return ta
}

// parseTemporalOpt parses [FOR] (SYSTEM_VERSION|VERSION) AS OF v or
// [FOR] (SYSTEM_TIME|TIMESTAMP) AS OF ts.
func (p *parser) parseTemporalOpt() *ast.TemporalClause {
	j := 0
	if p.atKw(kwFOR) {
		j = 1
	}
	k := p.peek(j)
	if !(k.is(kwSYSTEM_VERSION) || k.is(kwVERSION) || k.is(kwSYSTEM_TIME) || k.is(kwTIMESTAMP)) ||
		!p.peekKw(j+1, kwAS) || !p.peekKw(j+2, kwOF) {
		return nil
	}
	tc := &ast.TemporalClause{StartPos: p.tok().Pos}
	for n := 0; n <= j+2; n++ {
		p.next()
	}
	if k.is(kwSYSTEM_VERSION) || k.is(kwVERSION) {
		tc.Kind = "VERSION"
		v := p.tok()
		switch {
		case v.Kind == IntegerValue:
			p.next()
			tc.Version = &ast.Literal{Kind: ast.IntegerLit, ValuePos: v.Pos, ValueEnd: v.End, Raw: p.text(v), Value: p.text(v), Type: ast.TypeInt}
		case p.isStringTok(v):
			p.next()
			tc.Version = p.stringLiteral([]*Token{v})
		default:
			p.unexpected()
		}
	} else {
		tc.Kind = "TIMESTAMP"
		tc.Timestamp = p.parseValueExpr(1)
		if hasColumnRef(tc.Timestamp) {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0056", tc.Timestamp.Pos(), tc.Timestamp.End(),
				"reason", "timestamp expression cannot refer to any columns"))
		}
	}
	tc.EndPos = p.prevEnd()
	return tc
}

// parsePropertyList parses ( key [=] value, ... ).
func (p *parser) parsePropertyList() []*ast.Property {
	p.expect(LeftParen)
	var props []*ast.Property
	for {
		pr := &ast.Property{StartPos: p.tok().Pos}
		if p.isStringTok(p.tok()) {
			pr.KeyStr = p.stringLiteral([]*Token{p.next()})
		} else {
			pr.Key = p.parseMultipartIdent()
		}
		hasEq := p.accept(Eq)
		v := p.tok()
		switch {
		case v.Kind == IntegerValue || v.Kind == DecimalValue:
			p.next()
			pr.Value = p.numberLiteral(nil, v)
		case v.is(kwTRUE) || v.is(kwFALSE):
			p.next()
			pr.Value = &ast.Literal{Kind: ast.BoolLit, ValuePos: v.Pos, ValueEnd: v.End, Raw: p.text(v),
				Value: strings.ToLower(p.text(v)), Type: ast.TypeBoolean}
		case p.isStringTok(v):
			p.next()
			pr.Value = p.stringLiteral([]*Token{v})
		default:
			if hasEq {
				p.unexpected()
			}
		}
		pr.EndPos = p.prevEnd()
		props = append(props, pr)
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(len(props), isRightParen)
	}
	p.next()
	return props
}

// parseExpressionPropertyList parses ( key [=] expression, ... ), the
// OPTIONS of CREATE TABLE: a key alone has no value.
func (p *parser) parseExpressionPropertyList() []*ast.Property {
	p.expect(LeftParen)
	var props []*ast.Property
	for {
		pr := &ast.Property{StartPos: p.tok().Pos}
		if p.isStringTok(p.tok()) {
			if p.peek(1).Kind == Eq {
				pr.KeyStr = p.parseStringLitValue()
			} else {
				// Without '=', the key is one string (no coalescing).
				pr.KeyStr = p.stringLiteral([]*Token{p.next()})
			}
		} else {
			pr.Key = p.parseMultipartIdent()
		}
		hasEq := p.accept(Eq)
		if hasEq || !p.at(Comma) && !p.at(RightParen) {
			v := p.parseExpr()
			if l, ok := v.(*ast.Literal); ok {
				pr.Value = l
			} else {
				pr.ValueExpr = v
			}
		}
		pr.EndPos = p.prevEnd()
		props = append(props, pr)
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(len(props), isRightParen)
	}
	p.next()
	return props
}

// tableAliasFollows reports tokens that may follow a table alias.
func (p *parser) tableAliasFollows(t *Token, i int) bool {
	switch t.Kind {
	case Comma, RightParen, EOF, Semicolon, OperatorPipe:
		return true
	case LeftParen:
		// Column aliases, if what follows them can follow an alias.
		if !p.isIdentList(i) {
			return false
		}
		after := p.tokAt(p.matchAt(i) + 1)
		return after.Kind != LeftParen && p.tableAliasFollows(after, p.matchAt(i)+1)
	case KeywordTok:
		return relationClauseKeyword(t.Keyword) || !t.Keyword.strictIdentifier(p.ansi)
	}
	return false
}

// relationClauseKeyword reports keywords that may follow a relation and
// start the next clause.
func relationClauseKeyword(k Keyword) bool {
	switch k {
	case kwWHERE, kwGROUP, kwHAVING, kwWINDOW, kwORDER, kwSORT, kwCLUSTER, kwDISTRIBUTE,
		kwLIMIT, kwOFFSET, kwPIVOT, kwUNPIVOT, kwSELECT, kwTABLESAMPLE, kwINSERT, kwMAP, kwREDUCE:
		return true
	}
	return false
}

// parseTableAliasOpt parses [AS] name [(col, ...)] after a relation.
func (p *parser) parseTableAliasOpt() *ast.TableAlias {
	t := p.tok()
	var a ast.TableAlias
	if t.is(kwAS) {
		a.As = p.next().Pos
		a.Name = p.parseIdent(true)
	} else {
		if !p.isIdent(t, true) {
			if t.Kind == DoubleQuoted {
				// A name Spark's double-quote predicate rejects.
				p.unexpected()
			}
			return nil
		}
		if t.Kind == KeywordTok && relationClauseKeyword(t.Keyword) && !p.tableAliasFollows(p.peek(1), p.i+1) {
			return nil
		}
		if p.forQuery > 0 && t.is(kwDO) {
			// DO ends the query of a FOR statement.
			return nil
		}
		if t.Kind == KeywordTok && (t.is(kwPIVOT) || t.is(kwUNPIVOT)) && (p.atPivot() || p.atUnpivot()) {
			return nil
		}
		a.Name = p.parseIdent(true)
	}
	if p.at(LeftParen) {
		a.Columns = p.parseIdentList()
	}
	a.EndPos = p.prevEnd()
	alias := a
	return &alias
}

// parseValues parses VALUES row, ... [alias].
func (p *parser) parseValues() *ast.Values {
	v := &ast.Values{Values: p.expectKw(kwVALUES).Pos}
	for {
		v.Rows = append(v.Rows, p.parseExpr())
		if !p.accept(Comma) {
			break
		}
	}
	v.Alias = p.parseTableAliasOpt()
	v.EndPos = p.prevEnd()
	p.checkInlineTable(v)
	return v
}

// checkInlineTable makes the check Spark's parser makes when it evaluates
// an inline table of constants right away: every row has as many columns
// as there are column names (or as the first row has).
func (p *parser) checkInlineTable(v *ast.Values) {
	width := func(e ast.Expr) (int, bool) {
		if r, ok := e.(*ast.RowExpr); ok {
			for _, it := range r.Items {
				if a, ok := it.(*ast.Alias); ok {
					it = a.X
				}
				if !isConstantExpr(it) {
					return 0, false
				}
			}
			return len(r.Items), true
		}
		return 1, isConstantExpr(e)
	}
	widths := make([]int, len(v.Rows))
	for i, r := range v.Rows {
		w, ok := width(r)
		if !ok {
			return
		}
		widths[i] = w
	}
	want := widths[0]
	if v.Alias != nil && v.Alias.Columns != nil {
		want = len(v.Alias.Columns)
	}
	for i, w := range widths {
		if w != want {
			p.deferError(newError("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", v.Values, v.EndPos,
				"expectedNumCols", strconv.Itoa(want), "actualNumCols", strconv.Itoa(w), "rowIndex", strconv.Itoa(i)))
			return
		}
	}
}

// parseSampleOpt parses TABLESAMPLE (...) [REPEATABLE (seed)].
func (p *parser) parseSampleOpt() *ast.TableSample {
	if !p.atKw(kwTABLESAMPLE) || p.peek(1).Kind != LeftParen {
		return nil
	}
	t := p.next()
	p.next()
	s := &ast.TableSample{TableSample: t.Pos}
	methodStart := p.tok().Pos
	switch {
	case p.at(RightParen):
		s.Kind = ast.SampleEmpty
	case (p.at(IntegerValue) || p.at(DecimalValue)) && p.peekKw(1, kwPERCENTLIT),
		p.at(Minus) && (p.peek(1).Kind == IntegerValue || p.peek(1).Kind == DecimalValue) && p.peekKw(2, kwPERCENTLIT):
		s.Kind = ast.SamplePercent
		s.Negative = p.accept(Minus)
		n := p.next()
		s.Percent = p.numberLiteral(nil, n)
		p.next()
	case p.atKw(kwBUCKET) && p.peek(1).Kind == IntegerValue && p.peekKw(2, kwOUT):
		s.Kind = ast.SampleBucket
		p.next()
		s.Numerator = p.numberLiteral(nil, p.next())
		p.expectKw(kwOUT)
		p.expectKw(kwOF)
		d := p.expect(IntegerValue)
		s.Denominator = p.numberLiteral(nil, d)
		if p.acceptKw(kwON) {
			if p.isIdent(p.tok(), false) && p.peek(1).Kind != LeftParen && p.peek(1).Kind != Dot {
				id := p.parseIdent(false)
				s.OnExpr = &ast.ColumnRef{Parts: []*ast.Ident{id}}
			} else {
				name := p.parseQualifiedName()
				lp := p.expect(LeftParen)
				rp := p.expect(RightParen)
				s.OnExpr = &ast.FuncCall{Name: name, NameStart: name[0].Pos(), Lparen: lp.Pos, Rparen: rp.Pos, EndPos: rp.End}
			}
		}
	default:
		e := p.parseExpr()
		if p.acceptKw(kwROWS) {
			s.Kind = ast.SampleRows
			s.Rows = e
		} else {
			s.Kind = ast.SampleBytes
			s.Bytes = e
		}
	}
	methodEnd := p.prevEnd()
	s.EndPos = p.expectClose().End
	if p.atKw(kwREPEATABLE) && p.peek(1).Kind == LeftParen {
		p.next()
		p.next()
		s.Seed = p.numberLiteral(nil, p.expect(IntegerValue))
		s.EndPos = p.expectClose().End
	}
	// Spark's checks when building the sample.
	switch s.Kind {
	case ast.SampleEmpty:
		p.deferError(newError("_LEGACY_ERROR_TEMP_0014", s.TableSample, s.EndPos))
	case ast.SamplePercent:
		f := parseJavaDouble(s.Percent.Value) / 100
		if s.Negative {
			f = -f
		}
		const eps = 1e-6
		if !(f >= -eps && f <= 1+eps) {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0064", s.TableSample, s.EndPos,
				"msg", "Sampling fraction ("+javaDoubleString(f)+") must be on interval [0, 1]"))
		}
	case ast.SampleBucket:
		if s.OnExpr != nil {
			what := "BUCKET x OUT OF y ON colname"
			if _, ok := s.OnExpr.(*ast.FuncCall); ok {
				what = "BUCKET x OUT OF y ON function"
			}
			p.deferError(newError("_LEGACY_ERROR_TEMP_0015", methodStart, methodEnd, "msg", what))
		} else {
			f := parseJavaDouble(s.Numerator.Value) / parseJavaDouble(s.Denominator.Value)
			const eps = 1e-6
			if !(f >= -eps && f <= 1+eps) {
				p.deferError(newError("_LEGACY_ERROR_TEMP_0064", s.TableSample, s.EndPos,
					"msg", "Sampling fraction ("+javaDoubleString(f)+") must be on interval [0, 1]"))
			}
		}
	case ast.SampleBytes:
		text := p.tokensText(p.toksBetween(methodStart, methodEnd))
		if isByteLength(text) {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0015", methodStart, methodEnd, "msg", "byteLengthLiteral"))
		} else {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0016", methodStart, methodEnd, "bytesStr", text))
		}
	}
	return s
}

// isByteLength matches [0-9]+[bBkKmMgG].
func isByteLength(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s)-1; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return strings.ContainsRune("bBkKmMgG", rune(s[len(s)-1]))
}

// toksBetween returns the tokens from position from up to position to.
func (p *parser) toksBetween(from, to ast.Pos) []*Token {
	var out []*Token
	for i := range p.toks {
		t := &p.toks[i]
		if t.Kind != EOF && t.Pos.Offset >= from.Offset && t.End.Offset <= to.Offset {
			out = append(out, t)
		}
	}
	return out
}

// tokensText concatenates token texts without separators, like ANTLR's
// getText of a rule context.
func (p *parser) tokensText(ts []*Token) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(p.text(t))
	}
	return b.String()
}

// LATERAL VIEW, PIVOT, UNPIVOT.

func (p *parser) parseLateralView() *ast.LateralView {
	lv := &ast.LateralView{Lateral: p.next().Pos}
	p.expectKw(kwVIEW)
	if p.atKw(kwOUTER) {
		p.next()
		lv.Outer = true
	}
	start := p.tok().Pos
	name := p.parseQualifiedName()
	lp := p.expect(LeftParen)
	fc := &ast.FuncCall{Name: name, NameStart: start, Lparen: lp.Pos}
	if !p.at(RightParen) {
		fc.Args = p.parseExprList(isRightParen)
	}
	rp := p.expectClose()
	fc.Rparen, fc.EndPos = rp.Pos, rp.End
	lv.Func = fc
	lv.Table = p.parseIdent(false)
	if p.atKw(kwAS) || p.isIdent(p.tok(), false) && !p.lateralViewStops(p.tok()) {
		p.acceptKw(kwAS)
		for {
			lv.Columns = append(lv.Columns, p.parseIdent(false))
			if !(p.at(Comma) && p.isIdent(p.peek(1), false) && !p.lateralViewStops(p.peek(1))) {
				break
			}
			p.next()
		}
	}
	lv.EndPos = p.prevEnd()
	return lv
}

// lateralViewStops reports keywords that end a LATERAL VIEW's column list.
func (p *parser) lateralViewStops(t *Token) bool {
	if t.Kind != KeywordTok {
		return false
	}
	return selectClauseKeyword(t.Keyword) || relationClauseKeyword(t.Keyword) || t.is(kwLATERAL)
}

func (p *parser) parsePivot() *ast.PivotClause {
	pv := &ast.PivotClause{Pivot: p.next().Pos}
	p.expect(LeftParen)
	for {
		pv.Aggregates = append(pv.Aggregates, p.parseNamedExpr(aliasCtxPivot))
		if !p.accept(Comma) {
			break
		}
	}
	p.expectKw(kwFOR)
	if p.at(LeftParen) {
		p.next()
		for {
			pv.Columns = append(pv.Columns, p.parseErrorCapturingIdent())
			if !p.accept(Comma) {
				break
			}
		}
		p.expectClose()
	} else {
		pv.Columns = []*ast.Ident{p.parseErrorCapturingIdent()}
	}
	p.expectKw(kwIN)
	p.expect(LeftParen)
	for {
		v := p.parseExpr()
		if p.atKw(kwAS) || p.isIdent(p.tok(), false) {
			p.acceptKw(kwAS)
			name := p.parseErrorCapturingIdent()
			v = &ast.Alias{X: v, Name: name, EndP: name.End()}
		}
		pv.Values = append(pv.Values, v)
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(len(pv.Values), isRightParen)
	}
	p.next()
	pv.Rparen = p.expectClose().End
	return pv
}

func (p *parser) parseUnpivot() *ast.UnpivotClause {
	u := &ast.UnpivotClause{Unpivot: p.next().Pos}
	switch {
	case p.acceptKw(kwINCLUDE):
		p.expectKw(kwNULLS)
		u.IncludeNulls = true
	case p.acceptKw(kwEXCLUDE):
		p.expectKw(kwNULLS)
		u.ExcludeNulls = true
	}
	p.expect(LeftParen)
	multi := p.at(LeftParen)
	if multi {
		p.next()
		for {
			u.ValueColumns = append(u.ValueColumns, p.parseIdent(false))
			if !p.accept(Comma) {
				break
			}
		}
		p.expectClose()
	} else {
		u.ValueColumns = []*ast.Ident{p.parseIdent(false)}
	}
	p.expectKw(kwFOR)
	u.NameColumn = p.parseIdent(false)
	p.expectKw(kwIN)
	p.expect(LeftParen)
	for {
		uc := &ast.UnpivotColumns{}
		if multi {
			p.expect(LeftParen)
			for {
				uc.Columns = append(uc.Columns, p.parseMultipartIdent())
				if !p.accept(Comma) {
					break
				}
			}
			p.expectClose()
		} else {
			uc.Columns = [][]*ast.Ident{p.parseMultipartIdent()}
		}
		if p.atKw(kwAS) || p.isIdent(p.tok(), false) {
			p.acceptKw(kwAS)
			uc.Alias = p.parseErrorCapturingIdent()
		}
		u.Columns = append(u.Columns, uc)
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(len(u.Columns), isRightParen)
	}
	p.next()
	u.EndPos = p.expectClose().End
	if p.atKw(kwAS) || p.isIdent(p.tok(), false) && !(p.tok().Kind == KeywordTok &&
		(relationClauseKeyword(p.tok().Keyword) || selectClauseKeyword(p.tok().Keyword)) && !p.tableAliasFollows(p.peek(1), p.i+1)) {
		p.acceptKw(kwAS)
		u.Alias = p.parseErrorCapturingIdent()
		u.EndPos = u.Alias.End()
	}
	return u
}

// FROM-first queries.

// parseFromQuery parses FROM relations followed by SELECT bodies.
func (p *parser) parseFromQuery() ast.QueryExpr {
	fq := &ast.FromQuery{From: p.parseFromClause()}
	for p.atKw(kwSELECT) || p.atKw(kwMAP) || p.atKw(kwREDUCE) {
		var sel *ast.Select
		if p.atTransform() {
			mark := len(p.deferred)
			sel = &ast.Select{Select: p.tok().Pos}
			sel.Transform = p.parseTransform()
			if p.acceptKw(kwWHERE) {
				sel.Where = p.parseExpr()
			}
			sel.EndPos = p.prevEnd()
			p.finishTransform(sel, mark)
		} else {
			sel = p.parseSelectClause()
			p.parseSelectRest(sel)
		}
		b := &ast.FromBody{Select: sel}
		org := &ast.Query{StartPos: p.tok().Pos}
		p.parseQueryOrganization(org, false)
		if hasOrganization(org) {
			org.EndPos = p.prevEnd()
			b.Org = org
		}
		fq.Bodies = append(fq.Bodies, b)
	}
	return fq
}

func hasOrganization(q *ast.Query) bool {
	return q.OrderBy != nil || q.ClusterBy != nil || q.DistributeBy != nil || q.SortBy != nil ||
		q.Windows != nil || q.Limit != nil || q.LimitAll || q.Offset != nil
}

// Pipe operators.

// parsePipeOp parses |> operator after left.
func (p *parser) parsePipeOp(left ast.QueryExpr) ast.QueryExpr {
	pipe := p.next()
	po := &ast.PipeOp{Left: left, PipePos: pipe.Pos}
	t := p.tok()
	opStart := t.Pos
	switch {
	case t.is(kwSELECT):
		po.Kind = "SELECT"
		po.Select = p.parseSelectClause()
		if p.atWindowClause() {
			po.Select.Windows = p.parseWindowClause()
			po.Select.EndPos = p.prevEnd()
		}
	case t.is(kwEXTEND):
		po.Kind = "EXTEND"
		p.next()
		for {
			po.Extend = append(po.Extend, p.parseNamedExpr(aliasCtxSelect))
			if !p.accept(Comma) {
				break
			}
		}
	case t.is(kwSET) && p.isIdent(p.peek(1), false):
		po.Kind = "SET"
		p.next()
		multi := false
		for {
			a := &ast.Assign{Name: []*ast.Ident{p.parseErrorCapturingIdent()}}
			for p.at(Dot) {
				p.next()
				multi = true
				a.Name = append(a.Name, p.parseErrorCapturingIdent())
			}
			p.expect(Eq)
			a.Value = p.parseExpr()
			po.Set = append(po.Set, a)
			if !p.accept(Comma) {
				break
			}
		}
		if multi {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0035", p.peekFrom(opStart, 1), p.prevEnd(),
				"message", "SQL pipe syntax |> SET operator with multi-part assignment key (only single-part keys are allowed)"))
		}
	case t.is(kwDROP) && p.isIdent(p.peek(1), false):
		po.Kind = "DROP"
		p.next()
		for {
			po.Drop = append(po.Drop, []*ast.Ident{p.parseErrorCapturingIdent()})
			if !p.accept(Comma) {
				break
			}
		}
	case t.is(kwAS):
		po.Kind = "AS"
		p.next()
		po.AsName = p.parseErrorCapturingIdent()
	case t.is(kwWHERE):
		po.Kind = "WHERE"
		p.next()
		po.Select = &ast.Select{Select: t.Pos}
		po.Select.Where = p.parseExpr()
		if p.atWindowClause() {
			po.Select.Windows = p.parseWindowClause()
			p.deferError(newError("NOT_ALLOWED_IN_PIPE_OPERATOR_WHERE.WINDOW_CLAUSE", opStart, p.prevEnd()))
		}
		po.Select.EndPos = p.prevEnd()
	case p.atPivot() || p.atUnpivot():
		if p.atPivot() {
			po.Kind = "PIVOT"
			po.Pivot = p.parsePivot()
			if p.atUnpivot() {
				po.Unpivot = p.parseUnpivot()
			}
		} else {
			po.Kind = "UNPIVOT"
			po.Unpivot = p.parseUnpivot()
			if p.atPivot() {
				po.Pivot = p.parsePivot()
			}
		}
		if po.Pivot != nil && po.Unpivot != nil {
			p.deferError(newError("NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT", opStart, p.prevEnd()))
		}
	case t.is(kwTABLESAMPLE):
		po.Kind = "TABLESAMPLE"
		po.Sample = p.parseSampleOpt()
		if po.Sample == nil {
			p.unexpected()
		}
	case p.atJoin():
		po.Kind = "JOIN"
		po.Join = p.parseJoin(nil)
	case t.is(kwUNION) || t.is(kwEXCEPT) || t.is(kwSETMINUS) || t.is(kwINTERSECT):
		po.Kind = strings.ToUpper(t.Keyword.String())
		if t.is(kwSETMINUS) {
			po.Kind = "EXCEPT"
		}
		p.next()
		so := &ast.SetOp{OpPos: t.Pos, OpText: strings.ToUpper(p.text(t))}
		switch {
		case t.is(kwUNION):
			so.Op = ast.Union
		case t.is(kwINTERSECT):
			so.Op = ast.Intersect
		default:
			so.Op = ast.Except
		}
		so.Quantifier = p.parseSetQuantifier()
		so.Right = p.parseQueryPrimary()
		po.SetOp = so
	case t.is(kwAGGREGATE):
		po.Kind = "AGGREGATE"
		p.next()
		sel := &ast.Select{Select: t.Pos}
		groupBy := func() bool {
			return p.atKw(kwGROUP) && p.peekKw(1, kwBY) && p.canStartExpr(p.peek(2))
		}
		if !groupBy() && p.canStartExpr(p.tok()) {
			for {
				sel.Items = append(sel.Items, p.parseNamedExpr(aliasCtxSelect))
				if !p.accept(Comma) {
					break
				}
			}
		}
		if groupBy() {
			sel.GroupBy = p.parseGroupBy()
		}
		sel.EndPos = p.prevEnd()
		po.Select = sel
		if sel.Items == nil && sel.GroupBy == nil {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0035", left.Pos(), p.prevEnd(),
				"message", "The AGGREGATE clause requires a list of aggregate expressions or a list of grouping expressions, or both"))
		} else if g := sel.GroupBy; g != nil {
			if c := pipeAggregateUnsupported(g, sel.Items); c != "" {
				p.deferError(newError("UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE",
					left.Pos(), p.prevEnd(), "case", c))
			}
		}
	default:
		org := &ast.Query{StartPos: t.Pos}
		p.parseQueryOrganization(org, true)
		if !hasOrganization(org) {
			p.unexpected()
		}
		org.EndPos = p.prevEnd()
		po.Kind = "ORDER"
		po.Org = org
	}
	po.EndPos = p.prevEnd()
	return po
}

// peekFrom returns the position of the n-th token after the token at pos.
func (p *parser) peekFrom(pos ast.Pos, n int) ast.Pos {
	for i := range p.toks {
		if p.toks[i].Pos.Offset == pos.Offset {
			return p.tokAt(i + n).Pos
		}
	}
	return pos
}

// pipeAggregateUnsupported returns the case |> AGGREGATE does not support.
func pipeAggregateUnsupported(g *ast.GroupBy, items []ast.Expr) string {
	if g.IsGroupByAll() {
		return "GROUP BY ALL"
	}
	switch g.Modifier {
	case "ROLLUP":
		return "GROUP BY ROLLUP"
	case "CUBE":
		return "GROUP BY CUBE"
	case "GROUPING SETS":
		return "GROUPING SETS"
	}
	found := ""
	visit := func(n ast.Node) bool {
		if found != "" {
			return false
		}
		switch x := n.(type) {
		case *ast.GroupingAnalytics:
			switch x.Kind {
			case ast.Rollup:
				found = "GROUP BY ROLLUP"
			case ast.Cube:
				found = "GROUP BY CUBE"
			default:
				found = "GROUPING SETS"
			}
		case *ast.FuncCall:
			if len(x.Args) == 1 && len(x.Name) == 1 {
				for _, name := range []string{"GROUPING", "GROUPING_ID"} {
					if strings.EqualFold(x.Name[0].Name, name) {
						found = name
						return false
					}
				}
			}
		case *ast.WindowSpec:
			found = "window functions; please update the query to move the window functions to a subsequent |> SELECT operator instead"
		}
		return found == ""
	}
	for _, it := range g.Items {
		ast.Inspect(it, visit)
	}
	for _, it := range items {
		ast.Inspect(it, visit)
	}
	return found
}

// hasColumnRef reports whether an expression refers to a column.
func hasColumnRef(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.ColumnRef); ok {
			found = true
		}
		return !found
	})
	return found
}
