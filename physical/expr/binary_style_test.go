package expr

import (
	"bytes"
	"testing"
)

// BINARY in to_csv/to_xml/from_xml under spark.sql.binaryOutputStyle (binary_basic.sql,
// binary_hex.sql; Spark's ToStringBase.getBinaryFormatter and getBinaryParser).
func TestBinaryStyles(t *testing.T) {
	v := []byte("Eason\xff")
	for _, c := range []struct {
		style binaryStyle
		want  string
	}{
		{binaryUTF8, "Eason\xff"},
		{binaryBasic, "[69, 97, 115, 111, 110, -1]"},
		{binaryHex, "4561736F6EFF"},
		{binaryBase64, "RWFzb27/"},
		{binaryHexDiscrete, "[45 61 73 6F 6E FF]"},
	} {
		got := c.style.appendBinary(nil, v)
		if string(got) != c.want {
			t.Errorf("style %d: got %q, want %q", c.style, got, c.want)
		}
		back, ok := c.style.parseBinary(string(got))
		if !ok || !bytes.Equal(back, v) {
			t.Errorf("style %d: parsed %q (%v), want %q", c.style, back, ok, v)
		}
	}
	if _, ok := binaryHex.parseBinary("XYZ"); ok {
		t.Error("HEX parsed XYZ")
	}
	for suffix := range map[string]bool{"_binary_basic": true, "_binary_hex": true, "_binary_base64": true, "_binary_hex_discrete": true} {
		for _, fn := range []string{"to_csv", "to_xml", "from_xml"} {
			if _, ok := Lookup(fn + suffix); !ok {
				t.Errorf("no variant %s%s", fn, suffix)
			}
		}
	}
}

// A pattern with invalid UTF-8 (a BINARY cast to STRING, listagg.sql) compiles as the Java
// String Spark compiles, each malformed sequence one U+FFFD.
func TestRegexInvalidUTF8Pattern(t *testing.T) {
	re, err := compileJavaRegex("regexp_count", "\xbe\xef")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := re.count([]byte("\xde\xad\xbe\xef"), nil); err != nil || n != 1 {
		t.Errorf("matches: %d %v, want 1", n, err)
	}
}
