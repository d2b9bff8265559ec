package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// callColl builds function fn over argument expressions of the given Spark types.
func callColl(t *testing.T, fn string, rt types.DataType, ansi bool, args []Expr, at ...types.DataType) Expr {
	t.Helper()
	f, ok := Lookup(fn)
	if !ok {
		t.Fatalf("no function %s", fn)
	}
	e, err := f(args, at, rt, FuncOptions{ANSI: ansi})
	if err != nil {
		t.Fatalf("%s: %v", fn, err)
	}
	return e
}

var (
	cIntArr  = types.NewArray(types.Integer, true)
	cStrArr  = types.NewArray(types.String, true)
	cIntMap  = types.NewMap(types.Integer, types.String, true)
	cIntArr2 = types.NewArray(cIntArr, true)
)

// The answers are those of Spark's array.sql and map.sql golden files.
func TestCollectionArrayFunctions(t *testing.T) {
	rows := listArr(t, cIntArr, [][]any{{int32(1), int32(2), int32(3)}, {int32(2), int32(3), nil, int32(4)}, nil, {}})
	b := batchOf(rows)
	defer b.Release()
	a := col(0, cIntArr)
	lit := func(v any) Expr { return litOf(t, types.Integer, v) }
	cases := []struct {
		fn   string
		rt   types.DataType
		args []Expr
		at   []types.DataType
		want []string
	}{
		{"size", types.Integer, []Expr{a}, []types.DataType{cIntArr}, []string{"3", "4", "-1", "0"}},
		{"array_size", types.Integer, []Expr{a}, []types.DataType{cIntArr}, []string{"3", "4", "NULL", "0"}},
		{"array_append", cIntArr, []Expr{a, lit(nil)}, []types.DataType{cIntArr, types.Integer}, []string{"[1, 2, 3, NULL]", "[2, 3, NULL, 4, NULL]", "NULL", "[NULL]"}},
		{"array_prepend", cIntArr, []Expr{a, lit(int32(4))}, []types.DataType{cIntArr, types.Integer}, []string{"[4, 1, 2, 3]", "[4, 2, 3, NULL, 4]", "NULL", "[4]"}},
		{"array_insert", cIntArr, []Expr{a, lit(int32(5)), lit(int32(5))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[1, 2, 3, NULL, 5]", "[2, 3, NULL, 4, 5]", "NULL", "[NULL, NULL, NULL, NULL, 5]"}},
		{"array_insert", cIntArr, []Expr{a, lit(int32(-5)), lit(int32(1))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[1, NULL, 1, 2, 3]", "[1, 2, 3, NULL, 4]", "NULL", "[1, NULL, NULL, NULL, NULL]"}},
		{"array_insert", cIntArr, []Expr{a, lit(int32(-2)), lit(int32(9))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[1, 2, 9, 3]", "[2, 3, NULL, 9, 4]", "NULL", "[9, NULL]"}},
		// spark.sql.legacy.negativeIndexInArrayInsert: -1 inserts before the last element.
		{"array_insert_legacy_negative_index", cIntArr, []Expr{a, lit(int32(-2)), lit(int32(9))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[1, 9, 2, 3]", "[2, 3, 9, NULL, 4]", "NULL", "[9, NULL, NULL]"}},
		{"array_insert_legacy_negative_index", cIntArr, []Expr{a, lit(int32(-5)), lit(int32(1))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[1, NULL, NULL, 1, 2, 3]", "[1, NULL, 2, 3, NULL, 4]", "NULL", "[1, NULL, NULL, NULL, NULL, NULL]"}},
		{"array_insert_legacy_negative_index", cIntArr, []Expr{a, lit(int32(2)), lit(int32(9))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[1, 9, 2, 3]", "[2, 9, 3, NULL, 4]", "NULL", "[NULL, 9]"}},
		{"array_compact", types.NewArray(types.Integer, false), []Expr{a}, []types.DataType{cIntArr}, []string{"[1, 2, 3]", "[2, 3, 4]", "NULL", "[]"}},
		{"array_contains", types.Boolean, []Expr{a, lit(int32(4))}, []types.DataType{cIntArr, types.Integer}, []string{"false", "true", "NULL", "false"}},
		{"array_contains", types.Boolean, []Expr{a, lit(int32(9))}, []types.DataType{cIntArr, types.Integer}, []string{"false", "NULL", "NULL", "false"}},
		{"array_position", types.Long, []Expr{a, lit(int32(3))}, []types.DataType{cIntArr, types.Integer}, []string{"3", "2", "NULL", "0"}},
		{"array_remove", cIntArr, []Expr{a, lit(int32(3))}, []types.DataType{cIntArr, types.Integer}, []string{"[1, 2]", "[2, NULL, 4]", "NULL", "[]"}},
		{"get", types.Integer, []Expr{a, lit(int32(3))}, []types.DataType{cIntArr, types.Integer}, []string{"NULL", "4", "NULL", "NULL"}},
		{"element_at", types.Integer, []Expr{a, lit(int32(-1))}, []types.DataType{cIntArr, types.Integer}, []string{"3", "4", "NULL", "NULL"}},
		{"sort_array", cIntArr, []Expr{a, litOf(t, types.Boolean, false)}, []types.DataType{cIntArr, types.Boolean}, []string{"[3, 2, 1]", "[4, 3, 2, NULL]", "NULL", "[]"}},
		{"sort_array", cIntArr, []Expr{a, litOf(t, types.Boolean, true)}, []types.DataType{cIntArr, types.Boolean}, []string{"[1, 2, 3]", "[NULL, 2, 3, 4]", "NULL", "[]"}},
		{"array_reverse", cIntArr, []Expr{a}, []types.DataType{cIntArr}, []string{"[3, 2, 1]", "[4, NULL, 3, 2]", "NULL", "[]"}},
		{"array_max", types.Integer, []Expr{a}, []types.DataType{cIntArr}, []string{"3", "4", "NULL", "NULL"}},
		{"array_min", types.Integer, []Expr{a}, []types.DataType{cIntArr}, []string{"1", "2", "NULL", "NULL"}},
		{"slice", cIntArr, []Expr{a, lit(int32(-2)), lit(int32(5))}, []types.DataType{cIntArr, types.Integer, types.Integer}, []string{"[2, 3]", "[NULL, 4]", "NULL", "[]"}},
		{"array_union", cIntArr, []Expr{a, a}, []types.DataType{cIntArr, cIntArr}, []string{"[1, 2, 3]", "[2, 3, NULL, 4]", "NULL", "[]"}},
		{"array_concat", cIntArr, []Expr{a, a}, []types.DataType{cIntArr, cIntArr}, []string{"[1, 2, 3, 1, 2, 3]", "[2, 3, NULL, 4, 2, 3, NULL, 4]", "NULL", "[]"}},
	}
	for _, c := range cases {
		e := callColl(t, c.fn, c.rt, false, c.args, c.at...)
		wantStrs(t, e, b, c.want...)
	}
	// Under ANSI, out-of-range indexes fail; index 0 of element_at always does.
	wantErr(t, callColl(t, "element_at", types.Integer, true, []Expr{a, lit(int32(5))}, cIntArr, types.Integer), b,
		"INVALID_ARRAY_INDEX_IN_ELEMENT_AT", map[string]string{"indexValue": "5", "arraySize": "3"})
	wantErr(t, callColl(t, "element_at", types.Integer, false, []Expr{a, lit(int32(0))}, cIntArr, types.Integer), b, "INVALID_INDEX_OF_ZERO", nil)
	wantErr(t, callColl(t, "get_array_item", types.Integer, true, []Expr{a, lit(int32(-1))}, cIntArr, types.Integer), b,
		"INVALID_ARRAY_INDEX", map[string]string{"indexValue": "-1", "arraySize": "3"})
	wantStrs(t, callColl(t, "get_array_item", types.Integer, false, []Expr{a, lit(int32(3))}, cIntArr, types.Integer), b, "NULL", "4", "NULL", "NULL")
}

func TestCollectionConstructors(t *testing.T) {
	x := arr(t, types.Integer, int32(1), nil)
	y := arr(t, types.String, "a", "b")
	b := batchOf(x, y)
	defer b.Release()
	xi, ys := col(0, types.Integer), col(1, types.String)
	wantStrs(t, callColl(t, "array", cIntArr, false, []Expr{xi, xi, litOf(t, types.Integer, int32(7))}, types.Integer, types.Integer, types.Integer), b,
		"[1, 1, 7]", "[NULL, NULL, 7]")
	wantStrs(t, callColl(t, "map", cIntMap, false, []Expr{litOf(t, types.Integer, int32(1)), ys, litOf(t, types.Integer, int32(2)), ys},
		types.Integer, types.String, types.Integer, types.String), b, "{1 -> a, 2 -> a}", "{1 -> b, 2 -> b}")
	st := &types.StructType{Fields: []types.StructField{types.NewField("a", types.Integer, true), types.NewField("b", types.String, true)}}
	ns := callColl(t, "named_struct", st, false, []Expr{litOf(t, types.String, "a"), xi, litOf(t, types.String, "b"), ys},
		types.String, types.Integer, types.String, types.String)
	wantStrs(t, ns, b, "{1, a}", "{NULL, b}")
	wantStrs(t, callColl(t, "get_struct_field", types.String, false, []Expr{ns, litOf(t, types.Integer, int32(1))}, st, types.Integer), b, "a", "b")
	// Duplicated keys fail (spark.sql.mapKeyDedupPolicy=EXCEPTION), as do NULL keys.
	wantErr(t, callColl(t, "map", cIntMap, false, []Expr{litOf(t, types.Integer, int32(42)), ys, litOf(t, types.Integer, int32(42)), ys},
		types.Integer, types.String, types.Integer, types.String), b, "DUPLICATED_MAP_KEY", map[string]string{"key": "42"})
	wantErr(t, callColl(t, "map", cIntMap, false, []Expr{xi, ys}, types.Integer, types.String), b, "NULL_MAP_KEY", nil)
	zipT := types.NewArray(&types.StructType{Fields: []types.StructField{types.NewField("0", types.Integer, true), types.NewField("1", types.Integer, true)}}, false)
	arrs := listArr(t, cIntArr, [][]any{{int32(1), int32(2), int32(3)}, {int32(4)}})
	zb := batchOf(arrs)
	defer zb.Release()
	ai := col(0, cIntArr)
	wantStrs(t, callColl(t, "arrays_zip", zipT, false, []Expr{ai, callColl(t, "array_reverse", cIntArr, false, []Expr{ai}, cIntArr)}, cIntArr, cIntArr), zb,
		"[{1, 3}, {2, 2}, {3, 1}]", "[{4, 4}]")
}

func TestCollectionMapFunctions(t *testing.T) {
	m := mapArr(t, cIntMap, [][][2]any{{{int32(1), "a"}, {int32(2), "b"}}, {}})
	b := batchOf(m)
	defer b.Release()
	mc := col(0, cIntMap)
	key := func(v int32) Expr { return litOf(t, types.Integer, v) }
	wantStrs(t, callColl(t, "element_at", types.String, true, []Expr{mc, key(2)}, cIntMap, types.Integer), b, "b", "NULL")
	wantStrs(t, callColl(t, "get_map_value", types.String, true, []Expr{mc, key(5)}, cIntMap, types.Integer), b, "NULL", "NULL")
	wantStrs(t, callColl(t, "map_contains_key", types.Boolean, false, []Expr{mc, key(1)}, cIntMap, types.Integer), b, "true", "false")
	wantStrs(t, callColl(t, "map_keys", types.NewArray(types.Integer, false), false, []Expr{mc}, cIntMap), b, "[1, 2]", "[]")
	wantStrs(t, callColl(t, "map_values", cStrArr, false, []Expr{mc}, cIntMap), b, "[a, b]", "[]")
	wantErr(t, callColl(t, "map_concat", cIntMap, false, []Expr{mc, mc}, cIntMap, cIntMap), b, "DUPLICATED_MAP_KEY", map[string]string{"key": "1"})
	strMap := types.NewMap(types.String, types.String, true)
	sb := batchOf(arr(t, types.String, "a:1,b:2,c", "x"))
	defer sb.Release()
	wantStrs(t, callColl(t, "str_to_map", strMap, false, []Expr{col(0, types.String), litOf(t, types.String, ","), litOf(t, types.String, ":")},
		types.String, types.String, types.String), sb, "{a -> 1, b -> 2, c -> NULL}", "{x -> NULL}")
}

func TestCollectionSequenceAndFlatten(t *testing.T) {
	b := emptyBatch(1)
	defer b.Release()
	i := func(v int32) Expr { return litOf(t, types.Integer, v) }
	seq := types.NewArray(types.Integer, false)
	wantStrs(t, callColl(t, "sequence", seq, false, []Expr{i(1), i(5)}, types.Integer, types.Integer), b, "[1, 2, 3, 4, 5]")
	wantStrs(t, callColl(t, "sequence", seq, false, []Expr{i(5), i(1)}, types.Integer, types.Integer), b, "[5, 4, 3, 2, 1]")
	wantStrs(t, callColl(t, "sequence", seq, false, []Expr{i(1), i(16), i(3)}, types.Integer, types.Integer, types.Integer), b, "[1, 4, 7, 10, 13, 16]")
	wantErr(t, callColl(t, "sequence", seq, false, []Expr{i(1), i(5), i(-1)}, types.Integer, types.Integer, types.Integer), b, "_LEGACY_ERROR_TEMP_3243", nil)
	inner := callColl(t, "array", cIntArr, false, []Expr{i(1), i(2)}, types.Integer, types.Integer)
	outer := callColl(t, "array", cIntArr2, false, []Expr{inner, inner}, cIntArr, cIntArr)
	wantStrs(t, callColl(t, "flatten", cIntArr, false, []Expr{outer}, cIntArr2), b, "[1, 2, 1, 2]")
	wantStrs(t, callColl(t, "array_join", types.String, false, []Expr{callColl(t, "array", cStrArr, false,
		[]Expr{litOf(t, types.String, "a"), litOf(t, types.String, nil)}, types.String, types.String), litOf(t, types.String, ",")}, cStrArr, types.String), b, "a")
}
