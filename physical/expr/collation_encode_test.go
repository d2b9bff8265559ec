package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// Collation kernels capture their collation; shipped plans rebuild them by constructor and
// must compute the same keys.
func TestCollationExpressionsRoundTrip(t *testing.T) {
	b := batchOf(arr(t, types.String, "Straße", nil, "ABC  ", "abc"), arr(t, types.String, "b", "x", "B", "C"), arr(t, types.String, "X", "y", "z", "w"))
	defer b.Release()
	col := func(i int) Expr { return &Column{Index: i, Type: arrow.BinaryTypes.String} }
	cases := []Expr{
		must(NewCollationKey(col(0), "UTF8_LCASE")),
		must(NewCollationKey(col(0), "UTF8_LCASE_RTRIM")),
		must(NewCollationKey(col(0), "UNICODE_CI")),
		must(NewCollationKey(col(0), "DE_CI_AI")),
	}
	lc, ok, err := NewLcaseStringFunc("replace", []Expr{col(0), col(1), col(2)})
	if err != nil || !ok {
		t.Fatalf("lcase replace: %v %v", ok, err)
	}
	cases = append(cases, lc)
	for _, x := range cases {
		d := exprRoundTrip(t, x)
		if got, want := evalString(d, b), evalString(x, b); got != want {
			t.Errorf("%s came back computing %s, want %s", x, got, want)
		}
	}
	// The UTF8_LCASE replace still matches case-insensitively ("C" in "abc").
	if got := evalString(exprRoundTrip(t, lc), b); got != `utf8 ["Straße" (null) "AzC  " "abw"]` {
		t.Errorf("lcase replace after a round trip gives %s", got)
	}
}
