package expr

import (
	"bytes"
	"encoding/binary"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// encode(str, charset) and decode(bin, charset) with Spark's charsets (CharsetProvider:
// us-ascii, iso-8859-1, utf-8, utf-16be, utf-16le, utf-16, utf-32, case-insensitive) and
// its REPORT coding error action: unmappable or malformed input is MALFORMED_CHARACTER_CODING.
// The legacy settings (spark.sql.legacy.javaCharsets, .codingErrorAction) are not supported.

type charset uint8

const (
	csASCII charset = iota
	csLatin1
	csUTF8
	csUTF16BE
	csUTF16LE
	csUTF16
	csUTF32
)

var charsetNames = map[string]charset{
	"us-ascii": csASCII, "iso-8859-1": csLatin1, "utf-8": csUTF8, "utf-16be": csUTF16BE,
	"utf-16le": csUTF16LE, "utf-16": csUTF16, "utf-32": csUTF32,
}

// charsetCache resolves a charset name, remembering the last one.
type charsetCache struct {
	mu   sync.Mutex
	name []byte
	cs   charset
	ok   bool
}

func (c *charsetCache) lookup(fn string, name []byte) (charset, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ok && bytes.Equal(name, c.name) {
		return c.cs, nil
	}
	cs, ok := charsetNames[string(javaLower(nil, name))]
	if !ok {
		return 0, sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.CHARSET", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the <charsets>, but got <charset>.",
			map[string]string{"functionName": "`" + fn + "`", "parameter": "`charset`", "charset": string(name),
				"charsets": "iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8"})
	}
	c.name, c.cs, c.ok = append(c.name[:0], name...), cs, true
	return cs, nil
}

func malformedCoding(fn string, name []byte) error {
	return sparkerror.New(sparkerror.Runtime, "MALFORMED_CHARACTER_CODING", "22000",
		"Invalid value found when performing <function> with <charset>",
		map[string]string{"function": "`" + fn + "`", "charset": string(name)})
}

func encodeFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("encode", args, 2, 2); err != nil {
		return nil, err
	}
	var cache charsetCache
	return newFunc("encode", args, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		name := a[1].str(i)
		cs, err := cache.lookup("encode", name)
		if err != nil {
			return nil, false, err
		}
		out, ok := appendEncoded(dst, a[0].str(i), cs)
		if !ok {
			return nil, false, malformedCoding("encode", name)
		}
		return out, true, nil
	}))
}

// appendEncoded encodes s (UTF-8, invalid sequences read as U+FFFD) in cs.
func appendEncoded(dst, s []byte, cs charset) ([]byte, bool) {
	if len(s) == 0 {
		return dst, true
	}
	if cs == csUTF8 {
		return appendValidUTF8(dst, s), true
	}
	if cs == csUTF16 {
		dst = append(dst, 0xfe, 0xff)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		i += n
		switch cs {
		case csASCII:
			if r >= 0x80 {
				return dst, false
			}
			dst = append(dst, byte(r))
		case csLatin1:
			if r >= 0x100 {
				return dst, false
			}
			dst = append(dst, byte(r))
		case csUTF16, csUTF16BE, csUTF16LE:
			var units [2]uint16
			dst = appendUTF16(dst, utf16.AppendRune(units[:0], r), cs == csUTF16LE)
		case csUTF32:
			dst = binary.BigEndian.AppendUint32(dst, uint32(r))
		}
	}
	return dst, true
}

func decodeFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("decode", args, 2, 2); err != nil {
		return nil, err
	}
	var cache charsetCache
	return newFunc("decode", args, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		name := a[1].str(i)
		cs, err := cache.lookup("decode", name)
		if err != nil {
			return nil, false, err
		}
		out, ok := appendDecoded(dst, a[0].str(i), cs)
		if !ok {
			return nil, false, malformedCoding("decode", name)
		}
		return out, true, nil
	}))
}

// appendDecoded decodes b from cs into UTF-8; ok is false for malformed input.
func appendDecoded(dst, b []byte, cs charset) ([]byte, bool) {
	switch cs {
	case csUTF8:
		if !utf8.Valid(b) {
			return dst, false
		}
		return append(dst, b...), true
	case csASCII:
		for _, c := range b {
			if c >= 0x80 {
				return dst, false
			}
			dst = append(dst, c)
		}
		return dst, true
	case csLatin1:
		for _, c := range b {
			dst = utf8.AppendRune(dst, rune(c))
		}
		return dst, true
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
		if len(b)%4 != 0 {
			return dst, false
		}
		for i := 0; i < len(b); i += 4 {
			r := rune(order.Uint32(b[i:]))
			if !utf8.ValidRune(r) {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
		}
		return dst, true
	}
	order := binary.ByteOrder(binary.BigEndian)
	if cs == csUTF16LE {
		order = binary.LittleEndian
	}
	if cs == csUTF16 && len(b) >= 2 {
		switch {
		case b[0] == 0xfe && b[1] == 0xff:
			b = b[2:]
		case b[0] == 0xff && b[1] == 0xfe:
			b, order = b[2:], binary.LittleEndian
		}
	}
	if len(b)%2 != 0 {
		return dst, false
	}
	for i := 0; i < len(b); i += 2 {
		u := rune(order.Uint16(b[i:]))
		switch {
		case utf16.IsSurrogate(u):
			if u >= 0xdc00 || i+3 >= len(b) {
				return dst, false
			}
			u2 := rune(order.Uint16(b[i+2:]))
			r := utf16.DecodeRune(u, u2)
			if r == utf8.RuneError {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
			i += 2
		default:
			dst = utf8.AppendRune(dst, u)
		}
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
