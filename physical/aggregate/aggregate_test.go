package aggregate

import (
	"bytes"
	"cmp"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

func fromJSON(t testing.TB, dt arrow.DataType, js string) arrow.Array {
	t.Helper()
	a, _, err := array.FromJSON(memory.DefaultAllocator, dt, strings.NewReader(js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return a
}

func strs(a arrow.Array) []string {
	out := make([]string, a.Len())
	for i := range out {
		if a.DataType().ID() == arrow.NULL || a.IsNull(i) {
			out[i] = "null"
		} else {
			out[i] = a.ValueStr(i)
		}
	}
	return out
}

func TestRowFormatOrder(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	n := 2000
	ints := make([]*int64, n)
	dbls := make([]*float64, n)
	ss := make([]*string, n)
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e-300, -1e300}
	alphabet := []string{"", "a", "\x00", "ab", "a\x00", "\xff", "é", "b"}
	ib := array.NewInt64Builder(memory.DefaultAllocator)
	db := array.NewFloat64Builder(memory.DefaultAllocator)
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	for i := range n {
		if r.Intn(10) == 0 {
			ib.AppendNull()
		} else {
			v := r.Int63n(200) - 100
			if r.Intn(20) == 0 {
				v = math.MinInt64 + r.Int63n(3)
			}
			ints[i] = &v
			ib.Append(v)
		}
		if r.Intn(10) == 0 {
			db.AppendNull()
		} else {
			v := float64(r.Intn(7)) - 3
			if r.Intn(3) == 0 {
				v = specials[r.Intn(len(specials))]
			}
			dbls[i] = &v
			db.Append(v)
		}
		if r.Intn(10) == 0 {
			sb.AppendNull()
		} else {
			v := alphabet[r.Intn(len(alphabet))] + alphabet[r.Intn(len(alphabet))]
			ss[i] = &v
			sb.Append(v)
		}
	}
	cols := []arrow.Array{ib.NewArray(), db.NewArray(), sb.NewArray()}
	fkey := func(v float64) uint64 { return Float64Key(v) }
	nullCmp := func(an, bn, nullsFirst bool) (int, bool) {
		switch {
		case an && bn:
			return 0, true
		case an:
			if nullsFirst {
				return -1, true
			}
			return 1, true
		case bn:
			if nullsFirst {
				return 1, true
			}
			return -1, true
		}
		return 0, false
	}
	for _, desc := range []bool{false, true} {
		for _, nf := range []bool{false, true} {
			fields := []SortField{{cols[0].DataType(), desc, nf}, {cols[1].DataType(), !desc, nf}, {cols[2].DataType(), desc, !nf}}
			enc, err := NewRowEncoder(fields)
			if err != nil {
				t.Fatal(err)
			}
			var rows Rows
			enc.Encode(cols, n, &rows)
			ref := func(a, b int) int {
				sign := func(c int, d bool) int {
					if d {
						return -c
					}
					return c
				}
				if c, ok := nullCmp(ints[a] == nil, ints[b] == nil, nf); ok {
					if c != 0 {
						return c
					}
				} else if c := sign(cmp.Compare(*ints[a], *ints[b]), desc); c != 0 {
					return c
				}
				if c, ok := nullCmp(dbls[a] == nil, dbls[b] == nil, nf); ok {
					if c != 0 {
						return c
					}
				} else if c := sign(cmp.Compare(fkey(*dbls[a]), fkey(*dbls[b])), !desc); c != 0 {
					return c
				}
				if c, ok := nullCmp(ss[a] == nil, ss[b] == nil, !nf); ok {
					return c
				}
				return sign(strings.Compare(*ss[a], *ss[b]), desc)
			}
			for k := 0; k < 20000; k++ {
				a, b := r.Intn(n), r.Intn(n)
				got := bytes.Compare(rows.Row(a), rows.Row(b))
				if want := ref(a, b); got != want {
					t.Fatalf("desc=%v nullsFirst=%v rows %d,%d: got %d want %d (%v %v %v / %v %v %v)", desc, nf, a, b, got, want,
						ints[a], dbls[a], ss[a], ints[b], dbls[b], ss[b])
				}
			}
		}
	}
	// -0.0 == 0.0 and NaN == NaN in the encoding; NaN sorts above +Inf.
	if Float64Key(math.Copysign(0, -1)) != Float64Key(0) || Float64Key(math.NaN()) != Float64Key(-math.NaN()) ||
		Float64Key(math.NaN()) <= Float64Key(math.Inf(1)) {
		t.Fatal("float keys")
	}
}

func TestRowFormatNestedAndMaps(t *testing.T) {
	lt := arrow.ListOf(arrow.BinaryTypes.String)
	a := fromJSON(t, lt, `[["b"], ["a","b"], ["a"], [], null, ["a", null], [null]]`)
	enc, err := NewRowEncoder([]SortField{{Type: lt, NullsFirst: true}})
	if err != nil {
		t.Fatal(err)
	}
	var rows Rows
	enc.Encode([]arrow.Array{a}, a.Len(), &rows)
	idx := []int{0, 1, 2, 3, 4, 5, 6}
	slices.SortStableFunc(idx, func(x, y int) int { return bytes.Compare(rows.Row(x), rows.Row(y)) })
	// null, [], [null], [a], [a, null], [a, b], [b]
	if !slices.Equal(idx, []int{4, 3, 6, 2, 5, 1, 0}) {
		t.Fatalf("array order %v", idx)
	}
	// Maps key as their entry lists (grouping sorts the entries first): equal entries give
	// equal bytes, and a NULL map, an empty map and other entries differ.
	mt := arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32)
	m := fromJSON(t, mt, `[[{"key":"a","value":1}], [{"key":"a","value":1}], [{"key":"a","value":2}], [], null]`)
	menc, err := NewRowEncoder([]SortField{{Type: mt, NullsFirst: true}})
	if err != nil {
		t.Fatalf("map keys: %v", err)
	}
	var mrows Rows
	menc.Encode([]arrow.Array{m}, m.Len(), &mrows)
	if !bytes.Equal(mrows.Row(0), mrows.Row(1)) {
		t.Error("equal maps encode differently")
	}
	for i := 1; i < 5; i++ {
		for j := i + 1; j < 5; j++ {
			if bytes.Equal(mrows.Row(i), mrows.Row(j)) {
				t.Errorf("maps %d and %d encode alike", i, j)
			}
		}
	}
}

func TestTakeEveryType(t *testing.T) {
	cases := []struct {
		dt   arrow.DataType
		js   string
		want string // Take rows [2, -1, 0, 0]
	}{
		{arrow.Null, `[null, null, null]`, "null null null null"},
		{arrow.FixedWidthTypes.Boolean, `[true, null, false]`, "false null true true"},
		{arrow.PrimitiveTypes.Int8, `[1, null, -3]`, "-3 null 1 1"},
		{arrow.PrimitiveTypes.Int16, `[1, null, -3]`, "-3 null 1 1"},
		{arrow.PrimitiveTypes.Int32, `[1, null, -3]`, "-3 null 1 1"},
		{arrow.PrimitiveTypes.Int64, `[1, null, -3]`, "-3 null 1 1"},
		{arrow.PrimitiveTypes.Float32, `[1.5, null, -3]`, "-3 null 1.5 1.5"},
		{arrow.PrimitiveTypes.Float64, `[1.5, null, -3]`, "-3 null 1.5 1.5"},
		{arrow.BinaryTypes.String, `["x", null, "yz"]`, "yz null x x"},
		{arrow.BinaryTypes.Binary, `["AQI=", null, ""]`, " null AQI= AQI="},
		{arrow.BinaryTypes.LargeString, `["x", null, "yz"]`, "yz null x x"},
		{&arrow.Decimal128Type{Precision: 20, Scale: 2}, `["1.25", null, "-100.00"]`, "-100 null 1.25 1.25"},
		{arrow.FixedWidthTypes.Date32, `["2020-01-01", null, "1969-12-31"]`, "1969-12-31 null 2020-01-01 2020-01-01"},
		{&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, `["2020-01-01T00:00:00Z", null, "1900-01-01T00:00:01Z"]`,
			"1900-01-01T00:00:01Z null 2020-01-01T00:00:00Z 2020-01-01T00:00:00Z"},
		{&arrow.DurationType{Unit: arrow.Microsecond}, `[5, null, -7]`, "-7us null 5us 5us"},
		{arrow.FixedWidthTypes.MonthInterval, `[{"months":5}, null, {"months":-1}]`, "-1 null 5 5"},
		{arrow.FixedWidthTypes.MonthDayNanoInterval, `[{"months":1,"days":2,"nanoseconds":3}, null, {"months":0,"days":0,"nanoseconds":-1}]`,
			`{"months":0,"days":0,"nanoseconds":-1} null {"months":1,"days":2,"nanoseconds":3} {"months":1,"days":2,"nanoseconds":3}`},
		{arrow.ListOf(arrow.PrimitiveTypes.Int32), `[[1,2], null, [null]]`, "[null] null [1,2] [1,2]"},
		{arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64), `[[{"key":"a","value":1}], null, []]`,
			`[] null [{"key":"a","value":1}] [{"key":"a","value":1}]`},
		{arrow.StructOf(arrow.Field{Name: "x", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
			arrow.Field{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true}), `[{"x":1,"s":"a"}, null, {"x":null,"s":"b"}]`,
			`{"s":"b","x":null} null {"s":"a","x":1} {"s":"a","x":1}`},
	}
	for _, c := range cases {
		a := fromJSON(t, c.dt, c.js)
		got, err := Take(a, []int32{2, -1, 0, 0})
		if err != nil {
			t.Fatalf("%s: %v", c.dt, err)
		}
		if !arrow.TypeEqual(got.DataType(), c.dt) {
			t.Fatalf("%s: type %s", c.dt, got.DataType())
		}
		if s := strings.Join(strs(got), " "); s != c.want {
			t.Fatalf("%s: got %q want %q", c.dt, s, c.want)
		}
		// Interleave from a slice and the array itself.
		sl := array.NewSlice(a, 1, 3)
		mixed, err := Interleave(c.dt, []arrow.Array{a, sl}, []int32{1, 0, 1}, []int32{1, 0, 0})
		if err != nil {
			t.Fatalf("%s interleave: %v", c.dt, err)
		}
		if !slices.Equal(strs(mixed), []string{strs(a)[2], strs(a)[0], strs(a)[1]}) {
			t.Fatalf("%s interleave: %v from %v", c.dt, strs(mixed), strs(a))
		}
	}
}

func TestGroupTableKinds(t *testing.T) {
	for _, c := range []struct {
		dt     arrow.DataType
		js     string
		groups string
		ids    []uint32
	}{
		{arrow.PrimitiveTypes.Int32, `[3, null, 3, -1, null]`, "3 null -1", []uint32{0, 1, 0, 2, 1}},
		{arrow.PrimitiveTypes.Float64, `[0.0, -0.0, "NaN", null, "NaN", 1]`, "0 NaN null 1", []uint32{0, 0, 1, 2, 1, 3}},
		{arrow.FixedWidthTypes.Boolean, `[true, false, null, true]`, "true false null", []uint32{0, 1, 2, 0}},
		{arrow.BinaryTypes.String, `["a", null, "", "a", "b"]`, "a null  b", []uint32{0, 1, 2, 0, 3}},
		{&arrow.Decimal128Type{Precision: 5, Scale: 1}, `["1.0", "1.0", null, "-2.5"]`, "1 null -2.5", []uint32{0, 0, 1, 2}},
		{arrow.ListOf(arrow.PrimitiveTypes.Int64), `[[1], [1, 2], [1], null, []]`, "[1] [1,2] null []", []uint32{0, 1, 0, 2, 3}},
	} {
		tab, err := NewGroupTable([]arrow.DataType{c.dt})
		if err != nil {
			t.Fatal(err)
		}
		a := fromJSON(t, c.dt, c.js)
		ids := tab.Intern([]arrow.Array{a}, nil)
		if !slices.Equal(ids, c.ids) {
			t.Fatalf("%s: ids %v want %v", c.dt, ids, c.ids)
		}
		keys, err := tab.KeyColumns()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(strs(keys[0]), " "); got != c.groups {
			t.Fatalf("%s: groups %q want %q", c.dt, got, c.groups)
		}
		var sc LookupScratch
		found := tab.Lookup([]arrow.Array{a}, nil, &sc)
		for i, id := range c.ids {
			if found[i] != int32(id) {
				t.Fatalf("%s: lookup %v", c.dt, found)
			}
		}
	}
	// Many keys force the tables to grow.
	tab, _ := NewGroupTable([]arrow.DataType{arrow.PrimitiveTypes.Int64, arrow.BinaryTypes.String})
	ib := array.NewInt64Builder(memory.DefaultAllocator)
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	for i := range 100000 {
		ib.Append(int64(i % 5000))
		sb.Append(string(rune('a' + i%3)))
	}
	ids := tab.Intern([]arrow.Array{ib.NewArray(), sb.NewArray()}, nil)
	if tab.NumGroups() != 15000 || ids[5000*3] != 0 {
		t.Fatalf("composite groups %d", tab.NumGroups())
	}
}

// runAcc aggregates rows split over two "partitions", merges the states, and evaluates.
func runAcc(t *testing.T, c Call, groups []uint32, args ...arrow.Array) string {
	t.Helper()
	f, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	ng := 0
	for _, g := range groups {
		ng = max(ng, int(g)+1)
	}
	half := len(groups) / 2
	var states [][]arrow.Array
	for _, part := range [][2]int{{0, half}, {half, len(groups)}} {
		acc := f.NewAccumulator()
		acc.Resize(ng)
		sub := make([]arrow.Array, len(args))
		for i, a := range args {
			sub[i] = array.NewSlice(a, int64(part[0]), int64(part[1]))
		}
		if err := acc.Update(groups[part[0]:part[1]], sub); err != nil {
			t.Fatal(err)
		}
		st, err := acc.State()
		if err != nil {
			t.Fatal(err)
		}
		for i, sf := range f.StateFields() {
			if !arrow.TypeEqual(st[i].DataType(), sf.Type) {
				t.Fatalf("%s state %d is %s, not %s", c.Fn, i, st[i].DataType(), sf.Type)
			}
		}
		states = append(states, st)
	}
	final := f.NewAccumulator()
	final.Resize(ng)
	ids := make([]uint32, ng)
	for i := range ids {
		ids[i] = uint32(i)
	}
	for _, st := range states {
		if err := final.Merge(ids, st); err != nil {
			t.Fatal(err)
		}
	}
	res, err := final.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if !arrow.TypeEqual(res.DataType(), f.ArrowResultType()) {
		t.Fatalf("%s result %s, not %s", c.Fn, res.DataType(), f.ArrowResultType())
	}
	return strings.Join(strs(res), " ")
}

func TestAccumulatorsMerge(t *testing.T) {
	i64 := arrow.PrimitiveTypes.Int64
	v := fromJSON(t, i64, `[1, 2, 2, null, 5, 1, 2, null]`)
	w := fromJSON(t, arrow.BinaryTypes.String, `["a", "b", null, "b", "a", "c", "b", "a"]`)
	g := []uint32{0, 0, 1, 1, 0, 0, 1, 2}
	arg := &expr.Column{Index: 0, Type: i64}
	sarg := &expr.Column{Index: 1, Type: arrow.BinaryTypes.String}
	check := func(c Call, want string, args ...arrow.Array) {
		t.Helper()
		if got := runAcc(t, c, g, args...); got != want {
			t.Fatalf("%s distinct=%v: got %q want %q", c.Fn, c.Distinct, got, want)
		}
	}
	check(Call{Fn: "count", Args: []expr.Expr{arg}, Distinct: true}, "3 1 0", v)
	check(Call{Fn: "count", Args: []expr.Expr{arg, sarg}, Distinct: true}, "4 1 0", v, w)
	check(Call{Fn: "sum", Args: []expr.Expr{arg}, Distinct: true}, "8 2 null", v)
	check(Call{Fn: "avg", Args: []expr.Expr{arg}, Distinct: true}, "2.6666666666666665 2 null", v)
	check(Call{Fn: "collect_set", Args: []expr.Expr{sarg}}, `["a","b","c"] ["b"] ["a"]`, w)
	check(Call{Fn: "collect_list", Args: []expr.Expr{arg}}, "[1,2,5,1] [2,2] []", v)
	check(Call{Fn: "max", Args: []expr.Expr{sarg}}, "c b a", w)
	check(Call{Fn: "min", Args: []expr.Expr{sarg}}, "a b a", w)
	check(Call{Fn: "first", Args: []expr.Expr{arg}}, "1 2 null", v)
	check(Call{Fn: "last", Args: []expr.Expr{arg}}, "1 2 null", v)
	check(Call{Fn: "last", Args: []expr.Expr{arg}, IgnoreNulls: true}, "1 2 null", v)
	check(Call{Fn: "var_samp", Args: []expr.Expr{arg}}, "3.5833333333333335 0 null", v)
	// min/max of a struct go through the row format.
	st := arrow.StructOf(arrow.Field{Name: "a", Type: i64, Nullable: true})
	sv := fromJSON(t, st, `[{"a":3}, {"a":null}, {"a":1}, null, {"a":2}, {"a":5}, null, null]`)
	check(Call{Fn: "max", Args: []expr.Expr{&expr.Column{Index: 0, Type: st}}}, `{"a":5} {"a":1} null`, sv)
	check(Call{Fn: "min", Args: []expr.Expr{&expr.Column{Index: 0, Type: st}}}, `{"a":null} {"a":1} null`, sv)
}

func TestFunctionResolution(t *testing.T) {
	if _, err := New(Call{Fn: "percentile_cont", InputTypes: []types.DataType{types.Double}}); err == nil {
		t.Fatal("unknown function")
	}
	if _, err := New(Call{Fn: "sum", InputTypes: []types.DataType{types.String}}); err == nil {
		t.Fatal("sum of strings must be rejected")
	}
	if _, err := New(Call{Fn: "sum"}); err == nil {
		t.Fatal("sum() must be rejected")
	}
	for _, c := range []struct {
		fn   string
		in   types.DataType
		want string
	}{
		{"sum", types.Integer, "bigint"}, {"sum", types.Float, "double"},
		{"sum", types.DecimalType{Precision: 30, Scale: 5}, "decimal(38,5)"},
		{"avg", types.DecimalType{Precision: 36, Scale: 36}, "decimal(38,38)"},
		{"avg", types.Short, "double"}, {"mean", types.DefaultYearMonthInterval, "interval year to month"},
		{"sum", types.DayTimeIntervalType{StartField: types.Day, EndField: types.Day}, "interval day"},
		{"avg", types.DayTimeIntervalType{StartField: types.Day, EndField: types.Day}, "interval day to second"},
		{"collect_set", types.String, "array<string>"}, {"every", types.Boolean, "boolean"},
		{"first_value", types.Date, "date"}, {"count_if", types.Boolean, "bigint"}, {"std", types.Integer, "double"},
	} {
		rt, err := ResultType(c.fn, []types.DataType{c.in})
		if err != nil {
			t.Fatalf("%s(%s): %v", c.fn, c.in.SimpleString(), err)
		}
		if rt.SimpleString() != c.want {
			t.Fatalf("%s(%s) = %s, want %s", c.fn, c.in.SimpleString(), rt.SimpleString(), c.want)
		}
	}
	if _, err := New(Call{Fn: "sum", InputTypes: []types.DataType{types.Integer}, ResultType: types.Double}); err == nil {
		t.Fatal("a mismatched ResultType must be reported")
	}
}
