package aggregate

import (
	"math/big"
	"math/rand"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

// TestDecimalSumAgainstBig sums random decimals per group (values whose high word is only
// sign and values that are not, positive and negative, with nulls) and compares with
// math/big: the sum where it fits the sum type's precision, NULL (try_sum) or the overflow
// error (sum under ANSI) where some running sum went beyond it.
func TestDecimalSumAgainstBig(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for _, c := range []struct {
		in   types.DecimalType
		rows int
		big  bool // draw values beyond 64 bits
	}{
		{types.DecimalType{Precision: 15, Scale: 2}, 5000, false},
		{types.DecimalType{Precision: 28, Scale: 0}, 5000, true},
		{types.DecimalType{Precision: 9, Scale: 0}, 5000, false}, // sum is decimal(19,0): the precision check runs
		{types.DecimalType{Precision: 38, Scale: 0}, 300, true},  // sum is decimal(38,0): near 10^38 and 2^127
	} {
		limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(c.in.Precision)), nil) // |v| < 10^p
		sumPrec := min(c.in.Precision+10, 38)
		sumLimit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(sumPrec)), nil)
		const groups = 4
		ids := make([]uint32, c.rows)
		b := array.NewDecimal128Builder(memory.DefaultAllocator, &arrow.Decimal128Type{Precision: int32(c.in.Precision), Scale: int32(c.in.Scale)})
		sums := make([]*big.Int, groups)
		over := make([]bool, groups)
		seen := make([]bool, groups)
		for g := range sums {
			sums[g] = new(big.Int)
		}
		for i := range ids {
			g := r.Intn(groups)
			ids[i] = uint32(g)
			if r.Intn(10) == 0 {
				b.AppendNull()
				continue
			}
			var v *big.Int
			if c.big && r.Intn(2) == 0 {
				v = new(big.Int).Rand(r, limit)
			} else {
				v = big.NewInt(r.Int63n(min(limit.Int64()-1, 1<<62) + 1))
				if c.in.Precision > 18 {
					v = big.NewInt(r.Int63())
				}
			}
			// Groups 0 and 1 drift negative and positive; 2 and 3 alternate.
			if g == 0 || (g >= 2 && r.Intn(2) == 0) {
				v.Neg(v)
			}
			b.Append(decimal128.FromBigInt(v))
			seen[g] = true
			if !over[g] {
				sums[g].Add(sums[g], v)
				if new(big.Int).Abs(sums[g]).Cmp(sumLimit) >= 0 {
					over[g] = true
				}
			}
		}
		arg := b.NewArray()
		b.Release()
		col := &expr.Column{Index: 0, Type: arg.DataType()}
		wb := array.NewDecimal128Builder(memory.DefaultAllocator, &arrow.Decimal128Type{Precision: int32(sumPrec), Scale: int32(c.in.Scale)})
		anyOver := false
		for g := range groups {
			if !seen[g] || over[g] {
				wb.AppendNull()
				anyOver = anyOver || over[g]
				continue
			}
			wb.Append(decimal128.FromBigInt(sums[g]))
		}
		wa := wb.NewArray()
		want := strings.Join(strs(wa), " ")
		wa.Release()
		wb.Release()
		got := runAcc(t, Call{Fn: "try_sum", Args: []expr.Expr{col}}, ids, arg)
		if got != want {
			t.Fatalf("try_sum %s: got %s want %s", c.in.SimpleString(), got, want)
		}
		if !anyOver {
			if got := runAcc(t, Call{Fn: "sum", Args: []expr.Expr{col}}, ids, arg); got != want {
				t.Fatalf("sum %s: got %s want %s", c.in.SimpleString(), got, want)
			}
		}
		arg.Release()
	}
}
