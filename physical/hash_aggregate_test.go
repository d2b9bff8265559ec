package physical

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/sparkerror"
)

var aggSchema = schemaOf("k", arrow.PrimitiveTypes.Int64, "s", arrow.BinaryTypes.String,
	"v", arrow.PrimitiveTypes.Int64, "d", arrow.PrimitiveTypes.Float64,
	"dec", &arrow.Decimal128Type{Precision: 10, Scale: 2}, "b", arrow.FixedWidthTypes.Boolean)

func aggSource(t testing.TB) *memSource {
	return source(t, aggSchema,
		[]string{`[{"k":1,"s":"x","v":10,"d":1.5,"dec":"1.00","b":true},{"k":2,"s":"y","v":null,"d":null,"dec":null,"b":null}]`,
			`[{"k":1,"s":"x","v":5,"d":-0.0,"dec":"2.00","b":false},{"k":null,"s":null,"v":7,"d":"NaN","dec":"2.00","b":true}]`},
		[]string{`[{"k":2,"s":"y","v":3,"d":2.5,"dec":"0.01","b":true},{"k":1,"s":"z","v":10,"d":0.0,"dec":null,"b":true}]`},
		[]string{},
		[]string{`[{"k":null,"s":null,"v":1,"d":"NaN","dec":"-3.00","b":false},{"k":3,"s":"x","v":null,"d":null,"dec":null,"b":null}]`})
}

func c(i int) *expr.Column { return col(i, aggSchema.Field(i).Type) }

// aggShapes runs an aggregation as Single, as Partial/Repartition/Final and as
// Partial/Coalesce/Final, and checks they agree (as sets); it returns the Single rows.
func aggShapes(t *testing.T, child ExecutionPlan, groups []expr.Expr, calls []aggregate.Call) []string {
	t.Helper()
	names := make([]string, len(groups))
	for i := range names {
		names[i] = fmt.Sprintf("g%d", i)
	}
	single, err := NewHashAggregate(child, groups, names, calls, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	want := rows(t, single)
	two, err := NewAggregate(child, groups, names, calls, 3)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "two-phase "+Explain(two), rows(t, two), want)
	partial, err := NewHashAggregate(child, groups, names, calls, AggregatePartial)
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]expr.Expr, len(groups))
	for i, g := range groups {
		keys[i] = col(i, g.DataType())
	}
	final, err := NewHashAggregate(NewCoalesce(partial), keys, names, calls, AggregateFinal)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "coalesced final", rows(t, final), want)
	return want
}

func call(fn string, args ...expr.Expr) aggregate.Call { return aggregate.Call{Fn: fn, Args: args} }

func TestAggregateGlobal(t *testing.T) {
	src := aggSource(t)
	calls := []aggregate.Call{call("count"), call("count", c(2)), call("sum", c(2)), call("avg", c(2)),
		call("min", c(1)), call("max", c(1)), call("min", c(3)), call("max", c(3)), call("sum", c(4)),
		call("avg", c(4)), call("bool_and", c(5)), call("bool_or", c(5)), call("count_if", c(5)),
		call("count", c(0), c(2)), {Fn: "count", Args: []expr.Expr{c(1)}, Distinct: true},
		{Fn: "sum", Args: []expr.Expr{c(2)}, Distinct: true}, call("max", c(0))}
	got := aggShapes(t, src, nil, calls)
	eqStrings(t, "global", got, []string{"8|6|36|6|x|z|-0|NaN|2.01|0.402|false|true|4|4|3|26|3"})

	empty := source(t, aggSchema, []string{}, []string{`[]`})
	got = aggShapes(t, empty, nil, append(calls, call("collect_list", c(1)), call("stddev", c(3)),
		call("first", c(2))))
	eqStrings(t, "global empty", got, []string{"0|0|null|null|null|null|null|null|null|null|null|null|0|0|0|null|null|[]|null|null"})
}

func TestAggregateGroups(t *testing.T) {
	src := aggSource(t)
	calls := []aggregate.Call{call("count"), call("sum", c(2)), call("max", c(4)), call("var_pop", c(0))}
	got := aggShapes(t, src, []expr.Expr{c(0)}, calls)
	eqSet(t, "by int key", got, []string{"1|3|25|2|0", "2|2|3|0.01|0", "3|1|null|null|0", "null|2|8|2|null"})
	// Order-sensitive results, from one table fed partition by partition.
	single, err := NewHashAggregate(src, []expr.Expr{c(0)}, []string{"k"}, []aggregate.Call{call("collect_list", c(2)),
		call("collect_set", c(1)), call("collect_set", c(5)), call("var_pop", c(2))}, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "collect", rows(t, single), []string{
		`1|[10,5,10]|["x","z"]|[true,false]|5.5555555555555545`, `2|[3]|["y"]|[true]|0`,
		`3|[]|["x"]|[]|null`, `null|[7,1]|[]|[true,false]|9`})
	// A string key with a NULL group, and a composite key.
	got = aggShapes(t, src, []expr.Expr{c(1)}, []aggregate.Call{call("count"), call("min", c(2))})
	eqSet(t, "by string", got, []string{"x|3|5", "y|2|3", "z|1|10", "null|2|1"})
	got = aggShapes(t, src, []expr.Expr{c(0), c(1)}, []aggregate.Call{call("count")})
	eqSet(t, "composite", got, []string{"1|x|2", "1|z|1", "2|y|2", "null|null|2", "3|x|1"})
	// Doubles: NaNs group together, -0.0 with 0.0 (the key comes out as 0).
	got = aggShapes(t, src, []expr.Expr{c(3)}, []aggregate.Call{call("count")})
	eqSet(t, "by double", got, []string{"1.5|1", "0|2", "NaN|2", "2.5|1", "null|2"})
	// DISTINCT: no aggregates.
	got = aggShapes(t, src, []expr.Expr{c(5)}, nil)
	eqSet(t, "distinct bool", got, []string{"true", "false", "null"})
	// FILTER.
	flt := aggregate.Call{Fn: "sum", Args: []expr.Expr{c(2)}, Filter: &cmpExpr{col: 2, op: ">", k: 4}}
	got = aggShapes(t, src, []expr.Expr{c(0)}, []aggregate.Call{flt, call("count")})
	eqSet(t, "filter", got, []string{"1|25|3", "2|null|2", "3|null|1", "null|7|2"})
	// first/last with and without IGNORE NULLS (single partition input keeps order).
	one := source(t, aggSchema, []string{`[{"k":1,"v":null},{"k":1,"v":4},{"k":1,"v":5},{"k":1,"v":null},{"k":2,"v":null}]`})
	got = aggShapes(t, one, []expr.Expr{c(0)}, []aggregate.Call{call("first", c(2)), call("last", c(2)),
		{Fn: "first", Args: []expr.Expr{c(2)}, IgnoreNulls: true}, {Fn: "last", Args: []expr.Expr{c(2)}, IgnoreNulls: true},
		{Fn: "any_value", Args: []expr.Expr{c(2)}, IgnoreNulls: true}})
	eqSet(t, "first/last", got, []string{"1|null|null|4|5|4", "2|null|null|null|null|null"})
}

func TestAggregateSparkSemantics(t *testing.T) {
	st := schemaOf("v", arrow.PrimitiveTypes.Int64, "dec", &arrow.Decimal128Type{Precision: 38, Scale: 0},
		"d", arrow.PrimitiveTypes.Float64)
	big := source(t, st, []string{`[{"v":9223372036854775807,"dec":"99999999999999999999999999999999999999","d":-10},
		{"v":1,"dec":"1","d":-20},{"v":null,"dec":null,"d":100},{"v":0,"dec":"0","d":1000}]`})
	v := col(0, arrow.PrimitiveTypes.Int64)
	dec := col(1, &arrow.Decimal128Type{Precision: 38, Scale: 0})
	d := col(2, arrow.PrimitiveTypes.Float64)
	got := aggShapes(t, big, nil, []aggregate.Call{call("sum", v), call("sum", dec), call("avg", dec), call("var_pop", d)})
	eqStrings(t, "overflow without ANSI", got, []string{"-9223372036854775808|null|null|181068.74999999997"})

	// Spark's documented results come from two partitions merged by the final step.
	two := source(t, st, []string{`[{"d":-10},{"d":-20}]`}, []string{`[{"d":100},{"d":1000}]`})
	moments := []aggregate.Call{call("skewness", d), call("kurtosis", d), call("var_pop", d), call("stddev_pop", d)}
	partial, err := NewHashAggregate(two, nil, nil, moments, AggregatePartial)
	if err != nil {
		t.Fatal(err)
	}
	final, err := NewHashAggregate(NewCoalesce(partial), nil, nil, moments, AggregateFinal)
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "moments", rows(t, final), []string{"1.1135657469022011|-0.7014368047529627|181068.75|425.5217385751285"})
	two = source(t, st, []string{`[{"d":1},{"d":10}]`}, []string{`[{"d":100},{"d":10},{"d":1}]`})
	partial, _ = NewHashAggregate(two, nil, nil, moments[1:2], AggregatePartial)
	final, _ = NewHashAggregate(NewCoalesce(partial), nil, nil, moments[1:2], AggregateFinal)
	eqStrings(t, "kurtosis", rows(t, final), []string{"0.19432323191699075"})

	for _, c := range []aggregate.Call{{Fn: "sum", Args: []expr.Expr{v}, ANSI: true},
		{Fn: "sum", Args: []expr.Expr{dec}, ANSI: true}, {Fn: "avg", Args: []expr.Expr{dec}, ANSI: true}} {
		agg, err := NewHashAggregate(big, nil, nil, []aggregate.Call{c}, AggregateSingle)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tryRows(context.Background(), agg)
		e, ok := sparkerror.As(err)
		if !ok || e.Class != "ARITHMETIC_OVERFLOW" || e.SQLState != "22003" {
			t.Fatalf("%s under ANSI: %v", c.Fn, err)
		}
	}

	// avg of decimal(10,2) rounds HALF_UP at scale 6 into decimal(14,6).
	ds := schemaOf("x", &arrow.Decimal128Type{Precision: 10, Scale: 2}, "g", arrow.PrimitiveTypes.Int64)
	src := source(t, ds, []string{`[{"x":"1.00","g":1},{"x":"2.00","g":1},{"x":"2.00","g":1},{"x":"-1.00","g":2},{"x":"-2.00","g":2},{"x":"-2.00","g":2},{"x":"0.01","g":3},{"x":"0.00","g":3},{"x":"0.00","g":3},{"x":"0.00","g":3},{"x":"0.00","g":3},{"x":"0.00","g":3},{"x":"0.00","g":3},{"x":"0.00","g":3}]`})
	x := col(0, &arrow.Decimal128Type{Precision: 10, Scale: 2})
	agg, err := NewHashAggregate(src, []expr.Expr{col(1, arrow.PrimitiveTypes.Int64)}, []string{"g"}, []aggregate.Call{call("avg", x), call("sum", x)}, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	if ft := agg.Schema().Field(1).Type.String(); ft != "decimal(14, 6)" {
		t.Fatalf("avg type %s", ft)
	}
	if ft := agg.Schema().Field(2).Type.String(); ft != "decimal(20, 2)" {
		t.Fatalf("sum type %s", ft)
	}
	eqSet(t, "avg decimal", rows(t, agg), []string{"1|1.666667|5", "2|-1.666667|-5", "3|0.00125|0.01"})

	// stddev_samp/var_samp of one row: NULL, or NaN with the legacy flag.
	one := source(t, st, []string{`[{"d":3}]`})
	got = aggShapes(t, one, nil, []aggregate.Call{call("stddev_samp", d), call("var_samp", d), call("stddev_pop", d),
		{Fn: "stddev", Args: []expr.Expr{d}, LegacyStatisticalAggregate: true}})
	eqStrings(t, "one row stats", got, []string{"null|null|0|NaN"})

	// Result types.
	for _, tc := range []struct {
		fn   string
		arg  expr.Expr
		want string
	}{{"sum", v, "int64"}, {"avg", v, "float64"}, {"sum", d, "float64"}, {"sum", dec, "decimal(38, 0)"},
		{"avg", dec, "decimal(38, 4)"}, {"count", v, "int64"}, {"collect_list", v, "list<element: int64>"},
		{"min", dec, "decimal(38, 0)"}, {"stddev", v, "float64"}} {
		f, err := aggregate.New(call(tc.fn, tc.arg))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.ArrowResultType().String(); got != tc.want {
			t.Fatalf("%s result type %s, want %s", tc.fn, got, tc.want)
		}
	}
}

func TestAggregateManyGroupsAndMemory(t *testing.T) {
	// 50k groups over several partitions and batches, int and string keys.
	schema := schemaOf("k", arrow.PrimitiveTypes.Int64, "s", arrow.BinaryTypes.String)
	r := rand.New(rand.NewSource(7))
	want := map[int64]int{}
	var parts [][]string
	for p := 0; p < 4; p++ {
		var batches []string
		for b := 0; b < 4; b++ {
			var items []string
			for i := 0; i < 3000; i++ {
				k := int64(r.Intn(20000))
				want[k]++
				items = append(items, fmt.Sprintf(`{"k":%d,"s":"s%d"}`, k, k))
			}
			batches = append(batches, "["+strings.Join(items, ",")+"]")
		}
		parts = append(parts, batches)
	}
	src := source(t, schema, parts...)
	var wantRows, wantStr []string
	for k, n := range want {
		wantRows = append(wantRows, fmt.Sprintf("%d|%d", k, n))
		wantStr = append(wantStr, fmt.Sprintf("s%d|%d", k, n))
	}
	sort.Strings(wantRows)
	got := aggShapes(t, src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []aggregate.Call{call("count")})
	eqSet(t, "many int groups", got, wantRows)
	got = aggShapes(t, src, []expr.Expr{col(1, arrow.BinaryTypes.String)}, []aggregate.Call{call("count")})
	eqSet(t, "many string groups", got, wantStr)

	// Under a small pool, Partial emits early and Final still gets it right, and a Single
	// aggregate spills sorted runs and merges them.
	ctx := memory.WithPool(context.Background(), memory.NewPool(400<<10))
	agg, err := NewAggregate(src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []string{"k"}, []aggregate.Call{call("count")}, 1)
	if err != nil {
		t.Fatal(err)
	}
	partial := agg.Children()[0].Children()[0].(*HashAggregate)
	single, err := NewHashAggregate(NewCoalesce(src), []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []string{"k"}, []aggregate.Call{call("count")}, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	got, err = tryRows(ctx, single)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "single under a small pool", got, wantRows)
	if single.Metrics()["spill_count"] == 0 {
		t.Fatalf("single did not spill: %v", single.Metrics())
	}
	ctx = memory.WithPool(context.Background(), memory.NewPool(4<<20))
	got, err = tryRows(ctx, agg)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "two-phase under a 4 MiB pool", got, wantRows)

	// A Partial aggregate alone under a small pool emits its groups several times.
	ctx = memory.WithPool(context.Background(), memory.NewPool(300<<10))
	var states []arrow.RecordBatch
	err = Collect(ctx, NewCoalesce(partial), func(b arrow.RecordBatch) error {
		states = append(states, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if partial.Metrics()["spill_count"] == 0 {
		t.Fatalf("partial did not flush early: %v", partial.Metrics())
	}
	final, err := NewHashAggregate(NewValues(partial.Schema(), states), []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)},
		[]string{"k"}, []aggregate.Call{call("count")}, AggregateFinal)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "final over flushed partials", rows(t, final), wantRows)
}
