package expr

import (
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// benchJSON is a column of small JSON objects like the ones of semi-structured logs.
func benchJSON() arrow.Array {
	offs := make([]int32, benchRows+1)
	var data []byte
	for i := 0; i < benchRows; i++ {
		data = append(data, `{"id": `...)
		data = strconv.AppendInt(data, int64(i), 10)
		data = append(data, `, "name": "user`...)
		data = strconv.AppendInt(data, int64(i%1000), 10)
		data = append(data, `", "score": `...)
		data = strconv.AppendInt(data, int64(i%97), 10)
		data = append(data, `.5, "tags": ["a", "b"], "active": true}`...)
		offs[i+1] = int32(len(data))
	}
	return newVar(arrow.BinaryTypes.String, offs, data, nil)
}

func BenchmarkVariant(b *testing.B) {
	rb := benchBatches(b, benchJSON())
	defer releaseBatches(rb)
	parse := func() Expr {
		f, _ := Lookup("parse_json")
		return must(f([]Expr{col(0, types.String)}, []types.DataType{types.String}, types.Variant, FuncOptions{}))
	}
	b.Run("parse_json", func(b *testing.B) { run(b, parse(), rb) })
	get := func(path string, t types.DataType) Expr {
		f, _ := Lookup("variant_get")
		lit, _ := NewLiteral(types.String, path)
		return must(f([]Expr{parse(), lit}, []types.DataType{types.Variant, types.String}, t, FuncOptions{}))
	}
	b.Run("variant_get_int", func(b *testing.B) { run(b, get("$.id", types.Long), rb) })
	b.Run("variant_get_string", func(b *testing.B) { run(b, get("$.name", types.String), rb) })
	b.Run("variant_get_double", func(b *testing.B) { run(b, get("$.score", types.Double), rb) })
	b.Run("variant_get_array", func(b *testing.B) { run(b, get("$.tags", types.NewArray(types.String, true)), rb) })
	b.Run("to_json", func(b *testing.B) {
		f, _ := Lookup("to_json")
		run(b, must(f([]Expr{parse()}, []types.DataType{types.Variant}, types.String, FuncOptions{})), rb)
	})
}
