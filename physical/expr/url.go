package expr

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// url_encode / url_decode (java.net.URLEncoder / URLDecoder, UTF-8) and parse_url
// (java.net.URI's raw components).

func appendURLEncode(dst, s []byte) []byte {
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '*', c == '_':
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return dst
}

// appendURLDecode is URLDecoder.decode; ok is false for a malformed % escape.
func appendURLDecode(dst, s []byte) ([]byte, bool) {
	start := len(dst)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			dst = append(dst, ' ')
		case '%':
			if i+2 >= len(s) {
				return dst, false
			}
			h, l := hexValue(s[i+1]), hexValue(s[i+2])
			if h < 0 || l < 0 {
				return dst, false
			}
			dst = append(dst, byte(h<<4|l))
			i += 2
		default:
			dst = append(dst, c)
		}
	}
	// The bytes are read as UTF-8 (malformed sequences become U+FFFD).
	if decoded := dst[start:]; !utf8.Valid(decoded) {
		fixed := appendValidUTF8(nil, decoded)
		dst = append(dst[:start], fixed...)
	}
	return dst, true
}

func urlDecodeFn(name string, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.String, !try, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			s := a[0].str(i)
			out, ok := appendURLDecode(dst, s)
			if !ok {
				if try {
					return nil, false, nil
				}
				return nil, false, sparkerror.New(sparkerror.IllegalArgument, "CANNOT_DECODE_URL", "22546",
					"The provided URL cannot be decoded: <url>. Please ensure that the URL is properly formatted and try again.",
					map[string]string{"url": string(s)})
			}
			return out, true, nil
		}))
	}
}

// javaURIValid approximates java.net.URI's syntax check: no spaces, control characters or
// the ASCII characters RFC 2396 excludes, escapes of two hex digits, and a valid scheme.
func javaURIValid(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c == 0x7f:
			return false
		case strings.IndexByte("\"<>\\^`{|}", c) >= 0:
			return false
		case c == '%':
			if i+2 >= len(s) || hexValue(s[i+1]) < 0 || hexValue(s[i+2]) < 0 {
				return false
			}
		}
	}
	if k := strings.IndexAny(s, ":/?#"); k > 0 && s[k] == ':' {
		for j := 0; j < k; j++ {
			c := s[j]
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if j == 0 && !alpha || !(alpha || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
				return false
			}
		}
	} else if k == 0 && s[0] == ':' {
		return false
	}
	return true
}

// parseURLPart extracts a part of a URL; ok false gives NULL.
func parseURLPart(s, part string) (string, bool, bool) {
	if !javaURIValid(s) {
		return "", false, false
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false, false
	}
	rawPath := u.EscapedPath()
	if u.Opaque != "" {
		rawPath = ""
	}
	switch part {
	case "HOST":
		if u.Host == "" {
			return "", false, true
		}
		return u.Hostname(), true, true
	case "PATH":
		return rawPath, true, true
	case "QUERY":
		if u.RawQuery == "" && !u.ForceQuery {
			return "", false, true
		}
		return u.RawQuery, true, true
	case "REF":
		if u.Fragment == "" && u.RawFragment == "" {
			return "", false, true
		}
		return u.EscapedFragment(), true, true
	case "PROTOCOL":
		if u.Scheme == "" {
			return "", false, true
		}
		return u.Scheme, true, true
	case "FILE":
		if u.RawQuery != "" {
			return rawPath + "?" + u.RawQuery, true, true
		}
		return rawPath, true, true
	case "AUTHORITY":
		if u.Host == "" && u.User == nil {
			return "", false, true
		}
		if u.User != nil {
			return u.User.String() + "@" + u.Host, true, true
		}
		return u.Host, true, true
	case "USERINFO":
		if u.User == nil {
			return "", false, true
		}
		return u.User.String(), true, true
	}
	return "", false, true
}

func parseURLFn(name string, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 3); err != nil {
			return nil, err
		}
		fail := o.ANSI && !try
		c := &regexCache{fn: name}
		return newFunc(name, args, types.String, fail, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			s := string(a[0].str(i))
			part := string(a[1].str(i))
			v, ok, valid := parseURLPart(s, part)
			if !valid {
				if fail {
					return nil, false, sparkerror.New(sparkerror.IllegalArgument, "INVALID_URL", "22P02",
						"The url is invalid: <url>. Use `try_parse_url` to tolerate invalid URL and return NULL instead.",
						map[string]string{"url": s})
				}
				return nil, false, nil
			}
			if !ok {
				return nil, false, nil
			}
			if len(a) == 3 {
				if part != "QUERY" {
					return nil, false, nil
				}
				re, err := c.get([]byte("(&|^)" + string(a[2].str(i)) + "=([^&]*)"))
				if err != nil {
					return nil, false, err
				}
				m, err := re.first([]byte(v), nil)
				if err != nil {
					return nil, false, err
				}
				if m == nil || m[4] < 0 {
					return nil, false, nil
				}
				return append(dst, v[m[4]:m[5]]...), true, nil
			}
			return append(dst, v...), true, nil
		}))
	}
}

func init() {
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("url_encode", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("url_encode", args, types.String, false, mapStrK(utf8T, appendURLEncode))
	}, "url_encode")
	register(urlDecodeFn("url_decode", false), "url_decode")
	register(urlDecodeFn("try_url_decode", true), "try_url_decode")
	register(parseURLFn("parse_url", false), "parse_url")
	register(parseURLFn("try_parse_url", true), "try_parse_url")
}
