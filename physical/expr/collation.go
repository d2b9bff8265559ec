package expr

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Collation keys: a string of a non-default collation is compared, sorted, grouped and
// joined through its key, a value whose plain binary order and equality are the
// collation's. Keys are computed once per batch as a column, so the compare, sort, hash
// aggregate and hash join kernels stay unchanged.
//
//   UTF8_BINARY        the string itself
//   UTF8_LCASE         the string lower-cased code point by code point (Spark's
//                      lowerCaseCodePoints: İ becomes i + combining dot, ς becomes σ)
//   ICU collations     the ICU sort key of the locale (golang.org/x/text/collate), with
//                      _CI ignoring case and _AI ignoring accents
//   _RTRIM             trailing spaces are dropped first

func init() {
	// COLLATE only relabels the type; the values are unchanged.
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("collate", args, 1, 2); err != nil {
			return nil, err
		}
		return args[0], nil
	}, "collate")
}

// collationSpec is a parsed canonical collation name.
type collationSpec struct {
	binary, lcase bool
	rtrim         bool
	ci, ai        bool
	tag           language.Tag
}

func parseCollationSpec(name string) collationSpec {
	var s collationSpec
	if name == "" {
		s.binary = true
		return s
	}
	parts := strings.Split(name, "_")
	switch {
	case strings.HasPrefix(name, "UTF8_BINARY"):
		s.binary = true
		s.rtrim = strings.HasSuffix(name, "_RTRIM")
		return s
	case strings.HasPrefix(name, "UTF8_LCASE"):
		s.lcase = true
		s.rtrim = strings.HasSuffix(name, "_RTRIM")
		return s
	}
	var locale []string
	for i, p := range parts {
		switch p {
		case "CI":
			s.ci = true
		case "AI":
			s.ai = true
		case "RTRIM":
			s.rtrim = true
		case "CS", "AS":
		default:
			if i == len(locale) {
				locale = append(locale, p)
			}
		}
	}
	s.tag = localeTag(locale)
	return s
}

// localeTag is the language tag of a Spark ICU locale: language, then an optional
// script (4 letters) and country (ISO 3166 alpha-3 or alpha-2); UNICODE is the root.
func localeTag(parts []string) language.Tag {
	if len(parts) == 0 || parts[0] == "UNICODE" {
		return language.Und
	}
	base, err := language.ParseBase(parts[0])
	if err != nil {
		return language.Und
	}
	var conf []any
	conf = append(conf, base)
	for _, p := range parts[1:] {
		switch len(p) {
		case 4:
			if sc, err := language.ParseScript(p); err == nil {
				conf = append(conf, sc)
			}
		case 2, 3:
			if r, err := language.ParseRegion(p); err == nil {
				conf = append(conf, r)
			}
		}
	}
	t, err := language.Compose(conf...)
	if err != nil {
		return language.Make(parts[0])
	}
	return t
}

// IsBinaryCollation reports whether the collation compares strings byte by byte (the
// key of a UTF8_BINARY string is itself).
func IsBinaryCollation(collation string) bool {
	return collation == "" || collation == "UTF8_BINARY"
}

// NewCollationKey returns the collation key of child, a string column of the collation
// (a canonical name, "" for UTF8_BINARY): child itself for UTF8_BINARY, a string for
// UTF8_LCASE, a binary sort key for the ICU collations.
func NewCollationKey(child Expr, collation string) (Expr, error) {
	if IsBinaryCollation(collation) {
		return child, nil
	}
	spec := parseCollationSpec(collation)
	if lit, ok := child.(*Literal); ok {
		// A constant's key is computed once.
		rt := types.DataType(types.String)
		if !spec.binary && !spec.lcase {
			rt = types.Binary
		}
		str, isStr := lit.Value.(string)
		if lit.Value == nil {
			return NewLiteral(rt, nil)
		}
		if isStr {
			key := spec.key(nil, []byte(str))
			if rt == types.Binary {
				return NewLiteral(rt, key)
			}
			return NewLiteral(rt, string(key))
		}
	}
	rt, k := spec.kernel()
	e, err := newFunc("collation_key", []Expr{child}, rt, false, k)
	if err != nil {
		return nil, err
	}
	return Built(e, "collation_key", []Expr{child}, collation), nil
}

// The collation kernels capture their collation, so plans ship them by constructor.
func init() {
	RegisterBuilder("collation_key", func(args []Expr, params []string) (Expr, error) {
		if len(args) != 1 || len(params) != 1 {
			return nil, sparkerror.InternalError("decode: collation_key of %d arguments", len(args))
		}
		return NewCollationKey(args[0], params[0])
	})
	RegisterBuilder("array_collation_key", func(args []Expr, params []string) (Expr, error) {
		if len(args) != 1 || len(params) != 1 {
			return nil, sparkerror.InternalError("decode: array_collation_key of %d arguments", len(args))
		}
		return NewArrayCollationKey(args[0], params[0])
	})
	RegisterBuilder("lcase_string_function", func(args []Expr, params []string) (Expr, error) {
		if len(params) != 1 {
			return nil, sparkerror.InternalError("decode: lcase_string_function without its name")
		}
		e, ok, err := NewLcaseStringFunc(params[0], args)
		if err == nil && !ok {
			err = sparkerror.InternalError("decode: %s has no UTF8_LCASE form", params[0])
		}
		return e, err
	})
}

// kernel is the batch kernel computing the keys of a string array, and its key type.
func (spec collationSpec) kernel() (types.DataType, kernel) {
	rtrim := spec.rtrim
	switch {
	case spec.binary:
		return types.String, mapStrK(arrow.BinaryTypes.String, func(dst, s []byte) []byte {
			return append(dst, rtrimSpaces(s)...)
		})
	case spec.lcase:
		return types.String, mapStrK(arrow.BinaryTypes.String, func(dst, s []byte) []byte {
			if rtrim {
				s = rtrimSpaces(s)
			}
			return lcaseKey(dst, s)
		})
	}
	return types.Binary, func(a []arrow.Array, n int) (arrow.Array, error) {
		// A collator keeps iteration state, so each evaluation makes its own.
		ik := spec.newICUKeyer()
		v := viewVar(a[0])
		valid := validity(a[0])
		offs := make([]int32, n+1)
		data := make([]byte, 0, 2*len(v.data)+n)
		for i := 0; i < n; i++ {
			if valid == nil || valid.get(i) {
				s := v.at(i)
				if rtrim {
					s = rtrimSpaces(s)
				}
				data = ik.key(data, s)
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(arrow.BinaryTypes.Binary, offs, data, valid), nil
	}
}

// NewArrayCollationKey is NewCollationKey for an array of strings of the collation: the
// array of its elements' keys (same offsets and nulls).
func NewArrayCollationKey(child Expr, collation string) (Expr, error) {
	if IsBinaryCollation(collation) {
		return child, nil
	}
	et, k := parseCollationSpec(collation).kernel()
	rt := types.ArrayType{ElementType: et, ContainsNull: true}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	e, err := newFunc("collation_key", []Expr{child}, rt, false, func(a []arrow.Array, n int) (arrow.Array, error) {
		l, ok := a[0].(*array.List)
		if !ok {
			return nullArray(at, n), nil
		}
		vals := l.ListValues()
		keys, err := k([]arrow.Array{vals}, vals.Len())
		if err != nil {
			return nil, err
		}
		defer keys.Release()
		d := l.Data()
		nd := array.NewData(at, d.Len(), d.Buffers()[:2], []arrow.ArrayData{keys.Data()}, d.NullN(), d.Offset())
		defer nd.Release()
		return array.MakeFromData(nd), nil
	})
	if err != nil {
		return nil, err
	}
	return Built(e, "array_collation_key", []Expr{child}, collation), nil
}

// rtrimSpaces drops trailing ASCII spaces.
func rtrimSpaces(s []byte) []byte {
	n := len(s)
	for n > 0 && s[n-1] == ' ' {
		n--
	}
	return s[:n]
}

// lcaseKey appends the UTF8_LCASE key of s: each code point lower-cased on its own.
func lcaseKey(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case r == 'İ': // U+0130 lower-cases to i followed by a combining dot above
			dst = append(dst, 'i', 0xCC, 0x87)
		case r == 'ς': // final sigma compares as sigma
			dst = utf8.AppendRune(dst, 'σ')
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// key appends the collation key of one string (for constants; columns use the batch
// kernels of NewCollationKey).
func (s collationSpec) key(dst, str []byte) []byte {
	if s.rtrim {
		str = rtrimSpaces(str)
	}
	switch {
	case s.binary:
		return append(dst, str...)
	case s.lcase:
		return lcaseKey(dst, str)
	}
	return s.newICUKeyer().key(dst, str)
}

// icuKeyer computes ICU sort keys; it is not safe for concurrent use.
type icuKeyer struct {
	c *collate.Collator
	// caseLevel appends a case level to accent-insensitive, case-sensitive keys (ICU's
	// primary strength with the case level on).
	caseLevel bool
	buf       collate.Buffer
	valid     []byte // str made valid UTF-8
}

func (s collationSpec) newICUKeyer() *icuKeyer {
	var opts []collate.Option
	if s.ci || s.ai {
		opts = append(opts, collate.IgnoreCase)
	}
	if s.ai {
		opts = append(opts, collate.IgnoreDiacritics)
	}
	return &icuKeyer{c: collate.New(s.tag, opts...), caseLevel: s.ai && !s.ci}
}

// key appends the sort key of str. ICU sees the string as Spark passes it, through
// UTF8String.toValidString: each invalid byte sequence is U+FFFD.
func (k *icuKeyer) key(dst, str []byte) []byte {
	if !utf8.Valid(str) {
		k.valid = appendValidUTF8(k.valid[:0], str)
		str = k.valid
	}
	dst = append(dst, k.c.Key(&k.buf, str)...)
	k.buf.Reset()
	if !k.caseLevel {
		return dst
	}
	dst = append(dst, 0, 0)
	var it norm.Iter
	it.Init(norm.NFD, str)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			switch {
			case unicode.Is(unicode.Mn, r):
			case unicode.IsUpper(r):
				dst = append(dst, 2)
			default:
				dst = append(dst, 1)
			}
		}
	}
	return dst
}

// lcaseFold is a string lower-cased as UTF8_LCASE compares it, with the original byte
// offset of every folded byte (the start of the character it comes from), so that a
// match found in the folded string maps back to the original.
type lcaseFold struct {
	low  []byte
	orig []int32 // len(low)+1 entries; the last is len(s)
}

func (f *lcaseFold) reset(s []byte) {
	f.low, f.orig = f.low[:0], f.orig[:0]
	for i := 0; i < len(s); {
		start := i
		before := len(f.low)
		_, n := utf8.DecodeRune(s[i:])
		if n == 0 {
			n = 1
		}
		f.low = lcaseKey(f.low, s[i:i+n])
		i += n
		for range len(f.low) - before {
			f.orig = append(f.orig, int32(start))
		}
	}
	f.orig = append(f.orig, int32(len(s)))
}

// matches lists the non-overlapping occurrences of the folded pattern pat in the folded
// string, as byte positions of the folded string, appended to out.
func (f *lcaseFold) matches(out []int, pat []byte) []int {
	if len(pat) == 0 {
		return out
	}
	for pos := 0; pos <= len(f.low); {
		j := bytes.Index(f.low[pos:], pat)
		if j < 0 {
			break
		}
		out = append(out, pos+j)
		pos += j + len(pat)
	}
	return out
}

// NewLcaseStringFunc returns replace, split_part, substring_index or translate matching
// their search string (translate: characters) case-insensitively, as they run for
// UTF8_LCASE strings; ok is false for other functions.
func NewLcaseStringFunc(fn string, args []Expr) (Expr, bool, error) {
	if err := arity(fn, args, 3, 3); err != nil {
		return nil, false, err
	}
	var f func(st *lcaseState, dst []byte, i int, a []argv) ([]byte, error)
	fails := false
	switch fn {
	case "replace":
		f = lcaseReplace
	case "split_part":
		f, fails = lcaseSplitPart, true
	case "substring_index":
		f = lcaseSubstringIndex
	case "translate":
		f = lcaseTranslate
	default:
		return nil, false, nil
	}
	x, err := newFunc(fn, args, types.String, fails, perBatch(func() kernel {
		st := &lcaseState{}
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			out, err := f(st, dst, i, a)
			return out, err == nil, err
		})
	}))
	if err != nil {
		return nil, true, err
	}
	return Built(x, "lcase_string_function", args, fn), true, nil
}

// lcaseState is the per-batch scratch space of the UTF8_LCASE string functions.
type lcaseState struct {
	s   lcaseFold
	pat []byte
	at  []int
	// translate's dictionary of lower-cased characters, for the last matching and
	// replacement strings (-1: delete the character).
	dict               map[rune]rune
	lastMatch, lastRep []byte
	hasDict            bool
}

// lcaseTranslate is translate for UTF8_LCASE: each character of the matching string maps
// to the replacement's character at the same position (deleted past its end, the first
// mapping of a character winning), and a source character is translated when its lower
// case is a key.
func lcaseTranslate(st *lcaseState, dst []byte, i int, a []argv) ([]byte, error) {
	s, match, rep := a[0].str(i), a[1].str(i), a[2].str(i)
	if !st.hasDict || !bytes.Equal(match, st.lastMatch) || !bytes.Equal(rep, st.lastRep) {
		st.dict = make(map[rune]rune, len(match))
		st.lastMatch = append(st.lastMatch[:0], match...)
		st.lastRep = append(st.lastRep[:0], rep...)
		st.hasDict = true
		r := rep
		for len(match) > 0 {
			m, n := utf8.DecodeRune(match)
			match = match[n:]
			to := rune(-1)
			if len(r) > 0 {
				var k int
				to, k = utf8.DecodeRune(r)
				r = r[k:]
			}
			if _, seen := st.dict[lcaseRune(m)]; !seen {
				st.dict[lcaseRune(m)] = to
			}
		}
	}
	for len(s) > 0 {
		c, n := utf8.DecodeRune(s)
		s = s[n:]
		to, ok := st.dict[lcaseRune(c)]
		switch {
		case !ok:
			dst = utf8.AppendRune(dst, c)
		case to >= 0:
			dst = utf8.AppendRune(dst, to)
		}
	}
	return dst, nil
}

// lcaseRune is the lower case of one character as UTF8_LCASE compares it.
func lcaseRune(r rune) rune {
	if r == 'ς' {
		return 'σ'
	}
	return unicode.ToLower(r)
}

// prepare folds the string and the pattern and finds the pattern's occurrences.
func (st *lcaseState) prepare(s, pat []byte) {
	st.s.reset(s)
	st.pat = lcaseKey(st.pat[:0], pat)
	st.at = st.s.matches(st.at[:0], st.pat)
}

func lcaseReplace(st *lcaseState, dst []byte, i int, a []argv) ([]byte, error) {
	s, search, repl := a[0].str(i), a[1].str(i), a[2].str(i)
	if len(s) == 0 || len(search) == 0 {
		return append(dst, s...), nil
	}
	st.prepare(s, search)
	prev := 0
	for _, m := range st.at {
		start, end := st.s.orig[m], st.s.orig[m+len(st.pat)]
		dst = append(dst, s[prev:start]...)
		dst = append(dst, repl...)
		prev = int(end)
	}
	return append(dst, s[prev:]...), nil
}

func lcaseSplitPart(st *lcaseState, dst []byte, i int, a []argv) ([]byte, error) {
	s, delim, n := a[0].str(i), a[1].str(i), a[2].int(i)
	if n == 0 || len(delim) == 0 {
		part, err := splitPart(s, delim, n)
		return append(dst, part...), err
	}
	st.prepare(s, delim)
	count := int64(len(st.at)) + 1
	if n < 0 {
		n = count + n + 1
	}
	if n < 1 || n > count {
		return dst, nil
	}
	start, end := 0, len(s)
	if n > 1 {
		start = int(st.s.orig[st.at[n-2]+len(st.pat)])
	}
	if n <= int64(len(st.at)) {
		end = int(st.s.orig[st.at[n-1]])
	}
	return append(dst, s[start:end]...), nil
}

func lcaseSubstringIndex(st *lcaseState, dst []byte, i int, a []argv) ([]byte, error) {
	s, delim, count := a[0].str(i), a[1].str(i), int(a[2].int(i))
	if len(delim) == 0 || count == 0 {
		return dst, nil
	}
	st.prepare(s, delim)
	if count > 0 {
		// Like UTF8String.subStringIndex, each search starts one past the previous match.
		pos := -1
		for ; count > 0; count-- {
			k := bytes.Index(st.s.low[pos+1:], st.pat)
			if k < 0 {
				return append(dst, s...), nil
			}
			pos += 1 + k
		}
		return append(dst, s[:st.s.orig[pos]]...), nil
	}
	// From the right, occurrences may overlap: search backwards from each match.
	end := len(st.s.low)
	m := -1
	for ; count < 0; count++ {
		k := bytes.LastIndex(st.s.low[:end], st.pat)
		if k < 0 {
			return append(dst, s...), nil
		}
		m = k
		end = k + len(st.pat) - 1
		if end < 0 {
			end = 0
		}
	}
	return append(dst, s[st.s.orig[m+len(st.pat)]:]...), nil
}

// NewSetCollationKey is the key of a comma-separated list of strings (find_in_set's
// second argument) for a UTF8_ collation: each item's key, comma-separated, so that
// trimming applies to every item.
func NewSetCollationKey(child Expr, collation string) (Expr, error) {
	if IsBinaryCollation(collation) {
		return child, nil
	}
	spec := parseCollationSpec(collation)
	if !spec.binary && !spec.lcase {
		return nil, sparkerror.InternalError("no list key for collation %s", collation)
	}
	return newFunc("collation_key", []Expr{child}, types.String, false, mapStrK(arrow.BinaryTypes.String, func(dst, s []byte) []byte {
		for i := 0; ; i++ {
			item, rest, more := bytes.Cut(s, []byte{','})
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = spec.key(dst, item)
			if !more {
				return dst
			}
			s = rest
		}
	}))
}

// NewCollatedExtreme is least (greatest when greatest is set) of strings of a collation:
// the first non-NULL argument whose key is smallest (largest); NULL when all are.
func NewCollatedExtreme(args []Expr, collation string, greatest bool) (Expr, error) {
	all := append([]Expr(nil), args...)
	for _, x := range args {
		k, err := NewCollationKey(x, collation)
		if err != nil {
			return nil, err
		}
		all = append(all, k)
	}
	name := "least"
	if greatest {
		name = "greatest"
	}
	m := len(args)
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		vals, keys := make([]varView, m), make([]varView, m)
		valid := make([]words, m)
		allNull := make([]bool, m)
		for j := range m {
			if isNullType(a[j]) {
				allNull[j] = true
				continue
			}
			vals[j], keys[j], valid[j] = viewVar(a[j]), viewVar(a[m+j]), validity(a[j])
		}
		offs := make([]int32, n+1)
		var data []byte
		out := newWords(n)
		for i := 0; i < n; i++ {
			best := -1
			for j := range m {
				if allNull[j] || (valid[j] != nil && !valid[j].get(i)) {
					continue
				}
				if best < 0 {
					best = j
					continue
				}
				c := bytes.Compare(keys[j].at(i), keys[best].at(i))
				if (greatest && c > 0) || (!greatest && c < 0) {
					best = j
				}
			}
			if best >= 0 {
				data = append(data, vals[best].at(i)...)
				out.set(i)
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(utf8T, offs, data, out), nil
	}
	return &funcExpr{name: name, args: all, t: utf8T, k: k}, nil
}

// NewCollatedArraySetOp is array_distinct (one argument), array_union,
// array_intersect or array_except over arrays of strings of a collation: elements are
// the same when their keys are, and the first of equal elements is kept as it is.
func NewCollatedArraySetOp(op string, args []Expr, collation string, result types.DataType) (Expr, error) {
	if (op == "array_distinct") != (len(args) == 1) || len(args) > 2 {
		return nil, sparkerror.InternalError("%s of %d arrays", op, len(args))
	}
	dt, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	all := append([]Expr(nil), args...)
	for _, x := range args {
		k, err := NewArrayCollationKey(x, collation)
		if err != nil {
			return nil, err
		}
		all = append(all, k)
	}
	m := len(args)
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		lists := make([]collListView, m)
		keyVals := make([]arrow.Array, m)
		origVals := make([]arrow.Array, m)
		for j := range m {
			lists[j] = collViewList(a[j])
			origVals[j] = lists[j].values
			keyVals[j] = collViewList(a[m+j]).values
		}
		eq, err := newCollEq(keyVals[0].DataType(), keyVals...)
		if err != nil {
			return nil, err
		}
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			null := false
			for j := range m {
				null = null || lists[j].isNull(i)
			}
			if null {
				r.end(true)
				continue
			}
			start := len(r.idx)
			ls, le := lists[0].span(i)
			for j := ls; j < le; j++ {
				keep := true
				if m == 2 && op != "array_union" {
					rs, re := lists[1].span(i)
					found := false
					for q := rs; q < re && !found; q++ {
						found = eq.eq(0, j, 1, q)
					}
					keep = found == (op == "array_intersect")
				}
				if keep && !collSeen(eq, r, start, 0, j) {
					r.add(0, j)
				}
			}
			if op == "array_union" {
				rs, re := lists[1].span(i)
				for q := rs; q < re; q++ {
					if !collSeen(eq, r, start, 1, q) {
						r.add(1, q)
					}
				}
			}
			r.end(false)
		}
		return r.list(dt, origVals)
	}
	return &funcExpr{name: op, args: all, t: dt, k: k}, nil
}

// NewSearchFoldKey is, for an ICU collation, a form of the strings of child in which
// substring search approximates the collation's (Spark searches with ICU's StringSearch):
// canonically decomposed, lower-cased for _CI, without combining marks for _AI, and
// without trailing spaces for _RTRIM. UTF8_ collations use their collation keys.
func NewSearchFoldKey(child Expr, collation string) (Expr, error) {
	spec := parseCollationSpec(collation)
	if spec.binary || spec.lcase {
		return NewCollationKey(child, collation)
	}
	return newFunc("collation_search_key", []Expr{child}, types.String, false, mapStrK(arrow.BinaryTypes.String, func(dst, s []byte) []byte {
		if spec.rtrim {
			s = rtrimSpaces(s)
		}
		var it norm.Iter
		it.Init(norm.NFD, s)
		for !it.Done() {
			seg := it.Next()
			for len(seg) > 0 {
				r, n := utf8.DecodeRune(seg)
				seg = seg[n:]
				switch {
				case spec.ai && unicode.Is(unicode.Mn, r):
				case spec.ci:
					dst = utf8.AppendRune(dst, unicode.ToLower(r))
				default:
					dst = utf8.AppendRune(dst, r)
				}
			}
		}
		return dst
	}))
}

// CollationOpName is the registered function through which the planner builds the
// collation expressions of this file, so that they keep their call and encoded plans can
// ship them: collation_op(op, collation, args...), op and collation being string
// literals (see collationOp for the ops).
const CollationOpName = "collation_op"

func init() { register(collationOp, CollationOpName) }

// collationOp builds a collation expression: "key", "array_key", "set_key" and
// "search_key" of one string (NewCollationKey, NewArrayCollationKey,
// NewSetCollationKey, NewSearchFoldKey), "least" and "greatest" (NewCollatedExtreme),
// the array set functions (NewCollatedArraySetOp) and the UTF8_LCASE string functions
// (NewLcaseStringFunc).
func collationOp(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
	if len(args) < 3 {
		return nil, sparkerror.InternalError("%s takes an operation, a collation and arguments", CollationOpName)
	}
	op, ok1 := literalString(args[0])
	coll, ok2 := literalString(args[1])
	if !ok1 || !ok2 {
		return nil, sparkerror.InternalError("%s: the operation and the collation must be string literals", CollationOpName)
	}
	rest := args[2:]
	switch op {
	case "key":
		return NewCollationKey(rest[0], coll)
	case "array_key":
		return NewArrayCollationKey(rest[0], coll)
	case "set_key":
		return NewSetCollationKey(rest[0], coll)
	case "search_key":
		return NewSearchFoldKey(rest[0], coll)
	case "least", "greatest":
		return NewCollatedExtreme(rest, coll, op == "greatest")
	case "array_distinct", "array_union", "array_intersect", "array_except":
		return NewCollatedArraySetOp(op, rest, coll, result)
	case "replace", "split_part", "substring_index", "translate":
		x, ok, err := NewLcaseStringFunc(op, rest)
		if err == nil && !ok {
			err = sparkerror.InternalError("%s: no UTF8_LCASE %s", CollationOpName, op)
		}
		return x, err
	}
	return nil, sparkerror.InternalError("%s: unknown operation %q", CollationOpName, op)
}
