package physical

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/sparkerror"
)

// spillEnv is a query context with a pool of the given limit and its own spill directory;
// check asserts that everything was given back: no reserved bytes, no spill files left.
type spillEnv struct {
	ctx  context.Context
	pool *memory.Pool
	dir  *memory.SpillDir
	path string
}

func newSpillEnv(t *testing.T, limit int64) *spillEnv {
	t.Helper()
	e := &spillEnv{pool: memory.NewPool(limit), dir: memory.NewSpillDir(t.TempDir())}
	var err error
	if e.path, err = e.dir.Path(); err != nil {
		t.Fatal(err)
	}
	e.ctx = memory.WithSpillDir(memory.WithPool(context.Background(), e.pool), e.dir)
	t.Cleanup(func() { e.dir.Close() })
	return e
}

func (e *spillEnv) check(t *testing.T, what string) {
	t.Helper()
	e.checkAfter(t, what, 0)
}

// checkAfter is check allowing for asynchronous clean-up (a join's build side shared by
// probe partitions that never started is dropped when the query's context ends).
func (e *spillEnv) checkAfter(t *testing.T, what string, wait time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if files, _ := os.ReadDir(e.path); e.pool.Used() == 0 && len(files) == 0 {
			break
		}
	}
	if e.pool.Used() != 0 {
		t.Fatalf("%s: %d bytes still reserved: %s", what, e.pool.Used(), e.pool)
	}
	files, err := os.ReadDir(e.path)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 0 {
		t.Fatalf("%s: %d spill files left, e.g. %s", what, len(files), files[0].Name())
	}
}

// sortedLists renders rows like rows() but with the elements of list columns sorted, for
// results whose list order depends on how partitions interleave.
func sortedLists(t testing.TB, ctx context.Context, p ExecutionPlan) []string {
	t.Helper()
	var out []string
	err := Collect(ctx, p, func(b arrow.RecordBatch) error {
		defer b.Release()
		for i := range int(b.NumRows()) {
			vals := make([]string, b.NumCols())
			for c, col := range b.Columns() {
				switch {
				case col.IsNull(i):
					vals[c] = "null"
				case col.DataType().ID() == arrow.LIST:
					l := col.(*array.List)
					lo, hi := l.ValueOffsets(i)
					var elems []string
					for j := lo; j < hi; j++ {
						elems = append(elems, l.ListValues().ValueStr(int(j)))
					}
					slices.Sort(elems)
					vals[c] = "[" + strings.Join(elems, ",") + "]"
				default:
					vals[c] = col.ValueStr(i)
				}
			}
			out = append(out, strings.Join(vals, "|"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var spillAggSchema = schemaOf("k", arrow.PrimitiveTypes.Int64, "s", arrow.BinaryTypes.String,
	"v", arrow.PrimitiveTypes.Int64, "d", arrow.PrimitiveTypes.Float64)

// spillAggSource makes n rows (k, s, v, d) over keys in [0, keys) (about 1% NULL keys), in
// batches of 4096 rows spread over parts partitions, allocated from mem.
func spillAggSource(t *testing.T, mem arrowmem.Allocator, n, keys, parts int) *memSource {
	m := &memSource{schema: spillAggSchema, parts: make([][]arrow.RecordBatch, parts)}
	seed := uint64(7)
	rnd := func() uint64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return seed
	}
	b := array.NewRecordBuilder(mem, spillAggSchema)
	defer b.Release()
	for lo, p := 0, 0; lo < n; lo, p = lo+4096, (p+1)%parts {
		for range min(4096, n-lo) {
			k := int64(rnd() % uint64(keys))
			if rnd()%100 == 0 {
				b.Field(0).AppendNull()
				b.Field(1).AppendNull()
			} else {
				b.Field(0).(*array.Int64Builder).Append(k)
				b.Field(1).(*array.StringBuilder).Append(fmt.Sprintf("key-%06d", k))
			}
			if v := int64(rnd() % 1000); v%17 == 0 {
				b.Field(2).AppendNull()
			} else {
				b.Field(2).(*array.Int64Builder).Append(v)
			}
			b.Field(3).(*array.Float64Builder).Append(float64(rnd()%10000) / 8)
		}
		m.parts[p] = append(m.parts[p], b.NewRecordBatch())
	}
	t.Cleanup(func() {
		for _, p := range m.parts {
			for _, x := range p {
				x.Release()
			}
		}
	})
	return m
}

// spillAggCalls are the calls the spill tests run; with orderSensitive, also first and
// last, whose results depend on the input order.
func spillAggCalls(orderSensitive bool) []aggregate.Call {
	v := col(2, arrow.PrimitiveTypes.Int64)
	d := col(3, arrow.PrimitiveTypes.Float64)
	s := col(1, arrow.BinaryTypes.String)
	calls := []aggregate.Call{call("count"), call("count", v), call("sum", v), call("avg", v), call("min", v),
		call("max", s), call("max", d), call("collect_list", v), call("collect_set", v),
		{Fn: "count", Args: []expr.Expr{v}, Distinct: true}, {Fn: "sum", Args: []expr.Expr{v}, Distinct: true}}
	if orderSensitive {
		calls = append(calls, call("first", v), call("last", v))
	}
	return calls
}

func TestAggregateSpillsUnderSmallPool(t *testing.T) {
	mem := checkedMem(t)
	one := spillAggSource(t, mem, 20000, 4000, 1)
	four := spillAggSource(t, mem, 20000, 4000, 4)
	for _, key := range []struct {
		name string
		e    expr.Expr
	}{{"int64", col(0, arrow.PrimitiveTypes.Int64)}, {"string", col(1, arrow.BinaryTypes.String)}} {
		t.Run(key.name, func(t *testing.T) {
			groups := []expr.Expr{key.e}
			// Single over one partition: the input order is fixed, so even the
			// order-sensitive results (collect_list, first, last) must be identical.
			single, err := NewHashAggregate(one, groups, []string{"k"}, spillAggCalls(true), AggregateSingle)
			if err != nil {
				t.Fatal(err)
			}
			want := rows(t, single)
			if len(want) < 3000 {
				t.Fatalf("only %d groups", len(want))
			}
			env := newSpillEnv(t, 512<<10)
			got, err := tryRows(env.ctx, single)
			if err != nil {
				t.Fatal(err)
			}
			eqRows(t, "single under a 512 KiB pool", got, want)
			m := single.Metrics()
			if m["spill_count"] < 3 || m["spilled_bytes"] == 0 || m["output_rows"] < int64(2*len(want)) {
				t.Fatalf("expected several spills: %v", m)
			}
			if env.pool.Peak() > 512<<10 {
				t.Fatalf("peak %d over the limit", env.pool.Peak())
			}
			env.check(t, "single")

			// Two-phase over four partitions (Partial emits early, Final spills), and a
			// Single reading the four partitions: list order depends on the interleaving.
			calls := spillAggCalls(false)
			stable, err := NewHashAggregate(one, groups, []string{"k"}, calls, AggregateSingle)
			if err != nil {
				t.Fatal(err)
			}
			wantSorted := sortedLists(t, context.Background(), stable)
			two, err := NewAggregate(four, groups, []string{"k"}, calls, 2)
			if err != nil {
				t.Fatal(err)
			}
			eqRows(t, "two-phase unlimited", sortedLists(t, context.Background(), two), wantSorted)
			env = newSpillEnv(t, 1<<20)
			eqRows(t, "two-phase under a 1 MiB pool", sortedLists(t, env.ctx, two), wantSorted)
			final := two.(*HashAggregate)
			if final.Metrics()["spill_count"] == 0 {
				t.Fatalf("final did not spill: %v", final.Metrics())
			}
			env.check(t, "two-phase")
			multi, err := NewHashAggregate(four, groups, []string{"k"}, calls, AggregateSingle)
			if err != nil {
				t.Fatal(err)
			}
			env = newSpillEnv(t, 512<<10)
			eqRows(t, "single over partitions", sortedLists(t, env.ctx, multi), wantSorted)
			env.check(t, "single over partitions")
		})
	}

	// DISTINCT (no calls) and a composite key.
	env := newSpillEnv(t, 256<<10)
	distinct, err := NewHashAggregate(four, []expr.Expr{col(1, arrow.BinaryTypes.String), col(0, arrow.PrimitiveTypes.Int64)},
		[]string{"s", "k"}, nil, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	want := rows(t, distinct)
	got, err := tryRows(env.ctx, distinct)
	if err != nil {
		t.Fatal(err)
	}
	eqRows(t, "distinct composite", got, want)
	if distinct.Metrics()["spill_count"] == 0 {
		t.Fatalf("distinct did not spill: %v", distinct.Metrics())
	}
	env.check(t, "distinct")
	if !strings.Contains(ExplainMetrics(distinct), "spill_count=") {
		t.Fatalf("metrics: %s", ExplainMetrics(distinct))
	}
}

func TestAggregateSpillCannotFit(t *testing.T) {
	mem := checkedMem(t)
	src := spillAggSource(t, mem, 60000, 3, 1)
	v := col(2, arrow.PrimitiveTypes.Int64)
	// Three groups whose lists are each larger than the pool: the merge cannot fit one group.
	agg, err := NewHashAggregate(src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []string{"k"},
		[]aggregate.Call{call("collect_list", v)}, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	env := newSpillEnv(t, 256<<10)
	_, err = tryRows(env.ctx, agg)
	e, ok := sparkerror.As(err)
	if !ok || e.Class != "UNABLE_TO_ACQUIRE_MEMORY" || e.SQLState != "53200" {
		t.Fatalf("want UNABLE_TO_ACQUIRE_MEMORY, got %v", err)
	}
	env.check(t, "failed aggregate")
	// A global aggregate cannot spill at all.
	global, err := NewHashAggregate(src, nil, nil, []aggregate.Call{call("collect_list", v)}, AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	env = newSpillEnv(t, 256<<10)
	if _, err = tryRows(env.ctx, global); !memory.IsOutOfMemory(err) {
		t.Fatalf("global aggregate: %v", err)
	}
	env.check(t, "failed global aggregate")
}

// eqRows compares outputs ignoring order and reports only a few differences.
func eqRows(t testing.TB, what string, got, want []string) {
	t.Helper()
	g, w := sortedCopy(got), sortedCopy(want)
	if slices.Equal(g, w) {
		return
	}
	var only []string
	seen := map[string]int{}
	for _, r := range w {
		seen[r]++
	}
	for _, r := range g {
		seen[r]--
	}
	for r, n := range seen {
		if n != 0 && len(only) < 6 {
			only = append(only, fmt.Sprintf("%+d %.300s", -n, r))
		}
	}
	t.Fatalf("%s: %d rows, want %d; differences (+ extra, - missing):\n%s", what, len(got), len(want), strings.Join(only, "\n"))
}

// joinSourcesMem builds the join test sources in the given allocator, in batches of 2000
// rows spread over partitions.
func joinSourcesMem(t *testing.T, mem arrowmem.Allocator, L []lrow, R []rrow, lparts, rparts int) (*memSource, *memSource) {
	left := &memSource{schema: joinLeftSchema, parts: make([][]arrow.RecordBatch, lparts)}
	right := &memSource{schema: joinRightSchema, parts: make([][]arrow.RecordBatch, rparts)}
	lb := array.NewRecordBuilder(mem, joinLeftSchema)
	defer lb.Release()
	for p, rows := range splitRows(L, lparts) {
		for lo := 0; lo < len(rows); lo += 2000 {
			for _, r := range rows[lo:min(lo+2000, len(rows))] {
				if r.id == nil {
					lb.Field(0).AppendNull()
				} else {
					lb.Field(0).(*array.Int64Builder).Append(*r.id)
				}
				lb.Field(1).(*array.Int64Builder).Append(r.a)
				lb.Field(2).(*array.StringBuilder).Append(r.s)
			}
			left.parts[p] = append(left.parts[p], lb.NewRecordBatch())
		}
	}
	rb := array.NewRecordBuilder(mem, joinRightSchema)
	defer rb.Release()
	for p, rows := range splitRows(R, rparts) {
		for lo := 0; lo < len(rows); lo += 2000 {
			for _, r := range rows[lo:min(lo+2000, len(rows))] {
				if r.id == nil {
					rb.Field(0).AppendNull()
				} else {
					rb.Field(0).(*array.Int64Builder).Append(*r.id)
				}
				rb.Field(1).(*array.Int64Builder).Append(r.b)
			}
			right.parts[p] = append(right.parts[p], rb.NewRecordBatch())
		}
	}
	t.Cleanup(func() {
		for _, m := range []*memSource{left, right} {
			for _, p := range m.parts {
				releaseBatches(p)
			}
		}
	})
	return left, right
}

// spillJoinData makes nl left and nr right rows over keys [0, keys), with about 3% NULL
// keys on each side and, when skew > 0, skew extra right rows (and skew/50 left rows) of
// key 7.
func spillJoinData(nl, nr, keys, skew int) ([]lrow, []rrow) {
	seed := uint64(11)
	rnd := func(n int) int64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int64(seed % uint64(n))
	}
	var L []lrow
	var R []rrow
	for i := range nl {
		var id *int64
		if rnd(33) != 0 {
			id = ip(rnd(keys))
		}
		L = append(L, lrow{id, int64(i), fmt.Sprintf("l%d", i)})
	}
	for i := range nr {
		var id *int64
		if rnd(33) != 0 {
			id = ip(rnd(keys))
		}
		R = append(R, rrow{id, int64(i)})
	}
	for i := range skew {
		R = append(R, rrow{ip(7), int64(nr + i)})
		if i%50 == 0 {
			L = append(L, lrow{ip(7), int64(nl + i), "skew"})
		}
	}
	return L, R
}

var allJoinTypesNA = append(append([]JoinType(nil), allJoinTypes...), NullAwareLeftAntiJoin)

// checkJoinSpills runs every join type, plain, with a residual filter and null-safe, under
// the pool limit and compares with the unlimited result; the build side must spill.
func checkJoinSpills(t *testing.T, left, right ExecutionPlan, limit int64, nullBuild, wantSplits bool) {
	// (When the partitions are split again, the NULL key of the null-safe joins is one key
	// with too many rows for the pool.)
	t.Helper()
	for _, jt := range allJoinTypesNA {
		variants := []struct {
			name     string
			filter   expr.Expr
			nullSafe []bool
		}{{"", nil, nil}, {" filtered", &colCmp{a: 1, b: 4, op: ">"}, nil}, {" null-safe", nil, []bool{true}}}
		for _, v := range variants {
			if jt == NullAwareLeftAntiJoin && (v.filter != nil || v.nullSafe != nil) || wantSplits && v.nullSafe != nil {
				continue
			}
			j, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, v.nullSafe, jt, v.filter)
			if err != nil {
				t.Fatal(err)
			}
			what := jt.String() + v.name
			want := rows(t, j)
			env := newSpillEnv(t, limit)
			got, err := tryRows(env.ctx, j)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			eqRows(t, what, got, want)
			m := j.Metrics()
			nl := left.Partitions()
			spills := int64(1 + nl)
			if jt == NullAwareLeftAntiJoin && nullBuild {
				spills = 1 // a NULL on the build side: the probe side is not read
			}
			if m["spill_count"] < spills || m["spilled_bytes"] == 0 {
				t.Fatalf("%s: expected the build and probe sides to spill: %v", what, m)
			}
			if wantSplits && m["spill_count"] <= int64(1+nl) && jt != NullAwareLeftAntiJoin {
				t.Fatalf("%s: expected partitions to be split again: %v", what, m)
			}
			if env.pool.Peak() > limit {
				t.Fatalf("%s: peak %d over the limit %d", what, env.pool.Peak(), limit)
			}
			if !strings.Contains(ExplainMetrics(j), "spilled_bytes=") {
				t.Fatalf("%s: metrics %s", what, ExplainMetrics(j))
			}
			env.check(t, what)
		}
	}
}

func TestHashJoinSpillsUnderSmallPool(t *testing.T) {
	mem := checkedMem(t)
	// Duplicate keys, NULL keys on both sides, one key with many rows.
	L, R := spillJoinData(3000, 12000, 6000, 600)
	left, right := joinSourcesMem(t, mem, L, R, 3, 2)
	t.Run("grace", func(t *testing.T) { checkJoinSpills(t, left, right, 128<<10, true, false) })

	// A pool so small that the partitions are split again.
	L2, R2 := spillJoinData(3000, 20000, 20000, 0)
	left2, right2 := joinSourcesMem(t, mem, L2, R2, 2, 2)
	t.Run("recursive", func(t *testing.T) { checkJoinSpills(t, left2, right2, 64<<10, true, true) })

	// Empty probe side (no partitions, and partitions without rows): outer joins still
	// output every build row once.
	t.Run("empty sides", func(t *testing.T) {
		emptyL := &memSource{schema: joinLeftSchema, parts: [][]arrow.RecordBatch{nil, nil}}
		noL := &memSource{schema: joinLeftSchema}
		for _, l := range []*memSource{emptyL, noL} {
			for _, jt := range allJoinTypesNA {
				j, _ := NewHashJoin(l, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, nil)
				env := newSpillEnv(t, 256<<10)
				got, err := tryRows(env.ctx, j)
				if err != nil {
					t.Fatal(err)
				}
				eqRows(t, jt.String()+" empty probe", got, rows(t, j))
				if (jt == RightOuterJoin || jt == FullOuterJoin) && len(got) != len(R) {
					t.Fatalf("%s: %d rows, want %d", jt, len(got), len(R))
				}
				env.check(t, jt.String()+" empty probe")
			}
		}
		// And an empty build side under the same pool (nothing to spill).
		emptyR := &memSource{schema: joinRightSchema, parts: [][]arrow.RecordBatch{nil, nil}}
		for _, jt := range allJoinTypesNA {
			j, _ := NewHashJoin(left, emptyR, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, nil)
			env := newSpillEnv(t, 256<<10)
			got, err := tryRows(env.ctx, j)
			if err != nil {
				t.Fatal(err)
			}
			eqRows(t, jt.String()+" empty build", got, rows(t, j))
			env.check(t, jt.String()+" empty build")
		}
	})

	// NOT IN: a build side with a NULL key empties the result even when it spills; without
	// NULLs the probe rows with NULL keys are dropped.
	t.Run("null-aware", func(t *testing.T) {
		var noNull []rrow
		for _, r := range R {
			if r.id != nil {
				noNull = append(noNull, r)
			}
		}
		l, r := joinSourcesMem(t, mem, L, noNull, 3, 2)
		j, _ := NewHashJoin(l, r, []expr.Expr{lid}, []expr.Expr{rid}, nil, NullAwareLeftAntiJoin, nil)
		env := newSpillEnv(t, 256<<10)
		got, err := tryRows(env.ctx, j)
		if err != nil {
			t.Fatal(err)
		}
		eqRows(t, "NOT IN without NULLs", got, refJoinNotIn(L, noNull))
		env.check(t, "NOT IN without NULLs")
		j, _ = NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, NullAwareLeftAntiJoin, nil)
		env = newSpillEnv(t, 256<<10)
		got, err = tryRows(env.ctx, j)
		if err != nil || len(got) != 0 {
			t.Fatalf("NOT IN with a NULL: %d rows, %v", len(got), err)
		}
		env.check(t, "NOT IN with a NULL")
	})
}

// refJoinNotIn is NOT IN over a non-empty right side without NULLs.
func refJoinNotIn(L []lrow, R []rrow) []string {
	keys := map[int64]bool{}
	for _, r := range R {
		keys[*r.id] = true
	}
	var out []string
	for _, l := range L {
		if l.id != nil && !keys[*l.id] {
			out = append(out, fmt.Sprintf("%d|%d|%s", *l.id, l.a, l.s))
		}
	}
	return out
}

func TestHashJoinSpillCannotFit(t *testing.T) {
	mem := checkedMem(t)
	// One join key with more build rows than the pool holds: splitting cannot help.
	var L []lrow
	var R []rrow
	for i := range 2000 {
		L = append(L, lrow{ip(int64(i % 10)), int64(i), "x"})
	}
	for i := range 40000 {
		R = append(R, rrow{ip(1), int64(i)})
	}
	left, right := joinSourcesMem(t, mem, L, R, 2, 2)
	j, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, InnerJoin, nil)
	if err != nil {
		t.Fatal(err)
	}
	env := newSpillEnv(t, 128<<10)
	_, err = tryRows(env.ctx, j)
	e, ok := sparkerror.As(err)
	if !ok || e.Class != "UNABLE_TO_ACQUIRE_MEMORY" || e.SQLState != "53200" {
		t.Fatalf("want UNABLE_TO_ACQUIRE_MEMORY, got %v", err)
	}
	if cause := e.Unwrap(); cause == nil || !strings.Contains(cause.Error(), "one join key") {
		t.Fatalf("cause: %v", cause)
	}
	env.check(t, "failed join")
}

func TestSpillingEarlyCloseAndCancel(t *testing.T) {
	// Consumers that stop early or cancel while the join and the aggregate spill leave no
	// reserved memory and no files behind.
	mem := checkedMem(t)
	L, R := spillJoinData(3000, 12000, 3000, 0)
	left, right := joinSourcesMem(t, mem, L, R, 3, 2)
	hj, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, FullOuterJoin, nil)
	if err != nil {
		t.Fatal(err)
	}
	one := spillAggSource(t, mem, 30000, 6000, 1)
	agg, err := NewHashAggregate(one, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, []string{"k"},
		spillAggCalls(false), AggregateSingle)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []ExecutionPlan{hj, agg} {
		env := newSpillEnv(t, 128<<10)
		ctx, cancel := context.WithCancel(env.ctx)
		got, err := tryRows(ctx, NewLimit(p, 10))
		cancel()
		if err != nil || len(got) != 10 {
			t.Fatalf("%s: %d rows, %v", p.Describe(), len(got), err)
		}
		env.checkAfter(t, p.Describe()+" under a limit", 5*time.Second)
		env = newSpillEnv(t, 128<<10)
		ctx, cancel = context.WithCancel(env.ctx)
		n := 0
		err = Collect(ctx, p, func(b arrow.RecordBatch) error {
			b.Release()
			if n++; n == 2 {
				cancel()
			}
			return nil
		})
		cancel()
		if err == nil {
			t.Fatalf("%s: a cancelled collect must fail", p.Describe())
		}
		if m := p.(MetricsReporter).Metrics(); m["spill_count"] == 0 {
			t.Fatalf("%s did not spill: %v", p.Describe(), m)
		}
		env.check(t, p.Describe()+" cancelled")
	}
}
