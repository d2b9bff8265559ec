package expr

import (
	"reflect"
	"regexp"
	"testing"
)

// Matches as java.util.regex.Matcher.find() reports them (Spark's regexp_extract_all
// golden answers in regexp-functions.sql, Java's replaceAll for the replacements).
func TestJavaFindAll(t *testing.T) {
	group1 := func(pattern, s string) []string {
		re := regexp.MustCompile(pattern)
		var out []string
		for _, m := range javaFindAll(re, []byte(s), true) {
			if m[2] >= 0 {
				out = append(out, s[m[2]:m[3]])
			} else {
				out = append(out, "")
			}
		}
		return out
	}
	cases := []struct {
		pattern, s string
		want       []string
	}{
		{`(\d+)?`, "1a 2b 14m", []string{"1", "", "", "2", "", "", "14", "", ""}},
		{`(\d+)?`, "a 2b 14m", []string{"", "", "2", "", "", "14", "", ""}},
		{`(\d+)`, "1a 2b 14m", []string{"1", "2", "14"}},
		{`(a*)`, "baaa", []string{"", "aaa", ""}},
		// A pattern that looks behind its position keeps Go's matches.
		{`\b(\d*)`, "1a", []string{"1", ""}},
	}
	for _, c := range cases {
		if got := group1(c.pattern, c.s); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s over %q = %q, want %q", c.pattern, c.s, got, c.want)
		}
	}
}
