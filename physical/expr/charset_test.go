package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// The legacy variants of encode/decode (spark.sql.legacy.javaCharsets and
// spark.sql.legacy.codingErrorAction), with the answers of string-functions.sql.out.
func TestEncodeDecodeLegacySettings(t *testing.T) {
	str, bin := types.String, types.Binary
	runFnCases(t, []fnCase{
		// Only Spark's charsets without javaCharsets.
		{fn: "encode", result: bin, args: []lv{s("hello"), s("WINDOWS-1252")}, err: "INVALID_PARAMETER_VALUE.CHARSET"},
		{fn: "encode_legacy_replace", result: bin, args: []lv{s("hello"), s("WINDOWS-1252")}, err: "INVALID_PARAMETER_VALUE.CHARSET"},
		{fn: "encode_legacy_charsets", result: bin, args: []lv{s("hello"), s("WINDOWS-1252")}, want: "[68 65 6C 6C 6F]"},
		{fn: "encode_legacy_charsets", result: bin, args: []lv{s("€é"), s("cp1252")}, want: "[80 E9]"},
		{fn: "encode_legacy_charsets", result: bin, args: []lv{s("渭"), s("windows-1252")}, err: "MALFORMED_CHARACTER_CODING"},
		{fn: "encode_legacy_charsets_replace", result: bin, args: []lv{s("a渭"), s("windows-1252")}, want: "[61 3F]"},
		{fn: "encode_legacy_charsets", result: bin, args: []lv{s("hello"), s("no-such-charset")}, err: "INVALID_PARAMETER_VALUE.CHARSET"},
		{fn: "encode_legacy_charsets", result: bin, args: []lv{s("日本"), s("Shift_JIS")}, want: "[93 FA 96 7B]"},
		{fn: "decode_legacy_charsets", result: str, args: []lv{b([]byte("hello")), s("WINDOWS-1252")}, want: "hello"},
		{fn: "decode_legacy_charsets", result: str, args: []lv{b([]byte{0x80, 0xe9}), s("windows-1252")}, want: "€é"},
		{fn: "decode_legacy_charsets", result: str, args: []lv{b([]byte{0x93, 0xfa, 0x96, 0x7b}), s("shift_jis")}, want: "日本"},
		// The REPLACE action: '?' for what the charset lacks, U+FFFD for malformed input.
		{fn: "encode", result: bin, args: []lv{s("渭城朝雨浥轻尘"), s("US-ASCII")}, err: "MALFORMED_CHARACTER_CODING"},
		{fn: "encode_legacy_replace", result: bin, args: []lv{s("渭城朝雨浥轻尘"), s("US-ASCII")}, want: "[3F 3F 3F 3F 3F 3F 3F]"},
		{fn: "encode_legacy_replace", result: bin, args: []lv{s("aé渭"), s("ISO-8859-1")}, want: "[61 E9 3F]"},
		{fn: "decode", result: str, args: []lv{b([]byte{0xe5, 0x8a, 0x9d}), s("US-ASCII")}, err: "MALFORMED_CHARACTER_CODING"},
		{fn: "decode_legacy_replace", result: str, args: []lv{b([]byte{0xe5, 0x8a, 0x9d, 'a'}), s("US-ASCII")}, want: "\uFFFD\uFFFD\uFFFDa"},
		// UTF-8: one U+FFFD per maximal ill-formed subsequence, one per encoded surrogate.
		{fn: "decode_legacy_replace", result: str, args: []lv{b([]byte{'a', 0xe5, 0x8a, 'b', 0xff, 0xed, 0xa0, 0x80}), s("utf-8")}, want: "a\uFFFDb\uFFFD\uFFFD"},
		{fn: "decode", result: str, args: []lv{b([]byte{'a', 0xe5, 0x8a}), s("utf-8")}, err: "MALFORMED_CHARACTER_CODING"},
		// UTF-16: a lone trailing byte and an unpaired surrogate.
		{fn: "decode_legacy_replace", result: str, args: []lv{b([]byte{0, 'a', 0xd8, 0x00, 0, 'b', 0}), s("utf-16be")}, want: "a\uFFFDb\uFFFD"},
		{fn: "decode", result: str, args: []lv{b([]byte{0, 'a', 0}), s("utf-16be")}, err: "MALFORMED_CHARACTER_CODING"},
		{fn: "decode_legacy_replace", result: str, args: []lv{b([]byte{0, 0x11, 0, 0, 0, 0, 0, 'a'}), s("utf-32")}, want: "\uFFFDa"},
	})
}
