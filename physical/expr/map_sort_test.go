package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func TestMapSortOrdersEntriesAtEveryDepth(t *testing.T) {
	m := mapArr(t, cIntMap, [][][2]any{{{int32(3), "c"}, {int32(1), "a"}, {int32(2), "b"}}, {}, {{int32(2), nil}, {int32(-1), "z"}}})
	b := batchOf(m)
	defer b.Release()
	mc := col(0, cIntMap)
	wantStrs(t, callColl(t, "map_sort", cIntMap, false, []Expr{mc}, cIntMap), b, "{1 -> a, 2 -> b, 3 -> c}", "{}", "{-1 -> z, 2 -> NULL}")

	// Maps inside an array, a struct, and the values of another map.
	arrT := types.NewArray(cIntMap, false)
	nested := callColl(t, "array", arrT, false, []Expr{mc, mc}, cIntMap, cIntMap)
	wantStrs(t, callColl(t, "map_sort", arrT, false, []Expr{nested}, arrT), b,
		"[{1 -> a, 2 -> b, 3 -> c}, {1 -> a, 2 -> b, 3 -> c}]", "[{}, {}]", "[{-1 -> z, 2 -> NULL}, {-1 -> z, 2 -> NULL}]")
	stT := &types.StructType{Fields: []types.StructField{types.NewField("m", cIntMap, true), types.NewField("k", types.Integer, true)}}
	st := callColl(t, "named_struct", stT, false, []Expr{litOf(t, types.String, "m"), mc, litOf(t, types.String, "k"), litOf(t, types.Integer, int32(7))},
		types.String, cIntMap, types.String, types.Integer)
	wantStrs(t, callColl(t, "map_sort", stT, false, []Expr{st}, stT), b,
		"{{1 -> a, 2 -> b, 3 -> c}, 7}", "{{}, 7}", "{{-1 -> z, 2 -> NULL}, 7}")
	outerT := types.NewMap(types.String, cIntMap, true)
	outer := callColl(t, "map", outerT, false, []Expr{litOf(t, types.String, "y"), mc, litOf(t, types.String, "x"), mc},
		types.String, cIntMap, types.String, cIntMap)
	wantStrs(t, callColl(t, "map_sort", outerT, false, []Expr{outer}, outerT), b,
		"{x -> {1 -> a, 2 -> b, 3 -> c}, y -> {1 -> a, 2 -> b, 3 -> c}}", "{x -> {}, y -> {}}", "{x -> {-1 -> z, 2 -> NULL}, y -> {-1 -> z, 2 -> NULL}}")
}
