package coercion

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func TestDecimalForType(t *testing.T) {
	cases := []struct {
		in   types.DataType
		want types.DataType
	}{
		{types.Byte, dec(3, 0)}, {types.Short, dec(5, 0)}, {types.Integer, dec(10, 0)}, {types.Long, dec(20, 0)},
		{types.Float, dec(14, 7)}, {types.Double, dec(30, 15)}, {dec(7, 3), dec(7, 3)},
	}
	for _, c := range cases {
		got, ok := DecimalForType(c.in)
		if !ok || !types.Equal(got, c.want) {
			t.Errorf("DecimalForType(%v) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
	for _, in := range []types.DataType{types.String, types.Boolean, types.Null, types.Date} {
		if _, ok := DecimalForType(in); ok {
			t.Errorf("DecimalForType(%v) should fail", in)
		}
	}
	lits := []struct {
		t    types.DataType
		v    int64
		want types.DataType
	}{
		{types.Integer, 0, dec(1, 0)}, {types.Integer, 2, dec(1, 0)}, {types.Integer, 10, dec(2, 0)},
		{types.Integer, -123, dec(3, 0)}, {types.Long, 9223372036854775807, dec(19, 0)},
		{types.Long, -9223372036854775808, dec(19, 0)}, {types.Short, 12345, dec(5, 0)},
		{types.Byte, 1, dec(3, 0)}, // tinyint literals get DecimalForType (Spark matches Short/Int/Long values only)
	}
	for _, c := range lits {
		if got := DecimalForLiteral(c.t, c.v); !types.Equal(got, c.want) {
			t.Errorf("DecimalForLiteral(%v, %d) = %v; want %v", c.t, c.v, got, c.want)
		}
	}
}

func TestDecimalWiderThan(t *testing.T) {
	// DecimalPrecisionSuite "DecimalType.isWiderThan".
	d0, d1, d2, d3, d4 := dec(2, 0), dec(2, 1), dec(5, 2), dec(15, 3), dec(25, 4)
	w := func(a, b types.DataType) bool { return DecimalWiderThan(a.(types.DecimalType), b) }
	cases := []struct {
		a, b types.DataType
		want bool
	}{
		{d0, d1, false}, {d1, d0, false}, {d1, d2, false}, {d2, d1, true}, {d2, d3, false}, {d3, d2, true},
		{d4, d3, true}, {d1, types.Byte, false}, {d2, types.Byte, true}, {d2, types.Short, false},
		{d3, types.Short, true}, {d3, types.Integer, true}, {d3, types.Long, false}, {d4, types.Long, true},
		{d4, types.Float, false}, {d4, types.Double, false},
	}
	for _, c := range cases {
		if got := w(c.a, c.b); got != c.want {
			t.Errorf("%v.isWiderThan(%v) = %v", c.a, c.b, got)
		}
	}
}

func TestDecimalResult(t *testing.T) {
	cases := []struct {
		op     string
		a, b   types.DecimalType
		want   types.DecimalType // zero: not checked
		noLoss types.DecimalType // with allowPrecisionLoss=false; zero: not checked
		at     string
	}{
		// DecimalPrecisionSuite: d1 = (2,1), d2 = (5,2), i = (10,0), u = (38,18).
		{op: "+", a: d(2, 1), b: d(5, 2), want: d(6, 2), noLoss: d(6, 2)},
		{op: "-", a: d(2, 1), b: d(5, 2), want: d(6, 2), noLoss: d(6, 2)},
		{op: "*", a: d(2, 1), b: d(5, 2), want: d(8, 3), noLoss: d(8, 3)},
		{op: "/", a: d(2, 1), b: d(5, 2), want: d(10, 7), noLoss: d(10, 7)},
		{op: "/", a: d(5, 2), b: d(2, 1), want: d(10, 6), noLoss: d(10, 6)},
		{op: "%", a: d(2, 1), b: d(5, 2), want: d(3, 2), noLoss: d(3, 2)},
		{op: "%", a: d(5, 2), b: d(2, 1), want: d(3, 2)},
		{op: "+", a: d(2, 1), b: d(38, 18), want: d(38, 17), noLoss: d(38, 18)},
		{op: "+", a: d(10, 0), b: d(38, 18), want: d(38, 17)},
		{op: "*", a: d(2, 1), b: d(38, 18), want: d(38, 16), noLoss: d(38, 19)},
		{op: "*", a: d(5, 2), b: d(38, 18), want: d(38, 14)},
		{op: "*", a: d(10, 0), b: d(38, 18), want: d(38, 7), noLoss: d(38, 18)},
		{op: "*", a: d(38, 18), b: d(38, 18), want: d(38, 6), noLoss: d(38, 36)},
		{op: "/", a: d(38, 18), b: d(2, 1), want: d(38, 17)},
		{op: "/", a: d(38, 18), b: d(5, 2), want: d(38, 16)},
		{op: "/", a: d(38, 18), b: d(10, 0), want: d(38, 18)},
		{op: "/", a: d(38, 18), b: d(38, 18), want: d(38, 6), noLoss: d(38, 18)},
		{op: "%", a: d(2, 1), b: d(38, 18), want: d(19, 18), noLoss: d(19, 18)},
		{op: "%", a: d(5, 2), b: d(38, 18), want: d(21, 18)},
		{op: "%", a: d(10, 0), b: d(38, 18), want: d(28, 18)},
		{op: "%", a: d(38, 18), b: d(38, 18), want: d(38, 18), noLoss: d(38, 18)},
		{op: "pmod", a: d(10, 2), b: d(5, 1), want: d(6, 2), noLoss: d(6, 2)},
		{op: "div", a: d(10, 2), b: d(5, 1), want: d(9, 0)},
		{op: "div", a: d(1, 1), b: d(1, 0), want: d(1, 0)},
		// nonansi/decimalArithmeticOperations.sql.out (the second value after
		// "set spark.sql.decimalOperations.allowPrecisionLoss=false").
		{op: "/", a: d(2, 1), b: d(1, 1), want: d(8, 6), at: "decimalArithmeticOperations.sql.out:12 (1.0 / 0.0)"},
		{op: "%", a: d(2, 1), b: d(1, 1), want: d(1, 1), at: "decimalArithmeticOperations.sql.out:20"},
		{op: "+", a: d(38, 18), b: d(38, 18), want: d(38, 17), noLoss: d(38, 18), at: "decimalArithmeticOperations.sql.out:89 (a + b)"},
		{op: "*", a: d(38, 18), b: d(38, 18), want: d(38, 6), noLoss: d(38, 36), at: "decimalArithmeticOperations.sql.out:89 (a * b)"},
		{op: "/", a: d(38, 18), b: d(38, 18), want: d(38, 6), noLoss: d(38, 18), at: "decimalArithmeticOperations.sql.out:89 (a / b)"},
		{op: "*", a: d(38, 18), b: d(2, 0), want: d(38, 15), noLoss: d(38, 18), at: "decimalArithmeticOperations.sql.out:102 (a * 10)"},
		{op: "/", a: d(38, 18), b: d(2, 0), want: d(38, 18), noLoss: d(38, 19), at: "decimalArithmeticOperations.sql.out:102 (b / 10)"},
		{op: "*", a: d(3, 1), b: d(2, 1), want: d(6, 2), noLoss: d(6, 2), at: "10.3 * 3.0"},
		{op: "*", a: d(6, 4), b: d(2, 1), want: d(9, 5), noLoss: d(9, 5), at: "10.3000 * 3.0"},
		{op: "*", a: d(7, 5), b: d(3, 1), want: d(11, 6), noLoss: d(11, 6), at: "10.30000 * 30.0"},
		{op: "*", a: d(20, 18), b: d(19, 18), want: d(38, 34), noLoss: d(38, 36), at: "10.300000000000000000 * 3.000000000000000000"},
		{op: "*", a: d(20, 18), b: d(20, 19), want: d(38, 34), noLoss: d(38, 37), at: "10.300000000000000000 * 3.0000000000000000000"},
		{op: "+", a: d(37, 0), b: d(1, 1), want: d(38, 1), noLoss: d(38, 1), at: "5e36BD + 0.1"},
		{op: "+", a: d(38, 1), b: d(37, 0), want: d(38, 1), noLoss: d(38, 1), at: "(5e36BD + 0.1) + 5e36BD"},
		{op: "*", a: d(21, 1), b: d(21, 1), want: d(38, 2), noLoss: d(38, 2), at: "12345678901234567890.0 * 12345678901234567890.0"},
		{op: "/", a: d(36, 0), b: d(1, 1), want: d(38, 6), noLoss: d(38, 3), at: "1e35BD / 0.1"},
		{op: "*", a: d(31, 0), b: d(26, 0), want: d(38, 0), noLoss: d(38, 0), at: "1.2345678901234567890E30BD * 1.2345678901234567890E25BD"},
		{op: "+", a: d(36, 7), b: d(36, 5), want: d(38, 6), noLoss: d(38, 7), at: "12345678912345678912345678912.1234567 + 9999999999999999999999999999999.12345"},
		{op: "*", a: d(28, 10), b: d(19, 18), want: d(38, 18), noLoss: d(38, 28), at: "123456789123456789.1234567890 * 1.123456789123456789"},
		{op: "/", a: d(26, 12), b: d(15, 15), want: d(38, 9), noLoss: d(38, 18), at: "12345678912345.123456789123 / 0.000000012345678"},
		{op: "/", a: d(38, 1), b: d(1, 1), want: d(38, 6), noLoss: d(38, 2), at: "1.0123456789012345678901234567890123456e36BD / 0.1"},
		{op: "/", a: d(38, 2), b: d(2, 1), noLoss: d(38, 3), at: "1.0123456789012345678901234567890123456e35BD / 1.0"},
		{op: "/", a: d(38, 3), b: d(2, 1), noLoss: d(38, 3), at: "...e34BD / 1.0"},
		{op: "/", a: d(38, 4), b: d(2, 1), noLoss: d(38, 4), at: "...e33BD / 1.0"},
		{op: "/", a: d(38, 5), b: d(2, 1), noLoss: d(38, 5), at: "...e32BD / 1.0"},
		{op: "/", a: d(38, 6), b: d(2, 1), noLoss: d(38, 6), at: "...e31BD / 1.0"},
		{op: "/", a: d(38, 6), b: d(1, 1), noLoss: d(38, 6), at: "...e31BD / 0.1"},
		{op: "/", a: d(38, 6), b: d(3, 1), noLoss: d(38, 7), at: "...e31BD / 10.0"},
		// CAST(10 AS DECIMAL(3, 1)) ops in the UNION tests.
		{op: "+", a: d(3, 1), b: d(3, 1), want: d(4, 1)},
		{op: "*", a: d(3, 1), b: d(3, 1), want: d(7, 2)},
		{op: "/", a: d(3, 1), b: d(3, 1), want: d(9, 6)},
		{op: "%", a: d(10, 2), b: d(5, 1), want: d(6, 2)},
	}
	for _, c := range cases {
		if got := DecimalResult(c.op, c.a, c.b); c.want != (types.DecimalType{}) && got != c.want {
			t.Errorf("%s DecimalResult(%s, %v, %v) = %v; want %v", c.at, c.op, c.a, c.b, got, c.want)
		}
		want := c.noLoss
		if want == (types.DecimalType{}) {
			continue
		}
		if got := (Mode{NoDecimalPrecisionLoss: true}).DecimalResult(c.op, c.a, c.b); got != want {
			t.Errorf("%s no precision loss: DecimalResult(%s, %v, %v) = %v; want %v", c.at, c.op, c.a, c.b, got, want)
		}
	}
	if got := DecimalResult("^", d(1, 0), d(1, 0)); got != (types.DecimalType{}) {
		t.Errorf("unknown op: %v", got)
	}
}

func d(p, s int) types.DecimalType { return types.DecimalType{Precision: p, Scale: s} }

func TestDecimalArithmeticOperands(t *testing.T) {
	// DecimalPrecisionSuite "bringing in primitive types" and "maximum decimals", with i an
	// INT column, d1 DECIMAL(2,1), u DECIMAL(38,18), f FLOAT, b DOUBLE; plus literals.
	col := func(t types.DataType) Operand { return Operand{Type: t} }
	i, d1, d2, u := col(types.Integer), col(dec(2, 1)), col(dec(5, 2)), col(types.SystemDefaultDecimal)
	f, b := col(types.Float), col(types.Double)
	lit := func(t types.DataType, v int64) Operand {
		return Operand{Type: t, Literal: true, Foldable: true, IntValue: v}
	}
	cases := []struct {
		op   string
		l, r Operand
		want types.DataType
	}{
		{"+", d1, i, dec(12, 1)}, {"+", d1, f, types.Double}, {"+", i, d1, dec(12, 1)}, {"+", f, d1, types.Double},
		{"+", d1, col(types.Long), dec(22, 1)}, {"+", d1, col(types.Short), dec(7, 1)}, {"+", d1, col(types.Byte), dec(5, 1)},
		{"+", d1, b, types.Double},
		{"+", i, u, dec(38, 17)}, {"-", d2, u, dec(38, 17)}, {"*", i, u, dec(38, 7)},
		{"/", u, i, dec(38, 18)}, {"%", i, u, dec(28, 18)},
		{"+", f, u, types.Double}, {"*", b, u, types.Double}, {"/", f, u, types.Double}, {"%", b, u, types.Double},
		// Integral literals take the digits they need (pickMinimumPrecision).
		{"*", lit(types.Integer, 2), u, dec(38, 16)}, {"*", u, lit(types.Integer, 10), dec(38, 15)},
		{"/", u, lit(types.Integer, 10), dec(38, 18)}, {"+", d1, lit(types.Long, 1000), dec(6, 1)},
		{"+", d1, lit(types.Byte, 1), dec(5, 1)}, {"+", lit(types.Integer, 0), d1, dec(3, 1)},
		// div returns BIGINT for decimals too.
		{"div", d1, d2, types.Long}, {"div", i, d1, types.Long},
	}
	for _, m := range []Mode{legacy, ansi} {
		for _, c := range cases {
			got, err := m.Arithmetic(c.op, c.l, c.r)
			if err != nil || !types.Equal(got.Result, c.want) {
				t.Errorf("ANSI=%v %v %s %v = %v, %v; want %v", m.ANSI, c.l.Type, c.op, c.r.Type, name(got.Result), err, c.want)
			}
		}
	}
	r, _ := ansi.Arithmetic("*", lit(types.Integer, 2), u)
	if !types.Equal(r.Left, dec(1, 0)) || r.Right != nil {
		t.Errorf("2 * decimal(38,18) casts: %v %v", r.Left, r.Right)
	}
	if r, _ := legacy.Arithmetic("+", d1, d2); !r.Nullable {
		t.Errorf("legacy decimal + may overflow to NULL")
	}
	if r, _ := ansi.Arithmetic("+", d1, d2); r.Nullable {
		t.Errorf("ANSI decimal + fails on overflow")
	}
}
