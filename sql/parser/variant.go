package parser

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// This file parses semi-structured extraction, expr:path (Spark's
// semiStructuredExtract), and checks the path the way Spark's AstBuilder
// does: the path's text becomes a JSON path ("$.a.b[0]") that must parse.

// startsExtractPath reports whether the ':' at the current token starts
// an extraction path: a name, a backquoted name, or '[' followed by a
// string or an integer and ']'.
func (p *parser) startsExtractPath() bool {
	t := p.peek(1)
	if p.isIdent(t, false) {
		return true
	}
	return t.Kind == LeftBracket && p.bracketStep(p.i+1) > 0
}

// bracketStep reports how many tokens the bracketed path step at index
// lb ('[') spans: [ 'key' ], [ 0 ], [ name ]; 0 when there is none.
func (p *parser) bracketStep(lb int) int {
	t := p.tokAt(lb + 1)
	switch {
	case p.isStringTok(t):
		j := lb + 1
		for p.isStringTok(p.tokAt(j)) {
			j++
		}
		if p.tokAt(j).Kind == RightBracket {
			return j - lb + 1
		}
	case t.Kind == IntegerValue || p.isIdent(t, false):
		if p.tokAt(lb+2).Kind == RightBracket {
			return 3
		}
	}
	return 0
}

// parseExtract parses the path after x; the current token is ':'.
func (p *parser) parseExtractPath(x ast.Expr) ast.Expr {
	colon := p.next()
	e := &ast.SemiStructuredExtract{X: x, Colon: colon.Pos}
	var text strings.Builder
	first := true
	for {
		t := p.tok()
		var st *ast.PathStep
		switch {
		case first && p.isIdent(t, false):
			id := p.parseIdent(false)
			st = &ast.PathStep{Kind: ast.PathField, StartPos: id.Pos(), Name: id.Name, Text: id.Name}
		case !first && t.Kind == Dot && p.isIdent(p.peek(1), false):
			p.next()
			id := p.parseIdent(false)
			st = &ast.PathStep{Kind: ast.PathField, StartPos: t.Pos, Name: id.Name, Text: "." + id.Name}
		case t.Kind == LeftBracket && p.bracketStep(p.i) > 0:
			p.next()
			v := p.tok()
			switch {
			case p.isStringTok(v):
				start := p.i
				key := p.parseStringLitValue()
				var raw strings.Builder
				for j := start; j < p.i; j++ {
					raw.WriteString(p.text(&p.toks[j]))
				}
				st = &ast.PathStep{Kind: ast.PathKey, Name: key.Value, Key: key, Text: "[" + raw.String() + "]"}
			case v.Kind == IntegerValue:
				p.next()
				st = &ast.PathStep{Kind: ast.PathIndex, Text: "[" + p.text(v) + "]"}
			default:
				id := p.parseIdent(false)
				st = &ast.PathStep{Kind: ast.PathIdentIndex, Name: id.Name, Text: "[" + id.Name + "]"}
			}
			p.expect(RightBracket)
			st.StartPos = t.Pos
		}
		if st == nil {
			break
		}
		st.EndPos = p.prevEnd()
		e.Steps = append(e.Steps, st)
		text.WriteString(st.Text)
		first = false
	}
	if len(e.Steps) == 0 {
		p.unexpected()
	}
	e.EndPos = p.prevEnd()
	path := text.String()
	if strings.HasPrefix(path, "[") {
		e.JSONPath = "$" + path
	} else {
		e.JSONPath = "$." + path
	}
	names, ok := parseJSONPath(e.JSONPath)
	if !ok {
		p.deferError(newError("PARSE_SYNTAX_ERROR", x.Pos(), e.EndPos))
	} else if len(names) > 0 {
		e.Name = names[len(names)-1]
	}
	return e
}

// parseJSONPath parses a JSON path the way Spark's JsonPathParser does
// ($ followed by .name, ['name'], [n], [*], .* or ['*'], whitespace
// skipped before names and numbers) and returns the names of its named
// steps.
func parseJSONPath(s string) (names []string, ok bool) {
	i := 0
	skipWS := func(j int) int {
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\f' || s[j] == '\v') {
			j++
		}
		return j
	}
	// lit matches a string literal parser: whitespace, then text.
	lit := func(j int, text string) (int, bool) {
		j = skipWS(j)
		if strings.HasPrefix(s[j:], text) {
			return j + len(text), true
		}
		return j, false
	}
	// run matches a regex parser [^set]+ after whitespace.
	run := func(j int, stop string) (int, int, bool) {
		j = skipWS(j)
		k := j
		for k < len(s) && !strings.ContainsRune(stop, rune(s[k])) {
			k++
		}
		return j, k, k > j
	}
	if i >= len(s) || s[i] != '$' {
		return nil, false
	}
	i++
	for {
		end := skipWS(i)
		if end == len(s) {
			return names, true
		}
		// wildcard: ".*" or "['*']"
		if j, ok := lit(i, ".*"); ok {
			i = j
			continue
		}
		if j, ok := lit(i, "['*']"); ok {
			i = j
			continue
		}
		// named: '.' name, or "['" name "']"
		if i < len(s) && s[i] == '.' {
			if a, b, ok := run(i+1, ".["); ok {
				names = append(names, s[a:b])
				i = b
				continue
			}
		}
		if j, ok := lit(i, "['"); ok {
			if a, b, ok := run(j, "'"); ok {
				if k, ok := lit(b, "']"); ok {
					names = append(names, s[a:b])
					i = k
					continue
				}
			}
		}
		// subscript: '[' ('*' | digits) ']'
		if i < len(s) && s[i] == '[' {
			j := i + 1
			if j < len(s) && s[j] == '*' {
				j++
			} else {
				a := skipWS(j)
				b := a
				for b < len(s) && s[b] >= '0' && s[b] <= '9' {
					b++
				}
				if b == a {
					return nil, false
				}
				j = b
			}
			if j < len(s) && s[j] == ']' {
				i = j + 1
				continue
			}
		}
		return nil, false
	}
}
