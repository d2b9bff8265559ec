package expr

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// to_csv, to_xml and from_xml write and read BINARY values in the session's
// spark.sql.binaryOutputStyle (Spark's ToStringBase.getBinaryFormatter and
// getBinaryParser). The analyzer binds the setting by calling the variant named
// <function> + binaryStyleSuffix(style); the plain names keep the bytes as they are
// (UTF-8), which is what the session does once a result with binaries was shown.

type binaryStyle uint8

const (
	binaryUTF8 binaryStyle = iota
	binaryBasic
	binaryHex
	binaryBase64
	binaryHexDiscrete
)

var binaryStyleSuffixes = map[binaryStyle]string{
	binaryBasic: "_binary_basic", binaryHex: "_binary_hex", binaryBase64: "_binary_base64",
	binaryHexDiscrete: "_binary_hex_discrete",
}

func init() {
	for style, suffix := range binaryStyleSuffixes {
		for name, f := range map[string]ScalarFunc{"to_csv": toCSVFn, "to_xml": toXMLFn, "from_xml": fromXMLFn} {
			register(withBinaryStyle(style, f), name+suffix)
		}
	}
}

func withBinaryStyle(style binaryStyle, f ScalarFunc) ScalarFunc {
	return func(args []Expr, at []types.DataType, rt types.DataType, opts FuncOptions) (Expr, error) {
		opts.binaryStyle = style
		return f(args, at, rt, opts)
	}
}

// appendBinary appends v in the style.
func (s binaryStyle) appendBinary(dst, v []byte) []byte {
	switch s {
	case binaryBasic:
		dst = append(dst, '[')
		for k, b := range v {
			if k > 0 {
				dst = append(dst, ", "...)
			}
			dst = strconv.AppendInt(dst, int64(int8(b)), 10)
		}
		return append(dst, ']')
	case binaryHex:
		return append(dst, strings.ToUpper(hex.EncodeToString(v))...)
	case binaryBase64:
		return base64.RawStdEncoding.AppendEncode(dst, v)
	case binaryHexDiscrete:
		dst = append(dst, '[')
		for k, b := range v {
			if k > 0 {
				dst = append(dst, ' ')
			}
			dst = append(dst, "0123456789ABCDEF"[b>>4], "0123456789ABCDEF"[b&15])
		}
		return append(dst, ']')
	}
	return append(dst, v...)
}

// parseBinary reads text written in the style; ok is false when it does not parse.
func (s binaryStyle) parseBinary(text string) ([]byte, bool) {
	switch s {
	case binaryBasic:
		body := strings.TrimSuffix(strings.TrimPrefix(text, "["), "]")
		var out []byte
		for _, p := range strings.Split(body, ",") {
			v, err := strconv.ParseInt(strings.TrimSpace(p), 10, 8)
			if err != nil {
				return nil, false
			}
			out = append(out, byte(v))
		}
		return out, true
	case binaryHex:
		if len(text)%2 == 1 {
			text = "0" + text
		}
		out, err := hex.DecodeString(text)
		return out, err == nil
	case binaryBase64:
		out, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(text, "="))
		return out, err == nil
	case binaryHexDiscrete:
		body := strings.TrimSuffix(strings.TrimPrefix(text, "["), "]")
		out, err := hex.DecodeString(strings.ReplaceAll(body, " ", ""))
		return out, err == nil
	}
	return []byte(text), true
}
