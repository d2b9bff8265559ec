package types

import "testing"

func TestResolveCollationName(t *testing.T) {
	cases := []struct{ in, want, class string }{
		{"utf8_lcase", "UTF8_LCASE", ""},
		{"UTF8_BINARY", "UTF8_BINARY", ""},
		{"system.builtin.unicode_ai_ci", "UNICODE_CI_AI", ""},
		{"builtin.sr_cyrl_srb_rtrim", "sr_Cyrl_SRB_RTRIM", ""},
		{"en_USA_CS_AS", "en_USA", ""},
		{"tr_ci", "tr_CI", ""},
		{"unicode_xx", "", "COLLATION_INVALID_NAME"},
		{"my.unicode", "", "COLLATION_INVALID_NAME"},
		{"utf8_lcase_ci", "", "COLLATION_INVALID_NAME"},
	}
	for _, c := range cases {
		got, err := ResolveCollationName(c.in)
		if c.class != "" {
			e, ok := err.(*Error)
			if !ok || e.Class != c.class {
				t.Errorf("%s: got %q %v, want %s", c.in, got, err, c.class)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: got %q %v, want %q", c.in, got, err, c.want)
		}
	}
}

func TestIndeterminateString(t *testing.T) {
	if IndeterminateString.SimpleString() != "string collate null" || !IndeterminateString.IsIndeterminate() {
		t.Errorf("got %s", IndeterminateString.SimpleString())
	}
	st, err := NewCollatedString("null")
	if err != nil || !Equal(st, IndeterminateString) {
		t.Errorf("NewCollatedString(null) = %v, %v", st, err)
	}
	if String.CollationName() != "UTF8_BINARY" || (StringType{Collation: "UNICODE"}).CollationName() != "UNICODE" {
		t.Errorf("CollationName")
	}
}
