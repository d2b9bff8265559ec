package parser

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// parseDataType parses Spark's dataType and applies the checks Spark makes
// when it builds the type (unknown names, missing lengths, bad parameters).
func (p *parser) parseDataType() *ast.DataType {
	p.enter()
	defer p.leave()
	t := p.tok()
	if t.Kind == KeywordTok {
		switch t.Keyword {
		case kwARRAY, kwMAP, kwSTRUCT:
			nt := p.peek(1)
			if nt.Kind == Lt || t.is(kwSTRUCT) && nt.Kind == Neq {
				var dt *ast.DataType
				err := p.speculate(func() { dt = p.parseComplexType() })
				if err == nil {
					return dt
				}
				// Like Spark's parser, fall back to the bare type name
				// and fail on what follows it.
			}
		case kwINTERVAL:
			if dt := p.parseIntervalType(); dt != nil {
				return dt
			}
		}
	}
	return p.parsePrimitiveType()
}

func (p *parser) parseComplexType() *ast.DataType {
	t := p.next()
	dt := &ast.DataType{NamePos: t.Pos, Name: strings.ToUpper(p.text(t)), Complex: true}
	switch t.Keyword {
	case kwARRAY:
		p.expect(Lt)
		dt.Elem = p.parseDataType()
		dt.EndPos = p.expect(Gt).End
	case kwMAP:
		p.expect(Lt)
		dt.Key = p.parseDataType()
		p.expect(Comma)
		dt.Value = p.parseDataType()
		dt.EndPos = p.expect(Gt).End
	default:
		if p.at(Neq) {
			dt.EndPos = p.next().End
			return dt
		}
		p.expect(Lt)
		if !p.at(Gt) {
			for {
				dt.Fields = append(dt.Fields, p.parseStructField())
				if !p.accept(Comma) {
					break
				}
			}
		}
		dt.EndPos = p.expect(Gt).End
	}
	return dt
}

func (p *parser) parseStructField() *ast.StructField {
	f := &ast.StructField{Name: p.parseErrorCapturingIdent()}
	p.accept(Colon)
	f.Type = p.parseDataType()
	if (p.atKw(kwNOT) || p.at(Bang)) && p.peekKw(1, kwNULL) {
		if bang := p.next(); bang.Kind == Bang {
			p.blockBang(bang)
		}
		p.next()
		f.NotNull = true
	}
	if p.atKw(kwCOMMENT) && p.isStringTok(p.peek(1)) {
		p.next()
		f.Comment = p.stringLiteral([]*Token{p.next()})
	}
	f.EndPos = p.prevEnd()
	return f
}

// parseIntervalType parses INTERVAL YEAR [TO MONTH], INTERVAL DAY [TO
// SECOND], ...; it returns nil for a bare INTERVAL.
func (p *parser) parseIntervalType() *ast.DataType {
	t := p.tok()
	from := p.peek(1)
	ym := from.is(kwYEAR) || from.is(kwMONTH)
	dtm := from.is(kwDAY) || from.is(kwHOUR) || from.is(kwMINUTE) || from.is(kwSECOND)
	if !ym && !dtm {
		return nil
	}
	p.next()
	p.next()
	dt := &ast.DataType{NamePos: t.Pos, Name: "INTERVAL", IntervalFrom: strings.ToUpper(p.text(from))}
	if p.atKw(kwTO) {
		to := p.peek(1)
		ok := ym && to.is(kwMONTH) || dtm && (to.is(kwHOUR) || to.is(kwMINUTE) || to.is(kwSECOND))
		if ok {
			p.next()
			p.next()
			dt.IntervalTo = strings.ToUpper(p.text(to))
		}
	}
	dt.EndPos = p.prevEnd()
	if dt.IntervalTo != "" && intervalFieldIndex(dt.IntervalTo) <= intervalFieldIndex(dt.IntervalFrom) {
		p.deferError(newError("INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", t.Pos, dt.EndPos,
			"input", "", "from", strings.ToLower(dt.IntervalFrom), "to", strings.ToLower(dt.IntervalTo)))
	}
	return dt
}

// intervalFieldIndex orders the fields of ANSI interval types.
func intervalFieldIndex(u string) int {
	switch u {
	case "YEAR":
		return 0
	case "MONTH":
		return 1
	case "DAY":
		return 0
	case "HOUR":
		return 1
	case "MINUTE":
		return 2
	case "SECOND":
		return 3
	}
	return -1
}

// primitiveTypes lists the keyword types of Spark's type rule and how many
// parameters each accepts (min, max).
var primitiveTypes = map[Keyword][2]int{
	kwBOOLEAN: {0, 0}, kwTINYINT: {0, 0}, kwBYTE: {0, 0}, kwSMALLINT: {0, 0}, kwSHORT: {0, 0},
	kwINT: {0, 0}, kwINTEGER: {0, 0}, kwBIGINT: {0, 0}, kwLONG: {0, 0}, kwFLOAT: {0, 0},
	kwREAL: {0, 0}, kwDOUBLE: {0, 0}, kwDATE: {0, 0}, kwTIMESTAMP: {0, 0}, kwTIMESTAMP_NTZ: {0, 0},
	kwTIMESTAMP_LTZ: {0, 0}, kwSTRING: {0, 0}, kwCHARACTER: {1, 1}, kwCHAR: {1, 1},
	kwVARCHAR: {1, 1}, kwBINARY: {0, 0}, kwDECIMAL: {0, 2}, kwDEC: {0, 2}, kwNUMERIC: {0, 2},
	kwVOID: {0, 0}, kwINTERVAL: {0, 0}, kwVARIANT: {0, 0}, kwARRAY: {0, 0}, kwSTRUCT: {0, 0},
	kwMAP: {0, 0}, kwTIME: {0, 1}, kwGEOGRAPHY: {1, 1}, kwGEOMETRY: {1, 1},
}

// parsePrimitiveType parses type [(n, ...)].
func (p *parser) parsePrimitiveType() *ast.DataType {
	t := p.tok()
	known := false
	if t.Kind == KeywordTok {
		_, known = primitiveTypes[t.Keyword]
	}
	dt := &ast.DataType{NamePos: t.Pos}
	if known {
		p.next()
		dt.Name = strings.ToUpper(p.text(t))
		if t.is(kwSTRING) && p.atKw(kwCOLLATE) && p.isIdent(p.peek(1), false) {
			p.next()
			dt.Collation = p.parseMultipartIdent()
		}
	} else {
		id := p.parseIdent(false)
		dt.Name = strings.ToUpper(id.Name)
	}
	geo := t.is(kwGEOGRAPHY) || t.is(kwGEOMETRY)
	if geo && p.at(LeftParen) && p.peekKw(1, kwANY) && p.peek(2).Kind == RightParen {
		// GEOGRAPHY(ANY), GEOMETRY(ANY): a mixed spatial reference.
		p.next()
		dt.Params = []string{"ANY"}
		p.next()
		p.next()
	} else if p.at(LeftParen) && p.peek(1).Kind == IntegerValue {
		p.next()
		for {
			dt.Params = append(dt.Params, p.text(p.expect(IntegerValue)))
			if p.accept(Comma) {
				continue
			}
			if p.at(RightParen) {
				break
			}
			p.listEnd(len(dt.Params), isRightParen)
		}
		p.next()
	}
	if (t.is(kwTIMESTAMP) && len(dt.Params) == 0 || t.is(kwTIME) && len(dt.Params) <= 1) &&
		p.atKw(kwWITHOUT) && p.peekKw(1, kwTIME) && p.peekKw(2, kwZONE) {
		// TIMESTAMP WITHOUT TIME ZONE is TIMESTAMP_NTZ; TIME has no zone anyway.
		p.next()
		p.next()
		p.next()
		dt.WithoutTimeZone = true
	}
	dt.EndPos = p.prevEnd()
	p.checkPrimitiveType(t, dt, known)
	return dt
}

// checkPrimitiveType makes the checks of Spark's visitPrimitiveDataType.
func (p *parser) checkPrimitiveType(t *Token, dt *ast.DataType, known bool) {
	n := len(dt.Params)
	text := p.text(t)
	unsupported := func() {
		s := text
		if n > 0 {
			s += "(" + strings.Join(dt.Params, ",") + ")"
		}
		p.deferError(newError("UNSUPPORTED_DATATYPE", dt.NamePos, dt.EndPos, "typeName", toSQLType(s)))
	}
	if !known {
		unsupported()
		return
	}
	if t.is(kwSTRING) && dt.Collation != nil && n > 0 {
		unsupported()
		return
	}
	switch t.Keyword {
	case kwCHAR, kwCHARACTER, kwVARCHAR:
		if n == 0 {
			p.deferError(newError("DATATYPE_MISSING_SIZE", dt.NamePos, dt.EndPos, "type", toSQLType(text)))
			return
		}
	case kwARRAY:
		if n == 0 {
			p.deferError(newError("INCOMPLETE_TYPE_DEFINITION.ARRAY", dt.NamePos, dt.EndPos, "elementType", "<INT>"))
			return
		}
	case kwMAP:
		if n == 0 {
			p.deferError(newError("INCOMPLETE_TYPE_DEFINITION.MAP", dt.NamePos, dt.EndPos))
			return
		}
	case kwSTRUCT:
		if n == 0 {
			p.deferError(newError("INCOMPLETE_TYPE_DEFINITION.STRUCT", dt.NamePos, dt.EndPos))
			return
		}
	}
	r := primitiveTypes[t.Keyword]
	if n < r[0] || n > r[1] {
		unsupported()
		return
	}
	switch t.Keyword {
	case kwTIME:
		if n == 1 {
			if prec, err := strconv.Atoi(dt.Params[0]); err != nil || prec > 6 {
				p.deferError(newError("UNSUPPORTED_TIME_PRECISION", dt.NamePos, dt.EndPos,
					"precision", dt.Params[0]))
			}
		}
	case kwDECIMAL, kwDEC, kwNUMERIC:
		if n == 0 {
			return
		}
		prec, err1 := strconv.Atoi(dt.Params[0])
		scale := 0
		var err2 error
		if n == 2 {
			scale, err2 = strconv.Atoi(dt.Params[1])
		}
		if err1 != nil || err2 != nil {
			return
		}
		if scale > prec {
			p.deferError(newError("_LEGACY_ERROR_TEMP_1228", dt.NamePos, dt.EndPos,
				"scale", strconv.Itoa(scale), "precision", strconv.Itoa(prec)))
		} else if prec > 38 {
			p.deferError(newError("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", dt.NamePos, dt.EndPos,
				"precision", strconv.Itoa(prec), "maxPrecision", "38"))
		}
	}
}
