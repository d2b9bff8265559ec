package analyzer

import (
	"strconv"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// reduceDecimalLiteral is Spark's strength reduction of an ordering comparison between an
// integral and a DECIMAL literal (DecimalPrecisionTypeCoercion): the literal becomes its
// floor or ceiling as a BIGINT (1 > 0.00001 is 1 > 0, and is named so, since Spark names
// the comparison only once its operands agree), or the whole comparison a constant when the
// literal lies beyond the BIGINT range. Neither result when no rewrite applies.
func (a *analyzer) reduceDecimalLiteral(op string, args []plan.Expr) (folded plan.Expr, rewritten []plan.Expr) {
	switch op {
	case "<", "<=", ">", ">=":
	default:
		return nil, nil
	}
	c, err := a.coerce.CompareOp(op, operand(args[0]), operand(args[1]))
	if err != nil {
		return nil, nil
	}
	switch {
	case c.Const != nil:
		return &plan.Literal{Type: types.Boolean, Value: *c.Const, Text: strconv.FormatBool(*c.Const)}, nil
	case c.Literal != nil && c.LiteralOperand >= 0 && c.LiteralOperand < len(args):
		x := append([]plan.Expr(nil), args...)
		x[c.LiteralOperand] = &plan.Literal{Type: types.Long, Value: *c.Literal, Text: strconv.FormatInt(*c.Literal, 10)}
		return nil, x
	}
	return nil, nil
}

// decimalText is a decimal literal's exact value in a form big.Rat reads ("12345e-3").
func decimalText(d plan.Decimal) string {
	if d.Scale >= 0 {
		return d.Digits + "e-" + strconv.Itoa(d.Scale)
	}
	return d.Digits + "e" + strconv.Itoa(-d.Scale)
}
