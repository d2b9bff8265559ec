package physical

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

var kvSchema = schemaOf("k", arrow.PrimitiveTypes.Int64, "v", arrow.BinaryTypes.String,
	"l", arrow.ListOf(arrow.PrimitiveTypes.Int32),
	"m", arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64),
	"ym", arrow.FixedWidthTypes.MonthInterval, "dt", &arrow.DurationType{Unit: arrow.Microsecond})

func kvSource(t testing.TB) *memSource {
	return source(t, kvSchema,
		[]string{`[{"k":1,"v":"a","l":[1,2],"m":[{"key":"x","value":1}],"ym":{"months":3},"dt":5},{"k":5,"v":null,"l":null,"m":null,"ym":null,"dt":null}]`,
			`[{"k":null,"v":"n","l":[],"m":[],"ym":{"months":-1},"dt":-7}]`},
		[]string{`[{"k":7,"v":"c","l":[null,3],"m":[{"key":"y","value":null},{"key":"z","value":2}],"ym":{"months":0},"dt":0}]`},
		[]string{`[]`, `[{"k":2,"v":"d","l":[4],"m":null,"ym":{"months":12},"dt":1000000}]`})
}

func TestFilter(t *testing.T) {
	src := kvSource(t)
	k := 0
	f := NewFilter(src, &cmpExpr{col: k, op: ">", k: 1})
	eqStrings(t, "k > 1", rows(t, f), []string{
		`5|null|null|null|null|null`, `7|c|[null,3]|[{"key":"y","value":null},{"key":"z","value":2}]|0|0us`,
		`2|d|[4]|null|12|1000000us`})
	// NULL predicates drop the row; all-true batches pass through.
	eqStrings(t, "k != 100", rows(t, NewFilter(src, &cmpExpr{col: k, op: "!=", k: 100})), []string{
		`1|a|[1,2]|[{"key":"x","value":1}]|3|5us`, `5|null|null|null|null|null`,
		`7|c|[null,3]|[{"key":"y","value":null},{"key":"z","value":2}]|0|0us`,
		`2|d|[4]|null|12|1000000us`})
	eqStrings(t, "none", rows(t, NewFilter(src, &cmpExpr{col: k, op: "=", k: 100})), nil)
	eqStrings(t, "NULL literal", rows(t, NewFilter(src, &expr.Literal{Type: arrow.Null})), nil)
	// Empty and fully filtered batches are skipped: 3 rows in 3 batches.
	if m := f.Metrics(); m["output_rows"] != 3 || m["output_batches"] != 3 {
		t.Fatalf("filter metrics %v", m)
	}
	// Rows at word boundaries (the selection loop reads 64 bits at a time).
	big := NewRange(0, 200, 1, 1)
	got := rows(t, NewFilter(big, &cmpExpr{col: 0, op: ">", k: 62}))
	if len(got) != 137 || got[0] != "63" || got[136] != "199" {
		t.Fatalf("range filter: %d rows %v..%v", len(got), got[0], got[len(got)-1])
	}
}

func TestUnionCoalesceRepartition(t *testing.T) {
	src := kvSource(t)
	all := rows(t, src)
	u, err := NewUnion(src, src)
	if err != nil {
		t.Fatal(err)
	}
	if u.Partitions() != 6 {
		t.Fatalf("union partitions %d", u.Partitions())
	}
	eqStrings(t, "union", rows(t, u), append(append([]string(nil), all...), all...))
	other := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int64}}, nil)
	if _, err := NewUnion(src, source(t, other)); err == nil {
		t.Fatal("union of different column counts must fail")
	}
	eqStrings(t, "coalesce keeps partition order", rows(t, NewCoalesce(src)), all)

	for _, n := range []int{1, 3, 8} {
		r, err := NewRepartition(src, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, n)
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, fmt.Sprintf("hash repartition %d", n), rows(t, r), all)
		// Rows with equal keys land in the same partition: check partition by partition.
		seen := map[string]int{}
		for p := range n {
			s, err := r.Execute(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			for {
				b, err := s.Next()
				if err != nil {
					break
				}
				for i := range int(b.NumRows()) {
					key := b.Column(0).ValueStr(i)
					if q, ok := seen[key]; ok && q != p {
						t.Fatalf("key %s in partitions %d and %d", key, q, p)
					}
					seen[key] = p
				}
				b.Release()
			}
			s.Close()
		}
		eqSet(t, "round robin", rows(t, NewRoundRobin(src, n)), all)
	}
	// Hashes agree across runs and processes: fixed values for fixed input.
	h, _ := aggregate.NewRowHasher([]arrow.DataType{arrow.PrimitiveTypes.Int64})
	b := NewRange(0, 3, 1, 1)
	s, _ := b.Execute(context.Background(), 0)
	batch, _ := s.Next()
	hs := h.Hash(batch.Columns(), 3, nil)
	batch.Release()
	if fmt.Sprint(hs) != "[8655200175747125650 15549967365183269919 761705574210540369]" {
		t.Fatalf("partition hashes changed (processes of different versions would disagree): %v", hs)
	}
	// A Repartition that spills its queues under a small pool still delivers every row.
	big := NewRange(0, 300000, 1, 4)
	rp, _ := NewRepartition(big, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64)}, 4)
	dir := memory.NewSpillDir(t.TempDir())
	defer dir.Close()
	ctx := memory.WithSpillDir(memory.WithPool(context.Background(), memory.NewPool(256<<10)), dir)
	n := 0
	sum := int64(0)
	if err := Collect(ctx, rp, func(b arrow.RecordBatch) error {
		defer b.Release()
		n += int(b.NumRows())
		for i := range int(b.NumRows()) {
			sum += b.Column(0).(interface{ Value(int) int64 }).Value(i)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 300000 || sum != 299999*300000/2 {
		t.Fatalf("spilled repartition: %d rows, sum %d", n, sum)
	}
	if rp.Metrics()["spill_count"] == 0 {
		t.Fatalf("expected the exchange to spill: %v", rp.Metrics())
	}
}

func TestLimitOffset(t *testing.T) {
	src := NewRange(0, 100000, 1, 4)
	got := rows(t, NewLimitOffset(src, 5, 24998))
	eqStrings(t, "limit 5 offset 24998", got, []string{"24998", "24999", "25000", "25001", "25002"})
	got = rows(t, NewLimitOffset(src, -1, 99997))
	eqStrings(t, "offset only", got, []string{"99997", "99998", "99999"})
	eqStrings(t, "offset past the end", rows(t, NewLimitOffset(src, 3, 200000)), nil)
	eqStrings(t, "limit 0", rows(t, NewLimitOffset(src, 0, 0)), nil)
	if d := NewLimitOffset(src, 3, 2).Describe(); d != "Limit: 3, offset=2" {
		t.Fatalf("describe %q", d)
	}
}

func TestExpandForGroupingSets(t *testing.T) {
	// GROUPING SETS ((k), ()) over kvSource: expand to (k, gid) rows, then count.
	src := kvSource(t)
	schema := schemaOf("k", arrow.PrimitiveTypes.Int64, "gid", arrow.PrimitiveTypes.Int32)
	kcol := col(0, arrow.PrimitiveTypes.Int64)
	e, err := NewExpand(src, [][]expr.Expr{
		{kcol, &expr.Literal{Type: arrow.PrimitiveTypes.Int32, Value: int32(0)}},
		{&expr.Literal{Type: arrow.PrimitiveTypes.Int64}, &expr.Literal{Type: arrow.PrimitiveTypes.Int32, Value: int32(1)}},
	}, schema)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows(t, e)); got != 10 {
		t.Fatalf("expand: %d rows", got)
	}
	agg, err := NewAggregate(e, []expr.Expr{col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.PrimitiveTypes.Int32)},
		[]string{"k", "gid"}, []aggregate.Call{call("count")}, 2)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "grouping sets", rows(t, agg), []string{"1|0|1", "5|0|1", "null|0|1", "7|0|1", "2|0|1", "null|1|5"})
}

func TestExplainAnalyze(t *testing.T) {
	src := NewRange(0, 10000, 1, 2)
	f := NewFilter(src, &cmpExpr{col: 0, op: "<", k: 100})
	s, err := NewSort(f, []SortKey{{Expr: col(0, arrow.PrimitiveTypes.Int64), Descending: true}}, 5)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ExplainAnalyze(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "Sort: #0 DESC NULLS LAST, fetch=5, metrics=[output_rows=5, output_batches=1, elapsed_compute=") ||
		!strings.HasPrefix(lines[1], "  Filter: #0 < 100, metrics=[output_rows=100, output_batches=1,") {
		t.Fatalf("explain analyze:\n%s", out)
	}
}

func TestEarlyCloseAndCancel(t *testing.T) {
	// Consumers that stop early (a limit) or get cancelled must not hang or leak goroutines.
	before := runtime.NumGoroutine()
	big := NewRange(0, 1<<17, 1, 4)
	k := col(0, arrow.PrimitiveTypes.Int64)
	rp, _ := NewRepartition(big, []expr.Expr{k}, 3)
	small := NewRange(0, 1000, 1, 2)
	hj, _ := NewHashJoin(big, small, []expr.Expr{k}, []expr.Expr{k}, nil, FullOuterJoin, nil)
	srt, _ := NewSort(big, []SortKey{{Expr: k}}, -1)
	agg, _ := NewAggregate(rp, []expr.Expr{k}, []string{"k"}, []aggregate.Call{call("count")}, 2)
	for _, p := range []ExecutionPlan{rp, hj, srt, agg, NewCoalesce(big)} {
		got := rows(t, NewLimit(p, 10))
		if len(got) != 10 {
			t.Fatalf("%s: %d rows", p.Describe(), len(got))
		}
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := Collect(ctx, p, func(b arrow.RecordBatch) error {
			b.Release()
			if n++; n == 2 {
				cancel()
			}
			return nil
		})
		cancel()
		if err == nil && n > 2 {
			t.Fatalf("%s: a cancelled collect must fail", p.Describe())
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before+2 {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left (%d before):\n%s", g, before, buf[:runtime.Stack(buf, true)])
	}
}
