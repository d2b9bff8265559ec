package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

// lineitemLike is 1Mi rows shaped as TPC-H lineitem's hot columns: l_quantity (1..50),
// l_extendedprice, l_discount (0.00..0.10), l_tax (0.00..0.08), all decimal(15,2), and
// l_shipdate (date32, 1992..1998).
func lineitemLike(b *testing.B) []arrow.RecordBatch {
	qty := make([]decimal128.Num, benchRows)
	price := make([]decimal128.Num, benchRows)
	disc := make([]decimal128.Num, benchRows)
	tax := make([]decimal128.Num, benchRows)
	ship := make([]int32, benchRows)
	x := uint64(7)
	next := func(n uint64) int64 {
		x = x*6364136223846793005 + 1442695040888963407
		return int64((x >> 33) % n)
	}
	for i := range qty {
		q := next(50) + 1
		qty[i] = decimal128.FromI64(q * 100)
		price[i] = decimal128.FromI64(q * (90000 + next(10000000)))
		disc[i] = decimal128.FromI64(next(11))
		tax[i] = decimal128.FromI64(next(9))
		ship[i] = int32(8035 + next(2526)) // 1992-01-02 .. 1998-12-01
	}
	d := &arrow.Decimal128Type{Precision: 15, Scale: 2}
	return benchBatches(b, newFixed(d, qty, nil), newFixed(d, price, nil), newFixed(d, disc, nil),
		newFixed(d, tax, nil), newFixed(arrow.FixedWidthTypes.Date32, ship, nil))
}

func lit(b *testing.B, t types.DataType, v any) Expr {
	b.Helper()
	l, err := NewLiteral(t, v)
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkQ1Expressions evaluates the decimal arithmetic of TPC-H q1 with the result
// types Spark gives it: l_extendedprice * (1 - l_discount) is decimal(32,4) and
// l_extendedprice * (1 - l_discount) * (1 + l_tax) is decimal(38,6).
func BenchmarkQ1Expressions(b *testing.B) {
	rb := lineitemLike(b)
	defer releaseBatches(rb)
	d152 := dec(15, 2)
	price, disc, tax := col(1, d152), col(2, d152), col(3, d152)
	one := lit(b, dec(1, 0), int64(1))
	oneMinusDisc := must(NewDecimalArith("-", one, disc, dec(16, 2), true))
	onePlusTax := must(NewDecimalArith("+", one, tax, dec(16, 2), true))
	discPrice := must(NewDecimalArith("*", price, oneMinusDisc, dec(32, 4), true))
	b.Run("1-l_discount", func(b *testing.B) { run(b, oneMinusDisc, rb) })
	b.Run("disc_price", func(b *testing.B) { run(b, discPrice, rb) })
	b.Run("charge", func(b *testing.B) {
		run(b, must(NewDecimalArith("*", discPrice, onePlusTax, dec(38, 6), true)), rb)
	})
}

// BenchmarkQ6Predicate evaluates TPC-H q6's filter: a date range, a decimal BETWEEN and a
// decimal comparison, joined by AND.
func BenchmarkQ6Predicate(b *testing.B) {
	rb := lineitemLike(b)
	defer releaseBatches(rb)
	d152 := dec(15, 2)
	qty, disc, ship := col(0, d152), col(2, d152), col(4, types.Date)
	and := func(a, c Expr) Expr { return must(NewAnd(a, c)) }
	dateGE := must(NewCompare(GE, ship, lit(b, types.Date, int64(8766)))) // 1994-01-01
	dateLT := must(NewCompare(LT, ship, lit(b, types.Date, int64(9131)))) // 1995-01-01
	discGE := must(NewCompare(GE, disc, lit(b, d152, int64(5))))
	discLE := must(NewCompare(LE, disc, lit(b, d152, int64(7))))
	qtyLT := must(NewCompare(LT, qty, lit(b, d152, int64(2400))))
	b.Run("date>=literal", func(b *testing.B) { run(b, dateGE, rb) })
	b.Run("decimal<literal", func(b *testing.B) { run(b, qtyLT, rb) })
	b.Run("all-five", func(b *testing.B) {
		run(b, and(and(and(dateGE, dateLT), and(discGE, discLE)), qtyLT), rb)
	})
}
