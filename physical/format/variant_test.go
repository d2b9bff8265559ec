package format

import (
	"strings"
	"testing"
	"time"

	"github.com/sailgo/sail/sql/variant"
)

func variantOf(t *testing.T, json string, allowDup bool) variant.Variant {
	t.Helper()
	b := variant.NewBuilder(allowDup)
	if err := variant.ParseJSON(b, []byte(json)); err != nil {
		t.Fatalf("%s: %v", json, err)
	}
	value, meta, err := b.Result()
	if err != nil {
		t.Fatal(err)
	}
	v, err := variant.New(value, meta)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// parse_json then to_json gives back the text, normalized (VariantEndToEndSuite's
// round trips).
func TestVariantJSONRoundTrip(t *testing.T) {
	cases := []struct {
		in, out  string
		allowDup bool
	}{
		{in: "null"}, {in: "true"}, {in: "false"}, {in: "-1"}, {in: "1.0E10"}, {in: `""`},
		{in: `"` + strings.Repeat("a", 63) + `"`}, {in: `"` + strings.Repeat("b", 64) + `"`},
		{in: `"` + strings.Repeat("你好，世界", 20) + `"`}, {in: "[]"}, {in: "{}"},
		{in: `[null, true,   false,-1, 1e10, "\uD83D\uDE05", [ ], { } ]`, out: `[null,true,false,-1,1.0E10,"😅",[],{}]`},
		{in: "[0.0, 1.00, 1.10, 1.23]", out: "[0,1,1.1,1.23]"},
		{in: `{"c": [], "b": 0, "a": null, "a": {"x": 0, "x": 1}, "b": 1, "b": 2, "c": [3]}`, out: `{"a":{"x":1},"b":2,"c":[3]}`, allowDup: true},
		{in: `{"b": 1, "a": {"d": 1.5e-7, "c": 123456789012345678901234567890}}`, out: `{"a":{"c":123456789012345678901234567890,"d":1.5E-7},"b":1}`},
		{in: `"\u0000\u001f\"\\\/\b\f\n\r\t\u007f"`, out: `"\u0000\u001F\"\\/\b\f\n\r\t` + "\x7f" + `"`},
		{in: "-0.0", out: "0"}, {in: "100.00", out: "100"}, {in: "-0.00120", out: "-0.0012"},
		{in: "1e400", out: `"Infinity"`}, {in: "123456789012345678901234567890123456789", out: "1.2345678901234568E38"},
	}
	for _, c := range cases {
		want := c.out
		if want == "" {
			want = c.in
		}
		got, err := AppendVariantJSON(nil, variantOf(t, c.in, c.allowDup), time.UTC)
		if err != nil || string(got) != want {
			t.Errorf("%.50s: %s (%v), want %s", c.in, got, err, want)
		}
	}
}

// Scalars parse_json never makes, written by the builder (casts to VARIANT make them).
func TestVariantJSONScalars(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip(err)
	}
	one := func(f func(b *variant.Builder) error) variant.Variant {
		b := variant.NewBuilder(false)
		if err := f(b); err != nil {
			t.Fatal(err)
		}
		value, meta, _ := b.Result()
		v, _ := variant.New(value, meta)
		return v
	}
	cases := []struct {
		v    variant.Variant
		loc  *time.Location
		want string
	}{
		{one(func(b *variant.Builder) error { return b.AppendTimestamp(1_700_000_000_000_000) }), la, `"2023-11-14 14:13:20-08:00"`},
		{one(func(b *variant.Builder) error { return b.AppendTimestamp(1_700_000_000_123_000) }), time.UTC, `"2023-11-14 22:13:20.123+00:00"`},
		{one(func(b *variant.Builder) error { return b.AppendTimestampNTZ(-1) }), la, `"1969-12-31 23:59:59.999999"`},
		{one(func(b *variant.Builder) error { return b.AppendDate(-719162) }), time.UTC, `"0001-01-01"`},
		{one(func(b *variant.Builder) error { return b.AppendDate(2932897) }), time.UTC, `"+10000-01-01"`},
		{one(func(b *variant.Builder) error { return b.AppendFloat(0.1) }), time.UTC, `0.1`},
		{one(func(b *variant.Builder) error { return b.AppendBinary([]byte("hello")) }), time.UTC, `"aGVsbG8="`},
		{one(func(b *variant.Builder) error {
			return b.AppendUUID([16]byte{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00})
		}), time.UTC, `"123e4567-e89b-12d3-a456-426614174000"`},
		{one(func(b *variant.Builder) error { return b.AppendDecimal(variant.Dec{Lo: 150, Scale: 2}) }), time.UTC, `1.5`},
	}
	for _, c := range cases {
		got, err := AppendVariantJSON(nil, c.v, c.loc)
		if err != nil || string(got) != c.want {
			t.Errorf("got %s (%v), want %s", got, err, c.want)
		}
	}
}

func FuzzVariantJSON(f *testing.F) {
	f.Add([]byte{0x02, 0x01, 0x00, 0x00, 0x02, 0x0C, 0x01}, []byte{1, 1, 0, 1, 'a'})
	f.Add([]byte{0x03, 0x02, 0x00, 0x01, 0x02, 0x00, 0x00}, []byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, value, meta []byte) {
		v, err := variant.New(value, meta)
		if err != nil {
			return
		}
		_, _ = AppendVariantJSON(nil, v, time.UTC)
	})
}
