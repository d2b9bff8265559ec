package textdata

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a JSON value (Jackson's token for it).
type Kind uint8

const (
	Null   Kind = iota
	True        // VALUE_TRUE
	False       // VALUE_FALSE
	Int         // VALUE_NUMBER_INT
	Float       // VALUE_NUMBER_FLOAT, including NaN and the infinities when allowed
	String      // VALUE_STRING
	Object      // START_OBJECT
	Array       // START_ARRAY
)

// JSONSyntax is the set of Jackson read features a parser enables.
type JSONSyntax struct {
	SingleQuotes        bool // ALLOW_SINGLE_QUOTES
	NonNumericNumbers   bool // ALLOW_NON_NUMERIC_NUMBERS: NaN, Infinity, +Infinity, -Infinity, INF
	LeadingZeros        bool // ALLOW_LEADING_ZEROS_FOR_NUMBERS
	ControlChars        bool // ALLOW_UNESCAPED_CONTROL_CHARS
	BackslashAny        bool // ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER
	UnquotedFieldNames  bool // ALLOW_UNQUOTED_FIELD_NAMES
	Comments            bool // ALLOW_COMMENTS (/* */ and //)
	LeadingDecimalPoint bool // ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS
}

// SparkDefaults is the syntax of Spark's JSONOptions with no options given: single quotes
// and non-numeric numbers are allowed.
var SparkDefaults = JSONSyntax{SingleQuotes: true, NonNumericNumbers: true}

// HiveSyntax is the factory get_json_object and json_tuple use: unescaped control
// characters and single quotes.
var HiveSyntax = JSONSyntax{SingleQuotes: true, ControlChars: true}

// Node is one parsed JSON value. Children of objects and arrays are linked through
// First and Next (-1 ends the list); members of objects carry their key.
type Node struct {
	Kind Kind
	// the decoded string, or the number's text (leading zeros removed)
	tOff, tEnd int32
	tArena     bool
	kOff, kEnd int32
	kArena     bool
	// Raw source extent of the value.
	RawStart, RawEnd int32
	First, Next      int32
	// Len is the number of members or elements.
	Len int32
}

// MaxDepth is Jackson's default maximum nesting depth.
const MaxDepth = 1000

// ErrSyntax is returned for malformed JSON.
var ErrSyntax = errors.New("malformed JSON")

// Parser parses one JSON document at a time into a flat slice of nodes; reuse it between
// rows to avoid allocation.
type Parser struct {
	Syntax JSONSyntax
	src    []byte
	pos    int
	nodes  []Node
	arena  []byte
	depth  int
}

// Parse parses the first value of src. Text after it is not read, as Jackson's parser is
// not asked for a second token by Spark's functions (except that a root-level number must
// end at a blank). It returns the root index, or -1 when src holds only
// blanks.
func (p *Parser) Parse(src []byte) (int32, error) {
	p.src, p.pos, p.nodes, p.arena, p.depth = src, 0, p.nodes[:0], p.arena[:0], 0
	if err := p.skipBlank(); err != nil {
		return -1, err
	}
	if p.pos >= len(src) {
		return -1, nil
	}
	root, err := p.value()
	if err != nil {
		return -1, err
	}
	if k := p.nodes[root].Kind; (k == Int || k == Float) && p.pos < len(src) {
		// Jackson verifies that a root-level number is followed by a blank.
		if c := src[p.pos]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return -1, ErrSyntax
		}
	}
	return root, nil
}

// Node returns node i.
func (p *Parser) Node(i int32) *Node { return &p.nodes[i] }

// Text is a string's decoded bytes or a number's text.
func (p *Parser) Text(n *Node) []byte {
	if n.tArena {
		return p.arena[n.tOff:n.tEnd]
	}
	return p.src[n.tOff:n.tEnd]
}

// Key is an object member's decoded key.
func (p *Parser) Key(n *Node) []byte {
	if n.kArena {
		return p.arena[n.kOff:n.kEnd]
	}
	return p.src[n.kOff:n.kEnd]
}

// Raw is the value's source text.
func (p *Parser) Raw(n *Node) []byte { return p.src[n.RawStart:n.RawEnd] }

func (p *Parser) skipBlank() error {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; c {
		case ' ', '\t', '\n', '\r':
			p.pos++
		case '/':
			if !p.Syntax.Comments || p.pos+1 >= len(p.src) {
				return nil
			}
			switch p.src[p.pos+1] {
			case '/':
				for p.pos < len(p.src) && p.src[p.pos] != '\n' {
					p.pos++
				}
			case '*':
				end := -1
				for j := p.pos + 2; j+1 < len(p.src); j++ {
					if p.src[j] == '*' && p.src[j+1] == '/' {
						end = j + 2
						break
					}
				}
				if end < 0 {
					return ErrSyntax
				}
				p.pos = end
			default:
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

func (p *Parser) add(n Node) int32 {
	p.nodes = append(p.nodes, n)
	return int32(len(p.nodes) - 1)
}

func (p *Parser) value() (int32, error) {
	if p.pos >= len(p.src) {
		return -1, ErrSyntax
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"' || (c == '\'' && p.Syntax.SingleQuotes):
		off, end, arena, err := p.str(c)
		if err != nil {
			return -1, err
		}
		return p.add(Node{Kind: String, tOff: off, tEnd: end, tArena: arena, RawStart: int32(start), RawEnd: int32(p.pos), First: -1, Next: -1}), nil
	case c == 't':
		return p.literal("true", True)
	case c == 'f':
		return p.literal("false", False)
	case c == 'n':
		return p.literal("null", Null)
	case c == 'N':
		if p.Syntax.NonNumericNumbers && p.has("NaN") {
			return p.word(3, Float)
		}
	case c == 'I':
		if p.Syntax.NonNumericNumbers {
			if p.has("Infinity") {
				return p.word(8, Float)
			}
			if p.has("INF") {
				return p.word(3, Float)
			}
		}
	case c == '-' || c == '+' || (c >= '0' && c <= '9') || c == '.':
		return p.number()
	}
	return -1, ErrSyntax
}

func (p *Parser) has(w string) bool {
	return len(p.src)-p.pos >= len(w) && string(p.src[p.pos:p.pos+len(w)]) == w
}

func isNameChar(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func (p *Parser) literal(w string, k Kind) (int32, error) {
	if !p.has(w) {
		return -1, ErrSyntax
	}
	return p.word(len(w), k)
}

// word ends a keyword token of n bytes: Jackson rejects a following name character.
func (p *Parser) word(n int, k Kind) (int32, error) {
	start := p.pos
	p.pos += n
	if p.pos < len(p.src) && isNameChar(p.src[p.pos]) {
		return -1, ErrSyntax
	}
	return p.add(Node{Kind: k, tOff: int32(start), tEnd: int32(p.pos), RawStart: int32(start), RawEnd: int32(p.pos), First: -1, Next: -1}), nil
}

// number reads Jackson's number syntax: -?digits(.digits)?([eE][+-]?digits)?, leading
// zeros only when allowed (and then dropped from the text), and, with
// NonNumericNumbers, -Infinity, +Infinity, -INF and +INF.
func (p *Parser) number() (int32, error) {
	s := p.src
	start := p.pos
	i := p.pos
	if s[i] == '-' || s[i] == '+' {
		sign := s[i]
		rest := s[i+1:]
		if p.Syntax.NonNumericNumbers {
			for _, w := range []string{"Infinity", "INF"} {
				if len(rest) >= len(w) && string(rest[:len(w)]) == w {
					return p.word(len(w)+1, Float)
				}
			}
		}
		if sign == '+' {
			return -1, ErrSyntax
		}
		i++
	}
	intStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	digits := i - intStart
	if digits == 0 && !(p.Syntax.LeadingDecimalPoint && i < len(s) && s[i] == '.') {
		return -1, ErrSyntax
	}
	textStart := start
	arena := false
	if digits > 1 && s[intStart] == '0' {
		if !p.Syntax.LeadingZeros {
			return -1, ErrSyntax
		}
	}
	kind := Int
	if i < len(s) && s[i] == '.' {
		kind = Float
		i++
		f := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == f {
			return -1, ErrSyntax
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		kind = Float
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		f := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == f {
			return -1, ErrSyntax
		}
	}
	p.pos = i
	tOff, tEnd := int32(textStart), int32(i)
	if digits > 1 && s[intStart] == '0' || digits == 0 {
		// Normalize the text: no leading zeros, a 0 before a leading decimal point.
		z := intStart
		for z < intStart+digits-1 && s[z] == '0' {
			z++
		}
		off := len(p.arena)
		if s[start] == '-' {
			p.arena = append(p.arena, '-')
		}
		if digits == 0 {
			p.arena = append(p.arena, '0')
		}
		p.arena = append(p.arena, s[z:i]...)
		tOff, tEnd, arena = int32(off), int32(len(p.arena)), true
	}
	return p.add(Node{Kind: kind, tOff: tOff, tEnd: tEnd, tArena: arena, RawStart: int32(start), RawEnd: int32(i), First: -1, Next: -1}), nil
}

// str reads a quoted string; the result is in src when it has no escapes, else in the
// arena.
func (p *Parser) str(q byte) (int32, int32, bool, error) {
	s := p.src
	i := p.pos + 1
	begin := i
	for i < len(s) {
		c := s[i]
		if c == q {
			p.pos = i + 1
			return int32(begin), int32(i), false, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 && !p.Syntax.ControlChars {
			return 0, 0, false, ErrSyntax
		}
		i++
	}
	if i >= len(s) {
		return 0, 0, false, ErrSyntax
	}
	off := len(p.arena)
	p.arena = append(p.arena, s[begin:i]...)
	for i < len(s) {
		c := s[i]
		switch {
		case c == q:
			p.pos = i + 1
			return int32(off), int32(len(p.arena)), true, nil
		case c == '\\':
			if i+1 >= len(s) {
				return 0, 0, false, ErrSyntax
			}
			e := s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				p.arena = append(p.arena, e)
			case 'b':
				p.arena = append(p.arena, '\b')
			case 'f':
				p.arena = append(p.arena, '\f')
			case 'n':
				p.arena = append(p.arena, '\n')
			case 'r':
				p.arena = append(p.arena, '\r')
			case 't':
				p.arena = append(p.arena, '\t')
			case 'u':
				u, ok := hex4(s, i)
				if !ok {
					return 0, 0, false, ErrSyntax
				}
				i += 4
				r := rune(u)
				if utf16.IsSurrogate(r) {
					// A high surrogate followed by an escaped low one is one code point; a
					// lone surrogate is written as U+FFFD, as Java's UTF-8 encoder does.
					if u < 0xDC00 && i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if lo, ok := hex4(s, i+2); ok && lo >= 0xDC00 && lo <= 0xDFFF {
							r = utf16.DecodeRune(r, rune(lo))
							i += 6
						} else {
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				p.arena = utf8.AppendRune(p.arena, r)
			default:
				if e == '\'' && q == '\'' || p.Syntax.BackslashAny {
					p.arena = append(p.arena, e)
				} else {
					return 0, 0, false, ErrSyntax
				}
			}
		default:
			if c < 0x20 && !p.Syntax.ControlChars {
				return 0, 0, false, ErrSyntax
			}
			p.arena = append(p.arena, c)
			i++
		}
	}
	return 0, 0, false, ErrSyntax
}

func hex4(s []byte, i int) (uint16, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[i:i+4]), 16, 16)
	return uint16(v), err == nil
}

func (p *Parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return ErrSyntax
	}
	return nil
}

func (p *Parser) object() (int32, error) {
	if err := p.enter(); err != nil {
		return -1, err
	}
	start := p.pos
	idx := p.add(Node{Kind: Object, RawStart: int32(start), First: -1, Next: -1})
	p.pos++
	last := int32(-1)
	var count int32
	if err := p.skipBlank(); err != nil {
		return -1, err
	}
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.finish(idx, 0)
		return idx, nil
	}
	for {
		if err := p.skipBlank(); err != nil {
			return -1, err
		}
		if p.pos >= len(p.src) {
			return -1, ErrSyntax
		}
		var kOff, kEnd int32
		var kArena bool
		c := p.src[p.pos]
		switch {
		case c == '"' || (c == '\'' && p.Syntax.SingleQuotes):
			var err error
			kOff, kEnd, kArena, err = p.str(c)
			if err != nil {
				return -1, err
			}
		case p.Syntax.UnquotedFieldNames && isNameChar(c) && !(c >= '0' && c <= '9'):
			b := p.pos
			for p.pos < len(p.src) && isNameChar(p.src[p.pos]) {
				p.pos++
			}
			kOff, kEnd = int32(b), int32(p.pos)
		default:
			return -1, ErrSyntax
		}
		if err := p.skipBlank(); err != nil {
			return -1, err
		}
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return -1, ErrSyntax
		}
		p.pos++
		if err := p.skipBlank(); err != nil {
			return -1, err
		}
		v, err := p.value()
		if err != nil {
			return -1, err
		}
		n := &p.nodes[v]
		n.kOff, n.kEnd, n.kArena = kOff, kEnd, kArena
		if last < 0 {
			p.nodes[idx].First = v
		} else {
			p.nodes[last].Next = v
		}
		last = v
		count++
		if err := p.skipBlank(); err != nil {
			return -1, err
		}
		if p.pos >= len(p.src) {
			return -1, ErrSyntax
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.finish(idx, count)
			return idx, nil
		default:
			return -1, ErrSyntax
		}
	}
}

// finish closes container idx after its count members or elements.
func (p *Parser) finish(idx int32, count int32) {
	p.depth--
	n := &p.nodes[idx]
	n.RawEnd = int32(p.pos)
	n.Len = count
}

func (p *Parser) array() (int32, error) {
	if err := p.enter(); err != nil {
		return -1, err
	}
	start := p.pos
	idx := p.add(Node{Kind: Array, RawStart: int32(start), First: -1, Next: -1})
	p.pos++
	last := int32(-1)
	var count int32
	if err := p.skipBlank(); err != nil {
		return -1, err
	}
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		p.finish(idx, 0)
		return idx, nil
	}
	for {
		if err := p.skipBlank(); err != nil {
			return -1, err
		}
		v, err := p.value()
		if err != nil {
			return -1, err
		}
		if last < 0 {
			p.nodes[idx].First = v
		} else {
			p.nodes[last].Next = v
		}
		last = v
		count++
		if err := p.skipBlank(); err != nil {
			return -1, err
		}
		if p.pos >= len(p.src) {
			return -1, ErrSyntax
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			p.finish(idx, count)
			return idx, nil
		default:
			return -1, ErrSyntax
		}
	}
}
