package types

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var ddlSeeds = []string{
	"int", "decimal(10, 2)", "array<int>", "map<string, array<int>>", "struct<a: int, b string not null comment 'x'>",
	"interval year to month", "interval day to second", "timestamp_ltz", "string collate utf8_lcase",
	"a int, b string not null comment 'c'", "a: int, b: string", "`a``b` struct<>", "struct<`x+y`:int>",
	"decimal(10,2", "map<int, boolean>>", "int /* unclosed", "char(99999999999)", "a-b int", "café int",
	"c string comment 'a\\tb\\u0041\\101'", "hdfs://x/y int", "1.5e3 1L .5 10BD", "r'raw' \"dq\"",
	"struct<a:int>>>", "-- comment\nint", "string collate system.builtin.unicode_ci_ai",
}

// checkParseError checks the shape of an error the parsers return.
func checkParseError(t *testing.T, input string, err error) {
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error of type %T: %v", input, err, err)
	}
	if e.Exception == "" {
		t.Fatalf("%q: error without an exception class: %#v", input, e)
	}
	if e.Class == "" && e.Message == "" {
		t.Fatalf("%q: error without class or message", input)
	}
	if e.Line > 0 && (e.Offset < 0 || e.Offset > utf8.RuneCountInString(input)) {
		t.Fatalf("%q: offset %d out of range", input, e.Offset)
	}
	_ = e.Error()
}

func FuzzParseDataType(f *testing.F) {
	for _, s := range ddlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, err := ParseDataType(s)
		if err != nil {
			checkParseError(t, s, err)
		} else {
			// What parses renders, and its SQL form parses back to the same type.
			back, err := ParseDataType(dt.SQL())
			if err != nil {
				t.Fatalf("%q parsed to %v whose SQL %q does not parse: %v", s, dt, dt.SQL(), err)
			}
			if !Equal(back, dt) {
				t.Fatalf("%q: SQL round trip %v != %v", s, back, dt)
			}
			// Collations travel in field metadata, so round-trip the type as a field.
			wrapped := NewStruct(NewField("value", dt, true))
			js := ToJSON(wrapped)
			if jdt, err := ParseJSON(js); err != nil || !Equal(jdt, wrapped) {
				t.Fatalf("%q: JSON round trip of %s: %v, %v", s, js, jdt, err)
			}
			_ = dt.SimpleString() + dt.CatalogString() + dt.TypeName()
		}
		if st, err := ParseSchema(s); err != nil {
			checkParseError(t, s, err)
		} else {
			_ = st.TreeString(0)
			back, err := ParseTableSchema(st.ToDDL())
			if err == nil && !Equal(back, st) && !strings.Contains(st.ToDDL(), "\\") {
				t.Fatalf("%q: DDL round trip %v != %v", s, back, st)
			}
		}
		if _, err := ParseTableSchema(s); err != nil {
			checkParseError(t, s, err)
		}
		if _, err := FromDDL(s); err != nil {
			checkParseError(t, s, err)
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`"integer"`, `"decimal(10,2)"`, `"char(3)"`, `"interval day to second"`, `{"type":"array","elementType":"string","containsNull":true}`,
		`{"type":"map","keyType":"string","valueType":"long","valueContainsNull":false}`,
		`{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{"comment":"x","n":[1,2]}}]}`,
		`{"type":"struct","fields":[{"name":"a","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{"__COLLATIONS":{"a.element":"icu.UNICODE_CI"}}}]}`,
		`{"type":"udt","pyClass":"p.Q","serializedClass":"x","sqlType":"double"}`,
		`{"type":"udt","class":"a.BUDT","pyClass":null,"sqlType":"double"}`,
		`{"fields":[{"name":"c1","type":"string"}],"type":"struct"}`, `abcd`, `[[[`, `"decimal(99999999999,1)"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, err := ParseJSON(s)
		if err != nil {
			checkParseError(t, s, err)
			return
		}
		js := ToJSON(dt)
		back, err := ParseJSON(js)
		if err != nil {
			t.Fatalf("%q parsed to %v whose JSON %s does not parse: %v", s, dt, js, err)
		}
		if !Equal(back, dt) {
			t.Fatalf("%q: JSON round trip %v != %v", s, back, dt)
		}
		if again := ToJSON(back); again != js {
			t.Fatalf("%q: JSON not stable: %s vs %s", s, js, again)
		}
		if st, ok := dt.(*StructType); ok {
			_ = st.TreeString(3) + st.ToDDL()
		}
		_, _ = ToArrow(dt)
	})
}

func FuzzParseMetadata(f *testing.F) {
	f.Add(`{"a":1,"b":[1.5],"c":{"d":null}}`)
	f.Add(`{"x":[{"y":["z"]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		md, err := ParseMetadata(s)
		if err != nil {
			checkParseError(t, s, err)
			return
		}
		back, err := ParseMetadata(md.JSON())
		if err != nil {
			t.Fatalf("%q: JSON %s does not parse back: %v", s, md.JSON(), err)
		}
		if !back.Equal(md) {
			t.Fatalf("%q: round trip %s != %s", s, back.JSON(), md.JSON())
		}
	})
}
