package expr

import (
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

func TestKleeneLogic(t *testing.T) {
	// All nine combinations of true, false, null.
	l := []any{true, true, true, false, false, false, nil, nil, nil}
	r := []any{true, false, nil, true, false, nil, true, false, nil}
	b := batchOf(arr(t, types.Boolean, l...), arr(t, types.Boolean, r...))
	defer b.Release()
	x, y := col(0, types.Boolean), col(1, types.Boolean)
	wantStrs(t, must(NewAnd(x, y)), b, "true", "false", "NULL", "false", "false", "false", "NULL", "false", "NULL")
	wantStrs(t, must(NewOr(x, y)), b, "true", "true", "true", "true", "false", "NULL", "true", "NULL", "NULL")
	wantStrs(t, must(NewNot(x)), b, "false", "false", "false", "true", "true", "true", "NULL", "NULL", "NULL")
	wantStrs(t, must(NewIsNull(y)), b, "false", "false", "true", "false", "false", "true", "false", "false", "true")
	wantStrs(t, must(NewIsNotNull(y)), b, "true", "true", "false", "true", "true", "false", "true", "true", "false")
	// NULL literal operands.
	null := litOf(t, types.Null, nil)
	wantStrs(t, must(NewAnd(x, null)), b, "NULL", "NULL", "NULL", "false", "false", "false", "NULL", "NULL", "NULL")
	wantStrs(t, must(NewOr(null, x)), b, "true", "true", "true", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL")
}

// An AND whose right side fails must not be evaluated where the left is false (Spark
// evaluates it only when needed): x <> 0 AND 10 / x > 1 under ANSI.
func TestAndIsLazyForFailingRight(t *testing.T) {
	b := batchOf(arr(t, types.Integer, int32(0), int32(5), int32(20), nil))
	defer b.Release()
	x := col(0, types.Integer)
	zero := litOf(t, types.Integer, int32(0))
	nz := must(NewCompare(NE, x, zero))
	div := &Arith{Op: "/", Left: litOf(t, types.Integer, int32(10)), Right: x, Type: f64, ANSI: true}
	gt := must(NewCompare(GT, div, litOf(t, types.Double, 1.0)))
	wantStrs(t, must(NewAnd(nz, gt)), b, "false", "true", "false", "NULL")
	// OR skips the rows where the left side is true.
	eq := must(NewCompare(EQ, x, zero))
	wantStrs(t, must(NewOr(eq, gt)), b, "true", "true", "false", "NULL")
	// Without the guard, the division fails.
	wantErr(t, must(NewOr(gt, eq)), b, "DIVIDE_BY_ZERO", nil)
}

func TestIsNaN(t *testing.T) {
	b := batchOf(arr(t, types.Double, math.NaN(), 1.0, nil), arr(t, types.Float, float32(1), float32(math.NaN()), nil))
	defer b.Release()
	wantStrs(t, must(NewIsNaN(col(0, types.Double))), b, "true", "false", "false")
	wantStrs(t, must(NewIsNaN(col(1, types.Float))), b, "false", "true", "false")
}

func TestInAndInSet(t *testing.T) {
	b := batchOf(arr(t, types.Integer, int32(1), int32(2), int32(3), nil))
	defer b.Release()
	x := col(0, types.Integer)
	one, two := litOf(t, types.Integer, int32(1)), litOf(t, types.Integer, int32(2))
	null := litOf(t, types.Integer, nil)
	wantStrs(t, must(NewIn(x, []Expr{one, two})), b, "true", "true", "false", "NULL")
	wantStrs(t, must(NewIn(x, []Expr{one, null})), b, "true", "NULL", "NULL", "NULL")
	wantStrs(t, must(NewIn(x, nil)), b, "false", "false", "false", "false")
	wantStrs(t, must(NewInSet(x, []any{int32(1), int32(2)}, false)), b, "true", "true", "false", "NULL")
	wantStrs(t, must(NewInSet(x, []any{int32(1)}, true)), b, "true", "NULL", "NULL", "NULL")
	wantStrs(t, must(NewInSet(x, []any{int32(1), nil}, false)), b, "true", "NULL", "NULL", "NULL")

	// Elements that fail are evaluated only while undecided: 1 IN (1, 1/0) is true.
	div := &Arith{Op: "div", Left: litOf(t, types.Long, int64(1)), Right: litOf(t, types.Long, int64(0)), Type: i64, ANSI: true}
	lb := batchOf(arr(t, types.Long, int64(1), int64(2)))
	defer lb.Release()
	one64 := litOf(t, types.Long, int64(1))
	wantStrs(t, must(NewIn(col(0, types.Long), []Expr{one64, one64})), lb, "true", "false")
	wantErr(t, must(NewIn(col(0, types.Long), []Expr{one64, div})), lb, "DIVIDE_BY_ZERO", nil)
	ob := batchOf(arr(t, types.Long, int64(1)))
	defer ob.Release()
	wantStrs(t, must(NewIn(col(0, types.Long), []Expr{one64, div})), ob, "true")

	s := batchOf(arr(t, types.String, "a", "b", nil), arr(t, types.Double, math.NaN(), -0.0, 2.0))
	defer s.Release()
	wantStrs(t, must(NewInSet(col(0, types.String), []any{"b", "c"}, false)), s, "false", "true", "NULL")
	wantStrs(t, must(NewInSet(col(1, types.Double), []any{math.NaN(), 0.0}, false)), s, "true", "true", "false")
	dt := types.DecimalType{Precision: 10, Scale: 2}
	d := batchOf(arr(t, dt, decimal128.FromI64(150), decimal128.FromI64(1)))
	defer d.Release()
	wantStrs(t, must(NewInSet(col(0, dt), []any{decimal128.FromI64(150)}, false)), d, "true", "false")
}
