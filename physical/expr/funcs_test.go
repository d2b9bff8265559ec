package expr

import (
	"math"
	"math/big"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

// call builds a function from the table.
func call(t *testing.T, name string, result types.DataType, ansi bool, args ...Expr) Expr {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("no function %s", name)
	}
	e, err := f(args, nil, result, FuncOptions{ANSI: ansi})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return e
}

func decStr(t *testing.T, s string, p, sc int) decimal128.Num {
	t.Helper()
	d, ok := parseBigDecimal([]byte(s))
	if !ok {
		t.Fatalf("bad decimal %q", s)
	}
	v, ok := bigToNum(d.toScale(sc), p)
	if !ok {
		t.Fatalf("decimal %q does not fit (%d,%d)", s, p, sc)
	}
	return v
}

func TestDecimalArithGolden(t *testing.T) {
	type dcase struct {
		op        string
		a         string
		pa, sa    int
		b         string
		pb, sb    int
		p, s      int
		want, err string
		errValue  string
	}
	cases := []dcase{
		// nonansi/decimalArithmeticOperations.sql.out (decimals_test rows).
		{"+", "100.0", 38, 18, "999.0", 38, 18, 38, 17, "1099.00000000000000000", "", ""},
		{"-", "100.0", 38, 18, "999.0", 38, 18, 38, 17, "-899.00000000000000000", "", ""},
		{"*", "100.0", 38, 18, "999.0", 38, 18, 38, 6, "99900.000000", "", ""},
		{"/", "100.0", 38, 18, "999.0", 38, 18, 38, 6, "0.100100", "", ""},
		{"*", "10.3", 3, 1, "3.0", 2, 1, 6, 2, "30.90", "", ""},
		{"*", "10.30000", 7, 5, "30.0", 3, 1, 11, 6, "309.000000", "", ""},
		{"*", "10.300000000000000000", 20, 18, "3.000000000000000000", 19, 18, 38, 34, "30.9000000000000000000000000000000000", "", ""},
		{"+", "5000000000000000000000000000000000000.1", 38, 1, "5000000000000000000000000000000000000", 37, 0, 38, 1, "", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "10000000000000000000000000000000000000.1"},
		{"*", "12345678901234567890.0", 21, 1, "12345678901234567890.0", 21, 1, 38, 2, "", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "152415787532388367501905199875019052100"},
		{"/", "100000000000000000000000000000000000", 36, 0, "0.1", 1, 1, 38, 6, "", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", ""},
		{"+", "12345678912345678912345678912.1234567", 36, 7, "9999999999999999999999999999999.12345", 36, 5, 38, 6, "10012345678912345678912345678911.246907", "", ""},
		{"*", "123456789123456789.1234567890", 28, 10, "1.123456789123456789", 19, 18, 38, 18, "138698367904130467.654320988515622621", "", ""},
		{"/", "12345678912345.123456789123", 26, 12, "0.000000012345678", 15, 15, 38, 9, "1000000073899961059796.725866332", "", ""},
		{"/", "10123456789012345678901234567890123.456", 38, 3, "1.0", 2, 1, 38, 3, "10123456789012345678901234567890123.456", "", ""},
		{"/", "10123456789012345678901234567890.123456", 38, 6, "10.0", 3, 1, 38, 7, "1012345678901234567890123456789.0123456", "", ""},
		{"/", "1.0", 2, 1, "0.0", 2, 1, 8, 6, "", "DIVIDE_BY_ZERO", ""},
		{"%", "1.0", 2, 1, "0.0", 2, 1, 1, 1, "", "REMAINDER_BY_ZERO", ""},
		{"%", "10.00", 10, 2, "3.0", 5, 1, 6, 2, "1.00", "", ""},
		{"pmod", "10.00", 10, 2, "3.0", 5, 1, 6, 2, "1.00", "", ""},
		{"%", "-7.5", 2, 1, "2", 1, 0, 2, 1, "-1.5", "", ""},
		{"pmod", "-7.5", 2, 1, "2", 1, 0, 2, 1, "0.5", "", ""},
		{"pmod", "-7.5", 2, 1, "-2", 1, 0, 2, 1, "-1.5", "", ""},
		{"+", "1.25", 3, 2, "1", 1, 0, 4, 1, "2.3", "", ""},
		{"-", "-0.05", 3, 2, "0", 1, 0, 3, 1, "-0.1", "", ""},
		{"/", "2", 1, 0, "3", 1, 0, 7, 6, "0.666667", "", ""},
		{"/", "-2", 1, 0, "3", 1, 0, 7, 6, "-0.666667", "", ""},
		{"*", "99999999.99", 10, 2, "99999999.99", 10, 2, 21, 4, "9999999998000000.0001", "", ""},
		{"*", "-1.5", 2, 1, "1.5", 2, 1, 3, 1, "-2.3", "", ""},
	}
	for _, c := range cases {
		a, b := decStr(t, c.a, c.pa, c.sa), decStr(t, c.b, c.pb, c.sb)
		bt := batchOf(arr(t, dec(c.pa, c.sa), a, nil), arr(t, dec(c.pb, c.sb), b, b))
		for _, ansi := range []bool{true, false} {
			e := must(NewDecimalArith(c.op, col(0, dec(c.pa, c.sa)), col(1, dec(c.pb, c.sb)), dec(c.p, c.s), ansi))
			if c.err != "" {
				if ansi {
					se := wantErr(t, e, bt, c.err, nil)
					if c.errValue != "" && se.Params["value"] != c.errValue {
						t.Errorf("%s %s %s: value %q, want %q", c.a, c.op, c.b, se.Params["value"], c.errValue)
					}
				} else {
					wantStrs(t, e, bt, "NULL", "NULL")
				}
				continue
			}
			wantStrs(t, e, bt, c.want, "NULL")
		}
		bt.Release()
	}
}

// The 64-bit, 128-bit and math/big paths agree.
func TestDecimalArithPathsAgree(t *testing.T) {
	vals := []int64{0, 1, -1, 7, -7, 99999, -99999, 123456789, -987654321, 999999999}
	for _, op := range []string{"+", "-", "*", "/", "%", "pmod"} {
		for _, shape := range [][6]int{{9, 2, 9, 3, 18, 4}, {9, 2, 9, 3, 38, 10}, {9, 0, 9, 9, 38, 30}} {
			e := must(NewDecimalArith(op, col(0, dec(shape[0], shape[1])), col(1, dec(shape[2], shape[3])), dec(shape[4], shape[5]), false)).(*DecimalArith)
			for _, x := range vals {
				for _, y := range vals {
					got, zero, ok := e.row(d128(x), d128(y))
					want, wzero, wok := e.bigRow(d128(x), d128(y))
					if zero != wzero || ok != wok || (ok && got != want) {
						t.Fatalf("%d %s %d %v: row %v/%v/%v, big %v/%v/%v", x, op, y, shape, got.BigInt(), zero, ok, want.BigInt(), wzero, wok)
					}
				}
			}
		}
	}
}

func TestIntegerArithErrorsAndDiv(t *testing.T) {
	b := batchOf(arr(t, types.Long, int64(7), int64(-7), int64(math.MinInt64), nil),
		arr(t, types.Long, int64(2), int64(2), int64(-1), int64(0)))
	defer b.Release()
	x, y := col(0, types.Long), col(1, types.Long)
	wantStrs(t, must(NewArith("div", x, y, types.Long, false)), b, "3", "-3", "-9223372036854775808", "NULL")
	wantErr(t, must(NewArith("div", x, y, types.Long, true)), b, "ARITHMETIC_OVERFLOW",
		map[string]string{"message": "Overflow in integral divide", "alternative": " Use 'try_divide' to tolerate overflow and return NULL instead."})
	wantStrs(t, must(NewArith("%", x, y, types.Long, false)), b, "1", "-1", "0", "NULL")
	wantStrs(t, must(NewArith("pmod", x, y, types.Long, false)), b, "1", "1", "0", "NULL")
	wantErr(t, must(NewArith("*", x, y, types.Long, true)), b, "ARITHMETIC_OVERFLOW",
		map[string]string{"message": "long overflow", "alternative": " Use 'try_multiply' to tolerate overflow and return NULL instead."})
	zb := batchOf(arr(t, types.Integer, int32(1)), arr(t, types.Integer, int32(0)))
	defer zb.Release()
	wantErr(t, must(NewArith("%", col(0, types.Integer), col(1, types.Integer), types.Integer, true)), zb, "REMAINDER_BY_ZERO", nil)
	wantErr(t, must(NewArith("pmod", col(0, types.Integer), col(1, types.Integer), types.Integer, true)), zb, "REMAINDER_BY_ZERO", nil)
	// Overflow in a NULL row does not count.
	nb := batchOf(arr(t, types.Integer, int32(math.MaxInt32), int32(1)), arr(t, types.Integer, nil, int32(1)))
	defer nb.Release()
	wantStrs(t, must(NewArith("+", col(0, types.Integer), col(1, types.Integer), types.Integer, true)), nb, "NULL", "2")
	// tinyint/smallint overflow is BINARY_ARITHMETIC_OVERFLOW.
	sb := batchOf(arr(t, types.Short, int16(32767)), arr(t, types.Short, int16(1)))
	defer sb.Release()
	wantErr(t, must(NewArith("+", col(0, types.Short), col(1, types.Short), types.Short, true)), sb, "BINARY_ARITHMETIC_OVERFLOW",
		map[string]string{"value1": "32767S", "symbol": "+", "value2": "1S", "functionName": "`try_add`"})
	wantStrs(t, must(NewArith("+", col(0, types.Short), col(1, types.Short), types.Short, false)), sb, "-32768")
	// Floats: pmod and division by zero.
	fb := batchOf(arr(t, types.Double, -7.5, 1.0), arr(t, types.Double, 2.0, 0.0))
	defer fb.Release()
	wantStrs(t, must(NewArith("pmod", col(0, types.Double), col(1, types.Double), types.Double, false)), fb, "0.5", "NULL")
	wantStrs(t, must(NewArith("/", col(0, types.Double), col(1, types.Double), types.Double, false)), fb, "-3.75", "NULL")
	wantErr(t, must(NewArith("/", col(0, types.Double), col(1, types.Double), types.Double, true)), fb, "DIVIDE_BY_ZERO", nil)
	// Decimal div gives a bigint.
	db := batchOf(arr(t, dec(10, 2), d128(1000), d128(-1000)), arr(t, dec(5, 1), d128(30), d128(0)))
	defer db.Release()
	wantStrs(t, must(NewArith("div", col(0, dec(10, 2)), col(1, dec(5, 1)), types.Long, false)), db, "3", "NULL")
	wantErr(t, must(NewArith("div", col(0, dec(10, 2)), col(1, dec(5, 1)), types.Long, true)), db, "DIVIDE_BY_ZERO", nil)
	// Negation.
	mb := batchOf(arr(t, types.Integer, int32(math.MinInt32), int32(5)))
	defer mb.Release()
	wantErr(t, must(NewNegate(col(0, types.Integer), true)), mb, "ARITHMETIC_OVERFLOW", map[string]string{"message": "integer overflow", "alternative": ""})
	wantStrs(t, must(NewNegate(col(0, types.Integer), false)), mb, "-2147483648", "-5")
}

func TestStringFunctions(t *testing.T) {
	b := batchOf(arr(t, types.String, "Spark SQL", "héllo", "straße", "", nil),
		arr(t, types.Binary, []byte("abc"), []byte{0xff, 0}, []byte{}, []byte("x"), nil))
	defer b.Release()
	s := col(0, types.String)
	i32l := func(v int32) Expr { return litOf(t, types.Integer, v) }
	wantStrs(t, call(t, "upper", types.String, false, s), b, "SPARK SQL", "HÉLLO", "STRASSE", "", "NULL")
	wantStrs(t, call(t, "lower", types.String, false, s), b, "spark sql", "héllo", "straße", "", "NULL")
	wantStrs(t, call(t, "length", types.Integer, false, s), b, "9", "5", "6", "0", "NULL")
	wantStrs(t, call(t, "length", types.Integer, false, col(1, types.Binary)), b, "3", "2", "0", "1", "NULL")
	wantStrs(t, call(t, "substring", types.String, false, s, i32l(5)), b, "k SQL", "o", "ße", "", "NULL")
	wantStrs(t, call(t, "substr", types.String, false, s, i32l(-3)), b, "SQL", "llo", "aße", "", "NULL")
	wantStrs(t, call(t, "substring", types.String, false, s, i32l(2), i32l(3)), b, "par", "éll", "tra", "", "NULL")
	wantStrs(t, call(t, "substring", types.String, false, s, i32l(0), i32l(2)), b, "Sp", "hé", "st", "", "NULL")
	wantStrs(t, call(t, "substring", types.String, false, s, i32l(-20), i32l(13)), b, "Sp", "", "", "", "NULL")
	wantStrs(t, call(t, "substring", types.String, false, s, i32l(2), i32l(-1)), b, "", "", "", "", "NULL")
	wantStrs(t, call(t, "substring", types.Binary, false, col(1, types.Binary), i32l(2)), b, "[62 63]", "[00]", "[]", "[]", "NULL")
	tb := batchOf(arr(t, types.String, "  a b  ", "xyaxy", "   "))
	defer tb.Release()
	ts := col(0, types.String)
	wantStrs(t, call(t, "trim", types.String, false, ts), tb, "a b", "xyaxy", "")
	wantStrs(t, call(t, "ltrim", types.String, false, ts), tb, "a b  ", "xyaxy", "")
	wantStrs(t, call(t, "rtrim", types.String, false, ts), tb, "  a b", "xyaxy", "")
	xy := litOf(t, types.String, "xy")
	wantStrs(t, call(t, "trim", types.String, false, ts, xy), tb, "  a b  ", "a", "   ")
	wantStrs(t, call(t, "ltrim", types.String, false, ts, xy), tb, "  a b  ", "axy", "   ")
	wantStrs(t, call(t, "rtrim", types.String, false, ts, xy), tb, "  a b  ", "xya", "   ")
	// string-functions.sql.out.
	gb := batchOf(arr(t, types.String, "yxTomxx", "xxxbarxxx", "zzzytestxyz", "xyxtrimyyx"))
	defer gb.Release()
	wantStrs(t, call(t, "trim", types.String, false, col(0, types.String), litOf(t, types.String, "xyz")), gb, "Tom", "bar", "test", "trim")
	wantStrs(t, call(t, "ltrim", types.String, false, col(0, types.String), litOf(t, types.String, "xyz")), gb, "Tomxx", "barxxx", "testxyz", "trimyyx")
	wantStrs(t, call(t, "btrim", types.String, false, col(0, types.String), litOf(t, types.String, "xy")), gb, "Tom", "bar", "zzzytestxyz", "trim")
	ib := batchOf(arr(t, types.String, "İ", "ΟΔΟΣ"))
	defer ib.Release()
	wantStrs(t, call(t, "lower", types.String, false, col(0, types.String)), ib, "i̇", "οδος")

	cb := batchOf(arr(t, types.String, "a", "b", nil), arr(t, types.String, "x", nil, "z"))
	defer cb.Release()
	c0, c1 := col(0, types.String), col(1, types.String)
	wantStrs(t, must(NewConcat([]Expr{c0, litOf(t, types.String, "-"), c1})), cb, "a-x", "NULL", "NULL")
	wantStrs(t, call(t, "concat_ws", types.String, false, litOf(t, types.String, ","), c0, c1), cb, "a,x", "b", "z")
	at := types.NewArray(types.String, true)
	lb := batchOf(listArr(t, at, [][]any{{"p", nil, "q"}, nil, {}}))
	defer lb.Release()
	wantStrs(t, call(t, "concat_ws", types.String, false, litOf(t, types.String, "/"), litOf(t, types.String, "s"), col(0, at)), lb, "s/p/q", "s", "s")
	wantStrs(t, call(t, "concat_ws", types.String, false, litOf(t, types.String, nil), col(0, at)), lb, "NULL", "NULL", "NULL")
}

func TestLike(t *testing.T) {
	b := batchOf(arr(t, types.String, "abc", "ABC", "a\nc", "aé", "a_c", "", "%", nil))
	defer b.Release()
	s := col(0, types.String)
	like := func(p string, ci bool) Expr {
		return must(NewLike(s, litOf(t, types.String, p), '\\', ci))
	}
	wantStrs(t, like("a%", false), b, "true", "false", "true", "true", "true", "false", "false", "NULL")
	wantStrs(t, like("a_c", false), b, "true", "false", "true", "false", "true", "false", "false", "NULL")
	wantStrs(t, like("a__", false), b, "true", "false", "true", "false", "true", "false", "false", "NULL")
	wantStrs(t, like("a_", false), b, "false", "false", "false", "true", "false", "false", "false", "NULL")
	wantStrs(t, like(`a\_c`, false), b, "false", "false", "false", "false", "true", "false", "false", "NULL")
	wantStrs(t, like("%c", false), b, "true", "false", "true", "false", "true", "false", "false", "NULL")
	wantStrs(t, like("%b%", false), b, "true", "false", "false", "false", "false", "false", "false", "NULL")
	wantStrs(t, like("", false), b, "false", "false", "false", "false", "false", "true", "false", "NULL")
	wantStrs(t, like(`\%`, false), b, "false", "false", "false", "false", "false", "false", "true", "NULL")
	wantStrs(t, like("%", false), b, "true", "true", "true", "true", "true", "true", "true", "NULL")
	wantStrs(t, like("a%_%c", false), b, "true", "false", "true", "false", "true", "false", "false", "NULL")
	wantStrs(t, like("A%", true), b, "true", "true", "true", "true", "true", "false", "false", "NULL")
	if _, err := NewLike(s, litOf(t, types.String, `a\b`), '\\', false); err == nil {
		t.Fatal("want ESC_IN_THE_MIDDLE")
	}
	if _, err := NewLike(s, litOf(t, types.String, `ab\`), '\\', false); err == nil {
		t.Fatal("want ESC_AT_THE_END")
	}
	// A column pattern, with a custom escape.
	pb := batchOf(arr(t, types.String, "a%b", "xyz", "ab"), arr(t, types.String, "a#%b", "x%", nil))
	defer pb.Release()
	wantStrs(t, must(NewLike(col(0, types.String), col(1, types.String), '#', false)), pb, "true", "true", "NULL")
}

func TestMathFunctions(t *testing.T) {
	b := batchOf(arr(t, types.Double, 2.5, -2.5, 0.285, 4.0, math.NaN(), nil, 0.0))
	defer b.Release()
	d := col(0, types.Double)
	two := litOf(t, types.Integer, int32(2))
	wantStrs(t, call(t, "round", types.Double, false, d), b, "3.0", "-3.0", "0.0", "4.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "bround", types.Double, false, d), b, "2.0", "-2.0", "0.0", "4.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "round", types.Double, false, d, two), b, "2.5", "-2.5", "0.29", "4.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "sqrt", types.Double, false, d), b, "1.5811388300841898", "NaN", "0.5338539126015656", "2.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "ln", types.Double, false, d), b, "0.9162907318741551", "NULL", "-1.2552660987134865", "1.3862943611198906", "NaN", "NULL", "NULL")
	wantStrs(t, call(t, "floor", types.Long, false, d), b, "2", "-3", "0", "4", "0", "NULL", "0")
	wantStrs(t, call(t, "ceil", types.Long, false, d), b, "3", "-2", "1", "4", "0", "NULL", "0")
	wantStrs(t, call(t, "sign", types.Double, false, d), b, "1.0", "-1.0", "1.0", "1.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "abs", types.Double, false, d), b, "2.5", "2.5", "0.285", "4.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "log", types.Double, false, litOf(t, types.Double, 2.0), d), b, "1.3219280948873624", "NULL", "-1.810966175609983", "2.0", "NaN", "NULL", "NULL")
	wantStrs(t, call(t, "pow", types.Double, false, d, litOf(t, types.Double, 2.0)), b, "6.25", "6.25", "0.08122499999999999", "16.0", "NaN", "NULL", "0.0")
	wantStrs(t, call(t, "exp", types.Double, false, litOf(t, types.Double, 0.0)), b, "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0")

	ib := batchOf(arr(t, types.Integer, int32(125), int32(-125), int32(math.MinInt32), int32(math.MaxInt32)))
	defer ib.Release()
	x := col(0, types.Integer)
	m1 := litOf(t, types.Integer, int32(-1))
	wantStrs(t, call(t, "round", types.Integer, false, x, m1), ib, "130", "-130", "2147483646", "-2147483646")
	wantStrs(t, call(t, "bround", types.Integer, false, x, m1), ib, "120", "-120", "2147483646", "-2147483646")
	wantErr(t, call(t, "round", types.Integer, true, x, m1), ib, "ARITHMETIC_OVERFLOW", map[string]string{"message": "Overflow", "alternative": ""})
	wantStrs(t, call(t, "abs", types.Integer, false, x), ib, "125", "125", "-2147483648", "2147483647")
	wantErr(t, call(t, "abs", types.Integer, true, x), ib, "ARITHMETIC_OVERFLOW", map[string]string{"message": "integer overflow"})

	// math.sql.out.
	yb := batchOf(arr(t, types.Byte, int8(25)), arr(t, types.Short, int16(525)))
	defer yb.Release()
	for _, c := range []struct {
		fn    string
		col   int
		scale int32
		want  string
	}{{"round", 0, 1, "25"}, {"round", 0, -1, "30"}, {"round", 0, -2, "0"}, {"bround", 0, -1, "20"},
		{"round", 1, -1, "530"}, {"round", 1, -2, "500"}, {"round", 1, -3, "1000"}, {"bround", 1, -1, "520"}} {
		ct := types.DataType(types.Byte)
		if c.col == 1 {
			ct = types.Short
		}
		wantStrs(t, call(t, c.fn, ct, true, col(c.col, ct), litOf(t, types.Integer, c.scale)), yb, c.want)
	}
	ob := batchOf(arr(t, types.Byte, int8(127)))
	defer ob.Release()
	wantErr(t, call(t, "bround", types.Byte, true, col(0, types.Byte), m1), ob, "ARITHMETIC_OVERFLOW", map[string]string{"message": "Overflow"})

	db := batchOf(arr(t, dec(5, 4), d128(12345), d128(12350), d128(-12350), d128(12450)))
	defer db.Release()
	dx := col(0, dec(5, 4))
	wantStrs(t, call(t, "round", dec(4, 2), false, dx, two), db, "1.23", "1.24", "-1.24", "1.25")
	wantStrs(t, call(t, "bround", dec(4, 2), false, dx, two), db, "1.23", "1.24", "-1.24", "1.24")
	wantStrs(t, call(t, "floor", dec(2, 0), false, dx), db, "1", "1", "-2", "1")
	wantStrs(t, call(t, "ceil", dec(2, 0), false, dx), db, "2", "2", "-1", "2")
	wantStrs(t, call(t, "abs", dec(5, 4), false, dx), db, "1.2345", "1.2350", "1.2350", "1.2450")

	gb := batchOf(arr(t, types.Integer, int32(1), nil, nil), arr(t, types.Integer, int32(3), int32(2), nil), arr(t, types.Integer, nil, int32(5), nil))
	defer gb.Release()
	g := []Expr{col(0, types.Integer), col(1, types.Integer), col(2, types.Integer)}
	wantStrs(t, call(t, "greatest", types.Integer, false, g...), gb, "3", "5", "NULL")
	wantStrs(t, call(t, "least", types.Integer, false, g...), gb, "1", "2", "NULL")
	nb := batchOf(arr(t, types.Double, math.NaN(), 1.0), arr(t, types.Double, 1.0, 2.0))
	defer nb.Release()
	wantStrs(t, call(t, "greatest", types.Double, false, col(0, types.Double), col(1, types.Double)), nb, "NaN", "2.0")
	wantStrs(t, call(t, "least", types.Double, false, col(0, types.Double), col(1, types.Double)), nb, "1.0", "1.0")

	pb := batchOf(arr(t, types.Integer, int32(-7), int32(7)), arr(t, types.Integer, int32(3), int32(0)))
	defer pb.Release()
	wantStrs(t, call(t, "pmod", types.Integer, false, col(0, types.Integer), col(1, types.Integer)), pb, "2", "NULL")
	wantStrs(t, call(t, "mod", types.Integer, false, col(0, types.Integer), col(1, types.Integer)), pb, "-1", "NULL")
	wantErr(t, call(t, "pmod", types.Integer, true, col(0, types.Integer), col(1, types.Integer)), pb, "REMAINDER_BY_ZERO", nil)
	wantStrs(t, call(t, "coalesce", types.Integer, false, litOf(t, types.Integer, nil), col(1, types.Integer)), pb, "3", "0")
	wantStrs(t, call(t, "nvl2", types.Integer, false, col(0, types.Integer), litOf(t, types.Integer, int32(1)), litOf(t, types.Integer, int32(2))), pb, "1", "1")
	if len(FunctionNames()) < 40 {
		t.Fatalf("functions: %v", FunctionNames())
	}
	_ = big.NewInt
}

// The fast paths of DecimalArith.Eval agree with the exact math/big computation.
func TestDecimalEvalFastPathsAgree(t *testing.T) {
	shapes := [][6]int{{10, 2, 10, 2, 11, 2}, {10, 2, 10, 2, 21, 4}, {10, 2, 10, 2, 21, 3}, {18, 4, 18, 0, 19, 4},
		{9, 3, 9, 3, 9, 2}, {18, 9, 18, 9, 38, 17}, {18, 2, 5, 5, 18, 4}, {4, 2, 4, 2, 5, 2}}
	x := uint64(12345)
	next := func(digits int) int64 {
		x = x*6364136223846793005 + 1442695040888963407
		lim := uint64(1)
		for i := 0; i < digits; i++ {
			lim *= 10
		}
		v := int64((x >> 4) % lim)
		if x&1 == 1 {
			v = -v
		}
		return v
	}
	for _, op := range []string{"+", "-", "*", "/", "%", "pmod"} {
		for _, sh := range shapes {
			n := 500
			xs, ys := make([]any, n), make([]any, n)
			for i := range xs {
				xs[i] = d128(next(sh[0]))
				ys[i] = d128(next(sh[2]))
			}
			b := batchOf(arr(t, dec(sh[0], sh[1]), xs...), arr(t, dec(sh[2], sh[3]), ys...))
			e := must(NewDecimalArith(op, col(0, dec(sh[0], sh[1])), col(1, dec(sh[2], sh[3])), dec(sh[4], sh[5]), false)).(*DecimalArith)
			out, err := e.Eval(b)
			if err != nil {
				t.Fatal(err)
			}
			got := fixedValues[decimal128.Num](out)
			for i := 0; i < n; i++ {
				want, _, ok := e.bigRow(xs[i].(decimal128.Num), ys[i].(decimal128.Num))
				if ok != out.IsValid(i) || (ok && got[i] != want) {
					t.Fatalf("%v %s %v %v: got %v (valid %v), want %v (ok %v)", xs[i].(decimal128.Num).BigInt(), op,
						ys[i].(decimal128.Num).BigInt(), sh, got[i].BigInt(), out.IsValid(i), want.BigInt(), ok)
				}
			}
			out.Release()
			b.Release()
		}
	}
}
