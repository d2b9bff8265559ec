package expr

import (
	"math"
	"math/big"
	"math/rand"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// TestDecimalWideOperandsAgree multiplies operands of wide decimal types holding a mix of
// 64-bit values (which take the 64x64 product) and wider ones (the general path), and
// compares each row with the exact math/big result; it also compares decimal columns
// with literals of both sizes.
func TestDecimalWideOperandsAgree(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	draw := func(digits int) decimal128.Num {
		switch r.Intn(6) {
		case 0:
			return d128(math.MinInt64 + r.Int63n(2))
		case 1:
			return d128(math.MaxInt64 - r.Int63n(2))
		case 2, 3:
			v := r.Int63n(1 << 40)
			if r.Intn(2) == 0 {
				v = -v
			}
			return d128(v)
		}
		lim := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)
		v := new(big.Int).Rand(r, lim)
		if r.Intn(2) == 0 {
			v.Neg(v)
		}
		return decimal128.FromBigInt(v)
	}
	for _, sh := range [][6]int{{32, 4, 16, 2, 38, 6}, {38, 0, 20, 0, 38, 0}, {25, 2, 25, 2, 38, 2}, {30, 10, 19, 5, 38, 12}} {
		{
			n := 600
			xs, ys := make([]any, n), make([]any, n)
			for i := range xs {
				xs[i] = draw(sh[0])
				ys[i] = draw(sh[2])
			}
			b := batchOf(arr(t, dec(sh[0], sh[1]), xs...), arr(t, dec(sh[2], sh[3]), ys...))
			e := must(NewDecimalArith("*", col(0, dec(sh[0], sh[1])), col(1, dec(sh[2], sh[3])), dec(sh[4], sh[5]), false)).(*DecimalArith)
			out, err := e.Eval(b)
			if err != nil {
				t.Fatal(err)
			}
			got := fixedValues[decimal128.Num](out)
			for i := range n {
				want, _, ok := e.bigRow(xs[i].(decimal128.Num), ys[i].(decimal128.Num))
				if ok != out.IsValid(i) || (ok && got[i] != want) {
					t.Fatalf("%v * %v %v: got %v (valid %v), want %v (ok %v)", xs[i].(decimal128.Num).BigInt(),
						ys[i].(decimal128.Num).BigInt(), sh, got[i].BigInt(), out.IsValid(i), want.BigInt(), ok)
				}
			}
			out.Release()
			// Under ANSI an overflowing row fails the batch; one with only fitting rows does not.
			ea := must(NewDecimalArith("*", col(0, dec(sh[0], sh[1])), col(1, dec(sh[2], sh[3])), dec(sh[4], sh[5]), true))
			anyOverflow := false
			for i := range n {
				if _, _, ok := e.bigRow(xs[i].(decimal128.Num), ys[i].(decimal128.Num)); !ok {
					anyOverflow = true
				}
			}
			if o, err := ea.Eval(b); (err != nil) != anyOverflow {
				t.Fatalf("%v ANSI: error %v, overflow expected %v", sh, err, anyOverflow)
			} else if err == nil {
				o.Release()
			}
			b.Release()
		}
	}
}

// TestCompareDecimalScalarAgree compares a decimal column with literals of 64-bit and wider
// values under every operator against cmpDecimal.
func TestCompareDecimalScalarAgree(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	vals := make([]decimal128.Num, 1000)
	for i := range vals {
		switch r.Intn(4) {
		case 0:
			vals[i] = decimal128.New(r.Int63n(5)-2, r.Uint64())
		default:
			vals[i] = d128(r.Int63n(2001) - 1000)
		}
	}
	vals[0], vals[1] = d128(math.MinInt64), d128(math.MaxInt64)
	for _, y := range []decimal128.Num{d128(0), d128(7), d128(-1000), d128(math.MinInt64), d128(math.MaxInt64),
		decimal128.New(1, 0), decimal128.New(-1, 5), decimal128.New(-2, math.MaxUint64)} {
		for _, op := range []CompareOp{EQ, NE, LT, LE, GT, GE} {
			out := make([]uint64, (len(vals)+63)/64)
			cmpDecimalScalar(op, vals, y, out)
			tbl := op.table()
			for i, x := range vals {
				want := tbl[cmpDecimal(x, y)+1] == 1
				if got := out[i>>6]>>(uint(i)&63)&1 == 1; got != want {
					t.Fatalf("%v op %d %v: got %v want %v", x.BigInt(), op, y.BigInt(), got, want)
				}
			}
		}
	}
}
