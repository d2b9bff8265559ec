package parser

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// This file parses DELETE, UPDATE, MERGE and Hive's multi-insert.

// parseDMLAlias parses the optional table alias of DELETE, UPDATE and
// MERGE ([AS] name [(cols)]). A keyword that starts the next clause
// (clause) is an alias only when it is followed by another such keyword
// or ends the statement, as Spark's parser decides.
func (p *parser) parseDMLAlias(op string, clause func(*Token) bool) *ast.TableAlias {
	t := p.tok()
	a := &ast.TableAlias{}
	if t.is(kwAS) {
		a.As = p.next().Pos
		a.Name = p.parseIdent(true)
	} else {
		if !p.isIdent(t, true) {
			return nil
		}
		if clause(t) {
			nt := p.peek(1)
			if !clause(nt) && nt.Kind != EOF && nt.Kind != Semicolon {
				return nil
			}
		}
		a.Name = p.parseIdent(true)
	}
	if p.at(LeftParen) {
		a.Columns = p.parseIdentList()
		p.deferError(newError("COLUMN_ALIASES_NOT_ALLOWED", a.Pos(), p.prevEnd(), "op", op))
	}
	a.EndPos = p.prevEnd()
	return a
}

// parseDelete parses DELETE FROM name [alias] [WHERE cond].
func (p *parser) parseDelete(w *ast.With) ast.Statement {
	st := &ast.Delete{With: w, Delete: p.expectKw(kwDELETE).Pos}
	p.expectKw(kwFROM)
	st.Table, st.TableExpr = p.parseIdentifierReference()
	st.Alias = p.parseDMLAlias("DELETE", func(t *Token) bool { return t.is(kwWHERE) })
	if p.acceptKw(kwWHERE) {
		st.Where = p.parseExpr()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseUpdate parses UPDATE name [alias] SET a = e, ... [WHERE cond].
func (p *parser) parseUpdate(w *ast.With) ast.Statement {
	st := &ast.Update{With: w, Update: p.expectKw(kwUPDATE).Pos}
	st.Table, st.TableExpr = p.parseIdentifierReference()
	st.Alias = p.parseDMLAlias("UPDATE", func(t *Token) bool { return t.is(kwSET) })
	p.expectKw(kwSET)
	st.Set = p.parseAssignments()
	if p.acceptKw(kwWHERE) {
		st.Where = p.parseExpr()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseAssignments parses Spark's assignmentList: a.b = expr, ...
func (p *parser) parseAssignments() []*ast.Assignment {
	var list []*ast.Assignment
	for {
		a := &ast.Assignment{Target: p.parseMultipartIdent()}
		p.expect(Eq)
		a.Value = p.parseExpr()
		a.EndPos = p.prevEnd()
		list = append(list, a)
		if !p.accept(Comma) {
			return list
		}
	}
}

// parseMerge parses MERGE [WITH SCHEMA EVOLUTION] INTO target [alias]
// USING source|(query) [alias] ON cond followed by WHEN clauses.
func (p *parser) parseMerge(w *ast.With) ast.Statement {
	st := &ast.Merge{With: w, Merge: p.expectKw(kwMERGE).Pos}
	if p.atKw(kwWITH) {
		p.next()
		p.expectKw(kwSCHEMA)
		p.expectKw(kwEVOLUTION)
		st.SchemaEvolution = true
	}
	p.expectKw(kwINTO)
	st.Target, st.TargetExpr = p.parseIdentifierReference()
	st.TargetAlias = p.parseDMLAlias("MERGE", func(t *Token) bool { return t.is(kwUSING) })
	p.expectKw(kwUSING)
	if p.at(LeftParen) {
		p.next()
		st.SourceQuery = p.parseQuery()
		p.expectClose()
	} else {
		st.Source, st.SourceExpr = p.parseIdentifierReference()
	}
	st.SourceAlias = p.parseDMLAlias("MERGE", func(t *Token) bool { return t.is(kwON) })
	p.expectKw(kwON)
	st.On = p.parseExpr()
	// WHEN MATCHED clauses, then WHEN NOT MATCHED [BY TARGET], then WHEN
	// NOT MATCHED BY SOURCE: the grammar takes the groups in this order.
	group := ast.WhenMatched
	for p.atKw(kwWHEN) {
		if p.nextMergeGroup() < group {
			// Out of order: the statement ends before this WHEN.
			break
		}
		c := p.parseMergeClause()
		group = c.Match
		st.Clauses = append(st.Clauses, c)
	}
	st.EndPos = p.prevEnd()
	if len(st.Clauses) == 0 {
		p.deferStmt("MERGE_WITHOUT_WHEN", st.Merge)
		return st
	}
	for _, m := range []struct {
		match ast.MergeMatch
		class string
	}{
		{ast.WhenMatched, "NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION"},
		{ast.WhenNotMatched, "NON_LAST_NOT_MATCHED_BY_TARGET_CLAUSE_OMIT_CONDITION"},
		{ast.WhenNotMatchedBySource, "NON_LAST_NOT_MATCHED_BY_SOURCE_CLAUSE_OMIT_CONDITION"},
	} {
		var group []*ast.MergeClause
		for _, c := range st.Clauses {
			if c.Match == m.match {
				group = append(group, c)
			}
		}
		for i := 0; i+1 < len(group); i++ {
			if group[i].Cond == nil {
				p.deferStmt(m.class, st.Merge)
				return st
			}
		}
	}
	return st
}

// nextMergeGroup tells which group the WHEN clause at the current token
// belongs to.
func (p *parser) nextMergeGroup() ast.MergeMatch {
	t := p.peek(1)
	if !t.is(kwNOT) && t.Kind != Bang {
		return ast.WhenMatched
	}
	if p.peekKw(3, kwBY) && p.peekKw(4, kwSOURCE) {
		return ast.WhenNotMatchedBySource
	}
	return ast.WhenNotMatched
}

// parseMergeClause parses WHEN [NOT] MATCHED [BY TARGET|SOURCE] [AND
// cond] THEN action.
func (p *parser) parseMergeClause() *ast.MergeClause {
	c := &ast.MergeClause{When: p.next().Pos}
	if t := p.tok(); t.is(kwNOT) || t.Kind == Bang {
		if p.next().Kind == Bang {
			p.blockBang(t)
		}
		c.Match = ast.WhenNotMatched
	}
	p.expectKw(kwMATCHED)
	if c.Match == ast.WhenNotMatched && p.atKw(kwBY) {
		p.next()
		if p.acceptKw(kwSOURCE) {
			c.Match = ast.WhenNotMatchedBySource
		} else {
			p.expectKw(kwTARGET)
			c.ByTarget = true
		}
	}
	if p.acceptKw(kwAND) {
		c.Cond = p.parseExpr()
	}
	p.expectKw(kwTHEN)
	t := p.tok()
	switch {
	case c.Match != ast.WhenNotMatched && t.is(kwDELETE):
		p.next()
		c.Action = ast.MergeDelete
	case c.Match != ast.WhenNotMatched && t.is(kwUPDATE):
		p.next()
		p.expectKw(kwSET)
		if c.Match == ast.WhenMatched && p.at(Asterisk) {
			p.next()
			c.Action = ast.MergeUpdateStar
		} else {
			c.Action = ast.MergeUpdate
			c.Assignments = p.parseAssignments()
		}
	case c.Match == ast.WhenNotMatched && t.is(kwINSERT):
		p.next()
		if p.accept(Asterisk) {
			c.Action = ast.MergeInsertStar
			break
		}
		c.Action = ast.MergeInsert
		p.expect(LeftParen)
		for {
			c.Columns = append(c.Columns, p.parseMultipartIdent())
			if !p.accept(Comma) {
				break
			}
		}
		p.expectClose()
		actionStart := p.tok().Pos
		p.expectKw(kwVALUES)
		p.expect(LeftParen)
		c.Values = p.parseExprList(isRightParen)
		p.expectClose()
		if len(c.Values) != len(c.Columns) {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0006", actionStart, p.prevEnd()))
		}
	default:
		p.unexpected()
	}
	c.EndPos = p.prevEnd()
	return c
}

// Multi-insert.

// atMultiInsert reports whether the FROM clause at the current token is
// followed by INSERT: Hive's FROM src INSERT ... form.
func (p *parser) atMultiInsert() bool {
	if !p.atKw(kwFROM) {
		return false
	}
	found := false
	p.probe(func() {
		p.parseFromClause()
		found = p.atKw(kwINSERT)
	})
	return found
}

// parseMultiInsert parses FROM relations (INSERT ... body)+.
func (p *parser) parseMultiInsert(w *ast.With) ast.Statement {
	st := &ast.MultiInsert{With: w, From: p.parseFromClause()}
	for p.atKw(kwINSERT) {
		ins := p.parseInsertClause(nil)
		clauseEnd := ins.EndPos
		body := &ast.InsertBody{Insert: ins, Body: p.parseFromBody()}
		ins.EndPos = p.prevEnd()
		p.checkInsertIfNotExists(ins, clauseEnd)
		st.Inserts = append(st.Inserts, body)
	}
	if len(st.Inserts) == 0 {
		p.unexpected()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseFromBody parses Spark's fromStatementBody: a SELECT (or
// TRANSFORM) body without FROM, with its query organization.
func (p *parser) parseFromBody() *ast.FromBody {
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
		if !p.atKw(kwSELECT) {
			p.unexpected()
		}
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
	return b
}

// INSERT OVERWRITE DIRECTORY.

// parseInsertDirectory parses the rest of INSERT OVERWRITE [LOCAL]
// DIRECTORY: ['path'] followed by ROW FORMAT/STORED AS (Hive) or USING
// provider [OPTIONS (...)] (data source).
func (p *parser) parseInsertDirectory(st *ast.Insert) {
	st.Directory = true
	st.Local = p.acceptKw(kwLOCAL)
	p.expectKw(kwDIRECTORY)
	if p.isStringTok(p.tok()) {
		st.Path = p.parseStringLitValue()
	}
	if p.atKw(kwUSING) {
		p.next()
		st.Using = p.parseMultipartIdent()
		if p.acceptKw(kwOPTIONS) {
			st.Options = p.parsePropertyList()
		}
		p.checkInsertDirectory(st)
		return
	}
	if st.Path == nil {
		// The Hive form needs a path; the data source form, USING.
		p.unexpected()
	}
	if p.atKw(kwROW) && p.peekKw(1, kwFORMAT) {
		st.RowFormat = p.parseRowFormat()
	}
	if p.atKw(kwSTORED) {
		p.next()
		if p.acceptKw(kwBY) {
			t := p.tok()
			p.parseStringLitValue()
			if p.atKw(kwWITH) && p.peekKw(1, kwSERDEPROPERTIES) {
				p.next()
				p.next()
				p.parsePropertyList()
			}
			p.deferError(newError("INVALID_STATEMENT_OR_CLAUSE", t.Pos, p.prevEnd(), "operation", "STORED BY"))
		} else {
			p.expectKw(kwAS)
			if p.acceptKw(kwINPUTFORMAT) {
				st.InputFormat = p.parseStringLitValue()
				p.expectKw(kwOUTPUTFORMAT)
				st.OutputFormat = p.parseStringLitValue()
			} else {
				st.StoredAs = p.parseIdent(false)
			}
		}
	}
}

// checkInsertDirectory makes Spark's checks on the data source form.
func (p *parser) checkInsertDirectory(st *ast.Insert) {
	optPath := false
	for _, pr := range st.Options {
		if strings.EqualFold(propertyKey(pr), "path") {
			optPath = true
		}
	}
	if (st.Path != nil && st.Path.Value != "") == optPath {
		p.deferStmt("_LEGACY_ERROR_TEMP_0049", st.Insert)
		return
	}
	if st.Local && st.Path != nil {
		if scheme := uriScheme(st.Path.Value); scheme != "" && scheme != "file" {
			p.deferStmt("LOCAL_MUST_WITH_SCHEMA_FILE", st.Insert, "actualSchema", scheme)
		}
	}
}

// uriScheme returns the scheme of a URI (hdfs in hdfs://...), or "".
func uriScheme(s string) string {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return ""
	}
	for j := 0; j < i; j++ {
		c := s[j]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if j == 0 && !letter || !letter && !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return ""
		}
	}
	return s[:i]
}
