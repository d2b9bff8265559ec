package coercion

import (
	"strconv"

	"github.com/sailgo/sail/sql/types"
)

// Spark's decimal limits (DecimalType.MAX_PRECISION, MAX_SCALE, MINIMUM_ADJUSTED_SCALE).
const (
	maxPrecision         = types.MaxDecimalPrecision
	maxScale             = types.MaxDecimalScale
	minimumAdjustedScale = 6
)

// DecimalForType is DecimalType.forType, the decimal type that holds every value of a
// numeric type: tinyint -> (3,0), smallint -> (5,0), int -> (10,0), bigint -> (20,0),
// float -> (14,7), double -> (30,15), and a decimal itself. Other types have none.
func DecimalForType(t types.DataType) (types.DecimalType, bool) {
	switch x := t.(type) {
	case types.ByteType:
		return types.DecimalType{Precision: 3, Scale: 0}, true
	case types.ShortType:
		return types.DecimalType{Precision: 5, Scale: 0}, true
	case types.IntegerType:
		return types.DecimalType{Precision: 10, Scale: 0}, true
	case types.LongType:
		return types.DecimalType{Precision: 20, Scale: 0}, true
	case types.FloatType:
		return types.DecimalType{Precision: 14, Scale: 7}, true
	case types.DoubleType:
		return types.DecimalType{Precision: 30, Scale: 15}, true
	case types.DecimalType:
		return x, true
	}
	return types.DecimalType{}, false
}

// mustDecimalFor is DecimalForType for a type known to be numeric.
func mustDecimalFor(t types.DataType) types.DecimalType {
	d, _ := DecimalForType(t)
	return d
}

// DecimalForLiteral is DataTypeUtils.fromLiteral, the decimal type Spark gives an integral
// literal next to a decimal (spark.sql.legacy.literal.pickMinimumPrecision, on by default):
// a SMALLINT, INT or BIGINT literal gets exactly the digits of its value (0 -> (1,0), 123 ->
// (3,0), -7 -> (1,0)); a TINYINT literal, like any other type, gets DecimalForType.
func DecimalForLiteral(t types.DataType, value int64) types.DecimalType {
	switch t.(type) {
	case types.ShortType, types.IntegerType, types.LongType:
		s := strconv.FormatInt(value, 10)
		if value < 0 {
			s = s[1:]
		}
		return types.DecimalType{Precision: len(s), Scale: 0}
	}
	return mustDecimalFor(t)
}

// DecimalWiderThan is DecimalType.isWiderThan: every value of other (a decimal or an
// integral type) fits d without losing digits.
func DecimalWiderThan(d types.DecimalType, other types.DataType) bool {
	return decimalWiderThan(d, other)
}

func decimalWiderThan(d types.DecimalType, other types.DataType) bool {
	var o types.DecimalType
	switch x := other.(type) {
	case types.DecimalType:
		o = x
	default:
		if !isIntegral(other) {
			return false
		}
		o = mustDecimalFor(other)
	}
	return d.Precision-d.Scale >= o.Precision-o.Scale && d.Scale >= o.Scale
}

// decimalTighterThan is DecimalType.isTighterThan.
func decimalTighterThan(d types.DecimalType, other types.DataType) bool {
	switch x := other.(type) {
	case types.DecimalType:
		return d.Precision-d.Scale <= x.Precision-x.Scale && d.Scale <= x.Scale
	}
	if isIntegral(other) {
		// Equal precision could overflow (e.g. 9999999999 does not fit an int).
		return d.Precision < mustDecimalFor(other).Precision && d.Scale == 0
	}
	return false
}

// WiderDecimal is DecimalPrecision.widerDecimalType: the decimal holding the integral
// digits and the scale of both, cut to 38 digits by dropping fractional digits first
// (DecimalType.boundedPreferIntegralDigits; spark.sql.legacy.decimal.retainFractionDigitsOnTruncate
// is off by default).
func WiderDecimal(a, b types.DecimalType) types.DecimalType {
	scale := max(a.Scale, b.Scale)
	rng := max(a.Precision-a.Scale, b.Precision-b.Scale)
	return boundedPreferIntegralDigits(scale+rng, scale)
}

func boundedPreferIntegralDigits(precision, scale int) types.DecimalType {
	if precision <= maxPrecision {
		return types.DecimalType{Precision: precision, Scale: scale}
	}
	diff := precision - maxPrecision
	return types.DecimalType{Precision: maxPrecision, Scale: max(0, scale-diff)}
}

// bounded is DecimalType.bounded.
func bounded(precision, scale int) types.DecimalType {
	return types.DecimalType{Precision: min(precision, maxPrecision), Scale: min(scale, maxScale)}
}

// adjustPrecisionScale is DecimalType.adjustPrecisionScale: a result wider than 38 digits
// keeps its integral digits and at least min(scale, 6) fractional digits.
func adjustPrecisionScale(precision, scale int) types.DecimalType {
	if precision <= maxPrecision {
		return types.DecimalType{Precision: precision, Scale: scale}
	}
	intDigits := precision - scale
	minScale := min(scale, minimumAdjustedScale)
	return types.DecimalType{Precision: maxPrecision, Scale: max(maxPrecision-intDigits, minScale)}
}

// DecimalResult is the result type of a binary arithmetic operator on two decimals, as the
// operators' resultDecimalType computes it with spark.sql.decimalOperations.allowPrecisionLoss
// on (Spark's default):
//
//	+, -:      (max(p1-s1, p2-s2) + max(s1, s2) + 1, max(s1, s2))
//	*:         (p1 + p2 + 1, s1 + s2)
//	/:         scale max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale
//	%, pmod:   (min(p1-s1, p2-s2) + max(s1, s2), max(s1, s2))
//
// each then adjusted to at most 38 digits (adjustPrecisionScale). For "div" it is the
// intermediate quotient type (p1 - s1 + s2 digits, scale 0); the operator itself returns
// BIGINT. Any other op returns the zero DecimalType.
func DecimalResult(op string, a, b types.DecimalType) types.DecimalType {
	return decimalResult(op, a, b, true)
}

// DecimalResult is DecimalResult under the mode's spark.sql.decimalOperations.allowPrecisionLoss.
func (m Mode) DecimalResult(op string, a, b types.DecimalType) types.DecimalType {
	return decimalResult(op, a, b, !m.NoDecimalPrecisionLoss)
}

func decimalResult(op string, a, b types.DecimalType, allowPrecisionLoss bool) types.DecimalType {
	p1, s1, p2, s2 := a.Precision, a.Scale, b.Precision, b.Scale
	fit := bounded
	if allowPrecisionLoss {
		fit = adjustPrecisionScale
	}
	switch op {
	case "+", "-":
		scale := max(s1, s2)
		return fit(max(p1-s1, p2-s2)+scale+1, scale)
	case "*":
		return fit(p1+p2+1, s1+s2)
	case "/":
		if allowPrecisionLoss {
			intDig := p1 - s1 + s2
			scale := max(minimumAdjustedScale, s1+p2+1)
			return adjustPrecisionScale(intDig+scale, scale)
		}
		intDig := min(maxScale, p1-s1+s2)
		decDig := min(maxScale, max(minimumAdjustedScale, s1+p2+1))
		if diff := intDig + decDig - maxScale; diff > 0 {
			decDig -= diff/2 + 1
			intDig = maxScale - decDig
		}
		return bounded(intDig+decDig, decDig)
	case "%", "pmod":
		scale := max(s1, s2)
		return fit(min(p1-s1, p2-s2)+scale, scale)
	case "div":
		intDig := p1 - s1 + s2
		if intDig == 0 {
			intDig = 1
		}
		return bounded(intDig, 0)
	}
	return types.DecimalType{}
}
