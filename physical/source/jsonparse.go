package source

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds a JSON parser with the syntax Jackson accepts as Spark configures it for
// reading files: single-quoted strings and field names are allowed, and so are the
// non-numeric numbers NaN, Infinity, +Infinity, -Infinity, INF, +INF and -INF; comments,
// unquoted field names, leading zeros and unescaped control characters are not (unless
// allowNumericLeadingZeros is set). It parses one value into a flat tree of nodes that
// refer to the input.

type jsonKind uint8

const (
	jNull jsonKind = iota
	jTrue
	jFalse
	jInt   // VALUE_NUMBER_INT
	jFloat // VALUE_NUMBER_FLOAT, including the non-numeric numbers
	jString
	jObject
	jArray
)

// jnode is one JSON value. Children (members of objects, elements of arrays) are linked
// through child and next; members carry their key.
type jnode struct {
	kind jsonKind
	// text is the decoded string or the number's text: src[sOff:sEnd], or the arena's when
	// sArena is set.
	sOff, sEnd int32
	sArena     bool
	// key of an object member, like text.
	kOff, kEnd int32
	kArena     bool
	// raw is the value's source text, src[rawStart:rawEnd].
	rawStart, rawEnd int32
	child, next      int32
}

// maxJSONDepth is Jackson's default maximum nesting depth.
const maxJSONDepth = 1000

// jsonParser parses one document into nodes; it is reused between records.
type jsonParser struct {
	src          []byte
	pos          int
	nodes        []jnode
	arena        []byte
	leadingZeros bool
	depth        int
}

var errJSONSyntax = errors.New("malformed JSON")

// parse parses the first value of src; trailing text is ignored, as Spark's parser reads
// one value per record. It returns the root node index, or -1 when src holds only blanks.
func (p *jsonParser) parse(src []byte) (int32, error) {
	p.src, p.pos, p.nodes, p.arena, p.depth = src, 0, p.nodes[:0], p.arena[:0], 0
	p.skipBlank()
	if p.pos >= len(src) {
		return -1, nil
	}
	return p.value()
}

func (p *jsonParser) text(n *jnode) []byte {
	if n.sArena {
		return p.arena[n.sOff:n.sEnd]
	}
	return p.src[n.sOff:n.sEnd]
}

func (p *jsonParser) key(n *jnode) []byte {
	if n.kArena {
		return p.arena[n.kOff:n.kEnd]
	}
	return p.src[n.kOff:n.kEnd]
}

func (p *jsonParser) raw(n *jnode) []byte { return p.src[n.rawStart:n.rawEnd] }

func (p *jsonParser) skipBlank() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) add(n jnode) int32 {
	p.nodes = append(p.nodes, n)
	return int32(len(p.nodes) - 1)
}

func (p *jsonParser) value() (int32, error) {
	if p.pos >= len(p.src) {
		return -1, errJSONSyntax
	}
	start := p.pos
	c := p.src[p.pos]
	switch {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"' || c == '\'':
		off, end, inArena, err := p.str(c)
		if err != nil {
			return -1, err
		}
		return p.add(jnode{kind: jString, sOff: off, sEnd: end, sArena: inArena, rawStart: int32(start),
			rawEnd: int32(p.pos), child: -1, next: -1}), nil
	case c == 't':
		return p.literal("true", jTrue)
	case c == 'f':
		return p.literal("false", jFalse)
	case c == 'n':
		return p.literal("null", jNull)
	case c == 'N':
		return p.literal("NaN", jFloat)
	case c == 'I':
		if p.has("Infinity") {
			return p.literal("Infinity", jFloat)
		}
		return p.literal("INF", jFloat)
	case c == '+':
		if p.has("+Infinity") {
			return p.literal("+Infinity", jFloat)
		}
		return p.literal("+INF", jFloat)
	case c == '-' && p.has("-Infinity"):
		return p.literal("-Infinity", jFloat)
	case c == '-' && p.has("-INF"):
		return p.literal("-INF", jFloat)
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return -1, errJSONSyntax
}

func (p *jsonParser) has(word string) bool {
	return len(p.src)-p.pos >= len(word) && string(p.src[p.pos:p.pos+len(word)]) == word
}

// literal reads a keyword, which must not run into further letters or digits.
func (p *jsonParser) literal(word string, kind jsonKind) (int32, error) {
	if !p.has(word) {
		return -1, errJSONSyntax
	}
	start := p.pos
	p.pos += len(word)
	if p.pos < len(p.src) && isAlnum(p.src[p.pos]) {
		return -1, errJSONSyntax
	}
	return p.add(jnode{kind: kind, sOff: int32(start), sEnd: int32(p.pos), rawStart: int32(start),
		rawEnd: int32(p.pos), child: -1, next: -1}), nil
}

func (p *jsonParser) number() (int32, error) {
	start := p.pos
	s := p.src
	i := p.pos
	if s[i] == '-' {
		i++
	}
	ds := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == ds {
		return -1, errJSONSyntax
	}
	if !p.leadingZeros && s[ds] == '0' && i-ds > 1 {
		return -1, errJSONSyntax
	}
	kind := jInt
	if i < len(s) && s[i] == '.' {
		kind = jFloat
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == fs {
			return -1, errJSONSyntax
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		kind = jFloat
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		es := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == es {
			return -1, errJSONSyntax
		}
	}
	if i < len(s) && (isAlnum(s[i]) || s[i] == '.') {
		return -1, errJSONSyntax
	}
	p.pos = i
	return p.add(jnode{kind: kind, sOff: int32(start), sEnd: int32(i), rawStart: int32(start), rawEnd: int32(i),
		child: -1, next: -1}), nil
}

// str reads a string quoted by q starting at p.pos; the content is a range of src when it
// has no escapes, else of the arena.
func (p *jsonParser) str(q byte) (int32, int32, bool, error) {
	s := p.src
	i := p.pos + 1
	start := i
	for i < len(s) {
		c := s[i]
		if c == q {
			p.pos = i + 1
			return int32(start), int32(i), false, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return 0, 0, false, errJSONSyntax
		}
		i++
	}
	if i >= len(s) {
		return 0, 0, false, errJSONSyntax
	}
	a0 := len(p.arena)
	p.arena = append(p.arena, s[start:i]...)
	for i < len(s) {
		c := s[i]
		switch {
		case c == q:
			p.pos = i + 1
			return int32(a0), int32(len(p.arena)), true, nil
		case c < 0x20:
			return 0, 0, false, errJSONSyntax
		case c != '\\':
			p.arena = append(p.arena, c)
			i++
			continue
		}
		if i+1 >= len(s) {
			return 0, 0, false, errJSONSyntax
		}
		e := s[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			p.arena = append(p.arena, e)
		case '\'':
			// Jackson accepts \' when single quotes are allowed.
			p.arena = append(p.arena, '\'')
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
			r, ok := hex4(s, i)
			if !ok {
				return 0, 0, false, errJSONSyntax
			}
			i += 4
			if utf16.IsSurrogate(rune(r)) {
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if r2, ok := hex4(s, i+2); ok {
						if d := utf16.DecodeRune(rune(r), rune(r2)); d != utf8.RuneError {
							p.arena = utf8.AppendRune(p.arena, d)
							i += 6
							continue
						}
					}
				}
				p.arena = utf8.AppendRune(p.arena, utf8.RuneError)
				continue
			}
			p.arena = utf8.AppendRune(p.arena, rune(r))
		default:
			return 0, 0, false, errJSONSyntax
		}
	}
	return 0, 0, false, errJSONSyntax
}

func hex4(s []byte, i int) (uint16, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[i:i+4]), 16, 16)
	return uint16(v), err == nil
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > maxJSONDepth {
		return errJSONSyntax
	}
	return nil
}

func (p *jsonParser) object() (int32, error) {
	if err := p.enter(); err != nil {
		return -1, err
	}
	start := p.pos
	self := p.add(jnode{kind: jObject, rawStart: int32(start), child: -1, next: -1})
	p.pos++
	p.skipBlank()
	last := int32(-1)
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
	} else {
		for {
			if p.pos >= len(p.src) || (p.src[p.pos] != '"' && p.src[p.pos] != '\'') {
				return -1, errJSONSyntax
			}
			kOff, kEnd, kArena, err := p.str(p.src[p.pos])
			if err != nil {
				return -1, err
			}
			p.skipBlank()
			if p.pos >= len(p.src) || p.src[p.pos] != ':' {
				return -1, errJSONSyntax
			}
			p.pos++
			p.skipBlank()
			v, err := p.value()
			if err != nil {
				return -1, err
			}
			p.nodes[v].kOff, p.nodes[v].kEnd, p.nodes[v].kArena = kOff, kEnd, kArena
			if last < 0 {
				p.nodes[self].child = v
			} else {
				p.nodes[last].next = v
			}
			last = v
			p.skipBlank()
			if p.pos >= len(p.src) {
				return -1, errJSONSyntax
			}
			if p.src[p.pos] == ',' {
				p.pos++
				p.skipBlank()
				continue
			}
			if p.src[p.pos] == '}' {
				p.pos++
				break
			}
			return -1, errJSONSyntax
		}
	}
	p.nodes[self].rawEnd = int32(p.pos)
	p.depth--
	return self, nil
}

func (p *jsonParser) array() (int32, error) {
	if err := p.enter(); err != nil {
		return -1, err
	}
	start := p.pos
	self := p.add(jnode{kind: jArray, rawStart: int32(start), child: -1, next: -1})
	p.pos++
	p.skipBlank()
	last := int32(-1)
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
	} else {
		for {
			v, err := p.value()
			if err != nil {
				return -1, err
			}
			if last < 0 {
				p.nodes[self].child = v
			} else {
				p.nodes[last].next = v
			}
			last = v
			p.skipBlank()
			if p.pos >= len(p.src) {
				return -1, errJSONSyntax
			}
			if p.src[p.pos] == ',' {
				p.pos++
				p.skipBlank()
				continue
			}
			if p.src[p.pos] == ']' {
				p.pos++
				break
			}
			return -1, errJSONSyntax
		}
	}
	p.nodes[self].rawEnd = int32(p.pos)
	p.depth--
	return self, nil
}
