package expr

import (
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

func TestCompareIntsWithNullsAndEdges(t *testing.T) {
	b := batchOf(
		arr(t, types.Long, int64(1), nil, int64(math.MinInt64), int64(math.MaxInt64), int64(5)),
		arr(t, types.Long, int64(2), int64(3), int64(math.MaxInt64), int64(math.MinInt64), int64(5)),
	)
	defer b.Release()
	x, y := col(0, types.Long), col(1, types.Long)
	cases := map[CompareOp][]string{
		EQ:         {"false", "NULL", "false", "false", "true"},
		NE:         {"true", "NULL", "true", "true", "false"},
		LT:         {"true", "NULL", "true", "false", "false"},
		LE:         {"true", "NULL", "true", "false", "true"},
		GT:         {"false", "NULL", "false", "true", "false"},
		GE:         {"false", "NULL", "false", "true", "true"},
		NullSafeEQ: {"false", "false", "false", "false", "true"},
	}
	for op, want := range cases {
		wantStrs(t, must(NewCompare(op, x, y)), b, want...)
	}
	// Scalar on either side.
	five := litOf(t, types.Long, int64(5))
	wantStrs(t, must(NewCompare(LT, x, five)), b, "true", "NULL", "true", "false", "false")
	wantStrs(t, must(NewCompare(LT, five, x)), b, "false", "NULL", "false", "true", "false")
	wantStrs(t, must(NewCompare(NullSafeEQ, x, five)), b, "false", "false", "false", "false", "true")
	null := litOf(t, types.Long, nil)
	wantStrs(t, must(NewCompare(EQ, x, null)), b, "NULL", "NULL", "NULL", "NULL", "NULL")
	wantStrs(t, must(NewCompare(NullSafeEQ, x, null)), b, "false", "true", "false", "false", "false")
}

func TestCompareFloatsSparkSemantics(t *testing.T) {
	nan := math.NaN()
	b := batchOf(
		arr(t, types.Double, nan, nan, -0.0, 1.0, math.Inf(1), nil),
		arr(t, types.Double, nan, 1.0, 0.0, nan, nan, 1.0),
	)
	defer b.Release()
	x, y := col(0, types.Double), col(1, types.Double)
	wantStrs(t, must(NewCompare(EQ, x, y)), b, "true", "false", "true", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(NE, x, y)), b, "false", "true", "false", "true", "true", "NULL")
	wantStrs(t, must(NewCompare(GT, x, y)), b, "false", "true", "false", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(LT, x, y)), b, "false", "false", "false", "true", "true", "NULL")
	wantStrs(t, must(NewCompare(LE, x, y)), b, "true", "false", "true", "true", "true", "NULL")
	wantStrs(t, must(NewCompare(GE, x, y)), b, "true", "true", "true", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(NullSafeEQ, x, y)), b, "true", "false", "true", "false", "false", "false")
	// Against a NaN literal.
	n := litOf(t, types.Double, nan)
	wantStrs(t, must(NewCompare(EQ, x, n)), b, "true", "true", "false", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(LT, x, n)), b, "false", "false", "true", "true", "true", "NULL")
	// Floats too.
	fb := batchOf(arr(t, types.Float, float32(nan), float32(-0.0)), arr(t, types.Float, float32(1), float32(0)))
	defer fb.Release()
	wantStrs(t, must(NewCompare(GT, col(0, types.Float), col(1, types.Float))), fb, "true", "false")
	wantStrs(t, must(NewCompare(EQ, col(0, types.Float), col(1, types.Float))), fb, "false", "true")
}

func TestCompareStringsBinaryDecimalsBools(t *testing.T) {
	b := batchOf(
		arr(t, types.String, "a", "é", "abc", "", nil),
		arr(t, types.String, "b", "z", "ab", "", "x"),
		arr(t, types.Binary, []byte{0x01}, []byte{0xff}, []byte{}, []byte{0x00}, nil),
		arr(t, types.Binary, []byte{0x80}, []byte{0x7f}, []byte{}, []byte{}, nil),
	)
	defer b.Release()
	wantStrs(t, must(NewCompare(LT, col(0, types.String), col(1, types.String))), b, "true", "false", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(EQ, col(0, types.String), col(1, types.String))), b, "false", "false", "false", "true", "NULL")
	wantStrs(t, must(NewCompare(GT, col(0, types.String), litOf(t, types.String, "ab"))), b, "false", "true", "true", "false", "NULL")
	wantStrs(t, must(NewCompare(LT, col(2, types.Binary), col(3, types.Binary))), b, "true", "false", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(NullSafeEQ, col(2, types.Binary), col(3, types.Binary))), b, "false", "false", "true", "false", "true")

	dt := types.DecimalType{Precision: 38, Scale: 2}
	big := decimal128.New(1<<40, 5)
	d := batchOf(arr(t, dt, decimal128.FromI64(-5), big, decimal128.FromI64(7)),
		arr(t, dt, decimal128.FromI64(3), decimal128.FromI64(1), decimal128.FromI64(7)))
	defer d.Release()
	wantStrs(t, must(NewCompare(LT, col(0, dt), col(1, dt))), d, "true", "false", "false")
	wantStrs(t, must(NewCompare(GE, col(0, dt), litOf(t, dt, decimal128.FromI64(7)))), d, "false", "true", "true")

	bb := batchOf(arr(t, types.Boolean, true, false, true, nil), arr(t, types.Boolean, false, true, true, true))
	defer bb.Release()
	wantStrs(t, must(NewCompare(GT, col(0, types.Boolean), col(1, types.Boolean))), bb, "true", "false", "false", "NULL")
	wantStrs(t, must(NewCompare(EQ, col(0, types.Boolean), litOf(t, types.Boolean, true))), bb, "true", "false", "true", "NULL")
}

func TestCompareLongBatchesWordBoundaries(t *testing.T) {
	const n = 200
	xs := make([]any, n)
	ys := make([]any, n)
	for i := range xs {
		xs[i] = int32(i)
		ys[i] = int32(n - i)
		if i%7 == 0 {
			xs[i] = nil
		}
	}
	b := batchOf(arr(t, types.Integer, xs...), arr(t, types.Integer, ys...))
	defer b.Release()
	got := evalStrs(t, must(NewCompare(LT, col(0, types.Integer), col(1, types.Integer))), b)
	for i, g := range got {
		want := "false"
		switch {
		case i%7 == 0:
			want = "NULL"
		case i < n-i:
			want = "true"
		}
		if g != want {
			t.Fatalf("row %d: %s, want %s", i, g, want)
		}
	}
}

func TestCompareNested(t *testing.T) {
	st := types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("b", types.String, true))
	mk := func(a any, s any) []any { return []any{a, s} }
	_ = mk
	// Build struct arrays through casts from strings is heavy; use gather on literals instead.
	x := structArr(t, st, [][]any{{int32(1), "a"}, {int32(1), nil}, {int32(2), "a"}, {nil, "z"}})
	y := structArr(t, st, [][]any{{int32(1), "b"}, {int32(1), nil}, {int32(1), "z"}, {int32(0), "a"}})
	b := batchOf(x, y)
	defer b.Release()
	wantStrs(t, must(NewCompare(LT, col(0, st), col(1, st))), b, "true", "false", "false", "true")
	wantStrs(t, must(NewCompare(EQ, col(0, st), col(1, st))), b, "false", "true", "false", "false")

	at := types.NewArray(types.Integer, true)
	p := listArr(t, at, [][]any{{int32(1), int32(2)}, {int32(1)}, {nil}, {}})
	q := listArr(t, at, [][]any{{int32(1), int32(3)}, {int32(1), int32(0)}, {int32(0)}, {}})
	lb := batchOf(p, q)
	defer lb.Release()
	wantStrs(t, must(NewCompare(LT, col(0, at), col(1, at))), lb, "true", "true", "true", "false")
	wantStrs(t, must(NewCompare(EQ, col(0, at), col(1, at))), lb, "false", "false", "false", "true")
}
