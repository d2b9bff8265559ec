package planner

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// A nested lambda's body reads the input's column, the outer lambda's parameter and its
// own: transform(zs, z -> transform(z, (w, i) -> w + x + i)).
func TestPlanNestedLambda(t *testing.T) {
	intArr := types.NewArray(types.Integer, true)
	x := &plan.AttributeRef{Name: "x", Type: types.Integer, ID: plan.NewExprID()}
	zs := &plan.AttributeRef{Name: "zs", Type: types.NewArray(intArr, true), ID: plan.NewExprID()}
	z := &plan.LambdaVar{Name: "z", Type: intArr, ID: plan.NewExprID()}
	w := &plan.LambdaVar{Name: "w", Type: types.Integer, ID: plan.NewExprID()}
	i := &plan.LambdaVar{Name: "i", Type: types.Integer, ID: plan.NewExprID()}
	plus := func(l, r plan.Expr) plan.Expr {
		return &plan.Call{Fn: "+", Args: []plan.Expr{l, r}, Type: types.Integer, Form: plan.FormInfix, Display: "+", ANSI: true}
	}
	inner := &plan.Call{Fn: "transform", Display: "transform", Type: intArr, Args: []plan.Expr{z,
		&plan.Lambda{Params: []string{"w", "i"}, Vars: []*plan.LambdaVar{w, i}, Body: plus(plus(w, x), i)}}}
	outer := &plan.Call{Fn: "transform", Display: "transform", Type: types.NewArray(intArr, true), Args: []plan.Expr{zs,
		&plan.Lambda{Params: []string{"z"}, Vars: []*plan.LambdaVar{z}, Body: inner}}}

	p := &planner{opts: Options{ANSI: true, TimeZone: time.UTC}}
	e, err := p.expr(outer, layoutOf([]*plan.AttributeRef{x, zs}))
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.DefaultAllocator
	xb := array.NewInt32Builder(mem)
	xb.AppendValues([]int32{100, 200, 300}, nil)
	lb := array.NewListBuilder(mem, arrow.ListOf(arrow.PrimitiveTypes.Int32))
	ib := lb.ValueBuilder().(*array.ListBuilder)
	vb := ib.ValueBuilder().(*array.Int32Builder)
	lb.Append(true)
	ib.Append(true)
	vb.AppendValues([]int32{1, 2}, nil)
	ib.Append(true)
	vb.AppendValues([]int32{3}, nil)
	lb.AppendNull()
	lb.Append(true)
	ib.AppendNull()
	cols := []arrow.Array{xb.NewArray(), lb.NewArray()}
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: cols[0].DataType(), Nullable: true}, {Name: "zs", Type: cols[1].DataType(), Nullable: true}}, nil)
	b := array.NewRecordBatch(schema, cols, 3)
	defer b.Release()
	out, err := e.Eval(b)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	f, err := format.NewFormatter(out, format.Options{TimeZone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[[101, 103], [103]]", "NULL", "[NULL]"}
	for k, s := range want {
		if got := f.Value(k); got != s {
			t.Errorf("row %d: got %s, want %s", k, got, s)
		}
	}
}
