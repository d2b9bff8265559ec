package expr

import (
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// benchStrings are 1M short log-like lines.
func benchStrings() arrow.Array {
	offs := make([]int32, benchRows+1)
	var data []byte
	words := []string{"alpha", "Beta", "gamma", "delta", "EPSILON", "zeta"}
	for i := 0; i < benchRows; i++ {
		data = append(data, "user_"...)
		data = strconv.AppendInt(data, int64(i*7919%100000), 10)
		data = append(data, "@example.com "...)
		data = append(data, words[i%len(words)]...)
		data = append(data, " 2024-05-"...)
		data = strconv.AppendInt(data, int64(10+i%20), 10)
		offs[i+1] = int32(len(data))
	}
	return newVar(arrow.BinaryTypes.String, offs, data, nil)
}

func benchLit(b *testing.B, t types.DataType, v any) Expr {
	b.Helper()
	e, err := NewLiteral(t, v)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// The regular expression functions on RE2 patterns (the common case), and on patterns
// the backtracking engine runs.
func BenchmarkRegex(b *testing.B) {
	rb := benchBatches(b, benchStrings())
	defer releaseBatches(rb)
	st := types.DataType(types.String)
	s := col(0, st)
	str := func(v string) Expr { return benchLit(b, st, v) }
	i32 := func(v int32) Expr { return benchLit(b, types.Integer, v) }
	strList := types.ArrayType{ElementType: types.String}
	cases := []struct {
		name, fn string
		result   types.DataType
		args     []Expr
	}{
		{"rlike/date", "rlike", types.Boolean, []Expr{s, str(`\d{4}-\d{2}-\d{2}`)}},
		{"rlike/anchored", "rlike", types.Boolean, []Expr{s, str(`^user_\d+@`)}},
		{"rlike/dollar", "rlike", types.Boolean, []Expr{s, str(`-1\d$`)}},
		{"rlike/dot", "rlike", types.Boolean, []Expr{s, str(`.*gamma.*`)}},
		{"rlike/caseless", "rlike", types.Boolean, []Expr{s, str(`(?i)epsilon`)}},
		{"rlike/word", "rlike", types.Boolean, []Expr{s, str(`\bzeta\b`)}},
		{"regexp_extract", "regexp_extract", st, []Expr{s, str(`(\w+)@(\w+)\.com`), i32(2)}},
		{"regexp_replace", "regexp_replace", st, []Expr{s, str(`\d`), str("X"), i32(1)}},
		{"regexp_count", "regexp_count", types.Integer, []Expr{s, str(`[aeiou]`)}},
		{"split", "split", strList, []Expr{s, str(` `), i32(-1)}},
		{"rlike/lookahead", "rlike", types.Boolean, []Expr{s, str(`user_(?=\d+@)`)}},
		{"regexp_extract/backreference", "regexp_extract", st, []Expr{s, str(`(\d)\1`), i32(0)}},
	}
	for _, c := range cases {
		argTypes := make([]types.DataType, len(c.args))
		for i := range argTypes {
			argTypes[i] = st
		}
		b.Run(c.name, func(b *testing.B) {
			f, _ := Lookup(c.fn)
			e, err := f(c.args, argTypes, c.result, FuncOptions{})
			if err != nil {
				b.Skip(err) // the engine has no such pattern
			}
			run(b, e, rb)
		})
	}
}
