package aggregate

import (
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// runTopK runs approx_top_k over one group in a single accumulator (Spark's partial
// aggregate of one partition, then its final merge) and renders the result.
func runTopK(t *testing.T, dt arrow.DataType, js string, k int32) string {
	t.Helper()
	args := []expr.Expr{&expr.Column{Index: 0, Type: dt}, lit(t, types.Integer, k), lit(t, types.Integer, int32(10000))}
	f, err := New(Call{Fn: "approx_top_k", Args: args})
	if err != nil {
		t.Fatal(err)
	}
	v := fromJSON(t, dt, js)
	acc := f.NewAccumulator()
	acc.Resize(1)
	if err := acc.Update(make([]uint32, v.Len()), []arrow.Array{v}); err != nil {
		t.Fatal(err)
	}
	res, err := acc.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	return topKString(res, 0)
}

// topKString renders row i of an approx_top_k result as [item:count ...].
func topKString(a arrow.Array, i int) string {
	l := a.(*array.List)
	st := l.ListValues().(*array.Struct)
	items, counts := st.Field(0), st.Field(1).(*array.Int64)
	lo, hi := l.ValueOffsets(i)
	out := "["
	for j := lo; j < hi; j++ {
		if j > lo {
			out += " "
		}
		item := "null"
		if items.IsValid(int(j)) {
			item = items.ValueStr(int(j))
		}
		out += item + ":" + strconv.Itoa(int(counts.Value(int(j))))
	}
	return out + "]"
}

// Spark's ApproxTopKSuite and the function's documented examples: ties keep Java's
// hash-map order.
func TestApproxTopK(t *testing.T) {
	i8, i32, i64 := arrow.PrimitiveTypes.Int8, arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64
	f32, f64, str := arrow.PrimitiveTypes.Float32, arrow.PrimitiveTypes.Float64, arrow.BinaryTypes.String
	for _, c := range []struct {
		dt   arrow.DataType
		js   string
		k    int32
		want string
	}{
		{i32, `[0, 0, 1, 1, 2, 3, 4, 4]`, 5, `[0:2 4:2 1:2 2:1 3:1]`},
		{str, `["a", "b", "c", "c", "c", "c", "d", "d"]`, 5, `[c:4 d:2 a:1 b:1]`},
		{str, `["a", "b", "c", "c", "c", "c", "d", "d"]`, 2, `[c:4 d:2]`},
		{i32, `[0, 1, 1, 2, 2, 2]`, 10, `[2:3 1:2 0:1]`},
		{arrow.FixedWidthTypes.Boolean, `[true, true, false, true, true, false, false]`, 5, `[true:4 false:3]`},
		{i8, `[0, 0, 0, 0, 1, 1, 1, 2]`, 5, `[0:4 1:3 2:1]`},
		{i64, `[0, 0, 0, 0, 1, 1, 1, 2]`, 5, `[0:4 1:3 2:1]`},
		{f32, `[0, 0, 0, 0, 1, 1, 1, 2]`, 5, `[0:4 1:3 2:1]`},
		{f64, `[0, 0, 0, 0, 1, 1, 1, 2]`, 5, `[0:4 1:3 2:1]`},
		// NULLs count as an item of their own.
		{str, `["a", "a", "b", "b", "b", null, null, null, null]`, 2, `[null:4 b:3]`},
		{str, `["a", "a", "b", "b", "b", null]`, 2, `[b:3 a:2]`},
		{i32, `[0, 0, 1, 1, 1, null]`, 3, `[1:3 0:2 null:1]`},
		{i32, `[null, null]`, 5, `[null:2]`},
	} {
		if got := runTopK(t, c.dt, c.js, c.k); got != c.want {
			t.Errorf("%s k=%d:\n got %s\nwant %s", c.js, c.k, got, c.want)
		}
	}
	// Across partial states the counts add up.
	args := []expr.Expr{&expr.Column{Index: 0, Type: i32}, lit(t, types.Integer, int32(2)), lit(t, types.Integer, int32(100))}
	if got := runAcc(t, Call{Fn: "approx_top_k", Args: args}, []uint32{0, 0, 0, 0, 0, 0}, fromJSON(t, i32, `[7, 7, 8, 7, 8, 9]`)); got != `[{"count":3,"item":7},{"count":2,"item":8}]` {
		t.Errorf("merged: %s", got)
	}
	// Many distinct items: the sketch purges, the heavy hitter survives.
	vals := "["
	for i := 0; i < 3000; i++ {
		if i > 0 {
			vals += ","
		}
		if i%3 == 0 {
			vals += "42"
		} else {
			vals += strconv.Itoa(i)
		}
	}
	vals += "]"
	args = []expr.Expr{&expr.Column{Index: 0, Type: i64}, lit(t, types.Integer, int32(1)), lit(t, types.Integer, int32(10))}
	if got := runAcc(t, Call{Fn: "approx_top_k", Args: args}, make([]uint32, 3000), fromJSON(t, i64, vals)); got != `[{"count":1000,"item":42}]` {
		t.Errorf("heavy hitter: %s", got)
	}
	// Spark's runtime errors for the parameters.
	for _, c := range []struct {
		k, max any
		class  string
	}{
		{nil, int32(10), "APPROX_TOP_K_NULL_ARG"},
		{int32(0), int32(10), "APPROX_TOP_K_NON_POSITIVE_ARG"},
		{int32(5), nil, "APPROX_TOP_K_NULL_ARG"},
		{int32(5), int32(0), "APPROX_TOP_K_NON_POSITIVE_ARG"},
		{int32(10), int32(1000001), "APPROX_TOP_K_MAX_ITEMS_TRACKED_EXCEEDS_LIMIT"},
		{int32(10), int32(5), "APPROX_TOP_K_MAX_ITEMS_TRACKED_LESS_THAN_K"},
	} {
		_, err := New(Call{Fn: "approx_top_k", Args: []expr.Expr{&expr.Column{Index: 0, Type: i32},
			lit(t, types.Integer, c.k), lit(t, types.Integer, c.max)}})
		if se, ok := sparkerror.As(err); !ok || se.Class != c.class {
			t.Errorf("k %v max %v: %v, want %s", c.k, c.max, err, c.class)
		}
	}
}

// runTopKState runs approx_top_k_accumulate over one group (single stage) and returns
// its state struct.
func runTopKState(t *testing.T, dt arrow.DataType, js string, maxItems int32) *array.Struct {
	t.Helper()
	args := []expr.Expr{&expr.Column{Index: 0, Type: dt}, lit(t, types.Integer, maxItems)}
	f, err := New(Call{Fn: "approx_top_k_accumulate", Args: args})
	if err != nil {
		t.Fatal(err)
	}
	v := fromJSON(t, dt, js)
	acc := f.NewAccumulator()
	acc.Resize(1)
	if err := acc.Update(make([]uint32, v.Len()), []arrow.Array{v}); err != nil {
		t.Fatal(err)
	}
	res, err := acc.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	return res.(*array.Struct)
}

// estimateTopK is approx_top_k_estimate(state, k) on row i of a state array.
func estimateTopK(t *testing.T, st arrow.Array, item types.DataType, k int32) string {
	t.Helper()
	fn, ok := expr.Lookup("approx_top_k_estimate")
	if !ok {
		t.Fatal("no approx_top_k_estimate")
	}
	stType := TopKStateType(item)
	rt := types.NewArray(types.NewStruct(types.NewField("item", item, true), types.NewField("count", types.Long, false)), false)
	e, err := fn([]expr.Expr{&expr.Column{Index: 0, Type: st.DataType()}, lit(t, types.Integer, k)},
		[]types.DataType{stType, types.Integer}, rt, expr.FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "s", Type: st.DataType()}}, nil), []arrow.Array{st}, int64(st.Len()))
	out, err := e.Eval(b)
	if err != nil {
		t.Fatal(err)
	}
	return topKString(out, 0)
}

// ApproxTopKSuite's accumulate/estimate and combine cases.
func TestApproxTopKStates(t *testing.T) {
	i32, str := arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String
	st := runTopKState(t, i32, `[0, 0, 0, 1, 1, 2, 3, 4]`, 10000)
	if got := estimateTopK(t, st, types.Integer, 5); got != "[0:3 1:2 4:1 2:1 3:1]" {
		t.Errorf("estimate: %s", got)
	}
	if got := st.Field(3).ValueStr(0); got != "item INT NOT NULL" {
		t.Errorf("ddl %q", got)
	}
	if got := st.Field(1).ValueStr(0); got != "10000" {
		t.Errorf("maxItemsTracked %s", got)
	}
	// The sketch is DataSketches' frequent-items image (family 10) then the NULL count.
	img := st.Field(0).(*array.Binary).Value(0)
	if img[0] != 4 || img[1] != 1 || img[2] != 10 || img[3] != 14 || len(img) != 32+5*8+5*5+8 {
		t.Errorf("image % x", img)
	}
	s2 := runTopKState(t, str, `["a", "b", "c", "c", "c", "c", "d", "d"]`, 10000)
	if got := estimateTopK(t, s2, types.String, 2); got != "[c:4 d:2]" {
		t.Errorf("strings: %s", got)
	}
	if got := s2.Field(3).ValueStr(0); got != "item string not null" {
		t.Errorf("ddl %q", got)
	}
	s3 := runTopKState(t, i32, `[null, null]`, 10000)
	if got := estimateTopK(t, s3, types.Integer, 5); got != "[null:2]" {
		t.Errorf("nulls: %s", got)
	}
	// k above maxItemsTracked fails when estimated.
	small := runTopKState(t, i32, `[1, 2]`, 5)
	fn, _ := expr.Lookup("approx_top_k_estimate")
	e, _ := fn([]expr.Expr{&expr.Column{Index: 0, Type: small.DataType()}, lit(t, types.Integer, int32(10))},
		[]types.DataType{TopKStateType(types.Integer), types.Integer},
		types.NewArray(types.NewStruct(types.NewField("item", types.Integer, true), types.NewField("count", types.Long, false)), false), expr.FuncOptions{})
	b := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "s", Type: small.DataType()}}, nil), []arrow.Array{small}, 1)
	if _, err := e.Eval(b); err == nil {
		t.Error("k 10 over maxItemsTracked 5 accepted")
	} else if se, ok := sparkerror.As(err); !ok || se.Class != "APPROX_TOP_K_MAX_ITEMS_TRACKED_LESS_THAN_K" {
		t.Errorf("k over maxItemsTracked: %v", err)
	}

	// Combining two states (of the documented example) gives the sketch of all values.
	a := runTopKState(t, i32, `[0, 0, 1, 1]`, 10000)
	c := runTopKState(t, i32, `[2, 3, 4, 4]`, 10000)
	stType := TopKStateType(types.Integer)
	comb, err := New(Call{Fn: "approx_top_k_combine", Args: []expr.Expr{&expr.Column{Index: 0, Type: a.DataType()},
		lit(t, types.Integer, int32(10000))}, InputTypes: []types.DataType{stType, types.Integer}})
	if err != nil {
		t.Fatal(err)
	}
	acc := comb.NewAccumulator()
	acc.Resize(1)
	for _, s := range []arrow.Array{a, c} {
		if err := acc.Update([]uint32{0}, []arrow.Array{s}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := acc.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if got := estimateTopK(t, res, types.Integer, 5); got != "[0:2 4:2 1:2 2:1 3:1]" {
		t.Errorf("combined: %s", got)
	}
	// Without a size, the inputs' sizes must agree.
	comb, _ = New(Call{Fn: "approx_top_k_combine", Args: []expr.Expr{&expr.Column{Index: 0, Type: a.DataType()},
		lit(t, types.Integer, int32(-1))}, InputTypes: []types.DataType{stType, types.Integer}})
	acc = comb.NewAccumulator()
	acc.Resize(1)
	_ = acc.Update([]uint32{0}, []arrow.Array{a})
	err = acc.Update([]uint32{0}, []arrow.Array{small})
	if se, ok := sparkerror.As(err); !ok || se.Class != "APPROX_TOP_K_SKETCH_SIZE_NOT_MATCH" {
		t.Errorf("different sizes: %v", err)
	}
}
