package types

import (
	"strings"
	"testing"
)

func TestTreeStringGolden(t *testing.T) {
	st := mustStruct(t, "a int not null, b struct<c: array<map<string, int>>, d: decimal(10,2) not null>, "+
		"e map<string, struct<f: int>>, `g\th` array<array<int>>, i interval day to second, j timestamp_ntz, k void, "+
		"l char(3), m string collate utf8_lcase, n variant, o interval, p binary")
	st.Fields[0].DataType = NewArray(NewMap(Long, NewArray(Boolean, false), false), false)
	want := `root
 |-- a: array (nullable = false)
 |    |-- element: map (containsNull = false)
 |    |    |-- key: long
 |    |    |-- value: array (valueContainsNull = false)
 |    |    |    |-- element: boolean (containsNull = false)
 |-- b: struct (nullable = true)
 |    |-- c: array (nullable = true)
 |    |    |-- element: map (containsNull = true)
 |    |    |    |-- key: string
 |    |    |    |-- value: integer (valueContainsNull = true)
 |    |-- d: decimal(10,2) (nullable = false)
 |-- e: map (nullable = true)
 |    |-- key: string
 |    |-- value: struct (valueContainsNull = true)
 |    |    |-- f: integer (nullable = true)
 |-- g\th: array (nullable = true)
 |    |-- element: array (containsNull = true)
 |    |    |-- element: integer (containsNull = true)
 |-- i: interval day to second (nullable = true)
 |-- j: timestamp_ntz (nullable = true)
 |-- k: void (nullable = true)
 |-- l: char(3) (nullable = true)
 |-- m: string collate UTF8_LCASE (nullable = true)
 |-- n: variant (nullable = true)
 |-- o: interval (nullable = true)
 |-- p: binary (nullable = true)
`
	if got := st.TreeString(0); got != want {
		t.Errorf("TreeString =\n%s\nwant\n%s", got, want)
	}

	mapKeys := NewStruct(NewField("m", NewMap(NewStruct(NewField("k1", Byte, true)), Short, true), true),
		NewField("line\nbreak\r\f\b\v\a", Float, true))
	want = `root
 |-- m: map (nullable = true)
 |    |-- key: struct
 |    |    |-- k1: byte (nullable = true)
 |    |-- value: short (valueContainsNull = true)
 |-- line\nbreak\r\f\b\v\a: float (nullable = true)
`
	if got := mapKeys.TreeString(-1); got != want {
		t.Errorf("TreeString =\n%s\nwant\n%s", got, want)
	}

	if got := NewStruct().TreeString(0); got != "root\n" {
		t.Errorf("empty TreeString = %q", got)
	}
}

func TestTreeStringDepth(t *testing.T) {
	lines := func(st *StructType, depth int) int {
		return len(strings.Split(strings.TrimSuffix(st.TreeString(depth), "\n"), "\n"))
	}
	// The expectations of Spark's StructTypeSuite "Print up to the given level".
	schema := mustStruct(t, "c1 INT, c2 STRUCT<c3: INT, c4: STRUCT<c5: INT, c6: INT>>")
	for depth, want := range map[int]int{2: 5, 1: 3, 0: 7, -1: 7, 100: 7} {
		if got := lines(schema, depth); got != want {
			t.Errorf("schema depth %d: %d lines, want %d", depth, got, want)
		}
	}
	schema2 := mustStruct(t, "c1 INT, c2 ARRAY<STRUCT<c3: INT>>, c4 STRUCT<c5: INT, c6: ARRAY<ARRAY<INT>>>")
	for depth, want := range map[int]int{1: 4, 2: 7, 3: 9, 4: 10, 0: 10} {
		if got := lines(schema2, depth); got != want {
			t.Errorf("schema2 depth %d: %d lines, want %d", depth, got, want)
		}
	}
	schema3 := mustStruct(t, "c1 MAP<INT, STRUCT<c2: MAP<INT, INT>>>, c3 STRUCT<c4: MAP<INT, MAP<INT, INT>>>")
	for depth, want := range map[int]int{1: 3, 2: 6, 3: 9, 4: 13, 0: 13} {
		if got := lines(schema3, depth); got != want {
			t.Errorf("schema3 depth %d: %d lines, want %d", depth, got, want)
		}
	}
	want := `root
 |-- c1: integer (nullable = true)
 |-- c2: array (nullable = true)
 |    |-- element: struct (containsNull = true)
 |-- c4: struct (nullable = true)
 |    |-- c5: integer (nullable = true)
 |    |-- c6: array (nullable = true)
`
	if got := schema2.TreeString(2); got != want {
		t.Errorf("TreeString(2) =\n%s\nwant\n%s", got, want)
	}
}
