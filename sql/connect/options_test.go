package connect

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/sqlconf"
)

func TestParserOptionsFollowTheSession(t *testing.T) {
	reg, err := sqlconf.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	c := sqlconf.New(reg)
	if o := ParserOptions(c); o.DoubleQuotedIdentifiers || o.EnforceReservedKeywords {
		t.Fatalf("defaults: %+v", o)
	}
	for k, v := range map[string]string{
		"spark.sql.ansi.doubleQuotedIdentifiers":             "true",
		"spark.sql.legacy.exponentLiteralAsDecimal.enabled":  "true",
		"spark.sql.legacy.consecutiveStringLiterals.enabled": "true",
	} {
		if err := c.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	o := ParserOptions(c)
	if !o.DoubleQuotedIdentifiers || !o.LegacyExponentLiteralAsDecimal || !o.LegacyConsecutiveStringLiterals {
		t.Errorf("after SET: %+v", o)
	}
	// "x" is an identifier now: range(1) has no column x.
	n, err := Lowering{Parser: o}.SQL(`SELECT "x" FROM range(1)`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := analyzer.Resolve(n, analyzer.Options{}); err == nil || !strings.Contains(err.Error(), "UNRESOLVED_COLUMN") {
		t.Errorf("resolving a double-quoted identifier: %v", err)
	}
	if err := c.Set("spark.sql.ansi.enabled", "false"); err != nil {
		t.Fatal(err)
	}
	if ParserOptions(c).DoubleQuotedIdentifiers {
		t.Error("double-quoted identifiers need ANSI mode")
	}
}
