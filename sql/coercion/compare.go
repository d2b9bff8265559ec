package coercion

import (
	"fmt"
	"math"
	"math/big"

	"github.com/sailgo/sail/sql/types"
)

// Compare is the resolution of a comparison operator: the casts of each operand to a common
// type, and the value rewrites Spark applies to some literals.
type Compare struct {
	// Left and Right are the types each operand is cast to (nil: used as is); LeftCasts and
	// RightCasts list every cast, innermost first.
	Left, Right           types.DataType
	LeftCasts, RightCasts []types.DataType
	// Type is the type both sides have after the casts.
	Type types.DataType
	// Const: the comparison is this constant (an integral compared with a decimal literal
	// beyond the BIGINT range, e.g. int_col < 1e30 is true).
	Const *bool
	// Literal: operand LiteralOperand (a decimal literal compared with an integral) is
	// replaced by the BIGINT literal *Literal, its floor or ceiling as the operator needs
	// (int_col > 1.5 becomes int_col > 1), before the casts above.
	Literal        *int64
	LiteralOperand int
	// BoolFold (legacy mode, = and <=> only): a boolean compared with the numeric literal 1
	// or 0 is folded to "b" (b = 1), "NOT b" (b = 0), "b IS NOT NULL AND b" (b <=> 1) or
	// "b IS NOT NULL AND NOT b" (b <=> 0), b being operand BoolOperand.
	BoolFold    string
	BoolOperand int
}

// Comparison is the common type both sides of a comparison are cast to, as for "=" (see
// CompareOp; the ordering comparisons only differ in legacy mode, where boolean = number
// casts the boolean to the number's type but boolean < number fails). False when Spark
// fails the comparison's type check.
func (m Mode) Comparison(l, r Operand) (types.DataType, bool) {
	c, err := m.CompareOp("=", l, r)
	if err != nil {
		return nil, false
	}
	return c.Type, true
}

// CompareOp resolves the comparison op ("=", "<=>", "<", "<=", ">", ">="; "!=" and "<>"
// are NOT of "=") on operands l and r: string promotion (ANSI: the string takes the other
// side's type, integral -> BIGINT, fractional -> DOUBLE; legacy: dates, timestamps and
// numbers win except decimals with a scale, which compare as DOUBLE), DecimalPrecision (two
// decimals widen; an integral with a decimal becomes a decimal; a float/double with a
// decimal becomes DOUBLE), legacy BooleanEquality, then the tightest common type. A failed
// check is a *MismatchError (BINARY_OP_DIFF_TYPES, or INVALID_ORDERING_TYPE for maps,
// VARIANT and the legacy INTERVAL).
func (m Mode) CompareOp(op string, l, r Operand) (Compare, error) {
	switch op {
	case "!=", "<>":
		op = "="
	case "==":
		op = "="
	}
	if !compareOps[op] {
		return Compare{}, fmt.Errorf("coercion: %q is not a comparison operator", op)
	}
	n := newNode(op, l, r)
	m.resolve(n)
	res := Compare{Type: types.Boolean}
	switch {
	case n.constant != nil:
		res.Const = n.constant
		return res, nil
	case n.boolRewrite != "":
		res.BoolFold = n.boolRewrite
		res.BoolOperand = n.literalSide
		return res, nil
	}
	if err := m.check(n); err != nil {
		return Compare{}, err
	}
	res.LeftCasts, res.RightCasts = n.args[0].casts, n.args[1].casts
	if k := len(res.LeftCasts); k > 0 {
		res.Left = res.LeftCasts[k-1]
	}
	if k := len(res.RightCasts); k > 0 {
		res.Right = res.RightCasts[k-1]
	}
	if n.literalSide > 0 {
		v := n.literal
		res.Literal, res.LiteralOperand = &v, n.literalSide-1
	}
	res.Type = n.args[0].t
	return res, nil
}

// literalRat is the exact value of a numeric literal operand.
func literalRat(o Operand) (*big.Rat, bool) {
	if !o.Literal {
		return nil, false
	}
	if isIntegral(o.Type) {
		return new(big.Rat).SetInt64(o.IntValue), true
	}
	if o.DecimalValue == "" || !isFractional(o.Type) {
		return nil, false
	}
	return new(big.Rat).SetString(o.DecimalValue)
}

var (
	minLongRat = new(big.Rat).SetInt64(math.MinInt64)
	maxLongRat = new(big.Rat).SetInt64(math.MaxInt64)
)

// floorCeil returns the floor and ceiling of v (within the BIGINT range).
func floorCeil(v *big.Rat) (floor, ceil int64) {
	q := new(big.Int).Quo(v.Num(), v.Denom()) // truncated toward zero
	f := q.Int64()
	c := f
	if !v.IsInt() {
		if v.Sign() < 0 {
			f--
		} else {
			c++
		}
	}
	return f, c
}

// integralDecimalLiteral is DecimalPrecisionTypeCoercion.integralAndDecimalLiteral: an
// ordering comparison of an integral with a decimal literal compares with the literal's
// floor or ceiling as a BIGINT, or folds to a constant when the literal is beyond BIGINT.
func integralDecimalLiteral(n *node) bool {
	a, b := n.args[0], n.args[1]
	decLit := func(x *term) (*big.Rat, bool) {
		if !x.lit || !isDecimal(x.t) {
			return nil, false
		}
		return literalRat(x.op)
	}
	var (
		v        *big.Rat
		litSide  *term
		integral bool // the integral is on the left
	)
	if x, ok := decLit(b); ok && isIntegral(a.t) {
		v, litSide, integral = x, b, true
	} else if x, ok := decLit(a); ok && isIntegral(b.t) {
		v, litSide, integral = x, a, false
	} else {
		return false
	}
	var tooSmall, tooLarge, useFloor bool
	switch n.fn {
	case ">":
		tooSmall, tooLarge, useFloor = true, false, integral
	case ">=":
		tooSmall, tooLarge, useFloor = true, false, !integral
	case "<":
		tooSmall, tooLarge, useFloor = false, true, !integral
	case "<=":
		tooSmall, tooLarge, useFloor = false, true, integral
	default:
		return false
	}
	if !integral {
		// decimal_literal op int_col: the constants flip.
		tooSmall, tooLarge = !tooSmall, !tooLarge
	}
	switch {
	case v.Cmp(minLongRat) < 0:
		n.constant = &tooSmall
		return true
	case v.Cmp(maxLongRat) > 0:
		n.constant = &tooLarge
		return true
	}
	f, c := floorCeil(v)
	val := c
	if useFloor {
		val = f
	}
	litSide.t = types.Long
	litSide.casts = nil
	litSide.op = Operand{Type: types.Long, Literal: true, IntValue: val, Foldable: true}
	n.literalSide, n.literal = litSide.side+1, val
	return true
}

// booleanEquality is BooleanEqualityTypeCoercion (legacy mode): boolean = number casts the
// boolean to the number's type; with the literal 1 or 0 the comparison folds.
func booleanEquality(m Mode, n *node) {
	if n.fn != "=" && n.fn != "<=>" {
		return
	}
	a, b := n.args[0], n.args[1]
	fold := func(boolSide, num *term) bool {
		v, ok := literalRat(num.op)
		if !ok || !num.lit || !isNumeric(num.t) {
			return false
		}
		var f string
		switch {
		case v.Cmp(big.NewRat(1, 1)) == 0:
			f = "b"
		case v.Sign() == 0:
			f = "NOT b"
		default:
			return false
		}
		if n.fn == "<=>" {
			f = "b IS NOT NULL AND " + f
		}
		n.boolRewrite, n.literalSide = f, boolSide.side
		return true
	}
	switch {
	case isBoolean(a.t) && isNumeric(b.t):
		if !fold(a, b) {
			n.castTo(a, b.t)
		}
	case isNumeric(a.t) && isBoolean(b.t):
		if !fold(b, a) {
			n.castTo(b, a.t)
		}
	}
}
