package parser

import (
	"regexp"
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// This file parses the statements other than queries (Spark's statement
// rule apart from #statementDefault, and setResetStatement).

// parseNonQuery parses a statement that is not a query, dispatching on its
// first keyword. It returns nil when the first token starts no statement
// the parser knows.
func (p *parser) parseNonQuery() ast.Statement {
	t := p.tok()
	if t.Kind != KeywordTok {
		return nil
	}
	if _, ok := p.matchHiveCommand(); ok {
		return p.orHiveCommand(func() ast.Statement {
			st := p.parseNonQueryKw(t)
			if st == nil {
				p.unexpected()
			}
			return st
		})
	}
	return p.parseNonQueryKw(t)
}

// parseNonQueryKw parses a statement that is not a query by its first
// keyword t (the current token).
func (p *parser) parseNonQueryKw(t *Token) ast.Statement {
	switch t.Keyword {
	case kwINSERT:
		return p.parseInsert(nil)
	case kwWITH:
		return p.parseWithStatement()
	case kwCREATE:
		return p.parseCreate()
	case kwREPLACE:
		if p.peekKw(1, kwTABLE) {
			return p.parseCreateTable(p.next().Pos, false, true)
		}
	case kwDROP:
		return p.parseDrop()
	case kwSET:
		return p.parseSet()
	case kwRESET:
		return p.parseReset()
	case kwDECLARE:
		return p.parseDeclare()
	case kwEXECUTE:
		if p.peekKw(1, kwIMMEDIATE) {
			return p.parseExecuteImmediate()
		}
	case kwDESC, kwDESCRIBE:
		return p.parseDescribe()
	case kwSHOW:
		return p.parseShow()
	case kwEXPLAIN:
		return p.parseExplain()
	case kwUSE:
		return p.parseUse()
	case kwCACHE, kwUNCACHE, kwCLEAR:
		return p.parseCache()
	case kwREFRESH:
		return p.parseRefresh()
	case kwTRUNCATE:
		if p.peekKw(1, kwTABLE) {
			st := &ast.Truncate{Truncate: p.next().Pos}
			p.next()
			st.Name = p.parseTableName()
			if p.atKw(kwPARTITION) {
				st.Partition = p.parsePartitionSpec()
			}
			st.EndPos = p.prevEnd()
			return st
		}
	case kwANALYZE:
		return p.parseAnalyze()
	case kwALTER:
		return p.parseAlter()
	case kwDELETE:
		if p.peekKw(1, kwFROM) {
			return p.parseDelete(nil)
		}
	case kwUPDATE:
		return p.parseUpdate(nil)
	case kwMERGE:
		return p.parseMerge(nil)
	case kwCOMMENT:
		if p.peekKw(1, kwON) {
			return p.parseCommentOn()
		}
	case kwLOAD:
		if p.peekKw(1, kwDATA) {
			return p.parseLoadData()
		}
	case kwMSCK, kwREPAIR:
		return p.parseRepairTable()
	case kwADD, kwLIST:
		if p.isIdent(p.peek(1), false) {
			return p.parseManageResource()
		}
	case kwCALL:
		return p.parseCall()
	case kwBEGIN:
		// A script (singleCompoundStatement) is a whole statement of its own.
		if p.depth == 1 && p.script == nil {
			return p.parseCompound(nil)
		}
	}
	return nil
}

// parseTableName parses identifierReference, keeping only the name (an
// IDENTIFIER(...) clause is parsed and its expression dropped only where
// the node has no place for it).
func (p *parser) parseTableName() []*ast.Ident {
	name, e := p.parseIdentifierReference()
	if e != nil {
		if l, ok := e.(*ast.Literal); ok && l.Kind == ast.StringLit {
			return []*ast.Ident{{NamePos: l.Pos(), NameEnd: l.End(), Name: l.Value, Quoted: true}}
		}
	}
	return name
}

// acceptIfNotExists parses IF NOT EXISTS.
func (p *parser) acceptIfNotExists() bool {
	if p.atKw(kwIF) && (p.peekKw(1, kwNOT) || p.peek(1).Kind == Bang) {
		p.next()
		p.next()
		p.expectKw(kwEXISTS)
		return true
	}
	return false
}

// acceptIfExists parses IF EXISTS.
func (p *parser) acceptIfExists() bool {
	if p.atKw(kwIF) {
		p.next()
		p.expectKw(kwEXISTS)
		return true
	}
	return false
}

// parseWithStatement parses WITH ctes followed by a query or a DML
// statement (INSERT, multi-insert, DELETE, UPDATE, MERGE).
func (p *parser) parseWithStatement() ast.Statement {
	s := p.save()
	w := p.parseWith()
	switch {
	case p.atKw(kwINSERT):
		return p.parseInsert(w)
	case p.atKw(kwDELETE) && p.peekKw(1, kwFROM):
		return p.parseDelete(w)
	case p.atKw(kwUPDATE):
		return p.parseUpdate(w)
	case p.atKw(kwMERGE):
		return p.parseMerge(w)
	case p.atMultiInsert():
		return p.parseMultiInsert(w)
	}
	p.restore(s)
	return p.parseQuery()
}

// parseInsert parses insertInto query.
func (p *parser) parseInsert(w *ast.With) ast.Statement {
	st := p.parseInsertClause(w)
	clauseEnd := st.EndPos
	st.Query = p.parseQuery()
	st.EndPos = p.prevEnd()
	p.checkInsertIfNotExists(st, clauseEnd)
	return st
}

// checkInsertIfNotExists makes Spark's checks of IF NOT EXISTS in an insert clause ending
// at end; Spark builds the query first, so its errors come before these.
func (p *parser) checkInsertIfNotExists(st *ast.Insert, end ast.Pos) {
	if !st.IfNotExists {
		return
	}
	if !st.Overwrite {
		p.deferError(newError("INVALID_STATEMENT_OR_CLAUSE", st.Insert, end, "operation", "INSERT INTO ... IF NOT EXISTS"))
		return
	}
	var dynamic []string
	for _, it := range st.Partition.Items {
		if it.Value == nil && !it.Default {
			dynamic = append(dynamic, it.Name.Name)
		}
	}
	if len(dynamic) > 0 {
		p.deferError(newError("_LEGACY_ERROR_TEMP_0035", st.Insert, end,
			"message", "IF NOT EXISTS with dynamic partitions: "+strings.Join(dynamic, ", ")))
	}
}

// parseInsertClause parses Spark's insertInto: INSERT INTO|OVERWRITE
// [TABLE] name ..., INSERT INTO name REPLACE WHERE cond, or INSERT
// OVERWRITE [LOCAL] DIRECTORY ...
func (p *parser) parseInsertClause(w *ast.With) *ast.Insert {
	st := &ast.Insert{With: w, Insert: p.expectKw(kwINSERT).Pos}
	if p.acceptKw(kwOVERWRITE) {
		st.Overwrite = true
		if p.atKw(kwLOCAL) || p.atKw(kwDIRECTORY) && (p.isStringTok(p.peek(1)) || p.peekKw(1, kwUSING)) {
			p.parseInsertDirectory(st)
			st.EndPos = p.prevEnd()
			return st
		}
	} else {
		p.expectKw(kwINTO)
	}
	p.acceptKw(kwTABLE)
	st.Table, st.TableExpr = p.parseIdentifierReference()
	if p.atKw(kwWITH) && p.peek(1).Kind == LeftParen {
		p.next()
		st.Options = p.parsePropertyList()
	}
	if !st.Overwrite && p.atKw(kwREPLACE) {
		p.next()
		p.expectKw(kwWHERE)
		st.ReplaceWhere = p.parseExpr()
	} else {
		if p.atKw(kwPARTITION) {
			st.Partition = p.parsePartitionSpec()
		}
		if (st.Partition != nil || !st.Overwrite) && p.acceptIfNotExists() {
			st.IfNotExists = true
		}
		if p.atKw(kwBY) && p.peekKw(1, kwNAME) {
			p.next()
			p.next()
			st.ByName = true
		} else if p.isIdentList(p.i) {
			st.Columns = p.parseIdentList()
		}
	}
	st.EndPos = p.prevEnd()
	return st
}

// parsePartitionSpec parses PARTITION (col [= constant | = DEFAULT], ...).
func (p *parser) parsePartitionSpec() *ast.PartitionSpec {
	ps := &ast.PartitionSpec{Partition: p.expectKw(kwPARTITION).Pos}
	p.expect(LeftParen)
	for {
		it := &ast.PartitionItem{Name: p.parseIdent(false)}
		if p.accept(Eq) {
			if p.atKw(kwDEFAULT) {
				p.next()
				it.Default = true
			} else {
				it.Value = p.parseConstant()
			}
		}
		it.EndPos = p.prevEnd()
		ps.Items = append(ps.Items, it)
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(len(ps.Items), isRightParen)
	}
	p.next()
	ps.EndPos = p.prevEnd()
	return ps
}

// parseConstant parses Spark's constant: NULL, a number, a boolean, string
// literals, a typed literal, an interval or a parameter marker.
func (p *parser) parseConstant() ast.Expr {
	t := p.tok()
	switch {
	case t.Kind == Minus && isNumberTok(p.peek(1)), isNumberTok(t):
		return p.parseNumber()
	case p.isStringTok(t):
		return p.parseStringLit()
	case t.Kind == KeywordTok && (t.Keyword == kwNULL || t.Keyword == kwTRUE || t.Keyword == kwFALSE ||
		t.Keyword == kwINTERVAL),
		t.Kind == Question, t.Kind == Colon:
		return p.parsePrimary()
	case p.isIdent(t, false) && p.isStringTok(p.peek(1)):
		return p.parsePrimary()
	}
	p.unexpected()
	return nil
}

// parseCreate dispatches CREATE statements.
func (p *parser) parseCreate() ast.Statement {
	start := p.next().Pos
	orReplace := false
	if p.atKw(kwOR) && p.peekKw(1, kwREPLACE) {
		p.next()
		p.next()
		orReplace = true
	}
	if !orReplace {
		switch {
		case p.atNamespaceKw(0):
			return p.parseCreateNamespace(start)
		case p.atKw(kwINDEX):
			return p.parseCreateIndex(start)
		case p.atKw(kwMATERIALIZED) && p.peekKw(1, kwVIEW), p.atKw(kwSTREAMING) && p.peekKw(1, kwTABLE):
			return p.parseCreatePipelineDataset(start)
		case p.atKw(kwFLOW):
			return p.parseCreateFlow(start)
		}
	}
	j := p.i
	if p.tokAt(j).is(kwTEMPORARY) {
		j++
	}
	if p.tokAt(j).is(kwFUNCTION) {
		return p.parseCreateFunction(start, orReplace)
	}
	j = p.i
	if !orReplace && p.tokAt(j).is(kwTEMPORARY) {
		j++
	}
	if !orReplace && p.tokAt(j).is(kwEXTERNAL) {
		j++
	}
	if p.tokAt(j).is(kwTABLE) {
		return p.parseCreateTable(start, orReplace, false)
	}
	j = p.i
	if p.tokAt(j).is(kwGLOBAL) {
		j++
	}
	if p.tokAt(j).is(kwTEMPORARY) {
		j++
	}
	if p.tokAt(j).is(kwVIEW) {
		return p.parseCreateView(start, orReplace)
	}
	p.unexpected()
	return nil
}

// clauseCounter implements Spark's DUPLICATE_CLAUSES check.
type clauseCounter struct {
	p    *parser
	seen map[string]bool
}

func (c *clauseCounter) once(name string, pos, end ast.Pos) {
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	if c.seen[name] {
		c.p.deferError(newError("DUPLICATE_CLAUSES", pos, end, "clauseName", name))
	}
	c.seen[name] = true
}

// parseCreateTable parses CREATE TABLE, CREATE OR REPLACE TABLE, REPLACE
// TABLE and CREATE TABLE LIKE after their first keywords.
func (p *parser) parseCreateTable(start ast.Pos, orReplace, replace bool) ast.Statement {
	st := &ast.CreateTable{Create: start, OrReplace: orReplace, Replace: replace}
	if !orReplace && !replace {
		st.Temporary = p.acceptKw(kwTEMPORARY)
		st.External = p.acceptKw(kwEXTERNAL)
	}
	p.expectKw(kwTABLE)
	if !orReplace && !replace {
		st.IfNotExists = p.acceptIfNotExists()
	}
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if !orReplace && !replace && !st.Temporary && !st.External && p.atKw(kwLIKE) {
		p.next()
		st.Like = p.parseMultipartIdent()
		c := clauseCounter{p: p}
		for {
			t := p.tok()
			switch {
			case t.is(kwUSING):
				p.next()
				st.Using = p.parseMultipartIdent()
				c.once("USING", t.Pos, p.prevEnd())
			case p.parseStorageClause(st, &c):
			default:
				st.EndPos = p.prevEnd()
				return st
			}
		}
	}
	if p.at(LeftParen) {
		cols := func() {
			p.next()
			p.parseTableElements(st)
			p.next()
		}
		if p.startsQueryAt(p.i + 1) {
			// ( could open the column list or a query.
			if err := p.speculate(cols); err != nil {
				st.Columns, st.Constraints = nil, nil
			}
		} else {
			cols()
		}
	}
	if p.atKw(kwUSING) {
		p.next()
		st.Using = p.parseMultipartIdent()
	}
	p.parseCreateTableClauses(st)
	if p.acceptKw(kwAS) || p.startsQueryHere() {
		st.Query = p.parseQuery()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseStringLitValue parses stringLit: one or more adjacent strings.
func (p *parser) parseStringLitValue() *ast.Literal {
	return p.parseStringLit().(*ast.Literal)
}

// parseStoredAs parses STORED AS format or STORED BY handler.
func (p *parser) parseStoredAs(st *ast.CreateTable) {
	p.expectKw(kwSTORED)
	if p.acceptKw(kwBY) {
		// A storage handler: Spark rejects it after parsing.
		t := p.tok()
		p.parseStringLitValue()
		if p.atKw(kwWITH) && p.peekKw(1, kwSERDEPROPERTIES) {
			p.next()
			p.next()
			p.parsePropertyList()
		}
		p.deferError(newError("_LEGACY_ERROR_TEMP_0035", t.Pos, p.prevEnd(),
			"message", "STORED BY"))
		return
	}
	p.expectKw(kwAS)
	if p.atKw(kwINPUTFORMAT) {
		p.next()
		st.InputFormat = p.parseStringLitValue()
		p.expectKw(kwOUTPUTFORMAT)
		st.OutputFormat = p.parseStringLitValue()
		return
	}
	st.StoredAs = p.parseIdent(false)
}

// parseCreateTableClauses parses Spark's createTableClauses, each at most
// once.
func (p *parser) parseCreateTableClauses(st *ast.CreateTable) {
	c := clauseCounter{p: p}
	for {
		t := p.tok()
		switch {
		case t.is(kwOPTIONS):
			p.next()
			st.Options = p.parseExpressionPropertyList()
			c.once("OPTIONS", t.Pos, p.prevEnd())
		case t.is(kwSKEWED) && p.peekKw(1, kwBY):
			p.parseSkewSpec()
			p.deferError(newError("INVALID_STATEMENT_OR_CLAUSE", st.Create, p.prevEnd(),
				"operation", "CREATE TABLE ... SKEWED BY"))
		case p.atCollationSpec():
			st.Collation = p.parseCollationSpec()
			c.once("DEFAULT COLLATION", t.Pos, p.prevEnd())
		case t.is(kwPARTITIONED) && p.peekKw(1, kwBY):
			p.next()
			p.next()
			p.parsePartitionFields(st)
			c.once("PARTITIONED BY", t.Pos, p.prevEnd())
		case t.is(kwCLUSTER) && p.peekKw(1, kwBY):
			p.next()
			p.next()
			p.expect(LeftParen)
			for {
				st.ClusterBy = append(st.ClusterBy, p.parseMultipartIdent())
				if !p.accept(Comma) {
					break
				}
			}
			p.expectClose()
			c.once("CLUSTER BY", t.Pos, p.prevEnd())
		case t.is(kwCLUSTERED) && p.peekKw(1, kwBY):
			st.Bucket = p.parseBucketSpec()
			c.once("CLUSTERED BY", t.Pos, p.prevEnd())
		case t.is(kwCOMMENT):
			p.next()
			st.Comment = p.parseStringLitValue()
			c.once("COMMENT", t.Pos, p.prevEnd())
		case p.parseStorageClause(st, &c):
		default:
			if st.ClusterBy != nil {
				if st.PartitionBy != nil || st.PartitionCols != nil {
					p.deferError(newError("SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED", st.Create, p.prevEnd()))
				} else if st.Bucket != nil {
					p.deferError(newError("SPECIFY_CLUSTER_BY_WITH_BUCKETING_IS_NOT_ALLOWED", st.Create, p.prevEnd()))
				}
			}
			return
		}
	}
}

// parseSkewSpec parses SKEWED BY (cols) ON (constants) | ((constants), ...)
// [STORED AS DIRECTORIES]; Spark rejects it once parsed.
func (p *parser) parseSkewSpec() {
	p.expectKw(kwSKEWED)
	p.expectKw(kwBY)
	p.parseIdentList()
	p.expectKw(kwON)
	p.expect(LeftParen)
	nested := p.at(LeftParen)
	for {
		if nested {
			p.expect(LeftParen)
			for {
				p.parseConstant()
				if !p.accept(Comma) {
					break
				}
			}
			p.expectClose()
		} else {
			p.parseConstant()
		}
		if !p.accept(Comma) {
			break
		}
	}
	p.expectClose()
	if p.atKw(kwSTORED) && p.peekKw(1, kwAS) && p.peekKw(2, kwDIRECTORIES) {
		p.next()
		p.next()
		p.next()
	}
}

// parseStorageClause parses one of the clauses CREATE TABLE and CREATE TABLE LIKE share
// (ROW FORMAT, STORED AS/BY, LOCATION, TBLPROPERTIES) if one starts here, and reports
// whether it did.
func (p *parser) parseStorageClause(st *ast.CreateTable, c *clauseCounter) bool {
	t := p.tok()
	switch {
	case t.is(kwROW) && p.peekKw(1, kwFORMAT):
		st.RowFormat = p.parseRowFormat()
		c.once("ROW FORMAT", t.Pos, p.prevEnd())
	case t.is(kwSTORED):
		p.parseStoredAs(st)
		c.once("STORED AS/BY", t.Pos, p.prevEnd())
	case t.is(kwLOCATION):
		p.next()
		st.Location = p.parseStringLitValue()
		c.once("LOCATION", t.Pos, p.prevEnd())
	case t.is(kwTBLPROPERTIES):
		p.next()
		st.Props = p.parsePropertyList()
		c.once("TBLPROPERTIES", t.Pos, p.prevEnd())
	default:
		return false
	}
	return true
}

// parsePartitionFields parses ( partitionField, ... ): transforms, column
// names or Hive-style column definitions.
func (p *parser) parsePartitionFields(st *ast.CreateTable) {
	p.expect(LeftParen)
	n := 0
	for {
		n++
		if p.isIdent(p.tok(), false) && p.canStartType(p.peek(1)) && !p.peekKw(1, kwCOMMENT) {
			st.PartitionCols = append(st.PartitionCols, p.parseColumnDef(false))
		} else {
			st.PartitionBy = append(st.PartitionBy, p.parsePartitionTransform())
		}
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(n, isRightParen)
	}
	p.next()
}

// parsePartitionTransform parses a partition transform: a qualified name, or
// name(argument, ...) whose arguments are names or constants.
func (p *parser) parsePartitionTransform() ast.Expr {
	start := p.tok().Pos
	name := p.parseQualifiedName()
	if len(name) == 1 && p.at(LeftParen) {
		fc := &ast.FuncCall{Name: name, NameStart: start, Lparen: p.next().Pos}
		for {
			if p.isIdent(p.tok(), false) && !p.isStringTok(p.peek(1)) {
				parts := p.parseQualifiedName()
				fc.Args = append(fc.Args, &ast.ColumnRef{Parts: parts})
			} else {
				fc.Args = append(fc.Args, p.parseConstant())
			}
			if !p.accept(Comma) {
				break
			}
		}
		fc.Rparen = p.expectClose().Pos
		fc.EndPos = p.prevEnd()
		return fc
	}
	return &ast.ColumnRef{Parts: name}
}

// parseBucketSpec parses CLUSTERED BY (cols) [SORTED BY (cols)] INTO n BUCKETS.
func (p *parser) parseBucketSpec() *ast.BucketSpec {
	b := &ast.BucketSpec{Clustered: p.next().Pos}
	p.expectKw(kwBY)
	b.Columns = p.parseIdentList()
	if p.acceptKw(kwSORTED) {
		p.expectKw(kwBY)
		p.expect(LeftParen)
		for {
			id := p.parseErrorCapturingIdent()
			si := &ast.SortItem{X: &ast.ColumnRef{Parts: []*ast.Ident{id}}}
			if p.atKw(kwASC) {
				p.next()
				si.Dir = ast.SortAsc
			} else if p.atKw(kwDESC) {
				p.next()
				si.Dir = ast.SortDesc
			}
			si.EndPos = p.prevEnd()
			b.SortedBy = append(b.SortedBy, si)
			if !p.accept(Comma) {
				break
			}
		}
		p.expectClose()
	}
	p.expectKw(kwINTO)
	t := p.tok()
	if t.Kind != IntegerValue {
		p.unexpected()
	}
	p.next()
	b.Buckets = p.numberLiteral(nil, t)
	p.expectKw(kwBUCKETS)
	b.EndPos = p.prevEnd()
	return b
}

// parseColumnDef parses a column definition. With options set it accepts
// Spark's colDefinitionOption list (NOT NULL, DEFAULT, GENERATED, COMMENT,
// column constraints, in any order); otherwise colType: type [NOT NULL]
// [COMMENT].
func (p *parser) parseColumnDef(options bool) *ast.ColumnDef {
	cd := &ast.ColumnDef{Name: []*ast.Ident{p.parseErrorCapturingIdent()}}
	cd.Type = p.parseDataType()
	if !options {
		if (p.atKw(kwNOT) || p.at(Bang)) && p.peekKw(1, kwNULL) {
			if t := p.next(); t.Kind == Bang {
				p.blockBang(t)
			}
			p.next()
			cd.NotNull = true
		}
		if p.acceptKw(kwCOMMENT) {
			cd.Comment = p.parseStringLitValue()
		}
		cd.EndPos = p.prevEnd()
		return cd
	}
	name := cd.Name[0].Name
	dup := func(option string, start ast.Pos) {
		p.deferError(newError("CREATE_TABLE_COLUMN_DESCRIPTOR_DUPLICATE", start, p.prevEnd(),
			"columnName", name, "optionName", option))
	}
	for {
		t := p.tok()
		switch {
		case (t.is(kwNOT) || t.Kind == Bang) && p.peekKw(1, kwNULL):
			if p.next().Kind == Bang {
				p.blockBang(t)
			}
			p.next()
			if cd.NotNull {
				dup("NOT NULL", t.Pos)
			}
			cd.NotNull = true
		case t.is(kwDEFAULT):
			p.next()
			had := cd.Default != nil
			cd.Default = p.parseExpr()
			if had {
				dup("DEFAULT", t.Pos)
			}
		case t.is(kwGENERATED):
			had := cd.Generated != nil || cd.Identity != nil
			p.parseGeneration(cd)
			if had {
				dup("GENERATED ALWAYS AS", t.Pos)
			}
		case t.is(kwCOMMENT):
			p.next()
			had := cd.Comment != nil
			cd.Comment = p.parseStringLitValue()
			if had {
				dup("COMMENT", t.Pos)
			}
		case p.atColumnConstraint():
			had := len(cd.Constraints) > 0
			cd.Constraints = append(cd.Constraints, p.parseConstraint(true))
			if had {
				dup("CONSTRAINT", t.Pos)
			}
		default:
			cd.EndPos = p.prevEnd()
			return cd
		}
	}
}

// parseGeneration parses GENERATED ALWAYS AS (expr) or GENERATED ALWAYS|BY
// DEFAULT AS IDENTITY [(START WITH n | INCREMENT BY n ...)].
func (p *parser) parseGeneration(cd *ast.ColumnDef) {
	t := p.expectKw(kwGENERATED)
	byDefault := false
	if p.acceptKw(kwBY) {
		p.expectKw(kwDEFAULT)
		byDefault = true
	} else {
		p.expectKw(kwALWAYS)
	}
	p.expectKw(kwAS)
	if !byDefault && p.at(LeftParen) {
		p.next()
		cd.Generated = p.parseExpr()
		p.expectClose()
		return
	}
	p.expectKw(kwIDENTITY)
	id := &ast.Identity{Generated: t.Pos, ByDefault: byDefault}
	if p.at(LeftParen) {
		p.next()
		var dupOption string
		for !p.at(RightParen) {
			o := p.tok()
			switch {
			case o.is(kwSTART):
				p.next()
				p.expectKw(kwWITH)
				if id.Start != nil && dupOption == "" {
					dupOption = "START"
				}
				id.Start = p.parseSequenceValue()
			case o.is(kwINCREMENT):
				p.next()
				p.expectKw(kwBY)
				if id.Step != nil && dupOption == "" {
					dupOption = "STEP"
				}
				id.Step = p.parseSequenceValue()
			default:
				p.unexpected()
			}
		}
		p.next()
		switch {
		case dupOption != "":
			p.deferError(newError("IDENTITY_COLUMNS_DUPLICATED_SEQUENCE_GENERATOR_OPTION", t.Pos, p.prevEnd(),
				"sequenceGeneratorOption", dupOption))
		case id.Step != nil && isZeroLiteral(id.Step):
			p.deferError(newError("IDENTITY_COLUMNS_ILLEGAL_STEP", t.Pos, p.prevEnd()))
		}
	}
	id.EndPos = p.prevEnd()
	cd.Identity = id
	if cd.Type != nil && cd.Type.Name != "INT" && cd.Type.Name != "INTEGER" && cd.Type.Name != "BIGINT" &&
		cd.Type.Name != "LONG" {
		p.deferError(newError("IDENTITY_COLUMNS_UNSUPPORTED_DATA_TYPE", t.Pos, id.EndPos,
			"dataType", identityTypeName(cd.Type)))
	}
}

// identityTypeName renders a type the way Spark's DataType.toString does
// for the common cases ("StringType", "DecimalType(10,0)").
func identityTypeName(t *ast.DataType) string {
	switch t.Name {
	case "STRING":
		return "StringType"
	case "TINYINT", "BYTE":
		return "ByteType"
	case "SMALLINT", "SHORT":
		return "ShortType"
	case "FLOAT", "REAL":
		return "FloatType"
	case "DOUBLE":
		return "DoubleType"
	case "BOOLEAN":
		return "BooleanType"
	case "DATE":
		return "DateType"
	case "TIMESTAMP", "TIMESTAMP_LTZ":
		return "TimestampType"
	case "TIMESTAMP_NTZ":
		return "TimestampNTZType"
	case "BINARY":
		return "BinaryType"
	case "DECIMAL", "DEC", "NUMERIC":
		prec, scale := "10", "0"
		if len(t.Params) > 0 {
			prec = t.Params[0]
		}
		if len(t.Params) > 1 {
			scale = t.Params[1]
		}
		return "DecimalType(" + prec + "," + scale + ")"
	}
	return ast.DataTypeString(t)
}

// parseSequenceValue parses [-] integer of an identity option.
func (p *parser) parseSequenceValue() ast.Expr {
	t := p.tok()
	n := t
	if t.Kind == Minus {
		n = p.peek(1)
	}
	if n.Kind != IntegerValue && n.Kind != BigIntLiteral && !(n.Kind == Question || n.Kind == Colon) {
		if t.Kind == Minus {
			p.next()
		}
		p.unexpected()
	}
	return p.parseNumberOrParam()
}

// parseNumberOrParam parses a number or a parameter marker.
func (p *parser) parseNumberOrParam() ast.Expr {
	if t := p.tok(); t.Kind == Question || t.Kind == Colon {
		return p.parsePrimary()
	}
	return p.parseNumber()
}

func isZeroLiteral(e ast.Expr) bool {
	l, ok := e.(*ast.Literal)
	if !ok {
		return false
	}
	return strings.Trim(strings.TrimRight(strings.TrimLeft(l.Raw, "-"), "Ll"), "0") == ""
}

// atColumnConstraint reports whether a column constraint starts here:
// [CONSTRAINT name] CHECK (...) | UNIQUE | PRIMARY KEY | REFERENCES t.
func (p *parser) atColumnConstraint() bool {
	j := 0
	if p.atKw(kwCONSTRAINT) && p.isIdent(p.peek(1), false) {
		j = 2
	}
	t := p.peek(j)
	switch {
	case t.is(kwCHECK):
		return p.peek(j+1).Kind == LeftParen
	case t.is(kwUNIQUE):
		return true
	case t.is(kwPRIMARY):
		return p.peekKw(j+1, kwKEY)
	case t.is(kwREFERENCES):
		return true
	}
	return false
}

// atTableConstraint reports whether a table constraint starts here:
// [CONSTRAINT name] CHECK (...) | UNIQUE (...) | PRIMARY KEY (...) |
// FOREIGN KEY (...).
func (p *parser) atTableConstraint() bool {
	j := 0
	if p.atKw(kwCONSTRAINT) && p.isIdent(p.peek(1), false) {
		j = 2
	}
	t := p.peek(j)
	switch {
	case t.is(kwCHECK):
		return p.peek(j+1).Kind == LeftParen
	case t.is(kwUNIQUE):
		return p.peek(j+1).Kind == LeftParen
	case t.is(kwPRIMARY), t.is(kwFOREIGN):
		return p.peekKw(j+1, kwKEY)
	}
	return false
}

// parseConstraint parses a column constraint (column set) or a table
// constraint, with its name and characteristics.
func (p *parser) parseConstraint(column bool) *ast.Constraint {
	c := &ast.Constraint{StartPos: p.tok().Pos}
	if p.acceptKw(kwCONSTRAINT) {
		c.Name = p.parseErrorCapturingIdent()
	}
	t := p.tok()
	switch {
	case t.is(kwCHECK):
		p.next()
		c.Kind = ast.CheckConstraint
		p.expect(LeftParen)
		c.Check = p.parseExpr()
		p.expectClose()
	case t.is(kwUNIQUE), t.is(kwPRIMARY):
		p.next()
		c.Kind = ast.UniqueConstraint
		if t.is(kwPRIMARY) {
			p.expectKw(kwKEY)
			c.Kind = ast.PrimaryKeyConstraint
		}
		if !column {
			c.Columns = p.parseIdentList()
		}
	case !column && t.is(kwFOREIGN):
		p.next()
		p.expectKw(kwKEY)
		c.Kind = ast.ForeignKeyConstraint
		c.Columns = p.parseIdentList()
		p.parseReferenceSpec(c)
	case column && t.is(kwREFERENCES):
		c.Kind = ast.ForeignKeyConstraint
		p.parseReferenceSpec(c)
	default:
		p.unexpected()
	}
	var enforced, rely string
	for {
		t := p.tok()
		var text string
		switch {
		case t.is(kwENFORCED):
			p.next()
			text = "ENFORCED"
		case t.is(kwNOT) && p.peekKw(1, kwENFORCED):
			p.next()
			p.next()
			text = "NOT ENFORCED"
		case t.is(kwRELY), t.is(kwNORELY):
			p.next()
			text = strings.ToUpper(p.text(t))
		default:
			c.EndPos = p.prevEnd()
			return c
		}
		c.Characteristics = append(c.Characteristics, text)
		prev := &enforced
		if text == "RELY" || text == "NORELY" {
			prev = &rely
		}
		if *prev != "" {
			p.deferError(newError("INVALID_CONSTRAINT_CHARACTERISTICS", t.Pos, p.prevEnd(),
				"characteristics", *prev+", "+text))
		}
		*prev = text
	}
}

// parseReferenceSpec parses REFERENCES table [(cols)].
func (p *parser) parseReferenceSpec(c *ast.Constraint) {
	p.expectKw(kwREFERENCES)
	c.RefTable = p.parseMultipartIdent()
	if p.at(LeftParen) {
		c.RefCols = p.parseIdentList()
	}
}

// parseTableElements parses tableElementList: column definitions and
// table constraints, up to the closing ')'.
func (p *parser) parseTableElements(st *ast.CreateTable) {
	start := p.tok().Pos
	n := 0
	for {
		n++
		if p.atTableConstraint() {
			st.Constraints = append(st.Constraints, p.parseConstraint(false))
		} else {
			st.Columns = append(st.Columns, p.parseColumnDef(true))
		}
		if p.accept(Comma) {
			continue
		}
		if p.at(RightParen) {
			break
		}
		p.listEnd(n, isRightParen)
	}
	var pks []string
	for _, c := range st.Constraints {
		if c.Kind == ast.PrimaryKeyConstraint {
			pks = append(pks, "("+strings.Join(ast.NameParts(c.Columns), ", ")+")")
		}
	}
	for _, cd := range st.Columns {
		for _, c := range cd.Constraints {
			if c.Kind == ast.PrimaryKeyConstraint {
				pks = append(pks, "("+cd.Name[0].Name+")")
			}
		}
	}
	if len(pks) > 1 {
		p.deferError(newError("MULTIPLE_PRIMARY_KEYS", start, p.prevEnd(), "columns", strings.Join(pks, ", ")))
	}
}

// parseCreateView parses CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW ...,
// and the temporary views over data sources (CREATE TEMPORARY VIEW name
// [(col type, ...)] USING provider ...).
func (p *parser) parseCreateView(start ast.Pos, orReplace bool) ast.Statement {
	st := &ast.CreateView{Create: start, OrReplace: orReplace}
	st.Global = p.acceptKw(kwGLOBAL)
	st.Temporary = p.acceptKw(kwTEMPORARY)
	if st.Global && !st.Temporary {
		p.unexpected()
	}
	p.expectKw(kwVIEW)
	if st.Temporary && p.atTempViewUsing() {
		return p.parseCreateTempViewUsing(start, orReplace, st.Global)
	}
	st.IfNotExists = p.acceptIfNotExists()
	mark := len(p.deferred)
	var nameExpr ast.Expr
	st.Name, nameExpr = p.parseIdentifierReference()
	if nameExpr != nil {
		if st.Name = p.identifierName(nameExpr); st.Name == nil {
			st.NameExpr = nameExpr
		}
	}
	if p.at(LeftParen) {
		p.next()
		for {
			vc := &ast.ViewColumn{Name: p.parseIdent(false)}
			if p.acceptKw(kwCOMMENT) {
				vc.Comment = p.parseStringLitValue()
			}
			vc.EndPos = p.prevEnd()
			st.Columns = append(st.Columns, vc)
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(st.Columns), isRightParen)
		}
		p.next()
	}
	c := clauseCounter{p: p}
	for {
		t := p.tok()
		switch {
		case t.is(kwCOMMENT):
			p.next()
			st.Comment = p.parseStringLitValue()
			c.once("COMMENT", t.Pos, p.prevEnd())
		case p.atCollationSpec():
			st.Collation = p.parseCollationSpec()
			c.once("DEFAULT COLLATION", t.Pos, p.prevEnd())
		case t.is(kwWITH) && p.peekKw(1, kwSCHEMA):
			st.Schema = p.parseSchemaBinding()
			c.once("WITH SCHEMA", t.Pos, p.prevEnd())
		case t.is(kwPARTITIONED) && p.peekKw(1, kwON):
			p.next()
			p.next()
			st.PartitionOn = p.parseIdentList()
			c.once("PARTITIONED ON", t.Pos, p.prevEnd())
		case t.is(kwTBLPROPERTIES):
			p.next()
			st.Props = p.parsePropertyList()
			c.once("TBLPROPERTIES", t.Pos, p.prevEnd())
		default:
			p.expectKw(kwAS)
			beforeQuery := len(p.deferred)
			st.Query = p.parseQuery()
			st.EndPos = p.prevEnd()
			// Spark checks the statement before it builds the query.
			if e := p.checkCreateView(st); e != nil {
				at := beforeQuery
				if st.PartitionOn != nil {
					at = mark
				}
				p.insertDeferred(at, e)
			}
			return st
		}
	}
}

// checkCreateView makes the checks of Spark's visitCreateView other than
// the duplicate clauses, and returns the error to report.
func (p *parser) checkCreateView(st *ast.CreateView) *Error {
	e := func(class string, params ...string) *Error {
		return newError(class, st.Create, st.EndPos, params...)
	}
	switch {
	case st.PartitionOn != nil:
		return e("INVALID_STATEMENT_OR_CLAUSE", "operation", "CREATE VIEW ... PARTITIONED ON")
	case st.IfNotExists && st.OrReplace:
		return e("_LEGACY_ERROR_TEMP_0052")
	case st.Temporary && len(st.Props) > 0:
		return e("_LEGACY_ERROR_TEMP_0035", "message", "TBLPROPERTIES can't coexist with CREATE TEMPORARY VIEW")
	case st.Temporary && st.Schema != "":
		return e("UNSUPPORTED_FEATURE.TEMPORARY_VIEW_WITH_SCHEMA_BINDING_MODE")
	case st.Temporary && st.IfNotExists:
		return e("_LEGACY_ERROR_TEMP_0053")
	case st.Temporary && len(st.Name) > 1:
		return e("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName", toSQLID(ast.NameParts(st.Name)...))
	}
	return nil
}

// identifierName turns the expression of IDENTIFIER('a.b') into a name
// when it is a string literal (the name is then known while parsing).
func (p *parser) identifierName(e ast.Expr) []*ast.Ident {
	l, ok := e.(*ast.Literal)
	if !ok || l.Kind != ast.StringLit {
		return nil
	}
	return []*ast.Ident{{NamePos: l.Pos(), NameEnd: l.End(), Name: l.Value, Quoted: true}}
}

// atTempViewUsing reports whether the view name at the current token is
// followed by an optional column list and USING: a temporary view over a
// data source.
func (p *parser) atTempViewUsing() bool {
	j := p.i
	if !p.isIdent(p.tokAt(j), false) {
		return false
	}
	j++
	if p.tokAt(j).Kind == Dot && p.isIdent(p.tokAt(j+1), false) {
		j += 2
	}
	if p.tokAt(j).Kind == LeftParen {
		m := p.matchAt(j)
		if m < 0 {
			return false
		}
		j = m + 1
	}
	return p.tokAt(j).is(kwUSING)
}

// parseSchemaBinding parses WITH SCHEMA BINDING|COMPENSATION|[TYPE] EVOLUTION.
func (p *parser) parseSchemaBinding() string {
	t := p.next()
	p.expectKw(kwSCHEMA)
	mode := ""
	switch {
	case p.acceptKw(kwBINDING):
		mode = "BINDING"
	case p.acceptKw(kwCOMPENSATION):
		mode = "COMPENSATION"
	case p.acceptKw(kwEVOLUTION):
		mode = "EVOLUTION"
	case p.acceptKw(kwTYPE):
		p.expectKw(kwEVOLUTION)
		mode = "TYPE EVOLUTION"
	default:
		p.unexpected()
	}
	if p.opts.DisableViewSchemaBinding {
		p.deferError(newError("FEATURE_NOT_ENABLED", t.Pos, p.prevEnd(),
			"featureName", "VIEW ... WITH SCHEMA ...",
			"configKey", "spark.sql.legacy.viewSchemaBindingMode", "configValue", "true"))
	}
	return mode
}

// parseDrop parses DROP TABLE|VIEW|namespace|[TEMPORARY] FUNCTION|INDEX|
// TEMPORARY VARIABLE.
func (p *parser) parseDrop() ast.Statement {
	st := &ast.Drop{Drop: p.next().Pos}
	switch {
	case p.atKw(kwINDEX):
		return p.parseDropIndex(st.Drop)
	case p.atKw(kwFUNCTION), p.atKw(kwTEMPORARY) && p.peekKw(1, kwFUNCTION):
		return p.parseDropFunction(st)
	case p.atNamespaceKw(0):
		p.next()
		st.Kind = ast.DropNamespace
		st.IfExists = p.acceptIfExists()
		st.Name, st.NameExpr = p.parseIdentifierReference()
		if p.atKw(kwCASCADE) || p.atKw(kwRESTRICT) {
			st.Cascade = p.next().is(kwCASCADE)
			st.Restrict = !st.Cascade
		}
		st.EndPos = p.prevEnd()
		return st
	case p.acceptKw(kwTABLE):
		st.Kind = ast.DropTable
	case p.acceptKw(kwVIEW):
		st.Kind = ast.DropView
	case p.atKw(kwTEMPORARY) && (p.peekKw(1, kwVARIABLE) || p.peekKw(1, kwVAR)):
		p.next()
		p.next()
		st.Kind, st.Temporary = ast.DropVariable, true
	default:
		p.unexpected()
	}
	st.IfExists = p.acceptIfExists()
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if st.Kind == ast.DropTable {
		st.Purge = p.acceptKw(kwPURGE)
	}
	st.EndPos = p.prevEnd()
	return st
}

// Spark's patterns for the text of SET and RESET (SparkSqlParser).
var (
	configKeyValueRe = regexp.MustCompile(`^([a-zA-Z_\d\\.:]+)\s*=([^;]*);*$`)
	configKeyRe      = regexp.MustCompile(`^([a-zA-Z_\d\\.:]+)\s*$`)
	configValueRe    = regexp.MustCompile(`^([^;]*);*$`)
)

// remainder returns the statement text after the current token: up to the
// end of input, as Spark's remainder does.
func (p *parser) remainderAfter(end ast.Pos) string {
	last := p.toks[len(p.toks)-1]
	if p.script != nil {
		for j := p.i; j < len(p.toks); j++ {
			if p.toks[j].Kind == Semicolon {
				last = p.toks[j]
				break
			}
		}
	}
	return p.source(end, last.Pos)
}

// skipToEnd consumes the remaining tokens of the statement (up to the end
// of input, leaving trailing semicolons to the caller; in a script, up to
// the ';' that ends the statement).
func (p *parser) skipToEnd() {
	for !p.at(EOF) {
		if p.script != nil && p.at(Semicolon) {
			return
		}
		p.next()
	}
	// Give trailing semicolons back to singleStatement.
	for p.i > 0 && p.toks[p.i-1].Kind == Semicolon {
		p.i--
	}
}

// trimJava trims like Java's String.trim.
func trimJava(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}

// parseSet parses the SET statements.
func (p *parser) parseSet() ast.Statement {
	setTok := p.next()
	st := &ast.Set{Set: setTok.Pos}
	defer func() { st.EndPos = p.prevEnd() }()
	t := p.tok()
	switch {
	case t.is(kwROLE):
		// SET ROLE is a Hive command Spark rejects.
		p.skipToEnd()
		p.deferError(newError("INVALID_STATEMENT_OR_CLAUSE", setTok.Pos, p.prevEnd(), "operation", "SET ROLE"))
		return st
	case t.is(kwCATALOG) && p.peek(1).Kind != Eq && p.peek(1).Kind != EOF && p.peek(1).Kind != Semicolon:
		var sc ast.Statement
		if p.speculate(func() {
			sc = p.parseSetCatalog(setTok.Pos)
			p.requireStatementEnd()
		}) == nil {
			return sc
		}
	case t.is(kwTIME) && p.peekKw(1, kwZONE):
		p.next()
		p.next()
		st.Kind = ast.SetTimeZone
		switch {
		case p.atKw(kwINTERVAL) && p.speculate(func() {
			st.TimeZone = p.parseInterval()
			p.requireStatementEnd()
		}) == nil:
		case p.atKw(kwLOCAL) && (p.peek(1).Kind == EOF || p.peek(1).Kind == Semicolon):
			p.next()
			st.Local = true
		case p.isStringTok(p.tok()) && p.speculate(func() {
			st.TimeZone = p.parseStringLit()
			p.requireStatementEnd()
		}) == nil:
		default:
			// SET TIME ZONE followed by anything else.
			p.skipToEnd()
			p.deferError(newError("_LEGACY_ERROR_TEMP_0045", setTok.Pos, p.prevEnd()))
		}
		return st
	case (t.is(kwVARIABLE) || t.is(kwVAR)) && p.speculate(func() { p.parseSetVariable(st) }) == nil:
		return st
	case (t.Kind == BackquotedIdent || t.Kind == DoubleQuoted && p.opts.DoubleQuotedIdentifiers) &&
		(p.peek(1).Kind == Eq || p.peek(1).Kind == EOF || p.peek(1).Kind == Semicolon):
		key := p.makeIdent(p.next()).Name
		st.Key = key
		if !p.at(Eq) {
			st.Kind = ast.SetGet
			return st
		}
		eq := p.next()
		st.Kind, st.HasValue = ast.SetConfig, true
		if v := p.tok(); v.Kind == BackquotedIdent && (p.peek(1).Kind == EOF || p.peek(1).Kind == Semicolon) {
			p.next()
			st.Value = p.makeIdent(v).Name
			return st
		}
		rest := trimJava(p.remainderAfter(eq.End))
		p.skipToEnd()
		m := configValueRe.FindStringSubmatch(rest)
		if m == nil {
			p.deferError(newError("INVALID_PROPERTY_VALUE", setTok.Pos, p.prevEnd(),
				"value", `"`+rest+`"`, "key", `"`+key+`"`))
			return st
		}
		st.Value = m[1]
		return st
	}
	// SET .*? EQ configValue: the text ends with = `value`.
	p.skipToEnd()
	n := p.i
	if n >= 2 && p.toks[n-1].Kind == BackquotedIdent && p.toks[n-2].Kind == Eq && n-2 > 0 {
		val := p.makeIdent(&p.toks[n-1]).Name
		key := trimJava(p.source(setTok.End, p.toks[n-2].Pos))
		if m := configKeyRe.FindStringSubmatch(key); m != nil {
			st.Kind, st.Key, st.Value, st.HasValue = ast.SetConfig, m[1], val, true
			return st
		}
		p.deferError(newError("INVALID_PROPERTY_KEY", setTok.Pos, p.prevEnd(),
			"key", `"`+key+`"`, "value", `"`+val+`"`))
		return st
	}
	rest := trimJava(p.remainderAfter(setTok.End))
	rest = strings.TrimRight(rest, ";")
	if m := configKeyValueRe.FindStringSubmatch(rest); m != nil {
		st.Kind, st.Key, st.Value, st.HasValue = ast.SetConfig, m[1], trimJava(m[2]), true
		return st
	}
	if m := configKeyRe.FindStringSubmatch(rest); m != nil {
		st.Kind, st.Key = ast.SetGet, m[1]
		return st
	}
	switch trimJava(rest) {
	case "-v":
		st.Kind = ast.SetListVerbose
		return st
	case "":
		st.Kind = ast.SetList
		return st
	}
	p.deferError(newError("INVALID_SET_SYNTAX", setTok.Pos, p.prevEnd()))
	return st
}

// parseReset parses RESET [key].
func (p *parser) parseReset() ast.Statement {
	rt := p.next()
	st := &ast.Reset{Reset: rt.Pos}
	if t := p.tok(); t.Kind == BackquotedIdent && (p.peek(1).Kind == EOF || p.peek(1).Kind == Semicolon) {
		p.next()
		st.Key = p.makeIdent(t).Name
		st.EndPos = p.prevEnd()
		return st
	}
	rest := strings.TrimRight(trimJava(p.remainderAfter(rt.End)), ";")
	p.skipToEnd()
	st.EndPos = p.prevEnd()
	if m := configKeyRe.FindStringSubmatch(rest); m != nil {
		st.Key = m[1]
	} else if trimJava(rest) != "" {
		p.deferError(newError("INVALID_RESET_COMMAND_FORMAT", rt.Pos, p.prevEnd()))
	}
	return st
}

// parseDeclare parses DECLARE [OR REPLACE] [VARIABLE] name [type] [DEFAULT|= expr].
func (p *parser) parseDeclare() ast.Statement {
	st := &ast.DeclareVariable{Declare: p.next().Pos}
	if p.atKw(kwOR) && p.peekKw(1, kwREPLACE) {
		p.next()
		p.next()
		st.OrReplace = true
	}
	if (p.atKw(kwVARIABLE) || p.atKw(kwVAR)) && (p.isIdent(p.peek(1), false) || p.peekKw(1, kwIDENTIFIER_KW)) {
		p.next()
	}
	for {
		st.Names = append(st.Names, p.parseTableName())
		if !p.accept(Comma) {
			break
		}
	}
	st.Name = st.Names[0]
	if !p.atKw(kwDEFAULT) && !p.at(Eq) && p.canStartType(p.tok()) {
		st.Type = p.parseDataType()
	}
	if p.acceptKw(kwDEFAULT) || p.accept(Eq) {
		st.Default = p.parseExpr()
	}
	st.EndPos = p.prevEnd()
	if st.Type == nil && st.Default == nil {
		p.deferError(newError("INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED", st.Declare, st.EndPos))
	}
	return st
}

// parseExecuteImmediate parses EXECUTE IMMEDIATE.
func (p *parser) parseExecuteImmediate() ast.Statement {
	st := &ast.ExecuteImmediate{Execute: p.next().Pos}
	p.next()
	if p.isStringTok(p.tok()) && p.stringLitEndsExpr() {
		lit := p.parseStringLitValue()
		st.Query = lit
		// Spark parses the statement text when it runs the statement and
		// reports its syntax errors as a ParseException.
		if _, err := p.opts.ParseStatement(lit.Value); err != nil {
			if e, ok := err.(*Error); ok {
				inner := *e
				inner.Pos, inner.End = lit.Pos(), lit.End()
				p.deferError(&inner)
			}
		}
	} else {
		// Any expression: Spark rejects those that are not a string when it
		// runs the statement.
		st.Query = p.parseExpr()
	}
	if p.acceptKw(kwINTO) {
		for {
			st.Into = append(st.Into, p.parseMultipartIdent())
			if !p.accept(Comma) {
				break
			}
		}
	}
	if p.atKw(kwUSING) {
		usingPos := p.next().Pos
		paren := p.at(LeftParen) && !p.startsQueryAt(p.i+1) && p.matchAt(p.i) >= 0 &&
			(p.tokAt(p.matchAt(p.i)+1).Kind == EOF || p.tokAt(p.matchAt(p.i)+1).Kind == Semicolon)
		if paren {
			p.next()
		}
		for {
			st.Using = append(st.Using, p.parseNamedExpr(aliasCtxTop))
			if !p.accept(Comma) {
				break
			}
		}
		if paren {
			p.expectClose()
		}
		seen := map[string]int{}
		var dups []string
		for _, e := range st.Using {
			if a, ok := e.(*ast.Alias); ok && a.Name != nil {
				if seen[a.Name.Name]++; seen[a.Name.Name] == 2 {
					dups = append(dups, "`"+a.Name.Name+"`")
				}
			}
		}
		if len(dups) > 0 {
			p.deferError(newError("EXEC_IMMEDIATE_DUPLICATE_ARGUMENT_ALIASES", usingPos, p.prevEnd(),
				"aliases", strings.Join(dups, ", ")))
		}
	}
	st.EndPos = p.prevEnd()
	return st
}

// stringLitEndsExpr reports whether the string literal at the current
// token is a whole expression (it is followed by INTO, USING or the end
// of the statement), rather than the start of a longer one ('a' || b).
func (p *parser) stringLitEndsExpr() bool {
	j := p.i
	for p.isStringTok(p.tokAt(j)) {
		j++
	}
	t := p.tokAt(j)
	return t.Kind == EOF || t.Kind == Semicolon || t.is(kwINTO) || t.is(kwUSING)
}

// parseDescribe parses DESC/DESCRIBE statements.
func (p *parser) parseDescribe() ast.Statement {
	st := &ast.Describe{Describe: p.next().Pos}
	switch {
	case p.atKw(kwFUNCTION) && !p.peekIsDescribeEnd(1):
		p.next()
		st.What = "FUNCTION"
		if p.atKw(kwEXTENDED) && !p.peekIsDescribeEnd(1) {
			p.next()
			st.Extended = true
		}
		if p.isStringTok(p.tok()) {
			st.FuncName = p.parseStringLitValue()
		} else if p.isIdent(p.tok(), false) {
			st.Name, st.NameExpr = p.parseIdentifierReference()
		} else {
			t := p.tok()
			switch t.Kind {
			case Eq, NullSafeEq, Neq, NeqJ, Lt, Lte, Gt, Gte, Plus, Minus, Asterisk, Slash, Percent,
				Tilde, Ampersand, Pipe, ConcatPipe, Hat, ShiftLeft, ShiftRight, ShiftRightU, Bang:
				p.next()
				st.FuncName = &ast.Literal{Kind: ast.StringLit, ValuePos: t.Pos, ValueEnd: t.End, Raw: p.text(t), Value: p.text(t)}
			default:
				p.unexpected()
			}
		}
	case p.atKw(kwPROCEDURE) && !p.peekIsDescribeEnd(1):
		p.next()
		st.What = "PROCEDURE"
		st.Name, st.NameExpr = p.parseIdentifierReference()
	case (p.atKw(kwDATABASE) || p.atKw(kwSCHEMA) || p.atKw(kwNAMESPACE)) && !p.peekIsDescribeEnd(1):
		p.next()
		st.What = "NAMESPACE"
		if p.atKw(kwEXTENDED) && !p.peekIsDescribeEnd(1) {
			p.next()
			st.Extended = true
		}
		st.Name, st.NameExpr = p.parseIdentifierReference()
	case p.atKw(kwQUERY) && p.startsQueryAt(p.i+1), p.startsQueryHere() && !p.atKw(kwTABLE):
		p.acceptKw(kwQUERY)
		st.What = "QUERY"
		st.Query = p.parseQuery()
	default:
		st.What = "TABLE"
		if p.atKw(kwTABLE) && !p.peekIsDescribeEnd(1) {
			p.next()
		}
		if (p.atKw(kwEXTENDED) || p.atKw(kwFORMATTED)) && !p.peekIsDescribeEnd(1) && p.isIdent(p.peek(1), false) {
			if p.next().is(kwEXTENDED) {
				st.Extended = true
			} else {
				st.Formatted = true
			}
		}
		st.Name, st.NameExpr = p.parseIdentifierReference()
		if p.atKw(kwPARTITION) && p.peek(1).Kind == LeftParen {
			st.Partition = p.parsePartitionSpec()
		}
		if p.isIdent(p.tok(), false) && !(p.atKw(kwAS) && p.peekKw(1, kwJSON)) {
			st.Column = p.parseMultipartIdent()
		}
		if p.atKw(kwAS) && p.peekKw(1, kwJSON) {
			p.next()
			p.next()
			st.AsJSON = true
		}
		p.checkDescribe(st)
	}
	st.EndPos = p.prevEnd()
	return st
}

// checkDescribe makes the checks of Spark's visitDescribeRelation.
func (p *parser) checkDescribe(st *ast.Describe) {
	end := p.prevEnd()
	if st.AsJSON && !st.Extended && !st.Formatted {
		name := "table"
		if len(st.Name) > 0 {
			name = st.Name[len(st.Name)-1].Name
		}
		p.deferError(newError("DESCRIBE_JSON_NOT_EXTENDED", st.Describe, end, "tableName", name))
		return
	}
	if st.Column != nil {
		if st.Partition != nil {
			p.deferError(newError("UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_PARTITION", st.Describe, end))
		} else if st.AsJSON {
			p.deferError(newError("UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_JSON", st.Describe, end))
		}
		return
	}
	p.requirePartitionValues(st.Partition)
}

// requirePartitionValues rejects partition columns without a value, where
// Spark requires a full partition spec.
func (p *parser) requirePartitionValues(ps *ast.PartitionSpec) {
	if ps == nil {
		return
	}
	for _, it := range ps.Items {
		if it.Value == nil && !it.Default {
			p.deferError(newError("INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", ps.Pos(), ps.End(),
				"partKey", "`"+it.Name.Name+"`"))
			return
		}
	}
}

// peekIsDescribeEnd reports whether the token n ahead ends the statement,
// so that the current keyword must be a name.
func (p *parser) peekIsDescribeEnd(n int) bool {
	k := p.peek(n).Kind
	return k == EOF || k == Semicolon || k == Dot
}

// parseShow parses SHOW statements.
func (p *parser) parseShow() ast.Statement {
	st := &ast.Show{Show: p.next().Pos}
	pattern := func(likeRequired bool) {
		if p.acceptKw(kwLIKE) || !likeRequired && p.isStringTok(p.tok()) {
			st.Pattern = p.parseStringLitValue()
		}
	}
	in := func() {
		if p.acceptKw(kwFROM) || p.acceptKw(kwIN) {
			st.In = p.parseTableName()
		}
	}
	t := p.tok()
	switch {
	case t.is(kwTABLES):
		p.next()
		st.What = "TABLES"
		in()
		pattern(false)
	case t.is(kwTABLE) && p.peekKw(1, kwEXTENDED):
		p.next()
		p.next()
		st.What = "TABLE EXTENDED"
		in()
		p.expectKw(kwLIKE)
		st.Pattern = p.parseStringLitValue()
		if p.atKw(kwPARTITION) {
			st.Partition = p.parsePartitionSpec()
		}
	case t.is(kwVIEWS):
		p.next()
		st.What = "VIEWS"
		in()
		pattern(false)
	case t.is(kwNAMESPACES) || t.is(kwDATABASES) || t.is(kwSCHEMAS):
		p.next()
		st.What = "NAMESPACES"
		if p.acceptKw(kwFROM) || p.acceptKw(kwIN) {
			st.In = p.parseMultipartIdent()
		}
		pattern(false)
	case t.is(kwCATALOGS):
		p.next()
		st.What = "CATALOGS"
		pattern(false)
	case t.is(kwTBLPROPERTIES):
		p.next()
		st.What = "TBLPROPERTIES"
		st.Name = p.parseTableName()
		if p.at(LeftParen) {
			start := p.next().Pos
			pr := &ast.Property{StartPos: start}
			if p.isStringTok(p.tok()) {
				pr.KeyStr = p.parseStringLitValue()
			} else {
				pr.Key = p.parseMultipartIdent()
			}
			pr.EndPos = p.prevEnd()
			st.Key = pr
			p.expectClose()
		}
	case t.is(kwCOLUMNS):
		p.next()
		st.What = "COLUMNS"
		if !p.acceptKw(kwFROM) {
			p.expectKw(kwIN)
		}
		st.Name = p.parseTableName()
		if p.acceptKw(kwFROM) || p.acceptKw(kwIN) {
			st.In = p.parseMultipartIdent()
		}
	case t.is(kwPARTITIONS):
		p.next()
		st.What = "PARTITIONS"
		st.Name = p.parseTableName()
		if p.atKw(kwPARTITION) {
			st.Partition = p.parsePartitionSpec()
		}
	case t.is(kwCREATE):
		p.next()
		p.expectKw(kwTABLE)
		st.What = "CREATE TABLE"
		st.Name = p.parseTableName()
		if p.atKw(kwAS) {
			p.next()
			p.expectKw(kwSERDE)
			st.AsSerde = true
		}
	case t.is(kwCURRENT) && (p.peekKw(1, kwNAMESPACE) || p.peekKw(1, kwDATABASE) || p.peekKw(1, kwSCHEMA)):
		p.next()
		p.next()
		st.What = "CURRENT NAMESPACE"
	case t.is(kwFUNCTIONS) || p.isIdent(t, false) && p.peekKw(1, kwFUNCTIONS):
		if !t.is(kwFUNCTIONS) {
			st.Scope = strings.ToUpper(p.text(p.next()))
		}
		p.next()
		st.What = "FUNCTIONS"
		in()
		if p.acceptKw(kwLIKE) || p.isStringTok(p.tok()) {
			if p.isStringTok(p.tok()) {
				st.Pattern = p.parseStringLitValue()
			} else {
				st.Name = p.parseMultipartIdent()
			}
		} else if p.isIdent(p.tok(), false) {
			st.Name = p.parseMultipartIdent()
		}
		if st.Scope != "" && st.Scope != "USER" && st.Scope != "SYSTEM" && st.Scope != "ALL" {
			p.deferError(newError("INVALID_SQL_SYNTAX.SHOW_FUNCTIONS_INVALID_SCOPE", t.Pos, t.End,
				"scope", toSQLStmt(p.text(t))))
		} else if st.In != nil && st.Name != nil {
			p.deferError(newError("INVALID_SQL_SYNTAX.SHOW_FUNCTIONS_INVALID_PATTERN", st.Name[0].Pos(),
				nameEndOf(st.Name), "pattern", labelText(st.Name)))
		}
	case t.is(kwPROCEDURES):
		p.next()
		st.What = "PROCEDURES"
		in()
	default:
		p.unexpected()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseExplain parses EXPLAIN [mode] statement.
func (p *parser) parseExplain() ast.Statement {
	st := &ast.Explain{Explain: p.next().Pos}
	t := p.tok()
	if t.is(kwLOGICAL) || t.is(kwFORMATTED) || t.is(kwEXTENDED) || t.is(kwCODEGEN) || t.is(kwCOST) {
		if k := p.peek(1).Kind; k != EOF && k != Semicolon {
			p.next()
			st.Mode = strings.ToUpper(p.text(t))
		}
	}
	st.Stmt = p.parseStatement()
	st.EndPos = p.prevEnd()
	return st
}

// parseUse parses USE [NAMESPACE|DATABASE|SCHEMA] name.
func (p *parser) parseUse() ast.Statement {
	st := &ast.Use{Use: p.next().Pos}
	if (p.atKw(kwNAMESPACE) || p.atKw(kwDATABASE) || p.atKw(kwSCHEMA)) && !p.peekIsDescribeEnd(1) {
		p.next()
	}
	st.Name, st.NameExpr = p.parseIdentifierReference()
	st.EndPos = p.prevEnd()
	return st
}

// parseCache parses CACHE [LAZY] TABLE, UNCACHE TABLE and CLEAR CACHE.
func (p *parser) parseCache() ast.Statement {
	t := p.next()
	st := &ast.Cache{Cache: t.Pos}
	switch t.Keyword {
	case kwCLEAR:
		p.expectKw(kwCACHE)
		st.Clear = true
	case kwUNCACHE:
		p.expectKw(kwTABLE)
		st.Uncache = true
		st.IfExists = p.acceptIfExists()
		st.Name = p.parseTableName()
	default:
		st.Lazy = p.acceptKw(kwLAZY)
		p.expectKw(kwTABLE)
		st.Name = p.parseTableName()
		if p.atKw(kwOPTIONS) {
			p.next()
			st.Options = p.parsePropertyList()
		}
		if p.acceptKw(kwAS) || p.startsQueryHere() {
			st.Query = p.parseQuery()
		}
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseRefresh parses REFRESH TABLE name, REFRESH FUNCTION name and
// REFRESH resource.
func (p *parser) parseRefresh() ast.Statement {
	rt := p.next()
	st := &ast.Refresh{Refresh: rt.Pos}
	switch {
	case p.atKw(kwTABLE) && !p.peekIsDescribeEnd(1):
		p.next()
		var nameExpr ast.Expr
		st.Name, nameExpr = p.parseIdentifierReference()
		if nameExpr != nil {
			if st.Name = p.identifierName(nameExpr); st.Name == nil {
				st.NameExpr = nameExpr
			}
		}
	case p.atKw(kwFUNCTION) && !p.peekIsDescribeEnd(1):
		p.next()
		st.Function = true
		st.Name = p.parseTableName()
	case p.isStringTok(p.tok()):
		st.Path = p.parseStringLitValue()
	default:
		start := p.tok().Pos
		p.skipToEnd()
		text := trimJava(p.source(start, p.prevEnd()))
		st.Path = &ast.Literal{Kind: ast.StringLit, ValuePos: start, ValueEnd: p.prevEnd(), Raw: text, Value: text}
		switch {
		case text == "":
			p.deferError(newError("_LEGACY_ERROR_TEMP_0064", rt.Pos, p.prevEnd(),
				"msg", "Resource paths cannot be empty in REFRESH statements. Use / to match everything"))
		case strings.ContainsAny(text, " \n\r\t"):
			p.deferError(newError("_LEGACY_ERROR_TEMP_0064", rt.Pos, p.prevEnd(),
				"msg", `REFRESH statements cannot contain ' ', '\n', '\r', '\t' inside unquoted resource paths`))
		}
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseAnalyze parses ANALYZE TABLE(S) ... COMPUTE STATISTICS.
func (p *parser) parseAnalyze() ast.Statement {
	st := &ast.Analyze{Analyze: p.next().Pos}
	if p.acceptKw(kwTABLES) {
		st.Tables = true
		if p.acceptKw(kwFROM) || p.acceptKw(kwIN) {
			st.Name = p.parseTableName()
		}
	} else {
		p.expectKw(kwTABLE)
		st.Name = p.parseTableName()
		if p.atKw(kwPARTITION) {
			st.Partition = p.parsePartitionSpec()
		}
	}
	p.expectKw(kwCOMPUTE)
	p.expectKw(kwSTATISTICS)
	switch {
	case !st.Tables && p.atKw(kwFOR):
		p.next()
		if p.acceptKw(kwALL) {
			p.expectKw(kwCOLUMNS)
			st.AllColumns = true
		} else {
			p.expectKw(kwCOLUMNS)
			for {
				st.Columns = append(st.Columns, p.parseMultipartIdent())
				if !p.accept(Comma) {
					break
				}
			}
		}
	case p.isIdent(p.tok(), false):
		id := p.next()
		if !strings.EqualFold(p.text(id), "noscan") {
			p.deferError(newError("INVALID_SQL_SYNTAX.ANALYZE_TABLE_UNEXPECTED_NOSCAN", id.Pos, id.End,
				"ctx", strings.ToUpper(p.text(id))))
		}
		st.NoScan = true
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseSetVariable parses the rest of SET VAR[IABLE] assignments or
// SET VAR (targets) = (query). The statement ends there.
func (p *parser) parseSetVariable(st *ast.Set) {
	p.next()
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
		p.requireStatementEnd()
		return
	}
	st.Kind = ast.SetVariable
	for {
		a := &ast.Assignment{Target: p.parseMultipartIdent()}
		p.expect(Eq)
		if p.atKw(kwDEFAULT) && (p.peek(1).Kind == Comma || p.peek(1).Kind == EOF || p.peek(1).Kind == Semicolon) {
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
	p.requireStatementEnd()
}

// requireStatementEnd fails unless the statement ends here.
func (p *parser) requireStatementEnd() {
	if !p.at(EOF) && !p.at(Semicolon) {
		p.unexpected()
	}
}
