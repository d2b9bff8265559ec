package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// raise_error and assert_true raise USER_RAISED_EXCEPTION; their legacy_ forms (what the
// analyzer picks under spark.sql.legacy.raiseErrorWithoutErrorClass) a plain
// java.lang.RuntimeException with the message and no error class (misc-functions.sql).
func TestRaiseErrorForms(t *testing.T) {
	st := types.DataType(types.String)
	b := batchOf(arr(t, types.Boolean, false), arr(t, types.String, "hello"))
	cases := []struct {
		fn        string
		args      []Expr
		class     string
		javaClass string
	}{
		{"raise_error", []Expr{col(1, st)}, "USER_RAISED_EXCEPTION", "org.apache.spark.SparkRuntimeException"},
		{"legacy_raise_error", []Expr{col(1, st)}, "", "java.lang.RuntimeException"},
		{"assert_true", []Expr{col(0, types.Boolean), col(1, st)}, "USER_RAISED_EXCEPTION", "org.apache.spark.SparkRuntimeException"},
		{"legacy_assert_true", []Expr{col(0, types.Boolean), col(1, st)}, "", "java.lang.RuntimeException"},
	}
	for _, c := range cases {
		e := call(t, c.fn, types.Null, true, c.args...)
		_, err := e.Eval(b)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class || se.Classes()[0] != c.javaClass || se.Message != "hello" {
			t.Errorf("%s: %v (%v)", c.fn, err, se.Classes())
		}
	}
}
