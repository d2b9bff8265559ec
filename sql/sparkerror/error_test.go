package sparkerror

import (
	"fmt"
	"testing"
)

func TestErrorRendersLikeSpark(t *testing.T) {
	e := New(NoSuchElement, "SQL_CONF_NOT_FOUND", "42K0I",
		"The SQL config <sqlConf> cannot be found. Please verify that the config exists.",
		map[string]string{"sqlConf": `"spark.x"`})
	want := `[SQL_CONF_NOT_FOUND] The SQL config "spark.x" cannot be found. Please verify that the config exists. SQLSTATE: 42K0I`
	if got := e.Error(); got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	wrapped := fmt.Errorf("while reading: %w", e)
	if got, ok := As(wrapped); !ok || got != e {
		t.Fatalf("As did not find the error in the chain")
	}
	if c := Parse.Classes(); c[0] != "org.apache.spark.sql.catalyst.parser.ParseException" || c[1] != "org.apache.spark.sql.AnalysisException" {
		t.Fatalf("parse hierarchy %v", c)
	}
}

func TestRenderLeavesUnknownPlaceholders(t *testing.T) {
	if got := Render("a <x> b <y>", map[string]string{"x": "1"}); got != "a 1 b <y>" {
		t.Fatalf("got %q", got)
	}
}
