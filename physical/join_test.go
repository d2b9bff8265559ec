package physical

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/memory"
)

type lrow struct {
	id *int64
	a  int64
	s  string
}

type rrow struct {
	id *int64
	b  int64
}

func ip(v int64) *int64 { return &v }

func fmtID(p *int64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

var (
	joinLeftSchema  = schemaOf("id", arrow.PrimitiveTypes.Int64, "a", arrow.PrimitiveTypes.Int64, "s", arrow.BinaryTypes.String)
	joinRightSchema = schemaOf("id", arrow.PrimitiveTypes.Int64, "b", arrow.PrimitiveTypes.Int64)
)

func leftJSON(rows []lrow) string {
	items := make([]string, len(rows))
	for i, r := range rows {
		items[i] = fmt.Sprintf(`{"id":%s,"a":%d,"s":%q}`, fmtID(r.id), r.a, r.s)
	}
	return "[" + strings.Join(items, ",") + "]"
}

func rightJSON(rows []rrow) string {
	items := make([]string, len(rows))
	for i, r := range rows {
		items[i] = fmt.Sprintf(`{"id":%s,"b":%d}`, fmtID(r.id), r.b)
	}
	return "[" + strings.Join(items, ",") + "]"
}

// refJoin is a nested-loop reference; on decides whether a pair matches.
func refJoin(L []lrow, R []rrow, jt JoinType, on func(l lrow, r rrow) bool) []string {
	var out []string
	lstr := func(l lrow) string { return fmt.Sprintf("%s|%d|%s", fmtID(l.id), l.a, l.s) }
	rstr := func(r rrow) string { return fmt.Sprintf("%s|%d", fmtID(r.id), r.b) }
	rmatched := make([]bool, len(R))
	for _, l := range L {
		m := false
		for j, r := range R {
			if on(l, r) {
				m = true
				rmatched[j] = true
				if jt <= FullOuterJoin {
					out = append(out, lstr(l)+"|"+rstr(r))
				}
			}
		}
		switch {
		case jt == LeftSemiJoin && m, jt == LeftAntiJoin && !m:
			out = append(out, lstr(l))
		case (jt == LeftOuterJoin || jt == FullOuterJoin) && !m:
			out = append(out, lstr(l)+"|null|null")
		}
	}
	if jt == RightOuterJoin || jt == FullOuterJoin {
		for j, r := range R {
			if !rmatched[j] {
				out = append(out, "null|null|null|"+rstr(r))
			}
		}
	}
	if jt == RightSemiJoin || jt == RightAntiJoin {
		for j, r := range R {
			if rmatched[j] == (jt == RightSemiJoin) {
				out = append(out, rstr(r))
			}
		}
	}
	return out
}

func eqKey(l lrow, r rrow) bool { return l.id != nil && r.id != nil && *l.id == *r.id }

var allJoinTypes = []JoinType{InnerJoin, LeftOuterJoin, RightOuterJoin, FullOuterJoin, LeftSemiJoin, LeftAntiJoin,
	RightSemiJoin, RightAntiJoin}

func splitRows[T any](rows []T, parts int) [][]T {
	out := make([][]T, parts)
	for i, r := range rows {
		out[i%parts] = append(out[i%parts], r)
	}
	return out
}

func joinSources(t testing.TB, L []lrow, R []rrow, lparts, rparts int) (*memSource, *memSource) {
	var lp, rp [][]string
	for _, p := range splitRows(L, lparts) {
		var batches []string
		for lo := 0; lo < len(p); lo += 3000 {
			batches = append(batches, leftJSON(p[lo:min(lo+3000, len(p))]))
		}
		lp = append(lp, batches)
	}
	for _, p := range splitRows(R, rparts) {
		var batches []string
		for lo := 0; lo < len(p); lo += 3000 {
			batches = append(batches, rightJSON(p[lo:min(lo+3000, len(p))]))
		}
		rp = append(rp, batches)
	}
	return source(t, joinLeftSchema, lp...), source(t, joinRightSchema, rp...)
}

var (
	lid = col(0, arrow.PrimitiveTypes.Int64)
	rid = col(0, arrow.PrimitiveTypes.Int64)
)

func TestHashJoinTypes(t *testing.T) {
	L := []lrow{{ip(1), 10, "l1"}, {ip(2), 20, "l2"}, {nil, 30, "lnull"}, {ip(3), 40, "l3"}, {ip(2), 50, "l2b"}}
	R := []rrow{{ip(2), 200}, {ip(3), 300}, {nil, 999}, {ip(2), 201}, {ip(4), 400}}
	left, right := joinSources(t, L, R, 2, 2)
	for _, jt := range allJoinTypes {
		j, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, nil)
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, jt.String(), rows(t, j), refJoin(L, R, jt, eqKey))
		// With a residual filter b != 201 over left ++ right.
		j, err = NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, &cmpExpr{col: 4, op: "!=", k: 201})
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, jt.String()+" filtered", rows(t, j), refJoin(L, R, jt, func(l lrow, r rrow) bool { return eqKey(l, r) && r.b != 201 }))
		// Null-safe equality: NULL matches NULL.
		j, err = NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, []bool{true}, jt, nil)
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, jt.String()+" null-safe", rows(t, j), refJoin(L, R, jt, func(l lrow, r rrow) bool {
			return eqKey(l, r) || l.id == nil && r.id == nil
		}))
	}
	// The output schema pads the outer side with nullable columns.
	j, _ := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, LeftSemiJoin, nil)
	if j.Schema().NumFields() != 3 {
		t.Fatalf("semi join schema %s", j.Schema())
	}
	// Empty sides.
	emptyR := source(t, joinRightSchema, []string{}, []string{`[]`})
	emptyL := source(t, joinLeftSchema)
	for _, jt := range allJoinTypes {
		j, _ := NewHashJoin(left, emptyR, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, nil)
		eqSet(t, jt.String()+" empty right", rows(t, j), refJoin(L, nil, jt, eqKey))
		j, _ = NewHashJoin(emptyL, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, nil)
		eqSet(t, jt.String()+" no left partitions", rows(t, j), refJoin(nil, R, jt, eqKey))
	}
}

func TestNullAwareAntiJoin(t *testing.T) {
	L := []lrow{{ip(1), 10, "l1"}, {ip(2), 20, "l2"}, {nil, 30, "lnull"}}
	run := func(R []rrow, parts int) []string {
		left, right := joinSources(t, L, R, 2, parts)
		j, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, NullAwareLeftAntiJoin, nil)
		if err != nil {
			t.Fatal(err)
		}
		return rows(t, j)
	}
	eqSet(t, "NOT IN (2)", run([]rrow{{ip(2), 0}}, 1), []string{"1|10|l1"})
	eqSet(t, "NOT IN (2, NULL)", run([]rrow{{ip(2), 0}, {nil, 0}}, 2), nil)
	eqSet(t, "NOT IN (empty)", run(nil, 1), []string{"1|10|l1", "2|20|l2", "null|30|lnull"})
}

func TestNestedLoopJoin(t *testing.T) {
	L := []lrow{{ip(1), 10, "l1"}, {ip(2), 20, "l2"}, {nil, 30, "lnull"}, {ip(3), 40, "l3"}}
	R := []rrow{{ip(2), 15}, {ip(3), 35}, {nil, 5}}
	left, right := joinSources(t, L, R, 2, 2)
	for _, jt := range allJoinTypes {
		j, err := NewNestedLoopJoin(left, right, jt, nil)
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, jt.String()+" cross", rows(t, j), refJoin(L, R, jt, func(lrow, rrow) bool { return true }))
		j, err = NewNestedLoopJoin(left, right, jt, &colCmp{a: 1, b: 4, op: "<"})
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, jt.String()+" a < b", rows(t, j), refJoin(L, R, jt, func(l lrow, r rrow) bool { return l.a < r.b }))
	}
	emptyR := source(t, joinRightSchema, []string{})
	for _, jt := range allJoinTypes {
		j, _ := NewNestedLoopJoin(left, emptyR, jt, nil)
		eqSet(t, jt.String()+" cross empty", rows(t, j), refJoin(L, nil, jt, func(lrow, rrow) bool { return true }))
	}
}

func TestHashJoinLargeChains(t *testing.T) {
	// Long match chains (more pairs than a batch) and many partitions, for every join type.
	r := rand.New(rand.NewSource(3))
	var L []lrow
	var R []rrow
	for i := 0; i < 700; i++ {
		var id *int64
		if r.Intn(20) > 0 {
			id = ip(int64(r.Intn(6)))
		}
		L = append(L, lrow{id, int64(i), "x"})
	}
	for i := 0; i < 500; i++ {
		var id *int64
		if r.Intn(20) > 0 {
			id = ip(int64(r.Intn(8)))
		}
		R = append(R, rrow{id, int64(i)})
	}
	left, right := joinSources(t, L, R, 3, 4)
	for _, jt := range allJoinTypes {
		flt := &colCmp{a: 1, b: 4, op: ">"}
		j, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, flt)
		if err != nil {
			t.Fatal(err)
		}
		eqSet(t, jt.String()+" large", rows(t, j), refJoin(L, R, jt, func(l lrow, r rrow) bool { return eqKey(l, r) && l.a > r.b }))
	}
	// The build side is accounted: a tiny pool fails with Spark's error.
	j, _ := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, InnerJoin, nil)
	ctx := memory.WithPool(context.Background(), memory.NewPool(1<<10))
	if _, err := tryRows(ctx, j); !memory.IsOutOfMemory(err) {
		t.Fatalf("join under a tiny pool: %v", err)
	}
	// String keys and a composite key.
	ls := schemaOf("k", arrow.BinaryTypes.String, "n", arrow.PrimitiveTypes.Int32)
	rs := schemaOf("k", arrow.BinaryTypes.String, "n", arrow.PrimitiveTypes.Int32, "v", arrow.PrimitiveTypes.Int64)
	lsrc := source(t, ls, []string{`[{"k":"a","n":1},{"k":"b","n":2},{"k":null,"n":3},{"k":"a","n":2}]`})
	rsrc := source(t, rs, []string{`[{"k":"a","n":1,"v":1},{"k":"a","n":2,"v":2},{"k":"b","n":1,"v":3},{"k":null,"n":3,"v":4}]`})
	sk := col(0, arrow.BinaryTypes.String)
	nk := col(1, arrow.PrimitiveTypes.Int32)
	hj, err := NewHashJoin(lsrc, rsrc, []expr.Expr{sk}, []expr.Expr{sk}, nil, InnerJoin, nil)
	if err != nil {
		t.Fatal(err)
	}
	eqSet(t, "string key", rows(t, hj), []string{"a|1|a|1|1", "a|1|a|2|2", "a|2|a|1|1", "a|2|a|2|2", "b|2|b|1|3"})
	hj, _ = NewHashJoin(lsrc, rsrc, []expr.Expr{sk, nk}, []expr.Expr{sk, nk}, []bool{true, false}, LeftOuterJoin, nil)
	eqSet(t, "composite key", rows(t, hj), []string{"a|1|a|1|1", "a|2|a|2|2", "b|2|null|null|null", "null|3|null|3|4"})
	if !strings.Contains(Explain(hj), "HashJoin: type=LeftOuter, on=[#0 <=> #0, #1 = #1]") {
		t.Fatalf("explain: %s", Explain(hj))
	}
}

// Two integer keys are looked up as one packed key when the build side's values fit in
// 32 bits each; probe values outside the build side's range match nothing, and a build
// side that spans more is joined on the two keys as they are.
func TestHashJoinTwoIntegerKeys(t *testing.T) {
	la := col(1, arrow.PrimitiveTypes.Int64)
	rb := col(1, arrow.PrimitiveTypes.Int64)
	on := func(l lrow, r rrow) bool { return eqKey(l, r) && l.a == r.b }
	L := []lrow{{ip(1), 10, "x"}, {ip(1), 11, "y"}, {ip(2), 10, "z"}, {nil, 10, "n"}, {ip(-5), 10, "lo"},
		{ip(1 << 40), 10, "hi"}, {ip(3), -7, "neg"}, {ip(2), 1 << 35, "big"}}
	for _, c := range []struct {
		name string
		R    []rrow
	}{
		{"packed", []rrow{{ip(1), 10}, {ip(1), 10}, {ip(2), 10}, {ip(3), -7}, {nil, 10}, {ip(4), 12}}},
		{"wide", []rrow{{ip(1), 10}, {ip(2), 10}, {ip(1 << 40), 10}, {ip(3), -7}}},
		{"wide second key", []rrow{{ip(1), 10}, {ip(2), 1 << 35}, {ip(3), -7}}},
	} {
		left, right := joinSources(t, L, c.R, 2, 2)
		for _, jt := range allJoinTypes {
			j, err := NewHashJoin(left, right, []expr.Expr{lid, la}, []expr.Expr{rid, rb}, nil, jt, nil)
			if err != nil {
				t.Fatal(err)
			}
			eqSet(t, c.name+" "+jt.String(), rows(t, j), refJoin(L, c.R, jt, on))
		}
	}
}
