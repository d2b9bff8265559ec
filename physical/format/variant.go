package format

import (
	"encoding/base64"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/variant"
)

// VARIANT values travel as struct<value: binary, metadata: binary> whose metadata field
// carries variant=true. show() and HiveResult print them as VariantVal.toString does: their
// JSON (Variant.toJson) with timestamps in UTC.

// IsVariantStruct reports whether an Arrow struct type is a VARIANT.
func IsVariantStruct(t *arrow.StructType) bool {
	var value, meta bool
	for _, f := range t.Fields() {
		switch f.Name {
		case "value":
			value = true
		case "metadata":
			if i := f.Metadata.FindKey("variant"); i >= 0 && f.Metadata.Values()[i] == "true" {
				meta = true
			}
		}
	}
	return value && meta
}

// VariantColumns are the value and metadata children of a variant struct array.
func VariantColumns(a *array.Struct) (value, metadata *array.Binary, ok bool) {
	st := a.DataType().(*arrow.StructType)
	for k, f := range st.Fields() {
		switch f.Name {
		case "value":
			value, _ = a.Field(k).(*array.Binary)
		case "metadata":
			metadata, _ = a.Field(k).(*array.Binary)
		}
	}
	return value, metadata, value != nil && metadata != nil
}

func compileVariant(a *array.Struct, opts *Options, null string) (appendFunc, error) {
	values, metas, ok := VariantColumns(a)
	if !ok {
		return nil, fmt.Errorf("format: malformed variant struct %s", a.DataType())
	}
	return withNulls(a, null, func(dst []byte, i int) []byte {
		v, err := variant.New(values.Value(i), metas.Value(i))
		if err == nil {
			var out []byte
			if out, err = AppendVariantJSON(dst, v, time.UTC); err == nil {
				return out
			}
		}
		return append(dst, "<malformed variant>"...)
	}), nil
}

// AppendVariantJSON appends a variant as JSON, as Variant.toJson writes it: object keys
// in their stored (sorted) order, strings escaped as Jackson does, doubles and floats as
// Java prints them (non-finite ones quoted), decimals in plain notation without trailing
// zeros, dates, timestamps (in loc, with their offset) and TIMESTAMP_NTZ quoted, binaries
// quoted in base64, UUIDs quoted.
func AppendVariantJSON(dst []byte, v variant.Variant, loc *time.Location) ([]byte, error) {
	return appendVariantJSON(dst, v, loc, variant.NewBudget(v))
}

func appendVariantJSON(dst []byte, v variant.Variant, loc *time.Location, budget *variant.Budget) ([]byte, error) {
	if err := budget.Visit(); err != nil {
		return dst, err
	}
	t, err := v.Type()
	if err != nil {
		return dst, err
	}
	switch t {
	case variant.Object:
		n, err := v.ObjectSize()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '{')
		for i := 0; i < n; i++ {
			key, fv, err := v.FieldAt(i)
			if err != nil {
				return dst, err
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendJSONString(dst, key)
			dst = append(dst, ':')
			if dst, err = appendVariantJSON(dst, fv, loc, budget); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	case variant.Array:
		n, err := v.ArraySize()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '[')
		for i := 0; i < n; i++ {
			e, _, err := v.Elem(i)
			if err != nil {
				return dst, err
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = appendVariantJSON(dst, e, loc, budget); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case variant.Null:
		return append(dst, "null"...), nil
	case variant.Boolean:
		b, err := v.Bool()
		if err != nil {
			return dst, err
		}
		return appendBool(dst, b), nil
	case variant.Long:
		x, err := v.Long()
		if err != nil {
			return dst, err
		}
		return appendInt(dst, x), nil
	case variant.String:
		s, err := v.Str()
		if err != nil {
			return dst, err
		}
		return AppendJSONString(dst, s), nil
	case variant.Double:
		d, err := v.Double()
		if err != nil {
			return dst, err
		}
		if math.IsInf(d, 0) || math.IsNaN(d) {
			dst = append(dst, '"')
			return append(AppendJavaDouble(dst, d), '"'), nil
		}
		return AppendJavaDouble(dst, d), nil
	case variant.Float:
		f, err := v.Float()
		if err != nil {
			return dst, err
		}
		if math.IsInf(float64(f), 0) || f != f {
			dst = append(dst, '"')
			return append(AppendJavaFloat(dst, f), '"'), nil
		}
		return AppendJavaFloat(dst, f), nil
	case variant.Decimal:
		d, err := v.Decimal()
		if err != nil {
			return dst, err
		}
		return d.AppendPlain(dst), nil
	case variant.Date:
		x, err := v.Long()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '"')
		return append(AppendDate(dst, int64(int32(x))), '"'), nil
	case variant.Timestamp:
		x, err := v.Long()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '"')
		dst = AppendTimestamp(dst, x, loc)
		dst = appendOffset(dst, x, loc)
		return append(dst, '"'), nil
	case variant.TimestampNTZ:
		x, err := v.Long()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '"')
		return append(AppendTimestamp(dst, x, time.UTC), '"'), nil
	case variant.Binary:
		b, err := v.Binary()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, b)
		return append(dst, '"'), nil
	case variant.UUID:
		u, err := v.UUIDBytes()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '"')
		return append(variant.AppendUUID(dst, u), '"'), nil
	}
	return dst, variant.ErrMalformed()
}

func appendInt(dst []byte, x int64) []byte {
	var buf [20]byte
	i := len(buf)
	u := uint64(x)
	if x < 0 {
		u = uint64(-x)
	}
	for u >= 10 {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
	}
	i--
	buf[i] = byte('0' + u)
	if x < 0 {
		dst = append(dst, '-')
	}
	return append(dst, buf[i:]...)
}

// appendOffset appends the zone offset of the instant as java.time's "+HH:MM" pattern
// prints it ("+00:00" for UTC; seconds of an offset are not shown).
func appendOffset(dst []byte, micros int64, loc *time.Location) []byte {
	_, off := time.UnixMicro(micros).In(loc).Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	dst = append(dst, sign)
	dst = appendPad2(dst, off/3600)
	dst = append(dst, ':')
	return appendPad2(dst, off/60%60)
}

// AppendJSONString appends s quoted as Jackson's JsonGenerator.writeString writes it:
// '"' and '\\' escaped, control characters as \n, \t, \r, \b, \f or \u00XX, everything
// else as is (malformed UTF-8 as U+FFFD, as the Java string holds it).
func AppendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 {
			r, n := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && n == 1 {
				dst = append(dst, "\uFFFD"...)
			} else {
				dst = append(dst, s[i:i+n]...)
			}
			i += n
			continue
		}
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\b':
			dst = append(dst, '\\', 'b')
		case c == '\f':
			dst = append(dst, '\\', 'f')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			dst = append(dst, c)
		}
		i++
	}
	return append(dst, '"')
}
