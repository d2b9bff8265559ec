package physical

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/memory"
)

func mustSort(t testing.TB, child ExecutionPlan, keys []SortKey, fetch int64) *Sort {
	t.Helper()
	s, err := NewSort(child, keys, fetch)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSortIntsNullsPartitions(t *testing.T) {
	schema := schemaOf("a", arrow.PrimitiveTypes.Int64, "tag", arrow.BinaryTypes.String)
	src := source(t, schema,
		[]string{`[{"a":3,"tag":"p0"},{"a":null,"tag":"p0n"},{"a":1,"tag":"p0"}]`, `[{"a":2,"tag":"p0b"}]`},
		[]string{`[{"a":2,"tag":"p1"},{"a":-5,"tag":"p1"}]`},
		[]string{},
		[]string{`[{"a":null,"tag":"p3n"},{"a":9223372036854775807,"tag":"max"},{"a":-9223372036854775808,"tag":"min"}]`})
	a := col(0, arrow.PrimitiveTypes.Int64)

	got := rows(t, mustSort(t, src, []SortKey{{Expr: a}}, -1))
	eqStrings(t, "asc nulls last", got, []string{"-9223372036854775808|min", "-5|p1", "1|p0", "2|p0b", "2|p1",
		"3|p0", "9223372036854775807|max", "null|p0n", "null|p3n"})

	got = rows(t, mustSort(t, src, []SortKey{{Expr: a, Descending: true, NullsFirst: true}}, -1))
	eqStrings(t, "desc nulls first", got, []string{"null|p0n", "null|p3n", "9223372036854775807|max", "3|p0",
		"2|p0b", "2|p1", "1|p0", "-5|p1", "-9223372036854775808|min"})

	got = rows(t, mustSort(t, src, []SortKey{{Expr: a, NullsFirst: true}}, 3))
	eqStrings(t, "top 3", got, []string{"null|p0n", "null|p3n", "-9223372036854775808|min"})

	// Batches of 1 then 3 rows (the last larger than the others).
	uneven := source(t, schema, []string{`[{"a":5,"tag":"x"}]`, `[{"a":4,"tag":"y"},{"a":6,"tag":"z"},{"a":1,"tag":"w"}]`})
	eqStrings(t, "uneven batches", rows(t, mustSort(t, uneven, []SortKey{{Expr: a}}, -1)), []string{"1|w", "4|y", "5|x", "6|z"})

	got = rows(t, mustSort(t, src, []SortKey{{Expr: a}}, 0))
	eqStrings(t, "fetch 0", got, nil)

	empty := source(t, schema, []string{}, []string{`[]`})
	eqStrings(t, "empty", rows(t, mustSort(t, empty, []SortKey{{Expr: a}}, -1)), nil)
	eqStrings(t, "empty topk", rows(t, mustSort(t, empty, []SortKey{{Expr: a}}, 5)), nil)
}

func TestSortSparkOrdering(t *testing.T) {
	schema := schemaOf("d", arrow.PrimitiveTypes.Float64, "s", arrow.BinaryTypes.String, "b", arrow.FixedWidthTypes.Boolean)
	src := source(t, schema, []string{`[
		{"d":"NaN","s":"b","b":true},{"d":1.5,"s":"a\u0000","b":false},{"d":"-Inf","s":"","b":null},
		{"d":-0.0,"s":"é","b":true},{"d":0.0,"s":"a","b":false},{"d":"Inf","s":"ab","b":true},{"d":null,"s":null,"b":false}]`})
	d := col(0, arrow.PrimitiveTypes.Float64)
	s := col(1, arrow.BinaryTypes.String)
	b := col(2, arrow.FixedWidthTypes.Boolean)
	proj := func(rs []string, c int) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = strings.Split(r, "|")[c]
		}
		return out
	}
	got := proj(rows(t, mustSort(t, src, []SortKey{{Expr: d, NullsFirst: true}}, -1)), 0)
	// -0.0 and 0.0 are equal: they keep their input order.
	eqStrings(t, "doubles", got, []string{"null", "-Inf", "-0", "0", "1.5", "+Inf", "NaN"})
	got = proj(rows(t, mustSort(t, src, []SortKey{{Expr: d, Descending: true}}, -1)), 0)
	eqStrings(t, "doubles desc", got, []string{"NaN", "+Inf", "1.5", "-0", "0", "-Inf", "null"})
	got = proj(rows(t, mustSort(t, src, []SortKey{{Expr: s}}, -1)), 1)
	eqStrings(t, "strings", got, []string{"", "a", "a\x00", "ab", "b", "é", "null"})
	got = proj(rows(t, mustSort(t, src, []SortKey{{Expr: s, Descending: true}}, -1)), 1)
	eqStrings(t, "strings desc", got, []string{"é", "b", "ab", "a\x00", "a", "", "null"})
	got = rows(t, mustSort(t, src, []SortKey{{Expr: b, NullsFirst: true}, {Expr: s, Descending: true}}, -1))
	eqStrings(t, "bool then string desc", proj(got, 1), []string{"", "a\x00", "a", "null", "é", "b", "ab"})
}

func TestSortNestedAndTemporal(t *testing.T) {
	st := arrow.StructOf(arrow.Field{Name: "x", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "y", Type: arrow.BinaryTypes.String, Nullable: true})
	lt := arrow.ListOf(arrow.PrimitiveTypes.Int32)
	schema := schemaOf("st", st, "l", lt, "dec", &arrow.Decimal128Type{Precision: 10, Scale: 2},
		"ts", &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, "dt", arrow.FixedWidthTypes.Date32)
	src := source(t, schema, []string{`[
		{"st":{"x":2,"y":"a"},"l":[1,2],"dec":"-1.50","ts":"2020-01-01T00:00:00Z","dt":"2020-01-02"},
		{"st":{"x":1,"y":"b"},"l":[1],"dec":"10.00","ts":"1969-12-31T23:59:59Z","dt":"1960-01-01"},
		{"st":{"x":null,"y":"z"},"l":[],"dec":"-100.25","ts":null,"dt":null},
		{"st":{"x":1,"y":"a"},"l":[1,null],"dec":"0.01","ts":"2021-06-01T12:00:00Z","dt":"2024-02-29"},
		{"st":null,"l":null,"dec":null,"ts":"1900-01-01T00:00:00Z","dt":"1970-01-01"}]`})
	check := func(c int, want []int) {
		t.Helper()
		out := rows(t, mustSort(t, src, []SortKey{{Expr: col(c, schema.Field(c).Type), NullsFirst: true}}, -1))
		// identify rows by the decimal column of the input order
		ids := map[string]int{"-1.5": 0, "10": 1, "-100.25": 2, "0.01": 3, "null": 4}
		var got []int
		for _, r := range out {
			got = append(got, ids[strings.Split(r, "|")[2]])
		}
		if !slices.Equal(got, want) {
			t.Fatalf("sort by column %d: got %v want %v (%q)", c, got, want, out)
		}
	}
	check(0, []int{4, 2, 3, 1, 0}) // struct: null, {null,..}, {1,a}, {1,b}, {2,a}
	check(1, []int{4, 2, 1, 3, 0}) // arrays: null, [], [1], [1,null], [1,2]
	check(2, []int{4, 2, 0, 3, 1}) // decimals
	check(3, []int{2, 4, 1, 0, 3}) // timestamps
	check(4, []int{2, 1, 4, 0, 3}) // dates
}

func TestSortStableAndLarge(t *testing.T) {
	// Many batches across partitions, few distinct keys: ties must keep partition then row order.
	schema := schemaOf("k", arrow.PrimitiveTypes.Int64, "seq", arrow.PrimitiveTypes.Int64)
	r := rand.New(rand.NewSource(1))
	var parts [][]string
	type row struct{ k, seq int64 }
	var all []row
	seq := int64(0)
	for p := 0; p < 3; p++ {
		var batches []string
		for b := 0; b < 3; b++ {
			var items []string
			for i := 0; i < 2000; i++ {
				k := int64(r.Intn(50))
				all = append(all, row{k, seq})
				items = append(items, fmt.Sprintf(`{"k":%d,"seq":%d}`, k, seq))
				seq++
			}
			batches = append(batches, "["+strings.Join(items, ",")+"]")
		}
		parts = append(parts, batches)
	}
	src := source(t, schema, parts...)
	slices.SortStableFunc(all, func(a, b row) int { return int(a.k - b.k) })
	want := make([]string, len(all))
	for i, x := range all {
		want[i] = fmt.Sprintf("%d|%d", x.k, x.seq)
	}
	k := col(0, arrow.PrimitiveTypes.Int64)
	eqStrings(t, "stable sort", rows(t, mustSort(t, src, []SortKey{{Expr: k}}, -1)), want)
	eqStrings(t, "stable top-k", rows(t, mustSort(t, src, []SortKey{{Expr: k}}, 5555)), want[:5555])
	eqStrings(t, "stable top-k small", rows(t, mustSort(t, src, []SortKey{{Expr: k}}, 3)), want[:3])

	// Two keys (k DESC, seq DESC): wide fixed-width keys take the comparison path.
	seqc := col(1, arrow.PrimitiveTypes.Int64)
	desc := append([]string(nil), want...)
	slices.Reverse(desc)
	eqStrings(t, "two keys", rows(t, mustSort(t, src, []SortKey{{Expr: k, Descending: true}, {Expr: seqc, Descending: true}}, -1)), desc)

	// With a tight memory pool every partition spills several runs.
	pool := memory.NewPool(300 << 10)
	dir := memory.NewSpillDir(t.TempDir())
	defer dir.Close()
	ctx := memory.WithSpillDir(memory.WithPool(context.Background(), pool), dir)
	s := mustSort(t, src, []SortKey{{Expr: k}}, -1)
	got, err := tryRows(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "spilled sort", got, want)
	if s.Metrics()["spill_count"] == 0 {
		t.Fatalf("expected spills, metrics %v", s.Metrics())
	}
	if pool.Used() != 0 {
		t.Fatalf("pool still holds %d bytes", pool.Used())
	}

	// Descending string keys with a spill.
	schema2 := schemaOf("s", arrow.BinaryTypes.String)
	var items []string
	var strs []string
	for i := 0; i < 12000; i++ {
		v := strconv.Itoa(r.Intn(100000))
		strs = append(strs, v)
		items = append(items, fmt.Sprintf(`{"s":%q}`, v))
	}
	src2 := source(t, schema2, []string{"[" + strings.Join(items[:6000], ",") + "]", "[" + strings.Join(items[6000:], ",") + "]"})
	slices.Sort(strs)
	slices.Reverse(strs)
	got, err = tryRows(ctx, mustSort(t, src2, []SortKey{{Expr: col(0, arrow.BinaryTypes.String), Descending: true}}, -1))
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "spilled strings", got, strs)
}
