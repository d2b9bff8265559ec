package parser

import (
	"regexp"
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// This file parses namespaces (CREATE/ALTER/DROP DATABASE|SCHEMA|NAMESPACE),
// functions (CREATE [TEMPORARY] FUNCTION, SQL functions, DROP FUNCTION),
// temporary views over data sources, indexes, declarative pipeline
// datasets and flows, and the smaller commands: SET CATALOG, COMMENT ON,
// LOAD DATA, REPAIR TABLE, ADD/LIST resources, CALL, and the Hive commands
// Spark only recognizes to reject.

// deferStmt records an error Spark raises while building the statement
// that starts at start (its ParserRuleContext spans start..the last token).
func (p *parser) deferStmt(class string, start ast.Pos, params ...string) {
	p.deferError(newError(class, start, p.prevEnd(), params...))
}

// atNamespaceKw reports NAMESPACE, DATABASE or SCHEMA at the token n ahead.
func (p *parser) atNamespaceKw(n int) bool {
	t := p.peek(n)
	return t.is(kwNAMESPACE) || t.is(kwDATABASE) || t.is(kwSCHEMA)
}

// parseCommentSpec parses COMMENT stringLit.
func (p *parser) parseCommentSpec() *ast.Literal {
	p.expectKw(kwCOMMENT)
	return p.parseStringLitValue()
}

// parseCollationSpec parses DEFAULT COLLATION name.
func (p *parser) parseCollationSpec() *ast.Ident {
	p.expectKw(kwDEFAULT)
	p.expectKw(kwCOLLATION)
	return p.parseIdent(false)
}

// atCollationSpec reports DEFAULT COLLATION at the current token.
func (p *parser) atCollationSpec() bool {
	return p.atKw(kwDEFAULT) && p.peekKw(1, kwCOLLATION)
}

// Namespaces.

// parseCreateNamespace parses CREATE namespace [IF NOT EXISTS] name
// clauses; CREATE has been consumed.
func (p *parser) parseCreateNamespace(start ast.Pos) ast.Statement {
	st := &ast.CreateNamespace{Create: start, Kind: strings.ToUpper(p.text(p.next()))}
	st.IfNotExists = p.acceptIfNotExists()
	st.Name, st.NameExpr = p.parseIdentifierReference()
	c := clauseCounter{p: p}
	props, dbprops := false, false
	for {
		t := p.tok()
		switch {
		case t.is(kwCOMMENT):
			st.Comment = p.parseCommentSpec()
			c.once("COMMENT", t.Pos, p.prevEnd())
		case t.is(kwLOCATION):
			p.next()
			st.Location = p.parseStringLitValue()
			c.once("LOCATION", t.Pos, p.prevEnd())
		case p.atCollationSpec():
			st.Collation = p.parseCollationSpec()
			c.once("DEFAULT COLLATION", t.Pos, p.prevEnd())
		case t.is(kwWITH) && (p.peekKw(1, kwDBPROPERTIES) || p.peekKw(1, kwPROPERTIES)):
			p.next()
			kw := p.next()
			st.Props = p.parsePropertyList()
			if kw.is(kwDBPROPERTIES) {
				st.DBProperties = true
				dbprops = true
				c.once("WITH DBPROPERTIES", t.Pos, p.prevEnd())
			} else {
				props = true
				c.once("WITH PROPERTIES", t.Pos, p.prevEnd())
			}
		default:
			st.EndPos = p.prevEnd()
			if props && dbprops {
				p.deferError(newError("UNSUPPORTED_FEATURE.SET_PROPERTIES_AND_DBPROPERTIES", start, st.EndPos))
			}
			p.checkNamespaceProps(st.Props, start)
			return st
		}
	}
}

// checkNamespaceProps rejects the reserved namespace properties, which
// have clauses of their own.
func (p *parser) checkNamespaceProps(props []*ast.Property, start ast.Pos) {
	for _, pr := range props {
		key := propertyKey(pr)
		msg := ""
		switch key {
		case "location":
			msg = "please use the LOCATION clause to specify it"
		case "collation":
			msg = "please use the DEFAULT COLLATION clause to specify it"
		case "owner":
			msg = "it will be set to the current user"
		default:
			continue
		}
		p.deferStmt("UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", start, "property", key, "msg", msg)
		return
	}
}

// propertyKey returns the key of a property as Spark reads it: the
// string, or the dotted identifier.
func propertyKey(pr *ast.Property) string {
	if pr.KeyStr != nil {
		return pr.KeyStr.Value
	}
	return strings.Join(ast.NameParts(pr.Key), ".")
}

// parseAlterNamespace parses ALTER namespace name SET|UNSET
// (DB)PROPERTIES (...), SET LOCATION 'p' or DEFAULT COLLATION name.
func (p *parser) parseAlterNamespace(start ast.Pos) ast.Statement {
	st := &ast.AlterNamespace{Alter: start, Kind: strings.ToUpper(p.text(p.next()))}
	st.Name, st.NameExpr = p.parseIdentifierReference()
	switch {
	case p.atKw(kwSET) && p.peekKw(1, kwLOCATION):
		p.next()
		p.next()
		st.Location = p.parseStringLitValue()
	case p.atKw(kwSET) || p.atKw(kwUNSET):
		unset := p.next().is(kwUNSET)
		if !p.atKw(kwDBPROPERTIES) {
			p.expectKw(kwPROPERTIES)
		} else {
			p.next()
			st.DBProperties = true
		}
		props := p.parsePropertyList()
		if unset {
			st.UnsetProps = props
		} else {
			st.SetProps = props
			p.checkNamespaceProps(props, start)
		}
	case p.atCollationSpec():
		st.Collation = p.parseCollationSpec()
	default:
		p.unexpected()
	}
	st.EndPos = p.prevEnd()
	return st
}

// Functions.

// parseCreateFunction parses CREATE [OR REPLACE] [TEMPORARY] FUNCTION
// [IF NOT EXISTS] name, followed by AS 'class' [USING resources] or an SQL
// function's parameters, RETURNS, characteristics and RETURN.
func (p *parser) parseCreateFunction(start ast.Pos, orReplace bool) ast.Statement {
	st := &ast.CreateFunction{Create: start, OrReplace: orReplace}
	st.Temporary = p.acceptKw(kwTEMPORARY)
	p.expectKw(kwFUNCTION)
	st.IfNotExists = p.acceptIfNotExists()
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if p.atKw(kwAS) {
		p.next()
		st.ClassName = p.parseStringLitValue()
		if p.acceptKw(kwUSING) {
			for {
				r := &ast.FunctionResource{Type: p.parseIdent(false)}
				r.URI = p.parseStringLitValue()
				st.Resources = append(st.Resources, r)
				switch strings.ToLower(r.Type.Name) {
				case "jar", "file", "archive":
				default:
					p.deferStmt("_LEGACY_ERROR_TEMP_0035", start, "message",
						"CREATE FUNCTION with resource type '"+strings.ToLower(r.Type.Name)+"'")
				}
				if !p.accept(Comma) {
					break
				}
			}
		}
		st.EndPos = p.prevEnd()
		p.checkCreateFunction(st)
		return st
	}
	st.SQL = true
	p.expect(LeftParen)
	// Spark keeps the parameter and return types as text: errors that
	// building them would raise are not reported.
	nDeferred := len(p.deferred)
	st.Params = []*ast.ColumnDef{}
	if !p.at(RightParen) {
		for {
			st.Params = append(st.Params, p.parseColumnDef(true))
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(st.Params), isRightParen)
		}
	}
	p.next()
	if p.atKw(kwRETURNS) && !(p.peekKw(1, kwNULL) && p.peekKw(2, kwON)) {
		p.next()
		if p.atKw(kwTABLE) && p.peek(1).Kind == LeftParen {
			p.next()
			p.next()
			for {
				st.ReturnsTable = append(st.ReturnsTable, p.parseColumnDef(false))
				if p.accept(Comma) {
					continue
				}
				if p.at(RightParen) {
					break
				}
				p.listEnd(len(st.ReturnsTable), isRightParen)
			}
			p.next()
		} else {
			st.Returns = p.parseDataType()
		}
	}
	p.deferred = p.deferred[:nDeferred]
	for _, cd := range st.Params {
		switch {
		case cd.Generated != nil || cd.Identity != nil:
			p.deferError(newError("INVALID_SQL_SYNTAX.CREATE_FUNC_WITH_GENERATED_COLUMNS_AS_PARAMETERS", cd.Pos(), cd.End()))
		case len(cd.Constraints) > 0:
			p.deferError(newError("INVALID_SQL_SYNTAX.CREATE_FUNC_WITH_COLUMN_CONSTRAINTS", cd.Pos(), cd.End()))
		}
	}
	p.parseRoutineCharacteristics(st)
	p.expectKw(kwRETURN)
	if p.startsQueryHere() && !(p.at(LeftParen) && !p.startsQueryAt(p.i+1)) {
		var q *ast.Query
		var e ast.Expr
		p.alt(func() {
			q = p.parseQuery()
			p.requireStatementEnd()
		}, func() {
			q = nil
			e = p.parseExpr()
			p.requireStatementEnd()
		})
		st.ReturnQuery, st.ReturnExpr = q, e
	} else {
		st.ReturnExpr = p.parseExpr()
	}
	st.EndPos = p.prevEnd()
	p.checkCreateFunction(st)
	return st
}

// checkCreateFunction makes the checks Spark makes on CREATE FUNCTION.
func (p *parser) checkCreateFunction(st *ast.CreateFunction) {
	start := st.Create
	if st.IfNotExists && st.OrReplace {
		p.deferStmt("INVALID_SQL_SYNTAX.CREATE_ROUTINE_WITH_IF_NOT_EXISTS_AND_REPLACE", start)
		return
	}
	if !st.Temporary || st.NameExpr != nil {
		return
	}
	if st.IfNotExists {
		p.deferStmt("INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS", start)
		return
	}
	switch n := len(st.Name); {
	case n > 2:
		p.deferStmt("INVALID_SQL_SYNTAX.MULTI_PART_NAME", start,
			"statement", "CREATE TEMPORARY FUNCTION", "name", toSQLID(ast.NameParts(st.Name)...))
	case n == 2:
		p.deferStmt("INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_DATABASE", start,
			"database", toSQLID(st.Name[0].Name))
	}
}

// parseRoutineCharacteristics parses the characteristics of an SQL
// function in any order, each kind at most once.
func (p *parser) parseRoutineCharacteristics(st *ast.CreateFunction) {
	c := clauseCounter{p: p}
	for {
		t := p.tok()
		rc := &ast.RoutineCharacteristic{StartPos: t.Pos}
		var clause, text string
		switch {
		case t.is(kwLANGUAGE):
			p.next()
			clause = "LANGUAGE"
			if p.acceptKw(kwSQL) {
				text = "LANGUAGE SQL"
			} else {
				id := p.tok()
				if id.Kind != Ident {
					p.unexpected()
				}
				rc.Name = p.parseIdent(false)
				text = "LANGUAGE"
				p.deferError(newError("_LEGACY_ERROR_TEMP_0035", id.Pos, id.End, "message",
					"Unsupported language for user defined functions: "+p.text(id)))
			}
		case t.is(kwSPECIFIC):
			p.next()
			clause, text = "SPECIFIC", "SPECIFIC"
			rc.Name = p.parseErrorCapturingIdent()
			p.deferError(newError("_LEGACY_ERROR_TEMP_0035", t.Pos, p.prevEnd(), "message",
				"SQL function with SPECIFIC name is not supported"))
		case t.is(kwDETERMINISTIC):
			p.next()
			clause, text = "DETERMINISTIC", "DETERMINISTIC"
		case (t.is(kwNOT) || t.Kind == Bang) && p.peekKw(1, kwDETERMINISTIC):
			if p.next().Kind == Bang {
				p.blockBang(t)
			}
			p.next()
			clause, text = "DETERMINISTIC", "NOT DETERMINISTIC"
		case t.is(kwNO) && p.peekKw(1, kwSQL):
			p.next()
			p.next()
			clause, text = "SQL DATA ACCESS", "NO SQL"
			p.deferError(newError("_LEGACY_ERROR_TEMP_0035", t.Pos, p.prevEnd(), "message",
				"SQL function with NO SQL is not supported"))
		case t.is(kwCONTAINS) && p.peekKw(1, kwSQL):
			p.next()
			p.next()
			clause, text = "SQL DATA ACCESS", "CONTAINS SQL"
		case (t.is(kwREADS) || t.is(kwMODIFIES)) && p.peekKw(1, kwSQL):
			p.next()
			p.next()
			p.expectKw(kwDATA)
			clause, text = "SQL DATA ACCESS", strings.ToUpper(p.text(t))+" SQL DATA"
			if t.is(kwMODIFIES) {
				p.deferError(newError("_LEGACY_ERROR_TEMP_0035", t.Pos, p.prevEnd(), "message",
					"SQL function with MODIFIES SQL DATA is not supported"))
			}
		case t.is(kwRETURNS) && p.peekKw(1, kwNULL):
			p.next()
			p.next()
			p.expectKw(kwON)
			p.expectKw(kwNULL)
			p.expectKw(kwINPUT)
			clause, text = "NULL CALL", "RETURNS NULL ON NULL INPUT"
			p.deferError(newError("_LEGACY_ERROR_TEMP_0035", t.Pos, p.prevEnd(), "message",
				"SQL function with RETURNS NULL ON NULL INPUT is not supported"))
		case t.is(kwCALLED):
			p.next()
			p.expectKw(kwON)
			p.expectKw(kwNULL)
			p.expectKw(kwINPUT)
			clause, text = "NULL CALL", "CALLED ON NULL INPUT"
		case t.is(kwCOMMENT):
			st.Comment = p.parseCommentSpec()
			c.once("COMMENT", t.Pos, p.prevEnd())
			continue
		case t.is(kwSQL) && p.peekKw(1, kwSECURITY):
			p.next()
			p.next()
			k := p.tok()
			if !k.is(kwINVOKER) && !k.is(kwDEFINER) {
				p.unexpected()
			}
			p.next()
			clause, text = "SQL SECURITY RIGHTS", "SQL SECURITY "+strings.ToUpper(p.text(k))
			if k.is(kwINVOKER) {
				p.deferError(newError("_LEGACY_ERROR_TEMP_0035", t.Pos, p.prevEnd(), "message",
					"SQL function with SQL SECURITY INVOKER is not supported"))
			}
		default:
			return
		}
		rc.Text = text
		rc.EndPos = p.prevEnd()
		st.Characteristics = append(st.Characteristics, rc)
		c.once(clause, st.Create, p.prevEnd())
	}
}

// parseDropFunction parses DROP [TEMPORARY] FUNCTION [IF EXISTS] name;
// DROP has been consumed.
func (p *parser) parseDropFunction(st *ast.Drop) ast.Statement {
	st.Kind = ast.DropFunction
	st.Temporary = p.acceptKw(kwTEMPORARY)
	p.expectKw(kwFUNCTION)
	st.IfExists = p.acceptIfExists()
	st.Name, st.NameExpr = p.parseIdentifierReference()
	st.EndPos = p.prevEnd()
	if st.Temporary && len(st.Name) > 1 {
		p.deferStmt("INVALID_SQL_SYNTAX.MULTI_PART_NAME", st.Drop,
			"statement", "DROP TEMPORARY FUNCTION", "name", toSQLID(ast.NameParts(st.Name)...))
	}
	return st
}

// Temporary views over data sources.

// parseCreateTempViewUsing parses the rest of CREATE [OR REPLACE] [GLOBAL]
// TEMPORARY VIEW name [(col type, ...)] USING provider [OPTIONS (...)],
// from the name on.
func (p *parser) parseCreateTempViewUsing(start ast.Pos, orReplace, global bool) ast.Statement {
	st := &ast.CreateTempViewUsing{Create: start, OrReplace: orReplace, Global: global}
	st.Name = p.parseTableIdentifier()
	if p.at(LeftParen) {
		p.next()
		for {
			st.Columns = append(st.Columns, p.parseColumnDef(false))
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
	p.expectKw(kwUSING)
	st.Using = p.parseMultipartIdent()
	if p.acceptKw(kwOPTIONS) {
		st.Options = p.parsePropertyList()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseTableIdentifier parses Spark's tableIdentifier: [db.]name.
func (p *parser) parseTableIdentifier() []*ast.Ident {
	name := []*ast.Ident{p.parseErrorCapturingIdent()}
	if p.accept(Dot) {
		name = append(name, p.parseErrorCapturingIdent())
	}
	return name
}

// Indexes.

// parseCreateIndex parses CREATE INDEX ...; CREATE has been consumed.
func (p *parser) parseCreateIndex(start ast.Pos) ast.Statement {
	st := &ast.CreateIndex{Create: start}
	p.expectKw(kwINDEX)
	st.IfNotExists = p.acceptIfNotExists()
	st.Index = p.parseIdent(false)
	p.expectKw(kwON)
	p.acceptKw(kwTABLE)
	st.Table, st.TableExpr = p.parseIdentifierReference()
	if p.acceptKw(kwUSING) {
		st.Using = p.parseIdent(false)
	}
	p.expect(LeftParen)
	for {
		ic := &ast.IndexColumn{Name: p.parseMultipartIdent()}
		if p.acceptKw(kwOPTIONS) {
			ic.Options = p.parsePropertyList()
		}
		ic.EndPos = p.prevEnd()
		st.Columns = append(st.Columns, ic)
		if !p.accept(Comma) {
			break
		}
	}
	p.expectClose()
	if p.acceptKw(kwOPTIONS) {
		st.Options = p.parsePropertyList()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseDropIndex parses DROP INDEX [IF EXISTS] name ON [TABLE] table.
func (p *parser) parseDropIndex(start ast.Pos) ast.Statement {
	st := &ast.DropIndex{Drop: start}
	p.expectKw(kwINDEX)
	st.IfExists = p.acceptIfExists()
	st.Index = p.parseIdent(false)
	p.expectKw(kwON)
	p.acceptKw(kwTABLE)
	st.Table, st.TableExpr = p.parseIdentifierReference()
	st.EndPos = p.prevEnd()
	return st
}

// Declarative pipelines.

// parseCreatePipelineDataset parses CREATE MATERIALIZED VIEW | STREAMING
// TABLE [IF NOT EXISTS] name [(elements)] [USING provider] clauses [AS
// query]; CREATE has been consumed.
func (p *parser) parseCreatePipelineDataset(start ast.Pos) ast.Statement {
	st := &ast.CreatePipelineDataset{Create: start}
	if p.acceptKw(kwSTREAMING) {
		st.Streaming = true
		p.expectKw(kwTABLE)
	} else {
		p.expectKw(kwMATERIALIZED)
		p.expectKw(kwVIEW)
	}
	ct := &ast.CreateTable{Create: start}
	ct.IfNotExists = p.acceptIfNotExists()
	ct.Name, ct.NameExpr = p.parseIdentifierReference()
	if p.at(LeftParen) {
		p.next()
		if !p.at(RightParen) {
			p.parseTableElements(ct)
		}
		p.expect(RightParen)
	}
	if p.acceptKw(kwUSING) {
		ct.Using = p.parseMultipartIdent()
	}
	p.parseCreateTableClauses(ct)
	if p.acceptKw(kwAS) {
		ct.Query = p.parseQuery()
	}
	ct.EndPos = p.prevEnd()
	st.Table = ct
	st.EndPos = ct.EndPos
	return st
}

// parseCreateFlow parses CREATE FLOW name [COMMENT 'c'] AS INSERT ...
func (p *parser) parseCreateFlow(start ast.Pos) ast.Statement {
	st := &ast.CreateFlow{Create: start}
	p.expectKw(kwFLOW)
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if p.atKw(kwCOMMENT) {
		st.Comment = p.parseCommentSpec()
	}
	p.expectKw(kwAS)
	ins := p.parseInsert(nil)
	st.Insert = ins.(*ast.Insert)
	st.EndPos = p.prevEnd()
	return st
}

// Smaller commands.

// parseSetCatalog parses SET CATALOG name|'name'|IDENTIFIER(expr); SET
// has been consumed.
func (p *parser) parseSetCatalog(set ast.Pos) ast.Statement {
	st := &ast.SetCatalog{Set: set}
	p.expectKw(kwCATALOG)
	switch {
	case p.atKw(kwIDENTIFIER_KW) && p.peek(1).Kind == LeftParen:
		_, st.NameExpr = p.parseIdentifierReference()
	case p.isStringTok(p.tok()):
		st.NameStr = p.parseStringLitValue()
	default:
		st.Name = p.parseErrorCapturingIdent()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseCommentOn parses COMMENT ON TABLE|namespace name IS 'text'|NULL.
func (p *parser) parseCommentOn() ast.Statement {
	st := &ast.CommentOn{Comment: p.next().Pos}
	p.expectKw(kwON)
	if p.atKw(kwTABLE) || p.atNamespaceKw(0) {
		st.Kind = strings.ToUpper(p.text(p.next()))
	} else {
		p.unexpected()
	}
	st.Name, st.NameExpr = p.parseIdentifierReference()
	p.expectKw(kwIS)
	if t := p.tok(); t.is(kwNULL) {
		p.next()
		st.Text = &ast.Literal{Kind: ast.NullLit, ValuePos: t.Pos, ValueEnd: t.End, Raw: p.text(t), Type: ast.TypeNull}
	} else {
		st.Text = p.parseStringLitValue()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseLoadData parses LOAD DATA [LOCAL] INPATH 'path' [OVERWRITE] INTO
// TABLE name [PARTITION (...)].
func (p *parser) parseLoadData() ast.Statement {
	st := &ast.LoadData{Load: p.next().Pos}
	p.expectKw(kwDATA)
	st.Local = p.acceptKw(kwLOCAL)
	p.expectKw(kwINPATH)
	st.Path = p.parseStringLitValue()
	st.Overwrite = p.acceptKw(kwOVERWRITE)
	p.expectKw(kwINTO)
	p.expectKw(kwTABLE)
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if p.atKw(kwPARTITION) {
		st.Partition = p.parsePartitionSpec()
	}
	st.EndPos = p.prevEnd()
	return st
}

// parseRepairTable parses [MSCK] REPAIR TABLE name [ADD|DROP|SYNC PARTITIONS].
func (p *parser) parseRepairTable() ast.Statement {
	t := p.next()
	st := &ast.RepairTable{Repair: t.Pos, Msck: t.is(kwMSCK)}
	if st.Msck {
		p.expectKw(kwREPAIR)
	}
	p.expectKw(kwTABLE)
	st.Name, st.NameExpr = p.parseIdentifierReference()
	if o := p.tok(); (o.is(kwADD) || o.is(kwDROP) || o.is(kwSYNC)) && p.peekKw(1, kwPARTITIONS) {
		p.next()
		p.next()
		st.Option = strings.ToUpper(p.text(o))
	}
	st.EndPos = p.prevEnd()
	return st
}

// resourcePathRe is Spark's pattern for the paths of ADD/LIST: quoted
// strings or runs of characters other than spaces and quotes.
var resourcePathRe = regexp.MustCompile(`".*?[^\\]"|'.*?[^\\]'|[^ \n\r\t"']+`)

// parseManageResource parses ADD|LIST type paths...: the rest of the
// statement is text.
func (p *parser) parseManageResource() ast.Statement {
	op := p.next()
	st := &ast.ManageResource{Op: op.Pos, List: op.is(kwLIST)}
	st.Type = p.parseIdent(false)
	raw := trimJava(p.remainderAfter(p.prevEnd()))
	p.skipToEnd()
	st.EndPos = p.prevEnd()
	for _, m := range resourcePathRe.FindAllString(raw, -1) {
		if m[0] == '"' || m[0] == '\'' {
			m = UnescapeString(m)
		}
		st.Paths = append(st.Paths, m)
	}
	kind := strings.ToLower(st.Type.Name)
	switch kind {
	case "file", "files", "jar", "jars", "archive", "archives":
	default:
		verb := "ADD"
		if st.List {
			verb = "LIST"
		}
		p.deferStmt("_LEGACY_ERROR_TEMP_0035", op.Pos, "message",
			verb+" with resource type '"+kind+"'")
	}
	return st
}

// parseCall parses CALL name(args).
func (p *parser) parseCall() ast.Statement {
	st := &ast.Call{Call: p.next().Pos}
	st.Name, st.NameExpr = p.parseIdentifierReference()
	p.expect(LeftParen)
	if !p.at(RightParen) {
		for {
			st.Args = append(st.Args, p.parseFuncArg())
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(st.Args), isRightParen)
		}
	}
	p.next()
	st.EndPos = p.prevEnd()
	return st
}

// Hive commands Spark rejects.

// hiveCommand describes one of Spark's unsupportedHiveNativeCommands: its
// keywords, with kwNone standing for a table name and kwPARTITION for an
// optional partition spec.
type hiveCommand []Keyword

var hiveCommands = []hiveCommand{
	{kwCREATE, kwROLE}, {kwDROP, kwROLE}, {kwGRANT, kwROLE}, {kwGRANT}, {kwREVOKE, kwROLE}, {kwREVOKE},
	{kwSHOW, kwGRANT}, {kwSHOW, kwROLE, kwGRANT}, {kwSHOW, kwROLE}, {kwSHOW, kwPRINCIPALS},
	{kwSHOW, kwROLES}, {kwSHOW, kwCURRENT, kwROLES}, {kwEXPORT, kwTABLE}, {kwIMPORT, kwTABLE},
	{kwSHOW, kwCOMPACTIONS}, {kwSHOW, kwCREATE, kwTABLE}, {kwSHOW, kwTRANSACTIONS},
	{kwSHOW, kwINDEXES}, {kwSHOW, kwLOCKS}, {kwCREATE, kwINDEX}, {kwDROP, kwINDEX},
	{kwALTER, kwINDEX}, {kwLOCK, kwTABLE}, {kwLOCK, kwDATABASE}, {kwUNLOCK, kwTABLE},
	{kwUNLOCK, kwDATABASE}, {kwCREATE, kwTEMPORARY, kwMACRO}, {kwDROP, kwTEMPORARY, kwMACRO},
	{kwALTER, kwTABLE, kwNone, kwNOT, kwCLUSTERED}, {kwALTER, kwTABLE, kwNone, kwCLUSTERED, kwBY},
	{kwALTER, kwTABLE, kwNone, kwNOT, kwSORTED}, {kwALTER, kwTABLE, kwNone, kwSKEWED, kwBY},
	{kwALTER, kwTABLE, kwNone, kwNOT, kwSKEWED},
	{kwALTER, kwTABLE, kwNone, kwNOT, kwSTORED, kwAS, kwDIRECTORIES},
	{kwALTER, kwTABLE, kwNone, kwSET, kwSKEWED, kwLOCATION},
	{kwALTER, kwTABLE, kwNone, kwEXCHANGE, kwPARTITION},
	{kwALTER, kwTABLE, kwNone, kwARCHIVE, kwPARTITION},
	{kwALTER, kwTABLE, kwNone, kwUNARCHIVE, kwPARTITION},
	{kwALTER, kwTABLE, kwNone, kwTOUCH},
	{kwALTER, kwTABLE, kwNone, kwPARTITION, kwCOMPACT},
	{kwALTER, kwTABLE, kwNone, kwPARTITION, kwCONCATENATE},
	{kwALTER, kwTABLE, kwNone, kwPARTITION, kwSET, kwFILEFORMAT},
	{kwALTER, kwTABLE, kwNone, kwPARTITION, kwREPLACE, kwCOLUMNS},
	{kwSTART, kwTRANSACTION}, {kwCOMMIT}, {kwROLLBACK}, {kwDFS},
}

// matchHiveCommand reports the keywords of the Hive command starting at
// the current token (the longest match), without consuming anything.
func (p *parser) matchHiveCommand() (string, bool) {
	best, bestLen := "", 0
	for _, cmd := range hiveCommands {
		words, n, ok := p.matchHive(cmd)
		if ok && n > bestLen {
			best, bestLen = words, n
		}
	}
	return best, bestLen > 0
}

// matchHive matches one command at the current token and returns the
// keywords as written and how many tokens matched.
func (p *parser) matchHive(cmd hiveCommand) (string, int, bool) {
	j := p.i
	var words []string
	for _, k := range cmd {
		switch k {
		case kwNone:
			// tableIdentifier: [db.]name
			if !p.isIdent(p.tokAt(j), false) {
				return "", 0, false
			}
			j++
			if p.tokAt(j).Kind == Dot && p.isIdent(p.tokAt(j+1), false) {
				j += 2
			}
			continue
		case kwPARTITION:
			// An optional partition spec.
			if p.tokAt(j).is(kwPARTITION) && p.tokAt(j+1).Kind == LeftParen {
				if m := p.matchAt(j + 1); m > 0 {
					j = m + 1
				} else {
					return "", 0, false
				}
			}
			continue
		}
		t := p.tokAt(j)
		if !t.is(k) {
			return "", 0, false
		}
		words = append(words, p.text(t))
		j++
	}
	return strings.Join(words, " "), j - p.i, true
}

// parseHiveCommand consumes the statement as an unsupported Hive command.
func (p *parser) parseHiveCommand(words string) ast.Statement {
	st := &ast.UnsupportedCommand{StartPos: p.tok().Pos, Keywords: strings.ToUpper(words)}
	p.skipToEnd()
	st.EndPos = p.prevEnd()
	p.deferStmt("INVALID_STATEMENT_OR_CLAUSE", st.StartPos, "operation", st.Keywords)
	return st
}

// orHiveCommand parses a statement with f; if that fails and the text is
// also one of the Hive commands Spark rejects (CREATE INDEX, SHOW CREATE
// TABLE, ALTER TABLE ... REPLACE COLUMNS, ...), it is parsed as that
// command, like the catch-all alternative of Spark's grammar.
func (p *parser) orHiveCommand(f func() ast.Statement) ast.Statement {
	words, ok := p.matchHiveCommand()
	if !ok {
		return f()
	}
	var st ast.Statement
	err := p.speculate(func() {
		st = f()
		p.requireStatementEnd()
	})
	if err == nil {
		return st
	}
	return p.parseHiveCommand(words)
}
