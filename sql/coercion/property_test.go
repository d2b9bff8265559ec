package coercion

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// propertyTypes is a broad list of operand types.
var propertyTypes = concat(allTypes, []types.DataType{types.Byte, types.Short, dec(38, 0), dec(5, 5),
	dt(types.Day, types.Day), dt(types.Hour, types.Minute), ym(types.Year, types.Year), ym(types.Month, types.Month),
	types.Variant, lcase, types.CharType{Length: 2}, arr(types.Null, false), mp(types.Integer, types.Long, false),
	st(fld("A1", types.Integer, false))})

// operandsOf gives a column of type t, and a literal of it.
func operandsOf(t types.DataType) []Operand {
	out := []Operand{{Type: t}, {Type: t, Literal: true, Foldable: true}}
	if isIntegral(t) {
		out = append(out, Operand{Type: t, Literal: true, Foldable: true, IntValue: 1})
	}
	if isFractional(t) {
		out = append(out, Operand{Type: t, Literal: true, Foldable: true, DecimalValue: "0"},
			Operand{Type: t, Literal: true, Foldable: true, DecimalValue: "2.5"})
	}
	return out
}

// TestProperties runs every operator on every pair of operand types and checks that the
// resolution terminates and is consistent: a successful operator has operands of the same
// type (or two decimals), the casts end at the operand types Fn sees, and the result type
// is set.
func TestProperties(t *testing.T) {
	ops := []string{"+", "-", "*", "/", "%", "div", "pmod"}
	cmps := []string{"=", "<=>", "<", "<=", ">", ">="}
	n := 0
	for _, m := range []Mode{legacy, ansi} {
		for _, a := range propertyTypes {
			for _, b := range propertyTypes {
				for _, l := range operandsOf(a) {
					for _, r := range operandsOf(b) {
						for _, op := range ops {
							n++
							res, err := m.Arithmetic(op, l, r)
							if err != nil {
								if _, ok := err.(*MismatchError); !ok {
									t.Fatalf("%v %s %v: %v", a, op, b, err)
								}
								continue
							}
							if res.Result == nil || res.FnType == nil {
								t.Fatalf("ANSI=%v %v %s %v: no result type", m.ANSI, a, op, b)
							}
							if res.Fn == op {
								lt, rt := finalType(a, res.LeftCasts), finalType(b, res.RightCasts)
								if !m.sameType(lt, rt) && !(isDecimal(lt) && isDecimal(rt)) {
									t.Errorf("ANSI=%v %v %s %v: operands %v and %v", m.ANSI, a, op, b, lt, rt)
								}
							}
							if !isNull(res.Result) && !isNull(a) && !isNull(b) && !m.CanCast(res.FnType, res.Result) {
								t.Errorf("ANSI=%v %v %s %v: %v cannot become %v", m.ANSI, a, op, b, res.FnType, res.Result)
							}
						}
						for _, op := range cmps {
							n++
							res, err := m.CompareOp(op, l, r)
							if err != nil || res.Const != nil || res.BoolFold != "" {
								continue
							}
							lt, rt := finalType(a, res.LeftCasts), finalType(b, res.RightCasts)
							if res.Literal != nil {
								if res.LiteralOperand == 0 {
									lt = finalType(types.Long, res.LeftCasts)
								} else {
									rt = finalType(types.Long, res.RightCasts)
								}
							}
							if !m.sameType(lt, rt) || !m.sameType(lt, res.Type) || !IsOrderable(lt) {
								t.Errorf("ANSI=%v %v %s %v: operands %v and %v, type %v", m.ANSI, a, op, b, lt, rt, res.Type)
							}
						}
					}
				}
			}
			if _, err := m.UnaryMinus(a); err != nil {
				if _, ok := err.(*MismatchError); !ok {
					t.Fatalf("UnaryMinus(%v): %v", a, err)
				}
			}
		}
		// WiderType is symmetric up to struct field names, and agrees with
		// WiderCommonType on two types.
		for _, a := range propertyTypes {
			for _, b := range propertyTypes {
				x, ok1 := m.WiderType(a, b)
				y, ok2 := m.WiderType(b, a)
				if ok1 != ok2 || (ok1 && !types.EqualIgnoreCaseAndNullability(x, y)) {
					t.Errorf("ANSI=%v WiderType(%v, %v) = %v, %v but reversed %v, %v", m.ANSI, a, b, x, ok1, y, ok2)
				}
				if ok1 {
					if tc, ok := m.TightestCommonType(a, b); ok && !types.Equal(tc, x) {
						t.Errorf("ANSI=%v tightest %v != wider %v for %v, %v", m.ANSI, tc, x, a, b)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no cases")
	}
}

func finalType(t types.DataType, casts []types.DataType) types.DataType {
	if len(casts) > 0 {
		return casts[len(casts)-1]
	}
	return types.ReplaceCharVarcharWithString(t)
}
