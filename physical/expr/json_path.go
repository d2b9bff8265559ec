package expr

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// get_json_object: Spark's JSON path subset (Hive's): $ followed by .name, ['name'],
// [n], [*], .* and ['*']. The evaluation follows GetJsonObjectEvaluator: a string result
// at the top is written without quotes; [*] over an array collects the matches, dropping
// the brackets when there is exactly one, and [*][*] flattens nested arrays.

type pathOp uint8

const (
	opSubscript pathOp = iota
	opWildcard
	opKey
	opIndex
	opNamed
)

type pathStep struct {
	op    pathOp
	index int64
	name  string
}

// parseJSONPath parses a JSON path; false when it is not one Spark accepts.
func parseJSONPath(s string) ([]pathStep, bool) {
	if !strings.HasPrefix(s, "$") {
		return nil, false
	}
	var out []pathStep
	i := 1
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], ".*"):
			out = append(out, pathStep{op: opWildcard})
			i += 2
		case strings.HasPrefix(s[i:], "['*']"):
			out = append(out, pathStep{op: opWildcard})
			i += 5
		case s[i] == '.':
			j := i + 1
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			if j == i+1 {
				return nil, false
			}
			out = append(out, pathStep{op: opKey}, pathStep{op: opNamed, name: s[i+1 : j]})
			i = j
		case strings.HasPrefix(s[i:], "['"):
			j := strings.IndexByte(s[i+2:], '\'')
			if j <= 0 || !strings.HasPrefix(s[i+2+j:], "']") {
				return nil, false
			}
			out = append(out, pathStep{op: opKey}, pathStep{op: opNamed, name: s[i+2 : i+2+j]})
			i += 2 + j + 2
		case s[i] == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, false
			}
			body := s[i+1 : i+j]
			if body == "*" {
				out = append(out, pathStep{op: opSubscript}, pathStep{op: opWildcard})
			} else {
				if body == "" || strings.Trim(body, "0123456789") != "" {
					return nil, false
				}
				n, err := strconv.ParseInt(body, 10, 64)
				if err != nil {
					return nil, false
				}
				out = append(out, pathStep{op: opSubscript}, pathStep{op: opIndex, index: n})
			}
			i += j + 1
		default:
			return nil, false
		}
	}
	return out, true
}

type pathStyle uint8

const (
	rawStyle pathStyle = iota
	quotedStyle
	flattenStyle
)

// jsonGen writes values with separators the way Jackson's generator inserts them.
type jsonGen struct {
	out   []byte
	count []int // values written at each open array level
}

func (g *jsonGen) valueStart() {
	if n := len(g.count); n > 0 {
		if g.count[n-1] > 0 {
			g.out = append(g.out, ',')
		}
		g.count[n-1]++
	}
}

func (g *jsonGen) startArray() {
	g.valueStart()
	g.out = append(g.out, '[')
	g.count = append(g.count, 0)
}

func (g *jsonGen) endArray() {
	g.count = g.count[:len(g.count)-1]
	g.out = append(g.out, ']')
}

func (g *jsonGen) copy(p *textdata.Parser, i int32) {
	g.valueStart()
	g.out = jsonCopier.Append(g.out, p, i)
}

func (g *jsonGen) rawValue(b []byte) {
	g.valueStart()
	g.out = append(g.out, b...)
}

type pathEval struct {
	p *textdata.Parser
}

func (e *pathEval) eval(g *jsonGen, i int32, style pathStyle, path []pathStep) bool {
	p := e.p
	n := p.Node(i)
	if len(path) == 0 {
		switch {
		case n.Kind == textdata.String && style == rawStyle:
			g.out = append(g.out, p.Text(n)...)
			return true
		case n.Kind == textdata.Array && style == flattenStyle:
			dirty := false
			for k := n.First; k >= 0; k = p.Node(k).Next {
				dirty = e.eval(g, k, style, nil) || dirty
			}
			return dirty
		}
		g.copy(p, i)
		return true
	}
	switch n.Kind {
	case textdata.Object:
		if path[0].op != opKey {
			return false
		}
		rest := path[1:]
		for k := n.First; k >= 0; k = p.Node(k).Next {
			if e.field(g, k, style, rest) {
				return true
			}
		}
		return false
	case textdata.Array:
		if path[0].op != opSubscript || len(path) < 2 {
			return false
		}
		switch path[1].op {
		case opWildcard:
			xs := path[2:]
			if len(xs) >= 2 && xs[0].op == opSubscript && xs[1].op == opWildcard {
				dirty := false
				g.startArray()
				for k := n.First; k >= 0; k = p.Node(k).Next {
					dirty = e.eval(g, k, flattenStyle, xs[2:]) || dirty
				}
				g.endArray()
				return dirty
			}
			if style != quotedStyle {
				next := quotedStyle
				if style == flattenStyle {
					next = flattenStyle
				}
				sub := &jsonGen{}
				sub.startArray()
				dirty := 0
				for k := n.First; k >= 0; k = p.Node(k).Next {
					if e.eval(sub, k, next, xs) {
						dirty++
					}
				}
				sub.endArray()
				switch {
				case dirty > 1:
					g.rawValue(sub.out)
				case dirty == 1:
					g.rawValue(sub.out[1 : len(sub.out)-1])
				}
				return dirty > 0
			}
			dirty := false
			g.startArray()
			for k := n.First; k >= 0; k = p.Node(k).Next {
				dirty = e.eval(g, k, quotedStyle, xs) || dirty
			}
			g.endArray()
			return dirty
		case opIndex:
			xs := path[2:]
			k := n.First
			for idx := path[1].index; k >= 0 && idx > 0; idx-- {
				k = p.Node(k).Next
			}
			if k < 0 {
				return false
			}
			if len(xs) >= 2 && xs[0].op == opSubscript && xs[1].op == opWildcard {
				return e.eval(g, k, quotedStyle, xs)
			}
			return e.eval(g, k, style, xs)
		}
	}
	return false
}

// field evaluates an object member against the steps after a key step.
func (e *pathEval) field(g *jsonGen, k int32, style pathStyle, path []pathStep) bool {
	if len(path) == 0 {
		return false
	}
	m := e.p.Node(k)
	switch path[0].op {
	case opNamed:
		if string(e.p.Key(m)) != path[0].name || m.Kind == textdata.Null {
			return false
		}
		return e.eval(g, k, style, path[1:])
	case opWildcard:
		return e.eval(g, k, style, path[1:])
	}
	return false
}

func getJSONObjectFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("get_json_object", args, 2, 2); err != nil {
		return nil, err
	}
	var fixed []pathStep
	fixedOK, constant := false, false
	if s, ok := literalString(args[1]); ok {
		fixed, fixedOK = parseJSONPath(s)
		constant = true
	}
	k := perBatch(func() kernel {
		p := &textdata.Parser{Syntax: textdata.HiveSyntax}
		e := &pathEval{p: p}
		g := &jsonGen{}
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			path, ok := fixed, fixedOK
			if !constant {
				path, ok = parseJSONPath(string(a[1].str(i)))
			}
			if !ok {
				return dst, false, nil
			}
			root, err := p.Parse(a[0].str(i))
			if err != nil || root < 0 {
				return dst, false, nil
			}
			g.out, g.count = dst, g.count[:0]
			if !e.eval(g, root, rawStyle, path) {
				return dst, false, nil
			}
			return g.out, true, nil
		})
	})
	return &funcExpr{name: "get_json_object", args: args, t: utf8T, k: k, strict: true}, nil
}
