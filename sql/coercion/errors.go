package coercion

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// MismatchError is a type check failure, as Spark raises it: the error class is
// DATATYPE_MISMATCH.<Kind> (SQLSTATE 42K09), and Parameters gives its message parameters
// except sqlExpr (the SQL of the whole expression) and, for UNEXPECTED_INPUT_TYPE, inputSql
// (the SQL of the offending argument: operand Operand, wrapped as Fn takes it), which only
// the analyzer can render.
type MismatchError struct {
	// Kind is the DATATYPE_MISMATCH sub-class:
	//   BINARY_OP_DIFF_TYPES       operands of different types: Left, Right
	//   BINARY_OP_WRONG_TYPE       both operands of type Left, which Required does not accept
	//   UNEXPECTED_INPUT_TYPE      argument ParamIndex of Fn has type Input, not Required
	//   INVALID_ORDERING_TYPE      a comparison of values of the unorderable type Left
	//   CAST_WITHOUT_SUGGESTION, CAST_WITH_CONF_SUGGESTION, CAST_WITH_FUNC_SUGGESTION
	//                              a cast from Left to Right is not allowed
	//   DATA_DIFF_TYPES            the arguments of Fn (Types) have no common type
	Kind string
	// Left and Right are the operand types (after the casts Spark added before it failed)
	// for BINARY_OP_DIFF_TYPES, the actual type for BINARY_OP_WRONG_TYPE (Left) and
	// INVALID_ORDERING_TYPE (Left), and the source and target types of the CAST_ kinds.
	Left, Right types.DataType
	// Required is the accepted type as Spark prints it (the inputType or requiredType
	// parameter), e.g. `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH"
	// or "INTERVAL")` or `("INT" or "SMALLINT" or "TINYINT")`.
	Required string
	// Fn is the operator symbol ("+", "<", "div", ...) or the function Spark rewrote the
	// operator to ("date_add", "timestamp_add_interval", ...; see Arithmetic.Fn) whose
	// check failed; for DATA_DIFF_TYPES the function name (casewhen, if, in, ...).
	Fn string
	// ParamIndex (1-based) and Input: the failing argument of Fn and its type
	// (UNEXPECTED_INPUT_TYPE). Operand tells which operand that argument is: 0 for the left
	// one, 1 for the right one.
	ParamIndex int
	Input      types.DataType
	Operand    int
	// Types are the argument types of DATA_DIFF_TYPES.
	Types []types.DataType
	// Functions, Config and ConfigValue are the suggestions of the CAST_WITH_ kinds.
	Functions, Config, ConfigValue string
}

// ErrorClass is "DATATYPE_MISMATCH.<Kind>".
func (e *MismatchError) ErrorClass() string { return "DATATYPE_MISMATCH." + e.Kind }

// SQLState is Spark's SQLSTATE of DATATYPE_MISMATCH.
func (e *MismatchError) SQLState() string { return "42K09" }

// Parameters are Spark's message parameters of the error, without sqlExpr and inputSql.
func (e *MismatchError) Parameters() map[string]string {
	p := map[string]string{}
	switch e.Kind {
	case "BINARY_OP_DIFF_TYPES":
		p["left"], p["right"] = SQLType(e.Left), SQLType(e.Right)
	case "BINARY_OP_WRONG_TYPE":
		p["inputType"], p["actualDataType"] = e.Required, SQLType(e.Left)
	case "UNEXPECTED_INPUT_TYPE":
		p["paramIndex"] = OrdinalNumber(e.ParamIndex - 1)
		p["requiredType"], p["inputType"] = e.Required, SQLType(e.Input)
	case "INVALID_ORDERING_TYPE":
		p["functionName"], p["dataType"] = quoteID(e.Fn), SQLType(e.Left)
	case "CAST_WITHOUT_SUGGESTION", "CAST_WITH_CONF_SUGGESTION", "CAST_WITH_FUNC_SUGGESTION":
		p["srcType"], p["targetType"] = SQLType(e.Left), SQLType(e.Right)
		switch e.Kind {
		case "CAST_WITH_CONF_SUGGESTION":
			p["config"], p["configVal"] = `"`+e.Config+`"`, "'"+e.ConfigValue+"'"
		case "CAST_WITH_FUNC_SUGGESTION":
			p["functionNames"] = e.Functions
		}
	case "DATA_DIFF_TYPES":
		parts := make([]string, len(e.Types))
		for i, t := range e.Types {
			parts[i] = SQLType(t)
		}
		p["functionName"], p["dataType"] = quoteID(e.Fn), "["+strings.Join(parts, ", ")+"]"
	}
	return p
}

// Error renders the message as Spark does, with "<expr>" standing for the expression and
// "<input>" for the offending argument.
func (e *MismatchError) Error() string {
	p := e.Parameters()
	var msg string
	switch e.Kind {
	case "BINARY_OP_DIFF_TYPES":
		msg = "the left and right operands of the binary operator have incompatible types (" +
			p["left"] + " and " + p["right"] + ")."
	case "BINARY_OP_WRONG_TYPE":
		msg = "the binary operator requires the input type " + p["inputType"] + ", not " + p["actualDataType"] + "."
	case "UNEXPECTED_INPUT_TYPE":
		msg = "The " + p["paramIndex"] + " parameter requires the " + p["requiredType"] +
			" type, however <input> has the type " + p["inputType"] + "."
	case "INVALID_ORDERING_TYPE":
		msg = "The " + p["functionName"] + " does not support ordering on type " + p["dataType"] + "."
	case "CAST_WITHOUT_SUGGESTION":
		msg = "cannot cast " + p["srcType"] + " to " + p["targetType"] + "."
	case "CAST_WITH_CONF_SUGGESTION":
		msg = "cannot cast " + p["srcType"] + " to " + p["targetType"] + " with ANSI mode on. " +
			"If you have to cast " + p["srcType"] + " to " + p["targetType"] + ", you can set " +
			p["config"] + " as " + p["configVal"] + "."
	case "CAST_WITH_FUNC_SUGGESTION":
		msg = "cannot cast " + p["srcType"] + " to " + p["targetType"] + ". To convert values from " +
			p["srcType"] + " to " + p["targetType"] + ", you can use the functions " + p["functionNames"] + " instead."
	case "DATA_DIFF_TYPES":
		msg = "Input to " + p["functionName"] + " should all be the same type, but it's " + p["dataType"] + "."
	}
	return "[" + e.ErrorClass() + "] Cannot resolve <expr> due to data type mismatch: " + msg +
		" SQLSTATE: " + e.SQLState()
}

// DataDiffTypes is the DATA_DIFF_TYPES error of a function whose arguments have no common
// type (WiderCommonType failed): fn is the name Spark prints (casewhen, if, in, coalesce,
// array, ...).
func DataDiffTypes(fn string, ts []types.DataType) *MismatchError {
	return &MismatchError{Kind: "DATA_DIFF_TYPES", Fn: fn, Types: ts}
}

// SQLType is Spark's toSQLType of a concrete type: its SQL in double quotes ("INT",
// "DECIMAL(10,0)", "ARRAY<STRING>").
func SQLType(t types.DataType) string {
	if t == nil {
		return `""`
	}
	if u, ok := t.(types.UserDefinedType); ok && u.SQLType != nil {
		return "UDT(" + SQLType(u.SQLType) + ")"
	}
	return `"` + t.SQL() + `"`
}

// OrdinalNumber is Spark's ordinalNumber of a 0-based index: "first", "second", "third",
// then "4th", "5th", ...
func OrdinalNumber(i int) string {
	switch i {
	case 0:
		return "first"
	case 1:
		return "second"
	case 2:
		return "third"
	}
	return strconv.Itoa(i+1) + "th"
}

// quoteID is toSQLId for a single name part: back-quoted, back-quotes doubled.
func quoteID(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
