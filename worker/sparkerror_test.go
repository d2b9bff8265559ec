package worker

import (
	"fmt"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/sql/sparkerror"
)

// A task's Spark error crosses to the driver and back to the session intact (class,
// SQLSTATE, parameters, message, query context), and always marshals, even when it quotes
// bytes that are not UTF-8.
func TestSparkErrorRoundTrip(t *testing.T) {
	e := sparkerror.New(sparkerror.Arithmetic, "DIVIDE_BY_ZERO", "22012",
		"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.",
		map[string]string{"config": `"spark.sql.ansi.enabled"`})
	e.Context = &sparkerror.Context{Start: 7, Stop: 9, Fragment: "1/0"}
	m := EncodeError(fmt.Errorf("stage 2: %w", e))
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if EncodeError(nil) != nil {
		t.Fatal("EncodeError(nil) is not nil")
	}
	if err := proto.Unmarshal(b, m); err != nil {
		t.Fatal(err)
	}
	got := DecodeError(m)
	if got.Error() != e.Error() || got.Kind != e.Kind || got.Params["config"] != e.Params["config"] || got.Classes()[0] != "org.apache.spark.SparkArithmeticException" {
		t.Fatalf("decoded %#v\nwant %#v", got, e)
	}
	if EncodeError(fmt.Errorf("plain")) != nil {
		t.Fatal("a plain error encoded as a Spark error")
	}
	bad := sparkerror.InternalError("string at index 0 is not valid utf8: \xc1")
	if _, err := proto.Marshal(EncodeError(bad)); err != nil {
		t.Fatalf("an error quoting invalid UTF-8 does not marshal: %v", err)
	}
}
