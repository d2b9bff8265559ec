package expr

import (
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

var (
	intArray  = types.NewArray(types.Integer, true)
	intMap    = types.NewMap(types.Integer, types.Integer, true)
	strIntMap = types.NewMap(types.String, types.Integer, true)
)

// intLists builds an array<int> column; a nil row is NULL, a nil element NULL.
func lamIntLists(rows ...[]any) arrow.Array {
	b := array.NewListBuilder(mem, arrow.PrimitiveTypes.Int32)
	defer b.Release()
	vb := b.ValueBuilder().(*array.Int32Builder)
	for _, r := range rows {
		if r == nil {
			b.AppendNull()
			continue
		}
		b.Append(true)
		for _, x := range r {
			if x == nil {
				vb.AppendNull()
			} else {
				vb.Append(int32(x.(int)))
			}
		}
	}
	return b.NewArray()
}

// intMaps builds a map<int,int> column from alternating keys and values; nil rows are NULL.
func lamIntMaps(rows ...[]int) arrow.Array {
	b := array.NewMapBuilder(mem, arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int32, false)
	defer b.Release()
	kb, ib := b.KeyBuilder().(*array.Int32Builder), b.ItemBuilder().(*array.Int32Builder)
	for _, r := range rows {
		if r == nil {
			b.AppendNull()
			continue
		}
		b.Append(true)
		for i := 0; i+1 < len(r); i += 2 {
			kb.Append(int32(r[i]))
			ib.Append(int32(r[i+1]))
		}
	}
	return b.NewArray()
}

func lamInts(vals ...any) arrow.Array {
	b := array.NewInt32Builder(mem)
	defer b.Release()
	for _, v := range vals {
		if v == nil {
			b.AppendNull()
		} else {
			b.Append(int32(v.(int)))
		}
	}
	return b.NewArray()
}

func lamMust(t *testing.T, e Expr, err error) Expr {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func lam(t *testing.T, body Expr, outer int, params ...types.DataType) *Lambda {
	t.Helper()
	l, err := NewLambda(body, outer, params)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hofOf(t *testing.T, name string, args []Expr, argTypes []types.DataType, result types.DataType, fns ...*Lambda) Expr {
	t.Helper()
	h, err := NewHigherOrder(name, args, argTypes, fns, result)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func arith(t *testing.T, op string, l, r Expr) Expr {
	t.Helper()
	e, err := NewArith(op, l, r, types.Integer, true)
	return lamMust(t, e, err)
}

func lamCmp(t *testing.T, op CompareOp, l, r Expr) Expr {
	t.Helper()
	e, err := NewCompare(op, l, r)
	return lamMust(t, e, err)
}

// The nested table of Spark's higher-order-functions.sql: x, ys, and a NULL list.
func nestedBatch() arrow.RecordBatch {
	return batchOf(lamInts(1, 2, 3, 4),
		lamIntLists([]any{32, 97}, []any{77, -76}, []any{12}, nil))
}

func TestTransform(t *testing.T) {
	b := nestedBatch()
	defer b.Release()
	ys := col(1, intArray)
	y, i, x := col(2, types.Integer), col(3, types.Integer), col(0, types.Integer)
	at := []types.DataType{intArray}
	// y -> y * y
	wantStrs(t, hofOf(t, "transform", []Expr{ys}, at, intArray, lam(t, arith(t, "*", y, y), 2, types.Integer)), b,
		"[1024, 9409]", "[5929, 5776]", "[144]", "NULL")
	// (y, i) -> y + i
	wantStrs(t, hofOf(t, "transform", []Expr{ys}, at, intArray, lam(t, arith(t, "+", y, i), 2, types.Integer, types.Integer)), b,
		"[32, 98]", "[77, -75]", "[12]", "NULL")
	// y -> y + x reads the row's column.
	wantStrs(t, hofOf(t, "transform", []Expr{ys}, at, intArray, lam(t, arith(t, "+", y, x), 2, types.Integer)), b,
		"[33, 98]", "[79, -74]", "[15]", "NULL")
	// A constant body.
	wantStrs(t, hofOf(t, "transform", []Expr{ys}, at, intArray, lam(t, litOf(t, types.Integer, int32(0)), 2, types.Integer)), b,
		"[0, 0]", "[0, 0]", "[0]", "NULL")
}

func TestFilterExistsForall(t *testing.T) {
	b := batchOf(lamIntLists([]any{32, 97}, []any{77, -76}, []any{12}, nil, []any{1, nil, 40}, []any{}))
	defer b.Release()
	ys, y := col(0, intArray), col(1, types.Integer)
	at := []types.DataType{intArray}
	gt30 := lam(t, lamCmp(t, GT, y, litOf(t, types.Integer, int32(30))), 1, types.Integer)
	wantStrs(t, hofOf(t, "filter", []Expr{ys}, at, intArray, gt30), b,
		"[32, 97]", "[77]", "[]", "NULL", "[40]", "[]")
	// (y, i) -> i > 0
	byIndex := lam(t, lamCmp(t, GT, col(2, types.Integer), litOf(t, types.Integer, int32(0))), 1, types.Integer, types.Integer)
	wantStrs(t, hofOf(t, "filter", []Expr{ys}, at, intArray, byIndex), b,
		"[97]", "[-76]", "[]", "NULL", "[NULL, 40]", "[]")
	wantStrs(t, hofOf(t, "exists", []Expr{ys}, at, types.Boolean, gt30), b,
		"true", "true", "false", "NULL", "true", "false")
	lt30 := lam(t, lamCmp(t, LT, y, litOf(t, types.Integer, int32(30))), 1, types.Integer)
	// exists: NULL when no element matches but one is unknown; forall: NULL when none
	// fails but one is unknown.
	wantStrs(t, hofOf(t, "exists", []Expr{ys}, at, types.Boolean, lam(t, lamCmp(t, GT, y, litOf(t, types.Integer, int32(50))), 1, types.Integer)), b,
		"true", "true", "false", "NULL", "NULL", "false")
	wantStrs(t, hofOf(t, "forall", []Expr{ys}, at, types.Boolean, lt30), b,
		"false", "false", "true", "NULL", "false", "true")
	wantStrs(t, hofOf(t, "forall", []Expr{ys}, at, types.Boolean, lam(t, lamCmp(t, LT, y, litOf(t, types.Integer, int32(100))), 1, types.Integer)), b,
		"true", "true", "true", "NULL", "NULL", "true")
}

func TestAggregate(t *testing.T) {
	b := batchOf(lamInts(1, 2, 3, 4, 5), lamIntLists([]any{32, 97}, []any{77, -76}, []any{12}, nil, []any{}))
	defer b.Release()
	x, ys := col(0, types.Integer), col(1, intArray)
	acc, y := col(2, types.Integer), col(3, types.Integer)
	// aggregate(ys, 0, (acc, y) -> acc + y + x) with and without a finish.
	merge := lam(t, arith(t, "+", arith(t, "+", acc, y), x), 2, types.Integer, types.Integer)
	id := lam(t, col(2, types.Integer), 2, types.Integer)
	args := []Expr{ys, litOf(t, types.Integer, int32(0))}
	at := []types.DataType{intArray, types.Integer}
	wantStrs(t, hofOf(t, "aggregate", args, at, types.Integer, merge, id), b, "131", "5", "15", "NULL", "0")
	times10 := lam(t, arith(t, "*", col(2, types.Integer), litOf(t, types.Integer, int32(10))), 2, types.Integer)
	wantStrs(t, hofOf(t, "aggregate", args, at, types.Integer, merge, times10), b, "1310", "50", "150", "NULL", "0")
	// The zero may come from the row.
	wantStrs(t, hofOf(t, "aggregate", []Expr{ys, x}, at, types.Integer, merge, id), b, "132", "7", "18", "NULL", "5")
}

func TestZipWith(t *testing.T) {
	b := batchOf(lamIntLists([]any{1, 2, 3}, []any{1}, nil, []any{}),
		lamIntLists([]any{10, 20}, []any{1, 2, 3}, []any{1}, []any{}))
	defer b.Release()
	f := lam(t, arith(t, "+", col(2, types.Integer), col(3, types.Integer)), 2, types.Integer, types.Integer)
	wantStrs(t, hofOf(t, "zip_with", []Expr{col(0, intArray), col(1, intArray)}, []types.DataType{intArray, intArray}, intArray, f), b,
		"[11, 22, NULL]", "[2, NULL, NULL]", "NULL", "[]")
}

func TestMapFunctions(t *testing.T) {
	b := batchOf(lamIntMaps([]int{1, 1, 2, 2, 3, 3}, []int{4, 4, 5, 5, 6, 6}, nil))
	defer b.Release()
	m, k, v := col(0, intMap), col(1, types.Integer), col(2, types.Integer)
	at := []types.DataType{intMap}
	wantStrs(t, hofOf(t, "transform_keys", []Expr{m}, at, intMap, lam(t, arith(t, "+", k, v), 1, types.Integer, types.Integer)), b,
		"{2 -> 1, 4 -> 2, 6 -> 3}", "{8 -> 4, 10 -> 5, 12 -> 6}", "NULL")
	wantStrs(t, hofOf(t, "transform_values", []Expr{m}, at, intMap, lam(t, arith(t, "+", v, litOf(t, types.Integer, int32(1))), 1, types.Integer, types.Integer)), b,
		"{1 -> 2, 2 -> 3, 3 -> 4}", "{4 -> 5, 5 -> 6, 6 -> 7}", "NULL")
	wantStrs(t, hofOf(t, "map_filter", []Expr{m}, at, intMap, lam(t, lamCmp(t, GT, k, litOf(t, types.Integer, int32(2))), 1, types.Integer, types.Integer)), b,
		"{3 -> 3}", "{4 -> 4, 5 -> 5, 6 -> 6}", "NULL")
	// Keys that collide fail as Spark does.
	dup := hofOf(t, "transform_keys", []Expr{m}, at, intMap, lam(t, litOf(t, types.Integer, int32(42)), 1, types.Integer, types.Integer))
	_, err := dup.Eval(b)
	if se, ok := sparkerror.As(err); !ok || se.Class != "DUPLICATED_MAP_KEY" || se.Params["key"] != "42" {
		t.Fatalf("transform_keys to a constant: %v", err)
	}
	null := hofOf(t, "transform_keys", []Expr{m}, at, intMap, lam(t, litOf(t, types.Integer, nil), 1, types.Integer, types.Integer))
	if _, err := null.Eval(b); err == nil || err.(*sparkerror.Error).Class != "NULL_MAP_KEY" {
		t.Fatalf("transform_keys to NULL: %v", err)
	}
}

func TestMapZipWith(t *testing.T) {
	b := batchOf(lamIntMaps([]int{1, 10, 2, 20}, []int{1, 1}, nil), lamIntMaps([]int{2, 200, 3, 300, 2, 999}, []int{}, []int{1, 1}))
	defer b.Release()
	// (k, v1, v2) -> coalesce(v1, 0) + coalesce(v2, 0) is written here as k * 1000 + v2.
	f := lam(t, arith(t, "+", arith(t, "*", col(2, types.Integer), litOf(t, types.Integer, int32(1000))), col(4, types.Integer)), 2,
		types.Integer, types.Integer, types.Integer)
	wantStrs(t, hofOf(t, "map_zip_with", []Expr{col(0, intMap), col(1, intMap)}, []types.DataType{intMap, intMap}, intMap, f), b,
		"{1 -> NULL, 2 -> 2200, 3 -> 3300}", "{1 -> NULL}", "NULL")
}

func TestArraySortComparator(t *testing.T) {
	rows := [][]any{{5, 6, 1}, {3, nil, 1, 2, 9, 7, 8, 4, 6, 10, 0}, nil, {}, {1}}
	b := batchOf(lamIntLists(rows...))
	defer b.Release()
	l, r := col(1, types.Integer), col(2, types.Integer)
	at := []types.DataType{intArray}
	// Descending: (l, r) -> coalesce-free r - l on non-null lists, NULLs compare as 0... use
	// the default comparator's shape instead: NULLs last, then ascending.
	isNull := func(e Expr) Expr { x, _ := NewIsNull(e); return x }
	lit := func(v int32) Expr { return litOf(t, types.Integer, v) }
	iff := func(c, a, b Expr) Expr { x, err := NewIf(c, a, b, types.Integer); return lamMust(t, x, err) }
	both, _ := NewAnd(isNull(l), isNull(r))
	def := iff(both, lit(0), iff(isNull(l), lit(1), iff(isNull(r), lit(-1), iff(lamCmp(t, LT, l, r), lit(-1), iff(lamCmp(t, GT, l, r), lit(1), lit(0))))))
	wantStrs(t, hofOf(t, "array_sort", []Expr{col(0, intArray)}, at, intArray, lam(t, def, 1, types.Integer, types.Integer)), b,
		"[1, 5, 6]", "[0, 1, 2, 3, 4, 6, 7, 8, 9, 10, NULL]", "NULL", "[]", "[1]")
	// A constant comparator keeps the order (the sort is stable).
	wantStrs(t, hofOf(t, "array_sort", []Expr{col(0, intArray)}, at, intArray, lam(t, lit(1), 1, types.Integer, types.Integer)), b,
		"[5, 6, 1]", "[3, NULL, 1, 2, 9, 7, 8, 4, 6, 10, 0]", "NULL", "[]", "[1]")
	// A NULL comparison fails.
	bad := hofOf(t, "array_sort", []Expr{col(0, intArray)}, at, intArray, lam(t, arith(t, "-", r, l), 1, types.Integer, types.Integer))
	if _, err := bad.Eval(b); err == nil || err.(*sparkerror.Error).Class != "COMPARATOR_RETURNS_NULL" {
		t.Fatalf("NULL comparison: %v", err)
	}
}

// transform(zs, z -> filter(z, zz -> zz > x)): the inner lambda reads the outer row's column.
func TestNestedLambda(t *testing.T) {
	zt := types.NewArray(intArray, true)
	bl := array.NewListBuilder(mem, arrow.ListOf(arrow.PrimitiveTypes.Int32))
	inner := bl.ValueBuilder().(*array.ListBuilder)
	vb := inner.ValueBuilder().(*array.Int32Builder)
	for _, row := range [][][]int32{{{12, 99}, {123, 42}, {1}}, {{6, 96, 65}, {-1, -2}}} {
		bl.Append(true)
		for _, l := range row {
			inner.Append(true)
			vb.AppendValues(l, nil)
		}
	}
	zs := bl.NewArray()
	bl.Release()
	b := batchOf(lamInts(50, 60), zs)
	defer b.Release()
	// Outer batch: x, zs; outer lambda batch: x, zs, z; inner: x, zs, z, zz.
	innerFn := lam(t, lamCmp(t, GT, col(3, types.Integer), col(0, types.Integer)), 3, types.Integer)
	filter := hofOf(t, "filter", []Expr{col(2, intArray)}, []types.DataType{intArray}, intArray, innerFn)
	outer := lam(t, filter, 2, intArray)
	wantStrs(t, hofOf(t, "transform", []Expr{col(1, zt)}, []types.DataType{zt}, zt, outer), b,
		"[[99], [123], []]", "[[96, 65], []]")
}

// array_sort without a comparator sorts atomic elements natively, in the order the
// default comparator gives: NULLs last, NaN above every number, -0.0 equal to 0.0.
func TestArraySortDefault(t *testing.T) {
	l, r := col(1, types.Double), col(2, types.Double)
	isNull := func(e Expr) Expr { x, _ := NewIsNull(e); return x }
	lit := func(v int32) Expr { return litOf(t, types.Integer, v) }
	iff := func(c, a, b Expr) Expr { x, err := NewIf(c, a, b, types.Integer); return lamMust(t, x, err) }
	both, _ := NewAnd(isNull(l), isNull(r))
	def := iff(both, lit(0), iff(isNull(l), lit(1), iff(isNull(r), lit(-1), iff(lamCmp(t, LT, l, r), lit(-1), iff(lamCmp(t, GT, l, r), lit(1), lit(0))))))
	dt := types.NewArray(types.Double, true)
	lb := array.NewListBuilder(mem, arrow.PrimitiveTypes.Float64)
	vb := lb.ValueBuilder().(*array.Float64Builder)
	lb.Append(true)
	vb.AppendValues([]float64{3, math.NaN(), -1, 0, math.Inf(1), -0.5}, nil)
	vb.AppendNull()
	vb.Append(math.Inf(-1))
	lb.AppendNull()
	lb.Append(true)
	b := batchOf(lb.NewArray())
	lb.Release()
	defer b.Release()
	want := []string{"[-Infinity, -1.0, -0.5, 0.0, 3.0, Infinity, NaN, NULL]", "NULL", "[]"}
	for _, fn := range []string{"array_sort_asc", "array_sort"} {
		wantStrs(t, hofOf(t, fn, []Expr{col(0, dt)}, []types.DataType{dt}, dt, lam(t, def, 1, types.Double, types.Double)), b, want...)
	}
}

// 8192 rows of 8 elements: transform, filter and aggregate each evaluate their lambda
// once (aggregate once per position) per batch.
func BenchmarkLambda(b *testing.B) {
	const rows, width = 8192, 8
	lb := array.NewListBuilder(mem, arrow.PrimitiveTypes.Int32)
	vb := lb.ValueBuilder().(*array.Int32Builder)
	xb := array.NewInt32Builder(mem)
	for i := 0; i < rows; i++ {
		lb.Append(true)
		for k := 0; k < width; k++ {
			vb.Append(int32(i + k))
		}
		xb.Append(int32(i))
	}
	batch := batchOf(xb.NewArray(), lb.NewArray())
	lb.Release()
	xb.Release()
	defer batch.Release()
	t := &testing.T{}
	x, ys, y := col(0, types.Integer), col(1, intArray), col(2, types.Integer)
	at := []types.DataType{intArray}
	cases := map[string]Expr{
		"transform": hofOf(t, "transform", []Expr{ys}, at, intArray, lam(t, arith(t, "+", arith(t, "*", y, litOf(t, types.Integer, int32(2))), x), 2, types.Integer)),
		"filter":    hofOf(t, "filter", []Expr{ys}, at, intArray, lam(t, lamCmp(t, GT, y, x), 2, types.Integer)),
		"aggregate": hofOf(t, "aggregate", []Expr{ys, litOf(t, types.Integer, int32(0))}, []types.DataType{intArray, types.Integer}, types.Integer,
			lam(t, arith(t, "+", col(2, types.Integer), col(3, types.Integer)), 2, types.Integer, types.Integer), lam(t, col(2, types.Integer), 2, types.Integer)),
	}
	for name, e := range cases {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				out, err := e.Eval(batch)
				if err != nil {
					b.Fatal(err)
				}
				out.Release()
			}
		})
	}
}

// Batches without any element, and without any row, still evaluate.
func TestLambdaNoElements(t *testing.T) {
	for _, rows := range [][][]any{{nil, {}}, {}} {
		b := batchOf(lamInts(make([]any, len(rows))...), lamIntLists(rows...))
		x, ys, y := col(0, types.Integer), col(1, intArray), col(2, types.Integer)
		at := []types.DataType{intArray}
		want := map[string][]string{"transform": {"NULL", "[]"}, "filter": {"NULL", "[]"}, "exists": {"NULL", "false"},
			"forall": {"NULL", "true"}, "array_sort": {"NULL", "[]"}, "aggregate": {"NULL", "0"}}
		for name, w := range want {
			w = w[:len(rows)]
			switch name {
			case "aggregate":
				merge := lam(t, arith(t, "+", col(2, types.Integer), col(3, types.Integer)), 2, types.Integer, types.Integer)
				wantStrs(t, hofOf(t, name, []Expr{ys, litOf(t, types.Integer, int32(0))}, []types.DataType{intArray, types.Integer}, types.Integer,
					merge, lam(t, col(2, types.Integer), 2, types.Integer)), b, w...)
			case "array_sort":
				wantStrs(t, hofOf(t, name, []Expr{ys}, at, intArray, lam(t, arith(t, "-", y, col(3, types.Integer)), 2, types.Integer, types.Integer)), b, w...)
			case "exists", "forall":
				wantStrs(t, hofOf(t, name, []Expr{ys}, at, types.Boolean, lam(t, lamCmp(t, GT, y, x), 2, types.Integer)), b, w...)
			case "filter":
				wantStrs(t, hofOf(t, name, []Expr{ys}, at, intArray, lam(t, lamCmp(t, GT, y, x), 2, types.Integer)), b, w...)
			default:
				wantStrs(t, hofOf(t, name, []Expr{ys}, at, intArray, lam(t, arith(t, "+", y, x), 2, types.Integer)), b, w...)
			}
		}
		b.Release()
	}
}
