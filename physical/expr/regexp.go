package expr

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Regular expressions: Spark uses java.util.regex. Patterns are read with Java's rules
// and run by RE2, or by a backtracking engine when they need lookaround, backreferences,
// atomic groups or possessive quantifiers (regexp_java.go, regexp_engine.go).

// regexCache compiles a pattern, remembering the last one (patterns are usually constant).
type regexCache struct {
	fn    string
	flags int        // the Pattern.compile flags (collationRegexFlags)
	mu    sync.Mutex // kernels may run on several batches at once
	src   []byte
	re    *javaRegex
}

// collationRegexFlags are the flags Spark compiles a pattern with for the collation of
// the string it matches (the first argument): UTF8_LCASE matches case-insensitively, with
// Unicode case folding.
func collationRegexFlags(argTypes []types.DataType) int {
	if len(argTypes) > 0 {
		if st, ok := argTypes[0].(types.StringType); ok && strings.HasPrefix(st.Collation, "UTF8_LCASE") {
			return jfCaseInsens | jfUnicodeCase
		}
	}
	return 0
}

func (c *regexCache) get(p []byte) (*javaRegex, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.re != nil && bytes.Equal(p, c.src) {
		return c.re, nil
	}
	re, err := compileJavaRegexFlags(c.fn, string(p), c.flags)
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

func rlikeFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("rlike", args, 2, 2); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "rlike", flags: collationRegexFlags(argTypes)}
	return newFunc("rlike", args, types.Boolean, true, perBatch(func() kernel {
		var in batchInput
		return boolRowK(func(i int, a []argv) (bool, bool, error) {
			re, err := c.get(a[1].str(i))
			if err != nil {
				return false, false, err
			}
			ok, err := re.matches(a[0].str(i), in.input(&a[0]))
			return ok, err == nil, err
		})
	}))
}

// regexpReplaceFn is regexp_replace(str, regexp, rep[, pos]) with Java's replacement syntax
// ($n, ${name}, \x); pos (1-based, UTF-16 units) starts the search.
func regexpReplaceFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_replace", args, 3, 4); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_replace", flags: collationRegexFlags(argTypes)}
	return newFunc("regexp_replace", args, types.String, true, perBatch(func() kernel {
		var in batchInput
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
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
			ms, err := re.all(sub, in.input(&a[0]))
			if err != nil {
				return nil, false, err
			}
			for _, m := range ms {
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
		})
	}))
}

// appendJavaReplacement expands a java.util.regex.Matcher replacement string.
func appendJavaReplacement(dst, rep []byte, re *javaRegex, s []byte, m []int) ([]byte, bool) {
	groups := re.numGroups()
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
				g := re.groupIndex(string(rep[i+1 : i+end]))
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
func regexpExtractFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_extract", args, 3, 3); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_extract", flags: collationRegexFlags(argTypes)}
	return newFunc("regexp_extract", args, types.String, true, perBatch(func() kernel {
		var in batchInput
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			s := a[0].str(i)
			re, err := c.get(a[1].str(i))
			if err != nil {
				return nil, false, err
			}
			m, err := re.first(s, in.input(&a[0]))
			if err != nil {
				return nil, false, err
			}
			if m == nil {
				return dst, true, nil
			}
			g := a[2].int(i)
			if err := regexGroupIndex("regexp_extract", re.numGroups(), g); err != nil {
				return nil, false, err
			}
			if m[2*g] >= 0 {
				dst = append(dst, s[m[2*g]:m[2*g+1]]...)
			}
			return dst, true, nil
		})
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

func regexpExtractAllFn(args []Expr, argTypes []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_extract_all", args, 3, 3); err != nil {
		return nil, err
	}
	t, err := stringListType(rt)
	if err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_extract_all", flags: collationRegexFlags(argTypes)}
	k := perBatch(func() kernel {
		var in batchInput
		return listRowK(t, func(b *stringListBuilder, i int, a []argv) (bool, error) {
			s := a[0].str(i)
			re, err := c.get(a[1].str(i))
			if err != nil {
				return false, err
			}
			g := a[2].int(i)
			ms, err := re.all(s, in.input(&a[0]))
			if err != nil {
				return false, err
			}
			for _, m := range ms {
				if err := regexGroupIndex("regexp_extract_all", re.numGroups(), g); err != nil {
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
	})
	return &funcExpr{name: "regexp_extract_all", args: args, t: t, k: k, fails: true, strict: true}, nil
}

func regexpCountFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_count", args, 2, 2); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_count", flags: collationRegexFlags(argTypes)}
	return newFunc("regexp_count", args, types.Integer, true, perBatch(func() kernel {
		var in batchInput
		return fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
			re, err := c.get(a[1].str(i))
			if err != nil {
				return 0, false, err
			}
			n, err := re.count(a[0].str(i), in.input(&a[0]))
			return int32(n), err == nil, err
		})
	}))
}

// regexpSubstrFn is regexp_substr(str, regexp): the first match, NULL when none (or empty).
func regexpSubstrFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_substr", args, 2, 2); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_substr", flags: collationRegexFlags(argTypes)}
	return newFunc("regexp_substr", args, types.String, true, perBatch(func() kernel {
		var in batchInput
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			re, err := c.get(a[1].str(i))
			if err != nil {
				return nil, false, err
			}
			s := a[0].str(i)
			m, err := re.first(s, in.input(&a[0]))
			if err != nil || m == nil || m[0] == m[1] {
				return dst, false, err
			}
			return append(dst, s[m[0]:m[1]]...), true, nil
		})
	}))
}

// regexpInstrFn is regexp_instr(str, regexp[, idx]): the 1-based position (UTF-16 units)
// of the first match, 0 when none.
func regexpInstrFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("regexp_instr", args, 2, 3); err != nil {
		return nil, err
	}
	c := &regexCache{fn: "regexp_instr", flags: collationRegexFlags(argTypes)}
	return newFunc("regexp_instr", args, types.Integer, true, perBatch(func() kernel {
		var in batchInput
		return fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
			s := a[0].str(i)
			re, err := c.get(a[1].str(i))
			if err != nil {
				return 0, false, err
			}
			m, err := re.first(s, in.input(&a[0]))
			if err != nil {
				return 0, false, err
			}
			if m == nil {
				return 0, true, nil
			}
			return int32(utf16Len(s[:m[0]]) + 1), true, nil
		})
	}))
}

// splitFn is split(str, regexp[, limit]): UTF8String.split, Java's String.split with
// limit (0 meaning no limit and, unlike Java, keeping trailing empty strings); an empty
// regexp splits into characters.
func splitFn(args []Expr, argTypes []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("split", args, 3, 3); err != nil {
		return nil, err
	}
	t, err := stringListType(rt)
	if err != nil {
		return nil, err
	}
	c := &regexCache{fn: "split", flags: collationRegexFlags(argTypes)}
	k := perBatch(func() kernel {
		var in batchInput
		return listRowK(t, func(b *stringListBuilder, i int, a []argv) (bool, error) {
			return true, javaSplit(a[0].str(i), a[1].str(i), a[2].int(i), in.input(&a[0]), c.get, b.add)
		})
	})
	return &funcExpr{name: "split", args: args, t: t, k: k, fails: true, strict: true}, nil
}
