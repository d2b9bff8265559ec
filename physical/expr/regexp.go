package expr

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Regular expressions: Spark uses java.util.regex; these functions run Go's RE2 on a
// translation of the Java pattern (POSIX \p{...} classes, possessive quantifiers, \Z, \h).
// Java features RE2 lacks (lookaround, backreferences) are NOT_IMPLEMENTED. Known
// deviation: RE2 skips an empty match right after a non-empty one, where Java reports it.

// regexCache compiles a pattern, remembering the last one (patterns are usually constant).
type regexCache struct {
	fn  string
	mu  sync.Mutex // kernels may run on several batches at once
	src []byte
	re  *regexp.Regexp
}

func (c *regexCache) get(p []byte) (*regexp.Regexp, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.re != nil && bytes.Equal(p, c.src) {
		return c.re, nil
	}
	re, err := compileJavaRegex(c.fn, string(p))
	if err != nil {
		return nil, err
	}
	c.src, c.re = append(c.src[:0], p...), re
	return re, nil
}

func invalidPattern(fn, p string) error {
	return sparkerror.New(sparkerror.Runtime, "INVALID_PARAMETER_VALUE.PATTERN", "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: <value>.",
		map[string]string{"parameter": "`regexp`", "functionName": "`" + fn + "`", "value": sqlString([]byte(p))})
}

var posixClasses = map[string]string{
	"Lower": "a-z", "Upper": "A-Z", "ASCII": `\x00-\x7F`, "Alpha": "a-zA-Z", "Digit": "0-9",
	"Alnum": "a-zA-Z0-9", "Punct": `!-/:-@\[-` + "`" + `{-~`, "Graph": `!-~`, "Print": ` -~`,
	"Blank": ` \t`, "Cntrl": `\x00-\x1F\x7F`, "XDigit": "0-9a-fA-F", "Space": ` \t\n\x0B\f\r`,
	"javaLowerCase": `\p{Ll}`, "javaUpperCase": `\p{Lu}`, "javaWhitespace": `\s\x0B\x1C-\x1F`,
	"IsAlphabetic": `\p{L}\p{Nl}`, "IsDigit": `\p{Nd}`, "IsLetter": `\p{L}`,
	"IsUppercase": `\p{Lu}`, "IsLowercase": `\p{Ll}`, "IsWhite_Space": `\s\x0B\x{85}\p{Z}`,
	"IsPunctuation": `\p{P}`,
}

// compileJavaRegex translates a java.util.regex pattern to RE2 and compiles it. The
// pattern is the Java String Spark compiles: invalid UTF-8 (a BINARY cast to STRING) reads
// as U+FFFD.
func compileJavaRegex(fn, p string) (*regexp.Regexp, error) {
	if !utf8.ValidString(p) {
		p = string(format.AppendJavaUTF8(nil, []byte(p)))
	}
	var b strings.Builder
	inClass := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			n := p[i+1]
			switch {
			case n == 'Q':
				end := strings.Index(p[i+2:], `\E`)
				lit := p[i+2:]
				if end >= 0 {
					lit = p[i+2 : i+2+end]
					i = i + 2 + end + 1
				} else {
					i = len(p)
				}
				b.WriteString(regexp.QuoteMeta(lit))
				continue
			case n == 'p' || n == 'P':
				if i+2 < len(p) && p[i+2] == '{' {
					end := strings.IndexByte(p[i+2:], '}')
					if end > 0 {
						name := p[i+3 : i+2+end]
						name = strings.TrimPrefix(name, "Is")
						if set, ok := posixClasses[name]; ok || posixClasses["Is"+name] != "" {
							if !ok {
								set = posixClasses["Is"+name]
							}
							neg := n == 'P'
							switch {
							case inClass > 0 && !neg:
								b.WriteString(set)
							case neg:
								b.WriteString("[^" + set + "]")
							default:
								b.WriteString("[" + set + "]")
							}
							i += 2 + end
							continue
						}
						// \p{L}, \p{IsLatin}, \p{InGreek}: RE2 knows general categories and scripts.
						b.WriteString(`\` + string(n) + "{" + name + "}")
						i += 2 + end
						continue
					}
				}
			case n >= '1' && n <= '9' && inClass == 0:
				return nil, sparkerror.NotImplemented("regular expressions with backreferences (" + fn + ")")
			case n == 'k' && inClass == 0:
				return nil, sparkerror.NotImplemented("regular expressions with backreferences (" + fn + ")")
			case n == 'Z':
				b.WriteString(`(?:\n?\z)`)
				i++
				continue
			case n == 'h':
				b.WriteString(`[ \t\x{A0}\x{1680}\x{180e}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}]`)
				i++
				continue
			case n == 's' && inClass == 0:
				b.WriteString(`[\s\x0B]`)
				i++
				continue
			case n == 's':
				b.WriteString(`\s\x0B`)
				i++
				continue
			}
			b.WriteByte(c)
			b.WriteByte(n)
			i++
			continue
		case c == '[':
			inClass++
			b.WriteByte(c)
			// A leading ']' (or '^]') is literal.
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
			continue
		case c == ']' && inClass > 0:
			inClass--
		case c == '&' && inClass > 0 && i+1 < len(p) && p[i+1] == '&':
			return nil, sparkerror.NotImplemented("regular expressions with character class intersections (" + fn + ")")
		case c == '(' && inClass == 0 && i+2 < len(p) && p[i+1] == '?':
			switch {
			case p[i+2] == '=' || p[i+2] == '!' || p[i+2] == '>':
				return nil, sparkerror.NotImplemented("regular expressions with lookaround (" + fn + ")")
			case p[i+2] == '<' && i+3 < len(p) && (p[i+3] == '=' || p[i+3] == '!'):
				return nil, sparkerror.NotImplemented("regular expressions with lookaround (" + fn + ")")
			}
		case (c == '+') && inClass == 0 && i > 0 && isQuantifierEnd(p, i):
			// A possessive quantifier: RE2 has none; the greedy one matches the same strings
			// in most patterns.
			continue
		}
		b.WriteByte(c)
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, invalidPattern(fn, p)
	}
	return re, nil
}

// isQuantifierEnd reports whether p[i] ('+') follows a quantifier (so it is possessive).
func isQuantifierEnd(p string, i int) bool {
	prev := p[i-1]
	if prev == '*' || prev == '?' || prev == '}' {
		return i < 2 || p[i-2] != '\\'
	}
	if prev == '+' {
		return i >= 2 && p[i-2] != '\\' && p[i-2] != '+'
	}
	return false
}

// utf16Len is the number of UTF-16 units of s (Java's String.length).
func utf16Len(s []byte) int {
	n := 0
	for len(s) > 0 {
		r, k := utf8.DecodeRune(s)
		s = s[k:]
		n += utf16.RuneLen(r)
	}
	return n
}

// utf16Offset is the byte offset of UTF-16 index u of s.
func utf16Offset(s []byte, u int) int {
	i := 0
	for i < len(s) && u > 0 {
		r, k := utf8.DecodeRune(s[i:])
		i += k
		u -= utf16.RuneLen(r)
	}
	return i
}

func init() {
	register(rlikeFn, "rlike", "regexp", "regexp_like")
	register(regexpReplaceFn, "regexp_replace")
	register(regexpExtractFn, "regexp_extract")
	register(regexpExtractAllFn, "regexp_extract_all")
	register(regexpCountFn, "regexp_count")
	register(regexpSubstrFn, "regexp_substr")
	register(regexpInstrFn, "regexp_instr")
	register(splitFn, "split")
}

func rlikeFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("rlike", args, 2, 2); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "rlike"}
	return newFunc("rlike", args, types.Boolean, true, boolRowK(func(i int, a []argv) (bool, bool, error) {
		re, err := c.get(a[1].str(i))
		if err != nil {
			return false, false, err
		}
		return re.Match(a[0].str(i)), true, nil
	}))
}

// regexpReplaceFn is regexp_replace(str, regexp, rep[, pos]) with Java's replacement syntax
// ($n, ${name}, \x); pos (1-based, UTF-16 units) starts the search.
func regexpReplaceFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_replace", args, 3, 4); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_replace"}
	return newFunc("regexp_replace", args, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s, rep := a[0].str(i), a[2].str(i)
		re, err := c.get(a[1].str(i))
		if err != nil {
			return nil, false, err
		}
		pos := int64(1)
		if len(a) > 3 {
			pos = a[3].int(i)
		}
		position := pos - 1
		if position != 0 && position >= int64(utf16Len(s)) {
			return append(dst, s...), true, nil
		}
		start := utf16Offset(s, int(position))
		dst = append(dst, s[:start]...)
		sub := s[start:]
		last := 0
		for _, m := range javaFindAll(re, sub) {
			dst = append(dst, sub[last:m[0]]...)
			var ok bool
			if dst, ok = appendJavaReplacement(dst, rep, re, sub, m); !ok {
				return nil, false, sparkerror.New(sparkerror.Runtime, "INVALID_REGEXP_REPLACE", "P0001",
					"Could not perform regexp_replace for source = \"<source>\", pattern = \"<pattern>\", replacement = \"<replacement>\" and position = <position>.",
					map[string]string{"source": string(s), "pattern": string(a[1].str(i)), "replacement": string(rep), "position": strconv.FormatInt(pos, 10)})
			}
			last = m[1]
		}
		return append(dst, sub[last:]...), true, nil
	}))
}

// appendJavaReplacement expands a java.util.regex.Matcher replacement string.
func appendJavaReplacement(dst, rep []byte, re *regexp.Regexp, s []byte, m []int) ([]byte, bool) {
	groups := re.NumSubexp()
	group := func(g int) []byte {
		if m[2*g] < 0 {
			return nil
		}
		return s[m[2*g]:m[2*g+1]]
	}
	for i := 0; i < len(rep); i++ {
		c := rep[i]
		switch c {
		case '\\':
			i++
			if i >= len(rep) {
				return dst, false
			}
			dst = append(dst, rep[i])
		case '$':
			i++
			if i >= len(rep) {
				return dst, false
			}
			if rep[i] == '{' {
				end := bytes.IndexByte(rep[i:], '}')
				if end < 0 {
					return dst, false
				}
				g := re.SubexpIndex(string(rep[i+1 : i+end]))
				if g < 0 {
					return dst, false
				}
				dst = append(dst, group(g)...)
				i += end
				continue
			}
			if rep[i] < '0' || rep[i] > '9' {
				return dst, false
			}
			g := int(rep[i] - '0')
			if g > groups {
				return dst, false
			}
			for i+1 < len(rep) && rep[i+1] >= '0' && rep[i+1] <= '9' {
				ng := g*10 + int(rep[i+1]-'0')
				if ng > groups {
					break
				}
				g = ng
				i++
			}
			dst = append(dst, group(g)...)
		default:
			dst = append(dst, c)
		}
	}
	return dst, true
}

func regexGroupIndex(fn string, groups int, idx int64) error {
	if idx < 0 || int64(groups) < idx {
		return sparkerror.New(sparkerror.Runtime, "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: Expects group index between 0 and <groupCount>, but got <groupIndex>.",
			map[string]string{"parameter": "`idx`", "functionName": "`" + fn + "`",
				"groupCount": strconv.Itoa(groups), "groupIndex": strconv.FormatInt(idx, 10)})
	}
	return nil
}

// regexpExtractFn is regexp_extract(str, regexp[, idx]): group idx of the first match, ""
// when nothing matches or the group did not take part.
func regexpExtractFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_extract", args, 3, 3); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_extract"}
	return newFunc("regexp_extract", args, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s := a[0].str(i)
		re, err := c.get(a[1].str(i))
		if err != nil {
			return nil, false, err
		}
		m := re.FindSubmatchIndex(s)
		if m == nil {
			return dst, true, nil
		}
		g := a[2].int(i)
		if err := regexGroupIndex("regexp_extract", re.NumSubexp(), g); err != nil {
			return nil, false, err
		}
		if m[2*g] >= 0 {
			dst = append(dst, s[m[2*g]:m[2*g+1]]...)
		}
		return dst, true, nil
	}))
}

// stringListBuilder collects rows of string lists.
type stringListBuilder struct {
	offs     []int32 // list offsets
	elemOffs []int32 // string offsets of the elements
	data     []byte
	valid    words
	n        int
}

func newStringListBuilder(n int) *stringListBuilder {
	return &stringListBuilder{offs: make([]int32, 1, n+1), elemOffs: []int32{0}, n: n}
}

func (b *stringListBuilder) add(s []byte) {
	b.data = append(b.data, s...)
	b.elemOffs = append(b.elemOffs, int32(len(b.data)))
}

// end closes row i (null when ok is false).
func (b *stringListBuilder) end(i int, ok bool) {
	if !ok {
		if b.valid == nil {
			b.valid = allOnes(b.n)
		}
		b.valid.clear(i)
		b.elemOffs = b.elemOffs[:b.offs[len(b.offs)-1]+1]
		b.data = b.data[:b.elemOffs[len(b.elemOffs)-1]]
	}
	b.offs = append(b.offs, int32(len(b.elemOffs)-1))
}

func (b *stringListBuilder) build(t arrow.DataType) arrow.Array {
	if b.data == nil {
		b.data = []byte{}
	}
	child := newVar(utf8T, b.elemOffs, b.data, nil)
	defer child.Release()
	vb, nulls := validBuffer(b.valid, b.n)
	d := array.NewData(t, b.n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(b.offs))}, []arrow.ArrayData{child.Data()}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// listRowK is a kernel producing lists of strings a row at a time.
func listRowK(t arrow.DataType, f func(b *stringListBuilder, i int, a []argv) (bool, error)) kernel {
	return func(arrs []arrow.Array, n int) (arrow.Array, error) {
		a := argvsOf(arrs)
		b := newStringListBuilder(n)
		for i := 0; i < n; i++ {
			ok := false
			if !rowsNull(a, i) {
				var err error
				if ok, err = f(b, i, a); err != nil {
					return nil, err
				}
			}
			b.end(i, ok)
		}
		return b.build(t), nil
	}
}

func stringListType(result types.DataType) (arrow.DataType, error) {
	if result == nil {
		result = types.NewArray(types.String, false)
	}
	return types.ToArrow(result)
}

func regexpExtractAllFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_extract_all", args, 3, 3); err != nil {
		return nil, err
	}
	t, err := stringListType(rt)
	if err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_extract_all"}
	k := listRowK(t, func(b *stringListBuilder, i int, a []argv) (bool, error) {
		s := a[0].str(i)
		re, err := c.get(a[1].str(i))
		if err != nil {
			return false, err
		}
		g := a[2].int(i)
		for _, m := range javaFindAll(re, s) {
			if err := regexGroupIndex("regexp_extract_all", re.NumSubexp(), g); err != nil {
				return false, err
			}
			if m[2*g] >= 0 {
				b.add(s[m[2*g]:m[2*g+1]])
			} else {
				b.add(nil)
			}
		}
		return true, nil
	})
	return &funcExpr{name: "regexp_extract_all", args: args, t: t, k: k, fails: true, strict: true}, nil
}

func regexpCountFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_count", args, 2, 2); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_count"}
	return newFunc("regexp_count", args, types.Integer, true, fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
		re, err := c.get(a[1].str(i))
		if err != nil {
			return 0, false, err
		}
		return int32(len(javaFindAll(re, a[0].str(i)))), true, nil
	}))
}

// regexpSubstrFn is regexp_substr(str, regexp): the first match, NULL when none (or empty).
func regexpSubstrFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_substr", args, 2, 2); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_substr"}
	return newFunc("regexp_substr", args, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		re, err := c.get(a[1].str(i))
		if err != nil {
			return nil, false, err
		}
		m := re.Find(a[0].str(i))
		if len(m) == 0 {
			return dst, false, nil
		}
		return append(dst, m...), true, nil
	}))
}

// regexpInstrFn is regexp_instr(str, regexp[, idx]): the 1-based position (UTF-16 units)
// of the first match, 0 when none.
func regexpInstrFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_instr", args, 2, 3); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_instr"}
	return newFunc("regexp_instr", args, types.Integer, true, fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
		s := a[0].str(i)
		re, err := c.get(a[1].str(i))
		if err != nil {
			return 0, false, err
		}
		m := re.FindIndex(s)
		if m == nil {
			return 0, true, nil
		}
		return int32(utf16Len(s[:m[0]]) + 1), true, nil
	}))
}

// splitFn is split(str, regexp[, limit]): Java's String.split with limit (0 meaning no
// limit and, unlike Java, keeping trailing empty strings); an empty regexp splits into
// characters.
func splitFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("split", args, 3, 3); err != nil {
		return nil, err
	}
	t, err := stringListType(rt)
	if err != nil {
		return nil, err
	}
	c := &regexCache{fn: "split"}
	k := listRowK(t, func(b *stringListBuilder, i int, a []argv) (bool, error) {
		s, p, limit := a[0].str(i), a[1].str(i), a[2].int(i)
		if len(s) != 0 && len(p) == 0 {
			chars := int64(numChars(s))
			if limit > chars || limit <= 0 {
				limit = chars
			}
			j := 0
			for k := int64(0); k < limit-1; k++ {
				n := min(charLen(s[j]), len(s)-j)
				b.add(s[j : j+n])
				j += n
			}
			b.add(s[j:])
			return true, nil
		}
		re, err := c.get(p)
		if err != nil {
			return false, err
		}
		if limit == 0 {
			limit = -1
		}
		index, count := 0, int64(0)
		found := false
		for _, m := range re.FindAllIndex(s, -1) {
			if limit > 0 && count >= limit-1 {
				break
			}
			if m[0] == 0 && m[1] == 0 {
				continue
			}
			b.add(s[index:m[0]])
			count++
			index = m[1]
			found = true
		}
		if !found {
			b.add(s)
			return true, nil
		}
		b.add(s[index:])
		return true, nil
	})
	return &funcExpr{name: "split", args: args, t: t, k: k, fails: true, strict: true}, nil
}
