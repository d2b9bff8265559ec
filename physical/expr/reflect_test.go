package expr

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/types"
)

// Every method the analyzer lets reflect call has an implementation.
func TestReflectSignaturesImplemented(t *testing.T) {
	for _, sig := range analyzer.ReflectSignatures() {
		if javaStaticImpls[sig] == nil {
			t.Errorf("no implementation of %s", sig)
		}
	}
}

// Answers from Spark's try_reflect.sql golden file and the JDK.
func TestReflectKernel(t *testing.T) {
	st, it := types.DataType(types.String), types.DataType(types.Integer)
	run := func(name string, try bool, vals []any, valTypes []types.DataType) []string {
		var arrs []Expr
		var argTypes []types.DataType
		for k, v := range vals {
			arrs = append(arrs, litOf(t, valTypes[k], v))
			argTypes = append(argTypes, valTypes[k])
		}
		e := must(reflectFn(name, try)(arrs, argTypes, types.String, FuncOptions{}))
		return evalStrs(t, e, emptyBatch(1))
	}
	cases := []struct {
		vals  []any
		types []types.DataType
		want  string
	}{
		{[]any{"java.util.UUID", "fromString", "a5cf6c42-0c85-418f-af6c-3e4e5b1328f2"}, []types.DataType{st, st, st}, "a5cf6c42-0c85-418f-af6c-3e4e5b1328f2"},
		{[]any{"java.lang.String", "valueOf", int32(1)}, []types.DataType{st, st, it}, "1"},
		{[]any{"java.lang.Math", "max", int32(2), int32(3)}, []types.DataType{st, st, it, it}, "3"},
		{[]any{"java.lang.Math", "min", int32(2), int32(3)}, []types.DataType{st, st, it, it}, "2"},
		{[]any{"java.lang.Integer", "valueOf", "10", int32(16)}, []types.DataType{st, st, st, it}, "16"},
		{[]any{"java.util.UUID", "fromString", "b"}, []types.DataType{st, st, st}, "NULL"},
		{[]any{"java.net.URLDecoder", "decode", "%"}, []types.DataType{st, st, st}, "NULL"},
		{[]any{"java.net.URLDecoder", "decode", "a%20b+c"}, []types.DataType{st, st, st}, "a b c"},
		{[]any{"java.lang.Math", "round", 2.5}, []types.DataType{st, st, types.Double}, "3"},
		{[]any{"java.lang.Math", "round", -2.5}, []types.DataType{st, st, types.Double}, "-2"},
	}
	for _, c := range cases {
		if got := run("try_reflect", true, c.vals, c.types); len(got) != 1 || got[0] != c.want {
			t.Errorf("try_reflect%v = %v, want %s", c.vals, got, c.want)
		}
	}
	e := must(reflectFn("reflect", false)([]Expr{litOf(t, st, "java.util.UUID"), litOf(t, st, "fromString"), litOf(t, st, "b")},
		[]types.DataType{st, st, st}, types.String, FuncOptions{}))
	if _, err := e.Eval(emptyBatch(1)); err == nil || !strings.Contains(err.Error(), "InvocationTargetException") {
		t.Errorf("reflect of a throwing method: %v", err)
	}
}
