package variant

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Header bytes of the encoding (Parquet VariantEncoding.md): basic type in the low two
// bits, type information above.
func prim(id int) byte    { return byte(id << 2) }
func shortStr(n int) byte { return byte(n<<2 | basicShortStr) }
func objHeader(large bool, idSize, offSize int) byte {
	h := byte(basicObject) | byte(offSize-1)<<2 | byte(idSize-1)<<4
	if large {
		h |= 1 << 6
	}
	return h
}
func arrHeader(large bool, offSize int) byte {
	h := byte(basicArray) | byte(offSize-1)<<2
	if large {
		h |= 1 << 4
	}
	return h
}

func le(v uint64, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(v >> (8 * i))
	}
	return out
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

var emptyMeta = []byte{Version, 0, 0}

func parse(t *testing.T, json string, allowDup bool) (value, meta []byte, err error) {
	t.Helper()
	b := NewBuilder(allowDup)
	if err := ParseJSON(b, []byte(json)); err != nil {
		return nil, nil, err
	}
	return b.Result()
}

// parse_json's byte images, from the encoding's definition (the same images Spark's
// VariantExpressionEvalUtilsSuite checks).
func TestParseJSONImages(t *testing.T) {
	dec16 := func(s string) []byte {
		u, _ := new(big.Int).SetString(s, 10)
		d, _ := DecFromBig(u, 0)
		return cat([]byte{prim(primDecimal16), 0}, le(d.Lo, 8), le(uint64(d.Hi), 8))
	}
	cases := []struct {
		json     string
		value    []byte
		meta     []byte
		allowDup bool
	}{
		{json: "null", value: []byte{prim(primNull)}},
		{json: "true", value: []byte{prim(primTrue)}},
		{json: "false", value: []byte{prim(primFalse)}},
		{json: "1", value: []byte{prim(primInt1), 1}},
		{json: "-1", value: []byte{prim(primInt1), 0xFF}},
		{json: "127", value: []byte{prim(primInt1), 127}},
		{json: "128", value: []byte{prim(primInt2), 0x80, 0}},
		{json: "-32768", value: []byte{prim(primInt2), 0, 0x80}},
		{json: "-32769", value: []byte{prim(primInt4), 0xFF, 0x7F, 0xFF, 0xFF}},
		{json: "2147483647", value: []byte{prim(primInt4), 0xFF, 0xFF, 0xFF, 0x7F}},
		{json: "2147483648", value: cat([]byte{prim(primInt8)}, le(1<<31, 8))},
		{json: "9223372036854775807", value: cat([]byte{prim(primInt8)}, le(math.MaxInt64, 8))},
		{json: "-9223372036854775808", value: cat([]byte{prim(primInt8)}, le(1<<63, 8))},
		{json: "9223372036854775808", value: dec16("9223372036854775808")},
		{json: "1.0", value: []byte{prim(primDecimal4), 1, 10, 0, 0, 0}},
		{json: "1.01", value: []byte{prim(primDecimal4), 2, 101, 0, 0, 0}},
		{json: "99999.9999", value: cat([]byte{prim(primDecimal4), 4}, le(999999999, 4))},
		{json: "99999.99999", value: cat([]byte{prim(primDecimal8), 5}, le(9999999999, 8))},
		{json: "0.000000001", value: []byte{prim(primDecimal4), 9, 1, 0, 0, 0}},
		{json: "0.0000000001", value: cat([]byte{prim(primDecimal8), 10}, le(1, 8))},
		{json: strings.Repeat("9", 38), value: dec16(strings.Repeat("9", 38))},
		{json: "1" + strings.Repeat("0", 38), value: cat([]byte{prim(primDouble)}, le(math.Float64bits(1e38), 8))},
		{json: "1e10", value: cat([]byte{prim(primDouble)}, le(math.Float64bits(1e10), 8))},
		{json: "-0.5E-1", value: cat([]byte{prim(primDouble)}, le(math.Float64bits(-0.05), 8))},
		{json: `""`, value: []byte{shortStr(0)}},
		{json: `"abcd"`, value: []byte{shortStr(4), 'a', 'b', 'c', 'd'}},
		{json: `"` + strings.Repeat("x", 63) + `"`, value: cat([]byte{shortStr(63)}, bytes.Repeat([]byte("x"), 63))},
		{json: `"` + strings.Repeat("y", 64) + `"`, value: cat([]byte{prim(primLongStr), 64, 0, 0, 0}, bytes.Repeat([]byte("y"), 64))},
		{json: `"\u00e9\n\/\uD83D\uDE05"`, value: cat([]byte{shortStr(8)}, []byte("é\n/😅"))},
		{json: `"\uD83D"`, value: []byte{shortStr(1), '?'}},
		{json: "{}", value: []byte{objHeader(false, 1, 1), 0, 0}},
		{json: "[]", value: []byte{arrHeader(false, 1), 0, 0}},
		{json: `{"a": 1, "b": 2, "c": "3"}`,
			value: []byte{objHeader(false, 1, 1), 3, 0, 1, 2, 0, 2, 4, 6, prim(primInt1), 1, prim(primInt1), 2, shortStr(1), '3'},
			meta:  []byte{Version, 3, 0, 1, 2, 3, 'a', 'b', 'c'}},
		{json: `{"a": 1, "b": 2, "c": "3", "a": 4}`, allowDup: true,
			value: []byte{objHeader(false, 1, 1), 3, 0, 1, 2, 4, 0, 2, 6, prim(primInt1), 2, shortStr(1), '3', prim(primInt1), 4},
			meta:  []byte{Version, 3, 0, 1, 2, 3, 'a', 'b', 'c'}},
		{json: `{"z": 1, "y": 2, "x": "3"}`,
			value: []byte{objHeader(false, 1, 1), 3, 2, 1, 0, 4, 2, 0, 6, prim(primInt1), 1, prim(primInt1), 2, shortStr(1), '3'},
			meta:  []byte{Version, 3, 0, 1, 2, 3, 'z', 'y', 'x'}},
		{json: `[null, true, {"false" : 0}]`,
			value: []byte{arrHeader(false, 1), 3, 0, 1, 2, 9, prim(primNull), prim(primTrue),
				objHeader(false, 1, 1), 1, 0, 0, 2, prim(primInt1), 0},
			meta: []byte{Version, 1, 0, 5, 'f', 'a', 'l', 's', 'e'}},
		// A 300-element array needs a 4-byte size and 2-byte offsets.
		{json: "[" + strings.TrimSuffix(strings.Repeat("1,", 300), ",") + "]",
			value: func() []byte {
				out := []byte{arrHeader(true, 2)}
				out = append(out, le(300, 4)...)
				for i := 0; i <= 300; i++ {
					out = append(out, le(uint64(2*i), 2)...)
				}
				for i := 0; i < 300; i++ {
					out = append(out, prim(primInt1), 1)
				}
				return out
			}()},
	}
	for _, c := range cases {
		value, meta, err := parse(t, c.json, c.allowDup)
		if err != nil {
			t.Errorf("%.40s: %v", c.json, err)
			continue
		}
		want := c.meta
		if want == nil {
			want = emptyMeta
		}
		if !bytes.Equal(value, c.value) || !bytes.Equal(meta, want) {
			t.Errorf("%.40s:\n value % x\n  want % x\n  meta % x\n  want % x", c.json, value, c.value, meta, want)
		}
	}
}

// Text parse_json rejects, as Jackson's default parser does.
func TestParseJSONMalformed(t *testing.T) {
	for _, json := range []string{"", " ", "[", "+1", "1a", "01", "-", "1.", ".5", "1e", "NaN", "Infinity", "-Infinity",
		"tru", "truex", "nul", "[1,]", `{"a":1,}`, `{a:1}`, `{'a':1}`, `{"a" 1}`, `"abc`, "\"a\tb\"", `"\x"`, `"\u12G4"`,
		"[1 2]", "{\"a\":1x}", "1,", "1]", "0x10", "/* c */ 1", "\x01 1", "\ufeff1",
		strings.Repeat("[", 1001) + strings.Repeat("]", 1001)} {
		b := NewBuilder(false)
		if err := ParseJSON(b, []byte(json)); !errors.Is(err, ErrJSON) {
			t.Errorf("%.40q: %v, want ErrJSON", json, err)
		}
	}
	// Duplicate keys fail unless allowed.
	b := NewBuilder(false)
	err := ParseJSON(b, []byte(`{"a": 1, "b": 2, "a": "3"}`))
	if se, ok := sparkerror.As(err); !ok || se.Class != "VARIANT_DUPLICATE_KEY" || se.Params["key"] != "a" {
		t.Errorf("duplicate key: %v", err)
	}
	// What follows the first value is not read, except right after a top-level number.
	for _, json := range []string{`"a"x`, "true]", "null,", `{"a":1}}`, "[1]x", "1 x", "1\n2", strings.Repeat("[", 1000) + strings.Repeat("]", 1000)} {
		b := NewBuilder(false)
		if err := ParseJSON(b, []byte(json)); err != nil {
			t.Errorf("%.40q: %v", json, err)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	b := NewBuilder(false)
	if err := b.AppendBinary(make([]byte, SizeLimit)); !errors.Is(err, ErrTooBig) {
		t.Errorf("a binary of %d bytes: %v, want ErrTooBig", SizeLimit, err)
	}
	// Jackson's 20,000,000-character string limit comes first for a single string.
	if err := ParseJSON(b, []byte(`"`+strings.Repeat("a", 20_000_001)+`"`)); !errors.Is(err, ErrJSON) {
		t.Errorf("a string of 20,000,001 characters: %v, want ErrJSON", err)
	}
	if se, ok := sparkerror.As(SizeLimitError("parse_json")); !ok || se.Class != "VARIANT_SIZE_LIMIT" ||
		se.Params["sizeLimit"] != "128.0 MiB" || se.Params["functionName"] != "`parse_json`" {
		t.Errorf("SizeLimitError: %v", se)
	}
}

// The accessors read what the builder wrote.
func TestBuilderRoundTrip(t *testing.T) {
	b := NewBuilder(false)
	o := b.StartObject()
	b.Field(o, []byte("s"))
	must(t, b.AppendString([]byte(strings.Repeat("z", 70))))
	b.Field(o, []byte("i"))
	must(t, b.AppendLong(-70000))
	b.Field(o, []byte("d"))
	must(t, b.AppendDecimal(Dec{Hi: -1, Lo: uint64(0xFFFFFFFFFFFFFF85), Scale: 2})) // -1.23
	b.Field(o, []byte("f"))
	must(t, b.AppendFloat(1.5))
	b.Field(o, []byte("x"))
	must(t, b.AppendDouble(math.Inf(-1)))
	b.Field(o, []byte("t"))
	must(t, b.AppendTimestamp(1_700_000_000_000_000))
	b.Field(o, []byte("n"))
	must(t, b.AppendTimestampNTZ(-1))
	b.Field(o, []byte("a"))
	must(t, b.AppendDate(-719162))
	b.Field(o, []byte("bin"))
	must(t, b.AppendBinary([]byte{0, 1, 2}))
	b.Field(o, []byte("u"))
	must(t, b.AppendUUID([16]byte{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00}))
	b.Field(o, []byte("arr"))
	arr := b.StartArray()
	b.Elem(arr)
	must(t, b.AppendBool(false))
	b.Elem(arr)
	must(t, b.AppendNull())
	must(t, b.FinishArray(arr))
	must(t, b.FinishObject(o))
	value, meta, err := b.Result()
	must(t, err)
	v, err := New(value, meta)
	must(t, err)
	if n, _ := v.ObjectSize(); n != 11 {
		t.Fatalf("object size %d", n)
	}
	var keys []string
	for i := 0; i < 11; i++ {
		k, _, err := v.FieldAt(i)
		must(t, err)
		keys = append(keys, string(k))
	}
	if got := strings.Join(keys, ","); got != "a,arr,bin,d,f,i,n,s,t,u,x" {
		t.Errorf("keys %s", got)
	}
	field := func(k string) Variant {
		fv, ok, err := v.Field([]byte(k))
		if err != nil || !ok {
			t.Fatalf("field %s: %v %v", k, ok, err)
		}
		return fv
	}
	if s, _ := field("s").Str(); string(s) != strings.Repeat("z", 70) {
		t.Errorf("s = %q", s)
	}
	if x, _ := field("i").Long(); x != -70000 {
		t.Errorf("i = %d", x)
	}
	if d, _ := field("d").DecimalRaw(); string(d.AppendPlain(nil)) != "-1.23" {
		t.Errorf("d = %s", d.AppendPlain(nil))
	}
	if f, _ := field("f").Float(); f != 1.5 {
		t.Errorf("f = %v", f)
	}
	if x, _ := field("x").Double(); !math.IsInf(x, -1) {
		t.Errorf("x = %v", x)
	}
	for k, want := range map[string]Type{"t": Timestamp, "n": TimestampNTZ, "a": Date, "bin": Binary, "u": UUID, "arr": Array} {
		if typ, _ := field(k).Type(); typ != want {
			t.Errorf("%s: type %s, want %s", k, typ, want)
		}
	}
	if x, _ := field("t").Long(); x != 1_700_000_000_000_000 {
		t.Errorf("t = %d", x)
	}
	if x, _ := field("a").Long(); x != -719162 {
		t.Errorf("a = %d", x)
	}
	if u, _ := field("u").UUIDBytes(); string(AppendUUID(nil, u)) != "123e4567-e89b-12d3-a456-426614174000" {
		t.Errorf("u = %s", AppendUUID(nil, u))
	}
	if e, ok, _ := field("arr").Elem(1); !ok || mustBool(e.IsNull()) != true {
		t.Errorf("arr[1] is not null")
	}
	if _, ok, _ := field("arr").Elem(2); ok {
		t.Errorf("arr[2] exists")
	}
	if _, ok, _ := v.Field([]byte("missing")); ok {
		t.Errorf("missing key found")
	}
	// Re-appending a sub-value re-keys it into a fresh dictionary.
	b2 := NewBuilder(false)
	must(t, b2.AppendVariant(field("arr")))
	v2, m2, err := b2.Result()
	must(t, err)
	if !bytes.Equal(m2, emptyMeta) || !bytes.Equal(v2, []byte{arrHeader(false, 1), 2, 0, 1, 2, prim(primFalse), prim(primNull)}) {
		t.Errorf("rebuilt arr: % x / % x", v2, m2)
	}
}

func mustBool(b bool, err error) bool { return b && err == nil }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Objects of 32 fields or more are searched by binary search over keys in Java order.
func TestFieldLookup(t *testing.T) {
	b := NewBuilder(false)
	o := b.StartObject()
	keys := []string{"\uffff", "😀", "a", "B"}
	for i := 0; i < 40; i++ {
		keys = append(keys, "k"+string(rune('A'+i)))
	}
	for i, k := range keys {
		b.Field(o, []byte(k))
		must(t, b.AppendLong(int64(i)))
	}
	must(t, b.FinishObject(o))
	value, meta, err := b.Result()
	must(t, err)
	v, _ := New(value, meta)
	// Java orders the surrogate pair of 😀 (U+D83D...) before U+FFFF.
	k0, _, _ := v.FieldAt(len(keys) - 2)
	k1, _, _ := v.FieldAt(len(keys) - 1)
	if string(k0) != "😀" || string(k1) != "\uffff" {
		t.Errorf("last keys %q %q", k0, k1)
	}
	for i, k := range keys {
		fv, ok, err := v.Field([]byte(k))
		if err != nil || !ok {
			t.Fatalf("%q: %v %v", k, ok, err)
		}
		if x, _ := fv.Long(); x != int64(i) {
			t.Errorf("%q = %d, want %d", k, x, i)
		}
	}
}

func TestParsePath(t *testing.T) {
	ok := map[string]string{
		"$":               "",
		"$.a":             ".a",
		"$.a.b[0]":        ".a.b[0]",
		"$['a.b']":        ".a.b",
		`$["x'y"][12]`:    ".x'y[12]",
		"$[0][1]":         "[0][1]",
		"$.a b]":          ".a b]",
		"$['']":           ".",
		"$.a[2147483647]": ".a[2147483647]",
	}
	for path, want := range ok {
		segs, good := ParsePath(path)
		if !good {
			t.Errorf("%s: rejected", path)
			continue
		}
		var b strings.Builder
		for _, s := range segs {
			if s.IsKey {
				b.WriteString("." + string(s.Key))
			} else {
				b.WriteString("[" + itoa(s.Index) + "]")
			}
		}
		if b.String() != want {
			t.Errorf("%s: %s, want %s", path, b.String(), want)
		}
	}
	for _, path := range []string{"", "a", "$.", "$..a", "$[", "$[a]", "$[-1]", "$['a'", "$['a]", `$["a']`, "$[2147483648]", "$ .a", "$[ 1]"} {
		if _, good := ParsePath(path); good {
			t.Errorf("%q: accepted", path)
		}
	}
}

func TestGetPath(t *testing.T) {
	value, meta, err := parse(t, `{"a": {"b": [10, {"c": "x"}]}, "arr": [1]}`, false)
	must(t, err)
	v, _ := New(value, meta)
	get := func(path string) (Variant, bool) {
		p, ok := ParsePath(path)
		if !ok {
			t.Fatalf("%s", path)
		}
		r, found, err := v.Get(p)
		must(t, err)
		return r, found
	}
	if r, ok := get("$.a.b[1].c"); !ok || string(mustStr(r)) != "x" {
		t.Errorf("$.a.b[1].c")
	}
	for _, miss := range []string{"$.a.b[2]", "$.a[0]", "$.arr.x", "$.z", "$.a.b[0].c"} {
		if _, ok := get(miss); ok {
			t.Errorf("%s found", miss)
		}
	}
}

func mustStr(v Variant) []byte {
	s, _ := v.Str()
	return s
}

func TestSchema(t *testing.T) {
	cases := map[string]string{
		"null":                   "VOID",
		"1":                      "BIGINT",
		"1.0":                    "DECIMAL(1,0)",
		"0.01":                   "DECIMAL(2,2)",
		"1.00":                   "DECIMAL(1,0)",
		"10.00":                  "DECIMAL(2,0)",
		"10.10":                  "DECIMAL(3,1)",
		"-0.0":                   "DECIMAL(1,0)",
		"2147483647.999":         "DECIMAL(13,3)",
		"9223372036854775808":    "DECIMAL(19,0)",
		"-9223372036854775808.0": "DECIMAL(19,0)",
		"9999999999999999999.9999999999999999999":  "DECIMAL(38,19)",
		"9999999999999999999.99999999999999999999": "DOUBLE",
		"1E0":                          "DOUBLE",
		"true":                         "BOOLEAN",
		`"2000-01-01"`:                 "STRING",
		`{"a":0}`:                      "OBJECT<a: BIGINT>",
		`{"b": {"c": "c"}, "a":["a"]}`: "OBJECT<a: ARRAY<STRING>, b: OBJECT<c: STRING>>",
		"[]":                           "ARRAY<VOID>",
		"[null, 1, 1.0]":               "ARRAY<DECIMAL(20,0)>",
		"[null, 1, 1.1]":               "ARRAY<DECIMAL(21,1)>",
		"[123456.789, 123.456789]":     "ARRAY<DECIMAL(12,6)>",
		"[1, 11111111111111111111111111111111111111]":   "ARRAY<DECIMAL(38,0)>",
		"[1.1, 11111111111111111111111111111111111111]": "ARRAY<DOUBLE>",
		`[1, "1"]`:                                     "ARRAY<VARIANT>",
		`[{}, true]`:                                   "ARRAY<VARIANT>",
		`[{"c": ""}, {"a": null}, {"b": 1}]`:           "ARRAY<OBJECT<a: VOID, b: BIGINT, c: STRING>>",
		`[{"a": ""}, {"a": null}, {"b": 1}]`:           "ARRAY<OBJECT<a: STRING, b: BIGINT>>",
		`[{"a": 1, "b": null}, {"b": true, "a": 1E0}]`: "ARRAY<OBJECT<a: DOUBLE, b: BOOLEAN>>",
		`{"it's": 1, "1a": 2, "_b": 3}`:                "OBJECT<`1a`: BIGINT, _b: BIGINT, `it's`: BIGINT>",
	}
	for json, want := range cases {
		value, meta, err := parse(t, json, false)
		must(t, err)
		v, _ := New(value, meta)
		s, err := SchemaOf(v)
		must(t, err)
		if s.String() != want {
			t.Errorf("%s: %s, want %s", json, s, want)
		}
		back, rest, err := DecodeSchema(AppendSchema(nil, s))
		if err != nil || len(rest) != 0 || !back.Equal(s) {
			t.Errorf("%s: schema bytes do not round-trip: %v", json, err)
		}
	}
}

// Malformed values and metadata are errors, never panics.
func TestMalformed(t *testing.T) {
	if _, err := New([]byte{0}, []byte{2, 0, 0}); err == nil {
		t.Error("metadata version 2 accepted")
	}
	if _, err := New([]byte{0}, nil); err == nil {
		t.Error("empty metadata accepted")
	}
	v, _ := New([]byte{prim(63)}, emptyMeta)
	if _, err := v.Type(); err == nil {
		t.Error("unknown primitive accepted")
	} else if se, _ := sparkerror.As(err); se.Class != "UNKNOWN_PRIMITIVE_TYPE_IN_VARIANT" || se.Params["id"] != "63" {
		t.Errorf("unknown primitive: %v", err)
	}
	for _, value := range [][]byte{
		{},
		{prim(primInt4), 1},
		{shortStr(5), 'a'},
		{objHeader(false, 1, 1), 1, 7, 0, 2, prim(primInt1), 1},                    // key id out of the dictionary
		{objHeader(false, 1, 1), 200, 0},                                           // lists past the end
		{arrHeader(true, 4), 0xFF, 0xFF, 0xFF, 0x7F},                               // huge size
		{prim(primDecimal4), 12, 1, 0, 0, 0},                                       // scale above 9
		{prim(primLongStr), 0xFF, 0xFF, 0xFF, 0xFF},                                // length past int
		{arrHeader(false, 1), 1, 0, 9, prim(primInt1)},                             // element past the end
		{objHeader(false, 1, 1), 2, 0, 0, 0, 1, 2, prim(primNull), prim(primNull)}, // repeated key
	} {
		v, err := New(value, emptyMeta)
		if err != nil {
			continue
		}
		_, schemaErr := SchemaOf(v)
		if walk(v, 0) == nil && schemaErr == nil {
			t.Errorf("% x: a malformed value reads back", value)
		}
	}
}

func FuzzVariantDecode(f *testing.F) {
	for _, json := range []string{`{"a": [1, 2.5, "x", null, {"b": true}]}`, "[]", `"` + strings.Repeat("s", 70) + `"`, "1e300", "-12.345"} {
		b := NewBuilder(false)
		if err := ParseJSON(b, []byte(json)); err != nil {
			f.Fatal(err)
		}
		value, meta, _ := b.Result()
		f.Add(value, meta)
	}
	f.Fuzz(func(t *testing.T, value, meta []byte) {
		v, err := New(value, meta)
		if err != nil {
			return
		}
		if CheckLayout(v) == nil {
			_ = walk(v, 0)
		}
		if s, err := SchemaOf(v); err == nil {
			_ = s.String()
		}
		b := NewBuilder(true)
		_ = b.AppendVariant(v)
		p, _ := ParsePath("$.a[0]")
		_, _, _ = v.Get(p)
	})
}

// walk reads every part of a value, as rendering it would, and returns the first error.
func walk(v Variant, depth int) error {
	if depth > 64 {
		return nil
	}
	t, err := v.Type()
	if err != nil {
		return err
	}
	if _, err := v.Bytes(); err != nil {
		return err
	}
	switch t {
	case Object:
		n, err := v.ObjectSize()
		if err != nil {
			return err
		}
		for i := 0; i < n && i < 1000; i++ {
			_, fv, err := v.FieldAt(i)
			if err != nil {
				return err
			}
			if err := walk(fv, depth+1); err != nil {
				return err
			}
		}
		_, _, err = v.Field([]byte("a"))
	case Array:
		n, err := v.ArraySize()
		if err != nil {
			return err
		}
		for i := 0; i < n && i < 1000; i++ {
			e, _, err := v.Elem(i)
			if err != nil {
				return err
			}
			if err := walk(e, depth+1); err != nil {
				return err
			}
		}
	case Boolean:
		_, err = v.Bool()
	case Long, Date, Timestamp, TimestampNTZ:
		_, err = v.Long()
	case Double:
		_, err = v.Double()
	case Float:
		_, err = v.Float()
	case Decimal:
		var d Dec
		if d, err = v.Decimal(); err == nil {
			_ = d.AppendPlain(nil)
			_, _ = d.SparkType()
		}
	case String:
		_, err = v.Str()
	case Binary:
		_, err = v.Binary()
	case UUID:
		_, err = v.UUIDBytes()
	}
	return err
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `[1, "\u00e9", -0.0, 1e5, {"b": [null]}]`, `"\uD83D\uDE05"`, "12345678901234567890.5"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		b := NewBuilder(false)
		if err := ParseJSON(b, text); err != nil {
			return
		}
		value, meta, err := b.Result()
		if err != nil {
			return
		}
		v, err := New(value, meta)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if _, err := SchemaOf(v); err != nil {
			t.Fatalf("%q: the value parse_json built does not read back: %v", text, err)
		}
	})
}
