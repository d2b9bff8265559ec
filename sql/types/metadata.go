package types

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Metadata is the metadata of a struct field: a JSON object whose values are of the kinds
// Spark's Metadata supports. The zero value is empty. Values are one of nil, int64,
// float64, bool, string, Metadata, []int64, []float64, []bool, []string and []Metadata.
// Keys keep the order they were first given in (Spark's own order is its hash map's).
type Metadata struct {
	keys []string
	vals []any
}

// ParseMetadata parses a JSON object as Spark's Metadata.fromJson does.
func ParseMetadata(s string) (Metadata, error) {
	v, err := decodeJSON(s)
	if err != nil {
		return Metadata{}, err
	}
	if v.kind != jvObject {
		return Metadata{}, plainError(ExceptionClassCast, "class "+v.javaClass()+
			" cannot be cast to class org.json4s.JsonAST$JObject")
	}
	m, e := metadataFromJSON(v)
	if e != nil {
		return Metadata{}, e
	}
	return m, nil
}

// metadataFromJSON is Metadata.fromJObject. A repeated key keeps its first position and
// its last value.
func metadataFromJSON(v *jsonValue) (Metadata, *Error) {
	var m Metadata
	index := make(map[string]int, len(v.keys))
	for i, key := range v.keys {
		val := v.vals[i]
		var out any
		switch val.kind {
		case jvInt:
			out = val.int64()
		case jvFloat:
			out = val.num
		case jvBool:
			out = val.b
		case jvString:
			out = val.s
		case jvNull:
			out = nil
		case jvObject:
			sub, e := metadataFromJSON(val)
			if e != nil {
				return Metadata{}, e
			}
			out = sub
		case jvArray:
			arr, e := metadataArrayFromJSON(val)
			if e != nil {
				return Metadata{}, e
			}
			out = arr
		}
		if j, ok := index[key]; ok {
			m.vals[j] = out
			continue
		}
		index[key] = len(m.keys)
		m.keys = append(m.keys, key)
		m.vals = append(m.vals, out)
	}
	return m, nil
}

func metadataArrayFromJSON(v *jsonValue) (any, *Error) {
	if len(v.elems) == 0 {
		// Spark cannot infer the element type of an empty array and stores an empty long array.
		return []int64{}, nil
	}
	head := v.elems[0]
	castErr := func(e *jsonValue) *Error {
		return plainError(ExceptionClassCast, "class "+e.javaClass()+" cannot be cast to class "+head.javaClass())
	}
	switch head.kind {
	case jvInt:
		out := make([]int64, len(v.elems))
		for i, e := range v.elems {
			if e.kind != jvInt {
				return nil, castErr(e)
			}
			out[i] = e.int64()
		}
		return out, nil
	case jvFloat:
		out := make([]float64, len(v.elems))
		for i, e := range v.elems {
			if e.kind != jvFloat {
				return nil, castErr(e)
			}
			out[i] = e.num
		}
		return out, nil
	case jvBool:
		out := make([]bool, len(v.elems))
		for i, e := range v.elems {
			if e.kind != jvBool {
				return nil, castErr(e)
			}
			out[i] = e.b
		}
		return out, nil
	case jvString:
		out := make([]string, len(v.elems))
		for i, e := range v.elems {
			if e.kind != jvString {
				return nil, castErr(e)
			}
			out[i] = e.s
		}
		return out, nil
	case jvObject:
		out := make([]Metadata, len(v.elems))
		for i, e := range v.elems {
			if e.kind != jvObject {
				return nil, castErr(e)
			}
			sub, err := metadataFromJSON(e)
			if err != nil {
				return nil, err
			}
			out[i] = sub
		}
		return out, nil
	}
	return nil, newError(ExceptionRuntime, "_LEGACY_ERROR_TEMP_2120",
		map[string]string{"clazz": "class " + head.javaClass()})
}

// IsEmpty reports whether there are no keys.
func (m Metadata) IsEmpty() bool { return len(m.keys) == 0 }

// Len is the number of keys.
func (m Metadata) Len() int { return len(m.keys) }

// Keys returns the keys in order.
func (m Metadata) Keys() []string { return slices.Clone(m.keys) }

// Get returns the value of a key.
func (m Metadata) Get(key string) (any, bool) {
	if i := slices.Index(m.keys, key); i >= 0 {
		return m.vals[i], true
	}
	return nil, false
}

// GetString returns a string value.
func (m Metadata) GetString(key string) (string, bool) {
	v, ok := m.Get(key)
	s, isStr := v.(string)
	return s, ok && isStr
}

// with returns a copy with key set to v (replacing an existing value in place).
func (m Metadata) with(key string, v any) Metadata {
	keys := slices.Clone(m.keys)
	vals := slices.Clone(m.vals)
	if i := slices.Index(keys, key); i >= 0 {
		vals[i] = v
	} else {
		keys = append(keys, key)
		vals = append(vals, v)
	}
	return Metadata{keys: keys, vals: vals}
}

// WithString returns a copy with a string value set.
func (m Metadata) WithString(key, v string) Metadata { return m.with(key, v) }

// WithLong returns a copy with a long value set.
func (m Metadata) WithLong(key string, v int64) Metadata { return m.with(key, v) }

// WithDouble returns a copy with a double value set.
func (m Metadata) WithDouble(key string, v float64) Metadata { return m.with(key, v) }

// WithBoolean returns a copy with a boolean value set.
func (m Metadata) WithBoolean(key string, v bool) Metadata { return m.with(key, v) }

// WithMetadata returns a copy with a nested metadata value set.
func (m Metadata) WithMetadata(key string, v Metadata) Metadata { return m.with(key, v) }

// WithNull returns a copy with a null value set.
func (m Metadata) WithNull(key string) Metadata { return m.with(key, nil) }

// WithArray returns a copy with an array value set; v must be one of []int64, []float64,
// []bool, []string or []Metadata, otherwise m is returned unchanged and ok is false.
func (m Metadata) WithArray(key string, v any) (out Metadata, ok bool) {
	switch a := v.(type) {
	case []int64:
		return m.with(key, slices.Clone(a)), true
	case []float64:
		return m.with(key, slices.Clone(a)), true
	case []bool:
		return m.with(key, slices.Clone(a)), true
	case []string:
		return m.with(key, slices.Clone(a)), true
	case []Metadata:
		return m.with(key, slices.Clone(a)), true
	}
	return m, false
}

// Without returns a copy without the key.
func (m Metadata) Without(key string) Metadata {
	i := slices.Index(m.keys, key)
	if i < 0 {
		return m
	}
	return Metadata{keys: slices.Delete(slices.Clone(m.keys), i, i+1), vals: slices.Delete(slices.Clone(m.vals), i, i+1)}
}

// JSON renders the metadata as a compact JSON object, as Spark's Metadata.json does.
func (m Metadata) JSON() string {
	var b strings.Builder
	m.writeJSON(&b)
	return b.String()
}

func (m Metadata) String() string { return m.JSON() }

func (m Metadata) writeJSON(b *strings.Builder) {
	b.WriteByte('{')
	for i, k := range m.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, k)
		b.WriteByte(':')
		writeMetadataValue(b, m.vals[i])
	}
	b.WriteByte('}')
}

func writeMetadataValue(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		writeJSONDouble(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		writeJSONString(b, x)
	case Metadata:
		x.writeJSON(b)
	case []int64:
		writeArray(b, x, func(v int64) { b.WriteString(strconv.FormatInt(v, 10)) })
	case []float64:
		writeArray(b, x, func(v float64) { writeJSONDouble(b, v) })
	case []bool:
		writeArray(b, x, func(v bool) { b.WriteString(strconv.FormatBool(v)) })
	case []string:
		writeArray(b, x, func(v string) { writeJSONString(b, v) })
	case []Metadata:
		writeArray(b, x, func(v Metadata) { v.writeJSON(b) })
	}
}

func writeArray[T any](b *strings.Builder, xs []T, each func(T)) {
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		each(x)
	}
	b.WriteByte(']')
}

// writeJSONDouble writes a double the way Jackson writes a Java double: Double.toString,
// with non-finite values quoted.
func writeJSONDouble(b *strings.Builder, f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		b.WriteString(`"` + javaDouble(f) + `"`)
		return
	}
	b.WriteString(javaDouble(f))
}

// javaDouble formats like Java's Double.toString (shortest round-trip digits): plain
// notation with at least one fractional digit for 1e-3 <= |f| < 1e7, otherwise
// "d.dddE[-]n".
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	abs := math.Abs(f)
	if abs >= 1e-3 && abs < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // e.g. "1.5e+10", "1e-05"
	mant, exp, _ := strings.Cut(s, "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// Equal compares metadata as Spark does: same keys and equal values, in any order.
func (m Metadata) Equal(o Metadata) bool {
	if len(m.keys) != len(o.keys) {
		return false
	}
	get := o.Get
	if len(o.keys) > 16 {
		index := make(map[string]int, len(o.keys))
		for i, k := range o.keys {
			index[k] = i
		}
		get = func(k string) (any, bool) {
			i, ok := index[k]
			if !ok {
				return nil, false
			}
			return o.vals[i], true
		}
	}
	for i, k := range m.keys {
		ov, ok := get(k)
		if !ok || !metadataValueEqual(m.vals[i], ov) {
			return false
		}
	}
	return true
}

func metadataValueEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case int64:
		y, ok := b.(int64)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && javaDoubleEquals(x, y)
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case Metadata:
		y, ok := b.(Metadata)
		return ok && x.Equal(y)
	case []int64:
		y, ok := b.([]int64)
		return ok && slices.Equal(x, y)
	case []float64:
		y, ok := b.([]float64)
		return ok && slices.EqualFunc(x, y, javaDoubleEquals)
	case []bool:
		y, ok := b.([]bool)
		return ok && slices.Equal(x, y)
	case []string:
		y, ok := b.([]string)
		return ok && slices.Equal(x, y)
	case []Metadata:
		y, ok := b.([]Metadata)
		return ok && slices.EqualFunc(x, y, Metadata.Equal)
	}
	return false
}

// javaDoubleEquals is java.lang.Double.equals: NaN equals NaN, 0.0 differs from -0.0.
func javaDoubleEquals(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}
