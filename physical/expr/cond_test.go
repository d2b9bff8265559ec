package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

var (
	f64 = arrow.PrimitiveTypes.Float64
	i64 = arrow.PrimitiveTypes.Int64
)

// CASE WHEN x = 0 THEN 0 ELSE 10 / x END must not divide by zero under ANSI.
func TestCaseWhenIsLazy(t *testing.T) {
	b := batchOf(arr(t, types.Integer, int32(0), int32(5), nil, int32(2)))
	defer b.Release()
	x := col(0, types.Integer)
	isZero := must(NewCompare(EQ, x, litOf(t, types.Integer, int32(0))))
	div := &Arith{Op: "/", Left: litOf(t, types.Integer, int32(10)), Right: x, Type: f64, ANSI: true}
	cw := must(NewCaseWhen([]Expr{isZero}, []Expr{litOf(t, types.Double, 0.0)}, div, types.Double))
	wantStrs(t, cw, b, "0.0", "2.0", "NULL", "5.0")
	// The division alone fails.
	wantErr(t, div, b, "DIVIDE_BY_ZERO", nil)
	// IF is the same.
	wantStrs(t, must(NewIf(isZero, litOf(t, types.Double, -1.0), div, types.Double)), b, "-1.0", "2.0", "NULL", "5.0")
	// All rows take one branch: the fast path.
	ab := batchOf(arr(t, types.Integer, int32(0), int32(0)))
	defer ab.Release()
	wantStrs(t, cw, ab, "0.0", "0.0")
}

func TestCaseWhenManyBranchesAndTypes(t *testing.T) {
	b := batchOf(arr(t, types.Integer, int32(1), int32(2), int32(3), nil, int32(5)),
		arr(t, types.String, "a", "b", "c", "d", nil))
	defer b.Release()
	x := col(0, types.Integer)
	s := col(1, types.String)
	c1 := must(NewCompare(EQ, x, litOf(t, types.Integer, int32(1))))
	c2 := must(NewCompare(LT, x, litOf(t, types.Integer, int32(3))))
	// String results, no ELSE: NULL.
	cw := must(NewCaseWhen([]Expr{c1, c2}, []Expr{litOf(t, types.String, "one"), s}, nil, types.String))
	wantStrs(t, cw, b, "one", "b", "NULL", "NULL", "NULL")
	// A NULL condition is not true.
	nc := litOf(t, types.Boolean, nil)
	wantStrs(t, must(NewCaseWhen([]Expr{nc}, []Expr{s}, litOf(t, types.String, "e"), types.String)), b, "e", "e", "e", "e", "e")
	// Nested results (arrays).
	at := types.NewArray(types.Integer, true)
	arrs := listArr(t, at, [][]any{{int32(1)}, {int32(2), nil}, nil, {}, {int32(5)}})
	nb := batchOf(arrs, arr(t, types.Integer, int32(1), int32(2), int32(3), int32(4), int32(5)))
	defer nb.Release()
	even := must(NewCompare(EQ, must(NewArith("pmod", col(1, types.Integer), litOf(t, types.Integer, int32(2)), types.Integer, false)), litOf(t, types.Integer, int32(0))))
	wantStrs(t, must(NewCaseWhen([]Expr{even}, []Expr{col(0, at)}, nil, at)), nb, "NULL", "[2, NULL]", "NULL", "[]", "NULL")
}

func TestCoalesceNvlNullIfNvl2(t *testing.T) {
	b := batchOf(arr(t, types.Integer, nil, int32(2), nil, nil),
		arr(t, types.Integer, int32(10), int32(20), nil, int32(0)),
		arr(t, types.Integer, int32(7), int32(7), int32(7), nil))
	defer b.Release()
	x, y, z := col(0, types.Integer), col(1, types.Integer), col(2, types.Integer)
	wantStrs(t, must(NewCoalesce([]Expr{x, y, z}, types.Integer)), b, "10", "2", "7", "0")
	wantStrs(t, must(NewNvl(x, y, types.Integer)), b, "10", "2", "NULL", "0")
	wantStrs(t, must(NewNullIf(y, litOf(t, types.Integer, int32(20)))), b, "10", "NULL", "NULL", "0")
	wantStrs(t, must(NewNvl2(x, y, z, types.Integer)), b, "7", "20", "7", "NULL")
	// Coalesce is lazy: 1/0 is not evaluated for rows already non-null.
	div := &Arith{Op: "div", Left: litOf(t, types.Long, int64(1)), Right: litOf(t, types.Long, int64(0)), Type: i64, ANSI: true}
	nb := batchOf(arr(t, types.Long, int64(1), int64(2)))
	defer nb.Release()
	wantStrs(t, must(NewCoalesce([]Expr{col(0, types.Long), div}, types.Long)), nb, "1", "2")
	mb := batchOf(arr(t, types.Long, int64(1), nil))
	defer mb.Release()
	wantErr(t, must(NewCoalesce([]Expr{col(0, types.Long), div}, types.Long)), mb, "DIVIDE_BY_ZERO", nil)
}

// Branches that can fail are evaluated on a filtered batch; the columns they do not read are
// not copied, and wide batches work.
func TestLazyBranchOnWideBatch(t *testing.T) {
	b := batchOf(arr(t, types.String, "a", "b", "c"), arr(t, types.Long, int64(0), int64(4), int64(2)),
		arr(t, types.Double, 1.0, 2.0, 3.0))
	defer b.Release()
	y := col(1, types.Long)
	nz := must(NewCompare(NE, y, litOf(t, types.Long, int64(0))))
	div := &Arith{Op: "div", Left: litOf(t, types.Long, int64(8)), Right: y, Type: i64, ANSI: true}
	wantStrs(t, must(NewIf(nz, div, litOf(t, types.Long, nil), types.Long)), b, "NULL", "2", "4")
	if !mayFail(div) || mayFail(nz) {
		t.Fatal("mayFail analysis")
	}
}
