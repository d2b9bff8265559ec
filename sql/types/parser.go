package types

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// ParseOptions carries the session settings that change how type strings are read.
type ParseOptions struct {
	// TimestampNTZ makes the bare keyword TIMESTAMP mean TIMESTAMP_NTZ, as Spark does when
	// spark.sql.timestampType is TIMESTAMP_NTZ. By default TIMESTAMP is TimestampType.
	TimestampNTZ bool
}

// ParseDataType parses one data type as Spark's CatalystSqlParser.parseDataType does:
// "int", "decimal(10, 2)", "array<int>", "map<string, array<int>>", "struct<a: int, b
// string not null comment 'x'>", "interval year to month", "string collate utf8_lcase".
// Keywords are case-insensitive and names may be back-quoted.
func ParseDataType(s string) (DataType, error) { return ParseOptions{}.ParseDataType(s) }

// ParseTableSchema parses a column list as Spark's parseTableSchema (StructType.fromDDL)
// does: "a int, b string not null comment 'c'".
func ParseTableSchema(s string) (*StructType, error) { return ParseOptions{}.ParseTableSchema(s) }

// ParseTypeString parses a schema or type string the way Spark Connect reads the DDL
// strings PySpark sends (SparkConnectPlanner.parseDatatypeString, used for
// _parse_datatype_string): as a column list, else as a single data type, else as the
// fields of a struct ("a: int, b: string" -> struct<a:int,b:string>). When all three fail
// the column-list error is returned. An error Spark does not raise as a ParseException
// (e.g. DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION) stops the fallback at once, as in Spark.
func ParseTypeString(s string) (DataType, error) { return ParseOptions{}.ParseTypeString(s) }

// ParseSchema parses a schema string with ParseTypeString's fallback rules and returns a
// struct type; a single non-struct type t becomes struct<value: t>, as Spark Connect and
// PySpark's createDataFrame do.
func ParseSchema(s string) (*StructType, error) { return ParseOptions{}.ParseSchema(s) }

// FromDDL is DataType.fromDDL: a single data type, else a column list. When both fail the
// data-type error is returned.
func FromDDL(s string) (DataType, error) { return ParseOptions{}.FromDDL(s) }

// ParseDDLOrJSON reads a schema the way Spark Connect reads LocalRelation.schema: with
// ParseTypeString, falling back to the JSON format. When both fail the DDL error is
// returned. A non-struct type t becomes struct<value: t>.
func ParseDDLOrJSON(s string) (*StructType, error) { return ParseOptions{}.ParseDDLOrJSON(s) }

// ParseDataType is the package function ParseDataType with these options.
func (o ParseOptions) ParseDataType(s string) (DataType, error) {
	dt, err := o.parse(s, false)
	if err != nil {
		return nil, err
	}
	return dt, nil
}

// ParseTableSchema is the package function ParseTableSchema with these options.
func (o ParseOptions) ParseTableSchema(s string) (*StructType, error) {
	dt, err := o.parse(s, true)
	if err != nil {
		return nil, err
	}
	return dt.(*StructType), nil
}

// ParseTypeString is the package function ParseTypeString with these options.
func (o ParseOptions) ParseTypeString(s string) (DataType, error) {
	st, err := o.parse(s, true)
	if err == nil {
		return st, nil
	}
	if err.Exception != ExceptionParse {
		return nil, err
	}
	dt, err2 := o.parse(s, false)
	if err2 == nil {
		return dt, nil
	}
	if err2.Exception != ExceptionParse {
		return nil, err2
	}
	dt, err3 := o.parse("struct<"+strings.TrimFunc(s, isJavaTrimmed)+">", false)
	if err3 == nil {
		return dt, nil
	}
	if err3.Exception != ExceptionParse {
		return nil, err3
	}
	return nil, err
}

// ParseSchema is the package function ParseSchema with these options.
func (o ParseOptions) ParseSchema(s string) (*StructType, error) {
	dt, err := o.ParseTypeString(s)
	if err != nil {
		return nil, err
	}
	return asSchema(dt), nil
}

// FromDDL is the package function FromDDL with these options.
func (o ParseOptions) FromDDL(s string) (DataType, error) {
	dt, err := o.parse(s, false)
	if err == nil {
		return dt, nil
	}
	st, err2 := o.parse(s, true)
	if err2 == nil {
		return st, nil
	}
	return nil, fallbackFailure(s, err)
}

// ParseDDLOrJSON is the package function ParseDDLOrJSON with these options.
func (o ParseOptions) ParseDDLOrJSON(s string) (*StructType, error) {
	dt, err := o.ParseTypeString(s)
	if err == nil {
		return asSchema(dt), nil
	}
	if jdt, jerr := ParseJSON(s); jerr == nil {
		return asSchema(jdt), nil
	}
	return nil, fallbackFailure(s, err.(*Error))
}

// fallbackFailure is the end of DataType.parseTypeWithFallback when both parsers failed:
// the first error if it has an error class, else INVALID_SCHEMA.PARSE_ERROR.
func fallbackFailure(schema string, first *Error) *Error {
	if first.Class != "" {
		return first
	}
	return newError(ExceptionAnalysis, "INVALID_SCHEMA.PARSE_ERROR", map[string]string{
		"inputSchema": `"` + schema + `"`, "reason": first.SparkMessage()})
}

func asSchema(dt DataType) *StructType {
	if st, ok := dt.(*StructType); ok {
		return st
	}
	return &StructType{Fields: []StructField{{Name: "value", DataType: dt, Nullable: true}}}
}

// isJavaTrimmed is what Java's String.trim removes.
func isJavaTrimmed(r rune) bool { return r <= ' ' }

// maxTypeDepth bounds the nesting of types, where the JVM parser would overflow its stack.
const maxTypeDepth = 1000

// parser is a recursive-descent reading of the grammar rules singleDataType,
// singleTableSchema, dataType, colTypeList and complexColTypeList of SqlBaseParser.g4.
// Syntax errors are reported as ANTLR with Spark's error strategy reports them: a failed
// decision reports the current token; a failed token match reports "extra input" when
// dropping the current token would fix it, "missing X" when inserting X would, and the
// current token otherwise. Errors Spark's AST builder raises (unsupported types, decimal
// bounds, interval ranges) are reported only once the whole text has parsed, in the order
// the builder visits the tree.
type parser struct {
	opts     ParseOptions
	input    string
	toks     []token
	pos      int
	deferred *Error
	depth    int
}

// abort unwinds the parser with the first syntax error.
type abort struct{ err *Error }

func (o ParseOptions) parse(s string, tableSchema bool) (dt DataType, err *Error) {
	lx := lex(s)
	p := &parser{opts: o, input: s, toks: lx.toks}
	defer func() {
		if r := recover(); r != nil {
			a, ok := r.(abort)
			if !ok {
				panic(r)
			}
			dt, err = nil, a.err
		}
		if err != nil && err.Exception == ExceptionParse {
			err.Query = s
			if err.Class == "PARSE_SYNTAX_ERROR" && strings.TrimFunc(s, isJavaTrimmed) == "" {
				e := newError(ExceptionParse, "PARSE_EMPTY_STATEMENT", nil)
				e.Line, e.Column, e.Offset, e.Query = err.Line, err.Column, err.Offset, s
				err = e
			}
		}
	}()
	if tableSchema {
		fields := p.colTypeList()
		p.matchEOF()
		dt = &StructType{Fields: fields}
	} else {
		dt = p.dataType(sEOF)
		p.matchEOF()
	}
	if lx.unclosed >= 0 {
		// Spark reports the comment's start index where the line number belongs, so the
		// message shows no usable position.
		e := newError(ExceptionParse, "UNCLOSED_BRACKETED_COMMENT", nil)
		e.Offset = lx.unclosed
		return nil, e
	}
	if p.deferred != nil {
		return nil, p.deferred
	}
	return dt, nil
}

// --- token sets -------------------------------------------------------------------------

// tset is a set of token classes, used for the lookahead checks of error recovery.
type tset uint32

const (
	sEOF tset = 1 << iota
	sWord
	sBackq
	sGT
	sComma
	sRParen
	sInteger
	sNot
	sBang
	sComment
	sNull
	sMonth
	sHour
	sMinute
	sSecond
)

// identStart is FIRST(identifier), which is also FIRST(dataType): every keyword is
// non-reserved in Spark's default mode, so any word can be a name or a type.
const identStart = sWord | sBackq

func (t token) classes() tset {
	switch t.kind {
	case tkEOF:
		return sEOF
	case tkBackquoted:
		return sBackq
	case tkGT:
		return sGT
	case tkComma:
		return sComma
	case tkRParen:
		return sRParen
	case tkInteger:
		return sInteger
	case tkBang:
		return sBang
	case tkWord:
		s := sWord
		switch t.upper {
		case "NOT":
			s |= sNot
		case "COMMENT":
			s |= sComment
		case "NULL":
			s |= sNull
		case "MONTH":
			s |= sMonth
		case "HOUR":
			s |= sHour
		case "MINUTE":
			s |= sMinute
		case "SECOND":
			s |= sSecond
		}
		return s
	}
	return 0
}

func (p *parser) la(k int) token {
	i := p.pos + k - 1
	if i >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[i]
}

func (p *parser) next() token {
	t := p.toks[p.pos]
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	return t
}

func (p *parser) isWord(k int, upperText string) bool {
	t := p.la(k)
	return t.kind == tkWord && t.upper == upperText
}

// --- errors -----------------------------------------------------------------------------

func (p *parser) errorAt(t token, class string, params map[string]string) *Error {
	e := newError(ExceptionParse, class, params)
	e.Line, e.Column, e.Offset = t.line, t.col, t.start
	return e
}

func (p *parser) fail(e *Error) { panic(abort{e}) }

func (p *parser) syntaxError(t token, hint string) {
	p.fail(p.errorAt(t, "PARSE_SYNTAX_ERROR", map[string]string{"error": t.errorDisplay(), "hint": hint}))
}

// noViableAlt reports a failed decision at the current token.
func (p *parser) noViableAlt() { p.syntaxError(p.la(1), "") }

// defer records an error of the AST builder; the first one wins.
func (p *parser) defer_(e *Error) {
	if p.deferred == nil {
		p.deferred = e
	}
}

// recoverMatch is DefaultErrorStrategy.recoverInline for a failed match of a token in
// `expected`, whose display is expectedDisplay; followAfter is what may follow the matched
// token in the current context.
func (p *parser) recoverMatch(expected tset, expectedDisplay string, followAfter tset) {
	cur := p.la(1)
	if p.la(2).classes()&expected != 0 && cur.kind != tkEOF {
		p.syntaxError(cur, ": extra input "+cur.errorDisplay())
	}
	if cur.classes()&followAfter != 0 {
		p.syntaxError(cur, ": missing "+expectedDisplay)
	}
	p.syntaxError(cur, "")
}

// syncBlock is DefaultErrorStrategy.sync at a block or loop entry whose possible tokens
// are `next` and which cannot be skipped: dropping one token may recover, else the current
// token is reported.
func (p *parser) syncBlock(next tset) {
	cur := p.la(1)
	if cur.classes()&next != 0 {
		return
	}
	if p.la(2).classes()&next != 0 && cur.kind != tkEOF {
		p.syntaxError(cur, ": extra input "+cur.errorDisplay())
	}
	p.syntaxError(cur, "")
}

func (p *parser) matchEOF() {
	cur := p.la(1)
	if cur.kind == tkEOF {
		return
	}
	if p.la(2).kind == tkEOF {
		p.syntaxError(cur, ": extra input "+cur.errorDisplay())
	}
	p.syntaxError(cur, "")
}

// matchGT matches the '>' closing a complex type.
func (p *parser) matchGT(follow tset) {
	if p.la(1).kind == tkGT {
		p.next()
		return
	}
	p.recoverMatch(sGT, "'>'", follow)
}

// --- identifiers ------------------------------------------------------------------------

// strictNonReserved keywords are identifiers without the unquoted-identifier check.
var strictNonReserved = map[string]bool{
	"ANTI": true, "CROSS": true, "EXCEPT": true, "FULL": true, "INNER": true, "INTERSECT": true, "JOIN": true,
	"LATERAL": true, "LEFT": true, "NATURAL": true, "ON": true, "RIGHT": true, "SEMI": true, "SETMINUS": true,
	"UNION": true, "USING": true,
}

// identifier is the identifier rule; it returns the name (back-quotes removed).
func (p *parser) identifier() (token, string) {
	t := p.la(1)
	switch t.kind {
	case tkWord:
		p.next()
		if !strictNonReserved[t.upper] && !isPlainIdentifier(t.text) {
			p.fail(p.errorAt(t, "INVALID_IDENTIFIER", map[string]string{"ident": t.text}))
		}
		return t, t.text
	case tkBackquoted:
		p.next()
		return t, strings.ReplaceAll(t.text[1:len(t.text)-1], "``", "`")
	}
	p.noViableAlt()
	panic("unreachable")
}

func isPlainIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// errorCapturingIdentifier is an identifier; "a-b" is rejected as INVALID_IDENTIFIER.
func (p *parser) errorCapturingIdentifier() string {
	_, name := p.identifier()
	if p.la(1).kind != tkMinus {
		return name
	}
	minus := p.la(1)
	text := name
	for p.la(1).kind == tkMinus {
		p.next()
		_, part := p.identifier()
		text += "-" + part
	}
	p.fail(p.errorAt(minus, "INVALID_IDENTIFIER", map[string]string{"ident": text}))
	return ""
}

// --- rules ------------------------------------------------------------------------------

// colTypeList: colType (',' colType)*
func (p *parser) colTypeList() []StructField {
	fields := []StructField{p.colType()}
	for p.la(1).kind == tkComma {
		p.next()
		fields = append(fields, p.colType())
	}
	return fields
}

// colType: errorCapturingIdentifier dataType (NOT NULL)? commentSpec?
func (p *parser) colType() StructField {
	name := p.errorCapturingIdentifier()
	return p.fieldRest(name, sEOF)
}

// complexColTypeList: complexColType (',' complexColType)*
func (p *parser) complexColTypeList() []StructField {
	fields := []StructField{p.complexColType()}
	for p.la(1).kind == tkComma {
		p.next()
		fields = append(fields, p.complexColType())
	}
	return fields
}

// complexColType: errorCapturingIdentifier ':'? dataType (NOT NULL)? commentSpec?
func (p *parser) complexColType() StructField {
	name := p.errorCapturingIdentifier()
	if p.la(1).kind == tkColon {
		p.next()
	}
	return p.fieldRest(name, sGT)
}

// fieldRest parses what follows a field name; end is the token closing the list.
func (p *parser) fieldRest(name string, end tset) StructField {
	dt := p.dataType(sNot | sBang | sComment | sComma | end)
	f := StructField{Name: name, DataType: dt, Nullable: true}
	if t := p.la(1); t.kind == tkBang || (t.kind == tkWord && t.upper == "NOT") {
		p.next()
		if p.isWord(1, "NULL") {
			p.next()
		} else {
			p.recoverMatch(sNull, "'NULL'", sComment|sComma|end)
		}
		f.Nullable = false
	}
	if p.isWord(1, "COMMENT") {
		p.next()
		t := p.la(1)
		if t.kind != tkString {
			p.noViableAlt()
		}
		p.next()
		f = f.WithComment(unescapeSQLString(t.text))
	}
	return f
}

// dataType parses the dataType rule; follow is what may come after it in this context.
func (p *parser) dataType(follow tset) DataType {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxTypeDepth {
		p.fail(p.errorAt(p.la(1), "FAILED_TO_PARSE_TOO_COMPLEX", nil))
	}
	t := p.la(1)
	switch t.kind {
	case tkBackquoted:
		return p.primitive(follow)
	case tkWord:
	default:
		p.noViableAlt()
	}
	next := p.la(2)
	switch t.upper {
	case "ARRAY":
		if next.kind == tkLT {
			p.next()
			p.next()
			elem := p.dataType(sGT)
			p.matchGT(follow)
			return ArrayType{ElementType: elem, ContainsNull: true}
		}
	case "MAP":
		if next.kind == tkLT {
			p.next()
			p.next()
			key := p.dataType(sComma)
			if p.la(1).kind == tkComma {
				p.next()
			} else {
				p.recoverMatch(sComma, "','", identStart)
			}
			value := p.dataType(sGT)
			p.matchGT(follow)
			return MapType{KeyType: key, ValueType: value, ValueContainsNull: true}
		}
	case "STRUCT":
		switch next.kind {
		case tkNEQ:
			p.next()
			p.next()
			return &StructType{Fields: []StructField{}}
		case tkLT:
			p.next()
			p.next()
			fields := []StructField{}
			if p.la(1).classes()&identStart != 0 {
				fields = p.complexColTypeList()
			} else {
				// The optional field list cannot be skipped over anything but '>'.
				p.syncBlock(identStart | sGT)
			}
			p.matchGT(follow)
			return &StructType{Fields: fields}
		}
	case "INTERVAL":
		if next.kind == tkWord {
			switch next.upper {
			case "YEAR", "MONTH":
				return p.yearMonthInterval(follow)
			case "DAY", "HOUR", "MINUTE", "SECOND":
				return p.dayTimeInterval(follow)
			}
		}
	}
	return p.primitive(follow)
}

var dayTimeFields = map[string]DayTimeField{"DAY": Day, "HOUR": Hour, "MINUTE": Minute, "SECOND": Second}

// INTERVAL from=(YEAR | MONTH) (TO to=MONTH)?
func (p *parser) yearMonthInterval(follow tset) DataType {
	start := p.next()
	from := p.next()
	f := Year
	if from.upper == "MONTH" {
		f = Month
	}
	if !p.isWord(1, "TO") {
		return YearMonthIntervalType{StartField: f, EndField: f}
	}
	p.next()
	if !p.isWord(1, "MONTH") {
		p.recoverMatch(sMonth, "'MONTH'", follow)
	}
	to := p.next()
	if Month <= f {
		p.deferIntervalRange(start, from, to)
	}
	return YearMonthIntervalType{StartField: f, EndField: Month}
}

// INTERVAL from=(DAY | HOUR | MINUTE | SECOND) (TO to=(HOUR | MINUTE | SECOND))?
func (p *parser) dayTimeInterval(follow tset) DataType {
	start := p.next()
	from := p.next()
	f := dayTimeFields[from.upper]
	if !p.isWord(1, "TO") {
		return DayTimeIntervalType{StartField: f, EndField: f}
	}
	p.next()
	to := p.la(1)
	if to.classes()&(sHour|sMinute|sSecond) == 0 {
		p.recoverMatch(sHour|sMinute|sSecond, "{'HOUR', 'MINUTE', 'SECOND'}", follow)
	}
	p.next()
	e := dayTimeFields[to.upper]
	if e <= f {
		p.deferIntervalRange(start, from, to)
	}
	return DayTimeIntervalType{StartField: f, EndField: e}
}

func (p *parser) deferIntervalRange(start, from, to token) {
	// Spark looks for a quoted input in the rule text, which a type never has.
	p.defer_(p.errorAt(start, "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", map[string]string{
		"input": "", "from": strings.ToLower(from.text), "to": strings.ToLower(to.text)}))
}

// primitive: type ('(' INTEGER_VALUE (',' INTEGER_VALUE)* ')')?
func (p *parser) primitive(follow tset) DataType {
	start := p.la(1)
	typeText, collation, collErr := p.typeRule()
	var params []string
	if isSpatialKeyword(start) && p.la(1).kind == tkLParen && p.isWord(2, "ANY") && p.la(3).kind == tkRParen {
		// GEOGRAPHY(ANY) and GEOMETRY(ANY), the mixed-SRID spatial types.
		p.next()
		p.next()
		p.next()
		params = []string{"ANY"}
	} else if p.la(1).kind == tkLParen {
		p.next()
		params = append(params, p.integerValue())
		p.syncBlock(sComma | sRParen)
		for p.la(1).kind == tkComma {
			p.next()
			params = append(params, p.integerValue())
			// The loop-back sync reports anything else as unwanted.
			if cur := p.la(1); cur.classes()&(sComma|sRParen) == 0 {
				p.syntaxError(cur, ": extra input "+cur.errorDisplay())
			}
		}
		p.next() // ')'
	}
	dt, err := p.buildPrimitive(start, typeText, params, collation)
	if err == nil && collErr != nil {
		err = collErr
	}
	if err != nil {
		p.defer_(err)
		return Null
	}
	return dt
}

func (p *parser) integerValue() string {
	t := p.la(1)
	if t.kind != tkInteger {
		p.recoverMatch(sInteger, "INTEGER_VALUE", sComma|sRParen)
	}
	p.next()
	return t.text
}

// typeRule parses the `type` rule: a type keyword, STRING with a COLLATE clause, or any
// identifier (an unsupported type). It returns the rule's text as ANTLR's getText gives it
// (tokens concatenated, back-quotes removed), and the collation if any.
func (p *parser) typeRule() (text, collation string, collErr *Error) {
	t := p.la(1)
	if t.kind == tkWord && t.upper == "STRING" && p.isWord(2, "COLLATE") {
		p.next()
		coll := p.next()
		parts := []string{p.errorCapturingIdentifier()}
		for p.la(1).kind == tkDot {
			p.next()
			parts = append(parts, p.errorCapturingIdentifier())
		}
		text = t.text + coll.text + strings.Join(parts, ".")
		name, err := resolveCollationParts(parts)
		if err != nil {
			return text, "", err
		}
		return text, name, nil
	}
	if t.kind == tkWord && isTypeKeyword(t.upper) {
		p.next()
		return t.text, "", nil
	}
	_, name := p.identifier()
	return name, "", nil
}

// resolveCollationParts is CollationFactory.resolveFullyQualifiedName then the name check.
func resolveCollationParts(parts []string) (string, *Error) {
	name := parts[0]
	if len(parts) > 1 {
		if len(parts) != 3 || !strings.EqualFold(parts[0], "SYSTEM") || !strings.EqualFold(parts[1], "BUILTIN") {
			return "", invalidCollation(parts[len(parts)-1])
		}
		name = parts[2]
	}
	return resolveCollation(name)
}

var typeKeywords = map[string]bool{
	"BOOLEAN": true, "TINYINT": true, "BYTE": true, "SMALLINT": true, "SHORT": true, "INT": true,
	"INTEGER": true, "BIGINT": true, "LONG": true, "FLOAT": true, "REAL": true, "DOUBLE": true, "DATE": true,
	"TIMESTAMP": true, "TIMESTAMP_NTZ": true, "TIMESTAMP_LTZ": true, "STRING": true, "CHARACTER": true,
	"CHAR": true, "VARCHAR": true, "BINARY": true, "DECIMAL": true, "DEC": true, "NUMERIC": true, "VOID": true,
	"INTERVAL": true, "VARIANT": true, "ARRAY": true, "STRUCT": true, "MAP": true,
}

func isTypeKeyword(s string) bool { return typeKeywords[s] }

// buildPrimitive is DataTypeAstBuilder.visitPrimitiveDataType.
func (p *parser) buildPrimitive(start token, text string, params []string, collation string) (DataType, *Error) {
	kw := ""
	if start.kind == tkWord {
		kw = start.upper
	}
	unsupported := func() *Error {
		s := text
		if len(params) > 0 {
			s += "(" + strings.Join(params, ",") + ")"
		}
		return p.errorAt(start, "UNSUPPORTED_DATATYPE", map[string]string{"typeName": toSQLType(s)})
	}
	intParam := func(i int) (int, *Error) { return javaParseInt(params[i]) }
	if len(params) == 0 {
		switch kw {
		case "BOOLEAN":
			return Boolean, nil
		case "TINYINT", "BYTE":
			return Byte, nil
		case "SMALLINT", "SHORT":
			return Short, nil
		case "INT", "INTEGER":
			return Integer, nil
		case "BIGINT", "LONG":
			return Long, nil
		case "FLOAT", "REAL":
			return Float, nil
		case "DOUBLE":
			return Double, nil
		case "DATE":
			return Date, nil
		case "TIMESTAMP":
			if p.opts.TimestampNTZ {
				return TimestampNTZ, nil
			}
			return Timestamp, nil
		case "TIMESTAMP_NTZ":
			return TimestampNTZ, nil
		case "TIMESTAMP_LTZ":
			return Timestamp, nil
		case "TIME":
			return DefaultTime, nil
		case "STRING":
			return stringWithCollation(orDefault(collation)), nil
		case "BINARY":
			return Binary, nil
		case "DECIMAL", "DEC", "NUMERIC":
			return DefaultDecimal, nil
		case "VOID":
			return Null, nil
		case "INTERVAL":
			return CalendarInterval, nil
		case "VARIANT":
			return Variant, nil
		case "CHARACTER", "CHAR", "VARCHAR":
			return nil, p.errorAt(start, "DATATYPE_MISSING_SIZE", map[string]string{"type": toSQLType(text)})
		case "ARRAY", "STRUCT", "MAP":
			return nil, p.errorAt(start, "INCOMPLETE_TYPE_DEFINITION."+kw, incompleteParams(kw))
		}
		return nil, unsupported()
	}
	if len(params) == 1 {
		if t, ok, err := spatialTypeFromParam(kw, params[0]); ok {
			return t, err
		}
	}
	switch {
	case (kw == "CHARACTER" || kw == "CHAR") && len(params) == 1:
		n, err := intParam(0)
		if err != nil {
			return nil, err
		}
		return CharType{Length: n}, nil
	case kw == "TIME" && len(params) == 1:
		n, err := intParam(0)
		if err != nil {
			return nil, err
		}
		if n < MinTimePrecision || n > MaxTimePrecision {
			return nil, p.errorAt(start, "UNSUPPORTED_TIME_PRECISION", map[string]string{"precision": strconv.Itoa(n)})
		}
		return TimeType{Precision: n}, nil
	case kw == "VARCHAR" && len(params) == 1:
		n, err := intParam(0)
		if err != nil {
			return nil, err
		}
		return VarcharType{Length: n}, nil
	case (kw == "DECIMAL" || kw == "DEC" || kw == "NUMERIC") && len(params) <= 2:
		prec, err := intParam(0)
		if err != nil {
			return nil, err
		}
		scale := 0
		if len(params) == 2 {
			if scale, err = intParam(1); err != nil {
				return nil, err
			}
		}
		if e := checkDecimal(prec, scale); e != nil {
			if e.Exception == ExceptionAnalysis {
				// An AnalysisException from the builder becomes a ParseException without
				// position (the exception has none to give).
				e.Exception = ExceptionParse
			}
			return nil, e
		}
		return DecimalType{Precision: prec, Scale: scale}, nil
	}
	return nil, unsupported()
}

func orDefault(collation string) string {
	if collation == "" {
		return collationUTF8Binary
	}
	return collation
}

func incompleteParams(kw string) map[string]string {
	if kw == "ARRAY" {
		return map[string]string{"elementType": "<INT>"}
	}
	return nil
}

// toSQLType is DataTypeErrorsBase.toSQLType for a type text: upper-cased and double-quoted.
func toSQLType(text string) string { return `"` + strings.ToUpper(text) + `"` }

// unescapeSQLString is SparkParserUtils.unescapeSQLString for a quoted literal. Java works
// on UTF-16 units, so escapes of surrogate halves combine into one character.
func unescapeSQLString(b string) string {
	rs := []rune(b)
	if rs[0] == 'r' || rs[0] == 'R' {
		return string(rs[2 : len(rs)-1])
	}
	body := rs[1 : len(rs)-1]
	if !strings.ContainsRune(string(body), '\\') {
		return string(body)
	}
	var out []uint16
	put := func(r rune) { out = utf16.AppendRune(out, r) }
	n := len(body)
	isHex := func(from, length int) bool {
		if from+length > n {
			return false
		}
		for _, c := range body[from : from+length] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
		return true
	}
	for i := 0; i < n; {
		c := body[i]
		if c != '\\' || i+1 == n {
			put(c)
			i++
			continue
		}
		i++
		e := body[i]
		switch {
		case e == 'u' && isHex(i+1, 4):
			v, _ := strconv.ParseUint(string(body[i+1:i+5]), 16, 32)
			out = append(out, uint16(v))
			i += 5
		case e == 'U' && isHex(i+1, 8):
			v, _ := strconv.ParseUint(string(body[i+1:i+9]), 16, 32)
			if v < 0x10000 {
				out = append(out, uint16(v))
			} else {
				out = append(out, uint16((v-0x10000)/0x400+0xd800), uint16((v-0x10000)%0x400+0xdc00))
			}
			i += 9
		case i+3 <= n && (body[i] == '0' || body[i] == '1') && body[i+1] >= '0' && body[i+1] <= '7' &&
			body[i+2] >= '0' && body[i+2] <= '7':
			v, _ := strconv.ParseUint(string(body[i:i+3]), 8, 32)
			out = append(out, uint16(v))
			i += 3
		default:
			switch e {
			case '0':
				put(0)
			case 'b':
				put('\b')
			case 'n':
				put('\n')
			case 'r':
				put('\r')
			case 't':
				put('\t')
			case 'Z':
				put('\u001A')
			case '%':
				put('\\')
				put('%')
			case '_':
				put('\\')
				put('_')
			default:
				put(e)
			}
			i++
		}
	}
	return string(utf16.Decode(out))
}
