package physical

import (
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/types"
)

// values builds a Values leaf from JSON rows, one string per batch.
func encValues(t testing.TB, schema *arrow.Schema, batches ...string) *Values {
	t.Helper()
	var bs []arrow.RecordBatch
	for _, js := range batches {
		b, _, err := array.RecordFromJSON(arrowmem.DefaultAllocator, schema, strings.NewReader(js))
		if err != nil {
			t.Fatalf("bad test JSON %s: %v", js, err)
		}
		bs = append(bs, b)
	}
	return NewValues(schema, bs)
}

// roundTrip encodes p, marshals the message to bytes and back, and decodes it.
func roundTrip(t testing.TB, p ExecutionPlan) ExecutionPlan {
	t.Helper()
	m, err := EncodePlan(p)
	if err != nil {
		t.Fatalf("encode %s: %v", Explain(p), err)
	}
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back physicalpb.Plan
	if err := proto.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	q, err := DecodePlan(&back, DecodeContext{})
	if err != nil {
		t.Fatalf("decode %s: %v", Explain(p), err)
	}
	return q
}

// checkRoundTrip checks that the decoded plan explains and runs as the original: the same
// schema, partitions, EXPLAIN text and rows (in order when ordered).
func checkRoundTrip(t *testing.T, p ExecutionPlan, ordered bool) {
	t.Helper()
	q := roundTrip(t, p)
	if got, want := Explain(q), Explain(p); got != want {
		t.Fatalf("explain after round trip:\n%s\nwant\n%s", got, want)
	}
	if !q.Schema().Equal(p.Schema()) {
		t.Fatalf("schema after round trip %s, want %s", q.Schema(), p.Schema())
	}
	if q.Partitions() != p.Partitions() {
		t.Fatalf("partitions after round trip %d, want %d", q.Partitions(), p.Partitions())
	}
	want, got := rows(t, p), rows(t, q)
	if len(want) == 0 && p.Schema().NumFields() > 0 {
		t.Fatalf("test plan gives no rows: %s", Explain(p))
	}
	if ordered {
		eqStrings(t, "rows after round trip", got, want)
	} else {
		eqSet(t, "rows after round trip", got, want)
	}
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestEncodeOperators(t *testing.T) {
	i64, str := arrow.PrimitiveTypes.Int64, arrow.BinaryTypes.String
	kv := schemaOf("k", i64, "v", str)
	kvRows := []string{`[{"k":1,"v":"a"},{"k":2,"v":"b"},{"k":null,"v":"c"}]`, `[{"k":3,"v":null},{"k":2,"v":"e"}]`}
	src := func() *Values { return encValues(t, kv, kvRows...) }
	right := func() *Values {
		return encValues(t, schemaOf("k2", i64, "w", str), `[{"k2":2,"w":"x"},{"k2":3,"w":"y"},{"k2":5,"w":"z"},{"k2":null,"w":"n"}]`)
	}
	k, v := col(0, i64), col(1, str)
	gt1 := must[expr.Expr](t)(expr.NewCompare(expr.GT, k, lit(types.Long, int64(1))))
	plus := must[expr.Expr](t)(expr.NewArith("+", k, lit(types.Long, int64(10)), types.Long, true))

	cases := []struct {
		name    string
		build   func() ExecutionPlan
		ordered bool
	}{
		{"values", func() ExecutionPlan { return src() }, true},
		{"one row", func() ExecutionPlan { return NewOneRow() }, true},
		{"range", func() ExecutionPlan { return NewRange(3, 40, 4, 3) }, true},
		{"filter", func() ExecutionPlan { return NewFilter(src(), gt1) }, true},
		{"project", func() ExecutionPlan {
			return NewProject(src(), []expr.Expr{plus, v}, schemaOf("k10", i64, "v", str))
		}, true},
		{"rename", func() ExecutionPlan { return NewRename(src(), schemaOf("a", i64, "b", str)) }, true},
		{"limit", func() ExecutionPlan { return NewLimit(src(), 3) }, true},
		{"limit offset", func() ExecutionPlan { return NewLimitOffset(src(), 2, 1) }, true},
		{"offset", func() ExecutionPlan { return NewLimitOffset(src(), -1, 2) }, true},
		{"union", func() ExecutionPlan { return must[*Union](t)(NewUnion(src(), src())) }, true},
		{"coalesce", func() ExecutionPlan { return NewCoalesce(NewRoundRobin(src(), 3)) }, false},
		{"hash repartition", func() ExecutionPlan { return must[*Repartition](t)(NewRepartition(src(), []expr.Expr{k}, 4)) }, true},
		{"round robin", func() ExecutionPlan { return NewRoundRobin(src(), 2) }, false},
		{"expand", func() ExecutionPlan {
			return must[*Expand](t)(NewExpand(src(), [][]expr.Expr{{k, v}, {plus, lit(types.String, "x")}}, schemaOf("k", i64, "v", str)))
		}, true},
		{"sort", func() ExecutionPlan {
			return must[*Sort](t)(NewSort(src(), []SortKey{{Expr: k, Descending: true, NullsFirst: true}, {Expr: v}}, -1))
		}, true},
		{"top k", func() ExecutionPlan { return must[*Sort](t)(NewSort(src(), []SortKey{{Expr: v}}, 2)) }, true},
		{"aggregate single", func() ExecutionPlan {
			return must[*HashAggregate](t)(NewHashAggregate(src(), []expr.Expr{k}, []string{"k"},
				[]aggregate.Call{{Fn: "count"}, {Fn: "max", Args: []expr.Expr{v}, Name: "m"},
					{Fn: "count", Args: []expr.Expr{v}, Distinct: true, Filter: gt1}}, AggregateSingle))
		}, false},
		{"aggregate partial final", func() ExecutionPlan {
			return must[ExecutionPlan](t)(NewAggregate(NewRoundRobin(src(), 2), []expr.Expr{v}, []string{"v"},
				[]aggregate.Call{{Fn: "sum", Args: []expr.Expr{k}, InputTypes: []types.DataType{types.Long}, ResultType: types.Long, ANSI: true},
					{Fn: "avg", Args: []expr.Expr{k}}}, 3))
		}, false},
		{"global aggregate", func() ExecutionPlan {
			return must[*HashAggregate](t)(NewHashAggregate(src(), nil, nil,
				[]aggregate.Call{{Fn: "stddev", Args: []expr.Expr{must[expr.Expr](t)(expr.NewCast(k, types.Long, types.Double, expr.CastOptions{}))},
					LegacyStatisticalAggregate: true}}, AggregateSingle))
		}, true},
		{"nested loop join", func() ExecutionPlan {
			f := must[expr.Expr](t)(expr.NewCompare(expr.LT, col(0, i64), col(2, i64)))
			return must[*NestedLoopJoin](t)(NewNestedLoopJoin(src(), right(), LeftOuterJoin, f))
		}, false},
		{"cross join", func() ExecutionPlan {
			return must[*NestedLoopJoin](t)(NewNestedLoopJoin(src(), right(), InnerJoin, nil))
		}, false},
		{"null-aware anti join", func() ExecutionPlan {
			r := NewFilter(right(), must[expr.Expr](t)(expr.NewIsNotNull(col(0, i64))))
			return must[*HashJoin](t)(NewHashJoin(src(), r, []expr.Expr{k}, []expr.Expr{col(0, i64)}, nil, NullAwareLeftAntiJoin, nil))
		}, false},
		{"window", func() ExecutionPlan {
			frame := WindowFrame{Type: RowsFrame, Lower: FrameBound{Kind: Preceding, Offset: lit(types.Integer, int32(1))},
				Upper: FrameBound{Kind: CurrentRow}}
			rangeFrame := WindowFrame{Type: RangeFrame, Lower: FrameBound{Kind: UnboundedPreceding},
				Upper: FrameBound{Kind: Following, Offset: lit(types.Long, int64(1))}, TimeZone: time.FixedZone("+01:00", 3600)}
			return must[*Window](t)(NewWindow(src(), []expr.Expr{v}, []SortKey{{Expr: k}}, []WindowFunc{
				{Fn: "row_number"},
				{Fn: "sum", Args: []expr.Expr{k}, Frame: frame, Name: "s"},
				{Fn: "count", Args: []expr.Expr{k}, Frame: rangeFrame, InputTypes: []types.DataType{types.Long}},
				{Fn: "lag", Args: []expr.Expr{k, lit(types.Integer, int32(1)), lit(types.Long, int64(-1))}},
				{Fn: "last_value", Args: []expr.Expr{k}, IgnoreNulls: true, Frame: frame},
				{Fn: "rank"}, {Fn: "dense_rank"}, {Fn: "percent_rank"}, {Fn: "cume_dist"},
				{Fn: "ntile", Args: []expr.Expr{lit(types.Integer, int32(2))}},
				{Fn: "lead", Args: []expr.Expr{v, lit(types.Integer, int32(2))}},
				{Fn: "first_value", Args: []expr.Expr{v}},
				{Fn: "max", Args: []expr.Expr{v}, Distinct: true, Filter: gt1},
			}))
		}, true},
		{"show string", func() ExecutionPlan {
			return NewShowString(src(), 2, 20, false, format.Options{TimeZone: time.UTC, BinaryStyle: format.BinaryHex, Style: format.StyleHive})
		}, true},
	}
	for _, jt := range []JoinType{InnerJoin, LeftOuterJoin, RightOuterJoin, FullOuterJoin, LeftSemiJoin, LeftAntiJoin} {
		cases = append(cases, struct {
			name    string
			build   func() ExecutionPlan
			ordered bool
		}{"hash join " + jt.String(), func() ExecutionPlan {
			var f expr.Expr
			if jt == InnerJoin {
				f = must[expr.Expr](t)(expr.NewCompare(expr.NE, col(1, str), col(3, str)))
			}
			return must[*HashJoin](t)(NewHashJoin(src(), right(), []expr.Expr{k}, []expr.Expr{col(0, i64)}, []bool{jt == InnerJoin}, jt, f))
		}, false})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkRoundTrip(t, c.build(), c.ordered) })
	}
}

func TestEncodeGenerate(t *testing.T) {
	i64 := arrow.PrimitiveTypes.Int64
	list := arrow.ListOf(i64)
	in := schemaOf("id", i64, "xs", list)
	src := encValues(t, in, `[{"id":1,"xs":[1,2]},{"id":2,"xs":[]},{"id":3,"xs":null},{"id":4,"xs":[5,null]}]`)
	out := schemaOf("id", i64, "xs", list, "pos", arrow.PrimitiveTypes.Int32, "col", i64)
	g, err := NewGenerate(src, PosExplodeGenerator, []expr.Expr{col(1, list)}, 0, true, []int{0, 1}, out)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, g, true)
	st, err := NewGenerate(src, StackGenerator, []expr.Expr{col(0, i64), lit(types.Long, int64(7)), lit(types.Long, nil)}, 2, false,
		[]int{0}, schemaOf("id", i64, "col0", i64, "col1", i64))
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, st, true)
}

func TestEncodeRecursiveUnion(t *testing.T) {
	i64 := arrow.PrimitiveTypes.Int64
	s := schemaOf("n", i64)
	feed := NewLoopFeed()
	scan := NewLoopScan(feed, s)
	next := NewProject(NewFilter(scan, must[expr.Expr](t)(expr.NewCompare(expr.LT, col(0, i64), lit(types.Long, int64(5))))),
		[]expr.Expr{must[expr.Expr](t)(expr.NewArith("+", col(0, i64), lit(types.Long, int64(1)), types.Long, true))}, s)
	u, err := NewRecursiveUnion(encValues(t, s, `[{"n":1}]`), next, feed, s, RecursiveLimits{LevelLimit: 100, RowLimit: -1, Limit: 3, HasLimit: true})
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, u, true)
	// The decoded loop scan reads the decoded union's feed.
	q := roundTrip(t, u).(*RecursiveUnion)
	var ls *LoopScan
	var find func(p ExecutionPlan)
	find = func(p ExecutionPlan) {
		if x, ok := p.(*LoopScan); ok {
			ls = x
		}
		for _, c := range p.Children() {
			find(c)
		}
	}
	find(q.recursion)
	if ls == nil || ls.feed != q.feed {
		t.Fatal("the decoded loop scan does not share the union's feed")
	}
}

// TestEncodeRecursiveUnionReseed checks that a union whose later steps are planned again
// with shifted seeds decodes to one that does the same.
func TestEncodeRecursiveUnionReseed(t *testing.T) {
	i64, f64 := arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64
	s := schemaOf("n", i64, "r", f64)
	feed := NewLoopFeed()
	term := func(shift int64) (ExecutionPlan, error) {
		rand, ok := expr.Lookup("rand")
		if !ok {
			t.Fatal("no rand")
		}
		r, err := rand([]expr.Expr{lit(types.Integer, int32(7+shift))}, []types.DataType{types.Integer}, types.Double, expr.FuncOptions{})
		if err != nil {
			return nil, err
		}
		scan := NewLoopScan(feed, s)
		next := must[expr.Expr](t)(expr.NewArith("+", col(0, i64), lit(types.Long, int64(1)), types.Long, true))
		return NewProject(NewFilter(scan, must[expr.Expr](t)(expr.NewCompare(expr.LT, col(0, i64), lit(types.Long, int64(4))))),
			[]expr.Expr{next, r}, s), nil
	}
	first, err := term(0)
	if err != nil {
		t.Fatal(err)
	}
	u, err := NewRecursiveUnion(encValues(t, s, `[{"n":1,"r":0.5}]`), first, feed, s, RecursiveLimits{LevelLimit: 100, RowLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	u.SetReplan(term)
	checkRoundTrip(t, u, true)
	if q := roundTrip(t, u).(*RecursiveUnion); q.replan == nil {
		t.Fatal("the decoded union does not plan its later steps again")
	}
}

// TestEncodeAggregateWalk round-trips a grouped aggregate (partial, repartition, final)
// calling every aggregate function of physical/aggregate whose argument types can be
// chosen from a few columns, and the same function in a window.
func TestEncodeAggregateWalk(t *testing.T) {
	i64, f64, str, boolT := arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64, arrow.BinaryTypes.String, arrow.FixedWidthTypes.Boolean
	dec := &arrow.Decimal128Type{Precision: 10, Scale: 2}
	s := schemaOf("g", i64, "l", i64, "d", f64, "s", str, "b", boolT, "m", dec)
	src := func() *Values {
		return encValues(t, s, `[{"g":1,"l":5,"d":1.5,"s":"x","b":true,"m":"1.25"},{"g":2,"l":null,"d":-2,"s":"y","b":false,"m":null}]`,
			`[{"g":1,"l":7,"d":null,"s":null,"b":null,"m":"-3.50"},{"g":2,"l":1,"d":0.25,"s":"x","b":true,"m":"2.00"},{"g":1,"l":5,"d":4,"s":"z","b":false,"m":"0.01"}]`)
	}
	cols := []struct {
		e  expr.Expr
		st types.DataType
	}{
		{col(1, i64), types.Long}, {col(2, f64), types.Double}, {col(3, str), types.String}, {col(4, boolT), types.Boolean},
		{&expr.Column{Index: 5, Type: dec}, types.DecimalType{Precision: 10, Scale: 2}},
	}
	half := lit(types.Double, 0.5)
	var tuples [][]int // argument column positions; -1 is the literal 0.5
	tuples = append(tuples, nil)
	for a := range cols {
		tuples = append(tuples, []int{a})
	}
	for a := range cols {
		for b := -1; b < len(cols); b++ {
			tuples = append(tuples, []int{a, b})
		}
	}
	var covered, skipped []string
	for _, fn := range aggregate.Names() {
		var call *aggregate.Call
		for _, tu := range tuples {
			c := aggregate.Call{Fn: fn}
			for _, i := range tu {
				if i < 0 {
					c.Args = append(c.Args, half)
					c.InputTypes = append(c.InputTypes, types.Double)
					continue
				}
				c.Args = append(c.Args, cols[i].e)
				c.InputTypes = append(c.InputTypes, cols[i].st)
			}
			if _, err := aggregate.New(c); err == nil {
				call = &c
				break
			}
		}
		if call == nil {
			skipped = append(skipped, fn)
			continue
		}
		t.Run(fn, func(t *testing.T) {
			p, err := NewAggregate(NewRoundRobin(src(), 2), []expr.Expr{col(0, i64)}, []string{"g"}, []aggregate.Call{*call}, 2)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTripRows(t, p, false, fn)
			w, err := NewWindow(src(), []expr.Expr{col(0, i64)}, nil, []WindowFunc{{Fn: fn, Args: call.Args, InputTypes: call.InputTypes}})
			if err != nil {
				return // not a window function here
			}
			checkRoundTripRows(t, w, false, fn)
		})
		covered = append(covered, fn)
	}
	t.Logf("aggregate walk: %d of %d functions round-tripped; not reached: %s", len(covered), len(aggregate.Names()),
		strings.Join(skipped, ", "))
}

// checkRoundTripRows is checkRoundTrip, except that for functions whose results depend on
// the order the rows arrive in (first, collect_list, ...), which a round-robin input does
// not fix, only the plans are compared.
func checkRoundTripRows(t *testing.T, p ExecutionPlan, ordered bool, fn string) {
	t.Helper()
	switch fn {
	case "first", "first_value", "last", "last_value", "any_value", "collect_list", "array_agg", "collect_set",
		"listagg", "string_agg", "mode", "histogram_numeric":
		q := roundTrip(t, p)
		if got, want := Explain(q), Explain(p); got != want {
			t.Fatalf("explain after round trip:\n%s\nwant\n%s", got, want)
		}
		return
	}
	checkRoundTrip(t, p, ordered)
}

// opaque is an operator from outside the package that cannot be encoded.
type opaque struct{ *Values }

func TestEncodeErrors(t *testing.T) {
	i64 := arrow.PrimitiveTypes.Int64
	s := schemaOf("k", i64)
	src := encValues(t, s, `[{"k":1}]`)
	if _, err := EncodePlan(NewFilter(opaque{src}, must[expr.Expr](t)(expr.NewIsNull(col(0, i64))))); err == nil ||
		!strings.Contains(err.Error(), "physical.opaque cannot be shipped") {
		t.Fatalf("encoding an unknown operator: %v", err)
	}
	if _, err := EncodePlan(NewFilter(src, &cmpExpr{col: 0, op: ">", k: 1})); err == nil ||
		!strings.Contains(err.Error(), "physical.cmpExpr") {
		t.Fatalf("encoding an unknown expression: %v", err)
	}
	// A column the input does not have is refused at decode time.
	m, err := EncodePlan(NewFilter(src, must[expr.Expr](t)(expr.NewIsNull(col(0, i64)))))
	if err != nil {
		t.Fatal(err)
	}
	m.GetFilter().Predicate.GetNullTest().Child.GetColumn().Index = 3
	if _, err := DecodePlan(m, DecodeContext{}); err == nil || !strings.Contains(err.Error(), "column #3") {
		t.Fatalf("decoding a bad column: %v", err)
	}
	if _, err := DecodePlan(&physicalpb.Plan{}, DecodeContext{}); err == nil {
		t.Fatal("decoding an empty plan succeeded")
	}
}

func FuzzDecodePlan(f *testing.F) {
	i64 := arrow.PrimitiveTypes.Int64
	s := schemaOf("k", i64)
	src := encValues(f, s, `[{"k":1},{"k":null}]`)
	seeds := []ExecutionPlan{
		NewFilter(src, must[expr.Expr](f)(expr.NewIsNull(col(0, i64)))),
		NewRange(0, 10, 1, 2),
		must[*HashAggregate](f)(NewHashAggregate(src, []expr.Expr{col(0, i64)}, []string{"k"}, []aggregate.Call{{Fn: "count"}}, AggregateSingle)),
	}
	for _, p := range seeds {
		m, err := EncodePlan(p)
		if err != nil {
			f.Fatal(err)
		}
		b, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m physicalpb.Plan
		if proto.Unmarshal(b, &m) != nil {
			return
		}
		p, err := DecodePlan(&m, DecodeContext{})
		if err == nil {
			_ = Explain(p)
		}
	})
}
