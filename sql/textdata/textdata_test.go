package textdata

import (
	"strconv"
	"strings"
	"testing"
)

var testCopier = Copier{
	AppendDouble: func(dst []byte, f float64) []byte {
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0"
		}
		return append(dst, s...)
	},
	ParseDouble: func(s []byte) (float64, bool) {
		v, err := strconv.ParseFloat(string(s), 64)
		return v, err == nil
	},
}

// What Jackson accepts under Spark's default JSONOptions and under get_json_object's
// factory, and the compact form copyCurrentStructure writes.
func TestParseAndCopy(t *testing.T) {
	cases := []struct {
		syn  JSONSyntax
		in   string
		want string // "" for a syntax error, "<blank>" for no value
	}{
		{SparkDefaults, `{"a" : 1, "b": [true, false, null], "c": {"d": "x\ty"}}`, `{"a":1,"b":[true,false,null],"c":{"d":"x\ty"}}`},
		{SparkDefaults, `{'a': 'q"'}`, `{"a":"q\""}`},
		{SparkDefaults, `[NaN, -Infinity, +INF]`, `["NaN","-Inf","+Inf"]`},
		{SparkDefaults, `[01]`, ``},
		{SparkDefaults, `"\u00e9\ud83d\ude00"`, `"é😀"`},
		{SparkDefaults, `"tab	here"`, ``},
		{HiveSyntax, `"tab	here"`, "\"tab\\there\""},
		{HiveSyntax, `[NaN]`, ``},
		{SparkDefaults, `   `, `<blank>`},
		{SparkDefaults, `{"a":1} trailing`, `{"a":1}`},
		{SparkDefaults, `1x`, ``},
		{SparkDefaults, `truex`, ``},
		{SparkDefaults, `[1,]`, ``},
		{SparkDefaults, `{"a":1,}`, ``},
		{SparkDefaults, `[-0, 1.5e3, 1.`, ``},
		{SparkDefaults, `[-0, 1.5e3]`, `[0,1500.0]`},
		{JSONSyntax{LeadingZeros: true}, `[007, -00.5]`, `[7,-0.5]`},
		{JSONSyntax{UnquotedFieldNames: true, Comments: true}, `{a: /* c */ 1} // x`, `{"a":1}`},
		{SparkDefaults, `"\x"`, ``},
		{JSONSyntax{BackslashAny: true}, `"\x"`, `"x"`},
	}
	for _, c := range cases {
		p := &Parser{Syntax: c.syn}
		root, err := p.Parse([]byte(c.in))
		got := ""
		switch {
		case err != nil:
		case root < 0:
			got = "<blank>"
		default:
			got = string(testCopier.Append(nil, p, root))
		}
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	p := &Parser{Syntax: SparkDefaults}
	if _, err := p.Parse([]byte(strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1))); err == nil {
		t.Error("nesting beyond the limit parsed")
	}
	if _, err := p.Parse([]byte(strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth))); err != nil {
		t.Error(err)
	}
}

// schema_of_json and schema_of_csv answers from json-functions.sql.out,
// csv-functions.sql.out and Spark's docs.
func TestInfer(t *testing.T) {
	json := []struct {
		in   string
		opts map[string]string
		want string
	}{
		{`{"c1":0, "c2":[1]}`, nil, "STRUCT<c1: BIGINT, c2: ARRAY<BIGINT>>"},
		{`{"c1":1}`, map[string]string{"primitivesAsString": "true"}, "STRUCT<c1: STRING>"},
		{`{"c1":01, "c2":0.1}`, map[string]string{"allowNumericLeadingZeros": "true", "prefersDecimal": "true"}, "STRUCT<c1: BIGINT, c2: DECIMAL(1,1)>"},
		{`[{"col":0}]`, nil, "ARRAY<STRUCT<col: BIGINT>>"},
		{`{"b":null, "a":"", "c":{}}`, nil, "STRUCT<a: STRING, b: STRING>"},
		{`[1, 2.5, 12345678901234567890]`, nil, "ARRAY<DOUBLE>"},
		{`12345678901234567890`, nil, "DECIMAL(20,0)"},
		{`[{"a":1}, {"b":true}]`, nil, "ARRAY<STRUCT<a: BIGINT, b: BOOLEAN>>"},
		{`[1, "x"]`, nil, "ARRAY<STRING>"},
		{`{}`, nil, "STRUCT<>"},
	}
	for _, c := range json {
		dt, err := InferJSON([]byte(c.in), c.opts)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if dt.SQL() != c.want {
			t.Errorf("%s: got %s, want %s", c.in, dt.SQL(), c.want)
		}
	}
	if _, err := InferJSON([]byte(`{"a":`), nil); err == nil {
		t.Error("malformed JSON inferred")
	}
	csv := []struct {
		in   string
		opts map[string]string
		want string
	}{
		{`1,abc`, nil, "STRUCT<_c0: INT, _c1: STRING>"},
		{`1|abc`, map[string]string{"delimiter": "|"}, "STRUCT<_c0: INT, _c1: STRING>"},
		{`1.5,2020-01-01,TRUE,12345678901,2020-01-01 10:00:00,,"a,b"`, nil,
			"STRUCT<_c0: DOUBLE, _c1: DATE, _c2: BOOLEAN, _c3: BIGINT, _c4: TIMESTAMP, _c5: STRING, _c6: STRING>"},
		{`123456789012345678901234`, nil, "STRUCT<_c0: DECIMAL(24,0)>"},
		{`NaN;-Inf`, map[string]string{"sep": ";"}, "STRUCT<_c0: DOUBLE, _c1: DOUBLE>"},
	}
	for _, c := range csv {
		dt, err := InferCSV([]byte(c.in), c.opts)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if dt.SQL() != c.want {
			t.Errorf("%s: got %s, want %s", c.in, dt.SQL(), c.want)
		}
	}
}

func TestSplitCSV(t *testing.T) {
	syn := CSVSyntax{Delim: ",", Quote: '"', Escape: '\\'}
	cases := []struct{ in, want string }{
		{`a,b,,c`, `a|b||c`},
		{`"a,b",c`, `a,b|c`},
		{`"a\"b","c""d"`, `a"b|c"d`},
		{` x , y `, ` x | y `},
		{``, ``},
	}
	for _, c := range cases {
		var parts []string
		for _, f := range SplitCSV(nil, []byte(c.in), &syn) {
			parts = append(parts, string(f))
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
	multi := CSVSyntax{Delim: "||", Quote: '"', Escape: '\\', IgnoreLeading: true, IgnoreTrailing: true}
	if got := SplitCSV(nil, []byte(" a || b"), &multi); len(got) != 2 || string(got[0]) != "a" || string(got[1]) != "b" {
		t.Errorf("multi-character delimiter: %q", got)
	}
}

// FuzzParse checks that the parser never panics and that what it accepts copies to text it
// accepts again, unchanged.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `'x'`, `[NaN,-INF]`, `"\ud800"`, `{"a":"\u0041"}`, `[1e400, -0.0]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := &Parser{Syntax: SparkDefaults}
		root, err := p.Parse([]byte(s))
		if err != nil || root < 0 {
			return
		}
		out := testCopier.Append(nil, p, root)
		q := &Parser{Syntax: SparkDefaults}
		r2, err := q.Parse(out)
		if err != nil || r2 < 0 {
			t.Fatalf("%q copied to %q, which does not parse: %v", s, out, err)
		}
		if again := testCopier.Append(nil, q, r2); string(again) != string(out) {
			t.Fatalf("%q: %q then %q", s, out, again)
		}
		_, _ = InferJSON([]byte(s), nil)
	})
}
