package analyzer

import (
	"strings"
	"unicode"

	"github.com/sailgo/sail/sql/plan"
)

// Backquoted names in a select list are regular expressions over column names when
// spark.sql.parser.quotedRegexColumnNames is on (SELECT `(a)?+.+` FROM t): Spark expands
// them like stars, keeping the columns whose whole name matches. The patterns are Java's,
// whose possessive quantifiers RE2 lacks, so names are matched by the small backtracking
// matcher below (column names are short).

// regexColumn reports whether a select item or function argument is a regex column.
func (a *analyzer) regexColumn(e plan.Expr) (*plan.UnresolvedColumn, bool) {
	c, ok := e.(*plan.UnresolvedColumn)
	if !ok || !c.Regex || !a.flag(confQuotedRegexColumns, false) {
		return nil, false
	}
	return c, true
}

// expandRegexColumn lists the columns a regex column stands for: those of the scope (of
// the named table, for t.`regex`) whose names match the pattern.
func (a *analyzer) expandRegexColumn(c *plan.UnresolvedColumn, sc *scope) ([]plan.Expr, error) {
	pattern := c.Parts[len(c.Parts)-1]
	re, err := compileNameRegex(pattern, !a.opts.CaseSensitive)
	if err != nil {
		return nil, analysisError("INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
			"Invalid usage of <elem> in <prettyName>.", map[string]string{"elem": "regular expression '" + pattern + "'", "prettyName": "expression"})
	}
	table := strings.Join(c.Parts[:len(c.Parts)-1], ".")
	var out []plan.Expr
	if sc == nil {
		return nil, nil
	}
	for _, at := range sc.attrs {
		if table != "" && (len(at.Qualifier) == 0 || !a.equalNames(at.Qualifier[len(at.Qualifier)-1], table)) {
			continue
		}
		if re.matches(at.Name) {
			out = append(out, at)
		}
	}
	return out, nil
}

// nameRegex is a compiled Java regular expression (the subset column patterns use:
// literals, escapes, '.', classes, groups, alternation, anchors and the greedy, lazy and
// possessive quantifiers).
type nameRegex struct {
	root *reNode
	fold bool
}

type reKind int

const (
	reLit reKind = iota
	reAny
	reClass
	reAlt // alternatives: subs, each a sequence
	reSeq
	reRepeat
	reStart
	reEnd
)

type reNode struct {
	kind     reKind
	r        rune
	ranges   [][2]rune // reClass
	negated  bool
	subs     []*reNode
	min, max int // reRepeat; max < 0 is unbounded
	mode     byte
}

type reParser struct {
	src []rune
	pos int
}

type reSyntaxError struct{}

func (reSyntaxError) Error() string { return "invalid regular expression" }

func compileNameRegex(p string, fold bool) (*nameRegex, error) {
	ps := &reParser{src: []rune(p)}
	n, err := ps.alt()
	if err != nil {
		return nil, err
	}
	if ps.pos != len(ps.src) {
		return nil, reSyntaxError{}
	}
	return &nameRegex{root: n, fold: fold}, nil
}

func (p *reParser) more() bool { return p.pos < len(p.src) }

func (p *reParser) alt() (*reNode, error) {
	var subs []*reNode
	for {
		s, err := p.seq()
		if err != nil {
			return nil, err
		}
		subs = append(subs, s)
		if p.more() && p.src[p.pos] == '|' {
			p.pos++
			continue
		}
		return &reNode{kind: reAlt, subs: subs}, nil
	}
}

func (p *reParser) seq() (*reNode, error) {
	n := &reNode{kind: reSeq}
	for p.more() && p.src[p.pos] != '|' && p.src[p.pos] != ')' {
		atom, err := p.atom()
		if err != nil {
			return nil, err
		}
		if atom, err = p.quantified(atom); err != nil {
			return nil, err
		}
		n.subs = append(n.subs, atom)
	}
	return n, nil
}

func (p *reParser) atom() (*reNode, error) {
	c := p.src[p.pos]
	p.pos++
	switch c {
	case '.':
		return &reNode{kind: reAny}, nil
	case '^':
		return &reNode{kind: reStart}, nil
	case '$':
		return &reNode{kind: reEnd}, nil
	case '(':
		if p.pos+1 < len(p.src) && p.src[p.pos] == '?' && p.src[p.pos+1] == ':' {
			p.pos += 2
		}
		n, err := p.alt()
		if err != nil {
			return nil, err
		}
		if !p.more() || p.src[p.pos] != ')' {
			return nil, reSyntaxError{}
		}
		p.pos++
		return n, nil
	case '[':
		return p.class()
	case '\\':
		return p.escape(false)
	case '*', '+', '?', '{', ')':
		return nil, reSyntaxError{}
	}
	return &reNode{kind: reLit, r: c}, nil
}

// escape reads the escape after a backslash: a class (\d, \w, \s and their negations) or
// a literal character.
func (p *reParser) escape(inClass bool) (*reNode, error) {
	if !p.more() {
		return nil, reSyntaxError{}
	}
	c := p.src[p.pos]
	p.pos++
	switch c {
	case 'd', 'D':
		return &reNode{kind: reClass, ranges: [][2]rune{{'0', '9'}}, negated: c == 'D'}, nil
	case 'w', 'W':
		return &reNode{kind: reClass, ranges: [][2]rune{{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}}, negated: c == 'W'}, nil
	case 's', 'S':
		return &reNode{kind: reClass, ranges: [][2]rune{{' ', ' '}, {'\t', '\r'}}, negated: c == 'S'}, nil
	case 't':
		return &reNode{kind: reLit, r: '\t'}, nil
	case 'n':
		return &reNode{kind: reLit, r: '\n'}, nil
	}
	return &reNode{kind: reLit, r: c}, nil
}

func (p *reParser) class() (*reNode, error) {
	n := &reNode{kind: reClass}
	if p.more() && p.src[p.pos] == '^' {
		n.negated = true
		p.pos++
	}
	first := true
	for p.more() && (p.src[p.pos] != ']' || first) {
		first = false
		c := p.src[p.pos]
		p.pos++
		if c == '\\' {
			e, err := p.escape(true)
			if err != nil {
				return nil, err
			}
			if e.kind == reClass && !e.negated {
				n.ranges = append(n.ranges, e.ranges...)
				continue
			}
			c = e.r
		}
		lo, hi := c, c
		if p.pos+1 < len(p.src) && p.src[p.pos] == '-' && p.src[p.pos+1] != ']' {
			hi = p.src[p.pos+1]
			p.pos += 2
		}
		n.ranges = append(n.ranges, [2]rune{lo, hi})
	}
	if !p.more() {
		return nil, reSyntaxError{}
	}
	p.pos++ // ']'
	return n, nil
}

func (p *reParser) quantified(atom *reNode) (*reNode, error) {
	if !p.more() {
		return atom, nil
	}
	min, max := -1, -1
	switch p.src[p.pos] {
	case '?':
		min, max = 0, 1
		p.pos++
	case '*':
		min, max = 0, -1
		p.pos++
	case '+':
		min, max = 1, -1
		p.pos++
	case '{':
		end := p.pos + 1
		for end < len(p.src) && p.src[end] != '}' {
			end++
		}
		if end == len(p.src) {
			return nil, reSyntaxError{}
		}
		lo, hi, ok := parseBounds(string(p.src[p.pos+1 : end]))
		if !ok {
			return nil, reSyntaxError{}
		}
		min, max = lo, hi
		p.pos = end + 1
	default:
		return atom, nil
	}
	mode := byte('g')
	if p.more() && (p.src[p.pos] == '?' || p.src[p.pos] == '+') {
		mode = byte(p.src[p.pos])
		p.pos++
	}
	return &reNode{kind: reRepeat, subs: []*reNode{atom}, min: min, max: max, mode: mode}, nil
}

func parseBounds(s string) (int, int, bool) {
	num := func(t string) (int, bool) {
		if t == "" {
			return 0, false
		}
		v := 0
		for _, r := range t {
			if r < '0' || r > '9' {
				return 0, false
			}
			v = v*10 + int(r-'0')
		}
		return v, true
	}
	lo, hi, found := strings.Cut(s, ",")
	l, ok := num(lo)
	if !ok {
		return 0, 0, false
	}
	if !found {
		return l, l, true
	}
	if hi == "" {
		return l, -1, true
	}
	h, ok := num(hi)
	return l, h, ok && h >= l
}

// matches reports whether the whole of s matches.
func (re *nameRegex) matches(s string) bool {
	in := []rune(s)
	return re.match(re.root, in, 0, func(p int) bool { return p == len(in) })
}

func (re *nameRegex) match(n *reNode, in []rune, pos int, k func(int) bool) bool {
	switch n.kind {
	case reLit:
		return pos < len(in) && re.sameRune(in[pos], n.r) && k(pos+1)
	case reAny:
		return pos < len(in) && in[pos] != '\n' && k(pos+1)
	case reClass:
		return pos < len(in) && re.inClass(n, in[pos]) && k(pos+1)
	case reStart:
		return pos == 0 && k(pos)
	case reEnd:
		return pos == len(in) && k(pos)
	case reAlt:
		for _, s := range n.subs {
			if re.match(s, in, pos, k) {
				return true
			}
		}
		return false
	case reSeq:
		return re.seq(n.subs, in, pos, k)
	case reRepeat:
		return re.repeat(n, in, pos, 0, k)
	}
	return false
}

func (re *nameRegex) seq(subs []*reNode, in []rune, pos int, k func(int) bool) bool {
	if len(subs) == 0 {
		return k(pos)
	}
	return re.match(subs[0], in, pos, func(p int) bool { return re.seq(subs[1:], in, p, k) })
}

func (re *nameRegex) repeat(n *reNode, in []rune, pos, count int, k func(int) bool) bool {
	atom := n.subs[0]
	canMore := n.max < 0 || count < n.max
	switch n.mode {
	case '+':
		// Possessive: take as many repetitions as match, each its first match, and never
		// give any back.
		for canMore {
			next := -1
			re.match(atom, in, pos, func(p int) bool { next = p; return true })
			if next < 0 || next == pos {
				break
			}
			pos, count = next, count+1
			canMore = n.max < 0 || count < n.max
		}
		return count >= n.min && k(pos)
	case '?':
		if count >= n.min && k(pos) {
			return true
		}
		return canMore && re.match(atom, in, pos, func(p int) bool {
			return p != pos && re.repeat(n, in, p, count+1, k)
		})
	}
	if canMore && re.match(atom, in, pos, func(p int) bool {
		return p != pos && re.repeat(n, in, p, count+1, k)
	}) {
		return true
	}
	return count >= n.min && k(pos)
}

func (re *nameRegex) sameRune(x, y rune) bool {
	if x == y {
		return true
	}
	return re.fold && unicode.ToLower(x) == unicode.ToLower(y)
}

func (re *nameRegex) inClass(n *reNode, r rune) bool {
	in := false
	for _, rg := range n.ranges {
		if r >= rg[0] && r <= rg[1] {
			in = true
			break
		}
		if re.fold {
			l, u := unicode.ToLower(r), unicode.ToUpper(r)
			if (l >= rg[0] && l <= rg[1]) || (u >= rg[0] && u <= rg[1]) {
				in = true
				break
			}
		}
	}
	return in != n.negated
}
