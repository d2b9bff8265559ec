package parser

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/sailgo/sail/sql/ast"
)

// kinds lexes src and returns "KIND:text" for each token before EOF.
func kinds(src string) []string {
	var out []string
	for _, t := range Tokenize(src) {
		if t.Kind == EOF {
			break
		}
		k := t.Kind.String()
		if t.Kind == KeywordTok {
			k = "KW_" + t.Keyword.String()
		}
		out = append(out, k+":"+tokenText(src, &t))
	}
	return out
}

func TestLexerTokens(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		// Identifiers and keywords, case-insensitive.
		{"select Select sElEcT", "KW_SELECT:select KW_SELECT:Select KW_SELECT:sElEcT"},
		{"abc _x a1 1a 中文", "IDENTIFIER:abc IDENTIFIER:_x IDENTIFIER:a1 IDENTIFIER:1a IDENTIFIER:中文"},
		{"selectx", "IDENTIFIER:selectx"},
		{"`a``b` `x y`", "BACKQUOTED_IDENTIFIER:`a``b` BACKQUOTED_IDENTIFIER:`x y`"},
		{"regexp temp minus percent x identifier", "KW_RLIKE:regexp KW_TEMPORARY:temp KW_SETMINUS:minus KW_PERCENTLIT:percent KW_BINARY_HEX:x KW_IDENTIFIER_KW:identifier"},
		{"s3://bucket/a-b.c?x=1", "IDENTIFIER:s3 ':':: '/':/ '/':/ KW_BUCKET:bucket '/':/ IDENTIFIER:a '-':- IDENTIFIER:b '.':. IDENTIFIER:c '?':? KW_BINARY_HEX:x '=':= INTEGER_VALUE:1"},
		{"file:///tmp/x", "IDENTIFIER:file:///tmp/x"},
		// Strings.
		{`'abc' "def" 'it''s'`, `STRING_LITERAL:'abc' DOUBLEQUOTED_STRING:"def" STRING_LITERAL:'it''s'`},
		// A doubled quote is an escaped quote inside the literal.
		{`"S""par""k" ''''`, `DOUBLEQUOTED_STRING:"S""par""k" STRING_LITERAL:''''`},
		{`'a' 'b'`, `STRING_LITERAL:'a' STRING_LITERAL:'b'`},
		// Raw strings have no escapes: R'a''b' is two literals.
		{`R'a''b'`, `STRING_LITERAL:R'a' STRING_LITERAL:'b'`},
		// Unclosed after a doubled quote: the longest closed prefix wins.
		{`'a''b`, `STRING_LITERAL:'a' UNRECOGNIZED:' IDENTIFIER:b`},
		{`'a\'b' "a\"b"`, `STRING_LITERAL:'a\'b' DOUBLEQUOTED_STRING:"a\"b"`},
		{`R'a\b' r"c\d"`, `STRING_LITERAL:R'a\b' STRING_LITERAL:r"c\d"`},
		{`X'0AFF' x'1'`, `KW_BINARY_HEX:X STRING_LITERAL:'0AFF' KW_BINARY_HEX:x STRING_LITERAL:'1'`},
		{`'unterminated`, `UNRECOGNIZED:' IDENTIFIER:unterminated`},
		{"`open", "UNRECOGNIZED:` IDENTIFIER:open"},
		// Numbers and their suffixes.
		{"10 10L 10s 10Y 10l", "INTEGER_VALUE:10 BIGINT_LITERAL:10L SMALLINT_LITERAL:10s TINYINT_LITERAL:10Y BIGINT_LITERAL:10l"},
		{"1.5 1. .5 1.5D 1.5F 1.5BD 10BD 10D 10F", "DECIMAL_VALUE:1.5 DECIMAL_VALUE:1. DECIMAL_VALUE:.5 DOUBLE_LITERAL:1.5D FLOAT_LITERAL:1.5F BIGDECIMAL_LITERAL:1.5BD BIGDECIMAL_LITERAL:10BD DOUBLE_LITERAL:10D FLOAT_LITERAL:10F"},
		{"1e10 1E-3 1.5e+2 .5e1 1e10D 1.2E3BD", "EXPONENT_VALUE:1e10 EXPONENT_VALUE:1E-3 EXPONENT_VALUE:1.5e+2 EXPONENT_VALUE:.5e1 DOUBLE_LITERAL:1e10D BIGDECIMAL_LITERAL:1.2E3BD"},
		// A decimal must not be followed by a letter, digit or underscore.
		{"1.5x", "INTEGER_VALUE:1 '.':. IDENTIFIER:5x"},
		{"1.5e", "INTEGER_VALUE:1 '.':. IDENTIFIER:5e"},
		{"10Lx 1e 1ex", "IDENTIFIER:10Lx IDENTIFIER:1e IDENTIFIER:1ex"},
		{".e3", "'.':. IDENTIFIER:e3"},
		{"1.a", "INTEGER_VALUE:1 '.':. IDENTIFIER:a"},
		{"t.1", "IDENTIFIER:t DECIMAL_VALUE:.1"},
		// Operators.
		{"= == <=> <> != < <= !> > >= !< << >> >>>", "'=':= '=':== '<=>':<=> '<>':<> '!=':!= '<':< '<=':<= '<=':!> '>':> '>=':>= '>=':!< '<<':<< '>>':>> '>>>':>>>"},
		{"+ - * / % ~ & | || |> ^ ! :: : -> => ? ; , . ( ) [ ]", "'+':+ '-':- '*':* '/':/ '%':% '~':~ '&':& '|':| '||':|| '|>':|> '^':^ '!':! '::'::: ':':: '->':-> '=>':=> '?':? ';':; ',':, '.':. '(':( ')':) '[':[ ']':]"},
		// >> closes nested complex types.
		{"map<int,array<int>> >> 1", "KW_MAP:map '<':< KW_INT:int ',':, KW_ARRAY:array '<':< KW_INT:int '>':> '>':> '>>':>> INTEGER_VALUE:1"},
		// Comments and hints.
		{"a -- comment\nb", "IDENTIFIER:a IDENTIFIER:b"},
		{"a -- comment \\\ncontinued\nb", "IDENTIFIER:a IDENTIFIER:b"},
		{"a /* x /* nested */ y */ b", "IDENTIFIER:a IDENTIFIER:b"},
		{"a /**/ b", "IDENTIFIER:a IDENTIFIER:b"},
		{"SELECT /*+ HINT(a) */ 1", "KW_SELECT:SELECT '/*+':/*+ IDENTIFIER:HINT '(':( IDENTIFIER:a ')':) '*/':*/ INTEGER_VALUE:1"},
		{"a\u00a0b\u3000c", "IDENTIFIER:a IDENTIFIER:b IDENTIFIER:c"},
		{"a @ b", "IDENTIFIER:a UNRECOGNIZED:@ IDENTIFIER:b"},
	}
	for _, tt := range tests {
		got := strings.Join(kinds(tt.src), " ")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestLexerPositions(t *testing.T) {
	src := "SELECT a,\n  `é` FROM t"
	toks := Tokenize(src)
	type pos struct{ off, line, col int }
	want := []struct {
		text       string
		start, end pos
	}{
		{"SELECT", pos{0, 1, 1}, pos{6, 1, 7}},
		{"a", pos{7, 1, 8}, pos{8, 1, 9}},
		{",", pos{8, 1, 9}, pos{9, 1, 10}},
		{"`é`", pos{12, 2, 3}, pos{16, 2, 6}},
		{"FROM", pos{17, 2, 7}, pos{21, 2, 11}},
		{"t", pos{22, 2, 12}, pos{23, 2, 13}},
		{"", pos{23, 2, 13}, pos{23, 2, 13}},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, w := range want {
		tk := toks[i]
		got := pos{tk.Pos.Offset, tk.Pos.Line, tk.Pos.Column}
		gotEnd := pos{tk.End.Offset, tk.End.Line, tk.End.Column}
		if text := NewScanner(src).Text(tk); text != w.text || got != w.start || gotEnd != w.end {
			t.Errorf("token %d: got %q %v-%v, want %q %v-%v", i, text, got, gotEnd, w.text, w.start, w.end)
		}
	}
}

func TestUnclosedComment(t *testing.T) {
	s := NewScanner("SELECT 1 /* open /* nested */ still open")
	for s.Next().Kind != EOF {
	}
	pos, ok := s.UnclosedComment()
	if !ok || pos.Offset != 9 {
		t.Errorf("UnclosedComment() = %v, %v; want offset 9, true", pos, ok)
	}
	s = NewScanner("SELECT 1 /* closed */")
	for s.Next().Kind != EOF {
	}
	if _, ok := s.UnclosedComment(); ok {
		t.Error("closed comment reported as unclosed")
	}
}

func TestUnescapeString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`'abc'`, "abc"},
		{`"abc"`, "abc"},
		{`'a\nb\tc\rd'`, "a\nb\tc\rd"},
		{`'\0\b\Z'`, "\x00\b\x1a"},
		{`'\'\"\\'`, `'"\`},
		{`'\%\_'`, `\%\_`},
		{`'\x\y'`, "xy"},
		{`'\u0041\u00e9'`, "Aé"},
		{`'\u004'`, "u004"},
		{`'\U0001F600'`, "😀"},
		{`'\uD83D\uDE00'`, "😀"},
		{`'\101\060'`, "A0"},
		{`'\181'`, "181"},
		{`R'\n'`, `\n`},
		{`r"a\'"`, `a\'`},
		{`''`, ""},
		{`'it''s'`, "it's"},
		{`"S""par""k"`, `S"par"k`},
		{`''''`, "'"},
		{`'a""b'`, `a""b`},
		{`"a''b"`, "a''b"},
		{`'a\\''b'`, `a\'b`},
		{`'\'''a'`, `''a`},
	}
	for _, tt := range tests {
		if got := UnescapeString(tt.in); got != tt.want {
			t.Errorf("UnescapeString(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeywords(t *testing.T) {
	kws := Keywords()
	if len(kws) < 370 {
		t.Fatalf("only %d keywords", len(kws))
	}
	reserved := map[string]bool{}
	for _, k := range kws {
		reserved[k.Word] = k.Reserved
	}
	for _, w := range []string{"SELECT", "FROM", "JOIN", "AND", "TABLE", "WITH", "CAST"} {
		if !reserved[w] {
			t.Errorf("%s should be reserved in ANSI mode", w)
		}
	}
	for _, w := range []string{"ADD", "YEAR", "INTERVAL", "RLIKE", "REGEXP", "TEMP", "X", "ANTI"} {
		if r, ok := reserved[w]; !ok || r {
			t.Errorf("%s should be a non-reserved keyword", w)
		}
	}
	if !IsKeyword("select") || IsKeyword("selectx") {
		t.Error("IsKeyword")
	}
	if IsReservedKeyword("from", false) || !IsReservedKeyword("from", true) {
		t.Error("IsReservedKeyword")
	}
}

// TestUnescapeFastPath checks that the byte-by-byte decoding of string
// literals without \u escapes agrees with the UTF-16 decoding.
func TestUnescapeFastPath(t *testing.T) {
	parts := []string{`a`, `é`, `\`, `'`, `''`, `"`, `\n`, `\0`, `\012`, `\177`, `\8`, `\%`, `\_`, `\x`, `\\`, `\'`, `日本`, `\é`, `0`, `1`, `7`}
	var gen func(prefix string, depth int)
	n := 0
	gen = func(prefix string, depth int) {
		for _, q := range []byte{'\'', '"'} {
			for _, drop := range []bool{false, true} {
				if got, want := unescapeBytes(prefix, q, drop), unescapeUTF16(prefix, uint16(q), drop); got != want {
					t.Fatalf("body %q quote %c: bytes %q, utf16 %q", prefix, q, got, want)
				}
			}
		}
		n++
		if depth == 0 {
			return
		}
		for _, p := range parts {
			gen(prefix+p, depth-1)
		}
	}
	gen("", 3)
	if n < 1000 {
		t.Fatalf("only %d cases", n)
	}
}

func TestKeywordLookup(t *testing.T) {
	for _, k := range Keywords() {
		for _, w := range []string{k.Word, strings.ToLower(k.Word)} {
			if !IsKeyword(w) {
				t.Errorf("%s is not found", w)
			}
		}
	}
	for _, w := range []string{"selec", "selectt", "foo", "x1", "_", "ſelect"} {
		_, ok := lookupKeyword(w)
		if ok != (w == "ſelect") {
			t.Errorf("lookupKeyword(%q) = %v", w, ok)
		}
	}
}

// TestWordLookup checks the eight-bytes-at-a-time word scan and keyword
// lookup against the map of spellings, on keywords in mixed case and on
// words around them.
func TestWordLookup(t *testing.T) {
	check := func(w string) {
		t.Helper()
		var c wordChunks
		end := scanWordChunks(w+" x", 0, &c)
		if end != len(w) {
			t.Fatalf("scanWordChunks(%q) ends at %d", w, end)
		}
		got, ok := lookupWord(&c, end)
		want, wantOK := keywordBySpelling[strings.ToUpper(w)]
		if got != want || ok != wantOK {
			t.Errorf("lookupWord(%q) = %v, %v; want %v, %v", w, got, ok, want, wantOK)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
	for spelling := range keywordBySpelling {
		for _, w := range []string{spelling, strings.ToLower(spelling), spelling + "_", "_" + spelling,
			spelling[:len(spelling)-1], spelling + "1", strings.Repeat(spelling, 3)} {
			check(w)
		}
		b := []byte(spelling)
		for i := range b {
			if rng.IntN(2) == 0 {
				b[i] = byte(unicode.ToLower(rune(b[i])))
			}
		}
		check(string(b))
	}
	for range 20000 {
		b := make([]byte, 1+rng.IntN(30))
		for i := range b {
			b[i] = chars[rng.IntN(len(chars))]
		}
		check(string(b))
	}
	// Bytes that differ from word bytes in bit 0x20 only end a word.
	for _, w := range []string{"SEL\x7fCT", "NU\x0cL", "a`b", "a@b", "a[b", "a{b", "a\x10b"} {
		var c wordChunks
		if end := scanWordChunks(w, 0, &c); end != strings.IndexAny(w, "\x7f\x0c`@[{\x10") {
			t.Errorf("scanWordChunks(%q) ends at %d", w, end)
		}
	}
}

// refPos computes the position of byte offset off of src the slow way.
func refPos(src string, off int) (line, col int) {
	line, col = 1, 1
	for _, r := range src[:off] {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// TestTokenPositionsOnCorpus checks the line and column of every token of
// the golden files' statements against a direct count.
func TestTokenPositionsOnCorpus(t *testing.T) {
	stmts := loadCorpus(t)
	srcs := []string{"a\n\tb -- c\n/* é\n */ `x\ny` 'é\n' ſelect 1é", "SELECT\r\n1, é, \u00a0x"}
	for _, st := range stmts {
		srcs = append(srcs, st.sql)
	}
	for _, src := range srcs {
		for _, tk := range Tokenize(src) {
			for _, p := range []ast.Pos{tk.Pos, tk.End} {
				if l, c := refPos(src, p.Offset); l != p.Line || c != p.Column {
					t.Fatalf("%q: token %q at offset %d: %d:%d, want %d:%d", src, tokenText(src, &tk), p.Offset,
						p.Line, p.Column, l, c)
				}
			}
		}
	}
}
