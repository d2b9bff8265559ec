package expr

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// finds lists group g of every match Matcher.find() reports ("<nil>" for a group that did
// not take part).
func finds(t *testing.T, pattern, s string, g int) []string {
	t.Helper()
	re, err := compileJavaRegex("test", pattern)
	if err != nil {
		t.Fatalf("%q: %v", pattern, err)
	}
	ms, err := re.all([]byte(s), nil)
	if err != nil {
		t.Fatalf("%q over %q: %v", pattern, s, err)
	}
	out := []string{}
	for _, m := range ms {
		if m[2*g] < 0 {
			out = append(out, "<nil>")
			continue
		}
		out = append(out, s[m[2*g]:m[2*g+1]])
	}
	return out
}

// What java.util.regex finds, feature by feature; the patterns that need backtracking run
// on regexp2, the others on RE2, and some on both depending on the input.
func TestJavaRegexFeatures(t *testing.T) {
	cases := []struct {
		name, pattern, s string
		group            int
		want             []string
	}{
		// regexp-functions.sql: lookahead.
		{"lookahead", `(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+`, "passwd7 plain A1234 a1234", 0, []string{"passwd7", "a1234"}},
		{"negative lookahead", `foo(?!bar)`, "foobar foobaz", 0, []string{"foo"}},
		{"lookbehind", `(?<=a)b`, "abcb ab", 0, []string{"b", "b"}},
		{"negative lookbehind", `(?<!a)b`, "abcb", 0, []string{"b"}},
		{"bounded lookbehind", `(?<=a{1,3})b`, "aab b", 0, []string{"b"}},
		{"backreference", `(\w)\1`, "aabbcd", 0, []string{"aa", "bb"}},
		{"case-insensitive backreference", `(?i)(a)\1`, "aA", 0, []string{"aA"}},
		{"backreference digits", `(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10`, "abcdefghijj", 0, []string{"abcdefghijj"}},
		{"backreference to one group then a digit", `(a)\10`, "aa0", 0, []string{"aa0"}},
		{"named backreference", `(?<x>\d)-\k<x>`, "1-1 2-3", 0, []string{"1-1"}},
		{"unset group backreference", `(a)?\1b`, "b ab aab", 0, []string{"aab"}},
		{"possessive star", `a*+a`, "aaa", 0, []string{}},
		{"possessive plus", `a++b`, "aab", 0, []string{"aab"}},
		{"possessive question", `x?+x`, "x", 0, []string{}},
		{"possessive count", `a{1,3}+a`, "aaaa", 0, []string{"aaaa"}},
		{"atomic group", `(?>a|ab)c`, "abc ac", 0, []string{"ac"}},
		{"last match", `\Ga`, "aaba", 0, []string{"a", "a"}},
		// Group numbering: named groups count in order of their parenthesis.
		{"named group numbering", `(?<x>a)(b)\k<x>`, "aba", 2, []string{"b"}},
		{"named group numbering RE2", `(?<x>a)(b)`, "ab", 1, []string{"a"}},
		// Empty matches after a non-empty one, as Matcher.find() reports them.
		{"empty after match", `(\d+)?`, "1a 2b 14m", 1, []string{"1", "<nil>", "<nil>", "2", "<nil>", "<nil>", "14", "<nil>", "<nil>"}},
		{"empty after match backtracking", `(?=.?)(\d+)?`, "1a", 1, []string{"1", "<nil>", "<nil>"}},
		// Classes.
		{"leading bracket", `[]a]+`, "x]a]x", 0, []string{"]a]"}},
		{"negated leading bracket", `[^]a]+`, "]xy]", 0, []string{"xy"}},
		{"intersection", `[a-z&&[^aeiou]]+`, "hello", 0, []string{"h", "ll"}},
		{"intersection without brackets", `[a-z&&def]+`, "abcdefg", 0, []string{"def"}},
		{"union", `[a-c[x-z]]+`, "abmxyz", 0, []string{"ab", "xyz"}},
		{"negated union", `[^a-c[x-z]]+`, "abmxyz", 0, []string{"m"}},
		{"posix", `\p{Alpha}+`, "ab1c", 0, []string{"ab", "c"}},
		{"posix negated in class", `[\P{Alpha}]+`, "ab1-c", 0, []string{"1-"}},
		{"script", `\p{IsLatin}+`, "abcαβ", 0, []string{"abc"}},
		{"script by key", `\p{script=Greek}+`, "abcαβ", 0, []string{"αβ"}},
		{"general category", `\p{Lu}\p{Ll}+`, "Hello World", 0, []string{"Hello", "World"}},
		{"general category Is", `\p{IsLu}+`, "aBCd", 0, []string{"BC"}},
		{"one-letter category", `\pL+`, "ab1ü", 0, []string{"ab", "ü"}},
		{"java class", `\p{javaLowerCase}+`, "abCd", 0, []string{"ab", "d"}},
		{"binary property", `\p{IsWhite_Space}`, "a\u2003b", 0, []string{"\u2003"}},
		{"ASCII digits", `\d+`, "12٣4", 0, []string{"12", "4"}},
		{"Unicode digits", `(?U)\d+`, "12٣4", 0, []string{"12٣4"}},
		{"ASCII word", `\w+`, "héllo", 0, []string{"h", "llo"}},
		{"whitespace with VT", `\s`, "a\x0Bb", 0, []string{"\x0B"}},
		{"horizontal whitespace", `\h+`, "a \t\u00A0b", 0, []string{" \t\u00A0"}},
		{"vertical whitespace", `\v`, "a\x0Bb\u2028", 0, []string{"\x0B", "\u2028"}},
		{"line break", `\R`, "a\r\nb\nc\u0085", 0, []string{"\r\n", "\n", "\u0085"}},
		{"case-insensitive class", `(?i)[a-c]+`, "xAbCx", 0, []string{"AbC"}},
		{"case-insensitive negated class", `(?i)[^a]+`, "bAab", 0, []string{"b", "b"}},
		{"case-insensitive ASCII only", `(?i)é`, "éÉ", 0, []string{"é"}},
		{"unicode case", `(?iu)é`, "éÉ", 0, []string{"é", "É"}},
		{"scoped flag", `a(?i:b)c`, "aBc abC", 0, []string{"aBc"}},
		{"flag to group end", `(a(?i)b)c`, "aBc aBC", 0, []string{"aBc"}},
		{"flag off", `(?i)a(?-i)b`, "Ab AB", 0, []string{"Ab"}},
		// Dot and line terminators.
		{"dot", `a.b`, "a\rb a\nb axb", 0, []string{"axb"}},
		{"dotall", `(?s)a.b`, "a\rb a\nb", 0, []string{"a\rb", "a\nb"}},
		{"unix lines dot", `(?d)a.b`, "a\rb a\nb", 0, []string{"a\rb"}},
		{"dollar before final terminator", `b$`, "ab\n", 0, []string{"b"}},
		{"dollar before final CR LF", `b$`, "ab\r\n", 0, []string{"b"}},
		{"dollar not before inner terminator", `b$`, "ab\nc", 0, []string{}},
		{"multiline dollar before CR", `(?m)b$`, "ab\r\nab", 0, []string{"b", "b"}},
		{"multiline caret after CR", `(?m)^a`, "a\ra", 0, []string{"a", "a"}},
		{"multiline caret not at the end", `(?m)^`, "a\n", 0, []string{""}},
		{"end Z", `a\Z`, "a\n", 0, []string{"a"}},
		{"end z", `a\z`, "a\n", 0, []string{}},
		// Word boundaries see Unicode letters.
		{"word boundary", `\bé\b`, "é xé", 0, []string{"é"}},
		{"word boundary ASCII", `\bab\b`, "ab cab ab", 0, []string{"ab", "ab"}},
		// Quoting, comments and escapes.
		{"quote", `\Q.*\E+`, ".**.* x", 0, []string{".**", ".*"}},
		{"quote to end", `a\Q(b`, "a(b", 0, []string{"a(b"}},
		{"quote in class", `[\Q]-\E]+`, "a]-]b", 0, []string{"]-]"}},
		{"comments", "(?x) a b # a comment\n c", "abc a b c", 0, []string{"abc"}},
		{"comments escaped space", `(?x)a\ b`, "a b", 0, []string{"a b"}},
		{"octal", `\0101\0102`, "AB", 0, []string{"AB"}},
		{"hex", `\x41\x{1F600}`, "A😀", 0, []string{"A😀"}},
		{"unicode escape", `\u0041`, "A", 0, []string{"A"}},
		{"surrogate pair", `\uD83D\uDE00`, "😀", 0, []string{"😀"}},
		{"control", `\cA`, "\x01", 0, []string{"\x01"}},
		{"dangling closers", `a}]`, "a}]", 0, []string{"a}]"}},
		{"counted", `a{2}`, "aaaaa", 0, []string{"aa", "aa"}},
		{"counted open", `a{2,}`, "aaaaa", 0, []string{"aaaaa"}},
		{"count over RE2's limit", `a{1001}`, strings.Repeat("a", 1002), 0, []string{strings.Repeat("a", 1001)}},
		{"lazy", `a+?`, "aaa", 0, []string{"a", "a", "a"}},
		{"quantified literal run", `ab+`, "abbb", 0, []string{"abbb"}},
		{"empty alternative", `a|`, "ab", 0, []string{"a", "", ""}},
	}
	for _, c := range cases {
		if got := finds(t, c.pattern, c.s, c.group); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q over %q = %q, want %q", c.name, c.pattern, c.s, got, c.want)
		}
	}
}

// Patterns Pattern.compile rejects: INVALID_PARAMETER_VALUE.PATTERN, as Spark reports
// the PatternSyntaxException.
func TestJavaRegexSyntaxErrors(t *testing.T) {
	for _, p := range []string{
		`(?<=a+)b`, `(?<!a*)b`, `(?<=(a)\1)b`, // look-behind without a maximum length
		`{`, `a{`, `a{x}`, `a{1,x}`, `a{2,1}`, `a{99999999999}`,
		`*a`, `a**`, `+`, `?`,
		`(a`, `a)`, `[a-`, `[b-a]`, `[a`, `(?<1a>x)`, `(?<a>x)(?<a>y)`, `\k<a>`, `\ka`,
		`(?$)`, `(?z)`, `\p{Nope}`, `\p{}`, `\p{L`, `\y`, `\E`, `\x`, `\xG1`, `\x{110000}`,
		`\u12`, `\c`, `\0`, `\08`, `[\1]`, `[\b]`, `\`, `[&&]`,
	} {
		_, err := compileJavaRegex("regexp_count", p)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != "INVALID_PARAMETER_VALUE.PATTERN" {
			t.Errorf("%q: %v, want INVALID_PARAMETER_VALUE.PATTERN", p, err)
		}
	}
}

func TestJavaRegexUnsupported(t *testing.T) {
	for _, p := range []string{`\p{InGreek}`, `\p{block=Greek}`, `\N{LATIN SMALL LETTER A}`, `\b{g}`} {
		_, err := compileJavaRegex("rlike", p)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != "NOT_IMPLEMENTED" {
			t.Errorf("%q: %v, want NOT_IMPLEMENTED", p, err)
		}
	}
}

// The engine each pattern runs on: RE2 unless it needs backtracking.
func TestJavaRegexEngineChoice(t *testing.T) {
	for p, wantRE2 := range map[string]bool{
		`\d+`: true, `(a|b)*c`: true, `[a-z&&[^e]]`: true, `(?i)abc`: true, `\p{L}+`: true,
		`a{1000}`: true, `a{1001}`: false, `(?=a)`: false, `(a)\1`: false, `a*+`: false,
		`(?>a)`: false, `\G`: false,
	} {
		re, err := compileJavaRegex("test", p)
		if err != nil {
			t.Fatal(err)
		}
		if (re.re != nil) != wantRE2 {
			t.Errorf("%q on RE2: %v, want %v", p, re.re != nil, wantRE2)
		}
	}
}

// A pattern that backtracks exponentially fails with a clear error instead of running
// forever.
func TestJavaRegexTimeout(t *testing.T) {
	saved := regexMatchTimeout
	regexMatchTimeout = 200 * time.Millisecond
	defer func() { regexMatchTimeout = saved }()
	re, err := compileJavaRegex("rlike", `(a+)+\1b`)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = re.matches([]byte(strings.Repeat("a", 64)), nil)
	se, ok := sparkerror.As(err)
	if !ok || se.Class != "REGEX_MATCH_TIMEOUT" || se.SQLState != "54000" {
		t.Fatalf("got %v, want REGEX_MATCH_TIMEOUT", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

// split as UTF8String.split: String.split with trailing empty strings kept, no leading
// empty string for a zero-width match at the start, Java's empty matches.
func TestJavaSplit(t *testing.T) {
	cases := []struct {
		s, p  string
		limit int64
		want  []string
	}{
		{"a,b,,c,", ",", 0, []string{"a", "b", "", "c", ""}},
		{"a,b,c", ",", 2, []string{"a", "b,c"}},
		{"abc", "", 0, []string{"a", "b", "c"}},
		{"abc", "", 2, []string{"a", "bc"}},
		{"", "", 0, []string{""}},
		{"abc", "x*", 0, []string{"a", "b", "c", ""}},
		{"a,b", ",*", 0, []string{"a", "", "b", ""}},
		{"abc", "a", 0, []string{"", "bc"}},
		{"abc", "z", 0, []string{"abc"}},
		{"aXbXc", "(?=X)", 0, []string{"a", "Xb", "Xc"}},
		{"a1b22c", `(?<=\d)(?=\D)`, 0, []string{"a1", "b22", "c"}},
	}
	for _, c := range cases {
		var got []string
		err := javaSplit([]byte(c.s), []byte(c.p), c.limit, nil, func(p []byte) (*javaRegex, error) {
			return compileJavaRegex("split", string(p))
		}, func(b []byte) { got = append(got, string(b)) })
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("split(%q, %q, %d) = %q, want %q", c.s, c.p, c.limit, got, c.want)
		}
	}
}

// The translator never panics and never yields a pattern an engine rejects without
// saying so: every pattern either compiles or fails with a Spark error.
func FuzzJavaRegex(f *testing.F) {
	for _, s := range []string{`(?=[^ ]*[a-z])[^ ]+`, `(a)\1`, `[a-z&&[^e]]`, `\Q.*\E`, `(?x) a # c`,
		`(?<n>x)\k<n>`, `\p{IsLatin}`, `a{2,3}+`, `(?i)[^a]`, `(?m)^a$`, `\R\h\v`, `[]a]`, `\0101`} {
		f.Add(s, "aA1 b\nc")
	}
	f.Fuzz(func(t *testing.T, pattern, input string) {
		re, err := compileJavaRegex("fuzz", pattern)
		if err != nil {
			if _, ok := sparkerror.As(err); !ok {
				t.Fatalf("%q: %v", pattern, err)
			}
			return
		}
		if re.re == nil {
			// Backtracking patterns may be slow on random input: one short match only.
			if len(input) > 16 {
				input = input[:16]
			}
		}
		if _, err := re.all([]byte(input), nil); err != nil {
			if se, ok := sparkerror.As(err); !ok || se.Class != "REGEX_MATCH_TIMEOUT" {
				t.Fatalf("%q over %q: %v", pattern, input, err)
			}
		}
	})
}

// A string of the UTF8_LCASE collation is matched case-insensitively with Unicode case
// folding (Spark's collationAwareRegexFlags), whatever the function.
func TestRegexLcaseCollation(t *testing.T) {
	lcase := types.StringType{Collation: "UTF8_LCASE"}
	st := types.DataType(types.String)
	b := batchOf(arr(t, types.String, "aAbB", "ÉCOLE"))
	for _, c := range []struct {
		fn     string
		result types.DataType
		args   []Expr
		want   []string
	}{
		{"rlike", types.Boolean, []Expr{col(0, lcase), litOf(t, st, "^aab")}, []string{"true", "false"}},
		{"rlike", types.Boolean, []Expr{col(0, lcase), litOf(t, st, "école")}, []string{"false", "true"}},
		{"regexp_count", types.Integer, []Expr{col(0, lcase), litOf(t, st, "a")}, []string{"2", "0"}},
		{"regexp_replace", st, []Expr{col(0, lcase), litOf(t, st, "b"), litOf(t, st, "z"), litOf(t, types.Integer, int32(1))}, []string{"aAzz", "ÉCOLE"}},
	} {
		f, _ := Lookup(c.fn)
		argTypes := []types.DataType{lcase, st, st, types.Integer}[:len(c.args)]
		e, err := f(c.args, argTypes, c.result, FuncOptions{})
		if err != nil {
			t.Fatal(err)
		}
		wantStrs(t, e, b, c.want...)
	}
	// The binary collation stays case-sensitive.
	f, _ := Lookup("regexp_count")
	e, err := f([]Expr{col(0, st), litOf(t, st, "a")}, []types.DataType{st, st}, types.Integer, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantStrs(t, e, b, "1", "0")
}
