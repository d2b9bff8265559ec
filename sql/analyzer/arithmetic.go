package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// numericRank orders the numeric types this version computes on, for widening.
func numericRank(dt types.DataType) int {
	switch dt.(type) {
	case types.NullType:
		return 0
	case types.ByteType:
		return 1
	case types.ShortType:
		return 2
	case types.IntegerType:
		return 3
	case types.LongType:
		return 4
	case types.FloatType:
		return 5
	case types.DoubleType:
		return 6
	}
	return -1
}

var byRank = []types.DataType{types.Null, types.Byte, types.Short, types.Integer, types.Long, types.Float, types.Double}

func resolveCall(c *plan.Call, args []plan.Expr) (plan.Expr, error) {
	text := (&plan.Call{Name: c.Name, Args: args, Infix: c.Infix}).String()
	switch c.Name {
	case "+", "-", "*", "/", "%":
		if len(args) != 2 {
			break
		}
		lt, ln := TypeOf(args[0])
		rt, rn := TypeOf(args[1])
		lr, rr := numericRank(lt), numericRank(rt)
		if lr < 0 || rr < 0 {
			if isDecimal(lt) || isDecimal(rt) {
				return nil, sparkerror.NotImplemented("decimal arithmetic")
			}
			return nil, dataTypeMismatch(c.Name, text, lt, rt)
		}
		// The wider operand type wins (tinyint + tinyint stays tinyint, as in Spark);
		// NULL takes the other side's type.
		result := byRank[max(lr, rr)]
		nullable := ln || rn
		if c.Name == "/" {
			// Spark's "/" is fractional: integral operands are cast to double.
			result = types.Double
			nullable = true // division by zero gives NULL when ANSI is off
		}
		if c.Name == "%" {
			nullable = true
		}
		return &plan.Typed{Fn: c.Name, Args: args, Type: result, Nullable: nullable, Text: text}, nil
	case "negative", "positive":
		if len(args) != 1 {
			break
		}
		t, n := TypeOf(args[0])
		if numericRank(t) <= 0 {
			return nil, sparkerror.NotImplemented("unary " + c.Name + " of " + t.SimpleString())
		}
		return &plan.Typed{Fn: c.Name, Args: args, Type: t, Nullable: n, Text: text}, nil
	}
	return nil, sparkerror.New(sparkerror.Analysis, "UNRESOLVED_ROUTINE", "42883",
		"Cannot resolve routine <routineName> on search path <searchPath>.",
		map[string]string{"routineName": "`" + c.Name + "`", "searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"})
}

func isDecimal(dt types.DataType) bool { _, ok := dt.(types.DecimalType); return ok }

func dataTypeMismatch(op, text string, l, r types.DataType) error {
	return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the binary operator have incompatible types (<left> and <right>).",
		map[string]string{"sqlExpr": `"` + text + `"`, "left": `"` + l.SQL() + `"`, "right": `"` + r.SQL() + `"`})
}
