package expr

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash/crc32"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// String and binary functions beyond the basics of strings.go. Strings are UTF8String
// bytes: characters are counted as charLen announces, invalid bytes are kept as they are.

var (
	utf8T  = arrow.BinaryTypes.String
	binT   = arrow.BinaryTypes.Binary
	boolT  = arrow.FixedWidthTypes.Boolean
	int64T = arrow.PrimitiveTypes.Int64
	f64T   = arrow.PrimitiveTypes.Float64
)

// varType is the Arrow type of a string-or-binary result that follows its first argument.
func varType(e Expr) (types.DataType, arrow.DataType) {
	if e.DataType().ID() == arrow.BINARY {
		return types.Binary, binT
	}
	return types.String, utf8T
}

func fixedArity(name string, n int) func(args []Expr) error {
	return func(args []Expr) error { return arity(name, args, n, n) }
}

// strFunc registers a function of fixed arity whose kernel is built once.
func strFunc(name string, lo, hi int, result types.DataType, fails bool, k kernel, names ...string) {
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, lo, hi); err != nil {
			return nil, err
		}
		return newFunc(name, args, result, fails, k)
	}, append([]string{name}, names...)...)
}

func init() {
	pred := func(name string, f func(s, t []byte) bool) {
		strFunc(name, 2, 2, types.Boolean, false, boolRowK(func(i int, a []argv) (bool, bool, error) {
			return f(a[0].str(i), a[1].str(i)), true, nil
		}))
	}
	pred("contains", bytes.Contains)
	pred("startswith", bytes.HasPrefix)
	pred("endswith", bytes.HasSuffix)

	strFunc("instr", 2, 2, types.Integer, false, fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
		return int32(indexOfChars(a[0].str(i), a[1].str(i), 0) + 1), true, nil
	}))
	register(locateFn, "locate", "position")
	strFunc("substring_index", 3, 3, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		return append(dst, substringIndex(a[0].str(i), a[1].str(i), int(a[2].int(i)))...), true, nil
	}))
	strFunc("replace", 3, 3, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		return appendReplace(dst, a[0].str(i), a[1].str(i), a[2].str(i)), true, nil
	}))
	register(translateFn, "translate")
	register(padFn("lpad", true), "lpad")
	register(padFn("rpad", false), "rpad")
	strFunc("repeat", 2, 2, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s, n := a[0].str(i), a[1].int(i)
		if int64(len(s))*n > math.MaxInt32 {
			return nil, false, sparkerror.New(sparkerror.Arithmetic, "ARITHMETIC_OVERFLOW", "22003",
				"<message>.<alternative> If necessary set <config> to \"false\" to bypass this error.",
				map[string]string{"message": "integer overflow", "alternative": "", "config": `"spark.sql.ansi.enabled"`})
		}
		for k := int64(0); k < n; k++ {
			dst = append(dst, s...)
		}
		return dst, true, nil
	}))
	strFunc("space", 1, 1, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		for k := a[0].int(i); k > 0; k-- {
			dst = append(dst, ' ')
		}
		return dst, true, nil
	}))
	register(leftRightFn("left"), "left")
	register(leftRightFn("right"), "right")
	strFunc("initcap", 1, 1, types.String, false, mapStrK(utf8T, appendInitCap))
	strFunc("reverse", 1, 1, types.String, false, mapStrK(utf8T, func(dst, s []byte) []byte {
		start := len(dst)
		dst = append(dst, s...)
		out := dst[start:]
		for i := 0; i < len(s); {
			n := min(charLen(s[i]), len(s)-i)
			copy(out[len(s)-i-n:], s[i:i+n])
			i += n
		}
		return dst
	}))
	strFunc("ascii", 1, 1, types.Integer, false, mapStrToK(i32, func(s []byte) int32 {
		if len(s) == 0 {
			return 0
		}
		r, _ := utf8.DecodeRune(s[:min(charLen(s[0]), len(s))])
		return r
	}))
	strFunc("chr", 1, 1, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		v := a[0].int(i)
		if v < 0 {
			return dst, true, nil
		}
		return utf8.AppendRune(dst, rune(v&0xff)), true, nil
	}), "char")
	strFunc("bit_length", 1, 1, types.Integer, false, mapStrToK(i32, func(s []byte) int32 { return int32(len(s) * 8) }))
	register(levenshteinFn, "levenshtein")
	strFunc("soundex", 1, 1, types.String, false, mapStrK(utf8T, appendSoundex))
	strFunc("base64", 1, 1, types.String, false, mapStrK(utf8T, appendBase64))
	register(unbase64Fn("unbase64", false), "unbase64")
	register(hexFn, "hex")
	register(unhexFn("unhex", false), "unhex")
	register(decodeCaseFn, "decode_case")
	register(toBinaryFn, "to_binary")
	strFunc("split_part", 3, 3, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		part, err := splitPart(a[0].str(i), a[1].str(i), a[2].int(i))
		return append(dst, part...), true, err
	}))
	strFunc("luhn_check", 1, 1, types.Boolean, false, boolRowK(func(i int, a []argv) (bool, bool, error) {
		return luhn(a[0].str(i)), true, nil
	}))
	strFunc("quote", 1, 1, types.String, false, mapStrK(utf8T, func(dst, s []byte) []byte {
		dst = append(dst, '\'')
		for _, c := range s {
			if c == '\'' {
				dst = append(dst, '\\')
			}
			dst = append(dst, c)
		}
		return append(dst, '\'')
	}))
	strFunc("is_valid_utf8", 1, 1, types.Boolean, false, boolRowK(func(i int, a []argv) (bool, bool, error) {
		return utf8.Valid(a[0].str(i)), true, nil
	}))
	strFunc("make_valid_utf8", 1, 1, types.String, false, mapStrK(utf8T, appendValidUTF8))
	strFunc("validate_utf8", 1, 1, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s := a[0].str(i)
		if !utf8.Valid(s) {
			return nil, false, invalidUTF8(s)
		}
		return append(dst, s...), true, nil
	}))
	strFunc("try_validate_utf8", 1, 1, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s := a[0].str(i)
		return append(dst, s...), utf8.Valid(s), nil
	}))
	strFunc("find_in_set", 2, 2, types.Integer, false, fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
		return findInSet(a[0].str(i), a[1].str(i)), true, nil
	}))
	register(eltFn, "elt")
	strFunc("md5", 1, 1, types.String, false, mapStrK(utf8T, func(dst, s []byte) []byte {
		h := md5.Sum(s)
		return hex.AppendEncode(dst, h[:])
	}))
	strFunc("sha1", 1, 1, types.String, false, mapStrK(utf8T, func(dst, s []byte) []byte {
		h := sha1.Sum(s)
		return hex.AppendEncode(dst, h[:])
	}), "sha")
	strFunc("sha2", 2, 2, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s := a[0].str(i)
		switch a[1].int(i) {
		case 224:
			h := sha256.Sum224(s)
			return hex.AppendEncode(dst, h[:]), true, nil
		case 256, 0:
			h := sha256.Sum256(s)
			return hex.AppendEncode(dst, h[:]), true, nil
		case 384:
			h := sha512.Sum384(s)
			return hex.AppendEncode(dst, h[:]), true, nil
		case 512:
			h := sha512.Sum512(s)
			return hex.AppendEncode(dst, h[:]), true, nil
		}
		return dst, false, nil
	}))
	strFunc("crc32", 1, 1, types.Long, false, mapStrToK(int64T, func(s []byte) int64 { return int64(crc32.ChecksumIEEE(s)) }))
	register(typeofFn, "typeof")
	register(likeFn(false), "like")
	register(likeFn(true), "ilike")
	register(rlikeFn, "rlike")
}

// indexOfChars is UTF8String.indexOf(sub, start): the character position of the first
// occurrence of sub at or after character start, -1 if none; 0 for an empty sub.
func indexOfChars(s, sub []byte, start int) int {
	if len(sub) == 0 {
		return 0
	}
	i, c := 0, 0
	for i < len(s) && c < start {
		i += charLen(s[i])
		c++
	}
	for {
		if i+len(sub) > len(s) {
			return -1
		}
		if bytes.Equal(s[i:i+len(sub)], sub) {
			return c
		}
		i += charLen(s[i])
		c++
		if i >= len(s) {
			return -1
		}
	}
}

// locateFn is locate(substr, str[, pos]) (position is its alias): NULL when substr or str
// is, 0 when pos is NULL or below 1.
func locateFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("locate", args, 2, 3); err != nil {
		return nil, err
	}
	k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
		a := argvsOf(arrs)
		out := make([]int32, n)
		var valid words
		for i := 0; i < n; i++ {
			if len(a) > 2 && a[2].isNull(i) {
				continue
			}
			if a[0].isNull(i) || a[1].isNull(i) {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
				continue
			}
			pos := int64(1)
			if len(a) > 2 {
				pos = a[2].int(i)
			}
			if pos < 1 {
				continue
			}
			out[i] = int32(indexOfChars(a[1].str(i), a[0].str(i), int(pos-1)) + 1)
		}
		return newFixed(i32, out, valid), nil
	}
	return lenientFunc("locate", args, i32, false, k), nil
}

// substringIndex is UTF8String.subStringIndex.
func substringIndex(s, delim []byte, count int) []byte {
	if len(delim) == 0 || count == 0 {
		return nil
	}
	if count > 0 {
		idx := -1
		for ; count > 0; count-- {
			k := bytes.Index(s[idx+1:], delim)
			if k < 0 {
				return s
			}
			idx += 1 + k
		}
		return s[:idx]
	}
	end := len(s)
	idx := len(s)
	for ; count < 0; count++ {
		k := bytes.LastIndex(s[:min(idx-1+len(delim), end)], delim)
		if k < 0 {
			return s
		}
		idx = k
	}
	return s[idx+len(delim):]
}

// appendReplace is UTF8String.replace: every occurrence of search (none when it is empty).
func appendReplace(dst, s, search, repl []byte) []byte {
	if len(s) == 0 || len(search) == 0 {
		return append(dst, s...)
	}
	for {
		k := bytes.Index(s, search)
		if k < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:k]...)
		dst = append(dst, repl...)
		s = s[k+len(search):]
	}
}

// translateFn is translate(str, from, to): each character of from becomes the character
// at the same position of to, or is removed when to is shorter. The dictionary is built
// again only when from or to change.
func translateFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("translate", args, 3, 3); err != nil {
		return nil, err
	}
	return newFunc("translate", args, types.String, false, perBatch(func() kernel {
		var lastFrom, lastTo []byte
		var dict map[rune]rune // -1: delete
		built := false
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			from, to := a[1].str(i), a[2].str(i)
			if !built || !bytes.Equal(from, lastFrom) || !bytes.Equal(to, lastTo) {
				lastFrom, lastTo, built = append(lastFrom[:0], from...), append(lastTo[:0], to...), true
				dict = map[rune]rune{}
				fr, tr := []rune(string(from)), []rune(string(to))
				for j, r := range fr {
					if _, dup := dict[r]; dup {
						continue
					}
					if j < len(tr) {
						dict[r] = tr[j]
					} else {
						dict[r] = -1
					}
				}
			}
			for _, r := range string(a[0].str(i)) {
				if t, ok := dict[r]; ok {
					if t >= 0 {
						dst = utf8.AppendRune(dst, t)
					}
					continue
				}
				dst = utf8.AppendRune(dst, r)
			}
			return dst, true, nil
		})
	}))
}

// padFn is lpad / rpad(str, len, pad) for strings (characters) and binaries (bytes).
func padFn(name string, left bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 3, 3); err != nil {
			return nil, err
		}
		rt, at := varType(args[0])
		binary := at.ID() == arrow.BINARY
		return newFunc(name, args, rt, false, varRowK(at, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			s, n, p := a[0].str(i), a[1].int(i), a[2].str(i)
			if binary {
				return appendPadBytes(dst, s, int(max(n, 0)), p, left), true, nil
			}
			return appendPadChars(dst, s, n, p, left), true, nil
		}))
	}
}

// appendPadChars is UTF8String.lpad/rpad.
func appendPadChars(dst, s []byte, n int64, pad []byte, left bool) []byte {
	have := int64(numChars(s))
	spaces := n - have
	if spaces <= 0 || len(pad) == 0 {
		if n <= 0 {
			return dst
		}
		return append(dst, s[:charOffset(s, int(n))]...)
	}
	padChars := int64(numChars(pad))
	count := spaces / padChars
	remain := pad[:charOffset(pad, int(spaces-padChars*count))]
	if !left {
		dst = append(dst, s...)
	}
	for k := int64(0); k < count; k++ {
		dst = append(dst, pad...)
	}
	dst = append(dst, remain...)
	if left {
		dst = append(dst, s...)
	}
	return dst
}

// appendPadBytes is ByteArray.lpad/rpad.
func appendPadBytes(dst, s []byte, n int, pad []byte, left bool) []byte {
	if n <= len(s) || len(pad) == 0 {
		return append(dst, s[:min(n, len(s))]...)
	}
	fill := n - len(s)
	if !left {
		dst = append(dst, s...)
	}
	for k := 0; k < fill; k++ {
		dst = append(dst, pad[k%len(pad)])
	}
	if left {
		dst = append(dst, s...)
	}
	return dst
}

// leftRightFn is left / right(str, len): the first (last) len characters; binaries are
// sliced by bytes (left only, as in Spark).
func leftRightFn(name string) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		rt, at := varType(args[0])
		binary := at.ID() == arrow.BINARY
		return newFunc(name, args, rt, false, varRowK(at, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			s, n := a[0].str(i), a[1].int(i)
			n = max(min(n, math.MaxInt32), math.MinInt32)
			if name == "left" {
				if binary {
					return append(dst, substringBinary(s, 1, int32(n))...), true, nil
				}
				return append(dst, substringSQL(s, 1, int32(n))...), true, nil
			}
			if n <= 0 {
				return dst, true, nil
			}
			return append(dst, substringSQL(s, int32(-n), math.MaxInt32)...), true, nil
		}))
	}
}

// appendInitCap is initcap under ICU case mappings: every character lower-cased except
// the first of each space-separated word, which is title-cased. Invalid bytes become U+FFFD.
func appendInitCap(dst, s []byte) []byte {
	newWord := true
	var prev rune
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		i += n
		if newWord {
			dst = utf8.AppendRune(dst, unicode.ToTitle(r))
		} else {
			switch {
			case r == 'Σ' && unicode.IsLetter(prev):
				next, _ := utf8.DecodeRune(s[i:])
				if i >= len(s) || !unicode.IsLetter(next) {
					dst = append(dst, "ς"...)
				} else {
					dst = append(dst, "σ"...)
				}
			case r == 'İ':
				dst = append(dst, "i̇"...)
			default:
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
		}
		newWord = r == ' '
		prev = r
	}
	return dst
}

// levenshteinFn is levenshtein(a, b[, threshold]): the edit distance in characters; with a
// threshold, -1 when the distance exceeds it.
func levenshteinFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("levenshtein", args, 2, 3); err != nil {
		return nil, err
	}
	return newFunc("levenshtein", args, types.Integer, false, perBatch(func() kernel {
		var p, d []int
		return fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
			x, y := a[0].str(i), a[1].str(i)
			var dist int
			dist, p, d = levenshtein(x, y, p, d)
			if len(a) > 2 {
				if t := a[2].int(i); int64(dist) > t {
					return -1, true, nil
				}
			}
			return int32(dist), true, nil
		})
	}))
}

// levenshtein is UTF8String.levenshteinDistance; p and d are reusable scratch rows.
func levenshtein(a, b []byte, p, d []int) (int, []int, []int) {
	ca, cb := charStarts(a), charStarts(b)
	n, m := len(ca)-1, len(cb)-1
	if n == 0 {
		return m, p, d
	}
	if m == 0 {
		return n, p, d
	}
	if n > m {
		a, b, ca, cb, n, m = b, a, cb, ca, m, n
	}
	p, d = append(p[:0], make([]int, n+1)...), append(d[:0], make([]int, n+1)...)
	for i := range p {
		p[i] = i
	}
	for j := 0; j < m; j++ {
		tj := b[cb[j]:cb[j+1]]
		d[0] = j + 1
		for i := 0; i < n; i++ {
			cost := 1
			if bytes.Equal(a[ca[i]:ca[i+1]], tj) {
				cost = 0
			}
			d[i+1] = min(d[i]+1, p[i+1]+1, p[i]+cost)
		}
		p, d = d, p
	}
	return p[n], p, d
}

// charStarts lists the byte offsets of each character of s, and len(s).
func charStarts(s []byte) []int {
	out := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); i += charLen(s[i]) {
		out = append(out, i)
	}
	return append(out, len(s))
}

var soundexCodes = []byte("01230127022455012623017202")

// appendSoundex is UTF8String.soundex.
func appendSoundex(dst, s []byte) []byte {
	if len(s) == 0 {
		return dst
	}
	b := s[0]
	if b >= 'a' && b <= 'z' {
		b -= 32
	} else if b < 'A' || b > 'Z' {
		return append(dst, s...)
	}
	sx := []byte{b, '0', '0', '0'}
	k := 1
	last := soundexCodes[b-'A']
	for _, c := range s[1:] {
		if c >= 'a' && c <= 'z' {
			c -= 32
		} else if c < 'A' || c > 'Z' {
			last = '0'
			continue
		}
		code := soundexCodes[c-'A']
		if code == '7' {
			continue
		}
		if code != '0' && code != last {
			sx[k] = code
			k++
			if k > 3 {
				break
			}
		}
		last = code
	}
	return append(dst, sx...)
}

const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// appendBase64 is Java's MIME encoder without line breaks (Spark's default).
func appendBase64(dst, s []byte) []byte {
	for i := 0; i < len(s); i += 3 {
		var v uint32
		n := min(3, len(s)-i)
		for k := 0; k < 3; k++ {
			v <<= 8
			if k < n {
				v |= uint32(s[i+k])
			}
		}
		for k := 0; k < 4; k++ {
			if k <= n {
				dst = append(dst, b64chars[(v>>(18-6*k))&63])
			} else {
				dst = append(dst, '=')
			}
		}
	}
	return dst
}

var b64values = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(b64chars); i++ {
		t[b64chars[i]] = int8(i)
	}
	return t
}()

// appendUnbase64 is Java's MIME decoder: characters outside the alphabet are skipped, '='
// ends the data where it completes a 4-symbol unit; a unit of one symbol is malformed (ok
// false).
func appendUnbase64(dst, s []byte) ([]byte, bool) {
	var v uint32
	bitsN := 0 // pending bits: 0, 6, 4 or 2 after 0, 1, 2 or 3 symbols of a unit
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			switch bitsN {
			case 0, 6:
				return dst, false
			case 4:
				if i+1 >= len(s) || s[i+1] != '=' {
					return dst, false
				}
			}
			return dst, true
		}
		x := b64values[c]
		if x < 0 {
			continue
		}
		v = v<<6 | uint32(x)
		bitsN += 6
		if bitsN >= 8 {
			bitsN -= 8
			dst = append(dst, byte(v>>bitsN))
			v &= (1 << bitsN) - 1
		}
	}
	return dst, bitsN != 6
}

// validBase64 is UnBase64.isValidBase64 (to_binary's strict check).
func validBase64(s []byte) bool {
	position, pad := 0, 0
	for _, r := range string(s) {
		switch {
		case r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '+' || r == '/':
			if pad != 0 {
				return false
			}
			position++
		case r == '=':
			pad++
			if pad > 2 || position%4 < 2 {
				return false
			}
		case javaWhitespace(r):
			if pad != 0 {
				return false
			}
		default:
			return false
		}
	}
	if pad > 0 {
		return (position+pad)%4 == 0
	}
	return position%4 != 1
}

// javaWhitespace is Character.isWhitespace.
func javaWhitespace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f':
		return false
	case '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f':
		return true
	}
	return unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
}

func conversionInvalid(s []byte, format string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "CONVERSION_INVALID_INPUT", "22018",
		"The value <str> (<fmt>) cannot be converted to <targetType> because it is malformed. Correct the value as per the syntax, or change its format. Use <suggestion> to tolerate malformed input and return NULL instead.",
		map[string]string{"str": sqlString(s), "fmt": "'" + format + "'", "targetType": `"BINARY"`, "suggestion": "`try_to_binary`"})
}

// unbase64Fn decodes base64; strict (to_binary) rejects malformed input with
// CONVERSION_INVALID_INPUT, otherwise a malformed tail gives NULL.
func unbase64Fn(name string, strict bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args[:1], types.Binary, strict, varRowK(binT, unbase64Row(strict)))
	}
}

func unbase64Row(strict bool) func(dst []byte, i int, a []argv) ([]byte, bool, error) {
	return func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s := a[0].str(i)
		if strict && !validBase64(s) {
			return nil, false, conversionInvalid(s, "BASE64")
		}
		out, ok := appendUnbase64(dst, s)
		if !ok {
			if strict {
				return nil, false, conversionInvalid(s, "BASE64")
			}
			return nil, false, sparkerror.New(sparkerror.IllegalArgument, "INTERNAL_ERROR", "XX000",
				"Last unit does not have enough valid bits", nil)
		}
		return out, true, nil
	}
}

const hexDigits = "0123456789ABCDEF"

// hexFn is hex(x) for bigint (unsigned, no leading zeros), binary and string (bytes).
func hexFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("hex", args, 1, 1); err != nil {
		return nil, err
	}
	switch args[0].DataType().ID() {
	case arrow.INT64, arrow.INT32, arrow.INT16, arrow.INT8:
		return newFunc("hex", args, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			return appendHexLong(dst, uint64(a[0].int(i))), true, nil
		}))
	}
	return newFunc("hex", args, types.String, false, mapStrK(utf8T, appendHexBytes))
}

func appendHexLong(dst []byte, v uint64) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	var buf [16]byte
	k := len(buf)
	for v != 0 {
		k--
		buf[k] = hexDigits[v&15]
		v >>= 4
	}
	return append(dst, buf[k:]...)
}

func appendHexBytes(dst, s []byte) []byte {
	for _, c := range s {
		dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
	}
	return dst
}

func hexValue(c byte) int {
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

// appendUnhex is Hex.unhex: an odd length takes the first digit alone.
func appendUnhex(dst, s []byte) ([]byte, bool) {
	if len(s)%2 == 1 {
		v := hexValue(s[0])
		if v < 0 {
			return dst, false
		}
		dst = append(dst, byte(v))
		s = s[1:]
	}
	for i := 0; i+1 < len(s); i += 2 {
		h, l := hexValue(s[i]), hexValue(s[i+1])
		if h < 0 || l < 0 {
			return dst, false
		}
		dst = append(dst, byte(h<<4|l))
	}
	return dst, true
}

func unhexFn(name string, strict bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args[:1], types.Binary, strict, varRowK(binT, unhexRow(strict)))
	}
}

func unhexRow(strict bool) func(dst []byte, i int, a []argv) ([]byte, bool, error) {
	return func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		s := a[0].str(i)
		out, ok := appendUnhex(dst, s)
		if !ok && strict {
			return nil, false, conversionInvalid(s, "HEX")
		}
		return out, ok, nil
	}
}

// toBinaryFn is to_binary(str[, fmt]): fmt (constant, case-insensitive) is hex (the
// default), utf-8/utf8 or base64; a NULL fmt gives NULL.
func toBinaryFn(args []Expr, at []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("to_binary", args, 1, 2); err != nil {
		return nil, err
	}
	format := "hex"
	if len(args) == 2 {
		v, isNull, err := constString(args[1])
		if err != nil {
			return nil, err
		}
		if isNull {
			return NewLiteral(types.Binary, nil)
		}
		format = string(javaLower(nil, v))
	}
	switch format {
	case "hex":
		return unhexFn("to_binary", true)(args[:1], at, rt, o)
	case "base64":
		return unbase64Fn("to_binary", true)(args[:1], at, rt, o)
	case "utf-8", "utf8":
		return newFunc("to_binary", args[:1], types.Binary, false, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			return appendValidUTF8(dst, a[0].str(i)), true, nil
		}))
	}
	return nil, sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.INVALID_ARG_VALUE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The <inputName> value must to be a <requireType> literal of <validValues>, but got <inputValue>.",
		map[string]string{"sqlExpr": `"to_binary(` + args[0].String() + ", " + args[1].String() + `)"`, "inputName": "fmt",
			"requireType": `case-insensitive "STRING"`, "validValues": "'hex', 'utf-8', 'utf8', or 'base64'", "inputValue": sqlString([]byte(format))})
}

// constString evaluates a constant string argument (one without column references).
func constString(e Expr) ([]byte, bool, error) {
	a, err := evalConst(e)
	if err != nil {
		return nil, false, err
	}
	defer a.Release()
	if isNullType(a) || a.IsNull(0) {
		return nil, true, nil
	}
	switch a.DataType().ID() {
	case arrow.STRING, arrow.BINARY:
		return append([]byte(nil), viewVar(a).at(0)...), false, nil
	}
	return nil, false, sparkerror.InternalError("constant of type %s where a string is expected", a.DataType())
}

// evalConst evaluates an expression that reads no column on a one-row batch.
func evalConst(e Expr) (arrow.Array, error) {
	used := map[int]bool{}
	if !ColumnRefs(e, used) || len(used) > 0 {
		return nil, sparkerror.NotImplemented("a non-constant argument where Spark requires a constant: " + e.String())
	}
	b := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer b.Release()
	return e.Eval(b)
}

// splitPart is split_part(str, delim, n): the n-th (1-based; negative from the end) part,
// "" when out of range; the whole string when delim is empty.
func splitPart(s, delim []byte, n int64) ([]byte, error) {
	if n == 0 {
		return nil, sparkerror.New(sparkerror.ArrayIndexOutOfBounds, "INVALID_INDEX_OF_ZERO", "22003",
			"The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", nil)
	}
	if len(delim) == 0 {
		if n == 1 || n == -1 {
			return s, nil
		}
		return nil, nil
	}
	count := int64(bytes.Count(s, delim)) + 1
	if n < 0 {
		n = count + n + 1
	}
	if n < 1 || n > count {
		return nil, nil
	}
	for k := int64(1); k < n; k++ {
		s = s[bytes.Index(s, delim)+len(delim):]
	}
	if j := bytes.Index(s, delim); j >= 0 {
		s = s[:j]
	}
	return s, nil
}

// luhn is ExpressionImplUtils.isLuhnNumber: Unicode decimal digits only, non-empty.
func luhn(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	str := []rune(string(s))
	sum, second := 0, false
	for i := len(str) - 1; i >= 0; i-- {
		r := str[i]
		if !unicode.IsDigit(r) {
			return false
		}
		d := digitValue(r)
		if second {
			d *= 2
		}
		sum += d%10 + d/10
		second = !second
	}
	return sum%10 == 0
}

// digitValue is the value of a Unicode decimal digit (they come in runs starting at zero).
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return int(r-start) % 10
}

// appendValidUTF8 is UTF8String.makeValid: invalid sequences become U+FFFD (a truncated
// sequence once, an invalid byte each).
func appendValidUTF8(dst, s []byte) []byte {
	if utf8.Valid(s) {
		return append(dst, s...)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r != utf8.RuneError || n > 1 {
			dst = append(dst, s[i:i+n]...)
			i += n
			continue
		}
		// Skip the longest valid prefix of a sequence, as ICU and Spark do.
		dst = append(dst, "\uFFFD"...)
		want := charLen(s[i])
		k := 1
		if want > 1 && i+1 < len(s) && validSecond(s[i], s[i+1]) {
			k = 2
			for k < want && i+k < len(s) && s[i+k]&0xc0 == 0x80 {
				k++
			}
		}
		i += k
	}
	return dst
}

// validSecond reports whether c is a valid second byte after first (Unicode Table 3-7).
func validSecond(first, c byte) bool {
	switch first {
	case 0xe0:
		return c >= 0xa0 && c <= 0xbf
	case 0xed:
		return c >= 0x80 && c <= 0x9f
	case 0xf0:
		return c >= 0x90 && c <= 0xbf
	case 0xf4:
		return c >= 0x80 && c <= 0x8f
	}
	return c&0xc0 == 0x80
}

func invalidUTF8(s []byte) error {
	var b []byte
	for _, c := range s {
		b = append(b, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
	}
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_UTF8_STRING", "22029",
		"Invalid UTF8 byte sequence found in string: <str>.", map[string]string{"str": string(b)})
}

// findInSet is UTF8String.findInSet.
func findInSet(match, set []byte) int32 {
	if bytes.IndexByte(match, ',') >= 0 {
		return 0
	}
	n := int32(1)
	for {
		k := bytes.IndexByte(set, ',')
		if k < 0 {
			if bytes.Equal(set, match) {
				return n
			}
			return 0
		}
		if bytes.Equal(set[:k], match) {
			return n
		}
		set = set[k+1:]
		n++
	}
}

// eltFn is elt(n, inputs...): the n-th input; out of range is NULL, or INVALID_ARRAY_INDEX
// under ANSI.
func eltFn(args []Expr, _ []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
	if len(args) < 2 {
		return nil, sparkerror.InternalError("elt needs an index and inputs")
	}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	ansi := o.ANSI
	inputs := len(args) - 1
	k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
		if isNullType(arrs[0]) {
			return nullArray(at, n), nil
		}
		idx := argvOf(arrs[0])
		src := make([]int32, n)
		rows := make([]int32, n)
		for i := 0; i < n; i++ {
			rows[i] = -1
			if idx.isNull(i) {
				continue
			}
			k := idx.int(i)
			if k < 1 || k > int64(inputs) {
				if ansi {
					return nil, sparkerror.New(sparkerror.ArrayIndexOutOfBounds, "INVALID_ARRAY_INDEX", "22003",
						"The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead.",
						map[string]string{"indexValue": strconv.FormatInt(k, 10), "arraySize": strconv.Itoa(inputs)})
				}
				continue
			}
			src[i], rows[i] = int32(k), int32(i)
		}
		return gather(at, arrs, src, rows)
	}
	return &funcExpr{name: "elt", args: args, t: at, k: k, fails: ansi}, nil
}

// typeofFn is typeof(x): the argument's type as Spark's catalogString.
func typeofFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("typeof", args, 1, 1); err != nil {
		return nil, err
	}
	if len(argTypes) != 1 || argTypes[0] == nil {
		return nil, sparkerror.InternalError("typeof without its argument's type")
	}
	return NewLiteral(types.String, argTypes[0].CatalogString())
}

// likeFn is like / ilike(str, pattern[, escape]) as functions.
func likeFn(ci bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("like", args, 2, 3); err != nil {
			return nil, err
		}
		esc := '\\'
		if len(args) == 3 {
			v, isNull, err := constString(args[2])
			if err != nil {
				return nil, err
			}
			if isNull || utf8.RuneCount(v) != 1 {
				return nil, sparkerror.New(sparkerror.Analysis, "INVALID_ESCAPE_CHAR", "42000",
					"The escape character must be a string literal of length one.", nil)
			}
			esc, _ = utf8.DecodeRune(v)
		}
		return NewLike(args[0], args[1], esc, ci)
	}
}

// maskFn is mask(str, upper, lower, digit, other): each upper-case letter, lower-case
// letter, decimal digit and other character is replaced by the first character of its
// mask argument; a NULL mask keeps those characters. NULL only when str is.
func maskFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("mask", args, 5, 5); err != nil {
		return nil, err
	}
	k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
		if isNullType(arrs[0]) {
			return nullArray(utf8T, n), nil
		}
		a := argvsOf(arrs)
		offs := make([]int32, n+1)
		var data []byte
		valid := validity(arrs[0])
		maskOf := func(k, i int) rune {
			if a[k].isNull(i) {
				return -1
			}
			r, _ := utf8.DecodeRune(a[k].str(i))
			return r
		}
		for i := 0; i < n; i++ {
			if !a[0].isNull(i) {
				up, lo, dg, ot := maskOf(1, i), maskOf(2, i), maskOf(3, i), maskOf(4, i)
				for _, r := range string(a[0].str(i)) {
					m := ot
					switch {
					case unicode.IsUpper(r):
						m = up
					case unicode.IsLower(r):
						m = lo
					case unicode.IsDigit(r):
						m = dg
					}
					if m < 0 {
						m = r
					}
					data = utf8.AppendRune(data, m)
				}
			}
			offs[i+1] = int32(len(data))
		}
		if data == nil {
			data = []byte{}
		}
		return newVar(utf8T, offs, data, valid), nil
	}
	return &funcExpr{name: "mask", args: args, t: utf8T, k: k}, nil
}

func init() { register(maskFn, "mask") }
