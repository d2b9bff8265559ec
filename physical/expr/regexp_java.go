package expr

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"sync"
)

// The java.util.regex pattern language, read into a small tree (rxNode) with Java's
// rules: group numbering by opening parenthesis (named groups included), inline flags
// scoped to their group, \Q..\E quoting, comments mode, nested classes with && and Java's
// class names (\p{Alpha}, \p{IsLatin}, \p{javaLowerCase}, \h, \v, \R). The tree is then
// written out for one of two engines: Go's RE2 (linear time) when the pattern needs no
// backtracking, else the backtracking engine (regexp2, .NET syntax) for lookaround,
// backreferences, atomic groups, possessive quantifiers, \G and counts RE2 cannot
// compile. Both outputs hold no named groups (names are resolved here), no inline flags
// but for case-insensitive backreferences (classes and literals are case-folded here, as
// Java folds them) and only explicit character ranges, so that the engines' differences
// in those areas do not show.

type rxOp uint8

const (
	rxEmpty          rxOp = iota
	rxLiteral             // one rune, r
	rxClass               // set
	rxDot                 // '.': set is what it matches (by the DOTALL and UNIX_LINES flags)
	rxBegin               // \A, or ^ without MULTILINE
	rxBeginLine           // ^ with MULTILINE
	rxEndText             // \z
	rxEndInput            // $ without MULTILINE: the end, or before a final line terminator
	rxEndInputZ           // \Z: the same
	rxEndLine             // $ with MULTILINE
	rxWordBoundary        // \b
	rxNoWordBoundary      // \B
	rxLastMatch           // \G
	rxLineBreak           // \R
	rxGrapheme            // \X
	rxConcat
	rxAlternate
	rxCapture // cap, subs[0]
	rxGroup   // non-capturing, subs[0]
	rxLookahead
	rxNegLookahead
	rxLookbehind
	rxNegLookbehind
	rxAtomic
	rxRepeat  // min, max (-1: unbounded), kind, subs[0]
	rxBackref // cap, fold
)

type rxRepeatKind uint8

const (
	rxGreedy rxRepeatKind = iota
	rxLazy
	rxPossessive
)

type rxNode struct {
	op       rxOp
	r        rune
	set      runeSet
	subs     []*rxNode
	cap      int
	min, max int
	kind     rxRepeatKind
	fold     bool // a case-insensitive backreference
}

// Java's flags (Pattern.CASE_INSENSITIVE, ...).
const (
	jfUnixLines    = 0x01
	jfCaseInsens   = 0x02
	jfComments     = 0x04
	jfMultiline    = 0x08
	jfDotAll       = 0x20
	jfUnicodeCase  = 0x40
	jfUnicodeClass = 0x100
)

// javaPattern is a parsed java.util.regex pattern.
type javaPattern struct {
	root   *rxNode
	groups int            // capturing groups
	names  map[string]int // named groups by name
	// backtrack: the pattern needs the backtracking engine.
	backtrack bool
	// The constructs RE2 reads as Java only for some inputs. endInput: $ or \Z, for
	// inputs that do not end with a line terminator; multiLine: ^ or $ under MULTILINE,
	// and lineDot: '.' without DOTALL or UNIX_LINES, for inputs whose only line
	// terminator is '\n'; caretLine: ^ under MULTILINE, for inputs that are not empty and
	// do not end with '\n'; wordBoundary: \b or \B, for ASCII input.
	endInput, multiLine, lineDot, caretLine, wordBoundary bool
	// mayBeEmpty: the pattern can match the empty string.
	mayBeEmpty bool
}

// scan records the constructs RE2 reads as Java only for some inputs.
func (jp *javaPattern) scan(n *rxNode) {
	switch n.op {
	case rxBeginLine:
		jp.multiLine, jp.caretLine = true, true
	case rxEndLine:
		jp.multiLine = true
	case rxEndInput, rxEndInputZ:
		jp.endInput = true
	case rxWordBoundary, rxNoWordBoundary:
		jp.wordBoundary = true
	case rxDot:
		if !n.set.contains('\r') {
			jp.lineDot = true
		}
	}
	for _, s := range n.subs {
		jp.scan(s)
	}
}

// javaSyntaxError is a PatternSyntaxException.
type javaSyntaxError struct{ msg string }

func (e *javaSyntaxError) Error() string { return e.msg }

// javaUnsupported is a feature of Java's patterns neither engine has.
type javaUnsupported struct{ feature string }

func (e *javaUnsupported) Error() string { return e.feature }

type javaParser struct {
	p      []rune
	pos    int
	flags  int
	groups int
	names  map[string]int
	bt     bool
	depth  int
}

// maxRegexNesting bounds the nesting of groups and classes, so that a pattern cannot
// exhaust the stack.
const maxRegexNesting = 1000

// parseJavaRegex reads pattern as Pattern.compile(pattern, flags) does.
func parseJavaRegex(pattern string, flags int) (jp *javaPattern, err error) {
	p := &javaParser{p: removeQEQuoting([]rune(pattern)), flags: flags}
	defer func() {
		if r := recover(); r != nil {
			switch e := r.(type) {
			case *javaSyntaxError:
				err = e
			case *javaUnsupported:
				err = e
			default:
				panic(r)
			}
		}
	}()
	root := p.expr()
	if p.more() {
		// Only an unmatched ')' stops the top-level expression early.
		p.fail("Unmatched closing ')'")
	}
	jp = &javaPattern{root: root, groups: p.groups, names: p.names, backtrack: p.bt}
	jp.scan(root)
	jp.mayBeEmpty = matchesEmpty(root)
	return jp, nil
}

// removeQEQuoting turns \Q...\E into escaped characters, as Pattern.RemoveQEQuoting does
// before parsing (so that quoting works inside classes too).
func removeQEQuoting(p []rune) []rune {
	i := 0
	for i < len(p)-1 && !(p[i] == '\\' && p[i+1] == 'Q') {
		if p[i] == '\\' {
			i++
		}
		i++
	}
	if i >= len(p)-1 {
		return p
	}
	out := make([]rune, 0, len(p)+8)
	out = append(out, p[:i]...)
	i += 2
	inQuote := true
	for i < len(p) {
		c := p[i]
		i++
		if !inQuote {
			if c == '\\' && i < len(p) {
				if p[i] == 'Q' {
					i++
					inQuote = true
					continue
				}
				out = append(out, c, p[i])
				i++
				continue
			}
			out = append(out, c)
			continue
		}
		if c == '\\' && i < len(p) && p[i] == 'E' {
			i++
			inQuote = false
			continue
		}
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			out = append(out, c)
		} else {
			out = append(out, '\\', c)
		}
	}
	return out
}

func (p *javaParser) fail(msg string) {
	panic(&javaSyntaxError{msg: fmt.Sprintf("%s near index %d", msg, p.pos)})
}

func (p *javaParser) unsupported(feature string) {
	panic(&javaUnsupported{feature: feature})
}

func (p *javaParser) has(f int) bool { return p.flags&f != 0 }
func (p *javaParser) more() bool     { return p.pos < len(p.p) }

// skipComments passes white space and # comments in comments mode.
func (p *javaParser) skipComments() {
	if !p.has(jfComments) {
		return
	}
	for p.pos < len(p.p) {
		c := p.p[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\x0B' || c == '\f' || c == '\r':
			p.pos++
		case c == '#':
			for p.pos < len(p.p) && !isJavaLineTerminator(p.p[p.pos]) {
				p.pos++
			}
		default:
			return
		}
	}
}

func isJavaLineTerminator(c rune) bool {
	return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029
}

// peek is the next character (past comments), -1 at the end.
func (p *javaParser) peek() rune {
	p.skipComments()
	if p.pos >= len(p.p) {
		return -1
	}
	return p.p[p.pos]
}

// read consumes and returns the next raw character, -1 at the end.
func (p *javaParser) read() rune {
	if p.pos >= len(p.p) {
		p.pos++
		return -1
	}
	c := p.p[p.pos]
	p.pos++
	return c
}

func (p *javaParser) enter() {
	p.depth++
	if p.depth > maxRegexNesting {
		p.fail("Pattern too deeply nested")
	}
}

func (p *javaParser) leave() { p.depth-- }

func (p *javaParser) expr() *rxNode {
	var alts []*rxNode
	for {
		alts = append(alts, p.sequence())
		if p.peek() != '|' {
			break
		}
		p.pos++
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return &rxNode{op: rxAlternate, subs: alts}
}

func (p *javaParser) sequence() *rxNode {
	var items []*rxNode
loop:
	for {
		var n *rxNode
		switch c := p.peek(); c {
		case -1, '|', ')':
			break loop
		case '(':
			if g := p.group(); g != nil {
				items = append(items, g)
			}
			continue
		case '[':
			p.pos++
			p.enter()
			n = p.classNode(p.class(true))
			p.leave()
		case '^':
			p.pos++
			n = &rxNode{op: rxBegin}
			if p.has(jfMultiline) {
				n.op = rxBeginLine
			}
		case '$':
			p.pos++
			n = &rxNode{op: rxEndInput}
			if p.has(jfMultiline) {
				n.op = rxEndLine
			}
		case '.':
			p.pos++
			switch {
			case p.has(jfDotAll):
				n = &rxNode{op: rxDot, set: allRunes}
			case p.has(jfUnixLines):
				n = &rxNode{op: rxDot, set: singleRune('\n').negate()}
			default:
				n = &rxNode{op: rxDot, set: lineTerminators.negate()}
			}
		case '?', '*', '+':
			p.pos++
			p.fail(fmt.Sprintf("Dangling meta character '%c'", c))
		case '{':
			// Java reads '{' where an atom should be as an empty atom, which a counted
			// closure then repeats; anything else is an illegal repetition.
			n = &rxNode{op: rxEmpty}
		case '\\':
			n = p.escapeAtom()
		default:
			p.pos++
			n = p.literal(c)
		}
		items = append(items, p.closure(n))
	}
	switch len(items) {
	case 0:
		return &rxNode{op: rxEmpty}
	case 1:
		return items[0]
	}
	return &rxNode{op: rxConcat, subs: items}
}

// literal is one character, case-folded as Java folds it under CASE_INSENSITIVE.
func (p *javaParser) literal(c rune) *rxNode {
	if p.has(jfCaseInsens) {
		s := singleRune(c).foldCase(p.has(jfUnicodeCase))
		if _, one := s.single(); !one {
			return &rxNode{op: rxClass, set: s}
		}
	}
	return &rxNode{op: rxLiteral, r: c}
}

func (p *javaParser) classNode(s runeSet) *rxNode {
	if c, ok := s.single(); ok {
		return &rxNode{op: rxLiteral, r: c}
	}
	return &rxNode{op: rxClass, set: s}
}

// group reads a parenthesized group; nil for an inline flag setting.
func (p *javaParser) group() *rxNode {
	p.pos++ // (
	p.enter()
	defer p.leave()
	saved := p.flags
	var n *rxNode
	if p.peek() == '?' {
		p.pos++
		c := p.read()
		switch c {
		case ':':
			n = &rxNode{op: rxGroup, subs: []*rxNode{p.expr()}}
		case '=', '!':
			op := rxLookahead
			if c == '!' {
				op = rxNegLookahead
			}
			p.bt = true
			n = &rxNode{op: op, subs: []*rxNode{p.expr()}}
		case '>':
			p.bt = true
			n = &rxNode{op: rxAtomic, subs: []*rxNode{p.expr()}}
		case '<':
			c = p.read()
			if c != '=' && c != '!' {
				name := p.groupName(c)
				if _, dup := p.names[name]; dup {
					p.fail("Named capturing group <" + name + "> is already defined")
				}
				p.groups++
				idx := p.groups
				if p.names == nil {
					p.names = map[string]int{}
				}
				p.names[name] = idx
				n = &rxNode{op: rxCapture, cap: idx, subs: []*rxNode{p.expr()}}
				break
			}
			op := rxLookbehind
			if c == '!' {
				op = rxNegLookbehind
			}
			p.bt = true
			sub := p.expr()
			if _, ok := maxLength(sub); !ok {
				p.fail("Look-behind group does not have an obvious maximum length")
			}
			n = &rxNode{op: op, subs: []*rxNode{sub}}
		case '$', '@':
			p.fail("Unknown group type")
		default:
			p.pos--
			p.addFlags()
			c = p.read()
			if c == ')' {
				return nil // the flags hold for the rest of the enclosing group
			}
			if c != ':' {
				p.fail("Unknown inline modifier")
			}
			n = &rxNode{op: rxGroup, subs: []*rxNode{p.expr()}}
		}
	} else {
		p.groups++
		idx := p.groups
		n = &rxNode{op: rxCapture, cap: idx, subs: []*rxNode{p.expr()}}
	}
	if p.peek() != ')' {
		p.fail("Unclosed group")
	}
	p.pos++
	p.flags = saved
	return p.closure(n)
}

func (p *javaParser) groupName(c rune) string {
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		p.fail("capturing group name does not start with a Latin letter")
	}
	var b strings.Builder
	for {
		b.WriteRune(c)
		c = p.read()
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			break
		}
	}
	if c != '>' {
		p.fail("named capturing group is missing trailing '>'")
	}
	return b.String()
}

// addFlags reads the flags of (?idmsuxU-idmsuxU).
func (p *javaParser) addFlags() {
	on := true
	for p.more() {
		var f int
		switch p.p[p.pos] {
		case 'i':
			f = jfCaseInsens
		case 'm':
			f = jfMultiline
		case 's':
			f = jfDotAll
		case 'd':
			f = jfUnixLines
		case 'u':
			f = jfUnicodeCase
		case 'c':
			f = 0 // CANON_EQ: canonical equivalence is not modelled
		case 'x':
			f = jfComments
		case 'U':
			f = jfUnicodeClass | jfUnicodeCase
		case '-':
			if !on {
				return
			}
			on = false
			p.pos++
			continue
		default:
			return
		}
		if on {
			p.flags |= f
		} else {
			p.flags &^= f
		}
		p.pos++
	}
}

// closure reads the quantifier after an atom, if any.
func (p *javaParser) closure(n *rxNode) *rxNode {
	min, max := 0, 0
	switch p.peek() {
	case '?':
		p.pos++
		min, max = 0, 1
	case '*':
		p.pos++
		min, max = 0, -1
	case '+':
		p.pos++
		min, max = 1, -1
	case '{':
		p.pos++
		c := p.peek()
		if c < '0' || c > '9' {
			p.pos++
			p.fail("Illegal repetition")
		}
		min = p.number()
		max = min
		if p.peek() == ',' {
			p.pos++
			if p.peek() == '}' {
				max = -1
			} else {
				max = 0
				if c := p.peek(); c >= '0' && c <= '9' {
					max = p.number()
				}
			}
		}
		if p.peek() != '}' {
			p.pos++
			p.fail("Unclosed counted closure")
		}
		p.pos++
		if max >= 0 && max < min {
			p.fail("Illegal repetition range")
		}
	default:
		return n
	}
	kind := rxGreedy
	switch p.peek() {
	case '?':
		p.pos++
		kind = rxLazy
	case '+':
		p.pos++
		kind = rxPossessive
		p.bt = true
	}
	return &rxNode{op: rxRepeat, min: min, max: max, kind: kind, subs: []*rxNode{n}}
}

func (p *javaParser) number() int {
	n := 0
	for {
		c := p.peek()
		if c < '0' || c > '9' {
			return n
		}
		n = n*10 + int(c-'0')
		if n > 0x7FFFFFFF {
			p.fail("Illegal repetition range")
		}
		p.pos++
	}
}

// escapeAtom reads a backslash escape outside a class.
func (p *javaParser) escapeAtom() *rxNode {
	p.pos++ // backslash
	c := p.read()
	switch c {
	case -1:
		p.fail("Unexpected internal error")
	case 'p', 'P':
		return p.classNode(p.family(c == 'P'))
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		ref := int(c - '0')
		for p.more() {
			d := p.p[p.pos]
			if d < '0' || d > '9' {
				break
			}
			next := ref*10 + int(d-'0')
			if next > p.groups {
				break
			}
			ref = next
			p.pos++
		}
		p.bt = true
		return &rxNode{op: rxBackref, cap: ref, fold: p.has(jfCaseInsens)}
	case 'k':
		if p.read() != '<' {
			p.fail(`\k is not followed by '<' for named capturing group`)
		}
		name := p.groupName(p.read())
		idx, ok := p.names[name]
		if !ok {
			p.fail("named capturing group <" + name + "> does not exist")
		}
		p.bt = true
		return &rxNode{op: rxBackref, cap: idx, fold: p.has(jfCaseInsens)}
	case 'A':
		return &rxNode{op: rxBegin}
	case 'z':
		return &rxNode{op: rxEndText}
	case 'Z':
		return &rxNode{op: rxEndInputZ}
	case 'G':
		p.bt = true
		return &rxNode{op: rxLastMatch}
	case 'b':
		if p.peek() == '{' {
			p.unsupported(`regular expressions with \b{g}`)
		}
		return &rxNode{op: rxWordBoundary}
	case 'B':
		return &rxNode{op: rxNoWordBoundary}
	case 'R':
		return &rxNode{op: rxLineBreak}
	case 'X':
		return &rxNode{op: rxGrapheme}
	}
	p.pos--
	s, r, isChar := p.escape(false, false)
	if !isChar {
		return p.classNode(s)
	}
	return p.literal(r)
}

// escape reads the escape after a backslash (p.pos at its letter) as a character, or as
// a predefined class. Escapes that only make sense outside a class are the caller's.
func (p *javaParser) escape(inClass, isRange bool) (runeSet, rune, bool) {
	c := p.read()
	switch c {
	case '0':
		return nil, p.octal(), true
	case 'a':
		return nil, 7, true
	case 'e':
		return nil, 0x1B, true
	case 'f':
		return nil, '\f', true
	case 'n':
		return nil, '\n', true
	case 'r':
		return nil, '\r', true
	case 't':
		return nil, '\t', true
	case 'c':
		if !p.more() {
			p.fail("Illegal control escape sequence")
		}
		return nil, p.read() ^ 64, true
	case 'x':
		return nil, p.hex(), true
	case 'u':
		return nil, p.unicodeEscape(), true
	case 'N':
		p.unsupported(`regular expressions with \N{name}`)
	case 'd', 'D':
		s := asciiDigit
		if p.has(jfUnicodeClass) {
			s = unicodeDigit()
		}
		return negIf(s, c == 'D'), 0, false
	case 's', 'S':
		s := asciiSpace
		if p.has(jfUnicodeClass) {
			s = unicodeSpace()
		}
		return negIf(s, c == 'S'), 0, false
	case 'w', 'W':
		s := asciiWord
		if p.has(jfUnicodeClass) {
			s = unicodeWord()
		}
		return negIf(s, c == 'W'), 0, false
	case 'h', 'H':
		return negIf(horizWS, c == 'H'), 0, false
	case 'v', 'V':
		if c == 'v' && isRange {
			return nil, 0x0B, true
		}
		return negIf(vertWS, c == 'V'), 0, false
	}
	if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') || c == -1 {
		p.fail("Illegal/unsupported escape sequence")
	}
	return nil, c, true
}

func negIf(s runeSet, neg bool) runeSet {
	if neg {
		return s.negate()
	}
	return s
}

func (p *javaParser) octal() rune {
	isOct := func(c rune) bool { return c >= '0' && c <= '7' }
	n := p.read()
	if !isOct(n) {
		p.fail("Illegal octal escape sequence")
	}
	if !p.more() || !isOct(p.p[p.pos]) {
		return n - '0'
	}
	m := p.read()
	if p.more() && isOct(p.p[p.pos]) && n <= '3' {
		o := p.read()
		return (n-'0')*64 + (m-'0')*8 + (o - '0')
	}
	return (n-'0')*8 + (m - '0')
}

func hexVal(c rune) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *javaParser) hex() rune {
	n := p.read()
	if hexVal(n) >= 0 {
		if m := p.read(); hexVal(m) >= 0 {
			return rune(hexVal(n)*16 + hexVal(m))
		}
	} else if n == '{' && p.more() && hexVal(p.p[p.pos]) >= 0 {
		v := 0
		for {
			c := p.read()
			if hexVal(c) < 0 {
				if c != '}' {
					p.fail("Unclosed hexadecimal escape sequence")
				}
				return rune(v)
			}
			v = v<<4 + hexVal(c)
			if v > maxRune {
				p.fail("Hexadecimal codepoint is too big")
			}
		}
	}
	p.fail("Illegal hexadecimal escape sequence")
	return 0
}

func (p *javaParser) uxxxx() rune {
	v := 0
	for range 4 {
		d := hexVal(p.read())
		if d < 0 {
			p.fail("Illegal Unicode escape sequence")
		}
		v = v*16 + d
	}
	return rune(v)
}

// unicodeEscape is \uXXXX, a surrogate pair of two such escapes making one code point.
func (p *javaParser) unicodeEscape() rune {
	n := p.uxxxx()
	if n >= 0xD800 && n < 0xDC00 {
		save := p.pos
		if p.read() == '\\' && p.read() == 'u' {
			m := p.uxxxx()
			if m >= 0xDC00 && m < 0xE000 {
				return (n-0xD800)<<10 + (m - 0xDC00) + 0x10000
			}
		}
		p.pos = save
	}
	return n
}

// family reads the name of \p{name} or \pL (p.pos after the p) and returns its set.
func (p *javaParser) family(complement bool) runeSet {
	var name string
	if p.peek() == '{' {
		p.pos++
		end := p.pos
		for end < len(p.p) && p.p[end] != '}' {
			end++
		}
		if end >= len(p.p) {
			p.pos = end
			p.fail("Unclosed character family")
		}
		if end == p.pos {
			p.fail("Empty character family")
		}
		name = string(p.p[p.pos:end])
		p.pos = end + 1
	} else {
		c := p.read()
		if c < 0 {
			p.fail("Illegal character family")
		}
		name = string(c)
	}
	ci := p.has(jfCaseInsens)
	var s runeSet
	ok := false
	if k := strings.IndexByte(name, '='); k >= 0 {
		key, value := strings.ToLower(name[:k]), name[k+1:]
		switch key {
		case "sc", "script":
			s, ok = unicodeScript(value)
		case "blk", "block":
			p.unsupported("regular expressions with Unicode blocks")
		case "gc", "general_category":
			s, ok = categoryOrJava(value, ci)
		}
		if !ok {
			p.fail("Unknown Unicode property {name=<" + key + ">, value=<" + value + ">}")
		}
	} else {
		switch {
		case strings.HasPrefix(name, "In"):
			p.unsupported("regular expressions with Unicode blocks")
		case strings.HasPrefix(name, "Is"):
			short := name[2:]
			if s, ok = unicodeProperty(short); !ok {
				if s, ok = categoryOrJava(short, ci); !ok {
					s, ok = unicodeScript(short)
				}
			}
		default:
			if p.has(jfUnicodeClass) {
				s, ok = posixUnicode(name)
			}
			if !ok {
				s, ok = categoryOrJava(name, ci)
			}
		}
		if !ok {
			p.fail("Unknown character property name {" + name + "}")
		}
	}
	return negIf(s, complement)
}

// class reads a character class after its '[' (Java's clazz), up to and, with consume,
// including its ']'.
func (p *javaParser) class(consume bool) runeSet {
	var prev runeSet
	havePrev := false
	neg := false
	if p.peek() == '^' && p.p[p.pos-1] == '[' {
		p.pos++
		neg = true
	}
	add := func(s runeSet) {
		if !havePrev {
			prev, havePrev = s, true
			return
		}
		prev = prev.union(s)
	}
	for {
		c := p.peek()
		switch c {
		case '[':
			p.pos++
			p.enter()
			add(p.class(true))
			p.leave()
			continue
		case '&':
			if p.pos+1 < len(p.p) && p.p[p.pos+1] == '&' {
				p.pos += 2
				var right runeSet
				haveRight := false
				for {
					c := p.peek()
					if c == ']' || c == '&' || c == -1 {
						break
					}
					var s runeSet
					if c == '[' {
						p.pos++
						p.enter()
						s = p.class(true)
						p.leave()
					} else {
						s = p.class(false)
					}
					if haveRight {
						right = right.union(s)
					} else {
						right, haveRight = s, true
					}
				}
				if !havePrev {
					if !haveRight {
						p.fail("Bad class syntax")
					}
					prev, havePrev = right, true
				} else if haveRight {
					prev = prev.intersect(right)
				}
				continue
			}
		case -1:
			p.fail("Unclosed character class")
		case ']':
			if havePrev {
				if consume {
					p.pos++
				}
				return negIf(prev, neg)
			}
		}
		add(p.classRange())
	}
}

// classRange reads one member of a class: a character, a range, a predefined class or a
// property.
func (p *javaParser) classRange() runeSet {
	c := p.peek()
	var lo rune
	if c == '\\' {
		p.pos++
		switch d := p.peek(); d {
		case 'p', 'P':
			p.pos++
			return p.family(d == 'P')
		case 'Q', 'E':
			p.fail("Illegal/unsupported escape sequence")
		}
		isRange := p.pos+1 < len(p.p) && p.p[p.pos+1] == '-'
		s, r, isChar := p.escape(true, isRange)
		if !isChar {
			return s
		}
		lo = r
	} else {
		p.pos++
		lo = c
	}
	if p.peek() == '-' && p.pos+1 < len(p.p) {
		end := p.p[p.pos+1]
		if end != '[' && end != ']' {
			p.pos++
			var hi rune
			if p.peek() == '\\' {
				p.pos++
				_, r, isChar := p.escape(true, true)
				if !isChar {
					p.fail("Illegal character range")
				}
				hi = r
			} else {
				hi = p.read()
			}
			if hi < lo {
				p.fail("Illegal character range")
			}
			return p.caseSet(runeRange(lo, hi))
		}
	}
	return p.caseSet(singleRune(lo))
}

func (p *javaParser) caseSet(s runeSet) runeSet {
	if p.has(jfCaseInsens) {
		return s.foldCase(p.has(jfUnicodeCase))
	}
	return s
}

// maxLength is the longest match of n in characters; false when unbounded (or unknown,
// as for a backreference), as Java's TreeInfo computes it for look-behind.
func maxLength(n *rxNode) (int, bool) {
	switch n.op {
	case rxLiteral, rxClass, rxDot:
		return 1, true
	case rxLineBreak:
		return 2, true
	case rxGrapheme, rxBackref:
		return 0, false
	case rxConcat:
		total := 0
		for _, s := range n.subs {
			m, ok := maxLength(s)
			if !ok {
				return 0, false
			}
			total += m
		}
		return total, true
	case rxAlternate:
		best := 0
		for _, s := range n.subs {
			m, ok := maxLength(s)
			if !ok {
				return 0, false
			}
			best = max(best, m)
		}
		return best, true
	case rxCapture, rxGroup, rxAtomic:
		return maxLength(n.subs[0])
	case rxRepeat:
		if n.max < 0 {
			if m, ok := maxLength(n.subs[0]); ok && m == 0 {
				return 0, true
			}
			return 0, false
		}
		m, ok := maxLength(n.subs[0])
		return m * n.max, ok
	}
	return 0, true
}

// matchesEmpty reports whether n can match the empty string.
func matchesEmpty(n *rxNode) bool {
	switch n.op {
	case rxLiteral, rxClass, rxDot, rxLineBreak, rxGrapheme:
		return false
	case rxConcat:
		for _, s := range n.subs {
			if !matchesEmpty(s) {
				return false
			}
		}
		return true
	case rxAlternate:
		for _, s := range n.subs {
			if matchesEmpty(s) {
				return true
			}
		}
		return false
	case rxCapture, rxGroup, rxAtomic:
		return matchesEmpty(n.subs[0])
	case rxRepeat:
		return n.min == 0 || matchesEmpty(n.subs[0])
	}
	// Assertions, and backreferences (to a group that may be empty).
	return true
}

// rxTarget is the engine a pattern is written for.
type rxTarget uint8

const (
	rxRE2 rxTarget = iota
	rxBacktrack
)

// emit writes the pattern for target.
func (jp *javaPattern) emit(target rxTarget) string {
	var b strings.Builder
	emitNode(&b, jp.root, target, jp.groups)
	return b.String()
}

func emitNode(b *strings.Builder, n *rxNode, t rxTarget, groups int) {
	switch n.op {
	case rxEmpty:
		b.WriteString("(?:)")
	case rxLiteral:
		emitRune(b, n.r)
	case rxClass:
		emitSet(b, n.set)
	case rxDot:
		// RE2's own '.' (all but '\n') keeps its fast paths: it is Java's dot on inputs
		// without the other line terminators, which javaRegex leaves to RE2.
		switch {
		case t == rxBacktrack:
			emitSet(b, n.set)
		case n.set.contains('\n'):
			b.WriteString(`(?s:.)`)
		default:
			b.WriteByte('.')
		}
	case rxBegin:
		b.WriteString(`\A`)
	case rxBeginLine:
		if t == rxRE2 {
			b.WriteString(`(?m:^)`)
		} else {
			// At the start or after a line terminator (not inside \r\n), never at the end.
			b.WriteString(`(?<![^\n\r\x{85}\x{2028}\x{2029}])(?<!\r(?=\n))(?!\z)`)
		}
	case rxEndText:
		b.WriteString(`\z`)
	// RE2's line anchors know only '\n' (and ^ matches at the end after one): they are
	// exact for inputs without other line terminators that do not end with one, which
	// javaRegex leaves to RE2; the backtracking engine has Java's rules.
	case rxEndInput, rxEndInputZ:
		if t == rxRE2 {
			b.WriteString(`\z`)
		} else {
			b.WriteString(`(?=(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z)`)
		}
	case rxEndLine:
		if t == rxRE2 {
			b.WriteString(`(?m:$)`)
		} else {
			b.WriteString(`(?=\r\n|(?<!\r)\n|[\r\x{85}\x{2028}\x{2029}]|\z)`)
		}
	case rxWordBoundary:
		b.WriteString(`\b`)
	case rxNoWordBoundary:
		b.WriteString(`\B`)
	case rxLastMatch:
		b.WriteString(`\G`)
	case rxLineBreak:
		if t == rxRE2 {
			b.WriteString(`(?:\r\n|[\n\x0B\f\r\x{85}\x{2028}\x{2029}])`)
		} else {
			b.WriteString(`(?>\r\n|[\n\x0B\f\r\x{85}\x{2028}\x{2029}])`)
		}
	case rxGrapheme:
		// An approximation of an extended grapheme cluster: CR LF, or a character with
		// the combining marks after it.
		b.WriteString(`(?:\r\n|\P{M}\p{M}*|\p{M}+)`)
	case rxConcat:
		for _, s := range n.subs {
			if s.op == rxAlternate {
				b.WriteString("(?:")
				emitNode(b, s, t, groups)
				b.WriteString(")")
				continue
			}
			emitNode(b, s, t, groups)
		}
	case rxAlternate:
		for i, s := range n.subs {
			if i > 0 {
				b.WriteByte('|')
			}
			emitNode(b, s, t, groups)
		}
	case rxCapture:
		b.WriteByte('(')
		emitNode(b, n.subs[0], t, groups)
		b.WriteByte(')')
	case rxGroup:
		b.WriteString("(?:")
		emitNode(b, n.subs[0], t, groups)
		b.WriteByte(')')
	case rxLookahead, rxNegLookahead, rxLookbehind, rxNegLookbehind, rxAtomic:
		b.WriteString(map[rxOp]string{rxLookahead: "(?=", rxNegLookahead: "(?!", rxLookbehind: "(?<=",
			rxNegLookbehind: "(?<!", rxAtomic: "(?>"}[n.op])
		emitNode(b, n.subs[0], t, groups)
		b.WriteByte(')')
	case rxRepeat:
		if n.kind == rxPossessive {
			b.WriteString("(?>")
		}
		sub := n.subs[0]
		switch sub.op {
		case rxLiteral, rxClass, rxDot, rxCapture, rxGroup, rxAtomic, rxLookahead, rxNegLookahead,
			rxLookbehind, rxNegLookbehind, rxLineBreak, rxGrapheme:
			emitNode(b, sub, t, groups)
		default:
			b.WriteString("(?:")
			emitNode(b, sub, t, groups)
			b.WriteByte(')')
		}
		switch {
		case n.min == 0 && n.max == 1:
			b.WriteByte('?')
		case n.min == 0 && n.max < 0:
			b.WriteByte('*')
		case n.min == 1 && n.max < 0:
			b.WriteByte('+')
		case n.max < 0:
			fmt.Fprintf(b, "{%d,}", n.min)
		case n.min == n.max:
			fmt.Fprintf(b, "{%d}", n.min)
		default:
			fmt.Fprintf(b, "{%d,%d}", n.min, n.max)
		}
		if n.kind == rxLazy {
			b.WriteByte('?')
		}
		if n.kind == rxPossessive {
			b.WriteByte(')')
		}
	case rxBackref:
		switch {
		case n.cap > groups:
			b.WriteString("(?!)") // a group that does not exist never matched
		case n.fold:
			fmt.Fprintf(b, `(?i:\k<%d>)`, n.cap)
		default:
			fmt.Fprintf(b, `\k<%d>`, n.cap)
		}
	}
}

func emitRune(b *strings.Builder, r rune) {
	switch {
	case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ' || r == '_':
		b.WriteRune(r)
	case r < 0x80 && r > ' ' && r != 0x7F && r != '<' && r != '>' && r != '\'':
		b.WriteByte('\\')
		b.WriteRune(r)
	case r >= 0xA0 && r < 0xD800 && r != 0xAD:
		b.WriteRune(r)
	default:
		b.WriteString(`\x{`)
		b.WriteString(strconv.FormatInt(int64(r), 16))
		b.WriteByte('}')
	}
}

func emitClassRune(b *strings.Builder, r rune) {
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		b.WriteRune(r)
		return
	}
	b.WriteString(`\x{`)
	b.WriteString(strconv.FormatInt(int64(r), 16))
	b.WriteByte('}')
}

// emitSet writes a class as explicit ranges, negated when that is shorter.
func emitSet(b *strings.Builder, s runeSet) {
	if c, ok := s.single(); ok {
		emitRune(b, c)
		return
	}
	b.WriteByte('[')
	if len(s) == 0 {
		// The empty class: nothing matches.
		b.WriteString(`^\x{0}-\x{10ffff}]`)
		return
	}
	if neg := s.negate(); len(neg) > 0 && len(neg) < len(s) {
		b.WriteByte('^')
		s = neg
	}
	for i := 0; i < len(s); i += 2 {
		emitClassRune(b, s[i])
		if s[i+1] != s[i] {
			b.WriteByte('-')
			emitClassRune(b, s[i+1])
		}
	}
	b.WriteByte(']')
}

// javaFindAll lists the matches java.util.regex.Matcher.find() reports one after another
// (as FindAllSubmatchIndex does). Go drops an empty match that starts where the previous
// match ended; Java keeps it: '(\d+)?' over "1a" finds "1", "" at 1 and "" at 2, Go only
// "1" and "" at 2. The empty match Go dropped is found again by matching the rest of the
// input, which is exact unless the pattern looks behind the position (^, \A, \b, \B): for
// those patterns Go's answer stands.
// mayBeEmpty says whether the pattern can match the empty string at all; when it cannot,
// there is nothing to restore.
func javaFindAll(re *regexp.Regexp, s []byte, mayBeEmpty bool) [][]int {
	ms := re.FindAllSubmatchIndex(s, -1)
	if !mayBeEmpty || !restartable(re) {
		return ms
	}
	var out [][]int
	for k, m := range ms {
		out = append(out, m)
		e := m[1]
		if m[0] == e || (k+1 < len(ms) && ms[k+1][0] == e) {
			continue
		}
		r := re.FindSubmatchIndex(s[e:])
		if r == nil || r[0] != 0 || r[1] != 0 {
			continue
		}
		for j := range r {
			if r[j] >= 0 {
				r[j] += e
			}
		}
		if out == nil {
			out = make([][]int, 0, len(ms)+1)
		}
		out = append(out, r)
	}
	return out
}

var restartableCache sync.Map // *regexp.Regexp -> bool

// restartable reports whether matching re at a position of the input gives the same as
// matching the input from that position on: re has no assertion about what precedes.
func restartable(re *regexp.Regexp) bool {
	if v, ok := restartableCache.Load(re); ok {
		return v.(bool)
	}
	ok := false
	if t, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		ok = !looksBehind(t)
	}
	restartableCache.Store(re, ok)
	return ok
}

func looksBehind(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, s := range t.Sub {
		if looksBehind(s) {
			return true
		}
	}
	return false
}
