package parser

import (
	"regexp"
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// This file parses SQL scripts (Spark's singleCompoundStatement): BEGIN
// ... END blocks holding statements and the control-flow statements of
// SQL scripting, each followed by ';'. Like Spark's AstBuilder it checks
// labels, the order of declarations and the conditions of handlers, and
// reports those errors only when the whole script parses.

// scriptState is what the parser knows about the enclosing blocks while
// it parses a script.
type scriptState struct {
	// scopes are the enclosing labeled statements, innermost last.
	scopes []scriptScope
	// seen are the labels and FOR variables in scope, lower case.
	seen map[string]int
	// conditions are the conditions declared in enclosing blocks, upper case.
	conditions map[string]int
}

// scriptScope is one enclosing statement for LEAVE and ITERATE.
type scriptScope struct {
	label    string // lower case; "" without label
	compound bool   // a BEGIN ... END block (ITERATE may not name it)
}

// bodyState follows the order of declarations in one compound body:
// variables and conditions first, then handlers, then statements.
type bodyState int

const (
	bodyInit bodyState = iota
	bodyVariable
	bodyCondition
	bodyHandler
	bodyStatement
)

// labelText renders a label as Spark's getText does: its parts joined by
// dots, without quotes.
func labelText(l []*ast.Ident) string {
	return strings.Join(ast.NameParts(l), ".")
}

// sqlID quotes a dotted name for an error message (toSQLId of a string).
func sqlID(s string) string { return toSQLID(strings.Split(s, ".")...) }

// atScriptLabel reports whether a begin label (name: or a.b:) starts at
// the current token and is followed by a statement that takes labels.
func (p *parser) atScriptLabel() bool {
	j := p.i
	for {
		if !p.isIdent(p.tokAt(j), false) {
			return false
		}
		j++
		if p.tokAt(j).Kind != Dot {
			break
		}
		j++
	}
	if p.tokAt(j).Kind != Colon {
		return false
	}
	t := p.tokAt(j + 1)
	return t.is(kwBEGIN) || t.is(kwWHILE) || t.is(kwREPEAT) || t.is(kwLOOP) || t.is(kwFOR)
}

// parseScriptLabel parses name[.name...] ':'.
func (p *parser) parseScriptLabel() []*ast.Ident {
	label := p.parseMultipartIdent()
	p.expect(Colon)
	return label
}

// enterLabeled checks a begin label as Spark does on entering a labeled
// statement and brings it in scope. The errors are recorded at index mark
// of the deferred errors, before those of the statement's body.
func (p *parser) enterLabeled(label []*ast.Ident, compound bool) {
	s := p.script
	text := strings.ToLower(labelText(label))
	if label != nil {
		if len(label) > 1 {
			p.deferError(newError("INVALID_LABEL_USAGE.QUALIFIED_LABEL_NAME", label[0].Pos(), nameEndOf(label),
				"labelName", toSQLStmt(text)))
		} else if s.seen[text] > 0 {
			p.deferError(newError("LABEL_OR_FOR_VARIABLE_ALREADY_EXISTS", label[0].Pos(), nameEndOf(label),
				"label", sqlID(text)))
		} else if forbiddenLabel(text) {
			p.deferError(newError("LABEL_OR_FOR_VARIABLE_NAME_FORBIDDEN", label[0].Pos(), nameEndOf(label),
				"label", sqlID(text)))
		}
		s.seen[text]++
	}
	s.scopes = append(s.scopes, scriptScope{label: text, compound: compound})
}

// exitLabeled takes the label of the innermost labeled statement out of
// scope and checks it against the end label. mark is the index of the
// deferred errors when the statement started: Spark checks labels before
// it builds the body.
func (p *parser) exitLabeled(label, end []*ast.Ident, mark int) {
	s := p.script
	s.scopes = s.scopes[:len(s.scopes)-1]
	if label != nil {
		s.seen[strings.ToLower(labelText(label))]--
	}
	var e *Error
	switch {
	case label != nil && end != nil && !strings.EqualFold(labelText(label), labelText(end)):
		e = newError("LABELS_MISMATCH", label[0].Pos(), nameEndOf(label),
			"beginLabel", sqlID(labelText(label)), "endLabel", sqlID(labelText(end)))
	case label == nil && end != nil:
		e = newError("END_LABEL_WITHOUT_BEGIN_LABEL", end[0].Pos(), nameEndOf(end),
			"endLabel", sqlID(labelText(end)))
	}
	if e != nil {
		p.insertDeferred(mark, e)
	}
}

func nameEndOf(l []*ast.Ident) ast.Pos { return l[len(l)-1].End() }

var forbiddenLabelRe = regexp.MustCompile(`^(builtin|session|sys.*)$`)

func forbiddenLabel(s string) bool { return forbiddenLabelRe.MatchString(s) }

// atEndLabel reports whether an end label follows (a name not starting
// the next statement: the statement ends with ';').
func (p *parser) atEndLabel() bool {
	return p.isIdent(p.tok(), false) && !p.at(Semicolon)
}

// parseEndLabel parses the optional end label.
func (p *parser) parseEndLabel() []*ast.Ident {
	if p.atEndLabel() {
		return p.parseMultipartIdent()
	}
	return nil
}

// parseCompound parses [label:] BEGIN [NOT ATOMIC] body END [label]. The
// label has been parsed; top is set for the whole script.
func (p *parser) parseCompound(label []*ast.Ident) *ast.CompoundBlock {
	top := p.script == nil
	if top {
		p.script = &scriptState{seen: map[string]int{}, conditions: map[string]int{}}
		defer func() { p.script = nil }()
	}
	mark := len(p.deferred)
	b := &ast.CompoundBlock{Label: label, Begin: p.expectKw(kwBEGIN).Pos}
	if top && p.opts.DisableSQLScripting {
		p.deferError(newError("UNSUPPORTED_FEATURE.SQL_SCRIPTING", b.Begin, p.tok().End,
			"sqlScriptingEnabled", `"spark.sql.scripting.enabled"`))
	}
	if p.atKw(kwNOT) && p.peekKw(1, kwATOMIC) {
		p.next()
		p.next()
		b.NotAtomic = true
	}
	p.enterLabeled(label, true)
	b.Body = p.parseScriptBody(true, true, func(t *Token) bool { return t.is(kwEND) })
	p.expectKw(kwEND)
	if !top {
		b.EndLabel = p.parseEndLabel()
	}
	p.exitLabeled(label, b.EndLabel, mark)
	b.EndPos = p.prevEnd()
	return b
}

// parseScriptBody parses statements each followed by ';' up to a token
// that ends the body (end). isScope tells that the body is a block of its
// own (BEGIN ... END), where variables and conditions may be declared.
func (p *parser) parseScriptBody(isScope, allowEmpty bool, end func(*Token) bool) []ast.Statement {
	var body []ast.Statement
	state := bodyInit
	var declared []string
	defer func() {
		for _, c := range declared {
			p.script.conditions[c]--
		}
	}()
	for {
		t := p.tok()
		if end(t) && !(t.Kind == KeywordTok && p.atScriptLabel()) || t.Kind == EOF {
			if len(body) == 0 && !allowEmpty {
				p.unexpected()
			}
			return body
		}
		st := p.parseScriptStatement()
		p.expect(Semicolon)
		body = append(body, st)
		// The order of declarations.
		var next bodyState
		switch x := st.(type) {
		case *ast.DeclareVariable:
			next = bodyVariable
			if !isScope {
				p.deferError(newError("INVALID_VARIABLE_DECLARATION.NOT_ALLOWED_IN_SCOPE", x.Pos(), x.End(),
					"varName", toSQLID(ast.NameParts(x.Name)...)))
				continue
			}
			if state == bodyHandler || state == bodyStatement {
				p.deferError(newError("INVALID_VARIABLE_DECLARATION.ONLY_AT_BEGINNING", x.Pos(), x.End(),
					"varName", toSQLID(ast.NameParts(x.Name)...)))
				continue
			}
		case *ast.DeclareCondition:
			next = bodyCondition
			name := strings.ToUpper(labelText(x.Name))
			if !isScope || state == bodyHandler || state == bodyStatement {
				p.deferError(newError("INVALID_ERROR_CONDITION_DECLARATION.NOT_AT_START_OF_COMPOUND_STATEMENT",
					x.Pos(), x.End(), "conditionName", sqlID(name)))
				continue
			}
			if p.script.conditions[name] > 0 {
				p.deferError(newError("DUPLICATE_CONDITION_IN_SCOPE", x.Pos(), x.End(), "condition", sqlID(name)))
				continue
			}
			p.script.conditions[name]++
			declared = append(declared, name)
		case *ast.DeclareHandler:
			next = bodyHandler
			if state == bodyStatement {
				p.deferError(newError("INVALID_HANDLER_DECLARATION.WRONG_PLACE_OF_DECLARATION", x.Pos(), x.End()))
				continue
			}
		default:
			next = bodyStatement
		}
		if next > state || state == bodyVariable && next == bodyCondition || state == bodyCondition && next == bodyVariable {
			state = next
		}
	}
}

// parseScriptStatement parses one statement of a script body (Spark's
// compoundStatement).
func (p *parser) parseScriptStatement() ast.Statement {
	p.enter()
	defer p.leave()
	var label []*ast.Ident
	if p.atScriptLabel() {
		label = p.parseScriptLabel()
	}
	t := p.tok()
	switch {
	case t.is(kwBEGIN):
		return p.parseCompound(label)
	case t.is(kwWHILE):
		return p.parseWhile(label)
	case t.is(kwREPEAT):
		return p.parseRepeat(label)
	case t.is(kwLOOP):
		return p.parseLoop(label)
	case t.is(kwFOR):
		return p.parseForStatement(label)
	case label != nil:
		p.unexpected()
	case t.is(kwIF):
		return p.parseIfElse()
	case t.is(kwCASE):
		return p.parseCaseStatement()
	case t.is(kwLEAVE), t.is(kwITERATE):
		return p.parseLeaveIterate()
	case t.is(kwDECLARE):
		switch {
		case (p.peekKw(1, kwCONTINUE) || p.peekKw(1, kwEXIT)) && p.peekKw(2, kwHANDLER):
			return p.parseDeclareHandler()
		case p.atDeclareCondition():
			return p.parseDeclareCondition()
		}
	case t.is(kwSET):
		if st := p.parseScriptSet(); st != nil {
			return st
		}
	case t.is(kwRESET):
		// RESET is a command of its own, not a statement of a script.
		p.unexpected()
	}
	return p.parseStatement()
}

// atDeclareCondition reports DECLARE name[.name] CONDITION.
func (p *parser) atDeclareCondition() bool {
	j := p.i + 1
	for {
		if !p.isIdent(p.tokAt(j), false) {
			return false
		}
		j++
		if p.tokAt(j).Kind != Dot {
			break
		}
		j++
	}
	return p.tokAt(j).is(kwCONDITION)
}

// parseScriptSet parses SET inside a script: SET a = e, ... or SET (a, b)
// = (query). It returns nil for SET CATALOG, a statement of its own.
func (p *parser) parseScriptSet() ast.Statement {
	if p.peekKw(1, kwCATALOG) && p.peek(2).Kind != Eq && p.peek(2).Kind != Dot {
		return nil
	}
	st := &ast.Set{Set: p.next().Pos}
	if p.at(LeftParen) {
		st.Kind = ast.SetVariableQuery
		p.next()
		for {
			st.Targets = append(st.Targets, p.parseMultipartIdent())
			if !p.accept(Comma) {
				break
			}
		}
		p.expectClose()
		p.expect(Eq)
		p.expect(LeftParen)
		st.Query = p.parseQuery()
		p.expectClose()
	} else {
		st.Kind = ast.SetVariable
		for {
			a := &ast.Assignment{Target: p.parseMultipartIdent()}
			p.expect(Eq)
			if p.atKw(kwDEFAULT) && (p.peek(1).Kind == Comma || p.peek(1).Kind == Semicolon || p.peek(1).Kind == EOF) {
				// name = DEFAULT: the variable's default.
				p.next()
				a.Default = true
			} else {
				a.Value = p.parseExpr()
			}
			a.EndPos = p.prevEnd()
			st.Assignments = append(st.Assignments, a)
			if !p.accept(Comma) {
				break
			}
		}
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseDeclareCondition parses DECLARE name CONDITION [FOR SQLSTATE
// [VALUE] 'state'].
func (p *parser) parseDeclareCondition() ast.Statement {
	st := &ast.DeclareCondition{Declare: p.next().Pos}
	st.Name = p.parseMultipartIdent()
	p.expectKw(kwCONDITION)
	if p.acceptKw(kwFOR) {
		p.expectKw(kwSQLSTATE)
		p.acceptKw(kwVALUE)
		st.SQLState = p.parseStringLitValue()
	}
	st.EndPos = p.prevEnd()
	switch {
	case len(st.Name) > 1:
		p.deferStmt("INVALID_ERROR_CONDITION_DECLARATION.QUALIFIED_CONDITION_NAME", st.Declare,
			"conditionName", toSQLStmt(labelText(st.Name)))
	case st.SQLState != nil && !validSQLState(st.SQLState.Value):
		p.deferStmt("INVALID_SQLSTATE", st.Declare, "sqlState", st.SQLState.Value)
	case !conditionNameRe.MatchString(st.Name[0].Name):
		p.deferStmt("INVALID_ERROR_CONDITION_DECLARATION.SPECIAL_CHARACTER_FOUND", st.Declare,
			"conditionName", sqlID(st.Name[0].Name))
	}
	return st
}

var (
	conditionNameRe = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	sqlStateRe      = regexp.MustCompile(`^[A-Za-z0-9]{5}$`)
)

// validSQLState is Spark's assertSqlState: five letters or digits, not in
// the classes 00 (success), 01 (warning) or XX (internal error).
func validSQLState(s string) bool {
	return sqlStateRe.MatchString(s) && !strings.HasPrefix(s, "00") && !strings.HasPrefix(s, "01") &&
		!strings.HasPrefix(s, "XX")
}

// parseDeclareHandler parses DECLARE CONTINUE|EXIT HANDLER FOR conditions
// followed by a block, a statement or a SET.
func (p *parser) parseDeclareHandler() ast.Statement {
	st := &ast.DeclareHandler{Declare: p.next().Pos}
	st.Continue = p.next().is(kwCONTINUE)
	p.expectKw(kwHANDLER)
	p.expectKw(kwFOR)
	seen := map[string]bool{}
	var special, other bool
	for {
		t := p.tok()
		c := &ast.HandlerConditionValue{StartPos: t.Pos}
		var key, dupClass, dupParam, dupValue string
		switch {
		case t.is(kwSQLSTATE):
			p.next()
			p.acceptKw(kwVALUE)
			c.Kind = ast.HandlerSQLState
			c.SQLState = p.parseStringLitValue()
			if !validSQLState(c.SQLState.Value) {
				p.deferError(newError("INVALID_SQLSTATE", t.Pos, p.prevEnd(), "sqlState", c.SQLState.Value))
			}
			v := strings.ToUpper(c.SQLState.Value)
			key, dupClass, dupParam, dupValue = "S"+v,
				"INVALID_HANDLER_DECLARATION.DUPLICATE_SQLSTATE_IN_HANDLER_DECLARATION", "sqlState", v
			other = true
		case t.is(kwSQLEXCEPTION):
			p.next()
			c.Kind = ast.HandlerSQLException
			key, dupClass, dupParam, dupValue = "SQLEXCEPTION",
				"INVALID_HANDLER_DECLARATION.DUPLICATE_CONDITION_IN_HANDLER_DECLARATION", "condition", "SQLEXCEPTION"
			special = true
		case t.is(kwNOT) && p.peekKw(1, kwFOUND):
			p.next()
			p.next()
			c.Kind = ast.HandlerNotFound
			key, dupClass, dupParam, dupValue = "NOT FOUND",
				"INVALID_HANDLER_DECLARATION.DUPLICATE_CONDITION_IN_HANDLER_DECLARATION", "condition", "NOT FOUND"
			special = true
		default:
			c.Kind = ast.HandlerCondition
			c.Name = p.parseMultipartIdent()
			v := strings.ToUpper(labelText(c.Name))
			key, dupClass, dupParam, dupValue = "C"+v,
				"INVALID_HANDLER_DECLARATION.DUPLICATE_CONDITION_IN_HANDLER_DECLARATION", "condition", v
			other = true
		}
		c.EndPos = p.prevEnd()
		if seen[key] {
			p.deferError(newError(dupClass, c.StartPos, c.EndPos, dupParam, dupValue))
		}
		seen[key] = true
		st.Conditions = append(st.Conditions, c)
		if !p.accept(Comma) {
			break
		}
	}
	if special && other {
		p.deferError(newError("INVALID_HANDLER_DECLARATION.INVALID_CONDITION_COMBINATION", st.Declare, p.prevEnd()))
	}
	if st.Continue && !p.opts.ContinueHandlerEnabled {
		p.deferError(newError("UNSUPPORTED_FEATURE.CONTINUE_EXCEPTION_HANDLER", st.Declare, p.prevEnd()))
	}
	var label []*ast.Ident
	if p.atScriptLabel() && p.peekKwAfterLabel(kwBEGIN) {
		label = p.parseScriptLabel()
	}
	switch {
	case p.atKw(kwBEGIN):
		st.Body = p.parseCompound(label)
	case p.atKw(kwSET):
		if s := p.parseScriptSet(); s != nil {
			st.Body = s
			break
		}
		st.Body = p.parseStatement()
	default:
		st.Body = p.parseStatement()
	}
	st.EndPos = p.prevEnd()
	return st
}

// peekKwAfterLabel reports whether keyword k follows the label at the
// current token.
func (p *parser) peekKwAfterLabel(k Keyword) bool {
	j := p.i
	for p.tokAt(j).Kind != Colon {
		j++
	}
	return p.tokAt(j + 1).is(k)
}

// parseIfElse parses IF cond THEN body [ELSEIF cond THEN body]... [ELSE
// body] END IF.
func (p *parser) parseIfElse() ast.Statement {
	st := &ast.IfElse{If: p.next().Pos}
	branchEnd := func(t *Token) bool { return t.is(kwELSEIF) || t.is(kwELSE) || t.is(kwEND) }
	for {
		st.Conds = append(st.Conds, p.parseExpr())
		p.expectKw(kwTHEN)
		st.Bodies = append(st.Bodies, p.parseScriptBody(false, false, branchEnd))
		if !p.acceptKw(kwELSEIF) {
			break
		}
	}
	if p.acceptKw(kwELSE) {
		st.Else = p.parseScriptBody(false, false, func(t *Token) bool { return t.is(kwEND) })
	}
	p.expectKw(kwEND)
	p.expectKw(kwIF)
	st.EndPos = p.prevEnd()
	return st
}

// parseCaseStatement parses CASE [operand] WHEN x THEN body ... [ELSE
// body] END CASE.
func (p *parser) parseCaseStatement() ast.Statement {
	st := &ast.CaseStatement{Case: p.next().Pos}
	if !p.atKw(kwWHEN) {
		st.Operand = p.parseExpr()
	}
	branchEnd := func(t *Token) bool { return t.is(kwWHEN) || t.is(kwELSE) || t.is(kwEND) }
	p.expectKw(kwWHEN)
	for {
		st.Whens = append(st.Whens, p.parseExpr())
		p.expectKw(kwTHEN)
		st.Bodies = append(st.Bodies, p.parseScriptBody(false, false, branchEnd))
		if !p.acceptKw(kwWHEN) {
			break
		}
	}
	if p.acceptKw(kwELSE) {
		st.Else = p.parseScriptBody(false, false, func(t *Token) bool { return t.is(kwEND) })
	}
	p.expectKw(kwEND)
	p.expectKw(kwCASE)
	st.EndPos = p.prevEnd()
	return st
}

// isEnd reports END, which ends the bodies of loops.
func isEnd(t *Token) bool { return t.is(kwEND) }

// parseWhile parses [label:] WHILE cond DO body END WHILE [label].
func (p *parser) parseWhile(label []*ast.Ident) ast.Statement {
	mark := len(p.deferred)
	st := &ast.While{Label: label, While: p.next().Pos}
	p.enterLabeled(label, false)
	st.Cond = p.parseExpr()
	p.expectKw(kwDO)
	st.Body = p.parseScriptBody(false, false, isEnd)
	p.expectKw(kwEND)
	p.expectKw(kwWHILE)
	st.EndLabel = p.parseEndLabel()
	p.exitLabeled(label, st.EndLabel, mark)
	st.EndPos = p.prevEnd()
	return st
}

// parseRepeat parses [label:] REPEAT body UNTIL cond END REPEAT [label].
func (p *parser) parseRepeat(label []*ast.Ident) ast.Statement {
	mark := len(p.deferred)
	st := &ast.Repeat{Label: label, Repeat: p.next().Pos}
	p.enterLabeled(label, false)
	st.Body = p.parseScriptBody(false, false, func(t *Token) bool { return t.is(kwUNTIL) })
	p.expectKw(kwUNTIL)
	st.Until = p.parseExpr()
	p.expectKw(kwEND)
	p.expectKw(kwREPEAT)
	st.EndLabel = p.parseEndLabel()
	p.exitLabeled(label, st.EndLabel, mark)
	st.EndPos = p.prevEnd()
	return st
}

// parseLoop parses [label:] LOOP body END LOOP [label].
func (p *parser) parseLoop(label []*ast.Ident) ast.Statement {
	mark := len(p.deferred)
	st := &ast.Loop{Label: label, Loop: p.next().Pos}
	p.enterLabeled(label, false)
	st.Body = p.parseScriptBody(false, false, isEnd)
	p.expectKw(kwEND)
	p.expectKw(kwLOOP)
	st.EndLabel = p.parseEndLabel()
	p.exitLabeled(label, st.EndLabel, mark)
	st.EndPos = p.prevEnd()
	return st
}

// parseForStatement parses [label:] FOR [var AS] query DO body END FOR
// [label].
func (p *parser) parseForStatement(label []*ast.Ident) ast.Statement {
	mark := len(p.deferred)
	st := &ast.For{Label: label, For: p.next().Pos}
	p.enterLabeled(label, false)
	if p.atForVariable() {
		st.Var = p.parseMultipartIdent()
		p.expectKw(kwAS)
	}
	p.forQuery++
	st.Query = p.parseQuery()
	p.forQuery--
	p.expectKw(kwDO)
	s := p.script
	varText := ""
	if st.Var != nil {
		varText = strings.ToLower(labelText(st.Var))
		switch {
		case s.seen[varText] > 0:
			p.deferError(newError("LABEL_OR_FOR_VARIABLE_ALREADY_EXISTS", st.Var[0].Pos(), nameEndOf(st.Var),
				"label", sqlID(varText)))
		case forbiddenLabel(varText):
			p.deferError(newError("LABEL_OR_FOR_VARIABLE_NAME_FORBIDDEN", st.Var[0].Pos(), nameEndOf(st.Var),
				"label", sqlID(varText)))
		}
		s.seen[varText]++
	}
	st.Body = p.parseScriptBody(false, false, isEnd)
	if st.Var != nil {
		s.seen[varText]--
	}
	p.expectKw(kwEND)
	p.expectKw(kwFOR)
	st.EndLabel = p.parseEndLabel()
	p.exitLabeled(label, st.EndLabel, mark)
	st.EndPos = p.prevEnd()
	return st
}

// atForVariable reports name[.name] AS after FOR.
func (p *parser) atForVariable() bool {
	j := p.i
	for {
		if !p.isIdent(p.tokAt(j), false) {
			return false
		}
		j++
		if p.tokAt(j).Kind != Dot {
			break
		}
		j++
	}
	return p.tokAt(j).is(kwAS)
}

// parseLeaveIterate parses LEAVE label or ITERATE label and checks that an
// enclosing statement has that label.
func (p *parser) parseLeaveIterate() ast.Statement {
	t := p.next()
	label := p.parseMultipartIdent()
	text := strings.ToLower(labelText(label))
	iterate := t.is(kwITERATE)
	found := false
	s := p.script.scopes
	for k := len(s) - 1; k >= 0; k-- {
		if s[k].label != "" && s[k].label == text {
			if iterate && s[k].compound {
				p.deferError(newError("INVALID_LABEL_USAGE.ITERATE_IN_COMPOUND", t.Pos, p.prevEnd(),
					"labelName", toSQLStmt(text)))
			}
			found = true
			break
		}
	}
	if !found {
		kind := "LEAVE"
		if iterate {
			kind = "ITERATE"
		}
		p.deferError(newError("INVALID_LABEL_USAGE.DOES_NOT_EXIST", t.Pos, p.prevEnd(),
			"labelName", toSQLStmt(text), "statementType", kind))
	}
	if iterate {
		return &ast.Iterate{Iterate: t.Pos, Label: label}
	}
	return &ast.Leave{Leave: t.Pos, Label: label}
}
