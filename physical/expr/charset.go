package expr

import (
	"bytes"
	"encoding/binary"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// encode(str, charset) and decode(bin, charset) with Spark's charsets (CharsetProvider:
// us-ascii, iso-8859-1, utf-8, utf-16be, utf-16le, utf-16, utf-32, case-insensitive) and
// its REPORT coding error action: unmappable or malformed input is MALFORMED_CHARACTER_CODING.
//
// The session's legacy settings are bound into the call by the analyzer, which picks one
// of the internal names below: spark.sql.legacy.javaCharsets admits every charset Java
// knows (here: the IANA index of golang.org/x/text plus Java's common aliases), and
// spark.sql.legacy.codingErrorAction replaces what cannot be coded, as Java's REPLACE
// action does ('?' when encoding into a byte charset, U+FFFD when decoding).

// codingMode is the pair of legacy settings an encode or decode call was resolved with.
type codingMode struct {
	javaCharsets bool // spark.sql.legacy.javaCharsets
	replace      bool // spark.sql.legacy.codingErrorAction
}

// codingSuffix names the kernel variant of a mode: "encode" + codingSuffix(m).
func codingSuffix(m codingMode) string {
	switch {
	case m.javaCharsets && m.replace:
		return "_legacy_charsets_replace"
	case m.javaCharsets:
		return "_legacy_charsets"
	case m.replace:
		return "_legacy_replace"
	}
	return ""
}

func init() {
	for _, m := range []codingMode{{}, {true, false}, {false, true}, {true, true}} {
		register(encodeKernel(m), "encode"+codingSuffix(m))
		register(decodeKernel(m), "decode"+codingSuffix(m))
	}
}

type charset uint8

const (
	csASCII charset = iota
	csLatin1
	csUTF8
	csUTF16BE
	csUTF16LE
	csUTF16
	csUTF32
	csJava // a charset outside Spark's list, admitted by spark.sql.legacy.javaCharsets
)

var charsetNames = map[string]charset{
	"us-ascii": csASCII, "iso-8859-1": csLatin1, "utf-8": csUTF8, "utf-16be": csUTF16BE,
	"utf-16le": csUTF16LE, "utf-16": csUTF16, "utf-32": csUTF32,
}

// javaCharsetAliases maps Java's aliases (lower case) that the IANA index does not know
// onto a name it does, for the charsets Java and the index share.
var javaCharsetAliases = map[string]string{
	"ascii": "us-ascii", "ascii7": "us-ascii", "646": "us-ascii", "iso646-us": "us-ascii",
	"latin1": "iso-8859-1", "l1": "iso-8859-1", "iso8859_1": "iso-8859-1", "8859_1": "iso-8859-1",
	"iso_8859_1": "iso-8859-1", "ibm819": "iso-8859-1", "cp819": "iso-8859-1",
	"utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
	"utf_16": "utf-16", "utf16": "utf-16", "unicode": "utf-16", "unicodebig": "utf-16",
	"utf_16be": "utf-16be", "unicodebigunmarked": "utf-16be", "x-utf-16be": "utf-16be", "iso-10646-ucs-2": "utf-16be",
	"utf_16le": "utf-16le", "unicodelittleunmarked": "utf-16le", "x-utf-16le": "utf-16le",
	"utf_32": "utf-32", "utf32": "utf-32",
	"cp1250": "windows-1250", "cp1251": "windows-1251", "cp1252": "windows-1252", "cp1253": "windows-1253",
	"cp1254": "windows-1254", "cp1255": "windows-1255", "cp1256": "windows-1256", "cp1257": "windows-1257",
	"cp1258": "windows-1258", "cp5346": "windows-1250", "cp5347": "windows-1251", "cp5348": "windows-1252",
	"cp5349": "windows-1253", "cp5350": "windows-1254", "cp5351": "windows-1255", "cp5352": "windows-1256",
	"cp5353": "windows-1257", "cp5354": "windows-1258",
	"iso8859_2": "iso-8859-2", "iso8859_3": "iso-8859-3", "iso8859_4": "iso-8859-4", "iso8859_5": "iso-8859-5",
	"iso8859_6": "iso-8859-6", "iso8859_7": "iso-8859-7", "iso8859_8": "iso-8859-8", "iso8859_9": "iso-8859-9",
	"iso8859_13": "iso-8859-13", "iso8859_15": "iso-8859-15", "latin9": "iso-8859-15", "l9": "iso-8859-15",
	"koi8_r": "koi8-r", "koi8_u": "koi8-u", "sjis": "shift_jis", "shift-jis": "shift_jis", "ms932": "windows-31j",
	"euc_jp": "euc-jp", "euc_kr": "euc-kr", "gb2312": "gbk", "euc_cn": "gbk", "cp936": "gbk", "ms936": "gbk",
	"big5-hkscs": "big5", "cp950": "big5", "ms950": "big5",
}

// codec is a resolved charset: one of Spark's (cs) or a Java one (ext, cs == csJava).
type codec struct {
	cs  charset
	ext encoding.Encoding
	// single is ext as a single-byte table, coded a byte at a time.
	single *charmap.Charmap
}

// lookupCodec resolves a charset name as CharsetProvider.forName does under mode.
func lookupCodec(name []byte, mode codingMode) (codec, bool) {
	lower := string(javaLower(nil, name))
	if cs, ok := charsetNames[lower]; ok {
		return codec{cs: cs}, true
	}
	if !mode.javaCharsets {
		return codec{}, false
	}
	if alias, ok := javaCharsetAliases[lower]; ok {
		lower = alias
		if cs, ok := charsetNames[lower]; ok {
			return codec{cs: cs}, true
		}
	}
	e, err := ianaindex.IANA.Encoding(lower)
	if err != nil || e == nil {
		return codec{}, false
	}
	switch e {
	case unicode.UTF8:
		return codec{cs: csUTF8}, true
	case charmap.ISO8859_1:
		return codec{cs: csLatin1}, true
	}
	c := codec{cs: csJava, ext: e}
	if cm, ok := e.(*charmap.Charmap); ok {
		c.single = cm
	}
	return c, true
}

// charsetCache resolves a charset name, remembering the last one.
type charsetCache struct {
	mu   sync.Mutex
	name []byte
	c    codec
	ok   bool
}

func (c *charsetCache) lookup(fn string, name []byte, mode codingMode) (codec, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ok && bytes.Equal(name, c.name) {
		return c.c, nil
	}
	cd, ok := lookupCodec(name, mode)
	if !ok {
		return codec{}, sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.CHARSET", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the <charsets>, but got <charset>.",
			map[string]string{"functionName": "`" + fn + "`", "parameter": "`charset`", "charset": string(name),
				"charsets": "iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8"})
	}
	c.name, c.c, c.ok = append(c.name[:0], name...), cd, true
	return cd, nil
}

func malformedCoding(fn string, name []byte) error {
	return sparkerror.New(sparkerror.Runtime, "MALFORMED_CHARACTER_CODING", "22000",
		"Invalid value found when performing <function> with <charset>",
		map[string]string{"function": "`" + fn + "`", "charset": string(name)})
}

func encodeKernel(mode codingMode) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("encode", args, 2, 2); err != nil {
			return nil, err
		}
		var cache charsetCache
		return newFunc("encode", args, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			name := a[1].str(i)
			cd, err := cache.lookup("encode", name, mode)
			if err != nil {
				return nil, false, err
			}
			out, ok := appendEncoded(dst, a[0].str(i), cd, mode.replace)
			if !ok {
				return nil, false, malformedCoding("encode", name)
			}
			return out, true, nil
		}))
	}
}

// appendEncoded encodes s (UTF-8, invalid sequences read as U+FFFD) in cd; ok is false
// for a character cd cannot code, unless replace puts the charset's replacement there.
func appendEncoded(dst, s []byte, cd codec, replace bool) ([]byte, bool) {
	if len(s) == 0 {
		return dst, true
	}
	cs := cd.cs
	if cs == csUTF8 {
		return appendValidUTF8(dst, s), true
	}
	if cs == csJava && cd.single == nil {
		return appendEncodedMultiByte(dst, s, cd.ext, replace)
	}
	if cs == csUTF16 {
		dst = append(dst, 0xfe, 0xff)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		i += n
		switch cs {
		case csASCII, csLatin1:
			limit := rune(0x80)
			if cs == csLatin1 {
				limit = 0x100
			}
			switch {
			case r < limit:
				dst = append(dst, byte(r))
			case replace:
				dst = append(dst, '?')
			default:
				return dst, false
			}
		case csJava:
			b, ok := cd.single.EncodeRune(r)
			switch {
			case ok:
				dst = append(dst, b)
			case replace:
				dst = append(dst, '?')
			default:
				return dst, false
			}
		case csUTF16, csUTF16BE, csUTF16LE:
			var units [2]uint16
			dst = appendUTF16(dst, utf16.AppendRune(units[:0], r), cs == csUTF16LE)
		case csUTF32:
			dst = binary.BigEndian.AppendUint32(dst, uint32(r))
		}
	}
	return dst, true
}

// appendEncodedMultiByte encodes s with a multi-byte Java charset, a character at a time
// so that one the charset lacks can be replaced by '?'.
func appendEncodedMultiByte(dst, s []byte, e encoding.Encoding, replace bool) ([]byte, bool) {
	enc := e.NewEncoder()
	var buf [16]byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		i += n
		var in [utf8.UTFMax]byte
		m := utf8.EncodeRune(in[:], r)
		enc.Reset()
		w, _, err := enc.Transform(buf[:], in[:m], true)
		switch {
		case err == nil:
			dst = append(dst, buf[:w]...)
		case replace:
			dst = append(dst, '?')
		default:
			return dst, false
		}
	}
	return dst, true
}

func decodeKernel(mode codingMode) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("decode", args, 2, 2); err != nil {
			return nil, err
		}
		var cache charsetCache
		return newFunc("decode", args, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			name := a[1].str(i)
			cd, err := cache.lookup("decode", name, mode)
			if err != nil {
				return nil, false, err
			}
			out, ok := appendDecoded(dst, a[0].str(i), cd, mode.replace)
			if !ok {
				return nil, false, malformedCoding("decode", name)
			}
			return out, true, nil
		}))
	}
}

const replacementChar = "\uFFFD"

// appendDecoded decodes b from cd into UTF-8; ok is false for malformed input, unless
// replace puts U+FFFD in its place (one per malformed sequence, as Java's decoders do).
func appendDecoded(dst, b []byte, cd codec, replace bool) ([]byte, bool) {
	switch cd.cs {
	case csUTF8:
		if utf8.Valid(b) {
			return append(dst, b...), true
		}
		if !replace {
			return dst, false
		}
		return format.AppendJavaUTF8(dst, b), true
	case csASCII:
		for _, c := range b {
			switch {
			case c < 0x80:
				dst = append(dst, c)
			case replace:
				dst = append(dst, replacementChar...)
			default:
				return dst, false
			}
		}
		return dst, true
	case csLatin1:
		for _, c := range b {
			dst = utf8.AppendRune(dst, rune(c))
		}
		return dst, true
	case csJava:
		if cd.single != nil {
			for _, c := range b {
				r := cd.single.DecodeByte(c)
				if r == utf8.RuneError && !replace {
					return dst, false
				}
				dst = utf8.AppendRune(dst, r)
			}
			return dst, true
		}
		// golang.org/x/text's decoders put U+FFFD where the input is malformed.
		out, err := cd.ext.NewDecoder().Bytes(b)
		if err != nil || (!replace && bytes.Contains(out, []byte(replacementChar))) {
			return dst, false
		}
		return append(dst, out...), true
	case csUTF32:
		order := binary.ByteOrder(binary.BigEndian)
		if len(b) >= 4 {
			switch {
			case b[0] == 0 && b[1] == 0 && b[2] == 0xfe && b[3] == 0xff:
				b = b[4:]
			case b[0] == 0xff && b[1] == 0xfe && b[2] == 0 && b[3] == 0:
				b, order = b[4:], binary.LittleEndian
			}
		}
		for i := 0; i < len(b); i += 4 {
			if i+4 > len(b) {
				if !replace {
					return dst, false
				}
				dst = append(dst, replacementChar...)
				break
			}
			r := rune(order.Uint32(b[i:]))
			if !utf8.ValidRune(r) {
				if !replace {
					return dst, false
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		}
		return dst, true
	}
	order := binary.ByteOrder(binary.BigEndian)
	if cd.cs == csUTF16LE {
		order = binary.LittleEndian
	}
	if cd.cs == csUTF16 && len(b) >= 2 {
		switch {
		case b[0] == 0xfe && b[1] == 0xff:
			b = b[2:]
		case b[0] == 0xff && b[1] == 0xfe:
			b, order = b[2:], binary.LittleEndian
		}
	}
	for i := 0; i < len(b); i += 2 {
		if i+2 > len(b) { // a lone trailing byte
			if !replace {
				return dst, false
			}
			dst = append(dst, replacementChar...)
			break
		}
		u := rune(order.Uint16(b[i:]))
		if !utf16.IsSurrogate(u) {
			dst = utf8.AppendRune(dst, u)
			continue
		}
		r := utf8.RuneError
		if u < 0xdc00 && i+4 <= len(b) {
			r = utf16.DecodeRune(u, rune(order.Uint16(b[i+2:])))
		}
		if r == utf8.RuneError {
			// An unpaired surrogate: one unit is malformed.
			if !replace {
				return dst, false
			}
			dst = append(dst, replacementChar...)
			continue
		}
		dst = utf8.AppendRune(dst, r)
		i += 2
	}
	return dst, true
}

// decodeCaseFn is decode(expr, search, result, ..., [default]) (Oracle's DECODE), which the
// analyzer passes as triples (expr cast for the comparison, search, result) followed by an
// optional default: a CASE WHEN over null-safe equalities.
func decodeCaseFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	var conds, vals []Expr
	i := 0
	for ; i+2 < len(args); i += 3 {
		c, err := NewCompare(NullSafeEQ, args[i], args[i+1])
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
		vals = append(vals, args[i+2])
	}
	var def Expr
	if i < len(args) {
		def = args[i]
	}
	if len(conds) == 0 {
		if def == nil {
			return NewLiteral(rt, nil)
		}
		return def, nil
	}
	return NewCaseWhen(conds, vals, def, rt)
}

func appendUTF16(dst []byte, units []uint16, little bool) []byte {
	for _, u := range units {
		if little {
			dst = binary.LittleEndian.AppendUint16(dst, u)
		} else {
			dst = binary.BigEndian.AppendUint16(dst, u)
		}
	}
	return dst
}
