package expr

import (
	"bytes"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// String kernels. Characters are counted the way UTF8String does: by the length its first
// byte announces (an invalid byte counts as one character).

// charLen is UTF8String.numBytesForFirstByte.
func charLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b >= 0xc2 && b <= 0xdf:
		return 2
	case b >= 0xe0 && b <= 0xef:
		return 3
	case b >= 0xf0 && b <= 0xf4:
		return 4
	}
	return 1
}

// numChars is UTF8String.numChars.
func numChars(s []byte) int {
	n := 0
	for i := 0; i < len(s); i += charLen(s[i]) {
		n++
	}
	return n
}

// charOffset is the byte offset of character c (or len(s)).
func charOffset(s []byte, c int) int {
	i := 0
	for k := 0; k < c && i < len(s); k++ {
		i += charLen(s[i])
	}
	return min(i, len(s))
}

// substringSQL is UTF8String.substringSQL: 1-based pos, 0 meaning 1, negative counting from
// the end; length characters.
func substringSQL(s []byte, pos, length int32) []byte {
	var start int64
	switch {
	case pos > 0:
		start = int64(pos) - 1
	case pos < 0:
		start = int64(numChars(s)) + int64(pos)
	}
	end := start + int64(length)
	if end > math.MaxInt32 {
		end = math.MaxInt32
	} else if end < math.MinInt32 {
		end = math.MinInt32
	}
	// UTF8String.substring(start, end).
	if end <= start || start >= int64(len(s)) {
		return nil
	}
	i := 0
	if start > 0 {
		i = charOffset(s, int(start))
	}
	j := i
	if end == math.MaxInt32 {
		i = len(s)
	} else {
		c := max(start, 0)
		for i < len(s) && c < end {
			i += charLen(s[i])
			c++
		}
		i = min(i, len(s))
	}
	if i <= j {
		return nil
	}
	return s[j:i]
}

// substringBinary is ByteArray.subStringSQL.
func substringBinary(b []byte, pos, length int32) []byte {
	n := int64(len(b))
	if int64(pos) > n {
		return nil
	}
	var start int64
	switch {
	case pos > 0:
		start = int64(pos) - 1
	case pos < 0:
		start = n + int64(pos)
	}
	var end int64
	if n-start < int64(length) {
		end = n
	} else {
		end = start + int64(length)
	}
	start = max(start, 0)
	if start >= end {
		return nil
	}
	return b[start:end]
}

// javaUpper appends s upper-cased as Java's String.toUpperCase (with the unconditional
// special casings most text meets: ß, the ligatures).
func javaUpper(dst, s []byte) []byte {
	ascii := true
	for _, c := range s {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		for _, c := range s {
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if r == utf8.RuneError && n <= 1 {
			dst = append(dst, "\uFFFD"...)
			s = s[1:]
			continue
		}
		s = s[n:]
		if sp, ok := specialUpper[r]; ok {
			dst = append(dst, sp...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToUpper(r))
	}
	return dst
}

var specialUpper = map[rune]string{
	'ß': "SS", 'ŉ': "ʼN", 'ǰ': "J̌", 'ΐ': "Ϊ́", 'ΰ': "Ϋ́", 'և': "ԵՒ",
	'ﬀ': "FF", 'ﬁ': "FI", 'ﬂ': "FL", 'ﬃ': "FFI", 'ﬄ': "FFL", 'ﬅ': "ST", 'ﬆ': "ST",
}

// javaLower appends s lower-cased as Java's String.toLowerCase(Locale.ROOT): İ becomes i̇, a
// final Σ becomes ς.
func javaLower(dst, s []byte) []byte {
	ascii := true
	for _, c := range s {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		for _, c := range s {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	prevCased := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n <= 1 {
			dst = append(dst, "\uFFFD"...)
			i++
			prevCased = false
			continue
		}
		i += n
		switch {
		case r == 'İ':
			dst = append(dst, "i̇"...)
		case r == 'Σ':
			next, _ := utf8.DecodeRune(s[i:])
			if prevCased && (i >= len(s) || !unicode.IsLetter(next)) {
				dst = append(dst, "ς"...)
			} else {
				dst = append(dst, "σ"...)
			}
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		prevCased = unicode.IsLetter(r)
	}
	return dst
}

// mapStrK applies f (appending the result for one value) to a string argument.
func mapStrK(t arrow.DataType, f func(dst, s []byte) []byte) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		v := viewVar(a[0])
		valid := validity(a[0])
		offs := make([]int32, n+1)
		data := make([]byte, 0, len(v.data))
		for i := 0; i < n; i++ {
			if valid == nil || valid.get(i) {
				data = f(data, v.at(i))
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(t, offs, data, valid), nil
	}
}

// mapStrToK maps a string (or binary) argument to a fixed-width value.
func mapStrToK[U arrow.FixedWidthType](t arrow.DataType, f func(s []byte) U) kernel {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		v := viewVar(a[0])
		out := make([]U, n)
		for i := range out {
			out[i] = f(v.at(i))
		}
		return newFixed(t, out, validity(a[0])), nil
	}
}

// strArgs evaluates string pieces: scalar literals are read once.
type strArg struct {
	v     varView
	valid words
}

func strArgsOf(a []arrow.Array) []strArg {
	out := make([]strArg, len(a))
	for i, x := range a {
		if isNullType(x) {
			out[i] = strArg{valid: newWords(x.Len())}
			continue
		}
		out[i] = strArg{v: viewVar(x), valid: validity(x)}
	}
	return out
}

func (s strArg) null(i int) bool { return s.valid != nil && !s.valid.get(i) }

func init() {
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("upper", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("upper", args, types.String, false, mapStrK(arrow.BinaryTypes.String, javaUpper))
	}, "upper", "ucase")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("lower", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("lower", args, types.String, false, mapStrK(arrow.BinaryTypes.String, javaLower))
	}, "lower", "lcase")
	register(func(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("length", args, 1, 1); err != nil {
			return nil, err
		}
		if args[0].DataType().ID() == arrow.BINARY {
			return newFunc("length", args, types.Integer, false, mapStrToK(i32, func(s []byte) int32 { return int32(len(s)) }))
		}
		return newFunc("length", args, types.Integer, false, mapStrToK(i32, func(s []byte) int32 { return int32(numChars(s)) }))
	}, "length", "char_length", "character_length", "len")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("octet_length", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("octet_length", args, types.Integer, false, mapStrToK(i32, func(s []byte) int32 { return int32(len(s)) }))
	}, "octet_length")
	register(substringFn, "substring", "substr")
	register(trimFn("trim", true, true), "trim", "btrim")
	register(trimFn("ltrim", true, false), "ltrim")
	register(trimFn("rtrim", false, true), "rtrim")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		return NewConcat(args)
	}, "concat")
	register(concatWsFn, "concat_ws")
}

func substringFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("substring", args, 2, 3); err != nil {
		return nil, err
	}
	binary := args[0].DataType().ID() == arrow.BINARY
	rt := types.DataType(types.String)
	at := arrow.DataType(arrow.BinaryTypes.String)
	if binary {
		rt, at = types.Binary, arrow.BinaryTypes.Binary
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		s := viewVar(a[0])
		pos := fixedValues[int32](a[1])
		var length []int32
		if len(a) > 2 {
			length = fixedValues[int32](a[2])
		}
		valid := andValidity(a...)
		offs := make([]int32, n+1)
		data := make([]byte, 0, len(s.data))
		for i := 0; i < n; i++ {
			if valid == nil || valid.get(i) {
				l := int32(math.MaxInt32)
				if length != nil {
					l = length[i]
				}
				if binary {
					data = append(data, substringBinary(s.at(i), pos[i], l)...)
				} else {
					data = append(data, substringSQL(s.at(i), pos[i], l)...)
				}
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(at, offs, data, valid), nil
	}
	return newFunc("substring", args, rt, false, k)
}

// trimFn is trim/ltrim/rtrim(str[, trimStr]): spaces (ASCII 32) only, or the characters of
// trimStr.
func trimFn(name string, left, right bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		if len(args) == 1 {
			return newFunc(name, args, types.String, false, mapStrK(arrow.BinaryTypes.String, func(dst, s []byte) []byte {
				i, j := 0, len(s)
				if left {
					for i < j && s[i] == ' ' {
						i++
					}
				}
				if right {
					for j > i && s[j-1] == ' ' {
						j--
					}
				}
				return append(dst, s[i:j]...)
			}))
		}
		k := func(a []arrow.Array, n int) (arrow.Array, error) {
			src, set := viewVar(a[0]), viewVar(a[1])
			valid := andValidity(a...)
			offs := make([]int32, n+1)
			data := make([]byte, 0, len(src.data))
			for i := 0; i < n; i++ {
				if valid == nil || valid.get(i) {
					data = append(data, trimChars(src.at(i), set.at(i), left, right)...)
				}
				offs[i+1] = int32(len(data))
			}
			return newVar(arrow.BinaryTypes.String, offs, data, valid), nil
		}
		return newFunc(name, args, types.String, false, k)
	}
}

// trimChars removes the characters of set from the ends of s.
func trimChars(s, set []byte, left, right bool) []byte {
	i, j := 0, len(s)
	if left {
		for i < j {
			n := min(charLen(s[i]), j-i)
			if bytes.Index(set, s[i:i+n]) < 0 {
				break
			}
			i += n
		}
	}
	if right {
		for j > i {
			// Step back over one character.
			k := j - 1
			for k > i && s[k]&0xc0 == 0x80 && j-k < 4 {
				k--
			}
			if charLen(s[k]) != j-k {
				k = j - 1
			}
			if bytes.Index(set, s[k:j]) < 0 {
				break
			}
			j = k
		}
	}
	return s[i:j]
}

// Concat is concat(args...) over strings or binaries: NULL if any argument is NULL.
type Concat struct {
	Args []Expr
	t    arrow.DataType
}

// NewConcat concatenates strings (or binaries); the result is NULL when any input is.
func NewConcat(args []Expr) (Expr, error) {
	t := arrow.DataType(arrow.BinaryTypes.String)
	if len(args) > 0 {
		allBinary := true
		for _, a := range args {
			if a.DataType().ID() != arrow.BINARY && a.DataType().ID() != arrow.NULL {
				allBinary = false
			}
			if id := a.DataType().ID(); id != arrow.BINARY && id != arrow.STRING && id != arrow.NULL {
				return nil, sparkerror.NotImplemented("concat of " + a.DataType().String())
			}
		}
		if allBinary {
			t = arrow.BinaryTypes.Binary
		}
	}
	return &Concat{Args: args, t: t}, nil
}

func (c *Concat) DataType() arrow.DataType { return c.t }
func (c *Concat) String() string           { return (&funcExpr{name: "concat", args: c.Args}).String() }
func (c *Concat) children() []Expr         { return c.Args }
func (c *Concat) mayFail() bool            { return anyMayFail(c.Args...) }
func (c *Concat) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	if len(c.Args) == 0 {
		return repeatVar(c.t, nil, n), nil
	}
	args, err := evalAll(b, c.Args...)
	if err != nil {
		return nil, err
	}
	defer releaseAll(args)
	for _, a := range args {
		if isNullType(a) {
			return nullArray(c.t, n), nil
		}
	}
	valid := andValidity(args...)
	views := make([]varView, len(args))
	size := 0
	for k, a := range args {
		views[k] = viewVar(a)
		size += len(views[k].data)
	}
	offs := make([]int32, n+1)
	data := make([]byte, 0, size)
	for i := 0; i < n; i++ {
		if valid == nil || valid.get(i) {
			for _, v := range views {
				data = append(data, v.at(i)...)
			}
		}
		offs[i+1] = int32(len(data))
	}
	return newVar(c.t, offs, data, valid), nil
}

// concatWsFn is concat_ws(sep, args...): strings or arrays of strings, NULLs skipped; NULL
// only when sep is.
func concatWsFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if len(args) == 0 {
		return nil, sparkerror.InternalError("concat_ws needs a separator")
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		if isNullType(a[0]) {
			return nullArray(arrow.BinaryTypes.String, n), nil
		}
		sep := viewVar(a[0])
		sepValid := validity(a[0])
		type piece struct {
			s     strArg
			list  array.ListLike
			elems strArg
		}
		pieces := make([]piece, len(a)-1)
		for k, x := range a[1:] {
			if l, ok := x.(array.ListLike); ok {
				pieces[k] = piece{list: l, elems: strArgsOf([]arrow.Array{l.ListValues()})[0]}
				pieces[k].s.valid = validity(x)
				continue
			}
			pieces[k] = piece{s: strArgsOf([]arrow.Array{x})[0]}
		}
		offs := make([]int32, n+1)
		var data []byte
		for i := 0; i < n; i++ {
			if sepValid != nil && !sepValid.get(i) {
				offs[i+1] = int32(len(data))
				continue
			}
			first := true
			add := func(v []byte) {
				if !first {
					data = append(data, sep.at(i)...)
				}
				first = false
				data = append(data, v...)
			}
			for _, p := range pieces {
				if p.s.null(i) {
					continue
				}
				if p.list != nil {
					s, e := p.list.ValueOffsets(i)
					for j := s; j < e; j++ {
						if !p.elems.null(int(j)) {
							add(p.elems.v.at(int(j)))
						}
					}
					continue
				}
				if p.s.v.offs != nil {
					add(p.s.v.at(i))
				}
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(arrow.BinaryTypes.String, offs, data, sepValid), nil
	}
	return &funcExpr{name: "concat_ws", args: args, t: arrow.BinaryTypes.String, k: k}, nil
}

// Like is x LIKE pattern (ILIKE when case-insensitive): '_' matches one character, '%' any
// run, the escape character quotes '_', '%' and itself.
type Like struct {
	X, Pattern      Expr
	Escape          rune
	CaseInsensitive bool
	compiled        *likeMatcher // for a literal pattern
}

// NewLike is x LIKE pattern ESCAPE escape (ILIKE when caseInsensitive). A literal pattern is
// compiled once, and a malformed one is reported here.
func NewLike(x, pattern Expr, escape rune, caseInsensitive bool) (Expr, error) {
	l := &Like{X: x, Pattern: pattern, Escape: escape, CaseInsensitive: caseInsensitive}
	if lit, ok := pattern.(*Literal); ok {
		v, err := lit.scalar()
		if err != nil {
			return nil, err
		}
		if s, ok := v.(string); ok {
			p := []byte(s)
			if caseInsensitive {
				p = javaLower(nil, p)
			}
			m, err := compileLike(p, escape)
			if err != nil {
				return nil, err
			}
			l.compiled = m
		}
	}
	return l, nil
}

func (l *Like) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (l *Like) String() string {
	op := " LIKE "
	if l.CaseInsensitive {
		op = " ILIKE "
	}
	return l.X.String() + op + l.Pattern.String()
}
func (l *Like) children() []Expr { return []Expr{l.X, l.Pattern} }
func (l *Like) mayFail() bool    { return l.compiled == nil || anyMayFail(l.X, l.Pattern) }

func (l *Like) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	x, err := l.X.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	if isNullType(x) {
		return nullArray(arrow.FixedWidthTypes.Boolean, n), nil
	}
	xv := viewVar(x)
	out := newWords(n)
	var buf []byte
	value := func(i int) []byte {
		if l.CaseInsensitive {
			buf = javaLower(buf[:0], xv.at(i))
			return buf
		}
		return xv.at(i)
	}
	if l.compiled != nil {
		for i := 0; i < n; i++ {
			if l.compiled.match(value(i)) {
				out.set(i)
			}
		}
		return newBool(n, out, validity(x)), nil
	}
	p, err := l.Pattern.Eval(b)
	if err != nil {
		return nil, err
	}
	defer p.Release()
	if isNullType(p) {
		return nullArray(arrow.FixedWidthTypes.Boolean, n), nil
	}
	pv := viewVar(p)
	valid := andValidity(x, p)
	var last []byte
	var m *likeMatcher
	for i := 0; i < n; i++ {
		if valid != nil && !valid.get(i) {
			continue
		}
		pat := pv.at(i)
		if l.CaseInsensitive {
			pat = javaLower(nil, pat)
		}
		if m == nil || !bytes.Equal(pat, last) {
			if m, err = compileLike(pat, l.Escape); err != nil {
				return nil, err
			}
			last = append(last[:0], pat...)
		}
		if m.match(value(i)) {
			out.set(i)
		}
	}
	return newBool(n, out, valid), nil
}

// likeMatcher matches a compiled LIKE pattern: segments between '%', each a sequence of
// literal runs and single-character wildcards.
type likeMatcher struct {
	segs         [][]likeItem
	anchoredHead bool // the pattern does not start with '%'
	anchoredTail bool // the pattern does not end with '%'
}

type likeItem struct {
	lit []byte // nil: '_'
}

func compileLike(p []byte, escape rune) (*likeMatcher, error) {
	m := &likeMatcher{anchoredHead: true, anchoredTail: true}
	var seg []likeItem
	var lit []byte
	flushLit := func() {
		if lit != nil {
			seg = append(seg, likeItem{lit: lit})
			lit = nil
		}
	}
	first := true
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		ch := p[i : i+n]
		i += n
		switch {
		case r == escape && i < len(p):
			r2, n2 := utf8.DecodeRune(p[i:])
			if r2 != '_' && r2 != '%' && r2 != escape {
				return nil, sparkerror.New(sparkerror.Analysis, "INVALID_FORMAT.ESC_IN_THE_MIDDLE", "42601",
					"The format is invalid: <format>. The escape character is not allowed to precede <char>.",
					map[string]string{"format": sqlString(p), "char": sqlString(p[i : i+n2])})
			}
			lit = append(lit, p[i:i+n2]...)
			i += n2
		case r == escape:
			return nil, sparkerror.New(sparkerror.Analysis, "INVALID_FORMAT.ESC_AT_THE_END", "42601",
				"The format is invalid: <format>. The escape character is not allowed to end with.",
				map[string]string{"format": sqlString(p)})
		case r == '_':
			flushLit()
			seg = append(seg, likeItem{})
		case r == '%':
			flushLit()
			if first && len(m.segs) == 0 && len(seg) == 0 {
				m.anchoredHead = false
			}
			m.segs = append(m.segs, seg)
			seg = nil
			if i == len(p) {
				m.anchoredTail = false
			}
		default:
			lit = append(lit, ch...)
		}
		first = false
	}
	flushLit()
	if m.anchoredTail {
		m.segs = append(m.segs, seg)
	}
	return m, nil
}

// matchAt matches seg at s[i:], returning the end.
func matchSegAt(seg []likeItem, s []byte, i int) (int, bool) {
	for _, it := range seg {
		if it.lit == nil {
			if i >= len(s) {
				return 0, false
			}
			_, n := utf8.DecodeRune(s[i:])
			i += n
			continue
		}
		if !bytes.HasPrefix(s[i:], it.lit) {
			return 0, false
		}
		i += len(it.lit)
	}
	return i, true
}

// matchSegEnd matches seg ending exactly at len(s), returning its start.
func matchSegEnd(seg []likeItem, s []byte) (int, bool) {
	j := len(s)
	for k := len(seg) - 1; k >= 0; k-- {
		it := seg[k]
		if it.lit == nil {
			if j <= 0 {
				return 0, false
			}
			_, n := utf8.DecodeLastRune(s[:j])
			j -= n
			continue
		}
		if !bytes.HasSuffix(s[:j], it.lit) {
			return 0, false
		}
		j -= len(it.lit)
	}
	return j, true
}

func (m *likeMatcher) match(s []byte) bool {
	segs := m.segs
	if len(segs) == 1 && m.anchoredHead && m.anchoredTail {
		end, ok := matchSegAt(segs[0], s, 0)
		return ok && end == len(s)
	}
	pos := 0
	if m.anchoredHead {
		end, ok := matchSegAt(segs[0], s, 0)
		if !ok {
			return false
		}
		pos = end
		segs = segs[1:]
	}
	var tail []likeItem
	if m.anchoredTail {
		tail = segs[len(segs)-1]
		segs = segs[:len(segs)-1]
	}
	for _, seg := range segs {
		if len(seg) == 0 {
			continue
		}
		found := false
		for start := pos; start <= len(s); {
			if seg[0].lit != nil {
				k := bytes.Index(s[start:], seg[0].lit)
				if k < 0 {
					return false
				}
				start += k
			}
			if end, ok := matchSegAt(seg, s, start); ok {
				pos, found = end, true
				break
			}
			if start >= len(s) {
				break
			}
			_, n := utf8.DecodeRune(s[start:])
			start += n
		}
		if !found {
			return false
		}
	}
	if m.anchoredTail {
		start, ok := matchSegEnd(tail, s)
		return ok && start >= pos
	}
	return true
}
