package parser

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// This file parses the ALTER statements of Spark's grammar: ALTER
// namespace (stmt_ddl.go), ALTER TABLE and ALTER VIEW.

// parseAlter parses ALTER DATABASE|SCHEMA|NAMESPACE, ALTER TABLE and
// ALTER VIEW.
func (p *parser) parseAlter() ast.Statement {
	start := p.next().Pos
	if p.atNamespaceKw(0) {
		return p.parseAlterNamespace(start)
	}
	st := &ast.AlterTable{Alter: start}
	if p.acceptKw(kwVIEW) {
		st.View = true
	} else {
		p.expectKw(kwTABLE)
	}
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if st.View {
		st.Action = p.parseAlterViewAction(st)
	} else {
		st.Action = p.parseAlterTableAction(st)
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseAlterViewAction parses what follows ALTER VIEW name.
func (p *parser) parseAlterViewAction(st *ast.AlterTable) ast.AlterAction {
	t := p.tok()
	switch {
	case t.is(kwRENAME) && p.peekKw(1, kwTO):
		return p.parseAlterRename()
	case (t.is(kwSET) || t.is(kwUNSET)) && p.peekKw(1, kwTBLPROPERTIES):
		return p.parseAlterTblProperties(st)
	case t.is(kwADD) && (p.peekKw(1, kwIF) || p.peekKw(1, kwPARTITION)):
		a := p.parseAlterAddPartitions(st)
		p.deferStmt("INVALID_STATEMENT_OR_CLAUSE", st.Alter, "operation", "ALTER VIEW ... ADD PARTITION")
		return a
	case t.is(kwDROP) && (p.peekKw(1, kwIF) || p.peekKw(1, kwPARTITION)):
		a := p.parseAlterDropPartitions()
		p.deferStmt("INVALID_STATEMENT_OR_CLAUSE", st.Alter, "operation", "ALTER VIEW ... DROP PARTITION")
		return a
	case t.is(kwWITH) && p.peekKw(1, kwSCHEMA):
		a := &ast.AlterViewSchema{With: t.Pos}
		a.Mode = p.parseSchemaBinding()
		a.EndPos = p.prevEnd()
		return a
	case t.is(kwAS), p.startsQueryHere():
		a := &ast.AlterViewQuery{As: t.Pos}
		p.acceptKw(kwAS)
		a.Query = p.parseQuery()
		return a
	}
	p.failAfterVerb()
	return nil
}

// failAfterVerb fails at the token after a verb of ALTER (ADD, SET, ...)
// that no alternative continues, or at the current token.
func (p *parser) failAfterVerb() {
	t := p.tok()
	switch {
	case t.is(kwADD), t.is(kwDROP), t.is(kwSET), t.is(kwUNSET), t.is(kwRENAME), t.is(kwREPLACE),
		t.is(kwRECOVER), t.is(kwCLUSTER), t.is(kwWITH), t.is(kwDEFAULT), t.is(kwCHANGE), t.is(kwALTER):
		p.next()
	}
	p.unexpected()
}

// parseAlterTableAction parses what follows ALTER TABLE name.
func (p *parser) parseAlterTableAction(st *ast.AlterTable) ast.AlterAction {
	t := p.tok()
	switch {
	case t.is(kwADD) && (p.peekKw(1, kwCOLUMN) || p.peekKw(1, kwCOLUMNS)):
		return p.parseAlterAddColumns()
	case t.is(kwADD) && (p.peekKw(1, kwIF) || p.peekKw(1, kwPARTITION)):
		return p.parseAlterAddPartitions(st)
	case t.is(kwADD):
		a := &ast.AlterAddConstraint{Add: p.next().Pos}
		if !p.atTableConstraint() {
			p.unexpected()
		}
		a.Constraint = p.parseConstraint(false)
		return a
	case t.is(kwRENAME) && p.peekKw(1, kwCOLUMN):
		p.next()
		p.next()
		a := &ast.AlterRenameColumn{Rename: t.Pos}
		a.From = p.parseMultipartIdent()
		p.expectKw(kwTO)
		a.To = p.parseErrorCapturingIdent()
		return a
	case t.is(kwRENAME) && p.peekKw(1, kwTO):
		return p.parseAlterRename()
	case t.is(kwDROP) && (p.peekKw(1, kwCOLUMN) || p.peekKw(1, kwCOLUMNS)):
		p.next()
		p.next()
		a := &ast.AlterDropColumns{Drop: t.Pos}
		a.IfExists = p.acceptIfExists()
		paren := p.at(LeftParen)
		if paren {
			p.next()
		}
		for {
			a.Columns = append(a.Columns, p.parseMultipartIdent())
			if !p.accept(Comma) {
				break
			}
		}
		if paren {
			p.expectClose()
		}
		a.EndPos = p.prevEnd()
		return a
	case t.is(kwDROP) && p.peekKw(1, kwCONSTRAINT):
		p.next()
		p.next()
		a := &ast.AlterDropConstraint{Drop: t.Pos}
		a.IfExists = p.acceptIfExists()
		a.Name = p.parseIdent(false)
		if p.atKw(kwCASCADE) || p.atKw(kwRESTRICT) {
			a.Cascade = p.next().is(kwCASCADE)
			a.Restrict = !a.Cascade
		}
		a.EndPos = p.prevEnd()
		return a
	case t.is(kwDROP) && (p.peekKw(1, kwIF) || p.peekKw(1, kwPARTITION)):
		a := p.parseAlterDropPartitions()
		for _, ps := range a.(*ast.AlterDropPartitions).Partitions {
			p.requirePartitionValues(ps)
		}
		return a
	case (t.is(kwSET) || t.is(kwUNSET)) && p.peekKw(1, kwTBLPROPERTIES):
		return p.parseAlterTblProperties(st)
	case t.is(kwALTER):
		return p.parseAlterColumns(st.Alter)
	case t.is(kwCHANGE):
		// ALTER|CHANGE COLUMN col action, ... or Hive's CHANGE COLUMN col
		// new_col type ...: the first alternative wins when both parse.
		var a ast.AlterAction
		p.alt(func() {
			a = p.parseAlterColumns(st.Alter)
			p.requireStatementEnd()
		}, func() {
			a = p.parseAlterChangeColumn(st)
			p.requireStatementEnd()
		})
		return a
	case t.is(kwRECOVER):
		p.next()
		p.expectKw(kwPARTITIONS)
		return &ast.AlterRecoverPartitions{Recover: t.Pos, EndPos: p.prevEnd()}
	case t.is(kwCLUSTER) && p.peekKw(1, kwBY):
		p.next()
		p.next()
		a := &ast.AlterClusterBy{Cluster: t.Pos}
		if p.acceptKw(kwNONE) {
			a.None = true
		} else {
			p.expect(LeftParen)
			for {
				a.Columns = append(a.Columns, p.parseMultipartIdent())
				if !p.accept(Comma) {
					break
				}
			}
			p.expectClose()
		}
		a.EndPos = p.prevEnd()
		return a
	case p.atCollationSpec():
		return &ast.AlterCollation{Default: t.Pos, Name: p.parseCollationSpec()}
	case t.is(kwPARTITION) && p.peek(1).Kind == LeftParen:
		st.Partition = p.parsePartitionSpec()
		return p.parseAlterPartitionAction(st)
	}
	return p.parseAlterPartitionAction(st)
}

// parseAlterPartitionAction parses the actions that may follow ALTER
// TABLE name [PARTITION (...)]: CHANGE COLUMN, REPLACE COLUMNS, SET SERDE,
// SET SERDEPROPERTIES, SET LOCATION, and (after a partition) RENAME TO
// PARTITION.
func (p *parser) parseAlterPartitionAction(st *ast.AlterTable) ast.AlterAction {
	t := p.tok()
	switch {
	case t.is(kwCHANGE):
		return p.parseAlterChangeColumn(st)
	case t.is(kwREPLACE) && p.peekKw(1, kwCOLUMNS):
		return p.parseAlterReplaceColumns(st)
	case t.is(kwSET) && p.peekKw(1, kwSERDE):
		p.next()
		p.next()
		a := &ast.AlterSetSerde{Set: t.Pos}
		a.Serde = p.parseStringLitValue()
		if p.atKw(kwWITH) && p.peekKw(1, kwSERDEPROPERTIES) {
			p.next()
			p.next()
			a.Props = p.parsePropertyList()
		}
		a.EndPos = p.prevEnd()
		p.requirePartitionValues(st.Partition)
		return a
	case t.is(kwSET) && p.peekKw(1, kwSERDEPROPERTIES):
		p.next()
		p.next()
		a := &ast.AlterSetSerde{Set: t.Pos}
		a.Props = p.parsePropertyList()
		a.EndPos = p.prevEnd()
		p.requirePartitionValues(st.Partition)
		return a
	case t.is(kwSET) && p.peekKw(1, kwLOCATION):
		p.next()
		p.next()
		a := &ast.AlterSetLocation{Set: t.Pos, Location: p.parseStringLitValue()}
		p.requirePartitionValues(st.Partition)
		return a
	case st.Partition != nil && t.is(kwRENAME) && p.peekKw(1, kwTO):
		p.next()
		p.next()
		a := &ast.AlterRenamePartition{Rename: t.Pos, To: p.parsePartitionSpec()}
		p.requirePartitionValues(st.Partition)
		p.requirePartitionValues(a.To)
		return a
	}
	p.failAfterVerb()
	return nil
}

// parseAlterRename parses RENAME TO name.
func (p *parser) parseAlterRename() ast.AlterAction {
	a := &ast.AlterRename{Rename: p.next().Pos}
	p.expectKw(kwTO)
	a.To = p.parseMultipartIdent()
	return a
}

// parseAlterTblProperties parses SET TBLPROPERTIES (...) or UNSET
// TBLPROPERTIES [IF EXISTS] (...).
func (p *parser) parseAlterTblProperties(st *ast.AlterTable) ast.AlterAction {
	t := p.next()
	p.next()
	a := &ast.AlterSetProperties{Set: t.Pos, Unset: t.is(kwUNSET)}
	if a.Unset {
		a.IfExists = p.acceptIfExists()
	}
	a.Props = p.parsePropertyList()
	a.EndPos = p.prevEnd()
	p.checkTableProps(a.Props, st.Alter)
	return a
}

// checkTableProps rejects the reserved table properties, which have
// clauses of their own.
func (p *parser) checkTableProps(props []*ast.Property, start ast.Pos) {
	for _, pr := range props {
		key := propertyKey(pr)
		msg := ""
		switch key {
		case "provider":
			msg = "please use the USING clause to specify it"
		case "location":
			msg = "please use the LOCATION clause to specify it"
		case "owner":
			msg = "it will be set to the current user"
		case "external":
			msg = "please use CREATE EXTERNAL TABLE"
		case "collation":
			msg = "please use the DEFAULT COLLATION clause to specify it"
		case "is_managed_location", "table_type":
			msg = "please remove it from the TBLPROPERTIES list."
		default:
			continue
		}
		p.deferStmt("UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY", start, "property", key, "msg", msg)
		return
	}
}

// parseAlterAddColumns parses ADD COLUMN|COLUMNS [(] col ..., ... [)].
func (p *parser) parseAlterAddColumns() ast.AlterAction {
	a := &ast.AlterAddColumns{Add: p.next().Pos}
	p.next()
	paren := p.at(LeftParen)
	if paren {
		p.next()
	}
	for {
		a.Columns = append(a.Columns, p.parseQualifiedColType("ADD"))
		if !p.accept(Comma) {
			break
		}
	}
	if paren {
		p.expectClose()
	}
	a.EndPos = p.prevEnd()
	return a
}

// parseQualifiedColType parses Spark's qualifiedColTypeWithPosition:
// a.b type followed by NOT NULL, DEFAULT expr, COMMENT 'c', FIRST or
// AFTER col in any order, each at most once.
func (p *parser) parseQualifiedColType(alterType string) *ast.ColumnDef {
	cd := &ast.ColumnDef{Name: p.parseMultipartIdent()}
	cd.Type = p.parseDataType()
	name := cd.Name[len(cd.Name)-1].Name
	dup := func(option string, start ast.Pos) {
		p.deferError(newError("ALTER_TABLE_COLUMN_DESCRIPTOR_DUPLICATE", start, p.prevEnd(),
			"type", alterType, "columnName", name, "optionName", option))
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
		case t.is(kwCOMMENT):
			p.next()
			had := cd.Comment != nil
			cd.Comment = p.parseStringLitValue()
			if had {
				dup("COMMENT", t.Pos)
			}
		case t.is(kwFIRST), t.is(kwAFTER):
			had := cd.Position != nil
			cd.Position = p.parseColumnPosition()
			if had {
				dup("FIRST|AFTER", t.Pos)
			}
		default:
			cd.EndPos = p.prevEnd()
			return cd
		}
	}
}

// parseColumnPosition parses FIRST or AFTER col.
func (p *parser) parseColumnPosition() *ast.ColumnPosition {
	t := p.next()
	cp := &ast.ColumnPosition{PosKw: t.Pos}
	if t.is(kwAFTER) {
		cp.After = p.parseErrorCapturingIdent()
	}
	cp.EndPos = p.prevEnd()
	return cp
}

// parseAlterColumns parses ALTER|CHANGE [COLUMN] col action, ...
func (p *parser) parseAlterColumns(start ast.Pos) ast.AlterAction {
	t := p.next()
	a := &ast.AlterColumns{Verb: strings.ToUpper(p.text(t)), VerbPos: t.Pos}
	p.acceptKw(kwCOLUMN)
	for {
		spec := &ast.AlterColumnSpec{Column: p.parseMultipartIdent()}
		p.parseAlterColumnAction(spec)
		spec.EndPos = p.prevEnd()
		a.Specs = append(a.Specs, spec)
		if !p.accept(Comma) {
			break
		}
	}
	a.EndPos = p.prevEnd()
	for _, s := range a.Specs {
		if s.Type == nil && s.Comment == nil && s.Position == nil && !s.SetNotNull && !s.DropNotNull &&
			s.Default == nil && !s.DropDefault {
			p.deferError(newError("_LEGACY_ERROR_TEMP_0035", start, a.EndPos, "message",
				"ALTER TABLE table "+a.Verb+" COLUMN requires a TYPE, a SET/DROP, a COMMENT, or a FIRST/AFTER"))
			break
		}
	}
	return a
}

// parseAlterColumnAction parses the optional action of one column: TYPE
// type, COMMENT 'c', FIRST|AFTER col, SET|DROP NOT NULL, SET DEFAULT e,
// DROP DEFAULT.
func (p *parser) parseAlterColumnAction(s *ast.AlterColumnSpec) {
	t := p.tok()
	switch {
	case t.is(kwTYPE):
		p.next()
		s.Type = p.parseDataType()
	case t.is(kwCOMMENT):
		s.Comment = p.parseCommentSpec()
	case t.is(kwFIRST), t.is(kwAFTER):
		s.Position = p.parseColumnPosition()
	case (t.is(kwSET) || t.is(kwDROP)) && (p.peekKw(1, kwNOT) || p.peek(1).Kind == Bang) && p.peekKw(2, kwNULL):
		p.next()
		if b := p.next(); b.Kind == Bang {
			p.blockBang(b)
		}
		p.next()
		if t.is(kwSET) {
			s.SetNotNull = true
		} else {
			s.DropNotNull = true
		}
	case t.is(kwSET) && p.peekKw(1, kwDEFAULT):
		p.next()
		p.next()
		s.Default = p.parseExpr()
	case t.is(kwDROP) && p.peekKw(1, kwDEFAULT):
		p.next()
		p.next()
		s.DropDefault = true
	}
}

// parseAlterChangeColumn parses Hive's CHANGE [COLUMN] col new_col type
// [NOT NULL] [COMMENT 'c'] [FIRST|AFTER col].
func (p *parser) parseAlterChangeColumn(st *ast.AlterTable) ast.AlterAction {
	a := &ast.AlterChangeColumn{Change: p.expectKw(kwCHANGE).Pos}
	p.acceptKw(kwCOLUMN)
	a.Column = p.parseMultipartIdent()
	a.NewDef = p.parseColumnDef(false)
	if p.atKw(kwFIRST) || p.atKw(kwAFTER) {
		a.Position = p.parseColumnPosition()
	}
	a.EndPos = p.prevEnd()
	switch {
	case st.Partition != nil:
		p.deferStmt("INVALID_STATEMENT_OR_CLAUSE", st.Alter, "operation", "ALTER TABLE ... PARTITION ... CHANGE COLUMN")
	case !strings.EqualFold(a.Column[len(a.Column)-1].Name, a.NewDef.Name[0].Name):
		p.deferStmt("_LEGACY_ERROR_TEMP_0034", st.Alter, "operation", "Renaming column",
			"command", "ALTER COLUMN", "msg", ", please run RENAME COLUMN instead")
	case a.NewDef.NotNull:
		p.deferStmt("_LEGACY_ERROR_TEMP_0034", st.Alter, "operation", "NOT NULL",
			"command", "ALTER COLUMN", "msg", ", please run ALTER COLUMN ... SET/DROP NOT NULL instead")
	}
	return a
}

// parseAlterReplaceColumns parses REPLACE COLUMNS (col type ..., ...).
func (p *parser) parseAlterReplaceColumns(st *ast.AlterTable) ast.AlterAction {
	a := &ast.AlterReplaceColumns{Replace: p.next().Pos}
	p.next()
	p.expect(LeftParen)
	mark := len(p.deferred)
	for {
		a.Columns = append(a.Columns, p.parseQualifiedColType("REPLACE"))
		if !p.accept(Comma) {
			break
		}
	}
	p.expectClose()
	a.EndPos = p.prevEnd()
	// Spark checks the options of each column itself; only a duplicate
	// COMMENT is reported as a duplicate.
	var dups []*Error
	for _, e := range p.deferred[mark:] {
		if e.Class == "ALTER_TABLE_COLUMN_DESCRIPTOR_DUPLICATE" && e.Params["optionName"] != "COMMENT" {
			continue
		}
		dups = append(dups, e)
	}
	p.deferred = append(p.deferred[:mark], dups...)
	if st.Partition != nil {
		p.deferStmt("INVALID_STATEMENT_OR_CLAUSE", st.Alter, "operation", "ALTER TABLE ... PARTITION ... REPLACE COLUMNS")
		return a
	}
	for _, cd := range a.Columns {
		op := ""
		switch {
		case len(cd.Name) > 1:
			op = "Replacing with a nested column"
		case cd.NotNull:
			op = "NOT NULL"
		case cd.Position != nil:
			op = "Column position"
		case cd.Default != nil:
			p.deferStmt("UNSUPPORTED_DEFAULT_VALUE.WITHOUT_SUGGESTION", st.Alter)
			return a
		default:
			continue
		}
		p.deferStmt("_LEGACY_ERROR_TEMP_0034", st.Alter, "operation", op, "command", "REPLACE COLUMNS", "msg", "")
		return a
	}
	return a
}

// parseAlterAddPartitions parses ADD [IF NOT EXISTS] PARTITION (...)
// [LOCATION 'p'] ...
func (p *parser) parseAlterAddPartitions(st *ast.AlterTable) ast.AlterAction {
	a := &ast.AlterAddPartitions{Add: p.next().Pos}
	a.IfNotExists = p.acceptIfNotExists()
	for {
		pl := &ast.PartitionLocation{Spec: p.parsePartitionSpec()}
		if p.acceptKw(kwLOCATION) {
			pl.Location = p.parseStringLitValue()
		}
		a.Partitions = append(a.Partitions, pl)
		if !p.atKw(kwPARTITION) {
			break
		}
	}
	a.EndPos = p.prevEnd()
	if !st.View {
		for _, pl := range a.Partitions {
			p.requirePartitionValues(pl.Spec)
		}
	}
	return a
}

// parseAlterDropPartitions parses DROP [IF EXISTS] PARTITION (...), ... [PURGE].
func (p *parser) parseAlterDropPartitions() ast.AlterAction {
	a := &ast.AlterDropPartitions{Drop: p.next().Pos}
	a.IfExists = p.acceptIfExists()
	for {
		a.Partitions = append(a.Partitions, p.parsePartitionSpec())
		if !p.accept(Comma) {
			break
		}
	}
	a.Purge = p.acceptKw(kwPURGE)
	a.EndPos = p.prevEnd()
	return a
}
