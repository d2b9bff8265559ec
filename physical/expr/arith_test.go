package expr

import (
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

func int32Batch(vals []int32, valid []bool) arrow.RecordBatch {
	b := array.NewInt32Builder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(vals, valid)
	col := b.NewArray()
	defer col.Release()
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int32, Nullable: true}}, nil)
	return array.NewRecordBatch(schema, []arrow.Array{col}, int64(len(vals)))
}

func TestArithWidensKeepsNullsAndChecksOverflow(t *testing.T) {
	batch := int32Batch([]int32{1, 0, math.MaxInt32}, []bool{true, false, true})
	defer batch.Release()
	x := &Column{Index: 0, Type: arrow.PrimitiveTypes.Int32}
	two := &Literal{Type: arrow.PrimitiveTypes.Int64, Value: int64(2)}
	// int * bigint is computed in bigint: no overflow for MaxInt32 * 2.
	out, err := (&Arith{Op: "*", Left: x, Right: two, Type: arrow.PrimitiveTypes.Int64, ANSI: true}).Eval(batch)
	if err != nil {
		t.Fatal(err)
	}
	got := out.(*array.Int64)
	if got.Value(0) != 2 || !got.IsNull(1) || got.Value(2) != 2*math.MaxInt32 {
		t.Fatalf("got %v", got)
	}
	out.Release()
	// int + int overflows under ANSI, wraps without it.
	one := &Literal{Type: arrow.PrimitiveTypes.Int32, Value: int32(1)}
	_, err = (&Arith{Op: "+", Left: x, Right: one, Type: arrow.PrimitiveTypes.Int32, ANSI: true}).Eval(batch)
	if e, ok := sparkerror.As(err); !ok || e.Class != "ARITHMETIC_OVERFLOW" {
		t.Fatalf("want ARITHMETIC_OVERFLOW, got %v", err)
	}
	out, err = (&Arith{Op: "+", Left: x, Right: one, Type: arrow.PrimitiveTypes.Int32}).Eval(batch)
	if err != nil {
		t.Fatal(err)
	}
	if v := out.(*array.Int32).Value(2); v != math.MinInt32 {
		t.Fatalf("wrapped to %d", v)
	}
	out.Release()
	// Division is fractional; by zero it fails under ANSI and is NULL otherwise.
	zero := &Literal{Type: arrow.PrimitiveTypes.Int32, Value: int32(0)}
	_, err = (&Arith{Op: "/", Left: x, Right: zero, Type: arrow.PrimitiveTypes.Float64, ANSI: true}).Eval(batch)
	if e, ok := sparkerror.As(err); !ok || e.Class != "DIVIDE_BY_ZERO" {
		t.Fatalf("want DIVIDE_BY_ZERO, got %v", err)
	}
	out, err = (&Arith{Op: "/", Left: x, Right: zero, Type: arrow.PrimitiveTypes.Float64}).Eval(batch)
	if err != nil || out.NullN() != 3 {
		t.Fatalf("non-ANSI division by zero: %v %v", out, err)
	}
	out.Release()
}

// TestNullLiteralOperandGivesNull is SELECT NULL / 5: the NULL operand, an Arrow Null array
// without a validity bitmap, must stay null when widened to double.
func TestNullLiteralOperandGivesNull(t *testing.T) {
	batch := int32Batch([]int32{5, 6}, nil)
	defer batch.Release()
	null := &Literal{Type: arrow.Null}
	x := &Column{Index: 0, Type: arrow.PrimitiveTypes.Int32}
	out, err := (&Arith{Op: "/", Left: null, Right: x, Type: arrow.PrimitiveTypes.Float64, ANSI: true}).Eval(batch)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if out.Len() != 2 || out.NullN() != 2 || !out.IsNull(0) || !out.IsNull(1) {
		t.Fatalf("got %v, want two nulls", out)
	}
}
