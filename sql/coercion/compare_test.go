package coercion

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func decLit(t types.DataType, v string) Operand {
	return Operand{Type: t, Literal: true, Foldable: true, DecimalValue: v}
}

func TestCompareOp(t *testing.T) {
	i, l, s, dbl, b := types.Integer, types.Long, types.String, types.Double, types.Boolean
	date, ts, ntz := types.Date, types.Timestamp, types.TimestampNTZ
	cases := []struct {
		m       Mode
		op      string
		l, r    Operand
		typ     types.DataType // common type
		lc, rc  string
		errKind string
	}{
		// ANSI string promotion.
		{m: ansi, op: "=", l: strLit(), r: col(i), typ: l, lc: "[bigint]", rc: "[bigint]"},
		{m: ansi, op: "<", l: col(types.Byte), r: strLit(), typ: l, lc: "[bigint]", rc: "[bigint]"},
		{m: ansi, op: "=", l: strLit(), r: col(dec(10, 2)), typ: dbl, lc: "[double]", rc: "[double]"},
		{m: ansi, op: "=", l: strLit(), r: col(dec(10, 0)), typ: dbl, lc: "[double]", rc: "[double]"},
		{m: ansi, op: "=", l: strLit(), r: col(date), typ: date, lc: "[date]", rc: "[]"},
		{m: ansi, op: ">", l: col(ts), r: strLit(), typ: ts, lc: "[]", rc: "[timestamp]"},
		{m: ansi, op: "=", l: strLit(), r: col(b), typ: b, lc: "[boolean]", rc: "[]"},
		{m: ansi, op: "<", l: col(types.Binary), r: strLit(), typ: types.Binary, lc: "[]", rc: "[binary]"},
		{m: ansi, op: "=", l: strLit(), r: col(types.DefaultDayTimeInterval), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "=", l: strLit(), r: strLit(), typ: s, lc: "[]", rc: "[]"},
		{m: ansi, op: "=", l: col(s), r: col(lcase), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "=", l: strLit(), r: nullLit(), typ: s, lc: "[]", rc: "[string]"},
		// Legacy string promotion.
		{m: legacy, op: "=", l: strLit(), r: col(i), typ: i, lc: "[int]", rc: "[]"},
		{m: legacy, op: ">", l: strLit(), r: col(dec(10, 2)), typ: dbl, lc: "[double]", rc: "[double]"},
		{m: legacy, op: ">", l: strLit(), r: col(dec(1, 0)), typ: dec(1, 0), lc: "[decimal(1,0)]", rc: "[]"},
		{m: legacy, op: "=", l: col(date), r: strLit(), typ: date, lc: "[]", rc: "[date]"},
		{m: legacy, op: "<=>", l: strLit(), r: col(ts), typ: ts, lc: "[timestamp]", rc: "[]"},
		{m: legacy, op: "<", l: strLit(), r: col(ts), typ: ts, lc: "[timestamp]", rc: "[]"},
		{m: legacy, op: "<", l: strLit(), r: col(ntz), typ: ntz, lc: "[timestamp_ntz]", rc: "[]"},
		{m: legacy, op: "<", l: col(b), r: strLit(), typ: b, lc: "[]", rc: "[boolean]"},
		{m: legacy, op: "=", l: strLit(), r: col(types.Binary), typ: types.Binary, lc: "[binary]", rc: "[]"},
		{m: legacy, op: "=", l: strLit(), r: col(ym(types.Year, types.Year)), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: legacy, op: "=", l: nullLit(), r: strLit(), typ: s, lc: "[string]", rc: "[]"},
		{m: legacy, op: "=", l: col(arr(i, true)), r: strLit(), errKind: "BINARY_OP_DIFF_TYPES"},
		// Decimals (DecimalPrecisionSuite "Comparison operations": i int, d1 (2,1), d2 (5,2), u (38,18), f float).
		{m: ansi, op: "=", l: col(i), r: col(dec(2, 1)), typ: dec(11, 1), lc: "[decimal(10,0) decimal(11,1)]", rc: "[decimal(11,1)]"},
		{m: legacy, op: "<=>", l: col(dec(5, 2)), r: col(dec(2, 1)), typ: dec(5, 2), lc: "[]", rc: "[decimal(5,2)]"},
		{m: ansi, op: "<", l: col(i), r: col(dec(2, 1)), typ: dec(11, 1), lc: "[decimal(10,0) decimal(11,1)]", rc: "[decimal(11,1)]"},
		{m: ansi, op: ">", l: col(dec(5, 2)), r: col(types.SystemDefaultDecimal), typ: types.SystemDefaultDecimal,
			lc: "[decimal(38,18)]", rc: "[]"},
		{m: legacy, op: ">=", l: col(dec(2, 1)), r: col(types.Float), typ: dbl, lc: "[double]", rc: "[double]"},
		{m: ansi, op: "=", l: intLit(i, 1), r: col(dec(5, 2)), typ: dec(5, 2), lc: "[decimal(1,0) decimal(5,2)]", rc: "[]"},
		{m: ansi, op: "=", l: col(i), r: decLit(dec(2, 1), "1.5"), typ: dec(11, 1), lc: "[decimal(10,0) decimal(11,1)]",
			rc: "[decimal(11,1)]"},
		// Datetimes.
		{m: ansi, op: "=", l: col(date), r: col(ts), typ: ts, lc: "[timestamp]", rc: "[]"},
		{m: legacy, op: "<", l: col(ts), r: col(date), typ: ts, lc: "[]", rc: "[timestamp]"},
		{m: ansi, op: "<", l: col(ntz), r: col(ts), typ: ts, lc: "[timestamp]", rc: "[]"},
		{m: ansi, op: "<", l: col(date), r: col(ntz), typ: ntz, lc: "[timestamp_ntz]", rc: "[]"},
		// Booleans and numbers.
		{m: ansi, op: "=", l: col(b), r: col(i), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: legacy, op: "=", l: col(b), r: col(i), typ: i, lc: "[int]", rc: "[]"},
		{m: legacy, op: "<=>", l: col(dec(5, 2)), r: col(b), typ: dec(5, 2), lc: "[]", rc: "[decimal(5,2)]"},
		{m: legacy, op: "<", l: col(b), r: col(i), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: legacy, op: "=", l: col(b), r: intLit(i, 2), typ: i, lc: "[int]", rc: "[]"},
		// Complex and unorderable types.
		{m: ansi, op: "=", l: col(arr(i, false)), r: col(arr(l, true)), typ: arr(l, true), lc: "[array<bigint>]", rc: "[]"},
		{m: ansi, op: "<", l: col(st(fld("a", i, true))), r: col(st(fld("A", i, false))), typ: st(fld("a", i, true)),
			lc: "[]", rc: "[struct<a:int>]"},
		{m: ansi, op: "=", l: col(st(fld("a", i, true))), r: col(st(fld("b", i, true))), errKind: "BINARY_OP_DIFF_TYPES"},
		{m: ansi, op: "=", l: col(mp(i, i, true)), r: col(mp(i, i, true)), errKind: "INVALID_ORDERING_TYPE"},
		{m: ansi, op: "<", l: col(types.Variant), r: col(types.Variant), errKind: "INVALID_ORDERING_TYPE"},
		{m: ansi, op: "=", l: col(arr(types.Variant, true)), r: col(arr(types.Variant, true)), errKind: "INVALID_ORDERING_TYPE"},
		{m: ansi, op: "=", l: col(types.CalendarInterval), r: col(types.CalendarInterval), errKind: "INVALID_ORDERING_TYPE"},
		{m: ansi, op: "=", l: nullLit(), r: nullLit(), typ: types.Null, lc: "[]", rc: "[]"},
		{m: ansi, op: "<>", l: col(i), r: col(types.Short), typ: i, lc: "[]", rc: "[int]"},
	}
	for _, c := range cases {
		got, err := c.m.CompareOp(c.op, c.l, c.r)
		desc := c.l.Type.SimpleString() + " " + c.op + " " + c.r.Type.SimpleString()
		if c.m.ANSI {
			desc = "ANSI " + desc
		}
		if c.errKind != "" {
			if me, ok := err.(*MismatchError); !ok || me.Kind != c.errKind {
				t.Errorf("%s = %+v, %v; want %s", desc, got, err, c.errKind)
			}
			continue
		}
		if err != nil || !types.Equal(got.Type, c.typ) || typesString(got.LeftCasts) != c.lc || typesString(got.RightCasts) != c.rc {
			t.Errorf("%s = %v L%s R%s, %v; want %v L%s R%s", desc, name(got.Type), typesString(got.LeftCasts),
				typesString(got.RightCasts), err, c.typ, c.lc, c.rc)
		}
	}
	if tp, ok := legacy.Comparison(strLit(), col(i)); !ok || !types.Equal(tp, i) {
		t.Errorf("Comparison = %v", tp)
	}
	if _, ok := ansi.Comparison(col(b), col(i)); ok {
		t.Errorf("ANSI boolean = int must fail")
	}
	if _, err := ansi.CompareOp("~", col(i), col(i)); err == nil {
		t.Errorf("unknown comparison accepted")
	}
	_, err := ansi.CompareOp("<", col(mp(i, i, true)), col(mp(i, i, true)))
	if p := err.(*MismatchError).Parameters(); p["functionName"] != "`<`" || p["dataType"] != `"MAP<INT, INT>"` {
		t.Errorf("INVALID_ORDERING_TYPE parameters %v", p)
	}
}

func TestCompareRewrites(t *testing.T) {
	// DecimalPrecisionSuite "strength reduction for integer/decimal comparisons".
	lit := func(v string) Operand { return decLit(dec(20, 1), v) }
	cases := []struct {
		op       string
		intLeft  bool
		v        string
		literal  int64
		constant string // "true"/"false" when folded
	}{
		{">", true, "4", 4, ""}, {">", true, "4.7", 4, ""}, {">=", true, "4", 4, ""}, {">=", true, "4.7", 5, ""},
		{"<", true, "4", 4, ""}, {"<", true, "4.7", 5, ""}, {"<=", true, "4", 4, ""}, {"<=", true, "4.7", 4, ""},
		{">", false, "4", 4, ""}, {">", false, "4.7", 5, ""}, {">=", false, "4", 4, ""}, {">=", false, "4.7", 4, ""},
		{"<", false, "4", 4, ""}, {"<", false, "4.7", 4, ""}, {"<=", false, "4", 4, ""}, {"<=", false, "4.7", 5, ""},
		{">", true, "-4.7", -5, ""}, {">=", true, "-4.7", -4, ""},
		{">", true, "9223372036854775807", 9223372036854775807, ""},
		{">", true, "9223372036854775807.1", 0, "false"}, {">", true, "-9223372036854775808.1", 0, "true"},
		{">=", true, "9223372036854775807.1", 0, "false"}, {">=", true, "-9223372036854775808.1", 0, "true"},
		{"<", true, "9223372036854775807.1", 0, "true"}, {"<", true, "-9223372036854775808.1", 0, "false"},
		{"<=", true, "9223372036854775807.1", 0, "true"}, {"<=", true, "-9223372036854775808.1", 0, "false"},
		{">", false, "9223372036854775807.1", 0, "true"}, {">", false, "-9223372036854775808.1", 0, "false"},
		{">=", false, "9223372036854775807.1", 0, "true"}, {">=", false, "-9223372036854775808.1", 0, "false"},
		{"<", false, "9223372036854775807.1", 0, "false"}, {"<", false, "-9223372036854775808.1", 0, "true"},
		{"<=", false, "9223372036854775807.1", 0, "false"}, {"<=", false, "-9223372036854775808.1", 0, "true"},
		{">", false, "-9223372036854775808", -9223372036854775808, ""},
	}
	for _, m := range []Mode{legacy, ansi} {
		for _, it := range integralTypes {
			for _, c := range cases {
				l, r := col(it), lit(c.v)
				if !c.intLeft {
					l, r = r, l
				}
				got, err := m.CompareOp(c.op, l, r)
				if err != nil {
					t.Errorf("%v %s %v: %v", l.Type, c.op, r.Type, err)
					continue
				}
				if c.constant != "" {
					if got.Const == nil || (*got.Const) != (c.constant == "true") {
						t.Errorf("%v %s %s: const %v, want %s", it, c.op, c.v, got.Const, c.constant)
					}
					continue
				}
				litSide := 1
				if !c.intLeft {
					litSide = 0
				}
				if got.Literal == nil || *got.Literal != c.literal || got.LiteralOperand != litSide || !types.Equal(got.Type, types.Long) {
					t.Errorf("int(%v) %s %s (int left %v): literal %v side %d type %v; want %d", it, c.op, c.v, c.intLeft,
						got.Literal, got.LiteralOperand, got.Type, c.literal)
				}
			}
		}
	}
	// = is not rewritten; a decimal column is not a literal.
	if got, _ := ansi.CompareOp("=", col(types.Integer), lit("4.7")); got.Literal != nil || got.Const != nil {
		t.Errorf("= must not be rewritten")
	}
	if got, _ := ansi.CompareOp(">", col(types.Integer), col(dec(2, 1))); got.Literal != nil {
		t.Errorf("columns must not be rewritten")
	}

	// Legacy BooleanEquality folds a boolean compared with 1 or 0.
	fold := []struct {
		op   string
		l, r Operand
		want string
		side int
	}{
		{"=", col(types.Boolean), intLit(types.Integer, 1), "b", 0},
		{"=", col(types.Boolean), intLit(types.Long, 0), "NOT b", 0},
		{"<=>", col(types.Boolean), intLit(types.Integer, 1), "b IS NOT NULL AND b", 0},
		{"<=>", col(types.Boolean), intLit(types.Byte, 0), "b IS NOT NULL AND NOT b", 0},
		{"=", decLit(dec(1, 0), "1"), col(types.Boolean), "b", 1},
		{"=", decLit(dec(8, 0), "0"), col(types.Boolean), "NOT b", 1},
		{"=", decLit(types.Double, "1.0"), col(types.Boolean), "b", 1},
	}
	for _, c := range fold {
		got, err := legacy.CompareOp(c.op, c.l, c.r)
		if err != nil || got.BoolFold != c.want || got.BoolOperand != c.side {
			t.Errorf("legacy %v %s %v: fold %q side %d, %v; want %q %d", c.l.Type, c.op, c.r.Type, got.BoolFold, got.BoolOperand, err, c.want, c.side)
		}
		if got, err := ansi.CompareOp(c.op, c.l, c.r); err == nil || got.BoolFold != "" {
			t.Errorf("ANSI %v %s %v must fail", c.l.Type, c.op, c.r.Type)
		}
	}
	if got, _ := legacy.CompareOp("<", col(types.Boolean), intLit(types.Integer, 1)); got.BoolFold != "" {
		t.Errorf("< must not fold")
	}
}
