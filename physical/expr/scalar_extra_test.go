package expr

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"math/big"
	"strconv"
	"testing"
	"time"

	"github.com/sailgo/sail/sql/types"
)

// Expected values are the examples of Spark's function documentation and answers of
// Spark 4.

func TestMonthsBetween(t *testing.T) {
	ts := func(s string) int64 {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixMicro()
	}
	cases := []struct {
		a, b  string
		round bool
		want  float64
	}{
		{"1997-02-28 10:30:00", "1996-10-30 00:00:00", true, 3.94959677},
		{"1997-02-28 10:30:00", "1996-10-30 00:00:00", false, 3.9495967741935485},
		{"2020-03-31 00:00:00", "2020-02-29 00:00:00", true, 1},  // both last days of their months
		{"2020-01-15 12:00:00", "2020-03-15 00:00:00", true, -2}, // same day of month
	}
	for _, c := range cases {
		if got := monthsBetween(ts(c.a), ts(c.b), c.round, time.UTC); got != c.want {
			t.Errorf("months_between(%s, %s, %v) = %v, want %v", c.a, c.b, c.round, got, c.want)
		}
	}
}

func TestFormatNumberDigits(t *testing.T) {
	dec := func(unscaled int64, scale, d int) string {
		return string(appendGrouped(nil, appendDecimalHalfEven(nil, big.NewInt(unscaled), scale, d)))
	}
	cases := []struct{ got, want string }{
		{dec(12332123456, 6, 4), "12,332.1235"},
		{dec(123325, 1, 0), "12,332"}, // half-even
		{dec(123335, 1, 0), "12,334"},
		{dec(-125, 3, 2), "-0.12"},
		{dec(5, 0, 3), "5.000"},
		{dec(1, 3, 5), "0.00100"},
		{string(appendGrouped(nil, []byte("-1234567.5"))), "-1,234,567.5"},
		{string(appendGrouped(nil, []byte("123"))), "123"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestAES(t *testing.T) {
	key32 := []byte("abcdefghijklmnop12345678ABCDEFGH")
	iv12, _ := hex.DecodeString("000000000000000000000000")
	iv16, _ := hex.DecodeString("00000000000000000000000000000000")
	aad := []byte("This is an AAD mixed into the input")
	enc := func(input, key, mode, padding, iv, aad []byte) string {
		out, err := aesEncrypt(nil, input, key, mode, padding, iv, aad)
		if err != nil {
			t.Fatal(err)
		}
		return base64.StdEncoding.EncodeToString(out)
	}
	if got := enc([]byte("Spark"), key32, []byte("GCM"), []byte("DEFAULT"), iv12, aad); got != "AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4" {
		t.Errorf("GCM = %s", got)
	}
	if got := enc([]byte("Spark"), key32, []byte("CBC"), []byte("DEFAULT"), iv16, nil); got != "AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg=" {
		t.Errorf("CBC = %s", got)
	}
	if got := enc([]byte("Spark SQL"), []byte("1234567890abcdef"), []byte("ECB"), []byte("PKCS"), nil, nil); got != "3lmwu+Mw0H3fi5NDvcu9lg==" {
		t.Errorf("ECB = %s", got)
	}
	in, _ := base64.StdEncoding.DecodeString("AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4")
	if out, err := aesDecrypt(nil, in, key32, []byte("gcm"), []byte("none"), aad); err != nil || !bytes.Equal(out, []byte("Spark")) {
		t.Errorf("GCM decrypt = %q, %v", out, err)
	}
	// A random IV round-trips.
	ct, err := aesEncrypt(nil, []byte("Spark"), key32, []byte("CBC"), []byte("PKCS"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := aesDecrypt(nil, ct, key32, []byte("CBC"), []byte("PKCS"), nil); err != nil || string(out) != "Spark" {
		t.Errorf("CBC round trip = %q, %v", out, err)
	}
	errs := []struct {
		err   error
		class string
	}{
		{func() error {
			_, e := aesEncrypt(nil, nil, []byte("abc"), []byte("GCM"), []byte("DEFAULT"), nil, nil)
			return e
		}(), "INVALID_PARAMETER_VALUE.AES_KEY_LENGTH"},
		{func() error {
			_, e := aesEncrypt(nil, nil, key32, []byte("ECB"), []byte("NONE"), nil, nil)
			return e
		}(), "UNSUPPORTED_FEATURE.AES_MODE"},
		{func() error {
			_, e := aesEncrypt(nil, nil, key32, []byte("ECB"), []byte("PKCS"), iv16, nil)
			return e
		}(), "UNSUPPORTED_FEATURE.AES_MODE_IV"},
		{func() error {
			_, e := aesEncrypt(nil, nil, key32, []byte("GCM"), []byte("DEFAULT"), iv16, nil)
			return e
		}(), "INVALID_PARAMETER_VALUE.AES_IV_LENGTH"},
		{func() error {
			_, e := aesEncrypt(nil, nil, key32, []byte("CBC"), []byte("DEFAULT"), nil, aad)
			return e
		}(), "UNSUPPORTED_FEATURE.AES_MODE_AAD"},
		{func() error {
			_, e := aesDecrypt(nil, in, key32, []byte("GCM"), []byte("DEFAULT"), nil)
			return e
		}(), "INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR"},
	}
	for _, c := range errs {
		if c.err == nil || !bytes.Contains([]byte(c.err.Error()), []byte(c.class)) {
			t.Errorf("want %s, got %v", c.class, c.err)
		}
	}
}

func TestOverlayAndFactorialKernels(t *testing.T) {
	call := func(name string, args []Expr, argTypes []types.DataType, rt types.DataType) Expr {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no kernel %s", name)
		}
		return must(f(args, argTypes, rt, FuncOptions{}))
	}
	b := batchOf(
		arr(t, types.String, "Spark SQL", "Spark SQL", "Spark SQL", "Spark SQL", nil),
		arr(t, types.String, "_", "CORE", "ANSI ", "tructured", "x"),
		arr(t, types.Integer, int32(6), int32(7), int32(7), int32(2), int32(1)),
		arr(t, types.Integer, int32(-1), int32(-1), int32(0), int32(4), int32(-1)),
	)
	st, it := types.DataType(types.String), types.DataType(types.Integer)
	wantStrs(t, call("overlay", []Expr{col(0, st), col(1, st), col(2, it), col(3, it)}, []types.DataType{st, st, it, it}, st), b,
		"Spark_SQL", "Spark CORE", "Spark ANSI SQL", "Structured SQL", "NULL")
	wantStrs(t, call("factorial", []Expr{col(0, it)}, []types.DataType{it}, types.Long), batchOf(arr(t, types.Integer, int32(0), int32(5), int32(20), int32(21), int32(-1), nil)),
		"1", "120", "2432902008176640000", "NULL", "NULL", "NULL")
	wantStrs(t, call("hash", []Expr{col(0, st), col(1, st)}, []types.DataType{st, st}, types.Integer),
		batchOf(arr(t, types.String, "Spark", nil), arr(t, types.String, nil, nil)),
		strconv.Itoa(int(int32(murmur3Hasher{}.bytes([]byte("Spark"), 42)))), "42")
}

// Spark's documented example and the collations-string-functions.sql golden answers.
func TestSentences(t *testing.T) {
	st := types.DataType(types.String)
	rt := types.ArrayType{ElementType: types.ArrayType{ElementType: types.String}}
	e := must(sentencesFn([]Expr{col(0, st), litOf(t, st, ""), litOf(t, st, "")}, []types.DataType{st, st, st}, rt, FuncOptions{}))
	wantStrs(t, e, batchOf(arr(t, types.String, "Hi there! How are you?", "Hello world. Nice day.", "Spark", "", nil,
		"It costs 3.14 dollars, isn't it? e.g. this one", "i\u0307o", "a \u0307b")),
		`[[Hi, there], [How, are, you]]`, `[[Hello, world], [Nice, day]]`, `[[Spark]]`, `[]`, "NULL",
		`[[It, costs, 3.14, dollars, isn't, it], [e.g, this, one]]`,
		// A combining mark belongs to the letter before it (collations-string-functions.sql).
		"[[i\u0307o]]", "[[a, b]]")
}
